package build

import (
	"unicode/utf8"
)

// scanIndex reads a manifest held whole in data, as decodeIndex does, but
// only in the form manifestWriter writes: the keys it writes, spelt as it
// spells them, strings without escapes, numbers that are whole and not
// negative, and no null. It is several times as fast as encoding/json (a
// manifest of 1,000 outputs took 11 ms to decode with it), and a check of
// up-to-date PDFs waits for it. ok is false for anything else, which
// decodeIndex then reads; when ok is true, the index is the one
// json.Unmarshal would give (FuzzScanIndex).
func scanIndex(data []byte) (m *manIndex, ok bool) {
	s := &jsonScan{b: data}
	m = &manIndex{}
	t := strs{}
	sawFormat := false
	ok = s.object(func(key []byte) bool {
		switch string(key) {
		case "format":
			n, ok := s.int()
			sawFormat = ok && n == manifestFormat
			return sawFormat
		case "tool":
			_, ok := s.str()
			return ok
		case "outputs":
			return s.object(func(name []byte) bool {
				var e ManifestOutput
				if !s.object(func(field []byte) bool {
					var ok bool
					switch string(field) {
					case "input":
						e.Input, ok = s.str()
					case "inputs_sha256":
						e.InputsSHA256, ok = s.str()
					case "handout_sha256":
						e.HandoutSHA256, ok = s.str()
					case "sha256":
						e.SHA256, ok = s.str()
					case "crc32c":
						e.CRC32C, ok = s.str()
					case "bytes":
						e.Bytes, ok = s.int()
					case "pages":
						e.Pages, ok = s.int()
					}
					return ok
				}) {
					return false
				}
				addOut(m, string(name), e)
				return true
			})
		case "handouts":
			return s.object(func(key []byte) bool {
				var h ManifestHandout
				if !s.object(func(field []byte) bool {
					var ok bool
					switch string(field) {
					case "id":
						h.ID, ok = s.str()
					case "font":
						h.Font, ok = s.str()
					case "assets":
						h.Assets, ok = s.strs()
					}
					return ok
				}) {
					return false
				}
				m.hands = append(m.hands, manHand{key: keyOf(string(key)), rec: t.add(h)})
				return true
			})
		}
		return false
	})
	if !ok || !sawFormat || !s.end() {
		return nil, false
	}
	m.finish()
	return m, true
}

// jsonScan reads the plain JSON that scanIndex accepts; every method
// reports false on anything else.
type jsonScan struct {
	b []byte
	i int
}

func (s *jsonScan) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// next skips white space and takes c, if it comes next.
func (s *jsonScan) next(c byte) bool {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// end reports whether nothing but white space is left.
func (s *jsonScan) end() bool {
	s.space()
	return s.i == len(s.b)
}

// raw reads a string, returning its bytes (a part of s.b).
func (s *jsonScan) raw() ([]byte, bool) {
	if !s.next('"') {
		return nil, false
	}
	start := s.i
	for ; s.i < len(s.b); s.i++ {
		switch c := s.b[s.i]; {
		case c == '"':
			v := s.b[start:s.i]
			s.i++
			return v, utf8.Valid(v)
		case c == '\\' || c < 0x20:
			return nil, false
		}
	}
	return nil, false
}

func (s *jsonScan) str() (string, bool) {
	v, ok := s.raw()
	return string(v), ok
}

// strs reads an array of strings; [] is an empty slice, not nil, as
// encoding/json gives.
func (s *jsonScan) strs() ([]string, bool) {
	if !s.next('[') {
		return nil, false
	}
	l := []string{}
	if s.next(']') {
		return l, true
	}
	for {
		v, ok := s.str()
		if !ok {
			return nil, false
		}
		l = append(l, v)
		if s.next(']') {
			return l, true
		}
		if !s.next(',') {
			return nil, false
		}
	}
}

// int reads a whole number of at most 18 digits, without a sign or a
// leading zero.
func (s *jsonScan) int() (int, bool) {
	s.space()
	start, n := s.i, 0
	for ; s.i < len(s.b) && s.i-start < 19 && '0' <= s.b[s.i] && s.b[s.i] <= '9'; s.i++ {
		n = n*10 + int(s.b[s.i]-'0')
	}
	digits := s.i - start
	if digits == 0 || digits > 18 || (digits > 1 && s.b[start] == '0') {
		return 0, false
	}
	if s.i < len(s.b) {
		switch s.b[s.i] {
		case '.', 'e', 'E':
			return 0, false
		}
	}
	return n, true
}

// object reads {"key": value, ...}, calling value for each key with the
// scanner at its value; value must read it.
func (s *jsonScan) object(value func(key []byte) bool) bool {
	if !s.next('{') {
		return false
	}
	if s.next('}') {
		return true
	}
	for {
		key, ok := s.raw()
		if !ok || !s.next(':') || !value(key) {
			return false
		}
		if s.next('}') {
			return true
		}
		if !s.next(',') {
			return false
		}
	}
}
