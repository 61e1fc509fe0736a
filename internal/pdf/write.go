package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"handout/internal/layout"
)

// familyKey is the name fpdf knows the handout's family by inside a document.
const familyKey = "body"

// Write draws doc as a PDF to w. creator names the tool and its version
// ("handout 0.3.0"). The output depends only on doc, the fonts and creator:
// dates come from doc.Meta.Date and the catalog is written in sorted order,
// so the same input gives the same bytes.
//
// Every PDF is tagged, toward PDF/UA-1: a structure tree built from the
// layout's elements (see newTree), every painted item inside marked content
// that the tree points at or inside an artifact, the document's language and
// title, XMP metadata that identifies the file as PDF/UA, and the headings as
// bookmarks (written with the structure tree: fpdf's Bookmark gives an item
// with children /Count 0, which the PDF format forbids).
func Write(w io.Writer, doc *layout.Document, fam *Family, creator string) error {
	b, err := Encode(doc, fam, creator)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Encode is Write that returns the PDF, in a slice of its own.
func Encode(doc *layout.Document, fam *Family, creator string) (out []byte, err error) {
	// fpdf panics on some inputs it does not expect; a panic here is a bug
	// of ours, reported as an error rather than a crash.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error while drawing the PDF: %v", r)
		}
	}()
	tags, err := newTree(doc)
	if err != nil {
		return nil, fmt.Errorf("tagging the PDF: %w", err)
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: doc.Paper.Width, Ht: doc.Paper.Height},
	})
	// The next document reuses this one's buffers (fpdf patch 10).
	defer pdf.Release()
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(doc.Meta.Date)
	pdf.SetModificationDate(doc.Meta.Date)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCellMargin(0)
	pdf.SetCompression(true)

	m := doc.Meta
	producer := creator + " with go-pdf/fpdf"
	pdf.SetTitle(m.Title, true)
	pdf.SetAuthor(m.Author, true)
	pdf.SetSubject(m.Subject, true)
	pdf.SetKeywords(strings.Join(m.Keywords, ", "), true)
	pdf.SetCreator(creator, true)
	pdf.SetProducer(producer, true)
	if validLang(m.Language) {
		pdf.SetLang(m.Language)
	}
	// fpdf v0.12.0 links the XMP stream from the catalog's /Metadata.
	pdf.SetXmpMetadata(xmpPacket(m, creator, producer))

	regular, bold := fam.faces[layout.Regular], fam.faces[layout.Bold]
	pdf.AddUTF8FontFromBytesSum(familyKey, "", regular.data, regular.sum)
	pdf.AddUTF8FontFromBytesSum(familyKey, "B", bold.data, bold.sum)
	// fpdf reports a font it cannot parse only when the font is selected.
	pdf.SetFont(familyKey, "B", 12)
	pdf.SetFont(familyKey, "", 12)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("loading font %s: %w", fam.Display, err)
	}

	d := drawer{pdf: pdf, images: map[string]string{}, tags: tags, doc: doc,
		marked: make([]bool, len(doc.Elements))}
	for pi, page := range doc.Pages {
		pdf.AddPage()
		d.page = pi
		for i := range page.Items {
			if err := d.item(&page.Items[i]); err != nil {
				return nil, fmt.Errorf("page %d, item %d: %w", pi+1, i, err)
			}
		}
		d.endPage()
		if err := pdf.Error(); err != nil {
			return nil, err
		}
	}
	b, err := pdf.Bytes()
	if err != nil {
		return nil, err
	}
	// appendStructure copies the PDF fpdf wrote into a slice of its own.
	return appendStructure(b, tags)
}

