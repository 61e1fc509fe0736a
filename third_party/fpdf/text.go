// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import "strconv"

// textUTF8 writes what Text writes for a line in a UTF-8 font without
// underline or strike-out, and not right to left, byte for byte, but
// appended into one reused buffer instead of formatted with fmt (handout
// patch 13):
//
//	[q <text colour> ]BT <x> <y> Td (<escaped UTF-16BE>) Tj ET[ Q]
func (f *Fpdf) textUTF8(x, y float64, s string) {
	b := f.textBuf[:0]
	if f.colorFlag {
		b = append(append(append(b, "q "...), f.color.text.str...), ' ')
	}
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, x*f.k, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, (f.h-y)*f.k, 'f', 2, 64)
	b = append(b, " Td ("...)
	b = appendEscaped(b, utf8toutf16(s, false))
	b = append(b, ") Tj ET"...)
	if f.colorFlag {
		b = append(b, " Q"...)
	}
	f.textBuf = append(b, '\n')
	if f.state == 2 {
		must(f.pages[f.page].Write(f.textBuf))
	} else {
		must(f.buffer.Write(f.textBuf))
	}
}

// appendEscaped appends s escaped as escape does: a backslash before
// each backslash and parenthesis, and a carriage return as \r.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '(', ')':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, c)
		}
	}
	return b
}
