package auth0

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/actions-sdk/auth0-go/option"
)

// ---------------------------------------------------------------------------
// Fixtures: the document's examples plus what the live API was seen to send.

// actionJSON is a GET /actions/actions/{id} response with every field of
// the document, the undocumented current_version, a field nobody knows yet,
// and both timestamp precisions.
var actionJSON = fixture("action.json")

// wantAction is actionJSON decoded by hand.
func wantAction() Action {
	t2021 := mustTime("2021-01-01T00:00:00.000Z")
	return Action{
		ID:                 testActionID,
		Name:               "my-action",
		SupportedTriggers:  postLoginV3,
		AllChangesDeployed: true,
		CreatedAt:          t2021,
		UpdatedAt:          mustTime("2026-05-29T10:30:59.650492329Z"),
		Code:               "module.exports = () => {}",
		Dependencies:       []ActionDependency{{Name: "lodash", Version: "4.17.21", RegistryURL: "https://registry.example.com"}},
		Runtime:            RuntimeNode22,
		Secrets:            []ActionSecret{{Name: "mySecret", UpdatedAt: t2021}},
		DeployedVersion: &ActionVersion{
			ID:           testVersionID,
			ActionID:     testActionID,
			Code:         "module.exports = () => {}",
			Dependencies: []ActionDependency{{Name: "lodash", Version: "4.17.21"}},
			Deployed:     true,
			Runtime:      RuntimeNode22,
			Secrets:      []ActionSecret{{Name: "mySecret", UpdatedAt: t2021}},
			Status:       BuildStatusBuilt,
			Number:       1,
			Errors:       []ActionError{{ID: "err_build_npm_install", Msg: "npm install failed", URL: "https://example.com/logs/1"}},
			Action: ActionBase{
				ID:                 testActionID,
				Name:               "my-action",
				SupportedTriggers:  postLoginV3,
				AllChangesDeployed: true,
				CreatedAt:          t2021,
				UpdatedAt:          t2021,
			},
			BuiltAt:           t2021,
			CreatedAt:         t2021,
			UpdatedAt:         t2021,
			SupportedTriggers: postLoginV3,
			Modules: []ActionModuleReference{{
				ModuleID: "6c0e2f1a-3d4b-4a5c-8e9f-0a1b2c3d4e5f", ModuleName: "shared-utils",
				ModuleVersionID: "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f", ModuleVersionNumber: 1,
			}},
		},
		InstalledIntegrationID: "7d2bc0c9-c0c2-433a-9f4e-86ef80270aad",
		Integration: &Integration{
			ID:                "8e9fe2d0-a2fc-4c8c-9e35-dae5afadb70b",
			CatalogID:         "awesome-auth0-integration",
			URLSlug:           "awesome-auth0-integration-slug",
			PartnerID:         "b8575c12-8d9d-4b5c-b28e-671fe9d39029",
			Name:              "Example Auth0 integration",
			Description:       "An awesome Auth0 integration",
			ShortDescription:  "Awesome Auth0 integration",
			Logo:              "https://cdn.example.com/logo.png",
			FeatureType:       IntegrationFeatureTypeAction,
			TermsOfUseURL:     "https://example.com/terms",
			PrivacyPolicyURL:  "https://example.com/privacy",
			PublicSupportLink: "https://example.com/support",
			CurrentRelease: &IntegrationRelease{
				ID:      "rel_01",
				Trigger: Trigger{ID: TriggerPostLogin, Version: "v3"},
				Semver:  IntegrationSemVer{Major: 1, Minor: 4},
				RequiredSecrets: []IntegrationRequiredParam{{
					Type: IntegrationRequiredParamTypeString, Name: "ACME_API_KEY", Required: true, Label: "API key",
					Description: "The key", Placeholder: "sk_...",
				}},
				RequiredConfiguration: []IntegrationRequiredParam{{
					Type: IntegrationRequiredParamTypeString, Name: "MODE", Optional: true, Label: "Mode",
					DefaultValue: "monitor",
					Options:      []IntegrationRequiredParamOption{{Value: "monitor", Label: "Monitor"}, {Value: "block", Label: "Block"}},
				}},
			},
			CreatedAt: mustTime("2021-06-21T15:47:29.072Z"),
			UpdatedAt: mustTime("2021-06-21T15:47:29.072Z"),
		},
		Status:  BuildStatusBuilt,
		BuiltAt: mustTime("2026-05-29T10:31:00.000000001Z"),
		Modules: []ActionModuleReference{{
			ModuleID: "6c0e2f1a-3d4b-4a5c-8e9f-0a1b2c3d4e5f", ModuleName: "shared-utils",
			ModuleVersionID: "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f", ModuleVersionNumber: 2,
		}},
		CurrentVersion: &ActionCurrentVersion{
			ID:        "c1d2e3f4-0000-4000-8000-000000000001",
			Code:      "module.exports = () => {}",
			Runtime:   RuntimeNode22,
			Status:    "BUILT",
			Number:    1,
			BuildTime: "2026-05-29T10:31:00.812Z",
			CreatedAt: mustTime("2026-05-29T10:30:59.650492329Z"),
			UpdatedAt: mustTime("2026-05-29T10:31:00.812Z"),
		},
	}
}

