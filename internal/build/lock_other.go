//go:build !unix || aix || (solaris && !illumos)

package build

import "sync"

var dirLock sync.Mutex

// lockDir serialises manifest updates within this process. Where there is
// no flock (outside Unix, and on AIX and Solaris), builds running in
// separate processes into one folder at the same moment may lose each
// other's manifest entries; the PDFs are then only rendered
// again by the next build, never wrong.
func lockDir(string) (unlock func()) {
	dirLock.Lock()
	return dirLock.Unlock
}
