package auth0

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// versionJSON is a GET of a version with every field of the document,
// build errors, and both timestamp precisions.
var versionJSON = fixture("version.json")

func wantVersion() ActionVersion {
	t2021 := mustTime("2021-01-01T00:00:00.000Z")
	tNano := mustTime("2026-05-29T10:30:59.650492329Z")
	return ActionVersion{
		ID:           testVersionID,
		ActionID:     testActionID,
		Code:         "module.exports = () => {}",
		Dependencies: []ActionDependency{{Name: "lodash", Version: "9.9.9"}},
		Deployed:     true,
		Runtime:      RuntimeNode22,
		Secrets:      []ActionSecret{{Name: "mySecret", UpdatedAt: t2021}},
		Status:       BuildStatusFailed,
		Number:       1,
		Errors: []ActionError{
			{ID: "err_build_npm_install", Msg: "npm install failed for lodash@9.9.9", URL: "https://example.com/build/logs/err_build_npm_install"},
			{ID: "err_other", Msg: "something else"},
		},
		Action: ActionBase{
			ID: testActionID, Name: "my-action", SupportedTriggers: postLoginV3,
			CreatedAt: t2021, UpdatedAt: tNano,
		},
		BuiltAt:           t2021,
		CreatedAt:         t2021,
		UpdatedAt:         tNano,
		SupportedTriggers: postLoginV3,
		Modules:           []ActionModuleReference{{ModuleID: "m1", ModuleName: "shared-utils", ModuleVersionID: "mv1", ModuleVersionNumber: 7}},
	}
}

// ---------------------------------------------------------------------------
// Deploy (roll back)

func TestVersionDeploy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params ActionVersionDeployParams
		status int
		body   string
	}{
		{"no params, 200 as observed", ActionVersionDeployParams{}, http.StatusOK, `{}`},
		{"no params, 202 as documented", ActionVersionDeployParams{}, http.StatusAccepted, `{}`},
		{"update the draft", ActionVersionDeployParams{UpdateDraft: Bool(true)}, http.StatusOK, `{"update_draft":true}`},
		{"update_draft false is sent", ActionVersionDeployParams{UpdateDraft: Bool(false)}, http.StatusOK, `{"update_draft":false}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := serveInOrder(t, tr, cannedReply{tt.status, deployJSON})
			v, err := client.Actions.Versions.Deploy(t.Context(), testActionID, testVersionID, tt.params)
			require.NoError(t, err)
			assertRequest(t, srv.only(t), http.MethodPost,
				"/api/v2/actions/actions/"+testActionID+"/versions/"+testVersionID+"/deploy", nil, tt.body)
			assert.Equal(t, wantDeployedVersion(), bareVersion(*v))
			assert.Equal(t, 4, v.Number, "a roll-back makes a new version number")
			assert.JSONEq(t, deployJSON, string(v.RawJSON()))
		})
	}
}

func TestVersionDeployIsNotRetriedAfterA5xx(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusBadGateway, `<html>bad gateway</html>`})
	_, err := client.Actions.Versions.Deploy(t.Context(), testActionID, testVersionID, ActionVersionDeployParams{})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadGateway, apiErr.StatusCode)
	assert.True(t, apiErr.OutcomeUnknown)
	assert.Contains(t, apiErr.Hint, "Versions.List", "the hint says how to check")
	assert.Equal(t, 1, tr.GetTotalCallCount(), "a roll-back must not be repeated")
}

// ---------------------------------------------------------------------------
// List

func TestVersionList(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params ActionVersionListParams
		query  url.Values
	}{
		{"defaults", ActionVersionListParams{}, url.Values{"page": {"0"}, "per_page": {"50"}}},
		{"page and per_page", ActionVersionListParams{Page: Int(1), PerPage: Int(1)}, url.Values{"page": {"1"}, "per_page": {"1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			body := `{"versions":[` + versionJSON + `,` + deployJSON + `],"total":2,"page":1,"per_page":50}`
			srv := serveInOrder(t, tr, cannedReply{http.StatusOK, body})
			page, err := client.Actions.Versions.List(t.Context(), testActionID, tt.params)
			require.NoError(t, err)
			assertRequest(t, srv.only(t), http.MethodGet, "/api/v2/actions/actions/"+testActionID+"/versions", tt.query, "")
			require.Len(t, page.Items, 2)
			assert.Equal(t, wantVersion(), bareVersion(page.Items[0]))
			assert.Equal(t, wantDeployedVersion(), bareVersion(page.Items[1]))
			assert.Equal(t, 2, page.Total)
			assert.Equal(t, 1, page.Page, "the page the server stated")
			assert.Equal(t, 50, page.PerPage)
			assert.JSONEq(t, versionJSON, string(page.Items[0].RawJSON()))
			assert.JSONEq(t, deployJSON, string(page.Items[1].RawJSON()))
		})
	}
}

func TestVersionListDecodesNumbersWrittenAsFloats(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusOK, `{"versions":[{"id":"v1","number":1}],"total":1.0,"page":0.0,"per_page":20.0}`})
	page, err := client.Actions.Versions.List(t.Context(), testActionID, ActionVersionListParams{PerPage: Int(20)})
	require.NoError(t, err)
	assert.Equal(t, 1, page.Total)
	assert.Equal(t, 0, page.Page)
	assert.Equal(t, 20, page.PerPage)
	assert.Equal(t, 1, page.Items[0].Number)
}

func TestVersionListRefusesFractionalEnvelopeNumbers(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusOK, `{"versions":[],"total":1.5}`})
	_, err := client.Actions.Versions.List(t.Context(), testActionID, ActionVersionListParams{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "1.5 is not an integer")
}

func TestVersionListAutoPaging(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr,
		cannedReply{http.StatusOK, `{"versions":[{"id":"v3","number":3},{"id":"v2","number":2}],"total":3,"per_page":2}`},
		cannedReply{http.StatusOK, `{"versions":[{"id":"v1","number":1}],"page":1,"per_page":2}`},
	)
	it := client.Actions.Versions.ListAutoPaging(t.Context(), testActionID, ActionVersionListParams{PerPage: Int(2)})
	var numbers []int
	for it.Next() {
		numbers = append(numbers, it.Current().Number)
	}
	require.NoError(t, it.Err())
	assert.Equal(t, []int{3, 2, 1}, numbers)
	calls := srv.Calls()
	require.Len(t, calls, 2)
	for i, c := range calls {
		assertRequest(t, c, http.MethodGet, "/api/v2/actions/actions/"+testActionID+"/versions",
			url.Values{"page": {[]string{"0", "1"}[i]}, "per_page": {"2"}}, "")
	}
}

// ---------------------------------------------------------------------------
// Get

func TestVersionGet(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr, cannedReply{http.StatusOK, versionJSON})
	v, err := client.Actions.Versions.Get(t.Context(), testActionID, testVersionID)
	require.NoError(t, err)
	assertRequest(t, srv.only(t), http.MethodGet, "/api/v2/actions/actions/"+testActionID+"/versions/"+testVersionID, nil, "")
	assert.Equal(t, wantVersion(), bareVersion(*v))
	assert.Equal(t, testActionID, v.ActionID)
	assert.Equal(t, 650492329, v.UpdatedAt.Nanosecond())
	assert.JSONEq(t, versionJSON, string(v.RawJSON()))
}

func TestVersionGetEscapesBothIDs(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr, cannedReply{http.StatusOK, `{"id":"v/1"}`})
	_, err := client.Actions.Versions.Get(t.Context(), "a/1", "v/1")
	require.NoError(t, err)
	assertRequest(t, srv.only(t), http.MethodGet, "/api/v2/actions/actions/a%2F1/versions/v%2F1", nil, "")
}

func TestVersionGetNotFound(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"That version does not exist."}`})
	v, err := client.Actions.Versions.Get(t.Context(), testActionID, "nope")
	assert.Nil(t, v)
	assert.ErrorIs(t, err, ErrNotFound)
}

