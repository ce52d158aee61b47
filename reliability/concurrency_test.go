package reliability

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
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

const (
	workerGoroutines = 64
	totalCalls       = 10_000
	tokenRotateEvery = 2_500 // API requests between token expiries
)

// faultyAPI is the fake API of the concurrency test: it answers normally
// most of the time and, for a fixed share of requests chosen by a hash of
// their sequence number, injects a fault. It records, per call ID, how
// often an unsafe call was sent and how often it took effect.
type faultyAPI struct {
	seq     atomic.Int64
	fetches atomic.Int64
	minGen  atomic.Int64

	mu       sync.Mutex
	sent     map[string]int // unsafe call ID -> requests
	rejected map[string]int // unsafe call ID -> requests refused without effect (429, 401)
	acted    map[string]int // unsafe call ID -> requests that took effect
	faults   map[string]int // fault kind -> count
}

func newFaultyAPI() *faultyAPI {
	return &faultyAPI{sent: map[string]int{}, rejected: map[string]int{}, acted: map[string]int{}, faults: map[string]int{}}
}

func (cs *faultyAPI) note(kind string) {
	cs.mu.Lock()
	cs.faults[kind]++
	cs.mu.Unlock()
}

func isUnsafeRoute(route string) bool {
	switch route {
	case "createAction", "deployAction", "rollback", "createModule", "publishModule", "rollbackModule":
		return true
	}
	return false
}

func (cs *faultyAPI) handler(w http.ResponseWriter, r *http.Request) {
	route, _, _ := matchRoute(r)
	if route == "token" {
		n := cs.fetches.Add(1)
		writeJSON(w, http.StatusOK, map[string]any{"access_token": fmt.Sprintf("tok-gen-%d", n), "expires_in": 86400})
		return
	}
	n := cs.seq.Add(1)
	if n%tokenRotateEvery == 0 {
		cs.minGen.Store(cs.fetches.Load() + 1) // every token so far expires
	}
	id := r.Header.Get("X-Call-ID")
	unsafe := isUnsafeRoute(route)
	if unsafe {
		cs.mu.Lock()
		cs.sent[id]++
		cs.mu.Unlock()
	}
	reject := func() {
		if unsafe {
			cs.mu.Lock()
			cs.rejected[id]++
			cs.mu.Unlock()
		}
	}
	act := func() {
		if unsafe {
			cs.mu.Lock()
			cs.acted[id]++
			cs.mu.Unlock()
		}
	}
	gen, _ := strconv.ParseInt(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer tok-gen-"), 10, 64)
	if gen < cs.minGen.Load() {
		cs.note("401 expired token")
		reject()
		writeError(w, http.StatusUnauthorized, "Expired token")
		return
	}
	limitHeaders := func(remaining int) {
		w.Header().Set("X-RateLimit-Limit", "100000")
		w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Second).Unix(), 10))
	}
	switch h := (n * 2654435761) % 1000; {
	case h < 40:
		cs.note("503")
		writeError(w, http.StatusServiceUnavailable, "injected")
	case h < 60:
		cs.note("429")
		reject()
		limitHeaders(0)
		writeError(w, http.StatusTooManyRequests, "Too many requests")
	case h < 75:
		cs.note("reset after acting")
		act()
		resetAfter("")(w, r)
	case h < 80:
		cs.note("reset mid-body after acting")
		act()
		resetAfter(partialBody)(w, r)
	case h < 90:
		cs.note("stall 1.5 s, then act")
		select {
		case <-time.After(1500 * time.Millisecond):
		case <-r.Context().Done():
		}
		act()
		limitHeaders(90000)
		answer(w, r)
	case h < 95:
		cs.note("502 HTML")
		rawBody(http.StatusBadGateway, "text/html", htmlPage)(w, r)
	default:
		act()
		limitHeaders(90000)
		answer(w, r)
	}
}

