package auth0test

import "slices"

// triggerVersion is one entry of GET /actions/triggers, its keys in the
// live API's order.
type triggerVersion struct {
	ID                 string       `json:"id"`
	Version            string       `json:"version"`
	Status             string       `json:"status"`
	Runtimes           []string     `json:"runtimes"`
	DefaultRuntime     string       `json:"default_runtime"`
	BindingPolicy      string       `json:"binding_policy"`
	CompatibleTriggers []triggerRef `json:"compatible_triggers"` // always sent, [] when empty
}

// The runtimes of the live trigger list (2026-08): the current version of
// a trigger-bound trigger offers node18-actions (the wire name of GA Node
// 18) and node22; a deprecated v1 offers only node22 yet names node12 as
// its default.
var (
	runtimesCurrent    = []string{"node18-actions", "node22"}
	runtimesNode22     = []string{"node22"}
	runtimesDeprecated = []string{"node22"}
)

func current(id, version string, compatible ...triggerRef) triggerVersion {
	return triggerVersion{ID: id, Version: version, Status: "CURRENT", Runtimes: runtimesCurrent,
		DefaultRuntime: "node22", CompatibleTriggers: append([]triggerRef{}, compatible...), BindingPolicy: policyTriggerBound}
}

func deprecated(id, version string) triggerVersion {
	return triggerVersion{ID: id, Version: version, Status: "DEPRECATED", Runtimes: runtimesDeprecated,
		DefaultRuntime: "node12", CompatibleTriggers: []triggerRef{}, BindingPolicy: policyTriggerBound}
}

// entityBound is a current trigger whose bindings Auth0 manages.
func entityBound(id string, runtimes ...string) triggerVersion {
	t := current(id, "v1")
	t.Runtimes, t.BindingPolicy = runtimes, policyEntityBound
	return t
}

// catalogue is the trigger list the fake serves: the newest live answer,
// entry for entry and in its order (the Deploy CLI's e2e recordings,
// 2026-08-10, auth0/auth0-deploy-cli test/e2e/recordings; contract §4.4a):
// 20 versions of 13 triggers. Four are entity-bound (Auth0 binds their
// actions to an event stream, a token exchange profile, …), mcp-tool among
// them, which Auth0's OpenAPI document does not list yet.
// login-post-identifier and signup-post-identifier, in the document, are
// not in that tenant's list, so not in this one: the API accepts their IDs
// (triggerIDs) but no action can support them.
var catalogue = []triggerVersion{
	current("post-login", "v3", triggerRef{ID: "post-login", Version: "v2"}),
	deprecated("post-login", "v1"),
	{ID: "post-login", Version: "v2", Status: "DEPRECATED", Runtimes: []string{"node18", "node22"}, DefaultRuntime: "node16",
		BindingPolicy: policyTriggerBound, CompatibleTriggers: []triggerRef{}},
	current("credentials-exchange", "v2"),
	deprecated("credentials-exchange", "v1"),
	current("pre-user-registration", "v2"),
	deprecated("pre-user-registration", "v1"),
	deprecated("post-user-registration", "v1"),
	current("post-user-registration", "v2"),
	deprecated("post-change-password", "v1"),
	current("post-change-password", "v2"),
	current("send-phone-message", "v2"),
	deprecated("send-phone-message", "v1"),
	current("password-reset-post-challenge", "v1"),
	current("custom-phone-provider", "v1"),
	current("custom-email-provider", "v1"),
	entityBound("custom-token-exchange", "node18", "node22"),
	entityBound("event-stream", runtimesNode22...),
	entityBound("password-hash-migration", runtimesNode22...),
	entityBound("mcp-tool", runtimesNode22...),
}

// documentTriggerIDs are the trigger IDs of Auth0's OpenAPI document
// (ActionTriggerTypeEnum), which the API accepts in paths, queries and
// bodies.
var documentTriggerIDs = []string{
	"post-login", "credentials-exchange", "pre-user-registration", "post-user-registration", "post-change-password",
	"send-phone-message", "custom-phone-provider", "custom-email-provider", "password-reset-post-challenge",
	"custom-token-exchange", "event-stream", "password-hash-migration", "login-post-identifier", "signup-post-identifier",
}

// liveOnlyTriggerIDs are trigger IDs the live API serves that the
// document does not list yet: mcp-tool, in the trigger list and with
// bindings listed (200) in the 2026-08 recordings.
var liveOnlyTriggerIDs = []string{"mcp-tool"}

// triggerIDs are the trigger IDs the API accepts: the document's and the
// live-only ones.
func triggerIDs() []string {
	return append(slices.Clone(documentTriggerIDs), liveOnlyTriggerIDs...)
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

// entityBoundTrigger reports whether Auth0, not the tenant, manages the
// trigger's bindings: its binding_policy in the trigger list says so.
func entityBoundTrigger(id string) bool {
	t, ok := lookupTrigger(id, "")
	return ok && t.BindingPolicy == policyEntityBound
}

const (
	policyTriggerBound = "trigger-bound"
	policyEntityBound  = "entity-bound"
)
