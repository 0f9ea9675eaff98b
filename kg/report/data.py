"""What a report needs from the store: practice records with their citations, outcomes and concepts,
localities by name, and the stored similarity links of a practice."""

from __future__ import annotations

import difflib
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.errors import KGError


@dataclass(frozen=True)
class Outcome:
    label: str
    value: str
    unit: str
    qualifier: str | None = None

    def text(self) -> str:
        q = self.qualifier or ""
        value = self.value
        if q in ("近", "约"):
            return f"{self.label} {q}{value}{self.unit}"
        return (
            f"{self.label} {value}{q}{self.unit}"
            if q in ("余", "多")
            else f"{self.label} {value}{self.unit}{q}"
        )


@dataclass(frozen=True)
class PracticeInfo:
    """A practice as a report cites it."""

    id: str
    label: str
    locality: str  # label; "" when unknown
    locality_iri: str | None
    date: str | None  # YYYY-MM-DD of the bulletin issue
    issue: int | None
    bulletin: str  # bulletin name: 安庆组工信息
    article: str  # article title
    text: str  # the practice's own source text (exact quote)
    brand: str | None = None
    targets: tuple[str, ...] = ()  # labels
    types: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = field(default=())
    article_iri: str = ""

    def display_text(self) -> str:
        """The source text as a reader should see it: the same characters, without the conversion debris
        that is not content (Markdown ** and heading marks, line breaks inside a paragraph)."""
        text = _DEBRIS.sub("", self.text)
        return _SOFT_BREAK.sub(lambda m: "" if _joins(m) else "\n", text).strip()

    def contract(self) -> dict:
        """The `P` object of CONTRACT.md."""
        return {
            "id": self.id,
            "label": self.label,
            "locality": self.locality,
            "date": self.date,
            "issue": self.issue,
            "article": self.article,
            "text": self.text,
        }

    def issue_text(self) -> str:
        year = self.date[:4] if self.date else ""
        if self.issue is not None:
            return f"{year}年第{self.issue}期" if year else f"第{self.issue}期"
        return f"{year}年" if year else "期号不详"

    def citation(self) -> str:
        """Bulletin, issue, date and locality: what every claim in a report carries."""
        return f"{self.locality or '地方不详'}，《{self.bulletin}》{self.issue_text()}，{self.date or '日期不详'}"


_BAD_IRI = set('<>"{}|^`\\ \n\t')


def iri(value: str) -> str:
    """An IRI as a SPARQL term (IRIs here come from the store; refuse anything that could break out)."""
    if not value or _BAD_IRI & set(value):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


_DEBRIS = re.compile(r"\*\*|^#{1,6}[ \t]*", re.M)
_SOFT_BREAK = re.compile(r"[ \t]*\n\s*")


def _joins(m: re.Match) -> bool:
    """A break between two Chinese characters (or inside a sentence) is a page or line break, not a paragraph."""
    before = m.string[m.start() - 1] if m.start() else ""
    return before not in "。！？；：”"


def _values(iris: Iterable[str]) -> str:
    return " ".join(iri(i) for i in iris)


