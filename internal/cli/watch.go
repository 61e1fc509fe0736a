package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"handout/internal/build"
	"handout/internal/diag"
)

// checkWatchFlags rejects, as wrong usage, the build options that make no
// sense with --watch:
//
//   - --check writes nothing, and a watch is there to write;
//   - --shard splits the PDFs among CI jobs, which do not watch;
//   - --json prints one report for one build, and a watch makes many;
//   - --fail-fast would let one broken handout hold back the others,
//     build after build;
//   - no PATH: the built-in handouts never change.
//
// --force is accepted and applies to the first build only.
func checkWatchFlags(cmd *cobra.Command, opts *buildOptions) error {
	for _, name := range []string{"check", "shard", "json", "fail-fast"} {
		if cmd.Flags().Changed(name) {
			why := map[string]string{
				"check":     "--check writes nothing, and a watch is there to write the PDFs",
				"shard":     "--shard splits the PDFs among CI jobs, and a watch builds them all",
				"json":      "--json prints one report for one build, and a watch builds many times",
				"fail-fast": "--fail-fast would keep one broken handout from letting the others build",
			}[name]
			return usageErrorf("--watch cannot be used with --%s: %s", name, why)
		}
	}
	if len(opts.Paths) == 0 {
		return usageErrorf("--watch needs a handout file, folder or pattern to watch: the built-in handouts never change")
	}
	return nil
}

// runWatch is "handout build --watch": a build like any other, then a new
// build after each burst of changes to the handouts or their logos, until
// the context is cancelled (Ctrl-C or SIGTERM: the exit status is then 130
// or 143, as for any command stopped by a signal).
//
// The first build prints what "handout build" prints. After it, each build
// prints one line a handout it changed (a time, the handout file, what was
// written), the problems of a handout that broke or changed while broken,
// and a line for a handout file that went away; a build that changed
// nothing prints nothing. Results go to stdout, problems to stderr.
func runWatch(opts *buildOptions) error {
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	wr := &watchReporter{opts: opts, clock: opts.clock, shown: map[string]string{}, failed: map[string]bool{},
		first: &reporter{lines: opts.Out, mode: progressPlain}}
	if wr.clock == nil {
		wr.clock = time.Now
	}
	b := newBatch(opts, nil)
	b.Done = wr.done
	w := &build.Watcher{
		Paths:     opts.Paths,
		AssetsDir: opts.AssetsDir,
		Batch:     b,
		Setup:     watchSetup(opts),
		Round:     wr.round,
	}
	if err := w.Run(ctx); err != nil {
		fmt.Fprintf(opts.ErrOut, "%s: %v\n", programName, err)
		return &failedError{}
	}
	if sig, ok := interruptCause(ctx); ok {
		msg := "stopped watching: " + sig.Error()
		if len(wr.notRun) > 0 {
			msg += ", so these were not built: " + strings.Join(wr.notRun, ", ")
		}
		return &failedError{summary: msg + "; every file written is complete"}
	}
	return nil
}

// watchSetup reads, before each build of a watch, what the options take
// from files, and sets it in the batch: so far the brand of --brand, read
// again each time, as it is an input of every PDF. It returns the files
// read, which the watch follows: an option that reads another file adds it
// to deps here.
func watchSetup(opts *buildOptions) func(*build.Batch) (build.Deps, diag.List) {
	return func(b *build.Batch) (build.Deps, diag.List) {
		var deps build.Deps
		brand, diags := loadBrand(opts.BrandFile, opts.Large)
		if opts.BrandFile != "" {
			deps.Files = append(deps.Files, opts.BrandFile)
			switch {
			case brand != nil && brand.Logo != nil:
				deps.Files = append(deps.Files, filepath.Join(filepath.Dir(opts.BrandFile), filepath.FromSlash(brand.Logo.File.Value)))
			case brand == nil:
				// Its logo is not known: any file beside it may be it.
				deps.Dirs = append(deps.Dirs, filepath.Dir(opts.BrandFile))
			}
		}
		b.Options.Brand = brand
		if opts.Strict {
			b.Lint = strictLint(opts, brand)
		}
		return deps, diags
	}
}

// watchReporter prints the builds of a watch.
type watchReporter struct {
	opts  *buildOptions
	clock func() time.Time
	// first prints the outputs of the first build as "handout build"
	// does; it is nil after the first build.
	first *reporter
	// shown holds, by file, the problems last printed for it, so that a
	// handout that stays broken is not reported again at every build.
	shown map[string]string
	// failed holds the handout files the last build could not build.
	failed map[string]bool
	notRun []string // of the last build, when it was interrupted
	// skipped says that the last build did not run, as the brand had a
	// problem.
	skipped bool
}

func (wr *watchReporter) done(o build.Output) {
	if wr.first != nil {
		wr.first.done(o)
	}
}

