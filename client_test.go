package auth0_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"runtime"
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
	"github.com/actions-sdk/auth0-go/internal/testutil"
	"github.com/actions-sdk/auth0-go/internal/version"
	"github.com/actions-sdk/auth0-go/option"
)

func TestClientSendsBearerTokenAndDecodes(t *testing.T) {
	t.Parallel()
	tr, rec := recordAll(respondWith(http.StatusOK, minimalActionJSON))
	c := newTestClient(tr)

	a, err := c.Actions.Get(t.Context(), "act_1")
	require.NoError(t, err)
	assert.Equal(t, "act_1", a.ID)
	assert.Equal(t, "my-action", a.Name)
	assert.JSONEq(t, minimalActionJSON, string(a.RawJSON()))

	require.Equal(t, 1, rec.len())
	req := rec.req(0)
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, testBaseURL+"actions/actions/act_1", req.URL.String())
	assert.Equal(t, "Bearer "+testToken, req.Header.Get("Authorization"))
	assert.Equal(t, "application/json", req.Header.Get("Accept"))
	assert.Empty(t, req.Header.Get("Content-Type"), "a GET has no body")
}

func TestClientTelemetryHeaders(t *testing.T) {
	t.Parallel()
	tr, rec := recordAll(respondWith(http.StatusOK, minimalActionJSON))
	_, err := newTestClient(tr).Actions.Get(t.Context(), "act_1")
	require.NoError(t, err)
	require.Equal(t, 1, rec.len())
	h := rec.req(0).Header

	raw, err := base64.StdEncoding.DecodeString(h.Get("Auth0-Client"))
	require.NoError(t, err, "Auth0-Client is base64 StdEncoding")
	want := fmt.Sprintf(`{"name":"auth0-go-actions","version":%q,"env":{"go":%q}}`, version.Version, runtime.Version())
	assert.JSONEq(t, want, string(raw))

	ua := h.Get("User-Agent")
	assert.True(t, strings.HasPrefix(ua, "auth0-go-actions/"+version.Version), "User-Agent %q names the SDK and version", ua)
}

func TestClientTelemetryOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		opts        []option.RequestOption
		wantUA      string // "" means absent
		wantAuth0Cl bool
	}{
		{"without telemetry", []option.RequestOption{option.WithoutTelemetry()}, "", false},
		{"custom user agent", []option.RequestOption{option.WithUserAgent("my-app/1.2")}, "my-app/1.2", true},
		{"custom user agent survives WithoutTelemetry", []option.RequestOption{option.WithUserAgent("my-app/1.2"), option.WithoutTelemetry()}, "my-app/1.2", false},
		{"header del of Auth0-Client", []option.RequestOption{option.WithHeaderDel("Auth0-Client")}, "auth0-go-actions/" + version.Version, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, rec := recordAll(respondWith(http.StatusOK, minimalActionJSON))
			_, err := newTestClient(tr, tt.opts...).Actions.Get(t.Context(), "act_1")
			require.NoError(t, err)
			h := rec.req(0).Header
			if tt.wantUA == "" {
				assert.Empty(t, h.Values("User-Agent"))
			} else {
				assert.True(t, strings.HasPrefix(h.Get("User-Agent"), tt.wantUA), "User-Agent %q", h.Get("User-Agent"))
			}
			assert.Equal(t, tt.wantAuth0Cl, h.Get("Auth0-Client") != "")
		})
	}
}

func TestClientPathEscaping(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id, wantSegment string
	}{
		{"act_1", "act_1"},
		{"a/b", "a%2Fb"},
		{"../secrets", "..%2Fsecrets"},
		{"a..b", "a..b"},
		{"what?x=1", "what%3Fx=1"},
		{"frag#ment", "frag%23ment"},
		{"100%", "100%25"},
		{"%2e%2e", "%252e%252e"},
		{"with space", "with%20space"},
		{"é-ü", "%C3%A9-%C3%BC"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			t.Parallel()
			tr, rec := recordAll(respondWith(http.StatusOK, minimalActionJSON))
			_, err := newTestClient(tr).Actions.Get(t.Context(), tt.id)
			require.NoError(t, err)
			require.Equal(t, 1, rec.len())
			u := rec.req(0).URL
			assert.Equal(t, "/api/v2/actions/actions/"+tt.wantSegment, u.EscapedPath())
			assert.Empty(t, u.RawQuery, "the ID must not leak into the query")
			assert.Empty(t, u.Fragment)
			assert.Equal(t, testDomain, u.Host)
		})
	}
}

