"""The input gate: what a file must look like to be taken as a bulletin, and how large it may be.

Bulletins are a few thousand to a few tens of thousands of characters: a masthead (name such as 某某组工信息,
issue number 第 N 期, date), then articles. Anything else is refused on one line naming the file and
what is missing; `--as-article` takes such a file as one article (a news item, a reposted report).
Every bound below is a refusal naming the file, checked before the costly step it protects:

  file size                 KG_MAX_FILE_MB (30)            before reading (kg.read.max_bytes)
  .docx inflated XML        KG_MAX_DOCX_MB (20)            from the zip's directory, before unzipping
  text                      KG_MAX_TEXT_CHARS (1,000,000)  after decoding, before normalising
  articles / practices      500 / 2,000 per file           after splitting, before extraction
  one practice's text       10,000 characters              after splitting, before extraction
  outcomes (figures)        5,000 per file                 after extraction, before the store

A real bulletin is far from each (the sample and the bulletins from other provinces: ≤ 7 articles,
≤ 30 practices of ≤ 620 characters, ≤ 40 figures, ≤ 11,000 characters). The practice bound keeps the
extraction's cost per practice small: matching concepts in one practice grows with the square of its
mentions (an 84,000-character "practice" of repeated figures took 37 s).
"""

from __future__ import annotations

import os
import re

from kg.errors import InputError, ParseError
from kg.model import Bulletin, BulletinDraft

MIN_CHINESE = 100  # characters of Chinese text below which a file is no bulletin nor article
MAX_ARTICLES = 500
MAX_PRACTICES = 2_000
MAX_OUTCOMES = 5_000
MAX_PRACTICE_CHARS = 10_000
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
AS_ARTICLE_HINT = "如确是单篇文章（新闻稿、转载材料），用 --as-article 导入"


def _limit(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, "") or default)
    except ValueError:
        return default


def max_text_chars() -> int:
    return int(_limit("KG_MAX_TEXT_CHARS", 1_000_000))


def max_docx_bytes() -> int:
    return int(_limit("KG_MAX_DOCX_MB", 20) * 1024 * 1024)


def check_text_size(text: str, path: str) -> None:
    """Refuse a decoded text longer than any bulletin (a 10 MB single line took 105 s and 2.1 GB)."""
    limit = max_text_chars()
    if len(text) > limit:
        raise InputError(
            path,
            f"文本过长（{len(text):,} 字符，上限 {limit:,}；一期公报通常为几千到几万字符）；"
            "如确需导入，请拆分文件或设置 KG_MAX_TEXT_CHARS",
        )


def chinese_chars(text: str) -> int:
    return len(_HAN.findall(text))


def admit(draft: BulletinDraft, *, as_article: bool = False) -> BulletinDraft | None:
    """The draft when it is a bulletin; None when it is not one but `as_article` takes it as a single
    article (the caller re-splits it so); ParseError naming what is missing otherwise."""
    doc, mh = draft.document, draft.masthead
    han = chinese_chars(doc.text)
    if han < MIN_CHINESE:
        raise ParseError(
            doc.path, f"中文内容太少（{han} 个汉字，至少需要 {MIN_CHINESE} 个），不是公报也不是文章"
        )
    missing = []
    if not mh.name:
        missing.append("刊名（如“某某组工信息”）")
    if mh.issue is None:
        missing.append("期号（第 N 期）")
    if mh.date is None:
        missing.append("日期")
    if not missing:
        return _bounded(draft)
    if as_article:
        return None
    raise ParseError(doc.path, f"不像一期公报：报头缺少{'、'.join(missing)}；{AS_ARTICLE_HINT}")


def _bounded(draft: BulletinDraft) -> BulletinDraft:
    path = draft.document.path
    n_articles = len(draft.articles)
    if n_articles > MAX_ARTICLES:
        raise ParseError(path, f"文章过多（{n_articles} 篇，每个文件上限 {MAX_ARTICLES} 篇）；请拆分文件")
    n_segments = sum(len(a.segments) or 1 for a in draft.articles)
    if n_segments > MAX_PRACTICES:
        raise ParseError(
            path, f"做法条目过多（{n_segments} 条，每个文件上限 {MAX_PRACTICES} 条）；请拆分文件"
        )
    spans = [(s.start, s.end) for a in draft.articles for s in a.segments]
    spans += [(a.body_start, a.body_end) for a in draft.articles if not a.segments]
    longest = max((e - s for s, e in spans), default=0)
    if longest > MAX_PRACTICE_CHARS:
        raise ParseError(
            path,
            f"有一条做法长达 {longest:,} 字符（上限 {MAX_PRACTICE_CHARS:,}；一条做法通常几百字符）；"
            "不像公报，请检查文件",
        )
    return draft


def bound_article(draft: BulletinDraft) -> BulletinDraft:
    """The practice bound for a file taken as one article."""
    return _bounded(draft)


def bound_facts(b: Bulletin) -> Bulletin:
    """Refuse a file whose extraction found more figures than any bulletin holds (a 10 MB line of
    digits gave 106,000 'outcomes' and 1.17M triples)."""
    n = sum(len(p.outcomes) for a in b.articles for p in a.practices)
    if n > MAX_OUTCOMES:
        raise ParseError(
            b.source_path, f"数字成效过多（{n:,} 项，每个文件上限 {MAX_OUTCOMES:,} 项）；不像公报，请检查文件"
        )
    return b
