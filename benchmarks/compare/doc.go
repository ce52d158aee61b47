// Package compare puts the SDK side by side with Auth0's official Go SDK
// (github.com/auth0/go-auth0, v1, the version the Terraform provider uses)
// and the hand-written net/http + encoding/json baseline, in one benchmark
// run against one loopback server, and compares JSON decoders on the same
// page (docs/PERFORMANCE.md). It is a module of its own, so that the SDK's
// go.mod does not gain go-auth0 or the decoders it is compared with; it has
// no non-test code.
package compare
