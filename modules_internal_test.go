package auth0

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/actions-sdk/auth0-go/internal/rawjson"
)

// ---------------------------------------------------------------------------
// Fixtures: Action Modules as the document describes them and as the live
// API was seen to send them (auth0-actions-api.md §13). Module timestamps
// have microseconds.

// moduleJSON is a GET of a module after a publish, with every documented
// field (latest_version with its created_at, which the live API leaves
// out), an unknown field, and microsecond timestamps.
var moduleJSON = fixture("module.json")

func wantModule() ActionModule {
	t0 := mustTime("2026-09-01T08:00:00.123456Z")
	code := "module.exports = { sendLog: async (code, message) => {} };"
	deps := []ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}}
	secrets := []ActionModuleSecret{{Name: "SERVICE_URL", UpdatedAt: t0}}
	return ActionModule{
		ID:                      testModuleID,
		Name:                    "logger",
		Code:                    code,
		Dependencies:            deps,
		Secrets:                 secrets,
		ActionsUsingModuleTotal: 3,
		AllChangesPublished:     true,
		LatestVersionNumber:     2,
		CreatedAt:               t0,
		UpdatedAt:               mustTime("2026-09-01T08:02:00.654321Z"),
		LatestVersion: &ActionModuleVersion{
			ID: testModuleVersionID, VersionNumber: 2, Code: code, Dependencies: deps, Secrets: secrets,
			CreatedAt: mustTime("2026-09-01T08:01:10.654321Z"),
		},
	}
}

// createdModuleJSON is a create response as observed: a draft, nothing
// published, so neither latest_version nor latest_version_number.
const createdModuleJSON = `{"id":"7d4c2a10-5b6e-4f3a-9c8d-1e2f3a4b5c6d","name":"logger","code":"x","dependencies":[],"secrets":[{"name":"SERVICE_URL","updated_at":"2026-09-01T08:00:00.123456Z"}],"all_changes_published":false,"actions_using_module_total":0,"created_at":"2026-09-01T08:00:00.123456Z","updated_at":"2026-09-01T08:00:00.123456Z"}`

func wantCreatedModule() ActionModule {
	t0 := mustTime("2026-09-01T08:00:00.123456Z")
	return ActionModule{
		ID: testModuleID, Name: "logger", Code: "x", Dependencies: []ActionModuleDependency{},
		Secrets: []ActionModuleSecret{{Name: "SERVICE_URL", UpdatedAt: t0}}, CreatedAt: t0, UpdatedAt: t0,
	}
}

// observedModuleJSON is a module as the single-item endpoints send it after a
// publish: latest_version nested, without created_at, and no flat
// latest_version_number.
const observedModuleJSON = `{"id":"7d4c2a10-5b6e-4f3a-9c8d-1e2f3a4b5c6d","name":"logger","code":"v1","dependencies":[],"secrets":[],"all_changes_published":false,"actions_using_module_total":1,"created_at":"2026-09-01T08:00:00.123456Z","updated_at":"2026-09-01T08:00:00.123456Z","latest_version":{"id":"c1b2a3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d","version_number":1,"code":"v1","dependencies":[],"secrets":[]}}`

func wantObservedModule() ActionModule {
	t0 := mustTime("2026-09-01T08:00:00.123456Z")
	return ActionModule{
		ID: testModuleID, Name: "logger", Code: "v1", Dependencies: []ActionModuleDependency{},
		Secrets: []ActionModuleSecret{}, ActionsUsingModuleTotal: 1, CreatedAt: t0, UpdatedAt: t0,
		LatestVersionNumber: 1, // filled in from latest_version
		LatestVersion: &ActionModuleVersion{ID: testModuleVersionID, VersionNumber: 1, Code: "v1",
			Dependencies: []ActionModuleDependency{}, Secrets: []ActionModuleSecret{}},
	}
}

// moduleVersionJSON is a publish (or version GET) response with every field of
// ActionModuleVersion and an unknown one.
const moduleVersionJSON = `{"id":"c1b2a3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d","module_id":"7d4c2a10-5b6e-4f3a-9c8d-1e2f3a4b5c6d","version_number":1,"code":"module.exports = {};","secrets":[{"name":"SERVICE_URL","updated_at":"2026-09-01T08:00:00.123456Z"}],"dependencies":[{"name":"lodash","version":"4.17.21"}],"created_at":"2026-09-01T08:01:10.654321Z","x_build":{"state":"n/a"}}`

func wantModuleVersion() ActionModuleVersion {
	return ActionModuleVersion{
		ID: testModuleVersionID, ModuleID: testModuleID, VersionNumber: 1, Code: "module.exports = {};",
		Secrets:      []ActionModuleSecret{{Name: "SERVICE_URL", UpdatedAt: mustTime("2026-09-01T08:00:00.123456Z")}},
		Dependencies: []ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}},
		CreatedAt:    mustTime("2026-09-01T08:01:10.654321Z"),
	}
}

func bareModule(m ActionModule) ActionModule {
	m.raw = rawjson.Ref{}
	if m.LatestVersion != nil {
		v := *m.LatestVersion
		v.raw = rawjson.Ref{}
		m.LatestVersion = &v
	}
	return m
}

func bareModuleVersion(v ActionModuleVersion) ActionModuleVersion { v.raw = rawjson.Ref{}; return v }

func bareModuleAction(a ActionModuleAction) ActionModuleAction { a.raw = rawjson.Ref{}; return a }

// moduleCall is one module call, for the tables that run every method.
type moduleCall struct {
	name   string
	method string
	path   string
	ok     cannedReply // a successful answer
	do     func(ctx context.Context, c *Client) error
}

// everyModuleCall is one call of each of the ten module operations.
func everyModuleCall() []moduleCall {
	list := func(key string) cannedReply {
		return cannedReply{http.StatusOK, `{"` + key + `":[],"total":0,"page":0,"per_page":50}`}
	}
	return []moduleCall{
		{"Modules.List", http.MethodGet, modulesPath, list("modules"), func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.List(ctx, ModuleListParams{})
			return err
		}},
		{"Modules.New", http.MethodPost, modulesPath, cannedReply{http.StatusCreated, createdModuleJSON}, func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.New(ctx, ModuleNewParams{Name: "logger", Code: "x"})
			return err
		}},
		{"Modules.Get", http.MethodGet, modulesPath + "/" + testModuleID, cannedReply{http.StatusOK, moduleJSON}, func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.Get(ctx, testModuleID)
			return err
		}},
		{"Modules.Update", http.MethodPatch, modulesPath + "/" + testModuleID, cannedReply{http.StatusOK, moduleJSON}, func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.Update(ctx, testModuleID, ModuleUpdateParams{Code: String("y")})
			return err
		}},
		{"Modules.Delete", http.MethodDelete, modulesPath + "/" + testModuleID, cannedReply{http.StatusNoContent, ""}, func(ctx context.Context, c *Client) error {
			return c.Actions.Modules.Delete(ctx, testModuleID)
		}},
		{"Modules.ListActions", http.MethodGet, modulesPath + "/" + testModuleID + "/actions", list("actions"), func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.ListActions(ctx, testModuleID, ModuleActionListParams{})
			return err
		}},
		{"Modules.Rollback", http.MethodPost, modulesPath + "/" + testModuleID + "/rollback", cannedReply{http.StatusOK, observedModuleJSON}, func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.Rollback(ctx, testModuleID, ModuleRollbackParams{ModuleVersionID: testModuleVersionID})
			return err
		}},
		{"Modules.Versions.List", http.MethodGet, modulesPath + "/" + testModuleID + "/versions", list("versions"), func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.Versions.List(ctx, testModuleID, ModuleVersionListParams{})
			return err
		}},
		{"Modules.Versions.New", http.MethodPost, modulesPath + "/" + testModuleID + "/versions", cannedReply{http.StatusOK, moduleVersionJSON}, func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.Versions.New(ctx, testModuleID)
			return err
		}},
		{"Modules.Versions.Get", http.MethodGet, modulesPath + "/" + testModuleID + "/versions/" + testModuleVersionID, cannedReply{http.StatusOK, moduleVersionJSON}, func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.Versions.Get(ctx, testModuleID, testModuleVersionID)
			return err
		}},
	}
}

