package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"handout/internal/build"
	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
	"handout/internal/lint"
)

type buildOptions struct {
	Out, ErrOut io.Writer
	Context     context.Context // cancelled by SIGINT or SIGTERM

	Paths     []string
	OutDir    string
	Papers    []layout.Paper
	AssetsDir string
	BrandFile string // --brand: a clinic's brand file
	FailFast  bool
	Date      time.Time // from SOURCE_DATE_EPOCH; zero means each handout's reviewed date
	Jobs      int       // parallel workers; 0 means the number of CPUs
	Check     bool      // write nothing; list what is missing or out of date
	Force     bool      // render everything, whatever the manifest says
	JSON      bool      // a JSON report on stdout
	Shard     build.Shard
	Strict    bool             // lint every handout; one with a lint error gets no PDF
	Watch     bool             // build again whenever an input changes, until interrupted
	Large     bool             // large print: <id>-<paper>-large-print.pdf
	clock     func() time.Time // the time of day --watch prints
	Now       time.Time        // the day --strict judges reviewed dates against
	Progress  progressMode

	Builtin, BuiltinAssets fs.FS
	Render                 build.RenderFunc
	Layout                 func(*handout.Handout, layout.Paper, build.RenderOptions) (*layout.Document, diag.List)
	Writer                 build.Writer
}

