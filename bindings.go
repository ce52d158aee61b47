package auth0

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"time"

	"github.com/actions-sdk/auth0-go/internal/jsondec"
	"github.com/actions-sdk/auth0-go/internal/rawjson"
	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
)

// BindingService's endpoints and the binding types: the ordered list of
// actions a trigger runs. Its helpers (Add, Remove, Move) are in
// bindings_workflow.go.

// BindingService holds the /actions/triggers/{triggerId}/bindings endpoints:
// the ordered list of actions a trigger runs.
type BindingService struct {
	// Options are applied to every call of this service, after the client's.
	Options []option.RequestOption
}

// List returns one page of a trigger's bindings (GET
// /actions/triggers/{triggerId}/bindings), in execution order.
func (r *BindingService) List(ctx context.Context, triggerID TriggerID, params BindingListParams, opts ...option.RequestOption) (*PageNumberPage[Binding], error) {
	path, err := requestconfig.Path("actions/triggers/{triggerId}/bindings", string(triggerID))
	return newPager[Binding](r.Options, path, err, "bindings", params.PerPage, params.Page, params).first(ctx, opts)
}

// ListAutoPaging returns an iterator over every binding of a trigger, in
// execution order, fetching pages as needed with ctx.
func (r *BindingService) ListAutoPaging(ctx context.Context, triggerID TriggerID, params BindingListParams, opts ...option.RequestOption) *PageNumberPageAutoPager[Binding] {
	path, err := requestconfig.Path("actions/triggers/{triggerId}/bindings", string(triggerID))
	return newPager[Binding](r.Options, path, err, "bindings", params.PerPage, params.Page, params).autoPager(ctx, opts)
}