// pendingActionJSON is a create response: pending, never built or deployed.
const pendingActionJSON = `{
  "id": "910b1053-577f-4d81-a8c8-020e7319a38a",
  "name": "my-action",
  "supported_triggers": [{"id": "post-login", "version": "v3"}],
  "all_changes_deployed": false,
  "created_at": "2026-05-29T10:30:59.650492329Z",
  "updated_at": "2026-05-29T10:30:59.650492329Z",
  "code": "module.exports = () => {}",
  "dependencies": [],
  "runtime": "node22",
  "secrets": [{"name": "API_KEY", "updated_at": "2026-05-29T10:30:59.650492329Z"}],
  "status": "pending"
}`

// ---------------------------------------------------------------------------
// New

func TestActionNewSendsOnlyTheFieldsSet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params ActionNewParams
		body   string
	}{
		{
			name:   "required fields only",
			params: ActionNewParams{Name: "my-action", SupportedTriggers: postLoginV3},
			body:   `{"name":"my-action","supported_triggers":[{"id":"post-login","version":"v3"}]}`,
		},
		{
			name: "every field",
			params: ActionNewParams{
				Name:              "my-action",
				SupportedTriggers: postLoginV3,
				Code:              String("module.exports = () => {}"),
				Dependencies:      []ActionDependency{{Name: "lodash", Version: "4.17.21", RegistryURL: "https://registry.example.com"}},
				Runtime:           String(RuntimeNode22),
				Secrets:           []ActionSecretParam{{Name: "mySecret", Value: "mySecretValue"}},
				Modules:           []ActionModuleReference{{ModuleID: "mod_1", ModuleName: "shared-utils", ModuleVersionID: "mv_2", ModuleVersionNumber: 2}},
				Deploy:            Bool(false),
			},
			body: `{"name":"my-action","supported_triggers":[{"id":"post-login","version":"v3"}],
				"code":"module.exports = () => {}",
				"dependencies":[{"name":"lodash","version":"4.17.21","registry_url":"https://registry.example.com"}],
				"runtime":"node22","secrets":[{"name":"mySecret","value":"mySecretValue"}],
				"modules":[{"module_id":"mod_1","module_version_id":"mv_2"}],"deploy":false}`,
		},
		{
			name:   "deploy true and a trigger without a version",
			params: ActionNewParams{Name: "a", SupportedTriggers: []Trigger{{ID: TriggerCredentialsExchange}}, Deploy: Bool(true)},
			body:   `{"name":"a","supported_triggers":[{"id":"credentials-exchange"}],"deploy":true}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{http.StatusCreated, pendingActionJSON})
			a, err := client.Actions.New(t.Context(), tt.params)
			require.NoError(t, err)
			assertRequest(t, srv.only(t), http.MethodPost, "/api/v2/actions/actions", nil, tt.body)
			assert.Equal(t, testActionID, a.ID)
		})
	}
}

func TestActionNewDecodesTheCreatedAction(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusCreated, pendingActionJSON})
	a, err := client.Actions.New(t.Context(), ActionNewParams{Name: "my-action", SupportedTriggers: postLoginV3})
	require.NoError(t, err)
	created := mustTime("2026-05-29T10:30:59.650492329Z")
	assert.Equal(t, Action{
		ID:                testActionID,
		Name:              "my-action",
		SupportedTriggers: postLoginV3,
		CreatedAt:         created,
		UpdatedAt:         created,
		Code:              "module.exports = () => {}",
		Dependencies:      []ActionDependency{},
		Runtime:           RuntimeNode22,
		Secrets:           []ActionSecret{{Name: "API_KEY", UpdatedAt: created}},
		Status:            BuildStatusPending,
	}, bareAction(*a))
	assert.Nil(t, a.DeployedVersion, "never deployed")
	assert.True(t, a.BuiltAt.IsZero(), "not built yet")
	assert.JSONEq(t, pendingActionJSON, string(a.RawJSON()))
}

func TestActionNewDoesNotLeakSecretValuesIntoErrors(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusBadRequest,
		`{"statusCode":400,"error":"Bad Request","message":"Payload validation error","errorCode":"invalid_body"}`})
	_, err := client.Actions.New(t.Context(), ActionNewParams{
		Name: "a", SupportedTriggers: postLoginV3,
		Secrets: []ActionSecretParam{{Name: "API_KEY", Value: "hunter2-very-secret"}},
	})
	require.Error(t, err)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "invalid_body", apiErr.Code)
	assert.NotContains(t, err.Error(), "hunter2-very-secret")
	dump := apiErr.DumpRequest(true)
	assert.NotContains(t, string(dump), "hunter2-very-secret")
	assert.NotContains(t, string(dump), "Bearer tok")
}

// ---------------------------------------------------------------------------
// Delete

func TestActionDelete(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params ActionDeleteParams
		query  url.Values
	}{
		{"no params", ActionDeleteParams{}, nil},
		{"force", ActionDeleteParams{Force: Bool(true)}, url.Values{"force": {"true"}}},
		{"force false is sent", ActionDeleteParams{Force: Bool(false)}, url.Values{"force": {"false"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{http.StatusNoContent, ""})
			require.NoError(t, client.Actions.Delete(t.Context(), testActionID, tt.params))
			assertRequest(t, srv.only(t), http.MethodDelete, "/api/v2/actions/actions/"+testActionID, tt.query, "")
		})
	}
}

func TestActionDeleteNotFound(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"That action does not exist."}`})
	err := client.Actions.Delete(t.Context(), "missing", ActionDeleteParams{})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.True(t, errors.Is(err, ErrNotFound))
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "That action does not exist.", apiErr.Message)
	assert.Equal(t, 1, tr.GetTotalCallCount(), "a 404 is not retried")
}

