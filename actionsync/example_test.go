package actionsync_test

import (
	"context"
	"fmt"
	"slices"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// exampleConfig is a module and an action that uses it, bound to post-login.
func exampleConfig() *actionsync.Config {
	return &actionsync.Config{
		Modules: []actionsync.Module{{Name: "shared-utils", Code: "module.exports = { roles: () => [] };"}},
		Actions: []actionsync.Action{{
			Name:              "add-roles",
			Code:              "const u = require('actions:shared-utils');\nexports.onExecutePostLogin = async (event, api) => {};",
			SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
			Modules:           []auth0.ActionModuleReference{{ModuleName: "shared-utils"}},
			Deployed:          true,
		}},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: {{ActionName: "add-roles"}}},
	}
}

func ExampleNewPlan() {
	srv, _ := auth0test.Start()
	defer srv.Close()
	client := srv.Client()

	plan, err := actionsync.NewPlan(context.Background(), client, exampleConfig(), actionsync.PlanOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(plan) // for the review in CI; json.Marshal(plan) for other tools
	// Output:
	// Plan: 2 to create, 0 to update, 1 to publish, 1 to deploy, 1 trigger(s) to bind, 0 to delete; 0 unchanged.
	// action module "shared-utils": create
	//   + code: 1 line
	//   publish: version 1
	// action "add-roles": create
	//   + trigger: post-login v3
	//   + code: 2 lines
	//   + module shared-utils: version 1 (published by this apply)
	//   deploy: yes
	// trigger post-login: bindings
	//   + add-roles
	//   order: (none) → add-roles
}

func ExampleApply() {
	srv, _ := auth0test.Start()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	plan, err := actionsync.NewPlan(ctx, client, exampleConfig(), actionsync.PlanOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := actionsync.Apply(ctx, client, plan, actionsync.ApplyOptions{})
	if err != nil {
		fmt.Println(err) // an *actionsync.ApplyError lists what failed; res says what was done
		return
	}
	fmt.Println(res)

	// The same config again: nothing to do.
	again, _ := actionsync.NewPlan(ctx, client, exampleConfig(), actionsync.PlanOptions{})
	fmt.Println(again.HasChanges())
	// Output:
	// module "shared-utils": created, published (version 1)
	// action "add-roles": created, deployed (version 1)
	// trigger post-login: bound
	// false
}

func ExampleExport() {
	srv, _ := auth0test.Start()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	plan, _ := actionsync.NewPlan(ctx, client, exampleConfig(), actionsync.PlanOptions{})
	if _, err := actionsync.Apply(ctx, client, plan, actionsync.ApplyOptions{}); err != nil {
		fmt.Println(err)
		return
	}

	cfg, err := actionsync.Export(ctx, client)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range cfg.Actions {
		fmt.Println(a.Name, "uses", a.Modules[0].ModuleName, "version", a.Modules[0].ModuleVersionNumber, "deployed:", a.Deployed)
	}
	fmt.Println("post-login:", cfg.Triggers[auth0.TriggerPostLogin][0].ActionName)
	skipped := slices.IndexFunc(cfg.Skipped, func(s actionsync.Skipped) bool { return s.Name == "event-stream" }) >= 0
	fmt.Println("entity-bound event-stream skipped:", skipped)
	// Output:
	// add-roles uses shared-utils version 1 deployed: true
	// post-login: add-roles
	// entity-bound event-stream skipped: true
}
