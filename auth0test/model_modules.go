package auth0test

import (
	"fmt"
	"slices"
	"time"
)

// Action Modules: shared code with its own dependencies and secrets. A
// module has one draft (create, update and rollback change it) and
// immutable versions numbered from 1 (publish snapshots the draft). An
// action pins one version of a module in its draft's modules, and its
// versions keep the reference they were deployed with.

// The live API's messages for modules (Auth0's OpenAPI document).
const (
	msgModuleNameTaken    = "An action module with the same name already exists."
	msgModuleInUse        = "The action module cannot be deleted because it is in use by one or more actions."
	msgNothingToPublish   = "No draft version is available to publish."
	msgVersionLimit       = "Maximum number of module versions reached. Consolidate versions used in actions before creating new ones."
	msgAlreadyDraft       = "The specified version is already the current draft version."
	msgModuleRefInvalid   = "invalid %s.Draft: embedded message failed validation | caused by: invalid DraftInformation.Modules[%d]: embedded message failed validation | caused by: invalid ModuleRef.%s: value must be a valid UUID"
	msgModuleRefNotFound  = "modules[%d]: The module or version does not exist."
	msgModuleRefTwice     = "modules[%d]: the action already uses the module %s; an action can use one version of a module."
	msgModuleTenantLimits = "The tenant has reached its limit of %d action modules."
)

type moduleDep struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// moduleContent is what a module's draft and its versions hold.
type moduleContent struct {
	code    string
	deps    []moduleDep
	secrets []secret
}

func (c moduleContent) clone() moduleContent {
	c.deps = slices.Clone(c.deps)
	c.secrets = slices.Clone(c.secrets)
	return c
}

func (c moduleContent) equal(o moduleContent) bool {
	return c.code == o.code && slices.Equal(c.deps, o.deps) && secretsEqual(c.secrets, o.secrets)
}

type module struct {
	id, name             string
	seq                  int
	draft                moduleContent
	createdAt, updatedAt time.Time
	versions             []*moduleVersion // oldest first
	lastNumber           int              // numbers are never reused, even after a version is pruned
	// draftFrom is the version a rollback copied into the draft, until the
	// draft changes again.
	draftFrom string
}

type moduleVersion struct {
	id       string
	moduleID string
	number   int
	moduleContent
	createdAt time.Time
}

func (m *module) latest() *moduleVersion {
	if len(m.versions) == 0 {
		return nil
	}
	return m.versions[len(m.versions)-1]
}

func (m *module) version(id string) *moduleVersion {
	for _, v := range m.versions {
		if v.id == id {
			return v
		}
	}
	return nil
}

// allChangesPublished reports whether the draft equals the latest version.
func (m *module) allChangesPublished() bool {
	l := m.latest()
	return l != nil && m.draft.equal(l.moduleContent)
}

// moduleInput is a module create or update body; nil fields were left out.
type moduleInput struct {
	Name         *string       `json:"name"`
	Code         *string       `json:"code"`
	Secrets      []secretInput `json:"secrets"`
	Dependencies []moduleDep   `json:"dependencies"`
	Publish      bool          `json:"publish"`
}

// moduleNow is the time of module changes: the live API keeps microseconds.
func (st *state) moduleNow() time.Time { return st.now().UTC().Truncate(time.Microsecond) }

func (st *state) module(id string) (*module, *modelError) {
	if m := st.modules[id]; m != nil {
		return m, nil
	}
	return nil, errModuleNotFound
}

func (st *state) moduleByName(name string) *module {
	for _, m := range st.modules {
		if m.name == name {
			return m
		}
	}
	return nil
}

// sortedModules returns every module in creation order.
func (st *state) sortedModules() []*module {
	out := make([]*module, 0, len(st.modules))
	for _, m := range st.modules {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b *module) int { return a.seq - b.seq })
	return out
}

