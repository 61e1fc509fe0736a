package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// The files DiscoverFiles finds are read when they are built; one that
// changes after the batch first read it is built as it is then, and the
// manifest records the hash of the bytes that were built. One whose id
// changed meanwhile is not built.
func TestBuildFileChangedMeanwhile(t *testing.T) {
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"a.yaml": handoutYAML("a", ""), "b.yaml": handoutYAML("b", "")})
	ins, diags := DiscoverFiles([]string{src}, "")
	if diags.HasErrors() || len(ins) != 2 || ins[0].Data != nil || ins[0].Path == "" {
		t.Fatalf("inputs %+v, %v", ins, diags)
	}
	changed := strings.Replace(handoutYAML("a", ""), "A short summary.", "Another summary.", 1)
	dir := filepath.Join(t.TempDir(), "dist")
	b := &Batch{Dir: dir, Papers: []layout.Paper{layout.A4}, Render: fakeRender, Jobs: 1, Start: func(int) {
		writeFiles(t, src, map[string]string{"a.yaml": changed, "b.yaml": handoutYAML("c", "")})
	}}
	res := b.Build(context.Background(), ins)
	if len(res.Outputs) != 2 || res.Outputs[0].Status != StatusWritten || res.Outputs[1].Status != StatusFailed {
		t.Fatalf("outputs %+v", res.Outputs)
	}
	if len(res.Failed) != 1 || res.Failed[0] != ins[1].Name || !res.Diags.HasErrors() {
		t.Errorf("failed %v, diags %v", res.Failed, res.Diags)
	}
	m, _ := ReadManifest(dir)
	if got := m.Outputs["a-a4.pdf"].HandoutSHA256; got != sum([]byte(changed)) {
		t.Errorf("manifest records handout %s, not the hash of what was built", got)
	}
	if _, ok := m.Handouts[sum([]byte(changed))]; !ok {
		t.Errorf("manifest handouts %v", m.Handouts)
	}
	if _, err := os.Stat(filepath.Join(dir, "b-a4.pdf")); err == nil {
		t.Error("b-a4.pdf written")
	}
}

// A file that DiscoverFiles found but that cannot be read when the batch
// reads it (removed, or a folder by then) is reported as Discover would,
// and the others are built.
func TestBuildFileGoneMeanwhile(t *testing.T) {
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"a.yaml": handoutYAML("a", ""), "b.yaml": handoutYAML("b", ""),
		"c.yaml": handoutYAML("c", "")})
	ins, diags := DiscoverFiles([]string{src}, "")
	if diags.HasErrors() || len(ins) != 3 {
		t.Fatalf("inputs %+v, %v", ins, diags)
	}
	if err := os.Remove(filepath.Join(src, "a.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(src, "c.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(src, "c.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "dist")
	res := (&Batch{Dir: dir, Papers: []layout.Paper{layout.A4}, Render: fakeRender}).Build(context.Background(), ins)
	if got := statuses(res.Outputs); strings.Join(got, ", ") != "b-a4.pdf written" {
		t.Errorf("outputs %q", got)
	}
	want := []string{
		ins[0].Name + ": no such file or folder",
		ins[2].Name + ": cannot read: is a directory",
	}
	var got []string
	for _, d := range res.Diags {
		got = append(got, d.String())
		if d.Code != "read" || d.Severity != diag.Error {
			t.Errorf("%s: code %q, severity %v", d, d.Code, d.Severity)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestBuildTooLargeInFolder: a handout file over the size limit, found in a
// folder (whose files are not looked at until they are read), is reported
// with its size, and the others are built; so is one that grew too large
// after it was found, and so is one named on its own.
func TestBuildTooLargeInFolder(t *testing.T) {
	src := t.TempDir()
	big := strings.Repeat("#", handout.MaxFileBytes+10)
	writeFiles(t, src, map[string]string{"a.yaml": handoutYAML("a", ""), "big.yaml": big, "grows.yaml": handoutYAML("g", "")})
	named := filepath.Join(t.TempDir(), "named.yaml")
	writeFiles(t, filepath.Dir(named), map[string]string{"named.yaml": big + "#"})
	ins, diags := DiscoverFiles([]string{src, named}, "")
	if len(ins) != 3 || !equal(codes(diags), []string{named + " too-large"}) {
		t.Fatalf("inputs %q, %v", names(ins), diags)
	}
	writeFiles(t, src, map[string]string{"grows.yaml": big + "##"})
	dir := filepath.Join(t.TempDir(), "dist")
	res := (&Batch{Dir: dir, Papers: []layout.Paper{layout.A4}, Render: fakeRender}).Build(context.Background(), ins)
	if got := statuses(res.Outputs); strings.Join(got, ", ") != "a-a4.pdf written" {
		t.Errorf("outputs %q", got)
	}
	want := []string{
		filepath.Join(src, "big.yaml") + ": the file is 1,048,586 bytes; a handout file may be at most 1,048,576 bytes (1 MB)",
		filepath.Join(src, "grows.yaml") + ": the file is 1,048,588 bytes; a handout file may be at most 1,048,576 bytes (1 MB)",
	}
	var got []string
	for _, d := range res.Diags {
		got = append(got, d.Pos.File+": "+d.Message)
		if d.Code != "too-large" || d.Severity != diag.Error {
			t.Errorf("%s: code %q, severity %v", d, d.Code, d.Severity)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The named file was found too large at once: discovery says so.
	_, dd := Discover([]string{named}, "")
	if msg, _ := handout.FileTooLarge(handout.MaxFileBytes + 11); len(dd) != 1 || dd[0].Message != msg {
		t.Errorf("named file: %v", dd)
	}
}

// A handout is parsed once, when the batch first reads it: the worker that
// builds it uses what was parsed then, as long as the file is unchanged.
func TestBuildParsesOnce(t *testing.T) {
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"a.yaml": handoutYAML("a", ""), "b.yaml": handoutYAML("b", "")})
	ins, diags := DiscoverFiles([]string{src}, "")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	saved := parseHandout
	defer func() { parseHandout = saved }()
	var mu sync.Mutex
	parses := map[string]int{}
	parseHandout = func(name string, data []byte, opt handout.Options) (*handout.Handout, diag.List) {
		mu.Lock()
		parses[filepath.Base(name)]++
		mu.Unlock()
		return saved(name, data, opt)
	}
	dir := filepath.Join(t.TempDir(), "dist")
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender, Jobs: 2}
	if res := b.Build(context.Background(), ins); len(res.Diags) != 0 || len(res.Outputs) != 4 {
		t.Fatalf("outputs %+v, diags %v", res.Outputs, res.Diags)
	}
	if parses["a.yaml"] != 1 || parses["b.yaml"] != 1 {
		t.Errorf("parsed %v, want each handout once", parses)
	}
}
