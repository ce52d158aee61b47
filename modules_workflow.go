package auth0

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/actions-sdk/auth0-go/option"
)

// ModuleService's workflow helpers, built on its endpoints (modules.go):
// Upsert (create or update, then publish when the draft changed), Rollout
// (move the actions that use a module to a version), GetByName, and the
// resolver that turns module references by name into IDs.

// ModuleUpsertParams describe the module Modules.Upsert should make exist.
type ModuleUpsertParams struct {
	// Name identifies the module; it cannot change once created. Required.
	Name string
	// Code is the draft's source code. Required.
	Code string
	// Dependencies are the npm dependencies; nil leaves an existing
	// module's alone. Compared by name and version, in any order.
	Dependencies []ActionModuleDependency
	// Secrets are the module's secrets; nil leaves an existing module's
	// alone. They are compared by name, by the rule in the package
	// documentation (Secrets): a name the module has that is missing here
	// is a *SecretsWouldBeDeletedError unless PruneSecrets is set.
	Secrets []ActionSecretParam
	// PruneSecrets lets Upsert delete the module's secrets that Secrets
	// leaves out.
	PruneSecrets bool
	// RotateSecrets sends Secrets, values included, even when the names
	// match: to change a value under the same name.
	RotateSecrets bool
	// APIVersion is sent when the module is created (see
	// ModuleNewParams.APIVersion); it is not compared afterwards.
	APIVersion *string
	// Publish publishes the draft as a new version when it differs from
	// the latest published version (or none was published), so that an
	// unchanged module is never published again (the API would refuse
	// with a 409).
	Publish bool
	// DryRun writes nothing: Upsert only reads, and its result's Plan says
	// what it would do.
	DryRun bool
}

// ModuleUpsertResult says what Modules.Upsert did, or with DryRun would do.
type ModuleUpsertResult struct {
	// Module is the module as it is now; with DryRun, as it is on the
	// tenant (nil when it would be created).
	Module *ActionModule
	// UpsertResult says whether the call created or updated the module,
	// and holds its Plan.
	UpsertResult
	// Published is the version this call published; nil when none was.
	Published *ActionModuleVersion
	// LatestVersion is the module's latest published version after the
	// call (with DryRun: before it); nil when it has none.
	LatestVersion *ActionModuleVersion
}

// Changed reports whether Upsert changed anything (always false with
// DryRun: see Plan.HasChanges).
func (r *ModuleUpsertResult) Changed() bool { return r.Created || r.Updated || r.Published != nil }

// Upsert makes a module exist as described, for deployment pipelines: it
// creates the module when none has the name, or updates the draft with the
// fields that differ; then, with Publish, publishes the draft when it
// differs from the latest version. Running it twice with the same params
// writes nothing the second time. With DryRun it only reads, and the
// result's Plan says what it would do. Publishing never moves an action
// to the new version: use Rollout, or reference the version from the
// actions (ActionModuleReference by name means the latest version).
//
//	res, err := client.Actions.Modules.Upsert(ctx, auth0.ModuleUpsertParams{
//		Name: "shared-utils", Code: code, Publish: true,
//	})
//	fmt.Println(res.Plan.String(), "latest:", res.LatestVersion.VersionNumber)
func (r *ModuleService) Upsert(ctx context.Context, params ModuleUpsertParams, opts ...option.RequestOption) (*ModuleUpsertResult, error) {
	newParams := ModuleNewParams{Name: params.Name, Code: params.Code, Secrets: params.Secrets,
		Dependencies: params.Dependencies, APIVersion: params.APIVersion}
	if err := newParams.Validate(); err != nil {
		return nil, withContext("Modules.Upsert", err)
	}
	existing, err := r.GetByName(ctx, params.Name, opts...)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	plan, upd, err := params.plan(existing)
	if err != nil {
		return nil, err
	}
	res := &ModuleUpsertResult{Module: existing, UpsertResult: UpsertResult{Plan: plan}}
	if existing != nil {
		res.LatestVersion = existing.LatestVersion
	}
	if params.DryRun {
		return res, nil
	}
	// A new module is created unpublished, then published by its own call:
	// each step's outcome is then known, and a rerun after a failed publish
	// publishes without creating again.
	err = res.write(func() (string, error) {
		m, err := r.New(ctx, newParams, opts...)
		if err != nil {
			return "", err
		}
		res.Module = m
		return m.ID, nil
	}, func() error {
		_, err := r.Update(ctx, existing.ID, upd, opts...)
		return err
	})
	if err != nil {
		return nil, err
	}
	if res.Updated {
		// The update's answer carries stale timestamps: read the draft
		// again to decide on publishing from what the server holds.
		if res.Module, err = r.Get(ctx, existing.ID, opts...); err != nil {
			return res, err
		}
		m := res.Module
		res.Plan.Publish = params.Publish && !m.AllChangesPublished && moduleDraftOf(m).differsFrom(m.LatestVersion)
	}
	if res.Plan.Publish {
		if res.Published, err = r.Versions.New(ctx, res.Module.ID, opts...); err != nil {
			return res, err
		}
		res.LatestVersion = res.Published
		if res.Module, err = r.Get(ctx, res.Module.ID, opts...); err != nil {
			return res, err
		}
	}
	return res, nil
}

