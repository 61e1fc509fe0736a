// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"errors"
	"sync"
)

// Handout patch 10: a program that writes many documents gets the buffers
// of a finished document (its pages' content streams and the PDF itself)
// back for the next one, instead of growing new ones from empty every time.

// maxPooledBuffer is the largest buffer kept for reuse: one that grew
// larger for a document with large images is left to the collector.
const maxPooledBuffer = 1 << 20

// bufPool holds the emptied page buffers of released documents, and
// docPool the storage of their PDFs (as *[]byte).
var (
	bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	docPool sync.Pool
)

// newDocBuffer gives f.buffer the storage of a released document's PDF, if
// there is one.
func (f *Fpdf) newDocBuffer() {
	if s, ok := docPool.Get().(*[]byte); ok {
		f.buffer.Buffer = *bytes.NewBuffer((*s)[:0])
	}
}

// pooledBuffer is an empty buffer, reused when one is free.
func pooledBuffer() *bytes.Buffer {
	b := bufPool.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

func releaseBuffer(b *bytes.Buffer) {
	if b != nil && b.Cap() <= maxPooledBuffer {
		b.Reset()
		bufPool.Put(b)
	}
}

// errReleased is the error of a document used after Release.
var errReleased = errors.New("fpdf: the document was released")

// Bytes closes the document if it is open and returns the PDF, which stays
// valid until Release. Unlike Output, it does not copy the PDF.
func (f *Fpdf) Bytes() ([]byte, error) {
	if f.err != nil {
		return nil, f.err
	}
	if f.state < 3 {
		f.Close()
	}
	if f.err != nil {
		return nil, f.err
	}
	return f.buffer.Bytes(), nil
}

// Release hands the document's buffers to the next document made by this
// program. The document, and any slice that Bytes returned, must not be
// used afterwards: every later call reports an error.
func (f *Fpdf) Release() {
	for i, p := range f.pages {
		if i > 0 { // pages[0] is an empty placeholder
			releaseBuffer(p)
		}
		f.pages[i] = nil
	}
	f.pages = nil
	if s := f.buffer.Bytes(); cap(s) > 0 && cap(s) <= maxPooledBuffer {
		s = s[:0]
		docPool.Put(&s)
	}
	f.buffer = fmtBuffer{}
	f.err = errReleased
}
