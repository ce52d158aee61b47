package auth0

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
)

// ActionService's workflow helpers, built on its endpoints (actions.go):
// GetByName, Upsert, WaitUntilBuilt, DeployAndWait, and the lookup of
// module references by name. The steps Upsert shares with Modules.Upsert
// are in upsert.go; the plans they print, in plan.go.

// GetByName returns the action with exactly this name, using the API's
// actionName filter. No match is an *NotFoundError (matching
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
		return nil, &NotFoundError{Kind: KindAction, Name: name}
	case 1:
		return &found[0], nil
	}
	ids := make([]string, len(found))
	for i, a := range found {
		ids[i] = a.ID
	}
	return nil, &AmbiguousNameError{Kind: KindAction, Name: name, IDs: ids}
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
	// Secrets are the action's secrets; nil leaves an existing action's
	// alone. They are compared by name, by the rule in the package
	// documentation (Secrets): a name the action has that is missing here
	// is a *SecretsWouldBeDeletedError unless PruneSecrets is set.
	Secrets []ActionSecretParam
	// PruneSecrets lets Upsert delete the action's secrets that Secrets
	// leaves out.
	PruneSecrets bool
	// RotateSecrets sends Secrets, values included, even when the names
	// match: to change a value under the same name.
	RotateSecrets bool
	// Modules are the action modules, by IDs or by name (see
	// ActionModuleReference); nil leaves an existing action's alone.
	Modules []ActionModuleReference
	// Deploy deploys the action (DeployAndWait) unless every change is
	// deployed already.
	Deploy bool
	// Bind binds the action to SupportedTriggers[0] (at the end of its
	// bindings) unless it is bound already. It deploys first if needed,
	// and retries the API's "has not been deployed yet" refusal as
	// Bindings.Add does (*ActionNotDeployedError when it persists). A
	// trigger whose bindings Auth0 manages (binding_policy entity-bound)
	// is an *EntityBoundTriggerError, returned before anything is written.
	Bind bool
	// BindingDisplayName is the binding's name; the action's by default.
	BindingDisplayName *string
	// DryRun writes nothing: Upsert only reads, and its result's Plan says
	// what it would do. A module reference by name to a module that does
	// not exist yet, or has no published version, is shown in the plan
	// ("latest version (not published yet)") rather than refused, since an
	// earlier step of the same pipeline (Modules.Upsert) may create it.
	DryRun bool
}

// ActionUpsertResult says what Upsert did, or with DryRun would do.
type ActionUpsertResult struct {
	// Action is the action as it is now; with DryRun, as it is on the
	// tenant (nil when it would be created).
	Action *Action
	// UpsertResult says whether the call created or updated the action,
	// and holds its Plan.
	UpsertResult
	// Deployed is the version deployed by this call; nil when none was.
	Deployed *ActionVersion
	// Bound is true when this call bound the action.
	Bound bool
}

// Changed reports whether Upsert changed anything (always false with
// DryRun: see Plan.HasChanges).
func (r *ActionUpsertResult) Changed() bool {
	return r.Created || r.Updated || r.Deployed != nil || r.Bound
}

// Upsert makes an action exist as described, for deployment pipelines: it
// creates the action when none has the name, or updates the draft with the
// fields that differ; then, if asked, deploys it and binds it. Module
// references by name are resolved first. Running it twice with the same
// params changes nothing the second time: it only reads. With DryRun it
// only reads, and the result's Plan says what it would do.
//
// option.WithWaitTimeout (default 10 minutes) bounds the whole call: its
// reads and writes, the deploy and its waits, and the binding share one
// deadline (ErrWaitTimeout after it).
//
//	res, err := client.Actions.Upsert(ctx, auth0.ActionUpsertParams{
//		Name:              "add-roles-to-token",
//		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
//		Code:              auth0.String(code),
//		Deploy:            true,
//		Bind:              true,
//	})
//	fmt.Println(res.Plan.String())
func (r *ActionService) Upsert(ctx context.Context, params ActionUpsertParams, opts ...option.RequestOption) (*ActionUpsertResult, error) {
	newParams := ActionNewParams{
		Name: params.Name, SupportedTriggers: params.SupportedTriggers, Code: params.Code,
		Dependencies: params.Dependencies, Runtime: params.Runtime, Secrets: params.Secrets, Modules: params.Modules,
	}
	if err := newParams.Validate(); err != nil {
		return nil, withContext("Upsert", err)
	}
	ctx, _, done, err := startWait(ctx, r.Options, opts)
	if err != nil {
		return nil, err
	}
	defer done()
	res, err := r.upsert(ctx, params, newParams, opts)
	return res, waitErr(ctx, "Upsert of action "+strconv.Quote(params.Name), err)
}

