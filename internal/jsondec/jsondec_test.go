package jsondec

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/actions-sdk/auth0-go/internal/rawjson"
)

type item struct {
	ID        string    `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	N         int       `json:"n"`
}

// list decodes itself with Object, Match and Items, as the SDK's list
// envelopes do.
type list struct {
	Items []item `json:"items"`
	Total int    `json:"total"`
	spans [][2]int64
}

func (l *list) UnmarshalJSONFrom(dec *Decoder) error {
	return Object(dec, reflect.TypeFor[list](), func(name []byte) error {
		switch Match(name, "items", "total") {
		case 0:
			return Items(dec, &l.Items, &l.spans)
		case 1:
			return Decode(dec, &l.Total)
		}
		return dec.SkipValue()
	})
}

func (l *list) raw(body []byte) []string {
	doc := rawjson.Whole(body)
	var out []string
	for _, sp := range l.spans {
		out = append(out, string(doc.Span(sp[0], sp[1]).Bytes()))
	}
	return out
}

func TestUnmarshalKeepsEncodingJSONLeniency(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body string
		want       item
	}{
		{"a repeated name: the last wins", `{"id":"a","id":"b"}`, item{ID: "b"}},
		{"names ignore case", `{"ID":"a","N":3}`, item{ID: "a", N: 3}},
		{"invalid UTF-8 becomes U+FFFD", "{\"id\":\"a\xffb\"}", item{ID: "a\uFFFDb"}},
		{"unknown names are skipped", `{"x":{"y":[1,2]},"id":"a"}`, item{ID: "a"}},
		{"null leaves the zero value", `null`, item{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got, v1 item
			require.NoError(t, Unmarshal([]byte(tc.body), &got))
			assert.Equal(t, tc.want, got)
			require.NoError(t, json.Unmarshal([]byte(tc.body), &v1))
			assert.Equal(t, v1, got, "encoding/json agrees")
		})
	}
	// '_' and '-' still count when matching names, as in encoding/json.
	var got item
	require.NoError(t, Unmarshal([]byte(`{"createdat":"2026-01-02T03:04:05Z","CREATED-AT":"2026-01-02T03:04:05Z"}`), &got))
	assert.True(t, got.CreatedAt.IsZero())
}

func TestUnmarshalErrorsNameThePlaceAndUnwrapToEncodingJSON(t *testing.T) {
	t.Parallel()
	var got list
	err := Unmarshal([]byte(`{"items":[{"id":"a"},{"id":2}]}`), &got)
	require.Error(t, err)
	assert.Equal(t, `json: cannot decode JSON number into Go string at "/items/1/id"`, err.Error())
	var typ *json.UnmarshalTypeError
	require.ErrorAs(t, err, &typ)
	assert.Equal(t, "id", typ.Field[len(typ.Field)-2:])
	var e *Error
	assert.ErrorAs(t, err, &e)

	err = Unmarshal([]byte(`{"items":[{"id":"a"},{"id":"b",]}`), &got)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"/items/1"`)
	var syn *json.SyntaxError
	assert.ErrorAs(t, err, &syn)

	err = Unmarshal([]byte(`{"items":[{"created_at":"yesterday"}]}`), &got)
	var pe *time.ParseError
	assert.ErrorAs(t, err, &pe)
	assert.Contains(t, err.Error(), `"/items/0/created_at"`)

	err = Unmarshal([]byte(`[1]`), &got)
	require.Error(t, err)
	assert.Equal(t, "json: cannot decode JSON array into Go jsondec.list", err.Error())

	// Where encoding/json accepts what this decoder refuses, only this
	// decoder's error is there.
	err = Unmarshal([]byte(`{"n":1.5}`), new(struct {
		N wholeNumber `json:"n"`
	}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `json: cannot decode JSON number 1.5 into Go int at "/n": not whole`)
	assert.Len(t, err.(*Error).Unwrap(), 1)
}

// wholeNumber refuses fractions with ValueError, as the SDK's wireInt does.
type wholeNumber float64

func (n *wholeNumber) UnmarshalJSONFrom(dec *Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	return ValueError(v, reflect.TypeFor[int](), errors.New("not whole"))
}

func TestItemsSpansAndCapacity(t *testing.T) {
	t.Parallel()
	body := []byte(" {\"total\":2, \"items\" : [ {\"id\":\"a\"} ,\n{\"id\":\"b\",\"n\":1} ], \"x\":[{\"id\":\"c\"}] } ")
	l := list{Items: make([]item, 0, 8)}
	require.NoError(t, Unmarshal(body, &l))
	assert.Equal(t, []item{{ID: "a"}, {ID: "b", N: 1}}, l.Items)
	assert.Equal(t, 8, cap(l.Items), "a capacity set beforehand is used")
	assert.Equal(t, []string{`{"id":"a"}`, `{"id":"b","n":1}`}, l.raw(body))
	assert.Equal(t, 2, l.Total)

	for _, tc := range []struct {
		name, body string
		ids, raw   []string
	}{
		{"a repeated key: the last wins", `{"items":[{"id":"a"}],"items":[{"id":"b"},{"id":"c"}]}`, []string{"b", "c"}, []string{`{"id":"b"}`, `{"id":"c"}`}},
		{"the key in another case", `{"ITEMS":[{"id":"a"}]}`, []string{"a"}, []string{`{"id":"a"}`}},
		{"the exact key wins over another case", `{"items":[{"id":"a"}],"Items":[{"id":"b"}]}`, []string{"b"}, []string{`{"id":"b"}`}},
		{"an escaped key", `{"\u0069tems":[{"id":"a"}]}`, []string{"a"}, []string{`{"id":"a"}`}},
		{"null", `{"items":null}`, nil, nil},
		{"empty", `{"items":[]}`, []string{}, nil},
		{"no items", `{"total":0}`, nil, nil},
		{"the document is null", `null`, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var l list
			require.NoError(t, Unmarshal([]byte(tc.body), &l))
			var ids []string
			if l.Items != nil {
				ids = []string{}
			}
			for _, it := range l.Items {
				ids = append(ids, it.ID)
			}
			assert.Equal(t, tc.ids, ids)
			assert.Equal(t, tc.raw, l.raw([]byte(tc.body)))
		})
	}
}

func TestMatch(t *testing.T) {
	t.Parallel()
	assert.Equal(t, 1, Match([]byte("page"), "per_page", "page"))
	assert.Equal(t, 0, Match([]byte("PER_PAGE"), "per_page", "page"))
	assert.Equal(t, -1, Match([]byte("perpage"), "per_page", "page"))
	assert.Equal(t, 0, Match([]byte("\u212a"), "k"), "Kelvin folds to k, as in encoding/json")
}
