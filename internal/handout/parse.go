package handout

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"handout/fonts"
	"handout/internal/diag"
)

// Limits on input, each reported as an error naming the limit. Lists have
// their own limits, set per field by what fits the layout, and each kind of
// handout has a fixed number of pages. The limits of logo images are in
// image.go.
const (
	MaxFileBytes = 1 << 20 // 1 MiB: a handout is a page or two of text
	MaxTextChars = 2000    // characters in one text field, after folding white space
	MaxDepth     = 20      // lists and mappings inside one another
)

// FileTooLarge is the message and hint for a handout file of size bytes,
// more than MaxFileBytes.
func FileTooLarge(size int64) (msg, hint string) {
	return fmt.Sprintf("the file is %s bytes; a handout file may be at most %s bytes (1 MB)", thousands(int(size)), thousands(MaxFileBytes)),
		"a handout is a page or two of text: check that this is the right file, or split it into several handouts"
}

// Options says where a handout's referenced files live.
type Options struct {
	// Assets is the folder logo paths are resolved in. Nil means the handout
	// may not reference assets.
	Assets fs.FS
}

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	langPattern = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	yamlLine    = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

var commonKeys = []string{"kind", "id", "language", "font", "title", "subtitle", "reviewed", "summary",
	"publisher", "logo", "keywords", "sources", "disclaimer", "labels", "lint"}

var kindKeys = map[Kind][]string{
	KindEvidenceLadder:      {"ladder", "conditions", "questions", "known", "unknown", "takeaway"},
	KindDiscussionChecklist: {"fields", "warnings", "sections", "notes"},
}

// Parse reads one handout. It returns the handout when there is no error, and
// every problem found either way.
func Parse(name string, data []byte, opt Options) (*Handout, diag.List) {
	p := &parser{file: name}
	if len(data) > MaxFileBytes {
		msg, hint := FileTooLarge(int64(len(data)))
		p.diags.Add(diag.Pos{File: name}, "too-large", "", msg, hint)
		return nil, p.diags
	}
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		data = data[3:] // a UTF-8 byte order mark carries no meaning here
	}
	root, ok := p.document(data)
	if !ok {
		return nil, p.diags
	}
	h := p.handout(root, opt)
	p.diags.Sort()
	if p.diags.HasErrors() {
		return nil, p.diags
	}
	return h, p.diags
}

// document decodes exactly one YAML document into a node tree.
func (p *parser) document(data []byte) (*yaml.Node, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.diags.Add(diag.Pos{File: p.file}, "empty-file", "", "the file has no handout in it",
				"start with \"kind: evidence-ladder\" or \"kind: discussion-checklist\"")
			return nil, false
		}
		p.syntaxError(err, data)
		return nil, false
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		p.errorf(&extra, "several-documents", "", "put each handout in a file of its own",
			"the file holds more than one YAML document (a second one starts near here)")
		return nil, false
	} else if !errors.Is(err, io.EOF) {
		p.syntaxError(err, data)
		return nil, false
	}
	if len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" { // nothing, or only "---"
		p.diags.Add(diag.Pos{File: p.file}, "empty-file", "", "the file has no handout in it",
			"start with \"kind: evidence-ladder\" or \"kind: discussion-checklist\"")
		return nil, false
	}
	if !p.checkDepth(doc.Content[0]) {
		return nil, false
	}
	return doc.Content[0], true
}

// checkDepth reports lists and mappings nested more than MaxDepth deep. The
// fields of a handout go five deep at most, so this is a mistake or an
// attack; either way nothing deeper is read. Aliases are not followed: the
// value an alias names is checked where it is written.
func (p *parser) checkDepth(root *yaml.Node) bool {
	type entry struct {
		n     *yaml.Node
		depth int
	}
	stack := []entry{{root, 1}}
	for len(stack) > 0 {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if e.n.Kind != yaml.MappingNode && e.n.Kind != yaml.SequenceNode {
			continue
		}
		if e.depth > MaxDepth {
			p.errorf(e.n, "too-deep", "", "check the indentation; no field of a handout is nested this deep",
				"lists and mappings are nested more than %d levels deep here", MaxDepth)
			return false
		}
		for i := len(e.n.Content) - 1; i >= 0; i-- {
			stack = append(stack, entry{e.n.Content[i], e.depth + 1})
		}
	}
	return true
}

