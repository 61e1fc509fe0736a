package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"handout/assets"
	"handout/handouts"
	"handout/internal/build"
)

// committedSchema is the copy of the schema kept for editors.
var committedSchema = filepath.Join(repoRoot, "handouts", "handout.schema.json")

// TestSchemaCommand checks that "handout schema" prints the schema, as JSON,
// on stdout alone, and that handouts/handout.schema.json is the same. After
// changing the schema (internal/handout/handout.schema.json), refresh the
// copy with
//
//	go test ./internal/cli -run TestSchemaCommand -update
func TestSchemaCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"schema"}, &Env{Out: &stdout, ErrOut: &stderr, Getenv: func(string) string { return "" },
		Handouts: handouts.FS, Assets: assets.FS})
	if code != 0 || stderr.Len() != 0 {
		t.Fatalf("handout schema: exit code %d, stderr:\n%s", code, stderr.String())
	}
	var doc struct {
		Schema     string         `json:"$schema"`
		Properties map[string]any `json:"properties"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("handout schema does not print JSON: %v", err)
	}
	if doc.Schema != "https://json-schema.org/draft/2020-12/schema" || doc.Properties["kind"] == nil {
		t.Errorf("handout schema does not print a draft 2020-12 schema of handouts: $schema %q", doc.Schema)
	}
	if updating() {
		if err := os.WriteFile(committedSchema, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	committed, err := os.ReadFile(committedSchema)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(committed, stdout.Bytes()) {
		t.Errorf("handouts/handout.schema.json differs from the output of \"handout schema\": run go test ./internal/cli -run TestSchemaCommand -update")
	}

	if code := run([]string{"schema", "extra"}, &Env{Out: &stdout, ErrOut: &stderr}); code != 2 {
		t.Errorf("handout schema extra: exit code %d, want 2", code)
	}
}

// TestSchemaIsNotAHandout checks that the schema beside the built-in
// handouts is neither embedded nor found as a handout: only *.yaml files are.
func TestSchemaIsNotAHandout(t *testing.T) {
	yamls, err := filepath.Glob(filepath.Join(repoRoot, "handouts", "*.yaml"))
	if err != nil || len(yamls) == 0 {
		t.Fatalf("no built-in handouts (%v)", err)
	}
	var want []string
	for _, y := range yamls {
		want = append(want, filepath.Base(y))
	}
	names := func(ins []build.Input) []string {
		var out []string
		for _, in := range ins {
			out = append(out, filepath.Base(in.Name))
		}
		slices.Sort(out)
		return out
	}
	embedded, diags := build.Embedded(handouts.FS, "handouts", assets.FS)
	if len(diags) > 0 || !slices.Equal(names(embedded), want) {
		t.Errorf("embedded handouts: %q (%v), want %q", names(embedded), diags, want)
	}
	found, diags := build.Discover([]string{filepath.Join(repoRoot, "handouts")}, "")
	if len(diags) > 0 || !slices.Equal(names(found), want) {
		t.Errorf("handouts found in handouts/: %q (%v), want %q", names(found), diags, want)
	}
}
