// Package interop runs other clients of Auth0's Management API against
// auth0test, the SDK's fake, as their users would: today Auth0's own Deploy
// CLI (auth0-deploy-cli, pinned in tools/deploycli), over HTTPS with
// client credentials. Its tests are the proof that the fake answers what
// those clients rely on, and that it answers nothing the live API would
// not.
//
// The package holds only tests. They need Node.js (20.19 or newer) and the
// pinned Deploy CLI:
//
//	make deploycli   # npm ci in tools/deploycli
//	make interop     # the tests, as make test runs them
//
// Environment:
//   - DEPLOYCLI_BIN: the a0deploy executable (default
//     ../tools/deploycli/node_modules/.bin/a0deploy);
//   - CI=true: a missing Deploy CLI or Node.js fails the tests instead of
//     skipping them.
//
// Each run of a0deploy starts with a schema validation that takes the
// Deploy CLI about ten seconds of CPU, so the round trip (two imports and
// an export) takes about a minute; it is not part of `make unit`, which
// leaves it to `make interop`.
package interop
