package build

import (
	"bytes"
	"context"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// fakeRender "renders" a handout as a short text naming it and the paper.
// Handouts whose id starts with "bad-" fail on A4 only.
func fakeRender(h *handout.Handout, paper layout.Paper, opt RenderOptions) ([]byte, int, diag.List) {
	if strings.HasPrefix(h.ID.Value, "bad-") && paper.Name == "a4" {
		var l diag.List
		l.Add(diag.Pos{File: h.File, Line: 3, Col: 1}, "text-overflow", "", "does not fit on a4", "")
		return nil, 0, l
	}
	s := "%PDF " + h.ID.Value + " " + paper.Name
	if !opt.Date.IsZero() {
		s += " " + opt.Date.Format(time.DateOnly)
	}
	if h.Logo != nil {
		s += fmt.Sprintf(" logo %d bytes", len(h.Logo.Data))
	}
	return []byte(s), 1, nil
}

// counter counts the calls of a RenderFunc, by handout id and paper.
type counter struct {
	mu    sync.Mutex
	calls map[string]int
	f     RenderFunc
}

func counting(f RenderFunc) *counter { return &counter{calls: map[string]int{}, f: f} }

func (c *counter) render(h *handout.Handout, p layout.Paper, opt RenderOptions) ([]byte, int, diag.List) {
	c.mu.Lock()
	c.calls[h.ID.Value+"-"+p.Name]++
	c.mu.Unlock()
	return c.f(h, p, opt)
}

// rendered lists what was rendered since the last call, sorted.
func (c *counter) rendered() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for k := range c.calls {
		out = append(out, k)
	}
	c.calls = map[string]int{}
	sortStrings(out)
	return out
}

func sortStrings(s []string) {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
}

// inputsOf makes an input for each id: id.yaml, a small valid handout.
func inputsOf(ids ...string) []Input {
	var ins []Input
	for _, id := range ids {
		ins = append(ins, Input{Name: id + ".yaml", Data: []byte(handoutYAML(id, ""))})
	}
	return ins
}

// statuses gives "name status" for each output, in order.
func statuses(outs []Output) []string {
	var s []string
	for _, o := range outs {
		s = append(s, filepath.Base(o.Path)+" "+string(o.Status))
	}
	return s
}

func TestBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	ins := inputsOf("one", "bad-two", "three")
	c := counting(fakeRender)
	var done []string
	total := -1
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: c.render,
		Start: func(n int) { total = n },
		Done:  func(o Output) { done = append(done, filepath.Base(o.Path)+" "+string(o.Status)) }}
	res := b.Build(context.Background(), ins)

	if len(res.Diags) != 1 || res.Diags[0].Pos.File != "bad-two.yaml" {
		t.Fatalf("diagnostics: %v", res.Diags)
	}
	// Reported in the order of the output paths; bad-two failed on A4, so
	// its Letter file is not written either.
	want := []string{"bad-two-a4.pdf failed", "bad-two-letter.pdf failed", "one-a4.pdf written",
		"one-letter.pdf written", "three-a4.pdf written", "three-letter.pdf written"}
	if !equal(done, want) || !equal(statuses(res.Outputs), want) || total != 6 {
		t.Errorf("done = %q (of %d)\nresult %q\nwant %q", done, total, statuses(res.Outputs), want)
	}
	onlyFiles(t, dir, ManifestName, "one-a4.pdf", "one-letter.pdf", "three-a4.pdf", "three-letter.pdf")
	if data, _ := os.ReadFile(filepath.Join(dir, "one-a4.pdf")); string(data) != "%PDF one a4" {
		t.Errorf("one-a4.pdf holds %q", data)
	}
	for _, o := range res.Outputs {
		if o.Status == StatusWritten && (o.Pages != 1 || o.Size == 0 || len(o.SHA256) != 64 || o.Input == "" || o.ID == "") {
			t.Errorf("output %+v", o)
		}
		if strings.HasPrefix(o.ID, "bad-") && (len(o.Diags) != 1 || o.Diags[0].Code != "text-overflow") {
			t.Errorf("%s: diagnostics %v", o.Path, o.Diags)
		}
	}
	if !equal(res.Failed, []string{"bad-two.yaml"}) || len(res.NotRun) != 0 || res.Interrupted || res.Parsed != 3 {
		t.Errorf("failed %q, not run %q, interrupted %v, parsed %d; want only bad-two.yaml failed, 3 parsed",
			res.Failed, res.NotRun, res.Interrupted, res.Parsed)
	}
	c.rendered()

	// A second run renders only what failed, and does not even parse the
	// handouts that are up to date.
	res = b.Build(context.Background(), ins)
	want = []string{"bad-two-a4.pdf failed", "bad-two-letter.pdf failed", "one-a4.pdf up-to-date",
		"one-letter.pdf up-to-date", "three-a4.pdf up-to-date", "three-letter.pdf up-to-date"}
	if got := statuses(res.Outputs); !equal(got, want) {
		t.Errorf("second run: %q\nwant %q", got, want)
	}
	if got := c.rendered(); !equal(got, []string{"bad-two-a4", "bad-two-letter"}) {
		t.Errorf("second run rendered %q", got)
	}
	if res.Parsed != 1 {
		t.Errorf("second run parsed %d handouts, want 1 (bad-two)", res.Parsed)
	}
	for _, o := range res.Outputs {
		if o.Status == StatusUpToDate && (o.Pages != 1 || o.Size == 0 || len(o.SHA256) != 64) {
			t.Errorf("up-to-date output without its figures: %+v", o)
		}
	}

	// --force renders everything again; the files keep their bytes.
	b.Force = true
	res = b.Build(context.Background(), ins)
	if got := c.rendered(); len(got) != 6 {
		t.Errorf("forced run rendered %q", got)
	}
	if got := statuses(res.Outputs); got[2] != "one-a4.pdf unchanged" {
		t.Errorf("forced run: %q", got)
	}
}

