// Package diag holds positioned diagnostics: what is wrong, where, and how to
// fix it. Every stage of the pipeline reports through it, so that the CLI can
// print all problems at once, sorted by position, as file:line:col: message.
package diag

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Pos is a position in an input file. Line and Col are 1-based; zero means
// unknown (a problem with the whole file has Line 0).
type Pos struct {
	File string
	Line int
	Col  int
}

// String gives "file:line:col", "file:line" or "file", like go/token: without
// a file name, "line:col"; with nothing known, "-".
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		if s != "" {
			s += ":"
		}
		s += strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	if s == "" {
		s = "-"
	}
	return s
}

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem. Code is a stable identifier tests and tools can
// match on (for example "unknown-key" or "text-overflow"); Field is the YAML
// path of the value concerned, when there is one ("ladder.rungs[2].label").
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Code     string
	Field    string
	Message  string
	Hint     string
}

// String renders the diagnostic the way the CLI prints it:
// "file:line:col: message (hint)". Warnings are marked as such.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Pos.String())
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString(" (")
		b.WriteString(d.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// List collects diagnostics. It implements error so that a stage can return
// every problem it found as one value.
type List []Diagnostic

// Add appends a diagnostic of severity Error.
func (l *List) Add(pos Pos, code, field, msg, hint string) {
	*l = append(*l, Diagnostic{Pos: pos, Code: code, Field: field, Message: msg, Hint: hint})
}

// Addf is Add with a formatted message and no hint.
func (l *List) Addf(pos Pos, code, field, format string, args ...any) {
	l.Add(pos, code, field, fmt.Sprintf(format, args...), "")
}

// Sort orders the list by file, line, column, then message, so output is the
// same on every run.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return l[i].Message < l[j].Message
	})
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns the list as an error when it holds an error, else nil.
func (l List) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}

// Error prints one diagnostic a line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}
