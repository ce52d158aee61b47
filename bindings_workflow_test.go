package auth0_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