func TestClientPathEscapingTwoParams(t *testing.T) {
	t.Parallel()
	tr, rec := recordAll(respondWith(http.StatusOK, `{"id":"v/1"}`))
	_, err := newTestClient(tr).Actions.Versions.Get(t.Context(), "a b/c", "v/1?")
	require.NoError(t, err)
	assert.Equal(t, "/api/v2/actions/actions/a%20b%2Fc/versions/v%2F1%3F", rec.req(0).URL.EscapedPath())
}

func TestClientBadPathParamsSendNothing(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"", ".", ".."} {
		t.Run(fmt.Sprintf("%q", id), func(t *testing.T) {
			t.Parallel()
			tr, _ := recordAll(respondWith(http.StatusOK, minimalActionJSON))
			c := newTestClient(tr)
			ctx := t.Context()

			_, err := c.Actions.Get(ctx, id)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "id")
			_, err = c.Actions.Deploy(ctx, id)
			require.Error(t, err)
			err = c.Actions.Delete(ctx, id, auth0.ActionDeleteParams{})
			require.Error(t, err)
			_, err = c.Actions.Versions.Get(ctx, "act_1", id)
			require.Error(t, err)
			_, err = c.Actions.Versions.Deploy(ctx, id, "ver_1", auth0.ActionVersionDeployParams{})
			require.Error(t, err)
			assert.Equal(t, 0, tr.GetTotalCallCount(), "nothing may be sent")
		})
	}
}

func TestClientConfigErrorsOnFirstCall(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		opts    []option.RequestOption
		wantErr string
	}{
		{"no domain", []option.RequestOption{option.WithToken(testToken)}, "no tenant domain"},
		{"no credentials", []option.RequestOption{option.WithDomain(testDomain)}, "no credentials"},
		{"malformed base URL", []option.RequestOption{option.WithBaseURL("https://bad host/"), option.WithToken(testToken)}, "option.WithBaseURL"},
		{"base URL with a scheme other than http(s)", []option.RequestOption{option.WithBaseURL("ftp://example.com/"), option.WithToken(testToken)}, "https://"},
		{"empty token", []option.RequestOption{option.WithDomain(testDomain), option.WithToken("")}, "token is empty"},
		{"client credentials without secret", []option.RequestOption{option.WithDomain(testDomain), option.WithClientCredentials("id", "")}, "client secret"},
		{"nil token source", []option.RequestOption{option.WithDomain(testDomain), option.WithTokenSource(nil)}, "token source is nil"},
		{"nil HTTP client", []option.RequestOption{option.WithDomain(testDomain), option.WithToken(testToken), option.WithHTTPClient(nil)}, "option.WithHTTPClient"},
		{"negative retries", []option.RequestOption{option.WithDomain(testDomain), option.WithToken(testToken), option.WithMaxRetries(-1)}, "option.WithMaxRetries"},
		{"retry wait min > max", []option.RequestOption{option.WithDomain(testDomain), option.WithToken(testToken), option.WithRetryWait(time.Second, time.Millisecond)}, "option.WithRetryWait"},
		{"negative timeout", []option.RequestOption{option.WithDomain(testDomain), option.WithToken(testToken), option.WithRequestTimeout(-time.Second)}, "option.WithRequestTimeout"},
		{"zero size limit", []option.RequestOption{option.WithDomain(testDomain), option.WithToken(testToken), option.WithMaxResponseSize(0)}, "option.WithMaxResponseSize"},
		{"nil middleware", []option.RequestOption{option.WithDomain(testDomain), option.WithToken(testToken), option.WithMiddleware(nil)}, "option.WithMiddleware"},
		{"nil response destination", []option.RequestOption{option.WithDomain(testDomain), option.WithToken(testToken), option.WithResponseInto(nil)}, "option.WithResponseInto"},
		{"empty query key", []option.RequestOption{option.WithDomain(testDomain), option.WithToken(testToken), option.WithQuery("", "x")}, "option.WithQuery"},
		{"prefetch out of range", []option.RequestOption{option.WithDomain(testDomain), option.WithToken(testToken), option.WithPrefetch(65)}, "option.WithPrefetch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, _ := recordAll(respondWith(http.StatusOK, minimalActionJSON))
			// A Client built by hand applies no environment, so the
			// outcome does not depend on AUTH0_* in the test's environment.
			opts := append([]option.RequestOption{option.WithHTTPClient(&http.Client{Transport: tr})}, tt.opts...)
			c := &auth0.Client{Options: opts}
			var err error
			require.NotPanics(t, func() { err = c.Get(t.Context(), "actions/actions/x", nil, nil) })
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Equal(t, 0, tr.GetTotalCallCount())

			// NewClient with the same options does no I/O and never fails;
			// its first call reports the same problem (unless the
			// environment supplies what is missing).
			var nc *auth0.Client
			require.NotPanics(t, func() { nc = auth0.NewClient(opts...) })
			require.NotNil(t, nc)
		})
	}
}

