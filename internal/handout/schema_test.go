package handout

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"gopkg.in/yaml.v3"

	"handout/fonts"
)

// The schema (handout.schema.json) is checked against the parser, which is
// the authority on what a handout is. Problems are sorted by their
// diagnostic code into three groups:
//
//   - structure: what a JSON Schema says and the schema must reject;
//   - other: what no JSON Schema can see (a logo file, a cited id, a
//     character a font lacks, a date that is not on the calendar...), where
//     the schema must accept the file when it has no structural problem;
//   - unreadable: the file is not one YAML document of a sensible size, so
//     there is nothing to give a JSON Schema validator.
//
// A code in none of the groups fails the test, so that a new kind of
// problem is sorted here before any corpus case can escape the check.
var (
	structuralCodes = map[string]string{
		"unknown-key":   "additionalProperties is false on every mapping, and each kind forbids the other's fields",
		"missing-field": "required, per kind through if/then, and logo.alt unless decorative",
		"wrong-type":    "type",
		"empty":         "required text has a pattern asking for a character that is not a space",
		"bad-value":     "enum (kind, font), pattern (id, language, url, labels.page, lint rule ids), if/then (logo alt), oneOf (lint off or threshold)",
		"too-few":       "minItems",
		"too-many":      "maxItems",
		"too-long":      "maxLength",
		"out-of-range":  "minimum and maximum",
		"bad-date":      "a pattern for YYYY-MM-DD; a date of that shape that is not on the calendar is sorted as other (see isStructural)",
	}
	otherCodes = map[string]string{
		"bad-text":       "characters a font cannot print, control characters, right-to-left text",
		"bad-asset":      "the logo file: where it is, whether it exists and is a usable image",
		"unknown-source": "a cited source id that is not in sources: a reference across the document",
		"duplicate-id":   "two sources with one id",
		"duplicate-key":  "a key set twice: JSON has no duplicate keys to reject",
	}
	unreadableCodes = map[string]string{
		"yaml-syntax":       "not YAML",
		"empty-file":        "no document",
		"several-documents": "more than one document",
		"too-large":         "over the size limits of the file or of its aliases",
		"too-deep":          "nested beyond the parser's safety limit",
	}
)

var datePattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// isStructural reports whether d is a problem the schema must catch. doc is
// the file as JSON, to tell a date of the wrong shape from one that is not
// on the calendar.
func isStructural(t *testing.T, d diagCode, doc any) bool {
	t.Helper()
	if _, ok := structuralCodes[d.code]; ok {
		if d.code == "bad-date" {
			m, _ := doc.(map[string]any)
			s, ok := m[d.field].(string)
			return !ok || !datePattern.MatchString(s)
		}
		return true
	}
	if _, ok := otherCodes[d.code]; ok {
		return false
	}
	t.Fatalf("diagnostic code %q is not sorted: add it to structuralCodes or otherCodes in schema_test.go (%s)", d.code, d.msg)
	return false
}

type diagCode struct{ code, field, msg string }

// parse parses data and returns its error diagnostics.
func parseCodes(name string, data []byte, assets fs.FS) []diagCode {
	_, diags := Parse(name, data, Options{Assets: assets})
	var out []diagCode
	for _, d := range diags {
		if d.Severity == 0 || d.Code != "" {
			out = append(out, diagCode{d.Code, d.Field, d.String()})
		}
	}
	return out
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("handout.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("handout.schema.json")
	if err != nil {
		t.Fatalf("the schema does not compile (the compiler checks it against the draft 2020-12 meta-schema): %v", err)
	}
	return sch
}

// toJSON reads a handout file the way an editor's YAML support does and
// returns it as the JSON values a validator takes: mappings, lists, strings,
// numbers, booleans and null, with dates kept as the text they are written
// as. An alias shares the value it names, so that an alias bomb costs
// nothing to convert (the validator stops at the unknown field that holds it).
func toJSON(data []byte) (any, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, errors.New("no document")
	}
	return nodeJSON(doc.Content[0], map[*yaml.Node]any{})
}

