package reliability

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// tokenAPI is a fake API with a token endpoint that hands out numbered
// tokens (tok-gen-1, tok-gen-2, ...) and an API that refuses, as expired,
// tokens older than minGen.
type tokenAPI struct {
	fetches   atomic.Int64
	minGen    atomic.Int64
	apiCalls  atomic.Int64
	refused   atomic.Int64
	expiresIn int
	// expireAt, when positive, makes the API call with that number expire
	// every token handed out so far.
	expireAt int64
}

func (ta *tokenAPI) handler(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/oauth/token" {
		_ = r.ParseForm()
		if r.PostForm.Get("client_secret") != testClientSecret || r.PostForm.Get("grant_type") != "client_credentials" {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"error": "access_denied", "error_description": "Unauthorized"})
			return
		}
		n := ta.fetches.Add(1)
		writeJSON(w, http.StatusOK, map[string]any{"access_token": fmt.Sprintf("tok-gen-%d", n),
			"expires_in": ta.expiresIn, "token_type": "Bearer"})
		return
	}
	call := ta.apiCalls.Add(1)
	if call == ta.expireAt {
		ta.minGen.Store(ta.fetches.Load() + 1)
	}
	gen, _ := strconv.ParseInt(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer tok-gen-"), 10, 64)
	if gen == 0 || gen < ta.minGen.Load() {
		ta.refused.Add(1)
		writeError(w, http.StatusUnauthorized, "Expired token received for JSON Web Token validation")
		return
	}
	answer(w, r)
}

func TestTokenEndpoint401(t *testing.T) {
	t.Parallel()
	s := begin(t, "token endpoint", "401 from /oauth/token (wrong client secret)",
		"a clear error about the credentials, matching ErrUnauthorized; no API request; the secret is not in it")
	srv := s.server((&tokenAPI{expiresIn: 86400}).handler)
	c := s.client(srv, option.WithClientCredentials(testClientID, "wrong-"+testClientSecret))
	_, err := c.Actions.Get(ctxT(t, 10*time.Second), "act_1")
	require.Error(t, err)
	assert.ErrorIs(t, err, auth0.ErrUnauthorized)
	var apiErr *auth0.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	assert.Contains(t, err.Error(), "check the client ID and client secret")
	assert.Contains(t, err.Error(), testClientID)
	assert.NotContains(t, err.Error(), testClientSecret)
	assert.Equal(t, 1, srv.count("token"), "a 401 from the token endpoint is not retried")
	assert.Equal(t, 1, srv.count(""), "no API request without a token")
	s.observe("%q", err.Error())
}

func TestTokenEndpointUnavailableThenUp(t *testing.T) {
	t.Parallel()
	s := begin(t, "token endpoint", "503 with an HTML page from /oauth/token, then a token",
		"the token request is retried; the call succeeds")
	ta := &tokenAPI{expiresIn: 86400}
	var tokenRequests atomic.Int64
	srv := s.server(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/token" && tokenRequests.Add(1) == 1 {
			rawBody(http.StatusServiceUnavailable, "text/html", htmlPage)(w, r)
			return
		}
		ta.handler(w, r)
	})
	c := s.client(srv, option.WithClientCredentials(testClientID, testClientSecret))
	_, err := c.Actions.Get(ctxT(t, 10*time.Second), "act_1")
	require.NoError(t, err)
	assert.Equal(t, 2, srv.count("token"))
	assert.Equal(t, 1, srv.count("getAction"))
	s.observe("2 token requests, 1 API request; success")
}

func TestTokenExpiresMidBatch(t *testing.T) {
	t.Parallel()
	s := begin(t, "token endpoint", "token refused as expired at call 11 of a batch of 20 (sequential)",
		"the token is fetched again once; all 20 calls succeed")
	ta := &tokenAPI{expiresIn: 86400, expireAt: 11}
	srv := s.server(ta.handler)
	c := s.client(srv, option.WithClientCredentials(testClientID, testClientSecret))
	ctx := ctxT(t, 10*time.Second)
	for i := range 20 {
		_, err := c.Actions.Get(ctx, "act_"+strconv.Itoa(i))
		require.NoError(t, err, "call %d", i+1)
	}
	assert.EqualValues(t, 2, ta.fetches.Load(), "token fetches")
	assert.EqualValues(t, 1, ta.refused.Load())
	assert.EqualValues(t, 21, ta.apiCalls.Load())
	s.observe("20/20 calls succeeded; %d token fetches; %d API requests (1 refused)", ta.fetches.Load(), ta.apiCalls.Load())
}

