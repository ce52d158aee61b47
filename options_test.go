package auth0_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

func TestOptionPrecedenceCallOverClient(t *testing.T) {
	t.Parallel()
	tr, rec := recordAll(respondWith(http.StatusOK, minimalActionJSON))
	c := newTestClient(tr,
		option.WithHeader("X-Who", "client"),
		option.WithHeader("X-Client-Only", "yes"),
	)
	_, err := c.Actions.Get(t.Context(), "act_1",
		option.WithHeader("X-Who", "call"),
		option.WithToken("call-token"),
	)
	require.NoError(t, err)
	h := rec.req(0).Header
	assert.Equal(t, []string{"call"}, h.Values("X-Who"))
	assert.Equal(t, "yes", h.Get("X-Client-Only"))
	assert.Equal(t, "Bearer call-token", h.Get("Authorization"))

	// Call options apply to that call only.
	_, err = c.Actions.Get(t.Context(), "act_1")
	require.NoError(t, err)
	h = rec.req(1).Header
	assert.Equal(t, "client", h.Get("X-Who"))
	assert.Equal(t, "Bearer "+testToken, h.Get("Authorization"))
}

func TestOptionPrecedenceLaterWins(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		opts    []option.RequestOption
		wantURL string
		wantTok string
	}{
		{"token then token", []option.RequestOption{option.WithToken("first"), option.WithToken("second")}, testBaseURL + "actions/actions/act_1", "second"},
		{"domain then domain", []option.RequestOption{option.WithDomain("one.auth0.com"), option.WithDomain("two.auth0.com")}, "https://two.auth0.com/api/v2/actions/actions/act_1", testToken},
		{"domain then base URL", []option.RequestOption{option.WithDomain("one.auth0.com"), option.WithBaseURL("https://proxy.example.com/v2/")}, "https://proxy.example.com/v2/actions/actions/act_1", testToken},
		{"base URL then domain", []option.RequestOption{option.WithBaseURL("https://proxy.example.com/v2/"), option.WithDomain("two.auth0.com")}, "https://two.auth0.com/api/v2/actions/actions/act_1", testToken},
		{"bad domain then good domain", []option.RequestOption{option.WithDomain("https://bad"), option.WithDomain("two.auth0.com")}, "", ""},
		{"client credentials then token", []option.RequestOption{option.WithClientCredentials("id", "secret"), option.WithToken("tok")}, testBaseURL + "actions/actions/act_1", "tok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, rec := recordAll(respondWith(http.StatusOK, minimalActionJSON))
			_, err := newTestClient(tr, tt.opts...).Actions.Get(t.Context(), "act_1")
			if tt.wantURL == "" {
				// An option that fails stops the call, even if a later
				// one would have fixed the setting.
				require.Error(t, err)
				assert.Contains(t, err.Error(), "option.WithDomain")
				assert.Equal(t, 0, tr.GetTotalCallCount())
				return
			}
			require.NoError(t, err)
			require.Equal(t, 1, rec.len(), "only the API is called (no token fetch)")
			assert.Equal(t, tt.wantURL, rec.req(0).URL.String())
			assert.Equal(t, "Bearer "+tt.wantTok, rec.req(0).Header.Get("Authorization"))
		})
	}
}

func TestOptionMaxRetriesPerCall(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		client    []option.RequestOption
		call      []option.RequestOption
		wantCalls int
	}{
		{"default is 2 retries", nil, nil, 3},
		{"client 0", []option.RequestOption{option.WithMaxRetries(0)}, nil, 1},
		{"client 0, call 4", []option.RequestOption{option.WithMaxRetries(0)}, []option.RequestOption{option.WithMaxRetries(4)}, 5},
		{"client 4, call 0", []option.RequestOption{option.WithMaxRetries(4)}, []option.RequestOption{option.WithMaxRetries(0)}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, rec := recordAll(respondWith(http.StatusServiceUnavailable, ""))
			_, err := newTestClient(tr, tt.client...).Actions.Get(t.Context(), "act_1", tt.call...)
			require.Error(t, err)
			assert.Equal(t, tt.wantCalls, rec.len())
			var apiErr *auth0.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.wantCalls, apiErr.Attempts)
		})
	}
}

func TestOptionDomainValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		domain  string
		wantErr string // "" means valid
	}{
		{"tenant.auth0.com", ""},
		{"my-tenant.eu.auth0.com", ""},
		{"login.example_corp.com", ""},
		{"", "empty"},
		{"https://tenant.auth0.com", "scheme"},
		{"http://tenant.auth0.com", "scheme"},
		{"tenant.auth0.com/api/v2", "path"},
		{"tenant.auth0.com?x=1", "path"},
		{"tenant.auth0.com#x", "path"},
		{`tenant.auth0.com\evil`, "path"},
		{"tenant.auth0.com:443", ""},
		{"127.0.0.1:8443", ""},
		{"localhost:4443", ""},
		{"[::1]:4443", ""},
		{"tenant.auth0.com:", "bad port"},
		{"tenant.auth0.com:0", "bad port"},
		{"tenant.auth0.com:65536", "bad port"},
		{"tenant.auth0.com:https", "bad port"},
		{":8443", "no host"},
		{"::1", "more than one colon"},
		{"user@127.0.0.1:8443", "userinfo"},
		{"127.0.0.1:8443/api", "path"},
		{"evil.example@tenant.auth0.com", "userinfo"},
		{"tenant.auth0.com@evil.example", "userinfo"},
		{"user:pass@tenant.auth0.com", "userinfo"},
		{"ten ant.auth0.com", "contains"},
		{"tenant.auth0.com\n", "contains"},
		{"ténant.auth0.com", "contains"},
		{"tenant..auth0.com", "not a valid host name"},
		{".tenant.auth0.com", "not a valid host name"},
		{strings.Repeat("a", 64) + ".auth0.com", "not a valid host name"},
		{strings.Repeat("abcdefghi.", 26) + "com", "at most 253"},
	}
	for _, tt := range tests {
		t.Run(tt.domain, func(t *testing.T) {
			t.Parallel()
			tr, rec := recordAll(respondWith(http.StatusOK, minimalActionJSON))
			_, err := newTestClient(tr, option.WithDomain(tt.domain)).Actions.Get(t.Context(), "act_1")
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Equal(t, "https://"+tt.domain+"/api/v2/actions/actions/act_1", rec.req(0).URL.String())
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), "option.WithDomain")
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Equal(t, 0, tr.GetTotalCallCount())
		})
	}
}

func TestOptionBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		opts     []option.RequestOption
		wantURL  string // "" means an error is expected
		wantErr  string
		wantHost string
	}{
		{"https with path", []option.RequestOption{option.WithBaseURL("https://proxy.example.com/api/v2")}, "https://proxy.example.com/api/v2/actions/actions/act_1", "", ""},
		{"https root", []option.RequestOption{option.WithBaseURL("https://proxy.example.com")}, "https://proxy.example.com/actions/actions/act_1", "", ""},
		{"https with port", []option.RequestOption{option.WithBaseURL("https://proxy.example.com:8443/x/")}, "https://proxy.example.com:8443/x/actions/actions/act_1", "", ""},
		{"http loopback IPv4", []option.RequestOption{option.WithBaseURL("http://127.0.0.1:8080/api/v2/")}, "http://127.0.0.1:8080/api/v2/actions/actions/act_1", "", ""},
		{"http localhost", []option.RequestOption{option.WithBaseURL("http://localhost:9/")}, "http://localhost:9/actions/actions/act_1", "", ""},
		{"http loopback IPv6", []option.RequestOption{option.WithBaseURL("http://[::1]:9/")}, "http://[::1]:9/actions/actions/act_1", "", ""},
		{"http remote refused", []option.RequestOption{option.WithBaseURL("http://proxy.internal/")}, "", "refusing plain http", ""},
		{"http lookalike of localhost refused", []option.RequestOption{option.WithBaseURL("http://localhost.evil.example/")}, "", "refusing plain http", ""},
		{"http lookalike of 127.0.0.1 refused", []option.RequestOption{option.WithBaseURL("http://127.0.0.1.evil.example/")}, "", "refusing plain http", ""},
		{"http remote with WithInsecureHTTP", []option.RequestOption{option.WithBaseURL("http://proxy.internal/"), option.WithInsecureHTTP()}, "http://proxy.internal/actions/actions/act_1", "", ""},
		{"WithInsecureHTTP first", []option.RequestOption{option.WithInsecureHTTP(), option.WithBaseURL("http://proxy.internal/")}, "http://proxy.internal/actions/actions/act_1", "", ""},
		{"empty", []option.RequestOption{option.WithBaseURL("")}, "", "empty", ""},
		{"no scheme", []option.RequestOption{option.WithBaseURL("proxy.example.com/api")}, "", "https://", ""},
		{"ftp", []option.RequestOption{option.WithBaseURL("ftp://proxy.example.com/")}, "", "https://", ""},
		{"no host", []option.RequestOption{option.WithBaseURL("https:///api/v2")}, "", "no host", ""},
		{"userinfo", []option.RequestOption{option.WithBaseURL("https://user:pw@proxy.example.com/")}, "", "userinfo", ""},
		{"query", []option.RequestOption{option.WithBaseURL("https://proxy.example.com/?x=1")}, "", "query", ""},
		{"fragment", []option.RequestOption{option.WithBaseURL("https://proxy.example.com/#f")}, "", "fragment", ""},
		{"malformed", []option.RequestOption{option.WithBaseURL("https://proxy example.com/")}, "", "malformed", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, rec := recordAll(respondWith(http.StatusOK, minimalActionJSON))
			_, err := newTestClient(tr, tt.opts...).Actions.Get(t.Context(), "act_1")
			if tt.wantURL != "" {
				require.NoError(t, err)
				assert.Equal(t, tt.wantURL, rec.req(0).URL.String())
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Equal(t, 0, tr.GetTotalCallCount())
		})
	}
}

func TestOptionBaseURLErrorNamesOption(t *testing.T) {
	t.Parallel()
	tr, _ := recordAll(respondWith(http.StatusOK, minimalActionJSON))
	_, err := newTestClient(tr, option.WithBaseURL("ftp://x/")).Actions.Get(t.Context(), "act_1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "option.WithBaseURL")
}

func TestOptionHeaders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		client []option.RequestOption
		call   []option.RequestOption
		key    string
		want   []string // nil means absent
	}{
		{"set", nil, []option.RequestOption{option.WithHeader("X-Request-Id", "r1")}, "X-Request-Id", []string{"r1"}},
		{"set replaces", []option.RequestOption{option.WithHeader("X-A", "1")}, []option.RequestOption{option.WithHeader("x-a", "2")}, "X-A", []string{"2"}},
		{"add appends", []option.RequestOption{option.WithHeaderAdd("X-A", "1")}, []option.RequestOption{option.WithHeaderAdd("X-A", "2")}, "X-A", []string{"1", "2"}},
		{"set after add replaces all", []option.RequestOption{option.WithHeaderAdd("X-A", "1"), option.WithHeaderAdd("X-A", "2")}, []option.RequestOption{option.WithHeader("X-A", "3")}, "X-A", []string{"3"}},
		{"del removes a client header", []option.RequestOption{option.WithHeader("X-A", "1")}, []option.RequestOption{option.WithHeaderDel("X-A")}, "X-A", nil},
		{"del removes telemetry", nil, []option.RequestOption{option.WithHeaderDel("User-Agent")}, "User-Agent", nil},
		{"accept override", nil, []option.RequestOption{option.WithHeader("Accept", "application/x-custom")}, "Accept", []string{"application/x-custom"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, rec := recordAll(respondWith(http.StatusOK, minimalActionJSON))
			_, err := newTestClient(tr, tt.client...).Actions.Get(t.Context(), "act_1", tt.call...)
			require.NoError(t, err)
			assert.Equal(t, tt.want, rec.req(0).Header.Values(tt.key))
		})
	}
}

