package build

import "os"

// committer makes a run's output files durable in groups (a group commit).
// A file's bytes must reach the disk before it is renamed over the old
// file, so that a crash leaves one or the other whole. Syncing each file on
// its own costs a wait for the disk per file; instead each handout's
// temporary files are handed, unsynced, to the run's one committer, which
// takes every file handed to it since its last group, makes them all
// durable with one sync of the whole file system, and only then renames
// them into place. While it waits for the disk, the next group gathers:
// the busier the run, the larger the groups, with no timer. Whoever hands
// files over need not wait for the disk either: the committer calls back
// when they are in place (see commitAsync), so that the writers keep up
// with the workers however slow the disk; a few handouts a worker may wait
// for a group (see newCommitter), so the number of open files stays
// bounded.
//
// Where the file system cannot be synced as a whole (another system, a
// sync that fails), each file of the group is synced on its own, as
// WriteFile does, which also tells which file met the error.
type committer struct {
	reqs chan *commitReq
	done chan struct{}
	// dir is the output folder, opened before the first file is written
	// in it (see open): a sync of the file system through it reports any
	// write-back error met since it was opened, on any file of the file
	// system, once.
	dir *os.File
	// fsFailed: a sync of the file system failed. Each file is then
	// synced on its own for the rest of the run: the error may have been
	// that of a file still waiting for its group, which a later sync of
	// the file system would not report again, while the file's own sync
	// does.
	fsFailed bool
}

// commitReq is one handout's temporary files, in the order of its outputs.
type commitReq struct {
	files []*tempFile // nil for an output left unchanged
	count int         // of the files that are not nil
	// then is called, on the committer's goroutine, with the number of
	// files renamed into place and the error that stopped the others.
	then func(n int, err error)
}

// newCommitter starts the committer of a run of jobs workers. Up to four
// handouts a worker may wait for its next group before the writer that
// hands over another waits too: enough that a worker is not held up by an
// ordinary sync, few enough that the files waiting stay few and that the
// run does not get far ahead of what it has reported (a build whose
// output is not being read, or is interrupted, stops soon after).
func newCommitter(jobs int) *committer {
	c := &committer{reqs: make(chan *commitReq, 4*max(jobs, 1)), done: make(chan struct{})}
	go c.loop()
	return c
}

// open opens the output folder once it exists, before any file is written
// in it; run.makeDir calls it. Without it, files are synced one by one.
func (c *committer) open(dir string) {
	if d, err := os.Open(dir); err == nil {
		c.dir = d
	}
}

// commitAsync makes files durable and renames them into place, in order,
// then calls then with the number renamed and the error that stopped the
// others: after the first that fails, the others are removed, not renamed.
// It returns at once, unless the queue of handouts waiting is full; then
// runs on the committer's goroutine (or on the caller's, when there is no
// file to write), and must not call the committer.
func (c *committer) commitAsync(files []*tempFile, then func(n int, err error)) {
	q := &commitReq{files: files, then: then}
	for _, t := range files {
		if t != nil {
			q.count++
		}
	}
	if q.count == 0 {
		then(len(files), nil) // nothing to write
		return
	}
	c.reqs <- q
}

// commit is commitAsync that returns when the files are in place, with the
// number renamed and the error.
func (c *committer) commit(files []*tempFile) (n int, err error) {
	done := make(chan struct{})
	c.commitAsync(files, func(rn int, rerr error) {
		n, err = rn, rerr
		close(done)
	})
	<-done
	return n, err
}

// close waits for the last group, and every callback, and releases the
// folder. No commit may follow.
func (c *committer) close() {
	close(c.reqs)
	<-c.done
	if c.dir != nil {
		c.dir.Close()
	}
}

func (c *committer) loop() {
	defer close(c.done)
	for q := range c.reqs {
		// The group: this request and every other already waiting.
		group := []*commitReq{q}
		files := q.count
	gather:
		for {
			select {
			case more, ok := <-c.reqs:
				if !ok {
					break gather
				}
				group = append(group, more)
				files += more.count
			default:
				break gather
			}
		}
		// One file is synced more cheaply on its own than with the whole
		// file system.
		synced := false
		if files > 1 && c.dir != nil && !c.fsFailed {
			synced = syncFS(c.dir) == nil
			c.fsFailed = !synced
		}
		for _, q := range group {
			q.then(install(q.files, synced))
		}
	}
}

// install syncs each file (unless synced says that the file system was
// synced since they were written) and renames it into place; after the
// first failure it removes the others.
func install(files []*tempFile, synced bool) (int, error) {
	for i, t := range files {
		if t == nil {
			continue
		}
		err := error(nil)
		if !synced {
			if err = t.sync(); err != nil {
				t.discard()
			}
		}
		if err == nil {
			err = t.install()
		}
		if err != nil {
			for _, t := range files[i+1:] {
				if t != nil {
					t.discard()
				}
			}
			return i, err
		}
	}
	return len(files), nil
}
