package layout_test

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handout/assets"
	"handout/fonts"
	"handout/handouts"
	"handout/internal/handout"
	"handout/internal/layout"
	"handout/internal/pdf"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var families = map[string]*pdf.Family{}

func family(t testing.TB, name string) *pdf.Family {
	t.Helper()
	if name == "" {
		name = fonts.Families[0].Name
	}
	if f, ok := families[name]; ok {
		return f
	}
	f, err := pdf.LoadFamily(fonts.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	families[name] = f
	return f
}

// familyFor loads the family a handout is set in.
func familyFor(t testing.TB, h *handout.Handout) *pdf.Family {
	return family(t, fonts.Choose(h.Font.Value, h.Language.Value).Name)
}

// builtIns parses every built-in handout.
func builtIns(t testing.TB) []*handout.Handout {
	t.Helper()
	entries, err := handouts.FS.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var hs []*handout.Handout
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		data, err := handouts.FS.ReadFile(e.Name())
		if err != nil {
			t.Fatal(err)
		}
		h, diags := handout.Parse("handouts/"+e.Name(), data, handout.Options{Assets: assets.FS})
		if len(diags) > 0 {
			t.Fatalf("%s: %v", e.Name(), diags)
		}
		hs = append(hs, h)
	}
	if len(hs) < 2 {
		t.Fatalf("found %d built-in handouts, want at least 2", len(hs))
	}
	return hs
}

func lay(t testing.TB, h *handout.Handout, p layout.Paper) *layout.Document {
	t.Helper()
	doc, diags := layout.Layout(h, p, familyFor(t, h), h.Reviewed.Time, layout.Options{})
	if len(diags) > 0 {
		t.Fatalf("%s on %s: %v", h.ID.Value, p.Name, diags)
	}
	return doc
}

// TestBuiltInsFitAndKeepPrintRules checks, for every built-in handout on
// every paper, the rules a printed page must keep: every item inside the
// safe area, no two lines of text overlapping, body text at least 12 pt and
// nothing below 9 pt, and every string of the handout on the page.
func TestBuiltInsFitAndKeepPrintRules(t *testing.T) {
	for _, h := range builtIns(t) {
		for _, p := range layout.Papers {
			t.Run(h.ID.Value+"/"+p.Name, func(t *testing.T) {
				doc := lay(t, h, p)
				checkSafeArea(t, doc)
				checkNoOverlap(t, doc)
				checkSizes(t, doc)
				checkAllTextPresent(t, h, doc)
			})
		}
	}
}

const safe = 36.0 // 0.5 in: content keeps this far from every edge

func checkSafeArea(t *testing.T, doc *layout.Document) {
	t.Helper()
	for pi, pg := range doc.Pages {
		for _, it := range pg.Items {
			if it.Role == layout.RoleFigure && it.Fill == nil && it.Stroke == nil {
				continue // a bounds marker, not drawn
			}
			x0, y0, x1, y1 := it.X, it.Y, it.X+it.W, it.Y+it.H
			if it.Stroke != nil { // strokes spread half their width outwards
				x0, y0, x1, y1 = x0-it.LineWidth/2, y0-it.LineWidth/2, x1+it.LineWidth/2, y1+it.LineWidth/2
			}
			if x0 < safe-1e-6 || y0 < safe-1e-6 || x1 > doc.Paper.Width-safe+1e-6 || y1 > doc.Paper.Height-safe+1e-6 {
				t.Errorf("page %d: %s %s %q at (%.1f,%.1f)-(%.1f,%.1f) is outside the safe area", pi+1, it.Kind, it.Role, it.Text, x0, y0, x1, y1)
			}
		}
	}
}

func checkNoOverlap(t *testing.T, doc *layout.Document) {
	t.Helper()
	for pi, pg := range doc.Pages {
		var texts []layout.Item
		for _, it := range pg.Items {
			if it.Kind == layout.TextItem {
				texts = append(texts, it)
			}
		}
		for i := range texts {
			for j := i + 1; j < len(texts); j++ {
				a, b := texts[i], texts[j]
				dx := math.Min(a.X+a.W, b.X+b.W) - math.Max(a.X, b.X)
				dy := math.Min(a.Y+a.H, b.Y+b.H) - math.Max(a.Y, b.Y)
				if dx > 0.01 && dy > 0.01 {
					t.Errorf("page %d: %q (%s) and %q (%s) overlap by %.1f x %.1f pt", pi+1, a.Text, a.Field, b.Text, b.Field, dx, dy)
				}
			}
		}
	}
}

// smallPrint lists the fields that may be set below body size (but never
// below 9 pt): sources, the publisher line, the disclaimer, footers, the
// ladder's rail labels and a brand's lines in the clinic band.
func smallPrint(it layout.Item) bool {
	if it.Role == layout.RoleFooter {
		return true
	}
	for _, p := range []string{"sources", "labels.", "publisher.", "disclaimer", "name", "address", "phone", "website"} {
		if strings.HasPrefix(it.Field, p) {
			return true
		}
	}
	return false
}

