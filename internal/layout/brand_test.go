package layout_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"handout/assets"
	"handout/fonts"
	"handout/handouts"
	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// sampleBrand is the brand file of the docs, testdata/brand/clinic.yaml,
// with its text replaced by pairs of old and new strings.
func sampleBrand(t testing.TB, repl ...string) (*handout.Brand, diag.List) {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "brand")
	data, err := os.ReadFile(filepath.Join(dir, "clinic.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	for i := 0; i+1 < len(repl); i += 2 {
		if !strings.Contains(src, repl[i]) {
			t.Fatalf("the sample brand has no %q", repl[i])
		}
		src = strings.Replace(src, repl[i], repl[i+1], 1)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return handout.ParseBrand("clinic.yaml", []byte(src), handout.BrandOptions{Folder: root.FS()})
}

func mustBrand(t testing.TB, repl ...string) *handout.Brand {
	t.Helper()
	br, diags := sampleBrand(t, repl...)
	if diags.HasErrors() {
		t.Fatalf("the brand does not parse: %v", diags)
	}
	return br
}

// bandRect finds the clinic band's frame on the last page.
func bandRect(t *testing.T, doc *layout.Document) layout.Item {
	t.Helper()
	pg := doc.Pages[len(doc.Pages)-1]
	for _, it := range pg.Items {
		if it.Kind == layout.RectItem && it.Role == layout.RoleDecoration && it.Stroke != nil && it.Fill == nil &&
			math.Abs(it.H-50) < 1e-9 && math.Abs(it.W-(doc.Paper.Width-2*43.2)) < 1e-6 {
			return it
		}
	}
	t.Fatal("no clinic band on the last page")
	return layout.Item{}
}

func inside(it, box layout.Item) bool {
	return it.X >= box.X-1e-6 && it.Y >= box.Y-1e-6 && it.X+it.W <= box.X+box.W+1e-6 && it.Y+it.H <= box.Y+box.H+1e-6
}

// outsideBand describes every item outside the band, with the role of its
// element instead of the element's index (which the band's own elements
// shift).
func outsideBand(t *testing.T, doc *layout.Document) []string {
	band := bandRect(t, doc)
	var out []string
	for pi, pg := range doc.Pages {
		for _, it := range pg.Items {
			if pi == len(doc.Pages)-1 && inside(it, band) {
				continue
			}
			role := layout.Role("")
			if it.Elem >= 0 {
				role = doc.Elements[it.Elem].Role
			}
			fill, stroke := "", ""
			if it.Fill != nil {
				fill = hexColor(it.Fill)
			}
			if it.Stroke != nil {
				stroke = hexColor(it.Stroke)
			}
			img := len(it.Image)
			it.Elem, it.Fill, it.Stroke, it.Image = 0, nil, nil, nil
			out = append(out, fmt.Sprintf("page %d %s fill %s stroke %s image %d %+v", pi+1, role, fill, stroke, img, it))
		}
	}
	return out
}

// TestBrandingNeverMovesContent: a brand fills the band and changes nothing
// else, on every built-in handout and paper, whatever it holds.
func TestBrandingNeverMovesContent(t *testing.T) {
	brands := map[string]*handout.Brand{
		"full":         mustBrand(t),
		"name only":    mustBrand(t, "address: 120 Harbor Street, Suite 4, Springfield\n", "", "phone: (555) 010-0199\n", "", "website: https://riverside-clinic.example.org\n", "", "logo:\n  file: clinic-mark.png # in this file's folder\n  alt: Riverside Skin & Allergy Clinic logo\n", "", "qr:\n  url: https://riverside-clinic.example.org/skin\n", ""),
		"decorative":   mustBrand(t, "alt: Riverside Skin & Allergy Clinic logo", "decorative: true"),
		"no qr":        mustBrand(t, "qr:\n  url: https://riverside-clinic.example.org/skin\n", ""),
		"website only": mustBrand(t, "phone: (555) 010-0199\n", "", "address: 120 Harbor Street, Suite 4, Springfield\n", ""),
	}
	for _, h := range builtIns(t) {
		for _, p := range layout.Papers {
			plain := outsideBand(t, lay(t, h, p))
			for name, br := range brands {
				t.Run(h.ID.Value+"/"+p.Name+"/"+name, func(t *testing.T) {
					doc, diags := layout.Layout(h, p, familyFor(t, h), h.Reviewed.Time, layout.Options{Brand: br})
					if len(diags) > 0 {
						t.Fatal(diags)
					}
					got := outsideBand(t, doc)
					if len(got) != len(plain) {
						t.Fatalf("%d items outside the band, want %d as without a brand", len(got), len(plain))
					}
					for i := range got {
						if got[i] != plain[i] {
							t.Fatalf("item %d outside the band differs:\n got %s\nwant %s", i, got[i], plain[i])
						}
					}
					checkSafeArea(t, doc)
					checkNoOverlap(t, doc)
					checkSizes(t, doc)
					checkBand(t, doc, br)
				})
			}
		}
	}
}

// checkBand checks what the branded band holds: the brand's text, each
// line once and inside the band; the logo; the QR code inside the band, with
// a quiet zone of at least 4 modules free of any other ink, and modules of
// at least 0.45 mm.
func checkBand(t *testing.T, doc *layout.Document, br *handout.Brand) {
	t.Helper()
	band := bandRect(t, doc)
	pg := doc.Pages[len(doc.Pages)-1]
	var lines []string
	var logo, qr *layout.Item
	var modules []layout.Item
	for i, it := range pg.Items {
		if !inside(it, band) || it.Kind == layout.RectItem && it.Role == layout.RoleDecoration {
			continue
		}
		switch {
		case it.Kind == layout.TextItem:
			lines = append(lines, it.Text)
		case it.Kind == layout.ImageItem:
			logo = &pg.Items[i]
		case it.Role == layout.RoleFigure && it.Fill == nil:
			qr = &pg.Items[i]
		case it.Role == layout.RoleFigure:
			modules = append(modules, it)
		}
	}
	want := []string{br.Name.Value}
	if !br.Address.IsZero() {
		want = append(want, br.Address.Value)
	}
	var contact []string
	if !br.Phone.IsZero() {
		contact = append(contact, br.Phone.Value)
	}
	if !br.Website.IsZero() {
		contact = append(contact, strings.TrimPrefix(br.Website.Value, "https://"))
	}
	if len(contact) > 0 {
		want = append(want, strings.Join(contact, " · "))
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("the band reads %q, want %q", lines, want)
	}
	if (logo != nil) != (br.Logo != nil) {
		t.Errorf("logo drawn: %v, in the brand: %v", logo != nil, br.Logo != nil)
	}
	if logo != nil {
		if (logo.Role == layout.RoleDecoration) != br.Logo.Decorative {
			t.Errorf("the logo is drawn as %s, and decorative is %v in the brand", logo.Role, br.Logo.Decorative)
		}
	}
	if (qr != nil) != !br.QR.IsZero() {
		t.Fatalf("QR code drawn: %v, in the brand: %v", qr != nil, !br.QR.IsZero())
	}
	if qr == nil {
		return
	}
	// The quiet zone: nothing but the code's modules within the square.
	for _, it := range pg.Items {
		if it.Role == layout.RoleFigure && it.Elem == qr.Elem {
			continue
		}
		x0, y0, x1, y1 := it.X, it.Y, it.X+it.W, it.Y+it.H
		if it.Stroke != nil {
			x0, y0, x1, y1 = x0-it.LineWidth/2, y0-it.LineWidth/2, x1+it.LineWidth/2, y1+it.LineWidth/2
		}
		if it.Kind == layout.RectItem && it.Radius > 0 && it.X == band.X && it.Y == band.Y {
			// The band's rounded frame: its straight sides only touch the
			// square; its corners are checked to lie outside it.
			inner := it.Radius - it.LineWidth/2
			if qr.X+qr.W > it.X+it.W-inner+1e-6 {
				t.Errorf("the QR code's square reaches into the band's rounded corner")
			}
			if qr.Y < it.Y+it.LineWidth/2-1e-6 || qr.Y+qr.H > it.Y+it.H-it.LineWidth/2+1e-6 {
				t.Errorf("the QR code's square crosses the band's border")
			}
			continue
		}
		if math.Min(x1, qr.X+qr.W)-math.Max(x0, qr.X) > 1e-6 && math.Min(y1, qr.Y+qr.H)-math.Max(y0, qr.Y) > 1e-6 {
			t.Errorf("%s %s %q lies in the QR code's square", it.Kind, it.Role, it.Text)
		}
	}
	module := math.Inf(1)
	minX, minY := math.Inf(1), math.Inf(1)
	for _, m := range modules {
		module = math.Min(module, math.Min(m.W, m.H))
		minX, minY = math.Min(minX, m.X), math.Min(minY, m.Y)
	}
	if mm := module * 25.4 / 72; mm < 0.45-1e-9 {
		t.Errorf("QR modules are %.3f mm, want at least 0.45", mm)
	}
	if q := (minX - qr.X) / module; q < 4-1e-6 {
		t.Errorf("the quiet zone is %.2f modules wide, want at least 4", q)
	}
	if q := (minY - qr.Y) / module; q < 4-1e-6 {
		t.Errorf("the quiet zone is %.2f modules high, want at least 4", q)
	}
	if got := decodeQR(t, qr, modules); got != br.QR.Value {
		t.Errorf("the QR code reads %q, want %q", got, br.QR.Value)
	}
	alt := doc.Elements[qr.Elem].Alt
	if want := "QR code that opens " + br.QR.Value; doc.Meta.Language == "en" && alt != want {
		t.Errorf("the QR code's alternative text is %q, want %q", alt, want)
	}
	if !strings.HasSuffix(alt, br.QR.Value) && !strings.Contains(alt, br.QR.Value+" ") {
		t.Errorf("the QR code's alternative text %q does not say where it leads (%s)", alt, br.QR.Value)
	}
}

// TestBrandQRAltFollowsLanguage: a screen reader announces the QR code in
// the handout's language; a language with no default gets the English
// words, marked as English, and a handout may set its own.
func TestBrandQRAltFollowsLanguage(t *testing.T) {
	br := mustBrand(t)
	url := br.QR.Value
	for _, c := range []struct{ lang, labels, want, wantLang string }{
		{"es", "", "código QR que abre " + url, ""},
		{"de-CH", "", "QR-Code, der " + url + " öffnet", ""},
		{"sw", "", "QR code that opens " + url, "en"},
		{"sw", "labels:\n  qr: msimbo wa QR wa {url}\n", "msimbo wa QR wa " + url, ""},
	} {
		src, err := handouts.FS.ReadFile("gut-skin-clinic-checklist.yaml")
		if err != nil {
			t.Fatal(err)
		}
		y := strings.Replace(string(src), "language: en\n", "language: "+c.lang+"\n", 1) + c.labels
		h2, diags := handout.Parse("checklist.yaml", []byte(y), handout.Options{Assets: assets.FS})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", c.lang, diags)
		}
		doc, diags := layout.Layout(h2, layout.Letter, familyFor(t, h2), h2.Reviewed.Time, layout.Options{Brand: br})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", c.lang, diags)
		}
		found := false
		for _, e := range doc.Elements {
			if e.Role == layout.RoleFigure && e.Field == br.QR.Field {
				found = true
				if e.Alt != c.want || e.AltLang != c.wantLang {
					t.Errorf("%s: the QR code's alternative text is %q (language %q), want %q (%q)", c.lang, e.Alt, e.AltLang, c.want, c.wantLang)
				}
			}
		}
		if !found {
			t.Errorf("%s: no QR code figure", c.lang)
		}
	}
}

