// Package pdf draws laid-out documents with go-pdf/fpdf. It is the only
// package that imports fpdf.
package pdf

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math"
	"sync"

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
	// sum is the SHA-256 of data, by which fpdf caches the font's metrics
	// and subsets: computed once, not for every document.
	sum [sha256.Size]byte
	// common holds the advance of every rune below commonEnd in thousandths
	// of an em, rounded exactly as fpdf rounds them, so that text is
	// measured with the widths it is drawn with; 0 means the font has no
	// glyph for the rune. It is filled when the face is loaded and only read
	// afterwards.
	common []uint16
	// Runes from commonEnd up (bullets, dashes, curly quotes...) are looked
	// up when first met and remembered in rare, which is read without a
	// lock; mu guards the font lookup itself (buf is not safe to share).
	mu   sync.Mutex
	font *sfnt.Font
	buf  sfnt.Buffer
	rare sync.Map // rune -> uint16
	// ascent and descent as fractions of the em, from the font's metrics.
	ascent, descent float64
}

// commonEnd bounds the runes measured when a face is loaded: Latin,
// Latin-1, Latin Extended-A and -B, IPA and spacing modifiers, combining
// marks, Greek and Cyrillic. Punctuation such as dashes and quotation marks
// (U+2000 on) is looked up on first use. Loading a face then costs a few
// hundred glyph lookups instead of 65,536, which matters when one handout is
// built by a fresh process.
const commonEnd = 0x530

// zeroWidth is fpdf's marker for a glyph that exists but has no advance.
const zeroWidth = 65535

// Family is a loaded font family: the bytes and metrics of its regular and
// bold faces, read once and shared by every document (safe for concurrent
// use).
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
	if f.UnitsPerEm() <= 0 {
		return nil, fmt.Errorf("font %s has no units per em", file)
	}
	fc := &face{file: file, data: data, sum: sha256.Sum256(data), font: f, common: make([]uint16, commonEnd)}
	for r := rune(0x20); r < commonEnd; r++ {
		w, err := fc.lookup(r)
		if err != nil {
			return nil, err
		}
		fc.common[r] = w
	}
	if fc.common['a'] == 0 || fc.common[' '] == 0 {
		return nil, fmt.Errorf("font %s has no glyphs for basic Latin letters", file)
	}
	upem := float64(f.UnitsPerEm())
	m, err := f.Metrics(&fc.buf, fixed.Int26_6(f.UnitsPerEm())<<6, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("font %s: reading its metrics: %w", file, err)
	}
	asc, desc := float64(m.Ascent)/64/upem, float64(m.Descent)/64/upem
	if asc <= 0 || desc < 0 || asc+desc > 3 {
		return nil, fmt.Errorf("font %s has implausible ascent %.2f and descent %.2f", file, asc, desc)
	}
	fc.ascent, fc.descent = asc, desc
	return fc, nil
}

// lookup reads the advance of r from the font, as fpdf computes it: the
// advance in font units scaled to 1,000 units per em and rounded, with
// zeroWidth for a glyph with no advance and 0 for no glyph. The caller
// holds mu or owns the face alone.
func (fc *face) lookup(r rune) (uint16, error) {
	if r >= 0xD800 && r < 0xE000 || r < 0x20 || r > 0xFFFF {
		return 0, nil // surrogates and controls are not drawn; fpdf only handles the BMP
	}
	g, err := fc.font.GlyphIndex(&fc.buf, r)
	if err != nil || g == 0 {
		return 0, nil
	}
	upem := float64(fc.font.UnitsPerEm())
	adv, err := fc.font.GlyphAdvance(&fc.buf, g, fixed.Int26_6(fc.font.UnitsPerEm())<<6, font.HintingNone)
	if err != nil {
		return 0, fmt.Errorf("font %s: reading the width of U+%04X: %w", fc.file, r, err)
	}
	w := int(math.Round(1000 * float64(adv) / 64 / upem))
	if w <= 0 {
		return zeroWidth, nil
	}
	return uint16(min(w, zeroWidth)), nil
}

// width returns the stored advance of r, looking it up on first use.
func (fc *face) width(r rune) uint16 {
	if r >= 0 && int(r) < len(fc.common) {
		return fc.common[r]
	}
	if w, ok := fc.rare.Load(r); ok {
		return w.(uint16)
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	w, err := fc.lookup(r)
	if err != nil {
		w = 0 // an unreadable glyph is one the font cannot draw
	}
	fc.rare.Store(r, w)
	return w
}

// Width implements layout.Measurer.
func (f *Family) Width(fc layout.Face, size float64, s string) float64 {
	face := f.faces[fc]
	total := 0
	for _, r := range s {
		if w := face.width(r); w != zeroWidth {
			total += int(w)
		}
	}
	return float64(total) * size / 1000
}

// Covers implements layout.Measurer.
func (f *Family) Covers(fc layout.Face, r rune) bool {
	return f.faces[fc].width(r) != 0
}

// Extents implements layout.Measurer.
func (f *Family) Extents(fc layout.Face) (ascent, descent float64) {
	return f.faces[fc].ascent, f.faces[fc].descent
}
