package build

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"handout/internal/layout"
)

// builtManifest is the manifest a build writes for a few handouts: one
// with a logo, one whose file name is not ASCII, in both editions.
func builtManifest(t testing.TB) []byte {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "dist")
	ins := inputsOf("a", "b")
	ins[1].Name = "guía-ñ.yaml"
	for _, large := range []bool{false, true} {
		b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender, Options: RenderOptions{LargePrint: large}}
		if res := b.Build(context.Background(), ins); res.Diags.HasErrors() {
			t.Fatal(res.Diags)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// unmarshalIndex is the index of what ReadManifest reads from data, or nil
// when it would not read it.
func unmarshalIndex(data []byte) *manIndex {
	m := newManifest()
	if err := json.Unmarshal(data, m); err != nil || m.Format != manifestFormat {
		return nil
	}
	return indexOf(m)
}

// TestScanIndex: the manifests a build writes are scanned, and give the
// index that encoding/json gives; what scanIndex leaves (escapes, keys in
// another case or unknown, null, numbers it does not take, another
// format) is still read as before, by decodeIndex or ReadManifest.
func TestScanIndex(t *testing.T) {
	data := builtManifest(t)
	got, ok := scanIndex(data)
	if !ok {
		t.Fatalf("a manifest the build wrote was not scanned:\n%s", data)
	}
	if want := unmarshalIndex(data); !reflect.DeepEqual(got, want) {
		t.Errorf("scanned\n%+v\nwant\n%+v", got, want)
	}
	if len(got.outs) != 8 || len(got.hands) != 2 {
		t.Errorf("%d outputs and %d handouts, want 8 and 2", len(got.outs), len(got.hands))
	}
	text := string(data)
	for _, tc := range []struct{ name, old, new string }{
		{"escaped name", `"guía-ñ.yaml"`, `"gu\u00eda-\u00f1.yaml"`},
		{"key in capitals", `"input"`, `"Input"`},
		{"unknown key", `"pages": 1`, `"pages": 1, "later": [1, {"x": null}]`},
		{"null", `"tool": "handout ` + Version + `"`, `"tool": null`},
		{"negative", `"pages": 1`, `"pages": -1`},
		{"float", `"pages": 1`, `"pages": 1.0`},
		{"exponent", `"pages": 1`, `"pages": 1e0`},
		{"format 2", `"format": 1`, `"format": 2`},
		{"no format", `"format": 1,`, ``},
		{"trailing text", "}\n", "}\nx"},
		{"a duplicate entry", `"outputs": {`, `"outputs": {"a-a4.pdf": {"input": "x.yaml", "pages": 7},`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(text, tc.old) {
				t.Fatalf("the manifest has no %q", tc.old)
			}
			variant := []byte(strings.Replace(text, tc.old, tc.new, 1))
			want := unmarshalIndex(variant)
			if m, ok := scanIndex(variant); ok && !reflect.DeepEqual(m, want) {
				t.Errorf("scanned, and not as encoding/json reads it")
			}
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{ManifestName: string(variant)})
			m, _ := readIndex(dir)
			if want == nil { // ReadManifest warns, and gives an empty manifest
				want = &manIndex{}
			}
			empty := len(m.outs)+len(m.hands) == 0 && len(want.outs)+len(want.hands) == 0
			if !empty && !reflect.DeepEqual(m, want) {
				t.Errorf("readIndex\n%+v\nwant\n%+v", m, want)
			}
		})
	}
}

// FuzzScanIndex: whatever scanIndex reads, encoding/json reads the same.
func FuzzScanIndex(f *testing.F) {
	data := builtManifest(f)
	f.Add(data)
	f.Add([]byte(`{"format": 1, "outputs": {"x": {"bytes": 0}}, "handouts": {"k": {"assets": []}}}`))
	f.Add([]byte(`{"format":1,"handouts":{"k":{"assets":["a","b"],"assets":[]}},"outputs":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, ok := scanIndex(data)
		if !ok {
			return
		}
		want := unmarshalIndex(data)
		if want == nil {
			t.Fatalf("scanned what encoding/json does not read:\n%q", data)
		}
		if !reflect.DeepEqual(m, want) {
			t.Fatalf("scanned\n%+v\nencoding/json\n%+v\nfrom\n%q", m, want, data)
		}
		if d, ok := decodeIndex(bytes.NewReader(data)); !ok || !reflect.DeepEqual(d, m) {
			t.Fatalf("decodeIndex (ok %v)\n%+v\nscanIndex\n%+v\nfrom\n%q", ok, d, m, data)
		}
	})
}
