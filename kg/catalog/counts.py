"""Counting questions: what the store holds in all, per locality, and where the extraction left gaps
(`kg stats`, the coverage page), and the corpus a report is drawn from."""

from __future__ import annotations

from typing import Any

from kg.text.issuer import issuer_shown

_TOTALS = """
SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES (?class ?what) {
    (ckg:Bulletin "公报") (ckg:Article "文章") (ckg:Practice "做法") (ckg:Locality "地方")
    (ckg:Unit "单位") (ckg:Outcome "成效数字") (ckg:PolicyDocument "政策文件") (ckg:NamedWork "其他书名号作品")
    (ckg:SimilarityLink "相似链接")
  }
  OPTIONAL { ?x a ?class }
} GROUP BY ?what ORDER BY DESC(?n)
"""

_PER_LOCALITY = """
SELECT ?locality ?code ?parent (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?p) AS ?practices)
       (COUNT(DISTINCT ?o) AS ?outcomes) (COUNT(DISTINCT ?t) AS ?targets)
WHERE {
  # an article's place, or the own place of a practice in it (a compilation's items from elsewhere)
  { ?a a ckg:Article ; ckg:locality ?l } UNION { ?item a ckg:Practice ; ckg:locality ?l ; ckg:describedIn ?a }
  ?l rdfs:label ?locality .
  OPTIONAL { ?l ckg:adminCode ?code }
  OPTIONAL { ?l schema:containedInPlace/rdfs:label ?parent }
  OPTIONAL {
    ?p ckg:describedIn ?a ; ckg:locality ?l .
    OPTIONAL { ?p ckg:outcome ?o } OPTIONAL { ?p ckg:targets ?t }
  }
} GROUP BY ?locality ?code ?parent ORDER BY DESC(?practices) ?locality
"""

_NO_TARGET = """
SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a ckg:Practice FILTER NOT EXISTS { ?p ckg:targets ?t } }
"""
_NO_TYPE = """
SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a ckg:Practice FILTER NOT EXISTS { ?p ckg:practiceType ?t } }
"""
_NO_LOCALITY = """
SELECT ?title WHERE {
  ?a a ckg:Article ; dcterms:title ?title
  FILTER NOT EXISTS { ?a ckg:locality ?l }
  FILTER NOT EXISTS { ?p ckg:describedIn ?a ; ckg:locality ?own }  # a compilation: its items are placed
}
"""


def totals(gs: Any) -> dict[str, int]:
    """What -> how many (公报, 文章, 做法 …), largest first."""
    return {r["what"].value: int(r["n"].value) for r in gs.query(_TOTALS)}


def per_locality(gs: Any) -> tuple[list[str], list[dict[str, str]]]:
    """(column names, one row per locality of articles: label, code, parent, counts), most practices first."""
    res = gs.query(_PER_LOCALITY)
    names = [v.value for v in res.variables]
    return names, [{n: _text(s[n]) for n in names} for s in res]


def gaps(gs: Any) -> dict[str, int | list[str]]:
    """Practices without a target group or type, titles of articles without a locality."""
    return {
        "无对象的做法": _count(gs, _NO_TARGET),
        "无类型的做法": _count(gs, _NO_TYPE),
        "无地方的文章": [_text(s["title"]) for s in gs.query(_NO_LOCALITY)],
    }


def corpus_summary(gs: Any) -> dict:
    """The bulletins a report is drawn from: how many, first and last date, names, practices (kept beside
    the store for its generation, kg/catalog/memo.py: 0.1 s of every report at 10k articles)."""
    if getattr(gs, "root", None) is None:
        return _corpus_summary(gs)
    from kg.catalog.memo import remembered

    return remembered(gs, "corpus", lambda: _corpus_summary(gs))


def _corpus_summary(gs: Any) -> dict:
    # the dates apart from the count: an undated bulletin (a news item taken as one article) would
    # leave MIN and MAX unbound over all of them
    q = """SELECT ?nb ?first ?last WHERE {
      { SELECT (COUNT(DISTINCT ?b) AS ?nb) WHERE { ?b a ckg:Bulletin } }
      OPTIONAL { SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE { ?b a ckg:Bulletin ; dcterms:issued ?d } } }"""
    r = next(iter(gs.query(q)))
    n = _count(gs, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a ckg:Practice }")
    # a name many departments share (组工简报) is named with its issuer, as every citation names it
    q = """SELECT DISTINCT ?n ?issuer ?place WHERE { ?b a ckg:Bulletin ; dcterms:title ?n .
      OPTIONAL { ?b dcterms:publisher/rdfs:label ?issuer } OPTIONAL { ?b ckg:locality/rdfs:label ?place } }"""
    names = sorted(
        {
            f"{issuer_shown(n, _value(x['issuer']), _value(x['place']))}《{n}》"
            for x in gs.query(q)
            for n in [x["n"].value]
        }
    )
    first, last = r["first"], r["last"]
    return {
        "bulletins": int(r["nb"].value),
        "first": first.value if first is not None else None,
        "last": last.value if last is not None else None,
        "practices": n,
        "names": names,
    }


def _value(term: Any) -> str:
    return term.value if term is not None else ""


def names_shown(corpus: dict) -> str:
    """The bulletins a summary covers, as a sentence names them: 《安庆组工信息》、琼海市委组织部《组工简报》."""
    return "、".join(corpus.get("names", [])) or "公报"


def _count(gs: Any, q: str) -> int:
    return int(next(iter(gs.query(q)))["n"].value)


def _text(term: Any) -> str:
    return "" if term is None else str(term.value)
