package contracttest

import (
	"context"
	"fmt"

	auth0 "github.com/actions-sdk/auth0-go"
)

// IDs used in the calls. Prism's mock ignores them, but they are shaped like
// the real ones.
const (
	actionID             = "5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d"
	otherActionID        = "c0ffee00-1b2c-4d3e-8f90-a1b2c3d4e5f6"
	versionID            = "a9e0d3c1-7b52-4f18-8c3e-61d2f4a7b890"
	bindingID            = "3e9a1c55-8f0b-4d2e-a7c6-b5d4e3f2a1b0"
	executionID          = "M9IqRp9wQLaYNrSwz6YPTTIwMjYwMzAz"
	moduleID             = "6c0e2f1a-3d4b-4a5c-8e9f-0a1b2c3d4e5f"
	moduleVersionID      = "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f"
	otherModuleID        = "7d4c2a10-5b6e-4f3a-9c8d-1e2f3a4b5c6d"
	otherModuleVersionID = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
	moduleName           = "shared-utils"
)

const postLoginCode = `exports.onExecutePostLogin = async (event, api) => {
  const roles = event.authorization?.roles ?? [];
  api.idToken.setCustomClaim('https://example.com/roles', roles);
  api.accessToken.setCustomClaim('https://example.com/roles', roles);
};`

func fullNewParams() auth0.ActionNewParams {
	return auth0.ActionNewParams{
		Name:              "add-roles-to-token",
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Code:              auth0.String(postLoginCode),
		Dependencies: []auth0.ActionDependency{
			{Name: "lodash", Version: "4.17.21"},
			{Name: "@acme/risk-client", Version: "2.3.1", RegistryURL: "https://npm.acme.example.com/"},
		},
		Runtime: auth0.String(auth0.RuntimeNode22),
		Secrets: []auth0.ActionSecretParam{
			{Name: "API_KEY", Value: "s3cr3t-api-key"},
			{Name: "WEBHOOK_SECRET", Value: "whsec_0a1b2c3d"},
		},
		// The first reference is filled in as a response would have it: the
		// SDK must send only its two IDs (the API fills in the name and
		// number itself). The second holds only the IDs.
		Modules: []auth0.ActionModuleReference{
			{ModuleID: moduleID, ModuleName: moduleName, ModuleVersionID: moduleVersionID, ModuleVersionNumber: 2},
			{ModuleID: otherModuleID, ModuleVersionID: otherModuleVersionID},
		},
		Deploy: auth0.Bool(true),
	}
}

func fullUpdateParams() auth0.ActionUpdateParams {
	p := fullNewParams()
	return auth0.ActionUpdateParams{
		Name:              auth0.String("add-roles-and-groups-to-token"),
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Code:              auth0.String(postLoginCode + "\n// v2"),
		Dependencies:      append(p.Dependencies, auth0.ActionDependency{Name: "axios", Version: "latest"}),
		Runtime:           auth0.String(auth0.RuntimeNode18Actions),
		Secrets:           []auth0.ActionSecretParam{{Name: "API_KEY", Value: "rotated-api-key"}},
		Modules:           p.Modules,
	}
}

func testPayload() map[string]any {
	return map[string]any{
		"event": map[string]any{
			"user": map[string]any{
				"user_id":        "auth0|65f0c1d2e3a4b5c6d7e8f901",
				"email":          "ana@example.com",
				"email_verified": true,
				"app_metadata":   map[string]any{"plan": "pro"},
			},
			"authorization": map[string]any{"roles": []any{"admin", "editor"}},
			"request":       map[string]any{"ip": "203.0.113.7", "geoip": map[string]any{"countryCode": "PT"}},
			"client":        map[string]any{"client_id": "8dKq1mPz3nVb7xR2", "name": "My App"},
		},
	}
}

func severalBindings() auth0.BindingUpdateParams {
	return auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{
		{
			Ref:         auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: actionID},
			DisplayName: auth0.String("add-roles-to-token"),
			Secrets:     []auth0.ActionSecretParam{{Name: "TENANT_KEY", Value: "binding-level-secret"}},
		},
		{
			Ref:         auth0.BindingRef{Type: auth0.BindingRefTypeActionName, Value: "block-risky-ips"},
			DisplayName: auth0.String("Block risky IPs"),
		},
		{
			Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: otherActionID},
		},
		{
			Ref:         auth0.BindingRef{Type: auth0.BindingRefTypeBindingID, Value: bindingID},
			DisplayName: auth0.String("kept binding"),
		},
	}}
}