// ---------------------------------------------------------------------------
// Validation

func TestVersionValidationSendsNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		call func(ctx context.Context, c *Client) error
		want string
	}{
		{"deploy: empty action id", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Versions.Deploy(ctx, "", testVersionID, ActionVersionDeployParams{})
			return err
		}, "auth0: actionId must not be empty"},
		{"deploy: empty version id", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Versions.Deploy(ctx, testActionID, "", ActionVersionDeployParams{UpdateDraft: Bool(true)})
			return err
		}, "auth0: id must not be empty"},
		{"get: empty action id", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Versions.Get(ctx, "", testVersionID)
			return err
		}, "auth0: actionId must not be empty"},
		{"get: empty version id", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Versions.Get(ctx, testActionID, "")
			return err
		}, "auth0: id must not be empty"},
		{"get: version id .", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Versions.Get(ctx, testActionID, ".")
			return err
		}, `auth0: id must not be "."`},
		{"list: empty action id", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Versions.List(ctx, "", ActionVersionListParams{})
			return err
		}, "auth0: actionId must not be empty"},
		{"list: per_page 0", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Versions.List(ctx, testActionID, ActionVersionListParams{PerPage: Int(0)})
			return err
		}, "ActionVersionListParams.PerPage is 0"},
		{"list: per_page -1", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Versions.List(ctx, testActionID, ActionVersionListParams{PerPage: Int(-1)})
			return err
		}, "ActionVersionListParams.PerPage is -1"},
		{"list: per_page 101", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Versions.List(ctx, testActionID, ActionVersionListParams{PerPage: Int(101)})
			return err
		}, "ActionVersionListParams.PerPage is 101"},
		{"list: page -1", func(ctx context.Context, c *Client) error {
			_, err := c.Actions.Versions.List(ctx, testActionID, ActionVersionListParams{Page: Int(-1)})
			return err
		}, "ActionVersionListParams.Page is -1"},
		{"list auto-paging: empty action id", func(ctx context.Context, c *Client) error {
			for _, err := range c.Actions.Versions.ListAutoPaging(ctx, "", ActionVersionListParams{}).All() {
				return err
			}
			return nil
		}, "auth0: actionId must not be empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			serveInOrder(t, tr)
			err := tt.call(t.Context(), client)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Equal(t, 0, tr.GetTotalCallCount(), "no request may be sent")
		})
	}
}
