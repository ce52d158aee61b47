package auth0

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ---------------------------------------------------------------------------
// Fully populated values of every domain type: every exported field set,
// at every depth (requireAllSet checks it, so a field added later without
// a value here fails the round trip test).

var timeWhole = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)

func fullTrigger() Trigger {
	return Trigger{
		ID: TriggerPostLogin, Version: "v3", Status: TriggerStatusCurrent,
		Runtimes: []string{RuntimeNode18, RuntimeNode22}, DefaultRuntime: RuntimeNode22,
		CompatibleTriggers: []CompatibleTrigger{{ID: TriggerPostLogin, Version: "v2"}},
		BindingPolicy:      BindingPolicyTriggerBound,
	}
}

func fullBase() ActionBase {
	return ActionBase{ID: "a1", Name: "my-action", SupportedTriggers: []Trigger{fullTrigger()},
		AllChangesDeployed: true, CreatedAt: timeWhole, UpdatedAt: timeNanos}
}

func fullModuleRef() ActionModuleReference {
	return ActionModuleReference{ModuleID: "m1", ModuleName: "shared", ModuleVersionID: "mv1", ModuleVersionNumber: 2}
}

// moduleRefByIDs is fullModuleRef as params send it: the two IDs.
func moduleRefByIDs() ActionModuleReference {
	return ActionModuleReference{ModuleID: "m1", ModuleVersionID: "mv1"}
}

func fullVersion() ActionVersion {
	return ActionVersion{
		ID: "v1", ActionID: "a1", Code: "module.exports = () => {}",
		Dependencies: []ActionDependency{{Name: "lodash", Version: "4.17.21", RegistryURL: "https://r.example.com"}},
		Deployed:     true, Runtime: RuntimeNode22,
		Secrets: []ActionSecret{{Name: "K", UpdatedAt: timeNanos}},
		Status:  BuildStatusBuilt, Number: 3,
		Errors: []ActionError{{ID: "e1", Msg: "failed", URL: "https://example.com/e1"}},
		Action: fullBase(), BuiltAt: timeNanos, CreatedAt: timeWhole, UpdatedAt: timeNanos,
		SupportedTriggers: []Trigger{fullTrigger()},
		Modules:           []ActionModuleReference{fullModuleRef()},
	}
}

func fullRequiredParam() IntegrationRequiredParam {
	return IntegrationRequiredParam{
		Type: IntegrationRequiredParamTypeString, Name: "MODE", Required: true, Optional: true,
		Label: "Mode", Description: "How it runs", DefaultValue: "monitor", Placeholder: "monitor",
		Options: []IntegrationRequiredParamOption{{Value: "block", Label: "Block"}},
	}
}

func fullIntegration() Integration {
	return Integration{
		ID: "i1", CatalogID: "cat", URLSlug: "slug", PartnerID: "p1", Name: "Integration",
		Description: "long", ShortDescription: "short", Logo: "https://example.com/logo.png",
		FeatureType: IntegrationFeatureTypeAction, TermsOfUseURL: "https://example.com/terms",
		PrivacyPolicyURL: "https://example.com/privacy", PublicSupportLink: "https://example.com/support",
		CurrentRelease: &IntegrationRelease{
			ID: "r1", Trigger: fullTrigger(), Semver: IntegrationSemVer{Major: 1, Minor: 4},
			RequiredSecrets:       []IntegrationRequiredParam{fullRequiredParam()},
			RequiredConfiguration: []IntegrationRequiredParam{fullRequiredParam()},
		},
		CreatedAt: timeWhole, UpdatedAt: timeNanos,
	}
}

