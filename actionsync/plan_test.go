package actionsync_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// representative is a tenant and a config whose plan has a step of each
// kind: a module updated and published, an action that moves to the
// module version this apply publishes, an action created, a trigger
// reordered with a binding added and one removed, an action and a module
// deleted (Prune), and a module, an action and a trigger unchanged.
type representative struct {
	srv    *auth0test.Server
	client *auth0.Client
	cfg    *actionsync.Config
	// IDs on the tenant, by name.
	shared, unused, a, old string
}

func newRepresentative(t *testing.T) *representative {
	t.Helper()
	srv, client := newTenant(t)
	shared := seedModule(t, srv, "shared")
	unused := seedModule(t, srv, "unused")
	stable := seedModule(t, srv, "stable")
	a := seedActionUsing(t, srv, "a", shared)
	seedActionUsing(t, srv, "c", stable)
	old := seedAction(t, srv, "old", true)
	seedAction(t, srv, "reg", true, preReg...)
	seedBindings(t, srv, auth0.TriggerPostLogin, "old", "a", "c")
	seedBindings(t, srv, auth0.TriggerPreUserRegistration, "reg")
	cfg := &actionsync.Config{
		Modules: []actionsync.Module{{Name: "shared", Code: moduleCode("shared", 2)}, cfgModule("stable")},
		Actions: []actionsync.Action{cfgAction("a", "shared"), cfgAction("b"), cfgAction("c", "stable")},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{
			auth0.TriggerPostLogin:           {{ActionName: "a"}, {ActionName: "b", DisplayName: "B"}, {ActionName: "c"}},
			auth0.TriggerPreUserRegistration: bind("reg"),
		},
	}
	return &representative{srv: srv, client: client, cfg: cfg, shared: shared.ID, unused: unused.ID, a: a.ID, old: old.ID}
}

// The plan lists its steps in Apply's order (modules, actions, triggers,
// deletes), each as Upsert's plans print a change, and only reads.
func TestPlanString(t *testing.T) {
	t.Parallel()
	r := newRepresentative(t)
	plan := mustPlan(t, r.client, r.cfg, actionsync.PlanOptions{Prune: true})
	assert.Empty(t, writes(r.srv), "NewPlan only reads")

	want := `Plan: 1 to create, 2 to update, 1 to publish, 2 to deploy, 1 trigger(s) to bind, 2 to delete; 3 unchanged.
action module "shared" (` + r.shared + `): update
  ~ code: 2 → 2 lines (+2 −2)
  publish: version 2
action "a" (` + r.a + `): update
  ~ module shared: version 1 → version 2 (published by this apply)
  deploy: yes
action "b": create
  + trigger: post-login v3
  + code: 2 lines
  deploy: yes
trigger post-login: bindings
  + b (as "B")
  - old
  order: old, a, c → a, b (as "B"), c
action "old" (` + r.old + `): delete
  not in the config (Prune)
action module "unused" (` + r.unused + `): delete
  not in the config, and no remaining action uses it (Prune)`
	assert.Equal(t, want, plan.String())
	assert.True(t, plan.HasChanges())
	assert.Equal(t, actionsync.Unchanged{Modules: 1, Actions: 1, Triggers: 1}, plan.Unchanged)
	assert.Equal(t, []string{
		"module update shared", "action update a", "action create b", "trigger bind post-login",
		"action delete old", "module delete unused",
	}, stepNames(plan))
}

