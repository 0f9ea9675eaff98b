"""The view site (kg.site): the site model against SPARQL (places network, diffusion), the data files'
escaping and sharding, and the writer (incremental, crash-safe, index last, stale files removed).

Two stores: the bundled sample built by the pipeline (`sample_store`, conftest) and a synthetic one
with 445 places (`site_store.py`: towns and villages under counties, hostile text in every kind of
string) so that the network opens on cities.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from site_store import HOSTILE, ID, make_site_store  # noqa: E402

from kg.site import data as sd  # noqa: E402
from kg.site import diffusion, read_records, render_report, render_site, site_model  # noqa: E402
from kg.site import places as pl  # noqa: E402
from kg.site import write as sw  # noqa: E402
from kg.site.source import Link, Place, Practice, Records  # noqa: E402
from kg.site.themes import themes_named  # noqa: E402
from kg.sparql import query as q  # noqa: E402
from kg.store import GraphStore  # noqa: E402

EXTERNAL_REF = re.compile(r"\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)


@pytest.fixture(scope="module")
def synth_store(tmp_path_factory) -> Path:
    return make_site_store(tmp_path_factory.mktemp("site-synth") / "store")


@pytest.fixture(scope="module")
def synth(synth_store):
    records = read_records(synth_store)
    return records, site_model(records)


@pytest.fixture(scope="module")
def sample(sample_store):
    records = read_records(sample_store)
    return records, site_model(records)


def payload(text: str):
    """The JSON a data file assigns."""
    return json.loads(text.split("] = ", 1)[1].rstrip(";\n"))


def rows(store: Path, name: str, **params: str) -> list[dict[str, str]]:
    with GraphStore(store, read_only=True) as gs:
        res = q.run(gs, name, params)
        names = [v.value for v in res.variables]
        return [{n: ("" if s[n] is None else s[n].value) for n in names} for s in res]


def sparql_edges(store: Path) -> dict[tuple[str, str], int]:
    return {(r["place"], r["otherPlace"]): int(r["links"]) for r in rows(store, "places-network")}


def model_edges(model: dict) -> dict[tuple[str, str], int]:
    ids = [p["id"] for p in model["places"]]
    return {tuple(sorted((ids[a], ids[b]))): w for a, b, w in model["edges"]}


# ---- the places network ------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["sample", "synth"])
def test_edge_weights_equal_the_sparql_count(which, request, sample_store, synth_store):
    records, model = request.getfixturevalue(which)
    store = sample_store if which == "sample" else synth_store
    expected = sparql_edges(store)
    assert expected, "the store links practices of different places"
    assert model_edges(model) == expected
    assert model["summary"]["placeLinks"] == sum(expected.values())


def test_places_are_counties_and_above_and_towns_count_for_their_county(synth):
    records, model = synth
    assert {p["level"] for p in model["places"]} <= {"county", "city", "province"}
    town = next(p for p in records.practices.values() if p.locality and "/locality/t" in p.locality)
    county = records.places[town.locality].parent
    index = pl.index(records)
    assert index.of[town.id] == county
    village = next(p for p in records.practices.values() if p.locality and "/locality/v" in p.locality)
    assert index.of[village.id] == records.places[records.places[village.locality].parent].parent
    unplaced = [p for p in records.practices.values() if not p.locality]
    assert unplaced and model["summary"]["unplaced"] == len(unplaced)
    # every placed practice is counted at exactly one place, and its range holds it
    assert sum(p["practices"] for p in model["places"]) == len(records.practices) - len(unplaced)
    for k, p in enumerate(model["places"]):
        assert {r[2] for r in model["practices"][p["p0"] : p["p1"]]} == {k}


def test_many_places_open_on_cities_with_positions_around_them(synth):
    _, model = synth
    assert len(model["places"]) > pl.PLACES_MAX and model["mode"] == "cities"
    groups = model["groups"]
    assert len(groups) == 45 and sum(len(g["places"]) for g in groups) == len(model["places"])
    for g in groups:
        inside = [model["places"][k] for k in g["places"]]
        assert all(p["group"] == groups.index(g) for p in inside)
        assert len({(p["x"], p["y"]) for p in inside}) == len(inside)  # no two on one spot
    # the group edges the index ships are the place edges summed per pair of groups
    index, _ = sd.data_files(model)
    shipped = payload(index.text)
    summed: dict[tuple[int, int], int] = {}
    for a, b, w in model["edges"]:
        ga, gb = model["places"][a]["group"], model["places"][b]["group"]
        if ga != gb:
            key = (min(ga, gb), max(ga, gb))
            summed[key] = summed.get(key, 0) + w
    assert {(a, b): w for a, b, w in shipped["edges"]} == summed


def test_few_places_are_drawn_as_themselves(sample):
    _, model = sample
    assert model["mode"] == "places" and len(model["groups"]) == len(model["places"])
    assert len({(p["x"], p["y"]) for p in model["places"]}) == len(model["places"])


def test_layout_is_deterministic(sample_store):
    a = site_model(read_records(sample_store))
    b = site_model(read_records(sample_store))
    assert a == b


# ---- diffusion --------------------------------------------------------------------------------------


def _rq_diffusion(store: Path, theme: str) -> list[tuple]:
    return [
        (r["place"], r["first"], int(r["practices"]), r["example"])
        for r in rows(store, "diffusion", theme=theme)
    ]


def _lib(records: Records, theme: str) -> list[tuple]:
    return [(r.place, r.first, r.practices, r.example) for r in diffusion(records, theme)]


@pytest.mark.parametrize(
    "theme", ["年轻干部", "青年干部", "干部", "考察识别", "选", "五有", "品牌" + HOSTILE[0]]
)
def test_diffusion_equals_the_sparql_question(synth, synth_store, theme):
    records, _ = synth
    got = _lib(records, theme)
    assert got, theme
    assert got == _rq_diffusion(synth_store, theme)
    assert [r[1] for r in got] == sorted(r[1] for r in got)  # earliest first


@pytest.mark.parametrize("theme", ["年轻干部", "村书记", "考察识别", "谈心谈话", "选"])
def test_diffusion_equals_the_sparql_question_on_the_sample(sample, sample_store, theme):
    records, _ = sample
    assert _lib(records, theme) == _rq_diffusion(sample_store, theme)


def test_narrower_groups_are_included(synth):
    records, _ = synth
    graduates = [p for p in records.practices.values() if ID + "target-group/selected-graduate" in p.targets]
    index = pl.index(records)
    only = {index.of[p.id] for p in graduates if p.id in index.of and p.date}
    assert only and only <= {r.place for r in diffusion(records, "年轻干部")}
    assert {r.place for r in diffusion(records, "选调生")} == only
    assert diffusion(records, "没有这个主题") == []


def test_theme_names(synth):
    records, _ = synth
    assert [t.kind for t in themes_named(records, "村书记")] == ["target"]  # an alternative label
    assert [t.label for t in themes_named(records, "村书记")] == ["村党组织书记"]
    assert [t.kind for t in themes_named(records, "2+N")] == ["brand"]


def test_model_themes_are_the_library_rows(synth):
    records, model = synth
    for t in model["themes"][:12] + [t for t in model["themes"] if t["kind"] == "brand"]:
        lib = diffusion(records, t["label"])
        ids = [p["id"] for p in model["places"]]
        assert [(ids[r[0]], r[1], r[2], model["practices"][r[3]][0]) for r in t["rows"]] == [
            (r.place, r.first, r.practices, r.example) for r in lib
        ], t["label"]


# ---- data files -------------------------------------------------------------------------------------


def test_data_files_carry_document_text_only_as_escaped_json(synth):
    _, model = synth
    index, files = sd.data_files(model)
    texts = [index.text] + [f.text for f in files]
    joined = "".join(texts)
    for h in HOSTILE:
        assert h not in joined
    assert "__pwned" in joined  # the hostile text is there, as data
    for text in texts:
        assert text.startswith("(window.KG_DATA = window.KG_DATA || {})[")
        body = text.split("] = ", 1)[1].rstrip(";\n")
        assert not set("<>&\u2028\u2029") & set(body)
        payload(text)  # plain JSON after the assignment
    assert (
        sd.safe_json(HOSTILE[3])
        == '"\\u003c/script\\u003e\\u003cscript\\u003ewindow.__pwned=4\\u003c/script\\u003e"'
    )


def test_shards_hold_runs_of_places_and_their_links(synth):
    _, model = synth
    index_file, files = sd.data_files(model)
    index = payload(index_file.text)
    by_key = {f.name.split("/")[1].split(".")[0]: payload(f.text) for f in files}
    starts = index["shardStarts"]
    assert starts == sorted(starts) and starts[0] == 0
    seen = 0
    for s, first in enumerate(starts):
        t = by_key[f"t{s}"]
        assert t["first"] == first == seen
        assert t["rows"] == model["practices"][first : first + len(t["rows"])]
        seen += len(t["rows"])
        mine = range(first, first + len(t["rows"]))
        assert sorted(map(tuple, map(lambda r: r[:2], by_key[f"l{s}"]["rows"]))) == sorted(
            (r[0], r[1]) for r in model["links"] if r[0] in mine or r[1] in mine
        )
    assert seen == len(model["practices"])
    for k, p in enumerate(model["places"]):  # a place's practices are in one shard
        s = index["shardOfPlace"][k]
        assert starts[s] <= p["p0"] and p["p1"] <= (starts[s + 1] if s + 1 < len(starts) else seen)
    assert set(index["files"]) == set(by_key)


def test_the_app_names_nothing_outside(tmp_path, sample):
    records, _ = sample
    out = tmp_path / "site"
    render_site(records, out)
    for f in list(out.glob("*.html")) + list((out / "app").iterdir()):
        text = f.read_text(encoding="utf-8")
        assert not EXTERNAL_REF.search(text), f
        assert (
            "innerHTML" not in text and "insertAdjacentHTML" not in text and "document.write" not in text
        ), f
        assert "eval(" not in text and "new Function" not in text, f
    pages = {f.name for f in out.glob("*.html")}
    assert pages == {"index.html", "practices.html", "place.html", "diffusion.html", "coverage.html"}
    assert (out / "lib" / "vis-network.min.js").stat().st_size > 100_000


# ---- writing ----------------------------------------------------------------------------------------


def _files(out: Path) -> dict[str, bytes]:
    return {str(f.relative_to(out)): f.read_bytes() for f in sorted(out.rglob("*")) if f.is_file()}


def test_an_unchanged_site_is_not_rewritten_and_a_damaged_file_is(tmp_path, sample):
    records, _ = sample
    out = tmp_path / "site"
    first = render_site(records, out)
    assert Path(first[-1]).name == "index.html" and Path(first[-2]).name == "index.js"  # index last
    assert render_site(records, out) == []
    shard = next((out / "data").glob("t0.*.js"))
    shard.write_text("broken", encoding="utf-8")  # a hand edit or a half-copied file
    (out / "app" / "site.css").unlink()
    again = render_site(records, out)
    assert sorted(Path(p).name for p in again) == sorted([shard.name, "site.css"])
    assert render_site(records, out) == []


def test_an_interrupted_render_is_completed_by_the_next(tmp_path, sample, synth, monkeypatch):
    """A render that dies part-way (after some files) leaves a site the next run completes: the same
    files, byte for byte, as a fresh render."""
    sample_records, _ = sample
    synth_records, _ = synth
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    render_site(sample_records, out)
    real = sw.write_atomic
    count = {"n": 0}

    def dying(path, raw):
        count["n"] += 1
        if count["n"] > 9:
            raise OSError("disk full")
        return real(path, raw)

    monkeypatch.setattr(sw, "write_atomic", dying)
    with pytest.raises(OSError):
        render_site(synth_records, out)
    monkeypatch.setattr(sw, "write_atomic", real)
    assert not list(out.rglob("*.tmp"))
    render_site(synth_records, out)
    render_site(synth_records, fresh)
    assert _files(out).keys() - {sw.MANIFEST} == _files(fresh).keys() - {sw.MANIFEST}
    assert {k: v for k, v in _files(out).items() if k != sw.MANIFEST} == {
        k: v for k, v in _files(fresh).items() if k != sw.MANIFEST
    }


def test_back_to_an_earlier_content_after_a_crash(tmp_path, sample, synth, monkeypatch):
    """Run A, a run B killed before its manifest, then A again: data/index.js, which B replaced, is
    written back, though the manifest still describes A's (its size or time no longer match)."""
    a, _ = sample
    b, _ = synth
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    render_site(a, out)
    real = sw.write_atomic
    calls = {"n": 0}

    def dying(path, raw):
        calls["n"] += 1
        if Path(path).name == sw.MANIFEST:  # after data/index.js was replaced by B's
            raise OSError("killed")
        return real(path, raw)

    monkeypatch.setattr(sw, "write_atomic", dying)
    with pytest.raises(OSError):
        render_site(b, out)
    monkeypatch.setattr(sw, "write_atomic", real)
    render_site(a, out)
    render_site(a, fresh)
    strip = {sw.MANIFEST}
    assert {k: v for k, v in _files(out).items() if k not in strip} == {
        k: v for k, v in _files(fresh).items() if k not in strip
    }


