package layout

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"handout/fonts"
	"handout/internal/diag"
	"handout/internal/handout"
)

// builder lays out one document. It keeps a cursor on the current page and
// collects diagnostics; every method that places text also checks it.
type builder struct {
	h     *handout.Handout
	opt   Options
	paper Paper
	m     Measurer
	th    theme
	doc   *Document
	diags diag.List

	page   int     // index of the current page
	left   float64 // content frame
	right  float64
	top    float64
	bottom float64 // lowest y content may reach on this page
	y      float64 // cursor: top of the next thing to place

	// Large print only: keeping is set while a block is being placed by
	// keep (a block inside it is part of it); pageTop is where the first
	// block of the current page starts, below any running head.
	keeping bool
	pageTop float64

	// overflowed records pages already reported as too long.
	overflowed map[int]bool
	// badChars records fields already reported for missing glyphs.
	badChars map[string]bool
	// shortBy records, for a brand field too long for its line in the
	// clinic band, about how many characters it must lose.
	shortBy map[string]int
}

func newBuilder(h *handout.Handout, paper Paper, m Measurer, opt Options) *builder {
	th := defaultTheme()
	if opt.LargePrint {
		th = largePrintTheme()
	}
	th.fitLeading(m)
	b := &builder{h: h, opt: opt, paper: paper, m: m, th: th,
		doc:        &Document{Paper: paper, Elements: make([]Element, 0, 128)},
		overflowed: map[int]bool{}, badChars: map[string]bool{}, shortBy: map[string]int{}}
	b.left = th.margin
	b.right = paper.Width - th.margin
	b.top = th.marginTop
	if opt.LargePrint {
		// A stroked box that opens a continuation page (a warning panel,
		// a card) keeps its stroke inside the margin.
		b.top += th.rule
	}
	b.bottom = paper.Height - th.marginTop - th.footerHeight
	return b
}

func (b *builder) width() float64 { return b.right - b.left }

// pageItems is the room a new page has for items before it grows.
const pageItems = 128

// newPage starts a page and puts the cursor at its top.
func (b *builder) newPage() {
	// Room for the items of a page like the built-in handouts' (50 to 160),
	// so that the slice is not copied again and again as it grows.
	b.doc.Pages = append(b.doc.Pages, Page{Items: make([]Item, 0, pageItems)})
	b.page = len(b.doc.Pages) - 1
	b.y = b.top
	b.pageTop = b.top
}

// lines gives the number of lines a frame holds: n, or in large print
// half as many again (rounded up), since the same words need more lines.
func (b *builder) lines(n int) int {
	if b.opt.LargePrint {
		return n + (n+1)/2
	}
	return n
}

// move says where keep put a block: moved is set when it went to a new
// page, where the item that was at index i of the old page is now at i+delta.
type move struct {
	moved bool
	delta int
}

// keep places what fn lays out at the cursor as one block that is never
// split between pages. On the fixed pages of the normal layouts it only
// calls fn (checkPage reports a page that runs over). In large print, a
// block that runs below the frame is moved whole to the top of a new page,
// below what cont places there first (the running head of the section it
// continues; nil for none); space left above it on the page it leaves
// stays empty. A block taller than a whole page is an error naming its
// first field that does not fit. A keep inside another places its block
// as part of the outer one.
func (b *builder) keep(fn func(), cont func()) move {
	if !b.opt.LargePrint || b.keeping {
		fn()
		return move{}
	}
	b.keeping = true
	page, first, start := b.page, len(b.doc.Pages[b.page].Items), b.y
	fn()
	b.keeping = false
	if b.y <= b.bottom+1e-6 {
		return move{}
	}
	if start <= b.pageTop+1e-6 {
		// It is the first block of its page: a new page would not help.
		b.tooTall(first)
		return move{}
	}
	old := &b.doc.Pages[page]
	moved := append([]Item(nil), old.Items[first:]...)
	old.Items = old.Items[:first]
	end := b.y
	b.newPage()
	if cont != nil {
		cont()
		b.pageTop = b.y
	}
	dy := b.y - start
	m := move{moved: true, delta: len(b.doc.Pages[b.page].Items) - first}
	for i := range moved {
		shift(&moved[i], dy)
	}
	b.doc.Pages[b.page].Items = append(b.doc.Pages[b.page].Items, moved...)
	b.y = end + dy
	if b.y > b.bottom+1e-6 {
		b.tooTall(first + m.delta)
	}
	return m
}

