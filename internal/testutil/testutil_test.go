package testutil

import (
	"crypto/x509"
	"encoding/pem"
	"strings"
	"sync"
	"testing"
)

// TestSyncBufferConcurrentWrites checks that writes from many goroutines all
// land, whole, in the buffer; run under -race it also checks the locking.
func TestSyncBufferConcurrentWrites(t *testing.T) {
	t.Parallel()
	var b SyncBuffer
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				if _, err := b.Write([]byte("ab\n")); err != nil {
					t.Errorf("Write: %v", err)
				}
				_ = b.String()
			}
		}()
	}
	wg.Wait()
	if got, want := b.Len(), 8*100*3; got != want {
		t.Fatalf("Len() = %d, want %d", got, want)
	}
	if got, want := b.String(), strings.Repeat("ab\n", 800); got != want {
		t.Fatalf("String() is not 800 whole writes: %q", got[:min(len(got), 60)])
	}
}

// TestRSAKey checks that RSAKey hands every caller the same key, that its
// PEM is that key in PKCS #8, and that NewRSAKey's key is another one.
func TestRSAKey(t *testing.T) {
	t.Parallel()
	key, keyPEM := RSAKey(t)
	again, againPEM := RSAKey(t)
	if key != again || keyPEM != againPEM {
		t.Fatal("RSAKey returned two different keys")
	}
	if key.N.BitLen() != 2048 {
		t.Fatalf("key size = %d bits, want 2048", key.N.BitLen())
	}
	block, _ := pem.Decode([]byte(keyPEM))
	if block == nil || block.Type != "PRIVATE KEY" {
		t.Fatalf("not a PKCS #8 PEM block: %q", keyPEM)
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if !key.Equal(parsed) {
		t.Fatal("the PEM holds another key")
	}
	other, otherPEM := NewRSAKey(t)
	if other.Equal(key) || otherPEM == keyPEM {
		t.Fatal("NewRSAKey returned the shared key")
	}
}
