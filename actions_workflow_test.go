package auth0_test

import (
	"context"
	"errors"
	"net/http"
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
	var nf *auth0.NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, auth0.NotFoundError{Kind: auth0.KindAction, Name: "wf-nobody"}, *nf)

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
