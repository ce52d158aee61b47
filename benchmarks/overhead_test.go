package benchmarks_test

// Per-call overhead benchmarks (docs/PERFORMANCE.md): the SDK against a
// hand-written net/http + encoding/json call doing the same request and
// decoding into an equivalent struct, both against one loopback server.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// benchCode is ~2 KB of realistic action code.
var benchCode = strings.Repeat("exports.onExecutePostLogin = async (event, api) => { const roles = event.authorization?.roles ?? []; api.idToken.setCustomClaim('https://example.com/roles', roles); };\n", 13)

func benchAction(i int) map[string]any {
	ts := "2026-03-02T09:15:27.118204531Z"
	trig := []map[string]any{{"id": "post-login", "version": "v3"}}
	deps := []map[string]any{{"name": "lodash", "version": "4.17.21"}, {"name": "axios", "version": "1.7.2"}}
	secrets := []map[string]any{{"name": "API_KEY", "updated_at": ts}, {"name": "CLIENT_SECRET", "updated_at": ts}}
	id := fmt.Sprintf("5b1c7f3e-2a44-4e0b-9d6f-%012d", i)
	return map[string]any{
		"id": id, "name": fmt.Sprintf("action-%05d", i), "supported_triggers": trig,
		"all_changes_deployed": true, "created_at": ts, "updated_at": ts,
		"code": benchCode, "dependencies": deps, "runtime": "node22", "secrets": secrets,
		"deployed_version": map[string]any{
			"id": fmt.Sprintf("a9e0d3c1-7b52-4f18-8c3e-%012d", i), "code": benchCode, "dependencies": deps,
			"deployed": true, "number": 3, "built_at": ts, "secrets": secrets, "status": "built",
			"created_at": ts, "updated_at": ts, "runtime": "node22", "supported_triggers": trig,
		},
		"status": "built", "built_at": ts,
		"current_version": map[string]any{"id": "cv", "status": "BUILT", "number": 3, "created_at": ts},
	}
}

func benchJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// benchServer serves fixed bodies by path, like the live API.
func benchServer(tb testing.TB) (*httptest.Server, map[string][]byte) {
	one := benchJSON(benchAction(1))
	actions := make([]any, 100)
	versions := make([]any, 100)
	bindings := make([]any, 100)
	for i := range actions {
		a := benchAction(i)
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
		"/api/v2/actions/actions":                      benchJSON(map[string]any{"actions": actions, "total": 100, "per_page": 100}),
		"/api/v2/actions/actions/one/versions":         benchJSON(map[string]any{"versions": versions, "total": 100, "per_page": 100}),
		"/api/v2/actions/triggers/post-login/bindings": benchJSON(map[string]any{"bindings": bindings[:10]}),
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
	baseTrigger struct {
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
	baseDep struct {
		Name        string `json:"name"`
		Version     string `json:"version"`
		RegistryURL string `json:"registry_url"`
	}
	baseSecret struct {
		Name      string    `json:"name"`
		UpdatedAt time.Time `json:"updated_at"`
	}
	baseError struct {
		ID  string `json:"id"`
		Msg string `json:"msg"`
		URL string `json:"url"`
	}
	baseModule struct {
		ModuleID            string `json:"module_id"`
		ModuleName          string `json:"module_name"`
		ModuleVersionID     string `json:"module_version_id"`
		ModuleVersionNumber int    `json:"module_version_number"`
	}
	baseVersion struct {
		ID                string        `json:"id"`
		ActionID          string        `json:"action_id"`
		Code              string        `json:"code"`
		Dependencies      []baseDep     `json:"dependencies"`
		Deployed          bool          `json:"deployed"`
		Runtime           string        `json:"runtime"`
		Secrets           []baseSecret  `json:"secrets"`
		Status            string        `json:"status"`
		Number            int           `json:"number"`
		Errors            []baseError   `json:"errors"`
		BuiltAt           time.Time     `json:"built_at"`
		CreatedAt         time.Time     `json:"created_at"`
		UpdatedAt         time.Time     `json:"updated_at"`
		SupportedTriggers []baseTrigger `json:"supported_triggers"`
		Modules           []baseModule  `json:"modules"`
		Action            struct {
			ID                 string        `json:"id"`
			Name               string        `json:"name"`
			SupportedTriggers  []baseTrigger `json:"supported_triggers"`
			AllChangesDeployed bool          `json:"all_changes_deployed"`
			CreatedAt          time.Time     `json:"created_at"`
			UpdatedAt          time.Time     `json:"updated_at"`
		} `json:"action"`
	}
	baseAction struct {
		ID                     string          `json:"id"`
		Name                   string          `json:"name"`
		SupportedTriggers      []baseTrigger   `json:"supported_triggers"`
		AllChangesDeployed     bool            `json:"all_changes_deployed"`
		CreatedAt              time.Time       `json:"created_at"`
		UpdatedAt              time.Time       `json:"updated_at"`
		Code                   string          `json:"code"`
		Dependencies           []baseDep       `json:"dependencies"`
		Runtime                string          `json:"runtime"`
		Secrets                []baseSecret    `json:"secrets"`
		DeployedVersion        *baseVersion    `json:"deployed_version"`
		InstalledIntegrationID string          `json:"installed_integration_id"`
		Integration            *map[string]any `json:"integration"`
		Status                 string          `json:"status"`
		BuiltAt                time.Time       `json:"built_at"`
		Deploy                 bool            `json:"deploy"`
		Modules                []baseModule    `json:"modules"`
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
	baseList struct {
		Total   int          `json:"total"`
		Page    int          `json:"page"`
		PerPage int          `json:"per_page"`
		Actions []baseAction `json:"actions"`
	}
)

// baselineGet is what a careful hand-written call does: streaming decode.
func baselineGet(ctx context.Context, hc *http.Client, url string, out any) error {
	return baseline(ctx, hc, url, out, false)
}

// baselineReadAll reads the whole body, then decodes it: usually faster
// than streaming for large bodies.
func baselineReadAll(ctx context.Context, hc *http.Client, url string, out any) error {
	return baseline(ctx, hc, url, out, true)
}

func baseline(ctx context.Context, hc *http.Client, url string, out any, readAll bool) error {
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

func benchClient(srv *httptest.Server, hc *http.Client) *auth0.Client {
	return auth0.NewClient(option.WithBaseURL(srv.URL+"/api/v2/"), option.WithToken("bench-token"), option.WithHTTPClient(hc))
}

func BenchmarkGetAction(b *testing.B) {
	srv, _ := benchServer(b)
	hc := srv.Client()
	ctx := b.Context()
	b.Run("impl=baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var a baseAction
			if err := baselineGet(ctx, hc, srv.URL+"/api/v2/actions/actions/one", &a); err != nil || a.ID == "" {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=baseline-readall", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var a baseAction
			if err := baselineReadAll(ctx, hc, srv.URL+"/api/v2/actions/actions/one", &a); err != nil || a.ID == "" {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=sdk", func(b *testing.B) {
		c := benchClient(srv, hc)
		b.ReportAllocs()
		for b.Loop() {
			a, err := c.Actions.Get(ctx, "one")
			if err != nil || a.ID == "" {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkListActions100(b *testing.B) {
	srv, _ := benchServer(b)
	hc := srv.Client()
	ctx := b.Context()
	b.Run("impl=baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var l baseList
			if err := baselineGet(ctx, hc, srv.URL+"/api/v2/actions/actions?page=0&per_page=100", &l); err != nil || len(l.Actions) != 100 {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=baseline-readall", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var l baseList
			if err := baselineReadAll(ctx, hc, srv.URL+"/api/v2/actions/actions?page=0&per_page=100", &l); err != nil || len(l.Actions) != 100 {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=sdk", func(b *testing.B) {
		c := benchClient(srv, hc)
		b.ReportAllocs()
		for b.Loop() {
			p, err := c.Actions.List(ctx, auth0.ActionListParams{PerPage: auth0.Int(100)})
			if err != nil || len(p.Items) != 100 {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkListVersions100(b *testing.B) {
	srv, _ := benchServer(b)
	hc := srv.Client()
	ctx := b.Context()
	b.Run("impl=baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var l struct {
				Versions []baseVersion `json:"versions"`
			}
			if err := baselineGet(ctx, hc, srv.URL+"/api/v2/actions/actions/one/versions?page=0&per_page=100", &l); err != nil || len(l.Versions) != 100 {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=baseline-readall", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var l struct {
				Versions []baseVersion `json:"versions"`
			}
			if err := baselineReadAll(ctx, hc, srv.URL+"/api/v2/actions/actions/one/versions?page=0&per_page=100", &l); err != nil || len(l.Versions) != 100 {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=sdk", func(b *testing.B) {
		c := benchClient(srv, hc)
		b.ReportAllocs()
		for b.Loop() {
			p, err := c.Actions.Versions.List(ctx, "one", auth0.VersionListParams{PerPage: auth0.Int(100)})
			if err != nil || len(p.Items) != 100 {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkUpdateBindings(b *testing.B) {
	srv, bodies := benchServer(b)
	hc := srv.Client()
	ctx := b.Context()
	params := auth0.BindingUpdateParams{}
	for i := range 10 {
		params.Bindings = append(params.Bindings, auth0.BindingUpdate{
			Ref:         auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: fmt.Sprintf("5b1c7f3e-2a44-4e0b-9d6f-%012d", i)},
			DisplayName: auth0.String(fmt.Sprintf("action-%05d", i)),
		})
	}
	url := srv.URL + "/api/v2/actions/triggers/post-login/bindings"
	_ = bodies
	b.Run("impl=baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			body, _ := json.Marshal(params)
			req, _ := http.NewRequestWithContext(ctx, http.MethodPatch, url, bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer bench-token")
			req.Header.Set("Content-Type", "application/json")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var out struct {
				Bindings []struct {
					ID          string `json:"id"`
					DisplayName string `json:"display_name"`
					TriggerID   string `json:"trigger_id"`
					Action      baseAction
					CreatedAt   time.Time `json:"created_at"`
					UpdatedAt   time.Time `json:"updated_at"`
				} `json:"bindings"`
			}
			err = json.NewDecoder(resp.Body).Decode(&out)
			resp.Body.Close()
			if err != nil || len(out.Bindings) != 10 {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=sdk", func(b *testing.B) {
		c := benchClient(srv, hc)
		b.ReportAllocs()
		for b.Loop() {
			res, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, params)
			if err != nil || len(res.Bindings) != 10 {
				b.Fatal(err)
			}
		}
	})
}
