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

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

// createDeployedAction adds an action and deploys it, ready to bind.
func createDeployedAction(t *testing.T, srv *auth0test.Server, c *auth0.Client, name string) auth0.Action {
	t.Helper()
	a := createAction(t, srv, name)
	_, err := c.Actions.DeployAndWait(t.Context(), a.ID, fastPolling)
	require.NoError(t, err)
	return a
}

func boundActionIDs(srv *auth0test.Server) []string {
	var ids []string
	for _, b := range srv.Bindings(auth0.TriggerPostLogin) {
		ids = append(ids, b.Action.ID)
	}
	return ids
}

func TestWaitUntilBuiltPollsUntilBuilt(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithBuildAfterReads(3))
	c := srv.Client(fastPolling)
	a, err := c.Actions.New(t.Context(), auth0.ActionNewParams{Name: "wf-wait", SupportedTriggers: postLoginV3})
	require.NoError(t, err)
	require.NotEqual(t, auth0.BuildStatusBuilt, a.Status)

	got, err := c.Actions.WaitUntilBuilt(t.Context(), a.ID)
	require.NoError(t, err)
	assert.Equal(t, auth0.BuildStatusBuilt, got.Status)
	assert.GreaterOrEqual(t, srv.RequestCount(auth0test.RouteActionsGet), 3, "it polled")
}

func TestWaitUntilBuiltReportsAFailedBuild(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	srv.FailBuilds("wf-broken", auth0.ActionError{ID: "err_npm", Msg: "npm install failed"})
	a := createAction(t, srv, "wf-broken")

	_, err := srv.Client(fastPolling).Actions.WaitUntilBuilt(t.Context(), a.ID)
	require.ErrorIs(t, err, auth0.ErrBuildFailed)
	var be *auth0.BuildError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, a.ID, be.ActionID)
	assert.Equal(t, auth0.BuildStatusFailed, be.Status)
}

func TestWaitUntilBuiltTimesOutAndHonoursContext(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithBuildDelay(time.Hour))
	c := srv.Client(fastPolling)
	a := createAction(t, srv, "wf-slow")

	_, err := c.Actions.WaitUntilBuilt(t.Context(), a.ID, option.WithWaitTimeout(30*time.Millisecond))
	require.ErrorIs(t, err, auth0.ErrWaitTimeout)
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	_, err = c.Actions.WaitUntilBuilt(ctx, a.ID)
	require.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, auth0.ErrWaitTimeout)
	assert.Less(t, time.Since(start), 5*time.Second)
}

func TestWaitUntilBuiltStopsOnNotFound(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	_, err := srv.Client(fastPolling).Actions.WaitUntilBuilt(t.Context(), "no-such-action")
	require.ErrorIs(t, err, auth0.ErrNotFound)
	assert.Equal(t, 1, srv.RequestCount(auth0test.RouteActionsGet))
}

func TestDeployAndWait(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithBuildAfterReads(2))
	c := srv.Client(fastPolling)
	a := createAction(t, srv, "wf-deploy")

	v, err := c.Actions.DeployAndWait(t.Context(), a.ID)
	require.NoError(t, err)
	assert.True(t, v.Deployed)
	assert.Equal(t, auth0.BuildStatusBuilt, v.Status)
	assert.Equal(t, 1, v.Number)
	assert.Equal(t, 1, srv.RequestCount(auth0test.RouteActionsDeploy))
	stored, ok := srv.Action(a.ID)
	require.True(t, ok)
	require.NotNil(t, stored.DeployedVersion)
	assert.Equal(t, v.ID, stored.DeployedVersion.ID)
	assert.NotEmpty(t, v.RawJSON())
}

func TestDeployAndWaitDoesNotDeployAFailedDraft(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	srv.FailBuilds("wf-broken-deploy")
	a := createAction(t, srv, "wf-broken-deploy")
	_, err := srv.Client(fastPolling).Actions.DeployAndWait(t.Context(), a.ID)
	require.ErrorIs(t, err, auth0.ErrBuildFailed)
	assert.Equal(t, 0, srv.RequestCount(auth0test.RouteActionsDeploy))
}

func TestDeployAndWaitReportsAFailedVersion(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	base := testBaseURL + "actions/actions/act1"
	tr.RegisterResponder(http.MethodGet, base, httpmock.NewStringResponder(200, `{"id":"act1","status":"built"}`))
	tr.RegisterResponder(http.MethodPost, base+"/deploy", httpmock.NewStringResponder(200, `{"id":"ver1","number":1,"status":"building","deployed":false}`))
	tr.RegisterResponder(http.MethodGet, base+"/versions/ver1", httpmock.NewStringResponder(200,
		`{"id":"ver1","number":1,"status":"failed","deployed":false,"errors":[{"id":"err_npm","msg":"npm install failed for lodash@9.9.9","url":"https://example.com/logs"}]}`))
	c := newTestClient(tr, fastPolling)

	_, err := c.Actions.DeployAndWait(t.Context(), "act1")
	var be *auth0.BuildError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, "ver1", be.VersionID)
	require.Len(t, be.Errors, 1)
	assert.Contains(t, err.Error(), "npm install failed for lodash@9.9.9")
}

