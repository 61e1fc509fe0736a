package layout

import (
	"strings"
	"time"

	"handout/fonts"
	"handout/internal/diag"
	"handout/internal/handout"
)

// Options change how a handout is laid out.
type Options struct {
	// Brand fills the clinic band on the last page. Nil leaves the band
	// with a ruled line for a clinic to write or stamp its details.
	Brand *handout.Brand
	// LargePrint sets the handout for readers with low vision: body text
	// at 18 pt, everything else in proportion (largePrintTheme), one
	// column throughout, and the content flowing onto as many pages as
	// it needs, broken only between blocks (see keep).
	LargePrint bool
}

// Layout places h on paper. It returns diagnostics for content that does not
// fit its frame or that the font cannot draw. The document is returned even
// then, so that tools can show what overflowed, but it must not be drawn as
// a handout when the diagnostics hold an error. date is written into the
// document's metadata.
func Layout(h *handout.Handout, paper Paper, m Measurer, date time.Time, opt Options) (*Document, diag.List) {
	b := newBuilder(h, paper, m, opt)
	fam := fonts.Choose(h.Font.Value, h.Language.Value)
	b.doc.Font = fam.Name
	b.doc.Meta = Meta{
		Title:    h.Title.Value,
		Author:   h.Publisher.Name.Value,
		Subject:  subject(h),
		Language: h.Language.Value,
		Date:     date,
	}
	for _, k := range h.Keywords {
		b.doc.Meta.Keywords = append(b.doc.Meta.Keywords, k.Value)
	}
	switch h.Kind {
	case handout.KindEvidenceLadder:
		b.evidenceLadder()
	case handout.KindDiscussionChecklist:
		b.discussionChecklist()
	}
	b.footers()
	b.diags.Sort()
	return b.doc, b.diags
}

// subject is the PDF's Subject entry: the subtitle, else the main message.
func subject(h *handout.Handout) string {
	if !h.Subtitle.IsZero() {
		return h.Subtitle.Value
	}
	return strings.TrimSpace(h.Summary.Value)
}
