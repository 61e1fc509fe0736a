package build

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFS writes back every file of the file system that holds the open
// folder dir and waits for the disk (syncfs), reporting a write-back error
// met since dir was opened. Tests replace it.
var syncFS = func(dir *os.File) error {
	return unix.Syncfs(int(dir.Fd()))
}
