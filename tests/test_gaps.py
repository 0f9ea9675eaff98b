"""`kg gaps LOCALITY`: the gaps and the peers holding each equal the bundled SPARQL computation
(queries/gaps.rq) for same-province and whole-collection peers, on the sample and on a synthetic store
with towns under counties; the definition checked against the records; an unknown place is a one-line
error naming close matches (exit 1); the caveat is said in every format."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from site_store import make_site_store  # noqa: E402

from kg.catalog.catalog import read_catalog  # noqa: E402
from kg.cli import main  # noqa: E402
from kg.digest.places import place_of  # noqa: E402
from kg.errors import ReportError  # noqa: E402
from kg.gaps import CAVEAT, compile_gaps, gaps, render  # noqa: E402
from kg.sparql import query as q  # noqa: E402
from kg.store import GraphStore  # noqa: E402


@pytest.fixture(scope="module")
def synth_store(tmp_path_factory) -> Path:
    # smaller than the site's: gaps.rq takes seconds at 1,200 practices (the command: milliseconds)
    return make_site_store(
        tmp_path_factory.mktemp("gaps-synth") / "store", cities=5, counties=8, practices=500
    )


KIND = {"type": "做法类型", "brand": "品牌"}


def lib_gaps(cat, name: str, scope: str) -> tuple[str, set]:
    g = compile_gaps(cat, name, scope)
    return g.place.iri, {(KIND[x.kind], x.key, frozenset(p.iri for p in x.peers)) for x in g.gaps}


def rq_gaps(store: Path, name: str, scope: str, place: str) -> set:
    with GraphStore(store, read_only=True) as gs:
        rows = list(q.run(gs, "gaps", {"locality": name, "peers": scope}))
    return {
        (r["kind"].value, r["gap"].value, frozenset(r["peerPlaces"].value.split("；")))
        for r in rows
        if r["place"].value == place  # a name several places bear: the one the command chose
    }


@pytest.mark.parametrize("name", ["宜秀区", "太湖县", "岳西县", "安庆市"])
@pytest.mark.parametrize("scope", ["province", "all"])
def test_sample_gaps_equal_the_sparql_computation(sample_store, sample_cat, name, scope):
    place, got = lib_gaps(sample_cat, name, scope)
    assert got == rq_gaps(sample_store, name, scope, place)
    if name == "宜秀区":
        assert len(got) > 10


@pytest.mark.parametrize("name", ["0市1县", "2市4县"])
@pytest.mark.parametrize("scope", ["province", "all"])
def test_synthetic_gaps_equal_the_sparql_computation(synth_store, synth_cat, name, scope):
    place, got = lib_gaps(synth_cat, name, scope)
    assert got and got == rq_gaps(synth_store, name, scope, place)


@pytest.mark.parametrize("name", ["0市1县", "2市4县"])
@pytest.mark.parametrize("scope", ["province", "all"])
def test_the_command_reads_only_the_peers_and_answers_the_same(synth_store, synth_cat, name, scope):
    # `kg gaps` reads where every practice is, then only the place's and its peers' practices in full
    with GraphStore(synth_store, read_only=True) as gs:
        got = replace(gaps(gs, name, scope), corpus={})
    assert got == compile_gaps(synth_cat, name, scope) and got.gaps


def _at(cat, place: str) -> list:
    return [p for p in cat.practices.values() if (pl := place_of(p.locality)) is not None and pl.iri == place]


def test_the_definition(sample_cat):
    g = compile_gaps(sample_cat, "宜秀区")
    assert g.place.label == "宜秀区" and all(p.level == "county" for p in g.peers)
    assert {p.label for p in g.peers} == {
        "大观区",
        "怀宁县",
        "太湖县",
        "宿松县",
        "望江县",
        "岳西县",
        "桐城市",
    }
    mine = _at(sample_cat, g.place.iri)
    covered = {a for p in mine for c in p.types for a in sample_cat.scheme.ancestors(c.iri)}
    counts = [len(x.peers) for x in g.gaps]
    assert counts == sorted(counts, reverse=True)
    for gap in g.gaps:
        if gap.kind == "type":
            assert gap.key not in covered
        else:
            assert all(p.brand != gap.key for p in mine)
        for peer in gap.peers:  # each named peer holds it
            held = _at(sample_cat, peer.iri)
            assert any(gap.key in {c.iri for c in p.types} or p.brand == gap.key for p in held)
        ex = gap.example.practice  # the example is one of the peers' practices of it
        assert place_of(ex.locality).iri in {p.iri for p in gap.peers}
        assert gap.key in {c.iri for c in ex.types} or ex.brand == gap.key
    wide = compile_gaps(sample_cat, "宜秀区", "all")
    assert len(wide.peers) > len(g.peers) and {p.iri for p in g.peers} < {p.iri for p in wide.peers}


def test_short_names_resolve(sample_cat):
    assert compile_gaps(sample_cat, "宜秀").place.label == "宜秀区"
    assert compile_gaps(sample_cat, "太湖").place.label == "太湖县"


def test_formats_say_the_caveat(sample_cat):
    g = compile_gaps(sample_cat, "宜秀区")
    md, html = render(g, "md"), render(g, "html")
    assert CAVEAT in md and CAVEAT in html and "不等于该地没有开展" in CAVEAT
    assert "<script" not in html
    data = json.loads(render(g, "json"))
    assert data["caveat"] == CAVEAT and len(data["gaps"]) == len(g.gaps)
    assert all(x["example"]["citation"] for x in data["gaps"])


def test_unknown_place(sample_store, sample_cat):
    with pytest.raises(ReportError, match="宜秀区"):
        compile_gaps(sample_cat, "宜兴区")
    r = CliRunner().invoke(main, ["gaps", "宜兴区", "--store", str(sample_store)])
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "未找到地方“宜兴区”" in lines[0] and "宜秀区" in lines[0]


def test_cli(sample_store):
    r = CliRunner().invoke(
        main, ["gaps", "宜秀区", "--peers", "all", "--format", "json", "--store", str(sample_store)]
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["scope"] == "all" and data["place"]["name"] == "宜秀区"


# ---- a collection from other provinces ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def provinces_store(tmp_path_factory) -> Path:
    """The sample plus three bulletins from 湖南, 云南 and 内蒙古 (tests/data/provinces3)."""
    from kg.pipeline import build

    store = tmp_path_factory.mktemp("gaps-provinces") / "store"
    here = Path(__file__).parent
    files = sorted((here / "data" / "provinces3").glob("*.txt"))
    report = build([here.parent / "data", *files], store, render=False)
    assert not report.failures, report.failures
    return store


def test_other_provinces(provinces_store):
    from kg.digest import compile_digest

    with GraphStore(provinces_store, read_only=True) as gs:
        cat = read_catalog(gs)
        graduates = {r["practice"].value for r in q.run(gs, "digest", {"theme": "选调生"})}
    d = compile_digest(cat, "选调生")
    assert {i.practice.iri for i in d.items} == graduates
    provinces = {pg.name for pg in d.provinces}
    assert {"云南省", "内蒙古自治区", "湖南省"} <= provinces  # 会泽县, 克什克腾旗, 桂阳县
    for name, peers in (("桂阳县", {"永兴县", "嘉禾县"}), ("翁牛特旗", {"克什克腾旗", "宁城县"})):
        g = compile_gaps(cat, name)
        assert {p.label for p in g.peers} == peers
        place, got = lib_gaps(cat, name, "province")
        assert got and got == rq_gaps(provinces_store, name, "province", place)
    care = next(x for x in compile_gaps(cat, "桂阳县").gaps if x.label == "谈心谈话")
    assert [p.label for p in care.peers] == ["嘉禾县"] and "三必谈" in care.example.label
