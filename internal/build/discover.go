package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"handout/internal/diag"
	"handout/internal/handout"
)

// Input is one handout definition to build: its bytes, the name diagnostics
// call it by, and the folder its logo paths are resolved in.
type Input struct {
	// Name is the file name shown in diagnostics: the path as given on the
	// command line (cleaned), a folder entry joined to its folder, or
	// "handouts/<file>" for a built-in handout, so that positions point at
	// the repository's file.
	Name string
	// Data is the file's bytes. When it is nil and Path is set, the bytes
	// are read from Path each time they are needed (see DiscoverFiles), so
	// that a batch of many files does not hold them all at once.
	Data []byte
	// Path is the file on disk that Data is read from when Data is nil;
	// empty for an input given by its bytes.
	Path string
	// Assets is the assets folder; nil means the handout has none and may
	// not reference a logo.
	Assets fs.FS
	// AssetsDir is where Assets is on disk; empty when Assets is embedded or
	// nil.
	AssetsDir string
}

// IsHandoutFile reports whether name has a handout file extension: .yaml or
// .yml, in any case.
func IsHandoutFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml":
		return true
	}
	return false
}

// AssetsDirFor applies the assets rule to a handout file on disk, for when no
// --assets folder is given. It returns the first of these that is an existing
// folder, or "" when neither is:
//
//  1. the folder named "assets" next to the handout file
//     (handouts/x.yaml -> handouts/assets);
//  2. the folder named "assets" in the handout file's parent folder
//     (handouts/x.yaml -> assets), so that a repository laid out as
//     handouts/ + assets/ works from its top.
//
// An explicit --assets DIR always wins over both.
func AssetsDirFor(file string) string {
	dir := filepath.Dir(file)
	for _, cand := range []string{
		filepath.Join(dir, "assets"),
		filepath.Join(dir, "..", "assets"),
	} {
		if isDir(cand) {
			return cand
		}
	}
	return ""
}

func isDir(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.IsDir()
}

// Discover turns command-line paths into inputs. A path is a handout file
// (.yaml or .yml; any other extension is an error), a folder, whose handout
// files are read in name order (a folder is not searched recursively, and
// names starting with "." (editor and lock files) are skipped), or a
// pattern (see Glob) that does not name an existing path as it is. A file
// named twice is read once.
//
// assetsDir, when not empty, is the assets folder for every input (the
// --assets flag); otherwise each file's folder comes from AssetsDirFor.
//
// Every problem (a missing path, an unreadable file, a folder without handout
// files) is reported; the inputs that could be read are returned either way.
func Discover(paths []string, assetsDir string) ([]Input, diag.List) {
	return discover(paths, assetsDir, false)
}

// DiscoverFiles is Discover, except that the inputs it returns do not hold
// the bytes of the regular files they name: it sets Path, not Data, so that
// the file is read only when it is built (by Batch.Build or Load, which
// report a file that cannot be read as Discover does). A batch of thousands
// of handouts then never holds all their bytes at once.
func DiscoverFiles(paths []string, assetsDir string) ([]Input, diag.List) {
	return discover(paths, assetsDir, true)
}

func discover(paths []string, assetsDir string, lazy bool) ([]Input, diag.List) {
	var override fs.FS
	if assetsDir != "" {
		var diags diag.List
		if override, diags = OpenAssets(assetsDir); diags != nil {
			return nil, diags
		}
	}
	d := discoverer{assetsDir: assetsDir, override: override, lazy: lazy, seen: map[string]bool{},
		dirs: map[string]fs.FS{}, assetsFor: map[string]string{}}
	d.cwd, _ = os.Getwd()
	for _, p := range paths {
		d.path(p)
	}
	d.diags.Sort()
	return d.inputs, d.diags
}