// syntaxError reports a YAML syntax error. yaml.v3 gives syntax errors only as
// text ("yaml: line 3: ..."), so the line is read from that text: there is no
// other source for it; yaml.v3 counts it from 0 for some messages. Column is
// unknown, except for mistakes the file itself can locate: a character YAML
// does not allow, a tab, and text starting with * (read as an alias).
func (p *parser) syntaxError(err error, data []byte) {
	if p.badChar(data) {
		return
	}
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	switch {
	case yamlParserErrors[msg]:
		line++ // yaml.v3 counts the lines of these from 0
	case line == 0 && !strings.HasPrefix(msg, "unknown anchor"):
		line = 1 // yaml.v3 leaves out the line when it is the first
	}
	if line > len(lines) {
		line = len(lines) // "unexpected end of stream" is after the last line
	}
	pos := diag.Pos{File: p.file, Line: line}
	// yaml.v3's words are a parser's; say what is wrong in an author's.
	plain, hint := msg, "check the indentation and that every \"key:\" is followed by a space"
	if w, ok := yamlWords[msg]; ok {
		plain, hint = w.msg, w.hint
	}
	switch msg {
	case "found character that cannot start any token":
		// The character is on the reported line: a tab, or @ ` % starting a value.
		plain, hint = "a text starts with a character that YAML keeps for itself", "text that starts with @, ` or % must be put in quotes"
		if col := tabColumn(lines[line-1], false); col > 0 {
			pos.Col = col
			plain, hint = tabMessage, tabHint
			break
		}
		pos.Col = valueColumn(lines[line-1], "@`%")
	case "did not find expected alphabetic or numeric character":
		// Usually text that starts with * or &, as in "*Important* ...":
		// point at the value that starts with it.
		pos.Col = valueColumn(lines[line-1], "*&")
	case "found a tab character that violates indentation",
		"found a tab character where an indentation space is expected":
		// yaml.v3 reports the line where the value began; the tab may be later.
		plain, hint = tabMessage, tabHint
		for l := line; l <= len(lines); l++ {
			if col := tabColumn(lines[l-1], true); col > 0 {
				pos.Line, pos.Col = l, col
				break
			}
		}
	}
	if strings.HasPrefix(msg, "exceeded max depth") {
		// yaml.v3 stops reading at 10,000 levels, long before a stack can
		// overflow; say so in the words of our own limit.
		p.diags.Add(pos, "too-deep", "", fmt.Sprintf("lists and mappings are nested more than %d levels deep", MaxDepth),
			"check the indentation; no field of a handout is nested this deep")
		return
	}
	if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		// Usually text that starts with *, as in "*Important*": find it.
		hint = "put text that starts with * in quotes"
		ref := "*" + strings.TrimSuffix(name, "' referenced")
		plain = fmt.Sprintf("%s reads as a reference to an &anchor, and the file has no such anchor", ref)
		for i, l := range lines {
			if c := strings.Index(l, ref); c >= 0 {
				pos.Line, pos.Col = i+1, utf8.RuneCountInString(l[:c])+1
				break
			}
		}
	}
	p.diags.Add(pos, "yaml-syntax", "", "this is not valid YAML: "+plain, hint)
}

// valueColumn returns the column of the first value in line (after ": " or
// "- ") that starts with one of the characters in starts, or 0.
func valueColumn(line, starts string) int {
	for i := 0; i+2 < len(line); i++ {
		if (line[i] == ':' || line[i] == '-') && line[i+1] == ' ' && strings.IndexByte(starts, line[i+2]) >= 0 {
			return utf8.RuneCountInString(line[:i+2]) + 1
		}
	}
	return 0
}

const (
	tabMessage = "a tab character is used for indentation"
	tabHint    = "YAML does not allow tab characters for indentation; indent with spaces"
)

