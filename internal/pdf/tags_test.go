package pdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"handout/internal/layout"
	"handout/internal/pdf"
)

// mustPassUA fails the test with every failed check of checkUA.
func mustPassUA(t *testing.T, name string, out []byte) *uaReport {
	t.Helper()
	r, err := checkUA(out)
	if err != nil {
		t.Fatalf("%s: pdfcpu cannot read the PDF: %v", name, err)
	}
	for _, f := range r.fails {
		t.Errorf("%s: FAIL %s", name, f)
	}
	if len(r.ok) < 10 {
		t.Errorf("%s: only %d checks ran", name, len(r.ok))
	}
	return r
}

func TestSampleIsTagged(t *testing.T) {
	out := write(t, sampleDoc())
	r := mustPassUA(t, "sample", out)
	want := []string{"Document", "Figure", "H1", "H2", "L", "LI", "Lbl", "LBody", "P"}
	if !slices.Equal(r.types, want) {
		t.Errorf("structure types %v, want %v", r.types, want)
	}
	for _, s := range []string{
		"/MarkInfo <</Marked true>>",
		"/ViewerPreferences <</DisplayDocTitle true>>",
		"/StructParents 1",
	} {
		if !bytes.Contains(out, []byte(s)) {
			t.Errorf("output lacks %q", s)
		}
	}
	// The paragraph that runs onto page 2 owns marked content on both
	// pages: an MCID on its own page and a marked-content reference to the
	// other.
	if !regexp.MustCompile(`/S /P /P \d+ 0 R /Pg \d+ 0 R /K \[\d+ <</Type /MCR /Pg \d+ 0 R /MCID 0>>\]`).Match(out) {
		t.Error("the paragraph continued on page 2 has no marked-content reference to it")
	}
	// The checkbox reads as an empty box: actual text U+2610 and English
	// alternative text, marked as English in this Spanish document.
	if !bytes.Contains(out, []byte("/S /Lbl")) || !bytes.Contains(out, []byte("/ActualText <FEFF2610> /Lang (en)")) {
		t.Error("the checkbox label has no actual text")
	}
	// The logo is a Figure with its alternative text and bounding box.
	if !bytes.Contains(out, []byte("/A <</O /Layout /BBox [20.00 801.89 40.00 821.89]>>")) {
		t.Error("the logo's Figure has no bounding box")
	}
}

// A checkbox whose element carries alternative text in the document's
// language reads as that text, with no language of its own; one whose text
// is in another language is marked with it.
func TestCheckboxAltText(t *testing.T) {
	for _, c := range []struct {
		alt, lang, want string
	}{
		{"casilla sin marcar", "", "/Alt (casilla sin marcar) /ActualText <FEFF2610>>>"},
		{"unchecked box", "en", "/Alt (unchecked box) /ActualText <FEFF2610> /Lang (en)>>"},
		{"", "", "/Alt (unchecked box) /ActualText <FEFF2610> /Lang (en)>>"},
	} {
		doc := sampleDoc()
		doc.Elements[5].Alt, doc.Elements[5].AltLang = c.alt, c.lang
		out := write(t, doc)
		mustPassUA(t, "sample", out)
		if !bytes.Contains(out, []byte("/S /Lbl")) || !bytes.Contains(out, []byte(c.want)) {
			i := bytes.Index(out, []byte("/S /Lbl"))
			t.Errorf("alt %q, lang %q: the checkbox label lacks %q: %.200s", c.alt, c.lang, c.want, out[max(i, 0):])
		}
	}
}

// A figure whose alternative text is in another language than the document
// (a QR code's words where the handout's language has no default) carries
// that language; one in the document's language carries none.
func TestFigureAltLanguage(t *testing.T) {
	for _, lang := range []string{"", "en"} {
		doc := sampleDoc()
		fig := -1
		for i, e := range doc.Elements {
			if e.Role == layout.RoleImage || e.Role == layout.RoleFigure {
				fig = i
			}
		}
		if fig < 0 {
			t.Fatal("the sample has no figure")
		}
		doc.Elements[fig].AltLang = lang
		out := write(t, doc)
		mustPassUA(t, "sample", out)
		i := bytes.Index(out, []byte("/S /Figure"))
		if i < 0 {
			t.Fatal("no Figure element")
		}
		end := i + bytes.Index(out[i:], []byte(">>\n"))
		marked := bytes.Contains(out[i:end], []byte("/Lang (en)"))
		if marked != (lang == "en") {
			t.Errorf("alt language %q: the Figure element reads %q", lang, out[i:end])
		}
	}
}

