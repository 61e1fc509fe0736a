package layout_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"handout/internal/layout"
)

// TestLinesBreakAtSpacesAndHyphens checks the lines that a checklist item
// is broken into, on both papers, in both editions, with the text starting
// at many points of a line: put back together they are the text, word for
// word; each line ends at a space it keeps, or (not in large print) after a
// hyphen of a hyphenated word; each is as wide as its box says; and each
// took as many words as it could.
func TestLinesBreakAtSpacesAndHyphens(t *testing.T) {
	const hyphenated = "Ask about well-known side-effects, long-term follow-up and over-the-counter self-care. "
	hyphenBreaks := 0
	// The width of the item's frame, as the error for a word too wide for
	// it gives it (to the point), on each paper in each edition.
	frame := map[string]float64{}
	long := parse(t, "ITEM", strings.Repeat("x", 300))
	for _, large := range []bool{false, true} {
		for _, p := range layout.Papers {
			_, diags := layout.Layout(long, p, familyFor(t, long), long.Reviewed.Time, layout.Options{LargePrint: large})
			for _, d := range diags {
				var word, paper string
				var w, f float64
				if _, err := fmt.Sscanf(d.Message, "sections[0].items[0]: the word %s is %f pt wide and does not fit its %f pt frame on %s paper", &word, &w, &f, &paper); err == nil {
					frame[fmt.Sprint(p.Name, large)] = f
				}
			}
		}
	}
	if len(frame) != 2*len(layout.Papers) {
		t.Fatalf("frames found: %v", frame)
	}
	for k := range 12 {
		text := strings.TrimSpace(strings.Repeat("skin ", k) + strings.Repeat(hyphenated, 2))
		h := parse(t, "ITEM", "'"+text+"'")
		fam := familyFor(t, h)
		for _, large := range []bool{false, true} {
			for _, p := range layout.Papers {
				doc, diags := layout.Layout(h, p, fam, h.Reviewed.Time, layout.Options{LargePrint: large})
				if diags.HasErrors() {
					t.Fatalf("%s, large print %v: %v", p.Name, large, diags)
				}
				checkSafeArea(t, doc)
				var lines []layout.Item
				for _, pg := range doc.Pages {
					for _, it := range pg.Items {
						if it.Kind == layout.TextItem && it.Field == "sections[0].items[0]" {
							lines = append(lines, it)
						}
					}
				}
				if len(lines) < 3 {
					t.Fatalf("%s: the item takes %d lines; the test needs more", p.Name, len(lines))
				}
				widest := 0.0
				for _, it := range lines {
					widest = max(widest, it.X+it.W)
				}
				var joined strings.Builder
				for i, it := range lines {
					where := func() string { return p.Name + ", " + map[bool]string{false: "regular", true: "large print"}[large] }
					joined.WriteString(it.Text)
					body := strings.TrimSuffix(it.Text, " ")
					if w := fam.Width(it.Face, it.Size, body); math.Abs(w-it.W) > 1e-9 {
						t.Errorf("%s: line %q is %.3f pt wide, its box %.3f", where(), it.Text, w, it.W)
					}
					if f := frame[fmt.Sprint(p.Name, large)]; it.W > f+0.5 {
						t.Errorf("%s: line %q is %.1f pt wide, its frame %.0f", where(), it.Text, it.W, f)
					}
					if i == len(lines)-1 {
						continue
					}
					next := lines[i+1].Text
					switch {
					case strings.HasSuffix(it.Text, " "):
						next, _, _ = strings.Cut(next, " ")
						next = " " + next
					case strings.HasSuffix(it.Text, "-") && !large:
						hyphenBreaks++
						next, _, _ = strings.Cut(next, " ")
						if i := strings.Index(next, "-"); i >= 0 {
							next = next[:i+1]
						}
					default:
						t.Errorf("%s: line %q ends neither at a space nor after a hyphen", where(), it.Text)
						continue
					}
					// The frame is at least as wide as the widest line: a
					// line that could have taken the start of the next
					// one and still be no wider was broken too early.
					if it.X+fam.Width(it.Face, it.Size, body+next) <= widest+1e-9 {
						t.Errorf("%s: line %q was broken before %q, which fits", where(), it.Text, next)
					}
				}
				if joined.String() != text {
					t.Errorf("%s, large print %v: the lines put together read\n%q\nnot\n%q", p.Name, large, joined.String(), text)
				}
			}
		}
	}
	if hyphenBreaks == 0 {
		t.Error("no line broke after a hyphen")
	}
}
