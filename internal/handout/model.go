// Package handout is the typed model of a patient handout and its parser.
//
// A handout is read from YAML into yaml.v3 nodes, so that every value keeps
// the line and column it came from, and then checked field by field. All
// problems are reported at once as positioned diagnostics; a handout with any
// error is never returned for rendering.
package handout

import (
	"time"

	"handout/internal/diag"
)

// Kind names a handout layout.
type Kind string

const (
	KindEvidenceLadder      Kind = "evidence-ladder"
	KindDiscussionChecklist Kind = "discussion-checklist"
)

// Kinds lists the kinds in the order the docs present them.
var Kinds = []Kind{KindEvidenceLadder, KindDiscussionChecklist}

// Text is a string from the YAML with where it came from. Value has its
// white space folded: runs of spaces and line breaks become one space, and
// leading and trailing space is removed.
type Text struct {
	Value string
	Pos   diag.Pos
	Field string // YAML path, e.g. "ladder.rungs[2].label"
}

func (t Text) String() string { return t.Value }

// IsZero reports whether the text was absent or empty.
func (t Text) IsZero() bool { return t.Value == "" }

// Handout is one parsed, valid handout.
type Handout struct {
	File       string // the name it was read from, as given
	Kind       Kind
	ID         Text
	Language   Text // a BCP 47 tag such as "en" or "es-MX"
	Font       Text // a family name from package fonts; empty means the default
	Title      Text
	Subtitle   Text // optional
	Reviewed   Date
	Summary    Text // the main message, shown first
	Publisher  Publisher
	Logo       *Logo // optional
	Keywords   []Text
	Sources    []Source
	Disclaimer Text
	Labels     Labels
	Lint       []LintSetting // rules this handout turns off or changes (lintcfg.go)

	Ladder    *Ladder    // evidence-ladder only
	Checklist *Checklist // discussion-checklist only
}

// Brand is a clinic's identity, read from a brand file and printed in the
// clinic band that every layout reserves on the last page. Without a brand
// the band holds ruled lines where a clinic writes or stamps its details.
type Brand struct {
	File    string // the name it was read from, as given
	Name    Text
	Address Text  // optional
	Phone   Text  // optional
	Website Text  // optional: an http(s) address, printed without "https://"
	Logo    *Logo // optional: read from the brand file's folder
	QR      Text  // optional: the http(s) address the QR code leads to (field "qr.url")
	// Sum is the SHA-256 of the brand file's bytes and its logo's bytes:
	// what a PDF's up-to-date check knows the brand by.
	Sum [32]byte
}

// Date is a calendar date (the day a handout was last reviewed).
type Date struct {
	Time  time.Time // midnight UTC of that day
	Pos   diag.Pos
	Field string
}

// Publisher says who stands behind the handout.
type Publisher struct {
	Name Text
	URL  Text // optional
}

// Logo is an image from the handout's assets folder.
type Logo struct {
	File Text // a path inside the assets folder
	Alt  Text // what the image shows, for readers who cannot see it
	// Decorative marks an image that carries no meaning (Alt is then
	// empty): screen readers skip it.
	Decorative bool
	Data       []byte
}

// Source is one reference the handout's claims rest on.
type Source struct {
	ID   Text
	Text Text
	URL  Text // optional
}

// Labels are the fixed words a layout prints around the content. Each has an
// English default; a handout in another language sets its own. Checkbox
// and QR, which are never printed but read aloud, also have defaults in the
// languages of CheckboxLabels and QRLabels.
type Labels struct {
	Reviewed  Text // "Reviewed"
	Publisher Text // "Published by"
	Sources   Text // "Sources"
	Page      Text // "Page {page} of {pages}"
	Stronger  Text // the ladder rail's top end: "Stronger, more specific evidence"
	Weaker    Text // the ladder rail's bottom end: "Early, general evidence"
	Clinic    Text // the write-in prompt of an unbranded clinic band: "Your clinic's name and phone number"
	Continued Text // a section heading repeated where the section goes on in large print: "{heading} (continued)"
	// Checkbox is the alternative text of a checklist's empty box, for
	// screen readers: "unchecked box", "casilla sin marcar".
	Checkbox Text
	// CheckboxLang is the language Checkbox is in when it is not the
	// handout's: "en" when the handout's language has no default and the
	// handout sets no label; empty otherwise.
	CheckboxLang string
	// QR is the alternative text of a clinic brand's QR code, never
	// printed: "QR code that opens {url}". QRLang is to QR what
	// CheckboxLang is to Checkbox.
	QR     Text
	QRLang string
}

// Section is a heading with list items.
type Section struct {
	Heading Text
	Items   []Text
}

// Ladder is the content of an evidence-ladder handout.
type Ladder struct {
	Heading    Text
	Caption    Text   // what the picture says, in one sentence
	Alt        Text   // alternative text; composed from the rungs when absent
	Rungs      []Rung // bottom (weakest, most general) first
	Conditions ConditionSet
	Questions  Section // numbered
	Known      Section
	Unknown    Section
	Takeaway   *Takeaway // optional: "What this means for you"
}

// Rung is one step of the ladder.
type Rung struct {
	Label   Text
	Text    Text
	Sources []Text // ids of entries in Handout.Sources
}

// ConditionSet is the "where each condition stands" panel.
type ConditionSet struct {
	Heading Text
	Items   []Condition
}

// Condition is one cell of that panel.
type Condition struct {
	Name     Text
	Standing Text // a short certainty phrase, e.g. "Clearest evidence"
	Text     Text
	Sources  []Text
}

// Takeaway is a short "what this means for you" box.
type Takeaway struct {
	Heading Text
	Text    Text
}

// Checklist is the content of a discussion-checklist handout.
type Checklist struct {
	Fields   []Text // write-in fields at the top: "Name", "Date", ...
	Warnings Warnings
	Sections []ChecklistSection
	Notes    *Notes // optional
}

// Warnings is the panel of signs that mean "see a clinician first".
type Warnings struct {
	Heading Text
	Items   []Warning
}

// Warning is one sign and what to do about it.
type Warning struct {
	Sign   Text
	Action Text
}

// ChecklistSection is a heading with check items.
type ChecklistSection struct {
	Heading Text
	Items   []CheckItem
}

// CheckItem is one box to tick, with optional lines to write an answer on.
type CheckItem struct {
	Text        Text
	AnswerLines int
}

// Notes is a block of ruled lines for handwriting.
type Notes struct {
	Heading Text
	Lines   int
}
