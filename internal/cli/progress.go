package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"handout/internal/build"
)

// progressMode is how a build shows its progress on stderr.
type progressMode int

const (
	// progressPlain: nothing decorative. Each finished file is one line
	// (see reporter), so a log shows the build advancing.
	progressPlain progressMode = iota
	// progressBar: a bar with counts and rate, redrawn in place.
	progressBar
)

// progressModeFor decides how to show progress: a bar only when stderr is a
// terminal, and not under CI (CI set to anything but "" or "false": CI
// services set CI=true), NO_COLOR (set to anything but "";
// https://no-color.org) or TERM=dumb.
func progressModeFor(stderrIsTerminal bool, getenv func(string) string) progressMode {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	ci := strings.ToLower(strings.TrimSpace(getenv("CI")))
	switch {
	case !stderrIsTerminal:
		return progressPlain
	case ci != "" && ci != "false" && ci != "0":
		return progressPlain
	case getenv("NO_COLOR") != "":
		return progressPlain
	case getenv("TERM") == "dumb":
		return progressPlain
	}
	return progressBar
}

// reporter shows a build's outputs as they finish: one line a file on
// lines (nil for none), and, in progressBar mode, a bar on barOut.
type reporter struct {
	lines  io.Writer
	check  bool // report only what --check lists: the missing and stale files
	mode   progressMode
	barOut io.Writer
	bar    *progressbar.ProgressBar
	// shared: the lines go to the terminal the bar is drawn on, so the
	// bar is cleared before each line (and drawn again after it).
	shared bool
}

func (r *reporter) start(total int) {
	if r.mode != progressBar || total == 0 {
		return
	}
	desc := "building"
	if r.check {
		desc = "checking"
	}
	r.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(r.barOut),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("PDFs"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(80*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30),
	)
	r.shared = r.lines != nil && isTerminal(r.lines)
	_ = r.bar.RenderBlank()
}

func (r *reporter) done(o build.Output) {
	if line := r.line(o); line != "" && r.lines != nil {
		if r.bar != nil && r.shared {
			_ = r.bar.Clear()
		}
		fmt.Fprintln(r.lines, line)
	}
	if r.bar != nil {
		_ = r.bar.Add(1)
	}
}

// finish takes the bar away, before the diagnostics and the summary are
// printed.
func (r *reporter) finish() {
	if r.bar != nil {
		_ = r.bar.Finish()
		_ = r.bar.Clear()
		r.bar = nil
	}
}

// line is the report of one output: "wrote dist/x-a4.pdf (2 pages, 41 KB)",
// or with --check the path of a file that is missing or stale.
func (r *reporter) line(o build.Output) string {
	if r.check {
		if o.Status == build.StatusMissing || o.Status == build.StatusStale {
			return o.Path
		}
		return ""
	}
	verb := ""
	switch o.Status {
	case build.StatusWritten:
		verb = "wrote"
	case build.StatusUnchanged:
		verb = "unchanged"
	case build.StatusUpToDate:
		verb = "up to date"
	default:
		return ""
	}
	return fmt.Sprintf("%s %s (%s, %s)", verb, o.Path, plural(o.Pages, "page"), size(o.Size))
}
