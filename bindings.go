package auth0

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
)

// BindingAddParams say which action Bindings.Add binds, and where.
type BindingAddParams struct {
	// ActionID is the action to bind. Required; it must be deployed.
	ActionID string
	// DisplayName is the binding's name; the server uses the action's when nil.
	DisplayName *string
	// Position is the 0-based place in the trigger's order; nil appends.
	Position *int
}

// Add binds an action to a trigger, keeping every other binding exactly
// (by action ID, with its display name) and in order. PATCH replaces the
// whole list, so Add reads every page, inserts the action, writes the list
// back, and re-reads to check that no concurrent edit lost the change,
// trying again (three times in all) if one did. Edits of one trigger from
// this process are serialized. An action that is bound already is left as
// it is, without a write. Binding-level secrets of the other bindings
// cannot be read back and are not kept.
//
//	_, err := client.Actions.Triggers.Bindings.Add(ctx, auth0.TriggerPostLogin,
//		auth0.BindingAddParams{ActionID: action.ID, Position: auth0.Int(0)})
func (r *BindingService) Add(ctx context.Context, triggerID TriggerID, params BindingAddParams, opts ...option.RequestOption) (*BindingUpdateResponse, error) {
	if params.ActionID == "" {
		return nil, errors.New("auth0: BindingAddParams.ActionID is required")
	}
	if params.Position != nil && *params.Position < 0 {
		return nil, fmt.Errorf("auth0: BindingAddParams.Position is %d; positions start at 0", *params.Position)
	}
	res, _, err := r.edit(ctx, triggerID, opts, params.apply, params.satisfied)
	return res, err
}

func (p BindingAddParams) apply(cur []Binding) ([]BindingUpdate, bool, error) {
	if p.satisfied(cur) {
		return nil, false, nil
	}
	list := bindingRefs(cur)
	add := BindingUpdate{Ref: BindingRef{Type: BindingRefTypeActionID, Value: p.ActionID}, DisplayName: p.DisplayName}
	at := len(list)
	if p.Position != nil && *p.Position < at {
		at = *p.Position
	}
	return slices.Insert(list, at, add), true, nil
}

func (p BindingAddParams) satisfied(cur []Binding) bool { return indexOfAction(cur, p.ActionID) >= 0 }

// Remove unbinds an action from a trigger, keeping every other binding
// exactly and in order (see Add for how concurrent edits are handled). An
// action that is not bound is ErrNotBound.
//
//	_, err := client.Actions.Triggers.Bindings.Remove(ctx, auth0.TriggerPostLogin, action.ID)
func (r *BindingService) Remove(ctx context.Context, triggerID TriggerID, actionID string, opts ...option.RequestOption) (*BindingUpdateResponse, error) {
	if actionID == "" {
		return nil, errors.New("auth0: Remove needs an action ID")
	}
	first := true
	apply := func(cur []Binding) ([]BindingUpdate, bool, error) {
		i := indexOfAction(cur, actionID)
		if i < 0 {
			if first {
				return nil, false, withContext("action "+actionID+" on trigger "+string(triggerID), ErrNotBound)
			}
			return nil, false, nil // removed by our earlier attempt
		}
		first = false
		list := bindingRefs(cur)
		return slices.Delete(list, i, i+1), true, nil
	}
	satisfied := func(cur []Binding) bool { return indexOfAction(cur, actionID) < 0 }
	res, _, err := r.edit(ctx, triggerID, opts, apply, satisfied)
	return res, err
}

