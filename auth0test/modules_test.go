package auth0test_test

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

const (
	moduleV1 = `module.exports = { greet: (n) => "hello " + n };`
	moduleV2 = `module.exports = { greet: (n) => "hi " + n };`
)

var microsRE = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)

func moduleParams(name string) auth0.ModuleNewParams {
	return auth0.ModuleNewParams{
		Name:         name,
		Code:         moduleV1,
		Dependencies: []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}},
		Secrets:      []auth0.ActionSecretParam{{Name: "GREETING", Value: "s3cr3t"}},
	}
}

// usingModule returns params of an action that pins one module version.
func usingModule(name string, mod auth0.ActionModule, v auth0.ActionModuleVersion) auth0.ActionNewParams {
	p := newParams(name)
	p.Modules = []auth0.ActionModuleReference{{ModuleID: mod.ID, ModuleVersionID: v.ID}}
	return p
}

// TestModuleLifecycle goes through a module's life with the SDK: create,
// publish, pin from an action, deploy, 412 on delete, update, publish,
// rollback (no new version), publish again, move the action, clean up.
func TestModuleLifecycle(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	ctx := t.Context()

	// Create: 201, a draft and no version.
	var resp *http.Response
	mod, err := c.Actions.Modules.New(ctx, moduleParams("greeter"), option.WithResponseInto(&resp))
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Regexp(t, uuidRE, mod.ID)
	assert.False(t, mod.AllChangesPublished)
	assert.Nil(t, mod.LatestVersion)
	assert.NotContains(t, string(mod.RawJSON()), "s3cr3t")
	wire := rawKeys(t, mod.RawJSON())
	assert.Equal(t, false, wire["all_changes_published"], "all_changes_published is sent")
	assert.Equal(t, float64(0), wire["actions_using_module_total"], "actions_using_module_total is sent")
	assert.NotContains(t, wire, "latest_version")
	assert.NotContains(t, wire, "latest_version_number")
	assert.Regexp(t, microsRE, wire["created_at"])
	require.Len(t, mod.Secrets, 1)
	assert.Equal(t, "GREETING", mod.Secrets[0].Name)

	// Publish: 200, version 1; the draft is then all published.
	v1, err := c.Actions.Modules.Versions.New(ctx, mod.ID, option.WithResponseInto(&resp))
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, 1, v1.VersionNumber)
	assert.Equal(t, mod.ID, v1.ModuleID)
	assert.Equal(t, moduleV1, v1.Code)
	assert.Regexp(t, microsRE, rawKeys(t, v1.RawJSON())["created_at"])
	got, err := c.Actions.Modules.Get(ctx, mod.ID)
	require.NoError(t, err)
	assert.True(t, got.AllChangesPublished)
	require.NotNil(t, got.LatestVersion)
	assert.Equal(t, v1.ID, got.LatestVersion.ID)
	assert.Equal(t, 1, got.LatestVersionNumber)
	wire = rawKeys(t, got.RawJSON())
	assert.NotContains(t, wire, "latest_version_number", "GET nests the version")
	assert.NotContains(t, wire["latest_version"], "created_at")
	list, err := c.Actions.Modules.List(ctx, auth0.ModuleListParams{})
	require.NoError(t, err)
	require.Len(t, list.Items, 1)
	assert.Equal(t, 1, list.Items[0].LatestVersionNumber, "list items carry the flat number")
	assert.Nil(t, list.Items[0].LatestVersion)

	// Pin version 1 from an action: the server fills in name and number.
	a, err := c.Actions.New(ctx, usingModule("uses-greeter", *mod, *v1))
	require.NoError(t, err)
	require.Len(t, a.Modules, 1)
	assert.Equal(t, auth0.ActionModuleReference{ModuleID: mod.ID, ModuleName: "greeter", ModuleVersionID: v1.ID, ModuleVersionNumber: 1}, a.Modules[0])
	uses, err := c.Actions.Modules.ListActions(ctx, mod.ID, auth0.ModuleActionListParams{})
	require.NoError(t, err)
	require.Len(t, uses.Items, 1, "the draft's reference is listed")
	assert.Equal(t, a.ID, uses.Items[0].ActionID)
	got, err = c.Actions.Modules.Get(ctx, mod.ID)
	require.NoError(t, err)
	assert.Zero(t, got.ActionsUsingModuleTotal, "counts deployed actions only")

	// Deploy: now in use, and the module cannot be deleted.
	_, err = c.Actions.DeployAndWait(ctx, a.ID)
	require.NoError(t, err)
	got, err = c.Actions.Modules.Get(ctx, mod.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, got.ActionsUsingModuleTotal)
	err = c.Actions.Modules.Delete(ctx, mod.ID)
	require.ErrorIs(t, err, auth0.ErrPreconditionFailed)
	wantAPIError(t, err, http.StatusPreconditionFailed, "", "The action module cannot be deleted because it is in use by one or more actions.")

	// Update the draft, publish version 2.
	_, err = c.Actions.Modules.Update(ctx, mod.ID, auth0.ModuleUpdateParams{Code: auth0.String(moduleV2)})
	require.NoError(t, err)
	got, err = c.Actions.Modules.Get(ctx, mod.ID)
	require.NoError(t, err)
	assert.False(t, got.AllChangesPublished)
	assert.Equal(t, []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}}, got.Dependencies, "fields left out keep their value")
	v2, err := c.Actions.Modules.Versions.New(ctx, mod.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, v2.VersionNumber)

	// Rollback to version 1: the draft is version 1 again, no version made.
	rolled, err := c.Actions.Modules.Rollback(ctx, mod.ID, auth0.ModuleRollbackParams{ModuleVersionID: v1.ID}, option.WithResponseInto(&resp))
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, moduleV1, rolled.Code)
	assert.False(t, rolled.AllChangesPublished, "the draft differs from version 2")
	assert.Equal(t, v2.ID, rolled.LatestVersion.ID)
	assert.Len(t, srv.ModuleVersions(mod.ID), 2, "rollback makes no version")

	// Publish again: version 3 holds version 1's code; versions are immutable.
	v3, err := c.Actions.Modules.Versions.New(ctx, mod.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, v3.VersionNumber)
	assert.Equal(t, moduleV1, v3.Code)
	again, err := c.Actions.Modules.Versions.Get(ctx, mod.ID, v2.ID)
	require.NoError(t, err)
	assert.Equal(t, moduleV2, again.Code)
	versions, err := c.Actions.Modules.Versions.List(ctx, mod.ID, auth0.ModuleVersionListParams{})
	require.NoError(t, err)
	var numbers []int
	for _, v := range versions.Items {
		numbers = append(numbers, v.VersionNumber)
	}
	assert.Equal(t, []int{3, 2, 1}, numbers, "newest first")

	// The action still runs version 1 until it is moved and deployed.
	uses, err = c.Actions.Modules.ListActions(ctx, mod.ID, auth0.ModuleActionListParams{})
	require.NoError(t, err)
	require.Len(t, uses.Items, 1)
	assert.Equal(t, 1, uses.Items[0].ModuleVersionNumber)
	_, err = c.Actions.Update(ctx, a.ID, auth0.ActionUpdateParams{Modules: []auth0.ActionModuleReference{{ModuleID: mod.ID, ModuleVersionID: v3.ID}}})
	require.NoError(t, err)
	_, err = c.Actions.DeployAndWait(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, []auth0.ActionModuleAction{{ActionID: a.ID, ActionName: "uses-greeter", ModuleVersionID: v3.ID, ModuleVersionNumber: 3}},
		stripRaw(srv.ModuleActions(mod.ID)))

	// Delete the action, then the module: 204.
	require.NoError(t, c.Actions.Delete(ctx, a.ID, auth0.ActionDeleteParams{}))
	require.NoError(t, c.Actions.Modules.Delete(ctx, mod.ID, option.WithResponseInto(&resp)))
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	_, ok := srv.Module(mod.ID)
	assert.False(t, ok)
	_, err = c.Actions.Modules.Get(ctx, mod.ID)
	require.ErrorIs(t, err, auth0.ErrNotFound)
}

