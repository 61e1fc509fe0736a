package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"handout/internal/layout"
)

func TestBuildFlags(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		paths  []string
		out    string
		papers []layout.Paper
		assets string
	}{
		{nil, nil, "dist", layout.Papers, ""},
		{[]string{"a.yaml", "dir"}, []string{"a.yaml", "dir"}, "dist", layout.Papers, ""},
		{[]string{"-o", "out", "--paper", "a4"}, nil, "out", []layout.Paper{layout.A4}, ""},
		{[]string{"--output=out", "--paper=LETTER", "--assets", "brand", "x.yml"}, []string{"x.yml"}, "out", []layout.Paper{layout.Letter}, "brand"},
		{[]string{"--paper", "letter", "--paper", "all"}, nil, "dist", layout.Papers, ""},
	} {
		e := newTestEnv(t)
		var got *buildOptions
		cmd := newBuildCmd(&e.Env, func(o *buildOptions) error { got = o; return nil })
		cmd.SetArgs(tc.args)
		if err := cmd.Execute(); err != nil {
			t.Errorf("%q: %v", tc.args, err)
			continue
		}
		if strings.Join(got.Paths, " ") != strings.Join(tc.paths, " ") || got.OutDir != tc.out ||
			len(got.Papers) != len(tc.papers) || got.Papers[0] != tc.papers[0] || got.AssetsDir != tc.assets {
			t.Errorf("%q: options %+v", tc.args, got)
		}
		if !got.Date.IsZero() {
			t.Errorf("%q: date %v without SOURCE_DATE_EPOCH", tc.args, got.Date)
		}
	}
}

func TestSourceDateEpoch(t *testing.T) {
	for v, want := range map[string]time.Time{
		"":           {},
		"0":          time.Unix(0, 0).UTC(),
		"1777593600": time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC),
	} {
		got, err := sourceDateEpoch(func(string) string { return v })
		if err != nil || !got.Equal(want) || got.Location() != want.Location() {
			t.Errorf("SOURCE_DATE_EPOCH=%q: %v, %v; want %v", v, got, err, want)
		}
	}
	for _, v := range []string{"abc", "-1", "1.5", " 12", "12 ", "1e9", "99999999999999", "0x10"} {
		_, err := sourceDateEpoch(func(string) string { return v })
		if err == nil || !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
			t.Errorf("SOURCE_DATE_EPOCH=%q: error %v, want one naming the variable", v, err)
		}
	}
}

func TestBuildSourceDateEpoch(t *testing.T) {
	e := newTestEnv(t)
	workdir(t)
	e.vars["SOURCE_DATE_EPOCH"] = "1777593600"
	if code := e.run("build"); code != 0 {
		t.Fatalf("exit code %d: %s", code, e.err.String())
	}
	want := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	if len(e.rendered) != 2 || !e.rendered[0].Equal(want) || !e.rendered[1].Equal(want) {
		t.Errorf("rendered with dates %v, want %v", e.rendered, want)
	}

	e.vars["SOURCE_DATE_EPOCH"] = "yesterday"
	if code := e.run("build", "-o", "other"); code != 2 {
		t.Errorf("invalid SOURCE_DATE_EPOCH: exit code %d, want 2", code)
	}
	if !strings.Contains(e.err.String(), `SOURCE_DATE_EPOCH="yesterday"`) {
		t.Errorf("stderr does not name the variable:\n%s", e.err.String())
	}
	if _, err := os.Stat("other"); !os.IsNotExist(err) {
		t.Error("a usage error still created the output folder")
	}
}

func TestBuildBuiltin(t *testing.T) {
	e := newTestEnv(t)
	workdir(t)
	if code := e.run("build"); code != 0 {
		t.Fatalf("exit code %d: %s", code, e.err.String())
	}
	want := []string{
		"wrote " + filepath.Join("dist", "good-a4.pdf") + " (1 page, 17 bytes)",
		"wrote " + filepath.Join("dist", "good-letter.pdf") + " (1 page, 21 bytes)",
	}
	if got := lines(e.out.String()); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stdout:\n%s\nwant:\n%s", e.out.String(), strings.Join(want, "\n"))
	}
	if e.err.Len() != 0 {
		t.Errorf("stderr: %s", e.err.String())
	}
	for _, f := range []string{"dist/good-letter.pdf", "dist/good-a4.pdf"} {
		if _, err := os.Stat(f); err != nil {
			t.Error(err)
		}
	}

	// Built again: nothing is rendered, and the output says so.
	e.rendered = nil
	if code := e.run("build"); code != 0 {
		t.Fatalf("second build: exit code %d", code)
	}
	want = []string{
		"up to date " + filepath.Join("dist", "good-a4.pdf") + " (1 page, 17 bytes)",
		"up to date " + filepath.Join("dist", "good-letter.pdf") + " (1 page, 21 bytes)",
	}
	if got := lines(e.out.String()); strings.Join(got, "\n") != strings.Join(want, "\n") || len(e.rendered) != 0 {
		t.Errorf("second build rendered %d PDFs:\n%s", len(e.rendered), e.out.String())
	}

	// --force renders again; the files keep their bytes.
	if code := e.run("build", "--force"); code != 0 {
		t.Fatalf("forced build: exit code %d", code)
	}
	if got := e.out.String(); strings.Count(got, "unchanged ") != 2 || len(e.rendered) != 2 {
		t.Errorf("forced build:\n%s", got)
	}
}