func TestClientZeroValueAndNil(t *testing.T) {
	t.Parallel()
	ctx := t.Context()

	var zero auth0.Client
	require.NotPanics(t, func() {
		_, err := zero.Actions.Get(ctx, "act_1")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "no tenant domain")
		_, err = zero.Actions.New(ctx, auth0.ActionNewParams{Name: "x", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin}}})
		require.Error(t, err)
		require.Error(t, zero.Get(ctx, "actions/modules", nil, nil))
		_, ok := zero.RateLimit()
		assert.False(t, ok)
	})

	var nilClient *auth0.Client
	require.NotPanics(t, func() {
		for _, err := range []error{
			nilClient.Execute(ctx, http.MethodGet, "actions/modules", nil, nil),
			nilClient.Get(ctx, "actions/modules", nil, nil),
			nilClient.Post(ctx, "actions/modules", map[string]any{}, nil),
			nilClient.Patch(ctx, "actions/modules", map[string]any{}, nil),
			nilClient.Delete(ctx, "actions/modules", nil, nil),
		} {
			require.Error(t, err)
			assert.Contains(t, err.Error(), "no tenant domain")
		}
		_, ok := nilClient.RateLimit()
		assert.False(t, ok)
	})
}

func TestClientNilContext(t *testing.T) {
	t.Parallel()
	tr, _ := recordAll(respondWith(http.StatusOK, minimalActionJSON))
	var ctx context.Context // a nil context must be an error, not a panic
	require.NotPanics(t, func() {
		_, err := newTestClient(tr).Actions.Get(ctx, "act_1")
		require.Error(t, err)
	})
	assert.Equal(t, 0, tr.GetTotalCallCount())
}

func TestClientCredentialsTokenRequest(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	tokRec := &requestRecorder{}
	tokResp, fetches := tokenResponder(t, 86400, "cc-token-1")
	tr.RegisterResponder(http.MethodPost, testTokenURL, tokRec.wrap(tokResp))
	apiRec := &requestRecorder{}
	tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions/act_1", apiRec.wrap(respondWith(http.StatusOK, minimalActionJSON)))

	c := newCredentialsClient(tr)
	for range 3 {
		_, err := c.Actions.Get(t.Context(), "act_1")
		require.NoError(t, err)
	}
	assert.EqualValues(t, 1, fetches.Load(), "the token is cached")
	require.Equal(t, 3, apiRec.len())
	for i := range 3 {
		assert.Equal(t, "Bearer cc-token-1", apiRec.req(i).Header.Get("Authorization"))
	}

	req := tokRec.req(0)
	assert.Equal(t, "application/x-www-form-urlencoded", req.Header.Get("Content-Type"))
	form, err := url.ParseQuery(tokRec.body(0))
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {testClientID},
		"client_secret": {testClientSecret},
		"audience":      {"https://tenant.auth0.com/api/v2/"},
	}, form)
}

func TestClientCredentialsAudienceAndTokenURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		opts         []option.RequestOption
		wantTokenURL string
		wantAudience string
		wantAPI      string
	}{
		{"domain", nil, testTokenURL, "https://tenant.auth0.com/api/v2/", testBaseURL + "actions/actions/act_1"},
		{"custom audience", []option.RequestOption{option.WithAudience("https://canon.auth0.com/api/v2/")}, testTokenURL, "https://canon.auth0.com/api/v2/", testBaseURL + "actions/actions/act_1"},
		{
			// With a domain and a base URL, the API goes to the base URL
			// and tokens still come from the domain.
			"domain and base URL",
			[]option.RequestOption{option.WithBaseURL("https://proxy.example.com/api/v2")},
			testTokenURL, "https://tenant.auth0.com/api/v2/", "https://proxy.example.com/api/v2/actions/actions/act_1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr := httpmock.NewMockTransport()
			tokRec := &requestRecorder{}
			tokResp, _ := tokenResponder(t, 86400, "cc-token")
			tr.RegisterResponder(http.MethodPost, tt.wantTokenURL, tokRec.wrap(tokResp))
			tr.RegisterResponder(http.MethodGet, tt.wantAPI, respondWith(http.StatusOK, minimalActionJSON))

			_, err := newCredentialsClient(tr, tt.opts...).Actions.Get(t.Context(), "act_1")
			require.NoError(t, err)
			require.Equal(t, 1, tokRec.len())
			form, err := url.ParseQuery(tokRec.body(0))
			require.NoError(t, err)
			assert.Equal(t, tt.wantAudience, form.Get("audience"))
		})
	}
}

