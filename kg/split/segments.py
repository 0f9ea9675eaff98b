"""First cut of practices: split an article body at its own structure markers.

Markers, outer to inner (kg.split.enums):
- enumerations: 一、; （一）; 1. / 1、; （1）; ①; 一是; 第一， — a family counts only as a
  run numbered from one (一是…二是…), so 1.5万 or a lone （一） never cuts. The outermost family that
  runs gives the parts; a family running inside a part gives that part's practices;
- headings: bold spans, and short sentences that share a *shape* with at least one other
  (调查摸底先行。/专项整顿先行。, 立稳“靶向杆”，确保培训教育实效。/立稳“风向杆”，…) — parallel
  headings are how this genre lists its measures, bold or not;
- paragraphs opened by a short heading sentence (报酬分两块发放。…/考核实行半年排名。…);
- subheads: short lines of their own, without a sentence's end, between paragraphs (a news report's
  定向“选”，扶贫干将成闯将 over its paragraphs), when an article has two or more.
Text before the first heading is the article's lead, not a practice, unless it opens with a
sentence of the headings' own shape. Where practices are paragraphs, a long paragraph after the last
one that is not a summary (目前…, 通过…) is a practice of its own. Where no marker exists, sentences
are grouped into measures by the verbs that open them.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from kg.model import Document, SegmentDraft
from kg.split.enums import FAMILIES, Family, enumeration, marker_end, outer_family, runs
from kg.split.layout import (
    ITEM_MARKS,
    LINE_HEADING_MAX,
    TABLE_CAPTION,
    ends_sentence,
    lines_of,
    outside_quotes,
    paragraphs,
)
from kg.split.titles import colon_place

_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
_HEAD_END = re.compile(r"[。！？]")
_ENUM_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}(?:是|要|、)|（[一二三四五六七八九十0-9]{1,3}）|[0-9]+[.、．]|[①-⑳]|第[一二三四五六七八九十]{1,2}[，、]|(?:首先|其次|再次|最后)[，,])"
)
_BRACKET_HEAD = re.compile(r"(?:^|(?<=[\n。]))[【〖]([^】〗\n]{2,16})[】〗](?=\S)")
_STARS = re.compile(r"\*\*")
_QUOTED = re.compile(r"“[^”]{1,12}”")
_RUN = re.compile(r"[\u3400-\u9fff]+")
_MIN_BODY = 12  # a "segment" shorter than this is a heading of what follows
_PARA_HEAD = re.compile(r"[^，。；：！？\n]{3,15}[。：]")
_LINE_HEAD = re.compile(r"\n(?=[^，。；：！？\n]{3,15}。)")
# a paragraph opened by a lead phrase naming its measure: 在摸排需求上，… / 坚持实绩导向，… / 选派党建指导员进驻企业，…
_LEAD_VERBS = (
    "出台|制定|建立|健全|完善|实施|实行|推行|推进|推动|开展|组织|采取|设立|打造|搭建|构建|注重|强化|加强|深化|优化|"
    "创新|探索|落实|明确|坚持|聚焦|围绕|依托|整合|选派|选拔|组建|成立|突出|着力|立足|着眼|紧扣|针对|狠抓|抓实|抓好|"
    "用好|做实|严格|规范|拓宽|畅通|引导|鼓励|深入"
)
_PARA_LEAD = re.compile(
    rf"(?:在[^，。；：！？\n]{{1,10}}(?:上|中|方面)|(?:{_LEAD_VERBS})[^，。；：！？\n]{{1,16}})，"
)
_SUMMARY = re.compile(
    r"^(?:通过|目前|截至|截止|下一步|今后|实践证明|据统计|据介绍|总体|整体|如今|经过|从[^，。]{0,10}看|"
    r"[^，。]{0,8}(?:以来|期间)，(?:全|共|累计|已))"
)
_TRAILING_MIN = 60  # characters: a closing paragraph this long that is not a summary is a measure


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
    # two-part headings opening paragraphs (建强苏木乡镇干部队伍，发挥“先锋官”作用。): the same second
    # part's shape, the first part free in length
    loose = Counter(_loose_shape(s) for p, s in cands if _para_start(text, p))
    twin = {sh for sh, n in loose.items() if n >= 2 and sh}
    # a compilation's items, each paragraph led by its place (浙江江山市：“赛马比拼”识干部。/湖北五峰县：容错
    # 纠错为担当者撑腰。): parallel whatever the rest's shape
    placed = {p for p, s in cands if _para_start(text, p) and _place_led(s)}
    return [
        p
        for p, s in cands
        if shape(s) in keep
        or _para_start(text, p)
        and _loose_shape(s) in twin
        or len(placed) >= 2
        and p in placed
    ]


def _place_led(sentence: str) -> bool:
    """A heading sentence opened by a place and a colon (四川丹棱县：“一线工作法”锤炼干部。)."""
    name = colon_place(sentence)
    return name is not None and len(sentence) - len(name) >= 5


def _loose_shape(sentence: str) -> str:
    """shape() of a two-part heading with its first part's length left out ('' for any other)."""
    head, comma, tail = sentence.partition("，")
    if not comma or len(head) < 4 or len(tail) < 4 or "“" not in tail:
        return ""
    return "*，" + shape(tail)


