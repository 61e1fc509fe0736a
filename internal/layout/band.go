package layout

import (
	"bytes"
	"fmt"
	"image"
	"math"
	"strings"
	"unicode/utf8"

	"handout/internal/diag"
	"handout/internal/handout"
)

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
	if b.opt.Brand != nil {
		b.brandBand(b.opt.Brand, top)
	} else {
		b.blankBand(top)
	}
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

// Sizes of a branded band, in points.
const (
	brandLogoMaxW  = 90.0 // the widest a logo is drawn: three times its height
	brandLogoMinH  = 16.0 // a logo drawn lower than this (a very wide one) is not legible
	brandLogoMinPI = 100  // pixels per inch a logo needs at its printed size to print crisply
	brandGap       = 12   // between the logo, the text and the QR code
	brandNameSize  = 12   // the clinic's name, bold
	brandLineSize  = 9.5  // the address and contact lines
	brandLeading   = 12.5 // of the contact lines
)

// brandBand fills the band with a clinic's brand: its logo at the left,
// its name and up to two lines of details beside it, and a QR code at the
// right. Everything is measured: what does not fit is an error naming the
// brand file's field.
func (b *builder) brandBand(br *handout.Brand, top float64) {
	th := b.th
	inner := th.bandHeight - 2*th.pad // the logo's height
	if b.opt.LargePrint {
		// The logo keeps its regular size in the taller band, so that a
		// logo sharp enough for the regular band is sharp here too.
		d := defaultTheme()
		inner = d.bandHeight - 2*d.pad
	}
	x := b.left + th.pad
	right := b.right - th.pad

	// The QR code's square, quiet zone included, spans the band's height
	// inside its border, at the right end.
	var qr *qrPlan
	if !br.QR.IsZero() {
		qr = b.planQR(br.QR)
		if qr != nil {
			// The text keeps out of the quiet zone, which must stay free
			// of ink.
			right = b.qrLeft(qr) - th.unit
		}
	}

	// The logo, as high as the band allows and at most brandLogoMaxW wide.
	if l := br.Logo; l != nil && len(l.Data) > 0 {
		if w, h, ok := b.planLogo(l, inner); ok {
			role, e := RoleDecoration, -1
			if !l.Decorative {
				role, e = RoleImage, b.elem(RoleImage, 0, -1, l.Alt.Value, l.Alt.Field)
			}
			b.add(Item{Kind: ImageItem, Role: role, Elem: e, X: x, Y: top + (th.bandHeight-h)/2, W: w, H: h,
				Image: l.Data, Alt: l.Alt.Value, Field: l.File.Field, Pos: l.File.Pos})
			x += w + brandGap
		}
	}

	// The text column: the name, then the address, then phone · website.
	w := right - x
	nameSize, lineSize, leading := float64(brandNameSize), brandLineSize, brandLeading
	if b.opt.LargePrint {
		// Large print: the name at body size, the details at the size of
		// the sources; a brand whose details fit the regular band may be
		// too wide for this one, which is an error naming the field.
		nameSize, lineSize, leading = th.body.size, th.small.size, th.small.leading
	}
	name := style{Bold, nameSize, b.th.leadingFor(b.m, style{Bold, nameSize, nameSize * 1.25, th.accent}), th.accent}
	line := style{Regular, lineSize, b.th.leadingFor(b.m, style{Regular, lineSize, leading, th.ink}), th.ink}
	type row struct {
		t    handout.Text
		st   style
		what string
	}
	rows := []row{{br.Name, name, "name"}}
	if !br.Address.IsZero() {
		rows = append(rows, row{br.Address, line, "address"})
	}
	if contact := b.contactLine(br, line, w); !contact.IsZero() {
		what := contact.Field
		if !br.Phone.IsZero() && !br.Website.IsZero() {
			what = "the line of phone and website (" + contact.Field + ")"
		}
		rows = append(rows, row{contact, line, what})
	}
	h := 0.0
	for _, r := range rows {
		h += r.st.leading
	}
	y := top + (th.bandHeight-h)/2
	for _, r := range rows {
		b.oneLine(r.t, r.what, r.st, w, br)
		e := b.elem(RoleParagraph, 0, -1, "", r.t.Field)
		y += b.textLines([]string{r.t.Value}, x, y, r.st, RoleParagraph, 0, e, r.t, 'L')
	}

	if qr != nil {
		b.drawQR(qr, b.qrLeft(qr), top+th.rule/2)
	}
}