func TestClientCredentialsBaseURLWithoutDomain(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	tokRec := &requestRecorder{}
	tokResp, _ := tokenResponder(t, 86400, "cc-token")
	tr.RegisterResponder(http.MethodPost, "https://proxy.example.com/oauth/token", tokRec.wrap(tokResp))
	tr.RegisterResponder(http.MethodGet, "https://proxy.example.com/api/v2/actions/actions/act_1", respondWith(http.StatusOK, minimalActionJSON))

	c := &auth0.Client{Options: []option.RequestOption{
		option.WithBaseURL("https://proxy.example.com/api/v2"),
		option.WithClientCredentials(testClientID, testClientSecret),
		option.WithHTTPClient(&http.Client{Transport: tr}),
	}}
	var a auth0.Action
	require.NoError(t, c.Get(t.Context(), "actions/actions/act_1", nil, &a))
	assert.Equal(t, "act_1", a.ID)
	require.Equal(t, 1, tokRec.len())
	form, err := url.ParseQuery(tokRec.body(0))
	require.NoError(t, err)
	assert.Equal(t, "https://proxy.example.com/api/v2/", form.Get("audience"))
}

func TestClientCredentialsConcurrentCallsShareOneFetch(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	var fetches atomic.Int64
	tr.RegisterResponder(http.MethodPost, testTokenURL, func(req *http.Request) (*http.Response, error) {
		fetches.Add(1)
		time.Sleep(20 * time.Millisecond) // widen the window in which callers overlap
		return respondWith(http.StatusOK, `{"access_token":"shared-token","expires_in":86400}`)(req)
	})
	apiRec := &requestRecorder{}
	tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions/act_1", apiRec.wrap(respondWith(http.StatusOK, minimalActionJSON)))

	c := newCredentialsClient(tr)
	const n = 50
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Actions.Get(t.Context(), "act_1")
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.EqualValues(t, 1, fetches.Load(), "50 concurrent calls share one token fetch")
	require.Equal(t, n, apiRec.len())
	for i := range n {
		assert.Equal(t, "Bearer shared-token", apiRec.req(i).Header.Get("Authorization"))
	}
}

func TestClientCredentialsExpiredTokenIsRefreshedOnce(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	var fetches atomic.Int64
	tr.RegisterResponder(http.MethodPost, testTokenURL, func(req *http.Request) (*http.Response, error) {
		// The first token expires in 1 s, inside the 60 s renewal margin:
		// it serves the call it was fetched for and is then renewed.
		if fetches.Add(1) == 1 {
			return respondWith(http.StatusOK, `{"access_token":"old-token","expires_in":1}`)(req)
		}
		return respondWith(http.StatusOK, `{"access_token":"new-token","expires_in":86400}`)(req)
	})
	apiRec := &requestRecorder{}
	tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions/act_1", apiRec.wrap(respondWith(http.StatusOK, minimalActionJSON)))

	c := newCredentialsClient(tr)
	for range 3 {
		_, err := c.Actions.Get(t.Context(), "act_1")
		require.NoError(t, err)
	}
	assert.EqualValues(t, 2, fetches.Load(), "the expired token is refreshed once, then the new one is cached")
	assert.Equal(t, "Bearer old-token", apiRec.req(0).Header.Get("Authorization"))
	assert.Equal(t, "Bearer new-token", apiRec.req(1).Header.Get("Authorization"))
	assert.Equal(t, "Bearer new-token", apiRec.req(2).Header.Get("Authorization"))
}

func TestClientCredentialsTokenWithinExpiryDeltaIsRenewed(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	var fetches atomic.Int64
	tr.RegisterResponder(http.MethodPost, testTokenURL, func(req *http.Request) (*http.Response, error) {
		n := fetches.Add(1)
		// 59 s left is inside the one-minute renewal margin: never reused.
		return respondWith(http.StatusOK, fmt.Sprintf(`{"access_token":"tok-%d","expires_in":59}`, n))(req)
	})
	apiRec := &requestRecorder{}
	tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions/act_1", apiRec.wrap(respondWith(http.StatusOK, minimalActionJSON)))

	c := newCredentialsClient(tr)
	for range 2 {
		_, err := c.Actions.Get(t.Context(), "act_1")
		require.NoError(t, err)
	}
	assert.EqualValues(t, 2, fetches.Load())
	assert.Equal(t, "Bearer tok-2", apiRec.req(1).Header.Get("Authorization"))
}

