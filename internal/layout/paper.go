package layout

import "strings"

// Paper is a page size in PDF points (1/72 inch).
type Paper struct {
	Name          string // "letter" or "a4": used in output file names
	Width, Height float64
}

// The paper sizes every handout is laid out for.
var (
	Letter = Paper{Name: "letter", Width: 612, Height: 792}
	A4     = Paper{Name: "a4", Width: 595.28, Height: 841.89}
)

// Papers lists the supported sizes in output order.
var Papers = []Paper{Letter, A4}

// PaperByName finds a paper size by its name, ignoring case.
func PaperByName(name string) (Paper, bool) {
	for _, p := range Papers {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return Paper{}, false
}
