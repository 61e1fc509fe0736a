package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"handout/fonts"
	"handout/internal/diag"
	"handout/internal/handout"
	"handout/internal/layout"
)

// OutputName is the file name of a handout's PDF on one paper size:
// "<id>-<paper>.pdf", e.g. "gut-skin-evidence-ladder-letter.pdf".
func OutputName(id string, paper layout.Paper) string {
	return id + "-" + paper.Name + ".pdf"
}

// RenderFunc renders one handout on one paper size: the PDF bytes, its number
// of pages, and the diagnostics (no bytes when there is an error).
type RenderFunc func(h *handout.Handout, paper layout.Paper, opt RenderOptions) ([]byte, int, diag.List)

// Status says what a batch did with one output file, or, with Check, what
// a build would do.
type Status string

const (
	// StatusWritten: rendered and written; the file is new or its bytes
	// changed.
	StatusWritten Status = "written"
	// StatusUnchanged: rendered, and the file already held exactly these
	// bytes, so it was left untouched.
	StatusUnchanged Status = "unchanged"
	// StatusUpToDate: not rendered; the manifest shows that the file was
	// built from the same inputs and has not changed since.
	StatusUpToDate Status = "up-to-date"
	// StatusFailed: its handout has an error (see the diagnostics) or the
	// file could not be written.
	StatusFailed Status = "failed"
	// StatusMissing (Check only): the file does not exist.
	StatusMissing Status = "missing"
	// StatusStale (Check only): the file is not what a build would write.
	StatusStale Status = "stale"
)

// Output is one PDF of the batch: built, found up to date, or checked.
type Output struct {
	Path  string // the file: Batch.Dir joined with OutputName
	Input string // the handout file it is made from
	ID    string
	Paper layout.Paper
	Pages int
	Size  int // bytes
	// SHA256 is the hex SHA-256 of the PDF: as written, as found up to
	// date, or, with Check, as a build would write it. Empty when failed.
	SHA256 string
	Status Status
	// Elapsed is the time spent on this file: checking it, rendering it
	// and writing it.
	Elapsed time.Duration
	// Diags are the problems of its handout and of its file, sorted.
	Diags diag.List
}

// Batch renders handouts to PDF files in one folder, Jobs at a time, and
// skips the files that are up to date (see Manifest).
type Batch struct {
	Dir     string         // output folder; created when the first file is written
	Papers  []layout.Paper // the sizes to render each handout on
	Options RenderOptions
	Render  RenderFunc // nil means Render
	Writer  Writer     // writes each file; the zero value writes to disk
	// Jobs is the number of handouts rendered at once; below 1 means
	// runtime.NumCPU().
	Jobs int
	// FailFast stops the run at the first handout that fails: no handout
	// is started after it. A problem found while reading the handouts
	// means none is built.
	FailFast bool
	// Check writes nothing: each output is reported as up to date,
	// missing or stale. What the manifest does not show to be up to date
	// is rendered in memory and compared with the file.
	Check bool
	// Force renders every output, whatever the manifest says.
	Force bool
	// Shard restricts the run to one part of the outputs.
	Shard Shard
	// Lint, when not nil, is run on every handout of the run (even one
	// whose files are up to date) before it is rendered; a handout with an
	// error in what it returns gets no file. Its diagnostics are reported
	// with the others.
	Lint func(*handout.Handout) diag.List
	// Start, when not nil, is called once, before the first call of
	// Done, with the number of outputs the run will report.
	Start func(total int)
	// Done, when not nil, is called for each output once it is finished,
	// in the order of output paths whatever Jobs is, one call at a time.
	// The outputs of handouts that were not run (interrupted, FailFast)
	// are not reported.
	Done func(Output)
}

// Result is what a batch did.
type Result struct {
	// Outputs are every output reported to Done, sorted by path.
	Outputs []Output
	Diags   diag.List // every problem, sorted
	// Failed lists the files of the handouts that failed, in input order:
	// none of their PDFs was written, or (when writing failed part way)
	// not all.
	Failed []string
	// NotRun lists the files of the handouts that were not tried, in
	// input order, because the run was interrupted or an earlier handout
	// failed with FailFast set.
	NotRun []string
	// Interrupted is set when the context was cancelled before the end.
	Interrupted bool
	// Parsed is the number of handout files that were parsed; the others
	// were shown to be up to date by the manifest alone.
	Parsed int
	// OtherShards is the number of outputs left to other shards.
	OtherShards int
}

