package layout

import (
	"errors"
	"math"

	goqr "github.com/piglig/go-qr"
)

// A QR code printed in the clinic band. Its modules (the small squares) are
// drawn as filled rectangles, so it prints sharply at any size; its side,
// quiet zone included, is the band's inner height, so the version of the
// code (how many modules it has) sets how large each module prints.
const (
	// qrMinModule is the smallest module the band prints, in points: 0.45
	// mm, which a phone camera reads from a sheet held at arm's length
	// and which survives a photocopy.
	qrMinModule = 0.45 * 72 / 25.4
	// qrQuiet is the quiet zone, in modules: the free margin around the
	// code, which the QR standard asks to be at least 4 modules wide and
	// free of ink.
	qrQuiet = 4
	// qrECC is the least error correction a printed code gets: level M
	// recovers 15% of its data, enough for a smudge or a crease. When the
	// address leaves room, the encoder raises the level.
	qrECC = goqr.Medium
)

// qrMaxVersion is the largest QR version whose modules, quiet zone
// included, print at least qrMinModule wide in a square of side points.
func qrMaxVersion(side float64) int {
	modules := int(math.Floor(side/qrMinModule+1e-9)) - 2*qrQuiet
	return min(40, (modules-17)/4) // a version-v code has 17+4v modules a side
}

// qrMatrix encodes url as the smallest QR code of at most version maxVer,
// and returns its modules, row by row, true for dark. ok is false when the
// address needs a larger code.
func qrMatrix(url string, maxVer int) (mods [][]bool, ok bool, err error) {
	if maxVer < 1 {
		return nil, false, nil
	}
	segs, err := goqr.MakeSegments(url)
	if err != nil {
		return nil, false, err
	}
	qr, err := goqr.EncodeSegments(segs, qrECC, goqr.MinVersion, maxVer, -1, true)
	if errors.Is(err, goqr.ErrDataTooLong) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	n := qr.Size()
	mods = make([][]bool, n)
	for y := range mods {
		mods[y] = make([]bool, n)
		for x := range mods[y] {
			mods[y][x] = qr.Module(x, y)
		}
	}
	return mods, true, nil
}

// qrCapacity is the longest address, in bytes, that a QR code of at most
// version maxVer holds at the band's error correction.
func qrCapacity(maxVer int) int {
	if maxVer < 1 {
		return 0
	}
	fits := func(n int) bool {
		seg, err := goqr.MakeBytes(make([]byte, n))
		if err != nil {
			return false
		}
		_, err = goqr.EncodeSegments([]*goqr.QrSegment{seg}, qrECC, goqr.MinVersion, maxVer, -1, false)
		return err == nil
	}
	lo, hi := 0, 3000 // fits(lo) holds; fits(hi) does not
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// qrVersionFor is the version of the smallest QR code that holds url at
// the band's error correction, or 0 when none does.
func qrVersionFor(url string) int {
	segs, err := goqr.MakeSegments(url)
	if err != nil {
		return 0
	}
	qr, err := goqr.EncodeSegments(segs, qrECC, goqr.MinVersion, goqr.MaxVersion, -1, false)
	if err != nil {
		return 0
	}
	return (qr.Size() - 17) / 4
}

// modRect is a rectangle of dark modules: column, row, width and height,
// in modules.
type modRect struct{ x, y, w, h int }

// qrRects covers the dark modules of mods with rectangles that do not
// overlap: each run of dark modules along a row is extended down over the
// rows below that have the same run. A version-3 code has about 440 dark
// modules and comes out as about 200 rectangles, which keeps the PDF small.
func qrRects(mods [][]bool) []modRect {
	n := len(mods)
	used := make([][]bool, n)
	for i := range used {
		used[i] = make([]bool, n)
	}
	free := func(x, y int) bool { return mods[y][x] && !used[y][x] }
	var out []modRect
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if !free(x, y) {
				continue
			}
			w := 1
			for x+w < n && free(x+w, y) {
				w++
			}
			h := 1
		grow:
			for y+h < n {
				for i := x; i < x+w; i++ {
					if !free(i, y+h) {
						break grow
					}
				}
				h++
			}
			for j := y; j < y+h; j++ {
				for i := x; i < x+w; i++ {
					used[j][i] = true
				}
			}
			out = append(out, modRect{x, y, w, h})
		}
	}
	return out
}
