package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A block of text (a heading, a paragraph, a list item) is split into
// sentences and words the way the readability formulas count them:
//
//   - A sentence ends with a full stop, a question mark or an exclamation
//     mark, and at the end of the block: a heading or a list item without
//     final punctuation is a sentence of its own, never run into the next.
//     Colons, semicolons and dashes do not end a sentence (Flesch would split
//     there between two full clauses, which takes a reader to judge), so
//     sentences come out long rather than short, and grades high rather than
//     low.
//   - A full stop after an abbreviation (Dr., e.g., i.e., vs.) or inside
//     letters such as U.S. does not end a sentence; after "etc." and a few
//     others it does when a capital letter follows. A full stop between
//     digits (3.5) is a decimal point.
//   - Words are separated by spaces, dashes and slashes. A hyphenated word
//     (gut-skin, fast-worsening), a contraction (don't), an abbreviation and
//     a figure with its commas (1,000) are one word each.

// token is one word of a sentence.
type token struct {
	text  string // the word as written, without surrounding punctuation
	comma bool   // followed by a comma, colon or semicolon
}

// sentences splits one block into sentences of words.
func sentences(block string) [][]token {
	raw := splitWords(block)
	var out [][]token
	var cur []token
	for i, r := range raw {
		core, tail := trimWord(r)
		if isWord(core) {
			cur = append(cur, token{text: core, comma: strings.ContainsAny(tail, ",;:")})
		}
		next := ""
		if i+1 < len(raw) {
			next = raw[i+1]
		}
		if len(cur) > 0 && endsSentence(core, tail, next) {
			out = append(out, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// splitWords splits at white space, dashes and slashes, keeping hyphens and
// the dash or slash between two digits (3–5, 1/2).
func splitWords(s string) []string {
	rs := []rune(s)
	var words []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			words = append(words, string(rs[start:end]))
			start = -1
		}
	}
	for i, r := range rs {
		sep := unicode.IsSpace(r)
		if r == '—' || r == '–' || r == '/' || r == '―' {
			between := i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1])
			sep = !between
		}
		if sep {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
		}
	}
	flush(len(rs))
	return words
}

const (
	openers = `"'“‘([{«¿¡`
	closers = `"'”’)]}»,;:`
	stops   = ".!?…"
)

// trimWord removes the punctuation around a word and returns the word and
// what followed it (closing quotes, brackets and stops). A full stop that
// belongs to an abbreviation stays on the word.
func trimWord(w string) (core, tail string) {
	w = strings.TrimLeft(w, openers)
	end := len(w)
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(w[:end])
		if !strings.ContainsRune(closers+stops, r) {
			break
		}
		end -= size
	}
	core, tail = w[:end], w[end:]
	// Keep the full stop of an abbreviation or of letters like "U.S.".
	if strings.HasPrefix(tail, ".") && core != "" {
		withDot := core + "."
		lower := strings.ToLower(withDot)
		if _, ok := abbreviations[lower]; ok || isDottedAcronym(withDot) || maybeEnds[lower] || spanishAbbreviations[lower] {
			core, tail = withDot, tail[1:]
		}
	}
	return core, tail
}

// isWord reports whether s counts as a word: it has a letter or a digit, or
// is "&".
func isWord(s string) bool {
	if s == "&" {
		return true
	}
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// spanishAbbreviations are Spanish abbreviations whose full stop ends no
// sentence ("la Dra. García"); no English word is spelt like one.
var spanishAbbreviations = map[string]bool{
	"dra.": true, "sr.": true, "sra.": true, "srta.": true, "ud.": true, "uds.": true, "dña.": true,
	"pág.": true, "págs.": true, "núm.": true, "tel.": true, "aprox.": true, "lic.": true, "enf.": true,
}

// maybeEnds are abbreviations that end a sentence when a capital follows.
var maybeEnds = map[string]bool{"etc.": true, "a.m.": true, "p.m.": true, "inc.": true, "ltd.": true, "co.": true}

// endsSentence reports whether the word core, followed by tail and then the
// raw word next, ends a sentence.
func endsSentence(core, tail, next string) bool {
	if strings.ContainsAny(tail, "!?") {
		return true
	}
	lower := strings.ToLower(core)
	switch {
	case strings.ContainsAny(tail, ".…"):
		return true
	case maybeEnds[lower]:
		return startsUpper(next)
	case strings.HasSuffix(core, "."):
		// Dr., e.g., U.S.: the full stop is part of the word.
		return false
	}
	return false
}

func startsUpper(s string) bool {
	s = strings.TrimLeft(s, openers)
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// words returns the words of a block, in order.
func words(block string) []token {
	var out []token
	for _, s := range sentences(block) {
		out = append(out, s...)
	}
	return out
}