// json.Marshal gives the documented form: format 1, has_changes, the
// steps as Step's JSON, and the unchanged counts.
func TestPlanJSON(t *testing.T) {
	t.Parallel()
	r := newRepresentative(t)
	plan := mustPlan(t, r.client, r.cfg, actionsync.PlanOptions{Prune: true})
	want := `{"format": 1, "has_changes": true, "steps": [
	  {"kind": "module", "op": "update", "name": "shared", "id": "` + r.shared + `",
	   "changes": [{"field": "code", "op": "update", "from": "2", "to": "2 lines (+2 −2)"}],
	   "publish": true, "publish_version": 2},
	  {"kind": "action", "op": "update", "name": "a", "id": "` + r.a + `",
	   "changes": [{"field": "modules", "op": "update", "item": "shared", "from": "version 1", "to": "version 2 (published by this apply)"}],
	   "deploy": true},
	  {"kind": "action", "op": "create", "name": "b",
	   "changes": [{"field": "supported_triggers", "op": "add", "to": "post-login v3"}, {"field": "code", "op": "add", "to": "2 lines"}],
	   "deploy": true},
	  {"kind": "trigger", "op": "bind", "name": "post-login", "bindings": {
	     "from": [{"action_name": "old", "display_name": "old"}, {"action_name": "a", "display_name": "a"}, {"action_name": "c", "display_name": "c"}],
	     "to": [{"action_name": "a", "display_name": "a"}, {"action_name": "b", "display_name": "B"}, {"action_name": "c", "display_name": "c"}]}},
	  {"kind": "action", "op": "delete", "name": "old", "id": "` + r.old + `", "reason": "not in the config (Prune)"},
	  {"kind": "module", "op": "delete", "name": "unused", "id": "` + r.unused + `",
	   "reason": "not in the config, and no remaining action uses it (Prune)"}
	], "unchanged": {"modules": 1, "actions": 1, "triggers": 1}}`
	got, err := json.Marshal(plan)
	require.NoError(t, err)
	assert.JSONEq(t, want, string(got))

	// The form is stable: encoding again gives the same bytes.
	again, err := json.Marshal(plan)
	require.NoError(t, err)
	assert.Equal(t, string(got), string(again))
}

// A plan with nothing to do prints one line, encodes with an empty step
// list, and counts what it left alone.
func TestPlanWithoutChanges(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	cfg := &actionsync.Config{
		Modules:  []actionsync.Module{cfgModule("m")},
		Actions:  []actionsync.Action{cfgAction("a", "m"), cfgAction("b")},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("a", "b"), auth0.TriggerPostChangePassword: {}},
	}
	applyConfig(t, client, cfg, actionsync.PlanOptions{})
	srv.ResetRequests()

	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{Prune: true})
	assert.False(t, plan.HasChanges())
	assert.Empty(t, plan.Steps)
	assert.Equal(t, actionsync.Unchanged{Modules: 1, Actions: 2, Triggers: 2}, plan.Unchanged)
	assert.Equal(t, "No changes: the tenant matches the config (5 unchanged).", plan.String())
	assert.JSONEq(t, `{"format":1,"has_changes":false,"steps":[],"unchanged":{"modules":1,"actions":2,"triggers":2}}`, jsonOf(t, plan))
	assert.Empty(t, writes(srv))

	var none *actionsync.Plan
	assert.False(t, none.HasChanges())
	assert.Equal(t, "<nil plan>", none.String())
}

// A module whose draft is not published yet, and an action whose draft is
// not deployed yet, with no field to change: the steps only publish and
// deploy, and say so.
func TestPlanPublishAndDeployOnly(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	m := srv.AddModule(auth0.ModuleNewParams{Name: "m", Code: moduleCode("m", 1)})
	a := seedAction(t, srv, "a", false)
	plan := mustPlan(t, client, &actionsync.Config{
		Modules: []actionsync.Module{cfgModule("m")},
		Actions: []actionsync.Action{cfgAction("a")},
	}, actionsync.PlanOptions{})
	assert.Equal(t, `Plan: 0 to create, 0 to update, 1 to publish, 1 to deploy, 0 trigger(s) to bind, 0 to delete; 0 unchanged.
action module "m" (`+m.ID+`): publish the draft
  publish: version 1
action "a" (`+a.ID+`): deploy the draft
  deploy: yes`, plan.String())
	assert.Equal(t, []string{"module publish m", "action deploy a"}, stepNames(plan))

	res := mustApply(t, client, plan)
	assert.Equal(t, []string{`module "m": published (version 1)`, `action "a": deployed (version 1)`}, resultLines(res))
}

// An action not Deployed is only written: its draft changes, it is not
// deployed, and a later plan leaves it so.
func TestPlanActionNotDeployed(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	seedAction(t, srv, "a", true)
	cfg := &actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: actionCode("a", 2), SupportedTriggers: postLogin}}}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{})
	require.Len(t, plan.Steps, 1)
	assert.Equal(t, actionsync.OpUpdate, plan.Steps[0].Op)
	assert.False(t, plan.Steps[0].Deploy)
	srv.ResetRequests()
	mustApply(t, client, plan)
	assert.Zero(t, srv.RequestCount(auth0test.RouteActionsDeploy))
	got := actionByName(t, srv, "a")
	assert.Equal(t, actionCode("a", 2), got.Code)
	assert.Equal(t, actionCode("a", 1), got.DeployedVersion.Code, "the deployed version is left alone")
	assert.False(t, mustPlan(t, client, cfg, actionsync.PlanOptions{}).HasChanges())
}

