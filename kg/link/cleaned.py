"""The analysis form of a text a reader gives or a practice holds."""

from __future__ import annotations


def clean_query(text: str) -> str:
    """The analysis form of a query: a pasted web page's chrome dropped (kg.text.webpage), then the read
    stage's normalisation (simplified, no layout debris)."""
    from kg.read.normalize import flatten, normalize
    from kg.text.webpage import page_text

    return flatten(normalize(page_text(text))[0]).text.strip()


def query_paragraphs(text: str) -> list[str]:
    """The cleaned query's paragraphs (clean_query joins every line): a line ends one where it ends a
    sentence (。！？；), so a text hard-wrapped by its source is not cut mid-sentence."""
    import re

    from kg.read.normalize import flat_text, normalize
    from kg.text.webpage import page_text

    lines = normalize(page_text(text))[0].text.split("\n")
    out, cur = [], ""
    for line in lines:
        cur += line.strip()
        if cur and (not line.strip() or re.search(r"[。！？；!?;]\s*$", line)):
            out.append(flat_text(cur))
            cur = ""
    return out + ([flat_text(cur)] if cur else [])
