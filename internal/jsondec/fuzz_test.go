package jsondec

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/actions-sdk/auth0-go/internal/rawjson"
)

// FuzzItems decodes any document as a list (Object, Match, Items): nothing
// panics or loops; the spans are in order and inside the document; and
// whenever encoding/json decodes the document too, the items are the same
// and each span is exactly its element, as encoding/json's RawMessage has
// it (whatever white space, escapes, case or repeats the keys have). Seeds:
// the f.Add calls; inputs the fuzzer finds failing go to
// testdata/fuzz/FuzzItems.
func FuzzItems(f *testing.F) {
	for _, s := range []string{
		`{"items":[{"id":"a","n":1},{"id":"b"}],"total":2}`,
		" { \"x\" : [1] ,\n\"items\" :\r\n[ {\"id\":\"a\"} ,\n {\"id\":\"b\\\"]\"}\n ] }\n",
		`{"items":[{"id":"a"}],"ITEMS":[{"id":"b"}],"\u0069tems":[]}`,
		`{"items":[{"created_at":"2026-03-02T09:15:27.118204531Z"}]}`,
		`{"items":null}`, `null`, `[]`, `{"items":[{"id":"a"},]}`, `{"items":[`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var l list
		err := Unmarshal(data, &l)
		var end int64
		for i, sp := range l.spans {
			if sp[0] < end || sp[0] >= sp[1] || sp[1] > int64(len(data)) {
				t.Fatalf("span %d = %v is out of order or bounds (previous end %d, len %d)", i, sp, end, len(data))
			}
			end = sp[1]
		}
		if err != nil {
			return
		}
		if len(l.spans) != len(l.Items) {
			t.Fatalf("%d spans for %d items", len(l.spans), len(l.Items))
		}
		var v1 struct {
			Items []json.RawMessage `json:"items"`
			Total int               `json:"total"`
		}
		var v1Items list
		if json.Unmarshal(data, &v1) != nil || json.Unmarshal(data, &v1Items) != nil {
			return
		}
		a, _ := json.Marshal(l.Items)
		b, _ := json.Marshal(v1Items.Items)
		if !bytes.Equal(a, b) || l.Total != v1.Total {
			t.Fatalf("%q: items %s (total %d), encoding/json has %s (total %d)", data, a, l.Total, b, v1.Total)
		}
		if len(v1.Items) != len(l.spans) {
			t.Fatalf("%q: %d spans, encoding/json has %d items", data, len(l.spans), len(v1.Items))
		}
		doc := rawjson.Whole(data)
		for i, sp := range l.spans {
			if got := doc.Span(sp[0], sp[1]).Bytes(); !bytes.Equal(got, v1.Items[i]) {
				t.Fatalf("%q: item %d is %q, encoding/json has %q", data, i, got, v1.Items[i])
			}
		}
	})
}
