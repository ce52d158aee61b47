package auth0

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
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

func TestBindingList(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params BindingListParams
		query  url.Values
	}{
		{"defaults", BindingListParams{}, url.Values{"page": {"0"}, "per_page": {"50"}}},
		{"page and per_page", BindingListParams{Page: Int(3), PerPage: Int(100)}, url.Values{"page": {"3"}, "per_page": {"100"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			second := `{"id":"b2","trigger_id":"post-login","display_name":"second","action":{"id":"a2","name":"second"}}`
			body := `{"bindings":[` + bindingJSON + `,` + second + `],"total":2,"per_page":100}`
			srv := serveInOrder(t, tr, cannedReply{http.StatusOK, body})
			page, err := client.Actions.Triggers.Bindings.List(t.Context(), TriggerPostLogin, tt.params)
			require.NoError(t, err)
			assertRequest(t, srv.only(t), http.MethodGet, "/api/v2/actions/triggers/post-login/bindings", tt.query, "")

			require.Len(t, page.Items, 2)
			assert.Equal(t, wantBinding(), bareBinding(page.Items[0]))
			assert.Equal(t, Binding{ID: "b2", TriggerID: TriggerPostLogin, DisplayName: "second",
				Action: Action{ID: "a2", Name: "second"}}, bareBinding(page.Items[1]))
			assert.Equal(t, 2, page.Total)
			assert.Equal(t, 100, page.PerPage, "the server's per_page")
			assert.False(t, page.HasNextPage(), "2 of 100 is a short page")
			assert.JSONEq(t, bindingJSON, string(page.Items[0].RawJSON()))
			assert.JSONEq(t, second, string(page.Items[1].RawJSON()))
			assert.Nil(t, page.Items[0].Action.RawJSON(), "the nested action has no JSON of its own")
		})
	}
}

func TestBindingListOfAnUnknownTrigger(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr, cannedReply{http.StatusOK, `{"bindings":[],"per_page":50}`})
	page, err := client.Actions.Triggers.Bindings.List(t.Context(), "future/trigger", BindingListParams{})
	require.NoError(t, err)
	assertRequest(t, srv.only(t), http.MethodGet, "/api/v2/actions/triggers/future%2Ftrigger/bindings",
		url.Values{"page": {"0"}, "per_page": {"50"}}, "")
	assert.Empty(t, page.Items)
	assert.Zero(t, page.Total, "the empty case leaves total out")
}

func TestBindingListAutoPaging(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr,
		cannedReply{http.StatusOK, `{"bindings":[{"id":"b1"},{"id":"b2"}],"total":3,"per_page":2}`},
		cannedReply{http.StatusOK, `{"bindings":[{"id":"b3"}],"page":1,"per_page":2}`},
	)
	var ids []string
	for b, err := range client.Actions.Triggers.Bindings.ListAutoPaging(t.Context(), TriggerCredentialsExchange,
		BindingListParams{PerPage: Int(2)}).All() {
		require.NoError(t, err)
		ids = append(ids, b.ID)
		assert.JSONEq(t, `{"id":"`+b.ID+`"}`, string(b.RawJSON()))
	}
	assert.Equal(t, []string{"b1", "b2", "b3"}, ids)
	calls := srv.Calls()
	require.Len(t, calls, 2)
	for i, c := range calls {
		assertRequest(t, c, http.MethodGet, "/api/v2/actions/triggers/credentials-exchange/bindings",
			url.Values{"page": {[]string{"0", "1"}[i]}, "per_page": {"2"}}, "")
	}
}

func TestBindingUpdateBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params BindingUpdateParams
		body   string
	}{
		{"an explicit empty list unbinds all", BindingUpdateParams{Bindings: []BindingUpdate{}}, `{"bindings":[]}`},
		{
			"the document's example",
			BindingUpdateParams{Bindings: []BindingUpdate{
				{Ref: BindingRef{Type: BindingRefTypeActionID, Value: "5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d"}, DisplayName: String("add-roles-to-token")},
				{Ref: BindingRef{Type: BindingRefTypeActionName, Value: "block-risky-ips"}, DisplayName: String("block-risky-ips")},
			}},
			`{"bindings":[
			  {"ref":{"type":"action_id","value":"5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d"},"display_name":"add-roles-to-token"},
			  {"ref":{"type":"action_name","value":"block-risky-ips"},"display_name":"block-risky-ips"}]}`,
		},
		{
			"a binding id with secrets, no display name",
			BindingUpdateParams{Bindings: []BindingUpdate{{
				Ref:     BindingRef{Type: BindingRefTypeBindingID, Value: "3e9a1c55"},
				Secrets: []ActionSecretParam{{Name: "K", Value: "v"}},
			}}},
			`{"bindings":[{"ref":{"type":"binding_id","value":"3e9a1c55"},"secrets":[{"name":"K","value":"v"}]}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{http.StatusOK, `{"bindings":[]}`})
			res, err := client.Actions.Triggers.Bindings.Update(t.Context(), TriggerPostLogin, tt.params)
			require.NoError(t, err)
			assertRequest(t, srv.only(t), http.MethodPatch, "/api/v2/actions/triggers/post-login/bindings", nil, tt.body)
			assert.Empty(t, res.Bindings)
		})
	}
}

func TestBindingUpdateDecodesTheNewBindings(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	second := `{"id":"b2","trigger_id":"post-login","display_name":"block-risky-ips",
		"action":{"id":"a2","name":"block-risky-ips","supported_triggers":[{"id":"post-login","version":"v3"}]},
		"created_at":"2026-05-29T10:30:59.650492329Z","updated_at":"2026-05-29T10:30:59.650492329Z"}`
	body := `{"bindings":[` + bindingJSON + `,` + second + `]}`
	serveInOrder(t, tr, cannedReply{http.StatusOK, body})
	res, err := client.Actions.Triggers.Bindings.Update(t.Context(), TriggerPostLogin, BindingUpdateParams{Bindings: []BindingUpdate{
		{Ref: BindingRef{Type: BindingRefTypeActionID, Value: "5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d"}},
		{Ref: BindingRef{Type: BindingRefTypeActionName, Value: "block-risky-ips"}},
	}})
	require.NoError(t, err)
	require.Len(t, res.Bindings, 2)
	assert.Equal(t, wantBinding(), bareBinding(res.Bindings[0]))
	created := mustTime("2026-05-29T10:30:59.650492329Z")
	assert.Equal(t, Binding{ID: "b2", TriggerID: TriggerPostLogin, DisplayName: "block-risky-ips",
		Action:    Action{ID: "a2", Name: "block-risky-ips", SupportedTriggers: postLoginV3},
		CreatedAt: created, UpdatedAt: created}, bareBinding(res.Bindings[1]))
	assert.JSONEq(t, body, string(res.RawJSON()))
	assert.JSONEq(t, bindingJSON, string(res.Bindings[0].RawJSON()))
	assert.JSONEq(t, second, string(res.Bindings[1].RawJSON()))
}

func TestBindingUpdateKeepsSecretValuesOutOfErrors(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusBadRequest, `{"statusCode":400,"error":"Bad Request",
		"message":"Payload validation error: 'Data does not match any schemas from 'oneOf'' on property bindings[0].","errorCode":"invalid_body"}`})
	_, err := client.Actions.Triggers.Bindings.Update(t.Context(), TriggerPostLogin, BindingUpdateParams{Bindings: []BindingUpdate{{
		Ref: BindingRef{Type: BindingRefTypeActionName, Value: "a"}, Secrets: []ActionSecretParam{{Name: "K", Value: "binding-secret-value"}},
	}}})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrBadRequest)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "invalid_body", apiErr.Code)
	assert.NotContains(t, string(apiErr.DumpRequest(true)), "binding-secret-value")
	assert.NotContains(t, err.Error(), "binding-secret-value")
}

func TestBindingValidationSendsNothing(t *testing.T) {
	t.Parallel()
	ref := BindingRef{Type: BindingRefTypeActionID, Value: "a1"}
	tests := []struct {
		name string
		call func(ctx context.Context, c *Client) error
		want string
	}{
		{"update: bad ref type", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Triggers.Bindings.Update(ctx, TriggerPostLogin, BindingUpdateParams{Bindings: []BindingUpdate{
				{Ref: ref}, {Ref: BindingRef{Type: "id_type", Value: "a1"}},
			}})
			return err
		}, `BindingUpdateParams.Bindings[1].Ref.Type "id_type" is not action_id, action_name or binding_id`},
		{"update: missing ref type", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Triggers.Bindings.Update(ctx, TriggerPostLogin, BindingUpdateParams{Bindings: []BindingUpdate{
				{Ref: BindingRef{Value: "a1"}},
			}})
			return err
		}, "BindingUpdateParams.Bindings[0].Ref.Type is required"},
		{"update: empty ref value", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Triggers.Bindings.Update(ctx, TriggerPostLogin, BindingUpdateParams{Bindings: []BindingUpdate{
				{Ref: BindingRef{Type: BindingRefTypeActionName}},
			}})
			return err
		}, "BindingUpdateParams.Bindings[0].Ref.Value is required"},
		{"update: unnamed secret", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Triggers.Bindings.Update(ctx, TriggerPostLogin, BindingUpdateParams{Bindings: []BindingUpdate{
				{Ref: ref, Secrets: []ActionSecretParam{{Value: "v"}}},
			}})
			return err
		}, "BindingUpdateParams.Bindings[0].Secrets[0].Name is required"},
		{"update: nil bindings would unbind all", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Triggers.Bindings.Update(ctx, TriggerPostLogin, BindingUpdateParams{})
			if !errors.Is(err, ErrNilBindings) {
				return fmt.Errorf("want ErrNilBindings, got %v", err)
			}
			return err
		}, "BindingUpdateParams.Bindings is nil, which would unbind every action of the trigger; " +
			"to unbind them all, pass an empty slice (Bindings: []BindingUpdate{})"},
		{"update: empty trigger id", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Triggers.Bindings.Update(ctx, "", BindingUpdateParams{Bindings: []BindingUpdate{}})
			return err
		}, "triggerId must not be empty"},
		{"list: empty trigger id", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Triggers.Bindings.List(ctx, "", BindingListParams{})
			return err
		}, "triggerId must not be empty"},
		{"list: trigger id ..", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Triggers.Bindings.List(ctx, "..", BindingListParams{})
			return err
		}, `triggerId must not be ".."`},
		{"list: per_page 0", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Triggers.Bindings.List(ctx, TriggerPostLogin, BindingListParams{PerPage: Int(0)})
			return err
		}, "BindingListParams.PerPage is 0"},
		{"list: per_page -1", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Triggers.Bindings.List(ctx, TriggerPostLogin, BindingListParams{PerPage: Int(-1)})
			return err
		}, "BindingListParams.PerPage is -1"},
		{"list: per_page 101", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Triggers.Bindings.List(ctx, TriggerPostLogin, BindingListParams{PerPage: Int(101)})
			return err
		}, "BindingListParams.PerPage is 101"},
		{"list: page -1", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Triggers.Bindings.List(ctx, TriggerPostLogin, BindingListParams{Page: Int(-1)})
			return err
		}, "BindingListParams.Page is -1"},
		{"list auto-paging: empty trigger id", func(ctx context.Context, c *Client) error {
			it := c.Actions.Triggers.Bindings.ListAutoPaging(ctx, "", BindingListParams{})
			if it.Next() {
				return nil
			}
			return it.Err()
		}, "triggerId must not be empty"},
		{"list auto-paging: per_page 101", func(ctx context.Context, c *Client) error {
			var last error
			for _, err := range c.Actions.Triggers.Bindings.ListAutoPaging(ctx, TriggerPostLogin, BindingListParams{PerPage: Int(101)}).All() {
				last = err
			}
			return last
		}, "BindingListParams.PerPage is 101"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			serveInOrder(t, tr)
			err := tt.call(t.Context(), client)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Equal(t, 0, tr.GetTotalCallCount(), "no request may be sent")
		})
	}
}

// bindingJSON is a binding as the live API sends it: a reduced action
// with deployed_version and the undocumented current_version.
var bindingJSON = fixture("binding.json")

func wantBinding() Binding {
	actionTime := mustTime("2026-03-02T09:15:27.118204531Z")
	versionCreated := mustTime("2026-03-02T09:16:01.811900420Z")
	return Binding{
		ID:          "3e9a1c55-8f0b-4d2e-a7c6-b5d4e3f2a1b0",
		TriggerID:   TriggerPostLogin,
		DisplayName: "add-roles-to-token",
		Action: Action{
			ID:                 "5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d",
			Name:               "add-roles-to-token",
			SupportedTriggers:  postLoginV3,
			CreatedAt:          actionTime,
			UpdatedAt:          actionTime,
			AllChangesDeployed: true,
			DeployedVersion: &ActionVersion{
				ID: "a9e0d3c1-7b52-4f18-8c3e-61d2f4a7b890", ActionID: "5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d", // from the action
				Deployed: true, Number: 3, Status: BuildStatusBuilt,
				Runtime: RuntimeNode22, CreatedAt: versionCreated,
			},
			CurrentVersion: &ActionCurrentVersion{
				ID: "a9e0d3c1-7b52-4f18-8c3e-61d2f4a7b890", Runtime: RuntimeNode22, Status: "BUILT", Number: 3,
				BuildTime: "2026-03-02T09:16:01.902Z", CreatedAt: versionCreated,
				UpdatedAt: mustTime("2026-03-02T09:16:01.903112005Z"),
			},
		},
		CreatedAt: mustTime("2026-03-03T11:05:10.551203118Z"),
		UpdatedAt: mustTime("2021-01-01T00:00:00.000Z"),
	}
}

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
