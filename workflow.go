package auth0

// Workflow helpers built on the endpoint methods: the polling, read-modify-
// write and find-or-create code that deployment tools otherwise write again
// and again.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
)

// Errors of the workflow helpers, matched with errors.Is.
var (
	// ErrBuildFailed matches a *BuildError.
	ErrBuildFailed = errors.New("auth0: build failed")
	// ErrWaitTimeout matches an error from a helper that polled longer than
	// option.WithWaitTimeout allows.
	ErrWaitTimeout = errors.New("auth0: timed out waiting")
	// ErrAmbiguousName matches an *AmbiguousNameError.
	ErrAmbiguousName = errors.New("auth0: more than one action has that name")
	// ErrNotBound is returned by Bindings.Remove and Bindings.Move for an
	// action that is not bound to the trigger.
	ErrNotBound = errors.New("auth0: the action is not bound to the trigger")
	// ErrBindingsConflict is returned when a trigger's bindings kept
	// changing underneath an edit, through every attempt.
	ErrBindingsConflict = errors.New("auth0: the trigger's bindings were changed concurrently")
)

// BuildError reports an action draft or version whose build failed.
type BuildError struct {
	// ActionID is the action.
	ActionID string
	// VersionID is the version that failed; empty for the draft.
	VersionID string
	// Status is the build status (failed).
	Status BuildStatus
	// Errors are the build errors the API reported. The API reports errors
	// for versions only; a failed draft has none.
	Errors []ActionError
}

// Error implements error.
func (e *BuildError) Error() string {
	if e == nil {
		return "auth0: <nil>"
	}
	what := "the draft of action " + e.ActionID
	if e.VersionID != "" {
		what = "version " + e.VersionID + " of action " + e.ActionID
	}
	var b strings.Builder
	fmt.Fprintf(&b, "auth0: build of %s %s", what, e.Status)
	for i, be := range e.Errors {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(be.Msg)
		if be.ID != "" {
			b.WriteString(" (" + be.ID + ")")
		}
	}
	return b.String()
}

// Is matches ErrBuildFailed.
func (e *BuildError) Is(target error) bool { return target == ErrBuildFailed }

// ActionNotFoundError is returned by GetByName when no action has the name.
// It matches ErrNotFound.
type ActionNotFoundError struct {
	// Name is the name looked for.
	Name string
}

// Error implements error.
func (e *ActionNotFoundError) Error() string {
	return fmt.Sprintf("auth0: no action is named %q", e.Name)
}

// Is matches ErrNotFound.
func (e *ActionNotFoundError) Is(target error) bool { return target == ErrNotFound }

// AmbiguousNameError is returned by GetByName when several actions have the
// name. It matches ErrAmbiguousName.
type AmbiguousNameError struct {
	// Name is the name looked for.
	Name string
	// IDs are the matching actions.
	IDs []string
}

// Error implements error.
func (e *AmbiguousNameError) Error() string {
	return fmt.Sprintf("auth0: %d actions are named %q (%s)", len(e.IDs), e.Name, strings.Join(e.IDs, ", "))
}

// Is matches ErrAmbiguousName.
func (e *AmbiguousNameError) Is(target error) bool { return target == ErrAmbiguousName }

// WaitUntilBuilt polls an action until its draft is built, backing off
// between reads (option.WithPollInterval), and returns it. A failed build
// is a *BuildError (errors.Is(err, ErrBuildFailed)); polling longer than
// option.WithWaitTimeout (default 2 minutes) matches ErrWaitTimeout; ctx
// ends it at once.
//
//	action, err := client.Actions.New(ctx, params)
//	...
//	action, err = client.Actions.WaitUntilBuilt(ctx, action.ID)
func (r *ActionService) WaitUntilBuilt(ctx context.Context, id string, opts ...option.RequestOption) (*Action, error) {
	w, err := waitConfig(r.Options, opts)
	if err != nil {
		return nil, err
	}
	return poll(ctx, w, "action "+id+" to build", func(ctx context.Context) (*Action, bool, error) {
		a, err := r.Get(ctx, id, opts...)
		if err != nil {
			return nil, false, err
		}
		switch a.Status {
		case BuildStatusBuilt:
			return a, true, nil
		case BuildStatusFailed:
			return a, true, &BuildError{ActionID: a.ID, Status: a.Status}
		}
		return a, false, nil
	})
}

