package cli

import (
	"errors"
	"strings"
	"testing"
)

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // in stderr
		help string // the command --help is suggested for
	}{
		{[]string{"build", "--nope"}, "unknown flag: --nope", "handout build"},
		{[]string{"build", "--paper", "b5"}, `invalid argument "b5" for "--paper" flag: want letter, a4 or all`, "handout build"},
		{[]string{"build", "--paper"}, "flag needs an argument", "handout build"},
		{[]string{"build", "-o", ""}, "--output needs a folder name", "handout build"},
		{[]string{"validate", "--paper", "a4"}, "unknown flag: --paper", "handout validate"},
		{[]string{"version", "extra"}, `handout version takes no arguments, got "extra"`, "handout version"},
		{[]string{"bogus"}, `unknown command "bogus"`, "handout"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			e := newTestEnv(t)
			workdir(t)
			if code := e.run(tc.args...); code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
			if e.out.Len() != 0 {
				t.Errorf("stdout: %q", e.out.String())
			}
			got := lines(e.err.String())
			if len(got) != 2 || !strings.HasPrefix(got[0], "handout: ") || !strings.Contains(got[0], tc.want) ||
				got[1] != "Run '"+tc.help+" --help' for usage." {
				t.Errorf("stderr:\n%s\nwant %q and a pointer to %s --help", e.err.String(), tc.want, tc.help)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"build", "--help"}, {"validate", "-h"}, {"help", "version"}, {}} {
		e := newTestEnv(t)
		if code := e.run(args...); code != 0 {
			t.Errorf("%q: exit code %d", args, code)
		}
		if !strings.Contains(e.out.String(), "Usage:") || !strings.Contains(e.out.String(), "Examples:") {
			t.Errorf("%q: help without usage or examples:\n%s", args, e.out.String())
		}
		if e.err.Len() != 0 {
			t.Errorf("%q: stderr %q", args, e.err.String())
		}
	}
}

func TestCompletion(t *testing.T) {
	e := newTestEnv(t)
	if code := e.run("completion", "bash"); code != 0 || !strings.Contains(e.out.String(), "handout") {
		t.Errorf("completion bash: exit %d, %d bytes", code, e.out.Len())
	}
}

func TestVersion(t *testing.T) {
	e := newTestEnv(t)
	if code := e.run("version"); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if got := e.out.String(); got != "handout 0.3.0\n" {
		t.Errorf("stdout = %q", got)
	}
	if e.err.Len() != 0 {
		t.Errorf("stderr = %q", e.err.String())
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int]string{1: "1 byte", 812: "812 bytes", 1024: "1 KB", 41 * 1024: "41 KB", 41*1024 + 600: "42 KB", 3 << 20: "3.0 MB"} {
		if got := size(n); got != want {
			t.Errorf("size(%d) = %q, want %q", n, got, want)
		}
	}
}

type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestOutputErrorIsExit1(t *testing.T) {
	e := newTestEnv(t)
	e.Out = brokenWriter{}
	if code := run([]string{"version"}, &e.Env); code != 1 {
		t.Errorf("version into a broken pipe: exit code %d, want 1", code)
	}
}
