package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"handout/internal/layout"
)

// stubSyncs replaces the file-system sync and the per-file sync for one
// test.
func stubSyncs(t *testing.T, fs func(*os.File) error, file func(*os.File) error) {
	savedFS, savedFile := syncFS, syncFile
	syncFS, syncFile = fs, file
	t.Cleanup(func() { syncFS, syncFile = savedFS, savedFile })
}

func isPDFTemp(f *os.File) bool { return strings.Contains(filepath.Base(f.Name()), ".pdf.tmp-") }

// TestBuildSyncsGroupsBeforeRenaming: a build makes its files durable
// with syncs of the whole file system, not one sync a file, and renames no
// file before the sync of its group has returned.
func TestBuildSyncsGroupsBeforeRenaming(t *testing.T) {
	for _, jobs := range []int{1, 4} {
		dir := filepath.Join(t.TempDir(), "dist")
		var mu sync.Mutex
		groups, fileSyncs := 0, 0
		stubSyncs(t, func(d *os.File) error {
			mu.Lock()
			defer mu.Unlock()
			groups++
			entries, _ := os.ReadDir(dir)
			waiting := 0
			for _, e := range entries {
				m := tempName.FindStringSubmatch(e.Name())
				if m == nil {
					continue
				}
				waiting++
				target := strings.TrimPrefix(e.Name()[:strings.Index(e.Name(), ".tmp-")], ".")
				if _, err := os.Stat(filepath.Join(dir, target)); err == nil {
					t.Errorf("-j %d: %s was renamed into place before its group was synced", jobs, target)
				}
			}
			if waiting < 2 {
				t.Errorf("-j %d: the file system was synced for %d files", jobs, waiting)
			}
			return d.Sync()
		}, func(f *os.File) error {
			if isPDFTemp(f) { // the manifest is synced on its own
				mu.Lock()
				fileSyncs++
				mu.Unlock()
			}
			return f.Sync()
		})
		b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender, Jobs: jobs}
		res := b.Build(context.Background(), inputsOf("a", "b", "c", "d", "e", "f"))
		if len(res.Diags) != 0 || len(res.Outputs) != 12 {
			t.Fatalf("-j %d: %v, %d outputs", jobs, res.Diags, len(res.Outputs))
		}
		if groups < 1 || groups > 6 || fileSyncs != 0 {
			t.Errorf("-j %d: %d syncs of the file system and %d of single files for 6 handouts of 2 files", jobs, groups, fileSyncs)
		}
		onlyFiles(t, dir, ManifestName, "a-a4.pdf", "a-letter.pdf", "b-a4.pdf", "b-letter.pdf", "c-a4.pdf", "c-letter.pdf",
			"d-a4.pdf", "d-letter.pdf", "e-a4.pdf", "e-letter.pdf", "f-a4.pdf", "f-letter.pdf")
	}
}

// TestBuildGoesOnWhileTheDiskIsSlow: while a sync of the file system is
// waiting for the disk, the workers go on rendering and writing the next
// handouts, which join the next group; one writer is not held up by its
// own handout's sync.
func TestBuildGoesOnWhileTheDiskIsSlow(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	waitingAtFirst := -1
	stubSyncs(t, func(d *os.File) error {
		if waitingAtFirst >= 0 {
			return d.Sync()
		}
		// The first sync holds until four more handouts' files (8)
		// have been written behind it, or gives up after 10 s.
		count := func() int {
			entries, _ := os.ReadDir(dir)
			n := 0
			for _, e := range entries {
				if tempName.MatchString(e.Name()) {
					n++
				}
			}
			return n
		}
		deadline := time.Now().Add(10 * time.Second)
		for count() < 10 && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		waitingAtFirst = count()
		return d.Sync()
	}, func(f *os.File) error { return f.Sync() })
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender, Jobs: 1}
	res := b.Build(context.Background(), inputsOf("a", "b", "c", "d", "e", "f"))
	if len(res.Diags) != 0 || len(res.Outputs) != 12 {
		t.Fatalf("%v, %d outputs", res.Diags, len(res.Outputs))
	}
	if waitingAtFirst < 10 {
		t.Errorf("while the first group was being synced, %d files were written; want the first handout's 2 and at least 8 more", waitingAtFirst)
	}
	for _, o := range res.Outputs {
		if o.Status != StatusWritten {
			t.Errorf("%s: %s", o.Path, o.Status)
		}
	}
}