// DeployAndWait deploys an action safely: it waits until the draft is built,
// deploys it, and waits until the new version is built and is the one
// flows run; it returns that version (Deployed true).
//
// It is a method rather than an option of Deploy so that Deploy stays one
// request with one meaning (the API's), while this one's extra requests,
// waits and failure modes (a failed build, a timeout) are explicit in its
// name. Like Deploy, its deploy request is never repeated after a 5xx.
//
//	version, err := client.Actions.DeployAndWait(ctx, action.ID, option.WithWaitTimeout(time.Minute))
func (r *ActionService) DeployAndWait(ctx context.Context, id string, opts ...option.RequestOption) (*ActionVersion, error) {
	w, err := waitConfig(r.Options, opts)
	if err != nil {
		return nil, err
	}
	if _, err := r.WaitUntilBuilt(ctx, id, opts...); err != nil {
		return nil, err
	}
	v, err := r.Deploy(ctx, id, opts...)
	if err != nil {
		return nil, err
	}
	return poll(ctx, w, "version "+v.ID+" of action "+id+" to deploy", func(ctx context.Context) (*ActionVersion, bool, error) {
		got, err := r.Versions.Get(ctx, id, v.ID, opts...)
		if err != nil {
			return nil, false, err
		}
		switch {
		case got.Status == BuildStatusFailed:
			return got, true, &BuildError{ActionID: id, VersionID: got.ID, Status: got.Status, Errors: got.Errors}
		case got.Deployed && got.Status == BuildStatusBuilt:
			return got, true, nil
		}
		return got, false, nil
	})
}

// GetByName returns the action with exactly this name, using the API's
// actionName filter. No match is an *ActionNotFoundError (matching
// ErrNotFound); several are an *AmbiguousNameError.
//
//	action, err := client.Actions.GetByName(ctx, "add-roles-to-token")
//	if errors.Is(err, auth0.ErrNotFound) { ... }
func (r *ActionService) GetByName(ctx context.Context, name string, opts ...option.RequestOption) (*Action, error) {
	if name == "" {
		return nil, errors.New("auth0: GetByName needs a name")
	}
	var found []Action
	params := ActionListParams{ActionName: &name, PerPage: Int(MaxPerPage)}
	for a, err := range r.ListAutoPaging(ctx, params, opts...).All() {
		if err != nil {
			return nil, err
		}
		if a.Name == name { // the filter's matching rule is not documented
			found = append(found, a)
		}
	}
	switch len(found) {
	case 0:
		return nil, &ActionNotFoundError{Name: name}
	case 1:
		return &found[0], nil
	}
	ids := make([]string, len(found))
	for i, a := range found {
		ids[i] = a.ID
	}
	return nil, &AmbiguousNameError{Name: name, IDs: ids}
}

// ActionUpsertParams describe the action Upsert should make exist.
type ActionUpsertParams struct {
	// Name identifies the action. Required.
	Name string
	// SupportedTriggers is the trigger the action targets. Required.
	SupportedTriggers []Trigger
	// Code is the source code; nil leaves an existing action's alone.
	Code *string
	// Dependencies are the npm modules; nil leaves an existing action's alone.
	Dependencies []ActionDependency
	// Runtime is the Node.js runtime; nil leaves an existing action's alone.
	Runtime *string
	// Secrets are compared by name only, since the API never returns
	// values: to rotate a value of an existing secret, call Update.
	Secrets []ActionSecretParam
	// Modules are the action modules; nil leaves an existing action's alone.
	Modules []ActionModuleReference
	// Deploy deploys the action (DeployAndWait) unless every change is
	// deployed already.
	Deploy bool
	// Bind binds the action to SupportedTriggers[0] (at the end of its
	// bindings) unless it is bound already. It deploys first if needed.
	Bind bool
	// BindingDisplayName is the binding's name; the action's by default.
	BindingDisplayName *string
}

