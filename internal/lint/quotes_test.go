package lint

import (
	"strings"
	"testing"

	"handout/internal/handout"
)

func TestQuoteProblem(t *testing.T) {
	for _, c := range []struct {
		lang, text, want string // want: "" or a fragment of the problem
	}{
		{"en", "Ask: “Which strain was tested?”", ""},
		{"en", "She said “the label says ‘live cultures’ only”.", ""},
		{"en", "Don't stop your cream; the clinic’s nurse can help.", ""},
		{"en", "The patients’ results were mixed.", ""},
		{"en", "Studies since the ’90s; the '80s too.", ""},
		{"en", "She said “they ran ‘90 days of tests’ then”.", ""},
		{"en", `Ask: "Which strain?"`, `straight quotation mark (")`},
		{"en", "Ask: 'Which strain?'", "straight quotation mark (')"},
		{"en", "Ask: «Which strain?»", "opens a quotation with «"},
		{"en", "Ask: “Which strain?", "does not close a quotation (” is missing)"},
		{"es", "Pregunte: «¿Qué cepa se estudió?»", ""},
		{"es", "El médico dijo: «La etiqueta dice “cultivos vivos”, nada más».", ""},
		{"es", "Pregunte: “¿Qué cepa se estudió?”", "opens a quotation with “"},
		{"es", `Pregunte: "¿Qué cepa?"`, "straight"},
		{"es", "Dijo: «Espere»» y se fue.", "opens a quotation with »"},
		{"pl", "Zapytaj: „Jaki szczep badano?”", ""},
		{"pl", "Lekarz mówi: „Etykieta podaje «żywe kultury»”.", ""},
		{"pl", "Zapytaj: “Jaki szczep?”", "opens a quotation with “"},
		{"de", "Fragen Sie: „Welcher Stamm?“", ""},
		{"de", "Fragen Sie: „Welcher Stamm?”", "has ” where “ would close"},
		{"de-CH", "Fragen Sie: «Welcher Stamm?»", ""},
		{"fr", "Demandez : « Quelle souche ? »", ""},
		{"fr", "Demandez : «\u00a0Quelle souche ?\u00a0»", ""},
		{"fr", "Demandez : «Quelle souche ?»", "no space after «"},
		{"fr", "L'eau et l’air.", ""},
		{"pt-BR", "Pergunte: “Qual cepa?”", ""},
		{"pt", "Pergunte: «Qual cepa?»", ""},
		{"it", "Chieda: «Quale ceppo?»", ""},
		// A language without a table: only straight marks are flagged.
		{"sv", "Fråga: ”Vilken stam?”", ""},
		{"sv", `Fråga: "Vilken stam?"`, "straight"},
	} {
		style, known := styleFor(c.lang)
		got := quoteProblem(c.text, style, known)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%s %q: %q, want %q", c.lang, c.text, got, c.want)
		}
	}
}

// The rule reports the field, what is wrong and the marks to use, as a
// warning, and leaves identifiers and addresses alone.
func TestQuotationMarksRule(t *testing.T) {
	h := parse(t, strings.Replace(cleanLadder, "language: en", "language: es", 1))
	h.Summary.Value = `Pregunte: "¿Qué cepa se estudió?"`
	h.Ladder.Caption.Value = "Lea «de abajo arriba»."
	h.Publisher.URL = handout.Text{Value: `https://example.org/"x"`, Field: "publisher.url"}
	r := Run(h, nil, Options{Now: now})
	got := of(r, "quotation-marks")
	if len(got) != 1 {
		t.Fatalf("findings %v", got)
	}
	want := `h.yaml:7:10: warning quotation-marks: summary has a straight quotation mark (") ` +
		`(Spanish quotes with « », and with “ ” inside them: «…“…”…»)`
	if got[0].String() != want {
		t.Errorf("got  %s\nwant %s", got[0], want)
	}
}
