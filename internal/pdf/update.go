package pdf

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"unicode/utf16"
)

// The structure tree, the page entries and the catalog entries a tagged PDF
// needs (/StructTreeRoot, /MarkInfo, /ViewerPreferences, /StructParents)
// are objects and keys fpdf has no way to add. They are written as an
// incremental update (ISO 32000-1 section 7.5.6) appended to fpdf's output:
// new objects, replacements for the catalog and the page objects, a
// cross-reference section for them and a trailer pointing back at fpdf's.
//
// Why by hand and not with pdfcpu (api.ReadContext + api.WriteIncrement),
// which can do the same in memory:
//   - fpdf's output layout is fixed and simple: a classic cross-reference
//     table, the page tree in object 1, the catalog named by the trailer's
//     /Root. Reading it takes the trailer, the table and three kinds of
//     object, and writing the update is string building: a few hundred
//     lines, with nothing parsed inside the content or font streams.
//   - Every byte is ours, so the output is reproducible by construction.
//     pdfcpu's incremental writer was byte-stable in a probe, but that rests
//     on its internals (object order, number formatting, what it chooses to
//     rewrite), which may change in any release; its full writer is not
//     reproducible at all (it stamps the time into /ID and the dates).
//   - pdfcpu stays a test-only dependency: the tests parse the result with
//     it (and with qpdf, poppler and pdf.js), independently of this code.
//   - It is cheap: no second parse of the document.
//
// If a future fpdf changes its layout, parseFpdf fails with an error naming
// what it did not find (and Write writes nothing), which the tests catch.
// The outline (bookmarks) is written here too: fpdf's own gives an item
// with children /Count 0, which the PDF format forbids.

// fpdfDoc is what the update needs to know about fpdf's output.
type fpdfDoc struct {
	size    int // the trailer's /Size: the first free object number
	root    int // the catalog
	info    int
	xref    int   // offset of the cross-reference table
	pages   []int // page object numbers, in page order
	offsets []int // object number -> byte offset
}

var (
	reStartxref = regexp.MustCompile(`startxref\s+(\d+)\s+%%?EOF\s*$`)
	reXrefHead  = regexp.MustCompile(`^xref\r?\n0 (\d+)\r?\n`)
	reSize      = regexp.MustCompile(`/Size (\d+)`)
	reRoot      = regexp.MustCompile(`/Root (\d+) 0 R`)
	reInfo      = regexp.MustCompile(`/Info (\d+) 0 R`)
	reKids      = regexp.MustCompile(`/Kids \[((?:\d+ 0 R\s*)*)\]`)
	reRef       = regexp.MustCompile(`(\d+) 0 R`)
	reHeader    = regexp.MustCompile(`^%PDF-1\.[0-7]`)
)

// parseFpdf reads the trailer, the cross-reference table and the page tree
// of a PDF written by fpdf.
func parseFpdf(b []byte) (*fpdfDoc, error) {
	bad := func(what string) error {
		return fmt.Errorf("unexpected PDF layout from fpdf: %s", what)
	}
	if !reHeader.Match(b) {
		return nil, bad("no %PDF-1.x header")
	}
	tail := b[max(0, len(b)-64):]
	m := reStartxref.FindSubmatch(tail)
	if m == nil {
		return nil, bad("no startxref at the end")
	}
	d := &fpdfDoc{}
	d.xref, _ = strconv.Atoi(string(m[1]))
	if d.xref <= 0 || d.xref >= len(b) {
		return nil, bad("startxref points outside the file")
	}
	x := b[d.xref:]
	m = reXrefHead.FindSubmatch(x)
	if m == nil {
		return nil, bad("no cross-reference table where startxref points")
	}
	n, _ := strconv.Atoi(string(m[1]))
	entries := x[len(m[0]):]
	if n < 2 || len(entries) < 20*n {
		return nil, bad("a short cross-reference table")
	}
	d.offsets = make([]int, n)
	for i := 1; i < n; i++ {
		e := entries[20*i : 20*i+20]
		if e[17] != 'n' {
			return nil, bad(fmt.Sprintf("object %d is not in use", i))
		}
		d.offsets[i], _ = strconv.Atoi(string(e[:10]))
	}
	trailer := entries[20*n:]
	if !bytes.HasPrefix(trailer, []byte("trailer")) {
		return nil, bad("no trailer after the cross-reference table")
	}
	num := func(re *regexp.Regexp, what string) (int, error) {
		m := re.FindSubmatch(trailer)
		if m == nil {
			return 0, bad("no " + what + " in the trailer")
		}
		v, _ := strconv.Atoi(string(m[1]))
		if v <= 0 || v > n {
			return 0, bad(what + " out of range")
		}
		return v, nil
	}
	var err error
	if d.size, err = num(reSize, "/Size"); err != nil {
		return nil, err
	}
	if d.size != n {
		return nil, bad("/Size differs from the cross-reference table")
	}
	if d.root, err = num(reRoot, "/Root"); err != nil {
		return nil, err
	}
	if d.info, err = num(reInfo, "/Info"); err != nil {
		return nil, err
	}
	cat, err := d.object(b, d.root)
	if err != nil {
		return nil, err
	}
	if !bytes.Contains(cat, []byte("/Type /Catalog")) || !bytes.Contains(cat, []byte("/Pages 1 0 R")) {
		return nil, bad("the catalog is not where /Root points, or its pages are not object 1")
	}
	pages, err := d.object(b, 1)
	if err != nil {
		return nil, err
	}
	m = reKids.FindSubmatch(pages)
	if m == nil || !bytes.Contains(pages, []byte("/Type /Pages")) {
		return nil, bad("object 1 is not the page tree")
	}
	for _, r := range reRef.FindAllSubmatch(m[1], -1) {
		p, _ := strconv.Atoi(string(r[1]))
		if p <= 0 || p >= n {
			return nil, bad("a page outside the cross-reference table")
		}
		d.pages = append(d.pages, p)
	}
	return d, nil
}

