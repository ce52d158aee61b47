package actionsync_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

// The first apply to an empty tenant: modules created and published,
// then actions created with the module versions just published, built,
// deployed, then each listed trigger written once.
func TestApplyFirstApply(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	withDeps := cfgModule("logger")
	withDeps.Dependencies = []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}}
	withDeps.Secrets = []auth0.ActionSecretParam{{Name: "LOG_URL", Value: "https://logs"}}
	both := cfgAction("enrich", "shared", "logger")
	both.Runtime = "node22"
	both.Dependencies = []auth0.ActionDependency{{Name: "axios", Version: "1.7.0"}}
	both.Secrets = []auth0.ActionSecretParam{{Name: "API_KEY", Value: "k"}}
	reg := cfgAction("check-signup")
	reg.Code = "exports.onExecutePreUserRegistration = async () => {};"
	reg.SupportedTriggers = preReg
	draftOnly := cfgAction("later")
	draftOnly.Deployed = false
	cfg := &actionsync.Config{
		Modules: []actionsync.Module{cfgModule("shared"), withDeps},
		Actions: []actionsync.Action{both, cfgAction("audit"), reg, draftOnly},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{
			auth0.TriggerPostLogin:           {{ActionName: "audit"}, {ActionName: "enrich", DisplayName: "Enrich the token"}},
			auth0.TriggerPreUserRegistration: bind("check-signup"),
		},
	}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{})
	srv.ResetRequests()
	res := mustApply(t, client, plan)

	assert.Equal(t, []string{
		`module "shared": created, published (version 1)`,
		`module "logger": created, published (version 1)`,
		`action "enrich": created, deployed (version 1)`,
		`action "audit": created, deployed (version 1)`,
		`action "check-signup": created, deployed (version 1)`,
		`action "later": created`,
		`trigger post-login: bound`,
		`trigger pre-user-registration: bound`,
	}, resultLines(res))
	assert.True(t, res.Changed())
	assert.Empty(t, res.Failed())
	for _, o := range res.Objects {
		if o.Kind == actionsync.KindTrigger {
			assert.Empty(t, o.ID)
		} else {
			assert.NotEmpty(t, o.ID, "%s has its ID", o.Name)
		}
	}

	// The tenant is the config.
	assert.Equal(t, []string{"audit", "check-signup", "enrich", "later"}, actionNames(srv))
	assert.Equal(t, []string{"logger", "shared"}, moduleNames(srv))
	logger := moduleByName(t, srv, "logger")
	assert.Equal(t, withDeps.Code, logger.Code)
	assert.Equal(t, "lodash", logger.Dependencies[0].Name)
	assert.Equal(t, "LOG_URL", logger.Secrets[0].Name)
	assert.True(t, logger.AllChangesPublished)
	enrich := actionByName(t, srv, "enrich")
	assert.Equal(t, both.Code, enrich.Code)
	assert.Equal(t, "node22", enrich.Runtime)
	assert.Equal(t, "axios", enrich.Dependencies[0].Name)
	assert.Equal(t, "API_KEY", enrich.Secrets[0].Name)
	assert.True(t, enrich.AllChangesDeployed)
	assert.ElementsMatch(t, []string{"shared@1", "logger@1"}, deployedModules(t, srv, "enrich"))
	assert.ElementsMatch(t, []string{"shared@1", "logger@1"}, draftModules(t, srv, "enrich"))
	later := actionByName(t, srv, "later")
	assert.Nil(t, later.DeployedVersion, "an action not Deployed is only created")
	assert.Equal(t, []string{"audit", "enrich as Enrich the token"}, bound(srv, auth0.TriggerPostLogin))
	assert.Equal(t, []string{"check-signup"}, bound(srv, auth0.TriggerPreUserRegistration))

	// In order: every module write (each module's create, then its
	// publish; modules go side by side) before the first action write, every
	// deploy before the first bindings write, one bindings write per
	// trigger, and no per-object read of an action.
	reqs := srv.Requests()
	last := func(route string) int {
		i := len(reqs) - 1
		for i >= 0 && reqs[i].Route != route {
			i--
		}
		return i
	}
	first := func(route string) int {
		return slices.IndexFunc(reqs, func(r auth0test.Request) bool { return r.Route == route })
	}
	assert.Less(t, first(auth0test.RouteModulesNew), first(auth0test.RouteModuleVersionsNew))
	assert.Less(t, last(auth0test.RouteModulesNew), first(auth0test.RouteActionsNew))
	assert.Less(t, last(auth0test.RouteModuleVersionsNew), first(auth0test.RouteActionsNew))
	assert.Less(t, last(auth0test.RouteActionsDeploy), first(auth0test.RouteBindingsUpdate))
	counts := countRoutes(srv)
	assert.Equal(t, 2, counts[auth0test.RouteModulesNew])
	assert.Equal(t, 2, counts[auth0test.RouteModuleVersionsNew])
	assert.Equal(t, 4, counts[auth0test.RouteActionsNew])
	assert.Equal(t, 3, counts[auth0test.RouteActionsDeploy])
	assert.Equal(t, 2, counts[auth0test.RouteBindingsUpdate], "one PATCH per changed trigger")
	assert.Zero(t, counts[auth0test.RouteActionsGet], "builds are watched by the list")
}

// A trigger absent from the config is not touched, not even read; a
// trigger whose list already matches is not written.
func TestApplyTouchesOnlyTheListedTriggers(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	seedAction(t, srv, "a", true)
	seedAction(t, srv, "b", true)
	seedAction(t, srv, "reg", true, preReg...)
	seedBindings(t, srv, auth0.TriggerPostLogin, "a")
	seedBindings(t, srv, auth0.TriggerPreUserRegistration, "reg")
	seedBindings(t, srv, auth0.TriggerPostChangePassword)
	cfg := &actionsync.Config{
		Actions: []actionsync.Action{cfgAction("a"), cfgAction("b")},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{
			auth0.TriggerPostLogin:          bind("b", "a"),
			auth0.TriggerPostChangePassword: {},
		},
	}
	applyConfig(t, client, cfg, actionsync.PlanOptions{})
	assert.Equal(t, []string{"b", "a"}, bound(srv, auth0.TriggerPostLogin))
	assert.Equal(t, []string{"reg"}, bound(srv, auth0.TriggerPreUserRegistration))
	for _, r := range srv.Requests() {
		assert.NotContains(t, r.Path, string(auth0.TriggerPreUserRegistration), "%s %s", r.Method, r.Path)
		if r.Route == auth0test.RouteBindingsUpdate {
			assert.Contains(t, r.Path, string(auth0.TriggerPostLogin), "only post-login changes")
		}
	}
	assert.Equal(t, 1, srv.RequestCount(auth0test.RouteBindingsUpdate))
}

