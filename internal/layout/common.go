package layout

import (
	"bytes"
	"fmt"
	"image"
	"strconv"
	"strings"

	"handout/internal/handout"
)

// synthetic makes a Text for words the layout composes itself (labels
// combined with values); it points at the field the words come from.
func synthetic(value string, from handout.Text) handout.Text {
	return handout.Text{Value: value, Pos: from.Pos, Field: from.Field}
}

// header places the logo, the title and the subtitle at the top of the
// first page. The logo stands to the left of the title, which with the
// subtitle aligns on the logo's right edge. A non-empty lead is set below
// the subtitle as a short paragraph in the same column.
func (b *builder) header(lead handout.Text) {
	h, th := b.h, b.th
	x := b.left
	top := b.y
	logoBottom := top
	if h.Logo != nil && len(h.Logo.Data) > 0 {
		side := th.logoSide
		w := side
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(h.Logo.Data)); err == nil && cfg.Height > 0 {
			w = min(side*float64(cfg.Width)/float64(cfg.Height), 3*side)
			b.logoWideEnough(h.Logo, cfg.Width, cfg.Height, w, "beside the title")
		}
		role, e := RoleDecoration, -1
		if !h.Logo.Decorative {
			role, e = RoleImage, b.elem(RoleImage, 0, -1, h.Logo.Alt.Value, h.Logo.Alt.Field)
		}
		b.add(Item{Kind: ImageItem, Role: role, Elem: e, X: x, Y: top, W: w, H: side,
			Image: h.Logo.Data, Alt: h.Logo.Alt.Value, Field: h.Logo.File.Field, Pos: h.Logo.File.Pos})
		x += w + 2*th.unit
		logoBottom = top + side
	}
	w := b.right - x
	// Centre the title's first line on the logo.
	b.y = top + max(0, (th.logoSide-th.title.leading)/2)
	e := b.elem(RoleTitle, 1, -1, "", h.Title.Field)
	b.y += b.textLines(b.fit(h.Title, th.title, w, b.lines(2)), x, b.y, th.title, RoleTitle, 1, e, h.Title, 'L')
	if !h.Subtitle.IsZero() {
		b.y += th.unit / 2
		e = b.elem(RoleSubtitle, 0, -1, "", h.Subtitle.Field)
		b.y += b.textLines(b.fit(h.Subtitle, th.subtitle, w, b.lines(2)), x, b.y, th.subtitle, RoleSubtitle, 0, e, h.Subtitle, 'L')
	}
	if !lead.IsZero() {
		b.y += th.unit / 2
		e = b.elem(RoleParagraph, 0, -1, "", lead.Field)
		b.para(lead, th.body, x, w, RoleParagraph, 0, e)
	}
	b.y = max(b.y, logoBottom) + th.sectionGap
}

// published is the line that says who published the handout and when it was
// last reviewed: "Published by X · Reviewed 25 November 2026", with the
// publisher's web address after its name when the handout gives one:
// "Published by X (https://x.example) · ...".
func (b *builder) published() handout.Text {
	h := b.h
	who := h.Publisher.Name.Value
	if u := h.Publisher.URL.Value; u != "" {
		// The address as written, so that a reader can type it in.
		who += " (" + u + ")"
	}
	v := fmt.Sprintf("%s %s · %s", h.Labels.Publisher.Value, who, b.reviewed())
	return synthetic(v, h.Publisher.Name)
}

func (b *builder) reviewed() string {
	return b.h.Labels.Reviewed.Value + " " + FormatDate(b.h.Reviewed.Time, b.h.Language.Value)
}

// summaryBox places the main message in a tinted box with an accent bar.
func (b *builder) summaryBox(t handout.Text) {
	th := b.th
	bar := th.unit / 2
	textX := b.left + bar + th.pad + 2
	lines := b.fit(t, th.lead, b.right-th.pad-textX, b.lines(3))
	h := float64(len(lines))*th.lead.leading + 2*th.pad
	b.rect(b.left, b.y, b.width(), h, ptr(th.tints[1]), nil, th.radius, RoleDecoration, -1)
	b.rect(b.left, b.y, bar, h, ptr(th.accent), nil, 0, RoleDecoration, -1)
	e := b.elem(RoleParagraph, 0, -1, "", t.Field)
	b.textLines(lines, textX, b.y+th.pad, th.lead, RoleParagraph, 0, e, t, 'L')
	b.y += h + th.sectionGap
}