func (r *ActionService) upsert(ctx context.Context, params ActionUpsertParams, newParams ActionNewParams, opts []option.RequestOption) (*ActionUpsertResult, error) {
	if params.Bind {
		// Before anything is written: a trigger whose bindings Auth0
		// manages cannot take the binding.
		if _, err := r.Triggers.Bindings.checkTrigger(ctx, params.SupportedTriggers[0].ID, opts); err != nil {
			return nil, err
		}
	}
	existing, err := r.GetByName(ctx, params.Name, opts...)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	resolver := moduleResolver{svc: &r.Modules, opts: opts, planOnly: params.DryRun}
	if newParams.Modules, err = resolver.resolveAll(ctx, "ActionUpsertParams", params.Modules); err != nil {
		return nil, withContext("Upsert", err)
	}
	params.Modules = newParams.Modules

	plan, upd, err := params.plan(existing)
	if err != nil {
		return nil, err
	}
	res := &ActionUpsertResult{Action: existing, UpsertResult: UpsertResult{Plan: plan}}
	if params.DryRun {
		if params.Bind {
			if res.Plan.Bind, err = r.planBinding(ctx, params.SupportedTriggers[0].ID, existing, opts); err != nil {
				return res, err
			}
		}
		return res, nil
	}
	err = res.write(func() (string, error) {
		a, err := r.New(ctx, newParams, opts...)
		if err != nil {
			return "", err
		}
		res.Action = a
		return a.ID, nil
	}, func() error {
		a, err := r.Update(ctx, existing.ID, upd, opts...)
		res.Action = a
		return err
	})
	if err != nil {
		return nil, err
	}
	id := res.Action.ID
	if res.Plan.Deploy {
		if res.Deployed, err = r.DeployAndWait(ctx, id, opts...); err != nil {
			return res, err
		}
	}
	if params.Bind {
		add := BindingAddParams{ActionID: id, DisplayName: params.BindingDisplayName}
		trigger := params.SupportedTriggers[0].ID
		bound, changed, err := r.Triggers.Bindings.edit(ctx, bindingEdit{trigger: trigger, apply: add.apply, satisfied: add.satisfied,
			adding: id, addingName: params.Name}, opts)
		if err != nil {
			return res, err
		}
		res.Bound = changed
		res.Plan.Bind = bindingPlan(trigger, bound.Bindings, id, !changed)
	}
	if res.Deployed != nil {
		if res.Action, err = r.Get(ctx, id, opts...); err != nil {
			return res, err
		}
	}
	return res, nil
}

// planBinding says where Bind would put the action (nil: not created yet).
func (r *ActionService) planBinding(ctx context.Context, trigger TriggerID, a *Action, opts []option.RequestOption) (*BindingPlan, error) {
	cur, err := r.Triggers.Bindings.readAll(ctx, trigger, opts)
	if err != nil {
		return nil, err
	}
	if a != nil && indexOfAction(cur, a.ID) >= 0 {
		return bindingPlan(trigger, cur, a.ID, true), nil
	}
	bp := &BindingPlan{TriggerID: trigger, Position: len(cur), Total: len(cur) + 1}
	if n := len(cur); n > 0 {
		bp.After = bindingLabel(cur[n-1])
	}
	return bp, nil
}

// bindingPlan describes where actionID is in a trigger's bindings.
func bindingPlan(trigger TriggerID, bindings []Binding, actionID string, already bool) *BindingPlan {
	i := indexOfAction(bindings, actionID)
	bp := &BindingPlan{TriggerID: trigger, AlreadyBound: already, Position: i, Total: len(bindings)}
	if i > 0 {
		bp.After = bindingLabel(bindings[i-1])
	}
	return bp
}

func bindingLabel(b Binding) string {
	if b.Action.Name != "" {
		return b.Action.Name
	}
	if b.DisplayName != "" {
		return b.DisplayName
	}
	return b.Action.ID
}

