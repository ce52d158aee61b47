package actionsync_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// exportTenant seeds a tenant with a bit of everything Export reads: a
// module with dependencies and a secret, a module at version 2 that an
// action still pins at version 1, an action whose draft is ahead of its
// deployed version, one never deployed, one with a runtime, dependencies
// and a secret, a marketplace action, and post-login bindings with a
// display name.
func exportTenant(t *testing.T) (*auth0test.Server, *auth0.Client) {
	t.Helper()
	srv, client := newTenant(t)
	logger := srv.AddModule(auth0.ModuleNewParams{Name: "logger", Code: moduleCode("logger", 1), Publish: auth0.Bool(true),
		Dependencies: []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}},
		Secrets:      []auth0.ActionSecretParam{{Name: "LOG_URL", Value: "https://logs"}}})
	shared := seedModule(t, srv, "shared")
	seedActionUsing(t, srv, "a", shared)
	_, err := client.Actions.Modules.Update(t.Context(), shared.ID, auth0.ModuleUpdateParams{Code: auth0.String(moduleCode("shared", 2))})
	require.NoError(t, err)
	srv.PublishModule(shared.ID)

	b := seedAction(t, srv, "b", true)
	_, err = client.Actions.Update(t.Context(), b.ID, auth0.ActionUpdateParams{Code: auth0.String(actionCode("b", 2))})
	require.NoError(t, err)
	seedAction(t, srv, "c", false, preReg...)
	srv.AddAction(auth0.ActionNewParams{Name: "d", SupportedTriggers: postLogin, Code: auth0.String(actionCode("d", 1)),
		Runtime: auth0.String("node18"), Deploy: auth0.Bool(true),
		Dependencies: []auth0.ActionDependency{{Name: "axios", Version: "1.7.0"}},
		Secrets:      []auth0.ActionSecretParam{{Name: "API_KEY", Value: "k"}},
		Modules:      []auth0.ActionModuleReference{{ModuleID: logger.ID, ModuleVersionID: logger.LatestVersion.ID}}})
	srv.PutAction(auth0.Action{Name: "fraud-guard", SupportedTriggers: postLogin, InstalledIntegrationID: "int_1",
		DeployedVersion: &auth0.ActionVersion{}, AllChangesDeployed: true})
	_, err = srv.Client().Actions.Triggers.Bindings.Update(t.Context(), auth0.TriggerPostLogin, auth0.BindingUpdateParams{
		Bindings: []auth0.BindingUpdate{
			{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionName, Value: "a"}},
			{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionName, Value: "fraud-guard"}},
			{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionName, Value: "d"}, DisplayName: auth0.String("Log it")},
		}})
	require.NoError(t, err)
	srv.ResetRequests()
	return srv, client
}

// Export reads the tenant into a config: modules and actions by name,
// drafts as they are, module references by name and number, secret names
// without values, Deployed only when every change is deployed, and the
// bindings of the triggers that have any; entity-bound triggers and
// marketplace actions are skipped and listed.
func TestExport(t *testing.T) {
	t.Parallel()
	srv, client := exportTenant(t)
	cfg, err := actionsync.Export(t.Context(), client)
	require.NoError(t, err)

	assert.Equal(t, []actionsync.Module{
		{Name: "logger", Code: moduleCode("logger", 1), Dependencies: []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}},
			Secrets: []auth0.ActionSecretParam{{Name: "LOG_URL"}}},
		{Name: "shared", Code: moduleCode("shared", 2), Dependencies: []auth0.ActionModuleDependency{}},
	}, cfg.Modules)

	require.Len(t, cfg.Actions, 4)
	byName := map[string]actionsync.Action{}
	for _, a := range cfg.Actions {
		byName[a.Name] = a
	}
	assert.Equal(t, []string{"a", "b", "c", "d"}, []string{cfg.Actions[0].Name, cfg.Actions[1].Name, cfg.Actions[2].Name, cfg.Actions[3].Name})
	assert.Equal(t, actionsync.Action{Name: "a", Code: actionCode("a", 1), Runtime: "node22", SupportedTriggers: postLogin,
		Dependencies: []auth0.ActionDependency{}, Deployed: true,
		Modules: []auth0.ActionModuleReference{{ModuleName: "shared", ModuleVersionNumber: 1}}}, byName["a"])
	assert.Equal(t, actionCode("b", 2), byName["b"].Code, "the draft")
	assert.False(t, byName["b"].Deployed, "its draft is not deployed")
	assert.Equal(t, preReg, byName["c"].SupportedTriggers)
	assert.False(t, byName["c"].Deployed, "never deployed")
	d := byName["d"]
	assert.True(t, d.Deployed)
	assert.Equal(t, []auth0.ActionSecretParam{{Name: "API_KEY"}}, d.Secrets, "names only")
	assert.Equal(t, []auth0.ActionDependency{{Name: "axios", Version: "1.7.0"}}, d.Dependencies)
	assert.Equal(t, []auth0.ActionModuleReference{{ModuleName: "logger", ModuleVersionNumber: 1}}, d.Modules)
	assert.Equal(t, "node18", d.Runtime)

	assert.Equal(t, map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: {
		{ActionName: "a", DisplayName: "a"}, {ActionName: "fraud-guard", DisplayName: "fraud-guard"}, {ActionName: "d", DisplayName: "Log it"},
	}}, cfg.Triggers)
	assert.Equal(t, []actionsync.Skipped{
		{Kind: "action", Name: "fraud-guard", Reason: "a marketplace action (an installed integration), which Auth0 manages"},
		{Kind: "trigger", Name: "custom-token-exchange", Reason: "entity-bound: Auth0 manages its bindings per entity"},
		{Kind: "trigger", Name: "event-stream", Reason: "entity-bound: Auth0 manages its bindings per entity"},
		{Kind: "trigger", Name: "mcp-tool", Reason: "entity-bound: Auth0 manages its bindings per entity"},
		{Kind: "trigger", Name: "password-hash-migration", Reason: "entity-bound: Auth0 manages its bindings per entity"},
	}, cfg.Skipped)
	assert.Equal(t, "trigger event-stream: entity-bound: Auth0 manages its bindings per entity", cfg.Skipped[2].String())

	// It only reads, by lists: the actions, the modules, the triggers, and
	// the bindings of each of the 9 trigger-bound triggers of the live list.
	assert.Empty(t, writes(srv))
	assert.Equal(t, map[string]int{auth0test.RouteActionsList: 1, auth0test.RouteModulesList: 1, auth0test.RouteTriggersList: 1,
		auth0test.RouteBindingsList: 9}, countRoutes(srv))
	for _, r := range srv.Requests() {
		assert.NotContains(t, []string{"/api/v2/actions/triggers/custom-token-exchange/bindings",
			"/api/v2/actions/triggers/event-stream/bindings", "/api/v2/actions/triggers/mcp-tool/bindings",
			"/api/v2/actions/triggers/password-hash-migration/bindings"}, r.Path, "an entity-bound trigger's bindings are not read")
	}
}

