package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"time"

	"handout/fonts"
	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// ManifestName is the file, in the output folder, that records what each
// PDF there was built from. It is how a build knows, without rendering,
// that a PDF is up to date.
const ManifestName = ".handout-manifest.json"

// manifestFormat is the version of the manifest's layout and of the way
// inputs are hashed; a manifest of another format is ignored (and its PDFs
// rebuilt).
const manifestFormat = 1

// Manifest is the content of ManifestName.
//
//	{
//	  "format": 1,
//	  "tool": "handout 0.3.0",
//	  "outputs": {
//	    "<output file name>": {
//	      "input": "<the handout file, as named on the command line>",
//	      "inputs_sha256": "<hash of everything the PDF is made from>",
//	      "handout_sha256": "<hash of the handout file's bytes>",
//	      "sha256": "<hash of the PDF's bytes>",
//	      "crc32c": "<CRC-32C of the PDF's bytes, 8 hex digits>",
//	      "bytes": 41234,
//	      "pages": 2
//	    }
//	  },
//	  "handouts": {
//	    "<handout_sha256>": {"id": "...", "font": "...", "assets": ["logo.png"]}
//	  }
//	}
//
// "handouts" lets a later build find a handout's outputs from its bytes
// alone, without parsing it.
type Manifest struct {
	Format   int                        `json:"format"`
	Tool     string                     `json:"tool"`
	Outputs  map[string]ManifestOutput  `json:"outputs"`
	Handouts map[string]ManifestHandout `json:"handouts"`
}

// ManifestOutput is what one PDF was built from, and what it holds.
//
// CRC32C is how a build checks that the file is still the one recorded
// when it has no note of the file (see statNotes): the same size and the
// same CRC-32C (Castagnoli, the checksum Btrfs and iSCSI use for the same
// purpose), which the processor computes about 15 times as fast as
// SHA-256 here. It is a check against accidental change (an edited or
// replaced PDF, a merge that took the PDF of one branch and the manifest of
// another), not against forgery: whoever can write the PDF can write the
// manifest. Manifests written before it existed lack it; their PDFs are
// checked by SHA-256, and the next build that writes them records it.
type ManifestOutput struct {
	Input         string `json:"input"`
	InputsSHA256  string `json:"inputs_sha256"`
	HandoutSHA256 string `json:"handout_sha256"`
	SHA256        string `json:"sha256"`
	CRC32C        string `json:"crc32c,omitempty"`
	Bytes         int    `json:"bytes"`
	Pages         int    `json:"pages"`
}

// ManifestHandout is what a build needs to know of a handout, by the hash of
// its file, to check its outputs without parsing it: its id (which names
// the outputs), its font family and the asset files it uses.
type ManifestHandout struct {
	ID     string   `json:"id"`
	Font   string   `json:"font"`
	Assets []string `json:"assets,omitempty"`
}

func newManifest() *Manifest {
	return &Manifest{Format: manifestFormat, Tool: "handout " + Version,
		Outputs: map[string]ManifestOutput{}, Handouts: map[string]ManifestHandout{}}
}

// ReadManifest reads the manifest of the output folder dir. A missing
// manifest is an empty one. A manifest that cannot be read or is of another
// format is reported as a warning and treated as empty: every PDF is then
// rebuilt, and a build writes a new manifest.
func ReadManifest(dir string) (*Manifest, diag.List) {
	name := filepath.Join(dir, ManifestName)
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) || !isDir(dir) {
		// No folder, or a file in its place (reported when a PDF is to be
		// written): no manifest.
		return newManifest(), nil
	}
	var diags diag.List
	warn := func(msg string) {
		diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: name}, Severity: diag.Warning, Code: "manifest",
			Message: msg + "; every PDF in the folder is checked by rendering it again",
			Hint:    "a build writes a new manifest"})
	}
	if err != nil {
		warn("cannot read the manifest: " + plainError(err))
		return newManifest(), diags
	}
	m := newManifest()
	if err := json.Unmarshal(data, m); err != nil {
		warn("the manifest is not valid JSON: " + err.Error())
		return newManifest(), diags
	}
	if m.Format != manifestFormat {
		warn(fmt.Sprintf("the manifest is of format %d, not %d", m.Format, manifestFormat))
		return newManifest(), diags
	}
	if m.Outputs == nil {
		m.Outputs = map[string]ManifestOutput{}
	}
	if m.Handouts == nil {
		m.Handouts = map[string]ManifestHandout{}
	}
	return m, nil
}

