package pdf_test

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// This file is a structural checker for tagged PDFs, written over pdfcpu's
// parser so that it reads the file independently of the code that wrote
// it. It makes the checks of shared/tools/check_ua.py (a scripted subset
// of the PDF/UA-1 machine checks, over qpdf's JSON), one for one:
//
//   - catalog: /MarkInfo /Marked true and no /Suspects true; a /Lang;
//     /ViewerPreferences /DisplayDocTitle true; XMP metadata with
//     pdfuaid:part 1 and a non-empty dc:title; a /StructTreeRoot with /K and
//     a /ParentTree (flat /Nums);
//   - the structure tree: standard (or role-mapped) types, no cycles, every
//     Figure with /Alt or /ActualText, the first heading H1 and no skipped
//     heading levels;
//   - each page: /StructParents; /Tabs /S when it has annotations; marked
//     content balanced; no painting operator outside marked content; MCIDs
//     unique; every MCID owned by a structure element and the ParentTree
//     pointing back at that element; every MCID the tree names present;
//   - fonts: embedded, with /ToUnicode (or a standard encoding).
//
// It adds one check of its own: the tag of each marked-content sequence is
// the type of the element that owns it.

// standardTypes are the standard structure types of ISO 32000-1.
var standardTypes = map[string]bool{}

func init() {
	for _, s := range regexp.MustCompile(`\S+`).FindAllString(`Document Part Art Sect Div BlockQuote Caption TOC TOCI
		Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note
		Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form`, -1) {
		standardTypes[s] = true
	}
}

var paintOps = map[string]bool{"Tj": true, "TJ": true, "'": true, `"`: true, "S": true, "s": true, "f": true, "F": true,
	"f*": true, "B": true, "B*": true, "b": true, "b*": true, "sh": true, "Do": true, "EI": true}

// uaReport is what checkUA found.
type uaReport struct {
	ok    []string
	fails []string
	types []string // structure types in tree order, as check_ua.py lists them
}

func (r *uaReport) check(cond bool, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if cond {
		r.ok = append(r.ok, msg)
	} else {
		r.fails = append(r.fails, msg)
	}
}

type pageMC struct{ page, mcid int } // page object number, MCID

