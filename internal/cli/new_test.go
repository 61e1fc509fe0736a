package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handout/assets"
	"handout/handouts"
	"handout/internal/handout"
)

// realEnv runs the command line with the real layout and PDF writer, with
// SOURCE_DATE_EPOCH set to epoch (none when empty).
func realRun(t *testing.T, epoch string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &Env{Out: &out, ErrOut: &errOut, Handouts: handouts.FS, Assets: assets.FS,
		Getenv: func(k string) string {
			if k == "SOURCE_DATE_EPOCH" {
				return epoch
			}
			return ""
		}}
	code = run(args, e)
	return code, out.String(), errOut.String()
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestNewStarters writes each kind of starter, then validates, lints and
// builds it as a user would: it must need no change to pass all three.
func TestNewStarters(t *testing.T) {
	for _, kind := range handout.Kinds {
		for _, epoch := range []string{"", "1777593600"} { // today; 2026-05-01
			t.Run(string(kind)+"/"+epoch, func(t *testing.T) {
				dir := t.TempDir()
				file := filepath.Join(dir, "Knee Pain "+string(kind)+".yaml")
				code, stdout, stderr := realRun(t, epoch, "new", string(kind), file)
				if code != 0 || stderr != "" {
					t.Fatalf("handout new: exit code %d, stderr:\n%s", code, stderr)
				}
				if !strings.Contains(stdout, "wrote "+file) || !strings.Contains(stdout, "handout build '"+file+"'") {
					t.Errorf("handout new does not say what it wrote and what to do next:\n%s", stdout)
				}
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				day := time.Now().UTC()
				if epoch != "" {
					day = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
				}
				id := "knee-pain-" + string(kind)
				for _, want := range []string{"# yaml-language-server: $schema=handout.schema.json\n",
					"\nkind: " + string(kind) + "\n", "\nid: " + id + "\n", "\nreviewed: " + day.Format("2006-01-02") + "\n"} {
					if !strings.Contains(string(data), want) && !strings.HasPrefix(string(data), want) {
						t.Errorf("the starter lacks %q", want)
					}
				}
				if got := listDir(t, dir); len(got) != 1 {
					t.Errorf("handout new left %q in the folder, want only the handout", got)
				}

				if code, stdout, stderr := realRun(t, epoch, "validate", file); code != 0 || stdout+stderr != "" {
					t.Errorf("handout validate: exit code %d\n%s%s", code, stdout, stderr)
				}
				if code, stdout, stderr := realRun(t, epoch, "lint", file); code != 0 || stdout != "" {
					t.Errorf("handout lint: exit code %d, findings:\n%s%s", code, stdout, stderr)
				}
				out := filepath.Join(dir, "dist")
				if code, _, stderr := realRun(t, epoch, "build", "-o", out, file); code != 0 || stderr != "" {
					t.Errorf("handout build: exit code %d\n%s", code, stderr)
				}
				for _, paper := range []string{"letter", "a4"} {
					pdf, err := os.ReadFile(filepath.Join(out, id+"-"+paper+".pdf"))
					if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
						t.Errorf("no %s PDF: %v", paper, err)
					}
				}
			})
		}
	}
}

func TestNewRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "mine.yaml")
	mine := []byte("kind: evidence-ladder\n# my own work\n")
	if err := os.WriteFile(file, mine, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, kind := range handout.Kinds {
		code, stdout, stderr := realRun(t, "", "new", string(kind), file)
		if code != 1 || stdout != "" {
			t.Errorf("handout new over a file: exit code %d, stdout %q; want 1 and nothing", code, stdout)
		}
		if !strings.HasPrefix(stderr, file+": the file already exists") {
			t.Errorf("handout new over a file says:\n%s", stderr)
		}
		if got, _ := os.ReadFile(file); !bytes.Equal(got, mine) {
			t.Errorf("the file was changed:\n%s", got)
		}
		if got := listDir(t, dir); len(got) != 1 {
			t.Errorf("handout new left %q in the folder", got)
		}
	}
}

func TestNewErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"new", "evidence-lader", filepath.Join(dir, "a.yaml")}, 2, `unknown kind "evidence-lader" (did you mean "evidence-ladder"?)`},
		{[]string{"new", "Discussion-Checklist", filepath.Join(dir, "a.yaml")}, 2, `(did you mean "discussion-checklist"?)`},
		{[]string{"new", "poster", filepath.Join(dir, "a.yaml")}, 2, `unknown kind "poster" (use one of: evidence-ladder, discussion-checklist)`},
		{[]string{"new", "evidence-ladder"}, 2, "accepts 2 arg(s), received 1"},
		{[]string{"new", "evidence-ladder", filepath.Join(dir, "a.txt")}, 2, "a handout file name ends in .yaml or .yml"},
		{[]string{"new", "evidence-ladder", filepath.Join(dir, "missing", "a.yaml")}, 1, "the folder " + filepath.Join(dir, "missing") + " does not exist"},
		{[]string{"new", "evidence-ladder", filepath.Join(dir, ".draft.yaml")}, 2, "a file whose name starts with a dot is skipped when its folder is built"},
	} {
		code, stdout, stderr := realRun(t, "", c.args...)
		if code != c.code || stdout != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("handout %s: exit code %d, stdout %q, stderr:\n%s\nwant exit code %d and %q",
				strings.Join(c.args, " "), code, stdout, stderr, c.code, c.want)
		}
	}
	if got := listDir(t, dir); len(got) != 0 {
		t.Errorf("failed runs of handout new left %q", got)
	}
}

// TestNewFindsSchema checks the path the starter's first line gives editors:
// to the nearest schema above the file, or one in a "handouts" folder.
func TestNewFindsSchema(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"handouts", "drafts/knee", "clinic"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "handouts", "handout.schema.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "clinic", "handout.schema.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		"handouts/a.yaml":    "handout.schema.json",
		"drafts/knee/b.yaml": "../../handouts/handout.schema.json",
		"c.yaml":             "handouts/handout.schema.json",
		"clinic/d.yaml":      "handout.schema.json",
	} {
		p := filepath.Join(root, filepath.FromSlash(file))
		if code, _, stderr := realRun(t, "", "new", "discussion-checklist", p); code != 0 {
			t.Fatalf("handout new %s: exit code %d\n%s", file, code, stderr)
		}
		data, _ := os.ReadFile(p)
		if line := "# yaml-language-server: $schema=" + want + "\n"; !bytes.HasPrefix(data, []byte(line)) {
			first, _, _ := strings.Cut(string(data), "\n")
			t.Errorf("%s starts with %q, want %q", file, first, line)
		}
	}
}

// TestNewGivesEachHandoutItsOwnID: starters made in one folder build
// together: a file name whose id another handout there already has gets a
// number (and says so), and accented letters keep their base letter.
func TestNewGivesEachHandoutItsOwnID(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ file, id, note string }{
		{"visit.yaml", "visit", ""},
		{"Visit.yaml", "visit-2", `note: id "visit" is used by another handout`},
		{"VISIT.yml", "visit-3", `note: id "visit" is used by another handout`},
		{"Étude cutanée.yaml", "etude-cutanee", ""},
	} {
		code, stdout, stderr := realRun(t, "1764028800", "new", "discussion-checklist", filepath.Join(dir, c.file))
		if code != 0 {
			t.Fatalf("new %s: exit code %d: %s", c.file, code, stderr)
		}
		if !strings.Contains(stdout, fmt.Sprintf("with id %q", c.id)) {
			t.Errorf("new %s: want id %q, got:\n%s", c.file, c.id, stdout)
		}
		if c.note != "" && !strings.Contains(stdout, c.note) || c.note == "" && strings.Contains(stdout, "note:") {
			t.Errorf("new %s: note %q wanted, got:\n%s", c.file, c.note, stdout)
		}
	}
	out := filepath.Join(dir, "out")
	code, _, stderr := realRun(t, "1764028800", "build", dir, "-o", out)
	if code != 0 {
		t.Fatalf("the starters of one folder do not build together: exit code %d\n%s", code, stderr)
	}
	if got := listDir(t, out); len(got) < 8 {
		t.Errorf("built %q, want two PDFs for each of the 4 starters", got)
	}
}
