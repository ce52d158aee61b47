package requestconfig

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/actions-sdk/auth0-go/internal/apierror"
)

const testTokenURL = "https://t.auth0.com/oauth/token"

// newTokenConfig returns a config whose token endpoint is answered by r.
func newTokenConfig(r httpmock.Responder) *RequestConfig {
	tr := httpmock.NewMockTransport()
	tr.RegisterResponder(http.MethodPost, testTokenURL, r)
	return &RequestConfig{Domain: "t.auth0.com", HTTPClient: &http.Client{Transport: tr}}
}

func tokenJSONResponder(tok string, expiresIn int) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(http.StatusOK, fmt.Sprintf(`{"access_token":%q,"expires_in":%d,"token_type":"Bearer"}`, tok, expiresIn))
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	}
}

func TestClientCredentialsCachesPerAudience(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	cfg := newTokenConfig(func(req *http.Request) (*http.Response, error) {
		require.NoError(t, req.ParseForm())
		return tokenJSONResponder(fmt.Sprintf("tok-%d-%s", n.Add(1), req.PostForm.Get("audience")), 86400)(req)
	})
	cc := NewClientCredentials("id", "secret")
	ctx := t.Context()

	tok1, err := cc.Token(ctx, cfg)
	require.NoError(t, err)
	tok1b, err := cc.Token(ctx, cfg)
	require.NoError(t, err)
	assert.Equal(t, tok1, tok1b)
	assert.Equal(t, "tok-1-https://t.auth0.com/api/v2/", tok1)

	other := *cfg
	other.Audience = "https://other.auth0.com/api/v2/"
	tok2, err := cc.Token(ctx, &other)
	require.NoError(t, err)
	assert.Equal(t, "tok-2-https://other.auth0.com/api/v2/", tok2, "another audience gets its own token")
	assert.EqualValues(t, 2, n.Load())
}

func TestClientCredentialsInvalidate(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	cfg := newTokenConfig(func(req *http.Request) (*http.Response, error) {
		return tokenJSONResponder(fmt.Sprintf("tok-%d", n.Add(1)), 86400)(req)
	})
	cc := NewClientCredentials("id", "secret")
	ctx := t.Context()
	tok, err := cc.Token(ctx, cfg)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)

	assert.True(t, cc.Invalidate("not-the-cached-one"))
	tok, err = cc.Token(ctx, cfg)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok, "invalidating another token keeps the cached one")

	assert.True(t, cc.Invalidate("tok-1"))
	tok, err = cc.Token(ctx, cfg)
	require.NoError(t, err)
	assert.Equal(t, "tok-2", tok)
	assert.Equal(t, []string{"secret"}, cc.Secrets())
}

func TestClientCredentialsExpiry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expiresIn int
		fetches   int64
	}{
		{86400, 1},
		{3600, 1},
		{62, 1}, // renewed a minute early: still 2 s of use
		{59, 3},
		{1, 3},
		{0, 1}, // no expires_in: assumed to last an hour
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.expiresIn), func(t *testing.T) {
			t.Parallel()
			var n atomic.Int64
			cfg := newTokenConfig(func(req *http.Request) (*http.Response, error) {
				n.Add(1)
				return tokenJSONResponder("tok", tt.expiresIn)(req)
			})
			cc := NewClientCredentials("id", "secret")
			for range 3 {
				_, err := cc.Token(t.Context(), cfg)
				require.NoError(t, err)
			}
			assert.Equal(t, tt.fetches, n.Load())
		})
	}
}

func TestClientCredentialsConcurrentFetchSharedError(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	release := make(chan struct{})
	cfg := newTokenConfig(func(req *http.Request) (*http.Response, error) {
		n.Add(1)
		<-release
		resp := httpmock.NewStringResponse(http.StatusUnauthorized, `{"error":"access_denied","error_description":"Unauthorized"}`)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	cc := NewClientCredentials("my-id", "my-secret")
	const callers = 20
	errs := make(chan error, callers)
	var wg sync.WaitGroup
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := cc.Token(t.Context(), cfg)
			errs <- err
		}()
	}
	require.Eventually(t, func() bool { return n.Load() == 1 }, 2*time.Second, time.Millisecond)
	time.Sleep(10 * time.Millisecond) // let the other callers queue behind the fetch
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		require.Error(t, err)
		var apiErr *apierror.Error
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
		assert.Contains(t, err.Error(), "my-id")
		assert.NotContains(t, err.Error(), "my-secret")
	}
	assert.EqualValues(t, 1, n.Load(), "waiters share the failed fetch's error")

	// The failure is not cached: the next call tries again.
	_, err := cc.Token(t.Context(), cfg)
	require.Error(t, err)
	assert.EqualValues(t, 2, n.Load())
}