def _cut(starts: list[int], start: int, end: int) -> list[tuple[int, int]]:
    bounds = sorted(set(p for p in starts if start <= p < end))
    return [(b, bounds[i + 1] if i + 1 < len(bounds) else end) for i, b in enumerate(bounds)]


def _heading_at(text: str, pos: int, limit: int) -> str:
    pos = marker_end(text, pos)
    bracketed = _BRACKET_HEAD.match(text, pos)
    if bracketed:
        return bracketed.group(1).strip()
    m = _HEAD_END.search(text, pos, limit)
    end = m.start() if m else min(limit, pos + 30)
    nl = text.find("\n", pos, end)
    if nl > pos and _own_line(text, pos, nl, limit):
        end = nl  # 1.拓宽选人渠道 on a line of its own over its paragraph
    return text[pos:end].strip().replace("\n", "")


def _own_line(text: str, pos: int, nl: int, limit: int) -> bool:
    """text[pos:nl] is a short line set over a much longer one (a heading over its paragraph), not the
    first line of a heading wrapped at a page's width."""
    after = text.find("\n", nl + 1, limit)
    nxt = text[nl + 1 : after if after > 0 else limit].strip()
    return nl - pos <= LINE_HEADING_MAX and len(nxt) > nl - pos + 8


def _headings(doc: Document, start: int, end: int) -> list[tuple[int, str]]:
    text = doc.text
    spans = [
        (s, e)
        for s, e in doc.bold
        if start <= s < end and e - s <= 40 and _opens_sentence(text, s, start) and not _table_row(text, s)
    ]
    bold = [(s, "bold") for s, _e in spans]
    known = [text[s:e] for s, e in spans]
    for m in _BRACKET_HEAD.finditer(text, start, end):  # 【建库联络】依托…: a heading in brackets
        bold.append((m.start(), "bold"))
        known.append(m.group(1))
    bold += [(p, "bold") for p in _lost_bold(doc, start, end)]
    bold += [(p, "bullet") for p in _bullets(text, start, end)]
    parallel = [(p, "parallel") for p in _parallel_headings(text, start, end, known)]
    parallel += [(p, "subhead") for p in _subheads(text, start, end)]
    merged: dict[int, str] = {}
    for p, k in bold + parallel:
        merged.setdefault(p, k)
    if merged and all(_para_start(text, p) for p in merged):
        for p in _headed_paragraphs(text, min(merged), end):
            merged.setdefault(p, "paragraph")  # 理顺隶属关系强管理。… after a bold or parallel heading
    return sorted(merged.items())


