package actionsync_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing/fstest"

	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
)

func ExampleLoadDir() {
	// A directory in the Deploy CLI's layout; os.DirFS("tenant") for one on disk.
	dir := fstest.MapFS{
		"actions/add-roles.json": {Data: []byte(`{
  "name": "add-roles",
  "code": "./actions/add-roles/code.js",
  "supported_triggers": [{"id": "post-login", "version": "v3"}],
  "secrets": [{"name": "API_KEY", "value": "##API_KEY##"}],
  "deployed": true
}`)},
		"actions/add-roles/code.js": {Data: []byte("exports.onExecutePostLogin = async (event, api) => {};\n")},
		"triggers/triggers.json":    {Data: []byte(`{"post-login": [{"action_name": "add-roles", "display_name": "Add roles"}]}`)},
	}
	// The keywords' values come from CI's secrets, for example.
	cfg, err := actionsync.LoadDir(dir, actionsync.LoadOptions{Keywords: map[string]any{"API_KEY": "k-1"}})
	if err != nil {
		fmt.Println(err) // a *actionsync.ConfigError: every problem, with its file and line
		return
	}

	srv, _ := auth0test.Start()
	defer srv.Close()
	plan, err := actionsync.NewPlan(context.Background(), srv.Client(), cfg, actionsync.PlanOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(plan)
	// Output:
	// Plan: 1 to create, 0 to update, 0 to publish, 1 to deploy, 1 trigger(s) to bind, 0 to delete; 0 unchanged.
	// action "add-roles": create
	//   + trigger: post-login v3
	//   + code: 1 line
	//   + secret API_KEY
	//   deploy: yes
	// trigger post-login: bindings
	//   + add-roles (as "Add roles")
	//   order: (none) → add-roles (as "Add roles")
}

func ExampleLoadDir_problems() {
	dir := fstest.MapFS{
		"actions/add-roles.json": {Data: []byte("{\n  \"name\": \"add-roles\",\n  \"code\": \"./add-roles.js\",\n  \"deployed\": \"yes\"\n}")},
		"add-roles.js":           {Data: []byte("exports.onExecutePostLogin = async () => {};")},
		"triggers/triggers.json": {Data: []byte("{\n  \"post-login\": null\n}")},
	}
	_, err := actionsync.LoadDir(dir, actionsync.LoadOptions{})
	var ce *actionsync.ConfigError
	if errors.As(err, &ce) {
		for _, p := range ce.Problems {
			fmt.Println(p) // file:line: object: field: message
		}
	}
	// Output:
	// actions/add-roles.json:1: action "add-roles": supported_triggers: is required: the trigger the action is for, such as [{"id": "post-login", "version": "v3"}]
	// actions/add-roles.json:4: action "add-roles": deployed: is a string: it should be true or false
	// triggers/triggers.json:2: trigger post-login: has no list: give its bindings in order, or [] to unbind every action
}

func ExampleWriteDir() {
	srv, _ := auth0test.Start()
	defer srv.Close()
	ctx := context.Background()
	if plan, err := actionsync.NewPlan(ctx, srv.Client(), exampleConfig(), actionsync.PlanOptions{}); err == nil {
		_, _ = actionsync.Apply(ctx, srv.Client(), plan, actionsync.ApplyOptions{})
	}

	cfg, err := actionsync.Export(ctx, srv.Client())
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "tenant")
	defer os.RemoveAll(dir)
	if err := actionsync.WriteDir(dir, cfg); err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"action-modules/shared-utils.json", "actions/add-roles.json", "triggers/triggers.json"} {
		b, _ := os.ReadFile(dir + "/" + name)
		fmt.Printf("== %s\n%s", name, b)
	}
	// Output:
	// == action-modules/shared-utils.json
	// {
	//   "name": "shared-utils",
	//   "code": "./action-modules/shared-utils/code.js",
	//   "dependencies": [],
	//   "all_changes_published": true
	// }
	// == actions/add-roles.json
	// {
	//   "name": "add-roles",
	//   "code": "./actions/add-roles/code.js",
	//   "runtime": "node22",
	//   "dependencies": [],
	//   "supported_triggers": [
	//     {
	//       "id": "post-login",
	//       "version": "v3"
	//     }
	//   ],
	//   "deployed": true,
	//   "modules": [
	//     {
	//       "module_name": "shared-utils",
	//       "module_version_number": 1
	//     }
	//   ]
	// }
	// == triggers/triggers.json
	// {
	//   "post-login": [
	//     {
	//       "action_name": "add-roles",
	//       "display_name": "add-roles"
	//     }
	//   ]
	// }
}
