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

// ExecutionService holds the /actions/executions endpoint.
type ExecutionService struct {
	// Options are applied to every call of this service, after the client's.
	Options []option.RequestOption
}

// Get returns the record of one run of a trigger's actions (GET
// /actions/executions/{id}). Execution IDs appear in tenant logs; Auth0
// keeps executions for 10 days.
func (r *ExecutionService) Get(ctx context.Context, id string, opts ...option.RequestOption) (*Execution, error) {
	path, err := requestconfig.Path("actions/executions/{id}", id)
	var res Execution
	call := requestconfig.Call{Method: http.MethodGet, Path: path, PathErr: err, Result: &res}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// Execution is one run of the actions bound to a trigger.
type Execution struct {
	// ID is the execution's ID.
	ID string `json:"id,omitzero"`
	// TriggerID is the trigger that ran.
	TriggerID TriggerID `json:"trigger_id,omitzero"`
	// Status is the execution's overall status.
	Status ExecutionStatus `json:"status,omitzero"`
	// Results has one entry per action run, in order.
	Results []ExecutionResult `json:"results,omitzero"`
	// CreatedAt is when the execution started.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when the execution ended.
	UpdatedAt time.Time `json:"updated_at,omitzero"`

	raw rawjson.Ref
}

// RawJSON returns the JSON the execution was decoded from.
func (e *Execution) RawJSON() json.RawMessage { return e.raw.Bytes() }

// Format prints the execution as fmt prints a struct, with only its exported
// fields (not the reference behind RawJSON).
func (e Execution) Format(f fmt.State, verb rune) { formatFields(f, verb, e) }

func (e *Execution) setRef(r rawjson.Ref) { e.raw = r }

// ExecutionResult is the outcome of one action within an execution.
type ExecutionResult struct {
	// ActionName is the action that ran.
	ActionName string `json:"action_name,omitzero"`
	// Error is the action's error; nil when it succeeded.
	Error *ActionError `json:"error,omitzero"`
	// StartedAt is when the action started.
	StartedAt time.Time `json:"started_at,omitzero"`
	// EndedAt is when the action ended.
	EndedAt time.Time `json:"ended_at,omitzero"`
}

// ExecutionStatus is the status of an execution. Values not listed here
// may appear and decode as they are.
type ExecutionStatus string

// Execution statuses.
const (
	ExecutionStatusUnspecified ExecutionStatus = "unspecified"
	ExecutionStatusPending     ExecutionStatus = "pending"
	ExecutionStatusFinal       ExecutionStatus = "final"
	ExecutionStatusPartial     ExecutionStatus = "partial"
	ExecutionStatusCanceled    ExecutionStatus = "canceled"
	ExecutionStatusSuspended   ExecutionStatus = "suspended"
)
