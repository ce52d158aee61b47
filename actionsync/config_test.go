package actionsync_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// A config that is wrong in itself is refused before any request, with
// each problem naming its object and field.
func TestNewPlanRefusesABadConfigBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  actionsync.Config
		want []actionsync.Problem // Message left out: checked by the strings below
		text []string
	}{{
		name: "two modules with one name",
		cfg:  actionsync.Config{Modules: []actionsync.Module{cfgModule("shared"), cfgModule("shared")}},
		want: []actionsync.Problem{{Object: `module "shared"`, Field: "name"}},
		text: []string{`module "shared": name: is used by two modules of the config`},
	}, {
		name: "two actions with one name",
		cfg:  actionsync.Config{Actions: []actionsync.Action{cfgAction("a"), cfgAction("b"), cfgAction("a")}},
		want: []actionsync.Problem{{Object: `action "a"`, Field: "name"}},
		text: []string{`action "a": name: is used by two actions of the config`},
	}, {
		name: "a module without a name",
		cfg:  actionsync.Config{Modules: []actionsync.Module{cfgModule("m"), {Code: "x"}}},
		want: []actionsync.Problem{{Object: "modules[1]", Field: "name"}},
		text: []string{"modules[1]: name: is required"},
	}, {
		name: "an action without a name",
		cfg:  actionsync.Config{Actions: []actionsync.Action{{Code: "x", SupportedTriggers: postLogin}}},
		want: []actionsync.Problem{{Object: "actions[0]", Field: "name"}},
		text: []string{"actions[0]: name: is required"},
	}, {
		name: "a binding to a trigger the config's action does not support",
		cfg: actionsync.Config{
			Actions:  []actionsync.Action{cfgAction("a")},
			Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPreUserRegistration: bind("a")},
		},
		want: []actionsync.Problem{{Object: "trigger pre-user-registration", Field: "bindings[0].action_name"}},
		text: []string{`trigger pre-user-registration: bindings[0].action_name: action "a" does not support trigger ` +
			`pre-user-registration (its supported_triggers: post-login v3)`},
	}, {
		name: "one action twice in a trigger",
		cfg: actionsync.Config{
			Actions:  []actionsync.Action{cfgAction("a"), cfgAction("b")},
			Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("a", "b", "a")},
		},
		want: []actionsync.Problem{{Object: "trigger post-login", Field: "bindings[2].action_name"}},
		text: []string{`trigger post-login: bindings[2].action_name: action "a" is bound twice`},
	}, {
		name: "a binding without an action name",
		cfg: actionsync.Config{
			Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: {{DisplayName: "x"}}},
		},
		want: []actionsync.Problem{{Object: "trigger post-login", Field: "bindings[0].action_name"}},
		text: []string{"trigger post-login: bindings[0].action_name: is required"},
	}, {
		name: "a module referenced twice",
		cfg:  actionsync.Config{Actions: []actionsync.Action{cfgAction("a", "m", "n", "m")}},
		want: []actionsync.Problem{{Object: `action "a"`, Field: "modules[2]"}},
		text: []string{`action "a": modules[2]: module "m" is referenced twice`},
	}, {
		name: "an empty trigger ID",
		cfg:  actionsync.Config{Triggers: map[auth0.TriggerID][]actionsync.Binding{"": nil}},
		want: []actionsync.Problem{{Object: "triggers", Field: ""}},
		text: []string{"triggers: a trigger ID is empty"},
	}, {
		name: "action code that is not UTF-8",
		cfg:  actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: "ok\xff", SupportedTriggers: postLogin}}},
		want: []actionsync.Problem{{Object: `action "a"`, Field: "code"}},
		text: []string{`action "a": code: is not valid UTF-8 (at byte 2); JSON would send U+FFFD in place of the invalid bytes`},
	}, {
		name: "a module secret value that is not UTF-8",
		cfg: actionsync.Config{Modules: []actionsync.Module{{Name: "m", Code: "x",
			Secrets: []auth0.ActionSecretParam{{Name: "K", Value: "v\xc3"}}}}},
		want: []actionsync.Problem{{Object: `module "m"`, Field: "secrets[0].value"}},
		text: []string{`module "m": secrets[0].value: is not valid UTF-8 (at byte 1); JSON would send U+FFFD in place of the invalid bytes`},
	}, {
		name: "a runtime that is not UTF-8",
		cfg: actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: "x", Runtime: "node\xff",
			SupportedTriggers: postLogin}}},
		want: []actionsync.Problem{{Object: `action "a"`, Field: "runtime"}},
		text: []string{`action "a": runtime: is not valid UTF-8 (at byte 4); JSON would send U+FFFD in place of the invalid bytes`},
	}, {
		name: "a binding's display name that is not UTF-8",
		cfg: actionsync.Config{
			Actions:  []actionsync.Action{cfgAction("a")},
			Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: {{ActionName: "a", DisplayName: "A\xff"}}},
		},
		want: []actionsync.Problem{{Object: "trigger post-login", Field: "bindings[0].display_name"}},
		text: []string{"trigger post-login: bindings[0].display_name: is not valid UTF-8 (at byte 1)"},
	}, {
		name: "an action without a trigger",
		cfg:  actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: "x"}}},
		want: []actionsync.Problem{{Object: `action "a"`, Field: "supported_triggers"}},
		text: []string{`action "a": supported_triggers: needs at least one trigger`},
	}, {
		name: "a module without code",
		cfg:  actionsync.Config{Modules: []actionsync.Module{{Name: "m"}}},
		want: []actionsync.Problem{{Object: `module "m"`, Field: "code"}},
		text: []string{`module "m": code: is required`},
	}, {
		name: "a secret without a name",
		cfg: actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: "x", SupportedTriggers: postLogin,
			Secrets: []auth0.ActionSecretParam{{Value: "v"}}}}},
		want: []actionsync.Problem{{Object: `action "a"`, Field: "secrets[0].name"}},
		text: []string{`action "a": secrets[0].name: is required`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, client := newTenant(t)
			plan, err := actionsync.NewPlan(t.Context(), client, &tt.cfg, actionsync.PlanOptions{})
			require.Error(t, err)
			assert.Nil(t, plan)
			assert.Empty(t, srv.Requests(), "no request before the config is valid")
			var ce *actionsync.ConfigError
			require.ErrorAs(t, err, &ce)
			require.Len(t, ce.Problems, len(tt.want), "problems: %v", problems(t, err))
			for i, p := range ce.Problems {
				assert.Equal(t, tt.want[i].Object, p.Object)
				assert.Equal(t, tt.want[i].Field, p.Field)
				assert.NotEmpty(t, p.Message)
				assert.Contains(t, p.String(), tt.text[i])
			}
			assert.Equal(t, "actionsync: the config has a problem: "+ce.Problems[0].String(), err.Error())
		})
	}
}

