package auth0test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	auth0 "github.com/actions-sdk/auth0-go"
)

// seedData is the JSON that WithSeed reads, in the SDK's own types: the
// bodies a client would send to create each module and action, and the
// bindings in the shape of the Deploy CLI's triggers.json.
type seedData struct {
	Modules  []auth0.ModuleNewParams  `json:"modules"`
	Actions  []auth0.ActionNewParams  `json:"actions"`
	Bindings map[string][]seedBinding `json:"bindings"`
}

// seedBinding is one binding of a trigger, by the action's name.
type seedBinding struct {
	ActionName  string  `json:"action_name"`
	DisplayName *string `json:"display_name"`
}

// WithSeed starts the server with a tenant already in it, read from JSON
// (the standalone server's -seed file):
//
//	{
//	  "modules": [
//	    {"name": "shared-utils", "code": "module.exports = {};",
//	     "dependencies": [{"name": "lodash", "version": "4.17.21"}],
//	     "secrets": [{"name": "API_KEY", "value": "fake"}], "publish": true}
//	  ],
//	  "actions": [
//	    {"name": "add-roles", "supported_triggers": [{"id": "post-login", "version": "v3"}],
//	     "code": "exports.onExecutePostLogin = async () => {};", "runtime": "node22",
//	     "modules": [{"module_name": "shared-utils", "module_version_number": 1}],
//	     "deploy": true}
//	  ],
//	  "bindings": {"post-login": [{"action_name": "add-roles", "display_name": "Add roles"}]}
//	}
//
// Each module is an auth0.ModuleNewParams and each action an
// auth0.ActionNewParams, in their JSON form: the body of POST
// /actions/modules and POST /actions/actions, checked as those requests
// are (a missing name, an unknown key, a taken name, a limit). An action's
// module is referenced by module_name, with module_version_number or,
// without it, the module's latest version (module_id and
// module_version_id work too). Bindings are listed per trigger in
// execution order, as in the Deploy CLI's triggers/triggers.json.
//
// The seed is the tenant as it is when the server starts, whatever the
// build options: modules with "publish" true have version 1; actions are
// built (unless their code has FailBuildMarker), those with "deploy" true
// are deployed as version 1 with the deploy lag long over, and then the
// bindings are made. Anything the API would refuse, or JSON that does not
// decode into these types, makes NewServer fail the test and Start return
// the error.
func WithSeed(jsonData []byte) ServerOption {
	return func(c *config) {
		dec := json.NewDecoder(bytes.NewReader(jsonData))
		dec.DisallowUnknownFields()
		var d seedData
		if err := dec.Decode(&d); err != nil {
			c.fail("WithSeed: %v", err)
			return
		}
		if dec.More() {
			c.fail("WithSeed: data after the JSON object")
			return
		}
		c.seed = &d
	}
}

// applySeed puts the seed into the state; the server is not serving yet.
func (s *Server) applySeed(d *seedData) error {
	for i, p := range d.Modules {
		var in moduleInput
		if err := checkedInput(p, createModuleSchema, &in); err != nil {
			return fmt.Errorf("WithSeed: modules[%d] (%s): %w", i, p.Name, err)
		}
		if _, e := s.st.createModule(&in); e != nil {
			return fmt.Errorf("WithSeed: modules[%d] (%s): %d %s", i, p.Name, httpError(e).status, e.msg)
		}
	}
	for i, p := range d.Actions {
		refs, err := s.st.seedModuleRefs(p.Modules)
		if err != nil {
			return fmt.Errorf("WithSeed: actions[%d] (%s): %w", i, p.Name, err)
		}
		p.Modules = refs
		var in actionInput
		if err := checkedInput(p, createActionSchema, &in); err != nil {
			return fmt.Errorf("WithSeed: actions[%d] (%s): %w", i, p.Name, err)
		}
		if _, e := s.st.seedAction(&in); e != nil {
			return fmt.Errorf("WithSeed: actions[%d] (%s): %d %s", i, p.Name, httpError(e).status, e.msg)
		}
	}
	triggers := make([]string, 0, len(d.Bindings))
	for trig := range d.Bindings {
		triggers = append(triggers, trig)
	}
	slices.Sort(triggers)
	for _, trig := range triggers {
		if e := triggerIDParam.check(trig); e != nil {
			return fmt.Errorf("WithSeed: bindings: unknown trigger %q", trig)
		}
		items := make([]bindingInput, 0, len(d.Bindings[trig]))
		for _, b := range d.Bindings[trig] {
			var item bindingInput
			item.Ref.Type, item.Ref.Value, item.DisplayName = "action_name", b.ActionName, b.DisplayName
			items = append(items, item)
		}
		if _, e := s.st.updateBindings(trig, items); e != nil {
			return fmt.Errorf("WithSeed: bindings of %s: %d %s", trig, httpError(e).status, e.msg)
		}
	}
	return nil
}

// checkedInput turns params into a request body, checks it against the
// route's schema as a request's would be, and decodes it into in.
func checkedInput(params any, sch *schema, in any) error {
	body, err := json.Marshal(params)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return err
	}
	if e := sch.validate(v, ""); e != nil {
		return fmt.Errorf("400 %s", e.message("Payload"))
	}
	return json.Unmarshal(body, in)
}
