package lint

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// The rules in this file read the laid-out pages: the boxes the PDF is drawn
// from, one document per paper size.

// smallPrint reports text the standards let be smaller than body text:
// footnotes (the sources), the disclaimer, the publisher and reviewed line,
// and the running footer.
func smallPrint(it *layout.Item) bool {
	f := it.Field
	return it.Role == layout.RoleFooter || f == "disclaimer" || f == "sources" ||
		strings.HasPrefix(f, "sources[") || strings.HasPrefix(f, "sources.") || strings.HasPrefix(f, "publisher")
}

// fixedLabel reports the fixed words a layout prints around the content
// ("Sources", "Page 1 of 2", the ends of the ladder's arrow): they are set
// like small print and are not the handout's own text.
func fixedLabel(it *layout.Item) bool { return strings.HasPrefix(it.Field, "labels.") }

// body reports running text of the handout's own: paragraphs, list items
// and captions, not small print or fixed labels.
func body(it *layout.Item) bool {
	switch it.Role {
	case layout.RoleParagraph, layout.RoleListItem, layout.RoleCaption:
		return !smallPrint(it) && !fixedLabel(it)
	}
	return false
}

// textItem is a text item with where it is.
type textItem struct {
	page, index int
	it          *layout.Item
}

func texts(d *layout.Document, keep func(*layout.Item) bool) []textItem {
	var out []textItem
	for p := range d.Pages {
		for i := range d.Pages[p].Items {
			it := &d.Pages[p].Items[i]
			if it.Kind == layout.TextItem && (keep == nil || keep(it)) {
				out = append(out, textItem{p, i, it})
			}
		}
	}
	return out
}

// name says which text an item shows: its field, else its role; a list
// item's number or bullet says so.
func name(it *layout.Item) string {
	n := it.Field
	if n == "" {
		n = string(it.Role)
	}
	if it.Role == layout.RoleLabel {
		n += " (its number or bullet)"
	}
	return n
}

// byField keeps the first finding for each field (a paragraph of ten lines
// that is too small is one finding, not ten).
type byField struct {
	seen map[string]bool
	out  []Finding
}

func (b *byField) add(key string, f Finding) {
	if b.seen == nil {
		b.seen = map[string]bool{}
	}
	if b.seen[key] {
		return
	}
	b.seen[key] = true
	b.out = append(b.out, f)
}

func checkSize(d *layout.Document, threshold float64, keep func(*layout.Item) bool, what string) []Finding {
	// The smallest size of each field.
	smallest := map[string]*layout.Item{}
	var order []string
	for _, t := range texts(d, keep) {
		k := name(t.it)
		if prev, ok := smallest[k]; !ok || t.it.Size < prev.Size {
			if !ok {
				order = append(order, k)
			}
			smallest[k] = t.it
		}
	}
	var out []Finding
	for _, k := range order {
		it := smallest[k]
		if it.Size >= threshold-1e-9 {
			continue
		}
		out = append(out, Finding{Pos: it.Pos, Field: it.Field, Measured: map[string]float64{"size": it.Size},
			Message: fmt.Sprintf("%s is set at %s pt, below the %s pt %s", k, fmtNum(it.Size), fmtNum(threshold), what),
			Hint:    "the size comes from the layout's type scale"})
	}
	return out
}

func checkBodySize(_ *ctx, d *layout.Document, threshold float64) []Finding {
	return checkSize(d, threshold, func(it *layout.Item) bool { return !smallPrint(it) && !fixedLabel(it) }, "for body text")
}

func checkMinSize(_ *ctx, d *layout.Document, threshold float64) []Finding {
	return checkSize(d, threshold, nil, "that any text may have")
}

// lines groups the body text items of each element on each page by
// baseline: one entry a printed line, in reading order.
type line struct {
	page     int
	elem     int
	baseline float64
	size     float64
	text     string
	first    *layout.Item
	width    float64 // from the left of its first item to the right of its last
}