func nodeJSON(n *yaml.Node, done map[*yaml.Node]any) (any, error) {
	if v, ok := done[n]; ok {
		return v, nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		return nodeJSON(n.Alias, done)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := nodeJSON(n.Content[i+1], done)
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		done[n] = m
		return m, nil
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			v, err := nodeJSON(c, done)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		done[n] = l
		return l, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		err := n.Decode(&b)
		return b, err
	case "!!int":
		if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
			return i, nil
		}
		var f float64
		err := n.Decode(&f)
		return f, err
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, err
		}
		if f != f || f > 1e308 || f < -1e308 { // .nan, .inf: no JSON number
			return n.Value, nil
		}
		return f, nil
	}
	return n.Value, nil // text, and dates, which YAML 1.2 reads as text
}

// validHandouts are the files that must parse and validate: the built-in
// handouts, testdata/good, and the starters.
type validHandout struct {
	name   string
	data   []byte
	assets fs.FS
}

func validHandouts(t *testing.T) []validHandout {
	t.Helper()
	var out []validHandout
	for _, dir := range []struct{ glob, assets string }{
		{"../../handouts/*.yaml", "../../assets"},
		{"../../testdata/good/*.yaml", "../../testdata/good/assets"},
	} {
		files, err := filepath.Glob(dir.glob)
		if err != nil || len(files) == 0 {
			t.Fatalf("no handouts match %s (%v)", dir.glob, err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, validHandout{f, data, os.DirFS(dir.assets)})
		}
	}
	for _, k := range Kinds {
		data, err := Starter(k, StarterOptions{ID: "my-" + string(k), Reviewed: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC),
			Schema: SchemaFile, File: "my.yaml"})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, validHandout{"starter " + string(k), data, nil})
	}
	return out
}

func TestSchemaAcceptsValidHandouts(t *testing.T) {
	sch := compileSchema(t)
	for _, h := range validHandouts(t) {
		if ds := parseCodes(h.name, h.data, h.assets); len(ds) > 0 {
			t.Errorf("%s does not parse: %v", h.name, ds)
			continue
		}
		doc, err := toJSON(h.data)
		if err != nil {
			t.Errorf("%s: %v", h.name, err)
			continue
		}
		if err := sch.Validate(doc); err != nil {
			t.Errorf("%s is a valid handout, but the schema rejects it:\n%v", h.name, err)
		}
	}
}

