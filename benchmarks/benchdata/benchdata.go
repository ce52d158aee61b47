// Package benchdata is what the benchmarks share (docs/PERFORMANCE.md): the
// bodies a loopback server answers with, and the hand-written net/http +
// encoding/json baseline with its plain structs. The SDK's benchmarks in
// benchmarks/ and the side-by-side with Auth0's Go SDK in benchmarks/compare
// (a module of its own) use the same ones, so their figures compare.
package benchdata

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Code is ~2 KB of realistic action code.
var Code = strings.Repeat("exports.onExecutePostLogin = async (event, api) => { const roles = event.authorization?.roles ?? []; api.idToken.setCustomClaim('https://example.com/roles', roles); };\n", 13)

// Action returns action i as the live API sends it: ~2 KB of code, a
// deployed version (with the code again), two secrets, two dependencies
// and the undocumented current_version, about 5 KB of JSON in all.
func Action(i int) map[string]any {
	ts := "2026-03-02T09:15:27.118204531Z"
	trig := []map[string]any{{"id": "post-login", "version": "v3"}}
	deps := []map[string]any{{"name": "lodash", "version": "4.17.21"}, {"name": "axios", "version": "1.7.2"}}
	secrets := []map[string]any{{"name": "API_KEY", "updated_at": ts}, {"name": "CLIENT_SECRET", "updated_at": ts}}
	id := fmt.Sprintf("5b1c7f3e-2a44-4e0b-9d6f-%012d", i)
	return map[string]any{
		"id": id, "name": fmt.Sprintf("action-%05d", i), "supported_triggers": trig,
		"all_changes_deployed": true, "created_at": ts, "updated_at": ts,
		"code": Code, "dependencies": deps, "runtime": "node22", "secrets": secrets,
		"deployed_version": map[string]any{
			"id": fmt.Sprintf("a9e0d3c1-7b52-4f18-8c3e-%012d", i), "code": Code, "dependencies": deps,
			"deployed": true, "number": 3, "built_at": ts, "secrets": secrets, "status": "built",
			"created_at": ts, "updated_at": ts, "runtime": "node22", "supported_triggers": trig,
		},
		"status": "built", "built_at": ts,
		"current_version": map[string]any{"id": "cv", "status": "BUILT", "number": 3, "created_at": ts},
	}
}

// JSON encodes v, panicking on error (fixtures only).
func JSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// Server serves fixed bodies by path, like the live API.
func Server(tb testing.TB) (*httptest.Server, map[string][]byte) {
	one := JSON(Action(1))
	actions := make([]any, 100)
	versions := make([]any, 100)
	bindings := make([]any, 100)
	for i := range actions {
		a := Action(i)
		actions[i] = a
		v := a["deployed_version"].(map[string]any)
		v["action"] = map[string]any{"id": a["id"], "name": a["name"], "supported_triggers": a["supported_triggers"], "created_at": a["created_at"], "updated_at": a["updated_at"], "all_changes_deployed": true}
		versions[i] = v
		bindings[i] = map[string]any{"id": fmt.Sprintf("b-%d", i), "trigger_id": "post-login", "display_name": a["name"],
			"action":     map[string]any{"id": a["id"], "name": a["name"], "supported_triggers": a["supported_triggers"], "created_at": a["created_at"], "updated_at": a["updated_at"], "all_changes_deployed": true},
			"created_at": a["created_at"], "updated_at": a["updated_at"]}
	}
	bodies := map[string][]byte{
		"/api/v2/actions/actions/one":                  one,
		"/api/v2/actions/actions":                      JSON(map[string]any{"actions": actions, "total": 100, "per_page": 100}),
		"/api/v2/actions/actions/one/versions":         JSON(map[string]any{"versions": versions, "total": 100, "per_page": 100}),
		"/api/v2/actions/triggers/post-login/bindings": JSON(map[string]any{"bindings": bindings[:10]}),
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			_, _ = io.Copy(io.Discard, r.Body)
		}
		body, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		_, _ = w.Write(body)
	}))
	tb.Cleanup(srv.Close)
	return srv, bodies
}