func moduleCallNamed(name string) moduleCall {
	for _, c := range everyModuleCall() {
		if c.name == name {
			return c
		}
	}
	panic("no module call " + name)
}

// ---------------------------------------------------------------------------
// New

func TestModuleNewSendsExactlyTheFieldsSet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params ModuleNewParams
		body   string
	}{
		{"required fields only", ModuleNewParams{Name: "logger", Code: "x"}, `{"name":"logger","code":"x"}`},
		{
			"every field, in the struct's order, with encoding/json's escaping",
			ModuleNewParams{
				Name:         "logger",
				Code:         "module.exports = { sendLog: async (code, message) => {} };",
				Secrets:      []ActionSecretParam{{Name: "SERVICE_URL", Value: "https://logs.example.com/ingest?a=1&b=2"}},
				Dependencies: []ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}, {Name: "@scope/pkg", Version: "^1.0.0"}},
				APIVersion:   String("1"),
				Publish:      Bool(true),
			},
			`{"name":"logger","code":"module.exports = { sendLog: async (code, message) =\u003e {} };",` +
				`"secrets":[{"name":"SERVICE_URL","value":"https://logs.example.com/ingest?a=1\u0026b=2"}],` +
				`"dependencies":[{"name":"lodash","version":"4.17.21"},{"name":"@scope/pkg","version":"^1.0.0"}],` +
				`"api_version":"1","publish":true}`,
		},
		{"publish false is sent", ModuleNewParams{Name: "m", Code: "x", Publish: Bool(false)}, `{"name":"m","code":"x","publish":false}`},
		{"an empty secret value is sent", ModuleNewParams{Name: "m", Code: "x", Secrets: []ActionSecretParam{{Name: "K"}}},
			`{"name":"m","code":"x","secrets":[{"name":"K","value":""}]}`},
		{"empty lists are sent as []", ModuleNewParams{Name: "m", Code: "x", Secrets: []ActionSecretParam{}, Dependencies: []ActionModuleDependency{}},
			`{"name":"m","code":"x","secrets":[],"dependencies":[]}`},
		{"names with spaces and capitals are not refused", ModuleNewParams{Name: "Test Module X", Code: "x"},
			`{"name":"Test Module X","code":"x"}`},
		{"multi-byte characters count as one each", ModuleNewParams{Name: strings.Repeat("é", 255), Code: "x"},
			`{"name":"` + strings.Repeat("é", 255) + `","code":"x"}`},
		{"the longest code", ModuleNewParams{Name: "m", Code: strings.Repeat("a", 65536)},
			`{"name":"m","code":"` + strings.Repeat("a", 65536) + `"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{http.StatusCreated, createdModuleJSON})
			m, err := client.Actions.Modules.New(t.Context(), tt.params)
			require.NoError(t, err)
			assertExactRequest(t, srv.only(t), http.MethodPost, modulesPath, nil, tt.body)
			assert.Equal(t, testModuleID, m.ID)
		})
	}
}

func TestModuleNewDecodesTheCreatedModule(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusCreated, createdModuleJSON})
	m, err := client.Actions.Modules.New(t.Context(), ModuleNewParams{Name: "logger", Code: "x",
		Secrets: []ActionSecretParam{{Name: "SERVICE_URL", Value: "v"}}})
	require.NoError(t, err)
	assert.Equal(t, wantCreatedModule(), bareModule(*m))
	assert.Nil(t, m.LatestVersion, "nothing published yet")
	assert.Zero(t, m.LatestVersionNumber)
	assert.False(t, m.AllChangesPublished)
	assert.Equal(t, 123456000, m.CreatedAt.Nanosecond(), "microseconds kept")
	assert.Equal(t, createdModuleJSON, string(m.RawJSON()), "RawJSON is the body, byte for byte")
}

// TestModuleNewWithPublish decodes the create response auth0-cli's live test
// expects with publish:true: version 1 published in the same call.
func TestModuleNewWithPublish(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr, cannedReply{http.StatusCreated, observedModuleJSON})
	m, err := client.Actions.Modules.New(t.Context(), ModuleNewParams{Name: "logger", Code: "v1", Publish: Bool(true)})
	require.NoError(t, err)
	assertExactRequest(t, srv.only(t), http.MethodPost, modulesPath, nil, `{"name":"logger","code":"v1","publish":true}`)
	assert.Equal(t, wantObservedModule(), bareModule(*m))
	assert.Equal(t, 1, m.LatestVersionNumber, "read from latest_version.version_number")
	assert.True(t, m.LatestVersion.CreatedAt.IsZero(), "the live API leaves the nested created_at out")
	assert.Nil(t, m.LatestVersion.RawJSON(), "a nested value has no JSON of its own")
}

func TestModuleNewNameTaken(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusConflict,
		`{"statusCode":409,"error":"Conflict","message":"An action module with the same name already exists."}`})
	m, err := client.Actions.Modules.New(t.Context(), ModuleNewParams{Name: "logger", Code: "x"})
	assert.Nil(t, m)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrConflict)
	assert.True(t, errors.Is(err, ErrConflict))
	assert.False(t, errors.Is(err, ErrOutcomeUnknown), "a 409 is an answer: the module was not created")
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusConflict, apiErr.StatusCode)
	assert.Equal(t, "An action module with the same name already exists.", apiErr.Message)
	assert.Contains(t, err.Error(), "POST "+modulesURL+": 409")
	assert.Equal(t, 1, tr.GetTotalCallCount(), "a 409 is not retried")
}

func TestModuleNewAndUpdateDoNotLeakSecretValues(t *testing.T) {
	t.Parallel()
	const secret = "hunter2-module-secret-value"
	body := `{"statusCode":400,"error":"Bad Request","message":"Payload validation error: ` + secret + `","errorCode":"invalid_body"}`
	calls := map[string]func(ctx context.Context, c *Client) error{
		"New": func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.New(ctx, ModuleNewParams{Name: "m", Code: "x", Secrets: []ActionSecretParam{{Name: "K", Value: secret}}})
			return err
		},
		"Update": func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.Update(ctx, testModuleID, ModuleUpdateParams{Secrets: []ActionSecretParam{{Name: "K", Value: secret}}})
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			serveInOrder(t, tr, cannedReply{http.StatusBadRequest, body})
			err := call(t.Context(), client)
			require.ErrorIs(t, err, ErrBadRequest)
			var apiErr *Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "invalid_body", apiErr.Code)
			assert.NotContains(t, err.Error(), secret)
			assert.NotContains(t, apiErr.Message, secret, "an echoed secret value is redacted")
			assert.NotContains(t, string(apiErr.DumpRequest(true)), secret)
			assert.NotContains(t, string(apiErr.DumpRequest(true)), "Bearer tok")
			assert.NotContains(t, string(apiErr.RawJSON()), secret)
		})
	}
}

// ---------------------------------------------------------------------------
// Creates are never retried; safe calls are.

// connReset is a connection that broke after the request was sent.
var connReset = &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}

func TestModuleCreatesAreNotRetried(t *testing.T) {
	t.Parallel()
	unsafe := []struct {
		call moduleCall
		hint string
	}{
		{moduleCallNamed("Modules.New"), "Actions.Modules.List"},
		{moduleCallNamed("Modules.Versions.New"), "Actions.Modules.Get"},
		{moduleCallNamed("Modules.Rollback"), "Actions.Modules.Get"},
	}
	for _, u := range unsafe {
		for _, status := range []int{500, 502, 503, 504} {
			t.Run(fmt.Sprintf("%s %d", u.call.name, status), func(t *testing.T) {
				t.Parallel()
				client, tr := newMockClient(t)
				srv := serveInOrder(t, tr, cannedReply{status, `{"statusCode":` + fmt.Sprint(status) + `,"error":"x","message":"injected"}`},
					cannedReply{http.StatusOK, `{}`})
				err := u.call.do(t.Context(), client)
				require.Error(t, err)
				require.Len(t, srv.Calls(), 1, "a create must not be repeated")
				assert.ErrorIs(t, err, ErrOutcomeUnknown)
				assert.ErrorIs(t, err, ErrServer)
				var apiErr *Error
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, status, apiErr.StatusCode)
				assert.True(t, apiErr.OutcomeUnknown)
				assert.Equal(t, 1, apiErr.Attempts)
				assert.Contains(t, apiErr.Hint, u.hint, "the hint says how to check")
				msg := err.Error()
				assert.True(t, strings.HasPrefix(msg, "auth0: POST https://tenant.auth0.com"+u.call.path+": "),
					"the error names the call: %q", msg)
				assert.Contains(t, msg, "outcome unknown")
				assert.Contains(t, msg, u.hint)
				assert.Equal(t, 1, strings.Count(msg, "auth0:"))
			})
		}
		t.Run(u.call.name+" dropped connection", func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			tr.RegisterNoResponder(httpmock.NewErrorResponder(connReset))
			err := u.call.do(t.Context(), client)
			require.Error(t, err)
			assert.Equal(t, 1, tr.GetTotalCallCount(), "a create must not be repeated")
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			assert.ErrorIs(t, err, connReset, "the cause is kept")
			var ou *OutcomeUnknownError
			require.ErrorAs(t, err, &ou)
			assert.Contains(t, ou.Hint, u.hint)
			msg := err.Error()
			assert.True(t, strings.HasPrefix(msg, "auth0: POST https://tenant.auth0.com"+u.call.path+": "),
				"the error names the call: %q", msg)
			assert.Contains(t, msg, "outcome unknown")
			assert.Equal(t, 1, strings.Count(msg, "auth0:"))
		})
	}
}

func TestModuleSafeCallsAreRetried(t *testing.T) {
	t.Parallel()
	for _, call := range everyModuleCall() {
		if call.method == http.MethodPost {
			continue
		}
		t.Run(call.name+" after a 503", func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{http.StatusServiceUnavailable, `{"statusCode":503,"error":"Service Unavailable","message":"later"}`}, call.ok)
			require.NoError(t, call.do(t.Context(), client))
			calls := srv.Calls()
			require.Len(t, calls, 2)
			assert.Equal(t, calls[0].Path, calls[1].Path)
			assert.Equal(t, calls[0].Body, calls[1].Body, "the same request again")
		})
		t.Run(call.name+" after a dropped connection", func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			var n atomic.Int32
			tr.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
				if n.Add(1) == 1 {
					return nil, connReset
				}
				resp := httpmock.NewStringResponse(call.ok.Status, call.ok.Body)
				resp.Request = req
				return resp, nil
			})
			require.NoError(t, call.do(t.Context(), client))
			assert.Equal(t, 2, tr.GetTotalCallCount())
		})
	}
}

// ---------------------------------------------------------------------------
// Get

func TestModuleGetDecodesEveryField(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr, cannedReply{http.StatusOK, moduleJSON})
	m, err := client.Actions.Modules.Get(t.Context(), testModuleID)
	require.NoError(t, err)
	assertExactRequest(t, srv.only(t), http.MethodGet, modulesPath+"/"+testModuleID, nil, "")
	assert.Equal(t, wantModule(), bareModule(*m))
	assert.Equal(t, 654321000, m.UpdatedAt.Nanosecond(), "microseconds kept")
	assert.Equal(t, 2, m.LatestVersionNumber)
	assert.Equal(t, moduleJSON, string(m.RawJSON()), "RawJSON is the body, byte for byte")
	assert.Contains(t, string(m.RawJSON()), `"x_added_later": {"nested": [1, 2, 3]}`, "unknown fields are kept")
	assert.Nil(t, m.LatestVersion.RawJSON(), "a nested value has no JSON of its own")
}

func TestModuleGetAsObserved(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusOK, observedModuleJSON})
	m, err := client.Actions.Modules.Get(t.Context(), testModuleID)
	require.NoError(t, err)
	assert.Equal(t, wantObservedModule(), bareModule(*m))
	assert.NotContains(t, observedModuleJSON, "latest_version_number", "not sent by the single-item endpoints")
	assert.Equal(t, 1, m.LatestVersionNumber, "filled in from the nested latest_version")
	assert.Empty(t, m.LatestVersion.ModuleID, "not sent in the nested version")
}

// LatestVersionNumber is right whichever field the response carried.
func TestModuleLatestVersionNumberIsNormalized(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		m    ActionModule
		want int
	}{
		{"never published", ActionModule{}, 0},
		{"list item: flat number", ActionModule{LatestVersionNumber: 4}, 4},
		{"single item: nested", ActionModule{LatestVersion: &ActionModuleVersion{VersionNumber: 3}}, 3},
		{"both sent: the flat one, as sent", ActionModule{LatestVersionNumber: 2, LatestVersion: &ActionModuleVersion{VersionNumber: 3}}, 2},
		{"nested without a number: the flat one", ActionModule{LatestVersionNumber: 2, LatestVersion: &ActionModuleVersion{}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := tt.m
			m.setRef(rawjson.Ref{})
			assert.Equal(t, tt.want, m.LatestVersionNumber)
		})
	}
}

func TestModuleGetEmptyBodyIsAnError(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusOK, ""})
	_, err := client.Actions.Modules.Get(t.Context(), testModuleID)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "empty body")
	assert.Contains(t, err.Error(), "GET "+modulesURL+"/"+testModuleID)
}

// TestModuleErrorSentinels answers each module call with each documented
// error status and checks the sentinel, the kept message and that no
// answer from the server is retried.
func TestModuleErrorSentinels(t *testing.T) {
	t.Parallel()
	statuses := []struct {
		status   int
		sentinel error
		message  string
	}{
		{http.StatusBadRequest, ErrBadRequest, "Payload validation error: 'Unknown property: name'."},
		{http.StatusUnauthorized, ErrUnauthorized, "Expired credentials"},
		{http.StatusForbidden, ErrForbidden, "Insufficient scope, expected any of: read:actions"},
		{http.StatusNotFound, ErrNotFound, "The module or version does not exist."},
		{http.StatusConflict, ErrConflict, "No draft version is available to publish."},
		{http.StatusPreconditionFailed, ErrPreconditionFailed,
			"Maximum number of module versions reached. Consolidate versions used in actions before creating new ones."},
	}
	for _, call := range everyModuleCall() {
		for _, st := range statuses {
			t.Run(fmt.Sprintf("%s %d", call.name, st.status), func(t *testing.T) {
				t.Parallel()
				client, tr := newMockClient(t)
				serveInOrder(t, tr, cannedReply{st.status, fmt.Sprintf(`{"statusCode":%d,"error":%q,"message":%q}`,
					st.status, http.StatusText(st.status), st.message)})
				err := call.do(t.Context(), client)
				require.Error(t, err)
				assert.ErrorIs(t, err, st.sentinel)
				assert.False(t, errors.Is(err, ErrOutcomeUnknown), "an answer is not outcome-unknown")
				assert.Equal(t, st.status == http.StatusNotFound, errors.Is(err, ErrNotFound))
				assert.Equal(t, st.status == http.StatusConflict, errors.Is(err, ErrConflict))
				assert.Equal(t, st.status == http.StatusPreconditionFailed, errors.Is(err, ErrPreconditionFailed))
				var apiErr *Error
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, st.status, apiErr.StatusCode)
				assert.Equal(t, http.StatusText(st.status), apiErr.ErrorText)
				assert.Equal(t, st.message, apiErr.Message, "the server's message is kept")
				assert.Contains(t, err.Error(), st.message)
				assert.Contains(t, err.Error(), call.method+" https://tenant.auth0.com"+call.path)
				assert.Equal(t, 1, tr.GetTotalCallCount(), "an answer is not retried")
			})
		}
	}
}

// TestModuleForbiddenIsReturnedAsItIs: a tenant without the Early Access
// feature answers 403 with feature_not_enabled, which callers test for.
func TestModuleForbiddenIsReturnedAsItIs(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusForbidden,
		`{"statusCode":403,"error":"Forbidden","message":"This feature is not enabled for this tenant.","errorCode":"feature_not_enabled"}`})
	_, err := client.Actions.Modules.List(t.Context(), ModuleListParams{})
	require.ErrorIs(t, err, ErrForbidden)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "feature_not_enabled", apiErr.Code)
	assert.Equal(t, "This feature is not enabled for this tenant.", apiErr.Message)
}

// ---------------------------------------------------------------------------
// Update

func TestModuleUpdateSendsOnlyTheFieldsSet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params ModuleUpdateParams
		body   string
	}{
		{"nothing", ModuleUpdateParams{}, `{}`},
		{"code only", ModuleUpdateParams{Code: String("module.exports = 1;")}, `{"code":"module.exports = 1;"}`},
		{"empty code is a value", ModuleUpdateParams{Code: String("")}, `{"code":""}`},
		{"remove every secret with an empty list", ModuleUpdateParams{Secrets: []ActionSecretParam{}}, `{"secrets":[]}`},
		{"remove every dependency with an empty list", ModuleUpdateParams{Dependencies: []ActionModuleDependency{}}, `{"dependencies":[]}`},
		{
			"every field, in the struct's order",
			ModuleUpdateParams{
				Code:         String("a < b"),
				Secrets:      []ActionSecretParam{{Name: "A", Value: "1"}, {Name: "B", Value: ""}},
				Dependencies: []ActionModuleDependency{{Name: "lodash", Version: "latest"}},
			},
			`{"code":"a \u003c b","secrets":[{"name":"A","value":"1"},{"name":"B","value":""}],"dependencies":[{"name":"lodash","version":"latest"}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{http.StatusOK, moduleJSON})
			m, err := client.Actions.Modules.Update(t.Context(), testModuleID, tt.params)
			require.NoError(t, err)
			assertExactRequest(t, srv.only(t), http.MethodPatch, modulesPath+"/"+testModuleID, nil, tt.body)
			assert.Equal(t, wantModule(), bareModule(*m))
			assert.Equal(t, moduleJSON, string(m.RawJSON()))
		})
	}
}

