package layout

import (
	"handout/internal/handout"
)

// discussionChecklist lays out the one page of a discussion-checklist
// handout: header, write-in fields, the warning signs panel, the check-item
// sections with answer lines, ruled notes, sources and disclaimer.
func (b *builder) discussionChecklist() {
	if b.opt.LargePrint {
		b.discussionChecklistLarge()
		return
	}
	h, c := b.h, b.h.Checklist
	// One page holds it all: sections sit closer than on the ladder.
	b.th.sectionGap = 2 * b.th.unit
	th := b.th
	b.newPage()
	b.header(h.Summary)
	b.fields(c.Fields)
	b.y += th.sectionGap
	b.warnings(c.Warnings)
	notesPlaced := c.Notes == nil
	for i, s := range c.Sections {
		b.y += th.sectionGap
		if i == 0 && !notesPlaced && !hasAnswerLines(s) {
			// Notes go beside the first section when it has no answer
			// lines: the ruled column uses the room its short items leave.
			b.sectionBesideNotes(s, c.Notes)
			notesPlaced = true
			continue
		}
		b.checkSection(s, b.left, b.width())
	}
	if !notesPlaced {
		b.y += th.sectionGap
		b.notes(c.Notes, b.left, b.width(), 0)
	}
	b.y += th.unit
	b.endBlock(true, nil)
	b.checkPage()
}

// discussionChecklistLarge lays out a discussion checklist in large print,
// in one column, on as many pages as it needs: the header, the write-in
// fields one a row, the warning signs (each sign above its action), the
// check sections, the notes after the last section, and the band, sources
// and disclaimer at the bottom of the last page.
func (b *builder) discussionChecklistLarge() {
	h, c, th := b.h, b.h.Checklist, b.th
	b.newPage()
	b.header(h.Summary)
	b.keep(func() { b.fieldRows(c.Fields) }, nil)
	b.y += th.sectionGap
	b.warningsLarge(c.Warnings)
	for _, s := range c.Sections {
		b.y += th.sectionGap
		b.checkSection(s, b.left, b.width())
	}
	b.y += th.sectionGap
	var last func()
	if c.Notes != nil {
		last = func() { b.notes(c.Notes, b.left, b.width(), 0) }
	}
	top := b.endBlock(false, last)
	if c.Notes != nil {
		b.moreNoteLines(top - th.sectionGap)
	}
	b.checkPage()
}

func hasAnswerLines(s handout.ChecklistSection) bool {
	for _, it := range s.Items {
		if it.AnswerLines > 0 {
			return true
		}
	}
	return false
}

// sectionBesideNotes sets a check section in a wide left column and the
// notes in a narrower right column, the notes' ruled lines running down to
// the bottom of the section (and at least as many as the handout asks for).
func (b *builder) sectionBesideNotes(s handout.ChecklistSection, n *handout.Notes) {
	gap := 3 * b.th.unit
	leftW := (b.width() - gap) * 0.6
	top := b.y
	b.checkSection(s, b.left, leftW)
	bottom := b.y
	b.y = top
	b.notes(n, b.left+leftW+gap, b.width()-leftW-gap, bottom)
	b.y = max(b.y, bottom)
}

// notes places a heading and ruled lines across width w from x: n.Lines of
// them, or more when they fit above the given bottom.
func (b *builder) notes(n *handout.Notes, x, w, bottom float64) {
	th := b.th
	b.heading(n.Heading, x, w, -1)
	lines := n.Lines
	if extra := int((bottom - b.y) / th.writeGap); extra > lines {
		lines = extra
	}
	for i := 0; i < lines; i++ {
		b.y += th.writeGap
		b.line(x, b.y, x+w, b.y, th.rule, th.rulec, RoleWriteLine, -1)
	}
}

// fields places the write-in fields in one row: a bold label followed by a
// line to write on. The first field (usually the name) gets the most room.
func (b *builder) fields(fields []handout.Text) {
	th := b.th
	weights := make([]float64, len(fields))
	total := 0.0
	for i := range fields {
		weights[i] = 1
		if i == 0 {
			weights[i] = 1.6
		}
		total += weights[i]
	}
	gap := 2 * th.unit * 2
	avail := b.width() - gap*float64(len(fields)-1)
	x := b.left
	st := th.strong
	for i, f := range fields {
		w := avail * weights[i] / total
		lines := b.fit(f, st, w-36, 1) // leave at least half an inch to write on
		e := b.elem(RoleFormField, 0, -1, "", f.Field)
		b.textLines(lines, x, b.y, st, RoleFormField, 0, e, f, 'L')
		lw := 0.0
		if len(lines) > 0 {
			lw = b.m.Width(st.face, st.size, lines[0])
		}
		base := b.baseline(b.y, st) + 2
		b.line(x+lw+th.unit, base, x+w, base, th.rule, th.rulec, RoleWriteLine, -1)
		x += w + gap
	}
	b.y += st.leading + 4
}

