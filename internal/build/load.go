package build

import (
	"handout/internal/diag"
	"handout/internal/handout"
)

// Load parses every input and checks that no two handouts share an id (their
// output files would overwrite each other). It returns the handouts without
// errors, in input order, and every diagnostic of every input, sorted.
//
// Handouts that share an id are all reported and all left out: which of them
// the output files should hold is the author's decision, not the order of the
// command line's.
func Load(inputs []Input) ([]*handout.Handout, diag.List) {
	var all diag.List
	var parsed []*handout.Handout
	for _, in := range inputs {
		h, diags := handout.Parse(in.Name, in.Data, handout.Options{Assets: in.Assets})
		all = append(all, diags...)
		if h != nil {
			parsed = append(parsed, h)
		}
	}
	dups := handout.CheckIDs(parsed)
	all = append(all, dups...)
	bad := map[string]bool{}
	for _, d := range dups {
		if d.Severity == diag.Error {
			bad[d.Pos.File] = true
		}
	}
	var ok []*handout.Handout
	for _, h := range parsed {
		if !bad[h.File] {
			ok = append(ok, h)
		}
	}
	all.Sort()
	return ok, all
}
