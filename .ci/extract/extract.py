"""extract.py ENGINE FILE.pdf: prints the text that ENGINE (pdfminer or pypdf)
extracts from each page, pages separated by a form feed. Used by the Go tests
that measure copy-out (bulletin/typeset); Debian's python3-pdfminer and
python3-pypdf."""
import sys


def pdfminer(path):
    from pdfminer.high_level import extract_text
    return extract_text(path)


def pypdf(path):
    from pypdf import PdfReader
    return "\f".join(p.extract_text() for p in PdfReader(path).pages)


engine, path = sys.argv[1], sys.argv[2]
sys.stdout.write({"pdfminer": pdfminer, "pypdf": pypdf}[engine](path))
