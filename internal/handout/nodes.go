package handout

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"handout/internal/diag"
)

// maxNodes bounds how many YAML nodes one handout may visit, aliases
// included, so that an alias bomb is an error rather than a hang.
const maxNodes = 20000

// parser walks yaml.v3 nodes and collects diagnostics.
type parser struct {
	file    string
	diags   diag.List
	visited int
	tooBig  bool
	// brandFile is set while a brand file is read, whose logo is looked
	// up in the brand file's folder rather than in an assets folder.
	brandFile bool
}

func (p *parser) pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: p.file}
	}
	return diag.Pos{File: p.file, Line: n.Line, Col: n.Column}
}

func (p *parser) errorf(n *yaml.Node, code, field, hint, format string, args ...any) {
	p.diags.Add(p.pos(n), code, field, fmt.Sprintf(format, args...), hint)
}

// resolve follows aliases and counts visits.
func (p *parser) resolve(n *yaml.Node) *yaml.Node {
	for depth := 0; n != nil && n.Kind == yaml.AliasNode; depth++ {
		if depth > 100 {
			return nil
		}
		n = n.Alias
	}
	p.visited++
	if p.visited > maxNodes && !p.tooBig {
		p.tooBig = true
		p.errorf(n, "too-large", "", "split the handout or remove repeated aliases",
			"the handout has more than %d values", maxNodes)
	}
	return n
}

// kindName names a node's type the way an author would.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (key: value pairs)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "empty"
		case "!!int":
			return "a number"
		case "!!float":
			return "a decimal number"
		case "!!bool":
			return "true/false"
		}
		return "text"
	}
	return "something else"
}

// object is a YAML mapping being read key by key.
type object struct {
	p    *parser
	node *yaml.Node
	path string
	keys map[string]*yaml.Node // key name -> key node
	vals map[string]*yaml.Node // key name -> value node
}

// join builds a YAML path: join("ladder", "rungs") = "ladder.rungs".
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// object checks that n is a mapping with no duplicate or unknown keys. It
// returns nil (after reporting) when n is not a mapping. The keys that belong
// to other kinds of handout are named in otherKinds so the hint can say so.
func (p *parser) object(n *yaml.Node, path, what string, known []string, otherKinds map[string]Kind) *object {
	n = p.resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "wrong-type", path, "write it as key: value lines, indented under "+quote(lastKey(path)),
			"%s must be a mapping of fields, not %s", what, kindName(n))
		return nil
	}
	o := &object{p: p, node: n, path: path, keys: map[string]*yaml.Node{}, vals: map[string]*yaml.Node{}}
	isKnown := map[string]bool{}
	for _, k := range known {
		isKnown[k] = true
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := p.resolve(n.Content[i]), n.Content[i+1]
		if kn == nil || kn.Kind != yaml.ScalarNode {
			p.errorf(n.Content[i], "wrong-type", path, "", "a key in %s must be a plain name", what)
			continue
		}
		k := kn.Value
		if prev, dup := o.keys[k]; dup {
			p.errorf(kn, "duplicate-key", join(path, k), "remove one of them",
				"%q is set twice in %s (first at line %d)", k, what, prev.Line)
			continue
		}
		if !isKnown[k] {
			hint := ""
			if kind, ok := otherKinds[k]; ok {
				hint = fmt.Sprintf("%q belongs to handouts of kind %s", k, kind)
			} else if s := suggest(k, known); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			} else {
				hint = "known fields here: " + strings.Join(sorted(known), ", ")
			}
			p.errorf(kn, "unknown-key", join(path, k), hint, "unknown field %q in %s", k, what)
			continue
		}
		o.keys[k] = kn
		o.vals[k] = vn
	}
	return o
}

