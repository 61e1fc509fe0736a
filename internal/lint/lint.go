// Package lint checks a handout against the patient-education and
// accessibility standards in HANDOUT-STANDARDS.md: plain language
// (readability formulas), structure, actions, evidence, trust, and the
// typography and contrast of the laid-out pages.
//
// It reads the same two things the PDF is made from: the model (package
// handout) for what the handout says, and the laid-out documents (package
// layout), one per paper size, for how it looks. It never parses a PDF.
//
// Every rule has a stable id, a default severity, a threshold where it has
// one, and the standard it comes from (Rules). A handout may turn a rule off
// or change its threshold, for a stated reason, in its "lint:" field; every
// such setting is reported as a note, so nothing is switched off silently.
package lint

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// Severity says how much a finding matters.
type Severity int

const (
	Error   Severity = iota // the handout falls short of a standard: exit 1, and no PDF with --strict
	Warning                 // worth fixing; does not fail
	Note                    // information: a rule this handout turned off or changed
)

func (s Severity) String() string {
	return [...]string{"error", "warning", "note"}[s]
}

// Finding is one result of one rule.
type Finding struct {
	Pos      diag.Pos
	Severity Severity
	Rule     string // the rule id
	Message  string
	Hint     string
	Field    string // the YAML path of the text concerned, when there is one
	// Papers names the paper sizes a finding on the laid-out pages was
	// made on; empty for findings on the content.
	Papers []string
	// Measured holds the figures behind the finding (a grade, a contrast
	// ratio, a size in points), for tools reading --json.
	Measured map[string]float64
}

// String renders the finding as the CLI prints it:
// "file:line:col: severity rule-id: message (hint)".
func (f Finding) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s: %s", f.Pos, f.Severity, f.Rule, f.Message)
	if f.Hint != "" {
		fmt.Fprintf(&b, " (%s)", f.Hint)
	}
	return b.String()
}

// Result is what linting one handout finds.
type Result struct {
	File     string
	Findings []Finding // sorted by position
	// Readability holds the figures of every block of text and of each
	// group of blocks, for reports.
	Readability Readability
}

// Options are the inputs of a lint run besides the handout.
type Options struct {
	// Now is the date the reviewed date is judged against: the time from
	// SOURCE_DATE_EPOCH when it is set, else the current time.
	Now time.Time
}

// Run lints one handout. docs are its laid-out documents, one per paper size
// (the CLI passes Letter and A4); the rules on the laid-out pages run on
// each. A nil or empty docs runs the content rules only.
func Run(h *handout.Handout, docs []*layout.Document, opt Options) Result {
	c := &ctx{h: h, now: opt.Now, read: readability(h)}
	for _, d := range docs {
		if d != nil {
			c.docs = append(c.docs, d)
		}
	}
	settings, findings := c.settings()
	for _, r := range rules {
		s := settings[r.ID]
		if s.off {
			continue
		}
		threshold := r.Threshold
		if s.hasThreshold {
			threshold = s.threshold
		}
		var got []Finding
		if r.Pages {
			got = c.onPages(r, threshold)
		} else {
			got = r.check(c, threshold)
		}
		for i := range got {
			got[i].Rule = r.ID
			if got[i].Severity != Note { // a rule may say it could not check
				got[i].Severity = r.Severity
			}
			if got[i].Pos.File == "" {
				got[i].Pos.File = h.File
			}
		}
		findings = append(findings, got...)
	}
	sortFindings(findings)
	return Result{File: h.File, Findings: findings, Readability: c.read}
}

// Check lints one handout and returns its errors and warnings as
// diagnostics (notes are left out), for "handout build --strict": refuse to
// build when the list has an error. Each diagnostic's Code is the rule id
// and its Message starts with it. now is the date reviewed dates are judged
// against (SOURCE_DATE_EPOCH, else time.Now()).
func Check(h *handout.Handout, docs []*layout.Document, now time.Time) diag.List {
	var l diag.List
	for _, f := range Run(h, docs, Options{Now: now}).Findings {
		if f.Severity == Note {
			continue
		}
		sev := diag.Error
		if f.Severity == Warning {
			sev = diag.Warning
		}
		l = append(l, diag.Diagnostic{Pos: f.Pos, Severity: sev, Code: f.Rule, Field: f.Field,
			Message: f.Rule + ": " + f.Message, Hint: f.Hint})
	}
	return l
}

