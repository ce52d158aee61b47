package contracttest

import (
	"context"
	"fmt"

	auth0 "github.com/actions-sdk/auth0-go"
)

const moduleCode = `const crypto = require('crypto');
module.exports = {
  sign: (secret, body) => crypto.createHmac('sha256', secret).update(body).digest('hex'),
};`

func fullModuleNewParams() auth0.ModuleNewParams {
	return auth0.ModuleNewParams{
		Name: moduleName,
		Code: moduleCode,
		Secrets: []auth0.ActionSecretParam{
			{Name: "SIGNING_KEY", Value: "module-signing-key"},
			{Name: "API_TOKEN", Value: "module-api-token"},
		},
		Dependencies: []auth0.ActionModuleDependency{
			{Name: "lodash", Version: "4.17.21"},
			{Name: "jose", Version: "5.9.6"},
		},
		APIVersion: auth0.String("1"),
		Publish:    auth0.Bool(true),
	}
}

// moduleOperations returns the calls of the 10 /actions/modules
// operations, in every variant of their params worth checking.
func moduleOperations() []operation {
	modulePath := "/actions/modules/" + moduleID
	return []operation{
		// POST /actions/modules
		{
			name: "Modules.New/full", complete: true, method: "POST", path: "/actions/modules",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.New(ctx, fullModuleNewParams())
			},
			request: func(e expect, ex exchange) {
				b := e.body(ex)
				e.keys("the body", b, "name", "code", "secrets", "dependencies", "api_version", "publish")
				e.that(b["name"] == moduleName && b["code"] == moduleCode, "name and code are %v and %v", b["name"], b["code"])
				e.that(b["api_version"] == "1", "api_version is %v, want \"1\"", b["api_version"])
				e.that(b["publish"] == true, "publish is %v, want true", b["publish"])
				e.moduleDraft(b, "module-signing-key", "jose")
			},
			check: checkModuleResult,
		},
		{
			name: "Modules.New/minimal", method: "POST", path: "/actions/modules",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.New(ctx, auth0.ModuleNewParams{Name: "tiny", Code: "module.exports = {};"})
			},
			request: func(e expect, ex exchange) {
				b := e.body(ex)
				e.keys("the body", b, "name", "code")
				e.that(b["name"] == "tiny" && b["code"] == "module.exports = {};", "the body is %s", ex.reqBody)
			},
			check: checkModuleResult,
		},
		{
			name: "Modules.New/publish-false", method: "POST", path: "/actions/modules",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.New(ctx, auth0.ModuleNewParams{Name: "draft-only", Code: moduleCode, Publish: auth0.Bool(false)})
			},
			request: func(e expect, ex exchange) {
				b := e.body(ex)
				e.keys("the body", b, "name", "code", "publish")
				e.that(b["publish"] == false, "publish is %v, want false", b["publish"])
			},
			check: checkModuleResult,
		},
		// GET /actions/modules/{id}
		{
			name: "Modules.Get", method: "GET", path: "/actions/modules/{id}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.Get(ctx, moduleID)
			},
			request: func(e expect, ex exchange) {
				e.that(ex.url.Path == modulePath, "path is %s", ex.url.Path)
				e.query(ex, nil)
				e.noBody(ex)
			},
			check: checkModuleResult,
		},
		// PATCH /actions/modules/{id}
		{
			name: "Modules.Update/full", complete: true, method: "PATCH", path: "/actions/modules/{id}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				p := fullModuleNewParams()
				return c.Actions.Modules.Update(ctx, moduleID, auth0.ModuleUpdateParams{
					Code:         auth0.String(moduleCode + "\n// v2"),
					Secrets:      []auth0.ActionSecretParam{{Name: "SIGNING_KEY", Value: "rotated-signing-key"}, p.Secrets[1]},
					Dependencies: p.Dependencies,
				})
			},
			request: func(e expect, ex exchange) {
				e.that(ex.url.Path == modulePath, "path is %s", ex.url.Path)
				b := e.body(ex)
				e.keys("the body", b, "code", "secrets", "dependencies")
				e.that(b["code"] == moduleCode+"\n// v2", "code is %v", b["code"])
				e.moduleDraft(b, "rotated-signing-key", "jose")
			},
			check: checkModuleResult,
		},
		{
			name: "Modules.Update/clear-lists", method: "PATCH", path: "/actions/modules/{id}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.Update(ctx, moduleID, auth0.ModuleUpdateParams{
					Secrets:      []auth0.ActionSecretParam{},
					Dependencies: []auth0.ActionModuleDependency{},
				})
			},
			request: func(e expect, ex exchange) {
				b := e.body(ex)
				e.keys("the body", b, "secrets", "dependencies")
				for _, k := range []string{"secrets", "dependencies"} {
					l, ok := b[k].([]any)
					e.that(ok && len(l) == 0, "%s is %v, want []", k, b[k])
				}
			},
			check: checkModuleResult,
		},
		{
			name: "Modules.Update/code", method: "PATCH", path: "/actions/modules/{id}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.Update(ctx, moduleID, auth0.ModuleUpdateParams{Code: auth0.String("module.exports = { v: 3 };")})
			},
			request: func(e expect, ex exchange) {
				b := e.body(ex)
				e.keys("the body", b, "code")
				e.that(b["code"] == "module.exports = { v: 3 };", "code is %v", b["code"])
			},
			check: checkModuleResult,
		},
		// DELETE /actions/modules/{id}
		{
			name: "Modules.Delete", method: "DELETE", path: "/actions/modules/{id}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return nil, c.Actions.Modules.Delete(ctx, moduleID)
			},
			request: func(e expect, ex exchange) {
				e.that(ex.url.Path == modulePath, "path is %s", ex.url.Path)
				e.query(ex, nil)
				e.noBody(ex)
			},
		},
		// GET /actions/modules
		{
			name: "Modules.List/page", complete: true, method: "GET", path: "/actions/modules", reqPage: 2, reqPerPage: 25,
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.List(ctx, auth0.ModuleListParams{Page: auth0.Int(2), PerPage: auth0.Int(25)})
			},
			request: func(e expect, ex exchange) {
				e.query(ex, q("page", "2", "per_page", "25"))
				e.noBody(ex)
			},
			check: checkModulePage,
		},
		{
			// Without per_page the API would turn paging off: the SDK always
			// sends it.
			name: "Modules.List/default", method: "GET", path: "/actions/modules", reqPage: 0, reqPerPage: auth0.DefaultPerPage,
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.List(ctx, auth0.ModuleListParams{})
			},
			request: func(e expect, ex exchange) { e.query(ex, q("page", "0", "per_page", "50")) },
			check:   checkModulePage,
		},
		// GET /actions/modules/{id}/actions
		{
			name: "Modules.ListActions/page", complete: true, method: "GET", path: "/actions/modules/{id}/actions", reqPage: 1, reqPerPage: 100,
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.ListActions(ctx, moduleID, auth0.ModuleActionListParams{Page: auth0.Int(1), PerPage: auth0.Int(auth0.MaxPerPage)})
			},
			request: func(e expect, ex exchange) {
				e.that(ex.url.Path == modulePath+"/actions", "path is %s", ex.url.Path)
				e.query(ex, q("page", "1", "per_page", "100"))
			},
			check: checkModuleActionPage,
		},
		{
			name: "Modules.ListActions/default", method: "GET", path: "/actions/modules/{id}/actions", reqPage: 0, reqPerPage: auth0.DefaultPerPage,
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.ListActions(ctx, moduleID, auth0.ModuleActionListParams{})
			},
			request: func(e expect, ex exchange) { e.query(ex, q("page", "0", "per_page", "50")) },
			check:   checkModuleActionPage,
		},
		// POST /actions/modules/{id}/rollback
		{
			name: "Modules.Rollback", complete: true, method: "POST", path: "/actions/modules/{id}/rollback",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.Rollback(ctx, moduleID, auth0.ModuleRollbackParams{ModuleVersionID: moduleVersionID})
			},
			request: func(e expect, ex exchange) {
				e.that(ex.url.Path == modulePath+"/rollback", "path is %s", ex.url.Path)
				b := e.body(ex)
				e.keys("the body", b, "module_version_id")
				e.that(b["module_version_id"] == moduleVersionID, "module_version_id is %v", b["module_version_id"])
			},
			check: checkModuleResult,
		},
		// POST /actions/modules/{id}/versions
		{
			name: "Modules.Versions.New", method: "POST", path: "/actions/modules/{id}/versions",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.Versions.New(ctx, moduleID)
			},
			request: func(e expect, ex exchange) {
				e.that(ex.url.Path == modulePath+"/versions", "path is %s", ex.url.Path)
				e.query(ex, nil)
				e.noBody(ex)
			},
			check: checkModuleVersionResult,
		},
		// GET /actions/modules/{id}/versions
		{
			name: "Modules.Versions.List/page", complete: true, method: "GET", path: "/actions/modules/{id}/versions", reqPage: 3, reqPerPage: 1,
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.Versions.List(ctx, moduleID, auth0.ModuleVersionListParams{Page: auth0.Int(3), PerPage: auth0.Int(1)})
			},
			request: func(e expect, ex exchange) {
				e.that(ex.url.Path == modulePath+"/versions", "path is %s", ex.url.Path)
				e.query(ex, q("page", "3", "per_page", "1"))
			},
			check: checkModuleVersionPage,
		},
		{
			name: "Modules.Versions.List/default", method: "GET", path: "/actions/modules/{id}/versions", reqPage: 0, reqPerPage: auth0.DefaultPerPage,
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.Versions.List(ctx, moduleID, auth0.ModuleVersionListParams{})
			},
			request: func(e expect, ex exchange) { e.query(ex, q("page", "0", "per_page", "50")) },
			check:   checkModuleVersionPage,
		},
		// GET /actions/modules/{id}/versions/{versionId}
		{
			name: "Modules.Versions.Get", method: "GET", path: "/actions/modules/{id}/versions/{versionId}",
			call: func(ctx context.Context, c *auth0.Client) (any, error) {
				return c.Actions.Modules.Versions.Get(ctx, moduleID, moduleVersionID)
			},
			request: func(e expect, ex exchange) {
				e.that(ex.url.Path == modulePath+"/versions/"+moduleVersionID, "path is %s", ex.url.Path)
				e.query(ex, nil)
				e.noBody(ex)
			},
			check: checkModuleVersionResult,
		},
	}
}