// stripRaw drops what JSON decoding keeps of the wire, for comparisons.
func stripRaw(in []auth0.ActionModuleAction) []auth0.ActionModuleAction {
	out := make([]auth0.ActionModuleAction, len(in))
	for i, a := range in {
		out[i] = auth0.ActionModuleAction{ActionID: a.ActionID, ActionName: a.ActionName,
			ModuleVersionID: a.ModuleVersionID, ModuleVersionNumber: a.ModuleVersionNumber, SupportedTriggers: a.SupportedTriggers}
	}
	return out
}

// TestModuleConflicts: a taken name, nothing to publish, a version that is
// already the draft, and unknown modules and versions.
func TestModuleConflicts(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	ctx := t.Context()
	mod := srv.AddModule(moduleParams("shared"))

	_, err := c.Actions.Modules.New(ctx, moduleParams("shared"))
	require.ErrorIs(t, err, auth0.ErrConflict)
	wantAPIError(t, err, http.StatusConflict, "", "An action module with the same name already exists.")

	v1 := srv.PublishModule(mod.ID)
	_, err = c.Actions.Modules.Versions.New(ctx, mod.ID)
	require.ErrorIs(t, err, auth0.ErrConflict)
	wantAPIError(t, err, http.StatusConflict, "", "No draft version is available to publish.")

	// Rolling back to the version the draft equals is allowed (auth0-cli
	// does it); rolling back to it again is the 409.
	_, err = c.Actions.Modules.Rollback(ctx, mod.ID, auth0.ModuleRollbackParams{ModuleVersionID: v1.ID})
	require.NoError(t, err)
	_, err = c.Actions.Modules.Rollback(ctx, mod.ID, auth0.ModuleRollbackParams{ModuleVersionID: v1.ID})
	require.ErrorIs(t, err, auth0.ErrConflict)
	wantAPIError(t, err, http.StatusConflict, "", "The specified version is already the current draft version.")

	// A change of the draft makes the rollback possible again.
	_, err = c.Actions.Modules.Update(ctx, mod.ID, auth0.ModuleUpdateParams{Code: auth0.String(moduleV2)})
	require.NoError(t, err)
	_, err = c.Actions.Modules.Rollback(ctx, mod.ID, auth0.ModuleRollbackParams{ModuleVersionID: v1.ID})
	require.NoError(t, err)

	for name, err := range map[string]error{
		"get":              second(c.Actions.Modules.Get(ctx, "0d4c2a10-5b6e-4f3a-9c8d-1e2f3a4b5c6d")),
		"publish":          second(c.Actions.Modules.Versions.New(ctx, "nope")),
		"version":          second(c.Actions.Modules.Versions.Get(ctx, mod.ID, "nope")),
		"rollback version": second(c.Actions.Modules.Rollback(ctx, mod.ID, auth0.ModuleRollbackParams{ModuleVersionID: "nope"})),
		"actions":          second(c.Actions.Modules.ListActions(ctx, "nope", auth0.ModuleActionListParams{})),
		"delete":           c.Actions.Modules.Delete(ctx, "nope"),
	} {
		assert.ErrorIs(t, err, auth0.ErrNotFound, name)
		wantAPIError(t, err, http.StatusNotFound, "", "The module or version does not exist.")
	}
}