// callMix is the mix of calls, picked by call number.
var callMix = []struct {
	name string
	do   func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error
}{
	{"Actions.Get", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		_, err := c.Actions.Get(ctx, fmt.Sprintf("act_%d", n), opt)
		return err
	}},
	{"Actions.List", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, _ int) error {
		_, err := c.Actions.List(ctx, auth0.ActionListParams{Deployed: auth0.Bool(true)}, opt)
		return err
	}},
	{"Actions.ListAutoPaging", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, _ int) error {
		for _, err := range c.Actions.ListAutoPaging(ctx, auth0.ActionListParams{PerPage: auth0.Int(2)}, opt).All() {
			if err != nil {
				return err
			}
		}
		return nil
	}},
	{"Actions.Update", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		_, err := c.Actions.Update(ctx, fmt.Sprintf("act_%d", n), auth0.ActionUpdateParams{Code: auth0.String("x")}, opt)
		return err
	}},
	{"Actions.Delete", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		return c.Actions.Delete(ctx, fmt.Sprintf("act_%d", n), auth0.ActionDeleteParams{}, opt)
	}},
	{"Actions.New", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		p := newParams
		p.Name = fmt.Sprintf("conc-%d", n)
		_, err := c.Actions.New(ctx, p, opt)
		return err
	}},
	{"Actions.Deploy", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		_, err := c.Actions.Deploy(ctx, fmt.Sprintf("act_%d", n), opt)
		return err
	}},
	{"Versions.Deploy", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		_, err := c.Actions.Versions.Deploy(ctx, fmt.Sprintf("act_%d", n), "ver_1", auth0.ActionVersionDeployParams{}, opt)
		return err
	}},
	{"Versions.Get", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		_, err := c.Actions.Versions.Get(ctx, fmt.Sprintf("act_%d", n), "ver_1", opt)
		return err
	}},
	{"Versions.List", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		_, err := c.Actions.Versions.List(ctx, fmt.Sprintf("act_%d", n), auth0.ActionVersionListParams{}, opt)
		return err
	}},
	{"Triggers.List", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, _ int) error {
		_, err := c.Actions.Triggers.List(ctx, opt)
		return err
	}},
	{"Bindings.List", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, _ int) error {
		_, err := c.Actions.Triggers.Bindings.List(ctx, auth0.TriggerPostLogin, auth0.BindingListParams{}, opt)
		return err
	}},
	{"Bindings.Update", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		_, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{
			Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: fmt.Sprintf("act_%d", n)}}}}, opt)
		return err
	}},
	{"Executions.Get", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		_, err := c.Actions.Executions.Get(ctx, fmt.Sprintf("exe_%d", n), opt)
		return err
	}},
	{"Actions.Test", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		_, err := c.Actions.Test(ctx, fmt.Sprintf("act_%d", n), auth0.ActionTestParams{Payload: map[string]any{"n": n}}, opt)
		return err
	}},
	{"Modules.New", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		p := moduleNewParams
		p.Name = fmt.Sprintf("conc-mod-%d", n)
		_, err := c.Actions.Modules.New(ctx, p, opt)
		return err
	}},
	{"Modules.Versions.New", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		_, err := c.Actions.Modules.Versions.New(ctx, fmt.Sprintf("mod_%d", n), opt)
		return err
	}},
	{"Modules.Rollback", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		_, err := c.Actions.Modules.Rollback(ctx, fmt.Sprintf("mod_%d", n), auth0.ModuleRollbackParams{ModuleVersionID: "modver_1"}, opt)
		return err
	}},
	{"Modules.Get", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		_, err := c.Actions.Modules.Get(ctx, fmt.Sprintf("mod_%d", n), opt)
		return err
	}},
	{"Modules.Versions.ListAutoPaging", func(ctx context.Context, c *auth0.Client, opt option.RequestOption, n int) error {
		for _, err := range c.Actions.Modules.Versions.ListAutoPaging(ctx, fmt.Sprintf("mod_%d", n), auth0.ModuleVersionListParams{PerPage: auth0.Int(1)}, opt).All() {
			if err != nil {
				return err
			}
		}
		return nil
	}},
}

// classify names the type of an error; "" means it has none we know.
func classify(err error) string {
	var ou *auth0.OutcomeUnknownError
	var apiErr *auth0.Error
	var opErr *net.OpError
	switch {
	case errors.As(err, &ou):
		return "*auth0.OutcomeUnknownError"
	case errors.As(err, &apiErr):
		if apiErr.OutcomeUnknown {
			return fmt.Sprintf("*auth0.Error %d (outcome unknown)", apiErr.StatusCode)
		}
		return fmt.Sprintf("*auth0.Error %d", apiErr.StatusCode)
	case errors.As(err, &opErr):
		return "*net.OpError"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "io.ErrUnexpectedEOF/io.EOF"
	case errors.Is(err, context.DeadlineExceeded):
		return "context.DeadlineExceeded (per-attempt timeout)"
	}
	return ""
}