func fullAction() Action {
	v := fullVersion()
	i := fullIntegration()
	return Action{
		ID: "a1", Name: "my-action", SupportedTriggers: []Trigger{fullTrigger()}, AllChangesDeployed: true,
		CreatedAt: timeWhole, UpdatedAt: timeNanos, Code: "module.exports = () => {}",
		Dependencies: []ActionDependency{{Name: "lodash", Version: "4.17.21", RegistryURL: "https://r.example.com"}},
		Runtime:      RuntimeNode22, Secrets: []ActionSecret{{Name: "K", UpdatedAt: timeNanos}},
		DeployedVersion: &v, InstalledIntegrationID: "ii1", Integration: &i,
		Status: BuildStatusBuilt, BuiltAt: timeNanos,
		Modules: []ActionModuleReference{fullModuleRef()},
		CurrentVersion: &ActionCurrentVersion{ID: "cv1", Code: "x", Runtime: RuntimeNode22, Status: "BUILT",
			Number: 3, BuildTime: "2026-05-29T10:31:00.812Z", CreatedAt: timeWhole, UpdatedAt: timeNanos},
	}
}

func fullExecution() Execution {
	return Execution{
		ID: "e1", TriggerID: TriggerPostLogin, Status: ExecutionStatusFinal,
		Results: []ExecutionResult{{ActionName: "my-action", Error: &ActionError{ID: "x", Msg: "y", URL: "z"},
			StartedAt: timeWhole, EndedAt: timeNanos}},
		CreatedAt: timeWhole, UpdatedAt: timeNanos,
	}
}

func fullBinding() Binding {
	return Binding{ID: "b1", TriggerID: TriggerPostLogin, DisplayName: "my-action", Action: fullAction(),
		CreatedAt: timeWhole, UpdatedAt: timeNanos}
}

func fullSecretParam() ActionSecretParam {
	return ActionSecretParam{Name: "API_KEY", Value: "s3cr3t"}
}

func fullBindingUpdate() BindingUpdate {
	return BindingUpdate{Ref: BindingRef{Type: BindingRefTypeActionID, Value: "a1"}, DisplayName: String("my-action"),
		Secrets: []ActionSecretParam{fullSecretParam()}}
}

// requireAllSet fails when any exported field of v, at any depth, holds its
// zero value, so that a round trip of v exercises every field.
func requireAllSet(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			t.Errorf("%s is nil", path)
			return
		}
		requireAllSet(t, v.Elem(), path)
	case reflect.Slice, reflect.Map:
		if v.Len() == 0 {
			t.Errorf("%s is empty", path)
			return
		}
		if v.Kind() == reflect.Slice {
			requireAllSet(t, v.Index(0), path+"[0]")
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			if v.Interface().(time.Time).IsZero() {
				t.Errorf("%s is zero", path)
			}
			return
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			requireAllSet(t, v.Field(i), path+"."+f.Name)
		}
	default:
		if v.IsZero() {
			t.Errorf("%s is zero", path)
		}
	}
}

// requireRoundTrip marshals v, decodes it into a new T, and checks that nothing
// was lost on the way: the decoded value equals v and encodes to the same JSON.
func requireRoundTrip[T any](t *testing.T, v T) {
	t.Helper()
	requireAllSet(t, reflect.ValueOf(v), reflect.TypeOf(v).Name())
	requireRoundTripSent(t, v)
}

// requireRoundTripSent is requireRoundTrip for params whose fields are not all sent:
// it checks that what is sent decodes back to v and encodes the same.
func requireRoundTripSent[T any](t *testing.T, v T) {
	t.Helper()
	b1, err := json.Marshal(v)
	require.NoError(t, err)
	var w T
	require.NoError(t, json.Unmarshal(b1, &w))
	b2, err := json.Marshal(w)
	require.NoError(t, err)
	assert.JSONEq(t, string(b1), string(b2))
	assert.Equal(t, v, w)
}

