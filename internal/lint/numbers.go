package lint

import (
	"strconv"
	"strings"
	"unicode"
)

// spokenFigure counts the syllables of a figure read aloud, as SMOG asks:
// "1,000" is "one thousand" (3), "3.5%" is "three point five percent" (5),
// "1918" is "nineteen eighteen" (4), "24th" is "twenty-fourth" (3), "$15"
// is "fifteen dollars" (4). Letters mixed in are read as a word, or letter
// by letter when they have no vowel ("5mg" is "five m g").
func spokenFigure(w string) int {
	n := 0
	rs := []rune(w)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsDigit(r):
			j := i
			for j < len(rs) && (unicode.IsDigit(rs[j]) || ((rs[j] == ',' || rs[j] == '.') && j+1 < len(rs) && unicode.IsDigit(rs[j+1]))) {
				j++
			}
			num := string(rs[i:j])
			// An ordinal suffix belongs to the number: 1st, 22nd, 24th.
			k := j
			for k < len(rs) && unicode.IsLetter(rs[k]) {
				k++
			}
			suffix := strings.ToLower(string(rs[j:k]))
			if suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th" {
				n += spokenNumber(num, true)
				i = k
			} else {
				n += spokenNumber(num, false)
				i = j
			}
		case unicode.IsLetter(r):
			j := i
			for j < len(rs) && unicode.IsLetter(rs[j]) {
				j++
			}
			part := strings.ToLower(string(rs[i:j]))
			if hasVowel(part) && len(part) > 3 {
				n += syllables(part)
			} else {
				n += letterNames(part)
			}
			i = j
		default:
			switch r {
			case '%', '$', '€':
				n += 2 // percent, dollars, euros
			case '£', '#', '+':
				n++ // pounds, number, plus
			}
			i++
		}
	}
	return max(n, 1)
}

var (
	onesSyl = [...]int{2, 1, 1, 1, 1, 1, 1, 2, 1, 1}                         // zero, one, ... seven (2), ...
	teenSyl = [...]int{1, 3, 1, 2, 2, 2, 2, 3, 2, 2}                         // ten, eleven (3), twelve, thirteen, ...
	tensSyl = [...]int{0, 0, 2, 2, 2, 2, 2, 3, 2, 2}                         // twenty, ..., seventy (3), ...
	scales  = [...]int64{1_000_000_000_000, 1_000_000_000, 1_000_000, 1_000} // trillion ... thousand, 2 each
)

// spokenNumber counts the syllables of a number written with digits, commas
// and a decimal point, read the way people say it.
func spokenNumber(s string, ordinal bool) int {
	intPart, frac, hasFrac := strings.Cut(s, ".")
	commas := strings.Contains(intPart, ",")
	digits := strings.ReplaceAll(intPart, ",", "")
	v, err := strconv.ParseInt(digits, 10, 64)
	if err != nil { // too long for a number: read digit by digit
		return digitByDigit(digits) + digitByDigit(frac)
	}
	var n int
	if !commas && !hasFrac && len(digits) == 4 && isYear(v) {
		// A year: 1918 is "nineteen eighteen", 1905 "nineteen oh five".
		hi, lo := v/100, v%100
		n = cardinal(hi)
		switch {
		case lo == 0:
			n += 2 // nineteen hundred
		case lo < 10:
			n += 1 + cardinal(lo) // oh five
		default:
			n += cardinal(lo)
		}
	} else {
		n = cardinal(v)
	}
	if ordinal {
		switch last := v % 100; {
		case last%10 == 0 && last >= 20:
			n++ // twenty → twen-ti-eth
		case last%10 == 2 && last != 12:
			n++ // two → sec-ond
		}
	}
	if hasFrac {
		n += 1 + digitByDigit(frac) // point, then each digit
	}
	return n
}

// isYear reports numbers read in pairs of digits: 1100-1999 and 2010-2099.
func isYear(v int64) bool {
	return (v >= 1100 && v <= 1999) || (v >= 2010 && v <= 2099)
}

func cardinal(v int64) int {
	switch {
	case v < 10:
		return onesSyl[v]
	case v < 20:
		return teenSyl[v-10]
	case v < 100:
		n := tensSyl[v/10]
		if v%10 != 0 {
			n += onesSyl[v%10]
		}
		return n
	case v < 1000:
		n := onesSyl[v/100] + 2 // hundred
		if v%100 != 0 {
			n += cardinal(v % 100)
		}
		return n
	}
	for _, s := range scales {
		if v >= s {
			n := cardinal(v/s) + 2 // thousand, million, billion, trillion
			if v%s != 0 {
				n += cardinal(v % s)
			}
			return n
		}
	}
	return 1
}

func digitByDigit(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n += onesSyl[r-'0']
		}
	}
	return n
}