// moreNoteLines rules more notes lines down to bottom when the notes are
// on the last page (large print), so that the room left above the band is
// room to write. The notes' lines are the only write-in lines across the
// whole frame.
func (b *builder) moreNoteLines(bottom float64) {
	pg := &b.doc.Pages[b.page]
	last := -1.0
	for _, it := range pg.Items {
		if it.Role == RoleWriteLine && it.X == b.left && it.W == b.width() && it.Y < bottom {
			last = max(last, it.Y)
		}
	}
	if last < 0 {
		return
	}
	for y := last + b.th.writeGap; y <= bottom+1e-6; y += b.th.writeGap {
		b.line(b.left, y, b.right, y, b.th.rule, b.th.rulec, RoleWriteLine, -1)
	}
}

// fieldRows places the write-in fields one a row (large print): a bold
// label and a line to write on that runs to the right edge of the frame.
func (b *builder) fieldRows(fields []handout.Text) {
	th := b.th
	st := th.strong
	for i, f := range fields {
		if i > 0 {
			b.y += max(th.writeGap-st.leading, th.unit)
		}
		lines := b.fit(f, st, b.width()/2, 1) // leave at least half the line to write on
		e := b.elem(RoleFormField, 0, -1, "", f.Field)
		b.textLines(lines, b.left, b.y, st, RoleFormField, 0, e, f, 'L')
		lw := 0.0
		if len(lines) > 0 {
			lw = b.m.Width(st.face, st.size, lines[0])
		}
		base := b.baseline(b.y, st) + 2
		b.line(b.left+lw+th.unit, base, b.right, base, th.rule, th.rulec, RoleWriteLine, -1)
		b.y += st.leading
	}
	b.y += th.unit / 2
}

// warningsLarge places the warning-signs panel in large print: the warm
// tinted box with its rule in the warning colour and its heading, then one
// row a sign, the sign in bold with what to do below it, rows parted by
// thin rules. A row is never split; when the rows go on to a new page, the
// panel is closed on the page it leaves and opens again on the next,
// under its heading with the continued label.
func (b *builder) warningsLarge(w handout.Warnings) {
	th := b.th
	x := b.left + th.pad
	inner := b.width() - 2*th.pad
	head := style{Bold, th.heading.size, th.heading.leading, th.warn}
	var panelPage, panelItem int
	var panelTop float64
	open := func() {
		panelPage, panelItem, panelTop = b.page, len(b.doc.Pages[b.page].Items), b.y
		b.rect(b.left, b.y, b.width(), 0, ptr(th.warnTint), ptr(th.warn), th.radius, RoleDecoration, -1)
		b.y += th.pad
	}
	closeAt := func(y float64) {
		b.doc.Pages[panelPage].Items[panelItem].H = y + th.pad - panelTop
	}
	list := -1
	row := func(it handout.Warning) {
		li := b.elem(RoleListItem, 0, list, "", it.Sign.Field)
		sign := b.wrap(it.Sign, th.strong, inner)
		act := b.wrap(it.Action, th.body, inner)
		b.y += b.textLines(sign, x, b.y, th.strong, RoleListItem, 0, b.elem(RoleParagraph, 0, li, "", it.Sign.Field), it.Sign, 'L')
		b.y += b.textLines(act, x, b.y, th.body, RoleListItem, 0, b.elem(RoleParagraph, 0, li, "", it.Action.Field), it.Action, 'L')
	}
	gap := th.unit
	// sep parts row i from the row above it with a thin rule, gap/2
	// below the cursor.
	sep := func(y float64) {
		b.line(x, y+gap/2, x+inner, y+gap/2, th.rule*0.67, hex(0xE6BDB7), RoleDecoration, -1)
	}
	for k, r := range blocks(len(w.Items)) {
		rows := func() {
			for i := r[0]; i < r[1]; i++ {
				if i > r[0] {
					sep(b.y)
					b.y += gap
				}
				row(w.Items[i])
			}
		}
		if k == 0 {
			m := b.keep(func() {
				open()
				he := b.elem(RoleHeading, 2, -1, "", w.Heading.Field)
				b.y += b.textLines(b.fit(w.Heading, head, inner, b.lines(2)), x, b.y, head, RoleHeading, 2, he, w.Heading, 'L')
				b.y += th.headingGap
				list = b.elem(RoleList, 0, -1, "", "warnings.items")
				rows()
			}, nil)
			if m.moved {
				panelPage, panelItem = b.page, panelItem+m.delta
				panelTop = b.doc.Pages[b.page].Items[panelItem].Y
			}
			continue
		}
		above := b.y
		b.y += gap
		m := b.keep(rows, func() {
			closeAt(above)
			open()
			b.continued(w.Heading, head, x, inner)()
		})
		if !m.moved {
			sep(above)
		}
	}
	closeAt(b.y)
	b.y += th.pad
}

