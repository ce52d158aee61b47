// Package redact removes secret values (bearer tokens, client secrets, action
// secret values) from everything the SDK can emit: error strings, dumps and
// log lines.
package redact

import (
	"bytes"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
)

// Placeholder replaces every secret value.
const Placeholder = "[REDACTED]"

// minLen is the shortest value that is scrubbed by plain substring search.
// Shorter values are still removed from JSON bodies by key, but replacing
// every occurrence of a one- or two-character string would garble the text.
const minLen = 3

// Redactor knows the secret values of one call. The zero value and nil
// redact only by key.
type Redactor struct {
	secrets []secret
}

// secret is a value and the other forms it takes inside a JSON string.
type secret struct {
	raw     string
	escaped []string
}

// New returns a Redactor for the given secret values; empty ones are ignored.
func New(secrets ...string) *Redactor {
	r := &Redactor{}
	r.Add(secrets...)
	return r
}

// Add records more secret values.
func (r *Redactor) Add(secrets ...string) {
	for _, s := range secrets {
		if len(s) >= minLen {
			r.secrets = append(r.secrets, secret{raw: s, escaped: encodedForms(s)})
		}
	}
}

// String returns s with every known secret value replaced.
func (r *Redactor) String(s string) string {
	if r == nil {
		return s
	}
	for _, sec := range r.secrets {
		if strings.Contains(s, sec.raw) {
			s = strings.ReplaceAll(s, sec.raw, Placeholder)
		}
		// A secret may appear JSON-escaped in a body.
		for _, esc := range sec.escaped {
			if strings.Contains(s, esc) {
				s = strings.ReplaceAll(s, esc, Placeholder)
			}
		}
	}
	return s
}

// Bytes is String for byte slices. It returns b itself when nothing matched.
func (r *Redactor) Bytes(b []byte) []byte {
	if r == nil || len(b) == 0 {
		return b
	}
	for _, sec := range r.secrets {
		if bytes.Contains(b, []byte(sec.raw)) {
			return []byte(r.String(string(b)))
		}
		for _, esc := range sec.escaped {
			if bytes.Contains(b, []byte(esc)) {
				return []byte(r.String(string(b)))
			}
		}
	}
	return b
}

// sensitiveKeys are JSON keys whose string values are always secret.
var sensitiveKeys = map[string]bool{
	"client_secret": true,
	"access_token":  true,
	"refresh_token": true,
	"id_token":      true,
	"password":      true,
}

// JSON returns a copy of a JSON body with secret values replaced: the
// "value" of every element of a "secrets" array, every sensitive key, and
// any known secret anywhere. A body that is not JSON is scrubbed as text.
func (r *Redactor) JSON(body []byte) []byte {
	if len(body) == 0 {
		return body
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return r.Bytes(body)
	}
	v = scrub(v, false)
	out, err := json.Marshal(v)
	if err != nil {
		return r.Bytes(body)
	}
	return r.Bytes(out)
}

func scrub(v any, inSecrets bool) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			switch {
			case inSecrets && k == "value":
				t[k] = Placeholder
			case sensitiveKeys[k]:
				if _, ok := val.(string); ok {
					t[k] = Placeholder
				}
			default:
				t[k] = scrub(val, k == "secrets")
			}
		}
		return t
	case []any:
		for i := range t {
			t[i] = scrub(t[i], inSecrets)
		}
		return t
	}
	return v
}

// jsonEscaped returns the forms of s inside a JSON string that differ from
// s: as most servers write it, and with <, > and & escaped as Go's
// encoding/json writes it.
func jsonEscaped(s string) []string {
	var forms []string
	for _, html := range []bool{false, true} {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(html)
		if enc.Encode(s) != nil {
			continue
		}
		b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if len(b) < 2 {
			continue
		}
		esc := string(b[1 : len(b)-1])
		if esc != s && (len(forms) == 0 || forms[0] != esc) {
			forms = append(forms, esc)
		}
	}
	return forms
}

// encodedForms returns the other forms a secret takes on the wire: JSON
// string escapes and URL (form and path) encoding, without duplicates or
// the raw form itself.
func encodedForms(s string) []string {
	forms := jsonEscaped(s)
	for _, f := range []string{url.QueryEscape(s), url.PathEscape(s)} {
		if f != s && !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	return forms
}