// ---------------------------------------------------------------------------
// Delete

func TestModuleDeleteAcceptsTheBodiesTheAPISends(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		r    cannedReply
	}{
		{"204, as documented", cannedReply{http.StatusNoContent, ""}},
		{"200 with an empty body", cannedReply{http.StatusOK, ""}},
		{`200 with ""`, cannedReply{http.StatusOK, `""`}},
		{`200 with "" and a newline`, cannedReply{http.StatusOK, "\"\"\n"}},
		{"200 with {}", cannedReply{http.StatusOK, `{}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, tt.r)
			require.NoError(t, client.Actions.Modules.Delete(t.Context(), testModuleID))
			assertExactRequest(t, srv.only(t), http.MethodDelete, modulesPath+"/"+testModuleID, nil, "")
		})
	}
}

func TestModuleDeleteInUse(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	const msg = "The action module cannot be deleted because it is in use by one or more actions."
	serveInOrder(t, tr, cannedReply{http.StatusPreconditionFailed, `{"statusCode":412,"error":"Precondition Failed","message":"` + msg + `"}`})
	err := client.Actions.Modules.Delete(t.Context(), testModuleID)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrPreconditionFailed)
	assert.True(t, errors.Is(err, ErrPreconditionFailed))
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusPreconditionFailed, apiErr.StatusCode)
	assert.Equal(t, msg, apiErr.Message)
	assert.Equal(t, "auth0: DELETE "+modulesURL+"/"+testModuleID+": 412 Precondition Failed: "+msg, err.Error())
	assert.Equal(t, 1, tr.GetTotalCallCount())
}

// ---------------------------------------------------------------------------
// Lists

// moduleListItemJSON is one module as the list sends it: latest_version_number
// flat, no latest_version.
func moduleListItemJSON(i int) string {
	return fmt.Sprintf(`{"id":"mod_%d","name":"m-%d","code":"c","dependencies":[{"name":"lodash","version":"4.17.21"}],`+
		`"secrets":[],"actions_using_module_total":%d,"all_changes_published":true,"latest_version_number":%d,`+
		`"created_at":"2026-09-01T08:00:00.123456Z","updated_at":"2026-09-01T08:00:00.123456Z","x_new":%d}`, i, i, i, i+1, i)
}

func wantModuleListItem(i int) ActionModule {
	t0 := mustTime("2026-09-01T08:00:00.123456Z")
	return ActionModule{
		ID: fmt.Sprintf("mod_%d", i), Name: fmt.Sprintf("m-%d", i), Code: "c",
		Dependencies: []ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}}, Secrets: []ActionModuleSecret{},
		ActionsUsingModuleTotal: i, AllChangesPublished: true, LatestVersionNumber: i + 1, CreatedAt: t0, UpdatedAt: t0,
	}
}

func moduleVersionItemJSON(n int) string {
	return fmt.Sprintf(`{"id":"ver_%d","module_id":"mod_1","version_number":%d,"code":"v%d","secrets":[],"dependencies":[],`+
		`"created_at":"2026-09-01T08:0%d:00.000001Z"}`, n, n, n, n%10)
}

func wantModuleVersionItem(n int) ActionModuleVersion {
	return ActionModuleVersion{ID: fmt.Sprintf("ver_%d", n), ModuleID: "mod_1", VersionNumber: n, Code: fmt.Sprintf("v%d", n),
		Secrets: []ActionModuleSecret{}, Dependencies: []ActionModuleDependency{},
		CreatedAt: mustTime(fmt.Sprintf("2026-09-01T08:0%d:00.000001Z", n%10))}
}

func moduleActionItemJSON(i int) string {
	return fmt.Sprintf(`{"action_id":"act_%d","action_name":"a-%d","module_version_id":"ver_%d","module_version_number":%d}`, i, i, i, i+1)
}

func wantModuleActionItem(i int) ActionModuleAction {
	return ActionModuleAction{ActionID: fmt.Sprintf("act_%d", i), ActionName: fmt.Sprintf("a-%d", i),
		ModuleVersionID: fmt.Sprintf("ver_%d", i), ModuleVersionNumber: i + 1}
}

// moduleQueryCases are the paging params of the three module lists and the
// query each must send: always page and per_page (without per_page the
// modules list turns paging off), and nothing else (there is no
// include_totals on these endpoints).
var moduleQueryCases = []struct {
	name          string
	page, perPage *int
	query         url.Values
}{
	{"defaults", nil, nil, url.Values{"page": {"0"}, "per_page": {"50"}}},
	{"page and per_page", Int(2), Int(10), url.Values{"page": {"2"}, "per_page": {"10"}}},
	{"per_page 1", nil, Int(1), url.Values{"page": {"0"}, "per_page": {"1"}}},
	{"per_page 100, page 0", Int(0), Int(100), url.Values{"page": {"0"}, "per_page": {"100"}}},
	{"a large page", Int(1 << 30), nil, url.Values{"page": {"1073741824"}, "per_page": {"50"}}},
}

func TestModuleListQueryAndDecoding(t *testing.T) {
	t.Parallel()
	body := `{"modules":[` + moduleListItemJSON(0) + `,` + moduleListItemJSON(1) + `],"total":2,"page":0,"per_page":50}`
	for _, tt := range moduleQueryCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{http.StatusOK, body})
			page, err := client.Actions.Modules.List(t.Context(), ModuleListParams{Page: tt.page, PerPage: tt.perPage})
			require.NoError(t, err)
			assertExactRequest(t, srv.only(t), http.MethodGet, modulesPath, tt.query, "")
			require.Len(t, page.Items, 2)
			for i, m := range page.Items {
				assert.Equal(t, wantModuleListItem(i), bareModule(m))
				assert.Nil(t, m.LatestVersion, "list items carry the flat number")
				assert.Equal(t, i+1, m.LatestVersionNumber)
				assert.Equal(t, moduleListItemJSON(i), string(m.RawJSON()), "each item's RawJSON is its bytes in the body")
			}
			assert.Equal(t, 2, page.Total)
			assert.Equal(t, 0, page.Page)
			assert.Equal(t, 50, page.PerPage)
			assert.Equal(t, body, string(page.RawJSON()))
		})
	}
}

func TestModuleListActionsQueryAndDecoding(t *testing.T) {
	t.Parallel()
	// As observed on page 0: no "page" key.
	body := `{"actions":[` + moduleActionItemJSON(0) + `,` + moduleActionItemJSON(1) + `],"total":2,"per_page":50}`
	for _, tt := range moduleQueryCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{http.StatusOK, body})
			page, err := client.Actions.Modules.ListActions(t.Context(), testModuleID, ModuleActionListParams{Page: tt.page, PerPage: tt.perPage})
			require.NoError(t, err)
			assertExactRequest(t, srv.only(t), http.MethodGet, modulesPath+"/"+testModuleID+"/actions", tt.query, "")
			require.Len(t, page.Items, 2)
			for i, a := range page.Items {
				assert.Equal(t, wantModuleActionItem(i), bareModuleAction(a))
				assert.Nil(t, a.SupportedTriggers, "not sent in the recorded response")
				assert.Equal(t, moduleActionItemJSON(i), string(a.RawJSON()))
			}
			assert.Equal(t, 2, page.Total)
			assert.Equal(t, 50, page.PerPage)
			assert.Equal(t, body, string(page.RawJSON()))
		})
	}
}

func TestModuleListActionsDecodesSupportedTriggers(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	item := `{"action_id":"act_1","action_name":"a","module_version_id":"ver_1","module_version_number":1,` +
		`"supported_triggers":[{"id":"post-login","version":"v3"}],"x_more":true}`
	serveInOrder(t, tr, cannedReply{http.StatusOK, `{"actions":[` + item + `],"page":1,"per_page":50}`})
	page, err := client.Actions.Modules.ListActions(t.Context(), testModuleID, ModuleActionListParams{Page: Int(1)})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, ActionModuleAction{ActionID: "act_1", ActionName: "a", ModuleVersionID: "ver_1", ModuleVersionNumber: 1,
		SupportedTriggers: postLoginV3}, bareModuleAction(page.Items[0]))
	assert.Equal(t, item, string(page.Items[0].RawJSON()), "unknown fields kept")
	assert.Zero(t, page.Total, "total left out after page 0, as observed")
	assert.Equal(t, 1, page.Page)
}

func TestModuleVersionListQueryAndDecoding(t *testing.T) {
	t.Parallel()
	// Newest first, as observed.
	body := `{"versions":[` + moduleVersionItemJSON(2) + `,` + moduleVersionItemJSON(1) + `],"total":2,"page":0,"per_page":50}`
	for _, tt := range moduleQueryCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{http.StatusOK, body})
			page, err := client.Actions.Modules.Versions.List(t.Context(), testModuleID, ModuleVersionListParams{Page: tt.page, PerPage: tt.perPage})
			require.NoError(t, err)
			assertExactRequest(t, srv.only(t), http.MethodGet, modulesPath+"/"+testModuleID+"/versions", tt.query, "")
			require.Len(t, page.Items, 2)
			for i, n := range []int{2, 1} {
				assert.Equal(t, wantModuleVersionItem(n), bareModuleVersion(page.Items[i]))
				assert.Equal(t, moduleVersionItemJSON(n), string(page.Items[i].RawJSON()))
			}
			assert.Equal(t, 2, page.Total)
			assert.Equal(t, body, string(page.RawJSON()))
		})
	}
}

// TestModuleVersionListPastTheEnd: the live API answers a page past the end
// with total 0; the page is empty and there is no next one.
func TestModuleVersionListPastTheEnd(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusOK, `{"versions":[],"total":0,"page":1,"per_page":50}`})
	page, err := client.Actions.Modules.Versions.List(t.Context(), testModuleID, ModuleVersionListParams{Page: Int(1)})
	require.NoError(t, err)
	assert.Empty(t, page.Items)
	assert.False(t, page.HasNextPage())
	next, err := page.GetNextPage(t.Context())
	require.NoError(t, err)
	assert.Nil(t, next)
	assert.Equal(t, 1, tr.GetTotalCallCount())
}

// serveModulePages serves a list of total items, perPage at a time, under key, and
// records the pages asked for.
func serveModulePages(t *testing.T, tr *httpmock.MockTransport, key string, total, perPage int, item func(i int) string) *mockAPI {
	return handleAll(t, tr, func(_ int, c recordedCall) cannedReply {
		page := 0
		_, _ = fmt.Sscan(c.Query.Get("page"), &page)
		var items []string
		for i := page * perPage; i < total && i < (page+1)*perPage; i++ {
			items = append(items, item(i))
		}
		return cannedReply{http.StatusOK, listPageJSON(key, items, fmt.Sprintf(`"page":%d,"per_page":%d`, page, perPage))}
	})
}

func TestModuleAutoPagers(t *testing.T) {
	t.Parallel()
	const total, per = 5, 2
	tests := []struct {
		name, key, path string
		item            func(i int) string
		walk            func(ctx context.Context, c *Client, page *int) ([]string, error)
	}{
		{"Modules.ListAutoPaging", "modules", modulesPath, moduleListItemJSON, func(ctx context.Context, c *Client, page *int) ([]string, error) {
			var ids []string
			for m, err := range c.Actions.Modules.ListAutoPaging(ctx, ModuleListParams{Page: page, PerPage: Int(per)}).All() {
				if err != nil {
					return ids, err
				}
				ids = append(ids, m.ID)
			}
			return ids, nil
		}},
		{"Modules.ListActionsAutoPaging", "actions", modulesPath + "/" + testModuleID + "/actions", moduleActionItemJSON, func(ctx context.Context, c *Client, page *int) ([]string, error) {
			var ids []string
			it := c.Actions.Modules.ListActionsAutoPaging(ctx, testModuleID, ModuleActionListParams{Page: page, PerPage: Int(per)})
			for it.Next() {
				ids = append(ids, it.Current().ActionID)
			}
			return ids, it.Err()
		}},
		{"Modules.Versions.ListAutoPaging", "versions", modulesPath + "/" + testModuleID + "/versions", moduleVersionItemJSON, func(ctx context.Context, c *Client, page *int) ([]string, error) {
			var ids []string
			for v, err := range c.Actions.Modules.Versions.ListAutoPaging(ctx, testModuleID, ModuleVersionListParams{Page: page, PerPage: Int(per)}).All() {
				if err != nil {
					return ids, err
				}
				ids = append(ids, v.ID)
			}
			return ids, nil
		}},
	}
	idOf := map[string]string{"modules": "mod_%d", "actions": "act_%d", "versions": "ver_%d"}
	for _, tt := range tests {
		for _, start := range []int{0, 1} {
			t.Run(fmt.Sprintf("%s from page %d", tt.name, start), func(t *testing.T) {
				t.Parallel()
				client, tr := newMockClient(t)
				srv := serveModulePages(t, tr, tt.key, total, per, tt.item)
				ids, err := tt.walk(t.Context(), client, Int(start))
				require.NoError(t, err)
				var want []string
				for i := start * per; i < total; i++ {
					want = append(want, fmt.Sprintf(idOf[tt.key], i))
				}
				assert.Equal(t, want, ids)
				calls := srv.Calls()
				require.Len(t, calls, 3-start, "stops on the short page")
				for i, c := range calls {
					assertRequest(t, c, http.MethodGet, tt.path,
						url.Values{"page": {fmt.Sprint(start + i)}, "per_page": {fmt.Sprint(per)}}, "")
				}
			})
		}
	}
}

// ---------------------------------------------------------------------------
// Rollback

func TestModuleRollback(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr, cannedReply{http.StatusOK, observedModuleJSON})
	m, err := client.Actions.Modules.Rollback(t.Context(), testModuleID, ModuleRollbackParams{ModuleVersionID: testModuleVersionID})
	require.NoError(t, err)
	assertExactRequest(t, srv.only(t), http.MethodPost, modulesPath+"/"+testModuleID+"/rollback", nil,
		`{"module_version_id":"c1b2a3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}`)
	assert.Equal(t, wantObservedModule(), bareModule(*m))
	assert.Equal(t, observedModuleJSON, string(m.RawJSON()))
}

func TestModuleRollbackErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status   int
		sentinel error
		message  string
	}{
		{http.StatusNotFound, ErrNotFound, "The module or version does not exist."},
		{http.StatusConflict, ErrConflict, "The specified version is already the current draft version."},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			serveInOrder(t, tr, cannedReply{tt.status, fmt.Sprintf(`{"statusCode":%d,"error":%q,"message":%q}`, tt.status, http.StatusText(tt.status), tt.message)})
			m, err := client.Actions.Modules.Rollback(t.Context(), testModuleID, ModuleRollbackParams{ModuleVersionID: "nope"})
			assert.Nil(t, m)
			require.ErrorIs(t, err, tt.sentinel)
			assert.False(t, errors.Is(err, ErrOutcomeUnknown))
			var apiErr *Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.message, apiErr.Message)
			assert.Equal(t, fmt.Sprintf("auth0: POST %s/%s/rollback: %d %s: %s", modulesURL, testModuleID, tt.status, http.StatusText(tt.status), tt.message), err.Error())
			assert.Equal(t, 1, tr.GetTotalCallCount())
		})
	}
}

