package pdf_test

import (
	"bytes"
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

// sampleDoc is a small document with every kind of item.
func sampleDoc() *layout.Document {
	ink := layout.Color{R: 0x1F, G: 0x29, B: 0x33}
	tint := layout.Color{R: 0xE3, G: 0xEE, B: 0xF6}
	return &layout.Document{
		Paper: layout.A4,
		Font:  "atkinson-hyperlegible",
		Meta: layout.Meta{Title: "Título de prueba", Author: "Clínica Ejemplo", Subject: "Subject",
			Keywords: []string{"uno", "dos"}, Language: "es", Date: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)},
		Pages: []layout.Page{{Items: []layout.Item{
			{Kind: layout.RectItem, Role: layout.RoleDecoration, X: 50, Y: 50, W: 200, H: 40, Fill: &tint, Radius: 4},
			{Kind: layout.TextItem, Role: layout.RoleTitle, X: 60, Y: 55, W: 100, H: 20, Baseline: 70,
				Text: "Atención, niño: ¿Qué pasa?", Face: layout.Bold, Size: 14, Color: ink},
			{Kind: layout.LineItem, Role: layout.RoleWriteLine, Stroke: &ink, LineWidth: 0.75,
				Points: []layout.Point{{X: 50, Y: 120}, {X: 300, Y: 120}}},
			{Kind: layout.PolygonItem, Role: layout.RoleDecoration, Fill: &ink,
				Points: []layout.Point{{X: 60, Y: 150}, {X: 66, Y: 159}, {X: 54, Y: 159}}},
		}}, {Items: []layout.Item{
			{Kind: layout.TextItem, Role: layout.RoleParagraph, X: 60, Y: 55, Baseline: 70,
				Text: "Zażółć gęślą jaźń", Face: layout.Regular, Size: 12.5, Color: ink},
		}}},
	}
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
		"%PDF-",
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
