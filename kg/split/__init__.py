"""Split stage: Document -> BulletinDraft (masthead, articles, practice segments)."""

from __future__ import annotations

import bisect
import re

from kg.errors import ParseError
from kg.model import ArticleDraft, BulletinDraft, Document, Masthead
from kg.split.bylines import reporting_unit
from kg.split.layout import OPENING_TIME, is_credit, lines_of, outside_quotes
from kg.split.masthead import find_date, masthead_zone, parse_masthead
from kg.split.segments import segment_article
from kg.split.starts import Start, Walker
from kg.split.titles import leading_place, short_place_of, title_text

_TITLE_END = re.compile(r"[。！？]")


def split(doc: Document) -> BulletinDraft:
    text = doc.text
    lines = lines_of(text)
    zone = masthead_zone(lines)
    zone_end = zone[-1].end if zone else 0
    top = parse_masthead(zone)
    context = bool(top.name or top.issue)  # a masthead: titles without △ may open articles
    walk = Walker(
        [ln for ln in lines if ln.start >= zone_end],
        context,
        leading_place,
        _indent_of(doc),
        short_place_of(top.name, top.editor),
        _bold_of(doc),
    ).walk()
    end_of_body = walk.end if walk.end is not None else len(text)
    if walk.starts:
        front, tail = text[: walk.starts[0].pos], text[end_of_body:]
        masthead = top if top.date else parse_masthead(zone, front, tail)
        articles = _articles(doc, walk.starts, walk.bounds, end_of_body)
        if masthead.date is None:
            raise ParseError(doc.path, "公报缺少日期（报头中应有如 2021年5月31日 的日期）")
        return BulletinDraft(doc, masthead, tuple(articles))
    if context:  # a masthead over one article without a recognisable title shape
        masthead = parse_masthead(zone, text[:4000])
        return BulletinDraft(doc, masthead, (_news_article(doc, zone_end, end_of_body),))
    masthead = Masthead(None, None, find_date(text[:4000]), None)
    return BulletinDraft(doc, masthead, (_news_article(doc, 0, len(text)),))


def split_as_article(doc: Document) -> BulletinDraft:
    """The whole file as one article (`--as-article`: a news item or reposted report without a
    bulletin's masthead); its date, when it gives one, is the first date in it."""
    text = doc.text
    return BulletinDraft(
        doc, Masthead(None, None, find_date(text[:4000]), None), (_news_article(doc, 0, len(text)),)
    )


def _indent_of(doc: Document):
    """Whether the source line holding text position `pos` opened with an indent (a new paragraph)."""

    def indented(pos: int) -> bool:
        src = doc.offsets[pos]
        return src > 0 and doc.source[src - 1] in " \t\u3000"

    return indented


def _bold_of(doc: Document):
    """Whether the text between two positions lies inside one bold span. A file set all in bold tells
    nothing, so there no line counts as bold."""
    spans = sorted(doc.bold)
    if sum(e - s for s, e in spans) > len(doc.text) / 2:
        spans = []
    starts = [s for s, _e in spans]

    def bold(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start) - 1
        return i >= 0 and spans[i][1] >= end

    return bold


def _articles(doc: Document, starts: list[Start], bounds: list[int], end_of_body: int) -> list[ArticleDraft]:
    out: list[ArticleDraft] = []
    for i, st in enumerate(starts):
        nxt = starts[i + 1].pos if i + 1 < len(starts) else end_of_body
        stop = min([b for b in bounds if st.pos < b < nxt] + [nxt])
        out.append(_article(doc, len(out) + 1, st, stop))
    return out


def _article(doc: Document, index: int, st: Start, e: int) -> ArticleDraft:
    text = doc.text
    while e > st.pos and text[e - 1] in "\n \t":
        e -= 1
    body_start = min(st.body_start, e)
    unit_text = st.unit
    body_end = _before_end_matter(text, body_start, e)  # (【责任编辑：…】 under the unit's bracket)
    tail = reporting_unit(text[body_start:body_end])
    if tail and tail[1] is not None:  # a source bracket (摘自《组工通讯》) stays: its 《》 is the article's
        body_end = body_start + tail[0]
        if st.kind != "speech" and (tail[1] or not unit_text):  # (a writers' bracket names no unit)
            unit_text = tail[1] or None
    title = _title(doc, st)
    place = st.place or leading_place(title)
    return ArticleDraft(
        index=index,
        kind=st.kind,
        section=st.section,
        title=title,
        start=st.pos,
        end=e,
        body_start=body_start,
        body_end=body_end,
        title_locality=place,
        unit_text=unit_text,
        segments=segment_article(doc, body_start, body_end),
    )


_NO_ATTACHMENT = re.compile(r"^(?:相关)?附件[：:]\s*(?:无|暂无)$")


def _before_end_matter(text: str, start: int, end: int) -> int:
    """Where the body ends above its last lines of credits (责任编辑：…, 审核：…) or a web page's 附件：无."""
    while True:
        cut = text.rfind("\n", start, end)
        line = text[cut + 1 : end].strip()
        if (
            cut < start
            or len(line) > 40
            or "。" in line
            or not (is_credit(line) or _NO_ATTACHMENT.match(line))
        ):
            return end
        end = cut
        while end > start and text[end - 1] in "\n \t":
            end -= 1