// warnings places the warning-signs panel: a warm tinted box with a rule in
// the warning colour, a heading in words, and a two-column table of each
// sign and what to do about it.
func (b *builder) warnings(w handout.Warnings) {
	th := b.th
	page := &b.doc.Pages[b.page]
	bg := len(page.Items)
	b.rect(b.left, b.y, b.width(), 0, ptr(th.warnTint), ptr(th.warn), th.radius, RoleDecoration, -1)
	top := b.y
	b.y += th.pad
	x := b.left + th.pad
	inner := b.width() - 2*th.pad
	head := style{Bold, th.heading.size, th.heading.leading, th.warn}
	he := b.elem(RoleHeading, 2, -1, "", w.Heading.Field)
	b.y += b.textLines(b.fit(w.Heading, head, inner, 2), x, b.y, head, RoleHeading, 2, he, w.Heading, 'L')
	b.y += th.headingGap

	gap := 2 * th.unit
	signW := (inner - gap) * 0.5
	actX := x + signW + gap
	actW := inner - signW - gap
	list := b.elem(RoleList, 0, -1, "", "warnings.items")
	for i, it := range w.Items {
		if i > 0 {
			b.y += th.unit / 3
			b.line(x, b.y, x+inner, b.y, th.rule*0.67, hex(0xE6BDB7), RoleDecoration, -1)
			b.y += th.unit / 3
		}
		li := b.elem(RoleListItem, 0, list, "", it.Sign.Field)
		sign := b.wrap(it.Sign, th.strong, signW)
		act := b.wrap(it.Action, th.body, actW)
		h1 := b.textLines(sign, x, b.y, th.strong, RoleListItem, 0, b.elem(RoleParagraph, 0, li, "", it.Sign.Field), it.Sign, 'L')
		h2 := b.textLines(act, actX, b.y, th.body, RoleListItem, 0, b.elem(RoleParagraph, 0, li, "", it.Action.Field), it.Action, 'L')
		b.y += max(h1, h2)
	}
	b.y += th.pad
	b.doc.Pages[b.page].Items[bg].H = b.y - top
}

// checkSection places a heading and its check items, each with an empty
// box aligned to its first line and any answer lines below it. In large
// print an item is kept whole with its answer lines, the heading stays
// with the first item, and a section that goes on to a new page is headed
// there by its heading with the continued label.
func (b *builder) checkSection(s handout.ChecklistSection, x, w float64) {
	th := b.th
	list := -1
	indent := th.checkbox + 2*th.unit
	st := th.body
	b.section(func() {
		b.heading(s.Heading, x, w, -1)
		list = b.elem(RoleList, 0, -1, "", "")
	}, len(s.Items), th.itemGap, func(i int) {
		it := s.Items[i]
		li := b.elem(RoleListItem, 0, list, "", it.Text.Field)
		// The box sits on the middle of the first line's capitals.
		mid := b.baseline(b.y, st) - 0.35*st.size
		box := b.elem(RoleCheckbox, 0, li, b.h.Labels.Checkbox.Value, it.Text.Field)
		b.doc.Elements[box].AltLang = b.h.Labels.CheckboxLang
		b.add(Item{Kind: RectItem, Role: RoleCheckbox, Elem: box, X: x, Y: mid - th.checkbox/2,
			W: th.checkbox, H: th.checkbox, Stroke: ptr(th.ink), LineWidth: th.rule, Radius: 1.5,
			Field: it.Text.Field, Pos: it.Text.Pos})
		e := b.elem(RoleParagraph, 0, li, "", it.Text.Field)
		b.para(it.Text, st, x+indent, w-indent, RoleListItem, 0, e)
		for j := 0; j < it.AnswerLines; j++ {
			b.y += th.writeGap
			b.line(x+indent, b.y, x+w, b.y, th.rule, th.rulec, RoleWriteLine, -1)
		}
	}, b.continued(s.Heading, th.heading, x, w))
}
