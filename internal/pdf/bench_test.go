package pdf_test

import (
	"io"
	"testing"

	"handout/internal/pdf"
)

// BenchmarkWrite measures the cost of drawing one document: the built-in
// handouts, laid out on both paper sizes, written in turn. Fonts are loaded
// once, as `handout build` does.
//
//	go test ./internal/pdf -run '^$' -bench Write -benchmem -count 5
func BenchmarkWrite(b *testing.B) {
	docs := builtIns(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d := docs[i%len(docs)]
		if err := pdf.Write(io.Discard, d.doc, d.fam, "handout bench"); err != nil {
			b.Fatal(err)
		}
	}
}
