"""`kg validate`: SHACL validation against ontology/shapes.ttl, fast enough to run on every build.

    validate_bulletin(quads)      one bulletin's quads as the build writes them -> Report
    validate_store(store, memo=)  the whole store; an unchanged store reuses the last verdict -> Report
    validate(store)               (conforms, Chinese text) for the CLI

The engine is the compiled `shacl` validator; pySHACL stays the reference (engine="pyshacl"), and
tests/test_validate.py holds the two to the same results on the sample and on broken graphs.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.graph import iris
from kg.validate.engine import ENGINES, Result, engine_version, run
from kg.validate.report import Finding, Report

__all__ = ["validate", "validate_store", "validate_bulletin", "validate_text", "Report", "Finding", "Result"]
__all__ += ["ENGINES", "memo_path", "store_ntriples"]

MEMO_NAME = "validation.json"
_SUBJECTS = re.compile(rb"^(\S+) ", re.M)
BULLETIN_GRAPH = iris.bulletin_graph("")
_DEFAULT: Any = object()


def memo_path(store_dir: str | Path) -> Path:
    """Where `validate_store` keeps its memo unless told otherwise: one file in the store folder."""
    return Path(store_dir) / MEMO_NAME


def validate(store, memo: str | Path | None = _DEFAULT) -> tuple[bool, str]:
    """(conforms, report text) — the CLI's call."""
    report = validate_store(store, memo=memo)
    return report.conforms, report.text()


def validate_store(store, *, memo: str | Path | None = _DEFAULT, engine: str = "shacl") -> Report:
    """Validate a GraphStore as one graph (the union of its named graphs). `memo`: the memo file
    (default `memo_path(store.root)`, the store folder, kept across generations; None: none). The store is written graph by graph to a temporary
    N-Triples file while it is hashed; when the hash is the memo's, the recorded verdict is reused."""
    import pyoxigraph as ox

    from kg.validate import memo as m

    t0 = time.perf_counter()
    memo = (
        Path(memo_path(getattr(store, "root", store.path)) if memo is _DEFAULT else memo)
        if memo is not None
        else None
    )
    with tempfile.TemporaryDirectory(prefix="kg-validate-") as tmp:
        nt = Path(tmp) / "store.nt"
        h = hashlib.sha256(m.salt(engine_version(engine)).encode())
        with nt.open("wb") as f:
            graphs = sorted(store.db.named_graphs(), key=lambda g: g.value)
            for g in [*graphs, ox.DefaultGraph()]:
                data = store.db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
                h.update(f"\n{getattr(g, 'value', '')}\n".encode())
                h.update(data)
                f.write(data)
                del data
        key = h.hexdigest()
        triples = _count_lines(nt)
        rows = m.load(memo, key)
        reused = rows is not None
        if rows is None:
            results = run(nt, engine)
            rows = _locate(store, results)
            m.save(memo, key, rows)
    findings = tuple(Finding(r, g, w) for r, g, w in rows)
    return Report(findings, triples, reused, time.perf_counter() - t0)


def validate_bulletin(quads: Any, *, engine: str = "shacl", context: bytes | None = None) -> Report:
    """Validate one bulletin's quads before (or after) they land: N-Quads/N-Triples text, a list of its
    lines (as kg.graph.triples.bulletin_nquads gives them, own and shared lines together), pyoxigraph
    Quads or Triples, or an rdflib Graph. The ontology and the SKOS vocabularies are added as `context`
    (N-Triples; default: the bundled files, as a store's vocab graph holds them), so a practice's
    ckg:targets is checked against real concepts. Results are for the nodes the quads describe only."""
    t0 = time.perf_counter()
    graphs = _by_graph(quads)
    owner: dict[str, str] = {}
    for g, t in graphs:
        for s in _SUBJECTS.findall(t):
            owner.setdefault(s.decode(), g)
    text = b"".join(t for _g, t in graphs)
    results = run(
        (text + (context if context is not None else _bundled_vocab())).decode(), engine, only=owner
    )
    label = _label(text) if results else None
    findings = tuple(
        Finding(
            r, owner.get(r.focus, ""), label if owner.get(r.focus, "").startswith(BULLETIN_GRAPH) else None
        )
        for r in results
    )
    return Report(findings, text.count(b"\n"), seconds=time.perf_counter() - t0)


