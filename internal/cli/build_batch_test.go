package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"handout/assets"
	"handout/handouts"
	"handout/internal/build"
	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

func TestBuildBatchFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want func(o *buildOptions) bool
	}{
		{nil, func(o *buildOptions) bool {
			return o.Jobs == 0 && !o.Check && !o.Force && !o.JSON && !o.Strict && o.Shard == build.Shard{}
		}},
		{[]string{"-j", "3", "--check", "--force", "--json", "--strict", "--shard", "2/4"}, func(o *buildOptions) bool {
			return o.Jobs == 3 && o.Check && o.Force && o.JSON && o.Strict && o.Shard == build.Shard{Index: 2, Count: 4}
		}},
		{[]string{"--jobs=1", "--shard=1/1"}, func(o *buildOptions) bool { return o.Jobs == 1 && o.Shard.Count == 1 }},
	} {
		e := newTestEnv(t)
		var got *buildOptions
		cmd := newBuildCmd(&e.Env, func(o *buildOptions) error { got = o; return nil })
		cmd.SetArgs(tc.args)
		if err := cmd.Execute(); err != nil || !tc.want(got) {
			t.Errorf("%q: %v, options %+v", tc.args, err, got)
		}
	}
	for args, want := range map[string]string{
		"--shard 5/4":  `--shard "5/4": the shard must be between 1 and 4`,
		"--shard 0/4":  `--shard "0/4": the shard must be between 1 and 4`,
		"--shard two":  `--shard "two": want I/N, such as 2/4`,
		"--shard 1/0":  `--shard "1/0": the number of shards must be at least 1`,
		"-j -1":        "-j needs a number of workers of at least 1",
		"-j many":      `invalid argument "many" for "-j, --jobs" flag`,
		"--check=nope": `invalid argument "nope" for "--check" flag`,
	} {
		e := newTestEnv(t)
		workdir(t)
		if code := e.run(append([]string{"build"}, strings.Fields(args)...)...); code != 2 || !strings.Contains(e.err.String(), want) {
			t.Errorf("build %s: exit code %d, stderr:\n%s\nwant %q", args, code, e.err.String(), want)
		}
		if _, err := os.Stat("dist"); !os.IsNotExist(err) {
			t.Errorf("build %s: a usage error made the output folder", args)
		}
	}
}

func TestProgressMode(t *testing.T) {
	for _, tc := range []struct {
		terminal bool
		env      map[string]string
		want     progressMode
	}{
		{true, nil, progressBar},
		{false, nil, progressPlain},
		{true, map[string]string{"CI": "true"}, progressPlain},
		{true, map[string]string{"CI": "1"}, progressPlain},
		{true, map[string]string{"CI": "false"}, progressBar},
		{true, map[string]string{"CI": "0"}, progressBar},
		{true, map[string]string{"CI": ""}, progressBar},
		{true, map[string]string{"NO_COLOR": "1"}, progressPlain},
		{true, map[string]string{"NO_COLOR": ""}, progressBar},
		{true, map[string]string{"TERM": "dumb"}, progressPlain},
		{true, map[string]string{"TERM": "xterm-256color"}, progressBar},
		{false, map[string]string{"CI": "false", "TERM": "xterm"}, progressPlain},
	} {
		getenv := func(k string) string { return tc.env[k] }
		if got := progressModeFor(tc.terminal, getenv); got != tc.want {
			t.Errorf("terminal %v, %v: mode %v, want %v", tc.terminal, tc.env, got, tc.want)
		}
	}
	if progressModeFor(true, nil) != progressBar {
		t.Error("no environment at all")
	}
	// The decision reaches the build options.
	e := newTestEnv(t)
	e.StderrIsTerminal = true
	e.vars["CI"] = "true"
	var got *buildOptions
	cmd := newBuildCmd(&e.Env, func(o *buildOptions) error { got = o; return nil })
	cmd.SetArgs(nil)
	if err := cmd.Execute(); err != nil || got.Progress != progressPlain {
		t.Errorf("CI=true at a terminal: %v, mode %v", err, got.Progress)
	}
}