// TestBuildJobs: whatever the number of workers, the same outputs are
// reported in the same order with the same results, and the same files
// are written.
func TestBuildJobs(t *testing.T) {
	var ids []string
	for i := range 24 {
		id := fmt.Sprintf("h%02d", (i*7)%24) // not in name order
		if i%5 == 0 {
			id = "bad-" + id
		}
		ids = append(ids, id)
	}
	ins := inputsOf(ids...)
	var ref []string
	var refRes Result
	for _, jobs := range []int{1, 2, 3, 8, 32} {
		dir := filepath.Join(t.TempDir(), "dist")
		var done []string
		b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender, Jobs: jobs,
			Done: func(o Output) { done = append(done, o.Path[len(dir):]+" "+string(o.Status)) }}
		res := b.Build(context.Background(), ins)
		for i := range res.Outputs {
			res.Outputs[i].Elapsed = 0
			res.Outputs[i].Path = filepath.Base(res.Outputs[i].Path)
		}
		if jobs == 1 {
			ref, refRes = done, res
			if len(done) != 48 || len(res.Failed) != 5 {
				t.Fatalf("-j 1: %d outputs, failed %q", len(done), res.Failed)
			}
			continue
		}
		if !equal(done, ref) {
			t.Errorf("-j %d reported\n%q\nwant\n%q", jobs, done, ref)
		}
		if !reflect.DeepEqual(res, refRes) {
			t.Errorf("-j %d: the result differs from -j 1", jobs)
		}
	}
}

func TestBuildNothingToWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender}
	if res := b.Build(context.Background(), inputsOf("bad-one")); !res.Diags.HasErrors() {
		t.Fatal("want an error")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the output folder was created with nothing to put in it (%v)", err)
	}
}

func TestBuildOutputFolderIsAFile(t *testing.T) {
	for _, jobs := range []int{1, 4} {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"dist": "a file"})
		b := &Batch{Dir: filepath.Join(dir, "dist"), Papers: layout.Papers, Render: fakeRender, Jobs: jobs}
		res := b.Build(context.Background(), inputsOf("one", "two"))
		if len(res.Diags) != 1 {
			t.Fatalf("-j %d: got %v", jobs, res.Diags)
		}
		want := filepath.Join(dir, "dist") + ": the output folder is a file, not a folder (move the file away, or choose another folder with -o)"
		if got := res.Diags[0].String(); got != want {
			t.Errorf("diagnostic %q\nwant %q", got, want)
		}
		// Reported once; every handout with a file to write fails.
		if !equal(res.Failed, []string{"one.yaml", "two.yaml"}) || len(res.NotRun) != 0 {
			t.Errorf("-j %d: failed %q, not run %q", jobs, res.Failed, res.NotRun)
		}
		if data, _ := os.ReadFile(filepath.Join(dir, "dist")); string(data) != "a file" {
			t.Errorf("the file in the way now holds %q", data)
		}
	}
}

func TestBuildRenderWithoutBytes(t *testing.T) {
	b := &Batch{Dir: t.TempDir(), Papers: []layout.Paper{layout.A4},
		Render: func(*handout.Handout, layout.Paper, RenderOptions) ([]byte, int, diag.List) { return nil, 0, nil }}
	if res := b.Build(context.Background(), inputsOf("one")); !res.Diags.HasErrors() {
		t.Fatal("a render that returns no bytes and no error must still be reported")
	}
}

// TestBuildFailFast: with FailFast, the handouts before the first failure
// (in input order) are written and the rest are not tried,
// whatever the number of workers.
func TestBuildFailFast(t *testing.T) {
	for _, jobs := range []int{1, 2, 8} {
		dir := filepath.Join(t.TempDir(), "dist")
		b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender, Jobs: jobs, FailFast: true}
		res := b.Build(context.Background(), inputsOf("a", "b", "bad-c", "d", "e", "f", "0"))
		if !equal(res.Failed, []string{"bad-c.yaml"}) || !equal(res.NotRun, []string{"d.yaml", "e.yaml", "f.yaml", "0.yaml"}) {
			t.Errorf("-j %d: failed %q, not run %q", jobs, res.Failed, res.NotRun)
		}
		onlyFiles(t, dir, ManifestName, "a-a4.pdf", "a-letter.pdf", "b-a4.pdf", "b-letter.pdf")
	}
	// A problem found while reading: none is built.
	ins := append(inputsOf("a", "b"), Input{Name: "broken.yaml", Data: []byte("kind: [")})
	dir := filepath.Join(t.TempDir(), "dist")
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender, FailFast: true}
	res := b.Build(context.Background(), ins)
	if !equal(res.NotRun, []string{"a.yaml", "b.yaml"}) || len(res.Outputs) != 0 {
		t.Errorf("failed %q, not run %q, outputs %q", res.Failed, res.NotRun, statuses(res.Outputs))
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Error("the output folder was made")
	}
}

