package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"handout/internal/build"
	"handout/internal/handout"
)

type newOptions struct {
	Out, ErrOut io.Writer

	Kind     handout.Kind
	Path     string
	Reviewed time.Time // the starter's reviewed date
}

func newNewCmd(e *Env, runF func(*newOptions) error) *cobra.Command {
	opts := &newOptions{Out: e.Out, ErrOut: e.ErrOut}
	kinds := make([]string, len(handout.Kinds))
	for i, k := range handout.Kinds {
		kinds[i] = string(k)
	}
	cmd := &cobra.Command{
		Use:   "new " + strings.Join(kinds, "|") + " PATH",
		Short: "Write a starter handout to edit",
		Long: `Write a starter handout of the given kind to PATH (a new .yaml file), with a
comment on every field saying what it is for, its limits, and whether it is
required. Its text is an example, about a made-up cream or a common
complaint, to replace with your own; as it is, it validates, builds and
passes "handout lint".

The id is made from the file name, and the reviewed date is today (or
SOURCE_DATE_EPOCH when it is set). The first line points editors at the
schema ("handout schema"): at handout.schema.json in PATH's folder, a folder
above it, or a "handouts" folder beside one of those; if there is none, at
handout.schema.json beside PATH, which you can create with "handout schema".

An existing file is never overwritten, and nothing is written on an error.

Exit status: 0 when the file was written, 1 when it could not be (it exists,
or its folder does not), 2 on wrong usage.`,
		Example: `  handout new evidence-ladder handouts/knee-evidence.yaml
  handout new discussion-checklist handouts/knee-visit.yaml`,
		Args: usageArgs(cobra.ExactArgs(2)),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return kinds, cobra.ShellCompDirectiveNoFileComp
			}
			return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			kind := handout.Kind(args[0])
			if !isKind(kind) {
				hint := "use one of: " + strings.Join(kinds, ", ")
				if s := handout.Suggest(args[0], kinds); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				return usageErrorf("unknown kind %q (%s)", args[0], hint)
			}
			if !build.IsHandoutFile(args[1]) {
				return usageErrorf("%s: a handout file name ends in .yaml or .yml", args[1])
			}
			if strings.HasPrefix(filepath.Base(args[1]), ".") {
				return usageErrorf("%s: a file whose name starts with a dot is skipped when its folder is built or watched; choose a name without the dot", args[1])
			}
			date, err := sourceDateEpoch(e.Getenv)
			if err != nil {
				return usageError{err}
			}
			if date.IsZero() {
				date = e.now()
			}
			opts.Kind, opts.Path, opts.Reviewed = kind, args[1], date
			if runF != nil {
				return runF(opts)
			}
			return runNew(opts)
		},
	}
	return cmd
}

func isKind(k handout.Kind) bool {
	for _, known := range handout.Kinds {
		if k == known {
			return true
		}
	}
	return false
}

func runNew(opts *newOptions) error {
	fail := func(msg, hint string) error {
		fmt.Fprintf(opts.ErrOut, "%s: %s (%s)\n", opts.Path, msg, hint)
		return &failedError{summary: "nothing written"}
	}
	dir := filepath.Dir(opts.Path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fail(fmt.Sprintf("the folder %s does not exist", dir), "create it first, or give another path")
	}
	if _, err := os.Lstat(opts.Path); err == nil {
		return fail("the file already exists; it is left as it is", "give a new file name, or delete the file first")
	}
	schema, found := findSchema(dir)
	id := handout.IDFromFileName(opts.Path)
	if id == "" {
		id = string(opts.Kind)
	}
	// Handouts built together need ids of their own: one already used in
	// the folder gets a number.
	base, taken := id, idsIn(dir)
	for n := 2; taken[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	date := opts.Reviewed.UTC()
	data, err := handout.Starter(opts.Kind, handout.StarterOptions{ID: id, Schema: schema, File: filepath.Base(opts.Path),
		Reviewed: time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return fail(err.Error(), "this is a bug in handout")
	}
	if err := createNew(opts.Path, data); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fail("the file already exists; it is left as it is", "give a new file name, or delete the file first")
		}
		return fail("cannot write the file: "+plainErr(err), "check the folder's permissions and free space")
	}
	fmt.Fprintf(opts.Out, "wrote %s, a starter %s with id %q\n", opts.Path, opts.Kind, id)
	if id != base {
		fmt.Fprintf(opts.Out, "note: id %q is used by another handout in %s; this one got %q (it names the PDFs; change it if you like)\n", base, dir, id)
	}
	fmt.Fprintf(opts.Out, "next: replace its example text with your own, then run: handout build %s\n", shellQuote(opts.Path))
	if !found {
		fmt.Fprintf(opts.Out, "for completion and checks in your editor, run: handout schema > %s\n",
			shellQuote(filepath.Join(dir, handout.SchemaFile)))
	}
	return nil
}

// findSchema returns the path, relative to dir and with / between names, of
// the schema file editors should use for a handout in dir: the nearest
// handout.schema.json in dir or a folder above it, or in a "handouts" folder
// beside one of those. found is false, and the path names a file beside the
// handout, when there is none.
func findSchema(dir string) (rel string, found bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return handout.SchemaFile, false
	}
	for d := abs; ; d = filepath.Dir(d) {
		for _, p := range []string{filepath.Join(d, handout.SchemaFile), filepath.Join(d, "handouts", handout.SchemaFile)} {
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				if r, err := filepath.Rel(abs, p); err == nil {
					return filepath.ToSlash(r), true
				}
			}
		}
		if filepath.Dir(d) == d {
			return handout.SchemaFile, false
		}
	}
}

// createNew writes data to a new file name, atomically: to a temporary file
// beside it, synced, then linked to name, which fails if name exists. So a
// reader never sees a half-written file, and an existing file is never
// replaced, even one created meanwhile.
func createNew(name string, data []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if rmErr := os.Remove(tmp); err == nil && rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) {
			err = rmErr
		}
	}()
	if _, err = f.Write(data); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	if err = os.Link(tmp, name); err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	// A file system without hard links: rename, after checking once more.
	if _, lerr := os.Lstat(name); lerr == nil {
		return fs.ErrExist
	}
	return os.Rename(tmp, name)
}

// plainErr is an error without the path it names, which the message gives.
func plainErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// shellQuote quotes a path for a POSIX shell when it needs quotes, so that
// a command printed for the user can be pasted as it is.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+,:@%=") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// idLine finds a handout's top-level id in its YAML.
var idLine = regexp.MustCompile(`(?m)^id:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*(?:#.*)?$`)

// idsIn returns the ids of the handout files in dir, read from their "id:"
// lines (a file that cannot be read is passed over: it cannot be built
// with the new one either).
func idsIn(dir string) map[string]bool {
	ids := map[string]bool{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ids
	}
	for _, e := range entries {
		if e.IsDir() || !build.IsHandoutFile(e.Name()) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		for _, m := range idLine.FindAllSubmatch(data, -1) {
			ids[string(m[1])] = true
		}
	}
	return ids
}