// blocks splits the n items of a section into the runs that keep holds
// together in large print: the first two items stay with the heading and
// the last two together, so that no page ends with a heading and a single
// item of its section, and none starts with the last item of the section
// alone; a section of three items or fewer is one block.
func blocks(n int) [][2]int {
	if n <= 3 {
		return [][2]int{{0, n}}
	}
	out := [][2]int{{0, 2}}
	for i := 2; i < n-2; i++ {
		out = append(out, [2]int{i, i + 1})
	}
	return append(out, [2]int{n - 2, n})
}

// section places head (a section's heading) and n items, placed by item
// and gap apart, at the cursor. In large print it places them as the
// blocks of blocks(n), the first with the heading; cont heads each page
// the section goes on to. With no items, only head is placed.
func (b *builder) section(head func(), n int, gap float64, item func(i int), cont func()) {
	if n == 0 {
		head()
		return
	}
	for k, r := range blocks(n) {
		if k > 0 {
			b.y += gap
		}
		run := func() {
			if k == 0 {
				head()
			}
			for i := r[0]; i < r[1]; i++ {
				if i > r[0] {
					b.y += gap
				}
				item(i)
			}
		}
		if k == 0 {
			b.keep(run, nil)
		} else {
			b.keep(run, cont)
		}
	}
}

// tooTall reports a block, from item first of the current page on, that
// does not fit on a page even when it starts at the top.
func (b *builder) tooTall(first int) {
	if b.overflowed[b.page] {
		return
	}
	b.overflowed[b.page] = true
	over := b.y - b.bottom
	items := b.doc.Pages[b.page].Items
	pos, field := diag.Pos{File: b.h.File}, "page"
	for i := first; i < len(items); i++ {
		if it := &items[i]; it.Field != "" && !it.Role.IsArtifact() && it.Y+it.H > b.bottom+1e-6 {
			pos, field = it.Pos, it.Field
			break
		}
	}
	b.diags.Add(pos, "page-overflow", field,
		fmt.Sprintf("in large print on %s paper, a block that must stay on one page is %.0f pt (%.1f lines of body text) taller than a page; %s is the first text that does not fit",
			b.paper.Name, over, over/b.th.body.leading, field),
		fmt.Sprintf("shorten %s or the text around it in the same block", field))
}

// continued returns what keep places at the top of a page where a section
// goes on (large print): its heading again with the continued label
// ("Questions to ask (continued)"), set like the heading at x across w,
// as a running head that screen readers skip.
func (b *builder) continued(heading handout.Text, st style, x, w float64) func() {
	return func() {
		v := strings.TrimSuffix(strings.TrimSpace(heading.Value), ":")
		v = strings.ReplaceAll(b.h.Labels.Continued.Value, "{heading}", v)
		t := synthetic(v, heading)
		b.y += b.textLines(b.fit(t, st, w, b.lines(2)), x, b.y, st, RoleRunningHead, 0, -1, t, 'L')
		b.y += b.th.headingGap
	}
}

// add places an item on the current page.
func (b *builder) add(it Item) {
	p := &b.doc.Pages[b.page]
	p.Items = append(p.Items, it)
}

// elem appends a logical element and returns its index.
func (b *builder) elem(role Role, level, parent int, alt, field string) int {
	b.doc.Elements = append(b.doc.Elements, Element{Role: role, Level: level, Parent: parent, Alt: alt, Field: field})
	return len(b.doc.Elements) - 1
}

