package auth0

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/actions-sdk/auth0-go/internal/rawjson"
	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
)

// ActionService's endpoints (/actions/actions) and the action types. Its
// helpers are in actions_workflow.go.

// ActionService holds the /actions/actions endpoints: create, read, update,
// delete, deploy and test actions. Executions, triggers (with their
// bindings) and versions are nested in it, as in the API reference.
type ActionService struct {
	// Options are applied to every call of this service, after the client's.
	Options []option.RequestOption
	// Executions reads the record of a trigger's run.
	Executions ExecutionService
	// Triggers lists triggers; Triggers.Bindings orders actions on them.
	Triggers TriggerService
	// Versions lists, reads and rolls back to an action's versions.
	Versions ActionVersionService
	// Modules manages Action Modules, the shared code actions use, and
	// (in Modules.Versions) their published versions.
	Modules ModuleService
}

func newActionService(opts []option.RequestOption) ActionService {
	return ActionService{
		Options:    opts,
		Executions: ExecutionService{Options: opts},
		Triggers:   newTriggerService(opts),
		Versions:   ActionVersionService{Options: opts},
		Modules:    newModuleService(opts),
	}
}

const hintCreate = "list actions with ActionListParams.ActionName to see whether it was created before trying again"

// New creates an action (POST /actions/actions). It is not run until it is
// deployed and bound to a trigger. Its status starts at pending and becomes
// built within seconds; poll Get (or use WaitUntilBuilt) before deploying.
//
// Module references that name a module (ModuleName, or ModuleID without
// ModuleVersionID) are first looked up and sent by their IDs; see
// ActionModuleReference.
//
// New is not retried after a 5xx or a broken connection, since a retry could
// create a second action; such errors match ErrOutcomeUnknown.
func (r *ActionService) New(ctx context.Context, params ActionNewParams, opts ...option.RequestOption) (*Action, error) {
	modules, err := r.resolveModules(ctx, "ActionNewParams", params.Modules, params.Validate, opts)
	if err != nil {
		return nil, err
	}
	params.Modules = modules
	var res Action
	call := requestconfig.Call{Method: http.MethodPost, Path: requestconfig.Static("actions/actions"), Params: params, Result: &res,
		Unsafe: true, Hint: hintCreate, Secrets: secretValues(params.Secrets)}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// Delete deletes an action and all its versions (DELETE
// /actions/actions/{id}). A bound action is refused unless params.Force is
// true, which detaches it from its triggers first.
func (r *ActionService) Delete(ctx context.Context, id string, params ActionDeleteParams, opts ...option.RequestOption) error {
	path, err := requestconfig.Path("actions/actions/{id}", id)
	call := requestconfig.Call{Method: http.MethodDelete, Path: path, PathErr: err, Params: params}
	return execute(ctx, &call, r.Options, opts)
}

// Deploy deploys an action's draft (POST /actions/actions/{id}/deploy),
// creating a new immutable version. If the action is bound to a trigger the
// new version runs at once. The returned version shows deployed false; a
// later read shows it deployed.
//
// Deploy is not retried after a 5xx or a broken connection, since a retry
// could create a second version; such errors match ErrOutcomeUnknown.
func (r *ActionService) Deploy(ctx context.Context, id string, opts ...option.RequestOption) (*ActionVersion, error) {
	path, err := requestconfig.Path("actions/actions/{id}/deploy", id)
	var res ActionVersion
	call := requestconfig.Call{Method: http.MethodPost, Path: path, PathErr: err, Result: &res,
		Unsafe: true, Hint: hintVersion}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// List returns one page of actions (GET /actions/actions), filtered by
// params. Use ListAutoPaging to go through every page.
func (r *ActionService) List(ctx context.Context, params ActionListParams, opts ...option.RequestOption) (*PageNumberPage[Action], error) {
	return newPager[Action](r.Options, requestconfig.Static("actions/actions"), nil, "actions", params.PerPage, params.Page, params).first(ctx, opts)
}

// ListAutoPaging returns an iterator over every action matching params,
// from params.Page on, fetching pages as needed with ctx. With
// option.WithPrefetch(n) it fetches up to n pages ahead.
func (r *ActionService) ListAutoPaging(ctx context.Context, params ActionListParams, opts ...option.RequestOption) *PageNumberPageAutoPager[Action] {
	return newPager[Action](r.Options, requestconfig.Static("actions/actions"), nil, "actions", params.PerPage, params.Page, params).autoPager(ctx, opts)
}

// Get returns an action (GET /actions/actions/{id}). A missing action is an
// *Error matching ErrNotFound.
func (r *ActionService) Get(ctx context.Context, id string, opts ...option.RequestOption) (*Action, error) {
	path, err := requestconfig.Path("actions/actions/{id}", id)
	var res Action
	call := requestconfig.Call{Method: http.MethodGet, Path: path, PathErr: err, Result: &res}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// Test runs an action's draft against a simulated event (POST
// /actions/actions/{id}/test). A runtime failure is still a success: look
// for "error" in the returned payload.
func (r *ActionService) Test(ctx context.Context, id string, params ActionTestParams, opts ...option.RequestOption) (*ActionTestResponse, error) {
	path, err := requestconfig.Path("actions/actions/{id}/test", id)
	var res ActionTestResponse
	call := requestconfig.Call{Method: http.MethodPost, Path: path, PathErr: err, Params: params, Result: &res}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// Update changes an action's draft (PATCH /actions/actions/{id}); only the
// fields set in params are sent. Flows keep running the deployed version
// until the next deploy. The status goes back to pending while it builds.
// Module references by name are looked up first, as for New.
func (r *ActionService) Update(ctx context.Context, id string, params ActionUpdateParams, opts ...option.RequestOption) (*Action, error) {
	modules, err := r.resolveModules(ctx, "ActionUpdateParams", params.Modules, params.Validate, opts)
	if err != nil {
		return nil, err
	}
	params.Modules = modules
	path, err := requestconfig.Path("actions/actions/{id}", id)
	var res Action
	call := requestconfig.Call{Method: http.MethodPatch, Path: path, PathErr: err, Params: params, Result: &res,
		Secrets: secretValues(params.Secrets)}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// Action is an action: code that runs at a trigger of an Auth0 flow.
type Action struct {
	// ID is the action's ID.
	ID string `json:"id,omitzero"`
	// Name is the action's name, unique in the tenant.
	Name string `json:"name,omitzero"`
	// SupportedTriggers are the triggers the action targets (one, for now).
	SupportedTriggers []Trigger `json:"supported_triggers,omitzero"`
	// AllChangesDeployed is true when the draft equals the deployed version.
	AllChangesDeployed bool `json:"all_changes_deployed,omitzero"`
	// CreatedAt is when the action was created.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when the action was last changed.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// Code is the draft's source code.
	Code string `json:"code,omitzero"`
	// Dependencies are the draft's npm modules.
	Dependencies []ActionDependency `json:"dependencies,omitzero"`
	// Runtime is the Node.js runtime, such as RuntimeNode22.
	Runtime string `json:"runtime,omitzero"`
	// Secrets are the names of the draft's secrets; values are never returned.
	Secrets []ActionSecret `json:"secrets,omitzero"`
	// DeployedVersion is the version flows run; nil before the first deploy.
	DeployedVersion *ActionVersion `json:"deployed_version,omitzero"`
	// InstalledIntegrationID is the installed marketplace integration, if any.
	InstalledIntegrationID string `json:"installed_integration_id,omitzero"`
	// Integration describes the marketplace integration; nil for custom actions.
	Integration *Integration `json:"integration,omitzero"`
	// Status is the build status of the draft.
	Status BuildStatus `json:"status,omitzero"`
	// BuiltAt is when the draft last built; zero while it builds.
	BuiltAt time.Time `json:"built_at,omitzero"`
	// Modules are the action modules (shared code) the draft uses.
	Modules []ActionModuleReference `json:"modules,omitzero"`
	// CurrentVersion is sent by the live API but not documented in Auth0's
	// schema; nil when absent. Its status is upper-case (BUILT).
	CurrentVersion *ActionCurrentVersion `json:"current_version,omitzero"`

	raw rawjson.Ref
}

// RawJSON returns the JSON the action was decoded from, or nil when it was
// not decoded from a response (or is nested in another value).
func (a *Action) RawJSON() json.RawMessage { return a.raw.Bytes() }

// Format prints the action as fmt prints a struct, with only its exported
// fields (not the reference behind RawJSON).
func (a Action) Format(f fmt.State, verb rune) { formatFields(f, verb, a) }

// setRef keeps the action's JSON and fills in what the live API leaves
// out of its deployed version (ActionVersion.ActionID).
func (a *Action) setRef(r rawjson.Ref) {
	a.raw = r
	a.normalize()
}

func (a *Action) normalize() {
	if v := a.DeployedVersion; v != nil {
		v.normalize()
		if v.ActionID == "" {
			v.ActionID = a.ID
		}
	}
}

func (a *Action) pageKey() string { return a.ID }

// ActionCurrentVersion is the undocumented current_version of an action.
type ActionCurrentVersion struct {
	// ID is the version's ID.
	ID string `json:"id,omitzero"`
	// Code is the version's source code.
	Code string `json:"code,omitzero"`
	// Runtime is the version's Node.js runtime.
	Runtime string `json:"runtime,omitzero"`
	// Status is the build status, upper-case (PENDING, BUILT).
	Status string `json:"status,omitzero"`
	// Number is the version number.
	Number int `json:"number,omitzero"`
	// BuildTime is when it built, as the API formats it.
	BuildTime string `json:"build_time,omitzero"`
	// CreatedAt is when the version was created.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when the version last changed.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// ActionDependency is an npm module an action uses.
type ActionDependency struct {
	// Name is the package name, such as "lodash".
	Name string `json:"name,omitzero"`
	// Version is the package version, such as "4.17.21" or "latest".
	Version string `json:"version,omitzero"`
	// RegistryURL is a private registry to install it from.
	RegistryURL string `json:"registry_url,omitzero"`
}

// ActionSecret is a secret as the API returns it: its name and when it
// changed. The value is write-only.
type ActionSecret struct {
	// Name is the secret's name, such as "API_KEY".
	Name string `json:"name,omitzero"`
	// UpdatedAt is when the secret was last set.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// ActionSecretParam sets a secret. Its value is redacted from every error,
// dump and log of the SDK, and when the param is printed with fmt (at any
// depth) or logged with slog as a value of its own. A slog JSON handler
// given a whole params struct encodes it as JSON, value included: log the
// secrets' names instead.
type ActionSecretParam struct {
	// Name is the secret's name, such as "API_KEY".
	Name string `json:"name"`
	// Value is the secret's value. The API never returns it.
	Value string `json:"value"`
}

// Format prints the secret with its value redacted.
func (s ActionSecretParam) Format(f fmt.State, verb rune) {
	if verb == 'v' && (f.Flag('+') || f.Flag('#')) {
		fmt.Fprintf(f, "{Name:%s Value:[REDACTED]}", s.Name)
		return
	}
	fmt.Fprintf(f, "{%s [REDACTED]}", s.Name)
}

// LogValue logs the secret with its value redacted, for slog handlers that
// would otherwise encode it as JSON.
func (s ActionSecretParam) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", s.Name), slog.String("value", "[REDACTED]"))
}

// ActionModuleReference is an action module (shared code) at one of its
// published versions, as an action uses it.
//
// In responses all four fields are filled in. The live API accepts a
// module in params (ActionNewParams, ActionUpdateParams, ActionUpsertParams)
// only by the IDs of the module and of one of its published versions, and
// fills in the name and number itself; only the two IDs are sent. A
// reference may instead name what it means, and the SDK looks the IDs up
// before sending:
//
//   - ModuleID and ModuleVersionID: sent as they are, without a lookup;
//   - ModuleName (or ModuleID) alone: the module's latest published version;
//   - ModuleName (or ModuleID) and ModuleVersionNumber: that version.
//
// A module that does not exist is a *NotFoundError, a version number
// it has not published a *ModuleVersionNotFoundError (both match
// ErrNotFound), and a module never published a *ModuleNotPublishedError.
type ActionModuleReference struct {
	// ModuleID is the module's ID.
	ModuleID string `json:"module_id,omitzero"`
	// ModuleName is the module's name.
	ModuleName string `json:"module_name,omitzero"`
	// ModuleVersionID is the ID of the module version used.
	ModuleVersionID string `json:"module_version_id,omitzero"`
	// ModuleVersionNumber is the number of the module version used.
	ModuleVersionNumber int `json:"module_version_number,omitzero"`
}

// moduleRefParam is a module reference as params send it: the two IDs.
type moduleRefParam struct {
	ModuleID        string `json:"module_id"`
	ModuleVersionID string `json:"module_version_id"`
}

// moduleRefParams returns the wire form of refs, keeping nil as nil (the
// field is left out) and empty as empty (the field is cleared).
//
// A reference still without both IDs is an error: it must be resolved
// (New, Update and Upsert do that) before it can be sent.
func moduleRefParams(refs []ActionModuleReference) ([]moduleRefParam, error) {
	if refs == nil {
		return nil, nil
	}
	out := make([]moduleRefParam, len(refs))
	for i, m := range refs {
		if !m.resolved() {
			return nil, fmt.Errorf("auth0: Modules[%d] has no ModuleID and ModuleVersionID to send; Actions.New, Update and Upsert look them up from a ModuleName", i)
		}
		out[i] = moduleRefParam{ModuleID: m.ModuleID, ModuleVersionID: m.ModuleVersionID}
	}
	return out, nil
}

// ActionError is a build or execution error.
type ActionError struct {
	// ID identifies the error for Auth0 support.
	ID string `json:"id,omitzero"`
	// Msg describes the error.
	Msg string `json:"msg,omitzero"`
	// URL links to more information.
	URL string `json:"url,omitzero"`
}

// Integration describes the marketplace integration an action came from.
type Integration struct {
	// ID is the integration's ID.
	ID string `json:"id,omitzero"`
	// CatalogID is its ID in the marketplace catalog.
	CatalogID string `json:"catalog_id,omitzero"`
	// URLSlug is its marketplace URL slug.
	URLSlug string `json:"url_slug,omitzero"`
	// PartnerID is the partner account that owns it.
	PartnerID string `json:"partner_id,omitzero"`
	// Name is its display name.
	Name string `json:"name,omitzero"`
	// Description is its long description.
	Description string `json:"description,omitzero"`
	// ShortDescription is its card description.
	ShortDescription string `json:"short_description,omitzero"`
	// Logo is its logo's URL.
	Logo string `json:"logo,omitzero"`
	// FeatureType is its kind, such as IntegrationFeatureTypeAction.
	FeatureType IntegrationFeatureType `json:"feature_type,omitzero"`
	// TermsOfUseURL links to its terms of use.
	TermsOfUseURL string `json:"terms_of_use_url,omitzero"`
	// PrivacyPolicyURL links to its privacy policy.
	PrivacyPolicyURL string `json:"privacy_policy_url,omitzero"`
	// PublicSupportLink links to its support.
	PublicSupportLink string `json:"public_support_link,omitzero"`
	// CurrentRelease is the integration's current release, if sent.
	CurrentRelease *IntegrationRelease `json:"current_release,omitzero"`
	// CreatedAt is when it was created.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when it last changed.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// IntegrationRelease is a release of a marketplace integration.
type IntegrationRelease struct {
	// ID is the release's ID.
	ID string `json:"id,omitzero"`
	// Trigger is the trigger the release targets.
	Trigger Trigger `json:"trigger,omitzero"`
	// Semver is the release's version.
	Semver IntegrationSemVer `json:"semver,omitzero"`
	// RequiredSecrets are the secrets an installer must give.
	RequiredSecrets []IntegrationRequiredParam `json:"required_secrets,omitzero"`
	// RequiredConfiguration is the configuration an installer must give.
	RequiredConfiguration []IntegrationRequiredParam `json:"required_configuration,omitzero"`
}

// IntegrationSemVer is a major.minor version.
type IntegrationSemVer struct {
	// Major is the major version.
	Major int `json:"major,omitzero"`
	// Minor is the minor version.
	Minor int `json:"minor,omitzero"`
}

// IntegrationRequiredParam is a secret or setting an integration needs.
type IntegrationRequiredParam struct {
	// Type is the param's type, such as IntegrationRequiredParamTypeString.
	Type IntegrationRequiredParamType `json:"type,omitzero"`
	// Name is the param's name.
	Name string `json:"name,omitzero"`
	// Required is true when the installer must give it.
	Required bool `json:"required,omitzero"`
	// Optional is experimental (Auth0 Labs only).
	Optional bool `json:"optional,omitzero"`
	// Label is the param's label in the installer.
	Label string `json:"label,omitzero"`
	// Description explains the param.
	Description string `json:"description,omitzero"`
	// DefaultValue is the value used when none is given.
	DefaultValue string `json:"default_value,omitzero"`
	// Placeholder is the input's placeholder text.
	Placeholder string `json:"placeholder,omitzero"`
	// Options are the choices, when the param is a choice.
	Options []IntegrationRequiredParamOption `json:"options,omitzero"`
}

// IntegrationRequiredParamOption is one choice for a required param.
type IntegrationRequiredParamOption struct {
	// Value is the choice's value.
	Value string `json:"value,omitzero"`
	// Label is the choice's label.
	Label string `json:"label,omitzero"`
}

// ActionTestResponse is the result of Test.
type ActionTestResponse struct {
	// Payload is the simulated execution's result: trigger-specific output,
	// "stats" timings and, when the code threw, "error".
	Payload map[string]any `json:"payload,omitzero"`

	raw rawjson.Ref
}

// RawJSON returns the JSON the response was decoded from.
func (t *ActionTestResponse) RawJSON() json.RawMessage { return t.raw.Bytes() }

// Format prints the response as fmt prints a struct, with only its exported
// fields (not the reference behind RawJSON).
func (t ActionTestResponse) Format(f fmt.State, verb rune) { formatFields(f, verb, t) }

func (t *ActionTestResponse) setRef(r rawjson.Ref) { t.raw = r }

// ActionNewParams are the fields of a new action. Name and SupportedTriggers
// are required; the rest is sent only when set.
type ActionNewParams struct {
	// Name is the action's name. Required.
	Name string `json:"name"`
	// SupportedTriggers is the trigger the action targets, with its
	// version, such as {ID: TriggerPostLogin, Version: "v3"}. Required.
	SupportedTriggers []Trigger `json:"supported_triggers"`
	// Code is the source code.
	Code *string `json:"code,omitzero"`
	// Dependencies are npm modules to install.
	Dependencies []ActionDependency `json:"dependencies,omitzero"`
	// Runtime is the Node.js runtime; the server's default is node22.
	Runtime *string `json:"runtime,omitzero"`
	// Secrets are secrets the code reads from event.secrets.
	Secrets []ActionSecretParam `json:"secrets,omitzero"`
	// Modules are the action modules (shared code) to use, at most 3: by
	// their IDs, or by name (see ActionModuleReference).
	Modules []ActionModuleReference `json:"modules,omitzero"`
	// Deploy deploys the action as soon as it is created.
	Deploy *bool `json:"deploy,omitzero"`
}

// MarshalJSON sends the params with module references reduced to their IDs.
func (p ActionNewParams) MarshalJSON() ([]byte, error) {
	type plain ActionNewParams
	modules, err := moduleRefParams(p.Modules)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		plain
		Modules []moduleRefParam `json:"modules,omitzero"`
	}{plain(p), modules})
}

// Validate reports a missing or malformed field before anything is sent.
func (p ActionNewParams) Validate() error {
	if p.Name == "" {
		return errors.New("auth0: ActionNewParams.Name is required")
	}
	if len(p.SupportedTriggers) == 0 {
		return errors.New("auth0: ActionNewParams.SupportedTriggers needs at least one trigger")
	}
	if err := validateCommon("ActionNewParams", p.SupportedTriggers, p.Secrets, p.Modules); err != nil {
		return err
	}
	return checkUTF8Fields("ActionNewParams", p)
}

// ActionUpdateParams are the changes to an action's draft. Only fields that
// are set are sent: a nil pointer or nil slice leaves the field as it is,
// while an empty non-nil slice (such as []ActionSecretParam{}) clears it.
type ActionUpdateParams struct {
	// Name renames the action.
	Name *string `json:"name,omitzero"`
	// SupportedTriggers replaces the targeted trigger.
	SupportedTriggers []Trigger `json:"supported_triggers,omitzero"`
	// Code replaces the source code.
	Code *string `json:"code,omitzero"`
	// Dependencies replaces the npm modules.
	Dependencies []ActionDependency `json:"dependencies,omitzero"`
	// Runtime changes the Node.js runtime.
	Runtime *string `json:"runtime,omitzero"`
	// Secrets replaces the secrets: the server keeps only those sent.
	Secrets []ActionSecretParam `json:"secrets,omitzero"`
	// Modules replaces the action modules: by their IDs, or by name (see
	// ActionModuleReference).
	Modules []ActionModuleReference `json:"modules,omitzero"`
}

// MarshalJSON sends the params with module references reduced to their IDs.
func (p ActionUpdateParams) MarshalJSON() ([]byte, error) {
	type plain ActionUpdateParams
	modules, err := moduleRefParams(p.Modules)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		plain
		Modules []moduleRefParam `json:"modules,omitzero"`
	}{plain(p), modules})
}

// Validate reports a malformed field before anything is sent.
func (p ActionUpdateParams) Validate() error {
	if p.Name != nil && *p.Name == "" {
		return errors.New("auth0: ActionUpdateParams.Name must not be empty when set")
	}
	if p.SupportedTriggers != nil && len(p.SupportedTriggers) == 0 {
		return errors.New("auth0: ActionUpdateParams.SupportedTriggers needs at least one trigger when set")
	}
	if err := validateCommon("ActionUpdateParams", p.SupportedTriggers, p.Secrets, p.Modules); err != nil {
		return err
	}
	return checkUTF8Fields("ActionUpdateParams", p)
}

func validateCommon(name string, triggers []Trigger, secrets []ActionSecretParam, modules []ActionModuleReference) error {
	for i, t := range triggers {
		if t.ID == "" {
			return fmt.Errorf("auth0: %s.SupportedTriggers[%d].ID is required", name, i)
		}
	}
	seen := make(map[string]bool, len(secrets))
	for i, s := range secrets {
		if s.Name == "" {
			return fmt.Errorf("auth0: %s.Secrets[%d].Name is required", name, i)
		}
		if seen[s.Name] {
			return fmt.Errorf("auth0: %s.Secrets has %s twice", name, s.Name)
		}
		seen[s.Name] = true
	}
	for i, m := range modules {
		if m.ModuleID == "" && m.ModuleName == "" {
			return fmt.Errorf("auth0: %s.Modules[%d] needs a ModuleID or a ModuleName", name, i)
		}
		if m.ModuleVersionNumber < 0 {
			return fmt.Errorf("auth0: %s.Modules[%d].ModuleVersionNumber is %d; versions are numbered from 1", name, i, m.ModuleVersionNumber)
		}
	}
	return nil
}

// ActionListParams filter the list of actions. Every field is optional.
type ActionListParams struct {
	// TriggerID keeps the actions that target this trigger.
	TriggerID *TriggerID `url:"triggerId,omitempty" json:"-"`
	// ActionName keeps the actions with this name.
	ActionName *string `url:"actionName,omitempty" json:"-"`
	// Deployed keeps deployed (true) or undeployed (false) actions.
	Deployed *bool `url:"deployed,omitempty" json:"-"`
	// Installed keeps marketplace (true) or custom (false) actions.
	Installed *bool `url:"installed,omitempty" json:"-"`
	// Page is the 0-based page to start from.
	Page *int `url:"page,omitempty" json:"-"`
	// PerPage is the page size, 1 to 100; this SDK's default is 50.
	PerPage *int `url:"per_page,omitempty" json:"-"`
}

// Validate reports a malformed field before anything is sent.
func (p ActionListParams) Validate() error {
	if p.ActionName != nil && *p.ActionName == "" {
		return errors.New("auth0: ActionListParams.ActionName must not be empty when set")
	}
	if p.TriggerID != nil && *p.TriggerID == "" {
		return errors.New("auth0: ActionListParams.TriggerID must not be empty when set")
	}
	return validatePage("ActionListParams", p.Page, p.PerPage)
}

// ActionDeleteParams are the options of Delete.
type ActionDeleteParams struct {
	// Force deletes the action even if it is bound, detaching it first.
	Force *bool `url:"force,omitempty" json:"-"`
}

// ActionTestParams are the event to test an action with.
type ActionTestParams struct {
	// Payload is the simulated event, such as {"event": {"user": {...}}}.
	// Required; its shape depends on the trigger.
	Payload map[string]any `json:"payload"`
}

// Validate reports a missing payload before anything is sent.
func (p ActionTestParams) Validate() error {
	if p.Payload == nil {
		return errors.New("auth0: ActionTestParams.Payload is required")
	}
	return checkUTF8Fields("ActionTestParams", p)
}

func secretValues(secrets []ActionSecretParam) []string {
	if len(secrets) == 0 {
		return nil
	}
	out := make([]string, 0, len(secrets))
	for _, s := range secrets {
		out = append(out, s.Value)
	}
	return out
}

// BuildStatus is the build status of an action's draft or of a version.
// Values not listed here may appear and decode as they are.
type BuildStatus string

// Build statuses.
const (
	BuildStatusPending  BuildStatus = "pending"
	BuildStatusBuilding BuildStatus = "building"
	BuildStatusPackaged BuildStatus = "packaged"
	BuildStatusBuilt    BuildStatus = "built"
	BuildStatusRetrying BuildStatus = "retrying"
	BuildStatusFailed   BuildStatus = "failed"
)

// Runtimes seen on the wire. Runtime fields are plain strings, so newer
// runtimes need no SDK update; GET /actions/triggers lists those allowed.
const (
	RuntimeNode12 = "node12"
	RuntimeNode16 = "node16"
	RuntimeNode18 = "node18"
	// RuntimeNode18Actions is the wire name of the GA Node 18 runtime.
	RuntimeNode18Actions = "node18-actions"
	RuntimeNode22        = "node22"
)

// IntegrationFeatureType is the kind of a marketplace integration.
type IntegrationFeatureType string

// Integration feature types.
const (
	IntegrationFeatureTypeUnspecified      IntegrationFeatureType = "unspecified"
	IntegrationFeatureTypeAction           IntegrationFeatureType = "action"
	IntegrationFeatureTypeSocialConnection IntegrationFeatureType = "social_connection"
	IntegrationFeatureTypeLogStream        IntegrationFeatureType = "log_stream"
	IntegrationFeatureTypeSSOIntegration   IntegrationFeatureType = "sso_integration"
	IntegrationFeatureTypeSMSProvider      IntegrationFeatureType = "sms_provider"
)

// IntegrationRequiredParamType is the type of an integration's required param.
type IntegrationRequiredParamType string

// Integration required-param types (upper-case on the wire).
const (
	IntegrationRequiredParamTypeUnspecified IntegrationRequiredParamType = "UNSPECIFIED"
	IntegrationRequiredParamTypeString      IntegrationRequiredParamType = "STRING"
)