// contactLine joins the phone number and the website (without its
// "https://") with a middle dot. The line names the field a reader would
// shorten: the website when the phone number fits alone.
func (b *builder) contactLine(br *handout.Brand, st style, w float64) handout.Text {
	var parts []string
	from := br.Phone
	if !br.Phone.IsZero() {
		parts = append(parts, br.Phone.Value)
	}
	if !br.Website.IsZero() {
		parts = append(parts, displayURL(br.Website.Value))
		if br.Phone.IsZero() || b.m.Width(st.face, st.size, br.Phone.Value) <= w {
			from = br.Website
		}
	}
	if len(parts) == 0 {
		return handout.Text{}
	}
	return synthetic(strings.Join(parts, " · "), from)
}

// displayURL is a web address as printed: without "https://" or
// "http://", and without a trailing slash.
func displayURL(u string) string {
	for _, p := range []string{"https://", "http://"} {
		if len(u) > len(p) && strings.EqualFold(u[:len(p)], p) {
			u = u[len(p):]
			break
		}
	}
	return strings.TrimSuffix(u, "/")
}

// oneLine reports a brand text wider than its line.
func (b *builder) oneLine(t handout.Text, what string, st style, w float64, br *handout.Brand) {
	b.checkGlyphs(t, st.face)
	tw := b.m.Width(st.face, st.size, t.Value)
	if tw <= w+1e-9 {
		return
	}
	chars := int(math.Ceil(float64(len([]rune(t.Value))) * (tw - w) / tw))
	b.shortBy[t.Field] = max(b.shortBy[t.Field], chars)
	hint := "shorten it by about " + plural(chars, "character")
	var room []string
	if br.Logo != nil {
		room = append(room, "a narrower logo")
	}
	if !br.QR.IsZero() {
		room = append(room, "no QR code")
	}
	if len(room) > 0 {
		hint += ", or make room with " + strings.Join(room, " or ")
	}
	edition := ""
	if b.opt.LargePrint {
		edition = " in large print"
	}
	b.diags.Add(t.Pos, "text-overflow", t.Field,
		fmt.Sprintf("%s is %.0f pt wide on one line of the clinic band, which has room for %.0f pt on %s paper%s",
			what, tw, w, b.paper.Name, edition), hint)
}

// planLogo sizes a brand logo to the band: height h at most maxH, width at
// most brandLogoMaxW. A logo that would print lower than brandLogoMinH, or
// with fewer than brandLogoMinPI pixels an inch, is an error.
func (b *builder) planLogo(l *handout.Logo, maxH float64) (w, h float64, ok bool) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(l.Data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, false // the parser checked the image; cannot happen
	}
	aspect := float64(cfg.Width) / float64(cfg.Height)
	h = maxH
	w = h * aspect
	if w > brandLogoMaxW {
		w, h = brandLogoMaxW, brandLogoMaxW/aspect
	}
	bad := func(msg, hint string) { b.diags.Add(l.File.Pos, "logo-illegible", l.File.Field, msg, hint) }
	if !b.logoWideEnough(l, cfg.Width, cfg.Height, w, "in the clinic band") {
		return w, h, false
	}
	if h < brandLogoMinH {
		bad(fmt.Sprintf("logo file %q is %dx%d pixels, %.1f times as wide as high: in the clinic band's %.0f pt it would print only %.0f pt (%.1f mm) high, too small to read",
			l.File.Value, cfg.Width, cfg.Height, aspect, brandLogoMaxW, h, h*25.4/72),
			fmt.Sprintf("use a version of the logo at most %.1f times as wide as high, such as the symbol without the name", brandLogoMaxW/brandLogoMinH))
		return w, h, false
	}
	if ppi := float64(cfg.Height) / (h / 72); ppi < brandLogoMinPI {
		need := int(math.Ceil(brandLogoMinPI * h / 72))
		bad(fmt.Sprintf("logo file %q is %d pixels high: printed %.0f pt (%.1f mm) high in the clinic band it would have %.0f pixels an inch and look blurred",
			l.File.Value, cfg.Height, h, h*25.4/72, ppi),
			fmt.Sprintf("export it at least %d pixels high (%d pixels an inch); 4 times that prints sharp", need, brandLogoMinPI))
		return w, h, false
	}
	return w, h, true
}

