// Package pdf draws laid-out documents with go-pdf/fpdf. It is the only
// package that imports fpdf.
package pdf

import (
	"fmt"
	"io/fs"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"handout/fonts"
	"handout/internal/layout"
)

// face is one loaded TrueType face.
type face struct {
	file string
	data []byte
	// widths holds the advance of every Basic Multilingual Plane rune in
	// thousandths of an em, rounded exactly as fpdf rounds them, so that
	// text is measured with the widths it is drawn with; 0 means the font
	// has no glyph for the rune.
	widths []uint16
	// ascent and descent as fractions of the em, from the font's metrics.
	ascent, descent float64
}

// Family is a loaded font family: the bytes and metrics of its regular and
// bold faces, read once and shared read-only by every document.
type Family struct {
	Name    string // the name handouts use, e.g. "atkinson-hyperlegible"
	Display string // the family's own name, e.g. "Atkinson Hyperlegible Next"
	faces   [2]*face
}

// LoadFamily reads the named family from fsys (normally fonts.FS) and
// checks that both faces are usable TrueType fonts.
func LoadFamily(fsys fs.FS, name string) (*Family, error) {
	info, ok := fonts.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("unknown font family %q", name)
	}
	fam := &Family{Name: info.Name, Display: info.Display}
	for i, file := range []string{info.Regular, info.Bold} {
		f, err := loadFace(fsys, file)
		if err != nil {
			return nil, err
		}
		fam.faces[i] = f
	}
	return fam, nil
}

func loadFace(fsys fs.FS, file string) (*face, error) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", file, err)
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("font %s is not a usable TrueType font: %w", file, err)
	}
	upem := float64(f.UnitsPerEm())
	if upem <= 0 {
		return nil, fmt.Errorf("font %s has no units per em", file)
	}
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(f.UnitsPerEm()) << 6 // advances in font units
	widths := make([]uint16, 0x10000)
	for r := rune(0x20); r < 0x10000; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue // surrogates are not characters
		}
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			continue
		}
		adv, err := f.GlyphAdvance(&buf, g, ppem, font.HintingNone)
		if err != nil {
			return nil, fmt.Errorf("font %s: reading the width of U+%04X: %w", file, r, err)
		}
		w := int(math.Round(1000 * float64(adv) / 64 / upem))
		if w <= 0 {
			w = 65535 // fpdf's marker for a zero-width glyph
		}
		widths[r] = uint16(min(w, 65535))
	}
	if widths['a'] == 0 || widths[' '] == 0 {
		return nil, fmt.Errorf("font %s has no glyphs for basic Latin letters", file)
	}
	m, err := f.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("font %s: reading its metrics: %w", file, err)
	}
	asc, desc := float64(m.Ascent)/64/upem, float64(m.Descent)/64/upem
	if asc <= 0 || desc < 0 || asc+desc > 3 {
		return nil, fmt.Errorf("font %s has implausible ascent %.2f and descent %.2f", file, asc, desc)
	}
	return &face{file: file, data: data, widths: widths, ascent: asc, descent: desc}, nil
}

// Width implements layout.Measurer.
func (f *Family) Width(fc layout.Face, size float64, s string) float64 {
	w := f.faces[fc].widths
	total := 0
	for _, r := range s {
		if r < 0 || int(r) >= len(w) {
			continue
		}
		if v := w[r]; v != 65535 {
			total += int(v)
		}
	}
	return float64(total) * size / 1000
}

// Covers implements layout.Measurer.
func (f *Family) Covers(fc layout.Face, r rune) bool {
	w := f.faces[fc].widths
	return r >= 0 && int(r) < len(w) && w[r] != 0
}

// Extents implements layout.Measurer.
func (f *Family) Extents(fc layout.Face) (ascent, descent float64) {
	return f.faces[fc].ascent, f.faces[fc].descent
}