func bodyLines(d *layout.Document) []line {
	type key struct {
		page, elem int
		base       int64
	}
	idx := map[key]int{}
	var ls []line
	items := texts(d, body)
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.page != b.page {
			return a.page < b.page
		}
		if a.it.Baseline != b.it.Baseline {
			return a.it.Baseline < b.it.Baseline
		}
		return a.it.X < b.it.X
	})
	for _, t := range items {
		k := key{t.page, t.it.Elem, int64(math.Round(t.it.Baseline * 10))}
		if i, ok := idx[k]; ok {
			ls[i].text += t.it.Text
			ls[i].size = math.Max(ls[i].size, t.it.Size)
			ls[i].width = t.it.X + t.it.W - ls[i].first.X
			continue
		}
		idx[k] = len(ls)
		ls = append(ls, line{page: t.page, elem: t.it.Elem, baseline: t.it.Baseline, size: t.it.Size, text: t.it.Text, first: t.it, width: t.it.W})
	}
	return ls
}

func checkLineHeight(_ *ctx, d *layout.Document, threshold float64) []Finding {
	type group struct {
		lines []line
	}
	groups := map[[2]int]*group{}
	var order [][2]int
	for _, l := range bodyLines(d) {
		k := [2]int{l.page, l.elem}
		g, ok := groups[k]
		if !ok {
			g = &group{}
			groups[k] = g
			order = append(order, k)
		}
		g.lines = append(g.lines, l)
	}
	var b byField
	for _, k := range order {
		ls := groups[k].lines
		for i := 1; i < len(ls); i++ {
			gap := ls[i].baseline - ls[i-1].baseline
			size := math.Max(ls[i].size, ls[i-1].size)
			ratio := gap / size
			if ratio >= threshold-1e-9 {
				continue
			}
			it := ls[i].first
			b.add(name(it), Finding{Pos: it.Pos, Field: it.Field,
				Measured: map[string]float64{"line_height": round2(ratio), "size": size, "baseline_distance": round2(gap)},
				Message: fmt.Sprintf("the lines of %s are %s pt apart at %s pt, %s times the size, less than %s",
					name(it), fmtNum(gap), fmtNum(size), strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", ratio), "0"), "."), fmtNum(threshold)),
				Hint: "the line spacing comes from the layout's type scale"})
		}
	}
	return b.out
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func checkLineLength(_ *ctx, d *layout.Document, threshold float64) []Finding {
	type worst struct {
		n, over, lines int
		first          *layout.Item
		text           string
		width          float64
	}
	per := map[int]*worst{}
	var order []int
	for _, l := range bodyLines(d) {
		n := len([]rune(strings.TrimSpace(l.text)))
		w, ok := per[l.elem]
		if !ok {
			w = &worst{first: l.first}
			per[l.elem] = w
			order = append(order, l.elem)
		}
		w.lines++
		if float64(n) > threshold {
			w.over++
		}
		if n > w.n {
			w.n, w.text = n, strings.TrimSpace(l.text)
		}
		w.width = math.Max(w.width, l.width)
	}
	var out []Finding
	for _, e := range order {
		w := per[e]
		if w.over == 0 {
			continue
		}
		msg := fmt.Sprintf("a line of %s has %d characters, more than %s", name(w.first), w.n, fmtNum(threshold))
		if w.over > 1 {
			msg = fmt.Sprintf("%d lines of %s have up to %d characters, more than %s", w.over, name(w.first), w.n, fmtNum(threshold))
		}
		hint := "shorten it; a long line is hard to follow back to the start of the next"
		if w.lines > 1 {
			hint = fmt.Sprintf("its lines run up to %s pt wide, the width of its frame, which the layout sets; a long line is hard to follow back to the start of the next",
				fmtNum(w.width))
		}
		out = append(out, Finding{Pos: w.first.Pos, Field: w.first.Field,
			Measured: map[string]float64{"characters": float64(w.n), "lines_over": float64(w.over)},
			Message:  msg + ": \"" + w.text + "\"",
			Hint:     hint})
	}
	return out
}

// elemTexts joins the text of each element, in drawing order, with its
// first item.
func elemTexts(d *layout.Document) ([]string, []*layout.Item) {
	var keys []string
	text := map[string]string{}
	first := map[string]*layout.Item{}
	for _, t := range texts(d, nil) {
		k := fmt.Sprintf("%d/%s", t.it.Elem, name(t.it))
		if t.it.Elem < 0 {
			k = fmt.Sprintf("p%d/%d", t.page, t.index)
		}
		if _, ok := text[k]; !ok {
			keys = append(keys, k)
			first[k] = t.it
		}
		text[k] += " " + t.it.Text
	}
	out := make([]string, len(keys))
	items := make([]*layout.Item, len(keys))
	for i, k := range keys {
		out[i], items[i] = strings.TrimSpace(text[k]), first[k]
	}
	return out, items
}

// capsRun returns the longest run of words written in capitals (at least
// one of them two letters long), and its length in words.
func capsRun(s string) (string, int) {
	best, bestN := "", 0
	var run []string
	long := false
	flush := func() {
		// A number or a dash at the end of a run is not part of it.
		for len(run) > 0 && !strings.ContainsFunc(run[len(run)-1], unicode.IsLetter) {
			run = run[:len(run)-1]
		}
		if long && len(run) > bestN {
			best, bestN = strings.Join(run, " "), len(run)
		}
		run, long = nil, false
	}
	for _, w := range strings.Fields(s) {
		letters, upper := 0, true
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				if !unicode.IsUpper(r) {
					upper = false
				}
			}
		}
		switch {
		case letters == 0:
			// a number or a dash: neither breaks nor extends a run
			if len(run) > 0 {
				run = append(run, w)
			}
		case upper:
			run = append(run, w)
			long = long || letters >= 2
		default:
			flush()
		}
	}
	flush()
	return best, bestN
}

