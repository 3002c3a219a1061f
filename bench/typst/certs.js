// typst.ts (Typst as a Node addon) typesetting the certificates of
// bench/typst/export's certificates.json, each to its own PDF, and (unless
// --no-print) all of them as one print file, in one Node process, one
// compiler: issue 14's peer for Benchmark200Certificates.
//
//   node certs.js DATA OUT [--no-print] [--keep-cache]
//
// DATA holds certificates.json (go run ./bench/typst/export -out DATA);
// OUT gets <unit>.pdf per certificate and certificates.pdf. It prints the
// Typst version, the files and bytes written, wall time, CPU (user+sys,
// process.cpuUsage) and peak RSS as one JSON line on stdout.
//
// After each document the compiler's cache is evicted with max_age 10, the
// value typst.ts suggests for tools that do not watch files: it halves
// the peak memory (about 380 MB instead of 760 MB for 200 certificates)
// for about 10 % more CPU. --keep-cache leaves the cache alone.
'use strict';
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

function main() {
  const args = process.argv.slice(2);
  const print = !args.includes('--no-print');
  const evict = !args.includes('--keep-cache');
  const [data, out] = args.filter((a) => !a.startsWith('--'));
  if (!data || !out) {
    console.error('usage: node certs.js DATA OUT [--no-print] [--keep-cache]');
    process.exit(2);
  }
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const certs = JSON.parse(fs.readFileSync(path.join(data, 'certificates.json'), 'utf8'));
  fs.mkdirSync(out, { recursive: true });
  const compiler = NodeCompiler.create({
    workspace: path.resolve(data),
    fontArgs: [{ fontPaths: [path.join(__dirname, '..', '..', 'fonts')] }],
  });
  // cert.typ and certificates.json are read from the workspace (DATA).
  compiler.mapShadow(path.resolve(data, 'cert.typ'), fs.readFileSync(path.join(__dirname, 'cert.typ')));
  const head = '#import "/cert.typ": certificate\n#let certs = json("/certificates.json")\n';
  let bytes = 0;
  let files = 0;
  const write = (name, main) => {
    const pdf = compile(compiler, main);
    fs.writeFileSync(path.join(out, name), pdf);
    bytes += pdf.length;
    files++;
    if (evict) {
      compiler.evictCache(10);
    }
  };
  certs.forEach((c, i) => write(c.unit + '.pdf', head + `#certificate(certs.at(${i}))\n`));
  if (print) {
    write('certificates.pdf', head + '#for c in certs { certificate(c) }\n');
  }
  const cpu = process.cpuUsage(cpu0);
  const result = {
    typst: version(compiler),
    certificates: certs.length,
    print_file: print,
    evict_cache: evict,
    files,
    bytes,
    wall_s: (performance.now() - t0) / 1000,
    compile_s: spent.compile / 1000,
    pdf_s: spent.pdf / 1000,
    cpu_s: (cpu.user + cpu.system) / 1e6,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  };
  console.log(JSON.stringify(result));
}

// spent is the wall time of compile (parse, evaluate, lay out) and of PDF
// export, in ms.
const spent = { compile: 0, pdf: 0 };

// compile returns the PDF of a main file's content, or exits with its errors.
function compile(compiler, main) {
  const t0 = performance.now();
  const res = compiler.compile({ mainFileContent: main });
  if (res.hasError()) {
    res.printErrors();
    process.exit(1);
  }
  const t1 = performance.now();
  const pdf = compiler.pdf(res.result, { creationTimestamp: 1735689600 });
  spent.compile += t1 - t0;
  spent.pdf += performance.now() - t1;
  return pdf;
}

function version(compiler) {
  const res = compiler.compile({ mainFileContent: '#metadata(str(sys.version)) <v>' });
  return compiler.query(res.result, { selector: '<v>', field: 'value' })[0];
}

main();
