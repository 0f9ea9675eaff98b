"""Similarity linking at scale: time and peak memory on a synthetic corpus of practices.

    python bench/similarity_scale.py [SIZES ...] [--seed S] [--no-store] [--no-stage]

Default sizes 1000 10000 100000. Practices are recombined from the phrase banks of bench/synth.py
(measures, mechanisms, targets, outcomes of the 选育管用 themes, real county names), in articles of 2-5
practices of one locality, with target groups and types from the real extractor (kg.extract.concepts), so
the corpus is not the sample repeated. Generated rows are cached under $TMPDIR/kg-simscale/.

End to end (the default; --no-store skips it): the practices are written into an Oxigraph store (one
bulletin per 50 articles; not timed, cached), then a fresh child process opens a copy and runs
kg.link.stage, as `kg build` does. Reported per part:
  read      SPARQL read of every practice (text, article lead, locality, concepts, date)
  tokenise  term bags (jieba dictionary + vocabulary labels; segmenter start-up excluded)
  score     the model (TF-IDF matrix, type profiles, concept spaces, embeddings) and each practice's top
            links (candidates + re-scoring)
  drop      the previous links graph removed
  write     each link's reasons, N-Triples, one streamed bulk load into Oxigraph
  save      the link state for incremental relinks (model + top lists, pickled)
  total     all of it (cpu: the process's CPU seconds, all threads: steadier than wall time on a busy
            machine); peak MB = the child's peak resident memory, store and practices included
In memory (the stage alone, --no-stage skips it): rows -> bags -> model -> top-k -> reasons and links
text, without a store, with
  recall    share of the exact top-5 (all pairs scored, on 300 sampled practices) the candidates found,
            and the mean score of the links found over that of the exact top-5 (near-ties are common)
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
CACHE = Path(tempfile.gettempdir()) / "kg-simscale"


def make_rows(n: int, seed: int):
    """n synthetic LinkRows (cached)."""
    from kg.catalog.rows import LinkRow

    path = CACHE / f"rows-{n}-{seed}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    import synth

    from kg.extract.concepts import classify_types, find_targets
    from kg.graph import iris

    rng = random.Random(seed)
    _cities, counties = synth.divisions()
    rows: list[LinkRow] = []
    art = 0
    while len(rows) < n:
        art += 1
        county = rng.choice(counties)
        themes = [rng.choice(synth.THEME_NAMES) for _ in range(2)]
        th = synth.THEMES[themes[0]]
        ctx = {
            "target": rng.choice(th["targets"]),
            "brand": synth.brand(rng),
            "where": county.name,
            "where_short": county.name,
        }
        title = f"{county.name}：{rng.choice(synth.VERBS_HEAD)}{rng.choice(th['mechs']).strip('“”')}，{rng.choice(th['goals'])}"
        date = f"{rng.choice(synth.YEARS)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        style = rng.randint(0, 3)
        for k in range(min(rng.randint(2, 5), n - len(rows))):
            t = synth.THEMES[themes[k % 2]]
            head = synth.practice_heading(rng, t, ctx, style)
            text = f"{head}。{synth.practice_text(rng, t, ctx, outcome=rng.random() < 0.5)}"
            rows.append(
                LinkRow(
                    iri=f"{iris.BASE}practice/synth-{art:07d}-{k}",
                    graph=f"{iris.BASE}graph/bulletin/synth-{art // 50:06d}",
                    group=f"{iris.BASE}locality/{county.code}",
                    locality=f"{iris.BASE}locality/{county.code}",
                    article=f"{iris.BASE}article/synth-{art:07d}",
                    text=text,
                    title=title,
                    date=date,
                    brand=ctx["brand"] if rng.random() < 0.2 else None,
                    targets=tuple(sorted({iris.target_group(h.concept) for h in find_targets(text)})),
                    types=tuple(sorted({iris.practice_type(c) for c in classify_types(text, head)})),
                )
            )
    rows.sort(key=lambda r: r.iri)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(rows))
    return rows


def scheme():
    """The vocabularies' concept scheme, read the way relink reads it (from a store's vocab graph)."""
    from kg import paths
    from kg.catalog.scheme import read_scheme
    from kg.graph import iris
    from kg.store import GraphStore

    with GraphStore(tempfile.mkdtemp(prefix="kg-simscale-vocab-"), create=True) as gs:
        for ttl in [paths.ONTOLOGY, *sorted(paths.VOCAB_DIR.glob("*.ttl"))]:
            gs.load_turtle(ttl, iris.GRAPH_VOCAB)
        return read_scheme(gs)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def recall(m, tops, sample: int = 300, seed: int = 0) -> tuple[float, float]:
    """(share of the exact top-5 found, mean score of the found top-5 / mean score of the exact top-5),
    exact = every pair scored, on `sample` practices. On a recombined corpus many pairs tie or nearly
    tie, so the second figure says more about what a reader loses."""
    from kg.link.engine import rank_row

    rng = random.Random(seed)
    rows = sorted(rng.sample(range(m.n), min(sample, m.n)))
    hit = total = 0
    got_sum = exact_sum = 0.0
    for i in rows:
        ranked = rank_row(m, i, m.params.top_k)  # every pair (i, j) scored as the links are
        best = [(k, s) for k, s in ranked if s >= m.link_threshold]
        exact = {k for k, _ in best}
        got = {x for x, _ in tops.get(i, [])}
        hit += len(exact & got)
        total += len(exact)
        exact_sum += float(sum(s for _, s in best))
        got_sum += float(sum(v for _, v in tops.get(i, [])))
    return (hit / total if total else 1.0), (got_sum / exact_sum if exact_sum else 1.0)


def child(n: int, seed: int, semantic: bool = True) -> dict:
    """The link stage in memory (no store; with the semantic layer, its word table in a fresh folder, so
    the teacher embeds every word the shipped base lacks: the cost of a first build)."""
    from kg.link.bags import compute_bags
    from kg.link.engine import compute_tops
    from kg.link.model import Model
    from kg.link.pairs import iter_links, link_pairs
    from kg.link.text import get_analyzer
    from kg.link.write import link_lines

    rows = make_rows(n, seed)
    sch = scheme()
    get_analyzer()  # segmenter start-up is not part of the stage's scaling
    out: dict = {"n": n, "rss_rows_mb": round(rss_mb())}
    c0 = time.process_time()
    t0 = time.perf_counter()
    bags = compute_bags(rows, None)
    t1 = time.perf_counter()
    c1 = time.process_time()
    from kg.link.model import Params

    sem = tempfile.mkdtemp(prefix="kg-simscale-sem-") if semantic else None
    m = Model(rows, bags, sch, Params(semantic=semantic), semantic=sem)
    t2 = time.perf_counter()
    c2 = time.process_time()
    tops = compute_tops(m)
    t3 = time.perf_counter()
    c3 = time.process_time()
    pairs = link_pairs(m, tops)
    text = sum(len(s) for s in link_lines(iter_links(m, pairs)))  # streamed, as relink writes them
    t4 = time.perf_counter()
    c4 = time.process_time()
    out["cpu_s"] = {
        "tokenise": round(c1 - c0, 1),
        "fit": round(c2 - c1, 1),
        "top-k": round(c3 - c2, 1),
        "links": round(c4 - c3, 1),
        "total": round(c4 - c0, 1),
    }
    if m.sem is not None:
        out["cpu_s"]["of which embeddings"] = round(m.sem.fit_cpu, 1)
    out.update(
        tokenise_s=round(t1 - t0, 1),
        fit_s=round(t2 - t1, 1),
        topk_s=round(t3 - t2, 1),
        links_s=round(t4 - t3, 1),
        total_s=round(t4 - t0, 1),
        links=len(pairs),
        text_mb=round(text / 1e6),
        terms=len(m.terms),
        peak_mb=round(rss_mb()),
    )
    rec, ratio = recall(m, tops.as_dict())
    out["recall_at_5"], out["score_ratio"] = round(rec, 3), round(ratio, 3)
    return out


def pristine_store(n: int, seed: int) -> Path:
    """A store holding the practices (one bulletin per 50 articles) and no links (cached)."""
    import datetime as dt
    from collections import defaultdict

    from kg.link import synthetic as syn
    from kg.store import GraphStore

    folder = CACHE / f"store-{n}-{seed}"
    if (folder / "done").exists():
        return folder
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    rows = make_rows(n, seed)
    by_graph = defaultdict(list)
    for r in rows:
        by_graph[r.graph].append(r)
    with GraphStore(folder, create=True) as gs:
        bulletins = []
        for g, rs in sorted(by_graph.items()):
            items = [syn.Item(locality=r.group.rsplit("/", 1)[-1], text=r.text, title=r.title) for r in rs]
            bulletins.append(syn.bulletin(g.rsplit("/", 1)[-1], items, dt.date.fromisoformat(rs[0].date)))
        syn.write(gs, bulletins)
        gs.save_manifest()
    (folder / "done").write_text("ok")
    return folder


def child_store(folder: str) -> dict:
    """kg.link.stage end to end on a store (a fresh copy, in a fresh process)."""
    from kg.link.stage import relink
    from kg.link.text import get_analyzer
    from kg.store import GraphStore

    get_analyzer()
    parts: dict[str, float] = {}
    rss0 = rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    with GraphStore(folder) as gs:
        try:
            n_links = relink(gs, timings=parts)
        except TypeError:  # an older kg.link without per-part timings (for before/after runs)
            n_links = relink(gs)
        quads = len(gs.db)
    total, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "cpu_s": round(cpu, 1),
        "parts": {k: round(v, 1) for k, v in parts.items()},
        "total_s": round(total, 1),
        "links": n_links,
        "quads": quads,
        "peak_mb": round(rss_mb()),
        "start_mb": round(rss0),
    }


def _run(args: list[str]) -> dict:
    res = subprocess.run(
        [sys.executable, __file__, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    if res.returncode:
        raise SystemExit(res.stderr[-3000:])
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-store", action="store_true", help="skip the end-to-end run through Oxigraph")
    ap.add_argument("--no-stage", action="store_true", help="skip the in-memory run (and its recall)")
    ap.add_argument("--lexical", action="store_true", help="the semantic layer off (as before it)")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--child-store", help=argparse.SUPPRESS)
    ap.add_argument("--make-store", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(child(a.child, a.seed, not a.lexical)))
        return 0
    if a.child_store:
        print(json.dumps(child_store(a.child_store)))
        return 0
    if a.make_store:
        print(json.dumps({"store": str(pristine_store(a.make_store, a.seed))}))
        return 0
    import shutil

    if not a.no_store:
        print("end to end (store -> rows -> model -> links -> Oxigraph), seconds per part:")
        print(
            f"{'practices':>9} {'read':>6} {'tokenise':>8} {'score':>6} {'drop':>6} {'write':>6} {'save':>6}"
            f" {'total':>7} {'cpu':>7} {'links':>8} {'quads':>9} {'peak MB':>8}"
        )
        for n in a.sizes:
            make_rows(n, a.seed)
            src = Path(_run(["--make-store", str(n), "--seed", str(a.seed)])["store"])
            work = Path(tempfile.mkdtemp(prefix="kg-simscale-run-")) / "store"
            shutil.copytree(src, work)
            try:
                r = _run(["--child-store", str(work)])
            finally:
                shutil.rmtree(work.parent, ignore_errors=True)
            p = r["parts"]
            print(
                # score: the model's fit and every practice's top links (relink's own laps)
                f"{n:>9} {p.get('read', 0):>5}s {p.get('tokenise', 0):>7}s {p.get('score', 0):>5}s"
                f" {p.get('drop', 0):>5}s {p.get('write', 0):>5}s {p.get('save', 0):>5}s {r['total_s']:>6}s"
                f" {r['cpu_s']:>6}s {r['links']:>8} {r['quads']:>9} {r['peak_mb']:>8}",
                flush=True,
            )
    if not a.no_stage:
        print("in memory (the stage alone, no store), seconds per part:")
        print(
            f"{'practices':>9} {'tokenise':>9} {'fit':>6} {'top-k':>7} {'links':>7} {'total':>7} {'links':>8}"
            f" {'peak MB':>8} {'recall@5':>9} {'score ratio':>11}"
        )
        for n in a.sizes:
            make_rows(n, a.seed)  # generate outside the measured child
            r = _run(["--child", str(n), "--seed", str(a.seed), *(["--lexical"] if a.lexical else [])])
            print(
                f"{n:>9} {r['tokenise_s']:>8}s {r['fit_s']:>5}s {r['topk_s']:>6}s {r['links_s']:>6}s {r['total_s']:>6}s"
                f" {r['links']:>8} {r['peak_mb']:>8} {r['recall_at_5']:>9} {r['score_ratio']:>11}",
                flush=True,
            )
            print(f"{'':>9} CPU s: {json.dumps(r['cpu_s'])}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
