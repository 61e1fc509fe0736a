package fpdf

// A test of the handout patches (see PATCHES.md): what they cache gives the
// same bytes as the work they save.

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"
)

func patchDoc(t *testing.T, font []byte, text string) []byte {
	t.Helper()
	return patchDocWith(t, text, func(f *Fpdf) { f.AddUTF8FontFromBytes("a", "", font) })
}

func patchDocWith(t *testing.T, text string, addFont func(*Fpdf)) []byte {
	t.Helper()
	f := New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
	f.SetModificationDate(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
	addFont(f)
	f.AddPage()
	f.SetFont("a", "", 12)
	f.Text(20, 20, text)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func resetPatchCaches() {
	utf8IDs = sync.Map{}
	utf8Parsed = sync.Map{}
	utf8Cuts.Lock()
	utf8Cuts.m = nil
	utf8Cuts.Unlock()
}

func TestPatchCachesKeepBytes(t *testing.T) {
	font, err := os.ReadFile("../../fonts/NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"Ask your doctor.", "Zapytaj lekarza.", "Hỏi bác sĩ.", "Ask your doctor."}
	// Each document made with empty caches, as fpdf without the patches
	// makes every document...
	var fresh [][]byte
	for _, s := range texts {
		resetPatchCaches()
		fresh = append(fresh, patchDoc(t, font, s))
	}
	if bytes.Equal(fresh[0], fresh[1]) {
		t.Fatal("documents of different texts are the same")
	}
	// ...is the same when made after the others, from what they cached.
	resetPatchCaches()
	for i, s := range texts {
		if got := patchDoc(t, font, s); !bytes.Equal(got, fresh[i]) {
			t.Errorf("%q: made with the caches filled, the document differs", s)
		}
	}
	if len(utf8Cuts.m) != 3 {
		t.Errorf("%d font subsets cached, want 3 (one for each set of runes)", len(utf8Cuts.m))
	}
	// A font with other bytes is not taken for a cached one.
	other, err := os.ReadFile("../../fonts/NotoSans-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	resetPatchCaches()
	want := patchDoc(t, other, texts[0])
	resetPatchCaches()
	patchDoc(t, font, texts[0])
	if got := patchDoc(t, other, texts[0]); !bytes.Equal(got, want) {
		t.Error("a second font with the same runes was given the first font's cached subset")
	}
}

// TestPatchFontSumGiven: a font added with its SHA-256 given by the caller
// gives the same bytes as one that fpdf hashes itself, and the sum given
// is used for this font only.
func TestPatchFontSumGiven(t *testing.T) {
	regular, err := os.ReadFile("../../fonts/NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	bold, err := os.ReadFile("../../fonts/NotoSans-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	text := "Ask your doctor."
	twoFaces := func(f *Fpdf, withSum bool) {
		if withSum {
			f.AddUTF8FontFromBytesSum("a", "", regular, sha256.Sum256(regular))
		} else {
			f.AddUTF8FontFromBytes("a", "", regular)
		}
		// Added after it, without a sum: hashed, not taken for the
		// regular face.
		f.AddUTF8FontFromBytes("a", "B", bold)
		f.AddPage()
		f.SetFont("a", "B", 12)
		f.Text(20, 40, text)
	}
	resetPatchCaches()
	want := patchDocWith(t, text, func(f *Fpdf) { twoFaces(f, false) })
	resetPatchCaches()
	if got := patchDocWith(t, text, func(f *Fpdf) { twoFaces(f, true) }); !bytes.Equal(got, want) {
		t.Error("with the font's sum given, the document differs")
	}
	if got := patchDocWith(t, text, func(f *Fpdf) { twoFaces(f, true) }); !bytes.Equal(got, want) {
		t.Error("with the font's sum given and the caches filled, the document differs")
	}
}

// releasedDoc is patchDoc made with Bytes and Release (patch 10): the
// document's buffers go back to the pools, and the PDF is copied first.
func releasedDoc(t *testing.T, font []byte, text string, pages int) []byte {
	t.Helper()
	f := New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
	f.SetModificationDate(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
	f.AddUTF8FontFromBytes("a", "", font)
	for range pages {
		f.AddPage()
		f.SetFont("a", "", 12)
		for i := range 40 {
			f.Text(20, float64(20+6*i), text)
		}
	}
	b, err := f.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	out := bytes.Clone(b)
	f.Release()
	if _, err := f.Bytes(); err == nil {
		t.Error("Bytes after Release gave no error")
	}
	if err := f.Output(new(bytes.Buffer)); err == nil {
		t.Error("Output after Release gave no error")
	}
	return out
}

func TestReleaseReusesBuffersSafely(t *testing.T) {
	font, err := os.ReadFile("../../fonts/NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	// Bytes gives what Output writes.
	resetPatchCaches()
	viaOutput := patchDoc(t, font, "Ask your doctor.")
	resetPatchCaches()
	f := New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
	f.SetModificationDate(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
	f.AddUTF8FontFromBytes("a", "", font)
	f.AddPage()
	f.SetFont("a", "", 12)
	f.Text(20, 20, "Ask your doctor.")
	b, err := f.Bytes()
	if err != nil || !bytes.Equal(b, viaOutput) {
		t.Fatalf("Bytes differs from Output (error %v)", err)
	}
	f.Release()

	// A long document, then a short one, then the long one again: the
	// short one reuses the long one's larger buffers, and the long one
	// the short one's, with nothing of the other left in either.
	long := releasedDoc(t, font, "Ask your doctor or nurse about this.", 3)
	short := releasedDoc(t, font, "Hi.", 1)
	if bytes.Equal(long, short) {
		t.Fatal("the two documents are the same")
	}
	for range 3 {
		if got := releasedDoc(t, font, "Hi.", 1); !bytes.Equal(got, short) {
			t.Fatal("the short document differs when made with reused buffers")
		}
		if got := releasedDoc(t, font, "Ask your doctor or nurse about this.", 3); !bytes.Equal(got, long) {
			t.Fatal("the long document differs when made with reused buffers")
		}
	}
}

// TestUseRunesFillsTheMapAsBefore: recording runes through the ASCII marks
// of patch 11 leaves usedRunes as writing each rune of each text does,
// including the runes below 57, which the map starts with at 0.
func TestUseRunesFillsTheMapAsBefore(t *testing.T) {
	texts := []string{"Ask your doctor.", "12 weeks, 3 times (or 4?)", "Ask again.", "Hỏi bác sĩ — 5 ý.", "", "\x00\x7f ~"}
	font := fontDefType{usedRunes: makeSubsetRange(57), asciiUsed: new([2]uint64)}
	want := makeSubsetRange(57)
	for _, s := range texts {
		font.useRunes(s)
		for _, r := range s {
			want[int(r)] = int(r)
		}
		if len(font.usedRunes) != len(want) {
			t.Fatalf("after %q: %d runes recorded, want %d", s, len(font.usedRunes), len(want))
		}
		for k, v := range want {
			if got, ok := font.usedRunes[k]; !ok || got != v {
				t.Fatalf("after %q: rune %d recorded as %d (%v), want %d", s, k, got, ok, v)
			}
		}
	}
}

// TestTextUTF8WritesWhatTextWrote: patch 13 writes a line of text as the
// original Text did with fmt, for text with characters PDF strings
// escape, for text outside ASCII, and with and without a text colour.
func TestTextUTF8WritesWhatTextWrote(t *testing.T) {
	font, err := os.ReadFile("../../fonts/NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"Ask your doctor.", `a (b) \c` + "\r", "Hỏi bác sĩ — 5 ý.", "", "-0"}
	for _, colour := range []bool{false, true} {
		for _, s := range texts {
			f := New("P", "pt", "A4", "")
			f.AddUTF8FontFromBytes("a", "", font)
			f.AddPage()
			f.SetFont("a", "", 12)
			if colour {
				f.SetTextColor(200, 10, 10)
			}
			x, y := 72.125, 100.0/3
			before := f.pages[f.page].Len()
			f.Text(x, y, s)
			got := f.pages[f.page].String()[before:]
			want := fmt.Sprintf("BT %.2f %.2f Td (%s) Tj ET", x*f.k, (f.h-y)*f.k, f.escape(utf8toutf16(s, false)))
			if colour {
				want = fmt.Sprintf("q %s %s Q", f.color.text.str, want)
			}
			if got != want+"\n" {
				t.Errorf("colour %v, %q: wrote\n%q\nwant\n%q", colour, s, got, want+"\n")
			}
			if _, ok := f.currentFont.usedRunes[int('A')]; s == texts[0] && !ok {
				t.Error("the runes of the text were not recorded")
			}
		}
	}
}
