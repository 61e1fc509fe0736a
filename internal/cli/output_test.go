package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"handout/internal/build"
	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// oldPDF puts a previous, good PDF at name with an old modification time, and
// returns a check that it is still there, byte for byte and untouched.
func oldPDF(t *testing.T, name string) func() {
	t.Helper()
	const data = "%PDF-1.7 the previous, good PDF\n"
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(name, old, old); err != nil {
		t.Fatal(err)
	}
	return func() {
		t.Helper()
		got, err := os.ReadFile(name)
		fi, _ := os.Stat(name)
		if err != nil || string(got) != data || !fi.ModTime().Equal(old) {
			t.Errorf("%s was changed: %q, %v", name, got, err)
		}
	}
}

// noTempFiles fails when dir holds a temporary file of ours.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") && strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// fullDisk lets through half of what is written, then fails as a full disk
// does.
type fullDisk struct{ w io.Writer }

func (f fullDisk) Write(p []byte) (int, error) {
	n, _ := f.w.Write(p[:len(p)/2])
	return n, &os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}
}

// TestBuildOutputProblems checks each way the output folder can fail: the
// message, exit code 1, and that the previous PDF is untouched.
func TestBuildOutputProblems(t *testing.T) {
	t.Run("missing folder is created", func(t *testing.T) {
		e := newTestEnv(t)
		workdir(t, "good.yaml")
		if code := e.run("build", "good.yaml", "-o", "out/a/b"); code != 0 {
			t.Fatalf("exit code %d: %s", code, e.err.String())
		}
		if _, err := os.Stat("out/a/b/good-a4.pdf"); err != nil {
			t.Error(err)
		}
	})
	t.Run("output folder is a file", func(t *testing.T) {
		e := newTestEnv(t)
		workdir(t, "good.yaml")
		if err := os.WriteFile("dist", []byte("notes"), 0o644); err != nil {
			t.Fatal(err)
		}
		if code := e.run("build", "good.yaml"); code != 1 {
			t.Errorf("exit code %d, want 1", code)
		}
		want := "dist: the output folder is a file, not a folder (move the file away, or choose another folder with -o)\n" +
			"1 error in 1 file; not built: good.yaml\n"
		if e.err.String() != want {
			t.Errorf("stderr:\n%s\nwant:\n%s", e.err.String(), want)
		}
		if data, _ := os.ReadFile("dist"); string(data) != "notes" {
			t.Errorf("the file in the way now holds %q", data)
		}
	})
	t.Run("a parent of the output folder is a file", func(t *testing.T) {
		e := newTestEnv(t)
		workdir(t, "good.yaml")
		if err := os.WriteFile("notes", []byte("notes"), 0o644); err != nil {
			t.Fatal(err)
		}
		if code := e.run("build", "good.yaml", "-o", "notes/dist"); code != 1 {
			t.Errorf("exit code %d, want 1", code)
		}
		want := filepath.Join("notes", "dist") + ": cannot create the output folder: notes is a file, not a folder (move the file away, or choose another folder with -o)\n" +
			"1 error in 1 file; not built: good.yaml\n"
		if e.err.String() != want {
			t.Errorf("stderr:\n%s\nwant:\n%s", e.err.String(), want)
		}
	})
	t.Run("disk full", func(t *testing.T) {
		e := newTestEnv(t)
		workdir(t, "good.yaml")
		e.Writer = build.Writer{Wrap: func(w io.Writer) io.Writer { return fullDisk{w} }}
		kept := oldPDF(t, filepath.Join("dist", "good-letter.pdf"))
		if code := e.run("build", "good.yaml"); code != 1 {
			t.Errorf("exit code %d, want 1", code)
		}
		// Letter comes first; after it fails, A4 is not tried.
		want := filepath.Join("dist", "good-letter.pdf") + ": cannot write the PDF: the disk is full; the previous file is unchanged (free some disk space and build again)\n" +
			"1 error in 1 file; not built: good.yaml\n"
		if e.err.String() != want {
			t.Errorf("stderr:\n%s\nwant:\n%s", e.err.String(), want)
		}
		if e.out.Len() != 0 {
			t.Errorf("stdout: %s", e.out.String())
		}
		kept()
		noTempFiles(t, "dist")
		if _, err := os.Stat(filepath.Join("dist", "good-a4.pdf")); !os.IsNotExist(err) {
			t.Errorf("a4 PDF exists after a full disk (%v)", err)
		}
	})
	t.Run("not writable", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("SKIPPED here: root may write into a read-only folder; TestBuildOutputNotWritableAsUser covers this case by running the binary as another user")
		}
		e := newTestEnv(t)
		workdir(t, "good.yaml")
		kept := oldPDF(t, filepath.Join("dist", "good-letter.pdf"))
		if err := os.Chmod("dist", 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod("dist", 0o755) })
		if code := e.run("build", "good.yaml"); code != 1 {
			t.Errorf("exit code %d, want 1", code)
		}
		want := filepath.Join("dist", "good-letter.pdf") + ": cannot write the PDF: permission denied; the previous file is unchanged (you may not write in this folder; choose another with -o)\n" +
			"1 error in 1 file; not built: good.yaml\n"
		if e.err.String() != want {
			t.Errorf("stderr:\n%s\nwant:\n%s", e.err.String(), want)
		}
		kept()
	})
}

