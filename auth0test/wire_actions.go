package auth0test

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
)

// Wire shapes of the action endpoints. They are this package's own, not
// the SDK's types, so that the fake checks the SDK rather than echoing it.

// ts is a timestamp as the live API writes actions': UTC, nanoseconds, Z.
type ts time.Time

func (t ts) IsZero() bool { return time.Time(t).IsZero() }

func (t ts) MarshalJSON() ([]byte, error) {
	return []byte(`"` + formatTime(time.Time(t)) + `"`), nil
}

func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000Z") }

type wireSecret struct {
	Name      string `json:"name"`
	UpdatedAt ts     `json:"updated_at,omitzero"`
}

type wireError struct {
	ID  string `json:"id,omitempty"`
	Msg string `json:"msg,omitempty"`
	URL string `json:"url,omitempty"`
}

type wireActionBase struct {
	ID                 string       `json:"id"`
	Name               string       `json:"name"`
	SupportedTriggers  []triggerRef `json:"supported_triggers"`
	CreatedAt          ts           `json:"created_at"`
	UpdatedAt          ts           `json:"updated_at"`
	AllChangesDeployed bool         `json:"all_changes_deployed"`
}

type wireVersion struct {
	ID                string          `json:"id"`
	Code              string          `json:"code"`
	Dependencies      []dependency    `json:"dependencies"`
	Deployed          bool            `json:"deployed"`
	Number            int             `json:"number"`
	BuiltAt           ts              `json:"built_at,omitzero"`
	Secrets           []wireSecret    `json:"secrets"`
	Status            string          `json:"status"`
	Errors            []wireError     `json:"errors,omitempty"`
	CreatedAt         ts              `json:"created_at"`
	UpdatedAt         ts              `json:"updated_at"`
	Runtime           string          `json:"runtime,omitempty"`
	SupportedTriggers []triggerRef    `json:"supported_triggers"`
	Modules           []moduleRef     `json:"modules,omitempty"`
	Action            *wireActionBase `json:"action,omitempty"`
}

type wireCurrentVersion struct {
	ID        string `json:"id"`
	Code      string `json:"code"`
	Runtime   string `json:"runtime,omitempty"`
	Status    string `json:"status"`
	Number    int    `json:"number"`
	BuildTime string `json:"build_time,omitempty"`
	CreatedAt ts     `json:"created_at"`
	UpdatedAt ts     `json:"updated_at"`
}

type wireAction struct {
	ID                     string              `json:"id"`
	Name                   string              `json:"name"`
	SupportedTriggers      []triggerRef        `json:"supported_triggers"`
	AllChangesDeployed     bool                `json:"all_changes_deployed"`
	CreatedAt              ts                  `json:"created_at"`
	UpdatedAt              ts                  `json:"updated_at"`
	Code                   string              `json:"code"`
	Dependencies           []dependency        `json:"dependencies"`
	Runtime                string              `json:"runtime,omitempty"`
	Secrets                []wireSecret        `json:"secrets"`
	DeployedVersion        *wireVersion        `json:"deployed_version,omitempty"`
	InstalledIntegrationID string              `json:"installed_integration_id,omitempty"`
	Integration            json.RawMessage     `json:"integration,omitempty"`
	Status                 string              `json:"status"`
	BuiltAt                ts                  `json:"built_at,omitzero"`
	Modules                []moduleRef         `json:"modules,omitempty"`
	CurrentVersion         *wireCurrentVersion `json:"current_version,omitempty"`
}

// wireBindingAction is the reduced action the live API puts in a binding.
type wireBindingAction struct {
	ID                 string              `json:"id"`
	Name               string              `json:"name"`
	SupportedTriggers  []triggerRef        `json:"supported_triggers"`
	CreatedAt          ts                  `json:"created_at"`
	UpdatedAt          ts                  `json:"updated_at"`
	AllChangesDeployed bool                `json:"all_changes_deployed"`
	DeployedVersion    *wireVersion        `json:"deployed_version,omitempty"`
	CurrentVersion     *wireCurrentVersion `json:"current_version,omitempty"`
}

type wireBinding struct {
	ID          string            `json:"id"`
	TriggerID   string            `json:"trigger_id"`
	DisplayName string            `json:"display_name,omitempty"`
	Action      wireBindingAction `json:"action"`
	CreatedAt   ts                `json:"created_at"`
	UpdatedAt   ts                `json:"updated_at"`
}

type wireExecutionResult struct {
	ActionName string     `json:"action_name,omitempty"`
	Error      *wireError `json:"error,omitempty"`
	StartedAt  ts         `json:"started_at,omitzero"`
	EndedAt    ts         `json:"ended_at,omitzero"`
}

type wireExecution struct {
	ID        string                `json:"id"`
	TriggerID string                `json:"trigger_id,omitempty"`
	Status    string                `json:"status,omitempty"`
	Results   []wireExecutionResult `json:"results,omitempty"`
	CreatedAt ts                    `json:"created_at,omitzero"`
	UpdatedAt ts                    `json:"updated_at,omitzero"`
}

func wireSecrets(ss []secret) []wireSecret {
	out := make([]wireSecret, 0, len(ss))
	for _, s := range ss {
		out = append(out, wireSecret{Name: s.name, UpdatedAt: ts(s.updatedAt)})
	}
	return out
}

