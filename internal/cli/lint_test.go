package cli

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"handout/assets"
	"handout/handouts"
	"handout/internal/lint"
)

// lintChecklist passes every lint rule.
const lintChecklist = `kind: discussion-checklist
id: knee-checklist
language: en
title: Knee Pain Visit Checklist
subtitle: Bring this page to your visit.
reviewed: 2026-05-01
summary: Use it to talk with your doctor about your knee.
publisher:
  name: Test Clinic
fields: [Name, Date]
warnings:
  heading: "Get care today if you have:"
  items:
    - sign: A knee that is hot and swollen.
      action: Call your clinic today.
sections:
  - heading: Questions to ask
    items:
      - text: What is causing my knee pain?
        answer_lines: 1
sources:
  - id: guide
    text: National guidance on knee pain.
disclaimer: This page supports, and does not replace, advice from your doctor.
`

// epoch is 2026-11-25, the day reviewed dates are judged against.
var epoch = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// lintEnv is a test environment that lays out for real, in a folder holding
// the named handouts.
func lintEnv(t *testing.T, files map[string]string) *testEnv {
	t.Helper()
	e := newTestEnv(t)
	e.Layout = nil // build.Layout: lint reads the real boxes
	e.vars["SOURCE_DATE_EPOCH"] = "1795564800"
	dir := t.TempDir()
	t.Chdir(dir)
	for name, src := range files {
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

func TestLintClean(t *testing.T) {
	e := lintEnv(t, map[string]string{"knee.yaml": lintChecklist})
	if code := e.run("lint", "knee.yaml"); code != exitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, e.out.String(), e.err.String())
	}
	if e.out.Len() != 0 || e.err.Len() != 0 {
		t.Errorf("a clean handout prints nothing; stdout:\n%s\nstderr:\n%s", e.out.String(), e.err.String())
	}
}

func TestLintFindings(t *testing.T) {
	src := strings.Replace(lintChecklist, "disclaimer: This page supports, and does not replace, advice from your doctor.",
		"disclaimer: Read this page with care.", 1)
	src = strings.Replace(src, "title: Knee Pain Visit Checklist", "title: KNEE PAIN VISIT CHECKLIST", 1)
	e := lintEnv(t, map[string]string{"knee.yaml": src})
	if code := e.run("lint", "knee.yaml"); code != exitFailed {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitFailed, e.out.String(), e.err.String())
	}
	want := []string{
		`knee.yaml:4:8: warning all-caps: title has 4 words in capitals in a row: "KNEE PAIN VISIT CHECKLIST" (write it in sentence case; capitals are slower to read, and bold gives emphasis)`,
		`knee.yaml:24:13: error disclaimer: the disclaimer does not say that the handout does not replace a clinician's advice (for example: "It supports, and does not replace, advice from your doctor or other clinician.")`,
	}
	if got := lines(e.out.String()); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stdout:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := strings.TrimSpace(e.err.String()); got != "lint: 1 error and 1 warning in 1 file" {
		t.Errorf("stderr = %q", got)
	}
}

func TestLintWarningsOnlyExitZero(t *testing.T) {
	src := strings.Replace(lintChecklist, "title: Knee Pain Visit Checklist", "title: KNEE PAIN VISIT CHECKLIST", 1)
	e := lintEnv(t, map[string]string{"knee.yaml": src})
	if code := e.run("lint", "knee.yaml"); code != exitOK {
		t.Fatalf("exit %d, want 0 for warnings only\n%s%s", code, e.out.String(), e.err.String())
	}
	if got := strings.TrimSpace(e.err.String()); got != "lint: 1 warning in 1 file" {
		t.Errorf("stderr = %q", got)
	}
}

// The reviewed date is judged against SOURCE_DATE_EPOCH.
func TestLintSourceDateEpoch(t *testing.T) {
	e := lintEnv(t, map[string]string{"knee.yaml": lintChecklist})
	e.vars["SOURCE_DATE_EPOCH"] = "1777593600" // 2026-05-01: the reviewed day itself
	if code := e.run("lint", "knee.yaml"); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, e.out.String(), e.err.String())
	}
	e.vars["SOURCE_DATE_EPOCH"] = "1777507200" // 2026-04-30: the day before
	if code := e.run("lint", "knee.yaml"); code != exitFailed || !strings.Contains(e.out.String(), "error reviewed-future:") {
		t.Errorf("exit %d\n%s", code, e.out.String())
	}
	e.vars["SOURCE_DATE_EPOCH"] = "1843603200" // 2028-06-04
	if code := e.run("lint", "knee.yaml"); code != exitFailed || !strings.Contains(e.out.String(), "error reviewed-stale: the content was last reviewed on 2026-05-01, 25 months ago") {
		t.Errorf("exit %d\n%s", code, e.out.String())
	}
	e.vars["SOURCE_DATE_EPOCH"] = "soon"
	if code := e.run("lint", "knee.yaml"); code != exitUsage {
		t.Errorf("a bad SOURCE_DATE_EPOCH: exit %d, want %d", code, exitUsage)
	}
}