func TestClientCredentialsCancelledFetcherHandsOver(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	started := make(chan struct{})
	cfg := newTokenConfig(func(req *http.Request) (*http.Response, error) {
		if n.Add(1) == 1 {
			close(started)
			<-req.Context().Done() // the first fetch hangs until its caller gives up
			return nil, req.Context().Err()
		}
		return tokenJSONResponder("second-fetch", 86400)(req)
	})
	cc := NewClientCredentials("id", "secret")

	ctx1, cancel1 := context.WithCancel(t.Context())
	first := make(chan error, 1)
	go func() {
		_, err := cc.Token(ctx1, cfg)
		first <- err
	}()
	<-started
	second := make(chan string, 1)
	go func() {
		tok, err := cc.Token(t.Context(), cfg)
		assert.NoError(t, err)
		second <- tok
	}()
	time.Sleep(10 * time.Millisecond) // let the second caller wait on the first fetch
	cancel1()
	assert.ErrorIs(t, <-first, context.Canceled)
	select {
	case tok := <-second:
		assert.Equal(t, "second-fetch", tok, "a waiter whose own context is fine fetches for itself")
	case <-time.After(2 * time.Second):
		t.Fatal("the waiter was stuck after the fetcher was cancelled")
	}
}

func TestClientCredentialsWaiterContext(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	defer close(release)
	cfg := newTokenConfig(func(req *http.Request) (*http.Response, error) {
		<-release
		return tokenJSONResponder("late", 86400)(req)
	})
	cc := NewClientCredentials("id", "secret")
	go func() { _, _ = cc.Token(t.Context(), cfg) }()
	time.Sleep(10 * time.Millisecond)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	_, err := cc.Token(ctx, cfg)
	assert.ErrorIs(t, err, context.DeadlineExceeded, "a waiter stops waiting when its own context ends")
}

func TestClientCredentialsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		resp    httpmock.Responder
		wantHas []string
		status  int
	}{
		{
			"401 with echo of the secret",
			func(*http.Request) (*http.Response, error) {
				resp := httpmock.NewStringResponse(401, `{"error":"access_denied","error_description":"bad secret the-secret-value"}`)
				resp.Header.Set("Content-Type", "application/json")
				return resp, nil
			},
			[]string{"the-client-id", "check the client ID and client secret", "access_denied"}, 401,
		},
		{
			"403",
			func(*http.Request) (*http.Response, error) {
				resp := httpmock.NewStringResponse(403, `{"error":"unauthorized_client","error_description":"Client is not authorized to access the API"}`)
				resp.Header.Set("Content-Type", "application/json")
				return resp, nil
			},
			[]string{"check the client ID and client secret", "not authorized"}, 403,
		},
		{
			"500 HTML",
			func(*http.Request) (*http.Response, error) {
				return httpmock.NewStringResponse(500, "<html>oops</html>"), nil
			},
			[]string{"the-client-id", "500"}, 500,
		},
		{
			"no access token",
			tokenJSONResponder("", 3600),
			[]string{"access_token", testTokenURL}, 0,
		},
		{
			"transport error with the secret",
			httpmock.NewErrorResponder(errors.New("proxy error: body had the-secret-value")),
			[]string{"fetching an access token", testTokenURL}, 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cc := NewClientCredentials("the-client-id", "the-secret-value")
			_, err := cc.Token(t.Context(), newTokenConfig(tt.resp))
			require.Error(t, err)
			for _, s := range tt.wantHas {
				assert.Contains(t, err.Error(), s)
			}
			assert.NotContains(t, err.Error(), "the-secret-value")
			var apiErr *apierror.Error
			if tt.status == 0 {
				assert.False(t, errors.As(err, &apiErr))
				return
			}
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.NotContains(t, string(apiErr.RawJSON()), "the-secret-value")
			assert.NotContains(t, string(apiErr.DumpRequest(true)), "the-secret-value")
		})
	}
}