// moduleDraft checks the secrets and dependencies of a module's create or
// update body (two of each): every entry with exactly the keys the
// document's request schemas require, the first secret's value sent as
// given, and the second dependency named.
func (e expect) moduleDraft(b map[string]any, firstSecretValue, secondDependency string) {
	e.t.Helper()
	secrets, _ := b["secrets"].([]any)
	if e.that2(len(secrets) == 2, "secrets is %v", b["secrets"]) {
		for i, s := range secrets {
			m, _ := s.(map[string]any)
			e.keys(fmt.Sprintf("secrets[%d]", i), m, "name", "value")
			if i == 0 {
				e.that(m["name"] == "SIGNING_KEY" && m["value"] == firstSecretValue, "secrets[0] is %v", m)
			}
		}
	}
	deps, _ := b["dependencies"].([]any)
	if e.that2(len(deps) == 2, "dependencies is %v", b["dependencies"]) {
		for i, d := range deps {
			m, _ := d.(map[string]any)
			e.keys(fmt.Sprintf("dependencies[%d]", i), m, "name", "version")
			if i == 1 {
				e.that(m["name"] == secondDependency && m["version"] != "", "dependencies[1] is %v", m)
			}
		}
	}
}

// The static checks of module responses. The document has no examples for
// the module schemas, so Prism's static answers are generated from the
// schemas: every property present, strings "string", timestamps set,
// booleans true, and integers 0 (so the integer fields are checked by the
// dynamic run, whose document types them with minimum 1).

