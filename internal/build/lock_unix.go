//go:build unix && !aix && !(solaris && !illumos)

package build

import (
	"os"
	"syscall"
)

// lockDir takes an exclusive lock on the folder dir (flock), waiting for
// another build that holds it, and returns the function that releases it.
// The kernel releases the lock if the process dies. When the folder cannot
// be locked (a file system without locks), it goes on without the lock.
func lockDir(dir string) (unlock func()) {
	f, err := os.Open(dir)
	if err != nil {
		return func() {}
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return func() {}
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}
}