// decodeQR rasterises the code's rectangles at 8 pixels a module, white
// around them as on paper, and reads it with a QR decoder that shares no
// code with the encoder.
func decodeQR(t *testing.T, qr *layout.Item, modules []layout.Item) string {
	t.Helper()
	module := math.Inf(1)
	for _, m := range modules {
		module = math.Min(module, math.Min(m.W, m.H))
	}
	scale := 8 / module
	n := int(math.Round(qr.W * scale))
	img := image.NewGray(image.Rect(0, 0, n, n))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	for _, m := range modules {
		x0, y0 := int(math.Round((m.X-qr.X)*scale)), int(math.Round((m.Y-qr.Y)*scale))
		x1, y1 := int(math.Round((m.X+m.W-qr.X)*scale)), int(math.Round((m.Y+m.H-qr.Y)*scale))
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				img.SetGray(x, y, color.Gray{})
			}
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true})
	if err != nil {
		t.Fatalf("the QR code cannot be read: %v", err)
	}
	return res.GetText()
}

// TestBrandQRAddressesDecode: addresses of every length up to the limit
// decode back to themselves, in the smallest code that holds them.
func TestBrandQRAddressesDecode(t *testing.T) {
	h := builtIns(t)[0]
	for _, u := range []string{"http://a.example", "https://example.org/clinic?id=42&lang=en", "HTTPS://EXAMPLE.COM/RIVERSIDE"} {
		br := mustBrand(t, "https://riverside-clinic.example.org/skin", u)
		doc, diags := layout.Layout(h, layout.A4, familyFor(t, h), h.Reviewed.Time, layout.Options{Brand: br})
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		checkBand(t, doc, br)
	}
}

