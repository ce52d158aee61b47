package auth0

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/actions-sdk/auth0-go/option"
)

// Module references by name: the live API accepts a module on an action only
// by the IDs of the module and of one of its published versions, so
// references that name a module (or give a version number) are looked up
// before an action is created or updated.

// ModuleNotFoundError is returned when no module has the name looked for
// (Modules.GetByName, or a module reference by name). It matches ErrNotFound.
type ModuleNotFoundError struct {
	// Name is the name looked for.
	Name string
}

// Error implements error.
func (e *ModuleNotFoundError) Error() string {
	return fmt.Sprintf("auth0: no action module is named %q", e.Name)
}

// Is matches ErrNotFound.
func (e *ModuleNotFoundError) Is(target error) bool { return target == ErrNotFound }

// ModuleVersionNotFoundError is returned when a module reference asks for a
// version number the module has not published. It matches ErrNotFound.
type ModuleVersionNotFoundError struct {
	// Module is the module's name (or its ID when it was named by ID).
	Module string
	// ModuleID is the module's ID.
	ModuleID string
	// VersionNumber is the number asked for.
	VersionNumber int
	// Latest is the module's latest published version number; 0 when it
	// has none.
	Latest int
}

// Error implements error.
func (e *ModuleVersionNotFoundError) Error() string {
	latest := "it has published no version"
	if e.Latest > 0 {
		latest = "its latest version is " + strconv.Itoa(e.Latest)
	}
	return fmt.Sprintf("auth0: action module %q has no version %d (%s)", e.Module, e.VersionNumber, latest)
}

// Is matches ErrNotFound.
func (e *ModuleVersionNotFoundError) Is(target error) bool { return target == ErrNotFound }

// ModuleNotPublishedError is returned when a module reference asks for the
// latest version of a module that has never been published: an action can
// use only a published version. It matches ErrModuleNotPublished.
type ModuleNotPublishedError struct {
	// Module is the module's name (or its ID when it was named by ID).
	Module string
	// ModuleID is the module's ID.
	ModuleID string
}

// Error implements error.
func (e *ModuleNotPublishedError) Error() string {
	return fmt.Sprintf("auth0: action module %q has no published version; publish it (Actions.Modules.Versions.New) before an action can use it", e.Module)
}

// Is matches ErrModuleNotPublished.
func (e *ModuleNotPublishedError) Is(target error) bool { return target == ErrModuleNotPublished }

// resolved reports whether a reference already carries the two IDs the
// API needs.
func (m ActionModuleReference) resolved() bool { return m.ModuleID != "" && m.ModuleVersionID != "" }

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
		if err != nil && m.planOnly && (errors.As(err, new(*ModuleNotFoundError)) || errors.As(err, new(*ModuleNotPublishedError))) {
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
		return nil, &ModuleNotFoundError{Name: name}
	case 1:
		return found[0], nil
	}
	ids := make([]string, len(found))
	for i, mod := range found {
		ids[i] = mod.ID
	}
	return nil, &AmbiguousNameError{Name: name, IDs: ids, Kind: "action modules"}
}

// GetByName returns the module with exactly this name (GET
// /actions/modules, every page: the API has no name filter). No match is a
// *ModuleNotFoundError (matching ErrNotFound); several, which Auth0's
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
