package auth0_test

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// retryEndpoint is one SDK call, and whether a retry of it is safe.
type retryEndpoint struct {
	name   string
	unsafe bool
	call   func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error
}

func retryEndpoints() []retryEndpoint {
	newParams := auth0.ActionNewParams{Name: "a", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}}
	return []retryEndpoint{
		{"Actions.Get", false, func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Get(ctx, "act_1", opts...)
			return err
		}},
		{"Actions.Update", false, func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Update(ctx, "act_1", auth0.ActionUpdateParams{Code: auth0.String("x")}, opts...)
			return err
		}},
		{"Actions.Delete", false, func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			return c.Actions.Delete(ctx, "act_1", auth0.ActionDeleteParams{}, opts...)
		}},
		{"Actions.Test", false, func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Test(ctx, "act_1", auth0.ActionTestParams{Payload: map[string]any{"event": map[string]any{}}}, opts...)
			return err
		}},
		{"Versions.Get", false, func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Versions.Get(ctx, "act_1", "ver_1", opts...)
			return err
		}},
		{"Client.Patch", false, func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			return c.Patch(ctx, "actions/modules/m1", map[string]any{"code": "x"}, nil, opts...)
		}},
		{"Actions.New", true, func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.New(ctx, newParams, opts...)
			return err
		}},
		{"Actions.Deploy", true, func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Deploy(ctx, "act_1", opts...)
			return err
		}},
		{"Versions.Deploy", true, func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Versions.Deploy(ctx, "act_1", "ver_1", auth0.ActionVersionDeployParams{}, opts...)
			return err
		}},
		{"Client.Post", true, func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			return c.Post(ctx, "actions/modules", map[string]any{"name": "m"}, nil, opts...)
		}},
	}
}

func TestRetryStatusRules(t *testing.T) {
	t.Parallel()
	const maxAttempts = 3 // the default: 2 retries
	tests := []struct {
		status        int
		retriedSafe   bool
		retriedUnsafe bool
	}{
		{http.StatusTooManyRequests, true, true},
		{http.StatusInternalServerError, true, false},
		{http.StatusBadGateway, true, false},
		{http.StatusServiceUnavailable, true, false},
		{http.StatusGatewayTimeout, true, false},
		{http.StatusRequestTimeout, true, false},
		{599, true, false},
		{http.StatusNotImplemented, false, false},
		{http.StatusHTTPVersionNotSupported, false, false},
		{http.StatusBadRequest, false, false},
		{http.StatusUnauthorized, false, false}, // static token: nothing to renew
		{http.StatusForbidden, false, false},
		{http.StatusNotFound, false, false},
		{http.StatusConflict, false, false},
		{http.StatusUnprocessableEntity, false, false},
	}
	for _, ep := range retryEndpoints() {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/%d", ep.name, tt.status), func(t *testing.T) {
				t.Parallel()
				body := fmt.Sprintf(`{"statusCode":%d,"error":%q,"message":"nope"}`, tt.status, http.StatusText(tt.status))
				tr, rec := recordAll(respondWith(tt.status, body))
				err := ep.call(t.Context(), newTestClient(tr, option.WithRateLimitPacing(false)))
				require.Error(t, err)

				retried := tt.retriedSafe
				if ep.unsafe {
					retried = tt.retriedUnsafe
				}
				wantCalls := 1
				if retried {
					wantCalls = maxAttempts
				}
				assert.Equal(t, wantCalls, rec.len(), "requests sent")

				var apiErr *auth0.Error
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tt.status, apiErr.StatusCode)
				assert.Equal(t, wantCalls, apiErr.Attempts)
				outcomeUnknown := ep.unsafe && (tt.status >= 500 || tt.status == http.StatusRequestTimeout)
				assert.Equal(t, outcomeUnknown, apiErr.OutcomeUnknown)
				assert.Equal(t, outcomeUnknown, errors.Is(err, auth0.ErrOutcomeUnknown))
				if outcomeUnknown {
					assert.NotEmpty(t, apiErr.Hint)
					assert.Contains(t, err.Error(), "outcome unknown")
					assert.Contains(t, err.Error(), apiErr.Hint)
				} else {
					assert.Empty(t, apiErr.Hint)
				}
			})
		}
	}
}

