package handout_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handout/internal/handout"
)

func parseBrand(t *testing.T, src string) (*handout.Brand, []string) {
	t.Helper()
	root, err := os.OpenRoot(filepath.Join("..", "..", "testdata", "brand"))
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	br, diags := handout.ParseBrand("clinic.yaml", []byte(src), handout.BrandOptions{Folder: root.FS()})
	var out []string
	for _, d := range diags {
		out = append(out, d.String())
	}
	return br, out
}

func TestSampleBrandParses(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "brand", "clinic.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	br, diags := parseBrand(t, string(data))
	if br == nil || len(diags) > 0 {
		t.Fatalf("the sample brand: %v", diags)
	}
	if br.Name.Value != "Riverside Skin & Allergy Clinic" || br.Name.Pos.Line != 3 || br.QR.Field != "qr.url" ||
		br.Logo == nil || len(br.Logo.Data) == 0 || br.Logo.Alt.IsZero() {
		t.Errorf("the sample brand reads as %+v", br)
	}
	// The hash changes with the file's bytes, even a comment.
	other, _ := parseBrand(t, string(data)+"# more\n")
	if other == nil || other.Sum == br.Sum {
		t.Error("a changed brand file keeps its hash")
	}
}

// TestBrandProblems: every problem of a brand file at once, each at its
// line and column, with a hint.
func TestBrandProblems(t *testing.T) {
	src := `nmae: Riverside
address: ` + strings.Repeat("Harbor Street ", 10) + `
website: ftp://riverside.example.org
phone: [1, 2]
qr:
  url: javascript:alert(1)
logo:
  file: ../outside.png
`
	br, got := parseBrand(t, src)
	if br != nil {
		t.Error("a brand with errors is returned")
	}
	want := []string{
		`clinic.yaml:1:1: missing required field "name" in the brand (add a line "name: Your Clinic's Name")`,
		`clinic.yaml:1:1: unknown field "nmae" in the brand (did you mean "name"?)`,
		`clinic.yaml:2:10: address is 139 characters long; a brand's address may have at most 120 (the band holds one line for the address)`,
		`clinic.yaml:3:10: website "ftp://riverside.example.org" is not a web address (write the full address, starting with https://)`,
		`clinic.yaml:4:8: phone must be text, not a list (write the text on the same line after the colon, or as a block with |)`,
		`clinic.yaml:6:8: qr.url "javascript:alert(1)" is not a web address (write the full address, starting with https://)`,
		`clinic.yaml:8:3: logo needs alternative text (add "alt: ..." saying what the image shows (usually the clinic's name), or "decorative: true" if it only repeats the name printed beside it)`,
		`clinic.yaml:8:9: logo file "../outside.png" leaves the brand file's folder or is not a clean path (write it relative to the folder of the brand file, e.g. "clinic-logo.png", without "..")`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestBrandLogoProblems(t *testing.T) {
	for file, want := range map[string]string{
		"bad/not-an-image.png": `clinic.yaml:3:9: logo file "bad/not-an-image.png" is not an image (export the logo as PNG)`,
		"clinic-mrak.png":      `clinic.yaml:3:9: logo file "clinic-mrak.png" cannot be read: no such file (did you mean "clinic-mark.png"?)`,
		"/etc/logo.png":        `clinic.yaml:3:9: logo file "/etc/logo.png" must be a path inside the brand file's folder, not an absolute path (write it relative to the folder of the brand file, e.g. "clinic-logo.png")`,
	} {
		_, got := parseBrand(t, "name: Riverside\nlogo:\n  file: "+file+"\n  decorative: true\n")
		if len(got) != 1 || got[0] != want {
			t.Errorf("logo %s:\n got %q\nwant %q", file, got, want)
		}
	}
	if _, got := parseBrand(t, "name: Riverside\n"+strings.Repeat("#", handout.MaxBrandBytes)+"\n"); len(got) != 1 || !strings.Contains(got[0], "at most 65,536 bytes") {
		t.Errorf("a huge brand file: %q", got)
	}
	if _, got := parseBrand(t, "# nothing\n"); len(got) != 1 || !strings.Contains(got[0], "no brand in it") {
		t.Errorf("an empty brand file: %q", got)
	}
}
