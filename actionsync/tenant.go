package actionsync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"sync"

	auth0 "github.com/actions-sdk/auth0-go"
)

// tenant is what NewPlan (and Apply, before it writes) reads: the lists.
type tenant struct {
	actions  map[string]*auth0.Action       // by name
	byID     map[string]*auth0.Action       // by ID
	modules  map[string]*auth0.ActionModule // by name
	moduleID map[string]*auth0.ActionModule // by ID
	// policy is each trigger's binding policy (entity-bound when any of
	// its versions is); a trigger missing from it is not on the tenant.
	policy map[auth0.TriggerID]auth0.BindingPolicy
	// bindings are the bindings of the triggers read, in order.
	bindings map[auth0.TriggerID][]auth0.Binding
}

// readTenant reads every action and module, the trigger list, and the
// bindings of the given triggers, each list on its own goroutine.
func readTenant(ctx context.Context, client *auth0.Client, triggers []auth0.TriggerID) (*tenant, error) {
	t := &tenant{actions: map[string]*auth0.Action{}, byID: map[string]*auth0.Action{},
		modules: map[string]*auth0.ActionModule{}, moduleID: map[string]*auth0.ActionModule{},
		policy: map[auth0.TriggerID]auth0.BindingPolicy{}, bindings: map[auth0.TriggerID][]auth0.Binding{}}
	var (
		mu       sync.Mutex
		wg       sync.WaitGroup
		firstErr error
	)
	run := func(f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(); err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
	run(func() error {
		actions, err := listActions(ctx, client)
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		for i := range actions {
			a := &actions[i]
			t.byID[a.ID] = a
			if _, dup := t.actions[a.Name]; !dup {
				t.actions[a.Name] = a
			}
		}
		return nil
	})
	run(func() error {
		var mods []auth0.ActionModule
		params := auth0.ModuleListParams{PerPage: auth0.Int(auth0.MaxPerPage)}
		for m, err := range client.Actions.Modules.ListAutoPaging(ctx, params).All() {
			if err != nil {
				return err
			}
			mods = append(mods, m)
		}
		mu.Lock()
		defer mu.Unlock()
		for i := range mods {
			m := &mods[i]
			t.modules[m.Name] = m
			t.moduleID[m.ID] = m
		}
		return nil
	})
	run(func() error {
		list, err := client.Actions.Triggers.List(ctx)
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		for _, tr := range list.Triggers {
			if t.policy[tr.ID] != auth0.BindingPolicyEntityBound {
				t.policy[tr.ID] = tr.BindingPolicy
			}
		}
		return nil
	})
	// The bindings are read alongside the trigger list, so a trigger the
	// list then shows to be entity-bound, or not on the tenant, has a
	// refused read: it is kept aside and judged with the list.
	bindingErrs := map[auth0.TriggerID]error{}
	for _, trigger := range triggers {
		run(func() error {
			bs, err := listBindings(ctx, client, trigger)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				bindingErrs[trigger] = err
				return nil
			}
			t.bindings[trigger] = bs
			return nil
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	for _, trigger := range triggers {
		err := bindingErrs[trigger]
		if err == nil {
			continue
		}
		if policy, known := t.policy[trigger]; known && policy != auth0.BindingPolicyEntityBound {
			return nil, err
		}
		// Not the tenant's to read: NewPlan refuses the trigger (checkTenant).
	}
	return t, nil
}

func listActions(ctx context.Context, client *auth0.Client) ([]auth0.Action, error) {
	var out []auth0.Action
	params := auth0.ActionListParams{PerPage: auth0.Int(auth0.MaxPerPage)}
	for a, err := range client.Actions.ListAutoPaging(ctx, params).All() {
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

func listBindings(ctx context.Context, client *auth0.Client, trigger auth0.TriggerID) ([]auth0.Binding, error) {
	bs := []auth0.Binding{}
	params := auth0.BindingListParams{PerPage: auth0.Int(auth0.MaxPerPage)}
	for b, err := range client.Actions.Triggers.Bindings.ListAutoPaging(ctx, trigger, params).All() {
		if err != nil {
			return nil, err
		}
		bs = append(bs, b)
	}
	return bs, nil
}

// marketplace reports whether an action is an installed integration: Auth0
// manages its code, and actionsync never changes or deletes it.
func marketplace(a *auth0.Action) bool { return a.InstalledIntegrationID != "" || a.Integration != nil }

// Fingerprints say what the plan saw of each object it writes. They cover
// what a writer changes (the draft, the deployed version, a module's
// published version, a trigger's list), not what the tenant changes on its
// own (a build's status), so that a build finishing between NewPlan and
// Apply is not taken for an edit. An object that did not exist has the
// empty fingerprint.

func actionFingerprint(a *auth0.Action) string {
	if a == nil {
		return ""
	}
	deployed := ""
	if a.DeployedVersion != nil {
		deployed = a.DeployedVersion.ID
	}
	return digest(a.ID, a.Name, a.Code, a.Runtime, a.SupportedTriggers, a.Dependencies, a.Secrets, a.Modules, deployed)
}

func moduleFingerprint(m *auth0.ActionModule) string {
	if m == nil {
		return ""
	}
	return digest(m.ID, m.Name, m.Code, m.Dependencies, m.Secrets, m.LatestVersionNumber, m.AllChangesPublished)
}

// actionDeleteFingerprint is what the delete of an action rests on: the
// action, and the triggers (of those given, whose bindings were read) that
// bind it. An action bound since NewPlan to a trigger the config does not
// list must not be deleted.
func actionDeleteFingerprint(t *tenant, a *auth0.Action, triggers []auth0.TriggerID) string {
	if a == nil {
		return ""
	}
	var bound []auth0.TriggerID
	for _, trigger := range t.boundTo(a.ID) {
		if slices.Contains(triggers, trigger) {
			bound = append(bound, trigger)
		}
	}
	return digest(actionFingerprint(a), bound)
}

// moduleDeleteFingerprint is what the delete of a module rests on: the
// module, and the actions whose draft or deployed version uses it. A draft
// that starts using the module since NewPlan takes away the ground of the
// delete (nothing on the API refuses it: only deployed users count).
func moduleDeleteFingerprint(t *tenant, m *auth0.ActionModule) string {
	if m == nil {
		return ""
	}
	return digest(moduleFingerprint(m), t.usersOf(m.ID))
}

// usersOf returns the IDs of the actions whose draft or deployed version
// uses the module, sorted.
func (t *tenant) usersOf(moduleID string) []string {
	uses := func(refs []auth0.ActionModuleReference) bool {
		return slices.ContainsFunc(refs, func(r auth0.ActionModuleReference) bool { return r.ModuleID == moduleID })
	}
	var ids []string
	for id, a := range t.byID {
		if uses(a.Modules) || a.DeployedVersion != nil && uses(a.DeployedVersion.Modules) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func bindingsFingerprint(bs []auth0.Binding) string {
	items := make([][2]string, len(bs))
	for i, b := range bs {
		items[i] = [2]string{b.Action.ID, b.DisplayName}
	}
	return digest(items)
}

func digest(parts ...any) string {
	b, err := json.Marshal(parts)
	if err != nil {
		return "unmarshalable"
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

// boundTo returns the triggers (of those read) an action is bound to.
func (t *tenant) boundTo(actionID string) []auth0.TriggerID {
	var out []auth0.TriggerID
	for trigger, bs := range t.bindings {
		if slices.ContainsFunc(bs, func(b auth0.Binding) bool { return b.Action.ID == actionID }) {
			out = append(out, trigger)
		}
	}
	slices.Sort(out)
	return out
}
