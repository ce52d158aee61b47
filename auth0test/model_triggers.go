package auth0test

import "slices"

// triggerVersion is one entry of GET /actions/triggers.
type triggerVersion struct {
	ID                 string       `json:"id"`
	Version            string       `json:"version"`
	Status             string       `json:"status"`
	Runtimes           []string     `json:"runtimes"`
	DefaultRuntime     string       `json:"default_runtime"`
	CompatibleTriggers []triggerRef `json:"compatible_triggers,omitempty"`
	BindingPolicy      string       `json:"binding_policy"`
}

var (
	runtimesCurrent    = []string{"node18", "node22"}
	runtimesDeprecated = []string{"node12", "node16"}
)

func current(id, version string, compatible ...triggerRef) triggerVersion {
	return triggerVersion{ID: id, Version: version, Status: "CURRENT", Runtimes: runtimesCurrent,
		DefaultRuntime: "node22", CompatibleTriggers: compatible, BindingPolicy: policyTriggerBound}
}

func deprecated(id, version string) triggerVersion {
	return triggerVersion{ID: id, Version: version, Status: "DEPRECATED", Runtimes: runtimesDeprecated,
		DefaultRuntime: "node16", BindingPolicy: policyTriggerBound}
}

func entityBound(t triggerVersion) triggerVersion {
	t.BindingPolicy = policyEntityBound
	return t
}

// catalogue is the trigger list the fake serves: the 14 trigger IDs of
// Auth0's schema, with the versions seen on the wire (contract §4.1).
// event-stream and custom-token-exchange actions are bound by Auth0 (to an
// event stream or a token exchange profile), so they are entity-bound.
var catalogue = []triggerVersion{
	deprecated("post-login", "v1"),
	deprecated("post-login", "v2"),
	current("post-login", "v3", triggerRef{ID: "post-login", Version: "v2"}),
	deprecated("credentials-exchange", "v1"),
	current("credentials-exchange", "v2"),
	deprecated("pre-user-registration", "v1"),
	current("pre-user-registration", "v2"),
	deprecated("post-user-registration", "v1"),
	current("post-user-registration", "v2"),
	deprecated("post-change-password", "v1"),
	current("post-change-password", "v2"),
	deprecated("send-phone-message", "v1"),
	current("send-phone-message", "v2"),
	current("custom-phone-provider", "v1"),
	current("custom-email-provider", "v1"),
	current("password-reset-post-challenge", "v1"),
	entityBound(current("custom-token-exchange", "v1")),
	entityBound(current("event-stream", "v1")),
	current("password-hash-migration", "v1"),
	current("login-post-identifier", "v1"),
	current("signup-post-identifier", "v1"),
}

func triggerIDs() []string {
	var ids []string
	for _, t := range catalogue {
		if !slices.Contains(ids, t.ID) {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

func knownTrigger(id string) bool {
	return slices.ContainsFunc(catalogue, func(t triggerVersion) bool { return t.ID == id })
}

// lookupTrigger returns the trigger version, or the current version when
// version is empty.
func lookupTrigger(id, version string) (triggerVersion, bool) {
	for _, t := range catalogue {
		if t.ID == id && (t.Version == version || version == "" && t.Status == "CURRENT") {
			return t, true
		}
	}
	return triggerVersion{}, false
}

// entityBound reports whether Auth0, not the tenant, manages the trigger's
// bindings: its binding_policy in the trigger list says so.
func entityBoundTrigger(id string) bool {
	t, ok := lookupTrigger(id, "")
	return ok && t.BindingPolicy == policyEntityBound
}

const (
	policyTriggerBound = "trigger-bound"
	policyEntityBound  = "entity-bound"
)