// Every problem is listed, in the config's order (modules, actions, then
// triggers by ID), not only the first, and the message counts them.
func TestConfigErrorListsEveryProblem(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	cfg := &actionsync.Config{
		Modules: []actionsync.Module{cfgModule("m"), cfgModule("m")},
		Actions: []actionsync.Action{cfgAction("a", "m", "m"), {Name: "b", SupportedTriggers: postLogin, Code: "\xff"}, cfgAction("a")},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{
			auth0.TriggerPreUserRegistration: bind("a"),
			auth0.TriggerPostLogin:           bind("b", "b"),
		},
	}
	_, err := actionsync.NewPlan(t.Context(), client, cfg, actionsync.PlanOptions{})
	assert.Empty(t, srv.Requests())
	want := []string{
		`module "m": name: is used by two modules of the config`,
		`action "a": modules[1]: module "m" is referenced twice`,
		`action "b": code: is not valid UTF-8 (at byte 0); JSON would send U+FFFD in place of the invalid bytes`,
		`action "a": name: is used by two actions of the config`,
		`trigger post-login: bindings[1].action_name: action "b" is bound twice`,
		`trigger pre-user-registration: bindings[0].action_name: action "a" does not support trigger pre-user-registration ` +
			`(its supported_triggers: post-login v3)`,
	}
	assert.Equal(t, want, problems(t, err))
	assert.Equal(t, "actionsync: the config has 6 problems: "+joinProblems(want), err.Error())
}

func joinProblems(ps []string) string {
	out := ""
	for i, p := range ps {
		if i > 0 {
			out += "; "
		}
		out += p
	}
	return out
}

