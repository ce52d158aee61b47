package auth0

import (
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	modulesListReply       = cannedReply{http.StatusOK, `{"modules":[{"id":"` + testModuleID + `","name":"shared-utils","latest_version_number":2},{"id":"other","name":"logger"}],"total":2,"per_page":100}`}
	moduleReply            = cannedReply{http.StatusOK, `{"id":"` + testModuleID + `","name":"shared-utils","all_changes_published":true,"latest_version":{"id":"` + testModuleVersionID + `","version_number":2,"code":"x"}}`}
	unpublishedModuleReply = cannedReply{http.StatusOK, `{"id":"` + testModuleID + `","name":"shared-utils","all_changes_published":false}`}
	moduleVersionsReply    = cannedReply{http.StatusOK, `{"versions":[{"id":"` + testModuleVersionID + `","version_number":2},{"id":"` + testModuleVersion1ID + `","version_number":1}],"total":2,"page":0,"per_page":100}`}
	actionCreatedReply     = cannedReply{http.StatusCreated, actionJSON}
	listModulesRoute       = "GET /api/v2/actions/modules?page=0&per_page=100"
	getModuleRoute         = "GET /api/v2/actions/modules/" + testModuleID
	moduleVersionsRoute    = "GET /api/v2/actions/modules/" + testModuleID + "/versions?page=0&per_page=100"
)

func newParamsWithModules(refs ...ActionModuleReference) ActionNewParams {
	return ActionNewParams{Name: "a", SupportedTriggers: postLoginV3, Modules: refs}
}

func TestModuleRefByNameMeansTheLatestVersion(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := handleAll(t, tr, routeReplies(t, map[string]cannedReply{
		listModulesRoute: modulesListReply, getModuleRoute: moduleReply, "POST /api/v2/actions/actions": actionCreatedReply,
	}))
	_, err := client.Actions.New(t.Context(), newParamsWithModules(ActionModuleReference{ModuleName: "shared-utils"}))
	require.NoError(t, err)
	calls := srv.Calls()
	require.Len(t, calls, 3)
	assert.JSONEq(t, `{"name":"a","supported_triggers":[{"id":"post-login","version":"v3"}],
		"modules":[{"module_id":"`+testModuleID+`","module_version_id":"`+testModuleVersionID+`"}]}`, string(calls[2].Body))
}

func TestModuleRefByNameAndNumberFindsAnOlderVersion(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := handleAll(t, tr, routeReplies(t, map[string]cannedReply{
		listModulesRoute: modulesListReply, getModuleRoute: moduleReply, moduleVersionsRoute: moduleVersionsReply,
		"PATCH /api/v2/actions/actions/" + testActionID: {http.StatusOK, actionJSON},
	}))
	_, err := client.Actions.Update(t.Context(), testActionID, ActionUpdateParams{
		Modules: []ActionModuleReference{{ModuleName: "shared-utils", ModuleVersionNumber: 1}}})
	require.NoError(t, err)
	calls := srv.Calls()
	require.Len(t, calls, 4)
	assert.JSONEq(t, `{"modules":[{"module_id":"`+testModuleID+`","module_version_id":"`+testModuleVersion1ID+`"}]}`, string(calls[3].Body))
}

func TestModuleRefByIDWithoutVersionIsLookedUpByID(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := handleAll(t, tr, routeReplies(t, map[string]cannedReply{
		getModuleRoute: moduleReply, "POST /api/v2/actions/actions": actionCreatedReply,
	}))
	_, err := client.Actions.New(t.Context(), newParamsWithModules(ActionModuleReference{ModuleID: testModuleID}))
	require.NoError(t, err)
	calls := srv.Calls()
	require.Len(t, calls, 2, "a Get of the module, no list")
	assert.JSONEq(t, `[{"module_id":"`+testModuleID+`","module_version_id":"`+testModuleVersionID+`"}]`, jsonField(t, calls[1].Body, "modules"))
}

func TestModuleRefWithBothIDsIsSentAsItIs(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr, actionCreatedReply)
	_, err := client.Actions.New(t.Context(), newParamsWithModules(ActionModuleReference{
		ModuleID: testModuleID, ModuleName: "stale-name", ModuleVersionID: testModuleVersion1ID, ModuleVersionNumber: 9}))
	require.NoError(t, err)
	assert.JSONEq(t, `[{"module_id":"`+testModuleID+`","module_version_id":"`+testModuleVersion1ID+`"}]`, jsonField(t, srv.only(t).Body, "modules"))
}

