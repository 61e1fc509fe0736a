package pdf_test

import (
	"strings"
	"sync"
	"testing"

	"handout/assets"
	"handout/fonts"
	"handout/handouts"
	"handout/internal/handout"
	"handout/internal/layout"
	"handout/internal/pdf"
)

// laidOut is one built-in handout laid out on one paper size.
type laidOut struct {
	name string // the output file's name without .pdf: "<id>-<paper>" or "<id>-<paper>-large-print"
	h    *handout.Handout
	doc  *layout.Document
	fam  *pdf.Family
}

var (
	familyMu    sync.Mutex
	familyCache = map[string]*pdf.Family{}
)

func cachedFamily(tb testing.TB, name string) *pdf.Family {
	tb.Helper()
	familyMu.Lock()
	defer familyMu.Unlock()
	if f, ok := familyCache[name]; ok {
		return f
	}
	f, err := pdf.LoadFamily(fonts.FS, name)
	if err != nil {
		tb.Fatal(err)
	}
	familyCache[name] = f
	return f
}

// builtIns parses the built-in handouts and lays each out on every paper
// size, as `handout build` does.
func builtIns(tb testing.TB) []laidOut { return builtInsWith(tb, layout.Options{}) }

// builtInsLarge is builtIns in large print, as `handout build --large-print`
// lays them out.
func builtInsLarge(tb testing.TB) []laidOut {
	return builtInsWith(tb, layout.Options{LargePrint: true})
}

func builtInsWith(tb testing.TB, opt layout.Options) []laidOut {
	tb.Helper()
	entries, err := handouts.FS.ReadDir(".")
	if err != nil {
		tb.Fatal(err)
	}
	var out []laidOut
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		data, err := handouts.FS.ReadFile(e.Name())
		if err != nil {
			tb.Fatal(err)
		}
		h, diags := handout.Parse("handouts/"+e.Name(), data, handout.Options{Assets: assets.FS})
		if diags.HasErrors() {
			tb.Fatalf("%s: %v", e.Name(), diags)
		}
		fam := cachedFamily(tb, fonts.Choose(h.Font.Value, h.Language.Value).Name)
		for _, p := range layout.Papers {
			doc, diags := layout.Layout(h, p, fam, h.Reviewed.Time, opt)
			if diags.HasErrors() {
				tb.Fatalf("%s on %s: %v", e.Name(), p.Name, diags)
			}
			name := h.ID.Value + "-" + p.Name
			if opt.LargePrint {
				name += "-large-print"
			}
			out = append(out, laidOut{name: name, h: h, doc: doc, fam: fam})
		}
	}
	if len(out) < 4 {
		tb.Fatalf("found %d built-in documents, want at least 4", len(out))
	}
	return out
}
