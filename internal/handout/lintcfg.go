package handout

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// LintSetting turns one lint rule off, or changes its threshold, for one
// handout, for a stated reason. It is written in the handout as
//
//	lint:
//	  line-length:
//	    threshold: 75
//	    reason: The source list is set in small print.
//	  all-caps:
//	    off: true
//	    reason: The clinic's name is written in capitals.
//
// The parser checks the shape; package lint checks that the rule exists and
// takes a threshold, and reports every setting it applies.
type LintSetting struct {
	Rule         Text // the rule id, e.g. "line-length"
	Off          bool
	Threshold    float64 // meaningful when HasThreshold
	HasThreshold bool
	Reason       Text // why this handout differs: required
}

// lint reads the optional "lint" mapping of rule settings into h.Lint.
func (p *parser) lint(o *object, h *Handout) {
	v := o.value("lint", false, "")
	if v == nil {
		return
	}
	n := p.resolve(v)
	if n == nil {
		return
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "wrong-type", "lint", "write one rule id a line, each with \"off: true\" or \"threshold: N\" and a reason",
			"lint must be a mapping of rule ids to settings, not %s", kindName(n))
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn := p.resolve(n.Content[i])
		if kn == nil || kn.Kind != yaml.ScalarNode {
			p.errorf(n.Content[i], "wrong-type", "lint", "", "a key in lint must be a rule id")
			continue
		}
		path := join("lint", kn.Value)
		if line, dup := seen[kn.Value]; dup {
			p.errorf(kn, "duplicate-key", path, "remove one of them", "%q is set twice in lint (first at line %d)", kn.Value, line)
			continue
		}
		seen[kn.Value] = kn.Line
		if !idPattern.MatchString(kn.Value) {
			p.errorf(kn, "bad-value", path, "rule ids are lower-case words joined by hyphens; \"handout lint --rules\" lists them",
				"%q is not a rule id", kn.Value)
			continue
		}
		so := p.object(n.Content[i+1], path, path, []string{"off", "threshold", "reason"}, nil)
		if so == nil {
			continue
		}
		s := LintSetting{Rule: Text{Value: kn.Value, Pos: p.pos(kn), Field: path}, Off: so.boolean("off")}
		if tv := so.value("threshold", false, ""); tv != nil {
			tn := p.resolve(tv)
			f, err := strconv.ParseFloat(tn.Value, 64)
			switch {
			case tn.Kind != yaml.ScalarNode || err != nil:
				p.errorf(tn, "wrong-type", join(path, "threshold"), "write a number, such as 7 or 4.5",
					"%s.threshold must be a number, not %s", path, kindName(tn))
			case f <= 0:
				p.errorf(tn, "out-of-range", join(path, "threshold"), "write a number above 0",
					"%s.threshold is %s; it must be above 0", path, tn.Value)
			default:
				s.Threshold, s.HasThreshold = f, true
			}
		}
		s.Reason = so.text("reason", true, "why this handout needs it")
		switch {
		case s.Off && so.has("threshold"):
			p.errorf(kn, "bad-value", path, "remove one of them",
				"%s both turns the rule off and sets its threshold", path)
		case !s.Off && !so.has("threshold"):
			p.errorf(kn, "missing-field", path, "add \"off: true\" or \"threshold: N\"",
				"%s changes nothing", path)
		}
		h.Lint = append(h.Lint, s)
	}
}