// TestSchemaComment checks that every handout in the repository, and every
// starter, starts with the comment that points editors at the schema, and
// that the path in it leads to the schema.
func TestSchemaComment(t *testing.T) {
	committed, err := os.ReadFile("../../handouts/" + SchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range validHandouts(t) {
		first, _, _ := strings.Cut(string(bytes.TrimPrefix(h.data, []byte("\xEF\xBB\xBF"))), "\n")
		ref, ok := strings.CutPrefix(strings.TrimSuffix(first, "\r"), "# yaml-language-server: $schema=")
		if !ok {
			t.Errorf("%s does not start with \"# yaml-language-server: $schema=...\": %q", h.name, first)
			continue
		}
		if strings.HasPrefix(h.name, "starter ") {
			if ref != SchemaFile {
				t.Errorf("%s: the schema is %q, want the one given, %q", h.name, ref, SchemaFile)
			}
			continue
		}
		got, err := os.ReadFile(filepath.Join(filepath.Dir(h.name), filepath.FromSlash(ref)))
		if err != nil {
			t.Errorf("%s: the schema comment leads nowhere: %v", h.name, err)
		} else if !bytes.Equal(got, committed) {
			t.Errorf("%s: the schema comment leads to another file than handouts/%s", h.name, SchemaFile)
		}
	}
}

// TestSchemaEnums checks the schema's fixed sets against the parser's.
func TestSchemaEnums(t *testing.T) {
	var s struct {
		Properties struct {
			Kind struct{ Enum []string }
			Font struct{ AnyOf []struct{ Enum []string } }
		}
	}
	if err := json.Unmarshal(Schema(), &s); err != nil {
		t.Fatal(err)
	}
	var kinds, families []string
	for _, k := range Kinds {
		kinds = append(kinds, string(k))
	}
	for _, f := range fonts.Families {
		families = append(families, f.Name)
	}
	if !slices.Equal(s.Properties.Kind.Enum, kinds) {
		t.Errorf("the schema's kinds are %q, the parser's %q", s.Properties.Kind.Enum, kinds)
	}
	if len(s.Properties.Font.AnyOf) == 0 || !slices.Equal(s.Properties.Font.AnyOf[0].Enum, families) {
		t.Errorf("the schema's fonts are %v, the parser's %q", s.Properties.Font.AnyOf, families)
	}
}

// TestSchemaAgreesWithCorpus runs the schema over the bad-input corpus in
// testdata/bad: a case the parser rejects for its structure must be
// rejected by the schema too; a case with only other problems must pass it.
// The cases made at test time by the command-line tests (a .want file with
// no .yaml) are made here too, or excused with a reason.
func TestSchemaAgreesWithCorpus(t *testing.T) {
	const dir = "../../testdata/bad"
	sch := compileSchema(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	type file struct{ name, path string }
	var files []file
	wants := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir() && name != "assets":
			sub, _ := filepath.Glob(filepath.Join(dir, name, "*.yaml"))
			for _, s := range sub {
				files = append(files, file{name + "/" + filepath.Base(s), s})
			}
			delete(wants, name)
			wants[name] = false
		case strings.HasSuffix(name, ".yaml"):
			files = append(files, file{strings.TrimSuffix(name, ".yaml"), filepath.Join(dir, name)})
			wants[strings.TrimSuffix(name, ".yaml")] = false
		}
	}
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".want"); ok {
			if _, has := wants[name]; !has {
				wants[name] = true // made at test time
			}
		}
	}
	generated := generatedCorpus()
	for name, made := range wants {
		if !made {
			continue
		}
		g, ok := generated[name]
		if !ok {
			t.Errorf("testdata/bad/%s.want is a case made at test time: make it in generatedCorpus in schema_test.go too", name)
			continue
		}
		if g == nil {
			continue // excused there, with its reason
		}
		p := filepath.Join(t.TempDir(), name+".yaml")
		if err := os.WriteFile(p, g(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, file{name, p})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })

	assets := os.DirFS(filepath.Join(dir, "assets"))
	counts := map[string]int{}
	for _, f := range files {
		data, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		ds := parseCodes(f.name, data, assets)
		unreadable := ""
		for _, d := range ds {
			if r, ok := unreadableCodes[d.code]; ok {
				unreadable = r
			}
			if d.code == "bad-text" && d.field == "" {
				unreadable = "a character YAML does not allow, or bytes that are not UTF-8"
			}
		}
		if unreadable != "" {
			counts["unreadable"]++
			continue
		}
		doc, err := toJSON(data)
		if err != nil {
			t.Errorf("%s: the parser reads it, but it does not convert to JSON: %v", f.name, err)
			continue
		}
		var structural []string
		for _, d := range ds {
			if isStructural(t, d, doc) {
				structural = append(structural, d.msg)
			}
		}
		verr := sch.Validate(doc)
		switch {
		case len(structural) > 0 && verr == nil:
			t.Errorf("%s: the schema accepts it, but the parser rejects its structure:\n%s", f.name, strings.Join(structural, "\n"))
		case len(structural) == 0 && verr != nil:
			t.Errorf("%s: its only problems are ones a schema cannot see, but the schema rejects it:\n%v", f.name, verr)
		case len(structural) > 0:
			counts["structural"]++
		default:
			counts["other"]++
		}
	}
	t.Logf("corpus files: %d rejected for structure by both, %d with other problems accepted by the schema, %d not readable as one document",
		counts["structural"], counts["other"], counts["unreadable"])
	if counts["structural"] < 25 {
		t.Errorf("only %d structural cases were checked; the corpus has more", counts["structural"])
	}
}

