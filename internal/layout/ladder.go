package layout

import (
	"fmt"
	"strconv"
	"strings"

	"handout/internal/handout"
)

// evidenceLadder lays out the two pages of an evidence-ladder handout:
// page 1 the header, main message, the ladder and the questions to ask;
// page 2 where each condition stands, what is known and not known, the
// takeaway, the sources and the disclaimer.
func (b *builder) evidenceLadder() {
	if b.opt.LargePrint {
		b.evidenceLadderLarge()
		return
	}
	h, l, th := b.h, b.h.Ladder, b.th
	b.newPage()
	b.header(handout.Text{})
	b.summaryBox(h.Summary)
	b.ladderFigure(l)
	b.y += th.sectionGap
	b.headedList(l.Questions, b.left, b.width(), true)
	b.checkPage()

	b.newPage()
	b.conditions(l.Conditions)
	b.y += th.sectionGap
	b.knownUnknown(l.Known, l.Unknown)
	if l.Takeaway != nil {
		b.y += th.sectionGap
		b.takeaway(l.Takeaway)
	}
	b.y += th.sectionGap
	b.endBlock(true, nil)
	b.checkPage()
}

// evidenceLadderLarge lays out an evidence ladder in large print, in one
// column, on as many pages as it needs: the header and main message, the
// questions to ask, the ladder (with its heading and caption, whole on one
// page), the conditions as full-width cards, what is known, what is not,
// the takeaway, and the band, sources and disclaimer at the bottom of the
// last page. The questions come before the ladder: at this size the
// ladder fills most of a page, and the questions use the room left under
// the main message instead of leaving it empty.
func (b *builder) evidenceLadderLarge() {
	h, l, th := b.h, b.h.Ladder, b.th
	b.newPage()
	b.header(handout.Text{})
	b.summaryBox(h.Summary)
	b.headedList(l.Questions, b.left, b.width(), true)
	b.y += th.sectionGap
	b.keep(func() { b.ladderFigure(l) }, nil)
	b.y += th.sectionGap
	b.conditionCards(l.Conditions)
	for _, s := range []handout.Section{l.Known, l.Unknown} {
		b.y += th.sectionGap
		b.headedList(s, b.left, b.width(), false)
	}
	b.y += th.sectionGap
	var last func()
	if l.Takeaway != nil {
		last = func() { b.takeaway(l.Takeaway) }
	}
	b.endBlock(false, last)
	b.checkPage()
}

// rungBox is one rung, wrapped and measured before it is placed.
type rungBox struct {
	label, text []string
	h           float64
}

