package cli

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"handout/internal/build"
	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

func TestValidateGood(t *testing.T) {
	e := newTestEnv(t)
	workdir(t, "good.yaml")
	if code := e.run("validate", "good.yaml"); code != 0 {
		t.Fatalf("exit code %d: %s", code, e.err.String())
	}
	if e.out.Len()+e.err.Len() != 0 {
		t.Errorf("a clean validate printed %q, %q", e.out.String(), e.err.String())
	}
	if _, err := os.Stat("dist"); !os.IsNotExist(err) {
		t.Error("validate created dist")
	}
}

func TestValidateBad(t *testing.T) {
	e := newTestEnv(t)
	workdir(t, "good.yaml", "bad.yaml")
	if code := e.run("validate", "good.yaml", "bad.yaml"); code != 1 {
		t.Fatalf("exit code %d, want 1", code)
	}
	got := lines(e.err.String())
	if len(got) != 4 || got[3] != "3 errors in 1 file" {
		t.Fatalf("stderr:\n%s", e.err.String())
	}
	for _, l := range got[:3] {
		if !diagLine.MatchString(l) {
			t.Errorf("not a file:line:col diagnostic: %q", l)
		}
	}
	if e.out.Len() != 0 {
		t.Errorf("stdout: %q", e.out.String())
	}
}

// Layout problems are reported for every paper size, once each; the same
// problem on both sizes is printed once. Warnings do not fail.
func TestValidateLayout(t *testing.T) {
	e := newTestEnv(t)
	workdir(t, "good.yaml")
	var papers []string
	e.Layout = func(h *handout.Handout, p layout.Paper, _ build.RenderOptions) (*layout.Document, diag.List) {
		papers = append(papers, p.Name)
		var l diag.List
		l.Add(h.Title.Pos, "text-overflow", "title", "the title does not fit on "+p.Name, "shorten it")
		l.Add(h.Summary.Pos, "bad-char", "summary", "the font lacks a character", "")
		l = append(l, diag.Diagnostic{Pos: h.ID.Pos, Severity: diag.Warning, Message: "a warning"})
		return nil, l
	}
	if code := e.run("validate", "good.yaml"); code != 1 {
		t.Fatalf("exit code %d, want 1", code)
	}
	if strings.Join(papers, ",") != "letter,a4" {
		t.Errorf("laid out on %v, want letter and a4", papers)
	}
	want := []string{
		"good.yaml:2:5: warning: a warning",
		"good.yaml:4:8: the title does not fit on a4 (shorten it)",
		"good.yaml:4:8: the title does not fit on letter (shorten it)",
		"good.yaml:6:10: the font lacks a character",
		"3 errors in 1 file",
	}
	if got := lines(e.err.String()); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stderr:\n%s\nwant:\n%s", e.err.String(), strings.Join(want, "\n"))
	}

	// Only a warning: printed, and the exit code is 0.
	e.Layout = func(h *handout.Handout, p layout.Paper, _ build.RenderOptions) (*layout.Document, diag.List) {
		return &layout.Document{}, diag.List{{Pos: h.ID.Pos, Severity: diag.Warning, Message: "a warning"}}
	}
	if code := e.run("validate", "good.yaml"); code != 0 || e.err.String() != "good.yaml:2:5: warning: a warning\n" {
		t.Errorf("exit code %d, stderr %q", code, e.err.String())
	}
}

func TestValidateBuiltin(t *testing.T) {
	e := newTestEnv(t)
	good := readTestdata(t, "good.yaml")
	e.Handouts = fstest.MapFS{"a.yaml": {Data: good}, "b.yaml": {Data: good}}
	if code := e.run("validate"); code != 1 {
		t.Fatalf("exit code %d, want 1", code)
	}
	want := "handouts/a.yaml:2:5: id \"good\" is also used by handouts/b.yaml:2:5 (give each handout its own id; it names the output files)\n" +
		"handouts/b.yaml:2:5: id \"good\" is already used by handouts/a.yaml:2:5 (give each handout its own id; it names the output files)\n" +
		"2 errors in 2 files\n"
	if e.err.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", e.err.String(), want)
	}
}

// TestLargePrintFlag: --large-print lays handouts out in large print for
// validate, lint and build --strict, and without it they are laid out as
// usual.
func TestLargePrintFlag(t *testing.T) {
	for _, args := range [][]string{{"validate"}, {"lint"}, {"build", "--strict", "--check"}} {
		for _, large := range []bool{false, true} {
			e := newTestEnv(t)
			workdir(t, "good.yaml")
			var got []bool
			e.Layout = func(h *handout.Handout, p layout.Paper, opt build.RenderOptions) (*layout.Document, diag.List) {
				got = append(got, opt.LargePrint)
				return build.Layout(h, p, opt)
			}
			a := append(append([]string(nil), args...), "good.yaml")
			if large {
				a = append(a, "--large-print")
			}
			e.run(a...)
			if len(got) == 0 {
				t.Fatalf("handout %s laid nothing out; stderr:\n%s", strings.Join(a, " "), e.err.String())
			}
			for _, g := range got {
				if g != large {
					t.Errorf("handout %s: laid out with LargePrint=%v", strings.Join(a, " "), g)
				}
			}
		}
	}
}
