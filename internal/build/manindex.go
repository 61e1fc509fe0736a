package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"handout/internal/diag"
)

// digest is a SHA-256 as a run keeps it; it is written as hex only in the
// manifest and the results.
type digest [32]byte

func (d digest) hex() string { return hex.EncodeToString(d[:]) }

// parseDigest reads a hash as the manifest writes it: 64 lower-case hex
// digits. Anything else is not a digest (and is kept as written).
func parseDigest(s string) (d digest, ok bool) {
	if len(s) != 64 || !lowerHex(s) {
		return d, false
	}
	_, err := hex.Decode(d[:], []byte(s))
	return d, err == nil
}

// lowerHex reports whether s is made of lower-case hex digits only.
func lowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// hashKey is a hash of the manifest: a digest, or, when the manifest holds
// something else (edited by hand), that text.
type hashKey struct {
	d   digest
	s   string // the text, when odd
	odd bool
}

func keyOf(s string) hashKey {
	if d, ok := parseDigest(s); ok {
		return hashKey{d: d}
	}
	return hashKey{s: s, odd: true}
}

func (k hashKey) String() string {
	if k.odd {
		return k.s
	}
	return k.d.hex()
}

// cmpKey orders keys as their text is ordered.
func cmpKey(a, b hashKey) int {
	if !a.odd && !b.odd {
		return bytes.Compare(a.d[:], b.d[:])
	}
	return strings.Compare(a.String(), b.String())
}

// manIndex is a manifest as a run keeps it: sorted, with hashes as
// digests, and no more strings than the names.
type manIndex struct {
	outs  []manOut  // sorted by name, no two of one name
	hands []manHand // sorted by key, no two of one key
}

type manOut struct {
	name, input          string
	inputs, handout, sum hashKey
	crc                  string // as written (see parseCRC)
	bytes, pages         int
}

