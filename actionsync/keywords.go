package actionsync

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// Keyword replacement as the Deploy CLI does it (its
// docs/keyword-replacement.md), on the raw text of every file before it is
// parsed: first @@KEY@@, then ##KEY##.

// ParseKeywordMappings parses keyword mappings in the Deploy CLI's form: a
// JSON object from keyword to value (a string, number, boolean, null,
// list or object), as in AUTH0_KEYWORD_REPLACE_MAPPINGS or the
// AUTH0_KEYWORD_REPLACE_MAPPINGS object of its config file. Numbers keep
// their literal text (json.Number). The result is what
// LoadOptions.Keywords takes.
func ParseKeywordMappings(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) || errors.Is(err, io.EOF) {
			return nil, errors.New(`actionsync: keyword mappings must be a JSON object, such as {"ENV": "dev", "ALLOWED": ["a", "b"]}`)
		}
		return nil, fmt.Errorf("actionsync: keyword mappings are not valid JSON: %w", err)
	}
	if m == nil {
		return nil, errors.New(`actionsync: keyword mappings must be a JSON object, such as {"ENV": "dev"}, not null`)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("actionsync: keyword mappings hold more than one JSON value")
	}
	return m, nil
}

// keywords are prepared mappings: each value's replacement for @@KEY@@
// and for ##KEY##.
type keywords struct {
	json map[string]string // @@KEY@@ → the value's JSON
	text map[string]string // ##KEY## → the value as text
}

func newKeywords(m map[string]any) (*keywords, error) {
	k := &keywords{json: make(map[string]string, len(m)), text: make(map[string]string, len(m))}
	for key, v := range m {
		if key == "" {
			return nil, errors.New("actionsync: LoadOptions.Keywords has an empty keyword")
		}
		j, err := jsonText(v)
		if err != nil {
			return nil, fmt.Errorf("actionsync: LoadOptions.Keywords[%q] cannot be written as JSON: %w", key, err)
		}
		k.json[key] = j
		k.text[key] = plainText(v, j)
	}
	return k, nil
}

// jsonText is JSON.stringify's output for v: no HTML escaping.
func jsonText(v any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// plainText is what ##KEY## becomes: a string as it is, a number or
// boolean as written, null as "null"; a list or object as its JSON (where
// the Deploy CLI would write JavaScript's "a,b" or "[object Object]").
func plainText(v any, asJSON string) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case json.Number:
		return x.String()
	case fmt.Stringer:
		return x.String()
	}
	return asJSON
}

// replace applies the mappings to a file's text: every @@KEY@@ (with the
// quotes around it, when the same quote is on both sides) becomes the
// value's JSON, then every ##KEY## the value as text. Each pass scans the
// text once, left to right, so the result does not depend on the order of
// the keys, and a value is not scanned again by its own pass.
func (k *keywords) replace(text string) string {
	if k == nil || len(k.json) == 0 {
		return text
	}
	text = substitute(text, "@@", k.json, true)
	return substitute(text, "##", k.text, false)
}

func substitute(text, delim string, values map[string]string, quotes bool) string {
	if !strings.Contains(text, delim) {
		return text
	}
	var b strings.Builder
	done := 0 // text[:done] is written
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], delim)
		if j < 0 {
			break
		}
		start := i + j
		end := strings.Index(text[start+len(delim):], delim)
		if end < 0 {
			break
		}
		keyEnd := start + len(delim) + end
		value, ok := values[text[start+len(delim):keyEnd]]
		if !ok {
			i = start + 1
			continue
		}
		stop := keyEnd + len(delim)
		if quotes && start > done && stop < len(text) {
			if q := text[start-1]; (q == '"' || q == '\'') && text[stop] == q {
				start, stop = start-1, stop+1
			}
		}
		b.WriteString(text[done:start])
		b.WriteString(value)
		done, i = stop, stop
	}
	if done == 0 {
		return text
	}
	b.WriteString(text[done:])
	return b.String()
}

// placeholder finds a keyword marker still in a value: ##KEY## or
// @@KEY@@. It returns the marker, or "".
var placeholder = regexp.MustCompile(`##([A-Za-z0-9_.-]+)##|@@([A-Za-z0-9_.-]+)@@`)

// notShown is the Deploy CLI's marker of a value it did not export. A
// secret with it has no value: sending it would set the secret to the
// marker.
const notShown = "_VALUE_NOT_SHOWN_"
