package auth0test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"slices"
	"time"
)

// HTTPS: a certificate made when the server starts, for the loopback
// names and the hosts the server is reached by, so that any client (this
// SDK through option.WithDomain, Node.js with NODE_EXTRA_CA_CERTS, Go
// programs such as Terraform with SSL_CERT_FILE) can call
// https://{domain} as it calls Auth0.

// certLifetime is how long a server's certificate is valid: far longer
// than any test or local session, short enough to be obviously temporary.
const certLifetime = 90 * 24 * time.Hour

// WithTLS serves the fake over HTTPS, as Auth0 is served, with a
// certificate made at start: self-signed (ECDSA P-256), valid for
// 127.0.0.1, ::1 and localhost, and for the host of WithListenAddress and
// WithPublicURL when they name one. Server.URL is then https://127.0.0.1:PORT,
// Server.Domain is 127.0.0.1:PORT, and Server.Client trusts the certificate
// and calls the fake by its domain (option.WithDomain), as a client of a
// real tenant does. Other clients trust it through
// Server.CertificatePEM or Server.WriteCertificate (for SSL_CERT_FILE or
// NODE_EXTRA_CA_CERTS). The key lives in memory only.
func WithTLS() ServerOption {
	return func(c *config) { c.tls = true }
}

// newCertificate makes a self-signed server certificate for hosts (IP
// addresses and DNS names) and returns it with its PEM encoding.
func newCertificate(hosts []string, now time.Time) (tls.Certificate, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{Organization: []string{"auth0test"}, CommonName: "auth0test fake Auth0 Management API"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(certLifetime),
		// Self-signed and trusted directly: a CA certificate, as
		// httptest's, which OpenSSL (Node.js, Python, curl) and Go accept
		// as a trust anchor that is also the server's certificate.
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pemBytes, nil
}

// certificateHosts are the names the certificate is valid for: the
// loopback names, then the listening host and the public URL's host when
// they are specific.
func certificateHosts(listenHost, publicHost string) []string {
	hosts := []string{"127.0.0.1", "::1", "localhost"}
	for _, h := range []string{listenHost, publicHost} {
		if h == "" || slices.Contains(hosts, h) {
			continue
		}
		if ip := net.ParseIP(h); ip != nil && ip.IsUnspecified() {
			continue
		}
		hosts = append(hosts, h)
	}
	return hosts
}

// CertificatePEM returns the server's certificate in PEM, for clients
// that must trust it; nil when the server is not served over HTTPS
// (WithTLS).
func (s *Server) CertificatePEM() []byte { return slices.Clone(s.certPEM) }

// WriteCertificate writes the server's certificate in PEM to path (created
// or truncated, readable by its owner only: os.WriteFile with 0600), for
// clients configured by a file: SSL_CERT_FILE for Go programs (the
// Terraform provider; on Linux it replaces the system roots), and
// NODE_EXTRA_CA_CERTS for Node.js (Auth0's Deploy CLI and Node SDK). It is
// an error when the server is not served over HTTPS (WithTLS).
func (s *Server) WriteCertificate(path string) error {
	if s.certPEM == nil {
		return errors.New("auth0test: WriteCertificate: the server is not served over HTTPS (WithTLS)")
	}
	if err := os.WriteFile(path, s.certPEM, 0o600); err != nil {
		return fmt.Errorf("auth0test: WriteCertificate: %w", err)
	}
	return nil
}
