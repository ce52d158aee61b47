package actionsync_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// Helpers shared by the external tests of package actionsync: a fake
// tenant and its client, configs and seeds built from a few names, and
// readers of the fake's request log and state.

// Triggers the tests use, with the versions the fake serves as current.
var (
	postLogin = []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}
	preReg    = []auth0.Trigger{{ID: auth0.TriggerPreUserRegistration, Version: "v2"}}
)

// newTenant starts a fake tenant for one test and returns it with a client.
// Builds finish at the first read unless opts say otherwise.
func newTenant(t *testing.T, opts ...auth0test.ServerOption) (*auth0test.Server, *auth0.Client) {
	t.Helper()
	srv := auth0test.NewServer(t, opts...)
	return srv, srv.Client()
}

// actionCode is the code of a post-login action; version tells two
// drafts of one action apart.
func actionCode(name string, version int) string {
	return fmt.Sprintf("// %s v%d\nexports.onExecutePostLogin = async (event, api) => {};\n", name, version)
}

// moduleCode is the code of a module; version tells two drafts apart.
func moduleCode(name string, version int) string {
	return fmt.Sprintf("// %s v%d\nmodule.exports = { version: %d };\n", name, version, version)
}

// cfgAction is a deployed post-login action of the config, at version 1
// of its code, using the named modules (by name, latest or published by
// the apply).
func cfgAction(name string, modules ...string) actionsync.Action {
	a := actionsync.Action{Name: name, Code: actionCode(name, 1), SupportedTriggers: postLogin, Deployed: true}
	for _, m := range modules {
		a.Modules = append(a.Modules, auth0.ActionModuleReference{ModuleName: m})
	}
	return a
}

// cfgModule is a module of the config at version 1 of its code.
func cfgModule(name string) actionsync.Module {
	return actionsync.Module{Name: name, Code: moduleCode(name, 1)}
}

// bind lists bindings by action name, with the action's name as the
// display name.
func bind(names ...string) []actionsync.Binding {
	out := make([]actionsync.Binding, len(names))
	for i, n := range names {
		out[i] = actionsync.Binding{ActionName: n}
	}
	return out
}

// seedAction creates a built action on the tenant, deployed when deploy
// is true, with the code cfgAction gives it.
func seedAction(t *testing.T, srv *auth0test.Server, name string, deploy bool, triggers ...auth0.Trigger) auth0.Action {
	t.Helper()
	if len(triggers) == 0 {
		triggers = postLogin
	}
	return srv.AddAction(auth0.ActionNewParams{Name: name, SupportedTriggers: triggers,
		Code: auth0.String(actionCode(name, 1)), Deploy: auth0.Bool(deploy)})
}

// seedActionUsing creates a deployed post-login action on the tenant with
// cfgAction's code, using the latest version of each module.
func seedActionUsing(t *testing.T, srv *auth0test.Server, name string, modules ...auth0.ActionModule) auth0.Action {
	t.Helper()
	refs := make([]auth0.ActionModuleReference, len(modules))
	for i, m := range modules {
		require.NotNil(t, m.LatestVersion, "module %q is not published", m.Name)
		refs[i] = auth0.ActionModuleReference{ModuleID: m.ID, ModuleVersionID: m.LatestVersion.ID}
	}
	return srv.AddAction(auth0.ActionNewParams{Name: name, SupportedTriggers: postLogin,
		Code: auth0.String(actionCode(name, 1)), Modules: refs, Deploy: auth0.Bool(true)})
}

// seedModule creates a module on the tenant with cfgModule's code,
// published as version 1.
func seedModule(t *testing.T, srv *auth0test.Server, name string) auth0.ActionModule {
	t.Helper()
	return srv.AddModule(auth0.ModuleNewParams{Name: name, Code: moduleCode(name, 1), Publish: auth0.Bool(true)})
}

// seedBindings binds the named actions to a trigger, in order, through the
// API (the fake has no seeding method for bindings), and forgets the
// requests that took.
func seedBindings(t *testing.T, srv *auth0test.Server, trigger auth0.TriggerID, names ...string) {
	t.Helper()
	list := make([]auth0.BindingUpdate, len(names))
	for i, n := range names {
		list[i] = auth0.BindingUpdate{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionName, Value: n}}
	}
	_, err := srv.Client().Actions.Triggers.Bindings.Update(t.Context(), trigger, auth0.BindingUpdateParams{Bindings: list})
	require.NoError(t, err)
	srv.ResetRequests()
}

// mustPlan plans cfg and fails the test on an error.
func mustPlan(t *testing.T, client *auth0.Client, cfg *actionsync.Config, opts actionsync.PlanOptions) *actionsync.Plan {
	t.Helper()
	plan, err := actionsync.NewPlan(t.Context(), client, cfg, opts)
	require.NoError(t, err)
	require.NotNil(t, plan)
	return plan
}

