package auth0_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// sentRecorder answers every request with one status and body, and keeps
// what was sent.
type sentRecorder struct{ rec *requestRecorder }

func (r *sentRecorder) client(status int, body string, opts ...option.RequestOption) *auth0.Client {
	tr, rec := recordAll(respondWith(status, body))
	r.rec = rec
	return newTestClient(tr, append([]option.RequestOption{option.WithMaxRetries(0)}, opts...)...)
}

// sentRequest is the last request a client of r sent.
type sentRequest struct {
	method, url, body string
}

func (r *sentRecorder) last(t *testing.T) sentRequest {
	t.Helper()
	n := r.rec.len()
	require.NotZero(t, n)
	req := r.rec.req(n - 1)
	return sentRequest{req.Method, req.URL.String(), r.rec.body(n - 1)}
}

func TestWithJSONSetAndDelete(t *testing.T) {
	t.Parallel()
	params := auth0.ActionUpdateParams{
		Code:         auth0.String("exports.x = 1;"),
		Dependencies: []auth0.ActionDependency{{Name: "lodash", Version: "4.17.21"}, {Name: "axios", Version: "1.7.0"}},
	}
	tests := []struct {
		name string
		opts []option.RequestOption
		want string
	}{
		{"a field the params don't know", []option.RequestOption{option.WithJSONSet("build_flags", map[string]any{"strict": true})},
			`{"code":"exports.x = 1;","dependencies":[{"name":"lodash","version":"4.17.21"},{"name":"axios","version":"1.7.0"}],"build_flags":{"strict":true}}`},
		{"inside an array element", []option.RequestOption{option.WithJSONSet("dependencies.1.registry_url", "https://npm.example/")},
			`{"code":"exports.x = 1;","dependencies":[{"name":"lodash","version":"4.17.21"},{"name":"axios","version":"1.7.0","registry_url":"https://npm.example/"}]}`},
		{"an explicit null", []option.RequestOption{option.WithJSONSet("runtime", nil)},
			`{"code":"exports.x = 1;","dependencies":[{"name":"lodash","version":"4.17.21"},{"name":"axios","version":"1.7.0"}],"runtime":null}`},
		{"append one past the end", []option.RequestOption{option.WithJSONSet("dependencies.2", auth0.ActionDependency{Name: "uuid", Version: "9.0.1"})},
			`{"code":"exports.x = 1;","dependencies":[{"name":"lodash","version":"4.17.21"},{"name":"axios","version":"1.7.0"},{"name":"uuid","version":"9.0.1"}]}`},
		{"missing objects are created", []option.RequestOption{option.WithJSONSet("a.b.c", 1)},
			`{"code":"exports.x = 1;","dependencies":[{"name":"lodash","version":"4.17.21"},{"name":"axios","version":"1.7.0"}],"a":{"b":{"c":1}}}`},
		{"a key with a dot", []option.RequestOption{option.WithJSONSet(`labels.team\.name`, "iam")},
			`{"code":"exports.x = 1;","dependencies":[{"name":"lodash","version":"4.17.21"},{"name":"axios","version":"1.7.0"}],"labels":{"team.name":"iam"}}`},
		{"delete a field the params set", []option.RequestOption{option.WithJSONDelete("code")},
			`{"dependencies":[{"name":"lodash","version":"4.17.21"},{"name":"axios","version":"1.7.0"}]}`},
		{"delete an array element", []option.RequestOption{option.WithJSONDelete("dependencies.0")},
			`{"code":"exports.x = 1;","dependencies":[{"name":"axios","version":"1.7.0"}]}`},
		{"delete what is not there", []option.RequestOption{option.WithJSONDelete("runtime"), option.WithJSONDelete("dependencies.5"), option.WithJSONDelete("x.y")},
			`{"code":"exports.x = 1;","dependencies":[{"name":"lodash","version":"4.17.21"},{"name":"axios","version":"1.7.0"}]}`},
		{"in order: set then go into it", []option.RequestOption{option.WithJSONSet("modules", []any{map[string]any{}}), option.WithJSONSet("modules.0.module_id", "m1"), option.WithJSONDelete("dependencies")},
			`{"code":"exports.x = 1;","modules":[{"module_id":"m1"}]}`},
		{"a later set wins", []option.RequestOption{option.WithJSONSet("code", "a"), option.WithJSONSet("code", "b")},
			`{"code":"b","dependencies":[{"name":"lodash","version":"4.17.21"},{"name":"axios","version":"1.7.0"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := &sentRecorder{}
			_, err := rec.client(http.StatusOK, `{"id":"act_1"}`).Actions.Update(t.Context(), "act_1", params, tt.opts...)
			require.NoError(t, err)
			got := rec.last(t)
			assert.Equal(t, http.MethodPatch, got.method)
			assert.JSONEq(t, tt.want, got.body)
		})
	}
}

func TestWithJSONSetOnABodylessPOST(t *testing.T) {
	t.Parallel()
	rec := &sentRecorder{}
	_, err := rec.client(http.StatusOK, `{"id":"ver_1"}`).Actions.Deploy(t.Context(), "act_1", option.WithJSONSet("reason", "release 42"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"reason":"release 42"}`, rec.last(t).body)

	// Without the option, Deploy still sends no body.
	_, err = rec.client(http.StatusOK, `{"id":"ver_1"}`).Actions.Deploy(t.Context(), "act_1")
	require.NoError(t, err)
	assert.Empty(t, rec.last(t).body)
}

func TestWithJSONSetKeepsNumbersAndTheCallersBody(t *testing.T) {
	t.Parallel()
	rec := &sentRecorder{}
	c := rec.client(http.StatusOK, `{}`)
	raw := json.RawMessage(`{"big":12345678901234567890,"f":1.50}`)
	before := string(raw)
	require.NoError(t, c.Post(t.Context(), "actions/modules", raw, nil, option.WithJSONSet("n", 9007199254740993)))
	assert.JSONEq(t, `{"big":12345678901234567890,"f":1.50,"n":9007199254740993}`, rec.last(t).body)
	assert.Contains(t, rec.last(t).body, `12345678901234567890`, "numbers keep their exact text")
	assert.Equal(t, before, string(raw), "the caller's body is not changed")
}

// A client-wide edit applies afresh to every call: what one call's later
// edits do to the value does not carry over.
func TestWithJSONSetOnTheClient(t *testing.T) {
	t.Parallel()
	rec := &sentRecorder{}
	c := rec.client(http.StatusOK, `{}`, option.WithJSONSet("meta", map[string]any{"team": "iam"}))
	_, err := c.Actions.Update(t.Context(), "act_1", auth0.ActionUpdateParams{}, option.WithJSONSet("meta.owner", "ana"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"meta":{"team":"iam","owner":"ana"}}`, rec.last(t).body)
	_, err = c.Actions.Update(t.Context(), "act_1", auth0.ActionUpdateParams{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"meta":{"team":"iam"}}`, rec.last(t).body)
}

func TestWithJSONSetKeepsSecretsRedacted(t *testing.T) {
	t.Parallel()
	const secret = "s3cr3t-value-from-params"
	const optSecret = "s3cr3t-value-from-option"
	rec := &sentRecorder{}
	c := rec.client(http.StatusBadRequest, `{"statusCode":400,"error":"Bad Request","message":"no"}`)
	_, err := c.Actions.Update(t.Context(), "act_1",
		auth0.ActionUpdateParams{Secrets: []auth0.ActionSecretParam{{Name: "API_KEY", Value: secret}}},
		option.WithJSONSet("runtime", "node22"),
		option.WithJSONSet("secrets.1", map[string]string{"name": "OTHER", "value": optSecret}))
	var apiErr *auth0.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, rec.last(t).body, secret, "the server gets the value")
	dump := string(apiErr.DumpRequest(true))
	assert.Contains(t, dump, `"runtime":"node22"`, "the dump shows the edited body")
	assert.NotContains(t, dump, secret)
	assert.NotContains(t, dump, optSecret, "a secret's value is redacted by its place, wherever it came from")
	assert.NotContains(t, err.Error(), secret)
}

func TestWithQueryOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []option.RequestOption
		want string
	}{
		{"set a new parameter", []option.RequestOption{option.WithQuery("installed", "true")}, "actionName=a&installed=true&page=0&per_page=50"},
		{"set replaces the params' value", []option.RequestOption{option.WithQuery("actionName", "b")}, "actionName=b&page=0&per_page=50"},
		{"add keeps the params' value", []option.RequestOption{option.WithQueryAdd("actionName", "b")}, "actionName=a&actionName=b&page=0&per_page=50"},
		{"delete", []option.RequestOption{option.WithQueryDel("page")}, "actionName=a&per_page=50"},
		{"in order", []option.RequestOption{option.WithQueryDel("actionName"), option.WithQueryAdd("actionName", "c"), option.WithQueryAdd("actionName", "d")},
			"actionName=c&actionName=d&page=0&per_page=50"},
		{"escaped", []option.RequestOption{option.WithQuery("q", "a b&c=d")}, "actionName=a&page=0&per_page=50&q=a+b%26c%3Dd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := &sentRecorder{}
			_, err := rec.client(http.StatusOK, `{"actions":[]}`).Actions.List(t.Context(), auth0.ActionListParams{ActionName: auth0.String("a")}, tt.opts...)
			require.NoError(t, err)
			got := rec.last(t).url
			assert.Equal(t, testBaseURL+"actions/actions?"+tt.want, got)
		})
	}

	// On a POST, the query comes only from options; the body is unchanged.
	rec := &sentRecorder{}
	_, err := rec.client(http.StatusOK, `{"id":"ver_1"}`).Actions.Deploy(t.Context(), "act_1", option.WithQuery("dry_run", "true"))
	require.NoError(t, err)
	assert.Equal(t, testBaseURL+"actions/actions/act_1/deploy?dry_run=true", rec.last(t).url)
	assert.True(t, strings.HasSuffix(rec.last(t).url, "?dry_run=true"))
}