func TestRetryUnsafeHints(t *testing.T) {
	t.Parallel()
	for _, ep := range retryEndpoints() {
		if !ep.unsafe || strings.HasPrefix(ep.name, "Client.") {
			continue
		}
		t.Run(ep.name, func(t *testing.T) {
			t.Parallel()
			tr, rec := recordAll(respondWith(http.StatusBadGateway, "<html>bad gateway</html>"))
			err := ep.call(t.Context(), newTestClient(tr))
			require.ErrorIs(t, err, auth0.ErrOutcomeUnknown)
			require.ErrorIs(t, err, auth0.ErrServer)
			assert.Equal(t, 1, rec.len())
			var apiErr *auth0.Error
			require.ErrorAs(t, err, &apiErr)
			// The hint tells how to check: by listing actions or versions.
			assert.Contains(t, apiErr.Hint, "List")
		})
	}
}

func TestRetrySucceedsAfterTransientErrors(t *testing.T) {
	t.Parallel()
	for _, ep := range retryEndpoints() {
		t.Run(ep.name, func(t *testing.T) {
			t.Parallel()
			tr, rec := recordAll(respondInTurn(
				respondWith(http.StatusTooManyRequests, ""),
				respondWith(http.StatusOK, `{"id":"x"}`),
			))
			require.NoError(t, ep.call(t.Context(), newTestClient(tr)))
			require.Equal(t, 2, rec.len())
			// The body (if any) is sent again in full.
			assert.Equal(t, rec.body(0), rec.body(1))
			assert.Equal(t, rec.req(0).URL.String(), rec.req(1).URL.String())
		})
	}
}

func TestRetrySafeCallRecoversFrom5xx(t *testing.T) {
	t.Parallel()
	tr, rec := recordAll(respondInTurn(
		respondWith(http.StatusServiceUnavailable, ""),
		respondWith(http.StatusBadGateway, "<html>"),
		respondWith(http.StatusOK, `{"payload":{"ok":true}}`),
	))
	res, err := newTestClient(tr).Actions.Test(t.Context(), "act_1", auth0.ActionTestParams{Payload: map[string]any{"k": "v"}})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"ok": true}, res.Payload)
	require.Equal(t, 3, rec.len())
	for i := range 3 {
		assert.JSONEq(t, `{"payload":{"k":"v"}}`, rec.body(i), "attempt %d", i+1)
	}
}

func TestRetryMaxRetries(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 2, 5} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			tr, rec := recordAll(respondWith(http.StatusTooManyRequests, ""))
			_, err := newTestClient(tr, option.WithMaxRetries(n)).Actions.Get(t.Context(), "act_1")
			require.ErrorIs(t, err, auth0.ErrRateLimited)
			assert.Equal(t, n+1, rec.len())
		})
	}
}

