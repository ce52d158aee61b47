package auth0_test

import (
	"encoding/json"
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
	"golang.org/x/oauth2"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

// Helpers shared by the external tests of package auth0 (package
// auth0_test): clients on a transport of the test's own, responders, a
// recorder of what was sent, and the values several files' fixtures share.
//
// They live apart from helpers_test.go because a Go file belongs to one
// package: helpers_test.go is package auth0 (it reaches unexported fields),
// and the tests here use the SDK only through its exported API, as users do.

// The tenant, credentials and smallest action response of the client tests.
const (
	testDomain        = "tenant.auth0.com"
	testBaseURL       = "https://tenant.auth0.com/api/v2/"
	testTokenURL      = "https://tenant.auth0.com/oauth/token"
	testToken         = "tok-static-0123456789"
	testClientID      = "client-id-abc"
	testClientSecret  = "client-secret-xyz-987"
	minimalActionJSON = `{"id":"act_1","name":"my-action","status":"built"}`
)

// newTestClient returns a client talking to tr, with a domain, a static token
// and millisecond retry waits given explicitly (NewClient also reads AUTH0_*
// from the environment; explicit options win). opts come last and win.
func newTestClient(tr http.RoundTripper, opts ...option.RequestOption) *auth0.Client {
	base := []option.RequestOption{
		option.WithDomain(testDomain),
		option.WithToken(testToken),
		option.WithHTTPClient(&http.Client{Transport: tr}),
		option.WithRetryWait(time.Millisecond, 5*time.Millisecond),
	}
	return auth0.NewClient(append(base, opts...)...)
}

// newCredentialsClient is newTestClient with client credentials instead of a token.
func newCredentialsClient(tr http.RoundTripper, opts ...option.RequestOption) *auth0.Client {
	base := []option.RequestOption{option.WithClientCredentials(testClientID, testClientSecret)}
	return newTestClient(tr, append(base, opts...)...)
}

// respondWith returns a responder that builds a fresh response on every call,
// with Content-Length set and header pairs kv.
func respondWith(status int, body string, kv ...string) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		r := &http.Response{
			Status:        fmt.Sprintf("%d %s", status, http.StatusText(status)),
			StatusCode:    status,
			Proto:         "HTTP/1.1",
			ProtoMajor:    1,
			ProtoMinor:    1,
			Header:        http.Header{},
			Body:          io.NopCloser(strings.NewReader(body)),
			ContentLength: int64(len(body)),
			Request:       req,
		}
		if body != "" {
			r.Header.Set("Content-Type", "application/json; charset=utf-8")
		}
		for i := 0; i+1 < len(kv); i += 2 {
			r.Header.Add(kv[i], kv[i+1])
		}
		return r, nil
	}
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

// requestRecorder keeps every request a responder saw, with its body.
type requestRecorder struct {
	mu     sync.Mutex
	reqs   []*http.Request
	bodies []string
	times  []time.Time
}

func (rec *requestRecorder) wrap(r httpmock.Responder) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		var body []byte
		if req.Body != nil {
			body, _ = io.ReadAll(req.Body)
		}
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, req)
		rec.bodies = append(rec.bodies, string(body))
		rec.times = append(rec.times, time.Now())
		rec.mu.Unlock()
		return r(req)
	}
}

func (rec *requestRecorder) len() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.reqs)
}

func (rec *requestRecorder) req(i int) *http.Request {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.reqs[i]
}

func (rec *requestRecorder) body(i int) string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.bodies[i]
}

// gap returns the time between request i-1 and request i.
func (rec *requestRecorder) gap(i int) time.Duration {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.times[i].Sub(rec.times[i-1])
}

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

// The 400 bodies the live API sends when a binding is refused.
const (
	notDeployedBody  = `{"statusCode":400,"error":"Bad Request","message":"Trying to create a binding for an action that has not been deployed yet."}`
	entityBoundBody  = `{"statusCode":400,"error":"Bad Request","message":"cannot list action bindings for an entity-bound trigger"}`
	missingValueBody = `{"statusCode":400,"error":"Bad Request","message":"Payload validation error: 'Missing required property: value' on property bindings[0].ref.","errorCode":"invalid_body"}`
)

