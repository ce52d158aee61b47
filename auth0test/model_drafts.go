package auth0test

import (
	"fmt"
	"slices"
)

// Drafts: what a create or update body does to an action's draft, with
// the checks the schema cannot express and the defaults the server fills
// in.

// actionInput is a create or update body; nil fields were left out.
type actionInput struct {
	Name              *string       `json:"name"`
	SupportedTriggers []triggerRef  `json:"supported_triggers"`
	Code              *string       `json:"code"`
	Dependencies      []dependency  `json:"dependencies"`
	Runtime           *string       `json:"runtime"`
	Secrets           []secretInput `json:"secrets"`
	Modules           []moduleRef   `json:"modules"`
	Deploy            bool          `json:"deploy"`
}

// draft returns old changed by the fields in sends, checked and with the
// server's defaults filled in. op names the request in module errors.
func (st *state) draft(in *actionInput, old content, op string) (content, *modelError) {
	now := st.now()
	c := old.clone()
	if in.Code != nil {
		c.code = *in.Code
	}
	if in.Runtime != nil {
		c.runtime = *in.Runtime
	}
	if in.SupportedTriggers != nil {
		c.triggers = slices.Clone(in.SupportedTriggers)
	}
	if in.Dependencies != nil {
		c.deps = append([]dependency{}, in.Dependencies...)
	}
	if in.Secrets != nil {
		c.secrets = applySecrets(old.secrets, in.Secrets, now)
	}
	if in.Modules != nil {
		refs, e := st.resolveModuleRefs(in.Modules, op)
		if e != nil {
			return c, e
		}
		c.modules = refs
	}
	if e := checkDraft(c); e != nil {
		return c, e
	}
	fillDefaults(&c)
	return c, nil
}

// checkDraft is the semantic validation after the schema: triggers and
// versions that exist, named and distinct secrets.
func checkDraft(c content) *modelError {
	for i, t := range c.triggers {
		if _, ok := lookupTrigger(t.ID, t.Version); !ok {
			return payloadError(fmt.Sprintf("Payload validation error: 'Trigger %s has no version %s' on property supported_triggers[%d].version.", t.ID, t.Version, i))
		}
	}
	seen := map[string]bool{}
	for i, s := range c.secrets {
		if s.name == "" {
			return payloadError(fmt.Sprintf("Payload validation error: 'Missing required property: name' on property secrets[%d].", i))
		}
		if seen[s.name] {
			return payloadError(fmt.Sprintf("Payload validation error: 'Duplicate secret name: %s' on property secrets[%d].", s.name, i))
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
