package auth0test_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// writes counts the requests that can change a module or an action.
func writes(srv *auth0test.Server) int {
	n := 0
	for _, r := range []string{auth0test.RouteModulesNew, auth0test.RouteModulesUpdate, auth0test.RouteModuleVersionsNew,
		auth0test.RouteModulesRollback, auth0test.RouteActionsNew, auth0test.RouteActionsUpdate, auth0test.RouteActionsDeploy} {
		n += srv.RequestCount(r)
	}
	return n
}

// TestModuleWorkflowHelpers runs the SDK's module helpers on the fake: a
// reference by name, Modules.Upsert (publish only when changed, nothing
// written the second time) and Modules.Rollout.
func TestModuleWorkflowHelpers(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	ctx := t.Context()
	params := auth0.ModuleUpsertParams{Name: "utils", Code: moduleV1, Publish: true,
		Dependencies: []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}}}

	res, err := c.Actions.Modules.Upsert(ctx, params)
	require.NoError(t, err)
	assert.True(t, res.Created)
	require.NotNil(t, res.Published)
	assert.Equal(t, 1, res.Published.VersionNumber)

	srv.ResetRequests()
	res, err = c.Actions.Modules.Upsert(ctx, params)
	require.NoError(t, err)
	assert.False(t, res.Changed())
	assert.Zero(t, writes(srv), "the second run writes nothing")

	// A reference by name means the latest published version.
	p := newParams("uses-utils")
	p.Modules = []auth0.ActionModuleReference{{ModuleName: "utils"}}
	p.Deploy = auth0.Bool(true)
	a, err := c.Actions.New(ctx, p)
	require.NoError(t, err)
	require.Len(t, a.Modules, 1)
	assert.Equal(t, 1, a.Modules[0].ModuleVersionNumber)
	assert.Equal(t, "utils", a.Modules[0].ModuleName)

	params.Code = moduleV2
	res, err = c.Actions.Modules.Upsert(ctx, params)
	require.NoError(t, err)
	assert.True(t, res.Updated)
	require.NotNil(t, res.Published)
	assert.Equal(t, 2, res.Published.VersionNumber)

	roll, err := c.Actions.Modules.Rollout(ctx, res.Module.ID, auth0.ModuleRolloutParams{Deploy: true})
	require.NoError(t, err)
	require.Len(t, roll.Actions, 1)
	assert.Equal(t, auth0.RolloutMoved, roll.Actions[0].Status)
	assert.Equal(t, 1, roll.Actions[0].FromVersionNumber)
	uses := srv.ModuleActions(res.Module.ID)
	require.Len(t, uses, 1)
	assert.Equal(t, 2, uses[0].ModuleVersionNumber)

	// Again: already there, nothing written.
	srv.ResetRequests()
	roll, err = c.Actions.Modules.Rollout(ctx, res.Module.ID, auth0.ModuleRolloutParams{Deploy: true})
	require.NoError(t, err)
	require.Len(t, roll.Actions, 1)
	assert.Equal(t, auth0.RolloutAlreadyThere, roll.Actions[0].Status)
	assert.Zero(t, writes(srv))
}