func (b *Batch) jobs() int {
	if b.Jobs < 1 {
		return runtime.NumCPU()
	}
	return b.Jobs
}

// unit is the work on one handout: its outputs on the papers of the run's
// shard.
type unit struct {
	in    *Input
	index int // of in among the inputs
	// parse is false when the manifest alone showed every output up to
	// date; otherwise the worker reads and parses the handout again.
	parse bool
	key   inputKey
	// keyErr is set when the inputs could not be hashed (an asset could not
	// be read): the outputs are then always rendered and not recorded.
	keyErr error
	hashes []paperHash // inputs hashes found so far; dropped when the unit is finished
	outs   []*Output
	ranks  []int32 // of outs, in the order of all the run's output paths
}

type paperHash struct{ paper, sum string }

func (u *unit) inputsHash(paper layout.Paper, opt RenderOptions) (string, error) {
	if u.keyErr != nil {
		return "", u.keyErr
	}
	for _, h := range u.hashes {
		if h.paper == paper.Name {
			return h.sum, nil
		}
	}
	s, err := u.key.inputsHash(paper, opt)
	if err != nil {
		return "", err
	}
	u.hashes = append(u.hashes, paperHash{paper.Name, s})
	return s, nil
}

// Build reads the inputs and renders every handout on every paper of the
// shard, Jobs at a time, and writes the files (or, with Check, compares
// them). A handout with an error on any paper gets no file at all; the
// others are still written (unless FailFast). When ctx is cancelled (an
// interrupt), no new handout is started, and no file is ever left
// half-written.
//
// An output is skipped as up to date when the manifest in the output folder
// records the hash of the inputs it was built from, that hash is still the
// hash of its inputs (see Manifest), and the file still has the SHA-256 the
// manifest records. A handout file whose bytes the manifest knows, and whose
// outputs are all up to date, is not even parsed. Unless Check is set, the
// manifest is then updated with every output written or found unchanged.
//
// Before anything else a build (not a check) removes temporary files that
// an earlier, killed run left in the output folder (see RemoveStale).
func (b *Batch) Build(ctx context.Context, ins []Input) Result {
	r := &run{b: b, ctx: ctx, render: b.Render, upd: newManifestUpdate(), jobs: b.jobs()}
	if r.render == nil {
		r.render = Render
	}
	if r.ctx == nil {
		r.ctx = context.Background()
	}
	r.man, r.res.Diags = ReadManifest(b.Dir)
	if !b.Check {
		// Best effort: a folder that cannot be listed cannot be written
		// either, which is reported when the first file is written.
		_, _ = RemoveStale(b.Dir)
	}

	// Read every handout once, keeping only small things: its hash, and
	// either the manifest's word that it is up to date, or what planning
	// needs of it (id, font, assets). The workers read and parse it again.
	units, loadDiags := r.load(ins)
	r.res.Diags = append(r.res.Diags, loadDiags...)

	// Plan the work: one unit a handout, with its outputs in this shard.
	var all []*Output
	kept := units[:0]
	for _, u := range units {
		r.res.OtherShards += len(b.Papers) - len(u.outs)
		if len(u.outs) == 0 {
			continue
		}
		kept = append(kept, u)
		all = append(all, u.outs...)
	}
	units = kept
	sort.Slice(all, func(i, j int) bool { return all[i].Path < all[j].Path })
	// The outputs are kept in one array, in path order, which becomes
	// Result.Outputs; each unit knows the ranks of its own.
	table := make([]Output, len(all))
	rank := make(map[*Output]int32, len(all))
	for i, o := range all {
		table[i] = *o
		rank[o] = int32(i)
	}
	for _, u := range units {
		u.ranks = make([]int32, len(u.outs))
		for k, o := range u.outs {
			u.ranks[k] = rank[o]
			u.outs[k] = &table[rank[o]]
		}
	}
	rank, all = nil, nil
	// Handouts are started in input order (FailFast stops at the first
	// failure in that order); Done still sees the outputs in path order.

	r.emit = &emitter{outs: table, state: make([]int8, len(table)), done: b.Done}
	if b.Start != nil {
		b.Start(len(table))
	}
	var work []*unit
	for _, u := range units {
		switch {
		case !u.parse:
			r.emit.settle(u, true)
		case b.FailFast && loadDiags.HasErrors():
			// Every handout is read before the first is built: with a
			// problem among them, FailFast builds none.
			r.notRun(u, false)
		default:
			work = append(work, u)
		}
	}
	r.turnCond = sync.NewCond(&r.turnMu)
	queue := make(chan int)
	var wg sync.WaitGroup
	for range min(r.jobs, max(len(work), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for seq := range queue {
				u := work[seq]
				var p *prepared
				if r.ctx.Err() == nil && !r.stop.Load() {
					p = r.prepare(u)
				}
				if b.FailFast {
					r.waitTurn(seq)
				}
				r.finish(u, p)
				if b.FailFast {
					r.nextTurn()
				}
			}
		}()
	}
	for seq := range work {
		queue <- seq
	}
	close(queue)
	wg.Wait()

	// The manifest is written when an output was written or found
	// unchanged, or, after a run without failures, to record handouts it
	// does not know yet (say, those whose outputs are all in other
	// shards), so that the next run need not parse them.
	if !b.Check && (r.upd.dirty || (r.upd.newHandouts && len(r.failed) == 0)) {
		if isDir(b.Dir) {
			r.res.Diags = append(r.res.Diags, writeManifest(b.Writer, b.Dir, r.upd)...)
		}
	}
	// Result.Outputs is the table itself, without the outputs not run.
	n := 0
	for i := range table {
		if r.emit.state[i] == settled {
			table[n] = table[i]
			n++
		}
	}
	if n > 0 {
		r.res.Outputs = table[:n:n]
	}
	sort.Slice(r.failed, func(i, j int) bool { return r.failed[i].index < r.failed[j].index })
	for _, u := range r.failed {
		r.res.Failed = append(r.res.Failed, u.in.Name)
	}
	sort.Slice(r.notRunUnits, func(i, j int) bool { return r.notRunUnits[i].index < r.notRunUnits[j].index })
	for _, u := range r.notRunUnits {
		r.res.NotRun = append(r.res.NotRun, u.in.Name)
	}
	r.res.Diags.Sort()
	return r.res
}

