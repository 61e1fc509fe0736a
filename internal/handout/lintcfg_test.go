package handout

import (
	"strings"
	"testing"
)

const lintBase = `kind: discussion-checklist
id: lint-settings
language: en
title: Knee pain visit checklist
reviewed: 2026-05-01
summary: Bring this page to your appointment.
publisher:
  name: Test Clinic
sources:
  - id: guide
    text: National guidance.
disclaimer: This page does not replace advice from your doctor.
fields: [Name]
warnings:
  heading: Get care today if you have
  items:
    - sign: A hot, swollen knee
      action: Call your clinic today.
sections:
  - heading: Before your visit
    items:
      - List your medicines.
`

func TestLintSettings(t *testing.T) {
	h, diags := Parse("h.yaml", []byte(lintBase+`lint:
  line-length:
    threshold: 75.5
    reason: The source list is set in small print.
  all-caps:
    off: true
    reason: The clinic's name is in capitals.
`), Options{})
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if len(h.Lint) != 2 {
		t.Fatalf("Lint = %+v", h.Lint)
	}
	a, b := h.Lint[0], h.Lint[1]
	if a.Rule.Value != "line-length" || a.Rule.Pos.Line != 24 || a.Rule.Pos.Col != 3 || a.Rule.Field != "lint.line-length" ||
		!a.HasThreshold || a.Threshold != 75.5 || a.Off || a.Reason.Value != "The source list is set in small print." {
		t.Errorf("first setting = %+v", a)
	}
	if b.Rule.Value != "all-caps" || !b.Off || b.HasThreshold || b.Reason.Field != "lint.all-caps.reason" {
		t.Errorf("second setting = %+v", b)
	}
	if h, _ := Parse("h.yaml", []byte(lintBase), Options{}); h == nil || h.Lint != nil {
		t.Errorf("without lint: %+v", h)
	}
}

func TestLintSettingsErrors(t *testing.T) {
	for _, tc := range []struct{ lint, want string }{
		{"lint: [line-length]\n", "h.yaml:23:7: lint must be a mapping of rule ids to settings, not a list"},
		{"lint:\n  Line_Length:\n    off: true\n    reason: x\n", `h.yaml:24:3: "Line_Length" is not a rule id`},
		{"lint:\n  line-length:\n    off: true\n", `h.yaml:25:5: missing required field "reason" in lint.line-length`},
		{"lint:\n  line-length:\n    reason: x\n", "h.yaml:24:3: lint.line-length changes nothing"},
		{"lint:\n  line-length:\n    off: true\n    threshold: 80\n    reason: x\n", "h.yaml:24:3: lint.line-length both turns the rule off and sets its threshold"},
		{"lint:\n  line-length:\n    threshold: wide\n    reason: x\n", "h.yaml:25:16: lint.line-length.threshold must be a number, not text"},
		{"lint:\n  line-length:\n    threshold: 0\n    reason: x\n", "h.yaml:25:16: lint.line-length.threshold is 0; it must be above 0"},
		{"lint:\n  line-length:\n    of: true\n    reason: x\n", `h.yaml:25:5: unknown field "of" in lint.line-length`},
		{"lint:\n  all-caps:\n    off: true\n    reason: x\n  all-caps:\n    off: true\n    reason: y\n", `h.yaml:27:3: "all-caps" is set twice in lint (first at line 24)`},
	} {
		_, diags := Parse("h.yaml", []byte(lintBase+tc.lint), Options{})
		var got []string
		for _, d := range diags {
			got = append(got, d.String())
		}
		if !strings.Contains(strings.Join(got, "\n"), tc.want) {
			t.Errorf("lint %q:\ngot  %q\nwant %q", tc.lint, got, tc.want)
		}
	}
}