// The exported config, planned against the same tenant, has no changes,
// with Prune too: the round trip of a first commit.
func TestExportRoundTrip(t *testing.T) {
	t.Parallel()
	srv, client := exportTenant(t)
	cfg, err := actionsync.Export(t.Context(), client)
	require.NoError(t, err)
	srv.ResetRequests()
	for _, opts := range []actionsync.PlanOptions{{}, {Prune: true}} {
		plan := mustPlan(t, client, cfg, opts)
		assert.False(t, plan.HasChanges(), "%+v:\n%s", opts, plan)
		assert.Equal(t, actionsync.Unchanged{Modules: 2, Actions: 4, Triggers: 1}, plan.Unchanged)
	}
	assert.Empty(t, writes(srv))

	// It survives its JSON form, which is how it reaches a repository.
	var decoded actionsync.Config
	require.NoError(t, json.Unmarshal([]byte(jsonOf(t, cfg)), &decoded))
	assert.Empty(t, decoded.Skipped, "Skipped is the export's report, not config")
	assert.False(t, mustPlan(t, client, &decoded, actionsync.PlanOptions{Prune: true}).HasChanges())
}

// A module whose draft is ahead of its latest version exports its draft,
// and a config's module is published whenever its draft differs: the
// round trip's plan publishes it, and nothing else.
func TestExportUnpublishedModuleDraft(t *testing.T) {
	t.Parallel()
	srv, client := newTenant(t)
	m := seedModule(t, srv, "m")
	_, err := client.Actions.Modules.Update(t.Context(), m.ID, auth0.ModuleUpdateParams{Code: auth0.String(moduleCode("m", 2))})
	require.NoError(t, err)
	cfg, err := actionsync.Export(t.Context(), client)
	require.NoError(t, err)
	assert.Equal(t, moduleCode("m", 2), cfg.Modules[0].Code)
	plan := mustPlan(t, client, cfg, actionsync.PlanOptions{})
	assert.Equal(t, []string{"module publish m"}, stepNames(plan))
}

// An empty tenant exports an empty config; Export needs a client.
func TestExportEmptyTenant(t *testing.T) {
	t.Parallel()
	_, client := newTenant(t)
	cfg, err := actionsync.Export(t.Context(), client)
	require.NoError(t, err)
	assert.Empty(t, cfg.Modules)
	assert.Empty(t, cfg.Actions)
	assert.Empty(t, cfg.Triggers)
	assert.Len(t, cfg.Skipped, 4, "the four entity-bound triggers of the live list")
	assert.False(t, mustPlan(t, client, cfg, actionsync.PlanOptions{Prune: true}).HasChanges())

	_, err = actionsync.Export(t.Context(), nil)
	assert.EqualError(t, err, "actionsync: Export needs a client")
}
