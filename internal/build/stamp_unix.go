//go:build linux || darwin || freebsd || openbsd

package build

import "golang.org/x/sys/unix"

// stampsWork: the system gives files a change time (see statSettle).
const stampsWork = true

// stampOf returns what the system says of the regular file at path,
// without following a symbolic link.
func stampOf(path string) (fileStamp, bool) {
	var st unix.Stat_t
	if err := unix.Lstat(path, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return fileStamp{}, false
	}
	return fileStamp{ino: uint64(st.Ino), size: int64(st.Size), mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano()}, true
}

// fdStamp is stampOf for an open file (which may have been reached
// through a symbolic link: stampOf of the same path then says no, so that
// a note taken from this stamp is never trusted).
func fdStamp(f rawFile) (fileStamp, bool) {
	var st unix.Stat_t
	for {
		err := unix.Fstat(f.fd, &st)
		if err == unix.EINTR {
			continue
		}
		if err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
			return fileStamp{}, false
		}
		return fileStamp{ino: uint64(st.Ino), size: int64(st.Size), mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano()}, true
	}
}