// TestBrandThatDoesNotFit: what does not fit the band is an error naming the
// brand file's field and its position, with a hint.
func TestBrandThatDoesNotFit(t *testing.T) {
	cases := []struct {
		name  string
		repl  []string
		field string
		line  int
		want  []string
	}{
		{"long name", []string{"name: Riverside Skin & Allergy Clinic", "name: Riverside Skin and Allergy Clinic of the Greater Springfield Metropolitan Area"},
			"name", 3, []string{"name is", "pt wide on one line of the clinic band", "shorten it by about", "narrower logo"}},
		{"long address", []string{"address: 120 Harbor Street, Suite 4, Springfield", "address: Riverside Medical Plaza, 120 Harbor Street, Suite 4, Second Floor, East Wing, Springfield Township, ST 00000"},
			"address", 4, []string{"address is", "shorten it by about"}},
		{"long website", []string{"website: https://riverside-clinic.example.org", "website: https://riverside-skin-and-allergy-clinic-of-greater-springfield.example.org/welcome-new-patients"},
			"website", 6, []string{"the line of phone and website (website) is", "shorten it"}},
		{"long QR address", []string{"url: https://riverside-clinic.example.org/skin", "url: https://riverside-clinic.example.org/handouts/gut-skin-axis"},
			"qr.url", 11, []string{"too long for a QR code", "0.45 mm", "at most 42 characters", "33 modules", "0.42 mm", "shorter address"}},
		{"wide logo", []string{"file: clinic-mark.png", "file: bad/wide-wordmark.png"},
			"logo.file", 8, []string{"1200x100 pixels", "12.0 times as wide as high", "too small to read", "at most 5.6 times"}},
		{"tiny logo", []string{"file: clinic-mark.png", "file: bad/tiny-icon.png"},
			"logo.file", 8, []string{"32 pixels high", "blurred", "at least 42 pixels high"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			br := mustBrand(t, c.repl...)
			fam := family(t, fonts.Families[0].Name)
			_, diags, _ := layout.CheckBrand(br, layout.Letter, fam, fonts.Families[0].Name, false)
			if len(diags) != 1 {
				t.Fatalf("got %d problems, want 1: %v", len(diags), diags)
			}
			d := diags[0]
			if d.Field != c.field || d.Pos.File != "clinic.yaml" || d.Pos.Line != c.line || d.Pos.Col == 0 || d.Hint == "" {
				t.Errorf("got %s (field %s), want field %s at clinic.yaml:%d with a column and a hint", d, d.Field, c.field, c.line)
			}
			for _, w := range c.want {
				if !strings.Contains(d.String(), w) {
					t.Errorf("%s\ndoes not say %q", d, w)
				}
			}
			// The same brand in a handout's layout: the same problem.
			h := builtIns(t)[0]
			_, more := layout.Layout(h, layout.Letter, familyFor(t, h), h.Reviewed.Time, layout.Options{Brand: br})
			if len(more) != 1 || more[0].Field != c.field {
				t.Errorf("in a handout's layout: %v", more)
			}
		})
	}
}