// encode gives the manifest as indented JSON with sorted keys, so that the
// same content is always the same bytes.
func (m *Manifest) encode() []byte {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil { // only maps of strings and numbers: cannot happen
		panic(err)
	}
	return append(data, '\n')
}

// The inputs of an output: everything its bytes depend on. Their hash is
// what the manifest records as inputs_sha256.
type inputKey struct {
	id         string // the handout's id (not hashed: the handout file holds it)
	handoutSum string // SHA-256 of the handout file's bytes
	font       string // the font family's name
	assets     []assetSum
}

type assetSum struct{ name, sum string }

// assetDigest is an asset file's name and SHA-256, as a run keeps it.
type assetDigest struct {
	name string
	sum  digest
}

// inputsHash hashes, in a fixed text form, the hash scheme's version, the
// tool's version, the paper, the render options, the handout file, the
// font family's files and every asset file the handout uses.
func (k inputKey) inputsHash(paper layout.Paper, opt RenderOptions) (string, error) {
	d, err := k.inputsDigest(paper, optionsText(opt))
	return d.hex(), err
}

// inputsDigest is inputsHash as a digest, with the options as optionsText
// gives them.
func (k inputKey) inputsDigest(paper layout.Paper, options string) (digest, error) {
	fontSum, err := fontFamilySum(k.font)
	if err != nil {
		return digest{}, err
	}
	var buf [1024]byte // the text fits for a handout with a few assets
	return sha256.Sum256(appendInputs(buf[:0], k, paper, options, fontSum)), nil
}

// inputsText is the text whose hash is an output's inputs hash.
func inputsText(k inputKey, paper layout.Paper, opt RenderOptions, fontSum string) string {
	return string(appendInputs(nil, k, paper, optionsText(opt), fontSum))
}

// appendInputs appends inputsText, with the options as optionsText gives
// them. Built without fmt, which was a tenth of a no-op rebuild; %q is
// strconv.Quote.
func appendInputs(b []byte, k inputKey, paper layout.Paper, options, fontSum string) []byte {
	b = strconv.AppendInt(append(b, "handout-inputs "...), manifestFormat, 10)
	b = strconv.AppendQuote(append(b, "\ntool "...), Version)
	b = strconv.AppendQuote(append(b, "\npaper "...), paper.Name)
	b = strconv.AppendFloat(append(b, ' '), paper.Width, 'g', -1, 64)
	b = strconv.AppendFloat(append(b, ' '), paper.Height, 'g', -1, 64)
	b = append(append(b, "\noptions "...), options...)
	b = append(append(b, "\nhandout "...), k.handoutSum...)
	b = strconv.AppendQuote(append(b, "\nfont "...), k.font)
	b = append(append(append(b, ' '), fontSum...), '\n')
	for _, a := range k.assets {
		b = strconv.AppendQuote(append(b, "asset "...), a.name)
		b = append(append(append(b, ' '), a.sum...), '\n')
	}
	return b
}

// optionsText gives the render options as text for the inputs hash. Every
// field of RenderOptions must appear here (a test checks the count).
func optionsText(opt RenderOptions) string {
	date := "reviewed" // the handout's own reviewed date
	if !opt.Date.IsZero() {
		date = opt.Date.UTC().Format(time.RFC3339)
	}
	brand := "none"
	if opt.Brand != nil {
		brand = hex.EncodeToString(opt.Brand.Sum[:])
	}
	s := "date=" + date + " brand=" + brand
	if opt.LargePrint {
		// Only when set, so that the hashes of regular PDFs stay as they
		// were without the option.
		s += " large-print"
	}
	return s
}

// sum is the hex SHA-256 of data.
func sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

var fontSums sync.Map // family name -> hex SHA-256 of its files

// fontFamilySum hashes the files of a font family: the regular face, then
// the bold one. Fonts are embedded in the binary, so each family is hashed
// once per process.
func fontFamilySum(name string) (string, error) {
	if s, ok := fontSums.Load(name); ok {
		return s.(string), nil
	}
	fam, ok := fonts.Lookup(name)
	if !ok {
		return "", fmt.Errorf("unknown font family %q", name)
	}
	h := sha256.New()
	for _, file := range []string{fam.Regular, fam.Bold} {
		data, err := fs.ReadFile(fonts.FS, file)
		if err != nil {
			return "", err
		}
		s := sha256.Sum256(data)
		fmt.Fprintf(h, "%q %x\n", file, s)
	}
	s := hex.EncodeToString(h.Sum(nil))
	fontSums.Store(name, s)
	return s, nil
}

