package cli

import (
	"os"
	"testing"
)

// TestMain points the user's cache folder ($XDG_CACHE_HOME), where builds
// keep the notes of the PDFs they hashed, at a folder of the tests' own,
// for the builds run in this process and in the processes it starts.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "handout-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