// validLang accepts only what a BCP 47 tag may contain: fpdf writes the
// language into the catalog without escaping it.
func validLang(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

type drawer struct {
	pdf    *fpdf.Fpdf
	images map[string]string // content hash -> registered name
	tags   *tree
	doc    *layout.Document
	page   int // the page being drawn, 0-based

	// The marked-content sequence open in the page's content stream, if
	// any: consecutive items of one element, or consecutive artifacts of
	// one kind, share a sequence.
	open    bool
	openKey markKey

	// marked records the elements already seen, so that each heading
	// becomes one bookmark; headings lists this page's, for the outline.
	marked   []bool
	headings []int
}

// markKey says how an item is marked: as content of a structure node, or as
// an artifact of a kind.
type markKey struct {
	node     int // structure node; 0 for an artifact
	artifact string
}

// item draws one item inside the marked content it belongs to.
func (d *drawer) item(it *layout.Item) error {
	if !paints(it) {
		d.bounds(it)
		return nil
	}
	var k markKey
	switch {
	case it.Role.IsArtifact():
		k.artifact = "/Artifact BMC"
		switch it.Role {
		case layout.RoleFooter:
			k.artifact = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC"
		case layout.RoleRunningHead:
			k.artifact = "/Artifact <</Type /Pagination /Subtype /Header>> BDC"
		}
	case it.Elem >= 0 && it.Elem < len(d.tags.elemNode):
		k.node = d.tags.elemNode[it.Elem]
	case it.Elem == -1 && it.Kind == layout.ImageItem:
		k.artifact = "/Artifact BMC" // an image with no element is decorative
	default:
		// Anything else would be content a screen reader never hears.
		return fmt.Errorf("%s item %q (%s) belongs to no element", it.Role, it.Text, it.Field)
	}
	if !d.open || k != d.openKey {
		d.close()
		if k.node > 0 {
			mcid := d.tags.open(k.node, d.page)
			d.pdf.RawWriteStr(fmt.Sprintf("/%s <</MCID %d>> BDC", d.tags.nodes[k.node].typ, mcid))
		} else {
			d.pdf.RawWriteStr(k.artifact)
		}
		d.open, d.openKey = true, k
	}
	if k.node > 0 && it.Elem >= 0 && !d.marked[it.Elem] {
		d.marked[it.Elem] = true
		if headingLevel(d.tags.nodes[k.node].typ) > 0 {
			d.headings = append(d.headings, it.Elem)
		}
	}
	d.bounds(it)
	d.draw(it)
	return nil
}

// close ends the open marked-content sequence.
func (d *drawer) close() {
	if d.open {
		d.pdf.RawWriteStr("EMC")
		d.open = false
	}
}

// endPage closes the page's marked content, so that every page's content
// stream is balanced, and adds each heading that starts on the page to the
// outline (bookmarks), in reading order.
func (d *drawer) endPage() {
	d.close()
	slices.Sort(d.headings)
	for _, e := range d.headings {
		d.tags.outline = append(d.tags.outline, outlineEntry{
			title: strings.TrimSpace(d.tags.text[e]),
			level: headingLevel(d.tags.nodes[d.tags.elemNode[e]].typ),
			page:  d.page,
			top:   d.doc.Paper.Height - d.headingTop(e),
		})
	}
	d.headings = d.headings[:0]
}

// headingTop is the top of element e's first line on the current page.
func (d *drawer) headingTop(e int) float64 {
	for _, it := range d.doc.Pages[d.page].Items {
		if it.Elem == e && it.Kind == layout.TextItem {
			return it.Y
		}
	}
	return 0
}

// bounds records the bounding box of a figure or an image, in PDF user
// space, as the Figure's /BBox.
func (d *drawer) bounds(it *layout.Item) {
	if it.Role != layout.RoleFigure && it.Role != layout.RoleImage || it.Elem < 0 || it.Elem >= len(d.tags.elemNode) {
		return
	}
	n := &d.tags.nodes[d.tags.elemNode[it.Elem]]
	if n.typ != "Figure" || n.bbox != nil {
		return
	}
	h := d.doc.Paper.Height
	n.bbox = []float64{it.X, h - (it.Y + it.H), it.X + it.W, h - it.Y}
}

// paints reports whether drawing the item puts anything on the page; a
// rectangle with neither fill nor stroke marks a figure's bounds.
func paints(it *layout.Item) bool {
	switch it.Kind {
	case layout.TextItem:
		return it.Text != ""
	case layout.RectItem:
		return it.Fill != nil || it.Stroke != nil
	case layout.LineItem:
		return len(it.Points) == 2 && it.Stroke != nil
	case layout.PolygonItem:
		return len(it.Points) >= 3 && (it.Fill != nil || it.Stroke != nil)
	case layout.ImageItem:
		return len(it.Image) > 0
	}
	return false
}

func (d *drawer) draw(it *layout.Item) {
	p := d.pdf
	switch it.Kind {
	case layout.TextItem:
		style := ""
		if it.Face == layout.Bold {
			style = "B"
		}
		p.SetFont(familyKey, style, it.Size)
		p.SetTextColor(int(it.Color.R), int(it.Color.G), int(it.Color.B))
		p.Text(it.X, it.Baseline, it.Text)
	case layout.RectItem:
		style := d.paint(it)
		if it.Radius > 0 {
			p.RoundedRect(it.X, it.Y, it.W, it.H, it.Radius, "1234", style)
		} else {
			p.Rect(it.X, it.Y, it.W, it.H, style)
		}
	case layout.LineItem:
		d.paint(it)
		p.SetLineCapStyle("butt")
		p.Line(it.Points[0].X, it.Points[0].Y, it.Points[1].X, it.Points[1].Y)
	case layout.PolygonItem:
		style := d.paint(it)
		pts := make([]fpdf.PointType, len(it.Points))
		for i, pt := range it.Points {
			pts[i] = fpdf.PointType{X: pt.X, Y: pt.Y}
		}
		p.Polygon(pts, style)
	case layout.ImageItem:
		d.image(it)
	}
}

// paint sets the fill and stroke of a shape and returns fpdf's style string.
func (d *drawer) paint(it *layout.Item) string {
	style := ""
	if it.Fill != nil {
		d.pdf.SetFillColor(int(it.Fill.R), int(it.Fill.G), int(it.Fill.B))
		style += "F"
	}
	if it.Stroke != nil {
		d.pdf.SetDrawColor(int(it.Stroke.R), int(it.Stroke.G), int(it.Stroke.B))
		d.pdf.SetLineWidth(it.LineWidth)
		style = "D" + style
	}
	if style == "DF" {
		style = "FD"
	}
	return style
}

func (d *drawer) image(it *layout.Item) {
	sum := sha256.Sum256(it.Image)
	key := hex.EncodeToString(sum[:8])
	name, ok := d.images[key]
	opts := fpdf.ImageOptions{ImageType: imageType(it.Image)}
	if !ok {
		name = "img" + key
		d.pdf.RegisterImageOptionsReader(name, opts, bytes.NewReader(it.Image))
		d.images[key] = name
	}
	d.pdf.ImageOptions(name, it.X, it.Y, it.W, it.H, false, opts, 0, "")
}

func imageType(b []byte) string {
	if bytes.HasPrefix(b, []byte("\x89PNG")) {
		return "PNG"
	}
	return "JPG"
}
