"""`kg query`: SPARQL text, a .rq file or a bundled query by name; results as table/json/csv/tsv.

Parameters are bound as values (Oxigraph substitutions, i.e. SEP-0007 / VALUES semantics),
never pasted into query text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import paths
from kg.errors import QueryError
from kg.store import GraphStore

FORMATS = ("table", "json", "csv", "tsv")
_OX_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}


@dataclass(frozen=True)
class BundledQuery:
    name: str
    path: Path
    summary: str  # the first comment line: what it answers
    params: tuple[str, ...]  # variables a caller may bind (# param: ?locality …)


def bundled() -> list[BundledQuery]:
    out = []
    for f in sorted(paths.QUERIES_DIR.glob("*.rq")):
        text = f.read_text(encoding="utf-8")
        comments = [ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("#")]
        summary = next((c for c in comments if c and not c.lower().startswith("param")), "")
        params = tuple(
            p.strip().lstrip("?")
            for c in comments
            if c.lower().startswith("param")
            for p in c.split(":", 1)[1].split()[:1]
        )
        out.append(BundledQuery(f.stem, f, summary, params))
    return out


def resolve(query: str) -> tuple[str, str]:
    """(query text, where it came from) for SPARQL text, a .rq path or a bundled name."""
    q = query.strip()
    by_name = {b.name: b for b in bundled()}
    if q in by_name:
        return by_name[q].path.read_text(encoding="utf-8"), f"queries/{q}.rq"
    if q.endswith(".rq") or (len(q) < 260 and "\n" not in q and Path(q).is_file()):
        p = Path(q)
        if not p.is_file():
            raise QueryError(f"{q}: no such query file")
        return p.read_text(encoding="utf-8"), str(p)
    if not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", q, re.I):
        names = ", ".join(sorted(by_name)) or "none"
        raise QueryError(f"{q[:60]}: not SPARQL, a .rq file or a bundled query (bundled: {names})")
    return q, "query"


def run(store: GraphStore, query: str, bindings: dict[str, str] | None = None) -> Any:
    text, origin = resolve(query)
    values = {k: _term(v) for k, v in (bindings or {}).items()}
    try:
        return store.query(text, values)
    except SyntaxError as exc:
        raise QueryError(f"{origin}: SPARQL syntax error: {_one_line(exc)}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"{origin}: query failed: {_one_line(exc)}") from None


def _term(value: str) -> ox.NamedNode | ox.Literal:
    """A bound parameter: an IRI when it looks like one, else a Chinese-tagged or plain literal."""
    if re.match(r"^https?://\S+$", value):
        return ox.NamedNode(value)
    return ox.Literal(value, language="zh") if re.search(r"[\u4e00-\u9fff]", value) else ox.Literal(value)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]


def format_results(results: Any, fmt: str) -> str:
    if isinstance(results, ox.QueryBoolean):
        if fmt == "table":
            return "true" if bool(results) else "false"
        return results.serialize(format=_OX_FORMATS[fmt]).decode("utf-8")
    if isinstance(results, ox.QueryTriples):
        return results.serialize(format=ox.RdfFormat.TURTLE).decode("utf-8")
    if fmt in _OX_FORMATS:
        return results.serialize(format=_OX_FORMATS[fmt]).decode("utf-8")
    return table(results)


def cell(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        v = term.value
        for prefix, iri in (("ckg:", "https://w3id.org/cadrekg/ontology#"), ("id:", "https://w3id.org/cadrekg/id/")):
            if v.startswith(iri):
                return prefix + v[len(iri) :]
        return v
    return str(term.value)


def width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, w: int) -> str:
    return text + " " * (w - width(text))


def table(results: Any, max_cell: int = 60) -> str:
    names = [v.value for v in results.variables]
    rows = [[_clip(cell(sol[n]), max_cell) for n in names] for sol in results]
    widths = [max([width(n)] + [width(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = "  ".join(_pad(n, w) for n, w in zip(names, widths, strict=True))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join([line.rstrip(), sep, *body, f"({len(rows)} 行)"])


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
