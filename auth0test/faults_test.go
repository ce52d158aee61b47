package auth0test_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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

// liveBody decodes a body the live API sends, to compare with the fake's.
func liveBody(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestFaultLiveMessage: a Status with a Message is the live API's 400 body
// exactly, and the same as the fake's own refusal where it models one.
func TestFaultLiveMessage(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	const notDeployed = `{"statusCode":400,"error":"Bad Request","message":"Trying to create a binding for an action that has not been deployed yet."}`
	srv.Inject(auth0test.RouteBindingsUpdate, auth0test.Fault{Times: 1, Status: http.StatusBadRequest,
		Message: "Trying to create a binding for an action that has not been deployed yet."})
	resp, body := raw(t, srv, http.MethodPatch, "/api/v2/actions/triggers/post-login/bindings", `{"bindings":[]}`, true)
	if want := liveBody(t, notDeployed); resp.StatusCode != http.StatusBadRequest || !reflect.DeepEqual(body, want) {
		t.Errorf("fault = %d %v, want 400 %v", resp.StatusCode, body, want)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if resp, _ := raw(t, srv, http.MethodPatch, "/api/v2/actions/triggers/post-login/bindings", `{"bindings":[]}`, true); resp.StatusCode != http.StatusOK {
		t.Errorf("after the fault: %d, want 200", resp.StatusCode)
	}

	// A trigger the list calls trigger-bound, refused as an entity-bound one
	// is: the body is the one the fake sends for an entity-bound trigger.
	srv.Inject(auth0test.RouteBindingsUpdate, auth0test.Fault{Times: 1, Status: http.StatusBadRequest,
		Message: "cannot update action bindings for an entity-bound trigger"})
	resp, faulted := raw(t, srv, http.MethodPatch, "/api/v2/actions/triggers/credentials-exchange/bindings", `{"bindings":[]}`, true)
	_, modelled := raw(t, srv, http.MethodPatch, "/api/v2/actions/triggers/custom-token-exchange/bindings", `{"bindings":[]}`, true)
	want := liveBody(t, `{"statusCode":400,"error":"Bad Request","message":"cannot update action bindings for an entity-bound trigger"}`)
	if resp.StatusCode != http.StatusBadRequest || !reflect.DeepEqual(faulted, want) || !reflect.DeepEqual(modelled, want) {
		t.Errorf("entity-bound update: fault %d %v, fake %v, want %v", resp.StatusCode, faulted, modelled, want)
	}
	// The 2024 answer to listing one, which the live API no longer gives,
	// is still a fault away.
	srv.Inject(auth0test.RouteBindingsList, auth0test.Fault{Times: 1, Status: http.StatusBadRequest,
		Message: "cannot list action bindings for an entity-bound trigger"})
	resp, faulted = raw(t, srv, http.MethodGet, "/api/v2/actions/triggers/custom-token-exchange/bindings", "", true)
	want = liveBody(t, `{"statusCode":400,"error":"Bad Request","message":"cannot list action bindings for an entity-bound trigger"}`)
	if resp.StatusCode != http.StatusBadRequest || !reflect.DeepEqual(faulted, want) {
		t.Errorf("entity-bound list, 2024: fault %d %v, want %v", resp.StatusCode, faulted, want)
	}
}

// TestFaultErrorCode: ErrorCode is the body's errorCode on the API and its
// error on /oauth/token.
func TestFaultErrorCode(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithClientCredentials("id", "secret"))
	const msg = "Payload validation error: 'Missing required property: value' on property bindings[0].ref."
	srv.Inject(auth0test.RouteBindingsUpdate, auth0test.Fault{Times: 1, Status: http.StatusBadRequest, Message: msg, ErrorCode: "invalid_body"})
	_, err := srv.Client().Actions.Triggers.Bindings.Update(t.Context(), auth0.TriggerPostLogin, auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{}})
	wantAPIError(t, err, http.StatusBadRequest, "invalid_body", msg)
	if reqs := srv.Requests(); len(reqs) != 1 {
		t.Errorf("%d requests, want 1 (a 400 is not retried)", len(reqs))
	}

	srv.Inject(auth0test.RouteAny, auth0test.Fault{Times: 1, Status: http.StatusTooManyRequests, ErrorCode: "custom"})
	if _, body := raw(t, srv, http.MethodGet, "/api/v2/actions/triggers", "", true); body["errorCode"] != "custom" {
		t.Errorf("429 with ErrorCode = %v", body)
	}
	srv.Inject(auth0test.RouteToken, auth0test.Fault{Times: 1, Status: http.StatusForbidden, Message: "Unauthorized", ErrorCode: "access_denied"})
	resp, body := raw(t, srv, http.MethodPost, "/oauth/token", `{"grant_type":"client_credentials","client_id":"id","client_secret":"secret"}`, false)
	if want := map[string]any{"error": "access_denied", "error_description": "Unauthorized"}; resp.StatusCode != http.StatusForbidden || !reflect.DeepEqual(body, want) {
		t.Errorf("token fault = %d %v, want 403 %v", resp.StatusCode, body, want)
	}
}