// NewPlan needs a client and a config.
func TestNewPlanNeedsAClientAndAConfig(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	_, err := actionsync.NewPlan(t.Context(), nil, &actionsync.Config{}, actionsync.PlanOptions{})
	assert.EqualError(t, err, "actionsync: NewPlan needs a client")
	_, err = actionsync.NewPlan(t.Context(), client, nil, actionsync.PlanOptions{})
	assert.EqualError(t, err, "actionsync: NewPlan needs a config")
	assert.Empty(t, srv.Requests())
}

// A config that is wrong for the tenant is refused after NewPlan read the
// tenant, and it read only.
func TestNewPlanRefusesAConfigWrongForTheTenant(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		seed func(t *testing.T, srv *auth0test.Server)
		cfg  actionsync.Config
		want []string // the problems
	}{{
		name: "a binding to an action neither in the config nor on the tenant",
		cfg:  actionsync.Config{Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("ghost")}},
		want: []string{`trigger post-login: bindings[0].action_name: action "ghost" is neither in the config nor on the tenant`},
	}, {
		name: "a binding to a tenant action that does not support the trigger",
		seed: func(t *testing.T, srv *auth0test.Server) { seedAction(t, srv, "reg", true, preReg...) },
		cfg:  actionsync.Config{Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("reg")}},
		want: []string{`trigger post-login: bindings[0].action_name: action "reg" (on the tenant) does not support trigger ` +
			`post-login (its supported_triggers: pre-user-registration v2)`},
	}, {
		name: "a binding to a tenant action never deployed",
		seed: func(t *testing.T, srv *auth0test.Server) { seedAction(t, srv, "draft", false) },
		cfg:  actionsync.Config{Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("draft")}},
		want: []string{`trigger post-login: bindings[0].action_name: action "draft" (on the tenant) has never been deployed, ` +
			`so it cannot be bound`},
	}, {
		name: "a binding to a config action not deployed that the config does not deploy",
		seed: func(t *testing.T, srv *auth0test.Server) { seedAction(t, srv, "a", false) },
		cfg: actionsync.Config{
			Actions:  []actionsync.Action{{Name: "a", Code: actionCode("a", 1), SupportedTriggers: postLogin}},
			Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("a")},
		},
		want: []string{`trigger post-login: bindings[0].action_name: action "a" is not deployed, and the config does not ` +
			`deploy it: set its deployed to true`},
	}, {
		name: "a binding to a config action not on the tenant that the config does not deploy",
		cfg: actionsync.Config{
			Actions:  []actionsync.Action{{Name: "a", Code: actionCode("a", 1), SupportedTriggers: postLogin}},
			Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("a")},
		},
		want: []string{`trigger post-login: bindings[0].action_name: action "a" is not deployed, and the config does not ` +
			`deploy it: set its deployed to true`},
	}, {
		name: "a module reference to no module",
		cfg:  actionsync.Config{Actions: []actionsync.Action{cfgAction("a", "ghost")}},
		want: []string{`action "a": modules[0].module_name: module "ghost" is neither in the config nor on the tenant`},
	}, {
		name: "a module reference by ID to no module",
		cfg: actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: "x", SupportedTriggers: postLogin,
			Modules: []auth0.ActionModuleReference{{ModuleID: "3c6a2a5e-0000-4000-8000-000000000000"}}}}},
		want: []string{`action "a": modules[0].module_id: module 3c6a2a5e-0000-4000-8000-000000000000 is not on the tenant`},
	}, {
		name: "a pinned module version that does not exist",
		seed: func(t *testing.T, srv *auth0test.Server) { seedModule(t, srv, "m") },
		cfg: actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: "x", SupportedTriggers: postLogin,
			Modules: []auth0.ActionModuleReference{{ModuleName: "m", ModuleVersionNumber: 3}}}}},
		want: []string{`action "a": modules[0].module_version_number: module "m" has no version 3 (its latest is 1)`},
	}, {
		name: "a pinned version past the one this apply publishes",
		seed: func(t *testing.T, srv *auth0test.Server) { seedModule(t, srv, "m") },
		cfg: actionsync.Config{
			Modules: []actionsync.Module{{Name: "m", Code: moduleCode("m", 2)}},
			Actions: []actionsync.Action{{Name: "a", Code: "x", SupportedTriggers: postLogin,
				Modules: []auth0.ActionModuleReference{{ModuleName: "m", ModuleVersionNumber: 3}}}},
		},
		want: []string{`action "a": modules[0].module_version_number: module "m" has no version 3 (its latest is 1)`},
	}, {
		name: "a reference to a tenant module never published",
		seed: func(t *testing.T, srv *auth0test.Server) {
			srv.AddModule(auth0.ModuleNewParams{Name: "m", Code: moduleCode("m", 1)})
		},
		cfg:  actionsync.Config{Actions: []actionsync.Action{cfgAction("a", "m")}},
		want: []string{`action "a": modules[0]: module "m" has no published version`},
	}, {
		name: "entity-bound triggers",
		cfg: actionsync.Config{Triggers: map[auth0.TriggerID][]actionsync.Binding{
			auth0.TriggerCustomTokenExchange: nil, auth0.TriggerEventStream: {},
		}},
		want: []string{
			"trigger custom-token-exchange: is entity-bound: Auth0 manages its bindings per entity, so a config cannot list them; " +
				"remove it from triggers",
			"trigger event-stream: is entity-bound: Auth0 manages its bindings per entity, so a config cannot list them; " +
				"remove it from triggers",
		},
	}, {
		name: "a trigger the tenant does not have",
		cfg:  actionsync.Config{Triggers: map[auth0.TriggerID][]actionsync.Binding{"post-logout": nil}},
		want: []string{"trigger post-logout: is not in the tenant's trigger list (GET /actions/triggers)"},
	}, {
		name: "an action for a trigger the tenant does not have",
		cfg: actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: "x",
			SupportedTriggers: []auth0.Trigger{{ID: "post-logout", Version: "v1"}}}}},
		want: []string{`action "a": supported_triggers[0]: trigger post-logout is not in the tenant's trigger list`},
	}, {
		name: "a config action named like a marketplace action",
		seed: func(t *testing.T, srv *auth0test.Server) {
			srv.PutAction(auth0.Action{Name: "Auth0 Fraud Guard", SupportedTriggers: postLogin, InstalledIntegrationID: "int_1"})
		},
		cfg: actionsync.Config{Actions: []actionsync.Action{cfgAction("Auth0 Fraud Guard")}},
		want: []string{`action "Auth0 Fraud Guard": name: is a marketplace action (an installed integration), which Auth0 ` +
			`manages; it cannot be managed from a config: rename the config's action`},
	}, {
		name: "a secret without a value on a create",
		cfg: actionsync.Config{
			Modules: []actionsync.Module{{Name: "m", Code: "x", Secrets: []auth0.ActionSecretParam{{Name: "K"}}}},
			Actions: []actionsync.Action{{Name: "a", Code: "x", SupportedTriggers: postLogin,
				Secrets: []auth0.ActionSecretParam{{Name: "A", Value: "1"}, {Name: "B"}}}},
		},
		want: []string{
			`module "m": secrets[0]: secret K has no value, and it is created: give its value (a secret without one keeps ` +
				`the tenant's value, which cannot be read back)`,
			`action "a": secrets[1]: secret B has no value, and it is created: give its value (a secret without one keeps ` +
				`the tenant's value, which cannot be read back)`,
		},
	}, {
		name: "a secret without a value when the list is sent again",
		seed: func(t *testing.T, srv *auth0test.Server) {
			srv.AddAction(auth0.ActionNewParams{Name: "a", SupportedTriggers: postLogin, Code: auth0.String("x"),
				Secrets: []auth0.ActionSecretParam{{Name: "A", Value: "1"}}})
		},
		cfg: actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: "x", SupportedTriggers: postLogin,
			Secrets: []auth0.ActionSecretParam{{Name: "A"}, {Name: "NEW", Value: "2"}}}}},
		want: []string{`action "a": secrets[0]: secret A has no value, and the secrets are sent (a name is added or removed, ` +
			`or RotateSecrets): give its value (a secret without one keeps the tenant's value, which cannot be read back)`},
	}, {
		name: "secrets the config leaves out",
		seed: func(t *testing.T, srv *auth0test.Server) {
			srv.AddAction(auth0.ActionNewParams{Name: "a", SupportedTriggers: postLogin, Code: auth0.String("x"),
				Secrets: []auth0.ActionSecretParam{{Name: "A", Value: "1"}, {Name: "B", Value: "2"}}})
		},
		cfg: actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: "x", SupportedTriggers: postLogin,
			Secrets: []auth0.ActionSecretParam{{Name: "A"}}}}},
		want: []string{`action "a": secrets: the tenant has secrets the config does not list (B): the apply would delete ` +
			`them; add them to the config (a secret without a value keeps the tenant's) or plan with PruneSecrets`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, client := newTenant(t)
			if tt.seed != nil {
				tt.seed(t, srv)
			}
			srv.ResetRequests()
			plan, err := actionsync.NewPlan(t.Context(), client, &tt.cfg, actionsync.PlanOptions{})
			assert.Nil(t, plan)
			assert.Equal(t, tt.want, problems(t, err))
			assert.NotEmpty(t, srv.Requests(), "the tenant was read")
			assert.Empty(t, writes(srv), "NewPlan only reads")
		})
	}
}

