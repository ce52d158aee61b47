package requestconfig

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
)

// ValidateDomain checks that d is a tenant domain: a host name, optionally
// with a port, such as "example.us.auth0.com" or "127.0.0.1:8443" (an IPv6
// address goes in brackets: "[::1]:8443"). The scheme is always https, so
// d has no scheme; nor a path, userinfo, query, fragment or spaces. A port,
// when given, is a number from 1 to 65535.
func ValidateDomain(d string) error {
	if d == "" {
		return errors.New("auth0: domain is empty")
	}
	if strings.Contains(d, "://") {
		return fmt.Errorf("auth0: domain %q has a scheme: give the host name only, such as example.us.auth0.com (use option.WithBaseURL for a full URL)", d)
	}
	if strings.Contains(d, "@") {
		return fmt.Errorf("auth0: domain %q contains userinfo (@): give the host name only", d)
	}
	if strings.ContainsAny(d, "/?#\\") {
		return fmt.Errorf("auth0: domain %q has a path, query or fragment: give the host name only", d)
	}
	host, port, hasPort, err := splitDomain(d)
	if err != nil {
		return err
	}
	if hasPort {
		if err := checkPort(d, port); err != nil {
			return err
		}
	}
	if strings.HasPrefix(host, "[") {
		ip := strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		if !strings.Contains(ip, ":") || strings.Contains(ip, "%") || net.ParseIP(ip) == nil {
			return fmt.Errorf("auth0: domain %q: %s is not an IPv6 address (brackets hold only one, without a zone)", d, host)
		}
		return nil
	}
	return checkHostName(d, host)
}

// splitDomain splits d into its host and its port; hasPort reports a
// colon after the host, even with nothing after it. An IPv6 address keeps
// its brackets.
func splitDomain(d string) (host, port string, hasPort bool, err error) {
	if strings.HasPrefix(d, "[") {
		end := strings.IndexByte(d, ']')
		switch {
		case end < 0:
			return "", "", false, fmt.Errorf("auth0: domain %q has an opening bracket and no closing one", d)
		case end == len(d)-1:
			return d, "", false, nil
		case d[end+1] != ':':
			return "", "", false, fmt.Errorf("auth0: domain %q has text after the bracketed address that is not a port", d)
		}
		return d[:end+1], d[end+2:], true, nil
	}
	host, port, found := strings.Cut(d, ":")
	switch {
	case !found:
		return d, "", false, nil
	case strings.Contains(port, ":"):
		return "", "", false, fmt.Errorf("auth0: domain %q has more than one colon: give host or host:port (an IPv6 address goes in brackets, [::1]:8443)", d)
	case host == "":
		return "", "", false, fmt.Errorf("auth0: domain %q has no host before the port", d)
	}
	return host, port, true, nil
}

// checkPort refuses a port that is not a decimal number from 1 to 65535.
func checkPort(d, port string) error {
	bad := port == "" || len(port) > 5
	for i := 0; i < len(port) && !bad; i++ {
		bad = port[i] < '0' || port[i] > '9'
	}
	if !bad {
		n, _ := strconv.Atoi(port)
		bad = n < 1 || n > 65535
	}
	if bad {
		return fmt.Errorf("auth0: domain %q has a bad port %q: give a number from 1 to 65535, or no port", d, port)
	}
	return nil
}

// checkHostName checks a host name (or an IPv4 address): dot-separated
// labels of letters, digits, hyphens and underscores, at most 253
// characters.
func checkHostName(d, host string) error {
	if len(host) > 253 {
		return fmt.Errorf("auth0: domain is %d characters long; a host name has at most 253", len(host))
	}
	for _, label := range strings.Split(host, ".") {
		if label == "" || len(label) > 63 {
			return fmt.Errorf("auth0: domain %q is not a valid host name", d)
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
			if !ok {
				return fmt.Errorf("auth0: domain %q contains %q: give a host name such as example.us.auth0.com", d, string(rune(c)))
			}
		}
	}
	return nil
}

// NormalizeBaseURL validates a base URL and returns it with a trailing
// slash. allowHTTP is not checked here (it may be set by a later option);
// CheckScheme does that per call.
func NormalizeBaseURL(raw string) (string, error) {
	if raw == "" {
		return "", errors.New("auth0: base URL is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("auth0: base URL %q is malformed: %w", raw, err)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return "", fmt.Errorf("auth0: base URL %q must start with https://", raw)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", fmt.Errorf("auth0: base URL %q has no host", raw)
	}
	if u.User != nil {
		return "", fmt.Errorf("auth0: base URL must not contain userinfo (user:password@); credentials go in option.WithToken or option.WithClientCredentials")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return "", fmt.Errorf("auth0: base URL %q must not have a query or fragment", raw)
	}
	if strings.Contains(u.Host, "%") {
		return "", fmt.Errorf("auth0: base URL %q has an IPv6 zone (%%25…); use a host name or an address without a zone", raw)
	}
	s := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}).String()
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}