func TestModuleRefsByNameReadTheListOnce(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := handleAll(t, tr, routeReplies(t, map[string]cannedReply{
		listModulesRoute: modulesListReply, getModuleRoute: moduleReply,
		"GET /api/v2/actions/modules/other": {http.StatusOK, `{"id":"other","name":"logger","latest_version":{"id":"lv","version_number":4}}`},
		"POST /api/v2/actions/actions":      actionCreatedReply,
	}))
	_, err := client.Actions.New(t.Context(), newParamsWithModules(
		ActionModuleReference{ModuleName: "shared-utils"}, ActionModuleReference{ModuleName: "logger", ModuleVersionNumber: 4}))
	require.NoError(t, err)
	var lists int
	for _, c := range srv.Calls() {
		if c.Path == "/api/v2/actions/modules" {
			lists++
		}
	}
	assert.Equal(t, 1, lists)
}

func TestModuleRefErrorsNameTheModuleAndSendNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		ref    ActionModuleReference
		routes map[string]cannedReply
		is     error
		as     any
		msg    string
	}{
		{"unknown name", ActionModuleReference{ModuleName: "nope"}, map[string]cannedReply{listModulesRoute: modulesListReply},
			ErrNotFound, new(*NotFoundError), `auth0: ActionNewParams.Modules[0]: no action module is named "nope"`},
		{"never published", ActionModuleReference{ModuleName: "shared-utils"}, map[string]cannedReply{listModulesRoute: modulesListReply, getModuleRoute: unpublishedModuleReply},
			ErrModuleNotPublished, new(*ModuleNotPublishedError), `action module "shared-utils" has no published version`},
		{"number past the latest", ActionModuleReference{ModuleName: "shared-utils", ModuleVersionNumber: 3},
			map[string]cannedReply{listModulesRoute: modulesListReply, getModuleRoute: moduleReply},
			ErrNotFound, new(*ModuleVersionNotFoundError), `action module "shared-utils" has no version 3 (its latest version is 2)`},
		{"number not in the versions", ActionModuleReference{ModuleName: "shared-utils", ModuleVersionNumber: 1},
			map[string]cannedReply{listModulesRoute: modulesListReply, getModuleRoute: moduleReply,
				moduleVersionsRoute: {http.StatusOK, `{"versions":[{"id":"` + testModuleVersionID + `","version_number":2}],"total":1,"page":0,"per_page":100}`}},
			ErrNotFound, new(*ModuleVersionNotFoundError), `has no version 1`},
		{"unknown id", ActionModuleReference{ModuleID: testModuleID},
			map[string]cannedReply{getModuleRoute: {http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"That module does not exist."}`}},
			ErrNotFound, new(*Error), `auth0: ActionNewParams.Modules[0]: GET`},
		{"id and name disagree", ActionModuleReference{ModuleID: testModuleID, ModuleName: "logger"},
			map[string]cannedReply{getModuleRoute: moduleReply}, nil, nil, `names module "logger", but module ` + testModuleID + ` is named "shared-utils"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := handleAll(t, tr, routeReplies(t, tt.routes))
			_, err := client.Actions.New(t.Context(), newParamsWithModules(tt.ref))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
			if tt.is != nil {
				assert.ErrorIs(t, err, tt.is)
			}
			if tt.as != nil {
				assert.True(t, errors.As(err, tt.as), "errors.As %T", tt.as)
			}
			for _, c := range srv.Calls() {
				assert.Equal(t, http.MethodGet, c.Method, "only reads before the error")
			}
		})
	}
}

func TestModulesGetByName(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	handleAll(t, tr, routeReplies(t, map[string]cannedReply{listModulesRoute: modulesListReply, getModuleRoute: moduleReply}))
	mod, err := client.Actions.Modules.GetByName(t.Context(), "shared-utils")
	require.NoError(t, err)
	assert.Equal(t, 2, mod.LatestVersionNumber)
	require.NotNil(t, mod.LatestVersion, "read again with Get, so it carries the latest version")

	_, err = client.Actions.Modules.GetByName(t.Context(), "missing")
	var nf *NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "missing", nf.Name)
	assert.True(t, errors.Is(err, ErrNotFound))

	_, err = client.Actions.Modules.GetByName(t.Context(), "")
	assert.EqualError(t, err, "auth0: Modules.GetByName needs a name")
}

func TestModulesGetByNameAmbiguous(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusOK, `{"modules":[{"id":"m1","name":"dup"},{"id":"m2","name":"dup"}],"per_page":100}`})
	_, err := client.Actions.Modules.GetByName(t.Context(), "dup")
	var amb *AmbiguousNameError
	require.ErrorAs(t, err, &amb)
	assert.Equal(t, []string{"m1", "m2"}, amb.IDs)
	assert.ErrorIs(t, err, ErrAmbiguousName)
	assert.EqualError(t, err, `auth0: 2 action modules are named "dup" (m1, m2)`)
}

// An unresolved reference can never reach the wire, even through the
// generic client.Post.
func TestUnresolvedModuleRefIsNotSent(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr)
	err := client.Post(t.Context(), "actions/actions", newParamsWithModules(ActionModuleReference{ModuleName: "x"}), nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Modules[0] has no ModuleID and ModuleVersionID to send")
	assert.Empty(t, srv.Calls())
}