func TestLintJSON(t *testing.T) {
	src := strings.Replace(lintChecklist, "disclaimer: This page supports, and does not replace, advice from your doctor.",
		"disclaimer: Read this page with care.", 1)
	src += "lint:\n  all-caps:\n    off: true\n    reason: The clinic writes its name in capitals.\n"
	e := lintEnv(t, map[string]string{"knee.yaml": src})
	if code := e.run("lint", "--json", "knee.yaml"); code != exitFailed {
		t.Fatalf("exit %d\n%s%s", code, e.out.String(), e.err.String())
	}
	var got []map[string]any
	if err := json.Unmarshal(e.out.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, e.out.String())
	}
	if len(got) != 2 {
		t.Fatalf("got %d findings, want 2: %s", len(got), e.out.String())
	}
	want := map[string]any{"file": "knee.yaml", "line": 24.0, "col": 13.0, "severity": "error", "rule": "disclaimer",
		"field": "disclaimer"}
	for k, v := range want {
		if got[0][k] != v {
			t.Errorf("finding[0][%q] = %v, want %v", k, got[0][k], v)
		}
	}
	for _, k := range []string{"message", "hint"} {
		if s, _ := got[0][k].(string); s == "" {
			t.Errorf("finding[0] has no %s", k)
		}
	}
	if got[1]["severity"] != "note" || got[1]["rule"] != "all-caps" || got[1]["line"] != 26.0 {
		t.Errorf("finding[1] = %v, want the all-caps note", got[1])
	}

	// An empty result is an empty array, not null.
	e = lintEnv(t, map[string]string{"knee.yaml": lintChecklist})
	if code := e.run("lint", "--json", "knee.yaml"); code != exitOK || strings.TrimSpace(e.out.String()) != "[]" {
		t.Errorf("exit %d, stdout %q", code, e.out.String())
	}
}

// Measured values come along in JSON.
func TestLintJSONMeasured(t *testing.T) {
	src := strings.Replace(lintChecklist, "reviewed: 2026-05-01", "reviewed: 2020-01-01", 1)
	e := lintEnv(t, map[string]string{"knee.yaml": src})
	e.run("lint", "--json", "knee.yaml")
	var got []struct {
		Rule     string
		Measured map[string]float64
	}
	if err := json.Unmarshal(e.out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Rule != "reviewed-stale" || got[0].Measured["months"] != 82 {
		t.Errorf("got %+v", got)
	}
}

func TestLintRules(t *testing.T) {
	e := newTestEnv(t)
	if code := e.run("lint", "--rules"); code != exitOK {
		t.Fatalf("exit %d: %s", code, e.err.String())
	}
	out := e.out.String()
	for _, r := range lint.Rules() {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(r.ID) + ` +` + r.Severity.String() + ` +` + regexp.QuoteMeta(r.ThresholdText()) + ` `).MatchString(out) {
			t.Errorf("--rules does not list %s, %s, %s:\n%s", r.ID, r.Severity, r.ThresholdText(), out)
		}
	}
	if !strings.Contains(out, "Justified text") || !strings.Contains(out, "WCAG 2 1.4.3") {
		t.Errorf("--rules says nothing of justified text or the sources:\n%s", out)
	}

	if code := e.run("lint", "--rules", "--json"); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var rules []map[string]any
	if err := json.Unmarshal(e.out.Bytes(), &rules); err != nil || len(rules) != len(lint.Rules()) {
		t.Fatalf("--rules --json: %v, %d rules", err, len(rules))
	}
	if rules[0]["id"] != "reading-level" || rules[0]["threshold"] != 8.0 || rules[0]["unit"] != "grade" {
		t.Errorf("first rule: %v", rules[0])
	}

	if code := e.run("lint", "--rules", "x.yaml"); code != exitUsage {
		t.Errorf("--rules with a PATH: exit %d, want %d", code, exitUsage)
	}
}