// ---------------------------------------------------------------------------
// Deploy

// deployJSON is a deploy response as observed: deployed false, no
// action_id, no built_at.
var deployJSON = fixture("deploy.json")

func wantDeployedVersion() ActionVersion {
	created := mustTime("2026-03-03T11:02:44.219817003Z")
	return ActionVersion{
		ID:                "d41f7a2b-9c3e-4e5f-8a6b-7c8d9e0f1a2b",
		ActionID:          "5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d", // filled in from action.id
		Code:              "exports.onExecutePostLogin = async (event, api) => {};",
		Dependencies:      []ActionDependency{{Name: "lodash", Version: "4.17.21"}},
		Number:            4,
		Secrets:           []ActionSecret{{Name: "API_KEY", UpdatedAt: mustTime("2026-03-02T09:15:27.130551002Z")}},
		Status:            BuildStatusBuilt,
		CreatedAt:         created,
		UpdatedAt:         created,
		Runtime:           RuntimeNode22,
		SupportedTriggers: postLoginV3,
		Action: ActionBase{
			ID:                "5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d",
			Name:              "add-roles-to-token",
			SupportedTriggers: postLoginV3,
			CreatedAt:         mustTime("2026-03-02T09:15:27.118204531Z"),
			UpdatedAt:         mustTime("2026-03-02T09:15:27.118204531Z"),
		},
	}
}

