package auth0_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
)

func decodeClient(body string) *auth0.Client {
	return newFuzzClient(&cannedTransport{status: http.StatusOK, header: http.Header{"Content-Type": {"application/json"}}, body: []byte(body)})
}

// TestDecodePrintsOnlyFields: every response type, decoded from a body (so
// that it holds a reference to it), prints with fmt as a struct of its
// exported fields, at every verb, with nothing of the reference behind
// RawJSON or of a page's pager.
func TestDecodePrintsOnlyFields(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	action := `{"id":"act_1","name":"n","deployed_version":{"id":"ver_1","number":2},"supported_triggers":[{"id":"post-login","version":"v3"}]}`
	values := map[string]func() (any, error){
		"Action": func() (any, error) { return decodeClient(action).Actions.Get(ctx, "act_1") },
		"ActionVersion": func() (any, error) {
			return decodeClient(`{"id":"ver_1","action":{"id":"act_1"}}`).Actions.Versions.Get(ctx, "act_1", "ver_1")
		},
		"Execution": func() (any, error) {
			return decodeClient(`{"id":"exe_1","results":[{"action_name":"a"}]}`).Actions.Executions.Get(ctx, "exe_1")
		},
		"ActionTestResponse": func() (any, error) {
			return decodeClient(`{"payload":{"x":1}}`).Actions.Test(ctx, "act_1", auth0.ActionTestParams{Payload: map[string]any{}})
		},
		"TriggerListResponse": func() (any, error) {
			return decodeClient(`{"triggers":[{"id":"post-login","version":"v3"}]}`).Actions.Triggers.List(ctx)
		},
		"BindingUpdateResponse": func() (any, error) {
			return decodeClient(`{"bindings":[{"id":"b1","action":`+action+`}]}`).Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{}})
		},
		"PageNumberPage[Action]": func() (any, error) {
			return decodeClient(`{"actions":[`+action+`],"total":1}`).Actions.List(ctx, auth0.ActionListParams{})
		},
		"PageNumberPage[ActionModule]": func() (any, error) {
			return decodeClient(`{"modules":[{"id":"mod_1","latest_version":{"id":"mv_1"}}]}`).Actions.Modules.List(ctx, auth0.ModuleListParams{})
		},
		"PageNumberPage[ActionModuleVersion]": func() (any, error) {
			return decodeClient(`{"versions":[{"id":"mv_1"}]}`).Actions.Modules.Versions.List(ctx, "mod_1", auth0.ModuleVersionListParams{})
		},
		"PageNumberPage[ActionModuleAction]": func() (any, error) {
			return decodeClient(`{"actions":[{"action_id":"act_1"}]}`).Actions.Modules.ListActions(ctx, "mod_1", auth0.ModuleActionListParams{})
		},
	}
	for name, get := range values {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			v, err := get()
			require.NoError(t, err)
			plus := fmt.Sprintf("%+v", v)
			for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
				out := fmt.Sprintf(verb, v)
				for _, internal := range []string{"raw", "doc:", "spans", "pager", "opts", "sentPage", "0xc"} {
					assert.NotContains(t, out, internal, "%s shows %s", verb, internal)
				}
			}
			assert.True(t, strings.HasPrefix(plus, "{") && strings.HasSuffix(plus, "}"), plus)
			assert.Contains(t, fmt.Sprintf("%#v", v), "auth0.")
		})
	}
	a, err := values["Action"]()
	require.NoError(t, err)
	got := fmt.Sprintf("%+v", a)
	assert.True(t, strings.HasPrefix(got, "{ID:act_1 Name:n SupportedTriggers:[{ID:post-login Version:v3 "), got)
	assert.Contains(t, got, " DeployedVersion:&{ID:ver_1 ", "a pointer to a struct shows as &{...}")
	assert.Contains(t, got, " Integration:<nil> ")
	assert.Contains(t, fmt.Sprintf("%v", a), "{act_1 n [{post-login v3 ")
	assert.Contains(t, fmt.Sprintf("%#v", a), `auth0.Action{ID:"act_1", Name:"n", `)
}

