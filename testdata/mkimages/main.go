// Command mkimages writes the image files of the test handouts under
// testdata: the logos of the valid handouts in testdata/good/assets and the
// broken images of testdata/bad/assets. The files are committed; run it
// again only to change them:
//
//	go run ./testdata/mkimages
//
// Every file is made from code, so each one's oddity is written down here:
// an interlaced PNG, a decompression bomb, a cut-short file, and so on.
package main

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"log"
	"os"
	"path/filepath"
)

func main() {
	dir := "testdata"
	if _, err := os.Stat(filepath.Join(dir, "mkimages")); err != nil {
		log.Fatal("run from the repository's top folder: go run ./testdata/mkimages")
	}
	logo := mark(240, 160)
	var opaque image.Image = onWhite(logo)
	files := map[string][]byte{
		// Valid logos: 8-bit RGBA with transparency, the same picture
		// Adam7-interlaced (which the PDF library cannot read as is), and a
		// JPEG.
		"good/assets/clinic-logo.png":            encodePNG(logo),
		"good/assets/clinic-logo-interlaced.png": interlacedPNG(opaque),
		"good/assets/clinic-logo.jpg":            encodeJPEG(opaque),

		// A valid logo, for the cases whose mistake is elsewhere.
		"bad/assets/valid-logo.png": encodePNG(logo),

		// The sample brand's logo, and brand logos the clinic band cannot
		// show legibly: a wordmark twelve times as wide as high, and an
		// icon of 32 pixels.
		"brand/clinic-mark.png":       encodePNG(mark(240, 240)),
		"brand/bad/wide-wordmark.png": encodePNG(mark(1200, 100)),
		"brand/bad/tiny-icon.png":     encodePNG(mark(32, 32)),
		"brand/bad/not-an-image.png":  []byte("This is a text file that was given a .png name by mistake.\n"),

		// Broken images.
		"bad/assets/damaged.png":      damaged(encodePNG(logo)),
		"bad/assets/cut-short.png":    cutShort(encodePNG(logo)),
		"bad/assets/cut-short.jpg":    cutShort(encodeJPEG(opaque)),
		"bad/assets/bomb.png":         bomb(20000, 20000),
		"bad/assets/too-wide.png":     encodePNG(image.NewGray(image.Rect(0, 0, 4500, 10))),
		"bad/assets/not-an-image.png": []byte("This is a text file that was given a .png name by mistake.\n"),
		"bad/assets/empty.png":        {},
		"bad/assets/animation.gif":    encodeGIF(opaque),
		"bad/assets/drawing.svg":      []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><circle cx="12" cy="12" r="10"/></svg>` + "\n"),
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	// A symbolic link from the bad assets folder to a real image outside it.
	link := filepath.Join(dir, "bad/assets/link-outside.png")
	os.Remove(link)
	if err := os.Symlink("../../good/assets/clinic-logo.png", link); err != nil {
		log.Fatal(err)
	}
}

// mark draws a simple two-colour mark on a transparent background: a teal
// rounded square with a white cross.
func mark(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	teal := color.NRGBA{0x0B, 0x4F, 0x6C, 0xFF}
	side := h - 20
	x0, y0 := (w-side)/2, 10
	for y := y0; y < y0+side; y++ {
		for x := x0; x < x0+side; x++ {
			img.SetNRGBA(x, y, teal)
		}
	}
	arm, bar := side/6, side*2/3
	cx, cy := x0+side/2, y0+side/2
	for y := cy - bar/2; y < cy+bar/2; y++ {
		for x := cx - arm/2; x < cx+arm/2; x++ {
			img.SetNRGBA(x, y, color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF})
			img.SetNRGBA(cx+(y-cy), cy+(x-cx), color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF})
		}
	}
	return img
}

func onWhite(src *image.NRGBA) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := src.NRGBAAt(x, y)
			a := int(c.A)
			mix := func(v uint8) uint8 { return uint8((int(v)*a + 255*(255-a)) / 255) }
			dst.SetRGBA(x, y, color.RGBA{mix(c.R), mix(c.G), mix(c.B), 0xFF})
		}
	}
	return dst
}

func encodePNG(img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(img image.Image) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

func encodeGIF(img image.Image) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, img, nil); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

// damaged flips one byte in the middle of the image data, so that the
// chunk's checksum no longer matches.
func damaged(p []byte) []byte {
	d := append([]byte(nil), p...)
	i := bytes.Index(d, []byte("IDAT")) + 4 + 10
	d[i] ^= 0xFF
	return d
}

// cutShort keeps the first half of a file, as an interrupted copy does.
func cutShort(p []byte) []byte { return append([]byte(nil), p[:len(p)/2]...) }

// chunk writes one PNG chunk.
func chunk(out *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	out.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	out.WriteString(typ)
	out.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	out.Write(n[:])
}

func ihdr(w, h int, depth, colorType byte, interlace byte) []byte {
	b := make([]byte, 13)
	binary.BigEndian.PutUint32(b[0:], uint32(w))
	binary.BigEndian.PutUint32(b[4:], uint32(h))
	b[8], b[9], b[12] = depth, colorType, interlace
	return b
}

// bomb is a valid 1-bit grayscale PNG of w x h white pixels: a small file
// that decodes into w*h bytes of memory.
func bomb(w, h int) []byte {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk(&out, "IHDR", ihdr(w, h, 1, 0, 0))
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	row := make([]byte, 1+(w+7)/8)
	for i := 1; i < len(row); i++ {
		row[i] = 0xFF
	}
	for y := 0; y < h; y++ {
		zw.Write(row)
	}
	zw.Close()
	chunk(&out, "IDAT", z.Bytes())
	chunk(&out, "IEND", nil)
	return out.Bytes()
}

// interlacedPNG encodes an opaque image as an 8-bit RGB PNG with Adam7
// interlacing, which Go's encoder does not write.
func interlacedPNG(img image.Image) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	passes := []struct{ x0, y0, dx, dy int }{
		{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2},
	}
	var raw bytes.Buffer
	for _, p := range passes {
		for y := p.y0; y < h; y += p.dy {
			if p.x0 >= w {
				break
			}
			raw.WriteByte(0) // filter: none
			for x := p.x0; x < w; x += p.dx {
				r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				raw.Write([]byte{byte(r >> 8), byte(g >> 8), byte(bl >> 8)})
			}
		}
	}
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk(&out, "IHDR", ihdr(w, h, 8, 2, 1))
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(raw.Bytes())
	zw.Close()
	chunk(&out, "IDAT", z.Bytes())
	chunk(&out, "IEND", nil)
	return out.Bytes()
}
