package auth0_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/internal/testutil/mockapi"
	"github.com/actions-sdk/auth0-go/option"
)

// Helpers shared by the external tests of package auth0 (package
// auth0_test): clients on a transport of the test's own, responders, a
// recorder of what was sent, and the values several files' fixtures share.
//
// The client set-up, the responders and the recorder are
// internal/testutil/mockapi's, shared with the internal tests
// (helpers_internal_test.go); a Go file belongs to one package, so each
// package keeps its own small adapters here.

// The tenant, credentials and smallest action response of the client tests.
const (
	testDomain        = mockapi.Domain
	testBaseURL       = mockapi.BaseURL
	testTokenURL      = mockapi.TokenURL
	testToken         = mockapi.Token
	testClientID      = "client-id-abc"
	testClientSecret  = "client-secret-xyz-987"
	minimalActionJSON = `{"id":"act_1","name":"my-action","status":"built"}`
)

// newTestClient returns a client talking to tr (mockapi's set-up: the test
// domain, a static token, millisecond retry waits); opts come last and win.
func newTestClient(tr http.RoundTripper, opts ...option.RequestOption) *auth0.Client {
	return auth0.NewClient(mockapi.ClientOptions(tr, opts...)...)
}

// newCredentialsClient is newTestClient with client credentials instead of a token.
func newCredentialsClient(tr http.RoundTripper, opts ...option.RequestOption) *auth0.Client {
	base := []option.RequestOption{option.WithClientCredentials(testClientID, testClientSecret)}
	return newTestClient(tr, append(base, opts...)...)
}

// respondWith returns a responder that builds a fresh response on every call,
// with Content-Length set and header pairs kv.
func respondWith(status int, body string, kv ...string) httpmock.Responder {
	return mockapi.Respond(status, body, kv...)
}

// respondChunked is respondWith with an unknown length (ContentLength -1).
func respondChunked(status int, body string) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		resp, _ := respondWith(status, body)(req)
		resp.ContentLength = -1
		resp.TransferEncoding = []string{"chunked"}
		return resp, nil
	}
}

// respondInTurn answers with rs in order and repeats the last one.
func respondInTurn(rs ...httpmock.Responder) httpmock.Responder {
	var mu sync.Mutex
	n := 0
	return func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		r := rs[min(n, len(rs)-1)]
		n++
		mu.Unlock()
		return r(req)
	}
}

// requestRecorder is mockapi's recorder, read by index.
type requestRecorder struct{ mockapi.Recorder }

func (rec *requestRecorder) wrap(r httpmock.Responder) httpmock.Responder { return rec.Wrap(r) }

func (rec *requestRecorder) len() int { return rec.Len() }

func (rec *requestRecorder) req(i int) *http.Request { return rec.At(i).Raw }

func (rec *requestRecorder) body(i int) string { return string(rec.At(i).Body) }

// gap returns the time between request i-1 and request i.
func (rec *requestRecorder) gap(i int) time.Duration { return rec.At(i).At.Sub(rec.At(i - 1).At) }

// recordAll sends every request to r and records it.
func recordAll(r httpmock.Responder) (*httpmock.MockTransport, *requestRecorder) {
	tr := httpmock.NewMockTransport()
	rec := &requestRecorder{}
	tr.RegisterNoResponder(rec.wrap(r))
	return tr, rec
}

// tokenResponder answers /oauth/token with the given tokens in order
// (repeating the last) and expires_in seconds, checking the form.
func tokenResponder(t *testing.T, expiresIn int, tokens ...string) (httpmock.Responder, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	return func(req *http.Request) (*http.Response, error) {
		i := int(n.Add(1)) - 1
		tok := tokens[min(i, len(tokens)-1)]
		body := fmt.Sprintf(`{"access_token":%q,"expires_in":%d,"token_type":"Bearer","scope":"read:actions"}`, tok, expiresIn)
		return respondWith(http.StatusOK, body)(req)
	}, &n
}

// tokenSourceFunc adapts a function to oauth2.TokenSource.
type tokenSourceFunc func() (*oauth2.Token, error)

func (f tokenSourceFunc) Token() (*oauth2.Token, error) { return f() }

// roundTripFunc adapts a function to http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// debugLogger logs at debug level, as text, into w.
func debugLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// blockUntilDone waits until the request's context ends, then fails the
// request the way a transport does.
func blockUntilDone(req *http.Request) (*http.Response, error) {
	<-req.Context().Done()
	return nil, req.Context().Err()
}

// checkMessage asserts the rules every message of the package follows: it
// starts with "auth0: ", says "auth0:" only there, and names a call only by
// its method and full URL.
func checkMessage(t *testing.T, msg string) {
	t.Helper()
	assert.True(t, strings.HasPrefix(msg, "auth0: "), "the message starts with the prefix: %q", msg)
	assert.Equal(t, 1, strings.Count(msg, "auth0:"), "auth0: once: %q", msg)
	for _, m := range callForm.FindAllStringSubmatch(msg, -1) {
		assert.Regexp(t, `^https?://`, m[2], "a call is named by method and full URL: %q", msg)
	}
}