def test_files_the_new_site_does_not_name_are_removed(tmp_path, sample, synth):
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    render_site(synth[0], out)
    report = render_report(sample[0], out)
    render_site(sample[0], fresh)
    assert report.removed and all(
        Path(p).parent.name == "data" and not Path(p).exists() for p in report.removed
    )
    assert set(_files(out)) == set(_files(fresh))


def test_render_site_takes_records_a_store_or_its_folder(tmp_path, sample_store):
    a = render_report(sample_store, tmp_path / "a")
    assert "read" in a.seconds and a.written
    with GraphStore(sample_store, read_only=True) as gs:
        b = render_site(gs, tmp_path / "b")
    assert [Path(p).relative_to(tmp_path / "b") for p in b] == [
        Path(p).relative_to(tmp_path / "a") for p in a.written
    ]


def test_the_model_is_plain_json(synth):
    _, model = synth
    assert json.loads(json.dumps(model, allow_nan=False)) == json.loads(json.dumps(model))


def test_a_small_hand_made_record_set():
    """Two places of one city, a town under one of them, one link: hand-computed answers."""
    places = {
        "p": Place("p", "省", "province", "100000"),
        "c": Place("c", "市", "city", "100100", "p"),
        "a": Place("a", "甲县", "county", "100101", "c"),
        "b": Place("b", "乙县", "county", "100102", "c"),
        "t": Place("t", "甲镇", "town", "", "a"),
    }
    practices = {
        "x1": Practice("x1", "做法一", "t", "原文一", "公报", 1, "2021-01-05", "文一", None, ("g",), (), ()),
        "x2": Practice(
            "x2", "做法二", "b", "原文二", "公报", 2, "2022-03-01", "文二", "五有", ("g",), (), ()
        ),
        "x3": Practice("x3", "做法三", None, "原文三", "公报", 2, "2022-03-01", "文二"),
    }
    from kg.site.source import Concept

    concepts = {"g": Concept("g", "年轻干部", "target")}
    links = (Link("l1", "x1", "x2", 0.5, ("g",), ("谈话",)), Link("l2", "x2", "x3", 0.4))
    model = site_model(Records(places, practices, concepts, links))
    assert [p["label"] for p in model["places"]] == ["甲县", "乙县"]
    assert model["edges"] == [[0, 1, 1]]
    assert [p["practices"] for p in model["places"]] == [1, 1]
    assert model["practices"][0][3] == "甲镇"  # the citation names the town
    assert model["summary"]["unplaced"] == 1
    young = next(t for t in model["themes"] if t["label"] == "年轻干部")
    assert young["rows"] == [[0, "2021-01-05", 1, 0], [1, "2022-03-01", 1, 1]]
    assert [(a["label"], a["places"]) for a in model["areas"]] == [("省", [0, 1]), ("市（省）", [0, 1])]


