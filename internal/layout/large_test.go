package layout_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"handout/internal/handout"
	"handout/internal/layout"
)

var largePrint = layout.Options{LargePrint: true}

func layLarge(t testing.TB, h *handout.Handout, p layout.Paper) *layout.Document {
	t.Helper()
	doc, diags := layout.Layout(h, p, familyFor(t, h), h.Reviewed.Time, largePrint)
	if len(diags) > 0 {
		t.Fatalf("%s on %s in large print: %v", h.ID.Value, p.Name, diags)
	}
	return doc
}

// largePages is how many pages each built-in handout takes in large print.
// The ladder: page 1 the title, main message and questions; page 2 the
// ladder, whole; page 3 the conditions; page 4 what is known and not; page
// 5 the takeaway with the band, sources and disclaimer. The checklist: page
// 1 the fields and warning signs; page 2 the check sections; page 3 the
// notes with the band, sources and disclaimer.
var largePages = map[string]int{"gut-skin-evidence-ladder": 5, "gut-skin-clinic-checklist": 3,
	"gut-skin-evidence-ladder-es": 5, "gut-skin-clinic-checklist-es": 3}

// TestLargePrintBuiltIns checks every built-in handout in large print on
// every paper against what a reader with low vision, and a printer, need.
func TestLargePrintBuiltIns(t *testing.T) {
	for _, h := range builtIns(t) {
		for _, p := range layout.Papers {
			t.Run(h.ID.Value+"/"+p.Name, func(t *testing.T) {
				doc := layLarge(t, h, p)
				if want, ok := largePages[h.ID.Value]; !ok || len(doc.Pages) != want {
					t.Errorf("%d pages, want %d", len(doc.Pages), want)
				}
				checkSafeArea(t, doc)
				checkNoOverlap(t, doc)
				checkLargeSizes(t, doc)
				checkEveryStringOnce(t, h, doc)
				checkReadingOrder(t, doc)
				checkPagination(t, h, doc)
			})
		}
	}
}

// checkLargeSizes: the handout's own reading text is 18 pt or more, and
// more of the text is at 18 pt than at any other size; nothing, not even
// the small print, is under 14 pt.
func checkLargeSizes(t *testing.T, doc *layout.Document) {
	t.Helper()
	glyphs := map[float64]int{}
	for pi, pg := range doc.Pages {
		for _, it := range pg.Items {
			if it.Kind != layout.TextItem {
				continue
			}
			glyphs[it.Size] += len([]rune(it.Text))
			if it.Size < 14 {
				t.Errorf("page %d: %q (%s) is %.1f pt, below the 14 pt floor of large print", pi+1, it.Text, it.Field, it.Size)
			}
			reading := it.Role == layout.RoleParagraph || it.Role == layout.RoleListItem || it.Role == layout.RoleCaption ||
				it.Role == layout.RoleFormField
			if reading && !smallPrint(it) && it.Size < 18 {
				t.Errorf("page %d: %q (%s) is %.1f pt; reading text must be 18 pt in large print", pi+1, it.Text, it.Field, it.Size)
			}
		}
	}
	body, most := 0.0, 0
	for s, n := range glyphs {
		if n > most {
			body, most = s, n
		}
	}
	if body != 18 {
		t.Errorf("most text is set at %.1f pt, want 18", body)
	}
}

// content is whether an item is read: not an artifact (rules, tints,
// footers, the running heads that repeat a heading).
func content(it layout.Item) bool { return it.Kind == layout.TextItem && !it.Role.IsArtifact() }

// checkEveryStringOnce: every string of the YAML that a reader should see
// is laid out exactly once (artifacts aside), whole.
func checkEveryStringOnce(t *testing.T, h *handout.Handout, doc *layout.Document) {
	t.Helper()
	got := map[string]string{}
	for _, pg := range doc.Pages {
		for _, it := range pg.Items {
			if !content(it) || it.Field == "" || it.Role == layout.RoleLabel {
				continue
			}
			prev := got[it.Field]
			switch {
			case prev == "":
				got[it.Field] = it.Text
			case strings.HasSuffix(prev, "-") || strings.HasSuffix(prev, " "):
				got[it.Field] = prev + it.Text
			default:
				got[it.Field] = prev + " " + it.Text
			}
		}
	}
	all := h.Texts()
	checked := 0
	for _, tx := range all {
		f := tx.Field
		if tx.IsZero() || f == "id" || f == "language" || f == "font" || strings.HasPrefix(f, "keywords") ||
			strings.HasPrefix(f, "logo.") || f == "ladder.alt" || f == "labels.page" || f == "labels.continued" || f == "labels.checkbox" || f == "labels.qr" ||
			strings.HasSuffix(f, ".id") || strings.Contains(f, ".sources[") ||
			// Printed inside the publisher line.
			f == "labels.publisher" || f == "labels.reviewed" || f == "publisher.url" ||
			(h.Kind != handout.KindEvidenceLadder && (f == "labels.stronger" || f == "labels.weaker")) {
			continue
		}
		checked++
		if n := strings.Count(got[f], tx.Value); n != 1 {
			t.Errorf("%s %q is laid out %d times (laid out: %q)", f, tx.Value, n, got[f])
		}
	}
	if checked < 20 {
		t.Errorf("checked only %d strings; the model walk is broken", checked)
	}
}

