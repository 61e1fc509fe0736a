package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// sampleBrandFile writes the docs' brand file with its name or address
// line replaced, beside a copy of its logo, and returns its path.
func sampleBrandFile(t *testing.T, key, value string) string {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "brand")
	dir := t.TempDir()
	for _, f := range []string{"clinic.yaml", "clinic-mark.png"} {
		data, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "clinic.yaml" {
			re := regexp.MustCompile(`(?m)^` + key + `: .*$`)
			if !re.Match(data) {
				t.Fatalf("the sample brand has no %s line", key)
			}
			data = re.ReplaceAll(data, []byte(key+": "+value))
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "clinic.yaml")
}

// A brand is checked for the edition being made: a clinic name that fits
// the regular band but not the larger type of the large-print band is an
// error before anything is built in large print, and only then.
func TestBrandCheckedForItsEdition(t *testing.T) {
	name := sampleBrandFile(t, "name", "Riverside Skin & Allergy Clinic of Springfield Co")
	if _, diags := LoadBrand(name, false); diags.HasErrors() {
		t.Fatalf("the regular band should hold the name: %v", diags)
	}
	_, diags := LoadBrand(name, true)
	if !diags.HasErrors() {
		t.Fatal("the large-print band cannot hold the name, but the brand passed")
	}
	if s := diags[0].String(); !strings.Contains(s, "name is") || !strings.Contains(s, "in large print") {
		t.Errorf("the problem should name the field and the edition: %s", s)
	}
}

// A line too long for the band is reported where it is too long by the
// most (paper and font), so that cutting as many characters as the hint
// says makes it fit everywhere.
func TestBrandHintIsTheWorstCase(t *testing.T) {
	addr := "120 Harbor Street, Suite 4, Springfield, Massachusetts 01103, United States of America, North Entrance by Parking Lot"
	for _, large := range []bool{false, true} {
		_, diags := LoadBrand(sampleBrandFile(t, "address", addr), large)
		if len(diags) != 1 {
			t.Fatalf("large=%v: want one problem, got %v", large, diags)
		}
		m := regexp.MustCompile(`shorten it by about (\d+) character`).FindStringSubmatch(diags[0].Hint)
		if m == nil {
			t.Fatalf("large=%v: no count in the hint %q", large, diags[0].Hint)
		}
		n, _ := strconv.Atoi(m[1])
		cut := strings.TrimSpace(addr[:len(addr)-n])
		if _, diags := LoadBrand(sampleBrandFile(t, "address", cut), large); diags.HasErrors() {
			t.Errorf("large=%v: cut by %d characters as the hint says, the address still does not fit: %v", large, n, diags)
		}
	}
}