// Update replaces all of a trigger's bindings (PATCH
// /actions/triggers/{triggerId}/bindings) with params.Bindings, in the
// order given. An explicit empty slice unbinds every action; a nil
// Bindings (BindingUpdateParams{}) is refused before anything is sent, so
// that a forgotten field cannot unbind a whole trigger. Every binding gets
// a new ID. To change one binding, read them all, edit, and send the whole
// list, or use Add, Remove and Move.
func (r *BindingService) Update(ctx context.Context, triggerID TriggerID, params BindingUpdateParams, opts ...option.RequestOption) (*BindingUpdateResponse, error) {
	path, err := requestconfig.Path("actions/triggers/{triggerId}/bindings", string(triggerID))
	var res BindingUpdateResponse
	call := requestconfig.Call{Method: http.MethodPatch, Path: path, PathErr: err, Params: params, Result: &bindingUpdateDecoder{&res},
		Secrets: params.secretValues()}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// Binding joins an action to a trigger, at a position in its order.
type Binding struct {
	// ID is the binding's ID; every Update issues new ones.
	ID string `json:"id,omitzero"`
	// TriggerID is the trigger.
	TriggerID TriggerID `json:"trigger_id,omitzero"`
	// DisplayName is the name shown in the flow editor.
	DisplayName string `json:"display_name,omitzero"`
	// Action is the bound action. The live API sends a summary: ID, Name,
	// SupportedTriggers, timestamps, AllChangesDeployed and the versions.
	Action Action `json:"action,omitzero"`
	// CreatedAt is when the binding was created.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when the binding was last changed.
	UpdatedAt time.Time `json:"updated_at,omitzero"`

	raw rawjson.Ref
}

// RawJSON returns the JSON the binding was decoded from.
func (b *Binding) RawJSON() json.RawMessage { return b.raw.Bytes() }

// Format prints the binding as fmt prints a struct, with only its exported
// fields (not the reference behind RawJSON).
func (b Binding) Format(f fmt.State, verb rune) { formatFields(f, verb, b) }

func (b *Binding) setRef(r rawjson.Ref) {
	b.raw = r
	b.Action.normalize()
}

func (b *Binding) pageKey() string { return b.ID }

// BindingUpdateResponse is the result of Bindings.Update: the new bindings.
type BindingUpdateResponse struct {
	// Bindings are the trigger's bindings, in execution order.
	Bindings []Binding `json:"bindings,omitzero"`

	raw   rawjson.Ref
	spans [][2]int64 // where each binding is in the body
}

// bindingUpdateDecoder decodes a BindingUpdateResponse on the fast path
// (jsondec), noting where each binding is in the body for its RawJSON. It
// is a type apart so that the decoder's type stays out of the public API.
type bindingUpdateDecoder struct{ *BindingUpdateResponse }

// UnmarshalJSONFrom is encoding/json/v2's decoding interface.
func (d bindingUpdateDecoder) UnmarshalJSONFrom(dec *jsondec.Decoder) error {
	b := d.BindingUpdateResponse
	return jsondec.Object(dec, reflect.TypeFor[BindingUpdateResponse](), func(name []byte) error {
		if jsondec.Match(name, "bindings") == 0 {
			return jsondec.Items(dec, &b.Bindings, &b.spans)
		}
		return dec.SkipValue()
	})
}

// RawJSON returns the JSON the response was decoded from.
func (b *BindingUpdateResponse) RawJSON() json.RawMessage { return b.raw.Bytes() }

// Format prints the response as fmt prints a struct, with only its exported
// fields (not the reference behind RawJSON).
func (b BindingUpdateResponse) Format(f fmt.State, verb rune) { formatFields(f, verb, b) }

func (b *BindingUpdateResponse) setRef(r rawjson.Ref) {
	b.raw = r
	bindItems(b.Bindings, r, b.spans)
}

// BindingListParams page through a trigger's bindings.
type BindingListParams struct {
	// Page is the 0-based page to start from.
	Page *int `url:"page,omitempty" json:"-"`
	// PerPage is the page size, 1 to 100; this SDK's default is 50.
	PerPage *int `url:"per_page,omitempty" json:"-"`
}

// Validate reports a malformed field before anything is sent.
func (p BindingListParams) Validate() error {
	return validatePage("BindingListParams", p.Page, p.PerPage)
}

// BindingUpdateParams is the complete, ordered list of a trigger's bindings.
type BindingUpdateParams struct {
	// Bindings are the actions to run, in order. Required: an explicit
	// empty slice ([]BindingUpdate{}) unbinds every action, and nil is an
	// error (ErrNilBindings), so that BindingUpdateParams{} cannot unbind
	// a trigger by accident.
	Bindings []BindingUpdate `json:"bindings"`
}

// Validate reports a malformed binding, or a nil Bindings, before anything
// is sent.
func (p BindingUpdateParams) Validate() error {
	if p.Bindings == nil {
		return ErrNilBindings
	}
	for i, b := range p.Bindings {
		switch b.Ref.Type {
		case BindingRefTypeActionID, BindingRefTypeActionName, BindingRefTypeBindingID:
		case "":
			return fmt.Errorf("auth0: BindingUpdateParams.Bindings[%d].Ref.Type is required", i)
		default:
			return fmt.Errorf("auth0: BindingUpdateParams.Bindings[%d].Ref.Type %q is not action_id, action_name or binding_id", i, b.Ref.Type)
		}
		if b.Ref.Value == "" {
			return fmt.Errorf("auth0: BindingUpdateParams.Bindings[%d].Ref.Value is required", i)
		}
		for j, s := range b.Secrets {
			if s.Name == "" {
				return fmt.Errorf("auth0: BindingUpdateParams.Bindings[%d].Secrets[%d].Name is required", i, j)
			}
		}
	}
	return checkUTF8Fields("BindingUpdateParams", p)
}

func (p BindingUpdateParams) secretValues() []string {
	var out []string
	for _, b := range p.Bindings {
		out = append(out, secretValues(b.Secrets)...)
	}
	return out
}

// BindingUpdate is one entry of BindingUpdateParams.
type BindingUpdate struct {
	// Ref names the action to bind. Required.
	Ref BindingRef `json:"ref"`
	// DisplayName is the name shown in the flow editor.
	DisplayName *string `json:"display_name,omitzero"`
	// Secrets are binding-level secrets.
	Secrets []ActionSecretParam `json:"secrets,omitzero"`
}

// BindingRef identifies an action to bind.
type BindingRef struct {
	// Type says what Value is: BindingRefTypeActionID (recommended),
	// BindingRefTypeActionName or BindingRefTypeBindingID.
	Type BindingRefType `json:"type"`
	// Value is the action ID, action name or binding ID.
	Value string `json:"value"`
}

// BindingRefType says how a BindingRef names its action.
type BindingRefType string

// Binding reference types.
const (
	BindingRefTypeBindingID  BindingRefType = "binding_id"
	BindingRefTypeActionID   BindingRefType = "action_id"
	BindingRefTypeActionName BindingRefType = "action_name"
)