// ladderFigure draws the ladder: two uprights with the rungs between them as
// full-width bands, rung 1 at the base and the last rung at the top, tints
// darkening upwards, each band numbered and labelled in words, an arrow up
// the left upright, and the rail's two ends labelled.
func (b *builder) ladderFigure(l *handout.Ladder) {
	th := b.th
	b.heading(l.Heading, b.left, b.width(), -1)

	railGap := th.railGap // room for an upright on each side
	bandX := b.left + railGap
	bandW := b.width() - 2*railGap
	numW := th.numW
	textX := bandX + th.rungPad + numW
	textW := bandX + bandW - th.rungPad - textX
	labelSt := th.rungLabel

	alt := l.Alt.Value
	if alt == "" {
		alt = composeAlt(b.h)
	}
	fig := b.elem(RoleFigure, 0, -1, alt, "ladder")

	// Elements in reading order: the weak end, rungs 1..n, the strong end.
	weakE := b.elem(RoleParagraph, 0, fig, "", b.h.Labels.Weaker.Field)
	list := b.elem(RoleList, 0, fig, "", "ladder.rungs")
	n := len(l.Rungs)
	boxes := make([]rungBox, n)
	type rungElems struct{ li, lbl, label, text int }
	elems := make([]rungElems, n)
	for i, r := range l.Rungs {
		bx := rungBox{label: b.fit(r.Label, labelSt, textW, b.lines(2)), text: b.wrap(r.Text, th.body, textW)}
		bx.h = 2*th.rungPad + float64(len(bx.label))*labelSt.leading + 2 + float64(len(bx.text))*th.body.leading
		boxes[i] = bx
		li := b.elem(RoleListItem, 0, list, "", r.Label.Field)
		elems[i] = rungElems{li, b.elem(RoleLabel, 0, li, "", r.Label.Field),
			b.elem(RoleHeading, 3, li, "", r.Label.Field), b.elem(RoleParagraph, 0, li, "", r.Text.Field)}
	}
	strongE := b.elem(RoleParagraph, 0, fig, "", b.h.Labels.Stronger.Field)

	figTop := b.y
	// The strong end's label, above the top rung.
	railSt := th.meta
	strong := b.fit(b.h.Labels.Stronger, railSt, bandW, 1)
	b.y += b.textLines(strong, bandX, b.y, railSt, RoleParagraph, 0, strongE, b.h.Labels.Stronger, 'L')
	b.y += th.unit
	bandsTop := b.y
	for i := n - 1; i >= 0; i-- {
		bx, r, e := boxes[i], l.Rungs[i], elems[i]
		tint := th.tint(i, n)
		b.rect(bandX, b.y, bandW, bx.h, &tint, nil, th.radius, RoleDecoration, -1)
		num := strconv.Itoa(i + 1)
		numT := handout.Text{Value: num, Field: r.Label.Field, Pos: r.Label.Pos}
		numY := b.y + th.rungPad + (labelSt.leading-th.rungNum.leading)/2
		b.textLines([]string{num}, bandX+th.rungPad, numY, th.rungNum, RoleLabel, 0, e.lbl, numT, 'L')
		y := b.y + th.rungPad
		y += b.textLines(bx.label, textX, y, labelSt, RoleHeading, 3, e.label, r.Label, 'L') + 2
		b.textLines(bx.text, textX, y, th.body, RoleParagraph, 0, e.text, r.Text, 'L')
		b.y += bx.h
		if i > 0 {
			b.y += th.unit
		}
	}
	b.y += th.unit
	weak := b.fit(b.h.Labels.Weaker, railSt, bandW, 1)
	b.y += b.textLines(weak, bandX, b.y, railSt, RoleParagraph, 0, weakE, b.h.Labels.Weaker, 'L')
	figBottom := b.y

	// The uprights run from the strong label to the weak label; the left one
	// ends in an arrowhead pointing up. Small ticks join each band to both
	// uprights, so the bands read as the rungs of one ladder.
	lx, rx := b.left+railGap/2, b.right-railGap/2
	k := th.rule / 0.75 // the rails grow with the rules: 1 in the normal theme
	w := 3.0 * k
	b.line(lx, figTop+th.unit+4, lx, figBottom-2, w, th.accent, RoleDecoration, -1)
	b.line(rx, figTop+2, rx, figBottom-2, w, th.accent, RoleDecoration, -1)
	ah, aw := 9.0*k, 6.0*k
	b.add(Item{Kind: PolygonItem, Role: RoleDecoration, Elem: -1, X: lx - aw, Y: figTop, W: 2 * aw, H: ah,
		Fill: ptr(th.accent), Points: []Point{{lx, figTop}, {lx + aw, figTop + ah}, {lx - aw, figTop + ah}}})
	y := bandsTop
	for i := n - 1; i >= 0; i-- {
		mid := y + boxes[i].h/2
		b.line(lx, mid, bandX, mid, w, th.accent, RoleDecoration, -1)
		b.line(bandX+bandW, mid, rx, mid, w, th.accent, RoleDecoration, -1)
		y += boxes[i].h + th.unit
	}
	b.add(Item{Kind: RectItem, Role: RoleFigure, Elem: fig, X: b.left, Y: figTop, W: b.width(), H: figBottom - figTop,
		Alt: alt, Field: "ladder"})

	b.y += th.unit
	ce := b.elem(RoleCaption, 0, fig, "", l.Caption.Field)
	b.para(l.Caption, th.body, b.left, b.width(), RoleCaption, 0, ce)
}

// composeAlt writes the ladder's alternative text from its own words, so
// that it is in the handout's language: the heading, the caption (which says
// how to read the picture), then each rung's number and label, bottom first.
func composeAlt(h *handout.Handout) string {
	l := h.Ladder
	parts := []string{sentence(l.Heading.Value), sentence(l.Caption.Value)}
	for i, r := range l.Rungs {
		parts = append(parts, fmt.Sprintf("%d. %s", i+1, sentence(r.Label.Value)))
	}
	return strings.Join(parts, " ")
}

// sentence ends s with a full stop unless it already ends with punctuation.
func sentence(s string) string {
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?:;") {
		return s
	}
	return s + "."
}