func TestActionDeploySendsNoBodyAndAcceptsBoth200And202(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusOK, http.StatusAccepted} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{status, deployJSON})
			v, err := client.Actions.Deploy(t.Context(), "5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d")
			require.NoError(t, err)
			assertRequest(t, srv.only(t), http.MethodPost, "/api/v2/actions/actions/5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d/deploy", nil, "")
			assert.Equal(t, wantDeployedVersion(), bareVersion(*v))
			assert.False(t, v.Deployed, "the deploy response itself says deployed false")
			assert.NotContains(t, deployJSON, `"action_id"`, "the live API leaves action_id out")
			assert.Equal(t, "5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d", v.ActionID, "ActionID is filled in from action.id")
			assert.JSONEq(t, deployJSON, string(v.RawJSON()))
		})
	}
}

func TestActionDeployIsNotRetriedAfterA5xx(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusServiceUnavailable, `{"statusCode":503,"error":"Service Unavailable","message":"try later"}`})
	_, err := client.Actions.Deploy(t.Context(), testActionID)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 1, tr.GetTotalCallCount(), "a deploy must not be repeated")
}

// ---------------------------------------------------------------------------
// List

func TestActionListQuery(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params ActionListParams
		query  url.Values
	}{
		{"defaults", ActionListParams{}, url.Values{"page": {"0"}, "per_page": {"50"}}},
		{
			"every filter, with the API's mixed casing",
			ActionListParams{
				TriggerID:  Ptr(TriggerPostLogin),
				ActionName: String("my action"),
				Deployed:   Bool(true),
				Installed:  Bool(false),
				Page:       Int(2),
				PerPage:    Int(10),
			},
			url.Values{
				"triggerId": {"post-login"}, "actionName": {"my action"}, "deployed": {"true"},
				"installed": {"false"}, "page": {"2"}, "per_page": {"10"},
			},
		},
		{"a trigger the SDK does not know", ActionListParams{TriggerID: Ptr(TriggerID("future-trigger"))},
			url.Values{"triggerId": {"future-trigger"}, "page": {"0"}, "per_page": {"50"}}},
		{"per_page 100 and page 0 are allowed", ActionListParams{PerPage: Int(100), Page: Int(0)},
			url.Values{"page": {"0"}, "per_page": {"100"}}},
		{"per_page 1 is allowed", ActionListParams{PerPage: Int(1)},
			url.Values{"page": {"0"}, "per_page": {"1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{http.StatusOK, `{"actions":[],"per_page":50}`})
			page, err := client.Actions.List(t.Context(), tt.params)
			require.NoError(t, err)
			assertRequest(t, srv.only(t), http.MethodGet, "/api/v2/actions/actions", tt.query, "")
			assert.Empty(t, page.Items)
			assert.False(t, page.HasNextPage())
		})
	}
}

func TestActionListDecodesThePage(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	second := `{"id":"a2","name":"second","supported_triggers":[{"id":"future-trigger","version":"v1"}],
		"status":"some-new-status","created_at":"2021-01-01T00:00:00.000Z"}`
	body := `{"actions":[` + actionJSON + `,` + second + `],"total":2,"per_page":50}`
	serveInOrder(t, tr, cannedReply{http.StatusOK, body})
	page, err := client.Actions.List(t.Context(), ActionListParams{})
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	assert.Equal(t, 2, page.Total)
	assert.Equal(t, 0, page.Page, "page is left out when it is 0")
	assert.Equal(t, 50, page.PerPage)
	assert.False(t, page.HasNextPage())
	assert.Equal(t, wantAction(), bareAction(page.Items[0]))
	assert.Equal(t, Action{
		ID: "a2", Name: "second", SupportedTriggers: []Trigger{{ID: "future-trigger", Version: "v1"}},
		Status: "some-new-status", CreatedAt: mustTime("2021-01-01T00:00:00.000Z"),
	}, bareAction(page.Items[1]))
	assert.JSONEq(t, actionJSON, string(page.Items[0].RawJSON()))
	assert.JSONEq(t, second, string(page.Items[1].RawJSON()))
	assert.JSONEq(t, body, string(page.RawJSON()))
}

// ---------------------------------------------------------------------------
// Get

