"""The figures of the whole command a user types (issue 17): `kg build` with its views against plain
jieba on the same text, and the latency of `kg similar`, `kg query`, `kg stats` and `kg validate`
against a bare Python start. Called by bench/run.py (steps `whole` and `cli`).

- **Whole build ÷ jieba.** `kg.pipeline.build(render=True)` in a fresh process (what `kg build DIR`
  runs, views included) at 720 articles (the sample's five issues copied into 200 distinct issues,
  `sample_copies`) and at 10k (bench/synth.py); beside it `jieba.lcut` of the same article texts in
  one process (dictionary preloaded, a fresh Tokenizer), as bench/run.py's stages measure it. Wall
  and CPU (the process tree's user + system seconds) are both saved: the machine is shared, CPU is
  the steadier figure. The build's own phase timings (BuildReport.timings) are the measured reason
  for a miss.
- **Latency.** Each command in a fresh process, median of 5 after one warm-up, minus the median of
  `python -c pass`; its CPU seconds beside. A miss names what the process spent its time on: the
  slowest imports (`python -X importtime`) and the rest.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
COPIES = 40  # the sample's five issues × 40 = 200 issues, 720 articles
TEXT_QUERY = "谈心谈话"


def sample_copies(out: Path, copies: int = COPIES) -> Path:
    """The bundled sample's issues, each copied `copies` times with its issue number changed (第 N 期),
    so that every copy is a distinct bulletin (idempotent: an existing folder is kept)."""
    if out.is_dir() and len(list(out.glob("*.txt"))) == 5 * copies:
        return out
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for f in sorted((ROOT / "data").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        m = re.search(r"第\s*(\d+)\s*期", text)
        base = int(m.group(1)) if m else 0
        for i in range(copies):
            new = re.sub(r"第\s*\d+\s*期", f"第 {(i + 1) * 100 + base} 期", text, count=1)
            (tmp / f"{f.stem}-{i}.txt").write_text(new, encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return out


def _cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


# ---- child tasks (bench/run.py --child NAME) ------------------------------------------------------


def task_whole_build(a: dict[str, Any]) -> dict[str, Any]:
    """`kg build DIR` with its views, in this fresh process: wall, CPU of the tree, phase timings."""
    t0, c0 = time.perf_counter(), _cpu()
    import kg.pipeline as p

    r = p.build(a["inputs"], a["store"], views=a["views"], render=True)
    return {
        "seconds": time.perf_counter() - t0,
        "cpu_s": _cpu() - c0,
        "timings": {k: round(v, 3) for k, v in r.timings.items()},
        "articles": r.articles,
        "practices": r.practices,
        "links": r.links,
        "triples": r.triples,
        "failures": len(r.failures),
        "files": len(r.outputs),
    }


def task_jieba(a: dict[str, Any]) -> dict[str, Any]:
    """Plain jieba.lcut over the corpus's article texts (read and split untimed), one process."""
    import logging

    import jieba

    from kg.read import read_file
    from kg.split import split

    drafts = [split(read_file(f)) for f in sorted(Path(a["corpus"]).glob("*.txt"))]
    texts = [d.document.text[x.start : x.end] for d in drafts for x in d.articles]
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    t0, c0 = time.perf_counter(), time.process_time()
    tokens = sum(len(tok.lcut(x)) for x in texts)
    return {
        "seconds": time.perf_counter() - t0,
        "cpu_s": time.process_time() - c0,
        "articles": len(texts),
        "chars": sum(map(len, texts)),
        "tokens": tokens,
    }


CHILD_TASKS = {"whole_build": task_whole_build, "jieba": task_jieba}


# ---- the figures ------------------------------------------------------------------------------------


def bench_whole(R: dict, opts: Any, child, corpus, cache: Path, log) -> None:
    sizes = [("720", sample_copies(cache / f"sample-x{COPIES}"))]
    if not opts.quick:
        sizes.append(("10k", corpus(10_000, opts.seed)))
    for label, src in sizes:
        builds, jiebas = [], []
        runs = 1 if label == "10k" else opts.runs
        for _ in range(runs):  # build and jieba back to back, so both see the same neighbours
            tmp = Path(tempfile.mkdtemp(prefix="kgbench-whole-"))
            try:
                b = child(
                    "whole_build",
                    {"inputs": [str(src)], "store": str(tmp / "store"), "views": str(tmp / "views")},
                    timeout=opts.timeout,
                )
            finally:
                if label == "10k" and "error" not in b:  # kept for the latency figures at 10k
                    shutil.rmtree(cache / "whole-store-10k", ignore_errors=True)
                    shutil.move(str(tmp / "store"), str(cache / "whole-store-10k"))
                shutil.rmtree(tmp, ignore_errors=True)
            j = child("jieba", {"corpus": str(src)}, timeout=opts.timeout)
            if "error" in b or "error" in j:
                R[f"whole_build_{label}_vs_jieba"] = {"value": None, "note": b.get("error") or j.get("error")}
                break
            builds.append(b)
            jiebas.append(j)
            log(
                f"  {label}: build {b['wall_s']:.1f} s wall / {b['cpu_s']:.1f} s CPU, "
                f"jieba {j['seconds']:.1f} s / {j['cpu_s']:.1f} s CPU"
            )
        if not builds:
            continue
        wall = statistics.median(b["wall_s"] for b in builds)
        cpu = statistics.median(b["cpu_s"] for b in builds)
        jw = statistics.median(j["seconds"] for j in jiebas)
        jc = statistics.median(j["cpu_s"] for j in jiebas)
        R[f"whole_build_{label}_vs_jieba"] = {
            "value": wall / jw,
            "unit": "×",
            "cpu_ratio": cpu / jc,
            "build_wall_s": wall,
            "build_cpu_s": cpu,
            "jieba_wall_s": jw,
            "jieba_cpu_s": jc,
            "runs": [(b["wall_s"], b["cpu_s"]) for b in builds],
            "timings": builds[0]["timings"],
            "articles": builds[0]["articles"],
            "triples": builds[0]["triples"],
            "files": builds[0]["files"],
            "peak_pss_mb": builds[0].get("peak_pss_mb"),
            "note": "fresh process, views included; wall ÷ jieba wall (cpu_ratio: CPU ÷ jieba CPU)",
        }