// An empty list unbinds every action of the trigger, and deletes none.
func TestApplyEmptyListUnbindsAll(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	seedAction(t, srv, "a", true)
	seedAction(t, srv, "b", true)
	seedBindings(t, srv, auth0.TriggerPostLogin, "a", "b")
	res := applyConfig(t, client, &actionsync.Config{Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: {}}},
		actionsync.PlanOptions{})
	assert.Equal(t, []string{"trigger post-login: bound, unbound"}, resultLines(res))
	assert.Empty(t, bound(srv, auth0.TriggerPostLogin))
	assert.Equal(t, []string{"a", "b"}, actionNames(srv))
	assert.Zero(t, srv.RequestCount(auth0test.RouteActionsDelete))
}

// A second NewPlan of the same config has no changes, and applying it
// sends no request at all; the first plan cannot be applied again.
func TestApplyIsIdempotent(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	cfg := &actionsync.Config{
		Modules: []actionsync.Module{cfgModule("shared"), {Name: "with-secret", Code: "x",
			Secrets: []auth0.ActionSecretParam{{Name: "K", Value: "v"}}}},
		Actions: []actionsync.Action{cfgAction("a", "shared"), cfgAction("b", "with-secret"),
			{Name: "c", Code: "x", SupportedTriggers: postLogin, Deployed: true, Runtime: "node18",
				Dependencies: []auth0.ActionDependency{{Name: "lodash", Version: "4.17.21"}},
				Secrets:      []auth0.ActionSecretParam{{Name: "S", Value: "v"}}}},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: {{ActionName: "a", DisplayName: "A"}, {ActionName: "c"}}},
	}
	first := mustPlan(t, client, cfg, actionsync.PlanOptions{Prune: true})
	mustApply(t, client, first)

	// A plan is applied once: the tenant it saw is gone.
	srv.ResetRequests()
	_, err := actionsync.Apply(t.Context(), client, first, actionsync.ApplyOptions{})
	var stale *actionsync.StalePlanError
	require.ErrorAs(t, err, &stale)
	assert.Empty(t, writes(srv))

	for _, opts := range []actionsync.PlanOptions{{}, {Prune: true}, {PruneSecrets: true}} {
		plan := mustPlan(t, client, cfg, opts)
		assert.False(t, plan.HasChanges(), "%+v:\n%s", opts, plan)
		srv.ResetRequests()
		res := mustApply(t, client, plan)
		assert.False(t, res.Changed())
		assert.Empty(t, res.Objects)
		assert.Empty(t, srv.Requests(), "applying a plan without changes sends nothing")
	}
}

// A writer acting on an object the plan writes, between NewPlan and
// Apply, makes Apply refuse the plan: a *StalePlanError naming the object,
// and not one write.
func TestApplyRefusesAStalePlan(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		seed   func(t *testing.T, srv *auth0test.Server)
		cfg    actionsync.Config
		opts   actionsync.PlanOptions
		writer func(t *testing.T, srv *auth0test.Server, other *auth0.Client)
		want   []string
	}{{
		name: "an action's code edited",
		seed: func(t *testing.T, srv *auth0test.Server) { seedAction(t, srv, "a", true) },
		cfg:  actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: "new", SupportedTriggers: postLogin, Deployed: true}}},
		writer: func(t *testing.T, srv *auth0test.Server, other *auth0.Client) {
			_, err := other.Actions.Update(t.Context(), actionByName(t, srv, "a").ID, auth0.ActionUpdateParams{Code: auth0.String("hand edit")})
			require.NoError(t, err)
		},
		want: []string{`action "a"`},
	}, {
		name: "an action deployed",
		seed: func(t *testing.T, srv *auth0test.Server) {
			seedAction(t, srv, "a", true)
			_, err := srv.Client().Actions.Update(t.Context(), actionByName(t, srv, "a").ID, auth0.ActionUpdateParams{Code: auth0.String("draft")})
			require.NoError(t, err)
		},
		cfg: actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: "draft", SupportedTriggers: postLogin, Deployed: true}}},
		writer: func(t *testing.T, srv *auth0test.Server, other *auth0.Client) {
			_, err := other.Actions.Deploy(t.Context(), actionByName(t, srv, "a").ID)
			require.NoError(t, err)
		},
		want: []string{`action "a"`},
	}, {
		name: "a trigger rebound",
		seed: func(t *testing.T, srv *auth0test.Server) {
			seedAction(t, srv, "a", true)
			seedAction(t, srv, "b", true)
		},
		cfg: actionsync.Config{Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("a", "b")}},
		writer: func(t *testing.T, srv *auth0test.Server, _ *auth0.Client) {
			seedBindings(t, srv, auth0.TriggerPostLogin, "b")
		},
		want: []string{"trigger post-login"},
	}, {
		name: "a module published",
		seed: func(t *testing.T, srv *auth0test.Server) {
			srv.AddModule(auth0.ModuleNewParams{Name: "m", Code: moduleCode("m", 1)})
		},
		cfg: actionsync.Config{Modules: []actionsync.Module{cfgModule("m")}},
		writer: func(t *testing.T, srv *auth0test.Server, _ *auth0.Client) {
			srv.PublishModule(moduleByName(t, srv, "m").ID)
		},
		want: []string{`module "m"`},
	}, {
		name: "a module's draft edited",
		seed: func(t *testing.T, srv *auth0test.Server) { seedModule(t, srv, "m") },
		cfg:  actionsync.Config{Modules: []actionsync.Module{{Name: "m", Code: moduleCode("m", 2)}}},
		writer: func(t *testing.T, srv *auth0test.Server, other *auth0.Client) {
			_, err := other.Actions.Modules.Update(t.Context(), moduleByName(t, srv, "m").ID, auth0.ModuleUpdateParams{Code: auth0.String("edit")})
			require.NoError(t, err)
		},
		want: []string{`module "m"`},
	}, {
		name: "an action the plan creates, created",
		cfg:  actionsync.Config{Actions: []actionsync.Action{cfgAction("new")}},
		writer: func(t *testing.T, srv *auth0test.Server, _ *auth0.Client) {
			seedAction(t, srv, "new", false)
		},
		want: []string{`action "new"`},
	}, {
		name: "a module the plan creates, created",
		cfg:  actionsync.Config{Modules: []actionsync.Module{cfgModule("new")}},
		writer: func(t *testing.T, srv *auth0test.Server, _ *auth0.Client) {
			seedModule(t, srv, "new")
		},
		want: []string{`module "new"`},
	}, {
		name: "an action the plan deletes, edited",
		seed: func(t *testing.T, srv *auth0test.Server) { seedAction(t, srv, "old", true) },
		opts: actionsync.PlanOptions{Prune: true},
		writer: func(t *testing.T, srv *auth0test.Server, other *auth0.Client) {
			_, err := other.Actions.Update(t.Context(), actionByName(t, srv, "old").ID, auth0.ActionUpdateParams{Code: auth0.String("still used")})
			require.NoError(t, err)
		},
		want: []string{`action "old"`},
	}, {
		name: "a module the plan deletes, put to use by a new action's draft",
		seed: func(t *testing.T, srv *auth0test.Server) { seedModule(t, srv, "x") },
		opts: actionsync.PlanOptions{Prune: true},
		writer: func(t *testing.T, srv *auth0test.Server, other *auth0.Client) {
			x := moduleByName(t, srv, "x")
			_, err := other.Actions.New(t.Context(), auth0.ActionNewParams{Name: "newcomer", SupportedTriggers: postLogin,
				Code: auth0.String("x"), Modules: []auth0.ActionModuleReference{{ModuleID: x.ID, ModuleVersionID: x.LatestVersion.ID}}})
			require.NoError(t, err)
		},
		want: []string{`module "x"`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, client := newTenant(t)
			if tt.seed != nil {
				tt.seed(t, srv)
			}
			plan := mustPlan(t, client, &tt.cfg, tt.opts)
			require.True(t, plan.HasChanges())
			tt.writer(t, srv, srv.Client())
			srv.ResetRequests()

			res, err := actionsync.Apply(t.Context(), client, plan, actionsync.ApplyOptions{})
			assert.Nil(t, res)
			var stale *actionsync.StalePlanError
			require.ErrorAs(t, err, &stale)
			assert.Equal(t, tt.want, stale.Objects)
			assert.Empty(t, writes(srv), "a stale plan writes nothing")
			assert.Contains(t, err.Error(), "the tenant changed since the plan was made, in "+tt.want[0])

			// A fresh plan sees the writer's change, and applies.
			applyConfig(t, client, &tt.cfg, tt.opts)
			assert.False(t, mustPlan(t, client, &tt.cfg, tt.opts).HasChanges())
		})
	}
}

