package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"handout/assets"
	"handout/handouts"
	"handout/internal/handout"
	"handout/internal/layout"
)

// allHandouts loads the built-in handouts and the valid ones in
// testdata/good.
func allHandouts(t *testing.T) []*handout.Handout {
	t.Helper()
	ins, diags := Embedded(handouts.FS, "handouts", assets.FS)
	good, more := Discover([]string{"../../testdata/good"}, "")
	hs, more2 := Load(append(ins, good...))
	if diags = append(append(diags, more...), more2...); diags.HasErrors() || len(hs) < 4 {
		t.Fatalf("%d handouts:\n%v", len(hs), diags)
	}
	return hs
}

// TestRenderConcurrently renders every handout on both papers from many
// goroutines at once (run with -race) and checks that each PDF has the same
// bytes as when rendered alone.
func TestRenderConcurrently(t *testing.T) {
	hs := allHandouts(t)
	type job struct {
		h     *handout.Handout
		paper layout.Paper
	}
	var jobs []job
	want := map[job][]byte{}
	for _, h := range hs {
		for _, p := range layout.Papers {
			j := job{h, p}
			data, _, diags := Render(h, p, RenderOptions{})
			if diags.HasErrors() || data == nil {
				t.Fatalf("%s on %s: %v", h.File, p.Name, diags)
			}
			jobs = append(jobs, j)
			want[j] = data
		}
	}
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data, _, diags := Render(j.h, j.paper, RenderOptions{})
			if diags.HasErrors() || !bytes.Equal(data, want[j]) {
				t.Errorf("%s on %s: rendered concurrently, the PDF differs (%v)", j.h.File, j.paper.Name, diags)
			}
		}()
	}
	wg.Wait()
}

// TestParallelBuildsIntoOneFolder runs several builds of the same handouts
// into one folder at the same time, as two CI jobs might: every file ends
// complete, no temporary file is left, and the manifest names every file.
// Then builds of different handouts, at the same time into one folder,
// keep each other's manifest entries.
func TestParallelBuildsIntoOneFolder(t *testing.T) {
	ins, _ := Embedded(handouts.FS, "handouts", assets.FS)
	dir := t.TempDir()
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := &Batch{Dir: dir, Papers: layout.Papers, Force: true}
			if res := b.Build(context.Background(), ins); res.Diags.HasErrors() {
				t.Error(res.Diags)
			}
		}()
	}
	wg.Wait()
	hs, diags := Load(ins)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	names := []string{ManifestName}
	for _, h := range hs {
		for _, p := range layout.Papers {
			name := OutputName(h.ID.Value, p)
			names = append(names, name)
			want, _, _ := Render(h, p, RenderOptions{})
			if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s is not the complete PDF (%v)", name, err)
			}
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(names) {
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		t.Errorf("the folder holds %q; want only the %d PDFs and the manifest", got, len(names)-1)
	}
	if m, diags := ReadManifest(dir); len(diags) != 0 || len(m.Outputs) != len(names)-1 {
		t.Errorf("the manifest has %d outputs (%v)", len(m.Outputs), diags)
	}

	// Eight builds of eight different handouts into one folder at once.
	dir = t.TempDir()
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender}
			if res := b.Build(context.Background(), inputsOf(fmt.Sprintf("h%d", i))); res.Diags.HasErrors() {
				t.Error(res.Diags)
			}
		}()
	}
	wg.Wait()
	if m, _ := ReadManifest(dir); len(m.Outputs) != 16 || len(m.Handouts) != 8 {
		t.Errorf("after 8 builds at once, the manifest has %d outputs and %d handouts, want 16 and 8", len(m.Outputs), len(m.Handouts))
	}
}