func checkModuleResult(e expect, v any) {
	e.t.Helper()
	checkModule(e, "", v.(*auth0.ActionModule), true)
}

// checkModule checks a module; withLatest says the response nests the
// latest version (every operation but the list).
func checkModule(e expect, where string, m *auth0.ActionModule, withLatest bool) {
	e.t.Helper()
	p := func(f string) string { return where + f }
	e.that(m.ID != "" && m.Name != "" && m.Code != "", "%s: ID, Name or Code is empty: %+v", where, m)
	e.that(!m.CreatedAt.IsZero() && !m.UpdatedAt.IsZero(), "%s timestamps are zero", where)
	e.that(m.AllChangesPublished, "%s is false (Prism's static answer is true)", p("AllChangesPublished"))
	checkModuleDraft(e, where, m.Dependencies, m.Secrets)
	if !withLatest {
		e.that(m.LatestVersion == nil, "%s is %+v in a list item", p("LatestVersion"), m.LatestVersion)
		return
	}
	if e.that2(m.LatestVersion != nil, "%s is nil", p("LatestVersion")) {
		lv := m.LatestVersion
		e.that(lv.ID != "" && lv.Code != "" && !lv.CreatedAt.IsZero(), "%s is %+v", p("LatestVersion"), lv)
		e.that(lv.RawJSON() == nil, "%s.RawJSON() is set on a nested version", p("LatestVersion"))
		checkModuleDraft(e, p("LatestVersion."), lv.Dependencies, lv.Secrets)
	}
}