func checkSizes(t *testing.T, doc *layout.Document) {
	t.Helper()
	glyphs := map[float64]int{}
	for pi, pg := range doc.Pages {
		for _, it := range pg.Items {
			if it.Kind != layout.TextItem {
				continue
			}
			glyphs[it.Size] += len([]rune(it.Text))
			if it.Size < 9 {
				t.Errorf("page %d: %q is %.1f pt, below the 9 pt floor", pi+1, it.Text, it.Size)
			}
			if !smallPrint(it) && it.Size < 12 {
				t.Errorf("page %d: %q (%s) is %.1f pt; content text must be at least 12 pt", pi+1, it.Text, it.Field, it.Size)
			}
		}
	}
	// The body size is the size that carries the most glyphs.
	body, most := 0.0, 0
	for s, n := range glyphs {
		if n > most {
			body, most = s, n
		}
	}
	if body < 12 {
		t.Errorf("body text is %.1f pt, want at least 12", body)
	}
}

// laidOut joins the text of every item drawn from each field, in order, the
// way a reader reads the wrapped lines.
func laidOut(doc *layout.Document) map[string]string {
	out := map[string]string{}
	for _, pg := range doc.Pages {
		for _, it := range pg.Items {
			if it.Kind != layout.TextItem || it.Field == "" {
				continue
			}
			prev := out[it.Field]
			switch {
			case prev == "":
				out[it.Field] = it.Text
			case strings.HasSuffix(prev, "-") || strings.HasSuffix(prev, " "):
				out[it.Field] = prev + it.Text
			default:
				out[it.Field] = prev + " " + it.Text
			}
		}
	}
	return out
}

func checkAllTextPresent(t *testing.T, h *handout.Handout, doc *layout.Document) {
	t.Helper()
	all := h.Texts()
	got := laidOut(doc)
	hidden := func(tx handout.Text) bool {
		// Identifiers, settings and metadata are not printed.
		// Labels are printed inside composed lines (the publisher line, the
		// footer, the ladder's rails), which other tests check.
		for _, p := range []string{"id", "language", "font", "keywords", "logo.", "labels."} {
			if tx.Field == p || strings.HasPrefix(tx.Field, p) {
				return true
			}
		}
		return strings.HasSuffix(tx.Field, ".id") || strings.Contains(tx.Field, ".sources[") ||
			tx.Field == "ladder.alt"
	}
	checked := 0
	for _, tx := range all {
		if tx.IsZero() || hidden(tx) {
			continue
		}
		checked++
		if !strings.Contains(got[tx.Field], tx.Value) {
			t.Errorf("%s %q is not on the page (laid out: %q)", tx.Field, tx.Value, got[tx.Field])
		}
	}
	if checked < 20 {
		t.Errorf("checked only %d strings; the model walk is broken", checked)
	}
}

// TestLadderReadsBottomToTop checks that rung 1 is drawn at the base and the
// last rung at the top, that every rung is numbered and labelled in words,
// that the tints darken upwards, and that the reading order still starts at
// rung 1.
func TestLadderReadsBottomToTop(t *testing.T) {
	var h *handout.Handout
	for _, b := range builtIns(t) {
		if b.Kind == handout.KindEvidenceLadder {
			h = b
		}
	}
	doc := lay(t, h, layout.Letter)
	type rung struct {
		labelY, numY float64
		num          string
		tint         *layout.Color
	}
	n := len(h.Ladder.Rungs)
	rungs := make([]rung, n)
	items := doc.Pages[0].Items
	for i, it := range items {
		for r := range h.Ladder.Rungs {
			if it.Field != h.Ladder.Rungs[r].Label.Field || it.Kind != layout.TextItem {
				continue
			}
			switch it.Role {
			case layout.RoleHeading:
				rungs[r].labelY = it.Y
			case layout.RoleLabel:
				rungs[r].num, rungs[r].numY = it.Text, it.Y
				// The band behind the number is the last filled rect before it.
				for j := i - 1; j >= 0; j-- {
					if items[j].Kind == layout.RectItem && items[j].Fill != nil {
						rungs[r].tint = items[j].Fill
						break
					}
				}
			}
		}
	}
	lum := func(c *layout.Color) float64 { return 0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B) }
	for r := range rungs {
		if rungs[r].num != fmt.Sprint(r+1) {
			t.Errorf("rung %d is numbered %q", r+1, rungs[r].num)
		}
		if rungs[r].labelY == 0 || rungs[r].tint == nil {
			t.Fatalf("rung %d has no label or band", r+1)
		}
		if r > 0 {
			if rungs[r].labelY >= rungs[r-1].labelY {
				t.Errorf("rung %d (y=%.0f) is not above rung %d (y=%.0f)", r+1, rungs[r].labelY, r, rungs[r-1].labelY)
			}
			if lum(rungs[r].tint) >= lum(rungs[r-1].tint) {
				t.Errorf("rung %d's tint is not darker than rung %d's", r+1, r)
			}
		}
	}
	// Reading order: the elements of rung 1 come before those of rung n.
	first, last := -1, -1
	for i, e := range doc.Elements {
		if e.Field == h.Ladder.Rungs[0].Text.Field && first < 0 {
			first = i
		}
		if e.Field == h.Ladder.Rungs[n-1].Text.Field {
			last = i
		}
	}
	if first < 0 || last < 0 || first > last {
		t.Errorf("reading order of the rungs: rung 1 at %d, rung %d at %d", first, n, last)
	}
	// The rails' ends are labelled in words.
	got := laidOut(doc)
	for _, l := range []handout.Text{h.Labels.Stronger, h.Labels.Weaker} {
		if got[l.Field] != l.Value {
			t.Errorf("rail label %s: laid out %q, want %q", l.Field, got[l.Field], l.Value)
		}
	}
	// The figure carries alternative text naming every rung.
	var alt string
	for _, e := range doc.Elements {
		if e.Role == layout.RoleFigure {
			alt = e.Alt
		}
	}
	for _, r := range h.Ladder.Rungs {
		if !strings.Contains(alt, r.Label.Value) {
			t.Errorf("figure alt text %q does not name rung %q", alt, r.Label.Value)
		}
	}
}