// CheckScheme refuses plain http to a host other than loopback unless the
// caller opted in with option.WithInsecureHTTP. Calls go through
// checkedBase, which caches the answer per base URL.
func CheckScheme(base string, allowHTTP bool) error {
	if !strings.HasPrefix(base, "http://") || allowHTTP {
		return nil
	}
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	if isLoopback(u.Hostname()) {
		return nil
	}
	return fmt.Errorf("auth0: refusing plain http to %s: the bearer token would travel unencrypted; use https, or option.WithInsecureHTTP() to allow it", u.Host)
}

// plainHTTPLoopback caches, per http:// base URL, whether it is loopback,
// so that the check costs no parsing per call.
var plainHTTPLoopback sync.Map // string -> bool

func checkedBase(base string, allowHTTP bool) error {
	if !strings.HasPrefix(base, "http://") || allowHTTP {
		return nil
	}
	if ok, found := plainHTTPLoopback.Load(base); found && ok.(bool) {
		return nil
	}
	err := CheckScheme(base, false)
	if err == nil {
		plainHTTPLoopback.Store(base, true)
	}
	return err
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// baseURL returns the API base URL of a call.
func (cfg *RequestConfig) baseURL() (string, error) {
	if cfg.BaseURLErr != nil {
		return "", cfg.BaseURLErr
	}
	base := cfg.BaseURL
	if base == "" {
		if cfg.DomainErr != nil {
			return "", cfg.DomainErr
		}
		if cfg.Domain == "" {
			return "", errors.New("auth0: no tenant domain: set AUTH0_DOMAIN or use option.WithDomain (or option.WithBaseURL)")
		}
		base = "https://" + cfg.Domain + "/api/v2/"
	}
	if err := checkedBase(base, cfg.AllowInsecureHTTP); err != nil {
		return "", err
	}
	return base, nil
}

// TokenURL returns the OAuth token endpoint for client credentials.
func (cfg *RequestConfig) TokenURL() (string, error) {
	if cfg.Domain != "" && cfg.DomainErr == nil {
		return "https://" + cfg.Domain + "/oauth/token", nil
	}
	base, err := cfg.baseURL()
	if err != nil {
		return "", err
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	return u.Scheme + "://" + u.Host + "/oauth/token", nil
}

// TokenAudience returns the audience for client credentials.
func (cfg *RequestConfig) TokenAudience() (string, error) {
	if cfg.Audience != "" {
		return cfg.Audience, nil
	}
	if cfg.Domain != "" && cfg.DomainErr == nil {
		return "https://" + cfg.Domain + "/api/v2/", nil
	}
	return cfg.baseURL()
}

// Endpoint is where a call goes: its escaped path relative to the base URL,
// and the route template it was built from.
type Endpoint struct {
	// Escaped is the path sent, such as "actions/actions/act_1".
	Escaped string
	// Route is the template, such as "actions/actions/{id}"; empty when it
	// is unknown (a path the caller built, as with Client.Execute).
	Route string
}

// Static is the Endpoint of a path without placeholders, which is its own
// route, such as "actions/triggers".
func Static(path string) Endpoint { return Endpoint{Escaped: path, Route: path} }

// Path builds an escaped request path from a template with {name}
// placeholders, one value per placeholder in order, and keeps the template
// as the Endpoint's route. Each value is escaped into its own segment; an
// empty value, or "." or "..", is an error naming the parameter, so that no
// value can reach another endpoint.
func Path(template string, values ...string) (Endpoint, error) {
	route := template
	var b strings.Builder
	b.Grow(len(template) + 16*len(values))
	n := 0
	for {
		i := strings.IndexByte(template, '{')
		if i < 0 {
			b.WriteString(template)
			break
		}
		j := strings.IndexByte(template[i:], '}')
		if j < 0 {
			return Endpoint{}, fmt.Errorf("auth0: malformed path template %q", template)
		}
		name := template[i+1 : i+j]
		if n >= len(values) {
			return Endpoint{}, fmt.Errorf("auth0: no value for path parameter %s", name)
		}
		v := values[n]
		n++
		switch v {
		case "":
			return Endpoint{}, fmt.Errorf("auth0: %s must not be empty", name)
		case ".", "..":
			return Endpoint{}, fmt.Errorf("auth0: %s must not be %q", name, v)
		}
		b.WriteString(template[:i])
		b.WriteString(url.PathEscape(v))
		template = template[i+j+1:]
	}
	if n != len(values) {
		return Endpoint{}, fmt.Errorf("auth0: %d path values for %d parameters", len(values), n)
	}
	return Endpoint{Escaped: b.String(), Route: route}, nil
}
