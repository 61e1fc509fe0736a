package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"handout/internal/build"
)

// These tests run the real binary, so that real signals reach it.

// buildBinary compiles cmd/handout into dir and returns its path.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("SKIPPED in -short mode: builds the handout binary and runs it")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SKIPPED on Windows: the test sends Unix signals")
	}
	bin := filepath.Join(dir, "handout")
	cmd := exec.Command("go", "build", "-o", bin, "handout/cmd/handout")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// writeHandouts writes n checklists made from testdata/good.yaml into dir,
// with ids prefix-00, prefix-01, ...; version changes their text, so that
// two versions give different PDFs under the same names.
func writeHandouts(t *testing.T, dir, prefix string, n int, version string) {
	t.Helper()
	good := string(readTestdata(t, "good.yaml"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		id := fmt.Sprintf("%s-%02d", prefix, i)
		data := strings.Replace(good, "id: good", "id: "+id, 1)
		data = strings.Replace(data, "title: A test handout", "title: A test handout, "+version, 1)
		if err := os.WriteFile(filepath.Join(dir, id+".yaml"), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readPDFs reads every file in dir but the manifest; it fails, unless
// tempOK, on temporary files.
func readPDFs(t *testing.T, dir string, tempOK bool) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") && strings.Contains(e.Name(), ".tmp-") {
			if !tempOK {
				t.Errorf("temporary file left behind: %s", e.Name())
			}
			continue
		}
		if e.Name() == build.ManifestName {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = data
	}
	return files
}

func runBinary(t *testing.T, bin string, args ...string) {
	t.Helper()
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("handout %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// TestSIGKILLLeavesOldOrNew builds two versions of the same handouts into one
// folder, one after the other, and kills each build with SIGKILL at a random
// moment. At every point, each PDF in the folder must be byte for byte one of
// the two complete versions: never a mix, never cut short. The next build
// removes the temporary files a killed one leaves.
func TestSIGKILLLeavesOldOrNew(t *testing.T) {
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	in := [2]string{filepath.Join(tmp, "v1"), filepath.Join(tmp, "v2")}
	// Twelve handouts: files are reported as their group reaches the disk,
	// several at a time, so a build of a few handouts would often be over
	// by the time the test has read a few lines.
	writeHandouts(t, in[0], "kill", 12, "version one")
	writeHandouts(t, in[1], "kill", 12, "version two")

	// The two complete versions, and how long a whole build takes.
	var want [2]map[string][]byte
	var took time.Duration
	for i := range in {
		dir := filepath.Join(tmp, fmt.Sprintf("want%d", i))
		start := time.Now()
		runBinary(t, bin, "build", "-o", dir, in[i])
		took = max(took, time.Since(start))
		want[i] = readPDFs(t, dir, false)
		if len(want[i]) != 24 {
			t.Fatalf("version %d built %d files, want 24", i+1, len(want[i]))
		}
	}

	out := filepath.Join(tmp, "dist")
	rng := rand.New(rand.NewSource(1))
	killed, finished, leftovers := 0, 0, 0
	for round := range 30 {
		v := round % 2
		cmd := exec.Command(bin, "build", "-o", out, in[v])
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if round%3 == 0 {
			// Any moment of the run: starting, reading, rendering, writing.
			time.Sleep(time.Duration(rng.Int63n(int64(took * 3 / 2))))
		} else {
			// Writing takes a small part of a run, so aim near it: a
			// handout's papers are written one right after the other, so
			// a few milliseconds after the report of one file, the next
			// is being written.
			br := bufio.NewReader(stdout)
			for k := 1 + rng.Intn(8); k > 0; k-- {
				if _, err := br.ReadString('\n'); err != nil {
					break
				}
			}
			time.Sleep(time.Duration(rng.Int63n(int64(3 * time.Millisecond))))
		}
		_ = cmd.Process.Kill()             // SIGKILL: no chance to clean up
		_, _ = io.Copy(io.Discard, stdout) // ends when the process does
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			killed++
		} else if err == nil {
			finished++
		} else {
			t.Fatalf("round %d: build failed: %v", round, err)
		}
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".pdf.tmp-") {
				leftovers++
			}
		}
		for name, data := range readPDFs(t, out, true) {
			if !bytes.Equal(data, want[0][name]) && !bytes.Equal(data, want[1][name]) {
				t.Fatalf("round %d: %s is neither complete version (%d bytes)", round, name, len(data))
			}
		}
	}
	t.Logf("%d builds killed, %d finished before the kill; %d temporary files seen after a kill", killed, finished, leftovers)
	if killed < 5 {
		t.Errorf("only %d of 30 builds were killed while running; the test checked too little", killed)
	}

	// A build that runs to the end leaves the new version and nothing else.
	runBinary(t, bin, "build", "-o", out, in[0])
	got := readPDFs(t, out, false)
	if len(got) != len(want[0]) {
		t.Errorf("the folder holds %d PDFs, want %d", len(got), len(want[0]))
	}
	for name, data := range got {
		if !bytes.Equal(data, want[0][name]) {
			t.Errorf("%s is not the version just built", name)
		}
	}
}