func TestBuildBuiltinNamesInDiagnostics(t *testing.T) {
	e := newTestEnv(t)
	workdir(t)
	e.Handouts = mapFS("broken.yaml", readTestdata(t, "bad.yaml"))
	if code := e.run("build"); code != 1 {
		t.Fatalf("exit code %d", code)
	}
	if !strings.HasPrefix(e.err.String(), "handouts/broken.yaml:5:11: ") {
		t.Errorf("stderr:\n%s\nwant positions in handouts/broken.yaml", e.err.String())
	}
}

var diagLine = regexp.MustCompile(`^bad\.yaml:\d+:\d+: .+`)

func TestBuildBadYAML(t *testing.T) {
	e := newTestEnv(t)
	workdir(t, "bad.yaml")
	if code := e.run("build", "bad.yaml", "-o", "out"); code != 1 {
		t.Fatalf("exit code %d, want 1", code)
	}
	got := lines(e.err.String())
	if len(got) != 4 {
		t.Fatalf("stderr:\n%s", e.err.String())
	}
	for _, l := range got[:3] {
		if !diagLine.MatchString(l) {
			t.Errorf("not a file:line:col diagnostic: %q", l)
		}
	}
	if want := "3 errors in 1 file; not built: bad.yaml"; got[3] != want {
		t.Errorf("summary %q, want %q", got[3], want)
	}
	if !strings.Contains(e.err.String(), `bad.yaml:12:3: unknown field "rugs" in ladder (did you mean "rungs"?)`) {
		t.Errorf("missing the unknown-field diagnostic:\n%s", e.err.String())
	}
	if e.out.Len() != 0 {
		t.Errorf("stdout: %q", e.out.String())
	}
	if _, err := os.Stat("out"); !os.IsNotExist(err) {
		t.Errorf("output folder created for a handout with errors (%v)", err)
	}
}

func TestBuildMixed(t *testing.T) {
	e := newTestEnv(t)
	workdir(t, "good.yaml", "bad.yaml")
	if code := e.run("build", ".", "missing.yaml", "--paper", "a4"); code != 1 {
		t.Fatalf("exit code %d, want 1", code)
	}
	// The good handout is still built.
	if got, want := e.out.String(), "wrote "+filepath.Join("dist", "good-a4.pdf")+" (1 page, 17 bytes)\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	if pdfs := pdfNames(t, "dist"); len(pdfs) != 1 {
		t.Errorf("dist holds %q, want 1 PDF", pdfs)
	}
	// All problems of all files, sorted.
	got := lines(e.err.String())
	if len(got) != 5 || !strings.HasPrefix(got[0], "bad.yaml:5:11: ") || !strings.HasPrefix(got[3], "missing.yaml: no such file") ||
		got[4] != "4 errors in 2 files; not built: bad.yaml, missing.yaml" {
		t.Errorf("stderr:\n%s", e.err.String())
	}
}

func TestBuildDuplicateIDs(t *testing.T) {
	e := newTestEnv(t)
	workdir(t, "good.yaml")
	if err := os.WriteFile("copy.yaml", readTestdata(t, "good.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := e.run("build", "good.yaml", "copy.yaml"); code != 1 {
		t.Fatalf("exit code %d, want 1", code)
	}
	// Neither is built: which one the files should hold is not for the
	// order of the arguments to decide.
	got := lines(e.err.String())
	if len(got) != 3 || !strings.HasPrefix(got[0], `copy.yaml:2:5: id "good" is already used by good.yaml:2:5`) ||
		!strings.HasPrefix(got[1], `good.yaml:2:5: id "good" is also used by copy.yaml:2:5`) ||
		got[2] != "2 errors in 2 files; not built: good.yaml, copy.yaml" {
		t.Errorf("stderr:\n%s", e.err.String())
	}
	if _, err := os.Stat("dist"); !os.IsNotExist(err) {
		t.Errorf("a PDF was built for a duplicated id (%v)", err)
	}
}

func TestBuildOutputProblem(t *testing.T) {
	e := newTestEnv(t)
	workdir(t, "good.yaml")
	if err := os.WriteFile("dist", []byte("a file where the folder should be"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := e.run("build", "good.yaml"); code != 1 {
		t.Fatalf("exit code %d, want 1", code)
	}
	if !strings.HasPrefix(e.err.String(), "dist: the output folder is a file, not a folder") {
		t.Errorf("stderr:\n%s", e.err.String())
	}
}

func TestBuildAssetsRule(t *testing.T) {
	e := newTestEnv(t)
	workdir(t)
	logo := strings.Replace(string(readTestdata(t, "good.yaml")), "publisher:", "logo:\n  file: mark.png\n  alt: A mark.\npublisher:", 1)
	for name, data := range map[string]string{"handouts/logo.yaml": logo, "assets/mark.png": string(pngBytes(t))} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// handouts/logo.yaml finds assets/ in its parent folder.
	if code := e.run("build", "handouts"); code != 0 {
		t.Fatalf("exit code %d: %s", code, e.err.String())
	}
	// --assets pointing elsewhere: the logo is not there.
	if err := os.Mkdir("empty", 0o755); err != nil {
		t.Fatal(err)
	}
	if code := e.run("validate", "handouts", "--assets", "empty"); code != 1 || !strings.Contains(e.err.String(), `logo file "mark.png" cannot be read`) {
		t.Errorf("--assets empty: exit %d:\n%s", code, e.err.String())
	}
	if code := e.run("validate", "handouts", "--assets", "nowhere"); code != 1 || !strings.HasPrefix(e.err.String(), "nowhere: the assets folder cannot be used") {
		t.Errorf("--assets nowhere: exit %d:\n%s", code, e.err.String())
	}
}