_BASE = """
SELECT ?p ?art ?label ?loc ?locLabel ?title ?bname ?blabel ?date ?issue ?quote ?text ?brand WHERE {
  VALUES ?p { %s }
  ?p ckg:describedIn ?art .
  OPTIONAL { ?p rdfs:label ?label } OPTIONAL { ?p ckg:normalizedText ?text }
  OPTIONAL { ?p ckg:locality ?ploc } OPTIONAL { ?art ckg:locality ?aloc }
  BIND(COALESCE(?ploc, ?aloc) AS ?loc)
  OPTIONAL { ?loc rdfs:label ?locLabel }
  OPTIONAL { ?art dcterms:title ?title }
  OPTIONAL { ?art dcterms:isPartOf ?bul .
             OPTIONAL { ?bul dcterms:title ?bname } OPTIONAL { ?bul rdfs:label ?blabel }
             OPTIONAL { ?bul dcterms:issued ?date } OPTIONAL { ?bul schema:issueNumber ?issue } }
  OPTIONAL { ?p prov:wasDerivedFrom ?span . ?span ckg:quote ?quote }
  OPTIONAL { ?p ckg:brand ?brand }
}"""
_OUTCOMES = """
SELECT ?p ?o ?label ?value ?unit ?q WHERE {
  VALUES ?p { %s }
  ?p ckg:outcome ?o . ?o schema:value ?value .
  OPTIONAL { ?o rdfs:label ?label } OPTIONAL { ?o schema:unitText ?unit } OPTIONAL { ?o ckg:qualifier ?q }
} ORDER BY ?p ?o"""
_CONCEPTS = """
SELECT ?p ?kind ?l WHERE {
  VALUES ?p { %s }
  { ?p ckg:targets ?c . BIND("t" AS ?kind) } UNION { ?p ckg:practiceType ?c . BIND("y" AS ?kind) }
  ?c skos:prefLabel ?l . FILTER(lang(?l) = '' || langMatches(lang(?l), 'zh'))
} ORDER BY ?p ?kind ?l"""


def _v(term) -> str | None:
    return term.value if term is not None else None


def practices(gs, iris: Iterable[str]) -> dict[str, PracticeInfo]:
    """PracticeInfo of each IRI found in the store (batched queries)."""
    iris = sorted(set(iris))
    out: dict[str, PracticeInfo] = {}
    for start in range(0, len(iris), 400):
        out.update(_batch(gs, iris[start : start + 400]))
    return out


def _batch(gs, iris: list[str]) -> dict[str, PracticeInfo]:
    if not iris:
        return {}
    vals = _values(iris)
    outcomes: dict[str, list[Outcome]] = {}
    for r in gs.query(_OUTCOMES % vals):
        value = _v(r["value"]) or ""
        outcomes.setdefault(r["p"].value, []).append(
            Outcome(_v(r["label"]) or "", value, _v(r["unit"]) or "", _v(r["q"]))
        )
    concepts: dict[tuple[str, str], list[str]] = {}
    for r in gs.query(_CONCEPTS % vals):
        concepts.setdefault((r["p"].value, r["kind"].value), []).append(r["l"].value)
    out: dict[str, PracticeInfo] = {}
    for r in gs.query(_BASE % vals):
        p = r["p"].value
        if p in out:
            continue
        issue = _v(r["issue"])
        out[p] = PracticeInfo(
            id=p,
            label=_v(r["label"]) or "",
            locality=_v(r["locLabel"]) or "",
            locality_iri=_v(r["loc"]),
            date=(_v(r["date"]) or None),
            issue=int(issue) if issue is not None and issue.lstrip("-").isdigit() else None,
            bulletin=_v(r["bname"]) or _v(r["blabel"]) or "公报",
            article=_v(r["title"]) or "",
            text=_v(r["quote"]) or _v(r["text"]) or "",
            brand=_v(r["brand"]),
            targets=tuple(dict.fromkeys(concepts.get((p, "t"), []))),
            types=tuple(dict.fromkeys(concepts.get((p, "y"), []))),
            outcomes=tuple(outcomes.get(p, [])),
            article_iri=r["art"].value,
        )
    return out


# -- localities ---------------------------------------------------------------------------------------


_LOCALITIES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def localities(gs) -> dict[str, str]:
    """Locality IRI -> label, for every locality that has practices or contains one that has.

    Computed once per store opened read-only (a report renders one locality after another and
    resolves each name against this).
    """
    cached = _LOCALITIES.get(gs) if gs.read_only else None
    if cached is not None:
        return cached
    # a practice's own place, else its article's: the few distinct places first, then their ancestors
    q = """SELECT DISTINCT ?loc ?l WHERE {
      { SELECT DISTINCT ?own WHERE {
          { ?p a ckg:Practice ; ckg:locality ?own }
          UNION
          { ?p a ckg:Practice ; ckg:describedIn/ckg:locality ?own FILTER NOT EXISTS { ?p ckg:locality ?any } } } }
      ?own schema:containedInPlace* ?loc . ?loc rdfs:label ?l }"""
    out: dict[str, str] = {}
    for r in gs.query(q):
        out.setdefault(r["loc"].value, r["l"].value)
    if gs.read_only:
        _LOCALITIES[gs] = out
    return out


