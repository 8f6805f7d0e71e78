#!/usr/bin/env bash
# End-to-end benchmark of the redactd binary: `redactd < file > /dev/null`
# on generated clean and dirty logs, with 1 and 2 detect workers, reporting
# MiB/s of wall time (best of $RUNS), MiB per CPU-second (user+sys of that
# run; on a machine shared with other work wall time also measures the
# neighbours) and peak RSS (largest of the runs).
#
#   benchmarks/e2e.sh                      # 512 MiB files, 3 runs each
#   SIZE=128MiB RUNS=1 benchmarks/e2e.sh   # quicker
#
# Generated files are cached in $DATA (default ${TMPDIR:-/tmp}/redactd-bench),
# keyed by size, seed and a hash of the generator's source.
set -euo pipefail

cd "$(dirname "$0")/.."
SIZE=${SIZE:-512MiB}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
WORKERS=${WORKERS:-"1 2"}
DATA=${DATA:-${TMPDIR:-/tmp}/redactd-bench}
BIN=${BIN:-/tmp/redactd}
mkdir -p "$DATA"

if [[ ! -x /usr/bin/time ]]; then
	echo "e2e.sh: /usr/bin/time is missing (apt-get install -y time)" >&2
	exit 2
fi

commit=$(git log -1 --format=%h 2>/dev/null || echo '?')
echo "building $BIN at $commit" >&2
go build -o "$BIN" ./cmd/redactd

# gen_file PROFILE: prints the path of the cached generated file.
gen_file() {
	local hash f
	hash=$(find benchmarks/internal/loggen benchmarks/gen -name "*.go" ! -name "*_test.go" | sort | xargs cat | sha256sum | cut -c1-12)
	f="$DATA/$1-$SIZE-s$SEED-$hash.log"
	if [[ ! -s $f ]]; then
		echo "generating $f" >&2
		go run ./benchmarks/gen -size "$SIZE" -profile "$1" -seed "$SEED" -o "$f.tmp"
		mv "$f.tmp" "$f"
	fi
	echo "$f"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A stable fingerprint key keeps redactd from warning about a random one.
export REDACTD_FINGERPRINT_KEY=${REDACTD_FINGERPRINT_KEY:-redactd-benchmarks-fixed-key-0123456789}

# run_one FILE WORKERS: prints "seconds cpu_seconds maxrss_kib": the wall
# and CPU (user+sys) time of the fastest run, and the largest RSS seen.
run_one() {
	local file=$1 w=$2 best="" cpu="" rss=0 i e m u s
	printf 'workers = %d\n' "$w" >"$tmp/w$w.toml"
	cat "$file" >/dev/null # warm the page cache
	for ((i = 0; i < RUNS; i++)); do
		/usr/bin/time -f '%e %M %U %S' -o "$tmp/time" "$BIN" -c "$tmp/w$w.toml" <"$file" >/dev/null
		read -r e m u s <"$tmp/time"
		if [[ -z $best ]] || awk -v a="$e" -v b="$best" 'BEGIN{exit !(a<b)}'; then
			best=$e
			cpu=$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u+s}')
		fi
		((m > rss)) && rss=$m
	done
	echo "$best $cpu $rss"
}

clean=$(gen_file clean)
dirty=$(gen_file dirty)
echo
printf 'redactd end to end, %s per file, %d cores (nproc), best of %d runs, commit %s, load average %s\n' "$SIZE" "$(nproc)" "$RUNS" "$commit" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-8s %9s %9s %9s %11s %12s\n' profile workers seconds MiB/s cpu-s "MiB/cpu-s" "peak RSS"
declare -A speed
for prof in clean dirty; do
	f=$clean
	[[ $prof == dirty ]] && f=$dirty
	mib=$(awk -v b="$(stat -c %s "$f")" 'BEGIN{printf "%.1f", b/1048576}')
	for w in $WORKERS; do
		read -r secs cpu rss < <(run_one "$f" "$w")
		s=$(awk -v m="$mib" -v s="$secs" 'BEGIN{ if (s <= 0) s = 0.01; printf "%.0f", m/s }')
		c=$(awk -v m="$mib" -v s="$cpu" 'BEGIN{ if (s <= 0) s = 0.01; printf "%.0f", m/s }')
		speed[$prof$w]=$s
		printf '%-8s %-8s %9s %9s %9s %11s %8d MiB\n' "$prof" "$w" "$secs" "$s" "$cpu" "$c" "$((rss / 1024))"
	done
done
for w in $WORKERS; do
	awk -v c="${speed[clean$w]}" -v d="${speed[dirty$w]}" -v w="$w" 'BEGIN{ if (c > 0) printf "dirty/clean at %d workers: %.2f\n", w, d/c }'
done