def _table_row(text: str, pos: int) -> bool:
    """pos is on a table's row (its cells apart by tabs: a bold header cell 类别	人数	占比 heads columns)
    or its caption (表1…情况), not on a measure's heading."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return "\t" in line or bool(TABLE_CAPTION.match(line.strip()))


def _opens_sentence(text: str, pos: int, start: int) -> bool:
    """pos opens a line or a sentence: where a bold heading stands. Bold inside a sentence (全县**78**个
    重点村, a page's highlighted figure) is emphasis, not a heading."""
    before = text[start:pos].rstrip(" \t\u3000")
    if not before or before[-1] in "\n。！？；":
        return True
    line = before[before.rfind("\n") + 1 :].strip()  # a marker before it: （一）**选优配强**
    return line[:1] in ITEM_MARKS or bool((m := _ENUM_START.match(line)) and m.end() == len(line))


def _bullets(text: str, start: int, end: int) -> list[int]:
    """Starts of the lines that open with one item mark, when two or more do (◆拓宽选人渠道，…)."""
    found = [m.start(1) for m in _BULLET.finditer(text, start, end)]
    marks = {text[p] for p in found}
    return found if len(found) >= 2 and len(marks) == 1 else []


_BULLET = re.compile(rf"(?:^|\n)[ \t\u3000]*([{ITEM_MARKS}])[ \t\u3000]*(?=[\u4e00-\u9fff“])")
_SUBHEAD = re.compile(r"[^。！？；：:\n]{4,24}")
_SUBHEAD_MIN = 2  # one short line alone may be a wrapped line's end


def _line_at(text: str, pos: int, limit: int) -> str:
    nl = text.find("\n", pos, limit)
    return text[pos : limit if nl < 0 else nl].strip()


def _subheads(text: str, start: int, end: int) -> list[int]:
    """Starts of the lines that stand as subheads: short, no sentence end, after a finished sentence
    (or the body's start) and before a paragraph, when at least two are found."""
    lines = [ln for ln in lines_of(text, start, end) if ln.text.strip()]
    out = []
    for i, ln in enumerate(lines[:-1]):
        t = ln.text.strip()
        if not _SUBHEAD.fullmatch(t) or t.endswith(("，", ",")) or _ENUM_START.match(t) or t.count("，") > 1:
            continue
        if i and not ends_sentence(lines[i - 1].text):
            continue
        if "\t" in t or "\t" in lines[i + 1].text:  # a table's row, or its caption over its header
            continue
        if len(lines[i + 1].text.strip()) > len(t):
            out.append(ln.start + len(ln.text) - len(ln.text.lstrip()))
    return out if len(out) >= _SUBHEAD_MIN else []


def _lost_bold(doc: Document, start: int, end: int) -> list[int]:
    """Paragraphs whose source opens with a `**` that lost its partner (PDF debris: **摸清底数。全面…)
    and whose first sentence is a short heading."""
    src_start, src_end = doc.source_span(start, end)
    stars = doc.source.count("**", src_start, src_end)
    if stars == 0 or stars == 2 * sum(1 for s, _e in doc.bold if start <= s < end):
        return []  # no ** at all, or every one paired
    out = []
    for m in _STARS.finditer(doc.source, src_start, src_end):
        pos = bisect.bisect_left(doc.offsets, m.end(), start, end)
        if pos < end and doc.offsets[pos] == m.end() and _para_start(doc.text, pos):
            head = _PARA_HEAD.match(doc.text, pos)
            if head and doc.text[head.end() - 1] == "。":
                out.append(pos)
    return out


def _headed_paragraphs(text: str, start: int, end: int) -> list[int]:
    """Starts of the paragraphs after `start` that open with a short heading sentence."""
    out = []
    for m in _LINE_HEAD.finditer(text, start, end):
        pos = m.start() + 1
        if ends_sentence(text[max(start, pos - 40) : pos].rstrip("\n")) and not _ENUM_START.match(text, pos):
            out.append(pos)  # (a line break counts after a finished sentence: a new paragraph)
    return out


def _inner(
    doc: Document, s: int, e: int, parent: str | None, marker: str, below: int | None = None
) -> list[SegmentDraft]:
    """The practices of one part: an enumeration running inside it, or the part itself."""
    text = doc.text
    fam = outer_family(text, s, e, below=below)
    if fam is None:
        if marker == "subhead":
            return [SegmentDraft(s, e, parent, marker, None)]
        head = parent if parent is not None or marker == "none" else _heading_at(text, s, e)
        return [SegmentDraft(s, e, head, marker, None)]
    inner = enumeration(text, s, e, fam)
    return [SegmentDraft(a, b, _heading_at(text, a, b), fam.marker, parent) for a, b in _cut(inner, s, e)]


def segment_article(doc: Document, start: int, end: int) -> tuple[SegmentDraft, ...]:
    text = doc.text
    fam = outer_family(text, start, end, line_start_only=True) or _nested_family(text, start, end)
    if fam is not None:
        out: list[SegmentDraft] = []
        for s, e in _cut(enumeration(text, start, end, fam), start, end):
            out += _inner(doc, s, e, _heading_at(text, s, e), fam.marker, below=fam.rank)
        return _trailing(text, tuple(out), end)
    heads = _headings(doc, start, end)
    if heads and _cut_through(text, start, end, [p for p, _ in heads]):
        heads = []  # headings falling inside one 一是…二是… run are not its parents
    if not heads:
        inner = _inner(doc, start, end, None, "none")
        if len(inner) == 1 and inner[0].marker == "none":
            return (
                _paragraph_heads(text, start, end)
                or _inline_leads(text, start, end)
                or _semicolon_items(text, start, end)
                or _clusters(text, start, end)
                or inner  # one measure, the whole body
            )
        return _trailing(text, tuple(inner), end)
    positions = [p for p, _ in heads]
    lead_end = positions[0]
    kinds = dict(heads)
    out = []
    pending: str | None = None  # a heading too short to stand alone titles the next segment
    bold_at = {s: text[s:e].strip("，,：: ") for s, e in doc.bold if start <= s < end}
    for s, e in _cut(positions, start, end):
        if kinds[s] == "subhead":
            head = _line_at(text, s, e)
        elif bold_at.get(s) and not _HEAD_END.search(bold_at[s]):
            head = bold_at[s]  # **聚焦选人，**从…: the bold words, the sentence running on after them
        else:
            head = _heading_at(text, s, e)
        if (
            len(text[s:e].strip()) - len(head) < _MIN_BODY
            and marker_end(text, s) == s
            and kinds[s] != "bullet"
        ):
            pending = head  # (a numbered item is a sibling of the next, never its heading)
            continue
        for seg in _inner(doc, s, e, head, kinds[s]):
            out.append(
                SegmentDraft(seg.start, seg.end, seg.heading, seg.marker, seg.parent_heading or pending)
            )
        pending = None
    if lead_end - start > 120 and not out:
        out.insert(0, SegmentDraft(start, lead_end, None, "lead"))
    return _trailing(text, tuple(out), end) if out else (SegmentDraft(start, end, None, "none"),)


def _nested_family(text: str, start: int, end: int) -> Family | None:
    """A numbering that runs inline (…。一、…一是…二是…。二、…) with another running inside its parts."""
    fam = outer_family(text, start, end)
    if fam is None or fam.rank == FAMILIES[-1].rank:
        return None
    parts = _cut(enumeration(text, start, end, fam), start, end)
    return fam if any(outer_family(text, s, e, below=fam.rank) for s, e in parts) else None


def _cut_through(text: str, start: int, end: int, positions: list[int]) -> bool:
    """An enumeration runs across the heading positions (so the headings are not its parts)."""
    fam = outer_family(text, start, end)
    if fam is None:
        return False
    return any(r[0] < p < r[-1] for r in runs(text, start, end, fam) for p in positions)


def _paragraph_heads(text: str, start: int, end: int) -> tuple[SegmentDraft, ...]:
    """Paragraphs after the lead, when at least two open with a short heading sentence (考核实行半年排名。)
    or, failing that, with a lead phrase naming a measure (在摸排需求上，/ 坚持实绩导向，). The lead (a
    fact such as 某区现有非公企业168家) stays apart: it is not the first measure."""
    paras = paragraphs(text, start, end)
    if len(paras) < 3:
        return ()
    for head in (_PARA_HEAD, _PARA_LEAD):
        headed = [(s, e) for s, e in paras[1:] if head.match(text, s)]
        if len(headed) >= 2:
            break
    else:
        return ()
    first = (
        headed[0][0] if head is _PARA_HEAD else paras[1][0]
    )  # (a lead phrase is weaker: only the lead goes)
    out: list[SegmentDraft] = []
    for s, e in paras:
        if s < first:
            continue
        m = head.match(text, s)
        if m is not None:
            out.append(SegmentDraft(s, e, text[s : m.end() - 1], "paragraph"))
        elif head is _PARA_LEAD and (not out or e - s >= _TRAILING_MIN and not _SUMMARY.match(text, s)):
            clause = re.split(r"[，。；：]", text[s:e].strip(), maxsplit=1)[0]
            out.append(SegmentDraft(s, e, clause[:30] or None, "cluster"))  # a measure without a lead phrase
        else:  # more of the practice before it, unless a closing paragraph that is a measure
            last = out.pop()
            out.append(SegmentDraft(last.start, e, last.heading, last.marker))
    return _trailing(text, tuple(out), end)


_INLINE_LEAD = re.compile(r"(?:在[^，。；：！？\n]{1,10}(?:上|方面)|一方面|另一方面)，")


def _inline_leads(text: str, start: int, end: int) -> tuple[SegmentDraft, ...]:
    """Sentences opened by lead phrases, at least two (在人选把关上，… 在跟踪管理上，… / 一方面，… 另一方面，…):
    each opens a practice, whatever its length; what goes before the first is the lead."""
    found = [
        m
        for m in _INLINE_LEAD.finditer(text, start, end)
        if m.start() == start or text[m.start() - 1] in "。！？；\n"
    ]
    if len(found) < 2:
        return ()
    cuts = _cut([m.start() for m in found], start, end)
    return tuple(
        SegmentDraft(s, e, m.group(0)[:-1], "paragraph") for (s, e), m in zip(cuts, found, strict=True)
    )


# a clause of a list that opens a measure: one of the lead verbs, or 从/对/为/按 … (从优秀社区工作者中定向招录…)
_CLAUSE_OPENS = re.compile(rf"(?:{_LEAD_VERBS}|从|对|为|按|每年|定期)")
_LIST_CLAUSE_MIN = 12  # characters of a list clause that is a measure of its own


def _semicolon_items(text: str, start: int, end: int) -> tuple[SegmentDraft, ...]:
    """A paragraph that names its aim and then lists its measures apart by semicolons (该县着力加强…建设：
    建立…；开展…；从…招录…。): each clause a practice, when there are three or more, each long enough and
    most opened by a verb that opens a measure; what goes before the colon is the lead."""
    for p_start, p_end in paragraphs(text, start, end):
        colon = list(outside_quotes(text, "：", p_start, p_end))
        if not colon:
            continue
        cut = colon[0] + 1
        semis = list(outside_quotes(text, "；", cut, p_end))
        bounds = [cut] + [i + 1 for i in semis]
        clauses = [(a, b) for a, b in zip(bounds, bounds[1:] + [p_end], strict=True)]
        if len(clauses) < 3 or any(len(text[a:b].strip()) < _LIST_CLAUSE_MIN for a, b in clauses):
            continue
        opened = sum(bool(_CLAUSE_OPENS.match(text, a)) for a, _ in clauses)
        if 2 * opened <= len(clauses):
            continue
        return tuple(SegmentDraft(a, b, None, "semicolon") for a, b in _cut(bounds, cut, end))
    return ()


def _trailing(text: str, segs: tuple[SegmentDraft, ...], end: int) -> tuple[SegmentDraft, ...]:
    """Where practices open paragraphs, a long closing paragraph that is not a summary stands alone."""
    if len(segs) < 2:
        return segs
    last = segs[-1]
    paras = paragraphs(text, last.start, end)
    if len(paras) < 2 or not all(_para_start(text, s.start) for s in segs):
        return segs
    s, e = paras[-1]
    if e - s < _TRAILING_MIN or _SUMMARY.match(text, s) or _ENUM_START.match(text, s):
        return segs
    head = _heading_at(text, s, e)
    return (
        segs[:-1]
        + (SegmentDraft(last.start, s, last.heading, last.marker, last.parent_heading),)
        + (SegmentDraft(s, e, head, "none", None),)
    )


def _para_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] == "\n"


