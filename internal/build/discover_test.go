package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"handout/internal/diag"
	"handout/internal/handout"
)

func names(ins []Input) []string {
	var out []string
	for _, in := range ins {
		out = append(out, in.Name)
	}
	return out
}

func codes(l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, d.Pos.File+" "+d.Code)
	}
	return out
}

func equal(a, b []string) bool {
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}

func TestDiscoverFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.yaml": "id: a\n", "b.YML": "id: b\n"})
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.YML")
	ins, diags := Discover([]string{a, b, a}, "")
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if want := []string{a, b}; !equal(names(ins), want) {
		t.Fatalf("inputs = %q, want %q (a file named twice is read once)", names(ins), want)
	}
	if string(ins[0].Data) != "id: a\n" {
		t.Errorf("data = %q", ins[0].Data)
	}
}

func TestDiscoverCleansNames(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"h/a.yaml": "x"})
	t.Chdir(dir)
	ins, diags := Discover([]string{"./h//a.yaml"}, "")
	if len(diags) != 0 || len(ins) != 1 || ins[0].Name != filepath.Join("h", "a.yaml") {
		t.Fatalf("got %q, %v", names(ins), diags)
	}
}

func TestDiscoverFolder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.yaml":        "b",
		"a.yml":         "a",
		"c.YAML":        "c",
		"notes.txt":     "ignored: not a handout file",
		"README.md":     "ignored",
		".draft.yaml":   "ignored: hidden",
		"sub/d.yaml":    "ignored: not recursive",
		"folder.yaml/":  "",
		"logo.png":      "ignored",
		"x.yaml.backup": "ignored",
	})
	ins, diags := Discover([]string{dir}, "")
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	want := []string{filepath.Join(dir, "a.yml"), filepath.Join(dir, "b.yaml"), filepath.Join(dir, "c.YAML")}
	if !equal(names(ins), want) {
		t.Fatalf("inputs = %q, want %q", names(ins), want)
	}
}

func TestDiscoverProblems(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"good.yaml":    "id: good",
		"notes.txt":    "text",
		"empty/":       "",
		"only-md/x.md": "",
	})
	missing := filepath.Join(dir, "missing.yaml")
	txt := filepath.Join(dir, "notes.txt")
	empty := filepath.Join(dir, "empty")
	onlyMD := filepath.Join(dir, "only-md")
	good := filepath.Join(dir, "good.yaml")
	ins, diags := Discover([]string{missing, txt, empty, good, onlyMD}, "")

	if want := []string{good}; !equal(names(ins), want) {
		t.Errorf("inputs = %q, want %q: the good file is still read", names(ins), want)
	}
	want := []string{empty + " no-handouts", missing + " read", txt + " not-yaml", onlyMD + " no-handouts"}
	if !equal(codes(diags), want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(codes(diags), "\n"), strings.Join(want, "\n"))
	}
	for _, d := range diags {
		if d.Severity != diag.Error || d.Message == "" {
			t.Errorf("%v: want an error with a message", d)
		}
	}
	if s := diags.Error(); !strings.Contains(s, missing+": no such file or folder") {
		t.Errorf("missing file reported as:\n%s", s)
	}
}

func TestDiscoverTooLarge(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	writeFiles(t, dir, map[string]string{"big.yaml": strings.Repeat("#", handout.MaxFileBytes+1)})
	ins, diags := Discover([]string{big}, "")
	if len(ins) != 0 || !equal(codes(diags), []string{big + " too-large"}) {
		t.Fatalf("got %q, %v", names(ins), diags)
	}
}

func TestAssetsDirFor(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"repo/assets/logo.png":      "png",
		"repo/handouts/a.yaml":      "a",
		"own/assets/logo.png":       "png",
		"own/handouts/assets/x.png": "png",
		"own/handouts/b.yaml":       "b",
		"none/handouts/c.yaml":      "c",
		"file/handouts/assets":      "a file, not a folder",
		"file/handouts/d.yaml":      "d",
		"top/e.yaml":                "e",
		"top/assets/logo.png":       "png",
	})
	t.Chdir(dir)
	for _, tc := range []struct{ file, want string }{
		{"repo/handouts/a.yaml", "repo/assets"},        // the parent folder's assets
		{"own/handouts/b.yaml", "own/handouts/assets"}, // next to the file wins
		{"none/handouts/c.yaml", ""},
		{"file/handouts/d.yaml", ""}, // a file named assets is not a folder
		{"top/e.yaml", "top/assets"},
	} {
		got := AssetsDirFor(filepath.FromSlash(tc.file))
		if got != filepath.FromSlash(tc.want) {
			t.Errorf("AssetsDirFor(%q) = %q, want %q", tc.file, got, tc.want)
		}
	}

	// A handout in the current folder finds ../assets.
	t.Chdir(filepath.Join(dir, "repo", "handouts"))
	if got, want := AssetsDirFor("a.yaml"), filepath.Join("..", "assets"); got != want {
		t.Errorf("AssetsDirFor(a.yaml) from handouts/ = %q, want %q", got, want)
	}
}