def _timed(cmd: list[str], env: dict[str, str], n: int = 5) -> tuple[float, float]:
    """(median wall, median CPU of the child) of `cmd` over n runs after one warm-up."""
    subprocess.run(cmd, capture_output=True, check=False, env=env)
    walls, cpus = [], []
    for _ in range(n):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False, env=env)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def _imports(cmd: list[str], env: dict[str, str], top: int = 3) -> list[tuple[str, float]]:
    """The slowest top-level imports of one run of `cmd` (python -X importtime), in seconds."""
    res = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kg", *cmd[1:]],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    found = []
    for line in res.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\s*)(\S+)", line)
        if m and len(m.group(2)) <= 1:  # a top-level import (or one level down)
            found.append((m.group(3).strip(), int(m.group(1)) / 1e6))
    return sorted(found, key=lambda x: -x[1])[:top]


def commands(locality: str) -> dict[str, list[str]]:
    return {
        "similar_text": ["kg", "similar", "--text", TEXT_QUERY],
        "similar_locality": ["kg", "similar", locality],
        "query": ["kg", "query", "practices-by-locality", "-p", f"locality={locality}"],
        "stats": ["kg", "stats"],
        "validate": ["kg", "validate"],
    }


def bench_cli(R: dict, opts: Any, stores: dict[str, Path], env: dict[str, str], log) -> None:
    kg_exe = shutil.which("kg", path=str(Path(sys.executable).parent)) or "kg"
    # as an installed package runs: modules byte-compiled once (the warm-up run writes them), not compiled
    # from source at every start as under PYTHONDONTWRITEBYTECODE (0.2-0.4 s of CPU a command here)
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    bare_wall, bare_cpu = _timed([sys.executable, "-c", "pass"], env)
    R["cli_bare_python_s"] = {"value": bare_wall, "unit": "s", "cpu_s": bare_cpu}
    for label, store in stores.items():
        e = dict(env, KG_STORE=str(store))
        locality = _busiest_locality(store)
        for name, cmd in commands(locality).items():
            if name == "validate" and label != "sample":
                continue  # its own bench (bench/validate.py): tens of seconds at 10k
            wall, cpu = _timed([kg_exe, *cmd[1:]], e)
            entry = {
                "value": wall - bare_wall,
                "unit": "s",
                "wall_s": wall,
                "cpu_s": cpu,
                "cpu_over_python_s": cpu - bare_cpu,
                "cmd": " ".join(cmd),
            }
            if wall - bare_wall > LIMITS[label]:
                entry["imports"] = _imports(cmd, e)
            R[f"cli_{name}_{label}_s"] = entry
            log(f"  {label} {' '.join(cmd)}: +{wall - bare_wall:.2f} s wall, {cpu:.2f} s CPU")


LIMITS = {"sample": 0.3, "10k": 1.0}


def _busiest_locality(store: Path) -> str:
    from kg.store import GraphStore

    q = (
        "SELECT ?l (COUNT(?p) AS ?n) WHERE { ?p a ckg:Practice ; ckg:locality ?x . ?x rdfs:label ?l } "
        "GROUP BY ?l ORDER BY DESC(?n) LIMIT 1"
    )
    with GraphStore(store, read_only=True) as gs:
        for row in gs.query(q):
            return str(row[0].value)
    return "太湖县"


def why_whole(R: dict, e: dict) -> str:
    t = e.get("timings") or {}
    parts = ", ".join(f"{k} {v:.1f} s" for k, v in t.items())
    jw = e["jieba_wall_s"]
    ingest = t.get("ingest and write", 0.0)
    return (
        f"build {e['build_wall_s']:.1f} s wall / {e['build_cpu_s']:.1f} s CPU vs jieba {jw:.1f} s / "
        f"{e['jieba_cpu_s']:.1f} s CPU; phases: {parts}; reading, extracting and writing the graph alone "
        f"is {ingest / jw:.1f}× jieba"
    )


def why_cli(R: dict, e: dict) -> str:
    imports = ", ".join(f"{m} {s:.2f} s" for m, s in e.get("imports") or [])
    return (
        f"{e['wall_s']:.2f} s wall, {e['cpu_s']:.2f} s CPU ({e['cpu_over_python_s']:.2f} s over Python's own)"
        + (f"; slowest imports: {imports}" if imports else "")
    )


def os_env_note() -> str:
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
