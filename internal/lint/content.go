package lint

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"handout/internal/diag"
	"handout/internal/handout"
)

// Class says which readability target a block of text has.
type Class int

const (
	Body    Class = iota // running text: grade 8
	Heading              // titles, headings, rung labels, condition names: grade 6
	Sign                 // warning signs: grade 6
	Action               // what to do about a warning sign: grade 6
)

var classNames = [...]string{"body text", "headings", "warning signs", "actions"}

func (c Class) String() string { return classNames[c] }

// Block is one text of the handout with its readability figures.
type Block struct {
	Field string
	Pos   diag.Pos
	Class Class
	Text  string
	Scores
}

// Group is the blocks of one class taken together.
type Group struct {
	Class  Class
	Blocks int
	Scores
}

// Readability is the figures of a handout: each block, each class taken
// together, and all its text taken together. Formulas is "en" or "es", the
// formulas used, or "" when none is made for the handout's Language, which
// is then not measured.
type Readability struct {
	Language string
	Formulas string
	Blocks   []Block
	Groups   []Group // only the classes the handout has
	All      Scores
}

func (r Readability) group(c Class) (Group, bool) {
	for _, g := range r.Groups {
		if g.Class == c {
			return g, true
		}
	}
	return Group{}, false
}

// readability scores every text a reader reads on the page: not the source
// list, the labels, the write-in field names or the keywords.
func readability(h *handout.Handout) Readability {
	r := Readability{Language: h.Language.Value, Formulas: formulasFor(h.Language.Value)}
	count, score := Count, Score
	switch r.Formulas {
	case "es":
		count, score = CountSpanish, ScoreSpanish
	case "":
		count = func(s string) Counts {
			c := Count(s)
			return Counts{Words: c.Words, Sentences: c.Sentences}
		}
		score = func(c Counts) Scores { return Scores{Counts: c} }
	}
	add := func(t handout.Text, c Class) {
		if t.IsZero() {
			return
		}
		r.Blocks = append(r.Blocks, Block{Field: t.Field, Pos: t.Pos, Class: c, Text: t.Value, Scores: score(count(t.Value))})
	}
	add(h.Title, Heading)
	add(h.Subtitle, Heading)
	add(h.Summary, Body)
	if l := h.Ladder; l != nil {
		add(l.Heading, Heading)
		add(l.Caption, Body)
		for _, rg := range l.Rungs {
			add(rg.Label, Heading)
			add(rg.Text, Body)
		}
		add(l.Conditions.Heading, Heading)
		for _, c := range l.Conditions.Items {
			add(c.Name, Heading)
			add(c.Standing, Heading)
			add(c.Text, Body)
		}
		for _, s := range []handout.Section{l.Questions, l.Known, l.Unknown} {
			add(s.Heading, Heading)
			for _, t := range s.Items {
				add(t, Body)
			}
		}
		if l.Takeaway != nil {
			add(l.Takeaway.Heading, Heading)
			add(l.Takeaway.Text, Body)
		}
	}
	if cl := h.Checklist; cl != nil {
		add(cl.Warnings.Heading, Heading)
		for _, w := range cl.Warnings.Items {
			add(w.Sign, Sign)
			add(w.Action, Action)
		}
		for _, s := range cl.Sections {
			add(s.Heading, Heading)
			for _, it := range s.Items {
				add(it.Text, Body)
			}
		}
		if cl.Notes != nil {
			add(cl.Notes.Heading, Heading)
		}
	}
	add(h.Disclaimer, Body)

	var all Counts
	for c := Body; c <= Action; c++ {
		var sum Counts
		n := 0
		for _, b := range r.Blocks {
			if b.Class == c {
				sum = sum.Add(b.Counts)
				n++
			}
		}
		if n > 0 {
			r.Groups = append(r.Groups, Group{Class: c, Blocks: n, Scores: score(sum)})
		}
		all = all.Add(sum)
	}
	r.All = score(all)
	return r
}

// formulasFor returns the readability formulas made for a language (a BCP
// 47 tag): "en", "es", or "" for none.
func formulasFor(lang string) string {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch primary {
	case "en", "es":
		return primary
	}
	return ""
}

