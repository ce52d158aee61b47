package reliability

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// ---------------------------------------------------------------------------
// Rate limits

// waitForEarlySecond sleeps until the wall clock is early in a second, so
// that an x-ratelimit-reset one second ahead is at least half a second away.
func waitForEarlySecond() {
	if frac := time.Duration(time.Now().Nanosecond()); frac > 400*time.Millisecond {
		time.Sleep(time.Second - frac + 10*time.Millisecond)
	}
}

func TestRateLimit429WithResetHeader(t *testing.T) {
	t.Parallel()
	s := begin(t, "rate limits", "429 with x-ratelimit-reset one second ahead (GET)",
		"waits until the reset, then succeeds; 2 requests")
	waitForEarlySecond()
	var want atomic.Int64
	srv := s.server(faults(func(w http.ResponseWriter, _ *http.Request) {
		now := time.Now()
		reset := time.Unix(now.Unix()+1, 0)
		want.Store(int64(reset.Sub(now)))
		w.Header().Set("X-RateLimit-Limit", "50")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
		writeError(w, http.StatusTooManyRequests, "Too many requests")
	}))
	c := s.client(srv, option.WithRetryWait(time.Millisecond, 2*time.Second), option.WithRateLimitPacing(false))

	_, err := c.Actions.Get(ctxT(t, 10*time.Second), "act_1")
	require.NoError(t, err)
	reqs := srv.requests()
	require.Len(t, reqs, 2)
	gap := reqs[1].At.Sub(reqs[0].At)
	wantWait := time.Duration(want.Load())
	assert.GreaterOrEqual(t, gap, wantWait-30*time.Millisecond, "retried before the reset")
	assert.Less(t, gap, wantWait+time.Second, "waited far past the reset")
	s.observe("2 requests; retried %s after the 429 (reset was %s ahead); success", gap.Round(time.Millisecond), wantWait.Round(time.Millisecond))
}

func TestRateLimit429WithRetryAfter(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		value func(now time.Time) (string, time.Duration)
	}{
		{"seconds", func(time.Time) (string, time.Duration) { return "1", time.Second }},
		{"HTTP date", func(now time.Time) (string, time.Duration) {
			at := now.Add(2 * time.Second).Truncate(time.Second)
			return at.UTC().Format(http.TimeFormat), at.Sub(now)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := begin(t, "rate limits", "429 with Retry-After as "+tc.name+" (GET)", "waits Retry-After, then succeeds; 2 requests")
			var wantNs atomic.Int64
			srv := s.server(faults(func(w http.ResponseWriter, _ *http.Request) {
				v, d := tc.value(time.Now())
				wantNs.Store(int64(d))
				w.Header().Set("Retry-After", v)
				writeError(w, http.StatusTooManyRequests, "Too many requests")
			}))
			c := s.client(srv, option.WithRetryWait(time.Millisecond, 3*time.Second), option.WithRateLimitPacing(false))

			_, err := c.Actions.Get(ctxT(t, 10*time.Second), "act_1")
			require.NoError(t, err)
			reqs := srv.requests()
			require.Len(t, reqs, 2)
			gap := reqs[1].At.Sub(reqs[0].At)
			want := time.Duration(wantNs.Load())
			assert.GreaterOrEqual(t, gap, want-30*time.Millisecond)
			assert.Less(t, gap, want+time.Second)
			s.observe("2 requests; retried %s after the 429 (Retry-After asked %s); success", gap.Round(time.Millisecond), want.Round(time.Millisecond))
		})
	}
}

func TestRateLimit429WithoutHeaders(t *testing.T) {
	t.Parallel()
	s := begin(t, "rate limits", "429 with neither Retry-After nor x-ratelimit-reset (GET)",
		"exponential backoff within the cap (50 ms), then succeeds; 2 requests")
	srv := s.server(faults(statusFault(http.StatusTooManyRequests)))
	c := s.client(srv, option.WithRateLimitPacing(false))

	_, err := c.Actions.Get(ctxT(t, 10*time.Second), "act_1")
	require.NoError(t, err)
	reqs := srv.requests()
	require.Len(t, reqs, 2)
	gap := reqs[1].At.Sub(reqs[0].At)
	assert.Less(t, gap, time.Second, "no header asked for a long wait")
	assert.EqualValues(t, 1, srv.conns.Load(), "the connection should be reused after a 429")
	s.observe("2 requests on 1 connection; retried after %s; success", gap.Round(time.Millisecond))
}

