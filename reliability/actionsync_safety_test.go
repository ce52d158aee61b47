package reliability

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// Stale plans and the Prune protections of package actionsync (issue 19,
// "Stale plans are refused" and "Safety").

// A writer acting between NewPlan and Apply, on each kind of object the
// mixed plan writes: Apply returns a *StalePlanError naming that object,
// and the applying client sends nothing but reads.
func TestActionsyncStalePlan(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		object string // as StalePlanError names it
		write  func(ctx context.Context, w *syncWorld) error
		// seed, when set, adds to the mixed tenant; plan is then the
		// plan's steps.
		seed func(t *testing.T, w *syncWorld)
		plan string
	}{
		{name: "a module the plan updates is edited by hand", object: `module "shared-utils"`, write: func(ctx context.Context, w *syncWorld) error {
			_, err := w.writer.Actions.Modules.Update(ctx, w.ids["shared-utils"], auth0.ModuleUpdateParams{Code: auth0.String("module.exports = { hand: 1 };")})
			return err
		}},
		{name: "a module the plan creates is created by another deploy", object: `module "crypto-helpers"`, write: func(ctx context.Context, w *syncWorld) error {
			_, err := w.writer.Actions.Modules.New(ctx, auth0.ModuleNewParams{Name: "crypto-helpers", Code: codeCrypto})
			return err
		}},
		{name: "an action the plan updates is edited by hand", object: `action "add-roles"`, write: func(ctx context.Context, w *syncWorld) error {
			_, err := w.writer.Actions.Update(ctx, w.ids["add-roles"], auth0.ActionUpdateParams{Code: auth0.String(codeRoles + " // hand")})
			return err
		}},
		{name: "an action the plan updates is deployed by another pipeline", object: `action "enrich-profile"`, write: func(ctx context.Context, w *syncWorld) error {
			if _, err := w.writer.Actions.Update(ctx, w.ids["enrich-profile"], auth0.ActionUpdateParams{Code: auth0.String(codeEnrichV1 + " // v1.1")}); err != nil {
				return err
			}
			_, err := w.writer.Actions.DeployAndWait(ctx, w.ids["enrich-profile"])
			return err
		}},
		{name: "an action the plan creates is created by another deploy", object: `action "geo-block"`, write: func(ctx context.Context, w *syncWorld) error {
			_, err := w.writer.Actions.New(ctx, auth0.ActionNewParams{Name: "geo-block", Code: auth0.String(codeGeo), SupportedTriggers: onCredsEx})
			return err
		}},
		{name: "a trigger whose bindings the plan writes is reordered", object: "trigger post-login", write: func(ctx context.Context, w *syncWorld) error {
			list := []auth0.BindingUpdate{}
			for _, name := range []string{"legacy-rule", "add-roles", "enrich-profile"} {
				list = append(list, auth0.BindingUpdate{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: w.ids[name]}})
			}
			_, err := w.writer.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{Bindings: list})
			return err
		}},
		{name: "an action the plan deletes is edited by hand", object: `action "legacy-rule"`, write: func(ctx context.Context, w *syncWorld) error {
			_, err := w.writer.Actions.Update(ctx, w.ids["legacy-rule"], auth0.ActionUpdateParams{Code: auth0.String(codeLegacy + " // still needed")})
			return err
		}},
		{name: "a module the plan deletes is changed and published", object: `module "unused-mod"`, write: func(ctx context.Context, w *syncWorld) error {
			if _, err := w.writer.Actions.Modules.Update(ctx, w.ids["unused-mod"], auth0.ModuleUpdateParams{Code: auth0.String("module.exports = { used: 1 };")}); err != nil {
				return err
			}
			_, err := w.writer.Actions.Modules.Versions.New(ctx, w.ids["unused-mod"])
			return err
		}},
		{name: "a module the plan deletes comes into use (an action's draft starts using it)", object: `module "unused-mod"`,
			write: func(ctx context.Context, w *syncWorld) error {
				m, _ := w.fake.Module(w.ids["unused-mod"])
				_, err := w.writer.Actions.Update(ctx, w.ids["audit-log"], auth0.ActionUpdateParams{
					Modules: []auth0.ActionModuleReference{{ModuleID: m.ID, ModuleVersionID: m.LatestVersion.ID}}})
				return err
			}},
		{name: "an action the plan deletes is bound to a trigger the config does not list", object: `action "old-signup-hook"`,
			write: func(ctx context.Context, w *syncWorld) error {
				_, err := w.writer.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostUserRegistration, auth0.BindingUpdateParams{
					Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: w.ids["old-signup-hook"]}}}})
				return err
			},
			seed: func(t *testing.T, w *syncWorld) {
				w.addAction(t, "old-signup-hook", "exports.onExecutePostUserRegistration = async () => {};",
					[]auth0.Trigger{{ID: auth0.TriggerPostUserRegistration, Version: "v2"}}, nil)
			},
			plan: strings.Replace(mixedPlan, "delete action legacy-rule;", "delete action legacy-rule; delete action old-signup-hook;", 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := begin(t, "actionsync", "stale plan: "+tc.name+" between NewPlan and Apply",
				"*actionsync.StalePlanError naming "+tc.object+" and nothing else; no request but GETs after the plan; the tenant as the writer left it")
			countSync(t, s, "stale", nil)
			w := newSyncWorld(t, s)
			w.seedMixed(t)
			want := mixedPlan
			if tc.seed != nil {
				tc.seed(t, w)
				want = tc.plan
			}
			ctx := ctxT(t, 30*time.Second)
			plan, err := actionsync.NewPlan(ctx, w.client, mixedConfig(), actionsync.PlanOptions{Prune: true})
			require.NoError(t, err)
			require.Equal(t, want, planSteps(plan))
			afterPlan := len(w.front.requests())

			require.NoError(t, tc.write(ctx, w))
			before := w.digest()
			res, err := actionsync.Apply(ctx, w.client, plan, actionsync.ApplyOptions{})
			var stale *actionsync.StalePlanError
			require.ErrorAs(t, err, &stale, "Apply wrote over the writer's change: %v", res)
			assert.Equal(t, []string{tc.object}, stale.Objects)
			assert.Contains(t, err.Error(), tc.object)
			assert.Empty(t, w.writesSince(afterPlan), "requests other than GET after the plan")
			assert.Equal(t, before, w.digest(), "the tenant changed after the writer")
			s.observe("%v; %d requests after the plan, %d of them writes", err, len(w.front.requests())-afterPlan, len(w.writesSince(afterPlan)))
		})
	}
}