// run is the state of one Build.
type run struct {
	b      *Batch
	ctx    context.Context
	render RenderFunc
	jobs   int
	man    *Manifest
	upd    *manifestUpdate
	emit   *emitter
	stop   atomic.Bool // FailFast: a handout failed

	turnMu   sync.Mutex // FailFast: handouts finish in the order they started
	turnCond *sync.Cond
	turn     int

	mu          sync.Mutex // guards the fields below
	res         Result
	failed      []*unit
	notRunUnits []*unit
	dirMade     bool
	dirFailed   bool
}

// outsID is the handout id of a unit the manifest vouched for.
func (u *unit) outsID() string { return u.key.id }

// quick returns the unit of a handout file whose outputs the manifest alone
// shows to be up to date, or nil when the file must be parsed.
func (r *run) quick(in *Input, index int, handoutSum string) *unit {
	rec, ok := r.man.Handouts[handoutSum]
	if !ok || rec.ID == "" {
		return nil
	}
	assets, err := assetSums(in.Assets, rec.Assets)
	if err != nil {
		return nil
	}
	u := &unit{in: in, index: index, key: inputKey{handoutSum: handoutSum, font: rec.Font, assets: assets, id: rec.ID}}
	for _, paper := range r.b.Papers {
		if !r.b.Shard.Includes(rec.ID, paper) {
			continue
		}
		start := time.Now()
		o := r.newOutput(u, rec.ID, paper)
		if !r.upToDate(u, o) {
			return nil
		}
		o.Elapsed = time.Since(start)
	}
	r.upd.handout(handoutSum, rec, false)
	return u
}

func (r *run) newOutput(u *unit, id string, paper layout.Paper) *Output {
	o := &Output{Path: filepath.Join(r.b.Dir, OutputName(id, paper)), Input: u.in.Name, ID: id, Paper: paper}
	u.outs = append(u.outs, o)
	return o
}