// checkReadingOrder: in one column, the reading order is the order on the
// page: each element starts on the same page as the one before it, or a
// later one, and not above it. The ladder figure is exempt: it is read
// from its lowest rung up.
func checkReadingOrder(t *testing.T, doc *layout.Document) {
	t.Helper()
	inFigure := func(e int) bool {
		for ; e >= 0; e = doc.Elements[e].Parent {
			if doc.Elements[e].Role == layout.RoleFigure {
				return true
			}
		}
		return false
	}
	type at struct {
		page int
		y    float64
	}
	first := map[int]at{}
	for pi, pg := range doc.Pages {
		for _, it := range pg.Items {
			if it.Elem < 0 || !content(it) && it.Role != layout.RoleCheckbox {
				continue
			}
			if _, ok := first[it.Elem]; !ok {
				first[it.Elem] = at{pi, it.Y}
			}
		}
	}
	prev, prevE := at{0, -1}, -1
	for e := range doc.Elements {
		pos, ok := first[e]
		if !ok || inFigure(e) {
			continue
		}
		if pos.page < prev.page || pos.page == prev.page && pos.y < prev.y-6 {
			t.Errorf("element %d (%s %s) on page %d at y=%.0f comes before element %d (%s) on page %d at y=%.0f in reading order",
				prevE, doc.Elements[prevE].Role, doc.Elements[prevE].Field, prev.page+1, prev.y,
				e, doc.Elements[e].Field, pos.page+1, pos.y)
		}
		prev, prevE = pos, e
	}
}

// checkPagination checks the rules of the large-print page breaks: no
// heading is the last thing on a page (text, or the ruled lines of notes),
// a running head opens its page and is
// followed by content, the ladder figure is whole on one page, the clinic
// band, the sources and the disclaimer are together at the bottom of the
// last page, and every footer counts the pages right.
func checkPagination(t *testing.T, h *handout.Handout, doc *layout.Document) {
	t.Helper()
	n := len(doc.Pages)
	figurePages := map[int]bool{}
	for pi, pg := range doc.Pages {
		var last *layout.Item
		top := 1e9
		for i := range pg.Items {
			it := &pg.Items[i]
			if it.Kind == layout.TextItem && it.Role != layout.RoleFooter {
				top = min(top, it.Y)
			}
			if (it.Kind == layout.TextItem && it.Role != layout.RoleFooter || it.Role == layout.RoleWriteLine) &&
				(last == nil || it.Y+it.H > last.Y+last.H+0.5) {
				last = it
			}
			if it.Elem >= 0 && figureElem(doc, it.Elem) {
				figurePages[pi] = true
			}
		}
		if last == nil {
			t.Errorf("page %d holds no text", pi+1)
			continue
		}
		if last.Role == layout.RoleHeading || last.Role == layout.RoleRunningHead {
			t.Errorf("page %d ends with the heading %q", pi+1, last.Text)
		}
		for _, it := range pg.Items {
			if it.Role == layout.RoleRunningHead && it.Y > top+40 {
				t.Errorf("page %d: the running head %q is not at the top of the page", pi+1, it.Text)
			}
			if suffix := strings.TrimPrefix(h.Labels.Continued.Value, "{heading}"); it.Role == layout.RoleRunningHead && !strings.HasSuffix(it.Text, suffix) {
				t.Errorf("page %d: the running head %q has no continued label", pi+1, it.Text)
			}
		}
		want := strings.NewReplacer("{page}", fmt.Sprint(pi+1), "{pages}", fmt.Sprint(n)).Replace(h.Labels.Page.Value)
		found := false
		for _, it := range pg.Items {
			found = found || it.Role == layout.RoleFooter && it.Text == want
		}
		if !found {
			t.Errorf("page %d has no footer %q", pi+1, want)
		}
	}
	if h.Kind == handout.KindEvidenceLadder && len(figurePages) != 1 {
		t.Errorf("the ladder figure is spread over %d pages", len(figurePages))
	}
	// The end of the handout: the band's prompt, the sources, the
	// publisher line and the disclaimer, on the last page, in that order,
	// the disclaimer ending on the footer's rule.
	lastPage := doc.Pages[n-1].Items
	ys := map[string]float64{}
	bottom := 0.0
	for _, it := range lastPage {
		if it.Kind == layout.TextItem && it.Role != layout.RoleFooter {
			if _, ok := ys[it.Field]; !ok {
				ys[it.Field] = it.Y
			}
			bottom = max(bottom, it.Y+it.H)
		}
	}
	order := []string{"labels.clinic", "labels.sources", "sources[0].text", "publisher.name", "disclaimer"}
	for i, f := range order {
		y, ok := ys[f]
		if !ok {
			t.Errorf("%s is not on the last page", f)
			continue
		}
		if i > 0 && y <= ys[order[i-1]] {
			t.Errorf("%s is above %s on the last page", f, order[i-1])
		}
	}
	footerRule := doc.Paper.Height - 36 - 28
	if bottom < footerRule-30 || bottom > footerRule {
		t.Errorf("the last page's text ends at y=%.0f, not on the footer (at %.0f)", bottom, footerRule)
	}
}

