// Package auth0test is a fake Auth0 Management API for unit tests of code
// that uses the Actions endpoints, in the spirit of net/http/httptest: an
// in-process server with real state that answers as the live API does,
// quirks included.
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
// deploying one not built is a 400. A roll-back makes a new version copying
// an old one, and with update_draft copies it into the draft too. Bindings
// are replaced as a whole, with new IDs each time, and only deployed
// actions supporting the trigger can be bound. A bound action is deleted
// only with force=true, which unbinds it. Test answers 200 with stats, or
// what SetTestResult says. Executions are seeded with AddExecution. The
// trigger list is the 14 triggers of Auth0's schema with their versions.
//
// # The wire
//
// Responses are JSON (application/json; charset=utf-8) shaped as the live
// API's: deploy and roll-back answer 200 (the document says 202) with
// deployed false and no action_id; zero values and never-deployed versions
// are left out; timestamps have nanoseconds and Z; actions carry the
// undocumented current_version. Lists count pages from 0, default to 20
// items, refuse more than 100, leave "page" out when it is 0 and "total"
// out after page 0 and when empty. Request bodies are validated against
// Auth0's schemas (unknown or read-only keys and missing fields are 400
// invalid_body, with z-schema messages), query strings likewise (400
// invalid_query_string), and the bearer token is checked (401). Every API
// response carries x-ratelimit-limit, -remaining and -reset from a token
// bucket (WithRateLimit); an empty bucket is a 429.
//
// # Tokens
//
// With WithClientCredentials, POST /oauth/token issues access tokens for
// the client-credentials grant, so code that authenticates with
// option.WithClientCredentials can be tested; RevokeTokens invalidates
// them to test renewal after a 401.
//
// # Faults
//
// Fail, Inject and DropConnections make chosen requests fail with a status
// (429s with rate-limit headers and an optional Retry-After, 5xx with
// Auth0's error body), arrive late, or lose their connection; SetLatency
// slows every response. Requests and RequestCount show what was received,
// by route (the Route… constants).
//
// A Server is safe for concurrent use, and tests using their own servers
// can run in parallel.
package auth0test