func TestLintReadability(t *testing.T) {
	e := lintEnv(t, map[string]string{"knee.yaml": lintChecklist})
	if code := e.run("lint", "--readability", "knee.yaml"); code != exitOK {
		t.Fatalf("exit %d\n%s", code, e.err.String())
	}
	out := e.out.String()
	for _, want := range []string{
		"knee.yaml: readability (FK Flesch-Kincaid grade, SMOG grade, FRE Flesch Reading Ease)",
		"body text (3)", "headings (4)", "warning signs (1)", "actions (1)", "all text", "warnings.items[0].action",
		"* SMOG extrapolated from fewer than 30 sentences; - not scored under 3 sentences.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("--readability lacks %q:\n%s", want, out)
		}
	}
	if code := e.run("lint", "--readability", "--json", "knee.yaml"); code != exitUsage {
		t.Errorf("--readability --json: exit %d, want %d", code, exitUsage)
	}
}

// A handout that cannot be read is reported on stderr, as by validate, and
// fails the run; the others are still linted.
func TestLintUnreadable(t *testing.T) {
	src := strings.Replace(lintChecklist, "disclaimer: This page supports, and does not replace, advice from your doctor.",
		"disclaimer: Read this page with care.", 1)
	e := lintEnv(t, map[string]string{"bad.yaml": "kind: discussion-checklist\ntitel: x\n", "knee.yaml": src})
	if code := e.run("lint", "bad.yaml", "knee.yaml"); code != exitFailed {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(e.err.String(), `bad.yaml:2:1: unknown field "titel" in the handout`) {
		t.Errorf("stderr:\n%s", e.err.String())
	}
	if !strings.Contains(e.out.String(), "knee.yaml:24:13: error disclaimer:") {
		t.Errorf("the readable handout was not linted:\n%s", e.out.String())
	}
	if !strings.HasSuffix(strings.TrimSpace(e.err.String()), "that could not be linted") {
		t.Errorf("summary:\n%s", e.err.String())
	}
}

// A setting that names no rule is an error of the handout.
func TestLintBadSetting(t *testing.T) {
	src := lintChecklist + "lint:\n  line-lenght:\n    threshold: 80\n    reason: Wide pages.\n"
	e := lintEnv(t, map[string]string{"knee.yaml": src})
	if code := e.run("lint", "knee.yaml"); code != exitFailed {
		t.Fatalf("exit %d", code)
	}
	want := `knee.yaml:26:3: error lint-settings: there is no rule "line-lenght" (did you mean "line-length"?)`
	if got := strings.TrimSpace(e.out.String()); got != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", got, want)
	}
}

func TestLintFlags(t *testing.T) {
	e := newTestEnv(t)
	e.vars["SOURCE_DATE_EPOCH"] = "1795564800"
	var got *lintOptions
	cmd := newLintCmd(&e.Env, func(o *lintOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"a.yaml", "dir", "--json", "--assets", "brand"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Paths, ",") != "a.yaml,dir" || !got.JSON || got.AssetsDir != "brand" || got.Rules || got.Readability {
		t.Errorf("options = %+v", got)
	}
	if !got.Now.Equal(epoch) {
		t.Errorf("Now = %v, want %v", got.Now, epoch)
	}
	delete(e.vars, "SOURCE_DATE_EPOCH")
	cmd = newLintCmd(&e.Env, func(o *lintOptions) error { got = o; return nil })
	cmd.SetArgs(nil)
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if time.Since(got.Now) > time.Minute {
		t.Errorf("without SOURCE_DATE_EPOCH, Now = %v, want the current time", got.Now)
	}
}

// The built-in handouts have no lint error. (Their warnings are listed in
// the lint package's own test of the built-in handouts.)
func TestLintBuiltinHandouts(t *testing.T) {
	e := newTestEnv(t)
	e.Layout = nil
	e.Handouts, e.Assets = handouts.FS, assets.FS
	e.vars["SOURCE_DATE_EPOCH"] = "1795564800"
	if code := e.run("lint"); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, e.out.String(), e.err.String())
	}
	if strings.Contains(e.out.String(), ": error ") {
		t.Errorf("errors:\n%s", e.out.String())
	}
}
