package auth0

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/actions-sdk/auth0-go/internal/rawjson"
	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
)

// ModuleService's and ModuleVersionService's endpoints (/actions/modules)
// and the module types. Their helpers are in modules_workflow.go.

// ModuleService holds the /actions/modules endpoints: Action Modules,
// shared code with its own npm dependencies and secrets that actions load
// with require('actions:<name>'). A module has one editable draft (New,
// Update and Rollback change it) and immutable numbered versions
// (Versions.New publishes the draft as the next one). An action pins one
// module version in its Modules; publishing never moves an action to the
// new version: update the action and deploy it.
//
// Auth0 lists these endpoints as Early Access; a tenant without the
// feature answers 403 (ErrForbidden), returned as it is.
type ModuleService struct {
	// Options are applied to every call of this service, after the client's.
	Options []option.RequestOption
	// Versions publishes, lists and reads a module's versions.
	Versions ModuleVersionService
}

func newModuleService(opts []option.RequestOption) ModuleService {
	return ModuleService{Options: opts, Versions: ModuleVersionService{Options: opts}}
}

const (
	hintModuleNew      = "look the module up by name (Actions.Modules.List) to see whether it was created before trying again"
	hintModulePublish  = "get the module (Actions.Modules.Get): AllChangesPublished true and a new LatestVersion mean the version was published"
	hintModuleRollback = "get the module (Actions.Modules.Get) and compare its draft with the version before trying again"
)

// List returns one page of the tenant's modules (GET /actions/modules).
// The SDK always sends per_page (50 unless params say otherwise): without
// it the API turns paging off and returns every module at once. Needs the
// read:actions scope.
func (r *ModuleService) List(ctx context.Context, params ModuleListParams, opts ...option.RequestOption) (*PageNumberPage[ActionModule], error) {
	return newPager[ActionModule](r.Options, requestconfig.Static("actions/modules"), nil, "modules", params.PerPage, params.Page, params).first(ctx, opts)
}

// ListAutoPaging returns an iterator over every module, from params.Page
// on, fetching pages as needed with ctx.
func (r *ModuleService) ListAutoPaging(ctx context.Context, params ModuleListParams, opts ...option.RequestOption) *PageNumberPageAutoPager[ActionModule] {
	return newPager[ActionModule](r.Options, requestconfig.Static("actions/modules"), nil, "modules", params.PerPage, params.Page, params).autoPager(ctx, opts)
}

