"""Graph stage: Bulletin -> RDF quads (pyoxigraph terms, for bulk loading).

Each bulletin's own facts go into its named graph so re-ingesting replaces it whole; entities
shared between bulletins (localities, units, documents) go into one shared graph.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from kg.graph import iris
from kg.graph.namespace import CKG
from kg.model import Article, Bulletin, DocumentRef, Locality, Practice, Quote, Unit

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
PROV_DERIVED = NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
ORG = "http://www.w3.org/ns/org#"

_nodes: dict[str, NamedNode] = {}


def N(iri: object) -> NamedNode:
    """Cached NamedNode (the same few hundred predicates are built millions of times)."""
    if isinstance(iri, NamedNode):
        return iri
    key = str(iri)
    node = _nodes.get(key)
    if node is None:
        node = _nodes[key] = NamedNode(key)
    return node


def zh(text: str) -> Literal:
    return Literal(text, language="zh")


def typed(value: object, dtype: str) -> Literal:
    return Literal(str(value), datatype=N(XSD + dtype))


def string(value: str) -> Literal:
    return Literal(value)


class _Sink:
    """Collects quads for one graph."""

    def __init__(self, graph: str):
        self.graph = N(graph)
        self.quads: list[Quad] = []

    def add(self, s: str, p: object, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(N(s), N(p), o, self.graph))


def bulletin_quads(b: Bulletin) -> tuple[list[Quad], list[Quad]]:
    """(quads of the bulletin's own graph, quads of shared entities)."""
    own = _Sink(iris.bulletin_graph(b.key))
    shared = _Sink(iris.GRAPH_SHARED)
    bi = iris.bulletin(b.key)
    own.add(bi, RDF_TYPE, N(CKG.Bulletin))
    label = f"{b.name or '单篇文章'}{f' {b.date.year}年第{b.issue}期' if b.date and b.issue else ''}"
    own.add(bi, RDFS_LABEL, zh(label))
    if b.name:
        own.add(bi, DCT + "title", zh(b.name))
    if b.date:
        own.add(bi, DCT + "issued", typed(b.date.isoformat(), "date"))
    if b.issue is not None:
        own.add(bi, SCHEMA + "issueNumber", typed(b.issue, "integer"))
    own.add(bi, CKG.contentHash, string(b.content_hash))
    if b.publisher:
        own.add(bi, DCT + "publisher", N(_unit(shared, b.publisher)))
    if b.city:
        own.add(bi, CKG.locality, N(_locality(shared, b.city)))
    for a in b.articles:
        _article(own, shared, b, bi, a)
    return own.quads, shared.quads


def _span(sink: _Sink, entity: str, q: Quote, bulletin_iri: str) -> str:
    si = iris.span(entity)
    sink.add(si, RDF_TYPE, N(CKG.SourceSpan))
    sink.add(si, CKG.quote, string(q.text))
    sink.add(si, CKG.startOffset, typed(q.start, "integer"))
    sink.add(si, CKG.endOffset, typed(q.end, "integer"))
    sink.add(si, DCT + "source", N(bulletin_iri))
    sink.add(entity, PROV_DERIVED, N(si))
    return si


def _article(own: _Sink, shared: _Sink, b: Bulletin, bi: str, a: Article) -> None:
    ai = iris.article(b.key, a.index)
    own.add(ai, RDF_TYPE, N(CKG.Article))
    own.add(ai, DCT + "isPartOf", N(bi))
    own.add(ai, DCT + "title", zh(a.title))
    own.add(ai, RDFS_LABEL, zh(a.title))
    own.add(ai, CKG.position, typed(a.index, "integer"))
    if a.section:
        own.add(ai, CKG.section, string(a.section))
    loc_iri = _locality(shared, a.locality) if a.locality else None
    if loc_iri:
        own.add(ai, CKG.locality, N(loc_iri))
    if a.reporting_unit:
        own.add(ai, CKG.reportedBy, N(_unit(shared, a.reporting_unit)))
    _span(own, ai, a.quote, bi)
    for p in a.practices:
        _practice(own, shared, b, bi, a, ai, loc_iri, p)


def _practice(own: _Sink, shared: _Sink, b: Bulletin, bi: str, a: Article, ai: str, loc_iri: str | None, p: Practice) -> None:
    pi = iris.practice(b.key, a.index, p.key)
    own.add(pi, RDF_TYPE, N(CKG.Practice))
    own.add(pi, RDFS_LABEL, zh(p.label))
    own.add(pi, CKG.describedIn, N(ai))
    own.add(pi, CKG.position, typed(p.index, "integer"))
    own.add(pi, CKG.normalizedText, string(p.text))
    if loc_iri:
        own.add(pi, CKG.locality, N(loc_iri))
    if p.brand:
        own.add(pi, CKG.brand, string(p.brand))
    for t in p.targets:
        own.add(pi, CKG.targets, N(iris.target_group(t)))
    for t in p.types:
        own.add(pi, CKG.practiceType, N(iris.practice_type(t)))
    for u in p.units:
        own.add(pi, CKG.involvesUnit, N(_unit(shared, u)))
    for d in p.documents:
        di = _document(shared, d)
        own.add(pi, CKG.basedOn if d.kind == "policy" else CKG.mentions, N(di))
        own.add(ai, CKG.basedOn if d.kind == "policy" else CKG.mentions, N(di))
    for n, o in enumerate(p.outcomes, start=1):
        oi = iris.outcome(pi, n)
        own.add(pi, CKG.outcome, N(oi))
        own.add(oi, RDF_TYPE, N(CKG.Outcome))
        own.add(oi, SCHEMA + "value", typed(_num(o.value), "decimal"))
        if o.upper is not None:
            own.add(oi, SCHEMA + "maxValue", typed(_num(o.upper), "decimal"))
        own.add(oi, SCHEMA + "unitText", string(o.unit))
        own.add(oi, RDFS_LABEL, zh(o.counted or o.text))
        if o.qualifier:
            own.add(oi, CKG.qualifier, string(o.qualifier))
        _span(own, oi, Quote(o.start, o.end, o.text), bi)
    _span(own, pi, p.quote, bi)


def _num(x: float) -> str:
    """xsd:decimal lexical form (never scientific notation)."""
    from decimal import Decimal

    d = Decimal(repr(float(x)))
    return str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")


def _locality(shared: _Sink, loc: Locality) -> str:
    li = iris.locality(loc)
    shared.add(li, RDF_TYPE, N(CKG.Locality))
    shared.add(li, RDFS_LABEL, zh(loc.name))
    shared.add(li, CKG.adminLevel, string(loc.level))
    if loc.code:
        shared.add(li, CKG.adminCode, string(loc.code))
    if loc.parent is not None:
        shared.add(li, SCHEMA + "containedInPlace", N(_locality(shared, loc.parent)))
    return li


def _unit(shared: _Sink, u: Unit) -> str:
    ui = iris.unit(u)
    shared.add(ui, RDF_TYPE, N(CKG.Unit))
    shared.add(ui, RDF_TYPE, N(ORG + "Organization"))
    shared.add(ui, RDFS_LABEL, zh(u.name))
    shared.add(ui, CKG.unitKind, string(u.kind))
    if u.locality is not None:
        shared.add(ui, CKG.locality, N(_locality(shared, u.locality)))
    if u.parent_name:
        parent = Unit(u.parent_name, "党委" if u.parent_name.endswith("委") else "机关", u.locality)
        shared.add(ui, ORG + "subOrganizationOf", N(_unit(shared, parent)))
    return ui


def _document(shared: _Sink, d: DocumentRef) -> str:
    if d.kind == "policy":
        di = iris.document(d.title)
        shared.add(di, RDF_TYPE, N(CKG.PolicyDocument))
    else:
        di = iris.work(d.title)
        shared.add(di, RDF_TYPE, N(CKG.NamedWork))
        shared.add(di, CKG.workKind, string(d.kind))
    shared.add(di, DCT + "title", zh(d.title))
    shared.add(di, RDFS_LABEL, zh(d.title))
    return di


def iter_quads(bulletins: list[Bulletin]) -> Iterator[Quad]:
    for b in bulletins:
        own, shared = bulletin_quads(b)
        yield from own
        yield from shared
