package auth0test_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// TestDeployLag: for WithDeployLag after each deploy, a bindings update
// that includes the action answers the live API's 400; after it, the same
// update binds.
func TestDeployLag(t *testing.T) {
	t.Parallel()
	clk := newClock()
	srv := auth0test.NewServer(t, auth0test.WithClock(clk.Now), auth0test.WithDeployLag(5*time.Second))
	c := srv.Client()
	ctx := t.Context()
	p := newParams("lagging")
	p.Deploy = auth0.Bool(true)
	a := srv.AddAction(p)
	settled := newParams("settled")
	settled.Deploy = auth0.Bool(true)
	old := srv.AddAction(settled)

	bind := func(ids ...string) error {
		var items []auth0.BindingUpdate
		for _, id := range ids {
			items = append(items, auth0.BindingUpdate{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: id}})
		}
		_, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{Bindings: items})
		return err
	}
	err := bind(a.ID)
	wantAPIError(t, err, http.StatusBadRequest, "", "Trying to create a binding for an action that has not been deployed yet")
	clk.Advance(5 * time.Second)
	require.NoError(t, bind(old.ID))

	// A new deploy starts the lag again, for that action only.
	_, err = c.Actions.Deploy(ctx, a.ID)
	require.NoError(t, err)
	wantAPIError(t, bind(old.ID, a.ID), http.StatusBadRequest, "", "Trying to create a binding for an action that has not been deployed yet")
	assert.Len(t, srv.Bindings(auth0.TriggerPostLogin), 1, "a refused update changes nothing")
	require.NoError(t, bind(old.ID))
	clk.Advance(5 * time.Second)
	require.NoError(t, bind(old.ID, a.ID))
	assert.Len(t, srv.Bindings(auth0.TriggerPostLogin), 2)

	_, err = auth0test.Start(auth0test.WithDeployLag(-time.Second))
	require.Error(t, err)
}

// TestEntityBoundTriggers: the trigger list says which triggers Auth0
// binds itself; listing their bindings shows none (200, as live since
// 2026), and changing them is refused.
func TestEntityBoundTriggers(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	ctx := t.Context()
	triggers, err := c.Actions.Triggers.List(ctx)
	require.NoError(t, err)
	policy := map[auth0.TriggerID]auth0.BindingPolicy{}
	for _, tr := range triggers.Triggers {
		policy[tr.ID] = tr.BindingPolicy
	}
	for _, id := range []auth0.TriggerID{auth0.TriggerCustomTokenExchange, auth0.TriggerEventStream,
		auth0.TriggerPasswordHashMigration, auth0.TriggerMCPTool} {
		assert.Equal(t, auth0.BindingPolicyEntityBound, policy[id], id)
	}
	assert.Equal(t, auth0.BindingPolicyTriggerBound, policy[auth0.TriggerPostLogin])

	for id, p := range policy {
		page, listErr := c.Actions.Triggers.Bindings.List(ctx, id, auth0.BindingListParams{})
		_, updErr := c.Actions.Triggers.Bindings.Update(ctx, id, auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{}})
		require.NoError(t, listErr, id)
		assert.Empty(t, page.Items, id)
		if p != auth0.BindingPolicyEntityBound {
			assert.NoError(t, updErr, id)
			continue
		}
		wantAPIError(t, updErr, http.StatusBadRequest, "", "cannot update action bindings for an entity-bound trigger")
	}
}
