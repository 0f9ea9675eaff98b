"""How the catalog asks the store: flat patterns, whole-store or bound to a set of IRIs in batches.

Every question of the catalog is a SPARQL text with one `%s` slot at the start of its group. Asked of the
whole store the slot stays empty; asked of some IRIs it holds `VALUES ?var { <…> … }` for one batch of
them, and the question runs once per batch. Single-pattern questions joined in Python were measured
~2x faster than one query of OPTIONAL joins (and than `quads_for_pattern` scans) at 30k practices, and
a bound question costs what its IRIs hold, not what the store holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

BATCH = 400  # IRIs per VALUES clause: large enough that the fixed cost of a query does not matter
_BAD = frozenset('<>"{}|^`\\ \n\t')


def is_iri(value: str) -> bool:
    """Whether `value` can be written as <value> into query text (IRIs here come from the store; this
    refuses anything that could break out of the brackets)."""
    return bool(value) and not (_BAD & set(value))


def term(value: str) -> str:
    """An IRI as a SPARQL term."""
    if not is_iri(value):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


def values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(term(i) for i in iris)} }}"


def batches(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    """The items (IRIs, or pairs of them), sorted and without repeats, in lists of at most `size`."""
    ordered = sorted(set(items))
    for k in range(0, len(ordered), size):
        yield ordered[k : k + size]


def select(gs: Any, query: str, var: str = "s", iris: Iterable[str] | None = None) -> Iterator[Any]:
    """The solutions of `query` (a text with one `%s` slot): of the whole store when `iris` is None,
    else of `?var` bound to each batch of `iris`."""
    if iris is None:
        yield from gs.query(query % "")
        return
    for part in batches(iris):
        yield from gs.query(query % values(var, part))


def pairs(gs: Any, pattern: str, iris: Iterable[str] | None = None) -> Iterator[tuple[str, str]]:
    """(?s, ?o) of one pattern written with ?s and ?o, for every subject or for the subjects `iris`."""
    for r in select(gs, "SELECT ?s ?o WHERE { %s " + pattern + " }", "s", iris):
        yield r[0].value, r[1].value


def first(gs: Any, pattern: str, iris: Iterable[str] | None = None) -> dict[str, str]:
    """?s -> the first ?o of one pattern (a property a subject has once)."""
    out: dict[str, str] = {}
    for s, o in pairs(gs, pattern, iris):
        out.setdefault(s, o)
    return out


def every(gs: Any, pattern: str, iris: Iterable[str] | None = None) -> dict[str, list[str]]:
    """?s -> every ?o of one pattern, without repeats, in the order the store gives them."""
    out: dict[str, list[str]] = {}
    for s, o in pairs(gs, pattern, iris):
        got = out.setdefault(s, [])
        if o not in got:
            got.append(o)
    return out