func sorted(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

func lastKey(path string) string {
	if i := strings.LastIndexAny(path, ".["); i >= 0 {
		if path[i] == '[' {
			return lastKey(path[:i])
		}
		return path[i+1:]
	}
	return path
}

func quote(s string) string {
	if s == "" {
		return "its key"
	}
	return strconv.Quote(s)
}

// has reports whether key was given.
func (o *object) has(key string) bool {
	_, ok := o.vals[key]
	return ok
}

// value returns the value node for key; when required and missing it reports
// the absence at the mapping's position.
func (o *object) value(key string, required bool, example string) *yaml.Node {
	v, ok := o.vals[key]
	if !ok {
		if required {
			hint := "add a line \"" + key + ": ...\""
			if example != "" {
				hint = "add a line \"" + key + ": " + example + "\""
			}
			what := "the handout"
			if o.path != "" {
				what = o.path
			}
			o.p.errorf(o.node, "missing-field", join(o.path, key), hint,
				"missing required field %q in %s", key, what)
		}
		return nil
	}
	return v
}

// text reads a required or optional text field.
func (o *object) text(key string, required bool, example string) Text {
	v := o.value(key, required, example)
	if v == nil {
		return Text{}
	}
	return o.p.text(v, join(o.path, key), required)
}

// text reads a scalar as text and checks its characters.
func (p *parser) text(n *yaml.Node, path string, required bool) Text {
	n = p.resolve(n)
	if n == nil {
		return Text{}
	}
	if n.Kind != yaml.ScalarNode {
		p.errorf(n, "wrong-type", path, "write the text on the same line after the colon, or as a block with |",
			"%s must be text, not %s", path, kindName(n))
		return Text{}
	}
	if n.Style&yaml.TaggedStyle != 0 && n.Tag != "!!str" {
		// "title: !Important notice" reads as the text "notice" with a tag.
		p.errorf(n, "bad-text", path, "put the whole text in quotes",
			"%s starts with %q, which YAML reads as a type tag and drops", path, n.Tag)
		return Text{}
	}
	t := Text{Value: fold(n.Value), Pos: p.pos(n), Field: path}
	if n.Tag == "!!null" {
		t.Value = ""
	}
	if t.Value == "" {
		if required {
			p.errorf(n, "empty", path, "write the text after the colon", "%s is empty", path)
		}
		return t
	}
	if c := utf8.RuneCountInString(t.Value); c > MaxTextChars {
		p.errorf(n, "too-long", path, "shorten it; a handout is a page or two, so no field needs more",
			"%s is %s characters long; a field may hold at most %s", path, thousands(c), thousands(MaxTextChars))
		return Text{}
	}
	p.checkChars(n, path, n.Value)
	return t
}

// checkChars rejects characters no handout can print.
func (p *parser) checkChars(n *yaml.Node, path, s string) {
	if !utf8.ValidString(s) {
		p.errorf(n, "bad-text", path, "save the file as UTF-8", "%s is not valid UTF-8 text", path)
		return
	}
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
		case unicode.IsControl(r):
			p.errorf(n, "bad-text", path, "remove it; it may have been pasted in by accident",
				"%s contains the invisible control character U+%04X", path, r)
			return
		case r > 0xFFFF:
			p.errorf(n, "bad-text", path, "emoji and other characters above U+FFFF cannot be printed; remove it",
				"%s contains %q (U+%X), which handouts cannot print", path, string(r), r)
			return
		case unicode.Is(unicode.Bidi_Control, r):
			p.errorf(n, "bad-text", path, "remove it; handouts are printed left to right",
				"%s contains the invisible text-direction mark U+%04X", path, r)
			return
		}
		if script := rightToLeft(r); script != "" {
			p.errorf(n, "bad-text", path, "handouts are printed left to right, in Latin, Greek, Cyrillic or Vietnamese letters",
				"%s contains %s text, which is written right to left and cannot be printed yet", path, script)
			return
		}
	}
}

// rtlScripts are the scripts of the Basic Multilingual Plane that are
// written right to left. No font shipped with handout has them, and the
// layout sets every line left to right.
var rtlScripts = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"Arabic", unicode.Arabic}, {"Hebrew", unicode.Hebrew}, {"Syriac", unicode.Syriac},
	{"Thaana", unicode.Thaana}, {"N'Ko", unicode.Nko}, {"Samaritan", unicode.Samaritan},
	{"Mandaic", unicode.Mandaic},
}

// rightToLeft names the right-to-left script r belongs to, or returns "".
func rightToLeft(r rune) string {
	if r < 0x0590 {
		return ""
	}
	for _, s := range rtlScripts {
		if unicode.Is(s.table, r) {
			return s.name
		}
	}
	return ""
}