func TestActionGetDecodesEveryField(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr, cannedReply{http.StatusOK, actionJSON})
	a, err := client.Actions.Get(t.Context(), testActionID)
	require.NoError(t, err)
	assertRequest(t, srv.only(t), http.MethodGet, "/api/v2/actions/actions/"+testActionID, nil, "")

	assert.Equal(t, wantAction(), bareAction(*a))
	// The two timestamp precisions, checked on their own.
	assert.Equal(t, 650492329, a.UpdatedAt.Nanosecond())
	assert.Equal(t, 1, a.BuiltAt.Nanosecond())
	assert.Equal(t, 0, a.CreatedAt.Nanosecond())
	assert.Equal(t, time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), a.CreatedAt.UTC())
	// The undocumented current_version, with its upper-case status.
	require.NotNil(t, a.CurrentVersion)
	assert.Equal(t, "BUILT", a.CurrentVersion.Status)
	assert.JSONEq(t, actionJSON, string(a.RawJSON()), "RawJSON keeps unknown fields too")
	assert.Contains(t, string(a.RawJSON()), "x_added_later")
	assert.Nil(t, a.DeployedVersion.RawJSON(), "a nested value has no JSON of its own")
}

func TestActionGetEscapesTheID(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"a/b":        "/api/v2/actions/actions/a%2Fb",
		"../secrets": "/api/v2/actions/actions/..%2Fsecrets",
		"a b?c#d":    "/api/v2/actions/actions/a%20b%3Fc%23d",
	}
	for id, path := range tests {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{http.StatusOK, `{"id":"x"}`})
			_, err := client.Actions.Get(t.Context(), id)
			require.NoError(t, err)
			assertRequest(t, srv.only(t), http.MethodGet, path, nil, "")
		})
	}
}

func TestActionGetNotFound(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"That action does not exist."}`})
	a, err := client.Actions.Get(t.Context(), "missing")
	assert.Nil(t, a)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrNotFound)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	assert.Equal(t, "Not Found", apiErr.ErrorText)
	assert.Empty(t, apiErr.Code, "the Actions 404s carry no errorCode")
}

func TestActionGetEmptyBodyIsAnError(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusOK, ""})
	_, err := client.Actions.Get(t.Context(), testActionID)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "empty body")
}

// ---------------------------------------------------------------------------
// Test

func TestActionTest(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	resp := `{"payload":{"error":{"message":"boom","name":"Error","stack":"Error: boom\n    at x"},
		"stats":{"total_request_duration_ms":96,"action_duration_ms":41,"boot_duration_ms":48,"network_duration_ms":3}}}`
	srv := serveInOrder(t, tr, cannedReply{http.StatusOK, resp})
	res, err := client.Actions.Test(t.Context(), testActionID, ActionTestParams{Payload: map[string]any{
		"event": map[string]any{"user": map[string]any{"user_id": "auth0|65f0", "email_verified": true}},
	}})
	require.NoError(t, err, "a runtime failure of the action is still a success")
	assertRequest(t, srv.only(t), http.MethodPost, "/api/v2/actions/actions/"+testActionID+"/test", nil,
		`{"payload":{"event":{"user":{"user_id":"auth0|65f0","email_verified":true}}}}`)
	assert.Equal(t, map[string]any{
		"error": map[string]any{"message": "boom", "name": "Error", "stack": "Error: boom\n    at x"},
		"stats": map[string]any{
			"total_request_duration_ms": float64(96), "action_duration_ms": float64(41),
			"boot_duration_ms": float64(48), "network_duration_ms": float64(3),
		},
	}, res.Payload)
	assert.JSONEq(t, resp, string(res.RawJSON()))
}

func TestActionTestEmptyPayloadIsSent(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr, cannedReply{http.StatusOK, `{"payload":{}}`})
	res, err := client.Actions.Test(t.Context(), testActionID, ActionTestParams{Payload: map[string]any{}})
	require.NoError(t, err)
	assertRequest(t, srv.only(t), http.MethodPost, "/api/v2/actions/actions/"+testActionID+"/test", nil, `{"payload":{}}`)
	assert.Empty(t, res.Payload)
}

// ---------------------------------------------------------------------------
// Update

func TestActionUpdateSendsOnlyTheFieldsSet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params ActionUpdateParams
		body   string
	}{
		{"nothing", ActionUpdateParams{}, `{}`},
		{"code only", ActionUpdateParams{Code: String("module.exports = () => {}")}, `{"code":"module.exports = () => {}"}`},
		{"rename", ActionUpdateParams{Name: String("renamed")}, `{"name":"renamed"}`},
		{"empty code is a value", ActionUpdateParams{Code: String("")}, `{"code":""}`},
		{"clear secrets with an empty list", ActionUpdateParams{Secrets: []ActionSecretParam{}}, `{"secrets":[]}`},
		{"clear dependencies and modules", ActionUpdateParams{Dependencies: []ActionDependency{}, Modules: []ActionModuleReference{}},
			`{"dependencies":[],"modules":[]}`},
		{
			"every field",
			ActionUpdateParams{
				Name:              String("my-action"),
				SupportedTriggers: []Trigger{{ID: TriggerPostLogin, Version: "v3"}},
				Code:              String("module.exports = () => {}"),
				Dependencies:      []ActionDependency{{Name: "lodash", Version: "latest"}},
				Runtime:           String(RuntimeNode18Actions),
				Secrets:           []ActionSecretParam{{Name: "A", Value: "1"}, {Name: "B", Value: ""}},
				Modules:           []ActionModuleReference{{ModuleID: "mod_1", ModuleVersionID: "mv_1"}},
			},
			`{"name":"my-action","supported_triggers":[{"id":"post-login","version":"v3"}],
			  "code":"module.exports = () => {}","dependencies":[{"name":"lodash","version":"latest"}],
			  "runtime":"node18-actions","secrets":[{"name":"A","value":"1"},{"name":"B","value":""}],
			  "modules":[{"module_id":"mod_1","module_version_id":"mv_1"}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{http.StatusOK, actionJSON})
			a, err := client.Actions.Update(t.Context(), testActionID, tt.params)
			require.NoError(t, err)
			assertRequest(t, srv.only(t), http.MethodPatch, "/api/v2/actions/actions/"+testActionID, nil, tt.body)
			assert.Equal(t, wantAction(), bareAction(*a))
			assert.JSONEq(t, actionJSON, string(a.RawJSON()))
		})
	}
}

