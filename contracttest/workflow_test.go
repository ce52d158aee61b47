package contracttest

import (
	"errors"
	"net/http"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// The static Prism's answers: one action, named my-action, built, deployed,
// bound to post-login (see the document's defaults).
const (
	exampleActionID   = "910b1053-577f-4d81-a8c8-020e7319a38a"
	exampleActionName = "my-action"
)

// TestContractWorkflow runs the workflow helpers (which build their own
// requests from what they read) against the static Prism, so that every
// request they send is validated too. Prism keeps no state: a write is not
// seen by the next read, so the binding edits that check their write end in
// ErrBindingsConflict here; what matters is that each request is valid.
func TestContractWorkflow(t *testing.T) {
	t.Parallel()
	srv := requirePrism(t, false)
	rec := &recorder{}
	client := newClient(srv, rec, option.WithPollInterval(time.Millisecond, 10*time.Millisecond), option.WithWaitTimeout(10*time.Second))
	t.Cleanup(func() { rec.failOnViolations(t) })

	// sent checks the requests since mark: all answered 2xx, and the
	// methods seen.
	sent := func(t *testing.T, mark int) map[string]int {
		t.Helper()
		methods := map[string]int{}
		for _, ex := range rec.since(mark) {
			if ex.err != nil || ex.status/100 != 2 {
				t.Errorf("%s -> %d %v", ex, ex.status, ex.err)
			}
			methods[ex.method]++
			totals.workflow.Add(1)
		}
		return methods
	}

	t.Run("GetByName", func(t *testing.T) {
		mark := rec.mark()
		a, err := client.Actions.GetByName(t.Context(), exampleActionName)
		if err != nil {
			t.Fatal(err)
		}
		if a.ID != exampleActionID {
			t.Errorf("ID %q", a.ID)
		}
		sent(t, mark)
	})

	t.Run("WaitUntilBuilt", func(t *testing.T) {
		mark := rec.mark()
		if _, err := client.Actions.WaitUntilBuilt(t.Context(), actionID); err != nil {
			t.Fatal(err)
		}
		sent(t, mark)
	})

	t.Run("DeployAndWait", func(t *testing.T) {
		mark := rec.mark()
		v, err := client.Actions.DeployAndWait(t.Context(), actionID)
		if err != nil {
			t.Fatal(err)
		}
		if !v.Deployed {
			t.Errorf("version %+v", v)
		}
		if m := sent(t, mark); m[http.MethodPost] != 1 {
			t.Errorf("requests: %v, want one deploy", m)
		}
	})

	t.Run("Upsert", func(t *testing.T) {
		mark := rec.mark()
		p := fullNewParams()
		res, err := client.Actions.Upsert(t.Context(), auth0.ActionUpsertParams{
			Name:              exampleActionName,
			SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin}},
			Code:              p.Code,
			Dependencies:      p.Dependencies,
			Runtime:           p.Runtime,
			Secrets:           p.Secrets,
			// The document's example action has a secret these params
			// lack; without PruneSecrets Upsert would refuse to drop it.
			PruneSecrets: true,
			Modules:      p.Modules,
			Deploy:       true,
			Bind:         true,
		})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Updated || res.Deployed == nil || res.Bound {
			t.Errorf("result %+v, want updated and deployed, already bound", res)
		}
		if m := sent(t, mark); m[http.MethodPatch] != 1 {
			t.Errorf("requests: %v, want one update", m)
		}
		// The update Upsert builds sends the module references as their two
		// IDs, like Actions.Update.
		for _, ex := range rec.since(mark) {
			if ex.method == http.MethodPatch {
				expect{t: t, label: "Upsert's update " + ex.String()}.moduleRefs(expect{t: t, label: "Upsert"}.body(ex))
			}
		}
	})

	t.Run("Bindings.Add", func(t *testing.T) {
		mark := rec.mark()
		_, err := client.Actions.Triggers.Bindings.Add(t.Context(), auth0.TriggerPostLogin,
			auth0.BindingAddParams{ActionID: actionID, DisplayName: auth0.String("add-roles-to-token"), Position: auth0.Int(0)})
		if err != nil && !errors.Is(err, auth0.ErrBindingsConflict) {
			t.Fatal(err)
		}
		if m := sent(t, mark); m[http.MethodPatch] == 0 {
			t.Errorf("requests: %v, want at least one bindings update", m)
		}
	})

	t.Run("Bindings.Move", func(t *testing.T) {
		mark := rec.mark()
		if _, err := client.Actions.Triggers.Bindings.Move(t.Context(), auth0.TriggerPostLogin, exampleActionID, 0); err != nil {
			t.Fatal(err)
		}
		sent(t, mark)
	})

	t.Run("Bindings.Remove", func(t *testing.T) {
		mark := rec.mark()
		_, err := client.Actions.Triggers.Bindings.Remove(t.Context(), auth0.TriggerPostLogin, exampleActionID)
		if err != nil && !errors.Is(err, auth0.ErrBindingsConflict) {
			t.Fatal(err)
		}
		if m := sent(t, mark); m[http.MethodPatch] == 0 {
			t.Errorf("requests: %v, want at least one bindings update", m)
		}
	})

	t.Logf("workflow helpers: %d requests checked, %d violations", len(rec.all()), len(rec.violated()))
}
