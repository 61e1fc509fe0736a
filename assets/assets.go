// Package assets embeds the images the built-in handouts reference (logos).
// Paths in a handout's logo field are relative to this folder.
package assets

import "embed"

// FS holds the built-in assets.
//
//go:embed *.png
var FS embed.FS
