"""Where articles start and end.

Article starts are recognised by the genre's own shapes, never by position or by a place list:
- an item line opening with △ (▲ ◆ ▶ in other bulletins): `△岳西县：标题。正文…`;
- a title tagged with its place or column in brackets: `【莲都区】标题`, a bare short name of the bulletin's own
  county (`【环江】标题`), a column (`【简讯】标题`), or a repost tag (`【转载】标题`: an item from elsewhere);
- a title line `地方：标题` (optionally numbered `1.` / `一、`) followed by its body;
- a speech excerpt: a headline, then the speaking unit alone on a line (中共太湖县委组织部), or both on one line;
- after an article has closed (its reporting-unit bracket), a section heading or the contents, any short
  title line followed by a body, or a brief: one paragraph opening with a place and closing with its unit.
Bylines (某区委组织部　王　磊), writer lines (通讯员　刘　洋) and source lines (来源：某某网　2025年4月18日) right
under a headline belong to its title block (kg.split.bylines.attribution): never an article of their own.
A candidate that is not followed by body text is a contents entry; a line that repeats a contents entry's
title (numbering and page number aside) is a headline wherever it stands. The last three shapes count only in a
file that has a masthead (a bulletin name or issue number), so a news item or a notice is never cut up.

An article ends at the next start, at a section heading, separator, 领导批示 slot or the 报/送/发 footer,
or (for what follows it) at its closing bracket (kg.split.bylines).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.split.bylines import attribution, byline, reporting_unit
from kg.split.layout import (
    ITEM_MARKS,
    LINE_HEADING_MAX,
    OPENING_TIME,
    SALUTATION,
    TABLE_CAPTION,
    Line,
    elsewhere,
    ends_sentence,
    is_column_tag,
    is_credit,
    is_footer,
    is_furniture,
    is_leader_slot,
    is_note,
    is_toc_entry,
    is_toc_head,
    section_name,
)
from kg.text.numerals import cn_number
from kg.text.webpage import is_chrome_line

_TITLE_END = re.compile(r"[。！？]")
_TITLE_MAX = 90  # a headline longer than this is not one: the first sentence is body text
_NUMBERED = re.compile(
    r"(?:[0-9]{1,2}[.、．](?![0-9])|[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十0-9]{1,3}）)\s*"
)
_BULLETED = re.compile(r"[●○◆◇■□▪▫•◎★☆▶►▸]\s*\S{4}")  # ●朝阳镇：…: a bulleted line of a list
_TOP_ITEM = re.compile(r"([0-9]{1,2})[.．](?![0-9])\s*")  # a bulletin's own numbered items: 1.某某…
_CN_TOP = re.compile(r"([一二三四五六七八九十]{1,3})、")  # an article's own number: 四、白马镇：…
_PLACE_COLON = re.compile(r"([^\s，。：；“”‘’《》（）【】、]{2,14}?)：")
_WHOLE_BRACKET = re.compile(r"^[【〖]([^】〗\n]{4,60})[】〗]$")
# (a year in brackets, 〔2023〕11号, is a document's number wrapped to the line's start: no tag)
_NOT_YEAR = r"(?![0-9]{2,4}[】〗〕])"
_TAG = re.compile(rf"[【〖〔]{_NOT_YEAR}([^】〗〕：。，\n]{{1,16}})[】〗〕]\s*(?=[^\s【〖〔])")
_ADMIN_END = re.compile(r"^[\u4e00-\u9fff]{1,10}(?:省|市|县|区|旗|州|盟|镇|乡|街道|新区)$")
_TOWN = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:镇|乡|街道|苏木)$")
_REPOST = re.compile(r"^(?:转载|转发|转摘|摘编|摘录|外地经验|他山之石)$")  # a reposted item's tag
_LEADING_TAG = re.compile(rf"^[【〖〔]{_NOT_YEAR}[^】〗〕]{{1,16}}[】〗〕]")
_TITLE_WRAP_LINES = 2  # lines a headline may run on to in a narrow column
_ENTRY_MIN = 10  # characters a headline and its contents entry must share to match by their ends
_ATTRIBUTION_LINES = 3  # bylines, writers and source lines under a headline, at most

_BODY_MIN = 20  # characters: shorter lines after a title are contents entries or headings
_LEAD_MIN = 8  # characters: a one-sentence lead line under a headline, at least
_QA = re.compile(
    r"^(?:问|答|记者|主持人|受访者)[：:]"
)  # an interview's turns, never a headline's second line
_COMMENT = re.compile(r"同志.{0,40}(?:批示|指示|阅示)|(?:批示|指示)[：:]")
_ITEM_NUMBER = re.compile(r"^(?:0[1-9]|[1-9][0-9])$")
_LONG_HEADLINE = 60  # characters: the most a headline without commas or stops is taken to hold
_TAIL_MAX = 6  # characters: the most a headline's wrapped last words are taken to hold
# a headline's line ending so was cut by a wrap, mid-phrase (not 向, 为, 对: 导向, 作为, 应对 end phrases)
_WRAP_ENDS = "的之和与及或“《（"
_SENTENCE_PUNCT = re.compile(r"[，。；：！？、（）()〔〕【】,.;:!?]")
_SUB_POINT_MAX = 12  # characters of a marked point's heading inside a body (● 带着任务下沉。…)
_WRAP_LINES = 6  # lines of a wrapped paragraph looked at to find its first 。


@dataclass(frozen=True)
class Start:
    """An article start found in the body: where its title and body are, and what it says of itself."""

    pos: int  # in Document.text: where the article begins (mark, tag or headline)
    kind: str  # "item" | "speech"
    title_start: int
    title_end: int
    body_start: int
    section: str | None = None
    unit: str | None = None  # a speech's byline
    place: str | None = None  # a place written in a 【】 tag before the title
    repost: bool = False  # tagged 【转载】: an item from elsewhere
    wrapped: bool = False  # a headline broken by a hard line wrap (its lines join without a space)


def _cut_by_wrap(top: Line, last: Line) -> bool:
    """A headline on two lines (top, last) is one phrase a wrap cut, to be joined without a space: its
    first line cannot end there (…情况的 / 调研报告) or its second is a few words only."""
    return top is not last and (top.text.rstrip()[-1:] in _WRAP_ENDS or len(last.text.strip()) <= _TAIL_MAX)


def _place_of(candidate: str, leading_place: Callable[[str], str | None]) -> bool:
    return leading_place(candidate) == candidate or bool(_TOWN.match(candidate))


# a body of the bulletin's own area named by its level (县委组织部, 州委党校, 市直机关工委, 县纪委监委), which
# leads an item as a place does (县委组织部：开通…专线。…), not a person's post (县委书记)
_OWN_BODY = re.compile(
    r"[省市州盟县区旗](?:委|纪委监委|纪委|政府|直)[\u4e00-\u9fff]{0,6}(?<!书记|常委|委员|部长|主任|局长|校长)"
)


def _lead_of(candidate: str, leading_place: Callable[[str], str | None]) -> bool:
    """What leads an item before its colon: a place, or a body of the bulletin's own area.

    >>> [_lead_of(c, lambda s: None) for c in ("县委组织部", "州委党校", "县委书记", "市场监管局")]
    [True, True, False, False]
    """
    return _place_of(candidate, leading_place) or bool(_OWN_BODY.fullmatch(candidate))


def _tag_place(
    tag: str, leading_place: Callable[[str], str | None], short_place: Callable[[str], bool]
) -> str | None:
    """The place a 【】 tag names: a known place, any name with an administrative suffix, or a bare
    short name (【环江】) of a division of the bulletin's own place."""
    if _place_of(tag, leading_place) or _ADMIN_END.search(tag) or short_place(tag):
        return tag
    return None


def _column_tag_end(title: str) -> int:
    """Where a headline starts after its column's tag (【经验交流】坚持…), 0 when it has none."""
    tag = _TAG.match(title)
    return tag.end() if tag and is_column_tag(tag.group(1).strip()) else 0


def _headline_start(head: str) -> int:
    """Where a headline's own words start in its stripped line: after its number (一、某某标题, when words
    follow it) and its column's tag (【经验交流】坚持…)."""
    num = _NUMBERED.match(head)
    skip = num.end() if num and len(head) - num.end() >= 4 else 0
    return skip + _column_tag_end(head[skip:])


