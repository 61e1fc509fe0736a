package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"handout/internal/layout"
)

// onlyFiles lists the names in dir, failing on anything that looks like a
// leftover temporary file.
func onlyFiles(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !equal(got, want) {
		t.Errorf("%s holds %q, want %q", dir, got, want)
	}
}

func TestWriteFileNew(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.pdf")
	written, err := WriteFile(name, []byte("%PDF-1.7 new"), 0o644)
	if err != nil || !written {
		t.Fatalf("WriteFile = %v, %v", written, err)
	}
	data, err := os.ReadFile(name)
	if err != nil || string(data) != "%PDF-1.7 new" {
		t.Fatalf("file holds %q, %v", data, err)
	}
	if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode = %v, want 0644", fi.Mode().Perm())
	}
	onlyFiles(t, dir, "a.pdf")
}

func TestWriteFileReplaces(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.pdf")
	writeFiles(t, dir, map[string]string{"a.pdf": "old bytes"})
	written, err := WriteFile(name, []byte("new"), 0o644)
	if err != nil || !written {
		t.Fatalf("WriteFile = %v, %v", written, err)
	}
	if data, _ := os.ReadFile(name); string(data) != "new" {
		t.Errorf("file holds %q", data)
	}
	onlyFiles(t, dir, "a.pdf")
}