// TestModuleUpdateResponse: the PATCH answer keeps the times from before
// it, as live; the next GET has the new ones. Secrets sent replace the list.
func TestModuleUpdateResponse(t *testing.T) {
	t.Parallel()
	clk := newClock()
	srv := auth0test.NewServer(t, auth0test.WithClock(clk.Now))
	c := srv.Client()
	ctx := t.Context()
	mod := srv.AddModule(moduleParams("stale"))
	clk.Advance(3e9)
	upd, err := c.Actions.Modules.Update(ctx, mod.ID, auth0.ModuleUpdateParams{
		Secrets: []auth0.ActionSecretParam{{Name: "GREETING", Value: "changed"}, {Name: "NEW", Value: "x"}}})
	require.NoError(t, err)
	assert.True(t, upd.UpdatedAt.Equal(mod.UpdatedAt), "the answer's updated_at is from before the update")
	require.Len(t, upd.Secrets, 2)
	assert.True(t, upd.Secrets[0].UpdatedAt.Equal(mod.Secrets[0].UpdatedAt))
	got, ok := srv.Module(mod.ID)
	require.True(t, ok)
	assert.True(t, got.UpdatedAt.After(mod.UpdatedAt))
	assert.True(t, got.Secrets[0].UpdatedAt.After(mod.Secrets[0].UpdatedAt), "a new value has a new time")
	assert.Equal(t, moduleV1, got.Code)
}