def _title_bounds(ln: Line, off: int) -> tuple[int, int]:
    """(title end, body start) for a title beginning at ln.start + off: up to 。 or the line end."""
    m = _TITLE_END.search(ln.text, off)
    if m and m.start() - off <= _TITLE_MAX:
        return ln.start + m.start(), ln.start + m.end()
    return ln.end, ln.end


# a headline on the bulletin's own area (我省深化…) starts an item even where the last one did not close
# with its unit (a speech ends without one)
# a title led by the bulletin's own place or its own department (我县…, 全市…, 县委组织部推行…), or its organs
# as a colon's subject (市直机关：开展…)
_SELF_PLACE = re.compile(
    r"(?:(?:我|全)(?:省|市|县|区|州|旗|盟)|(?:县|市|区|州|旗|盟)委组织部"
    r"|(?:省|市|县|区|州|旗|盟)直(?:机关|单位|部门)(?=[：:]))(?=[\u4e00-\u9fff“：:])"
)
# a column's name before a bar (短讯｜威坪镇“红色代办”…): the item's place follows it
_BAR_TAG = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[｜|]\s*")
# a title led by a town the gazetteer has no code for (羊口镇成立…, 某某街道实施…): a place's item
_TOWN_LED = re.compile(r"^[\u4e00-\u9fff]{2,4}?(?:镇|乡|街道|苏木)(?=[\u4e00-\u9fff“：])(?![党政府委长])")


_CLAUSE_END = re.compile(r"[，。；]")
_BRIEFS = re.compile(r"简讯|快讯|短波|速递|简报|集锦")  # a column of one-paragraph items
# a special column on one theme, its items from several places (【专刊】容错纠错激励担当 / 翁源县 / …)
_PLACES_COLUMN = re.compile(r"专刊|专题|专栏|特刊|专版")
_PLACES_TAG = re.compile(rf"^[【〖]({_PLACES_COLUMN.pattern})[】〗]\s*\S")
_CIRCLED = re.compile(r"[①-⑳][ \t\u3000]*")
# a numbered brief's number: 1. 9月5日，…, （2）某街道…, 三、某县…, ④某镇…
_BRIEF_NUMBER = re.compile(
    r"(?:([0-9]{1,2})[.．、](?![0-9])|[（(]([0-9]{1,2})[)）]|([一二三四五六七八九十]{1,3})、|([①-⑳]))[ \t\u3000]*"
)
_BRIEF_CLAUSE = 8  # characters: a first clause shorter than this (近日，) is no title alone
_BRIEF_TITLE = 40  # characters of a brief's own words taken for its title, cut at a comma
_PLACE_MARK = re.compile(rf"[{ITEM_MARKS}]\s*")  # a bullet before a place alone on its line (◆德城区)
_PLACE_LINE_MAX = 12  # characters of a place alone on a line over its brief (内蒙古自治区阿拉善盟: 10)


def _one_sentence_brief(ln: Line, off: int) -> Start | None:
    """A marked brief that is one sentence (◆7月9日，某部举办……培训班，……参加。, or one led by its place with
    no comma at all): no headline, so its first clauses after the time are its title, and the whole
    sentence is its body."""
    text = ln.text[off:].rstrip()
    clauses = "，" in text or _PLACE_COLON.match(text)  # (●朝阳镇：组织…考察学习…经验。 has one clause)
    if len(text) < _BODY_MIN or not clauses or not text.endswith(("。", "！")):
        return None
    when = OPENING_TIME.match(text)
    t0 = when.end() if when else 0
    t1 = t0
    for m in _CLAUSE_END.finditer(text, t0):
        if t1 > t0 and m.start() - t0 > _BRIEF_TITLE:
            break
        t1 = m.start()
    if t1 == t0:
        t1 = len(text) - 1
    start = ln.start + len(ln.text) - len(ln.text.lstrip())
    return Start(start, "item", ln.start + off + t0, ln.start + off + t1, ln.start + off)


def _first_clauses(text: str, start: int, end: int) -> int:
    """Where a brief's title ends: its first sentence (text[start:end]) cut after its first clause of
    some length (某县召开推进会，对21名驻村干部通报表扬。 -> 某县召开推进会), whole when short."""
    if end - start <= _BRIEF_TITLE // 2:
        return end
    # what happened is measured after the place and the time (蛟洋镇：3月20日，蛟洋镇举办…，组织…)
    place = _PLACE_COLON.match(text, start)
    what = place.end() if place else start
    when = OPENING_TIME.match(text, what)
    what = when.end() if when else what
    for m in _CLAUSE_END.finditer(text, what, end):
        if m.start() - what >= _BRIEF_CLAUSE:
            return m.start()
    return end


def _finished(s: str) -> bool:
    """A wrapped paragraph's lines so far end a sentence: a closing quote or bracket at a line's end
    only does after a full stop (…党员中心户” at a PDF line's end runs on)."""
    s = s.rstrip()
    return ends_sentence(s) and (s[-1] not in "”）】" or ends_sentence(s[:-1]))


def _bodyish(s: str) -> bool:
    """Body text (a paragraph or a wrapped line of one), not a heading, contents entry or furniture."""
    if SALUTATION.match(s.strip()):
        return True
    # an editor's note under a headline opens that article's text (see Walker._own_note)
    furniture = is_furniture(s) and not is_note(s)
    return len(s) >= _BODY_MIN and ("，" in s or "。" in s) and not is_toc_entry(s) and not furniture


def _lead_sentence(s: str) -> bool:
    """A short sentence of its own, ended by its only full stop: an article's one-line lead, too short
    to pass for a paragraph alone."""
    return (
        len(s) >= _LEAD_MIN
        and s.endswith(("。", "！"))
        and not _SENTENCE_PUNCT.search(s[:-1].replace("，", "").replace("、", ""))
        and not (is_furniture(s) or is_toc_entry(s) or _PLACE_COLON.match(s))
    )


def _paragraph(s: str, lines: int = 1) -> bool:
    """A body paragraph after a title: a finished sentence or a long line, and no title itself.

    `s` may be several lines of a wrapped paragraph joined (`lines` of them): then it must hold a 。.
    """
    if not _bodyish(s) or ("。" not in s and (len(s) <= 40 or lines > 1)):
        return False
    # 地方：标题。 is a headline; a line longer than any headline is a paragraph that opens with a colon
    titled = "。" not in s[:-1] and _PLACE_COLON.match(s) and not is_note(s) and len(s) <= _LONG_HEADLINE
    return not (s[0] in ITEM_MARKS or _TAG.match(s) or titled)