def _title(doc: Document, st: Start) -> str:
    """The title; a headline set on two whole lines keeps a space between them (a main and a second
    line). A title wrapped into the line of its body (△某县：推行“三色预警”\n让考核长牙齿。正文) is one."""
    text = doc.text
    whole = st.title_end == len(text) or text[st.title_end] == "\n"
    if "\n" not in text[st.title_start : st.title_end] or not (st.kind == "speech" or whole) or st.wrapped:
        return title_text(doc, st.title_start, st.title_end)
    pieces = [title_text(doc, ln.start, ln.end) for ln in lines_of(doc.text, st.title_start, st.title_end)]
    out = pieces[0]
    for piece in pieces[1:]:
        out += piece if piece.startswith(("—", "-")) else " " + piece
    return out


def _news_article(doc: Document, start: int, end: int) -> ArticleDraft:
    """A file with one plain article (a news item): its first line is the title. A page copied from a
    website keeps its chrome around the article (breadcrumbs, the 发布时间/来源 line, 责任编辑, previous and
    next links: kg.text.webpage): the title is the first other line and the body runs from the first
    paragraph after it to the last other line (the date was read from the whole file before). A
    report's dateline (本报讯, 某某报道（记者某某）) opens neither title nor body."""
    from kg.text.webpage import banner_end, dateline_end, is_chrome_line, tail_start

    text = doc.text
    every = [ln for ln in lines_of(text, start, end) if ln.text.strip()]
    every = every[
        banner_end([ln.text for ln in every]) :
    ]  # the site's name and slogan over its location line
    every = every[: tail_start([ln.text for ln in every])]  # 上一篇：… and what follows
    lines = [ln for ln in every if not is_chrome_line(ln.text)] or every
    if len(lines) > 2 and _site_name(lines[0].text, lines[1].text):
        lines = lines[1:]
    first = lines[0]
    subtitle = None
    if len(first.text) <= 60 and not _TITLE_END.search(first.text[:-1]) and not dateline_end(first.text):
        t_start, t_end = first.start, first.end
        subtitle = _subtitle(lines, 1)
        after = every.index(subtitle if subtitle else first)
        b_start = _body_start(every, after + 1, every[after].end)
        if text[t_end - 1 : t_end] in "。！？":
            t_end -= 1
    else:
        t_start = b_start = first.start + dateline_end(first.text)
        when = OPENING_TIME.match(text, t_start)  # 28日，哈尔滨市… : the title is what happened
        t_start = when.end() if when else t_start
        t_end = _sentence_end(text, t_start, first.end)
    e = len(text[: min(end, lines[-1].end)].rstrip())
    title = title_text(doc, t_start, t_end)
    if subtitle is not None:
        title += "——" + title_text(doc, subtitle.start, subtitle.end)
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


_SUBTITLE_MAX = 30
_SITE_NAME_MAX = 6  # 人民网, 中青在线, 东北网: a headline is longer


def _site_name(line: str, nxt: str) -> bool:
    """A site's name alone on its line over the headline (中青在线 / 绍兴上虞：让年轻干部基层“淬火”)."""
    t, n = line.strip(), nxt.strip()
    return (
        len(t) <= _SITE_NAME_MAX
        and not _SENTENCE_MARK.search(t)
        and 8 <= len(n) <= 60
        and not _TITLE_END.search(n)
    )


def _subtitle(lines: list, i: int):
    """A headline's second line (萨迦县为乡村振兴“蓄能” / 组织村干部“充电”): the line after the title when it
    is short, has no sentence's punctuation and a paragraph follows it; None otherwise."""
    if i + 1 >= len(lines):
        return None
    line, nxt = lines[i], lines[i + 1]
    t = line.text.strip()
    short = len(t) <= _SUBTITLE_MAX and not _SENTENCE_MARK.search(t) and not t.endswith(("：", ":"))
    return line if short and _PARAGRAPH.search(nxt.text) else None


_FURNITURE_MAX = 12  # a line this short without a sentence's punctuation, among chrome, is the site's


def _body_start(every: list, i: int, default: int) -> int:
    """Where the body starts after a title (line `i` on): past the chrome and the short lines set among
    it (a site's name over its 微信公众号 line, a counter) and past a dateline; `default` when nothing
    follows."""
    from kg.text.webpage import dateline_end
    from kg.text.webpage import is_chrome_line as chrome

    def furniture(j: int) -> bool:
        s = every[j].text.strip()
        near = [every[k] for k in (j - 1, j + 1) if i <= k < len(every)]
        return len(s) <= _FURNITURE_MAX and not _SENTENCE_MARK.search(s) and any(chrome(n.text) for n in near)

    # chrome after a subtitle (深度关注：…, then 记者 某某 and the publishing line) still comes before the
    # body: start past the last chrome line that precedes the first paragraph
    last = None
    for k in range(i, min(len(every), i + _HEAD_LINES)):
        if _PARAGRAPH.search(every[k].text):
            break
        if chrome(every[k].text):
            last = k
    j = i if last is None else last + 1
    while j < len(every) and (chrome(every[j].text) or furniture(j)):
        j += 1
    if j == len(every):
        return default
    return every[j].start + dateline_end(every[j].text)


_SENTENCE_MARK = re.compile(r"[。，；！？,;!?]")
_PARAGRAPH = re.compile(r"[。！？]|[^\n]{60}")  # a line of the body, not a subtitle or a label
_HEAD_LINES = 12  # lines after a title where the page's chrome may still come


def _sentence_end(text: str, start: int, line_end: int) -> int:
    """The end of the sentence opening at `start`, not inside quotes (“…公布了！”“看…” is one sentence
    with its speech), or the line's end."""
    return next(outside_quotes(text, "。！？", start, line_end, opens="“「", closes="”」"), line_end)
