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
hash=$(cat benchmarks/internal/loggen/*.go benchmarks/gen/*.go | sha256sum | cut -c1-12)
file="$DATA/$PROFILE-$SIZE-s$SEED-$hash.log"
if [[ ! -s $file ]]; then
	echo "generating $file" >&2
	go run ./benchmarks/gen -size "$SIZE" -profile "$PROFILE" -seed "$SEED" -o "$file.tmp"
	mv "$file.tmp" "$file"
fi
export REDACTD_FINGERPRINT_KEY=${REDACTD_FINGERPRINT_KEY:-redactd-benchmarks-fixed-key-0123456789}

keywords=(api_key token secret password Bearer AKIA ghp_ sk_live_ xoxb- BEGIN)
kwargs=()
for k in "${keywords[@]}"; do kwargs+=(-e "$k"); done

# best CMD...: prints the best wall time in seconds of $RUNS runs of CMD with
# the file on stdin and stdout to /dev/null.
best() {
	local b="" i s e d
	for ((i = 0; i < RUNS; i++)); do
		s=$EPOCHREALTIME
		"$@" <"$file" >/dev/null || [[ $? == 1 ]] # grep-like tools exit 1 on no match
		e=$EPOCHREALTIME
		d=$(awk -v s="$s" -v e="$e" 'BEGIN{printf "%.4f", e-s}')
		if [[ -z $b ]] || awk -v a="$d" -v b="$b" 'BEGIN{exit !(a<b)}'; then b=$d; fi
	done
	echo "$b"
}

cat "$file" >/dev/null # warm the page cache
mib=$(awk -v b="$(stat -c %s "$file")" 'BEGIN{printf "%.1f", b/1048576}')

names=() secs=()
add() {
	names+=("$1")
	secs+=("$2")
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
	echo "gitleaks not installed: skipped" >&2
fi

rgi=""
for i in "${!names[@]}"; do [[ ${names[$i]} == "rg -F -i"* ]] && rgi=${secs[$i]}; done
printf '\n%s logs, %s MiB, %d cores (nproc), best of %d runs, redactd at %s, load average %s\n' "$PROFILE" "$mib" "$(nproc)" "$RUNS" "$commit" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-26s %9s %10s %16s\n' tool seconds MiB/s "redactd / tool"
red=${secs[0]}
for i in "${!names[@]}"; do
	awk -v n="${names[$i]}" -v s="${secs[$i]}" -v m="$mib" -v r="$red" \
		'BEGIN{ if (s <= 0) s = 0.0001; printf "%-26s %9.3f %10.0f %15.2fx\n", n, s, m/s, s/r }'
done
if [[ -n $rgi ]]; then
	awk -v r="$red" -v g="$rgi" 'BEGIN{ printf "redactd / rg -F -i = %.2f (target >= 0.75)\n", g/r }'
fi