// maxMeasure caps the length of a line of reading text, in ems: 31 em is
// about 70 characters of English in these faces, the longest line the
// print guidance recommends. Small print (below minReadingSize) is exempt:
// it is reference matter, and capping it would cost lines a page cannot
// spare.
const (
	maxMeasure     = 31.0
	minReadingSize = 12.0
)

// wrap breaks t into lines no wider than width, at spaces. A line that
// breaks at a space ends with that space (not counted in its width); a line
// that breaks after a hyphen does not. A word wider than the frame is an
// error naming the field.
func (b *builder) wrap(t handout.Text, st style, width float64) []string {
	b.checkGlyphs(t, st.face)
	if st.size >= minReadingSize {
		width = min(width, maxMeasure*st.size)
	}
	words := glueMarks(strings.Fields(t.Value))
	// Each word is measured once, in units (see units), and a line's width
	// is the sum of its words' and spaces'.
	space := b.units(st.face, " ")
	var lines []string
	var line []byte // the line being filled
	var lineUnits float64
	for _, w := range words {
		wu := b.units(st.face, w)
		if ww := atSize(wu, st.size); ww > width+1e-9 {
			b.diags.Add(t.Pos, "text-overflow", t.Field,
				fmt.Sprintf("%s: the word %q is %.0f pt wide and does not fit its %.0f pt frame on %s paper",
					fieldName(t), w, ww, width, b.paper.Name),
				"shorten the word or break it with a space or hyphen")
		}
		if len(line) == 0 {
			line, lineUnits = append(line, w...), wu
			continue
		}
		if atSize(lineUnits+space+wu, st.size) <= width+1e-9 {
			line, lineUnits = append(append(line, ' '), w...), lineUnits+space+wu
			continue
		}
		// A hyphenated word may break after a hyphen; not in large print,
		// where words are kept whole for readers who follow them closely
		// (and for text extraction, which takes a hyphen at the end of a
		// line for a soft one).
		if !b.opt.LargePrint {
			if head, ok := b.splitHyphen(lineUnits+space, w, st, width); ok {
				lines = append(lines, string(append(append(line, ' '), head...)))
				tail := w[len(head):]
				line, lineUnits = append(line[:0], tail...), b.units(st.face, tail)
				continue
			}
		}
		// The line breaks at a space: keep it at the end of the line, where
		// it is invisible, so that text extracted from the PDF (by a screen
		// reader, by copying) keeps the words apart.
		lines = append(lines, string(append(line, ' ')))
		line, lineUnits = append(line[:0], w...), wu
	}
	if len(line) > 0 {
		lines = append(lines, string(line))
	}
	return lines
}

// units is the advance width of s in the face's units: its width at
// 1000 pt, a whole number for the fonts handout measures, so that the
// widths of the parts of a line add up exactly to the width of the line
// (Measurer.Width adds up its runes' widths).
func (b *builder) units(f Face, s string) float64 { return b.m.Width(f, 1000, s) }

// atSize is the width in points, at size, of text units wide: the same
// number, to the bit, as Measurer.Width of that text at that size.
func atSize(units, size float64) float64 { return units * size / 1000 }

// glueMarks keeps punctuation that stands apart from its word on the same
// line as the word: an opening guillemet with the word after it, and a
// closing guillemet or a French "?", "!", ":" or ";" (set after a space)
// with the word before it, so that « and » never hang alone at the end or
// the start of a line. It works in place: words is overwritten.
func glueMarks(words []string) []string {
	out := words[:0] // never longer than the words read so far
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case strings.Trim(w, "»›?!:;") == "" && len(out) > 0:
			out[len(out)-1] += " " + w
		case strings.Trim(w, "«‹") == "" && i+1 < len(words):
			words[i+1] = w + " " + words[i+1]
		default:
			out = append(out, w)
		}
	}
	return out
}

