package auth0_test

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

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The race right after a deploy: the API refuses the binding twice, then
// takes it. Add reads again and writes again each time.
func TestBindingsAddRetriesNotDeployedYet(t *testing.T) {
	t.Parallel()
	srv, c := newBindServer(t)
	bindDeployed(t, srv, "old")
	putDeployed(t, srv, "act1")
	refuseBindings(srv, 2, msgNotDeployedYet)
	_, err := c.Actions.Triggers.Bindings.Add(t.Context(), auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: "act1"})
	require.NoError(t, err)
	want := `{"bindings":[{"ref":{"type":"action_id","value":"old"},"display_name":"old"},{"ref":{"type":"action_id","value":"act1"}}]}`
	assert.Equal(t, []string{want, want, want}, patchBodies(srv), "the refused write is sent again, whole")
	assert.Equal(t, []string{"old", "act1"}, boundActionIDs(srv))
	assert.Equal(t, []string{
		"GET actions/triggers",
		"GET actions/triggers/post-login/bindings", "PATCH actions/triggers/post-login/bindings",
		"GET actions/triggers/post-login/bindings", "PATCH actions/triggers/post-login/bindings",
		"GET actions/triggers/post-login/bindings", "PATCH actions/triggers/post-login/bindings",
		"GET actions/triggers/post-login/bindings",
	}, requestLog(srv))
}

// A refusal that never ends: within the call's deadline the retries stop,
// and the error says which action, matching ErrActionNotDeployed and
// carrying the API's last answer.
func TestBindingsAddGivesUpOnAnActionNeverDeployed(t *testing.T) {
	t.Parallel()
	srv, c := newBindServer(t)
	refuseThenHold(srv, 3)
	_, err := c.Actions.Triggers.Bindings.Add(t.Context(), auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: "act1"},
		option.WithWaitTimeout(time.Second))
	require.Error(t, err)
	assert.ErrorIs(t, err, auth0.ErrActionNotDeployed)
	assert.ErrorIs(t, err, auth0.ErrBadRequest)
	assert.NotErrorIs(t, err, auth0.ErrWaitTimeout)
	var nd *auth0.ActionNotDeployedError
	require.ErrorAs(t, err, &nd)
	assert.Equal(t, "act1", nd.ActionID)
	assert.Equal(t, auth0.TriggerPostLogin, nd.Trigger)
	assert.Equal(t, 3, nd.Attempts, "every refused write is counted, not the one the deadline cut")
	assert.Len(t, patchBodies(srv), 4)
	var apiErr *auth0.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	checkMessage(t, err.Error())
	assert.Contains(t, err.Error(), "auth0: action act1 cannot be bound to trigger post-login: the API still says it is not deployed, after ")
	assert.Contains(t, err.Error(), "PATCH "+srv.URL+"/api/v2/actions/triggers/post-login/bindings: 400 Bad Request: Trying to create a binding")
	assert.Empty(t, boundActionIDs(srv))
}

// Only that answer is retried: any other 400 is returned at once.
func TestBindingsAddDoesNotRetryOtherBadRequests(t *testing.T) {
	t.Parallel()
	srv, c := newBindServer(t)
	srv.Inject(auth0test.RouteBindingsUpdate, auth0test.Fault{Times: -1, Status: http.StatusBadRequest, ErrorCode: "invalid_body",
		Message: "Payload validation error: 'Missing required property: value' on property bindings[0].ref."})
	_, err := c.Actions.Triggers.Bindings.Add(t.Context(), auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: "act1"})
	require.Error(t, err)
	assert.ErrorIs(t, err, auth0.ErrBadRequest)
	assert.NotErrorIs(t, err, auth0.ErrActionNotDeployed)
	assert.NotErrorIs(t, err, auth0.ErrEntityBoundTrigger)
	assert.Len(t, patchBodies(srv), 1)
}

