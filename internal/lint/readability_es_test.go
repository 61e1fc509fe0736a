package lint

import (
	"strings"
	"testing"
)

// The Spanish formulas on counts made by hand.
func TestSpanishFormulas(t *testing.T) {
	// "El gato come pescado." el (1) ga-to (2) co-me (2) pes-ca-do (3): 4
	// words, 8 syllables, 1 sentence.
	c := CountSpanish("El gato come pescado.")
	if c != (Counts{Words: 4, Sentences: 1, Syllables: 8, Polysyllables: 1}) {
		t.Fatalf("counts %+v", c)
	}
	near(t, "Fernández Huerta", c.FernandezHuerta(), 206.84-60*2-1.02*4, 1e-9) // 82.76
	near(t, "Szigriszt Pazos", c.SzigrisztPazos(), 206.835-62.3*2-4, 1e-9)     // 78.235
	// "Pregunte a su médico. ¿Qué probiótico tomó?" pre-gun-te (3) a (1) su
	// (1) mé-di-co (3); qué (1) pro-bió-ti-co (4) to-mó (2): 7 words, 15
	// syllables, 2 sentences.
	c = CountSpanish("Pregunte a su médico. ¿Qué probiótico tomó?")
	if c.Words != 7 || c.Sentences != 2 || c.Syllables != 15 {
		t.Fatalf("counts %+v", c)
	}
	near(t, "Fernández Huerta", c.FernandezHuerta(), 206.84-60*15.0/7-1.02*3.5, 1e-9)
	// An abbreviation's full stop ends no sentence: "La Dra. García le
	// verá. Traiga su lista." is two sentences.
	if c := CountSpanish("La Dra. García le verá. Traiga su lista."); c.Sentences != 2 || c.Words != 8 {
		t.Errorf("counts %+v, want 2 sentences of 8 words", c)
	}
	// Both are Flesch's formula re-weighted: one-syllable one-word sentences
	// give the highest score possible.
	one := Counts{Words: 10, Sentences: 10, Syllables: 10}
	near(t, "Fernández Huerta maximum", one.FernandezHuerta(), 145.82, 1e-9)
	near(t, "Szigriszt Pazos maximum", one.SzigrisztPazos(), 143.535, 1e-9)
	// Law's correction: the same words in shorter sentences read easier.
	long := Counts{Words: 100, Sentences: 4, Syllables: 200}
	short := Counts{Words: 100, Sentences: 10, Syllables: 200}
	if short.FernandezHuerta() <= long.FernandezHuerta() || short.SzigrisztPazos() <= long.SzigrisztPazos() {
		t.Error("shorter sentences do not score easier")
	}
}

func TestSpanishBandsAndTargets(t *testing.T) {
	for _, c := range []struct {
		v              float64
		huerta, inflez string
	}{
		{95, "very easy, grade 4", "very easy"},
		{80, "easy, grade 5", "very easy"},
		{72, "fairly easy, grade 6", "fairly easy"},
		{60, "normal, grades 7-8", "normal"},
		{56, "fairly difficult", "normal"},
		{54.9, "fairly difficult", "somewhat difficult"},
		{39, "difficult", "very difficult"},
		{10, "very difficult", "very difficult"},
	} {
		if h, i := HuertaBand(c.v), INFLESZBand(c.v); h != c.huerta || i != c.inflez {
			t.Errorf("%.1f: bands %q and %q, want %q and %q", c.v, h, i, c.huerta, c.inflez)
		}
	}
	for _, c := range []struct{ grade, huerta, inflesz float64 }{
		{8, 60, 55}, {7, 60, 55}, {6, 70, 65}, {5, 80, 80}, {4, 90, 80}, {10, 50, 40}, {14, 30, 0},
	} {
		if h, i := spanishTargets(c.grade); h != c.huerta || i != c.inflesz {
			t.Errorf("grade %g: targets %g and %g, want %g and %g", c.grade, h, i, c.huerta, c.inflesz)
		}
	}
}

