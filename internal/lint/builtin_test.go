package lint

import (
	"testing"
	"time"

	"handout/assets"
	"handout/handouts"
	"handout/internal/build"
	"handout/internal/layout"
)

// The built-in handouts have no error and no warning, on both paper sizes,
// regular and in large print, judged on the day they were reviewed and two
// years later.
func TestBuiltinHandouts(t *testing.T) {
	for _, large := range []bool{false, true} {
		name := "regular"
		if large {
			name = "large print"
		}
		t.Run(name, func(t *testing.T) { lintBuiltins(t, build.RenderOptions{LargePrint: large}) })
	}
}

func lintBuiltins(t *testing.T, opt build.RenderOptions) {
	ins, diags := build.Embedded(handouts.FS, "handouts", assets.FS)
	hs, more := build.Load(ins)
	if diags = append(diags, more...); diags.HasErrors() || len(hs) != 4 {
		t.Fatalf("%d handouts: %v", len(hs), diags)
	}
	for _, h := range hs {
		var docs []*layout.Document
		for _, p := range layout.Papers {
			d, diags := build.Layout(h, p, opt)
			if diags.HasErrors() {
				t.Fatalf("%s on %s: %v", h.File, p.Name, diags)
			}
			docs = append(docs, d)
		}
		for _, when := range []time.Time{h.Reviewed.Time, h.Reviewed.Time.AddDate(2, 0, 0)} {
			r := Run(h, docs, Options{Now: when})
			for _, f := range r.Findings {
				t.Errorf("%s", f)
			}
			if r.Readability.All.Words < 100 {
				t.Errorf("%s: only %d words scored", h.File, r.Readability.All.Words)
			}
		}
	}
}
