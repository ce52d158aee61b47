package auth0test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The credentials: the bearer token of the API, and POST /oauth/token,
// which issues tokens for the client-credentials grant.

// authorize checks the bearer token; s.mu is held.
func (s *Server) authorize(r *http.Request) *apiError {
	h := r.Header.Get("Authorization")
	if h == "" {
		return &apiError{status: http.StatusUnauthorized, message: "Missing authentication"}
	}
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		return &apiError{status: http.StatusBadRequest, message: "Bad HTTP authentication header format"}
	}
	tok = strings.TrimSpace(tok)
	if tok == s.cfg.token {
		return nil
	}
	if exp, ok := s.issued[tok]; ok {
		if s.cfg.now().Before(exp) {
			return nil
		}
		return &apiError{status: http.StatusUnauthorized, message: "Expired token received for JSON Web Token validation",
			attributes: map[string]string{"error": "Expired token received for JSON Web Token validation"}}
	}
	return &apiError{status: http.StatusUnauthorized, message: "Invalid token", attributes: map[string]string{"error": "Invalid token"}}
}

// origins are the roots clients may know the server by: its URL, its
// domain over https (what real clients call, even when a proxy in front
// serves the TLS), and the public URL (WithPublicURL).
func (s *Server) origins() []string {
	out := []string{s.URL}
	for _, o := range []string{"https://" + s.localDomain(), s.cfg.publicURL} {
		if o != "" && !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// audiences are the token audiences the server accepts: the Management
// API identifier https://{domain}/api/v2/ of each origin, with its trailing
// slash as Auth0 has it.
func (s *Server) audiences() []string {
	out := s.origins()
	for i, o := range out {
		out[i] = o + "/api/v2/"
	}
	return out
}

// RevokeTokens makes every access token issued by /oauth/token invalid
// (401), as when a tenant rotates its signing key, so that a client's
// renewal after a 401 can be tested. Server.Token stays valid.
func (s *Server) RevokeTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.issued)
}

// tokenParams reads the parameters of a token request: a JSON or form
// body, and client credentials in an Authorization: Basic header.
func tokenParams(r *http.Request, body []byte) (url.Values, bool) {
	params := url.Values{}
	if strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "application/json") {
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			return nil, false
		}
		for k, v := range m {
			if str, ok := v.(string); ok {
				params.Set(k, str)
			}
		}
	} else {
		var err error
		if params, err = url.ParseQuery(string(body)); err != nil {
			return nil, false
		}
	}
	if id, secret, ok := r.BasicAuth(); ok {
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
		params.Set("client_id", id)
		params.Set("client_secret", secret)
	}
	return params, true
}

// serveToken is POST /oauth/token with the client-credentials grant.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request, body []byte) {
	oauthError := func(status int, code, desc string) {
		writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
	}
	params, ok := tokenParams(r, body)
	if !ok {
		desc := "Invalid request body"
		if strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "application/json") {
			desc = "Invalid request payload JSON format"
		}
		oauthError(http.StatusBadRequest, "invalid_request", desc)
		return
	}
	switch grant := params.Get("grant_type"); grant {
	case "client_credentials":
	case "":
		oauthError(http.StatusBadRequest, "invalid_request", "Missing required parameter: grant_type")
		return
	default:
		oauthError(http.StatusForbidden, "unauthorized_client", "Grant type '"+grant+"' not allowed for the client.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if params.Get("client_assertion") != "" || params.Get("client_assertion_type") != "" {
		if desc, ok := s.checkAssertion(params); !ok {
			oauthError(http.StatusUnauthorized, "invalid_client", desc)
			return
		}
	} else if s.cfg.clientID == "" || params.Get("client_id") != s.cfg.clientID || params.Get("client_secret") != s.cfg.clientSecret {
		oauthError(http.StatusUnauthorized, "access_denied", "Unauthorized")
		return
	}
	if aud := params.Get("audience"); !slices.Contains(s.audiences(), aud) {
		if aud == "" {
			oauthError(http.StatusForbidden, "access_denied", "No audience parameter was provided, and no default audience has been configured")
		} else {
			oauthError(http.StatusForbidden, "access_denied", "Service not enabled within domain: "+aud)
		}
		return
	}
	tok := "auth0test-cc-" + randomHex(16)
	s.issued[tok] = s.cfg.now().Add(s.cfg.tokenLifetime)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": tok,
		"expires_in":   int(s.cfg.tokenLifetime / time.Second),
		"scope":        "read:actions create:actions update:actions delete:actions",
		"token_type":   "Bearer",
	})
}
