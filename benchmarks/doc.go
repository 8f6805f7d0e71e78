// Package benchmarks measures redactd's throughput on generated logs: Go
// benchmarks of each stage on the per-line path (bench_test.go), an
// end-to-end benchmark of the binary (e2e.sh) and a comparison with
// ripgrep and cat (compare.sh). The generator is benchmarks/gen, the recall
// measurement benchmarks/recall. See README.md for how to run them and the
// numbers measured.
//
// The benchmarks run only with -bench; plain `go test` runs a quick check
// that the benchmarked setup redacts what it should.
package benchmarks
