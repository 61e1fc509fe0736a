package build

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// syncFile flushes a finished temporary file to disk. Tests replace it to
// simulate a disk that fails mid-write.
var syncFile = (*os.File).Sync

// WriteFile replaces the file name with data so that a reader (or a crash)
// never sees a truncated file: the bytes go to a temporary file in the same
// folder, which is synced, closed and then renamed over name. On any failure
// the temporary file is removed and name is left as it was.
//
// When name already holds exactly data, it is left untouched (not even its
// modification time changes) and WriteFile reports false.
//
// A new file gets permissions perm; a replaced file keeps its own.
func WriteFile(name string, data []byte, perm fs.FileMode) (written bool, err error) {
	if fi, err := os.Stat(name); err == nil && fi.Mode().IsRegular() {
		if fi.Size() == int64(len(data)) {
			if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
				return false, nil
			}
		}
		perm = fi.Mode().Perm()
	}
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return false, err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		f.Close()
		return false, err
	}
	if err = f.Chmod(perm); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		f.Close()
		return false, err
	}
	if err = syncFile(f); err != nil {
		f.Close()
		return false, err
	}
	if err = f.Close(); err != nil {
		return false, err
	}
	if err = os.Rename(tmp, name); err != nil {
		return false, err
	}
	return true, nil
}
