package pdf_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"handout/assets"
	"handout/handouts"
	"handout/internal/handout"
	"handout/internal/layout"
)

// This file is the end-to-end test of accessible output: it builds the
// handout command, runs `handout build` on the built-in handouts (both
// papers, regular and with --large-print, and testdata/long-checklist.yaml
// in large print, whose sections continue over many pages), and reads every
// PDF with readers that share no code with the writer:
//
//   - the structural checker in uacheck_test.go (over pdfcpu);
//   - poppler: `pdfinfo` must say "Tagged: yes", and `pdfinfo -struct-text`
//     must print every string of the handout, in reading order, under the
//     structure types the YAML calls for (expectedTree);
//   - shared/tools/check_ua.py (over qpdf), when the script is there;
//   - pdf.js (pdfjs-dist, pinned in testdata/pdfjs): getStructTree() must
//     give the same tree, with the alternative texts, and the catalog,
//     metadata and outline must read right.
//
// A reader that is not installed skips its part with a message; under CI
// (CI=true) a missing reader is a failure, so CI cannot pass by skipping.
// .ci/run installs them.

// tool returns the path of a command the test needs, or skips or fails.
func tool(t *testing.T, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, fmt.Sprintf("%s is not installed (%s)", name, install))
	}
	return p
}

func missing(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s; CI must run this check", msg)
	}
	t.Skipf("SKIPPED: %s", msg)
}

// built is one PDF written by `handout build`.
type built struct {
	file  string // path
	h     *handout.Handout
	brand *handout.Brand // nil: unbranded
	large bool           // built with --large-print
	data  []byte
}

// sampleBrand is the brand file of the docs, which the branded build uses.
var sampleBrand = filepath.Join("..", "..", "testdata", "brand", "clinic.yaml")

func parseBrand(t *testing.T, name string) *handout.Brand {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(filepath.Dir(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	br, diags := handout.ParseBrand(name, data, handout.BrandOptions{Folder: root.FS()})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return br
}

// buildWithCLI compiles cmd/handout and builds the built-in handouts into
// a temporary folder, with the brand file brandFile unless it is "".
func buildWithCLI(t *testing.T, brandFile string) []built {
	t.Helper()
	goTool := tool(t, "go", "the Go toolchain")
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "handout")
	cmd := exec.Command(goTool, "build", "-o", bin, "./cmd/handout")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/handout: %v\n%s", err, out)
	}
	dist := filepath.Join(tmp, "dist")
	var br *handout.Brand
	var brandArgs []string
	if brandFile != "" {
		abs, err := filepath.Abs(brandFile)
		if err != nil {
			t.Fatal(err)
		}
		brandArgs = []string{"--brand", abs}
		br = parseBrand(t, brandFile)
	}
	long := filepath.Join("testdata", "long-checklist.yaml")
	for _, args := range [][]string{{"build", "-o", dist}, {"build", "--large-print", "-o", dist},
		{"build", "--large-print", "-o", dist, long}} {
		cmd = exec.Command(bin, append(args, brandArgs...)...)
		// The dates come from the YAML, whatever the environment says.
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "SOURCE_DATE_EPOCH=") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		// Notes of hashed PDFs go to a cache folder of the test's own.
		cmd.Env = append(cmd.Env, "XDG_CACHE_HOME="+filepath.Join(tmp, "cache"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("handout %s: %v\n%s", strings.Join(cmd.Args[1:], " "), err, out)
		}
	}
	byID := map[string]*handout.Handout{}
	for _, h := range parseBuiltIns(t) {
		byID[h.ID.Value] = h
	}
	builtins := len(byID)
	data, err := os.ReadFile(long)
	if err != nil {
		t.Fatal(err)
	}
	lh, diags := handout.Parse(long, data, handout.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	byID[lh.ID.Value] = lh
	entries, err := os.ReadDir(dist)
	if err != nil {
		t.Fatal(err)
	}
	var out []built
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".pdf") {
			continue // .handout-manifest.json: the build's record of what is up to date
		}
		base, large := strings.CutSuffix(e.Name(), "-large-print.pdf")
		if !large {
			base = strings.TrimSuffix(e.Name(), ".pdf")
		}
		var h *handout.Handout
		for _, p := range layout.Papers {
			if id, ok := strings.CutSuffix(base, "-"+p.Name); ok {
				h = byID[id]
			}
		}
		if h == nil {
			t.Fatalf("handout build wrote %s, which is no handout of the test", e.Name())
		}
		data, err := os.ReadFile(filepath.Join(dist, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, built{file: filepath.Join(dist, e.Name()), h: h, brand: br, large: large, data: data})
	}
	if len(out) != 4*builtins+2 || builtins < 2 {
		t.Fatalf("handout build wrote %d files for %d built-in handouts", len(out), builtins)
	}
	return out
}

