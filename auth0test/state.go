package auth0test

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
)

// Build statuses, as the API spells them.
const (
	statusPending  = "pending"
	statusBuilding = "building"
	statusBuilt    = "built"
	statusFailed   = "failed"
)

// FailBuildMarker makes a build fail: an action whose code contains it ends
// in status "failed" instead of "built", as if npm or the bundler had
// refused it. Server.FailBuilds does the same by action name.
const FailBuildMarker = "auth0test:fail-build"

// triggerRef is a trigger and version, as in supported_triggers.
type triggerRef struct {
	ID      string `json:"id"`
	Version string `json:"version,omitempty"`
}

type dependency struct {
	Name        string `json:"name,omitempty"`
	Version     string `json:"version,omitempty"`
	RegistryURL string `json:"registry_url,omitempty"`
}

type moduleRef struct {
	ModuleID            string `json:"module_id,omitempty"`
	ModuleName          string `json:"module_name,omitempty"`
	ModuleVersionID     string `json:"module_version_id,omitempty"`
	ModuleVersionNumber int    `json:"module_version_number,omitempty"`
}

type secret struct {
	name      string
	value     string
	updatedAt time.Time
}

// content is what a draft and a version hold.
type content struct {
	code     string
	deps     []dependency
	runtime  string
	secrets  []secret
	triggers []triggerRef
	modules  []moduleRef
}

func (c content) clone() content {
	c.deps = slices.Clone(c.deps)
	c.secrets = slices.Clone(c.secrets)
	c.triggers = slices.Clone(c.triggers)
	c.modules = slices.Clone(c.modules)
	return c
}

func (c content) equal(o content) bool {
	if c.code != o.code || c.runtime != o.runtime || !slices.Equal(c.deps, o.deps) ||
		!slices.Equal(c.triggers, o.triggers) || !slices.Equal(c.modules, o.modules) || len(c.secrets) != len(o.secrets) {
		return false
	}
	for i := range c.secrets {
		if c.secrets[i].name != o.secrets[i].name || c.secrets[i].value != o.secrets[i].value {
			return false
		}
	}
	return true
}

func (c content) supports(trigger string) bool {
	return slices.ContainsFunc(c.triggers, func(t triggerRef) bool { return t.ID == trigger })
}

type action struct {
	id   string
	name string
	content
	seq                    int
	createdAt, updatedAt   time.Time
	status                 string
	builtAt                time.Time
	buildStart             time.Time
	reads                  int
	buildErrors            []auth0.ActionError
	draftID                string
	deployOnBuild          bool
	versions               []*version // oldest first
	deployed               *version
	allChangesDeployed     bool
	installedIntegrationID string
	integration            json.RawMessage
	testResult             json.RawMessage
}

type version struct {
	id     string
	number int
	content
	status               string
	errors               []auth0.ActionError
	builtAt              time.Time
	createdAt, updatedAt time.Time
}

type binding struct {
	id          string
	trigger     string
	actionID    string
	displayName string
	createdAt   time.Time
	updatedAt   time.Time
}

// ts is a timestamp as the live API writes it: UTC, nanoseconds, Z.
type ts time.Time

func (t ts) IsZero() bool { return time.Time(t).IsZero() }

func (t ts) MarshalJSON() ([]byte, error) {
	return []byte(`"` + formatTime(time.Time(t)) + `"`), nil
}

func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000Z") }

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Wire shapes. They are this package's own, not the SDK's types, so that
// the fake checks the SDK rather than echoing it.

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

// parseDraft reads the draft fields of a validated create or update body.
// Secrets keep their update time when their value is unchanged (or not sent).
func parseDraft(body map[string]any, old content, now time.Time) (content, error) {
	c := old.clone()
	if v, ok := body["code"]; ok {
		c.code = v.(string)
	}
	if v, ok := body["runtime"]; ok {
		c.runtime = v.(string)
	}
	if v, ok := body["supported_triggers"]; ok {
		c.triggers = nil
		for _, item := range v.([]any) {
			m := item.(map[string]any)
			t := triggerRef{ID: m["id"].(string)}
			if ver, ok := m["version"].(string); ok {
				t.Version = ver
			}
			c.triggers = append(c.triggers, t)
		}
	}
	if v, ok := body["dependencies"]; ok {
		c.deps = []dependency{}
		if err := remarshal(v, &c.deps); err != nil {
			return c, err
		}
	}
	if v, ok := body["modules"]; ok {
		c.modules = []moduleRef{}
		if err := remarshal(v, &c.modules); err != nil {
			return c, err
		}
	}
	if v, ok := body["secrets"]; ok {
		var next []secret
		for _, item := range v.([]any) {
			m := item.(map[string]any)
			name, _ := m["name"].(string)
			value, hasValue := m["value"].(string)
			s := secret{name: name, value: value, updatedAt: now}
			if i := slices.IndexFunc(old.secrets, func(o secret) bool { return o.name == name }); i >= 0 {
				prev := old.secrets[i]
				if !hasValue || prev.value == value {
					s = prev
				}
			}
			next = append(next, s)
		}
		c.secrets = next
	}
	return c, nil
}

func remarshal(from, to any) error {
	b, err := json.Marshal(from)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, to)
}

// checkDraft is the semantic validation after the schema: triggers and
// versions that exist, named and distinct secrets.
func checkDraft(c content) *apiError {
	for i, t := range c.triggers {
		if _, ok := lookupTrigger(t.ID, t.Version); !ok {
			return badBody(fmt.Sprintf("Payload validation error: 'Trigger %s has no version %s' on property supported_triggers[%d].version.", t.ID, t.Version, i))
		}
	}
	seen := map[string]bool{}
	for i, s := range c.secrets {
		if s.name == "" {
			return badBody(fmt.Sprintf("Payload validation error: 'Missing required property: name' on property secrets[%d].", i))
		}
		if seen[s.name] {
			return badBody(fmt.Sprintf("Payload validation error: 'Duplicate secret name: %s' on property secrets[%d].", s.name, i))
		}
		seen[s.name] = true
	}
	return nil
}

// fillDefaults sets the trigger version and runtime the server picks when
// the request leaves them out.
func fillDefaults(c *content) {
	for i, t := range c.triggers {
		if t.Version == "" {
			if tv, ok := lookupTrigger(t.ID, ""); ok {
				c.triggers[i].Version = tv.Version
			}
		}
	}
	if c.runtime == "" {
		c.runtime = "node22"
		if len(c.triggers) > 0 {
			if tv, ok := lookupTrigger(c.triggers[0].ID, c.triggers[0].Version); ok {
				c.runtime = tv.DefaultRuntime
			}
		}
	}
}
