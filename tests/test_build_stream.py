"""A build streams: parsed bulletins are bounded in flight, written one at a time, never held together."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from kg import pipeline
from kg.store import GraphStore


def test_bounded_map_keeps_order_and_bounds_what_waits():
    submitted, consumed = [0], [0]
    most = [0]
    lock = threading.Lock()

    def work(x):
        time.sleep(0.001 * (x % 3))  # finish out of order
        return x * x

    class Counting(ThreadPoolExecutor):
        def submit(self, fn, *a, **k):
            with lock:
                submitted[0] += 1
                most[0] = max(most[0], submitted[0] - consumed[0])
            return super().submit(fn, *a, **k)

    out = []
    with Counting(max_workers=3) as pool:
        for r in pipeline.bounded_map(pool, work, list(range(200)), ahead=7):
            consumed[0] += 1
            out.append(r)
    assert out == [x * x for x in range(200)]
    # 7 waiting, plus the one being handed over (Executor.map would have submitted all 200 at once)
    assert most[0] <= 8


def test_bulletins_are_consumed_one_at_a_time(data_dir, tmp_path):
    """_write_bulletins pulls bulletins lazily and shows each to `each` once, before the next is parsed."""
    files = sorted(data_dir.glob("*.txt"))
    events: list[str] = []

    def parsed():
        for f in files:
            events.append(f"parse {f.name}")
            yield pipeline.ingest_file(f)

    with GraphStore(tmp_path / "s", create=True) as gs:
        n = pipeline._write_bulletins(gs, parsed(), replace=False, each=lambda b: events.append("each"))
        assert n == len(files) == len(gs.bulletins)
    assert events == [e for f in files for e in (f"parse {f.name}", "each")]


def test_a_build_of_only_bad_files_keeps_the_old_store_and_leaves_nothing_behind(data_dir, tmp_path):
    store = tmp_path / "s"
    assert pipeline.build([data_dir], store, render=False).bulletins == 5
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    rep = pipeline.build([bad], store, render=False)
    assert any("empty.txt" in f for f in rep.failures)
    assert any("图谱保持不变" in f for f in rep.failures)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "s"]  # no half-built store left
    with GraphStore(store, read_only=True) as gs:
        assert len(gs.bulletins) == 5
