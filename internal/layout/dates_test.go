package layout

import (
	"testing"
	"time"
)

func TestFormatDate(t *testing.T) {
	nov25 := time.Date(2026, time.November, 25, 0, 0, 0, 0, time.UTC)
	may1 := time.Date(2026, time.May, 1, 0, 0, 0, 0, time.UTC)
	feb9 := time.Date(2027, time.February, 9, 0, 0, 0, 0, time.UTC)
	sep30 := time.Date(2025, time.September, 30, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		lang string
		date time.Time
		want string
	}{
		{"en", nov25, "25 November 2026"},
		{"en-US", may1, "1 May 2026"},
		{"EN-gb", feb9, "9 February 2027"},
		{"es", nov25, "25 de noviembre de 2026"},
		{"es-MX", sep30, "30 de septiembre de 2025"},
		{"es-419", may1, "1 de mayo de 2026"},
		{"pt", may1, "1 de maio de 2026"},
		{"pt-BR", feb9, "9 de fevereiro de 2027"},
		{"fr", nov25, "25 novembre 2026"},
		{"fr-CA", may1, "1er mai 2026"},
		{"fr", feb9, "9 février 2027"},
		{"de", nov25, "25. November 2026"},
		{"de-AT", sep30, "30. September 2025"},
		{"it", may1, "1 maggio 2026"},
		{"it", feb9, "9 febbraio 2027"},
		{"nl", nov25, "25 november 2026"},
		{"pl", nov25, "25 listopada 2026"},
		{"pl", may1, "1 maja 2026"},
		{"pl", sep30, "30 września 2025"},
		{"cs", nov25, "25. listopadu 2026"},
		{"cs", feb9, "9. února 2027"},
		{"ro", nov25, "25 noiembrie 2026"},
		{"tr", feb9, "9 Şubat 2027"},
		{"vi", nov25, "ngày 25 tháng 11 năm 2026"},
		{"vi-VN", may1, "ngày 1 tháng 5 năm 2026"},
		// No long form known: ISO 8601.
		{"sv", nov25, "2026-11-25"},
		{"ja", may1, "2026-05-01"},
		{"eo", feb9, "2027-02-09"},
		{"", sep30, "2025-09-30"},
	} {
		if got := FormatDate(c.date, c.lang); got != c.want {
			t.Errorf("FormatDate(%s, %q) = %q, want %q", c.date.Format("2006-01-02"), c.lang, got, c.want)
		}
	}
}
