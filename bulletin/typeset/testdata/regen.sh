#!/bin/sh
# Regenerates testdata/golden.txt: HarfBuzz's hb-shape (Debian: libharfbuzz-bin)
# output for every font run of every item of testdata/corpus.txt, in sans and
# serif, regular and bold. The Go test does the run splitting with the
# package's segmenter and calls
#   hb-shape --output-format=json --no-glyph-names --font-size=upem \
#            --direction=ltr --script=deva --language=hi --unicodes=U+.... FONT
# (--script=latn --language=en for runs in a Latin font) for each run.
set -eu
cd "$(dirname "$0")/.."
command -v hb-shape >/dev/null || { echo "regen.sh: hb-shape not found (apt-get install libharfbuzz-bin)" >&2; exit 1; }
go test -count=1 -run '^TestShapingGolden$' -update .
