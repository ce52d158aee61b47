package auth0test_test

import (
	"errors"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

func TestFault503RetriedOnGet(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	a := srv.AddAction(newParams("flaky"))
	srv.Fail(auth0test.RouteActionsGet, 1, http.StatusServiceUnavailable)
	got, err := srv.Client().Actions.Get(t.Context(), a.ID)
	if err != nil {
		t.Fatalf("Get after one 503: %v", err)
	}
	if got.ID != a.ID {
		t.Errorf("ID = %q", got.ID)
	}
	if n := srv.RequestCount(auth0test.RouteActionsGet); n != 2 {
		t.Errorf("GET requests = %d, want 2", n)
	}
	if reqs := srv.Requests(); reqs[0].Status != http.StatusServiceUnavailable || reqs[1].Status != http.StatusOK {
		t.Errorf("statuses = %d, %d", reqs[0].Status, reqs[1].Status)
	}
}

func TestFault503OnCreateNotRetried(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	srv.Fail(auth0test.RouteActionsNew, 1, http.StatusServiceUnavailable)
	_, err := c.Actions.New(t.Context(), newParams("once"))
	if !errors.Is(err, auth0.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
	}
	if apiErr := apiError(t, err); apiErr.StatusCode != http.StatusServiceUnavailable || apiErr.ErrorText != "Service Unavailable" {
		t.Errorf("error = %d %q", apiErr.StatusCode, apiErr.ErrorText)
	}
	if n := srv.RequestCount(auth0test.RouteActionsNew); n != 1 {
		t.Errorf("create requests = %d, want 1 (not retried)", n)
	}
	if n := len(srv.Actions()); n != 0 {
		t.Errorf("a faulted create made %d actions", n)
	}
	if _, err := c.Actions.New(t.Context(), newParams("once")); err != nil {
		t.Errorf("create after the fault: %v", err)
	}
}

func TestFault500Body(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	srv.Fail(auth0test.RouteTriggersList, 1, http.StatusInternalServerError)
	resp, body := raw(t, srv, http.MethodGet, "/api/v2/actions/triggers", "", true)
	if resp.StatusCode != 500 || body["statusCode"] != float64(500) || body["error"] != "Internal Server Error" || body["message"] == "" {
		t.Errorf("500 = %d %v", resp.StatusCode, body)
	}
	if resp.Header.Get("X-Ratelimit-Limit") == "" {
		t.Error("the fault has no rate-limit headers")
	}
}

func TestFault429(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	// After a 429 the SDK's pacing waits for x-ratelimit-reset (the next
	// whole second); without it only the capped retry waits remain.
	c := srv.Client(option.WithRateLimitPacing(false))
	ctx := t.Context()

	// Once: retried after Retry-After (capped by the client's wait), then fine.
	srv.Inject(auth0test.RouteActionsList, auth0test.Fault{Times: 1, Status: http.StatusTooManyRequests, RetryAfter: time.Second})
	if _, err := c.Actions.List(ctx, auth0.ActionListParams{}); err != nil {
		t.Fatalf("List after one 429: %v", err)
	}
	if n := srv.RequestCount(auth0test.RouteActionsList); n != 2 {
		t.Errorf("list requests = %d, want 2", n)
	}

	// On the wire: rate-limit headers with nothing remaining, Retry-After.
	srv.Inject(auth0test.RouteAny, auth0test.Fault{Times: 1, Status: http.StatusTooManyRequests, RetryAfter: 1500 * time.Millisecond})
	resp, body := raw(t, srv, http.MethodGet, "/api/v2/actions/triggers", "", true)
	if resp.StatusCode != http.StatusTooManyRequests || body["errorCode"] != "too_many_requests" {
		t.Errorf("429 = %d %v", resp.StatusCode, body)
	}
	if resp.Header.Get("Retry-After") != "2" || resp.Header.Get("X-Ratelimit-Remaining") != "0" || resp.Header.Get("X-Ratelimit-Limit") == "" {
		t.Errorf("429 headers = %v", resp.Header)
	}
	reset, err := strconv.ParseInt(resp.Header.Get("X-Ratelimit-Reset"), 10, 64)
	if err != nil || reset < time.Now().Unix() {
		t.Errorf("x-ratelimit-reset = %q, want a Unix time from now on", resp.Header.Get("X-Ratelimit-Reset"))
	}

	// Always: the retries run out and the error carries the figures.
	srv.Inject(auth0test.RouteActionsList, auth0test.Fault{Times: -1, Status: http.StatusTooManyRequests, RetryAfter: 2 * time.Second})
	_, err = c.Actions.List(ctx, auth0.ActionListParams{}, option.WithMaxRetries(1))
	if !errors.Is(err, auth0.ErrRateLimited) {
		t.Fatalf("err = %v, want rate limited", err)
	}
	apiErr := apiError(t, err)
	if apiErr.Code != "too_many_requests" || apiErr.RateLimit == nil || apiErr.RateLimit.Remaining != 0 || apiErr.RateLimit.Limit == 0 ||
		apiErr.RetryAfter != 2*time.Second || apiErr.Attempts != 2 {
		t.Errorf("429 error = code %q rate %+v retry-after %s attempts %d", apiErr.Code, apiErr.RateLimit, apiErr.RetryAfter, apiErr.Attempts)
	}
	srv.ClearFaults()
	if _, err := c.Actions.List(ctx, auth0.ActionListParams{}); err != nil {
		t.Errorf("after ClearFaults: %v", err)
	}
}

func TestDropConnections(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	ctx := t.Context()
	a := srv.AddAction(newParams("dropped"))

	srv.DropConnections(auth0test.RouteActionsDeploy, 1)
	_, err := c.Actions.Deploy(ctx, a.ID)
	if !errors.Is(err, auth0.ErrOutcomeUnknown) {
		t.Fatalf("deploy on a dropped connection: %v, want ErrOutcomeUnknown", err)
	}
	var unknown *auth0.OutcomeUnknownError
	if !errors.As(err, &unknown) {
		t.Errorf("err is %T, want *auth0.OutcomeUnknownError", err)
	}
	if n := len(srv.Versions(a.ID)); n != 0 {
		t.Errorf("a dropped deploy made %d versions", n)
	}
	if reqs := srv.Requests(); reqs[len(reqs)-1].Status != 0 {
		t.Errorf("dropped request status = %d, want 0", reqs[len(reqs)-1].Status)
	}

	srv.DropConnections(auth0test.RouteActionsGet, 1)
	if _, err := c.Actions.Get(ctx, a.ID); err != nil {
		t.Errorf("GET after a dropped connection: %v", err)
	}
}

func TestLatency(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client(option.WithMaxRetries(0))
	ctx := t.Context()

	srv.SetLatency(10 * time.Second)
	start := time.Now()
	_, err := c.Actions.Triggers.List(ctx, option.WithRequestTimeout(50*time.Millisecond))
	if err == nil {
		t.Fatal("no timeout")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the timed-out call took %s", d)
	}
	srv.SetLatency(0)

	srv.Inject(auth0test.RouteTriggersList, auth0test.Fault{Times: 1, Delay: 30 * time.Millisecond})
	start = time.Now()
	if _, err := c.Actions.Triggers.List(ctx); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Errorf("a delayed request took %s", d)
	}
}