func figureElem(doc *layout.Document, e int) bool {
	for ; e >= 0; e = doc.Elements[e].Parent {
		if doc.Elements[e].Role == layout.RoleFigure {
			return true
		}
	}
	return false
}

// TestLargePrintGolden compares the large-print layouts of the built-in
// handouts with readable golden files (-update rewrites them).
func TestLargePrintGolden(t *testing.T) {
	for _, h := range builtIns(t) {
		for _, p := range layout.Papers {
			golden(t, filepath.Join("testdata", h.ID.Value+"-"+p.Name+"-large-print.golden"), dump(layLarge(t, h, p)))
		}
	}
}

// longChecklist is a discussion checklist at the limits of the format:
// seven long warning signs, four sections of seven questions with three
// answer lines each, twelve lines of notes and twelve sources. In large
// print it runs to many pages.
func longChecklist(t *testing.T) *handout.Handout {
	t.Helper()
	var b strings.Builder
	b.WriteString(`kind: discussion-checklist
id: long-checklist
language: en
title: A long checklist for a visit about a skin condition that has lasted a long time
reviewed: 2026-05-01
summary: Bring these pages to your visit. Tick what you have done and write down what you are told.
publisher:
  name: Test Clinic
fields: [Name, Date of birth, Date, Clinician]
warnings:
  heading: "See a doctor first if you have:"
  items:
`)
	for i := range 7 {
		fmt.Fprintf(&b, "    - sign: Sign %d, a skin problem that spreads fast, hurts, bleeds, or comes with a fever or chills.\n", i+1)
		fmt.Fprintf(&b, "      action: Action %d. Call your clinic today, or go to urgent care if you cannot reach them.\n", i+1)
	}
	b.WriteString("sections:\n")
	for s := range 4 {
		fmt.Fprintf(&b, "  - heading: Section %d of your questions\n    items:\n", s+1)
		for i := range 7 {
			fmt.Fprintf(&b, "      - text: Question %d.%d. What should I know about this, and what would you suggest for me?\n        answer_lines: 3\n", s+1, i+1)
		}
	}
	b.WriteString("notes:\n  heading: Notes\n  lines: 12\nsources:\n")
	for i := range 12 {
		fmt.Fprintf(&b, "  - id: s%d\n    text: Source %d. A guideline from a professional body, with its year and its full title.\n", i, i+1)
	}
	b.WriteString("disclaimer: These pages are for information only. They do not replace advice from your clinician.\n")
	h, diags := handout.Parse("long.yaml", []byte(b.String()), handout.Options{})
	if diags.HasErrors() {
		t.Fatalf("the long checklist does not parse: %v", diags)
	}
	return h
}

