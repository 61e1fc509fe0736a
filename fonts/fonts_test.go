package fonts

import "testing"

// The language decides the family when a handout names none: Latin-script
// languages get the default family, Vietnamese, Greek and Cyrillic ones
// Noto Sans; a named family always wins.
func TestChoose(t *testing.T) {
	for _, c := range []struct{ font, lang, want string }{
		{"", "en", "atkinson-hyperlegible"},
		{"", "es-MX", "atkinson-hyperlegible"},
		{"", "pl", "atkinson-hyperlegible"},
		{"", "cs", "atkinson-hyperlegible"},
		{"", "ro", "atkinson-hyperlegible"},
		{"", "tr", "atkinson-hyperlegible"},
		{"", "de-CH", "atkinson-hyperlegible"},
		{"", "vi", "noto-sans"},
		{"", "vi-VN", "noto-sans"},
		{"", "el", "noto-sans"},
		{"", "ru", "noto-sans"},
		{"", "UK", "noto-sans"},
		{"noto-sans", "cs", "noto-sans"},
		{"atkinson-hyperlegible", "ru", "atkinson-hyperlegible"},
	} {
		if got := Choose(c.font, c.lang).Name; got != c.want {
			t.Errorf("Choose(%q, %q) = %s, want %s", c.font, c.lang, got, c.want)
		}
	}
}
