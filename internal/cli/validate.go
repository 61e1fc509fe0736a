package cli

import (
	"io"
	"io/fs"

	"github.com/spf13/cobra"

	"handout/internal/build"
	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

type validateOptions struct {
	Out, ErrOut io.Writer

	Paths     []string
	AssetsDir string
	BrandFile string // --brand: a clinic's brand file
	Large     bool   // lay out in large print

	Builtin, BuiltinAssets fs.FS
	Layout                 func(*handout.Handout, layout.Paper, build.RenderOptions) (*layout.Document, diag.List)
}

func newValidateCmd(e *Env, runF func(*validateOptions) error) *cobra.Command {
	opts := &validateOptions{Out: e.Out, ErrOut: e.ErrOut, Builtin: e.Handouts, BuiltinAssets: e.Assets, Layout: e.Layout}
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check handouts without writing PDFs",
		Long: `Check handouts without writing anything: parse each one, check that ids are
unique, and lay it out on every paper size, so that text that does not fit is
reported too. PATH, --assets and --brand work as for "handout build"; with no PATH, the
built-in handouts are checked. --large-print checks the large-print layout
instead.

Every problem is printed to stderr as file:line:col: message, followed by a
summary line. Nothing is printed when all handouts are valid.

Exit status: 0 when every handout is valid, 1 when any has a problem, 2 on
wrong usage.`,
		Example: `  # the built-in handouts
  handout validate

  # the same, in large print
  handout validate --large-print

  # every handout in a folder, logos from brand/
  handout validate handouts/ --assets brand`,
		Args: usageArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return runValidate(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Large, "large-print", false, "check the large-print layout (body text at 18 pt) instead of the regular one")
	cmd.Flags().StringVar(&opts.AssetsDir, "assets", "", "take logos from `DIR` (default: \"assets\" beside the handout file, or one folder up)")
	cmd.Flags().StringVar(&opts.BrandFile, "brand", "", "lay the handouts out with the clinic brand in `FILE`, and check the brand")
	_ = cmd.MarkFlagDirname("assets")
	_ = cmd.MarkFlagFilename("brand", "yaml", "yml")
	return cmd
}

func runValidate(opts *validateOptions) error {
	lay := opts.Layout
	if lay == nil {
		lay = build.Layout
	}
	// A brand with a problem is reported with the handouts' problems, which
	// are then checked without it.
	brand, diags := loadBrand(opts.BrandFile, opts.Large)
	ins, more := inputs(opts.Paths, opts.AssetsDir, opts.Builtin, opts.BuiltinAssets)
	diags = append(diags, more...)
	hs, more := build.Load(ins)
	diags = append(diags, more...)
	for _, h := range hs {
		for _, paper := range layout.Papers {
			_, more := lay(h, paper, build.RenderOptions{Brand: brand, LargePrint: opts.Large})
			diags = append(diags, more...)
		}
	}
	if summary := printDiags(opts.ErrOut, diags); summary != "" {
		return &failedError{summary: summary}
	}
	return nil
}