// One whole plan: an action that uses a module by name shows, in the same
// plan, the version this apply publishes, is redeployed by the same apply,
// and its deployed version then uses the new module version. An action
// pinned to a version number stays on it.
func TestPlanActionFollowsTheModuleThisApplyPublishes(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	shared := seedModule(t, srv, "shared-utils")
	seedActionUsing(t, srv, "follows", shared)
	seedActionUsing(t, srv, "pinned", shared)
	pinned := cfgAction("pinned")
	pinned.Modules = []auth0.ActionModuleReference{{ModuleName: "shared-utils", ModuleVersionNumber: 1}}
	cfg := &actionsync.Config{
		Modules: []actionsync.Module{{Name: "shared-utils", Code: moduleCode("shared-utils", 2)}},
		Actions: []actionsync.Action{cfgAction("follows", "shared-utils"), pinned},
	}

	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{})
	assert.Equal(t, []string{"module update shared-utils", "action update follows"}, stepNames(plan))
	assert.Equal(t, 1, plan.Unchanged.Actions, "the pinned action")
	step := plan.Steps[1]
	assert.Equal(t, []auth0.Change{{Field: "modules", Op: auth0.ChangeUpdate, Item: "shared-utils",
		From: "version 1", To: "version 2 (published by this apply)"}}, step.Changes)
	assert.True(t, step.Deploy)
	assert.Contains(t, plan.String(), "~ module shared-utils: version 1 → version 2 (published by this apply)")

	res := mustApply(t, client, plan)
	assert.Equal(t, []string{
		`module "shared-utils": updated, published (version 2)`,
		`action "follows": updated, deployed (version 2)`,
	}, resultLines(res))
	assert.Equal(t, []string{"shared-utils@2"}, deployedModules(t, srv, "follows"))
	assert.Equal(t, []string{"shared-utils@1"}, deployedModules(t, srv, "pinned"))
	assert.False(t, mustPlan(t, client, cfg, actionsync.PlanOptions{}).HasChanges())
}

// A module created by this apply: the actions that use it by name show
// version 1, published by this apply, and are created with it.
func TestPlanActionUsesAModuleThisApplyCreates(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	plan := mustPlan(t, client, &actionsync.Config{
		Modules: []actionsync.Module{cfgModule("new-mod")},
		Actions: []actionsync.Action{cfgAction("a", "new-mod")},
	}, actionsync.PlanOptions{})
	assert.Contains(t, plan.String(), "+ module new-mod: version 1 (published by this apply)")
	mustApply(t, client, plan)
	assert.Equal(t, []string{"new-mod@1"}, deployedModules(t, srv, "a"))
	assert.Equal(t, []string{"new-mod@1"}, draftModules(t, srv, "a"))
}

// NewPlan reads by lists: for a tenant of 200 actions, 20 modules and 3
// listed triggers, the actions (2 pages of 100 and the empty third the
// pager asks for), the modules, the trigger list and each listed
// trigger's bindings, and no request per object.
func TestNewPlanReadsByLists(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	cfg := &actionsync.Config{Triggers: map[auth0.TriggerID][]actionsync.Binding{
		auth0.TriggerPostLogin: {}, auth0.TriggerPreUserRegistration: {}, auth0.TriggerPostChangePassword: {},
	}}
	for i := range 20 {
		m := seedModule(t, srv, fmt.Sprintf("module-%02d", i))
		cfg.Modules = append(cfg.Modules, actionsync.Module{Name: m.Name, Code: m.Code})
	}
	for i := range 200 {
		name := fmt.Sprintf("action-%03d", i)
		seedAction(t, srv, name, true)
		cfg.Actions = append(cfg.Actions, cfgAction(name))
	}
	srv.ResetRequests()

	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{})
	assert.False(t, plan.HasChanges())
	assert.Equal(t, map[string]int{
		auth0test.RouteActionsList:  3,
		auth0test.RouteModulesList:  1,
		auth0test.RouteTriggersList: 1,
		auth0test.RouteBindingsList: 3,
	}, countRoutes(srv))
	assert.Len(t, srv.Requests(), 8)
	for _, r := range srv.Requests() {
		assert.NotRegexp(t, `/actions/(actions|modules)/[^/?]+`, r.Path, "a per-object read")
	}
	t.Logf("NewPlan of 200 actions, 20 modules and 3 triggers: %d requests", len(srv.Requests()))
}

