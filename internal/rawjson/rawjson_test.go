package rawjson

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func itemsUnder(data, key string) []string {
	spans := Split([]byte(data), key)
	if spans == nil {
		return nil
	}
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = data[sp[0]:sp[1]]
	}
	return out
}

func TestSplit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data string
		key  string
		want []string // nil means "not found / not such an object"
	}{
		{"simple", `{"actions":[{"id":"a"},{"id":"b"}],"total":2}`, "actions", []string{`{"id":"a"}`, `{"id":"b"}`}},
		{"key not first", `{"total":2,"per_page":50,"actions":[{"id":"a"}]}`, "actions", []string{`{"id":"a"}`}},
		{"empty array", `{"actions":[]}`, "actions", []string{}},
		{"empty array with space", `{"actions":[ ]}`, "actions", []string{}},
		{"whitespace everywhere", " \n{ \"x\" : 1 ,\t\"actions\" :\r\n[ {\"id\": \"a\"} ,\n {\"id\":\"b\"}\n ] }\n", "actions", []string{`{"id": "a"}`, `{"id":"b"}`}},
		{"escaped quotes in strings", `{"note":"say \"hi\" [","actions":[{"code":"a \"}\" ]"},{"id":"b\\"}]}`, "actions", []string{`{"code":"a \"}\" ]"}`, `{"id":"b\\"}`}},
		{"brackets in strings", `{"actions":[{"code":"function() { return [1,2]; }"}]}`, "actions", []string{`{"code":"function() { return [1,2]; }"}`}},
		{"nested arrays", `{"actions":[[1,[2,3]],[],{"a":[{"b":[]}]}]}`, "actions", []string{`[1,[2,3]]`, `[]`, `{"a":[{"b":[]}]}`}},
		{"scalars", `{"actions":[1,-2.5e3,true,false,null,"s"]}`, "actions", []string{`1`, `-2.5e3`, `true`, `false`, `null`, `"s"`}},
		{"unicode escapes", `{"actions":[{"n":"\u0022}"}]}`, "actions", []string{`{"n":"\u0022}"}`}},
		{"non-ASCII", `{"actions":[{"n":"日本"}]}`, "actions", []string{`{"n":"日本"}`}},
		{"same name nested is skipped", `{"meta":{"actions":[9]},"actions":[1]}`, "actions", []string{`1`}},
		{"key as a value is not a key", `{"x":"actions","actions":[1]}`, "actions", []string{`1`}},
		{"missing key", `{"total":0}`, "actions", nil},
		{"not an array", `{"actions":{"a":1}}`, "actions", nil},
		{"null", `{"actions":null}`, "actions", nil},
		{"top-level array", `[{"actions":[1]}]`, "actions", nil},
		{"empty input", ``, "actions", nil},
		{"whitespace only", "  \n", "actions", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := itemsUnder(tt.data, tt.key)
			if len(tt.want) == 0 {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestSplitInvalidNeverPanics(t *testing.T) {
	t.Parallel()
	inputs := []string{
		`{`, `{"`, `{"a`, `{"a"`, `{"a":`, `{"a":[`, `{"a":[1`, `{"a":[1,`, `{"a":[1,]}`, `{"a":[,1]}`,
		`{"a":["\`, `{"a":["\"]}`, `{"a":[{]}`, `{"a":[}]}`, `{"a":[[}`, `{"x":1 "a":[1]}`, `{"x":1,`, `{"x":"\`,
		`{"x" 1}`, `{1:2}`, `{"x":[1,2}` + `,"a":[1]}`, `{"a":[1 2]}`, `{"a":[1]`, "{\"a\":[\"\x00\"]}",
		`{"x":{"y":"}"},"a":[1]}`, `{"x":"\\","a":[2]}`, `{"a":[` + strings.Repeat("[", 10000) + `]}`,
		`}`, `]`, `"`, `\`, `{"a":[` + strings.Repeat(`"\\",`, 100),
	}
	for _, in := range inputs {
		assert.NotPanics(t, func() { _ = Split([]byte(in), "a") }, "%q", in)
	}
	// A few with known answers.
	assert.Nil(t, Split([]byte(`{"a":[1,]}`), "a"))
	assert.Nil(t, Split([]byte(`{"a":[,1]}`), "a"))
	assert.Nil(t, Split([]byte(`{"a":[1 2]}`), "a"))
	assert.Nil(t, Split([]byte(`{"a":["\"]}`), "a"))
	assert.Equal(t, []string{"1"}, itemsUnder(`{"x":{"y":"}"},"a":[1]}`, "a"))
	assert.Equal(t, []string{"2"}, itemsUnder(`{"x":"\\","a":[2]}`, "a"))
}

// FuzzSplit checks that Split never panics and, for valid JSON, finds the
// same elements as encoding/json.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		`{"actions":[{"id":"a"},{"id":"b"}],"total":2}`,
		`{"x":"\"[","actions":[[1],{"a":"]"}]}`,
		` { "actions" : [ 1 , "2" , null ] } `,
		`{"actions":[]}`,
		`{"actions":`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		spans := Split(data, "actions")
		for _, sp := range spans {
			require.True(t, 0 <= sp[0] && sp[0] <= sp[1] && sp[1] <= len(data), "span %v out of %d", sp, len(data))
		}
		if !json.Valid(data) {
			return
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(data, &obj) != nil {
			return
		}
		// Keys with escapes or repeated keys are outside Split's contract
		// (it compares raw key bytes and takes the first); skip them.
		if strings.Contains(string(data), `\`) || strings.Count(string(data), `"actions"`) != 1 {
			return
		}
		raw, ok := obj["actions"]
		var items []json.RawMessage
		if !ok || json.Unmarshal(raw, &items) != nil {
			assert.Nil(t, spans)
			return
		}
		require.Len(t, spans, len(items))
		for i, sp := range spans {
			assert.Equal(t, string(items[i]), string(data[sp[0]:sp[1]]))
		}
	})
}

func TestRefs(t *testing.T) {
	t.Parallel()
	var zero Ref
	assert.Nil(t, zero.Bytes())
	assert.Nil(t, Whole(nil).Bytes())
	assert.Nil(t, Whole([]byte("  \n")).Bytes())
	assert.Equal(t, `{"a":1}`, string(Whole([]byte(" {\"a\":1}\n")).Bytes()))

	body := []byte(`{"versions":[{"id":"v1"}, {"id":"v2"}],"total":2}`)
	src := NewSource(body, "versions")
	assert.Equal(t, `{"id":"v1"}`, string(src.Item(0).Bytes()))
	assert.Equal(t, `{"id":"v2"}`, string(src.Item(1).Bytes()))
	assert.Nil(t, src.Item(2).Bytes())

	// An item's bytes cannot grow into the rest of the body.
	b := src.Item(0).Bytes()
	assert.Equal(t, len(b), cap(b))
	_ = append(b, 'x')
	assert.Equal(t, `{"versions":[{"id":"v1"}, {"id":"v2"}],"total":2}`, string(body))
}

func TestSourceConcurrent(t *testing.T) {
	t.Parallel()
	body := []byte(`{"items":[1,2,3,4,5,6,7,8]}`)
	src := NewSource(body, "items")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			assert.Equal(t, string(rune('1'+i)), string(src.Item(i).Bytes()))
		}()
	}
	wg.Wait()
}
