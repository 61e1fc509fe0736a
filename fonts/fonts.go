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

import (
	"embed"
	"strings"
)

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

// wideScript lists the languages whose letters the default family lacks:
// Vietnamese, and those written in Greek or Cyrillic.
var wideScript = map[string]bool{
	"vi": true, "el": true, "ru": true, "uk": true, "be": true, "bg": true,
	"mk": true, "sr": true, "kk": true, "ky": true, "mn": true, "tg": true,
}

// ForLanguage returns the family a handout in the given language (a BCP 47
// tag) is set in when it names none: Noto Sans for Vietnamese, Greek and
// Cyrillic, the default family for everything else.
func ForLanguage(tag string) Family {
	primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
	if wideScript[primary] {
		f, _ := Lookup("noto-sans")
		return f
	}
	return Families[0]
}

// Choose returns the family named by a handout's font field, or the one its
// language calls for when the field is empty.
func Choose(name, language string) Family {
	if f, ok := Lookup(name); ok {
		return f
	}
	return ForLanguage(language)
}