// checkUA checks a PDF's tagging; an error means it could not be read.
func checkUA(pdf []byte) (*uaReport, error) {
	conf := model.NewDefaultConfiguration()
	ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
	if err != nil {
		return nil, err
	}
	xt := ctx.XRefTable
	if err := xt.EnsurePageCount(); err != nil {
		return nil, err
	}
	r := &uaReport{}
	dict := func(o types.Object) types.Dict {
		d, err := xt.DereferenceDict(o)
		if err != nil || d == nil {
			return types.Dict{}
		}
		return d
	}
	isTrue := func(d types.Dict, key string) bool {
		o, _ := xt.Dereference(d[key])
		b, ok := o.(types.Boolean)
		return ok && bool(b)
	}
	root, err := xt.Catalog()
	if err != nil {
		return nil, err
	}

	mi := dict(root["MarkInfo"])
	r.check(isTrue(mi, "Marked"), "catalog /MarkInfo /Marked true")
	r.check(!isTrue(mi, "Suspects"), "no /Suspects true")
	lang, _ := xt.DereferenceText(root["Lang"])
	r.check(lang != "", "catalog /Lang present: %q", lang)
	r.check(isTrue(dict(root["ViewerPreferences"]), "DisplayDocTitle"), "/ViewerPreferences /DisplayDocTitle true")
	var xmp []byte
	if sd, _, err := xt.DereferenceStreamDict(root["Metadata"]); err == nil && sd != nil {
		if err := sd.Decode(); err == nil {
			xmp = sd.Content
		}
	}
	r.check(regexp.MustCompile(`<pdfuaid:part>\s*1\s*</pdfuaid:part>|pdfuaid:part="1"`).Match(xmp), "XMP pdfuaid:part = 1")
	m := regexp.MustCompile(`(?s)<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>`).FindSubmatch(xmp)
	r.check(m != nil && len(bytes.TrimSpace(m[1])) > 0, "XMP dc:title non-empty")

	str := dict(root["StructTreeRoot"])
	_, hasK := str["K"]
	r.check(hasK, "/StructTreeRoot with /K")
	rolemap := dict(str["RoleMap"])
	pt := dict(str["ParentTree"])
	nums, hasNums := pt["Nums"]
	r.check(hasNums, "ParentTree present (flat /Nums)")
	parentTree := map[int]types.Array{}
	if arr, err := xt.DereferenceArray(nums); err == nil {
		for i := 0; i+1 < len(arr); i += 2 {
			k, ok := arr[i].(types.Integer)
			v, err := xt.DereferenceArray(arr[i+1])
			if ok && err == nil {
				parentTree[int(k)] = v
			}
		}
	}

	// Walk the structure tree: which element owns each (page, MCID).
	owner := map[pageMC]int{}
	var headings []int
	seen := map[int]bool{}
	var walk func(ref types.IndirectRef, pg int)
	walk = func(ref types.IndirectRef, pg int) {
		n := ref.ObjectNumber.Value()
		if seen[n] {
			r.fails = append(r.fails, fmt.Sprintf("structure cycle at %d 0 R", n))
			return
		}
		seen[n] = true
		e := dict(ref)
		s := ""
		if v := e.NameEntry("S"); v != nil {
			s = *v
		}
		std := s
		if !standardTypes[s] {
			if v := rolemap.NameEntry(s); v != nil {
				std = *v
			}
		}
		r.types = append(r.types, s)
		r.check(standardTypes[std], "standard/rolemapped type %s (%d 0 R)", s, n)
		if std == "Figure" {
			alt, _ := xt.DereferenceText(e["Alt"])
			act, _ := xt.DereferenceText(e["ActualText"])
			r.check(alt != "" || act != "", "Figure %d 0 R has /Alt", n)
		}
		if len(std) == 2 && std[0] == 'H' && std[1] >= '1' && std[1] <= '6' {
			headings = append(headings, int(std[1]-'0'))
		}
		if p, ok := e["Pg"].(types.IndirectRef); ok {
			pg = p.ObjectNumber.Value()
		}
		var kids types.Array
		switch k := e["K"].(type) {
		case types.Array:
			kids = k
		case nil:
		default:
			kids = types.Array{k}
		}
		for _, kid := range kids {
			switch k := kid.(type) {
			case types.Integer:
				owner[pageMC{pg, int(k)}] = n
			case types.Dict:
				if t := k.NameEntry("Type"); t != nil && *t == "MCR" {
					kpg := pg
					if p, ok := k["Pg"].(types.IndirectRef); ok {
						kpg = p.ObjectNumber.Value()
					}
					if mc := k.IntEntry("MCID"); mc != nil {
						owner[pageMC{kpg, *mc}] = n
					}
				}
			case types.IndirectRef:
				d := dict(k)
				if t := d.NameEntry("Type"); t != nil && *t == "OBJR" {
					continue
				}
				walk(k, pg)
			}
		}
	}
	var top types.Array
	switch k := str["K"].(type) {
	case types.Array:
		top = k
	case types.IndirectRef:
		top = types.Array{k}
	}
	for _, kid := range top {
		if ref, ok := kid.(types.IndirectRef); ok {
			walk(ref, 0)
		}
	}
	r.check(len(headings) == 0 || headings[0] == 1, "first heading is H1")
	skipped := false
	for i := 1; i < len(headings); i++ {
		if headings[i]-headings[i-1] > 1 {
			skipped = true
		}
	}
	r.check(!skipped, "no skipped heading levels %v", headings)

	// Pages and their content streams.
	fonts := map[int]types.Dict{}
	var fontOrder []int
	for i := 1; i <= xt.PageCount; i++ {
		pd, pref, _, err := xt.PageDict(i, false)
		if err != nil || pref == nil {
			return nil, fmt.Errorf("page %d: %v", i, err)
		}
		pn := pref.ObjectNumber.Value()
		sp := pd.IntEntry("StructParents")
		r.check(sp != nil, "page %d 0 R has /StructParents", pn)
		if annots, _ := xt.DereferenceArray(pd["Annots"]); len(annots) > 0 {
			tabs := pd.NameEntry("Tabs")
			r.check(tabs != nil && *tabs == "S", "page %d 0 R with annotations has /Tabs /S", pn)
		}
		res := dict(pd["Resources"])
		for _, ref := range dict(res["Font"]) {
			if ir, ok := ref.(types.IndirectRef); ok {
				n := ir.ObjectNumber.Value()
				if _, ok := fonts[n]; !ok {
					fonts[n] = dict(ir)
					fontOrder = append(fontOrder, n)
				}
			}
		}
		content, err := xt.PageContent(pd, i)
		if err != nil {
			return nil, fmt.Errorf("page %d content: %v", i, err)
		}
		type open struct {
			tag  string
			mcid int // -1 for none
		}
		var stack []open
		var mcids []int
		tagOf := map[int]string{}
		untagged := 0
		var operands []token
		for _, tk := range tokenize(content) {
			if tk.kind != "op" {
				operands = append(operands, tk)
				continue
			}
			switch {
			case tk.v == "BDC" || tk.v == "BMC":
				o := open{tag: "?", mcid: -1}
				for j, x := range operands {
					if x.kind == "name" && o.tag == "?" {
						o.tag = x.v
					}
					if tk.v == "BDC" && x == (token{"name", "MCID"}) && j+1 < len(operands) {
						o.mcid, _ = strconv.Atoi(operands[j+1].v)
					}
				}
				stack = append(stack, o)
				if o.mcid >= 0 {
					mcids = append(mcids, o.mcid)
					tagOf[o.mcid] = o.tag
				}
			case tk.v == "EMC":
				if len(stack) == 0 {
					r.fails = append(r.fails, fmt.Sprintf("page %d 0 R: EMC without BDC/BMC", pn))
				} else {
					stack = stack[:len(stack)-1]
				}
			case paintOps[tk.v] && len(stack) == 0:
				untagged++
			}
			operands = operands[:0]
		}
		r.check(len(stack) == 0, "page %d 0 R: marked content balanced (%d open)", pn, len(stack))
		r.check(untagged == 0, "page %d 0 R: no untagged content (%d painting ops outside BDC/BMC)", pn, untagged)
		uniq := slices.Clone(mcids)
		slices.Sort(uniq)
		r.check(len(slices.Compact(uniq)) == len(mcids), "page %d 0 R: MCIDs unique %v", pn, mcids)
		var arr types.Array
		if sp != nil {
			arr = parentTree[*sp]
		}
		for _, mc := range mcids {
			own, ok := owner[pageMC{pn, mc}]
			r.check(ok, "page %d 0 R MCID %d referenced from structure tree", pn, mc)
			back := -1
			if mc < len(arr) {
				if ir, ok := arr[mc].(types.IndirectRef); ok {
					back = ir.ObjectNumber.Value()
				}
			}
			r.check(ok && back == own, "page %d 0 R MCID %d: ParentTree -> owning StructElem", pn, mc)
			if ok {
				s := dict(types.IndirectRef{ObjectNumber: types.Integer(own)}).NameEntry("S")
				r.check(s != nil && *s == tagOf[mc], "page %d 0 R MCID %d: tag /%s is its element's type", pn, mc, tagOf[mc])
			}
		}
		for k := range owner {
			if k.page == pn {
				r.check(slices.Contains(mcids, k.mcid), "page %d 0 R: struct MCID %d exists in content", pn, k.mcid)
			}
		}
	}
	for _, n := range fontOrder {
		f := fonts[n]
		holder := f
		if df, _ := xt.DereferenceArray(f["DescendantFonts"]); len(df) > 0 {
			holder = dict(df[0])
		}
		fd := dict(holder["FontDescriptor"])
		base := ""
		if b := f.NameEntry("BaseFont"); b != nil {
			base = *b
		}
		sub := f.NameEntry("Subtype")
		_, f1 := fd["FontFile"]
		_, f2 := fd["FontFile2"]
		_, f3 := fd["FontFile3"]
		r.check(f1 || f2 || f3 || sub != nil && *sub == "Type3", "font %s (%d 0 R) embedded", base, n)
		_, tu := f["ToUnicode"]
		enc := f.NameEntry("Encoding")
		r.check(tu || enc != nil && (*enc == "WinAnsiEncoding" || *enc == "MacRomanEncoding"), "font %s has ToUnicode or standard encoding", base)
	}
	return r, nil
}

