package cli

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"handout/internal/build"
	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// testEnv is an Env with in-memory streams, a fixed environment, built-in
// handouts made from testdata, and fake rendering stages, so that CLI tests
// check the command line without depending on layout or PDF output.
type testEnv struct {
	Env
	out, err bytes.Buffer
	vars     map[string]string
	mu       sync.Mutex  // Render is called from several goroutines
	rendered []time.Time // the dates Render was called with
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	e := &testEnv{vars: map[string]string{}}
	e.Out, e.ErrOut = &e.out, &e.err
	e.Getenv = func(k string) string { return e.vars[k] }
	e.Handouts = fstest.MapFS{"good.yaml": {Data: readTestdata(t, "good.yaml")}}
	e.Assets = fstest.MapFS{}
	e.Render = func(h *handout.Handout, paper layout.Paper, opt build.RenderOptions) ([]byte, int, diag.List) {
		e.mu.Lock()
		e.rendered = append(e.rendered, opt.Date)
		e.mu.Unlock()
		return []byte("%PDF-1.7 " + h.ID.Value + " " + paper.Name + "\n"), 1, nil
	}
	e.Layout = func(*handout.Handout, layout.Paper, build.RenderOptions) (*layout.Document, diag.List) {
		return &layout.Document{Pages: make([]layout.Page, 1)}, nil
	}
	return e
}

// run executes the command line and returns the exit code.
func (e *testEnv) run(args ...string) int {
	e.out.Reset()
	e.err.Reset()
	return run(args, &e.Env)
}

// testdata is absolute, so that tests can read it after changing folder.
var testdata, _ = filepath.Abs("testdata")

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testdata, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// workdir makes a temporary folder holding the named testdata files, and
// changes into it, so that paths in the output are short and predictable.
func workdir(t *testing.T, files ...string) string {
	t.Helper()
	var data [][]byte
	for _, f := range files {
		data = append(data, readTestdata(t, f))
	}
	dir := t.TempDir()
	t.Chdir(dir)
	for i, f := range files {
		if err := os.WriteFile(f, data[i], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func lines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func mapFS(name string, data []byte) fstest.MapFS {
	return fstest.MapFS{name: {Data: data}}
}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
