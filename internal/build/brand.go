package build

import (
	"io"
	"os"
	"path/filepath"

	"handout/internal/diag"
	"handout/internal/handout"
)

// LoadBrand reads, parses and checks the brand file name: its logo is
// looked up in the brand file's folder (opened so that nothing outside it
// can be read through it, as an assets folder is), and its clinic band is
// laid out in every font family on every paper, in the edition being made
// (large: large print; CheckBrand). It returns the brand when there is no
// error, and every problem found either way.
func LoadBrand(name string, large bool) (*handout.Brand, diag.List) {
	var diags diag.List
	f, err := os.Open(name)
	if err != nil {
		diags.Add(diag.Pos{File: name}, "read", "", "the brand file "+readError(err), "check the path given to --brand")
		return nil, diags
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		diags.Add(diag.Pos{File: name}, "read", "", "the brand file is a folder", "give the brand's YAML file, e.g. --brand brand/clinic.yaml")
		return nil, diags
	}
	// One byte more than a brand file may have, so that the parser reports
	// a file that is too large.
	data, err := io.ReadAll(io.LimitReader(f, handout.MaxBrandBytes+1))
	if err != nil {
		diags.Add(diag.Pos{File: name}, "read", "", "the brand file "+readError(err), "")
		return nil, diags
	}
	folder, err := assetsFS(filepath.Dir(name))
	if err != nil {
		diags.Add(diag.Pos{File: name}, "read", "", "the brand file's folder cannot be used: "+plainError(err), "")
		return nil, diags
	}
	br, diags := handout.ParseBrand(name, data, handout.BrandOptions{Folder: folder})
	if br == nil {
		return nil, diags
	}
	diags = append(diags, CheckBrand(br, large)...)
	if diags.HasErrors() {
		return nil, diags
	}
	return br, diags
}
