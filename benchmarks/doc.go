// Package benchmarks holds the SDK's benchmarks (see docs/PERFORMANCE.md):
// per-call overhead against a hand-written net/http baseline, and batch
// listing with prefetch and rate-limit pacing. It has no non-test code; the
// bodies and the baseline are in benchdata, shared with the side-by-side
// against Auth0's Go SDK in compare (a module of its own).
package benchmarks