// yamlWords turns yaml.v3's syntax messages into words an author can act
// on. A message not listed is shown as yaml.v3 wrote it.
var yamlWords = map[string]struct{ msg, hint string }{
	"did not find expected key": {"this line does not fit the fields around it",
		"check its indentation, and that quotes and brackets are closed; inside '...' write an apostrophe twice ('')"},
	"did not find expected ',' or ']'": {"a list that starts with [ is not closed with ]",
		"end the list with ], and separate its entries with commas"},
	"did not find expected ',' or '}'": {"a mapping that starts with { is not closed with }",
		"end it with }, and separate its fields with commas"},
	"found unexpected end of stream": {"the file ends before a quoted text is closed",
		"check that every \" and ' has its closing partner"},
	"mapping values are not allowed in this context": {"a colon and a space (\": \") appear where no field can start",
		"put text that contains \": \" in quotes, and check the indentation"},
	"could not find expected ':'": {"a line has no colon after its field name",
		"write each field as name: value, with a space after the colon"},
	"did not find expected alphabetic or numeric character": {"a text starts with * or &, which YAML reads as a reference",
		"put text that starts with * or & in quotes"},
	"block sequence entries are not allowed in this context": {"a list entry (\"- \") appears where no list can start",
		"start the list on the line after its field name, indented"},
	"did not find expected '-' indicator": {"a list entry does not line up with the entries before it",
		"start each entry with \"- \" at the same indentation"},
	"did not find expected node content": {"a value is missing where YAML expects one",
		"look for a stray comma, bracket or dash"},
	"found unknown escape character": {"a backslash (\\) inside double quotes starts an unknown escape",
		"write \\\\ for a backslash, or put the text in single quotes"},
	"did not find expected comment or line break": {"there is more text after a value has ended",
		"put the whole text in quotes"},
	"found undefined tag handle": {"a text starts with !, which YAML reads as a type tag",
		"put text that starts with ! in quotes"},
}

// yamlParserErrors are the messages of yaml.v3's parser stage (its scanner
// messages are the others), whose line it prints counted from 0.
var yamlParserErrors = map[string]bool{
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
	"found undefined tag handle":             true,
}

// tabColumn returns the column of the first tab in line, or of the first tab
// in its indentation when indentOnly is set, or 0 when there is none.
func tabColumn(line string, indentOnly bool) int {
	col := 0
	for _, r := range line {
		col++
		switch {
		case r == '\t':
			return col
		case indentOnly && r != ' ':
			return 0
		}
	}
	return 0
}

// badChar reports the first character in data that YAML does not allow, and
// whether there is one. yaml.v3 says only "control characters are not
// allowed" or "invalid leading UTF-8 octet", without saying where.
func (p *parser) badChar(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return false // UTF-16, which yaml.v3 decodes itself
	}
	pos := diag.Pos{File: p.file, Line: 1, Col: 1}
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		switch {
		case r == utf8.RuneError && size == 1:
			p.diags.Add(pos, "bad-text", "", "the file is not valid UTF-8 text", "save the file as UTF-8")
			return true
		case r == '\n':
			pos.Line, pos.Col = pos.Line+1, 0
		case r == '\t' || r == '\r' || r == 0x85:
		case unicode.IsControl(r):
			p.diags.Add(pos, "bad-text", "", fmt.Sprintf("the file contains the invisible control character U+%04X", r),
				"remove it; it may have been pasted in by accident")
			return true
		case r == 0xFFFE || r == 0xFFFF:
			p.diags.Add(pos, "bad-text", "", fmt.Sprintf("the file contains U+%04X, which is not a character", r),
				"remove it")
			return true
		}
		pos.Col++
		data = data[size:]
	}
	return false
}