func TestClientCredentials401RefetchesTokenOnce(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	tokResp, fetches := tokenResponder(t, 86400, "revoked-token", "fresh-token")
	tr.RegisterResponder(http.MethodPost, testTokenURL, tokResp)
	apiRec := &requestRecorder{}
	tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions/act_1", apiRec.wrap(func(req *http.Request) (*http.Response, error) {
		if req.Header.Get("Authorization") == "Bearer revoked-token" {
			return respondWith(http.StatusUnauthorized, `{"statusCode":401,"error":"Unauthorized","message":"Invalid token"}`)(req)
		}
		return respondWith(http.StatusOK, minimalActionJSON)(req)
	}))

	c := newCredentialsClient(tr)
	a, err := c.Actions.Get(t.Context(), "act_1")
	require.NoError(t, err)
	assert.Equal(t, "act_1", a.ID)
	assert.EqualValues(t, 2, fetches.Load(), "the refused token is dropped and a fresh one fetched")
	require.Equal(t, 2, apiRec.len())
	assert.Equal(t, "Bearer fresh-token", apiRec.req(1).Header.Get("Authorization"))

	// The fresh token is cached for later calls.
	_, err = c.Actions.Get(t.Context(), "act_1")
	require.NoError(t, err)
	assert.EqualValues(t, 2, fetches.Load())
}

func TestClientCredentials401TwiceGivesUp(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	tokResp, fetches := tokenResponder(t, 86400, "tok-a", "tok-b", "tok-c")
	tr.RegisterResponder(http.MethodPost, testTokenURL, tokResp)
	apiRec := &requestRecorder{}
	tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions/act_1",
		apiRec.wrap(respondWith(http.StatusUnauthorized, `{"statusCode":401,"error":"Unauthorized","message":"Invalid token"}`)))

	_, err := newCredentialsClient(tr, option.WithMaxRetries(5)).Actions.Get(t.Context(), "act_1")
	require.Error(t, err)
	assert.ErrorIs(t, err, auth0.ErrUnauthorized)
	assert.Equal(t, 2, apiRec.len(), "a 401 is retried once only")
	assert.EqualValues(t, 2, fetches.Load())
}

func TestClientStaticToken401NotRetried(t *testing.T) {
	t.Parallel()
	tr, rec := recordAll(respondWith(http.StatusUnauthorized, `{"statusCode":401,"error":"Unauthorized","message":"Invalid token"}`))
	_, err := newTestClient(tr).Actions.Get(t.Context(), "act_1")
	require.ErrorIs(t, err, auth0.ErrUnauthorized)
	assert.Equal(t, 1, rec.len(), "a static token cannot be renewed, so a 401 is final")
}

func TestClientCredentialsTokenEndpoint401(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	// The server echoes the secret: it must still never reach the error.
	tr.RegisterResponder(http.MethodPost, testTokenURL, respondWith(http.StatusUnauthorized,
		`{"error":"access_denied","error_description":"Unauthorized: bad secret `+testClientSecret+`"}`))
	tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions/act_1", respondWith(http.StatusOK, minimalActionJSON))

	_, err := newCredentialsClient(tr).Actions.Get(t.Context(), "act_1")
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, testClientID)
	assert.Contains(t, msg, "client ID and client secret")
	assert.NotContains(t, msg, testClientSecret)

	var apiErr *auth0.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	assert.Equal(t, "access_denied", apiErr.Code)
	assert.ErrorIs(t, err, auth0.ErrUnauthorized)
	assert.NotContains(t, apiErr.Error(), testClientSecret)
	assert.NotContains(t, string(apiErr.RawJSON()), testClientSecret)
	assert.NotContains(t, string(apiErr.DumpRequest(true)), testClientSecret)
	assert.NotContains(t, string(apiErr.DumpResponse(true)), testClientSecret)
	assert.Equal(t, 0, tr.GetCallCountInfo()["GET "+testBaseURL+"actions/actions/act_1"], "no API call without a token")
}