// The refusal to delete secrets is a *auth0.SecretsWouldBeDeletedError
// that errors.As finds through the *ConfigError; PruneSecrets plans the
// delete instead, and the apply sends the list without them.
func TestSecretsWouldBeDeletedUnlessPruneSecrets(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	srv.AddModule(auth0.ModuleNewParams{Name: "m", Code: "x", Publish: auth0.Bool(true),
		Secrets: []auth0.ActionSecretParam{{Name: "KEEP", Value: "1"}, {Name: "OLD", Value: "2"}}})
	srv.ResetRequests()
	cfg := &actionsync.Config{Modules: []actionsync.Module{{Name: "m", Code: "x",
		Secrets: []auth0.ActionSecretParam{{Name: "KEEP", Value: "1"}}}}}

	_, err := actionsync.NewPlan(t.Context(), client, cfg, actionsync.PlanOptions{})
	var sw *auth0.SecretsWouldBeDeletedError
	require.ErrorAs(t, err, &sw)
	assert.Equal(t, []string{"OLD"}, sw.Secrets)
	assert.Equal(t, "m", sw.Name)
	var ce *actionsync.ConfigError
	require.ErrorAs(t, err, &ce)
	require.Len(t, ce.Problems, 1)
	assert.Equal(t, actionsync.Problem{Object: `module "m"`, Field: "secrets", Err: sw, Message: ce.Problems[0].Message}, ce.Problems[0])
	assert.Empty(t, writes(srv))

	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{PruneSecrets: true})
	assert.Equal(t, []auth0.Change{{Field: "secrets", Op: auth0.ChangeRemove, Item: "OLD", Note: "PruneSecrets"}}, plan.Steps[0].Changes)
	mustApply(t, client, plan)
	m := moduleByName(t, srv, "m")
	require.Len(t, m.Secrets, 1)
	assert.Equal(t, "KEEP", m.Secrets[0].Name)
	require.NotNil(t, m.LatestVersion)
	assert.Equal(t, 2, m.LatestVersion.VersionNumber, "the module without the secret is published")
	assert.True(t, m.AllChangesPublished)
}

