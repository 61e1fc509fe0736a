package build

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// The watch tests change files and wait for the builds that follow, with
// generous deadlines: nothing here depends on how fast the machine is.
const watchDeadline = 30 * time.Second

// watching runs w until the test ends, and returns its builds as they come.
func watching(t *testing.T, w *Watcher) <-chan Round {
	t.Helper()
	rounds := make(chan Round, 100)
	w.Round = func(r Round) { rounds <- r }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(watchDeadline):
			t.Errorf("the watch did not stop within %v of its context's end", watchDeadline)
		}
	})
	return rounds
}

// nextRound waits for the next build.
func nextRound(t *testing.T, rounds <-chan Round) Round {
	t.Helper()
	select {
	case r := <-rounds:
		return r
	case <-time.After(watchDeadline):
		t.Fatalf("no build within %v", watchDeadline)
	}
	panic("unreachable")
}

// roundUntil waits for the first build for which ok is true, and returns
// it with what was rendered in it and in the builds before it.
func roundUntil(t *testing.T, rounds <-chan Round, c *counter, ok func(Round) bool) (Round, []string) {
	t.Helper()
	var all []string
	deadline := time.After(watchDeadline)
	for {
		select {
		case r := <-rounds:
			all = append(all, c.rendered()...)
			if ok(r) {
				slices.Sort(all)
				return r, slices.Compact(all)
			}
		case <-deadline:
			t.Fatalf("no such build within %v (rendered meanwhile: %v)", watchDeadline, all)
		}
	}
}

func written(r Round, name string) bool {
	for _, o := range r.Result.Outputs {
		if filepath.Base(o.Path) == name && o.Status == StatusWritten {
			return true
		}
	}
	return false
}

