package build

import (
	"os"
	"testing"
)

// TestMain keeps the notes of hashed PDFs (see statSettle) that the tests'
// builds write in a folder of their own, not in the user's cache folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "handout-test-cache-")
	if err != nil {
		panic(err)
	}
	statCacheDir = func() (string, error) { return dir, nil }
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
