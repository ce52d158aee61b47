package auth0

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Two clients of one tenant: while the first holds the trigger's lock (its
// read is held by the server), the second waits for the lock without
// sending a bindings request, and runs once the first is done. Both
// bindings are kept.
func TestBindingsLockSerializesClientsOfOneTenant(t *testing.T) {
	t.Parallel()
	srv := &bindingsTenant{domain: "lock-one.example.com"}
	entered, release := make(chan struct{}), make(chan struct{})
	srv.hold = holdFirstRead("A", entered, release)
	a, b := srv.client("A"), srv.client("B")
	lock := bindingLockFor("https://lock-one.example.com/api/v2/", TriggerPostLogin)

	errA, errB := make(chan error, 1), make(chan error, 1)
	go func() {
		_, err := a.Actions.Triggers.Bindings.Add(t.Context(), TriggerPostLogin, BindingAddParams{ActionID: "act-a"})
		errA <- err
	}()
	<-entered // A holds the lock, its read held by the server
	go func() {
		_, err := b.Actions.Triggers.Bindings.Add(t.Context(), TriggerPostLogin, BindingAddParams{ActionID: "act-b"})
		errB <- err
	}()
	for lock.waiting.Load() == 0 {
		select {
		case err := <-errB:
			t.Fatalf("B finished (%v) while A held the lock", err)
		default:
			runtime.Gosched()
		}
	}
	assert.Equal(t, []string{"A GET actions/triggers/post-login/bindings"}, srv.events(), "B waits for the lock before any bindings request")
	close(release)
	require.NoError(t, <-errA)
	require.NoError(t, <-errB)
	assert.Equal(t, []string{
		"A GET actions/triggers/post-login/bindings", "A PATCH actions/triggers/post-login/bindings", "A GET actions/triggers/post-login/bindings",
		"B GET actions/triggers/post-login/bindings", "B PATCH actions/triggers/post-login/bindings", "B GET actions/triggers/post-login/bindings",
	}, srv.events(), "B's edit starts after A's has ended")
	assert.Equal(t, []string{"act-a", "act-b"}, srv.bound)
	assert.Same(t, lock, bindingLockFor("https://lock-one.example.com/api/v2/", TriggerPostLogin))
}

// Two tenants never wait on each other: while a client of one tenant holds
// the lock of post-login, a client of another edits its post-login to the
// end.
func TestBindingsLockDoesNotSpanTenants(t *testing.T) {
	t.Parallel()
	one := &bindingsTenant{domain: "lock-two-a.example.com"}
	two := &bindingsTenant{domain: "lock-two-b.example.com"}
	entered, release := make(chan struct{}), make(chan struct{})
	one.hold = holdFirstRead("A", entered, release)
	errA := make(chan error, 1)
	go func() {
		_, err := one.client("A").Actions.Triggers.Bindings.Add(t.Context(), TriggerPostLogin, BindingAddParams{ActionID: "act-a"})
		errA <- err
	}()
	<-entered
	defer func() {
		close(release)
		require.NoError(t, <-errA)
	}()

	// If B waited for A's lock it would never finish: A is released only
	// after B returns. The deadline turns that into a failure, not a hang.
	_, err := two.client("B").Actions.Triggers.Bindings.Add(t.Context(), TriggerPostLogin, BindingAddParams{ActionID: "act-b"},
		option.WithWaitTimeout(time.Minute))
	require.NoError(t, err)
	assert.Equal(t, []string{"act-b"}, two.bound)
	assert.NotSame(t, bindingLockFor("https://lock-two-a.example.com/api/v2/", TriggerPostLogin),
		bindingLockFor("https://lock-two-b.example.com/api/v2/", TriggerPostLogin))
	assert.NotSame(t, bindingLockFor("https://lock-two-a.example.com/api/v2/", TriggerPostLogin),
		bindingLockFor("https://lock-two-a.example.com/api/v2/", TriggerCredentialsExchange), "one lock per trigger")
}

// A waiter gives up when its context ends, and the lock stays usable.
func TestBindingsLockWaitEndsWithContext(t *testing.T) {
	t.Parallel()
	l := bindingLockFor("https://lock-ctx.example.com/api/v2/", TriggerPostLogin)
	require.NoError(t, l.lock(t.Context()))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	assert.ErrorIs(t, l.lock(ctx), context.Canceled)
	assert.Equal(t, int32(0), l.waiting.Load())
	l.unlock()
	require.NoError(t, l.lock(t.Context()))
	l.unlock()
}