// Move binds no new action: the refusal is not retried.
func TestBindingsMoveDoesNotRetryNotDeployed(t *testing.T) {
	t.Parallel()
	srv, c := newBindServer(t)
	bindDeployed(t, srv, "a", "b")
	refuseBindings(srv, -1, msgNotDeployedYet)
	_, err := c.Actions.Triggers.Bindings.Move(t.Context(), auth0.TriggerPostLogin, "b", 0)
	require.Error(t, err)
	assert.ErrorIs(t, err, auth0.ErrBadRequest)
	assert.NotErrorIs(t, err, auth0.ErrActionNotDeployed)
	assert.Len(t, patchBodies(srv), 1)
}

// The caller's cancellation during the backoff ends Add at once with the
// context's error.
func TestBindingsAddRetryHonoursContext(t *testing.T) {
	t.Parallel()
	srv, c := newBindServer(t, option.WithPollInterval(time.Hour, time.Hour))
	ctx, cancel := context.WithCancel(t.Context())
	srv.Inject(auth0test.RouteBindingsUpdate, auth0test.Fault{Times: -1, Status: http.StatusBadRequest, Message: msgNotDeployedYet,
		Before: cancel})
	_, err := c.Actions.Triggers.Bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: "act1"})
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, auth0.ErrWaitTimeout)
	assert.Len(t, patchBodies(srv), 1)
	checkMessage(t, err.Error())
}

// An entity-bound trigger, as the trigger list says: every helper refuses
// before it reads or writes a binding.
func TestBindingsHelpersRefuseEntityBoundTriggers(t *testing.T) {
	t.Parallel()
	const trigger = auth0.TriggerCustomTokenExchange
	calls := map[string]func(ctx context.Context, c *auth0.Client) error{
		"Add": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.Triggers.Bindings.Add(ctx, trigger, auth0.BindingAddParams{ActionID: "act1"})
			return err
		},
		"Remove": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.Triggers.Bindings.Remove(ctx, trigger, "act1")
			return err
		},
		"Move": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.Triggers.Bindings.Move(ctx, trigger, "act1", 0)
			return err
		},
		"Upsert with Bind": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.Upsert(ctx, auth0.ActionUpsertParams{Name: "x", Code: auth0.String("c"), Deploy: true, Bind: true,
				SupportedTriggers: []auth0.Trigger{{ID: trigger, Version: "v1"}}})
			return err
		},
		"Upsert with Bind, dry run": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.Upsert(ctx, auth0.ActionUpsertParams{Name: "x", Code: auth0.String("c"), Bind: true, DryRun: true,
				SupportedTriggers: []auth0.Trigger{{ID: trigger, Version: "v1"}}})
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, c := newBindServer(t)
			err := call(t.Context(), c)
			require.Error(t, err)
			assert.ErrorIs(t, err, auth0.ErrEntityBoundTrigger)
			var eb *auth0.EntityBoundTriggerError
			require.ErrorAs(t, err, &eb)
			assert.Equal(t, trigger, eb.Trigger)
			assert.Nil(t, eb.Err, "decided from the trigger list")
			assert.EqualError(t, err, "auth0: trigger custom-token-exchange is entity-bound: Auth0 manages its bindings per entity, "+
				"and the tenant cannot list or change them (binding_policy entity-bound in the trigger list)")
			assert.Equal(t, []string{"GET actions/triggers"}, requestLog(srv), "nothing but the trigger list is read, nothing written")
		})
	}
}

