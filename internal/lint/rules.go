package lint

import (
	"strconv"

	"handout/internal/layout"
)

// Rule is one check. Its id is stable: handouts name it to turn it off or
// change its threshold, and tools match on it.
type Rule struct {
	ID        string
	Group     string // readability, structure, action, evidence, trust, typography, contrast, figures, lint
	Severity  Severity
	Threshold float64 // the default; meaningful when Unit is not empty
	Unit      string  // what Threshold counts: "grade", "pt", "ratio", ...; empty for a rule without one
	Checks    string  // what the rule checks, in one line
	Source    string  // the standard it comes from (HANDOUT-STANDARDS.md names them)
	Pages     bool    // measured on the laid-out pages, at every paper size

	check func(c *ctx, threshold float64) []Finding
	page  func(c *ctx, d *layout.Document, threshold float64) []Finding
}

// format writes a threshold value in the rule's unit: "grade 8", "12 pt".
func (r *Rule) format(v float64) string {
	n := strconv.FormatFloat(v, 'f', -1, 64)
	switch r.Unit {
	case "grade":
		return "grade " + n
	case "ratio":
		return n + ":1"
	case "times the size":
		return n + " times the size"
	case "":
		return n
	}
	return n + " " + r.Unit
}

// ThresholdText is the default threshold in the rule's unit, or "-".
func (r Rule) ThresholdText() string {
	if r.Unit == "" {
		return "-"
	}
	return r.format(r.Threshold)
}

// Justified explains why there is no rule for justified text.
const Justified = "Justified text (HANDOUT-STANDARDS: left aligned, never justified) has no rule: " +
	"the layout sets every line left aligned with a ragged right edge and has no way to justify, so there is nothing to check."

// configRule is the id of findings about the handout's own lint settings.
const configRule = "lint-settings"

// Rules returns every rule, in the order lint runs them.
func Rules() []Rule {
	out := make([]Rule, len(rules))
	for i, r := range rules {
		out[i] = *r
	}
	return out
}