// RotateSecrets sends every value again, even when the names match; the
// plan says so, per secret, and never shows a value.
func TestRotateSecretsSendsTheValuesAgain(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	srv.AddAction(auth0.ActionNewParams{Name: "a", SupportedTriggers: postLogin, Code: auth0.String("x"), Deploy: auth0.Bool(true),
		Secrets: []auth0.ActionSecretParam{{Name: "API_KEY", Value: "old-value"}}})
	cfg := &actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: "x", SupportedTriggers: postLogin, Deployed: true,
		Secrets: []auth0.ActionSecretParam{{Name: "API_KEY", Value: "new-value"}}}}}

	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{})
	assert.False(t, plan.HasChanges(), "by name, the secrets match")

	plan = mustPlan(t, client, cfg, actionsync.PlanOptions{RotateSecrets: true})
	require.Len(t, plan.Steps, 1)
	assert.Equal(t, []auth0.Change{{Field: "secrets", Op: auth0.ChangeUpdate, Item: "API_KEY", Note: "value re-sent (RotateSecrets)"}},
		plan.Steps[0].Changes)
	assert.True(t, plan.Steps[0].Deploy)
	assert.NotContains(t, plan.String(), "new-value")
	assert.NotContains(t, jsonOf(t, plan), "new-value")

	srv.ResetRequests()
	mustApply(t, client, plan)
	var bodies []string
	for _, r := range srv.Requests() {
		if r.Route == auth0test.RouteActionsUpdate {
			bodies = append(bodies, string(r.Body))
		}
	}
	assert.Equal(t, []string{`{"secrets":[{"name":"API_KEY","value":"new-value"}]}`}, bodies)

	// With a value missing, rotating would lose it: refused.
	cfg.Actions[0].Secrets = []auth0.ActionSecretParam{{Name: "API_KEY"}}
	srv.ResetRequests()
	_, err := actionsync.NewPlan(t.Context(), client, cfg, actionsync.PlanOptions{RotateSecrets: true})
	assert.Equal(t, []string{`action "a": secrets[0]: secret API_KEY has no value, and the secrets are sent (a name is added or ` +
		`removed, or RotateSecrets): give its value (a secret without one keeps the tenant's value, which cannot be read back)`},
		problems(t, err))
	assert.Empty(t, writes(srv))
}

