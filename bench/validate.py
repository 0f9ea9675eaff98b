"""`kg validate` against the build it checks: seconds at the sample, 1k and 10k articles.

    python bench/validate.py [SIZES ...] [--seed S] [--pyshacl-max TRIPLES] [--rudof-max TRIPLES]

SIZES: "sample" (data/) and article counts (default: sample 1000 10000). Per size, each in a fresh
child process, with wall and CPU seconds (CPU: the process and its children, all threads; steadier
than wall time on a shared machine) and peak memory:
  build      `kg build DIR --store S --no-views` (synthetic corpora from bench/synth.py, same seed)
  validate   `kg validate` with no memo (the engine runs) and again with it (an unchanged store)
  pySHACL    the reference, on the store as one graph, up to --pyshacl-max triples (default 400k: it
             takes minutes at 1k articles and would take hours at 10k); same results as ours?
  pyrudof    the rudof project's validator, when installed, up to --rudof-max triples; same results?
  bulletin   validate_bulletin on bulletins as the build writes them (ms each, median of up to 40)
and the ratio of `kg validate` to the build (CPU to CPU, wall to wall). Stores and their build times
are cached under $TMPDIR/kg-validate-bench (delete it to rebuild). Figures go to
bench/results/validate.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(tempfile.gettempdir()) / "kg-validate-bench"
OUT = ROOT / "bench" / "results" / "validate.json"
sys.path.insert(0, str(ROOT))


def child(task: str, **args) -> dict:
    """Run `validate.py --child TASK ARGS` in a fresh interpreter; its JSON answer plus wall seconds."""
    t = time.perf_counter()
    p = subprocess.run(
        [sys.executable, __file__, "--child", task, json.dumps(args)], capture_output=True, text=True
    )
    wall = time.perf_counter() - t
    if p.returncode not in (0, 1):
        return {"error": (p.stderr.strip().splitlines() or ["?"])[-1], "wall_s": wall}
    lines = [x for x in p.stdout.splitlines() if x.startswith("{")]
    return json.loads(lines[-1]) | {"wall_s": wall} if lines else {"error": "no answer", "wall_s": wall}


def _usage() -> dict:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu_s": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        "peak_mb": max(me.ru_maxrss, kids.ru_maxrss) / 1024,
    }


def task(name: str, a: dict) -> dict:
    """The child's side: one measured job."""
    from kg.store import GraphStore

    if name == "build":
        from kg.pipeline import build

        r = build([a["src"]], a["store"], render=False)
        return {"triples": r.triples, "articles": r.articles, "failures": len(r.failures)} | _usage()
    if name == "validate":
        from kg.validate import validate_store

        with GraphStore(a["store"], read_only=True) as gs:
            r = validate_store(gs, memo=a["memo"])
        keys = sorted(map(list, {f.result.key() for f in r.findings}))
        return {
            "conforms": r.conforms,
            "results": len(r.findings),
            "keys": keys,
            "triples": r.triples,
        } | _usage()
    if name == "pyshacl":
        from kg.validate import store_ntriples, validate_text

        with GraphStore(a["store"], read_only=True) as gs:
            nt = store_ntriples(gs)
        r = validate_text(nt, engine="pyshacl")
        return {
            "conforms": r.conforms,
            "keys": sorted(map(list, {f.result.key() for f in r.findings})),
        } | _usage()
    if name == "rudof":
        return _rudof(a["store"]) | _usage()
    if name == "bulletin":
        from kg.graph.triples import bulletin_nquads
        from kg.pipeline import ingest_file
        from kg.validate import validate_bulletin

        files = sorted(p for p in Path(a["src"]).rglob("*") if p.suffix in (".txt", ".md"))[: a["n"]]
        validate_bulletin(sum(bulletin_nquads(ingest_file(files[0])), []))  # shapes compiled once
        ms, bad = [], 0
        for f in files:
            lines = sum(bulletin_nquads(ingest_file(f)), [])
            t = time.process_time()
            bad += not validate_bulletin(lines).conforms
            ms.append((time.process_time() - t) * 1000)
        return {
            "bulletins": len(ms),
            "ms_median": statistics.median(ms),
            "ms_max": max(ms),
            "not_conforming": bad,
        }
    raise SystemExit(f"unknown task {name}")


def _rudof(store: str) -> dict:
    import pyrudof

    from kg import paths
    from kg.store import GraphStore
    from kg.validate import store_ntriples

    with GraphStore(store, read_only=True) as gs:
        nt = store_ntriples(gs)
    r = pyrudof.Rudof(pyrudof.RudofConfig())
    r.read_data(nt, format=pyrudof.RDFFormat.NTriples)
    r.read_shacl(paths.SHAPES.read_text(encoding="utf-8"))
    rep = r.validate_shacl()

    def nt_term(x) -> str | None:
        s = str(x) if x is not None else None
        return s if not s or s.startswith("<") or s.startswith("_:") else f"<{s}>"

    keys = {
        (
            nt_term(e.focus_node),
            nt_term(e.path),
            str(e.severity).rsplit("#", 1)[-1].strip(">"),
            str(e.constraint_component).rsplit("#", 1)[-1].strip(">"),
        )
        for e in rep.violations
    }
    return {"keys": sorted(map(list, keys))}


