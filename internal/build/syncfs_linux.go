package build

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// syncFS writes back every file of the file system that holds the open
// folder dir and waits for the disk (syncfs), reporting a write-back error
// met since dir was opened. Tests replace it.
var syncFS = func(dir *os.File) error {
	if !syncFSReportsErrors {
		return errors.ErrUnsupported
	}
	return unix.Syncfs(int(dir.Fd()))
}

// syncFSReportsErrors: before Linux 5.8, syncfs did not report write-back
// errors, so a file that never reached the disk could be renamed into
// place; there each file is synced on its own.
var syncFSReportsErrors = func() bool {
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return false
	}
	var major, minor int
	if _, err := fmt.Sscanf(unix.ByteSliceToString(u.Release[:]), "%d.%d", &major, &minor); err != nil {
		return false
	}
	return major > 5 || major == 5 && minor >= 8
}()
