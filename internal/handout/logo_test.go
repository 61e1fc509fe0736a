package handout

import (
	"bytes"
	"image"
	"image/png"
	"io/fs"
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

func TestParseLogo(t *testing.T) {
	logo := pngBytes(t, 3, 2)
	assets := fstest.MapFS{
		"clinic-logo.png":  {Data: logo},
		"logos/mark.png":   {Data: logo},
		"notes.txt":        {Data: []byte("not an image")},
		"huge.png":         {Data: pngBytes(t, MaxLogoSide+1, 1)},
		"cut.png":          {Data: logo[:len(logo)-20]}, // header intact, image data cut short
		"too-big-file.png": {Data: append(append([]byte(nil), logo...), make([]byte, MaxLogoBytes)...)},
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
			want: []string{at + `logo file "notes.txt" is not a PNG or JPEG image (export the logo as PNG)`}},
		{name: "damaged image", logo: "  file: cut.png\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "cut.png" is a damaged png image: png: invalid format: unexpected EOF (export the image again)`}},
		{name: "too many pixels", logo: "  file: huge.png\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "huge.png" is 4001x1 pixels; at most 4000 on each side (scale the image down)`}},
		{name: "too many bytes", logo: "  file: too-big-file.png\n  alt: Clinic logo\n", assets: assets,
			want: []string{at + `logo file "too-big-file.png" cannot be read: larger than 2097152 bytes (use a smaller image; a logo prints well at 600 pixels wide)`}},
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
		if h.Logo == nil || h.Logo.File.Value != "logos/mark.png" || h.Logo.Alt.Value != "Clinic logo" || !bytes.Equal(h.Logo.Data, logo) {
			t.Errorf("Logo = %+v, want logos/mark.png with its bytes", h.Logo)
		}
	})
}