// moduleDraft returns old changed by in, within the limits.
func (st *state) moduleDraft(in *moduleInput, old moduleContent, now time.Time) (moduleContent, *modelError) {
	c := old.clone()
	if in.Code != nil {
		c.code = *in.Code
	}
	lim := st.cfg.moduleLimits
	if in.Dependencies != nil {
		if n := len(in.Dependencies); n > lim.DependenciesPerModule {
			return c, tooLong("dependencies", n, lim.DependenciesPerModule)
		}
		c.deps = append([]moduleDep{}, in.Dependencies...)
	}
	if in.Secrets != nil {
		if n := len(in.Secrets); n > lim.SecretsPerModule {
			return c, tooLong("secrets", n, lim.SecretsPerModule)
		}
		seen := map[string]bool{}
		for i, s := range in.Secrets {
			if seen[s.Name] {
				return c, payloadError(fmt.Sprintf("Payload validation error: 'Duplicate secret name: %s' on property secrets[%d].", s.Name, i))
			}
			seen[s.Name] = true
		}
		c.secrets = applySecrets(old.secrets, in.Secrets, now)
	}
	return c, nil
}

// tooLong is a list over a limit, in the schema validator's words.
func tooLong(field string, n, max int) *modelError {
	return payloadError(fmt.Sprintf("Payload validation error: 'Array is too long (%d), maximum %d' on property %s.", n, max, field))
}

// createModule adds a module with a draft and, with in.Publish, publishes
// it as version 1.
func (st *state) createModule(in *moduleInput) (*module, *modelError) {
	if max := st.cfg.moduleLimits.ModulesPerTenant; len(st.modules) >= max {
		return nil, invalid(fmt.Sprintf(msgModuleTenantLimits, max))
	}
	if st.moduleByName(*in.Name) != nil {
		return nil, &modelError{kind: errConflict, msg: msgModuleNameTaken}
	}
	now := st.moduleNow()
	c, e := st.moduleDraft(in, moduleContent{}, now)
	if e != nil {
		return nil, e
	}
	m := &module{id: newUUID(), name: *in.Name, seq: st.nextSeq(), draft: c, createdAt: now, updatedAt: now}
	st.modules[m.id] = m
	if in.Publish {
		if _, e := st.publishModule(m.id); e != nil {
			delete(st.modules, m.id)
			return nil, e
		}
	}
	return m, nil
}

// updateModule changes the draft. It returns the module and the module as
// it was before, whose times the live response still shows.
func (st *state) updateModule(id string, in *moduleInput) (m *module, before module, e *modelError) {
	if m, e = st.module(id); e != nil {
		return nil, before, e
	}
	before = *m
	before.draft = m.draft.clone()
	now := st.moduleNow()
	c, e := st.moduleDraft(in, m.draft, now)
	if e != nil {
		return nil, before, e
	}
	m.draft, m.updatedAt, m.draftFrom = c, now, ""
	return m, before, nil
}

// deleteModule deletes a module and its versions, unless a deployed
// action version uses it.
func (st *state) deleteModule(id string) *modelError {
	m, e := st.module(id)
	if e != nil {
		return e
	}
	if st.actionsUsingModule(m.id) > 0 {
		return &modelError{kind: errPrecondition, msg: msgModuleInUse}
	}
	delete(st.modules, m.id)
	return nil
}

// publishModule snapshots the draft as the next version. At the version
// limit the oldest version no action uses is deleted first.
func (st *state) publishModule(id string) (*moduleVersion, *modelError) {
	m, e := st.module(id)
	if e != nil {
		return nil, e
	}
	if m.allChangesPublished() {
		return nil, &modelError{kind: errConflict, msg: msgNothingToPublish}
	}
	if len(m.versions) >= st.cfg.moduleLimits.VersionsPerModule {
		used := st.usedModuleVersions()
		i := slices.IndexFunc(m.versions, func(v *moduleVersion) bool { return !used[v.id] })
		if i < 0 {
			return nil, &modelError{kind: errPrecondition, msg: msgVersionLimit}
		}
		m.versions = slices.Delete(m.versions, i, i+1)
	}
	m.lastNumber++
	v := &moduleVersion{id: newUUID(), moduleID: m.id, number: m.lastNumber, moduleContent: m.draft.clone(), createdAt: st.moduleNow()}
	m.versions = append(m.versions, v)
	return v, nil
}

