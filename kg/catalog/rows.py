"""A practice as the link stage compares it: `LinkRow`, made two ways that must agree.

    rows_of_bulletin(b)       from a Bulletin as the graph stage writes it (a build: nothing read back)
    read_rows(gs, graphs)     from the store (`kg add`, and a link model fitted on a store)

A build takes its rows from each Bulletin as it is written: reading 350k practices back through SPARQL
cost more time and memory than making them (measured at 100k articles). tests/test_link_sample.py
checks that both give the same rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from kg.catalog import sparql
from kg.graph import iris

_IN_GRAPHS = "SELECT ?p ?g WHERE { %s GRAPH ?g { ?p a ckg:Practice } }"
LEAD_MAX = 300  # characters of an article's lead paragraph kept as context for its practices


@dataclass(frozen=True)
class LinkRow:
    iri: str
    graph: str  # the bulletin's named graph
    group: str  # what must differ for a link: the locality IRI, else the article IRI
    locality: str | None
    article: str
    text: str
    title: str  # the article title, or its title and lead paragraph (what precedes the first practice)
    date: str | None
    brand: str | None = None
    targets: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()  # policy documents (ckg:basedOn)

    @property
    def key(self) -> str:
        """What the row's term bag is made from (the bag cache's key)."""
        return hashlib.sha1(f"{self.title}\n{self.text}".encode()).hexdigest()[:20]


def rows_of_bulletin(b: Any) -> list[LinkRow]:
    """The rows `read_rows` reads back for one bulletin's graph, made from the Bulletin (kg.model) with
    the IRIs kg/graph/triples.py gives its nodes."""
    graph = iris.bulletin_graph(b.key)
    date = b.date.isoformat() if b.date else None
    rows = []
    for a in b.articles:
        if not a.practices:
            continue
        art = iris.article(b.key, a.index)
        loc = iris.locality(a.locality) if a.locality else None
        title = lead(a.quote.text, min(p.quote.start for p in a.practices) - a.quote.start) or a.title
        for p in a.practices:
            here = iris.locality(p.locality) if p.locality else loc  # a compilation's item: its own place
            rows.append(
                LinkRow(
                    iri=iris.practice(b.key, a.index, p.key),
                    graph=graph,
                    group=here or art,
                    locality=here,
                    article=art,
                    text=p.text,
                    title=title,
                    date=date,
                    brand=p.brand or None,
                    targets=tuple(sorted({iris.target_group(t) for t in p.targets})),
                    types=tuple(sorted({iris.practice_type(t) for t in p.types})),
                    documents=tuple(
                        sorted(
                            {iris.policy_document(d, a.locality) for d in p.documents if d.kind == "policy"}
                        )
                    ),
                )
            )
    return rows


def read_rows(gs: Any, graphs: Sequence[str] | None = None) -> list[LinkRow]:
    """Every practice in the store (or in the given bulletin graphs), sorted by IRI (the order every
    later step relies on). A practice and its article, bulletin and source spans live in the bulletin's
    own graph, so reading a few graphs reads only those."""

    def pairs(where: str) -> Iterator[tuple[str, str]]:
        return _pairs(gs, where, graphs)

    graph_of = {r[0].value: r[1].value for r in sparql.select(gs, _IN_GRAPHS, "g", graphs)}
    text = dict(pairs("?s ckg:normalizedText ?o"))
    article = dict(pairs("?s ckg:describedIn ?o"))
    locality = dict(pairs("?s ckg:locality ?o"))
    title = dict(pairs("?s dcterms:title ?o"))
    brand = dict(pairs("?s ckg:brand ?o"))
    part_of = dict(pairs("?s dcterms:isPartOf ?o"))
    issued = dict(pairs("?s dcterms:issued ?o"))
    multi: dict[str, dict[str, set[str]]] = {}
    for name, pred in (
        ("targets", "ckg:targets"),
        ("types", "ckg:practiceType"),
        ("documents", "ckg:basedOn"),
    ):
        multi[name] = {}
        for p, o in pairs(f"?s {pred} ?o"):
            multi[name].setdefault(p, set()).add(o)
    leads = read_leads(gs, graph_of, article, graphs)
    rows = []
    for iri in sorted(graph_of):
        art = article.get(iri)
        if art is None or iri not in text:
            continue
        loc = locality.get(iri) or locality.get(art)
        rows.append(
            LinkRow(
                iri=iri,
                graph=graph_of[iri],
                group=loc or art,
                locality=loc,
                article=art,
                text=text[iri],
                title=leads.get(art) or title.get(art) or "",
                date=issued.get(part_of.get(art, "")),
                brand=brand.get(iri),
                targets=tuple(sorted(multi["targets"].get(iri, ()))),
                types=tuple(sorted(multi["types"].get(iri, ()))),
                documents=tuple(sorted(multi["documents"].get(iri, ()))),
            )
        )
    return rows


def _pairs(gs: Any, where: str, graphs: Sequence[str] | None) -> Iterator[tuple[str, str]]:
    """(?s, ?o) of one pattern, in the whole store or within the given named graphs."""
    if graphs is None:
        yield from sparql.pairs(gs, where)
        return
    for r in sparql.select(gs, "SELECT ?s ?o WHERE { %s GRAPH ?g { " + where + " } }", "g", graphs):
        yield r[0].value, r[1].value


def lead(quote: str, cut: int) -> str:
    """The normalised opening of an article: its source text before the first practice."""
    from kg.read.normalize import flatten, normalize

    raw = quote[: max(0, cut)][: LEAD_MAX * 2]
    return flatten(normalize(raw)[0]).text.strip()[:LEAD_MAX] if raw.strip() else ""


def read_leads(
    gs: Any, practices: dict[str, str], article: dict[str, str], graphs: Sequence[str] | None = None
) -> dict[str, str]:
    """Article IRI -> its normalised opening: title line and lead paragraph, the source text before the
    article's first practice."""
    span = dict(_pairs(gs, "?s prov:wasDerivedFrom ?o", graphs))
    start = {s: int(o) for s, o in _pairs(gs, "?s ckg:startOffset ?o", graphs)}
    first: dict[str, int] = {}
    for p in practices:
        art, at = article.get(p), start.get(span.get(p, ""))
        if art is not None and at is not None:
            first[art] = min(first.get(art, at), at)
    out = {}
    for art, quote in _pairs(gs, "?s a ckg:Article ; prov:wasDerivedFrom/ckg:quote ?o", graphs):
        at, cut = start.get(span.get(art, "")), first.get(art)
        if at is not None and cut is not None:
            out[art] = lead(quote, cut - at)
    return out
