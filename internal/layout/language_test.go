package layout_test

import (
	"strings"
	"testing"

	"handout/internal/layout"
)

// The reviewed date printed on the page is written the way the handout's
// language writes dates.
func TestPrintedDateFollowsLanguage(t *testing.T) {
	for _, c := range []struct{ lang, want string }{
		{"en", "Reviewed 1 May 2026"},
		{"es", "Reviewed 1 de mayo de 2026"},
		{"pl", "Reviewed 1 maja 2026"},
		{"vi", "Reviewed ngày 1 tháng 5 năm 2026"},
		{"sv", "Reviewed 2026-05-01"},
	} {
		font := "atkinson-hyperlegible"
		if c.lang == "vi" {
			font = "noto-sans"
		}
		h := parse(t, "LANG", c.lang, "FONT", font)
		doc := lay(t, h, layout.Letter)
		var all []string
		for _, pg := range doc.Pages {
			for _, it := range pg.Items {
				if it.Kind == layout.TextItem {
					all = append(all, it.Text)
				}
			}
		}
		if text := strings.Join(all, "\n"); !strings.Contains(text, c.want) {
			t.Errorf("%s: no %q on the page:\n%s", c.lang, c.want, text)
		}
	}
}

// French guillemets stand apart from their words, after a space: a line
// never ends with « nor starts with », ? or :. The quotation is moved along
// the line word by word so that every place it can fall is tried.
func TestGuillemetsStayWithTheirWords(t *testing.T) {
	for k := range 16 {
		item := strings.Repeat("mot ", k) + strings.Repeat("Demandez : « Quelle souche a été étudiée ? » Notez la réponse. ", 3)
		h := parse(t, "LANG", "fr", "ITEM", "'"+item+"'")
		for _, p := range layout.Papers {
			doc := lay(t, h, p)
			for _, pg := range doc.Pages {
				for _, it := range pg.Items {
					if it.Kind != layout.TextItem || it.Field != "sections[0].items[0]" {
						continue
					}
					line := strings.TrimSpace(it.Text)
					if strings.HasSuffix(line, "«") || strings.HasPrefix(line, "»") || strings.HasPrefix(line, "?") || strings.HasPrefix(line, ":") {
						t.Errorf("%s, %d words before: line %q", p.Name, k, it.Text)
					}
				}
			}
		}
	}
}
