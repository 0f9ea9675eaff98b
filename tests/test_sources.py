"""The store remembers its sources: `kg build` without a folder rebuilds them (bulletins added from
elsewhere included), names any that went missing and keeps those as stored; `kg remove` takes a
bulletin out, named by file, key or "刊名 YYYY年第N期", and a rebuild does not bring it back."""

from __future__ import annotations

import shutil

import pytest
from kgproc import SAMPLE, check_whole, kg, one_line


@pytest.fixture()
def layout(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for f in SAMPLE[:3]:
        shutil.copy(f, a / f.name)
    shutil.copy(SAMPLE[3], b / SAMPLE[3].name)
    store = tmp_path / "store"
    assert kg("build", a, "--store", store, "--no-views").returncode == 0
    assert kg("add", b / SAMPLE[3].name, "--store", store, "--no-views").returncode == 0
    return a, b, store


def test_a_rebuild_keeps_the_bulletins_added_from_elsewhere(layout):
    a, _, store = layout
    shutil.copy(SAMPLE[4], a / SAMPLE[4].name)  # a new file in the remembered folder is read too
    res = kg("build", "--store", store, "--no-views")
    assert res.returncode == 0, res.stderr
    assert len(check_whole(store)["bulletins"]) == 5


def test_a_missing_source_is_named_and_its_bulletin_kept(layout):
    _, b, store = layout
    before = check_whole(store)
    (b / SAMPLE[3].name).unlink()
    res = kg("build", "--store", store, "--no-views")
    assert res.returncode == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("错误：")]
    assert len(lines) == 1 and SAMPLE[3].name in lines[0] and "kg remove" in lines[0]
    after = check_whole(store)
    assert after["bulletins"] == before["bulletins"]  # kept as stored, the others rebuilt
    assert after["links"] > 0


def test_remove_by_file_key_or_name(layout):
    a, b, store = layout
    m = check_whole(store)
    by_key = next(k for k, e in m["bulletins"].items() if e["source"].endswith(SAMPLE[0].name))
    entry = next(e for e in m["bulletins"].values() if e["source"].endswith(SAMPLE[1].name))
    label = f"{entry['name']} {entry['date'][:4]}年第{entry['issue']}期"
    bad = kg("remove", by_key, "no-such-bulletin", "--store", store, "--no-views")
    assert bad.returncode == 1 and one_line(bad.stderr) and "no-such-bulletin" in bad.stderr
    assert len(check_whole(store)["bulletins"]) == 4  # nothing removed
    res = kg("remove", by_key, label, b / SAMPLE[3].name, "--store", store, "--no-views")
    assert res.returncode == 0, res.stderr
    left = check_whole(store)
    assert [e["source"] for e in left["bulletins"].values()] == [str(a / SAMPLE[2].name)]
    res = kg("build", "--store", store, "--no-views")  # the removed files in the folder stay out
    assert res.returncode == 0, res.stderr
    assert len(check_whole(store)["bulletins"]) == 1
    assert kg("add", a / SAMPLE[0].name, "--store", store, "--no-views").returncode == 0
    assert kg("build", "--store", store, "--no-views").returncode == 0  # added again: read again
    assert len(check_whole(store)["bulletins"]) == 2


def test_removing_the_last_bulletin_leaves_an_empty_store(tmp_path):
    store = tmp_path / "store"
    assert kg("build", SAMPLE[0], "--store", store, "--no-views").returncode == 0
    res = kg("remove", SAMPLE[0], "--store", store, "--no-views")
    assert res.returncode == 0, res.stderr
    m = check_whole(store, set())
    assert m["links"] == 0


def test_without_a_store_build_reads_the_sample(tmp_path):
    store = tmp_path / "store"
    res = kg("build", "--store", store, "--no-views")
    assert res.returncode == 0, res.stderr
    assert len(check_whole(store)["bulletins"]) == len(SAMPLE)
