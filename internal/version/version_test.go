package version_test

import (
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/internal/version"
	"github.com/actions-sdk/auth0-go/option"
)

func TestVersionIsSemver(t *testing.T) {
	t.Parallel()
	assert.Regexp(t, `^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$`, version.Version)
	assert.Equal(t, "auth0-go-actions", version.Name)
}

// TestUserAgentCarriesTheVersion sends a request and checks the header the
// server sees: the SDK's name and version from this package, then Go's
// version and the platform.
func TestUserAgentCarriesTheVersion(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	var ua string
	tr.RegisterResponder(http.MethodGet, "https://t.auth0.com/api/v2/actions/actions/act_1", func(req *http.Request) (*http.Response, error) {
		ua = req.Header.Get("User-Agent")
		return httpmock.NewStringResponse(http.StatusOK, `{"id":"act_1"}`), nil
	})
	c := auth0.NewClient(option.WithDomain("t.auth0.com"), option.WithToken("tok"), option.WithHTTPClient(&http.Client{Transport: tr}))
	_, err := c.Actions.Get(t.Context(), "act_1")
	require.NoError(t, err)
	assert.Equal(t, "auth0-go-actions/"+version.Version+" ("+runtime.Version()+"; "+runtime.GOOS+"/"+runtime.GOARCH+")", ua)
}

// TestVersionIsOneConstant fails if the version is written out in the
// module's code (not its tests, whose fixtures may name package versions)
// anywhere but here: bumping it is one edit (and a CHANGELOG section).
func TestVersionIsOneConstant(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	self, err := filepath.Abs("version.go")
	require.NoError(t, err)
	literal := regexp.MustCompile(`"v?` + regexp.QuoteMeta(version.Version) + `"`)
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || path == self {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checked++
		assert.False(t, literal.Match(b), "%s writes the version out: use version.Version", path)
		return nil
	})
	require.NoError(t, err)
	assert.Greater(t, checked, 20, "the walk must reach the module's files")
}
