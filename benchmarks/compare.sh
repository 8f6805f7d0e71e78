#!/usr/bin/env bash
# Side-by-side throughput on one generated file: redactd (all built-in
# detectors), ripgrep over the catalogue's ten most common keywords
# (case-insensitive, as a keyword prefilter must be, and case-sensitive),
# cat, and gitleaks when installed. Each tool reads the file on stdin and
# writes to /dev/null; the page cache is warmed first; best of $RUNS.
#
#   benchmarks/compare.sh                       # clean, 512 MiB
#   PROFILE=dirty SIZE=128MiB benchmarks/compare.sh
#
# Generated files are cached in $DATA like e2e.sh does.
set -euo pipefail

cd "$(dirname "$0")/.."
SIZE=${SIZE:-512MiB}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
PROFILE=${PROFILE:-clean}
DATA=${DATA:-${TMPDIR:-/tmp}/redactd-bench}
BIN=${BIN:-/tmp/redactd}
mkdir -p "$DATA"

commit=$(git log -1 --format=%h 2>/dev/null || echo '?')
echo "building $BIN at $commit" >&2
go build -o "$BIN" ./cmd/redactd
hash=$(find benchmarks/internal/loggen benchmarks/gen -name "*.go" ! -name "*_test.go" | sort | xargs cat | sha256sum | cut -c1-12)
file="$DATA/$PROFILE-$SIZE-s$SEED-$hash.log"
if [[ ! -s $file ]]; then
	echo "generating $file" >&2
	go run ./benchmarks/gen -size "$SIZE" -profile "$PROFILE" -seed "$SEED" -o "$file.tmp"
	mv "$file.tmp" "$file"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export REDACTD_FINGERPRINT_KEY=${REDACTD_FINGERPRINT_KEY:-redactd-benchmarks-fixed-key-0123456789}

keywords=(api_key token secret password Bearer AKIA ghp_ sk_live_ xoxb- BEGIN)
kwargs=()
for k in "${keywords[@]}"; do kwargs+=(-e "$k"); done

# best CMD...: prints "wall cpu" seconds of the fastest of $RUNS runs of CMD
# with the file on stdin and stdout to /dev/null (cpu = user+sys of that run).
best() {
	local b="" c="" i s e d u y
	for ((i = 0; i < RUNS; i++)); do
		s=$EPOCHREALTIME
		/usr/bin/time -f '%U %S' -o "$tmp/time" "$@" <"$file" >/dev/null || [[ $? == 1 ]] # grep-like tools exit 1 on no match
		e=$EPOCHREALTIME
		read -r u y <"$tmp/time"
		d=$(awk -v s="$s" -v e="$e" 'BEGIN{printf "%.4f", e-s}')
		if [[ -z $b ]] || awk -v a="$d" -v b="$b" 'BEGIN{exit !(a<b)}'; then
			b=$d
			c=$(awk -v u="$u" -v y="$y" 'BEGIN{printf "%.2f", u+y}')
		fi
	done
	echo "$b $c"
}

cat "$file" >/dev/null # warm the page cache
mib=$(awk -v b="$(stat -c %s "$file")" 'BEGIN{printf "%.1f", b/1048576}')

names=() secs=() cpus=()
add() {
	local w c
	read -r w c <<<"$2"
	names+=("$1")
	secs+=("$w")
	cpus+=("$c")
}
add "redactd" "$(best "$BIN")"
if command -v rg >/dev/null; then
	add "rg -F -i (10 keywords)" "$(best rg -F -i "${kwargs[@]}")"
	add "rg -F (10 keywords)" "$(best rg -F "${kwargs[@]}")"
else
	echo "ripgrep not installed (apt-get install -y ripgrep): skipped" >&2
fi
add "cat" "$(best cat)"
if command -v gitleaks >/dev/null; then
	add "gitleaks stdin" "$(best gitleaks stdin --no-banner --exit-code 0)"
else
	echo "gitleaks not installed (not packaged for this Debian, no network to fetch it): skipped" >&2
fi

rgi=""
for i in "${!names[@]}"; do [[ ${names[$i]} == "rg -F -i"* ]] && rgi=$i; done
printf '\n%s logs, %s MiB, %d cores (nproc), best of %d runs, redactd at %s, load average %s\n' "$PROFILE" "$mib" "$(nproc)" "$RUNS" "$commit" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-24s %8s %8s %7s %10s %15s\n' tool seconds MiB/s cpu-s MiB/cpu-s "redactd / tool"
red=${secs[0]}
for i in "${!names[@]}"; do
	awk -v n="${names[$i]}" -v s="${secs[$i]}" -v c="${cpus[$i]}" -v m="$mib" -v r="$red" \
		'BEGIN{ if (s <= 0) s = 0.0001; cc = c; if (cc <= 0) cc = 0.01; printf "%-24s %8.3f %8.0f %7.2f %10.0f %14.2fx\n", n, s, m/s, c, m/cc, s/r }'
done
if [[ -n $rgi ]]; then
	awk -v r="${secs[0]}" -v g="${secs[$rgi]}" -v rc="${cpus[0]}" -v gc="${cpus[$rgi]}" 'BEGIN{
		printf "redactd / rg -F -i: %.2f by wall time, %.2f by CPU time (target >= 0.75)\n", g/r, (rc > 0 ? gc/rc : 0) }'
fi
