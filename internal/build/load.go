package build

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"

	"handout/internal/diag"
	"handout/internal/handout"
)

// Load parses every input and checks that no two handouts share an id (their
// output files would overwrite each other). It returns the handouts without
// errors, in input order, and every diagnostic of every input, sorted.
//
// Handouts that share an id are all reported and all left out: which of them
// the output files should hold is the author's decision, not the order of the
// command line's.
func Load(inputs []Input) ([]*handout.Handout, diag.List) {
	return LoadJobs(inputs, 1)
}

// LoadJobs is Load with the inputs parsed by up to jobs goroutines at once;
// the result is the same for any jobs.
func LoadJobs(inputs []Input, jobs int) ([]*handout.Handout, diag.List) {
	hs, diags := parseInputs(inputs, jobs)
	return checkIDs(hs, diags)
}

// parseInputs parses each input; hs[i] is nil when inputs[i] has an error.
func parseInputs(inputs []Input, jobs int) (hs []*handout.Handout, diags diag.List) {
	hs = make([]*handout.Handout, len(inputs))
	lists := make([]diag.List, len(inputs))
	forEach(len(inputs), jobs, func(i int) {
		hs[i], lists[i] = parseInput(&inputs[i])
	})
	for _, l := range lists {
		diags = append(diags, l...)
	}
	return hs, diags
}

// parseInput reads and parses one input.
func parseInput(in *Input) (*handout.Handout, diag.List) {
	data, err := in.read()
	if err != nil {
		return nil, readDiag(in, err)
	}
	return handout.Parse(in.Name, data, handout.Options{Assets: in.Assets})
}

// read returns the input's bytes: Data, or else the content of the file
// Path, read now. A file larger than a handout may be is read only far
// enough for handout.Parse to report it as too large.
func (in *Input) read() ([]byte, error) { return in.readInto(nil) }

// readInto is read, into buf when the bytes fit.
func (in *Input) readInto(buf []byte) ([]byte, error) {
	if in.Data != nil || in.Path == "" {
		return in.Data, nil
	}
	f, err := openRaw(in.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := 0
	if n, err := f.size(); err == nil {
		if n > handout.MaxFileBytes {
			return nil, &tooLargeError{n}
		}
		size = int(n)
	}
	// One more byte than the file has, so that the end is found without
	// growing the buffer.
	if cap(buf) < size+1 {
		buf = make([]byte, 0, size+1)
	}
	buf = buf[:0]
	if size > 0 {
		// The bytes the file had when its size was taken (fewer if it
		// shrank since), with no read to find the end.
		n, err := readFull(f, buf[:size])
		if err != nil {
			return nil, err
		}
		return buf[:n], nil
	}
	for {
		if len(buf) == cap(buf) {
			if len(buf) > handout.MaxFileBytes {
				return buf, nil
			}
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// readDiag reports an input whose file could not be read.
func readDiag(in *Input, err error) diag.List {
	var l diag.List
	if big, ok := errors.AsType[*tooLargeError](err); ok {
		l.Add(tooLarge(in.Name, big.size))
		return l
	}
	l.Add(diag.Pos{File: in.Name}, "read", "", readError(err), "")
	return l
}

// tooLargeError is the error of reading a handout file over
// handout.MaxFileBytes.
type tooLargeError struct{ size int64 }

func (e *tooLargeError) Error() string { msg, _ := handout.FileTooLarge(e.size); return msg }

// tooLarge is the problem of the handout file name of size bytes, over
// handout.MaxFileBytes, as diag.List.Add takes it.
func tooLarge(name string, size int64) (diag.Pos, string, string, string, string) {
	msg, hint := handout.FileTooLarge(size)
	return diag.Pos{File: name}, "too-large", "", msg, hint
}

// checkIDs leaves out the handouts that share an id, and reports them. hs
// may hold nils (handouts that did not parse).
func checkIDs(hs []*handout.Handout, diags diag.List) ([]*handout.Handout, diag.List) {
	var parsed []*handout.Handout
	for _, h := range hs {
		if h != nil {
			parsed = append(parsed, h)
		}
	}
	dups := handout.CheckIDs(parsed)
	diags = append(diags, dups...)
	bad := map[string]bool{}
	for _, d := range dups {
		if d.Severity == diag.Error {
			bad[d.Pos.File] = true
		}
	}
	var ok []*handout.Handout
	for _, h := range parsed {
		if !bad[h.File] {
			ok = append(ok, h)
		}
	}
	diags.Sort()
	return ok, diags
}

// forEach calls f(0) ... f(n-1) from up to jobs goroutines at once, and
// returns when every call has.
func forEach(n, jobs int, f func(int)) {
	if jobs <= 1 || n < 2 {
		for i := range n {
			f(i)
		}
		return
	}
	// Each goroutine takes the next index from a counter: a channel fed
	// by this goroutine was a hand-off between goroutines for every
	// index, which a thousand quick checks felt.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(jobs, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
