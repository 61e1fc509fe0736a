package cli

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"handout/assets"
	"handout/handouts"
)

// The bad-input corpus: testdata/bad at the top of the repository. Each case
// is a handout file <case>.yaml, or a folder <case>/ of them, with the
// transcript <case>.want of what "handout validate" and "handout build" print
// for it. Images the cases refer to are in testdata/bad/assets (made by
// testdata/mkimages). Cases too big to keep in the repository are made by
// generatedCases below; their transcripts are in testdata/bad as well.
//
// After an intended change of a message, run
//
//	go test ./internal/cli -run TestBadInputCorpus -update
//
// and read every changed .want: each line must make sense to someone who
// has never seen YAML's grammar.

func init() {
	// Other test files of this package may define -update too.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite testdata .want and golden files from the current output")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

var (
	repoRoot, _ = filepath.Abs("../..")
	badDir      = filepath.Join(repoRoot, "testdata", "bad")
)

// minimalChecklist is the README's minimal checklist, which the generated
// cases spoil in one way each.
const minimalChecklist = `kind: discussion-checklist
id: %s
language: en
title: Knee Pain Visit Checklist
reviewed: 2026-05-01
summary: %s
publisher:
  name: Example Clinic
fields: [Name, Date]
warnings:
  heading: "Get care today if you have:"
  items:
    - sign: A knee that is hot, red and swollen.
      action: Call your clinic today.
sections:
  - heading: Questions to ask
    items:
      - text: What is causing my knee pain?
        answer_lines: 2
sources:
  - id: nice
    text: National guidance on knee pain.
disclaimer: This page supports, and does not replace, advice from your clinician.
`

// generatedCases are the cases made at test time: megabytes that would
// bloat the repository.
var generatedCases = map[string]func() []byte{
	// A 10 MB summary: the file is over the 1 MiB limit.
	"generated-10mb-string": func() []byte {
		return fmt.Appendf(nil, minimalChecklist, "generated-10mb-string", strings.Repeat("Bring this page. ", 10<<20/17))
	},
	// 10,000 keywords: the list limit (12) stops it.
	"generated-10000-items": func() []byte {
		var b strings.Builder
		b.WriteString("keywords:\n")
		for i := range 10000 {
			fmt.Fprintf(&b, "  - keyword %d\n", i)
		}
		return fmt.Appendf(nil, minimalChecklist+b.String(), "generated-10000-items", "Bring this page to your appointment.")
	},
	// 100,000 nested lists, beyond yaml.v3's own limit of 10,000.
	"generated-100000-nested-lists": func() []byte {
		return fmt.Appendf(nil, minimalChecklist+"keywords: %s%s\n", "generated-100000-nested-lists",
			"Bring this page to your appointment.", strings.Repeat("[", 100000), strings.Repeat("]", 100000))
	},
}

type corpusCase struct {
	name string
	dir  string // the folder the commands run in
	arg  string // the path given to them, relative to dir
}

func corpusCases(t *testing.T) []corpusCase {
	t.Helper()
	entries, err := os.ReadDir(badDir)
	if err != nil {
		t.Fatal(err)
	}
	var cases []corpusCase
	wants := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir() && name != "assets":
			cases = append(cases, corpusCase{name, repoRoot, "testdata/bad/" + name})
		case strings.HasSuffix(name, ".yaml"):
			cases = append(cases, corpusCase{strings.TrimSuffix(name, ".yaml"), repoRoot, "testdata/bad/" + name})
		case strings.HasSuffix(name, ".want"):
			wants[strings.TrimSuffix(name, ".want")] = true
		}
	}
	for name, gen := range generatedCases {
		dir := t.TempDir()
		p := filepath.Join(dir, "testdata", "bad", name+".yaml")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, gen(), 0o644); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, corpusCase{name, dir, "testdata/bad/" + name + ".yaml"})
	}
	for _, c := range cases {
		delete(wants, c.name)
	}
	for name := range wants {
		t.Errorf("testdata/bad/%s.want has no case: remove it, or add %s.yaml", name, name)
	}
	return cases
}

var summaryLine = regexp.MustCompile(`^\d+ errors? in \d+ files?(; not built: .+)?$`)

// TestBadInputCorpus runs "handout validate" and "handout build" on every
// case of the bad-input corpus, through the same code as the command line,
// and checks: the exact messages (testdata/bad/<case>.want), exit code 1,
// nothing on stdout, every message naming the file, and no output folder or
// file created.
func TestBadInputCorpus(t *testing.T) {
	cases := corpusCases(t)
	if len(cases) < 50 {
		t.Errorf("the corpus has %d cases; the issue asks for at least 50", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Chdir(c.dir)
			out := filepath.Join(t.TempDir(), "dist")
			var transcript strings.Builder
			for i, args := range [][]string{{"validate", c.arg}, {"build", "-o", out, c.arg}} {
				var stdout, stderr bytes.Buffer
				e := &Env{Out: &stdout, ErrOut: &stderr, Getenv: func(string) string { return "" },
					Handouts: handouts.FS, Assets: assets.FS}
				code := run(args, e)
				shown := strings.ReplaceAll("handout "+strings.Join(args, " "), out, "OUT")
				if i > 0 {
					transcript.WriteString("\n")
				}
				fmt.Fprintf(&transcript, "$ %s\n%sexit status %d\n", shown, strings.ReplaceAll(stderr.String(), out, "OUT"), code)

				if code != 1 {
					t.Errorf("%s: exit code %d, want 1", shown, code)
				}
				if stdout.Len() != 0 {
					t.Errorf("%s: stdout:\n%s", shown, stdout.String())
				}
				got := lines(stderr.String())
				if len(got) < 2 {
					t.Errorf("%s: want at least one message and a summary, got:\n%s", shown, stderr.String())
					continue
				}
				for _, l := range got[:len(got)-1] {
					if !strings.HasPrefix(l, c.arg) {
						t.Errorf("%s: message does not start with the file's name: %q", shown, l)
					}
				}
				if last := got[len(got)-1]; !summaryLine.MatchString(last) {
					t.Errorf("%s: last line is not a summary: %q", shown, last)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("the build created the output folder (%v)", err)
			}

			wantFile := filepath.Join(badDir, c.name+".want")
			if updating() {
				if err := os.WriteFile(wantFile, []byte(transcript.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/cli -run TestBadInputCorpus -update, then read the file)", err)
			}
			if got := transcript.String(); got != string(want) {
				t.Errorf("output differs from testdata/bad/%s.want:\n--- got\n%s--- want\n%s", c.name, got, want)
			}
		})
	}
}
