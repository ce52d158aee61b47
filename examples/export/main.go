// Command export is a batch job: it streams every action of a tenant, each
// with all its versions, as JSON Lines on stdout, with progress on stderr.
// Each line is {"action": <the action's JSON>, "versions": [<JSON>, ...]},
// using the exact JSON the API sent.
//
// It fetches pages of actions ahead concurrently (option.WithPrefetch) and
// lets the client pace itself against the tenant's rate limit.
//
// With AUTH0_DOMAIN and credentials set it exports that tenant; without
// them it exports an in-process fake API seeded with sample actions.
//
//	go run ./examples/export > actions.jsonl
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

type line struct {
	Action   json.RawMessage   `json:"action"`
	Versions []json.RawMessage `json:"versions"`
}

func main() {
	log.SetFlags(0)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	client, closeFake := connect()
	defer closeFake()

	out := bufio.NewWriter(os.Stdout)
	start := time.Now()
	actions, versions, err := export(ctx, client, out, os.Stderr)
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		log.Fatalf("export: %v", err)
	}
	rl, _ := client.RateLimit()
	fmt.Fprintf(os.Stderr, "\rexported %d actions, %d versions in %s (rate limit: %d of %d left)\n",
		actions, versions, time.Since(start).Round(time.Millisecond), rl.Remaining, rl.Limit)
}

// export writes one JSON line per action to w and progress to progress.
func export(ctx context.Context, client *auth0.Client, w io.Writer, progress io.Writer) (actions, versions int, err error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // keep the JSON exactly as the API sent it
	pager := client.Actions.ListAutoPaging(ctx, auth0.ActionListParams{PerPage: auth0.Int(auth0.MaxPerPage)}, option.WithPrefetch(4))
	for action, err := range pager.All() {
		if err != nil {
			return actions, versions, fmt.Errorf("listing actions: %w", err)
		}
		l := line{Action: action.RawJSON(), Versions: []json.RawMessage{}}
		for v, err := range client.Actions.Versions.ListAutoPaging(ctx, action.ID, auth0.VersionListParams{PerPage: auth0.Int(auth0.MaxPerPage)}).All() {
			if err != nil {
				return actions, versions, fmt.Errorf("listing the versions of %s: %w", action.ID, err)
			}
			l.Versions = append(l.Versions, v.RawJSON())
		}
		if err := enc.Encode(l); err != nil {
			return actions, versions, fmt.Errorf("writing: %w", err)
		}
		actions++
		versions += len(l.Versions)
		if actions%10 == 0 {
			fmt.Fprintf(progress, "\rexported %d actions, %d versions", actions, versions)
		}
	}
	return actions, versions, nil
}

// connect returns a client for the tenant in the environment, or for an
// in-process fake API with sample data.
func connect() (*auth0.Client, func()) {
	hasCreds := os.Getenv("AUTH0_API_TOKEN") != "" || (os.Getenv("AUTH0_CLIENT_ID") != "" && os.Getenv("AUTH0_CLIENT_SECRET") != "")
	if os.Getenv("AUTH0_DOMAIN") != "" && hasCreds {
		fmt.Fprintf(os.Stderr, "exporting the tenant %s\n", os.Getenv("AUTH0_DOMAIN"))
		return auth0.NewClient(), func() {}
	}
	srv, err := auth0test.Start()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "AUTH0_DOMAIN and credentials are not set: exporting sample actions from the in-process fake API at %s\n", srv.URL)
	seed(srv)
	return srv.Client(), srv.Close
}

// seed adds 120 actions, some deployed several times.
func seed(srv *auth0test.Server) {
	ctx := context.Background()
	c := srv.Client()
	for i := range 120 {
		a := srv.AddAction(auth0.ActionNewParams{
			Name:              fmt.Sprintf("sample-action-%03d", i),
			SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
			Code:              auth0.String(fmt.Sprintf("exports.onExecutePostLogin = async (event, api) => { /* sample %d */ };", i)),
		})
		for range i % 3 {
			if _, err := c.Actions.DeployAndWait(ctx, a.ID); err != nil {
				log.Fatal(err)
			}
		}
	}
}
