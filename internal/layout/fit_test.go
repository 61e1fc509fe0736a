package layout_test

import (
	"strings"
	"testing"

	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// checklist is a small valid discussion checklist; tests replace parts.
const checklist = `kind: discussion-checklist
id: test-checklist
language: LANG
font: FONT
title: "TITLE"
reviewed: 2026-05-01
summary: Bring this page to your visit.
publisher:
  name: Test Clinic
fields: [Name, Date]
warnings:
  heading: See a doctor first if you have
  items:
    - sign: SIGN
      action: Book a visit.
sections:
  - heading: Questions
    items:
      - ITEM
      - text: What should I ask?
        answer_lines: 2
notes:
  heading: Notes
  lines: 3
sources:
  - id: s1
    text: A source.
disclaimer: This page does not replace care.
`

func parse(t *testing.T, repl ...string) *handout.Handout {
	t.Helper()
	defaults := map[string]string{"LANG": "en", "FONT": "atkinson-hyperlegible", "TITLE": "Test checklist",
		"SIGN": "A rash that spreads.", "ITEM": "Write down your symptoms."}
	for i := 0; i+1 < len(repl); i += 2 {
		defaults[repl[i]] = repl[i+1]
	}
	src := checklist
	for k, v := range defaults {
		src = strings.ReplaceAll(src, k, v)
	}
	h, diags := handout.Parse("test.yaml", []byte(src), handout.Options{})
	if diags.HasErrors() {
		t.Fatalf("test handout does not parse: %v", diags)
	}
	return h
}

func layoutBoth(t *testing.T, h *handout.Handout) diag.List {
	t.Helper()
	var all diag.List
	for _, p := range layout.Papers {
		_, d := layout.Layout(h, p, familyFor(t, h), h.Reviewed.Time, layout.Options{})
		all = append(all, d...)
	}
	return all
}

func TestTextThatDoesNotFitIsAnErrorNamingTheField(t *testing.T) {
	// Fields are at most 2,000 characters; one this long still cannot fit
	// in the warning panel's half-width column.
	long := strings.Repeat("Write down every symptom you have noticed this month. ", 35)
	tests := []struct {
		name       string
		repl       []string
		code, want string // diagnostic code and a fragment of its text
		line       int
	}{
		{"page too long", []string{"SIGN", long}, "page-overflow", "page 1 of the letter layout is", 14},
		{"title over two lines", []string{"TITLE", strings.Repeat("A very long title ", 8)}, "text-overflow", "frame holds 2 lines", 5},
		{"word wider than its frame", []string{"SIGN", strings.Repeat("x", 120)}, "text-overflow", `warnings.items[0].sign: the word "xxx`, 14},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diags := layoutBoth(t, parse(t, tt.repl...))
			var found *diag.Diagnostic
			for i := range diags {
				if diags[i].Code == tt.code {
					found = &diags[i]
					break
				}
			}
			if found == nil {
				t.Fatalf("no %s diagnostic; got %v", tt.code, diags)
			}
			if !strings.Contains(found.String(), tt.want) {
				t.Errorf("diagnostic %q does not contain %q", found, tt.want)
			}
			if found.Pos.File != "test.yaml" || found.Pos.Line != tt.line || found.Pos.Col == 0 {
				t.Errorf("diagnostic at %v, want test.yaml:%d:col", found.Pos, tt.line)
			}
			if found.Hint == "" {
				t.Errorf("diagnostic %q has no hint on how to fix it", found)
			}
		})
	}
}

func TestPageOverflowSaysByHowMuch(t *testing.T) {
	h := parse(t, "SIGN", strings.Repeat("Write down every symptom you have noticed. ", 40))
	_, diags := layout.Layout(h, layout.Letter, family(t, ""), h.Reviewed.Time, layout.Options{})
	if len(diags) != 1 {
		t.Fatalf("want exactly one diagnostic, got %v", diags)
	}
	d := diags[0]
	if d.Field != "warnings.items[0].sign" || !strings.Contains(d.Message, " pt (") || !strings.Contains(d.Message, "lines of body text) too long") {
		t.Errorf("got %q (field %s)", d.Message, d.Field)
	}
}

func TestScripts(t *testing.T) {
	tests := []struct {
		lang, font, title string
		ok                bool
	}{
		{"es", "atkinson-hyperlegible", "Lista para la consulta: ¿qué preguntar?", true},
		{"pl", "atkinson-hyperlegible", "Lista pytań do lekarza: źródła, łąka, żółw", true},
		{"de", "atkinson-hyperlegible", "Fragen für die Sprechstunde: Größe, Übel", true},
		{"vi", "atkinson-hyperlegible", "Danh sách câu hỏi cho bác sĩ về bệnh da", false},
		{"vi", "noto-sans", "Danh sách câu hỏi cho bác sĩ về bệnh da", true},
		{"el", "noto-sans", "Ερωτήσεις για τον γιατρό σας", true},
		// Arrows are in neither font (right-to-left scripts are refused by
		// the parser before they reach the layout).
		{"en", "noto-sans", "Symptoms → questions", false},
		// With no font named, the language picks one that has its letters.
		{"vi", "", "Danh sách câu hỏi cho bác sĩ về bệnh da", true},
		{"ru", "", "Вопросы для вашего врача", true},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.font, func(t *testing.T) {
			h := parse(t, "LANG", tt.lang, "FONT", tt.font, "TITLE", tt.title)
			if tt.font == "" && h.Font.Value != "" {
				t.Fatalf("font %q, want none", h.Font.Value)
			}
			diags := layoutBoth(t, h)
			if tt.ok {
				if len(diags) > 0 {
					t.Fatalf("want no problems, got %v", diags)
				}
				return
			}
			if len(diags) == 0 {
				t.Fatal("characters the font lacks were accepted")
			}
			// The title is named (a default label in the language, such
			// as labels.clinic, may be too).
			d := diags[0]
			for _, x := range diags {
				if x.Field == "title" {
					d = x
				}
			}
			if d.Code != "missing-glyph" || d.Field != "title" || d.Pos.Line != 5 || !strings.Contains(d.Message, "cannot draw") {
				t.Errorf("got %s [%s %s]", d, d.Code, d.Field)
			}
		})
	}
}

func TestNotesFillTheirColumnButKeepTheirMinimum(t *testing.T) {
	h := parse(t)
	doc, diags := layout.Layout(h, layout.Letter, family(t, ""), h.Reviewed.Time, layout.Options{})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var writeLines, boxes int
	for _, it := range doc.Pages[0].Items {
		switch it.Role {
		case layout.RoleWriteLine:
			writeLines++
		case layout.RoleCheckbox:
			boxes++
			if it.W != 11 || it.H != 11 {
				t.Errorf("checkbox is %.1f x %.1f pt, want 11 x 11", it.W, it.H)
			}
		}
	}
	// 2 fields + 2 answer lines + at least 3 note lines.
	if writeLines < 7 {
		t.Errorf("%d write-in lines, want at least 7", writeLines)
	}
	if boxes != 2 {
		t.Errorf("%d checkboxes, want 2", boxes)
	}
}
