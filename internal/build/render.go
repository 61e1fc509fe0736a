package build

import (
	"fmt"
	"sync"
	"time"

	"handout/fonts"
	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
	"handout/internal/pdf"
)

// Version is the tool's version, written into every PDF's Creator entry.
// It is part of every output's up-to-date check (the manifest): raise it
// with every release whose PDFs differ from the last one's, so that a
// rebuild after an upgrade renders them again. 0.2.0: the clinic band, the
// named font subsets, the publisher's address and the other changes of
// the clinics-and-authors work. 0.3.0: content streams compressed by
// github.com/klauspost/compress (fpdf patch 12), other bytes, same pages.
const Version = "0.3.0"

// RenderOptions are the settings that change a rendered PDF.
type RenderOptions struct {
	// Date overrides the date written into the PDF (creation and modification
	// dates). Zero means the handout's reviewed date. The CLI sets it from
	// SOURCE_DATE_EPOCH.
	Date time.Time
	// Brand fills the clinic band of every handout; nil leaves it blank
	// for a clinic to write or stamp on.
	Brand *handout.Brand
	// LargePrint lays the handout out in large print (layout.Options).
	// Its PDFs have their own names (OutputNameFor), so that they can sit
	// beside the regular ones.
	LargePrint bool
}

var (
	familiesMu sync.Mutex
	families   = map[string]*pdf.Family{}
)

// family loads a font family once per process.
func family(name string) (*pdf.Family, error) {
	familiesMu.Lock()
	defer familiesMu.Unlock()
	if f, ok := families[name]; ok {
		return f, nil
	}
	f, err := pdf.LoadFamily(fonts.FS, name)
	if err != nil {
		return nil, err
	}
	families[name] = f
	return f, nil
}

// Layout lays out one handout on one paper size.
func Layout(h *handout.Handout, paper layout.Paper, opt RenderOptions) (*layout.Document, diag.List) {
	fam, err := family(fonts.Choose(h.Font.Value, h.Language.Value).Name)
	if err != nil {
		var l diag.List
		l.Add(h.Font.Pos, "font", "font", err.Error(), "")
		return nil, l
	}
	date := opt.Date
	if date.IsZero() {
		date = h.Reviewed.Time
	}
	return layout.Layout(h, paper, fam, date, layout.Options{Brand: opt.Brand, LargePrint: opt.LargePrint})
}

// Render lays out and draws one handout on one paper size and returns the PDF
// bytes and its number of pages. Problems with the content (text that does
// not fit, characters the font lacks) come back as diagnostics, and then
// there are no bytes.
func Render(h *handout.Handout, paper layout.Paper, opt RenderOptions) ([]byte, int, diag.List) {
	doc, diags := Layout(h, paper, opt)
	if diags.HasErrors() {
		return nil, 0, diags
	}
	fam, _ := family(fonts.Choose(h.Font.Value, h.Language.Value).Name)
	b, err := pdf.Encode(doc, fam, "handout "+Version)
	if err != nil {
		diags.Add(diag.Pos{File: h.File}, "pdf", "", fmt.Sprintf("could not draw the PDF: %v", err), "")
		return nil, 0, diags
	}
	return b, len(doc.Pages), diags
}

// CheckBrand lays out a brand's clinic band in every font family handout
// ships, on every paper, in one edition (large: large print, whose band
// sets the clinic's name and details larger), and returns what does not
// fit, each problem once. A line too long is reported where it is too long
// by the most, so that shortening it as the hint says makes it fit
// everywhere. A brand that passes fits every handout of that edition,
// whatever its font and paper.
func CheckBrand(br *handout.Brand, large bool) diag.List {
	type worst struct {
		d     diag.Diagnostic
		short int
	}
	var order []string
	found := map[string]*worst{}
	var out diag.List
	for _, f := range fonts.Families {
		fam, err := family(f.Name)
		if err != nil {
			out.Add(diag.Pos{File: br.File}, "font", "", err.Error(), "")
			continue
		}
		for _, paper := range layout.Papers {
			_, diags, short := layout.CheckBrand(br, paper, fam, f.Name, large)
			for _, d := range diags {
				if len(fonts.Families) > 1 && d.Code == "text-overflow" {
					d.Message += " in " + f.Display
				}
				key := d.Field + "\x00" + d.Code
				w, ok := found[key]
				if !ok {
					order = append(order, key)
					found[key] = &worst{d, short[d.Field]}
				} else if short[d.Field] > w.short {
					*w = worst{d, short[d.Field]}
				}
			}
		}
	}
	for _, k := range order {
		out = append(out, found[k].d)
	}
	out.Sort()
	return out
}
