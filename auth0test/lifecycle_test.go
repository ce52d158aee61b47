package auth0test_test

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

const (
	codeV1 = `exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('v', 1); };`
	codeV2 = `exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('v', 2); };`
)

// TestLifecycle goes through an action's whole life with the SDK: create,
// built, deploy, bind, list, test, versions, roll-back, delete.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	ctx := t.Context()

	// Create: pending, nothing deployed, secrets without values.
	var resp *http.Response
	a, err := c.Actions.New(ctx, auth0.ActionNewParams{
		Name:              "add-roles",
		SupportedTriggers: postLoginV3,
		Code:              auth0.String(codeV1),
		Dependencies:      []auth0.ActionDependency{{Name: "lodash", Version: "4.17.21"}},
		Secrets:           []auth0.ActionSecretParam{{Name: "API_KEY", Value: "s3cr3t"}},
	}, option.WithResponseInto(&resp))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("create status = %d, want 201", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if !uuidRE.MatchString(a.ID) {
		t.Errorf("ID = %q, want a UUID", a.ID)
	}
	if a.Status != auth0.BuildStatusPending || a.AllChangesDeployed || !a.BuiltAt.IsZero() || a.DeployedVersion != nil {
		t.Errorf("new action = status %q, all_changes_deployed %v, built_at %v, deployed %v; want pending, false, none, none",
			a.Status, a.AllChangesDeployed, a.BuiltAt, a.DeployedVersion)
	}
	if a.Runtime != auth0.RuntimeNode22 {
		t.Errorf("runtime = %q, want the default node22", a.Runtime)
	}
	wire := rawKeys(t, a.RawJSON())
	for _, key := range []string{"built_at", "deployed_version", "deploy", "current_version"} {
		if _, ok := wire[key]; ok {
			t.Errorf("create response has %q", key)
		}
	}
	if v, ok := wire["all_changes_deployed"]; !ok || v != false {
		t.Errorf("all_changes_deployed = %v, %v; want it present and false", v, ok)
	}
	if ca, _ := wire["created_at"].(string); !timestampRE.MatchString(ca) {
		t.Errorf("created_at = %q, want nanoseconds and Z", ca)
	}
	if strings.Contains(string(a.RawJSON()), "s3cr3t") {
		t.Error("the response carries the secret value")
	}
	if len(a.Secrets) != 1 || a.Secrets[0].Name != "API_KEY" || a.Secrets[0].UpdatedAt.IsZero() {
		t.Errorf("secrets = %+v", a.Secrets)
	}

	// Built at once by default.
	got, err := c.Actions.Get(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != auth0.BuildStatusBuilt || got.BuiltAt.IsZero() {
		t.Fatalf("after create: status %q built_at %v, want built", got.Status, got.BuiltAt)
	}
	if got.CurrentVersion == nil || got.CurrentVersion.Status != "BUILT" {
		t.Errorf("current_version = %+v, want status BUILT", got.CurrentVersion)
	}

	// Deploy: version 1, 200, deployed false and no action_id in the response.
	v1, err := c.Actions.Deploy(ctx, a.ID, option.WithResponseInto(&resp))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("deploy status = %d, want 200 as live", resp.StatusCode)
	}
	if v1.Number != 1 || v1.Deployed || v1.ActionID != a.ID || v1.Code != codeV1 {
		t.Errorf("deploy = number %d deployed %v action_id %q code %q", v1.Number, v1.Deployed, v1.ActionID, v1.Code)
	}
	if _, ok := rawKeys(t, v1.RawJSON())["built_at"]; ok {
		t.Error("the deploy response has built_at")
	}
	got, err = c.Actions.Get(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.DeployedVersion == nil || got.DeployedVersion.Number != 1 || !got.DeployedVersion.Deployed || !got.AllChangesDeployed {
		t.Fatalf("after deploy: deployed_version %+v all_changes_deployed %v", got.DeployedVersion, got.AllChangesDeployed)
	}

	// Update: only the draft changes; pending again.
	up, err := c.Actions.Update(ctx, a.ID, auth0.ActionUpdateParams{Code: auth0.String(codeV2)})
	if err != nil {
		t.Fatal(err)
	}
	if up.Status != auth0.BuildStatusPending || up.AllChangesDeployed || up.Code != codeV2 || up.DeployedVersion.Code != codeV1 {
		t.Errorf("after update: status %q all_changes_deployed %v code %q deployed code %q",
			up.Status, up.AllChangesDeployed, up.Code, up.DeployedVersion.Code)
	}
	if len(up.Secrets) != 1 || !up.Secrets[0].UpdatedAt.Equal(a.Secrets[0].UpdatedAt) {
		t.Errorf("secrets after an update that left them out = %+v, want them kept", up.Secrets)
	}
	v2, err := c.Actions.Deploy(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v2.Number != 2 || v2.Code != codeV2 {
		t.Errorf("second deploy = number %d code %q", v2.Number, v2.Code)
	}

	// Bind, twice: new binding IDs each time; the bound action is reduced.
	bind := func() *auth0.BindingUpdateResponse {
		t.Helper()
		res, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{
			Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: a.ID}}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Bindings) != 1 {
			t.Fatalf("bindings = %d, want 1", len(res.Bindings))
		}
		return res
	}
	b1, b2 := bind(), bind()
	if b1.Bindings[0].ID == b2.Bindings[0].ID {
		t.Error("a bindings update kept the binding ID")
	}
	bnd := b2.Bindings[0]
	if bnd.DisplayName != "add-roles" || bnd.TriggerID != auth0.TriggerPostLogin || bnd.Action.ID != a.ID {
		t.Errorf("binding = %+v", bnd)
	}
	boundAction := rawKeys(t, bnd.RawJSON())["action"].(map[string]any)
	for _, key := range []string{"code", "runtime", "status", "secrets"} {
		if _, ok := boundAction[key]; ok {
			t.Errorf("the binding's action has %q; live sends a reduced action", key)
		}
	}
	for _, key := range []string{"deployed_version", "current_version", "all_changes_deployed"} {
		if _, ok := boundAction[key]; !ok {
			t.Errorf("the binding's action lacks %q", key)
		}
	}
	page, err := c.Actions.Triggers.Bindings.List(ctx, auth0.TriggerPostLogin, auth0.BindingListParams{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].ID != bnd.ID || page.Total != 1 {
		t.Errorf("bindings list = %d items, total %d", len(page.Items), page.Total)
	}

	// List, filtered.
	list, err := c.Actions.List(ctx, auth0.ActionListParams{Deployed: auth0.Bool(true), TriggerID: auth0.Ptr(auth0.TriggerPostLogin)})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 1 || list.Items[0].ID != a.ID || list.Total != 1 {
		t.Errorf("list = %d items, total %d", len(list.Items), list.Total)
	}

	// Test: default stats, then a scripted result.
	tr, err := c.Actions.Test(ctx, a.ID, auth0.ActionTestParams{Payload: map[string]any{"event": map[string]any{"user": map[string]any{"email": "ana@example.com"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := tr.Payload["stats"]; !ok {
		t.Errorf("test payload = %v, want stats", tr.Payload)
	}
	srv.SetTestResult(a.ID, map[string]any{"error": map[string]any{"message": "boom", "name": "Error"}})
	tr, err = c.Actions.Test(ctx, a.ID, auth0.ActionTestParams{Payload: map[string]any{}})
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := tr.Payload["error"].(map[string]any); e["message"] != "boom" {
		t.Errorf("scripted test payload = %v", tr.Payload)
	}

	// Versions: newest first; only the deployed one says deployed.
	vs, err := c.Actions.Versions.List(ctx, a.ID, auth0.ActionVersionListParams{})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs.Items) != 2 || vs.Items[0].Number != 2 || vs.Items[1].Number != 1 || !vs.Items[0].Deployed || vs.Items[1].Deployed {
		t.Fatalf("versions = %+v", vs.Items)
	}
	old, err := c.Actions.Versions.Get(ctx, a.ID, v1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if old.Number != 1 || old.Code != codeV1 || old.Action.ID != a.ID || old.BuiltAt.IsZero() {
		t.Errorf("version 1 = %+v", old)
	}

	// Roll back to version 1 without, then with, update_draft.
	rb, err := c.Actions.Versions.Deploy(ctx, a.ID, v1.ID, auth0.ActionVersionDeployParams{})
	if err != nil {
		t.Fatal(err)
	}
	if rb.Number != 3 || rb.Code != codeV1 || rb.Deployed {
		t.Errorf("roll-back = number %d code %q deployed %v", rb.Number, rb.Code, rb.Deployed)
	}
	got, _ = c.Actions.Get(ctx, a.ID)
	if got.Code != codeV2 || got.DeployedVersion.Number != 3 || got.AllChangesDeployed {
		t.Errorf("after roll-back: draft %q deployed %d all_changes_deployed %v; want the draft kept", got.Code, got.DeployedVersion.Number, got.AllChangesDeployed)
	}
	rb, err = c.Actions.Versions.Deploy(ctx, a.ID, v1.ID, auth0.ActionVersionDeployParams{UpdateDraft: auth0.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = c.Actions.Get(ctx, a.ID)
	if rb.Number != 4 || got.Code != codeV1 || got.DeployedVersion.Number != 4 || !got.AllChangesDeployed || got.Status != auth0.BuildStatusBuilt {
		t.Errorf("after roll-back with update_draft: number %d draft %q deployed %d all_changes_deployed %v status %q",
			rb.Number, got.Code, got.DeployedVersion.Number, got.AllChangesDeployed, got.Status)
	}

	// Delete: refused while bound, then forced.
	err = c.Actions.Delete(ctx, a.ID, auth0.ActionDeleteParams{})
	if !errors.Is(err, auth0.ErrBadRequest) || !strings.Contains(apiError(t, err).Message, "force=true") {
		t.Fatalf("delete of a bound action: %v, want a 400 naming force=true", err)
	}
	if _, ok := srv.Action(a.ID); !ok {
		t.Fatal("a refused delete removed the action")
	}
	if err := c.Actions.Delete(ctx, a.ID, auth0.ActionDeleteParams{Force: auth0.Bool(true)}, option.WithResponseInto(&resp)); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusNoContent {
		t.Errorf("delete status = %d, want 204", resp.StatusCode)
	}
	_, err = c.Actions.Get(ctx, a.ID)
	wantAPIError(t, err, http.StatusNotFound, "", "That action does not exist.")
	if b := srv.Bindings(auth0.TriggerPostLogin); len(b) != 0 {
		t.Errorf("bindings after a forced delete = %d, want 0", len(b))
	}

	if n := srv.RequestCount(auth0test.RouteActionsDeploy); n != 2 {
		t.Errorf("deploy requests = %d, want 2", n)
	}
	if n := srv.RequestCount(auth0test.RouteVersionsDeploy); n != 2 {
		t.Errorf("roll-back requests = %d, want 2", n)
	}
}

func TestCreateWithDeploy(t *testing.T) {
	t.Parallel()
	t.Run("immediate build", func(t *testing.T) {
		t.Parallel()
		srv := auth0test.NewServer(t)
		p := newParams("deploy-at-once")
		p.Deploy = auth0.Bool(true)
		a, err := srv.Client().Actions.New(t.Context(), p)
		if err != nil {
			t.Fatal(err)
		}
		if a.DeployedVersion == nil || a.DeployedVersion.Number != 1 || !a.AllChangesDeployed || a.CurrentVersion == nil {
			t.Errorf("create with deploy = deployed %+v all_changes_deployed %v current %+v", a.DeployedVersion, a.AllChangesDeployed, a.CurrentVersion)
		}
	})
	t.Run("slow build", func(t *testing.T) {
		t.Parallel()
		srv := auth0test.NewServer(t, auth0test.WithBuildAfterReads(2))
		c := srv.Client()
		p := newParams("deploy-when-built")
		p.Deploy = auth0.Bool(true)
		a, err := c.Actions.New(t.Context(), p)
		if err != nil {
			t.Fatal(err)
		}
		if a.DeployedVersion != nil || a.Status != auth0.BuildStatusPending {
			t.Fatalf("create = status %q deployed %v, want pending and not deployed yet", a.Status, a.DeployedVersion)
		}
		for range 2 {
			if a, err = c.Actions.Get(t.Context(), a.ID); err != nil {
				t.Fatal(err)
			}
		}
		if a.Status != auth0.BuildStatusBuilt || a.DeployedVersion == nil || a.DeployedVersion.Number != 1 {
			t.Errorf("once built: status %q deployed %+v, want deployed", a.Status, a.DeployedVersion)
		}
	})
}

func TestBuildAfterReads(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithBuildAfterReads(3))
	c := srv.Client()
	ctx := t.Context()
	a, err := c.Actions.New(ctx, newParams("slow"))
	if err != nil {
		t.Fatal(err)
	}
	var statuses []auth0.BuildStatus
	for i := range 3 {
		got, err := c.Actions.Get(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		statuses = append(statuses, got.Status)
		if i == 1 {
			_, err := c.Actions.Deploy(ctx, a.ID)
			wantAPIError(t, err, http.StatusBadRequest, "", "A draft must be in the 'built' state before it can be deployed.")
		}
	}
	want := []auth0.BuildStatus{auth0.BuildStatusBuilding, auth0.BuildStatusBuilding, auth0.BuildStatusBuilt}
	if !slices.Equal(statuses, want) {
		t.Errorf("statuses = %v, want %v", statuses, want)
	}
	if _, err := c.Actions.Deploy(ctx, a.ID); err != nil {
		t.Errorf("deploy once built: %v", err)
	}
	// An update starts over.
	if _, err := c.Actions.Update(ctx, a.ID, auth0.ActionUpdateParams{Code: auth0.String(codeV2)}); err != nil {
		t.Fatal(err)
	}
	got, _ := c.Actions.Get(ctx, a.ID)
	if got.Status != auth0.BuildStatusBuilding {
		t.Errorf("first read after an update = %q, want building", got.Status)
	}
}

func TestBuildDelay(t *testing.T) {
	t.Parallel()
	clk := newClock()
	srv := auth0test.NewServer(t, auth0test.WithBuildDelay(time.Minute), auth0test.WithClock(clk.Now))
	c := srv.Client()
	a, err := c.Actions.New(t.Context(), newParams("delayed"))
	if err != nil {
		t.Fatal(err)
	}
	if !a.CreatedAt.Equal(clk.Now()) {
		t.Errorf("created_at = %v, want the server clock %v", a.CreatedAt, clk.Now())
	}
	if got, _ := c.Actions.Get(t.Context(), a.ID); got.Status != auth0.BuildStatusBuilding {
		t.Errorf("status before the delay = %q, want building", got.Status)
	}
	clk.Advance(time.Minute)
	got, err := c.Actions.Get(t.Context(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != auth0.BuildStatusBuilt || !got.BuiltAt.Equal(clk.Now()) {
		t.Errorf("after the delay: status %q built_at %v", got.Status, got.BuiltAt)
	}
}

func TestBuildFailure(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	ctx := t.Context()

	p := newParams("broken")
	p.Code = auth0.String("// " + auth0test.FailBuildMarker)
	a, err := c.Actions.New(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := c.Actions.Get(ctx, a.ID)
	if got.Status != auth0.BuildStatusFailed || !got.BuiltAt.IsZero() {
		t.Errorf("status = %q built_at %v, want failed", got.Status, got.BuiltAt)
	}
	if len(srv.BuildErrors(a.ID)) == 0 {
		t.Error("no build errors recorded")
	}
	// A failed draft is not built: the live API's 400 for that (its answer
	// to a failed draft is not recorded); BuildErrors says why.
	_, err = c.Actions.Deploy(ctx, a.ID)
	wantAPIError(t, err, http.StatusBadRequest, "", "A draft must be in the 'built' state before it can be deployed.")
	// Fixing the code fixes the build.
	if _, err := c.Actions.Update(ctx, a.ID, auth0.ActionUpdateParams{Code: auth0.String(codeV1)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Actions.Deploy(ctx, a.ID); err != nil {
		t.Errorf("deploy after the fix: %v", err)
	}

	srv.FailBuilds("npm", auth0.ActionError{ID: "err_build_npm_install", Msg: "npm install failed for lodash@9.9.9"})
	n, err := c.Actions.New(ctx, newParams("npm"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Actions.Deploy(ctx, n.ID)
	wantAPIError(t, err, http.StatusBadRequest, "", "A draft must be in the 'built' state before it can be deployed.")
	if errs := srv.BuildErrors(n.ID); len(errs) != 1 || errs[0].ID != "err_build_npm_install" {
		t.Errorf("build errors = %+v", errs)
	}
}

// TestEscapedIDs checks that IDs with "/" and "?" reach the right endpoint.
func TestEscapedIDs(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	ctx := t.Context()
	const id = "odd/id?x=1#y"
	put := srv.PutAction(auth0.Action{ID: id, Name: "odd", SupportedTriggers: postLoginV3, Code: codeV1})
	if put.ID != id || put.Status != auth0.BuildStatusBuilt {
		t.Fatalf("PutAction = %q %q", put.ID, put.Status)
	}
	if _, err := c.Actions.Get(ctx, id); err != nil {
		t.Fatal(err)
	}
	v, err := c.Actions.Deploy(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := c.Actions.Versions.Get(ctx, id, v.ID); err != nil || got.Number != 1 {
		t.Errorf("version get = %v, %v", got, err)
	}
	srv.AddExecution(auth0.Execution{ID: "exec/1", TriggerID: auth0.TriggerPostLogin})
	if ex, err := c.Actions.Executions.Get(ctx, "exec/1"); err != nil || ex.ID != "exec/1" {
		t.Errorf("execution = %v, %v", ex, err)
	}
	reqs := srv.Requests()
	if last := reqs[len(reqs)-1]; last.Route != auth0test.RouteExecutionsGet || last.Path != "/api/v2/actions/executions/exec%2F1" {
		t.Errorf("last request = %s %s", last.Route, last.Path)
	}
}

func TestSeeding(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	ctx := t.Context()

	added := srv.AddAction(newParams("seeded"))
	if added.Status != auth0.BuildStatusBuilt || added.ID == "" {
		t.Errorf("AddAction = %q %q, want built", added.ID, added.Status)
	}
	put := srv.PutAction(auth0.Action{
		Name:                   "marketplace",
		SupportedTriggers:      postLoginV3,
		InstalledIntegrationID: "8e9fe2d0-a2fc-4c8c-9e35-dae5afadb70b",
		Integration:            &auth0.Integration{Name: "Acme Fraud Check", FeatureType: auth0.IntegrationFeatureTypeAction},
		DeployedVersion:        &auth0.ActionVersion{Number: 7, Code: codeV1},
		AllChangesDeployed:     true,
	})
	got, err := c.Actions.Get(ctx, put.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Integration == nil || got.Integration.Name != "Acme Fraud Check" || got.DeployedVersion.Number != 7 || !got.AllChangesDeployed {
		t.Errorf("seeded action = %+v", got)
	}
	v, err := c.Actions.Deploy(ctx, put.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.Number != 8 {
		t.Errorf("next version = %d, want 8", v.Number)
	}
	installed, err := c.Actions.List(ctx, auth0.ActionListParams{Installed: auth0.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	if len(installed.Items) != 1 || installed.Items[0].ID != put.ID {
		t.Errorf("installed = %d items", len(installed.Items))
	}
	if vs := srv.Versions(put.ID); len(vs) != 2 || vs[0].Number != 8 || !vs[0].Deployed {
		t.Errorf("Versions = %+v", vs)
	}
	if all := srv.Actions(); len(all) != 2 || all[0].Name != "seeded" {
		t.Errorf("Actions = %d", len(all))
	}

	ex := srv.AddExecution(auth0.Execution{
		TriggerID: auth0.TriggerPostLogin,
		Results:   []auth0.ExecutionResult{{ActionName: "seeded", Error: &auth0.ActionError{ID: "a0_action_timeout", Msg: "Script execution time exceeded"}}},
	})
	got2, err := c.Actions.Executions.Get(ctx, ex.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got2.Status != auth0.ExecutionStatusFinal || len(got2.Results) != 1 || got2.Results[0].Error.ID != "a0_action_timeout" {
		t.Errorf("execution = %+v", got2)
	}
	_, err = c.Actions.Executions.Get(ctx, "missing")
	wantAPIError(t, err, http.StatusNotFound, "", "That execution does not exist.")
}

func TestTriggers(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	res, err := srv.Client().Actions.Triggers.List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	ids := map[auth0.TriggerID]bool{}
	for _, tr := range res.Triggers {
		ids[tr.ID] = true
		if len(tr.Runtimes) == 0 || tr.DefaultRuntime == "" || tr.BindingPolicy == "" || tr.Status == "" {
			t.Errorf("trigger %s %s lacks fields: %+v", tr.ID, tr.Version, tr)
		}
	}
	// The live tenant's list of 2026-08 (recordings_test.go compares it
	// byte for byte): 13 of the document's 14 IDs and mcp-tool.
	if len(ids) != 13 || !ids[auth0.TriggerMCPTool] || ids[auth0.TriggerLoginPostIdentifier] {
		t.Errorf("trigger IDs = %v, want the 13 of the live list", ids)
	}
	var postLogin []string
	for _, tr := range res.Triggers {
		if tr.ID == auth0.TriggerPostLogin {
			postLogin = append(postLogin, tr.Version+" "+tr.Status)
		}
	}
	if want := []string{"v3 CURRENT", "v1 DEPRECATED", "v2 DEPRECATED"}; !slices.Equal(postLogin, want) {
		t.Errorf("post-login versions = %v, want %v", postLogin, want)
	}
}