// gradeFinding reports a group of text whose whole grade range is above
// threshold, at its hardest block.
func (c *ctx) gradeFinding(cl Class, threshold float64) []Finding {
	g, ok := c.read.group(cl)
	if !ok || g.Words == 0 || !g.above(threshold) {
		return nil
	}
	var blocks []Block
	for _, b := range c.read.Blocks {
		if b.Class == cl {
			blocks = append(blocks, b)
		}
	}
	sort.SliceStable(blocks, func(i, j int) bool { return blocks[i].hardness() > blocks[j].hardness() })
	var hardest []string
	for _, b := range blocks[:min(3, len(blocks))] {
		hardest = append(hardest, fmt.Sprintf("%s (%s)", b.Field, b.Range()))
	}
	hint := "the hardest: " + strings.Join(hardest, ", ") +
		"; use shorter sentences and everyday words, and explain a needed medical word once in plain words"
	if cl != Body {
		hint = "the hardest: " + strings.Join(hardest, ", ") + "; keep them short, in everyday words"
	}
	m := g.measured()
	m["threshold"] = threshold
	verb := "read"
	if cl == Body {
		verb = "reads"
	}
	msg := fmt.Sprintf("the %s %s at %s, above grade %s (%s)", cl, verb, g.Range(), fmtNum(threshold), g.Detail())
	if g.Formulas == "es" {
		huerta, inflesz := spanishTargets(threshold)
		m["target_fernandez_huerta"], m["target_szigriszt_pazos"] = huerta, inflesz
		msg = fmt.Sprintf("the %s %s above grade %s: %s; the targets are Fernández Huerta %s and INFLESZ %s",
			cl, verb, fmtNum(threshold), g.Detail(), fmtNum(huerta), fmtNum(inflesz))
	}
	return []Finding{{Pos: blocks[0].Pos, Field: blocks[0].Field, Measured: m, Message: msg, Hint: hint}}
}

func checkReadingLevel(c *ctx, threshold float64) []Finding {
	if c.read.Formulas == "" {
		return c.notMeasured()
	}
	return c.gradeFinding(Body, threshold)
}

// notMeasured is the note of the readability rules on a handout in a
// language no formula is made for.
func (c *ctx) notMeasured() []Finding {
	return []Finding{{Pos: c.h.Language.Pos, Field: "language", Severity: Note,
		Message: fmt.Sprintf("readability not measured: lint has readability formulas for English and Spanish only, and this handout is in %q", c.h.Language.Value),
		Hint:    "have the text read by someone who knows its readers; short sentences and everyday words help in every language"}}
}

func checkReadingLevelKey(c *ctx, threshold float64) []Finding {
	if c.read.Formulas == "" {
		return c.notMeasured()
	}
	var out []Finding
	for _, cl := range []Class{Heading, Sign, Action} {
		out = append(out, c.gradeFinding(cl, threshold)...)
	}
	return out
}

// genericWords say nothing about what a handout is for.
var genericWords = map[string]bool{
	"handout": true, "handouts": true, "information": true, "info": true, "leaflet": true, "factsheet": true,
	"fact": true, "facts": true, "sheet": true, "document": true, "page": true, "untitled": true, "title": true,
	"draft": true, "new": true, "patient": true, "patients": true, "guide": true, "the": true, "a": true, "an": true,
	"of": true, "for": true, "and": true, "to": true, "your": true, "my": true, "about": true, "on": true, "in": true,
	"our": true, "clinic": true, "health": true, "care": true,
}

func checkTitle(c *ctx, threshold float64) []Finding {
	t := c.h.Title
	ws := words(t.Value)
	generic := true
	for _, w := range ws {
		if !genericWords[strings.ToLower(w.text)] {
			generic = false
		}
	}
	switch {
	case float64(len(ws)) < threshold:
		return []Finding{{Pos: t.Pos, Field: t.Field, Measured: map[string]float64{"words": float64(len(ws))},
			Message: fmt.Sprintf("the title has %s; it should say what the handout is about", plural(len(ws), "word")),
			Hint:    "name the topic and what the page is for, e.g. \"Knee Pain Visit Checklist\""}}
	case generic:
		return []Finding{{Pos: t.Pos, Field: t.Field,
			Message: fmt.Sprintf("the title %q could be on any handout", t.Value),
			Hint:    "name the topic and what the page is for, e.g. \"Knee Pain Visit Checklist\""}}
	}
	return nil
}