func TestTypesJSONRoundTrip(t *testing.T) {
	t.Parallel()
	tests := map[string]func(t *testing.T){
		"Action":                         func(t *testing.T) { requireRoundTrip(t, fullAction()) },
		"ActionBase":                     func(t *testing.T) { requireRoundTrip(t, fullBase()) },
		"ActionVersion":                  func(t *testing.T) { requireRoundTrip(t, fullVersion()) },
		"ActionCurrentVersion":           func(t *testing.T) { requireRoundTrip(t, *fullAction().CurrentVersion) },
		"ActionDependency":               func(t *testing.T) { requireRoundTrip(t, fullAction().Dependencies[0]) },
		"ActionSecret":                   func(t *testing.T) { requireRoundTrip(t, ActionSecret{Name: "K", UpdatedAt: timeNanos}) },
		"ActionSecretParam":              func(t *testing.T) { requireRoundTrip(t, fullSecretParam()) },
		"ActionModuleReference":          func(t *testing.T) { requireRoundTrip(t, fullModuleRef()) },
		"ActionError":                    func(t *testing.T) { requireRoundTrip(t, ActionError{ID: "e", Msg: "m", URL: "u"}) },
		"Integration":                    func(t *testing.T) { requireRoundTrip(t, fullIntegration()) },
		"IntegrationRelease":             func(t *testing.T) { requireRoundTrip(t, *fullIntegration().CurrentRelease) },
		"IntegrationSemVer":              func(t *testing.T) { requireRoundTrip(t, IntegrationSemVer{Major: 2, Minor: 1}) },
		"IntegrationRequiredParam":       func(t *testing.T) { requireRoundTrip(t, fullRequiredParam()) },
		"IntegrationRequiredParamOption": func(t *testing.T) { requireRoundTrip(t, IntegrationRequiredParamOption{Value: "v", Label: "l"}) },
		"ActionTestResponse": func(t *testing.T) {
			requireRoundTrip(t, ActionTestResponse{Payload: map[string]any{"stats": map[string]any{"boot_duration_ms": float64(48)}}})
		},
		"Execution":           func(t *testing.T) { requireRoundTrip(t, fullExecution()) },
		"ExecutionResult":     func(t *testing.T) { requireRoundTrip(t, fullExecution().Results[0]) },
		"Trigger":             func(t *testing.T) { requireRoundTrip(t, fullTrigger()) },
		"CompatibleTrigger":   func(t *testing.T) { requireRoundTrip(t, CompatibleTrigger{ID: TriggerPostLogin, Version: "v2"}) },
		"TriggerListResponse": func(t *testing.T) { requireRoundTrip(t, TriggerListResponse{Triggers: []Trigger{fullTrigger()}}) },
		"Binding":             func(t *testing.T) { requireRoundTrip(t, fullBinding()) },
		"BindingUpdateResponse": func(t *testing.T) {
			requireRoundTrip(t, BindingUpdateResponse{Bindings: []Binding{fullBinding()}})
		},
		"BindingUpdate": func(t *testing.T) { requireRoundTrip(t, fullBindingUpdate()) },
		"BindingRef":    func(t *testing.T) { requireRoundTrip(t, BindingRef{Type: BindingRefTypeActionName, Value: "n"}) },
		"BindingUpdateParams": func(t *testing.T) {
			requireRoundTrip(t, BindingUpdateParams{Bindings: []BindingUpdate{fullBindingUpdate()}})
		},
		"ActionNewParams": func(t *testing.T) {
			p := ActionNewParams{Name: "n", SupportedTriggers: []Trigger{fullTrigger()}, Code: String("c"),
				Dependencies: []ActionDependency{{Name: "a", Version: "1", RegistryURL: "r"}}, Runtime: String("node22"),
				Secrets: []ActionSecretParam{fullSecretParam()}, Modules: []ActionModuleReference{fullModuleRef()}, Deploy: Bool(true)}
			requireAllSet(t, reflect.ValueOf(p), "ActionNewParams")
			// Module references are sent by their IDs only; the server
			// fills in the name and number.
			p.Modules = []ActionModuleReference{moduleRefByIDs()}
			requireRoundTripSent(t, p)
		},
		"ActionUpdateParams": func(t *testing.T) {
			p := ActionUpdateParams{Name: String("n"), SupportedTriggers: []Trigger{fullTrigger()}, Code: String("c"),
				Dependencies: []ActionDependency{{Name: "a", Version: "1", RegistryURL: "r"}}, Runtime: String("node22"),
				Secrets: []ActionSecretParam{fullSecretParam()}, Modules: []ActionModuleReference{fullModuleRef()}}
			requireAllSet(t, reflect.ValueOf(p), "ActionUpdateParams")
			p.Modules = []ActionModuleReference{moduleRefByIDs()}
			requireRoundTripSent(t, p)
		},
		"ActionTestParams":          func(t *testing.T) { requireRoundTrip(t, ActionTestParams{Payload: map[string]any{"event": "x"}}) },
		"ActionVersionDeployParams": func(t *testing.T) { requireRoundTrip(t, ActionVersionDeployParams{UpdateDraft: Bool(true)}) },
	}
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fn(t)
		})
	}
}

