"""How the catalog asks the store: whole-store or bound to a set of IRIs in batches, through `select`.

Every question of the catalog is a SPARQL text with one `%s` slot at the start of its group. Asked of the
whole store the slot stays empty; asked of some IRIs it holds `VALUES ?var { <…> … }` for one batch of
them, and the question runs once per batch, so it costs what its IRIs hold, not what the store holds.

The shape follows what was measured: of the whole store, one single-pattern question per property,
joined in Python, is ~2x faster than one query of OPTIONAL joins (and than `quads_for_pattern` scans) at
30k practices; bound to a few hundred IRIs, one query of OPTIONALs is ~2x faster than a question per
property (each bound question pays its VALUES join again). `table` and `lists` ask either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from kg.lazyre import lazy

T = TypeVar("T")

_CLASS = lazy(r"^\?s a [\w:]+ ; ")
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


def table(
    gs: Any,
    required: str,
    columns: dict[str, str],
    iris: Iterable[str] | None = None,
    *,
    subjects: bool = True,
) -> tuple[list[str], dict[str, dict[str, str]]]:
    """(the subjects, column -> ?s -> its first ?o) of a record kind: `required` is what every subject
    matches (say "?s a ckg:Practice"), `columns` name one pattern from ?s to ?o each (a pattern may
    name its class too, where several classes share the property). Whole store: one question per
    column (and one for the subjects, unless `subjects` is False); bound to `iris`: one question of
    OPTIONALs per batch."""
    cols: dict[str, dict[str, str]] = {name: {} for name in columns}
    if iris is None:
        found = gs.query(f"SELECT ?s WHERE {{ {required} }}") if subjects else ()
        subjects_ = sorted({r[0].value for r in found})
        for name, pattern in columns.items():
            cols[name] = first(gs, pattern)
        return subjects_, cols
    # bound, the class is `required`'s: named again inside an OPTIONAL it made the engine join the whole
    # class (5x slower at 160 practices)
    names = list(columns)
    optional = " ".join(
        "OPTIONAL { " + _CLASS.sub("?s ", columns[n]).replace("?o", f"?v{k}").replace("?x", f"?x{k}") + " }"
        for k, n in enumerate(names)
    )
    heads = " ".join(f"?v{k}" for k in range(len(names)))
    found: set[str] = set()
    for r in select(gs, f"SELECT ?s {heads} WHERE {{ %s {required} {optional} }}", "s", iris):
        s = r[0].value
        found.add(s)
        for k, n in enumerate(names):
            term_ = r[k + 1]
            if term_ is not None:
                cols[n].setdefault(s, term_.value)
    return sorted(found), cols


def lists(
    gs: Any, columns: dict[str, str], iris: Iterable[str] | None = None
) -> dict[str, dict[str, list[str]]]:
    """Column -> ?s -> every ?o (without repeats, in the store's order) of properties a subject has
    several of. Whole store: one question per column; bound: one question of a UNION per batch."""
    if iris is None:
        return {name: every(gs, pattern) for name, pattern in columns.items()}
    names = list(columns)
    branches = " UNION ".join(f"{{ {columns[n]} BIND({k} AS ?k) }}" for k, n in enumerate(names))
    out: dict[str, dict[str, list[str]]] = {name: {} for name in names}
    for r in select(gs, f"SELECT ?s ?k ?o WHERE {{ %s {branches} }}", "s", iris):
        got = out[names[int(r[1].value)]].setdefault(r[0].value, [])
        if r[2].value not in got:
            got.append(r[2].value)
    return out