// heading places a section heading (level 2) at x across width w.
func (b *builder) heading(t handout.Text, x, w float64, parent int) int {
	e := b.elem(RoleHeading, 2, parent, "", t.Field)
	b.y += b.textLines(b.fit(t, b.th.heading, w, b.lines(2)), x, b.y, b.th.heading, RoleHeading, 2, e, t, 'L')
	b.y += b.th.headingGap
	return e
}

// list places items as a numbered (numbered=true) or bulleted list at x
// across width w, at the cursor. head, when not nil, places the list's
// heading first. In large print each item is kept whole on a page, the
// heading stays with the first item, and cont (nil for nothing) heads each
// further page the list goes on to.
func (b *builder) list(head func(), items []handout.Text, x, w float64, st style, numbered bool, parent int, cont func()) {
	th := b.th
	gap := th.itemGap * st.size / th.body.size // small print sits closer
	l := -1
	start := func() {
		if head != nil {
			head()
		}
		l = b.elem(RoleList, 0, parent, "", "")
	}
	indent := th.indent
	if numbered {
		indent = b.m.Width(Bold, st.size, strconv.Itoa(len(items))+".") + th.unit
	}
	b.section(start, len(items), gap, func(i int) {
		it := items[i]
		li := b.elem(RoleListItem, 0, l, "", it.Field)
		lbl := "•"
		lst := st
		if numbered {
			lbl = strconv.Itoa(i+1) + "."
			lst = style{Bold, st.size, st.leading, th.accent}
		}
		lblE := b.elem(RoleLabel, 0, li, "", "")
		b.textLines([]string{lbl}, x, b.y, lst, RoleLabel, 0, lblE, handout.Text{Value: lbl, Field: it.Field, Pos: it.Pos}, 'L')
		body := b.elem(RoleParagraph, 0, li, "", it.Field)
		lines := b.wrap(it, st, w-indent)
		b.y += b.textLines(lines, x+indent, b.y, st, RoleListItem, 0, body, it, 'L')
	}, cont)
}

// headedList places a section: its heading (level 2) and its items as a
// list, both at x across width w.
func (b *builder) headedList(s handout.Section, x, w float64, numbered bool) {
	b.list(func() { b.heading(s.Heading, x, w, -1) }, s.Items, x, w, b.th.body, numbered, -1,
		b.continued(s.Heading, b.th.heading, x, w))
}

// endBlock places the clinic band, the sources and the disclaimer at the
// bottom of the last page: they are laid out at the cursor and then moved down to sit on the
// footer, so the page reads top to bottom with the small print last.
//
// With compact set, the sources run on as one paragraph instead of a list,
// for one-page handouts where every line counts.
//
// In large print they are kept together, and last, when not nil, places
// the handout's last section first, a section gap above them. When they
// do not fit under the content they go to a page of their own, and the
// last section goes with them if both fit there (and it was not alone on
// its page), so that the last page never holds only small print.
//
// It returns the top of the block (the band's) on the last page.
func (b *builder) endBlock(compact bool, last func()) float64 {
	var (
		lastPage, lastFirst int
		lastTop, lastEnd    float64
		lastAlone           bool
	)
	if last != nil {
		lastPage, lastFirst, lastTop = b.page, len(b.doc.Pages[b.page].Items), b.y
		lastAlone = lastTop <= b.pageTop+1e-6
		if m := b.keep(last, nil); m.moved {
			lastPage, lastFirst, lastTop, lastAlone = b.page, lastFirst+m.delta, b.pageTop, true
		}
		lastEnd = b.y
		b.y += b.th.sectionGap
	}
	page := b.page
	first := len(b.doc.Pages[page].Items)
	m := b.keep(func() { b.endContent(compact) }, nil)
	if m.moved {
		first += m.delta
		if last != nil && !lastAlone && lastPage == b.page-1 &&
			b.y+(lastEnd-lastTop)+b.th.sectionGap <= b.bottom+1e-6 {
			// Bring the last section over, above the end block.
			old := &b.doc.Pages[lastPage]
			pulled := append([]Item(nil), old.Items[lastFirst:]...)
			old.Items = old.Items[:lastFirst]
			for i := range pulled {
				shift(&pulled[i], b.top-lastTop)
			}
			pg := &b.doc.Pages[b.page]
			pg.Items = append(pulled, pg.Items...)
			first += len(pulled)
		}
	}

	// Move the block down to the bottom of the frame when there is room.
	if dy := b.bottom - b.y; dy > 0 {
		page := &b.doc.Pages[b.page]
		for i := first; i < len(page.Items); i++ {
			shift(&page.Items[i], dy)
		}
		b.y = b.bottom
	}
	return b.doc.Pages[b.page].Items[first].Y
}

