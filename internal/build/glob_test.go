package build

import (
	"path/filepath"
	"strings"
	"testing"
)

// globTree is a repository with handouts at several depths.
func globTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"handouts/a.yaml":           "a",
		"handouts/b.yml":            "b",
		"handouts/README.md":        "not a handout",
		"handouts/.hidden.yaml":     "hidden",
		"handouts/assets/logo.png":  "png",
		"handouts/es/c.yaml":        "c",
		"handouts/es/clinic/d.yaml": "d",
		"handouts/.git/e.yaml":      "in a hidden folder",
		"handouts/[x].yaml":         "a name with brackets",
		"other/f.yaml":              "f",
		"other/g.txt":               "g",
	})
	t.Chdir(dir)
	return dir
}

func slash(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.ToSlash(p)
	}
	return out
}

func TestGlob(t *testing.T) {
	globTree(t)
	for _, tc := range []struct {
		pattern string
		want    []string
	}{
		{"handouts/*.yaml", []string{"handouts/[x].yaml", "handouts/a.yaml"}},
		{"handouts/*.y*ml", []string{"handouts/[x].yaml", "handouts/a.yaml", "handouts/b.yml"}},
		{"handouts/?.yaml", []string{"handouts/a.yaml"}},
		{"handouts/[ab].*", []string{"handouts/a.yaml", "handouts/b.yml"}},
		{"handouts/.*.yaml", []string{"handouts/.hidden.yaml"}},
		{"handouts/**/*.yaml", []string{"handouts/[x].yaml", "handouts/a.yaml", "handouts/es/c.yaml", "handouts/es/clinic/d.yaml"}},
		{"**/d.yaml", []string{"handouts/es/clinic/d.yaml"}},
		{"*/*.yaml", []string{"handouts/[x].yaml", "handouts/a.yaml", "other/f.yaml"}},
		{"handouts/*/c.yaml", []string{"handouts/es/c.yaml"}},
		{"handouts/es/**", []string{"handouts/es", "handouts/es/c.yaml", "handouts/es/clinic", "handouts/es/clinic/d.yaml"}},
		{"handouts/*/clinic", []string{"handouts/es/clinic"}},
		{"./other/../other/*.yaml", []string{"other/f.yaml"}},
		{"nowhere/*.yaml", nil},
		{"handouts/*.pdf", nil},
	} {
		got, err := Glob(filepath.FromSlash(tc.pattern))
		if err != nil || !equal(slash(got), tc.want) {
			t.Errorf("Glob(%q) = %q, %v\nwant %q", tc.pattern, slash(got), err, tc.want)
		}
	}
	if _, err := Glob("handouts/[a.yaml"); err == nil {
		t.Error("a malformed pattern must be an error")
	}
	// An absolute pattern gives absolute paths.
	abs, _ := filepath.Abs("other")
	if got, err := Glob(filepath.Join(abs, "*.yaml")); err != nil || !equal(got, []string{filepath.Join(abs, "f.yaml")}) {
		t.Errorf("absolute pattern: %q, %v", got, err)
	}
}

func TestDiscoverGlob(t *testing.T) {
	globTree(t)
	ins, diags := Discover([]string{"handouts/**/*.yaml", "other/*", "handouts/a.yaml"}, "")
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	// Matched files in order; a file matched twice is read once; other/g.txt
	// is skipped.
	want := []string{"handouts/[x].yaml", "handouts/a.yaml", "handouts/es/c.yaml", "handouts/es/clinic/d.yaml", "other/f.yaml"}
	if got := slash(names(ins)); !equal(got, want) {
		t.Errorf("inputs %q\nwant %q", got, want)
	}
	// A matched folder is read as a folder (not recursively), and one
	// without handout files is skipped.
	ins, diags = Discover([]string{"handouts/*/"}, "")
	if got := slash(names(ins)); len(diags) != 0 || !equal(got, []string{"handouts/es/c.yaml"}) {
		t.Errorf("folders: %q, %v", got, diags)
	}
	// A path that exists as it is, is not a pattern.
	ins, diags = Discover([]string{"handouts/[x].yaml"}, "")
	if got := slash(names(ins)); len(diags) != 0 || !equal(got, []string{"handouts/[x].yaml"}) {
		t.Errorf("literal: %q, %v", got, diags)
	}
}

func TestDiscoverGlobProblems(t *testing.T) {
	globTree(t)
	_, diags := Discover([]string{"nowhere/*.yaml", "other/*.txt", "handouts/[a.yaml", "handouts/a.yaml"}, "")
	want := []string{"handouts/[a.yaml bad-pattern", "nowhere/*.yaml no-match", "other/*.txt no-handouts"}
	if got := codes(diags); !equal(slash(got), want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, d := range diags[:2] {
		if !strings.Contains(d.Hint, "quote") {
			t.Errorf("%v: the hint does not explain patterns", d)
		}
	}
	if s := diags.Error(); !strings.Contains(s, "nowhere/*.yaml: no file or folder matches this pattern") {
		t.Errorf("no match reported as:\n%s", s)
	}
}