// A Spanish handout is scored with the Spanish formulas: plain text passes,
// hard text is an error that names both scores and their targets, and an
// English formula is never used.
func TestSpanishReadingLevel(t *testing.T) {
	h := parse(t, strings.Replace(cleanLadder, "language: en", "language: es-MX", 1))
	plain := "Algunos probióticos se han probado para el eccema. Los resultados son mixtos. Hable con su médico antes de tomar uno."
	hard := "La heterogeneidad metodológica de las investigaciones disponibles, junto con la variabilidad interindividual " +
		"de la microbiota intestinal, impide establecer conclusiones definitivas sobre la eficacia terapéutica de las " +
		"intervenciones probióticas en las enfermedades inflamatorias cutáneas."
	for _, c := range []struct {
		text  string
		fails bool
	}{{plain, false}, {hard, true}} {
		h.Summary.Value = c.text
		h.Ladder.Caption.Value = c.text
		h.Ladder.Takeaway.Text.Value = c.text
		for i := range h.Ladder.Rungs {
			h.Ladder.Rungs[i].Text.Value = c.text
		}
		r := Run(h, nil, Options{Now: now})
		if r.Readability.Formulas != "es" || r.Readability.All.FleschKincaid != 0 {
			t.Fatalf("scored with %q: %+v", r.Readability.Formulas, r.Readability.All)
		}
		got := of(r, "reading-level")
		if !c.fails {
			if len(got) != 0 {
				t.Errorf("plain Spanish fails: %v", got)
			}
			body, _ := r.Readability.group(Body)
			if body.FernandezHuerta < 60 || body.SzigrisztPazos < 55 {
				t.Errorf("plain Spanish scores %s", body.Detail())
			}
			continue
		}
		if len(got) != 1 || got[0].Severity != Error ||
			!strings.Contains(got[0].Message, "the body text reads above grade 8: Fernández Huerta") ||
			!strings.Contains(got[0].Message, "the targets are Fernández Huerta 60 and INFLESZ 55") {
			t.Errorf("hard Spanish: %v", got)
		}
	}
}

// Instructions in Spanish, in the usted form.
func TestSpanishActions(t *testing.T) {
	for text, want := range map[string]bool{
		"Pregunte a su médico.":                          true,
		"Pregúntele a su médico qué estudios hay.":       true,
		"Lleve esta hoja a su cita.":                     true,
		"No espere.":                                     true,
		"No lo trate solo.":                              true,
		"Si empeora, llame hoy a su clínica.":            true,
		"Antes de su cita, anote sus síntomas.":          true,
		"Por favor, traiga sus cremas.":                  true,
		"Asegúrese de nombrar la cepa.":                  true,
		"Usted puede pedir una segunda opinión.":         true,
		"¿Qué cepa se estudió?":                          false,
		"Los probióticos son microbios vivos.":           false,
		"Si el eccema empeora, el médico decide.":        false,
		"La evidencia todavía es débil para el acné.":    false,
		"Algunos estudios muestran resultados modestos.": false,
	} {
		if got := (&ctx{h: parse(t, strings.Replace(cleanLadder, "language: en", "language: es", 1))}).hasAction(text); got != want {
			t.Errorf("hasAction(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestSpanishDisclaimer(t *testing.T) {
	h := parse(t, strings.Replace(cleanLadder, "language: en", "language: es", 1))
	for text, ok := range map[string]bool{
		"Esta hoja es solo informativa. No reemplaza los consejos de su médico.":     true,
		"Esta página apoya, y no sustituye, la atención de un profesional de salud.": true,
		"Esta hoja es solo informativa.":                                             false,
		"Consulte a su médico.":                                                      false,
	} {
		h.Disclaimer.Value = text
		got := checkDisclaimer(&ctx{h: h}, 0)
		if (len(got) == 0) != ok {
			t.Errorf("disclaimer %q: %v", text, got)
		}
	}
}
