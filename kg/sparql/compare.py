"""Two answers to one bundled question compared row for row (the local store's and a remote endpoint's).

The same rows, and the same order as far as the query's ORDER BY decides it: rows that tie on every
ORDER BY key may come in any order. Numbers are compared as numbers (12 significant digits), an
xsd:string as the plain literal it is, and a GROUP_CONCAT as the sorted list of its parts: SPARQL
leaves their order to the engine.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Any

from kg.sparql.query import bundled
from kg.sparql.remote import XSD, Answer, Cell, order_keys


def local(store: Any, name: str, bindings: dict[str, str] | None = None) -> Answer:
    """The same question asked of the local store (kg.sparql.query.run), as an Answer."""
    import pyoxigraph as ox

    from kg.sparql.query import run as run_local

    res = run_local(store, name, bindings)
    names = tuple(v.value for v in res.variables)

    def cell(t: Any) -> Cell | None:
        if t is None:
            return None
        if isinstance(t, ox.NamedNode):
            return ("iri", t.value, "")
        if isinstance(t, ox.BlankNode):
            return ("bnode", t.value, "")
        return ("literal", t.value, f"@{t.language.lower()}" if t.language else t.datatype.value)

    return Answer(names, tuple(tuple(cell(s[n]) for n in names) for s in res))


_NUMERIC = {
    XSD + t
    for t in (
        "integer decimal double float int long short byte nonNegativeInteger positiveInteger "
        "negativeInteger nonPositiveInteger unsignedLong unsignedInt unsignedShort unsignedByte"
    ).split()
}


def separators(text: str) -> dict[str, str]:
    """Result column -> separator of the GROUP_CONCATs in a query's SELECT list."""
    return {
        m.group(2): json.loads(m.group(1))
        for m in re.finditer(r'separator\s*=\s*("[^"\\]*")\s*\)\s*AS\s+\?(\w+)', text, re.I)
    }


def _norm(cell: Cell | None, sep: str | None) -> Any:
    """A cell as compared: numbers as numbers (12 significant digits), xsd:string as a plain literal,
    a GROUP_CONCAT as the sorted list of its parts (SPARQL leaves their order to the engine)."""
    if cell is None:
        return None
    kind, value, extra = cell
    if kind == "literal" and extra in _NUMERIC:
        try:
            x = float(value)
            return ("num", float(f"{x:.12g}") if math.isfinite(x) else value)
        except ValueError:
            return ("literal", value, extra)
    if kind == "literal" and extra == XSD + "string":
        extra = ""
    if sep is not None and kind == "literal":
        return ("list", tuple(sorted(value.split(sep))) if value else ())
    return (kind, value, extra)


def differences(name: str, mine: Answer, theirs: Answer, limit: int = 5) -> list[str]:
    """How two answers to bundled query `name` differ (empty: the same rows, and the same order as far
    as its ORDER BY decides it: rows that tie on every ORDER BY key may come in any order)."""
    b = next(x for x in bundled() if x.name == name)
    if mine.variables != theirs.variables:
        return [f"columns {mine.variables} vs {theirs.variables}"]
    seps = separators(b.text)
    names = mine.variables
    keys = [names.index(k) for k in order_keys(b.text) if k in names]

    def rows(a: Answer) -> list[tuple]:
        return [tuple(_norm(c, seps.get(n)) for c, n in zip(r, names, strict=True)) for r in a.rows]

    left, right = rows(mine), rows(theirs)
    out = []
    if len(left) != len(right):
        out.append(f"{len(left)} rows vs {len(right)}")
    only_l, only_r = Counter(left) - Counter(right), Counter(right) - Counter(left)
    out += [f"only local: {r}" for r in list(only_l)[:limit]]
    out += [f"only remote: {r}" for r in list(only_r)[:limit]]
    if not out and keys:
        order_l = [tuple(r[i] for i in keys) for r in left]
        order_r = [tuple(r[i] for i in keys) for r in right]
        at = next((i for i, (x, y) in enumerate(zip(order_l, order_r, strict=True)) if x != y), None)
        if at is not None:
            out.append(f"order differs at row {at + 1}: {order_l[at]} vs {order_r[at]}")
    return out