// TestActionUpdateNeverSendsReadOnlyFields feeds a decoded action back as
// update params the way a user would (copying the writable fields) and
// checks that only writable top-level fields are sent, none of them null.
func TestActionUpdateNeverSendsReadOnlyFields(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr, cannedReply{http.StatusOK, actionJSON})
	got := wantAction()
	_, err := client.Actions.Update(t.Context(), testActionID, ActionUpdateParams{
		Name: &got.Name, SupportedTriggers: got.SupportedTriggers, Code: &got.Code,
		Dependencies: got.Dependencies, Runtime: &got.Runtime, Modules: got.Modules,
	})
	require.NoError(t, err)
	var sent map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(srv.only(t).Body, &sent))
	keys := make([]string, 0, len(sent))
	for k, v := range sent {
		keys = append(keys, k)
		assert.NotEqual(t, "null", string(v), "%s is sent as null", k)
	}
	assert.ElementsMatch(t, []string{"name", "supported_triggers", "code", "dependencies", "runtime", "modules"}, keys,
		"only writable fields; never id, created_at, status, deploy, current_version...")
}

// ---------------------------------------------------------------------------
// Validation: a clear error and no request.

func TestActionValidationSendsNothing(t *testing.T) {
	t.Parallel()
	ok := ActionNewParams{Name: "a", SupportedTriggers: postLoginV3}
	tests := []struct {
		name string
		call func(ctx context.Context, c *Client) error
		want string
	}{
		{"new: missing name", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.New(ctx, ActionNewParams{SupportedTriggers: postLoginV3})
			return err
		}, "ActionNewParams.Name is required"},
		{"new: no triggers", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.New(ctx, ActionNewParams{Name: "a"})
			return err
		}, "ActionNewParams.SupportedTriggers needs at least one trigger"},
		{"new: empty trigger list", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.New(ctx, ActionNewParams{Name: "a", SupportedTriggers: []Trigger{}})
			return err
		}, "ActionNewParams.SupportedTriggers needs at least one trigger"},
		{"new: empty trigger id", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.New(ctx, ActionNewParams{Name: "a", SupportedTriggers: []Trigger{{Version: "v3"}}})
			return err
		}, "ActionNewParams.SupportedTriggers[0].ID is required"},
		{"new: duplicate secret names", func(ctx context.Context, c *Client) error {
			p := ok
			p.Secrets = []ActionSecretParam{{Name: "K", Value: "1"}, {Name: "K", Value: "2"}}
			_, err := c.Actions.New(ctx, p)
			return err
		}, "ActionNewParams.Secrets has K twice"},
		{"new: unnamed secret", func(ctx context.Context, c *Client) error {
			p := ok
			p.Secrets = []ActionSecretParam{{Value: "1"}}
			_, err := c.Actions.New(ctx, p)
			return err
		}, "ActionNewParams.Secrets[0].Name is required"},
		{"new: module without id or name", func(ctx context.Context, c *Client) error {
			p := ok
			p.Modules = []ActionModuleReference{{ModuleVersionNumber: 1}}
			_, err := c.Actions.New(ctx, p)
			return err
		}, "ActionNewParams.Modules[0] needs a ModuleID or a ModuleName"},
		{"update: module version number below 1", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Update(ctx, testActionID, ActionUpdateParams{Modules: []ActionModuleReference{{ModuleName: "m", ModuleVersionNumber: -1}}})
			return err
		}, "ActionUpdateParams.Modules[0].ModuleVersionNumber is -1"},
		{"update: empty name", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Update(ctx, testActionID, ActionUpdateParams{Name: String("")})
			return err
		}, "ActionUpdateParams.Name must not be empty"},
		{"update: empty trigger list", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Update(ctx, testActionID, ActionUpdateParams{SupportedTriggers: []Trigger{}})
			return err
		}, "ActionUpdateParams.SupportedTriggers needs at least one trigger"},
		{"update: empty trigger id", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Update(ctx, testActionID, ActionUpdateParams{SupportedTriggers: []Trigger{{ID: TriggerPostLogin}, {}}})
			return err
		}, "ActionUpdateParams.SupportedTriggers[1].ID is required"},
		{"update: duplicate secret names", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Update(ctx, testActionID, ActionUpdateParams{Secrets: []ActionSecretParam{{Name: "K"}, {Name: "K"}}})
			return err
		}, "ActionUpdateParams.Secrets has K twice"},
		{"test: nil payload", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Test(ctx, testActionID, ActionTestParams{})
			return err
		}, "ActionTestParams.Payload is required"},
		{"list: per_page 0", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.List(ctx, ActionListParams{PerPage: Int(0)})
			return err
		}, "ActionListParams.PerPage is 0"},
		{"list: per_page -1", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.List(ctx, ActionListParams{PerPage: Int(-1)})
			return err
		}, "ActionListParams.PerPage is -1"},
		{"list: per_page 101", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.List(ctx, ActionListParams{PerPage: Int(101)})
			return err
		}, "ActionListParams.PerPage is 101"},
		{"list: page -1", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.List(ctx, ActionListParams{Page: Int(-1)})
			return err
		}, "ActionListParams.Page is -1"},
		{"list: empty action name", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.List(ctx, ActionListParams{ActionName: String("")})
			return err
		}, "ActionListParams.ActionName must not be empty"},
		{"list: empty trigger id", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.List(ctx, ActionListParams{TriggerID: Ptr(TriggerID(""))})
			return err
		}, "ActionListParams.TriggerID must not be empty"},
		{"list auto-paging: per_page 0", func(ctx context.Context, c *Client) error {
			for _, err := range c.Actions.ListAutoPaging(ctx, ActionListParams{PerPage: Int(0)}).All() {
				return err
			}
			return errors.New("no error yielded")
		}, "ActionListParams.PerPage is 0"},
		{"get: empty id", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Get(ctx, "")
			return err
		}, "id must not be empty"},
		{"get: id ..", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Get(ctx, "..")
			return err
		}, `id must not be ".."`},
		{"update: empty id", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Update(ctx, "", ActionUpdateParams{})
			return err
		}, "id must not be empty"},
		{"delete: empty id", func(ctx context.Context, c *Client) error {
			return c.Actions.Delete(ctx, "", ActionDeleteParams{Force: Bool(true)})
		}, "id must not be empty"},
		{"deploy: empty id", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Deploy(ctx, "")
			return err
		}, "id must not be empty"},
		{"test: empty id", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Test(ctx, "", ActionTestParams{Payload: map[string]any{}})
			return err
		}, "id must not be empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			serveInOrder(t, tr) // any request fails the test
			err := tt.call(t.Context(), client)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.True(t, strings.HasPrefix(err.Error(), "auth0: "), "errors name the package: %q", err)
			assert.Equal(t, 0, tr.GetTotalCallCount(), "no request may be sent")
		})
	}
}

