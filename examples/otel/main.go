// Command otel traces every call of the Auth0 Actions SDK with
// OpenTelemetry: the SDK's HTTP client goes through otelhttp's transport
// (option.WithHTTPClient), and each request's span is named by its route
// template, such as "GET /actions/actions/{id}", which the SDK puts in the
// request's context (option.RouteFromContext). The URL, with its IDs, would
// give every action its own span name.
//
//	go run ./examples/otel          # a release on an in-process fake of the API
//	go run ./examples/otel -live    # read-only calls on the tenant of AUTH0_DOMAIN
//
// The spans go to an in-memory recorder and are printed at the end; a real
// program registers its exporter (OTLP, say) on the tracer provider instead.
// This directory is its own Go module, so that the SDK's go.mod does not
// depend on OpenTelemetry.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

func main() {
	live := flag.Bool("live", false, "make read-only calls on the tenant of AUTH0_DOMAIN (credentials from AUTH0_*) instead of the in-process fake")
	flag.Parse()
	log.SetFlags(0)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, *live); err != nil {
		log.Fatal(err)
	}
}

// run makes the calls, traced, and prints the spans.
func run(ctx context.Context, out io.Writer, live bool) error {
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	defer func() { _ = tp.Shutdown(context.WithoutCancel(ctx)) }()
	traced := option.WithHTTPClient(TracedHTTPClient(tp))

	var err error
	if live {
		domain := os.Getenv("AUTH0_DOMAIN")
		if domain == "" {
			return errors.New("-live needs AUTH0_DOMAIN and credentials (AUTH0_API_TOKEN, or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET)")
		}
		fmt.Fprintf(out, "read-only calls on tenant %s\n", domain)
		err = readOnly(ctx, tp, auth0.NewClient(traced))
	} else {
		err = releaseOnFake(ctx, tp, traced)
	}
	if err != nil {
		return err
	}
	PrintSpans(out, spans.Ended())
	return nil
}

// TracedHTTPClient returns an HTTP client whose every request is a client
// span of tp, named "METHOD /route/{template}" for the SDK's API calls and
// "METHOD" for other requests (the token request, calls through
// Client.Execute), as OpenTelemetry's HTTP conventions ask; the route is
// also the span's url.template attribute.
func TracedHTTPClient(tp trace.TracerProvider) *http.Client {
	return &http.Client{Transport: otelhttp.NewTransport(routeAttribute{http.DefaultTransport},
		otelhttp.WithTracerProvider(tp),
		otelhttp.WithSpanNameFormatter(SpanName))}
}

// SpanName names a request's span by its route template.
func SpanName(_ string, req *http.Request) string {
	if route, ok := option.RouteFromContext(req.Context()); ok {
		return req.Method + " " + route
	}
	return req.Method
}

// routeAttribute runs inside otelhttp's transport, where the request's
// context holds the span otelhttp started, and records the route on it.
type routeAttribute struct{ next http.RoundTripper }

func (t routeAttribute) RoundTrip(req *http.Request) (*http.Response, error) {
	if route, ok := option.RouteFromContext(req.Context()); ok {
		trace.SpanFromContext(req.Context()).SetAttributes(attribute.String("url.template", route))
	}
	return t.next.RoundTrip(req)
}

// releaseOnFake ships an action on an in-process fake of the API, under
// one parent span, with client credentials so that the token request shows
// too.
func releaseOnFake(ctx context.Context, tp trace.TracerProvider, traced option.RequestOption) error {
	srv, err := auth0test.Start(auth0test.WithClientCredentials("otel-example", "otel-example-secret"))
	if err != nil {
		return err
	}
	defer srv.Close()
	client := srv.Client(option.WithClientCredentials("otel-example", "otel-example-secret"), traced, option.WithPollInterval(time.Millisecond, 10*time.Millisecond))

	ctx, span := tp.Tracer("examples/otel").Start(ctx, "release add-roles")
	defer span.End()
	res, err := client.Actions.Upsert(ctx, auth0.ActionUpsertParams{
		Name:              "add-roles",
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Code:              auth0.String("exports.onExecutePostLogin = async (event, api) => {};"),
		Deploy:            true,
		Bind:              true,
	})
	if err != nil {
		return err
	}
	_, err = client.Actions.Versions.List(ctx, res.Action.ID, auth0.ActionVersionListParams{})
	return err
}

// readOnly lists the tenant's triggers and a page of its actions.
func readOnly(ctx context.Context, tp trace.TracerProvider, client *auth0.Client) error {
	ctx, span := tp.Tracer("examples/otel").Start(ctx, "inspect tenant")
	defer span.End()
	if _, err := client.Actions.Triggers.List(ctx); err != nil {
		return err
	}
	_, err := client.Actions.List(ctx, auth0.ActionListParams{PerPage: auth0.Int(5)})
	return err
}

// PrintSpans prints the spans as a tree, in the order they started.
func PrintSpans(out io.Writer, spans []sdktrace.ReadOnlySpan) {
	sort.Slice(spans, func(i, j int) bool { return spans[i].StartTime().Before(spans[j].StartTime()) })
	children := map[trace.SpanID][]sdktrace.ReadOnlySpan{}
	var roots []sdktrace.ReadOnlySpan
	for _, s := range spans {
		if s.Parent().IsValid() {
			children[s.Parent().SpanID()] = append(children[s.Parent().SpanID()], s)
		} else {
			roots = append(roots, s)
		}
	}
	var walk func(s sdktrace.ReadOnlySpan, depth int)
	walk = func(s sdktrace.ReadOnlySpan, depth int) {
		var status, template, full string
		for _, kv := range s.Attributes() {
			switch kv.Key {
			case "http.response.status_code":
				status = " → " + kv.Value.String()
			case "url.template":
				template = kv.Value.AsString()
			case "url.full":
				full = kv.Value.AsString()
			}
		}
		name := s.Name()
		if template == "" && full != "" {
			if u, err := url.Parse(full); err == nil {
				name += " (" + u.Path + ", no route)"
			}
		}
		fmt.Fprintf(out, "%s%s%s\n", strings.Repeat("  ", depth), name, status)
		for _, c := range children[s.SpanContext().SpanID()] {
			walk(c, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
}
