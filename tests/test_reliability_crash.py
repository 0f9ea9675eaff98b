"""Reliability: a writer killed at any step leaves the store whole (the previous generation), and the next
writer cleans what it left and finishes the job. Kills are real (SIGKILL through KG_FAULT fault points,
SIGTERM from outside), in child processes running the `kg` command."""

from __future__ import annotations

import shutil
import signal

import pytest
from kgproc import (
    SAMPLE,
    check_whole,
    children,
    kg,
    killed,
    leftovers,
    no_traceback,
    renumbered,
    start,
    wait_for,
)

from kg import faults
from kg import generations as g

FIRST, SECOND = SAMPLE[:2], SAMPLE[2:4]


@pytest.fixture(scope="module")
def keys():
    from kgproc import keys_of

    return {f: next(iter(keys_of([f]))) for f in SAMPLE}


@pytest.fixture(scope="module")
def base(tmp_path_factory, keys):
    """A store holding the first two sample issues, built once; tests work on copies."""
    src = tmp_path_factory.mktemp("in")
    for f in FIRST:
        shutil.copy(f, src / f.name)
    store = tmp_path_factory.mktemp("base") / "store"
    res = kg("build", src, "--store", store, "--no-views")
    assert res.returncode == 0, res.stderr
    return src, store


@pytest.fixture()
def store(base, tmp_path):
    src, built = base
    copy = tmp_path / "store"
    shutil.copytree(built, copy)
    return src, copy


def _first_keys(keys):
    return {keys[f] for f in FIRST}


@pytest.mark.parametrize("step", ["read:file", "build:after-write", "build:before-switch", "switch:mid"])
def test_a_build_killed_at_any_step_leaves_the_previous_store(step, store, keys, tmp_path):
    _, st = store
    src = tmp_path / "more"
    src.mkdir()
    for f in FIRST + SECOND:
        shutil.copy(f, src / f.name)
    res = kg("build", src, "--store", st, "--no-views", fault=step)
    assert killed(res), (res.returncode, res.stderr)
    check_whole(st, _first_keys(keys))  # readers see the last complete generation, whole
    again = kg("build", src, "--store", st, "--no-views")
    assert again.returncode == 0, again.stderr
    assert "上一个写入进程" in again.stderr  # the lock its writer never released is taken over, and said so
    check_whole(st, _first_keys(keys) | {keys[f] for f in SECOND})
    assert leftovers(st) == []  # the killed build's generation (and CURRENT.tmp) are gone


def test_a_first_build_killed_leaves_no_half_store(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE[0], src / SAMPLE[0].name)
    st = tmp_path / "store"
    res = kg("build", src, "--store", st, "--no-views", fault="build:before-switch")
    assert killed(res)
    q = kg("query", "ASK { ?s ?p ?o }", "--store", st)
    assert (
        q.returncode == 1 and "kg build" in q.stderr and no_traceback(q)
    )  # no store, said so: never half of one
    assert kg("build", src, "--store", st, "--no-views").returncode == 0
    check_whole(st)
    assert leftovers(st) == []


@pytest.mark.parametrize("step", ["add:after-write", "add:before-switch", "switch:mid"])
def test_an_add_killed_at_any_step_leaves_the_previous_store(step, store, keys):
    _, st = store
    res = kg("add", SAMPLE[2], "--store", st, "--no-views", fault=step)
    assert killed(res), (res.returncode, res.stderr)
    check_whole(st, _first_keys(keys))
    again = kg("add", SAMPLE[2], "--store", st, "--no-views")
    assert again.returncode == 0, again.stderr
    check_whole(st, _first_keys(keys) | {keys[SAMPLE[2]]})
    assert leftovers(st) == []


def test_a_remove_killed_before_the_switch_leaves_the_previous_store(store, keys):
    _, st = store
    res = kg("remove", FIRST[0], "--store", st, "--no-views", fault="remove:before-switch")
    assert killed(res)
    check_whole(st, _first_keys(keys))
    assert kg("remove", FIRST[0], "--store", st, "--no-views").returncode == 0
    check_whole(st, {keys[FIRST[1]]})
    assert leftovers(st) == []


def test_a_kill_while_rendering_leaves_the_new_store_whole(store, keys, tmp_path):
    """The switch comes before the views: a kill while rendering leaves the new generation current
    and whole; the next build renders everything."""
    src, st = store
    views = tmp_path / "views"
    res = kg("add", SAMPLE[2], "--store", st, "--views", views, fault="render:mid")
    assert killed(res)
    check_whole(st, _first_keys(keys) | {keys[SAMPLE[2]]})
    again = kg("build", "--store", st, "--views", views)
    assert again.returncode == 0, again.stderr
    assert (views / "index.html").is_file()
    check_whole(st, _first_keys(keys) | {keys[SAMPLE[2]]})


def _site_files(views) -> dict[str, bytes]:
    return {
        str(p.relative_to(views)): p.read_bytes()
        for p in sorted(views.rglob("*"))
        if p.is_file() and p.name not in (".kg-rendered", ".kg-site.json")  # stamps, mtimes
    }