// The control of the stale check: a writer changing an object the plan
// does not write (audit-log, unchanged, which the plan only binds) does
// not stop the apply.
func TestActionsyncStalePlanIgnoresObjectsNotWritten(t *testing.T) {
	t.Parallel()
	s := begin(t, "actionsync", "stale plan: an object the plan does not write (an unchanged action it binds) is edited between NewPlan and Apply",
		"the apply goes on and succeeds; the edit stays; the next plan shows it")
	countSync(t, s, "stale", nil)
	w := newSyncWorld(t, s)
	w.seedMixed(t)
	ctx := ctxT(t, 30*time.Second)
	cfg := mixedConfig()
	plan, err := actionsync.NewPlan(ctx, w.client, cfg, actionsync.PlanOptions{Prune: true})
	require.NoError(t, err)
	edited := codeAudit + " // hand edit"
	_, err = w.writer.Actions.Update(ctx, w.ids["audit-log"], auth0.ActionUpdateParams{Code: auth0.String(edited)})
	require.NoError(t, err)

	res, err := actionsync.Apply(ctx, w.client, plan, actionsync.ApplyOptions{})
	require.NoError(t, err, "%v", res)
	a, _ := w.fake.Action(w.ids["audit-log"])
	assert.Equal(t, edited, a.Code, "the hand edit was kept")
	next, err := actionsync.NewPlan(ctx, w.client, cfg, actionsync.PlanOptions{Prune: true})
	require.NoError(t, err)
	assert.Equal(t, "update action audit-log +deploy", planSteps(next))
	s.observe("the apply succeeded (%d objects); the next plan: %s", len(res.Objects), planSteps(next))
}