// Every changed object is named, in step order; an edit to an object the
// plan does not write does not make it stale.
func TestApplyStalePlanNamesEveryObject(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	seedAction(t, srv, "a", true)
	seedAction(t, srv, "bystander", true)
	seedModule(t, srv, "m")
	cfg := &actionsync.Config{
		Modules:  []actionsync.Module{{Name: "m", Code: moduleCode("m", 2)}},
		Actions:  []actionsync.Action{{Name: "a", Code: "new", SupportedTriggers: postLogin, Deployed: true}},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("a")},
	}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{})
	other := srv.Client()
	ctx := t.Context()
	_, err := other.Actions.Update(ctx, actionByName(t, srv, "bystander").ID, auth0.ActionUpdateParams{Code: auth0.String("edit")})
	require.NoError(t, err)
	srv.ResetRequests()
	res := mustApply(t, client, mustPlan(t, client, cfg, actionsync.PlanOptions{}))
	require.Len(t, res.Objects, 3)

	// Against the first plan, now stale in all three objects.
	_, err = actionsync.Apply(ctx, client, plan, actionsync.ApplyOptions{})
	var stale *actionsync.StalePlanError
	require.ErrorAs(t, err, &stale)
	assert.Equal(t, []string{`module "m"`, `action "a"`, "trigger post-login"}, stale.Objects)

	// The bystander's edit alone does not make a plan stale.
	plan = mustPlan(t, client, &actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: "newest",
		SupportedTriggers: postLogin, Deployed: true}}}, actionsync.PlanOptions{})
	_, err = other.Actions.Update(ctx, actionByName(t, srv, "bystander").ID, auth0.ActionUpdateParams{Code: auth0.String("again")})
	require.NoError(t, err)
	mustApply(t, client, plan)
	assert.Equal(t, "newest", actionByName(t, srv, "a").Code)
}

// A build that finishes between NewPlan and Apply is the tenant's own
// change, not an edit: the plan still applies.
func TestApplyBuildFinishingIsNotStale(t *testing.T) {
	t.Parallel()
	// The plan's list is the action's first read; the Get below its second,
	// which finishes the build.
	srv, client := newTenant(t, auth0test.WithBuildAfterReads(2))
	other := srv.Client()
	created, err := other.Actions.New(t.Context(), auth0.ActionNewParams{Name: "a", SupportedTriggers: postLogin,
		Code: auth0.String(actionCode("a", 1))})
	require.NoError(t, err)
	plan := mustPlan(t, client, &actionsync.Config{Actions: []actionsync.Action{cfgAction("a")}}, actionsync.PlanOptions{})
	require.Equal(t, []string{"action deploy a"}, stepNames(plan))
	require.NotEqual(t, auth0.BuildStatusBuilt, actionByName(t, srv, "a").Status, "still building at plan time")
	got, err := other.Actions.Get(t.Context(), created.ID) // the read that finishes the build
	require.NoError(t, err)
	require.Equal(t, auth0.BuildStatusBuilt, got.Status)
	res := mustApply(t, client, plan)
	assert.Equal(t, []string{`action "a": deployed (version 1)`}, resultLines(res))
}

