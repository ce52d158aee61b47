package benchmarks_test

// Per-call overhead benchmarks (docs/PERFORMANCE.md): the SDK against a
// hand-written net/http + encoding/json call doing the same request and
// decoding into an equivalent struct, both against one loopback server.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/benchmarks/benchdata"
	"github.com/actions-sdk/auth0-go/option"
)

// The fixtures and the baseline live in benchdata, shared with the
// side-by-side module benchmarks/compare.
var (
	benchServer     = benchdata.Server
	baselineGet     = benchdata.Get
	baselineReadAll = benchdata.ReadAll
)

type (
	baseVersion = benchdata.Version
	baseAction  = benchdata.BaseAction
	baseList    = benchdata.List
)

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
			p, err := c.Actions.Versions.List(ctx, "one", auth0.ActionVersionListParams{PerPage: auth0.Int(100)})
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
