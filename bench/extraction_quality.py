#!/usr/bin/env python
"""Extraction quality against the hand-made gold in tests/gold/*.json.

    python bench/extraction_quality.py [-v] [--gold DIR]

Prints precision / recall / F1 per entity type (localities, codes, documents, targets, outcomes, outcome
labels) separately for the tuning bulletins, the held-out ones and the bulletin written for the bench (split
"own"). `-v` lists every miss and every false hit per article.

Outcome labels ("labels"): an outcome the gold marks for display (a `label`, not `"display": false`) is found
when the extractor finds the figure, marks it displayable and labels it like the gold: the two labels share
at least half their character bigrams (Dice >= 0.5) or one contains the other and is at least half as long.
A displayable prediction with no such gold is a false hit (a label a reader would not understand, or a figure
the gold keeps out of display).

Articles are located with a small local splitter (lines starting with △, or speech headings followed by a
中共…委组织部 byline), not with kg.split, so the figures measure the extractors alone.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.concepts import find_targets  # noqa: E402
from kg.extract.documents import find_documents  # noqa: E402
from kg.extract.localities import city_of_bulletin, find_localities, gazetteer, leading_locality  # noqa: E402
from kg.extract.outcomes import find_outcomes  # noqa: E402

ENTITIES = ("localities", "codes", "documents", "targets", "outcomes", "labels")
SPLITS = ("tuning", "heldout", "own")
_FOOTER = re.compile(r"^\s*(?:报|送|发)\s*[:：]")
_SECTION = re.compile(
    r"^\s*[#★\s]*(?:市内信息|市外参考|县内信息|外地经验|【[^】]{2,8}】)\s*$"
)  # (a column heading alone)
_BRACKETED_ITEM = re.compile(r"^\s*【[^】]{2,12}】\S")


# ---- a local normaliser and splitter ------------------------------------------------------------


def normalise(text: str) -> str:
    """Enough of the read stage for the extractors: one line, no PDF spaces, full-width punctuation."""
    text = re.sub(r"\*\*|^#+\s*|^-{3,}\s*$", "", text, flags=re.M)
    from kg.read.normalize import flat_text

    text = flat_text(text)  # one line, but a table's rows (cells apart by tabs) a line each
    text = re.sub(r"(?<=[^\x00-\x7f])[ \u3000]+|[ \u3000]+(?=[^\x00-\x7f])", "", text)
    # a number the conversion broke (1 136名, 2 1 5名), joined as the read stage joins it (kg/read/normalize.py)
    text = re.sub(
        r"(?<=[^\x00-\x7f])[0-9]+(?:[ \t]+[0-9]{1,3})+(?=[^\x00-\x7f])",
        lambda m: re.sub(r"[ \t]+", "", m.group(0)),
        text,
    )
    text = re.sub(r"(?<!\d),|,(?!\d)", "，", text)
    text = re.sub(r"(?<!\d):|:(?!\d)", "：", text)
    text = text.replace(";", "；").replace("(", "（").replace(")", "）")
    out, is_open = [], True
    for ch in text:
        if ch == '"':
            out.append("“" if is_open else "”")
            is_open = not is_open
        else:
            out.append(ch)
    return "".join(out)


def split_articles(raw: str) -> list[tuple[str, str]]:
    """(title, text) of each article: △ items, 【title】 items, or speeches (heading + 中共…组织部 byline)."""
    lines = raw.splitlines()
    starts, kind = [], "item"
    contents = False  # under 本期要目 up to its first blank line: entries, not items (△ 北界镇：… twice)
    for i, ln in enumerate(lines):
        bare = ln.replace("*", "").strip()
        contents = bool(re.fullmatch(r"(?:本期)?(?:要目|目录|导读)[：:]?", bare)) or (contents and bool(bare))
        if bare.startswith("△") and not contents:
            starts.append(i)
    if not starts:
        starts = [i for i, ln in enumerate(lines) if re.fullmatch(r"\s*【[^】]+】\s*", ln)]
        kind = "bracketed" if starts else kind
    if not starts:
        kind = "speech"
        for i, ln in enumerate(lines):
            nxt = " ".join(x for x in lines[i : i + 3] if x.strip())
            if (
                ln.startswith("#")
                and "组工信息" not in ln
                and "【" not in ln
                and re.search(r"中共\S+组织部", nxt)
            ):
                starts.append(i)
    out = []
    for n, i in enumerate(starts):
        j = starts[n + 1] if n + 1 < len(starts) else len(lines)
        chunk = []
        for ln in lines[i:j]:
            if _FOOTER.match(ln) or (chunk and _SECTION.match(ln)):
                break
            if kind == "item" and chunk and _BRACKETED_ITEM.match(ln):
                break  # a 【抚松县】… brief of another column ends the △ item before it
            chunk.append(ln)
        text = normalise("\n".join(chunk)).lstrip("△")
        if kind == "item":
            title = re.split(r"[。]", text, maxsplit=1)[0]
        elif kind == "bracketed":
            title = normalise(lines[i]).strip().strip("【】")
            text = title + "。" + normalise("\n".join(chunk[1:]))
        else:
            title = re.sub(r"中共\S+?组织部.*$", "", normalise(lines[i]).lstrip("#"))
        out.append((title, text))
    return out


def kg_articles(source: Path) -> list[tuple[str, str]]:
    """(title, title + body) of each article as `kg build` splits the bulletin file (with the bold and
    layout its format carries): for layouts the simple splitter above does not know (speeches under a
    ——subtitle, one-sentence briefs, web-page copies)."""
    draft = _draft(source)
    if draft is None:  # not a bulletin to the pipeline: the other splitters still try
        return []
    text = draft.document.text
    # the heading and the body on lines of their own, as the pipeline gives them (heading + "。" + text)
    return [
        (a.title, normalise(text[a.start : a.body_start]) + "\n" + normalise(text[a.body_start : a.end]))
        for a in draft.articles
    ]


def split_by_titles(raw: str, titles: list[str]) -> list[tuple[str, str]]:
    """(title, text) of each gold article found by its title's opening in the text, up to the next one:
    for layouts the splitter above does not know (▲ or ■ items, 【简讯】 tags, two-line headlines over a
    byline), so the figures still measure the extractors alone."""
    lines = raw.splitlines()
    keys = [_key(normalise(ln)).lstrip("△▲■◆【") for ln in lines]
    at: list[tuple[int, str]] = []
    for t in titles:  # the last line holding the title's opening: the contents come first
        head = _key(normalise(t))[:10]
        hits = [i for i in range(len(lines)) if head and head in keys[i]]
        if hits and (not at or hits[-1] > at[-1][0]):
            at.append((hits[-1], t))
    out = []
    for n, (i, t) in enumerate(at):
        j = at[n + 1][0] if n + 1 < len(at) else len(lines)
        chunk = []
        for ln in lines[i:j]:
            if _FOOTER.match(ln) or (chunk and _SECTION.match(ln)):
                break
            chunk.append(ln)
        out.append((t, normalise("\n".join(chunk)).lstrip("△▲■◆")))
    return out


def _key(s: str) -> str:
    """A title to match by: full-width and half-width forms alike (the read stage makes ＋ a +)."""
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"[“”\"'\s]", "", s).replace("(", "（").replace(")", "）")


# ---- predictions ------------------------------------------------------------------------------


def predict(title: str, text: str, city) -> dict:
    g = gazetteer()
    lead = leading_locality(title)
    within = city
    if lead:
        m = g.resolve(lead[0], within=city)
        within = m.locality or city
    locs, codes = set(), set()
    for m in find_localities(text, within=within):
        if m.reason == "anaphora":
            continue
        if m.locality is None:
            locs.add(m.text)  # unresolved: counts against precision
            continue
        for node in m.locality.chain():
            written = node is m.locality or node.name in m.text or (node.code and _short(node) in m.text)
            if not written:
                continue
            locs.add(node.name)
            if node.code:
                codes.add(node.code)
    docs = {(_key(d.title), d.kind) for d in find_documents(text)}
    targets = {h.concept for h in find_targets(text)}
    outcomes = find_outcomes(text)
    return {"localities": locs, "codes": codes, "documents": docs, "targets": targets, "outcomes": outcomes}


def _short(loc) -> str:
    row = gazetteer()._rows.get(loc.code)
    return row[3] if row and row[3] else loc.name


def _counted_ok(gold: str, pred: str) -> bool:
    a, b = _key(gold), _key(pred)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    best = max(
        (k for k in range(2, min(len(a), len(b)) + 1) for i in range(len(a) - k + 1) if a[i : i + k] in b),
        default=0,
    )
    return best >= 2 and best >= 0.5 * min(len(a), len(b))


def _bigrams(s: str) -> list[str]:
    return [s[i : i + 2] for i in range(len(s) - 1)] or [s]


def label_ok(gold: str, pred: str) -> bool:
    """Do two outcome labels name the same thing? (see the module docstring)"""
    a, b = _key(gold).replace("的", ""), _key(pred).replace("的", "")
    if not a or not b:
        return False
    if (a in b or b in a) and min(len(a), len(b)) >= 0.5 * max(len(a), len(b)):
        return True
    x, y = _bigrams(a), _bigrams(b)
    common = sum(min(x.count(g), y.count(g)) for g in set(x))
    return 2 * common / (len(x) + len(y)) >= 0.5


def score_labels(gold: list[dict], pred: list, pairs: list) -> tuple[int, int, int, list, list]:
    """(tp, fp, fn, gold labels missed, predicted labels wrong) over displayable outcomes."""
    matched = {id(p): g for g, p in pairs}
    good = set()
    for g, p in pairs:
        if g.get("display", True) and p.displayable and label_ok(g["label"], p.label):
            good.add(id(p))
    tp = len(good)
    wrong = [p for p in pred if p.displayable and id(p) not in good]
    missed = [
        (g, next((p for gg, p in pairs if gg is g), None))
        for g in gold
        if g.get("display", True) and not any(matched.get(x) is g for x in good)
    ]
    return tp, len(wrong), len(missed), missed, wrong


def score_outcomes(gold: list[dict], pred: list) -> tuple[int, int, int, list, list]:
    pairs = _pairs(gold, pred)
    found = {id(g) for g, _ in pairs}
    misses = [g for g in gold if id(g) not in found]
    left = [p for p in pred if all(p is not q for _, q in pairs)]
    return len(gold) - len(misses), len(left), len(misses), misses, left


_MONEY = {
    "万元": 1.0,
    "亿元": 10000.0,
}  # one amount in either unit (the README keeps money in 万元; 亿元 too)


def same_amount(value: float, unit: str, gold_value: float, gold_unit: str) -> bool:
    if unit in _MONEY and gold_unit in _MONEY:
        return abs(value * _MONEY[unit] - gold_value * _MONEY[gold_unit]) < 1e-6
    return unit == gold_unit and abs(value - gold_value) < 1e-6


def _pairs(gold: list[dict], pred: list) -> list:
    """(gold, predicted) outcome pairs: same value, unit, upper end and what was counted."""
    left = list(pred)
    pairs = []
    for go in gold:
        hit = None
        for p in left:
            if (
                same_amount(p.value, p.unit, go["value"], go["unit"])
                and (p.upper or None) == (go.get("upper") or None)
                and _counted_ok(go["counted"], p.counted)
            ):
                hit = p
                break
        if hit is not None:
            left.remove(hit)
            pairs.append((go, hit))
    return pairs


# ---- the run ----------------------------------------------------------------------------------


@cache
def _document(source: Path):
    from kg.read import read_file

    return read_file(source)  # once per file: a PDF's text extraction is the bench's largest cost


@cache
def _draft(source: Path):
    """The pipeline's split of the file, or None for a file it refuses (measured as it is)."""
    from kg.split import split

    try:
        return split(_document(source))
    except Exception:
        return None


