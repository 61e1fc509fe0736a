package pdf

import (
	"fmt"
	"strings"

	"handout/internal/layout"
)

// This file turns the layout's logical elements into a PDF structure tree
// (ISO 32000-1 section 14.8, as PDF/UA-1 asks) and keeps the books that tie
// the marked content in the page content streams to it: every painted item
// is drawn inside either a marked-content sequence with an MCID that the
// tree points at, or an /Artifact sequence.

// What a checklist item's empty box reads as. The actual text is the ballot
// box character, which extracts as itself and which screen readers name in
// the reader's own language; the alternative text says it in words: the
// element's Alt (the handout's labels.checkbox, or its language's default),
// marked with its own language when the layout says it is not the
// document's. An element without Alt reads as checkboxAlt, in English.
const (
	checkboxActual = "\u2610"
	checkboxAlt    = "unchecked box"
)

// node is one structure element.
type node struct {
	typ      string // a standard structure type: Document, H1, P, L, LI...
	parent   int    // index in tree.nodes; -1 for the Document
	children []int
	content  []mcRef // its marked-content sequences, in drawing order
	alt      string  // /Alt
	actual   string  // /ActualText
	lang     string  // /Lang, when it differs from the document's
	bbox     []float64
}

// mcRef is one marked-content sequence: the page (0-based) and its MCID.
type mcRef struct{ page, mcid int }

// tree is a document's structure tree under construction.
type tree struct {
	nodes []node
	// elemNode maps an element index of the layout to the node that
	// receives the element's content.
	elemNode []int
	// pages maps each page's MCIDs to the node that owns them: the
	// ParentTree.
	pages [][]int
	// text is the text of each element, its lines joined; used for
	// bookmarks.
	text []string
	// outline lists the headings in reading order, for the bookmarks.
	outline []outlineEntry
}

// outlineEntry is a heading as a bookmark.
type outlineEntry struct {
	title string
	level int     // 1 for the title, 2 for a section heading...
	page  int     // 0-based
	top   float64 // top of the heading's first line, in PDF user space
}

// newTree builds the structure tree from doc's elements, which are in
// reading order, each after its parent. The mapping:
//
//   - title: H1; heading: H2 or H3 by its level; subtitle, paragraph and
//     write-in field labels ("Name", "Date"): P; caption: Caption.
//   - list: L; list item: LI; a list item's number or bullet, and its empty
//     checkbox: Lbl; the single paragraph of a list item: LBody. A list item
//     with several body elements (a warning sign and its action; a rung's
//     label and text) gets one LBody holding them with their own types.
//   - figure and image: Figure, with the element's alternative text (which
//     the layout always supplies: an image without it is decorative and an
//     artifact).
//
// A Figure's alternative text replaces everything inside it for assistive
// technology, so text the alternative text does not carry is moved out of
// the figure to follow it: its lists (the ladder's rungs with their full
// text) and its caption. The rail labels drawn as part of the picture stay
// inside.
func newTree(doc *layout.Document) (*tree, error) {
	els := doc.Elements
	t := &tree{
		// One node an element, and one more for the body of a list item.
		nodes:    append(make([]node, 0, 2*len(els)+1), node{typ: "Document", parent: -1}),
		elemNode: make([]int, len(els)),
		pages:    make([][]int, len(doc.Pages)),
		text:     make([]string, len(els)),
	}
	// bodies counts the children of each list item that are not its label.
	bodies := make([]int, len(els))
	for i, e := range els {
		if e.Parent < -1 || e.Parent >= i {
			return nil, fmt.Errorf("element %d (%s) names element %d as its parent; a parent must come before its children", i, e.Role, e.Parent)
		}
		if e.Parent >= 0 && els[e.Parent].Role == layout.RoleListItem && !isLabel(e.Role) {
			bodies[e.Parent]++
		}
	}
	english := strings.EqualFold(doc.Meta.Language, "en") || strings.HasPrefix(strings.ToLower(doc.Meta.Language), "en-")
	lbody := map[int]int{} // list item element -> its LBody node
	for i, e := range els {
		typ, err := structType(e)
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", i, err)
		}
		parent := 0
		if e.Parent >= 0 {
			parent = t.elemNode[e.Parent]
		}
		n := node{typ: typ}
		if typ == "Figure" {
			if strings.TrimSpace(e.Alt) == "" {
				return nil, fmt.Errorf("element %d (%s, %s) has no alternative text", i, e.Role, e.Field)
			}
			n.alt = e.Alt
			if e.AltLang != "" && !(english && e.AltLang == "en") {
				n.lang = e.AltLang
			}
		}
		if e.Role == layout.RoleCheckbox {
			n.actual, n.alt, n.lang = checkboxActual, e.Alt, e.AltLang
			if strings.TrimSpace(e.Alt) == "" {
				n.alt, n.lang = checkboxAlt, "en"
			}
			if english && n.lang == "en" {
				n.lang = ""
			}
		}
		if e.Parent >= 0 {
			switch pr := els[e.Parent].Role; {
			case pr == layout.RoleListItem && isLabel(e.Role):
				n.typ = "Lbl"
			case pr == layout.RoleListItem && bodies[e.Parent] == 1 && e.Role == layout.RoleParagraph:
				n.typ = "LBody"
			case pr == layout.RoleListItem:
				body, ok := lbody[e.Parent]
				if !ok {
					body = t.add(node{typ: "LBody"}, parent)
					lbody[e.Parent] = body
				}
				parent = body
			case (pr == layout.RoleFigure || pr == layout.RoleImage) && (e.Role == layout.RoleList || e.Role == layout.RoleCaption):
				parent = t.nodes[parent].parent
			}
		}
		t.elemNode[i] = t.add(n, parent)
	}
	for _, pg := range doc.Pages {
		for _, it := range pg.Items {
			if it.Kind != layout.TextItem || it.Elem < 0 || it.Elem >= len(els) {
				continue
			}
			t.text[it.Elem] = joinLine(t.text[it.Elem], it.Text)
		}
	}
	return t, nil
}

