package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
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

// OutputNameFor is the file name of a handout's PDF on one paper size
// with the given options: OutputName, or for large print
// "<id>-<paper>-large-print.pdf", so that the two can share a folder.
func OutputNameFor(id string, paper layout.Paper, opt RenderOptions) string {
	if opt.LargePrint {
		return id + "-" + paper.Name + "-large-print.pdf"
	}
	return OutputName(id, paper)
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
	Path  string // the file: Batch.Dir joined with OutputNameFor
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

	// pre is the reading of Dir that Prefetch started, for Build to take.
	pre *folderRead
}

// folderRead is the reading of an output folder that a build starts first:
// its manifest, the notes of its PDFs' hashes, and (unless checking) the
// removal of the temporary files that killed runs left.
type folderRead struct {
	dir   string
	check bool
	ready chan struct{} // closed once the fields below are set
	man   *manIndex
	diags diag.List
	stats *statNotes
}

func startFolderRead(dir string, check bool) *folderRead {
	f := &folderRead{dir: dir, check: check, ready: make(chan struct{})}
	go func() {
		defer close(f.ready)
		f.man, f.diags = readIndex(dir)
		f.stats = readStatNotes(dir)
		if !check {
			// Best effort: a folder that cannot be listed cannot be
			// written either, which is reported when the first file is
			// written.
			_, _ = RemoveStale(dir)
		}
	}()
	return f
}

// Prefetch starts reading the output folder as the next Build would first
// do, so that it overlaps with what comes before the build, such as finding
// the handout files: a check of an up-to-date folder then takes less time.
// The next Build uses it (when Dir and Check are still the same); one that
// is not preceded by Prefetch reads the folder itself.
func (b *Batch) Prefetch() {
	if b.pre == nil {
		b.pre = startFolderRead(b.Dir, b.Check)
	}
}

// takeFolder is the reading Prefetch started, or a new one.
func (b *Batch) takeFolder() *folderRead {
	f := b.pre
	b.pre = nil
	if f == nil || f.dir != b.Dir || f.check != b.Check {
		f = startFolderRead(b.Dir, b.Check)
	}
	return f
}

// awaitFolder waits for the reading of the output folder and takes the
// manifest and the notes from it.
func (r *run) awaitFolder() {
	<-r.folder.ready
	r.man, r.stats = r.folder.man, r.folder.stats
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
	// date; otherwise the worker reads the handout again, and parses it
	// again unless parsed (below) holds it.
	parse bool
	// parsed is the handout as load parsed it, kept for the worker when
	// it fitted in the run's budget for them (see parseCacheBytes); the
	// worker uses it when the file still holds the bytes load parsed.
	parsed *handout.Handout
	// recorded says that the handout's record (below) goes into the
	// manifest.
	recorded bool
	// What the outputs are made from (see inputKey).
	id      string
	font    string
	handout digest   // of the handout file's bytes
	assets  []string // the asset files it uses, as its record names them
	sums    []assetDigest
	// keyErr is set when the inputs could not be hashed (an asset could not
	// be read): the outputs are then always rendered and not recorded.
	keyErr error
	outs   []outRec // its outputs while the run is planned; then in run.outs
	ranks  []int32  // of its outputs in run.outs (in the order of all the run's output paths)
	diags  diag.List
}

// key is the unit's inputs, for hashing.
func (u *unit) key() inputKey {
	k := inputKey{id: u.id, handoutSum: u.handout.hex(), font: u.font}
	for _, a := range u.sums {
		k.assets = append(k.assets, assetSum{a.name, a.sum.hex()})
	}
	return k
}

// record is the handout's record for the manifest.
func (u *unit) record() ManifestHandout {
	return ManifestHandout{ID: u.id, Font: u.font, Assets: u.assets}
}

// outRec is one output as a run keeps it; Output is made from it when it is
// reported.
type outRec struct {
	u      *unit
	paper  int32 // in Batch.Papers
	status uint8 // in statusNames
	hasSum bool  // sum is the PDF's (and so is crc, when record is set)
	hasIH  bool  // ih is the inputs hash
	record bool  // goes into the manifest: written or found unchanged
	pages  int
	size   int
	sum    digest
	crc    uint32 // CRC-32C (see ManifestOutput), when record is set
	ih     digest
	took   time.Duration
}