// conditions lays out "where each condition stands" as a grid of cells, two
// a row, each with the condition's name, its standing and a short text.
func (b *builder) conditions(c handout.ConditionSet) {
	th := b.th
	b.heading(c.Heading, b.left, b.width(), -1)
	gap := th.cellGap
	cols := 2
	cellW := (b.width() - gap*float64(cols-1)) / float64(cols)
	innerW := cellW - 2*th.pad
	nameSt, standSt := th.cellTitle, th.standing
	list := b.elem(RoleList, 0, -1, "", "conditions.items")
	type cell struct {
		name, stand, text []string
		h                 float64
	}
	cells := make([]cell, len(c.Items))
	for i, it := range c.Items {
		cl := cell{name: b.fit(it.Name, nameSt, innerW, 2), stand: b.fit(it.Standing, standSt, innerW, 1),
			text: b.wrap(it.Text, th.body, innerW)}
		cl.h = 2*th.pad + float64(len(cl.name))*nameSt.leading + float64(len(cl.stand))*standSt.leading + 4 +
			float64(len(cl.text))*th.body.leading
		cells[i] = cl
	}
	for row := 0; row*cols < len(cells); row++ {
		rowH := 0.0
		for col := 0; col < cols && row*cols+col < len(cells); col++ {
			rowH = max(rowH, cells[row*cols+col].h)
		}
		for col := 0; col < cols && row*cols+col < len(cells); col++ {
			i := row*cols + col
			cl, it := cells[i], c.Items[i]
			x := b.left + float64(col)*(cellW+gap)
			b.rect(x, b.y, cellW, rowH, ptr(th.tints[0]), ptr(th.tints[3]), th.radius, RoleDecoration, -1)
			li := b.elem(RoleListItem, 0, list, "", it.Name.Field)
			y := b.y + th.pad
			y += b.textLines(cl.name, x+th.pad, y, nameSt, RoleHeading, 3, b.elem(RoleHeading, 3, li, "", it.Name.Field), it.Name, 'L')
			y += b.textLines(cl.stand, x+th.pad, y, standSt, RoleParagraph, 0, b.elem(RoleParagraph, 0, li, "", it.Standing.Field), it.Standing, 'L') + 4
			b.textLines(cl.text, x+th.pad, y, th.body, RoleParagraph, 0, b.elem(RoleParagraph, 0, li, "", it.Text.Field), it.Text, 'L')
		}
		b.y += rowH
		if (row+1)*cols < len(cells) {
			b.y += gap
		}
	}
}

// conditionCards lays out "where each condition stands" in large print:
// one full-width card a condition, each with the condition's name, its
// standing and a short text; a card is never split between pages.
func (b *builder) conditionCards(c handout.ConditionSet) {
	th := b.th
	nameSt, standSt := th.cellTitle, th.standing
	x, innerW := b.left+th.pad, b.width()-2*th.pad
	list := -1
	b.section(func() {
		b.heading(c.Heading, b.left, b.width(), -1)
		list = b.elem(RoleList, 0, -1, "", "conditions.items")
	}, len(c.Items), th.cellGap, func(i int) {
		it := c.Items[i]
		name := b.fit(it.Name, nameSt, innerW, b.lines(2))
		stand := b.fit(it.Standing, standSt, innerW, b.lines(1))
		text := b.wrap(it.Text, th.body, innerW)
		h := 2*th.pad + float64(len(name))*nameSt.leading + float64(len(stand))*standSt.leading + th.unit/2 +
			float64(len(text))*th.body.leading
		b.rect(b.left, b.y, b.width(), h, ptr(th.tints[0]), ptr(th.tints[3]), th.radius, RoleDecoration, -1)
		li := b.elem(RoleListItem, 0, list, "", it.Name.Field)
		y := b.y + th.pad
		y += b.textLines(name, x, y, nameSt, RoleHeading, 3, b.elem(RoleHeading, 3, li, "", it.Name.Field), it.Name, 'L')
		y += b.textLines(stand, x, y, standSt, RoleParagraph, 0, b.elem(RoleParagraph, 0, li, "", it.Standing.Field), it.Standing, 'L') + th.unit/2
		b.textLines(text, x, y, th.body, RoleParagraph, 0, b.elem(RoleParagraph, 0, li, "", it.Text.Field), it.Text, 'L')
		b.y += h
	}, b.continued(c.Heading, th.heading, b.left, b.width()))
}

// knownUnknown sets what is known and what is not side by side.
func (b *builder) knownUnknown(known, unknown handout.Section) {
	th := b.th
	gap := th.colGap
	colW := (b.width() - gap) / 2
	top := b.y
	bottom := top
	for i, s := range []handout.Section{known, unknown} {
		b.y = top
		x := b.left + float64(i)*(colW+gap)
		b.headedList(s, x, colW, false)
		bottom = max(bottom, b.y)
	}
	b.y = bottom
}

// takeaway places the "what this means for you" box.
func (b *builder) takeaway(t *handout.Takeaway) {
	th := b.th
	page := &b.doc.Pages[b.page]
	bg := len(page.Items)
	// Reserve the background's place in drawing order; fill in its height
	// once the text is placed.
	b.rect(b.left, b.y, b.width(), 0, ptr(th.tints[1]), nil, th.radius, RoleDecoration, -1)
	top := b.y
	b.y += th.pad
	b.heading(t.Heading, b.left+th.pad, b.width()-2*th.pad, -1)
	e := b.elem(RoleParagraph, 0, -1, "", t.Text.Field)
	b.para(t.Text, th.body, b.left+th.pad, b.width()-2*th.pad, RoleParagraph, 0, e)
	b.y += th.pad
	b.doc.Pages[b.page].Items[bg].H = b.y - top
}