// splitHyphen tries to fit the start of a hyphenated word w, up to and
// including one of its hyphens, after a line that is used units wide
// (with the space before w), and returns that start.
func (b *builder) splitHyphen(used float64, w string, st style, width float64) (string, bool) {
	for i := len(w) - 2; i > 0; i-- {
		if w[i] != '-' {
			continue
		}
		if atSize(used+b.units(st.face, w[:i+1]), st.size) <= width+1e-9 {
			return w[:i+1], true
		}
	}
	return "", false
}

// fit wraps t and reports an error when it needs more than max lines.
func (b *builder) fit(t handout.Text, st style, width float64, max int) []string {
	lines := b.wrap(t, st, width)
	if len(lines) > max {
		extra := len(lines) - max
		// Estimate the characters to cut from the average line length.
		avg := float64(len([]rune(t.Value))) / float64(len(lines))
		b.diags.Add(t.Pos, "text-overflow", t.Field,
			fmt.Sprintf("%s needs %d lines on %s paper but its frame holds %s", fieldName(t), len(lines), b.paper.Name, plural(max, "line")),
			fmt.Sprintf("shorten it by about %d characters", int(math.Ceil(avg*float64(extra)))))
		lines = lines[:max]
	}
	return lines
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// fieldName names a field for messages.
func fieldName(t handout.Text) string {
	if t.Field == "" {
		return "text"
	}
	return t.Field
}

// checkGlyphs reports characters the font cannot draw.
func (b *builder) checkGlyphs(t handout.Text, f Face) {
	if b.badChars[t.Field] {
		return
	}
	var missing, scripts []string
	seen := map[rune]bool{}
	for _, r := range t.Value {
		if unicode.IsSpace(r) || seen[r] || b.m.Covers(f, r) {
			continue
		}
		seen[r] = true
		missing = append(missing, fmt.Sprintf("%q (U+%04X)", string(r), r))
		if sc := unsupportedScript(r); sc != "" && !slices.Contains(scripts, sc) {
			scripts = append(scripts, sc)
		}
	}
	if len(missing) == 0 {
		return
	}
	b.badChars[t.Field] = true
	font := b.doc.Font
	if f, ok := fonts.Lookup(font); ok {
		font = f.Display
	}
	hint := "replace the character, or choose a font that has it: \"font: noto-sans\" covers Vietnamese, Greek and Cyrillic"
	if font == "Noto Sans" || b.doc.Font == "noto-sans" {
		hint = "replace the character: no font shipped with handout has it (right-to-left and non-European scripts are not supported yet)"
	}
	what := ""
	if len(scripts) > 0 {
		what = " (" + strings.Join(scripts, " and ") + " script)"
		hint = "no font shipped with handout has " + strings.Join(scripts, " or ") + " letters: handouts are printed in " +
			"Latin (with Vietnamese), Greek or Cyrillic letters, so write this text in one of those, or leave it out"
	}
	b.diags.Add(t.Pos, "missing-glyph", t.Field,
		fmt.Sprintf("%s contains %s%s, which the font %s cannot draw", fieldName(t), strings.Join(missing, ", "), what, font), hint)
}

// scriptNames are scripts no shipped font has, by their Unicode names.
var scriptNames = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"Han", unicode.Han}, {"Hiragana", unicode.Hiragana}, {"Katakana", unicode.Katakana}, {"Hangul", unicode.Hangul},
	{"Devanagari", unicode.Devanagari}, {"Bengali", unicode.Bengali}, {"Gurmukhi", unicode.Gurmukhi},
	{"Gujarati", unicode.Gujarati}, {"Tamil", unicode.Tamil}, {"Telugu", unicode.Telugu},
	{"Kannada", unicode.Kannada}, {"Malayalam", unicode.Malayalam}, {"Sinhala", unicode.Sinhala},
	{"Thai", unicode.Thai}, {"Lao", unicode.Lao}, {"Khmer", unicode.Khmer}, {"Myanmar", unicode.Myanmar},
	{"Tibetan", unicode.Tibetan}, {"Georgian", unicode.Georgian}, {"Armenian", unicode.Armenian},
	{"Ethiopic", unicode.Ethiopic},
}