// TestUpdateIsAppended checks that the tagging is an incremental update:
// fpdf's bytes stay as they are (but for the version in the header), and
// the update's trailer points back at fpdf's cross-reference table.
func TestUpdateIsAppended(t *testing.T) {
	out := write(t, sampleDoc())
	idx := bytes.Index(out, []byte("%%EOF\n"))
	if idx < 0 || !bytes.HasSuffix(out, []byte("%%EOF\n")) || idx == len(out)-6 {
		t.Fatal("want two end-of-file markers: fpdf's and the update's")
	}
	first := out[:idx+6]
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(first)
	if m == nil {
		t.Fatal("fpdf's part has no startxref")
	}
	if !bytes.Contains(out[idx:], []byte("/Prev "+string(m[1])+" ")) {
		t.Errorf("the update's trailer does not point back at fpdf's cross-reference table at %s", m[1])
	}
	if bytes.Count(out, []byte("/Type /Catalog")) != 2 {
		t.Error("want the catalog twice: fpdf's and its replacement")
	}
	// pdfcpu reads both sections and sees the replacement catalog.
	ctx, err := api.ReadContext(bytes.NewReader(out), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	root, err := ctx.Catalog()
	if err != nil || root["StructTreeRoot"] == nil || root["Lang"] == nil || root["Metadata"] == nil {
		t.Errorf("pdfcpu reads a catalog without the structure tree, language or metadata: %v %v", root, err)
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.Validate(bytes.NewReader(out), conf); err != nil {
		t.Errorf("pdfcpu strict validation: %v", err)
	}
	if qpdf, err := exec.LookPath("qpdf"); err == nil {
		f := filepath.Join(t.TempDir(), "sample.pdf")
		if err := os.WriteFile(f, out, 0o644); err != nil {
			t.Fatal(err)
		}
		if msg, err := exec.Command(qpdf, "--check", f).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check: %v\n%s", err, msg)
		}
	}
}

// TestOutline checks the bookmarks: one per heading, nested by level, with
// /Count values a viewer can trust.
func TestOutline(t *testing.T) {
	doc := sampleDoc()
	// Add a second section heading and a subheading under it, on page 2.
	doc.Elements = append(doc.Elements,
		layout.Element{Role: layout.RoleHeading, Level: 2, Parent: -1},
		layout.Element{Role: layout.RoleHeading, Level: 3, Parent: -1})
	ink := layout.Color{}
	doc.Pages[1].Items = append(doc.Pages[1].Items,
		layout.Item{Kind: layout.TextItem, Role: layout.RoleHeading, Level: 2, Elem: 8, X: 60, Y: 100, Baseline: 115,
			Text: "Después de la ", Face: layout.Bold, Size: 14, Color: ink},
		layout.Item{Kind: layout.TextItem, Role: layout.RoleHeading, Level: 2, Elem: 8, X: 60, Y: 120, Baseline: 135,
			Text: "visita", Face: layout.Bold, Size: 14, Color: ink},
		layout.Item{Kind: layout.TextItem, Role: layout.RoleHeading, Level: 3, Elem: 9, X: 60, Y: 150, Baseline: 165,
			Text: "En casa", Face: layout.Bold, Size: 13, Color: ink})
	out := write(t, doc)
	mustPassUA(t, "outline sample", out)
	ctx, err := api.ReadContext(bytes.NewReader(out), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	xt := ctx.XRefTable
	root, _ := xt.Catalog()
	if pm := root.NameEntry("PageMode"); pm == nil || *pm != "UseOutlines" {
		t.Error("the catalog does not open the bookmarks panel")
	}
	var lines []string
	var walk func(first types.Object, depth int) int
	walk = func(first types.Object, depth int) int {
		n := 0
		for o := first; o != nil; {
			d, err := xt.DereferenceDict(o)
			if err != nil || d == nil {
				t.Fatalf("outline item: %v", err)
			}
			title, _ := xt.DereferenceText(d["Title"])
			kids := walk(d["First"], depth+1)
			count := 0
			if c := d.IntEntry("Count"); c != nil {
				count = *c
			}
			if count != kids {
				t.Errorf("outline item %q: /Count %d, has %d open descendants", title, count, kids)
			}
			lines = append(lines, strings.Repeat("  ", depth)+title)
			n += 1 + kids
			o = d["Next"]
		}
		return n
	}
	outlines, _ := xt.DereferenceDict(root["Outlines"])
	total := walk(outlines["First"], 0)
	if c := outlines.IntEntry("Count"); c == nil || *c != total {
		t.Errorf("outline root /Count %v, want %d", c, total)
	}
	slices.Sort(lines) // walk appends children before their parent
	want := []string{"    En casa", "  Antes de la visita", "  Después de la visita", "Atención, niño: ¿Qué pasa?"}
	if !slices.Equal(lines, want) {
		t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestWriteRejectsWhatCannotBeTagged(t *testing.T) {
	cases := map[string]func(d *layout.Document){
		"content with no element": func(d *layout.Document) { d.Pages[0].Items[2].Elem = -1 },
		"an element out of range": func(d *layout.Document) { d.Pages[0].Items[2].Elem = 99 },
		"a figure with no alt":    func(d *layout.Document) { d.Elements[0].Alt = " " },
		"a parent after its child": func(d *layout.Document) {
			d.Elements[4].Parent = 5
		},
		"an artifact role as an element": func(d *layout.Document) { d.Elements[7].Role = layout.RoleFooter },
	}
	for name, breakIt := range cases {
		doc := sampleDoc()
		breakIt(doc)
		var buf bytes.Buffer
		if err := pdf.Write(&buf, doc, load(t, doc.Font), "test"); err == nil {
			t.Errorf("%s: no error", name)
		} else if buf.Len() != 0 {
			t.Errorf("%s: an error (%v), but bytes were written", name, err)
		}
	}
}

// TestBuiltInsPassTheChecker runs the structural checker over every
// built-in handout on both papers, regular and in large print, drawn in
// this process.
func TestBuiltInsPassTheChecker(t *testing.T) {
	for _, d := range append(builtIns(t), builtInsLarge(t)...) {
		var buf bytes.Buffer
		if err := pdf.Write(&buf, d.doc, d.fam, "handout test"); err != nil {
			t.Fatal(err)
		}
		r := mustPassUA(t, d.name, buf.Bytes())
		if !slices.Contains(r.types, "H1") || !slices.Contains(r.types, "LBody") {
			t.Errorf("%s: structure types %v", d.name, r.types)
		}
	}
}