// ---------------------------------------------------------------------------
// Versions: publish and get

func TestModuleVersionNewSendsNoBody(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusOK, http.StatusCreated} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{status, moduleVersionJSON})
			v, err := client.Actions.Modules.Versions.New(t.Context(), testModuleID)
			require.NoError(t, err)
			c := srv.only(t)
			assertExactRequest(t, c, http.MethodPost, modulesPath+"/"+testModuleID+"/versions", nil, "")
			assert.Empty(t, c.Header.Get("Content-Length"), "no body, not even {}")
			assert.Equal(t, wantModuleVersion(), bareModuleVersion(*v))
			assert.Equal(t, moduleVersionJSON, string(v.RawJSON()))
			assert.Contains(t, string(v.RawJSON()), `"x_build":{"state":"n/a"}`, "unknown fields kept")
		})
	}
}

func TestModuleVersionNewRefusals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status   int
		sentinel error
		message  string
	}{
		{http.StatusConflict, ErrConflict, "No draft version is available to publish."},
		{http.StatusPreconditionFailed, ErrPreconditionFailed,
			"Maximum number of module versions reached. Consolidate versions used in actions before creating new ones."},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			serveInOrder(t, tr, cannedReply{tt.status, fmt.Sprintf(`{"statusCode":%d,"error":%q,"message":%q}`, tt.status, http.StatusText(tt.status), tt.message)})
			v, err := client.Actions.Modules.Versions.New(t.Context(), testModuleID)
			assert.Nil(t, v)
			require.ErrorIs(t, err, tt.sentinel)
			assert.False(t, errors.Is(err, ErrOutcomeUnknown), "the server answered: nothing was published")
			var apiErr *Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.message, apiErr.Message)
			assert.Empty(t, apiErr.Hint, "no hint: the outcome is known")
			assert.Equal(t, 1, tr.GetTotalCallCount())
		})
	}
}

