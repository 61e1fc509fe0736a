package build

import (
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
