package handout

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// Limits on logo images, checked before an image is decoded, so that a
// small file that would expand into gigabytes of pixels (a decompression
// bomb) is refused from its header alone.
const (
	MaxLogoBytes  = 2 << 20   // 2 MiB on disk
	MaxLogoSide   = 4000      // pixels, either side
	MaxLogoPixels = 4_000_000 // pixels in all, e.g. 2000 x 2000
)

// logoImage reads the logo file name from assets, checks it, and returns it
// re-encoded as a plain PNG: 8 bits a channel, not interlaced, without
// metadata. The PDF writer reads only such PNGs reliably (it cannot read
// interlaced ones), and re-encoding makes the output depend only on the
// pixels. Problems are reported through bad, and then it returns nil.
func (p *parser) logoImage(assets fs.FS, name string, bad func(msg, hint string)) []byte {
	data, err := readLimited(assets, name, MaxLogoBytes)
	if err != nil {
		p.logoReadError(assets, name, err, bad)
		return nil
	}
	const exportHint = "open it in an image editor and export it again as PNG"
	// Only PNG and JPEG, whatever decoders other packages register with
	// package image.
	format := sniffImage(data)
	if format != "PNG" && format != "JPEG" {
		msg := fmt.Sprintf("logo file %q is not an image", name)
		if format != "" {
			msg = fmt.Sprintf("logo file %q is %s file, not a PNG or JPEG image", name, format)
		}
		bad(msg, "export the logo as PNG")
		return nil
	}
	failed := func(err error) {
		var pu png.UnsupportedError
		var ju jpeg.UnsupportedError
		switch {
		case errors.As(err, &pu) || errors.As(err, &ju):
			bad(fmt.Sprintf("logo file %q is a kind of %s image that handout cannot read", name, format), exportHint)
		case cutShort(format, data):
			bad(fmt.Sprintf("logo file %q is cut short: the file ends before the image does", name),
				"copy or export the image again; the copy may not have finished")
		default:
			bad(fmt.Sprintf("logo file %q is a damaged %s image", name, format), exportHint)
		}
	}
	sum := sha256.Sum256(data)
	if out, ok := logoCache.get(sum); ok {
		return out // the same file was checked and converted before
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		failed(err)
		return nil
	}
	switch {
	case cfg.Width <= 0 || cfg.Height <= 0:
		bad(fmt.Sprintf("logo file %q is an image with no pixels", name), exportHint)
		return nil
	case cfg.Width > MaxLogoSide || cfg.Height > MaxLogoSide || cfg.Width*cfg.Height > MaxLogoPixels:
		bad(fmt.Sprintf("logo file %q is %dx%d pixels; a logo may have at most %d on each side and %s pixels in all",
			name, cfg.Width, cfg.Height, MaxLogoSide, thousands(MaxLogoPixels)),
			"scale the image down; a logo prints well at 600 pixels wide")
		return nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		failed(err)
		return nil
	}
	flat := flatten(img)
	if blank(flat) {
		bad(fmt.Sprintf("logo file %q is blank: every pixel is white or transparent, so nothing would print", name),
			"export the logo again with its colours, or leave the logo out")
		return nil
	}
	out, err := plainPNG(flat)
	if err != nil { // cannot happen for an in-memory buffer
		bad(fmt.Sprintf("logo file %q cannot be converted: %v", name, err), exportHint)
		return nil
	}
	logoCache.put(sum, out)
	return out
}

// logoCache remembers the conversion of logo files that passed every check,
// by the SHA-256 of their bytes: a batch of handouts usually shares a few
// logos, and decoding and re-encoding one costs more than laying out a
// page. It holds at most logoCacheSize entries; past that, new logos are
// converted every time.
var logoCache = &imageCache{m: map[[sha256.Size]byte][]byte{}}

const logoCacheSize = 64

type imageCache struct {
	mu sync.Mutex
	m  map[[sha256.Size]byte][]byte
}

func (c *imageCache) get(k [sha256.Size]byte) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *imageCache) put(k [sha256.Size]byte, v []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) < logoCacheSize {
		c.m[k] = v
	}
}

// flatten draws img onto white.
func flatten(img image.Image) *image.NRGBA {
	b := img.Bounds()
	rgba := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Over)
	return rgba
}

// blank reports whether a flattened image is white all over (every channel
// of every pixel within 4 of full): such a logo prints nothing.
func blank(rgba *image.NRGBA) bool {
	for i := 0; i+3 < len(rgba.Pix); i += 4 {
		if rgba.Pix[i] < 251 || rgba.Pix[i+1] < 251 || rgba.Pix[i+2] < 251 {
			return false
		}
	}
	return true
}

