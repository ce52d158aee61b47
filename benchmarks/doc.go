// Package benchmarks holds the SDK's benchmarks (see docs/PERFORMANCE.md):
// per-call overhead against a hand-written net/http baseline, and batch
// listing with prefetch and rate-limit pacing. It has no non-test code.
package benchmarks