// TestGolden compares the laid-out boxes of every built-in handout with a
// readable golden file; run with -update to rewrite them after a change,
// and review the diff like code.
func TestGolden(t *testing.T) {
	for _, h := range builtIns(t) {
		for _, p := range layout.Papers {
			golden(t, filepath.Join("testdata", h.ID.Value+"-"+p.Name+".golden"), dump(lay(t, h, p)))
		}
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d\n- %s\n+ %s", i+1, a, b)
		}
	}
	return ""
}

// dump writes a document as text, one item a line.
func dump(doc *layout.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "paper %s %.2f x %.2f, font %s, %d pages\n", doc.Paper.Name, doc.Paper.Width, doc.Paper.Height, doc.Font, len(doc.Pages))
	fmt.Fprintf(&b, "meta title=%q author=%q subject=%q lang=%q date=%s keywords=%q\n", doc.Meta.Title, doc.Meta.Author,
		doc.Meta.Subject, doc.Meta.Language, doc.Meta.Date.Format(time.DateOnly), doc.Meta.Keywords)
	for i, pg := range doc.Pages {
		fmt.Fprintf(&b, "\npage %d\n", i+1)
		for _, it := range pg.Items {
			role := string(it.Role)
			if it.Level > 0 {
				role += fmt.Sprintf("/%d", it.Level)
			}
			fmt.Fprintf(&b, "  %-7s %-13s e%-3d %6.1f %6.1f %6.1f %6.1f", it.Kind, role, it.Elem, it.X, it.Y, it.W, it.H)
			switch it.Kind {
			case layout.TextItem:
				fmt.Fprintf(&b, "  %s %.1f %s %q", it.Face, it.Size, hexColor(&it.Color), it.Text)
			case layout.ImageItem:
				fmt.Fprintf(&b, "  %d bytes", len(it.Image))
			default:
				if it.Fill != nil {
					fmt.Fprintf(&b, "  fill %s", hexColor(it.Fill))
				}
				if it.Stroke != nil {
					fmt.Fprintf(&b, "  stroke %s %.2f", hexColor(it.Stroke), it.LineWidth)
				}
			}
			if it.Field != "" {
				fmt.Fprintf(&b, "  [%s]", it.Field)
			}
			b.WriteByte('\n')
		}
	}
	b.WriteString("\nelements\n")
	for i, e := range doc.Elements {
		role := string(e.Role)
		if e.Level > 0 {
			role += fmt.Sprintf("/%d", e.Level)
		}
		fmt.Fprintf(&b, "  e%-3d %-13s parent %3d  [%s]", i, role, e.Parent, e.Field)
		if e.Alt != "" {
			fmt.Fprintf(&b, " alt=%q", e.Alt)
		}
		if e.AltLang != "" {
			fmt.Fprintf(&b, " lang=%q", e.AltLang)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func hexColor(c *layout.Color) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// TestDeterministic lays out each handout twice and expects equal documents.
func TestDeterministic(t *testing.T) {
	for _, h := range builtIns(t) {
		a, b := dump(lay(t, h, layout.A4)), dump(lay(t, h, layout.A4))
		if a != b {
			t.Errorf("%s: two layouts differ", h.ID.Value)
		}
	}
}

// golden compares got with the golden file name, or rewrites the file
// under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/layout -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the layout; run go test ./internal/layout -update and review the diff:\n%s", name, firstDiff(string(want), got))
	}
}
