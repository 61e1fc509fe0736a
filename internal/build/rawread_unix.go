//go:build unix

package build

import (
	"io"
	"io/fs"
	"syscall"
)

// rawFile is a file opened for reading with plain system calls. Opening an
// os.File also sets it up for the runtime's poller, which for a regular
// file is three more system calls (two fcntl and an epoll_ctl that fails),
// as many as the open, read and close a check of an up-to-date output
// needs; a check of 1,000 outputs and 500 handouts felt them (see README,
// Speed). Meant for regular files: reading one never blocks on the
// poller.
type rawFile struct {
	fd   int
	name string
}

func openRaw(name string) (rawFile, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return rawFile{fd: -1}, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return rawFile{fd, name}, nil
	}
}

// Read is io.Reader's Read: io.EOF at the end.
func (f rawFile) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		n, err := syscall.Read(f.fd, p)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, &fs.PathError{Op: "read", Path: f.name, Err: err}
		case n == 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

// size is the file's size now.
func (f rawFile) size() (int64, error) {
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(f.fd, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, &fs.PathError{Op: "stat", Path: f.name, Err: err}
		}
		return st.Size, nil
	}
}

func (f rawFile) Close() error { return syscall.Close(f.fd) }