// Prune never deletes a marketplace action (an installed integration):
// neither one bound to a trigger the config does not list (which for
// another action would be a plan error) nor an unbound one.
func TestActionsyncPruneKeepsMarketplaceActions(t *testing.T) {
	t.Parallel()
	s := begin(t, "actionsync", "Prune with two marketplace actions on the tenant, one bound to a trigger the config does not list",
		"no delete planned or sent for either, no plan error; both stay, and so do the unlisted trigger's bindings")
	countSync(t, s, "prune", nil)
	w := newSyncWorld(t, s)
	w.seedMixed(t)
	bound := w.putMarketplace(t, "mkt-signup-enrichment", auth0.TriggerPostUserRegistration, "v2")
	unbound := w.putMarketplace(t, "mkt-risk-signals", auth0.TriggerPostLogin, "v3")
	w.bind(t, auth0.TriggerPostUserRegistration, []string{"mkt-signup-enrichment"}, "Signup enrichment")
	w.fake.ResetRequests()
	ctx := ctxT(t, 30*time.Second)
	cfg := mixedConfig()

	plan, err := actionsync.NewPlan(ctx, w.client, cfg, actionsync.PlanOptions{Prune: true})
	require.NoError(t, err)
	assert.Equal(t, mixedPlan, planSteps(plan), "the same plan as without the marketplace actions")
	res, err := actionsync.Apply(ctx, w.client, plan, actionsync.ApplyOptions{})
	require.NoError(t, err, "%v", res)

	for _, id := range []string{bound.ID, unbound.ID} {
		_, ok := w.fake.Action(id)
		assert.True(t, ok, "marketplace action %s was deleted", id)
	}
	var deletes []string
	for _, r := range w.fake.Requests() {
		if r.Method == "DELETE" {
			deletes = append(deletes, r.Path)
		}
	}
	assert.Equal(t, []string{"/api/v2/actions/actions/" + w.ids["legacy-rule"], "/api/v2/actions/modules/" + w.ids["unused-mod"]}, deletes)
	pur := w.fake.Bindings(auth0.TriggerPostUserRegistration)
	if assert.Len(t, pur, 1) {
		assert.Equal(t, bound.ID, pur[0].Action.ID)
	}
	w.assertConverged(t, cfg, mixedWant.moduleVersions, mixedWant.actionVersions, mixedWant.gone)
	s.observe("plan: %s; DELETEs: %d (legacy-rule, unused-mod); both marketplace actions kept, post-user-registration still binds %s",
		planSteps(plan), len(deletes), bound.Name)
}

// A config cannot manage a marketplace action: naming one is a plan error.
func TestActionsyncMarketplaceActionInConfigRefused(t *testing.T) {
	t.Parallel()
	s := begin(t, "actionsync", "a config action with the name of a marketplace action on the tenant",
		"*actionsync.ConfigError naming the action; only GETs sent")
	countSync(t, s, "prune", nil)
	w := newSyncWorld(t, s)
	w.seedMixed(t)
	w.putMarketplace(t, "mkt-risk-signals", auth0.TriggerPostLogin, "v3")
	cfg := mixedConfig()
	cfg.Actions = append(cfg.Actions, actionsync.Action{Name: "mkt-risk-signals", Code: codeLegacy, SupportedTriggers: onPostLogin, Deployed: true})

	_, err := actionsync.NewPlan(ctxT(t, 30*time.Second), w.client, cfg, actionsync.PlanOptions{Prune: true})
	var ce *actionsync.ConfigError
	require.ErrorAs(t, err, &ce)
	require.Len(t, ce.Problems, 1)
	assert.Equal(t, `action "mkt-risk-signals"`, ce.Problems[0].Object)
	assert.Contains(t, ce.Problems[0].Message, "marketplace")
	assert.Empty(t, w.writesSince(0))
	s.observe("%v", err)
}