// A failed build: the result names it with the *auth0.BuildError, the
// trigger that lists the action keeps its old list, the other actions and
// triggers go on, and the action a deleted trigger member depended on is
// not deleted. A fresh plan after fixing the code finishes the rest.
func TestApplyFailedBuild(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	seedAction(t, srv, "old", true)
	seedBindings(t, srv, auth0.TriggerPostLogin, "old")
	broken := cfgAction("broken")
	broken.Code += "// " + auth0test.FailBuildMarker
	reg := cfgAction("reg")
	reg.SupportedTriggers = preReg
	cfg := &actionsync.Config{
		Actions: []actionsync.Action{cfgAction("fine"), broken, reg},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{
			auth0.TriggerPostLogin:           bind("fine", "broken"),
			auth0.TriggerPreUserRegistration: bind("reg"),
		},
	}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{Prune: true})
	assert.Equal(t, []string{"action create fine", "action create broken", "action create reg",
		"trigger bind post-login", "trigger bind pre-user-registration", "action delete old"}, stepNames(plan))

	res, err := actionsync.Apply(t.Context(), client, plan, actionsync.ApplyOptions{})
	require.Error(t, err)
	var applyErr *actionsync.ApplyError
	require.ErrorAs(t, err, &applyErr)
	var buildErr *auth0.BuildError
	require.ErrorAs(t, err, &buildErr)
	brokenID := actionByName(t, srv, "broken").ID
	assert.Equal(t, brokenID, buildErr.ActionID)
	assert.Equal(t, auth0.BuildStatusFailed, buildErr.Status)
	assert.ErrorIs(t, err, auth0.ErrBuildFailed)
	assert.ErrorIs(t, err, actionsync.ErrNotWritten)

	failed := map[string]error{}
	for _, o := range applyErr.Failed {
		failed[o.Name] = o.Err
	}
	require.Len(t, failed, 3, "%v", err)
	assert.ErrorAs(t, failed["broken"], &buildErr)
	assert.ErrorIs(t, failed["post-login"], actionsync.ErrNotWritten)
	assert.ErrorIs(t, failed["old"], actionsync.ErrNotAttempted, "still bound by the trigger that kept its list")
	assert.Equal(t, applyErr.Failed, res.Failed())
	assert.Contains(t, resultLines(res), `action "broken": created, then failed: `+buildErr.Error())
	assert.Contains(t, resultLines(res), `action "fine": created, deployed (version 1)`)
	assert.Contains(t, resultLines(res), `trigger pre-user-registration: bound`)

	assert.Equal(t, []string{"old"}, bound(srv, auth0.TriggerPostLogin), "the trigger keeps its old, working list")
	assert.Equal(t, []string{"reg"}, bound(srv, auth0.TriggerPreUserRegistration))
	assert.NotNil(t, actionByName(t, srv, "fine").DeployedVersion)
	assert.Nil(t, actionByName(t, srv, "broken").DeployedVersion)
	assert.Contains(t, actionNames(srv), "old")

	// Fixed, planned again and applied: the rest is done, nothing twice.
	cfg.Actions[1].Code = actionCode("broken", 2)
	plan = mustPlan(t, client, cfg, actionsync.PlanOptions{Prune: true})
	assert.Equal(t, []string{"action update broken", "trigger bind post-login", "action delete old"}, stepNames(plan))
	mustApply(t, client, plan)
	assert.Equal(t, []string{"fine", "broken"}, bound(srv, auth0.TriggerPostLogin))
	assert.Equal(t, []string{"broken", "fine", "reg"}, actionNames(srv))
	for _, name := range []string{"broken", "fine", "reg"} {
		assert.Len(t, srv.Versions(actionByName(t, srv, name).ID), 1, name)
	}
	assert.False(t, mustPlan(t, client, cfg, actionsync.PlanOptions{Prune: true}).HasChanges())
}

// FailBuilds fails an update's build the same way: the action that was
// deployed keeps its deployed version and its place in the trigger.
func TestApplyFailedBuildOfAnUpdate(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	seedAction(t, srv, "a", true)
	seedAction(t, srv, "b", true)
	seedBindings(t, srv, auth0.TriggerPostLogin, "a", "b")
	srv.FailBuilds("a", auth0.ActionError{ID: "err_npm", Msg: "npm install failed"})
	cfg := &actionsync.Config{
		Actions:  []actionsync.Action{{Name: "a", Code: actionCode("a", 2), SupportedTriggers: postLogin, Deployed: true}, cfgAction("b")},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("b", "a")},
	}
	res, err := actionsync.Apply(t.Context(), client, mustPlan(t, client, cfg, actionsync.PlanOptions{}), actionsync.ApplyOptions{})
	var buildErr *auth0.BuildError
	require.ErrorAs(t, err, &buildErr)
	assert.Equal(t, actionByName(t, srv, "a").ID, buildErr.ActionID)
	assert.Equal(t, []string{
		`action "a": updated, then failed: ` + buildErr.Error(),
		`trigger post-login: failed: ` + res.Objects[1].Err.Error(),
	}, resultLines(res))
	assert.ErrorIs(t, res.Objects[1].Err, actionsync.ErrNotWritten)
	assert.Contains(t, res.Objects[1].Err.Error(), `action "a"`)
	assert.Equal(t, []string{"a", "b"}, bound(srv, auth0.TriggerPostLogin))
	assert.Equal(t, actionCode("a", 1), actionByName(t, srv, "a").DeployedVersion.Code)
}

// With ApplyOptions.Concurrency 2, no more than two actions are between
// their create and their deploy at once.
func TestApplyConcurrencyBound(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	var (
		mu               sync.Mutex
		inFlight, most   int
		created, deploys int
	)
	srv.Inject(auth0test.RouteActionsNew, auth0test.Fault{Times: -1, Before: func() {
		mu.Lock()
		defer mu.Unlock()
		created++
		inFlight++
		most = max(most, inFlight)
	}})
	srv.Inject(auth0test.RouteActionsDeploy, auth0test.Fault{Times: -1, Before: func() {
		mu.Lock()
		defer mu.Unlock()
		deploys++
		inFlight--
	}})
	cfg := &actionsync.Config{}
	for i := range 6 {
		cfg.Actions = append(cfg.Actions, cfgAction(fmt.Sprintf("action-%d", i)))
	}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{})
	_, err := actionsync.Apply(t.Context(), client, plan, actionsync.ApplyOptions{Concurrency: 2})
	require.NoError(t, err)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, 6, created)
	assert.Equal(t, 6, deploys)
	assert.LessOrEqual(t, most, 2, "actions between create and deploy at once")
	assert.Positive(t, most)
}

// Concurrency out of range is refused before any request; so are a nil
// client and a plan NewPlan did not make.
func TestApplyRefusesBadOptions(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	plan := mustPlan(t, client, &actionsync.Config{Actions: []actionsync.Action{cfgAction("a")}}, actionsync.PlanOptions{})
	srv.ResetRequests()
	for _, n := range []int{-1, 65} {
		_, err := actionsync.Apply(t.Context(), client, plan, actionsync.ApplyOptions{Concurrency: n})
		assert.EqualError(t, err, fmt.Sprintf("actionsync: ApplyOptions.Concurrency is %d; it must be between 1 and 64 (0 for 10)", n))
	}
	_, err := actionsync.Apply(t.Context(), nil, plan, actionsync.ApplyOptions{})
	assert.EqualError(t, err, "actionsync: Apply needs a client")
	_, err = actionsync.Apply(t.Context(), client, nil, actionsync.ApplyOptions{})
	assert.EqualError(t, err, "actionsync: Apply needs a plan made by NewPlan")
	var decoded actionsync.Plan
	require.NoError(t, json.Unmarshal([]byte(jsonOf(t, plan)), &decoded))
	_, err = actionsync.Apply(t.Context(), client, &decoded, actionsync.ApplyOptions{})
	assert.EqualError(t, err, "actionsync: Apply needs a plan made by NewPlan", "a plan read back from JSON")
	assert.Empty(t, srv.Requests())

	_, err = actionsync.Apply(t.Context(), client, plan, actionsync.ApplyOptions{Concurrency: 64})
	assert.NoError(t, err, "64 is in range")
}