func TestRateLimitBucket(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithRateLimit(3, 0.001))
	var statuses []int
	var remaining []string
	for range 4 {
		resp, _ := raw(t, srv, http.MethodGet, "/api/v2/actions/triggers", "", true)
		statuses = append(statuses, resp.StatusCode)
		remaining = append(remaining, resp.Header.Get("X-Ratelimit-Remaining"))
	}
	if statuses[2] != 200 || statuses[3] != http.StatusTooManyRequests {
		t.Errorf("statuses = %v, want the 4th refused", statuses)
	}
	if remaining[0] != "2" || remaining[2] != "0" || remaining[3] != "0" {
		t.Errorf("remaining = %v", remaining)
	}

	// Past a bucket that refills (a token every 10ms): the client's
	// retries wait out the 429s.
	refill := auth0test.NewServer(t, auth0test.WithRateLimit(3, 100))
	c := refill.Client(option.WithMaxRetries(10), option.WithRateLimitPacing(false))
	for i := range 30 {
		if _, err := c.Actions.Triggers.List(t.Context()); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	limited := 0
	for _, r := range refill.Requests() {
		if r.Status == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited == 0 {
		t.Error("30 calls without pacing met no 429")
	}
	if rl, ok := c.RateLimit(); !ok || rl.Limit != 3 {
		t.Errorf("client's rate limit = %+v, %v", rl, ok)
	}
}

// TestFaultsConcurrently checks that exactly n concurrent requests fail.
func TestFaultsConcurrently(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	a := srv.AddAction(newParams("busy"))
	c := srv.Client(option.WithMaxRetries(0))
	srv.Fail(auth0test.RouteActionsGet, 10, http.StatusBadGateway)
	var mu sync.Mutex
	failed := 0
	var wg sync.WaitGroup
	for range 25 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Actions.Get(t.Context(), a.ID); err != nil {
				mu.Lock()
				failed++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if failed != 10 {
		t.Errorf("%d calls failed, want 10", failed)
	}
}
