//go:build darwin || freebsd

package build

import "golang.org/x/sys/unix"

func fsTypeName(st *unix.Statfs_t) []byte { return st.Fstypename[:] }