// ctx is what the rules read.
type ctx struct {
	h    *handout.Handout
	docs []*layout.Document
	now  time.Time
	read Readability
}

// notEnglish is the note a rule gives when it cannot check a handout in a
// language it does not understand; why says which it does.
func (c *ctx) notEnglish(why string) []Finding {
	return []Finding{{Pos: c.h.Language.Pos, Field: "language", Severity: Note,
		Message: fmt.Sprintf("not checked: %s, and this handout is in %q", why, c.h.Language.Value)}}
}

// onPages runs a rule on every laid-out document and merges what is found on
// several paper sizes into one finding.
func (c *ctx) onPages(r *Rule, threshold float64) []Finding {
	var all []Finding
	index := map[string]int{}
	for _, d := range c.docs {
		for _, f := range r.page(c, d, threshold) {
			key := fmt.Sprintf("%s|%d|%d|%s|%s", f.Pos.File, f.Pos.Line, f.Pos.Col, f.Message, f.Hint)
			if i, ok := index[key]; ok {
				all[i].Papers = append(all[i].Papers, d.Paper.Name)
				continue
			}
			f.Papers = []string{d.Paper.Name}
			index[key] = len(all)
			all = append(all, f)
		}
	}
	// Name the paper in the message when a finding is not on every size.
	for i := range all {
		if len(all[i].Papers) < len(c.docs) {
			all[i].Message += " (on " + strings.Join(paperNames(all[i].Papers), " and ") + ")"
		}
	}
	return all
}

func paperNames(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		switch p {
		case "letter":
			out[i] = "Letter"
		case "a4":
			out[i] = "A4"
		default:
			out[i] = p
		}
	}
	return out
}

// setting is a rule's configuration for one handout.
type setting struct {
	off          bool
	threshold    float64
	hasThreshold bool
}

// settings applies the handout's lint settings: it returns them by rule, and
// a note for each (and an error for each that cannot apply).
func (c *ctx) settings() (map[string]setting, []Finding) {
	out := map[string]setting{}
	var fs []Finding
	for _, s := range c.h.Lint {
		r := ruleByID(s.Rule.Value)
		pos := s.Rule.Pos
		if pos.File == "" {
			pos.File = c.h.File
		}
		bad := func(msg, hint string) {
			fs = append(fs, Finding{Pos: pos, Severity: Error, Rule: configRule, Field: s.Rule.Field, Message: msg, Hint: hint})
		}
		switch {
		case r == nil:
			hint := "\"handout lint --rules\" lists the rules"
			if sug := suggestRule(s.Rule.Value); sug != "" {
				hint = fmt.Sprintf("did you mean %q?", sug)
			}
			bad(fmt.Sprintf("there is no rule %q", s.Rule.Value), hint)
			continue
		case r.ID == configRule:
			bad("the lint settings cannot be turned off", "fix the setting it reports instead")
			continue
		case s.HasThreshold && r.Unit == "":
			bad(fmt.Sprintf("rule %s has no threshold to change", r.ID), "turn it off with \"off: true\", or remove the setting")
			continue
		}
		if s.Off {
			out[r.ID] = setting{off: true}
			fs = append(fs, Finding{Pos: pos, Severity: Note, Rule: r.ID, Field: s.Rule.Field,
				Message: "turned off for this handout: " + s.Reason.Value})
			continue
		}
		out[r.ID] = setting{threshold: s.Threshold, hasThreshold: true}
		fs = append(fs, Finding{Pos: pos, Severity: Note, Rule: r.ID, Field: s.Rule.Field,
			Message:  fmt.Sprintf("threshold %s instead of %s for this handout: %s", r.format(s.Threshold), r.format(r.Threshold), s.Reason.Value),
			Measured: map[string]float64{"threshold": s.Threshold, "default": r.Threshold}})
	}
	return out, fs
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// suggestRule returns the rule id closest to s when it is likely a typo.
func suggestRule(s string) string {
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID
	}
	return handout.Suggest(s, ids)
}
