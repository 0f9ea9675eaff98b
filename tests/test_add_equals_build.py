"""add ≡ build: whatever the order and the split, `kg build` of some bulletins followed by `kg add` of the
rest (and `kg remove` of some) holds exactly what one `kg build` of the same files holds -- every graph
compared as sorted N-Quads, the links graph included (the same links, with the same scores, reasons and
reported-first ends), and the same fitted similarity model (the same free-text search results) -- over
random orders and splits (hypothesis) of the sample and two synthetic bulletins from bench/synth.py. And
exports are byte-identical across rebuilds, links included (no fresh blank-node labels).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import pipeline
from kg.graph import iris

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("synth")
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "synth.py"), str(out), "--articles", "8", "--seed", "3"],
        check=True,
        capture_output=True,
    )
    synthetic = sorted(out.glob("*.txt"))
    assert len(synthetic) == 2
    return sorted((ROOT / "data").glob("*.txt")) + synthetic


QUERY = "提拔前到干部家里听邻居评价，村党组织书记分档定级"


def graphs(store: Path) -> dict[str, list[str]]:
    """Every graph, the links graph included, as sorted N-Quads lines."""
    import pyoxigraph as ox

    from kg.store import GraphStore

    out: dict[str, list[str]] = {}
    with GraphStore(store, read_only=True) as gs:
        for q in gs.db.quads_for_pattern(None, None, None, None):
            out.setdefault(q.graph_name.value, []).append(str(ox.Quad(q.subject, q.predicate, q.object)))
    return {g: sorted(lines) for g, lines in out.items()}


def state(store: Path) -> dict:
    """The saved similarity model's answer to a free text (`kg similar --text`: the model every search and
    report uses)."""
    import json

    from kg import similar

    return json.loads(similar(QUERY, store, is_text=True, top=8))


def same(got: Path, reference: dict) -> None:
    held = graphs(got)
    assert held.keys() == reference["graphs"].keys()
    assert iris.GRAPH_LINKS in held and len(held[iris.GRAPH_LINKS]) > 100
    for g in reference["graphs"]:
        assert held[g] == reference["graphs"][g], g
    assert state(got) == reference["state"]


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict:
    store = tmp_path_factory.mktemp("all") / "store"
    rep = pipeline.build(corpus, store, render=False)
    assert not rep.failures and rep.bulletins == len(corpus)
    return {"graphs": graphs(store), "state": state(store), "links": rep.links}


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,  # the same examples in CI every time
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_build_then_add_holds_the_same_graphs_as_one_build(corpus, reference, tmp_path_factory, data):
    order = data.draw(st.permutations(corpus))
    first = data.draw(st.integers(min_value=1, max_value=len(order) - 1))
    rest = order[first:]
    cut = data.draw(st.integers(min_value=1, max_value=len(rest)))  # the rest in one or two adds
    store = tmp_path_factory.mktemp("parts") / "store"
    rep = pipeline.build(order[:first], store, render=False)
    assert not rep.failures
    for batch in (rest[:cut], rest[cut:]):
        if batch:
            rep = pipeline.add(batch, store, render=False)
            assert not rep.failures
    assert rep.links == reference["links"]
    same(store, reference)


@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_build_add_and_remove_hold_the_same_as_one_build(corpus, reference, tmp_path_factory, data):
    """Some bulletins built with extra ones, the extra ones removed, the missing ones added: every link
    a removal or an addition moved is where a single build puts it."""
    order = data.draw(st.permutations(corpus))
    first = data.draw(st.integers(min_value=2, max_value=len(order) - 1))
    extra = data.draw(st.integers(min_value=1, max_value=first - 1))  # of the first, built then removed
    store = tmp_path_factory.mktemp("moves") / "store"
    assert not pipeline.build(order[:first], store, render=False).failures
    assert not pipeline.remove([str(f) for f in order[:extra]], store, render=False).failures
    assert not pipeline.add(order[first:] + order[:extra], store, render=False).failures
    same(store, reference)


def test_exports_are_byte_identical_across_rebuilds(tmp_path):
    from kg.export import export
    from kg.store import GraphStore

    data = ROOT / "data"
    out: list[dict[str, bytes]] = []
    for name in ("a", "b"):
        store = tmp_path / name
        assert not pipeline.build([data], store, render=False).failures
        with GraphStore(store, read_only=True) as gs:
            out.append(
                {
                    fmt: (lambda v: v if isinstance(v, bytes) else v.encode("utf-8"))(export(gs, fmt))
                    for fmt in ("nq", "nt", "ttl", "jsonld")
                }
            )
    for fmt in out[0]:
        assert out[0][fmt] == out[1][fmt], fmt
    assert b"_:cadrekg-b1 " in out[0]["nt"]  # the ontology's blank nodes, labelled from the file
    assert out[0]["nq"].count(f"<{iris.GRAPH_LINKS}>".encode()) > 1000  # and the links are exported


@settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_remove_holds_the_same_as_a_build_of_the_rest(corpus, tmp_path_factory, data):
    """Every graph after `kg remove`, the shared one included (no locality, unit or document only the
    removed bulletins named is left behind), and the links, as one build of the rest."""
    gone = data.draw(st.lists(st.sampled_from(corpus), min_size=1, max_size=2, unique=True))
    rest = [f for f in corpus if f not in gone]
    base = tmp_path_factory.mktemp("rm")
    assert not pipeline.build(corpus, base / "store", render=False).failures
    assert not pipeline.remove([str(f) for f in gone], base / "store", render=False).failures
    assert not pipeline.build(rest, base / "rest", render=False).failures
    same(base / "store", {"graphs": graphs(base / "rest"), "state": state(base / "rest")})