// The first apply of 10 actions and a module, all bound in order to
// post-login, takes fewer than 50 requests.
func TestApplyFirstApplyRequestCount(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	cfg := &actionsync.Config{Modules: []actionsync.Module{cfgModule("shared")},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: {}}}
	for i := range 10 {
		name := fmt.Sprintf("action-%02d", i)
		cfg.Actions = append(cfg.Actions, cfgAction(name, "shared"))
		cfg.Triggers[auth0.TriggerPostLogin] = append(cfg.Triggers[auth0.TriggerPostLogin], actionsync.Binding{ActionName: name})
	}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{})
	planned := len(srv.Requests())
	srv.ResetRequests()
	mustApply(t, client, plan)
	applied := len(srv.Requests())
	assert.Less(t, planned+applied, 50)
	assert.Len(t, bound(srv, auth0.TriggerPostLogin), 10)
	t.Logf("first apply of 10 actions and 1 module: NewPlan %d requests, Apply %d (%v)", planned, applied, countRoutes(srv))
}

// Progress hears of every object once, as it is done or has failed.
func TestApplyProgress(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	seedAction(t, srv, "old", true)
	cfg := &actionsync.Config{
		Modules:  []actionsync.Module{cfgModule("m")},
		Actions:  []actionsync.Action{cfgAction("a", "m"), cfgAction("b")},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("a", "b")},
	}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{Prune: true})
	var heard []string
	res, err := actionsync.Apply(t.Context(), client, plan, actionsync.ApplyOptions{Progress: func(o actionsync.ObjectResult) {
		heard = append(heard, o.String()) // calls come one at a time: no lock (the race detector checks)
	}})
	require.NoError(t, err)
	assert.ElementsMatch(t, resultLines(res), heard)
	assert.Equal(t, `action "old": deleted`, heard[len(heard)-1])
}

// The bind race right after a deploy ("has not been deployed yet") is
// retried as Bindings.Add retries it: for actions newly bound, and for
// bound actions that this apply redeployed and moves.
func TestApplyRetriesTheBindRace(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithDeployLag(30*time.Millisecond))
	client := srv.Client(option.WithPollInterval(5*time.Millisecond, 20*time.Millisecond))
	cfg := &actionsync.Config{
		Actions:  []actionsync.Action{cfgAction("a"), cfgAction("b")},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("a", "b")},
	}
	applyConfig(t, client, cfg, actionsync.PlanOptions{})
	assert.Equal(t, []string{"a", "b"}, bound(srv, auth0.TriggerPostLogin))

	// Both bound already: b is redeployed and moved first.
	cfg.Actions[1].Code = actionCode("b", 2)
	cfg.Triggers[auth0.TriggerPostLogin] = bind("b", "a")
	srv.ResetRequests()
	applyConfig(t, client, cfg, actionsync.PlanOptions{})
	assert.Equal(t, []string{"b", "a"}, bound(srv, auth0.TriggerPostLogin))
	assert.Equal(t, actionCode("b", 2), actionByName(t, srv, "b").DeployedVersion.Code)
}

// Without Prune nothing is deleted or unbound, apart from the lists of
// the triggers the config lists.
func TestApplyWithoutPruneDeletesNothing(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	lonely := seedModule(t, srv, "lonely")
	seedActionUsing(t, srv, "extra", lonely)
	seedAction(t, srv, "keep", true)
	seedAction(t, srv, "other", true, preReg...)
	seedBindings(t, srv, auth0.TriggerPostLogin, "extra", "keep")
	seedBindings(t, srv, auth0.TriggerPreUserRegistration, "other")
	seedModule(t, srv, "unused")
	cfg := &actionsync.Config{
		Actions:  []actionsync.Action{cfgAction("keep")},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("keep")},
	}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{})
	assert.Equal(t, []string{"trigger bind post-login"}, stepNames(plan))
	srv.ResetRequests()
	mustApply(t, client, plan)
	assert.Equal(t, []string{auth0test.RouteBindingsUpdate}, writes(srv))
	assert.Equal(t, []string{"extra", "keep", "other"}, actionNames(srv))
	assert.Equal(t, []string{"lonely", "unused"}, moduleNames(srv))
	assert.Equal(t, []string{"keep"}, bound(srv, auth0.TriggerPostLogin))
	assert.Equal(t, []string{"other"}, bound(srv, auth0.TriggerPreUserRegistration))
}

// With Prune, an action the config leaves out is unbound from the listed
// trigger and then deleted; then the modules no remaining action uses are
// deleted, after the actions that used them.
func TestApplyPruneUnbindsThenDeletes(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	used := seedModule(t, srv, "used-by-extra")
	seedModule(t, srv, "unused")
	seedActionUsing(t, srv, "extra", used)
	seedAction(t, srv, "keep", true)
	seedBindings(t, srv, auth0.TriggerPostLogin, "extra", "keep")
	cfg := &actionsync.Config{
		Actions:  []actionsync.Action{cfgAction("keep")},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("keep")},
	}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{Prune: true})
	assert.Equal(t, []string{"trigger bind post-login", "action delete extra", "module delete unused",
		"module delete used-by-extra"}, stepNames(plan))
	srv.ResetRequests()
	res := mustApply(t, client, plan)
	assert.Equal(t, []string{"trigger post-login: bound, unbound", `action "extra": deleted`,
		`module "unused": deleted`, `module "used-by-extra": deleted`}, resultLines(res))
	w := writes(srv)
	assert.Equal(t, []string{auth0test.RouteBindingsUpdate, auth0test.RouteActionsDelete}, w[:2])
	assert.ElementsMatch(t, []string{auth0test.RouteModulesDelete, auth0test.RouteModulesDelete}, w[2:])
	for _, r := range srv.Requests() {
		if r.Route == auth0test.RouteActionsDelete {
			assert.Empty(t, r.Query.Get("force"), "never forced: a bound action is refused, not detached")
		}
	}
	assert.Equal(t, []string{"keep"}, actionNames(srv))
	assert.Empty(t, moduleNames(srv))
	assert.False(t, mustPlan(t, client, cfg, actionsync.PlanOptions{Prune: true}).HasChanges())
}

