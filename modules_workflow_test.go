package auth0_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

// These tests run the deploy workflow (Modules.Upsert, Actions.Upsert with
// modules by name, Modules.Rollout) on the fake API, through HTTP only.

func TestPipelineModuleUpsertPublishesOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	client := srv.Client()
	ctx := t.Context()
	params := auth0.ModuleUpsertParams{
		Name: "shared-utils", Code: "module.exports = { v: 1 };",
		Dependencies: []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}},
		Publish:      true,
	}

	// A dry run on an empty tenant plans a create and a publish, and writes nothing.
	dry := params
	dry.DryRun = true
	res, err := client.Actions.Modules.Upsert(ctx, dry)
	require.NoError(t, err)
	assert.True(t, res.Plan.Create)
	assert.True(t, res.Plan.Publish)
	assert.Zero(t, writes(srv), "a dry run writes nothing")
	assert.Contains(t, res.Plan.String(), `action module "shared-utils": create`)

	res, err = client.Actions.Modules.Upsert(ctx, params)
	require.NoError(t, err)
	assert.True(t, res.Created)
	require.NotNil(t, res.Published)
	assert.Equal(t, 1, res.Published.VersionNumber)
	require.NotNil(t, res.LatestVersion)
	assert.Equal(t, res.Published.ID, res.LatestVersion.ID)

	// The same input again writes nothing and never meets the 409 of an
	// unchanged publish.
	srv.ResetRequests()
	again, err := client.Actions.Modules.Upsert(ctx, params)
	require.NoError(t, err)
	assert.False(t, again.Changed())
	assert.Nil(t, again.Published)
	assert.Equal(t, 1, again.LatestVersion.VersionNumber)
	assert.Zero(t, writes(srv), "an unchanged module is neither updated nor published")
	assert.False(t, again.Plan.HasChanges())

	// A code change updates the draft and publishes version 2.
	params.Code = "module.exports = { v: 2 };"
	changed, err := client.Actions.Modules.Upsert(ctx, params)
	require.NoError(t, err)
	assert.True(t, changed.Updated)
	require.NotNil(t, changed.Published)
	assert.Equal(t, 2, changed.Published.VersionNumber)
	assert.Equal(t, "module.exports = { v: 2 };", changed.Published.Code)

	// A draft changed earlier but never published is published by the next
	// run, even though the params equal the draft.
	_, err = client.Actions.Modules.Update(ctx, changed.Module.ID, auth0.ModuleUpdateParams{Code: auth0.String("module.exports = { v: 3 };")})
	require.NoError(t, err)
	params.Code = "module.exports = { v: 3 };"
	pending, err := client.Actions.Modules.Upsert(ctx, params)
	require.NoError(t, err)
	assert.False(t, pending.Updated)
	require.NotNil(t, pending.Published)
	assert.Equal(t, 3, pending.Published.VersionNumber)
}