// TestModuleReferences: an action's reference to a module version is
// checked as the live API does.
func TestModuleReferences(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	ctx := t.Context()
	c := srv.Client()
	mod := srv.AddModule(moduleParams("ref-target"))
	other := srv.AddModule(moduleParams("ref-other"))
	v1 := srv.PublishModule(mod.ID)
	ov1 := srv.PublishModule(other.ID)
	trig := `"supported_triggers":[{"id":"post-login","version":"v3"}]`

	// Not a UUID: the live API's message.
	resp, body := raw(t, srv, http.MethodPost, "/api/v2/actions/actions",
		`{"name":"bad-ref",`+trig+`,"modules":[{"module_id":"`+mod.ID+`","module_version_id":""}]}`, true)
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Equal(t, "invalid CreateActionRequest.Draft: embedded message failed validation | caused by: invalid DraftInformation.Modules[0]: embedded message failed validation | caused by: invalid ModuleRef.ModuleVersionId: value must be a valid UUID", body["message"])

	for name, refs := range map[string][]auth0.ActionModuleReference{
		"unknown version":         {{ModuleID: mod.ID, ModuleVersionID: "0d4c2a10-5b6e-4f3a-9c8d-1e2f3a4b5c6d"}},
		"unknown module":          {{ModuleID: "0d4c2a10-5b6e-4f3a-9c8d-1e2f3a4b5c6d", ModuleVersionID: v1.ID}},
		"another module's":        {{ModuleID: mod.ID, ModuleVersionID: ov1.ID}},
		"the same module twice":   {{ModuleID: mod.ID, ModuleVersionID: v1.ID}, {ModuleID: mod.ID, ModuleVersionID: v1.ID}},
		"more than 3 (the limit)": {{ModuleID: mod.ID, ModuleVersionID: v1.ID}, {ModuleID: other.ID, ModuleVersionID: ov1.ID}, {ModuleID: mod.ID, ModuleVersionID: v1.ID}, {ModuleID: other.ID, ModuleVersionID: ov1.ID}},
	} {
		p := newParams("ref-" + name)
		p.Modules = refs
		_, err := c.Actions.New(ctx, p)
		apiErr := apiError(t, err)
		assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode, name)
		assert.NotEmpty(t, apiErr.Message, name)
	}
	assert.Empty(t, srv.Actions(), "no refused action was created")

	// An update is checked the same way.
	a := srv.AddAction(usingModule("ref-ok", mod, v1))
	_, err := c.Actions.Update(ctx, a.ID, auth0.ActionUpdateParams{
		Modules: []auth0.ActionModuleReference{{ModuleID: mod.ID, ModuleVersionID: ov1.ID}}})
	wantAPIError(t, err, http.StatusBadRequest, "", "modules[0]: The module or version does not exist.")
	// An empty list clears the references.
	upd, err := c.Actions.Update(ctx, a.ID, auth0.ActionUpdateParams{Modules: []auth0.ActionModuleReference{}})
	require.NoError(t, err)
	assert.Empty(t, upd.Modules)
}