// generatedCorpus makes the corpus cases that the command-line tests make at
// test time (internal/cli/corpus_test.go), or excuses them (nil).
func generatedCorpus() map[string]func() []byte {
	base := func(extra string) []byte {
		return []byte(`kind: discussion-checklist
id: generated
language: en
title: Knee Pain Visit Checklist
reviewed: 2026-05-01
summary: Bring this page to your appointment.
publisher:
  name: Example Clinic
fields: [Name, Date]
warnings:
  heading: "Get care today if you have:"
  items:
    - sign: A knee that is hot, red and swollen.
      action: Call your clinic today.
sections:
  - heading: Questions to ask
    items:
      - What is causing my knee pain?
sources:
  - id: nice
    text: National guidance on knee pain.
disclaimer: This page supports, and does not replace, advice from your clinician.
` + extra)
	}
	return map[string]func() []byte{
		"generated-10000-items": func() []byte {
			var b strings.Builder
			b.WriteString("keywords:\n")
			for i := range 10000 {
				fmt.Fprintf(&b, "  - keyword %d\n", i)
			}
			return base(b.String())
		},
		"generated-10mb-string":         nil, // over the 1 MB size of a file: unreadable
		"generated-100000-nested-lists": nil, // nested beyond yaml.v3's own limit: unreadable
	}
}

// TestSchemaAgreesWithParser changes each valid handout one value at a time
// (removes it, empties it, makes it null, a number, a mapping, a list, or
// text over the length limit; adds an unknown field to a mapping; makes a
// list shorter or longer) and checks that the schema rejects each changed
// file exactly when the parser finds a problem of structure in it.
func TestSchemaAgreesWithParser(t *testing.T) {
	sch := compileSchema(t)
	checked := 0
	for _, h := range validHandouts(t) {
		var doc yaml.Node
		if err := yaml.Unmarshal(bytes.TrimPrefix(h.data, []byte("\xEF\xBB\xBF")), &doc); err != nil {
			t.Fatal(err)
		}
		for _, m := range mutations(doc.Content[0], "") {
			c := copyNode(&doc)
			m.apply(c.Content[0])
			data, err := yaml.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			ds := parseCodes(h.name, data, h.assets)
			j, err := toJSON(data)
			if err != nil {
				t.Fatalf("%s, %s: %v", h.name, m.name, err)
			}
			var structural []string
			for _, d := range ds {
				if _, ok := unreadableCodes[d.code]; ok {
					t.Fatalf("%s, %s: %s", h.name, m.name, d.msg)
				}
				if isStructural(t, d, j) {
					structural = append(structural, d.msg)
				}
			}
			verr := sch.Validate(j)
			switch {
			case len(structural) > 0 && verr == nil:
				t.Errorf("%s, %s: the parser rejects it, the schema accepts it:\n%s", h.name, m.name, strings.Join(structural, "\n"))
			case len(structural) == 0 && verr != nil:
				t.Errorf("%s, %s: the parser accepts its structure, the schema rejects it:\n%v", h.name, m.name, verr)
			}
			checked++
		}
	}
	t.Logf("%d changed handouts checked", checked)
}

type mutation struct {
	name  string
	apply func(root *yaml.Node)
}

