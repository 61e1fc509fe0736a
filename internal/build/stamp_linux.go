package build

import "golang.org/x/sys/unix"

// localFolder reports whether the folder dir is on a local file system.
// A network file system may show a file's attributes as its client cached
// them, up to a minute old, so a change made from another machine could
// go unseen: the PDFs there are always hashed (see statSettle).
func localFolder(dir string) bool {
	var st unix.Statfs_t
	if unix.Statfs(dir, &st) != nil {
		return false
	}
	switch uint32(st.Type) {
	case unix.NFS_SUPER_MAGIC, unix.SMB_SUPER_MAGIC, unix.CIFS_SUPER_MAGIC, smb2Magic, unix.CEPH_SUPER_MAGIC,
		unix.AFS_SUPER_MAGIC, unix.CODA_SUPER_MAGIC, unix.V9FS_MAGIC, unix.FUSE_SUPER_MAGIC:
		return false
	}
	return true
}

// smb2Magic is the file-system type of SMB 2 and 3 mounts (Linux's
// SMB2_SUPER_MAGIC).
const smb2Magic = 0xfe534d42