// A secret without a value keeps the tenant's when the names match: the
// plan has no change and nothing is sent.
func TestSecretWithoutAValueKeepsTheTenants(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	srv.AddAction(auth0.ActionNewParams{Name: "a", SupportedTriggers: postLogin, Code: auth0.String("x"), Deploy: auth0.Bool(true),
		Secrets: []auth0.ActionSecretParam{{Name: "API_KEY", Value: "v"}}})
	cfg := &actionsync.Config{Actions: []actionsync.Action{{Name: "a", Code: "y", SupportedTriggers: postLogin, Deployed: true,
		Secrets: []auth0.ActionSecretParam{{Name: "API_KEY"}}}}}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{})
	require.Len(t, plan.Steps, 1)
	srv.ResetRequests()
	mustApply(t, client, plan)
	for _, r := range srv.Requests() {
		if r.Route == auth0test.RouteActionsUpdate {
			assert.JSONEq(t, `{"code":"y"}`, string(r.Body), "the secrets are not sent")
		}
	}
}

// The plan is made from a copy of the config: the caller's edits after
// NewPlan change neither the plan nor what Apply writes.
func TestNewPlanCopiesTheConfig(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	cfg := &actionsync.Config{
		Modules:  []actionsync.Module{cfgModule("m")},
		Actions:  []actionsync.Action{cfgAction("a", "m")},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: bind("a")},
	}
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{})
	cfg.Modules[0].Code = "changed"
	cfg.Actions[0].Code = "changed"
	cfg.Actions[0].Modules[0].ModuleName = "other"
	cfg.Triggers[auth0.TriggerPostLogin][0].DisplayName = "changed"
	cfg.Triggers[auth0.TriggerPreUserRegistration] = nil
	mustApply(t, client, plan)
	assert.Equal(t, actionCode("a", 1), actionByName(t, srv, "a").Code)
	assert.Equal(t, moduleCode("m", 1), moduleByName(t, srv, "m").Code)
	assert.Equal(t, []string{"m@1"}, deployedModules(t, srv, "a"))
	assert.Equal(t, []string{"a"}, bound(srv, auth0.TriggerPostLogin))
}

// Problem and ConfigError print as the messages above; a ConfigError
// without an underlying error unwraps to nothing.
func TestProblemString(t *testing.T) {
	t.Parallel()
	assert.Equal(t, `action "a": code: bad`, actionsync.Problem{Object: `action "a"`, Field: "code", Message: "bad"}.String())
	assert.Equal(t, `action "a": bad`, actionsync.Problem{Object: `action "a"`, Message: "bad"}.String())
	err := &actionsync.ConfigError{Problems: []actionsync.Problem{{Object: "o", Message: "m"}}}
	assert.Empty(t, err.Unwrap())
	inner := errors.New("inner")
	err.Problems = append(err.Problems, actionsync.Problem{Object: "p", Message: "n", Err: inner})
	assert.ErrorIs(t, err, inner)
	assert.Equal(t, "actionsync: the config has 2 problems: o: m; p: n", err.Error())
}
