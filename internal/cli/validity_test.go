package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"handout/assets"
	"handout/handouts"
	"handout/internal/build"
	"handout/internal/handout"
	"handout/internal/layout"
)

// goodDir holds valid handouts beyond the built-in ones: other languages and
// scripts, logos of every accepted kind, a file saved by Windows Notepad.
var goodDir, _ = filepath.Abs("../../testdata/good")

// renderedPDF is one PDF built by the test and the strings a reader must
// find in it.
type renderedPDF struct {
	path    string
	strings []string
}

// buildEverything runs "handout build" on the built-in handouts and on
// testdata/good, at both paper sizes, regular and in large print (into the
// same folder), and returns every PDF with the strings of its handout.
func buildEverything(t *testing.T) []renderedPDF {
	t.Helper()
	dir := t.TempDir()
	var errOut bytes.Buffer
	e := &Env{Out: &bytes.Buffer{}, ErrOut: &errOut, Getenv: func(string) string { return "" },
		Handouts: handouts.FS, Assets: assets.FS}
	for _, args := range [][]string{{"build", "-o", dir}, {"build", "-o", dir, goodDir},
		{"build", "--large-print", "-o", dir}, {"build", "--large-print", "-o", dir, goodDir}} {
		if code := run(args, e); code != 0 || errOut.Len() != 0 {
			t.Fatalf("handout %s: exit code %d\n%s", strings.Join(args, " "), code, errOut.String())
		}
	}

	builtin, diags := build.Embedded(handouts.FS, "handouts", assets.FS)
	good, more := build.Discover([]string{goodDir}, "")
	hs, more2 := build.Load(append(builtin, good...))
	if diags = append(append(diags, more...), more2...); diags.HasErrors() {
		t.Fatal(diags)
	}
	if len(good) < 8 {
		t.Fatalf("testdata/good holds %d handouts; want the Spanish, Polish, Czech, Romanian, Turkish, Vietnamese and logo ones at least", len(good))
	}
	var out []renderedPDF
	for _, h := range hs {
		for _, p := range layout.Papers {
			for _, large := range []bool{false, true} {
				name := build.OutputNameFor(h.ID.Value, p, build.RenderOptions{LargePrint: large})
				out = append(out, renderedPDF{path: filepath.Join(dir, name), strings: printedStrings(h)})
			}
		}
	}
	if pdfs := pdfNames(t, dir); len(pdfs) != len(out) {
		t.Fatalf("the builds wrote %d PDFs; want %d", len(pdfs), len(out))
	}
	return out
}

// printedStrings lists every string of the handout that is printed on the
// page: not identifiers, settings and metadata, nor the logo's alternative
// text, the ladder's or the checkboxes' (in the PDF's structure, not on the
// page), nor the page-number and continued labels, whose placeholders are
// replaced.
func printedStrings(h *handout.Handout) []string {
	all := h.Texts()
	var out []string
	for _, tx := range all {
		f := tx.Field
		hidden := f == "id" || f == "language" || f == "font" || strings.HasPrefix(f, "keywords") ||
			strings.HasPrefix(f, "logo.") || f == "labels.page" || f == "ladder.alt" || f == "labels.checkbox" || f == "labels.continued" || f == "labels.qr" ||
			strings.HasSuffix(f, ".id") || strings.Contains(f, ".sources[") ||
			// The ladder's rail labels belong to ladders only.
			(h.Kind != handout.KindEvidenceLadder && (f == "labels.stronger" || f == "labels.weaker"))
		if !tx.IsZero() && !hidden {
			out = append(out, tx.Value)
		}
	}
	return out
}

// requireTool finds a command-line tool. Without it the check is skipped,
// visibly; in CI (CI=true) a missing tool fails the test, because .ci/run
// installs them all.
func requireTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed, and CI=true: .ci/run must install the Debian package %s", name, pkg)
	}
	t.Skipf("SKIPPED: %s is not installed, so PDFs are not checked with it (apt-get install %s)", name, pkg)
	return ""
}

// tool runs a command and returns its stdout and stderr; a failure to run
// or a non-zero exit is an error of the PDF under test.
func tool(t *testing.T, file string, name string, args ...string) (stdout, stderr string, ok bool) {
	t.Helper()
	var o, e bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &o, &e
	if err := cmd.Run(); err != nil {
		t.Errorf("%s: %s %s: %v\n%s%s", filepath.Base(file), name, strings.Join(args, " "), err, o.String(), e.String())
		return o.String(), e.String(), false
	}
	return o.String(), e.String(), true
}

// mutoolNoise is what Debian's mutool prints on every page it draws,
// whatever the file: it is built without colour management. It says
// nothing about the PDF.
const mutoolNoise = "warning: ICC support is not available"

var fontRow = regexp.MustCompile(`^(.+?)\s+(Type 1C?|TrueType|CID TrueType|CID Type 0C?|Type 3|Type 0C?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$`)