// plainPNG encodes a flattened image as an 8-bit RGB PNG, not interlaced and without
// metadata, with any transparency flattened onto white: logos are drawn on
// the white paper of the header, where that looks the same, and an opaque
// PNG goes into the PDF as it is, where one with an alpha channel must be
// split and recompressed for every document.
func plainPNG(rgba *image.NRGBA) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, rgba); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sniffImage names the format of an image file from its first bytes: "PNG"
// and "JPEG", which handouts take, or another format someone may try, with
// its article ("a GIF"), or "" when the bytes are no image format it knows.
func sniffImage(b []byte) string {
	has := func(prefix string) bool { return bytes.HasPrefix(b, []byte(prefix)) }
	text := strings.ToLower(string(b[:min(len(b), 256)]))
	switch {
	case has("\x89PNG\r\n\x1a\n"):
		return "PNG"
	case has("\xff\xd8\xff"):
		return "JPEG"
	case has("GIF87a") || has("GIF89a"):
		return "a GIF"
	case has("RIFF") && len(b) >= 12 && string(b[8:12]) == "WEBP":
		return "a WebP"
	case has("BM"):
		return "a BMP"
	case has("II*\x00") || has("MM\x00*"):
		return "a TIFF"
	case has("%PDF"):
		return "a PDF"
	case len(b) >= 12 && string(b[4:8]) == "ftyp" && (strings.HasPrefix(string(b[8:12]), "hei") || strings.HasPrefix(string(b[8:12]), "mif") || string(b[8:12]) == "avif"):
		return "a HEIC or AVIF"
	case strings.Contains(text, "<svg"):
		return "an SVG"
	}
	return ""
}

// cutShort reports whether an image file that failed to decode lacks its
// end: a PNG ends with an IEND chunk and a JPEG with an EOI marker, which
// an interrupted copy or download leaves out. (The decoders' own errors say
// "unexpected EOF", "not enough pixel data" or "short Huffman data".)
func cutShort(format string, data []byte) bool {
	switch format {
	case "PNG":
		return !bytes.HasSuffix(data, []byte("\x00\x00\x00\x00IEND\xAE\x42\x60\x82"))
	case "JPEG":
		// 0xFF 0xD9 appears in the compressed data only as the end marker;
		// a few bytes of padding may follow it.
		return !bytes.Contains(data[max(0, len(data)-64):], []byte{0xFF, 0xD9})
	}
	return false
}

// logoReadError reports a logo file that cannot be read.
func (p *parser) logoReadError(assets fs.FS, name string, err error, bad func(msg, hint string)) {
	switch {
	case errors.Is(err, errTooBig):
		bad(fmt.Sprintf("logo file %q is larger than %d MB", name, MaxLogoBytes>>20),
			"use a smaller image; a logo prints well at 600 pixels wide")
	case errors.Is(err, errIsFolder):
		bad(fmt.Sprintf("logo file %q is a folder, not an image", name), "name the image file inside it")
	case errors.Is(err, fs.ErrNotExist):
		if link := linkIn(assets, name); link != "" {
			bad(fmt.Sprintf("logo file %q cannot be read: %s is a link to something that does not exist", name, quoteLink(link, name)),
				"copy the image itself into "+p.folderWord())
			return
		}
		hint := "check the spelling; the path is relative to " + p.folderWord()
		if entries, _ := fs.ReadDir(assets, path.Dir(name)); len(entries) > 0 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if s := suggest(path.Base(name), names); s != "" {
				hint = fmt.Sprintf("did you mean %q?", path.Join(path.Dir(name), s))
			}
		}
		bad(fmt.Sprintf("logo file %q cannot be read: no such file", name), hint)
	case errors.Is(err, fs.ErrPermission):
		bad(fmt.Sprintf("logo file %q cannot be read: permission denied", name),
			"make the file readable by the user who runs handout")
	default:
		// A symbolic link that leads out of the assets folder: the folder
		// is opened with os.OpenRoot, which refuses to follow it.
		if link := linkIn(assets, name); link != "" {
			bad(fmt.Sprintf("logo file %q cannot be used: %s is a link that leads outside %s", name, quoteLink(link, name), p.folderWord()),
				"copy the image itself into "+p.folderWord())
			return
		}
		bad(fmt.Sprintf("logo file %q cannot be read: %s", name, plainFSError(err)), "")
	}
}

// folderWord names the folder logo paths are resolved in.
func (p *parser) folderWord() string {
	if p.brandFile {
		return "the brand file's folder"
	}
	return "the assets folder"
}

func quoteLink(link, name string) string {
	if link == name {
		return "it"
	}
	return fmt.Sprintf("%q", link)
}

// linkIn returns the first element of the path name (the file or one of its
// folders) that is a symbolic link in fsys, or "" when there is none or
// fsys cannot tell.
func linkIn(fsys fs.FS, name string) string {
	parts := strings.Split(name, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		fi, err := fs.Lstat(fsys, p)
		if err != nil {
			return ""
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return p
		}
	}
	return ""
}

var (
	errTooBig   = errors.New("the file is too large")
	errIsFolder = errors.New("is a folder")
)

func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, errIsFolder
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, errTooBig
	}
	return data, nil
}

func plainFSError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// thousands writes n with commas between groups of three digits: 4,000,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