// putMarketplace puts an installed integration's action on the tenant,
// deployed.
func (w *syncWorld) putMarketplace(t *testing.T, name string, trigger auth0.TriggerID, version string) auth0.Action {
	t.Helper()
	code := "exports.onExecute = async () => { /* " + name + " */ };"
	a := w.fake.PutAction(auth0.Action{Name: name, Code: code,
		SupportedTriggers: []auth0.Trigger{{ID: trigger, Version: version}}, InstalledIntegrationID: "inst-" + name,
		Integration:     &auth0.Integration{ID: "int-" + name, Name: name, CatalogID: name},
		DeployedVersion: &auth0.ActionVersion{Code: code}, AllChangesDeployed: true})
	w.ids[name] = a.ID
	return a
}

// Prune refuses to delete an action bound to a trigger the config does not
// list: a plan error naming the action and the trigger, before any write.
func TestActionsyncPruneRefusesActionBoundToUnlistedTrigger(t *testing.T) {
	t.Parallel()
	s := begin(t, "actionsync", "Prune, and an action the config leaves out is bound to a trigger the config does not list",
		"*actionsync.ConfigError naming the action and the trigger; only GETs sent; the tenant unchanged")
	countSync(t, s, "prune", nil)
	w := newSyncWorld(t, s)
	w.seedMixed(t)
	w.addAction(t, "fraud-check", codePassword, onPassword, nil)
	w.bind(t, auth0.TriggerPostChangePassword, []string{"fraud-check"}, "fraud-check")
	before := w.digest()

	_, err := actionsync.NewPlan(ctxT(t, 30*time.Second), w.client, mixedConfig(), actionsync.PlanOptions{Prune: true})
	var ce *actionsync.ConfigError
	require.ErrorAs(t, err, &ce)
	require.Len(t, ce.Problems, 1, "%v", err)
	assert.Equal(t, `action "fraud-check"`, ce.Problems[0].Object)
	assert.Contains(t, ce.Problems[0].Message, string(auth0.TriggerPostChangePassword))
	assert.Contains(t, err.Error(), `action "fraud-check"`)
	assert.Empty(t, w.writesSince(0))
	assert.Equal(t, before, w.digest())
	s.observe("%v", err)
}

const codePassword = "exports.onExecutePostChangePassword = async () => { /* fraud check */ };"

var onPassword = []auth0.Trigger{{ID: auth0.TriggerPostChangePassword, Version: "v2"}}

// addAction adds a deployed action to the tenant.
func (w *syncWorld) addAction(t *testing.T, name, code string, on []auth0.Trigger, mods []auth0.ActionModuleReference) {
	t.Helper()
	a := w.fake.AddAction(auth0.ActionNewParams{Name: name, Code: auth0.String(code), SupportedTriggers: on,
		Modules: mods, Deploy: auth0.Bool(true)})
	w.ids[name] = a.ID
}

