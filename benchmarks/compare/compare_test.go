package compare_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/management"
	jsonv2 "github.com/go-json-experiment/json"
	goccy "github.com/goccy/go-json"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/benchmarks/benchdata"
	"github.com/actions-sdk/auth0-go/internal/jsondec"
	"github.com/actions-sdk/auth0-go/option"
)

const pageQuery = "?page=0&per_page=100"

func sdkClient(srv *httptest.Server, hc *http.Client) *auth0.Client {
	return auth0.NewClient(option.WithBaseURL(srv.URL+"/api/v2/"), option.WithToken("bench-token"), option.WithHTTPClient(hc))
}

// goauth0Client is Auth0's SDK with its defaults, over plain HTTP to the
// loopback server (WithInsecure, meant for tests) and its connections.
func goauth0Client(b *testing.B, srv *httptest.Server, hc *http.Client) *management.Management {
	m, err := management.New(strings.TrimPrefix(srv.URL, "http://"), management.WithInsecure(), management.WithClient(hc))
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkGetAction reads one action (~5 KB): GET /actions/actions/{id}.
func BenchmarkGetAction(b *testing.B) {
	srv, _ := benchdata.Server(b)
	hc := srv.Client()
	ctx := b.Context()
	url := srv.URL + "/api/v2/actions/actions/one"
	b.Run("impl=baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var a benchdata.BaseAction
			if err := benchdata.Get(ctx, hc, url, &a); err != nil || a.ID == "" {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=goauth0", func(b *testing.B) {
		m := goauth0Client(b, srv, hc)
		b.ReportAllocs()
		for b.Loop() {
			a, err := m.Action.Read(ctx, "one")
			if err != nil || a.GetID() == "" {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=sdk", func(b *testing.B) {
		c := sdkClient(srv, hc)
		b.ReportAllocs()
		for b.Loop() {
			a, err := c.Actions.Get(ctx, "one")
			if err != nil || a.ID == "" {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkListActions100 reads a page of 100 actions (~510 KB), the work of
// a batch job: GET /actions/actions?page=0&per_page=100.
func BenchmarkListActions100(b *testing.B) {
	srv, _ := benchdata.Server(b)
	hc := srv.Client()
	ctx := b.Context()
	url := srv.URL + "/api/v2/actions/actions" + pageQuery
	b.Run("impl=baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var l benchdata.List
			if err := benchdata.Get(ctx, hc, url, &l); err != nil || len(l.Actions) != 100 {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=goauth0", func(b *testing.B) {
		m := goauth0Client(b, srv, hc)
		b.ReportAllocs()
		for b.Loop() {
			l, err := m.Action.List(ctx, management.Page(0), management.PerPage(100))
			if err != nil || len(l.Actions) != 100 {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=sdk", func(b *testing.B) {
		c := sdkClient(srv, hc)
		b.ReportAllocs()
		for b.Loop() {
			p, err := c.Actions.List(ctx, auth0.ActionListParams{PerPage: auth0.Int(100)})
			if err != nil || len(p.Items) != 100 {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDecodePage decodes the same page of 100 actions, already in
// memory, into the baseline's plain structs with each JSON library: what
// the choice of decoder is worth, without HTTP. go-json-experiment runs
// twice: with its defaults, and as the SDK runs it (internal/jsondec, with
// the options that keep encoding/json's leniency).
func BenchmarkDecodePage(b *testing.B) {
	_, bodies := benchdata.Server(b)
	body := bodies["/api/v2/actions/actions"]
	for _, d := range []struct {
		name      string
		unmarshal func([]byte, any) error
	}{
		{"encoding-json", json.Unmarshal},
		{"go-json-experiment", func(data []byte, v any) error { return jsonv2.Unmarshal(data, v) }},
		{"go-json-experiment-sdk-options", jsondec.Unmarshal},
		{"goccy-go-json", goccy.Unmarshal},
	} {
		b.Run("decoder="+d.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				var l benchdata.List
				if err := d.unmarshal(body, &l); err != nil || len(l.Actions) != 100 || l.Actions[99].DeployedVersion == nil {
					b.Fatal(err)
				}
			}
		})
	}
}