func (p *parser) handout(root *yaml.Node, opt Options) *Handout {
	root = p.resolve(root)
	if root == nil || root.Kind != yaml.MappingNode {
		p.errorf(root, "wrong-type", "", "start with \"kind: evidence-ladder\"",
			"a handout file must be a mapping of fields, not %s", kindName(root))
		return nil
	}
	// Read the kind first: it decides which other keys are allowed.
	h := &Handout{File: p.file}
	var kindNode *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "kind" {
			kindNode = p.resolve(root.Content[i+1])
			break
		}
	}
	known := append([]string(nil), commonKeys...)
	others := map[string]Kind{}
	if kindNode != nil {
		h.Kind = Kind(kindNode.Value)
		if _, ok := kindKeys[h.Kind]; !ok {
			names := make([]string, len(Kinds))
			for i, k := range Kinds {
				names[i] = string(k)
			}
			hint := "use one of: " + strings.Join(names, ", ")
			switch {
			case kindNode.Kind != yaml.ScalarNode:
				p.errorf(kindNode, "wrong-type", "kind", hint, "kind must be text, not %s", kindName(kindNode))
			case kindNode.Value == "" || kindNode.Tag == "!!null":
				p.errorf(kindNode, "empty", "kind", hint, "kind is empty")
			default:
				if s := suggest(kindNode.Value, names); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				p.errorf(kindNode, "bad-value", "kind", hint, "unknown kind %q", kindNode.Value)
			}
		}
	}
	_, kindOK := kindKeys[h.Kind]
	for k, keys := range kindKeys {
		// With no valid kind, which keys belong is unknown: accept them all
		// rather than report every kind-specific key.
		if k == h.Kind || !kindOK {
			known = append(known, keys...)
			continue
		}
		for _, key := range keys {
			others[key] = k
		}
	}
	o := p.object(root, "", "the handout", known, others)
	if o == nil {
		return nil
	}
	o.value("kind", true, "evidence-ladder")

	h.ID = o.text("id", true, "my-handout")
	if !h.ID.IsZero() && !idPattern.MatchString(h.ID.Value) {
		p.diags.Add(h.ID.Pos, "bad-value", "id", fmt.Sprintf("id %q may use only lower-case letters, digits and single hyphens", h.ID.Value),
			"it names the output files, e.g. \"gut-skin-evidence-ladder\"")
	}
	h.Language = o.text("language", true, "en")
	if !h.Language.IsZero() && !langPattern.MatchString(h.Language.Value) {
		p.diags.Add(h.Language.Pos, "bad-value", "language", fmt.Sprintf("language %q is not a language tag", h.Language.Value),
			"use a BCP 47 tag such as \"en\", \"es\" or \"pt-BR\"")
	}
	h.Font = o.text("font", false, "")
	if !h.Font.IsZero() {
		if _, ok := fonts.Lookup(h.Font.Value); !ok {
			names := make([]string, len(fonts.Families))
			for i, f := range fonts.Families {
				names[i] = f.Name
			}
			hint := "use one of: " + strings.Join(names, ", ")
			if s := suggest(h.Font.Value, names); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			p.diags.Add(h.Font.Pos, "bad-value", "font", fmt.Sprintf("unknown font %q", h.Font.Value), hint)
		}
	}
	h.Title = o.text("title", true, "")
	h.Subtitle = o.text("subtitle", false, "")
	h.Reviewed = p.date(o, "reviewed")
	h.Summary = o.text("summary", true, "")
	h.Disclaimer = o.text("disclaimer", true, "")
	h.Keywords = o.texts("keywords", false, 0, 12, "keywords")
	p.publisher(o, h)
	p.logo(o, h, opt)
	p.sources(o, h)
	p.labels(o, h)
	p.lint(o, h) // lintcfg.go

	switch h.Kind {
	case KindEvidenceLadder:
		h.Ladder = p.ladder(o)
		p.checkRefs(h)
	case KindDiscussionChecklist:
		h.Checklist = p.checklist(o)
	}
	return h
}

func (p *parser) date(o *object, key string) Date {
	v := o.value(key, true, "YYYY-MM-DD, the day you last checked the content")
	if v == nil {
		return Date{}
	}
	n := p.resolve(v)
	d := Date{Pos: p.pos(n), Field: key}
	if n == nil || n.Kind != yaml.ScalarNode {
		p.errorf(n, "wrong-type", key, "write the date as YYYY-MM-DD", "%s must be a date, not %s", key, kindName(n))
		return d
	}
	t, err := time.Parse("2006-01-02", n.Value)
	if err != nil {
		p.errorf(n, "bad-date", key, "write the date as YYYY-MM-DD, for example 2026-05-01",
			"%s %q is not a valid date", key, n.Value)
		return d
	}
	d.Time = t
	return d
}

func (p *parser) publisher(o *object, h *Handout) {
	v := o.value("publisher", true, "")
	if v == nil {
		return
	}
	po := p.object(v, "publisher", "publisher", []string{"name", "url"}, nil)
	if po == nil {
		return
	}
	h.Publisher.Name = po.text("name", true, "")
	h.Publisher.URL = p.url(po, "url")
}

