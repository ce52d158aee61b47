// Command modules walks an Action Module through its life with an action
// that uses it: create the module, publish version 1, use it from an
// action and deploy that, publish version 2, roll the module's draft back
// to version 1 and publish that as version 3, move the action to it, and
// clean up.
//
// By default it runs against the auth0test fake API in-process and touches
// no tenant, even when AUTH0_* variables are set:
//
//	go run ./examples/modules
//
// With -live it runs against the tenant in AUTH0_DOMAIN (with AUTH0_API_TOKEN,
// or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET), which needs Action Modules
// enabled; it says so first, creates one module and one action named
// sdk-modules-<time>, binds nothing, and at the end deletes both (and
// nothing else), under its own deadline even when the run timed out.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/examples/internal/tenant"
	"github.com/actions-sdk/auth0-go/option"
)

func main() {
	log.SetFlags(0)
	live := flag.Bool("live", false, "run against the tenant in AUTH0_DOMAIN instead of the in-process fake API")
	flag.Parse()
	client, _, stop, err := tenant.Connect(*live, os.Stdout, "this run creates one action module and one action on the tenant %s, then deletes both.", auth0test.WithBuildAfterReads(2))
	if err != nil {
		log.Fatal(err)
	}
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := run(ctx, client, os.Stdout, fmt.Sprintf("sdk-modules-%d", time.Now().Unix())); err != nil {
		log.Fatal(err)
	}
}

const (
	moduleV1 = "module.exports = { claim: () => 'https://example.com/greeting', greet: (name) => `hello ${name}` };"
	moduleV2 = "module.exports = { claim: () => 'https://example.com/greeting', greet: (name) => `hi ${name}` };"
)