// moduleRefs checks the modules of an action's create or update body
// (fullNewParams' two references): each is sent as its two IDs only, the
// form the live API needs, even when the name and number are set.
func (e expect) moduleRefs(b map[string]any) {
	e.t.Helper()
	mods, _ := b["modules"].([]any)
	if !e.that2(len(mods) == 2, "modules is %v, want 2 references", b["modules"]) {
		return
	}
	for i, want := range [][2]string{{moduleID, moduleVersionID}, {otherModuleID, otherModuleVersionID}} {
		m, _ := mods[i].(map[string]any)
		where := fmt.Sprintf("modules[%d]", i)
		e.keys(where, m, "module_id", "module_version_id")
		e.that(m["module_id"] == want[0] && m["module_version_id"] == want[1], "%s is %v, want module_id %s and module_version_id %s",
			where, m, want[0], want[1])
	}
}

// endpointOperations returns a call of every SDK endpoint method, in every
// variant of its params worth checking: the 24 operations of the document,
// the 14 of actions, versions, executions, triggers and bindings here and
// the 10 of modules in moduleOperations.
func endpointOperations() []operation {
	return append(actionOperations(), moduleOperations()...)
}

// actionOperations returns the calls of the 14 operations that are not
// about modules.
func actionOperations() []operation {
	return []operation{
		// POST /actions/actions
		{
			name: "Actions.New/full", complete: true, method: "POST", path: "/actions/actions",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.New(ctx, fullNewParams())
			},
			request: func(e expect, ex exchange) {
				b := e.body(ex)
				e.keys("the body", b, "name", "supported_triggers", "code", "dependencies", "runtime", "secrets", "modules", "deploy")
				e.that(b["deploy"] == true, "deploy is %v, want true", b["deploy"])
				trig, _ := b["supported_triggers"].([]any)
				e.that(len(trig) == 1, "supported_triggers is %v", b["supported_triggers"])
				if len(trig) == 1 {
					t0, _ := trig[0].(map[string]any)
					e.keys("supported_triggers[0]", t0, "id", "version")
				}
				deps, _ := b["dependencies"].([]any)
				if e.that2(len(deps) == 2, "dependencies is %v", b["dependencies"]) {
					d1, _ := deps[1].(map[string]any)
					e.keys("dependencies[1]", d1, "name", "version", "registry_url")
				}
				secrets, _ := b["secrets"].([]any)
				if e.that2(len(secrets) == 2, "secrets is %v", b["secrets"]) {
					s0, _ := secrets[0].(map[string]any)
					e.keys("secrets[0]", s0, "name", "value")
					e.that(s0["value"] == "s3cr3t-api-key", "secrets[0].value is %v", s0["value"])
				}
				e.moduleRefs(b)
			},
			check: checkActionResult,
		},
		{
			name: "Actions.New/minimal", method: "POST", path: "/actions/actions",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.New(ctx, auth0.ActionNewParams{
					Name:              "exchange-audit",
					SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerCredentialsExchange}},
					Deploy:            auth0.Bool(false),
				})
			},
			request: func(e expect, ex exchange) {
				b := e.body(ex)
				e.keys("the body", b, "name", "supported_triggers", "deploy")
				e.that(b["deploy"] == false, "deploy is %v, want false", b["deploy"])
			},
			check: checkActionResult,
		},
		// GET /actions/actions/{id}
		{
			name: "Actions.Get", method: "GET", path: "/actions/actions/{id}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Get(ctx, actionID)
			},
			request: func(e expect, ex exchange) {
				e.that(ex.url.Path == "/actions/actions/"+actionID, "path is %s", ex.url.Path)
				e.noBody(ex)
			},
			check: checkActionResult,
		},
		// PATCH /actions/actions/{id}
		{
			name: "Actions.Update/full", complete: true, method: "PATCH", path: "/actions/actions/{id}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Update(ctx, actionID, fullUpdateParams())
			},
			request: func(e expect, ex exchange) {
				b := e.body(ex)
				e.keys("the body", b, "name", "supported_triggers", "code", "dependencies", "runtime", "secrets", "modules")
				e.moduleRefs(b)
			},
			check: checkActionResult,
		},
		{
			name: "Actions.Update/clear-lists", method: "PATCH", path: "/actions/actions/{id}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Update(ctx, actionID, auth0.ActionUpdateParams{
					Secrets:      []auth0.ActionSecretParam{},
					Dependencies: []auth0.ActionDependency{},
					Modules:      []auth0.ActionModuleReference{},
				})
			},
			request: func(e expect, ex exchange) {
				b := e.body(ex)
				e.keys("the body", b, "secrets", "dependencies", "modules")
				for _, k := range []string{"secrets", "dependencies", "modules"} {
					l, ok := b[k].([]any)
					e.that(ok && len(l) == 0, "%s is %v, want []", k, b[k])
				}
			},
			check: checkActionResult,
		},
		{
			name: "Actions.Update/rename", method: "PATCH", path: "/actions/actions/{id}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Update(ctx, actionID, auth0.ActionUpdateParams{Name: auth0.String("add-roles-v2")})
			},
			request: func(e expect, ex exchange) {
				e.keys("the body", e.body(ex), "name")
			},
			check: checkActionResult,
		},
		// DELETE /actions/actions/{id}
		{
			name: "Actions.Delete/force", complete: true, method: "DELETE", path: "/actions/actions/{id}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return nil, c.Actions.Delete(ctx, actionID, auth0.ActionDeleteParams{Force: auth0.Bool(true)})
			},
			request: func(e expect, ex exchange) {
				e.query(ex, q("force", "true"))
				e.noBody(ex)
			},
		},
		{
			name: "Actions.Delete/force-false", method: "DELETE", path: "/actions/actions/{id}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return nil, c.Actions.Delete(ctx, actionID, auth0.ActionDeleteParams{Force: auth0.Bool(false)})
			},
			request: func(e expect, ex exchange) { e.query(ex, q("force", "false")) },
		},
		{
			name: "Actions.Delete/default", method: "DELETE", path: "/actions/actions/{id}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return nil, c.Actions.Delete(ctx, actionID, auth0.ActionDeleteParams{})
			},
			request: func(e expect, ex exchange) { e.query(ex, nil) },
		},
		// GET /actions/actions
		{
			name: "Actions.List/all-filters", complete: true, method: "GET", path: "/actions/actions", reqPage: 2, reqPerPage: 25,
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.List(ctx, auth0.ActionListParams{
					TriggerID:  auth0.Ptr(auth0.TriggerPostLogin),
					ActionName: auth0.String("add-roles-to-token"),
					Deployed:   auth0.Bool(true),
					Installed:  auth0.Bool(false),
					Page:       auth0.Int(2),
					PerPage:    auth0.Int(25),
				})
			},
			request: func(e expect, ex exchange) {
				e.query(ex, q("triggerId", "post-login", "actionName", "add-roles-to-token", "deployed", "true",
					"installed", "false", "page", "2", "per_page", "25"))
			},
			check: checkActionPage,
		},
		{
			name: "Actions.List/other-filters", method: "GET", path: "/actions/actions", reqPage: 0, reqPerPage: 100,
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.List(ctx, auth0.ActionListParams{
					TriggerID: auth0.Ptr(auth0.TriggerCustomTokenExchange),
					Deployed:  auth0.Bool(false),
					Installed: auth0.Bool(true),
					PerPage:   auth0.Int(100),
				})
			},
			request: func(e expect, ex exchange) {
				e.query(ex, q("triggerId", "custom-token-exchange", "deployed", "false", "installed", "true",
					"page", "0", "per_page", "100"))
			},
			check: checkActionPage,
		},
		{
			name: "Actions.List/default", method: "GET", path: "/actions/actions", reqPage: 0, reqPerPage: auth0.DefaultPerPage,
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.List(ctx, auth0.ActionListParams{})
			},
			request: func(e expect, ex exchange) { e.query(ex, q("page", "0", "per_page", "50")) },
			check:   checkActionPage,
		},
		// POST /actions/actions/{id}/deploy
		{
			name: "Actions.Deploy", method: "POST", path: "/actions/actions/{id}/deploy",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Deploy(ctx, actionID)
			},
			request: func(e expect, ex exchange) { e.noBody(ex) },
			check:   checkVersionResult,
		},
		// POST /actions/actions/{id}/test
		{
			name: "Actions.Test", complete: true, method: "POST", path: "/actions/actions/{id}/test",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Test(ctx, actionID, auth0.ActionTestParams{Payload: testPayload()})
			},
			request: func(e expect, ex exchange) {
				b := e.body(ex)
				e.keys("the body", b, "payload")
				p, _ := b["payload"].(map[string]any)
				e.keys("payload", p, "event")
			},
			check: func(e expect, v any) {
				r := v.(*auth0.ActionTestResponse)
				e.that(r.Payload != nil, "Payload is nil")
			},
		},
		// GET /actions/executions/{id}
		{
			name: "Executions.Get", method: "GET", path: "/actions/executions/{id}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Executions.Get(ctx, executionID)
			},
			request: func(e expect, ex exchange) {
				e.that(ex.url.Path == "/actions/executions/"+executionID, "path is %s", ex.url.Path)
			},
			check: checkExecution,
		},
		// GET /actions/triggers
		{
			name: "Triggers.List", method: "GET", path: "/actions/triggers",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Triggers.List(ctx)
			},
			request: func(e expect, ex exchange) { e.query(ex, nil) },
			check: func(e expect, v any) {
				r := v.(*auth0.TriggerListResponse)
				if e.that2(len(r.Triggers) > 0, "no triggers") {
					checkTrigger(e, "Triggers[0]", r.Triggers[0], true)
				}
			},
		},
		// GET /actions/triggers/{triggerId}/bindings
		{
			name: "Bindings.List/page", complete: true, method: "GET", path: "/actions/triggers/{triggerId}/bindings", reqPage: 1, reqPerPage: 10,
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Triggers.Bindings.List(ctx, auth0.TriggerPostLogin, auth0.BindingListParams{Page: auth0.Int(1), PerPage: auth0.Int(10)})
			},
			request: func(e expect, ex exchange) {
				e.that(ex.url.Path == "/actions/triggers/post-login/bindings", "path is %s", ex.url.Path)
				e.query(ex, q("page", "1", "per_page", "10"))
			},
			check: checkBindingPage,
		},
		{
			name: "Bindings.List/default", method: "GET", path: "/actions/triggers/{triggerId}/bindings", reqPage: 0, reqPerPage: auth0.DefaultPerPage,
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Triggers.Bindings.List(ctx, auth0.TriggerPostUserRegistration, auth0.BindingListParams{})
			},
			request: func(e expect, ex exchange) { e.query(ex, q("page", "0", "per_page", "50")) },
			check:   checkBindingPage,
		},
		// PATCH /actions/triggers/{triggerId}/bindings
		{
			name: "Bindings.Update/several", complete: true, method: "PATCH", path: "/actions/triggers/{triggerId}/bindings",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, severalBindings())
			},
			request: func(e expect, ex exchange) {
				b := e.body(ex)
				e.keys("the body", b, "bindings")
				bs, _ := b["bindings"].([]any)
				if !e.that2(len(bs) == 4, "bindings is %v", b["bindings"]) {
					return
				}
				b0, _ := bs[0].(map[string]any)
				e.keys("bindings[0]", b0, "ref", "display_name", "secrets")
				ref, _ := b0["ref"].(map[string]any)
				e.that(ref["type"] == "action_id" && ref["value"] == actionID, "bindings[0].ref is %v", ref)
				b1, _ := bs[1].(map[string]any)
				e.keys("bindings[1]", b1, "ref", "display_name")
				ref, _ = b1["ref"].(map[string]any)
				e.that(ref["type"] == "action_name" && ref["value"] == "block-risky-ips", "bindings[1].ref is %v", ref)
				b2, _ := bs[2].(map[string]any)
				e.keys("bindings[2]", b2, "ref")
				b3, _ := bs[3].(map[string]any)
				ref, _ = b3["ref"].(map[string]any)
				e.that(ref["type"] == "binding_id", "bindings[3].ref is %v", ref)
			},
			check: checkBindingUpdate,
		},
		{
			name: "Bindings.Update/unbind-all", method: "PATCH", path: "/actions/triggers/{triggerId}/bindings",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerSendPhoneMessage, auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{}})
			},
			request: func(e expect, ex exchange) {
				e.that(string(ex.reqBody) == `{"bindings":[]}`, "body is %s, want {\"bindings\":[]}", ex.reqBody)
			},
			check: checkBindingUpdate,
		},
		// GET /actions/actions/{actionId}/versions
		{
			name: "Versions.List", complete: true, method: "GET", path: "/actions/actions/{actionId}/versions", reqPage: 3, reqPerPage: 5,
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Versions.List(ctx, actionID, auth0.ActionVersionListParams{Page: auth0.Int(3), PerPage: auth0.Int(5)})
			},
			request: func(e expect, ex exchange) {
				e.that(ex.url.Path == "/actions/actions/"+actionID+"/versions", "path is %s", ex.url.Path)
				e.query(ex, q("page", "3", "per_page", "5"))
			},
			check: checkVersionPage,
		},
		// GET /actions/actions/{actionId}/versions/{id}
		{
			name: "Versions.Get", method: "GET", path: "/actions/actions/{actionId}/versions/{id}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Versions.Get(ctx, actionID, versionID)
			},
			request: func(e expect, ex exchange) {
				e.that(ex.url.Path == "/actions/actions/"+actionID+"/versions/"+versionID, "path is %s", ex.url.Path)
			},
			check: checkVersionResult,
		},
		// POST /actions/actions/{actionId}/versions/{id}/deploy
		{
			name: "Versions.Deploy/default", method: "POST", path: "/actions/actions/{actionId}/versions/{id}/deploy",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Versions.Deploy(ctx, actionID, versionID, auth0.ActionVersionDeployParams{})
			},
			request: func(e expect, ex exchange) {
				e.that(ex.url.Path == "/actions/actions/"+actionID+"/versions/"+versionID+"/deploy", "path is %s", ex.url.Path)
				if len(ex.reqBody) > 0 {
					e.keys("the body", e.body(ex))
				}
			},
			check: checkVersionResult,
		},
		{
			name: "Versions.Deploy/update-draft", complete: true, method: "POST", path: "/actions/actions/{actionId}/versions/{id}/deploy",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Versions.Deploy(ctx, actionID, versionID, auth0.ActionVersionDeployParams{UpdateDraft: auth0.Bool(true)})
			},
			request: func(e expect, ex exchange) {
				b := e.body(ex)
				e.keys("the body", b, "update_draft")
				e.that(b["update_draft"] == true, "update_draft is %v", b["update_draft"])
			},
			check: checkVersionResult,
		},
		{
			name: "Versions.Deploy/keep-draft", method: "POST", path: "/actions/actions/{actionId}/versions/{id}/deploy",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Versions.Deploy(ctx, actionID, versionID, auth0.ActionVersionDeployParams{UpdateDraft: auth0.Bool(false)})
			},
			request: func(e expect, ex exchange) {
				b := e.body(ex)
				e.keys("the body", b, "update_draft")
				e.that(b["update_draft"] == false, "update_draft is %v", b["update_draft"])
			},
			check: checkVersionResult,
		},
	}
}