// mutations lists the changes to try at n (reached by path) and below it.
// Each change finds its node again in the copy it is applied to, by the
// indexes leading to it.
func mutations(root *yaml.Node, _ string) []mutation {
	var out []mutation
	var walk func(n *yaml.Node, where string, idx []int)
	at := func(root *yaml.Node, idx []int) *yaml.Node {
		for _, i := range idx {
			root = root.Content[i]
		}
		return root
	}
	scalar := func(tag, value string, style yaml.Style) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value, Style: style}
	}
	replacements := []struct {
		name string
		make func() *yaml.Node
	}{
		{"made empty", func() *yaml.Node { return scalar("!!str", "", yaml.DoubleQuotedStyle) }},
		{"made null", func() *yaml.Node { return scalar("!!null", "null", 0) }},
		{"made the number 5", func() *yaml.Node { return scalar("!!int", "5", 0) }},
		{"made 2,001 characters long", func() *yaml.Node { return scalar("!!str", strings.Repeat("a", MaxTextChars+1), 0) }},
		{"made a mapping", func() *yaml.Node {
			return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{scalar("!!str", "zz", 0), scalar("!!str", "x", 0)}}
		}},
		{"made a list", func() *yaml.Node {
			return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{scalar("!!str", "x", 0)}}
		}},
	}
	walk = func(n *yaml.Node, where string, idx []int) {
		idx = slices.Clip(idx)
		// Replace the value itself (not the document).
		if len(idx) > 0 {
			for _, r := range replacements {
				out = append(out, mutation{where + " " + r.name, func(root *yaml.Node) {
					parent := at(root, idx[:len(idx)-1])
					parent.Content[idx[len(idx)-1]] = r.make()
				}})
			}
		}
		switch n.Kind {
		case yaml.MappingNode:
			out = append(out, mutation{where + " given an unknown field", func(root *yaml.Node) {
				m := at(root, idx)
				m.Content = append(m.Content, scalar("!!str", "zzzzzzzzzz", 0), scalar("!!str", "x", 0))
			}})
			for i := 0; i+1 < len(n.Content); i += 2 {
				key := n.Content[i].Value
				out = append(out, mutation{"without " + join(where, key), func(root *yaml.Node) {
					m := at(root, idx)
					m.Content = slices.Delete(slices.Clone(m.Content), i, i+2)
				}})
				walk(n.Content[i+1], join(where, key), append(idx, i+1))
			}
		case yaml.SequenceNode:
			for size := 0; size <= 13; size++ {
				if size == len(n.Content) || len(n.Content) == 0 {
					continue
				}
				out = append(out, mutation{fmt.Sprintf("%s with %d entries", where, size), func(root *yaml.Node) {
					l := at(root, idx)
					var c []*yaml.Node
					for j := range size {
						c = append(c, copyNode(l.Content[min(j, len(l.Content)-1)]))
					}
					l.Content = c
				}})
			}
			for i, c := range n.Content {
				walk(c, index(where, i), append(idx, i))
			}
		}
	}
	walk(root, "", nil)
	return out
}

func copyNode(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		c.Content[i] = copyNode(k)
	}
	return &c
}

var knownFields = regexp.MustCompile(`known fields here: ([a-z_, -]+)\)$`)