func TestClientCredentialsTokenTransportErrorHidesSecret(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	tr.RegisterResponder(http.MethodPost, testTokenURL, httpmock.NewErrorResponder(errors.New("proxy refused body client_secret="+testClientSecret)))
	_, err := newCredentialsClient(tr).Actions.Get(t.Context(), "act_1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "fetching an access token")
	assert.NotContains(t, err.Error(), testClientSecret)
}

func TestClientTokenSource(t *testing.T) {
	t.Parallel()
	tr, rec := recordAll(respondWith(http.StatusOK, minimalActionJSON))
	var calls atomic.Int64
	ts := tokenSourceFunc(func() (*oauth2.Token, error) {
		calls.Add(1)
		return &oauth2.Token{AccessToken: "ts-token"}, nil
	})
	c := newTestClient(tr, option.WithTokenSource(ts))
	for range 2 {
		_, err := c.Actions.Get(t.Context(), "act_1")
		require.NoError(t, err)
	}
	assert.Equal(t, "Bearer ts-token", rec.req(0).Header.Get("Authorization"))
	assert.EqualValues(t, 2, calls.Load(), "the source is asked once per call")
}

func TestClientTokenSourceError(t *testing.T) {
	t.Parallel()
	tr, _ := recordAll(respondWith(http.StatusOK, minimalActionJSON))
	boom := errors.New("vault unavailable")
	for _, ts := range []oauth2.TokenSource{
		tokenSourceFunc(func() (*oauth2.Token, error) { return nil, boom }),
		tokenSourceFunc(func() (*oauth2.Token, error) { return &oauth2.Token{}, nil }),
	} {
		_, err := newTestClient(tr, option.WithTokenSource(ts)).Actions.Get(t.Context(), "act_1")
		require.Error(t, err)
	}
	_, err := newTestClient(tr, option.WithTokenSource(tokenSourceFunc(func() (*oauth2.Token, error) { return nil, boom }))).
		Actions.Get(t.Context(), "act_1")
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, 0, tr.GetTotalCallCount())
}

func TestClientExplicitAuthorizationHeader(t *testing.T) {
	t.Parallel()
	tr, rec := recordAll(respondWith(http.StatusOK, minimalActionJSON))
	// No credentials at all: an Authorization header is enough.
	c := &auth0.Client{Options: []option.RequestOption{
		option.WithDomain(testDomain),
		option.WithHTTPClient(&http.Client{Transport: tr}),
	}}
	var a auth0.Action
	require.NoError(t, c.Get(t.Context(), "actions/actions/act_1", nil, &a, option.WithHeader("Authorization", "Bearer hand-made")))
	assert.Equal(t, "Bearer hand-made", rec.req(0).Header.Get("Authorization"))

	// With credentials, the header still replaces them.
	_, err := newTestClient(tr).Actions.Get(t.Context(), "act_1", option.WithHeader("Authorization", "Bearer other"))
	require.NoError(t, err)
	assert.Equal(t, "Bearer other", rec.req(1).Header.Get("Authorization"))
}

func TestClientExecuteEscapeHatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		call      func(c *auth0.Client, out any) error
		method    string
		wantURL   string
		wantBody  string // JSON; "" means no body
		wantQuery url.Values
	}{
		{
			"get with query", func(c *auth0.Client, out any) error {
				return c.Get(t.Context(), "actions/modules", url.Values{"page": {"2"}}, out)
			}, http.MethodGet, testBaseURL + "actions/modules?page=2", "", url.Values{"page": {"2"}},
		},
		{
			"leading slash trimmed", func(c *auth0.Client, out any) error {
				return c.Get(t.Context(), "/actions/modules", nil, out)
			}, http.MethodGet, testBaseURL + "actions/modules", "", url.Values{},
		},
		{
			"get with struct params", func(c *auth0.Client, out any) error {
				return c.Get(t.Context(), "actions/actions", auth0.ActionListParams{Deployed: auth0.Bool(true), PerPage: auth0.Int(5)}, out)
			}, http.MethodGet, "", "", url.Values{"deployed": {"true"}, "per_page": {"5"}},
		},
		{
			"post", func(c *auth0.Client, out any) error {
				return c.Post(t.Context(), "actions/modules", map[string]any{"name": "m"}, out)
			}, http.MethodPost, testBaseURL + "actions/modules", `{"name":"m"}`, url.Values{},
		},
		{
			"patch", func(c *auth0.Client, out any) error {
				return c.Patch(t.Context(), "actions/modules/m1", json.RawMessage(`{"code":"x"}`), out)
			}, http.MethodPatch, testBaseURL + "actions/modules/m1", `{"code":"x"}`, url.Values{},
		},
		{
			"delete with query", func(c *auth0.Client, out any) error {
				return c.Delete(t.Context(), "actions/actions/a1", auth0.ActionDeleteParams{Force: auth0.Bool(true)}, out)
			}, http.MethodDelete, testBaseURL + "actions/actions/a1?force=true", "", url.Values{"force": {"true"}},
		},
		{
			"execute with a custom method", func(c *auth0.Client, out any) error {
				return c.Execute(t.Context(), http.MethodPut, "actions/modules/m1", map[string]int{"n": 1}, out)
			}, http.MethodPut, testBaseURL + "actions/modules/m1", `{"n":1}`, url.Values{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, rec := recordAll(respondWith(http.StatusOK, `{"ok":true}`))
			var out map[string]any
			require.NoError(t, tt.call(newTestClient(tr), &out))
			assert.Equal(t, map[string]any{"ok": true}, out)
			require.Equal(t, 1, rec.len())
			req := rec.req(0)
			assert.Equal(t, tt.method, req.Method)
			if tt.wantURL != "" {
				assert.Equal(t, tt.wantURL, req.URL.String())
			}
			assert.Equal(t, tt.wantQuery, req.URL.Query())
			assert.Equal(t, "Bearer "+testToken, req.Header.Get("Authorization"))
			if tt.wantBody == "" {
				assert.Empty(t, rec.body(0))
				assert.Empty(t, req.Header.Get("Content-Type"))
			} else {
				assert.JSONEq(t, tt.wantBody, rec.body(0))
				assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
			}
		})
	}
}

