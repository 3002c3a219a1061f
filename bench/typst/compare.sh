#!/usr/bin/env bash
# Issue 14's peer comparison: bulletin and typst.ts (Typst as a Node addon,
# one Node process) on the same 200 certificates, run alternately, each
# under /usr/bin/time -v; prints every run, the medians and the ratios
# bulletin / typst.ts of wall, CPU (user+sys) and peak RSS.
#
#   bash bench/typst/compare.sh [PAIRS]        # default 5 rounds
#
# A round runs, back to back:
#   bulletin    bulletin certificates on the data of Benchmark200Certificates
#               (200 PDFs, the print file, 12 bundles, manifest, a new register)
#   typst       node certs.js: 200 PDFs and the print file (200 pages)
#   typst-200   node certs.js --no-print: the 200 PDFs only
#   typst-200k  the same with --keep-cache: Typst's cache never evicted
#               (less CPU, twice the memory)
# Environment: BULLETIN_SRC, the bulletin checkout to build (default this
# one); OUT, where runs write (default a new folder under /tmp; removed
# unless KEEP=1). Needs go, node, npm and /usr/bin/time (Debian: time).
set -euo pipefail
pairs=${1:-5}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
src=${BULLETIN_SRC:-$repo}
work=${OUT:-$(mktemp -d /tmp/typst-compare.XXXXXX)}
mkdir -p "$work"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

[ -d "$here/node_modules/@myriaddreamin" ] || (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
(cd "$src" && go build -o "$work/bulletin" ./cmd/bulletin)
(cd "$repo" && go run ./bench/typst/export -out "$work/data" 2>/dev/null)
echo "bulletin $(cd "$src" && git rev-parse --short HEAD) ($src), $(node -e "
const {NodeCompiler}=require('$here/node_modules/@myriaddreamin/typst-ts-node-compiler');
const c=NodeCompiler.create(); const r=c.compile({mainFileContent:'#metadata(str(sys.version)) <v>'});
process.stdout.write('Typst '+c.query(r.result,{selector:'<v>',field:'value'})[0])"), typst.ts $(node -p "require('$here/node_modules/@myriaddreamin/typst-ts-node-compiler/package.json').version"), $(nproc) cores"
echo "load at start: $(uptime | sed 's/.*load average: //')"

# run NAME CMD...: one timed run into a fresh folder; appends
# "NAME wall cpu rss_mb" to $work/runs.
run() {
  local name=$1 out=$work/out-$1
  shift
  rm -rf "$out"
  /usr/bin/time -v -o "$work/time" "$@" "$out" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  awk -v n="$name" '
    /Elapsed \(wall clock\)/ { k = split($NF, t, ":"); w = (k == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /User time/ { u = $NF } /System time/ { s = $NF } /Maximum resident/ { r = $NF / 1024 }
    END { printf "%s %.2f %.2f %.0f\n", n, w, u + s, r }' "$work/time" | tee -a "$work/runs"
}

bul=(bash -c '"$0" certificates -q --config "$1" --units "$2/units.csv" --rankings "$2/rankings" --scope up --set certificates.best_rank=1000000 --out "$3"'
  "$work/bulletin" "$repo/config.toml" "$work/data")
: >"$work/runs"
echo "run wall_s cpu_s peak_rss_mb"
for i in $(seq "$pairs"); do
  run bulletin "${bul[@]}"
  run typst node "$here/certs.js" "$work/data"
  run typst-200 node "$here/certs.js" "$work/data" --no-print
  run typst-200k node "$here/certs.js" "$work/data" --no-print --keep-cache
  echo "load: $(uptime | sed 's/.*load average: //')"
done
echo "written: bulletin $(du -sb "$work/out-bulletin" | cut -f1) bytes in $(find "$work/out-bulletin" -type f | wc -l) files; typst $(du -sb "$work/out-typst" | cut -f1) in $(find "$work/out-typst" -type f | wc -l); typst-200 $(du -sb "$work/out-typst-200" | cut -f1) in $(find "$work/out-typst-200" -type f | wc -l)"
echo "certs.js of the last run: $(tail -1 "$work/log")"

# Medians per tool, then the ratios bulletin / typst.
awk '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
    return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
  }
  { n[$1]++; w[$1, n[$1]] = $2; c[$1, n[$1]] = $3; r[$1, n[$1]] = $4 }
  END {
    for (k in n) {
      delete a; for (i = 1; i <= n[k]; i++) a[i] = w[k, i]; mw[k] = median(a, n[k])
      delete a; for (i = 1; i <= n[k]; i++) a[i] = c[k, i]; mc[k] = median(a, n[k])
      delete a; for (i = 1; i <= n[k]; i++) a[i] = r[k, i]; mr[k] = median(a, n[k])
    }
    nt = split("bulletin typst typst-200 typst-200k", tools, " ")
    printf "median of %d: tool wall_s cpu_s peak_rss_mb\n", n["bulletin"]
    for (i = 1; i <= nt; i++) { k = tools[i]; printf "  %-10s %6.2f %6.2f %5.0f\n", k, mw[k], mc[k], mr[k] }
    for (i = 2; i <= nt; i++) { k = tools[i]
      printf "bulletin / %-10s wall %.2fx  cpu %.2fx  peak memory %.2fx\n", k, mw["bulletin"]/mw[k], mc["bulletin"]/mc[k], mr["bulletin"]/mr[k] }
  }' "$work/runs"
