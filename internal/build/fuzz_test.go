package build

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"handout/assets"
	"handout/handouts"
	"handout/internal/handout"
	"handout/internal/layout"
)

// fuzzAssets is an assets folder with every image the test handouts name,
// good and broken, so that fuzzed logo paths reach the image checks.
func fuzzAssets(f *testing.F) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, dir := range []string{"../../testdata/good/assets", "../../testdata/bad/assets"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range entries {
			if !e.Type().IsRegular() {
				continue // the symbolic link case needs a real folder; see TestAssetsSymbolicLinks
			}
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			fsys[e.Name()] = &fstest.MapFile{Data: data}
		}
	}
	data, err := fs.ReadFile(assets.FS, "series-mark.png")
	if err != nil {
		f.Fatal(err)
	}
	fsys["series-mark.png"] = &fstest.MapFile{Data: data}
	return fsys
}

// fuzzSeeds adds every handout the repository holds: the built-in ones, the
// valid ones in testdata/good and the bad-input corpus.
func fuzzSeeds(f *testing.F) {
	n := 0
	err := fs.WalkDir(handouts.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && IsHandoutFile(p) {
			data, err := fs.ReadFile(handouts.FS, p)
			if err != nil {
				return err
			}
			f.Add(data)
			n++
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	for _, dir := range []string{"../../testdata/good", "../../testdata/bad"} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && IsHandoutFile(p) {
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				f.Add(data)
				n++
			}
			return err
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	if n < 60 {
		f.Fatalf("only %d seeds; the corpus folders moved?", n)
	}
}

// FuzzBuild runs the whole path from YAML to PDF bytes: parse and check, lay
// out on both papers, draw. No input may crash it or reach the PDF library
// in a form it cannot draw (pdf.Write turns a panic of the library into an
// error, which counts as a crash here). A handout that passes every check
// must come out as a valid PDF with the pages its kind has.
func FuzzBuild(f *testing.F) {
	api.DisableConfigDir()
	fsys := fuzzAssets(f)
	fuzzSeeds(f)
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	pages := map[handout.Kind]int{handout.KindEvidenceLadder: 2, handout.KindDiscussionChecklist: 1}

	f.Fuzz(func(t *testing.T, data []byte) {
		h, diags := handout.Parse("f.yaml", data, handout.Options{Assets: fsys})
		if (h == nil) != diags.HasErrors() {
			t.Fatalf("handout %v with diagnostics %v", h != nil, diags)
		}
		if h == nil {
			return
		}
		for _, paper := range layout.Papers {
			pdf, n, diags := Render(h, paper, RenderOptions{})
			for _, d := range diags {
				switch d.Code {
				case "pdf", "render", "font":
					t.Fatalf("%s: an input the checks let through broke the drawing: %s", paper.Name, d)
				}
				if d.Pos.File != "f.yaml" {
					t.Errorf("%s: diagnostic names another file: %s", paper.Name, d)
				}
			}
			if diags.HasErrors() {
				if pdf != nil {
					t.Fatalf("%s: PDF bytes despite errors", paper.Name)
				}
				continue
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !strings.HasSuffix(strings.TrimSpace(string(pdf[max(0, len(pdf)-16):])), "%%EOF") {
				t.Fatalf("%s: not a complete PDF", paper.Name)
			}
			if n != pages[h.Kind] {
				t.Errorf("%s: %d pages; a %s has %d", paper.Name, n, h.Kind, pages[h.Kind])
			}
			if err := api.Validate(bytes.NewReader(pdf), conf); err != nil {
				t.Fatalf("%s: pdfcpu: %v", paper.Name, err)
			}
		}
	})
}

// FuzzBuildText puts arbitrary text into the title, the summary and a list
// item of a valid handout (as YAML double-quoted strings, so that any text
// gets through the YAML syntax), and runs the whole path: most inputs of
// FuzzBuild stop at a syntax error, these reach the layout and the PDF
// library with whatever characters and lengths the fuzzer finds.
func FuzzBuildText(f *testing.F) {
	api.DisableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	for _, s := range []string{"Probióticos y piel, ¿qué sabemos?", "Lista pytań przed wizytą", "Danh sách câu hỏi khi đi khám",
		"Λίστα", "Список", "😀", "שלום", "\u202eabc", "a\u0301", "ﬁ", "(x) \\ [y]", "%PDF-1.7 endstream endobj",
		"\u00ad\u200b\u2028", "", strings.Repeat("word ", 300)} {
		f.Add(s)
	}
	template := handoutYAML("fuzz", "")
	f.Fuzz(func(t *testing.T, s string) {
		q, err := json.Marshal(s)
		if err != nil {
			return
		}
		for _, line := range []string{"title: A test handout\n", "summary: A short summary.\n", "    - Which condition was studied?\n"} {
			field, _, _ := strings.Cut(line, ": ")
			if strings.HasPrefix(line, "    - ") {
				field = "    - "
			} else {
				field += ": "
			}
			yml := strings.Replace(template, line, field+string(q)+"\n", 1)
			h, diags := handout.Parse("f.yaml", []byte(yml), handout.Options{})
			if h == nil {
				for _, d := range diags {
					if d.Code == "yaml-syntax" {
						t.Fatalf("a JSON string broke the YAML: %s\n%s", d, yml)
					}
				}
				continue
			}
			for _, paper := range layout.Papers {
				pdf, _, diags := Render(h, paper, RenderOptions{})
				for _, d := range diags {
					if d.Code == "pdf" || d.Code == "render" || d.Code == "font" {
						t.Fatalf("%s: %s", paper.Name, d)
					}
				}
				if diags.HasErrors() {
					continue
				}
				if err := api.Validate(bytes.NewReader(pdf), conf); err != nil {
					t.Fatalf("%s: pdfcpu: %v", paper.Name, err)
				}
			}
		}
	})
}
