// Package layout places a handout's content in fixed frames on a page.
//
// It is the middle of the pipeline: it takes the model from package handout,
// a paper size and a Measurer (which knows the font's widths), and returns a
// Document: pages of positioned items, each carrying the role it plays
// (title, heading, paragraph, list item, checkbox, figure, decoration...) and
// the YAML field it shows. It never draws; package pdf replays the items.
//
// Coordinates are PDF points with the origin at the top-left corner of the
// page and y growing downwards, as in fpdf.
package layout

import (
	"time"

	"handout/internal/diag"
)

// Face is a font face of the handout's family.
type Face int

const (
	Regular Face = iota
	Bold
)

func (f Face) String() string {
	if f == Bold {
		return "bold"
	}
	return "regular"
}

// Measurer measures text set in the handout's font family.
type Measurer interface {
	// Width returns the advance width of s in points at the given size:
	// the sum of its runes' advance widths in the font's units (whole
	// numbers) times size/1000. Layout relies on this: it measures words
	// once, at 1000 pt, and adds their widths up into a line's.
	Width(f Face, size float64, s string) float64
	// Covers reports whether the face has a glyph for r.
	Covers(f Face, r rune) bool
	// Extents returns how far the face's glyphs reach above and below the
	// baseline, as fractions of the font size (both positive).
	Extents(f Face) (ascent, descent float64)
}

// Color is an sRGB colour.
type Color struct{ R, G, B uint8 }

// Role is what an item means to a reader. Roles let lint and tagged PDFs read
// the same boxes the PDF is drawn from.
type Role string

const (
	RoleTitle     Role = "title"
	RoleSubtitle  Role = "subtitle"
	RoleHeading   Role = "heading"   // Level 2 for sections, 3 below
	RoleParagraph Role = "paragraph" // running text
	RoleList      Role = "list"      // a list: the parent of its items
	RoleListItem  Role = "list-item" // an item of a list, and its text
	RoleLabel     Role = "label"     // a list item's marker: number or bullet
	RoleCheckbox  Role = "checkbox"  // an empty box to tick
	RoleFigure    Role = "figure"    // the bounds of a picture, with Alt
	RoleCaption   Role = "caption"
	RoleImage     Role = "image" // a logo, with Alt
	RoleFormField Role = "form-field"
	RoleWriteLine Role = "write-line" // a ruled line to write on
	RoleFooter    Role = "footer"     // running footer, page numbers
	// RoleRunningHead is a section heading repeated, with the continued
	// label, at the top of a page where its section goes on (large
	// print). It is pagination: the heading itself is read once.
	RoleRunningHead Role = "running-head"
	RoleDecoration  Role = "decoration" // tints, rules, rails: no meaning of its own
)

// IsArtifact reports whether items of this role carry no content of their own
// (a screen reader skips them).
func (r Role) IsArtifact() bool {
	switch r {
	case RoleDecoration, RoleWriteLine, RoleFooter, RoleRunningHead:
		return true
	}
	return false
}

// ItemKind says how an item is drawn.
type ItemKind int

const (
	TextItem ItemKind = iota
	RectItem
	LineItem
	PolygonItem
	ImageItem
)

func (k ItemKind) String() string {
	return [...]string{"text", "rect", "line", "polygon", "image"}[k]
}

// Point is a position on the page.
type Point struct{ X, Y float64 }

// Item is one positioned thing on a page.
type Item struct {
	Kind  ItemKind
	Role  Role
	Level int // heading level: 1 the title, 2 a section heading, 3 below
	// Elem is the index in Document.Elements of the logical element this item
	// belongs to (a paragraph, a list item...), or -1 for none.
	Elem int

	// The box the item occupies: for text, the glyph box of the line, from
	// the font's ascent above the baseline to its descent below; for a
	// line, its bounding box.
	X, Y, W, H float64

	// Text items: one line of already wrapped text, drawn with its baseline at
	// Baseline.
	Text     string
	Face     Face
	Size     float64
	Baseline float64
	Color    Color

	// Shapes.
	Fill      *Color
	Stroke    *Color
	LineWidth float64
	Radius    float64 // rounded corners of a rect
	Points    []Point // polygon corners; a line's two ends

	// Images.
	Image []byte
	Alt   string

	// Where the content came from, for diagnostics.
	Field string
	Pos   diag.Pos
}

// Element is a logical part of the document (a heading, a paragraph, a list,
// a list item, a figure), in reading order. Items point at their element;
// elements point at their parent, so a tagged PDF can rebuild the tree.
type Element struct {
	Role   Role
	Level  int
	Parent int    // index of the enclosing element, -1 at the top
	Alt    string // alternative text of a figure, an image or a checkbox
	// AltLang is the language of Alt when it is not the document's.
	AltLang string
	Field   string
}

// Page is one page of positioned items, in drawing order.
type Page struct {
	Items []Item
}

// Meta is the document information a PDF carries.
type Meta struct {
	Title    string
	Author   string // the publisher
	Subject  string
	Keywords []string
	Language string
	Date     time.Time // fixed: the reviewed date or SOURCE_DATE_EPOCH
}

// Document is a laid-out handout on one paper size.
type Document struct {
	Paper    Paper
	Font     string // family name from package fonts
	Meta     Meta
	Pages    []Page
	Elements []Element
}
