package handout

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// encodeImage encodes img as a PNG; a uniform colour takes its size from wh.
func encodeImage(t *testing.T, img image.Image, wh ...int) []byte {
	t.Helper()
	if u, ok := img.(*image.Uniform); ok {
		m := image.NewNRGBA(image.Rect(0, 0, wh[0], wh[1]))
		draw.Draw(m, m.Bounds(), u, image.Point{}, draw.Src)
		img = m
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestParseLogo(t *testing.T) {
	logo := pngBytes(t, 3, 2)
	assets := fstest.MapFS{
		"clinic-logo.png":  {Data: logo},
		"logos/mark.png":   {Data: logo},
		"notes.txt":        {Data: []byte("not an image")},
		"huge.png":         {Data: pngBytes(t, MaxLogoSide+1, 1)},
		"cut.png":          {Data: logo[:len(logo)-20]}, // header intact, image data cut short
		"too-big-file.png": {Data: append(append([]byte(nil), logo...), make([]byte, MaxLogoBytes)...)},
		"transparent.png":  {Data: encodeImage(t, image.NewNRGBA(image.Rect(0, 0, 8, 8)))},
		"white.png":        {Data: encodeImage(t, image.NewUniform(color.White), 8, 8)},
	}
	// The logo block goes after line 3, so "file:" is on line 5, its value at column 9.
	doc := func(logo string) string {
		return edit(checklistYAML, "language: en\n", "language: en\nlogo:\n"+logo)
	}
	const at = "h.yaml:5:9: "
	const relHint = `write it relative to the assets folder, e.g. "clinic-logo.png"`
	tests := []struct {
		name   string
		logo   string
		assets fs.FS
		want   []string
	}{
		{name: "no assets folder", logo: "  file: clinic-logo.png\n  alt: Clinic logo\n",
			want: []string{at + `logo file "clinic-logo.png" cannot be found: this handout has no assets folder (put the image in an "assets" folder next to the handout, or pass --assets DIR)`}},
		{name: "missing file", logo: "  file: clinic_logo.png\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "clinic_logo.png" cannot be read: no such file (did you mean "clinic-logo.png"?)`}},
		{name: "missing file in a folder", logo: "  file: logos/mrak.png\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "logos/mrak.png" cannot be read: no such file (did you mean "logos/mark.png"?)`}},
		{name: "missing folder", logo: "  file: images/logo.png\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "images/logo.png" cannot be read: no such file (check the spelling; the path is relative to the assets folder)`}},
		{name: "absolute path", logo: "  file: /srv/assets/clinic-logo.png\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "/srv/assets/clinic-logo.png" must be a path inside the assets folder, not an absolute path (` + relHint + ")"}},
		{name: "Windows absolute path", logo: "  file: 'C:\\assets\\clinic-logo.png'\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "C:\\assets\\clinic-logo.png" must be a path inside the assets folder, not an absolute path (` + relHint + ")"}},
		{name: "backslashes", logo: "  file: 'logos\\mark.png'\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "logos\\mark.png" uses \ between folder names (write / between folder names, e.g. "logos/clinic.png")`}},
		{name: "path with ..", logo: "  file: ../secrets/clinic-logo.png\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "../secrets/clinic-logo.png" leaves the assets folder or is not a clean path (write it relative to the assets folder, without "..")`}},
		{name: "not an image", logo: "  file: notes.txt\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "notes.txt" is not an image (export the logo as PNG)`}},
		{name: "damaged image", logo: "  file: cut.png\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "cut.png" is cut short: the file ends before the image does (copy or export the image again; the copy may not have finished)`}},
		{name: "too many pixels", logo: "  file: huge.png\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "huge.png" is 4001x1 pixels; a logo may have at most 4000 on each side and 4,000,000 pixels in all (scale the image down; a logo prints well at 600 pixels wide)`}},
		{name: "too many bytes", logo: "  file: too-big-file.png\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "too-big-file.png" is larger than 2 MB (use a smaller image; a logo prints well at 600 pixels wide)`}},
		{name: "fully transparent", logo: "  file: transparent.png\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "transparent.png" is blank: every pixel is white or transparent, so nothing would print (export the logo again with its colours, or leave the logo out)`}},
		{name: "all white", logo: "  file: white.png\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "white.png" is blank: every pixel is white or transparent, so nothing would print (export the logo again with its colours, or leave the logo out)`}},
		{name: "missing alt", logo: "  file: clinic-logo.png\n", assets: assets,
			want: []string{`h.yaml:5:3: logo needs alternative text (add "alt: ..." saying what the image shows, or "decorative: true" if it carries no meaning)`}},
		{name: "decorative with alt", logo: "  file: clinic-logo.png\n  alt: Clinic logo\n  decorative: true\n", assets: assets,
			want: []string{`h.yaml:6:8: logo has alt text but is marked decorative (remove "decorative: true" if the image carries meaning, or remove the alt text)`}},
		{name: "decorative as a word", logo: "  file: clinic-logo.png\n  decorative: maybe\n", assets: assets,
			want: []string{
				`h.yaml:5:3: logo needs alternative text (add "alt: ..." saying what the image shows, or "decorative: true" if it carries no meaning)`,
				`h.yaml:6:15: logo.decorative must be true or false, not text (write true or false)`}},
		{name: "missing file field", logo: "  alt: Clinic logo\n", assets: assets,
			want: []string{`h.yaml:5:3: missing required field "file" in logo (add a line "file: logo.png")`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, diags := Parse("h.yaml", []byte(doc(tt.logo)), Options{Assets: tt.assets})
			got, _ := render(diags)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(tt.want, "\n      "))
			}
			if h != nil {
				t.Error("got a handout despite errors")
			}
		})
	}

	t.Run("decorative", func(t *testing.T) {
		h := parseOK(t, "h.yaml", doc("  file: clinic-logo.png\n  decorative: true\n"), Options{Assets: assets})
		if h.Logo == nil || !h.Logo.Decorative || !h.Logo.Alt.IsZero() {
			t.Errorf("Logo = %+v, want decorative with no alt", h.Logo)
		}
	})
	t.Run("valid", func(t *testing.T) {
		h := parseOK(t, "h.yaml", doc("  file: logos/mark.png\n  alt: Clinic   logo\n"), Options{Assets: assets})
		if h.Logo == nil || h.Logo.File.Value != "logos/mark.png" || h.Logo.Alt.Value != "Clinic logo" {
			t.Fatalf("Logo = %+v, want logos/mark.png", h.Logo)
		}
		if img := decodePlainPNG(t, h.Logo.Data); img.Bounds().Dx() != 3 || img.Bounds().Dy() != 2 {
			t.Errorf("logo is %v, want 3x2 pixels", img.Bounds())
		}
	})
}

// decodePlainPNG checks that data is what the PDF writer can read: a PNG, 8
// bits a channel, RGB or RGBA, not interlaced; and returns its image.
func decodePlainPNG(t *testing.T, data []byte) image.Image {
	t.Helper()
	if len(data) < 29 || string(data[:8]) != "\x89PNG\r\n\x1a\n" || string(data[12:16]) != "IHDR" {
		t.Fatalf("logo data is not a PNG: % x", data[:min(len(data), 16)])
	}
	depth, colorType, interlace := data[24], data[25], data[28]
	if depth != 8 || (colorType != 2 && colorType != 6) || interlace != 0 {
		t.Errorf("logo PNG has depth %d, colour type %d, interlace %d; want 8, RGB (2) or RGBA (6), 0",
			depth, colorType, interlace)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// samePixels reports whether two images have the same size and the same
// colours, within a step of rounding.
func samePixels(a, b image.Image) bool {
	if a.Bounds().Size() != b.Bounds().Size() {
		return false
	}
	for y := 0; y < a.Bounds().Dy(); y++ {
		for x := 0; x < a.Bounds().Dx(); x++ {
			ca := color.NRGBAModel.Convert(a.At(a.Bounds().Min.X+x, a.Bounds().Min.Y+y)).(color.NRGBA)
			cb := color.NRGBAModel.Convert(b.At(b.Bounds().Min.X+x, b.Bounds().Min.Y+y)).(color.NRGBA)
			d := func(u, v uint8) bool { return int(u)-int(v) > 1 || int(v)-int(u) > 1 }
			if d(ca.R, cb.R) || d(ca.G, cb.G) || d(ca.B, cb.B) || d(ca.A, cb.A) {
				return false
			}
		}
	}
	return true
}

// TestLogoReencoded checks that every accepted logo reaches the PDF writer
// as a plain, opaque PNG with the same pixels as the file shown on white: interlaced and 16-bit PNGs, paletted
// ones, and JPEGs, whose metadata is dropped.
func TestLogoReencoded(t *testing.T) {
	interlaced, err := os.ReadFile("../../testdata/good/assets/clinic-logo-interlaced.png")
	if err != nil {
		t.Fatal(err)
	}
	if interlaced[28] != 1 {
		t.Fatal("testdata/good/assets/clinic-logo-interlaced.png is not interlaced; run go run ./testdata/mkimages")
	}
	gray16 := image.NewGray16(image.Rect(0, 0, 5, 3))
	gray16.SetGray16(1, 1, color.Gray16{Y: 0x8000})
	pal := image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.NRGBA{0, 0, 0, 0}, color.NRGBA{200, 10, 10, 255}})
	pal.SetColorIndex(2, 2, 1)
	rgba := image.NewNRGBA(image.Rect(0, 0, 6, 2))
	rgba.SetNRGBA(0, 0, color.NRGBA{10, 20, 30, 128})
	var jpg, p16, ppal, prgba bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	for _, e := range []struct {
		w   *bytes.Buffer
		img image.Image
	}{{&p16, gray16}, {&ppal, pal}, {&prgba, rgba}} {
		if err := png.Encode(e.w, e.img); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range map[string][]byte{
		"interlaced.png": interlaced, "sixteen-bit.png": p16.Bytes(), "paletted.png": ppal.Bytes(),
		"transparent.png": prgba.Bytes(), "photo.jpg": jpg.Bytes(),
	} {
		t.Run(name, func(t *testing.T) {
			doc := edit(checklistYAML, "language: en\n", "language: en\nlogo:\n  file: "+name+"\n  decorative: true\n")
			h := parseOK(t, "h.yaml", doc, Options{Assets: fstest.MapFS{name: {Data: data}}})
			got := decodePlainPNG(t, h.Logo.Data)
			want, _, err := image.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			// Transparency is flattened onto white, the paper it is drawn on.
			b := want.Bounds()
			onWhite := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
			draw.Draw(onWhite, onWhite.Bounds(), image.White, image.Point{}, draw.Src)
			draw.Draw(onWhite, onWhite.Bounds(), want, b.Min, draw.Over)
			if !samePixels(got, onWhite) {
				t.Error("the re-encoded logo has other pixels than the file on white paper")
			}
			if _, _, _, a := got.At(0, 0).RGBA(); a != 0xffff {
				t.Error("the re-encoded logo still has transparency")
			}
		})
	}
}

// TestLogoBrokenImages checks the message for each way an image file can be
// unusable; a decompression bomb must be refused from its header, before
// any pixel is decoded.
func TestLogoBrokenImages(t *testing.T) {
	dir := "../../testdata/bad/assets"
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, tc := range []struct{ file, want string }{
		{"damaged.png", `logo file "damaged.png" is a damaged PNG image (open it in an image editor and export it again as PNG)`},
		{"cut-short.png", `logo file "cut-short.png" is cut short: the file ends before the image does (copy or export the image again; the copy may not have finished)`},
		{"cut-short.jpg", `logo file "cut-short.jpg" is cut short: the file ends before the image does (copy or export the image again; the copy may not have finished)`},
		{"bomb.png", `logo file "bomb.png" is 20000x20000 pixels; a logo may have at most 4000 on each side and 4,000,000 pixels in all (scale the image down; a logo prints well at 600 pixels wide)`},
		{"not-an-image.png", `logo file "not-an-image.png" is not an image (export the logo as PNG)`},
		{"empty.png", `logo file "empty.png" is not an image (export the logo as PNG)`},
		{"animation.gif", `logo file "animation.gif" is a GIF file, not a PNG or JPEG image (export the logo as PNG)`},
		{"drawing.svg", `logo file "drawing.svg" is an SVG file, not a PNG or JPEG image (export the logo as PNG)`},
		{"link-outside.png", `logo file "link-outside.png" cannot be used: it is a link that leads outside the assets folder (copy the image itself into the assets folder)`},
	} {
		t.Run(tc.file, func(t *testing.T) {
			doc := edit(checklistYAML, "language: en\n", "language: en\nlogo:\n  file: "+tc.file+"\n  decorative: true\n")
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			_, diags := Parse("h.yaml", []byte(doc), Options{Assets: root.FS()})
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			got, _ := render(diags)
			if want := "h.yaml:5:9: " + tc.want; strings.Join(got, "\n") != want {
				t.Errorf("diagnostics:\n got: %s\nwant: %s", strings.Join(got, "\n      "), want)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
				t.Errorf("checking the image allocated %d MB", grew>>20)
			}
		})
	}
}