// TestTallThinLogo: a logo drawn at a fixed height from a tall, thin image
// would print as a sliver; beside the title or in the clinic band, that is
// an error naming logo.file.
func TestTallThinLogo(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 10, 400))
	for i := range img.Pix {
		img.Pix[i] = 0x40
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	h := builtIns(t)[0]
	logo := *h.Logo
	logo.Data = buf.Bytes()
	h.Logo = &logo
	_, diags := layout.Layout(h, layout.Letter, familyFor(t, h), h.Reviewed.Time, layout.Options{})
	if len(diags) != 1 || diags[0].Field != "logo.file" || !strings.Contains(diags[0].Message, "40.0 times as high as wide: beside the title it would print only 0.8 pt") {
		t.Errorf("a 10x400 logo beside the title: %v", diags)
	}
	br := mustBrand(t)
	bl := *br.Logo
	bl.Data = buf.Bytes()
	br.Logo = &bl
	_, diags, _ = layout.CheckBrand(br, layout.Letter, family(t, fonts.Families[0].Name), fonts.Families[0].Name, false)
	if len(diags) != 1 || diags[0].Field != "logo.file" || !strings.Contains(diags[0].Message, "in the clinic band it would print only") {
		t.Errorf("a 10x400 logo in the clinic band: %v", diags)
	}
}