func parseBuiltIns(t *testing.T) []*handout.Handout {
	t.Helper()
	entries, err := handouts.FS.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var hs []*handout.Handout
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		data, err := handouts.FS.ReadFile(e.Name())
		if err != nil {
			t.Fatal(err)
		}
		h, diags := handout.Parse("handouts/"+e.Name(), data, handout.Options{Assets: assets.FS})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", e.Name(), diags)
		}
		hs = append(hs, h)
	}
	return hs
}

// entry is one piece of text in the structure tree: the structure types
// from the root down to the element holding it ("Document/L/LI/LBody"),
// and its text with white space folded.
type entry struct{ path, text string }

func (e entry) String() string { return fmt.Sprintf("%-24s %q", e.path, e.text) }

func fold(s string) string { return strings.Join(strings.Fields(s), " ") }

// expectedTree lists, from the handout's YAML, every string a reader must
// find in the structure tree, in reading order, under the structure types
// it must have, in the regular layout or (large) in large print. Footers,
// rules, tints, write-in lines and the running heads of large print are
// artifacts and absent; a checkbox is a label with no text (its actual
// text and alternative text are checked apart).
func expectedTree(h *handout.Handout, br *handout.Brand, large bool) []entry {
	var out []entry
	add := func(path, text string) { out = append(out, entry{"Document/" + path, fold(text)}) }
	if h.Logo != nil && !h.Logo.Decorative {
		add("Figure", "")
	}
	add("H1", h.Title.Value)
	if !h.Subtitle.IsZero() {
		add("P", h.Subtitle.Value)
	}
	add("P", h.Summary.Value)
	date := layout.FormatDate(h.Reviewed.Time, h.Language.Value) // its forms are tested in package layout
	who := h.Publisher.Name.Value
	if !h.Publisher.URL.IsZero() {
		who += " (" + h.Publisher.URL.Value + ")"
	}
	published := h.Labels.Publisher.Value + " " + who + " · " + h.Labels.Reviewed.Value + " " + date
	source := func(s handout.Source) string {
		if s.URL.IsZero() {
			return s.Text.Value
		}
		return s.Text.Value + " " + s.URL.Value
	}
	list := func(items []handout.Text, numbered bool) {
		for i, it := range items {
			lbl := "•"
			if numbered {
				lbl = strconv.Itoa(i+1) + "."
			}
			add("L/LI/Lbl", lbl)
			add("L/LI/LBody", it.Value)
		}
	}
	switch h.Kind {
	case handout.KindEvidenceLadder:
		l := h.Ladder
		if large {
			// In large print the questions come before the ladder, which
			// takes a page of its own.
			add("H2", l.Questions.Heading.Value)
			list(l.Questions.Items, true)
		}
		add("H2", l.Heading.Value)
		add("Figure/P", h.Labels.Weaker.Value)
		add("Figure/P", h.Labels.Stronger.Value)
		for i, r := range l.Rungs {
			add("L/LI/Lbl", strconv.Itoa(i+1))
			add("L/LI/LBody/H3", r.Label.Value)
			add("L/LI/LBody/P", r.Text.Value)
		}
		add("Caption", l.Caption.Value)
		if !large {
			add("H2", l.Questions.Heading.Value)
			list(l.Questions.Items, true)
		}
		add("H2", l.Conditions.Heading.Value)
		for _, c := range l.Conditions.Items {
			add("L/LI/LBody/H3", c.Name.Value)
			add("L/LI/LBody/P", c.Standing.Value)
			add("L/LI/LBody/P", c.Text.Value)
		}
		for _, s := range []handout.Section{l.Known, l.Unknown} {
			add("H2", s.Heading.Value)
			list(s.Items, false)
		}
		if l.Takeaway != nil {
			add("H2", l.Takeaway.Heading.Value)
			add("P", l.Takeaway.Text.Value)
		}
	case handout.KindDiscussionChecklist:
		c := h.Checklist
		for _, f := range c.Fields {
			add("P", f.Value)
		}
		add("H2", c.Warnings.Heading.Value)
		for _, w := range c.Warnings.Items {
			add("L/LI/LBody/P", w.Sign.Value)
			add("L/LI/LBody/P", w.Action.Value)
		}
		notes := func() {
			if c.Notes != nil {
				add("H2", c.Notes.Heading.Value)
			}
		}
		// The notes stand beside the first section when it has no answer
		// lines, and are read after it; otherwise, and always in large
		// print, they come last.
		beside := !large && len(c.Sections) > 0 && !slices.ContainsFunc(c.Sections[0].Items, func(it handout.CheckItem) bool { return it.AnswerLines > 0 })
		for i, s := range c.Sections {
			add("H2", s.Heading.Value)
			for _, it := range s.Items {
				add("L/LI/Lbl", "")
				add("L/LI/LBody", it.Text.Value)
			}
			if i == 0 && beside {
				notes()
			}
		}
		if !beside {
			notes()
		}
	}
	// The end of the last page: the clinic band (unbranded: its prompt;
	// branded: the logo, the clinic's name and details, the QR code), then
	// the publisher and the sources as one paragraph, then the disclaimer.
	if br == nil {
		add("P", h.Labels.Clinic.Value)
	} else {
		if br.Logo != nil && !br.Logo.Decorative {
			add("Figure", "")
		}
		add("P", br.Name.Value)
		if !br.Address.IsZero() {
			add("P", br.Address.Value)
		}
		var contact []string
		if !br.Phone.IsZero() {
			contact = append(contact, br.Phone.Value)
		}
		if !br.Website.IsZero() {
			contact = append(contact, strings.TrimPrefix(br.Website.Value, "https://"))
		}
		if len(contact) > 0 {
			add("P", strings.Join(contact, " · "))
		}
		if !br.QR.IsZero() {
			add("Figure", "")
		}
	}
	if large {
		// Large print lists the sources under their heading, then the
		// publisher line.
		add("H2", h.Labels.Sources.Value)
		for i, s := range h.Sources {
			add("L/LI/Lbl", strconv.Itoa(i+1)+".")
			add("L/LI/LBody", source(s))
		}
		add("P", published)
		add("P", h.Disclaimer.Value)
		return out
	}
	run := published + ". " + h.Labels.Sources.Value + ":"
	for i, s := range h.Sources {
		run += " " + strconv.Itoa(i+1) + ". " + source(s)
	}
	add("P", run)
	add("P", h.Disclaimer.Value)
	return out
}