var statusNames = [...]Status{"", StatusWritten, StatusUnchanged, StatusUpToDate, StatusFailed, StatusMissing, StatusStale}

func statusCode(s Status) uint8 {
	for i, x := range statusNames {
		if x == s {
			return uint8(i)
		}
	}
	panic("unknown status " + s)
}

var (
	codeWritten   = statusCode(StatusWritten)
	codeUnchanged = statusCode(StatusUnchanged)
	codeUpToDate  = statusCode(StatusUpToDate)
	codeFailed    = statusCode(StatusFailed)
	codeMissing   = statusCode(StatusMissing)
	codeStale     = statusCode(StatusStale)
)

func (r *run) paper(o *outRec) layout.Paper { return r.b.Papers[o.paper] }

func (r *run) name(o *outRec) string { return OutputNameFor(o.u.id, r.paper(o), r.b.Options) }

func (r *run) path(o *outRec) string { return filepath.Join(r.b.Dir, r.name(o)) }

// output is the Output of a record.
func (r *run) output(o *outRec) Output {
	out := Output{Path: r.path(o), Input: o.u.in.Name, ID: o.u.id, Paper: r.paper(o), Pages: o.pages, Size: o.size,
		Status: statusNames[o.status], Elapsed: o.took, Diags: o.u.diags}
	if o.hasSum {
		out.SHA256 = o.sum.hex()
	}
	return out
}

// inputsHash is the hash of the output's inputs.
func (r *run) inputsHash(o *outRec) (digest, bool) {
	if o.hasIH {
		return o.ih, true
	}
	if o.u.keyErr != nil {
		return digest{}, false
	}
	d, err := o.u.key().inputsDigest(r.paper(o), r.options())
	if err != nil {
		return digest{}, false
	}
	o.ih, o.hasIH = d, true
	return o.ih, true
}

