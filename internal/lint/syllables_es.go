package lint

import (
	"strings"
	"unicode"
)

// Spanish syllables follow from the spelling, by the rules of the Real
// Academia's Ortografía (2010, chapter 4 on diphthongs, triphthongs and
// hiatus):
//
//   - every syllable has one vocalic nucleus: a single vowel, a diphthong
//     or a triphthong;
//   - a diphthong is an open vowel (a, e, o) next to an unstressed closed
//     one (i, u), in either order (cau-sa, pie-dra), or two different closed
//     vowels (ciu-dad, cui-da-do); a triphthong is an open vowel between two
//     unstressed closed ones (buey, U-ru-guay, a-ve-ri-guáis);
//   - two open vowels never share a syllable (le-er, po-e-ta, ca-os), nor a
//     closed vowel written with an accent and any vowel beside it (pa-ís,
//     rí-o, re-ír, ba-úl): hiatus;
//   - an h between vowels does not separate them (prohibir has the
//     diphthong "ohi", prohi-bir; bú-ho still has hiatus, from the accent);
//   - the u of "que", "qui", "gue", "gui" is not pronounced; with a
//     diaeresis it is (pin-güi-no, ci-güe-ña);
//   - y is a vowel at the end of a word after a vowel (hoy, muy, U-ru-guay)
//     and as the word "y"; elsewhere it is a consonant (ya, ma-yo).
//
// Figures and abbreviations count as one syllable each, as Flesch counted
// them in English (the Spanish formulas adapt his).

// spanishSyllables counts the syllables of one word as written.
func spanishSyllables(w string) int {
	if strings.Contains(w, "-") {
		n := 0
		for part := range strings.SplitSeq(w, "-") {
			if part != "" {
				n += spanishSyllables(part)
			}
		}
		return max(n, 1)
	}
	if hasDigit(w) || isAcronym(w) || isDottedAcronym(w) || strings.HasSuffix(w, ".") {
		return 1
	}
	var rs []rune
	for _, r := range strings.ToLower(w) {
		if unicode.IsLetter(r) {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		return 1
	}
	// kind of each letter: 0 consonant (or silent), 'o' open vowel, 'c'
	// unstressed closed vowel, 's' closed vowel with an accent.
	kind := make([]byte, len(rs))
	for i, r := range rs {
		switch r {
		case 'a', 'e', 'o', 'á', 'é', 'ó', 'à', 'è', 'ò':
			kind[i] = 'o'
		case 'i', 'u', 'ü':
			kind[i] = 'c'
		case 'í', 'ú':
			kind[i] = 's'
		case 'y':
			// A vowel at the end of a word after a vowel, or alone.
			if i == len(rs)-1 && (i == 0 || kind[i-1] != 0) {
				kind[i] = 'c'
			}
		}
		// The silent u of que, qui, gue, gui.
		if r == 'u' && i > 0 && (rs[i-1] == 'q' || rs[i-1] == 'g') && i+1 < len(rs) &&
			strings.ContainsRune("eiéí", rs[i+1]) {
			kind[i] = 0
		}
	}
	n := 0
	prev := -1 // index of the previous vowel in the current run, or -1
	for i := range rs {
		switch {
		case kind[i] != 0:
			if prev < 0 || splitVowels(kind[prev], kind[i], rs[prev], rs[i]) {
				n++
			}
			prev = i
		case rs[i] == 'h' && prev >= 0 && i+1 < len(rs) && kind[i+1] != 0:
			// An h between vowels leaves them together.
		default:
			prev = -1
		}
	}
	return max(n, 1)
}

// splitVowels reports whether two vowels in a row belong to two syllables.
func splitVowels(a, b byte, ra, rb rune) bool {
	switch {
	case a == 'o' && b == 'o':
		return true // two open vowels: le-er, po-e-ta
	case a == 's' || b == 's':
		return true // a stressed closed vowel: pa-ís, rí-o
	case a == 'c' && b == 'c':
		return ra == rb // the same closed vowel twice: chi-i-ta; iu and ui are diphthongs
	}
	return false
}
