package pdf_test

import (
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// checkPrintedQR renders the last page of a branded PDF with poppler, in
// grayscale at 300 dpi as a printer would, and reads the QR code on the
// page with a decoder that shares no code with the encoder: it must lead
// to the brand's address.
func checkPrintedQR(t *testing.T, f built) {
	t.Helper()
	pdftoppm := tool(t, "pdftoppm", "apt-get install poppler-utils")
	pdfinfo := tool(t, "pdfinfo", "apt-get install poppler-utils")
	info, err := exec.Command(pdfinfo, f.file).Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, line := range splitLines(string(info)) {
		if v, ok := cutPrefixSpace(line, "Pages:"); ok {
			pages, _ = strconv.Atoi(v)
		}
	}
	if pages == 0 {
		t.Fatalf("pdfinfo gives no page count:\n%s", info)
	}
	out := filepath.Join(t.TempDir(), "page")
	n := strconv.Itoa(pages)
	if b, err := exec.Command(pdftoppm, "-r", "300", "-gray", "-png", "-singlefile", "-f", n, "-l", n, f.file, out).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, b)
	}
	file, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	img, err := png.Decode(file)
	if err != nil {
		t.Fatal(err)
	}
	// The code is in the band at the right of the last page (in large
	// print, above a list of sources that can fill half the page): read
	// the right half, where it is the only code.
	b := img.Bounds()
	sub := img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(b.Dx()/2, 0, b.Dx(), b.Dy()))
	bmp, err := gozxing.NewBinaryBitmapFromImage(sub)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		t.Fatalf("the printed QR code cannot be read: %v", err)
	}
	if res.GetText() != f.brand.QR.Value {
		t.Errorf("the printed QR code reads %q, want %q", res.GetText(), f.brand.QR.Value)
	}
	t.Logf("the printed QR code reads %q", res.GetText())
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func cutPrefixSpace(line, prefix string) (string, bool) {
	if len(line) < len(prefix) || line[:len(prefix)] != prefix {
		return "", false
	}
	v := line[len(prefix):]
	for len(v) > 0 && v[0] == ' ' {
		v = v[1:]
	}
	return v, true
}