// rollbackModule copies a version into the draft; it makes no version.
func (st *state) rollbackModule(id, versionID string) (*module, *modelError) {
	m, e := st.module(id)
	if e != nil {
		return nil, e
	}
	v := m.version(versionID)
	if v == nil {
		return nil, errModuleNotFound
	}
	if m.draftFrom == v.id {
		return nil, &modelError{kind: errConflict, msg: msgAlreadyDraft}
	}
	m.draft, m.draftFrom, m.updatedAt = v.moduleContent.clone(), v.id, st.moduleNow()
	return m, nil
}

// moduleVersions returns a module's versions, newest first.
func (st *state) moduleVersions(id string) ([]*moduleVersion, *modelError) {
	m, e := st.module(id)
	if e != nil {
		return nil, e
	}
	out := slices.Clone(m.versions)
	slices.Reverse(out)
	return out, nil
}

func (st *state) moduleVersion(id, versionID string) (*moduleVersion, *modelError) {
	m, e := st.module(id)
	if e != nil {
		return nil, e
	}
	if v := m.version(versionID); v != nil {
		return v, nil
	}
	return nil, errModuleNotFound
}

// moduleUse is an action that uses a module, and the reference it uses.
type moduleUse struct {
	action *action
	ref    moduleRef
}

// moduleActions lists the actions whose deployed version or draft uses the
// module, in creation order, each once: with the deployed version's
// reference when it has one, else the draft's.
func (st *state) moduleActions(id string) ([]moduleUse, *modelError) {
	m, e := st.module(id)
	if e != nil {
		return nil, e
	}
	var out []moduleUse
	for _, a := range st.sortedActions() {
		var refs []moduleRef
		if a.deployed != nil {
			refs = append(refs, a.deployed.modules...)
		}
		refs = append(refs, a.modules...)
		if i := slices.IndexFunc(refs, func(r moduleRef) bool { return r.ModuleID == m.id }); i >= 0 {
			out = append(out, moduleUse{action: a, ref: refs[i]})
		}
	}
	return out, nil
}

// actionsUsingModule counts the actions whose deployed version uses the
// module.
func (st *state) actionsUsingModule(id string) int {
	n := 0
	for _, a := range st.actions {
		if a.deployed != nil && slices.ContainsFunc(a.deployed.modules, func(r moduleRef) bool { return r.ModuleID == id }) {
			n++
		}
	}
	return n
}

// usedModuleVersions returns the module versions that an action's draft or
// deployed version references.
func (st *state) usedModuleVersions() map[string]bool {
	used := map[string]bool{}
	for _, a := range st.actions {
		for _, r := range a.modules {
			used[r.ModuleVersionID] = true
		}
		if a.deployed != nil {
			for _, r := range a.deployed.modules {
				used[r.ModuleVersionID] = true
			}
		}
	}
	return used
}

// resolveModuleRefs checks an action's module references as the live API
// does (UUIDs, a published version of an existing module, within the
// limit) and fills in the module's name and the version's number. op is
// the request's name in the live API's messages.
func (st *state) resolveModuleRefs(refs []moduleRef, op string) ([]moduleRef, *modelError) {
	if max := st.cfg.moduleLimits.ModulesPerAction; len(refs) > max {
		return nil, tooLong("modules", len(refs), max)
	}
	out := make([]moduleRef, 0, len(refs))
	for i, r := range refs {
		for _, f := range []struct{ field, v string }{{"ModuleId", r.ModuleID}, {"ModuleVersionId", r.ModuleVersionID}} {
			if !uuidPattern.MatchString(f.v) {
				return nil, invalid(fmt.Sprintf(msgModuleRefInvalid, op, i, f.field))
			}
		}
		m := st.modules[r.ModuleID]
		if m == nil || m.version(r.ModuleVersionID) == nil {
			return nil, invalid(fmt.Sprintf(msgModuleRefNotFound, i))
		}
		if slices.ContainsFunc(out, func(o moduleRef) bool { return o.ModuleID == m.id }) {
			return nil, invalid(fmt.Sprintf(msgModuleRefTwice, i, m.name))
		}
		v := m.version(r.ModuleVersionID)
		out = append(out, moduleRef{ModuleID: m.id, ModuleName: m.name, ModuleVersionID: v.id, ModuleVersionNumber: v.number})
	}
	return out, nil
}
