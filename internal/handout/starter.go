package handout

import (
	"unicode"

	"embed"
	"fmt"
	"golang.org/x/text/unicode/norm"
	"strings"
	"time"
)

// The starter handouts "handout new" writes, one per kind. They are
// templates: {{schema}}, {{id}}, {{reviewed}} and {{file}} are filled in by
// Starter. Every field has a comment saying what it is for, its limits and
// whether it is required; the text is an example about a made-up product or
// a common complaint, and passes "handout lint" as it is.
//
//go:embed starter/*.yaml.tmpl
var starters embed.FS

// StarterOptions fills in a starter handout.
type StarterOptions struct {
	ID       string    // the handout's id; see IDFromFileName
	Reviewed time.Time // its reviewed date
	Schema   string    // where the schema is, relative to the handout file
	File     string    // the handout file's name, for the commands in its comments
}

// Starter returns a starter handout of the given kind, ready to be edited.
func Starter(kind Kind, opt StarterOptions) ([]byte, error) {
	tmpl, err := starters.ReadFile("starter/" + string(kind) + ".yaml.tmpl")
	if err != nil {
		return nil, fmt.Errorf("no starter for kind %q", kind)
	}
	if !idPattern.MatchString(opt.ID) {
		return nil, fmt.Errorf("%q is not a handout id", opt.ID)
	}
	r := strings.NewReplacer("{{schema}}", opt.Schema, "{{id}}", opt.ID,
		"{{reviewed}}", opt.Reviewed.Format("2006-01-02"), "{{file}}", opt.File)
	return []byte(r.Replace(string(tmpl))), nil
}

// IDFromFileName makes a handout id from a file name: "Knee Visit.yaml"
// gives "knee-visit", "Étude cutanée.yaml" "etude-cutanee" (accents are
// dropped). It returns "" when the name has no letter or digit.
func IDFromFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		if unicode.Is(unicode.Mn, r) {
			continue // an accent, apart from its letter
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	return b.String()
}