// assetSums hashes the named files of an assets folder, in name order.
func assetSums(fsys fs.FS, names []string) ([]assetDigest, error) {
	if len(names) == 0 {
		return nil, nil
	}
	if fsys == nil {
		return nil, errors.New("no assets folder")
	}
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	out := make([]assetDigest, 0, len(sorted))
	for _, name := range sorted {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		n, err := copyBuffered(h, io.LimitReader(f, handout.MaxLogoBytes+1))
		f.Close()
		if err != nil {
			return nil, err
		}
		if n > handout.MaxLogoBytes {
			return nil, errors.New("too large")
		}
		a := assetDigest{name: name}
		h.Sum(a.sum[:0])
		out = append(out, a)
	}
	return out, nil
}

// handoutAssets lists the asset files a parsed handout uses.
func handoutAssets(h *handout.Handout) []string {
	if h.Logo != nil && h.Logo.File.Value != "" {
		return []string{h.Logo.File.Value}
	}
	return nil
}

// fileSum reads a file and returns the SHA-256 of its bytes and its size;
// exists is false when there is no such file.
func fileSum(name string) (s digest, size int, exists bool, err error) {
	f, err := openRaw(name)
	if errors.Is(err, fs.ErrNotExist) {
		return digest{}, 0, false, nil
	}
	if err != nil {
		return digest{}, 0, true, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := copyBuffered(h, f)
	if err != nil {
		return digest{}, 0, true, err
	}
	h.Sum(s[:0])
	return s, int(n), true, nil
}

// crcCheck is what fileCRC found of a file.
type crcCheck struct {
	crc    uint32 // 0 when the file was not read
	size   int
	exists bool
	// stamp is what the system said of the file before its bytes were
	// read (see stampOf), when stamped.
	stamp   fileStamp
	stamped bool
}

// fileCRC is the CRC-32C and size of the file name, when its size is want;
// when it is not, the file is not read.
func fileCRC(name string, want int) (crcCheck, error) {
	f, err := openRaw(name)
	if errors.Is(err, fs.ErrNotExist) {
		return crcCheck{}, nil
	}
	if err != nil {
		return crcCheck{exists: true}, err
	}
	defer f.Close()
	c := crcCheck{exists: true}
	var n int64
	if c.stamp, c.stamped = fdStamp(f); c.stamped {
		n = c.stamp.size
	} else if n, err = f.size(); err != nil {
		return c, err
	}
	if c.size = int(n); n != int64(want) {
		return c, nil
	}
	if n <= copyBufSize {
		// Read in one piece, with no read to find the end: the
		// file's bytes as they were when its size was taken.
		buf := copyBufs.Get().(*[copyBufSize]byte)
		defer copyBufs.Put(buf)
		m, err := readFull(f, buf[:n])
		if err != nil {
			return crcCheck{exists: true}, err
		}
		c.crc, c.size = crc32.Checksum(buf[:m], castagnoli), m
		return c, nil
	}
	h := crc32.New(castagnoli)
	m, err := copyBuffered(h, f)
	if err != nil {
		return crcCheck{exists: true}, err
	}
	c.crc, c.size = h.Sum32(), int(m)
	return c, nil
}

// readFull reads into p until it is full or the file ends, and returns
// how much it read.
func readFull(r io.Reader, p []byte) (int, error) {
	n, err := io.ReadFull(r, p)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return n, err
}

// copyBufSize holds most PDFs whole (the built-in handouts' are 28 to 41
// KB), so that checking one takes two reads: its bytes, and the end.
const copyBufSize = 128 << 10

var copyBufs = sync.Pool{New: func() any { return new([copyBufSize]byte) }}

// copyBuffered is io.Copy with a buffer that is reused from call to call.
func copyBuffered(w io.Writer, r io.Reader) (int64, error) {
	buf := copyBufs.Get().(*[copyBufSize]byte)
	defer copyBufs.Put(buf)
	return io.CopyBuffer(struct{ io.Writer }{w}, struct{ io.Reader }{r}, buf[:])
}

// sameFile reports whether the file name holds exactly data. A missing file
// does not.
func sameFile(name string, data []byte) (same, exists bool) {
	fi, err := os.Stat(name)
	if err != nil {
		return false, !errors.Is(err, fs.ErrNotExist)
	}
	if !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false, true
	}
	old, err := os.ReadFile(name)
	return err == nil && bytes.Equal(old, data), true
}
