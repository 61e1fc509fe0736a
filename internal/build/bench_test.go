package build

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"handout/assets"
	"handout/handouts"
	"handout/internal/handout"
	"handout/internal/layout"
	"handout/internal/pdf"
)

// Benchmarks of the pipeline's stages on the built-in handouts, one
// document (one handout on one paper) per operation:
//
//	go test ./internal/build -run '^$' -bench . -benchmem
//
// bench/run.sh measures whole processes against a hand-written fpdf program.

func benchInputs(b *testing.B) []Input {
	b.Helper()
	ins, diags := Embedded(handouts.FS, "handouts", assets.FS)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	return ins
}

func benchHandouts(b *testing.B) []*handout.Handout {
	b.Helper()
	hs, diags := Load(benchInputs(b))
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	return hs
}

func BenchmarkParse(b *testing.B) {
	ins := benchInputs(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in := ins[i%len(ins)]
		if _, diags := handout.Parse(in.Name, in.Data, handout.Options{Assets: in.Assets}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

func BenchmarkLayout(b *testing.B) {
	hs := benchHandouts(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		h, p := hs[i%len(hs)], layout.Papers[(i/len(hs))%len(layout.Papers)]
		if _, diags := Layout(h, p, RenderOptions{}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

func BenchmarkDraw(b *testing.B) {
	type job struct {
		doc *layout.Document
		fam *pdf.Family
	}
	var jobs []job
	for _, h := range benchHandouts(b) {
		for _, p := range layout.Papers {
			doc, diags := Layout(h, p, RenderOptions{})
			if diags.HasErrors() {
				b.Fatal(diags)
			}
			fam, err := family(doc.Font)
			if err != nil {
				b.Fatal(err)
			}
			jobs = append(jobs, job{doc, fam})
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		j := jobs[i%len(jobs)]
		if err := pdf.Write(io.Discard, j.doc, j.fam, "handout bench"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	hs := benchHandouts(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		h, p := hs[i%len(hs)], layout.Papers[(i/len(hs))%len(layout.Papers)]
		if _, _, diags := Render(h, p, RenderOptions{}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

// BenchmarkRenderParallel renders on every processor at once; with -cpu 1,2
// it shows how rendering alone scales (run it with GOGC=off and a
// GOMEMLIMIT, as a batch sets the collector):
//
//	GOGC=off GOMEMLIMIT=200MiB go test ./internal/build -run '^$' -bench RenderParallel -cpu 1,2
func BenchmarkRenderParallel(b *testing.B) {
	hs := benchHandouts(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			h, p := hs[i%len(hs)], layout.Papers[(i/len(hs))%len(layout.Papers)]
			if _, _, diags := Render(h, p, RenderOptions{}); diags.HasErrors() {
				b.Error(diags)
				return
			}
		}
	})
}

// BenchmarkReadIndex reads a manifest of 1,000 outputs, as every build
// into a folder that has one does before it can tell what is up to date:
// "scan" as a build writes it (scanIndex), "stream" through encoding/json
// (decodeIndex, for manifests in another form).
func BenchmarkReadIndex(b *testing.B) {
	m := newManifest()
	hex := func(i, salt int) string { return fmt.Sprintf("%064x", i*7919+salt) }
	for i := range 500 {
		m.Handouts[hex(i, 1)] = ManifestHandout{ID: fmt.Sprintf("handout-%03d", i), Font: "atkinson-hyperlegible",
			Assets: []string{"series-mark.png"}}
		for _, p := range layout.Papers {
			m.Outputs[fmt.Sprintf("handout-%03d-%s.pdf", i, p.Name)] = ManifestOutput{
				Input: fmt.Sprintf("handouts/handout-%03d.yaml", i), InputsSHA256: hex(i, 2), HandoutSHA256: hex(i, 1),
				SHA256: hex(i, 3), CRC32C: crcText(uint32(i)), Bytes: 30000 + i, Pages: 2}
		}
	}
	data := m.encode()
	if _, ok := scanIndex(data); !ok {
		b.Fatal("not scanned")
	}
	b.Run("scan", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			scanIndex(data)
		}
	})
	b.Run("stream", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			decodeIndex(bytes.NewReader(data))
		}
	})
}