// Step prints the other shapes a step can take: a trigger emptied or only
// reordered, a display name changed, a delete without a reason, a module
// created and published.
func TestStepString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		step actionsync.Step
		want string
	}{
		{actionsync.Step{Kind: actionsync.KindTrigger, Op: actionsync.OpBind, Name: "post-login",
			Bindings: &actionsync.BindingsChange{From: bind("a", "b"), To: []actionsync.Binding{}}},
			"trigger post-login: bindings\n  - a\n  - b\n  order: a, b → (none)"},
		{actionsync.Step{Kind: actionsync.KindTrigger, Op: actionsync.OpBind, Name: "post-login",
			Bindings: &actionsync.BindingsChange{From: bind("a", "b"), To: bind("b", "a")}},
			"trigger post-login: bindings\n  order: a, b → b, a"},
		{actionsync.Step{Kind: actionsync.KindTrigger, Op: actionsync.OpBind, Name: "post-login",
			Bindings: &actionsync.BindingsChange{From: []actionsync.Binding{{ActionName: "a", DisplayName: "x"}},
				To: []actionsync.Binding{{ActionName: "a", DisplayName: "y"}}}},
			`trigger post-login: bindings` + "\n" + `  order: a (as "x") → a (as "y")`},
		{actionsync.Step{Kind: actionsync.KindModule, Op: actionsync.OpDelete, Name: "m", ID: "id1"},
			`action module "m" (id1): delete`},
		{actionsync.Step{Kind: actionsync.KindModule, Op: actionsync.OpCreate, Name: "m", Publish: true, PublishVersion: 1,
			Changes: []auth0.Change{{Field: "code", Op: auth0.ChangeAdd, To: "1 line"}}},
			"action module \"m\": create\n  + code: 1 line\n  publish: version 1"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.step.String())
	}
}

// Removing every binding of a listed trigger plans the removals and the
// empty order.
func TestPlanEmptyListUnbindsAll(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	seedAction(t, srv, "a", true)
	seedAction(t, srv, "b", true)
	seedBindings(t, srv, auth0.TriggerPostLogin, "a", "b")
	plan := mustPlan(t, client, &actionsync.Config{Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: {}}},
		actionsync.PlanOptions{})
	assert.Equal(t, "Plan: 0 to create, 0 to update, 0 to publish, 0 to deploy, 1 trigger(s) to bind, 0 to delete; 0 unchanged.\n"+
		"trigger post-login: bindings\n  - a\n  - b\n  order: a, b → (none)", plan.String())
}

// Module references that this apply does not publish: by ID (the latest
// version), and by name pinned to a version older than the latest, which
// Apply looks up in the module's version list. The new action is created
// with those versions.
func TestPlanModuleReferencesToExistingVersions(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	old := seedModule(t, srv, "old")
	_, err := client.Actions.Modules.Update(t.Context(), old.ID, auth0.ModuleUpdateParams{Code: auth0.String(moduleCode("old", 2))})
	require.NoError(t, err)
	srv.PublishModule(old.ID)
	byID := seedModule(t, srv, "by-id")
	a := cfgAction("a")
	a.Modules = []auth0.ActionModuleReference{{ModuleName: "old", ModuleVersionNumber: 1}, {ModuleID: byID.ID}}
	plan := mustPlan(t, client, &actionsync.Config{Actions: []actionsync.Action{a}}, actionsync.PlanOptions{})
	assert.Contains(t, plan.String(), "+ module old: version 1\n")
	assert.Contains(t, plan.String(), "+ module by-id: version 1\n")
	mustApply(t, client, plan)
	assert.ElementsMatch(t, []string{"old@1", "by-id@1"}, deployedModules(t, srv, "a"))
	assert.False(t, mustPlan(t, client, &actionsync.Config{Actions: []actionsync.Action{a}}, actionsync.PlanOptions{}).HasChanges())
}