func TestRateLimitRetryAfterIsCapped(t *testing.T) {
	t.Parallel()
	s := begin(t, "rate limits", "429 with Retry-After: 3600 (GET)",
		"the wait is capped by option.WithRetryWait (50 ms); succeeds")
	srv := s.server(faults(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "3600")
		writeError(w, http.StatusTooManyRequests, "Too many requests")
	}))
	c := s.client(srv, option.WithRateLimitPacing(false))
	start := time.Now()
	_, err := c.Actions.Get(ctxT(t, 10*time.Second), "act_1")
	require.NoError(t, err)
	assert.Less(t, time.Since(start), 3*time.Second, "an hour-long Retry-After must be capped")
	assert.Equal(t, 2, srv.count("getAction"))
	s.observe("2 requests; success in %s", time.Since(start).Round(time.Millisecond))
}

func TestRateLimitStorm(t *testing.T) {
	t.Parallel()
	for _, call := range []sdkCall{callGet, callCreate, callModulePublish} {
		t.Run(call.name, func(t *testing.T) {
			t.Parallel()
			s := begin(t, "rate limits", "429 storm longer than the retry budget: "+call.name+" (pacing on)",
				"*auth0.Error 429 with the rate-limit figures after 3 attempts, not a hang; not outcome-unknown")
			reset := time.Unix(time.Now().Unix()+1, 0)
			srv := s.server(always(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("X-RateLimit-Limit", "50")
				w.Header().Set("X-RateLimit-Remaining", "0")
				w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
				writeError(w, http.StatusTooManyRequests, "Too many requests")
			}))
			c := s.client(srv)

			start := time.Now()
			err := call.do(ctxT(t, 10*time.Second), c)
			elapsed := time.Since(start)
			var apiErr *auth0.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, http.StatusTooManyRequests, apiErr.StatusCode)
			assert.True(t, errors.Is(err, auth0.ErrRateLimited))
			require.NotNil(t, apiErr.RateLimit, "the rate-limit figures")
			assert.Equal(t, 50, apiErr.RateLimit.Limit)
			assert.Equal(t, 0, apiErr.RateLimit.Remaining)
			assert.True(t, apiErr.RateLimit.Reset.Equal(reset))
			assert.Equal(t, 3, apiErr.Attempts)
			assert.Contains(t, err.Error(), "rate limit 50, remaining 0")
			assert.False(t, errors.Is(err, auth0.ErrOutcomeUnknown), "a 429 proves the server did not act")
			assert.Equal(t, 3, srv.count(call.route))
			assert.Less(t, elapsed, 5*time.Second, "a storm must end, not hang")
			s.observe("3 requests in %s; %q", elapsed.Round(time.Millisecond), err.Error())
		})
	}
}

// ---------------------------------------------------------------------------
// 5xx

func TestServerErrorsRetriedOnSafeCalls(t *testing.T) {
	t.Parallel()
	for _, status := range []int{500, 502, 503, 504} {
		for _, call := range safeCalls() {
			t.Run(fmt.Sprintf("%d %s", status, call.name), func(t *testing.T) {
				t.Parallel()
				s := begin(t, "5xx", fmt.Sprintf("%d twice, then 200: %s", status, call.name),
					"retried; succeeds on the 3rd request, on 1 connection")
				srv := s.server(faults(statusFault(status), statusFault(status)))
				c := s.client(srv)
				require.NoError(t, call.do(ctxT(t, 10*time.Second), c))
				assert.Equal(t, 3, srv.count(call.route))
				assert.EqualValues(t, 1, srv.conns.Load(), "error bodies must be drained so the connection is reused")
				s.observe("%d requests on %d connection(s); success", srv.count(""), srv.conns.Load())
			})
		}
	}
}

func TestServerErrorsOnTestEndpointRetried(t *testing.T) {
	t.Parallel()
	s := begin(t, "5xx", "503 then 200: "+callTest.name, "retried (testing an action creates nothing); succeeds")
	srv := s.server(faults(statusFault(503)))
	c := s.client(srv)
	require.NoError(t, callTest.do(ctxT(t, 10*time.Second), c))
	assert.Equal(t, 2, srv.count("testAction"))
	s.observe("2 requests; success")
}

func TestServerError501NotRetried(t *testing.T) {
	t.Parallel()
	s := begin(t, "5xx", "501 Not Implemented: Actions.Get (GET)", "not retried: *auth0.Error 501 after 1 request")
	srv := s.server(always(statusFault(501)))
	c := s.client(srv)
	err := callGet.do(ctxT(t, 10*time.Second), c)
	var apiErr *auth0.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 501, apiErr.StatusCode)
	assert.Equal(t, 1, srv.count(""))
	s.observe("1 request; %q", err.Error())
}