func checkModuleDraft(e expect, where string, deps []auth0.ActionModuleDependency, secrets []auth0.ActionModuleSecret) {
	e.t.Helper()
	if e.that2(len(deps) > 0, "%sDependencies is empty", where) {
		e.that(deps[0].Name != "" && deps[0].Version != "", "%sDependencies[0] is %+v", where, deps[0])
	}
	if e.that2(len(secrets) > 0, "%sSecrets is empty", where) {
		e.that(secrets[0].Name != "" && !secrets[0].UpdatedAt.IsZero(), "%sSecrets[0] is %+v", where, secrets[0])
	}
}

func checkModuleVersionResult(e expect, v any) {
	e.t.Helper()
	checkModuleVersion(e, "", v.(*auth0.ActionModuleVersion))
}

func checkModuleVersion(e expect, where string, v *auth0.ActionModuleVersion) {
	e.t.Helper()
	e.that(v.ID != "" && v.ModuleID != "" && v.Code != "", "%s: ID, ModuleID or Code is empty: %+v", where, v)
	e.that(!v.CreatedAt.IsZero(), "%sCreatedAt is zero", where)
	checkModuleDraft(e, where, v.Dependencies, v.Secrets)
}

func checkModulePage(e expect, v any) {
	e.t.Helper()
	p := v.(*auth0.PageNumberPage[auth0.ActionModule])
	if e.that2(len(p.Items) > 0, "no items") {
		m := &p.Items[0]
		checkModule(e, "Items[0].", m, false)
		if nested := m.LatestVersion; nested != nil && nested.VersionNumber > 0 {
			e.that(m.LatestVersionNumber != 0, "Items[0].LatestVersionNumber is 0, the nested version's %d", nested.VersionNumber)
		}
	}
}

func checkModuleVersionPage(e expect, v any) {
	e.t.Helper()
	p := v.(*auth0.PageNumberPage[auth0.ActionModuleVersion])
	if e.that2(len(p.Items) > 0, "no items") {
		checkModuleVersion(e, "Items[0].", &p.Items[0])
	}
}

func checkModuleActionPage(e expect, v any) {
	e.t.Helper()
	p := v.(*auth0.PageNumberPage[auth0.ActionModuleAction])
	if e.that2(len(p.Items) > 0, "no items") {
		a := p.Items[0]
		e.that(a.ActionID != "" && a.ActionName != "" && a.ModuleVersionID != "", "Items[0] is %+v", a)
		if e.that2(len(a.SupportedTriggers) > 0, "Items[0].SupportedTriggers is empty") {
			checkTrigger(e, "Items[0].SupportedTriggers[0]", a.SupportedTriggers[0], true)
		}
	}
}
