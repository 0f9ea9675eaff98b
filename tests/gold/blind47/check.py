#!/usr/bin/python3
"""Verify gold/blind47.json.  Prints ALL OK or the list of problems.

Run with the system python: /usr/bin/python3 check.py
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import build  # noqa: E402  (for S2T and bigram_share; build.main() is not run)

problems = []


def bad(msg):
    problems.append(msg)


with open(os.path.join(HERE, "gold", "blind47.json"), encoding="utf-8") as f:
    gold = json.load(f)
with open(os.path.join(HERE, "in", "practice_registry.json"), encoding="utf-8") as f:
    registry = json.load(f)

# --- top level ------------------------------------------------------------
if gold.get("name") != "blind47":
    bad("name is not blind47")
if gold.get("registry") != "in/practice_registry.json":
    bad("registry path wrong")
if set(gold.get("grades", {})) != {"1", "2", "3"}:
    bad("grades must describe 1, 2, 3")

S = gold.get("staffer_queries", [])
N = gold.get("news_queries", [])
P = gold.get("practice_queries", [])
if len(S) != 30:
    bad(f"staffer_queries: {len(S)} != 30")
if len(N) != 10:
    bad(f"news_queries: {len(N)} != 10")
if len(P) != 15:
    bad(f"practice_queries: {len(P)} != 15")

ids = [q.get("id") for q in S + N + P]
if len(ids) != len(set(ids)):
    bad("duplicate ids")
if [q["id"] for q in S] != [f"S{i}" for i in range(1, 31)]:
    bad("staffer ids not S1..S30 in order")
if [q["id"] for q in N] != [f"N{i}" for i in range(1, 11)]:
    bad("news ids not N1..N10 in order")
if [q["id"] for q in P] != [f"P{i}" for i in range(1, 16)]:
    bad("practice ids not P1..P15 in order")


def check_rel(qid, rel, allow_empty=False):
    if not isinstance(rel, dict):
        bad(f"{qid}: relevant is not a dict")
        return
    if not rel and not allow_empty:
        bad(f"{qid}: relevant is empty")
    for k, g in rel.items():
        if k not in registry:
            bad(f"{qid}: key {k} not in registry")
        if not isinstance(g, int) or isinstance(g, bool) or g not in (1, 2, 3):
            bad(f"{qid}: grade {g!r} for {k} not in 1..3")


# --- staffer queries ------------------------------------------------------
n_para = n_short = 0
weak = none = 0
for q in S:
    qid = q["id"]
    for fld in ("text", "target", "relevant", "length_class", "paraphrase", "bigram_share", "bigram_share_key"):
        if fld not in q:
            bad(f"{qid}: missing {fld}")
    check_rel(qid, q["relevant"], allow_empty=True)
    L = len(q["text"])
    if q["length_class"] == "short":
        n_short += 1
        if L >= 20:
            bad(f"{qid}: short but {L} chars")
    elif q["length_class"] == "long":
        if L < 20:
            bad(f"{qid}: long but {L} chars")
    else:
        bad(f"{qid}: bad length_class")
    if q["paraphrase"] is True:
        n_para += 1
        if not q["target"].startswith("paraphrase:"):
            bad(f"{qid}: paraphrase target must start with 'paraphrase'")
    elif q["paraphrase"] is not False:
        bad(f"{qid}: paraphrase must be bool")
    top = max(q["relevant"].values()) if q["relevant"] else 0
    if top == 2:
        weak += 1
    if top <= 1:
        none += 1
    # recompute bigram share
    share, key = build.best_share(q["text"], q["relevant"], registry)
    if share != q["bigram_share"] or key != q["bigram_share_key"]:
        bad(f"{qid}: bigram_share mismatch {q['bigram_share']}/{q['bigram_share_key']} vs {share}/{key}")
    if q["relevant"] and (q["bigram_share_key"] not in q["relevant"]):
        bad(f"{qid}: bigram_share_key not in relevant")
if n_para < 18:
    bad(f"only {n_para} paraphrases (< 18)")
if not (12 <= n_short <= 18):
    bad(f"short/long split unbalanced: {n_short} short")
# weak coverage: best grade 2, or only grade 1 although the target says WEAK
weak_targets = sum(1 for q in S if "WEAK" in q["target"])
none_targets = [q for q in S if "NOT COVERED" in q["target"]]
if not (3 <= weak_targets <= 4):
    bad(f"weak-coverage queries: {weak_targets}, want 3-4")
if len(none_targets) != 2:
    bad(f"not-covered queries: {len(none_targets)}, want 2")
for q in none_targets:
    if any(g > 1 for g in q["relevant"].values()):
        bad(f"{q['id']}: not-covered query holds a grade > 1")
for q in S:
    if "WEAK" in q["target"] and q["relevant"] and max(q["relevant"].values()) > 2:
        bad(f"{q['id']}: weak-coverage query holds a grade 3")

# --- news queries -----------------------------------------------------------
WANT_PROV = ["江西", "山西", "河北", "天津", "重庆", "海南", "江苏", "山东", "湖北", "陕西"]
if sorted(q.get("province", "") for q in N) != sorted(WANT_PROV):
    bad(f"provinces {[q.get('province') for q in N]} != {WANT_PROV}")
styles = [q.get("style") for q in N]
for s in styles:
    if s not in ("web", "traditional", "plain-prose", "yishi-ershi"):
        bad(f"bad style {s}")
if styles.count("web") != 2:
    bad("need exactly 2 web-style news items")
if styles.count("traditional") != 1:
    bad("need exactly 1 traditional news item")
WEB_MARKS = ("发布时间", "来源", "打印", "关闭", "上一篇", "下一篇")
for q in N:
    qid = q["id"]
    for fld in ("text", "target", "relevant", "province", "style"):
        if fld not in q:
            bad(f"{qid}: missing {fld}")
    check_rel(qid, q["relevant"])
    L = len(q["text"])
    if not (200 <= L <= 600):
        bad(f"{qid}: length {L} outside 200-600")
    if max(q["relevant"].values()) < 3:
        bad(f"{qid}: no measure matches a registry item at grade 3")
    if "measures" in q:
        merged = {}
        for m in q["measures"]:
            for k, g in m["grades"].items():
                merged[k] = max(merged.get(k, 0), g)
        if merged != q["relevant"]:
            bad(f"{qid}: relevant is not the per-key max over measures")
        if not (2 <= len(q["measures"]) <= 4):
            bad(f"{qid}: {len(q['measures'])} measures, want 2-4")
    if q["style"] == "web":
        hits = [m for m in WEB_MARKS if m in q["text"]]
        if len(hits) < 4:
            bad(f"{qid}: web item lacks page lines ({hits})")
    if q["style"] == "yishi-ershi" and not ("一是" in q["text"] and "二是" in q["text"]):
        bad(f"{qid}: yishi-ershi item lacks 一是/二是")
    if q["style"] == "traditional":
        src = q.get("text_simplified_source", "")
        if not src:
            bad(f"{qid}: traditional item lacks its simplified source")
        if src == q["text"]:
            bad(f"{qid}: traditional text identical to source")
        left = sorted({c for c in q["text"] if c in build.S2T})
        if left:
            bad(f"{qid}: simplified characters left in traditional text: {left}")
        back = {v: k for k, v in build.S2T.items()}
        if "".join(back.get(c, c) for c in q["text"]) != src:
            bad(f"{qid}: traditional text does not map back to its source")
        if src != build.N4_SIMPLIFIED:
            bad(f"{qid}: simplified source differs from build.py")
        if len(q["text"]) != len(src):
            bad(f"{qid}: traditional text length differs from source")

# --- practice queries -------------------------------------------------------
qkeys = [q["query"] for q in P]
if len(qkeys) != len(set(qkeys)):
    bad("duplicate practice query keys")
for q in P:
    qid = q["id"]
    if q["query"] not in registry:
        bad(f"{qid}: query {q['query']} not in registry")
        continue
    check_rel(qid, q["relevant"])
    if q["query"] in q["relevant"]:
        bad(f"{qid}: query key graded against itself")
scopes = [registry[k]["scope"] for k in qkeys if k in registry]
if scopes.count("article") < 4:
    bad(f"only {scopes.count('article')} article-scope practice queries")
if scopes.count("practice") < 1:
    bad("no practice-scope practice queries")
bulls = {registry[k]["bulletin"] for k in qkeys if k in registry}
if len(bulls) < 5:
    bad(f"practice queries span only {len(bulls)} bulletins")

if problems:
    for p in problems:
        print("PROBLEM:", p)
    sys.exit(1)
paras = [q["bigram_share"] for q in S if q["paraphrase"]]
print(f"staffer {len(S)} (paraphrase {n_para}, short {n_short}, weak {weak_targets}, not covered {len(none_targets)}), "
      f"news {len(N)}, practice {len(P)} (article {scopes.count('article')}, bulletins {len(bulls)})")
print(f"mean bigram_share of paraphrases: {sum(paras)/len(paras):.3f}")
print("ALL OK")
