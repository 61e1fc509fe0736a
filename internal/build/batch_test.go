package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// fakeRender "renders" a handout as a short text naming it and the paper.
// Handouts whose id starts with "bad-" fail on A4 only.
func fakeRender(h *handout.Handout, paper layout.Paper, _ RenderOptions) ([]byte, int, diag.List) {
	if len(h.ID.Value) > 4 && h.ID.Value[:4] == "bad-" && paper.Name == "a4" {
		var l diag.List
		l.Add(diag.Pos{File: h.File, Line: 3, Col: 1}, "text-overflow", "", "does not fit on a4", "")
		return nil, 0, l
	}
	return []byte("%PDF " + h.ID.Value + " " + paper.Name), 1, nil
}

func loadAll(t *testing.T, ids ...string) []*handout.Handout {
	t.Helper()
	var ins []Input
	for _, id := range ids {
		ins = append(ins, Input{Name: id + ".yaml", Data: []byte(handoutYAML(id, ""))})
	}
	hs, diags := Load(ins)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return hs
}

func TestBatch(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	hs := loadAll(t, "one", "bad-two", "three")
	var done []string
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender,
		Done: func(o Output) { done = append(done, o.Path) }}
	res := b.Run(context.Background(), hs)
	outs, diags := res.Outputs, res.Diags

	if len(diags) != 1 || diags[0].Pos.File != "bad-two.yaml" {
		t.Fatalf("diagnostics: %v", diags)
	}
	want := []string{
		filepath.Join(dir, "one-letter.pdf"), filepath.Join(dir, "one-a4.pdf"),
		filepath.Join(dir, "three-letter.pdf"), filepath.Join(dir, "three-a4.pdf"),
	}
	if !equal(done, want) {
		t.Errorf("done = %q, want %q", done, want)
	}
	// bad-two failed on A4, so its Letter file is not written either.
	onlyFiles(t, dir, "one-a4.pdf", "one-letter.pdf", "three-a4.pdf", "three-letter.pdf")
	if data, _ := os.ReadFile(want[1]); string(data) != "%PDF one a4" {
		t.Errorf("one-a4.pdf holds %q", data)
	}
	for _, o := range outs {
		if !o.Written || o.Pages != 1 || o.Size == 0 {
			t.Errorf("output %+v", o)
		}
	}

	if !equal(res.Failed, []string{"bad-two.yaml"}) || len(res.NotRun) != 0 || res.Interrupted {
		t.Errorf("failed %q, not run %q, interrupted %v; want only bad-two.yaml failed", res.Failed, res.NotRun, res.Interrupted)
	}

	// A second run leaves every file alone.
	outs = b.Run(context.Background(), hs).Outputs
	for _, o := range outs {
		if o.Written {
			t.Errorf("second run rewrote %s", o.Path)
		}
	}
}

func TestBatchNothingToWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender}
	if res := b.Run(context.Background(), loadAll(t, "bad-one")); !res.Diags.HasErrors() {
		t.Fatal("want an error")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the output folder was created with nothing to put in it (%v)", err)
	}
}

func TestBatchOutputFolderIsAFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"dist": "a file"})
	b := &Batch{Dir: filepath.Join(dir, "dist"), Papers: layout.Papers, Render: fakeRender}
	res := b.Run(context.Background(), loadAll(t, "one", "two"))
	if len(res.Outputs) != 0 || len(res.Diags) != 1 {
		t.Fatalf("got %v, %v", res.Outputs, res.Diags)
	}
	want := filepath.Join(dir, "dist") + ": the output folder is a file, not a folder (move the file away, or choose another folder with -o)"
	if got := res.Diags[0].String(); got != want {
		t.Errorf("diagnostic %q\nwant %q", got, want)
	}
	if !equal(res.Failed, []string{"one.yaml"}) || !equal(res.NotRun, []string{"two.yaml"}) {
		t.Errorf("failed %q, not run %q", res.Failed, res.NotRun)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "dist")); string(data) != "a file" {
		t.Errorf("the file in the way now holds %q", data)
	}
}

func TestBatchRenderWithoutBytes(t *testing.T) {
	b := &Batch{Dir: t.TempDir(), Papers: []layout.Paper{layout.A4},
		Render: func(*handout.Handout, layout.Paper, RenderOptions) ([]byte, int, diag.List) { return nil, 0, nil }}
	if res := b.Run(context.Background(), loadAll(t, "one")); !res.Diags.HasErrors() {
		t.Fatal("a render that returns no bytes and no error must still be reported")
	}
}

func TestOutputName(t *testing.T) {
	if got := OutputName("gut-skin-evidence-ladder", layout.Letter); got != "gut-skin-evidence-ladder-letter.pdf" {
		t.Errorf("OutputName = %q", got)
	}
}
