package auth0

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/actions-sdk/auth0-go/internal/rawjson"
	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/internal/testutil/mockapi"
	"github.com/actions-sdk/auth0-go/option"
)

// Helpers shared by the internal tests of package auth0: a client on a mock
// transport of its own (so every test can run in parallel), a recorder that
// answers with canned replies, request assertions, and the IDs and values
// that several files' fixtures share.

// newMockClient returns a client whose requests go to a mock transport of its
// own, so that tests can run in parallel; the set-up is mockapi's, shared with
// the external tests.
func newMockClient(t *testing.T, opts ...option.RequestOption) (*Client, *httpmock.MockTransport) {
	t.Helper()
	tr := httpmock.NewMockTransport()
	return NewClient(mockapi.ClientOptions(tr, opts...)...), tr
}

// recordedCall is one request the mock transport received.
type recordedCall = mockapi.Request

// cannedReply is one canned response.
type cannedReply struct {
	Status int
	Body   string
}

// unexpectedReply answers a request no test expected: a 418 that no code
// path of the SDK treats as success or retries.
var unexpectedReply = cannedReply{Status: http.StatusTeapot, Body: `{"statusCode":418,"error":"I'm a teapot","message":"unexpected request"}`}

// mockAPI records every request (mockapi's recorder) and answers with a
// handler.
type mockAPI struct{ mockapi.Recorder }

// Calls returns a copy of the requests received so far.
func (s *mockAPI) Calls() []recordedCall { return s.Requests() }

// only asserts that exactly one request was made and returns it.
func (s *mockAPI) only(t *testing.T) recordedCall {
	t.Helper()
	calls := s.Calls()
	require.Len(t, calls, 1, "requests made")
	return calls[0]
}

// handleAll answers every request of tr with handler; n counts requests from 0.
func handleAll(t *testing.T, tr *httpmock.MockTransport, handler func(n int, c recordedCall) cannedReply) *mockAPI {
	t.Helper()
	s := &mockAPI{}
	tr.RegisterNoResponder(s.Handle(func(n int, c recordedCall) (*http.Response, error) {
		r := handler(n, c)
		return mockapi.Respond(r.Status, r.Body)(c.Raw)
	}))
	return s
}

// serveInOrder answers the requests of tr with replies, in order. A request
// beyond the last reply fails the test.
func serveInOrder(t *testing.T, tr *httpmock.MockTransport, replies ...cannedReply) *mockAPI {
	t.Helper()
	return handleAll(t, tr, func(n int, c recordedCall) cannedReply {
		if n >= len(replies) {
			t.Errorf("unexpected request #%d: %s %s?%s", n+1, c.Method, c.Path, c.Query.Encode())
			return unexpectedReply
		}
		return replies[n]
	})
}

// routeReplies answers by "METHOD path?query"; anything else fails the test.
func routeReplies(t *testing.T, routes map[string]cannedReply) func(n int, c recordedCall) cannedReply {
	return func(n int, c recordedCall) cannedReply {
		key := c.Method + " " + c.Path
		if q := c.Query.Encode(); q != "" {
			key += "?" + q
		}
		if r, ok := routes[key]; ok {
			return r
		}
		t.Errorf("unexpected request #%d: %s", n+1, key)
		return unexpectedReply
	}
}

// assertRequest checks a request's method, escaped path, exact query and
// exact JSON body ("" means no body at all).
func assertRequest(t *testing.T, c recordedCall, method, path string, query url.Values, body string) {
	t.Helper()
	assert.Equal(t, method, c.Method, "method")
	assert.Equal(t, path, c.Path, "escaped path")
	if query == nil {
		query = url.Values{}
	}
	assert.Equal(t, query, c.Query, "query")
	if body == "" {
		assert.Empty(t, c.Body, "request body")
		assert.Empty(t, c.Header.Get("Content-Type"), "Content-Type of a request without a body")
	} else {
		assert.JSONEq(t, body, string(c.Body), "request body")
		assert.Equal(t, "application/json", c.Header.Get("Content-Type"))
	}
	assert.Equal(t, "Bearer "+mockapi.Token, c.Header.Get("Authorization"))
}

