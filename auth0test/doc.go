// Package auth0test is a fake Auth0 Management API for tests of code that
// uses the Actions endpoints (all 24 operations, Action Modules included),
// in the spirit of net/http/httptest: a server with real state that
// answers as the live API does, quirks included. Go tests run it
// in-process; programs in any language (Auth0's Deploy CLI and Terraform
// provider, the Node.js and Python SDKs) reach it over HTTPS, in-process
// (WithTLS) or as a standalone server (auth0test/cmd/auth0test).
//
//	func TestRelease(t *testing.T) {
//		t.Parallel()
//		srv := auth0test.NewServer(t) // closed when the test ends
//		client := srv.Client()        // an *auth0.Client pointed at it
//
//		action, err := client.Actions.New(ctx, auth0.ActionNewParams{
//			Name:              "add-roles",
//			SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
//			Code:              auth0.String(`exports.onExecutePostLogin = async () => {};`),
//		})
//		// ... code under test deploys and binds it ...
//		if got := srv.Bindings(auth0.TriggerPostLogin); len(got) != 1 {
//			t.Fatalf("bindings = %d, want 1", len(got))
//		}
//	}
//
// Where the fake's behaviour comes from: Auth0's OpenAPI document for the
// shapes and rules it states, and recordings of live traffic where the
// live API differs or the document is silent (the Terraform provider's and
// go-auth0's go-vcr cassettes, the Deploy CLI's e2e recordings of 2026-08;
// testdata/recordings holds the ones the tests replay). Where the two
// disagree, the recordings win. What no source settles is said below as
// "unconfirmed".
//
// # State
//
// A created action starts "pending" with all_changes_deployed false and
// becomes "built" at once, after some reads (WithBuildAfterReads) or after
// a delay (WithBuildDelay); meanwhile it reads "building", or in turn the
// statuses of WithBuildStatuses ("packaged", "retrying", as live builds
// show). FailBuildMarker in the code, or FailBuilds, makes it "failed". An
// update changes only the draft and builds again, even when it changes
// nothing, as live. Deploying a built action makes an immutable version
// numbered 1, 2, …; deploying one not built is the live API's 400 "A draft
// must be in the 'built' state before it can be deployed.", the phrase
// Auth0's Deploy CLI and Terraform provider retry on (a failed draft gets
// the same 400: its live answer is unconfirmed). A roll-back makes a new
// version copying an old one, and with update_draft copies it into the
// draft too. Bindings are replaced as a whole, with new IDs each time, and
// only deployed actions supporting the trigger can be bound. A bound
// action is deleted only with force=true, which unbinds it. Test answers
// 200 with stats, or what SetTestResult says. Executions are seeded with
// AddExecution; WithSeed starts the server with modules, actions and
// bindings.
//
// The trigger list is the live one of 2026-08, entry for entry and in its
// order (the Deploy CLI's e2e recordings): 13 triggers in 20 versions,
// with mcp-tool (not yet in the OpenAPI document) and without
// login-post-identifier and signup-post-identifier (in the document, not
// in that tenant's list; the API accepts their IDs, but no action can
// support them). Current versions offer the runtimes node18-actions and
// node22, deprecated v1 versions node22 with the default node12, and
// compatible_triggers is always sent. A runtime left out is the trigger
// version's default_runtime. Four triggers are entity-bound
// (custom-token-exchange, event-stream, password-hash-migration,
// mcp-tool): listing their bindings is an empty page, as live since 2026
// (it was a 400 "cannot list action bindings for an entity-bound trigger"
// in 2024; Fault reproduces it), and changing them is a 400 "cannot update
// action bindings for an entity-bound trigger" (unconfirmed: no recording
// shows that request).
//
// # Action Modules
//
// A module has one draft, which create, update and rollback change, and
// immutable versions numbered from 1 that publishing (POST
// /actions/modules/{id}/versions) snapshots from the draft; a second
// module with a taken name is a 409. all_changes_published says whether
// the draft equals the latest version.
//
// Publishing a draft equal to the latest version is the 409 "No draft
// version is available to publish.", also when an update re-sent the
// draft unchanged: the OpenAPI document gives that 409 and its message,
// and the fake compares the draft's content, not whether an update came
// since. No recording shows the live answer to that publish, nor whether
// an unchanged update resets all_changes_published (unconfirmed); Auth0's
// CLI checks all_changes_published and skips such a publish. It matters to
// the Deploy CLI, which publishes every module its files flag
// "all_changes_published" after updating it, changed or not: re-importing
// an export of unchanged modules stops at that 409 here (and live too, if
// the document is right).
//
// Rollback copies a version into the draft and makes no version; rolling
// back again to the version the draft was rolled back to, unchanged since,
// is the 409 "already the current draft version".
//
// An action pins a module version in its modules: both IDs must be UUIDs
// (otherwise the live API's 400 "… value must be a valid UUID"), of a
// published version of that module (otherwise a 400 "The module or version
// does not exist."), one per module; the server fills in module_name and
// module_version_number. actions_using_module_total counts the actions
// whose deployed version uses the module, and while it is above 0 deleting
// the module is a 412. The module's actions list has each action whose
// deployed version or draft uses it.
//
// The limits (WithModuleLimits) are 3 modules per action, 30 secrets and 10
// dependencies per module (over them a 400), 100 modules per tenant, and 50
// versions per module: publishing at that limit deletes the oldest version
// no action's draft or deployed version uses, and is a 412 when all are
// used. AddModule, PublishModule, Module, Modules, ModuleVersions and
// ModuleActions seed and inspect them.
//
// # Live failure modes
//
// WithDeployLag reproduces the bind race after a deploy: for a while, a
// bindings update that includes the action is a 400 "Trying to create a
// binding for an action that has not been deployed yet". Builds that take
// time (WithBuildDelay, WithBuildAfterReads, WithBuildStatuses) make a
// deploy right after a create or update the 400 above.
//
// # The wire
//
// Responses are JSON (application/json; charset=utf-8) shaped as the live
// API's: deploy and roll-back answer 200 (the document says 202) with
// deployed false and no action_id; zero values and never-deployed versions
// are left out; timestamps have nanoseconds and Z; actions carry the
// undocumented current_version. Module create answers 201, publish and
// rollback 200, delete 204; module times have microseconds; a module's
// latest version is nested (latest_version, without created_at) in the
// single-module answers and flat (latest_version_number) in the list; the
// update answer keeps the times from before the update. Lists count pages
// from 0, default to 20 items, refuse more than 100, leave "page" out when
// it is 0 and "total" out after page 0 and when empty; the module and
// module-version lists always send total, page and per_page (total 0 past
// the end), and the module list returns every module when per_page is left
// out. Request bodies are validated against Auth0's schemas (unknown or
// read-only keys and missing fields are 400 invalid_body, with z-schema
// messages), query strings likewise (400 invalid_query_string), and the
// bearer token is checked (401). A test checks every route's path, query
// and body schema against Auth0's OpenAPI document in testdata/openapi.
// Every API response carries x-ratelimit-limit, -remaining and -reset from
// a token bucket (WithRateLimit); an empty bucket is a 429.
//
// # Tokens
//
// With WithClientCredentials, POST /oauth/token issues access tokens for
// the client-credentials grant, from a form or JSON body or HTTP Basic
// authentication, as Auth0's SDKs, Deploy CLI and Terraform provider ask
// for them, for the audience real clients send, https://{domain}/api/v2/
// (also URL+"/api/v2/", and the public URL's with WithPublicURL); with
// WithClientAssertion it issues them for private-key JWT
// (option.WithClientAssertion), checking the assertion as Auth0 does.
// RevokeTokens invalidates them to test renewal after a 401.
//
// # HTTPS, and clients in other languages
//
// WithTLS serves the fake over HTTPS with a certificate made at start, for
// 127.0.0.1, ::1 and localhost; Domain is then the 127.0.0.1:PORT that
// clients use as AUTH0_DOMAIN, CertificatePEM and WriteCertificate give
// the certificate to trust (SSL_CERT_FILE for Go programs,
// NODE_EXTRA_CA_CERTS for Node.js), and Client calls https://{domain}
// through option.WithDomain, trusting it, as a client of a real tenant
// does. WithListenAddress, WithPublicURL (behind a proxy) and WithLogger
// serve the standalone server, `go run
// github.com/actions-sdk/auth0-go/auth0test/cmd/auth0test`, which prints
// the environment such clients need. The interop tests of this repository
// run Auth0's Deploy CLI against it (import, export, import).
//
// # Faults
//
// Fail, Inject and DropConnections make chosen requests fail with a status
// (429s with rate-limit headers and an optional Retry-After, 5xx with
// Auth0's error body, or any 4xx with the live API's exact message and
// errorCode), arrive late, lose their connection, or hang until the client
// gives up (Fault.Hold); Fault.Before runs a function while a request is
// in flight, to land an edit underneath it. SetLatency slows every
// response. Requests and RequestCount show what was received, by route
// (the Route… constants).
//
// # What it does not model
//
//   - The rest of the Management API: only the 24 Actions operations and
//     POST /oauth/token are served; any other path is a 404. Tools that
//     call more (the Deploy CLI exports about 150 endpoints) must be
//     limited to actions, modules and triggers (its AUTH0_INCLUDED_ONLY).
//   - The entities that bind entity-bound triggers (event streams, token
//     exchange profiles, …): those triggers never have bindings here.
//   - Running code: builds install no npm package and fail only when told
//     to (FailBuildMarker, FailBuilds); Test runs nothing and answers
//     canned stats; executions exist only when seeded (AddExecution);
//     marketplace integrations only through PutAction.
//   - Scopes and permissions: every token may do everything; a 403
//     insufficient_scope, or a tenant without Action Modules, is a Fault
//     away.
//   - Custom domains and the canonical {tenant}.auth0.com audience, other
//     grant types, refresh tokens, and token quotas.
//   - Rate limits beyond one tenant-wide token bucket (no per-endpoint
//     limits; Retry-After only from a Fault).
//   - Versions that build after a deploy: a deployed version is "built" at
//     once.
//   - Persistence: the state lives in memory and ends with the server.
//
// A Server is safe for concurrent use, and tests using their own servers
// can run in parallel.
package auth0test
