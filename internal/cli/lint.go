package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"handout/internal/build"
	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
	"handout/internal/lint"
)

type lintOptions struct {
	Out, ErrOut io.Writer

	Paths       []string
	AssetsDir   string
	BrandFile   string // --brand: a clinic's brand file
	JSON        bool
	Rules       bool
	Readability bool
	Large       bool      // lint the large-print layout
	Now         time.Time // the day reviewed dates are judged against

	Builtin, BuiltinAssets fs.FS
	Layout                 func(*handout.Handout, layout.Paper, build.RenderOptions) (*layout.Document, diag.List)
}

func newLintCmd(e *Env, runF func(*lintOptions) error) *cobra.Command {
	opts := &lintOptions{Out: e.Out, ErrOut: e.ErrOut, Builtin: e.Handouts, BuiltinAssets: e.Assets, Layout: e.Layout}
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check handouts against patient-education and accessibility standards",
		Long: `Check handouts against the standards for patient handouts: plain language
(readability formulas), structure, actions, evidence, trust, and, on the pages
as laid out on every paper size, type sizes, line spacing and length, capitals,
contrast and alternative text. PATH, --assets and --brand work as for "handout build";
with no PATH, the built-in handouts are checked. --large-print measures the
pages of the large-print layout instead of the regular one.

Each finding is printed to stdout as
  file:line:col: severity rule-id: message (hint)
where severity is error, warning or note (a rule the handout turned off or
changed in its "lint:" field, with its reason). --json prints the same as a
JSON array. --rules lists every rule with its severity, threshold and source.
Problems that stop a handout from being read are printed to stderr, as by
"handout validate".

The reviewed date is judged against SOURCE_DATE_EPOCH when it is set, else
against today.

Exit status: 0 when no handout has an error (warnings and notes do not
count), 1 when one has, or cannot be read, 2 on wrong usage.`,
		Example: `  # the built-in handouts
  handout lint

  # one handout, as JSON
  handout lint my-handout.yaml --json

  # the readability figures of every block of text
  handout lint my-handout.yaml --readability

  # the pages as laid out in large print
  handout lint --large-print

  # the rules, their thresholds and sources
  handout lint --rules`,
		Args: usageArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if opts.Rules && len(args) > 0 {
				return usageErrorf("--rules lists the rules and takes no PATH")
			}
			if opts.JSON && opts.Readability {
				return usageErrorf("--json and --readability cannot be used together")
			}
			now, err := sourceDateEpoch(e.Getenv)
			if err != nil {
				return usageError{err}
			}
			if now.IsZero() {
				now = time.Now()
			}
			opts.Now = now
			if runF != nil {
				return runF(opts)
			}
			return runLint(opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.JSON, "json", false, "print the findings as a JSON array")
	f.BoolVar(&opts.Rules, "rules", false, "list the rules, with severity, threshold and source, and exit")
	f.BoolVar(&opts.Readability, "readability", false, "also print the readability figures of every block of text")
	f.BoolVar(&opts.Large, "large-print", false, "measure the large-print layout (body text at 18 pt) instead of the regular one")
	f.StringVar(&opts.AssetsDir, "assets", "", "take logos from `DIR` (default: \"assets\" beside the handout file, or one folder up)")
	cmd.Flags().StringVar(&opts.BrandFile, "brand", "", "lay the handouts out with the clinic brand in `FILE`, and check the brand")
	_ = cmd.MarkFlagDirname("assets")
	_ = cmd.MarkFlagFilename("brand", "yaml", "yml")
	return cmd
}