class Walker:
    """One pass over the body lines, collecting article starts and the lines that bound articles."""

    def __init__(
        self,
        lines: list[Line],
        context: bool,
        leading_place: Callable[[str], str | None],
        indented: Callable[[int], bool] = lambda pos: False,
        short_place: Callable[[str], bool] = lambda tag: False,
        bold: Callable[[int, int], bool] = lambda start, end: False,
    ):
        self.lines = [ln for ln in lines if ln.text.strip()]
        self.context = context
        self.place = leading_place
        self.short_place = short_place  # a bare short name (隆林) is a place of this bulletin
        self.indented = indented  # the source line at this position opened with an indent
        self.bold = bold  # the text between two positions is set in bold (a Word or web headline)
        self.starts: list[Start] = []
        self.contents: set[str] = set()  # the titles the contents list, as _entry_title keys them
        self.numbered = 0  # items numbered 1. 2. 3. at the top of the bulletin (信息专报), so far
        self.cn_numbered = 0  # articles numbered 一、 二、 in turn, so far (the last one's number)
        self.place_run = False  # the last item was one 地方：正文 paragraph (a column of briefs)
        self.place_line_run = False  # the last item was a brief under its place alone on a line (◆德城区)
        self.brief_no = 0  # briefs numbered 1. 2. 3. in the current column of briefs, so far
        # the line right after the last editor's note (a column's first item may stand there)
        self.after_note = -1
        self.numbers = 0  # item numbers alone on a line (01, 02 …) seen so far
        self.bounds: list[int] = []
        self.end: int | None = None

    def _next(self, k: int) -> str:
        return self.lines[k + 1].text.strip() if k + 1 < len(self.lines) else ""

    @staticmethod
    def _wraps(line: str) -> bool:
        """A line that may continue a wrapped paragraph (not a heading, title, byline or furniture)."""
        if is_toc_entry(line) or is_furniture(line) or line[0] in ITEM_MARKS or _TAG.match(line):
            return False
        by = byline(line)
        return not line.startswith(("——", "—")) and not (by and by[0] == 0)

    def _after_paragraph(self, k: int) -> bool:
        """Line k stands apart (a blank line above it) after a paragraph that ended its sentence: where a
        text without title marks (an OCR or PDF copy) starts its next article, if a title is there. A table's
        last row (cells apart by tabs) ends a paragraph too."""
        if k == 0 or self._adjacent(k - 1):
            return False
        above = self.lines[k - 1].text
        return ends_sentence(above) or "\t" in above.strip()

    def _subtitle_after_paragraph(self, k: int) -> bool:
        """Line k is a ——subtitle right under a headline that stands apart after a finished paragraph
        (从“单打独斗”到“抱团发展” / ——某县推行……模式): the next article's headline even when its main
        title names no place."""
        s = self.lines[k].text.strip()
        if k < 1 or not s.startswith(("——", "—")) or not self._adjacent(k - 1):
            return False
        rest = s.lstrip("—").strip()
        return (
            len(rest) >= 6
            and self._headline_like(rest)
            and not byline(s)
            and not attribution(rest)
            and not _SOURCE_NOTE.match(rest)
            and self._after_paragraph(k - 1)
            and self._headline_like(self.lines[k - 1].text)
            and not byline(self.lines[k - 1].text.strip())
        )

    def _flush_between(self, k: int) -> bool:
        """Line k is set flush left between two indented paragraphs, right after a finished sentence:
        where a text whose paragraphs open with an indent puts a headline with no blank line above it."""
        if k == 0 or k + 1 >= len(self.lines):
            return False
        prev, ln, nxt = self.lines[k - 1], self.lines[k], self.lines[k + 1]
        return (
            not self.indented(ln.start)
            and self.indented(nxt.start)
            and self.indented(prev.start)
            and ends_sentence(prev.text)
        )

    def _text_follows(self, j: int) -> bool:
        """Body text starts after line j, or a heading over it: numbered (a speech's 一、过去一年…) or a
        measure's short heading on its own line (拓宽选人渠道)."""
        nxt = self._next(j)
        if _bodyish(nxt):
            return True
        heading = _NUMBERED.match(nxt) or len(nxt) <= LINE_HEADING_MAX
        return bool(heading) and self._headline_like(nxt) and _bodyish(self._next(j + 1))

    def _text_after(self, k: int) -> bool:
        """Body text follows line k before any line that closes the issue (报：, 共印 N 份)."""
        for ln in self.lines[k + 1 :]:
            s = ln.text.strip()
            if is_footer(s) and not is_credit(s):
                return False
            if len(s) >= _BODY_MIN and "。" in s and not is_furniture(s):
                return True
        return False

    def _repeated(self, k: int) -> bool:
        """Line k's text comes again further down (a contents entry, then its article's headline), alone
        on its line or as the run-in title of a brief's paragraph (【某镇】开办“夜校”。某镇依托…)."""
        s = self.lines[k].text.strip()
        key = _entry_title(s)
        for ln in self.lines[k + 1 :]:
            t = ln.text.strip()
            if _entry_title(t) == key or (t.startswith(s) and t[len(s) : len(s) + 1] in ("。", "．")):
                return True
        return False

    def _own_note(self, k: int) -> bool:
        """Line k is an editor's note right under an article's headline (or its byline): the note
        introduces that article and is part of it. A note before any article, or after an article's
        text, is the issue's own and bounds what is around it."""
        if not (self.starts and is_note(self.lines[k].text)):
            return False
        return k > 0 and self.starts[-1].body_start >= self.lines[k - 1].end

    def _first_body(self, k: int) -> bool:
        """Line k opens the text of the start just made (its title ended on the line above): a brief's
        paragraph led by its place under a marked title (△北界镇：“网格连心”… / 北界镇将全镇…) is its body."""
        if not self.starts or k == 0:
            return False
        st, prev = self.starts[-1], self.lines[k - 1]
        title_line = len(prev.text[st.title_end - prev.start :].strip("。 \t\u3000")) == 0
        return st.pos >= prev.start and st.title_end <= prev.end and title_line

    def _body_follows(self, k: int) -> bool:
        """A paragraph starts on the line after k; a paragraph wrapped over lines without blank lines
        between them (text from PDF) is read as one, up to a finished sentence."""
        nxt = self._next(k)
        if "\t" in nxt:
            return False  # a table's row: line k is its caption (宁县…接收预备党员情况统计 over 领域\t…)
        if is_note(nxt) or _QA.match(nxt):  # the article's own note (编者按：…), an interview's first turn
            return True
        if SALUTATION.match(nxt) and self._text_follows(k + 1):
            return True  # a speech's first words alone on their line (同志们：) over its text
        if _lead_sentence(nxt) and self._text_follows(k + 1):
            return True  # a one-sentence lead (该县多措并举加强…建设。) over the first paragraph
        if self._place_alone(nxt) and k + 2 < len(self.lines) and _bodyish(self._next(k + 1)):
            return (
                True  # a round-up's first place alone on its line over its paragraph (鹿邑县 / 鹿邑县聚焦…)
            )
        if nxt and nxt[0] in ITEM_MARKS and self._points_follow(k + 1):
            return True  # the article's marked points right under it (●拓宽选人渠道。从…)
        tag = _TAG.match(nxt)
        if tag and not self.place(tag.group(1)) and _paragraph(nxt[tag.end() :]):
            return True  # a point headed in brackets right under it (【精准选派】从县直单位选派…。)
        if _paragraph(nxt) or not nxt or _finished(nxt) or not self._wraps(nxt):
            return _paragraph(nxt)
        joined, j = nxt, k + 1
        while j - k < _WRAP_LINES and self._adjacent(j) and not _finished(joined):
            line = self.lines[j + 1].text.strip()
            if not self._wraps(line):
                break
            joined, j = joined + line, j + 1
        if j - k >= _WRAP_LINES and not _finished(joined) and "，" in joined and _paragraph(joined + "。"):
            return True  # one sentence wrapped over more lines than are read (citing three documents)
        return _paragraph(joined, j - k)

    def _points_follow(self, j: int) -> bool:
        """Lines from j are marked points of one article: two or more with the same mark, each a short
        heading naming no place with its text after it (●拓宽选人渠道。从… / ●强化教育培训。依托…)."""
        mark, found = self.lines[j].text.strip()[:1], 0
        for ln in self.lines[j : j + 3 * _WRAP_LINES]:
            s = ln.text.strip()
            if not s:
                break
            if s[0] != mark:
                if s[0] in ITEM_MARKS or not self._wraps(s):
                    break
                continue
            head = re.split(r"[，。：:！]", s[1:], maxsplit=1)
            if len(head) < 2 or len(head[1]) < _BODY_MIN or len(head[0]) > _SUB_POINT_MAX:
                return False
            if self.place(head[0]) or _PLACE_COLON.match(s[1:]) or _TOWN_LED.match(head[0]):
                return False
            found += 1
        return found >= 2

    def _titled(self, ln: Line, k: int, off: int, marked: bool = False, place: str | None = None):
        """A start whose title begins at ln.start + off, if body text follows it.

        A marked item (△) needs only some text after its title; other titles need a paragraph.
        """
        t_end, b_start = _title_bounds(ln, off)
        if marked and t_end == ln.end:
            t_end, b_start = self._wrapped_title(k, t_end, b_start)
        unit = None
        if b_start <= ln.end:  # (a wrapped title's body goes on after it on the next line)
            rest = ln.text[b_start - ln.start :].strip()
            j, unit = self._attributions(k) if not rest else (k, None)
            enough = bool(rest) if marked else len(rest) >= _BODY_MIN
            if not marked and not rest and j == k and (self._short_tail(k) or self._narrow_second(k)):
                # 宜宾县：“导师帮带”让第一书记沉下 / 去干起来: the headline's last words, wrapped
                start = ln.start + len(ln.text) - len(ln.text.lstrip())
                end = self.lines[k + 1].end
                return Start(start, "item", ln.start + off, end, end, place=place, wrapped=True)
            if not enough and not self._body_follows(j):
                if not marked and not rest and j == k and self._second_line(k):
                    t_end = b_start = self.lines[k + 1].end  # 盐池县：以实绩论英雄 / 在脱贫攻坚一线……
                    start = ln.start + len(ln.text) - len(ln.text.lstrip())
                    return Start(start, "item", ln.start + off, t_end, b_start, place=place)
                return _one_sentence_brief(ln, off) if marked else None
            b_start = max(b_start, self.lines[j].end) if j > k else b_start
        start = ln.start + len(ln.text) - len(ln.text.lstrip())
        return Start(start, "item", ln.start + off, t_end, b_start, unit=unit, place=place)

    def _short_tail(self, k: int) -> bool:
        """Line k + 1 holds the last few words of a headline that a hard line break cut on line k
        (a PDF's title in a large font: 宜宾市全面推进软弱涣散村党组织整顿 / 提升): right under it, a
        few characters with no punctuation that a sentence has, and over the body."""
        nxt = self._next(k)
        here = self.lines[k].text.strip()
        return (
            self._adjacent(k)
            and 0 < len(nxt) <= _TAIL_MAX
            and 2 * len(nxt) < len(here)
            and not _SENTENCE_PUNCT.search(nxt)
            and not _NUMBERED.match(nxt)
            and not here.endswith(("。", "：", "，", "；", "！", "？"))
            and attribution(nxt) is None
            and self._body_follows(k + 1)
            and not self._first_subhead(k + 1)
            and not self._place_heading(k + 1)
        )

    def _place_heading(self, j: int) -> bool:
        """Line j is a place alone heading the paragraph under it, which names it (鹿邑县 / 鹿邑县聚焦…):
        a part of a round-up, not a headline's last words."""
        place = self._place_alone(self.lines[j].text)
        return place is not None and place in self._next(j)[:_BRIEF_TITLE]

    def _narrow_second(self, k: int) -> bool:
        """Line k + 1 is a headline's second line although a wrapped body follows it: no comma, and much
        shorter than the body line under it (如东县：实施“墩苗计划”推动年轻干部 / 到基层一线经风雨壮筋骨 over
        lines of 38 characters), where a body's own first line runs the full width."""
        if k + 2 >= len(self.lines) or not self._adjacent(k + 1):
            return False
        nxt, body = self._next(k), self.lines[k + 2].text.strip()
        return "，" not in nxt and 10 * len(nxt) < 7 * len(body) and self._second_line(k)

    def _second_line(self, k: int) -> bool:
        """Line k + 1 is the second line of a headline on line k: right under it, headline-shaped, no
        title or contents entry of its own, and over the body."""
        nxt = self._next(k)
        return (
            self._adjacent(k)
            and self._headline_like(nxt)
            and not (_NUMBERED.match(nxt) or self._title_shaped(nxt) or attribution(nxt) or _QA.match(nxt))
            and _entry_title(nxt) not in self.contents
            and self._body_follows(k + 1)
            and not self._first_subhead(k + 1)
        )

    def _first_subhead(self, j: int) -> bool:
        """Line j is the first of a measure's headings on lines of their own (拓宽选人渠道 / its paragraph /
        强化教育培训 / its paragraph), not a headline's second line: after its paragraph comes another
        short heading of about its length over a paragraph."""
        first = len(self.lines[j].text.strip())
        if not 4 <= first <= LINE_HEADING_MAX:
            return False
        m = j + 1
        while m < min(len(self.lines), j + _WRAP_LINES + 1) and _bodyish(self.lines[m].text.strip()):
            m += 1
        if m == j + 1 or m >= len(self.lines):
            return False
        s = self.lines[m].text.strip()
        return (
            abs(len(s) - first) <= max(3, first // 2)  # parallel headings, of a length
            and self._headline_like(s)
            and not (_SENTENCE_PUNCT.search(s) or _NUMBERED.match(s) or self._title_shaped(s))
            and _bodyish(self._next(m))
        )

    def _sub_point(self, k: int, st: Start) -> bool:
        """A marked line inside an article's body that is one of its points, not an item: a short heading
        with no place, and its text on the same line (● 带着任务下沉。目前全县……)."""
        ln = self.lines[k]
        if ln.text.strip()[:1] not in ITEM_MARKS or st.kind != "item":
            return False
        title = ln.text[st.title_start - ln.start : st.title_end - ln.start].strip()
        if "，" in title and not self._marked(self.starts[-1]):
            # ◆拓宽选人渠道，从…选拔…。 under a headline that had no mark: a point's heading, then its text
            title = title.split("，", 1)[0]
        elif st.body_start >= ln.end:
            return False
        return (
            len(title) <= _SUB_POINT_MAX
            and "，" not in title
            and not (
                self.place(title)
                or _PLACE_COLON.match(title)
                or _SELF_PLACE.match(title)
                or _TOWN_LED.match(title)
            )
        )

    def _marked(self, st: Start) -> bool:
        """The start's line opens with an item mark (△某县…: an item of a column of them)."""
        line = next((ln.text for ln in self.lines if ln.start <= st.pos < ln.end + 1), "")
        return line.strip()[:1] in ITEM_MARKS

    def _attributions(self, k: int) -> tuple[int, str | None]:
        """The last of the byline, writer and source lines right under line k (k if none), and the unit
        a byline names: `某县委组织部　王　磊`, `通讯员　刘　洋`, `来源：某某网　2025年4月18日`."""
        j, unit = k, None
        while j + 1 < len(self.lines) and j - k < _ATTRIBUTION_LINES:
            found = attribution(self.lines[j + 1].text)
            if found is None:
                break
            unit = unit or found[1]
            j += 1
        return j, unit

    def _leader_comment(self, k: int) -> bool:
        """Line k is the 领导批示 slot and the line under it a leader's comment (…同志…批示：)."""
        if not is_leader_slot(self.lines[k].text.strip()) or k + 1 >= len(self.lines):
            return False
        return bool(_COMMENT.search(self.lines[k + 1].text[:60]))

    def _adjacent(self, k: int) -> bool:
        """Line k + 1 follows line k directly (no blank line between)."""
        return k + 1 < len(self.lines) and self.lines[k].end + 1 == self.lines[k + 1].start

    def _wrapped_title(self, k: int, t_end: int, b_start: int) -> tuple[int, int]:
        """An item title wrapped onto the next line: `△某县：推行“三色预警”\n让考核长牙齿。正文…`.

        The continuation follows without a blank line or indent and reaches 。 within a short phrase.
        """
        if not self._adjacent(k) or self.indented(self.lines[k + 1].start):
            return t_end, b_start
        nxt = self.lines[k + 1]
        m = _TITLE_END.search(nxt.text)
        if m is None or m.start() > 25 or "，" in nxt.text[: m.start()] or t_end - self.lines[k].start < 12:
            return t_end, b_start
        return nxt.start + m.start(), nxt.start + m.end()

    def _explicit(self, k: int) -> Start | None:
        ln = self.lines[k]
        s = ln.text
        lead = len(s) - len(s.lstrip())
        body = s.strip()
        if body[0] in ITEM_MARKS and not section_name(body):
            tag = _TAG.match(body, 1)  # △【某县】标题
            if tag:
                name = tag.group(1).strip()
                place = _tag_place(name, self.place, self.short_place)
                st = self._titled(ln, k, lead + tag.end(), marked=True, place=place)
                return _reposted(st) if st and _REPOST.match(name) else st
            return self._titled(ln, k, lead + 1, marked=True)
        speech = self._speech(k)
        if speech is not None or not self.context:
            return speech
        whole = _WHOLE_BRACKET.match(body)
        if whole and not section_name(body):  # 【某县推行“三色预警”让考核长牙齿】 over its body
            st = self._titled(ln, k, lead + whole.start(1))
            return _retitle(st, ln.start + lead + whole.end(1)) if st else None
        m = _TAG.match(body)
        if m:  # 【莲都区】标题, 【环江】标题, 【转载】标题, 【经验交流】某县：标题, 【简讯】标题 — not 【建库联络】依托…
            tag = m.group(1).strip()
            place = _tag_place(tag, self.place, self.short_place)
            repost = bool(_REPOST.match(tag))
            if place or repost or self.place(body[m.end() :]) or is_column_tag(tag):
                st = self._titled(ln, k, lead + m.end(), place=place)
                return _reposted(st) if st and repost else st
            return None
        return self._place_title(k, standalone_only=True)

    def _listed(self, k: int) -> Start | None:
        """A headline the contents listed (一、某县建立……机制 under ■ 激励担当), followed by its body."""
        ln = self.lines[k]
        s = ln.text.strip()
        if not self.contents or len(s) > _TITLE_MAX:
            return None
        last = k  # the title's last line: a headline wrapped by a hard line break ends on the next
        if _entry_title(s) not in self.contents:
            nxt = self._next(k)
            if not nxt or len(nxt) > 20 or _entry_title(s + nxt) not in self.contents:
                return None
            last = k + 1
        if self._next(last).startswith(("——", "—")):
            return None  # a headline over its ——subtitle (a speech's): read with it, by the rules for those
        j, unit = self._attributions(last)
        # a hard-wrapped paragraph's first line may hold no punctuation: read it with the next
        if not (_bodyish(self._next(j)) or _bodyish(self._next(j) + self._next(j + 1))):
            return None
        if self._next(j)[:1] in ITEM_MARKS:
            return None  # the contents named a column (简讯两则) over its marked briefs (◆7月9日，…)
        lead = len(ln.text) - len(ln.text.lstrip())
        t_start = ln.start + lead + _headline_start(s)
        t_end = self.lines[last].end
        body = self.lines[j].end if j > last else t_end
        return Start(ln.start + lead, "item", t_start, t_end, body, unit=unit, wrapped=last > k)

    def _place_title(self, k: int, standalone_only: bool) -> Start | None:
        ln = self.lines[k]
        body = ln.text.strip()
        lead = len(ln.text) - len(ln.text.lstrip())
        num = _NUMBERED.match(body)
        off = num.end() if num else 0
        m = _PLACE_COLON.match(body, off)
        if not m or not _lead_of(m.group(1), self.place):
            return None
        inline = "。" in body[:-1] or len(body) > 60
        if inline and standalone_only:
            return None
        st = self._titled(ln, k, lead + off)
        if st is None or not inline or st.title_end > ln.end:
            return st
        title = ln.text[st.title_start - ln.start : st.title_end - ln.start]
        if len(title) <= _BRIEF_TITLE or "，" not in title:
            return st
        # a news sentence, not a headline (临城镇：近日，临城镇举办…培训班，邀请…，培训…160人次。)
        return _title_from_sentence(
            st, ln.start + _first_clauses(ln.text, lead + off, st.title_end - ln.start)
        )

    def _speech(self, k: int) -> Start | None:
        ln = self.lines[k]
        s = ln.text.strip()
        if len(s) > 80 or "。" in s or s.endswith(("；", "：", "，")) or is_furniture(s) or _TAG.match(s):
            return None  # (a tagged title is read with its tag: 【某县】标题 over a byline)
        own = byline(s)
        if own and own[0] > 0:  # headline and byline on one line
            if not _bodyish(self._next(k)):
                return None
            start = ln.start + len(ln.text) - len(ln.text.lstrip())
            return Start(start, "speech", start, start + own[0], ln.end, unit=own[1])
        if own or k + 1 >= len(self.lines):
            return None
        j, unit = self._attributions(k)
        if j == k or not self._text_follows(j) or (unit is None and not self.context):
            return None  # (a writer or source line alone says less than a byline: bulletins only)
        first = self.lines[self._headline_top(k)]
        start = first.start + len(first.text) - len(first.text.lstrip())
        t_start = start + _headline_start(first.text.strip())  # (一、某某标题, 【经验交流】坚持…)
        return Start(
            start,
            "speech" if unit else "item",
            t_start,
            ln.end,
            self.lines[j].end,
            unit=unit,
            wrapped=_cut_by_wrap(first, ln),
        )

    def _numbered_item(self, k: int) -> Start | None:
        """A bulletin of numbered items (1.某某建立…机制 over its body, 2.…): the first opens the body before
        any article, each next one carries the next number. A numbered line inside an article (1.强化
        培训) is a point of it: its number does not follow on from the items' own."""
        ln = self.lines[k]
        s = ln.text.strip()
        m = _TOP_ITEM.match(s)
        if not m or int(m.group(1)) != self.numbered + 1 or len(s) - m.end() < 6 or len(s) > 60:
            return None
        if (self.numbered == 0 and self.starts) or "。" in s[:-1] or s.endswith(("：", "，", "；")):
            return None
        if not (self._body_follows(k) or _bodyish(self._next(k) + self._next(k + 1))):
            return None
        self.numbered += 1
        lead = len(ln.text) - len(ln.text.lstrip())
        return Start(ln.start + lead, "item", ln.start + lead + m.end(), ln.end, ln.end)

    def _bold_headline(self, k: int) -> Start | None:
        """A whole bold line led by a place, over a body: a headline even inside a run of articles with no
        blank line or heading between them (a Word file: 灵山县探索…机制, 二、灵山县“五个一”…)."""
        ln = self.lines[k]
        lead = len(ln.text) - len(ln.text.lstrip())
        if not self.bold(ln.start + lead, ln.start + len(ln.text.rstrip())):
            return None
        num = _NUMBERED.match(ln.text, lead)
        off = num.end() if num else lead
        s = ln.text[off:].strip()
        if not self._headline_like(s) or TABLE_CAPTION.match(s) or attribution(s):
            return None
        if tag := _BAR_TAG.match(s):
            s = s[tag.end() :]
        placed = self.place(s) or _SELF_PLACE.match(s) or _TOWN_LED.match(s)
        if not (placed or self._next_numbered(ln.text[lead:])) or not self._body_follows(k):
            return None
        return Start(ln.start + lead, "item", ln.start + off, ln.end, ln.end)

    def _next_numbered(self, line: str) -> bool:
        """A bold line carrying the next number of articles numbered 一、 二、 …, with no place before its
        title (五、严把入口关 全区发展党员质量稳步提升, after 四、白马镇：…): the numbers part the articles.
        Two numbered articles first, so that a measure numbered inside the first is not one."""
        cn = _CN_TOP.match(line)
        return bool(cn) and self.cn_numbered >= 2 and cn_number(cn.group(1)) == self.cn_numbered + 1

    def _wrapped_by_contents(self, k: int, st: Start) -> Start:
        """A headline hard-wrapped over lines of a narrow column (武山县：“暖心十条”关心关爱基 / 层干部) that
        the contents list whole: its title runs on to the line that completes the entry."""
        m = next(
            (
                j
                for j in range(k, min(k + _TITLE_WRAP_LINES + 1, len(self.lines)))
                if self.lines[j].end == st.title_end
            ),
            None,
        )
        if not self.contents or m is None or st.title_start < self.lines[k].start:
            return st
        text = "".join(ln.text for ln in self.lines[k : m + 1])[st.title_start - self.lines[k].start :]
        joined = _entry_title(text)
        if any(_same_entry(joined, c) for c in self.contents):
            return st
        while m - k < _TITLE_WRAP_LINES and self._adjacent(m):
            m += 1
            joined += _entry_title(self.lines[m].text)
            if len(joined) > _TITLE_MAX:
                break
            if any(_same_entry(joined, c) for c in self.contents):
                end = self.lines[m].end
                return dataclasses.replace(
                    st, title_end=end, body_start=max(st.body_start, end), wrapped=True
                )
        return st

    def _short_brief(self, s: str) -> bool:
        """After a brief of a column: a shorter one, one sentence led by its place (黄州区：在…推行…，…。, or
        under a bullet with no comma: ●朝阳镇：组织…考察学习…经验。)."""
        m = _PLACE_COLON.match(s)
        return (
            bool(m)
            and len(s) >= _BODY_MIN
            and s.endswith("。")
            and ("，" in s or _BULLETED.match(s))  # a bullet marks the next brief of a list
            and _lead_of(m.group(1), self.place)
        )

    def _brief_paragraph(self, s: str) -> bool:
        """A paragraph that opens with its place and runs on (梅县区：今年以来，……。): a brief of a column."""
        m = _PLACE_COLON.match(s)
        return bool(m) and ("。" in s[:-1] or len(s) > 60) and _lead_of(m.group(1), self.place)

    def _headline_top(self, k: int) -> int:
        """First line of a headline ending on line k: a main title above a ——subtitle, or a
        headline broken over two lines that open a block of their own."""
        if k == 0 or (self.starts and self.starts[-1].pos >= self.lines[k - 1].start):
            return k
        prev = self.lines[k - 1]
        if not self._headline_like(prev.text) or byline(prev.text.strip()) or _closing_bracket(prev.text):
            return k
        if self.lines[k].text.lstrip().startswith(("——", "—")):
            # the main title may itself be set on two lines above its subtitle
            above = k - 2
            two = above >= 0 and self._adjacent(above) and self._headline_like(self.lines[above].text)
            opens = above == 0 or (above > 0 and not self._adjacent(above - 1))
            mine = not (self.starts and self.starts[-1].pos >= self.lines[max(above, 0)].start)
            return above if two and opens and mine and not byline(self.lines[above].text.strip()) else k - 1
        # (a column's heading right above opens the block as a blank line does: 【调研报告】)
        opens_block = k - 1 == 0 or not self._adjacent(k - 2) or bool(section_name(self.lines[k - 2].text))
        return k - 1 if self._adjacent(k - 1) and opens_block else k

    def _title_shaped(self, s: str) -> bool:
        """A line shaped like an item title (marked, tagged or 地方：标题) whatever follows it."""
        if s[0] in ITEM_MARKS or _TAG.match(s):
            return True
        num = _NUMBERED.match(s)
        m = _PLACE_COLON.match(s, num.end() if num else 0)
        return bool(m and _lead_of(m.group(1), self.place))

    @staticmethod
    def _headline_like(s: str) -> bool:
        s = s.strip()
        # a long headline in two parts apart by a space holds no mark a sentence has (宁海县坚持…发力　着力…)
        most = _LONG_HEADLINE if not _SENTENCE_PUNCT.search(s) else 45
        return (
            4 <= len(s) <= most
            and "。" not in s
            and "\t" not in s  # a table's row (2023年1—5月	46	58	33)
            and not s.endswith(("：", "，", "；"))
            and not is_furniture(s)
        )

    def _brief(self, k: int) -> Start | None:
        """A news brief: one paragraph that opens with a place and closes with its unit bracket
        (某县召开……会议。……。（某县委组织部）); its first sentence is its title."""
        ln = self.lines[k]
        s = ln.text.strip()
        if not s.endswith(("）", ")")) or not self.place(s) or not reporting_unit(s):
            return None
        t_end, b_start = _title_bounds(ln, len(ln.text) - len(ln.text.lstrip()))
        if b_start >= ln.end or len(ln.text[b_start - ln.start :].strip()) < _BODY_MIN:
            return None
        start = ln.start + len(ln.text) - len(ln.text.lstrip())
        return Start(start, "item", start, t_end, b_start)

    def _column_brief(self, k: int) -> Start | None:
        """In a column of briefs (简讯, 快讯): a paragraph led by its place (某县推行…。某县委组织部…。) is
        a brief, its first sentence its title, with or without a closing unit bracket."""
        ln = self.lines[k]
        lead = len(ln.text) - len(ln.text.lstrip())
        num = _CIRCLED.match(ln.text, lead)  # ①某县召开…: the column numbers its briefs
        if num:
            lead = num.end()
        s = ln.text[lead:].strip()
        # led by a place, or by the bulletin's own department (③市委组织部举办…培训班，…。)
        if len(s) < _BODY_MIN or not (self.place(s) or _TOWN_LED.match(s) or _SELF_PLACE.match(s)):
            return None
        if "。" not in s[:-1]:  # one sentence: a brief when its place leads it (蛟洋镇：3月20日，…。)
            led = (
                self._brief_paragraph(s)
                or self._short_brief(s)
                or (_TOWN_LED.match(s) and _PLACE_COLON.match(s))
            )
            if not (s.endswith(("。", "！")) and (led or num)):  # (numbered ①②: each line a brief)
                return None
            t_end = _first_clauses(ln.text, lead, len(ln.text.rstrip()) - 1) + ln.start
            return Start(ln.start + lead, "item", ln.start + lead, t_end, ln.start + lead)
        t_end, b_start = _title_bounds(ln, lead)
        if b_start >= ln.end:
            first = _TITLE_END.search(ln.text, lead)
            if first is None:
                return None
            # a first sentence longer than any headline: the whole line is the body, its first clauses
            # the title (②峡口镇建立…台账，对…逐一建档，依托…，引导…。（峡口镇党委）)
            t_end, b_start = ln.start + first.start(), ln.start + lead
        st = Start(ln.start + lead, "item", ln.start + lead, t_end, b_start)
        return _title_from_sentence(st, _first_clauses(ln.text, lead, t_end - ln.start) + ln.start)

    def _sentence_end(self, k: int) -> int:
        """The line where the paragraph opening on line k ends its sentence (a note wrapped over lines)."""
        while not ends_sentence(self.lines[k].text) and self._adjacent(k):
            k += 1
        return k

    def _column_of_places(self, k: int) -> str | None:
        """A special column's heading with its theme (【专刊】容错纠错激励担当), over its editor's note maybe,
        whose items each stand under a place alone on its line (翁源县 / 翁源县制定…。): the column's name,
        else None (such a tag over a body is an article's: 【专刊】某县…)."""
        m = _PLACES_TAG.match(self.lines[k].text.strip())
        if m is None:
            return None
        j = k + 1
        if j < len(self.lines) and is_note(self.lines[j].text):
            j = self._sentence_end(j) + 1
        if j + 1 >= len(self.lines) or self._place_alone(self.lines[j].text) is None:
            return None
        return m.group(1) if _bodyish(self.lines[j + 1].text) else None

    def _numbered_brief(self, k: int, section: str | None) -> Start | None:
        """In a column of briefs (【工作简讯】): numbered paragraphs with no headline (1. 9月5日，某部举办…，…。
        2. 某街道开展…试点，…。), each a brief titled by the first clauses of what happened after its time.
        The first stands right under the column's heading, each next one carries the next number; a
        numbered line that is a headline over a body (1.某县推行… / 正文) is left to the other rules."""
        if not (section and _BRIEFS.search(section)):
            return None
        ln = self.lines[k]
        lead = len(ln.text) - len(ln.text.lstrip())
        num = _BRIEF_NUMBER.match(ln.text, lead)
        if num is None:
            return None
        arabic, bracketed, chinese, circled = num.groups()
        if circled:
            n = ord(circled) - ord("①") + 1
        else:
            n = int(arabic or bracketed) if (arabic or bracketed) else cn_number(chinese)
        under_heading = k > 0 and section_name(self.lines[k - 1].text.strip()) is not None
        if n != self.brief_no + 1 or (n == 1 and not under_heading):
            return None
        # the paragraph's first sentence, over the lines it wraps to
        text, j = ln.text[num.end() :].rstrip(), k
        while "。" not in text and self._adjacent(j) and len(text) <= _TITLE_MAX * 2:
            j += 1
            text += self.lines[j].text.strip()
        first = text.split("。", 1)[0]
        if "。" not in text or "，" not in first or len(first) <= _BRIEF_TITLE // 2:
            return None
        when = OPENING_TIME.match(text)
        t0 = when.end() if when else 0
        t1 = _first_clauses(text, t0, len(first))
        # back to positions in the document: the lines' texts were joined without their breaks
        pos, at = ln.start + num.end(), []
        for i in range(k, j + 1):
            part = ln.text[num.end() :].rstrip() if i == k else self.lines[i].text.strip()
            base = (
                pos
                if i == k
                else self.lines[i].start + len(self.lines[i].text) - len(self.lines[i].text.lstrip())
            )
            at.extend(base + c for c in range(len(part)))
        title_start, title_end = at[t0], at[t1 - 1] + 1
        st = Start(ln.start + lead, "item", title_start, title_end, ln.start + num.end())
        return dataclasses.replace(st, wrapped=True) if title_end > ln.end else st

    def _place_alone(self, line: str) -> str | None:
        """The place a line holds alone, maybe after a bullet (◆德城区, 锣圩镇), else None."""
        s = line.strip()
        mark = _PLACE_MARK.match(s)
        place = s[mark.end() :].strip() if mark else s
        return place if 2 <= len(place) <= _PLACE_LINE_MAX and _place_of(place, self.place) else None

    def _place_line_brief(self, k: int, section: str | None) -> Start | None:
        """In a column of briefs or of items from elsewhere: a place alone on its line (◆德城区, 锣圩镇) over
        a paragraph whose lead sentence is the brief's title (“银发先锋”助力基层治理。德城区委组织部…)."""
        columns = section and (
            _BRIEFS.search(section) or elsewhere(section) or _PLACES_COLUMN.fullmatch(section)
        )
        if not columns or k + 1 >= len(self.lines):
            return None
        # right under the column's heading (or its note), or after the last such brief: under a headline
        # (各地多措并举… / 鹿邑县 / …) the places head parts of that one article
        under_heading = (
            k == self.after_note or k > 0 and section_name(self.lines[k - 1].text.strip()) is not None
        )
        if not (under_heading or self.place_line_run):
            return None
        ln = self.lines[k]
        place = self._place_alone(ln.text)
        if place is None:
            return None
        nxt = self.lines[k + 1]
        off = len(nxt.text) - len(nxt.text.lstrip())
        if not _bodyish(nxt.text) or nxt.text[off] in ITEM_MARKS or _PLACE_COLON.match(nxt.text, off):
            return None  # (●某镇：… under it is a brief of its own, led by its place)
        t_end, b_start = _title_bounds(nxt, off)
        lead = len(ln.text) - len(ln.text.lstrip())
        st = Start(ln.start + lead, "item", nxt.start + off, t_end, b_start, place=place)
        # a short lead sentence is the title whole; a long one (a news sentence) gives its first clauses
        return _title_from_sentence(st, _first_clauses(nxt.text, off, t_end - nxt.start) + nxt.start)

    def _inferred(self, k: int, boundary: bool) -> Start | None:
        """At a boundary: a `地方：标题。正文` paragraph, or a short title line followed by a body.
        In a section of items from elsewhere (市外参考, 他山之石): a title line headed by a place."""
        if boundary:
            found = self._place_title(k, standalone_only=False) or self._brief(k)
            if found is None and self._brief_paragraph(self.lines[k].text.strip()):
                found = self._column_brief(k)  # 罗田县：启动…，入库人才2300余人；举办…。: one sentence
            if found is not None:
                return found
        ln = self.lines[k]
        s = ln.text.strip()
        long = len(s) > 40 and (len(s) > _LONG_HEADLINE or _SENTENCE_PUNCT.search(s))
        if not self._headline_like(s) or _NUMBERED.match(s) or long or attribution(s) or _QA.match(s):
            return None
        if _closing_bracket(s):
            return None  # （水车镇党委供稿） over the next headline: the article above it ends there
        sub = not boundary and self._subtitle_after_paragraph(k)
        right_under = k > 0 and self._adjacent(k - 1) and not self._flush_between(k) and not sub
        if not boundary and (k == 0 or right_under or not (self.place(s) or _SELF_PLACE.match(s) or sub)):
            return None
        # (a headline's last words wrapped onto a line of their own may stand between it and the body,
        # or its second half: 科右前旗实施“归雁计划” / 引回本土人才助力乡村振兴, centred in plain text)
        onto_body = self._body_follows(k) or self._short_tail(k)
        if not (onto_body or not boundary and self._second_line(k)) or attribution(self._next(k)):
            return None
        # a headline set on two lines (开州区实施……计划 / 推动……成长) opens at its first
        top = self.lines[self._headline_top(k) if boundary or sub else k]
        if section_name(top.text.strip()):
            top = ln
        end = self.lines[k + 1].end if top is ln and (not onto_body or self._wrapped_on(k)) else ln.end
        lead = len(top.text) - len(top.text.lstrip())
        head = top.text.strip()
        # (a number only over a ——subtitle: 一、某某标题; line k itself carries none, or it is no headline here)
        t_start = top.start + lead + (_headline_start(head) if top is not ln else _column_tag_end(head))
        cut = _cut_by_wrap(top, ln)
        return Start(top.start + lead, "item", t_start, end, end, wrapped=end > ln.end and onto_body or cut)

    def _bodiless(self, k: int) -> bool:
        """The last article has its title and nothing else above line k: line k opens its body (旗委组织部
        依据《…细则 wrapped before its 》), not another headline."""
        return bool(self.starts) and k > 0 and self.lines[k - 1].end <= self.starts[-1].body_start

    def _box_label(self, k: int) -> bool:
        """Line k is a bracketed label (【典型案例】) set right over a paragraph of the article above it,
        not a column's heading over headlines or briefs: the label of a box inside that article."""
        name = section_name(self.lines[k].text.strip())
        nxt = self._next(k)
        return (
            bool(self.starts and name)
            and not _BRIEFS.search(name or "")
            and not elsewhere(name)
            and _paragraph(nxt)  # a sentence right under it, not a headline over one
            and not self.place(nxt)
            and not _TOWN_LED.match(nxt)
            and nxt[:1] not in ITEM_MARKS
        )

    def _wrapped_on(self, k: int) -> bool:
        """Line k + 1 finishes the headline on line k: no longer than it and no wrapped body line (a PDF's
        title in a large font, 库车市坚持“选育管用”全链条发力，锻造服务 / 南疆高质量发展的…队伍)."""
        nxt = self._next(k)
        short = len(nxt) <= len(self.lines[k].text.strip()) and not _bodyish(nxt) and self._second_line(k)
        return short or self._short_tail(k)

    def walk(self) -> Walker:
        section: str | None = None
        boundary = True
        skip_to = -1
        in_contents = False  # under a contents heading: its numbered lines are entries
        for k, ln in enumerate(self.lines):
            if k <= skip_to:
                continue
            s = ln.text.strip()
            if is_footer(s) and self.starts:
                if not (is_credit(s) and self._text_after(k)):
                    self.end = ln.start
                    break
                # an article's own credits (（责任编辑：李娜）, 审核：张强): more articles follow
                self.bounds.append(ln.start)
                boundary = True
                continue
            if (
                in_contents
                and len(s) <= _TITLE_MAX
                and not _SENTENCE_MARK.search(s)
                and (
                    _NUMBERED.match(s)
                    # a bulleted line its headline repeats below, whatever follows it (the last entry
                    # may stand right over the note)
                    or _BULLETED.match(s)
                    and self._repeated(k)
                    or (not _bodyish(self._next(k)) or is_note(self._next(k)))
                    and (self._repeated(k) or _BULLETED.match(s))
                )
            ):
                # 本期要目 / 1. 某县“…”… without page numbers, titles alone that a headline repeats below, or
                # bulleted ones (●莒县推行…) whose headline may come wrapped over two lines; the last entry
                # may stand right over the note (编者按：…), which is no text of its
                self.contents.add(_entry_title(s))
                continue
            in_contents = not self.starts and is_toc_head(s)
            if _ITEM_NUMBER.match(s) and (s.startswith("0") or self.numbers):
                # a WeChat post's item number alone on a line (01, 02 … 12) over each headline
                self.numbers += 1
                self.bounds.append(ln.start)
                boundary = True
                continue
            if (name := self._column_of_places(k)) is not None:
                # 【专刊】容错纠错激励担当 over its note and its places' items: the column's heading
                self.bounds.append(ln.start)
                section, boundary, self.place_line_run, self.brief_no = name, True, False, 0
                continue
            if (st := self._numbered_brief(k, section)) is not None:
                self.brief_no += 1
                self.place_run = self.place_line_run = False
                self.starts.append(_with_section(st, section))
                boundary, skip_to = False, k
                continue
            if (st := self._place_line_brief(k, section)) is not None:
                self.place_run, self.place_line_run = False, True
                self.starts.append(_with_section(st, section))
                boundary, skip_to = False, k + 1
                continue
            if self._own_note(k):  # the article's own note or lead: its text, whatever shape it has
                boundary = False
                continue
            if is_furniture(s) and self._box_label(k):
                boundary = False  # 【典型案例】 over a paragraph inside an article: its box, not a column
                continue
            if is_furniture(s):
                self.bounds.append(ln.start)
                name = section_name(s)
                section = name if name else (None if is_leader_slot(s) else section)
                self.place_line_run = False  # a new column: its first place line must stand right under it
                self.brief_no = 0  # and its first numbered brief
                boundary = True
                if is_note(s) or self._leader_comment(k):
                    # the note, or a leader's comment under the 领导批示 slot (某某同志在…上批示：…),
                    # runs on over its wrapped lines to its last sentence: not an article
                    skip_to = self._sentence_end(k + (not is_note(s)))
                    self.after_note = skip_to + 1
                continue
            if is_chrome_line(s) and not _bodyish(s):
                boundary = True  # a web page's or WeChat post's own line (点击蓝字关注我们): no headline
                continue
            if not self.starts and is_toc_entry(s):
                section, boundary = None, True
                self.contents.add(_entry_title(s))
                continue
            if not boundary and self.starts and _box_heading(s):
                continue  # 【典型案例】某村：… in the middle of an article: a box of its text, no article
            st, listed = self._explicit(k), self._listed(k)
            if st is None:
                st = listed or (self._numbered_item(k) if self.context else None)
            elif listed is not None and listed.title_end < st.title_end:
                # a contents entry bounds its own title (阜平县：乡情引才 over an unwrapped first line)
                st = dataclasses.replace(st, title_end=listed.title_end, body_start=listed.body_start)
            if st is not None and not boundary and self.starts and self._sub_point(k, st):
                st = None
            if st is None and self.context and not boundary:
                st = self._bold_headline(k)
            if st is None and self.place_run and (self._brief_paragraph(s) or self._short_brief(s)):
                # the next brief of the column, one sentence or more
                st = self._place_title(k, standalone_only=False) or self._column_brief(k)
            if (
                st is None
                and self.context
                and (boundary or not self._bodiless(k))
                and (
                    boundary
                    or elsewhere(section)
                    or _SELF_PLACE.match(s)
                    or self._after_paragraph(k)
                    or self._flush_between(k)
                    or self._subtitle_after_paragraph(k)
                )
            ):
                st = self._inferred(k, boundary)
            if (
                st is None
                and self.context
                and section
                and _BRIEFS.search(section)
                and not self._first_body(k)
            ):
                st = self._column_brief(k)
            if st is not None:
                top = _TOP_ITEM.match(s)
                if top and int(top.group(1)) == self.numbered + 1:
                    self.numbered += 1  # 3. 某县：… starts by its place, and 4. counts on from it
                if (cn := _CN_TOP.match(s)) and cn_number(cn.group(1)) == self.cn_numbered + 1:
                    self.cn_numbered += 1  # 四、白马镇：… likewise, for the next one's 五、
                st = _after_time(ln, self._wrapped_by_contents(k, st))
                self.place_run, self.place_line_run = self._brief_paragraph(s), False
                self.starts.append(_with_section(st, section))
                boundary = _closes(s)  # a one-line item may end with its unit bracket
                skip_to = k
                while skip_to + 1 < len(self.lines) and self.lines[skip_to + 1].end <= st.body_start:
                    skip_to += 1  # bylines and source lines under the title
                continue
            if _closes(s):
                boundary = True
            elif k > 0 and ends_sentence(self.lines[k - 1].text) and attribution(s):
                boundary = True  # a unit or writer alone under the body closes the article
            elif self._headline_like(s):
                if not self.starts and self._title_shaped(s):
                    section = None  # a contents entry: what follows is not yet under that heading
            else:
                boundary = False
        return self


# a quotation's or a reprint's source under a line (——摘自某村村民的留言), not a subtitle
_SOURCE_NOTE = re.compile(r"(?:摘自|摘编自|选自|转自|引自|来源|据)")

# what opens a contents entry and not its headline: a bullet (●莒县推行…), the column's tag (【外地经验】他山之石…)
_ENTRY_MARK = re.compile(r"^(?:[●○◆◇■□▪▫•◎★☆▶►▸·]\s*)?(?:【[^】]{2,8}】\s*(?=\S{4}))?")
_PAGE_REF = re.compile(r"(?:[.…·\-—]{2,}|\s)*(?:[0-9]{1,3}|[（(][0-9]{1,3}[）)])$")


_SENTENCE_MARK = re.compile(r"[。；！？]")


# a box an article sets inside its text: a case, a link, background (【典型案例】某村：…, 【链接】…)
_BOX_KIND = re.compile(
    r"(?:典型|一线)?案例(?:链接|剖析|点评|直击)?|(?:知识|相关|背景|政策)?链接|延伸阅读|小贴士|背景资料|知识卡片"
)


def _box_heading(s: str) -> bool:
    """A bracketed box label opening a line (【典型案例】廿八都镇岭脚坞村：“头雁”领飞…)."""
    tag = _LEADING_TAG.match(s.strip())
    return bool(tag and _BOX_KIND.fullmatch(tag.group(0)[1:-1].strip()))


def _closing_bracket(line: str) -> bool:
    """A line that is the bracket closing an article (（县委组织部驻村办）), which a PDF's page break may
    leave right over the next headline."""
    s = line.strip()
    found = s[:1] in "（(" and reporting_unit(s)
    return bool(found) and found[0] == 0


def _entry_title(s: str) -> str:
    """A contents entry or a headline keyed alike: no numbering, leader dots, page number or spaces.

    >>> _entry_title("一、北流市“四个严把”选优配强班子………………1") == _entry_title("一、北流市“四个严把”选优配强班子")
    True
    """
    s = _ENTRY_MARK.sub("", s.strip())
    num = _NUMBERED.match(s)
    if num and len(s) - num.end() >= 4:
        s = s[num.end() :]
    # a headline writes its place with a colon the contents may leave out (秦安县：“红黄蓝”… / 秦安县“红黄蓝”…)
    return re.sub(r"[\s\u3000：:]+", "", _PAGE_REF.sub("", s))


def _same_entry(headline: str, entry: str) -> bool:
    """A headline and a contents entry, both keyed by _entry_title, name one article: the same, or one
    ends the other where a column tag or the province is written on one side only (【他山之石】赤峰市… /
    内蒙古赤峰市…)."""
    entry = _LEADING_TAG.sub("", entry)
    if headline == entry:
        return True
    short, long = sorted((headline, entry), key=len)
    return len(short) >= _ENTRY_MIN and long.endswith(short)


def _closes(s: str) -> bool:
    """The line ends with the bracket that closes an article."""
    return s.endswith(("）", ")")) and reporting_unit(s) is not None


def _after_time(ln: Line, st: Start) -> Start:
    """A brief titled by its first words is titled by what happened, not when (4月8日，县委组织部召开…)."""
    if not ln.start <= st.title_start < ln.end:
        return st
    when = OPENING_TIME.match(ln.text, st.title_start - ln.start)
    if when is None or ln.start + when.end() + _BRIEF_CLAUSE > st.title_end:
        return st
    return dataclasses.replace(st, title_start=ln.start + when.end())


def _retitle(st: Start, title_end: int) -> Start:
    return dataclasses.replace(st, title_end=title_end)


def _title_from_sentence(st: Start, title_end: int) -> Start:
    """A brief's title cut from its first sentence (平远县：实施…“青苗工程”，通过…储备…623名…。): the
    whole sentence stays in the body, so what it reports is not lost with the clauses after the title."""
    if title_end >= st.title_end:
        return st
    return dataclasses.replace(st, title_end=title_end, body_start=st.title_start)


def _reposted(st: Start) -> Start:
    return dataclasses.replace(st, repost=True)


def _in_section(st: Start, section: str | None) -> Start:
    return dataclasses.replace(st, section=section)


def _with_section(st: Start, section: str | None) -> Start:
    """The section an item is under; a reposted item outside any section of items from elsewhere is
    in one of its own (转载), so that it never takes the bulletin's place."""
    if st.repost and not elsewhere(section):
        section = "转载"
    return _in_section(st, section)