def test_views_an_add_left_half_written_are_repaired_by_the_next_run(store, keys, tmp_path):
    """Killed after the view site's 3rd file of `kg add`: the store is the new generation, the site a
    mix of old and new. Running the same `kg add` again (nothing new to ingest) finishes the site: the
    same files, byte for byte, as a site rendered afresh from the store; a file deleted or replaced by
    hand since is written again by the next run that renders."""
    from kg.publish import render_all

    src, st = store
    views = tmp_path / "views"
    assert kg("add", SAMPLE[2], "--store", st, "--views", views).returncode == 0
    res = kg("add", SAMPLE[3], "--store", st, "--views", views, fault="site:file#3")
    assert killed(res)
    check_whole(st, _first_keys(keys) | {keys[SAMPLE[2]], keys[SAMPLE[3]]})
    fresh = tmp_path / "fresh"
    render_all(st, fresh)
    assert _site_files(views) != _site_files(fresh)  # the kill left it half done
    again = kg("add", SAMPLE[3], "--store", st, "--views", views)
    assert again.returncode == 0, again.stderr
    assert _site_files(views) == _site_files(fresh)
    (views / "data" / "index.js").unlink()
    (views / "app" / "site.css").write_text("/* edited */", encoding="utf-8")
    assert kg("build", "--store", st, "--views", views).returncode == 0
    render_all(st, tmp_path / "rebuilt")  # the rebuild relinks the whole store
    assert _site_files(views) == _site_files(tmp_path / "rebuilt")
    assert _site_files(views)["app/site.css"] != b"/* edited */"


def test_sigterm_cleans_up_at_once(store, keys, tmp_path):
    """`kill PID` (SIGTERM) unwinds the writer: its half-built generation is removed and the lock
    released by itself, not by the next writer."""
    _, st = store
    gate = tmp_path / "go"
    proc = start("add", SAMPLE[2], "--store", st, "--no-views", fault=f"add:after-write=wait:{gate}")
    try:
        assert wait_for(lambda: len(list(st.glob("gen-*"))) == 2, within=60)
        proc.send_signal(signal.SIGTERM)
        gate.touch()  # the wait point polls: SIGTERM is handled as soon as Python runs again
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143, err
    assert "SIGTERM" in err and "Traceback" not in err
    assert leftovers(st) == [] and (st / "LOCK").read_text() == ""  # released, not left for a takeover
    check_whole(st, _first_keys(keys))


def test_pool_workers_die_with_a_killed_build(tmp_path):
    """A build of 40+ files parses them in a process pool; killed (SIGKILL) while the pool runs, its
    workers end with it (they lived 78 s before)."""
    files = renumbered(tmp_path / "in", tmp_path / "in", 42)
    assert len(files) == 42
    gate = tmp_path / "never"
    st = tmp_path / "store"
    proc = start(
        "build",
        tmp_path / "in",
        "--store",
        st,
        "--no-views",
        "--workers",
        "2",
        fault=f"read:file#2=wait:{gate}",
    )
    try:
        assert wait_for(lambda: len(children(proc.pid)) >= 2, within=120), (
            proc.stderr.read() if proc.poll() else ""
        )
        workers = children(proc.pid)
        proc.kill()
        proc.wait(timeout=30)
        from kgproc import alive

        assert wait_for(lambda: not any(alive(p) for p in workers), within=10), workers
    finally:
        if proc.poll() is None:
            proc.kill()
    res = kg("build", tmp_path / "in", "--store", st, "--no-views")  # and the next build takes the lock
    assert res.returncode == 0, res.stderr


def test_the_segmenter_helper_dies_with_a_killed_add(store, tmp_path):
    _, st = store
    gate = tmp_path / "never"
    proc = start("add", SAMPLE[2], "--store", st, "--no-views", fault=f"add:after-write=wait:{gate}")
    try:
        assert wait_for(lambda: len(list(st.glob("gen-*"))) == 2, within=60)
        helpers = children(proc.pid)
        proc.kill()
        proc.wait(timeout=30)
        from kgproc import alive

        assert wait_for(lambda: not any(alive(p) for p in helpers), within=10), helpers
    finally:
        if proc.poll() is None:
            proc.kill()


def test_fault_points_are_documented():
    for step in ("build:before-switch", "switch:mid", "add:before-switch", "render:mid", "site:file"):
        assert step in faults.STEPS and step in faults.__doc__


@pytest.mark.parametrize("where", ["kg.generations.make_generation", "kg.generations.copy_generation"])
def test_an_interrupt_inside_begin_leaves_no_generation(where, store, monkeypatch):
    """SIGTERM or Ctrl-C can land at any instant of `begin`: the new folder is recorded as pending before
    it is made, so leaving the writer removes it whatever was done by then."""
    from kg.writer import StoreWriter

    _, st = store
    real = {
        "kg.generations.make_generation": g.make_generation,
        "kg.generations.copy_generation": g.copy_generation,
    }
    name = where.rsplit(".", 1)[1]

    def interrupted(*args):
        real[where](*args)  # done, and then the interrupt arrives
        raise KeyboardInterrupt

    monkeypatch.setattr(g, name, interrupted)
    with pytest.raises(KeyboardInterrupt), StoreWriter(st, "kg add") as w:
        w.begin(copy=True)
    assert leftovers(st) == []


def test_an_interrupt_right_after_a_store_opens_closes_it(tmp_path, monkeypatch):
    """An interrupt between opening Oxigraph and the end of GraphStore() closes the store at once: an open
    store left alive by the traceback would keep writing into a folder being discarded."""
    from kg.store import GraphStore

    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(GraphStore, "_read_manifest", interrupted)
    with pytest.raises(KeyboardInterrupt) as caught:
        GraphStore(tmp_path / "gen", create=True)
    monkeypatch.undo()
    assert caught.tb is not None  # the traceback (and the frame of the half-made GraphStore) still lives
    with GraphStore(tmp_path / "gen", create=True) as again:  # RocksDB's lock is free: it was closed
        assert again.manifest["bulletins"] == {}
