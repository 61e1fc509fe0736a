package handout

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"handout/internal/diag"
)

// ladderYAML is a minimal valid evidence-ladder. Line numbers, which the
// expected positions below rely on:
//
//	1 kind            9 publisher      19 ladder        28 conditions
//	2 id             10   name         20   heading     31   - name
//	3 language       11   url          21   caption     34     sources
//	4 title          12 sources        22   rungs       35 questions
//	5 reviewed       13   - id         23     - label   39 known
//	6 summary >      16   - id         25     - label   43 unknown
//	7-8 (summary)    18 disclaimer     27       sources
const ladderYAML = `kind: evidence-ladder
id: gut-skin-ladder
language: en
title: Gut   and skin
reviewed: 2026-05-01
summary: >
  Probiotics may help
  some skin conditions.
publisher:
  name: Skin Clinic
  url: https://clinic.example.org/
sources:
  - id: wgo-2023
    text: World Gastroenterology Organisation guideline, 2023.
    url: https://www.worldgastroenterology.org/
  - id: cochrane-2020
    text: Cochrane review of probiotics for eczema, 2020.
disclaimer: This handout does not replace advice from your clinician.
ladder:
  heading: How strong is the evidence?
  caption: Evidence grows from lab studies to trials in people.
  rungs:
    - label: Lab studies
      text: Cells and mice.
    - label: Trials
      text: "Randomised   trials in people."
      sources: [wgo-2023, cochrane-2020]
conditions:
  heading: Where each condition stands
  items:
    - name: Eczema
      standing: Clearest evidence
      text: Some strains help some children.
      sources: [cochrane-2020]
questions:
  heading: Questions to ask
  items:
    - Which strain is it?
known:
  heading: What we know
  items:
    - The gut and skin talk to each other.
unknown:
  heading: What we do not know
  items:
    - Which strain helps whom.
`

// checklistYAML is a minimal valid discussion-checklist. Line numbers:
//
//	1 kind       7 publisher    13 fields       19 sections
//	2 id         8   name       14 warnings     20   - heading
//	3 language   9 sources      15   heading    21     items
//	4 title     10   - id       16   items      22       - (text)
//	5 reviewed  11     text     17     - sign   23       - text
//	6 summary   12 disclaimer   18       action 24         answer_lines
//	                                            25 notes, 26 heading
const checklistYAML = `kind: discussion-checklist
id: clinic-checklist
language: en
title: Clinic discussion checklist
reviewed: 2026-05-01
summary: Bring this page to your appointment.
publisher:
  name: Skin Clinic
sources:
  - id: aad-2024
    text: American Academy of Dermatology, 2024.
disclaimer: Not medical advice.
fields: [Name, Date]
warnings:
  heading: See a dermatologist first if you have
  items:
    - sign: A rash with fever
      action: Get care today.
sections:
  - heading: Before your visit
    items:
      - List your medicines.
      - text: What do you want to ask?
        answer_lines: 2
notes:
  heading: Notes
`

// edit returns doc with the one occurrence of old replaced by new.
func edit(doc, old, new string) string {
	if n := strings.Count(doc, old); n != 1 {
		panic("edit: " + strconv.Quote(old) + " occurs " + strconv.Itoa(n) + " times")
	}
	return strings.Replace(doc, old, new, 1)
}

// render gives each diagnostic as the CLI prints it, and the codes.
func render(l diag.List) (lines, codes []string) {
	for _, d := range l {
		lines = append(lines, d.String())
		codes = append(codes, d.Code)
	}
	return lines, codes
}

