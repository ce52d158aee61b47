package auth0

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	mrModuleID = "7d4c2a10-5b6e-4f3a-9c8d-1e2f3a4b5c6d"
	mrV2ID     = "c1b2a3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
	mrV1ID     = "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f"
)

// mrRoutes answers by "METHOD path?query"; anything else fails the test.
func mrRoutes(t *testing.T, routes map[string]epReply) func(n int, c epCall) epReply {
	return func(n int, c epCall) epReply {
		key := c.Method + " " + c.Path
		if q := c.Query.Encode(); q != "" {
			key += "?" + q
		}
		if r, ok := routes[key]; ok {
			return r
		}
		t.Errorf("unexpected request #%d: %s", n+1, key)
		return epReply{Status: http.StatusTeapot, Body: `{"statusCode":418,"error":"I'm a teapot","message":"unexpected request"}`}
	}
}

var (
	mrList        = epReply{http.StatusOK, `{"modules":[{"id":"` + mrModuleID + `","name":"shared-utils","latest_version_number":2},{"id":"other","name":"logger"}],"total":2,"per_page":100}`}
	mrGetModule   = epReply{http.StatusOK, `{"id":"` + mrModuleID + `","name":"shared-utils","all_changes_published":true,"latest_version":{"id":"` + mrV2ID + `","version_number":2,"code":"x"}}`}
	mrGetUnpubl   = epReply{http.StatusOK, `{"id":"` + mrModuleID + `","name":"shared-utils","all_changes_published":false}`}
	mrVersions    = epReply{http.StatusOK, `{"versions":[{"id":"` + mrV2ID + `","version_number":2},{"id":"` + mrV1ID + `","version_number":1}],"total":2,"page":0,"per_page":100}`}
	mrCreated     = epReply{http.StatusCreated, epActionJSON}
	mrListPath    = "GET /api/v2/actions/modules?page=0&per_page=100"
	mrGetPath     = "GET /api/v2/actions/modules/" + mrModuleID
	mrVersionPath = "GET /api/v2/actions/modules/" + mrModuleID + "/versions?page=0&per_page=100"
)

func mrNewParams(refs ...ActionModuleReference) ActionNewParams {
	return ActionNewParams{Name: "a", SupportedTriggers: epPostLoginV3, Modules: refs}
}

func TestModuleRefByNameMeansTheLatestVersion(t *testing.T) {
	t.Parallel()
	client, tr := epClient(t)
	srv := epHandle(t, tr, mrRoutes(t, map[string]epReply{
		mrListPath: mrList, mrGetPath: mrGetModule, "POST /api/v2/actions/actions": mrCreated,
	}))
	_, err := client.Actions.New(t.Context(), mrNewParams(ActionModuleReference{ModuleName: "shared-utils"}))
	require.NoError(t, err)
	calls := srv.Calls()
	require.Len(t, calls, 3)
	assert.JSONEq(t, `{"name":"a","supported_triggers":[{"id":"post-login","version":"v3"}],
		"modules":[{"module_id":"`+mrModuleID+`","module_version_id":"`+mrV2ID+`"}]}`, string(calls[2].Body))
}

func TestModuleRefByNameAndNumberFindsAnOlderVersion(t *testing.T) {
	t.Parallel()
	client, tr := epClient(t)
	srv := epHandle(t, tr, mrRoutes(t, map[string]epReply{
		mrListPath: mrList, mrGetPath: mrGetModule, mrVersionPath: mrVersions,
		"PATCH /api/v2/actions/actions/" + epActionID: {http.StatusOK, epActionJSON},
	}))
	_, err := client.Actions.Update(t.Context(), epActionID, ActionUpdateParams{
		Modules: []ActionModuleReference{{ModuleName: "shared-utils", ModuleVersionNumber: 1}}})
	require.NoError(t, err)
	calls := srv.Calls()
	require.Len(t, calls, 4)
	assert.JSONEq(t, `{"modules":[{"module_id":"`+mrModuleID+`","module_version_id":"`+mrV1ID+`"}]}`, string(calls[3].Body))
}

func TestModuleRefByIDWithoutVersionIsLookedUpByID(t *testing.T) {
	t.Parallel()
	client, tr := epClient(t)
	srv := epHandle(t, tr, mrRoutes(t, map[string]epReply{
		mrGetPath: mrGetModule, "POST /api/v2/actions/actions": mrCreated,
	}))
	_, err := client.Actions.New(t.Context(), mrNewParams(ActionModuleReference{ModuleID: mrModuleID}))
	require.NoError(t, err)
	calls := srv.Calls()
	require.Len(t, calls, 2, "a Get of the module, no list")
	assert.JSONEq(t, `[{"module_id":"`+mrModuleID+`","module_version_id":"`+mrV2ID+`"}]`, epField(t, calls[1].Body, "modules"))
}