func TestServerErrorsNotRetriedOnUnsafeCalls(t *testing.T) {
	t.Parallel()
	for _, status := range []int{500, 502, 503, 504} {
		for _, call := range unsafeCalls() {
			t.Run(fmt.Sprintf("%d %s", status, call.name), func(t *testing.T) {
				t.Parallel()
				s := begin(t, "5xx", fmt.Sprintf("%d: %s", status, call.name),
					"not retried: exactly 1 request; *auth0.Error says the outcome is unknown and how to check")
				srv := s.server(always(statusFault(status)))
				c := s.client(srv)
				err := call.do(ctxT(t, 10*time.Second), c)
				var apiErr *auth0.Error
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, status, apiErr.StatusCode)
				assert.True(t, apiErr.OutcomeUnknown)
				assert.ErrorIs(t, err, auth0.ErrOutcomeUnknown)
				assert.ErrorIs(t, err, auth0.ErrServer)
				assert.Contains(t, err.Error(), "outcome unknown")
				assert.Contains(t, err.Error(), call.hint, "the error must say how to check")
				n := srv.count(call.route)
				assert.Equal(t, 1, n, "an unsafe call must reach the server once")
				if n > 1 {
					countDuplicates(n - 1)
				}
				s.observe("%d request; %q", n, err.Error())
			})
		}
	}
}

// ---------------------------------------------------------------------------
// Connections

const (
	partialHeaders = "HTTP/1.1 200 OK\r\nContent-Type: appl"
	partialBody    = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"id\":\"act_1\",\"na"
)

func TestConnectionBrokenSafeCallsRetried(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		fault fault
	}{
		{"reset before the response", resetAfter("")},
		{"reset mid-headers", resetAfter(partialHeaders)},
		{"reset mid-body", resetAfter(partialBody)},
		{"closed mid-body (unexpected EOF)", closeAfter(partialBody)},
	} {
		for _, call := range safeCalls() {
			t.Run(tc.name+" "+call.name, func(t *testing.T) {
				t.Parallel()
				s := begin(t, "connections", fmt.Sprintf("connection %s: %s", tc.name, call.name),
					"retried on a new connection; succeeds")
				srv := s.server(faults(tc.fault))
				c := s.client(srv)
				err := call.do(ctxT(t, 10*time.Second), c)
				require.NoError(t, err)
				assert.GreaterOrEqual(t, srv.count(call.route), 2)
				s.observe("%d requests on %d connections; success", srv.count(call.route), srv.conns.Load())
			})
		}
	}
}

func TestConnectionBrokenUnsafeCallsNotRetried(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		fault fault
	}{
		{"reset before the response", resetAfter("")},
		{"reset mid-headers", resetAfter(partialHeaders)},
		{"reset mid-body", resetAfter(partialBody)},
		{"closed mid-body (unexpected EOF)", closeAfter(partialBody)},
	} {
		for _, call := range unsafeCalls() {
			t.Run(tc.name+" "+call.name, func(t *testing.T) {
				t.Parallel()
				s := begin(t, "connections", fmt.Sprintf("connection %s: %s", tc.name, call.name),
					"not retried: exactly 1 request; the error says the outcome is unknown and how to check")
				srv := s.server(always(tc.fault))
				c := s.client(srv)
				err := call.do(ctxT(t, 10*time.Second), c)
				require.Error(t, err)
				var ou *auth0.OutcomeUnknownError
				assert.ErrorAs(t, err, &ou)
				assert.ErrorIs(t, err, auth0.ErrOutcomeUnknown)
				assert.Contains(t, err.Error(), "outcome unknown")
				assert.Contains(t, err.Error(), call.hint)
				n := srv.count(call.route)
				assert.Equal(t, 1, n)
				if n > 1 {
					countDuplicates(n - 1)
				}
				s.observe("%d request; %q", n, err.Error())
			})
		}
	}
}

func TestConnectionRefused(t *testing.T) {
	t.Parallel()
	for _, call := range []sdkCall{callGet, callCreate, callDeploy, callModuleNew} {
		t.Run(call.name, func(t *testing.T) {
			t.Parallel()
			s := begin(t, "connections", "connection refused, then accepted: "+call.name,
				"retried for any method (nothing was sent); succeeds with 1 request reaching the server")
			srv := s.server(answer)
			refused := closedPort(t)
			s.dialHook = func(n int, _ string) string {
				if n == 1 {
					return refused
				}
				return ""
			}
			c := s.client(srv)
			require.NoError(t, call.do(ctxT(t, 10*time.Second), c))
			assert.Len(t, s.dialed(), 2)
			assert.Equal(t, 1, srv.count(call.route))
			s.observe("2 dials (the first refused), 1 request; success")
		})
	}
}

