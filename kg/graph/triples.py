"""Graph stage: Bulletin -> RDF quads, written as N-Quads text for one bulk load.

Each bulletin's own facts go into its named graph so re-ingesting replaces it whole; entities
shared between bulletins (localities, units, documents) go into one shared graph.

Why text and not pyoxigraph Quad objects: building ~400 term and quad objects per article in Python
cost more than Oxigraph's load itself, while N-Quads lines are plain string formatting and Oxigraph's
parser reads them back in a fraction of that (and loads them without holding the GIL). Terms are
rendered by kg/graph/terms.py, the only place that knows the syntax; `bulletin_quads` parses the
same text back into Quad objects for callers that want objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pyoxigraph import Quad, RdfFormat, parse

from kg.graph import iris
from kg.graph.namespace import CKG
from kg.graph.terms import iri_term, string, typed, zh
from kg.model import Article, Bulletin, DocumentRef, Locality, Practice, Quote, Unit, nearest_place

DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"


# predicates and classes, rendered once
RDF_TYPE = iri_term("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = iri_term("http://www.w3.org/2000/01/rdf-schema#label")
PROV_DERIVED = iri_term("http://www.w3.org/ns/prov#wasDerivedFrom")
DCT_TITLE, DCT_ISSUED, DCT_PUBLISHER = (
    iri_term(DCT + "title"),
    iri_term(DCT + "issued"),
    iri_term(DCT + "publisher"),
)
DCT_PART_OF, DCT_SOURCE = iri_term(DCT + "isPartOf"), iri_term(DCT + "source")
SCHEMA_ISSUE, SCHEMA_VALUE, SCHEMA_MAX = (
    iri_term(SCHEMA + "issueNumber"),
    iri_term(SCHEMA + "value"),
    iri_term(SCHEMA + "maxValue"),
)
SCHEMA_UNIT_TEXT, SCHEMA_IN_PLACE = iri_term(SCHEMA + "unitText"), iri_term(SCHEMA + "containedInPlace")
ORG_ORGANIZATION, ORG_SUB_OF = iri_term(ORG + "Organization"), iri_term(ORG + "subOrganizationOf")


class _C:
    """CKG terms as rendered IRIs (looked up once; CKG raises on a misspelt name)."""

    def __getattr__(self, name: str) -> str:
        value = iri_term(getattr(CKG, name))
        setattr(self, name, value)
        return value


C = _C()


class _Sink:
    """Collects N-Quads lines for one graph."""

    def __init__(self, graph: str):
        self.graph = iri_term(graph)
        self.lines: list[str] = []
        self.done: set[object] = set()  # shared entities already described in this sink

    def first(self, entity: object) -> bool:
        """True the first time an entity (a Locality or Unit value) is seen: its description, which
        depends on nothing else, is then written once."""
        if entity in self.done:
            return False
        self.done.add(entity)
        return True

    def add(self, s: str, p: str, o: str) -> None:
        """s: an IRI (plain); p, o: rendered terms."""
        self.lines.append(f"<{s}> {p} {o} {self.graph} .\n")


def bulletin_nquads(b: Bulletin) -> tuple[list[str], list[str]]:
    """(N-Quads lines of the bulletin's own graph, lines of shared entities)."""
    own = _Sink(iris.bulletin_graph(b.key))
    shared = _Sink(iris.GRAPH_SHARED)
    bi = iris.bulletin(b.key)
    own.add(bi, RDF_TYPE, C.Bulletin)
    own.add(bi, RDFS_LABEL, zh(b.label))
    if b.name:
        own.add(bi, DCT_TITLE, zh(b.name))
    if b.date:
        own.add(bi, DCT_ISSUED, typed(b.date.isoformat(), "date"))
    if b.issue is not None:
        own.add(bi, SCHEMA_ISSUE, typed(b.issue, "integer"))
    own.add(bi, C.contentHash, string(b.content_hash))
    if b.publisher:
        own.add(bi, DCT_PUBLISHER, iri_term(_unit(shared, b.publisher)))
    if b.city:
        own.add(bi, C.locality, iri_term(_locality(shared, b.city)))
    for a in b.articles:
        _article(own, shared, b, bi, a)
    return own.lines, shared.lines


def nquads_batches(bulletins: Iterable[Bulletin], max_chars: int = 1 << 24) -> Iterator[str]:
    """N-Quads text of all bulletins, cut between bulletins into batches of about `max_chars`, so a
    big collection is never held as text at once. Shared entities are written once per batch (a quad
    loaded twice is still one quad in the store). 16 M characters is ~450 articles, ~70k quads, ~35 MB
    as a Python string (plus the lines): small enough that the loader starts early and two batches in
    memory stay small, large enough that the ~tens of ms each bulk call costs do not matter."""
    lines: list[str] = []
    shared: set[str] = set()
    size = 0
    for b in bulletins:
        own, sh = bulletin_nquads(b)
        lines += own
        shared.update(sh)
        size += sum(map(len, own)) + sum(map(len, sh))
        if size >= max_chars:
            yield "".join(lines) + "".join(shared)
            lines, shared, size = [], set(), 0
    if lines or shared:
        yield "".join(lines) + "".join(shared)


def bulletin_quads(b: Bulletin) -> tuple[list[Quad], list[Quad]]:
    """(quads of the bulletin's own graph, quads of shared entities), as pyoxigraph objects."""
    own, shared = bulletin_nquads(b)
    return to_quads(own), to_quads(shared)


def to_quads(lines: list[str]) -> list[Quad]:
    return list(parse("".join(lines), format=RdfFormat.N_QUADS))


def _span(sink: _Sink, entity: str, q: Quote, bulletin_iri: str) -> str:
    si = iris.span(entity)
    sink.add(si, RDF_TYPE, C.SourceSpan)
    sink.add(si, C.quote, string(q.text))
    sink.add(si, C.startOffset, typed(q.start, "integer"))
    sink.add(si, C.endOffset, typed(q.end, "integer"))
    sink.add(si, DCT_SOURCE, iri_term(bulletin_iri))
    sink.add(entity, PROV_DERIVED, iri_term(si))
    return si


def _article(own: _Sink, shared: _Sink, b: Bulletin, bi: str, a: Article) -> None:
    ai = iris.article(b.key, a.index)
    own.add(ai, RDF_TYPE, C.Article)
    own.add(ai, DCT_PART_OF, iri_term(bi))
    own.add(ai, DCT_TITLE, zh(a.title))
    own.add(ai, RDFS_LABEL, zh(a.title))
    own.add(ai, C.position, typed(a.index, "integer"))
    if a.section:
        own.add(ai, C.section, string(a.section))
    loc_iri = _locality(shared, a.locality) if a.locality else None
    if loc_iri:
        own.add(ai, C.locality, iri_term(loc_iri))
    if a.reporting_unit:
        own.add(ai, C.reportedBy, iri_term(_unit(shared, a.reporting_unit)))
    for d in a.documents:  # every document the article cites, the lead paragraph's too
        own.add(ai, C.cites, iri_term(_document(shared, d, a.locality)))
    _span(own, ai, a.quote, bi)
    date = typed(b.date.isoformat(), "date") if b.date else None  # the same term as dcterms:issued
    for p in a.practices:
        here = _locality(shared, p.locality) if p.locality else loc_iri  # a compilation's item: its own
        _practice(own, shared, b, bi, a, ai, here, p)
        # derived, in the bulletin's own graph: removed with it, never out of date
        place = place_iri(p.locality or a.locality)
        if place:
            own.add(iris.practice(b.key, a.index, p.key), C.place, iri_term(place))
        if date:
            own.add(iris.practice(b.key, a.index, p.key), C.reportedOn, date)


def _practice(
    own: _Sink, shared: _Sink, b: Bulletin, bi: str, a: Article, ai: str, loc_iri: str | None, p: Practice
) -> None:
    pi = iris.practice(b.key, a.index, p.key)
    own.add(pi, RDF_TYPE, C.Practice)
    own.add(pi, RDFS_LABEL, zh(p.label))
    own.add(pi, C.describedIn, iri_term(ai))
    own.add(pi, C.position, typed(p.index, "integer"))
    own.add(pi, C.normalizedText, string(p.text))
    if loc_iri:
        own.add(pi, C.locality, iri_term(loc_iri))
    if p.brand:
        own.add(pi, C.brand, string(p.brand))
    for t in p.targets:
        own.add(pi, C.targets, iri_term(iris.target_group(t)))
    for t in p.types:
        own.add(pi, C.practiceType, iri_term(iris.practice_type(t)))
    for u in p.units:
        own.add(pi, C.involvesUnit, iri_term(_unit(shared, u)))
    for loc in mentioned_places(a, p):
        own.add(pi, C.mentionsPlace, iri_term(_locality(shared, loc)))
    for d in p.documents:
        di = _document(shared, d, a.locality)
        own.add(pi, C.basedOn if d.kind == "policy" else C.mentions, iri_term(di))
        own.add(pi, C.cites, iri_term(di))
        own.add(ai, C.basedOn if d.kind == "policy" else C.mentions, iri_term(di))
    for n, o in enumerate(p.outcomes, start=1):
        oi = iris.outcome(pi, n)
        own.add(pi, C.outcome, iri_term(oi))
        own.add(oi, RDF_TYPE, C.Outcome)
        own.add(oi, SCHEMA_VALUE, typed(decimal_text(o.value), "decimal"))
        if o.upper is not None:
            own.add(oi, SCHEMA_MAX, typed(decimal_text(o.upper), "decimal"))
        own.add(oi, SCHEMA_UNIT_TEXT, string(o.unit))
        own.add(oi, RDFS_LABEL, zh(o.label or o.counted or o.text))
        if o.value_text:
            own.add(oi, C.valueText, string(o.value_text))
        if not o.displayable:  # written only when false: most outcomes are shown
            own.add(oi, C.displayable, typed("false", "boolean"))
        if o.qualifier:
            own.add(oi, C.qualifier, string(o.qualifier))
        _span(own, oi, Quote(o.start, o.end, o.text), bi)
    _span(own, pi, p.quote, bi)


def place_iri(loc: Locality | None) -> str | None:
    """The IRI of a practice's ckg:place (kg.model.nearest_place: the county, city or province it is
    counted at; the bundled questions read this triple)."""
    place = nearest_place(loc)
    return iris.locality(place) if place is not None else None


def decimal_text(x: float) -> str:
    """xsd:decimal lexical form (never scientific notation)."""
    from decimal import Decimal

    d = Decimal(repr(float(x)))
    return str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")


def mentioned_places(a: Article, p: Practice) -> list[Locality]:
    """The places a practice's text names besides its article's place and that place's parents (a town
    of the county, a place visited or learned from): its ckg:mentionsPlace, first mention first."""
    chain = set()
    loc = p.locality or a.locality
    while loc is not None:
        chain.add(iris.locality(loc))
        loc = loc.parent
    out: dict[str, Locality] = {}
    for m in p.localities:
        if m.locality is not None and iris.locality(m.locality) not in chain:
            out.setdefault(iris.locality(m.locality), m.locality)
    return list(out.values())


def _locality(shared: _Sink, loc: Locality) -> str:
    li = iris.locality(loc)
    if not shared.first(loc):
        return li
    shared.add(li, RDF_TYPE, C.Locality)
    shared.add(li, RDFS_LABEL, zh(loc.name))
    shared.add(li, C.adminLevel, string(loc.level))
    if loc.code:
        shared.add(li, C.adminCode, string(loc.code))
    if loc.parent is not None:
        shared.add(li, SCHEMA_IN_PLACE, iri_term(_locality(shared, loc.parent)))
    return li


def _unit(shared: _Sink, u: Unit) -> str:
    ui = iris.unit(u)
    if not shared.first(u):
        return ui
    shared.add(ui, RDF_TYPE, C.Unit)
    shared.add(ui, RDF_TYPE, ORG_ORGANIZATION)
    shared.add(ui, RDFS_LABEL, zh(u.name))
    shared.add(ui, C.unitKind, string(u.kind))
    if u.locality is not None:
        shared.add(ui, C.locality, iri_term(_locality(shared, u.locality)))
    if u.parent_name:
        parent = Unit(u.parent_name, "党委" if u.parent_name.endswith("委") else "机关", u.locality)
        shared.add(ui, ORG_SUB_OF, iri_term(_unit(shared, parent)))
    return ui


def _document(shared: _Sink, d: DocumentRef, article_place: Locality | None) -> str:
    if d.kind == "policy":
        di = iris.policy_document(d, article_place)
        shared.add(di, RDF_TYPE, C.PolicyDocument)
    else:
        di = iris.work(d.title)
        shared.add(di, RDF_TYPE, C.NamedWork)
        shared.add(di, C.workKind, string(d.kind))
    shared.add(di, DCT_TITLE, zh(d.title))
    shared.add(di, RDFS_LABEL, zh(d.title))
    return di