def store_for(size: str, seed: int) -> tuple[Path, dict]:
    """A built store for the size (cached with its build figures)."""
    d, meta_f = CACHE / f"store-{size}-s{seed}", CACHE / f"store-{size}-s{seed}.json"
    if meta_f.exists() and (d / "oxigraph").exists():
        return d, json.loads(meta_f.read_text())
    src = ROOT / "data" if size == "sample" else CACHE / f"corpus-{size}-s{seed}"
    if size != "sample" and not (src / ".synth.json").exists():
        from bench import synth

        synth.generate(src, int(size), seed)
    shutil.rmtree(d, ignore_errors=True)
    meta = child("build", src=str(src), store=str(d)) | {"src": str(src)}
    if "error" not in meta:
        meta_f.write_text(json.dumps(meta))
    return d, meta


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", default=["sample", "1000", "10000"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pyshacl-max", type=int, default=400_000)
    ap.add_argument("--rudof-max", type=int, default=400_000)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    opts = ap.parse_args()
    if opts.child:
        print(json.dumps(task(opts.child[0], json.loads(opts.child[1])), ensure_ascii=False))
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    figures = {}
    try:
        import pyrudof  # noqa: F401

        have_rudof = True
    except ImportError:
        have_rudof = False
    for size in opts.sizes:
        store, build = store_for(size, opts.seed)
        if "error" in build:
            print(f"{size}: build failed: {build['error']}", file=sys.stderr)
            continue
        memo = CACHE / f"memo-{size}.json"
        memo.unlink(missing_ok=True)
        cold = child("validate", store=str(store), memo=str(memo))
        warm = child("validate", store=str(store), memo=str(memo))
        row = {"triples": cold.get("triples"), "build": build, "cold": cold, "warm": warm}
        if (cold.get("triples") or 0) <= opts.pyshacl_max:
            ref = child("pyshacl", store=str(store))
            row["pyshacl"] = ref | {"same": ref.get("keys") == cold.get("keys")}
        if have_rudof and (cold.get("triples") or 0) <= opts.rudof_max:
            rud = child("rudof", store=str(store))
            row["rudof"] = rud | {"same": rud.get("keys") == cold.get("keys")}
        row["bulletin"] = child("bulletin", src=build["src"], n=40)
        figures[size] = row
        _print(size, row)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    slim = {
        s: {
            k: ({kk: vv for kk, vv in v.items() if kk != "keys"} if isinstance(v, dict) else v)
            for k, v in r.items()
        }
        for s, r in figures.items()
    }
    OUT.write_text(json.dumps(slim, ensure_ascii=False, indent=1))


def _s(r: dict | None, key: str = "cpu_s") -> str:
    if not r:
        return "-"
    if "error" in r:
        return "error"
    return f"{r[key]:.2f}"


def _print(size: str, r: dict) -> None:
    b, c, w = r["build"], r["cold"], r["warm"]
    print(
        f"\n== {size}: {r['triples']:,} triples, {c.get('results', '?')} results, conforms {c.get('conforms')}"
    )
    print(f"{'':22}{'wall s':>9}{'CPU s':>9}{'peak MB':>9}")
    for name, x in (("build (--no-views)", b), ("kg validate, no memo", c), ("kg validate, memo", w)):
        print(f"{name:22}{_s(x, 'wall_s'):>9}{_s(x):>9}{x.get('peak_mb', 0):>9.0f}")
    for name in ("pyshacl", "rudof"):
        if name in r:
            x = r[name]
            print(
                f"{name + ' (one graph)':22}{_s(x, 'wall_s'):>9}{_s(x):>9}{x.get('peak_mb', 0):>9.0f}"
                f"   same results as ours: {x.get('same')}"
            )
    if "cpu_s" in c and "cpu_s" in b:
        print(
            f"validate / build: CPU {c['cpu_s'] / b['cpu_s']:.2f}, wall {c['wall_s'] / b['wall_s']:.2f}"
            f"   (with memo: CPU {w['cpu_s'] / b['cpu_s']:.2f})"
        )
    bu = r.get("bulletin", {})
    if "ms_median" in bu:
        print(
            f"validate_bulletin: {bu['ms_median']:.1f} ms CPU median, {bu['ms_max']:.1f} max, "
            f"{bu['bulletins']} bulletins, {bu['not_conforming']} not conforming"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