def validate_text(nt: str, *, engine: str = "shacl") -> Report:
    """Validate N-Triples text as one graph, no memo (the reference path in tests and bench)."""
    t0 = time.perf_counter()
    results = run(nt, engine)
    return Report(tuple(Finding(r, "") for r in results), nt.count("\n"), seconds=time.perf_counter() - t0)


def store_ntriples(store) -> str:
    """The whole store as one graph (the union of its named graphs), as N-Triples: the reference input."""
    import pyoxigraph as ox

    return ox.serialize(
        store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), format=ox.RdfFormat.N_TRIPLES
    ).decode()


def _count_lines(path: Path) -> int:
    n = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 24):
            n += chunk.count(b"\n")
    return n


def _locate(store, results: list[Result]) -> list[tuple[Result, str, str | None]]:
    """Each result with the named graph that types its focus node and, for a bulletin's graph, which
    bulletin it is (label and source file): one query for all focus nodes."""
    iris = sorted({r.focus for r in results if r.focus.startswith("<")})
    graph: dict[str, str] = {}
    label: dict[str, str] = {}
    for i in range(0, len(iris), 500):
        q = (
            "SELECT ?s ?g ?label WHERE { VALUES ?s { " + " ".join(iris[i : i + 500]) + " } "
            "GRAPH ?g { ?s a ?t OPTIONAL { ?b a ckg:Bulletin ; rdfs:label ?label } } }"
        )
        for row in store.db.query(
            q,
            prefixes={
                "ckg": "https://w3id.org/cadrekg/ontology#",
                "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            },
        ):
            s, g = str(row["s"]), row["g"].value
            graph.setdefault(s, g)
            if row["label"] is not None and g.startswith(BULLETIN_GRAPH):
                label.setdefault(g, row["label"].value)
    sources = {k: (v or {}).get("source") for k, v in getattr(store, "bulletins", {}).items()}
    where: dict[str, str | None] = {}
    for g in set(graph.values()):
        if g.startswith(BULLETIN_GRAPH):
            key = g[len(BULLETIN_GRAPH) :]
            name, source = label.get(g, key), sources.get(key)
            where[g] = f"{name}（{source}）" if source else name
    return [(r, graph.get(r.focus, ""), where.get(graph.get(r.focus, ""))) for r in results]


def _label(text: bytes) -> str | None:
    """The label of the bulletin the N-Triples describe."""
    typed = (
        b" <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/cadrekg/ontology#Bulletin> ."
    )
    label = b" <http://www.w3.org/2000/01/rdf-schema#label> "
    lines = text.splitlines()
    bulletins = {line[: -len(typed)] for line in lines if line.endswith(typed)}
    for line in lines:
        s, _, rest = line.partition(label)
        if rest and s in bulletins:
            return json.loads(rest[:-2].decode().rsplit("@", 1)[0])
    return None


def _by_graph(quads: Any) -> list[tuple[str, bytes]]:
    """Any accepted input -> [(graph IRI, N-Triples text)]. Text goes through an in-memory Oxigraph
    store (parsing and writing stay in Rust: ~1 ms for a bulletin)."""
    import pyoxigraph as ox

    if hasattr(quads, "serialize") and not isinstance(quads, str | bytes):  # an rdflib Graph
        quads = quads.serialize(format="nt")
    mem = ox.Store()
    if isinstance(quads, str | bytes):
        mem.bulk_load(quads.encode() if isinstance(quads, str) else quads, format=ox.RdfFormat.N_QUADS)
    else:
        items = list(quads)
        if items and isinstance(items[0], str):
            text = "".join(line if line.endswith("\n") else line + "\n" for line in items)
            mem.bulk_load(text.encode(), format=ox.RdfFormat.N_QUADS)
        else:
            mem.bulk_extend(q if isinstance(q, ox.Quad) else ox.Quad(*q, ox.DefaultGraph()) for q in items)
    graphs = [(g.value, mem.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)) for g in mem.named_graphs()]
    default = mem.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return sorted(graphs) + ([("", default)] if default else [])


def _nt(triples: list) -> bytes:
    import pyoxigraph as ox

    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


@lru_cache(maxsize=1)
def _bundled_vocab() -> bytes:
    """The ontology and SKOS vocabularies as a store's vocab graph holds them, as N-Triples text."""
    import pyoxigraph as ox

    from kg import paths

    triples: list = []
    for ttl in [paths.ONTOLOGY, *sorted(paths.VOCAB_DIR.glob("*.ttl"))]:
        triples += [q.triple for q in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE)]
    return _nt(triples)
