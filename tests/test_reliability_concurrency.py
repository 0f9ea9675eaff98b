"""Reliability: one writer at a time, readers never disturbed. A second writer is refused at once with one
line naming the first; `kg serve` keeps answering from a whole generation while a writer builds the
next, then moves onto it; generations a reader holds are not deleted; the earlier store layout is read
as it is and converted by the next writer."""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.parse
import urllib.request

import pytest
from kgproc import SAMPLE, check_whole, held, kg, leftovers, one_line, start, wait_for

from kg.errors import StoreError

ARTICLES = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/cadrekg/ontology#Article> }"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    store = tmp_path_factory.mktemp("base") / "store"
    res = kg("build", *SAMPLE[:2], "--store", store, "--no-views")
    assert res.returncode == 0, res.stderr
    return store


@pytest.fixture()
def store(base, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(base, copy)
    return copy


def test_a_second_writer_is_refused_at_once_naming_the_first(store, tmp_path):
    gate = tmp_path / "go"
    first = start("add", SAMPLE[2], "--store", store, "--no-views", fault=f"add:after-write=wait:{gate}")
    try:
        assert wait_for(lambda: len(list(store.glob("gen-*"))) == 2, within=60)
        t0 = time.monotonic()
        for cmd in (["build", *SAMPLE[:3]], ["add", SAMPLE[3]], ["remove", SAMPLE[0]]):
            second = kg(*cmd, "--store", store, "--no-views")
            assert second.returncode == 1, second.stderr
            assert one_line(second.stderr), second.stderr
            assert "kg add" in second.stderr and f"pid {first.pid}" in second.stderr, second.stderr
        assert time.monotonic() - t0 < 60  # refused, not queued
        gate.touch()
        _, err = first.communicate(timeout=120)
        assert first.returncode == 0, err
    finally:
        if first.poll() is None:
            first.kill()
    m = check_whole(store)
    assert len(m["bulletins"]) == 3 and leftovers(store) == []


def test_racing_writers_never_corrupt_the_store(store):
    """`kg build` and `kg add` started together, three times (this corrupted the store 3 times out of
    3 before): each either finishes or is refused, and the store is whole after every round."""
    for _ in range(3):
        a = start("build", *SAMPLE[:3], "--store", store, "--no-views")
        b = start("add", SAMPLE[3], "--store", store, "--no-views")
        outs = [p.communicate(timeout=180) for p in (a, b)]
        codes = [a.returncode, b.returncode]
        assert all(c in (0, 1) for c in codes), (codes, outs)
        assert 0 in codes, outs
        for p, (_, err) in zip((a, b), outs, strict=True):
            assert "Traceback" not in err
            if p.returncode == 1:
                assert "正被另一个写入进程修改" in err, err
        check_whole(store)


def test_readers_do_not_take_the_writer_lock(store, tmp_path):
    gate = tmp_path / "go"
    writer = start("add", SAMPLE[2], "--store", store, "--no-views", fault=f"add:before-switch=wait:{gate}")
    try:
        assert wait_for(lambda: len(list(store.glob("gen-*"))) == 2, within=60)
        for args in (["query", ARTICLES, "--format", "json"], ["stats"], ["export", "--format", "nq"]):
            res = kg(*args, "--store", store)
            assert res.returncode == 0, (args, res.stderr)
        q = kg("query", ARTICLES, "--format", "json", "--store", store)
        assert json.loads(q.stdout)["results"]["bindings"][0]["n"]["value"] == str(
            sum(b["articles"] for b in held(store)["bulletins"].values())
        )
        gate.touch()
        assert writer.wait(timeout=120) == 0
    finally:
        if writer.poll() is None:
            writer.kill()


def _count(url: str) -> int:
    data = urllib.parse.urlencode({"query": ARTICLES}).encode()
    req = urllib.request.Request(
        url + "/query", data=data, headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(req, timeout=30) as r:
        assert r.status == 200
        return int(json.loads(r.read())["results"]["bindings"][0]["n"]["value"])  # whole JSON, or this fails


def test_serve_answers_from_a_whole_generation_during_writes_then_moves_on(store, tmp_path):
    from kg.sparql.supervise import serve

    said: list[str] = []
    urls: list[str] = []
    stop = threading.Event()
    t = threading.Thread(
        target=serve,
        args=(store,),
        kwargs=dict(port=0, announce=said.append, stop=stop, ready=urls.append, poll=0.2),
        daemon=True,
    )
    t.start()
    try:
        assert wait_for(lambda: urls, within=60), said
        url = urls[0]
        before = _count(url)
        seen: list[int] = []
        errors: list[BaseException] = []
        done = threading.Event()

        def client() -> None:  # asks all along: every answer whole, the count never going back
            while not done.is_set():
                try:
                    seen.append(_count(url))
                except BaseException as exc:  # noqa: BLE001
                    errors.append(exc)
                time.sleep(0.02)

        c = threading.Thread(target=client, daemon=True)
        c.start()
        gate = tmp_path / "go"
        writer = start(
            "add", SAMPLE[2], "--store", store, "--no-views", fault=f"add:before-switch=wait:{gate}"
        )
        assert wait_for(lambda: len(list(store.glob("gen-*"))) == 2, within=60)
        time.sleep(0.5)
        assert _count(url) == before  # generation 2 is being built: the endpoint answers from 1
        gate.touch()
        assert writer.wait(timeout=120) == 0
        after = sum(b["articles"] for b in held(store)["bulletins"].values())
        assert after > before
        assert wait_for(lambda: _count(url) == after, within=30), said
        done.set()
        c.join(timeout=30)
        assert not errors, errors[:3]
        assert set(seen) <= {before, after} and seen == sorted(seen), seen[-20:]
        assert any("图谱已更新" in s for s in said), said
        # the generation the server let go of is deleted by the next writer; the served one is kept
        assert kg("add", SAMPLE[2], "--store", store, "--no-views").returncode == 0
        assert leftovers(store) == []
    finally:
        stop.set()
        t.join(timeout=60)


def test_a_generation_held_by_a_reader_is_not_deleted(store):
    from kg.generations import current
    from kg.store import GraphStore

    with GraphStore(store, read_only=True) as reader:
        first = current(store)
        assert kg("add", SAMPLE[2], "--store", store, "--no-views").returncode == 0
        assert kg("add", SAMPLE[3], "--store", store, "--no-views").returncode == 0
        assert first.is_dir()  # still read: kept
        assert reader.count_triples() > 0
    assert kg("remove", SAMPLE[3], "--store", store, "--no-views").returncode == 0
    assert not first.exists() and leftovers(store) == []


def test_the_earlier_layout_is_read_as_it_is_and_converted_by_the_next_writer(store, tmp_path):
    """A store of the earlier layout (STORE/oxigraph, STORE/manifest.json), and the leftovers of the
    earlier swap: a `.STORE.building-*` folder of a killed build and a swap killed between its renames."""
    from kg.generations import current

    old = tmp_path / "old"
    old.mkdir()
    for entry in current(store).iterdir():
        if entry.name != "READERS":
            shutil.move(str(entry), old / entry.name)
    (tmp_path / ".old.building-abc").mkdir()
    (tmp_path / ".old.building-abc" / "oxigraph").mkdir()
    q = kg("query", ARTICLES, "--format", "json", "--store", old)
    assert q.returncode == 0, q.stderr
    n = int(json.loads(q.stdout)["results"]["bindings"][0]["n"]["value"])
    res = kg("add", SAMPLE[2], "--store", old, "--no-views")
    assert res.returncode == 0, res.stderr
    m = check_whole(old)
    assert len(m["bulletins"]) == 3 and sum(b["articles"] for b in m["bulletins"].values()) > n
    assert leftovers(old) == [] and not (tmp_path / ".old.building-abc").exists()
    # a swap of the earlier code killed between its two renames: only STORE.old is left
    swapped = tmp_path / "swapped"
    shutil.copytree(old, tmp_path / "swapped.old")
    gen = current(tmp_path / "swapped.old")
    for entry in list((tmp_path / "swapped.old").iterdir()):
        if entry != gen:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    for entry in list(gen.iterdir()):
        shutil.move(str(entry), tmp_path / "swapped.old" / entry.name)
    gen.rmdir()
    q = kg("query", ARTICLES, "--format", "json", "--store", swapped)
    assert q.returncode == 0, q.stderr  # readers find it where the swap left it
    res = kg("add", SAMPLE[3], "--store", swapped, "--no-views")
    assert res.returncode == 0, res.stderr
    assert "恢复" in res.stderr
    assert len(check_whole(swapped)["bulletins"]) == 4 and not (tmp_path / "swapped.old").exists()


def test_lock_holder_is_named(tmp_path):
    from kg.writelock import WriterLock, holder

    with WriterLock(tmp_path, "kg test"):
        h = holder(tmp_path)
        assert h is not None and h.command == "kg test"
        with pytest.raises(StoreError, match="kg test"):
            WriterLock(tmp_path, "kg other").acquire()
    assert holder(tmp_path) is None
