//go:build !unix

package build

import "os"

// processRunning reports whether a process with this id exists. Outside
// Unix, finding a process fails when there is none.
func processRunning(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