func TestGetByName(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	want := createAction(t, srv, "wf-find-me")
	createAction(t, srv, "wf-find-me-not")

	got, err := c.Actions.GetByName(t.Context(), "wf-find-me")
	require.NoError(t, err)
	assert.Equal(t, want.ID, got.ID)
	assert.NotEmpty(t, got.RawJSON())
	req := srv.Requests()[len(srv.Requests())-1]
	assert.Equal(t, "wf-find-me", req.Query.Get("actionName"))

	_, err = c.Actions.GetByName(t.Context(), "wf-nobody")
	require.ErrorIs(t, err, auth0.ErrNotFound)
	assert.True(t, errors.Is(err, auth0.ErrNotFound))
	var nf *auth0.ActionNotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "wf-nobody", nf.Name)

	_, err = c.Actions.GetByName(t.Context(), "")
	require.Error(t, err)
}

func TestGetByNameAmbiguous(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions",
		httpmock.NewStringResponder(200, `{"actions":[{"id":"a1","name":"dup"},{"id":"a2","name":"dup"},{"id":"a3","name":"dup-2"}],"total":3,"per_page":100}`))
	c := newTestClient(tr)

	_, err := c.Actions.GetByName(t.Context(), "dup")
	require.ErrorIs(t, err, auth0.ErrAmbiguousName)
	var amb *auth0.AmbiguousNameError
	require.ErrorAs(t, err, &amb)
	assert.Equal(t, []string{"a1", "a2"}, amb.IDs)
}

func TestUpsertIsIdempotent(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithBuildAfterReads(1))
	c := srv.Client(fastPolling)
	ctx := t.Context()
	other := createDeployedAction(t, srv, c, "wf-other")
	_, err := c.Actions.Triggers.Bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: other.ID, DisplayName: auth0.String("Other first")})
	require.NoError(t, err)

	params := auth0.ActionUpsertParams{
		Name: "wf-upsert", SupportedTriggers: postLoginV3,
		Code:         auth0.String("exports.onExecutePostLogin = async () => { /* v1 */ };"),
		Runtime:      auth0.String(auth0.RuntimeNode22),
		Dependencies: []auth0.ActionDependency{{Name: "lodash", Version: "4.17.21"}},
		Secrets:      []auth0.ActionSecretParam{{Name: "API_KEY", Value: "k1"}},
		Deploy:       true, Bind: true, BindingDisplayName: auth0.String("Upserted"),
	}
	first, err := c.Actions.Upsert(ctx, params)
	require.NoError(t, err)
	assert.True(t, first.Created)
	assert.True(t, first.Bound)
	require.NotNil(t, first.Deployed)
	assert.True(t, first.Changed())
	assert.True(t, first.Action.AllChangesDeployed)
	assert.Equal(t, []string{other.ID, first.Action.ID}, boundActionIDs(srv), "appended after the existing binding")

	// The same input again: nothing is written.
	srv.ResetRequests()
	second, err := c.Actions.Upsert(ctx, params)
	require.NoError(t, err)
	assert.False(t, second.Changed(), "%+v", second)
	for _, r := range srv.Requests() {
		assert.Equal(t, http.MethodGet, r.Method, "second run wrote %s %s", r.Method, r.Path)
	}

	// New code: update and deploy, but no second binding.
	params.Code = auth0.String("exports.onExecutePostLogin = async () => { /* v2 */ };")
	third, err := c.Actions.Upsert(ctx, params)
	require.NoError(t, err)
	assert.True(t, third.Updated)
	assert.False(t, third.Created)
	assert.False(t, third.Bound)
	require.NotNil(t, third.Deployed)
	assert.Equal(t, 2, third.Deployed.Number)
	assert.Equal(t, []string{other.ID, first.Action.ID}, boundActionIDs(srv))
	for _, b := range srv.Bindings(auth0.TriggerPostLogin) {
		if b.Action.ID == other.ID {
			assert.Equal(t, "Other first", b.DisplayName, "the other binding keeps its display name")
		}
	}
}

func TestUpsertValidatesBeforeSending(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	_, err := srv.Client().Actions.Upsert(t.Context(), auth0.ActionUpsertParams{Name: "x"})
	require.Error(t, err)
	assert.Empty(t, srv.Requests())
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
