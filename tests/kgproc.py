"""Helpers of the reliability tests: run `kg` in a child process (with fault points, memory bounds,
signals) and check that a store is whole."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SAMPLE = sorted(DATA.glob("*.txt"))


def env(**extra: str) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("KG_FAULT", "KG_STORE")}
    e.update(PYTHONUNBUFFERED="1", **extra)
    return e


def kg(*args: str, fault: str | None = None, timeout: float = 180, memory_mb: int | None = None, **extra):
    """`python -m kg ARGS` to completion; `fault` sets KG_FAULT; `memory_mb` bounds its address space."""
    e = env(**extra)
    if fault:
        e["KG_FAULT"] = fault
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)],
        capture_output=True,
        text=True,
        env=e,
        timeout=timeout,
        preexec_fn=_bound(memory_mb) if memory_mb else None,
    )


def start(*args: str, fault: str | None = None, **extra) -> subprocess.Popen:
    e = env(**extra)
    if fault:
        e["KG_FAULT"] = fault
    return subprocess.Popen(
        [sys.executable, "-m", "kg", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=e,
    )


def _bound(mb: int):
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (mb << 20, mb << 20))

    return limit


def killed(res: subprocess.CompletedProcess) -> bool:
    return res.returncode == -9


def wait_for(cond, within: float = 60.0, every: float = 0.05) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(every)
    return bool(cond())


def children(pid: int) -> list[int]:
    """Every descendant of a process (from /proc)."""
    kids: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [pid]
    while todo:
        for k in kids.get(todo.pop(), []):
            out.append(k)
            todo.append(k)
    return out


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended


def one_line(text: str) -> bool:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return len(lines) == 1 and "Traceback" not in text


def no_traceback(res: subprocess.CompletedProcess) -> bool:
    return "Traceback" not in res.stderr and "Traceback" not in res.stdout


def held(store: Path) -> dict:
    """The manifest of the store's current generation (through the public reader)."""
    from kg.store import GraphStore

    with GraphStore(store, read_only=True) as gs:
        return json.loads(json.dumps(gs.manifest))


def check_whole(store: Path, keys: set[str] | None = None) -> dict:
    """The store opens, and what its manifest says is what its graph holds: every bulletin's named graph
    with its articles, the vocabularies, and as many link nodes as recorded. Returns the manifest."""
    from kg.graph import iris
    from kg.store import GraphStore

    with GraphStore(store, read_only=True) as gs:
        m = gs.manifest
        held_keys = set(m["bulletins"])
        if keys is not None:
            assert held_keys == keys, (held_keys, keys)
        graphs = {r["g"].value for r in gs.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
        for k, entry in m["bulletins"].items():
            assert iris.bulletin_graph(k) in graphs, k
            q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iris.bulletin_graph(k)}> {{ ?a a ckg:Article }} }}"
            assert int(next(iter(gs.query(q)))["n"].value) == entry["articles"], k
        assert iris.GRAPH_VOCAB in graphs
        bulletin_graphs = {g for g in graphs if g.startswith(iris.bulletin_graph(""))}
        assert bulletin_graphs == {iris.bulletin_graph(k) for k in held_keys}
        q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iris.GRAPH_LINKS}> {{ ?l ckg:fromPractice ?a }} }}"
        assert int(next(iter(gs.query(q)))["n"].value) == m.get("links", 0)
        return json.loads(json.dumps(m))


def leftovers(store: Path) -> list[str]:
    """What a store folder holds besides its pointer, lock and current generation (and views, queries.html,
    the semantic layer's word table `semantic/`, kept across generations)."""
    if not store.exists():
        return []
    cur = (store / "CURRENT").read_text().strip() if (store / "CURRENT").exists() else None
    keep = {
        "CURRENT",
        "LOCK",
        "visualizations",
        "queries.html",
        "stats.json",
        "names.json",
        "validation.json",
        "semantic",
        cur,
    }
    return sorted(p.name for p in store.iterdir() if p.name not in keep)


def keys_of(files) -> set[str]:
    from kg.pipeline import ingest_file

    return {ingest_file(f).key for f in files}


def renumbered(src: Path, out: Path, n: int) -> list[Path]:
    """n distinct bulletins: the sample's issues with their issue numbers changed (第 N 期)."""
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        f = SAMPLE[i % len(SAMPLE)]
        text = f.read_text(encoding="utf-8")
        text = re.sub(r"第\s*\d+\s*期", f"第{100 + i}期", text, count=1)
        target = out / f"b{i:03d}.txt"
        target.write_text(text, encoding="utf-8")
        files.append(target)
    return files
