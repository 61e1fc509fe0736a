package lint

import "fmt"

// Spanish text is scored with the two formulas made for Spanish from
// Flesch's Reading Ease, both on a scale where higher is easier:
//
//   - Fernández Huerta (1959), "Medidas sencillas de lecturabilidad",
//     Consigna 214: 206.84 − 60 × syllables per word − 1.02 × words per
//     sentence. It is often printed with "sentences per 100 words" in the
//     last term, which makes shorter sentences score harder; Law (2011,
//     "Error in the Fernández Huerta readability formula", LINGUIST List
//     22.2332) showed that the term is words per sentence, as in Flesch's.
//     Its scale, like Flesch's, maps scores to school grades: 90–100 very
//     easy (grade 4), 80–90 easy (5), 70–80 fairly easy (6), 60–70 normal
//     (7–8), 50–60 fairly difficult, 30–50 difficult, below 30 very
//     difficult.
//   - Szigriszt Pazos (1993), perspicuity: 206.835 − 62.3 × syllables per
//     word − words per sentence, read on the INFLESZ scale that Barrio
//     Cantalejo et al. validated on Spanish readers for texts aimed at
//     patients (An Sist Sanit Navar 2008;31(2):135–152): below 40 very
//     difficult, 40–55 somewhat difficult, 55–65 normal, 65–80 fairly easy,
//     80 and above very easy. They take 55 ("normal") as the least a text
//     for patients should score.
//
// The plain-language target for body text, grade 8, is Fernández Huerta 60
// (the bottom of "normal", grades 7–8) and INFLESZ 55; for headings and
// other key text, grade 6, Fernández Huerta 70 and INFLESZ 65 ("fairly
// easy", primary school). Text is too hard only when both formulas put it
// below its target.

// CountSpanish counts one block of Spanish text, with Spanish syllables.
func CountSpanish(block string) Counts {
	var c Counts
	for _, s := range sentences(block) {
		c.Sentences++
		for _, t := range s {
			n := spanishSyllables(t.text)
			c.Words++
			c.Syllables += n
			if n >= 3 {
				c.Polysyllables++
			}
		}
	}
	return c
}

// FernandezHuerta is Fernández Huerta's readability (lecturabilidad), as
// corrected by Law: 206.84 − 60 × syllables per word − 1.02 × words per
// sentence.
func (c Counts) FernandezHuerta() float64 {
	if c.Words == 0 || c.Sentences == 0 {
		return 0
	}
	return 206.84 - 60*float64(c.Syllables)/float64(c.Words) - 1.02*float64(c.Words)/float64(c.Sentences)
}

// SzigrisztPazos is Szigriszt Pazos's perspicuity: 206.835 − 62.3 ×
// syllables per word − words per sentence.
func (c Counts) SzigrisztPazos() float64 {
	if c.Words == 0 || c.Sentences == 0 {
		return 0
	}
	return 206.835 - 62.3*float64(c.Syllables)/float64(c.Words) - float64(c.Words)/float64(c.Sentences)
}

// ScoreSpanish computes the Spanish figures of c.
func ScoreSpanish(c Counts) Scores {
	return Scores{Counts: c, Formulas: "es", FernandezHuerta: c.FernandezHuerta(), SzigrisztPazos: c.SzigrisztPazos()}
}

// HuertaBand names the band of Fernández Huerta's scale a score is in.
func HuertaBand(v float64) string {
	switch {
	case v >= 90:
		return "very easy, grade 4"
	case v >= 80:
		return "easy, grade 5"
	case v >= 70:
		return "fairly easy, grade 6"
	case v >= 60:
		return "normal, grades 7-8"
	case v >= 50:
		return "fairly difficult"
	case v >= 30:
		return "difficult"
	}
	return "very difficult"
}

// INFLESZBand names the band of the INFLESZ scale a perspicuity is in.
func INFLESZBand(v float64) string {
	switch {
	case v >= 80:
		return "very easy"
	case v >= 65:
		return "fairly easy"
	case v >= 55:
		return "normal"
	case v >= 40:
		return "somewhat difficult"
	}
	return "very difficult"
}

// spanishTargets turns a grade threshold into the least score each Spanish
// formula must give, by the grades of their scales: grade 8 is Fernández
// Huerta 60 and INFLESZ 55, grade 6 is 70 and 65.
func spanishTargets(grade float64) (huerta, inflesz float64) {
	switch {
	case grade < 5:
		return 90, 80
	case grade < 6:
		return 80, 80
	case grade < 7:
		return 70, 65
	case grade < 9:
		return 60, 55
	case grade < 13:
		return 50, 40
	}
	return 30, 0
}

func (s Scores) spanishDetail() string {
	return fmt.Sprintf("Fernández Huerta %.0f (%s), Szigriszt Pazos %.0f (INFLESZ %s)",
		s.FernandezHuerta, HuertaBand(s.FernandezHuerta), s.SzigrisztPazos, INFLESZBand(s.SzigrisztPazos))
}