// endContent places what endBlock holds at the cursor.
func (b *builder) endContent(compact bool) {
	h, th := b.h, b.th
	b.band()
	b.y += th.unit

	label := style{Bold, th.small.size, th.small.leading, th.accent}
	var src []handout.Text
	for _, s := range h.Sources {
		v := s.Text.Value
		if !s.URL.IsZero() {
			v += " " + s.URL.Value
		}
		src = append(src, synthetic(v, s.Text))
	}
	if compact {
		b.compactSources(src, label)
	} else {
		head := func() {
			e := b.elem(RoleHeading, 2, -1, "", h.Labels.Sources.Field)
			b.y += b.textLines(b.fit(h.Labels.Sources, label, b.width(), 1), b.left, b.y, label, RoleHeading, 2, e, h.Labels.Sources, 'L')
		}
		b.list(head, src, b.left, b.width(), th.small, true, -1, nil)
	}
	e := -1
	if compact {
		// A one-page handout has no line to spare for a rule.
		b.y += th.unit / 2
	} else {
		b.y += th.unit
		b.line(b.left, b.y, b.right, b.y, th.rule, th.tints[3], RoleDecoration, -1)
		b.y += th.unit
		pub := b.published()
		e = b.elem(RoleParagraph, 0, -1, "", pub.Field)
		b.y += b.textLines(b.fit(pub, th.meta, b.width(), b.lines(2)), b.left, b.y, th.meta, RoleParagraph, 0, e, pub, 'L')
		b.y += th.unit / 2
	}
	e = b.elem(RoleParagraph, 0, -1, "", h.Disclaimer.Field)
	b.y += b.textLines(b.wrap(h.Disclaimer, th.note, b.width()), b.left, b.y, th.note, RoleParagraph, 0, e, h.Disclaimer, 'L')
}

// compactSources sets the publisher, the reviewed date and the sources as
// one run-on paragraph: "Published by X · Reviewed 25 November 2026.
// Sources: 1. A. 2. B.", the labels in bold.
func (b *builder) compactSources(src []handout.Text, label style) {
	st := b.th.small
	pub := b.published()
	rs := []run{{synthetic(pub.Value+".", pub), label}, {synthetic(b.h.Labels.Sources.Value+":", b.h.Labels.Sources), label}}
	for i, s := range src {
		rs = append(rs, run{synthetic(strconv.Itoa(i+1)+". "+s.Value, s), st})
	}
	e := b.elem(RoleParagraph, 0, -1, "", "sources")
	b.runs(rs, b.left, b.width(), e)
}

// run is a stretch of text in one style inside a paragraph.
type run struct {
	t  handout.Text
	st style
}