func TestPipelineActionUpsertResolvesModulesByName(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	client := srv.Client()
	ctx := t.Context()
	mod, err := client.Actions.Modules.Upsert(ctx, auth0.ModuleUpsertParams{Name: "shared-utils", Code: "module.exports = 1;", Publish: true})
	require.NoError(t, err)

	params := auth0.ActionUpsertParams{
		Name: "add-roles", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Code:    auth0.String("exports.onExecutePostLogin = async () => {};"),
		Modules: []auth0.ActionModuleReference{{ModuleName: "shared-utils"}},
		Deploy:  true,
	}
	res, err := client.Actions.Upsert(ctx, params)
	require.NoError(t, err)
	assert.True(t, res.Created)
	require.Len(t, res.Action.Modules, 1)
	assert.Equal(t, mod.Module.ID, res.Action.Modules[0].ModuleID)
	assert.Equal(t, mod.LatestVersion.ID, res.Action.Modules[0].ModuleVersionID)
	require.NotNil(t, res.Deployed)

	// The module is used by the action.
	var users []string
	for u, err := range client.Actions.Modules.ListActionsAutoPaging(ctx, mod.Module.ID, auth0.ModuleActionListParams{}).All() {
		require.NoError(t, err)
		users = append(users, u.ActionName)
	}
	assert.Equal(t, []string{"add-roles"}, users)

	// Unchanged: the second run writes nothing.
	srv.ResetRequests()
	again, err := client.Actions.Upsert(ctx, params)
	require.NoError(t, err)
	assert.False(t, again.Changed())
	assert.Zero(t, writes(srv))

	// A module that does not exist, or was never published, is named in a
	// typed error, and nothing is written.
	srv.ResetRequests()
	missing := params
	missing.Name = "other"
	missing.Modules = []auth0.ActionModuleReference{{ModuleName: "no-such-module"}}
	_, err = client.Actions.Upsert(ctx, missing)
	var nf *auth0.NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, auth0.NotFoundError{Kind: auth0.KindModule, Name: "no-such-module"}, *nf)
	assert.Contains(t, err.Error(), "no-such-module")
	_, err = client.Actions.Modules.New(ctx, auth0.ModuleNewParams{Name: "draft-only", Code: "x"})
	require.NoError(t, err)
	srv.ResetRequests()
	missing.Modules = []auth0.ActionModuleReference{{ModuleName: "draft-only"}}
	_, err = client.Actions.Upsert(ctx, missing)
	require.ErrorIs(t, err, auth0.ErrModuleNotPublished)
	assert.Contains(t, err.Error(), "draft-only")
	assert.Zero(t, writes(srv))
	_, found := findAction(srv, "other")
	assert.False(t, found)
}

func findAction(srv *auth0test.Server, name string) (auth0.Action, bool) {
	for _, a := range srv.Actions() {
		if a.Name == name {
			return a, true
		}
	}
	return auth0.Action{}, false
}

func TestPipelineUpsertNeverDropsSecretsSilently(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	client := srv.Client()
	ctx := t.Context()
	trig := []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}
	code := auth0.String("exports.onExecutePostLogin = async () => {};")
	_, err := client.Actions.Upsert(ctx, auth0.ActionUpsertParams{Name: "with-secrets", SupportedTriggers: trig, Code: code,
		Secrets: []auth0.ActionSecretParam{{Name: "API_KEY", Value: "k1"}, {Name: "OLD", Value: "o"}}})
	require.NoError(t, err)

	// OLD is on the tenant but not in the params: refused, nothing written.
	srv.ResetRequests()
	params := auth0.ActionUpsertParams{Name: "with-secrets", SupportedTriggers: trig, Code: code,
		Secrets: []auth0.ActionSecretParam{{Name: "API_KEY", Value: "k1"}}}
	_, err = client.Actions.Upsert(ctx, params)
	require.ErrorIs(t, err, auth0.ErrSecretsWouldBeDeleted)
	var swd *auth0.SecretsWouldBeDeletedError
	require.ErrorAs(t, err, &swd)
	assert.Contains(t, err.Error(), "OLD")
	assert.NotContains(t, err.Error(), "k1")
	assert.Zero(t, writes(srv))

	// A dry run with PruneSecrets plans the removal; the real run does it.
	params.PruneSecrets = true
	dry := params
	dry.DryRun = true
	plan, err := client.Actions.Upsert(ctx, dry)
	require.NoError(t, err)
	assert.Contains(t, plan.Plan.String(), "- secret OLD (PruneSecrets)")
	assert.Zero(t, writes(srv))
	_, err = client.Actions.Upsert(ctx, params)
	require.NoError(t, err)
	a, _ := findAction(srv, "with-secrets")
	require.Len(t, a.Secrets, 1)
	assert.Equal(t, "API_KEY", a.Secrets[0].Name)

	// Without RotateSecrets an unchanged name is not re-sent; with it the
	// value is.
	srv.ResetRequests()
	params.Secrets[0].Value = "k2"
	res, err := client.Actions.Upsert(ctx, params)
	require.NoError(t, err)
	assert.False(t, res.Changed(), "a secret's value is not compared: the API never returns it")
	assert.Zero(t, writes(srv))
	params.RotateSecrets = true
	res, err = client.Actions.Upsert(ctx, params)
	require.NoError(t, err)
	assert.True(t, res.Updated)
	var patch []byte
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPatch {
			patch = r.Body
		}
	}
	assert.Contains(t, string(patch), `"value":"k2"`)
	assert.NotContains(t, res.Plan.String(), "k2", "a plan never shows a secret value")
}