func wireErrors(es []auth0.ActionError) []wireError {
	var out []wireError
	for _, e := range es {
		out = append(out, wireError{ID: e.ID, Msg: e.Msg, URL: e.URL})
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (a *action) base() *wireActionBase {
	return &wireActionBase{ID: a.id, Name: a.name, SupportedTriggers: nonNil(slices.Clone(a.triggers)),
		CreatedAt: ts(a.createdAt), UpdatedAt: ts(a.updatedAt), AllChangesDeployed: a.allChangesDeployed}
}

// versionView says how a version is shown.
type versionView int

const (
	viewFull         versionView = iota // GET and list: with the action summary
	viewDeployed                        // an action's deployed_version
	viewDeployResult                    // the deploy and roll-back responses
)

func (a *action) wireVersion(v *version, view versionView) *wireVersion {
	w := &wireVersion{
		ID: v.id, Code: v.code, Dependencies: nonNil(slices.Clone(v.deps)), Number: v.number,
		BuiltAt: ts(v.builtAt), Secrets: wireSecrets(v.secrets), Status: v.status, Errors: wireErrors(v.errors),
		CreatedAt: ts(v.createdAt), UpdatedAt: ts(v.updatedAt), Runtime: v.runtime,
		SupportedTriggers: nonNil(slices.Clone(v.triggers)), Modules: slices.Clone(v.modules),
	}
	switch view {
	case viewFull:
		w.Deployed = a.deployed == v
		w.Action = a.base()
	case viewDeployed:
		w.Deployed = true
	case viewDeployResult:
		// As observed live: deployed false, no built_at, the action summary.
		w.BuiltAt = ts{}
		w.Action = a.base()
	}
	return w
}

// wireDeployment is the deploy and roll-back response: the new version,
// with the action as it was before.
func wireDeployment(d *deployment) *wireVersion {
	w := d.action.wireVersion(d.version, viewDeployResult)
	w.Action = d.before.base()
	return w
}

func (a *action) currentVersion() *wireCurrentVersion {
	number := len(a.versions) + 1
	if a.allChangesDeployed && a.deployed != nil {
		number = a.deployed.number
	}
	cv := &wireCurrentVersion{ID: a.draftID, Code: a.code, Runtime: a.runtime, Status: strings.ToUpper(a.status),
		Number: number, CreatedAt: ts(a.buildStart), UpdatedAt: ts(a.updatedAt)}
	if !a.builtAt.IsZero() {
		cv.BuildTime = formatTime(a.builtAt)
		cv.UpdatedAt = ts(a.builtAt)
	}
	return cv
}

func (a *action) wire(withCurrent bool) *wireAction {
	w := &wireAction{
		ID: a.id, Name: a.name, SupportedTriggers: nonNil(slices.Clone(a.triggers)),
		AllChangesDeployed: a.allChangesDeployed, CreatedAt: ts(a.createdAt), UpdatedAt: ts(a.updatedAt),
		Code: a.code, Dependencies: nonNil(slices.Clone(a.deps)), Runtime: a.runtime, Secrets: wireSecrets(a.secrets),
		InstalledIntegrationID: a.installedIntegrationID, Integration: a.integration,
		Status: a.status, BuiltAt: ts(a.builtAt), Modules: slices.Clone(a.modules),
	}
	if a.deployed != nil {
		w.DeployedVersion = a.wireVersion(a.deployed, viewDeployed)
	}
	if withCurrent {
		w.CurrentVersion = a.currentVersion()
	}
	return w
}

func (a *action) wireForBinding() wireBindingAction {
	w := wireBindingAction{ID: a.id, Name: a.name, SupportedTriggers: nonNil(slices.Clone(a.triggers)),
		CreatedAt: ts(a.createdAt), UpdatedAt: ts(a.updatedAt), AllChangesDeployed: a.allChangesDeployed,
		CurrentVersion: a.currentVersion()}
	if a.deployed != nil {
		w.DeployedVersion = a.wireVersion(a.deployed, viewDeployed)
	}
	return w
}

func (st *state) wireBindings(trigger string, bs []*binding) []wireBinding {
	bs = st.triggerBindings(bs)
	out := make([]wireBinding, 0, len(bs))
	for _, b := range bs {
		a := st.actions[b.actionID]
		out = append(out, wireBinding{ID: b.id, TriggerID: trigger, DisplayName: b.displayName,
			Action: a.wireForBinding(), CreatedAt: ts(b.createdAt), UpdatedAt: ts(b.updatedAt)})
	}
	return out
}

func toWireExecution(e auth0.Execution) wireExecution {
	w := wireExecution{ID: e.ID, TriggerID: string(e.TriggerID), Status: string(e.Status),
		CreatedAt: ts(e.CreatedAt), UpdatedAt: ts(e.UpdatedAt)}
	for _, r := range e.Results {
		wr := wireExecutionResult{ActionName: r.ActionName, StartedAt: ts(r.StartedAt), EndedAt: ts(r.EndedAt)}
		if r.Error != nil {
			wr.Error = &wireError{ID: r.Error.ID, Msg: r.Error.Msg, URL: r.Error.URL}
		}
		w.Results = append(w.Results, wr)
	}
	return w
}
