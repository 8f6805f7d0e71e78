#!/usr/bin/env bash
# Regenerates cmd/redactd/default.pgo, the CPU profile that `go build` and
# `go run` use for profile-guided optimisation of the redactd binary (Go
# picks up default.pgo in the main package's directory by itself; no flag).
#
# The profile is the pipeline benchmark (stdin source, the binary's default
# detectors and PEM follower, stdout sink) over generated clean and dirty
# logs: the daemon's hot path. Regenerate it after changing the detectors or
# the pipeline noticeably; a stale profile still helps, just less.
#
#   benchmarks/pgo.sh            # then commit cmd/redactd/default.pgo
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -run '^$' -bench 'BenchmarkPipeline$/(clean|dirty)/workers=2' -benchtime 5s \
	-cpuprofile "$tmp/cpu.prof" -o "$tmp/benchmarks.test" ./benchmarks/ >&2
cp "$tmp/cpu.prof" cmd/redactd/default.pgo
echo "wrote cmd/redactd/default.pgo ($(stat -c %s cmd/redactd/default.pgo) bytes)" >&2
