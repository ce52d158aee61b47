package auth0test

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

type binding struct {
	id          string
	trigger     string
	actionID    string
	displayName string
	createdAt   time.Time
	updatedAt   time.Time
}

// The refusals of a bindings update for a trigger whose bindings Auth0
// manages (binding_policy entity-bound; no recording shows the live
// answer, so the wording follows the 2024 list refusal, "cannot list
// action bindings for an entity-bound trigger"), and of a binding made
// just after a deploy (WithDeployLag; the live wording).
const (
	msgEntityBoundUpdate = "cannot update action bindings for an entity-bound trigger"
	msgNotDeployedYet    = "Trying to create a binding for an action that has not been deployed yet"
)

// bindingInput is one item of a bindings update, its ref already read.
type bindingInput struct {
	Ref struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	} `json:"ref"`
	DisplayName *string `json:"display_name"`
}

// boundTo returns the triggers an action is bound to, sorted.
func (st *state) boundTo(actionID string) []string {
	var out []string
	for trig, bs := range st.bindings {
		if slices.ContainsFunc(bs, func(b *binding) bool { return b.actionID == actionID }) {
			out = append(out, trig)
		}
	}
	slices.Sort(out)
	return out
}

// listBindings returns a trigger's bindings in execution order. An
// entity-bound trigger has none the tenant can see: the live API lists
// them as an empty page (2026-08 recordings; in 2024 it answered 400
// "cannot list action bindings for an entity-bound trigger").
func (st *state) listBindings(trigger string) []*binding {
	return st.bindings[trigger]
}

// updateBindings replaces a trigger's bindings as a whole, each with a new
// ID: only deployed actions that support the trigger can be bound.
func (st *state) updateBindings(trigger string, items []bindingInput) ([]*binding, *modelError) {
	if entityBoundTrigger(trigger) {
		return nil, invalid(msgEntityBoundUpdate)
	}
	now := st.now()
	next := make([]*binding, 0, len(items))
	for i, item := range items {
		typ, value := item.Ref.Type, item.Ref.Value
		if typ == "" {
			typ = "action_name"
		}
		if value == "" {
			return nil, payloadError(fmt.Sprintf("Payload validation error: 'Missing required property: value' on property bindings[%d].ref.", i))
		}
		var a *action
		switch typ {
		case "action_id":
			a = st.actions[value]
		case "action_name":
			a = st.actionByName(value)
		case "binding_id":
			if j := slices.IndexFunc(st.bindings[trigger], func(b *binding) bool { return b.id == value }); j >= 0 {
				a = st.actions[st.bindings[trigger][j].actionID]
			}
		}
		if a == nil {
			return nil, invalid(fmt.Sprintf("bindings[%d]: no action matches the %s %q.", i, strings.ReplaceAll(typ, "_", " "), value))
		}
		if !a.supports(trigger) {
			return nil, invalid(fmt.Sprintf("bindings[%d]: the action %q does not support the trigger %s.", i, a.name, trigger))
		}
		if a.deployed == nil {
			return nil, invalid(fmt.Sprintf("bindings[%d]: the action %q has never been deployed; deploy it before binding it.", i, a.name))
		}
		if lag := st.cfg.deployLag; lag > 0 && now.Before(a.deployedAt.Add(lag)) {
			return nil, invalid(msgNotDeployedYet)
		}
		name := a.name
		if item.DisplayName != nil {
			name = *item.DisplayName
		}
		next = append(next, &binding{id: newUUID(), trigger: trigger, actionID: a.id, displayName: name, createdAt: now, updatedAt: now})
	}
	st.bindings[trigger] = next
	return next, nil
}

// triggerBindings returns a trigger's bindings whose actions exist, with
// their actions, builds advanced.
func (st *state) triggerBindings(bs []*binding) []*binding {
	out := make([]*binding, 0, len(bs))
	for _, b := range bs {
		if a := st.actions[b.actionID]; a != nil {
			st.advance(a)
			out = append(out, b)
		}
	}
	return out
}
