package build

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// syncFile flushes a finished temporary file to disk. Tests replace it to
// simulate a disk that fails mid-write.
var syncFile = (*os.File).Sync

// syncDir flushes a folder's entries to disk after a rename, so that after
// a power cut the folder holds the new file and not the old one or none.
// Tests replace it to see that it runs.
var syncDir = func(dir string) {
	// Best effort: some file systems cannot sync a folder (and Windows
	// cannot open one). The new file is in place either way; this only
	// makes the rename itself durable sooner.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// Writer writes files so that a reader, a crash or a kill never sees a
// half-written one. Its zero value writes to the disk as is.
type Writer struct {
	// Wrap, when not nil, wraps the writer of each temporary file. Tests
	// use it to simulate a disk that fills up part way through a file.
	Wrap func(io.Writer) io.Writer
}

// WriteFile is Writer{}.WriteFile.
func WriteFile(name string, data []byte, perm fs.FileMode) (written bool, err error) {
	return Writer{}.WriteFile(name, data, perm)
}

// WriteFile replaces the file name with data so that a reader (or a crash)
// never sees a truncated file: the bytes go to a temporary file in the same
// folder, which is synced, closed and then renamed over name, and the
// folder is synced after the rename. On any failure the temporary file is
// removed and name is left as it was. A temporary file left behind by a
// process that was killed is removed by RemoveStale.
//
// When name already holds exactly data, it is left untouched (not even its
// modification time changes) and WriteFile reports false.
//
// A new file gets permissions perm; a replaced file keeps its own.
func (w Writer) WriteFile(name string, data []byte, perm fs.FileMode) (written bool, err error) {
	t, err := w.tempFor(name, data, perm)
	if t == nil || err != nil {
		return false, err
	}
	return t.commitAlone()
}

// writeStream is WriteFile for content that gen writes, in pieces, so that
// it is never held whole in memory. gen must write the same bytes each time
// it is called: it is called once to compare them with the file's (and
// then, unless they are the same, once more to write them).
func (w Writer) writeStream(name string, perm fs.FileMode, gen func(io.Writer) error) (written bool, err error) {
	if fi, err := os.Stat(name); err == nil && fi.Mode().IsRegular() {
		if f, err := os.Open(name); err == nil {
			c := &compareWriter{old: bufio.NewReaderSize(f, 64<<10)}
			same := gen(c) == nil && c.atEOF()
			f.Close()
			if same {
				return false, nil
			}
		}
		perm = fi.Mode().Perm()
	}
	return w.replace(name, perm, func(out io.Writer) error {
		bw := bufio.NewWriterSize(out, 64<<10)
		if err := gen(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// compareWriter checks that what is written to it is what old holds; it
// fails at the first difference.
type compareWriter struct {
	old *bufio.Reader
	buf []byte
}

var errDiffers = errors.New("differs")

func (c *compareWriter) Write(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if cap(c.buf) == 0 {
			c.buf = make([]byte, 32<<10)
		}
		k := min(len(p)-n, len(c.buf))
		got, err := io.ReadFull(c.old, c.buf[:k])
		if got != k || !bytes.Equal(c.buf[:k], p[n:n+k]) {
			if err == nil {
				err = errDiffers
			}
			return n, errDiffers
		}
		n += k
	}
	return n, nil
}

func (c *compareWriter) atEOF() bool {
	_, err := c.old.ReadByte()
	return err == io.EOF
}

// replace writes a temporary file in name's folder with write and commits
// it alone (see WriteFile).
func (w Writer) replace(name string, perm fs.FileMode, write func(io.Writer) error) (written bool, err error) {
	t, err := w.writeTemp(name, perm, write)
	if err != nil {
		return false, err
	}
	return t.commitAlone()
}

// tempFor is the first half of WriteFile, which a batch completes in
// groups (see committer): it writes data to a temporary file
// next to name and returns it, neither synced nor renamed, or nil when
// name already holds exactly data.
func (w Writer) tempFor(name string, data []byte, perm fs.FileMode) (*tempFile, error) {
	if fi, err := os.Stat(name); err == nil && fi.Mode().IsRegular() {
		if fi.Size() == int64(len(data)) {
			if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
				return nil, nil
			}
		}
		perm = fi.Mode().Perm()
	}
	return w.writeTemp(name, perm, func(out io.Writer) error {
		_, err := out.Write(data)
		return err
	})
}

// tempFile is a temporary file written in full, still open, not yet
// synced or renamed over its target. It stays open until it is renamed so
// that a sync of the file itself still reports an error that writing its
// bytes back to the disk met.
type tempFile struct {
	f      *os.File
	dir    string // the folder of both
	target string
}

// writeTemp writes a temporary file in name's folder with write and gives
// it the permissions perm. On failure the file is removed.
func (w Writer) writeTemp(name string, perm fs.FileMode, write func(io.Writer) error) (t *tempFile, err error) {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, tempPattern(base))
	if err != nil {
		return nil, err
	}
	t = &tempFile{f: f, dir: dir, target: name}
	var out io.Writer = f
	if w.Wrap != nil {
		out = w.Wrap(f)
	}
	if err = write(out); err != nil {
		t.discard()
		return nil, err
	}
	if err = f.Chmod(perm); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		t.discard()
		return nil, err
	}
	return t, nil
}

// sync flushes the file's bytes to the disk.
func (t *tempFile) sync() error { return syncFile(t.f) }

// install closes the file and renames it over its target; on failure it
// removes it. The bytes must have reached the disk first (sync, or a sync
// of the whole file system), so that a crash leaves the old target or the
// new one, complete.
func (t *tempFile) install() error {
	if err := t.f.Close(); err != nil {
		os.Remove(t.f.Name())
		return err
	}
	if err := os.Rename(t.f.Name(), t.target); err != nil {
		os.Remove(t.f.Name())
		return err
	}
	return nil
}

// commitAlone syncs the file, renames it over its target and syncs the
// folder; on failure the file is removed and the target left as it was.
func (t *tempFile) commitAlone() (written bool, err error) {
	if err = t.sync(); err != nil {
		t.discard()
		return false, err
	}
	if err = t.install(); err != nil {
		return false, err
	}
	syncDir(t.dir)
	return true, nil
}

// discard closes and removes the file; its target is left as it was.
func (t *tempFile) discard() {
	t.f.Close()
	os.Remove(t.f.Name())
}

// A temporary file is named ".<target>.tmp-<pid>-<random>", for example
// ".gut-skin-evidence-ladder-a4.pdf.tmp-4242-1234567890": hidden, next to
// its target, and naming the process that writes it, so that RemoveStale
// can tell a file left by a killed process from one another build is
// writing right now.
func tempPattern(base string) string {
	return "." + base + ".tmp-" + strconv.Itoa(os.Getpid()) + "-*"
}

var tempName = regexp.MustCompile(`^\..+\.tmp-([0-9]+)-[0-9]+$`)

// RemoveStale removes the temporary files that WriteFile left in dir when
// its process was killed before it could clean up (SIGKILL, a power cut):
// files named as WriteFile names them whose process is no longer running.
// A missing folder holds none. It returns the names it removed.
func RemoveStale(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") || !strings.Contains(e.Name(), ".tmp-") {
			continue // most names: not worth the regular expression
		}
		m := tempName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		pid, err := strconv.Atoi(m[1])
		if err != nil || pid == os.Getpid() || processRunning(pid) {
			continue
		}
		name := filepath.Join(dir, e.Name())
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, err
		}
		removed = append(removed, name)
	}
	return removed, nil
}
