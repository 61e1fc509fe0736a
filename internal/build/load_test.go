package build

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLoad(t *testing.T) {
	assets := fstest.MapFS{"logo.png": {Data: pngBytes(t)}}
	ins := []Input{
		{Name: "a.yaml", Data: []byte(handoutYAML("first", "logo.png")), Assets: assets},
		{Name: "b.yaml", Data: []byte("kind: evidence-ladder\nid: [oops\n")},
		{Name: "c.yaml", Data: []byte(handoutYAML("second", ""))},
		{Name: "d.yaml", Data: []byte(handoutYAML("first", ""))},         // same id as a.yaml
		{Name: "e.yaml", Data: []byte(handoutYAML("third", "logo.png"))}, // no assets folder
	}
	hs, diags := Load(ins)

	var ids []string
	for _, h := range hs {
		ids = append(ids, h.File+":"+h.ID.Value)
	}
	// a.yaml and d.yaml share an id: neither is built.
	if want := []string{"c.yaml:second"}; !equal(ids, want) {
		t.Errorf("handouts = %q, want %q", ids, want)
	}

	// Every problem of every file, sorted by file.
	var files []string
	for _, d := range diags {
		files = append(files, d.Pos.File+" "+d.Code)
	}
	if want := []string{"a.yaml duplicate-id", "b.yaml yaml-syntax", "d.yaml duplicate-id", "e.yaml bad-asset"}; !equal(files, want) {
		t.Fatalf("diagnostics:\n%s", diags)
	}
	if got := diags[2].String(); !strings.HasPrefix(got, "d.yaml:2:5: ") || !strings.Contains(got, "a.yaml:2:5") {
		t.Errorf("duplicate id reported as %q; want d.yaml's position, naming a.yaml's", got)
	}
	if got := diags[0].String(); !strings.HasPrefix(got, "a.yaml:2:5: ") || !strings.Contains(got, "d.yaml:2:5") {
		t.Errorf("duplicate id reported as %q; want a.yaml's position, naming d.yaml's", got)
	}
}

func TestLoadReadsLogo(t *testing.T) {
	assets := fstest.MapFS{"logo.png": {Data: pngBytes(t)}}
	hs, diags := Load([]Input{{Name: "a.yaml", Data: []byte(handoutYAML("first", "logo.png")), Assets: assets}})
	if diags.HasErrors() || len(hs) != 1 {
		t.Fatal(diags)
	}
	if hs[0].Logo == nil || len(hs[0].Logo.Data) == 0 {
		t.Error("a.yaml: the logo was not read from its assets folder")
	}
}

// TestReadStopsAtTheSizeLimit: a handout file over the size limit is not
// read into memory: its size is reported without reading it (here a sparse
// file of 1 GiB, which reading would fill with zeros).
func TestReadStopsAtTheSizeLimit(t *testing.T) {
	name := filepath.Join(t.TempDir(), "huge.yaml")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Skipf("SKIPPED: cannot make a sparse file: %v", err)
	}
	f.Close()
	in := Input{Name: name, Path: name}
	data, err := in.read()
	big, ok := errors.AsType[*tooLargeError](err)
	if !ok || big.size != 1<<30 || data != nil {
		t.Fatalf("read %d bytes, error %v; want none and the size", len(data), err)
	}
	if d := readDiag(&in, err); len(d) != 1 || d[0].Code != "too-large" || !strings.Contains(d[0].Message, "1,073,741,824 bytes") {
		t.Errorf("reported as %v", d)
	}
}