func TestModuleVersionGet(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr, cannedReply{http.StatusOK, moduleVersionJSON})
	v, err := client.Actions.Modules.Versions.Get(t.Context(), testModuleID, testModuleVersionID)
	require.NoError(t, err)
	assertExactRequest(t, srv.only(t), http.MethodGet, modulesPath+"/"+testModuleID+"/versions/"+testModuleVersionID, nil, "")
	assert.Equal(t, wantModuleVersion(), bareModuleVersion(*v))
	assert.Equal(t, 654321000, v.CreatedAt.Nanosecond())
	assert.Equal(t, moduleVersionJSON, string(v.RawJSON()))
}

// ---------------------------------------------------------------------------
// Path IDs are escaped into their own segment.

func TestModulePathIDsAreEscaped(t *testing.T) {
	t.Parallel()
	ids := map[string]string{
		"a/b":        "a%2Fb",
		"../secrets": "..%2Fsecrets",
		"a b?c#d":    "a%20b%3Fc%23d",
		"100%":       "100%25",
		"ação":       "a%C3%A7%C3%A3o",
		"\xff\xfe":   "%FF%FE",
	}
	type pathCall struct {
		name   string
		method string
		path   func(esc string) string
		do     func(ctx context.Context, c *Client, id string) error
	}
	calls := []pathCall{
		{"Get", http.MethodGet, func(e string) string { return modulesPath + "/" + e }, func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.Get(ctx, id)
			return err
		}},
		{"Update", http.MethodPatch, func(e string) string { return modulesPath + "/" + e }, func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.Update(ctx, id, ModuleUpdateParams{})
			return err
		}},
		{"Delete", http.MethodDelete, func(e string) string { return modulesPath + "/" + e }, func(ctx context.Context, c *Client, id string) error {
			return c.Actions.Modules.Delete(ctx, id)
		}},
		{"ListActions", http.MethodGet, func(e string) string { return modulesPath + "/" + e + "/actions" }, func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.ListActions(ctx, id, ModuleActionListParams{})
			return err
		}},
		{"Rollback", http.MethodPost, func(e string) string { return modulesPath + "/" + e + "/rollback" }, func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.Rollback(ctx, id, ModuleRollbackParams{ModuleVersionID: "v"})
			return err
		}},
		{"Versions.List", http.MethodGet, func(e string) string { return modulesPath + "/" + e + "/versions" }, func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.Versions.List(ctx, id, ModuleVersionListParams{})
			return err
		}},
		{"Versions.New", http.MethodPost, func(e string) string { return modulesPath + "/" + e + "/versions" }, func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.Versions.New(ctx, id)
			return err
		}},
		{"Versions.Get (module ID)", http.MethodGet, func(e string) string { return modulesPath + "/" + e + "/versions/v" }, func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.Versions.Get(ctx, id, "v")
			return err
		}},
		{"Versions.Get (version ID)", http.MethodGet, func(e string) string { return modulesPath + "/m/versions/" + e }, func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.Versions.Get(ctx, "m", id)
			return err
		}},
	}
	for _, pc := range calls {
		for id, esc := range ids {
			t.Run(pc.name+" "+id, func(t *testing.T) {
				t.Parallel()
				client, tr := newMockClient(t)
				srv := serveInOrder(t, tr, cannedReply{http.StatusOK, `{"id":"x"}`})
				require.NoError(t, pc.do(t.Context(), client, id))
				c := srv.only(t)
				assert.Equal(t, pc.method, c.Method)
				assert.Equal(t, pc.path(esc), c.Path, "escaped path")
			})
		}
	}
}