// New creates a module (POST /actions/modules) with a draft and, with
// params.Publish, publishes the draft as version 1 in the same call. A name
// that is taken is an *Error matching ErrConflict. Needs create:actions.
//
// New is not retried after a 5xx or a broken connection, since a retry
// could create the module twice; such errors match ErrOutcomeUnknown.
func (r *ModuleService) New(ctx context.Context, params ModuleNewParams, opts ...option.RequestOption) (*ActionModule, error) {
	var res ActionModule
	call := requestconfig.Call{Method: http.MethodPost, Path: requestconfig.Static("actions/modules"), Params: params, Result: &res,
		Unsafe: true, Hint: hintModuleNew, Secrets: secretValues(params.Secrets)}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// Get returns a module with its draft and latest published version (GET
// /actions/modules/{id}). A missing module is an *Error matching
// ErrNotFound.
func (r *ModuleService) Get(ctx context.Context, id string, opts ...option.RequestOption) (*ActionModule, error) {
	path, err := requestconfig.Path("actions/modules/{id}", id)
	var res ActionModule
	call := requestconfig.Call{Method: http.MethodGet, Path: path, PathErr: err, Result: &res}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// Delete deletes a module and its versions (DELETE /actions/modules/{id}).
// While a deployed action version uses the module the API refuses with a
// 412, an *Error matching ErrPreconditionFailed: move those actions to
// another module version (or delete them) and deploy them first. Needs
// delete:actions.
func (r *ModuleService) Delete(ctx context.Context, id string, opts ...option.RequestOption) error {
	path, err := requestconfig.Path("actions/modules/{id}", id)
	call := requestconfig.Call{Method: http.MethodDelete, Path: path, PathErr: err}
	return execute(ctx, &call, r.Options, opts)
}

// Update changes a module's draft (PATCH /actions/modules/{id}); only the
// fields set in params are sent. Actions keep running the version they
// pin. The name cannot be changed. The response's UpdatedAt is the value
// from before the change (as the live API sends it); Get shows the new
// one. Needs update:actions.
func (r *ModuleService) Update(ctx context.Context, id string, params ModuleUpdateParams, opts ...option.RequestOption) (*ActionModule, error) {
	path, err := requestconfig.Path("actions/modules/{id}", id)
	var res ActionModule
	call := requestconfig.Call{Method: http.MethodPatch, Path: path, PathErr: err, Params: params, Result: &res,
		Secrets: secretValues(params.Secrets)}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// ListActions returns one page of the actions whose deployed versions use
// the module (GET /actions/modules/{id}/actions), with the module version
// each one pins.
func (r *ModuleService) ListActions(ctx context.Context, id string, params ModuleActionListParams, opts ...option.RequestOption) (*PageNumberPage[ActionModuleAction], error) {
	path, err := requestconfig.Path("actions/modules/{id}/actions", id)
	return newPager[ActionModuleAction](r.Options, path, err, "actions", params.PerPage, params.Page, params).first(ctx, opts)
}

// ListActionsAutoPaging returns an iterator over every action that uses
// the module, from params.Page on, fetching pages as needed with ctx.
func (r *ModuleService) ListActionsAutoPaging(ctx context.Context, id string, params ModuleActionListParams, opts ...option.RequestOption) *PageNumberPageAutoPager[ActionModuleAction] {
	path, err := requestconfig.Path("actions/modules/{id}/actions", id)
	return newPager[ActionModuleAction](r.Options, path, err, "actions", params.PerPage, params.Page, params).autoPager(ctx, opts)
}

// Rollback copies a published version's code, dependencies and secrets
// into the module's draft (POST /actions/modules/{id}/rollback). It creates
// no version: publish the restored draft (Versions.New), then move the
// actions to it. An unknown module or version is an *Error matching
// ErrNotFound. Needs update:actions.
//
// Rollback is not retried after a 5xx or a broken connection; such errors
// match ErrOutcomeUnknown.
func (r *ModuleService) Rollback(ctx context.Context, id string, params ModuleRollbackParams, opts ...option.RequestOption) (*ActionModule, error) {
	path, err := requestconfig.Path("actions/modules/{id}/rollback", id)
	var res ActionModule
	call := requestconfig.Call{Method: http.MethodPost, Path: path, PathErr: err, Params: params, Result: &res,
		Unsafe: true, Hint: hintModuleRollback}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// ModuleVersionService holds the /actions/modules/{id}/versions endpoints.
// A version is an immutable snapshot of a module's draft.
type ModuleVersionService struct {
	// Options are applied to every call of this service, after the client's.
	Options []option.RequestOption
}

// List returns one page of a module's published versions (GET
// /actions/modules/{id}/versions), newest first. The draft is not listed.
func (r *ModuleVersionService) List(ctx context.Context, moduleID string, params ModuleVersionListParams, opts ...option.RequestOption) (*PageNumberPage[ActionModuleVersion], error) {
	path, err := requestconfig.Path("actions/modules/{id}/versions", moduleID)
	return newPager[ActionModuleVersion](r.Options, path, err, "versions", params.PerPage, params.Page, params).first(ctx, opts)
}

// ListAutoPaging returns an iterator over every published version of a
// module, newest first, from params.Page on, fetching pages as needed with
// ctx.
func (r *ModuleVersionService) ListAutoPaging(ctx context.Context, moduleID string, params ModuleVersionListParams, opts ...option.RequestOption) *PageNumberPageAutoPager[ActionModuleVersion] {
	path, err := requestconfig.Path("actions/modules/{id}/versions", moduleID)
	return newPager[ActionModuleVersion](r.Options, path, err, "versions", params.PerPage, params.Page, params).autoPager(ctx, opts)
}

// New publishes the module's draft as its next version (POST
// /actions/modules/{id}/versions; no body), numbered from 1. A draft with
// nothing new since the last version is an *Error matching ErrConflict
// (check ActionModule.AllChangesPublished first); a module at its version
// limit is one matching ErrPreconditionFailed. Needs update:actions.
//
// New is not retried after a 5xx or a broken connection, since a retry
// could publish twice (or answer 409 for the first one's success); such
// errors match ErrOutcomeUnknown.
func (r *ModuleVersionService) New(ctx context.Context, moduleID string, opts ...option.RequestOption) (*ActionModuleVersion, error) {
	path, err := requestconfig.Path("actions/modules/{id}/versions", moduleID)
	var res ActionModuleVersion
	call := requestconfig.Call{Method: http.MethodPost, Path: path, PathErr: err, Result: &res,
		Unsafe: true, Hint: hintModulePublish}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// Get returns one published version of a module (GET
// /actions/modules/{id}/versions/{versionId}). An unknown module or version
// is an *Error matching ErrNotFound.
func (r *ModuleVersionService) Get(ctx context.Context, moduleID, versionID string, opts ...option.RequestOption) (*ActionModuleVersion, error) {
	path, err := requestconfig.Path("actions/modules/{id}/versions/{versionId}", moduleID, versionID)
	var res ActionModuleVersion
	call := requestconfig.Call{Method: http.MethodGet, Path: path, PathErr: err, Result: &res}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// ActionModule is an Action Module: its draft (Code, Dependencies,
// Secrets) and what has been published of it. Get, New, Update and
// Rollback return it with LatestVersion; the list returns it with only
// LatestVersionNumber, which the SDK also fills in from LatestVersion, so
// that it is right whichever call returned the module.
type ActionModule struct {
	// ID is the module's ID (a UUID).
	ID string `json:"id,omitzero"`
	// Name is the module's name, unique in the tenant and fixed at
	// creation; actions load the module with require('actions:<Name>').
	Name string `json:"name,omitzero"`
	// Code is the draft's source code.
	Code string `json:"code,omitzero"`
	// Dependencies are the draft's npm dependencies.
	Dependencies []ActionModuleDependency `json:"dependencies,omitzero"`
	// Secrets are the names of the draft's secrets; values are never returned.
	Secrets []ActionModuleSecret `json:"secrets,omitzero"`
	// ActionsUsingModuleTotal counts the deployed actions that use the
	// module; while it is above 0 the module cannot be deleted.
	ActionsUsingModuleTotal int `json:"actions_using_module_total,omitzero"`
	// AllChangesPublished is true when the draft equals the latest
	// published version: publishing now would be refused (409).
	AllChangesPublished bool `json:"all_changes_published,omitzero"`
	// LatestVersionNumber is the latest published version's number; 0 when
	// none was published. The list sends it; for the calls that nest
	// LatestVersion instead (Get, New, Update, Rollback) the SDK fills it in
	// from LatestVersion while decoding, when the response left it out.
	LatestVersionNumber int `json:"latest_version_number,omitzero"`
	// CreatedAt is when the module was created.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when the draft last changed. An Update's response
	// still shows the value from before it.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// LatestVersion is the latest published version; nil before the first
	// publish and in list items. Its ModuleID is not sent here, and the
	// live API leaves its CreatedAt out.
	LatestVersion *ActionModuleVersion `json:"latest_version,omitzero"`

	raw rawjson.Ref
}

// normalize fills in LatestVersionNumber, when the response left it out,
// from the nested LatestVersion.
func (m *ActionModule) normalize() {
	if m.LatestVersionNumber == 0 && m.LatestVersion != nil && m.LatestVersion.VersionNumber > 0 {
		m.LatestVersionNumber = m.LatestVersion.VersionNumber
	}
}

// RawJSON returns the JSON the module was decoded from, or nil when it was
// not decoded from a response.
func (m *ActionModule) RawJSON() json.RawMessage { return m.raw.Bytes() }

// Format prints the module as fmt prints a struct, with only its exported
// fields (not the reference behind RawJSON).
func (m ActionModule) Format(f fmt.State, verb rune) { formatFields(f, verb, m) }

func (m *ActionModule) setRef(r rawjson.Ref) {
	m.raw = r
	m.normalize()
}

func (m *ActionModule) pageKey() string { return m.ID }

// ActionModuleVersion is a published, immutable version of a module. It is
// also the shape of ActionModule.LatestVersion.
type ActionModuleVersion struct {
	// ID is the version's ID: what an action's ModuleVersionID names.
	ID string `json:"id,omitzero"`
	// ModuleID is the module's ID; empty in ActionModule.LatestVersion.
	ModuleID string `json:"module_id,omitzero"`
	// VersionNumber counts the module's versions from 1.
	VersionNumber int `json:"version_number,omitzero"`
	// Code is the source code frozen into this version.
	Code string `json:"code,omitzero"`
	// Secrets are the names of the secrets frozen into this version.
	Secrets []ActionModuleSecret `json:"secrets,omitzero"`
	// Dependencies are the npm dependencies frozen into this version.
	Dependencies []ActionModuleDependency `json:"dependencies,omitzero"`
	// CreatedAt is when the version was published; zero when the API
	// leaves it out (as in ActionModule.LatestVersion).
	CreatedAt time.Time `json:"created_at,omitzero"`

	raw rawjson.Ref
}

// RawJSON returns the JSON the version was decoded from, or nil when it was
// not decoded from a response (or is nested in a module).
func (v *ActionModuleVersion) RawJSON() json.RawMessage { return v.raw.Bytes() }

// Format prints the version as fmt prints a struct, with only its exported
// fields (not the reference behind RawJSON).
func (v ActionModuleVersion) Format(f fmt.State, verb rune) { formatFields(f, verb, v) }

func (v *ActionModuleVersion) setRef(r rawjson.Ref) { v.raw = r }

func (v *ActionModuleVersion) pageKey() string { return v.ID }

// ActionModuleAction is an action whose deployed version uses a module,
// with the module version it pins.
type ActionModuleAction struct {
	// ActionID is the action's ID.
	ActionID string `json:"action_id,omitzero"`
	// ActionName is the action's name.
	ActionName string `json:"action_name,omitzero"`
	// ModuleVersionID is the ID of the module version the action uses.
	ModuleVersionID string `json:"module_version_id,omitzero"`
	// ModuleVersionNumber is that version's number.
	ModuleVersionNumber int `json:"module_version_number,omitzero"`
	// SupportedTriggers are the action's triggers; the live API has been
	// seen leaving them out.
	SupportedTriggers []Trigger `json:"supported_triggers,omitzero"`

	raw rawjson.Ref
}

// RawJSON returns the JSON the item was decoded from.
func (a *ActionModuleAction) RawJSON() json.RawMessage { return a.raw.Bytes() }

// Format prints the item as fmt prints a struct, with only its exported
// fields (not the reference behind RawJSON).
func (a ActionModuleAction) Format(f fmt.State, verb rune) { formatFields(f, verb, a) }

func (a *ActionModuleAction) setRef(r rawjson.Ref) { a.raw = r }

func (a *ActionModuleAction) pageKey() string { return a.ActionID }

// ActionModuleDependency is an npm package a module uses. In params both
// fields are required.
type ActionModuleDependency struct {
	// Name is the package name, such as "lodash" (at most 255 characters).
	Name string `json:"name"`
	// Version is the package version, such as "4.17.21" (at most 50
	// characters).
	Version string `json:"version"`
}

// ActionModuleSecret is a module secret as the API returns it: its name
// and when it was set. The value is write-only.
type ActionModuleSecret struct {
	// Name is the secret's name.
	Name string `json:"name,omitzero"`
	// UpdatedAt is when the secret was last set.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// ModuleListParams page through the tenant's modules.
type ModuleListParams struct {
	// Page is the 0-based page to start from.
	Page *int `url:"page,omitempty" json:"-"`
	// PerPage is the page size, 1 to 100; this SDK's default is 50.
	PerPage *int `url:"per_page,omitempty" json:"-"`
}

// Validate reports a malformed field before anything is sent.
func (p ModuleListParams) Validate() error {
	return validatePage("ModuleListParams", p.Page, p.PerPage)
}

// ModuleNewParams are the fields of a new module. Name and Code are
// required.
type ModuleNewParams struct {
	// Name is the module's name: at most 255 characters, unique in the
	// tenant, and fixed once created. Actions load the module with
	// require('actions:<Name>'), so lower-case letters, digits, '-' and
	// '_' are the safe choice (the Auth0 CLI allows only those). Required.
	Name string `json:"name"`
	// Code is the draft's source code, at most 65,536 characters. Required.
	Code string `json:"code"`
	// Secrets are the module's secrets; each needs a name and a value.
	Secrets []ActionSecretParam `json:"secrets,omitzero"`
	// Dependencies are npm packages; each needs a name and a version.
	Dependencies []ActionModuleDependency `json:"dependencies,omitzero"`
	// APIVersion is the module's API version, at most 20 characters. Its
	// meaning is not documented; Auth0's examples send "1".
	APIVersion *string `json:"api_version,omitzero"`
	// Publish publishes the draft as version 1 in the same call.
	Publish *bool `json:"publish,omitzero"`
}

// Validate reports a missing or malformed field before anything is sent.
func (p ModuleNewParams) Validate() error {
	const name = "ModuleNewParams"
	if p.Name == "" {
		return errors.New("auth0: ModuleNewParams.Name is required")
	}
	if p.Code == "" {
		return errors.New("auth0: ModuleNewParams.Code is required")
	}
	if err := checkWireString(name+".Name", p.Name, 255); err != nil {
		return err
	}
	if err := checkWireString(name+".Code", p.Code, 65536); err != nil {
		return err
	}
	if p.APIVersion != nil {
		if err := checkWireString(name+".APIVersion", *p.APIVersion, 20); err != nil {
			return err
		}
	}
	return validateModuleDraft(name, p.Secrets, p.Dependencies)
}

// ModuleUpdateParams are the changes to a module's draft. Only fields that
// are set are sent: a nil pointer or nil slice leaves the field as it is.
// A slice that is sent replaces the whole list: Secrets must then hold
// every secret the module keeps, with its value (values cannot be read
// back), and an empty non-nil slice removes them all.
type ModuleUpdateParams struct {
	// Code replaces the draft's source code (at most 65,536 characters).
	Code *string `json:"code,omitzero"`
	// Secrets replaces the draft's secrets: the server keeps only those sent.
	Secrets []ActionSecretParam `json:"secrets,omitzero"`
	// Dependencies replaces the draft's npm dependencies.
	Dependencies []ActionModuleDependency `json:"dependencies,omitzero"`
}

// Validate reports a malformed field before anything is sent.
func (p ModuleUpdateParams) Validate() error {
	const name = "ModuleUpdateParams"
	if p.Code != nil {
		if err := checkWireString(name+".Code", *p.Code, 65536); err != nil {
			return err
		}
	}
	return validateModuleDraft(name, p.Secrets, p.Dependencies)
}

// ModuleActionListParams page through the actions that use a module.
type ModuleActionListParams struct {
	// Page is the 0-based page to start from.
	Page *int `url:"page,omitempty" json:"-"`
	// PerPage is the page size, 1 to 100; this SDK's default is 50.
	PerPage *int `url:"per_page,omitempty" json:"-"`
}

// Validate reports a malformed field before anything is sent.
func (p ModuleActionListParams) Validate() error {
	return validatePage("ModuleActionListParams", p.Page, p.PerPage)
}

// ModuleRollbackParams name the version whose content Rollback copies into
// the draft.
type ModuleRollbackParams struct {
	// ModuleVersionID is the ID of a published version of the module
	// (ActionModuleVersion.ID). Required.
	ModuleVersionID string `json:"module_version_id"`
}

// Validate reports a missing version before anything is sent.
func (p ModuleRollbackParams) Validate() error {
	if strings.TrimSpace(p.ModuleVersionID) == "" {
		return errors.New("auth0: ModuleRollbackParams.ModuleVersionID is required")
	}
	return checkWireString("ModuleRollbackParams.ModuleVersionID", p.ModuleVersionID, 0)
}

// ModuleVersionListParams page through a module's versions.
type ModuleVersionListParams struct {
	// Page is the 0-based page to start from.
	Page *int `url:"page,omitempty" json:"-"`
	// PerPage is the page size, 1 to 100; this SDK's default is 50.
	PerPage *int `url:"per_page,omitempty" json:"-"`
}

// Validate reports a malformed field before anything is sent.
func (p ModuleVersionListParams) Validate() error {
	return validatePage("ModuleVersionListParams", p.Page, p.PerPage)
}

// validateModuleDraft checks the secrets and dependencies of a module's
// create or update body against Auth0's schema: names and values present,
// within their lengths, without NUL, and secret names distinct. The entity
// limits (how many secrets or dependencies) are left to the server, which
// changes them.
func validateModuleDraft(name string, secrets []ActionSecretParam, deps []ActionModuleDependency) error {
	seen := make(map[string]bool, len(secrets))
	for i, s := range secrets {
		field := fmt.Sprintf("%s.Secrets[%d]", name, i)
		if s.Name == "" {
			return fmt.Errorf("auth0: %s.Name is required", field)
		}
		if err := checkWireString(field+".Name", s.Name, 255); err != nil {
			return err
		}
		// The value is never quoted in the error: it is a secret.
		if strings.ContainsRune(s.Value, 0) {
			return fmt.Errorf("auth0: %s.Value contains a NUL character, which the API refuses", field)
		}
		if err := checkUTF8(field+".Value", s.Value); err != nil {
			return err
		}
		if n := utf8.RuneCountInString(s.Value); n > 4096 {
			return fmt.Errorf("auth0: %s.Value is %d characters long; the API allows at most 4096", field, n)
		}
		if seen[s.Name] {
			return fmt.Errorf("auth0: %s.Secrets has %s twice", name, s.Name)
		}
		seen[s.Name] = true
	}
	for i, d := range deps {
		field := fmt.Sprintf("%s.Dependencies[%d]", name, i)
		if d.Name == "" {
			return fmt.Errorf("auth0: %s.Name is required", field)
		}
		if d.Version == "" {
			return fmt.Errorf("auth0: %s.Version is required (such as \"4.17.21\")", field)
		}
		if err := checkWireString(field+".Name", d.Name, 255); err != nil {
			return err
		}
		if err := checkWireString(field+".Version", d.Version, 50); err != nil {
			return err
		}
	}
	return nil
}

// checkWireString applies the string rules of Auth0's module schemas: no
// NUL character and, when max > 0, at most max characters; and it refuses
// invalid UTF-8, which encoding/json would silently change.
func checkWireString(field, s string, max int) error {
	if strings.ContainsRune(s, 0) {
		return fmt.Errorf("auth0: %s contains a NUL character, which the API refuses", field)
	}
	if err := checkUTF8(field, s); err != nil {
		return err
	}
	if max > 0 {
		if n := utf8.RuneCountInString(s); n > max {
			return fmt.Errorf("auth0: %s is %d characters long; the API allows at most %d", field, n, max)
		}
	}
	return nil
}