// Diff returns the plan Upsert would carry out against existing, the module
// as the tenant has it (nil when no module has the name), without sending
// any request: the fields that differ, the secrets by the rule in the
// package documentation (Secrets), and whether it would publish. Publishing is
// planned when the draft after the update would differ from
// existing.LatestVersion; for a module from the list, which carries no
// LatestVersion, when anything changes or not every change is published.
// Upsert with DryRun reads the tenant and returns this plan.
func (p ModuleUpsertParams) Diff(existing *ActionModule) (Plan, error) {
	plan, _, err := p.plan(existing)
	return plan, err
}

// plan is Diff, with the update that carries it out.
func (p ModuleUpsertParams) plan(existing *ActionModule) (Plan, ModuleUpdateParams, error) {
	var upd ModuleUpdateParams
	plan, send, err := objectPlan(KindModule, p.Name, existing, p.changes(cmp.Or(existing, &ActionModule{}), &upd),
		p.Secrets, p.PruneSecrets, p.RotateSecrets)
	if send {
		upd.Secrets = p.Secrets
	}
	if err != nil {
		return plan, upd, err
	}
	if existing == nil {
		plan.Publish = p.Publish
		return plan, upd, nil
	}
	// The draft after the update: new secret values have no time until the
	// server sets them.
	draft := moduleDraft{code: p.Code, deps: p.Dependencies, secrets: existing.Secrets}
	if p.Dependencies == nil {
		draft.deps = existing.Dependencies
	}
	if send {
		draft.secrets = nil
		for _, s := range p.Secrets {
			draft.secrets = append(draft.secrets, ActionModuleSecret{Name: s.Name})
		}
	}
	plan.Publish = p.Publish && draft.differsFrom(existing.LatestVersion) &&
		(len(plan.Changes) > 0 || !existing.AllChangesPublished)
	return plan, upd, nil
}

// changes compares p with m (an empty module for a create) field by field,
// secrets aside, and sets in u the fields an update must send.
func (p ModuleUpsertParams) changes(m *ActionModule, u *ModuleUpdateParams) []Change {
	var out []Change
	if p.Code != m.Code {
		u.Code = &p.Code
		out = append(out, codeChange(m.Code, p.Code))
	}
	if p.Dependencies != nil {
		if deps := moduleDepDiff(p.Dependencies, m.Dependencies); len(deps) > 0 {
			u.Dependencies = p.Dependencies
			out = append(out, deps...)
		}
	}
	return out
}

// moduleDepDiff compares module dependencies by name and version.
func moduleDepDiff(want, have []ActionModuleDependency) []Change {
	return listDiff[ActionModuleDependency]{field: "dependencies",
		key:   func(d ActionModuleDependency) string { return d.Name },
		label: func(d ActionModuleDependency) string { return d.Name },
		value: func(d ActionModuleDependency) string { return d.Version },
	}.changes(want, have)
}

// moduleDraft is what a module's draft holds, or will hold after an update.
// A secret with a zero UpdatedAt has a value the server has not set yet.
type moduleDraft struct {
	code    string
	deps    []ActionModuleDependency
	secrets []ActionModuleSecret
}

func moduleDraftOf(m *ActionModule) moduleDraft {
	return moduleDraft{code: m.Code, deps: m.Dependencies, secrets: m.Secrets}
}

