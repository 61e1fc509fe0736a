package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"handout/internal/diag"
	"handout/internal/layout"
)

// TestOrphans: a build warns of the PDFs in its folder that no handout
// makes any more (their handout's id changed, or its file is gone from
// the folder the build reads), leaves them alone, and says nothing of the
// PDFs that a handout still makes or that it cannot know about.
func TestOrphans(t *testing.T) {
	src := t.TempDir()
	dir := filepath.Join(t.TempDir(), "dist")
	writeFiles(t, src, map[string]string{"a.yaml": handoutYAML("a", ""), "b.yaml": handoutYAML("b", ""),
		"c.yaml": handoutYAML("c", "")})
	build := func(what string, opt RenderOptions, paths ...string) []string {
		t.Helper()
		ins, diags := DiscoverFiles(paths, "")
		if diags.HasErrors() {
			t.Fatalf("%s: %v", what, diags)
		}
		res := (&Batch{Dir: dir, Papers: layout.Papers, Options: opt, Render: fakeRender}).Build(context.Background(), ins)
		var got []string
		for _, d := range res.Diags {
			if d.Severity != diag.Warning || d.Code != "orphan" {
				t.Fatalf("%s: %v", what, d)
			}
			if filepath.Dir(d.Pos.File) != dir {
				t.Errorf("%s: %s is not in the output folder", what, d.Pos.File)
			}
			got = append(got, filepath.Base(d.Pos.File)+": "+strings.ReplaceAll(d.Message, src+string(filepath.Separator), ""))
		}
		return got
	}
	want := func(what string, got []string, want ...string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	exists := func(name string) bool {
		_, err := os.Stat(filepath.Join(dir, name))
		return err == nil
	}

	want("first build", build("first build", RenderOptions{}, src))
	want("large print", build("large print", RenderOptions{LargePrint: true}, src))

	// b's id changes: its old PDFs are orphans, left in place.
	writeFiles(t, src, map[string]string{"b.yaml": handoutYAML("b2", "")})
	want("b's id changed", build("b's id changed", RenderOptions{}, src),
		`b-a4-large-print.pdf: no handout makes this PDF any more: it was made from b.yaml, whose id is now "b2"`,
		`b-a4.pdf: no handout makes this PDF any more: it was made from b.yaml, whose id is now "b2"`,
		`b-letter-large-print.pdf: no handout makes this PDF any more: it was made from b.yaml, whose id is now "b2"`,
		`b-letter.pdf: no handout makes this PDF any more: it was made from b.yaml, whose id is now "b2"`)
	if !exists("b-a4.pdf") || !exists("b2-a4.pdf") {
		t.Error("b-a4.pdf removed, or b2-a4.pdf not written")
	}
	for _, name := range []string{"b-a4-large-print.pdf", "b-letter-large-print.pdf", "b-a4.pdf", "b-letter.pdf"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}

	// c.yaml is deleted; a.yaml is renamed, keeping its id.
	if err := os.Remove(filepath.Join(src, "c.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(src, "a.yaml"), filepath.Join(src, "a-renamed.yaml")); err != nil {
		t.Fatal(err)
	}
	cGone := []string{
		`c-a4-large-print.pdf: no handout makes this PDF any more: it was made from c.yaml, which no longer exists`,
		`c-a4.pdf: no handout makes this PDF any more: it was made from c.yaml, which no longer exists`,
		`c-letter-large-print.pdf: no handout makes this PDF any more: it was made from c.yaml, which no longer exists`,
		`c-letter.pdf: no handout makes this PDF any more: it was made from c.yaml, which no longer exists`,
	}
	want("c deleted, a renamed", build("c deleted, a renamed", RenderOptions{}, src), cGone...)
	// A build of one file of the folder cannot know b.yaml's id, which
	// exists, but knows that c.yaml is gone.
	want("one file", build("one file", RenderOptions{}, filepath.Join(src, "a-renamed.yaml")), cGone...)
	// A build of another folder knows nothing of these.
	other := t.TempDir()
	writeFiles(t, other, map[string]string{"d.yaml": handoutYAML("d", "")})
	want("another folder", build("another folder", RenderOptions{}, other))

	for _, name := range []string{"c-a4-large-print.pdf", "c-letter-large-print.pdf", "c-a4.pdf", "c-letter.pdf"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	want("orphans deleted", build("orphans deleted", RenderOptions{}, src))
}

// outputID undoes OutputNameFor, whatever the id holds.
func TestOutputID(t *testing.T) {
	for _, id := range []string{"a", "knee-ladder", "x-a4", "y-letter-large-print", "z-large-print"} {
		for _, p := range layout.Papers {
			for _, large := range []bool{false, true} {
				name := OutputNameFor(id, p, RenderOptions{LargePrint: large})
				if got, ok := outputID(name); !ok || got != id {
					t.Errorf("outputID(%q) = %q, %v; want %q", name, got, ok, id)
				}
			}
		}
	}
	for _, name := range []string{"a4.pdf", "-a4.pdf", "x-a5.pdf", "x-a4.PDF", "x-a4", ".handout-manifest.json"} {
		if id, ok := outputID(name); ok {
			t.Errorf("outputID(%q) = %q, want none", name, id)
		}
	}
}