// Marketplace actions are never deleted, even with Prune; a listed
// trigger's list may still leave them out.
func TestApplyPruneNeverDeletesMarketplaceActions(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	srv.PutAction(auth0.Action{Name: "fraud-guard", SupportedTriggers: postLogin, InstalledIntegrationID: "int_1",
		DeployedVersion: &auth0.ActionVersion{}, AllChangesDeployed: true})
	srv.PutAction(auth0.Action{Name: "partner", SupportedTriggers: preReg, Integration: &auth0.Integration{ID: "int_2", Name: "Partner"},
		DeployedVersion: &auth0.ActionVersion{}, AllChangesDeployed: true})
	seedBindings(t, srv, auth0.TriggerPostLogin, "fraud-guard")
	cfg := &actionsync.Config{Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: {}}}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{Prune: true})
	assert.Equal(t, []string{"trigger bind post-login"}, stepNames(plan))
	mustApply(t, client, plan)
	assert.Equal(t, []string{"fraud-guard", "partner"}, actionNames(srv))
	assert.Zero(t, srv.RequestCount(auth0test.RouteActionsDelete))
}

// An action the config leaves out but that is bound to a trigger the
// config does not list is a plan error naming both, and nothing is
// written, deleted or unbound.
func TestPruneRefusesAnActionBoundToAnUnlistedTrigger(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	seedAction(t, srv, "reg", true, preReg...)
	seedAction(t, srv, "extra", true)
	seedAction(t, srv, "keep", true)
	seedBindings(t, srv, auth0.TriggerPreUserRegistration, "reg")
	seedBindings(t, srv, auth0.TriggerPostLogin, "extra", "keep")
	cfg := &actionsync.Config{
		Actions:  []actionsync.Action{cfgAction("keep")},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("keep")},
	}
	_, err := actionsync.NewPlan(t.Context(), client, cfg, actionsync.PlanOptions{Prune: true})
	assert.Equal(t, []string{`action "reg": is not in the config, but it is bound to trigger pre-user-registration, which the ` +
		`config does not list: Prune will not delete it; list the trigger in the config (its bindings without this action), or ` +
		`add the action`}, problems(t, err))
	assert.Empty(t, writes(srv))
	assert.Equal(t, []string{"extra", "keep", "reg"}, actionNames(srv))
	assert.Equal(t, []string{"extra", "keep"}, bound(srv, auth0.TriggerPostLogin))
	for _, r := range srv.Requests() {
		if r.Route == auth0test.RouteBindingsList {
			assert.Contains(t, []string{"/api/v2/actions/triggers/post-login/bindings",
				"/api/v2/actions/triggers/pre-user-registration/bindings"}, r.Path)
		}
	}

	// Listing the trigger, without the action, lets Prune delete it.
	cfg.Triggers[auth0.TriggerPreUserRegistration] = nil
	applyConfig(t, client, cfg, actionsync.PlanOptions{Prune: true})
	assert.Equal(t, []string{"keep"}, actionNames(srv))
}

// A module that a remaining action still uses is not pruned: a config
// action that leaves its modules alone (Modules nil), one that uses a
// tenant module by name, one not deployed whose deployed version uses it,
// and a marketplace action's.
func TestPruneKeepsModulesStillUsed(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	alone := seedModule(t, srv, "left-alone")
	byName := seedModule(t, srv, "by-name")
	deployedOnly := seedModule(t, srv, "deployed-only")
	mkt := seedModule(t, srv, "marketplace-uses")
	seedModule(t, srv, "unused")
	seedActionUsing(t, srv, "a", alone)
	seedActionUsing(t, srv, "b", byName)
	seedActionUsing(t, srv, "c", deployedOnly)
	srv.PutAction(auth0.Action{Name: "mkt", SupportedTriggers: postLogin, InstalledIntegrationID: "int_1",
		Modules: []auth0.ActionModuleReference{{ModuleID: mkt.ID, ModuleVersionID: mkt.LatestVersion.ID}}})
	c := cfgAction("c")
	c.Deployed = false
	c.Modules = []auth0.ActionModuleReference{}
	c.Code = actionCode("c", 2)
	a := cfgAction("a")
	a.Modules = nil
	cfg := &actionsync.Config{Actions: []actionsync.Action{a, cfgAction("b", "by-name"), c}}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{Prune: true})
	assert.Equal(t, []string{"action update c", "module delete unused"}, stepNames(plan))
	mustApply(t, client, plan)
	assert.Equal(t, []string{"by-name", "deployed-only", "left-alone", "marketplace-uses"}, moduleNames(srv))
	assert.Equal(t, []string{"deployed-only@1"}, deployedModules(t, srv, "c"))
}

// A module the config's actions stop using is deleted once they are
// redeployed without it, in the same apply.
func TestPruneDeletesAModuleAfterTheActionsMoveOff(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	old := seedModule(t, srv, "old-utils")
	seedActionUsing(t, srv, "a", old)
	a := cfgAction("a", "new-utils")
	cfg := &actionsync.Config{Modules: []actionsync.Module{cfgModule("new-utils")}, Actions: []actionsync.Action{a}}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{Prune: true})
	assert.Equal(t, []string{"module create new-utils", "action update a", "module delete old-utils"}, stepNames(plan))
	assert.Contains(t, plan.String(), "- module old-utils: version 1")
	mustApply(t, client, plan)
	assert.Equal(t, []string{"new-utils@1"}, deployedModules(t, srv, "a"))
	assert.Equal(t, []string{"new-utils"}, moduleNames(srv))
}

// A module whose last user failed to move off it is not deleted: the
// action's draft still uses it. The ApplyError says why.
func TestPruneKeepsAModuleWhoseUserFailed(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	old := seedModule(t, srv, "old-utils")
	seedAction(t, srv, "a", true)
	// The draft uses the module; the deployed version does not.
	_, err := srv.Client().Actions.Update(t.Context(), actionByName(t, srv, "a").ID, auth0.ActionUpdateParams{
		Modules: []auth0.ActionModuleReference{{ModuleID: old.ID, ModuleVersionID: old.LatestVersion.ID}}})
	require.NoError(t, err)
	a := cfgAction("a")
	a.Modules = []auth0.ActionModuleReference{}
	plan := mustPlan(t, client, &actionsync.Config{Actions: []actionsync.Action{a}}, actionsync.PlanOptions{Prune: true})
	assert.Equal(t, []string{"action update a", "module delete old-utils"}, stepNames(plan))

	srv.Fail(auth0test.RouteActionsUpdate, 20, http.StatusInternalServerError)
	res, err := actionsync.Apply(t.Context(), client, plan, actionsync.ApplyOptions{})
	var applyErr *actionsync.ApplyError
	require.ErrorAs(t, err, &applyErr)
	require.Len(t, applyErr.Failed, 2, "%v", res)
	assert.ErrorIs(t, applyErr.Failed[1].Err, actionsync.ErrNotAttempted)
	assert.Contains(t, applyErr.Failed[1].Err.Error(), `action "a"`)
	assert.Equal(t, []string{"old-utils"}, moduleNames(srv), "the draft of a still uses it")
	assert.Equal(t, []string{"old-utils@1"}, draftModules(t, srv, "a"))
}

