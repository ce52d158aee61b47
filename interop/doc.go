// Package interop runs other clients of Auth0's Management API against
// auth0test, the SDK's fake, as their users would: today Auth0's own Deploy
// CLI (auth0-deploy-cli, pinned in tools/deploycli), over HTTPS with
// client credentials. Its tests are the proof that the fake answers what
// those clients rely on, and that it answers nothing the live API would
// not; and that actionsync and the Deploy CLI read each other's files:
//   - TestDeployCLIRoundTrip imports the Deploy CLI's own example, exports
//     it (the export plans with no changes with actionsync.LoadDir), and
//     imports the export again;
//   - TestDeployCLIImportsWriteDir imports a directory actionsync.WriteDir
//     wrote, checks that the tenant is the config, and exports it as a
//     directory and as a YAML file, which actionsync.LoadDir and LoadYAML
//     read into configs that plan with no changes.
//
// BenchmarkDeployCLI… put auth0-actions and the Deploy CLI side by side on
// the same files and the same fake (docs/PERFORMANCE.md).
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
// Each import by a0deploy starts with a schema validation that takes the
// Deploy CLI about thirteen seconds of CPU (an export takes about one), so
// the tests (three imports, three exports, the two tests in parallel) take
// about 45 s; they are not part of `make unit`, which leaves them to `make
// interop`.
package interop