// Without Prune nothing is deleted or unbound, apart from the lists of the
// triggers the config lists.
func TestActionsyncWithoutPruneDeletesNothing(t *testing.T) {
	t.Parallel()
	s := begin(t, "actionsync", "the mixed apply without Prune, on a tenant with actions and modules the config leaves out (bound to a listed trigger, to an unlisted one, unbound; an unused module)",
		"no DELETE; every left-out object stays; only the listed triggers' bindings are written; the unlisted trigger keeps its list")
	countSync(t, s, "prune", nil)
	w := newSyncWorld(t, s)
	w.seedMixed(t)
	w.addAction(t, "fraud-check", codePassword, onPassword, nil)
	w.addAction(t, "spare-action", codeLegacy, onPostLogin, nil)
	w.bind(t, auth0.TriggerPostChangePassword, []string{"fraud-check"}, "Fraud check")
	w.fake.ResetRequests()
	unlistedBefore := w.fake.Bindings(auth0.TriggerPostChangePassword)
	ctx := ctxT(t, 30*time.Second)
	cfg := mixedConfig()

	plan, err := actionsync.NewPlan(ctx, w.client, cfg, actionsync.PlanOptions{})
	require.NoError(t, err)
	assert.Equal(t, strings.TrimSuffix(mixedPlan, "; delete action legacy-rule; delete module unused-mod"), planSteps(plan))
	res, err := actionsync.Apply(ctx, w.client, plan, actionsync.ApplyOptions{})
	require.NoError(t, err, "%v", res)

	var deletes, bindingWrites []string
	for _, r := range w.fake.Requests() {
		switch {
		case r.Method == "DELETE":
			deletes = append(deletes, r.Path)
		case r.Method == "PATCH" && strings.HasSuffix(r.Path, "/bindings"):
			bindingWrites = append(bindingWrites, r.Path)
		}
	}
	assert.Empty(t, deletes)
	slices.Sort(bindingWrites)
	assert.Equal(t, []string{"/api/v2/actions/triggers/credentials-exchange/bindings", "/api/v2/actions/triggers/post-login/bindings"}, bindingWrites)
	for _, name := range []string{"legacy-rule", "fraud-check", "spare-action"} {
		_, ok := w.fake.Action(w.ids[name])
		assert.True(t, ok, "action %s was deleted", name)
	}
	_, ok := w.fake.Module(w.ids["unused-mod"])
	assert.True(t, ok, "module unused-mod was deleted")
	assert.Equal(t, unlistedBefore, w.fake.Bindings(auth0.TriggerPostChangePassword), "the unlisted trigger's bindings")
	w.assertConverged(t, cfg, mixedWant.moduleVersions, mixedWant.actionVersions, nil)
	next, err := actionsync.NewPlan(ctx, w.client, cfg, actionsync.PlanOptions{})
	require.NoError(t, err)
	assert.False(t, next.HasChanges(), "%s", planSteps(next))
	s.observe("plan: %s; 0 DELETEs; bindings PATCHed: %d (the listed triggers); left-out actions and module kept", planSteps(plan), len(bindingWrites))
}

