"""What the reports of many localities need, read with a few whole-store (or VALUES-bound) queries.

`kg.report.data` answers one question at a time (the localities, one practice's links, a batch of
practices); rendering a report for every locality that way repeats whole-store scans hundreds of
times (on a 1,000-article store: `data.localities` ~15-25 s a call, `data.practices` ~12 s for 8
practices). A `Catalog` reads the same facts once, as flat queries Oxigraph evaluates well (simple
patterns on the subject, joined in Python), and answers the same questions from memory. Its
`PracticeInfo` records equal those of `data.practices` (tests compare them).

    Catalog.load(gs)                    every practice (render_reports)
    Catalog.load(gs, localities=iris)   the practices of these localities (and inside them) and the
                                        practices they are linked to (render_touched)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.report import data
from kg.report.data import Outcome, PracticeInfo

_CORE = """SELECT ?p ?art ?label ?text ?ploc ?brand WHERE { %s
  ?p a ckg:Practice ; ckg:describedIn ?art .
  OPTIONAL { ?p rdfs:label ?label } OPTIONAL { ?p ckg:normalizedText ?text }
  OPTIONAL { ?p ckg:locality ?ploc } OPTIONAL { ?p ckg:brand ?brand } }"""
_QUOTES = (
    """SELECT ?p ?quote WHERE { %s ?p a ckg:Practice ; prov:wasDerivedFrom ?span . ?span ckg:quote ?quote }"""
)
_ARTICLES = """SELECT ?art ?title ?aloc ?bul WHERE { %s
  OPTIONAL { ?art dcterms:title ?title } OPTIONAL { ?art ckg:locality ?aloc }
  OPTIONAL { ?art dcterms:isPartOf ?bul } }"""
_BULLETINS = """SELECT ?bul ?bname ?blabel ?date ?issue WHERE { %s
  OPTIONAL { ?bul dcterms:title ?bname } OPTIONAL { ?bul rdfs:label ?blabel }
  OPTIONAL { ?bul dcterms:issued ?date } OPTIONAL { ?bul schema:issueNumber ?issue } }"""
_LABELS = """SELECT ?l ?label WHERE { %s ?l rdfs:label ?label }"""
_OUTCOMES = """SELECT ?p ?o ?label ?value ?unit ?q WHERE { %s
  ?p a ckg:Practice ; ckg:outcome ?o . ?o schema:value ?value .
  OPTIONAL { ?o rdfs:label ?label } OPTIONAL { ?o schema:unitText ?unit } OPTIONAL { ?o ckg:qualifier ?q }
} ORDER BY ?p ?o"""
_CONCEPTS = """SELECT ?p ?kind ?l WHERE { %s
  ?p a ckg:Practice .
  { ?p ckg:targets ?c . BIND("t" AS ?kind) } UNION { ?p ckg:practiceType ?c . BIND("y" AS ?kind) }
  ?c skos:prefLabel ?l . FILTER(lang(?l) = '' || langMatches(lang(?l), 'zh'))
} ORDER BY ?p ?kind ?l"""
_LINKS = """SELECT ?a ?b ?s WHERE { %s
  ?l a ckg:SimilarityLink ; ckg:score ?s ; ckg:fromPractice ?a ; ckg:toPractice ?b }"""
_LINKS_OF = """SELECT ?a ?b ?s WHERE { VALUES ?x { %s }
  { ?l ckg:fromPractice ?x } UNION { ?l ckg:toPractice ?x }
  ?l a ckg:SimilarityLink ; ckg:score ?s ; ckg:fromPractice ?a ; ckg:toPractice ?b }"""
_PARENTS = "SELECT ?l ?parent WHERE { ?l schema:containedInPlace ?parent }"
_AT = """SELECT DISTINCT ?p WHERE { VALUES ?loc { %s }
  { ?p ckg:locality ?loc } UNION { ?art ckg:locality ?loc . ?p ckg:describedIn ?art }
  ?p a ckg:Practice }"""

BATCH = 400


def _v(term) -> str | None:
    return term.value if term is not None else None


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(data.iri(i) for i in iris)} }}"


def _batches(iris: set[str] | None) -> list[str]:
    """VALUES clauses for ?p in batches; [""] (no restriction) when iris is None."""
    if iris is None:
        return [""]
    ordered = sorted(iris)
    return [_values("p", ordered[i : i + BATCH]) for i in range(0, len(ordered), BATCH)]


@dataclass
class Catalog:
    infos: dict[str, PracticeInfo]
    links: dict[str, dict[str, float]]  # practice -> other practice -> score
    parents: dict[str, str]  # locality -> the locality it is in
    corpus: dict
    children: dict[str, set[str]] = field(default_factory=dict)
    by_locality: dict[str, set[str]] = field(default_factory=dict)  # own locality -> practices

    def __post_init__(self) -> None:
        kids: dict[str, set[str]] = defaultdict(set)
        for child, parent in self.parents.items():
            kids[parent].add(child)
        self.children = dict(kids)
        at: dict[str, set[str]] = defaultdict(set)
        for p in self.infos.values():
            if p.locality_iri:
                at[p.locality_iri].add(p.id)
        self.by_locality = dict(at)

    # -- the questions kg.report.build asks (same answers as kg.report.data) ---------------------
    def within(self, locality_iri: str) -> set[str]:
        out, todo = {locality_iri}, [locality_iri]
        while todo:
            for c in self.children.get(todo.pop(), ()):
                if c not in out:
                    out.add(c)
                    todo.append(c)
        return out

    def practices_of(self, locality_iris: set[str]) -> list[str]:
        return sorted({p for loc in locality_iris for p in self.by_locality.get(loc, ())})

    def links_of(self, practice: str) -> list[tuple[str, float]]:
        return sorted(self.links.get(practice, {}).items(), key=lambda kv: (-kv[1], kv[0]))

    def practices(self, iris: Iterable[str]) -> dict[str, PracticeInfo]:
        return {i: self.infos[i] for i in iris if i in self.infos}

    def corpus_summary(self) -> dict:
        return self.corpus

    def chain(self, locality_iri: str) -> list[str]:
        """The locality and the localities it is in, nearest first."""
        out = []
        while locality_iri and locality_iri not in out:
            out.append(locality_iri)
            locality_iri = self.parents.get(locality_iri, "")
        return out

    # -- loading -----------------------------------------------------------------------------------
    @classmethod
    def load(cls, gs, localities: Iterable[str] | None = None) -> Catalog:
        parents = {}
        for r in gs.query(_PARENTS):
            parents.setdefault(r["l"].value, r["parent"].value)
        if localities is None:
            wanted = None
            links = _links(gs, [""])
        else:
            locs = set(localities)
            kids: dict[str, set[str]] = defaultdict(set)
            for child, parent in parents.items():
                kids[parent].add(child)
            todo = list(locs)
            while todo:
                for c in kids.get(todo.pop(), ()):
                    if c not in locs:
                        locs.add(c)
                        todo.append(c)
            mine = _at(gs, locs)
            links = _links(
                gs, [_LINKS_OF % " ".join(data.iri(i) for i in b) for b in _chunks(mine)], raw=True
            )
            wanted = mine | {o for p in mine for o in links.get(p, {})}
        infos = _infos(gs, wanted)
        return cls(infos, links, parents, data.corpus_summary(gs))


def _chunks(iris: set[str]) -> list[list[str]]:
    ordered = sorted(iris)
    return [ordered[i : i + BATCH] for i in range(0, len(ordered), BATCH)]


def _at(gs, locs: set[str]) -> set[str]:
    """Practices whose own locality (the practice's, else its article's) is one of locs."""
    found: set[str] = set()
    for chunk in _chunks(locs):
        found |= {r["p"].value for r in gs.query(_AT % " ".join(data.iri(i) for i in chunk))}
    # a practice with its own locality elsewhere is not at its article's locality
    own = _infos(gs, found) if found else {}
    return {p for p, info in own.items() if info.locality_iri in locs}


def _links(gs, clauses: list[str], raw: bool = False) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for clause in clauses:
        for r in gs.query(clause if raw else _LINKS % clause):
            a, b = r["a"].value, r["b"].value
            try:
                s = float(r["s"].value)
            except ValueError:
                continue
            out[a][b] = s
            out[b][a] = s
    return dict(out)


def _infos(gs, wanted: set[str] | None) -> dict[str, PracticeInfo]:
    core: dict[str, dict] = {}
    for clause in _batches(wanted):
        for r in gs.query(_CORE % clause):
            core.setdefault(r["p"].value, {k: _v(r[k]) for k in ("art", "label", "text", "ploc", "brand")})
        for r in gs.query(_QUOTES % clause):
            rec = core.get(r["p"].value)
            if rec is not None and rec.get("quote") is None:
                rec["quote"] = r["quote"].value
    arts = _rows_by(gs, _ARTICLES, "art", {c["art"] for c in core.values()}, ("title", "aloc", "bul"))
    buls = _rows_by(
        gs,
        _BULLETINS,
        "bul",
        {a["bul"] for a in arts.values() if a["bul"]},
        ("bname", "blabel", "date", "issue"),
    )
    locs = {c["ploc"] or arts.get(c["art"], {}).get("aloc") for c in core.values()} - {None}
    labels = {k: v["label"] for k, v in _rows_by(gs, _LABELS, "l", locs, ("label",)).items()}
    outcomes: dict[str, list[Outcome]] = defaultdict(list)
    concepts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for clause in _batches(wanted):
        for r in gs.query(_OUTCOMES % clause):
            outcomes[r["p"].value].append(
                Outcome(_v(r["label"]) or "", _v(r["value"]) or "", _v(r["unit"]) or "", _v(r["q"]))
            )
        for r in gs.query(_CONCEPTS % clause):
            concepts[(r["p"].value, r["kind"].value)].append(r["l"].value)
    out = {}
    for p, c in core.items():
        art = arts.get(c["art"], {})
        bul = buls.get(art.get("bul") or "", {})
        loc = c["ploc"] or art.get("aloc")
        issue = bul.get("issue")
        out[p] = PracticeInfo(
            id=p,
            label=c["label"] or "",
            locality=labels.get(loc, "") if loc else "",
            locality_iri=loc,
            date=bul.get("date") or None,
            issue=int(issue) if issue is not None and issue.lstrip("-").isdigit() else None,
            bulletin=bul.get("bname") or bul.get("blabel") or "公报",
            article=art.get("title") or "",
            text=c.get("quote") or c["text"] or "",
            brand=c["brand"],
            targets=tuple(dict.fromkeys(concepts.get((p, "t"), []))),
            types=tuple(dict.fromkeys(concepts.get((p, "y"), []))),
            outcomes=tuple(outcomes.get(p, [])),
            article_iri=c["art"],
        )
    return out


def _rows_by(gs, query: str, var: str, iris: set[str], fields: tuple[str, ...]) -> dict[str, dict]:
    """The first row per subject (as data.py's OPTIONALs keep the first), VALUES-bound in batches."""
    out: dict[str, dict] = {}
    for chunk in _chunks({i for i in iris if i}):
        for r in gs.query(query % _values(var, chunk)):
            key = r[var].value
            if key not in out:
                out[key] = {f: _v(r[f]) for f in fields}
            else:  # fill what an earlier row left unbound
                for f in fields:
                    if out[key][f] is None:
                        out[key][f] = _v(r[f])
    return out
