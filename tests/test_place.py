"""ckg:place, the county/city/province a practice is counted at (written by the build, kg/graph/triples.py
`place_iri`), is the nearest locality of its chain at those levels as the store's own hierarchy gives it;
and places-network.rq, which reads it, answers as its text before ckg:place did (unbound), and asked about
one place, with that place's rows of the whole network, the place put first."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from test_queries import build_mini_store

from kg.sparql import query as q
from kg.store import GraphStore

BEFORE = Path(__file__).parent / "data" / "places-network-before.rq"

# the place as the questions computed it before ckg:place: from the locality (the practice's own, else
# its article's) up the hierarchy to the lowest of county, city, province
FROM_HIERARCHY = """
SELECT ?practice (IRI(SUBSTR(MIN(CONCAT(?rank, STR(?up))), 2)) AS ?place) WHERE {
  { ?practice ckg:locality ?loc } UNION { ?practice ckg:describedIn/ckg:locality ?loc FILTER NOT EXISTS { ?practice ckg:locality [] } }
  ?practice a ckg:Practice .
  ?loc schema:containedInPlace* ?up . ?up ckg:adminLevel ?upLevel .
  VALUES (?upLevelName ?rank) { ("county" "1") ("city" "2") ("province" "3") }
  FILTER(STR(?upLevel) = ?upLevelName)
} GROUP BY ?practice
"""


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    return build_mini_store(tmp_path_factory.mktemp("mini-place") / "store")


def _pairs(gs: GraphStore, text: str) -> set[tuple[str, str]]:
    return {(r[0].value, r[1].value) for r in gs.query(text)}


@pytest.mark.parametrize("which", ["mini", "sample"])
def test_the_stored_place_is_the_hierarchy_place(which, mini, sample_store):
    with GraphStore(mini if which == "mini" else sample_store, read_only=True) as gs:
        stored = _pairs(gs, "SELECT ?p ?place WHERE { ?p ckg:place ?place }")
        derived = _pairs(gs, FROM_HIERARCHY)
        per_practice = Counter(p for p, _ in stored)
    assert stored == derived and len(stored) > 3
    assert set(per_practice.values()) == {1}


def _rows(gs: GraphStore, text: str, bindings: dict | None = None) -> list[tuple]:
    res = gs.query(text, bindings or {})
    names = [v.value for v in res.variables]
    return [tuple("" if s[n] is None else s[n].value for n in names) for s in res]


def test_places_network_answers_as_before_and_per_place(sample_store):
    b = next(x for x in q.bundled() if x.name == "places-network")
    with GraphStore(sample_store, read_only=True) as gs:
        listing = _rows(gs, b.text)
        assert listing == _rows(gs, BEFORE.read_text(encoding="utf-8"))  # same rows, same order
        assert len(listing) > 3
        # columns: locality code otherLocality otherCode links place otherPlace
        places = {r[5] for r in listing} | {r[6] for r in listing}
        names = {r[5]: r[0] for r in listing} | {r[6]: r[2] for r in listing}
        for place in sorted(places):
            name = names[place]
            seeded = q.seeded(gs, b, b.text, {"locality": q._term(name)})
            assert seeded != b.text
            got = sorted(_rows(gs, seeded, {"locality": q._term(name)}))
            assert got == sorted(_rows(gs, b.text, {"locality": q._term(name)})), name  # seeding = filter
            want = sorted(
                [r for r in listing if r[0] == name]
                + [(r[2], r[3], r[0], r[1], r[4], r[6], r[5]) for r in listing if r[2] == name]
            )
            assert got == want, name


def test_a_store_without_places_is_told_to_rebuild(tmp_path, sample_store):
    """A store built before ckg:place was written: the questions that read it refuse with the remedy
    instead of answering nothing; the others answer as before."""
    import shutil

    import pytest

    from kg.errors import QueryError
    from kg.sparql.query import run
    from kg.store import GraphStore

    old = tmp_path / "old"
    shutil.copytree(sample_store, old)
    with GraphStore(str(old)) as gs:
        gs.db.update("DELETE WHERE { GRAPH ?g { ?p <https://w3id.org/cadrekg/ontology#place> ?x } }")
    with GraphStore(str(old), read_only=True) as gs:
        with pytest.raises(QueryError, match="kg build"):
            run(gs, "places-network", {"locality": "太湖县"})
        assert list(run(gs, "practices-by-locality", {"locality": "太湖县"}))