// TestSchemaKnowsEveryField asks the parser which fields each mapping of
// each valid handout may have (the hint of an unknown field lists them), and
// checks that the schema allows each of them there, so that a field added
// to the parser but not to the schema fails here even when no handout in
// the repository uses it yet.
func TestSchemaKnowsEveryField(t *testing.T) {
	sch := compileSchema(t)
	checked := 0
	for _, h := range validHandouts(t) {
		var doc yaml.Node
		if err := yaml.Unmarshal(bytes.TrimPrefix(h.data, []byte("\xEF\xBB\xBF")), &doc); err != nil {
			t.Fatal(err)
		}
		var walk func(n *yaml.Node, where string, loc []string, idx []int)
		walk = func(n *yaml.Node, where string, loc []string, idx []int) {
			loc, idx = slices.Clip(loc), slices.Clip(idx)
			at := func(root *yaml.Node) *yaml.Node {
				for _, i := range idx {
					root = root.Content[i]
				}
				return root
			}
			switch n.Kind {
			case yaml.SequenceNode:
				for i, c := range n.Content {
					walk(c, index(where, i), append(loc, strconv.Itoa(i)), append(idx, i))
				}
				return
			case yaml.MappingNode:
			default:
				return
			}
			if where != "lint" { // its keys are rule ids, not fields
				c := copyNode(&doc)
				m := at(c.Content[0])
				m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "zzzzzzzzzz"}, &yaml.Node{Kind: yaml.ScalarNode, Value: "x"})
				data, err := yaml.Marshal(c)
				if err != nil {
					t.Fatal(err)
				}
				var known []string
				for _, d := range parseCodes(h.name, data, h.assets) {
					if m := knownFields.FindStringSubmatch(d.msg); d.code == "unknown-key" && m != nil {
						known = strings.Split(m[1], ", ")
					}
				}
				if known == nil {
					t.Errorf("%s: the parser does not list the fields of %q", h.name, where)
				}
				present := map[string]bool{}
				for i := 0; i+1 < len(n.Content); i += 2 {
					present[n.Content[i].Value] = true
				}
				for _, key := range known {
					if present[key] {
						continue // the valid handout has it, and passes the schema
					}
					j, err := toJSON(h.data)
					if err != nil {
						t.Fatal(err)
					}
					var m any = j
					for _, l := range loc {
						switch v := m.(type) {
						case map[string]any:
							m = v[l]
						case []any:
							i, _ := strconv.Atoi(l)
							m = v[i]
						}
					}
					m.(map[string]any)[key] = nil
					if unknownTo(sch.Validate(j), loc, key) {
						t.Errorf("%s: the parser knows the field %q, the schema does not", h.name, join(where, key))
					}
					checked++
				}
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i].Value
				walk(n.Content[i+1], join(where, k), append(loc, k), append(idx, i+1))
			}
		}
		walk(doc.Content[0], "", nil, nil)
	}
	t.Logf("%d fields absent from a handout checked", checked)
	if checked == 0 {
		t.Error("no field was checked")
	}
}

// unknownTo reports whether err says that key is not allowed in the mapping
// at loc.
func unknownTo(err error, loc []string, key string) bool {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	var find func(e *jsonschema.ValidationError) bool
	find = func(e *jsonschema.ValidationError) bool {
		switch k := e.ErrorKind.(type) {
		case *kind.AdditionalProperties:
			if slices.Equal(e.InstanceLocation, loc) && slices.Contains(k.Properties, key) {
				return true
			}
		case *kind.FalseSchema:
			if slices.Equal(e.InstanceLocation, append(slices.Clone(loc), key)) {
				return true
			}
		}
		for _, c := range e.Causes {
			if find(c) {
				return true
			}
		}
		return false
	}
	return find(ve)
}

// TestSchemaAgreesOnWebAddresses: the schema and the parser take and refuse
// the same web addresses (a space inside, a user name, no host...).
func TestSchemaAgreesOnWebAddresses(t *testing.T) {
	sch := compileSchema(t)
	h := validHandouts(t)[0]
	for _, u := range []string{
		"https://example.org", "http://example.org/a/b?c=d#e", "HTTPS://EXAMPLE.ORG", "https://example.org:8080/x",
		"https://example.org/a b", "https://:@/", "https://user@example.org/", "https://user:pw@example.org",
		"https://", "https:///path", "ftp://example.org", "example.org", "https://:8080/", "https://exa mple.org",
	} {
		data := []byte(strings.Replace(string(h.data), "publisher:\n", "publisher:\n  url: \""+u+"\"\n", 1))
		if bytes.Equal(data, h.data) {
			t.Fatalf("%s has no publisher block", h.name)
		}
		ds := parseCodes(h.name, data, h.assets)
		j, err := toJSON(data)
		if err != nil {
			t.Fatal(err)
		}
		parserOK := true
		for _, d := range ds {
			if isStructural(t, d, j) {
				parserOK = false
			}
		}
		schemaOK := sch.Validate(j) == nil
		if parserOK != schemaOK {
			t.Errorf("url %q: the parser accepts it: %v, the schema: %v", u, parserOK, schemaOK)
		}
	}
}