// Prune deletes a module only when no action that stays uses it: not one a
// config action names, not one a config action's tenant draft or deployed
// version uses when the config leaves its modules alone, not one the
// deployed version of an action the config does not deploy uses, not one
// an action the config only binds uses.
func TestActionsyncPruneKeepsModulesInUse(t *testing.T) {
	t.Parallel()
	s := begin(t, "actionsync", "Prune with modules used in every way an action that stays can use one, a module no longer used and an unused one",
		"only the module no longer used (after the redeploy) and the unused one are deleted")
	countSync(t, s, "prune", nil)
	w := newSyncWorld(t, s)
	ref := map[string]auth0.ActionModuleReference{}
	for _, name := range []string{"lib-by-name", "lib-tenant-ref", "lib-deployed-only", "lib-bound-only", "lib-replaced", "lib-unused"} {
		m := w.fake.AddModule(auth0.ModuleNewParams{Name: name, Code: "module.exports = { name: '" + name + "' };", Publish: auth0.Bool(true)})
		w.ids[name] = m.ID
		ref[name] = auth0.ActionModuleReference{ModuleID: m.ID, ModuleVersionID: m.LatestVersion.ID}
	}
	code := func(name string) string { return "exports.onExecutePostLogin = async () => { /* " + name + " */ };" }
	for action, lib := range map[string]string{"user-sync": "lib-by-name", "token-enricher": "lib-tenant-ref",
		"risk-score": "lib-deployed-only", "vendor-hook": "lib-bound-only", "swap": "lib-replaced"} {
		w.addAction(t, action, code(action), onPostLogin, []auth0.ActionModuleReference{ref[lib]})
	}
	w.fake.ResetRequests()
	byName := []auth0.ActionModuleReference{{ModuleName: "lib-by-name"}}
	cfg := &actionsync.Config{
		Actions: []actionsync.Action{
			{Name: "user-sync", Code: code("user-sync"), SupportedTriggers: onPostLogin, Modules: byName, Deployed: true},
			{Name: "token-enricher", Code: code("token-enricher"), SupportedTriggers: onPostLogin, Deployed: true},
			{Name: "risk-score", Code: code("risk-score"), SupportedTriggers: onPostLogin, Modules: byName},
			{Name: "swap", Code: code("swap"), SupportedTriggers: onPostLogin, Modules: byName, Deployed: true},
		},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{
			auth0.TriggerPostLogin: {{ActionName: "vendor-hook"}, {ActionName: "user-sync"}},
		},
	}
	ctx := ctxT(t, 30*time.Second)
	plan, err := actionsync.NewPlan(ctx, w.client, cfg, actionsync.PlanOptions{Prune: true})
	require.NoError(t, err)
	assert.Equal(t, "update action risk-score; update action swap +deploy; bind trigger post-login; "+
		"delete module lib-replaced; delete module lib-unused", planSteps(plan))
	res, err := actionsync.Apply(ctx, w.client, plan, actionsync.ApplyOptions{})
	require.NoError(t, err, "%v", res)

	for _, name := range []string{"lib-by-name", "lib-tenant-ref", "lib-deployed-only", "lib-bound-only"} {
		_, ok := w.fake.Module(w.ids[name])
		assert.True(t, ok, "module %s is in use and was deleted", name)
	}
	for _, name := range []string{"lib-replaced", "lib-unused"} {
		_, ok := w.fake.Module(w.ids[name])
		assert.False(t, ok, "module %s should have been deleted", name)
	}
	risk, _ := w.fake.Action(w.ids["risk-score"])
	if assert.NotNil(t, risk.DeployedVersion) && assert.Len(t, risk.DeployedVersion.Modules, 1) {
		assert.Equal(t, "lib-deployed-only", risk.DeployedVersion.Modules[0].ModuleName, "risk-score is not deployed by the config")
	}
	next, err := actionsync.NewPlan(ctx, w.client, cfg, actionsync.PlanOptions{Prune: true})
	require.NoError(t, err)
	assert.False(t, next.HasChanges(), "%s", planSteps(next))
	s.observe("plan: %s; kept: lib-by-name, lib-tenant-ref, lib-deployed-only, lib-bound-only", planSteps(plan))
}

