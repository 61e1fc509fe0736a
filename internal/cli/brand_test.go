package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handout/internal/build"
	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// brandDir copies the sample brand file and its logo into the working
// folder, under brand/.
func brandDir(t *testing.T) {
	t.Helper()
	src := filepath.Join(testdata, "..", "..", "..", "testdata", "brand")
	if err := os.MkdirAll("brand", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"clinic.yaml", "clinic-mark.png"} {
		data, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("brand", f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func editFile(t *testing.T, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", name, old)
	}
	if err := os.WriteFile(name, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBuildBadBrand: a brand file with problems reports them all, each at
// its position, exits 1 and writes nothing, not even the output folder.
func TestBuildBadBrand(t *testing.T) {
	workdir(t, "good.yaml")
	brandDir(t)
	editFile(t, "brand/clinic.yaml", "phone:", "phnoe:")
	e := newTestEnv(t)
	e.Render = build.Render
	if code := e.run("build", "good.yaml", "--brand", "brand/clinic.yaml", "-o", "out"); code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, e.err.String())
	}
	got := e.err.String()
	for _, want := range []string{
		`brand/clinic.yaml:5:1: unknown field "phnoe" in the brand (did you mean "phone"?)`,
		"1 error in 1 file; nothing was built",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("stderr does not say %q:\n%s", want, got)
		}
	}
	if _, err := os.Stat("out"); !os.IsNotExist(err) {
		t.Errorf("the output folder was created: %v", err)
	}
	if e.out.Len() > 0 {
		t.Errorf("stdout: %s", e.out.String())
	}
	// What does not fit the band is found once the brand parses.
	editFile(t, "brand/clinic.yaml", "phnoe:", "phone:")
	editFile(t, "brand/clinic.yaml", "/skin", "/handouts/gut-skin-axis")
	editFile(t, "brand/clinic.yaml", "name: Riverside Skin & Allergy Clinic", "name: Riverside Skin and Allergy Clinic of the Greater Springfield Metropolitan Area")
	if code := e.run("build", "good.yaml", "--brand", "brand/clinic.yaml", "-o", "out"); code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, e.err.String())
	}
	got = e.err.String()
	for _, want := range []string{
		"brand/clinic.yaml:3:7: name is ",
		"pt wide on one line of the clinic band, which has room for ",
		"brand/clinic.yaml:11:8: qr.url is 59 characters long, too long for a QR code",
		"2 errors in 1 file; nothing was built",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("stderr does not say %q:\n%s", want, got)
		}
	}
	if _, err := os.Stat("out"); !os.IsNotExist(err) {
		t.Errorf("the output folder was created: %v", err)
	}
	// validate and lint report the brand's problems too.
	for _, cmd := range []string{"validate", "lint"} {
		if code := e.run(cmd, "good.yaml", "--brand", "brand/clinic.yaml"); code != 1 || !strings.Contains(e.err.String(), "brand/clinic.yaml:11:8: qr.url is 59 characters long") {
			t.Errorf("%s: exit %d; stderr:\n%s", cmd, code, e.err.String())
		}
	}
	if code := e.run("build", "good.yaml", "--brand", "brand/none.yaml", "-o", "out"); code != 1 || !strings.Contains(e.err.String(), "brand/none.yaml: the brand file no such file or folder") {
		t.Errorf("a missing brand file: exit %d; stderr:\n%s", code, e.err.String())
	}
}

// TestBuildBrandIsAnInput: the brand reaches the renderer, and editing the
// brand file or its logo renders every PDF again.
func TestBuildBrandIsAnInput(t *testing.T) {
	workdir(t, "good.yaml")
	brandDir(t)
	e := newTestEnv(t)
	render := e.Render
	e.Render = func(h *handout.Handout, p layout.Paper, opt build.RenderOptions) ([]byte, int, diag.List) {
		out, n, d := render(h, p, opt)
		if opt.Brand != nil {
			out = append(out, opt.Brand.Phone.Value+"\n"...)
		}
		return out, n, d
	}
	build := func() string {
		t.Helper()
		if code := e.run("build", "good.yaml", "--brand", "brand/clinic.yaml", "-o", "out"); code != 0 {
			t.Fatalf("exit %d; stderr:\n%s", code, e.err.String())
		}
		return e.out.String()
	}
	if got := build(); strings.Count(got, "wrote ") != 2 {
		t.Fatalf("first build:\n%s", got)
	}
	pdf, _ := os.ReadFile(filepath.Join("out", "good-a4.pdf"))
	if !strings.Contains(string(pdf), "(555) 010-0199") {
		t.Errorf("the renderer did not get the brand: %q", pdf)
	}
	if got := build(); strings.Count(got, "up to date ") != 2 {
		t.Errorf("second build:\n%s", got)
	}
	editFile(t, "brand/clinic.yaml", "(555) 010-0199", "(555) 010-0100")
	if got := build(); strings.Count(got, "wrote ") != 2 {
		t.Errorf("after editing the brand:\n%s", got)
	}
	logo, _ := os.ReadFile("brand/clinic-mark.png")
	os.WriteFile("brand/clinic-mark.png", append(logo, 0), 0o644) // a byte after the image's end
	if got := build(); strings.Count(got, "unchanged ") != 2 {
		t.Errorf("after editing the logo:\n%s", got)
	}
	if code := e.run("build", "good.yaml", "-o", "out"); code != 0 || strings.Count(e.out.String(), "wrote ") != 2 {
		t.Errorf("without the brand: exit %d\n%s", code, e.out.String())
	}
}