// token is a lexical token of a content stream.
type token struct{ kind, v string }

var numberRE = regexp.MustCompile(`^[+-]?[\d.]+$`)

// tokenize splits a content stream into tokens as check_ua.py does: names,
// numbers, operators, delimiters and (opaque) strings.
func tokenize(data []byte) []token {
	var out []token
	isDelim := func(c byte) bool { return bytes.IndexByte([]byte(" \t\r\n\f/[]<>(){}%"), c) >= 0 }
	for i, n := 0, len(data); i < n; {
		c := data[i]
		switch {
		case bytes.IndexByte([]byte(" \t\r\n\f\x00"), c) >= 0:
			i++
		case c == '%':
			for i < n && data[i] != '\r' && data[i] != '\n' {
				i++
			}
		case c == '(':
			depth := 1
			i++
			for i < n && depth > 0 {
				switch data[i] {
				case '\\':
					i++
				case '(':
					depth++
				case ')':
					depth--
				}
				i++
			}
			out = append(out, token{"str", ""})
		case i+1 < n && (string(data[i:i+2]) == "<<" || string(data[i:i+2]) == ">>"):
			out = append(out, token{"delim", string(data[i : i+2])})
			i += 2
		case c == '<':
			j := bytes.IndexByte(data[i:], '>')
			if j < 0 {
				j = n - i - 1
			}
			out = append(out, token{"str", ""})
			i += j + 1
		case bytes.IndexByte([]byte("[]{}"), c) >= 0:
			out = append(out, token{"delim", string(c)})
			i++
		case c == '/':
			j := i + 1
			for j < n && !isDelim(data[j]) {
				j++
			}
			out = append(out, token{"name", string(data[i+1 : j])})
			i = j
		default:
			j := i
			for j < n && !isDelim(data[j]) {
				j++
			}
			if j == i {
				j++ // a stray closing delimiter
			}
			w := string(data[i:j])
			i = j
			if numberRE.MatchString(w) {
				out = append(out, token{"num", w})
			} else {
				out = append(out, token{"op", w})
			}
		}
	}
	return out
}