// flattenStructText reads the output of `pdfinfo -struct-text`: an element
// a line, indented two spaces a level, its attributes on lines starting
// with a slash, and the text of each marked-content sequence as a quoted
// line under its element.
func flattenStructText(s string) []entry {
	var out []entry
	var stack []string
	merge := false
	for _, line := range strings.Split(s, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if trimmed == "" {
			continue
		}
		depth := (len(line) - len(trimmed)) / 2
		switch trimmed[0] {
		case '"':
			text := fold(strings.TrimSuffix(strings.TrimPrefix(trimmed, `"`), `"`))
			path := strings.Join(stack[:min(depth, len(stack))], "/")
			if merge && out[len(out)-1].path == path {
				out[len(out)-1].text = fold(out[len(out)-1].text + " " + text)
			} else {
				out = append(out, entry{path, text})
			}
			merge = true
		case '/':
		default:
			typ := strings.TrimSuffix(strings.Fields(trimmed)[0], ":")
			stack = append(stack[:min(depth, len(stack))], typ)
			merge = false
		}
	}
	return out
}

// compareTrees reports the first difference between two flattened trees.
func compareTrees(t *testing.T, reader string, got, want []entry) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	var b strings.Builder
	for j := max(0, i-2); j < min(len(want), i+3); j++ {
		fmt.Fprintf(&b, "\n  want %s", want[j])
	}
	for j := max(0, i-2); j < min(len(got), i+3); j++ {
		fmt.Fprintf(&b, "\n  got  %s", got[j])
	}
	t.Errorf("%s: the structure tree differs from the YAML at entry %d (%d entries, want %d):%s", reader, i, len(got), len(want), b.String())
}

func TestEndToEndReaders(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command; not in -short mode")
	}
	for _, brand := range []string{"", sampleBrand} {
		what := "unbranded"
		if brand != "" {
			what = "branded"
		}
		t.Run(what, func(t *testing.T) { checkReaders(t, buildWithCLI(t, brand)) })
	}
}