// TestBuildPlainOutput: without a terminal, stderr stays empty on success
// and stdout has one plain line a file: nothing decorative.
func TestBuildPlainOutput(t *testing.T) {
	e := newTestEnv(t)
	workdir(t)
	writeManyHandouts(t, 5, "")
	if code := e.run("build", "."); code != 0 {
		t.Fatalf("exit code %d: %s", code, e.err.String())
	}
	if e.err.Len() != 0 {
		t.Errorf("stderr: %q", e.err.String())
	}
	for _, l := range lines(e.out.String()) {
		if strings.ContainsAny(l, "\r\x1b") || !strings.HasPrefix(l, "wrote ") {
			t.Errorf("not a plain line: %q", l)
		}
	}
}

// writeManyHandouts writes n handouts h00.yaml ... made from good.yaml, in
// the current folder; the ids in fail are given a failing id.
func writeManyHandouts(t *testing.T, n int, fail string) {
	t.Helper()
	good := string(readTestdata(t, "good.yaml"))
	for i := range n {
		id := fmt.Sprintf("h%02d", (i*7)%n)
		data := strings.Replace(good, "id: good", "id: "+id, 1)
		if strings.Contains(fail, id) {
			data = strings.Replace(data, "id: "+id, "id: fails-"+id, 1)
		}
		if err := os.WriteFile(fmt.Sprintf("file%02d.yaml", i), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBuildJobsSameOutput: the report is the same whatever -j is.
func TestBuildJobsSameOutput(t *testing.T) {
	var ref string
	for _, jobs := range []string{"1", "2", "7", "0"} {
		e := newTestEnv(t)
		workdir(t)
		writeManyHandouts(t, 12, "h03 h08")
		e.Render = failingRender(e)
		code := e.run("build", ".", "-j", jobs)
		got := fmt.Sprintf("exit %d\n--- stdout\n%s--- stderr\n%s", code, e.out.String(), e.err.String())
		if jobs == "1" {
			ref = got
			if code != 1 || len(lines(e.out.String())) != 20 {
				t.Fatalf("-j 1:\n%s", got)
			}
			continue
		}
		if got != ref {
			t.Errorf("-j %s:\n%s\nwant, as with -j 1:\n%s", jobs, got, ref)
		}
	}
}

// TestBuildInterruptedJobs: with several workers, a signal still stops the
// build cleanly: what was written is reported, the rest is listed.
func TestBuildInterruptedJobs(t *testing.T) {
	e := newTestEnv(t)
	workdir(t)
	writeManyHandouts(t, 12, "")
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	e.Context = ctx
	fake := e.Render
	e.Render = func(h *handout.Handout, p layout.Paper, opt build.RenderOptions) ([]byte, int, diag.List) {
		if h.ID.Value == "h05" {
			cancel(interrupted{syscall.SIGINT})
		}
		return fake(h, p, opt)
	}
	if code := e.run("build", ".", "-j", "3"); code != 130 {
		t.Errorf("exit code %d, want 130", code)
	}
	stderr := e.err.String()
	if !strings.HasPrefix(stderr, "interrupted by SIGINT (Ctrl-C), so these were not built: ") ||
		!strings.HasSuffix(stderr, "; every file written is complete\n") {
		t.Errorf("stderr:\n%s", stderr)
	}
	reported := len(lines(e.out.String()))
	if pdfs := pdfNames(t, "dist"); len(pdfs) != reported || reported == 0 || reported == 24 {
		t.Errorf("reported %d files, wrote %q", reported, pdfs)
	}
	noTempFiles(t, "dist")
}

func TestBuildCheck(t *testing.T) {
	e := newTestEnv(t)
	workdir(t)
	writeManyHandouts(t, 3, "")
	a4, letter := filepath.Join("dist", "h01-a4.pdf"), filepath.Join("dist", "h01-letter.pdf")

	// Nothing built yet: everything is missing.
	if code := e.run("build", ".", "--check"); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if got := lines(e.out.String()); len(got) != 6 || got[0] != filepath.Join("dist", "h00-a4.pdf") {
		t.Errorf("stdout:\n%s", e.out.String())
	}
	if want := "6 of 6 PDFs need building (6 missing): run handout build\n"; e.err.String() != want {
		t.Errorf("stderr %q, want %q", e.err.String(), want)
	}
	if _, err := os.Stat("dist"); !os.IsNotExist(err) {
		t.Fatal("--check made the output folder")
	}

	if code := e.run("build", "."); code != 0 {
		t.Fatal(e.err.String())
	}
	e.rendered = nil
	if code := e.run("build", ".", "--check"); code != 0 || e.out.Len() != 0 || e.err.Len() != 0 || len(e.rendered) != 0 {
		t.Errorf("after a build: exit code %d, rendered %d\nstdout:\n%s\nstderr:\n%s", code, len(e.rendered), e.out.String(), e.err.String())
	}

	// An edited handout, a PDF edited by hand, a deleted PDF.
	data, _ := os.ReadFile("file00.yaml")
	os.WriteFile("file00.yaml", []byte(strings.Replace(string(data), "Test Clinic", "Another Clinic", 1)), 0o644)
	os.WriteFile(a4, []byte("edited"), 0o644)
	os.Remove(letter)
	manifest, _ := os.ReadFile(filepath.Join("dist", build.ManifestName))
	if code := e.run("build", ".", "--check"); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	// file00.yaml (h00) changed, but not in a way the fake PDF shows: it
	// is rendered in memory and found up to date.
	if got, want := e.out.String(), a4+"\n"+letter+"\n"; got != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", got, want)
	}
	if want := "2 of 6 PDFs need building (1 missing, 1 out of date): run handout build\n"; e.err.String() != want {
		t.Errorf("stderr %q, want %q", e.err.String(), want)
	}
	if got, _ := os.ReadFile(filepath.Join("dist", build.ManifestName)); !bytes.Equal(got, manifest) {
		t.Error("--check changed the manifest")
	}
	if got, _ := os.ReadFile(a4); string(got) != "edited" {
		t.Error("--check wrote a PDF")
	}

	// A handout with a problem: reported, exit 1.
	e.Render = failingRender(e)
	os.WriteFile("file01.yaml", []byte(strings.Replace(string(data), "id: h00", "id: fails-x", 1)), 0o644)
	if code := e.run("build", "file01.yaml", "--check"); code != 1 || !strings.Contains(e.err.String(), "title does not fit") {
		t.Errorf("a failing handout: exit code %d\n%s", code, e.err.String())
	}
}

// buildReportOf decodes a --json report strictly: unknown fields fail.
func buildReportOf(t *testing.T, data []byte) buildReport {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r buildReport
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("the report is not one JSON document: %v\n%s", err, data)
	}
	if dec.More() {
		t.Fatalf("more than one JSON document on stdout:\n%s", data)
	}
	return r
}

func TestBuildJSON(t *testing.T) {
	e := newTestEnv(t)
	workdir(t, "bad.yaml")
	writeManyHandouts(t, 3, "h02")
	e.Render = failingRender(e)
	if code := e.run("build", ".", "--json", "-j", "2"); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	r := buildReportOf(t, e.out.Bytes())
	if r.Version != 1 || r.Tool != "handout "+build.Version || r.Mode != "build" {
		t.Errorf("header %d %q %q", r.Version, r.Tool, r.Mode)
	}
	var got []string
	for _, o := range r.Outputs {
		got = append(got, o.Output+" "+o.Status)
	}
	want := []string{
		filepath.Join("dist", "fails-h02-a4.pdf") + " failed", filepath.Join("dist", "fails-h02-letter.pdf") + " failed",
		filepath.Join("dist", "h00-a4.pdf") + " written", filepath.Join("dist", "h00-letter.pdf") + " written",
		filepath.Join("dist", "h01-a4.pdf") + " written", filepath.Join("dist", "h01-letter.pdf") + " written",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outputs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	o := r.Outputs[2]
	pdf, _ := os.ReadFile(o.Output)
	if o.Input != "file00.yaml" || o.ID != "h00" || o.Paper != "a4" || o.Pages != 1 || o.Bytes != len(pdf) ||
		o.SHA256 != fmt.Sprintf("%x", sha256Sum(pdf)) || o.Milliseconds < 0 || o.Diagnostics == nil {
		t.Errorf("output %+v", o)
	}
	f := r.Outputs[0]
	if f.Input != "file02.yaml" || len(f.Diagnostics) != 1 || f.SHA256 != "" {
		t.Fatalf("failed output %+v", f)
	}
	if d := f.Diagnostics[0]; d.File != "file02.yaml" || d.Line != 4 || d.Col != 8 || d.Severity != "error" ||
		d.Code != "text-overflow" || d.Message != "title does not fit" || d.Hint != "shorten it" {
		t.Errorf("diagnostic %+v", d)
	}
	// bad.yaml never got an output: its problems are at the top level.
	if len(r.Diagnostics) != 3 || r.Diagnostics[0].File != "bad.yaml" {
		t.Errorf("top-level diagnostics %+v", r.Diagnostics)
	}
	s := r.Summary
	if s.Outputs != 6 || s.Written != 4 || s.Failed != 2 || s.UpToDate != 0 || s.Errors != 4 || s.OK ||
		strings.Join(s.NotBuilt, " ") != "bad.yaml file02.yaml" || s.NotRun == nil || s.Jobs != 2 || s.Parsed != 4 {
		t.Errorf("summary %+v", s)
	}
	// Without a terminal, stderr has the diagnostics, the summary and
	// a line a file (stdout holds only the JSON).
	if !strings.Contains(e.err.String(), "wrote "+filepath.Join("dist", "h00-a4.pdf")) ||
		!strings.HasSuffix(e.err.String(), "4 errors in 2 files; not built: bad.yaml, file02.yaml\n") {
		t.Errorf("stderr:\n%s", e.err.String())
	}

	// Again: up to date.
	os.Remove("bad.yaml")
	os.Remove("file02.yaml")
	if code := e.run("build", ".", "--json"); code != 0 {
		t.Fatalf("exit code %d: %s", code, e.err.String())
	}
	r = buildReportOf(t, e.out.Bytes())
	if s := r.Summary; s.UpToDate != 4 || s.Outputs != 4 || !s.OK || s.Parsed != 0 || len(r.Diagnostics) != 0 {
		t.Errorf("second run: summary %+v", s)
	}
	if o := r.Outputs[0]; o.Status != "up-to-date" || o.Pages != 1 || o.Bytes == 0 || len(o.SHA256) != 64 {
		t.Errorf("up-to-date output %+v", o)
	}

	// --check --json: stdout is the report, with missing and stale.
	os.Remove(filepath.Join("dist", "h00-a4.pdf"))
	os.WriteFile(filepath.Join("dist", "h01-a4.pdf"), []byte("edited"), 0o644)
	if code := e.run("build", ".", "--json", "--check", "--shard", "1/1"); code != 1 {
		t.Errorf("--check: exit code %d", code)
	}
	r = buildReportOf(t, e.out.Bytes())
	if s := r.Summary; r.Mode != "check" || s.Missing != 1 || s.Stale != 1 || s.UpToDate != 2 || s.OK || s.Shard != "1/1" {
		t.Errorf("--check: mode %q, summary %+v", r.Mode, s)
	}
	if want := "2 of 4 PDFs need building (1 missing, 1 out of date): run handout build\n"; e.err.String() != want {
		t.Errorf("--check stderr %q", e.err.String())
	}
}

func sha256Sum(data []byte) [32]byte {
	return sha256.Sum256(data)
}

// TestBuildShards: a matrix of N jobs builds every PDF exactly once.
func TestBuildShards(t *testing.T) {
	e := newTestEnv(t)
	workdir(t)
	writeManyHandouts(t, 15, "")
	if code := e.run("build", ".", "--check", "--json"); code != 1 {
		t.Fatal(e.err.String())
	}
	var all []string
	for _, o := range buildReportOf(t, e.out.Bytes()).Outputs {
		all = append(all, o.Output)
	}
	for n := 1; n <= 4; n++ {
		var got []string
		for i := 1; i <= n; i++ {
			out := fmt.Sprintf("dist-%d-%d", n, i)
			if code := e.run("build", ".", "--shard", fmt.Sprintf("%d/%d", i, n), "-o", out, "--json"); code != 0 {
				t.Fatalf("shard %d/%d: %s", i, n, e.err.String())
			}
			r := buildReportOf(t, e.out.Bytes())
			for _, o := range r.Outputs {
				got = append(got, strings.Replace(o.Output, out, "dist", 1))
			}
			if r.Summary.OtherShards != len(all)-len(r.Outputs) {
				t.Errorf("shard %d/%d: %d outputs, %d in other shards, of %d", i, n, len(r.Outputs), r.Summary.OtherShards, len(all))
			}
		}
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(all, " ") {
			t.Errorf("%d shards built:\n%q\nwant each of:\n%q", n, got, all)
		}
	}
}

// TestBuildSourceDateEpochUpToDate: SOURCE_DATE_EPOCH is an input of every
// PDF: changing it renders everything again.
func TestBuildSourceDateEpochUpToDate(t *testing.T) {
	e := newTestEnv(t)
	workdir(t)
	for _, step := range []struct {
		epoch    string
		rendered int
	}{{"", 2}, {"", 0}, {"1777593600", 2}, {"1777593600", 0}, {"1777680000", 2}, {"", 2}} {
		e.vars["SOURCE_DATE_EPOCH"] = step.epoch
		e.rendered = nil
		if code := e.run("build"); code != 0 {
			t.Fatal(e.err.String())
		}
		if len(e.rendered) != step.rendered {
			t.Errorf("SOURCE_DATE_EPOCH=%q: rendered %d, want %d", step.epoch, len(e.rendered), step.rendered)
		}
	}
}

func TestBuildStrict(t *testing.T) {
	e := newTestEnv(t)
	workdir(t, "good.yaml")
	e.Handouts, e.Assets = handouts.FS, assets.FS
	e.Layout = nil // the real layout: lint measures the laid-out pages
	e.vars["SOURCE_DATE_EPOCH"] = fmt.Sprint(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC).Unix())

	// The built-in handouts pass.
	if code := e.run("build", "--strict"); code != 0 {
		t.Fatalf("built-in handouts: exit code %d\n%s", code, e.err.String())
	}
	if len(pdfNames(t, "dist")) != 8 {
		t.Errorf("dist holds %q", pdfNames(t, "dist"))
	}

	// good.yaml has lint errors: no PDF, each finding reported.
	if code := e.run("build", "good.yaml", "--strict", "-o", "out"); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	stderr := e.err.String()
	for _, want := range []string{"good.yaml:6:10: summary: the main message has 3 words", "good.yaml:39:13: disclaimer: ",
		"not built: good.yaml"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not hold %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat("out"); !os.IsNotExist(err) {
		t.Error("--strict wrote a PDF of a handout with lint errors")
	}
	// Without --strict it is built.
	if code := e.run("build", "good.yaml", "-o", "out"); code != 0 {
		t.Errorf("without --strict: exit code %d\n%s", code, e.err.String())
	}

	// Reviewed dates are judged against SOURCE_DATE_EPOCH: three years on,
	// the built-in handouts are stale, even though their PDFs are up to
	// date, and the PDFs are left as they are.
	before, _ := os.ReadFile(filepath.Join("dist", "gut-skin-evidence-ladder-a4.pdf"))
	e.vars["SOURCE_DATE_EPOCH"] = fmt.Sprint(time.Date(2029, 12, 1, 0, 0, 0, 0, time.UTC).Unix())
	if code := e.run("build", "--strict", "--json"); code != 1 {
		t.Errorf("three years on: exit code %d", code)
	}
	r := buildReportOf(t, e.out.Bytes())
	found := false
	for _, o := range r.Outputs {
		for _, d := range o.Diagnostics {
			found = found || d.Code == "reviewed-stale"
		}
		if o.Status != "failed" {
			t.Errorf("%s is %s", o.Output, o.Status)
		}
	}
	if !found {
		t.Errorf("no reviewed-stale finding:\n%s", e.err.String())
	}
	if after, _ := os.ReadFile(filepath.Join("dist", "gut-skin-evidence-ladder-a4.pdf")); !bytes.Equal(before, after) {
		t.Error("a PDF was rewritten")
	}
}

// TestBuildGlob: patterns are expanded by handout, so they work quoted.
func TestBuildGlob(t *testing.T) {
	e := newTestEnv(t)
	workdir(t)
	good := readTestdata(t, "good.yaml")
	for name, id := range map[string]string{"handouts/en/a.yaml": "a", "handouts/es/b.yaml": "b", "handouts/es/deep/c.yml": "c"} {
		os.MkdirAll(filepath.Dir(name), 0o755)
		os.WriteFile(name, bytes.Replace(good, []byte("id: good"), []byte("id: "+id), 1), 0o644)
	}
	if code := e.run("build", "handouts/**/*.y*ml", "--paper", "a4"); code != 0 {
		t.Fatalf("exit code %d: %s", code, e.err.String())
	}
	if got := pdfNames(t, "dist"); strings.Join(got, " ") != "a-a4.pdf b-a4.pdf c-a4.pdf" {
		t.Errorf("dist holds %q", got)
	}
	if code := e.run("build", "handouts/*/*.yaml", "--check", "--paper", "a4"); code != 0 {
		t.Errorf("--check: exit %d\n%s%s", code, e.out.String(), e.err.String())
	}
	if code := e.run("build", "handout/*.yaml"); code != 1 ||
		!strings.HasPrefix(e.err.String(), "handout/*.yaml: no file or folder matches this pattern") {
		t.Errorf("no match: exit code %d\n%s", code, e.err.String())
	}
}
