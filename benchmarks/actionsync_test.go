package benchmarks_test

// Whole-set deploy benchmarks (docs/PERFORMANCE.md): actionsync against a
// sequential loop of today's per-object helpers (Modules.Upsert, then
// Actions.Upsert with Deploy and Bind for each action), on the fake with a
// build delay, side by side in one run. Each iteration starts from a fresh
// fake; ns/op is the wall time of the deploy, and requests/op and
// writes/op count what reached the fake.

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

// buildDelay is the fake's build time, as in issue 19's targets; with
// -short (CI's bench-smoke, which only checks that the benchmarks run) a
// tenth of it.
func buildDelay() time.Duration {
	if testing.Short() {
		return 100 * time.Millisecond
	}
	return time.Second
}

var postLogin = []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}

// deploySet is n actions that use one module, all bound in order to
// post-login.
func deploySet(n int, code string) *actionsync.Config {
	cfg := &actionsync.Config{
		Modules:  []actionsync.Module{{Name: "shared-utils", Code: "module.exports = { greet: () => 'hi' };"}},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: {}},
	}
	for i := range n {
		name := fmt.Sprintf("action-%02d", i)
		cfg.Actions = append(cfg.Actions, actionsync.Action{Name: name, SupportedTriggers: postLogin, Deployed: true,
			Code:    fmt.Sprintf("const u = require('actions:shared-utils');\nexports.onExecutePostLogin = async () => { /* %s %d */ };", code, i),
			Modules: []auth0.ActionModuleReference{{ModuleName: "shared-utils"}}})
		cfg.Triggers[auth0.TriggerPostLogin] = append(cfg.Triggers[auth0.TriggerPostLogin], actionsync.Binding{ActionName: name})
	}
	return cfg
}

// deployImpl deploys cfg to the tenant of client.
type deployImpl func(b *testing.B, client *auth0.Client, cfg *actionsync.Config)

