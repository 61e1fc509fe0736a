//go:build !unix

package build

import "os"

// rawFile is an os.File here (see rawread_unix.go).
type rawFile struct{ *os.File }

func openRaw(name string) (rawFile, error) {
	f, err := os.Open(name)
	return rawFile{f}, err
}

// size is the file's size now.
func (f rawFile) size() (int64, error) {
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}