// ---------------------------------------------------------------------------
// Validation: a clear error and no request.

func TestModuleValidationSendsNothing(t *testing.T) {
	t.Parallel()
	type vcase struct {
		name string
		call func(ctx context.Context, c *Client) error
		want string
	}
	newM := func(p ModuleNewParams) func(ctx context.Context, c *Client) error {
		return func(ctx context.Context, c *Client) error { _, err := c.Actions.Modules.New(ctx, p); return err }
	}
	upd := func(p ModuleUpdateParams) func(ctx context.Context, c *Client) error {
		return func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.Update(ctx, testModuleID, p)
			return err
		}
	}
	withSecrets := func(s ...ActionSecretParam) ModuleNewParams { return ModuleNewParams{Name: "m", Code: "x", Secrets: s} }
	withDeps := func(d ...ActionModuleDependency) ModuleNewParams {
		return ModuleNewParams{Name: "m", Code: "x", Dependencies: d}
	}
	tests := []vcase{
		{"new: nothing", newM(ModuleNewParams{}), "ModuleNewParams.Name is required"},
		{"new: no code", newM(ModuleNewParams{Name: "m"}), "ModuleNewParams.Code is required"},
		{"new: no name", newM(ModuleNewParams{Code: "x"}), "ModuleNewParams.Name is required"},
		{"new: name of 256 characters", newM(ModuleNewParams{Name: strings.Repeat("é", 256), Code: "x"}),
			"ModuleNewParams.Name is 256 characters long; the API allows at most 255"},
		{"new: code of 65,537 characters", newM(ModuleNewParams{Name: "m", Code: strings.Repeat("a", 65537)}),
			"ModuleNewParams.Code is 65537 characters long; the API allows at most 65536"},
		{"new: NUL in the name", newM(ModuleNewParams{Name: "a\x00b", Code: "x"}), "ModuleNewParams.Name contains a NUL character"},
		{"new: NUL in the code", newM(ModuleNewParams{Name: "m", Code: "x\x00"}), "ModuleNewParams.Code contains a NUL character"},
		{"new: api_version of 21 characters", newM(ModuleNewParams{Name: "m", Code: "x", APIVersion: String(strings.Repeat("1", 21))}),
			"ModuleNewParams.APIVersion is 21 characters long; the API allows at most 20"},
		{"new: NUL in api_version", newM(ModuleNewParams{Name: "m", Code: "x", APIVersion: String("\x00")}),
			"ModuleNewParams.APIVersion contains a NUL character"},
		{"new: secret without a name", newM(withSecrets(ActionSecretParam{Value: "v"})), "ModuleNewParams.Secrets[0].Name is required"},
		{"new: secret name of 256 characters", newM(withSecrets(ActionSecretParam{Name: strings.Repeat("K", 256)})),
			"ModuleNewParams.Secrets[0].Name is 256 characters long; the API allows at most 255"},
		{"new: secret value of 4,097 characters", newM(withSecrets(ActionSecretParam{Name: "K", Value: strings.Repeat("v", 4097)})),
			"ModuleNewParams.Secrets[0].Value is 4097 characters long; the API allows at most 4096"},
		{"new: NUL in a secret value", newM(withSecrets(ActionSecretParam{Name: "K", Value: "v\x00"})),
			"ModuleNewParams.Secrets[0].Value contains a NUL character"},
		{"new: a secret twice", newM(withSecrets(ActionSecretParam{Name: "K", Value: "1"}, ActionSecretParam{Name: "K", Value: "2"})),
			"ModuleNewParams.Secrets has K twice"},
		{"new: dependency without a name", newM(withDeps(ActionModuleDependency{Version: "1"})), "ModuleNewParams.Dependencies[0].Name is required"},
		{"new: dependency without a version", newM(withDeps(ActionModuleDependency{Name: "lodash"}, ActionModuleDependency{Name: "x"})),
			"ModuleNewParams.Dependencies[0].Version is required"},
		{"new: dependency version of 51 characters", newM(withDeps(ActionModuleDependency{Name: "x", Version: strings.Repeat("1", 51)})),
			"ModuleNewParams.Dependencies[0].Version is 51 characters long; the API allows at most 50"},
		{"new: dependency name of 256 characters", newM(withDeps(ActionModuleDependency{Name: strings.Repeat("x", 256), Version: "1"})),
			"ModuleNewParams.Dependencies[0].Name is 256 characters long; the API allows at most 255"},
		{"new: invalid UTF-8 in the name", newM(ModuleNewParams{Name: "ab\xff", Code: "x"}),
			"ModuleNewParams.Name is not valid UTF-8 (at byte 2)"},
		{"new: invalid UTF-8 in the code", newM(ModuleNewParams{Name: "m", Code: "é\xc3"}),
			"ModuleNewParams.Code is not valid UTF-8 (at byte 2)"},
		{"new: invalid UTF-8 in api_version", newM(ModuleNewParams{Name: "m", Code: "x", APIVersion: String("\xed\xa0\x80")}),
			"ModuleNewParams.APIVersion is not valid UTF-8 (at byte 0)"},
		{"new: invalid UTF-8 in a secret name", newM(withSecrets(ActionSecretParam{Name: "K\x80", Value: "v"})),
			"ModuleNewParams.Secrets[0].Name is not valid UTF-8 (at byte 1)"},
		{"new: invalid UTF-8 in a secret value", newM(withSecrets(ActionSecretParam{Name: "K", Value: "\xc0\xaf"})),
			"ModuleNewParams.Secrets[0].Value is not valid UTF-8 (at byte 0)"},
		{"new: invalid UTF-8 in a dependency", newM(withDeps(ActionModuleDependency{Name: "x", Version: "1.\xfe"})),
			"ModuleNewParams.Dependencies[0].Version is not valid UTF-8 (at byte 2)"},
		{"update: code of 65,537 characters", upd(ModuleUpdateParams{Code: String(strings.Repeat("a", 65537))}),
			"ModuleUpdateParams.Code is 65537 characters long"},
		{"update: NUL in the code", upd(ModuleUpdateParams{Code: String("\x00")}), "ModuleUpdateParams.Code contains a NUL character"},
		{"update: invalid UTF-8 in the code", upd(ModuleUpdateParams{Code: String("\xff")}), "ModuleUpdateParams.Code is not valid UTF-8"},
		{"update: secret without a name", upd(ModuleUpdateParams{Secrets: []ActionSecretParam{{Value: "v"}}}),
			"ModuleUpdateParams.Secrets[0].Name is required"},
		{"update: a secret twice", upd(ModuleUpdateParams{Secrets: []ActionSecretParam{{Name: "A"}, {Name: "B"}, {Name: "A"}}}),
			"ModuleUpdateParams.Secrets has A twice"},
		{"update: invalid UTF-8 in a secret value", upd(ModuleUpdateParams{Secrets: []ActionSecretParam{{Name: "A", Value: "ok"}, {Name: "B", Value: "\xff"}}}),
			"ModuleUpdateParams.Secrets[1].Value is not valid UTF-8"},
		{"update: dependency without a version", upd(ModuleUpdateParams{Dependencies: []ActionModuleDependency{{Name: "lodash"}}}),
			"ModuleUpdateParams.Dependencies[0].Version is required"},
		{"rollback: no version ID", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.Rollback(ctx, testModuleID, ModuleRollbackParams{})
			return err
		}, "ModuleRollbackParams.ModuleVersionID is required"},
		{"rollback: blank version ID", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.Rollback(ctx, testModuleID, ModuleRollbackParams{ModuleVersionID: " \t"})
			return err
		}, "ModuleRollbackParams.ModuleVersionID is required"},
		{"rollback: NUL in the version ID", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.Rollback(ctx, testModuleID, ModuleRollbackParams{ModuleVersionID: "v\x00"})
			return err
		}, "ModuleRollbackParams.ModuleVersionID contains a NUL character"},
		{"rollback: invalid UTF-8 in the version ID", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.Rollback(ctx, testModuleID, ModuleRollbackParams{ModuleVersionID: "v\xff"})
			return err
		}, "ModuleRollbackParams.ModuleVersionID is not valid UTF-8"},
	}
	// Paging bounds of the three lists, each through List and the auto-pager.
	type lister struct {
		name string
		list func(ctx context.Context, c *Client, page, per *int) error
		auto func(ctx context.Context, c *Client, page, per *int) error
	}
	listers := []lister{
		{"ModuleListParams", func(ctx context.Context, c *Client, page, per *int) error {
			_, err := c.Actions.Modules.List(ctx, ModuleListParams{Page: page, PerPage: per})
			return err
		}, func(ctx context.Context, c *Client, page, per *int) error {
			for _, err := range c.Actions.Modules.ListAutoPaging(ctx, ModuleListParams{Page: page, PerPage: per}).All() {
				return err
			}
			return errors.New("no error yielded")
		}},
		{"ModuleActionListParams", func(ctx context.Context, c *Client, page, per *int) error {
			_, err := c.Actions.Modules.ListActions(ctx, testModuleID, ModuleActionListParams{Page: page, PerPage: per})
			return err
		}, func(ctx context.Context, c *Client, page, per *int) error {
			it := c.Actions.Modules.ListActionsAutoPaging(ctx, testModuleID, ModuleActionListParams{Page: page, PerPage: per})
			if it.Next() {
				return errors.New("an item from refused params")
			}
			return it.Err()
		}},
		{"ModuleVersionListParams", func(ctx context.Context, c *Client, page, per *int) error {
			_, err := c.Actions.Modules.Versions.List(ctx, testModuleID, ModuleVersionListParams{Page: page, PerPage: per})
			return err
		}, func(ctx context.Context, c *Client, page, per *int) error {
			for _, err := range c.Actions.Modules.Versions.ListAutoPaging(ctx, testModuleID, ModuleVersionListParams{Page: page, PerPage: per}).All() {
				return err
			}
			return errors.New("no error yielded")
		}},
	}
	for _, l := range listers {
		for _, bad := range []struct {
			page, per *int
			want      string
		}{
			{nil, Int(0), l.name + ".PerPage is 0"},
			{nil, Int(-1), l.name + ".PerPage is -1"},
			{nil, Int(101), l.name + ".PerPage is 101"},
			{Int(-1), nil, l.name + ".Page is -1"},
		} {
			tests = append(tests,
				vcase{fmt.Sprintf("%s: %s", l.name, bad.want), func(ctx context.Context, c *Client) error { return l.list(ctx, c, bad.page, bad.per) }, bad.want},
				vcase{fmt.Sprintf("%s auto-paging: %s", l.name, bad.want), func(ctx context.Context, c *Client) error { return l.auto(ctx, c, bad.page, bad.per) }, bad.want})
		}
	}
	// Path IDs: empty, "." and ".." in every position of every method.
	idCalls := map[string]func(ctx context.Context, c *Client, id string) error{
		"Get": func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.Get(ctx, id)
			return err
		},
		"Update": func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.Update(ctx, id, ModuleUpdateParams{})
			return err
		},
		"Delete": func(ctx context.Context, c *Client, id string) error { return c.Actions.Modules.Delete(ctx, id) },
		"ListActions": func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.ListActions(ctx, id, ModuleActionListParams{})
			return err
		},
		"ListActionsAutoPaging": func(ctx context.Context, c *Client, id string) error {
			it := c.Actions.Modules.ListActionsAutoPaging(ctx, id, ModuleActionListParams{})
			it.Next()
			return it.Err()
		},
		"Rollback": func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.Rollback(ctx, id, ModuleRollbackParams{ModuleVersionID: testModuleVersionID})
			return err
		},
		"Versions.List": func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.Versions.List(ctx, id, ModuleVersionListParams{})
			return err
		},
		"Versions.ListAutoPaging": func(ctx context.Context, c *Client, id string) error {
			for _, err := range c.Actions.Modules.Versions.ListAutoPaging(ctx, id, ModuleVersionListParams{}).All() {
				return err
			}
			return errors.New("no error yielded")
		},
		"Versions.New": func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.Versions.New(ctx, id)
			return err
		},
		"Versions.Get (module ID)": func(ctx context.Context, c *Client, id string) error {
			_, err := c.Actions.Modules.Versions.Get(ctx, id, testModuleVersionID)
			return err
		},
	}
	for name, call := range idCalls {
		for id, want := range map[string]string{"": "id must not be empty", ".": `id must not be "."`, "..": `id must not be ".."`} {
			tests = append(tests, vcase{fmt.Sprintf("%s: id %q", name, id), func(ctx context.Context, c *Client) error { return call(ctx, c, id) }, want})
		}
	}
	for id, want := range map[string]string{"": "versionId must not be empty", ".": `versionId must not be "."`, "..": `versionId must not be ".."`} {
		tests = append(tests, vcase{fmt.Sprintf("Versions.Get: version id %q", id), func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Modules.Versions.Get(ctx, testModuleID, id)
			return err
		}, want})
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
			assert.Equal(t, 1, strings.Count(err.Error(), "auth0:"), "auth0: once: %q", err)
			assert.Equal(t, 0, tr.GetTotalCallCount(), "no request may be sent")
		})
	}
}

