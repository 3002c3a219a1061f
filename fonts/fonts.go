// Package fonts embeds the fonts bulletin draws its documents with: Noto Sans
// and Noto Serif (Latin) and Noto Sans/Serif Devanagari, each in Regular and
// Bold, copied unmodified from Debian's fonts-noto-core, with their SIL Open
// Font License 1.1 text (OFL.txt).
//
// Use FS with typeset.NewFontSet; an office that wants other fonts can pass
// any fs.FS holding files with the same names instead (os.DirFS(dir)).
package fonts

import "embed"

// FS holds the *.ttf files and OFL.txt of this folder.
//
//go:embed *.ttf OFL.txt
var FS embed.FS
