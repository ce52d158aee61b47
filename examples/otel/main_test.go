package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/actions-sdk/auth0-go/option"
)

// TestSpansAreNamedByRoute runs the release on the fake and checks every
// span: API calls are named by their route template (never by an ID), with
// the template as url.template; the token request is named by its method
// only; all are children of the release's span.
func TestSpansAreNamedByRoute(t *testing.T) {
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	// Background, not t.Context(): the test's context is already cancelled
	// when cleanups run, and Shutdown must still flush the spans.
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })

	if err := releaseOnFake(t.Context(), tp, option.WithHTTPClient(TracedHTTPClient(tp))); err != nil {
		t.Fatal(err)
	}
	ended := spans.Ended()
	var root sdktrace.ReadOnlySpan
	for _, s := range ended {
		if s.Name() == "release add-roles" {
			root = s
		}
	}
	if root == nil {
		t.Fatalf("no release span among %d", len(ended))
	}
	names := map[string]int{}
	for _, s := range ended {
		if s == root {
			continue
		}
		names[s.Name()]++
		attrs := map[attribute.Key]attribute.Value{}
		for _, kv := range s.Attributes() {
			attrs[kv.Key] = kv.Value
		}
		if s.SpanKind() != trace.SpanKindClient {
			t.Errorf("%s: kind %s, want client", s.Name(), s.SpanKind())
		}
		if s.Parent().SpanID() != root.SpanContext().SpanID() {
			t.Errorf("%s: not a child of the release span", s.Name())
		}
		full := attrs["url.full"].AsString()
		template, hasTemplate := attrs["url.template"]
		switch {
		case strings.HasSuffix(full, "/oauth/token"):
			if s.Name() != "POST" || hasTemplate {
				t.Errorf("token request: span %q, url.template %v; want POST and none", s.Name(), template.AsString())
			}
		case !hasTemplate:
			t.Errorf("%s (%s): no url.template", s.Name(), full)
		default:
			method := attrs["http.request.method"].AsString()
			if s.Name() != method+" "+template.AsString() {
				t.Errorf("span %q, want %q", s.Name(), method+" "+template.AsString())
			}
			if !strings.HasPrefix(template.AsString(), "/actions/") || strings.Contains(s.Name(), "-") {
				t.Errorf("span %q looks like a URL with an ID, not a route", s.Name())
			}
		}
	}
	for _, want := range []string{
		"POST",
		"GET /actions/actions",
		"POST /actions/actions",
		"GET /actions/actions/{id}",
		"POST /actions/actions/{id}/deploy",
		"GET /actions/actions/{actionId}/versions/{id}",
		"GET /actions/triggers/{triggerId}/bindings",
		"PATCH /actions/triggers/{triggerId}/bindings",
		"GET /actions/actions/{actionId}/versions",
	} {
		if names[want] == 0 {
			t.Errorf("no span %q among %v", want, names)
		}
	}
}

func TestRunPrintsTheTree(t *testing.T) {
	var out bytes.Buffer
	if err := run(t.Context(), &out, false); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"release add-roles\n",
		"  POST (/oauth/token, no route) → 200\n",
		"  POST /actions/actions → 201\n",
		"  PATCH /actions/triggers/{triggerId}/bindings → 200\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

func TestRunLiveNeedsATenant(t *testing.T) {
	t.Setenv("AUTH0_DOMAIN", "")
	var out bytes.Buffer
	err := run(t.Context(), &out, true)
	if err == nil || !strings.Contains(err.Error(), "AUTH0_DOMAIN") {
		t.Fatalf("err = %v, want one naming AUTH0_DOMAIN", err)
	}
	if out.Len() != 0 {
		t.Errorf("printed %q before refusing", out.String())
	}
}
