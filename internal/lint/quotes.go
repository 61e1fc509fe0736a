package lint

import (
	"fmt"
	"strings"
	"unicode"
)

// Quotation marks are the author's to type: the layout prints the text as
// written and composes no quotation of its own, so a handout's quotation
// marks are right when its text has the right ones. The quotation-marks rule
// checks them against the conventions of the handout's language, outer
// marks first and the marks for a quotation inside a quotation next:
//
//	en     “ ”  then ‘ ’     (US and UK book practice)
//	es     « »  then “ ”  then ‘ ’   (Real Academia, Ortografía 2010)
//	pt     « »  then “ ”     (pt-BR: “ ” then ‘ ’)
//	fr     « »  then “ ”, with a space inside the guillemets
//	it     « »  then “ ”
//	de     „ “  then ‚ ‘     (de-CH: « » then ‹ ›)
//	pl     „ ”  then « »
//
// A straight quotation mark (" or ' used as one) is flagged in every
// language; an apostrophe between letters (don't, l'eau) is not.

// quoteStyle is how one language quotes.
type quoteStyle struct {
	name   string    // the language's name in English
	levels [][2]rune // opening and closing mark, outermost first
	space  bool      // a space inside the marks (French guillemets)
}

var quoteStyles = map[string]quoteStyle{
	"en":    {"English", [][2]rune{{'“', '”'}, {'‘', '’'}}, false},
	"es":    {"Spanish", [][2]rune{{'«', '»'}, {'“', '”'}, {'‘', '’'}}, false},
	"pt":    {"Portuguese", [][2]rune{{'«', '»'}, {'“', '”'}}, false},
	"pt-br": {"Brazilian Portuguese", [][2]rune{{'“', '”'}, {'‘', '’'}}, false},
	"fr":    {"French", [][2]rune{{'«', '»'}, {'“', '”'}}, true},
	"it":    {"Italian", [][2]rune{{'«', '»'}, {'“', '”'}}, false},
	"de":    {"German", [][2]rune{{'„', '“'}, {'‚', '‘'}}, false},
	"de-ch": {"Swiss German", [][2]rune{{'«', '»'}, {'‹', '›'}}, false},
	"pl":    {"Polish", [][2]rune{{'„', '”'}, {'«', '»'}}, false},
}

// quoteMarks are the characters used as quotation marks in any language.
const quoteMarks = `"'“”„‟‘’‚‛«»‹›「」『』`

// styleFor returns the quoting of a language (a BCP 47 tag), by language
// and region first, then by language.
func styleFor(lang string) (quoteStyle, bool) {
	lang = strings.ToLower(lang)
	primary, rest, _ := strings.Cut(lang, "-")
	region, _, _ := strings.Cut(rest, "-")
	if s, ok := quoteStyles[primary+"-"+region]; ok && region != "" {
		return s, true
	}
	s, ok := quoteStyles[primary]
	return s, ok
}

// example writes a quotation with the style's marks: «…» or «…“…”…».
func (s quoteStyle) example() string {
	sp := ""
	if s.space {
		sp = "\u00a0"
	}
	o, c := s.levels[0][0], s.levels[0][1]
	if len(s.levels) > 1 {
		io, ic := s.levels[1][0], s.levels[1][1]
		return fmt.Sprintf("%c%s…%c…%c…%s%c", o, sp, io, ic, sp, c)
	}
	return fmt.Sprintf("%c%s…%s%c", o, sp, sp, c)
}

func (s quoteStyle) want() string {
	w := fmt.Sprintf("%s quotes with %c %c", s.name, s.levels[0][0], s.levels[0][1])
	if len(s.levels) > 1 {
		w += fmt.Sprintf(", and with %c %c inside them", s.levels[1][0], s.levels[1][1])
	}
	if s.space {
		w += ", with a space inside the guillemets"
	}
	return w + ": " + s.example()
}

// quoteProblem returns what is wrong with the quotation marks of text, or "".
func quoteProblem(text string, style quoteStyle, known bool) string {
	rs := []rune(text)
	letter := func(i int) bool { return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i])) }
	var stack []rune // the closing marks expected, innermost last
	for i, r := range rs {
		if !strings.ContainsRune(quoteMarks, r) {
			continue
		}
		// An apostrophe: between letters, or after one where no quotation
		// is open that it could close.
		if (r == '\'' || r == '’') && letter(i-1) && (letter(i+1) || len(stack) == 0 || stack[len(stack)-1] != r) {
			continue
		}
		// An apostrophe for left-out digits: "the ’90s".
		if (r == '\'' || r == '’') && !letter(i-1) && i+1 < len(rs) && unicode.IsDigit(rs[i+1]) {
			continue
		}
		if r == '"' || r == '\'' {
			return fmt.Sprintf("has a straight quotation mark (%c)", r)
		}
		if !known {
			continue
		}
		if n := len(stack); n > 0 && stack[n-1] == r {
			if style.space && r == '»' && (i == 0 || !unicode.IsSpace(rs[i-1])) {
				return "has no space before »"
			}
			stack = stack[:n-1]
			continue
		}
		if d := len(stack); d < len(style.levels) && style.levels[d][0] == r {
			if style.space && r == '«' && (i+1 >= len(rs) || !unicode.IsSpace(rs[i+1])) {
				return "has no space after «"
			}
			stack = append(stack, style.levels[d][1])
			continue
		}
		if len(stack) == 0 {
			return fmt.Sprintf("opens a quotation with %c", r)
		}
		return fmt.Sprintf("has %c where %c would close the quotation, or a quotation inside it would open", r, stack[len(stack)-1])
	}
	if len(stack) > 0 {
		return fmt.Sprintf("does not close a quotation (%c is missing)", stack[len(stack)-1])
	}
	return ""
}

func checkQuotes(c *ctx, _ float64) []Finding {
	style, known := styleFor(c.h.Language.Value)
	var out []Finding
	for _, t := range c.h.Texts() {
		if t.IsZero() || !quotedField(t.Field) {
			continue
		}
		p := quoteProblem(t.Value, style, known)
		if p == "" {
			continue
		}
		hint := "use the quotation marks of the handout's language, not straight ones"
		if known {
			hint = style.want()
		}
		out = append(out, Finding{Pos: t.Pos, Field: t.Field,
			Message: fmt.Sprintf("%s %s", t.Field, p), Hint: hint})
	}
	return out
}

// quotedField reports whether a field holds words for readers (not an id, a
// tag, a file name or an address).
func quotedField(f string) bool {
	switch {
	case f == "id" || f == "language" || f == "font" || f == "logo.file" || f == "publisher.url":
		return false
	case strings.HasSuffix(f, ".id") || strings.HasSuffix(f, ".url") || strings.Contains(f, ".sources["):
		return false
	}
	return true
}
