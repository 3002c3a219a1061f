// Package locales embeds the bundled message catalogs, active.<lang>.toml.
// An office may override any message from a folder named in config.toml.
package locales

import "embed"

// FS holds the bundled catalogs.
//
//go:embed active.*.toml
var FS embed.FS
