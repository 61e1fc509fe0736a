package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"handout/internal/layout"
)

// countChecks counts, for one test, the PDFs a build reads to check them:
// by their CRC-32C, and by their SHA-256 (when the manifest has no CRC).
// Each call of the function it returns gives the counts since the last.
func countChecks(t *testing.T) func() (crcs, sums int) {
	t.Helper()
	var mu sync.Mutex
	var nc, ns int
	count := func(n *int) {
		mu.Lock()
		*n++
		mu.Unlock()
	}
	savedSum, savedCRC := hashFile, crcFile
	hashFile = func(name string) (digest, int, bool, error) {
		count(&ns)
		return savedSum(name)
	}
	crcFile = func(name string, want int) (crcCheck, error) {
		count(&nc)
		return savedCRC(name, want)
	}
	t.Cleanup(func() { hashFile, crcFile = savedSum, savedCRC })
	return func() (int, int) {
		mu.Lock()
		defer mu.Unlock()
		c, s := nc, ns
		nc, ns = 0, 0
		return c, s
	}
}

// countHashes counts, for one test, the PDFs a build reads to check them,
// either way.
func countHashes(t *testing.T) func() int {
	checks := countChecks(t)
	return func() int {
		c, s := checks()
		return c + s
	}
}

// TestUpToDateWithoutNotes: with no note of its PDFs (a fresh clone,
// another machine), a build checks each PDF by its size and CRC-32C, or,
// when the manifest was written before it recorded them, by its SHA-256;
// either way, a PDF changed since, even to one of the same size, is built
// again, and the manifest then has its CRC.
func TestUpToDateWithoutNotes(t *testing.T) {
	saved := statCacheDir
	statCacheDir = func() (string, error) { return "", errors.New("no notes in this test") }
	t.Cleanup(func() { statCacheDir = saved })
	dir := filepath.Join(t.TempDir(), "dist")
	b := &Batch{Dir: dir, Papers: []layout.Paper{layout.A4}, Render: fakeRender}
	ins := inputsOf("a", "b")
	checks := countChecks(t)
	build := func(what string, wantCRCs, wantSums int, want ...string) {
		t.Helper()
		res := b.Build(context.Background(), ins)
		if len(res.Diags) != 0 {
			t.Fatalf("%s: %v", what, res.Diags)
		}
		if got := statuses(res.Outputs); strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("%s: %q, want %q", what, got, want)
		}
		if c, s := checks(); c != wantCRCs || s != wantSums {
			t.Errorf("%s: %d PDFs checked by CRC and %d by SHA-256, want %d and %d", what, c, s, wantCRCs, wantSums)
		}
	}
	// sameSizeEdit changes a byte of a PDF, keeping its size.
	sameSizeEdit := func(name string) {
		t.Helper()
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		data[len(data)-1] ^= 1
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build("first build", 0, 0, "a-a4.pdf written", "b-a4.pdf written")
	build("nothing changed", 2, 0, "a-a4.pdf up-to-date", "b-a4.pdf up-to-date")
	sameSizeEdit("a-a4.pdf")
	// a's PDF is checked twice: when its handout is read, and again by
	// the worker that builds it.
	build("a edited", 3, 0, "a-a4.pdf written", "b-a4.pdf up-to-date")

	// The manifest of an older version: no CRCs.
	m, diags := ReadManifest(dir)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	for name, e := range m.Outputs {
		if e.CRC32C == "" {
			t.Fatalf("%s: no CRC-32C in the manifest", name)
		}
		e.CRC32C = ""
		m.Outputs[name] = e
	}
	writeFiles(t, dir, map[string]string{ManifestName: string(m.encode())})
	build("older manifest", 0, 2, "a-a4.pdf up-to-date", "b-a4.pdf up-to-date")
	sameSizeEdit("b-a4.pdf")
	build("b edited", 0, 3, "a-a4.pdf up-to-date", "b-a4.pdf written")
	if m, _ := ReadManifest(dir); m.Outputs["b-a4.pdf"].CRC32C == "" || m.Outputs["a-a4.pdf"].CRC32C != "" {
		t.Errorf("after b was written: %+v", m.Outputs)
	}
	build("b recorded", 1, 1, "a-a4.pdf up-to-date", "b-a4.pdf up-to-date")
}

// laterClock makes the notes taken from now on as if taken an hour later,
// long after any change of the files: they can be trusted.
func laterClock(t *testing.T) {
	t.Helper()
	t.Cleanup(func() { statNow = time.Now })
	statNow = func() time.Time { return time.Now().Add(time.Hour) }
}