// runs wraps several runs as one paragraph at x across width w, switching
// style between runs, and places it at the cursor. The line height is the
// largest leading of the runs.
func (b *builder) runs(rs []run, x, w float64, elem int) {
	type word struct {
		s string
		r int // index of its run
	}
	var words []word
	leading := 0.0
	for i, r := range rs {
		b.checkGlyphs(r.t, r.st.face)
		leading = max(leading, r.st.leading)
		for _, f := range strings.Fields(r.t.Value) {
			words = append(words, word{f, i})
		}
	}
	// Break into lines of words.
	var lines [][]word
	var cur []word
	curW := 0.0
	for _, wd := range words {
		st := rs[wd.r].st
		ww := b.m.Width(st.face, st.size, wd.s)
		add := ww
		if len(cur) > 0 {
			add += b.m.Width(st.face, st.size, " ")
		}
		if len(cur) > 0 && curW+add > w {
			lines = append(lines, cur)
			cur, curW, add = nil, 0, ww
		}
		cur = append(cur, wd)
		curW += add
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	// Place each line as one text item per stretch of the same run. Every
	// line but the last ends with the space it broke at, as in wrap.
	for k, ln := range lines {
		lx := x
		for i := 0; i < len(ln); {
			j := i
			var parts []string
			for j < len(ln) && ln[j].r == ln[i].r {
				parts = append(parts, ln[j].s)
				j++
			}
			r := rs[ln[i].r]
			text := strings.Join(parts, " ")
			if j < len(ln) || k < len(lines)-1 {
				text += " "
			}
			st := style{r.st.face, r.st.size, leading, r.st.color}
			b.textLines([]string{text}, lx, b.y, st, RoleParagraph, 0, elem, r.t, 'L')
			lx += b.m.Width(st.face, st.size, text)
			i = j
		}
		b.y += leading
	}
}

func shift(it *Item, dy float64) {
	it.Y += dy
	if it.Kind == TextItem {
		it.Baseline += dy
	}
	for i := range it.Points {
		it.Points[i].Y += dy
	}
}

// footers draws the running footer on every page: a rule, who published the
// handout and when it was reviewed, and the page number.
func (b *builder) footers() {
	h, th := b.h, b.th
	n := len(b.doc.Pages)
	top := b.paper.Height - th.marginTop - th.footerHeight
	st := style{Regular, th.small.size, th.small.leading, th.ink}
	for i := range b.doc.Pages {
		b.page = i
		b.line(b.left, top+th.unit/2, b.right, top+th.unit/2, th.rule, th.rulec, RoleDecoration, -1)
		y := top + th.footerHeight - st.leading
		pg := strings.NewReplacer("{page}", strconv.Itoa(i+1), "{pages}", strconv.Itoa(n)).Replace(h.Labels.Page.Value)
		pgT := synthetic(pg, h.Labels.Page)
		b.checkGlyphs(pgT, st.face)
		pgW := b.m.Width(st.face, st.size, pg)
		b.textLines([]string{pg}, b.right, y, st, RoleFooter, 0, -1, pgT, 'R')
		// The title and the reviewed date; a title too long to share the line
		// with them is left out of the footer rather than cut.
		avail := b.width() - pgW - 2*th.unit
		left := synthetic(fmt.Sprintf("%s · %s", h.Title.Value, b.reviewed()), h.Title)
		if b.m.Width(st.face, st.size, left.Value) > avail {
			left = synthetic(b.reviewed(), h.Labels.Reviewed)
		}
		b.textLines(b.fit(left, st, avail, 1), b.left, y, st, RoleFooter, 0, -1, left, 'L')
	}
}

// minLogoWidth is the narrowest a logo may print, in points (about 3 mm):
// a logo drawn at a fixed height from a tall, thin image would otherwise
// print as a sliver.
const minLogoWidth = 8.0

// logoWideEnough reports an error, and false, when logo l, an image of
// px by py pixels, would print only w points wide where it stands.
func (b *builder) logoWideEnough(l *handout.Logo, px, py int, w float64, where string) bool {
	if w >= minLogoWidth {
		return true
	}
	b.diags.Add(l.File.Pos, "logo-illegible", l.File.Field,
		fmt.Sprintf("logo file %q is %dx%d pixels, %.1f times as high as wide: %s it would print only %.1f pt (%.1f mm) wide, too narrow to see",
			l.File.Value, px, py, float64(py)/float64(px), where, w, w*25.4/72),
		"use a version of the logo at most 3 times as high as wide")
	return false
}