// differsFrom reports whether publishing the draft would make a version
// other than v: other code, dependencies or secret names, or a secret whose
// value was set after v took it (its time differs, or is not known yet).
func (d moduleDraft) differsFrom(v *ActionModuleVersion) bool {
	if v == nil {
		return true
	}
	if d.code != v.Code || len(moduleDepDiff(d.deps, v.Dependencies)) > 0 || len(d.secrets) != len(v.Secrets) {
		return true
	}
	at := make(map[string]time.Time, len(v.Secrets))
	for _, s := range v.Secrets {
		at[s.Name] = s.UpdatedAt
	}
	for _, s := range d.secrets {
		t, ok := at[s.Name]
		if !ok || s.UpdatedAt.IsZero() || !s.UpdatedAt.Equal(t) {
			return true
		}
	}
	return false
}

// ModuleRolloutParams say which module version Modules.Rollout moves the
// actions to, and what else it does.
type ModuleRolloutParams struct {
	// VersionID is the module version to move to (ActionModuleVersion.ID).
	VersionID string
	// VersionNumber names the version by number instead. With neither, the
	// module's latest published version.
	VersionNumber int
	// Deploy deploys each action once its draft is built, so that flows
	// run the new version. Without it only the drafts move.
	Deploy bool
	// ContinueOnError goes on with the other actions after one fails;
	// by default the first failure stops the rollout.
	ContinueOnError bool
}

// RolloutStatus is what Rollout did to one action.
type RolloutStatus string

// Rollout statuses.
const (
	// RolloutMoved: this call changed the action (its reference, its
	// deployment, or both).
	RolloutMoved RolloutStatus = "moved"
	// RolloutAlreadyThere: the action was at the version already; nothing
	// was written.
	RolloutAlreadyThere RolloutStatus = "already there"
	// RolloutFailed: see the RolloutAction's Err.
	RolloutFailed RolloutStatus = "failed"
)

// RolloutAction reports one action of a rollout.
type RolloutAction struct {
	// ActionID is the action's ID.
	ActionID string
	// ActionName is its name.
	ActionName string
	// Status says what happened.
	Status RolloutStatus
	// FromVersionNumber is the module version the action's draft used
	// before; 0 when it is not known.
	FromVersionNumber int
	// Deployed is the version this call deployed; nil when none was.
	Deployed *ActionVersion
	// Err is why the action failed; nil unless Status is RolloutFailed.
	Err error
}

// ModuleRolloutResult reports a rollout, action by action.
type ModuleRolloutResult struct {
	// ModuleID is the module.
	ModuleID string
	// Version is the module version the actions were moved to.
	Version *ActionModuleVersion
	// Actions has one entry per action handled, in the order of
	// ListActions; after a stop on failure, the actions not reached are
	// not listed.
	Actions []RolloutAction
}

// Failed returns the actions that failed.
func (r *ModuleRolloutResult) Failed() []RolloutAction {
	var out []RolloutAction
	for _, a := range r.Actions {
		if a.Status == RolloutFailed {
			out = append(out, a)
		}
	}
	return out
}

// Rollout moves every action that uses the module (every page of
// ListActions) to one module version, by default the latest: for each
// action it updates the module reference in the draft, waits until the
// draft is built and, with params.Deploy, deploys it and waits until the
// new version is live. The result reports each action: moved, already
// there, or failed with its error.
//
// An action is already there when its draft (and, with Deploy, its
// deployed version) uses the version: running Rollout again after a
// failure finishes the rest and repeats nothing. With Deploy, an action
// whose draft has other changes not yet deployed fails rather than ship
// them (ErrUndeployedChanges). The first failure stops the rollout unless
// params.ContinueOnError; either way the error is a *RolloutError. Actions
// are handled one at a time, within the client's rate-limit pacing.
// option.WithWaitTimeout (default 10 minutes) bounds each action, not the
// whole rollout: the update, the wait for its build and, with Deploy, the
// deploy and its wait share one deadline per action, and an action past it
// fails with ErrWaitTimeout. ctx bounds the whole rollout.
//
//	res, err := client.Actions.Modules.Rollout(ctx, mod.ID, auth0.ModuleRolloutParams{Deploy: true})
//	for _, a := range res.Actions { fmt.Println(a.ActionName, a.Status) }
func (r *ModuleService) Rollout(ctx context.Context, moduleID string, params ModuleRolloutParams, opts ...option.RequestOption) (*ModuleRolloutResult, error) {
	if moduleID == "" {
		return nil, errors.New("auth0: Modules.Rollout needs a module ID")
	}
	if params.VersionNumber < 0 {
		return nil, fmt.Errorf("auth0: ModuleRolloutParams.VersionNumber is %d; versions are numbered from 1", params.VersionNumber)
	}
	target, err := r.rolloutTarget(ctx, moduleID, params, opts)
	if err != nil {
		return nil, withContext("Modules.Rollout", err)
	}
	// Collect every page first: moving actions may change the list.
	var users []ActionModuleAction
	for a, err := range r.ListActionsAutoPaging(ctx, moduleID, ModuleActionListParams{PerPage: Int(MaxPerPage)}, opts...).All() {
		if err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(users, func(u ActionModuleAction) bool { return u.ActionID == a.ActionID }) {
			users = append(users, a)
		}
	}
	actions := r.actions()
	res := &ModuleRolloutResult{ModuleID: moduleID, Version: target}
	var failed []RolloutAction
	for _, u := range users {
		if err := ctx.Err(); err != nil {
			return res, fmt.Errorf("auth0: rollout of module %s: %w", moduleID, err)
		}
		ra := rolloutOne(ctx, actions, moduleID, target, u, params.Deploy, opts)
		res.Actions = append(res.Actions, ra)
		if ra.Status == RolloutFailed {
			failed = append(failed, ra)
			if !params.ContinueOnError {
				return res, &RolloutError{ModuleID: moduleID, Failed: failed, Stopped: len(res.Actions) < len(users)}
			}
		}
	}
	if len(failed) > 0 {
		return res, &RolloutError{ModuleID: moduleID, Failed: failed}
	}
	return res, nil
}