// TestBuildInterrupted: once the context is cancelled, no handout is
// started, and one rendered meanwhile is not written.
func TestBuildInterrupted(t *testing.T) {
	for _, jobs := range []int{1, 3} {
		dir := filepath.Join(t.TempDir(), "dist")
		ctx, cancel := context.WithCancel(context.Background())
		render := func(h *handout.Handout, p layout.Paper, opt RenderOptions) ([]byte, int, diag.List) {
			switch {
			case h.ID.Value == "c":
				cancel()
			case h.ID.Value > "c":
				// A handout after c that a free worker starts before c
				// is rendered finishes only once the run is interrupted,
				// so that what the run writes does not depend on which
				// worker the scheduler runs first.
				<-ctx.Done()
			}
			return fakeRender(h, p, opt)
		}
		b := &Batch{Dir: dir, Papers: layout.Papers, Render: render, Jobs: jobs}
		res := b.Build(ctx, inputsOf("a", "b", "c", "d", "e", "f", "g"))
		if !res.Interrupted {
			t.Fatalf("-j %d: not interrupted", jobs)
		}
		written := map[string]bool{}
		for _, o := range res.Outputs {
			written[o.ID] = true
			if o.Status != StatusWritten {
				t.Errorf("-j %d: %s %s", jobs, o.Path, o.Status)
			}
		}
		if written["c"] || written["g"] || len(res.NotRun)+len(written) != 7 {
			t.Errorf("-j %d: written %v, not run %q", jobs, written, res.NotRun)
		}
		if jobs == 1 && !equal(res.NotRun, []string{"c.yaml", "d.yaml", "e.yaml", "f.yaml", "g.yaml"}) {
			t.Errorf("-j 1: not run %q", res.NotRun)
		}
		// Every file reported is complete, and recorded in the manifest.
		m, diags := ReadManifest(dir)
		if len(diags) != 0 || len(m.Outputs) != len(res.Outputs) {
			t.Errorf("-j %d: manifest of %d outputs for %d written (%v)", jobs, len(m.Outputs), len(res.Outputs), diags)
		}
	}
}

// TestUpToDate changes each kind of input and checks that exactly the
// outputs it affects are rendered again.
func TestUpToDate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	assets := fstest.MapFS{"logo.png": {Data: pngBytes(t)}, "other.png": {Data: pngBytes(t)}}
	ins := inputsOf("a", "b", "c")
	// Through a pointer, as the assets folders of a real run are, so that
	// a run hashes each asset once (see run.assetSums).
	ins[1] = Input{Name: "b.yaml", Data: []byte(handoutYAML("b", "logo.png")), Assets: &openCounter{FS: assets}}
	c := counting(fakeRender)
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: c.render}
	build := func() Result { t.Helper(); return mustBuild(t, b, ins) }
	build()
	if got := c.rendered(); len(got) != 6 {
		t.Fatalf("first build rendered %q", got)
	}

	for _, step := range []struct {
		name   string
		change func()
		want   []string // rendered
	}{
		{"nothing changed", func() {}, nil},
		{"a handout file changed", func() {
			ins[0].Data = []byte(strings.Replace(string(ins[0].Data), "A short summary.", "Another summary.", 1))
		}, []string{"a-a4", "a-letter"}},
		{"a handout file changed only in a comment", func() {
			ins[2].Data = append(ins[2].Data, "# a comment\n"...)
		}, []string{"c-a4", "c-letter"}},
		{"the logo changed", func() {
			assets["logo.png"] = &fstest.MapFile{Data: append(pngBytes(t), "trailing bytes"...)}
		}, []string{"b-a4", "b-letter"}},
		{"an asset no handout uses changed", func() {
			assets["other.png"] = &fstest.MapFile{Data: []byte("x")}
		}, nil},
		{"an output was deleted", func() {
			os.Remove(filepath.Join(dir, "a-a4.pdf"))
		}, []string{"a-a4"}},
		{"an output was edited by hand", func() {
			os.WriteFile(filepath.Join(dir, "c-letter.pdf"), []byte("%PDF edited"), 0o644)
		}, []string{"c-letter"}},
		{"an output was replaced by one of the same size", func() {
			data, _ := os.ReadFile(filepath.Join(dir, "b-a4.pdf"))
			data[len(data)-1] ^= 1
			os.WriteFile(filepath.Join(dir, "b-a4.pdf"), data, 0o644)
		}, []string{"b-a4"}},
		{"SOURCE_DATE_EPOCH was set", func() {
			b.Options.Date = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
		}, []string{"a-a4", "a-letter", "b-a4", "b-letter", "c-a4", "c-letter"}},
		{"SOURCE_DATE_EPOCH changed", func() {
			b.Options.Date = time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC)
		}, []string{"a-a4", "a-letter", "b-a4", "b-letter", "c-a4", "c-letter"}},
		{"the same again", func() {}, nil},
		{"a handout file was renamed", func() { ins[0].Name = "renamed.yaml" }, nil},
		{"the manifest was deleted", func() {
			os.Remove(filepath.Join(dir, ManifestName))
		}, []string{"a-a4", "a-letter", "b-a4", "b-letter", "c-a4", "c-letter"}},
		{"the manifest was damaged", func() {
			os.WriteFile(filepath.Join(dir, ManifestName), []byte("{not json"), 0o644)
		}, []string{"a-a4", "a-letter", "b-a4", "b-letter", "c-a4", "c-letter"}},
	} {
		step.change()
		res := build()
		if got := c.rendered(); !equal(got, step.want) {
			t.Errorf("%s: rendered %q, want %q", step.name, got, step.want)
		}
		for _, o := range res.Outputs {
			if rendered := o.Status != StatusUpToDate; rendered != contains(step.want, o.ID+"-"+o.Paper.Name) {
				t.Errorf("%s: %s is %s", step.name, o.Path, o.Status)
			}
		}
		if step.name == "a handout file was renamed" {
			if m, _ := ReadManifest(dir); m.Outputs["a-a4.pdf"].Input != "renamed.yaml" {
				t.Errorf("the manifest still names %q", m.Outputs["a-a4.pdf"].Input)
			}
		}
	}
	// After everything, the folder holds exactly the files of the last
	// build and a manifest that names them all.
	m, diags := ReadManifest(dir)
	if len(diags) != 0 || len(m.Outputs) != 6 || len(m.Handouts) != 3 {
		t.Errorf("manifest: %d outputs, %d handouts (%v)", len(m.Outputs), len(m.Handouts), diags)
	}
}