// bindTenant is a scripted tenant: it keeps each trigger's bindings, answers
// the trigger list, and lets a test script the answers to PATCH.
type bindTenant struct {
	mu       sync.Mutex
	triggers string
	bound    map[string][]string // trigger -> action IDs
	patches  []string            // bodies of the PATCHes, in order
	log      []string            // "METHOD path" of every request
	// patch, when set, answers the n-th PATCH (0-based) instead of the
	// tenant; a zero status lets the tenant answer, -1 holds the request
	// until its context ends.
	patch func(n int) (int, string)
	// list, when set, answers GET bindings instead of the tenant.
	list func() (int, string)
}

func (s *bindTenant) client(opts ...option.RequestOption) *auth0.Client {
	tr := httpmock.NewMockTransport()
	tr.RegisterNoResponder(s.serve)
	return newTestClient(tr, append([]option.RequestOption{fastPolling, option.WithMaxRetries(0)}, opts...)...)
}

func (s *bindTenant) serve(req *http.Request) (*http.Response, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	path := strings.TrimPrefix(req.URL.Path, "/api/v2/")
	s.log = append(s.log, req.Method+" "+path)
	switch {
	case req.Method == http.MethodGet && path == "actions/triggers":
		return respondWith(http.StatusOK, s.triggers)(req)
	case strings.HasPrefix(path, "actions/triggers/") && strings.HasSuffix(path, "/bindings"):
		trigger := strings.TrimSuffix(strings.TrimPrefix(path, "actions/triggers/"), "/bindings")
		if req.Method == http.MethodGet {
			if s.list != nil {
				status, body := s.list()
				return respondWith(status, body)(req)
			}
			var items []string
			for _, id := range s.bound[trigger] {
				items = append(items, fmt.Sprintf(`{"id":"bnd-%s","trigger_id":%q,"display_name":%q,"action":{"id":%q}}`, id, trigger, id, id))
			}
			return respondWith(http.StatusOK, `{"bindings":[`+strings.Join(items, ",")+`],"per_page":100}`)(req)
		}
		var body struct {
			Bindings []struct {
				Ref auth0.BindingRef `json:"ref"`
			} `json:"bindings"`
		}
		raw, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		s.patches = append(s.patches, string(raw))
		if s.patch != nil {
			switch status, resp := s.patch(len(s.patches) - 1); status {
			case 0:
			case -1: // hold until the request's context ends
				s.mu.Unlock()
				defer s.mu.Lock()
				return blockUntilDone(req)
			default:
				return respondWith(status, resp)(req)
			}
		}
		if err := json.Unmarshal(raw, &body); err != nil {
			return respondWith(http.StatusBadRequest, `{"statusCode":400,"error":"Bad Request","message":"bad JSON"}`)(req)
		}
		ids := []string{}
		for _, b := range body.Bindings {
			ids = append(ids, b.Ref.Value)
		}
		s.bound[trigger] = ids
		return respondWith(http.StatusOK, `{"bindings":[]}`)(req)
	}
	return respondWith(http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"no such route in this script"}`)(req)
}

func (s *bindTenant) patchBodies() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.patches...)
}

func (s *bindTenant) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log...)
}

func (s *bindTenant) boundTo(trigger string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.bound[trigger]...)
}

func newBindTenant() *bindTenant {
	return &bindTenant{triggers: bindTriggersJSON, bound: map[string][]string{}}
}

// refuseThenHold answers n PATCHes with the not-deployed 400, then holds the
// next one until the call's deadline cuts it: the call gives up after
// exactly n refusals, however slow the machine.
func refuseThenHold(n int) func(int) (int, string) {
	return func(i int) (int, string) {
		if i < n {
			return http.StatusBadRequest, notDeployedBody
		}
		return -1, ""
	}
}