func TestClientExecuteRawBytesResult(t *testing.T) {
	t.Parallel()
	tr, _ := recordAll(respondWith(http.StatusOK, `{"a": [1, 2]}`))
	var raw []byte
	require.NoError(t, newTestClient(tr).Get(t.Context(), "actions/modules", nil, &raw))
	assert.Equal(t, `{"a": [1, 2]}`, string(raw))

	// nil result: the body is discarded, no error even if it is not JSON.
	tr2, _ := recordAll(respondWith(http.StatusOK, `not json`))
	require.NoError(t, newTestClient(tr2).Get(t.Context(), "actions/modules", nil, nil))
}

func TestClientEmptyOrBadBodyWhereJSONExpected(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		resp    httpmock.Responder
		wantErr string
	}{
		{"empty 200", respondWith(http.StatusOK, ""), "empty body"},
		{"whitespace 200", respondWith(http.StatusOK, " \n"), "empty body"},
		{"empty chunked 200", respondChunked(http.StatusOK, ""), "empty body"},
		{"not JSON", respondWith(http.StatusOK, "<html>"), "decoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, _ := recordAll(tt.resp)
			a, err := newTestClient(tr).Actions.Get(t.Context(), "act_1")
			require.Error(t, err)
			assert.Nil(t, a)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Contains(t, err.Error(), "GET "+testBaseURL+"actions/actions/act_1")
		})
	}
}

func TestClientDeleteWith204(t *testing.T) {
	t.Parallel()
	tr, rec := recordAll(respondWith(http.StatusNoContent, ""))
	require.NoError(t, newTestClient(tr).Actions.Delete(t.Context(), "act_1", auth0.ActionDeleteParams{Force: auth0.Bool(true)}))
	assert.Equal(t, http.MethodDelete, rec.req(0).Method)
	assert.Equal(t, "force=true", rec.req(0).URL.RawQuery)
}

func TestClientRateLimitLatest(t *testing.T) {
	t.Parallel()
	for _, pacing := range []bool{true, false} {
		t.Run(fmt.Sprintf("pacing=%v", pacing), func(t *testing.T) {
			t.Parallel()
			reset := time.Now().Add(time.Hour).Unix()
			tr, _ := recordAll(respondInTurn(
				respondWith(http.StatusOK, minimalActionJSON, "X-RateLimit-Limit", "50", "X-RateLimit-Remaining", "49", "X-RateLimit-Reset", fmt.Sprint(reset)),
				respondWith(http.StatusOK, minimalActionJSON, "x-ratelimit-limit", "50", "x-ratelimit-remaining", "48", "x-ratelimit-reset", fmt.Sprint(reset+1)),
				respondWith(http.StatusOK, minimalActionJSON), // no figures: the latest stay
			))
			c := newTestClient(tr, option.WithRateLimitPacing(pacing))
			_, ok := c.RateLimit()
			assert.False(t, ok, "no figures before the first response")

			for i := range 3 {
				_, err := c.Actions.Get(t.Context(), "act_1")
				require.NoError(t, err)
				rl, ok := c.RateLimit()
				require.True(t, ok, "after call %d", i)
				if i == 0 {
					assert.Equal(t, 49, rl.Remaining)
				}
			}
			rl, ok := c.RateLimit()
			require.True(t, ok)
			assert.Equal(t, 50, rl.Limit)
			assert.Equal(t, 48, rl.Remaining)
			assert.Equal(t, reset+1, rl.Reset.Unix())
		})
	}
}

func TestClientRateLimitSharedAcrossGoroutines(t *testing.T) {
	t.Parallel()
	tr, _ := recordAll(respondWith(http.StatusOK, minimalActionJSON,
		"X-RateLimit-Limit", "1000", "X-RateLimit-Remaining", "900", "X-RateLimit-Reset", fmt.Sprint(time.Now().Add(time.Hour).Unix())))
	c := newTestClient(tr)
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Actions.Get(t.Context(), "act_1")
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	rl, ok := c.RateLimit()
	require.True(t, ok)
	assert.Equal(t, 900, rl.Remaining)
}