func TestTriggerPolicyCacheIsBounded(t *testing.T) {
	t.Parallel()
	c := policyCache{size: 3, ttl: time.Hour}
	lists := 0
	list := func(context.Context) (*TriggerListResponse, error) {
		lists++
		return &TriggerListResponse{Triggers: []Trigger{
			{ID: TriggerPostLogin, Version: "v3", BindingPolicy: BindingPolicyTriggerBound},
			{ID: TriggerPostLogin, Version: "v2", BindingPolicy: BindingPolicyEntityBound},
			{ID: TriggerPostLogin, Version: "v1"},
			{ID: TriggerCustomTokenExchange, Version: "v1", BindingPolicy: BindingPolicyEntityBound},
		}}, nil
	}
	shared := make([]*requestconfig.Shared, 5)
	for i := range shared {
		shared[i] = &requestconfig.Shared{}
		p, err := c.get(t.Context(), shared[i], "https://t/api/v2/", list)
		require.NoError(t, err)
		assert.Equal(t, BindingPolicyEntityBound, p[TriggerPostLogin], "entity-bound if any version says so")
		assert.Equal(t, BindingPolicyEntityBound, p[TriggerCustomTokenExchange])
		assert.LessOrEqual(t, c.len(), 3)
	}
	assert.Equal(t, 5, lists)
	_, err := c.get(t.Context(), shared[4], "https://t/api/v2/", list)
	require.NoError(t, err)
	assert.Equal(t, 5, lists, "a recent entry is used")
	_, err = c.get(t.Context(), shared[4], "https://other/api/v2/", list)
	require.NoError(t, err)
	assert.Equal(t, 6, lists, "per tenant")
	_, err = c.get(t.Context(), nil, "https://t/api/v2/", list)
	require.NoError(t, err)
	_, err = c.get(t.Context(), nil, "https://t/api/v2/", list)
	require.NoError(t, err)
	assert.Equal(t, 8, lists, "without a client's shared state nothing is cached")

	stale := policyCache{size: 3, ttl: 0}
	for range 2 {
		_, err := stale.get(t.Context(), shared[0], "https://t/api/v2/", list)
		require.NoError(t, err)
	}
	assert.Equal(t, 10, lists, "an expired entry is read again")

	boom := errors.New("auth0: list failed")
	_, err = c.get(t.Context(), shared[0], "https://t/api/v2/", func(context.Context) (*TriggerListResponse, error) { return nil, boom })
	assert.Equal(t, boom, err, "an error is returned and not cached")
}

// bindingsTenant is a scripted tenant for the lock tests: one trigger's bindings,
// shared by every client made with client, and a log of who sent what.
type bindingsTenant struct {
	domain string
	mu     sync.Mutex
	bound  []string
	log    []string
	// hold, when set, is called (outside the tenant's mutex) before a
	// client's bindings read is answered.
	hold func(who string)
}

func (s *bindingsTenant) client(who string) *Client {
	tr := httpmock.NewMockTransport()
	tr.RegisterNoResponder(func(req *http.Request) (*http.Response, error) { return s.serve(who, req) })
	return NewClient(option.WithDomain(s.domain), option.WithToken("tok"), option.WithHTTPClient(&http.Client{Transport: tr}),
		option.WithMaxRetries(0), option.WithPollInterval(time.Millisecond, time.Millisecond))
}

func (s *bindingsTenant) serve(who string, req *http.Request) (*http.Response, error) {
	path := strings.TrimPrefix(req.URL.Path, "/api/v2/")
	s.mu.Lock()
	s.log = append(s.log, who+" "+req.Method+" "+path)
	s.mu.Unlock()
	if req.Method == http.MethodGet && path == "actions/triggers/post-login/bindings" && s.hold != nil {
		s.hold(who)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	reply := func(body string) (*http.Response, error) {
		return httpmock.NewStringResponse(http.StatusOK, body), nil
	}
	switch {
	case path == "actions/triggers":
		return reply(`{"triggers":[{"id":"post-login","version":"v3","binding_policy":"trigger-bound"}]}`)
	case path == "actions/triggers/post-login/bindings" && req.Method == http.MethodGet:
		var items []string
		for _, id := range s.bound {
			items = append(items, `{"id":"b-`+id+`","action":{"id":"`+id+`"}}`)
		}
		return reply(`{"bindings":[` + strings.Join(items, ",") + `],"per_page":100}`)
	case path == "actions/triggers/post-login/bindings" && req.Method == http.MethodPatch:
		var body BindingUpdateParams
		if err := json.NewDecoder(req.Body).Decode(&body); err != nil {
			return nil, err
		}
		s.bound = nil
		for _, b := range body.Bindings {
			s.bound = append(s.bound, b.Ref.Value)
		}
		return reply(`{"bindings":[]}`)
	}
	return httpmock.NewStringResponse(http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"unscripted"}`), nil
}

// events returns the log lines of who that contain "bindings".
func (s *bindingsTenant) events() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, l := range s.log {
		if strings.HasSuffix(l, "/bindings") {
			out = append(out, l)
		}
	}
	return out
}

// holdFirstRead makes the first bindings read of client who wait until
// release is closed, after closing entered.
func holdFirstRead(who string, entered, release chan struct{}) func(string) {
	var once sync.Once
	return func(w string) {
		if w != who {
			return
		}
		once.Do(func() {
			close(entered)
			<-release
		})
	}
}