func (wr *watchReporter) round(r build.Round) {
	opts := wr.opts
	res := r.Result
	diags := append(append(append(diag.List{}, r.Setup...), r.Discover...), res.Diags...)
	failed := failedInputs(r.Inputs, diags, res.Failed)
	wr.notRun = res.NotRun
	wasSkipped := wr.skipped
	wr.skipped = r.Skipped
	byFile := map[string]diag.List{}
	for _, d := range diags {
		byFile[d.Pos.File] = append(byFile[d.Pos.File], d)
	}
	shown := map[string]string{}
	for f, l := range byFile {
		shown[f] = diagText(l)
	}
	defer func() { wr.shown = shown }()

	if r.N == 0 {
		wr.first = nil
		var parts []string
		if s := printDiags(opts.ErrOut, diags); s != "" {
			parts = append(parts, s)
		}
		switch {
		case r.Skipped: // the brand has a problem
			parts = append(parts, "nothing was built")
		case len(failed) > 0:
			parts = append(parts, "not built: "+strings.Join(failed, ", "))
		}
		if len(parts) > 0 {
			fmt.Fprintln(opts.ErrOut, strings.Join(parts, "; "))
		}
		for _, f := range failed {
			wr.failed[f] = true
		}
		fmt.Fprintf(opts.ErrOut, "watching %s in %s for changes (Ctrl-C to stop)\n",
			plural(len(r.Inputs), "handout file"), plural(r.Watched, "folder"))
		return
	}

	changed := map[string]bool{}
	for _, p := range r.Changed {
		changed[p] = true
	}
	touched := func(file string) bool { return changed[absPath(file)] }
	stamp := wr.clock().Format("15:04:05")

	// Problems: those that are new or different, and those of a file that
	// changed (saved again, still broken).
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		if shown[f] != wr.shown[f] || touched(f) {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	printed := map[string]bool{}
	for _, f := range files {
		printDiags(opts.ErrOut, byFile[f])
		printed[f] = true
	}

	for _, f := range r.Removed {
		fmt.Fprintf(opts.Out, "%s %s: removed; its PDFs are left in %s\n", stamp, f, opts.OutDir)
	}
	switch {
	case r.Skipped:
		if len(printed) > 0 || touched(opts.BrandFile) {
			fmt.Fprintf(opts.ErrOut, "%s %s: nothing built%s; every PDF is left as it was\n", stamp, opts.BrandFile, errorCount(r.Setup))
		}
		return
	case wasSkipped:
		fmt.Fprintf(opts.Out, "%s %s: fixed\n", stamp, opts.BrandFile)
	}
	added := map[string]bool{}
	for _, f := range r.Added {
		added[f] = true
	}
	outs := map[string][]build.Output{}
	for _, o := range res.Outputs {
		outs[o.Input] = append(outs[o.Input], o)
	}
	nowFailed := map[string]bool{}
	for _, f := range failed {
		nowFailed[f] = true
	}
	for _, in := range r.Inputs {
		name := in.Name
		if nowFailed[name] {
			if printed[name] || !wr.failed[name] || touched(name) {
				fmt.Fprintf(opts.ErrOut, "%s %s: not built%s; its PDFs are left as they were\n", stamp, name, errorCount(byFile[name]))
			}
			continue
		}
		if line := builtLine(outs[name], added[name], wr.failed[name]); line != "" {
			fmt.Fprintf(opts.Out, "%s %s: %s\n", stamp, name, line)
		}
	}
	// Paths given that are not handouts (a pattern that now matches
	// nothing) are reported by their problems alone.
	wr.failed = nowFailed
}

// builtLine says what a build did with one handout's PDFs, or "" when it
// did nothing worth a line: "wrote dist/a-a4.pdf, dist/a-letter.pdf",
// "fixed; wrote ...", "new; up to date".
func builtLine(outs []build.Output, added, wasFailed bool) string {
	var wrote, same []string
	for _, o := range outs {
		switch o.Status {
		case build.StatusWritten:
			wrote = append(wrote, o.Path)
		case build.StatusUnchanged:
			same = append(same, o.Path)
		}
	}
	var what []string
	if len(wrote) > 0 {
		what = append(what, "wrote "+strings.Join(wrote, ", "))
	}
	if len(same) > 0 {
		what = append(what, "rendered again, unchanged "+strings.Join(same, ", "))
	}
	switch {
	case wasFailed:
		what = append([]string{"fixed"}, what...)
	case added:
		what = append([]string{"new"}, what...)
	}
	if len(what) == 0 {
		return ""
	}
	if len(wrote)+len(same) == 0 && len(outs) > 0 {
		what = append(what, "its PDFs are up to date")
	}
	return strings.Join(what, "; ")
}

// errorCount is " (2 errors)" for a list with two errors, or "".
func errorCount(l diag.List) string {
	seen := map[string]bool{}
	n := 0
	for _, d := range l {
		if s := d.String(); d.Severity == diag.Error && !seen[s] {
			seen[s] = true
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return " (" + plural(n, "error") + ")"
}

// diagText is a list of problems as printed, to compare one build's with
// the next.
func diagText(l diag.List) string {
	var sb strings.Builder
	printDiags(&sb, l)
	return sb.String()
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}