// run does every step, printing each to out, and cleans up what it made.
func run(ctx context.Context, client *auth0.Client, out io.Writer, name string) (err error) {
	modules := &client.Actions.Modules

	// 1. Create the module: a draft, no version yet.
	mod, err := modules.New(ctx, auth0.ModuleNewParams{
		Name:         name,
		Code:         moduleV1,
		Dependencies: []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}},
		Secrets:      []auth0.ActionSecretParam{{Name: "GREETING_KEY", Value: "not-a-real-key"}},
	})
	if err != nil {
		return fmt.Errorf("create the module: %w", err)
	}
	fmt.Fprintf(out, "1. created module %s (%s), all changes published: %t\n", mod.Name, mod.ID, mod.AllChangesPublished)
	var actionID string
	defer func() {
		// 9. Clean up, even after a failure or a timeout: the action first
		// (a module in use cannot be deleted), then the module, under a
		// deadline of its own.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		if actionID != "" {
			if derr := client.Actions.Delete(ctx, actionID, auth0.ActionDeleteParams{Force: auth0.Bool(true)}); derr != nil {
				err = errors.Join(err, fmt.Errorf("delete the action: %w", derr))
				return
			}
		}
		if derr := modules.Delete(ctx, mod.ID); derr != nil {
			err = errors.Join(err, fmt.Errorf("delete the module: %w", derr))
			return
		}
		fmt.Fprintln(out, "9. deleted the action and the module")
	}()

	// 2. Publish the draft as version 1.
	v1, err := modules.Versions.New(ctx, mod.ID)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	fmt.Fprintf(out, "2. published version %d (%s)\n", v1.VersionNumber, v1.ID)

	// 3. Use version 1 from an action, and deploy the action.
	action, err := client.Actions.New(ctx, auth0.ActionNewParams{
		Name:              name,
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Code: auth0.String("const greeter = require('actions:" + name + "');\n" +
			"exports.onExecutePostLogin = async (event, api) => {\n" +
			"  api.idToken.setCustomClaim(greeter.claim(), greeter.greet(event.user.name));\n};"),
		Modules: []auth0.ActionModuleReference{{ModuleID: mod.ID, ModuleVersionID: v1.ID}},
	})
	if err != nil {
		return fmt.Errorf("create the action: %w", err)
	}
	actionID = action.ID
	if _, err := client.Actions.WaitUntilBuilt(ctx, action.ID, option.WithPollInterval(200*time.Millisecond, 2*time.Second)); err != nil {
		return fmt.Errorf("wait for the build: %w", err)
	}
	deployed, err := client.Actions.DeployAndWait(ctx, action.ID)
	if err != nil {
		return fmt.Errorf("deploy the action: %w", err)
	}
	for _, m := range deployed.Modules {
		fmt.Fprintf(out, "3. action %s deployed as version %d with module %s version %d\n", action.Name, deployed.Number, m.ModuleName, m.ModuleVersionNumber)
	}

	// 4. The module knows who uses it, and refuses to be deleted.
	if err := printUsers(ctx, modules, mod.ID, out, "4."); err != nil {
		return err
	}
	if err := modules.Delete(ctx, mod.ID); errors.Is(err, auth0.ErrPreconditionFailed) {
		fmt.Fprintln(out, "   deleting the module is refused while a deployed action uses it (412)")
	} else {
		return fmt.Errorf("delete a module in use: got %w, want a 412", err)
	}

	// 5. Change the module and publish version 2. The action keeps
	// version 1 until it is moved and deployed.
	if _, err := modules.Update(ctx, mod.ID, auth0.ModuleUpdateParams{Code: auth0.String(moduleV2)}); err != nil {
		return fmt.Errorf("update the module: %w", err)
	}
	v2, err := modules.Versions.New(ctx, mod.ID)
	if err != nil {
		return fmt.Errorf("publish version 2: %w", err)
	}
	fmt.Fprintf(out, "5. published version %d\n", v2.VersionNumber)

	// 6. Roll the module's draft back to version 1: no version is made.
	rolled, err := modules.Rollback(ctx, mod.ID, auth0.ModuleRollbackParams{ModuleVersionID: v1.ID})
	if err != nil {
		return fmt.Errorf("roll back: %w", err)
	}
	fmt.Fprintf(out, "6. rolled the draft back to version %d: code restored %t, latest version still %d\n",
		v1.VersionNumber, rolled.Code == v1.Code, rolled.LatestVersionNumber)

	// 7. Publish the restored draft: version 3 has version 1's code.
	v3, err := modules.Versions.New(ctx, mod.ID)
	if err != nil {
		return fmt.Errorf("publish the rolled-back draft: %w", err)
	}
	fmt.Fprintf(out, "7. published version %d; versions, newest first:", v3.VersionNumber)
	for v, err := range modules.Versions.ListAutoPaging(ctx, mod.ID, auth0.ModuleVersionListParams{}).All() {
		if err != nil {
			return fmt.Errorf("list versions: %w", err)
		}
		fmt.Fprintf(out, " %d", v.VersionNumber)
	}
	fmt.Fprintln(out)

	// 8. Move the action to version 3 and deploy it.
	if _, err := client.Actions.Update(ctx, action.ID, auth0.ActionUpdateParams{
		Modules: []auth0.ActionModuleReference{{ModuleID: mod.ID, ModuleVersionID: v3.ID}},
	}); err != nil {
		return fmt.Errorf("move the action: %w", err)
	}
	if _, err := client.Actions.WaitUntilBuilt(ctx, action.ID, option.WithPollInterval(200*time.Millisecond, 2*time.Second)); err != nil {
		return fmt.Errorf("wait for the build: %w", err)
	}
	if _, err := client.Actions.DeployAndWait(ctx, action.ID); err != nil {
		return fmt.Errorf("deploy the moved action: %w", err)
	}
	return printUsers(ctx, modules, mod.ID, out, "8.")
}

// printUsers prints the actions that use the module and their versions.
func printUsers(ctx context.Context, modules *auth0.ModuleService, moduleID string, out io.Writer, step string) error {
	for a, err := range modules.ListActionsAutoPaging(ctx, moduleID, auth0.ModuleActionListParams{}).All() {
		if err != nil {
			return fmt.Errorf("list the module's actions: %w", err)
		}
		fmt.Fprintf(out, "%s action %s uses module version %d\n", step, a.ActionName, a.ModuleVersionNumber)
	}
	return nil
}