// Embedded lists the handout files at the top of fsys (the built-in
// handouts), in name order. Their names are prefix/<file>. Each gets assets
// as its assets folder.
func Embedded(fsys fs.FS, prefix string, assets fs.FS) ([]Input, diag.List) {
	var diags diag.List
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		diags.Add(diag.Pos{File: prefix}, "read", "", fmt.Sprintf("cannot list the built-in handouts: %v", err), "")
		return nil, diags
	}
	var inputs []Input
	for _, e := range entries {
		if e.IsDir() || !IsHandoutFile(e.Name()) || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		name := path.Join(prefix, e.Name())
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			diags.Add(diag.Pos{File: name}, "read", "", readError(err), "")
			continue
		}
		inputs = append(inputs, Input{Name: name, Data: data, Assets: assets})
	}
	if len(inputs) == 0 && len(diags) == 0 {
		diags.Add(diag.Pos{File: prefix}, "no-handouts", "", "there are no built-in handouts", "")
	}
	return inputs, diags
}

// OpenAssets opens an explicitly given assets folder (the --assets flag),
// reporting a folder that does not exist or is a file.
func OpenAssets(dir string) (fs.FS, diag.List) {
	var diags diag.List
	fi, err := os.Stat(dir)
	hint := "--assets names the folder that logo paths are relative to"
	switch {
	case err != nil:
		diags.Add(diag.Pos{File: dir}, "no-assets", "", "the assets folder cannot be used: "+plainError(err), hint)
	case !fi.IsDir():
		diags.Add(diag.Pos{File: dir}, "no-assets", "", "the assets folder cannot be used: it is a file, not a folder", hint)
	default:
		fsys, err := assetsFS(dir)
		if err == nil {
			return fsys, nil
		}
		diags.Add(diag.Pos{File: dir}, "no-assets", "", "the assets folder cannot be used: "+plainError(err), hint)
	}
	return nil, diags
}

// assetsFS opens an assets folder so that nothing outside it can be read
// through it: os.Root refuses "..", absolute paths and symbolic links that
// lead out of the folder, even when they are hidden in the middle of a
// path. The folder stays open for the rest of the process (a run opens one
// per folder of handouts); the garbage collector closes it when it is no
// longer used.
func assetsFS(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return root.FS(), nil
}

type discoverer struct {
	assetsDir string
	override  fs.FS
	lazy      bool              // DiscoverFiles: set Path, not Data
	seen      map[string]bool   // absolute paths already read
	dirs      map[string]fs.FS  // assets folders opened so far
	assetsFor map[string]string // AssetsDirFor of each folder of handouts
	cwd       string            // the working folder ("" when unknown)
	inputs    []Input
	diags     diag.List
}

func (d *discoverer) path(p string) {
	name := filepath.Clean(p)
	fi, err := os.Stat(name)
	if err != nil && hasMeta(p) {
		d.glob(p)
		return
	}
	if err != nil {
		d.diags.Add(diag.Pos{File: name}, "read", "", readError(err),
			"give a handout file (.yaml or .yml) or a folder of them")
		return
	}
	if !fi.IsDir() {
		if !IsHandoutFile(name) {
			d.diags.Add(diag.Pos{File: name}, "not-yaml", "", "not a handout file",
				"handout files end in .yaml or .yml")
			return
		}
		d.file(name, fi)
		return
	}
	if d.folder(name) == 0 {
		d.diags.Add(diag.Pos{File: name}, "no-handouts", "", "no handout files in this folder",
			"handout files end in .yaml or .yml; sub-folders are not searched")
	}
}

// glob reads the handout files and folders a pattern matches (see Glob).
// Files that are not handout files are skipped, and so are folders without
// any; but a pattern that matches nothing, or no handout file at all, is an
// error: a typo in a CI configuration must not build nothing silently.
func (d *discoverer) glob(pattern string) {
	pos := diag.Pos{File: pattern}
	const hint = "handout expands patterns itself (*, ?, [...] within a name, ** for any number of folders), so quote them to keep the shell from doing it"
	matches, err := Glob(pattern)
	if err != nil {
		d.diags.Add(pos, "bad-pattern", "", "not a valid pattern: "+err.Error(), hint)
		return
	}
	if len(matches) == 0 {
		d.diags.Add(pos, "no-match", "", "no file or folder matches this pattern", hint)
		return
	}
	found := 0
	for _, m := range matches {
		fi, err := os.Stat(m)
		switch {
		case err != nil:
			continue // a broken symbolic link, or removed meanwhile
		case fi.IsDir():
			found += d.folder(m)
		case IsHandoutFile(m):
			found++
			d.file(m, fi)
		}
	}
	if found == 0 {
		d.diags.Add(pos, "no-handouts", "", "no handout files match this pattern", "handout files end in .yaml or .yml")
	}
}