// that2 is that, returning the condition.
func (e expect) that2(ok bool, format string, args ...any) bool {
	e.t.Helper()
	e.that(ok, format, args...)
	return ok
}

// The static checks: in static mode Prism answers with the document's
// examples and defaults, which set every field; each must come through.

func checkActionResult(e expect, v any) {
	e.t.Helper()
	checkAction(e, "", v.(*auth0.Action))
}

func checkAction(e expect, where string, a *auth0.Action) {
	e.t.Helper()
	p := func(f string) string { return where + f }
	e.that(a.ID != "", "%s is empty", p("ID"))
	e.that(a.Name != "", "%s is empty", p("Name"))
	if e.that2(len(a.SupportedTriggers) > 0, "%s is empty", p("SupportedTriggers")) {
		checkTrigger(e, p("SupportedTriggers[0]"), a.SupportedTriggers[0], true)
	}
	e.that(!a.CreatedAt.IsZero(), "%s is zero", p("CreatedAt"))
	e.that(!a.UpdatedAt.IsZero(), "%s is zero", p("UpdatedAt"))
	e.that(a.Code != "", "%s is empty", p("Code"))
	if e.that2(len(a.Dependencies) > 0, "%s is empty", p("Dependencies")) {
		d := a.Dependencies[0]
		e.that(d.Name != "" && d.Version != "" && d.RegistryURL != "", "%s is %+v", p("Dependencies[0]"), d)
	}
	e.that(a.Runtime != "", "%s is empty", p("Runtime"))
	if e.that2(len(a.Secrets) > 0, "%s is empty", p("Secrets")) {
		e.that(a.Secrets[0].Name != "" && !a.Secrets[0].UpdatedAt.IsZero(), "%s is %+v", p("Secrets[0]"), a.Secrets[0])
	}
	if e.that2(a.DeployedVersion != nil, "%s is nil", p("DeployedVersion")) {
		checkVersion(e, p("DeployedVersion."), a.DeployedVersion)
	}
	e.that(a.InstalledIntegrationID != "", "%s is empty", p("InstalledIntegrationID"))
	if e.that2(a.Integration != nil, "%s is nil", p("Integration")) {
		checkIntegration(e, p("Integration."), a.Integration)
	}
	e.that(a.Status != "", "%s is empty", p("Status"))
	e.that(!a.BuiltAt.IsZero(), "%s is zero", p("BuiltAt"))
	if e.that2(len(a.Modules) > 0, "%s is empty", p("Modules")) {
		m := a.Modules[0]
		e.that(m.ModuleID != "" && m.ModuleName != "" && m.ModuleVersionID != "", "%s is %+v", p("Modules[0]"), m)
	}
}