// TestDecodeItemsRawJSONIsTheirElement: each list item's RawJSON is exactly
// its element, wherever encoding/json would take the items from: spaced
// out, a key given twice (the last wins), a key in another case.
func TestDecodeItemsRawJSONIsTheirElement(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"spaced":    " {\"total\" : 2 ,\n \"actions\" : [ {\"id\":\"a\"} ,\n\t{\"id\":\"b\", \"x\":[1,{\"y\":\"]\"}]} ] }\n",
		"twice":     `{"actions":[{"id":"z"}],"total":2,"actions":[{"id":"a"},{"id":"b", "x":[1,{"y":"]"}]}]}`,
		"uppercase": `{"ACTIONS":[{"id":"a"},{"id":"b", "x":[1,{"y":"]"}]}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			page, err := decodeClient(body).Actions.List(t.Context(), auth0.ActionListParams{})
			require.NoError(t, err)
			require.Len(t, page.Items, 2)
			assert.Equal(t, `{"id":"a"}`, string(page.Items[0].RawJSON()))
			assert.Equal(t, `{"id":"b", "x":[1,{"y":"]"}]}`, string(page.Items[1].RawJSON()))
			assert.Equal(t, strings.TrimSpace(body), string(page.RawJSON()))
		})
	}
	tr, err := decodeClient(`{"Triggers":[{"id":"post-login"} , {"id":"credentials-exchange","x":1}],"triggers":null,"triggers":[{"id":"a"},{"id":"b"}]}`).Actions.Triggers.List(t.Context())
	require.NoError(t, err)
	require.Len(t, tr.Triggers, 2)
	assert.Equal(t, `{"id":"b"}`, string(tr.Triggers[1].RawJSON()))
	bu, err := decodeClient(`{"bindings":[ {"id":"b1"},{"id":"b2","unknown":true} ]}`).Actions.Triggers.Bindings.Update(t.Context(), auth0.TriggerPostLogin, auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{}})
	require.NoError(t, err)
	assert.Equal(t, `{"id":"b2","unknown":true}`, string(bu.Bindings[1].RawJSON()), "unknown fields are kept")
}

// TestDecodeErrorsNameTheField: a value that does not fit names its place
// in the body, and errors.As still finds encoding/json's error types.
func TestDecodeErrorsNameTheField(t *testing.T) {
	t.Parallel()
	_, err := decodeClient(`{"actions":[{"id":"a"},{"id":"b","secrets":[{"name":7}]}]}`).Actions.List(t.Context(), auth0.ActionListParams{})
	require.Error(t, err)
	assert.Equal(t, `auth0: GET https://tenant.example/api/v2/actions/actions?page=0&per_page=50: decoding the 200 response: json: cannot decode JSON number into Go string at "/actions/1/secrets/0/name"`, err.Error())
	var typ *json.UnmarshalTypeError
	assert.ErrorAs(t, err, &typ)

	_, err = decodeClient(`{"id":"a","name":"b`).Actions.Get(t.Context(), "a")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unexpected EOF within "/name"`)
	var syn *json.SyntaxError
	assert.ErrorAs(t, err, &syn)
	assert.Equal(t, 1, strings.Count(err.Error(), "auth0:"))
}

// TestDecodeQuirks: what the live API sends (page left out when 0, total
// missing after the first page, numbers written as floats, undocumented
// fields, upper-case statuses) decodes.
func TestDecodeQuirks(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	page, err := decodeClient(`{"bindings":[],"page":1.0,"per_page":100}`).Actions.Triggers.Bindings.List(ctx, auth0.TriggerPostLogin, auth0.BindingListParams{Page: auth0.Int(1)})
	require.NoError(t, err)
	assert.Equal(t, 1, page.Page)
	assert.Equal(t, 0, page.Total)
	assert.Equal(t, 100, page.PerPage)
	assert.NotNil(t, page.Items)
	a, err := decodeClient(`{"id":"a","current_version":{"id":"cv","status":"BUILT","number":3},"brand_new":{"x":[1]}}`).Actions.Get(ctx, "a")
	require.NoError(t, err)
	assert.Equal(t, "BUILT", a.CurrentVersion.Status)
	assert.Contains(t, string(a.RawJSON()), `"brand_new":{"x":[1]}`)
}
