#!/usr/bin/env bash
# Remakes the pictures in docs/ from the bundled example data with the
# project's own command: a certificate (with the stand-in emblem), the Hindi press note, the Hindi
# square card and the Hindi trend chart of 2024-11.
# Needs poppler-utils (pdftoppm).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go run ./cmd/bulletin build --month 2024-11 --out "$out" --quiet
# The certificate as an office with an emblem and a verification page has
# it (examples/emblem.png stands in for the office's emblem).
go run ./cmd/bulletin certificates --month 2024-11 --out "$out/with-emblem" --quiet \
  --set office.emblem=examples/emblem.png --set certificates.verify_base=https://pro.example.org
pdftoppm -png -r 70 -singlefile "$out/with-emblem/2024-11/certificates/thana/t-auraiya-bidhuna.pdf" docs/certificate
pdftoppm -png -r 70 -singlefile "$out/2024-11/press-note.hi.pdf" docs/press-note-hi
cp "$out/2024-11/card.hi.square.png" docs/card-hi.png
cp "$out/2024-11/trend.hi.png" docs/trend-hi.png