// plan makes the unit of a parsed handout.
func (r *run) plan(in *Input, index int, handoutSum string, m *meta) *unit {
	u := &unit{in: in, index: index, parse: true}
	rec := ManifestHandout{ID: m.id.Value, Font: m.font, Assets: m.assets}
	assets, err := assetSums(in.Assets, rec.Assets)
	u.key = inputKey{handoutSum: handoutSum, font: rec.Font, assets: assets, id: rec.ID}
	u.keyErr = err
	for _, paper := range r.b.Papers {
		if r.b.Shard.Includes(rec.ID, paper) {
			r.newOutput(u, rec.ID, paper)
		}
	}
	if err == nil { // recorded, so that the next run need not parse it
		old, known := r.man.Handouts[handoutSum]
		r.upd.handout(handoutSum, rec, !known || !sameRecord(old, rec))
	}
	return u
}

// meta is what planning needs of a parsed handout; it is kept instead of
// the parsed handout, which a worker parses again when it builds it.
type meta struct {
	id     handout.Text
	font   string // the font family's name
	assets []string
}

func metaOf(h *handout.Handout) *meta {
	id := h.ID
	id.Value = strings.Clone(id.Value) // not a part of a larger string
	return &meta{id: id, font: fonts.Choose(h.Font.Value, h.Language.Value).Name, assets: handoutAssets(h)}
}

// load reads every input once, in parallel, and returns the units of the
// handouts to build or report, in input order, and the problems found
// while reading them (sorted). Of each input it keeps only its hash and,
// unless the manifest alone shows it up to date, what planning needs (see
// meta): no bytes and no parsed handout outlive this call.
//
// A handout the manifest vouched for is parsed after all when its id is
// also another's, so that both are reported.
func (r *run) load(ins []Input) ([]*unit, diag.List) {
	b := r.b
	sums := make([]string, len(ins))
	quick := make([]*unit, len(ins))
	metas := make([]*meta, len(ins))
	lists := make([]diag.List, len(ins))
	var parsed atomic.Int64
	read := func(i int, tryQuick bool) {
		in := &ins[i]
		data, err := in.read()
		if err != nil {
			sums[i], lists[i] = "", readDiag(in, err)
			return
		}
		sums[i] = sum(data)
		if tryQuick {
			if quick[i] = r.quick(in, i, sums[i]); quick[i] != nil {
				return
			}
		}
		h, d := handout.Parse(in.Name, data, handout.Options{Assets: in.Assets})
		parsed.Add(1)
		lists[i] = d
		if h != nil {
			metas[i] = metaOf(h)
		}
	}
	forEach(len(ins), r.jobs, func(i int) { read(i, !b.Force && b.Lint == nil) })
	ids := map[string]int{}
	for i := range ins {
		if quick[i] != nil {
			ids[quick[i].outsID()]++
		} else if metas[i] != nil {
			ids[metas[i].id.Value]++
		}
	}
	var again []int
	for i := range ins {
		if quick[i] != nil && ids[quick[i].outsID()] > 1 {
			quick[i] = nil
			again = append(again, i)
		}
	}
	forEach(len(again), r.jobs, func(k int) { read(again[k], false) })
	r.res.Parsed += int(parsed.Load())

	// Duplicate ids. handout.CheckIDs is given stand-ins that hold only
	// the id, and only of the handouts whose id is not unique: it reports
	// nothing about the others.
	var loadDiags diag.List
	parsedIDs := map[string]int{}
	for i := range ins {
		loadDiags = append(loadDiags, lists[i]...)
		if metas[i] != nil {
			parsedIDs[metas[i].id.Value]++
		}
	}
	var stubs []*handout.Handout
	for i := range ins {
		if metas[i] != nil && parsedIDs[metas[i].id.Value] > 1 {
			stubs = append(stubs, &handout.Handout{File: ins[i].Name, ID: metas[i].id})
		}
	}
	_, loadDiags = checkIDs(stubs, loadDiags)
	// checkIDs leaves out every handout in stubs, as they all share an id.
	var units []*unit
	for i := range ins {
		u := quick[i]
		if u == nil && metas[i] != nil && parsedIDs[metas[i].id.Value] == 1 {
			u = r.plan(&ins[i], i, sums[i], metas[i])
		}
		if u != nil {
			units = append(units, u)
		}
	}
	return units, loadDiags
}

