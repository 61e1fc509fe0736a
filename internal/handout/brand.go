package handout

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"handout/internal/diag"
)

// Limits of a brand file, each reported as an error naming the field. What
// fits the clinic band is measured by the layout; these bound what is
// worth measuring.
const (
	MaxBrandBytes = 64 << 10 // 64 KiB: a brand file is a few lines
	MaxBrandName  = 80       // characters in the clinic's name
	MaxBrandLine  = 120      // characters in the address, and in the phone
	MaxBrandURL   = 200      // characters in the website and the QR code's address
)

var brandKeys = []string{"name", "address", "phone", "website", "logo", "qr"}

// BrandOptions says where a brand's files live.
type BrandOptions struct {
	// Folder is where the logo's path is resolved: the folder that holds
	// the brand file. Nil means the brand may not have a logo.
	Folder fs.FS
}

// ParseBrand reads a brand file: the clinic's name and details that fill
// the clinic band of every handout it is applied to. It returns the brand
// when there is no error, and every problem found either way.
func ParseBrand(name string, data []byte, opt BrandOptions) (*Brand, diag.List) {
	p := &parser{file: name, brandFile: true}
	if len(data) > MaxBrandBytes {
		p.diags.Add(diag.Pos{File: name}, "too-large", "",
			fmt.Sprintf("the file is %s bytes; a brand file may be at most %s bytes (64 KB)", thousands(len(data)), thousands(MaxBrandBytes)),
			"a brand file is a few lines: check that this is the right file")
		return nil, p.diags
	}
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		data = data[3:]
	}
	root, ok := p.brandDocument(data)
	if !ok {
		return nil, p.diags
	}
	b := p.brand(root, opt)
	p.diags.Sort()
	if p.diags.HasErrors() {
		return nil, p.diags
	}
	sum := sha256.New()
	fmt.Fprintf(sum, "brand %d\n", len(data))
	sum.Write(data)
	if b.Logo != nil {
		// The logo file's own bytes, as read: the drawn image is its
		// conversion, which an edit may leave the same.
		raw, _ := readLimited(opt.Folder, b.Logo.File.Value, MaxLogoBytes)
		fmt.Fprintf(sum, "\nlogo %q %d\n", b.Logo.File.Value, len(raw))
		sum.Write(raw)
	}
	sum.Sum(b.Sum[:0])
	return b, p.diags
}

// brandDocument is document with the words of a brand file.
func (p *parser) brandDocument(data []byte) (*yaml.Node, bool) {
	root, ok := p.document(data)
	if !ok {
		for i := range p.diags {
			if p.diags[i].Code == "empty-file" {
				p.diags[i].Message = "the file has no brand in it"
				p.diags[i].Hint = "start with \"name: Your Clinic's Name\""
			}
		}
	}
	return root, ok
}

func (p *parser) brand(root *yaml.Node, opt BrandOptions) *Brand {
	b := &Brand{File: p.file}
	r := p.resolve(root)
	if r == nil || r.Kind != yaml.MappingNode {
		p.errorf(r, "wrong-type", "", "start with \"name: Your Clinic's Name\"",
			"a brand file must be a mapping of fields, not %s", kindName(r))
		return nil
	}
	o := p.object(root, "", "the brand", brandKeys, nil)
	if o == nil {
		return nil
	}
	// A missing required field is reported "in the handout" by value; say
	// "in the brand".
	if !o.has("name") {
		p.errorf(o.node, "missing-field", "name", "add a line \"name: Your Clinic's Name\"",
			"missing required field \"name\" in the brand")
	} else {
		b.Name = o.text("name", true, "")
	}
	b.Address = o.text("address", false, "")
	b.Phone = o.text("phone", false, "")
	b.Website = p.url(o, "website")
	p.limit(b.Name, MaxBrandName, "the band holds one line; use the name patients know the clinic by")
	p.limit(b.Address, MaxBrandLine, "the band holds one line for the address")
	p.limit(b.Phone, MaxBrandLine, "write one phone number")
	p.limit(b.Website, MaxBrandURL, "use the clinic's home page")
	if v := o.value("qr", false, ""); v != nil {
		if qo := p.object(v, "qr", "qr", []string{"url"}, nil); qo != nil {
			if !qo.has("url") {
				p.errorf(qo.node, "missing-field", "qr.url", "add a line \"url: https://...\" under qr",
					"missing required field \"url\" in qr")
			} else {
				b.QR = p.url(qo, "url")
				p.limit(b.QR, MaxBrandURL, "link to a short address that leads to the page")
			}
		}
	}
	b.Logo = p.brandLogo(o, opt)
	return b
}

// limit reports a text longer than max characters.
func (p *parser) limit(t Text, max int, hint string) {
	if n := utf8.RuneCountInString(t.Value); n > max {
		p.diags.Add(t.Pos, "too-long", t.Field, fmt.Sprintf("%s is %d characters long; a brand's %s may have at most %d", t.Field, n, t.Field, max), hint)
	}
}

// brandLogo reads the brand's logo: {file, alt} or {file, decorative:
// true}, the file found in the brand file's folder, checked and converted
// as a handout's logo is.
func (p *parser) brandLogo(o *object, opt BrandOptions) *Logo {
	v := o.value("logo", false, "")
	if v == nil {
		return nil
	}
	lo := p.object(v, "logo", "logo", []string{"file", "alt", "decorative"}, nil)
	if lo == nil {
		return nil
	}
	l := &Logo{File: lo.text("file", true, "logo.png"), Alt: lo.text("alt", false, ""), Decorative: lo.boolean("decorative")}
	switch {
	case l.Decorative && !l.Alt.IsZero():
		p.diags.Add(l.Alt.Pos, "bad-value", "logo.alt", "logo has alt text but is marked decorative",
			"remove \"decorative: true\" if the image carries meaning, or remove the alt text")
	case !l.Decorative && l.Alt.IsZero() && !lo.has("alt"):
		p.errorf(lo.node, "missing-field", "logo.alt",
			"add \"alt: ...\" saying what the image shows (usually the clinic's name), or \"decorative: true\" if it only repeats the name printed beside it",
			"logo needs alternative text")
	}
	p.limit(l.Alt, MaxBrandLine, "say in a few words what the logo shows")
	if l.File.IsZero() {
		return l
	}
	name := l.File.Value
	bad := func(msg, hint string) { p.diags.Add(l.File.Pos, "bad-asset", "logo.file", msg, hint) }
	const where = "write it relative to the folder of the brand file, e.g. \"clinic-logo.png\""
	switch {
	case strings.Contains(name, `\`) && !strings.HasPrefix(name, `\`) && !(len(name) > 1 && name[1] == ':'):
		bad(fmt.Sprintf("logo file %q uses \\ between folder names", name),
			"write / between folder names, e.g. \"logos/clinic.png\"")
		return l
	case strings.HasPrefix(name, "/") || strings.Contains(name, `\`) || (len(name) > 1 && name[1] == ':'):
		bad(fmt.Sprintf("logo file %q must be a path inside the brand file's folder, not an absolute path", name), where)
		return l
	case !fs.ValidPath(name):
		bad(fmt.Sprintf("logo file %q leaves the brand file's folder or is not a clean path", name), where+", without \"..\"")
		return l
	case opt.Folder == nil:
		bad(fmt.Sprintf("logo file %q cannot be found: this brand has no folder to look in", name),
			"give the brand as a file, with the logo in its folder")
		return l
	}
	l.Data = p.logoImage(opt.Folder, name, bad)
	return l
}