// ActionUpsertResult says what Upsert did.
type ActionUpsertResult struct {
	// Action is the action as it is now.
	Action *Action
	// Created is true when the action did not exist.
	Created bool
	// Updated is true when the draft was changed.
	Updated bool
	// Deployed is the version deployed by this call; nil when none was.
	Deployed *ActionVersion
	// Bound is true when this call bound the action.
	Bound bool
}

// Changed reports whether Upsert changed anything.
func (r *ActionUpsertResult) Changed() bool {
	return r.Created || r.Updated || r.Deployed != nil || r.Bound
}

// Upsert makes an action exist as described, for deployment pipelines: it
// creates the action when none has the name, or updates the draft with the
// fields that differ; then, if asked, deploys it and binds it. Running it
// twice with the same params changes nothing the second time: it only reads.
//
//	res, err := client.Actions.Upsert(ctx, auth0.ActionUpsertParams{
//		Name:              "add-roles-to-token",
//		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
//		Code:              auth0.String(code),
//		Deploy:            true,
//		Bind:              true,
//	})
func (r *ActionService) Upsert(ctx context.Context, params ActionUpsertParams, opts ...option.RequestOption) (*ActionUpsertResult, error) {
	newParams := ActionNewParams{
		Name: params.Name, SupportedTriggers: params.SupportedTriggers, Code: params.Code,
		Dependencies: params.Dependencies, Runtime: params.Runtime, Secrets: params.Secrets, Modules: params.Modules,
	}
	if err := newParams.Validate(); err != nil {
		return nil, fmt.Errorf("auth0: Upsert: %w", err)
	}
	res := &ActionUpsertResult{}
	existing, err := r.GetByName(ctx, params.Name, opts...)
	switch {
	case errors.Is(err, ErrNotFound):
		if res.Action, err = r.New(ctx, newParams, opts...); err != nil {
			return nil, err
		}
		res.Created = true
	case err != nil:
		return nil, err
	default:
		res.Action = existing
		if upd, changed := params.diff(existing); changed {
			if res.Action, err = r.Update(ctx, existing.ID, upd, opts...); err != nil {
				return nil, err
			}
			res.Updated = true
		}
	}
	id := res.Action.ID
	if (params.Deploy || params.Bind) &&
		(res.Created || res.Updated || res.Action.DeployedVersion == nil || !res.Action.AllChangesDeployed) {
		if res.Deployed, err = r.DeployAndWait(ctx, id, opts...); err != nil {
			return res, err
		}
	}
	if params.Bind {
		add := BindingAddParams{ActionID: id, DisplayName: params.BindingDisplayName}
		_, changed, err := r.Triggers.Bindings.edit(ctx, params.SupportedTriggers[0].ID, opts, add.apply, add.satisfied)
		if err != nil {
			return res, err
		}
		res.Bound = changed
	}
	if res.Deployed != nil {
		if res.Action, err = r.Get(ctx, id, opts...); err != nil {
			return res, err
		}
	}
	return res, nil
}