func TestParseDiagnostics(t *testing.T) {
	const (
		hintTab   = "YAML does not allow tab characters for indentation; indent with spaces"
		hintKey   = "check its indentation, and that quotes and brackets are closed; inside '...' write an apostrophe twice ('')"
		hintText  = "write the text on the same line after the colon, or as a block with |"
		hintList  = "write each entry on its own line starting with \"- \""
		hintDate  = "write the date as YYYY-MM-DD, for example 2026-05-01"
		hintKinds = "use one of: evidence-ladder, discussion-checklist"
	)
	L, C := ladderYAML, checklistYAML
	rungs := `  rungs:
    - label: Lab studies
      text: Cells and mice.
    - label: Trials
      text: "Randomised   trials in people."
      sources: [wgo-2023, cochrane-2020]
`
	tests := []struct {
		name  string
		yaml  string
		want  []string // exact lines, as the CLI prints them
		codes []string // Diagnostic.Code of each, in the same order
	}{
		// Valid handouts.
		{name: "valid ladder", yaml: L},
		{name: "valid checklist", yaml: C},
		{name: "valid ladder with every optional field", yaml: edit(edit(edit(L,
			"language: en\n", `language: es-MX
font: noto-sans
subtitle: What the research says
keywords: [probiotics, eczema]
labels:
  page: "Página {page} de {pages}"
  stronger: Evidencia más fuerte
`),
			"  rungs:\n", "  alt: A ladder of two rungs.\n  rungs:\n"),
			"unknown:\n", "takeaway:\n  heading: What this means for you\n  text: Ask first.\nunknown:\n")},
		{name: "optional mapping left empty", yaml: edit(L, "language: en\n", "language: en\nlogo:\n"),
			want:  []string{`h.yaml:4:6: logo must be a mapping of fields, not empty (write it as key: value lines, indented under "logo")`},
			codes: []string{"wrong-type"}},
		{name: "accented and CJK text", yaml: edit(C, "title: Clinic discussion checklist\n", "title: Lista para la clínica 診察\n")},

		// Unknown keys.
		{name: "unknown top-level key", yaml: edit(L, "title: Gut   and skin\n", "titel: Gut and skin\n"),
			want: []string{
				`h.yaml:1:1: missing required field "title" in the handout (add a line "title: ...")`,
				`h.yaml:4:1: unknown field "titel" in the handout (did you mean "title"?)`},
			codes: []string{"missing-field", "unknown-key"}},
		{name: "unknown nested key", yaml: edit(L, "  rungs:\n", "  rugs:\n"),
			want: []string{
				`h.yaml:20:3: missing required field "rungs" in ladder (add a line "rungs: ...")`,
				`h.yaml:22:3: unknown field "rugs" in ladder (did you mean "rungs"?)`},
			codes: []string{"missing-field", "unknown-key"}},
		{name: "unknown key in a list entry", yaml: edit(L, "    - label: Lab studies\n", "    - lable: Lab studies\n"),
			want: []string{
				`h.yaml:23:7: missing required field "label" in ladder.rungs[0] (add a line "label: ...")`,
				`h.yaml:23:7: unknown field "lable" in ladder.rungs[0] (did you mean "label"?)`},
			codes: []string{"missing-field", "unknown-key"}},
		{name: "unknown key far from any known one", yaml: edit(C, "    - sign: A rash with fever\n", "    - symptom: A rash with fever\n"),
			want: []string{
				`h.yaml:17:7: missing required field "sign" in warnings.items[0] (add a line "sign: ...")`,
				`h.yaml:17:7: unknown field "symptom" in warnings.items[0] (known fields here: action, sign)`},
			codes: []string{"missing-field", "unknown-key"}},
		{name: "unknown key with two letters swapped", yaml: edit(C, "    - sign: A rash with fever\n", "    - sing: A rash with fever\n"),
			want: []string{
				`h.yaml:17:7: missing required field "sign" in warnings.items[0] (add a line "sign: ...")`,
				`h.yaml:17:7: unknown field "sing" in warnings.items[0] (did you mean "sign"?)`},
			codes: []string{"missing-field", "unknown-key"}},
		{name: "checklist key in a ladder", yaml: edit(L, "disclaimer: This", "fields: [Name]\ndisclaimer: This"),
			want:  []string{`h.yaml:18:1: unknown field "fields" in the handout ("fields" belongs to handouts of kind discussion-checklist)`},
			codes: []string{"unknown-key"}},
		{name: "ladder key in a checklist", yaml: edit(C, "notes:\n", "takeaway: Ask.\nnotes:\n"),
			want:  []string{`h.yaml:25:1: unknown field "takeaway" in the handout ("takeaway" belongs to handouts of kind evidence-ladder)`},
			codes: []string{"unknown-key"}},

		// The kind.
		{name: "unknown kind", yaml: edit(L, "kind: evidence-ladder\n", "kind: evidence-lader\n"),
			want:  []string{`h.yaml:1:7: unknown kind "evidence-lader" (did you mean "evidence-ladder"?)`},
			codes: []string{"bad-value"}},
		{name: "kind as a list", yaml: edit(L, "kind: evidence-ladder\n", "kind: [evidence-ladder]\n"),
			want:  []string{"h.yaml:1:7: kind must be text, not a list (" + hintKinds + ")"},
			codes: []string{"wrong-type"}},
		{name: "empty kind", yaml: edit(L, "kind: evidence-ladder\n", "kind:\n"),
			want:  []string{"h.yaml:1:6: kind is empty (" + hintKinds + ")"},
			codes: []string{"empty"}},
		{name: "missing kind", yaml: edit(L, "kind: evidence-ladder\n", ""),
			want:  []string{`h.yaml:1:1: missing required field "kind" in the handout (add a line "kind: evidence-ladder")`},
			codes: []string{"missing-field"}},

		// Wrong types.
		{name: "list where text is expected", yaml: edit(L, "title: Gut   and skin\n", "title: [Gut, skin]\n"),
			want:  []string{"h.yaml:4:8: title must be text, not a list (" + hintText + ")"},
			codes: []string{"wrong-type"}},
		{name: "mapping where text is expected", yaml: edit(L, "    - Which strain is it?\n", "    - question: Which strain is it?\n"),
			want:  []string{"h.yaml:38:7: questions.items[0] must be text, not a mapping (key: value pairs) (" + hintText + ")"},
			codes: []string{"wrong-type"}},
		{name: "text where a list is expected", yaml: edit(L, rungs, "  rungs: Lab studies, then trials\n"),
			want:  []string{"h.yaml:22:10: ladder.rungs must be a list, not text (" + hintList + ")"},
			codes: []string{"wrong-type"}},
		{name: "text where a mapping is expected", yaml: edit(L, "publisher:\n  name: Skin Clinic\n  url: https://clinic.example.org/\n", "publisher: Skin Clinic\n"),
			want:  []string{`h.yaml:9:12: publisher must be a mapping of fields, not text (write it as key: value lines, indented under "publisher")`},
			codes: []string{"wrong-type"}},
		{name: "word for answer_lines", yaml: edit(C, "answer_lines: 2", "answer_lines: two"),
			want:  []string{"h.yaml:24:23: sections[0].items[1].answer_lines must be a whole number, not text (write a whole number from 0 to 4)"},
			codes: []string{"wrong-type"}},
		{name: "fraction for answer_lines", yaml: edit(C, "answer_lines: 2", "answer_lines: 2.5"),
			want:  []string{"h.yaml:24:23: sections[0].items[1].answer_lines must be a whole number, not a decimal number (write a whole number from 0 to 4)"},
			codes: []string{"wrong-type"}},
		{name: "list for a date", yaml: edit(L, "reviewed: 2026-05-01", "reviewed: [2026-05-01]"),
			want:  []string{"h.yaml:5:11: reviewed must be a date, not a list (write the date as YYYY-MM-DD)"},
			codes: []string{"wrong-type"}},
		{name: "list for a list of text", yaml: edit(L, "language: en\n", "language: en\nkeywords: probiotics\n"),
			want:  []string{"h.yaml:4:11: keywords must be a list, not text (" + hintList + ")"},
			codes: []string{"wrong-type"}},
		{name: "text starting with a YAML tag", yaml: edit(C, "title: Clinic discussion checklist", "title: !Important notice"),
			want:  []string{`h.yaml:4:8: title starts with "!Important", which YAML reads as a type tag and drops (put the whole text in quotes)`},
			codes: []string{"bad-text"}},

		// Missing fields: reported at the mapping that lacks them.
		{name: "missing top-level field", yaml: edit(L, "id: gut-skin-ladder\n", ""),
			want:  []string{`h.yaml:1:1: missing required field "id" in the handout (add a line "id: my-handout")`},
			codes: []string{"missing-field"}},
		{name: "missing top-level section", yaml: edit(L, "known:\n  heading: What we know\n  items:\n    - The gut and skin talk to each other.\n", ""),
			want:  []string{`h.yaml:1:1: missing required field "known" in the handout (add a line "known: ...")`},
			codes: []string{"missing-field"}},
		{name: "missing nested field", yaml: edit(C, "  name: Skin Clinic\n", "  url: https://clinic.example.org/\n"),
			want:  []string{`h.yaml:8:3: missing required field "name" in publisher (add a line "name: ...")`},
			codes: []string{"missing-field"}},
		{name: "missing field in a list entry", yaml: edit(L, "      standing: Clearest evidence\n", ""),
			want:  []string{`h.yaml:31:7: missing required field "standing" in conditions.items[0] (add a line "standing: ...")`},
			codes: []string{"missing-field"}},

		// Empty values and lists, too few and too many.
		{name: "empty quoted text", yaml: edit(L, "title: Gut   and skin", `title: ""`),
			want:  []string{"h.yaml:4:8: title is empty (write the text after the colon)"},
			codes: []string{"empty"}},
		{name: "nothing after the colon", yaml: edit(L, "title: Gut   and skin", "title:"),
			want:  []string{"h.yaml:4:7: title is empty (write the text after the colon)"},
			codes: []string{"empty"}},
		{name: "blank text of white space", yaml: edit(L, "disclaimer: This handout does not replace advice from your clinician.", `disclaimer: "  \n "`),
			want:  []string{"h.yaml:18:13: disclaimer is empty (write the text after the colon)"},
			codes: []string{"empty"}},
		{name: "empty list item", yaml: edit(C, "      - List your medicines.\n", "      - ''\n"),
			want:  []string{"h.yaml:22:9: sections[0].items[0] is empty (write the text after the colon)"},
			codes: []string{"empty"}},
		{name: "empty list", yaml: edit(C, "fields: [Name, Date]", "fields: []"),
			want:  []string{"h.yaml:13:9: fields has 0 fields; it needs at least 1 (add at least 1 field)"},
			codes: []string{"too-few"}},
		{name: "list left blank", yaml: edit(C, "fields: [Name, Date]", "fields:"),
			want:  []string{`h.yaml:13:8: fields is empty (add at least 1 field, each on a line starting with "- ")`},
			codes: []string{"empty"}},
		{name: "too few rungs", yaml: edit(L, "    - label: Lab studies\n      text: Cells and mice.\n", ""),
			want:  []string{"h.yaml:23:5: ladder.rungs has 1 rung; it needs at least 2 (add at least 2 rungs)"},
			codes: []string{"too-few"}},
		{name: "too many questions", yaml: edit(L, "    - Which strain is it?\n", strings.Repeat("    - Which strain is it?\n", 7)),
			want:  []string{"h.yaml:38:5: questions.items has 7 items; at most 6 fit this layout (keep at most 6; a reader takes in a short list better)"},
			codes: []string{"too-many"}},
		{name: "too many fields", yaml: edit(C, "fields: [Name, Date]", "fields: [Name, Date, Clinician, Phone, Email]"),
			want:  []string{"h.yaml:13:9: fields has 5 fields; at most 4 fit this layout (keep at most 4; a reader takes in a short list better)"},
			codes: []string{"too-many"}},

		// Numbers out of range.
		{name: "answer_lines too large", yaml: edit(C, "answer_lines: 2", "answer_lines: 9"),
			want:  []string{"h.yaml:24:23: sections[0].items[1].answer_lines is 9; it must be from 0 to 4 (use a number from 0 to 4)"},
			codes: []string{"out-of-range"}},
		{name: "answer_lines negative", yaml: edit(C, "answer_lines: 2", "answer_lines: -1"),
			want:  []string{"h.yaml:24:23: sections[0].items[1].answer_lines is -1; it must be from 0 to 4 (use a number from 0 to 4)"},
			codes: []string{"out-of-range"}},
		{name: "no note lines", yaml: edit(C, "  heading: Notes\n", "  heading: Notes\n  lines: 0\n"),
			want:  []string{"h.yaml:27:10: notes.lines is 0; it must be from 1 to 12 (use a number from 1 to 12)"},
			codes: []string{"out-of-range"}},

		// Dates.
		{name: "month 13", yaml: edit(L, "reviewed: 2026-05-01", "reviewed: 2026-13-01"),
			want:  []string{`h.yaml:5:11: reviewed "2026-13-01" is not a valid date (` + hintDate + ")"},
			codes: []string{"bad-date"}},
		{name: "date in words", yaml: edit(L, "reviewed: 2026-05-01", "reviewed: May 1"),
			want:  []string{`h.yaml:5:11: reviewed "May 1" is not a valid date (` + hintDate + ")"},
			codes: []string{"bad-date"}},
		{name: "February 30", yaml: edit(L, "reviewed: 2026-05-01", "reviewed: 2026-02-30"),
			want:  []string{`h.yaml:5:11: reviewed "2026-02-30" is not a valid date (` + hintDate + ")"},
			codes: []string{"bad-date"}},
		{name: "date with a time", yaml: edit(L, "reviewed: 2026-05-01", "reviewed: 2026-05-01T09:00:00Z"),
			want:  []string{`h.yaml:5:11: reviewed "2026-05-01T09:00:00Z" is not a valid date (` + hintDate + ")"},
			codes: []string{"bad-date"}},

		// Ids, languages, fonts, addresses.
		{name: "id with a space and capitals", yaml: edit(L, "id: gut-skin-ladder", "id: Gut Skin"),
			want:  []string{`h.yaml:2:5: id "Gut Skin" may use only lower-case letters, digits and single hyphens (it names the output files, e.g. "gut-skin-evidence-ladder")`},
			codes: []string{"bad-value"}},
		{name: "id with a double hyphen", yaml: edit(L, "id: gut-skin-ladder", "id: gut--skin"),
			want:  []string{`h.yaml:2:5: id "gut--skin" may use only lower-case letters, digits and single hyphens (it names the output files, e.g. "gut-skin-evidence-ladder")`},
			codes: []string{"bad-value"}},
		{name: "language with an underscore", yaml: edit(L, "language: en", "language: en_US"),
			want:  []string{`h.yaml:3:11: language "en_US" is not a language tag (use a BCP 47 tag such as "en", "es" or "pt-BR")`},
			codes: []string{"bad-value"}},
		{name: "language as a word", yaml: edit(L, "language: en", "language: english"),
			want:  []string{`h.yaml:3:11: language "english" is not a language tag (use a BCP 47 tag such as "en", "es" or "pt-BR")`},
			codes: []string{"bad-value"}},
		{name: "font misspelt", yaml: edit(L, "language: en\n", "language: en\nfont: Noto Sans\n"),
			want:  []string{`h.yaml:4:7: unknown font "Noto Sans" (did you mean "noto-sans"?)`},
			codes: []string{"bad-value"}},
		{name: "font not shipped", yaml: edit(L, "language: en\n", "language: en\nfont: times\n"),
			want:  []string{`h.yaml:4:7: unknown font "times" (use one of: atkinson-hyperlegible, noto-sans)`},
			codes: []string{"bad-value"}},
		{name: "address without a scheme", yaml: edit(L, "url: https://clinic.example.org/", "url: clinic.example.org"),
			want:  []string{`h.yaml:11:8: publisher.url "clinic.example.org" is not a web address (write the full address, starting with https://)`},
			codes: []string{"bad-value"}},
		{name: "address that is not on the web", yaml: edit(L, "url: https://www.worldgastroenterology.org/", "url: ftp://example.org/guideline.pdf"),
			want:  []string{`h.yaml:15:10: sources[0].url "ftp://example.org/guideline.pdf" is not a web address (write the full address, starting with https://)`},
			codes: []string{"bad-value"}},
		{name: "address with a space", yaml: edit(L, "url: https://clinic.example.org/", `url: "https://clinic example.org/"`),
			want:  []string{`h.yaml:11:8: publisher.url "https://clinic example.org/" is not a web address (write the full address, starting with https://)`},
			codes: []string{"bad-value"}},

		// Labels.
		{name: "page label without placeholders", yaml: edit(L, "language: en\n", "language: en\nlabels:\n  page: Seite {page}\n"),
			want:  []string{`h.yaml:5:9: labels.page must contain {page} and {pages} (for example "Página {page} de {pages}")`},
			codes: []string{"bad-value"}},
		{name: "continued label without its placeholder", yaml: edit(L, "language: en\n", "language: en\nlabels:\n  continued: Fortsetzung\n"),
			want:  []string{`h.yaml:5:14: labels.continued must contain {heading} (for example "{heading} (continuación)")`},
			codes: []string{"bad-value"}},
		{name: "unknown label", yaml: edit(L, "language: en\n", "language: en\nlabels:\n  sources: Quellen\n  source: Quelle\n"),
			want:  []string{`h.yaml:6:3: unknown field "source" in labels (did you mean "sources"?)`},
			codes: []string{"unknown-key"}},

		// Duplicates and references.
		{name: "duplicate top-level key", yaml: edit(L, "title: Gut   and skin\n", "title: Gut and skin\ntitle: Skin\n"),
			want:  []string{`h.yaml:5:1: "title" is set twice in the handout (first at line 4) (remove one of them)`},
			codes: []string{"duplicate-key"}},
		{name: "duplicate nested key", yaml: edit(L, "      text: Cells and mice.\n", "      text: Cells and mice.\n      text: Cells.\n"),
			want:  []string{`h.yaml:25:7: "text" is set twice in ladder.rungs[0] (first at line 24) (remove one of them)`},
			codes: []string{"duplicate-key"}},
		{name: "duplicate source id", yaml: edit(L, "  - id: cochrane-2020\n", "  - id: wgo-2023\n"),
			want: []string{
				`h.yaml:16:9: source id "wgo-2023" is used twice (first at line 13) (give each source its own id)`,
				`h.yaml:27:27: ladder.rungs[1].sources[1] cites source "cochrane-2020", which is not in sources (known source ids: wgo-2023)`,
				`h.yaml:34:17: conditions.items[0].sources[0] cites source "cochrane-2020", which is not in sources (known source ids: wgo-2023)`},
			codes: []string{"duplicate-id", "unknown-source", "unknown-source"}},
		{name: "citation with a typo", yaml: edit(L, "      sources: [cochrane-2020]\n", "      sources: [cochrane-2021]\n"),
			want:  []string{`h.yaml:34:17: conditions.items[0].sources[0] cites source "cochrane-2021", which is not in sources (did you mean "cochrane-2020"?)`},
			codes: []string{"unknown-source"}},
		{name: "citation of a source not listed", yaml: edit(L, "[wgo-2023, cochrane-2020]", "[wgo-2023, nice-2019]"),
			want:  []string{`h.yaml:27:27: ladder.rungs[1].sources[1] cites source "nice-2019", which is not in sources (known source ids: wgo-2023, cochrane-2020)`},
			codes: []string{"unknown-source"}},
		{name: "no sources: citations are not reported again", yaml: edit(L, `sources:
  - id: wgo-2023
    text: World Gastroenterology Organisation guideline, 2023.
    url: https://www.worldgastroenterology.org/
  - id: cochrane-2020
    text: Cochrane review of probiotics for eczema, 2020.
`, "sources: []\n"),
			want:  []string{"h.yaml:12:10: sources has 0 sources; it needs at least 1 (add at least 1 source)"},
			codes: []string{"too-few"}},

		// YAML syntax.
		{name: "apostrophe inside single quotes", yaml: edit(C, "title: Clinic discussion checklist", "title: 'Your doctor's visit'"),
			want:  []string{"h.yaml:4: this is not valid YAML: this line does not fit the fields around it (" + hintKey + ")"},
			codes: []string{"yaml-syntax"}},
		{name: "key indented too little", yaml: edit(C, "  name: Skin Clinic\n", "  name: Skin Clinic\n url: https://clinic.example.org/\n"),
			want:  []string{"h.yaml:9: this is not valid YAML: this line does not fit the fields around it (" + hintKey + ")"},
			codes: []string{"yaml-syntax"}},
		{name: "stray closing bracket", yaml: edit(C, "fields: [Name, Date]", "fields: [Name, Date]]"),
			want:  []string{"h.yaml:13: this is not valid YAML: this line does not fit the fields around it (" + hintKey + ")"},
			codes: []string{"yaml-syntax"}},
		{name: "unclosed bracket at the end", yaml: C + "keywords: [skin, gut\n",
			want:  []string{"h.yaml:27: this is not valid YAML: a list that starts with [ is not closed with ] (end the list with ], and separate its entries with commas)"},
			codes: []string{"yaml-syntax"}},
		{name: "unclosed quote", yaml: edit(C, "disclaimer: Not medical advice.", `disclaimer: "Not medical advice.`),
			want:  []string{`h.yaml:12: this is not valid YAML: the file ends before a quoted text is closed (check that every " and ' has its closing partner)`},
			codes: []string{"yaml-syntax"}},
		{name: "error on the first line", yaml: edit(C, "kind: discussion-checklist", "kind: discussion-checklist: yes"),
			want:  []string{`h.yaml:1: this is not valid YAML: a colon and a space (": ") appear where no field can start (put text that contains ": " in quotes, and check the indentation)`},
			codes: []string{"yaml-syntax"}},
		{name: "tab indentation", yaml: edit(C, "  name: Skin Clinic", "\tname: Skin Clinic"),
			want:  []string{"h.yaml:8:1: this is not valid YAML: a tab character is used for indentation (" + hintTab + ")"},
			codes: []string{"yaml-syntax"}},
		{name: "tab after a dash", yaml: edit(C, "      - List your medicines.", "      -\tList your medicines."),
			want:  []string{"h.yaml:22:8: this is not valid YAML: a tab character is used for indentation (" + hintTab + ")"},
			codes: []string{"yaml-syntax"}},
		{name: "tab on the first line", yaml: "\t" + C,
			want:  []string{"h.yaml:1:1: this is not valid YAML: a tab character is used for indentation (" + hintTab + ")"},
			codes: []string{"yaml-syntax"}},
		{name: "tab in a continued line", yaml: edit(C, "summary: Bring this page to your appointment.", "summary: Bring this page\n\tto your appointment."),
			want:  []string{"h.yaml:7:1: this is not valid YAML: a tab character is used for indentation (" + hintTab + ")"},
			codes: []string{"yaml-syntax"}},
		{name: "tab in a block of text", yaml: edit(C, "summary: Bring this page to your appointment.", "summary: |\n  Bring this page\n \tto your appointment."),
			want:  []string{"h.yaml:8:2: this is not valid YAML: a tab character is used for indentation (" + hintTab + ")"},
			codes: []string{"yaml-syntax"}},
		{name: "text starting with @", yaml: edit(C, "title: Clinic discussion checklist", "title: @home visits"),
			want:  []string{"h.yaml:4:8: this is not valid YAML: a text starts with a character that YAML keeps for itself (text that starts with @, ` or % must be put in quotes)"},
			codes: []string{"yaml-syntax"}},
		{name: "text starting with *", yaml: edit(C, "title: Clinic discussion checklist", "title: *Important notice"),
			want:  []string{"h.yaml:4:8: this is not valid YAML: *Important reads as a reference to an &anchor, and the file has no such anchor (put text that starts with * in quotes)"},
			codes: []string{"yaml-syntax"}},
		{name: "empty file", yaml: "",
			want:  []string{`h.yaml: the file has no handout in it (start with "kind: evidence-ladder" or "kind: discussion-checklist")`},
			codes: []string{"empty-file"}},
		{name: "only comments", yaml: "# Clinic checklist\n# to be written\n",
			want:  []string{`h.yaml: the file has no handout in it (start with "kind: evidence-ladder" or "kind: discussion-checklist")`},
			codes: []string{"empty-file"}},
		{name: "only a document marker", yaml: "---\n# Clinic checklist\n",
			want:  []string{`h.yaml: the file has no handout in it (start with "kind: evidence-ladder" or "kind: discussion-checklist")`},
			codes: []string{"empty-file"}},
		{name: "two documents", yaml: C + "---\n" + C,
			want:  []string{"h.yaml:27:1: the file holds more than one YAML document (a second one starts near here) (put each handout in a file of its own)"},
			codes: []string{"several-documents"}},
		{name: "a list, not a mapping", yaml: "- kind: evidence-ladder\n",
			want:  []string{`h.yaml:1:1: a handout file must be a mapping of fields, not a list (start with "kind: evidence-ladder")`},
			codes: []string{"wrong-type"}},

		// Characters.
		{name: "control character written as an escape", yaml: edit(C, "title: Clinic discussion checklist", `title: "Clinic \a checklist"`),
			want:  []string{"h.yaml:4:8: title contains the invisible control character U+0007 (remove it; it may have been pasted in by accident)"},
			codes: []string{"bad-text"}},
		{name: "control character in the file", yaml: edit(C, "title: Clinic discussion checklist", "title: Über\vchecklist"),
			want:  []string{"h.yaml:4:12: the file contains the invisible control character U+000B (remove it; it may have been pasted in by accident)"},
			codes: []string{"bad-text"}},
		{name: "not UTF-8", yaml: edit(C, "title: Clinic discussion checklist", "title: Clinic \xff checklist"),
			want:  []string{"h.yaml:4:15: the file is not valid UTF-8 text (save the file as UTF-8)"},
			codes: []string{"bad-text"}},
		{name: "emoji", yaml: edit(C, "title: Clinic discussion checklist", "title: Clinic checklist 🙂"),
			want:  []string{`h.yaml:4:8: title contains "🙂" (U+1F642), which handouts cannot print (emoji and other characters above U+FFFF cannot be printed; remove it)`},
			codes: []string{"bad-text"}},
		{name: "emoji in a list item", yaml: edit(C, "      - List your medicines.", "      - List your medicines 💊"),
			want:  []string{`h.yaml:22:9: sections[0].items[0] contains "💊" (U+1F48A), which handouts cannot print (emoji and other characters above U+FFFF cannot be printed; remove it)`},
			codes: []string{"bad-text"}},

		// Every problem at once, sorted by position although the parser
		// reads the disclaimer (line 18) before the publisher (line 11).
		{name: "three problems", yaml: edit(edit(edit(L,
			"id: gut-skin-ladder", "id: Gut Skin"),
			"disclaimer: This handout does not replace advice from your clinician.", `disclaimer: ""`),
			"url: https://clinic.example.org/", "url: clinic.example.org"),
			want: []string{
				`h.yaml:2:5: id "Gut Skin" may use only lower-case letters, digits and single hyphens (it names the output files, e.g. "gut-skin-evidence-ladder")`,
				`h.yaml:11:8: publisher.url "clinic.example.org" is not a web address (write the full address, starting with https://)`,
				"h.yaml:18:13: disclaimer is empty (write the text after the colon)"},
			codes: []string{"bad-value", "bad-value", "empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, diags := Parse("h.yaml", []byte(tt.yaml), Options{})
			got, codes := render(diags)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(tt.want, "\n      "))
			}
			if strings.Join(codes, " ") != strings.Join(tt.codes, " ") {
				t.Errorf("codes = %q, want %q", codes, tt.codes)
			}
			if (h == nil) != diags.HasErrors() {
				t.Errorf("handout = %v with %d errors; want a handout exactly when there is no error", h != nil, len(diags))
			}
		})
	}
}

