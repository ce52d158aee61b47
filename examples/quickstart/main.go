// Command quickstart walks an action through its whole lifecycle: create,
// wait until built, deploy, bind to post-login, list, test, update and
// redeploy, read versions, roll back, and clean up.
//
// By default it runs against the auth0test fake API in-process and touches
// no tenant, even when AUTH0_* variables are set:
//
//	go run ./examples/quickstart
//
// With -live it runs against the tenant in AUTH0_DOMAIN (with AUTH0_API_TOKEN,
// or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET), says so first, creates one
// action named sdk-quickstart-<time>, binds it to post-login for the length
// of the run, and at the end unbinds and deletes it (and nothing else), under
// its own deadline even when the run timed out.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
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
	client, _, stop, err := tenant.Connect(*live, os.Stdout, "this run creates, deploys and binds one action on the tenant %s, then unbinds and deletes it.", auth0test.WithBuildAfterReads(2))
	if err != nil {
		log.Fatal(err)
	}
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := run(ctx, client); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, client *auth0.Client) (err error) {
	name := fmt.Sprintf("sdk-quickstart-%d", time.Now().Unix())
	postLogin := auth0.Trigger{ID: auth0.TriggerPostLogin, Version: "v3"}

	// 1. Create the action. It starts building at once.
	action, err := client.Actions.New(ctx, auth0.ActionNewParams{
		Name:              name,
		SupportedTriggers: []auth0.Trigger{postLogin},
		Code:              auth0.String("exports.onExecutePostLogin = async (event, api) => {\n  api.idToken.setCustomClaim('https://example.com/quickstart', true);\n};"),
		Runtime:           auth0.String(auth0.RuntimeNode22),
		Dependencies:      []auth0.ActionDependency{{Name: "lodash", Version: "4.17.21"}},
		Secrets:           []auth0.ActionSecretParam{{Name: "API_KEY", Value: "not-a-real-key"}},
	})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	fmt.Printf("1. created %s (%s), status %s\n", action.Name, action.ID, action.Status)
	defer func() {
		// 9. Clean up, even after a failure or a timeout: unbind, then
		// delete, under a deadline of its own.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		if _, uerr := client.Actions.Triggers.Bindings.Remove(ctx, postLogin.ID, action.ID); uerr != nil && !errors.Is(uerr, auth0.ErrNotBound) {
			err = errors.Join(err, fmt.Errorf("unbind: %w", uerr))
		}
		if derr := client.Actions.Delete(ctx, action.ID, auth0.ActionDeleteParams{Force: auth0.Bool(true)}); derr != nil {
			err = errors.Join(err, fmt.Errorf("delete: %w", derr))
			return
		}
		fmt.Println("9. unbound and deleted the action")
	}()

	// 2. Wait until it is built.
	action, err = client.Actions.WaitUntilBuilt(ctx, action.ID, option.WithPollInterval(200*time.Millisecond, 2*time.Second))
	if err != nil {
		return fmt.Errorf("wait: %w", err)
	}
	fmt.Printf("2. built at %s\n", action.BuiltAt.Format(time.RFC3339))

	// 3. Deploy it and wait until the new version is live.
	v1, err := client.Actions.DeployAndWait(ctx, action.ID)
	if err != nil {
		return fmt.Errorf("deploy: %w", err)
	}
	fmt.Printf("3. deployed version %d (%s)\n", v1.Number, v1.ID)

	// 4. Bind it to post-login, after the actions already bound.
	bindings, err := client.Actions.Triggers.Bindings.Add(ctx, postLogin.ID, auth0.BindingAddParams{ActionID: action.ID})
	if err != nil {
		return fmt.Errorf("bind: %w", err)
	}
	fmt.Printf("4. bound to %s: %d binding(s)\n", postLogin.ID, len(bindings.Bindings))

	// 5. List the deployed actions, page by page, with range-over-func.
	fmt.Println("5. deployed actions:")
	for a, err := range client.Actions.ListAutoPaging(ctx, auth0.ActionListParams{Deployed: auth0.Bool(true)}).All() {
		if err != nil {
			return fmt.Errorf("list: %w", err)
		}
		fmt.Printf("   - %s (%s, %s)\n", a.Name, a.Runtime, a.Status)
	}

	// 6. Test the draft against a simulated login.
	result, err := client.Actions.Test(ctx, action.ID, auth0.ActionTestParams{Payload: map[string]any{
		"event": map[string]any{"user": map[string]any{"user_id": "auth0|quickstart", "email": "ana@example.com"}},
	}})
	if err != nil {
		return fmt.Errorf("test: %w", err)
	}
	fmt.Printf("6. test run payload keys: %v\n", keys(result.Payload))

	// 7. Change the code and deploy again: a second version.
	updated, err := client.Actions.Update(ctx, action.ID, auth0.ActionUpdateParams{
		Code: auth0.String("exports.onExecutePostLogin = async (event, api) => {};"),
	})
	if err != nil {
		return fmt.Errorf("update: %w", err)
	}
	fmt.Printf("7. updated the draft's code, status %s; redeploying\n", updated.Status)
	v2, err := client.Actions.DeployAndWait(ctx, action.ID)
	if err != nil {
		return fmt.Errorf("deploy v2: %w", err)
	}
	fmt.Printf("   deployed version %d; versions:\n", v2.Number)
	for v, err := range client.Actions.Versions.ListAutoPaging(ctx, action.ID, auth0.ActionVersionListParams{}).All() {
		if err != nil {
			return fmt.Errorf("versions: %w", err)
		}
		fmt.Printf("   - #%d %s deployed=%t\n", v.Number, v.ID, v.Deployed)
	}

	// 8. Roll back to version 1: a new version with v1's code, also copied
	// into the draft.
	rolled, err := client.Actions.Versions.Deploy(ctx, action.ID, v1.ID, auth0.ActionVersionDeployParams{UpdateDraft: auth0.Bool(true)})
	if err != nil {
		return fmt.Errorf("roll back: %w", err)
	}
	fmt.Printf("8. rolled back from #%d to #%d's code as new version #%d\n", v2.Number, v1.Number, rolled.Number)
	return nil
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
