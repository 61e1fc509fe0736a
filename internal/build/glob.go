package build

import (
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// hasMeta reports whether a command-line path is a pattern: it holds *, ?
// or [.
func hasMeta(p string) bool { return strings.ContainsAny(p, "*?[") }

// Glob returns the files and folders that match pattern, sorted. It is
// expanded here rather than by a shell so that a pattern works the same on
// every shell and in CI configuration, where it is often quoted.
//
// Within one folder name, * matches any run of characters, ? one character
// and [...] one of a set (as in path.Match); a whole path element "**"
// matches any number of folders, none included, so "handouts/**/*.yaml" is
// every handout file under handouts/. Names starting with "." match only a
// pattern element that starts with "." too, and "**" never enters them.
// Symbolic links to folders are followed, except by "**". A last element
// "**" matches everything below, files too; a pattern ending in a
// separator matches folders only.
//
// The only error is a malformed pattern (path.ErrBadPattern); a pattern that
// matches nothing gives no paths.
func Glob(pattern string) ([]string, error) {
	dirsOnly := strings.HasSuffix(pattern, "/") || strings.HasSuffix(pattern, string(filepath.Separator))
	_, parts, i, base := splitPattern(filepath.Clean(pattern))
	pat := parts[i:]
	for _, p := range pat {
		if _, err := path.Match(p, ""); err != nil {
			return nil, err
		}
	}
	if len(pat) == 0 { // no pattern after all
		if _, err := os.Lstat(base); err != nil {
			return nil, nil
		}
		return []string{base}, nil
	}
	seen := map[string]bool{}
	var out []string
	globWalk(base, pat, func(p string) {
		if !seen[p] && (!dirsOnly || isDir(p)) {
			seen[p] = true
			out = append(out, p)
		}
	})
	sort.Strings(out)
	return out, nil
}

func globWalk(dir string, pat []string, found func(string)) {
	if len(pat) == 0 {
		found(dir)
		return
	}
	if pat[0] == "**" {
		globWalk(dir, pat[1:], found) // no folder at all
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			switch {
			case strings.HasPrefix(e.Name(), "."):
			case e.IsDir():
				globWalk(filepath.Join(dir, e.Name()), pat, found)
			case len(pat) == 1: // a last "**": files too
				found(filepath.Join(dir, e.Name()))
			}
		}
		return
	}
	if !hasMeta(pat[0]) { // a plain name between two patterns
		p := filepath.Join(dir, pat[0])
		if len(pat) == 1 {
			if _, err := os.Lstat(p); err == nil {
				found(p)
			}
		} else if isDir(p) {
			globWalk(p, pat[1:], found)
		}
		return
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") && !strings.HasPrefix(pat[0], ".") {
			continue
		}
		if ok, _ := path.Match(pat[0], name); !ok {
			continue
		}
		p := filepath.Join(dir, name)
		if len(pat) > 1 && !isDir(p) {
			continue
		}
		globWalk(p, pat[1:], found)
	}
}

// splitPattern splits a clean pattern into its root (its volume and leading
// separator, if any), its parts between separators, the index of the first
// part with a wildcard (len(parts) when none has one), and the folder the
// parts before that one name ("." when none).
func splitPattern(pattern string) (root string, parts []string, first int, base string) {
	vol := filepath.VolumeName(pattern)
	rest := filepath.ToSlash(pattern[len(vol):])
	root = vol
	if strings.HasPrefix(rest, "/") {
		root += string(filepath.Separator)
		rest = strings.TrimLeft(rest, "/")
	}
	parts = strings.Split(rest, "/")
	i := 0
	for i < len(parts) && !hasMeta(parts[i]) {
		i++
	}
	base = filepath.Join(root, filepath.FromSlash(strings.Join(parts[:i], "/")))
	if base == "" {
		base = "."
	}
	return root, parts, i, base
}