func TestRetryConnectionErrors(t *testing.T) {
	t.Parallel()
	reset := errors.New("read tcp: connection reset by peer")
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	read := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	dnsTemp := &net.DNSError{Err: "server misbehaving", Name: testDomain, IsTemporary: true}
	dnsNotFound := &net.DNSError{Err: "no such host", Name: testDomain, IsNotFound: true}
	x509Err := x509.UnknownAuthorityError{}

	tests := []struct {
		name           string
		err            error
		wantSafe       int // requests for a GET
		wantUnsafe     int // requests for a create
		outcomeUnknown bool
	}{
		{"reset after sending", reset, 3, 1, true},
		{"read error", read, 3, 1, true},
		{"dial error: never sent", dial, 3, 3, false},
		{"temporary DNS error: never sent", dnsTemp, 3, 3, false},
		{"unknown host: permanent", dnsNotFound, 1, 1, false},
		{"bad certificate: permanent", x509Err, 1, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			tr, rec := recordAll(httpmock.NewErrorResponder(tt.err))
			_, err := newTestClient(tr).Actions.Get(t.Context(), "act_1")
			require.Error(t, err)
			assert.Equal(t, tt.wantSafe, rec.len(), "GET requests")
			assert.False(t, errors.Is(err, auth0.ErrOutcomeUnknown))
			assert.ErrorIs(t, err, tt.err, "the cause is kept")
			assert.Contains(t, err.Error(), "GET "+testBaseURL+"actions/actions/act_1")
			if tt.wantSafe > 1 {
				assert.Contains(t, err.Error(), fmt.Sprintf("after %d attempts", tt.wantSafe))
			}

			tr2, rec2 := recordAll(httpmock.NewErrorResponder(tt.err))
			_, err = newTestClient(tr2).Actions.New(t.Context(), auth0.ActionNewParams{
				Name: "a", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
			})
			require.Error(t, err)
			assert.Equal(t, tt.wantUnsafe, rec2.len(), "create requests")
			assert.Equal(t, tt.outcomeUnknown, errors.Is(err, auth0.ErrOutcomeUnknown))
			var ou *auth0.OutcomeUnknownError
			if tt.outcomeUnknown {
				require.ErrorAs(t, err, &ou)
				assert.NotEmpty(t, ou.Hint)
				assert.Contains(t, err.Error(), ou.Hint)
				assert.Contains(t, err.Error(), "POST "+testBaseURL+"actions/actions")
			} else {
				assert.False(t, errors.As(err, &ou))
			}
			assert.ErrorIs(t, err, tt.err)
		})
	}
}

func TestRetryAfterRules(t *testing.T) {
	t.Parallel()
	const capWait = 40 * time.Millisecond
	tests := []struct {
		name    string
		headers func() []string
		minGap  time.Duration
	}{
		{"Retry-After seconds, capped", func() []string { return []string{"Retry-After", "2"} }, capWait},
		{"Retry-After fractional seconds", func() []string { return []string{"Retry-After", "0.05"} }, capWait},
		{"Retry-After HTTP date, capped", func() []string {
			return []string{"Retry-After", time.Now().Add(5 * time.Second).UTC().Format(http.TimeFormat)}
		}, capWait},
		{"x-ratelimit-reset epoch seconds, capped", func() []string {
			return []string{"X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", fmt.Sprint(time.Now().Add(5 * time.Second).Unix())}
		}, capWait},
		{"Retry-After wins over x-ratelimit-reset", func() []string {
			return []string{"Retry-After", "1", "X-RateLimit-Reset", fmt.Sprint(time.Now().Add(-time.Hour).Unix())}
		}, capWait},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, rec := recordAll(respondInTurn(
				respondWith(http.StatusTooManyRequests, "", tt.headers()...),
				respondWith(http.StatusOK, minimalActionJSON),
			))
			// A 1 ms backoff would retry at once: a longer gap shows the
			// server's figure was used, and the cap bounds it.
			c := newTestClient(tr, option.WithRetryWait(time.Millisecond, capWait), option.WithRateLimitPacing(false))
			start := time.Now()
			_, err := c.Actions.Get(t.Context(), "act_1")
			require.NoError(t, err)
			require.Equal(t, 2, rec.len())
			assert.GreaterOrEqual(t, rec.gap(1), tt.minGap)
			assert.Less(t, time.Since(start), 4*time.Second, "the wait is capped, not the server's seconds")
		})
	}
}