// unsupportedScript names the script of r when it is one no shipped font
// has, or returns "".
func unsupportedScript(r rune) string {
	for _, s := range scriptNames {
		if unicode.Is(s.table, r) {
			return s.name
		}
	}
	return ""
}

// textLines places already wrapped lines with their tops starting at y and
// returns the height used. align is 'L' or 'R' (x is then the right edge).
func (b *builder) textLines(lines []string, x, y float64, st style, role Role, level, elem int, t handout.Text, align byte) float64 {
	for i, line := range lines {
		top := y + float64(i)*st.leading
		// The box holds the glyphs: a trailing space, kept for text
		// extraction, takes no room.
		w := b.m.Width(st.face, st.size, strings.TrimRight(line, " "))
		lx := x
		if align == 'R' {
			lx = x - w
		}
		asc, desc := b.m.Extents(st.face)
		base := b.baseline(top, st)
		b.add(Item{Kind: TextItem, Role: role, Level: level, Elem: elem,
			X: lx, Y: base - asc*st.size, W: w, H: (asc + desc) * st.size,
			Text: line, Face: st.face, Size: st.size, Color: st.color,
			Baseline: base,
			Field:    t.Field, Pos: t.Pos})
	}
	return float64(len(lines)) * st.leading
}

// baseline puts the glyph box (the font's ascent plus descent) in the
// middle of the line box that starts at top.
func (b *builder) baseline(top float64, st style) float64 {
	asc, desc := b.m.Extents(st.face)
	return top + (st.leading-(asc+desc)*st.size)/2 + asc*st.size
}

// para wraps and places t at the cursor across width w from x, and moves the
// cursor below it.
func (b *builder) para(t handout.Text, st style, x, w float64, role Role, level, elem int) {
	lines := b.wrap(t, st, w)
	b.y += b.textLines(lines, x, b.y, st, role, level, elem, t, 'L')
}

// rect adds a filled and/or stroked rectangle.
func (b *builder) rect(x, y, w, h float64, fill, stroke *Color, radius float64, role Role, elem int) {
	b.add(Item{Kind: RectItem, Role: role, Elem: elem, X: x, Y: y, W: w, H: h,
		Fill: fill, Stroke: stroke, LineWidth: b.th.rule, Radius: radius})
}

// line adds a straight line.
func (b *builder) line(x1, y1, x2, y2, width float64, c Color, role Role, elem int) {
	b.add(Item{Kind: LineItem, Role: role, Elem: elem,
		X: math.Min(x1, x2), Y: math.Min(y1, y2), W: math.Abs(x2 - x1), H: math.Abs(y2 - y1),
		Stroke: &c, LineWidth: width, Points: []Point{{x1, y1}, {x2, y2}}})
}

func ptr(c Color) *Color { return &c }

// checkPage reports an error when the current page's content runs below the
// bottom of its frame, naming the first field that crosses it.
func (b *builder) checkPage() {
	if b.y <= b.bottom+1e-6 || b.overflowed[b.page] {
		return
	}
	b.overflowed[b.page] = true
	over := b.y - b.bottom
	var culprit *Item
	for i := range b.doc.Pages[b.page].Items {
		it := &b.doc.Pages[b.page].Items[i]
		if it.Field != "" && it.Y+it.H > b.bottom+1e-6 && !it.Role.IsArtifact() {
			culprit = it
			break
		}
	}
	pos, field := diag.Pos{File: b.h.File}, "page"
	if culprit != nil {
		pos, field = culprit.Pos, culprit.Field
	}
	b.diags.Add(pos, "page-overflow", field,
		fmt.Sprintf("page %d of the %s layout is %.0f pt (%.1f lines of body text) too long; %s is the first text that does not fit",
			b.page+1, b.paper.Name, over, over/b.th.body.leading, field),
		fmt.Sprintf("shorten %s or other text on page %d", field, b.page+1))
}