def test_an_empty_store_makes_a_working_empty_site(tmp_path):
    written = render_site(Records({}, {}, {}, ()), tmp_path / "site")
    assert Path(written[-1]).name == "index.html"
    model = site_model(Records({}, {}, {}, ()))
    assert model["summary"]["practices"] == 0 and model["places"] == [] and model["themes"] == []


def test_kg_render_switches_to_the_site(tmp_path, sample_store):
    import kg

    written = kg.render(sample_store, tmp_path / "v", site=True)
    assert Path(written[-1]).name == "index.html" and (tmp_path / "v" / "data" / "index.js").is_file()


def test_a_build_renders_from_memory_what_the_store_holds(tmp_path, monkeypatch):
    """`kg build` takes the site's records from the bulletins and links it writes (kg/site/collect.py),
    not from the store: they equal what the read model reads back, field by field, and the site the
    build wrote is the site rendered afresh from the store."""
    import dataclasses

    import kg.publish
    from kg.pipeline import build
    from kg.site.source import records_of

    seen = {}
    render_all = kg.publish.render_all

    def spy(store, out, **kw):
        seen["records"] = kw.get("records")
        return render_all(store, out, **kw)

    monkeypatch.setattr(kg.publish, "render_all", spy)
    root = Path(__file__).resolve().parent.parent
    report = build([root / "data", root / "tests" / "hostile"], tmp_path / "store", views=tmp_path / "v")
    assert not report.failures, report.failures
    mem = seen["records"]
    assert mem is not None and len(mem.practices) > 70 and mem.links
    from kg.catalog.catalog import read_catalog

    with GraphStore(tmp_path / "store", read_only=True) as gs:
        read = records_of(read_catalog(gs))
    for field in ("practices", "concepts"):
        a, b = getattr(mem, field), getattr(read, field)
        assert {k: dataclasses.astuple(v) for k, v in a.items()} == {
            k: dataclasses.astuple(v) for k, v in b.items()
        }, field
    assert [dataclasses.astuple(k) for k in mem.links] == [dataclasses.astuple(k) for k in read.links]
    assert site_model(mem) == site_model(read)
    render_all(tmp_path / "store", tmp_path / "fresh")
    for f in (tmp_path / "fresh").rglob("*"):
        if f.is_file() and not f.name.startswith("."):
            assert f.read_bytes() == (tmp_path / "v" / f.relative_to(tmp_path / "fresh")).read_bytes(), f


def test_kg_render_stays_the_function_after_a_build(tmp_path, sample_store):
    """Importing the publishing module (every build does) must not replace `kg.render`."""
    import kg
    import kg.publish  # noqa: F401

    assert callable(kg.render)
    written = kg.render(sample_store, tmp_path / "v")
    assert (tmp_path / "v" / "index.html").is_file() and written