// Diff returns the plan Upsert would carry out against existing, the action
// as the tenant has it (nil when no action has the name), without sending
// any request: the fields that differ, the secrets by the rule in the
// package documentation (a *SecretsWouldBeDeletedError unless
// PruneSecrets), and whether it would
// deploy. The binding is not planned: that needs the trigger's bindings.
// Module references are compared by module and version ID; a reference that
// carries no IDs yet (a module to be created or published first) shows as
// a change to a version not published yet. Upsert with DryRun reads the
// tenant and returns this plan.
func (p ActionUpsertParams) Diff(existing *Action) (Plan, error) {
	plan, _, err := p.plan(existing)
	return plan, err
}

// plan is Diff, with the update that carries it out.
func (p ActionUpsertParams) plan(existing *Action) (Plan, ActionUpdateParams, error) {
	var upd ActionUpdateParams
	plan, send, err := objectPlan(KindAction, p.Name, existing, p.changes(cmp.Or(existing, &Action{}), &upd),
		p.Secrets, p.PruneSecrets, p.RotateSecrets)
	if send {
		upd.Secrets = p.Secrets
	}
	if err != nil {
		return plan, upd, err
	}
	plan.Deploy = (p.Deploy || p.Bind) &&
		(existing == nil || len(plan.Changes) > 0 || existing.DeployedVersion == nil || !existing.AllChangesDeployed)
	return plan, upd, nil
}

// changes compares p with a (an empty Action for a create) field by field,
// secrets aside, and sets in u the fields an update must send.
func (p ActionUpsertParams) changes(a *Action, u *ActionUpdateParams) []Change {
	var out []Change
	if !slices.EqualFunc(p.SupportedTriggers, a.SupportedTriggers, func(x, y Trigger) bool {
		return x.ID == y.ID && (x.Version == "" || x.Version == y.Version)
	}) {
		u.SupportedTriggers = p.SupportedTriggers
		c := Change{Field: "supported_triggers", Op: ChangeUpdate, From: triggersLabel(a.SupportedTriggers), To: triggersLabel(p.SupportedTriggers)}
		if len(a.SupportedTriggers) == 0 {
			c.Op, c.From = ChangeAdd, ""
		}
		out = append(out, c)
	}
	if p.Code != nil && *p.Code != a.Code {
		u.Code = p.Code
		out = append(out, codeChange(a.Code, *p.Code))
	}
	if p.Runtime != nil && canonicalRuntime(*p.Runtime) != canonicalRuntime(a.Runtime) {
		u.Runtime = p.Runtime
		c := Change{Field: "runtime", Op: ChangeUpdate, From: a.Runtime, To: *p.Runtime}
		if a.Runtime == "" {
			c.Op = ChangeAdd
		}
		out = append(out, c)
	}
	if p.Dependencies != nil {
		deps := listDiff[ActionDependency]{field: "dependencies",
			key:   func(d ActionDependency) string { return d.Name },
			label: func(d ActionDependency) string { return d.Name },
			value: func(d ActionDependency) string { return d.Version },
			same: func(w, h ActionDependency) bool {
				return w.Version == h.Version && (w.RegistryURL == "" || h.RegistryURL == "" || w.RegistryURL == h.RegistryURL)
			},
		}.changes(p.Dependencies, a.Dependencies)
		if len(deps) > 0 {
			u.Dependencies = p.Dependencies
			out = append(out, deps...)
		}
	}
	if p.Modules != nil {
		mods := moduleDiff(p.Modules, a.Modules)
		if len(mods) > 0 {
			u.Modules = p.Modules
			out = append(out, mods...)
		}
	}
	return out
}

