package handout

import (
	_ "embed"
)

// The JSON Schema of the handout format lives in handout.schema.json, next
// to the parser it describes, and is the one source of truth for it: the
// "handout schema" command prints it, and handouts/handout.schema.json is a
// copy kept for editors (a test keeps the copy equal).
//
// It is written by hand rather than generated, because most of it is prose
// for authors (what a field is for, its limits, an example), and because the
// parser's checks are code that reports positioned messages, not tables a
// generator could read. What keeps the two in step is testing: every valid
// handout in the repository and every starter validates; every case of the
// bad-input corpus whose problem is one of structure (an unknown or missing
// field, a wrong type, a bad value of a fixed set, a list of the wrong
// length, text too long) is rejected, and every other case is accepted; and
// each valid handout, changed one field at a time (removed, emptied, given
// the wrong type, given an unknown field), is rejected by the schema exactly
// when the parser rejects it (schema_test.go).
//
// The schema says less than the parser in places a JSON Schema cannot
// reach: whether a date exists on the calendar, whether a logo file exists
// and is a usable image, whether cited source ids exist and are unique,
// which characters a font can print, and whether text fits its frame. It
// counts a text's characters before white space is folded, so a text padded
// with runs of spaces may reach its 2,000-character limit sooner. Numbers in
// quotes, which the parser reads as numbers, are text to the schema.
//
//go:embed handout.schema.json
var schemaJSON []byte

// Schema returns the JSON Schema (draft 2020-12) of the handout format.
func Schema() []byte { return append([]byte(nil), schemaJSON...) }

// SchemaFile is the name under which editors find the schema beside
// handouts: handouts/handout.schema.json in this repository.
const SchemaFile = "handout.schema.json"