// object returns the dictionary of object i: the text between "i 0 obj" and
// "endobj", trimmed. It must be a dictionary without a stream.
func (d *fpdfDoc) object(b []byte, i int) ([]byte, error) {
	if i <= 0 || i >= len(d.offsets) {
		return nil, fmt.Errorf("unexpected PDF layout from fpdf: no object %d", i)
	}
	head := []byte(strconv.Itoa(i) + " 0 obj")
	body := b[d.offsets[i]:]
	if !bytes.HasPrefix(body, head) {
		return nil, fmt.Errorf("unexpected PDF layout from fpdf: object %d is not at its offset", i)
	}
	body = body[len(head):]
	end := bytes.Index(body, []byte("endobj"))
	if end < 0 {
		return nil, fmt.Errorf("unexpected PDF layout from fpdf: object %d has no end", i)
	}
	body = bytes.TrimSpace(body[:end])
	if !bytes.HasPrefix(body, []byte("<<")) || !bytes.HasSuffix(body, []byte(">>")) || bytes.Contains(body, []byte("stream")) {
		return nil, fmt.Errorf("unexpected PDF layout from fpdf: object %d is not a plain dictionary", i)
	}
	return body, nil
}

// extend returns dict (a "<<...>>" dictionary) with entries added at its end.
func extend(dict []byte, entries string) []byte {
	out := make([]byte, 0, len(dict)+len(entries)+2)
	out = append(out, dict[:len(dict)-2]...)
	out = append(out, '\n')
	out = append(out, entries...)
	return append(out, "\n>>"...)
}