// A trigger the list does not call entity-bound, but the server does: its
// 400 becomes the same typed error, and nothing is written.
func TestBindingsServerSaysEntityBound(t *testing.T) {
	t.Parallel()
	srv, c := newBindServer(t)
	srv.Inject(auth0test.RouteBindingsList, auth0test.Fault{Times: -1, Status: http.StatusBadRequest, Message: msgEntityBoundList})
	_, err := c.Actions.Triggers.Bindings.Add(t.Context(), auth0.TriggerCredentialsExchange, auth0.BindingAddParams{ActionID: "act1"})
	require.Error(t, err)
	assert.ErrorIs(t, err, auth0.ErrEntityBoundTrigger)
	assert.ErrorIs(t, err, auth0.ErrBadRequest)
	var eb *auth0.EntityBoundTriggerError
	require.ErrorAs(t, err, &eb)
	assert.Equal(t, auth0.TriggerCredentialsExchange, eb.Trigger)
	var apiErr *auth0.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "cannot list action bindings for an entity-bound trigger", apiErr.Message)
	checkMessage(t, err.Error())
	assert.Contains(t, err.Error(), "auth0: trigger credentials-exchange is entity-bound: Auth0 manages its bindings per entity, "+
		"and the tenant cannot list or change them: GET "+srv.URL+"/api/v2/actions/triggers/credentials-exchange/bindings?")
	assert.Empty(t, patchBodies(srv))

	// The same from a PATCH refused for that reason.
	srv2, c2 := newBindServer(t)
	refuseBindings(srv2, -1, "cannot update action bindings for an entity-bound trigger")
	_, err = c2.Actions.Triggers.Bindings.Add(t.Context(), auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: "act1"})
	assert.ErrorIs(t, err, auth0.ErrEntityBoundTrigger)
	assert.Len(t, patchBodies(srv2), 1, "not retried")
}

// The trigger list is read once per client and tenant, not on every edit.
func TestBindingsTriggerListIsCachedPerClient(t *testing.T) {
	t.Parallel()
	srv, c := newBindServer(t)
	putDeployed(t, srv, "a", "b", "c")
	for _, id := range []string{"a", "b", "c"} {
		_, err := c.Actions.Triggers.Bindings.Add(t.Context(), auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: id})
		require.NoError(t, err)
	}
	_, err := c.Actions.Triggers.Bindings.Remove(t.Context(), auth0.TriggerPostLogin, "b")
	require.NoError(t, err)
	count := func() int {
		n := 0
		for _, r := range requestLog(srv) {
			if r == "GET actions/triggers" {
				n++
			}
		}
		return n
	}
	assert.Equal(t, 1, count())
	_, err = bindClient(srv).Actions.Triggers.Bindings.Remove(t.Context(), auth0.TriggerPostLogin, "c")
	require.NoError(t, err)
	assert.Equal(t, 2, count(), "another client reads its own")
	assert.Equal(t, []string{"a"}, boundActionIDs(srv))
}

// A trigger list that cannot be read stops the edit before it writes.
func TestBindingsTriggerListErrorStopsTheEdit(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/triggers", respondWith(http.StatusForbidden,
		`{"statusCode":403,"error":"Forbidden","message":"Insufficient scope, expected: read:actions"}`))
	c := newTestClient(tr, option.WithMaxRetries(0))
	_, err := c.Actions.Triggers.Bindings.Add(t.Context(), auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: "a"})
	require.Error(t, err)
	assert.ErrorIs(t, err, auth0.ErrForbidden)
	checkMessage(t, err.Error())
	assert.Contains(t, err.Error(), "auth0: reading the binding policy of trigger post-login: GET "+testBaseURL+"actions/triggers: 403")
	assert.Equal(t, 1, tr.GetTotalCallCount())
}

// Upsert with Bind, right after its deploy: the refusal is retried, and
// when it persists the error names the action by name too.
func TestUpsertBindRetriesNotDeployedYet(t *testing.T) {
	t.Parallel()
	for _, persist := range []bool{false, true} {
		t.Run(fmt.Sprint("persists=", persist), func(t *testing.T) {
			t.Parallel()
			srv, c := newBindServer(t)
			// Built, deployed, all changes deployed: Upsert only binds.
			srv.PutAction(auth0.Action{ID: "act1", Name: "bd-upsert", Code: "c", SupportedTriggers: postLoginV3,
				DeployedVersion: &auth0.ActionVersion{ID: "v1"}, AllChangesDeployed: true})
			if persist {
				refuseThenHold(srv, 2)
			} else {
				refuseBindings(srv, 1, msgNotDeployedYet)
			}
			limit := time.Minute // ample: the retry must not need it
			if persist {
				limit = time.Second
			}
			res, err := c.Actions.Upsert(t.Context(), auth0.ActionUpsertParams{Name: "bd-upsert", SupportedTriggers: postLoginV3,
				Code: auth0.String("c"), Bind: true}, option.WithWaitTimeout(limit))
			assert.Equal(t, len(patchBodies(srv)), writes(srv), "the action is not changed: only its bindings are written")
			if !persist {
				require.NoError(t, err)
				assert.True(t, res.Bound)
				assert.Len(t, patchBodies(srv), 2)
				assert.Equal(t, []string{"act1"}, boundActionIDs(srv))
				return
			}
			require.Error(t, err)
			var nd *auth0.ActionNotDeployedError
			require.ErrorAs(t, err, &nd)
			assert.Equal(t, "bd-upsert", nd.ActionName)
			assert.Equal(t, "act1", nd.ActionID)
			checkMessage(t, err.Error())
			assert.Contains(t, err.Error(), `auth0: action "bd-upsert" (act1) cannot be bound to trigger post-login`)
			assert.False(t, errors.Is(err, auth0.ErrWaitTimeout))
		})
	}
}

