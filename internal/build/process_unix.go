//go:build unix

package build

import (
	"errors"
	"syscall"
)

// processRunning reports whether a process with this id exists. Signal 0
// checks without sending anything; EPERM means it exists but belongs to
// another user.
func processRunning(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
