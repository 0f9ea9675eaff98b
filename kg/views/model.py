"""Step 1 of a view: read what the pages show from the store into plain records.

`load(gs)` runs a handful of SPARQL queries (practices with their citation, localities with their
parents, concept labels, similarity links) and returns a `Data` of plain dataclasses. Nothing here
knows about HTML; `kg.views.graph` turns a `Data` into nodes and edges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.store import GraphStore

Q_PRACTICES = """
SELECT ?p ?label ?loc ?aloc ?title ?section ?bname ?blabel ?issue ?date ?quote WHERE {
  ?p a ckg:Practice .
  OPTIONAL { ?p rdfs:label ?label }
  OPTIONAL { ?p ckg:locality ?loc }
  OPTIONAL { ?p prov:wasDerivedFrom/ckg:quote ?quote }
  OPTIONAL {
    ?p ckg:describedIn ?art .
    OPTIONAL { ?art dcterms:title ?title }
    OPTIONAL { ?art ckg:section ?section }
    OPTIONAL { ?art ckg:locality ?aloc }
    OPTIONAL {
      ?art dcterms:isPartOf ?b .
      OPTIONAL { ?b dcterms:title ?bname }
      OPTIONAL { ?b rdfs:label ?blabel }
      OPTIONAL { ?b schema:issueNumber ?issue }
      OPTIONAL { ?b dcterms:issued ?date }
    }
  }
}"""

Q_FACETS = """
SELECT ?p ?rel ?o WHERE {
  ?p a ckg:Practice .
  { ?p ckg:targets ?o . BIND(ckg:targets AS ?rel) } UNION { ?p ckg:practiceType ?o . BIND(ckg:practiceType AS ?rel) }
}"""

Q_OUTCOMES = """
SELECT ?p ?label ?value ?unit WHERE {
  ?p a ckg:Practice ; ckg:outcome ?o .
  OPTIONAL { ?o rdfs:label ?label }
  OPTIONAL { ?o schema:value ?value }
  OPTIONAL { ?o schema:unitText ?unit }
}"""

Q_LOCALITIES = """
SELECT ?l ?label ?code ?level ?parent WHERE {
  ?l a ckg:Locality .
  OPTIONAL { ?l rdfs:label ?label }
  OPTIONAL { ?l ckg:adminCode ?code }
  OPTIONAL { ?l ckg:adminLevel ?level }
  OPTIONAL { ?l schema:containedInPlace ?parent }
}"""

# described concepts; those only used by practices are added from the practices' own facets
Q_CONCEPTS = """
SELECT ?c ?pref ?label ?alt ?broader WHERE {
  { ?c a ckg:TargetGroup } UNION { ?c a ckg:PracticeType } UNION { ?c a skos:Concept }
  OPTIONAL { ?c skos:prefLabel ?pref }
  OPTIONAL { ?c rdfs:label ?label }
  OPTIONAL { ?c skos:altLabel ?alt }
  OPTIONAL { ?c skos:broader ?broader }
}"""

Q_LINKS = """
SELECT ?s ?a ?b ?score WHERE {
  ?s a ckg:SimilarityLink ; ckg:fromPractice ?a ; ckg:toPractice ?b .
  OPTIONAL { ?s ckg:score ?score }
}"""

Q_LINK_REASONS = """
SELECT ?s ?concept ?term WHERE {
  ?s a ckg:SimilarityLink .
  { ?s ckg:sharedConcept ?concept } UNION { ?s ckg:sharedTerm ?term }
}"""

Q_SIMILAR = "SELECT ?a ?b WHERE { ?a ckg:similarTo ?b }"


@dataclass
class Practice:
    iri: str
    label: str
    locality: str | None = None
    article: str = ""
    section: str = ""
    bulletin: str = ""
    issue: int | None = None
    date: str = ""  # YYYY-MM-DD
    quote: str = ""
    targets: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date[:4].isdigit() else None


@dataclass
class Locality:
    iri: str
    label: str
    code: str = ""
    level: str = ""
    parent: str | None = None


@dataclass
class Concept:
    iri: str
    label: str
    kind: str  # "target" | "ptype"
    alt: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)


@dataclass
class Link:
    a: str
    b: str
    score: float
    concepts: list[str] = field(default_factory=list)  # concept IRIs
    terms: list[str] = field(default_factory=list)


@dataclass
class Data:
    practices: dict[str, Practice]
    localities: dict[str, Locality]
    concepts: dict[str, Concept]
    links: list[Link]
    # memos: every page asks for the same chains again (records are not changed after loading)
    _chains: dict[tuple[str, str], list[str]] = field(default_factory=dict, repr=False, compare=False)

    # -- derived look-ups ----------------------------------------------------------------------
    def locality_chain(self, iri: str | None) -> list[str]:
        """The locality and its parents, nearest first (cycle-safe)."""
        if not iri:
            return []
        memo = self._chains.get(("l", iri))
        if memo is None:
            memo = self._chains[("l", iri)] = []
            while iri and iri not in memo:
                memo.append(iri)
                loc = self.localities.get(iri)
                iri = loc.parent if loc else None
        return list(memo)

    def concept_chain(self, iri: str) -> list[str]:
        """The concept and everything broader (breadth first, cycle-safe)."""
        memo = self._chains.get(("c", iri))
        if memo is None:
            memo = self._chains[("c", iri)] = []
            todo = [iri]
            while todo:
                c = todo.pop(0)
                if c in memo:
                    continue
                memo.append(c)
                con = self.concepts.get(c)
                todo += con.broader if con else []
        return list(memo)

    def locality_name(self, iri: str | None) -> str:
        if not iri:
            return "未注明地方"
        loc = self.localities.get(iri)
        if loc is None:
            return local_name(iri)
        parent = self.localities.get(loc.parent) if loc.parent else None
        return f"{loc.label}（{parent.label}）" if parent and parent.label not in loc.label else loc.label

    def concept_label(self, iri: str) -> str:
        con = self.concepts.get(iri)
        return con.label if con else local_name(iri)

    def citation(self, p: Practice) -> str:
        """《安庆组工信息》2023年第8期（2023-03-30），市内信息，《article title》"""
        parts = [f"《{p.bulletin}》" if p.bulletin else "来源不详"]
        if p.year and p.issue is not None:
            parts[0] += f"{p.year}年第{p.issue}期"
        if p.date:
            parts[0] += f"（{p.date}）"
        if p.section:
            parts.append(p.section)
        if p.article:
            parts.append(f"《{p.article}》")
        return "，".join(parts)


def local_name(iri: str) -> str:
    from urllib.parse import unquote

    return unquote(iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])


def _v(row: Any, name: str) -> str | None:
    term = row[name]
    return None if term is None else term.value


def _restrict(query: str, var: str, iris: list[str] | None) -> list[str]:
    """The query as is (iris None), or once per batch of IRIs bound with VALUES at its start."""
    if iris is None:
        return [query]
    head, brace, body = query.partition("{")
    return [
        head + brace + f" VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris[k : k + BATCH])} }}" + body
        for k in range(0, len(iris), BATCH)
    ]


BATCH = 500
Q_CHAINS = "SELECT ?l ?up WHERE { ?l schema:containedInPlace* ?up }"


def load(gs: GraphStore, practices: set[str] | None = None, links_from: set[str] | None = None) -> Data:
    """Everything the views need, in a handful of queries.

    practices: only these practices (with their localities and the links among them), for
    re-rendering a few pages; None reads the whole store.
    links_from: with practices, only the links with an end among these (what a page draws).
    """
    subset = None if practices is None else sorted(i for i in practices if _safe_iri(i))
    found: dict[str, Practice] = {}
    for q in _restrict(Q_PRACTICES, "p", subset):
        _read_practices(gs, q, found)
    for q in _restrict(Q_FACETS, "p", subset):
        _read_facets(gs, q, found)
    for q in _restrict(Q_OUTCOMES, "p", subset):
        _read_outcomes(gs, q, found)
    if subset is None:
        localities = _localities(gs, [Q_LOCALITIES])
    else:  # the practices' localities and every locality they are in
        locs = sorted({p.locality for p in found.values() if p.locality and _safe_iri(p.locality)})
        chains = {r["up"].value for q in _restrict(Q_CHAINS, "l", locs) for r in gs.query(q)}
        localities = _localities(gs, _restrict(Q_LOCALITIES, "l", sorted(i for i in chains if _safe_iri(i))))
    ends = subset if links_from is None or subset is None else sorted(i for i in links_from if _safe_iri(i))
    return Data(found, localities, _concepts(gs, found), _links(gs, found, ends, both=links_from is not None))


def _safe_iri(iri: str) -> bool:
    return bool(iri) and not (set('<>"{}|^`\\ \n\t') & set(iri))


def _read_practices(gs: GraphStore, query: str, practices: dict[str, Practice]) -> None:
    for row in gs.query(query):
        iri = _v(row, "p")
        if iri is None or iri in practices:
            continue
        issue = _v(row, "issue")
        practices[iri] = Practice(
            iri=iri,
            label=_v(row, "label") or local_name(iri),
            locality=_v(row, "loc") or _v(row, "aloc"),
            article=_v(row, "title") or "",
            section=_v(row, "section") or "",
            bulletin=_v(row, "bname") or _v(row, "blabel") or "",
            issue=int(issue) if issue and issue.lstrip("-").isdigit() else None,
            date=(_v(row, "date") or "")[:10],
            quote=_v(row, "quote") or "",
        )


def _read_facets(gs: GraphStore, query: str, practices: dict[str, Practice]) -> None:
    for row in gs.query(query):
        p = practices.get(_v(row, "p") or "")
        rel, obj = _v(row, "rel") or "", _v(row, "o") or ""
        if p is not None:
            bucket = p.targets if rel.endswith("#targets") else p.types
            if obj not in bucket:
                bucket.append(obj)


def _read_outcomes(gs: GraphStore, query: str, practices: dict[str, Practice]) -> None:
    for row in gs.query(query):
        p = practices.get(_v(row, "p") or "")
        if p is None:
            continue
        label, value, unit = _v(row, "label") or "", _v(row, "value") or "", _v(row, "unit") or ""
        text = label if value and value in label else f"{label} {value}{unit}".strip()
        if text and text not in p.outcomes:
            p.outcomes.append(text)


def _localities(gs: GraphStore, queries: list[str]) -> dict[str, Locality]:
    out: dict[str, Locality] = {}
    for row in (r for q in queries for r in gs.query(q)):
        iri = _v(row, "l") or ""
        loc = out.get(iri)
        if loc is None:
            loc = out[iri] = Locality(iri, _v(row, "label") or local_name(iri))
        loc.code = loc.code or _v(row, "code") or ""
        loc.level = loc.level or _v(row, "level") or ""
        parent = _v(row, "parent")
        if parent and parent != iri and loc.parent is None:
            loc.parent = parent
    return out


def _rank(term: Any) -> int:
    """Chinese labels first, then untagged, then other languages."""
    lang = getattr(term, "language", None)
    return 0 if lang and lang.lower().startswith("zh") else (1 if not lang else 2)


def _concepts(gs: GraphStore, practices: dict[str, Practice]) -> dict[str, Concept]:
    kinds: dict[str, str] = {}
    for p in practices.values():
        kinds.update({t: "target" for t in p.targets})
        kinds.update({t: "ptype" for t in p.types})
    out: dict[str, Concept] = {}
    best: dict[str, tuple[int, str]] = {}  # concept -> (rank, label); skos:prefLabel beats rdfs:label
    for row in gs.query(Q_CONCEPTS):
        iri = _v(row, "c") or ""
        con = out.get(iri)
        if con is None:
            kind = kinds.get(iri) or ("ptype" if "/practice-type/" in iri else "target")
            con = out[iri] = Concept(iri, local_name(iri), kind)
        for var, offset in (("pref", 0), ("label", 3)):
            term = row[var]
            if term is not None:
                cand = (_rank(term) + offset, term.value)
                if iri not in best or cand < best[iri]:
                    best[iri] = cand
                    con.label = term.value
        alt = row["alt"]
        if alt is not None and _rank(alt) < 2 and alt.value not in con.alt:
            con.alt.append(alt.value)
        broader = _v(row, "broader")
        if broader and broader != iri and broader not in con.broader:
            con.broader.append(broader)
    for iri, kind in kinds.items():  # concepts used but not described in the vocabulary
        out.setdefault(iri, Concept(iri, local_name(iri), kind))
    return out


def _links(
    gs: GraphStore, practices: dict[str, Practice], subset: list[str] | None = None, both: bool = False
) -> list[Link]:
    """Similarity links, one per unordered pair; `ckg:similarTo` without an explanation node counts too.
    subset: only links from these practices (both ends must be among the loaded practices anyway);
    both: links with either end in subset (then subset is not all the loaded practices)."""
    links: dict[tuple[str, str], Link] = {}
    nodes: dict[str, Link] = {}
    ends = [("a", subset), ("b", subset)] if both else [("a", subset)]  # both: subset is one end only
    for row in (r for var, iris in ends for q in _restrict(Q_LINKS, var, iris) for r in gs.query(q)):
        a, b = _v(row, "a") or "", _v(row, "b") or ""
        if a == b or a not in practices or b not in practices:
            continue
        key = (min(a, b), max(a, b))
        try:
            score = float(_v(row, "score") or "nan")
        except ValueError:
            score = float("nan")
        link = links.get(key) or Link(key[0], key[1], score)
        link.score = score if link.score != link.score else max(link.score, score)
        links[key] = nodes[_v(row, "s") or ""] = link
    named = sorted(k for k in nodes if _safe_iri(k)) if subset is not None else None
    for row in (r for q in _restrict(Q_LINK_REASONS, "s", named) for r in gs.query(q)):
        link = nodes.get(_v(row, "s") or "")
        if link is None:
            continue
        concept, term = _v(row, "concept"), _v(row, "term")
        if concept and concept not in link.concepts:
            link.concepts.append(concept)
        if term and term not in link.terms:
            link.terms.append(term)
    for row in (r for var, iris in ends for q in _restrict(Q_SIMILAR, var, iris) for r in gs.query(q)):
        a, b = _v(row, "a") or "", _v(row, "b") or ""
        if a != b and a in practices and b in practices:
            links.setdefault((min(a, b), max(a, b)), Link(min(a, b), max(a, b), float("nan")))
    return sorted(links.values(), key=lambda k: (k.a, k.b))
