"""Bundled queries rewritten for speed answer exactly as before.

tests/data/queries-before/NAME.rq keeps the text a query had before it was reshaped for the engine's
planner (issue #7). Each text is seeded by its own `# seed:` lines (a seed added later starts the new
text from the asked name; the old one is run as it was) and both must give the same rows, in the same
order as far as the ORDER BY decides it, unbound and for many bound values, on the hand-made store and
on the pipeline-built sample.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_queries import PARAM_SOURCES as SOURCES
from test_queries import build_mini_store

from kg.sparql import query as q
from kg.store import GraphStore

BEFORE = Path(__file__).parent / "data" / "queries-before"
NAMES = sorted(p.stem for p in BEFORE.glob("*.rq"))


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    return build_mini_store(tmp_path_factory.mktemp("mini-rewrites") / "store")


def _cell(term) -> tuple:
    """A value; a GROUP_CONCAT (、 or ；) as the sorted set of its parts, its order being the engine's."""
    if term is None:
        return ("",)
    text = term.value if isinstance(term, ox.Literal) else str(term)
    return tuple(sorted(re.split("[、；]", text))) if "、" in text or "；" in text else (text,)


def _order_keys(text: str) -> list[str]:
    clause = text[text.rindex("ORDER BY") :]
    return re.findall(r"\?(\w+)", clause)


def _answer(gs: GraphStore, b: q.BundledQuery, values: dict) -> tuple[list, list, list]:
    text = b.text
    res = gs.query(q.seeded(gs, b, text, values), values)
    names = [v.value for v in res.variables]
    rows = [tuple(_cell(s[n]) for n in names) for s in res]
    keys = [names.index(k) for k in _order_keys(text) if k in names]
    return names, sorted(rows), [tuple(r[i] for i in keys) for r in rows]


def _values(gs: GraphStore, param: str) -> list[str]:
    if param == "peers":
        return ["province", "all", "没有这个值"]
    sources = [SOURCES[param]] if param in SOURCES else THEMES  # a theme: a group, a type or a brand
    found: list[str] = []
    for query, column in sources:
        found += sorted({s[column].value for s in q.run(gs, query) if s[column] is not None} - {""})[:15]
    return found + ["没有这个值", "村书记", "干部考察", "选"]


THEMES = [SOURCES["targetGroup"], SOURCES["practiceType"], ("brands", "brand")]


@pytest.mark.parametrize("name", NAMES)
def test_rewritten_query_answers_as_before(name, mini, sample_store):
    b = next(x for x in q.bundled() if x.name == name)
    before = q.parse(BEFORE / f"{name}.rq")
    assert before.text != b.text, "the reference is the old text"
    assert before.params == b.params
    for store in (mini, sample_store):
        with GraphStore(store, read_only=True) as gs:
            cases = [{}] + [{p: q._term(v)} for p in b.params for v in _values(gs, p)]
            for values in cases:
                assert _answer(gs, b, values) == _answer(gs, before, values), (name, values)


def test_a_bound_choice_drops_the_other_groups():
    """`{  # only when ?peers is all`: asked with another value, the group is not evaluated (its rows would
    all be filtered out), locally and on a remote endpoint; unbound, the text is unchanged."""
    from kg.errors import QueryError
    from kg.sparql import remote

    b = next(x for x in q.bundled() if x.name == "gaps")
    assert q.narrowed(b, b.text, {}) == b.text
    province = q.narrowed(b, b.text, {"peers": "province"})
    assert 'BIND("province" AS ?peers)' in province and 'BIND("all" AS ?peers)' not in province
    everywhere = q.narrowed(b, b.text, {"peers": "all"})
    assert 'BIND("all" AS ?peers)' in everywhere and 'BIND("province" AS ?peers)' not in everywhere
    neither = q.narrowed(b, b.text, {"peers": "没有这个值"})
    assert neither.count("{ FILTER(false) }") == 2 and "?peers)" not in neither.split("GROUP BY")[0]
    sent = remote.bound_query(b, {"locality": "宜秀区", "peers": "province"})
    assert 'BIND("all" AS ?peers)' not in sent and "FILTER(false)" in sent
    broken = q.BundledQuery("x", Path("x.rq"), "", ("p",))
    with pytest.raises(QueryError, match="only when"):
        q.narrowed(
            broken, "SELECT ?p {\n  {  # only when ?p is a\n    BIND(1 AS ?x) }  UNION { }\n", {"p": "b"}
        )
