//go:build !(linux || darwin || freebsd || openbsd)

package build

// stampsWork: without a change time no note can be trusted (see
// statSettle), so every PDF is hashed.
const stampsWork = false

func stampOf(string) (fileStamp, bool) { return fileStamp{}, false }

func fdStamp(rawFile) (fileStamp, bool) { return fileStamp{}, false }

func localFolder(string) bool { return false }