// TestTypesDecodeUnknownEnumValues checks that values Auth0 adds later are
// kept as they are, in and out.
func TestTypesDecodeUnknownEnumValues(t *testing.T) {
	t.Parallel()
	in := `{"id":"a","status":"quantum","supported_triggers":[{"id":"brand-new-trigger","version":"v9","binding_policy":"new-bound"}],
		"integration":{"feature_type":"new_feature","current_release":{"required_secrets":[{"type":"NUMBER"}]}}}`
	var a Action
	require.NoError(t, json.Unmarshal([]byte(in), &a))
	assert.Equal(t, BuildStatus("quantum"), a.Status)
	assert.Equal(t, TriggerID("brand-new-trigger"), a.SupportedTriggers[0].ID)
	assert.Equal(t, BindingPolicy("new-bound"), a.SupportedTriggers[0].BindingPolicy)
	assert.Equal(t, IntegrationFeatureType("new_feature"), a.Integration.FeatureType)
	assert.Equal(t, IntegrationRequiredParamType("NUMBER"), a.Integration.CurrentRelease.RequiredSecrets[0].Type)
	out, err := json.Marshal(a)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))
}

// TestTypesZeroValuesAreLeftOut checks that a zero response value encodes
// to {} (no nulls, no zero timestamps), as the API itself leaves them out.
func TestTypesZeroValuesAreLeftOut(t *testing.T) {
	t.Parallel()
	for _, v := range []any{Action{}, ActionVersion{}, Execution{}, Binding{}, Integration{}, ActionUpdateParams{}, ActionVersionDeployParams{}} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, "{}", string(b), "%T", v)
	}
	// The required members are always sent.
	b, err := json.Marshal(ActionNewParams{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"","supported_triggers":null}`, string(b))
	b, err = json.Marshal(Trigger{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":""}`, string(b))
}

// ---------------------------------------------------------------------------
// Every field of Auth0's OpenAPI document is modelled.

// schemaKeys returns the property names of a component schema.
func schemaKeys(t *testing.T, doc map[string]any, name string) []string {
	t.Helper()
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	s, ok := schemas[name].(map[string]any)
	require.True(t, ok, "schema %s", name)
	props, _ := s["properties"].(map[string]any)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// jsonKeys returns the top-level keys v encodes to.
func jsonKeys(t *testing.T, v any) []string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &m))
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// notInResponses are the fields the document puts in a response schema that
// no response carries, so the response type leaves them out: "deploy" is
// a create-time input (ActionNewParams.Deploy) that Auth0's schema reuses
// in the Action shape.
var notInResponses = map[string]string{
	"Action":                      "deploy",
	"GetActionResponseContent":    "deploy",
	"CreateActionResponseContent": "deploy",
	"UpdateActionResponseContent": "deploy",
}

