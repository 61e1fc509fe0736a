package layout

// theme holds every size, colour and distance the layouts use, in points.
// Values follow the visual direction: one sans family, a 6 pt spacing unit,
// body text 12.5 pt on 1.35 leading, small print never under 9 pt, and ink
// colours that keep at least 9.8:1 contrast on every tint.
type theme struct {
	margin    float64 // from the left and right edges of the paper to the content
	marginTop float64 // from the top and bottom edges

	title, subtitle, heading, lead, body, strong, small, meta, note style
	rungNum, rungLabel, cellTitle, standing                         style

	unit         float64 // the spacing unit
	sectionGap   float64 // between sections
	headingGap   float64 // below a section heading
	itemGap      float64 // between list items
	paraGap      float64 // between paragraphs
	pad          float64 // inside tinted boxes
	radius       float64 // rounded corners
	rule         float64 // stroke width of rules and boxes
	checkbox     float64 // side of a checkbox
	writeGap     float64 // distance between write-in lines
	footerHeight float64 // band reserved at the bottom for the running footer
	bandHeight   float64 // the clinic band on the last page
	logoSide     float64
	indent       float64 // from a bullet to its item's text
	railGap      float64 // beside the ladder's bands, for an upright on each side
	numW         float64 // room for a rung's number
	rungPad      float64 // inside a rung's band
	cellGap      float64 // between the cells of the conditions grid
	colGap       float64 // between side-by-side columns

	ink, accent, warn, rulec, paper Color
	tints                           []Color // lightest first
	warnTint                        Color
}

// style is how a run of text is set.
type style struct {
	face    Face
	size    float64
	leading float64 // distance from one baseline to the next
	color   Color
}

func hex(v uint32) Color { return Color{uint8(v >> 16), uint8(v >> 8), uint8(v)} }

func defaultTheme() theme {
	ink, accent := hex(0x1F2933), hex(0x0B4F6C)
	return theme{
		margin:    43.2, // 0.6 in at the sides, where a long line would hurt
		marginTop: 36,   // 0.5 in at the top and bottom, the least the print rules allow

		title:    style{Bold, 24, 31.2, ink},
		subtitle: style{Regular, 14, 18.9, ink},
		heading:  style{Bold, 15, 19.5, accent},
		lead:     style{Bold, 14, 18.9, ink},
		body:     style{Regular, 12.5, 16.875, ink},
		strong:   style{Bold, 12.5, 16.875, ink},
		rungNum:  style{Bold, 18, 23.4, accent},
		small:    style{Regular, 9.5, 12.825, ink},
		meta:     style{Bold, 10.5, 13.65, accent},
		note:     style{Regular, 10.5, 14.2, ink},

		rungLabel: style{Bold, 13.5, 18, ink},
		cellTitle: style{Bold, 13.5, 18, ink},
		standing:  style{Bold, 12, 16.2, accent},

		unit:         6,
		sectionGap:   18,
		headingGap:   6,
		itemGap:      4,
		paraGap:      8,
		pad:          10,
		radius:       4,
		rule:         0.75,
		checkbox:     11,
		writeGap:     22,
		footerHeight: 20,
		bandHeight:   50,
		logoSide:     30,
		indent:       14,
		railGap:      22,
		numW:         28,
		rungPad:      10,
		cellGap:      12,
		colGap:       18,

		ink:      ink,
		accent:   accent,
		warn:     hex(0x9A1C13),
		rulec:    hex(0x7B8794),
		paper:    hex(0xFFFFFF),
		tints:    []Color{hex(0xF3F6F9), hex(0xE3EEF6), hex(0xD0E3F1), hex(0xBBD6EC)},
		warnTint: hex(0xFDF1EF),
	}
}

// largePrintTheme is the theme of --large-print, for readers with low
// vision: body text 18 pt (the top of the 16 to 18 pt range the print
// guidance gives for large print) and every other size scaled with it,
// by about 1.44, rounded to whole points. Small print (sources, footer)
// goes to 14 pt and the publisher line and disclaimer to 15 pt, both
// still large print in their own right. Leading stays at the normal
// ratios (1.35 for reading text), and distances grow with the type: an
// 8 pt spacing unit, 16 pt checkboxes, write-in lines 32 pt apart for
// larger handwriting, and a 72 pt clinic band.
func largePrintTheme() theme {
	t := defaultTheme()
	ink, accent := t.ink, t.accent
	t.title = style{Bold, 32, 41.6, ink}
	t.subtitle = style{Regular, 20, 27, ink}
	t.heading = style{Bold, 22, 28.6, accent}
	t.lead = style{Bold, 20, 27, ink}
	t.body = style{Regular, 18, 24.3, ink}
	t.strong = style{Bold, 18, 24.3, ink}
	t.rungNum = style{Bold, 26, 33.8, accent}
	t.small = style{Regular, 14, 18.9, ink}
	t.meta = style{Bold, 15, 19.5, accent}
	t.note = style{Regular, 15, 20.25, ink}
	t.rungLabel = style{Bold, 20, 26.7, ink}
	t.cellTitle = style{Bold, 20, 26.7, ink}
	t.standing = style{Bold, 18, 24.3, accent}

	t.unit = 8
	t.sectionGap = 24
	t.headingGap = 8
	t.itemGap = 6
	t.paraGap = 12
	t.pad = 14
	t.radius = 6
	t.rule = 1
	t.checkbox = 16
	t.writeGap = 32
	t.footerHeight = 28
	t.bandHeight = 72
	t.logoSide = 43
	t.indent = 20
	t.numW = 36
	// The ladder must stand whole on one page: its bands keep the
	// regular padding and rails.
	t.rungPad = 10
	t.railGap = 22
	t.cellGap = 16
	t.colGap = 24
	return t
}

// tint returns the tint for step i of n, lightest at 0 and darkest at n-1.
func (t theme) tint(i, n int) Color {
	if n <= 1 {
		return t.tints[len(t.tints)-1]
	}
	return t.tints[i*(len(t.tints)-1)/(n-1)]
}

// fitLeading makes every style's leading at least the font's glyph height,
// so that lines of one paragraph never overlap whatever the family.
func (t *theme) fitLeading(m Measurer) {
	for _, st := range []*style{&t.title, &t.subtitle, &t.heading, &t.lead, &t.body, &t.strong, &t.small,
		&t.meta, &t.note, &t.rungNum, &t.rungLabel, &t.cellTitle, &t.standing} {
		st.leading = t.leadingFor(m, *st)
	}
}

// leadingFor returns st's leading, raised to the glyph height if needed.
func (t *theme) leadingFor(m Measurer, st style) float64 {
	asc, desc := m.Extents(st.face)
	return max(st.leading, (asc+desc)*st.size)
}