// mustBuild builds ins, failing the test on an error.
func mustBuild(t *testing.T, b *Batch, ins []Input) Result {
	t.Helper()
	res := b.Build(context.Background(), ins)
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags)
	}
	return res
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestUpToDateIDClash: a handout the manifest shows up to date is still
// reported when another handout takes its id.
func TestUpToDateIDClash(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender}
	ins := inputsOf("a", "b")
	if res := b.Build(context.Background(), ins); res.Diags.HasErrors() {
		t.Fatal(res.Diags)
	}
	for name, in := range map[string]Input{
		"a copy":                {Name: "copy.yaml", Data: ins[0].Data},
		"another file, same id": {Name: "other.yaml", Data: []byte(strings.Replace(handoutYAML("a", ""), "A short summary.", "Other.", 1))},
	} {
		res := b.Build(context.Background(), append(append([]Input{}, ins...), in))
		var codes []string
		for _, d := range res.Diags {
			codes = append(codes, d.Pos.File+" "+d.Code)
		}
		want := []string{"a.yaml duplicate-id", in.Name + " duplicate-id"}
		sortStrings(want)
		if !equal(codes, want) {
			t.Errorf("%s: diagnostics %q, want %q", name, codes, want)
		}
		if got := statuses(res.Outputs); !equal(got, []string{"b-a4.pdf up-to-date", "b-letter.pdf up-to-date"}) {
			t.Errorf("%s: outputs %q", name, got)
		}
	}
}

// TestManifest checks the manifest's content and that a build keeps the
// entries of other outputs in the folder.
func TestManifest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	writeFiles(t, dir, map[string]string{"other-a4.pdf": "%PDF other"})
	old := newManifest()
	old.Outputs["other-a4.pdf"] = ManifestOutput{Input: "elsewhere/other.yaml", InputsSHA256: "1", HandoutSHA256: "h1", SHA256: sum([]byte("%PDF other")), Bytes: 10, Pages: 1}
	old.Outputs["gone-a4.pdf"] = ManifestOutput{Input: "elsewhere/gone.yaml", HandoutSHA256: "h2"}
	old.Handouts["h1"] = ManifestHandout{ID: "other", Font: "noto-sans"}
	old.Handouts["h2"] = ManifestHandout{ID: "gone", Font: "noto-sans"}
	writeFiles(t, dir, map[string]string{ManifestName: string(old.encode())})

	ins := inputsOf("one")
	b := &Batch{Dir: dir, Papers: []layout.Paper{layout.A4}, Render: fakeRender}
	if res := b.Build(context.Background(), ins); res.Diags.HasErrors() {
		t.Fatal(res.Diags)
	}
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	m, diags := ReadManifest(dir)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	// Kept: the other output, whose file is there, and its handout.
	// Dropped: the output whose file is gone, and its handout.
	if _, ok := m.Outputs["other-a4.pdf"]; !ok || len(m.Outputs) != 2 {
		t.Errorf("outputs %v", m.Outputs)
	}
	if _, ok := m.Handouts["h1"]; !ok || len(m.Handouts) != 2 {
		t.Errorf("handouts %v", m.Handouts)
	}
	e := m.Outputs["one-a4.pdf"]
	pdf, _ := os.ReadFile(filepath.Join(dir, "one-a4.pdf"))
	hsum := sum(ins[0].Data)
	ih, err := inputKey{handoutSum: hsum, font: "atkinson-hyperlegible"}.inputsHash(layout.A4, RenderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	crc := fmt.Sprintf("%08x", crc32.Checksum(pdf, crc32.MakeTable(crc32.Castagnoli)))
	want := ManifestOutput{Input: "one.yaml", InputsSHA256: ih, HandoutSHA256: hsum, SHA256: sum(pdf), CRC32C: crc,
		Bytes: len(pdf), Pages: 1}
	if e != want {
		t.Errorf("entry %+v\nwant %+v", e, want)
	}
	if h := m.Handouts[hsum]; h.ID != "one" || h.Font != "atkinson-hyperlegible" || len(h.Assets) != 0 {
		t.Errorf("handout record %+v", h)
	}
	if m.Format != 1 || m.Tool != "handout "+Version {
		t.Errorf("format %d, tool %q", m.Format, m.Tool)
	}
	if string(data) != string(m.encode()) || !strings.HasSuffix(string(data), "}\n") {
		t.Errorf("the manifest is not in its canonical form:\n%s", data)
	}
	// Nothing changed: the manifest is not rewritten.
	stamp := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	os.Chtimes(filepath.Join(dir, ManifestName), stamp, stamp)
	b.Build(context.Background(), ins)
	if fi, _ := os.Stat(filepath.Join(dir, ManifestName)); !fi.ModTime().Equal(stamp) {
		t.Error("a build with nothing to do rewrote the manifest")
	}
}