func (p *parser) url(o *object, key string) Text {
	t := o.text(key, false, "")
	if t.IsZero() {
		return t
	}
	// A web address has no spaces (a reader cannot tell where it ends) and
	// no user name or password before its host.
	u, err := url.Parse(t.Value)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Hostname() == "" || u.User != nil ||
		strings.ContainsAny(t.Value, " \t") {
		p.diags.Add(t.Pos, "bad-value", t.Field, fmt.Sprintf("%s %q is not a web address", t.Field, t.Value),
			"write the full address, starting with https://")
	}
	return t
}

func (p *parser) logo(o *object, h *Handout, opt Options) {
	v := o.value("logo", false, "")
	if v == nil {
		return
	}
	lo := p.object(v, "logo", "logo", []string{"file", "alt", "decorative"}, nil)
	if lo == nil {
		return
	}
	l := &Logo{File: lo.text("file", true, "logo.png"), Alt: lo.text("alt", false, ""), Decorative: lo.boolean("decorative")}
	h.Logo = l
	// A logo either says what it shows or is marked as decoration, so that
	// no image reaches a screen-reader user unexplained by accident.
	switch {
	case l.Decorative && !l.Alt.IsZero():
		p.diags.Add(l.Alt.Pos, "bad-value", "logo.alt", "logo has alt text but is marked decorative",
			"remove \"decorative: true\" if the image carries meaning, or remove the alt text")
	case !l.Decorative && l.Alt.IsZero() && !lo.has("alt"):
		p.errorf(lo.node, "missing-field", "logo.alt",
			"add \"alt: ...\" saying what the image shows, or \"decorative: true\" if it carries no meaning",
			"logo needs alternative text")
	}
	if l.File.IsZero() {
		return
	}
	name := l.File.Value
	bad := func(msg, hint string) { p.diags.Add(l.File.Pos, "bad-asset", "logo.file", msg, hint) }
	switch {
	case strings.Contains(name, `\`) && !strings.HasPrefix(name, `\`) && !(len(name) > 1 && name[1] == ':'):
		bad(fmt.Sprintf("logo file %q uses \\ between folder names", name),
			"write / between folder names, e.g. \"logos/clinic.png\"")
		return
	case strings.HasPrefix(name, "/") || strings.Contains(name, `\`) || (len(name) > 1 && name[1] == ':'):
		bad(fmt.Sprintf("logo file %q must be a path inside the assets folder, not an absolute path", name),
			"write it relative to the assets folder, e.g. \"clinic-logo.png\"")
		return
	case !fs.ValidPath(name):
		bad(fmt.Sprintf("logo file %q leaves the assets folder or is not a clean path", name),
			"write it relative to the assets folder, without \"..\"")
		return
	case opt.Assets == nil:
		bad(fmt.Sprintf("logo file %q cannot be found: this handout has no assets folder", name),
			"put the image in an \"assets\" folder next to the handout, or pass --assets DIR")
		return
	}
	l.Data = p.logoImage(opt.Assets, name, bad)
}

func (p *parser) sources(o *object, h *Handout) {
	seen := map[string]Text{}
	for i, n := range o.list("sources", true, 1, 12, "sources") {
		path := index("sources", i)
		so := p.object(n, path, path, []string{"id", "text", "url"}, nil)
		if so == nil {
			continue
		}
		s := Source{ID: so.text("id", true, "wgo-2023"), Text: so.text("text", true, ""), URL: p.url(so, "url")}
		if !s.ID.IsZero() {
			if prev, dup := seen[s.ID.Value]; dup {
				p.diags.Add(s.ID.Pos, "duplicate-id", s.ID.Field,
					fmt.Sprintf("source id %q is used twice (first at line %d)", s.ID.Value, prev.Pos.Line),
					"give each source its own id")
			}
			seen[s.ID.Value] = s.ID
		}
		h.Sources = append(h.Sources, s)
	}
}

// Default labels, in English.
var defaultLabels = map[string]string{
	"reviewed":  "Reviewed",
	"publisher": "Published by",
	"sources":   "Sources",
	"page":      "Page {page} of {pages}",
	"stronger":  "Stronger, more specific evidence",
	"weaker":    "Early, general evidence",
	"clinic":    "Your clinic's name and phone number",
	"checkbox":  "unchecked box",
	"continued": "{heading} (continued)",
	"qr":        "QR code that opens {url}",
}

// CheckboxLabels are the default alternative texts of a checklist's empty
// box by primary language subtag: what a screen reader says for it when the
// handout sets no labels.checkbox.
var CheckboxLabels = map[string]string{
	"en": "unchecked box",
	"es": "casilla sin marcar",
	"pt": "caixa não marcada",
	"fr": "case non cochée",
	"de": "nicht angekreuztes Kästchen",
	"it": "casella non selezionata",
	"nl": "niet aangevinkt vakje",
	"pl": "niezaznaczone pole",
	"cs": "nezaškrtnuté políčko",
	"ro": "casetă nebifată",
	"tr": "işaretlenmemiş kutu",
	"vi": "ô chưa đánh dấu",
}

// EnglishLabel is the English default of labels.<key>, which a handout in
// a language with no default of its own for that label gets.
func EnglishLabel(key string) string { return defaultLabels[key] }

// ClinicLabels are the defaults of labels.clinic, the prompt printed in an
// unbranded clinic band, by primary language subtag, when the handout sets
// no labels.clinic.
var ClinicLabels = map[string]string{
	"en": "Your clinic's name and phone number",
	"es": "Nombre y teléfono de su clínica",
	"pt": "Nome e telefone da sua clínica",
	"fr": "Nom et téléphone de votre cabinet médical",
	"de": "Name und Telefonnummer Ihrer Praxis",
	"it": "Nome e telefono del suo ambulatorio",
	"nl": "Naam en telefoonnummer van uw praktijk",
	"pl": "Nazwa i telefon Twojej przychodni",
	"cs": "Název a telefon vaší ordinace",
	"ro": "Numele și telefonul cabinetului dumneavoastră",
	"tr": "Kliniğinizin adı ve telefonu",
	"vi": "Tên và số điện thoại phòng khám của bạn",
}

// QRLabels are the default alternative texts of a clinic brand's QR code by
// primary language subtag, when the handout sets no labels.qr: {url} stands
// for the address the code opens.
var QRLabels = map[string]string{
	"en": "QR code that opens {url}",
	"es": "código QR que abre {url}",
	"pt": "código QR que abre {url}",
	"fr": "code QR qui ouvre {url}",
	"de": "QR-Code, der {url} öffnet",
	"it": "codice QR che apre {url}",
	"nl": "QR-code die {url} opent",
	"pl": "kod QR, który otwiera {url}",
	"cs": "QR kód, který otevře {url}",
	"ro": "cod QR care deschide {url}",
	"tr": "{url} adresini açan QR kodu",
	"vi": "mã QR mở {url}",
}

// ContinuedLabels are the defaults of labels.continued by primary language
// subtag: a section's heading repeated where the section goes on to a new
// page in large print, when the handout sets no labels.continued. Other
// languages get the English one.
var ContinuedLabels = map[string]string{
	"en": "{heading} (continued)",
	"es": "{heading} (continuación)",
	"pt": "{heading} (continuação)",
	"fr": "{heading} (suite)",
	"de": "{heading} (Fortsetzung)",
	"it": "{heading} (continua)",
	"nl": "{heading} (vervolg)",
	"pl": "{heading} (ciąg dalszy)",
	"cs": "{heading} (pokračování)",
	"ro": "{heading} (continuare)",
	"tr": "{heading} (devamı)",
	"vi": "{heading} (tiếp theo)",
}

func (p *parser) labels(o *object, h *Handout) {
	keys := []string{"reviewed", "publisher", "sources", "page", "stronger", "weaker", "clinic", "checkbox", "continued", "qr"}
	var lo *object
	if v := o.value("labels", false, ""); v != nil {
		lo = p.object(v, "labels", "labels", keys, nil)
	}
	get := func(key string) Text {
		if lo != nil && lo.has(key) {
			return lo.text(key, true, "")
		}
		return Text{Value: defaultLabels[key], Field: "labels." + key, Pos: diag.Pos{File: p.file}}
	}
	h.Labels = Labels{Reviewed: get("reviewed"), Publisher: get("publisher"), Sources: get("sources"),
		Page: get("page"), Stronger: get("stronger"), Weaker: get("weaker"), Clinic: get("clinic"),
		Checkbox: get("checkbox"), Continued: get("continued"), QR: get("qr")}
	primary, _, _ := strings.Cut(strings.ToLower(h.Language.Value), "-")
	// A spoken label the handout does not set comes in its language when
	// there is a default for it, else in English, marked as such.
	spoken := func(key string, t *Text, lang *string, defaults map[string]string) {
		if lo != nil && lo.has(key) {
			return
		}
		if v, ok := defaults[primary]; ok {
			t.Value = v
		} else {
			*lang = "en"
		}
	}
	spoken("checkbox", &h.Labels.Checkbox, &h.Labels.CheckboxLang, CheckboxLabels)
	spoken("qr", &h.Labels.QR, &h.Labels.QRLang, QRLabels)
	if lo == nil || !lo.has("clinic") {
		if c, ok := ClinicLabels[primary]; ok {
			h.Labels.Clinic.Value = c
		}
	}
	if lo == nil || !lo.has("continued") {
		if c, ok := ContinuedLabels[primary]; ok {
			h.Labels.Continued.Value = c
		}
	}
	if pg := h.Labels.Page; !pg.IsZero() && (!strings.Contains(pg.Value, "{page}") || !strings.Contains(pg.Value, "{pages}")) {
		p.diags.Add(pg.Pos, "bad-value", pg.Field, fmt.Sprintf("%s must contain {page} and {pages}", pg.Field),
			"for example \"Página {page} de {pages}\"")
	}
	if q := h.Labels.QR; !q.IsZero() && !strings.Contains(q.Value, "{url}") {
		p.diags.Add(q.Pos, "bad-value", q.Field, fmt.Sprintf("%s must contain {url}", q.Field),
			"for example \"código QR que abre {url}\"")
	}
	if c := h.Labels.Continued; !c.IsZero() && !strings.Contains(c.Value, "{heading}") {
		p.diags.Add(c.Pos, "bad-value", c.Field, fmt.Sprintf("%s must contain {heading}", c.Field),
			"for example \"{heading} (continuación)\"")
	}
}

// section reads {heading, items: [text, ...]}.
func (p *parser) section(o *object, key string, required bool, min, max int) Section {
	v := o.value(key, required, "")
	if v == nil {
		return Section{}
	}
	so := p.object(v, key, key, []string{"heading", "items"}, nil)
	if so == nil {
		return Section{}
	}
	return Section{Heading: so.text("heading", true, ""), Items: so.texts("items", true, min, max, "items")}
}

func (p *parser) ladder(o *object) *Ladder {
	l := &Ladder{}
	if v := o.value("ladder", true, ""); v != nil {
		if lo := p.object(v, "ladder", "ladder", []string{"heading", "caption", "alt", "rungs"}, nil); lo != nil {
			l.Heading = lo.text("heading", true, "")
			l.Caption = lo.text("caption", true, "")
			l.Alt = lo.text("alt", false, "")
			for i, n := range lo.list("rungs", true, 2, 6, "rungs") {
				path := index("ladder.rungs", i)
				ro := p.object(n, path, path, []string{"label", "text", "sources"}, nil)
				if ro == nil {
					continue
				}
				l.Rungs = append(l.Rungs, Rung{Label: ro.text("label", true, ""), Text: ro.text("text", true, ""),
					Sources: ro.texts("sources", false, 0, 6, "source ids")})
			}
		}
	}
	if v := o.value("conditions", true, ""); v != nil {
		if co := p.object(v, "conditions", "conditions", []string{"heading", "items"}, nil); co != nil {
			l.Conditions.Heading = co.text("heading", true, "")
			for i, n := range co.list("items", true, 1, 6, "conditions") {
				path := index("conditions.items", i)
				io := p.object(n, path, path, []string{"name", "standing", "text", "sources"}, nil)
				if io == nil {
					continue
				}
				l.Conditions.Items = append(l.Conditions.Items, Condition{Name: io.text("name", true, ""),
					Standing: io.text("standing", true, ""), Text: io.text("text", true, ""),
					Sources: io.texts("sources", false, 0, 6, "source ids")})
			}
		}
	}
	l.Questions = p.section(o, "questions", true, 1, 6)
	l.Known = p.section(o, "known", true, 1, 5)
	l.Unknown = p.section(o, "unknown", true, 1, 5)
	if v := o.value("takeaway", false, ""); v != nil {
		if to := p.object(v, "takeaway", "takeaway", []string{"heading", "text"}, nil); to != nil {
			l.Takeaway = &Takeaway{Heading: to.text("heading", true, ""), Text: to.text("text", true, "")}
		}
	}
	return l
}

// checkRefs checks that every source id a rung or condition cites exists.
func (p *parser) checkRefs(h *Handout) {
	ids := map[string]bool{}
	var names []string
	for _, s := range h.Sources {
		if !s.ID.IsZero() && !ids[s.ID.Value] {
			ids[s.ID.Value] = true
			names = append(names, s.ID.Value)
		}
	}
	if len(names) == 0 {
		return // the sources are missing or broken, which is reported already
	}
	check := func(refs []Text) {
		for _, r := range refs {
			if ids[r.Value] {
				continue
			}
			hint := "known source ids: " + strings.Join(names, ", ")
			if s := suggest(r.Value, names); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			p.diags.Add(r.Pos, "unknown-source", r.Field, fmt.Sprintf("%s cites source %q, which is not in sources", r.Field, r.Value), hint)
		}
	}
	for _, r := range h.Ladder.Rungs {
		check(r.Sources)
	}
	for _, c := range h.Ladder.Conditions.Items {
		check(c.Sources)
	}
}

func (p *parser) checklist(o *object) *Checklist {
	c := &Checklist{Fields: o.texts("fields", true, 1, 4, "fields")}
	if v := o.value("warnings", true, ""); v != nil {
		if wo := p.object(v, "warnings", "warnings", []string{"heading", "items"}, nil); wo != nil {
			c.Warnings.Heading = wo.text("heading", true, "")
			for i, n := range wo.list("items", true, 1, 7, "warning signs") {
				path := index("warnings.items", i)
				io := p.object(n, path, path, []string{"sign", "action"}, nil)
				if io == nil {
					continue
				}
				c.Warnings.Items = append(c.Warnings.Items, Warning{Sign: io.text("sign", true, ""), Action: io.text("action", true, "")})
			}
		}
	}
	for i, n := range o.list("sections", true, 1, 4, "sections") {
		path := index("sections", i)
		so := p.object(n, path, path, []string{"heading", "items"}, nil)
		if so == nil {
			continue
		}
		s := ChecklistSection{Heading: so.text("heading", true, "")}
		for j, in := range so.list("items", true, 1, 7, "items") {
			ipath := index(join(path, "items"), j)
			// An item is either plain text or {text, answer_lines}.
			if r := p.resolve(in); r != nil && r.Kind == yaml.ScalarNode {
				p.visited-- // resolve is called again by text
				s.Items = append(s.Items, CheckItem{Text: p.text(in, ipath, true)})
				continue
			}
			io := p.object(in, ipath, ipath, []string{"text", "answer_lines"}, nil)
			if io == nil {
				continue
			}
			s.Items = append(s.Items, CheckItem{Text: io.text("text", true, ""), AnswerLines: io.integer("answer_lines", 0, 0, 4)})
		}
		c.Sections = append(c.Sections, s)
	}
	if v := o.value("notes", false, ""); v != nil {
		if no := p.object(v, "notes", "notes", []string{"heading", "lines"}, nil); no != nil {
			c.Notes = &Notes{Heading: no.text("heading", true, ""), Lines: no.integer("lines", 4, 1, 12)}
		}
	}
	return c
}

// CheckIDs reports handouts that share an id: their output files would
// overwrite each other. Every handout involved is reported: a later one
// names where the id was first used, the first one names where it is used
// again, so that neither is built by accident.
func CheckIDs(hs []*Handout) diag.List {
	var l diag.List
	first := map[string]*Handout{}
	reported := map[*Handout]bool{}
	const hint = "give each handout its own id; it names the output files"
	for _, h := range hs {
		prev, ok := first[h.ID.Value]
		if !ok {
			first[h.ID.Value] = h
			continue
		}
		if !reported[prev] {
			reported[prev] = true
			l.Add(prev.ID.Pos, "duplicate-id", "id", fmt.Sprintf("id %q is also used by %s", h.ID.Value, h.ID.Pos), hint)
		}
		l.Add(h.ID.Pos, "duplicate-id", "id", fmt.Sprintf("id %q is already used by %s", h.ID.Value, prev.ID.Pos), hint)
	}
	l.Sort()
	return l
}