// reparse reads and parses a unit's handout again, in the worker that
// builds it, so that no handout's bytes or parsed form are held longer
// than its own work. It returns nil, with the problems in p, when the file
// can no longer be read or parsed. changed says that the file is not what
// load read: what was read now is then what is built, and its outputs are
// keyed by the hash of these bytes.
func (r *run) reparse(u *unit, p *prepared) (h *handout.Handout, changed bool) {
	in := u.in
	data, err := in.read()
	if err != nil {
		p.diags = append(p.diags, readDiag(in, err)...)
		return nil, true
	}
	h, d := handout.Parse(in.Name, data, handout.Options{Assets: in.Assets})
	s := sum(data)
	if s == u.key.handoutSum {
		if h == nil { // parsing is deterministic: cannot happen
			p.diags = append(p.diags, d...)
		}
		return h, false
	}
	p.diags = append(p.diags, d...)
	if h == nil {
		return nil, true
	}
	if h.ID.Value != u.key.id {
		p.diags.Add(h.ID.Pos, "changed", "id", fmt.Sprintf("the file changed during the build: its id is now %q, not %q", h.ID.Value, u.key.id),
			"build again")
		return nil, true
	}
	rec := ManifestHandout{ID: h.ID.Value, Font: fonts.Choose(h.Font.Value, h.Language.Value).Name, Assets: handoutAssets(h)}
	assets, err := assetSums(in.Assets, rec.Assets)
	u.key = inputKey{handoutSum: s, font: rec.Font, assets: assets, id: rec.ID}
	u.keyErr, u.hashes = err, nil
	if err == nil {
		r.upd.handout(s, rec, true)
	}
	return h, true
}

func sameRecord(a, b ManifestHandout) bool {
	return a.ID == b.ID && a.Font == b.Font && slices.Equal(a.Assets, b.Assets)
}

// upToDate reports whether the manifest shows the output to be up to date:
// built from inputs of the same hash, and unchanged since. It then fills in
// the output's status, pages, size and hash.
func (r *run) upToDate(u *unit, o *Output) bool {
	name := filepath.Base(o.Path)
	e, ok := r.man.Outputs[name]
	if !ok {
		return false
	}
	ih, err := u.inputsHash(o.Paper, r.b.Options)
	if err != nil || ih != e.InputsSHA256 {
		return false
	}
	s, size, exists, err := fileSum(o.Path)
	if !exists || err != nil || s != e.SHA256 {
		return false
	}
	o.Status, o.Pages, o.Size, o.SHA256 = StatusUpToDate, e.Pages, size, s
	if e.Input != u.in.Name { // the same handout, under another name
		e.Input = u.in.Name
		r.upd.output(name, e)
	}
	return true
}

// prepared is a handout's work up to writing: linted, checked against the
// manifest, and rendered where needed.
type prepared struct {
	diags  diag.List
	failed bool      // an error in the handout: no file is written
	need   []*Output // the outputs that are not up to date
	data   [][]byte  // their PDFs
}

// prepare lints the handout, finds which of its outputs are up to date, and
// renders the others. It can run for many handouts at once.
func (r *run) prepare(u *unit) *prepared {
	b := r.b
	p := &prepared{}
	var h *handout.Handout
	if b.Lint != nil {
		if h, _ = r.reparse(u, p); h == nil {
			p.failed, p.need = true, u.outs
			return p
		}
		d := b.Lint(h)
		p.diags = append(p.diags, d...)
		if d.HasErrors() {
			p.failed, p.need = true, u.outs
			return p
		}
	}
	for _, o := range u.outs {
		start := time.Now()
		if b.Force || !r.upToDate(u, o) {
			p.need = append(p.need, o)
		}
		o.Elapsed += time.Since(start)
	}
	if len(p.need) == 0 || (!b.Check && r.dirBroken()) {
		return p
	}
	if h == nil {
		var changed bool
		h, changed = r.reparse(u, p)
		if h == nil {
			p.failed, p.need = true, u.outs
			return p
		}
		if changed { // what was found up to date was so for other bytes
			p.need = u.outs
		}
	}
	p.data = make([][]byte, len(p.need))
	for i, o := range p.need {
		start := time.Now()
		pdf, pages, d := r.render(h, o.Paper, b.Options)
		p.diags = append(p.diags, d...)
		if !d.HasErrors() && pdf == nil {
			p.diags.Add(diag.Pos{File: h.File}, "render", "", fmt.Sprintf("rendering on %s paper produced no PDF", o.Paper.Name), "")
		}
		if d.HasErrors() || pdf == nil {
			p.failed = true
		} else {
			p.data[i] = pdf
			o.Pages, o.Size, o.SHA256 = pages, len(pdf), sum(pdf)
		}
		o.Elapsed += time.Since(start)
	}
	return p
}

