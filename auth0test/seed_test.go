package auth0test_test

import (
	"strings"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
)

const seedJSON = `{
  "modules": [
    {"name": "shared-utils", "code": "module.exports = {};",
     "dependencies": [{"name": "lodash", "version": "4.17.21"}],
     "secrets": [{"name": "API_KEY", "value": "fake"}], "publish": true},
    {"name": "draft-only", "code": "module.exports = 1;"}
  ],
  "actions": [
    {"name": "add-roles", "supported_triggers": [{"id": "post-login", "version": "v3"}],
     "code": "exports.onExecutePostLogin = async () => {};", "runtime": "node22",
     "modules": [{"module_name": "shared-utils", "module_version_number": 1}],
     "secrets": [{"name": "TOKEN", "value": "x"}], "deploy": true},
    {"name": "latest-module", "supported_triggers": [{"id": "post-login", "version": "v3"}],
     "code": "exports.onExecutePostLogin = async () => {};",
     "modules": [{"module_name": "shared-utils"}], "deploy": true},
    {"name": "not-deployed", "supported_triggers": [{"id": "send-phone-message", "version": "v2"}],
     "code": "exports.onExecuteSendPhoneMessage = async () => {};"}
  ],
  "bindings": {"post-login": [{"action_name": "latest-module"}, {"action_name": "add-roles", "display_name": "Add roles"}]}
}`

// TestSeed: the seed is the tenant at start, built and deployed whatever
// the build options, with its bindings, as the API shows it.
func TestSeed(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithSeed([]byte(seedJSON)), auth0test.WithBuildAfterReads(3),
		auth0test.WithDeployLag(time.Hour))
	mods := srv.Modules()
	if len(mods) != 2 || mods[0].Name != "shared-utils" || mods[0].LatestVersion == nil || mods[0].LatestVersion.VersionNumber != 1 || !mods[0].AllChangesPublished ||
		mods[1].LatestVersion != nil {
		t.Fatalf("modules = %+v", mods)
	}
	acts := srv.Actions()
	if len(acts) != 3 {
		t.Fatalf("actions = %d, want 3", len(acts))
	}
	for _, a := range acts {
		if a.Status != auth0.BuildStatusBuilt {
			t.Errorf("%s: status %s, want built", a.Name, a.Status)
		}
		deployed := a.DeployedVersion != nil
		if deployed != (a.Name != "not-deployed") || deployed && (a.DeployedVersion.Number != 1 || !a.AllChangesDeployed) {
			t.Errorf("%s: deployed version %+v, all changes deployed %t", a.Name, a.DeployedVersion, a.AllChangesDeployed)
		}
		if a.Name != "not-deployed" && (len(a.Modules) != 1 || a.Modules[0].ModuleName != "shared-utils" || a.Modules[0].ModuleVersionNumber != 1) {
			t.Errorf("%s: modules %+v", a.Name, a.Modules)
		}
	}
	if acts[0].Runtime != "node22" || len(acts[0].Secrets) != 1 || acts[2].Runtime != "node22" {
		t.Errorf("runtime and secrets: %+v", acts[0])
	}
	bs := srv.Bindings(auth0.TriggerPostLogin)
	if len(bs) != 2 || bs[0].Action.Name != "latest-module" || bs[0].DisplayName != "latest-module" ||
		bs[1].DisplayName != "Add roles" {
		t.Errorf("bindings = %+v", bs)
	}
	if n := srv.RequestCount(auth0test.RouteAny); n != 0 {
		t.Errorf("seeding made %d requests", n)
	}
	// The seeded tenant answers as any other: a client sees it.
	page, err := srv.Client().Actions.List(t.Context(), auth0.ActionListParams{Deployed: auth0.Bool(true)})
	if err != nil || len(page.Items) != 2 {
		t.Errorf("deployed actions = %v, %v", page, err)
	}
}

// TestSeedRefusals: a seed the API would refuse, or that does not decode,
// is an error that says where.
func TestSeedRefusals(t *testing.T) {
	t.Parallel()
	const trig = `"supported_triggers": [{"id": "post-login", "version": "v3"}]`
	cases := map[string]struct{ seed, want string }{
		"not JSON":               {`{`, "WithSeed: unexpected EOF"},
		"trailing data":          {`{} {}`, "data after the JSON object"},
		"unknown key":            {`{"triggers": {}}`, `unknown field "triggers"`},
		"unknown action key":     {`{"actions": [{"name": "a", ` + trig + `, "deployed": true}]}`, `unknown field "deployed"`},
		"module name too long":   {`{"modules": [{"name": "` + strings.Repeat("m", 256) + `", "code": "x"}]}`, "): 400 Payload validation error"},
		"taken module name":      {`{"modules": [{"name": "m", "code": "x"}, {"name": "m", "code": "y"}]}`, "modules[1] (m): 409"},
		"action without trigger": {`{"actions": [{"name": "a"}]}`, "actions[0] (a): 400"},
		"unknown trigger version": {`{"actions": [{"name": "a", "supported_triggers": [{"id": "post-login", "version": "v9"}]}]}`,
			"actions[0] (a): 400"},
		"missing module":     {`{"actions": [{"name": "a", ` + trig + `, "modules": [{"module_name": "nope"}]}]}`, `no module named "nope"`},
		"missing version":    {`{"modules": [{"name": "m", "code": "x", "publish": true}], "actions": [{"name": "a", ` + trig + `, "modules": [{"module_name": "m", "module_version_number": 2}]}]}`, "has no version 2"},
		"unpublished module": {`{"modules": [{"name": "m", "code": "x"}], "actions": [{"name": "a", ` + trig + `, "modules": [{"module_name": "m"}]}]}`, "no published version"},
		"taken action name":  {`{"actions": [{"name": "a", ` + trig + `}, {"name": "a", ` + trig + `}]}`, "actions[1] (a): 409"},
		"unknown trigger":    {`{"bindings": {"post-nope": []}}`, `unknown trigger "post-nope"`},
		"binding not deployed": {`{"actions": [{"name": "a", ` + trig + `}], "bindings": {"post-login": [{"action_name": "a"}]}}`,
			"bindings of post-login: 400"},
		"entity-bound": {`{"bindings": {"event-stream": []}}`, "bindings of event-stream: 400"},
	}
	for name, tc := range cases {
		_, err := auth0test.Start(auth0test.WithSeed([]byte(tc.seed)))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", name, err, tc.want)
		}
	}
}