func (e *manOut) entry() ManifestOutput {
	return ManifestOutput{Input: e.input, InputsSHA256: e.inputs.String(), HandoutSHA256: e.handout.String(),
		SHA256: e.sum.String(), CRC32C: e.crc, Bytes: e.bytes, Pages: e.pages}
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// crcOf is the CRC-32C of data (see ManifestOutput).
func crcOf(data []byte) uint32 { return crc32.Checksum(data, castagnoli) }

// crcText is a CRC-32C as the manifest writes it: 8 lower-case hex digits.
func crcText(c uint32) string { return hex.EncodeToString(binary.BigEndian.AppendUint32(nil, c)) }

// parseCRC reads a CRC-32C as crcText writes it; anything else (an older
// manifest's missing field, a hand edit) is not one.
func parseCRC(s string) (uint32, bool) {
	var b [4]byte
	if len(s) != 8 || !lowerHex(s) {
		return 0, false
	}
	if _, err := hex.Decode(b[:], []byte(s)); err != nil {
		return 0, false
	}
	return binary.BigEndian.Uint32(b[:]), true
}

type manHand struct {
	key hashKey
	rec ManifestHandout
}

// out returns the entry of the output file name, or nil.
func (m *manIndex) out(name string) *manOut {
	i, ok := slices.BinarySearchFunc(m.outs, name, func(e manOut, n string) int { return strings.Compare(e.name, n) })
	if !ok {
		return nil
	}
	return &m.outs[i]
}

// hand returns the record of the handout file of hash d, or nil.
func (m *manIndex) hand(d digest) *manHand {
	k := hashKey{d: d}
	i, ok := slices.BinarySearchFunc(m.hands, k, func(e manHand, k hashKey) int { return cmpKey(e.key, k) })
	if !ok {
		return nil
	}
	return &m.hands[i]
}

// strs interns the few strings that many entries repeat (fonts, assets).
type strs map[string]string

func (t strs) intern(s string) string {
	if v, ok := t[s]; ok {
		return v
	}
	t[s] = s
	return s
}

func (t strs) add(rec ManifestHandout) ManifestHandout {
	rec.Font = t.intern(rec.Font)
	for i, a := range rec.Assets {
		rec.Assets[i] = t.intern(a)
	}
	return rec
}

// finish sorts the entries, keeping the last of each name or key (as
// decoding the JSON into maps would).
func (m *manIndex) finish() {
	slices.SortStableFunc(m.outs, func(a, b manOut) int { return strings.Compare(a.name, b.name) })
	m.outs = lastOfEach(m.outs, func(a, b manOut) bool { return a.name == b.name })
	slices.SortStableFunc(m.hands, func(a, b manHand) int { return cmpKey(a.key, b.key) })
	m.hands = lastOfEach(m.hands, func(a, b manHand) bool { return cmpKey(a.key, b.key) == 0 })
}

func lastOfEach[T any](s []T, same func(a, b T) bool) []T {
	out := s[:0]
	for i := range s {
		if i+1 < len(s) && same(s[i], s[i+1]) {
			continue
		}
		out = append(out, s[i])
	}
	return slices.Clip(out)
}

func addOut(m *manIndex, name string, e ManifestOutput) {
	m.outs = append(m.outs, manOut{name: name, input: e.Input, inputs: keyOf(e.InputsSHA256),
		handout: keyOf(e.HandoutSHA256), sum: keyOf(e.SHA256), crc: e.CRC32C, bytes: e.Bytes, pages: e.Pages})
}

// indexOf is the index of a manifest read whole.
func indexOf(man *Manifest) *manIndex {
	m := &manIndex{}
	t := strs{}
	for name, e := range man.Outputs {
		addOut(m, name, e)
	}
	for k, h := range man.Handouts {
		m.hands = append(m.hands, manHand{key: keyOf(k), rec: t.add(h)})
	}
	m.finish()
	return m
}

// readIndex is ReadManifest, but it keeps only the index. A manifest as
// manifestWriter writes it, of up to scanIndexMax bytes, is read whole and
// scanned (scanIndex); a larger one, or one in another form, is decoded as
// a stream (decodeIndex), so that a manifest of many outputs is never held
// whole. What neither reads as ReadManifest surely would (an invalid or
// unusual file) is left to ReadManifest, which reports it.
func readIndex(dir string) (*manIndex, diag.List) {
	name := filepath.Join(dir, ManifestName)
	f, err := openRaw(name)
	if errors.Is(err, fs.ErrNotExist) || !isDir(dir) {
		if err == nil {
			f.Close()
		}
		return &manIndex{}, nil
	}
	if err == nil {
		m, ok := readIndexFrom(f)
		f.Close()
		if ok {
			return m, nil
		}
	}
	man, diags := ReadManifest(dir)
	return indexOf(man), diags
}

// scanIndexMax is the size of the largest manifest read whole: about
// 100,000 outputs.
const scanIndexMax = 64 << 20

func readIndexFrom(f rawFile) (*manIndex, bool) {
	if size, err := f.size(); err == nil && size < scanIndexMax {
		data := make([]byte, 0, size+1)
		for {
			n, err := f.Read(data[len(data):cap(data)])
			data = data[:len(data)+n]
			if err == io.EOF {
				if m, ok := scanIndex(data); ok {
					return m, true
				}
				return decodeIndex(bytes.NewReader(data))
			}
			if err != nil {
				return nil, false
			}
			if len(data) == cap(data) {
				break // it grew meanwhile: read the rest as a stream
			}
		}
		return decodeIndex(io.MultiReader(bytes.NewReader(data), bufio.NewReaderSize(f, 64<<10)))
	}
	return decodeIndex(bufio.NewReaderSize(f, 64<<10))
}

// decodeIndex reads a manifest; ok is false unless it is exactly what
// json.Unmarshal into a Manifest reads, of this format.
func decodeIndex(r io.Reader) (m *manIndex, ok bool) {
	dec := json.NewDecoder(r)
	m = &manIndex{}
	t := strs{}
	delim := func(want json.Delim) bool {
		tok, err := dec.Token()
		return err == nil && tok == want
	}
	// object reads {"key": value, ...} or null; each calls value for one.
	object := func(reset func(), value func(key string) bool) bool {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if tok == nil {
			reset()
			return true
		}
		if tok != json.Delim('{') {
			return false
		}
		for dec.More() {
			tok, err := dec.Token()
			key, isStr := tok.(string)
			if err != nil || !isStr || !value(key) {
				return false
			}
		}
		return delim('}')
	}
	format := manifestFormat
	if !delim('{') {
		return nil, false
	}
	for dec.More() {
		tok, err := dec.Token()
		key, isStr := tok.(string)
		if err != nil || !isStr {
			return nil, false
		}
		switch key {
		case "format":
			err = dec.Decode(&format)
		case "tool":
			var s string
			err = dec.Decode(&s)
		case "outputs":
			if !object(func() { m.outs = m.outs[:0] }, func(name string) bool {
				var e ManifestOutput
				if dec.Decode(&e) != nil {
					return false
				}
				addOut(m, name, e)
				return true
			}) {
				return nil, false
			}
		case "handouts":
			if !object(func() { m.hands = m.hands[:0] }, func(k string) bool {
				var h ManifestHandout
				if dec.Decode(&h) != nil {
					return false
				}
				m.hands = append(m.hands, manHand{key: keyOf(k), rec: t.add(h)})
				return true
			}) {
				return nil, false
			}
		default:
			for _, f := range []string{"format", "tool", "outputs", "handouts"} {
				if strings.EqualFold(key, f) {
					return nil, false // matched by json's case folding: left to it
				}
			}
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return nil, false
		}
	}
	if !delim('}') {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF || format != manifestFormat {
		return nil, false
	}
	m.finish()
	return m, true
}

// manifestWriter writes a manifest as Manifest.encode does, entry by entry,
// in the order of the keys.
type manifestWriter struct {
	w   io.Writer
	err error
	n   int // entries written in the current object
}

func (mw *manifestWriter) str(s string) {
	if mw.err == nil {
		_, mw.err = io.WriteString(mw.w, s)
	}
}

func (mw *manifestWriter) begin(field string) {
	mw.str(",\n  \"" + field + "\": {")
	mw.n = 0
}

func (mw *manifestWriter) entry(key string, v any) {
	if mw.err != nil {
		return
	}
	k, err := json.Marshal(key)
	if err != nil {
		mw.err = err
		return
	}
	val, err := json.MarshalIndent(v, "    ", "  ")
	if err != nil {
		mw.err = err
		return
	}
	if mw.n > 0 {
		mw.str(",")
	}
	mw.str("\n    ")
	mw.str(string(k))
	mw.str(": ")
	mw.str(string(val))
	mw.n++
}

func (mw *manifestWriter) end() {
	if mw.n > 0 {
		mw.str("\n  ")
	}
	mw.str("}")
}

func (mw *manifestWriter) header() {
	tool, _ := json.Marshal("handout " + Version)
	mw.str("{\n  \"format\": " + strconv.Itoa(manifestFormat) + ",\n  \"tool\": " + string(tool))
}

// digestOf is the SHA-256 of data.
func digestOf(data []byte) digest { return sha256.Sum256(data) }

// writeManifest merges what the run learnt into the manifest in its output
// folder and writes it atomically, streaming it: entries of the outputs
// written or found unchanged, and the records of the handouts read. Entries
// of other outputs are kept (other runs, shards or input sets may share the
// folder), except those whose PDF no longer exists; of the handouts, those
// still named by an output or read by this run are kept. The folder is
// locked while the manifest is read, merged and written, so that builds
// running at the same time into one folder do not lose each other's
// entries.
func (r *run) writeManifest(units []*unit) diag.List {
	dir := r.b.Dir
	unlock := lockDir(dir)
	defer unlock()
	old, _ := readIndex(dir) // a damaged manifest was reported when the run began

	// The run's outputs, by name.
	type ourOut struct {
		name string
		o    *outRec
		ren  *ManifestOutput
	}
	var ours []ourOut
	recorded := map[string]bool{}
	for i := range r.outs {
		if o := &r.outs[i]; o.record {
			ours = append(ours, ourOut{name: r.name(o), o: o})
			if r.renamed != nil {
				recorded[ours[len(ours)-1].name] = true
			}
		}
	}
	for name, e := range r.renamed {
		if !recorded[name] {
			ours = append(ours, ourOut{name: name, ren: &e})
		}
	}
	recorded = nil
	slices.SortFunc(ours, func(a, b ourOut) int { return strings.Compare(a.name, b.name) })

	// Which of the other entries stay, and the handouts the kept entries
	// name.
	used := map[hashKey]struct{}{}
	keep := make([]bool, len(old.outs))
	j := 0
	for i := range old.outs {
		e := &old.outs[i]
		for j < len(ours) && ours[j].name < e.name {
			j++
		}
		if j < len(ours) && ours[j].name == e.name {
			continue
		}
		if fi, err := os.Stat(filepath.Join(dir, e.name)); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		keep[i] = true
		used[e.handout] = struct{}{}
	}
	for _, x := range ours {
		if x.o != nil {
			used[hashKey{d: x.o.u.handout}] = struct{}{}
		} else {
			used[keyOf(x.ren.HandoutSHA256)] = struct{}{}
		}
	}

	// The handouts the run read, by key.
	hands := slices.Clone(r.hands)
	for _, u := range units {
		if u.recorded {
			hands = append(hands, manHand{key: hashKey{d: u.handout}, rec: u.record()})
		}
	}
	slices.SortStableFunc(hands, func(a, b manHand) int { return cmpKey(a.key, b.key) })
	hands = lastOfEach(hands, func(a, b manHand) bool { return cmpKey(a.key, b.key) == 0 })

	gen := func(w io.Writer) error {
		mw := &manifestWriter{w: w}
		mw.header()
		mw.begin("outputs")
		i, j := 0, 0
		for i < len(old.outs) || j < len(ours) {
			if j == len(ours) || i < len(old.outs) && old.outs[i].name < ours[j].name {
				if keep[i] {
					mw.entry(old.outs[i].name, old.outs[i].entry())
				}
				i++
				continue
			}
			if i < len(old.outs) && old.outs[i].name == ours[j].name {
				i++
			}
			x := ours[j]
			j++
			if x.ren != nil {
				mw.entry(x.name, *x.ren)
				continue
			}
			o := x.o
			ih, _ := r.inputsHash(o)
			mw.entry(x.name, ManifestOutput{Input: o.u.in.Name, InputsSHA256: ih.hex(), HandoutSHA256: o.u.handout.hex(),
				SHA256: o.sum.hex(), CRC32C: crcText(o.crc), Bytes: o.size, Pages: o.pages})
		}
		mw.end()
		mw.begin("handouts")
		i, j = 0, 0
		for i < len(old.hands) || j < len(hands) {
			c := 1
			switch {
			case i == len(old.hands):
			case j == len(hands):
				c = -1
			default:
				c = cmpKey(old.hands[i].key, hands[j].key)
			}
			if c < 0 {
				if _, ok := used[old.hands[i].key]; ok {
					mw.entry(old.hands[i].key.String(), old.hands[i].rec)
				}
				i++
				continue
			}
			if c == 0 {
				i++
			}
			mw.entry(hands[j].key.String(), hands[j].rec)
			j++
		}
		mw.end()
		mw.str("\n}\n")
		return mw.err
	}
	name := filepath.Join(dir, ManifestName)
	_, statErr := os.Lstat(name)
	if _, err := r.b.Writer.writeStream(name, 0o644, gen); err != nil {
		d := writeError(name, err, statErr == nil)
		d.Code = "manifest"
		d.Message = strings.Replace(d.Message, "cannot write the PDF", "cannot write the manifest", 1) +
			"; the PDFs are complete, but the next build cannot tell they are up to date and renders them again"
		return diag.List{d}
	}
	return nil
}