// mustApply applies plan and fails the test on an error.
func mustApply(t *testing.T, client *auth0.Client, plan *actionsync.Plan) *actionsync.Result {
	t.Helper()
	res, err := actionsync.Apply(t.Context(), client, plan, actionsync.ApplyOptions{})
	require.NoError(t, err, "result:\n%s", res)
	return res
}

// applyConfig plans and applies cfg, failing the test on an error.
func applyConfig(t *testing.T, client *auth0.Client, cfg *actionsync.Config, opts actionsync.PlanOptions) *actionsync.Result {
	t.Helper()
	return mustApply(t, client, mustPlan(t, client, cfg, opts))
}

// writes returns the requests that could change the tenant (every method
// but GET), as "METHOD route".
func writes(srv *auth0test.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			out = append(out, r.Route)
		}
	}
	return out
}

// countRoutes counts the requests received by route.
func countRoutes(srv *auth0test.Server) map[string]int {
	out := map[string]int{}
	for _, r := range srv.Requests() {
		out[r.Route]++
	}
	return out
}

// actionByName returns the tenant's action with the name, failing the
// test when there is none.
func actionByName(t *testing.T, srv *auth0test.Server, name string) auth0.Action {
	t.Helper()
	for _, a := range srv.Actions() {
		if a.Name == name {
			full, ok := srv.Action(a.ID)
			require.True(t, ok)
			return full
		}
	}
	require.Failf(t, "no such action", "the tenant has no action %q", name)
	return auth0.Action{}
}

// moduleByName returns the tenant's module with the name, failing the
// test when there is none.
func moduleByName(t *testing.T, srv *auth0test.Server, name string) auth0.ActionModule {
	t.Helper()
	for _, m := range srv.Modules() {
		if m.Name == name {
			return m
		}
	}
	require.Failf(t, "no such module", "the tenant has no module %q", name)
	return auth0.ActionModule{}
}

// actionNames returns the names of the tenant's actions, sorted.
func actionNames(srv *auth0test.Server) []string {
	var out []string
	for _, a := range srv.Actions() {
		out = append(out, a.Name)
	}
	slices.Sort(out)
	return out
}

// moduleNames returns the names of the tenant's modules, sorted.
func moduleNames(srv *auth0test.Server) []string {
	var out []string
	for _, m := range srv.Modules() {
		out = append(out, m.Name)
	}
	slices.Sort(out)
	return out
}

// bound returns a trigger's bindings as "action-name" or
// "action-name as display-name" when the two differ, in order.
func bound(srv *auth0test.Server, trigger auth0.TriggerID) []string {
	out := []string{}
	for _, b := range srv.Bindings(trigger) {
		s := b.Action.Name
		if b.DisplayName != b.Action.Name {
			s += " as " + b.DisplayName
		}
		out = append(out, s)
	}
	return out
}

// deployedModules returns the module references of an action's deployed
// version as "module@number".
func deployedModules(t *testing.T, srv *auth0test.Server, name string) []string {
	t.Helper()
	a := actionByName(t, srv, name)
	require.NotNil(t, a.DeployedVersion, "action %q is not deployed", name)
	var out []string
	for _, m := range a.DeployedVersion.Modules {
		out = append(out, fmt.Sprintf("%s@%d", m.ModuleName, m.ModuleVersionNumber))
	}
	return out
}

// draftModules returns the module references of an action's draft as
// "module@number".
func draftModules(t *testing.T, srv *auth0test.Server, name string) []string {
	t.Helper()
	var out []string
	for _, m := range actionByName(t, srv, name).Modules {
		out = append(out, fmt.Sprintf("%s@%d", m.ModuleName, m.ModuleVersionNumber))
	}
	return out
}

// problems returns a *ConfigError's problems as their one-line strings.
func problems(t *testing.T, err error) []string {
	t.Helper()
	var ce *actionsync.ConfigError
	require.ErrorAs(t, err, &ce)
	out := make([]string, len(ce.Problems))
	for i, p := range ce.Problems {
		out[i] = p.String()
	}
	return out
}

// stepNames returns the plan's steps as "kind op name".
func stepNames(plan *actionsync.Plan) []string {
	out := make([]string, len(plan.Steps))
	for i, s := range plan.Steps {
		out[i] = strings.Join([]string{string(s.Kind), string(s.Op), s.Name}, " ")
	}
	return out
}

// resultLines returns the result's objects, one line each.
func resultLines(res *actionsync.Result) []string {
	if res == nil {
		return nil
	}
	return strings.Split(res.String(), "\n")
}

// jsonOf encodes v for a comparison, failing the test on an error.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