// folder reads the handout files in a folder, not searching sub-folders,
// and returns how many there are.
func (d *discoverer) folder(name string) int {
	entries, err := os.ReadDir(name)
	if err != nil {
		d.diags.Add(diag.Pos{File: name}, "read", "", "cannot list the folder: "+plainError(err), "")
		return 1 // reported; not also "no handout files"
	}
	found := 0
	for _, e := range entries { // os.ReadDir sorts by name
		if e.IsDir() || !IsHandoutFile(e.Name()) || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		found++
		file := filepath.Join(name, e.Name())
		if d.lazy && e.Type().IsRegular() {
			// Its size is checked when it is read (see Input.read): a
			// stat of every file here was a tenth of a check of an
			// up-to-date folder.
			d.file(file, nil)
			continue
		}
		fi, err := os.Stat(file)
		if err != nil {
			d.diags.Add(diag.Pos{File: file}, "read", "", readError(err), "")
			continue
		}
		if fi.IsDir() { // a symbolic link to a folder
			continue
		}
		d.file(file, fi)
	}
	return found
}

// file adds the handout file name; fi is what os.Stat says of it, or nil
// for a regular file whose size is checked when it is read.
func (d *discoverer) file(name string, fi fs.FileInfo) {
	if abs, ok := d.abs(name); ok {
		if d.seen[abs] {
			return
		}
		d.seen[abs] = true
	}
	if fi != nil && fi.Size() > handout.MaxFileBytes {
		d.diags.Add(tooLarge(name, fi.Size()))
		return
	}
	in := Input{Name: name, Assets: d.override, AssetsDir: d.assetsDir}
	if d.lazy && (fi == nil || fi.Mode().IsRegular()) {
		in.Path = name
	} else {
		data, err := os.ReadFile(name)
		if err != nil {
			d.diags.Add(diag.Pos{File: name}, "read", "", readError(err), "")
			return
		}
		in.Data = data
	}
	if d.override == nil {
		if dir := d.assetsDirFor(name); dir != "" {
			in.AssetsDir = dir
			if _, opened := d.dirs[dir]; !opened {
				fsys, err := assetsFS(dir)
				if err != nil {
					d.diags.Add(diag.Pos{File: dir}, "no-assets", "", "the assets folder cannot be used: "+plainError(err),
						"logos are looked up in the folder \"assets\" beside the handout, or one folder up")
				}
				d.dirs[dir] = fsys // nil after an error: the handout may then name no logo
			}
			in.Assets = d.dirs[dir]
		}
	}
	d.inputs = append(d.inputs, in)
}

// readError describes a failure to read a path named by the diagnostic.
func readError(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "no such file or folder"
	}
	return "cannot read: " + plainError(err)
}

// plainError drops the operation and path from a file system error, which
// the diagnostic already names.
func plainError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// abs is filepath.Abs(name), with the working folder looked up once per
// discovery rather than once per file.
func (d *discoverer) abs(name string) (string, bool) {
	if filepath.IsAbs(name) {
		return filepath.Clean(name), true
	}
	if d.cwd == "" {
		return "", false
	}
	return filepath.Join(d.cwd, name), true
}

// assetsDirFor is AssetsDirFor, looked up once per folder of handouts.
func (d *discoverer) assetsDirFor(name string) string {
	dir := filepath.Dir(name)
	a, ok := d.assetsFor[dir]
	if !ok {
		a = AssetsDirFor(name)
		d.assetsFor[dir] = a
	}
	return a
}
