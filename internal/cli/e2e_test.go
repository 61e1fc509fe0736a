package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"handout/assets"
	"handout/handouts"
)

var wroteLine = regexp.MustCompile(`^(wrote|unchanged|up to date) (\S+\.pdf) \((\d+) pages?, [^)]+\)$`)

// buildBuiltin runs "handout build -o dir" with the real built-in handouts,
// layout and PDF writer, and returns the page count it reported per file.
func buildBuiltin(t *testing.T, dir string) map[string]int {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &Env{Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" },
		Handouts: handouts.FS, Assets: assets.FS}
	if code := run([]string{"build", "-o", dir}, e); code != 0 {
		t.Fatalf("handout build: exit code %d\n%s", code, errOut.String())
	}
	if errOut.Len() != 0 {
		t.Errorf("stderr:\n%s", errOut.String())
	}
	pages := map[string]int{}
	for _, l := range lines(out.String()) {
		m := wroteLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("unexpected output line %q", l)
		}
		n, _ := strconv.Atoi(m[3])
		pages[filepath.Base(m[2])] = n
	}
	return pages
}

// TestEndToEnd builds the built-in handouts at both paper sizes, checks
// every PDF with pdfcpu's strict validator and page counter, and checks that
// a second build gives byte-identical files.
func TestEndToEnd(t *testing.T) {
	api.DisableConfigDir() // pdfcpu would otherwise write a config folder into $HOME
	first, second := t.TempDir(), t.TempDir()
	pages := buildBuiltin(t, first)

	want := []string{
		"gut-skin-clinic-checklist-a4.pdf", "gut-skin-clinic-checklist-es-a4.pdf",
		"gut-skin-clinic-checklist-es-letter.pdf", "gut-skin-clinic-checklist-letter.pdf",
		"gut-skin-evidence-ladder-a4.pdf", "gut-skin-evidence-ladder-es-a4.pdf",
		"gut-skin-evidence-ladder-es-letter.pdf", "gut-skin-evidence-ladder-letter.pdf",
	}
	got := pdfNames(t, first)
	if len(got) != len(want) {
		t.Fatalf("output folder holds %q, want %q", got, want)
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	for i, name := range want {
		if got[i] != name {
			t.Fatalf("output folder holds %q, want %q", got, want)
		}
		file := filepath.Join(first, name)
		if err := api.ValidateFile(file, conf); err != nil {
			t.Errorf("%s: pdfcpu validation: %v", name, err)
		}
		n, err := api.PageCountFile(file)
		if err != nil {
			t.Errorf("%s: pdfcpu page count: %v", name, err)
			continue
		}
		if n != pages[name] || n < 1 || n > 2 {
			t.Errorf("%s: pdfcpu counts %d pages; build reported %d; want 1 or 2", name, n, pages[name])
		}
	}

	// Determinism: a second build, into another folder, gives the same bytes.
	buildBuiltin(t, second)
	for _, name := range want {
		a, errA := os.ReadFile(filepath.Join(first, name))
		b, errB := os.ReadFile(filepath.Join(second, name))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds (%v, %v)", name, errA, errB)
		}
	}
}
