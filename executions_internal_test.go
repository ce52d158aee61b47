package auth0

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// executionJSON is the document's example execution: one action that
// succeeded, one with an error, millisecond and nanosecond timestamps, a
// field nobody knows yet.
const executionJSON = `{
  "id": "M9IqRp9wQLaYNrSwz6YPTTIwMjYwMzAz",
  "trigger_id": "post-login",
  "status": "final",
  "results": [
    {"action_name": "add-roles-to-token", "started_at": "2026-03-03T12:00:00.101Z", "ended_at": "2026-03-03T12:00:00.164Z"},
    {"action_name": "block-risky-ips",
     "error": {"id": "a0_action_timeout", "msg": "Script execution time exceeded", "url": "https://example.com/errors/timeout"},
     "started_at": "2026-03-03T12:00:00.165Z", "ended_at": "2026-03-03T12:00:20.170492329Z"}
  ],
  "created_at": "2026-03-03T12:00:00.099Z",
  "updated_at": "2026-03-03T12:00:20.171Z",
  "region": "us-3"
}`

func TestExecutionGet(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr, cannedReply{http.StatusOK, executionJSON})
	e, err := client.Actions.Executions.Get(t.Context(), "M9IqRp9wQLaYNrSwz6YPTTIwMjYwMzAz")
	require.NoError(t, err)
	assertRequest(t, srv.only(t), http.MethodGet, "/api/v2/actions/executions/M9IqRp9wQLaYNrSwz6YPTTIwMjYwMzAz", nil, "")

	got := *e
	got.raw = Execution{}.raw
	assert.Equal(t, Execution{
		ID:        "M9IqRp9wQLaYNrSwz6YPTTIwMjYwMzAz",
		TriggerID: TriggerPostLogin,
		Status:    ExecutionStatusFinal,
		Results: []ExecutionResult{
			{
				ActionName: "add-roles-to-token",
				StartedAt:  mustTime("2026-03-03T12:00:00.101Z"),
				EndedAt:    mustTime("2026-03-03T12:00:00.164Z"),
			},
			{
				ActionName: "block-risky-ips",
				Error:      &ActionError{ID: "a0_action_timeout", Msg: "Script execution time exceeded", URL: "https://example.com/errors/timeout"},
				StartedAt:  mustTime("2026-03-03T12:00:00.165Z"),
				EndedAt:    mustTime("2026-03-03T12:00:20.170492329Z"),
			},
		},
		CreatedAt: mustTime("2026-03-03T12:00:00.099Z"),
		UpdatedAt: mustTime("2026-03-03T12:00:20.171Z"),
	}, got)
	assert.Nil(t, e.Results[0].Error, "a result without an error has a nil Error")
	assert.Equal(t, 170492329, e.Results[1].EndedAt.Nanosecond())
	assert.JSONEq(t, executionJSON, string(e.RawJSON()))
}

func TestExecutionGetKeepsUnknownValues(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	body := `{"id":"x","trigger_id":"some-future-trigger","status":"some-future-status"}`
	serveInOrder(t, tr, cannedReply{http.StatusOK, body})
	e, err := client.Actions.Executions.Get(t.Context(), "x")
	require.NoError(t, err)
	assert.Equal(t, TriggerID("some-future-trigger"), e.TriggerID)
	assert.Equal(t, ExecutionStatus("some-future-status"), e.Status)
	assert.Empty(t, e.Results)
	assert.JSONEq(t, body, string(e.RawJSON()))
}

func TestExecutionGetNotFound(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"That execution does not exist."}`})
	e, err := client.Actions.Executions.Get(t.Context(), "gone")
	assert.Nil(t, e)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrNotFound)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "That execution does not exist.", apiErr.Message)
	assert.Equal(t, http.MethodGet, apiErr.Method)
}

func TestExecutionGetEscapesAndValidatesTheID(t *testing.T) {
	t.Parallel()
	t.Run("escaped", func(t *testing.T) {
		t.Parallel()
		client, tr := newMockClient(t)
		srv := serveInOrder(t, tr, cannedReply{http.StatusOK, `{"id":"a/b"}`})
		_, err := client.Actions.Executions.Get(t.Context(), "a/b")
		require.NoError(t, err)
		assertRequest(t, srv.only(t), http.MethodGet, "/api/v2/actions/executions/a%2Fb", nil, "")
	})
	for _, id := range []string{"", ".", ".."} {
		t.Run("refused "+id, func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			serveInOrder(t, tr)
			_, err := client.Actions.Executions.Get(t.Context(), id)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "auth0: id must not be")
			assert.Equal(t, 0, tr.GetTotalCallCount())
		})
	}
}
