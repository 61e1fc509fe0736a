package diag

import (
	"reflect"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{"a.yaml", 3, 7}, "a.yaml:3:7"},
		{Pos{"a.yaml", 3, 0}, "a.yaml:3"},
		{Pos{"a.yaml", 0, 0}, "a.yaml"},
		{Pos{"a.yaml", 0, 5}, "a.yaml"}, // a column without a line means nothing
		{Pos{"", 3, 7}, "3:7"},
		{Pos{"", 3, 0}, "3"},
		{Pos{}, "-"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestDiagnosticString(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Pos: Pos{"a.yaml", 4, 1}, Code: "unknown-key", Message: `unknown field "titel"`, Hint: `did you mean "title"?`},
			`a.yaml:4:1: unknown field "titel" (did you mean "title"?)`},
		{Diagnostic{Pos: Pos{"a.yaml", 4, 1}, Message: "title is empty"},
			"a.yaml:4:1: title is empty"},
		{Diagnostic{Pos: Pos{"a.yaml", 9, 0}, Severity: Warning, Message: "the summary is long", Hint: "shorten it"},
			"a.yaml:9: warning: the summary is long (shorten it)"},
		{Diagnostic{Pos: Pos{File: "a.yaml"}, Severity: Warning, Message: "no logo"},
			"a.yaml: warning: no logo"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestSeverityString(t *testing.T) {
	if Error.String() != "error" || Warning.String() != "warning" {
		t.Errorf("Error = %q, Warning = %q", Error, Warning)
	}
}

func TestListSort(t *testing.T) {
	var l List
	l.Add(Pos{"b.yaml", 1, 1}, "c", "", "b first", "")
	l.Add(Pos{"a.yaml", 10, 2}, "c", "", "line 10", "")
	l.Add(Pos{"a.yaml", 2, 9}, "c", "", "line 2 col 9", "")
	l.Add(Pos{"a.yaml", 2, 3}, "c", "", "zeta", "")
	l.Add(Pos{"a.yaml", 2, 3}, "c", "", "alpha", "")
	l.Add(Pos{File: "a.yaml"}, "c", "", "whole file", "")
	l.Addf(Pos{"a.yaml", 2, 0}, "c", "", "line %d, no column", 2)
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.String())
	}
	want := []string{
		"a.yaml: whole file",
		"a.yaml:2: line 2, no column",
		"a.yaml:2:3: alpha",
		"a.yaml:2:3: zeta",
		"a.yaml:2:9: line 2 col 9",
		"a.yaml:10:2: line 10", // lines compare as numbers, not text
		"b.yaml:1:1: b first",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sorted:\n got %q\nwant %q", got, want)
	}
}

func TestListErr(t *testing.T) {
	var l List
	if l.HasErrors() || l.Err() != nil {
		t.Error("an empty list has errors")
	}
	l = append(l, Diagnostic{Pos: Pos{"a.yaml", 1, 1}, Severity: Warning, Message: "long"})
	if l.HasErrors() || l.Err() != nil {
		t.Error("a list of warnings has errors")
	}
	l.Add(Pos{"a.yaml", 2, 5}, "bad-value", "id", "bad id", "use lower case")
	if d := l[1]; d.Severity != Error || d.Code != "bad-value" || d.Field != "id" {
		t.Errorf("Add made %+v", d)
	}
	err := l.Err()
	if err == nil {
		t.Fatal("Err() = nil with an error in the list")
	}
	if want := "a.yaml:1:1: warning: long\na.yaml:2:5: bad id (use lower case)"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
}