// finish completes a handout's work: it writes the rendered files (with
// Check, compares them), records the outcome, and reports the outputs. p
// is nil for a handout that was not started.
//
// With FailFast, handouts finish one at a time in the order they were
// started (they still render in parallel), so that which handouts are
// written before the first failure does not depend on timing.
func (r *run) finish(u *unit, p *prepared) {
	b := r.b
	switch {
	case p == nil:
		r.notRun(u, r.ctx.Err() != nil)
		return
	case b.FailFast && r.stop.Load():
		r.notRun(u, false)
		return
	case !p.failed && len(p.need) > 0 && !b.Check && r.ctx.Err() != nil:
		r.notRun(u, true) // rendered, but interrupted before writing
		return
	}
	failed := p.failed
	diags := p.diags
	fail := func(outs []*Output) {
		failed = true
		for _, o := range outs {
			o.Status, o.Pages, o.Size, o.SHA256 = StatusFailed, 0, 0, ""
		}
	}
	switch {
	case failed:
		fail(p.need)
	case len(p.need) == 0:
	case b.Check:
		for i, o := range p.need {
			start := time.Now()
			switch same, exists := sameFile(o.Path, p.data[i]); {
			case same:
				o.Status = StatusUpToDate
			case exists:
				o.Status = StatusStale
			default:
				o.Status = StatusMissing
			}
			o.Elapsed += time.Since(start)
		}
	default:
		d, ok := r.makeDir()
		diags = append(diags, d...)
		if !ok {
			fail(p.need)
			break
		}
		// Write the files; after the first that fails, the handout's
		// others are not tried.
		for i, o := range p.need {
			start := time.Now()
			_, statErr := os.Lstat(o.Path)
			written, err := b.Writer.WriteFile(o.Path, p.data[i], 0o644)
			o.Elapsed += time.Since(start)
			if err != nil {
				diags = append(diags, writeError(o.Path, err, statErr == nil))
				fail(p.need[i:])
				break
			}
			o.Status = StatusUnchanged
			if written {
				o.Status = StatusWritten
			}
			if ih, err := u.inputsHash(o.Paper, b.Options); err == nil {
				r.upd.output(filepath.Base(o.Path), ManifestOutput{Input: u.in.Name, InputsSHA256: ih,
					HandoutSHA256: u.key.handoutSum, SHA256: o.SHA256, Bytes: o.Size, Pages: o.Pages})
			}
		}
	}

	diags = dedup(diags)
	for _, o := range u.outs {
		o.Diags = diags
	}
	r.mu.Lock()
	r.res.Diags = append(r.res.Diags, diags...)
	if failed {
		r.failed = append(r.failed, u)
	}
	r.mu.Unlock()
	if failed && b.FailFast {
		r.stop.Store(true)
	}
	u.hashes = nil // recorded in the manifest update
	r.emit.settle(u, true)
}

// waitTurn waits until every handout started before the one of sequence
// number seq has finished (FailFast).
func (r *run) waitTurn(seq int) {
	r.turnMu.Lock()
	for r.turn != seq {
		r.turnCond.Wait()
	}
	r.turnMu.Unlock()
}

func (r *run) nextTurn() {
	r.turnMu.Lock()
	r.turn++
	r.turnCond.Broadcast()
	r.turnMu.Unlock()
}

// notRun records a handout that was not tried; interrupted says why.
func (r *run) notRun(u *unit, interrupted bool) {
	r.mu.Lock()
	r.notRunUnits = append(r.notRunUnits, u)
	if interrupted {
		r.res.Interrupted = true
	}
	r.mu.Unlock()
	r.emit.settle(u, false)
}

