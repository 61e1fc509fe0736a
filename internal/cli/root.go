// Package cli is the handout command line: one cobra command a file, each
// with an options struct, a constructor that binds flags into it, and a run
// function that takes the options and writes to injected streams.
//
// Exit codes: 0 success, 1 a problem with the input or the output (the
// problems are printed to stderr as file:line:col: message), 2 wrong usage,
// 130 and 143 stopped by SIGINT (Ctrl-C) or SIGTERM.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"handout/assets"
	"handout/handouts"
	"handout/internal/build"
	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailed  = 1 // a problem with the input or the output
	exitUsage   = 2 // wrong usage: unknown flag, bad value, wrong argument count
	programName = "handout"
)

// Env is what the commands take from outside their flags: where to print,
// the environment, the built-in data, and the rendering stages. Main fills it
// with the real ones; tests use buffers and fakes.
type Env struct {
	Out    io.Writer // results
	ErrOut io.Writer // diagnostics, usage errors, summaries
	Getenv func(string) string
	// Context is cancelled when the run must stop (SIGINT or SIGTERM); its
	// cause is then an interrupted value. Nil means it never stops.
	Context context.Context

	Handouts fs.FS // the built-in handouts, built when no PATH is given
	Assets   fs.FS // the built-in handouts' assets

	// Render renders one PDF; nil means build.Render.
	Render build.RenderFunc
	// Layout lays out one handout for validate; nil means build.Layout.
	Layout func(*handout.Handout, layout.Paper, build.RenderOptions) (*layout.Document, diag.List)
	// Writer writes the PDFs; its zero value writes to disk. Tests wrap
	// it to simulate a full disk.
	Writer build.Writer

	// StderrIsTerminal says whether ErrOut is a terminal, where a build
	// may draw a progress bar.
	StderrIsTerminal bool
	// Now gives the current time; nil means time.Now.
	Now func() time.Time
}

func (e *Env) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// Main runs the command line with args (without the program name) and
// returns the exit code. SIGINT and SIGTERM stop a build cleanly between
// two handouts (see notifyContext).
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := notifyContext(context.Background())
	defer stop()
	return run(args, &Env{Out: stdout, ErrOut: stderr, Getenv: os.Getenv, Context: ctx,
		Handouts: handouts.FS, Assets: assets.FS, StderrIsTerminal: isTerminal(stderr)})
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// run executes args and maps the outcome to an exit code. It is the one
// place where errors become exit codes.
func run(args []string, e *Env) int {
	if e.Context == nil {
		e.Context = context.Background()
	}
	root := newRootCmd(e)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if sig, ok := interruptCause(e.Context); ok {
		// Whatever the command got done, a signal asked it to stop.
		var failed *failedError
		if errors.As(err, &failed) && failed.summary != "" {
			fmt.Fprintln(e.ErrOut, failed.summary)
		} else {
			fmt.Fprintf(e.ErrOut, "%s: %v\n", programName, sig)
		}
		return sig.exitCode()
	}
	if err == nil {
		return exitOK
	}
	var failed *failedError
	if errors.As(err, &failed) {
		if failed.summary != "" {
			fmt.Fprintln(e.ErrOut, failed.summary)
		}
		return exitFailed
	}
	// Everything else is wrong usage: our own usageErrors, and the errors
	// cobra returns itself (unknown command, bad flag, wrong arguments). Run
	// functions therefore return only usageError or *failedError.
	path := programName
	if cmd != nil {
		path = cmd.CommandPath()
	}
	fmt.Fprintf(e.ErrOut, "%s: %v\n", programName, err)
	fmt.Fprintf(e.ErrOut, "Run '%s --help' for usage.\n", path)
	return exitUsage
}

func newRootCmd(e *Env) *cobra.Command {
	root := &cobra.Command{
		Use:   programName,
		Short: "Turn YAML patient-handout definitions into print-ready PDFs",
		Long: `handout turns YAML patient-handout definitions into print-ready PDFs,
in US Letter and A4.

With no arguments, "handout build" renders the built-in handouts into ./dist.`,
		Example: `  handout build
  handout build handouts/ -o dist --paper a4
  handout validate my-handout.yaml`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(e.Out)
	root.SetErr(e.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newBuildCmd(e, nil), newValidateCmd(e, nil), newVersionCmd(e, nil), newLintCmd(e, nil),
		newSchemaCmd(e, nil), newNewCmd(e, nil))
	return root
}

// usageError is wrong usage: exit code 2, with a pointer to --help.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func usageErrorf(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// failedError means problems with the input or output were found and
// already printed; summary is printed last. Exit code 1.
type failedError struct{ summary string }

func (f *failedError) Error() string { return f.summary }

// usageArgs wraps a cobra argument check so that its failure is a usage
// error.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// noArgs is the argument check of commands that take none.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

// inputs finds the handouts named by paths (or the built-in ones when there
// are none).
func inputs(paths []string, assetsDir string, builtin, builtinAssets fs.FS) ([]build.Input, diag.List) {
	if len(paths) > 0 {
		return build.Discover(paths, assetsDir)
	}
	if assetsDir != "" { // --assets wins for the built-in handouts too
		a, diags := build.OpenAssets(assetsDir)
		if diags != nil {
			return nil, diags
		}
		builtinAssets = a
	}
	return build.Embedded(builtin, "handouts", builtinAssets)
}

// printDiags prints every diagnostic, sorted and without exact repeats (the
// same problem found on both paper sizes is printed once). It returns a
// summary such as "3 errors in 2 files", or "" when there is no error.
func printDiags(w io.Writer, l diag.List) string {
	l = append(diag.List(nil), l...)
	l.Sort()
	errs := 0
	files := map[string]bool{}
	prev := ""
	for _, d := range l {
		s := d.String()
		if s == prev {
			continue
		}
		prev = s
		fmt.Fprintln(w, s)
		if d.Severity == diag.Error {
			errs++
			files[d.Pos.File] = true
		}
	}
	if errs == 0 {
		return ""
	}
	return fmt.Sprintf("%s in %s", plural(errs, "error"), plural(len(files), "file"))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// paperFlag is the value of --paper: letter, a4 or all.
type paperFlag struct {
	name   string
	papers []layout.Paper
}

func newPaperFlag() *paperFlag { return &paperFlag{name: "all", papers: layout.Papers} }

func (p *paperFlag) String() string { return p.name }
func (p *paperFlag) Type() string   { return "letter|a4|all" } // shown in --help

func (p *paperFlag) Set(s string) error {
	if strings.EqualFold(s, "all") {
		p.name, p.papers = "all", layout.Papers
		return nil
	}
	paper, ok := layout.PaperByName(s)
	if !ok {
		names := make([]string, 0, len(layout.Papers)+1)
		for _, q := range layout.Papers {
			names = append(names, q.Name)
		}
		return fmt.Errorf("want %s or all", strings.Join(names, ", "))
	}
	p.name, p.papers = paper.Name, []layout.Paper{paper}
	return nil
}

func paperNames() []string {
	names := []string{"all"}
	for _, p := range layout.Papers {
		names = append(names, p.Name)
	}
	return names
}