// parseOK parses a handout that must have no diagnostics.
func parseOK(t *testing.T, name, yaml string, opt Options) *Handout {
	t.Helper()
	h, diags := Parse(name, []byte(yaml), opt)
	if len(diags) > 0 || h == nil {
		t.Fatalf("Parse(%s): handout %v, diagnostics:\n%v", name, h != nil, diags)
	}
	return h
}

func values(ts []Text) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Value)
	}
	return out
}

func TestParseLadderModel(t *testing.T) {
	h := parseOK(t, "gut.yaml", ladderYAML, Options{})
	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", what, got, want)
		}
	}
	check("File", h.File, "gut.yaml")
	check("Kind", h.Kind, KindEvidenceLadder)
	check("ID", h.ID.Value, "gut-skin-ladder")
	check("Language", h.Language.Value, "en")
	check("Font", h.Font.Value, "") // the default family
	check("Title", h.Title.Value, "Gut and skin")
	check("Title.Pos", h.Title.Pos, diag.Pos{File: "gut.yaml", Line: 4, Col: 8})
	check("Title.Field", h.Title.Field, "title")
	check("Subtitle", h.Subtitle.IsZero(), true)
	check("Reviewed", h.Reviewed.Time, time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
	check("Reviewed.Pos", h.Reviewed.Pos, diag.Pos{File: "gut.yaml", Line: 5, Col: 11})
	check("Summary", h.Summary.Value, "Probiotics may help some skin conditions.")
	check("Publisher", []string{h.Publisher.Name.Value, h.Publisher.URL.Value}, []string{"Skin Clinic", "https://clinic.example.org/"})
	check("Logo", h.Logo, (*Logo)(nil))
	check("Keywords", len(h.Keywords), 0)
	check("Disclaimer", h.Disclaimer.Value, "This handout does not replace advice from your clinician.")
	var sources []string
	for _, s := range h.Sources {
		sources = append(sources, s.ID.Value+" | "+s.Text.Value+" | "+s.URL.Value)
	}
	check("Sources", sources, []string{
		"wgo-2023 | World Gastroenterology Organisation guideline, 2023. | https://www.worldgastroenterology.org/",
		"cochrane-2020 | Cochrane review of probiotics for eczema, 2020. | ",
	})
	check("Labels", []string{h.Labels.Reviewed.Value, h.Labels.Publisher.Value, h.Labels.Sources.Value,
		h.Labels.Page.Value, h.Labels.Stronger.Value, h.Labels.Weaker.Value},
		[]string{"Reviewed", "Published by", "Sources", "Page {page} of {pages}",
			"Stronger, more specific evidence", "Early, general evidence"})
	check("Checklist", h.Checklist, (*Checklist)(nil))

	l := h.Ladder
	if l == nil {
		t.Fatal("Ladder is nil")
	}
	check("Ladder.Heading", l.Heading.Value, "How strong is the evidence?")
	check("Ladder.Caption", l.Caption.Value, "Evidence grows from lab studies to trials in people.")
	check("Ladder.Alt", l.Alt.Value, "")
	// Rungs keep the file's order: the first is the bottom of the ladder.
	if len(l.Rungs) != 2 {
		t.Fatalf("%d rungs, want 2", len(l.Rungs))
	}
	check("Rungs[0]", []string{l.Rungs[0].Label.Value, l.Rungs[0].Text.Value}, []string{"Lab studies", "Cells and mice."})
	check("Rungs[0].Sources", len(l.Rungs[0].Sources), 0)
	check("Rungs[1]", []string{l.Rungs[1].Label.Value, l.Rungs[1].Text.Value}, []string{"Trials", "Randomised trials in people."})
	check("Rungs[1].Label.Field", l.Rungs[1].Label.Field, "ladder.rungs[1].label")
	check("Rungs[1].Sources", values(l.Rungs[1].Sources), []string{"wgo-2023", "cochrane-2020"})
	check("Rungs[1].Sources[1]", l.Rungs[1].Sources[1], Text{Value: "cochrane-2020",
		Pos: diag.Pos{File: "gut.yaml", Line: 27, Col: 27}, Field: "ladder.rungs[1].sources[1]"})
	check("Conditions.Heading", l.Conditions.Heading.Value, "Where each condition stands")
	if len(l.Conditions.Items) != 1 {
		t.Fatalf("%d conditions, want 1", len(l.Conditions.Items))
	}
	c := l.Conditions.Items[0]
	check("Conditions.Items[0]", []string{c.Name.Value, c.Standing.Value, c.Text.Value},
		[]string{"Eczema", "Clearest evidence", "Some strains help some children."})
	check("Conditions.Items[0].Sources", values(c.Sources), []string{"cochrane-2020"})
	check("Questions", []string{l.Questions.Heading.Value}, []string{"Questions to ask"})
	check("Questions.Items", values(l.Questions.Items), []string{"Which strain is it?"})
	check("Known.Items", values(l.Known.Items), []string{"The gut and skin talk to each other."})
	check("Unknown.Items", values(l.Unknown.Items), []string{"Which strain helps whom."})
	check("Takeaway", l.Takeaway, (*Takeaway)(nil))
}