// TestInputsHash: each input of an output changes its hash.
func TestInputsHash(t *testing.T) {
	base := inputKey{handoutSum: sum([]byte("yaml")), font: "atkinson-hyperlegible",
		assets: []assetSum{{"logo.png", sum([]byte("png"))}}}
	hash := func(k inputKey, p layout.Paper, opt RenderOptions) string {
		t.Helper()
		s, err := k.inputsHash(p, opt)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	ref := hash(base, layout.A4, RenderOptions{})
	if hash(base, layout.A4, RenderOptions{}) != ref {
		t.Fatal("the hash is not stable")
	}
	changed := map[string]string{}
	k := base
	k.handoutSum = sum([]byte("yaml2"))
	changed["handout"] = hash(k, layout.A4, RenderOptions{})
	k = base
	k.font = "noto-sans"
	changed["font"] = hash(k, layout.A4, RenderOptions{})
	k = base
	k.assets = []assetSum{{"logo.png", sum([]byte("png2"))}}
	changed["asset bytes"] = hash(k, layout.A4, RenderOptions{})
	k = base
	k.assets = []assetSum{{"logo2.png", sum([]byte("png"))}}
	changed["asset name"] = hash(k, layout.A4, RenderOptions{})
	k = base
	k.assets = nil
	changed["no asset"] = hash(k, layout.A4, RenderOptions{})
	changed["paper"] = hash(base, layout.Letter, RenderOptions{})
	changed["date"] = hash(base, layout.A4, RenderOptions{Date: time.Unix(1777593600, 0)})
	changed["another date"] = hash(base, layout.A4, RenderOptions{Date: time.Unix(1777593601, 0)})
	changed["brand"] = hash(base, layout.A4, RenderOptions{Brand: &handout.Brand{Sum: [32]byte{1}}})
	changed["another brand"] = hash(base, layout.A4, RenderOptions{Brand: &handout.Brand{Sum: [32]byte{2}}})
	changed["large print"] = hash(base, layout.A4, RenderOptions{LargePrint: true})
	seen := map[string]string{ref: "nothing"}
	for what, h := range changed {
		if prev, dup := seen[h]; dup {
			t.Errorf("changing the %s gives the same hash as changing the %s", what, prev)
		}
		seen[h] = what
	}
	// The version of handout and every render option are in the hash.
	if n := reflect.TypeOf(RenderOptions{}).NumField(); n != 3 {
		t.Errorf("RenderOptions has %d fields: add the new ones to optionsText, then update this count", n)
	}
	if _, err := (inputKey{font: "no-such-font"}).inputsHash(layout.A4, RenderOptions{}); err == nil {
		t.Error("an unknown font family must not hash")
	}
	a, _ := fontFamilySum("atkinson-hyperlegible")
	n, _ := fontFamilySum("noto-sans")
	if len(a) != 64 || a == n {
		t.Errorf("font family hashes %q, %q", a, n)
	}
}

// TestInputsHashNamesVersion: the tool's version is hashed, so a new
// version rebuilds everything.
func TestInputsHashNamesVersion(t *testing.T) {
	if !strings.Contains(inputsText(inputKey{font: "noto-sans"}, layout.A4, RenderOptions{}, "fontsum"), `tool "`+Version+`"`) {
		t.Error("the version is not part of the inputs")
	}
}

// TestCheck: Check writes nothing and tells what a build would change.
func TestCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	ins := inputsOf("a", "b", "bad-c")
	check := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender, Check: true}
	res := check.Build(context.Background(), ins)
	want := []string{"a-a4.pdf missing", "a-letter.pdf missing", "b-a4.pdf missing", "b-letter.pdf missing",
		"bad-c-a4.pdf failed", "bad-c-letter.pdf failed"}
	if got := statuses(res.Outputs); !equal(got, want) {
		t.Errorf("before a build: %q", got)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatal("--check made the output folder")
	}
	if res.Outputs[0].SHA256 == "" || res.Outputs[0].Size == 0 {
		t.Errorf("a missing output has no figures: %+v", res.Outputs[0])
	}

	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender}
	b.Build(context.Background(), ins)
	manifest, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	c := counting(fakeRender)
	check.Render = c.render
	res = check.Build(context.Background(), ins)
	want = []string{"a-a4.pdf up-to-date", "a-letter.pdf up-to-date", "b-a4.pdf up-to-date", "b-letter.pdf up-to-date",
		"bad-c-a4.pdf failed", "bad-c-letter.pdf failed"}
	if got := statuses(res.Outputs); !equal(got, want) {
		t.Errorf("after a build: %q", got)
	}
	if got := c.rendered(); !equal(got, []string{"bad-c-a4", "bad-c-letter"}) {
		t.Errorf("rendered %q; the manifest shows the others up to date", got)
	}

	// A changed handout, an edited PDF, a deleted one.
	ins[0].Data = append(ins[0].Data, "# changed\n"...)
	os.WriteFile(filepath.Join(dir, "b-a4.pdf"), []byte("edited"), 0o644)
	os.Remove(filepath.Join(dir, "b-letter.pdf"))
	res = check.Build(context.Background(), ins[:2])
	// a's bytes would not change (the comment does not reach the PDF):
	// rendered in memory, it is found up to date.
	want = []string{"a-a4.pdf up-to-date", "a-letter.pdf up-to-date", "b-a4.pdf stale", "b-letter.pdf missing"}
	if got := statuses(res.Outputs); !equal(got, want) {
		t.Errorf("after changes: %q", got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, ManifestName)); string(got) != string(manifest) {
		t.Error("--check changed the manifest")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "b-a4.pdf")); string(data) != "edited" {
		t.Error("--check wrote a PDF")
	}

	// A PDF that differs from what would be written is stale.
	check.Render = func(h *handout.Handout, p layout.Paper, opt RenderOptions) ([]byte, int, diag.List) {
		data, n, d := fakeRender(h, p, opt)
		return append(data, " v2"...), n, d
	}
	res = check.Build(context.Background(), ins[:1])
	if got := statuses(res.Outputs); !equal(got, []string{"a-a4.pdf stale", "a-letter.pdf stale"}) {
		t.Errorf("new rendering: %q", got)
	}
}