func TestClientResponseTooLarge(t *testing.T) {
	t.Parallel()
	body := `{"id":"act_1","name":"0123456789"}` // 34 bytes
	tests := []struct {
		name    string
		resp    httpmock.Responder
		limit   int64
		wantErr bool
	}{
		{"content-length over", respondWith(http.StatusOK, body), 10, true},
		{"chunked over", respondChunked(http.StatusOK, body), 10, true},
		{"content-length one over", respondWith(http.StatusOK, body), int64(len(body)) - 1, true},
		{"chunked one over", respondChunked(http.StatusOK, body), int64(len(body)) - 1, true},
		{"content-length exact", respondWith(http.StatusOK, body), int64(len(body)), false},
		{"chunked exact", respondChunked(http.StatusOK, body), int64(len(body)), false},
		{"error body over", respondWith(http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"long long long"}`), 10, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, _ := recordAll(tt.resp)
			a, err := newTestClient(tr, option.WithMaxResponseSize(tt.limit)).Actions.Get(t.Context(), "act_1")
			if !tt.wantErr {
				require.NoError(t, err)
				assert.Equal(t, "act_1", a.ID)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, auth0.ErrResponseTooLarge)
			assert.Contains(t, err.Error(), fmt.Sprint(tt.limit))
		})
	}
}

// endlessBody is a response body that never ends, counting what was read.
type endlessBody struct{ n atomic.Int64 }

func (e *endlessBody) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.n.Add(int64(len(p)))
	return len(p), nil
}

func (e *endlessBody) Close() error { return nil }

func TestClientResponseTooLargeStopsReading(t *testing.T) {
	t.Parallel()
	body := &endlessBody{}
	tr, _ := recordAll(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: body, ContentLength: -1, Request: req}, nil
	})
	const limit = 1 << 10
	done := make(chan error, 1)
	go func() {
		_, err := newTestClient(tr, option.WithMaxResponseSize(limit)).Actions.Get(t.Context(), "act_1")
		done <- err
	}()
	select {
	case err := <-done:
		require.ErrorIs(t, err, auth0.ErrResponseTooLarge)
	case <-time.After(5 * time.Second):
		t.Fatal("an endless body was read without limit")
	}
	assert.LessOrEqual(t, body.n.Load(), int64(limit+1), "no more than the limit (and one byte) is read")
}

func TestClientDebugLog(t *testing.T) {
	t.Parallel()
	tr, _ := recordAll(respondInTurn(
		respondWith(http.StatusServiceUnavailable, `{"message":"busy `+testToken+`"}`),
		respondWith(http.StatusOK, minimalActionJSON),
	))
	var buf testutil.SyncBuffer
	logger := debugLogger(&buf)
	_, err := newTestClient(tr, option.WithDebugLog(logger)).Actions.Get(t.Context(), "act_1")
	require.NoError(t, err)

	out := buf.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2, "one line per attempt:\n%s", out)
	assert.Contains(t, lines[0], "method=GET")
	assert.Contains(t, lines[0], "url="+testBaseURL+"actions/actions/act_1")
	assert.Contains(t, lines[0], "attempt=1")
	assert.Contains(t, lines[0], "status=503")
	assert.Contains(t, lines[1], "attempt=2")
	assert.Contains(t, lines[1], "status=200")
	assert.NotContains(t, out, testToken)
}

func TestClientDebugLogNeverShowsSecrets(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	tokResp, _ := tokenResponder(t, 86400, "cc-log-token")
	tr.RegisterResponder(http.MethodPost, testTokenURL, tokResp)
	// A transport error whose text carries the token and the secret.
	tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions/act_1",
		httpmock.NewErrorResponder(errors.New("proxy said: Bearer cc-log-token / "+testClientSecret)))

	var buf testutil.SyncBuffer
	_, err := newCredentialsClient(tr, option.WithDebugLog(debugLogger(&buf)), option.WithMaxRetries(1)).Actions.Get(t.Context(), "act_1")
	require.Error(t, err)
	out := buf.String()
	assert.Contains(t, out, "attempt=1")
	assert.Contains(t, out, "attempt=2")
	assert.Contains(t, out, "error=")
	assert.NotContains(t, out, "cc-log-token")
	assert.NotContains(t, out, testClientSecret)
}

func TestClientSilentWithoutLogger(t *testing.T) {
	t.Parallel()
	var buf testutil.SyncBuffer
	tr, _ := recordAll(respondWith(http.StatusOK, minimalActionJSON))
	// A logger on one call, then off again with nil.
	c := newTestClient(tr, option.WithDebugLog(debugLogger(&buf)))
	_, err := c.Actions.Get(t.Context(), "act_1", option.WithDebugLog(nil))
	require.NoError(t, err)
	assert.Empty(t, buf.String())
}