func TestParseChecklistModel(t *testing.T) {
	h := parseOK(t, "c.yaml", checklistYAML, Options{})
	if h.Kind != KindDiscussionChecklist || h.Ladder != nil || h.Checklist == nil {
		t.Fatalf("Kind %q, Ladder %v, Checklist %v", h.Kind, h.Ladder, h.Checklist)
	}
	c := h.Checklist
	if got := values(c.Fields); !reflect.DeepEqual(got, []string{"Name", "Date"}) {
		t.Errorf("Fields = %q", got)
	}
	if c.Warnings.Heading.Value != "See a dermatologist first if you have" || len(c.Warnings.Items) != 1 ||
		c.Warnings.Items[0].Sign.Value != "A rash with fever" || c.Warnings.Items[0].Action.Value != "Get care today." {
		t.Errorf("Warnings = %+v", c.Warnings)
	}
	if len(c.Sections) != 1 || c.Sections[0].Heading.Value != "Before your visit" {
		t.Fatalf("Sections = %+v", c.Sections)
	}
	// A plain item has no answer lines; {text, answer_lines} sets them.
	var items []string
	for _, it := range c.Sections[0].Items {
		items = append(items, fmt.Sprintf("%s/%d", it.Text.Value, it.AnswerLines))
	}
	if want := []string{"List your medicines./0", "What do you want to ask?/2"}; !reflect.DeepEqual(items, want) {
		t.Errorf("items = %q, want %q", items, want)
	}
	if it := c.Sections[0].Items[1].Text; it.Field != "sections[0].items[1].text" || it.Pos.Line != 23 || it.Pos.Col != 15 {
		t.Errorf("item text at %v %s, want c.yaml:23:15 sections[0].items[1].text", it.Pos, it.Field)
	}
	// Notes without lines get 4.
	if c.Notes == nil || c.Notes.Heading.Value != "Notes" || c.Notes.Lines != 4 {
		t.Errorf("Notes = %+v, want heading Notes and 4 lines", c.Notes)
	}
}