func TestShard(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Shard
		err  string
	}{
		{"1/1", Shard{1, 1}, ""},
		{"2/4", Shard{2, 4}, ""},
		{"4/4", Shard{4, 4}, ""},
		{"0/4", Shard{}, "between 1 and 4"},
		{"5/4", Shard{}, "between 1 and 4"},
		{"1/0", Shard{}, "at least 1"},
		{"2", Shard{}, "want I/N"},
		{"a/b", Shard{}, "want I/N"},
		{" 1/2", Shard{}, "want I/N"},
		{"1/2/3", Shard{}, "want I/N"},
		{"-1/2", Shard{}, "between 1 and 2"},
	} {
		got, err := ParseShard(tc.in)
		if got != tc.want || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, %q", tc.in, got, err, tc.want, tc.err)
		}
		if err == nil && got.String() != tc.in {
			t.Errorf("String() = %q, want %q", got.String(), tc.in)
		}
	}
	if (Shard{}).String() != "" || !(Shard{}).Includes("x", layout.A4) {
		t.Error("the zero Shard is not the whole set")
	}
}

// TestShardsPartition: for every number of shards, the shards of a CI
// matrix build every output exactly once, and each shard gets a fair part.
func TestShardsPartition(t *testing.T) {
	var ids []string
	for i := range 200 {
		ids = append(ids, fmt.Sprintf("handout-%d", i))
	}
	for n := 1; n <= 7; n++ {
		counts := make([]int, n+1)
		for _, id := range ids {
			for _, p := range layout.Papers {
				in := 0
				for i := 1; i <= n; i++ {
					if (Shard{i, n}).Includes(id, p) {
						in++
						counts[i]++
					}
				}
				if in != 1 {
					t.Fatalf("%s on %s is in %d of %d shards", id, p.Name, in, n)
				}
			}
		}
		for i := 1; i <= n; i++ {
			if fair := 400 / n; counts[i] < fair/2 || counts[i] > fair*3/2 {
				t.Errorf("shard %d/%d has %d of 400 outputs", i, n, counts[i])
			}
		}
	}

	// Through Build: the shards' outputs, together, are the whole set.
	ins := inputsOf(ids[:30]...)
	all := &Batch{Dir: t.TempDir(), Papers: layout.Papers, Render: fakeRender, Check: true}
	var want []string
	for _, o := range all.Build(context.Background(), ins).Outputs {
		want = append(want, o.Path)
	}
	for n := 1; n <= 4; n++ {
		var got []string
		other := 0
		for i := 1; i <= n; i++ {
			b := *all
			b.Shard = Shard{i, n}
			res := b.Build(context.Background(), ins)
			for _, o := range res.Outputs {
				got = append(got, o.Path)
			}
			other += res.OtherShards
		}
		sortStrings(got)
		if !equal(got, want) {
			t.Errorf("%d shards build %d outputs, want each of the %d once", n, len(got), len(want))
		}
		if other != len(want)*(n-1) {
			t.Errorf("%d shards: %d outputs counted in other shards", n, other)
		}
	}
}

// TestShardCacheSkipsParsing: a shard's folder records every handout it
// read, so the next run of the shard parses none that did not change,
// including those whose outputs are all in other shards.
func TestShardCacheSkipsParsing(t *testing.T) {
	var ids []string
	for i := range 20 {
		ids = append(ids, fmt.Sprintf("h%d", i))
	}
	ins := inputsOf(ids...)
	dir := filepath.Join(t.TempDir(), "dist")
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender, Shard: Shard{2, 3}}
	if res := b.Build(context.Background(), ins); res.Parsed != 20 || res.Diags.HasErrors() {
		t.Fatalf("first run parsed %d (%v)", res.Parsed, res.Diags)
	}
	if res := b.Build(context.Background(), ins); res.Parsed != 0 {
		t.Errorf("second run parsed %d handouts, want 0", res.Parsed)
	}
}