func TestClientCredentialsNeedBoth(t *testing.T) {
	t.Parallel()
	for _, cc := range []*ClientCredentials{NewClientCredentials("", "s"), NewClientCredentials("i", ""), {}} {
		_, err := cc.Token(t.Context(), &RequestConfig{Domain: "t.auth0.com"})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "client ID and a client secret")
	}
}

func TestTokenSourceAdapter(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	tests := []struct {
		name    string
		src     oauth2.TokenSource
		want    string
		wantErr string
	}{
		{"token", oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "a"}), "a", ""},
		{"error", tokenSourceFunc(func() (*oauth2.Token, error) { return nil, boom }), "", "token source: boom"},
		{"nil token", tokenSourceFunc(func() (*oauth2.Token, error) { return nil, nil }), "", "empty token"},
		{"empty token", tokenSourceFunc(func() (*oauth2.Token, error) { return &oauth2.Token{}, nil }), "", "empty token"},
		{"nil source", nil, "", "nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := TokenSource{Source: tt.src}
			tok, err := ts.Token(t.Context(), &RequestConfig{})
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, tok)
			assert.False(t, ts.Invalidate(tok))
		})
	}
	_, err := TokenSource{Source: tokenSourceFunc(func() (*oauth2.Token, error) { return nil, boom })}.Token(t.Context(), nil)
	assert.ErrorIs(t, err, boom)
}

type tokenSourceFunc func() (*oauth2.Token, error)

func (f tokenSourceFunc) Token() (*oauth2.Token, error) { return f() }

func TestStaticTokenAuthenticator(t *testing.T) {
	t.Parallel()
	s := NewStaticToken("static-tok")
	tok, err := s.Token(t.Context(), nil)
	require.NoError(t, err)
	assert.Equal(t, "static-tok", tok)
	assert.False(t, s.Invalidate(tok), "a static token cannot be renewed")
	assert.Equal(t, []string{"static-tok"}, s.Secrets())
	_, err = NewStaticToken("").Token(t.Context(), nil)
	assert.Error(t, err)
}

func TestApplyAndResolve(t *testing.T) {
	t.Parallel()
	var order []string
	opt := func(name string) RequestOption {
		return func(cfg *RequestConfig) error {
			order = append(order, name)
			cfg.Header.Add("X-Order", name)
			return nil
		}
	}
	fail := func(*RequestConfig) error { return errors.New("option failed") }

	cfg, err := Resolve([]RequestOption{opt("a"), nil, opt("b")}, []RequestOption{opt("c")})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c"}, order)
	assert.Equal(t, []string{"a", "b", "c"}, cfg.Header.Values("X-Order"))

	order = nil
	_, err = Resolve([]RequestOption{opt("a"), fail, opt("b")})
	require.EqualError(t, err, "option failed")
	assert.Equal(t, []string{"a"}, order, "options after a failure are not applied")
}

func TestDefaults(t *testing.T) {
	t.Parallel()
	shared := &Shared{}
	cfg, err := Resolve([]RequestOption{Defaults(shared)})
	require.NoError(t, err)
	assert.Equal(t, DefaultMaxRetries, cfg.MaxRetries)
	assert.Equal(t, DefaultRetryWaitMin, cfg.RetryWaitMin)
	assert.Equal(t, DefaultRetryWaitMax, cfg.RetryWaitMax)
	assert.EqualValues(t, DefaultMaxResponseBytes, cfg.MaxResponseBytes)
	assert.True(t, cfg.Pacing)
	assert.Same(t, shared, cfg.Shared)
	assert.Equal(t, UserAgent, cfg.Header.Get("User-Agent"))
	assert.Equal(t, Auth0Client, cfg.Header.Get("Auth0-Client"))
	assert.True(t, strings.HasPrefix(UserAgent, "auth0-go-actions/"))

	// Changing one call's headers never changes the shared defaults.
	cfg.Header.Add("User-Agent", "extra")
	cfg.Header.Set("Auth0-Client", "x")
	cfg2, err := Resolve([]RequestOption{Defaults(shared)})
	require.NoError(t, err)
	assert.Equal(t, []string{UserAgent}, cfg2.Header.Values("User-Agent"))
	assert.Equal(t, []string{Auth0Client}, cfg2.Header.Values("Auth0-Client"))
}
