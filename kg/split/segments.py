"""First cut of practices: split an article body at its own structure markers.

Markers, outer to inner:
- numbered parts (一、 二、) at line start;
- headings: bold spans, and short sentences that share a *shape* with at least one other
  (调查摸底先行。/专项整顿先行。, 立稳“靶向杆”，确保培训教育实效。/立稳“风向杆”，…) — parallel
  headings are how this genre lists its measures, bold or not;
- inner enumerations (一是 … 二是 …, （一）).
Text before the first heading is the article's lead, not a practice, unless it opens with a
sentence of the headings' own shape. Where no marker exists the body is one segment.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.model import Document, SegmentDraft

_PART = re.compile(r"(?m)^[ \t]*([一二三四五六七八九十]{1,3})、")
_INNER = re.compile(
    r"(?:(?<=^)|(?<=[。；\n！？]))[ \t]*(?:([一二三四五六七八九十]{1,3})是|（([一二三四五六七八九十]{1,3})）)"
)
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
_HEAD_END = re.compile(r"[。！？]")
_ENUM_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}(?:是|、)|（[一二三四五六七八九十]{1,3}）|[0-9]+[.、．])"
)
_QUOTED = re.compile(r"“[^”]{1,12}”")
_RUN = re.compile(r"[\u3400-\u9fff]+")
_MIN_BODY = 25  # a "segment" shorter than this is a heading of what follows


def shape(sentence: str) -> str:
    """The layout of a short heading sentence: quoted terms -> Q, Chinese runs -> their length.

    >>> shape("立稳“靶向杆”，确保培训教育实效。") == shape("立稳“风向杆”，确保关爱帮带实效。")
    True
    >>> shape("调查摸底先行。")
    '6。'
    """
    s = _QUOTED.sub("Q", sentence.strip())
    return _RUN.sub(lambda m: str(len(m.group(0))), s)


def _heading_sentences(text: str, start: int, end: int) -> list[tuple[int, str]]:
    out = []
    for m in _SENTENCE.finditer(text, start, end):
        s = m.group(0).strip()
        if 4 <= len(s) <= 22 and s.endswith("。") and s.count("，") <= 1 and not _ENUM_START.match(s):
            out.append((m.start() + len(m.group(0)) - len(m.group(0).lstrip()), s))
    return out


def _parallel_headings(text: str, start: int, end: int, known: list[str]) -> list[int]:
    """Positions of sentences whose shape repeats (or matches a known bold heading's shape)."""
    cands = _heading_sentences(text, start, end)
    counts = Counter(shape(s) for _, s in cands)
    counts.update(shape(k if k.endswith("。") else k + "。") for k in known)
    keep = {sh for sh, n in counts.items() if n >= 2}
    return [p for p, s in cands if shape(s) in keep]


def _cut(starts: list[int], start: int, end: int) -> list[tuple[int, int]]:
    bounds = sorted(set(p for p in starts if start <= p < end))
    return [(b, bounds[i + 1] if i + 1 < len(bounds) else end) for i, b in enumerate(bounds)]


def _heading_at(text: str, pos: int, limit: int) -> str:
    pos = _skip_marker(text, pos)
    m = _HEAD_END.search(text, pos, limit)
    end = m.start() if m else min(limit, pos + 30)
    return text[pos:end].strip().replace("\n", "")


def _headings(doc: Document, start: int, end: int) -> list[tuple[int, str]]:
    text = doc.text
    bold = [(s, "bold") for s, e in doc.bold if start <= s < end and e - s <= 40]
    known = [text[s:e] for s, e in doc.bold if start <= s < end and e - s <= 40]
    parallel = [(p, "parallel") for p in _parallel_headings(text, start, end, known)]
    merged: dict[int, str] = {}
    for p, k in bold + parallel:
        merged.setdefault(p, k)
    return sorted(merged.items())


def _inner(doc: Document, s: int, e: int, parent: str | None, marker: str) -> list[SegmentDraft]:
    text = doc.text
    inner = [m.start() for m in _INNER.finditer(text, s, e)]
    if len(inner) < 2:
        return [
            SegmentDraft(
                s,
                e,
                _heading_at(text, s, e) if parent is not None or marker != "none" else None,
                marker,
                None,
            )
        ]
    return [SegmentDraft(a, b, _heading_at(text, a, b), "一是", parent) for a, b in _cut(inner, s, e)]


def segment_article(doc: Document, start: int, end: int) -> tuple[SegmentDraft, ...]:
    text = doc.text
    parts = [m.start(1) for m in _PART.finditer(text, start, end)]
    out: list[SegmentDraft] = []
    if parts:
        for s, e in _cut(parts, start, end):
            out += _inner(doc, s, e, _heading_at(text, s, e), "一、")
        return tuple(out)
    heads = _headings(doc, start, end)
    if not heads:
        inner = _inner(doc, start, end, None, "none")
        if len(inner) == 1 and inner[0].marker == "none":
            return _clusters(text, start, end)
        return tuple(inner)
    positions = [p for p, _ in heads]
    lead_end = positions[0]
    pending: str | None = None  # a heading too short to stand alone titles the next segment
    for s, e in _cut(positions, start, end):
        kind = dict(heads)[s]
        head = _heading_at(text, s, e)
        if len(text[s:e].strip()) - len(head) < _MIN_BODY:
            pending = head
            continue
        for seg in _inner(doc, s, e, head, kind):
            out.append(
                SegmentDraft(seg.start, seg.end, seg.heading, seg.marker, seg.parent_heading or pending)
            )
        pending = None
    if lead_end - start > 120 and not out:
        out.insert(0, SegmentDraft(start, lead_end, None, "lead"))
    return tuple(out) or (SegmentDraft(start, end, None, "none"),)


# Verbs that open a new measure in this genre (出台…, 建立…, 同时，加强…): a policy-writing convention.
_OPENER = re.compile(
    r"(?:同时|此外|另外|另一方面|在此基础上)?[，,]?\s*"
    r"(?:出台|制定|建立|健全|完善|实施|实行|推行|推进|推动|开展|组织|采取|采用|设立|打造|搭建|构建|建设|"
    r"注重|强化|加强|深化|优化|创新|探索|落实|明确|坚持|聚焦|围绕|依托|整合|选派|选拔|选调|招录|"
    r"定期|每年|每季度|每月|对|将|把)"
)
_CLUSTER_MIN = 70  # characters: a measure is described in more than one short clause


def _clusters(text: str, start: int, end: int) -> tuple[SegmentDraft, ...]:
    """Split a body without markers into runs of sentences, each opened by a measure verb."""
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text, start, end) if m.group(0).strip()]
    groups: list[list[tuple[int, int]]] = []
    for s, e in sentences:
        body = text[s:e].lstrip()
        if groups and (sum(b - a for a, b in groups[-1]) < _CLUSTER_MIN or not _OPENER.match(body)):
            groups[-1].append((s, e))
        else:
            groups.append([(s, e)])
    if len(groups) > 1 and sum(b - a for a, b in groups[-1]) < _CLUSTER_MIN:
        last = groups.pop()
        groups[-1] += last
    if len(groups) <= 1:
        return (SegmentDraft(start, end, None, "none"),)
    out = []
    for i, g in enumerate(groups):
        s, e = g[0][0], (groups[i + 1][0][0] if i + 1 < len(groups) else end)
        lead = re.sub(r"^(?:同时|此外|另外|另一方面|在此基础上)[，,]", "", text[s:e].strip())
        first = re.split(r"[，。；：]", lead, maxsplit=1)[0]
        out.append(SegmentDraft(s, e, first[:30] or None, "cluster"))
    return tuple(out)


_MARKER = re.compile(r"[ \t]*(?:[一二三四五六七八九十]{1,3}(?:是|、)|（[一二三四五六七八九十]{1,3}）)")


def _skip_marker(text: str, pos: int) -> int:
    m = _MARKER.match(text, pos)
    return m.end() if m else pos