// TestBuildLint: a handout whose lint has an error gets no file, even when
// its files are up to date.
func TestBuildLint(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	ins := inputsOf("a", "b")
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender}
	b.Build(context.Background(), ins)
	linted := map[string]bool{}
	var mu sync.Mutex
	b.Lint = func(h *handout.Handout) diag.List {
		mu.Lock()
		linted[h.ID.Value] = true
		mu.Unlock()
		var l diag.List
		if h.ID.Value == "b" {
			l.Add(h.Reviewed.Pos, "reviewed-stale", "reviewed", "reviewed-stale: too old", "review it")
		}
		l = append(l, diag.Diagnostic{Pos: h.Title.Pos, Severity: diag.Warning, Code: "all-caps", Message: "all-caps: a warning"})
		return l
	}
	res := b.Build(context.Background(), ins)
	if !linted["a"] || !linted["b"] {
		t.Errorf("linted %v; every handout must be, even up to date", linted)
	}
	want := []string{"a-a4.pdf up-to-date", "a-letter.pdf up-to-date", "b-a4.pdf failed", "b-letter.pdf failed"}
	if got := statuses(res.Outputs); !equal(got, want) || !equal(res.Failed, []string{"b.yaml"}) {
		t.Errorf("outputs %q, failed %q", got, res.Failed)
	}
	if len(res.Diags) != 3 || len(res.Outputs[2].Diags) != 2 {
		t.Errorf("diagnostics %v; b's output has %v", res.Diags, res.Outputs[2].Diags)
	}

	// A new handout with a lint error: nothing is written.
	ins = append(ins, inputsOf("c")...)
	ins[1].Data = append(ins[1].Data, "# changed\n"...)
	before, _ := os.ReadFile(filepath.Join(dir, "b-a4.pdf"))
	b.Lint = func(h *handout.Handout) diag.List {
		var l diag.List
		if h.ID.Value != "a" {
			l.Add(h.Reviewed.Pos, "reviewed-stale", "reviewed", "reviewed-stale: too old", "")
		}
		return l
	}
	b.Build(context.Background(), ins)
	onlyFiles(t, dir, ManifestName, "a-a4.pdf", "a-letter.pdf", "b-a4.pdf", "b-letter.pdf")
	if after, _ := os.ReadFile(filepath.Join(dir, "b-a4.pdf")); string(after) != string(before) {
		t.Error("b's PDF changed")
	}
}

func TestOutputName(t *testing.T) {
	if got := OutputName("gut-skin-evidence-ladder", layout.Letter); got != "gut-skin-evidence-ladder-letter.pdf" {
		t.Errorf("OutputName = %q", got)
	}
	if got := OutputNameFor("gut-skin-evidence-ladder", layout.A4, RenderOptions{LargePrint: true}); got != "gut-skin-evidence-ladder-a4-large-print.pdf" {
		t.Errorf("OutputNameFor large print = %q", got)
	}
	if got := OutputNameFor("gut-skin-evidence-ladder", layout.A4, RenderOptions{}); got != "gut-skin-evidence-ladder-a4.pdf" {
		t.Errorf("OutputNameFor = %q", got)
	}
}

// TestLargePrintSharesTheFolder: large-print PDFs have their own names, so
// regular and large-print builds into one folder keep each other's files
// and each other's manifest entries up to date.
func TestLargePrintSharesTheFolder(t *testing.T) {
	dir := t.TempDir()
	ins := inputsOf("a")
	c := counting(Render)
	run := func(large bool) []string {
		t.Helper()
		b := &Batch{Dir: dir, Papers: layout.Papers, Render: c.render, Options: RenderOptions{LargePrint: large}}
		res := b.Build(context.Background(), ins)
		if res.Diags.HasErrors() {
			t.Fatal(res.Diags)
		}
		return statuses(res.Outputs)
	}
	if got, want := run(false), []string{"a-a4.pdf written", "a-letter.pdf written"}; !slices.Equal(got, want) {
		t.Errorf("regular build: %q, want %q", got, want)
	}
	if got, want := run(true), []string{"a-a4-large-print.pdf written", "a-letter-large-print.pdf written"}; !slices.Equal(got, want) {
		t.Errorf("large-print build: %q, want %q", got, want)
	}
	c.rendered()
	if got, want := run(false), []string{"a-a4.pdf up-to-date", "a-letter.pdf up-to-date"}; !slices.Equal(got, want) {
		t.Errorf("regular build again: %q, want %q", got, want)
	}
	if got, want := run(true), []string{"a-a4-large-print.pdf up-to-date", "a-letter-large-print.pdf up-to-date"}; !slices.Equal(got, want) {
		t.Errorf("large-print build again: %q, want %q", got, want)
	}
	if got := c.rendered(); len(got) != 0 {
		t.Errorf("builds of up-to-date files rendered %q", got)
	}
	regular, _ := os.ReadFile(filepath.Join(dir, "a-a4.pdf"))
	large, _ := os.ReadFile(filepath.Join(dir, "a-a4-large-print.pdf"))
	if len(regular) == 0 || bytes.Equal(regular, large) {
		t.Error("the large-print PDF is the regular one")
	}
}