// checkReaders reads each built PDF with every reader.
func checkReaders(t *testing.T, files []built) {
	for _, f := range files {
		name := filepath.Base(f.file)
		want := expectedTree(f.h, f.brand, f.large)
		t.Run(name, func(t *testing.T) {
			var goTypes []string
			t.Run("go-checker", func(t *testing.T) {
				r := mustPassUA(t, name, f.data)
				goTypes = r.types
				t.Logf("%d checks ok; structure types: %s", len(r.ok), strings.Join(r.types, " "))
			})
			t.Run("pdfinfo", func(t *testing.T) {
				pdfinfo := tool(t, "pdfinfo", "apt-get install poppler-utils")
				info, err := exec.Command(pdfinfo, f.file).Output()
				if err != nil {
					t.Fatal(err)
				}
				for _, re := range []string{`(?m)^Tagged:\s+yes$`, `(?m)^PDF version:\s+1\.7$`, `(?m)^Metadata Stream:\s+yes$`,
					`(?m)^Title:\s+` + regexp.QuoteMeta(f.h.Title.Value) + `$`} {
					if !regexp.MustCompile(re).Match(info) {
						t.Errorf("pdfinfo output does not match %s:\n%s", re, info)
					}
				}
				st, err := exec.Command(pdfinfo, "-struct-text", f.file).Output()
				if err != nil {
					t.Fatal(err)
				}
				got := flattenStructText(string(st))
				compareTrees(t, "pdfinfo -struct-text", got, want)
				t.Logf("pdfinfo: Tagged: yes; -struct-text: %d strings under the expected types", len(got))
			})
			t.Run("check_ua.py", func(t *testing.T) {
				root, _ := filepath.Abs(filepath.Join("..", ".."))
				script := filepath.Join(root, "..", "shared", "tools", "check_ua.py")
				if _, err := os.Stat(script); err != nil {
					t.Skipf("SKIPPED: %s is not there (it lives outside the repository)", script)
				}
				tool(t, "qpdf", "apt-get install qpdf")
				python := tool(t, "python3", "apt-get install python3")
				out, err := exec.Command(python, script, f.file).CombinedOutput()
				if err != nil {
					t.Fatalf("check_ua.py: %v\n%s", err, out)
				}
				last := string(bytes.TrimSpace(out[bytes.LastIndexByte(bytes.TrimSpace(out), '\n')+1:]))
				m := regexp.MustCompile(`: (\d+) ok, (\d+) FAIL; structure types: (.*)$`).FindStringSubmatch(last)
				if m == nil || m[2] != "0" {
					t.Fatalf("check_ua.py: %s", last)
				}
				if goTypes != nil && m[3] != strings.Join(goTypes, " ") {
					t.Errorf("check_ua.py and the Go checker see different trees:\n  check_ua.py %s\n  Go checker  %s", m[3], strings.Join(goTypes, " "))
				}
				t.Logf("check_ua.py: %s ok, 0 FAIL", m[1])
			})
			if f.brand != nil && !f.brand.QR.IsZero() {
				t.Run("qr", func(t *testing.T) { checkPrintedQR(t, f) })
			}
		})
	}
	t.Run("pdf.js", func(t *testing.T) { checkWithPDFJS(t, files) })
}

// pdfjsResult is what testdata/pdfjs/structtree.mjs prints for one file.
type pdfjsResult struct {
	File              string
	MarkInfo          map[string]bool
	ViewerPreferences map[string]any
	PageMode          string
	InfoTitle         string
	Language          string
	XMPTitle          string
	PDFUAPart         string
	Outline           []pdfjsOutline
	Trees             []struct {
		Page     int
		Untagged string
		Tree     *pdfjsNode
	}
}

type pdfjsOutline struct {
	Title string
	Items []pdfjsOutline
}

type pdfjsNode struct {
	Type     string // "content" for a marked-content leaf
	Text     string
	Role     string
	Alt      *string
	Lang     string
	Children []*pdfjsNode
}