func checkIntegration(e expect, where string, in *auth0.Integration) {
	e.t.Helper()
	e.that(in.ID != "" && in.CatalogID != "" && in.URLSlug != "" && in.PartnerID != "" && in.Name != "", "%s: identity is %+v", where, in)
	e.that(in.Description != "" && in.ShortDescription != "" && in.Logo != "", "%sDescription/ShortDescription/Logo are empty", where)
	e.that(in.FeatureType != "", "%sFeatureType is empty", where)
	e.that(in.TermsOfUseURL != "" && in.PrivacyPolicyURL != "" && in.PublicSupportLink != "", "%s links are empty", where)
	e.that(!in.CreatedAt.IsZero() && !in.UpdatedAt.IsZero(), "%s timestamps are zero", where)
	r := in.CurrentRelease
	if !e.that2(r != nil, "%sCurrentRelease is nil", where) {
		return
	}
	e.that(r.ID != "", "%sCurrentRelease.ID is empty", where)
	checkTrigger(e, where+"CurrentRelease.Trigger", r.Trigger, true)
	e.that(r.Semver.Major != 0 || r.Semver.Minor != 0, "%sCurrentRelease.Semver is zero", where)
	for name, params := range map[string][]auth0.IntegrationRequiredParam{"RequiredSecrets": r.RequiredSecrets, "RequiredConfiguration": r.RequiredConfiguration} {
		if !e.that2(len(params) > 0, "%sCurrentRelease.%s is empty", where, name) {
			continue
		}
		rp := params[0]
		e.that(rp.Type != "" && rp.Name != "" && rp.Required && rp.Label != "" && rp.Description != "" &&
			rp.DefaultValue != "" && rp.Placeholder != "", "%sCurrentRelease.%s[0] is %+v", where, name, rp)
		if e.that2(len(rp.Options) > 0, "%sCurrentRelease.%s[0].Options is empty", where, name) {
			e.that(rp.Options[0].Value != "" && rp.Options[0].Label != "", "%sCurrentRelease.%s[0].Options[0] is %+v", where, name, rp.Options[0])
		}
	}
}

