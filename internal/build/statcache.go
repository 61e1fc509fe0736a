package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A PDF is up to date only while its bytes are still those the manifest
// records (checked by their size and CRC-32C, or SHA-256; see
// ManifestOutput), and reading every PDF of a folder is the largest part of
// a build that has nothing to do. So each build also keeps, on this
// machine, a note of every PDF it checked: what the system says of the file
// (inode, size, modification and change times, read before its bytes) and
// when that was read. A later build takes the note's word for the hash,
// without reading the file, when the file still shows exactly the same,
// and the note was taken at least statSettle after the file's last change.
//
// The change time (ctime) is set by the system on every write, rename or
// change of permissions, and cannot be set back by a program, so a file
// changed after the note shows another change time, unless the change fell
// in the same tick of the file system's clock as the change before the
// note; statSettle, longer than the coarsest tick of any file system
// (2 s), rules that out. A PDF checked in the seconds after it was
// written is checked again by the next build, which then notes it for
// good. Where files have no change time (systems other than Linux, macOS
// and the BSDs) there are no notes and every PDF is read, and so it is on
// network file systems (see localFolder).
//
// The notes are a cache: they live in the user's cache folder
// (os.UserCacheDir, $XDG_CACHE_HOME on Linux), one file per output folder,
// never beside the PDFs, so that an output folder kept in version control
// is the same on every machine; a file not written for 30 days is removed
// (statNotesMaxAge). A missing, unreadable or damaged notes
// file only means that every PDF is read; one that cannot be written is
// ignored.
const statSettle = 2 * time.Second

// fileStamp is what the system says of a regular file.
type fileStamp struct {
	ino          uint64
	size         int64
	mtime, ctime int64 // nanoseconds
}

// statNote is a PDF's stamp, when it was read (at, nanoseconds), and the
// SHA-256 its bytes had.
type statNote struct {
	stamp fileStamp
	at    int64
	sum   digest
}

// statNotes are the notes of one output folder, as a run reads and adds
// to them.
type statNotes struct {
	file string // "" when there are none to keep
	mu   sync.Mutex
	m    map[string]statNote // by output file name
	new  bool                // notes were added or changed
}

// statNow, hashFile and crcFile are time.Now, fileSum and fileCRC; tests
// replace them.
var (
	statNow  = time.Now
	hashFile = fileSum
	crcFile  = fileCRC
)

// statNotesHeader begins a notes file; a file that does not is ignored.
const statNotesHeader = "handout stat notes 1\n"

// statCacheDir is where notes files are kept; tests replace it.
var statCacheDir = func() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "handout", "stat"), nil
}

// readStatNotes reads the notes of the output folder dir. They are kept
// under a name made from its absolute path.
func readStatNotes(dir string) *statNotes {
	n := &statNotes{m: map[string]statNote{}}
	if !stampsWork || !localFolder(dir) {
		return n
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return n
	}
	cache, err := statCacheDir()
	if err != nil {
		return n
	}
	key := sha256.Sum256([]byte(abs))
	n.file = filepath.Join(cache, hex.EncodeToString(key[:16]))
	data, err := os.ReadFile(n.file)
	if err != nil || !bytes.HasPrefix(data, []byte(statNotesHeader)) {
		return n
	}
	for _, line := range strings.Split(string(data[len(statNotesHeader):]), "\n") {
		if name, note, ok := parseStatNote(line); ok {
			n.m[name] = note
		}
	}
	return n
}

// parseStatNote reads a line "name ino size mtime ctime at sum", the
// fields separated by tabs.
func parseStatNote(line string) (string, statNote, bool) {
	f := strings.Split(line, "\t")
	if len(f) != 7 || f[0] == "" {
		return "", statNote{}, false
	}
	var nums [5]int64
	for i := range nums {
		v, err := strconv.ParseInt(f[i+1], 10, 64)
		if err != nil {
			return "", statNote{}, false
		}
		nums[i] = v
	}
	sum, ok := parseDigest(f[6])
	if !ok {
		return "", statNote{}, false
	}
	return f[0], statNote{stamp: fileStamp{ino: uint64(nums[0]), size: nums[1], mtime: nums[2], ctime: nums[3]},
		at: nums[4], sum: sum}, true
}

// trusted returns the SHA-256 and size of the output file name at path
// when its note vouches for them (see statSettle).
func (n *statNotes) trusted(name, path string) (digest, int64, bool) {
	n.mu.Lock()
	note, ok := n.m[name]
	n.mu.Unlock()
	if !ok || note.at-note.stamp.ctime < int64(statSettle) {
		return digest{}, 0, false
	}
	st, ok := stampOf(path)
	if !ok || st != note.stamp {
		return digest{}, 0, false
	}
	return note.sum, st.size, true
}

// note records that the file name had the SHA-256 sum when it showed st,
// read at time at.
func (n *statNotes) note(name string, st fileStamp, at time.Time, sum digest) {
	n.mu.Lock()
	defer n.mu.Unlock()
	note := statNote{stamp: st, at: at.UnixNano(), sum: sum}
	if n.m[name] != note {
		n.m[name] = note
		n.new = true
	}
}

// write saves the notes of the names keep says to keep, if any were added,
// through a temporary file renamed into place. Errors are ignored: the
// notes are a cache.
func (n *statNotes) write(keep func(name string) bool) {
	if n.file == "" || !n.new {
		return
	}
	names := make([]string, 0, len(n.m))
	for name := range n.m {
		if keep(name) && !strings.ContainsAny(name, "\t\n") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	if os.MkdirAll(filepath.Dir(n.file), 0o700) != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(n.file), ".notes-*")
	if err != nil {
		return
	}
	w := bufio.NewWriter(f)
	w.WriteString(statNotesHeader)
	for _, name := range names {
		e := n.m[name]
		w.WriteString(name)
		for _, v := range []int64{int64(e.stamp.ino), e.stamp.size, e.stamp.mtime, e.stamp.ctime, e.at} {
			w.WriteByte('\t')
			w.WriteString(strconv.FormatInt(v, 10))
		}
		w.WriteByte('\t')
		w.WriteString(e.sum.hex())
		w.WriteByte('\n')
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), n.file)
	}
	if err != nil {
		os.Remove(f.Name())
		return
	}
	pruneStatNotes(filepath.Dir(n.file), statNow())
}

// statNotesMaxAge: a notes file not written for this long (its output
// folder deleted, or not built since, like the temporary folders of test
// runs) is removed by the next build that writes notes.
const statNotesMaxAge = 30 * 24 * time.Hour

// pruneStatNotes removes the notes files of the folder dir (and temporary
// files left by a killed build) not written since statNotesMaxAge before
// now.
func pruneStatNotes(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() && now.Sub(fi.ModTime()) > statNotesMaxAge {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