// TestBuildFailedHandoutKeepsPreviousPDF: a handout that was built once and
// then broken keeps its previous PDFs, byte for byte.
func TestBuildFailedHandoutKeepsPreviousPDF(t *testing.T) {
	e := newTestEnv(t)
	workdir(t, "good.yaml")
	letter := oldPDF(t, filepath.Join("dist", "good-letter.pdf"))
	a4 := oldPDF(t, filepath.Join("dist", "good-a4.pdf"))
	broken := strings.Replace(string(readTestdata(t, "good.yaml")), "title:", "titel:", 1)
	if err := os.WriteFile("good.yaml", []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := e.run("build", "good.yaml"); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	letter()
	a4()
	noTempFiles(t, "dist")
}

// handoutsWith writes handouts a.yaml, b.yaml, c.yaml made from good.yaml,
// with ids a, b, c; the ids in bad are made to fail.
func handoutsWith(t *testing.T, parseError string, renderError string) {
	t.Helper()
	good := string(readTestdata(t, "good.yaml"))
	for _, id := range []string{"a", "b", "c"} {
		data := strings.Replace(good, "id: good", "id: "+id, 1)
		if id == parseError {
			data = strings.Replace(data, "title:", "titel:", 1)
		}
		if id == renderError {
			data = strings.Replace(data, "id: "+id, "id: fails-"+id, 1)
		}
		if err := os.WriteFile(id+".yaml", []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// failingRender renders like the test environment's fake, but fails the
// handouts whose id starts with "fails-".
func failingRender(e *testEnv) build.RenderFunc {
	fake := e.Render
	return func(h *handout.Handout, p layout.Paper, opt build.RenderOptions) ([]byte, int, diag.List) {
		if strings.HasPrefix(h.ID.Value, "fails-") {
			var l diag.List
			l.Add(h.Title.Pos, "text-overflow", "title", "title does not fit", "shorten it")
			return nil, 0, l
		}
		return fake(h, p, opt)
	}
}

// dirNames lists the files in dir but the manifest.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if e.Name() != build.ManifestName {
			names = append(names, e.Name())
		}
	}
	return names
}

// pdfNames lists the PDFs in dir.
func pdfNames(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	for _, n := range dirNames(t, dir) {
		if strings.HasSuffix(n, ".pdf") {
			names = append(names, n)
		}
	}
	return names
}

// TestBuildManyHandouts: one bad handout does not stop the others; the
// summary names it; --fail-fast stops at the first failure.
func TestBuildManyHandouts(t *testing.T) {
	for _, tc := range []struct {
		name, parse, render string
		args                []string
		files               []string
		summary             string
	}{
		{name: "a parse error", parse: "b", args: []string{"build", "."},
			files:   []string{"a-a4.pdf", "a-letter.pdf", "c-a4.pdf", "c-letter.pdf"},
			summary: "2 errors in 1 file; not built: b.yaml"},
		{name: "a layout error", render: "b", args: []string{"build", "."},
			files:   []string{"a-a4.pdf", "a-letter.pdf", "c-a4.pdf", "c-letter.pdf"},
			summary: "1 error in 1 file; not built: b.yaml"},
		{name: "a parse error, --fail-fast", parse: "b", args: []string{"build", ".", "--fail-fast"},
			summary: "2 errors in 1 file; not built: b.yaml; stopped at the first failure (--fail-fast), so these were not tried: a.yaml, c.yaml"},
		{name: "a layout error, --fail-fast", render: "b", args: []string{"build", ".", "--fail-fast"},
			files:   []string{"a-a4.pdf", "a-letter.pdf"},
			summary: "1 error in 1 file; not built: b.yaml; stopped at the first failure (--fail-fast), so these were not tried: c.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEnv(t)
			workdir(t)
			handoutsWith(t, tc.parse, tc.render)
			e.Render = failingRender(e)
			if code := e.run(tc.args...); code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			got := lines(e.err.String())
			if len(got) == 0 || got[len(got)-1] != tc.summary {
				t.Errorf("stderr:\n%s\nwant the summary %q", e.err.String(), tc.summary)
			}
			if names := dirNames(t, "dist"); strings.Join(names, " ") != strings.Join(tc.files, " ") {
				t.Errorf("dist holds %q, want %q", names, tc.files)
			}
		})
	}
}

// TestBuildInterrupted: a signal during a build stops it before the next
// handout, with every written file complete, no temporary file left, and
// the shell's exit code for the signal.
func TestBuildInterrupted(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGINT, 130, "SIGINT (Ctrl-C)"}, {syscall.SIGTERM, 143, "SIGTERM"}} {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEnv(t)
			workdir(t)
			handoutsWith(t, "", "")
			kept := oldPDF(t, filepath.Join("dist", "b-letter.pdf"))
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			e.Context = ctx
			fake := e.Render
			e.Render = func(h *handout.Handout, p layout.Paper, opt build.RenderOptions) ([]byte, int, diag.List) {
				if h.ID.Value == "b" { // the signal comes while b is being rendered
					cancel(interrupted{tc.sig})
				}
				return fake(h, p, opt)
			}
			// One handout at a time, so that a is written before the
			// signal comes (TestBuildInterruptedJobs has more workers).
			if code := e.run("build", ".", "-j", "1"); code != tc.code {
				t.Errorf("exit code %d, want %d", code, tc.code)
			}
			want := "interrupted by " + tc.name + ", so these were not built: b.yaml, c.yaml; every file written is complete\n"
			if e.err.String() != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", e.err.String(), want)
			}
			if names := dirNames(t, "dist"); strings.Join(names, " ") != "a-a4.pdf a-letter.pdf b-letter.pdf" {
				t.Errorf("dist holds %q; want a's two PDFs and b's previous one", names)
			}
			kept()
			noTempFiles(t, "dist")
		})
	}
}