func checkSummary(c *ctx, threshold float64) []Finding {
	n := len(words(c.h.Summary.Value))
	if l := c.h.Ladder; l != nil && l.Takeaway != nil {
		n = max(n, len(words(l.Takeaway.Text.Value)))
	}
	if float64(n) >= threshold {
		return nil
	}
	pos := c.h.Summary.Pos
	return []Finding{{Pos: pos, Field: "summary", Measured: map[string]float64{"words": float64(n)},
		Message: fmt.Sprintf("the main message has %s; a reader needs a summary that stands on its own", plural(n, "word")),
		Hint:    "write the one thing to remember as the summary, in a full sentence"}}
}

// list is a list of points in the model.
type list struct {
	field string
	first handout.Text
	n     int
}

func (c *ctx) lists() []list {
	var ls []list
	add := func(field string, texts []handout.Text) {
		if len(texts) > 0 {
			ls = append(ls, list{field, texts[0], len(texts)})
		}
	}
	if l := c.h.Ladder; l != nil {
		var rungs, conds []handout.Text
		for _, r := range l.Rungs {
			rungs = append(rungs, r.Label)
		}
		for _, x := range l.Conditions.Items {
			conds = append(conds, x.Name)
		}
		add("ladder.rungs", rungs)
		add("conditions.items", conds)
		add("questions.items", l.Questions.Items)
		add("known.items", l.Known.Items)
		add("unknown.items", l.Unknown.Items)
	}
	if cl := c.h.Checklist; cl != nil {
		var signs []handout.Text
		for _, w := range cl.Warnings.Items {
			signs = append(signs, w.Sign)
		}
		add("warnings.items", signs)
		for i, s := range cl.Sections {
			var items []handout.Text
			for _, it := range s.Items {
				items = append(items, it.Text)
			}
			add(fmt.Sprintf("sections[%d].items", i), items)
		}
	}
	return ls
}

func checkListLength(c *ctx, threshold float64) []Finding {
	var out []Finding
	for _, l := range c.lists() {
		if float64(l.n) > threshold {
			out = append(out, Finding{Pos: l.first.Pos, Field: l.field, Measured: map[string]float64{"items": float64(l.n)},
				Message: fmt.Sprintf("%s has %d items, more than %s", l.field, l.n, fmtNum(threshold)),
				Hint:    "split it under two headings, or keep the items that matter most"})
		}
	}
	return out
}

// section is a heading and the texts under it.
type section struct {
	heading handout.Text
	field   string
	texts   []handout.Text
}

func (c *ctx) sections() []section {
	var ss []section
	if l := c.h.Ladder; l != nil {
		s := section{heading: l.Heading, field: "ladder", texts: []handout.Text{l.Caption}}
		for _, r := range l.Rungs {
			s.texts = append(s.texts, r.Label, r.Text)
		}
		ss = append(ss, s)
		s = section{heading: l.Conditions.Heading, field: "conditions"}
		for _, x := range l.Conditions.Items {
			s.texts = append(s.texts, x.Name, x.Standing, x.Text)
		}
		ss = append(ss, s,
			section{l.Questions.Heading, "questions", l.Questions.Items},
			section{l.Known.Heading, "known", l.Known.Items},
			section{l.Unknown.Heading, "unknown", l.Unknown.Items})
		if l.Takeaway != nil {
			ss = append(ss, section{l.Takeaway.Heading, "takeaway", []handout.Text{l.Takeaway.Text}})
		}
	}
	if cl := c.h.Checklist; cl != nil {
		s := section{heading: cl.Warnings.Heading, field: "warnings"}
		for _, w := range cl.Warnings.Items {
			s.texts = append(s.texts, w.Sign, w.Action)
		}
		ss = append(ss, s)
		for i, sec := range cl.Sections {
			s := section{heading: sec.Heading, field: fmt.Sprintf("sections[%d]", i)}
			for _, it := range sec.Items {
				s.texts = append(s.texts, it.Text)
			}
			ss = append(ss, s)
		}
	}
	return ss
}

func checkSectionLength(c *ctx, threshold float64) []Finding {
	var out []Finding
	for _, s := range c.sections() {
		n := len(words(s.heading.Value))
		for _, t := range s.texts {
			n += len(words(t.Value))
		}
		if float64(n) > threshold {
			out = append(out, Finding{Pos: s.heading.Pos, Field: s.field, Measured: map[string]float64{"words": float64(n)},
				Message: fmt.Sprintf("the section %q has %d words, more than %s", s.heading.Value, n, fmtNum(threshold)),
				Hint:    "cut it down to what the reader needs, or split it under two headings"})
		}
	}
	return out
}

