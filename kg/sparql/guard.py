"""SPARQL that stays home: a query naming SERVICE (a federated call, which Oxigraph makes over HTTP to any
address) is refused by `kg query` and by `kg serve`, before it reaches the engine.

The check lexes just enough SPARQL to skip the places where the word may appear harmlessly — string
literals, IRIs, comments, variables (?service), prefixed names (ex:service, service:x), language tags
(@service) — and refuses the keyword anywhere else, in any case. It errs on the side of refusing: a text
is checked as written and again with its \\uXXXX escapes decoded (the SPARQL specification decodes them
before parsing), and a word joined to a name by anything but ':' '?' '$' '@' counts as the keyword.

>>> calls_service('SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
True
>>> calls_service('SELECT ?service WHERE { ?s ex:service "SERVICE" } # SERVICE')
False
"""

from __future__ import annotations

import re

from kg.errors import QueryError

_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z0-9_\u00b7\u00c0-\U000effff]+")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_NAME_JOINS = ":?$@"  # a word right after one of these is part of a name, variable or language tag


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return m.group(0)

    return _ESCAPE.sub(one, text)


def _words(text: str) -> list[tuple[str, str, str]]:
    """(character before, word, character after) of every word outside strings, IRIs and comments."""
    out: list[tuple[str, str, str]] = []
    i, n = 0, len(text)
    code: list[str] = []  # the text with strings, IRIs and comments blanked out
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            code.append(" ")
            continue
        if c == "<":
            m = _IRI.match(text, i)
            if m:
                i = m.end()
                code.append(" ")
                continue
        if c in "'\"":
            end = _string_end(text, i)
            if end is not None:
                i = end
                code.append(" ")
                continue
        code.append(c)
        i += 1
    flat = "".join(code)
    for m in _WORD.finditer(flat):
        before = flat[m.start() - 1] if m.start() else " "
        after = flat[m.end()] if m.end() < len(flat) else " "
        out.append((before, m.group(0), after))
    return out


def _string_end(text: str, i: int) -> int | None:
    """Where the string literal opening at i ends (after its closing quote), or None when it is not a
    well-formed one (the quote is then read as code: the check errs towards refusing)."""
    q = text[i]
    n = len(text)
    if text.startswith(q * 3, i):  # long string: may hold line breaks
        j = i + 3
        while j < n:
            if text[j] == "\\":
                j += 2
                continue
            if text.startswith(q * 3, j):
                while j + 3 < n and text[j + 3] == q:  # '''a'''' ends with the last three quotes
                    j += 1
                return j + 3
            j += 1
        return None
    j = i + 1
    while j < n:
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c in "\r\n":
            return None
        if c == q:
            return j + 1
        j += 1
    return None


def calls_service(text: str) -> bool:
    """Whether the query text names the SERVICE keyword (see the module docstring)."""
    for variant in {text, _unescape(text)}:
        for before, word, after in _words(variant):
            if word.lower() == "service" and before not in _NAME_JOINS and after != ":":
                return True
    return False


def check(text: str, origin: str = "query") -> None:
    """QueryError when the query would call another endpoint."""
    if calls_service(text):
        raise QueryError(
            f"{origin}: SERVICE（联邦查询）会向外部地址发出网络请求，本机查询不允许使用；请只查询本地图谱"
        )
