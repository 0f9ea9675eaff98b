"""Extract stage: BulletinDraft -> Bulletin (articles and practices with their entities).

Only wiring lives here: each entity type has its own module of pure functions.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from array import array

from kg.extract.brands import find_brands, headline_brands
from kg.extract.concepts import classify_types, find_targets
from kg.extract.documents import find_documents
from kg.extract.localities import (
    AREA_LEVELS,
    REACHED,
    city_of_bulletin,
    find_localities,
    named_own_area,
    resolve,
)
from kg.extract.outcomes import find_outcomes
from kg.extract.practice_labels import practice_label
from kg.extract.units import find_units, parse_unit
from kg.model import (
    PLACE_LEVELS,
    Article,
    ArticleDraft,
    Bulletin,
    BulletinDraft,
    Document,
    DocumentRef,
    Locality,
    LocalityMention,
    Practice,
    Quote,
    SegmentDraft,
    Unit,
)
from kg.read.mapped import MappedText
from kg.read.normalize import flat_text, flatten
from kg.split.enums import marker_end
from kg.split.layout import OPENING_TIME, OPENING_YEAR, elsewhere
from kg.split.titles import colon_head, colon_place


def digest(text: str, n: int = 16) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def span_text(doc: Document, start: int, end: int) -> MappedText:
    """The flattened analysis text of doc.text[start:end], still mapped to the source."""
    offsets = doc.offsets[start : end + 1]  # a slice of an array is already a new array
    return flatten(
        MappedText(doc.text[start:end], offsets if isinstance(offsets, array) else array("q", offsets))
    )


def _quote(doc: Document, m: MappedText, start: int, end: int) -> Quote:
    s, e = m.offsets[start], (m.offsets[end - 1] + 1 if end > start else m.offsets[start])
    return Quote(s, e, doc.source[s:e])


def bulletin_key(
    name: str | None, year: int | None, issue: int | None, text: str, issuer: Locality | None = None
) -> str:
    """Stable identity from content: bulletin name + year + issue, else a hash of the text.

    A name that names no place (组工信息, 组工简报: hundreds of departments use them) is one bulletin
    only together with its issuing place (`issuer`, from the masthead's editor line); without one, two
    departments' 组工信息 2024年第9期 would be taken for one issue and one of them lost, so the text
    decides. A name with a place (安庆组工信息) keeps its key as before.

    >>> bulletin_key("安庆组工信息", 2021, 12, "") == bulletin_key("安庆组工信息", 2021, 12, "x")
    True
    >>> a, b = Locality("闵行区", "county", "310112"), Locality("琼海市", "county", "469002")
    >>> bulletin_key("组工简报", 2023, 9, "", a) != bulletin_key("组工简报", 2023, 9, "", b)
    True
    >>> bulletin_key("组工简报", 2023, 9, "一").startswith("doc-")
    True
    """
    if name and year and issue:
        if city_of_bulletin(name, None) is not None:
            return f"{digest(name, 8)}-{year}-{issue:03d}"
        if issuer is not None:
            return f"{digest(name + '@' + (issuer.code or issuer.name), 8)}-{year}-{issue:03d}"
    return "doc-" + digest(text, 16)


def _documents(text: str) -> tuple[DocumentRef, ...]:
    """find_documents, where a title that opens with its place (岳西县关爱干部……办法) is that place's
    by its name alone: only a title that names no place is told apart by who issued it."""
    return tuple(
        dataclasses.replace(d, issued_here=False) if d.issued_here and city_of_bulletin(d.title, None) else d
        for d in find_documents(text)
    )


def preload() -> None:
    """Load every dictionary the extractors use (gazetteer, vocabularies and their matchers, OpenCC),
    so that a worker process pays for them once, up front."""
    from kg.extract.concepts import SCHEMES, _matcher
    from kg.extract.localities import gazetteer
    from kg.extract.practice_labels import load_segmenter
    from kg.read.normalize import _t2s

    gazetteer()
    for name in SCHEMES:
        _matcher(name, True)
    _t2s()
    load_segmenter()  # rjieba, for the outcome and practice labels


def extract(draft: BulletinDraft) -> Bulletin:
    doc, mh = draft.document, draft.masthead
    city = city_of_bulletin(mh.name, mh.editor)
    publisher = parse_unit(mh.editor, within=city) if mh.editor else None
    articles = tuple(_article(doc, a, city) for a in draft.articles)
    text = flat_text(doc.text)
    return Bulletin(
        key=bulletin_key(mh.name, mh.date.year if mh.date else None, mh.issue, text, city),
        name=mh.name,
        issue=mh.issue,
        date=mh.date,
        editor=mh.editor,
        publisher=publisher,
        city=city,
        articles=articles,
        source_path=doc.path,
        content_hash=digest(text, 32),
    )


def _article_locality(
    a: ArticleDraft, body: str, city: Locality | None, head: str = ""
) -> tuple[Locality | None, str | None, list[str]]:
    """The article's own place, the words that named it, and notes on what could not be resolved.
    `head`: the lines between the title and the body (a page's 来源/发布 line)."""
    notes: list[str] = []
    if not a.title_locality and a.unit_text:  # a speech: the byline names the place
        unit = parse_unit(a.unit_text, within=city)
        if unit is not None and unit.locality is not None:
            return unit.locality, a.unit_text, notes
    lead = None if a.title_locality else colon_head(a.title)
    if lead is not None:  # an item led by a body of the own area (州委党校：举办…): that body's place
        unit = parse_unit(lead, within=city)
        if unit is not None and unit.locality is not None:
            return unit.locality, None, notes
    if a.title_locality:
        mention = resolve(a.title_locality, within=city)
        if mention.locality is not None:
            return mention.locality, a.title_locality, notes
        notes.append(f"标题地名“{a.title_locality}”未能解析（{mention.reason}）")
    text = a.title + "。" + body[:400]
    found = [m for m in find_localities(text, within=city) if m.locality and m.reason != "anaphora"]
    own = not a.title_locality and not _UNKNOWN_PLACE.match(a.title) and not elsewhere(a.section)
    if city is not None and own:
        return _own_article_place(text, len(a.title), found, city), None, notes
    whole = _AREA_ANAPHOR.search(a.title + "。" + body)
    # a place in quoted speech (“我们村和某县某村…”) is someone's words, not the article's subject; a place
    # gone to (我县…赴浙江省杭州市临安区学习) is where they went, when the text speaks of its own area
    spoken = [m for m in found if not _in_quotes(text, m.start)] or found
    acting = _not_gone_to(text, spoken)
    if found and (acting or not whole):
        first = (acting or spoken)[0]
        host = _venue_host(text, first) or _reported_area(text, first)
        if host is not None:
            return host, None, notes
        return first.locality, first.text, notes
    if city is None and whole:  # 我市/该县… with the place named only by its short name (泰州, 海安日报)
        own = named_own_area(a.title + "。" + head + "。" + body, whole.group(1))
        if own is not None:
            return own, None, notes
    return None, a.title_locality, notes + ["未找到文章所属地方"]


# a division's level word after 全/我/本/该 (全县, 我市, 该县), not 县委/市长/县级/县直/区属
_AREA_WORD = r"(省|市|县|区|州|旗|盟)(?![委长级直属])"


def _above(loc: Locality, levels: tuple[str, ...]) -> Locality | None:
    """The division above `loc` at one of `levels` (a town's county, a city's province)."""
    return next((up for up in loc.chain()[1:] if up.level in levels), None)


# 省委组织部在西宁召开…会议: a body of a level holds a meeting at a place, which is only the venue
_VENUE_ACTOR = re.compile(r"(省|州|盟|县|区|旗)委[^，。；：“”]{0,12}?在$")
_VENUE_VERB = re.compile(r"(?:召开|举行|举办|开班)")


def _venue_host(text: str, m: LocalityMention) -> Locality | None:
    """The area of the body that holds a meeting at place `m` (省委组织部在西宁召开 -> 西宁's province), or
    None when `m` is no venue of a body of another level."""
    actor = _VENUE_ACTOR.search(text, max(0, m.start - 16), m.start)
    if actor is None or m.locality is None or not _VENUE_VERB.match(text, m.end):
        return None
    levels = AREA_LEVELS.get(actor.group(1), ())
    return None if m.locality.level in levels else _above(m.locality, levels)


_REPORTED_AREA = re.compile("该" + _AREA_WORD)


def _reported_area(text: str, m: LocalityMention) -> Locality | None:
    """The county (city …) a report goes on to call 该县 when the first place it names is one of its
    towns or villages (宁化县淮土乡党委书记来到田背村…，连日来，该县…): the report is about the county."""
    area = _REPORTED_AREA.search(text, m.end)
    if area is None or m.locality is None or m.locality.level not in ("town", "village"):
        return None
    return _above(m.locality, AREA_LEVELS.get(area.group(1), ()))


def _in_quotes(text: str, i: int) -> bool:
    """Position i lies inside a “…” quotation of more than a name (speech, not a brand)."""
    open_ = text.rfind("“", 0, i)
    if open_ < 0 or text.rfind("”", 0, i) > open_:
        return False
    close = text.find("”", i)
    return (close if close >= 0 else len(text)) - open_ > 16


_WHOLE_AREA = re.compile("(?:全|我|本)" + _AREA_WORD)
# the text's own area in its own words (我市, 全县) or a report's (该县: 崇阳为期2天的…，来自该县…)
_AREA_ANAPHOR = re.compile("(?:全|我|本|该)" + _AREA_WORD)
# a title opening with a county-like name the table does not know (a misprint, a new name): not ours
# a title led by a county the gazetteer does not know (某某县…), not by the whole area (在全市…会议上的讲话)
_UNKNOWN_PLACE = re.compile(
    r"^(?!在?[全我本该各])[\u4e00-\u9fff]{2,4}(?<![全我本该各])(?:县|市|区|旗)(?![委级直域])"
)  # (关于全市…的调研 is about the own area: no unknown place)


def _reached(text: str, m: LocalityMention) -> bool:
    """A place a verb goes to or takes (赴, 到, 学习, 对接 … right before it)."""
    return bool(REACHED.search(text[max(0, m.start - 2) : m.start]))


def _not_gone_to(text: str, found: list[LocalityMention]) -> list[LocalityMention]:
    """The mentions that are not places gone to: reached by a verb (赴浙江省杭州市临安区), or listed
    right after one (…临安区、湖州市安吉县，江苏省苏州市张家港市等地)."""
    out, prev_end = [], -1
    for m in found:
        listed = prev_end >= 0 and text[prev_end : m.start] in ("、", "，", "和", "及", "与")
        if _reached(text, m) or listed:
            prev_end = m.end
            continue
        prev_end = -1
        out.append(m)
    return out


def _passing(text: str, m: LocalityMention) -> bool:
    """A place mentioned on the way: reached by a verb, or one of a list (…镇、…镇等)."""
    return _reached(text, m) or text[m.end : m.end + 1] in "、等"


def _own_article_place(text: str, title_end: int, found: list[LocalityMention], city: Locality) -> Locality:
    """The place of an article of the bulletin's own (no place in its title, not under a section of items
    from elsewhere): the first place of the bulletin's own area its text names (榆次区 in a 晋中 bulletin),
    else a place outside it that the title or the opening words name as the subject (近日，四川省蓬溪县…:
    an item from elsewhere), else the bulletin's own place (市委组织部落实…, 组工干部“一企一员”…). A
    place reached by a verb (赴浙江安吉学习) is where they went, not who acts. A title or opening words
    about the whole own area (全省年轻干部工作推进会…, 我省深化…) are the bulletin's own place, whatever
    places the text goes on to name."""
    opening = OPENING_TIME.match(text, title_end + 1)
    dated = OPENING_YEAR.match(text)  # (2024年全县…情况, 2023年上半年全区…: a table's title)
    whole = _WHOLE_AREA.match(text, dated.end() if dated else 0) or _WHOLE_AREA.match(
        text, opening.end() if opening else title_end + 1
    )
    if whole and city.level in AREA_LEVELS.get(whole.group(1), ()):
        return city  # (the whole area as the subject: 兴隆镇在全县率先… is the town's)
    for m in found:
        if city.code in {loc.code for loc in m.locality.chain()}:
            if m.locality.level in ("town", "village") and _passing(text, m):
                continue  # 下沉到鄣吴镇、杭垓镇等8个乡镇: where people went, one of a list
            return m.locality
    above = {loc.code for loc in city.chain()[1:]}
    for m in found:
        subject = m.start < title_end or m.start <= title_end + 1 + 12
        if subject and not _reached(text, m) and m.locality.code not in above:
            return m.locality  # (not the province the bulletin's place lies in: 今年是海南全岛…)
    return city


def _article(doc: Document, a: ArticleDraft, city: Locality | None) -> Article:
    body = span_text(doc, a.body_start, a.body_end)
    head = span_text(doc, a.start, a.body_start).text if a.kind == "news" else ""
    locality, loc_text, notes = _article_locality(a, body.text, city, head)
    unit = parse_unit(a.unit_text, within=locality or city) if a.unit_text else None
    if a.unit_text and unit is None:
        notes.append(f"报送单位“{a.unit_text}”未能识别")
    head_label = _headline(a.title, a.title_locality)
    practices = []
    lead = _lead_with_figures(doc, a, locality or city, head_label)
    for i, seg in enumerate(a.segments, start=1 + bool(lead)):
        practices.append(_practice(doc, a, seg, i, locality or city, head_label))
    practices[:0] = lead
    titled = bool(a.title_locality) or bool(a.unit_text) and loc_text == a.unit_text
    if not titled and len({p.locality.key for p in practices if p.locality}) >= 2:
        locality, loc_text = _shared_place([p.locality for p in practices if p.locality]), None
    art_quote = doc.quote(a.start, a.end)
    documents = _cited(a.title, body.text, practices)
    return Article(
        index=a.index,
        kind=a.kind,
        section=a.section,
        title=a.title,
        quote=art_quote,
        locality=locality,
        locality_text=loc_text,
        reporting_unit=unit,
        practices=tuple(practices),
        documents=documents,
        unresolved=tuple(notes),
    )


def _lead_with_figures(
    doc: Document, a: ArticleDraft, where: Locality | None, headline: str
) -> list[Practice]:
    """The lead paragraph before an article's first measure, as a practice of its own when it reports
    figures (截至6月底，全市已建立一线干部表现档案2100余份。 / 累计选派第一书记和驻村工作队员416名): the
    article's headline measure and its scale. Without figures a lead is a preamble (今年以来，某县坚持…)
    and no practice; its documents are still the article's."""
    segs = a.segments
    if not segs or segs[0].marker in ("none", "lead"):
        return []
    end = segs[0].start
    for m in _PARAGRAPH_START.finditer(doc.text, a.body_start, end):
        if marker_end(doc.text, m.end()) > m.end():  # 一、坚持问题导向…: a part's heading, not the lead
            end = m.start()
            break
    text = doc.text[a.body_start : end]
    if not _NUMERAL.search(text):
        return []  # no figure can be there: no practice to build and throw away
    start = a.body_start + len(text) - len(text.lstrip())
    seg = SegmentDraft(start, start + len(text.strip()), None, "lead")
    lead = _practice(doc, a, seg, 1, where, headline)
    return [lead] if lead.outcomes else []


_PARAGRAPH_START = re.compile(r"\n[ \t\u3000]*")
_NUMERAL = re.compile(r"[0-9一二三四五六七八九十百千万两]")


def _cited(title: str, body: str, practices: list[Practice]) -> tuple[DocumentRef, ...]:
    """Every document the article cites: in its title, its lead paragraph or any practice, each once."""
    seen: dict[tuple[str, str], DocumentRef] = {}
    for d in (*_documents(title), *_documents(body), *(d for p in practices for d in p.documents)):
        seen.setdefault((d.title, d.kind), d)
    return tuple(seen.values())


def _headline(title: str, place: str | None) -> str:
    """The title without its leading place name: 做实分级定档，强化村党组织书记专业化管理. A colon soon
    after the place ends a longer place phrase (天荒坪镇余村：…, the village of the named town); with no
    place found for the title, a colon after a place name it opens with does. A main title over a
    subtitle that opens with the place (让年轻干部在基层“墩苗”成长——赫章县实施年轻干部“蹲苗”计划) is
    named by the subtitle's measure (实施年轻干部“蹲苗”计划)."""
    main, dash, sub = title.partition("——")
    if dash and (measure := _measure_after_place(sub.strip("— "))):
        return measure
    if place and title.startswith(place):
        rest, tail = title[len(place) :], _PLACE_TAIL
    else:
        rest, tail = title, 0
    colon = next((k for k, ch in enumerate(rest[: _PLACE_TAIL * 2 + 1]) if ch in "：:"), None)
    if colon is not None and not any(ch in '，,。“”"《》 ' for ch in rest[:colon]):
        if colon <= tail or _opens_with_place(rest[:colon]):
            rest = rest[colon:]
    return rest.lstrip("：: ").strip() or title


def _measure_after_place(sub: str) -> str | None:
    """What a subtitle says its place does (赫章县实施…计划 -> 实施…计划), when it opens with a place."""
    first = next((m for m in find_localities(sub) if m.start == 0 and m.locality is not None), None)
    rest = sub[first.end :].lstrip("：: ") if first else ""
    return rest if len(rest) >= 4 and rest[0] not in "委级直的等" else None


def _opens_with_place(text: str) -> bool:
    """A place name: known (the gazetteer, county level and above), or shaped like a town, village or
    community, which the gazetteer does not hold (智慧城市 is no place: 市 alone is not enough)."""
    return bool(_PLACE_NAME.fullmatch(text)) or any(m.start == 0 for m in find_localities(text))


_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{2,10}(?:镇|乡|街道|村|社区)")


_PLACE_TAIL = 8  # characters of a place phrase after the article's place (a village, a community)


def _shared_place(places: list[Locality]) -> Locality | None:
    """The lowest county, city or province all `places` lie in (a compilation of towns of one county is
    that county's; of counties from several provinces, no place's)."""
    common = [x for x in places[0].chain() if all(x.key in {y.key for y in p.chain()} for p in places[1:])]
    return next((x for x in common if x.level in PLACE_LEVELS), None)


# an item led by its place and a colon: 四川丹棱县：“一线工作法”锤炼干部。 / 青山镇：…
def _own_place(text: str, where: Locality | None) -> Locality | None:
    """The place an item names as its own at its head (`地名：…`), resolved near `where`."""
    name = colon_place(text)
    return resolve(name, within=where).locality if name else None


def _practice(
    doc: Document, a: ArticleDraft, seg: SegmentDraft, index: int, where: Locality | None, headline: str
) -> Practice:
    m = span_text(doc, seg.start, seg.end)
    text = m.text.strip()
    own_place = _own_place(text, where)
    where = own_place or where
    context = " ".join(x for x in (seg.parent_heading, seg.heading) if x)
    heading_of_sole_measure = headline if len(a.segments) <= 1 else ""  # an article of one measure
    outcomes = tuple(
        dataclasses.replace(o, start=q.start, end=q.end, text=q.text)
        for o in find_outcomes(m.text)
        for q in [_quote(doc, m, o.start, o.end)]
    )
    units: list[Unit] = []
    seen: set[str] = set()
    for _s, _e, unit in find_units(m.text, within=where):
        if unit.name not in seen:
            seen.add(unit.name)
            units.append(unit)
    # the practice's own slogan, else the one its article's headline names (“青蓝接力”计划: each measure of
    # the article belongs to it); the label is made from the practice's own words only
    own = find_brands(context + "。" + text)
    brands = own or headline_brands(headline)
    return Practice(
        key=digest(f"{a.title}\n{text}"),
        index=index,
        label=practice_label(seg.marker, seg.heading, text, headline, own[0] if own else None),
        brand=brands[0] if brands else None,
        quote=doc.quote(seg.start, seg.end),
        text=text,
        types=tuple(classify_types(text, context or heading_of_sole_measure or None)),
        targets=tuple(dict.fromkeys(h.concept for h in find_targets(context + "。" + text))),
        outcomes=outcomes,
        documents=_documents(m.text),
        units=tuple(units),
        localities=tuple(x for x in find_localities(m.text, within=where) if x.reason != "anaphora"),
        locality=own_place,
    )