// Modules.Upsert follows the same secrets rule: a secret the module has
// and the params leave out is refused (nothing written, nothing
// published), and with PruneSecrets it is removed and the module
// published without it.
func TestPipelineModuleUpsertNeverDropsSecretsSilently(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	client := srv.Client()
	ctx := t.Context()
	srv.AddModule(auth0.ModuleNewParams{Name: "shared", Code: "module.exports = 1;", Publish: auth0.Bool(true),
		Secrets: []auth0.ActionSecretParam{{Name: "KEEP", Value: "k"}, {Name: "OLD", Value: "o"}}})
	srv.ResetRequests()
	params := auth0.ModuleUpsertParams{Name: "shared", Code: "module.exports = 1;", Publish: true,
		Secrets: []auth0.ActionSecretParam{{Name: "KEEP", Value: "k"}}}
	_, err := client.Actions.Modules.Upsert(ctx, params)
	var swd *auth0.SecretsWouldBeDeletedError
	require.ErrorAs(t, err, &swd)
	assert.Equal(t, []string{"OLD"}, swd.Secrets)
	assert.Zero(t, writes(srv))

	dry := params
	dry.DryRun = true
	_, err = client.Actions.Modules.Upsert(ctx, dry)
	require.ErrorIs(t, err, auth0.ErrSecretsWouldBeDeleted, "a dry run says so too")

	params.PruneSecrets = true
	res, err := client.Actions.Modules.Upsert(ctx, params)
	require.NoError(t, err)
	assert.True(t, res.Updated)
	require.NotNil(t, res.Published)
	assert.Equal(t, 2, res.Published.VersionNumber)
	require.Len(t, res.Module.Secrets, 1)
	assert.Equal(t, "KEEP", res.Module.Secrets[0].Name)
}

func TestPipelineRolloutAcrossPagesResumesAfterAFailedBuild(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	client := srv.Client()
	ctx := t.Context()
	mod, err := client.Actions.Modules.Upsert(ctx, auth0.ModuleUpsertParams{Name: "shared", Code: "module.exports = 1;", Publish: true})
	require.NoError(t, err)
	v1 := mod.LatestVersion

	// More actions than one page of ListActions holds (100), all on v1;
	// one in the middle has a draft whose build fails.
	const n = 130
	const broken = "user-065"
	trig := []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}
	for i := range n {
		name := fmt.Sprintf("user-%03d", i)
		code := "exports.onExecutePostLogin = async () => {};"
		if name == broken {
			code += " // " + auth0test.FailBuildMarker
		}
		_, err := client.Actions.New(ctx, auth0.ActionNewParams{Name: name, SupportedTriggers: trig, Code: auth0.String(code),
			Modules: []auth0.ActionModuleReference{{ModuleID: mod.Module.ID, ModuleVersionID: v1.ID}}})
		require.NoError(t, err)
	}
	mod2, err := client.Actions.Modules.Upsert(ctx, auth0.ModuleUpsertParams{Name: "shared", Code: "module.exports = 2;", Publish: true})
	require.NoError(t, err)
	v2 := mod2.LatestVersion
	require.Equal(t, 2, v2.VersionNumber)

	res, err := client.Actions.Modules.Rollout(ctx, mod.Module.ID, auth0.ModuleRolloutParams{})
	require.ErrorIs(t, err, auth0.ErrRolloutFailed)
	var re *auth0.RolloutError
	require.ErrorAs(t, err, &re)
	assert.True(t, re.Stopped, "the first failure stops the rollout")
	require.Len(t, re.Failed, 1)
	assert.Equal(t, broken, re.Failed[0].ActionName)
	last := res.Actions[len(res.Actions)-1]
	assert.Equal(t, auth0.RolloutFailed, last.Status)
	assert.Less(t, len(res.Actions), n)
	for _, a := range res.Actions[:len(res.Actions)-1] {
		assert.Equal(t, auth0.RolloutMoved, a.Status, a.ActionName)
		assert.Equal(t, 1, a.FromVersionNumber)
	}
	movedFirst := len(res.Actions) - 1

	// The user fixes the broken action; the second run finishes the rest
	// and repeats nothing.
	b, ok := findAction(srv, broken)
	require.True(t, ok)
	_, err = client.Actions.Update(ctx, b.ID, auth0.ActionUpdateParams{Code: auth0.String("exports.onExecutePostLogin = async () => {};")})
	require.NoError(t, err)
	srv.ResetRequests()
	res, err = client.Actions.Modules.Rollout(ctx, mod.Module.ID, auth0.ModuleRolloutParams{})
	require.NoError(t, err)
	require.Len(t, res.Actions, n)
	counts := map[auth0.RolloutStatus]int{}
	for _, a := range res.Actions {
		counts[a.Status]++
	}
	// The broken action's draft was moved before its build failed, and the
	// fix kept the reference: it is there already too.
	assert.Equal(t, movedFirst+1, counts[auth0.RolloutAlreadyThere])
	assert.Equal(t, n-movedFirst-1, counts[auth0.RolloutMoved])
	patches := 0
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPatch {
			patches++
		}
	}
	assert.Equal(t, n-movedFirst-1, patches, "actions already moved are not updated again")
	for _, a := range srv.Actions() {
		require.Len(t, a.Modules, 1, a.Name)
		assert.Equal(t, v2.ID, a.Modules[0].ModuleVersionID, a.Name)
	}
	pages := 0
	for _, r := range srv.Requests() {
		if r.Route == auth0test.RouteModulesListActions {
			pages++
		}
	}
	assert.GreaterOrEqual(t, pages, 2, "every page of ListActions is read")
}