func TestBindingsAddRemoveMoveKeepOthers(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client(fastPolling)
	ctx := t.Context()
	bindings := c.Actions.Triggers.Bindings
	a := createDeployedAction(t, srv, c, "wf-a")
	b := createDeployedAction(t, srv, c, "wf-b")
	d := createDeployedAction(t, srv, c, "wf-d")

	_, err := bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: a.ID, DisplayName: auth0.String("A")})
	require.NoError(t, err)
	_, err = bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: b.ID, DisplayName: auth0.String("B")})
	require.NoError(t, err)
	res, err := bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: d.ID, DisplayName: auth0.String("D"), Position: auth0.Int(0)})
	require.NoError(t, err)
	require.Len(t, res.Bindings, 3)
	assert.Equal(t, []string{d.ID, a.ID, b.ID}, boundActionIDs(srv))

	// Adding a bound action writes nothing.
	patches := srv.RequestCount(auth0test.RouteBindingsUpdate)
	_, err = bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: a.ID})
	require.NoError(t, err)
	assert.Equal(t, patches, srv.RequestCount(auth0test.RouteBindingsUpdate))

	_, err = bindings.Move(ctx, auth0.TriggerPostLogin, b.ID, 0)
	require.NoError(t, err)
	assert.Equal(t, []string{b.ID, d.ID, a.ID}, boundActionIDs(srv))

	_, err = bindings.Remove(ctx, auth0.TriggerPostLogin, d.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{b.ID, a.ID}, boundActionIDs(srv))
	names := map[string]string{}
	for _, bd := range srv.Bindings(auth0.TriggerPostLogin) {
		names[bd.Action.ID] = bd.DisplayName
	}
	assert.Equal(t, map[string]string{a.ID: "A", b.ID: "B"}, names, "display names survive every rewrite")

	_, err = bindings.Remove(ctx, auth0.TriggerPostLogin, d.ID)
	require.ErrorIs(t, err, auth0.ErrNotBound)
	_, err = bindings.Move(ctx, auth0.TriggerPostLogin, d.ID, 0)
	require.ErrorIs(t, err, auth0.ErrNotBound)
	_, err = bindings.Move(ctx, auth0.TriggerPostLogin, a.ID, 2)
	require.ErrorContains(t, err, "past the end")
	_, err = bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{})
	require.Error(t, err)
	_, err = bindings.Add(ctx, "", auth0.BindingAddParams{ActionID: a.ID})
	require.Error(t, err)
}

func TestBindingsAddReadsEveryPage(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client(fastPolling)
	ctx := t.Context()
	var ids []string
	for i := range 105 {
		ids = append(ids, createDeployedAction(t, srv, c, fmt.Sprintf("wf-page-%03d", i)).ID)
	}
	var list []auth0.BindingUpdate
	for _, id := range ids[:104] {
		list = append(list, auth0.BindingUpdate{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: id}})
	}
	_, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{Bindings: list})
	require.NoError(t, err)

	_, err = c.Actions.Triggers.Bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: ids[104]})
	require.NoError(t, err)
	assert.Equal(t, ids, boundActionIDs(srv), "all 104 bindings over two pages kept, in order")
}

