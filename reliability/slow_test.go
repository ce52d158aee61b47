package reliability

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// slowBody sends the headers and the start of the body, then holds the
// rest back for d (or until the client goes away).
func slowBody(d time.Duration) fault {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "400")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"id":"act_1","na`))
		_ = http.NewResponseController(w).Flush()
		select {
		case <-time.After(d):
		case <-r.Context().Done():
		}
	}
}

func TestSlowServerPerAttemptTimeout(t *testing.T) {
	t.Parallel()
	for _, call := range []sdkCall{callGet, callUpdate, callCreate, callDeploy, callModuleGet, callModuleNew, callModulePublish, callModuleRollback} {
		t.Run(call.name, func(t *testing.T) {
			t.Parallel()
			expected := "the 500 ms per-attempt timeout fires; retried; succeeds on the 2nd request"
			if call.unsafe {
				expected = "the 500 ms per-attempt timeout fires; not retried (1 request); outcome unknown, wrapping context.DeadlineExceeded"
			}
			s := begin(t, "slow servers", "server stalls 10 s before answering: "+call.name, expected)
			h := faults(stall(10 * time.Second))
			if call.unsafe {
				h = always(stall(10 * time.Second))
			}
			srv := s.server(h)
			c := s.client(srv, option.WithRequestTimeout(500*time.Millisecond))
			start := time.Now()
			err := call.do(ctxT(t, 20*time.Second), c)
			elapsed := time.Since(start)
			assert.Less(t, elapsed, 5*time.Second, "the stalled attempt must be cut short")
			if call.unsafe {
				require.Error(t, err)
				assert.ErrorIs(t, err, auth0.ErrOutcomeUnknown)
				assert.ErrorIs(t, err, context.DeadlineExceeded)
				assert.Contains(t, err.Error(), call.hint)
				assert.Equal(t, 1, srv.count(call.route))
				s.observe("1 request; %q after %s", err.Error(), elapsed.Round(time.Millisecond))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, 2, srv.count(call.route))
			s.observe("2 requests; success after %s", elapsed.Round(time.Millisecond))
		})
	}
}

func TestSlowBodyPerAttemptTimeout(t *testing.T) {
	t.Parallel()
	s := begin(t, "slow servers", "server sends headers, then stalls the body 10 s: Actions.Get (GET)",
		"the per-attempt timeout fires while reading the body; retried; succeeds on the 2nd request")
	srv := s.server(faults(slowBody(10 * time.Second)))
	c := s.client(srv, option.WithRequestTimeout(500*time.Millisecond))
	_, err := c.Actions.Get(ctxT(t, 10*time.Second), "act_1")
	require.NoError(t, err)
	assert.Equal(t, 2, srv.count("getAction"))
}

// The deadline scenarios are not parallel: they measure how late the call
// returns after its context's deadline, which must be within 50 ms. On a
// loaded machine one measurement can be late through no fault of the SDK,
// so a scenario gets up to three tries, each with a fresh server and
// client; a call that really waits (for a Retry-After, a stalled server,
// the pacing bucket) is late every time.

const deadlineSlack = 50 * time.Millisecond

func deadlineScenario(t *testing.T, name string, setup func(s *scenario) (*auth0.Client, func(ctx context.Context, c *auth0.Client) error)) {
	t.Helper()
	s := begin(t, "slow servers", "context deadline (200 ms) "+name,
		"the call returns within 50 ms of the deadline with an error wrapping context.DeadlineExceeded")
	var lates []string
	for try := 1; try <= 3; try++ {
		c, do := setup(s)
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		deadline, _ := ctx.Deadline()
		err := do(ctx, c)
		late := time.Since(deadline)
		cancel()
		require.Error(t, err)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		lates = append(lates, late.Round(100*time.Microsecond).String())
		if late < deadlineSlack {
			s.observe("returned %s after the deadline (tries: %s); %q", late.Round(100*time.Microsecond), strings.Join(lates, ", "), err.Error())
			return
		}
	}
	t.Errorf("returned later than %s after the deadline in every try: %s", deadlineSlack, strings.Join(lates, ", "))
	s.observe("late: %s", strings.Join(lates, ", "))
}

func TestDeadlineWhileServerHangs(t *testing.T) {
	deadlineScenario(t, "while the server hangs before answering", func(s *scenario) (*auth0.Client, func(context.Context, *auth0.Client) error) {
		srv := s.server(always(stall(10 * time.Second)))
		return s.client(srv), func(ctx context.Context, c *auth0.Client) error { return callGet.do(ctx, c) }
	})
}

func TestDeadlineDuringBackoff(t *testing.T) {
	deadlineScenario(t, "during a 5 s Retry-After wait", func(s *scenario) (*auth0.Client, func(context.Context, *auth0.Client) error) {
		srv := s.server(always(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "5")
			writeError(w, http.StatusTooManyRequests, "Too many requests")
		}))
		c := s.client(srv, option.WithRetryWait(time.Millisecond, 10*time.Second), option.WithRateLimitPacing(false))
		return c, func(ctx context.Context, c *auth0.Client) error { return callGet.do(ctx, c) }
	})
}

func TestDeadlineDuringPacingWait(t *testing.T) {
	deadlineScenario(t, "while pacing waits for the rate-limit bucket", func(s *scenario) (*auth0.Client, func(context.Context, *auth0.Client) error) {
		srv := s.server(always(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-RateLimit-Limit", "10")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(5*time.Second).Unix(), 10))
			answer(w, r)
		}))
		// Pacing waits are capped by the retry-wait cap: make it long.
		c := s.client(srv, option.WithRetryWait(time.Millisecond, 10*time.Second))
		require.NoError(s.t, callGet.do(context.Background(), c), "the call that empties the bucket")
		return c, func(ctx context.Context, c *auth0.Client) error {
			err := callGet.do(ctx, c)
			assert.Equal(s.t, 1, srv.count(""), "the paced call must not be sent")
			return err
		}
	})
}

func TestDeadlineDuringTokenFetch(t *testing.T) {
	deadlineScenario(t, "while the token endpoint hangs", func(s *scenario) (*auth0.Client, func(context.Context, *auth0.Client) error) {
		srv := s.server(always(stall(10 * time.Second)))
		c := s.client(srv, option.WithClientCredentials(testClientID, testClientSecret))
		return c, func(ctx context.Context, c *auth0.Client) error { return callGet.do(ctx, c) }
	})
}

func TestDeadlineWhileReadingBody(t *testing.T) {
	deadlineScenario(t, "while the body trickles in", func(s *scenario) (*auth0.Client, func(context.Context, *auth0.Client) error) {
		srv := s.server(always(slowBody(10 * time.Second)))
		return s.client(srv), func(ctx context.Context, c *auth0.Client) error { return callGet.do(ctx, c) }
	})
}
