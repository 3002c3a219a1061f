// extract.mjs ENGINE FILE.pdf: prints the text that ENGINE (pdfjs or pdfium)
// extracts from each page, pages separated by a form feed. Used by the Go
// tests that measure copy-out (bulletin/typeset); installed by .ci/run.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const [engine, file] = process.argv.slice(2);
const data = new Uint8Array(readFileSync(file));
const here = dirname(fileURLToPath(import.meta.url));

async function pdfjs() {
  const pdfjsLib = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjsLib.getDocument({ data, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tc = await page.getTextContent();
    // As Firefox's text layer copies it: items in order, a line break
    // where an item ends a line.
    pages.push(tc.items.map((it) => it.str + (it.hasEOL ? "\n" : "")).join(""));
  }
  return pages;
}

async function pdfium() {
  const { init } = await import("@embedpdf/pdfium");
  const wasmBinary = readFileSync(join(here, "node_modules/@embedpdf/pdfium/dist/pdfium.wasm"));
  const m = await init({ wasmBinary });
  m.PDFiumExt_Init();
  const p = m.pdfium;
  const ptr = p.wasmExports.malloc(data.length);
  p.HEAPU8.set(data, ptr);
  const doc = m.FPDF_LoadMemDocument(ptr, data.length, "");
  if (!doc) throw new Error("pdfium: cannot load " + file);
  const pages = [];
  const n = m.FPDF_GetPageCount(doc);
  for (let i = 0; i < n; i++) {
    const page = m.FPDF_LoadPage(doc, i);
    const tp = m.FPDFText_LoadPage(page);
    const count = m.FPDFText_CountChars(tp);
    const buf = p.wasmExports.malloc(2 * (count + 1));
    const got = m.FPDFText_GetText(tp, 0, count, buf);
    pages.push(got > 0 ? p.UTF16ToString(buf) : "");
    p.wasmExports.free(buf);
    m.FPDFText_ClosePage(tp);
    m.FPDF_ClosePage(page);
  }
  m.FPDF_CloseDocument(doc);
  return pages;
}

const run = { pdfjs, pdfium }[engine];
if (!run) {
  console.error("usage: node extract.mjs pdfjs|pdfium FILE.pdf");
  process.exit(2);
}
const pages = await run();
process.stdout.write(pages.join("\f"));