func runLint(opts *lintOptions) error {
	if opts.Rules {
		return printRules(opts.Out, opts.JSON)
	}
	lay := opts.Layout
	if lay == nil {
		lay = build.Layout
	}
	// A brand with a problem is reported with the handouts' problems, which
	// are then checked without it.
	brand, problems := loadBrand(opts.BrandFile, opts.Large)
	ins, more := inputs(opts.Paths, opts.AssetsDir, opts.Builtin, opts.BuiltinAssets)
	problems = append(problems, more...)
	hs, more := build.Load(ins)
	problems = append(problems, more...)
	var results []lint.Result
	for _, h := range hs {
		var docs []*layout.Document
		for _, paper := range layout.Papers {
			doc, more := lay(h, paper, build.RenderOptions{Brand: brand, LargePrint: opts.Large})
			problems = append(problems, more...)
			if doc != nil {
				if doc.Paper.Name == "" {
					doc.Paper = paper
				}
				docs = append(docs, doc)
			}
		}
		results = append(results, lint.Run(h, docs, lint.Options{Now: opts.Now}))
	}

	var all []lint.Finding
	for _, r := range results {
		all = append(all, r.Findings...)
	}
	if opts.JSON {
		if err := writeFindingsJSON(opts.Out, all); err != nil {
			return err
		}
	} else {
		for _, f := range all {
			fmt.Fprintln(opts.Out, f)
		}
	}
	if opts.Readability {
		for _, r := range results {
			printReadability(opts.Out, r)
		}
	}

	problemSummary := printDiags(opts.ErrOut, problems)
	errs, warns := 0, 0
	files := map[string]bool{}
	for _, f := range all {
		switch f.Severity {
		case lint.Error:
			errs++
			files[f.Pos.File] = true
		case lint.Warning:
			warns++
			files[f.Pos.File] = true
		}
	}
	var parts []string
	if errs > 0 {
		parts = append(parts, plural(errs, "error"))
	}
	if warns > 0 {
		parts = append(parts, plural(warns, "warning"))
	}
	summary := ""
	if len(parts) > 0 {
		summary = fmt.Sprintf("lint: %s in %s", strings.Join(parts, " and "), plural(len(files), "file"))
	}
	if problemSummary != "" {
		if summary != "" {
			summary += "; "
		}
		summary += problemSummary + " that could not be linted"
	}
	if errs > 0 || problemSummary != "" {
		return &failedError{summary: summary}
	}
	if summary != "" {
		fmt.Fprintln(opts.ErrOut, summary)
	}
	return nil
}

// findingJSON is one finding in --json output.
type findingJSON struct {
	File     string             `json:"file"`
	Line     int                `json:"line"`
	Col      int                `json:"col"`
	Severity string             `json:"severity"`
	Rule     string             `json:"rule"`
	Message  string             `json:"message"`
	Hint     string             `json:"hint"`
	Field    string             `json:"field,omitempty"`
	Papers   []string           `json:"papers,omitempty"`
	Measured map[string]float64 `json:"measured,omitempty"`
}

func writeFindingsJSON(w io.Writer, fs []lint.Finding) error {
	out := make([]findingJSON, 0, len(fs))
	for _, f := range fs {
		out = append(out, findingJSON{File: f.Pos.File, Line: f.Pos.Line, Col: f.Pos.Col, Severity: f.Severity.String(),
			Rule: f.Rule, Message: f.Message, Hint: f.Hint, Field: f.Field, Papers: f.Papers, Measured: f.Measured})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return &failedError{summary: fmt.Sprintf("lint: cannot write the JSON: %v", err)}
	}
	return nil
}

// ruleJSON is one rule in "--rules --json" output.
type ruleJSON struct {
	ID        string   `json:"id"`
	Group     string   `json:"group"`
	Severity  string   `json:"severity"`
	Threshold *float64 `json:"threshold"`
	Unit      string   `json:"unit,omitempty"`
	Pages     bool     `json:"pages"`
	Checks    string   `json:"checks"`
	Source    string   `json:"source"`
}