// After a fault at a write step, the ApplyError lists what failed, and a
// fresh NewPlan and Apply converge to the config: nothing created twice,
// no module published twice for one change, no action deployed twice. A
// write whose outcome is lost but that took effect is settled by a
// re-read. (The exhaustive matrix is the reliability package's.)
func TestApplyResumesAfterAFault(t *testing.T) {
	t.Parallel()
	full := func() *actionsync.Config {
		return &actionsync.Config{
			Modules:  []actionsync.Module{cfgModule("shared")},
			Actions:  []actionsync.Action{cfgAction("a", "shared"), cfgAction("b")},
			Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("a", "b")},
		}
	}
	single := func() *actionsync.Config {
		return &actionsync.Config{
			Actions:  []actionsync.Action{cfgAction("a")},
			Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("a")},
		}
	}
	// Before hooks run on the server's goroutine: they report with
	// t.Errorf, never require.
	moduleID := func(t *testing.T, srv *auth0test.Server, name string) string {
		for _, m := range srv.Modules() {
			if m.Name == name {
				return m.ID
			}
		}
		t.Errorf("no module %q", name)
		return ""
	}
	actionID := func(t *testing.T, srv *auth0test.Server, name string) string {
		for _, a := range srv.Actions() {
			if a.Name == name {
				return a.ID
			}
		}
		t.Errorf("no action %q", name)
		return ""
	}
	tests := []struct {
		name   string
		cfg    func() *actionsync.Config
		inject func(t *testing.T, srv *auth0test.Server, cancel func())
		failed []string // the failed objects, in step order; none when the fault was settled
	}{{
		name: "module create answered 500",
		cfg:  full,
		inject: func(t *testing.T, srv *auth0test.Server, _ func()) {
			srv.Fail(auth0test.RouteModulesNew, 1, http.StatusInternalServerError)
		},
		failed: []string{"shared", "a", "post-login"},
	}, {
		name: "module create lost, but it took effect",
		cfg:  full,
		inject: func(t *testing.T, srv *auth0test.Server, _ func()) {
			srv.Inject(auth0test.RouteModulesNew, auth0test.Fault{Times: 1, Drop: true, Before: func() {
				srv.AddModule(auth0.ModuleNewParams{Name: "shared", Code: moduleCode("shared", 1)})
			}})
		},
	}, {
		name: "module publish answered 503",
		cfg:  full,
		inject: func(t *testing.T, srv *auth0test.Server, _ func()) {
			srv.Fail(auth0test.RouteModuleVersionsNew, 1, http.StatusServiceUnavailable)
		},
		failed: []string{"shared", "a", "post-login"},
	}, {
		name: "module publish lost, but it took effect",
		cfg:  full,
		inject: func(t *testing.T, srv *auth0test.Server, _ func()) {
			srv.Inject(auth0test.RouteModuleVersionsNew, auth0test.Fault{Times: 1, Drop: true, Before: func() {
				srv.PublishModule(moduleID(t, srv, "shared"))
			}})
		},
	}, {
		name:   "action create lost",
		cfg:    single,
		inject: func(t *testing.T, srv *auth0test.Server, _ func()) { srv.DropConnections(auth0test.RouteActionsNew, 1) },
		failed: []string{"a", "post-login"},
	}, {
		name: "action create lost, but it took effect",
		cfg:  single,
		inject: func(t *testing.T, srv *auth0test.Server, _ func()) {
			srv.Inject(auth0test.RouteActionsNew, auth0test.Fault{Times: 1, Drop: true, Before: func() {
				srv.AddAction(auth0.ActionNewParams{Name: "a", SupportedTriggers: postLogin, Code: auth0.String(actionCode("a", 1))})
			}})
		},
	}, {
		name: "deploy answered 500",
		cfg:  single,
		inject: func(t *testing.T, srv *auth0test.Server, _ func()) {
			srv.Fail(auth0test.RouteActionsDeploy, 1, http.StatusInternalServerError)
		},
		failed: []string{"a", "post-login"},
	}, {
		name: "deploy lost, but it took effect",
		cfg:  single,
		inject: func(t *testing.T, srv *auth0test.Server, _ func()) {
			srv.Inject(auth0test.RouteActionsDeploy, auth0test.Fault{Times: 1, Drop: true, Before: func() {
				if _, err := srv.Client().Actions.Deploy(t.Context(), actionID(t, srv, "a")); err != nil {
					t.Errorf("deploy: %v", err)
				}
			}})
		},
	}, {
		name: "bindings PATCH answered 500 every time",
		cfg:  full,
		inject: func(t *testing.T, srv *auth0test.Server, _ func()) {
			srv.Inject(auth0test.RouteBindingsUpdate, auth0test.Fault{Times: -1, Status: http.StatusInternalServerError})
		},
		failed: []string{"post-login"},
	}, {
		name: "context cancelled during a deploy",
		cfg:  full,
		inject: func(t *testing.T, srv *auth0test.Server, cancel func()) {
			srv.Inject(auth0test.RouteActionsDeploy, auth0test.Fault{Times: 1, Before: cancel})
		},
		failed: nil, // which objects fail depends on what was in flight: checked below
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, client := newTenant(t)
			cfg := tt.cfg()
			plan := mustPlan(t, client, cfg, actionsync.PlanOptions{Prune: true})
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			tt.inject(t, srv, cancel)

			res, err := actionsync.Apply(ctx, client, plan, actionsync.ApplyOptions{})
			var names []string
			for _, o := range res.Failed() {
				names = append(names, o.Name)
			}
			switch {
			case tt.name == "context cancelled during a deploy":
				var applyErr *actionsync.ApplyError
				require.ErrorAs(t, err, &applyErr)
				assert.ErrorIs(t, err, context.Canceled)
				assert.Contains(t, names, "post-login", "not written: its actions were cut off")
				assert.Empty(t, srv.Bindings(auth0.TriggerPostLogin))
			case tt.failed == nil:
				require.NoError(t, err, "the lost write is settled by a re-read:\n%s", res)
			default:
				var applyErr *actionsync.ApplyError
				require.ErrorAs(t, err, &applyErr)
				assert.Equal(t, tt.failed, names, "%v", err)
				assert.Len(t, applyErr.Failed, len(tt.failed))
				if len(names) > 1 {
					assert.ErrorIs(t, res.Failed()[len(names)-1].Err, actionsync.ErrNotWritten, "the trigger of a failed action")
				}
				assert.Empty(t, srv.Bindings(auth0.TriggerPostLogin), "not written")
			}

			srv.ClearFaults()
			applyConfig(t, client, cfg, actionsync.PlanOptions{Prune: true})
			assertConverged(t, srv, client, cfg)
		})
	}
}