// TestFaultHold: a held request is answered only by the client giving up,
// with its own context's error; nothing changes, and the next request is
// answered.
func TestFaultHold(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	a := srv.AddAction(newParams("held"))
	arrived := make(chan struct{})
	srv.Inject(auth0test.RouteActionsDeploy, auth0test.Fault{Times: 1, Hold: true, Before: func() { close(arrived) }})
	c := srv.Client(option.WithMaxRetries(0))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := c.Actions.Deploy(ctx, a.ID)
		done <- err
	}()
	<-arrived
	cancel() // the only thing that can end the call
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("held deploy: %v, want context.Canceled", err)
	}
	if n := len(srv.Versions(a.ID)); n != 0 {
		t.Errorf("a held deploy made %d versions", n)
	}
	if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Status != 0 {
		t.Errorf("requests = %d, first status %d; want one, unanswered (0)", len(reqs), reqs[0].Status)
	}
	if _, err := c.Actions.Deploy(t.Context(), a.ID); err != nil {
		t.Errorf("deploy after the held one: %v", err)
	}

	// A deadline cuts it the same way.
	srv.Inject(auth0test.RouteTriggersList, auth0test.Fault{Times: -1, Hold: true})
	_, err := c.Actions.Triggers.List(t.Context(), option.WithRequestTimeout(20*time.Millisecond))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("held list with a deadline: %v, want context.DeadlineExceeded", err)
	}
}

// TestFaultHoldEndsWhenTheServerCloses: closing the server drops a held
// connection rather than answering it.
func TestFaultHoldEndsWhenTheServerCloses(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	arrived := make(chan struct{})
	srv.Inject(auth0test.RouteTriggersList, auth0test.Fault{Times: 1, Hold: true, Before: func() { close(arrived) }})
	c := srv.Client(option.WithMaxRetries(0))
	done := make(chan error, 1)
	go func() {
		_, err := c.Actions.Triggers.List(t.Context())
		done <- err
	}()
	<-arrived
	srv.Close()
	if err := <-done; err == nil {
		t.Error("a request held when the server closed got an answer")
	}
}

// TestFaultBefore: Before runs for each request the fault affects, before
// the answer and without the server's lock; a fault with only Before is
// answered normally.
func TestFaultBefore(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	var calls atomic.Int32
	srv.Inject(auth0test.RouteActionsList, auth0test.Fault{Times: 2, Before: func() {
		n := calls.Add(1)
		srv.AddAction(newParams(fmt.Sprintf("landed-%d", n))) // takes the lock: would deadlock under it
	}})
	for want := 1; want <= 3; want++ {
		res, err := c.Actions.List(t.Context(), auth0.ActionListParams{})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(res.Items); n != min(want, 2) {
			t.Errorf("list %d shows %d actions, want %d: the edit lands before the answer", want, n, min(want, 2))
		}
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("Before ran %d times, want 2 (Times)", n)
	}
	if n := srv.RequestCount(auth0test.RouteActionsList); n != 3 {
		t.Errorf("list requests = %d, want 3", n)
	}
}

// TestFaultBeforeLandsAnEditUnderneath: an edit by another client lands
// between Bindings.Add's write and its re-read (a Before that injects the
// next fault), and Add writes again, keeping both.
func TestFaultBeforeLandsAnEditUnderneath(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	mineParams, theirsParams := newParams("mine"), newParams("theirs")
	mineParams.Deploy, theirsParams.Deploy = auth0.Bool(true), auth0.Bool(true)
	mine, theirs := srv.AddAction(mineParams), srv.AddAction(theirsParams)
	other := srv.Client()
	theirEdit := func() {
		_, err := other.Actions.Triggers.Bindings.Update(t.Context(), auth0.TriggerPostLogin, auth0.BindingUpdateParams{
			Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: theirs.ID}}}})
		if err != nil {
			t.Error(err)
		}
	}
	srv.Inject(auth0test.RouteBindingsUpdate, auth0test.Fault{Times: 1, Before: func() {
		srv.Inject(auth0test.RouteBindingsList, auth0test.Fault{Times: 1, Before: theirEdit})
	}})
	c := srv.Client(option.WithPollInterval(time.Millisecond, 2*time.Millisecond))
	if _, err := c.Actions.Triggers.Bindings.Add(t.Context(), auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: mine.ID}); err != nil {
		t.Fatal(err)
	}
	var bound []string
	for _, b := range srv.Bindings(auth0.TriggerPostLogin) {
		bound = append(bound, b.Action.ID)
	}
	if want := []string{theirs.ID, mine.ID}; !slices.Equal(bound, want) {
		t.Errorf("bound = %v, want theirs then mine %v", bound, want)
	}
	if n := srv.RequestCount(auth0test.RouteBindingsUpdate); n != 3 {
		t.Errorf("PATCHes = %d, want 3: ours, theirs, ours again", n)
	}
}

// TestInjectRefusesFaultsThatCannotBe: a Hold that also answers or drops,
// and a fault that changes nothing, are refused; Hold or Before alone are
// faults.
func TestInjectRefusesFaultsThatCannotBe(t *testing.T) {
	t.Parallel()
	srv, err := auth0test.Start() // misuse panics outside a test
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	refused := func(f auth0test.Fault) (msg string) {
		defer func() {
			if r := recover(); r != nil {
				msg = fmt.Sprint(r)
			}
		}()
		srv.Inject(auth0test.RouteAny, f)
		return ""
	}
	for _, f := range []auth0test.Fault{
		{Times: 1, Status: http.StatusBadRequest, Hold: true},
		{Times: 1, Drop: true, Hold: true},
		{Times: 1, Message: "no status"},
	} {
		if msg := refused(f); msg == "" {
			t.Errorf("Inject(%+v) was accepted", f)
		}
	}
	if msg := refused(auth0test.Fault{Times: 1}); !strings.Contains(msg, "no Status, Drop, Delay, Hold or Before") {
		t.Errorf("refusal = %q", msg)
	}
	for _, f := range []auth0test.Fault{{Times: 1, Hold: true}, {Times: 1, Before: func() {}}} {
		if msg := refused(f); msg != "" {
			t.Errorf("Inject(%+v) refused: %s", f, msg)
		}
	}
}