// imperatives are verbs that start a sentence telling the reader what to do.
var imperatives = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`add apply ask avoid be book bring call check choose circle come compare
		consider contact continue copy cut discuss do drink eat email find follow get give go have jot keep
		learn let limit list look make mark measure note phone plan prepare put read record remember rest
		return review ring say see seek share show skip start stop store switch take talk tell text think
		tick track try use visit wait wash watch weigh write`) {
		imperatives[w] = true
	}
}

// conditionWords open a clause before an instruction: "If it spreads, call".
var conditionWords = map[string]bool{"if": true, "when": true, "before": true, "after": true, "once": true, "until": true, "while": true, "whenever": true}

// isAction reports whether a sentence tells the reader what to do: it starts
// with a verb of command ("Ask your doctor", "Do not wait", "If it spreads,
// call ..."), or says what "you should", "can" or "need to" do.
func isAction(s []token) bool {
	ws := make([]string, len(s))
	for i, t := range s {
		ws[i] = strings.ToLower(strings.ReplaceAll(t.text, "’", "'"))
	}
	at := 0
	if len(ws) > 0 && conditionWords[ws[0]] {
		at = -1
		for i, t := range s {
			if t.comma {
				at = i + 1
				break
			}
		}
	}
	if at >= 0 && at < len(ws) {
		w := ws[at]
		if w == "please" || w == "always" || w == "never" || w == "first" || w == "also" {
			at++
			if at >= len(ws) {
				return false
			}
			w = ws[at]
		}
		next := ""
		if at+1 < len(ws) {
			next = ws[at+1]
		}
		switch {
		case w == "don't" || w == "dont" || (w == "do" && next == "not"):
			return true
		case imperatives[w] && !subjects[next]:
			return true
		}
	}
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == "you" && modals[ws[i+1]] {
			return true
		}
	}
	return false
}

// subjects after a verb make a question ("Have you ...?"), not an instruction.
var subjects = map[string]bool{"you": true, "we": true, "they": true, "i": true, "he": true, "she": true}
var modals = map[string]bool{"should": true, "can": true, "could": true, "must": true, "need": true, "may": true, "might": true}

func hasAction(text string) bool {
	for _, s := range sentences(text) {
		if isAction(s) {
			return true
		}
	}
	return false
}

// wording returns the language whose wording the checks of instructions and
// disclaimers understand, "en" or "es", or "" when the handout is in
// another.
func (c *ctx) wording() string {
	primary, _, _ := strings.Cut(strings.ToLower(c.h.Language.Value), "-")
	if primary == "en" || primary == "es" {
		return primary
	}
	return ""
}

// hasAction reports whether text, in the handout's language, has a sentence
// that tells the reader what to do.
func (c *ctx) hasAction(text string) bool {
	if c.wording() != "es" {
		return hasAction(text)
	}
	for _, s := range sentences(text) {
		if isActionES(s) {
			return true
		}
	}
	return false
}

func checkAction(c *ctx, _ float64) []Finding {
	if c.wording() == "" {
		return c.notEnglish("telling an instruction from other sentences works in English and Spanish only")
	}
	for _, b := range c.read.Blocks {
		if b.Class != Heading && c.hasAction(b.Text) {
			return nil
		}
	}
	if c.wording() == "es" {
		return []Finding{{Pos: c.h.Summary.Pos, Field: "summary",
			Message: "no sentence tells the reader what to do",
			Hint:    "add an action addressed to the reader, such as \"Pregunte a su médico qué tratamiento le conviene.\""}}
	}
	return []Finding{{Pos: c.h.Summary.Pos, Field: "summary",
		Message: "no sentence tells the reader what to do",
		Hint:    "add an action addressed to the reader, such as \"Ask your doctor which treatment fits you.\""}}
}