func TestParseOptionalFields(t *testing.T) {
	doc := edit(edit(edit(ladderYAML, "language: en\n", `language: es-MX
font: noto-sans
subtitle: "Lo que dice\n  la investigación"
keywords: [probióticos, eczema]
labels:
  page: "Página {page} de {pages}"
  stronger: Evidencia más fuerte
`), "  rungs:\n", "  alt: Una escalera de dos peldaños.\n  rungs:\n"),
		"unknown:\n", "takeaway:\n  heading: Qué significa para usted\n  text: Pregunte primero.\nunknown:\n")
	h := parseOK(t, "es.yaml", doc, Options{})
	got := []string{h.Language.Value, h.Font.Value, h.Subtitle.Value, strings.Join(values(h.Keywords), ","),
		h.Labels.Page.Value, h.Labels.Stronger.Value, h.Labels.Weaker.Value, h.Ladder.Alt.Value}
	want := []string{"es-MX", "noto-sans", "Lo que dice la investigación", "probióticos,eczema",
		"Página {page} de {pages}", "Evidencia más fuerte", "Early, general evidence", "Una escalera de dos peldaños."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if p := h.Labels.Page.Pos; p != (diag.Pos{File: "es.yaml", Line: 8, Col: 9}) {
		t.Errorf("labels.page at %v, want es.yaml:8:9", p)
	}
	if tk := h.Ladder.Takeaway; tk == nil || tk.Heading.Value != "Qué significa para usted" || tk.Text.Value != "Pregunte primero." {
		t.Errorf("Takeaway = %+v", tk)
	}
}

// A byte order mark and Windows line endings change nothing: same model,
// same positions.
func TestParseBOMAndCRLF(t *testing.T) {
	want := parseOK(t, "h.yaml", checklistYAML, Options{})
	for name, data := range map[string]string{
		"BOM":      "\xEF\xBB\xBF" + checklistYAML,
		"CRLF":     strings.ReplaceAll(checklistYAML, "\n", "\r\n"),
		"BOM+CRLF": "\xEF\xBB\xBF" + strings.ReplaceAll(checklistYAML, "\n", "\r\n"),
	} {
		got := parseOK(t, "h.yaml", data, Options{})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: model differs from the plain file:\n got %+v\nwant %+v", name, got, want)
		}
	}
	bad := edit(edit(checklistYAML, "  name: Skin Clinic\n", "  nmae: Skin Clinic\n"), "answer_lines: 2", "answer_lines: 5")
	_, lf := Parse("h.yaml", []byte(bad), Options{})
	_, crlf := Parse("h.yaml", []byte("\xEF\xBB\xBF"+strings.ReplaceAll(bad, "\n", "\r\n")), Options{})
	wantLines := []string{
		`h.yaml:8:3: missing required field "name" in publisher (add a line "name: ...")`,
		`h.yaml:8:3: unknown field "nmae" in publisher (did you mean "name"?)`,
		"h.yaml:24:23: sections[0].items[1].answer_lines is 5; it must be from 0 to 4 (use a number from 0 to 4)",
	}
	for name, l := range map[string]diag.List{"LF": lf, "BOM+CRLF": crlf} {
		if got, _ := render(l); !reflect.DeepEqual(got, wantLines) {
			t.Errorf("%s:\n got %q\nwant %q", name, got, wantLines)
		}
	}
	// A tab is found at the same place with CRLF line endings.
	_, tab := Parse("h.yaml", []byte(strings.ReplaceAll(edit(checklistYAML, "  name: Skin", "\tname: Skin"), "\n", "\r\n")), Options{})
	if len(tab) != 1 || tab[0].Pos != (diag.Pos{File: "h.yaml", Line: 8, Col: 1}) {
		t.Errorf("tab with CRLF: %v, want one diagnostic at h.yaml:8:1", tab)
	}
}