// joinLine appends a line of wrapped text to the text before it, with a
// space between unless one is there or the line broke after a hyphen.
func joinLine(prev, line string) string {
	if prev == "" || strings.HasSuffix(prev, " ") || strings.HasSuffix(prev, "-") {
		return prev + line
	}
	return prev + " " + line
}

func (t *tree) add(n node, parent int) int {
	n.parent = parent
	t.nodes = append(t.nodes, n)
	i := len(t.nodes) - 1
	t.nodes[parent].children = append(t.nodes[parent].children, i)
	return i
}

// isLabel reports whether elements of the role are a list item's label.
func isLabel(r layout.Role) bool { return r == layout.RoleLabel || r == layout.RoleCheckbox }

// structType maps an element's role to a standard structure type.
func structType(e layout.Element) (string, error) {
	switch e.Role {
	case layout.RoleTitle:
		return "H1", nil
	case layout.RoleHeading:
		lv := e.Level
		if lv < 1 {
			lv = 2
		}
		return fmt.Sprintf("H%d", min(lv, 6)), nil
	case layout.RoleSubtitle, layout.RoleParagraph, layout.RoleFormField:
		return "P", nil
	case layout.RoleList:
		return "L", nil
	case layout.RoleListItem:
		return "LI", nil
	case layout.RoleLabel, layout.RoleCheckbox:
		return "Lbl", nil
	case layout.RoleFigure, layout.RoleImage:
		return "Figure", nil
	case layout.RoleCaption:
		return "Caption", nil
	}
	return "", fmt.Errorf("role %q has no structure type", e.Role)
}

// open starts a marked-content sequence for node n on page pg and returns
// its MCID.
func (t *tree) open(n, pg int) int {
	mcid := len(t.pages[pg])
	t.pages[pg] = append(t.pages[pg], n)
	t.nodes[n].content = append(t.nodes[n].content, mcRef{pg, mcid})
	return mcid
}

// empty reports whether node i holds neither content nor non-empty children
// (a Figure with alternative text is never empty: its description is its
// content).
func (t *tree) empty(i int) bool {
	n := &t.nodes[i]
	if len(n.content) > 0 || n.alt != "" && n.typ == "Figure" {
		return false
	}
	for _, c := range n.children {
		if !t.empty(c) {
			return false
		}
	}
	return true
}

// headingLevel is a node's heading level, or 0 when it is not a heading.
func headingLevel(typ string) int {
	if len(typ) == 2 && typ[0] == 'H' && typ[1] >= '1' && typ[1] <= '6' {
		return int(typ[1] - '0')
	}
	return 0
}
