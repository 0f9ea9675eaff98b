"""A national graph on an existing engine: `kg push` into Virtuoso, then every bundled question there.

    python bench/virtuoso.py --store STORE                  # a store already built
    python bench/virtuoso.py --articles 29500 --seed 17     # synthesise and build it first (~15 min)
    python bench/virtuoso.py --show bench/results/virtuoso-latest.json

Starts a private Virtuoso (scripts/virtuoso.py, profile `server`, a fresh folder), pushes the store
with kg.sparql.push (wall time, triples/s, this process's and Virtuoso's CPU), then asks every
bundled question with its parameters bound as a user asks (values from the data, as bench/run.py
takes them) of Virtuoso and of the local store: first answer (Virtuoso compiles a new text), median
of the repeats, rows, and whether the answers are the same (kg.sparql.remote.differences). Prints
the figures with the ratio to the last run and writes bench/results/virtuoso-<tag>.json (and
virtuoso-latest.json). Timings are wall-clock on whatever else the machine runs: the load average
is recorded beside them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"


def _script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("kg_virtuoso_script", ROOT / "scripts" / "virtuoso.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _running(script, vdir: Path, port: int, profile: str):
    """The instance in `vdir`, started if it is not running (its data kept)."""
    if script._pid(vdir.resolve()) is None:
        return script.start(vdir, port, profile=profile)
    ini = vdir / "virtuoso.ini"
    http = int(script._ini_value(ini, "HTTPServer", "ServerPort").rsplit(":", 1)[1])
    sql = int(script._ini_value(ini, "Parameters", "ServerPort").rsplit(":", 1)[1])
    return script.Instance(vdir.resolve(), http, sql, (vdir / "kg.password").read_text().strip())


def build(articles: int, seed: int, work: Path) -> tuple[Path, dict]:
    corpus, store = work / f"corpus-{articles}-s{seed}", work / f"store-{articles}-s{seed}"
    if not corpus.exists():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "synth.py"),
                str(corpus),
                "--articles",
                str(articles),
                "--seed",
                str(seed),
            ],
            check=True,
        )
    t = time.perf_counter()
    if not store.exists():
        subprocess.run(["kg", "build", str(corpus), "--store", str(store), "--no-views"], check=True)
    return store, {"build_s": time.perf_counter() - t, "articles": articles, "seed": seed}


def push_figures(store: Path, inst, workers: int) -> dict:
    from kg.sparql.push import push
    from kg.store import GraphStore

    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="kg-bench-push-")  # no resume record
    pid = int((inst.dir / "virtuoso.lck").read_text().split("=", 1)[1].split()[0])
    with GraphStore(store, read_only=True) as gs:
        triples = gs.count_triples()
        v0, c0, t0 = _cpu_of(pid), time.process_time(), time.perf_counter()
        summary = push(gs, inst.endpoint, "kg", password=inst.password, workers=workers, timeout=600)
        wall = time.perf_counter() - t0
        cpu, vcpu = time.process_time() - c0, _cpu_of(pid) - v0
    size = sum(f.stat().st_size for f in inst.dir.glob("virtuoso*.db"))
    return {
        "triples": triples,
        "seconds": wall,
        "triples_per_s": triples / wall,
        "push_cpu_s": cpu,
        "virtuoso_cpu_s": vcpu,
        "virtuoso_db_mb": size / 1e6,
        "workers": workers,
        "summary": summary,
    }


def question_figures(store: Path, inst, reps: int, listing: bool) -> dict:
    from bench.run import _param_values
    from kg.sparql import compare, remote
    from kg.sparql.query import bundled
    from kg.store import GraphStore

    out: dict = {}
    with GraphStore(store, read_only=True) as gs:
        values = _param_values(gs)
        out["_values"] = values
        for b in bundled():
            binds = {p: values[p] for p in b.params if p in values}
            for key, bnd in [(b.name, binds)] + ([(b.name + ":all", {})] if listing and binds else []):
                local_ms, remote_ms, first_ms, diff, rows = [], [], None, None, None
                try:
                    for _ in range(reps):
                        t = time.perf_counter()
                        mine = compare.local(gs, b.name, bnd)
                        local_ms.append((time.perf_counter() - t) * 1000)
                    for i in range(reps + 1):
                        t = time.perf_counter()
                        theirs = remote.run(inst.sparql, b.name, bnd, timeout=900)
                        ms = (time.perf_counter() - t) * 1000
                        if i == 0:
                            first_ms = ms
                        else:
                            remote_ms.append(ms)
                    diff = compare.differences(b.name, mine, theirs)
                    rows = [len(mine.rows), len(theirs.rows)]
                except Exception as exc:  # noqa: BLE001 - a failing question is a figure too
                    diff = [f"{exc.__class__.__name__}: {' '.join(str(exc).split())[:200]}"]
                out[key] = {
                    "params": bnd,
                    "rows": rows,
                    "local_ms": statistics.median(local_ms) if local_ms else None,
                    "virtuoso_first_ms": first_ms,
                    "virtuoso_ms": statistics.median(remote_ms) if remote_ms else None,
                    "same": diff == [],
                    "differences": diff[:3],
                }
                print(
                    f"  {key}: {out[key]['rows']} rows, same={out[key]['same']}", file=sys.stderr, flush=True
                )
    return out


def table(result: dict, base: dict | None) -> str:
    def ratio(new, old):
        if not new or not old:
            return ""
        r = new / old
        return f"{r:.2f}×"

    bp = (base or {}).get("push", {})
    p = result["push"]
    lines = [
        f"Virtuoso {result['meta']['virtuoso']}, profile {result['meta']['profile']}, load {result['meta']['load']}"
    ]
    if p:
        lines.append(
            f"push: {p['triples']:,} triples in {p['seconds']:.0f} s = {p['triples_per_s']:,.0f} triples/s"
            + (f" ({ratio(p['seconds'], bp.get('seconds'))} the last run's time)" if bp else "")
            + f"; kg push CPU {p['push_cpu_s']:.0f} s,"
            f" Virtuoso CPU {p['virtuoso_cpu_s']:.0f} s, database {p['virtuoso_db_mb']:,.0f} MB"
        )
    lines += [
        "",
        f"{'question':34} {'rows':>13} {'local ms':>9} {'Virtuoso first':>15} {'Virtuoso ms':>12} {'vs last':>8}  same",
    ]
    bq = (base or {}).get("questions", {})
    for key, q in result["questions"].items():
        if key.startswith("_"):
            continue
        rows = "/".join(map(str, q["rows"])) if q["rows"] else "-"

        def f(x):
            return f"{x:,.0f}" if x is not None else "-"

        old = bq.get(key, {}).get("virtuoso_ms")
        lines.append(
            f"{key:34} {rows:>13} {f(q['local_ms']):>9} {f(q['virtuoso_first_ms']):>15} {f(q['virtuoso_ms']):>12}"
            f" {ratio(q['virtuoso_ms'], old):>8}  {'yes' if q['same'] else 'NO ' + '; '.join(q['differences'])[:80]}"
        )
    return "\n".join(lines)


def markdown(result: dict) -> str:
    """The questions as a Markdown table (for the READMEs)."""
    out = [
        "| question (bound as a user asks) | rows | local | Virtuoso, first | Virtuoso, again | same |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]

    def ms(x):
        return "–" if x is None else (f"{x / 1000:.1f} s" if x >= 1000 else f"{x:.0f} ms")

    for key, q in result["questions"].items():
        if key.startswith("_"):
            continue
        params = ", ".join(f"{k}={v}" for k, v in q["params"].items())
        rows = f"{q['rows'][0]:,}" if q["rows"] else "–"
        same = "yes" if q["same"] else "**no**: " + "; ".join(q["differences"])[:80]
        out.append(
            f"| {key} ({params}) | {rows} | {ms(q['local_ms'])} | {ms(q['virtuoso_first_ms'])} "
            f"| {ms(q['virtuoso_ms'])} | {same} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, help="a built store (else --articles/--seed build one)")
    ap.add_argument("--articles", type=int, default=29500)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-virtuoso")
    ap.add_argument("--port", type=int, default=28899)
    ap.add_argument("--profile", default="server")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--listing", action="store_true", help="also every question unbound (lists everything)")
    ap.add_argument("--keep", action="store_true", help="leave Virtuoso running (to query it afterwards)")
    ap.add_argument("--dir", type=Path, help="Virtuoso's folder (default WORK/virtuoso, emptied first)")
    ap.add_argument("--skip-push", action="store_true", help="ask the questions of what --dir already holds")
    ap.add_argument("--tag", default=dt.date.today().isoformat())
    ap.add_argument("--show", type=Path, help="print a saved result and exit")
    ap.add_argument("--markdown", action="store_true", help="with --show: the questions as a Markdown table")
    a = ap.parse_args(argv)
    latest = RESULTS / "virtuoso-latest.json"
    base = json.loads(latest.read_text(encoding="utf-8")) if latest.exists() else None
    if a.show:
        shown = json.loads(a.show.read_text(encoding="utf-8"))
        print(markdown(shown) if a.markdown else table(shown, None))
        return 0
    script = _script()
    a.work.mkdir(parents=True, exist_ok=True)
    built = {}
    store = a.store
    if store is None:
        store, built = build(a.articles, a.seed, a.work)
    vdir = a.dir or a.work / "virtuoso"
    load0 = os.getloadavg()
    if a.skip_push:
        inst = _running(script, vdir, a.port, a.profile)
        push = (base or {}).get("push", {})
    else:
        script.stop(vdir)
        subprocess.run(["rm", "-rf", str(vdir)], check=True)
        inst = script.start(vdir, a.port, profile=a.profile)
    version = subprocess.run(["virtuoso-t", "-?"], capture_output=True, text=True).stderr.split("\n")[1:2]
    try:
        if not a.skip_push:
            print("pushing…", file=sys.stderr, flush=True)
            push = push_figures(store, inst, a.workers)
            print(push["summary"], file=sys.stderr, flush=True)
        questions = question_figures(store, inst, a.reps, a.listing)
    finally:
        if not a.keep:
            script.stop(vdir)
    load1 = os.getloadavg()
    result = {
        "meta": {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "tag": a.tag,
            "store": str(store),
            "virtuoso": " ".join(version).strip(),
            "profile": a.profile,
            "cpus": os.cpu_count(),
            "load": f"{load0[0]:.1f} → {load1[0]:.1f}",
            **built,
        },
        "push": push,
        "questions": questions,
    }
    print(table(result, base))
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    (RESULTS / f"virtuoso-{a.tag}.json").write_text(text, encoding="utf-8")
    latest.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
