"""Writing the links graph: each SimilarityLink as N-Triples text for Oxigraph's bulk loader, and
removing links by their nodes.

Per link: the ckg:similarTo pair both ways and one ckg:SimilarityLink node (IRI kg/graph/iris.py
`similarity(a, b)`) with ckg:fromPractice (reported first), ckg:toPractice, ckg:score (xsd:decimal, 3
places), ckg:sharedConcept (target groups, then practice types) and at most MAX_SHARED_TERMS
ckg:sharedTerm (the shared brand, then the heaviest shared words). kg/catalog/links.py reads it back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from kg.catalog.sparql import batches
from kg.graph import iris
from kg.graph.namespace import CKG
from kg.graph.terms import XSD, iri_term, literal
from kg.model import Reasons, SimilarityLink
from kg.store import load_behind

MAX_SHARED_TERMS = 4  # ckg:sharedTerm per link node: the shared brand, then the heaviest words
LOAD_CHARS = 1 << 24  # characters of N-Triples per bulk load: ~16 M is ~20k links, ~180k triples

_G = ox.NamedNode(iris.GRAPH_LINKS)
P = {
    name: ox.NamedNode(str(getattr(CKG, name)))
    for name in (
        "SimilarityLink",
        "similarTo",
        "fromPractice",
        "toPractice",
        "score",
        "sharedConcept",
        "sharedTerm",
    )
}
_NT = {k: iri_term(v.value) for k, v in P.items()}
_NT["type"] = iri_term("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_DEC = f"^^<{XSD}decimal>"


def shared_terms_of(r: Reasons) -> list[str]:
    """The ckg:sharedTerm values of a link: the shared brand, then the heaviest shared words."""
    return list(dict.fromkeys(([r.brand] if r.brand else []) + list(r.terms)))[:MAX_SHARED_TERMS]


def link_lines(links: Iterable[SimilarityLink]) -> Iterator[str]:
    """The links graph as N-Triples, one link (6 to ~12 triples) per string."""
    st, ty, fr, to, sc, sco, ste = (
        _NT[k]
        for k in ("similarTo", "type", "fromPractice", "toPractice", "score", "sharedConcept", "sharedTerm")
    )
    cls = _NT["SimilarityLink"]
    for lk in links:
        a, b, node = f"<{lk.a}>", f"<{lk.b}>", f"<{iris.similarity(lk.a, lk.b)}>"
        parts = [
            f"{a} {st} {b} .\n{b} {st} {a} .\n{node} {ty} {cls} .\n{node} {fr} {a} .\n{node} {to} {b} .\n"
            f'{node} {sc} "{lk.score:.3f}"{_DEC} .\n'
        ]
        parts += [f"{node} {sco} <{c}> .\n" for c in lk.reasons.concepts]
        parts += [f"{node} {ste} {literal(t)} .\n" for t in shared_terms_of(lk.reasons)]
        yield "".join(parts)


def _chunks(lines: Iterator[str], max_chars: int) -> Iterator[str]:
    """The lines joined into texts of about `max_chars` (one bulk load each)."""
    buf: list[str] = []
    size = 0
    for line in lines:
        buf.append(line)
        size += len(line)
        if size >= max_chars:
            yield "".join(buf)
            buf, size = [], 0
    if buf:
        yield "".join(buf)


def write_links(store, links: Iterable[SimilarityLink]) -> None:
    """Write links into the links graph as N-Triples text (Oxigraph parses it natively, measured faster
    than handing it Python Quad objects), in bulk loads of LOAD_CHARS each, one loading in a thread
    (Oxigraph releases the GIL) while the next links and their reasons are computed. One bulk load of
    everything buffered ~1.2 GB in Oxigraph at 165k links; batches bound that."""
    load_behind(lambda text: load_lines(store, [text]), _chunks(link_lines(links), LOAD_CHARS))


def load_lines(store, lines: Iterable[str], *, bulk: bool = True) -> None:
    """Load N-Triples lines (held in memory: a batch, or a few links) into the links graph; `bulk=False`
    for a few links (a bulk load costs ~0.2 s whatever its size)."""
    text = "".join(lines).encode("utf-8")
    if text:
        load = store.db.bulk_load if bulk else store.db.load
        load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=_G)


DROP_CHUNK = 200_000  # triples per delete when the whole links graph goes


def drop_graph(store) -> None:
    """Remove the whole links graph (a full relink writes it anew), in SPARQL deletes of DROP_CHUNK
    triples: Oxigraph's remove_graph (and DROP GRAPH) took 88 s on the 2.0M link triples of 10k
    articles (the first `kg add` after an upgrade relinks all), these deletes 40 s; bigger chunks
    were no faster and held 1.9 GB at 1M."""
    g = f"GRAPH <{iris.GRAPH_LINKS}>"
    while store.db.query(f"ASK {{ {g} {{ ?s ?p ?o }} }}"):
        store.db.update(
            f"DELETE {{ {g} {{ ?s ?p ?o }} }} WHERE {{ {{ SELECT ?s ?p ?o WHERE {{ {g} {{ ?s ?p ?o }} }}"
            f" LIMIT {DROP_CHUNK} }} }}"
        )
    if store.db.contains_named_graph(_G):
        store.db.remove_graph(_G)


def drop_links(store, pairs: list[tuple[str, str]]) -> None:
    """Remove the link nodes (and similarTo pairs) of practice pairs in one update that finds the nodes'
    triples itself: reading them into Python first decodes every term (~3x slower at 2,000 links)."""
    for part in batches(pairs, 5_000):
        nodes = " ".join(f"<{iris.similarity(a, b)}>" for a, b in part)
        st = _NT["similarTo"]
        pairs_nt = " ".join(f"<{a}> {st} <{b}> . <{b}> {st} <{a}> ." for a, b in part)
        g = f"GRAPH <{iris.GRAPH_LINKS}>"
        store.db.update(
            f"DELETE {{ {g} {{ ?n ?p ?o }} }} WHERE {{ VALUES ?n {{ {nodes} }} {g} {{ ?n ?p ?o }} }} ;\n"
            f"DELETE DATA {{ {g} {{ {pairs_nt} }} }}"
        )


def drop_practice_links(store, practices: Iterable[str]) -> None:
    """Remove every link touching the practices (found by ckg:fromPractice / ckg:toPractice)."""
    db = store.db
    quads: list[ox.Quad] = []
    for p in practices:
        node = ox.NamedNode(p)
        links = {q.subject for q in db.quads_for_pattern(None, P["fromPractice"], node, _G)}
        links |= {q.subject for q in db.quads_for_pattern(None, P["toPractice"], node, _G)}
        for link in sorted(links, key=str):
            quads += _link_quads(db, link)
        for q in db.quads_for_pattern(node, P["similarTo"], None, _G):
            quads += [q, ox.Quad(q.object, P["similarTo"], node, _G)]
    _remove(store, quads)


def _link_quads(db, node: ox.NamedNode) -> list[ox.Quad]:
    """A link node's quads and its similarTo pair."""
    quads = list(db.quads_for_pattern(node, None, None, _G))
    ends = [q.object for q in quads if q.predicate in (P["fromPractice"], P["toPractice"])]
    quads += [ox.Quad(a, P["similarTo"], b, _G) for a in ends for b in ends if a != b]
    return quads


def _remove(store, quads: list[ox.Quad]) -> None:
    """Remove quads in one transaction (one SPARQL DELETE DATA: measured ~4x faster than one
    Store.remove per quad)."""
    quads = list(dict.fromkeys(quads))
    for start in range(0, len(quads), 50_000):
        body = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads[start : start + 50_000])
        store.db.update(f"DELETE DATA {{ GRAPH <{iris.GRAPH_LINKS}> {{ {body} }} }}")
