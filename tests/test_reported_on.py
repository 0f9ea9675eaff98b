"""ckg:reportedOn, a practice's bulletin issue date (written by the build beside ckg:place,
kg/graph/triples.py), is the date its article's bulletin carries; digest.rq and diffusion.rq read it, so a
store built before it refuses those two questions with the remedy instead of answering without dates."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from test_queries import build_mini_store

from kg.errors import QueryError
from kg.sparql.query import run
from kg.store import GraphStore

STORED = "SELECT ?p ?d WHERE { ?p ckg:reportedOn ?d }"
# the same fact along the graph, as the two questions read it before
ALONG = "SELECT ?p ?d WHERE { ?p a ckg:Practice ; ckg:describedIn/dcterms:isPartOf/dcterms:issued ?d }"


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    return build_mini_store(tmp_path_factory.mktemp("mini-reported") / "store")


def _pairs(gs: GraphStore, text: str) -> set[tuple[str, str, str]]:
    return {(r[0].value, r[1].value, r[1].datatype.value) for r in gs.query(text)}


@pytest.mark.parametrize("which", ["mini", "sample"])
def test_the_stored_date_is_the_bulletin_date(which, mini, sample_store):
    with GraphStore(mini if which == "mini" else sample_store, read_only=True) as gs:
        stored, along = _pairs(gs, STORED), _pairs(gs, ALONG)
    assert stored == along and len(stored) > 3
    assert set(Counter(p for p, _, _ in stored).values()) == {1}
    assert {t for _, _, t in stored} == {"http://www.w3.org/2001/XMLSchema#date"}


def _without(store: Path, tmp_path: Path, update: str) -> Path:
    old = tmp_path / "old"
    shutil.copytree(store, old)
    with GraphStore(str(old)) as gs:
        gs.db.update(update)
    return old


def test_a_store_without_dates_on_practices_is_told_to_rebuild(tmp_path, sample_store):
    old = _without(
        sample_store,
        tmp_path,
        "DELETE WHERE { GRAPH ?g { ?p <https://w3id.org/cadrekg/ontology#reportedOn> ?d } }",
    )
    with GraphStore(str(old), read_only=True) as gs:
        for name in ("digest", "diffusion"):
            with pytest.raises(QueryError, match="kg build") as err:
                run(gs, name, {"theme": "年轻干部"})
            assert "ckg:reportedOn" in str(err.value) and "\n" not in str(err.value)
        assert list(run(gs, "practices-of-type", {"practiceType": "关心关爱"}))  # it does not read it


def test_bulletins_without_dates_are_no_reason_to_refuse(tmp_path, sample_store):
    """No bulletin dated, so no practice has a date to copy: the questions answer, without dates."""
    old = _without(
        sample_store,
        tmp_path,
        "DELETE WHERE { GRAPH ?g { ?p <https://w3id.org/cadrekg/ontology#reportedOn> ?d } } ;"
        "DELETE WHERE { GRAPH ?g { ?b <http://purl.org/dc/terms/issued> ?d } }",
    )
    with GraphStore(str(old), read_only=True) as gs:
        rows = list(run(gs, "digest", {"theme": "年轻干部"}))
        assert rows and all(r["date"] is None for r in rows)
        assert list(run(gs, "diffusion", {"theme": "年轻干部"})) == []  # a first report needs a date


def test_bulletins_kept_from_an_older_build_are_named_and_refused(tmp_path, sample_store):
    """`kg add` into a store built by an older version keeps its bulletins' graphs as they were (no
    ckg:place, no ckg:reportedOn): the new bulletin has them, so an ASK finds some, and digest would
    answer without the older practices. The manifest says which build wrote each graph."""
    from kg.pipeline import add

    old = tmp_path / "old"
    shutil.copytree(sample_store, old)
    with GraphStore(str(old)) as gs:
        for entry in gs.bulletins.values():
            entry.pop("graph", None)  # as a manifest written before the number was kept
        gs.save_manifest()
    report = add([Path(__file__).parent / "data" / "blind5" / "anji-2025-03.txt"], old, render=False)
    assert any("5 期公报由较早的版本写入" in n and "kg build" in n for n in report.notes), report.notes
    with GraphStore(str(old), read_only=True) as gs:
        for name in ("digest", "diffusion"):
            with pytest.raises(QueryError, match="5 期公报由较早的版本写入") as err:
                run(gs, name, {"theme": "年轻干部"})
            assert "kg build" in str(err.value) and "\n" not in str(err.value)
        assert list(run(gs, "practices-by-locality", {"locality": "太湖县"}))  # reads neither fact
