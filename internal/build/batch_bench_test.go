package build

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"testing"

	"handout/assets"
	"handout/handouts"
	"handout/internal/layout"
)

// Benchmarks of a whole batch: 50 copies of each built-in handout, each
// with its own id, on both papers (400 outputs with the four built-in
// handouts), built from nothing, and checked when they are all up to
// date. The ratio of the two is what a no-op rebuild costs:
//
//	go test ./internal/build -run '^$' -bench 'BuildAll|BuildUpToDate'

var idLine = regexp.MustCompile(`(?m)^id: .*$`)

func batchInputs(b *testing.B, copies int) []Input {
	b.Helper()
	builtin, diags := Embedded(handouts.FS, "handouts", assets.FS)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	var ins []Input
	for _, in := range builtin {
		for i := range copies {
			c := in
			c.Name = fmt.Sprintf("%s-%d.yaml", in.Name, i)
			c.Data = idLine.ReplaceAll(in.Data, fmt.Appendf(nil, "id: copy-%d-%s", i, filepath.Base(in.Name[:len(in.Name)-5])))
			ins = append(ins, c)
		}
	}
	return ins
}

func BenchmarkBuildAll(b *testing.B) {
	ins := batchInputs(b, 50)
	n := len(ins) * len(layout.Papers)
	for b.Loop() {
		batch := &Batch{Dir: b.TempDir(), Papers: layout.Papers}
		if res := batch.Build(context.Background(), ins); res.Diags.HasErrors() || len(res.Outputs) != n {
			b.Fatalf("%d outputs of %d: %v", len(res.Outputs), n, res.Diags)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e6, "ms/output")
}

func BenchmarkBuildUpToDate(b *testing.B) {
	ins := batchInputs(b, 50)
	n := len(ins) * len(layout.Papers)
	batch := &Batch{Dir: b.TempDir(), Papers: layout.Papers}
	if res := batch.Build(context.Background(), ins); res.Diags.HasErrors() {
		b.Fatal(res.Diags)
	}
	b.ResetTimer()
	for b.Loop() {
		res := batch.Build(context.Background(), ins)
		if res.Parsed != 0 || len(res.Outputs) != n || res.Outputs[0].Status != StatusUpToDate {
			b.Fatalf("parsed %d, %d outputs of %d", res.Parsed, len(res.Outputs), n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e6, "ms/output")
}
