package reliability

import (
	"net"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Helpers shared by several scenario files: fault bodies, a port nothing
// listens on, and the check that an unsafe call was sent once. The scenario
// machinery itself (begin, server, tracker, the fake API) is harness_test.go,
// and the table of SDK calls is calls_test.go.

// rawBody answers status with exactly body, contentType and a
// Content-Length.
func rawBody(status int, contentType, body string) fault {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

// htmlPage is the error page a proxy (nginx) sends instead of JSON.
const htmlPage = `<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>`

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

// assertNotRetried asserts that srv saw exactly one request: the call was
// not retried.
func assertNotRetried(t *testing.T, srv *server) {
	t.Helper()
	assert.Equal(t, 1, srv.count(""), "requests")
}
