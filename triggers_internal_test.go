package auth0

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// triggersJSON holds the document's trigger shape, a deprecated version,
// an entity-bound trigger, and a trigger and binding policy the SDK does not
// know yet.
const triggersJSON = `{"triggers": [
  {"id": "post-login", "version": "v3", "status": "CURRENT", "runtimes": ["node18", "node22"], "default_runtime": "node22",
   "compatible_triggers": [{"id": "post-login", "version": "v2"}], "binding_policy": "trigger-bound"},
  {"id": "post-login", "version": "v2", "status": "DEPRECATED", "runtimes": ["node12", "node16"], "default_runtime": "node16"},
  {"id": "event-stream", "version": "v1", "status": "CURRENT", "runtimes": ["node22"], "default_runtime": "node22",
   "binding_policy": "entity-bound"},
  {"id": "future-trigger", "version": "v1", "status": "BETA", "runtimes": ["node24"], "default_runtime": "node24",
   "compatible_triggers": [{"id": "another-future-trigger", "version": "v9", "extra": true}],
   "binding_policy": "future-bound", "unknown_field": 1}
]}`

func TestTriggerList(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := serveInOrder(t, tr, cannedReply{http.StatusOK, triggersJSON})
	res, err := client.Actions.Triggers.List(t.Context())
	require.NoError(t, err)
	assertRequest(t, srv.only(t), http.MethodGet, "/api/v2/actions/triggers", nil, "")

	want := []Trigger{
		{ID: TriggerPostLogin, Version: "v3", Status: TriggerStatusCurrent, Runtimes: []string{RuntimeNode18, RuntimeNode22},
			DefaultRuntime: RuntimeNode22, CompatibleTriggers: []CompatibleTrigger{{ID: TriggerPostLogin, Version: "v2"}},
			BindingPolicy: BindingPolicyTriggerBound},
		{ID: TriggerPostLogin, Version: "v2", Status: TriggerStatusDeprecated, Runtimes: []string{RuntimeNode12, RuntimeNode16},
			DefaultRuntime: RuntimeNode16},
		{ID: TriggerEventStream, Version: "v1", Status: TriggerStatusCurrent, Runtimes: []string{RuntimeNode22},
			DefaultRuntime: RuntimeNode22, BindingPolicy: BindingPolicyEntityBound},
		{ID: "future-trigger", Version: "v1", Status: "BETA", Runtimes: []string{"node24"}, DefaultRuntime: "node24",
			CompatibleTriggers: []CompatibleTrigger{{ID: "another-future-trigger", Version: "v9"}},
			BindingPolicy:      "future-bound"},
	}
	require.Len(t, res.Triggers, len(want))
	for i := range want {
		assert.Equal(t, want[i], bareTrigger(res.Triggers[i]), "trigger %d", i)
	}

	// Each trigger keeps its own element of the array.
	var env struct {
		Triggers []json.RawMessage `json:"triggers"`
	}
	require.NoError(t, json.Unmarshal([]byte(triggersJSON), &env))
	require.Len(t, env.Triggers, len(res.Triggers))
	for i := range res.Triggers {
		assert.JSONEq(t, string(env.Triggers[i]), string(res.Triggers[i].RawJSON()), "RawJSON of trigger %d", i)
	}
	assert.JSONEq(t, triggersJSON, string(res.RawJSON()))
}

func TestTriggerListEmpty(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusOK, `{"triggers":[]}`})
	res, err := client.Actions.Triggers.List(t.Context())
	require.NoError(t, err)
	assert.Empty(t, res.Triggers)
	assert.JSONEq(t, `{"triggers":[]}`, string(res.RawJSON()))
}

func TestTriggerListForbidden(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusForbidden,
		`{"statusCode":403,"error":"Forbidden","message":"Insufficient scope, expected: read:actions","errorCode":"insufficient_scope"}`})
	_, err := client.Actions.Triggers.List(t.Context())
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrForbidden)
	assert.NotErrorIs(t, err, ErrNotFound)
	assert.Equal(t, 1, tr.GetTotalCallCount(), "a 403 is not retried")
}
