package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"handout/internal/diag"
)

// DefaultQuiet is how long a watch waits, after a change, for the files to
// be quiet before it builds: an editor's save is several events (a
// temporary file written, renamed over the handout, its mode set), and they
// all go into one build.
const DefaultQuiet = 150 * time.Millisecond

// maxWait bounds the wait for quiet: files that keep changing (a long copy)
// are built at least this often.
const maxWait = 2 * time.Second

// Watcher builds handouts once, then again whenever a file that their PDFs
// are made from changes, until its context is cancelled.
//
// Every build is an ordinary Batch.Build of the inputs found anew (so new,
// renamed and removed handout files are noticed): what is up to date is
// found from the output folder's manifest, exactly as by "handout build",
// and only the PDFs whose inputs changed are rendered again. A handout with
// a problem gets no PDF, as in any build: the PDFs it had stay as they were.
type Watcher struct {
	// Paths are the handout files, folders and patterns, as DiscoverFiles
	// takes them. There must be at least one.
	Paths []string
	// AssetsDir is the assets folder of every handout (--assets); empty
	// means the folder AssetsDirFor finds for each.
	AssetsDir string
	// Batch is how each build is run. Force applies to the first build
	// only; Shard and Check must not be set.
	Batch *Batch
	// Setup, when not nil, is called before each build with the batch to
	// run, to read what the options take from files (a brand file) and
	// set them in it. It returns those files, which are watched like the
	// handouts, and its problems: with an error among them the build is
	// not run, and every PDF is left as it is.
	Setup func(b *Batch) (Deps, diag.List)
	// Quiet is how long the files must be quiet after a change before the
	// build; zero means DefaultQuiet.
	Quiet time.Duration
	// Round, when not nil, is called after each build, the first one
	// included, once the folders it watches next are watched: a change
	// made after Round returns is always seen.
	Round func(Round)
}

// Deps are files that every output is made from besides the handouts and
// their logos, for a watch to follow.
type Deps struct {
	Files []string // files whose every change matters
	// Dirs are folders in which any file matters: where a file with a
	// problem may name another (the folder of a brand file that could
	// not be read, where its logo is).
	Dirs []string
}

// Round is one build of a watch.
type Round struct {
	N int // 0 for the first build
	// Changed are the files and folders whose change started the build
	// (absolute paths), sorted. It is empty for the first build, for one
	// made after new folders were first watched (to find what was made in
	// them before), and when the system lost track of the changes (too
	// many at once).
	Changed []string
	Inputs  []Input
	// Discover holds the problems of finding the inputs (a file that
	// went away, a pattern that matches nothing); Result.Diags those of
	// the build.
	Discover diag.List
	Result   Result
	// Setup holds the problems Watcher.Setup found; with an error among
	// them, Skipped is set and Result is empty: nothing was built.
	Setup   diag.List
	Skipped bool
	// Added and Removed are the handout files (Input.Name) found in this
	// build and not in the one before, and the other way round.
	Added, Removed []string
	// Watched is the number of folders watched for the next build.
	Watched int
}

