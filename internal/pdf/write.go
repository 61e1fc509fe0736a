package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"handout/internal/layout"
)

// familyKey is the name fpdf knows the handout's family by inside a document.
const familyKey = "body"

// Write draws doc as a PDF to w. creator names the tool and its version
// ("handout 0.1.0"). The output depends only on doc, the fonts and creator:
// dates come from doc.Meta.Date and the catalog is written in sorted order,
// so the same input gives the same bytes.
func Write(w io.Writer, doc *layout.Document, fam *Family, creator string) (err error) {
	// fpdf panics on some inputs it does not expect; a panic here is a bug
	// of ours, reported as an error rather than a crash.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error while drawing the PDF: %v", r)
		}
	}()
	pdf := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: doc.Paper.Width, Ht: doc.Paper.Height},
	})
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(doc.Meta.Date)
	pdf.SetModificationDate(doc.Meta.Date)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCellMargin(0)
	pdf.SetCompression(true)

	m := doc.Meta
	pdf.SetTitle(m.Title, true)
	pdf.SetAuthor(m.Author, true)
	pdf.SetSubject(m.Subject, true)
	pdf.SetKeywords(strings.Join(m.Keywords, ", "), true)
	pdf.SetCreator(creator, true)
	pdf.SetProducer(creator+" with go-pdf/fpdf", true)
	if validLang(m.Language) {
		pdf.SetLang(m.Language)
	}

	pdf.AddUTF8FontFromBytes(familyKey, "", fam.faces[layout.Regular].data)
	pdf.AddUTF8FontFromBytes(familyKey, "B", fam.faces[layout.Bold].data)
	// fpdf reports a font it cannot parse only when the font is selected.
	pdf.SetFont(familyKey, "B", 12)
	pdf.SetFont(familyKey, "", 12)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("loading font %s: %w", fam.Display, err)
	}

	d := drawer{pdf: pdf, images: map[string]string{}}
	for _, page := range doc.Pages {
		pdf.AddPage()
		for i := range page.Items {
			d.item(&page.Items[i])
		}
		if err := pdf.Error(); err != nil {
			return err
		}
	}
	return pdf.Output(w)
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
}

func (d *drawer) item(it *layout.Item) {
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
		if style == "" {
			return // a bounds marker, such as a figure's extent
		}
		if it.Radius > 0 {
			p.RoundedRect(it.X, it.Y, it.W, it.H, it.Radius, "1234", style)
		} else {
			p.Rect(it.X, it.Y, it.W, it.H, style)
		}
	case layout.LineItem:
		if len(it.Points) != 2 || d.paint(it) == "" {
			return
		}
		p.SetLineCapStyle("butt")
		p.Line(it.Points[0].X, it.Points[0].Y, it.Points[1].X, it.Points[1].Y)
	case layout.PolygonItem:
		style := d.paint(it)
		if style == "" || len(it.Points) < 3 {
			return
		}
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
