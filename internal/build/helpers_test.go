package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// handoutYAML returns a small valid evidence-ladder handout with the given
// id; a non-empty logo adds a logo field naming that file.
func handoutYAML(id, logo string) string {
	s := `kind: evidence-ladder
id: ` + id + `
language: en
title: A test handout
reviewed: 2026-05-01
summary: A short summary.
publisher:
  name: Test Clinic
`
	if logo != "" {
		s += "logo:\n  file: " + logo + "\n  alt: A logo.\n"
	}
	s += `ladder:
  heading: The evidence
  caption: Read from the bottom up.
  rungs:
    - label: Lab work
      text: Lab studies.
      sources: [one]
    - label: People
      text: Studies in people.
conditions:
  heading: Conditions
  items:
    - name: Eczema
      standing: Mixed
      text: Results are mixed.
questions:
  heading: Questions
  items:
    - Which condition was studied?
known:
  heading: Known
  items: [Something.]
unknown:
  heading: Unknown
  items: [Something else.]
sources:
  - id: one
    text: A source.
disclaimer: For information only.
`
	return s
}

// writeFiles creates files under dir; a name ending in "/" makes a folder.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
