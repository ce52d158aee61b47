// Package auth0test is a fake Auth0 Management API for unit tests of code
// that uses the Actions endpoints (all 24 operations, Action Modules
// included), in the spirit of net/http/httptest: an in-process server with
// real state that answers as the live API does, quirks included.
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
// # State
//
// A created action starts "pending" with all_changes_deployed false and
// becomes "built" at once, after some reads (WithBuildAfterReads) or after
// a delay (WithBuildDelay); FailBuildMarker in the code, or FailBuilds,
// makes it "failed". An update changes only the draft and builds again.
// Deploying a built action makes an immutable version numbered 1, 2, …;
// deploying one not built (or failed) is the live API's 400 "A draft must
// be in the 'built' state before it can be deployed.", the phrase Auth0's
// Deploy CLI and Terraform provider retry on. A roll-back makes a new version copying
// an old one, and with update_draft copies it into the draft too. Bindings
// are replaced as a whole, with new IDs each time, and only deployed
// actions supporting the trigger can be bound. A bound action is deleted
// only with force=true, which unbinds it. Test answers 200 with stats, or
// what SetTestResult says. Executions are seeded with AddExecution. The
// trigger list is the live one of 2026-08, entry for entry (Auth0's Deploy
// CLI e2e recordings): 13 triggers in 20 versions, with mcp-tool and
// without login-post-identifier and signup-post-identifier; four are
// entity-bound (custom-token-exchange, event-stream,
// password-hash-migration, mcp-tool): listing their bindings is an empty
// page, as live since 2026 (a 400 in 2024), and changing them is a 400
// (unrecorded live).
//
// # Action Modules
//
// A module has one draft, which create, update and rollback change, and
// immutable versions numbered from 1 that publishing (POST
// /actions/modules/{id}/versions) snapshots from the draft; publishing a
// draft equal to the latest version is a 409, and so is a second module
// with a taken name. all_changes_published says whether the draft equals
// the latest version.
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
// binding for an action that has not been deployed yet". Entity-bound
// triggers are refused as above.
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
// the client-credentials grant, so code that authenticates with
// option.WithClientCredentials can be tested; with WithClientAssertion it
// issues them for private-key JWT (option.WithClientAssertion), checking
// the assertion as Auth0 does. RevokeTokens invalidates them to test
// renewal after a 401.
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
// A Server is safe for concurrent use, and tests using their own servers
// can run in parallel.
package auth0test