// TestActionServiceOptionsApply checks that per-call options reach the
// request and that they win over the client's.
func TestActionServiceOptionsApply(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t, option.WithHeader("X-Trace", "client"))
	srv := serveInOrder(t, tr, cannedReply{http.StatusOK, actionJSON}, cannedReply{http.StatusOK, actionJSON})
	_, err := client.Actions.Get(t.Context(), testActionID)
	require.NoError(t, err)
	_, err = client.Actions.Get(t.Context(), testActionID, option.WithHeader("X-Trace", "call"), option.WithQuery("fields", "id"))
	require.NoError(t, err)
	calls := srv.Calls()
	require.Len(t, calls, 2)
	assert.Equal(t, "client", calls[0].Header.Get("X-Trace"))
	assert.Equal(t, "call", calls[1].Header.Get("X-Trace"))
	assert.Equal(t, url.Values{"fields": {"id"}}, calls[1].Query)
}

func TestActionSecretParamNeverPrintsItsValue(t *testing.T) {
	t.Parallel()
	const value = "super-secret-value-123"
	p := ActionSecretParam{Name: "API_KEY", Value: value}
	assert.Equal(t, "{API_KEY [REDACTED]}", fmt.Sprintf("%v", p))
	assert.Equal(t, "{Name:API_KEY Value:[REDACTED]}", fmt.Sprintf("%+v", p))

	nested := ActionNewParams{Name: "a", Secrets: []ActionSecretParam{p}}
	update := ActionUpdateParams{Secrets: []ActionSecretParam{p}}
	bindings := BindingUpdateParams{Bindings: []BindingUpdate{{Secrets: []ActionSecretParam{p}}}}
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		for _, arg := range []any{p, &p, []ActionSecretParam{p}, nested, &nested, update, bindings} {
			out := fmt.Sprintf(format, arg)
			assert.NotContains(t, out, value, "%s of %T", format, arg)
			assert.NotContains(t, out, fmt.Sprintf("%x", value), "%s of %T", format, arg)
			assert.NotContains(t, strings.ToLower(out), fmt.Sprintf("%x", value), "%s of %T", format, arg)
		}
	}
	assert.Contains(t, fmt.Sprintf("%+v", nested), "Name:API_KEY", "the name is still shown")
	assert.Equal(t, value, p.Value, "printing does not change the value")
}

