package reliability

import (
	"io"
	"net/http"
	"net/url"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHarnessDetectsLeaks checks that the checks every scenario relies on
// can fail: a goroutine left running, a body left open and a dial to a
// host that is not loopback are all reported.
func TestHarnessDetectsLeaks(t *testing.T) {
	t.Parallel()
	s := &scenario{t: t, id: "self-test-" + t.Name(), routes: map[string]string{}}

	// A goroutine started under the scenario's label, still blocked.
	release := make(chan struct{})
	pprof.SetGoroutineLabels(pprof.WithLabels(t.Context(), pprof.Labels(labelKey, s.id)))
	go func() { <-release }()
	pprof.SetGoroutineLabels(t.Context())

	// A response body nobody closes.
	tr := s.transport()
	resp, err := tr.RoundTrip(&http.Request{Method: http.MethodGet, URL: mustURL(t, "http://forbidden.example.test/"),
		Header: http.Header{}})
	require.Error(t, err, "the dialer must refuse a host that is not loopback")
	require.Nil(t, resp)
	s.bodies = append(s.bodies, &trackedBody{ReadCloser: io.NopCloser(strings.NewReader("x"))})

	leaks, problems := s.check(50 * time.Millisecond)
	assert.Equal(t, 2, leaks, "1 goroutine and 1 body")
	joined := strings.Join(problems, "\n")
	assert.Contains(t, joined, "1 response bodies were not closed")
	assert.Contains(t, joined, "1 goroutines left behind")
	assert.Contains(t, joined, "forbidden.example.test:80")

	close(release)
	n, _ := waitForGoroutines(s.id, 5*time.Second)
	assert.Zero(t, n, "the released goroutine ends")
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	require.NoError(t, err)
	return u
}