// Run builds, then watches and builds again after each burst of changes,
// until ctx is cancelled; it then returns nil, after finishing (or
// interrupting, as any build does) the build under way. It returns an
// error only when the files cannot be watched at all.
func (w *Watcher) Run(ctx context.Context) error {
	if len(w.Paths) == 0 {
		return errors.New("nothing to watch: no handout file, folder or pattern was given")
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("cannot watch files: %w", err)
	}
	defer fw.Close()
	quiet := w.Quiet
	if quiet <= 0 {
		quiet = DefaultQuiet
	}

	var set *watchSet
	var prev []Input
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	pending := map[string]bool{}
	rescan := false // build without knowing what changed
	var first time.Time
	for n := 0; ; n++ {
		if n > 0 {
			// Wait for a change, then for quiet.
		wait:
			for {
				select {
				case <-ctx.Done():
					return nil
				case ev, ok := <-fw.Events:
					if !ok {
						return nil
					}
					if !set.matters(ev) {
						continue
					}
					if len(pending) == 0 && !rescan {
						first = time.Now()
					}
					pending[filepath.Clean(ev.Name)] = true
					timer.Reset(min(quiet, max(time.Until(first.Add(maxWait)), 0)))
				case _, ok := <-fw.Errors:
					if !ok {
						return nil
					}
					// An overflow of the system's queue of events, or a
					// folder that could not be read: build, and let the
					// manifest find what changed.
					if len(pending) == 0 && !rescan {
						first = time.Now()
					}
					rescan = true
					timer.Reset(quiet)
				case <-timer.C:
					if len(pending) > 0 || rescan {
						break wait
					}
				}
			}
		}
		r := Round{N: n}
		if !rescan {
			for p := range pending {
				r.Changed = append(r.Changed, p)
			}
			slices.Sort(r.Changed)
		}
		clear(pending)
		rescan = false

		b := *w.Batch
		if n > 0 {
			b.Force = false
		}
		var deps Deps
		if w.Setup != nil {
			deps, r.Setup = w.Setup(&b)
		}
		r.Inputs, r.Discover = DiscoverFiles(w.Paths, w.AssetsDir)
		if n == 0 {
			// Watch before the first build, so that no change made while
			// it runs is lost.
			set = w.watchSet(r.Inputs, nil, deps)
			set.apply(fw)
		}
		var res *Result
		if r.Skipped = r.Setup.HasErrors(); !r.Skipped {
			r.Result = b.Build(ctx, r.Inputs)
			res = &r.Result
		}
		if n > 0 {
			r.Added, r.Removed = inputChanges(prev, r.Inputs)
		}
		prev = r.Inputs

		set = w.watchSet(r.Inputs, res, deps)
		var added int
		r.Watched, added = set.apply(fw)
		if n > 0 && added > 0 {
			// A file made in a new folder before it was watched (a new
			// folder of handouts, a logo's new folder) was not seen:
			// build once more, which finds it if there is one.
			rescan = true
			first = time.Now()
			timer.Reset(quiet)
		}
		if w.Round != nil {
			w.Round(r)
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// inputChanges returns the names of the inputs in now and not in before,
// and those in before and not in now, each in their order.
func inputChanges(before, now []Input) (added, removed []string) {
	had := map[string]bool{}
	for _, in := range before {
		had[in.Name] = true
	}
	has := map[string]bool{}
	for _, in := range now {
		has[in.Name] = true
		if !had[in.Name] {
			added = append(added, in.Name)
		}
	}
	for _, in := range before {
		if !has[in.Name] {
			removed = append(removed, in.Name)
		}
	}
	return added, removed
}

// watchSet is what a watch looks at. Paths are absolute and clean. Folders
// are watched, not files: an editor saves by writing a temporary file and
// renaming it over the old one, which a watch on the file itself would
// lose.
type watchSet struct {
	dirs map[string]bool // the folders to watch
	// files are the files whose every change matters: the handout files,
	// their logos and the files of Deps.
	files map[string]bool
	// handoutDirs are the folders in which any handout file (.yaml, .yml)
	// matters: folders given, and those a pattern can find handouts in.
	handoutDirs map[string]bool
	// anyDirs are the folders in which any file matters: the assets
	// folders of handouts whose logos are not known (they have a problem,
	// and the next version may name any file).
	anyDirs map[string]bool
	// treeDirs are the folders in which a new or removed sub-folder
	// matters, as a pattern may then match more or fewer folders.
	treeDirs map[string]bool
	// assetParents are the folders in which a folder named "assets"
	// appearing or going away changes where handouts find their logos
	// (see AssetsDirFor).
	assetParents map[string]bool
	// missing are folders that would be watched but do not exist (yet):
	// their nearest existing parent is watched instead, and a change on
	// the way to them matters.
	missing []string
}

// watchSet is the one place that says what a watch looks at: every file
// and folder whose change can change what a build of w.Paths writes. res
// is the result of the last build (nil before the first, or when none
// ran), which says which logo each handout uses (through the manifest);
// deps are what Watcher.Setup read.
//
// It covers the handout files and the folders and patterns they come from,
// each handout's assets folder and the logo files it uses, and deps (the
// brand file and its logo). An option that makes the PDFs depend on
// another file adds it to the Deps its Setup returns: one line there.
// Anything else that changes the output (the fonts, the version of
// handout, SOURCE_DATE_EPOCH) cannot change while the process runs.
func (w *Watcher) watchSet(ins []Input, res *Result, deps Deps) *watchSet {
	s := &watchSet{dirs: map[string]bool{}, files: map[string]bool{}, handoutDirs: map[string]bool{},
		anyDirs: map[string]bool{}, treeDirs: map[string]bool{}, assetParents: map[string]bool{}}

	// Where the handout files come from.
	for _, p := range w.Paths {
		name := filepath.Clean(p)
		fi, err := os.Stat(name)
		switch {
		case err == nil && fi.IsDir():
			s.addDir(s.handoutDirs, name)
		case err != nil && hasMeta(p):
			s.pattern(p)
		default: // a file, or a path that does not exist (yet)
			s.addFile(name)
		}
	}
	for _, f := range deps.Files {
		s.addFile(f)
	}
	for _, d := range deps.Dirs {
		s.addDir(s.anyDirs, d)
	}

	// The handouts and their assets.
	if w.AssetsDir != "" {
		s.addDir(nil, w.AssetsDir)
	}
	known := w.knownAssets(ins, res)
	for _, in := range ins {
		file := in.Path
		if file == "" {
			file = in.Name
		}
		s.addFile(file)
		if w.AssetsDir == "" {
			// Where an assets folder appearing would change the rule.
			dir := filepath.Dir(file)
			s.addDir(s.assetParents, dir)
			s.addDir(s.assetParents, filepath.Join(dir, ".."))
		}
		if in.AssetsDir == "" {
			continue
		}
		names, ok := known[in.Name]
		if !ok {
			s.addDir(s.anyDirs, in.AssetsDir)
			continue
		}
		for _, a := range names {
			s.addFile(filepath.Join(in.AssetsDir, filepath.FromSlash(a)))
		}
	}
	return s
}

// knownAssets returns, by input name, the asset files that the manifest
// records for the handouts the last build built or found up to date. A
// handout with a problem is left out: its next version may use any file.
func (w *Watcher) knownAssets(ins []Input, res *Result) map[string][]string {
	known := map[string][]string{}
	if res == nil || len(res.Outputs) == 0 {
		return known
	}
	man, _ := ReadManifest(w.Batch.Dir)
	bad := map[string]bool{}
	for _, f := range res.Failed {
		bad[f] = true
	}
	for _, d := range res.Diags {
		if d.Severity == diag.Error {
			bad[d.Pos.File] = true
		}
	}
	for _, o := range res.Outputs {
		if bad[o.Input] {
			continue
		}
		e, ok := man.Outputs[filepath.Base(o.Path)]
		if !ok {
			continue
		}
		h, ok := man.Handouts[e.HandoutSHA256]
		if !ok {
			continue
		}
		if _, seen := known[o.Input]; !seen {
			known[o.Input] = append([]string{}, h.Assets...)
		}
	}
	return known
}

// pattern adds what a pattern's matches depend on: the folders in which it
// finds handout files, and those in which a new sub-folder may give it
// more.
func (s *watchSet) pattern(p string) {
	root, parts, i, base := splitPattern(filepath.Clean(p))
	// The folders each leading part of the pattern matches: a new
	// sub-folder in one of them may match the next part.
	var last []string
	for k := i; k < len(parts); k++ {
		level := []string{base}
		if k > i {
			level, _ = Glob(filepath.Join(root, filepath.FromSlash(strings.Join(parts[:k], "/"))) + string(filepath.Separator))
		}
		for _, d := range level {
			s.addDir(s.treeDirs, d)
		}
		last = level
	}
	// Handout files in the folders the last part looks in, and in the
	// folders the whole pattern matches (a matched folder is read).
	for _, d := range last {
		s.addDir(s.handoutDirs, d)
	}
	matches, _ := Glob(p)
	for _, m := range matches {
		if isDir(m) {
			s.addDir(s.handoutDirs, m)
		}
	}
}

func abs(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// addFile adds a file whose changes matter, and watches its folder.
func (s *watchSet) addFile(name string) {
	name = abs(name)
	s.files[name] = true
	s.watch(filepath.Dir(name))
}

// addDir watches a folder and adds it to the set kind (none when nil).
func (s *watchSet) addDir(kind map[string]bool, dir string) {
	dir = abs(dir)
	if kind != nil {
		kind[dir] = true
	}
	s.watch(dir)
}

// watch watches a folder, or, when it does not exist, its nearest existing
// parent, remembering the one that is missing.
func (s *watchSet) watch(dir string) {
	if isDir(dir) {
		s.dirs[dir] = true
		return
	}
	if !slices.Contains(s.missing, dir) {
		s.missing = append(s.missing, dir)
	}
	for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
		if isDir(p) {
			s.dirs[p] = true
			return
		}
		if filepath.Dir(p) == p {
			return
		}
	}
}

// apply makes fw watch exactly the set's folders, and returns how many it
// watches and how many of them it did not watch before. A folder that
// cannot be watched (removed meanwhile, or the system's limit reached) is
// left out; the next build tries again.
func (s *watchSet) apply(fw *fsnotify.Watcher) (watched, added int) {
	have := map[string]bool{}
	for _, d := range fw.WatchList() {
		have[d] = true
		if !s.dirs[d] {
			_ = fw.Remove(d)
		}
	}
	for d := range s.dirs {
		if have[d] {
			watched++
			continue
		}
		if fw.Add(d) == nil {
			watched++
			added++
		}
	}
	return watched, added
}

// matters reports whether an event can change what a build writes.
func (s *watchSet) matters(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod || ev.Op == 0 {
		return false // touched, or its mode changed: the content is the same
	}
	p := filepath.Clean(ev.Name)
	if s.files[p] {
		return true
	}
	dir, base := filepath.Dir(p), filepath.Base(p)
	if strings.HasPrefix(base, ".") {
		// Editors' temporary and lock files, the builds' own temporary
		// files and manifest: never an input.
		return false
	}
	switch {
	case s.handoutDirs[dir] && IsHandoutFile(base):
		return true
	case s.anyDirs[dir]:
		return true
	case base == "assets" && s.assetParents[dir]:
		return true
	case s.treeDirs[dir] && (s.dirs[p] || isDir(p)):
		return true // a sub-folder came or went
	}
	for _, m := range s.missing {
		if m == p || strings.HasPrefix(m, p+string(filepath.Separator)) {
			return true // on the way to a folder that was missing
		}
	}
	return false
}
