// Command export is a batch job: it streams every action of a tenant, each
// with all its versions, as JSON Lines on stdout, with progress on stderr.
// Each line is {"action": <the action's JSON>, "versions": [<JSON>, ...]},
// using the exact JSON the API sent.
//
// It fetches pages of actions ahead concurrently (option.WithPrefetch) and
// lets the client pace itself against the tenant's rate limit.
//
// By default it exports an in-process fake API seeded with sample actions.
// With -live it exports the tenant in AUTH0_DOMAIN (with AUTH0_API_TOKEN, or
// AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET); it only reads. Progress is
// rewritten in place on a terminal, and written as plain lines otherwise
// (a CI log, a file).
//
//	go run ./examples/export > actions.jsonl
//	go run ./examples/export -live > actions.jsonl
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/examples/internal/tenant"
	"github.com/actions-sdk/auth0-go/option"
)

type line struct {
	Action   json.RawMessage   `json:"action"`
	Versions []json.RawMessage `json:"versions"`
}

func main() {
	log.SetFlags(0)
	live := flag.Bool("live", false, "export the tenant in AUTH0_DOMAIN instead of the in-process fake API")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	client, srv, closeFake, err := tenant.Connect(*live, os.Stderr, "exporting (reading only) the tenant %s")
	if err != nil {
		log.Fatal(err)
	}
	defer closeFake()
	if srv != nil {
		seed(srv) // sample actions to export
	}

	out := bufio.NewWriter(os.Stdout)
	start := time.Now()
	prog := newProgress(os.Stderr, isTerminal(os.Stderr))
	actions, versions, err := export(ctx, client, out, prog)
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		log.Fatalf("export: %v", err)
	}
	rl, _ := client.RateLimit()
	prog.done(fmt.Sprintf("exported %d actions, %d versions in %s (rate limit: %d of %d left)",
		actions, versions, time.Since(start).Round(time.Millisecond), rl.Remaining, rl.Limit))
}

// progress reports how far the export is: rewritten in place on a
// terminal, as a plain line every 50 actions anywhere else.
type progress struct {
	w        io.Writer
	terminal bool
}

func newProgress(w io.Writer, terminal bool) *progress { return &progress{w: w, terminal: terminal} }

func (p *progress) update(actions, versions int) {
	switch {
	case p.terminal && actions%10 == 0:
		fmt.Fprintf(p.w, "\rexported %d actions, %d versions", actions, versions)
	case !p.terminal && actions%50 == 0:
		fmt.Fprintf(p.w, "exported %d actions, %d versions\n", actions, versions)
	}
}

func (p *progress) done(msg string) {
	if p.terminal {
		fmt.Fprint(p.w, "\r")
	}
	fmt.Fprintln(p.w, msg)
}

// isTerminal reports whether f is a character device such as a terminal.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// export writes one JSON line per action to w and progress to progress.
func export(ctx context.Context, client *auth0.Client, w io.Writer, prog *progress) (actions, versions int, err error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // keep the JSON exactly as the API sent it
	pager := client.Actions.ListAutoPaging(ctx, auth0.ActionListParams{PerPage: auth0.Int(auth0.MaxPerPage)}, option.WithPrefetch(4))
	for action, err := range pager.All() {
		if err != nil {
			return actions, versions, fmt.Errorf("listing actions: %w", err)
		}
		l := line{Action: action.RawJSON(), Versions: []json.RawMessage{}}
		for v, err := range client.Actions.Versions.ListAutoPaging(ctx, action.ID, auth0.ActionVersionListParams{PerPage: auth0.Int(auth0.MaxPerPage)}).All() {
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
		prog.update(actions, versions)
	}
	return actions, versions, nil
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
