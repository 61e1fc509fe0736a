package layout

// band places the clinic band at the cursor: a box of fixed height across
// the frame that every layout reserves at the end of its last page, above
// the sources. Because its height never depends on what it holds, a clinic's
// brand can never push content out of a frame that fits without one.
//
// Without a brand the band holds a prompt and a ruled line where a clinic
// writes or stamps its name and phone number.
func (b *builder) band() {
	th := b.th
	top := b.y
	b.rect(b.left, top, b.width(), th.bandHeight, nil, ptr(th.rulec), th.radius, RoleDecoration, -1)
	b.blankBand(top)
	b.y = top + th.bandHeight
}

// blankBand fills an unbranded band: the prompt, and one write-in line
// low in the box, so that the room between them takes handwriting or a
// rubber stamp.
func (b *builder) blankBand(top float64) {
	th := b.th
	x, w := b.left+th.pad, b.width()-2*th.pad
	st := style{Bold, th.meta.size, th.meta.leading, th.accent}
	p := b.h.Labels.Clinic
	e := b.elem(RoleParagraph, 0, -1, "", p.Field)
	b.textLines(b.fit(p, st, w, 1), x, top+th.pad*0.8, st, RoleParagraph, 0, e, p, 'L')
	ly := top + th.bandHeight - th.pad
	b.line(x, ly, x+w, ly, th.rule, th.rulec, RoleWriteLine, -1)
}
