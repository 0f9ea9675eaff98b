"""The synthetic-corpus generator (bench/synth.py) writes bulletins the real read+split stages parse back."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from kg.read import read_file
from kg.split import split

SYNTH = Path(__file__).resolve().parent.parent / "bench" / "synth.py"


@pytest.fixture(scope="module")
def synth():
    spec = importlib.util.spec_from_file_location("bench_synth", SYNTH)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_synth"] = mod  # dataclasses look their module up here
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def corpus(synth, tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    metas = synth.generate(out, 120, seed=7)
    return out, metas


def test_it_writes_n_articles_in_files_of_3_to_6(corpus):
    out, metas = corpus
    assert sum(m["articles"] for m in metas) == 120
    assert all(3 <= m["articles"] <= 6 for m in metas)
    files = sorted(p.name for p in out.glob("*.txt"))
    assert files == sorted(m["file"] for m in metas)
    listed = json.loads((out / ".synth.json").read_text(encoding="utf-8"))
    assert listed["articles"] == 120 and len(listed["files"]) == len(metas)


def test_the_real_splitter_parses_every_file_back(corpus):
    out, metas = corpus
    total = 0
    for m in metas:
        draft = split(read_file(out / m["file"]))
        mh = draft.masthead
        assert (mh.name, mh.issue, mh.date.isoformat()) == (m["name"], m["issue"], m["date"]), m["file"]
        assert mh.editor == f"中共{m['city']}委组织部研究室"
        assert [a.section for a in draft.articles] == m["sections"], m["file"]
        assert all(a.title and a.segments for a in draft.articles)
        total += len(draft.articles)
    assert total == 120


def test_dates_span_the_years_and_bulletin_keys_are_unique(corpus):
    _out, metas = corpus
    years = {m["date"][:4] for m in metas}
    assert len(years) >= 5 and min(years) >= "2018" and max(years) <= "2025"
    keys = [(m["name"], m["date"][:4], m["issue"]) for m in metas]
    assert len(set(keys)) == len(keys)


def test_same_seed_same_bytes_other_seed_other_text(synth, tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    synth.generate(a, 30, seed=3)
    synth.generate(b, 30, seed=3)
    synth.generate(c, 30, seed=4)
    fa = sorted(a.glob("*.txt"))
    assert [f.read_bytes() for f in fa] == [(b / f.name).read_bytes() for f in fa]
    assert {f.read_bytes() for f in fa} != {f.read_bytes() for f in c.glob("*.txt")}


def test_localities_are_varied_and_real(synth, corpus):
    _out, metas = corpus
    cities, counties = synth.divisions()
    names = {c.name for c in counties}
    locs = [loc for m in metas for loc in m["localities"]]
    assert len(set(locs)) >= 60  # 120 articles over the whole country
    assert all(loc in names for loc in locs)
    assert len({m["city"] for m in metas}) >= 15
    by_city = {c.name: {k.name for k in c.counties} for c in cities}
    for m in metas:  # the bulletin's own city owns its 市内 items
        for loc, sec in zip(m["localities"], m["sections"], strict=True):
            assert (loc in by_city[m["city"]]) == (sec == "市内信息")


def test_the_text_is_in_the_genre_not_the_sample_repeated(corpus, data_dir):
    out, metas = corpus
    text = "".join((out / m["file"]).read_text(encoding="utf-8") for m in metas)
    for mark in ("★ 市内信息", "△", "领导批示", "《", "人次", "万元", "%", "报：", "一是", "**"):
        assert mark in text, mark
    sample = "".join(f.read_text(encoding="utf-8") for f in data_dir.glob("*.txt"))
    sentences = {
        s
        for s in sample.replace("\n", "").split("。")
        if len(s) > 20 and s[:2] not in ("报：", "送：", "发：")
    }
    assert not any(s in text for s in sentences)


def test_a_streamed_build_links_the_rows_the_store_holds(corpus, tmp_path):
    """On varied input (articles without a locality, leads, several batches): the rows a build takes from
    the bulletins as it writes them are the rows the finished store gives back, and the link state made
    from them equals a relink that reads the store."""
    from kg import pipeline
    from kg.catalog.rows import read_rows, rows_of_bulletin
    from kg.link.stage import relink
    from kg.link.state import read_state
    from kg.store import GraphStore

    out, _ = corpus
    store = tmp_path / "store"
    rep = pipeline.build([out], store, render=False, workers=2)
    assert rep.articles == 120 and not rep.failures
    with GraphStore(store) as gs:
        held = read_rows(gs)
        made = sorted(
            (r for f in sorted(out.glob("*.txt")) for r in rows_of_bulletin(pipeline.ingest_file(f))),
            key=lambda r: r.iri,
        )
        assert made == held
        assert any(r.locality is None for r in held) or any(r.group == r.locality for r in held)
        built = read_state(gs)
        assert [r.iri for r in built.model.rows] == [r.iri for r in held]
        links = relink(gs)  # reads the store back
        again = read_state(gs)
    assert links == built.links == rep.links
    assert (again.tops.top == built.tops.top).all()
