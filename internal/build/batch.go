package build

import (
	"fmt"
	"os"
	"path/filepath"

	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// OutputName is the file name of a handout's PDF on one paper size:
// "<id>-<paper>.pdf", e.g. "gut-skin-evidence-ladder-letter.pdf".
func OutputName(id string, paper layout.Paper) string {
	return id + "-" + paper.Name + ".pdf"
}

// RenderFunc renders one handout on one paper size: the PDF bytes, its number
// of pages, and the diagnostics (no bytes when there is an error).
type RenderFunc func(h *handout.Handout, paper layout.Paper, opt RenderOptions) ([]byte, int, diag.List)

// Output is one PDF the batch produced.
type Output struct {
	Path    string // the file: Batch.Dir joined with OutputName
	Paper   layout.Paper
	ID      string
	Pages   int
	Size    int  // bytes
	Written bool // false when the file already held these bytes and was left untouched
}

// Batch renders handouts to PDF files in one folder.
type Batch struct {
	Dir     string         // output folder; created when the first file is written
	Papers  []layout.Paper // the sizes to render each handout on
	Options RenderOptions
	Render  RenderFunc   // nil means Render
	Done    func(Output) // called after each file is written or found up to date; may be nil
}

// Run renders every handout on every paper and writes the files. A handout
// with an error on any paper gets no file at all; the others are still
// written. It returns the outputs and every diagnostic, sorted.
func (b *Batch) Run(hs []*handout.Handout) ([]Output, diag.List) {
	render := b.Render
	if render == nil {
		render = Render
	}
	var outs []Output
	var all diag.List
	madeDir := false
	for _, h := range hs {
		type rendered struct {
			paper layout.Paper
			data  []byte
			pages int
		}
		var files []rendered
		failed := false
		for _, paper := range b.Papers {
			data, pages, diags := render(h, paper, b.Options)
			all = append(all, diags...)
			if !diags.HasErrors() && data == nil {
				all.Add(diag.Pos{File: h.File}, "render", "", fmt.Sprintf("rendering on %s paper produced no PDF", paper.Name), "")
			}
			if diags.HasErrors() || data == nil {
				failed = true
				continue
			}
			files = append(files, rendered{paper, data, pages})
		}
		if failed {
			continue
		}
		for _, f := range files {
			out := Output{Path: filepath.Join(b.Dir, OutputName(h.ID.Value, f.paper)), Paper: f.paper,
				ID: h.ID.Value, Pages: f.pages, Size: len(f.data)}
			if !madeDir {
				if err := os.MkdirAll(b.Dir, 0o755); err != nil {
					all.Add(diag.Pos{File: b.Dir}, "write", "", "cannot create the output folder: "+plainError(err), "")
					all.Sort()
					return outs, all
				}
				madeDir = true
			}
			written, err := WriteFile(out.Path, f.data, 0o644)
			if err != nil {
				all.Add(diag.Pos{File: out.Path}, "write", "", fmt.Sprintf("cannot write the PDF: %s", plainError(err)), "")
				continue
			}
			out.Written = written
			outs = append(outs, out)
			if b.Done != nil {
				b.Done(out)
			}
		}
	}
	all.Sort()
	return outs, all
}
