package build

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
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
