package layout

import (
	"strconv"
	"strings"
	"time"
)

// longDate is how one language writes a date in full.
type longDate struct {
	months [12]string // the month names as they stand in a date (Polish and Czech: the genitive)
	// layout joins the parts: {d} the day, {m} the month's name, {n} its
	// number, {y} the year.
	layout string
	// first replaces the day 1 where the language marks it ("1er" in French).
	first string
}

// longDates are the languages whose long form FormatDate knows, by primary
// language subtag. The forms are the usual long dates of each language
// (CLDR's "long" date format, day first and the month in words).
var longDates = map[string]longDate{
	"en": {months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}, layout: "{d} {m} {y}"},
	"es": {months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
		"septiembre", "octubre", "noviembre", "diciembre"}, layout: "{d} de {m} de {y}"},
	"pt": {months: [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
		"setembro", "outubro", "novembro", "dezembro"}, layout: "{d} de {m} de {y}"},
	"fr": {months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre"}, layout: "{d} {m} {y}", first: "1er"},
	"de": {months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
		"September", "Oktober", "November", "Dezember"}, layout: "{d}. {m} {y}"},
	"it": {months: [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
		"settembre", "ottobre", "novembre", "dicembre"}, layout: "{d} {m} {y}"},
	"nl": {months: [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
		"september", "oktober", "november", "december"}, layout: "{d} {m} {y}"},
	"pl": {months: [12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
		"września", "października", "listopada", "grudnia"}, layout: "{d} {m} {y}"},
	"cs": {months: [12]string{"ledna", "února", "března", "dubna", "května", "června", "července", "srpna",
		"září", "října", "listopadu", "prosince"}, layout: "{d}. {m} {y}"},
	"ro": {months: [12]string{"ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august",
		"septembrie", "octombrie", "noiembrie", "decembrie"}, layout: "{d} {m} {y}"},
	"tr": {months: [12]string{"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos",
		"Eylül", "Ekim", "Kasım", "Aralık"}, layout: "{d} {m} {y}"},
	"vi": {layout: "ngày {d} tháng {n} năm {y}"},
}

// FormatDate writes a date the way the handout's language reads it in full:
// "25 November 2026" (day first, so it cannot be misread in either the US
// or the UK), "25 de noviembre de 2026", "25 listopada 2026", "ngày 25
// tháng 11 năm 2026". A language not in longDates gets ISO 8601,
// "2026-11-25", which every reader can decode.
func FormatDate(t time.Time, lang string) string {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	f, ok := longDates[primary]
	if !ok {
		return t.Format("2006-01-02")
	}
	d := strconv.Itoa(t.Day())
	if t.Day() == 1 && f.first != "" {
		d = f.first
	}
	return strings.NewReplacer("{d}", d, "{m}", f.months[t.Month()-1], "{n}", strconv.Itoa(int(t.Month())),
		"{y}", strconv.Itoa(t.Year())).Replace(f.layout)
}