// assertConverged checks that the tenant is cfg, with one action, module,
// module version and action version per object of cfg: nothing twice.
func assertConverged(t *testing.T, srv *auth0test.Server, client *auth0.Client, cfg *actionsync.Config) {
	t.Helper()
	assert.False(t, mustPlan(t, client, cfg, actionsync.PlanOptions{Prune: true}).HasChanges())
	assert.Len(t, srv.Actions(), len(cfg.Actions), "actions: %v", actionNames(srv))
	assert.Len(t, srv.Modules(), len(cfg.Modules), "modules: %v", moduleNames(srv))
	for _, m := range srv.Modules() {
		assert.Len(t, srv.ModuleVersions(m.ID), 1, "versions of module %q", m.Name)
	}
	for _, a := range srv.Actions() {
		assert.Len(t, srv.Versions(a.ID), 1, "versions of action %q", a.Name)
		full, _ := srv.Action(a.ID)
		assert.True(t, full.AllChangesDeployed, "action %q is deployed", a.Name)
	}
	for trigger, want := range cfg.Triggers {
		names := []string{}
		for _, b := range want {
			names = append(names, b.ActionName)
		}
		assert.Equal(t, names, bound(srv, trigger))
	}
}

// A module whose draft was edited by hand, not published, and that the
// config brings back to its latest version: the plan cannot tell from the
// list that nothing new will be published, and the API answers the publish
// with a 409 (the plan still says it publishes version 2). The actions
// that follow the module stay on its latest version, and the apply
// succeeds; an action pinned to the number the plan expected would fail.
func TestApplyModuleBroughtBackToItsLatestVersion(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	m := seedModule(t, srv, "m")
	seedActionUsing(t, srv, "a", m)
	_, err := client.Actions.Modules.Update(t.Context(), m.ID, auth0.ModuleUpdateParams{Code: auth0.String("hand edit")})
	require.NoError(t, err)
	cfg := &actionsync.Config{Modules: []actionsync.Module{cfgModule("m")}, Actions: []actionsync.Action{cfgAction("a", "m")}}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{})
	require.Equal(t, []string{"module update m", "action update a"}, stepNames(plan))
	res, err := actionsync.Apply(t.Context(), client, plan, actionsync.ApplyOptions{})
	require.NoError(t, err, "%s", res)
	assert.Equal(t, []string{"m@1"}, deployedModules(t, srv, "a"))
	assert.Len(t, srv.ModuleVersions(m.ID), 1)
	assert.False(t, mustPlan(t, client, cfg, actionsync.PlanOptions{}).HasChanges())
}

// A deploy the API refuses because the draft is not built after all (the
// list said built) is tried again after the next poll.
func TestApplyRetriesADeployOfADraftNotBuilt(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	seedAction(t, srv, "a", false)
	plan := mustPlan(t, client, &actionsync.Config{Actions: []actionsync.Action{cfgAction("a")}}, actionsync.PlanOptions{})
	require.Equal(t, []string{"action deploy a"}, stepNames(plan))
	srv.Inject(auth0test.RouteActionsDeploy, auth0test.Fault{Times: 1, Status: http.StatusBadRequest,
		Message: "A draft must be in the 'built' state before it can be deployed."})
	srv.ResetRequests()
	res := mustApply(t, client, plan)
	assert.Equal(t, []string{`action "a": deployed (version 1)`}, resultLines(res))
	assert.Equal(t, 2, srv.RequestCount(auth0test.RouteActionsDeploy))
	assert.Len(t, srv.Versions(actionByName(t, srv, "a").ID), 1)
}

// The result and the error print one line per object: what was done, and
// why one failed.
func TestApplyResultAndErrorText(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	res := &actionsync.Result{Objects: []actionsync.ObjectResult{
		{Kind: actionsync.KindModule, Name: "m", Done: []actionsync.Outcome{actionsync.Created, actionsync.Published}, Version: 1},
		{Kind: actionsync.KindAction, Name: "a", Done: []actionsync.Outcome{actionsync.Updated}, Err: boom},
		{Kind: actionsync.KindAction, Name: "b", Err: actionsync.ErrNotAttempted},
		{Kind: actionsync.KindTrigger, Name: "post-login"},
		{Kind: actionsync.KindAction, Name: "old", Done: []actionsync.Outcome{actionsync.Deleted}},
	}}
	assert.Equal(t, `module "m": created, published (version 1)
action "a": updated, then failed: boom
action "b": failed: actionsync: not attempted
trigger post-login: nothing to do
action "old": deleted`, res.String())
	assert.True(t, res.Changed())
	err := &actionsync.ApplyError{Failed: res.Failed()}
	assert.Equal(t, `actionsync: 2 object(s) failed: action "a": updated, then failed: boom; action "b": failed: actionsync: not attempted`,
		err.Error())
	assert.ErrorIs(t, err, boom)
	assert.ErrorIs(t, err, actionsync.ErrNotAttempted)
	assert.False(t, (&actionsync.Result{}).Changed())
	stale := &actionsync.StalePlanError{Objects: []string{`action "a"`, "trigger post-login"}}
	assert.Equal(t, `actionsync: the tenant changed since the plan was made, in action "a", trigger post-login: nothing was written; `+
		`make a new plan and review it`, stale.Error())
}

// NewPlan and Apply end with their context: a read cut short is an error,
// and nothing is written.
func TestPlanAndApplyEndWithTheirContext(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	cfg := &actionsync.Config{Actions: []actionsync.Action{cfgAction("a")}}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := actionsync.NewPlan(ctx, client, cfg, actionsync.PlanOptions{})
	assert.ErrorIs(t, err, context.Canceled)
	_, err = actionsync.Apply(ctx, client, plan, actionsync.ApplyOptions{})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, writes(srv))
}
