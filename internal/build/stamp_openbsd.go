package build

import "golang.org/x/sys/unix"

func fsTypeName(st *unix.Statfs_t) []byte { return st.F_fstypename[:] }