func TestOptionHeaderAddDoesNotLeakAcrossCalls(t *testing.T) {
	t.Parallel()
	tr, rec := recordAll(respondWith(http.StatusOK, minimalActionJSON))
	c := newTestClient(tr, option.WithHeaderAdd("X-A", "client"))
	for range 3 {
		_, err := c.Actions.Get(t.Context(), "act_1", option.WithHeaderAdd("X-A", "call"), option.WithHeaderAdd("User-Agent", "extra"))
		require.NoError(t, err)
	}
	for i := range 3 {
		assert.Equal(t, []string{"client", "call"}, rec.req(i).Header.Values("X-A"), "call %d", i)
		assert.Len(t, rec.req(i).Header.Values("User-Agent"), 2, "call %d", i)
	}
	_, err := c.Actions.Get(t.Context(), "act_1")
	require.NoError(t, err)
	assert.Equal(t, []string{"client"}, rec.req(3).Header.Values("X-A"))
	assert.Len(t, rec.req(3).Header.Values("User-Agent"), 1)
}

func TestOptionHeaderInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		opt     option.RequestOption
		wantErr string
	}{
		{"CRLF in value", option.WithHeader("X-A", "a\r\nX-Injected: 1"), "line break"},
		{"LF in value", option.WithHeader("X-A", "a\nb"), "line break"},
		{"NUL in value", option.WithHeader("X-A", "a\x00b"), "NUL"},
		{"CR in added value", option.WithHeaderAdd("X-A", "a\rb"), "option.WithHeaderAdd"},
		{"CRLF in user agent", option.WithUserAgent("ua\r\nX: y"), "line break"},
		{"empty name", option.WithHeader("", "v"), "name is empty"},
		{"space in name", option.WithHeader("X A", "v"), "not valid"},
		{"colon in name", option.WithHeader("X-A:", "v"), "not valid"},
		{"newline in name", option.WithHeader("X-A\n", "v"), "not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, _ := recordAll(respondWith(http.StatusOK, minimalActionJSON))
			_, err := newTestClient(tr).Actions.Get(t.Context(), "act_1", tt.opt)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Contains(t, err.Error(), "option.WithHeader")
			assert.Equal(t, 0, tr.GetTotalCallCount())
		})
	}
}

func TestOptionQuery(t *testing.T) {
	t.Parallel()
	tr, rec := recordAll(respondWith(http.StatusOK, `{}`))
	c := newTestClient(tr, option.WithQuery("fields", "id"))
	var out map[string]any
	err := c.Get(t.Context(), "actions/actions", url.Values{"per_page": {"10"}, "page": {"1"}}, &out,
		option.WithQuery("per_page", "5"),
		option.WithQuery("q", "a b&c=d"),
	)
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"fields":   {"id"},
		"per_page": {"5"},
		"page":     {"1"},
		"q":        {"a b&c=d"},
	}, rec.req(0).URL.Query())

	// Call-level queries do not stick to the client.
	_, err = c.Actions.Get(t.Context(), "act_1")
	require.NoError(t, err)
	assert.Equal(t, url.Values{"fields": {"id"}}, rec.req(1).URL.Query())

	// The call's value replaces the client's.
	_, err = c.Actions.Get(t.Context(), "act_1", option.WithQuery("fields", "name"))
	require.NoError(t, err)
	assert.Equal(t, url.Values{"fields": {"name"}}, rec.req(2).URL.Query())
}

func TestOptionQueryOnPost(t *testing.T) {
	t.Parallel()
	tr, rec := recordAll(respondWith(http.StatusOK, `{"payload":{}}`))
	_, err := newTestClient(tr).Actions.Test(t.Context(), "act_1", auth0.ActionTestParams{Payload: map[string]any{}},
		option.WithQuery("dry", "1"))
	require.NoError(t, err)
	assert.Equal(t, "dry=1", rec.req(0).URL.RawQuery)
	assert.JSONEq(t, `{"payload":{}}`, rec.body(0), "the params stay in the body")
}