// TestManifestCannotBeWritten: the PDFs are written and the problem is
// reported; the next build renders them again rather than trusting
// anything.
func TestManifestCannotBeWritten(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	writeFiles(t, dir, map[string]string{ManifestName + "/keep": "a folder in the way"})
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender}
	res := b.Build(context.Background(), inputsOf("one"))
	var got []string
	for _, d := range res.Diags {
		got = append(got, d.Severity.String()+" "+d.Code)
	}
	if !equal(got, []string{"warning manifest", "error manifest"}) && !equal(got, []string{"error manifest", "warning manifest"}) {
		t.Fatalf("diagnostics %v", res.Diags)
	}
	for _, d := range res.Diags {
		if d.Severity == diag.Error && !strings.Contains(d.Message, "cannot write the manifest") {
			t.Errorf("%v", d)
		}
	}
	if got := statuses(res.Outputs); !equal(got, []string{"one-a4.pdf written", "one-letter.pdf written"}) {
		t.Errorf("outputs %q", got)
	}
}

// openCounter is an fs.FS that counts the opening of each file.
type openCounter struct {
	fs.FS
	mu    sync.Mutex
	opens map[string]int
}

func (c *openCounter) Open(name string) (fs.File, error) {
	c.mu.Lock()
	if c.opens == nil {
		c.opens = map[string]int{}
	}
	c.opens[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// TestAssetHashedOncePerRun: the handouts of a folder that share a logo
// have it read and hashed once per run to check their outputs, not once
// each.
func TestAssetHashedOncePerRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	assets := &openCounter{FS: fstest.MapFS{"logo.png": {Data: pngBytes(t)}}}
	var ins []Input
	for _, id := range []string{"a", "b", "c"} {
		ins = append(ins, Input{Name: id + ".yaml", Data: []byte(handoutYAML(id, "logo.png")), Assets: assets})
	}
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender, Jobs: 2}
	if res := b.Build(context.Background(), ins); len(res.Diags) != 0 {
		t.Fatal(res.Diags)
	}
	assets.opens = nil
	res := b.Build(context.Background(), ins)
	if len(res.Diags) != 0 || res.Parsed != 0 || len(res.Outputs) != 6 || res.Outputs[0].Status != StatusUpToDate {
		t.Fatalf("%v, parsed %d, %v", res.Diags, res.Parsed, statuses(res.Outputs))
	}
	if n := assets.opens["logo.png"]; n != 1 {
		t.Errorf("checking 3 handouts that share a logo opened it %d times, want 1", n)
	}
}

// TestPrefetch: a build after Prefetch is the build without it; one whose
// folder or mode changed after Prefetch reads the folder again.
func TestPrefetch(t *testing.T) {
	root := t.TempDir()
	dir, other := filepath.Join(root, "dist"), filepath.Join(root, "other")
	c := counting(fakeRender)
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: c.render}
	ins := inputsOf("a", "b")
	build := func() Result { t.Helper(); return mustBuild(t, b, ins) }
	// Before the folder exists: the first build writes everything.
	b.Prefetch()
	build()
	if got := c.rendered(); len(got) != 4 {
		t.Fatalf("first build rendered %q", got)
	}
	// The manifest and the files read early show everything up to date.
	b.Prefetch()
	res := build()
	if got := c.rendered(); len(got) != 0 || len(res.Outputs) != 4 || res.Outputs[0].Status != StatusUpToDate {
		t.Errorf("build after Prefetch rendered %q, outputs %v", got, res.Outputs)
	}
	// Prefetch clears the temporary files of killed runs, as Build does.
	stale := ".a-a4.pdf.tmp-" + strconv.Itoa(deadPID) + "-1"
	writeFiles(t, dir, map[string]string{stale: "half a PDF"})
	b.Prefetch()
	build()
	onlyFiles(t, dir, ManifestName, "a-a4.pdf", "a-letter.pdf", "b-a4.pdf", "b-letter.pdf")
	// Another folder after Prefetch: that folder is read, not the first.
	b.Prefetch()
	b.Dir = other
	build()
	if got := c.rendered(); len(got) != 4 {
		t.Errorf("build into another folder after Prefetch rendered %q", got)
	}
	// A check's Prefetch leaves a stale file of a killed run alone; a
	// build after it (Check changed since) reads the folder again, and
	// clears it.
	writeFiles(t, other, map[string]string{stale: "half a PDF"})
	b.Check = true
	b.Prefetch()
	build()
	if _, err := os.Stat(filepath.Join(other, stale)); err != nil {
		t.Error("a check's Prefetch cleared the folder")
	}
	b.Prefetch()
	b.Check = false
	build()
	if _, err := os.Stat(filepath.Join(other, stale)); err == nil {
		t.Error("a build after a check's Prefetch did not clear the folder")
	}
	// A build with no Prefetch reads the folder itself.
	b.Check = false
	os.Remove(filepath.Join(other, "a-a4.pdf"))
	build()
	if got := c.rendered(); !equal(got, []string{"a-a4"}) {
		t.Errorf("build without Prefetch rendered %q", got)
	}
}
