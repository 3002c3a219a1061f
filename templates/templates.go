// Package templates embeds the bundled templates of the press notes and the
// certificate layout.
// An office may replace any of them from a folder named in config.toml.
package templates

import "embed"

// FS holds the bundled templates.
//
//go:embed *.tmpl *.toml
var FS embed.FS
