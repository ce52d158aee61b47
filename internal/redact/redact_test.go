package redact

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		secrets []string
		in      string
		want    string
	}{
		{"plain", []string{"s3cr3t"}, "key s3cr3t here", "key [REDACTED] here"},
		{"every occurrence", []string{"abc"}, "abc-abc", "[REDACTED]-[REDACTED]"},
		{"several secrets", []string{"tok-1", "sec-2"}, "Bearer tok-1 and sec-2", "Bearer [REDACTED] and [REDACTED]"},
		{"JSON-escaped quote", []string{`p"w`}, `{"message":"bad p\"w"}`, `{"message":"bad [REDACTED]"}`},
		{"JSON-escaped backslash", []string{`a\b`}, `{"m":"a\\b"}`, `{"m":"[REDACTED]"}`},
		{"JSON-escaped newline", []string{"l1\nl2"}, `{"m":"l1\nl2"}`, `{"m":"[REDACTED]"}`},
		{"HTML characters as a server writes them", []string{"a<b>&c"}, `{"m":"a<b>&c"}`, `{"m":"[REDACTED]"}`},
		{"HTML characters as Go writes them", []string{"a<b>&c"}, `{"m":"a\u003cb\u003e\u0026c"}`, `{"m":"[REDACTED]"}`},
		{"quote and HTML as a server writes them", []string{`"<x>"`}, `{"m":"\"<x>\""}`, `{"m":"[REDACTED]"}`},
		{"non-ASCII", []string{"pässwörd"}, "it was pässwörd", "it was [REDACTED]"},
		{"short values are not scrubbed as text", []string{"ab", "x"}, "ab x tab", "ab x tab"},
		{"empty secret ignored", []string{""}, "anything", "anything"},
		{"no match", []string{"zzz"}, "nothing here", "nothing here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := New(tt.secrets...)
			assert.Equal(t, tt.want, r.String(tt.in))
			assert.Equal(t, tt.want, string(r.Bytes([]byte(tt.in))))
		})
	}
}

func TestNilAndZeroRedactor(t *testing.T) {
	t.Parallel()
	var nilR *Redactor
	assert.Equal(t, "s3cr3t", nilR.String("s3cr3t"))
	assert.Equal(t, []byte("s3cr3t"), nilR.Bytes([]byte("s3cr3t")))
	assert.JSONEq(t, `{"secrets":[{"name":"A","value":"[REDACTED]"}]}`, string(nilR.JSON([]byte(`{"secrets":[{"name":"A","value":"v"}]}`))))

	var zero Redactor
	assert.Equal(t, "x", zero.String("x"))
	zero.Add("added-secret")
	assert.Equal(t, "[REDACTED]", zero.String("added-secret"))
}

func TestBytesReturnsInputWhenClean(t *testing.T) {
	t.Parallel()
	r := New("s3cr3t")
	in := []byte(`{"ok":true}`)
	out := r.Bytes(in)
	require.Len(t, out, len(in))
	assert.Same(t, &in[0], &out[0], "nothing to scrub: no copy")

	dirty := []byte(`{"v":"s3cr3t"}`)
	out = r.Bytes(dirty)
	assert.Equal(t, `{"v":"[REDACTED]"}`, string(out))
	assert.Equal(t, `{"v":"s3cr3t"}`, string(dirty), "the input is not modified")
}

func TestJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		secrets []string
		in      string
		want    string // JSON; compared with JSONEq unless raw
		raw     bool
	}{
		{
			"action secrets by key, even short ones",
			nil,
			`{"name":"a","secrets":[{"name":"API_KEY","value":"v1"},{"name":"B","value":"xy"}]}`,
			`{"name":"a","secrets":[{"name":"API_KEY","value":"[REDACTED]"},{"name":"B","value":"[REDACTED]"}]}`, false,
		},
		{
			"nested secrets",
			nil,
			`{"bindings":[{"display_name":"x","secrets":[{"name":"K","value":"nested"}]}]}`,
			`{"bindings":[{"display_name":"x","secrets":[{"name":"K","value":"[REDACTED]"}]}]}`, false,
		},
		{
			"value outside secrets is kept",
			nil,
			`{"value":"keep","options":[{"value":"keep too"}]}`,
			`{"value":"keep","options":[{"value":"keep too"}]}`, false,
		},
		{
			"sensitive keys anywhere",
			nil,
			`{"client_secret":"cs","access_token":"at","refresh_token":"rt","id_token":"it","password":"pw","deep":{"password":"pw2"}}`,
			`{"client_secret":"[REDACTED]","access_token":"[REDACTED]","refresh_token":"[REDACTED]","id_token":"[REDACTED]","password":"[REDACTED]","deep":{"password":"[REDACTED]"}}`, false,
		},
		{
			"non-string sensitive values are left",
			nil,
			`{"password":{"min_length":8}}`,
			`{"password":{"min_length":8}}`, false,
		},
		{
			"known secret in any field",
			[]string{"leaky-value"},
			`{"code":"const k = 'leaky-value';","name":"n"}`,
			`{"code":"const k = '[REDACTED]';","name":"n"}`, false,
		},
		{
			"known secret with HTML characters in any field",
			[]string{"<leaky&value>"},
			`{"code":"x = '<leaky&value>'"}`,
			`{"code":"x = '[REDACTED]'"}`, false,
		},
		{
			"not JSON: scrubbed as text",
			[]string{"leaky-value"},
			`name=leaky-value&x=1`,
			`name=[REDACTED]&x=1`, true,
		},
		{
			"empty",
			[]string{"leaky-value"},
			``,
			``, true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := string(New(tt.secrets...).JSON([]byte(tt.in)))
			if tt.raw {
				assert.Equal(t, tt.want, got)
				return
			}
			assert.JSONEq(t, tt.want, got)
			for _, s := range tt.secrets {
				assert.NotContains(t, got, s)
			}
		})
	}
}

func TestJSONKeepsInputIntact(t *testing.T) {
	t.Parallel()
	in := []byte(`{"secrets":[{"name":"A","value":"v"}]}`)
	orig := string(in)
	_ = New().JSON(in)
	assert.Equal(t, orig, string(in))
}

func TestJSONRoundTripIsValid(t *testing.T) {
	t.Parallel()
	in := []byte(`{"a":[1,2,{"secrets":[{"name":"x","value":"y"}]}],"b":null,"c":true,"d":"é"}`)
	out := New("zzz").JSON(in)
	assert.True(t, json.Valid(out), string(out))
	assert.True(t, strings.Contains(string(out), "[REDACTED]"))
}
