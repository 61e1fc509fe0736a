// Package handouts embeds the built-in handout definitions, which
// `handout build` renders when it is given no paths.
package handouts

import "embed"

// FS holds the built-in handouts (*.yaml).
//
//go:embed *.yaml
var FS embed.FS