// appendStructure appends the incremental update that makes b, fpdf's
// output for a document, a tagged PDF with the structure tree t. It also
// raises the header's version to 1.7 (the same length, so no offset moves):
// PDF/UA-1 is defined on PDF 1.7, and the keys added here need 1.4 and 1.5.
func appendStructure(b []byte, t *tree) ([]byte, error) {
	d, err := parseFpdf(b)
	if err != nil {
		return nil, err
	}
	if len(d.pages) != len(t.pages) {
		return nil, fmt.Errorf("fpdf wrote %d pages, the layout has %d", len(d.pages), len(t.pages))
	}
	id := sha256.Sum256(b) // a file identifier that depends only on the content

	// Object numbers of the new objects: the structure tree root, the
	// parent tree, one array of parents per page, then the elements that
	// are not empty.
	next := d.size
	rootObj, parentTreeObj := next, next+1
	next += 2
	pageArr := make([]int, len(t.pages))
	for i := range pageArr {
		pageArr[i] = next
		next++
	}
	obj := make([]int, len(t.nodes))
	for i := range t.nodes {
		if i == 0 || !t.empty(i) {
			obj[i] = next
			next++
		}
	}
	outlineObj := 0
	if len(t.outline) > 0 {
		outlineObj = next
		next += 1 + len(t.outline) // the root, then one object per entry
	}

	// Room for what is added, so that the PDF is not copied again as the
	// buffer grows: the built-in handouts add 80 to 120 bytes an element,
	// with their pages, outline and cross-reference section.
	out := bytes.NewBuffer(make([]byte, 0, len(b)+160*len(t.nodes)+8192))
	out.Write(b)
	copy(out.Bytes()[5:8], "1.7")
	if !bytes.HasSuffix(b, []byte("\n")) {
		out.WriteByte('\n')
	}
	offsets := map[int]int{}
	var num [32]byte // scratch for numbers
	put := func(n int, body []byte) {
		offsets[n] = out.Len()
		out.Write(append(strconv.AppendInt(num[:0], int64(n), 10), " 0 obj\n"...))
		out.Write(body)
		out.WriteString("\nendobj\n")
	}

	// The catalog and the pages, replaced.
	cat, err := d.object(b, d.root)
	if err != nil {
		return nil, err
	}
	for _, key := range []string{"/MarkInfo", "/StructTreeRoot", "/ViewerPreferences", "/Outlines", "/PageMode"} {
		if bytes.Contains(cat, []byte(key)) {
			return nil, fmt.Errorf("unexpected PDF layout from fpdf: the catalog already has %s", key)
		}
	}
	entries := fmt.Sprintf("/MarkInfo <</Marked true>>\n/StructTreeRoot %d 0 R\n/ViewerPreferences <</DisplayDocTitle true>>", rootObj)
	if outlineObj != 0 {
		entries += fmt.Sprintf("\n/Outlines %d 0 R\n/PageMode /UseOutlines", outlineObj)
	}
	put(d.root, extend(cat, entries))
	for i, p := range d.pages {
		pg, err := d.object(b, p)
		if err != nil {
			return nil, err
		}
		if bytes.Contains(pg, []byte("/StructParents")) || !bytes.Contains(pg, []byte("/Type /Page")) {
			return nil, fmt.Errorf("unexpected PDF layout from fpdf: object %d is not a plain page", p)
		}
		// /Tabs /S: tab through annotations, if a page ever has any, in
		// structure order, as PDF/UA-1 requires.
		put(p, extend(pg, fmt.Sprintf("/StructParents %d\n/Tabs /S", i)))
	}

	// The structure tree root and the parent tree: for each page (keyed by
	// its /StructParents), the array of elements indexed by MCID.
	var s []byte
	s = fmt.Appendf(s[:0], "<</Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d>>", obj[0], parentTreeObj, len(t.pages))
	put(rootObj, s)
	s = append(s[:0], "<</Nums ["...)
	for i := range t.pages {
		s = append(appendRef(append(strconv.AppendInt(s, int64(i), 10), ' '), pageArr[i]), ' ')
	}
	s = append(s[:len(s)-1], "]>>"...)
	if len(t.pages) == 0 {
		s = append(s[:0], "<</Nums []>>"...)
	}
	put(parentTreeObj, s)
	for i, owners := range t.pages {
		s = append(s[:0], '[')
		for j, n := range owners {
			if obj[n] == 0 {
				return nil, errors.New("internal error: marked content owned by an empty element")
			}
			if j > 0 {
				s = append(s, ' ')
			}
			s = appendRef(s, obj[n])
		}
		put(pageArr[i], append(s, ']'))
	}

	// The elements.
	for i := range t.nodes {
		if obj[i] == 0 {
			continue
		}
		n := &t.nodes[i]
		s = append(append(s[:0], "<</Type /StructElem /S /"...), n.typ...)
		if n.parent < 0 {
			s = appendRef(append(s, " /P "...), rootObj)
		} else {
			s = appendRef(append(s, " /P "...), obj[n.parent])
		}
		pg := -1
		if len(n.content) > 0 {
			pg = n.content[0].page
			s = appendRef(append(s, " /Pg "...), d.pages[pg])
		}
		s = append(s, " /K ["...)
		first := true
		sep := func() {
			if !first {
				s = append(s, ' ')
			}
			first = false
		}
		for _, c := range n.content {
			sep()
			if c.page == pg {
				s = strconv.AppendInt(s, int64(c.mcid), 10)
			} else {
				s = appendRef(append(s, "<</Type /MCR /Pg "...), d.pages[c.page])
				s = append(strconv.AppendInt(append(s, " /MCID "...), int64(c.mcid), 10), ">>"...)
			}
		}
		for _, c := range n.children {
			if obj[c] != 0 {
				sep()
				s = appendRef(s, obj[c])
			}
		}
		s = append(s, ']')
		if n.alt != "" {
			s = append(s, " /Alt "...)
			s = appendTextString(s, n.alt)
		}
		if n.actual != "" {
			s = append(s, " /ActualText "...)
			s = appendTextString(s, n.actual)
		}
		if n.lang != "" && validLang(n.lang) {
			s = fmt.Appendf(s, " /Lang (%s)", n.lang)
		}
		if len(n.bbox) == 4 {
			s = append(s, " /A <</O /Layout /BBox ["...)
			for k, v := range n.bbox {
				if k > 0 {
					s = append(s, ' ')
				}
				s = appendFixed2(s, v)
			}
			s = append(s, "]>>"...)
		}
		put(obj[i], append(s, ">>"...))
	}

	if outlineObj != 0 {
		writeOutline(t.outline, outlineObj, d.pages, put)
	}

	// The cross-reference section, in subsections of consecutive numbers,
	// and the trailer.
	nums := make([]int, 0, len(offsets))
	for n := range offsets {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	xref := out.Len()
	out.WriteString("xref\n")
	for i := 0; i < len(nums); {
		j := i + 1
		for j < len(nums) && nums[j] == nums[j-1]+1 {
			j++
		}
		line := strconv.AppendInt(append(strconv.AppendInt(num[:0], int64(nums[i]), 10), ' '), int64(j-i), 10)
		out.Write(append(line, '\n'))
		for _, n := range nums[i:j] {
			// An entry is 20 bytes: a 10-digit offset, zero-padded.
			line = strconv.AppendInt(num[:0], int64(offsets[n]), 10)
			for range 10 - len(line) {
				out.WriteByte('0')
			}
			out.Write(append(line, " 00000 n \n"...))
		}
		i = j
	}
	fmt.Fprintf(out, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /Prev %d /ID [<%x> <%x>]>>\nstartxref\n%d\n%%%%EOF\n",
		next, d.root, d.info, d.xref, id[:16], id[:16], xref)
	return out.Bytes(), nil
}

// appendTextString appends s as a PDF text string: a literal string when s
// is printable ASCII (which PDFDocEncoding shares), else UTF-16BE with a
// byte order mark, in hexadecimal, so no character needs escaping.
func appendTextString(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			ascii = false
			break
		}
	}
	if ascii {
		b = append(b, '(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '(' || c == ')' || c == '\\' {
				b = append(b, '\\')
			}
			b = append(b, s[i])
		}
		return append(b, ')')
	}
	b = append(b, "<FEFF"...)
	const hex = "0123456789ABCDEF"
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, hex[u>>12], hex[u>>8&15], hex[u>>4&15], hex[u&15])
	}
	return append(b, '>')
}

