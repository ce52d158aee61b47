// Command gitops runs the pipeline of a repository that keeps its Auth0
// Actions as code (./tenant, in the layout of Auth0's Deploy CLI: a module
// and two actions that use it, bound in order to post-login), as its CI
// would: the review of a pull request prints the plan, the merge applies it,
// and the next review shows there is nothing left to do. ci.sh is that CI
// job for a real tenant, with the auth0-actions command.
//
// It runs against the auth0test fake API in-process only, and touches no
// tenant, whatever the environment says: applying ./tenant sets a tenant's
// post-login bindings to exactly its two actions.
//
//	go run ./examples/gitops
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"log"
	"os"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
)

func main() {
	log.SetFlags(0)
	dir := flag.String("dir", "examples/gitops/tenant", "the repository's directory, in the Deploy CLI's layout")
	flag.Parse()
	srv, err := auth0test.Start(auth0test.WithBuildAfterReads(1))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	fmt.Printf("Using the in-process fake API at %s.\n", srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := run(ctx, srv.Client(), os.DirFS(*dir), os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// keywords are what the CI's AUTH0_KEYWORD_REPLACE_MAPPINGS would hold.
var keywords = map[string]any{"BLOCKED_IPS": "203.0.113.7,198.51.100.9"}

// run is the pipeline: review, merge, review again.
func run(ctx context.Context, client *auth0.Client, repo iofs.FS, out io.Writer) error {
	review := func(title string) (*actionsync.Plan, error) {
		cfg, err := actionsync.LoadDir(repo, actionsync.LoadOptions{Keywords: keywords})
		if err != nil {
			return nil, err
		}
		plan, err := actionsync.NewPlan(ctx, client, cfg, actionsync.PlanOptions{})
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(out, "== %s\n%s\n", title, plan)
		return plan, nil
	}
	plan, err := review("review of the pull request")
	if err != nil {
		return fmt.Errorf("review: %w", err)
	}
	res, err := actionsync.Apply(ctx, client, plan, actionsync.ApplyOptions{})
	if err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	fmt.Fprintf(out, "== merge\n%s\n", res)
	if _, err := review("review of the next pull request, with the same files"); err != nil {
		return fmt.Errorf("second review: %w", err)
	}
	return nil
}