// assertExactRequest is assertRequest with the body compared byte for byte:
// what the SDK puts on the wire, field order and escaping included.
func assertExactRequest(t *testing.T, c recordedCall, method, path string, query url.Values, body string) {
	t.Helper()
	assertRequest(t, c, method, path, query, body)
	if body != "" {
		assert.Equal(t, body, string(c.Body), "exact request body bytes")
	}
}

// jsonField returns the JSON of one top-level field of a request body.
func jsonField(t *testing.T, body []byte, key string) string {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &m))
	return string(m[key])
}

// mustTime parses an RFC 3339 timestamp exactly as the JSON decoder does.
func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// bareAction returns a copy of a without the reference to its JSON, for deep
// comparison with an expected value.
func bareAction(a Action) Action { a.raw = rawjson.Ref{}; return a }

// bareVersion, bareBinding and bareTrigger are bareAction for the other
// decoded types.
func bareVersion(v ActionVersion) ActionVersion { v.raw = rawjson.Ref{}; return v }

func bareBinding(b Binding) Binding { b.raw = rawjson.Ref{}; return b }

func bareTrigger(tr Trigger) Trigger { tr.raw = rawjson.Ref{}; return tr }

// The IDs of the action, version and module of the fixtures.
const (
	testActionID  = "910b1053-577f-4d81-a8c8-020e7319a38a"
	testVersionID = "12a3b9e6-06e6-4a29-96bf-90c82fe79a0d"
)

// The module of the module fixtures, and where the module endpoints live.
const (
	testModuleID        = "7d4c2a10-5b6e-4f3a-9c8d-1e2f3a4b5c6d"
	testModuleVersionID = "c1b2a3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
	modulesPath         = "/api/v2/actions/modules"
	modulesURL          = "https://tenant.auth0.com" + modulesPath
)

// testModuleVersion1ID is version 1 of testModuleID; testModuleVersionID
// is its version 2.
const testModuleVersion1ID = "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f"

// postLoginV3 is the trigger most fixtures support.
var postLoginV3 = []Trigger{{ID: TriggerPostLogin, Version: "v3"}}

// timeNanos is a timestamp with nanoseconds, the precision the live API
// sends on updated_at.
var timeNanos = time.Date(2026, 5, 29, 10, 30, 59, 650492329, time.UTC)

// newEnvClient builds a client the way NewClient does, but reading the
// environment from env instead of os.Getenv, so env tests stay parallel.
func newEnvClient(env map[string]string, opts ...option.RequestOption) *Client {
	shared := &requestconfig.Shared{}
	all := []option.RequestOption{requestconfig.Defaults(shared)}
	all = append(all, envOptions(func(k string) string { return env[k] })...)
	all = append(all, opts...)
	c := &Client{Options: all, shared: shared}
	c.Actions = newActionService(all)
	return c
}

// fixture returns the file testdata/responses/name without its final
// newline: a whole API response, kept out of the Go source because it is
// long. A missing file stops the test binary before any test runs.
func fixture(name string) string {
	b, err := os.ReadFile(filepath.Join("testdata", "responses", name))
	if err != nil {
		panic(err)
	}
	return strings.TrimSuffix(string(b), "\n")
}

// loadOpenAPI reads and decodes Auth0's OpenAPI document.
func loadOpenAPI(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile("testdata/openapi/auth0-actions.openapi.json")
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	return doc
}

// listPageJSON renders one page of a list response: the items under key,
// then the paging fields, e.g. `"per_page":50,"total":2`.
func listPageJSON(key string, items []string, paging string) string {
	return `{"` + key + `":[` + strings.Join(items, ",") + `],` + paging + `}`
}

// livePaging renders the paging fields of a page the way the live API sends
// them on the actions list: per_page always, page left out when it is 0,
// total only on the first page, and never when total is negative.
func livePaging(page, perPage, total int) string {
	s := `"per_page":` + strconv.Itoa(perPage)
	switch {
	case page > 0:
		s += `,"page":` + strconv.Itoa(page)
	case total >= 0:
		s += `,"total":` + strconv.Itoa(total)
	}
	return s
}
