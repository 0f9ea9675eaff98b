"""Clean display text: what a report, a page or a JSON answer shows a person of a quoted source.

    from kg.text import display_text
    shown = display_text(quote)          # quote: the exact source text (ckg:quote of a SourceSpan)

The graph keeps provenance exact: `ckg:quote` is the source text byte for byte and its offsets point into
the source. That text still carries what a PDF or Word conversion left (spaces between Chinese characters,
`**bold**` and `##` markers, line breaks inside a paragraph, converter pinyin 社區(qū)). Display text removes
exactly what the read stage's normalisation removes (it runs `kg.read.normalize`, the one definition of
that cleaning), and keeps a line break only where a sentence ends or a numbered part starts.

Script. Normalisation also folds traditional characters to simplified, for analysis. Display text does not,
by default, for an item written in traditional characters (a reposted web article): a quote is evidence,
and a reader must be able to find it in the source and cite it as written (DOMAIN.md: "quote the original");
a converter can also choose the wrong simplified form where the traditional text is unambiguous. A few
traditional characters inside a simplified text (作為 in a simplified bulletin) are conversion debris, not
the author's script, and are folded like the other debris. A reader who wants everything in simplified
characters (a memo for a mainland office) asks for `script="simplified"`. Labels (practice and outcome
names) are the project's own words, built from the normalised text, and are always simplified.

Works on a quote (the usual case) and on already clean text alike (display_text(display_text(x)) ==
display_text(x)); pure, no state, no I/O.

>>> display_text("专项整 顿先行。建立健 全**细化工作重点**。")
'专项整顿先行。建立健全细化工作重点。'
>>> display_text("## 一、年 轻干部\\n选派 50 余名优秀年轻科级干部到乡镇\\n\\n挂任专职副书记。\\n\\n二是关心关爱。")
'一、年轻干部\\n选派50余名优秀年轻科级干部到乡镇挂任专职副书记。\\n二是关心关爱。'
>>> display_text("他們在社區(qū)推動實施辦法, 作為試點。")
'他們在社區推動實施辦法，作為試點。'
>>> display_text("他們在社區(qū)推動實施辦法, 作為試點。", script="simplified")
'他们在社区推动实施办法，作为试点。'
>>> display_text("全市推行作為试点的社区民调制度，涉及干部考察、谈心谈话等十余项工作。")
'全市推行作为试点的社区民调制度，涉及干部考察、谈心谈话等十余项工作。'
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.lazyre import lazy
from kg.read.normalize import normalize

SCRIPTS = ("source", "simplified")
_STRAY_SHARE = 0.02  # at most this share of the Chinese characters folded: debris, not the item's script
_STRAY_MIN = 2
_SENTENCE_END = "。！？；…”’）」』"
_BREAK = lazy(r"[ \t]*\n[\s]*")
_CJK = lazy(r"[\u3400-\u9fff\uf900-\ufaff]")
_INNER_END = lazy(r"[。！？；]")
_MARKER = lazy(r"[一二三四五六七八九十]{1,3}(?:、|是)|（[一二三四五六七八九十]{1,3}）|\d{1,2}[、.．]|△|★")


@lru_cache(maxsize=1 << 16)  # a build shows each quote in the site and again in the reports
def display_text(text: str, *, script: str = "source") -> str:
    """Clean text for a person, from a quote or a normalised text (see the module docstring).

    script: "source" keeps an item written in traditional characters as written (stray traditional
    characters in a simplified text are folded); "simplified" folds every character.
    """
    if script not in SCRIPTS:
        raise ValueError(f"script must be one of {SCRIPTS}, not {script!r}")
    if not text:
        return ""
    mapped, _bold = normalize(text, part=True)  # a quote's top is no masthead
    clean = mapped.text
    if script == "source":
        clean = _original_script(text, clean, mapped.offsets)
    return _join_lines(clean).strip()


def _original_script(source: str, clean: str, offsets) -> str:
    """Put back the source's own characters where normalisation only changed their script."""
    # the source's character behind each clean one (a C loop), compared whole first: most texts are equal
    behind = "".join(map(source.__getitem__, offsets[: len(clean)]))
    if behind == clean:
        return clean
    # positions whose character differs from the source's, then only those that are Chinese
    differ = [i for i, (ch, was) in enumerate(zip(clean, behind, strict=True)) if was != ch]
    changed = [i for i in differ if _CJK.match(clean[i]) and _CJK.match(source[offsets[i]])]
    if not changed:
        return clean
    cjk = len(_CJK.findall(clean))
    if len(changed) <= max(_STRAY_MIN, _STRAY_SHARE * cjk):
        return clean  # a few stray characters: conversion debris, folded
    out = list(clean)
    for i in changed:
        out[i] = source[offsets[i]]
    return "".join(out)


def _join_lines(text: str) -> str:
    """One line per paragraph: a break is kept only after the end of a sentence, a heading, or around a
    table's row (a page break or a PDF's line wrap inside a sentence is joined)."""

    def join(m: re.Match) -> str:
        # the line before the break (no copy of all the text before it: a quote may break at every line)
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].rstrip()
        ends = bool(line) and line[-1] in _SENTENCE_END
        # 一、年轻干部 on a line of its own (not a wrapped line that opens with 三是 and runs on)
        heading = len(line) <= 40 and _MARKER.match(line) and not _INNER_END.search(line)
        end = text.find("\n", m.end())
        nxt = text[m.end() : end if end >= 0 else None]
        row = "\t" in line or "\t" in nxt  # a table's rows stay rows (2021年\t14\t6, not 62022年)
        return "\n" if ends or heading or row or _MARKER.match(text, m.end()) else ""

    return _BREAK.sub(join, text)