func TestModuleRefWithBothIDsIsSentAsItIs(t *testing.T) {
	t.Parallel()
	client, tr := epClient(t)
	srv := epServe(t, tr, mrCreated)
	_, err := client.Actions.New(t.Context(), mrNewParams(ActionModuleReference{
		ModuleID: mrModuleID, ModuleName: "stale-name", ModuleVersionID: mrV1ID, ModuleVersionNumber: 9}))
	require.NoError(t, err)
	assert.JSONEq(t, `[{"module_id":"`+mrModuleID+`","module_version_id":"`+mrV1ID+`"}]`, epField(t, srv.only(t).Body, "modules"))
}

func TestModuleRefsByNameReadTheListOnce(t *testing.T) {
	t.Parallel()
	client, tr := epClient(t)
	srv := epHandle(t, tr, mrRoutes(t, map[string]epReply{
		mrListPath: mrList, mrGetPath: mrGetModule,
		"GET /api/v2/actions/modules/other": {http.StatusOK, `{"id":"other","name":"logger","latest_version":{"id":"lv","version_number":4}}`},
		"POST /api/v2/actions/actions":      mrCreated,
	}))
	_, err := client.Actions.New(t.Context(), mrNewParams(
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
		routes map[string]epReply
		is     error
		as     any
		msg    string
	}{
		{"unknown name", ActionModuleReference{ModuleName: "nope"}, map[string]epReply{mrListPath: mrList},
			ErrNotFound, new(*ModuleNotFoundError), `auth0: ActionNewParams.Modules[0]: no action module is named "nope"`},
		{"never published", ActionModuleReference{ModuleName: "shared-utils"}, map[string]epReply{mrListPath: mrList, mrGetPath: mrGetUnpubl},
			ErrModuleNotPublished, new(*ModuleNotPublishedError), `action module "shared-utils" has no published version`},
		{"number past the latest", ActionModuleReference{ModuleName: "shared-utils", ModuleVersionNumber: 3},
			map[string]epReply{mrListPath: mrList, mrGetPath: mrGetModule},
			ErrNotFound, new(*ModuleVersionNotFoundError), `action module "shared-utils" has no version 3 (its latest version is 2)`},
		{"number not in the versions", ActionModuleReference{ModuleName: "shared-utils", ModuleVersionNumber: 1},
			map[string]epReply{mrListPath: mrList, mrGetPath: mrGetModule,
				mrVersionPath: {http.StatusOK, `{"versions":[{"id":"` + mrV2ID + `","version_number":2}],"total":1,"page":0,"per_page":100}`}},
			ErrNotFound, new(*ModuleVersionNotFoundError), `has no version 1`},
		{"unknown id", ActionModuleReference{ModuleID: mrModuleID},
			map[string]epReply{mrGetPath: {http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"That module does not exist."}`}},
			ErrNotFound, new(*Error), `auth0: ActionNewParams.Modules[0]: GET`},
		{"id and name disagree", ActionModuleReference{ModuleID: mrModuleID, ModuleName: "logger"},
			map[string]epReply{mrGetPath: mrGetModule}, nil, nil, `names module "logger", but module ` + mrModuleID + ` is named "shared-utils"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := epClient(t)
			srv := epHandle(t, tr, mrRoutes(t, tt.routes))
			_, err := client.Actions.New(t.Context(), mrNewParams(tt.ref))
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
	client, tr := epClient(t)
	epHandle(t, tr, mrRoutes(t, map[string]epReply{mrListPath: mrList, mrGetPath: mrGetModule}))
	mod, err := client.Actions.Modules.GetByName(t.Context(), "shared-utils")
	require.NoError(t, err)
	assert.Equal(t, 2, mod.LatestVersionNum())
	require.NotNil(t, mod.LatestVersion, "read again with Get, so it carries the latest version")

	_, err = client.Actions.Modules.GetByName(t.Context(), "missing")
	var nf *ModuleNotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "missing", nf.Name)
	assert.True(t, IsNotFound(err))

	_, err = client.Actions.Modules.GetByName(t.Context(), "")
	assert.EqualError(t, err, "auth0: Modules.GetByName needs a name")
}

func TestModulesGetByNameAmbiguous(t *testing.T) {
	t.Parallel()
	client, tr := epClient(t)
	epServe(t, tr, epReply{http.StatusOK, `{"modules":[{"id":"m1","name":"dup"},{"id":"m2","name":"dup"}],"per_page":100}`})
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
	client, tr := epClient(t)
	srv := epServe(t, tr)
	err := client.Post(t.Context(), "actions/actions", mrNewParams(ActionModuleReference{ModuleName: "x"}), nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Modules[0] has no ModuleID and ModuleVersionID to send")
	assert.Empty(t, srv.Calls())
}

// epField returns the JSON of one top-level field of a request body.
func epField(t *testing.T, body []byte, key string) string {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &m))
	return string(m[key])
}