func TestPipelineRolloutWithDeployRefusesUndeployedChanges(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	client := srv.Client()
	ctx := t.Context()
	mod, err := client.Actions.Modules.Upsert(ctx, auth0.ModuleUpsertParams{Name: "shared", Code: "module.exports = 1;", Publish: true})
	require.NoError(t, err)
	trig := []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}
	for _, name := range []string{"clean", "dirty"} {
		_, err := client.Actions.Upsert(ctx, auth0.ActionUpsertParams{Name: name, SupportedTriggers: trig,
			Code: auth0.String("exports.onExecutePostLogin = async () => {};"), Modules: []auth0.ActionModuleReference{{ModuleName: "shared"}}, Deploy: true})
		require.NoError(t, err)
	}
	dirty, _ := findAction(srv, "dirty")
	_, err = client.Actions.Update(ctx, dirty.ID, auth0.ActionUpdateParams{Code: auth0.String("exports.onExecutePostLogin = async () => { /* wip */ };")})
	require.NoError(t, err)
	_, err = client.Actions.Modules.Upsert(ctx, auth0.ModuleUpsertParams{Name: "shared", Code: "module.exports = 2;", Publish: true})
	require.NoError(t, err)

	res, err := client.Actions.Modules.Rollout(ctx, mod.Module.ID, auth0.ModuleRolloutParams{Deploy: true, ContinueOnError: true})
	require.ErrorIs(t, err, auth0.ErrRolloutFailed)
	require.Len(t, res.Actions, 2)
	byName := map[string]auth0.RolloutAction{}
	for _, a := range res.Actions {
		byName[a.ActionName] = a
	}
	assert.Equal(t, auth0.RolloutMoved, byName["clean"].Status)
	require.NotNil(t, byName["clean"].Deployed)
	assert.Equal(t, auth0.RolloutFailed, byName["dirty"].Status)
	assert.True(t, errors.Is(byName["dirty"].Err, auth0.ErrUndeployedChanges))
	d, _ := findAction(srv, "dirty")
	assert.True(t, strings.Contains(d.Code, "wip"), "the undeployed draft is left as it was")
	require.NotNil(t, d.DeployedVersion)
	assert.Equal(t, 1, d.DeployedVersion.Modules[0].ModuleVersionNumber)
}