func TestConnectionRefusedThroughout(t *testing.T) {
	t.Parallel()
	s := begin(t, "connections", "connection refused on every attempt: Actions.New (POST create)",
		"3 dials, then an error wrapping ECONNREFUSED that is not outcome-unknown (nothing was sent)")
	addr := closedPort(t)
	c := auth0.NewClient(option.WithBaseURL("http://"+addr+"/api/v2/"), option.WithToken(testToken),
		option.WithHTTPClient(s.httpClient()), option.WithRetryWait(time.Millisecond, 10*time.Millisecond))
	err := callCreate.do(ctxT(t, 10*time.Second), c)
	require.Error(t, err)
	assert.ErrorIs(t, err, syscall.ECONNREFUSED)
	assert.NotErrorIs(t, err, auth0.ErrOutcomeUnknown)
	assert.Len(t, s.dialed(), 3)
	s.onlyDialed(addr)
	s.observe("%d dials; %q", len(s.dialed()), err.Error())
}

func TestTLSHandshakeFailure(t *testing.T) {
	t.Parallel()
	for _, call := range []sdkCall{callGet, callCreate} {
		t.Run(call.name, func(t *testing.T) {
			t.Parallel()
			s := begin(t, "connections", "TLS handshake failure (untrusted certificate): "+call.name,
				"not retried (a retry cannot heal it); certificate error; nothing sent; not outcome-unknown")
			srv := s.tlsServer(answer)
			c := s.client(srv)
			err := call.do(ctxT(t, 10*time.Second), c)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "certificate")
			assert.NotErrorIs(t, err, auth0.ErrOutcomeUnknown)
			assert.Len(t, s.dialed(), 1, "a handshake failure must not be retried")
			assert.Equal(t, 0, srv.count(""), "no HTTP request may be sent")
			s.onlyDialed(srv.addr())
			s.observe("1 dial, 0 requests; %q", err.Error())
		})
	}
}

func TestUnresolvableHost(t *testing.T) {
	t.Parallel()
	for _, call := range []sdkCall{callGet, callCreate} {
		t.Run(call.name, func(t *testing.T) {
			t.Parallel()
			s := begin(t, "connections", "unresolvable host (nonexistent.invalid): "+call.name,
				"a DNS error, quickly; no other host dialed; not outcome-unknown")
			s.allowDNS = true
			c := auth0.NewClient(option.WithBaseURL("https://nonexistent.invalid/api/v2/"), option.WithToken(testToken),
				option.WithHTTPClient(s.httpClient()), option.WithRetryWait(time.Millisecond, 10*time.Millisecond))
			start := time.Now()
			err := call.do(ctxT(t, 5*time.Second), c)
			elapsed := time.Since(start)
			require.Error(t, err)
			var dnsErr *net.DNSError
			if !errors.As(err, &dnsErr) {
				// No resolver at all: the context bounds the wait.
				assert.ErrorIs(t, err, context.DeadlineExceeded)
			}
			assert.NotErrorIs(t, err, auth0.ErrOutcomeUnknown)
			assert.Less(t, elapsed, 5500*time.Millisecond)
			assert.NotEmpty(t, s.dialed())
			s.onlyDialed("nonexistent.invalid:443")
			s.observe("%d dial(s) in %s; %q", len(s.dialed()), elapsed.Round(time.Millisecond), err.Error())
		})
	}
}

// ---------------------------------------------------------------------------
// helpers shared by the other files

func TestRateLimitResetFarAhead(t *testing.T) {
	t.Parallel()
	s := begin(t, "rate limits", "200 with x-ratelimit-remaining 0 and x-ratelimit-reset ten years ahead, then another call (pacing on)",
		"pacing holds the next call at most the retry-wait cap (50 ms), not ten years")
	srv := s.server(always(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-RateLimit-Limit", "10")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().AddDate(10, 0, 0).Unix(), 10))
		answer(w, r)
	}))
	c := s.client(srv)
	ctx := ctxT(t, 10*time.Second)
	require.NoError(t, callGet.do(ctx, c))
	start := time.Now()
	require.NoError(t, callGet.do(ctx, c))
	held := time.Since(start)
	assert.Less(t, held, 2*time.Second)
	s.observe("the second call was held %s", held.Round(time.Millisecond))
}