// The baseline's types: the same fields as the SDK's types, plain
// encoding/json, no extras.
type (
	// Trigger is a trigger.
	Trigger struct {
		ID                 string   `json:"id"`
		Version            string   `json:"version"`
		Status             string   `json:"status"`
		Runtimes           []string `json:"runtimes"`
		DefaultRuntime     string   `json:"default_runtime"`
		CompatibleTriggers []struct {
			ID      string `json:"id"`
			Version string `json:"version"`
		} `json:"compatible_triggers"`
		BindingPolicy string `json:"binding_policy"`
	}
	// Dep is an npm dependency.
	Dep struct {
		Name        string `json:"name"`
		Version     string `json:"version"`
		RegistryURL string `json:"registry_url"`
	}
	// Secret is a secret's name and date.
	Secret struct {
		Name      string    `json:"name"`
		UpdatedAt time.Time `json:"updated_at"`
	}
	// Error is a build error.
	Error struct {
		ID  string `json:"id"`
		Msg string `json:"msg"`
		URL string `json:"url"`
	}
	// Module is an action module reference.
	Module struct {
		ModuleID            string `json:"module_id"`
		ModuleName          string `json:"module_name"`
		ModuleVersionID     string `json:"module_version_id"`
		ModuleVersionNumber int    `json:"module_version_number"`
	}
	// Version is an action version.
	Version struct {
		ID                string    `json:"id"`
		ActionID          string    `json:"action_id"`
		Code              string    `json:"code"`
		Dependencies      []Dep     `json:"dependencies"`
		Deployed          bool      `json:"deployed"`
		Runtime           string    `json:"runtime"`
		Secrets           []Secret  `json:"secrets"`
		Status            string    `json:"status"`
		Number            int       `json:"number"`
		Errors            []Error   `json:"errors"`
		BuiltAt           time.Time `json:"built_at"`
		CreatedAt         time.Time `json:"created_at"`
		UpdatedAt         time.Time `json:"updated_at"`
		SupportedTriggers []Trigger `json:"supported_triggers"`
		Modules           []Module  `json:"modules"`
		Action            struct {
			ID                 string    `json:"id"`
			Name               string    `json:"name"`
			SupportedTriggers  []Trigger `json:"supported_triggers"`
			AllChangesDeployed bool      `json:"all_changes_deployed"`
			CreatedAt          time.Time `json:"created_at"`
			UpdatedAt          time.Time `json:"updated_at"`
		} `json:"action"`
	}
	// BaseAction is an action.
	BaseAction struct {
		ID                     string          `json:"id"`
		Name                   string          `json:"name"`
		SupportedTriggers      []Trigger       `json:"supported_triggers"`
		AllChangesDeployed     bool            `json:"all_changes_deployed"`
		CreatedAt              time.Time       `json:"created_at"`
		UpdatedAt              time.Time       `json:"updated_at"`
		Code                   string          `json:"code"`
		Dependencies           []Dep           `json:"dependencies"`
		Runtime                string          `json:"runtime"`
		Secrets                []Secret        `json:"secrets"`
		DeployedVersion        *Version        `json:"deployed_version"`
		InstalledIntegrationID string          `json:"installed_integration_id"`
		Integration            *map[string]any `json:"integration"`
		Status                 string          `json:"status"`
		BuiltAt                time.Time       `json:"built_at"`
		Deploy                 bool            `json:"deploy"`
		Modules                []Module        `json:"modules"`
		CurrentVersion         *struct {
			ID        string    `json:"id"`
			Code      string    `json:"code"`
			Runtime   string    `json:"runtime"`
			Status    string    `json:"status"`
			Number    int       `json:"number"`
			BuildTime string    `json:"build_time"`
			CreatedAt time.Time `json:"created_at"`
			UpdatedAt time.Time `json:"updated_at"`
		} `json:"current_version"`
	}
	// List is a page of actions.
	List struct {
		Total   int          `json:"total"`
		Page    int          `json:"page"`
		PerPage int          `json:"per_page"`
		Actions []BaseAction `json:"actions"`
	}
)

// Get is what a careful hand-written call does: streaming decode.
func Get(ctx context.Context, hc *http.Client, url string, out any) error {
	return get(ctx, hc, url, out, false)
}

// ReadAll reads the whole body, then decodes it: usually faster
// than streaming for large bodies.
func ReadAll(ctx context.Context, hc *http.Client, url string, out any) error {
	return get(ctx, hc, url, out, true)
}

func get(ctx context.Context, hc *http.Client, url string, out any, readAll bool) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer bench-token")
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	if !readAll {
		return json.NewDecoder(resp.Body).Decode(out)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	return json.Unmarshal(body, out)
}