def within(gs, locality_iri: str) -> set[str]:
    """The locality and every locality contained in it (transitively)."""
    q = f"SELECT DISTINCT ?x WHERE {{ ?x schema:containedInPlace* {iri(locality_iri)} }}"
    return {r["x"].value for r in gs.query(q)} | {locality_iri}


def resolve_locality(gs, name: str) -> tuple[str, str]:
    """(IRI, label) of the locality a user named; KGError listing close names when none fits."""
    name = name.strip()
    known = localities(gs)
    if not known:
        raise KGError("the store holds no practices with a locality; run `kg build` first")
    by_label: dict[str, list[str]] = {}
    for iri, label in known.items():
        by_label.setdefault(label, []).append(iri)
    for cand in (name, name.rstrip("县市区省镇")):
        if cand in by_label:
            return sorted(by_label[cand])[0], cand
    partial = sorted(
        lab for lab in by_label if name and (lab.startswith(name) or name.endswith(lab) or name in lab)
    )
    if len(partial) == 1:
        return sorted(by_label[partial[0]])[0], partial[0]
    close = partial or difflib.get_close_matches(name, sorted(by_label), n=5, cutoff=0.3)
    if not close:
        close = sorted(by_label, key=lambda lab: (-len(set(lab) & set(name)), lab))[:5]
    raise KGError(f"未找到地方“{name}”（unknown locality）；相近的地方：{'、'.join(close[:5])}")


def practices_of(gs, locality_iris: set[str]) -> list[str]:
    """Practices placed in one of these localities: by their own place, else by their article's."""
    q = """SELECT DISTINCT ?p WHERE { VALUES ?loc { %s }
      { ?p ckg:locality ?loc } UNION { ?art ckg:locality ?loc . ?p ckg:describedIn ?art FILTER NOT EXISTS { ?p ckg:locality ?any } }
      ?p a ckg:Practice }"""
    rows = gs.query(q % _values(sorted(locality_iris)))
    return sorted(r["p"].value for r in rows)


def links_of(gs, practice: str) -> list[tuple[str, float]]:
    """Stored similarity links of a practice: (other practice, score), best first."""
    p = iri(practice)
    # the practice's own links first; the link's type is tested, not looked up (the engine would
    # otherwise start from every link of the store)
    q = f"""SELECT ?o ?s WHERE {{
      {{ ?l ckg:fromPractice {p} ; ckg:toPractice ?o }} UNION {{ ?l ckg:toPractice {p} ; ckg:fromPractice ?o }}
      ?l ckg:score ?s ; a ?type . FILTER(?type = ckg:SimilarityLink) }}"""
    out = {r["o"].value: float(r["s"].value) for r in gs.query(q)}
    return sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))


def corpus_summary(gs) -> dict:
    q = """SELECT (COUNT(DISTINCT ?b) AS ?nb) (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {
      ?b a ckg:Bulletin . OPTIONAL { ?b dcterms:issued ?d } }"""
    r = next(iter(gs.query(q)))
    n = next(iter(gs.query("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a ckg:Practice }")))["n"].value
    names = sorted(
        {x["n"].value for x in gs.query("SELECT DISTINCT ?n WHERE { ?b a ckg:Bulletin ; dcterms:title ?n }")}
    )
    return {
        "bulletins": int(r["nb"].value),
        "first": _v(r["first"]),
        "last": _v(r["last"]),
        "practices": int(n),
        "names": names,
    }