func pngOfSize(t *testing.T, n int) string {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, n, n))); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func absT(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestWatchRebuildsWhatChanged: each change rebuilds the PDFs it affects
// and no other; files that are no input (an editor's temporary files, an
// asset no handout uses) start no build.
func TestWatchRebuildsWhatChanged(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"handouts/a.yaml":    handoutYAML("a", "mark.png"),
		"handouts/b.yaml":    handoutYAML("b", ""),
		"assets/mark.png":    pngOfSize(t, 4),
		"handouts/notes.txt": "not a handout",
	})
	c := counting(fakeRender)
	// A quiet time longer than the default, so that a file written in place
	// is never read half-written, even on a busy machine.
	w := &Watcher{Paths: []string{filepath.Join(dir, "handouts")}, Quiet: 400 * time.Millisecond,
		Batch: &Batch{Dir: filepath.Join(dir, "dist"), Papers: layout.Papers, Render: c.render, Jobs: 2}}
	rounds := watching(t, w)
	a, b := filepath.Join(dir, "handouts", "a.yaml"), filepath.Join(dir, "handouts", "b.yaml")

	r := nextRound(t, rounds)
	if got, want := c.rendered(), []string{"a-a4", "a-letter", "b-a4", "b-letter"}; !slices.Equal(got, want) {
		t.Fatalf("first build rendered %v, want %v", got, want)
	}
	if r.N != 0 || len(r.Inputs) != 2 || len(r.Result.Diags) != 0 {
		t.Fatalf("first build: N=%d, %d inputs, diags %v", r.N, len(r.Inputs), r.Result.Diags)
	}

	step := func(what string, change func(), wantChanged string, wantRendered ...string) {
		t.Helper()
		change()
		r, got := roundUntil(t, rounds, c, func(r Round) bool { return len(r.Changed) > 0 })
		if !slices.Equal(got, wantRendered) {
			t.Errorf("%s: rendered %v, want %v", what, got, wantRendered)
		}
		if !slices.Equal(r.Changed, []string{absT(t, wantChanged)}) {
			t.Errorf("%s: the build was started by %v, want %s alone", what, r.Changed, wantChanged)
		}
		if len(r.Result.Diags) != 0 {
			t.Errorf("%s: %v", what, r.Result.Diags)
		}
	}
	step("a handout edited", func() {
		writeFiles(t, dir, map[string]string{"handouts/a.yaml": handoutYAML("a", "mark.png") + "# edited\n"})
	}, a, "a-a4", "a-letter")
	step("its logo changed", func() {
		writeFiles(t, dir, map[string]string{"assets/mark.png": pngOfSize(t, 8)})
	}, filepath.Join(dir, "assets", "mark.png"), "a-a4", "a-letter")
	// Files no build reads, then a change that matters: only the latter
	// starts a build.
	step("files that are no input, then b edited", func() {
		writeFiles(t, dir, map[string]string{
			"assets/unused.png":      pngOfSize(t, 5),
			"handouts/notes.txt":     "still not a handout",
			"handouts/.a.yaml.swp":   "an editor's swap file",
			"handouts/a.yaml~":       "an editor's backup",
			"dist/not-from-here.pdf": "%PDF",
		})
		writeFiles(t, dir, map[string]string{"handouts/b.yaml": handoutYAML("b", "") + "# edited\n"})
	}, b, "b-a4", "b-letter")
	// An editor's save: a temporary file written, then renamed over the
	// handout.
	step("a saved by renaming a temporary file over it", func() {
		tmp := filepath.Join(dir, "handouts", ".a.yaml.tmp-123")
		if err := os.WriteFile(tmp, []byte(handoutYAML("a", "")), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, a); err != nil {
			t.Fatal(err)
		}
	}, a, "a-a4", "a-letter")
	step("a new handout", func() {
		writeFiles(t, dir, map[string]string{"handouts/c.yaml": handoutYAML("c", "")})
	}, filepath.Join(dir, "handouts", "c.yaml"), "c-a4", "c-letter")
	// The logo a no longer uses: no build.
	step("a logo no longer used, then c edited", func() {
		writeFiles(t, dir, map[string]string{"assets/mark.png": pngOfSize(t, 6)})
		writeFiles(t, dir, map[string]string{"handouts/c.yaml": handoutYAML("c", "") + "# edited\n"})
	}, filepath.Join(dir, "handouts", "c.yaml"), "c-a4", "c-letter")

	// A handout removed: reported, and its PDFs stay.
	if err := os.Remove(b); err != nil {
		t.Fatal(err)
	}
	r, got := roundUntil(t, rounds, c, func(r Round) bool { return len(r.Removed) > 0 })
	if len(got) != 0 || !slices.Equal(r.Removed, []string{b}) || len(r.Added) != 0 {
		t.Errorf("b removed: rendered %v, removed %v, added %v", got, r.Removed, r.Added)
	}
	for _, p := range []string{"b-a4.pdf", "b-letter.pdf"} {
		if _, err := os.Stat(filepath.Join(dir, "dist", p)); err != nil {
			t.Errorf("the PDF of a removed handout: %v", err)
		}
	}
}

// TestWatchBurst: several changes in a row make one build, of the last
// version.
func TestWatchBurst(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"in/a.yaml": handoutYAML("a", "")})
	titled := func(h *handout.Handout, paper layout.Paper, opt RenderOptions) ([]byte, int, diag.List) {
		return []byte("%PDF " + h.Title.Value + " " + paper.Name), 1, nil
	}
	c := counting(titled)
	out := filepath.Join(dir, "dist")
	// The burst must fit in the quiet time for the test to mean anything:
	// a long one makes that sure on any machine.
	w := &Watcher{Paths: []string{filepath.Join(dir, "in")}, Quiet: 2 * time.Second,
		Batch: &Batch{Dir: out, Papers: []layout.Paper{layout.Letter}, Render: c.render}}
	rounds := watching(t, w)
	nextRound(t, rounds)
	c.rendered()

	for i := range 5 {
		data := strings.Replace(handoutYAML("a", ""), "title: A test handout", "title: Version "+string(rune('1'+i)), 1)
		writeFiles(t, dir, map[string]string{"in/a.yaml": data})
	}
	r := nextRound(t, rounds)
	c.mu.Lock()
	calls := c.calls["a-letter"]
	c.mu.Unlock()
	if calls != 1 || r.N != 1 {
		t.Errorf("build %d rendered a %d times, want build 1 rendering it once", r.N, calls)
	}
	pdf, err := os.ReadFile(filepath.Join(out, "a-letter.pdf"))
	if err != nil || string(pdf) != "%PDF Version 5 letter" {
		t.Errorf("after the burst the PDF is %q (%v), want the last version", pdf, err)
	}
}

