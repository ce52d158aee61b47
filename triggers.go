package auth0

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"

	"github.com/actions-sdk/auth0-go/internal/rawjson"
	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
)

// TriggerService's endpoint (/actions/triggers) and the trigger types. The
// bindings of a trigger are in bindings.go.

// TriggerService holds the /actions/triggers endpoints.
type TriggerService struct {
	// Options are applied to every call of this service, after the client's.
	Options []option.RequestOption
	// Bindings orders the actions bound to a trigger.
	Bindings BindingService
}

func newTriggerService(opts []option.RequestOption) TriggerService {
	return TriggerService{Options: opts, Bindings: BindingService{Options: opts}}
}

// List returns the triggers actions can be bound to (GET /actions/triggers),
// with their versions, runtimes and binding policy. It is not paginated.
func (r *TriggerService) List(ctx context.Context, opts ...option.RequestOption) (*TriggerListResponse, error) {
	var res TriggerListResponse
	call := requestconfig.Call{Method: http.MethodGet, Path: requestconfig.Static("actions/triggers"), Result: &itemsBody[Trigger]{key: "triggers",
		goType: reflect.TypeFor[TriggerListResponse](), items: &res.Triggers, raw: &res.raw}}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// Trigger is an extensibility point of an Auth0 flow, at one version. In an
// action's SupportedTriggers only ID and Version are set; the trigger list
// fills in the rest.
type Trigger struct {
	// ID is the trigger, such as TriggerPostLogin. Required in params.
	ID TriggerID `json:"id"`
	// Version is the trigger version, such as "v3".
	Version string `json:"version,omitzero"`
	// Status is the version's lifecycle: TriggerStatusCurrent or
	// TriggerStatusDeprecated.
	Status string `json:"status,omitzero"`
	// Runtimes are the runtimes allowed at this version.
	Runtimes []string `json:"runtimes,omitzero"`
	// DefaultRuntime is used when an action sets none.
	DefaultRuntime string `json:"default_runtime,omitzero"`
	// CompatibleTriggers share this trigger's event and API.
	CompatibleTriggers []CompatibleTrigger `json:"compatible_triggers,omitzero"`
	// BindingPolicy says who manages the trigger's bindings.
	BindingPolicy BindingPolicy `json:"binding_policy,omitzero"`

	raw rawjson.Ref
}

// RawJSON returns the JSON the trigger was decoded from, when it came from
// the trigger list.
func (t *Trigger) RawJSON() json.RawMessage { return t.raw.Bytes() }

// Format prints the trigger as fmt prints a struct, with only its exported
// fields (not the reference behind RawJSON).
func (t Trigger) Format(f fmt.State, verb rune) { formatFields(f, verb, t) }

func (t *Trigger) setRef(r rawjson.Ref) { t.raw = r }

// CompatibleTrigger is another trigger and version with the same event and API.
type CompatibleTrigger struct {
	// ID is the trigger.
	ID TriggerID `json:"id"`
	// Version is its version.
	Version string `json:"version"`
}

// TriggerListResponse is the result of Triggers.List.
type TriggerListResponse struct {
	// Triggers are the available triggers, one entry per version.
	Triggers []Trigger `json:"triggers,omitzero"`

	raw rawjson.Ref
}

// RawJSON returns the JSON the list was decoded from.
func (t *TriggerListResponse) RawJSON() json.RawMessage { return t.raw.Bytes() }

// Format prints the list as fmt prints a struct, with only its exported
// fields (not the reference behind RawJSON).
func (t TriggerListResponse) Format(f fmt.State, verb rune) { formatFields(f, verb, t) }

// TriggerID identifies a trigger. Auth0 adds triggers over time, so any
// value decodes; the constants are those of Auth0's schema, and those the
// live trigger list has ahead of it (TriggerMCPTool).
type TriggerID string

// Trigger IDs. Which of them a tenant offers, with which versions and
// runtimes, is what Triggers.List answers: the live list of 2026-08 had
// TriggerMCPTool and not TriggerLoginPostIdentifier or
// TriggerSignupPostIdentifier.
const (
	TriggerPostLogin                  TriggerID = "post-login"
	TriggerCredentialsExchange        TriggerID = "credentials-exchange"
	TriggerPreUserRegistration        TriggerID = "pre-user-registration"
	TriggerPostUserRegistration       TriggerID = "post-user-registration"
	TriggerPostChangePassword         TriggerID = "post-change-password"
	TriggerSendPhoneMessage           TriggerID = "send-phone-message"
	TriggerCustomPhoneProvider        TriggerID = "custom-phone-provider"
	TriggerCustomEmailProvider        TriggerID = "custom-email-provider"
	TriggerPasswordResetPostChallenge TriggerID = "password-reset-post-challenge"
	TriggerCustomTokenExchange        TriggerID = "custom-token-exchange"
	TriggerEventStream                TriggerID = "event-stream"
	TriggerPasswordHashMigration      TriggerID = "password-hash-migration"
	TriggerLoginPostIdentifier        TriggerID = "login-post-identifier"
	TriggerSignupPostIdentifier       TriggerID = "signup-post-identifier"
	// TriggerMCPTool is the trigger of MCP tool actions: entity-bound (Auth0
	// binds its actions; binding_policy says so). It is in the live trigger
	// list (2026-08) but not yet in Auth0's OpenAPI document.
	TriggerMCPTool TriggerID = "mcp-tool"
)

// Trigger version statuses seen on the wire.
const (
	TriggerStatusCurrent    = "CURRENT"
	TriggerStatusDeprecated = "DEPRECATED"
)

// BindingPolicy says who manages a trigger's bindings.
type BindingPolicy string

// Binding policies.
const (
	// BindingPolicyTriggerBound: the tenant manages the bindings.
	BindingPolicyTriggerBound BindingPolicy = "trigger-bound"
	// BindingPolicyEntityBound: Auth0 manages them; the tenant cannot.
	BindingPolicyEntityBound BindingPolicy = "entity-bound"
)
