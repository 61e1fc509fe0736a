package pdf_test

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"handout/fonts"
	"handout/internal/layout"
	"handout/internal/pdf"
)

func load(t *testing.T, name string) *pdf.Family {
	t.Helper()
	f, err := pdf.LoadFamily(fonts.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestWidthsMatchFpdf checks that text is measured with exactly the widths
// fpdf draws it with, so that wrapped lines never run past their frame.
func TestWidthsMatchFpdf(t *testing.T) {
	samples := []string{
		"Gut-Skin Axis Evidence Ladder",
		"Which strain (the exact type of microbe) was tested?",
		"Atención: niño, corazón ¿Qué? ¡Sí! Zażółć gęślą jaźń “quotes” — •",
		"0123456789 ,.;:!? () [] / % & @",
	}
	for _, fam := range fonts.Families {
		f := load(t, fam.Name)
		for i, file := range []string{fam.Regular, fam.Bold} {
			data, err := fonts.FS.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc := fpdf.New("P", "pt", "A4", "")
			doc.AddUTF8FontFromBytes("x", "", data)
			doc.SetFont("x", "", 12.5)
			if err := doc.Error(); err != nil {
				t.Fatal(err)
			}
			for _, s := range samples {
				want := doc.GetStringWidth(s)
				got := f.Width(layout.Face(i), 12.5, s)
				if diff := got - want; diff > 1e-9 || diff < -1e-9 {
					t.Errorf("%s: width of %q = %.4f, fpdf says %.4f", file, s, got, want)
				}
			}
		}
	}
}

func TestCovers(t *testing.T) {
	atk, noto := load(t, "atkinson-hyperlegible"), load(t, "noto-sans")
	for _, r := range "AzñółćęŁ€“”•" {
		if !atk.Covers(layout.Regular, r) || !atk.Covers(layout.Bold, r) {
			t.Errorf("Atkinson Hyperlegible should cover %q", r)
		}
	}
	for _, r := range "ếệườ" {
		if atk.Covers(layout.Regular, r) {
			t.Errorf("Atkinson Hyperlegible Next has no Vietnamese %q, but Covers says it does", r)
		}
		if !noto.Covers(layout.Regular, r) || !noto.Covers(layout.Bold, r) {
			t.Errorf("Noto Sans should cover %q", r)
		}
	}
	for _, r := range []rune{'\u05D0', 0x1F600, -1, 0x10FFFF} {
		if noto.Covers(layout.Regular, r) {
			t.Errorf("Noto Sans should not cover U+%04X", r)
		}
	}
}

func TestLoadFamilyRejectsBadFonts(t *testing.T) {
	fsys := fstest.MapFS{
		"AtkinsonHyperlegibleNext-Regular.ttf": {Data: []byte("not a font")},
		"AtkinsonHyperlegibleNext-Bold.ttf":    {Data: []byte("not a font")},
	}
	if _, err := pdf.LoadFamily(fsys, "atkinson-hyperlegible"); err == nil || !strings.Contains(err.Error(), "not a usable TrueType font") {
		t.Errorf("a broken font file: got %v", err)
	}
	if _, err := pdf.LoadFamily(fonts.FS, "comic-sans"); err == nil {
		t.Error("an unknown family loaded")
	}
	if _, err := pdf.LoadFamily(fstest.MapFS{}, "atkinson-hyperlegible"); err == nil {
		t.Error("a missing font file loaded")
	}
}

// sampleDoc is a small document with every kind of item and element: a
// logo with alternative text, a title, a heading, a checklist item, a
// paragraph that continues onto the second page, and artifacts (a tint, a
// write-in line, an arrowhead, a footer).
func sampleDoc() *layout.Document {
	ink := layout.Color{R: 0x1F, G: 0x29, B: 0x33}
	tint := layout.Color{R: 0xE3, G: 0xEE, B: 0xF6}
	return &layout.Document{
		Paper: layout.A4,
		Font:  "atkinson-hyperlegible",
		Meta: layout.Meta{Title: "Título de prueba", Author: "Clínica Ejemplo", Subject: "Subject",
			Keywords: []string{"uno", "dos"}, Language: "es", Date: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)},
		Elements: []layout.Element{
			{Role: layout.RoleImage, Parent: -1, Alt: "Logotipo de la clínica"}, // 0
			{Role: layout.RoleTitle, Level: 1, Parent: -1},                      // 1
			{Role: layout.RoleHeading, Level: 2, Parent: -1},                    // 2
			{Role: layout.RoleList, Parent: -1},                                 // 3
			{Role: layout.RoleListItem, Parent: 3},                              // 4
			{Role: layout.RoleCheckbox, Parent: 4},                              // 5
			{Role: layout.RoleParagraph, Parent: 4},                             // 6
			{Role: layout.RoleParagraph, Parent: -1},                            // 7
		},
		Pages: []layout.Page{{Items: []layout.Item{
			{Kind: layout.RectItem, Role: layout.RoleDecoration, Elem: -1, X: 50, Y: 50, W: 200, H: 40, Fill: &tint, Radius: 4},
			{Kind: layout.ImageItem, Role: layout.RoleImage, Elem: 0, X: 20, Y: 20, W: 20, H: 20, Image: tinyPNG(), Alt: "Logotipo de la clínica"},
			{Kind: layout.TextItem, Role: layout.RoleTitle, Level: 1, Elem: 1, X: 60, Y: 55, W: 100, H: 20, Baseline: 70,
				Text: "Atención, niño: ¿Qué pasa?", Face: layout.Bold, Size: 14, Color: ink},
			{Kind: layout.TextItem, Role: layout.RoleHeading, Level: 2, Elem: 2, X: 60, Y: 95, W: 100, H: 20, Baseline: 110,
				Text: "Antes de la visita", Face: layout.Bold, Size: 14, Color: ink},
			{Kind: layout.RectItem, Role: layout.RoleCheckbox, Elem: 5, X: 60, Y: 125, W: 11, H: 11, Stroke: &ink, LineWidth: 0.75, Radius: 1.5},
			{Kind: layout.TextItem, Role: layout.RoleListItem, Elem: 6, X: 80, Y: 122, W: 100, H: 16, Baseline: 135,
				Text: "Anote sus síntomas.", Face: layout.Regular, Size: 12.5, Color: ink},
			{Kind: layout.LineItem, Role: layout.RoleWriteLine, Elem: -1, Stroke: &ink, LineWidth: 0.75,
				Points: []layout.Point{{X: 50, Y: 160}, {X: 300, Y: 160}}},
			{Kind: layout.PolygonItem, Role: layout.RoleDecoration, Elem: -1, Fill: &ink,
				Points: []layout.Point{{X: 60, Y: 170}, {X: 66, Y: 179}, {X: 54, Y: 179}}},
			{Kind: layout.TextItem, Role: layout.RoleParagraph, Elem: 7, X: 60, Y: 190, Baseline: 205,
				Text: "Este párrafo sigue ", Face: layout.Regular, Size: 12.5, Color: ink},
			{Kind: layout.TextItem, Role: layout.RoleFooter, Elem: -1, X: 60, Y: 800, Baseline: 810,
				Text: "Página 1 de 2", Face: layout.Regular, Size: 9.5, Color: ink},
		}}, {Items: []layout.Item{
			{Kind: layout.TextItem, Role: layout.RoleParagraph, Elem: 7, X: 60, Y: 55, Baseline: 70,
				Text: "en la página siguiente: Zażółć gęślą jaźń", Face: layout.Regular, Size: 12.5, Color: ink},
			{Kind: layout.TextItem, Role: layout.RoleFooter, Elem: -1, X: 60, Y: 800, Baseline: 810,
				Text: "Página 2 de 2", Face: layout.Regular, Size: 9.5, Color: ink},
		}}},
	}
}

// tinyPNG is a 2 by 2 pixel PNG.
func tinyPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func write(t *testing.T, doc *layout.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Write(&buf, doc, load(t, doc.Font), "handout test"); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteIsDeterministic(t *testing.T) {
	a, b := write(t, sampleDoc()), write(t, sampleDoc())
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same document differ")
	}
	doc := sampleDoc()
	doc.Meta.Date = doc.Meta.Date.AddDate(0, 0, 1)
	if bytes.Equal(a, write(t, doc)) {
		t.Error("a different date gave the same bytes: the date is not written")
	}
}

func TestWriteMetadataAndFonts(t *testing.T) {
	out := write(t, sampleDoc())
	for _, want := range []string{
		"%PDF-1.7",
		"/CreationDate (D:20260501000000",
		"/Lang (es)",
		"/FontFile2", // the TrueType font is embedded
		"/ToUnicode", // and text can be extracted
		"/MediaBox [0 0 595.28 841.89]",
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("output lacks %q", want)
		}
	}
	// Title, author and creator are written as UTF-16 text strings.
	for _, s := range []string{"Título de prueba", "Clínica Ejemplo", "handout test"} {
		if !bytes.Contains(out, utf16be(s)) {
			t.Errorf("metadata lacks %q", s)
		}
	}
}

func utf16be(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r>>8), byte(r))
	}
	return b
}

func TestWriteSubsetsTheFont(t *testing.T) {
	out := write(t, sampleDoc())
	full, err := fonts.FS.ReadFile("AtkinsonHyperlegibleNext-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	// Two faces embedded whole would be close to twice the file's size.
	if len(out) > len(full) {
		t.Errorf("a two-page document is %d bytes, more than one whole font (%d): the fonts are not subset", len(out), len(full))
	}
}

func TestWriteRejectsUnsafeLanguage(t *testing.T) {
	doc := sampleDoc()
	doc.Meta.Language = "en) /Evil (x"
	out := write(t, doc)
	if bytes.Contains(out, []byte("/Evil")) {
		t.Error("a language value with PDF syntax in it reached the catalog")
	}
}