// TestLargePrintLongHandout lays out a handout that needs several pages of
// continuation: the warning panel and the sections break between their
// rows and items, each page they go on to is headed by the section's
// heading with the continued label, and every rule of the built-ins holds.
func TestLargePrintLongHandout(t *testing.T) {
	h := longChecklist(t)
	for _, p := range layout.Papers {
		t.Run(p.Name, func(t *testing.T) {
			doc := layLarge(t, h, p)
			if len(doc.Pages) < 6 {
				t.Errorf("%d pages; the long checklist needs at least 6 in large print", len(doc.Pages))
			}
			checkSafeArea(t, doc)
			checkNoOverlap(t, doc)
			checkLargeSizes(t, doc)
			checkEveryStringOnce(t, h, doc)
			checkReadingOrder(t, doc)
			checkPagination(t, h, doc)

			// Each running head names the section whose content follows it.
			heads := 0
			warnTint := layout.Color{R: 0xFD, G: 0xF1, B: 0xEF}
			for pi, pg := range doc.Pages {
				var head *layout.Item
				var panels []layout.Item
				for i := range pg.Items {
					it := &pg.Items[i]
					if it.Kind == layout.RectItem && it.Fill != nil && *it.Fill == warnTint {
						panels = append(panels, *it)
					}
					if it.Role == layout.RoleRunningHead {
						head = it
						heads++
						continue
					}
					if head != nil && content(*it) {
						section := strings.TrimSuffix(head.Field, ".heading")
						if section == "warnings" {
							section = "warnings.items"
						}
						if !strings.HasPrefix(it.Field, section) {
							t.Errorf("page %d: the running head %q (%s) is followed by %s", pi+1, head.Text, head.Field, it.Field)
						}
						head = nil
					}
					// Every warning sign sits inside the panel of its page.
					if content(*it) && strings.HasPrefix(it.Field, "warnings.") {
						inside := false
						for _, r := range panels {
							inside = inside || it.X >= r.X && it.Y >= r.Y && it.X+it.W <= r.X+r.W && it.Y+it.H <= r.Y+r.H
						}
						if !inside {
							t.Errorf("page %d: %q is outside the warning panel", pi+1, it.Text)
						}
					}
				}
			}
			if heads < 3 {
				t.Errorf("%d running heads; the sections of the long checklist go on to new pages at least 3 times", heads)
			}
			// Every check item keeps its answer lines on its page: the
			// lines below an item's text come before the next item.
			for pi, pg := range doc.Pages {
				lines := 0
				for _, it := range pg.Items {
					switch {
					case it.Role == layout.RoleCheckbox:
						if lines%3 != 0 {
							t.Errorf("page %d: a check item has %d answer lines on this page, want 3", pi+1, lines%3)
						}
						lines = 0
					case it.Role == layout.RoleWriteLine && it.X > doc.Pages[0].Items[0].X+10 && it.W < 500 && lines >= 0:
						lines++
					}
				}
			}
		})
	}
}

// TestLargePrintTooTallIsAnErrorNamingTheField: what cannot fit even on an
// empty page, in large print, is an error naming its field: the ladder
// figure, which must stay whole on one page; one check item with its
// answer lines; a word wider than the page.
func TestLargePrintTooTallIsAnErrorNamingTheField(t *testing.T) {
	long := strings.Repeat("Ask about every part of the care you get and what it is for. ", 30)
	var ladder *handout.Handout
	for _, h := range builtIns(t) {
		if h.Kind == handout.KindEvidenceLadder {
			ladder = h
		}
	}
	tall := *ladder
	l := *ladder.Ladder
	l.Rungs = append([]handout.Rung(nil), l.Rungs...)
	for i := range l.Rungs {
		l.Rungs[i].Text.Value = strings.Repeat(l.Rungs[i].Text.Value+" ", 3)
	}
	tall.Ladder = &l

	tests := []struct {
		name        string
		h           *handout.Handout
		code, field string
	}{
		{"ladder figure taller than a page", &tall, "page-overflow", "ladder.rungs["},
		{"check item taller than a page", parse(t, "ITEM", long), "page-overflow", "sections[0].items[0]"},
		{"word wider than the page", parse(t, "SIGN", strings.Repeat("Skin", 16)), "text-overflow", "warnings.items[0].sign"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The same handout fits the normal layout's frames or fails
			// there too; in large print it must fail, naming the field.
			for _, p := range layout.Papers {
				_, diags := layout.Layout(tc.h, p, familyFor(t, tc.h), tc.h.Reviewed.Time, largePrint)
				found := false
				for _, d := range diags {
					found = found || d.Code == tc.code && strings.HasPrefix(d.Field, tc.field)
				}
				if !found {
					t.Errorf("%s: want a %s error naming %s..., got %v", p.Name, tc.code, tc.field, diags)
				}
			}
		})
	}
}
