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

	"go.yaml.in/yaml/v3"
)

// The files' documents as one tree, whether they were JSON or YAML, with
// the line of every value, so that the loaders decode both the same way
// and every problem names its line.

type nodeKind int

const (
	kindNull nodeKind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

func (k nodeKind) String() string {
	switch k {
	case kindBool:
		return "true or false"
	case kindNumber:
		return "a number"
	case kindString:
		return "a string"
	case kindArray:
		return "a list"
	case kindObject:
		return "an object"
	}
	return "null"
}

// node is one value of a document.
type node struct {
	kind nodeKind
	// text is a string's value, a number's literal, or "true"/"false".
	text string
	// line is the 1-based line the value starts on; 0 when unknown.
	line int
	// keys and keyLines are an object's keys, in order, and their lines;
	// items are the object's values (parallel to keys) or a list's items.
	keys     []string
	keyLines []int
	items    []*node
	// plain is a YAML scalar written without quotes, whose literal text a
	// string field accepts (version: 1.10 means "1.10").
	plain bool
	// comment is a YAML comment on the value's line: an unquoted
	// ##KEY## that no keyword replaced reads as one.
	comment string
}

// lineIndex turns byte offsets into line numbers.
type lineIndex []int // the offsets where lines start

func newLineIndex(data []byte) lineIndex {
	idx := lineIndex{0}
	for i, b := range data {
		if b == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// line returns the 1-based line of offset (the line of the byte before
// offset, as offsets reported after a token point past it).
func (idx lineIndex) line(offset int64) int {
	if offset > 0 {
		offset--
	}
	lo, hi := 0, len(idx)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if int64(idx[mid]) <= offset {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

// syntaxError is a document that does not parse, at a line (0 when the
// parser did not say).
type syntaxError struct {
	line int
	msg  string
}

func (e *syntaxError) Error() string { return e.msg }

// parseJSON parses one JSON document strictly (as JSON.parse would accept
// it), keeping each value's line. A duplicate key is an error too: the
// Deploy CLI would take the last one silently.
func parseJSON(data []byte) (*node, error) {
	p := &jsonParser{dec: json.NewDecoder(bytes.NewReader(data)), lines: newLineIndex(data), data: data}
	p.dec.UseNumber()
	n, err := p.value()
	if err != nil {
		return nil, p.wrap(err)
	}
	if _, err := p.dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &syntaxError{line: p.lines.line(p.dec.InputOffset() + 1), msg: "there is more after the JSON value: a file holds one object"}
	}
	return n, nil
}

type jsonParser struct {
	dec   *json.Decoder
	lines lineIndex
	data  []byte
}

func (p *jsonParser) wrap(err error) error {
	var se *syntaxError
	if errors.As(err, &se) {
		return se
	}
	var jse *json.SyntaxError
	switch {
	case errors.As(err, &jse):
		line := p.lines.line(jse.Offset)
		msg := "invalid JSON: " + jse.Error()
		if hint := keywordHint(p.lineText(line)); hint != "" {
			msg += " (" + hint + ")"
		}
		return &syntaxError{line: line, msg: msg}
	case errors.Is(err, io.EOF) && len(bytes.TrimSpace(p.data)) == 0:
		return &syntaxError{msg: "the file is empty: it should hold a JSON object"}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &syntaxError{line: len(p.lines), msg: "invalid JSON: the file ends before the value does"}
	}
	return &syntaxError{line: p.lines.line(p.dec.InputOffset()), msg: "invalid JSON: " + err.Error()}
}

func (p *jsonParser) lineText(line int) string {
	if line < 1 || line > len(p.lines) {
		return ""
	}
	start, end := p.lines[line-1], len(p.data)
	if line < len(p.lines) {
		end = p.lines[line]
	}
	return string(p.data[start:end])
}

// unreplacedKeyword finds a keyword marker left in a line.
var unreplacedKeyword = regexp.MustCompile(`@@[A-Za-z0-9_]+@@|##[A-Za-z0-9_]+##`)

// keywordHint explains a syntax error on a line that still holds a
// keyword marker: the likely cause is a keyword without a mapping.
func keywordHint(line string) string {
	m := unreplacedKeyword.FindString(line)
	if m == "" {
		return ""
	}
	return fmt.Sprintf("the line holds %s: is keyword %s missing from the keywords?", m, m[2:len(m)-2])
}

func (p *jsonParser) value() (*node, error) {
	tok, err := p.dec.Token()
	if err != nil {
		return nil, err
	}
	line := p.lines.line(p.dec.InputOffset())
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			return p.object(line)
		case '[':
			return p.array(line)
		}
		return nil, &syntaxError{line: line, msg: fmt.Sprintf("invalid JSON: unexpected %q", string(t))}
	case string:
		return &node{kind: kindString, text: t, line: line}, nil
	case json.Number:
		return &node{kind: kindNumber, text: t.String(), line: line}, nil
	case bool:
		return &node{kind: kindBool, text: strconv.FormatBool(t), line: line}, nil
	case nil:
		return &node{kind: kindNull, line: line}, nil
	}
	return nil, &syntaxError{line: line, msg: fmt.Sprintf("invalid JSON: unexpected %v", tok)}
}

func (p *jsonParser) object(line int) (*node, error) {
	n := &node{kind: kindObject, line: line}
	seen := map[string]int{}
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string) // the decoder allows only strings here
		keyLine := p.lines.line(p.dec.InputOffset())
		if first, dup := seen[key]; dup {
			return nil, &syntaxError{line: keyLine, msg: fmt.Sprintf("key %q appears twice (also on line %d)", key, first)}
		}
		seen[key] = keyLine
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.keys, n.keyLines, n.items = append(n.keys, key), append(n.keyLines, keyLine), append(n.items, v)
	}
	if _, err := p.dec.Token(); err != nil { // '}'
		return nil, err
	}
	return n, nil
}

