"""`kg push` into a real Virtuoso (Debian's, started by scripts/virtuoso.py) and the bundled questions
asked there: the same triples in the same graphs, the same answers as the local store, parameters
bound as values (kg.sparql.remote). The 10M-triple figures are bench/virtuoso.py's."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.sparql import compare, remote
from kg.sparql.query import bundled
from kg.store import GraphStore

pytestmark = pytest.mark.server

PER_GRAPH = (
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
    'FILTER(STRSTARTS(STR(?g), "https://w3id.org/cadrekg/")) } GROUP BY ?g'
)
HOSTILE = '宜秀区" } DROP ALL #'
# external-practices is left to bench/virtuoso.py: Virtuoso 7.2 compiles it for ~10 s (see README)
CHECKED = [b.name for b in bundled() if b.name != "external-practices"]


def _per_graph_remote(virtuoso) -> dict[str, int]:
    answer = remote.ask(virtuoso.sparql, PER_GRAPH)
    return {row[0][1]: int(row[1][1]) for row in answer.rows}


def _per_graph_local(store) -> dict[str, int]:
    with GraphStore(store, read_only=True) as gs:
        return {str(r["g"].value): int(r["n"].value) for r in gs.db.query(PER_GRAPH)}


@pytest.fixture(scope="module")
def pushed(sample_store, virtuoso, tmp_path_factory):
    """The sample pushed twice with `kg push` (the second must replace, not add)."""
    env = {"KG_PUSH_PASSWORD": virtuoso.password, "XDG_CACHE_HOME": str(tmp_path_factory.mktemp("cache"))}
    args = ["push", "--endpoint", virtuoso.endpoint, "--user", "kg", "--store", str(sample_store)]
    first = CliRunner(env=env).invoke(main, args)
    counts = _per_graph_remote(virtuoso)
    second = CliRunner(env=env).invoke(main, args)
    return first, counts, second


def test_push_gives_virtuoso_the_same_triples_in_each_graph(pushed, sample_store, virtuoso):
    first, after_first, second = pushed
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    local = _per_graph_local(sample_store)
    assert sum("/graph/bulletin/" in g for g in local) == 5
    assert after_first == local  # every graph, each with its own count
    assert _per_graph_remote(virtuoso) == local  # pushed again: replaced, never duplicated


def test_wrong_password_is_one_line(sample_store, virtuoso, tmp_path):
    env = {"KG_PUSH_PASSWORD": "wrong", "XDG_CACHE_HOME": str(tmp_path)}
    res = CliRunner(env=env).invoke(
        main, ["push", "--endpoint", virtuoso.endpoint, "--user", "kg", "--store", str(sample_store)]
    )
    assert res.exit_code == 1 and len(res.stderr.strip().splitlines()) == 1
    assert "HTTP 401" in res.stderr and "--user 或密码不对" in res.stderr


def _values(store) -> dict[str, str]:
    """Parameter values a user would ask with, taken from the data: a linked practice and its place,
    the most cited document, the year with the most bulletins; an alternative label; a broad type."""
    with GraphStore(store, read_only=True) as gs:
        similar = compare.local(gs, "similar-practices")
        row = dict(zip(similar.variables, similar.rows[0], strict=True))
        docs = compare.local(gs, "policy-documents")
        years = compare.local(gs, "bulletins")

        def most(answer, column):
            i = answer.variables.index(column)
            return Counter(r[i][1] for r in answer.rows if r[i] and r[i][1]).most_common(1)[0][0]

        return {
            "locality": row["locality"][1],
            "practice": row["practice"][1],
            "document": most(docs, "document"),
            "year": most(years, "year"),
            "targetGroup": "村书记",
            "practiceType": "关心关爱",
            "theme": "年轻干部",  # digest, diffusion: a target group and its narrower ones
            "peers": "province",  # gaps, as `kg gaps` asks by default
        }


ANSWERED = {"practices-by-locality", "similar-practices", "practice-source", "bulletins", "coverage"}
ANSWERED |= {"localities-for-target-group", "practices-of-type", "policy-documents"}


@pytest.mark.parametrize("name", CHECKED)
def test_bundled_answers_are_the_local_ones(pushed, sample_store, virtuoso, name):
    values = _values(sample_store)
    b = next(x for x in bundled() if x.name == name)
    cases = [{}] + ([{p: values[p] for p in b.params}] if b.params else [])
    with GraphStore(sample_store, read_only=True) as gs:
        for bindings in cases:
            mine = compare.local(gs, name, bindings)
            theirs = remote.run(virtuoso.sparql, name, bindings, timeout=120)
            assert compare.differences(name, mine, theirs) == [], (name, bindings)
            assert mine.rows or (bindings and name not in ANSWERED), (name, bindings)


def test_a_hostile_value_is_a_value(pushed, sample_store, virtuoso):
    before = _per_graph_remote(virtuoso)
    answer = remote.run(virtuoso.sparql, "practices-by-locality", {"locality": HOSTILE})
    assert answer.rows == () and _per_graph_remote(virtuoso) == before


# ---- the binding itself, no server needed ---------------------------------------------------------


def test_values_are_escaped_terms():
    assert remote.term(HOSTILE) == '"宜秀区\\" } DROP ALL #"'
    assert remote.term("a\nb\\c") == '"a\\nb\\\\c"'
    assert remote.term("<https://w3id.org/cadrekg/id/x>") == "<https://w3id.org/cadrekg/id/x>"
    assert remote.term("https://w3id.org/x y").startswith('"')  # not an IRI: a string
    with pytest.raises(QueryError, match="反斜杠"):
        remote.term("x\\u0022 }")


def test_bound_text_holds_the_value_only_as_a_term():
    b = next(x for x in bundled() if x.name == "localities-for-target-group")
    text = remote.bound_query(b, {"targetGroup": HOSTILE})
    # in the seed (@zh and plain), the filter's BIND and the join, and nowhere else
    assert text.count('"宜秀区\\" } DROP ALL #"') == 4
    assert HOSTILE not in text.replace('"宜秀区\\" } DROP ALL #"', "")
    with pytest.raises(QueryError, match="没有参数"):
        remote.bound_query(b, {"place": "x"})


def test_a_parameter_read_by_filters_is_rewritten_by_scope():
    digest = next(x for x in bundled() if x.name == "digest")
    bound = remote.bound_query(digest, {"theme": "年轻干部"})
    # each filter that reads ?theme outside the group binding it gets its own fresh name
    fresh = set(re.findall(r"BIND\(STR\(\"年轻干部\"@zh\) AS (\?kg_param_theme_\d+)\)", bound))
    assert len(fresh) == 5 and "?theme)" not in bound.split("BIND(STR(?name) AS ?theme)")[0]
    unbound = remote.bound_query(digest, {})
    # unbound: the COALESCE argument that would read it is an error, so it is dropped
    assert "kg_unbound" not in unbound and "FILTER(COALESCE(true))" in unbound
    gaps = next(x for x in bundled() if x.name == "gaps")
    text = remote.bound_query(gaps, {"locality": "宜秀区", "peers": "province"})
    assert "kg_param_peers" not in text and 'VALUES ?peers { "province" }' in text
