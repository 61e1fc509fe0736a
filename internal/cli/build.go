package cli

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"handout/internal/build"
	"handout/internal/diag"
	"handout/internal/layout"
)

type buildOptions struct {
	Out, ErrOut io.Writer
	Context     context.Context // cancelled by SIGINT or SIGTERM

	Paths     []string
	OutDir    string
	Papers    []layout.Paper
	AssetsDir string
	FailFast  bool
	Date      time.Time // from SOURCE_DATE_EPOCH; zero means each handout's reviewed date

	Builtin, BuiltinAssets fs.FS
	Render                 build.RenderFunc
	Writer                 build.Writer
}

func newBuildCmd(e *Env, runF func(*buildOptions) error) *cobra.Command {
	opts := &buildOptions{Out: e.Out, ErrOut: e.ErrOut, Context: e.Context, Builtin: e.Handouts, BuiltinAssets: e.Assets,
		Render: e.Render, Writer: e.Writer}
	paper := newPaperFlag()
	cmd := &cobra.Command{
		Use:   "build [PATH...]",
		Short: "Render handouts to PDF",
		Long: `Render handouts to print-ready PDFs, one file for each handout and paper size,
named <id>-<paper>.pdf. A PATH is a handout file (.yaml or .yml) or a folder of
them (not searched recursively). With no PATH, the built-in handouts are built.

Logo paths are resolved in the assets folder: --assets DIR when given; else
the folder "assets" next to the handout file; else the folder "assets" in the
handout file's parent folder (so handouts/ beside assets/ works).

Every problem in every file is printed to stderr as file:line:col: message,
and a last line lists the handouts that were not built. A handout with any
problem gets no PDF; the others are still built, unless --fail-fast is given.
A file is replaced only when its bytes change, and never left half-written:
each PDF is written to a temporary file beside it and renamed over it when
complete. Ctrl-C (SIGINT) or SIGTERM stops the build before the next
handout; temporary files left by a build that was killed outright are
removed by the next build into the same folder.

Set SOURCE_DATE_EPOCH (seconds since 1970, UTC) to fix the date written into
the PDFs; otherwise it is each handout's reviewed date.

Exit status: 0 when every PDF was built, 1 when a handout or a file had a
problem, 2 on wrong usage, 130 when stopped by SIGINT and 143 by SIGTERM.`,
		Example: `  # the built-in handouts, in US Letter and A4, into ./dist
  handout build

  # one handout, A4 only, into out/
  handout build my-handout.yaml --paper a4 -o out

  # every handout in a folder, logos from brand/
  handout build handouts/ --assets brand`,
		Args: usageArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Papers = paper.papers
			if opts.OutDir == "" {
				return usageErrorf("--output needs a folder name")
			}
			date, err := sourceDateEpoch(e.Getenv)
			if err != nil {
				return usageError{err}
			}
			opts.Date = date
			if runF != nil {
				return runF(opts)
			}
			return runBuild(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.OutDir, "output", "o", "dist", "write the PDFs into `DIR` (created if missing)")
	f.Var(paper, "paper", "the paper size to render; all is Letter and A4")
	f.StringVar(&opts.AssetsDir, "assets", "", "take logos from `DIR` (default: \"assets\" beside the handout file, or one folder up)")
	f.BoolVar(&opts.FailFast, "fail-fast", false, "stop at the first handout with a problem (a problem found while reading the handouts means none is built)")
	_ = cmd.RegisterFlagCompletionFunc("paper", cobra.FixedCompletions(paperNames(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagDirname("output")
	_ = cmd.MarkFlagDirname("assets")
	return cmd
}

func runBuild(opts *buildOptions) error {
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	ins, diags := inputs(opts.Paths, opts.AssetsDir, opts.Builtin, opts.BuiltinAssets)
	hs, more := build.Load(ins)
	diags = append(diags, more...)
	var notRun []string
	if opts.FailFast && diags.HasErrors() {
		// Every handout is read before the first is built: with a problem
		// among them, --fail-fast builds none.
		for _, h := range hs {
			notRun = append(notRun, h.File)
		}
		hs = nil
	}
	b := &build.Batch{
		Dir:      opts.OutDir,
		Papers:   opts.Papers,
		Options:  build.RenderOptions{Date: opts.Date},
		Render:   opts.Render,
		Writer:   opts.Writer,
		FailFast: opts.FailFast,
		Done: func(o build.Output) {
			verb := "wrote"
			if !o.Written {
				verb = "unchanged"
			}
			fmt.Fprintf(opts.Out, "%s %s (%s, %s)\n", verb, o.Path, plural(o.Pages, "page"), size(o.Size))
		},
	}
	res := b.Run(ctx, hs)
	diags = append(diags, res.Diags...)
	notRun = append(notRun, res.NotRun...)

	var parts []string
	if s := printDiags(opts.ErrOut, diags); s != "" {
		parts = append(parts, s)
	}
	if failed := failedInputs(ins, diags, res.Failed); len(failed) > 0 {
		parts = append(parts, "not built: "+strings.Join(failed, ", "))
	}
	switch {
	case res.Interrupted:
		msg := "interrupted"
		if sig, ok := interruptCause(ctx); ok {
			msg = sig.Error()
		}
		if len(notRun) > 0 {
			msg += ", so these were not built: " + strings.Join(notRun, ", ")
		}
		parts = append(parts, msg+"; every file written is complete")
	case len(notRun) > 0:
		parts = append(parts, "stopped at the first failure (--fail-fast), so these were not tried: "+strings.Join(notRun, ", "))
	}
	if len(parts) > 0 {
		return &failedError{summary: strings.Join(parts, "; ")}
	}
	return nil
}

// failedInputs lists the handout files that got no PDF because of an error:
// those with an error of their own (reading, parsing, layout) and those the
// batch could not write, in input order. A path given on the command line
// that could not be read at all is listed as given.
func failedInputs(ins []build.Input, diags diag.List, batchFailed []string) []string {
	bad := map[string]bool{}
	for _, d := range diags {
		if d.Severity == diag.Error {
			bad[d.Pos.File] = true
		}
	}
	for _, f := range batchFailed {
		bad[f] = true
	}
	var out []string
	listed := map[string]bool{}
	for _, in := range ins {
		if bad[in.Name] && !listed[in.Name] {
			listed[in.Name] = true
			out = append(out, in.Name)
		}
	}
	// Paths that never became an input: missing files, empty folders.
	var rest []string
	for _, d := range diags {
		f := d.Pos.File
		if d.Severity == diag.Error && !listed[f] && d.Code != "write" && d.Code != "no-assets" && f != "" {
			listed[f] = true
			rest = append(rest, f)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// size formats a file size the way people read it: "812 bytes", "41 KB".
func size(n int) string {
	switch {
	case n < 1024:
		return plural(n, "byte")
	case n < 1024*1024:
		return fmt.Sprintf("%d KB", (n+512)/1024)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
	}
}

// maxEpoch is 9999-12-31T23:59:59Z: PDF dates have four-digit years.
const maxEpoch = 253402300799

// sourceDateEpoch reads SOURCE_DATE_EPOCH (https://reproducible-builds.org):
// a whole number of seconds since 1970-01-01 UTC. Unset or empty means no
// override (the zero time).
func sourceDateEpoch(getenv func(string) string) (time.Time, error) {
	if getenv == nil {
		return time.Time{}, nil
	}
	v := getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > maxEpoch {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a valid date: want a whole number of seconds since 1970-01-01 UTC, such as %d", v, time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC).Unix())
	}
	return time.Unix(n, 0).UTC(), nil
}
