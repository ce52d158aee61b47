package auth0

import (
	"context"
	"errors"
	"slices"

	"github.com/actions-sdk/auth0-go/option"
)

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
		return nil, withContext("Upsert", err)
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
