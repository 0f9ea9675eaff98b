"""RDF terms as N-Triples / N-Quads text: the one place that knows the syntax (the graph stage writes
bulletins with it, kg/link/write.py the links graph)."""

from __future__ import annotations

import re

XSD = "http://www.w3.org/2001/XMLSchema#"

# N-Triples STRING_LITERAL_QUOTE may hold any character but these four, which must be escaped
_ESCAPE = re.compile(r'[\\"\n\r]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def iri_term(iri: object) -> str:
    return f"<{iri}>"


def literal(value: str, suffix: str = "") -> str:
    """A literal: suffix is "" (xsd:string), "@zh" or "^^<datatype>".

    >>> literal('say "hi"\\n', "@zh")
    '"say \\\\"hi\\\\"\\\\n"@zh'
    """
    if _ESCAPE.search(value):
        value = _ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], value)
    return f'"{value}"{suffix}'


def zh(text: str) -> str:
    return literal(text, "@zh")


def typed(value: object, dtype: str) -> str:
    return literal(str(value), f"^^<{XSD}{dtype}>")


def string(value: str) -> str:
    return literal(value)