// Two clients add different actions to the same trigger at once, many
// times: every binding survives.
func TestBindingsConcurrentEditsFromTwoClients(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	setup := srv.Client(fastPolling)
	ctx := t.Context()
	const each = 6
	var ids [2][]string
	for w := range 2 {
		for i := range each {
			ids[w] = append(ids[w], createDeployedAction(t, srv, setup, fmt.Sprintf("wf-conc-%d-%d", w, i)).ID)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*each)
	for w := range 2 {
		client := srv.Client(fastPolling) // two separate clients
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, id := range ids[w] {
				if _, err := client.Actions.Triggers.Bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: id}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	assert.ElementsMatch(t, append(append([]string{}, ids[0]...), ids[1]...), boundActionIDs(srv))
}

// An edit from another process lands between our write and our check: the
// helper notices that its change was lost and applies it again.
func TestBindingsEditRetriesWhenChangedUnderneath(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	setup := srv.Client(fastPolling)
	ctx := t.Context()
	mine := createDeployedAction(t, srv, setup, "wf-mine")
	theirs := createDeployedAction(t, srv, setup, "wf-theirs")

	var clobbered atomic.Bool
	other := srv.Client()
	interfere := func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		resp, err := next(r)
		if err == nil && r.Method == http.MethodPatch && !clobbered.Swap(true) {
			// Another writer, working from a stale read, replaces the list.
			_, perr := other.Actions.Triggers.Bindings.Update(r.Context(), auth0.TriggerPostLogin, auth0.BindingUpdateParams{
				Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: theirs.ID}}},
			})
			if perr != nil {
				return nil, perr
			}
		}
		return resp, err
	}
	c := srv.Client(fastPolling, option.WithMiddleware(interfere))
	_, err := c.Actions.Triggers.Bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: mine.ID})
	require.NoError(t, err)
	assert.Equal(t, []string{theirs.ID, mine.ID}, boundActionIDs(srv), "both changes kept")
	assert.Equal(t, 3, srv.RequestCount(auth0test.RouteBindingsUpdate), "ours, theirs, ours again")
}

func TestBindingsEditGivesUpAfterBoundedAttempts(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	setup := srv.Client(fastPolling)
	ctx := t.Context()
	mine := createDeployedAction(t, srv, setup, "wf-mine2")
	other := srv.Client()
	interfere := func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		resp, err := next(r)
		if err == nil && r.Method == http.MethodPatch && !strings.Contains(r.Header.Get("X-Other"), "1") {
			_, _ = other.Actions.Triggers.Bindings.Update(r.Context(), auth0.TriggerPostLogin, auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{}},
				option.WithHeader("X-Other", "1"))
		}
		return resp, err
	}
	c := srv.Client(fastPolling, option.WithMiddleware(interfere))
	_, err := c.Actions.Triggers.Bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: mine.ID})
	require.ErrorIs(t, err, auth0.ErrBindingsConflict)
	assert.Equal(t, 6, srv.RequestCount(auth0test.RouteBindingsUpdate), "three attempts, each undone")
	assert.False(t, errors.Is(err, auth0.ErrNotFound))
}

// byID is a binding update naming the action by its ID.
func byID(id string) auth0.BindingUpdate {
	return auth0.BindingUpdate{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: id}}
}