// withActionsync plans and applies.
func withActionsync(b *testing.B, client *auth0.Client, cfg *actionsync.Config) {
	plan, err := actionsync.NewPlan(b.Context(), client, cfg, actionsync.PlanOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := actionsync.Apply(b.Context(), client, plan, actionsync.ApplyOptions{}); err != nil {
		b.Fatal(err)
	}
}

// withUpsertLoop is what a pipeline writes with the per-object helpers: the
// module, then each action deployed and bound in turn.
func withUpsertLoop(b *testing.B, client *auth0.Client, cfg *actionsync.Config) {
	for _, m := range cfg.Modules {
		if _, err := client.Actions.Modules.Upsert(b.Context(), auth0.ModuleUpsertParams{Name: m.Name, Code: m.Code, Publish: true}); err != nil {
			b.Fatal(err)
		}
	}
	for _, a := range cfg.Actions {
		if _, err := client.Actions.Upsert(b.Context(), auth0.ActionUpsertParams{Name: a.Name, SupportedTriggers: a.SupportedTriggers,
			Code: auth0.String(a.Code), Modules: a.Modules, Deploy: true, Bind: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// fakeTenant starts a fake with the build delay, and a client of it that
// polls as often as the helpers allow.
func fakeTenant(b *testing.B) (*auth0test.Server, *auth0.Client) {
	srv := auth0test.NewServer(b, auth0test.WithBuildDelay(buildDelay()))
	return srv, srv.Client(option.WithPollInterval(100*time.Millisecond, time.Second))
}

func countWrites(srv *auth0test.Server) (requests, writes int) {
	for _, r := range srv.Requests() {
		requests++
		if r.Method != http.MethodGet {
			writes++
		}
	}
	return requests, writes
}

func runDeploy(b *testing.B, impl deployImpl, setup func(b *testing.B, client *auth0.Client), cfg *actionsync.Config) {
	var requests, writes int
	for b.Loop() {
		b.StopTimer()
		srv, client := fakeTenant(b)
		if setup != nil {
			setup(b, client)
		}
		srv.ResetRequests()
		b.StartTimer()
		impl(b, client, cfg)
		b.StopTimer()
		r, w := countWrites(srv)
		requests, writes = requests+r, writes+w
		srv.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
	b.ReportMetric(float64(writes)/float64(b.N), "writes/op")
}

// BenchmarkFirstApply: 10 actions and 1 module, all bound in order to
// post-login, onto an empty tenant.
func BenchmarkFirstApply(b *testing.B) {
	cfg := deploySet(10, "v1")
	b.Run("impl=actionsync", func(b *testing.B) { runDeploy(b, withActionsync, nil, cfg) })
	b.Run("impl=upsert-loop", func(b *testing.B) { runDeploy(b, withUpsertLoop, nil, cfg) })
}

// BenchmarkChange20: 20 deployed actions (bound in order) whose code
// changes, each redeployed.
func BenchmarkChange20(b *testing.B) {
	before, after := deploySet(20, "v1"), deploySet(20, "v2")
	setup := func(b *testing.B, client *auth0.Client) { withActionsync(b, client, before) }
	b.Run("impl=actionsync", func(b *testing.B) { runDeploy(b, withActionsync, setup, after) })
	b.Run("impl=upsert-loop", func(b *testing.B) { runDeploy(b, withUpsertLoop, setup, after) })
}

// BenchmarkSecondApply: the same config again, onto the tenant it made:
// nothing to write.
func BenchmarkSecondApply(b *testing.B) {
	cfg := deploySet(20, "v1")
	setup := func(b *testing.B, client *auth0.Client) { withActionsync(b, client, cfg) }
	b.Run("impl=actionsync", func(b *testing.B) { runDeploy(b, withActionsync, setup, cfg) })
	b.Run("impl=upsert-loop", func(b *testing.B) { runDeploy(b, withUpsertLoop, setup, cfg) })
}

// BenchmarkPlanReads: NewPlan of a tenant of 200 actions, 20 modules and 3
// listed triggers, where nothing changes.
func BenchmarkPlanReads(b *testing.B) {
	srv := auth0test.NewServer(b)
	client := srv.Client()
	cfg := &actionsync.Config{Triggers: map[auth0.TriggerID][]actionsync.Binding{}}
	for i := range 20 {
		name := fmt.Sprintf("module-%02d", i)
		srv.AddModule(auth0.ModuleNewParams{Name: name, Code: "module.exports = 1;"})
		cfg.Modules = append(cfg.Modules, actionsync.Module{Name: name, Code: "module.exports = 1;"})
	}
	triggers := []auth0.TriggerID{auth0.TriggerPostLogin, auth0.TriggerPreUserRegistration, auth0.TriggerPostChangePassword}
	for i := range 200 {
		trigger := triggers[i%3]
		name := fmt.Sprintf("action-%03d", i)
		version := "v3"
		if trigger != auth0.TriggerPostLogin {
			version = "v2"
		}
		srv.AddAction(auth0.ActionNewParams{Name: name, SupportedTriggers: []auth0.Trigger{{ID: trigger, Version: version}}, Code: auth0.String("x")})
		cfg.Actions = append(cfg.Actions, actionsync.Action{Name: name, Code: "x", SupportedTriggers: []auth0.Trigger{{ID: trigger, Version: version}}})
	}
	for _, t := range triggers {
		cfg.Triggers[t] = []actionsync.Binding{}
	}
	// Every module is published once, so that nothing is left to publish.
	for _, m := range srv.Modules() {
		srv.PublishModule(m.ID)
	}
	srv.ResetRequests()
	var requests int
	for b.Loop() {
		plan, err := actionsync.NewPlan(b.Context(), client, cfg, actionsync.PlanOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if plan.HasChanges() {
			b.Fatalf("the plan has changes:\n%s", plan)
		}
		requests += len(srv.Requests())
		srv.ResetRequests()
	}
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
}