func TestActionSecretParamNeverLogsItsValue(t *testing.T) {
	t.Parallel()
	const value = "super-secret-value-456"
	p := ActionSecretParam{Name: "API_KEY", Value: value}
	var buf bytes.Buffer
	text := slog.New(slog.NewTextHandler(&buf, nil))
	text.Info("creating", "secret", p, "secrets", []ActionSecretParam{p}, "params", ActionNewParams{Name: "a", Secrets: []ActionSecretParam{p}})
	assert.NotContains(t, buf.String(), value)
	assert.Contains(t, buf.String(), "API_KEY")

	buf.Reset()
	js := slog.New(slog.NewJSONHandler(&buf, nil))
	js.Info("creating", "secret", p)
	assert.NotContains(t, buf.String(), value, "the JSON handler")
	assert.Contains(t, buf.String(), "API_KEY")
}

// TestActionSecretParamStillSendsItsValue: redaction is for people, not for
// the wire.
func TestActionSecretParamStillSendsItsValue(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(ActionSecretParam{Name: "K", Value: "v"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"K","value":"v"}`, string(b))
	q := url.Values{}
	q.Set("x", fmt.Sprint(ActionSecretParam{Name: "K", Value: "v"}))
	assert.Equal(t, "x=%7BK+%5BREDACTED%5D%7D", q.Encode())
}
