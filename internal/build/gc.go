package build

import (
	"os"
	"runtime/debug"
	"sync"
)

// A batch allocates a great deal (drawing one PDF allocates about 0.3 MB) but
// keeps little alive between documents: a few MB a worker, and under a KB
// for every output it reports. Go's default collector (GOGC=100) runs
// whenever the heap has doubled since the last collection, which for such a
// small live heap is about once a document, and the collections, the
// returning of memory to the system and the page faults of taking it back
// cost as much as a third of the run.
//
// So, while a batch runs, the collector is switched off (GOGC=off) and a
// soft memory limit (debug.SetMemoryLimit) takes its place: the heap grows
// to the limit and is collected there, and the process's memory stays at
// that ceiling however many documents the batch has. The limit is at least
// twice the live heap the batch is expected to hold (the estimate below),
// and at least gcFloor, so that builds of 300 or of 10,000 outputs peak at
// about the same size (a build of 100 ends before it reaches the limit). For handouts like the built-in ones that means far fewer
// collections than by default. Handouts that keep much more alive while
// they are drawn (large logos, decoded at 4 bytes a pixel, on many
// workers) reach the limit more often than the default would collect:
// the runtime then caps the collector at about half the CPU, and memory
// stays lower than by default; GOGC or GOMEMLIMIT set by the user win.
//
// A user who sets GOGC or GOMEMLIMIT in the environment keeps their own
// settings: the batch then changes nothing.
const (
	// gcFloor is the smallest limit. With 48 MiB, a build of 1,000
	// outputs on two workers peaked at 52 MB; with 64 MiB, at 69 MB, and
	// took 0.95 times as long (median of 11 pairs), still far under the
	// 100 MB a CI runner is promised. Lower limits cost more: 1.10 times
	// the time with 40 MiB (see README, Speed).
	gcFloor = 64 << 20
	// What a batch is expected to keep alive, generously: a base, the
	// handouts load keeps parsed, the font subsets fpdf keeps for reuse
	// (at most 256, of 7 to 12 KB compressed for the built-in handouts'
	// fonts and texts: 24 KB each leaves room for more glyphs), what each
	// worker holds while it draws, and the record of every output.
	// Measured on the built-in handouts (GODEBUG=gctrace=1, the heap left
	// after each collection): 6 to 9 MB with one or two workers, 21 with 8
	// and 38 with 32; about 400 bytes more for every output.
	gcLiveBase      = 8<<20 + parseCacheBytes + fontSubsetBytes
	fontSubsetBytes = 256 * 24 << 10
	gcLivePerJob    = 2 << 20
	gcLivePerOutput = 512
)

var gcState struct {
	mu      sync.Mutex
	need    int64 // live heap expected of the batches running now
	users   int
	percent int   // as before the first batch
	limit   int64 // as before the first batch
}

// gcUserSet reports whether the environment sets the collector.
var gcUserSet = func() bool { return os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" }

// gcLimit is the memory limit for batches that are expected to keep need
// bytes alive between them.
func gcLimit(need int64) int64 { return max(gcFloor, 2*need) }

// tuneGC sets the collector for a batch of up to outputs outputs on jobs
// workers (see gcFloor), and returns the function that undoes it. Batches
// that run at the same time in one process share one limit, made from what
// they all keep alive; the last to end restores the settings from before
// the first.
func tuneGC(jobs, outputs int) (restore func()) {
	if gcUserSet() {
		return func() {}
	}
	need := int64(gcLiveBase + gcLivePerJob*int64(jobs) + gcLivePerOutput*int64(outputs))
	s := &gcState
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.users == 0 {
		// The limit first: for a moment, no limit and no collector.
		s.limit = debug.SetMemoryLimit(gcLimit(need))
		s.percent = debug.SetGCPercent(-1)
	} else {
		debug.SetMemoryLimit(gcLimit(s.need + need))
	}
	s.users++
	s.need += need
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.users--
		s.need -= need
		if s.users > 0 {
			debug.SetMemoryLimit(gcLimit(s.need))
			return
		}
		debug.SetGCPercent(s.percent)
		debug.SetMemoryLimit(s.limit)
	}
}