// TestModuleValidationNeverQuotesSecretValues: whatever is wrong with a
// secret value, the error names the field and not the value.
func TestModuleValidationNeverQuotesSecretValues(t *testing.T) {
	t.Parallel()
	const v = "s3cr3t-value-"
	for name, value := range map[string]string{
		"NUL":          v + "\x00",
		"too long":     v + strings.Repeat("x", 4096),
		"invalid UTF8": v + "\xff",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := ModuleNewParams{Name: "m", Code: "x", Secrets: []ActionSecretParam{{Name: "K", Value: value}}}.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), "ModuleNewParams.Secrets[0].Value")
			assert.NotContains(t, err.Error(), v)
		})
	}
}

// TestModuleParamsValidUTF8IsSentUnchanged: what validation lets through
// reaches the wire as the caller gave it (encoding/json would have
// replaced invalid bytes with U+FFFD).
func TestModuleParamsValidUTF8IsSentUnchanged(t *testing.T) {
	t.Parallel()
	p := ModuleNewParams{Name: "日本語-ação", Code: "// \u2028 \U0001F600 \"q\" \\", Secrets: []ActionSecretParam{{Name: "K", Value: "\u00e9\u0301"}}}
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr, cannedReply{http.StatusCreated, createdModuleJSON})
	_, err := client.Actions.Modules.New(t.Context(), p)
	require.NoError(t, err)
	body := srv.only(t).Body
	assert.False(t, bytes.Contains(body, []byte("\uFFFD")), "no replacement character on the wire")
	var sent ModuleNewParams
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&sent))
	assert.Equal(t, p, sent)
}