func TestOptionMiddlewareOrder(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var trace []string
	mw := func(name string) option.Middleware {
		return func(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
			mu.Lock()
			trace = append(trace, name+">")
			mu.Unlock()
			req.Header.Add("X-Trace", name)
			resp, err := next(req)
			mu.Lock()
			trace = append(trace, "<"+name)
			mu.Unlock()
			return resp, err
		}
	}
	tr, rec := recordAll(respondInTurn(respondWith(http.StatusServiceUnavailable, ""), respondWith(http.StatusOK, minimalActionJSON)))
	c := newTestClient(tr, option.WithMiddleware(mw("a"), mw("b")))
	_, err := c.Actions.Get(t.Context(), "act_1", option.WithMiddleware(mw("c")))
	require.NoError(t, err)

	once := []string{"a>", "b>", "c>", "<c", "<b", "<a"}
	assert.Equal(t, append(append([]string{}, once...), once...), trace, "outermost first, every attempt")
	require.Equal(t, 2, rec.len())
	assert.Equal(t, []string{"a", "b", "c"}, rec.req(0).Header.Values("X-Trace"))
	assert.Equal(t, []string{"a", "b", "c"}, rec.req(1).Header.Values("X-Trace"), "headers added by middlewares do not pile up across attempts")

	// The call's middleware is not kept by the client.
	trace = nil
	_, err = c.Actions.Get(t.Context(), "act_1")
	require.NoError(t, err)
	assert.Equal(t, []string{"a>", "b>", "<b", "<a"}, trace)
}

func TestOptionMiddlewareShortCircuit(t *testing.T) {
	t.Parallel()
	tr, _ := recordAll(respondWith(http.StatusOK, minimalActionJSON))
	cached := func(req *http.Request, _ option.MiddlewareNext) (*http.Response, error) {
		return respondWith(http.StatusOK, `{"id":"from-cache"}`)(req)
	}
	a, err := newTestClient(tr, option.WithMiddleware(cached)).Actions.Get(t.Context(), "act_1")
	require.NoError(t, err)
	assert.Equal(t, "from-cache", a.ID)
	assert.Equal(t, 0, tr.GetTotalCallCount())
}

func TestOptionResponseInto(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		resp   httpmock.Responder
		status int
		body   string
	}{
		{"success", respondWith(http.StatusOK, minimalActionJSON, "X-Request-Id", "req-1"), http.StatusOK, minimalActionJSON},
		{"error", respondWith(http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"That action does not exist."}`, "X-Request-Id", "req-1"), http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"That action does not exist."}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, _ := recordAll(tt.resp)
			var resp *http.Response
			_, err := newTestClient(tr).Actions.Get(t.Context(), "act_1", option.WithResponseInto(&resp))
			if tt.status >= 300 {
				require.Error(t, err)
			} else {
				require.NoError(t, err)
			}
			require.NotNil(t, resp)
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.Equal(t, "req-1", resp.Header.Get("X-Request-Id"))
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			assert.Equal(t, tt.body, string(body), "the body can be read again")
		})
	}
}

func TestOptionResponseIntoKeepsLastAttempt(t *testing.T) {
	t.Parallel()
	tr, _ := recordAll(respondInTurn(
		respondWith(http.StatusServiceUnavailable, "", "X-Attempt", "1"),
		respondWith(http.StatusOK, minimalActionJSON, "X-Attempt", "2"),
	))
	var resp *http.Response
	_, err := newTestClient(tr).Actions.Get(t.Context(), "act_1", option.WithResponseInto(&resp))
	require.NoError(t, err)
	require.NotNil(t, resp)
	assert.Equal(t, "2", resp.Header.Get("X-Attempt"))
}

func TestOptionHTTPClientTransportUsed(t *testing.T) {
	t.Parallel()
	tr1, rec1 := recordAll(respondWith(http.StatusOK, minimalActionJSON))
	tr2, rec2 := recordAll(respondWith(http.StatusOK, minimalActionJSON))
	c := newTestClient(tr1)
	_, err := c.Actions.Get(t.Context(), "act_1", option.WithHTTPClient(&http.Client{Transport: tr2}))
	require.NoError(t, err)
	assert.Equal(t, 0, rec1.len())
	assert.Equal(t, 1, rec2.len())
}