def _masthead_editor(source: Path) -> str | None:
    """The editor the pipeline reads off the bulletin's masthead (中共上海市闵行区委组织部), if any."""
    draft = _draft(source)
    return draft.masthead.editor if draft is not None else None


def _raw_text(source: Path) -> str:
    """A plain bulletin as written; a web page, Word or PDF file as the pipeline's reader gives its text."""
    if source.suffix.lower() in (".txt", ".md"):  # in its own encoding (GB18030 from Word's plain text)
        from kg.read.decode import decode_bytes

        return decode_bytes(source.read_bytes(), str(source))[0]
    return _document(source).text


def run(verbose: bool = False, gold_dir: Path | None = None) -> dict:
    """Counts per split and entity. `gold_dir`: gold files kept elsewhere (a blind set outside the
    repository); their `source` is read from the repository or, failing that, beside that folder."""
    counts = {s: {e: [0, 0, 0] for e in ENTITIES} for s in SPLITS}
    folder = gold_dir or ROOT / "tests" / "gold"
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "split" not in gold or "articles" not in gold:
            continue
        counts.setdefault(gold["split"], {e: [0, 0, 0] for e in ENTITIES})
        source = ROOT / gold["source"]
        if not source.exists():
            source = folder.parent / gold["source"]
        raw = _raw_text(source)
        b = gold["bulletin"]
        # the bulletin's own place as the pipeline reads it: from its masthead's editor or name
        editor = _masthead_editor(source)
        city = city_of_bulletin(b.get("name"), editor) or gazetteer().resolve(b["city"]["name"]).locality
        articles = split_articles(raw)
        pipeline = kg_articles(source)
        by_titles = split_by_titles(raw, [ga["article"] for ga in gold["articles"]])
        for ga in gold["articles"]:
            found = [(t, x) for t, x in articles if _key(t).startswith(_key(ga["article"]))]
            head = _key(normalise(ga["article"]))[:10]
            found = found or [(t, x) for t, x in pipeline if head in _key(x)[: len(head) + 12]]
            found = found or [(t, x) for t, x in by_titles if t == ga["article"]]
            if not found:
                print(f"!! {path.name}: article not found: {ga['article']}", file=sys.stderr)
                continue
            title, text = found[0]
            pred = predict(title, text, city)
            expect = {
                "localities": {x["name"] for x in ga["localities"]},
                "codes": {x["code"] for x in ga["localities"] if x.get("code")}
                | {x["parent_code"] for x in ga["localities"] if x.get("parent_code")},
                "documents": {(_key(d["title"]), d["kind"]) for d in ga["documents"]},
                "targets": set(ga["targets"]),
            }
            c = counts[gold["split"]]
            for ent, want in expect.items():
                got = pred[ent]
                c[ent][0] += len(want & got)
                c[ent][1] += len(got - want)
                c[ent][2] += len(want - got)
                if verbose and (want - got or got - want):
                    print(
                        f"[{path.stem} {ga['article']}] {ent}: missed {sorted(want - got)} extra {sorted(got - want)}"
                    )
            tp, fp, fn, misses, extra = score_outcomes(ga["outcomes"], pred["outcomes"])
            for k, v in zip((0, 1, 2), (tp, fp, fn), strict=False):
                c["outcomes"][k] += v
            if verbose and (misses or extra):
                print(
                    f"[{path.stem} {ga['article']}] outcomes: missed "
                    f"{[(m['value'], m['unit'], m['counted']) for m in misses]} extra "
                    f"{[(p.value, p.unit, p.counted) for p in extra]}"
                )
            pairs = _pairs(ga["outcomes"], pred["outcomes"])
            tp, fp, fn, missed, wrong = score_labels(ga["outcomes"], pred["outcomes"], pairs)
            for k, v in zip((0, 1, 2), (tp, fp, fn), strict=False):
                c["labels"][k] += v
            if verbose and (missed or wrong):
                print(
                    f"[{path.stem} {ga['article']}] labels: missed "
                    f"{[(g['label'], p.label if p else None, p.displayable if p else None) for g, p in missed]}"
                    f" wrong {[(p.label, p.value_text) for p in wrong]}"
                )
    return counts


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: list[str]) -> int:
    t0 = time.perf_counter()
    gold_dir = Path(argv[argv.index("--gold") + 1]).resolve() if "--gold" in argv else None
    counts = run(verbose="-v" in argv, gold_dir=gold_dir)
    print(f"{'split':<8} {'entity':<11} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn")
    for split in counts:
        for ent in ENTITIES:
            tp, fp, fn = counts[split][ent]
            if tp + fp + fn == 0:
                continue
            p, r, f = _prf(tp, fp, fn)
            print(f"{split:<8} {ent:<11} {p:6.3f} {r:6.3f} {f:6.3f}   {tp}/{fp}/{fn}")
    print(f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
