package rawjson

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWhole(t *testing.T) {
	t.Parallel()
	var zero Ref
	assert.Nil(t, zero.Bytes())
	assert.Nil(t, Whole(nil).Bytes())
	assert.Nil(t, Whole([]byte("  \n")).Bytes())
	assert.Equal(t, `{"a":1}`, string(Whole([]byte(" {\"a\":1}\n")).Bytes()))
	assert.Equal(t, `"x"`, string(Whole([]byte(`"x"`)).Bytes()))
}

func TestSpan(t *testing.T) {
	t.Parallel()
	body := []byte(" {\"versions\":[{\"id\":\"v1\"}, \n{\"id\":\"v2\"},3],\"total\":2}")
	doc := Whole(body)
	// Offsets as a decoder reports them: from the end of '[' or of the
	// element before, to the end of the element.
	assert.Equal(t, `{"id":"v1"}`, string(doc.Span(14, 25).Bytes()))
	assert.Equal(t, `{"id":"v2"}`, string(doc.Span(25, 39).Bytes()))
	assert.Equal(t, `3`, string(doc.Span(39, 41).Bytes()))

	for _, sp := range [][2]int64{{-1, 3}, {3, int64(len(body)) + 1}, {5, 5}, {6, 4}, {25, 28}} {
		assert.Nil(t, doc.Span(sp[0], sp[1]).Bytes(), "span %v", sp)
	}
	assert.Nil(t, Ref{}.Span(0, 0).Bytes())

	// An item's bytes cannot grow into the rest of the body.
	b := doc.Span(14, 25).Bytes()
	assert.Equal(t, len(b), cap(b))
	_ = append(b, 'x')
	assert.Equal(t, " {\"versions\":[{\"id\":\"v1\"}, \n{\"id\":\"v2\"},3],\"total\":2}", string(body))
}
