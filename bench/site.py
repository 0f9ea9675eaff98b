"""Render the view site (kg.site) of one or more stores and print what it costs.

    python bench/site.py STORE [STORE ...] [--out DIR] [--runs 3]

For each store: reading the records from the store (SPARQL), then the render proper from those records
(site model, data files, writing) into an empty folder, then the same render again (nothing changed:
nothing should be written), with wall and CPU seconds (medians of --runs); the site's size on disk,
its file count, and how many files of each size.

Stores: `kg build DIR --store S --no-views` over the sample copied into 200 issues (720 articles) or
over a synthetic corpus (`python bench/synth.py OUT --articles 10000 --seed 1`).
Timings on a shared machine are noisy; CPU seconds are the steadier figure.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = [(10_000, "< 10 KB"), (100_000, "10–100 KB"), (1_000_000, "100 KB–1 MB"), (float("inf"), "≥ 1 MB")]


def timed(fn):
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def bench(store: Path, out_root: Path, runs: int) -> dict:
    from kg.site import places, read_records, render_report

    records, read_wall, read_cpu = timed(lambda: read_records(store))
    cold, warm = [], []
    for n in range(runs):
        out = out_root / f"{store.name}-{n}"
        if out.exists():
            shutil.rmtree(out)
        rep, wall, cpu = timed(lambda out=out: render_report(records, out))
        cold.append((wall, cpu, rep))
        again, wall2, cpu2 = timed(lambda out=out: render_report(records, out))
        assert not again.written, again.written  # an unchanged site writes nothing
        warm.append((wall2, cpu2))
    files = [f for f in out.rglob("*") if f.is_file()]
    sizes = [f.stat().st_size for f in files]
    buckets = {label: 0 for _, label in SIZES}
    for s in sizes:
        buckets[next(label for top, label in SIZES if s < top)] += 1
    steps = {k: median([r.seconds[k] for _, _, r in cold]) for k in ("model", "data", "write")}
    return {
        "store": str(store),
        "practices": len(records.practices),
        "places": len(places.index(records).ids),
        "links": len(records.links),
        "read_wall": read_wall,
        "read_cpu": read_cpu,
        "render_wall": median([w for w, _, _ in cold]),
        "render_cpu": median([c for _, c, _ in cold]),
        "steps": steps,
        "again_wall": median([w for w, _ in warm]),
        "again_cpu": median([c for _, c in warm]),
        "mb": sum(sizes) / 1e6,
        "files": len(files),
        "buckets": buckets,
        "biggest": sorted(
            ((s, str(f.relative_to(out))) for f, s in zip(files, sizes, strict=True)), reverse=True
        )[:3],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stores", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, help="where to render (default: a temporary folder, removed)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    root = args.out or Path(tempfile.mkdtemp(prefix="kg-site-bench-"))
    try:
        for store in args.stores:
            r = bench(store, root, max(1, args.runs))
            s = r["steps"]
            print(f"== {r['store']}: {r['practices']} practices, {r['places']} places, {r['links']} links")
            print(
                f"   read the records (SPARQL)      {r['read_wall']:6.2f} s wall  {r['read_cpu']:6.2f} s CPU"
            )
            print(
                f"   render from records           {r['render_wall']:6.2f} s wall  {r['render_cpu']:6.2f} s CPU"
                f"   (model {s['model']:.2f}, data files {s['data']:.2f}, write {s['write']:.2f})"
            )
            print(
                f"   render again, nothing changed {r['again_wall']:6.2f} s wall  {r['again_cpu']:6.2f} s CPU"
            )
            print(
                f"   on disk: {r['mb']:.1f} MB in {r['files']} files; "
                + ", ".join(f"{k}: {v}" for k, v in r["buckets"].items())
            )
            print("   biggest: " + ", ".join(f"{name} {size / 1e6:.1f} MB" for size, name in r["biggest"]))
    finally:
        if args.out is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