func checkTrigger(e expect, where string, tr auth0.Trigger, full bool) {
	e.t.Helper()
	e.that(tr.ID != "", "%s.ID is empty", where)
	if !full {
		return
	}
	e.that(tr.Version != "" && tr.Status != "" && tr.DefaultRuntime != "", "%s is %+v", where, tr)
	e.that(len(tr.Runtimes) > 0, "%s.Runtimes is empty", where)
	e.that(tr.BindingPolicy != "", "%s.BindingPolicy is empty", where)
	if e.that2(len(tr.CompatibleTriggers) > 0, "%s.CompatibleTriggers is empty", where) {
		ct := tr.CompatibleTriggers[0]
		e.that(ct.ID != "" && ct.Version != "", "%s.CompatibleTriggers[0] is %+v", where, ct)
	}
}

func checkVersionResult(e expect, v any) {
	e.t.Helper()
	checkVersion(e, "", v.(*auth0.ActionVersion))
}

func checkVersion(e expect, where string, v *auth0.ActionVersion) {
	e.t.Helper()
	p := func(f string) string { return where + f }
	e.that(v.ID != "", "%s is empty", p("ID"))
	e.that(v.ActionID != "", "%s is empty", p("ActionID"))
	e.that(v.Code != "", "%s is empty", p("Code"))
	e.that(len(v.Dependencies) > 0, "%s is empty", p("Dependencies"))
	e.that(v.Deployed, "%s is false (the document's default is true)", p("Deployed"))
	e.that(v.Runtime != "", "%s is empty", p("Runtime"))
	e.that(len(v.Secrets) > 0, "%s is empty", p("Secrets"))
	e.that(v.Status != "", "%s is empty", p("Status"))
	e.that(v.Number >= 1, "%s is %d", p("Number"), v.Number)
	if e.that2(len(v.Errors) > 0, "%s is empty", p("Errors")) {
		er := v.Errors[0]
		e.that(er.ID != "" && er.Msg != "" && er.URL != "", "%s is %+v", p("Errors[0]"), er)
	}
	e.that(v.Action.ID != "" && v.Action.Name != "" && len(v.Action.SupportedTriggers) > 0 &&
		!v.Action.CreatedAt.IsZero() && !v.Action.UpdatedAt.IsZero(), "%s is %+v", p("Action"), v.Action)
	e.that(!v.BuiltAt.IsZero() && !v.CreatedAt.IsZero() && !v.UpdatedAt.IsZero(), "%s timestamps are zero", where)
	if e.that2(len(v.SupportedTriggers) > 0, "%s is empty", p("SupportedTriggers")) {
		checkTrigger(e, p("SupportedTriggers[0]"), v.SupportedTriggers[0], true)
	}
	e.that(len(v.Modules) > 0, "%s is empty", p("Modules"))
}