func TestWriteFileUnchangedKeepsMtime(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.pdf")
	writeFiles(t, dir, map[string]string{"a.pdf": "same bytes"})
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(name, old, old); err != nil {
		t.Fatal(err)
	}
	written, err := WriteFile(name, []byte("same bytes"), 0o644)
	if err != nil || written {
		t.Fatalf("WriteFile = %v, %v; want false, nil", written, err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.ModTime().Equal(old) {
		t.Errorf("mtime = %v, want it untouched (%v)", fi.ModTime(), old)
	}
	onlyFiles(t, dir, "a.pdf")

	// Same size, different bytes: replaced.
	if written, err := WriteFile(name, []byte("SAME BYTES"), 0o644); err != nil || !written {
		t.Fatalf("WriteFile with other bytes = %v, %v", written, err)
	}
}

func TestWriteFileFailedSyncLeavesTarget(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.pdf")
	writeFiles(t, dir, map[string]string{"a.pdf": "the old, complete PDF"})
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(name, old, old); err != nil {
		t.Fatal(err)
	}
	diskFull := errors.New("no space left on device")
	saved := syncFile
	syncFile = func(*os.File) error { return diskFull }
	defer func() { syncFile = saved }()

	written, err := WriteFile(name, []byte("a new PDF that never reaches the disk"), 0o644)
	if !errors.Is(err, diskFull) || written {
		t.Fatalf("WriteFile = %v, %v; want the sync error", written, err)
	}
	data, _ := os.ReadFile(name)
	fi, _ := os.Stat(name)
	if string(data) != "the old, complete PDF" || !fi.ModTime().Equal(old) {
		t.Errorf("target changed: %q, mtime %v", data, fi.ModTime())
	}
	onlyFiles(t, dir, "a.pdf")
}

func TestWriteFileFailedRenameRemovesTemp(t *testing.T) {
	dir := t.TempDir()
	// The target is a folder with a file in it: the rename fails.
	writeFiles(t, dir, map[string]string{"a.pdf/keep": "x"})
	written, err := WriteFile(filepath.Join(dir, "a.pdf"), []byte("pdf"), 0o644)
	if err == nil || written {
		t.Fatalf("WriteFile over a folder = %v, %v; want an error", written, err)
	}
	onlyFiles(t, dir, "a.pdf")
	onlyFiles(t, filepath.Join(dir, "a.pdf"), "keep")
}

func TestWriteFileMissingFolder(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteFile(filepath.Join(dir, "no", "a.pdf"), []byte("pdf"), 0o644); err == nil {
		t.Fatal("want an error for a missing folder")
	}
	onlyFiles(t, dir)
}

func TestWriteFileKeepsMode(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.pdf")
	writeFiles(t, dir, map[string]string{"a.pdf": "old"})
	if err := os.Chmod(name, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteFile(name, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want the old file's 0600", fi.Mode().Perm())
	}
	if data, _ := os.ReadFile(name); !bytes.Equal(data, []byte("new")) {
		t.Errorf("file holds %q", data)
	}
}

func TestWriteFileSyncsFolderAfterRename(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.pdf")
	saved := syncDir
	defer func() { syncDir = saved }()
	var synced []string
	syncDir = func(d string) {
		// By now the rename has happened: the target holds the new bytes.
		if data, _ := os.ReadFile(name); string(data) != "new" {
			t.Errorf("folder synced before the rename; the target holds %q", data)
		}
		synced = append(synced, d)
	}
	if _, err := WriteFile(name, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if len(synced) != 1 || filepath.Clean(synced[0]) != dir {
		t.Errorf("synced folders %q, want %q", synced, dir)
	}
}

// halfThenFull writes half of what it is given and then fails like a full
// disk.
type halfThenFull struct{ w io.Writer }

func (h halfThenFull) Write(p []byte) (int, error) {
	n, _ := h.w.Write(p[:len(p)/2])
	return n, syscall.ENOSPC
}

func TestWriterDiskFullLeavesTarget(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.pdf")
	writeFiles(t, dir, map[string]string{"a.pdf": "the old, complete PDF"})
	w := Writer{Wrap: func(w io.Writer) io.Writer { return halfThenFull{w} }}
	written, err := w.WriteFile(name, []byte("a new PDF that does not fit on the disk"), 0o644)
	if !errors.Is(err, syscall.ENOSPC) || written {
		t.Fatalf("WriteFile = %v, %v; want ENOSPC", written, err)
	}
	if data, _ := os.ReadFile(name); string(data) != "the old, complete PDF" {
		t.Errorf("target changed: %q", data)
	}
	onlyFiles(t, dir, "a.pdf")
}

func TestTempNameNamesProcess(t *testing.T) {
	dir := t.TempDir()
	saved := syncFile
	defer func() { syncFile = saved }()
	var tmp string
	syncFile = func(f *os.File) error { tmp = filepath.Base(f.Name()); return f.Sync() }
	if _, err := WriteFile(filepath.Join(dir, "a.pdf"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := tempName.FindStringSubmatch(tmp)
	if m == nil || m[1] != strconv.Itoa(os.Getpid()) || !strings.HasPrefix(tmp, ".a.pdf.tmp-") {
		t.Errorf("temporary file %q: want .a.pdf.tmp-<our pid>-<random>", tmp)
	}
}

// deadPID is a process id no process can have (Linux allows at most 2^22).
const deadPID = 2147483646

func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	own := strconv.Itoa(os.Getpid())
	writeFiles(t, dir, map[string]string{
		"a.pdf": "a complete PDF",
		".a.pdf.tmp-" + strconv.Itoa(deadPID) + "-123": "left by a killed build",
		".b.pdf.tmp-" + own + "-456":                   "being written by this process",
		".c.pdf.tmp-1-789":                             "being written by a running process (pid 1)",
		"notes.tmp-2147483646-1":                       "not named like ours",
		".d.pdf.tmp-2147483646-1/":                     "", // a folder: not ours
	})
	removed, err := RemoveStale(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(dir, ".a.pdf.tmp-"+strconv.Itoa(deadPID)+"-123")}; !equal(removed, want) {
		t.Errorf("removed %q, want %q", removed, want)
	}
	onlyFiles(t, dir, ".b.pdf.tmp-"+own+"-456", ".c.pdf.tmp-1-789", ".d.pdf.tmp-2147483646-1", "a.pdf", "notes.tmp-2147483646-1")

	if removed, err := RemoveStale(filepath.Join(dir, "missing")); err != nil || len(removed) != 0 {
		t.Errorf("missing folder: %q, %v", removed, err)
	}
}

func TestBatchRemovesStaleTempFiles(t *testing.T) {
	dir := t.TempDir()
	stale := ".one-a4.pdf.tmp-" + strconv.Itoa(deadPID) + "-1"
	writeFiles(t, dir, map[string]string{stale: "half a PDF"})
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender}
	if res := b.Build(context.Background(), inputsOf("one")); res.Diags.HasErrors() {
		t.Fatal(res.Diags)
	}
	onlyFiles(t, dir, ManifestName, "one-a4.pdf", "one-letter.pdf")
}

func TestBuildSyncsFolderOnceAfterRenames(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	saved := syncDir
	defer func() { syncDir = saved }()
	var synced []string
	syncDir = func(d string) {
		// Each sync comes after the renames it is to make durable: the
		// folder's sync finds every PDF in place, and the manifest's
		// finds the manifest.
		names, _ := filepath.Glob(filepath.Join(d, "*.pdf"))
		_, manErr := os.Stat(filepath.Join(d, ManifestName))
		synced = append(synced, fmt.Sprintf("%s %d pdfs, manifest %v", filepath.Base(d), len(names), manErr == nil))
	}
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender, Jobs: 2}
	if res := b.Build(context.Background(), inputsOf("one", "two", "three")); len(res.Diags) != 0 {
		t.Fatal(res.Diags)
	}
	want := []string{"dist 6 pdfs, manifest false", "dist 6 pdfs, manifest true"}
	if !equal(synced, want) {
		t.Errorf("folder syncs %q, want %q: one for the six PDFs, before the manifest, and one for the manifest", synced, want)
	}

	// A build that writes nothing syncs nothing.
	synced = nil
	if res := b.Build(context.Background(), inputsOf("one", "two", "three")); len(res.Diags) != 0 {
		t.Fatal(res.Diags)
	}
	if len(synced) != 0 {
		t.Errorf("an up-to-date build synced %q", synced)
	}
}
