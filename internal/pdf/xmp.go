package pdf

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"

	"handout/internal/layout"
)

// xmpPacket returns the document's XMP metadata: the title, author,
// subject, keywords, language and dates of the document information
// dictionary, and the PDF/UA identification (part 1). The dates are the
// document's fixed date (XMP wants a time zone: RFC 3339), so the packet is
// the same on every run.
func xmpPacket(m layout.Meta, creator, producer string) []byte {
	var b bytes.Buffer
	date := m.Date.Format(time.RFC3339)
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
  xmlns:xmp="http://ns.adobe.com/xap/1.0/"
  xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
`)
	alt := func(tag, v string) {
		if v == "" {
			return
		}
		b.WriteString("<dc:" + tag + "><rdf:Alt><rdf:li xml:lang=\"x-default\">")
		xmlText(&b, v)
		b.WriteString("</rdf:li></rdf:Alt></dc:" + tag + ">\n")
	}
	alt("title", m.Title)
	if m.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>")
		xmlText(&b, m.Author)
		b.WriteString("</rdf:li></rdf:Seq></dc:creator>\n")
	}
	alt("description", m.Subject)
	if validLang(m.Language) {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>" + m.Language + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	if len(m.Keywords) > 0 {
		b.WriteString("<pdf:Keywords>")
		xmlText(&b, strings.Join(m.Keywords, ", "))
		b.WriteString("</pdf:Keywords>\n")
	}
	simple := func(tag, v string) {
		b.WriteString("<" + tag + ">")
		xmlText(&b, v)
		b.WriteString("</" + tag + ">\n")
	}
	simple("pdf:Producer", producer)
	simple("xmp:CreatorTool", creator)
	simple("xmp:CreateDate", date)
	simple("xmp:ModifyDate", date)
	simple("xmp:MetadataDate", date)
	b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	b.WriteString("<?xpacket end=\"r\"?>")
	return b.Bytes()
}

func xmlText(b *bytes.Buffer, s string) {
	// EscapeText only fails when the writer does; a bytes.Buffer does not.
	_ = xml.EscapeText(b, []byte(s))
}
