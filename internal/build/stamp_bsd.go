//go:build darwin || freebsd || openbsd

package build

import (
	"strings"

	"golang.org/x/sys/unix"
)

// localFolder reports whether the folder dir is on a local file system
// (see stamp_linux.go).
func localFolder(dir string) bool {
	var st unix.Statfs_t
	if unix.Statfs(dir, &st) != nil {
		return false
	}
	switch strings.TrimRight(string(fsTypeName(&st)), "\x00") {
	case "nfs", "smbfs", "afpfs", "webdav", "cifs", "fusefs", "macfuse", "osxfuse", "9p":
		return false
	}
	return true
}