func TestDiscoverAssets(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"handouts/a.yaml":  "a",
		"handouts/b.yaml":  "b",
		"assets/logo.png":  "repo logo",
		"brand/logo.png":   "brand logo",
		"x/lonely/c.yaml":  "c", // no assets beside it or in x/
		"not-a-folder.png": "x",
	})
	t.Chdir(dir)

	ins, diags := Discover([]string{"handouts", filepath.Join("x", "lonely", "c.yaml")}, "")
	if len(diags) != 0 || len(ins) != 3 {
		t.Fatalf("got %q, %v", names(ins), diags)
	}
	for _, in := range ins[:2] {
		if in.AssetsDir != "assets" || in.Assets == nil {
			t.Fatalf("%s: assets %q", in.Name, in.AssetsDir)
		}
		if data, err := fs.ReadFile(in.Assets, "logo.png"); err != nil || string(data) != "repo logo" {
			t.Errorf("%s: logo.png = %q, %v", in.Name, data, err)
		}
	}
	if ins[2].Assets != nil || ins[2].AssetsDir != "" {
		t.Errorf("%s: want no assets folder, got %q", ins[2].Name, ins[2].AssetsDir)
	}

	// --assets wins for every input.
	ins, diags = Discover([]string{"handouts", filepath.Join("x", "lonely", "c.yaml")}, "brand")
	if len(diags) != 0 || len(ins) != 3 {
		t.Fatalf("got %q, %v", names(ins), diags)
	}
	for _, in := range ins {
		if data, err := fs.ReadFile(in.Assets, "logo.png"); err != nil || string(data) != "brand logo" || in.AssetsDir != "brand" {
			t.Errorf("%s: with --assets brand, logo.png = %q, %v (dir %q)", in.Name, data, err, in.AssetsDir)
		}
	}

	// A missing or non-folder --assets is reported, and nothing is read.
	for _, bad := range []string{"missing", "not-a-folder.png"} {
		ins, diags = Discover([]string{"handouts"}, bad)
		if len(ins) != 0 || !equal(codes(diags), []string{bad + " no-assets"}) {
			t.Errorf("--assets %s: got %q, %v", bad, names(ins), diags)
		}
	}
}

func TestEmbedded(t *testing.T) {
	assets := fstest.MapFS{"logo.png": {Data: []byte("png")}}
	fsys := fstest.MapFS{
		"b.yaml":      {Data: []byte("b")},
		"a.yml":       {Data: []byte("a")},
		"handouts.go": {Data: []byte("package handouts")},
	}
	ins, diags := Embedded(fsys, "handouts", assets)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	if want := []string{"handouts/a.yml", "handouts/b.yaml"}; !equal(names(ins), want) {
		t.Fatalf("inputs = %q, want %q", names(ins), want)
	}
	if string(ins[1].Data) != "b" || ins[1].Assets == nil {
		t.Errorf("input b: data %q, assets %v", ins[1].Data, ins[1].Assets)
	}
	if _, diags := Embedded(fstest.MapFS{}, "handouts", nil); !diags.HasErrors() {
		t.Error("no built-in handouts: want an error")
	}
}

func TestIsHandoutFile(t *testing.T) {
	for name, want := range map[string]bool{
		"a.yaml": true, "a.yml": true, "A.YAML": true, "a.json": false, "yaml": false, "a.yaml.bak": false,
	} {
		if got := IsHandoutFile(name); got != want {
			t.Errorf("IsHandoutFile(%q) = %v", name, got)
		}
	}
}

// TestAssetsSymbolicLinks: an assets folder is opened with os.OpenRoot, so a
// symbolic link that leads out of it cannot be read through it, while one
// that stays inside can.
func TestAssetsSymbolicLinks(t *testing.T) {
	dir := t.TempDir()
	logo := string(pngBytes(t))
	writeFiles(t, dir, map[string]string{
		"secret.png":           logo, // outside the assets folder
		"h/assets/real.png":    logo,
		"h/assets/sub/x.png":   logo,
		"h/inside.yaml":        handoutYAML("inside", "inside.png"),
		"h/outside.yaml":       handoutYAML("outside", "outside.png"),
		"h/outside-dir.yaml":   handoutYAML("outside-dir", "up/secret.png"),
		"h/absolute-link.yaml": handoutYAML("absolute-link", "absolute.png"),
	})
	for link, target := range map[string]string{
		"h/assets/inside.png":   "real.png",
		"h/assets/outside.png":  "../../secret.png",
		"h/assets/up":           "../..", // a folder link climbing out
		"h/assets/absolute.png": filepath.Join(dir, "secret.png"),
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("SKIPPED: cannot make symbolic links here: %v", err)
		}
	}
	ins, diags := Discover([]string{filepath.Join(dir, "h")}, "")
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	hs, diags := Load(ins)
	if len(hs) != 1 || hs[0].ID.Value != "inside" {
		t.Errorf("built %d handouts; want only the one whose link stays inside", len(hs))
	}
	var got []string
	for _, d := range diags {
		got = append(got, filepath.Base(d.Pos.File)+": "+d.Message)
	}
	want := []string{
		`absolute-link.yaml: logo file "absolute.png" cannot be used: it is a link that leads outside the assets folder`,
		`outside-dir.yaml: logo file "up/secret.png" cannot be used: "up" is a link that leads outside the assets folder`,
		`outside.yaml: logo file "outside.png" cannot be used: it is a link that leads outside the assets folder`,
	}
	if !equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
