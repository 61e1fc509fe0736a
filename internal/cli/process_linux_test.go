//go:build linux

package cli

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// smallPipe returns a pipe whose buffer holds only 4 KB (Linux), so that a
// process writing to it blocks once it has written that much unread.
func smallPipe(t *testing.T) (r, w *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	const setPipeSize = 1031 // F_SETPIPE_SZ
	if _, _, errno := syscall.Syscall(syscall.SYS_FCNTL, w.Fd(), setPipeSize, 4096); errno != 0 {
		t.Skipf("SKIPPED: cannot shrink a pipe: %v", errno)
	}
	return r, w
}

// TestSignalStopsBuildCleanly sends SIGINT and SIGTERM to a running build of
// 40 handouts. The build must stop before the next handout, exit with 130 or
// 143, leave no temporary file, and every PDF it wrote must be complete.
//
// To be sure the signal arrives while the build is running, its output goes
// into a pipe of 4 KB that the test does not read until the signal is sent:
// the build cannot get far past its first file.
func TestSignalStopsBuildCleanly(t *testing.T) {
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	in := filepath.Join(tmp, "in")
	writeHandouts(t, in, "sig", 40, "signal")
	ref := filepath.Join(tmp, "ref")
	runBinary(t, bin, "build", "-o", ref, in)
	want := readPDFs(t, ref, false)

	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGINT, 130, "SIGINT (Ctrl-C)"}, {syscall.SIGTERM, 143, "SIGTERM"}} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "dist")
			r, w := smallPipe(t)
			defer r.Close()
			var stderr bytes.Buffer
			cmd := exec.Command(bin, "build", "-o", out, in)
			cmd.Stdout, cmd.Stderr = w, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			w.Close()
			br := bufio.NewReader(r)
			if _, err := br.ReadString('\n'); err != nil { // the first file is written
				t.Fatal(err)
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			rest, _ := io.ReadAll(br)
			_ = cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != tc.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tc.code, stderr.String())
			}
			if !strings.HasPrefix(stderr.String(), "interrupted by "+tc.name+", so these were not built: ") ||
				!strings.HasSuffix(stderr.String(), "; every file written is complete\n") {
				t.Errorf("stderr:\n%s", stderr.String())
			}
			got := readPDFs(t, out, false)
			if len(got) == 0 || len(got) >= len(want) {
				t.Errorf("%d of %d PDFs written; want the build stopped part way", len(got), len(want))
			}
			if lines := strings.Count(string(rest), "\n") + 1; lines != len(got) {
				t.Errorf("the build reported %d files and wrote %d", lines, len(got))
			}
			for name, data := range got {
				if !bytes.Equal(data, want[name]) {
					t.Errorf("%s is not complete", name)
				}
			}
		})
	}
}