func TestConcurrencySharedClient(t *testing.T) {
	t.Parallel()
	s := begin(t, "concurrency", fmt.Sprintf("one client, %d goroutines, %d mixed calls (%d kinds), ~10%% injected faults, token expiring every %d requests",
		workerGoroutines, totalCalls, len(callMix), tokenRotateEvery),
		"no race, no panic; every call succeeds or returns a typed error; the server sees no unsafe call twice")
	cs := newFaultyAPI()
	srv := s.server(cs.handler)
	c := s.client(srv, option.WithClientCredentials(testClientID, testClientSecret), option.WithMaxRetries(3),
		option.WithRetryWait(time.Millisecond, 20*time.Millisecond), option.WithRequestTimeout(time.Second))

	ctx := ctxT(t, 120*time.Second)
	var next atomic.Int64
	var panics, successes atomic.Int64
	var mu sync.Mutex
	kinds := map[string]int{}
	var untyped []string
	start := time.Now()
	var wg sync.WaitGroup
	for range workerGoroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				n := int(next.Add(1)) - 1
				if n >= totalCalls {
					return
				}
				op := callMix[n%len(callMix)]
				err := func() (err error) {
					defer func() {
						if p := recover(); p != nil {
							panics.Add(1)
							err = fmt.Errorf("panic: %v", p)
						}
					}()
					return op.do(ctx, c, option.WithHeader("X-Call-ID", strconv.Itoa(n)), n)
				}()
				if err == nil {
					successes.Add(1)
					continue
				}
				kind := classify(err)
				mu.Lock()
				if kind == "" {
					untyped = append(untyped, op.name+": "+err.Error())
				} else {
					kinds[kind]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)

	cs.mu.Lock()
	dupSends, dupEffects := 0, 0
	for id, n := range cs.sent {
		if extra := n - cs.rejected[id] - 1; extra > 0 {
			dupSends += extra
		}
		if cs.acted[id] > 1 {
			dupEffects += cs.acted[id] - 1
		}
	}
	faultKinds := make([]string, 0, len(cs.faults))
	for k, v := range cs.faults {
		faultKinds = append(faultKinds, fmt.Sprintf("%s %d", k, v))
	}
	unsafeCalls := len(cs.sent)
	cs.mu.Unlock()
	slices.Sort(faultKinds)
	errKinds := make([]string, 0, len(kinds))
	errors := 0
	for k, v := range kinds {
		errKinds = append(errKinds, fmt.Sprintf("%s %d", k, v))
		errors += v
	}
	slices.Sort(errKinds)
	countDuplicates(dupSends)

	assert.Zero(t, panics.Load(), "panics")
	assert.Empty(t, untyped, "errors of no known type")
	assert.Zero(t, dupSends, "unsafe calls sent again after the server may have acted")
	assert.Zero(t, dupEffects, "unsafe calls that took effect twice")
	require.EqualValues(t, totalCalls, successes.Load()+int64(errors)+int64(len(untyped)))
	assert.Greater(t, successes.Load(), int64(totalCalls*9/10), "most calls should succeed despite the faults")
	t.Logf("%d calls in %s: %d succeeded; errors: %s; faults injected: %s; %d API requests, %d token fetches",
		totalCalls, elapsed.Round(time.Millisecond), successes.Load(), strings.Join(errKinds, ", "),
		strings.Join(faultKinds, ", "), cs.seq.Load(), cs.fetches.Load())
	s.observe("%d calls in %s under the race detector (%d API requests, %d unsafe calls): %d succeeded, %d typed errors (%s), "+
		"0 untyped, %d panics; faults injected: %s; %d token fetches; duplicate sends %d, duplicate effects %d",
		totalCalls, elapsed.Round(100*time.Millisecond), cs.seq.Load(), unsafeCalls, successes.Load(), errors,
		strings.Join(errKinds, ", "), panics.Load(), strings.Join(faultKinds, ", "), cs.fetches.Load(), dupSends, dupEffects)
	reportNote("concurrency: calls, successes, typed errors, untyped errors, panics | %d, %d, %d, %d, %d",
		totalCalls, successes.Load(), errors, len(untyped), panics.Load())
}