// moduleDiff compares resolved module references by module, naming each
// module by its name where either side knows it.
func moduleDiff(want, have []ActionModuleReference) []Change {
	names := map[string]string{}
	for _, m := range append(slices.Clone(have), want...) {
		if m.ModuleName != "" {
			names[m.ModuleID] = m.ModuleName
		}
	}
	return listDiff[ActionModuleReference]{field: "modules",
		key: func(m ActionModuleReference) string {
			if m.ModuleID == "" {
				return "name:" + m.ModuleName // not resolved (a dry run): a module still to create
			}
			return m.ModuleID
		},
		label: func(m ActionModuleReference) string {
			if n := names[m.ModuleID]; n != "" {
				return n
			}
			if m.ModuleID == "" {
				return m.ModuleName
			}
			return m.ModuleID
		},
		value: func(m ActionModuleReference) string {
			switch {
			case m.ModuleVersionID != "" && m.ModuleVersionNumber > 0:
				return "version " + strconv.Itoa(m.ModuleVersionNumber)
			case m.ModuleVersionID != "":
				return "version " + m.ModuleVersionID
			case m.ModuleVersionNumber > 0:
				return "version " + strconv.Itoa(m.ModuleVersionNumber) + " (not published yet)"
			}
			return "latest version (not published yet)"
		},
		same: func(w, h ActionModuleReference) bool { return w.ModuleVersionID == h.ModuleVersionID },
	}.changes(want, have)
}

func triggersLabel(ts []Trigger) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = strings.TrimSpace(string(t.ID) + " " + t.Version)
	}
	return strings.Join(parts, ", ")
}

// canonicalRuntime maps node18 to the wire name the API stores for it.
func canonicalRuntime(r string) string {
	if r == RuntimeNode18 {
		return RuntimeNode18Actions
	}
	return r
}

// WaitUntilBuilt polls an action until its draft is built, backing off
// between reads (option.WithPollInterval), and returns it. A failed build
// is a *BuildError (errors.Is(err, ErrBuildFailed)); a call that lasts
// longer than option.WithWaitTimeout (default 10 minutes) matches
// ErrWaitTimeout; ctx ends it at once.
//
//	action, err := client.Actions.New(ctx, params)
//	...
//	action, err = client.Actions.WaitUntilBuilt(ctx, action.ID)
func (r *ActionService) WaitUntilBuilt(ctx context.Context, id string, opts ...option.RequestOption) (*Action, error) {
	ctx, w, done, err := startWait(ctx, r.Options, opts)
	if err != nil {
		return nil, err
	}
	defer done()
	a, err := r.waitUntilBuilt(ctx, w, id, opts)
	return a, waitErr(ctx, "waiting for action "+id+" to build", err)
}

func (r *ActionService) waitUntilBuilt(ctx context.Context, w requestconfig.WaitConfig, id string, opts []option.RequestOption) (*Action, error) {
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
// option.WithWaitTimeout (default 10 minutes) bounds the whole call, every
// phase together: the wait for the draft, the deploy request and the wait
// for the version share one deadline, so a call never lasts longer than
// the limit (ErrWaitTimeout after it). Called from another helper (Upsert,
// Modules.Rollout) it shares that helper's deadline instead.
//
// It is a method rather than an option of Deploy so that Deploy stays one
// request with one meaning (the API's), while this one's extra requests,
// waits and failure modes (a failed build, a timeout) are explicit in its
// name. Like Deploy, its deploy request is never repeated after a 5xx.
//
//	version, err := client.Actions.DeployAndWait(ctx, action.ID, option.WithWaitTimeout(time.Minute))
func (r *ActionService) DeployAndWait(ctx context.Context, id string, opts ...option.RequestOption) (*ActionVersion, error) {
	ctx, w, done, err := startWait(ctx, r.Options, opts)
	if err != nil {
		return nil, err
	}
	defer done()
	v, err := r.deployAndWait(ctx, w, id, opts)
	return v, waitErr(ctx, "waiting for action "+id+" to deploy", err)
}

func (r *ActionService) deployAndWait(ctx context.Context, w requestconfig.WaitConfig, id string, opts []option.RequestOption) (*ActionVersion, error) {
	if _, err := r.waitUntilBuilt(ctx, w, id, opts); err != nil {
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

// resolveModules validates params (nothing is sent for bad params) and
// returns refs with every reference by name or number turned into the two
// IDs the API needs. References that carry both IDs are kept as they are;
// when all do, no request is made.
func (r *ActionService) resolveModules(ctx context.Context, field string, refs []ActionModuleReference,
	validate func() error, opts []option.RequestOption) ([]ActionModuleReference, error) {
	if err := validate(); err != nil {
		return nil, err
	}
	res := moduleResolver{svc: &r.Modules, opts: opts}
	return res.resolveAll(ctx, field, refs)
}