func printRules(w io.Writer, asJSON bool) error {
	rules := lint.Rules()
	if asJSON {
		out := make([]ruleJSON, len(rules))
		for i, r := range rules {
			out[i] = ruleJSON{ID: r.ID, Group: r.Group, Severity: r.Severity.String(), Unit: r.Unit, Pages: r.Pages,
				Checks: r.Checks, Source: r.Source}
			if r.Unit != "" {
				t := r.Threshold
				out[i].Threshold = &t
			}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tTHRESHOLD\tCHECKS")
	for _, r := range rules {
		checks := r.Checks
		if r.Pages {
			checks += " [laid-out pages, every paper size]"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.ThresholdText(), checks)
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Sources:")
	seen := map[string]bool{}
	for _, r := range rules {
		if !seen[r.Source] {
			seen[r.Source] = true
			var ids []string
			for _, q := range rules {
				if q.Source == r.Source {
					ids = append(ids, q.ID)
				}
			}
			fmt.Fprintf(w, "  %s: %s\n", strings.Join(ids, ", "), r.Source)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, lint.Justified)
	return nil
}

// printReadability prints the readability figures of one handout: each
// group of text, all its text, and each block; for a language no formula
// is made for, a line saying so.
func printReadability(w io.Writer, r lint.Result) {
	switch r.Readability.Formulas {
	case "es":
		printSpanishReadability(w, r)
		return
	case "":
		fmt.Fprintf(w, "\n%s: readability not measured: lint has readability formulas for English and Spanish only, and this handout is in %q (%d words, %d sentences)\n",
			r.File, r.Readability.Language, r.Readability.All.Words, r.Readability.All.Sentences)
		return
	}
	fmt.Fprintf(w, "\n%s: readability (FK Flesch-Kincaid grade, SMOG grade, FRE Flesch Reading Ease)\n", r.File)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "text\twords\tsentences\tsyllables\tpolysyllables\tFK\tSMOG\tFRE\tgrade range")
	row := func(name string, s lint.Scores) {
		smog := "-"
		if s.SMOGScored {
			smog = fmt.Sprintf("%.1f", s.SMOG)
			if s.Extrapolated() {
				smog += "*"
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.1f\t%s\t%.0f\t%s\n", name, s.Words, s.Sentences, s.Syllables,
			s.Polysyllables, s.FleschKincaid, smog, s.ReadingEase, strings.TrimPrefix(s.Range(), "grade "))
	}
	for _, g := range r.Readability.Groups {
		row(fmt.Sprintf("%s (%d)", g.Class, g.Blocks), g.Scores)
	}
	row("all text", r.Readability.All)
	for _, b := range r.Readability.Blocks {
		row(b.Field, b.Scores)
	}
	tw.Flush()
	fmt.Fprintf(w, "* SMOG extrapolated from fewer than %d sentences; - not scored under %d sentences.\n",
		lint.SMOGSampleSentences, lint.SMOGMinSentences)
}

// printSpanishReadability prints the Spanish formulas' figures.
func printSpanishReadability(w io.Writer, r lint.Result) {
	fmt.Fprintf(w, "\n%s: readability in Spanish (FH Fernández Huerta, SzP Szigriszt Pazos on the INFLESZ scale; higher is easier)\n", r.File)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "text\twords\tsentences\tsyllables\tFH\tFH band\tSzP\tINFLESZ")
	row := func(name string, s lint.Scores) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.0f\t%s\t%.0f\t%s\n", name, s.Words, s.Sentences, s.Syllables,
			s.FernandezHuerta, lint.HuertaBand(s.FernandezHuerta), s.SzigrisztPazos, lint.INFLESZBand(s.SzigrisztPazos))
	}
	for _, g := range r.Readability.Groups {
		row(fmt.Sprintf("%s (%d)", g.Class, g.Blocks), g.Scores)
	}
	row("all text", r.Readability.All)
	for _, b := range r.Readability.Blocks {
		row(b.Field, b.Scores)
	}
	tw.Flush()
	fmt.Fprintln(w, "Targets: body text FH 60 and INFLESZ 55 (grade 8); headings, signs and actions FH 70 and INFLESZ 65 (grade 6).")
}
