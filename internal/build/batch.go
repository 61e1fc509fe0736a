package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

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
	Writer  Writer       // writes each file; the zero value writes to disk
	Done    func(Output) // called after each file is written or found up to date; may be nil
	// FailFast stops the run at the first handout that fails; the ones
	// after it are not tried.
	FailFast bool
}

// Result is what a batch did.
type Result struct {
	Outputs []Output
	Diags   diag.List // every problem, sorted
	// Failed lists the files of the handouts that failed: none of their
	// PDFs was written, or (when writing failed part way) not all.
	Failed []string
	// NotRun lists the files of the handouts that were not tried, because
	// the run was interrupted, an earlier handout failed with FailFast set,
	// or the output folder cannot be made.
	NotRun []string
	// Interrupted is set when the context was cancelled before the end.
	Interrupted bool
}

// Run renders every handout on every paper and writes the files, in order.
// A handout with an error on any paper gets no file at all; the others are
// still written (unless FailFast). When ctx is cancelled (an interrupt), no
// new handout is started: the run stops before the next handout, and no
// file is ever left half-written.
//
// Before anything else it removes temporary files that an earlier, killed
// run left in the output folder (see RemoveStale).
func (b *Batch) Run(ctx context.Context, hs []*handout.Handout) Result {
	render := b.Render
	if render == nil {
		render = Render
	}
	var res Result
	// Best effort: a folder that cannot be listed cannot be written
	// either, which is reported when the first file is written.
	_, _ = RemoveStale(b.Dir)

	madeDir := false
	for i, h := range hs {
		if ctx.Err() != nil {
			res.Interrupted = true
			res.NotRun = appendFiles(res.NotRun, hs[i:])
			break
		}
		type rendered struct {
			paper layout.Paper
			data  []byte
			pages int
		}
		var files []rendered
		failed := false
		for _, paper := range b.Papers {
			data, pages, diags := render(h, paper, b.Options)
			res.Diags = append(res.Diags, diags...)
			if !diags.HasErrors() && data == nil {
				res.Diags.Add(diag.Pos{File: h.File}, "render", "", fmt.Sprintf("rendering on %s paper produced no PDF", paper.Name), "")
			}
			if diags.HasErrors() || data == nil {
				failed = true
				continue
			}
			files = append(files, rendered{paper, data, pages})
		}
		if !failed && ctx.Err() != nil { // rendered, but interrupted before writing
			res.Interrupted = true
			res.NotRun = appendFiles(res.NotRun, hs[i:])
			break
		}
		// Write the files; after the first that fails, the handout's
		// others are not tried.
		stopAll := false
		for _, f := range files {
			if failed {
				break
			}
			out := Output{Path: filepath.Join(b.Dir, OutputName(h.ID.Value, f.paper)), Paper: f.paper,
				ID: h.ID.Value, Pages: f.pages, Size: len(f.data)}
			if !madeDir {
				if d, ok := makeDir(b.Dir); !ok {
					res.Diags = append(res.Diags, d)
					failed, stopAll = true, true
					break
				}
				madeDir = true
			}
			_, statErr := os.Lstat(out.Path)
			written, err := b.Writer.WriteFile(out.Path, f.data, 0o644)
			if err != nil {
				res.Diags = append(res.Diags, writeError(out.Path, err, statErr == nil))
				failed = true
				break
			}
			out.Written = written
			res.Outputs = append(res.Outputs, out)
			if b.Done != nil {
				b.Done(out)
			}
		}
		if failed {
			res.Failed = append(res.Failed, h.File)
			if stopAll || b.FailFast {
				res.NotRun = appendFiles(res.NotRun, hs[i+1:])
				break
			}
		}
	}
	res.Diags.Sort()
	return res
}

func appendFiles(list []string, hs []*handout.Handout) []string {
	for _, h := range hs {
		list = append(list, h.File)
	}
	return list
}

// makeDir creates the output folder and its parents, or says plainly why it
// cannot.
func makeDir(dir string) (diag.Diagnostic, bool) {
	err := os.MkdirAll(dir, 0o755)
	if err == nil {
		return diag.Diagnostic{}, true
	}
	d := diag.Diagnostic{Pos: diag.Pos{File: dir}, Code: "write",
		Message: "cannot create the output folder: " + plainError(err),
		Hint:    "choose another folder with -o"}
	if file := fileInPath(dir); file != "" {
		d.Message = "cannot create the output folder: " + file + " is a file, not a folder"
		if file == filepath.Clean(dir) {
			d.Message = "the output folder is a file, not a folder"
		}
		d.Hint = "move the file away, or choose another folder with -o"
	} else if errors.Is(err, fs.ErrPermission) {
		d.Hint = "you may not create folders there; choose another folder with -o"
	}
	return d, false
}

// fileInPath returns the first element of the path dir that exists and is
// not a folder, or "".
func fileInPath(dir string) string {
	dir = filepath.Clean(dir)
	var parts []string
	for p := dir; ; p = filepath.Dir(p) {
		parts = append(parts, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	for i := len(parts) - 1; i >= 0; i-- {
		fi, err := os.Stat(parts[i])
		if err != nil {
			return ""
		}
		if !fi.IsDir() {
			return parts[i]
		}
	}
	return ""
}

// writeError describes a file that could not be written, in words a reader
// can act on, and says that the previous file (if any) is still there.
func writeError(path string, err error, existed bool) diag.Diagnostic {
	kept := "; no file was written"
	if existed {
		kept = "; the previous file is unchanged"
	}
	msg, hint := plainError(err), ""
	switch {
	case errors.Is(err, syscall.ENOSPC):
		msg, hint = "the disk is full", "free some disk space and build again"
	case errors.Is(err, syscall.EDQUOT):
		msg, hint = "your disk quota is used up", "free some disk space and build again"
	case errors.Is(err, syscall.EROFS):
		msg, hint = "the disk is read-only", "choose another output folder with -o"
	case errors.Is(err, fs.ErrPermission):
		msg, hint = "permission denied", "you may not write in this folder; choose another with -o"
	}
	if fi, statErr := os.Stat(path); statErr == nil && fi.IsDir() {
		msg, hint, kept = "a folder of this name is in the way", "move the folder away, or choose another output folder with -o", ""
	}
	return diag.Diagnostic{Pos: diag.Pos{File: path}, Code: "write",
		Message: "cannot write the PDF: " + msg + kept, Hint: hint}
}