func checkAllCaps(_ *ctx, d *layout.Document, threshold float64) []Finding {
	var b byField // the running footer repeats the title: one finding
	ts, items := elemTexts(d)
	for i, s := range ts {
		run, n := capsRun(s)
		if float64(n) <= threshold {
			continue
		}
		it := items[i]
		b.add(name(it), Finding{Pos: it.Pos, Field: it.Field, Measured: map[string]float64{"words": float64(n)},
			Message: fmt.Sprintf("%s has %d words in capitals in a row: %q", name(it), n, run),
			Hint:    "write it in sentence case; capitals are slower to read, and bold gives emphasis"})
	}
	return b.out
}

func checkItalic(_ *ctx, d *layout.Document, _ float64) []Finding {
	var b byField
	for _, t := range texts(d, nil) {
		if t.it.Face == layout.Regular || t.it.Face == layout.Bold {
			continue
		}
		b.add(name(t.it), Finding{Pos: t.it.Pos, Field: t.it.Field,
			Message: fmt.Sprintf("%s is set in the %s face; only regular and bold are allowed", name(t.it), t.it.Face),
			Hint:    "italic is hard to read for many readers: use bold, sparingly, for emphasis"})
	}
	return b.out
}

// luminance is the WCAG relative luminance of an sRGB colour.
func luminance(c layout.Color) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is the WCAG contrast ratio of two colours, 1 to 21.
func contrast(a, b layout.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func hexColor(c layout.Color) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

var white = layout.Color{R: 255, G: 255, B: 255}

// behind returns what is drawn under the point (x, y) before item i of the
// page: the fill of the topmost filled shape there, else the white paper.
// image is true when the topmost thing there is an image.
func behind(items []layout.Item, i int, x, y float64) (c layout.Color, image bool) {
	for j := i - 1; j >= 0; j-- {
		it := &items[j]
		inBox := x >= it.X && x <= it.X+it.W && y >= it.Y && y <= it.Y+it.H
		switch {
		case it.Kind == layout.ImageItem && inBox:
			return white, true
		case it.Kind == layout.RectItem && it.Fill != nil && inBox:
			return *it.Fill, false
		case it.Kind == layout.PolygonItem && it.Fill != nil && inPolygon(it.Points, x, y):
			return *it.Fill, false
		}
	}
	return white, false
}

func inPolygon(ps []layout.Point, x, y float64) bool {
	in := false
	for i, j := 0, len(ps)-1; i < len(ps); j, i = i, i+1 {
		a, b := ps[i], ps[j]
		if (a.Y > y) != (b.Y > y) && x < (b.X-a.X)*(y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

func checkContrast(_ *ctx, d *layout.Document, threshold float64) []Finding {
	var b byField
	for _, t := range texts(d, nil) {
		it := t.it
		items := d.Pages[t.page].Items
		large := it.Size >= 18 || (it.Face == layout.Bold && it.Size >= 14)
		need := threshold
		if large {
			need = threshold * 2 / 3
		}
		worst, worstBg, overImage := math.Inf(1), white, false
		for _, fx := range []float64{0.05, 0.5, 0.95} {
			for _, fy := range []float64{0.3, 0.7} {
				bg, img := behind(items, t.index, it.X+fx*it.W, it.Y+fy*it.H)
				overImage = overImage || img
				if r := contrast(it.Color, bg); r < worst {
					worst, worstBg = r, bg
				}
			}
		}
		if overImage {
			b.add(name(it)+"/image", Finding{Pos: it.Pos, Field: it.Field,
				Message: fmt.Sprintf("%s is set over an image, whose contrast cannot be checked", name(it)),
				Hint:    "move the text off the image"})
		}
		if worst >= need-1e-9 {
			continue
		}
		size := "text"
		if large {
			size = "large text"
		}
		b.add(name(it), Finding{Pos: it.Pos, Field: it.Field,
			Measured: map[string]float64{"ratio": round2(worst), "required": round2(need), "size": it.Size},
			Message: fmt.Sprintf("%s: %s on %s has a contrast of %s:1, below %s:1 for %s",
				name(it), hexColor(it.Color), hexColor(worstBg), fmtNum2(worst), fmtNum2(need), size),
			Hint: "darken the text or lighten what is behind it"})
	}
	return b.out
}

func fmtNum2(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// tree is the element tree of a document.
type tree struct {
	d        *layout.Document
	children [][]int
	items    map[int][]*layout.Item // text and shape items by element
}

func newTree(d *layout.Document) *tree {
	t := &tree{d: d, children: make([][]int, len(d.Elements)), items: map[int][]*layout.Item{}}
	for i, e := range d.Elements {
		if e.Parent >= 0 && e.Parent < len(d.Elements) {
			t.children[e.Parent] = append(t.children[e.Parent], i)
		}
	}
	for p := range d.Pages {
		for i := range d.Pages[p].Items {
			it := &d.Pages[p].Items[i]
			if it.Elem >= 0 {
				t.items[it.Elem] = append(t.items[it.Elem], it)
			}
		}
	}
	return t
}

// walk calls fn for e and every element under it.
func (t *tree) walk(e int, fn func(int)) {
	fn(e)
	for _, c := range t.children[e] {
		t.walk(c, fn)
	}
}

// first returns the first item of e or of an element under it.
func (t *tree) first(e int) *layout.Item {
	var found *layout.Item
	t.walk(e, func(i int) {
		if found == nil && len(t.items[i]) > 0 {
			found = t.items[i][0]
		}
	})
	return found
}

func (t *tree) pos(e int, file string) diag.Pos {
	if it := t.first(e); it != nil && it.Pos.File != "" {
		return it.Pos
	}
	return diag.Pos{File: file}
}

func checkSectionHeadings(c *ctx, d *layout.Document, _ float64) []Finding {
	t := newTree(d)
	var out []Finding
	heading := false
	for i, e := range d.Elements {
		if e.Parent != -1 {
			continue
		}
		switch e.Role {
		case layout.RoleHeading, layout.RoleTitle:
			heading = true
		case layout.RoleFigure:
			heading = false // a heading above a figure is the figure's
		case layout.RoleList:
			if !heading {
				field := e.Field
				if it := t.first(i); it != nil && field == "" {
					field = it.Field
				}
				out = append(out, Finding{Pos: t.pos(i, c.h.File), Field: field,
					Message: fmt.Sprintf("the list %s has no heading of its own", field),
					Hint:    "give each list a heading that says what it is"})
			}
			heading = false
		}
	}
	return out
}

func checkChecklistItems(c *ctx, d *layout.Document, _ float64) []Finding {
	if c.h.Kind != handout.KindDiscussionChecklist {
		return nil
	}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Role == layout.RoleCheckbox {
				return nil
			}
		}
	}
	return []Finding{{Pos: diag.Pos{File: c.h.File}, Field: "sections",
		Message: "the checklist has no boxes to tick", Hint: "add items under sections"}}
}

func checkColorOnly(c *ctx, d *layout.Document, _ float64) []Finding {
	t := newTree(d)
	var out []Finding
	for f, e := range d.Elements {
		if e.Role != layout.RoleFigure {
			continue
		}
		for _, l := range t.children[f] {
			if d.Elements[l].Role != layout.RoleList {
				continue
			}
			labels := map[string]int{}
			numbers := map[string]int{}
			for n, li := range t.children[l] {
				var number, words string
				t.walk(li, func(i int) {
					for _, it := range t.items[i] {
						if it.Kind != layout.TextItem {
							continue
						}
						switch {
						case it.Role == layout.RoleLabel && number == "":
							number = strings.TrimSpace(it.Text)
						case it.Role == layout.RoleHeading && words == "":
							words = strings.TrimSpace(it.Text)
						}
					}
				})
				pos := t.pos(li, c.h.File)
				field := d.Elements[li].Field
				switch {
				case number == "" || words == "":
					missing := "a number"
					if number != "" {
						missing = "a label in words"
					} else if words == "" {
						missing = "a number or a label in words"
					}
					out = append(out, Finding{Pos: pos, Field: field,
						Message: fmt.Sprintf("rung %d of the ladder has no %s: only its colour tells it apart", n+1, missing),
						Hint:    "every rung needs a number and a label, so that it reads in grayscale and to a screen reader"})
					continue
				}
				if prev, dup := labels[strings.ToLower(words)]; dup {
					out = append(out, Finding{Pos: pos, Field: field,
						Message: fmt.Sprintf("rungs %d and %d have the same label %q: only their colour tells them apart", prev, n+1, words),
						Hint:    "give every rung its own label"})
				}
				if prev, dup := numbers[number]; dup {
					out = append(out, Finding{Pos: pos, Field: field,
						Message: fmt.Sprintf("rungs %d and %d have the same number %q", prev, n+1, number),
						Hint:    "number the rungs in order"})
				}
				labels[strings.ToLower(words)] = n + 1
				numbers[number] = n + 1
			}
		}
	}
	return out
}

func checkFigureAlt(c *ctx, d *layout.Document, _ float64) []Finding {
	t := newTree(d)
	var out []Finding
	for i, e := range d.Elements {
		if (e.Role != layout.RoleFigure && e.Role != layout.RoleImage) || strings.TrimSpace(e.Alt) != "" {
			continue
		}
		what := "the figure"
		if e.Role == layout.RoleImage {
			what = "the image"
		}
		out = append(out, Finding{Pos: t.pos(i, c.h.File), Field: e.Field,
			Message: fmt.Sprintf("%s %s has no alternative text", what, e.Field),
			Hint:    "say in words what it shows; mark an image that carries no meaning as decorative"})
	}
	return out
}