// TestModuleLimits: each limit of WithModuleLimits, and the version limit
// deleting the oldest unused version before it refuses with 412.
func TestModuleLimits(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithModuleLimits(auth0test.ModuleLimits{
		ModulesPerAction: 1, SecretsPerModule: 1, DependenciesPerModule: 1, VersionsPerModule: 2, ModulesPerTenant: 3}))
	c := srv.Client()
	ctx := t.Context()

	p := moduleParams("limits")
	p.Secrets = append(p.Secrets, auth0.ActionSecretParam{Name: "TWO", Value: "2"})
	_, err := c.Actions.Modules.New(ctx, p)
	wantAPIError(t, err, http.StatusBadRequest, "invalid_body", "Payload validation error: 'Array is too long (2), maximum 1' on property secrets.")
	p = moduleParams("limits")
	p.Dependencies = append(p.Dependencies, auth0.ActionModuleDependency{Name: "uuid", Version: "9.0.0"})
	_, err = c.Actions.Modules.New(ctx, p)
	wantAPIError(t, err, http.StatusBadRequest, "invalid_body", "Payload validation error: 'Array is too long (2), maximum 1' on property dependencies.")

	mod := srv.AddModule(moduleParams("limits"))
	_, err = c.Actions.Modules.Update(ctx, mod.ID, auth0.ModuleUpdateParams{Secrets: []auth0.ActionSecretParam{{Name: "A", Value: "1"}, {Name: "B", Value: "2"}}})
	wantAPIError(t, err, http.StatusBadRequest, "invalid_body", "Payload validation error: 'Array is too long (2), maximum 1' on property secrets.")
	other := srv.AddModule(moduleParams("limits-other"))
	srv.AddModule(moduleParams("limits-third"))
	_, err = c.Actions.Modules.New(ctx, moduleParams("limits-fourth"))
	wantAPIError(t, err, http.StatusBadRequest, "", "The tenant has reached its limit of 3 action modules.")

	publish := func(code string) (*auth0.ActionModuleVersion, error) {
		if _, err := c.Actions.Modules.Update(ctx, mod.ID, auth0.ModuleUpdateParams{Code: auth0.String(code)}); err != nil {
			return nil, err
		}
		return c.Actions.Modules.Versions.New(ctx, mod.ID)
	}
	v1, err := publish("// 1")
	require.NoError(t, err)
	v2, err := publish("// 2")
	require.NoError(t, err)

	ov1 := srv.PublishModule(other.ID)
	p2 := usingModule("two-modules", mod, *v1)
	p2.Modules = append(p2.Modules, auth0.ActionModuleReference{ModuleID: other.ID, ModuleVersionID: ov1.ID})
	_, err = c.Actions.New(ctx, p2)
	wantAPIError(t, err, http.StatusBadRequest, "invalid_body", "Payload validation error: 'Array is too long (2), maximum 1' on property modules.")

	// At the limit, with version 1 unused: it is deleted, 3 is made.
	v3, err := publish("// 3")
	require.NoError(t, err)
	assert.Equal(t, 3, v3.VersionNumber)
	var numbers []int
	for _, v := range srv.ModuleVersions(mod.ID) {
		numbers = append(numbers, v.VersionNumber)
	}
	assert.Equal(t, []int{3, 2}, numbers)
	_, err = c.Actions.Modules.Versions.Get(ctx, mod.ID, v1.ID)
	require.ErrorIs(t, err, auth0.ErrNotFound)

	// Every version in use (a draft uses 2, a deployed version 3): 412.
	srv.AddAction(usingModule("pins-2", mod, *v2))
	pin3 := usingModule("pins-3", mod, *v3)
	pin3.Deploy = auth0.Bool(true)
	srv.AddAction(pin3)
	_, err = publish("// 4")
	require.ErrorIs(t, err, auth0.ErrPreconditionFailed)
	wantAPIError(t, err, http.StatusPreconditionFailed, "", "Maximum number of module versions reached. Consolidate versions used in actions before creating new ones.")
	assert.Len(t, srv.ModuleVersions(mod.ID), 2)

	_, err = auth0test.Start(auth0test.WithModuleLimits(auth0test.ModuleLimits{VersionsPerModule: -1}))
	require.Error(t, err)
}