func TestRetryBackoffWithoutHeaders(t *testing.T) {
	t.Parallel()
	tr, rec := recordAll(respondInTurn(
		respondWith(http.StatusTooManyRequests, ""),
		respondWith(http.StatusServiceUnavailable, ""),
		respondWith(http.StatusOK, minimalActionJSON),
	))
	// min = max = 30 ms: with equal jitter every wait is 15..30 ms.
	c := newTestClient(tr, option.WithRetryWait(30*time.Millisecond, 30*time.Millisecond))
	_, err := c.Actions.Get(t.Context(), "act_1")
	require.NoError(t, err)
	require.Equal(t, 3, rec.len())
	assert.GreaterOrEqual(t, rec.gap(1), 15*time.Millisecond)
	assert.GreaterOrEqual(t, rec.gap(2), 15*time.Millisecond)
}

func TestRetryWaitIsCappedByMax(t *testing.T) {
	t.Parallel()
	tr, rec := recordAll(respondWith(http.StatusTooManyRequests, `{"statusCode":429,"error":"Too Many Requests","message":"slow down"}`,
		"Retry-After", "3600", "X-RateLimit-Reset", fmt.Sprint(time.Now().Add(time.Hour).Unix())))
	c := newTestClient(tr, option.WithRetryWait(time.Millisecond, 20*time.Millisecond), option.WithRateLimitPacing(false))

	done := make(chan error, 1)
	go func() {
		_, err := c.Actions.Get(t.Context(), "act_1")
		done <- err
	}()
	select {
	case err := <-done:
		require.ErrorIs(t, err, auth0.ErrRateLimited)
		assert.True(t, errors.Is(err, auth0.ErrRateLimited))
		var apiErr *auth0.Error
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, time.Hour, apiErr.RetryAfter)
		assert.Equal(t, 3, apiErr.Attempts)
	case <-time.After(5 * time.Second):
		t.Fatal("the hour-long Retry-After was not capped by WithRetryWait")
	}
	assert.Equal(t, 3, rec.len())
}

func TestRetryCancelDuringBackoff(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	first := make(chan struct{})
	var calls atomic.Int64
	tr := httpmock.NewMockTransport()
	tr.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		if calls.Add(1) == 1 {
			close(first)
		}
		return respondWith(http.StatusTooManyRequests, "", "Retry-After", "30")(req)
	})
	c := newTestClient(tr, option.WithRetryWait(time.Millisecond, 30*time.Second), option.WithRateLimitPacing(false))

	done := make(chan error, 1)
	go func() {
		_, err := c.Actions.Get(ctx, "act_1")
		done <- err
	}()
	<-first
	cancel()
	select {
	case err := <-done:
		require.Error(t, err)
		assert.ErrorIs(t, err, context.Canceled)
		assert.Contains(t, err.Error(), "GET "+testBaseURL+"actions/actions/act_1")
	case <-time.After(2 * time.Second):
		t.Fatal("the call kept waiting after its context was cancelled")
	}
	assert.EqualValues(t, 1, calls.Load(), "no request after the cancellation")
}

func TestRetryContextDeadline(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	tr, rec := recordAll(respondWith(http.StatusServiceUnavailable, ""))
	// 503 waits are backoff; make them long so the deadline falls in one.
	c := newTestClient(tr, option.WithRetryWait(10*time.Second, 10*time.Second))
	done := make(chan error, 1)
	go func() {
		_, err := c.Actions.Get(ctx, "act_1")
		done <- err
	}()
	select {
	case err := <-done:
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	case <-time.After(2 * time.Second):
		t.Fatal("the call outlived its context deadline")
	}
	assert.Equal(t, 1, rec.len())
}

func TestRetryAlreadyCancelledContextSendsNothing(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	// A real transport, since httpmock runs its responder even then.
	srv, n := newSlowServer(t, 0, minimalActionJSON)
	c := newLoopbackClient(srv, "")
	_, err := c.Actions.Get(ctx, "act_1")
	require.ErrorIs(t, err, context.Canceled)
	assert.EqualValues(t, 0, n.Load())
}

