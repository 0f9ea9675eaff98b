"""Peak memory of one build, stage by stage: where a big build's memory goes.

    python bench/memory_timeline.py CORPUS_DIR [--workers N]

Builds CORPUS_DIR (e.g. one written by `bench/synth.py`) into a temporary store, without views, and prints
one line per progress step and link-stage part: seconds since start, the summed PSS of this process and its
workers, this process's own PSS, and the peak so far with the stage it happened in. `bench/run.py`'s memory
figure is the same peak (PSS of the process tree, sampled every 0.3 s); this shows what it is made of.
"""

from __future__ import annotations

import argparse
import importlib
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import run as bench  # noqa: E402  (the process-tree memory sampler)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--workers", type=int)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    stage, peak = ["start"], [0, "start"]

    def mem() -> tuple[int, int]:
        tree = sum(bench._mem_kb(p)[0] for p in bench._tree(os.getpid()))
        return tree // 1024, bench._mem_kb(os.getpid())[0] // 1024

    def sample() -> None:
        while True:
            tree, _ = mem()
            if tree > peak[0]:
                peak[0], peak[1] = tree, stage[0]
            time.sleep(0.3)

    def event(name: str) -> None:
        tree, me = mem()
        if tree > peak[0]:
            peak[0], peak[1] = tree, stage[0]
        stage[0] = name
        print(
            f"{time.perf_counter() - t0:8.1f} s  tree {tree:6d} MB  self {me:6d} MB  {name}"
            f"  (peak {peak[0]} MB, in {peak[1]})",
            flush=True,
        )

    threading.Thread(target=sample, daemon=True).start()
    stage = importlib.import_module("kg.link.stage")
    lap = stage._Clock.lap

    def timed_lap(self, name: str) -> None:
        lap(self, name)
        event(f"link: {name}")

    stage._Clock.lap = timed_lap
    last = [0]

    def progress(name: str, done: int, total: int) -> None:
        if name != "读取" or done - last[0] >= max(1, total // 10) or done == total:
            last[0] = done
            event(f"{name} {done}/{total}")

    from kg import pipeline

    out = Path(tempfile.mkdtemp(prefix="kg-memtl-")) / "store"
    try:
        rep = pipeline.build([args.corpus], out, render=False, progress=progress, workers=args.workers)
        event("done: " + rep.summary())
    finally:
        shutil.rmtree(out.parent, ignore_errors=True)
    print(
        f"peak {peak[0]} MB (process tree PSS) in {peak[1]}; "
        f"max RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