// fold turns any run of white space into one space and trims the ends.
func fold(s string) string { return strings.Join(strings.Fields(s), " ") }

// list reads a sequence with between min and max entries.
func (o *object) list(key string, required bool, min, max int, noun string) []*yaml.Node {
	v := o.value(key, required, "")
	if v == nil {
		return nil
	}
	return o.p.list(v, join(o.path, key), min, max, noun)
}

func (p *parser) list(n *yaml.Node, path string, min, max int, noun string) []*yaml.Node {
	n = p.resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" && min > 0 {
			p.errorf(n, "empty", path, fmt.Sprintf("add at least %s, each on a line starting with \"- \"", count(min, noun)),
				"%s is empty", path)
			return nil
		}
		p.errorf(n, "wrong-type", path, "write each entry on its own line starting with \"- \"",
			"%s must be a list, not %s", path, kindName(n))
		return nil
	}
	switch {
	case len(n.Content) < min:
		p.errorf(n, "too-few", path, fmt.Sprintf("add at least %s", count(min, noun)),
			"%s has %s; it needs at least %d", path, count(len(n.Content), noun), min)
	case len(n.Content) > max:
		p.errorf(n, "too-many", path, fmt.Sprintf("keep at most %d; a reader takes in a short list better", max),
			"%s has %s %s; at most %d fit this layout", path, thousands(len(n.Content)), noun, max)
		return n.Content[:max]
	}
	return n.Content
}

// count says how many of noun (a plural ending in s) there are: "1 rung",
// "2 rungs".
func count(n int, noun string) string {
	if n == 1 {
		noun = strings.TrimSuffix(noun, "s")
	}
	return fmt.Sprintf("%d %s", n, noun)
}

// texts reads a list of text values.
func (o *object) texts(key string, required bool, min, max int, noun string) []Text {
	var out []Text
	for i, n := range o.list(key, required, min, max, noun) {
		if t := o.p.text(n, index(join(o.path, key), i), true); !t.IsZero() {
			out = append(out, t)
		}
	}
	return out
}

// integer reads a whole number between min and max.
func (o *object) integer(key string, def, min, max int) int {
	v := o.value(key, false, "")
	if v == nil {
		return def
	}
	path := join(o.path, key)
	n := o.p.resolve(v)
	if n == nil {
		return def
	}
	i, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		o.p.errorf(n, "wrong-type", path, fmt.Sprintf("write a whole number from %d to %d", min, max),
			"%s must be a whole number, not %s", path, kindName(n))
		return def
	}
	if i < min || i > max {
		o.p.errorf(n, "out-of-range", path, fmt.Sprintf("use a number from %d to %d", min, max),
			"%s is %d; it must be from %d to %d", path, i, min, max)
		return def
	}
	return i
}

// suggest returns the known name closest to s, if it is close enough to be a
// likely typo.
// Suggest returns the name in known closest to s when s is likely a
// misspelling of it ("titel" for "title"), else "". Other packages use it
// for their own did-you-mean hints.
func Suggest(s string, known []string) string { return suggest(s, known) }

func suggest(s string, known []string) string {
	best, bestD := "", 1<<30
	for _, k := range known {
		d := distance(strings.ToLower(s), k)
		if d < bestD {
			best, bestD = k, d
		}
	}
	limit := 2
	if len(s) <= 4 {
		limit = 1
	}
	if bestD <= limit {
		return best
	}
	return ""
}

// distance is the edit distance between a and b, counting an insertion, a
// deletion, a substitution or a swap of two neighbours ("nmae") as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1) // row i-2, for swaps
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// boolean reads an optional true/false field; absent means false.
func (o *object) boolean(key string) bool {
	v := o.value(key, false, "")
	if v == nil {
		return false
	}
	path := join(o.path, key)
	n := o.p.resolve(v)
	if n == nil {
		return false
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		var b bool
		if err := n.Decode(&b); err == nil {
			return b
		}
	}
	o.p.errorf(n, "wrong-type", path, "write true or false", "%s must be true or false, not %s", path, kindName(n))
	return false
}