// TestWatchPattern: a pattern with ** finds handouts in folders made while
// it is watched.
func TestWatchPattern(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"src/one/a.yaml": handoutYAML("a", "")})
	c := counting(fakeRender)
	w := &Watcher{Paths: []string{filepath.Join(dir, "src", "**", "*.yaml")},
		Batch: &Batch{Dir: filepath.Join(dir, "dist"), Papers: []layout.Paper{layout.A4}, Render: c.render}}
	rounds := watching(t, w)
	nextRound(t, rounds)
	c.rendered()

	// A new folder two deep, and a handout in it, made at once.
	writeFiles(t, dir, map[string]string{"src/two/deeper/b.yaml": handoutYAML("b", "")})
	_, got := roundUntil(t, rounds, c, func(r Round) bool { return written(r, "b-a4.pdf") })
	if !slices.Equal(got, []string{"b-a4"}) {
		t.Errorf("rendered %v, want b-a4 alone", got)
	}
	// A handout in the new folder, now watched.
	writeFiles(t, dir, map[string]string{"src/two/deeper/c.yaml": handoutYAML("c", "")})
	_, got = roundUntil(t, rounds, c, func(r Round) bool { return written(r, "c-a4.pdf") })
	if !slices.Equal(got, []string{"c-a4"}) {
		t.Errorf("rendered %v, want c-a4 alone", got)
	}
}

// TestWatchSetMatters checks which events start a build, on a set made
// from files as they are.
func TestWatchSetMatters(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"h/a.yaml":          handoutYAML("a", "logo.png"),
		"h/assets/logo.png": pngOfSize(t, 4),
		"one.yaml":          handoutYAML("one", ""),
		"pat/x/b.yaml":      handoutYAML("b", ""),
	})
	t.Chdir(dir)
	w := &Watcher{Paths: []string{"h", "one.yaml", "pat/*/*.yaml", "later/*.yaml"},
		Batch: &Batch{Dir: "dist", Papers: layout.Papers, Render: fakeRender}}
	ins, _ := DiscoverFiles(w.Paths, "")
	b := *w.Batch
	res := b.Build(context.Background(), ins)
	s := w.watchSet(ins, &res, Deps{Files: []string{"brand.yaml"}, Dirs: []string{"h/assets"}})
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"h/a.yaml", true},
		{"h/new.yml", true},
		{"h/notes.txt", false},
		{"h/.a.yaml.swp", false},
		{"h/a.yaml~", false},
		{"h/assets/logo.png", true},
		{"h/assets/other.png", true}, // in Deps.Dirs
		{"h/other.png", false},
		{"h/assets", true}, // the assets folder itself goes away
		{"assets", true},   // one folder up: the rule might now pick it
		{"one.yaml", true},
		{"two.yaml", false}, // beside a file given by name
		{"pat/x/c.yaml", true},
		{"pat/y", false}, // a file, not a folder: nothing exists there
		{"pat/x/sub/d.yaml", false},
		{"later", true}, // on the way to a folder that does not exist
		{"brand.yaml", true},
		{"dist/a-a4.pdf", false},
		{"dist/" + ManifestName, false},
	} {
		ev := fsnotifyEvent(filepath.Join(dir, tc.path))
		if got := s.matters(ev); got != tc.want {
			t.Errorf("a change of %s matters: %v, want %v", tc.path, got, tc.want)
		}
	}
	if err := os.Mkdir("pat/y", 0o755); err != nil {
		t.Fatal(err)
	}
	if !s.matters(fsnotifyEvent(filepath.Join(dir, "pat/y"))) {
		t.Errorf("a new folder that pat/*/*.yaml can look in does not matter")
	}
	for _, d := range []string{"h", "h/assets", ".", "pat", "pat/x"} {
		if !s.dirs[filepath.Join(dir, d)] {
			t.Errorf("%s is not watched; watched: %v", d, s.dirs)
		}
	}
}

func fsnotifyEvent(path string) fsnotify.Event {
	return fsnotify.Event{Name: path, Op: fsnotify.Create}
}