// writeOutline writes the document outline (bookmarks): the root as object
// first, entry i as object first+1+i. An entry's parent is the nearest
// entry before it with a lower heading level, so the title holds the
// sections and a section its subheadings; every entry is open.
func writeOutline(entries []outlineEntry, first int, pages []int, put func(int, []byte)) {
	n := len(entries)
	parent := make([]int, n) // -1: the root
	var kids = make([][]int, n+1)
	var stack []int
	for i, e := range entries {
		for len(stack) > 0 && entries[stack[len(stack)-1]].level >= e.level {
			stack = stack[:len(stack)-1]
		}
		parent[i] = -1
		if len(stack) > 0 {
			parent[i] = stack[len(stack)-1]
		}
		kids[parent[i]+1] = append(kids[parent[i]+1], i)
		stack = append(stack, i)
	}
	// descendants counts the entries below each one: all are open, so that
	// is the /Count a viewer shows.
	desc := make([]int, n)
	for i := n - 1; i >= 0; i-- {
		if p := parent[i]; p >= 0 {
			desc[p] += 1 + desc[i]
		}
	}
	ref := func(i int) int { return first + 1 + i }
	top := kids[0]
	put(first, fmt.Appendf(nil, "<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>", ref(top[0]), ref(top[len(top)-1]), n))
	for i, e := range entries {
		s := append([]byte(nil), "<</Title "...)
		s = appendTextString(s, e.title)
		p := first
		if parent[i] >= 0 {
			p = ref(parent[i])
		}
		s = appendRef(append(s, " /Parent "...), p)
		sib := kids[parent[i]+1]
		k := slices.Index(sib, i)
		if k > 0 {
			s = appendRef(append(s, " /Prev "...), ref(sib[k-1]))
		}
		if k < len(sib)-1 {
			s = appendRef(append(s, " /Next "...), ref(sib[k+1]))
		}
		if c := kids[i+1]; len(c) > 0 {
			s = fmt.Appendf(s, " /First %d 0 R /Last %d 0 R /Count %d", ref(c[0]), ref(c[len(c)-1]), desc[i])
		}
		s = fmt.Appendf(s, " /Dest [%d 0 R /XYZ null %.2f null]>>", pages[e.page], e.top)
		put(ref(i), s)
	}
}

// appendRef appends a reference to object n: "n 0 R".
func appendRef(b []byte, n int) []byte {
	return append(strconv.AppendInt(b, int64(n), 10), " 0 R"...)
}

// appendFixed2 appends v with two decimals, as fmt's %.2f does.
func appendFixed2(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'f', 2, 64) }
