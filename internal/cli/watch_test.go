package cli

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The watch tests change files and wait for what the watch prints, with
// generous deadlines: nothing here depends on how fast the machine is.
const watchDeadline = 30 * time.Second

// syncBuffer is a buffer that a running watch writes to while the test
// reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor waits until the text of s from the offset from on contains want,
// and returns the offset just after it.
func waitFor(t *testing.T, s *syncBuffer, from int, want string, other *syncBuffer) int {
	t.Helper()
	deadline := time.Now().Add(watchDeadline)
	for {
		text := s.String()
		if i := strings.Index(text[from:], want); i >= 0 {
			return from + i + len(want)
		}
		if time.Now().After(deadline) {
			t.Fatalf("not printed within %v: %q\nprinted since:\n%s\nthe other stream:\n%s", watchDeadline, want, text[from:], other)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// handoutWith is testdata/good.yaml with another id and title, and a logo
// when logo is not empty.
func handoutWith(t *testing.T, id, title, logo string) string {
	t.Helper()
	s := strings.Replace(string(readTestdata(t, "good.yaml")), "id: good", "id: "+id, 1)
	s = strings.Replace(s, "title: A test handout", "title: "+title, 1)
	if logo != "" {
		s = strings.Replace(s, "publisher:", "logo:\n  file: "+logo+"\n  alt: A mark.\npublisher:", 1)
	}
	return s
}

func solidPNG(t *testing.T, c color.Gray, side int) string {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, side, side))
	for i := range img.Pix {
		img.Pix[i] = c.Y
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// sameFiles reports whether the named files in dir are the very files of
// before: same bytes and never replaced (a PDF is written by renaming a
// new file over it).
func sameFiles(t *testing.T, dir string, before map[string]os.FileInfo, names ...string) bool {
	t.Helper()
	for _, n := range names {
		fi, err := os.Stat(filepath.Join(dir, n))
		if err != nil || !os.SameFile(fi, before[n]) || !fi.ModTime().Equal(before[n].ModTime()) {
			return false
		}
	}
	return true
}

func statAll(t *testing.T, dir string) map[string]os.FileInfo {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]os.FileInfo{}
	for _, e := range entries {
		fi, err := os.Stat(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = fi
	}
	return m
}

// inProcessWatch is "handout ARGS..." run in-process, with the time of
// day fixed at 09:30:00.
type inProcessWatch struct {
	out, err syncBuffer
	cancel   context.CancelFunc
	code     chan int
	stopped  bool
}

// startWatch runs the command line until stop is called or the test ends.
func startWatch(t *testing.T, args ...string) *inProcessWatch {
	t.Helper()
	w := &inProcessWatch{code: make(chan int, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	e := &Env{Out: &w.out, ErrOut: &w.err, Getenv: func(string) string { return "" }, Context: ctx,
		Now: func() time.Time { return time.Date(2026, 5, 1, 9, 30, 0, 0, time.Local) }}
	go func() { w.code <- run(args, e) }()
	t.Cleanup(func() {
		if !w.stopped {
			w.stop(t)
		}
	})
	return w
}

// stop ends the watch as a cancelled context does, and returns its exit
// code.
func (w *inProcessWatch) stop(t *testing.T) int {
	t.Helper()
	w.stopped = true
	w.cancel()
	select {
	case c := <-w.code:
		return c
	case <-time.After(watchDeadline):
		t.Fatalf("the watch did not stop within %v", watchDeadline)
	}
	return -1
}

// TestWatch runs "handout build --watch" in-process on a folder of
// handouts, with the real rendering, and changes the files under it as an
// author would.
func TestWatch(t *testing.T) {
	workdir(t)
	writeFile(t, "handouts/a.yaml", handoutWith(t, "a", "First", "mark.png"))
	writeFile(t, "handouts/b.yaml", handoutWith(t, "b", "Other", ""))
	writeFile(t, "assets/mark.png", solidPNG(t, color.Gray{Y: 40}, 8))

	w := startWatch(t, "build", "handouts", "--watch")
	out, errOut := &w.out, &w.err

	// The first build, as "handout build" prints it.
	ep := waitFor(t, errOut, 0, "watching 2 handout files in ", out)
	op := len(out.String())
	first := lines(out.String())
	if len(first) != 4 || !regexp.MustCompile(`^wrote dist/a-a4\.pdf \(\d+ pages?, \d+ KB\)$`).MatchString(first[0]) {
		t.Fatalf("the first build printed:\n%s", out.String())
	}
	pdfs := readPDFs(t, "dist", false)
	stats := statAll(t, "dist")

	// An edit: the PDFs of that handout are rendered again, no other.
	writeFile(t, "handouts/a.yaml", handoutWith(t, "a", "Second", "mark.png"))
	op = waitFor(t, out, op, "09:30:00 handouts/a.yaml: wrote dist/a-a4.pdf, dist/a-letter.pdf\n", errOut)
	now := readPDFs(t, "dist", false)
	if bytes.Equal(now["a-a4.pdf"], pdfs["a-a4.pdf"]) || bytes.Equal(now["a-letter.pdf"], pdfs["a-letter.pdf"]) {
		t.Errorf("the edited handout's PDFs did not change")
	}
	if !sameFiles(t, "dist", stats, "b-a4.pdf", "b-letter.pdf") {
		t.Errorf("the PDFs of a handout that did not change were written again")
	}
	good := now

	// An error: reported with its position; the last good PDFs stay.
	writeFile(t, "handouts/a.yaml", strings.Replace(handoutWith(t, "a", "Third", "mark.png"), "title:", "titel:", 1))
	ep = waitFor(t, errOut, ep, "09:30:00 handouts/a.yaml: not built (2 errors); its PDFs are left as they were\n", out)
	if !strings.Contains(errOut.String(), "handouts/a.yaml:4:1: unknown field \"titel\" in the handout (did you mean \"title\"?)\n") {
		t.Errorf("the problem is not reported as file:line:col: message (hint); stderr:\n%s", errOut.String())
	}
	now = readPDFs(t, "dist", false)
	for _, n := range []string{"a-a4.pdf", "a-letter.pdf"} {
		if !bytes.Equal(now[n], good[n]) {
			t.Errorf("%s changed while its handout was broken", n)
		}
	}

	// Fixed: built, and said so.
	writeFile(t, "handouts/a.yaml", handoutWith(t, "a", "Third", "mark.png"))
	op = waitFor(t, out, op, "09:30:00 handouts/a.yaml: fixed; wrote dist/a-a4.pdf, dist/a-letter.pdf\n", errOut)

	// Its logo changes: its PDFs are rendered again, no other.
	stats = statAll(t, "dist")
	before := readPDFs(t, "dist", false)
	writeFile(t, "assets/mark.png", solidPNG(t, color.Gray{Y: 200}, 8))
	op = waitFor(t, out, op, "09:30:00 handouts/a.yaml: wrote dist/a-a4.pdf, dist/a-letter.pdf\n", errOut)
	now = readPDFs(t, "dist", false)
	if bytes.Equal(now["a-a4.pdf"], before["a-a4.pdf"]) {
		t.Errorf("a-a4.pdf did not change with its logo")
	}
	if !sameFiles(t, "dist", stats, "b-a4.pdf", "b-letter.pdf") {
		t.Errorf("the PDFs of a handout without the logo were written again")
	}

	// A new handout file.
	writeFile(t, "handouts/c.yaml", handoutWith(t, "c", "New", ""))
	op = waitFor(t, out, op, "09:30:00 handouts/c.yaml: new; wrote dist/c-a4.pdf, dist/c-letter.pdf\n", errOut)

	// An editor's save: a temporary file renamed over the handout.
	writeFile(t, "handouts/.b.yaml.swp", handoutWith(t, "b", "Saved", ""))
	if err := os.Rename("handouts/.b.yaml.swp", "handouts/b.yaml"); err != nil {
		t.Fatal(err)
	}
	op = waitFor(t, out, op, "09:30:00 handouts/b.yaml: wrote dist/b-a4.pdf, dist/b-letter.pdf\n", errOut)

	// A handout file removed: said, and its PDFs stay.
	if err := os.Remove("handouts/c.yaml"); err != nil {
		t.Fatal(err)
	}
	op = waitFor(t, out, op, "09:30:00 handouts/c.yaml: removed; its PDFs are left in dist\n", errOut)
	// They are orphans now, said once.
	const orphan = ": warning: no handout makes this PDF any more: it was made from handouts/c.yaml, which no longer exists (delete it, and any copy published from it)\n"
	ep = waitFor(t, errOut, ep, "dist/c-a4.pdf"+orphan+"dist/c-letter.pdf"+orphan, out)
	if _, err := os.Stat("dist/c-a4.pdf"); err != nil {
		t.Errorf("the PDF of a removed handout: %v", err)
	}

	if c := w.stop(t); c != 0 {
		t.Errorf("exit code %d after the context ended, want 0", c)
	}
	readPDFs(t, "dist", false) // no temporary file left

	// Nothing else was printed: on stdout a line per build, on stderr the
	// problems of the broken handout.
	if rest := out.String()[op:]; rest != "" {
		t.Errorf("more on stdout:\n%s", rest)
	}
	if rest := errOut.String()[ep:]; rest != "" {
		t.Errorf("more on stderr:\n%s", rest)
	}
	for _, l := range lines(out.String())[len(first):] {
		if !strings.HasPrefix(l, "09:30:00 handouts/") {
			t.Errorf("stdout line %q", l)
		}
	}
}

// TestWatchKeepsQuietWhileBroken: a handout that stays broken while another
// is edited is not reported again.
func TestWatchKeepsQuietWhileBroken(t *testing.T) {
	workdir(t)
	writeFile(t, "in/a.yaml", strings.Replace(handoutWith(t, "a", "A", ""), "title:", "titel:", 1))
	writeFile(t, "in/b.yaml", handoutWith(t, "b", "B", ""))
	w := startWatch(t, "build", "in", "--watch", "--paper", "a4", "-o", "out")
	out, errOut := &w.out, &w.err

	ep := waitFor(t, errOut, 0, "2 errors in 1 file; not built: in/a.yaml\nwatching 2 handout files in 2 folders for changes (Ctrl-C to stop)\n", out)
	if !strings.Contains(errOut.String(), "in/a.yaml:4:1: unknown field \"titel\"") {
		t.Errorf("first build's problems:\n%s", errOut.String())
	}
	writeFile(t, "in/b.yaml", handoutWith(t, "b", "B edited", ""))
	waitFor(t, out, 0, "09:30:00 in/b.yaml: wrote out/b-a4.pdf\n", errOut)
	// Saved again, still broken: the problems are printed again.
	writeFile(t, "in/a.yaml", strings.Replace(handoutWith(t, "a", "A", ""), "title:", "titel:", 1)+"# saved\n")
	waitFor(t, errOut, ep, "09:30:00 in/a.yaml: not built (2 errors); its PDFs are left as they were\n", out)
	if got := errOut.String()[ep:]; !strings.HasPrefix(got, "in/a.yaml:") || strings.Count(got, "unknown field") != 1 {
		t.Errorf("after the edit of b, then a saved again, stderr has:\n%s", got)
	}
}

// TestWatchBrand: the brand file and its logo are inputs of every PDF; a
// brand with a problem builds nothing until it is fixed.
func TestWatchBrand(t *testing.T) {
	workdir(t)
	brandDir(t)
	writeFile(t, "handouts/a.yaml", handoutWith(t, "a", "A", ""))
	writeFile(t, "handouts/b.yaml", handoutWith(t, "b", "B", ""))
	w := startWatch(t, "build", "handouts", "--watch", "--paper", "a4", "--brand", "brand/clinic.yaml")
	out, errOut := &w.out, &w.err
	ep := waitFor(t, errOut, 0, "for changes (Ctrl-C to stop)\n", out)
	op := len(out.String())
	both := func(from int) int {
		t.Helper()
		op := waitFor(t, out, from, "09:30:00 handouts/a.yaml: wrote dist/a-a4.pdf\n", errOut)
		return waitFor(t, out, op, "09:30:00 handouts/b.yaml: wrote dist/b-a4.pdf\n", errOut)
	}

	editFile(t, "brand/clinic.yaml", "(555) 010-0199", "(555) 010-0123")
	op = both(op)
	pdfs := readPDFs(t, "dist", false)

	editFile(t, "brand/clinic.yaml", "phone:", "phnoe:")
	ep = waitFor(t, errOut, ep, "09:30:00 brand/clinic.yaml: nothing built (1 error); every PDF is left as it was\n", out)
	if !strings.Contains(errOut.String(), "brand/clinic.yaml:5:1: unknown field \"phnoe\"") {
		t.Errorf("the brand's problem is not reported at its position; stderr:\n%s", errOut.String())
	}
	// While the brand is broken, an edited handout is not built either.
	writeFile(t, "handouts/a.yaml", handoutWith(t, "a", "A edited", ""))
	editFile(t, "brand/clinic.yaml", "phnoe:", "phone:")
	op = waitFor(t, out, op, "09:30:00 brand/clinic.yaml: fixed\n", errOut)
	if got := readPDFs(t, "dist", false); !bytes.Equal(got["b-a4.pdf"], pdfs["b-a4.pdf"]) {
		t.Errorf("b-a4.pdf changed, though its brand came back as it was")
	}
	op = waitFor(t, out, op, "09:30:00 handouts/a.yaml: wrote dist/a-a4.pdf\n", errOut)

	// The brand's logo.
	writeFile(t, "brand/clinic-mark.png", solidPNG(t, color.Gray{Y: 90}, 200))
	op = both(op)
	if rest := errOut.String()[ep:]; rest != "" {
		t.Errorf("more on stderr:\n%s", rest)
	}
	_ = op
}

// TestWatchFlags: flags that make no sense with --watch are wrong usage.
func TestWatchFlags(t *testing.T) {
	e := newTestEnv(t)
	workdir(t, "good.yaml")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--check"}, "--watch cannot be used with --check: "},
		{[]string{"--shard", "1/2"}, "--watch cannot be used with --shard: "},
		{[]string{"--json"}, "--watch cannot be used with --json: "},
		{[]string{"--fail-fast"}, "--watch cannot be used with --fail-fast: "},
	} {
		args := append([]string{"build", "good.yaml", "--watch"}, tc.args...)
		if code := e.run(args...); code != exitUsage || !strings.HasPrefix(e.err.String(), "handout: "+tc.want) {
			t.Errorf("%v: exit %d, stderr:\n%s", args, code, e.err.String())
		}
	}
	if code := e.run("build", "--watch"); code != exitUsage || !strings.Contains(e.err.String(), "--watch needs a handout file, folder or pattern") {
		t.Errorf("--watch without a path: exit %d, stderr:\n%s", code, e.err.String())
	}
	if _, err := os.Stat("dist"); err == nil {
		t.Errorf("a rejected watch created the output folder")
	}
}

// TestWatchSignal runs the real binary and stops its watch with SIGINT and
// SIGTERM: it exits with 130 or 143, says so, and leaves every file whole.
func TestWatchSignal(t *testing.T) {
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGINT, 130, "SIGINT (Ctrl-C)"}, {syscall.SIGTERM, 143, "SIGTERM"}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "in"), filepath.Join(dir, "dist")
			writeHandouts(t, in, "w", 2, "one")
			var stdout, stderr syncBuffer
			cmd := exec.Command(bin, "build", in, "--watch", "-o", out)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan struct{})
			go func() { _ = cmd.Wait(); close(exited) }()
			defer func() {
				select {
				case <-exited:
				default:
					_ = cmd.Process.Kill()
					<-exited
				}
			}()
			ep := waitFor(t, &stderr, 0, " for changes (Ctrl-C to stop)\n", &stdout)
			writeHandouts(t, in, "w", 1, "two")
			waitFor(t, &stdout, 0, "in/w-00.yaml: wrote "+filepath.Join(out, "w-00-a4.pdf"), &stderr)

			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			select {
			case <-exited:
			case <-time.After(watchDeadline):
				t.Fatalf("still running %v after %s", watchDeadline, tc.name)
			}
			if code := cmd.ProcessState.ExitCode(); code != tc.code {
				t.Errorf("exit code %d, want %d", code, tc.code)
			}
			want := "stopped watching: interrupted by " + tc.name + "; every file written is complete\n"
			if got := stderr.String()[ep:]; got != want {
				t.Errorf("stderr after the start: %q, want %q", got, want)
			}
			if got := readPDFs(t, out, false); len(got) != 4 {
				t.Errorf("%d PDFs, want 4", len(got))
			}
		})
	}
}