func checkExecution(e expect, v any) {
	e.t.Helper()
	x := v.(*auth0.Execution)
	e.that(x.ID != "" && x.TriggerID != "" && x.Status != "", "Execution is %+v", x)
	e.that(!x.CreatedAt.IsZero() && !x.UpdatedAt.IsZero(), "timestamps are zero")
	if e.that2(len(x.Results) > 0, "Results is empty") {
		r := x.Results[0]
		e.that(r.ActionName != "" && !r.StartedAt.IsZero() && !r.EndedAt.IsZero(), "Results[0] is %+v", r)
		if e.that2(r.Error != nil, "Results[0].Error is nil") {
			e.that(r.Error.ID != "" && r.Error.Msg != "" && r.Error.URL != "", "Results[0].Error is %+v", r.Error)
		}
	}
}

func checkBinding(e expect, where string, b auth0.Binding) {
	e.t.Helper()
	e.that(b.ID != "" && b.TriggerID != "" && b.DisplayName != "", "%s is %+v", where, b)
	e.that(!b.CreatedAt.IsZero() && !b.UpdatedAt.IsZero(), "%s timestamps are zero", where)
	checkAction(e, where+".Action.", &b.Action)
}

func checkActionPage(e expect, v any) {
	e.t.Helper()
	p := v.(*auth0.PageNumberPage[auth0.Action])
	e.that(p.Total > 0, "Total is %d", p.Total)
	if e.that2(len(p.Items) > 0, "no items") {
		checkAction(e, "Items[0].", &p.Items[0])
	}
}

func checkVersionPage(e expect, v any) {
	e.t.Helper()
	p := v.(*auth0.PageNumberPage[auth0.ActionVersion])
	e.that(p.Total > 0, "Total is %d", p.Total)
	if e.that2(len(p.Items) > 0, "no items") {
		checkVersion(e, "Items[0].", &p.Items[0])
	}
}

func checkBindingPage(e expect, v any) {
	e.t.Helper()
	p := v.(*auth0.PageNumberPage[auth0.Binding])
	e.that(p.Total > 0, "Total is %d", p.Total)
	if e.that2(len(p.Items) > 0, "no items") {
		checkBinding(e, "Items[0]", p.Items[0])
	}
}

func checkBindingUpdate(e expect, v any) {
	e.t.Helper()
	r := v.(*auth0.BindingUpdateResponse)
	if e.that2(len(r.Bindings) > 0, "Bindings is empty") {
		checkBinding(e, "Bindings[0]", r.Bindings[0])
	}
}