// TestBuildOneFileSyncedAlone: a group of one file is synced on its own,
// not with the whole file system.
func TestBuildOneFileSyncedAlone(t *testing.T) {
	dir := t.TempDir()
	groups, fileSyncs := 0, 0
	stubSyncs(t, func(*os.File) error { groups++; return nil },
		func(f *os.File) error {
			if isPDFTemp(f) {
				fileSyncs++
			}
			return f.Sync()
		})
	b := &Batch{Dir: dir, Papers: []layout.Paper{layout.A4}, Render: fakeRender, Jobs: 1}
	if res := b.Build(context.Background(), inputsOf("a")); len(res.Diags) != 0 {
		t.Fatal(res.Diags)
	}
	if groups != 0 || fileSyncs != 1 {
		t.Errorf("%d syncs of the file system, %d of single files; want 0 and 1", groups, fileSyncs)
	}
}

// TestBuildSyncFailureFailsOnlyItsHandout: when the file system cannot be
// synced as a whole, each file is synced on its own; the one whose sync
// fails fails its handout alone, which keeps its old files, and no
// temporary file is left.
func TestBuildSyncFailureFailsOnlyItsHandout(t *testing.T) {
	for _, jobs := range []int{1, 4} {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"b-a4.pdf": "the old b"})
		var mu sync.Mutex
		var synced []string
		stubSyncs(t, func(*os.File) error { return errors.New("cannot sync the file system") },
			func(f *os.File) error {
				if isPDFTemp(f) {
					mu.Lock()
					synced = append(synced, f.Name())
					mu.Unlock()
				}
				if strings.HasPrefix(filepath.Base(f.Name()), ".b-letter.pdf.tmp-") {
					return &os.PathError{Op: "sync", Path: f.Name(), Err: syscall.EIO}
				}
				return f.Sync()
			})
		b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender, Jobs: jobs}
		res := b.Build(context.Background(), inputsOf("a", "b", "c"))
		if !equal(res.Failed, []string{"b.yaml"}) || len(res.Diags) != 1 {
			t.Fatalf("-j %d: failed %q, diagnostics %v", jobs, res.Failed, res.Diags)
		}
		if d := res.Diags[0]; d.Pos.File != filepath.Join(dir, "b-letter.pdf") || d.Code != "write" ||
			!strings.Contains(d.Message, "cannot write the PDF") || !strings.HasSuffix(d.Message, "no file was written") {
			t.Errorf("-j %d: diagnostic %v", jobs, d)
		}
		// b's letter file failed, so its a4 file was not tried.
		if len(synced) != 5 {
			t.Errorf("-j %d: synced %d files one by one, want 5 (a, b-letter, c)", jobs, len(synced))
		}
		if data, _ := os.ReadFile(filepath.Join(dir, "b-a4.pdf")); string(data) != "the old b" {
			t.Errorf("-j %d: b-a4.pdf now holds %q", jobs, data)
		}
		onlyFiles(t, dir, ManifestName, "a-a4.pdf", "a-letter.pdf", "b-a4.pdf", "c-a4.pdf", "c-letter.pdf")
		man, err := os.ReadFile(filepath.Join(dir, ManifestName))
		if err != nil || strings.Contains(string(man), "b-letter") || strings.Contains(string(man), "b-a4") {
			t.Errorf("-j %d: the manifest records b's files (%v)", jobs, err)
		}
	}
}

// TestBuildSyncFSFailureSticks: after a sync of the file system has failed
// once, every later file of the run is synced on its own, since that error
// may have been a later group's file's, which the next sync of the file
// system would not report again.
func TestBuildSyncFSFailureSticks(t *testing.T) {
	dir := t.TempDir()
	groups, fileSyncs := 0, 0
	stubSyncs(t, func(*os.File) error {
		groups++
		if groups == 1 {
			return &os.PathError{Op: "syncfs", Path: dir, Err: syscall.EIO}
		}
		return nil
	}, func(f *os.File) error {
		if isPDFTemp(f) {
			fileSyncs++
		}
		return f.Sync()
	})
	b := &Batch{Dir: dir, Papers: layout.Papers, Render: fakeRender, Jobs: 1}
	if res := b.Build(context.Background(), inputsOf("a", "b", "c")); len(res.Diags) != 0 || len(res.Outputs) != 6 {
		t.Fatal(res.Diags)
	}
	if groups != 1 || fileSyncs != 6 {
		t.Errorf("%d syncs of the file system, %d of single files; want 1 and 6", groups, fileSyncs)
	}
}

func TestSyncFSOnThisSystem(t *testing.T) {
	d, err := os.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := syncFS(d); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("syncing the file system of a temporary folder: %v", err)
	}
}
