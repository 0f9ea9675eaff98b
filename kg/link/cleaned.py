"""The analysis form of a text a reader gives or a practice holds."""

from __future__ import annotations


def clean_query(text: str) -> str:
    """The analysis form of a query: a pasted web page's chrome dropped (kg.text.webpage), then the read
    stage's normalisation (simplified, no layout debris)."""
    from kg.read.normalize import flatten

    return flatten(_normalized(text)).text.strip()


def clean_query_paragraphs(text: str) -> tuple[str, list[str]]:
    """clean_query's text and its paragraphs (clean_query joins every line), normalised once: a line ends a
    paragraph where it ends a sentence (。！？；), so a text hard-wrapped by its source is not cut mid-sentence."""
    import re

    from kg.read.normalize import flat_text, flatten

    m = _normalized(text)
    out, cur = [], ""
    for line in m.text.split("\n"):
        cur += line.strip()
        if cur and (not line.strip() or re.search(r"[。！？；!?;]\s*$", line)):
            out.append(flat_text(cur))
            cur = ""
    return flatten(m).text.strip(), out + ([flat_text(cur)] if cur else [])


def _normalized(text: str):
    from kg.read.normalize import normalize
    from kg.text.webpage import page_text

    return normalize(page_text(text))[0]
