// Package fonts embeds the typefaces handouts are set in, each with its
// licence (all SIL Open Font License 1.1):
//
//   - Atkinson Hyperlegible Next, Regular and Bold: the default family, drawn
//     for low-vision readers. From the npm package
//     @expo-google-fonts/atkinson-hyperlegible-next 0.4.1, unmodified. It covers
//     Latin and Latin Extended (Western, Central and Northern European
//     languages) but not Vietnamese, Greek or Cyrillic.
//   - Noto Sans, Regular and Bold: the wide-coverage family (Latin including
//     Vietnamese, Greek, Cyrillic). From Debian's fonts-noto-core 20201225-1,
//     unmodified.
package fonts

import "embed"

// FS holds the TrueType files and their licences.
//
//go:embed *.ttf OFL-*.txt
var FS embed.FS

// Family is one typeface family: a regular and a bold face inside FS.
type Family struct {
	Name    string // the name handouts use in their `font` field
	Display string // the family's own name
	Regular string // file name of the regular face in FS
	Bold    string // file name of the bold face in FS
}

// Families lists the shipped families; the first is the default.
var Families = []Family{
	{Name: "atkinson-hyperlegible", Display: "Atkinson Hyperlegible Next",
		Regular: "AtkinsonHyperlegibleNext-Regular.ttf", Bold: "AtkinsonHyperlegibleNext-Bold.ttf"},
	{Name: "noto-sans", Display: "Noto Sans",
		Regular: "NotoSans-Regular.ttf", Bold: "NotoSans-Bold.ttf"},
}

// Lookup returns the family with the given name.
func Lookup(name string) (Family, bool) {
	for _, f := range Families {
		if f.Name == name {
			return f, true
		}
	}
	return Family{}, false
}