func newBuildCmd(e *Env, runF func(*buildOptions) error) *cobra.Command {
	opts := &buildOptions{Out: e.Out, ErrOut: e.ErrOut, Context: e.Context, Builtin: e.Handouts, BuiltinAssets: e.Assets,
		Render: e.Render, Layout: e.Layout, Writer: e.Writer}
	paper := newPaperFlag()
	var shard string
	cmd := &cobra.Command{
		Use:   "build [PATH...]",
		Short: "Render handouts to PDF",
		Long: `Render handouts to print-ready PDFs, one file for each handout and paper size,
named <id>-<paper>.pdf (with --large-print, <id>-<paper>-large-print.pdf,
so both can share a folder). A PATH is a handout file (.yaml or .yml), a folder of
them (not searched recursively), or a pattern: handout expands *, ?, [...] and
** (any number of folders) itself, so "handouts/**/*.yaml" works quoted, on
every shell and in CI files; a pattern that matches no handout is an error.
With no PATH, the built-in handouts are built.

Logo paths are resolved in the assets folder: --assets DIR when given; else
the folder "assets" next to the handout file; else the folder "assets" in the
handout file's parent folder (so handouts/ beside assets/ works).

--brand FILE fills the clinic band at the end of every handout with a
clinic's name, address, phone, website, logo and a QR code (see the README
for the format); the brand's logo is looked up in the brand file's folder.
A brand file with a problem, or whose band does not fit, builds nothing.

-j N renders N handouts at once (default: the number of CPUs); the report is
in the order of the output paths whatever N is.

A PDF that is up to date is not rendered again: the output folder's manifest
(.handout-manifest.json) records a hash of everything each PDF is made from
(the handout file, its logo, the fonts, the paper, SOURCE_DATE_EPOCH and the
version of handout) and a hash of the PDF itself. --force renders everything.
--check writes nothing: it prints the path of every PDF that is missing or out
of date, one a line, and exits 1 if there is any. --json prints one JSON
report on stdout instead of the lines. --shard I/N builds part I of N, for a
CI matrix of N jobs that builds every PDF exactly once. --strict lints every
handout and refuses to write the PDFs of one with a lint error.

--watch builds, then watches the handout files, their folders and patterns,
and their logos, and builds again after each change (a burst of changes,
such as an editor's save, is one build). Only the PDFs the change affects
are rendered; a handout with a problem has its problems printed and keeps
its previous PDFs, and is built again once fixed. After the first build,
each build prints a line for each handout whose PDFs it wrote. It runs
until Ctrl-C (exit status 130) or SIGTERM (143). --check, --shard, --json and --fail-fast cannot be used with it;
--force renders everything in the first build only.

--large-print sets body text at 18 pt and everything else in proportion, in
one column, for readers with low vision; the content flows onto as many
pages as it needs, broken only between blocks (see the README).

Every problem in every file is printed to stderr as file:line:col: message,
and a last line lists the handouts that were not built. A handout with any
problem gets no PDF; the others are still built, unless --fail-fast is given.
A file is replaced only when its bytes change, and never left half-written:
each PDF is written to a temporary file beside it and renamed over it when
complete. Ctrl-C (SIGINT) or SIGTERM stops the build before the next
handout; temporary files left by a build that was killed outright are
removed by the next build into the same folder.

When stderr is a terminal a progress bar shows the count and rate, except
under CI=true, NO_COLOR or TERM=dumb.

Set SOURCE_DATE_EPOCH (seconds since 1970, UTC) to fix the date written into
the PDFs; otherwise it is each handout's reviewed date.

Exit status: 0 when every PDF was built (with --check: is up to date), 1 when
a handout or a file had a problem (with --check: a PDF is missing or out of
date), 2 on wrong usage, 130 when stopped by SIGINT and 143 by SIGTERM.`,
		Example: `  # the built-in handouts, in US Letter and A4, into ./dist
  handout build

  # one handout, A4 only, into out/
  handout build my-handout.yaml --paper a4 -o out

  # every handout under handouts/, logos from brand/, 4 at a time
  handout build 'handouts/**/*.yaml' --assets brand -j 4

  # with a clinic's name, logo and QR code in the band at the end
  handout build --brand brand/clinic.yaml

  # in CI: fail when a committed PDF is out of date
  handout build handouts --check

  # large-print copies beside the regular PDFs
  handout build --large-print

  # job 2 of a CI matrix of 4, with a JSON report
  handout build handouts --shard 2/4 --json > report.json

  # rebuild the handouts under handouts/ as they are edited, until Ctrl-C
  handout build 'handouts/**/*.yaml' --watch`,
		Args: usageArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Papers = paper.papers
			if opts.OutDir == "" {
				return usageErrorf("--output needs a folder name")
			}
			if opts.Jobs < 0 {
				return usageErrorf("-j needs a number of workers of at least 1 (0 means the number of CPUs)")
			}
			if shard != "" {
				s, err := build.ParseShard(shard)
				if err != nil {
					return usageErrorf("--shard %q: %v", shard, err)
				}
				opts.Shard = s
			}
			date, err := sourceDateEpoch(e.Getenv)
			if err != nil {
				return usageError{err}
			}
			opts.Date = date
			opts.Now = date
			if opts.Now.IsZero() {
				opts.Now = e.now()
			}
			opts.Progress = progressModeFor(e.StderrIsTerminal, e.Getenv)
			if opts.Watch {
				if err := checkWatchFlags(cmd, opts); err != nil {
					return err
				}
				opts.clock = e.now
			}
			if runF != nil {
				return runF(opts)
			}
			if opts.Watch {
				return runWatch(opts)
			}
			return runBuild(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.OutDir, "output", "o", "dist", "write the PDFs into `DIR` (created if missing)")
	f.Var(paper, "paper", "the paper size to render; all is Letter and A4")
	f.StringVar(&opts.AssetsDir, "assets", "", "take logos from `DIR` (default: \"assets\" beside the handout file, or one folder up)")
	f.StringVar(&opts.BrandFile, "brand", "", "fill the clinic band of every handout from the brand `FILE` (its logo is looked up in the file's folder)")
	f.BoolVar(&opts.FailFast, "fail-fast", false, "stop at the first handout with a problem (a problem found while reading the handouts means none is built)")
	f.IntVarP(&opts.Jobs, "jobs", "j", 0, "render `N` handouts at once (default: the number of CPUs)")
	f.BoolVar(&opts.Check, "check", false, "write nothing; list the PDFs that are missing or out of date, and exit 1 if there is any")
	f.BoolVar(&opts.Force, "force", false, "render every PDF, even those the manifest shows up to date")
	f.BoolVar(&opts.JSON, "json", false, "print a JSON report on stdout instead of one line a file")
	f.StringVar(&shard, "shard", "", "build only part `I/N` of the PDFs (1-based, e.g. 2/4), for a CI matrix of N jobs")
	f.BoolVar(&opts.Large, "large-print", false, "set body text at 18 pt for readers with low vision; writes <id>-<paper>-large-print.pdf")
	f.BoolVar(&opts.Strict, "strict", false, "lint every handout (as \"handout lint\") and write no PDF of a handout with a lint error")
	f.BoolVar(&opts.Watch, "watch", false, "build, then build again whenever a handout or its logo changes, until Ctrl-C")
	_ = cmd.RegisterFlagCompletionFunc("paper", cobra.FixedCompletions(paperNames(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagDirname("output")
	_ = cmd.MarkFlagDirname("assets")
	_ = cmd.MarkFlagFilename("brand", "yaml", "yml")
	return cmd
}

func runBuild(opts *buildOptions) error {
	started := time.Now()
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	// A brand with a problem stops the build before anything is read or
	// written: it would be on every PDF.
	brand, bdiags := loadBrand(opts.BrandFile, opts.Large)
	if bdiags.HasErrors() {
		return &failedError{summary: printDiags(opts.ErrOut, bdiags) + "; nothing was built"}
	}
	b := newBatch(opts, brand)
	// The output folder is read while the handout files are found.
	b.Prefetch()
	ins, diags := buildInputs(opts.Paths, opts.AssetsDir, opts.Builtin, opts.BuiltinAssets)

	rep := &reporter{lines: opts.Out, check: opts.Check, mode: opts.Progress, barOut: opts.ErrOut}
	if opts.JSON {
		// stdout holds the JSON report alone; without a bar, the lines
		// go to stderr, so that a log still shows the build advancing.
		rep.lines = nil
		if opts.Progress == progressPlain && !opts.Check {
			rep.lines = opts.ErrOut
		}
	}
	b.Start, b.Done = rep.start, rep.done
	var res build.Result
	if opts.FailFast && diags.HasErrors() {
		// Every handout is read before the first is built: with a problem
		// among them, --fail-fast builds none.
		hs, more := build.Load(ins)
		diags = append(diags, more...)
		for _, h := range hs {
			res.NotRun = append(res.NotRun, h.File)
		}
	} else {
		res = b.Build(ctx, ins)
	}
	rep.finish()
	diags = append(diags, bdiags...) // warnings only
	diags = append(diags, res.Diags...)
	notRun := res.NotRun

	var parts []string
	if opts.JSON {
		diags.Sort()
		if err := writeBuildJSON(opts, res, diags, failedInputs(ins, diags, res.Failed), time.Since(started)); err != nil {
			return err
		}
	}
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
		switch {
		case len(notRun) > 0 && opts.Check:
			msg += ", so these were not checked: " + strings.Join(notRun, ", ")
		case len(notRun) > 0:
			msg += ", so these were not built: " + strings.Join(notRun, ", ")
		}
		if !opts.Check {
			msg += "; every file written is complete"
		}
		parts = append(parts, msg)
	case len(notRun) > 0:
		parts = append(parts, "stopped at the first failure (--fail-fast), so these were not tried: "+strings.Join(notRun, ", "))
	}
	if opts.Check {
		if s := checkSummary(res.Outputs); s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) > 0 {
		return &failedError{summary: strings.Join(parts, "; ")}
	}
	return nil
}

// newBatch is the batch the options ask for, with the brand read from
// --brand, without its reporting.
func newBatch(opts *buildOptions, brand *handout.Brand) *build.Batch {
	b := &build.Batch{
		Dir:      opts.OutDir,
		Papers:   opts.Papers,
		Options:  build.RenderOptions{Date: opts.Date, Brand: brand, LargePrint: opts.Large},
		Render:   opts.Render,
		Writer:   opts.Writer,
		Jobs:     opts.Jobs,
		FailFast: opts.FailFast,
		Check:    opts.Check,
		Force:    opts.Force,
		Shard:    opts.Shard,
	}
	if opts.Strict {
		b.Lint = strictLint(opts, brand)
	}
	return b
}

// loadBrand reads the brand file of --brand, and checks it for the edition
// being made (large: --large-print); "" means no brand.
func loadBrand(name string, large bool) (*handout.Brand, diag.List) {
	if name == "" {
		return nil, nil
	}
	return build.LoadBrand(name, large)
}

// buildInputs is inputs for a build: the handout files on disk are not read
// yet, but by the batch, each when it is needed, so that a build of
// thousands of handouts does not hold all their bytes at once.
func buildInputs(paths []string, assetsDir string, builtin, builtinAssets fs.FS) ([]build.Input, diag.List) {
	if len(paths) > 0 {
		return build.DiscoverFiles(paths, assetsDir)
	}
	return inputs(paths, assetsDir, builtin, builtinAssets)
}

// checkSummary says how many outputs --check found missing or stale, or ""
// when none.
func checkSummary(outs []build.Output) string {
	missing, stale := 0, 0
	for _, o := range outs {
		switch o.Status {
		case build.StatusMissing:
			missing++
		case build.StatusStale:
			stale++
		}
	}
	if missing+stale == 0 {
		return ""
	}
	var what []string
	if missing > 0 {
		what = append(what, fmt.Sprintf("%d missing", missing))
	}
	if stale > 0 {
		what = append(what, fmt.Sprintf("%d out of date", stale))
	}
	return fmt.Sprintf("%d of %s need building (%s): run handout build", missing+stale, plural(len(outs), "PDF"),
		strings.Join(what, ", "))
}

// strictLint lints a handout as "handout lint" does, on the layouts of every
// paper size, for --strict. A paper the handout does not fit on is reported
// as by "handout validate".
func strictLint(opts *buildOptions, brand *handout.Brand) func(*handout.Handout) diag.List {
	lay := opts.Layout
	if lay == nil {
		lay = build.Layout
	}
	return func(h *handout.Handout) diag.List {
		var l diag.List
		var docs []*layout.Document
		for _, paper := range layout.Papers {
			doc, more := lay(h, paper, build.RenderOptions{Date: opts.Date, Brand: brand, LargePrint: opts.Large})
			l = append(l, more...)
			if doc != nil && !more.HasErrors() {
				if doc.Paper.Name == "" {
					doc.Paper = paper
				}
				docs = append(docs, doc)
			}
		}
		return append(l, lint.Check(h, docs, opts.Now)...)
	}
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
		if d.Severity == diag.Error && !listed[f] && d.Code != "write" && d.Code != "no-assets" && d.Code != "manifest" && f != "" {
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

// The --json report: one JSON document on stdout.
//
//	{
//	  "version": 1,               // of this layout
//	  "tool": "handout 0.3.0",
//	  "mode": "build" or "check",
//	  "outputs": [...],           // every output of the run, sorted by path
//	  "diagnostics": [...],       // problems not shown under an output
//	  "summary": {...}
//	}
type buildReport struct {
	Version     int          `json:"version"`
	Tool        string       `json:"tool"`
	Mode        string       `json:"mode"`
	Outputs     []outputJSON `json:"outputs"`
	Diagnostics []diagJSON   `json:"diagnostics"`
	Summary     buildSummary `json:"summary"`
}

// outputJSON is one PDF of the run. Its diagnostics are those of its
// handout (on every paper, and the lint findings with --strict) and of its
// file.
type outputJSON struct {
	Input        string     `json:"input"`
	Output       string     `json:"output"`
	ID           string     `json:"id"`
	Paper        string     `json:"paper"`
	Pages        int        `json:"pages"`
	Bytes        int        `json:"bytes"`
	SHA256       string     `json:"sha256"`
	Milliseconds float64    `json:"milliseconds"`
	Status       string     `json:"status"`
	Diagnostics  []diagJSON `json:"diagnostics"`
}

type diagJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Hint     string `json:"hint"`
}

type buildSummary struct {
	Outputs      int      `json:"outputs"`
	Written      int      `json:"written"`
	Unchanged    int      `json:"unchanged"`
	UpToDate     int      `json:"up_to_date"`
	Failed       int      `json:"failed"`
	Missing      int      `json:"missing"`
	Stale        int      `json:"stale"`
	Errors       int      `json:"errors"`
	Warnings     int      `json:"warnings"`
	NotBuilt     []string `json:"not_built"`
	NotRun       []string `json:"not_run"`
	Interrupted  bool     `json:"interrupted"`
	Shard        string   `json:"shard"`
	OtherShards  int      `json:"other_shards"`
	Jobs         int      `json:"jobs"`
	Parsed       int      `json:"parsed"`
	Milliseconds float64  `json:"milliseconds"`
	OK           bool     `json:"ok"`
}

func toDiagJSON(l diag.List) []diagJSON {
	out := make([]diagJSON, 0, len(l))
	prev := ""
	for _, d := range l {
		if s := d.String(); s == prev {
			continue
		} else {
			prev = s
		}
		out = append(out, diagJSON{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(),
			Code: d.Code, Message: d.Message, Hint: d.Hint})
	}
	return out
}

func ms(d time.Duration) float64 { return math.Round(float64(d.Microseconds())) / 1000 }

func writeBuildJSON(opts *buildOptions, res build.Result, diags diag.List, notBuilt []string, took time.Duration) error {
	mode := "build"
	if opts.Check {
		mode = "check"
	}
	jobs := opts.Jobs
	if jobs < 1 {
		jobs = runtime.NumCPU()
	}
	rep := buildReport{Version: 1, Tool: programName + " " + build.Version, Mode: mode, Outputs: []outputJSON{},
		Summary: buildSummary{Outputs: len(res.Outputs), NotBuilt: append([]string{}, notBuilt...),
			NotRun: append([]string{}, res.NotRun...), Interrupted: res.Interrupted, Shard: opts.Shard.String(),
			OtherShards: res.OtherShards, Jobs: jobs, Parsed: res.Parsed, Milliseconds: ms(took)}}
	shown := map[diag.Diagnostic]bool{}
	for _, o := range res.Outputs {
		rep.Outputs = append(rep.Outputs, outputJSON{Input: o.Input, Output: o.Path, ID: o.ID, Paper: o.Paper.Name,
			Pages: o.Pages, Bytes: o.Size, SHA256: o.SHA256, Milliseconds: ms(o.Elapsed), Status: string(o.Status),
			Diagnostics: toDiagJSON(o.Diags)})
		for _, d := range o.Diags {
			shown[d] = true
		}
		switch o.Status {
		case build.StatusWritten:
			rep.Summary.Written++
		case build.StatusUnchanged:
			rep.Summary.Unchanged++
		case build.StatusUpToDate:
			rep.Summary.UpToDate++
		case build.StatusFailed:
			rep.Summary.Failed++
		case build.StatusMissing:
			rep.Summary.Missing++
		case build.StatusStale:
			rep.Summary.Stale++
		}
	}
	var rest diag.List
	for _, d := range diags {
		if !shown[d] {
			rest = append(rest, d)
		}
	}
	rep.Diagnostics = toDiagJSON(rest)
	prev := ""
	for _, d := range diags {
		if s := d.String(); s != prev {
			prev = s
			if d.Severity == diag.Error {
				rep.Summary.Errors++
			} else {
				rep.Summary.Warnings++
			}
		}
	}
	rep.Summary.OK = rep.Summary.Errors == 0 && rep.Summary.Missing == 0 && rep.Summary.Stale == 0 &&
		len(res.NotRun) == 0 && !res.Interrupted
	enc := json.NewEncoder(opts.Out)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return &failedError{summary: fmt.Sprintf("build: cannot write the JSON report: %v", err)}
	}
	return nil
}