// qrPlan is a QR code laid out in the band.
type qrPlan struct {
	url    handout.Text
	mods   [][]bool
	module float64 // side of a module, points
	side   float64 // side of the code with its quiet zone, points
}

// planQR encodes the brand's QR address at the largest version whose
// modules print at least qrMinModule wide in the band. An address too long
// for that is an error.
func (b *builder) planQR(u handout.Text) *qrPlan {
	side := b.th.bandHeight - b.th.rule // inside the band's border
	maxVer := qrMaxVersion(side)
	mods, ok, err := qrMatrix(u.Value, maxVer)
	if err != nil {
		b.diags.Add(u.Pos, "qr", u.Field, fmt.Sprintf("%s cannot be made into a QR code: %v", fieldName(u), err), "")
		return nil
	}
	if !ok {
		capacity := qrCapacity(maxVer)
		// A QR code holds bytes: a letter outside ASCII takes two or more.
		size := fmt.Sprintf("%d characters", len(u.Value))
		if n := utf8.RuneCountInString(u.Value); n != len(u.Value) {
			size = fmt.Sprintf("%d characters (%d bytes: an accented letter takes two or more)", n, len(u.Value))
		}
		msg := fmt.Sprintf("%s is %s long, too long for a QR code that fits the clinic band with modules of at least %.2f mm: the band holds a code of at most %d modules a side (and its quiet zone), which takes an address of at most %d characters of plain ASCII",
			fieldName(u), size, qrMinModule*25.4/72, 17+4*maxVer, capacity)
		if v := qrVersionFor(u.Value); v > 0 {
			m := side / float64(17+4*v+2*qrQuiet)
			msg += fmt.Sprintf(" (this one needs %d modules a side, which would print %.2f mm wide)", 17+4*v, m*25.4/72)
		}
		b.diags.Add(u.Pos, "qr-too-long", u.Field, msg,
			fmt.Sprintf("link to a shorter address of at most %d characters, such as a short page on the clinic's site that leads on", capacity))
		return nil
	}
	n := float64(len(mods) + 2*qrQuiet)
	return &qrPlan{url: u, mods: mods, module: side / n, side: side}
}

// qrLeft is the left edge of the QR code's square, quiet zone included:
// against the band's right border, but clear of its rounded corners, so
// that no ink of the border enters the quiet zone.
func (b *builder) qrLeft(q *qrPlan) float64 {
	return b.right - b.th.rule/2 - b.th.radius - q.side
}

// drawQR draws the code with its quiet zone's top-left corner at (x, y): a
// figure whose bounds are the whole square, quiet zone included, and its
// dark modules merged into rectangles.
func (b *builder) drawQR(q *qrPlan, x, y float64) {
	alt := strings.ReplaceAll(b.h.Labels.QR.Value, "{url}", q.url.Value)
	e := b.elem(RoleFigure, 0, -1, alt, q.url.Field)
	b.doc.Elements[e].AltLang = b.h.Labels.QRLang
	b.add(Item{Kind: RectItem, Role: RoleFigure, Elem: e, X: x, Y: y, W: q.side, H: q.side,
		Alt: alt, Field: q.url.Field, Pos: q.url.Pos})
	ink := b.th.ink
	ox, oy := x+qrQuiet*q.module, y+qrQuiet*q.module
	for _, r := range qrRects(q.mods) {
		b.add(Item{Kind: RectItem, Role: RoleFigure, Elem: e,
			X: ox + float64(r.x)*q.module, Y: oy + float64(r.y)*q.module,
			W: float64(r.w) * q.module, H: float64(r.h) * q.module,
			Fill: &ink, Field: q.url.Field, Pos: q.url.Pos})
	}
}

// CheckBrand lays out a brand's clinic band alone on paper, with the
// font the measurer measures (family names it in messages), and returns
// what does not fit, in the regular edition or, with large, in large print.
// A brand that passes fits the band of every handout set in that font on
// that paper in that edition: the band is the same on every kind. The map
// says, for each field too long for its line, about how many characters it
// must lose.
func CheckBrand(br *handout.Brand, paper Paper, m Measurer, family string, large bool) (*Document, diag.List, map[string]int) {
	h := &handout.Handout{File: br.File}
	b := newBuilder(h, paper, m, Options{Brand: br, LargePrint: large})
	b.doc.Font = family
	b.newPage()
	b.band()
	b.diags.Sort()
	return b.doc, b.diags, b.shortBy
}
