package lint

import (
	"fmt"
	"math"
)

// Counts are what the readability formulas are computed from.
type Counts struct {
	Words         int
	Sentences     int
	Syllables     int // counted by Flesch's rules
	Polysyllables int // words of three or more syllables read aloud (SMOG's rule)
}

// Count counts one block of text: a heading, a paragraph, a list item. The
// end of the block ends a sentence.
func Count(block string) Counts {
	var c Counts
	for _, s := range sentences(block) {
		c.Sentences++
		for _, t := range s {
			f, spoken := wordSyllables(t.text)
			c.Words++
			c.Syllables += f
			if spoken >= 3 {
				c.Polysyllables++
			}
		}
	}
	return c
}

// Add returns the counts of two texts taken together.
func (c Counts) Add(d Counts) Counts {
	return Counts{c.Words + d.Words, c.Sentences + d.Sentences, c.Syllables + d.Syllables, c.Polysyllables + d.Polysyllables}
}

// FleschKincaid is the Flesch-Kincaid grade level (Kincaid et al., 1975):
// 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
func (c Counts) FleschKincaid() float64 {
	if c.Words == 0 || c.Sentences == 0 {
		return 0
	}
	return 0.39*float64(c.Words)/float64(c.Sentences) + 11.8*float64(c.Syllables)/float64(c.Words) - 15.59
}

// ReadingEase is the Flesch Reading Ease score (Flesch, 1948): 206.835 −
// 1.015 × words per sentence − 84.6 × syllables per word. Higher is easier;
// 60 to 70 is plain English.
func (c Counts) ReadingEase() float64 {
	if c.Words == 0 || c.Sentences == 0 {
		return 0
	}
	return 206.835 - 1.015*float64(c.Words)/float64(c.Sentences) - 84.6*float64(c.Syllables)/float64(c.Words)
}

// SMOGMinSentences and SMOGSampleSentences bound SMOG: it is not scored on
// fewer than 3 sentences, and it was designed for samples of 30, so on fewer
// it extrapolates.
const (
	SMOGMinSentences    = 3
	SMOGSampleSentences = 30
)

// SMOG is McLaughlin's SMOG grade (1969), scaled to the number of sentences:
// 1.0430 × √(polysyllables × 30 / sentences) + 3.1291. ok is false under 3
// sentences, where it is not scored.
func (c Counts) SMOG() (grade float64, ok bool) {
	if c.Sentences < SMOGMinSentences {
		return 0, false
	}
	return 1.0430*math.Sqrt(float64(c.Polysyllables)*SMOGSampleSentences/float64(c.Sentences)) + 3.1291, true
}

// Extrapolated reports whether SMOG, when scored, is extrapolated from
// fewer than 30 sentences.
func (c Counts) Extrapolated() bool { return c.Sentences < SMOGSampleSentences }

// Scores are the readability figures of a text. Formulas says which were
// computed: "en" (Flesch-Kincaid, Flesch Reading Ease, SMOG; grades),
// "es" (Fernández Huerta and Szigriszt Pazos; ease scores), or "" for a
// language no formula is made for, where only words and sentences are
// counted.
type Scores struct {
	Counts
	Formulas      string
	FleschKincaid float64
	ReadingEase   float64
	SMOG          float64
	SMOGScored    bool
	// Min and Max are the range of the grade formulas (Flesch-Kincaid and,
	// when scored, SMOG): the formulas disagree, so a text is given a range,
	// never one number.
	Min, Max float64

	FernandezHuerta float64
	SzigrisztPazos  float64
}

// Score computes the figures of c.
func Score(c Counts) Scores {
	s := Scores{Counts: c, Formulas: "en", FleschKincaid: c.FleschKincaid(), ReadingEase: c.ReadingEase()}
	s.SMOG, s.SMOGScored = c.SMOG()
	s.Min, s.Max = s.FleschKincaid, s.FleschKincaid
	if s.SMOGScored {
		s.Min, s.Max = math.Min(s.Min, s.SMOG), math.Max(s.Max, s.SMOG)
	}
	return s
}

// Range says the grade range: "grade 6.1", or "grade 5.8 to 7.9"; for
// Spanish the two scores, "Fernández Huerta 64, Szigriszt Pazos 59".
func (s Scores) Range() string {
	switch s.Formulas {
	case "es":
		return fmt.Sprintf("Fernández Huerta %.0f, Szigriszt Pazos %.0f", s.FernandezHuerta, s.SzigrisztPazos)
	case "":
		return "not measured"
	}
	if math.Abs(s.Max-s.Min) < 0.05 {
		return fmt.Sprintf("grade %.1f", s.Min)
	}
	return fmt.Sprintf("grade %.1f to %.1f", s.Min, s.Max)
}

// Detail names each formula's figure: "Flesch-Kincaid 7.2, SMOG 8.9
// (extrapolated from 12 sentences), Flesch Reading Ease 61".
func (s Scores) Detail() string {
	switch s.Formulas {
	case "es":
		return s.spanishDetail()
	case "":
		return "not measured"
	}
	d := fmt.Sprintf("Flesch-Kincaid %.1f, ", s.FleschKincaid)
	switch {
	case !s.SMOGScored:
		d += fmt.Sprintf("SMOG not scored (%s; it needs %d)", plural(s.Sentences, "sentence"), SMOGMinSentences)
	case s.Extrapolated():
		d += fmt.Sprintf("SMOG %.1f (extrapolated from %s)", s.SMOG, plural(s.Sentences, "sentence"))
	default:
		d += fmt.Sprintf("SMOG %.1f", s.SMOG)
	}
	return d + fmt.Sprintf(", Flesch Reading Ease %.0f", s.ReadingEase)
}

// measured lists the figures for JSON output.
func (s Scores) measured() map[string]float64 {
	if s.Formulas == "es" {
		return map[string]float64{
			"words": float64(s.Words), "sentences": float64(s.Sentences), "syllables": float64(s.Syllables),
			"fernandez_huerta": round1(s.FernandezHuerta), "szigriszt_pazos": round1(s.SzigrisztPazos),
		}
	}
	m := map[string]float64{
		"words": float64(s.Words), "sentences": float64(s.Sentences),
		"syllables": float64(s.Syllables), "polysyllables": float64(s.Polysyllables),
		"flesch_kincaid": round1(s.FleschKincaid), "reading_ease": round1(s.ReadingEase),
		"grade_min": round1(s.Min), "grade_max": round1(s.Max),
	}
	if s.SMOGScored {
		m["smog"] = round1(s.SMOG)
	}
	return m
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// above reports whether every formula puts the text above the grade
// threshold (for Spanish: below the scores that stand for it).
func (s Scores) above(threshold float64) bool {
	switch s.Formulas {
	case "es":
		huerta, inflesz := spanishTargets(threshold)
		return s.FernandezHuerta < huerta && s.SzigrisztPazos < inflesz
	case "en":
		return s.Min > threshold
	}
	return false
}

// hardness orders texts from the easiest to the hardest.
func (s Scores) hardness() float64 {
	if s.Formulas == "es" {
		return -s.FernandezHuerta
	}
	return s.FleschKincaid
}