// actions returns an ActionService with this service's options.
func (r *ModuleService) actions() *ActionService {
	s := newActionService(r.Options)
	return &s
}

// rolloutTarget finds the version a rollout moves to.
func (r *ModuleService) rolloutTarget(ctx context.Context, moduleID string, params ModuleRolloutParams, opts []option.RequestOption) (*ActionModuleVersion, error) {
	if params.VersionID != "" {
		v, err := r.Versions.Get(ctx, moduleID, params.VersionID, opts...)
		if err != nil {
			return nil, err
		}
		if params.VersionNumber != 0 && v.VersionNumber != params.VersionNumber {
			return nil, fmt.Errorf("auth0: version %s of module %s is number %d, not %d", v.ID, moduleID, v.VersionNumber, params.VersionNumber)
		}
		return v, nil
	}
	mod, err := r.Get(ctx, moduleID, opts...)
	if err != nil {
		return nil, err
	}
	res := moduleResolver{svc: r, opts: opts}
	label := mod.Name
	if label == "" {
		label = mod.ID
	}
	return res.version(ctx, mod, label, params.VersionNumber)
}

// rolloutOne moves one action to the target version, through r.
func rolloutOne(ctx context.Context, r *ActionService, moduleID string, target *ActionModuleVersion, u ActionModuleAction,
	deploy bool, opts []option.RequestOption) RolloutAction {
	ra := RolloutAction{ActionID: u.ActionID, ActionName: u.ActionName, FromVersionNumber: u.ModuleVersionNumber}
	fail := func(err error) RolloutAction {
		ra.Status, ra.Err = RolloutFailed, waitErr(ctx, "moving it to module version "+strconv.Itoa(target.VersionNumber), err)
		return ra
	}
	// One deadline (option.WithWaitTimeout) per action.
	ctx, _, done, err := startWait(ctx, r.Options, opts)
	if err != nil {
		return fail(err)
	}
	defer done()
	a, err := r.Get(ctx, u.ActionID, opts...)
	if err != nil {
		return fail(err)
	}
	ra.ActionName = a.Name
	i := slices.IndexFunc(a.Modules, func(m ActionModuleReference) bool { return m.ModuleID == moduleID })
	if i < 0 {
		return fail(fmt.Errorf("auth0: the draft of action %q no longer uses module %s (its deployed version does); deploy or update the action first", a.Name, moduleID))
	}
	ra.FromVersionNumber = a.Modules[i].ModuleVersionNumber
	draftThere := a.Modules[i].ModuleVersionID == target.ID
	deployedThere := a.DeployedVersion != nil && slices.ContainsFunc(a.DeployedVersion.Modules, func(m ActionModuleReference) bool {
		return m.ModuleID == moduleID && m.ModuleVersionID == target.ID
	})
	if draftThere && (!deploy || deployedThere && a.AllChangesDeployed) {
		ra.Status = RolloutAlreadyThere
		return ra
	}
	if deploy && !draftOnlyMovesModule(a, moduleID) {
		return fail(withContext("action "+strconv.Quote(a.Name), ErrUndeployedChanges))
	}
	if !draftThere {
		refs := slices.Clone(a.Modules)
		refs[i] = ActionModuleReference{ModuleID: moduleID, ModuleVersionID: target.ID}
		if _, err := r.Update(ctx, a.ID, ActionUpdateParams{Modules: refs}, opts...); err != nil {
			return fail(err)
		}
	}
	if _, err := r.WaitUntilBuilt(ctx, a.ID, opts...); err != nil {
		return fail(err)
	}
	if deploy {
		if ra.Deployed, err = r.DeployAndWait(ctx, a.ID, opts...); err != nil {
			return fail(err)
		}
	}
	ra.Status = RolloutMoved
	return ra
}

