"""The graph stage writes N-Quads text itself (kg.graph.triples): escaping, batching, and the store it loads."""

import pyoxigraph as ox
import pytest

from kg.graph import iris
from kg.graph.terms import literal, zh
from kg.graph.triples import bulletin_nquads, bulletin_quads, nquads_batches, to_quads
from kg.pipeline import _write_bulletins, ingest_file
from kg.store import GraphStore


@pytest.fixture(scope="module")
def bulletins(data_dir):
    return [ingest_file(f) for f in sorted(data_dir.glob("*.txt"))]


@pytest.mark.parametrize(
    "value",
    ['引号"与\\反斜杠', "换行\n回车\r制表\t", "\\n 不是换行", "“全角”\u2028\u3000", "", "😀 \x00 \ud7ff"],
)
def test_literals_round_trip_through_the_nquads_parser(value):
    line = f"<https://example.org/s> <https://example.org/p> {literal(value)} <https://example.org/g> .\n"
    (quad,) = to_quads([line])
    assert quad.object.value == value
    assert quad.object.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
    (tagged,) = to_quads([line.replace(literal(value), zh(value))])
    assert (tagged.object.value, tagged.object.language) == (value, "zh")


def test_quad_objects_are_the_parsed_text(bulletins):
    b = bulletins[0]
    own, shared = bulletin_nquads(b)
    q_own, q_shared = bulletin_quads(b)
    assert len(q_own) == len(own) > 100 and len(q_shared) == len(shared)
    graph = ox.NamedNode(iris.bulletin_graph(b.key))
    assert all(q.graph_name == graph for q in q_own)
    assert all(q.graph_name == ox.NamedNode(iris.GRAPH_SHARED) for q in q_shared)


def test_batches_hold_the_same_quads_as_one_batch(bulletins):
    whole = list(nquads_batches(bulletins))
    small = list(nquads_batches(bulletins, max_chars=20_000))
    assert len(whole) == 1 and len(small) >= len(bulletins)
    assert set(to_quads(whole)) == set(to_quads(small))


def test_written_store_equals_the_quads(bulletins, tmp_path):
    with GraphStore(tmp_path / "s", create=True) as gs:
        _write_bulletins(gs, bulletins)
        got = set(gs.db)
        assert set(gs.bulletins) == {b.key for b in bulletins}
    want = set()
    for b in bulletins:
        own, shared = bulletin_quads(b)
        want.update(own, shared)
    assert got == want


def test_rewriting_a_bulletin_replaces_its_graph(bulletins, tmp_path):
    b = bulletins[0]
    with GraphStore(tmp_path / "s", create=True) as gs:
        stale = ox.Quad(
            ox.NamedNode(iris.bulletin(b.key)),
            ox.NamedNode("https://example.org/old"),
            ox.Literal("x"),
            ox.NamedNode(iris.bulletin_graph(b.key)),
        )
        gs.add_quads([stale])
        _write_bulletins(gs, [b])
        assert stale not in set(gs.db)
        assert len(gs.db) == len(set(bulletin_quads(b)[0]) | set(bulletin_quads(b)[1]))