func TestParseMissingReviewedExplainsTheFormat(t *testing.T) {
	_, diags := Parse("h.yaml", []byte(edit(checklistYAML, "reviewed: 2026-05-01\n", "")), Options{})
	got, _ := render(diags)
	want := `h.yaml:1:1: missing required field "reviewed" in the handout (add a line "reviewed: YYYY-MM-DD, the day you last checked the content")`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParseTooLarge(t *testing.T) {
	data := checklistYAML + "# " + strings.Repeat("x", MaxFileBytes) + "\n"
	h, diags := Parse("big.yaml", []byte(data), Options{})
	want := fmt.Sprintf("big.yaml: the file is %s bytes; a handout file may be at most 1,048,576 bytes (1 MB) (a handout is a page or two of text: check that this is the right file, or split it into several handouts)", thousands(len(data)))
	if got, codes := render(diags); h != nil || len(got) != 1 || got[0] != want || codes[0] != "too-large" {
		t.Errorf("got %q %q, want %q", got, codes, want)
	}
	// Exactly the limit is accepted.
	data = checklistYAML + "#" + strings.Repeat("x", MaxFileBytes-len(checklistYAML)-2) + "\n"
	parseOK(t, "limit.yaml", data, Options{})
}

func TestCheckIDs(t *testing.T) {
	a := parseOK(t, "handouts/a.yaml", checklistYAML, Options{})
	b := parseOK(t, "handouts/b.yaml", ladderYAML, Options{})
	c := parseOK(t, "handouts/c.yaml", edit(checklistYAML, "title: Clinic", "title: Second clinic"), Options{})
	d := parseOK(t, "handouts/d.yaml", edit(ladderYAML, "title: Gut", "title: Other gut"), Options{})

	if l := CheckIDs([]*Handout{a, b}); len(l) != 0 {
		t.Errorf("distinct ids: %v", l)
	}
	// Reported at both handouts' ids, each naming where the other is;
	// sorted by position although c comes after d in the input.
	got, codes := render(CheckIDs([]*Handout{a, b, d, c}))
	want := []string{
		`handouts/a.yaml:2:5: id "clinic-checklist" is also used by handouts/c.yaml:2:5 (give each handout its own id; it names the output files)`,
		`handouts/b.yaml:2:5: id "gut-skin-ladder" is also used by handouts/d.yaml:2:5 (give each handout its own id; it names the output files)`,
		`handouts/c.yaml:2:5: id "clinic-checklist" is already used by handouts/a.yaml:2:5 (give each handout its own id; it names the output files)`,
		`handouts/d.yaml:2:5: id "gut-skin-ladder" is already used by handouts/b.yaml:2:5 (give each handout its own id; it names the output files)`,
	}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(codes, []string{"duplicate-id", "duplicate-id", "duplicate-id", "duplicate-id"}) {
		t.Errorf("got %q %q\nwant %q", got, codes, want)
	}
}

// A checklist box's alternative text is labels.checkbox when set, else the
// default of the handout's language, else English, marked as such.
func TestCheckboxLabel(t *testing.T) {
	for _, c := range []struct {
		lang, label    string
		want, wantLang string
	}{
		{"en", "", "unchecked box", ""},
		{"es-MX", "", "casilla sin marcar", ""},
		{"pl", "", "niezaznaczone pole", ""},
		{"vi", "", "ô chưa đánh dấu", ""},
		{"sv", "", "unchecked box", "en"},
		{"sv", "omarkerad ruta", "omarkerad ruta", ""},
		{"es", "casilla vacía", "casilla vacía", ""},
	} {
		doc := edit(ladderYAML, "language: en\n", "language: "+c.lang+"\n")
		if c.label != "" {
			doc = edit(doc, "reviewed:", "labels:\n  checkbox: "+c.label+"\nreviewed:")
		}
		h := parseOK(t, "h.yaml", doc, Options{})
		if h.Labels.Checkbox.Value != c.want || h.Labels.CheckboxLang != c.wantLang {
			t.Errorf("%s, label %q: checkbox %q in %q, want %q in %q", c.lang, c.label,
				h.Labels.Checkbox.Value, h.Labels.CheckboxLang, c.want, c.wantLang)
		}
	}
}

// TestContinuedLabelDefaults: the continued label of large print defaults
// to the handout's language's own words, else English, and a handout's
// own label wins.
func TestContinuedLabelDefaults(t *testing.T) {
	for _, tc := range []struct{ lang, labels, want string }{
		{"en", "", "{heading} (continued)"},
		{"es", "", "{heading} (continuación)"},
		{"pt-BR", "", "{heading} (continuação)"},
		{"sw", "", "{heading} (continued)"},
		{"es", "labels:\n  continued: \"{heading} (sigue)\"\n", "{heading} (sigue)"},
	} {
		src := edit(ladderYAML, "language: en\n", "language: "+tc.lang+"\n"+tc.labels)
		h, diags := Parse("h.yaml", []byte(src), Options{})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", tc.lang, diags)
		}
		if got := h.Labels.Continued.Value; got != tc.want {
			t.Errorf("language %s %q: continued label %q, want %q", tc.lang, tc.labels, got, tc.want)
		}
	}
}

// TestClinicLabelDefaults: the prompt of an unbranded clinic band is
// printed in the handout's language when handout has its words, else in
// English; a handout's own label wins, and keeps its position.
func TestClinicLabelDefaults(t *testing.T) {
	for _, tc := range []struct {
		lang, labels, want string
		line               int
	}{
		{"en", "", "Your clinic's name and phone number", 0},
		{"es-MX", "", "Nombre y teléfono de su clínica", 0},
		{"pl", "", "Nazwa i telefon Twojej przychodni", 0},
		{"sw", "", "Your clinic's name and phone number", 0},
		{"pl", "labels:\n  clinic: Pieczątka przychodni\n", "Pieczątka przychodni", 5},
	} {
		src := edit(ladderYAML, "language: en\n", "language: "+tc.lang+"\n"+tc.labels)
		h, diags := Parse("h.yaml", []byte(src), Options{})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", tc.lang, diags)
		}
		if got := h.Labels.Clinic; got.Value != tc.want || got.Pos.Line != tc.line {
			t.Errorf("language %s %q: clinic label %q at line %d, want %q at line %d", tc.lang, tc.labels, got.Value, got.Pos.Line, tc.want, tc.line)
		}
	}
}