// TestStatNotes: a build that hashed a PDF notes what the system says of
// it, and later builds take the note's word instead of hashing the file
// again, unless the file was changed in any way since, or the note was
// taken too soon after the file's last change.
func TestStatNotes(t *testing.T) {
	if !stampsWork {
		t.Skip("SKIPPED: no change times on this system; every PDF is hashed")
	}
	dir := filepath.Join(t.TempDir(), "dist")
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender, Jobs: 2}
	ins := inputsOf("a", "b", "c")
	hashes := countHashes(t)
	build := func(what string, wantHashed int, wantStatus ...string) {
		t.Helper()
		res := b.Build(context.Background(), ins)
		if len(res.Diags) != 0 {
			t.Fatalf("%s: %v", what, res.Diags)
		}
		got := statuses(res.Outputs)
		if strings.Join(got, ", ") != strings.Join(wantStatus, ", ") {
			t.Errorf("%s: %q, want %q", what, got, wantStatus)
		}
		if n := hashes(); n != wantHashed {
			t.Errorf("%s: %d PDFs hashed, want %d", what, n, wantHashed)
		}
	}
	all := func(status string) []string {
		var s []string
		for _, id := range []string{"a", "b", "c"} {
			s = append(s, id+"-a4.pdf "+status, id+"-letter.pdf "+status)
		}
		return s
	}
	build("first build", 0, all("written")...)
	// Noted right after they were written: not yet to be trusted.
	build("checked at once", 6, all("up-to-date")...)
	build("checked again at once", 6, all("up-to-date")...)
	laterClock(t)
	build("checked later", 6, all("up-to-date")...)
	build("checked with trusted notes", 0, all("up-to-date")...)

	// Edited in place, to the same size, with its modification time set
	// back: the change time gives it away.
	p := filepath.Join(dir, "b-a4.pdf")
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	data[len(data)-1] ^= 1
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	want := all("up-to-date")
	want[2] = "b-a4.pdf written"
	// Hashed twice: once to find that the handout needs work, once by
	// the worker that builds it.
	build("one PDF edited by hand", 2, want...)

	// Replaced by a copy of itself: another file, hashed, and up to date.
	p = filepath.Join(dir, "c-letter.pdf")
	data, _ = os.ReadFile(p)
	if err := os.WriteFile(p+".copy", data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(p+".copy", p); err != nil {
		t.Fatal(err)
	}
	build("one PDF replaced by a copy", 2, all("up-to-date")...) // b-a4 is new too

	// --check reads the notes and writes none.
	notes := readStatNotes(dir).file
	before, err := os.ReadFile(notes)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(notes)
	b.Check = true
	build("--check without notes", 6, all("up-to-date")...)
	if _, err := os.Stat(notes); err == nil {
		t.Error("--check wrote notes")
	}
	if err := os.WriteFile(notes, before, 0o600); err != nil {
		t.Fatal(err)
	}
	build("--check with notes", 0, all("up-to-date")...)
	b.Check = false

	// A damaged notes file only means that every PDF is hashed.
	if err := os.WriteFile(notes, []byte("handout stat notes 1\nb-a4.pdf\t1\t2\n\x00garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	build("damaged notes", 6, all("up-to-date")...)
	build("notes written again", 0, all("up-to-date")...)

	// The notes are not kept beside the PDFs.
	onlyFiles(t, dir, ManifestName, "a-a4.pdf", "a-letter.pdf", "b-a4.pdf", "b-letter.pdf", "c-a4.pdf", "c-letter.pdf")
}

// TestStatNotesPerFolder: two output folders keep notes of their own, and
// a note of one PDF is not taken for a PDF of the same name elsewhere.
func TestStatNotesPerFolder(t *testing.T) {
	if !stampsWork {
		t.Skip("SKIPPED: no change times on this system; every PDF is hashed")
	}
	laterClock(t)
	hashes := countHashes(t)
	root := t.TempDir()
	ins := inputsOf("a")
	for _, d := range []string{"one", "two"} {
		b := &Batch{Dir: filepath.Join(root, d), Papers: layout.Papers, Render: fakeRender}
		b.Build(context.Background(), ins)
		b.Build(context.Background(), ins)
	}
	if n := hashes(); n != 4 {
		t.Errorf("%d PDFs hashed to note two folders of 2 PDFs, want 4", n)
	}
	if readStatNotes(filepath.Join(root, "one")).file == readStatNotes(filepath.Join(root, "two")).file {
		t.Error("two output folders share one notes file")
	}
}

// TestStatNotesPruned: writing notes removes the notes files of other
// folders that were not written for 30 days, and keeps the others.
func TestStatNotesPruned(t *testing.T) {
	if !stampsWork {
		t.Skip("SKIPPED: no change times on this system; every PDF is hashed")
	}
	cache := t.TempDir()
	saved := statCacheDir
	statCacheDir = func() (string, error) { return cache, nil }
	t.Cleanup(func() { statCacheDir = saved })
	old := filepath.Join(cache, "0123456789abcdef0123456789abcdef")
	recent := filepath.Join(cache, "fedcba9876543210fedcba9876543210")
	for _, f := range []string{old, recent} {
		if err := os.WriteFile(f, []byte(statNotesHeader), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-31 * 24 * time.Hour)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	short := time.Now().Add(-29 * 24 * time.Hour)
	if err := os.Chtimes(recent, short, short); err != nil {
		t.Fatal(err)
	}
	// A build that notes its PDFs.
	laterClock(t)
	dir := filepath.Join(t.TempDir(), "dist")
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender}
	b.Build(context.Background(), inputsOf("a"))
	b.Build(context.Background(), inputsOf("a"))
	if _, err := os.Stat(old); err == nil {
		t.Error("a notes file not written for 31 days was kept")
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("a notes file written 29 days ago was removed: %v", err)
	}
	if _, err := os.Stat(readStatNotes(dir).file); err != nil {
		t.Errorf("the build's own notes: %v", err)
	}
}

// TestLocalFolder: a temporary folder is on a local file system here, and
// a folder that does not exist is not taken for one.
func TestLocalFolder(t *testing.T) {
	if !stampsWork {
		t.Skip("SKIPPED: no notes on this system")
	}
	if !localFolder(t.TempDir()) {
		t.Skip("SKIPPED: the temporary folder is on a network file system")
	}
	if localFolder(filepath.Join(t.TempDir(), "missing")) {
		t.Error("a missing folder was taken for a local one")
	}
}