// draftOnlyMovesModule reports whether deploying a's draft would change
// nothing but the reference to moduleID: its code, dependencies, runtime,
// triggers, secrets and other modules are those of the deployed version.
func draftOnlyMovesModule(a *Action, moduleID string) bool {
	if a.AllChangesDeployed {
		return true
	}
	d := a.DeployedVersion
	if d == nil {
		return false
	}
	others := func(ms []ActionModuleReference) []string {
		var out []string
		for _, m := range ms {
			if m.ModuleID != moduleID {
				out = append(out, m.ModuleID+"@"+m.ModuleVersionID)
			}
		}
		slices.Sort(out)
		return out
	}
	secrets := func(ss []ActionSecret) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = s.Name + "@" + s.UpdatedAt.UTC().Format(time.RFC3339Nano)
		}
		slices.Sort(out)
		return out
	}
	return a.Code == d.Code && canonicalRuntime(a.Runtime) == canonicalRuntime(d.Runtime) &&
		triggersLabel(a.SupportedTriggers) == triggersLabel(d.SupportedTriggers) &&
		slices.Equal(others(a.Modules), others(d.Modules)) && slices.Equal(secrets(a.Secrets), secrets(d.Secrets)) &&
		slices.EqualFunc(a.Dependencies, d.Dependencies, func(x, y ActionDependency) bool {
			return x.Name == y.Name && x.Version == y.Version
		})
}

// resolved reports whether a reference already carries the two IDs the
// API needs.
func (m ActionModuleReference) resolved() bool { return m.ModuleID != "" && m.ModuleVersionID != "" }

// moduleResolver looks modules up for one call, reading each module and
// the tenant's module list at most once.
type moduleResolver struct {
	svc  *ModuleService
	opts []option.RequestOption
	byID map[string]*ActionModule // from Get: with LatestVersion
	all  []ActionModule           // the module list, once read
	// planOnly keeps a reference to a module that does not exist or was
	// never published as it is, for a plan: in a dry run the module may be
	// created (or published) by an earlier step of the same pipeline.
	planOnly bool
}

func (m *moduleResolver) resolveAll(ctx context.Context, field string, refs []ActionModuleReference) ([]ActionModuleReference, error) {
	var out []ActionModuleReference
	for i, ref := range refs {
		if ref.resolved() {
			continue
		}
		if out == nil {
			out = append([]ActionModuleReference(nil), refs...)
		}
		got, err := m.resolve(ctx, ref)
		if err != nil && m.planOnly && (errors.As(err, new(*NotFoundError)) || errors.As(err, new(*ModuleNotPublishedError))) {
			continue
		}
		if err != nil {
			return nil, withContext(fmt.Sprintf("%s.Modules[%d]", field, i), err)
		}
		out[i] = got
	}
	if out == nil {
		return refs, nil
	}
	return out, nil
}

// resolve returns ref with both IDs, its module's name and its version's
// number filled in.
func (m *moduleResolver) resolve(ctx context.Context, ref ActionModuleReference) (ActionModuleReference, error) {
	mod, err := m.module(ctx, ref)
	if err != nil {
		return ref, err
	}
	label := mod.Name
	if label == "" {
		label = mod.ID
	}
	out := ActionModuleReference{ModuleID: mod.ID, ModuleName: mod.Name, ModuleVersionID: ref.ModuleVersionID,
		ModuleVersionNumber: ref.ModuleVersionNumber}
	if out.ModuleVersionID != "" {
		return out, nil // a version by ID: the server checks it
	}
	v, err := m.version(ctx, mod, label, ref.ModuleVersionNumber)
	if err != nil {
		return ref, err
	}
	out.ModuleVersionID, out.ModuleVersionNumber = v.ID, v.VersionNumber
	return out, nil
}