func TestBindingsSetWritesTheWholeListOnce(t *testing.T) {
	t.Parallel()
	srv, c := newBindServer(t)
	bindDeployed(t, srv, "a", "b")
	putDeployed(t, srv, "c")

	want := []auth0.BindingUpdate{byID("c"), byID("a")}
	want[0].DisplayName = auth0.String("first")
	_, err := c.Actions.Triggers.Bindings.Set(t.Context(), auth0.TriggerPostLogin, auth0.BindingSetParams{Bindings: want, Expect: []string{"a", "b"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"c", "a"}, boundActionIDs(srv))
	assert.Equal(t, "first", srv.Bindings(auth0.TriggerPostLogin)[0].DisplayName)
	require.Len(t, patchBodies(srv), 1)
	assert.JSONEq(t, `{"bindings":[{"ref":{"type":"action_id","value":"c"},"display_name":"first"},{"ref":{"type":"action_id","value":"a"}}]}`, patchBodies(srv)[0])

	// The same list again: read, no write.
	srv.ResetRequests()
	_, err = c.Actions.Triggers.Bindings.Set(t.Context(), auth0.TriggerPostLogin, auth0.BindingSetParams{Bindings: want})
	require.NoError(t, err)
	assert.Empty(t, patchBodies(srv))

	// An empty slice unbinds every action.
	_, err = c.Actions.Triggers.Bindings.Set(t.Context(), auth0.TriggerPostLogin, auth0.BindingSetParams{Bindings: []auth0.BindingUpdate{}})
	require.NoError(t, err)
	assert.Empty(t, boundActionIDs(srv))
}

func TestBindingsSetRefusesAListItWasNotGiven(t *testing.T) {
	t.Parallel()
	srv, c := newBindServer(t)
	bindDeployed(t, srv, "a", "b")
	_, err := c.Actions.Triggers.Bindings.Set(t.Context(), auth0.TriggerPostLogin,
		auth0.BindingSetParams{Bindings: []auth0.BindingUpdate{byID("b")}, Expect: []string{"a"}})
	require.ErrorIs(t, err, auth0.ErrBindingsConflict)
	assert.Contains(t, err.Error(), "bound to [a, b], not to the expected [a]")
	assert.Empty(t, patchBodies(srv), "nothing is written over a list the caller did not see")
	assert.Equal(t, []string{"a", "b"}, boundActionIDs(srv))
}

func TestBindingsSetRefusesBadParamsBeforeSending(t *testing.T) {
	t.Parallel()
	srv, c := newBindServer(t)
	_, err := c.Actions.Triggers.Bindings.Set(t.Context(), auth0.TriggerPostLogin, auth0.BindingSetParams{})
	require.ErrorIs(t, err, auth0.ErrNilBindings)
	_, err = c.Actions.Triggers.Bindings.Set(t.Context(), auth0.TriggerPostLogin, auth0.BindingSetParams{
		Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionName, Value: "x"}}}})
	require.EqualError(t, err, "auth0: BindingSetParams.Bindings[0]: name the action by its ID (BindingRefTypeActionID)")
	_, err = c.Actions.Triggers.Bindings.Set(t.Context(), auth0.TriggerCustomTokenExchange, auth0.BindingSetParams{Bindings: []auth0.BindingUpdate{}})
	require.ErrorIs(t, err, auth0.ErrEntityBoundTrigger)
	assert.Equal(t, []string{"GET actions/triggers"}, requestLog(srv), "only the trigger list was read")
}

// The same race meets a list that only moves bound actions, when one of
// them was redeployed just before (a whole-set deploy does that): retried
// too.
func TestBindingsSetRetriesNotDeployedYetWhenOnlyMoving(t *testing.T) {
	t.Parallel()
	srv, c := newBindServer(t)
	bindDeployed(t, srv, "a", "b")
	refuseBindings(srv, 2, msgNotDeployedYet)
	_, err := c.Actions.Triggers.Bindings.Set(t.Context(), auth0.TriggerPostLogin,
		auth0.BindingSetParams{Bindings: []auth0.BindingUpdate{byID("b"), byID("a")}, Expect: []string{"a", "b"}})
	require.NoError(t, err)
	assert.Len(t, patchBodies(srv), 3, "two refusals, then the write")
	assert.Equal(t, []string{"b", "a"}, boundActionIDs(srv))
}

func TestBindingsSetRetriesNotDeployedYet(t *testing.T) {
	t.Parallel()
	srv, c := newBindServer(t)
	bindDeployed(t, srv, "a")
	putDeployed(t, srv, "b")
	refuseBindings(srv, 2, msgNotDeployedYet)
	_, err := c.Actions.Triggers.Bindings.Set(t.Context(), auth0.TriggerPostLogin,
		auth0.BindingSetParams{Bindings: []auth0.BindingUpdate{byID("a"), byID("b")}, Expect: []string{"a"}})
	require.NoError(t, err)
	assert.Len(t, patchBodies(srv), 3, "two refusals, then the write")
	assert.Equal(t, []string{"a", "b"}, boundActionIDs(srv))
}