// diff returns the update that makes a match p, and whether one is needed.
func (p ActionUpsertParams) diff(a *Action) (ActionUpdateParams, bool) {
	var u ActionUpdateParams
	changed := false
	if !slices.EqualFunc(p.SupportedTriggers, a.SupportedTriggers, func(x, y Trigger) bool {
		return x.ID == y.ID && (x.Version == "" || x.Version == y.Version)
	}) {
		u.SupportedTriggers, changed = p.SupportedTriggers, true
	}
	if p.Code != nil && *p.Code != a.Code {
		u.Code, changed = p.Code, true
	}
	if p.Runtime != nil && canonicalRuntime(*p.Runtime) != canonicalRuntime(a.Runtime) {
		u.Runtime, changed = p.Runtime, true
	}
	if p.Dependencies != nil && !slices.EqualFunc(p.Dependencies, a.Dependencies, func(x, y ActionDependency) bool {
		return x.Name == y.Name && x.Version == y.Version && (x.RegistryURL == "" || y.RegistryURL == "" || x.RegistryURL == y.RegistryURL)
	}) {
		u.Dependencies, changed = p.Dependencies, true
	}
	if p.Secrets != nil && !slices.EqualFunc(sortedNames(p.Secrets, func(s ActionSecretParam) string { return s.Name }),
		sortedNames(a.Secrets, func(s ActionSecret) string { return s.Name }), func(x, y string) bool { return x == y }) {
		u.Secrets, changed = p.Secrets, true
	}
	if p.Modules != nil && !slices.EqualFunc(p.Modules, a.Modules, func(x, y ActionModuleReference) bool {
		return (x.ModuleID == "" || x.ModuleID == y.ModuleID) && (x.ModuleName == "" || x.ModuleName == y.ModuleName) &&
			(x.ModuleVersionID == "" || x.ModuleVersionID == y.ModuleVersionID) &&
			(x.ModuleVersionNumber == 0 || x.ModuleVersionNumber == y.ModuleVersionNumber)
	}) {
		u.Modules, changed = p.Modules, true
	}
	return u, changed
}

// canonicalRuntime maps node18 to the wire name the API stores for it.
func canonicalRuntime(r string) string {
	if r == RuntimeNode18 {
		return RuntimeNode18Actions
	}
	return r
}

func sortedNames[T any](items []T, name func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = name(it)
	}
	slices.Sort(out)
	return out
}

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
				return nil, false, fmt.Errorf("auth0: action %s on trigger %s: %w", actionID, triggerID, ErrNotBound)
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
			return nil, false, fmt.Errorf("auth0: action %s on trigger %s: %w", actionID, triggerID, ErrNotBound)
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
		return nil, false, ctx.Err()
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
	return nil, wrote, fmt.Errorf("auth0: editing the bindings of %s: %w (%d attempts)", triggerID, ErrBindingsConflict, bindingEditAttempts)
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

// waitConfig resolves the polling settings of a call.
func waitConfig(base, opts []option.RequestOption) (requestconfig.WaitConfig, error) {
	cfg, err := requestconfig.Resolve(base, opts)
	if err != nil {
		return requestconfig.WaitConfig{}, err
	}
	return cfg.Wait.Normalized(), nil
}

// poll calls check until it reports done or fails, waiting between calls
// with exponential backoff, for at most w.Timeout.
func poll[T any](ctx context.Context, w requestconfig.WaitConfig, what string, check func(context.Context) (T, bool, error)) (T, error) {
	if ctx == nil {
		var zero T
		return zero, errors.New("auth0: nil context")
	}
	pctx, cancel := context.WithTimeout(ctx, w.Timeout)
	defer cancel()
	timedOut := func() error {
		return fmt.Errorf("auth0: waiting for %s: %w after %s (option.WithWaitTimeout): %w", what, ErrWaitTimeout, w.Timeout, context.DeadlineExceeded)
	}
	interval := w.Interval
	timer := time.NewTimer(0)
	<-timer.C
	defer timer.Stop()
	for {
		v, done, err := check(pctx)
		if err != nil {
			if ctx.Err() == nil && pctx.Err() != nil {
				return v, timedOut()
			}
			return v, err
		}
		if done {
			return v, nil
		}
		timer.Reset(interval)
		select {
		case <-pctx.Done():
			if ctx.Err() != nil {
				return v, fmt.Errorf("auth0: waiting for %s: %w", what, ctx.Err())
			}
			return v, timedOut()
		case <-timer.C:
		}
		if interval *= 2; interval > w.MaxInterval {
			interval = w.MaxInterval
		}
	}
}
