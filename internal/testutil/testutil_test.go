package testutil

import (
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
