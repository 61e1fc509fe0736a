package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"handout/internal/diag"
	"handout/internal/layout"
)

// orphans warns of the PDFs in the output folder that no handout makes any
// more, as the manifest shows: a PDF made from a handout file of this run
// whose id has changed since, or from a handout file that is gone from a
// folder this run reads handouts from (deleted, or renamed along with its
// id). Such a PDF is left alone: the folder may be shared with other runs,
// and a site may keep an old file on purpose (and remove its entry from the
// manifest). But a forgotten one stays published, out of date, so every
// build says so until it is deleted.
//
// A PDF that any handout of the run makes, on any paper and in either
// edition, is not an orphan, whatever its entry says: a handout file
// renamed without changing its id makes the same PDFs.
func (r *run) orphans(ins []Input, units []*unit) diag.List {
	if r.man == nil || len(r.man.outs) == 0 {
		return nil
	}
	made := map[string]bool{}  // the ids of the run's handouts
	ids := map[string]string{} // handout file -> its id now
	for _, u := range units {
		ids[u.in.Name] = u.id
		made[u.id] = true
	}
	ours := map[string]bool{} // the run's handout files
	dirs := map[string]bool{} // the folders of those read from disk
	for _, in := range ins {
		ours[in.Name] = true
		if in.Path != "" {
			dirs[filepath.Dir(in.Name)] = true
		}
	}
	var l diag.List
	for i := range r.man.outs {
		e := &r.man.outs[i]
		if id, ok := outputID(e.name); ok && made[id] {
			continue
		}
		var why string
		switch id, read := ids[e.input]; {
		case read:
			why = "it was made from " + e.input + ", whose id is now \"" + id + "\""
		case ours[e.input]:
			continue // the handout has a problem, reported
		case dirs[filepath.Dir(e.input)] && gone(e.input):
			why = "it was made from " + e.input + ", which no longer exists"
		default:
			continue
		}
		pdf := filepath.Join(r.b.Dir, e.name)
		if gone(pdf) {
			continue
		}
		l = append(l, diag.Diagnostic{Pos: diag.Pos{File: pdf}, Severity: diag.Warning, Code: "orphan",
			Message: "no handout makes this PDF any more: " + why,
			Hint:    "delete it, and any copy published from it"})
	}
	return l
}

// outputID is the id of the handout whose output file is name, on any
// paper and in either edition (see OutputNameFor).
func outputID(name string) (string, bool) {
	base, ok := strings.CutSuffix(name, ".pdf")
	if !ok {
		return "", false
	}
	base, _ = strings.CutSuffix(base, "-large-print")
	for _, p := range layout.Papers {
		if n := len(base) - len(p.Name) - 1; n > 0 && base[n] == '-' && base[n+1:] == p.Name {
			return base[:n], true
		}
	}
	return "", false
}

// gone reports whether nothing is at path.
func gone(path string) bool {
	_, err := os.Lstat(path)
	return errors.Is(err, fs.ErrNotExist)
}
