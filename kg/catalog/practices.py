"""Practices as records, each with its place, article, bulletin, concepts, outcomes and documents.

Read with one flat pattern per property, joined here (kg/catalog/sparql.py says why); a property
several classes share (rdfs:label, ckg:locality …) is read with the class it is asked for, a
property only one class has is read alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kg.catalog import sparql
from kg.catalog.places import read_localities
from kg.catalog.records import Article, Bulletin, Concept, Document, Locality, Outcome, Practice, Quote
from kg.catalog.scheme import Scheme, read_scheme
from kg.lazyre import lazy

# What each record is read from: a pattern from ?s to ?o per field (the class named where several
# classes share the property). The source span is read through the practice: articles' spans hold
# whole articles.
_PRACTICE = {
    "label": "?s a ckg:Practice ; rdfs:label ?o",
    "text": "?s ckg:normalizedText ?o",
    "brand": "?s ckg:brand ?o",
    "place": "?s a ckg:Practice ; ckg:locality ?o",
    "article": "?s ckg:describedIn ?o",
    "quote": "?s a ckg:Practice ; prov:wasDerivedFrom ?x . ?x ckg:quote ?o",
    "start": "?s a ckg:Practice ; prov:wasDerivedFrom ?x . ?x ckg:startOffset ?o",
    "end": "?s a ckg:Practice ; prov:wasDerivedFrom ?x . ?x ckg:endOffset ?o",
}
_PRACTICE_LISTS = {
    "targets": "?s ckg:targets ?o",
    "types": "?s ckg:practiceType ?o",
    "outcomes": "?s ckg:outcome ?o",
    "documents": "?s a ckg:Practice ; ckg:cites ?o",
    "based": "?s ckg:basedOn ?o",  # a store written before ckg:cites
}
_ARTICLE = {
    "title": "?s a ckg:Article ; dcterms:title ?o",
    "section": "?s ckg:section ?o",
    "place": "?s a ckg:Article ; ckg:locality ?o",
    "bulletin": "?s a ckg:Article ; dcterms:isPartOf ?o",
}
_ARTICLE_LISTS = {"documents": "?s a ckg:Article ; ckg:cites ?o"}
_BULLETIN = {
    "name": "?s a ckg:Bulletin ; dcterms:title ?o",
    "label": "?s a ckg:Bulletin ; rdfs:label ?o",
    "date": "?s a ckg:Bulletin ; dcterms:issued ?o",
    "issue": "?s a ckg:Bulletin ; schema:issueNumber ?o",
    "issuer": "?s a ckg:Bulletin ; dcterms:publisher ?x . ?x rdfs:label ?o",
    "place": "?s a ckg:Bulletin ; ckg:locality ?x . ?x rdfs:label ?o",
}
_OUTCOME = {
    "value": "?s schema:value ?o",
    "label": "?s a ckg:Outcome ; rdfs:label ?o",
    "unit": "?s schema:unitText ?o",
    "qualifier": "?s ckg:qualifier ?o",
    "upper": "?s schema:maxValue ?o",
    "value_text": "?s ckg:valueText ?o",
    "displayable": "?s ckg:displayable ?o",
}


def read_practices(
    gs: Any, iris: Iterable[str] | None = None, *, scheme: Scheme | None = None
) -> tuple[dict[str, Practice], dict[str, Locality]]:
    """(practice IRI -> record, locality IRI -> record of every place they are at or in), for every
    practice of the store (iris None) or for those of `iris` that are practices; ordered by IRI."""
    whole = iris is None
    ps, core = sparql.table(gs, "?s a ckg:Practice", _PRACTICE, iris)
    label, text, brand = core["label"], core["text"], core["brand"]
    own_place, article_of = core["place"], core["article"]
    quote, start, end = core["quote"], core["start"], core["end"]
    many = sparql.lists(gs, _PRACTICE_LISTS, None if whole else ps)
    targets, types, outcomes_of = many["targets"], many["types"], many["outcomes"]
    documents_of = {p: many["documents"].get(p) or many["based"].get(p, []) for p in ps}

    arts = None if whole else set(article_of.values())
    _, art = sparql.table(gs, "?s a ckg:Article", _ARTICLE, arts, subjects=False)
    title, section, art_place, part_of = art["title"], art["section"], art["place"], art["bulletin"]
    art_docs = sparql.lists(gs, _ARTICLE_LISTS, arts)["documents"]
    buls = None if whole else set(part_of.values())
    _, bul = sparql.table(gs, "?s a ckg:Bulletin", _BULLETIN, buls, subjects=False)
    b_name, b_label, b_date, b_issue = bul["name"], bul["label"], bul["date"], bul["issue"]
    b_issuer, b_place = bul["issuer"], bul["place"]
    outs = None if whole else {o for os in outcomes_of.values() for o in os}
    _, out = sparql.table(gs, "?s a ckg:Outcome", _OUTCOME, outs, subjects=False)
    o_value, o_label, o_unit, o_qualifier, o_upper, o_text, o_shown = (
        out[k] for k in ("value", "label", "unit", "qualifier", "upper", "value_text", "displayable")
    )
    docs = None if whole else {d for ds in (*documents_of.values(), *art_docs.values()) for d in ds}
    # policy documents and other works (a film, a book) alike: whatever is cited has a title
    _, doc = sparql.table(gs, "?s dcterms:title ?t", {"title": "?s dcterms:title ?o"}, docs, subjects=False)
    d_title = doc["title"]

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
                b_issuer.get(iri, ""),
                b_place.get(iri, ""),
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
                tuple(Document(d, d_title.get(d, "")) for d in art_docs.get(iri, ())),
            )
        return rec

    def outcome(iri: str) -> Outcome | None:
        value = o_value.get(iri)
        if value is None:
            return None
        return Outcome(
            o_label.get(iri, ""),
            value,
            o_unit.get(iri, ""),
            o_qualifier.get(iri),
            o_upper.get(iri),
            o_text.get(iri),
            o_shown.get(iri, "true").strip().lower() not in ("false", "0"),
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


_NUMBERED = lazy(r"-(\d+)$")


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


def read_places(gs: Any) -> dict[str, Practice]:
    """Every practice as a record holding only its locality (its own, else its article's, as
    `read_practices` reads it): enough to find a place and its peers before reading their practices."""
    ps, core = sparql.table(gs, "?s a ckg:Practice", {k: _PRACTICE[k] for k in ("place", "article")})
    _, art = sparql.table(gs, "?s a ckg:Article", {"place": _ARTICLE["place"]}, subjects=False)
    own, article_of, art_place = core["place"], core["article"], art["place"]
    loc_of = {p: own.get(p) or art_place.get(article_of.get(p, "")) for p in ps}
    localities = read_localities(gs, {x for x in loc_of.values() if x})
    return {
        p: Practice(p, locality=(localities.get(x) or Locality(x)) if x else None) for p, x in loc_of.items()
    }


def read_themes(gs: Any, scheme: Scheme) -> dict[str, Practice]:
    """Every practice as a record holding only its brand, target groups and practice types: enough
    to choose the practices on a theme before reading them."""
    ps, core = sparql.table(gs, "?s a ckg:Practice", {"brand": _PRACTICE["brand"]})
    many = sparql.lists(gs, {k: _PRACTICE_LISTS[k] for k in ("targets", "types")})
    targets, types = many["targets"], many["types"]
    return {
        p: Practice(
            p,
            brand=core["brand"].get(p),
            targets=tuple(Concept(c, scheme.label(c)) for c in targets.get(p, ())),
            types=tuple(Concept(c, scheme.label(c)) for c in types.get(p, ())),
        )
        for p in ps
    }