func TestTypesCoverEveryFieldOfTheOpenAPIDocument(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	v := fullVersion()
	tests := []struct {
		schema string
		value  any
		extra  []string // fields sent by the live API but not in the document
	}{
		{"Action", fullAction(), []string{"current_version"}},
		{"GetActionResponseContent", fullAction(), []string{"current_version"}},
		{"CreateActionResponseContent", fullAction(), []string{"current_version"}},
		{"UpdateActionResponseContent", fullAction(), []string{"current_version"}},
		{"ActionBase", fullBase(), nil},
		{"ActionVersion", v, nil},
		{"ActionDeployedVersion", v, nil},
		{"GetActionVersionResponseContent", v, nil},
		{"DeployActionResponseContent", v, nil},
		{"DeployActionVersionResponseContent", v, nil},
		{"ActionVersionDependency", fullAction().Dependencies[0], nil},
		{"ActionSecretResponse", ActionSecret{Name: "K", UpdatedAt: timeNanos}, nil},
		{"ActionSecretRequest", fullSecretParam(), nil},
		{"ActionModuleReference", fullModuleRef(), nil},
		{"ActionError", ActionError{ID: "e", Msg: "m", URL: "u"}, nil},
		{"Integration", fullIntegration(), nil},
		{"IntegrationRelease", *fullIntegration().CurrentRelease, nil},
		{"IntegrationSemVer", IntegrationSemVer{Major: 1, Minor: 1}, nil},
		{"IntegrationRequiredParam", fullRequiredParam(), nil},
		{"IntegrationRequiredParamOption", IntegrationRequiredParamOption{Value: "v", Label: "l"}, nil},
		{"GetActionExecutionResponseContent", fullExecution(), nil},
		{"ActionExecutionResult", fullExecution().Results[0], nil},
		{"ActionTrigger", fullTrigger(), nil},
		{"ActionTriggerCompatibleTrigger", CompatibleTrigger{ID: TriggerPostLogin, Version: "v2"}, nil},
		{"ListActionTriggersResponseContent", TriggerListResponse{Triggers: []Trigger{fullTrigger()}}, nil},
		{"ActionBinding", fullBinding(), nil},
		{"UpdateActionBindingsResponseContent", BindingUpdateResponse{Bindings: []Binding{fullBinding()}}, nil},
		{"ActionBindingWithRef", fullBindingUpdate(), nil},
		{"ActionBindingRef", BindingRef{Type: BindingRefTypeActionID, Value: "a"}, nil},
		{"UpdateActionBindingsRequestContent", BindingUpdateParams{Bindings: []BindingUpdate{fullBindingUpdate()}}, nil},
		{"CreateActionRequestContent", ActionNewParams{Name: "n", SupportedTriggers: []Trigger{fullTrigger()}, Code: String("c"),
			Dependencies: []ActionDependency{{Name: "a"}}, Runtime: String("node22"), Secrets: []ActionSecretParam{fullSecretParam()},
			Modules: []ActionModuleReference{fullModuleRef()}, Deploy: Bool(false)}, nil},
		{"UpdateActionRequestContent", ActionUpdateParams{Name: String("n"), SupportedTriggers: []Trigger{fullTrigger()},
			Code: String("c"), Dependencies: []ActionDependency{{Name: "a"}}, Runtime: String("node22"),
			Secrets: []ActionSecretParam{fullSecretParam()}, Modules: []ActionModuleReference{fullModuleRef()}}, nil},
		{"TestActionRequestContent", ActionTestParams{Payload: map[string]any{}}, nil},
		{"TestActionResponseContent", ActionTestResponse{Payload: map[string]any{"a": 1}}, nil},
		{"DeployActionVersionRequestContent", ActionVersionDeployParams{UpdateDraft: Bool(false)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.schema, func(t *testing.T) {
			t.Parallel()
			want := append(schemaKeys(t, doc, tt.schema), tt.extra...)
			want = slices.DeleteFunc(want, func(k string) bool { return notInResponses[tt.schema] == k })
			sort.Strings(want)
			assert.Equal(t, want, jsonKeys(t, tt.value), "%T against the schema %s", tt.value, tt.schema)
		})
	}
}

// listEnvelopeKeys are the item keys of the list envelopes: the SDK's
// PageNumberPage exposes total, page and per_page and the items.
func TestTypesListEnvelopesMatchTheDocument(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	for schema, key := range map[string]string{
		"ListActionsPaginatedResponseContent":        "actions",
		"ListActionVersionsPaginatedResponseContent": "versions",
		"ListActionBindingsPaginatedResponseContent": "bindings",
	} {
		assert.ElementsMatch(t, []string{key, "page", "per_page", "total"}, schemaKeys(t, doc, schema), schema)
		envType := reflect.TypeOf(listEnvelope[Action]{})
		var tags []string
		for i := 0; i < envType.NumField(); i++ {
			tags = append(tags, envType.Field(i).Tag.Get("json"))
		}
		assert.Contains(t, tags, key, "the envelope decodes %s", key)
	}
}

// TestTypesQueryParamsMatchTheDocument checks the query names (and their
// mixed casing) against the document's parameters.
func TestTypesQueryParamsMatchTheDocument(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	paths := doc["paths"].(map[string]any)
	queryOf := func(path, method string) []string {
		op := paths[path].(map[string]any)[method].(map[string]any)
		var names []string
		params, _ := op["parameters"].([]any)
		for _, p := range params {
			pm := p.(map[string]any)
			if pm["in"] == "query" {
				names = append(names, pm["name"].(string))
			}
		}
		sort.Strings(names)
		return names
	}
	urlTags := func(v any) []string {
		typ := reflect.TypeOf(v)
		var names []string
		for i := 0; i < typ.NumField(); i++ {
			names = append(names, strings.Split(typ.Field(i).Tag.Get("url"), ",")[0])
		}
		sort.Strings(names)
		return names
	}
	assert.Equal(t, queryOf("/actions/actions", "get"), urlTags(ActionListParams{}))
	assert.Equal(t, queryOf("/actions/actions/{id}", "delete"), urlTags(ActionDeleteParams{}))
	assert.Equal(t, queryOf("/actions/triggers/{triggerId}/bindings", "get"), urlTags(BindingListParams{}))
	assert.Equal(t, queryOf("/actions/actions/{actionId}/versions", "get"), urlTags(ActionVersionListParams{}))
}

// TestTypesEnumsMatchTheDocument checks every constant against the
// document's enums, both ways.
func TestTypesEnumsMatchTheDocument(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	enum := func(name string) []string {
		var out []string
		for _, v := range schemas[name].(map[string]any)["enum"].([]any) {
			out = append(out, v.(string))
		}
		return out
	}
	str := func(vs ...any) []string {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = fmt.Sprint(v)
		}
		return out
	}
	tests := map[string][]string{
		"ActionTriggerTypeEnum": str(TriggerPostLogin, TriggerCredentialsExchange, TriggerPreUserRegistration,
			TriggerPostUserRegistration, TriggerPostChangePassword, TriggerSendPhoneMessage, TriggerCustomPhoneProvider,
			TriggerCustomEmailProvider, TriggerPasswordResetPostChallenge, TriggerCustomTokenExchange, TriggerEventStream,
			TriggerPasswordHashMigration, TriggerLoginPostIdentifier, TriggerSignupPostIdentifier),
		"ActionBuildStatusEnum": str(BuildStatusPending, BuildStatusBuilding, BuildStatusPackaged, BuildStatusBuilt,
			BuildStatusRetrying, BuildStatusFailed),
		"ActionVersionBuildStatusEnum": str(BuildStatusPending, BuildStatusBuilding, BuildStatusPackaged, BuildStatusBuilt,
			BuildStatusRetrying, BuildStatusFailed),
		"ActionExecutionStatusEnum": str(ExecutionStatusUnspecified, ExecutionStatusPending, ExecutionStatusFinal,
			ExecutionStatusPartial, ExecutionStatusCanceled, ExecutionStatusSuspended),
		"ActionBindingTypeEnum":    str(BindingPolicyTriggerBound, BindingPolicyEntityBound),
		"ActionBindingRefTypeEnum": str(BindingRefTypeBindingID, BindingRefTypeActionID, BindingRefTypeActionName),
		"IntegrationFeatureTypeEnum": str(IntegrationFeatureTypeUnspecified, IntegrationFeatureTypeAction,
			IntegrationFeatureTypeSocialConnection, IntegrationFeatureTypeLogStream, IntegrationFeatureTypeSSOIntegration,
			IntegrationFeatureTypeSMSProvider),
		"IntegrationRequiredParamTypeEnum": str(IntegrationRequiredParamTypeUnspecified, IntegrationRequiredParamTypeString),
	}
	for schema, consts := range tests {
		assert.ElementsMatch(t, enum(schema), consts, schema)
	}
	// TriggerMCPTool is in the live trigger list (2026-08) ahead of the
	// document; once the document lists it, it belongs in the list above.
	assert.NotContains(t, enum("ActionTriggerTypeEnum"), string(TriggerMCPTool))
}

// ---------------------------------------------------------------------------
// Secret values never show when printed.
