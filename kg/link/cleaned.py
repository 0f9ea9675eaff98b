"""The analysis form of a text a reader gives or a practice holds."""

from __future__ import annotations


def clean_query(text: str) -> str:
    """The analysis form of a query: a pasted web page's chrome dropped (kg.text.webpage), then the read
    stage's normalisation (simplified, no layout debris)."""
    from kg.read.normalize import flatten, normalize
    from kg.text.webpage import page_text

    return flatten(normalize(page_text(text))[0]).text.strip()