// digest prints what a writer could change on the tenant, object by
// object: to show that an apply wrote nothing.
func (w *syncWorld) digest() string {
	var lines []string
	for _, a := range w.fake.Actions() {
		full, _ := w.fake.Action(a.ID)
		deployed := ""
		if full.DeployedVersion != nil {
			deployed = full.DeployedVersion.ID
		}
		lines = append(lines, fmt.Sprintf("action %s %s code=%q modules=%v deployed=%s versions=%d", a.Name, a.ID,
			full.Code, refsOf(full.Modules), deployed, len(w.fake.Versions(a.ID))))
	}
	for _, m := range w.fake.Modules() {
		lines = append(lines, fmt.Sprintf("module %s %s code=%q latest=%d versions=%d", m.Name, m.ID, m.Code,
			latestNumber(m), len(w.fake.ModuleVersions(m.ID))))
	}
	for _, trigger := range []auth0.TriggerID{auth0.TriggerPostLogin, auth0.TriggerCredentialsExchange,
		auth0.TriggerPostChangePassword, auth0.TriggerPostUserRegistration} {
		for _, b := range w.fake.Bindings(trigger) {
			lines = append(lines, fmt.Sprintf("binding %s %s %s %q", trigger, b.ID, b.Action.ID, b.DisplayName))
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// writesSince returns the requests other than GET that reached the front
// from the applying client after the first n.
func (w *syncWorld) writesSince(n int) []string {
	var out []string
	for _, l := range w.front.requests()[n:] {
		if l.Method != http.MethodGet {
			out = append(out, l.Method+" "+l.Path)
		}
	}
	return out
}

// Prune deletes a module only once no action uses it: when the step of the
// action that stops using it fails, the module stays (the action's draft
// still uses it), and a fresh plan and apply finish both.
func TestActionsyncPruneKeepsModuleWhileItsUserFails(t *testing.T) {
	t.Parallel()
	s := begin(t, "actionsync", "Prune, and the update of the action whose draft stops using the module to delete fails (503s)",
		"the module delete is not attempted (the draft still uses it); a fresh plan and apply update the action, then delete the module")
	countSync(t, s, "prune", nil)
	w := newSyncWorld(t, s)
	ref := map[string]auth0.ActionModuleReference{}
	for _, name := range []string{"lib-kept", "lib-dropped"} {
		m := w.fake.AddModule(auth0.ModuleNewParams{Name: name, Code: "module.exports = { name: '" + name + "' };", Publish: auth0.Bool(true)})
		w.ids[name] = m.ID
		ref[name] = auth0.ActionModuleReference{ModuleID: m.ID, ModuleVersionID: m.LatestVersion.ID}
	}
	code := "exports.onExecutePostLogin = async () => { /* swap */ };"
	w.addAction(t, "swap", code, onPostLogin, []auth0.ActionModuleReference{ref["lib-kept"]})
	ctx := ctxT(t, 30*time.Second)
	// A hand edit not deployed: the draft uses lib-dropped.
	_, err := w.writer.Actions.Update(ctx, w.ids["swap"], auth0.ActionUpdateParams{Modules: []auth0.ActionModuleReference{ref["lib-dropped"]}})
	require.NoError(t, err)
	cfg := &actionsync.Config{Actions: []actionsync.Action{{Name: "swap", Code: code, SupportedTriggers: onPostLogin,
		Modules: []auth0.ActionModuleReference{{ModuleName: "lib-kept"}}, Deployed: true}}}
	plan, err := actionsync.NewPlan(ctx, w.client, cfg, actionsync.PlanOptions{Prune: true})
	require.NoError(t, err)
	require.Equal(t, "update action swap +deploy; delete module lib-dropped", planSteps(plan))

	w.front.arm(frontTarget{route: auth0test.RouteActionsUpdate, id: w.ids["swap"], mode: front5xx})
	res, err := actionsync.Apply(ctx, w.client, plan, actionsync.ApplyOptions{})
	hits := w.front.disarm()
	syncFigs.mu.Lock()
	syncFigs.faults += len(hits)
	syncFigs.mu.Unlock()
	var ae *actionsync.ApplyError
	require.ErrorAs(t, err, &ae)
	_, kept := w.fake.Module(w.ids["lib-dropped"])
	require.True(t, kept, "lib-dropped was deleted while swap's draft uses it: %v", res)
	require.Len(t, ae.Failed, 2, "%v", err)
	assert.Equal(t, "swap", ae.Failed[0].Name)
	assert.Equal(t, "lib-dropped", ae.Failed[1].Name)
	assert.ErrorIs(t, ae.Failed[1].Err, actionsync.ErrNotAttempted)

	plan2, err := actionsync.NewPlan(ctx, w.client, cfg, actionsync.PlanOptions{Prune: true})
	require.NoError(t, err)
	assert.Equal(t, "update action swap +deploy; delete module lib-dropped", planSteps(plan2))
	res2, err := actionsync.Apply(ctx, w.client, plan2, actionsync.ApplyOptions{})
	require.NoError(t, err, "%v", res2)
	_, kept = w.fake.Module(w.ids["lib-dropped"])
	assert.False(t, kept, "lib-dropped should be deleted once swap no longer uses it")
	w.assertConverged(t, cfg, nil, map[string]int{"swap": 2}, []string{"lib-dropped"})
	s.observe("apply 1: %s; apply 2 updated swap and deleted lib-dropped", strings.ReplaceAll(ae.Failed[1].String(), "\n", " "))
}
