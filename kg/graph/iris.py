"""Deterministic IRIs: from content (bulletin name + year + issue, positions, text hashes), never
from file names or run order, so rebuilds and re-ingests are no-ops."""

from __future__ import annotations

import hashlib

from kg.model import DocumentRef, Locality, Unit, nearest_place

BASE = "https://w3id.org/cadrekg/id/"
GRAPH_SHARED = BASE + "graph/shared"  # localities, units, documents shared by bulletins
GRAPH_VOCAB = BASE + "graph/vocab"  # ontology and SKOS vocabularies
GRAPH_LINKS = BASE + "graph/links"  # similarity links (recomputed by the link stage)
TARGET_GROUP = BASE + "target-group/"
PRACTICE_TYPE = BASE + "practice-type/"
PRACTICE = BASE + "practice/"
# ckg:cueLabel, a broad wording a practice type is hinted at by (a skos:hiddenLabel that classifies nothing)
CUE_LABEL = "https://w3id.org/cadrekg/ontology#cueLabel"


def _h(text: str, n: int = 12) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def bulletin_graph(key: str) -> str:
    return f"{BASE}graph/bulletin/{key}"


def bulletin(key: str) -> str:
    return f"{BASE}bulletin/{key}"


def article(key: str, index: int) -> str:
    return f"{BASE}article/{key}-{index:02d}"


def practice(key: str, article_index: int, practice_key: str) -> str:
    return f"{PRACTICE}{key}-{article_index:02d}-{practice_key[:10]}"


def bulletin_key_of(practice_iri: str) -> str | None:
    """The bulletin key inside a practice IRI (the inverse of `practice`), else None."""
    if not practice_iri.startswith(PRACTICE):
        return None
    parts = practice_iri[len(PRACTICE) :].rsplit("-", 2)
    return parts[0] if len(parts) == 3 and parts[0] else None


def span(entity_iri: str) -> str:
    """The source-span node of an article or practice."""
    return entity_iri.replace(BASE, BASE + "span/", 1)


def outcome(practice_iri: str, n: int) -> str:
    return practice_iri.replace(BASE + "practice/", BASE + "outcome/", 1) + f"-{n}"


def locality(loc: Locality) -> str:
    if loc.code:
        return f"{BASE}locality/{loc.code}"
    parent = loc.parent.code or _h(loc.parent.name, 6) if loc.parent else "x"
    return f"{BASE}locality/{parent}-{_h(loc.level + loc.name, 8)}"


def unit(u: Unit) -> str:
    where = u.locality.code or u.locality.name if u.locality else ""
    return f"{BASE}unit/{_h(where + '/' + u.name)}"


def document(title: str, issuer: Locality | None = None) -> str:
    """A policy document by its title, and by the place that issued it when that is all that tells it
    from another's (two counties' 关于关心关爱基层干部的十条措施: `policy_document`)."""
    if issuer is None:
        return f"{BASE}document/{_h(title)}"
    return f"{BASE}document/{_h(title + '@' + (issuer.code or issuer.name))}"


def policy_document(d: DocumentRef, article_place: Locality | None) -> str:
    """The IRI of a policy document an article cites: the place's own (DocumentRef.issued_here) is
    told apart by the county, city or province the article reports on."""
    return document(d.title, nearest_place(article_place) if d.issued_here else None)


def work(title: str) -> str:
    return f"{BASE}work/{_h(title)}"


def target_group(concept: str) -> str:
    return TARGET_GROUP + concept


def practice_type(concept: str) -> str:
    return PRACTICE_TYPE + concept


def similarity(a: str, b: str) -> str:
    lo, hi = sorted((a, b))
    return f"{BASE}similarity/{_h(lo + ' ' + hi, 16)}"
