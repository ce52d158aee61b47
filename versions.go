package auth0

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/actions-sdk/auth0-go/internal/rawjson"
	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
)

// ActionVersionService's endpoints (/actions/actions/{actionId}/versions)
// and the ActionVersion type.

// ActionVersionService holds the /actions/actions/{actionId}/versions endpoints.
// A version is created, immutable, by every deploy.
type ActionVersionService struct {
	// Options are applied to every call of this service, after the client's.
	Options []option.RequestOption
}

const hintVersion = "list the action's versions (Actions.Versions.List) to see whether a new version was created before trying again"

// Deploy rolls an action back to one of its versions (POST
// /actions/actions/{actionId}/versions/{id}/deploy): it creates a new
// deployed version identical to versionID. With params.UpdateDraft the
// draft is overwritten with it too.
//
// Deploy is not retried after a 5xx or a broken connection, since a retry
// could create a second version; such errors match ErrOutcomeUnknown.
func (r *ActionVersionService) Deploy(ctx context.Context, actionID, versionID string, params ActionVersionDeployParams, opts ...option.RequestOption) (*ActionVersion, error) {
	path, err := requestconfig.Path("actions/actions/{actionId}/versions/{id}/deploy", actionID, versionID)
	var res ActionVersion
	call := requestconfig.Call{Method: http.MethodPost, Path: path, PathErr: err, Params: params, Result: &res,
		Unsafe: true, Hint: hintVersion}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// List returns one page of an action's versions (GET
// /actions/actions/{actionId}/versions), newest first.
func (r *ActionVersionService) List(ctx context.Context, actionID string, params ActionVersionListParams, opts ...option.RequestOption) (*PageNumberPage[ActionVersion], error) {
	path, err := requestconfig.Path("actions/actions/{actionId}/versions", actionID)
	return newPager[ActionVersion](r.Options, path, err, "versions", params.PerPage, params.Page, params).first(ctx, opts)
}

// ListAutoPaging returns an iterator over every version of an action, from
// params.Page on, fetching pages as needed with ctx.
func (r *ActionVersionService) ListAutoPaging(ctx context.Context, actionID string, params ActionVersionListParams, opts ...option.RequestOption) *PageNumberPageAutoPager[ActionVersion] {
	path, err := requestconfig.Path("actions/actions/{actionId}/versions", actionID)
	return newPager[ActionVersion](r.Options, path, err, "versions", params.PerPage, params.Page, params).autoPager(ctx, opts)
}

// Get returns one version of an action (GET
// /actions/actions/{actionId}/versions/{id}).
func (r *ActionVersionService) Get(ctx context.Context, actionID, versionID string, opts ...option.RequestOption) (*ActionVersion, error) {
	path, err := requestconfig.Path("actions/actions/{actionId}/versions/{id}", actionID, versionID)
	var res ActionVersion
	call := requestconfig.Call{Method: http.MethodGet, Path: path, PathErr: err, Result: &res}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// ActionVersion is an immutable version of an action, created by a deploy
// or a roll-back. The deploy and roll-back responses and an action's
// DeployedVersion have this shape too.
type ActionVersion struct {
	// ID is the version's ID.
	ID string `json:"id,omitzero"`
	// ActionID is the action's ID. The live API often leaves action_id
	// out; the SDK then fills it in while decoding, from the nested
	// action's ID or, for an action's DeployedVersion, from the action.
	ActionID string `json:"action_id,omitzero"`
	// Code is the source code frozen into this version.
	Code string `json:"code,omitzero"`
	// Dependencies are the npm modules frozen into this version.
	Dependencies []ActionDependency `json:"dependencies,omitzero"`
	// Deployed is true for the version flows run. It is false in the deploy
	// and roll-back responses themselves.
	Deployed bool `json:"deployed,omitzero"`
	// Runtime is the Node.js runtime.
	Runtime string `json:"runtime,omitzero"`
	// Secrets are the names of the version's secrets.
	Secrets []ActionSecret `json:"secrets,omitzero"`
	// Status is the version's build status.
	Status BuildStatus `json:"status,omitzero"`
	// Number counts the action's versions from 1; a roll-back makes a new one.
	Number int `json:"number,omitzero"`
	// Errors are the version's build errors.
	Errors []ActionError `json:"errors,omitzero"`
	// Action summarises the action the version belongs to.
	Action ActionBase `json:"action,omitzero"`
	// BuiltAt is when the version built; zero until it has.
	BuiltAt time.Time `json:"built_at,omitzero"`
	// CreatedAt is when the version was created.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when Auth0 last changed the version (during its build).
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// SupportedTriggers are the triggers the version targets.
	SupportedTriggers []Trigger `json:"supported_triggers,omitzero"`
	// Modules are the action modules frozen into this version.
	Modules []ActionModuleReference `json:"modules,omitzero"`

	raw rawjson.Ref
}

// normalize fills in what the live API leaves out (see ActionID).
func (v *ActionVersion) normalize() {
	if v.ActionID == "" {
		v.ActionID = v.Action.ID
	}
}

// RawJSON returns the JSON the version was decoded from, or nil when it was
// not decoded from a response (or is nested in another value).
func (v *ActionVersion) RawJSON() json.RawMessage { return v.raw.Bytes() }

// Format prints the version as fmt prints a struct, with only its exported
// fields (not the reference behind RawJSON).
func (v ActionVersion) Format(f fmt.State, verb rune) { formatFields(f, verb, v) }

func (v *ActionVersion) setRef(r rawjson.Ref) {
	v.raw = r
	v.normalize()
}

func (v *ActionVersion) pageKey() string { return v.ID }

// ActionBase summarises an action inside one of its versions.
type ActionBase struct {
	// ID is the action's ID.
	ID string `json:"id,omitzero"`
	// Name is the action's name.
	Name string `json:"name,omitzero"`
	// SupportedTriggers are the triggers the action targets.
	SupportedTriggers []Trigger `json:"supported_triggers,omitzero"`
	// AllChangesDeployed is true when the draft equals the deployed version.
	AllChangesDeployed bool `json:"all_changes_deployed,omitzero"`
	// CreatedAt is when the action was created.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when the action last changed.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// ActionVersionListParams page through an action's versions.
type ActionVersionListParams struct {
	// Page is the 0-based page to start from.
	Page *int `url:"page,omitempty" json:"-"`
	// PerPage is the page size, 1 to 100; this SDK's default is 50.
	PerPage *int `url:"per_page,omitempty" json:"-"`
}

// Validate reports a malformed field before anything is sent.
func (p ActionVersionListParams) Validate() error {
	return validatePage("ActionVersionListParams", p.Page, p.PerPage)
}

// ActionVersionDeployParams are the options of a roll-back.
type ActionVersionDeployParams struct {
	// UpdateDraft also overwrites the action's draft with the version.
	UpdateDraft *bool `json:"update_draft,omitzero"`
}
