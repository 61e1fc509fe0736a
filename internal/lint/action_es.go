package lint

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Spanish instructions are told apart the way English ones are: a sentence
// that starts, or goes on after an opening clause ("Si empeora, llame ..."),
// with a verb of command in the "usted" form ("Pregunte", "Lleve", "No
// espere", "Anótelo"), or that says what "usted debe" or "puede" do.

// imperativesES are verbs of command, in the "usted" form without accents.
var imperativesES = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`acuda anote aplique apunte asegurese avise beba busque cambie compare
		comente comience comunique consulte continue converse copie cuente cuide deje descanse diga elija
		empiece escriba espere evite fijese guarde haga hable informe intente lea lleve llame mantenga
		marque mida muestre observe pare pida piense planee pregunte prepare pruebe recuerde registre
		reserve revise saque siga suspenda tenga tome traiga trate use vaya vea vigile`) {
		imperativesES[w] = true
	}
}

// enclitics are the pronouns a Spanish imperative can carry at its end:
// "pregúntele", "anótelo", "asegúrese".
var enclitics = []string{"selo", "sela", "selos", "selas", "les", "los", "las", "nos", "le", "lo", "la", "se", "me"}

// clausesES open a clause before an instruction: "Si empeora, llame".
var clausesES = map[string]bool{"si": true, "cuando": true, "antes": true, "despues": true, "mientras": true, "para": true}

// fillersES may stand before the verb: "Por favor, llame", "Siempre lleve".
var fillersES = map[string]bool{"por": true, "favor": true, "siempre": true, "tambien": true, "primero": true, "luego": true}

// pronounsES stand between "no" and the verb: "No lo trate solo".
var pronounsES = map[string]bool{"lo": true, "la": true, "los": true, "las": true, "le": true, "les": true, "se": true, "me": true, "nos": true}

// foldES lower-cases a Spanish word and removes its accents (but not the
// tilde of ñ).
func foldES(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		if r >= 0x300 && r <= 0x36F && r != 0x303 {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// isImperativeES reports whether a folded word is a verb of command, with
// or without pronouns attached.
func isImperativeES(w string) bool {
	if imperativesES[w] {
		return true
	}
	for _, e := range enclitics {
		if stem, ok := strings.CutSuffix(w, e); ok && imperativesES[stem] {
			return true
		}
	}
	return false
}

// isActionES reports whether a Spanish sentence tells the reader what to do.
func isActionES(s []token) bool {
	ws := make([]string, len(s))
	for i, t := range s {
		ws[i] = foldES(t.text)
	}
	at := 0
	if len(ws) > 0 && clausesES[ws[0]] {
		at = -1
		for i, t := range s {
			if t.comma {
				at = i + 1
				break
			}
		}
	}
	if at >= 0 {
		for at < len(ws) && fillersES[ws[at]] {
			at++
		}
		if at < len(ws) && (ws[at] == "no" || ws[at] == "nunca") {
			at++
			for at < len(ws) && pronounsES[ws[at]] {
				at++
			}
		}
		if at < len(ws) && isImperativeES(ws[at]) {
			return true
		}
	}
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == "usted" && (ws[i+1] == "debe" || ws[i+1] == "puede" || ws[i+1] == "necesita") {
			return true
		}
	}
	return false
}

var (
	clinicianWordsES = []string{"medic", "profesional", "clinic", "dermatolog", "enfermer", "farmaceut",
		"equipo de salud", "especialista", "doctor", "personal de salud", "personal sanitario"}
	replaceWordsES = []string{"reemplaza", "remplaza", "sustituye", "substituye", "no es un consejo medico",
		"ocupa el lugar", "en lugar de"}
)