func checkWithPDFJS(t *testing.T, files []built) {
	node := tool(t, "node", "apt-get install nodejs")
	dir, _ := filepath.Abs(filepath.Join("testdata", "pdfjs"))
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "pdfjs-dist", "package.json")); err != nil {
		missing(t, "pdfjs-dist is not installed (cd internal/pdf/testdata/pdfjs && npm ci)")
	}
	args := []string{filepath.Join(dir, "structtree.mjs")}
	for _, f := range files {
		args = append(args, f.file)
	}
	cmd := exec.Command(node, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node structtree.mjs: %v\n%s", err, stderr.String())
	}
	var results []pdfjsResult
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("reading pdf.js output: %v\n%.2000s", err, out)
	}
	if len(results) != len(files) {
		t.Fatalf("pdf.js read %d files of %d", len(results), len(files))
	}
	for i, r := range results {
		f := files[i]
		h := f.h
		name := filepath.Base(f.file)
		t.Run(name, func(t *testing.T) {
			if !r.MarkInfo["Marked"] || r.ViewerPreferences["DisplayDocTitle"] != true || r.PageMode != "UseOutlines" {
				t.Errorf("pdf.js reads MarkInfo %v, ViewerPreferences %v, PageMode %q", r.MarkInfo, r.ViewerPreferences, r.PageMode)
			}
			if r.InfoTitle != h.Title.Value || r.XMPTitle != h.Title.Value || r.PDFUAPart != "1" || r.Language != h.Language.Value {
				t.Errorf("pdf.js reads title %q, XMP title %q, pdfuaid:part %q, language %q", r.InfoTitle, r.XMPTitle, r.PDFUAPart, r.Language)
			}
			var got []entry
			var headings []string
			var alts []string
			var walk func(n *pdfjsNode, path []string)
			walk = func(n *pdfjsNode, path []string) {
				if n.Role != "Root" {
					path = append(path, n.Role)
				}
				text, hasContent := "", false
				for _, c := range n.Children {
					if c.Type == "content" {
						text += c.Text
						hasContent = true
					}
				}
				if hasContent {
					got = append(got, entry{strings.Join(path, "/"), fold(text)})
					if len(n.Role) == 2 && n.Role[0] == 'H' {
						headings = append(headings, n.Role+" "+fold(text))
					}
				}
				switch {
				case n.Role == "Figure" && (n.Alt == nil || strings.TrimSpace(*n.Alt) == ""):
					t.Errorf("pdf.js finds a Figure without alternative text")
				case n.Role == "Figure":
					alts = append(alts, *n.Alt)
				case n.Role == "Lbl" && hasContent && fold(text) == "":
					if n.Alt == nil || *n.Alt != h.Labels.Checkbox.Value {
						t.Errorf("pdf.js finds a checkbox label with alternative text %v, want %q", n.Alt, h.Labels.Checkbox.Value)
					}
				}
				for _, c := range n.Children {
					if c.Type != "content" {
						walk(c, slices.Clip(path))
					}
				}
			}
			for _, pg := range r.Trees {
				if strings.TrimSpace(pg.Untagged) != "" {
					t.Errorf("page %d: pdf.js finds text outside marked content: %q", pg.Page, pg.Untagged)
				}
				if pg.Tree == nil {
					t.Errorf("page %d: pdf.js finds no structure tree", pg.Page)
					continue
				}
				walk(pg.Tree, nil)
			}
			compareTrees(t, "pdf.js getStructTree", got, expectedTree(h, f.brand, f.large))
			if br := f.brand; br != nil {
				// The brand's figures: its logo, then its QR code.
				var want []string
				if br.Logo != nil && !br.Logo.Decorative {
					want = append(want, br.Logo.Alt.Value)
				}
				want = append(want, strings.ReplaceAll(h.Labels.QR.Value, "{url}", br.QR.Value))
				if len(alts) < len(want) || !slices.Equal(alts[len(alts)-len(want):], want) {
					t.Errorf("pdf.js finds the figures %q, want them to end with the brand's %q", alts, want)
				} else {
					alts = alts[:len(alts)-len(want)]
				}
			}
			if h.Kind == handout.KindEvidenceLadder {
				if len(alts) != 1 {
					t.Fatalf("pdf.js finds %d figures, want the ladder", len(alts))
				}
				want := h.Ladder.Alt.Value
				for _, r := range h.Ladder.Rungs {
					if want == "" && !strings.Contains(alts[0], r.Label.Value) {
						t.Errorf("the ladder's alternative text %q does not name rung %q", alts[0], r.Label.Value)
					}
				}
				if want != "" && alts[0] != want {
					t.Errorf("the ladder's alternative text is %q, the YAML says %q", alts[0], want)
				}
			}
			// The outline lists the headings in reading order, the title
			// holding the rest.
			var outline []string
			var walkOutline func(items []pdfjsOutline, depth int)
			walkOutline = func(items []pdfjsOutline, depth int) {
				for _, it := range items {
					outline = append(outline, fmt.Sprintf("H%d %s", depth+1, fold(it.Title)))
					walkOutline(it.Items, depth+1)
				}
			}
			walkOutline(r.Outline, 0)
			if !slices.Equal(outline, headings) || len(r.Outline) != 1 {
				t.Errorf("pdf.js outline:\n  %s\nwant the headings:\n  %s", strings.Join(outline, "\n  "), strings.Join(headings, "\n  "))
			}
			t.Logf("pdf.js: %d strings under the expected types, %d bookmarks, figure alt texts %d", len(got), len(outline), len(alts))
		})
	}
}