// makeDir creates the output folder before the first file is written. When
// it cannot, the problem is reported once, by the first handout that needs
// the folder; every handout after it that has a file to write fails without
// another message.
func (r *run) makeDir() (diag.List, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.dirMade:
		return nil, true
	case r.dirFailed:
		return nil, false
	}
	d, ok := makeDir(r.b.Dir)
	if !ok {
		r.dirFailed = true
		return diag.List{d}, false
	}
	r.dirMade = true
	return nil, true
}

func (r *run) dirBroken() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.dirFailed
}

// emitter calls Done for each output in the order of their paths, as soon
// as the outputs before it are finished.
type emitter struct {
	mu    sync.Mutex
	outs  []Output // sorted by path
	state []int8   // pending, settled or skipped
	next  int
	done  func(Output)
}

const (
	pending int8 = iota
	settled
	skipped
)

// settle marks the unit's outputs finished (report) or not run (!report),
// and reports every output now due.
func (e *emitter) settle(u *unit, report bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, i := range u.ranks {
		if report {
			e.state[i] = settled
		} else {
			e.state[i] = skipped
		}
	}
	for e.next < len(e.outs) && e.state[e.next] != pending {
		if e.state[e.next] == settled && e.done != nil {
			e.done(e.outs[e.next])
		}
		e.next++
	}
}

// dedup sorts the list and drops exact repeats (the same problem found on
// both papers).
func dedup(l diag.List) diag.List {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	out := l[:1]
	for _, d := range l[1:] {
		if d != out[len(out)-1] {
			out = append(out, d)
		}
	}
	return out
}

// makeDir creates the output folder and its parents, or says plainly why it
// cannot.
func makeDir(dir string) (diag.Diagnostic, bool) {
	err := os.MkdirAll(dir, 0o755)
	if err == nil {
		return diag.Diagnostic{}, true
	}
	d := diag.Diagnostic{Pos: diag.Pos{File: dir}, Code: "write",
		Message: "cannot create the output folder: " + plainError(err),
		Hint:    "choose another folder with -o"}
	if file := fileInPath(dir); file != "" {
		d.Message = "cannot create the output folder: " + file + " is a file, not a folder"
		if file == filepath.Clean(dir) {
			d.Message = "the output folder is a file, not a folder"
		}
		d.Hint = "move the file away, or choose another folder with -o"
	} else if errors.Is(err, fs.ErrPermission) {
		d.Hint = "you may not create folders there; choose another folder with -o"
	}
	return d, false
}

// fileInPath returns the first element of the path dir that exists and is
// not a folder, or "".
func fileInPath(dir string) string {
	dir = filepath.Clean(dir)
	var parts []string
	for p := dir; ; p = filepath.Dir(p) {
		parts = append(parts, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	for i := len(parts) - 1; i >= 0; i-- {
		fi, err := os.Stat(parts[i])
		if err != nil {
			return ""
		}
		if !fi.IsDir() {
			return parts[i]
		}
	}
	return ""
}

// writeError describes a file that could not be written, in words a reader
// can act on, and says that the previous file (if any) is still there.
func writeError(path string, err error, existed bool) diag.Diagnostic {
	kept := "; no file was written"
	if existed {
		kept = "; the previous file is unchanged"
	}
	msg, hint := plainError(err), ""
	switch {
	case errors.Is(err, syscall.ENOSPC):
		msg, hint = "the disk is full", "free some disk space and build again"
	case errors.Is(err, syscall.EDQUOT):
		msg, hint = "your disk quota is used up", "free some disk space and build again"
	case errors.Is(err, syscall.EROFS):
		msg, hint = "the disk is read-only", "choose another output folder with -o"
	case errors.Is(err, fs.ErrPermission):
		msg, hint = "permission denied", "you may not write in this folder; choose another with -o"
	}
	if fi, statErr := os.Stat(path); statErr == nil && fi.IsDir() {
		msg, hint, kept = "a folder of this name is in the way", "move the folder away, or choose another output folder with -o", ""
	}
	return diag.Diagnostic{Pos: diag.Pos{File: path}, Code: "write",
		Message: "cannot write the PDF: " + msg + kept, Hint: hint}
}