// callForm finds a call named in a message: a method and what follows it.
var callForm = regexp.MustCompile(`\b(GET|POST|PATCH|PUT|DELETE) (\S*/\S*)`)

// postLoginV3 is the trigger most fixtures support.
var postLoginV3 = []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}

// fastPolling makes the helpers poll every millisecond or two.
var fastPolling = option.WithPollInterval(time.Millisecond, 2*time.Millisecond)

// createAction adds an action supporting post-login to the fake, directly.
func createAction(t *testing.T, srv *auth0test.Server, name string) auth0.Action {
	t.Helper()
	return srv.AddAction(auth0.ActionNewParams{Name: name, SupportedTriggers: postLoginV3,
		Code: auth0.String("exports.onExecutePostLogin = async () => {};")})
}

// writes counts the requests that change state.
func writes(srv *auth0test.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			n++
		}
	}
	return n
}

// bindTriggersJSON is a trigger list with one entity-bound trigger;
// post-login is listed at two versions, one without a policy.
const bindTriggersJSON = `{"triggers":[
 {"id":"post-login","version":"v3","status":"CURRENT","binding_policy":"trigger-bound"},
 {"id":"post-login","version":"v2","status":"DEPRECATED"},
 {"id":"credentials-exchange","version":"v2","status":"CURRENT","binding_policy":"trigger-bound"},
 {"id":"custom-token-exchange","version":"v1","status":"CURRENT","binding_policy":"entity-bound"}]}`

// The live API's messages when it refuses a binding, which the binding
// tests make the fake answer (auth0test.Fault with Status 400).
const (
	msgNotDeployedYet  = "Trying to create a binding for an action that has not been deployed yet."
	msgEntityBoundList = "cannot list action bindings for an entity-bound trigger"
)

// newBindServer returns a fake tenant and a client of it for the binding
// tests (bindClient).
func newBindServer(t *testing.T, opts ...option.RequestOption) (*auth0test.Server, *auth0.Client) {
	t.Helper()
	srv := auth0test.NewServer(t)
	return srv, bindClient(srv, opts...)
}

// bindClient returns a client of srv that polls fast and does not retry,
// then opts.
func bindClient(srv *auth0test.Server, opts ...option.RequestOption) *auth0.Client {
	return srv.Client(append([]option.RequestOption{fastPolling, option.WithMaxRetries(0)}, opts...)...)
}

// refuseBindings answers the next n PATCHes of bindings (every one when n
// is negative) with the live API's 400 saying msg.
func refuseBindings(srv *auth0test.Server, n int, msg string) {
	srv.Inject(auth0test.RouteBindingsUpdate, auth0test.Fault{Times: n, Status: http.StatusBadRequest, Message: msg})
}

// refuseThenHold answers n PATCHes of bindings with the not-deployed 400,
// then holds the next one until the call's deadline cuts it: the call
// gives up after exactly n refusals, however slow the machine.
func refuseThenHold(srv *auth0test.Server, n int) {
	refuseBindings(srv, n, msgNotDeployedYet)
	srv.Inject(auth0test.RouteBindingsUpdate, auth0test.Fault{Times: 1, Hold: true})
}

// putDeployed puts into srv a deployed action supporting post-login for
// each ID, named as its ID (so its binding's display name is the ID too).
func putDeployed(t *testing.T, srv *auth0test.Server, ids ...string) {
	t.Helper()
	for _, id := range ids {
		srv.PutAction(auth0.Action{ID: id, Name: id, Code: "c", SupportedTriggers: postLoginV3,
			DeployedVersion: &auth0.ActionVersion{}, AllChangesDeployed: true})
	}
}

// bindDeployed puts deployed actions with these IDs into srv (putDeployed),
// binds them to post-login in this order, and forgets the requests that
// took, so that a test sees only its own.
func bindDeployed(t *testing.T, srv *auth0test.Server, ids ...string) {
	t.Helper()
	putDeployed(t, srv, ids...)
	var items []auth0.BindingUpdate
	for _, id := range ids {
		items = append(items, auth0.BindingUpdate{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: id}})
	}
	_, err := srv.Client().Actions.Triggers.Bindings.Update(t.Context(), auth0.TriggerPostLogin, auth0.BindingUpdateParams{Bindings: items})
	require.NoError(t, err)
	srv.ResetRequests()
}

// patchBodies returns the bodies of the PATCHes of bindings srv received,
// in order.
func patchBodies(srv *auth0test.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		if r.Route == auth0test.RouteBindingsUpdate {
			out = append(out, string(r.Body))
		}
	}
	return out
}

// requestLog returns the requests srv received, in order, each as its
// method and path below /api/v2/, such as "GET actions/triggers".
func requestLog(srv *auth0test.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		out = append(out, r.Method+" "+strings.TrimPrefix(r.Path, "/api/v2/"))
	}
	return out
}
