package handout

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that no input crashes the parser, that every position is
// inside the file, and that a handout comes back exactly when there is no
// error.
func FuzzParse(f *testing.F) {
	for _, s := range []string{ladderYAML, checklistYAML, "", "\tkind: x\n", "a: [\n", "title: *x\n",
		"kind: evidence-ladder\nkind: [\n", "\xEF\xBB\xBFkind: discussion-checklist\r\n"} {
		f.Add([]byte(s))
	}
	// The real handouts, the valid test handouts and the bad-input corpus.
	for _, pattern := range []string{"../../handouts/*.yaml", "../../testdata/good/*.yaml", "../../testdata/bad/*.yaml", "../../testdata/bad/*/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		if len(files) == 0 {
			f.Fatalf("no seeds in %s", pattern)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		h, diags := Parse("f.yaml", data, Options{})
		// YAML also ends a line at a lone CR, NEL, U+2028 and U+2029.
		text := strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n").Replace(string(data))
		lines := strings.Count(text, "\n") + 1
		utf16 := bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
		for _, d := range diags {
			if utf16 { // lines as yaml.v3 decodes them, not countable here
				d.Pos.Line, d.Pos.Col = 0, 0
			}
			if d.Pos.File != "f.yaml" || d.Pos.Line < 0 || d.Pos.Line > lines || d.Pos.Col < 0 || (d.Pos.Line == 0 && d.Pos.Col != 0) {
				t.Errorf("position %+v outside a file of %d lines: %s", d.Pos, lines, d)
			}
			if d.Code == "" || d.Message == "" {
				t.Errorf("diagnostic without code or message: %+v", d)
			}
		}
		if (h == nil) != diags.HasErrors() {
			t.Errorf("handout %v with diagnostics %v", h != nil, diags)
		}
	})
}
