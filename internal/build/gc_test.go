package build

import (
	"runtime/debug"
	"testing"
)

// gcSettings reads the collector's settings without changing them.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func TestTuneGC(t *testing.T) {
	savedUser := gcUserSet
	defer func() { gcUserSet = savedUser }()
	gcUserSet = func() bool { return false }
	p0, l0 := gcSettings()

	// A batch of 100 outputs and one of 10,000 get the same ceiling.
	small := tuneGC(2, 100)
	if p, l := gcSettings(); p != -1 || l != gcFloor {
		t.Errorf("during a batch of 100: GOGC %d, limit %d; want off and %d", p, l, gcFloor)
	}
	small()
	large := tuneGC(2, 10000)
	if p, l := gcSettings(); p != -1 || l != gcFloor {
		t.Errorf("during a batch of 10,000: GOGC %d, limit %d; want off and %d", p, l, gcFloor)
	}
	// A second batch at the same time, with many workers and outputs,
	// raises the limit to twice what both keep alive; when it ends, the
	// first's limit is back.
	huge := tuneGC(32, 200000)
	want := 2 * int64(2*gcLiveBase+gcLivePerJob*34+gcLivePerOutput*210000)
	if _, l := gcSettings(); l != want {
		t.Errorf("two batches at once: limit %d, want %d", l, want)
	}
	huge()
	if p, l := gcSettings(); p != -1 || l != gcFloor {
		t.Errorf("after the second batch: GOGC %d, limit %d; want off and %d", p, l, gcFloor)
	}
	large()
	if p, l := gcSettings(); p != p0 || l != l0 {
		t.Errorf("after both: GOGC %d, limit %d; want them as before, %d and %d", p, l, p0, l0)
	}

	// Settings from the environment are left alone.
	gcUserSet = func() bool { return true }
	restore := tuneGC(2, 1000)
	if p, l := gcSettings(); p != p0 || l != l0 {
		t.Errorf("with GOGC or GOMEMLIMIT set: GOGC %d, limit %d; want %d and %d", p, l, p0, l0)
	}
	restore()
}

// TestTuneGCLeavesUserSettings: GOGC or GOMEMLIMIT in the environment, read
// by the real check, leave the collector as the user set it.
func TestTuneGCLeavesUserSettings(t *testing.T) {
	for _, env := range [][2]string{{"GOGC", "50"}, {"GOGC", "off"}, {"GOMEMLIMIT", "64MiB"}} {
		t.Run(env[0]+"="+env[1], func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env[0], env[1])
			p0, l0 := gcSettings()
			restore := tuneGC(2, 1000)
			p, l := gcSettings()
			restore()
			if p != p0 || l != l0 {
				t.Errorf("GOGC %d, limit %d during a batch; want them as they were, %d and %d", p, l, p0, l0)
			}
		})
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	if gcUserSet() {
		t.Error("empty GOGC and GOMEMLIMIT read as set by the user")
	}
}
