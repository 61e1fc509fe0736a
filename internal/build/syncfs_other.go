//go:build !linux

package build

import (
	"errors"
	"os"
)

// syncFS cannot sync a whole file system here: each file is synced on its
// own (see committer).
var syncFS = func(*os.File) error { return errors.ErrUnsupported }