# Verbs that open a new measure in this genre (出台…, 建立…, 同时，加强…): a policy-writing convention.
_OPENER = re.compile(
    r"(?:同时|此外|另外|一方面|另一方面|在此基础上)?[，,]?\s*"
    r"(?:在[^，。；：\n]{1,10}(?:上|方面)，|"  # 在选拔上，… / 在培养方面，…: a lead phrase naming the measure
    r"出台|制定|建立|健全|完善|实施|实行|推行|推进|推动|开展|组织|采取|采用|设立|打造|搭建|构建|建设|"
    r"注重|强化|加强|深化|优化|创新|探索|落实|明确|坚持|聚焦|围绕|依托|整合|选派|选拔|选调|招录|"
    r"组建|成立|设置|聘请|选聘|"
    r"定期|每年|每季度|每月|对|将|把)"
)
_CLUSTER_MIN = 70  # characters: a measure is described in more than one short clause
_CLAUSE_MIN = 30  # characters: a clause of a ；-list long enough to be a measure of its own
_LIST_MIN = 15  # characters: what goes before a ；-list of measures closes at its first clause
_CLAUSES = re.compile(r"[^。！？；\n]+[。！？；]?")


def _units(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Sentences (start, end, is a clause); a long sentence listing measures with ；s is cut at them."""
    out = []
    for m in _SENTENCE.finditer(text, start, end):
        if not m.group(0).strip():
            continue
        s, e = m.start(), m.end()
        parts = [(c.start(), c.end()) for c in _CLAUSES.finditer(text, s, e) if c.group(0).strip()]
        if len(parts) > 1 and all(b - a >= _CLAUSE_MIN for a, b in parts):
            if sum(1 for a, _b in parts if _OPENER.match(text[a:e].lstrip())) >= 2:
                out += [(a, b, True) for a, b in parts]
                continue
        out.append((s, e, False))
    return out


def _clusters(text: str, start: int, end: int) -> tuple[SegmentDraft, ...]:
    """Split a body without markers into runs of sentences, each opened by a measure verb.

    A run is at least two short sentences long, or one clause of a ；-list of measures.
    """
    groups: list[list[tuple[int, int]]] = []
    last_clause = before_last = False  # the unit before this one (and before the last group) was a clause
    for s, e, clause in _units(text, start, end):
        body = text[s:e].lstrip()
        size = sum(b - a for a, b in groups[-1]) if groups else 0
        short = size < (_LIST_MIN if clause else _CLAUSE_MIN if last_clause else _CLUSTER_MIN)
        if groups and (short or not _OPENER.match(body)):
            groups[-1].append((s, e))
        else:
            groups.append([(s, e)])
            before_last = last_clause
        last_clause = clause
    tail_min = _CLAUSE_MIN if before_last else _CLUSTER_MIN
    if len(groups) > 1 and sum(b - a for a, b in groups[-1]) < tail_min:
        last = groups.pop()
        groups[-1] += last
    if len(groups) <= 1:
        return (SegmentDraft(start, end, None, "none"),)
    out = []
    for i, g in enumerate(groups):
        s, e = g[0][0], (groups[i + 1][0][0] if i + 1 < len(groups) else end)
        lead = re.sub(r"^(?:同时|此外|另外|一方面|另一方面|在此基础上)[，,]", "", text[s:e].strip())
        first = re.split(r"[，。；：]", lead, maxsplit=1)[0]
        out.append(SegmentDraft(s, e, first[:30] or None, "cluster"))
    return tuple(out)