func ruleByID(id string) *Rule {
	for _, r := range rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

const (
	srcReadability = "HANDOUT-STANDARDS Readability: grade 8 or lower for body text, 6 for the most important messages (CMS Toolkit; AMA, NIH, HHS); Flesch 1948, Kincaid et al. 1975, McLaughlin 1969; for Spanish Fernández Huerta 1959 (as corrected by Law 2011), Szigriszt Pazos 1993 on the INFLESZ scale (Barrio Cantalejo et al. 2008)"
	srcStructure   = "HANDOUT-STANDARDS Structure (AHRQ PEMAT-P, CDC Clear Communication Index)"
	srcTrust       = "HANDOUT-STANDARDS Trust and hygiene (HONcode principles, JAMA benchmarks)"
	srcType        = "HANDOUT-STANDARDS Typography and print (RNIB Clear Print, WCAG 1.4.8)"
	srcQuotes      = "Ortografía de la lengua española (RAE, 2010) on comillas; Lexique des règles typographiques en usage à l'Imprimerie nationale; Duden; Polish typesetting rules (PN-83/P-55366); The Chicago Manual of Style"
	srcContrast    = "HANDOUT-STANDARDS Typography and print: WCAG 2 1.4.3 contrast (minimum)"
)

var rules = []*Rule{
	// Readability
	{ID: "reading-level", Group: "readability", Severity: Error, Threshold: 8, Unit: "grade",
		Checks: "the handout's body text, taken together, reads at or below the grade (error only when every formula puts it above); Spanish: Fernández Huerta 60 and INFLESZ 55 at grade 8",
		Source: srcReadability, check: checkReadingLevel},
	{ID: "reading-level-key", Group: "readability", Severity: Warning, Threshold: 6, Unit: "grade",
		Checks: "headings, warning signs and their actions, each group taken together, read at or below the grade; Spanish: Fernández Huerta 70 and INFLESZ 65 at grade 6",
		Source: srcReadability, check: checkReadingLevelKey},

	// Structure
	{ID: "title-purpose", Group: "structure", Severity: Warning, Threshold: 3, Unit: "words",
		Checks: "the title says what the handout is about: at least this many words, not only generic ones (\"handout\", \"information\")",
		Source: srcStructure, check: checkTitle},
	{ID: "summary", Group: "structure", Severity: Error, Threshold: 4, Unit: "words",
		Checks: "a summary (the main message) or a \"what this means for you\" takeaway of at least this many words",
		Source: srcStructure, check: checkSummary},
	{ID: "section-headings", Group: "structure", Severity: Warning,
		Checks: "every list on the page comes under a heading",
		Source: srcStructure, Pages: true, page: checkSectionHeadings},
	{ID: "list-length", Group: "structure", Severity: Warning, Threshold: 7, Unit: "items",
		Checks: "no list of points is longer than this (the source list is a reference, not a list to take in)",
		Source: srcStructure, check: checkListLength},
	{ID: "section-length", Group: "structure", Severity: Warning, Threshold: 150, Unit: "words",
		Checks: "no section, heading included, is longer than this",
		Source: srcStructure, check: checkSectionLength},

	// Action
	{ID: "action", Group: "action", Severity: Error,
		Checks: "at least one sentence tells the reader what to do (\"Ask your doctor ...\"; English and Spanish)",
		Source: srcStructure, check: checkAction},
	{ID: "checklist-items", Group: "action", Severity: Error,
		Checks: "a discussion checklist has boxes to tick",
		Source: srcStructure, Pages: true, page: checkChecklistItems},
	{ID: "warning-action", Group: "action", Severity: Error,
		Checks: "every warning sign says what to do about it (in words of command: English and Spanish)",
		Source: srcStructure, check: checkWarningActions},

	// Evidence
	{ID: "known-unknown", Group: "evidence", Severity: Error,
		Checks: "an evidence ladder says what is known and what is not known",
		Source: srcStructure, check: checkKnownUnknown},
	{ID: "cited", Group: "evidence", Severity: Error,
		Checks: "every rung and every condition of an evidence ladder cites at least one source",
		Source: srcTrust, check: checkCited},
	{ID: "sources", Group: "evidence", Severity: Error,
		Checks: "the handout lists its sources, each with its text, and every cited source is listed",
		Source: srcTrust, check: checkSources},

	// Trust
	{ID: "disclaimer", Group: "trust", Severity: Error,
		Checks: "a disclaimer says the handout supports, and does not replace, a clinician's advice (wording checked in English and Spanish)",
		Source: srcTrust, check: checkDisclaimer},
	{ID: "publisher", Group: "trust", Severity: Error,
		Checks: "the handout names who publishes it",
		Source: srcTrust, check: checkPublisher},
	{ID: "reviewed-future", Group: "trust", Severity: Error,
		Checks: "the reviewed date is not after today (SOURCE_DATE_EPOCH when set)",
		Source: srcTrust, check: checkReviewedFuture},
	{ID: "reviewed-stale", Group: "trust", Severity: Error, Threshold: 24, Unit: "months",
		Checks: "the reviewed date is not older than this",
		Source: srcTrust, check: checkReviewedStale},

	// Typography, on the laid-out pages
	{ID: "body-size", Group: "typography", Severity: Error, Threshold: 12, Unit: "pt",
		Checks: "the handout's own text is at least this size; small print (sources, disclaimer, publisher line, footer) and the fixed labels are exempt",
		Source: srcType, Pages: true, page: checkBodySize},
	{ID: "min-size", Group: "typography", Severity: Error, Threshold: 9, Unit: "pt",
		Checks: "no text at all is smaller than this",
		Source: srcType, Pages: true, page: checkMinSize},
	{ID: "line-height", Group: "typography", Severity: Warning, Threshold: 1.3, Unit: "times the size",
		Checks: "the distance between the baselines of a body paragraph's lines is at least this",
		Source: srcType, Pages: true, page: checkLineHeight},
	{ID: "line-length", Group: "typography", Severity: Warning, Threshold: 70, Unit: "characters",
		Checks: "no line of body text is longer than this",
		Source: srcType, Pages: true, page: checkLineLength},
	{ID: "all-caps", Group: "typography", Severity: Warning, Threshold: 2, Unit: "words",
		Checks: "no run of capital-letter words is longer than this",
		Source: srcType, Pages: true, page: checkAllCaps},
	{ID: "quotation-marks", Group: "typography", Severity: Warning,
		Checks: "no straight quotation marks, and the quotation marks of the handout's language (en “ ” then ‘ ’; es « » then “ ”; fr « » with spaces; de „ “; pl „ ”; pt, it)",
		Source: srcQuotes, check: checkQuotes},
	{ID: "label-language", Group: "typography", Severity: Warning,
		Checks: "a handout not in English sets the words its layout prints around the content (labels: reviewed, publisher, sources, page, clinic; stronger and weaker on a ladder) where handout has no default in its language, so that no English is printed on its pages",
		Source: srcStructure, check: checkLabelLanguage},
	{ID: "italic", Group: "typography", Severity: Warning,
		Checks: "no text is set in an italic or other face than regular and bold",
		Source: srcType, Pages: true, page: checkItalic},

	// Contrast
	{ID: "contrast", Group: "contrast", Severity: Error, Threshold: 4.5, Unit: "ratio",
		Checks: "every text has this contrast (WCAG formula) with the colour actually behind it; two thirds of it (3:1) for large text, 18 pt or 14 pt bold",
		Source: srcContrast, Pages: true, page: checkContrast},
	{ID: "color-only", Group: "contrast", Severity: Error,
		Checks: "colour is never the only difference between the ladder's rungs: each has a number and a label in words, all different",
		Source: srcStructure + "; WCAG 2 1.4.1 use of color", Pages: true, page: checkColorOnly},

	// Figures
	{ID: "figure-alt", Group: "figures", Severity: Error,
		Checks: "every figure and every image that is not decoration has alternative text",
		Source: "HANDOUT-STANDARDS Accessible PDFs (ISO 14289-1, WCAG 2 1.1.1)", Pages: true, page: checkFigureAlt},

	// The handout's own settings
	{ID: configRule, Group: "lint", Severity: Error,
		Checks: "the handout's lint settings name existing rules, and a threshold only for a rule that has one",
		Source: "this tool", check: func(*ctx, float64) []Finding { return nil }},
}

// fmtNum writes a measured value with one decimal, without a trailing ".0".
func fmtNum(v float64) string {
	return strconv.FormatFloat(round1(v), 'f', -1, 64)
}