func checkWarningActions(c *ctx, _ float64) []Finding {
	cl := c.h.Checklist
	if cl == nil {
		return nil
	}
	var out []Finding
	for i, w := range cl.Warnings.Items {
		field := fmt.Sprintf("warnings.items[%d]", i)
		switch {
		case w.Action.IsZero():
			out = append(out, Finding{Pos: w.Sign.Pos, Field: field,
				Message: fmt.Sprintf("the warning sign %q does not say what to do", w.Sign.Value),
				Hint:    "add an action, such as \"Call your clinic today.\""})
		case c.wording() != "" && !c.hasAction(w.Action.Value):
			hint := "start with what to do: \"Call your clinic today.\", \"Get seen soon.\""
			if c.wording() == "es" {
				hint = "start with what to do: \"Llame hoy a su clínica.\", \"Pida una cita pronto.\""
			}
			out = append(out, Finding{Pos: w.Action.Pos, Field: w.Action.Field,
				Message: fmt.Sprintf("the action %q does not tell the reader what to do", w.Action.Value),
				Hint:    hint})
		}
	}
	return out
}

func checkKnownUnknown(c *ctx, _ float64) []Finding {
	l := c.h.Ladder
	if l == nil {
		return nil
	}
	var out []Finding
	for _, s := range []struct {
		sec  handout.Section
		what string
	}{{l.Known, "known"}, {l.Unknown, "unknown"}} {
		if len(s.sec.Items) == 0 {
			out = append(out, Finding{Pos: diag.Pos{File: c.h.File}, Field: s.what,
				Message: fmt.Sprintf("the ladder does not say what is %s", s.what),
				Hint:    fmt.Sprintf("add a %q section with at least one item", s.what)})
		}
	}
	return out
}

func checkCited(c *ctx, _ float64) []Finding {
	l := c.h.Ladder
	if l == nil {
		return nil
	}
	var out []Finding
	for i, r := range l.Rungs {
		if len(r.Sources) == 0 {
			out = append(out, Finding{Pos: r.Label.Pos, Field: fmt.Sprintf("ladder.rungs[%d]", i),
				Message: fmt.Sprintf("rung %d (%q) cites no source", i+1, r.Label.Value),
				Hint:    "add \"sources: [id]\" naming the evidence it rests on"})
		}
	}
	for i, x := range l.Conditions.Items {
		if len(x.Sources) == 0 {
			out = append(out, Finding{Pos: x.Name.Pos, Field: fmt.Sprintf("conditions.items[%d]", i),
				Message: fmt.Sprintf("the claim about %q cites no source", x.Name.Value),
				Hint:    "add \"sources: [id]\" naming the evidence it rests on"})
		}
	}
	return out
}

func checkSources(c *ctx, _ float64) []Finding {
	h := c.h
	if len(h.Sources) == 0 {
		return []Finding{{Pos: diag.Pos{File: h.File}, Field: "sources",
			Message: "the handout lists no sources", Hint: "add the references its claims rest on under \"sources:\""}}
	}
	var out []Finding
	ids := map[string]bool{}
	for i, s := range h.Sources {
		ids[s.ID.Value] = true
		if s.Text.IsZero() {
			out = append(out, Finding{Pos: s.ID.Pos, Field: fmt.Sprintf("sources[%d]", i),
				Message: fmt.Sprintf("source %q has no text", s.ID.Value), Hint: "write the reference as it should be printed"})
		}
	}
	if l := h.Ladder; l != nil {
		var refs []handout.Text
		for _, r := range l.Rungs {
			refs = append(refs, r.Sources...)
		}
		for _, x := range l.Conditions.Items {
			refs = append(refs, x.Sources...)
		}
		for _, r := range refs {
			if !ids[r.Value] {
				out = append(out, Finding{Pos: r.Pos, Field: r.Field,
					Message: fmt.Sprintf("%s cites source %q, which is not in sources", r.Field, r.Value),
					Hint:    "add it to sources, or correct the id"})
			}
		}
	}
	return out
}

var (
	clinicianWords = []string{"clinician", "doctor", "physician", "nurse", "pharmacist", "health care", "healthcare",
		"provider", "professional", "dermatologist", "care team", "gp", "specialist"}
	replaceWords = []string{"replace", "substitute", "not medical advice", "take the place", "instead of"}
)