func (p *jsonParser) array(line int) (*node, error) {
	n := &node{kind: kindArray, line: line}
	for p.dec.More() {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.items = append(n.items, v)
	}
	if _, err := p.dec.Token(); err != nil { // ']'
		return nil, err
	}
	return n, nil
}

// yamlLine reads the line out of a yaml.v3 error ("yaml: line 12: …").
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// maxYAMLNodes bounds the nodes a YAML document may expand to through
// aliases, so that a file of nested aliases cannot exhaust memory.
const maxYAMLNodes = 1 << 17

// parseYAML parses one YAML document, keeping each value's line. Aliases
// are resolved and merge keys (<<) applied; a duplicate key is an error.
func parseYAML(data []byte) (*node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[1])
			rest := strings.TrimPrefix(msg, m[0])
			if strings.HasPrefix(rest, "did not find expected") {
				// yaml.v3 gives a parser error the 0-based line of the
				// block or flow that holds it, a scanner error the line.
				line++
			}
			if hint := keywordHint(lineOf(data, line)); hint != "" {
				rest += " (" + hint + ")"
			}
			return nil, &syntaxError{line: line, msg: "invalid YAML: " + rest}
		}
		return nil, &syntaxError{msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, &syntaxError{msg: "the file is empty: it should hold a YAML mapping"}
	}
	c := &yamlConverter{}
	return c.convert(doc.Content[0], 0)
}

func lineOf(data []byte, line int) string {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return ""
	}
	return string(lines[line-1])
}

type yamlConverter struct{ nodes int }

func (c *yamlConverter) convert(y *yaml.Node, depth int) (*node, error) {
	c.nodes++
	if c.nodes > maxYAMLNodes || depth > 200 {
		return nil, &syntaxError{line: y.Line, msg: "the YAML document is too large or too deeply nested (aliases?)"}
	}
	switch y.Kind {
	case yaml.AliasNode:
		if y.Alias == nil {
			return nil, &syntaxError{line: y.Line, msg: "invalid YAML: an alias without its anchor"}
		}
		n, err := c.convert(y.Alias, depth+1)
		if err != nil {
			return nil, err
		}
		cp := *n
		cp.line = y.Line
		return &cp, nil
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return &node{kind: kindNull, line: y.Line}, nil
		}
		return c.convert(y.Content[0], depth+1)
	case yaml.SequenceNode:
		n := &node{kind: kindArray, line: y.Line}
		for _, item := range y.Content {
			v, err := c.convert(item, depth+1)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, v)
		}
		return n, nil
	case yaml.MappingNode:
		return c.mapping(y, depth)
	case yaml.ScalarNode:
		return scalar(y), nil
	}
	return nil, &syntaxError{line: y.Line, msg: "invalid YAML: an unknown kind of node"}
}

func scalar(y *yaml.Node) *node {
	n := &node{line: y.Line, text: y.Value, plain: y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0}
	switch y.ShortTag() {
	case "!!null":
		n.kind, n.text = kindNull, ""
	case "!!bool":
		n.kind, n.text = kindBool, strconv.FormatBool(strings.EqualFold(y.Value, "true"))
	case "!!int", "!!float":
		n.kind = kindNumber
	default: // !!str, !!timestamp, !!binary and custom tags: the text as written
		n.kind = kindString
	}
	return n
}

func (c *yamlConverter) mapping(y *yaml.Node, depth int) (*node, error) {
	n := &node{kind: kindObject, line: y.Line}
	seen := map[string]int{} // key → its line
	var merges []*node
	for i := 0; i+1 < len(y.Content); i += 2 {
		k, v := y.Content[i], y.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, &syntaxError{line: k.Line, msg: "invalid YAML: a key that is not a plain value"}
		}
		val, err := c.convert(v, depth+1)
		if err != nil {
			return nil, err
		}
		if k.ShortTag() == "!!merge" {
			merges = append(merges, val)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			return nil, &syntaxError{line: k.Line, msg: fmt.Sprintf("key %q appears twice (also on line %d)", k.Value, first)}
		}
		seen[k.Value] = k.Line
		if val.kind == kindNull {
			val.comment = strings.TrimSpace(k.LineComment + " " + v.LineComment)
		}
		n.keys, n.keyLines, n.items = append(n.keys, k.Value), append(n.keyLines, k.Line), append(n.items, val)
	}
	// Merged keys (<<: *base) come after the mapping's own, which win; of
	// two merged mappings, the first wins.
	for _, m := range merges {
		sources := []*node{m}
		if m.kind == kindArray {
			sources = m.items
		}
		for _, src := range sources {
			if src.kind != kindObject {
				return nil, &syntaxError{line: src.line, msg: "invalid YAML: a merge (<<) of something that is not a mapping"}
			}
			for i, key := range src.keys {
				if _, dup := seen[key]; dup {
					continue
				}
				seen[key] = src.keyLines[i]
				n.keys, n.keyLines, n.items = append(n.keys, key), append(n.keyLines, src.keyLines[i]), append(n.items, src.items[i])
			}
		}
	}
	return n, nil
}
