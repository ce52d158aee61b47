package testutil

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"sync"
	"testing"
)

var (
	rsaKeyOnce sync.Once
	rsaKey     *rsa.PrivateKey
	rsaKeyPEM  string
	rsaKeyErr  error
)

// RSAKey returns one 2048-bit RSA key, shared by every test of the test
// binary, and its PKCS #8 PEM. Generating a key takes long enough to
// dominate a test run if every test made its own; a test that needs a key
// different from the others' uses NewRSAKey.
func RSAKey(tb testing.TB) (*rsa.PrivateKey, string) {
	tb.Helper()
	rsaKeyOnce.Do(func() { rsaKey, rsaKeyPEM, rsaKeyErr = generateRSAKey() })
	if rsaKeyErr != nil {
		tb.Fatalf("testutil: RSA key: %v", rsaKeyErr)
	}
	return rsaKey, rsaKeyPEM
}

// NewRSAKey returns a fresh 2048-bit RSA key, distinct from RSAKey's, and
// its PKCS #8 PEM.
func NewRSAKey(tb testing.TB) (*rsa.PrivateKey, string) {
	tb.Helper()
	key, keyPEM, err := generateRSAKey()
	if err != nil {
		tb.Fatalf("testutil: RSA key: %v", err)
	}
	return key, keyPEM
}

func generateRSAKey() (*rsa.PrivateKey, string, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, "", err
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, "", err
	}
	return key, string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), nil
}
