//go:build unix

package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// TestBuildOutputNotWritableAsUser: an output folder the user may not write
// to is reported, and the previous PDF in it stays as it was. Permissions
// do not bind root, so as root the binary is run as the user nobody.
func TestBuildOutputNotWritableAsUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("SKIPPED: not root; TestBuildOutputProblems/not_writable covers this case in-process")
	}
	tmp := t.TempDir()
	// nobody must be able to reach the binary and the handout.
	for _, d := range []string{filepath.Dir(tmp), tmp} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bin := buildBinary(t, tmp)
	in := filepath.Join(tmp, "in")
	writeHandouts(t, in, "ro", 1, "read-only")
	out := filepath.Join(tmp, "dist")
	runBinary(t, bin, "build", "-o", out, in) // as root: the previous PDFs
	before := readPDFs(t, out, false)

	nobody := &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	probe := exec.Command(bin, "version")
	probe.SysProcAttr = nobody
	if out, err := probe.CombinedOutput(); err != nil {
		t.Skipf("SKIPPED: the user nobody cannot run %s (is $TMPDIR private?): %v %s", bin, err, out)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "build", "-o", out, in)
	cmd.Stderr = &stderr
	cmd.SysProcAttr = nobody
	// The handout changes, so that the build has something to write.
	data, _ := os.ReadFile(filepath.Join(in, "ro-00.yaml"))
	if err := os.WriteFile(filepath.Join(in, "ro-00.yaml"), bytes.Replace(data, []byte("read-only"), []byte("changed"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	err := cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("exit code %d (%v), want 1; stderr:\n%s", code, err, stderr.String())
	}
	want := filepath.Join(out, "ro-00-letter.pdf") + ": cannot write the PDF: permission denied; the previous file is unchanged (you may not write in this folder; choose another with -o)\n" +
		"1 error in 1 file; not built: " + filepath.Join(in, "ro-00.yaml") + "\n"
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
	after := readPDFs(t, out, false)
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed", name)
		}
	}
}