// stepClock is a server clock that moves on by step at every reading, so
// that a lag measured by the server ends after a fixed number of its
// readings, however slow the machine.
type stepClock struct {
	mu   sync.Mutex
	now  time.Time
	step time.Duration
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(c.step)
	return c.now
}

func TestPipelineUpsertBindRetriesTheDeployLag(t *testing.T) {
	t.Parallel()
	clk := &stepClock{now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), step: 100 * time.Millisecond}
	srv := auth0test.NewServer(t, auth0test.WithDeployLag(2*time.Second), auth0test.WithClock(clk.Now))
	client := srv.Client(option.WithPollInterval(time.Millisecond, 5*time.Millisecond))
	res, err := client.Actions.Upsert(t.Context(), auth0.ActionUpsertParams{Name: "add-roles", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Code: auth0.String("exports.onExecutePostLogin = async () => {};"), Deploy: true, Bind: true})
	require.NoError(t, err)
	assert.True(t, res.Bound)
	assert.Greater(t, srv.RequestCount(auth0test.RouteBindingsUpdate), 1, "the first PATCH met the lag and was retried")
	bs := srv.Bindings(auth0.TriggerPostLogin)
	require.Len(t, bs, 1)
	assert.Equal(t, "add-roles", bs[0].Action.Name)
}

func TestPipelineBindGivesUpOnALagThatDoesNotEnd(t *testing.T) {
	t.Parallel()
	// The server's clock stands still: the lag never ends.
	stopped := func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }
	srv := auth0test.NewServer(t, auth0test.WithDeployLag(time.Hour), auth0test.WithClock(stopped))
	client := srv.Client(option.WithPollInterval(time.Millisecond, 5*time.Millisecond), option.WithWaitTimeout(300*time.Millisecond))
	a := srv.AddAction(auth0.ActionNewParams{Name: "add-roles", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}, Deploy: auth0.Bool(true)})
	_, err := client.Actions.Triggers.Bindings.Add(t.Context(), auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: a.ID})
	require.ErrorIs(t, err, auth0.ErrActionNotDeployed)
	var nd *auth0.ActionNotDeployedError
	require.ErrorAs(t, err, &nd)
	assert.Equal(t, a.ID, nd.ActionID)
	assert.Greater(t, nd.Attempts, 1)
	assert.Empty(t, srv.Bindings(auth0.TriggerPostLogin), "nothing was bound")
}

func TestPipelineEntityBoundTriggerIsRefusedBeforeWriting(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	client := srv.Client()
	a := srv.AddAction(auth0.ActionNewParams{Name: "stream", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerEventStream, Version: "v1"}}, Deploy: auth0.Bool(true)})
	srv.ResetRequests()
	_, err := client.Actions.Triggers.Bindings.Add(t.Context(), auth0.TriggerEventStream, auth0.BindingAddParams{ActionID: a.ID})
	require.ErrorIs(t, err, auth0.ErrEntityBoundTrigger)
	var eb *auth0.EntityBoundTriggerError
	require.ErrorAs(t, err, &eb)
	assert.Equal(t, auth0.TriggerEventStream, eb.Trigger)
	assert.Zero(t, writes(srv))
	assert.Zero(t, srv.RequestCount(auth0test.RouteBindingsList), "decided from the trigger list, before reading bindings")

	// Upsert with Bind refuses it too, before creating anything.
	_, err = client.Actions.Upsert(t.Context(), auth0.ActionUpsertParams{Name: "stream-2", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerEventStream, Version: "v1"}},
		Code: auth0.String("exports.onExecuteEventStream = async () => {};"), Deploy: true, Bind: true})
	require.ErrorIs(t, err, auth0.ErrEntityBoundTrigger)
	_, found := findAction(srv, "stream-2")
	assert.False(t, found, "nothing was created")

	// The list endpoint itself answers as the live API does since 2026: an
	// empty page (the helpers decided from binding_policy, not from it).
	page, err := client.Actions.Triggers.Bindings.List(t.Context(), auth0.TriggerEventStream, auth0.BindingListParams{})
	require.NoError(t, err)
	assert.Empty(t, page.Items)
}