// newLoopbackClient returns a client of the loopback server srv, whose API
// lives under path, with a static token; opts come last and win.
func newLoopbackClient(srv *httptest.Server, path string, opts ...option.RequestOption) *auth0.Client {
	base := []option.RequestOption{option.WithBaseURL(srv.URL + path), option.WithToken(testToken), option.WithHTTPClient(srv.Client())}
	return auth0.NewClient(append(base, opts...)...)
}

// newSlowServer answers after delay (or when the client gives up), and
// counts the requests it saw.
func newSlowServer(t *testing.T, delay time.Duration, body string) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestRetryPerAttemptTimeout(t *testing.T) {
	t.Parallel()
	srv, n := newSlowServer(t, 10*time.Second, minimalActionJSON)
	c := newLoopbackClient(srv, "/api/v2/",
		option.WithRequestTimeout(50*time.Millisecond),
		option.WithMaxRetries(1),
		option.WithRetryWait(time.Millisecond, 5*time.Millisecond),
	)
	done := make(chan error, 1)
	go func() {
		_, err := c.Actions.Get(t.Context(), "act_1")
		done <- err
	}()
	select {
	case err := <-done:
		require.Error(t, err)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Contains(t, err.Error(), "after 2 attempts")
	case <-time.After(5 * time.Second):
		t.Fatal("the per-attempt timeout did not end the call")
	}
	assert.EqualValues(t, 2, n.Load(), "the timed-out attempt was retried once")
}

func TestRetryPerAttemptTimeoutUnsafe(t *testing.T) {
	t.Parallel()
	srv, n := newSlowServer(t, 10*time.Second, `{"id":"ver_1"}`)
	c := newLoopbackClient(srv, "/api/v2/",
		option.WithRequestTimeout(50*time.Millisecond),
		option.WithRetryWait(time.Millisecond, 5*time.Millisecond),
	)
	_, err := c.Actions.Deploy(t.Context(), "act_1")
	require.Error(t, err)
	assert.ErrorIs(t, err, auth0.ErrOutcomeUnknown, "the deploy may have happened")
	assert.EqualValues(t, 1, n.Load())
}

func TestRetryPerAttemptTimeoutCoversSlowSuccess(t *testing.T) {
	t.Parallel()
	// A server that answers within the per-attempt timeout: one request,
	// and the body is read after RoundTrip without being cut off.
	srv, n := newSlowServer(t, 5*time.Millisecond, minimalActionJSON)
	c := newLoopbackClient(srv, "/api/v2/",
		option.WithRequestTimeout(2*time.Second),
	)
	a, err := c.Actions.Get(t.Context(), "act_1")
	require.NoError(t, err)
	assert.Equal(t, "act_1", a.ID)
	assert.EqualValues(t, 1, n.Load())
}

func TestRetryCancelInFlight(t *testing.T) {
	t.Parallel()
	srv, n := newSlowServer(t, 10*time.Second, minimalActionJSON)
	c := newLoopbackClient(srv, "/api/v2/",
		option.WithRetryWait(time.Millisecond, 5*time.Millisecond),
	)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := c.Actions.Get(ctx, "act_1")
		done <- err
	}()
	require.Eventually(t, func() bool { return n.Load() == 1 }, 2*time.Second, time.Millisecond)
	cancel()
	select {
	case err := <-done:
		assert.ErrorIs(t, err, context.Canceled)
	case <-time.After(2 * time.Second):
		t.Fatal("the in-flight request was not cancelled")
	}
	assert.EqualValues(t, 1, n.Load(), "a cancelled call is not retried")
}

func TestRetryRealServerEscapedPath(t *testing.T) {
	t.Parallel()
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.RequestURI)
		_, _ = w.Write([]byte(minimalActionJSON))
	}))
	t.Cleanup(srv.Close)
	c := newLoopbackClient(srv, "")
	_, err := c.Actions.Get(t.Context(), "../../users/x?y#z")
	require.NoError(t, err)
	assert.Equal(t, "/actions/actions/..%2F..%2Fusers%2Fx%3Fy%23z", got.Load(), "on the wire, the ID stays in its segment")
}