func TestTokenExpiresMidBatchConcurrent(t *testing.T) {
	t.Parallel()
	s := begin(t, "token endpoint", "token refused as expired mid-batch, 16 goroutines x 10 calls",
		"one shared refresh (2 token fetches in all); all 160 calls succeed")
	ta := &tokenAPI{expiresIn: 86400, expireAt: 41}
	srv := s.server(ta.handler)
	c := s.client(srv, option.WithClientCredentials(testClientID, testClientSecret))
	ctx := ctxT(t, 20*time.Second)
	var wg sync.WaitGroup
	var failed atomic.Int64
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				if _, err := c.Actions.Get(ctx, fmt.Sprintf("act_%d_%d", g, i)); err != nil {
					failed.Add(1)
					t.Errorf("goroutine %d call %d: %v", g, i, err)
				}
			}
		}()
	}
	wg.Wait()
	assert.Zero(t, failed.Load())
	assert.EqualValues(t, 2, ta.fetches.Load(), "token fetches")
	s.observe("%d/160 calls succeeded; %d token fetches; %d requests refused as expired", 160-failed.Load(),
		ta.fetches.Load(), ta.refused.Load())
}

func TestTokenExpiresByTheClock(t *testing.T) {
	t.Parallel()
	s := begin(t, "token endpoint", "token with expires_in 61 s (renewed 60 s early, so stale after 1 s), calls every 25 ms until it is renewed",
		"renewed once before it goes stale, without a refused request; every call succeeds")
	ta := &tokenAPI{expiresIn: 61}
	srv := s.server(ta.handler)
	c := s.client(srv, option.WithClientCredentials(testClientID, testClientSecret))
	ctx := ctxT(t, 20*time.Second)
	start := time.Now()
	calls, after := 0, 0
	// Call until the token has been renewed, then five calls more.
	for after < 5 && time.Since(start) < 10*time.Second {
		_, err := c.Actions.Get(ctx, "act_1")
		require.NoError(t, err)
		calls++
		if ta.fetches.Load() >= 2 {
			after++
		}
		time.Sleep(25 * time.Millisecond)
	}
	assert.EqualValues(t, 2, ta.fetches.Load(), "token fetches")
	assert.Zero(t, ta.refused.Load())
	s.observe("%d calls succeeded over %s with %d token fetches", calls, time.Since(start).Round(100*time.Millisecond), ta.fetches.Load())
}

func TestTokenRefreshFailsAfter401OnCreate(t *testing.T) {
	t.Parallel()
	s := begin(t, "token endpoint", "Actions.New answered 401 (token expired), then /oauth/token answers 401",
		"an error about the credentials that does not claim the create may have happened (a 401 proves it did not)")
	var tokenCalls atomic.Int64
	srv := s.server(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/token" {
			if tokenCalls.Add(1) == 1 {
				writeJSON(w, http.StatusOK, map[string]any{"access_token": "tok-1", "expires_in": 86400})
				return
			}
			writeJSON(w, http.StatusUnauthorized, map[string]any{"error": "access_denied", "error_description": "Unauthorized"})
			return
		}
		writeError(w, http.StatusUnauthorized, "Expired token")
	})
	c := s.client(srv, option.WithClientCredentials(testClientID, testClientSecret))
	err := callCreate.do(ctxT(t, 5*time.Second), c)
	require.Error(t, err)
	assert.ErrorIs(t, err, auth0.ErrUnauthorized)
	assert.Contains(t, err.Error(), "check the client ID and client secret")
	assert.NotErrorIs(t, err, auth0.ErrOutcomeUnknown, "the server refused the create with 401: nothing happened")
	assert.Equal(t, 1, srv.count("createAction"))
}
