"""Split stage: Document -> BulletinDraft (masthead, articles, practice segments)."""

from __future__ import annotations

import re

from kg.errors import ParseError
from kg.model import ArticleDraft, BulletinDraft, Document, Masthead
from kg.split.articles import (
    ITEM_MARK,
    Line,
    body_start,
    byline,
    iter_blocks,
    lines_of,
    reporting_unit,
)
from kg.split.masthead import find_date, parse_masthead
from kg.split.segments import segment_article
from kg.split.titles import leading_place, title_text

_TITLE_END = re.compile(r"[。！？]")


def split(doc: Document) -> BulletinDraft:
    text = doc.text
    lines = lines_of(text)
    start = body_start(text, lines)
    masthead = parse_masthead(text[:start] if start else _front(text, lines))
    body_lines = [ln for ln in lines if ln.start >= start]
    articles = _articles(doc, body_lines)
    looks_like_bulletin = bool(masthead.issue or masthead.name or articles)
    if not articles:
        articles = [_news_article(doc)]
        if masthead.date is None:
            masthead = Masthead(masthead.name, masthead.issue, find_date(text[:4000]), masthead.editor)
    elif looks_like_bulletin and masthead.date is None:
        raise ParseError(doc.path, "bulletin without a date (expected e.g. 2021年5月31日 in the masthead)")
    return BulletinDraft(doc, masthead, tuple(articles))


_FRONT_END = re.compile(r"^(本期要目|本期目录|目\s*录|编者按|【|★|△|▲|◆)")


def _front(text: str, lines: list[Line], most: int = 8) -> str:
    """The masthead lines at the top when no body start was recognised (no △ item nor 领导批示 slot):
    the short lines before the contents, an 编者按, a section heading or an item (at most `most`)."""
    end = n = 0
    for ln in lines:
        s = ln.text.strip()
        if not s:
            continue
        if _FRONT_END.match(s) or n >= most or len(s) > 60:
            break
        end, n = ln.end, n + 1
    return text[:end]


def split_as_article(doc: Document) -> BulletinDraft:
    """The whole file as one article (`--as-article`: a news item or reposted report without a
    bulletin's masthead); its date, when it gives one, is the first date in it."""
    return BulletinDraft(doc, Masthead(None, None, find_date(doc.text[:4000]), None), (_news_article(doc),))


def _articles(doc: Document, body: list[Line]) -> list[ArticleDraft]:
    """Walk the body lines, opening an article at each △ item or speech byline."""
    starts: list[tuple[int, str, str | None, int | None]] = []  # (title start, kind, section, byline line)
    section: str | None = None
    end_of_body = body[-1].end if body else 0
    prev_text: Line | None = None
    bounds: list[int] = []  # positions that end the running article (section headings, footer)
    for kind, ln in iter_blocks(body):
        if kind == "footer":
            end_of_body = ln.start
            break
        if kind == "section":
            section = _section_of(ln.text)
            bounds.append(ln.start)
        elif kind == "item":
            starts.append((ln.start, "item", section, None))
        elif kind == "byline":
            pos, _unit = byline(ln.text.strip()) or (0, "")
            if pos > 0:  # headline and byline on one line
                starts.append((ln.start, "speech", section, ln.start))
            elif prev_text is not None and not prev_text.text.rstrip().endswith("。"):
                starts.append((prev_text.start, "speech", section, ln.start))
        prev_text = ln if kind == "text" else None
    out: list[ArticleDraft] = []
    for i, (s, kind, sec, byline_at) in enumerate(starts):
        nxt = starts[i + 1][0] if i + 1 < len(starts) else end_of_body
        stop = min([b for b in bounds if s < b < nxt] + [nxt])
        out.append(_article(doc, len(out) + 1, kind, sec, s, stop, byline_at))
    return out


def _section_of(line: str) -> str | None:
    from kg.split.articles import section_name

    return section_name(line)


def _article(
    doc: Document, index: int, kind: str, section: str | None, s: int, e: int, byline_at: int | None
) -> ArticleDraft:
    text = doc.text
    while e > s and text[e - 1] in "\n ":
        e -= 1
    unit_text = None
    if kind == "speech" and byline_at is not None:
        line_end = text.find("\n", byline_at)
        line_end = len(text) if line_end < 0 else line_end
        pos, unit_text = byline(text[byline_at:line_end].strip()) or (0, None)
        t_start = s
        t_end = byline_at + pos if byline_at == s else text.find("\n", s)
        body_start_ = line_end
        body_end = e
    else:
        t_start = s + 1 if text[s] in ITEM_MARK else s
        first_nl = text.find("\n", t_start)
        first_nl = e if first_nl < 0 or first_nl > e else first_nl
        m = _TITLE_END.search(text, t_start, min(e, t_start + 90))
        t_end = m.start() if m else first_nl
        body_start_ = m.end() if m else first_nl
        tail = reporting_unit(text[body_start_:e])
        if tail:
            unit_text = tail[1]
            body_end = body_start_ + tail[0]
        else:
            body_end = e
    title = title_text(doc, t_start, t_end)
    place = leading_place(title)
    segments = segment_article(doc, body_start_, body_end)
    return ArticleDraft(
        index=index,
        kind=kind,
        section=section,
        title=title,
        start=s,
        end=e,
        body_start=body_start_,
        body_end=body_end,
        title_locality=place,
        unit_text=unit_text,
        segments=segments,
    )


def _news_article(doc: Document) -> ArticleDraft:
    """A file with one plain article (a news item): first line is the title."""
    text = doc.text
    lines = [ln for ln in lines_of(text) if ln.text.strip()]
    first = lines[0]
    if len(first.text) <= 60 and not _TITLE_END.search(first.text[:-1]):
        t_start, t_end, b_start = first.start, first.end, first.end
        if text[t_end - 1 : t_end] in "。！？":
            t_end -= 1
    else:
        m = _TITLE_END.search(text, first.start)
        t_start, t_end = first.start, (m.start() if m else first.end)
        b_start = first.start
    e = len(text.rstrip())
    title = title_text(doc, t_start, t_end)
    return ArticleDraft(
        index=1,
        kind="news",
        section=None,
        title=title,
        start=first.start,
        end=e,
        body_start=b_start,
        body_end=e,
        title_locality=leading_place(title),
        unit_text=None,
        segments=segment_article(doc, b_start, e),
    )