// Move puts a bound action at a 0-based position in the trigger's order,
// keeping every other binding exactly (see Add for how concurrent edits
// are handled). An action that is not bound is ErrNotBound; a position
// past the end is an error.
//
//	_, err := client.Actions.Triggers.Bindings.Move(ctx, auth0.TriggerPostLogin, action.ID, 0)
func (r *BindingService) Move(ctx context.Context, triggerID TriggerID, actionID string, position int, opts ...option.RequestOption) (*BindingUpdateResponse, error) {
	if actionID == "" {
		return nil, errors.New("auth0: Move needs an action ID")
	}
	if position < 0 {
		return nil, fmt.Errorf("auth0: Move: position %d; positions start at 0", position)
	}
	apply := func(cur []Binding) ([]BindingUpdate, bool, error) {
		i := indexOfAction(cur, actionID)
		if i < 0 {
			return nil, false, withContext("action "+actionID+" on trigger "+string(triggerID), ErrNotBound)
		}
		if position >= len(cur) {
			return nil, false, fmt.Errorf("auth0: Move: position %d is past the end of %d bindings", position, len(cur))
		}
		if i == position {
			return nil, false, nil
		}
		list := bindingRefs(cur)
		item := list[i]
		list = slices.Delete(list, i, i+1)
		return slices.Insert(list, position, item), true, nil
	}
	satisfied := func(cur []Binding) bool { return indexOfAction(cur, actionID) == position }
	res, _, err := r.edit(ctx, triggerID, opts, apply, satisfied)
	return res, err
}

// bindingEditAttempts bounds the read-modify-write loop of a binding edit.
const bindingEditAttempts = 3

// bindingLocks serializes binding edits of one trigger within this process,
// keyed by API base URL and trigger.
var bindingLocks sync.Map // string -> chan struct{}

// edit runs a read-modify-write of a trigger's bindings. apply computes the
// new list from the current one (changed false: nothing to write);
// satisfied checks, on a fresh read after the write, that the change held.
func (r *BindingService) edit(ctx context.Context, triggerID TriggerID, opts []option.RequestOption,
	apply func([]Binding) ([]BindingUpdate, bool, error), satisfied func([]Binding) bool) (*BindingUpdateResponse, bool, error) {
	if triggerID == "" {
		return nil, false, errors.New("auth0: triggerId must not be empty")
	}
	cfg, err := requestconfig.Resolve(r.Options, opts)
	if err != nil {
		return nil, false, err
	}
	target, err := cfg.Target()
	if err != nil {
		return nil, false, err
	}
	lockAny, _ := bindingLocks.LoadOrStore(target+"\x00"+string(triggerID), make(chan struct{}, 1))
	lock := lockAny.(chan struct{})
	select {
	case lock <- struct{}{}:
		defer func() { <-lock }()
	case <-ctx.Done():
		return nil, false, withContext("editing the bindings of "+string(triggerID), ctx.Err())
	}

	wrote := false
	for range bindingEditAttempts {
		cur, err := r.readAll(ctx, triggerID, opts)
		if err != nil {
			return nil, wrote, err
		}
		next, changed, err := apply(cur)
		if err != nil {
			return nil, wrote, err
		}
		if !changed {
			return &BindingUpdateResponse{Bindings: cur}, wrote, nil
		}
		res, err := r.Update(ctx, triggerID, BindingUpdateParams{Bindings: next}, opts...)
		if err != nil {
			return nil, wrote, err
		}
		wrote = true
		after, err := r.readAll(ctx, triggerID, opts)
		if err != nil {
			return nil, wrote, err
		}
		if satisfied(after) {
			return res, wrote, nil
		}
	}
	return nil, wrote, withContext(fmt.Sprintf("editing the bindings of %s (%d attempts)", triggerID, bindingEditAttempts), ErrBindingsConflict)
}

// readAll returns every binding of a trigger, in order.
func (r *BindingService) readAll(ctx context.Context, triggerID TriggerID, opts []option.RequestOption) ([]Binding, error) {
	var out []Binding
	for b, err := range r.ListAutoPaging(ctx, triggerID, BindingListParams{PerPage: Int(MaxPerPage)}, opts...).All() {
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// bindingRefs turns bindings into the update list that keeps them: by
// action ID, with their display names.
func bindingRefs(cur []Binding) []BindingUpdate {
	out := make([]BindingUpdate, len(cur), len(cur)+1)
	for i, b := range cur {
		out[i] = BindingUpdate{Ref: BindingRef{Type: BindingRefTypeActionID, Value: b.Action.ID}}
		if b.DisplayName != "" {
			out[i].DisplayName = String(b.DisplayName)
		}
	}
	return out
}

func indexOfAction(cur []Binding, actionID string) int {
	return slices.IndexFunc(cur, func(b Binding) bool { return b.Action.ID == actionID })
}