func checkDisclaimer(c *ctx, _ float64) []Finding {
	d := c.h.Disclaimer
	if d.IsZero() {
		return []Finding{{Pos: diag.Pos{File: c.h.File}, Field: "disclaimer",
			Message: "the handout has no disclaimer",
			Hint:    "say that it supports, and does not replace, advice from the reader's clinician"}}
	}
	switch c.wording() {
	case "":
		return nil // its wording is checked in English and Spanish only
	case "es":
		text := " " + foldES(d.Value) + " "
		if containsAny(text, clinicianWordsES) && containsAny(text, replaceWordsES) {
			return nil
		}
		return []Finding{{Pos: d.Pos, Field: d.Field,
			Message: "the disclaimer does not say that the handout does not replace a clinician's advice",
			Hint:    "for example: \"Esta hoja informa y no reemplaza los consejos de su médico u otro profesional de la salud.\""}}
	}
	text := " " + strings.ToLower(d.Value) + " "
	if containsAny(text, clinicianWords) && containsAny(text, replaceWords) {
		return nil
	}
	return []Finding{{Pos: d.Pos, Field: d.Field,
		Message: "the disclaimer does not say that the handout does not replace a clinician's advice",
		Hint:    "for example: \"It supports, and does not replace, advice from your doctor or other clinician.\""}}
}

func containsAny(text string, words []string) bool {
	for _, w := range words {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

func checkPublisher(c *ctx, _ float64) []Finding {
	if !c.h.Publisher.Name.IsZero() {
		return nil
	}
	return []Finding{{Pos: diag.Pos{File: c.h.File}, Field: "publisher.name",
		Message: "the handout does not say who publishes it", Hint: "add \"publisher: {name: ...}\""}}
}

// day is the calendar day of t in UTC.
func day(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func (c *ctx) today() time.Time {
	if c.now.IsZero() {
		return day(time.Now())
	}
	return day(c.now)
}

func checkReviewedFuture(c *ctx, _ float64) []Finding {
	r := c.h.Reviewed
	if r.Time.IsZero() {
		return []Finding{{Pos: diag.Pos{File: c.h.File}, Field: "reviewed",
			Message: "the handout has no reviewed date", Hint: "add \"reviewed: YYYY-MM-DD\", the day the content was last checked"}}
	}
	today := c.today()
	if !day(r.Time).After(today) {
		return nil
	}
	return []Finding{{Pos: r.Pos, Field: r.Field,
		Message: fmt.Sprintf("the reviewed date %s is after today, %s", r.Time.Format("2006-01-02"), today.Format("2006-01-02")),
		Hint:    "write the day the content was actually reviewed"}}
}

func checkReviewedStale(c *ctx, threshold float64) []Finding {
	r := c.h.Reviewed
	if r.Time.IsZero() {
		return nil
	}
	today := c.today()
	months := int(threshold)
	if !day(r.Time).AddDate(0, months, 0).Before(today) {
		return nil
	}
	age := (today.Year()-r.Time.Year())*12 + int(today.Month()-r.Time.Month())
	if today.Day() < r.Time.Day() {
		age--
	}
	return []Finding{{Pos: r.Pos, Field: r.Field, Measured: map[string]float64{"months": float64(age)},
		Message: fmt.Sprintf("the content was last reviewed on %s, %d months ago, more than %d", r.Time.Format("2006-01-02"), age, months),
		Hint:    "check the content against current evidence, then update the reviewed date"}}
}

// checkLabelLanguage finds the printed labels a handout not in English left
// at their English defaults: its pages would carry English words.
func checkLabelLanguage(c *ctx, _ float64) []Finding {
	lang := strings.ToLower(c.h.Language.Value)
	if lang == "en" || strings.HasPrefix(lang, "en-") {
		return nil
	}
	type label struct {
		key string
		t   handout.Text
	}
	l := c.h.Labels
	labels := []label{{"reviewed", l.Reviewed}, {"publisher", l.Publisher}, {"sources", l.Sources}, {"page", l.Page}, {"clinic", l.Clinic}}
	if c.h.Kind == handout.KindEvidenceLadder {
		labels = append(labels, label{"stronger", l.Stronger}, label{"weaker", l.Weaker})
	}
	var out []Finding
	for _, x := range labels {
		// A label the handout sets has a line; a default has none.
		if x.t.Pos.Line != 0 || x.t.Value != handout.EnglishLabel(x.key) {
			continue
		}
		out = append(out, Finding{Pos: c.h.Language.Pos, Field: "labels." + x.key,
			Message: fmt.Sprintf("labels.%s is printed in English (%q) on a handout in %q", x.key, x.t.Value, c.h.Language.Value),
			Hint:    fmt.Sprintf("add \"%s: ...\" under labels, in the handout's language", x.key)})
	}
	return out
}
