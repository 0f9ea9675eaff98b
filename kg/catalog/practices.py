"""Practices as records, each with its place, article, bulletin, concepts, outcomes and documents.

Read with one flat pattern per property, joined here (kg/catalog/sparql.py says why); a property
several classes share (rdfs:label, ckg:locality …) is read with the class it is asked for, a
property only one class has is read alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from kg.catalog import sparql
from kg.catalog.places import read_localities
from kg.catalog.records import Article, Bulletin, Concept, Document, Locality, Outcome, Practice, Quote
from kg.catalog.scheme import Scheme, read_scheme

_EVERY = "SELECT ?s WHERE { %s ?s a ckg:Practice }"


def practice_iris(gs: Any, iris: Iterable[str] | None = None) -> list[str]:
    """Every practice of the store (iris None), or those of `iris` that are practices; sorted."""
    return sorted({r[0].value for r in sparql.select(gs, _EVERY, "s", iris)})


def read_practices(
    gs: Any, iris: Iterable[str] | None = None, *, scheme: Scheme | None = None
) -> tuple[dict[str, Practice], dict[str, Locality]]:
    """(practice IRI -> record, locality IRI -> record of every place they are at or in), for every
    practice of the store (iris None) or for those of `iris` that are practices; ordered by IRI."""
    whole = iris is None
    ps = practice_iris(gs, iris)
    subjects = None if whole else ps

    def one(pattern: str, of: Iterable[str] | None = subjects) -> dict[str, str]:
        return sparql.first(gs, pattern, of)

    def many(pattern: str, of: Iterable[str] | None = subjects) -> dict[str, list[str]]:
        return sparql.every(gs, pattern, of)

    label = one("?s a ckg:Practice ; rdfs:label ?o")
    text = one("?s ckg:normalizedText ?o")
    brand = one("?s ckg:brand ?o")
    own_place = one("?s a ckg:Practice ; ckg:locality ?o")
    article_of = one("?s ckg:describedIn ?o")
    targets, types = many("?s ckg:targets ?o"), many("?s ckg:practiceType ?o")
    outcomes_of, documents_of = many("?s ckg:outcome ?o"), many("?s ckg:basedOn ?o")

    # the source span read through the practice: the spans of articles hold whole articles
    quote = one("?s a ckg:Practice ; prov:wasDerivedFrom ?x . ?x ckg:quote ?o")
    start = one("?s a ckg:Practice ; prov:wasDerivedFrom ?x . ?x ckg:startOffset ?o")
    end = one("?s a ckg:Practice ; prov:wasDerivedFrom ?x . ?x ckg:endOffset ?o")

    arts = None if whole else set(article_of.values())
    title = one("?s a ckg:Article ; dcterms:title ?o", arts)
    section = one("?s ckg:section ?o", arts)
    art_place = one("?s a ckg:Article ; ckg:locality ?o", arts)
    part_of = one("?s a ckg:Article ; dcterms:isPartOf ?o", arts)

    buls = None if whole else set(part_of.values())
    b_name = one("?s a ckg:Bulletin ; dcterms:title ?o", buls)
    b_label = one("?s a ckg:Bulletin ; rdfs:label ?o", buls)
    b_date = one("?s a ckg:Bulletin ; dcterms:issued ?o", buls)
    b_issue = one("?s a ckg:Bulletin ; schema:issueNumber ?o", buls)

    outs = None if whole else {o for os in outcomes_of.values() for o in os}
    o_value = one("?s schema:value ?o", outs)
    o_label = one("?s a ckg:Outcome ; rdfs:label ?o", outs)
    o_unit = one("?s schema:unitText ?o", outs)
    o_qualifier = one("?s ckg:qualifier ?o", outs)
    o_upper = one("?s schema:maxValue ?o", outs)

    docs = None if whole else {d for ds in documents_of.values() for d in ds}
    d_title = one("?s a ckg:PolicyDocument ; dcterms:title ?o", docs)

    places = {own_place.get(p) or art_place.get(article_of.get(p, "")) for p in ps}
    places |= set(art_place.values())
    localities = read_localities(gs, None if whole else places - {None})
    scheme = scheme or read_scheme(gs)

    def locality(iri: str | None) -> Locality | None:
        return (localities.get(iri) or Locality(iri)) if iri else None

    bulletins: dict[str, Bulletin] = {}

    def bulletin(iri: str | None) -> Bulletin | None:
        if not iri:
            return None
        rec = bulletins.get(iri)
        if rec is None:
            issue = b_issue.get(iri)
            rec = bulletins[iri] = Bulletin(
                iri,
                b_name.get(iri, ""),
                b_label.get(iri, ""),
                int(issue) if issue and issue.lstrip("-").isdigit() else None,
                b_date.get(iri) or None,
            )
        return rec

    articles: dict[str, Article] = {}

    def article(iri: str | None) -> Article | None:
        if not iri:
            return None
        rec = articles.get(iri)
        if rec is None:
            rec = articles[iri] = Article(
                iri,
                title.get(iri, ""),
                section.get(iri, ""),
                locality(art_place.get(iri)),
                bulletin(part_of.get(iri)),
            )
        return rec

    def outcome(iri: str) -> Outcome | None:
        value = o_value.get(iri)
        if value is None:
            return None
        return Outcome(
            o_label.get(iri, ""), value, o_unit.get(iri, ""), o_qualifier.get(iri), o_upper.get(iri)
        )

    out: dict[str, Practice] = {}
    for p in ps:
        q = quote.get(p)
        art = article_of.get(p)
        found = (outcome(o) for o in sorted(outcomes_of.get(p, ()), key=_text_order))
        out[p] = Practice(
            iri=p,
            label=label.get(p, ""),
            brand=brand.get(p),
            text=text.get(p, ""),
            quote=Quote(q, _int(start.get(p)), _int(end.get(p))) if q is not None else None,
            locality=locality(own_place.get(p) or art_place.get(art or "")),
            article=article(art),
            targets=tuple(Concept(c, scheme.label(c)) for c in targets.get(p, ())),
            types=tuple(Concept(c, scheme.label(c)) for c in types.get(p, ())),
            outcomes=tuple(o for o in found if o is not None),
            documents=tuple(Document(d, d_title.get(d, "")) for d in documents_of.get(p, ())),
        )
    return out, localities


_NUMBERED = re.compile(r"-(\d+)$")


def _text_order(outcome_iri: str) -> tuple[int, str]:
    """Outcomes in the order of the text: kg/graph/iris.py numbers them -1, -2, … as they occur."""
    m = _NUMBERED.search(outcome_iri)
    return (int(m.group(1)) if m else 1 << 30, outcome_iri)


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.lstrip("-").isdigit() else None


_IN_GRAPHS = "SELECT DISTINCT ?p WHERE { %s GRAPH ?g { ?p a ckg:Practice } }"
_WITH = "SELECT DISTINCT ?p WHERE { %s { ?p ckg:targets ?s } UNION { ?p ckg:practiceType ?s } }"


def practices_in(gs: Any, graphs: Iterable[str]) -> set[str]:
    """The practices of these named graphs (a bulletin's graph: kg/graph/iris.py `bulletin_graph`)."""
    return {r["p"].value for r in sparql.select(gs, _IN_GRAPHS, "g", graphs)}


def practices_with(gs: Any, concepts: Iterable[str]) -> set[str]:
    """The practices aimed at one of these target groups or of one of these practice types."""
    return {r["p"].value for r in sparql.select(gs, _WITH, "s", concepts)}