// hashBufs hold the bytes of a handout file while it is hashed (see load):
// they are not kept.
var hashBufs = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// options is optionsText of the run's options, made once.
func (r *run) options() string {
	r.optOnce.Do(func() { r.optText = optionsText(r.b.Options) })
	return r.optText
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
	r := &run{b: b, ctx: ctx, render: b.Render, jobs: b.jobs()}
	if r.render == nil {
		r.render = Render
	}
	if r.ctx == nil {
		r.ctx = context.Background()
	}
	defer tuneGC(r.jobs, len(ins)*len(b.Papers))()
	// The manifest and the notes of hashed PDFs are read, and the folder
	// cleared of temporary files that killed runs left, while the handouts
	// are read (see load, which waits for them before it needs them), or
	// earlier (see Prefetch).
	r.folder = b.takeFolder()

	// Read every handout, keeping only small things: its hash, and either
	// the manifest's word that it is up to date, or what planning needs of
	// it (id, font, assets). The workers read and parse it again.
	units, loadDiags := r.load(ins)
	r.awaitFolder()
	r.res.Diags = append(r.folder.diags, loadDiags...)
	r.res.Diags = append(r.res.Diags, r.orphans(ins, units)...)

	// Plan the work: one unit a handout, with its outputs in this shard.
	n := 0
	var kept []*unit
	for _, u := range units {
		r.res.OtherShards += len(b.Papers) - len(u.outs)
		if len(u.outs) == 0 {
			continue
		}
		kept = append(kept, u)
		n += len(u.outs)
	}
	// The outputs are kept in one array, in path order; each unit knows the
	// ranks of its own.
	type ref struct {
		path string
		u    *unit
		k    int
	}
	refs := make([]ref, 0, n)
	for _, u := range kept {
		for k := range u.outs {
			refs = append(refs, ref{filepath.Join(b.Dir, OutputNameFor(u.id, b.Papers[u.outs[k].paper], b.Options)), u, k})
		}
	}
	slices.SortStableFunc(refs, func(a, b ref) int { return strings.Compare(a.path, b.path) })
	r.outs = make([]outRec, n)
	for i, x := range refs {
		r.outs[i] = x.u.outs[x.k]
		if x.u.ranks == nil {
			x.u.ranks = make([]int32, len(x.u.outs))
		}
		x.u.ranks[x.k] = int32(i)
	}
	refs = nil
	for _, u := range kept {
		u.outs = nil
	}
	// Handouts are started in input order (FailFast stops at the first
	// failure in that order); Done still sees the outputs in path order.

	// The notes of the PDFs hashed (see statSettle) are kept for those the
	// manifest knew; --check writes nothing. They are complete once every
	// output has been checked: when the manifest alone vouched for every
	// handout (a rebuild with nothing to do), that is now, and they are
	// written while the outputs are reported; otherwise after the workers.
	notesDone := make(chan struct{})
	writeNotes := func() {
		defer close(notesDone)
		if man := r.man; !b.Check {
			r.stats.write(func(name string) bool { return man.out(name) != nil })
		}
	}
	checked := !slices.ContainsFunc(kept, func(u *unit) bool { return u.parse })
	if checked {
		go writeNotes()
	}

	r.emit = &emitter{r: r, state: make([]int8, n), done: b.Done}
	if b.Start != nil {
		b.Start(n)
	}
	var work []*unit
	for _, u := range kept {
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
	r.commit = newCommitter(r.jobs)
	// The workers take the handouts in input order, each the next one
	// not yet taken.
	var next atomic.Int64
	var wg sync.WaitGroup
	// Each worker renders its handouts one after another, and hands each
	// to a writer of its own, which writes its files and hands them to the
	// committer to be made durable, while the worker renders the next:
	// the time a file takes to reach the disk is not lost to rendering. A
	// worker is at most one handout ahead of its writer.
	type rendered struct {
		seq int
		u   *unit
		p   *prepared
		// interrupted: the run was interrupted before the handout
		// was rendered; a handout rendered before that is written.
		interrupted bool
	}
	for range min(r.jobs, max(len(work), 1)) {
		wg.Add(1)
		toWrite := make(chan rendered, 1)
		go func() {
			defer wg.Done()
			for x := range toWrite {
				if b.FailFast {
					r.waitTurn(x.seq)
				}
				r.finish(x.u, x.p, x.interrupted)
				if b.FailFast {
					r.nextTurn()
				}
			}
		}()
		go func() {
			defer close(toWrite)
			for {
				seq := int(next.Add(1) - 1)
				if seq >= len(work) {
					return
				}
				u := work[seq]
				var p *prepared
				if r.ctx.Err() == nil && !r.stop.Load() {
					p = r.prepare(u)
				}
				toWrite <- rendered{seq, u, p, r.ctx.Err() != nil}
			}
		}()
	}
	wg.Wait()
	r.commit.close()

	// Each file reached the disk (see committer) before it was renamed
	// into place, so that, whenever the machine stops, every output is its
	// old or its new complete file. The renames themselves reach the disk
	// with the folder: it is synced once, now, rather than after every
	// file, and before the manifest that records the new files is written.
	if r.renamedAny.Load() {
		syncDir(b.Dir)
	}

	if !checked {
		writeNotes()
	}
	<-notesDone
	r.stats = nil

	// The manifest is written when an output was written or found
	// unchanged, or, after a run without failures, to record handouts it
	// does not know yet (say, those whose outputs are all in other
	// shards), so that the next run need not parse them.
	r.man = nil
	if !b.Check && (r.dirty.Load() || (r.newHandouts.Load() && len(r.failed) == 0)) {
		if isDir(b.Dir) {
			r.res.Diags = append(r.res.Diags, r.writeManifest(units)...)
		}
	}
	units, kept, work = nil, nil, nil
	r.hands, r.renamed = nil, nil
	// Result.Outputs: every output reported, without those not run.
	settledN := 0
	for _, s := range r.emit.state {
		if s == settled {
			settledN++
		}
	}
	if settledN > 0 {
		r.res.Outputs = make([]Output, 0, settledN)
		for i := range r.outs {
			if r.emit.state[i] == settled {
				r.res.Outputs = append(r.res.Outputs, r.output(&r.outs[i]))
			}
		}
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
	man    *manIndex // the manifest as the run began
	// folder is the reading of the output folder that fills man and
	// stats (see awaitFolder).
	folder *folderRead
	stats  *statNotes // notes of the PDFs' hashes on this machine
	outs   []outRec   // every output of the run, in path order
	emit   *emitter
	stop   atomic.Bool // FailFast: a handout failed

	// dirty says that outputs are to be recorded in the manifest;
	// newHandouts that it does not know some of the handouts.
	dirty, newHandouts atomic.Bool
	// renamedAny says that a file was renamed into the output folder, which
	// is then to be synced.
	renamedAny atomic.Bool
	commit     *committer // makes the written files durable (not with Check)
	optOnce    sync.Once
	optText    string   // see options
	assetCache sync.Map // assetKey -> *assetOnce (see run.assetSums)

	turnMu   sync.Mutex // FailFast: handouts finish in the order they started
	turnCond *sync.Cond
	turn     int

	mu          sync.Mutex // guards the fields below
	res         Result
	failed      []*unit
	notRunUnits []*unit
	dirMade     bool
	dirFailed   bool
	// hands are the records of handouts read that no unit holds any
	// more: a handout's earlier bytes, a handout left out for its id.
	hands []manHand
	// renamed are the entries of outputs found up to date under another
	// handout file name, by output name.
	renamed map[string]ManifestOutput
}

// assetKey names an asset file of one assets folder.
type assetKey struct {
	fsys fs.FS
	name string
}

// assetOnce is an asset file's hash, or the error met reading it, as found
// once a run.
type assetOnce struct {
	once sync.Once
	d    assetDigest
	err  error
}

// assetSums is assetSums with each asset file read and hashed once a run
// (the handouts of a folder share their logos), when its folder's fs.FS can
// be used as a key.
func (r *run) assetSums(fsys fs.FS, names []string) ([]assetDigest, error) {
	if len(names) == 0 || fsys == nil || !reflect.TypeOf(fsys).Comparable() {
		return assetSums(fsys, names)
	}
	out := make([]assetDigest, 0, len(names))
	for _, name := range slices.Sorted(slices.Values(names)) {
		v, _ := r.assetCache.LoadOrStore(assetKey{fsys, name}, &assetOnce{})
		a := v.(*assetOnce)
		a.once.Do(func() {
			one, err := assetSums(fsys, []string{name})
			if a.err = err; err == nil {
				a.d = one[0]
			}
		})
		if a.err != nil {
			return nil, a.err
		}
		out = append(out, a.d)
	}
	return out, nil
}

// quick returns the unit of a handout file whose outputs the manifest alone
// shows to be up to date, or nil when the file must be parsed.
func (r *run) quick(in *Input, index int, handoutSum digest) *unit {
	h := r.man.hand(handoutSum)
	if h == nil || h.rec.ID == "" {
		return nil
	}
	rec := h.rec
	sums, err := r.assetSums(in.Assets, rec.Assets)
	if err != nil {
		return nil
	}
	u := &unit{in: in, index: index, id: rec.ID, font: rec.Font, handout: handoutSum, assets: rec.Assets, sums: sums}
	for i, paper := range r.b.Papers {
		if !r.b.Shard.Includes(rec.ID, paper) {
			continue
		}
		start := time.Now()
		u.outs = append(u.outs, outRec{u: u, paper: int32(i)})
		o := &u.outs[len(u.outs)-1]
		if !r.upToDate(o) {
			return nil
		}
		o.took = time.Since(start)
	}
	u.recorded = true
	return u
}

// plan makes the unit of a parsed handout.
func (r *run) plan(in *Input, index int, handoutSum digest, m *meta) *unit {
	u := &unit{in: in, index: index, parse: true, parsed: m.parsed, id: m.id.Value, font: m.font, handout: handoutSum, assets: m.assets}
	u.sums, u.keyErr = r.assetSums(in.Assets, u.assets)
	for i, paper := range r.b.Papers {
		if r.b.Shard.Includes(u.id, paper) {
			u.outs = append(u.outs, outRec{u: u, paper: int32(i)})
		}
	}
	if u.keyErr == nil { // recorded, so that the next run need not parse it
		u.recorded = true
		if old := r.man.hand(handoutSum); old == nil || !sameRecord(old.rec, u.record()) {
			r.newHandouts.Store(true)
		}
	}
	return u
}

// meta is what planning needs of a parsed handout; it is kept instead of
// the parsed handout, which a worker parses again when it builds it,
// unless the handout itself is kept in parsed.
type meta struct {
	id     handout.Text
	font   string // the font family's name
	assets []string
	parsed *handout.Handout
}

// parseCacheBytes bounds the memory that a run spends on keeping handouts
// as load parsed them, so that the workers need not parse them again: a
// few hundred handouts, so that a batch of that size parses each handout
// once, while a larger batch keeps as many and parses the others twice.
// The memory a run holds then does not grow with the number of handouts.
const parseCacheBytes = 6 << 20

// parseHandout is handout.Parse; tests count its calls.
var parseHandout = handout.Parse

// parsedCost is what keeping a parsed handout is reckoned to cost: about
// three times its YAML, as measured on the built-in handouts (their logo is
// shared with every other handout that uses the same file).
func parsedCost(data []byte) int64 { return 3*int64(len(data)) + 1<<10 }

func metaOf(h *handout.Handout) *meta {
	id := h.ID
	id.Value = strings.Clone(id.Value) // not a part of a larger string
	return &meta{id: id, font: fonts.Choose(h.Font.Value, h.Language.Value).Name, assets: handoutAssets(h)}
}

// load reads every input, in parallel, and returns the units of the
// handouts to build or report, in input order, and the problems found
// while reading them (sorted). An input is read once, or twice when there
// is a manifest and it does not show the handout up to date. Of each input it keeps only its hash and,
// unless the manifest alone shows it up to date, what planning needs (see
// meta): no bytes outlive this call, and parsed handouts only as many as
// parseCacheBytes allows.
//
// A handout the manifest vouched for is parsed after all when its id is
// also another's, so that both are reported.
func (r *run) load(ins []Input) ([]*unit, diag.List) {
	b := r.b
	sums := make([]digest, len(ins))
	quick := make([]*unit, len(ins))
	metas := make([]*meta, len(ins))
	lists := make([]diag.List, len(ins))
	var parsed atomic.Int64
	var budget atomic.Int64 // left of parseCacheBytes
	budget.Store(parseCacheBytes)
	keep := func(cost int64) bool {
		for {
			left := budget.Load()
			if left < cost {
				return false
			}
			if budget.CompareAndSwap(left, left-cost) {
				return true
			}
		}
	}
	// While the manifest is being read (see Build), and when there is one
	// to show that handouts are up to date, every handout is read and
	// hashed; the bytes are not kept: one that is not up to date is read
	// again to be parsed.
	tryQuick := !b.Force && b.Lint == nil
	hashed := make([]bool, len(ins))
	if _, err := os.Stat(filepath.Join(b.Dir, ManifestName)); err == nil && tryQuick {
		forEach(len(ins), r.jobs, func(i int) {
			buf := hashBufs.Get().(*[]byte)
			defer hashBufs.Put(buf)
			data, err := ins[i].readInto(*buf)
			if err != nil {
				return
			}
			sums[i], hashed[i] = digestOf(data), true
			if ins[i].Data == nil && cap(data) > cap(*buf) && cap(data) <= 64<<10 {
				*buf = data[:0] // grown for this file: kept for the next
			}
		})
	}
	r.awaitFolder()
	read := func(i int, tryQuick bool) {
		in := &ins[i]
		if tryQuick && hashed[i] {
			if quick[i] = r.quick(in, i, sums[i]); quick[i] != nil {
				return
			}
			tryQuick = false
		}
		data, err := in.read()
		if err != nil {
			sums[i], lists[i] = digest{}, readDiag(in, err)
			return
		}
		sums[i] = digestOf(data)
		if tryQuick {
			if quick[i] = r.quick(in, i, sums[i]); quick[i] != nil {
				return
			}
		}
		h, d := parseHandout(in.Name, data, handout.Options{Assets: in.Assets})
		parsed.Add(1)
		lists[i] = d
		if h != nil {
			metas[i] = metaOf(h)
			if !d.HasErrors() && keep(parsedCost(data)) {
				metas[i].parsed = h
			}
		}
	}
	forEach(len(ins), r.jobs, func(i int) { read(i, tryQuick) })
	ids := map[string]int{}
	for i := range ins {
		if quick[i] != nil {
			ids[quick[i].id]++
		} else if metas[i] != nil {
			ids[metas[i].id.Value]++
		}
	}
	var again []int
	for i := range ins {
		if u := quick[i]; u != nil && ids[u.id] > 1 {
			// Its record stays in the manifest: the manifest knew it.
			r.hands = append(r.hands, manHand{key: hashKey{d: u.handout}, rec: u.record()})
			quick[i] = nil
			again = append(again, i)
		}
	}
	ids = nil
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
// than its own work (except those load kept in u.parsed, which it then
// uses instead of parsing the same bytes again). It returns nil, with the
// problems in p, when the file can no longer be read or parsed. changed
// says that the file is not what load read: what was read now is then what
// is built, and its outputs are keyed by the hash of these bytes.
func (r *run) reparse(u *unit, p *prepared) (h *handout.Handout, changed bool) {
	in := u.in
	kept := u.parsed
	u.parsed = nil
	data, err := in.read()
	if err != nil {
		p.diags = append(p.diags, readDiag(in, err)...)
		return nil, true
	}
	s := digestOf(data)
	if kept != nil && s == u.handout {
		return kept, false
	}
	h, d := parseHandout(in.Name, data, handout.Options{Assets: in.Assets})
	if s == u.handout {
		if h == nil { // parsing is deterministic: cannot happen
			p.diags = append(p.diags, d...)
		}
		return h, false
	}
	p.diags = append(p.diags, d...)
	if h == nil {
		return nil, true
	}
	if h.ID.Value != u.id {
		p.diags.Add(h.ID.Pos, "changed", "id", fmt.Sprintf("the file changed during the build: its id is now %q, not %q", h.ID.Value, u.id),
			"build again")
		return nil, true
	}
	if u.recorded { // the record of the bytes read first stays
		r.mu.Lock()
		r.hands = append(r.hands, manHand{key: hashKey{d: u.handout}, rec: u.record()})
		r.mu.Unlock()
	}
	u.font, u.handout, u.assets = fonts.Choose(h.Font.Value, h.Language.Value).Name, s, handoutAssets(h)
	u.sums, u.keyErr = r.assetSums(in.Assets, u.assets)
	for _, i := range u.ranks {
		r.outs[i].hasIH = false
	}
	u.recorded = u.keyErr == nil
	if u.recorded {
		r.newHandouts.Store(true)
	}
	return h, true
}

func sameRecord(a, b ManifestHandout) bool {
	return a.ID == b.ID && a.Font == b.Font && slices.Equal(a.Assets, b.Assets)
}

// upToDate reports whether the manifest shows the output to be up to date:
// built from inputs of the same hash, and unchanged since. It then fills in
// the output's status, pages, size and hash.
func (r *run) upToDate(o *outRec) bool {
	name := r.name(o)
	e := r.man.out(name)
	if e == nil || e.inputs.odd || e.sum.odd {
		return false
	}
	ih, ok := r.inputsHash(o)
	if !ok || ih != e.inputs.d {
		return false
	}
	path := filepath.Join(r.b.Dir, name)
	s, size, ok := r.stats.trusted(name, path)
	crc, hasCRC := parseCRC(e.crc)
	if !ok || s != e.sum.d {
		// The note is read before the bytes, so that a change while
		// they are read shows in the next run's stamp.
		at := statNow()
		var st fileStamp
		var stamped bool
		var n int
		var exists bool
		var err error
		if hasCRC {
			// The same size and CRC-32C as recorded: the recorded
			// SHA-256 is the file's (see ManifestOutput). The stamp
			// comes from the open file, before its bytes.
			c, err := crcFile(path, e.bytes)
			if !c.exists || err != nil || c.size != e.bytes || c.crc != crc {
				return false
			}
			s, n, st, stamped = e.sum.d, c.size, c.stamp, c.stamped
		} else {
			st, stamped = stampOf(path)
			s, n, exists, err = hashFile(path)
			if !exists || err != nil || s != e.sum.d {
				return false
			}
		}
		if size = int64(n); stamped && st.size == size {
			r.stats.note(name, st, at, s)
		}
	}
	o.status, o.pages, o.size, o.sum, o.crc, o.hasSum = codeUpToDate, e.pages, int(size), s, crc, true
	if u := o.u; e.input != u.in.Name { // the same handout, under another name
		entry := e.entry()
		entry.Input = u.in.Name
		r.mu.Lock()
		if r.renamed == nil {
			r.renamed = map[string]ManifestOutput{}
		}
		r.renamed[name] = entry
		r.mu.Unlock()
		r.dirty.Store(true)
	}
	return true
}

// prepared is a handout's work up to writing: linted, checked against the
// manifest, and rendered where needed.
type prepared struct {
	diags  diag.List
	failed bool      // an error in the handout: no file is written
	need   []*outRec // the outputs that are not up to date
	data   [][]byte  // their PDFs
}

func (r *run) unitOuts(u *unit) []*outRec {
	outs := make([]*outRec, len(u.ranks))
	for k, i := range u.ranks {
		outs[k] = &r.outs[i]
	}
	return outs
}

// prepare lints the handout, finds which of its outputs are up to date, and
// renders the others. It can run for many handouts at once.
func (r *run) prepare(u *unit) *prepared {
	b := r.b
	p := &prepared{}
	outs := r.unitOuts(u)
	var h *handout.Handout
	if b.Lint != nil {
		if h, _ = r.reparse(u, p); h == nil {
			p.failed, p.need = true, outs
			return p
		}
		d := b.Lint(h)
		p.diags = append(p.diags, d...)
		if d.HasErrors() {
			p.failed, p.need = true, outs
			return p
		}
	}
	for _, o := range outs {
		start := time.Now()
		if b.Force || !r.upToDate(o) {
			p.need = append(p.need, o)
		}
		o.took += time.Since(start)
	}
	if len(p.need) == 0 || (!b.Check && r.dirBroken()) {
		return p
	}
	if h == nil {
		var changed bool
		h, changed = r.reparse(u, p)
		if h == nil {
			p.failed, p.need = true, outs
			return p
		}
		if changed { // what was found up to date was so for other bytes
			p.need = outs
		}
	}
	p.data = make([][]byte, len(p.need))
	for i, o := range p.need {
		start := time.Now()
		paper := r.paper(o)
		pdf, pages, d := r.render(h, paper, b.Options)
		p.diags = append(p.diags, d...)
		if !d.HasErrors() && pdf == nil {
			p.diags.Add(diag.Pos{File: h.File}, "render", "", fmt.Sprintf("rendering on %s paper produced no PDF", paper.Name), "")
		}
		if d.HasErrors() || pdf == nil {
			p.failed = true
		} else {
			p.data[i] = pdf
			o.pages, o.size, o.sum, o.crc, o.hasSum = pages, len(pdf), digestOf(pdf), crcOf(pdf), true
		}
		o.took += time.Since(start)
	}
	return p
}

// finish completes a handout's work: it writes the rendered files (with
// Check, compares them), records the outcome, and reports the outputs. p
// is nil for a handout that was not started. interrupted says that the run
// was interrupted by the time the handout was rendered: its files are then
// not written.
//
// With FailFast, handouts finish one at a time in the order they were
// started (they still render in parallel), so that which handouts are
// written before the first failure does not depend on timing.
func (r *run) finish(u *unit, p *prepared, interrupted bool) {
	b := r.b
	switch {
	case p == nil:
		r.notRun(u, interrupted)
		return
	case b.FailFast && r.stop.Load():
		r.notRun(u, false)
		return
	case !p.failed && len(p.need) > 0 && !b.Check && interrupted:
		r.notRun(u, true) // rendered, but interrupted before writing
		return
	}
	u.parsed = nil // when no output needed rendering
	failed := p.failed
	diags := p.diags
	fail := func(outs []*outRec) {
		failed = true
		for _, o := range outs {
			o.status, o.pages, o.size, o.sum, o.hasSum, o.record = codeFailed, 0, 0, digest{}, false, false
		}
	}
	switch {
	case failed:
		fail(p.need)
	case len(p.need) == 0:
	case b.Check:
		for i, o := range p.need {
			start := time.Now()
			switch same, exists := sameFile(r.path(o), p.data[i]); {
			case same:
				o.status = codeUpToDate
			case exists:
				o.status = codeStale
			default:
				o.status = codeMissing
			}
			o.took += time.Since(start)
		}
	default:
		d, ok := r.makeDir()
		diags = append(diags, d...)
		if !ok {
			fail(p.need)
			break
		}
		// Write the temporary files; after the first that fails, the
		// handout's others are not tried.
		temps := make([]*tempFile, 0, len(p.need)) // nil: left unchanged
		existed := make([]bool, len(p.need))
		failAt, failErr := len(p.need), error(nil)
		for i, o := range p.need {
			start := time.Now()
			_, statErr := os.Lstat(r.path(o))
			existed[i] = statErr == nil
			t, err := b.Writer.tempFor(r.path(o), p.data[i], 0o644)
			p.data[i] = nil
			o.took += time.Since(start)
			if err != nil {
				failAt, failErr = i, err
				break
			}
			temps = append(temps, t)
		}
		// Make them durable, with other handouts' files, and rename them
		// into place (see committer); the handout is settled once they
		// are, while this writer goes on to the next. The folder is synced
		// once, after every rename of the run (see Build), not after each.
		// Under FailFast, handouts finish one at a time, in order: the
		// writer waits.
		start := time.Now()
		then := func(n int, err error) {
			if err != nil {
				failAt, failErr = n, err
			}
			took := time.Since(start)
			for i, o := range p.need[:failAt] {
				o.took += took
				o.status = codeUnchanged
				if temps[i] != nil {
					o.status = codeWritten
					r.renamedAny.Store(true)
				}
				if _, ok := r.inputsHash(o); ok {
					o.record = true
					r.dirty.Store(true)
				}
			}
			if failAt < len(p.need) {
				diags = append(diags, writeError(r.path(p.need[failAt]), failErr, existed[failAt]))
				fail(p.need[failAt:])
			}
			r.settle(u, diags, failed)
		}
		if b.FailFast {
			then(r.commit.commit(temps))
		} else {
			r.commit.commitAsync(temps, then)
		}
		return
	}
	r.settle(u, diags, failed)
}

// settle records a handout that was tried: its diagnostics, whether it
// failed, and its outputs as settled.
func (r *run) settle(u *unit, diags diag.List, failed bool) {
	u.diags = dedup(diags)
	r.mu.Lock()
	r.res.Diags = append(r.res.Diags, u.diags...)
	if failed {
		r.failed = append(r.failed, u)
	}
	r.mu.Unlock()
	if failed && r.b.FailFast {
		r.stop.Store(true)
	}
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
	r.commit.open(r.b.Dir)
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
	r     *run
	state []int8 // of run.outs: pending, settled or skipped
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
	for e.next < len(e.state) && e.state[e.next] != pending {
		if e.state[e.next] == settled && e.done != nil {
			e.done(e.r.output(&e.r.outs[e.next]))
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