// TestModulePagination: the module list turns paging off without per_page;
// the version list always sends total, page and per_page (total 0 past
// the end); the module's action list leaves them out as the action lists do.
func TestModulePagination(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	var mods []auth0.ActionModule
	for _, name := range []string{"m-a", "m-b", "m-c"} {
		mods = append(mods, srv.AddModule(moduleParams(name)))
	}

	_, body := raw(t, srv, http.MethodGet, "/api/v2/actions/modules", "", true)
	assert.Len(t, body["modules"], 3)
	assert.Equal(t, float64(3), body["total"])
	_, body = raw(t, srv, http.MethodGet, "/api/v2/actions/modules?page=1&per_page=2", "", true)
	assert.Len(t, body["modules"], 1)
	assert.Equal(t, map[string]any{"total": float64(3), "page": float64(1), "per_page": float64(2)}, without(body, "modules"))
	resp, body := raw(t, srv, http.MethodGet, "/api/v2/actions/modules?per_page=101", "", true)
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Equal(t, "invalid_query_string", body["errorCode"])
	resp, _ = raw(t, srv, http.MethodGet, "/api/v2/actions/modules?include_totals=true", "", true)
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)

	v1 := srv.PublishModule(mods[0].ID)
	path := "/api/v2/actions/modules/" + mods[0].ID + "/versions"
	_, body = raw(t, srv, http.MethodGet, path+"?page=0&per_page=50", "", true)
	assert.Equal(t, map[string]any{"total": float64(1), "page": float64(0), "per_page": float64(50)}, without(body, "versions"))
	_, body = raw(t, srv, http.MethodGet, path+"?page=1&per_page=50", "", true)
	assert.Equal(t, map[string]any{"versions": []any{}, "total": float64(0), "page": float64(1), "per_page": float64(50)}, body)

	srv.AddAction(usingModule("user", mods[0], v1))
	path = "/api/v2/actions/modules/" + mods[0].ID + "/actions"
	_, body = raw(t, srv, http.MethodGet, path+"?page=0&per_page=50", "", true)
	assert.Equal(t, map[string]any{"total": float64(1), "per_page": float64(50)}, without(body, "actions"))
	item := body["actions"].([]any)[0].(map[string]any)
	assert.NotContains(t, item, "supported_triggers", "not sent live")
	_, body = raw(t, srv, http.MethodGet, path+"?page=1&per_page=50", "", true)
	assert.Equal(t, map[string]any{"actions": []any{}, "page": float64(1), "per_page": float64(50)}, body)

	// The SDK's pagers go through every page.
	var names []string
	for m, err := range srv.Client().Actions.Modules.ListAutoPaging(t.Context(), auth0.ModuleListParams{PerPage: auth0.Int(2)}).All() {
		require.NoError(t, err)
		names = append(names, m.Name)
	}
	assert.Equal(t, []string{"m-a", "m-b", "m-c"}, names)
}

// TestModuleCreateFaults: a publish that fails with a 5xx is not retried
// by the SDK, and the fault is counted on its route.
func TestModuleCreateFaults(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	mod := srv.AddModule(moduleParams("faulty"))
	srv.Fail(auth0test.RouteModuleVersionsNew, 1, http.StatusServiceUnavailable)
	_, err := c.Actions.Modules.Versions.New(t.Context(), mod.ID)
	require.ErrorIs(t, err, auth0.ErrOutcomeUnknown)
	assert.Equal(t, 1, srv.RequestCount(auth0test.RouteModuleVersionsNew))
	assert.Empty(t, srv.ModuleVersions(mod.ID), "a faulted request changes nothing")

	srv.Fail(auth0test.RouteModulesNew, 1, http.StatusInternalServerError)
	_, err = c.Actions.Modules.New(t.Context(), moduleParams("never"))
	require.ErrorIs(t, err, auth0.ErrOutcomeUnknown)
	assert.Len(t, srv.Modules(), 1)
}

// TestModulePublishOnCreate: publish:true makes version 1 in the create.
func TestModulePublishOnCreate(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	p := moduleParams("at-once")
	p.Publish = auth0.Bool(true)
	mod, err := srv.Client().Actions.Modules.New(t.Context(), p)
	require.NoError(t, err)
	assert.True(t, mod.AllChangesPublished)
	assert.Equal(t, 1, mod.LatestVersionNumber)
	assert.Len(t, srv.ModuleVersions(mod.ID), 1)
}

// TestModuleConcurrentWrites: concurrent creates of one name make one
// module, and concurrent publishes of one draft make one version.
func TestModuleConcurrentWrites(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	const n = 8
	errs := make(chan error, n)
	for range n {
		go func() {
			_, err := c.Actions.Modules.New(t.Context(), moduleParams("raced"))
			errs <- err
		}()
	}
	ok := 0
	for range n {
		if err := <-errs; err == nil {
			ok++
		} else {
			assert.ErrorIs(t, err, auth0.ErrConflict)
		}
	}
	assert.Equal(t, 1, ok)
	mods := srv.Modules()
	require.Len(t, mods, 1)

	for range n {
		go func() {
			_, err := c.Actions.Modules.Versions.New(t.Context(), mods[0].ID)
			errs <- err
		}()
	}
	ok = 0
	for range n {
		if err := <-errs; err == nil {
			ok++
		} else {
			assert.ErrorIs(t, err, auth0.ErrConflict)
		}
	}
	assert.Equal(t, 1, ok)
	assert.Len(t, srv.ModuleVersions(mods[0].ID), 1)
}
