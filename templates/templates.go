// Package templates embeds the bundled templates of the press notes.
// An office may replace any of them from a folder named in config.toml.
package templates

import "embed"

// FS holds the bundled templates.
//
//go:embed *.tmpl
var FS embed.FS