// module returns the referenced module, by ID or by name, with its latest
// version (a Get).
func (m *moduleResolver) module(ctx context.Context, ref ActionModuleReference) (*ActionModule, error) {
	id := ref.ModuleID
	if id == "" {
		found, err := m.byName(ctx, ref.ModuleName)
		if err != nil {
			return nil, err
		}
		id = found.ID
	}
	if mod, ok := m.byID[id]; ok {
		return mod, nil
	}
	mod, err := m.svc.Get(ctx, id, m.opts...)
	if err != nil {
		return nil, err
	}
	if ref.ModuleName != "" && mod.Name != ref.ModuleName {
		return nil, fmt.Errorf("auth0: the reference names module %q, but module %s is named %q", ref.ModuleName, id, mod.Name)
	}
	if m.byID == nil {
		m.byID = map[string]*ActionModule{}
	}
	m.byID[id] = mod
	return mod, nil
}

// byName finds a module in the tenant's list (read once per call).
func (m *moduleResolver) byName(ctx context.Context, name string) (*ActionModule, error) {
	if m.all == nil {
		all, err := m.svc.listAll(ctx, m.opts)
		if err != nil {
			return nil, err
		}
		m.all = all
	}
	return findModule(m.all, name)
}

// version returns the module's version with this number, or its latest
// version when number is 0.
func (m *moduleResolver) version(ctx context.Context, mod *ActionModule, label string, number int) (*ActionModuleVersion, error) {
	latest := mod.LatestVersion
	if latest == nil || latest.ID == "" {
		if number == 0 {
			return nil, &ModuleNotPublishedError{Module: label, ModuleID: mod.ID}
		}
		return nil, &ModuleVersionNotFoundError{Module: label, ModuleID: mod.ID, VersionNumber: number}
	}
	if number == 0 || latest.VersionNumber == number {
		return latest, nil
	}
	if number > latest.VersionNumber {
		return nil, &ModuleVersionNotFoundError{Module: label, ModuleID: mod.ID, VersionNumber: number, Latest: latest.VersionNumber}
	}
	for v, err := range m.svc.Versions.ListAutoPaging(ctx, mod.ID, ModuleVersionListParams{PerPage: Int(MaxPerPage)}, m.opts...).All() {
		if err != nil {
			return nil, err
		}
		if v.VersionNumber == number {
			return &v, nil
		}
	}
	return nil, &ModuleVersionNotFoundError{Module: label, ModuleID: mod.ID, VersionNumber: number, Latest: latest.VersionNumber}
}

// listAll returns every module of the tenant (at most 100 live).
func (r *ModuleService) listAll(ctx context.Context, opts []option.RequestOption) ([]ActionModule, error) {
	all := []ActionModule{}
	for mod, err := range r.ListAutoPaging(ctx, ModuleListParams{PerPage: Int(MaxPerPage)}, opts...).All() {
		if err != nil {
			return nil, err
		}
		all = append(all, mod)
	}
	return all, nil
}

// findModule returns the one module of all named name.
func findModule(all []ActionModule, name string) (*ActionModule, error) {
	var found []*ActionModule
	for i := range all {
		if all[i].Name == name {
			found = append(found, &all[i])
		}
	}
	switch len(found) {
	case 0:
		return nil, &NotFoundError{Kind: KindModule, Name: name}
	case 1:
		return found[0], nil
	}
	ids := make([]string, len(found))
	for i, mod := range found {
		ids[i] = mod.ID
	}
	return nil, &AmbiguousNameError{Kind: KindModule, Name: name, IDs: ids}
}

// GetByName returns the module with exactly this name (GET
// /actions/modules, every page: the API has no name filter). No match is a
// *NotFoundError (matching ErrNotFound); several, which Auth0's
// unique names should prevent, an *AmbiguousNameError. The module is read
// again with Get, so that it carries LatestVersion.
//
//	mod, err := client.Actions.Modules.GetByName(ctx, "shared-utils")
//	if errors.Is(err, auth0.ErrNotFound) { ... }
func (r *ModuleService) GetByName(ctx context.Context, name string, opts ...option.RequestOption) (*ActionModule, error) {
	if name == "" {
		return nil, errors.New("auth0: Modules.GetByName needs a name")
	}
	all, err := r.listAll(ctx, opts)
	if err != nil {
		return nil, err
	}
	found, err := findModule(all, name)
	if err != nil {
		return nil, err
	}
	return r.Get(ctx, found.ID, opts...)
}
