// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

// useRunes records the runes of s in usedRunes (handout patch 11). An
// ASCII rune already recorded is not written again: usedRunes[r] = r is
// what every later write of r would set, so the map ends the same.
func (f *fontDefType) useRunes(s string) {
	for _, r := range s {
		if r < 128 && f.asciiUsed != nil {
			bit := uint64(1) << (r & 63)
			if f.asciiUsed[r>>6]&bit != 0 {
				continue
			}
			f.asciiUsed[r>>6] |= bit
		}
		f.usedRunes[int(r)] = int(r)
	}
}