// TestPDFsValidEverywhere renders every handout the repository holds (the
// built-in ones and testdata/good, on both papers) and checks each PDF with
// five independent implementations. No tool may report an error or a
// warning; every font must be embedded; every string of the handout must
// come back out of the PDF as text.
func TestPDFsValidEverywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPED in -short mode: renders every handout and runs external PDF checkers")
	}
	api.DisableConfigDir()
	pdfs := buildEverything(t)

	t.Run("pdfcpu", func(t *testing.T) {
		conf := model.NewDefaultConfiguration()
		conf.ValidationMode = model.ValidationStrict
		for _, p := range pdfs {
			if err := api.ValidateFile(p.path, conf); err != nil {
				t.Errorf("%s: %v", filepath.Base(p.path), err)
			}
		}
	})
	t.Run("qpdf", func(t *testing.T) {
		qpdf := requireTool(t, "qpdf", "qpdf")
		for _, p := range pdfs {
			// Exit code 3 means warnings, which tool() reports too.
			out, errs, ok := tool(t, p.path, qpdf, "--check", p.path)
			if ok && (errs != "" || !strings.Contains(out, "No syntax or stream encoding errors found")) {
				t.Errorf("%s: qpdf --check:\n%s%s", filepath.Base(p.path), out, errs)
			}
		}
	})
	t.Run("ghostscript", func(t *testing.T) {
		gs := requireTool(t, "gs", "ghostscript")
		for _, p := range pdfs {
			// Ghostscript reports repaired damage on stdout, as
			// "**** Error" or "**** Warning" lines.
			out, errs, ok := tool(t, p.path, gs, "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-o", "/dev/null", "-sDEVICE=nullpage", p.path)
			if ok && (out != "" || errs != "") {
				t.Errorf("%s: Ghostscript:\n%s%s", filepath.Base(p.path), out, errs)
			}
		}
	})
	t.Run("mupdf", func(t *testing.T) {
		mutool := requireTool(t, "mutool", "mupdf-tools")
		for _, p := range pdfs {
			for _, args := range [][]string{{"info", p.path}, {"draw", "-q", p.path}} {
				_, errs, ok := tool(t, p.path, mutool, args...)
				var bad []string
				for _, l := range strings.Split(strings.TrimSpace(errs), "\n") {
					if l != "" && l != mutoolNoise {
						bad = append(bad, l)
					}
				}
				if ok && len(bad) > 0 {
					t.Errorf("%s: mutool %s:\n%s", filepath.Base(p.path), args[0], strings.Join(bad, "\n"))
				}
			}
		}
	})
	t.Run("pdffonts", func(t *testing.T) {
		pdffonts := requireTool(t, "pdffonts", "poppler-utils")
		for _, p := range pdfs {
			out, errs, ok := tool(t, p.path, pdffonts, p.path)
			if !ok {
				continue
			}
			if errs != "" {
				t.Errorf("%s: pdffonts: %s", filepath.Base(p.path), errs)
			}
			rows := strings.Split(strings.TrimSpace(out), "\n")
			if len(rows) < 3 { // a header, a rule, and at least one font
				t.Errorf("%s: pdffonts lists no font:\n%s", filepath.Base(p.path), out)
				continue
			}
			for _, row := range rows[2:] {
				m := fontRow.FindStringSubmatch(row)
				if m == nil {
					t.Errorf("%s: pdffonts row not understood: %q", filepath.Base(p.path), row)
					continue
				}
				if m[4] != "yes" {
					t.Errorf("%s: font %s is not embedded", filepath.Base(p.path), m[1])
				}
				// A subset is named as one: a six-letter tag, then the
				// font's own PostScript name.
				if m[5] != "yes" || !regexp.MustCompile(`^[A-Z]{6}\+(AtkinsonHyperlegibleNext|NotoSans)-(Regular|Bold)$`).MatchString(m[1]) {
					t.Errorf("%s: font %q is not named as a subset of a font handout ships (sub %s)", filepath.Base(p.path), m[1], m[5])
				}
			}
		}
	})
	t.Run("pdftotext", func(t *testing.T) {
		pdftotext := requireTool(t, "pdftotext", "poppler-utils")
		checked := 0
		for _, p := range pdfs {
			// -raw keeps the order of the content stream, which draws
			// each field's lines one after the other.
			out, errs, ok := tool(t, p.path, pdftotext, "-raw", "-enc", "UTF-8", p.path, "-")
			if !ok {
				continue
			}
			if errs != "" {
				t.Errorf("%s: pdftotext: %s", filepath.Base(p.path), errs)
			}
			// Lines wrap at spaces and after hyphens: compare without
			// any white space.
			text := squeeze(out)
			for _, s := range p.strings {
				checked++
				if !strings.Contains(text, squeeze(s)) {
					t.Errorf("%s: %q is not in the text pdftotext extracts", filepath.Base(p.path), s)
				}
			}
		}
		if checked < 200 {
			t.Errorf("checked only %d strings; the handout walk is broken", checked)
		}
	})
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
