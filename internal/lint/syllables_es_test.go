package lint

import "testing"

// Spanish words counted by hand, syllable by syllable. Most are the
// examples of diphthongs, triphthongs and hiatus that grammars of Spanish
// give (the Real Academia's Ortografía, 2010, chapter 4); the rest are
// words of the Spanish built-in handouts.
func TestSpanishSyllables(t *testing.T) {
	for w, want := range map[string]int{
		// single vowels
		"piel": 1, "sol": 1, "casa": 2, "médico": 3, "probiótico": 4, "a": 1, "y": 1, "o": 1,
		// diphthongs: open + closed, closed + open, two different closed
		"causa": 2, "aire": 2, "peine": 2, "oigo": 2, "piedra": 2, "agua": 2, "bueno": 2,
		"cuidado": 3, "ciudad": 2, "ruido": 2, "viuda": 2, "estudio": 3, "estudios": 3,
		"bacteria": 3, "microbio": 3, "microbios": 3, "eccema": 3, "inflamación": 4,
		"tratamiento": 4, "evidencia": 4, "dermatólogo": 5, "psoriasis": 3,
		// triphthongs
		"buey": 1, "uruguay": 3, "averiguáis": 4, "miau": 1, "limpiáis": 2,
		// hiatus: two open vowels
		"leer": 2, "poeta": 3, "caos": 2, "héroe": 3, "océano": 4, "área": 3, "crear": 2, "rosácea": 4,
		// hiatus: an accented closed vowel
		"país": 2, "río": 2, "reír": 2, "baúl": 2, "maíz": 2, "día": 2, "días": 2, "oír": 2,
		"tenía": 3, "todavía": 4, "búho": 2, "ahí": 2, "acné": 2,
		// the same closed vowel twice
		"chiita": 3,
		// silent u, and u with a diaeresis
		"que": 1, "quiero": 2, "guerra": 2, "guía": 2, "pingüino": 3, "cigüeña": 3, "pregunte": 3,
		// y as a consonant and as a vowel
		"ya": 1, "mayo": 2, "hoy": 1, "muy": 1, "rey": 1, "ayuda": 3, "leyes": 2,
		// h between vowels
		"prohibir": 2, "ahora": 3, "zanahoria": 4,
		// capitals and accents
		"Qué": 1, "ÁREA": 3,
		// figures, abbreviations and hyphenated words
		"2026": 1, "OMS": 1, "EE.UU.": 1, "intestino-piel": 5,
	} {
		if got := spanishSyllables(w); got != want {
			t.Errorf("spanishSyllables(%q) = %d, want %d", w, got, want)
		}
	}
}
