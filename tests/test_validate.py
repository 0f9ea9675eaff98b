"""`kg validate`: the compiled engine, with its memo, gives pySHACL's verdicts.

pySHACL is the reference: on the sample store and on a copy of it broken in every kind of way the
shapes check (each in a different graph: a bulletin's, the shared entities', the links', the
vocabularies'), both must report the same results: same focus nodes, paths, severities and kinds.
"""

from __future__ import annotations

import json
import shutil

import pytest

from kg.store import PREFIXES, GraphStore
from kg.validate import memo_path, store_ntriples, validate, validate_store, validate_text

CKG = "https://w3id.org/cadrekg/ontology#"


def keys(report) -> set[tuple]:
    return {f.result.key() for f in report.findings}


def _row(gs: GraphStore, sparql: str) -> dict[str, str]:
    """The first solution: each variable as N-Triples (`{x}`) and as its bare value (`{x.value}`)."""
    solutions = gs.query(sparql + " LIMIT 1")
    rows = list(solutions)
    assert rows, sparql
    out = {}
    for v in solutions.variables:
        out["{" + v.value + "}"] = str(rows[0][v])
        out["{" + v.value + ".value}"] = rows[0][v].value
    return out


# what to break: (where the target is found, the update, the expected result: focus var, path, component)
BREAKS = [
    # a bulletin's graph: missing required property
    (
        "SELECT ?g ?x ?y WHERE { GRAPH ?g { ?x a ckg:Practice ; ckg:describedIn ?y } } ORDER BY ?x",
        "DELETE DATA { GRAPH {g} { {x} ckg:describedIn {y} } }",
        ("x", CKG + "describedIn", "MinCountConstraintComponent"),
    ),
    # wrong datatype
    (
        "SELECT ?g ?x ?y WHERE { GRAPH ?g { ?x a ckg:Article ; ckg:position ?y } } ORDER BY DESC(?x)",
        'DELETE DATA { GRAPH {g} { {x} ckg:position {y} } } ; INSERT DATA { GRAPH {g} { {x} ckg:position "{y.value}" } }',
        ("x", CKG + "position", "DatatypeConstraintComponent"),
    ),
    # wrong class of object (RDFS range inference would call the locality a unit and pass it)
    (
        "SELECT ?g ?x ?y WHERE { GRAPH ?g { ?x a ckg:Practice } ?y a ckg:Locality } ORDER BY DESC(?x) ?y",
        "INSERT DATA { GRAPH {g} { {x} ckg:involvesUnit {y} } }",
        ("x", CKG + "involvesUnit", "ClassConstraintComponent"),
    ),
    # cardinality: a second bulletin for one article
    (
        "SELECT ?g ?x ?y WHERE { GRAPH ?g { ?x a ckg:Article } ?y a ckg:Bulletin FILTER NOT EXISTS { ?x dcterms:isPartOf ?y } } ORDER BY ?x ?y",
        "INSERT DATA { GRAPH {g} { {x} dcterms:isPartOf {y} } }",
        ("x", "http://purl.org/dc/terms/isPartOf", "MaxCountConstraintComponent"),
    ),
    # a title in the wrong language
    (
        "SELECT ?g ?x WHERE { GRAPH ?g { ?x a ckg:Article } } ORDER BY ?x OFFSET 2",
        'INSERT DATA { GRAPH {g} { {x} dcterms:title "an English title"@en } }',
        ("x", "http://purl.org/dc/terms/title", "LanguageInConstraintComponent"),
    ),
    # sh:sparql: a quote whose length disagrees with its offsets
    (
        "SELECT ?g ?x ?y WHERE { GRAPH ?g { ?x a ckg:SourceSpan ; ckg:quote ?y } } ORDER BY ?x",
        'INSERT DATA { GRAPH {g} { {x} ckg:quote "多出来的一段" } }',
        ("x", None, "SPARQLConstraintComponent"),
    ),
    # sh:or: a citation of something that is neither a policy nor a work
    (
        "SELECT ?g ?x ?y WHERE { GRAPH ?g { ?x a ckg:Article ; ckg:locality ?y } } ORDER BY ?x",
        "INSERT DATA { GRAPH {g} { {x} ckg:cites {y} } }",
        ("x", CKG + "cites", "OrConstraintComponent"),
    ),
    # the shared graph: a pattern and a second Chinese label
    (
        "SELECT ?g ?x WHERE { GRAPH ?g { ?x a ckg:Locality ; ckg:adminCode ?c } } ORDER BY ?x",
        'INSERT DATA { GRAPH {g} { {x} ckg:adminCode "12ab" } }',
        ("x", CKG + "adminCode", "PatternConstraintComponent"),
    ),
    (
        "SELECT ?g ?x WHERE { GRAPH ?g { ?x a ckg:Unit } } ORDER BY ?x",
        'INSERT DATA { GRAPH {g} { {x} rdfs:label "另一个名称"@zh } }',
        ("x", "http://www.w3.org/2000/01/rdf-schema#label", "QualifiedMaxCountConstraintComponent"),
    ),
    # a warning only
    (
        "SELECT ?g ?x WHERE { GRAPH ?g { ?x a ckg:Unit , org:Organization } } ORDER BY DESC(?x)",
        "DELETE DATA { GRAPH {g} { {x} a org:Organization } }",
        ("x", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "HasValueConstraintComponent"),
    ),
    # the links graph: a practice similar to itself (stored apart from the practice), a score out of range
    (
        "SELECT ?x WHERE { ?x a ckg:Practice } ORDER BY DESC(?x) OFFSET 1",
        "INSERT DATA { GRAPH <https://w3id.org/cadrekg/id/graph/links> { {x} ckg:similarTo {x} } }",
        ("x", None, "SPARQLConstraintComponent"),
    ),
    (
        "SELECT ?g ?x ?y WHERE { GRAPH ?g { ?x a ckg:SimilarityLink ; ckg:score ?y } } ORDER BY ?x",
        "DELETE DATA { GRAPH {g} { {x} ckg:score {y} } } ; INSERT DATA { GRAPH {g} { {x} ckg:score 1.5 } }",
        ("x", CKG + "score", "MaxInclusiveConstraintComponent"),
    ),
    # the vocabularies: a broader concept that is not a concept
    (
        "SELECT ?g ?x ?y WHERE { GRAPH ?g { ?x a ckg:TargetGroup } ?y a ckg:Bulletin } ORDER BY ?x ?y",
        "INSERT DATA { GRAPH {g} { {x} skos:broader {y} } }",
        ("x", "http://www.w3.org/2004/02/skos/core#broader", "ClassConstraintComponent"),
    ),
]


@pytest.fixture(scope="module")
def broken(sample_store, tmp_path_factory):
    """A copy of the sample store with every break applied; (store path, expected result keys)."""
    path = tmp_path_factory.mktemp("broken") / "store"
    shutil.copytree(sample_store, path)
    expected = set()
    with GraphStore(path) as gs:
        for find, update, (var, p, component) in BREAKS:
            found = _row(gs, find)
            for k in sorted(found, key=len, reverse=True):
                update = update.replace(k, found[k])
            gs.db.update(update, prefixes=PREFIXES)
            expected.add((found["{" + var + "}"], f"<{p}>" if p else None, component))
    return path, expected


@pytest.fixture(scope="module")
def reference(broken):
    """pySHACL over the broken store as one graph."""
    with GraphStore(broken[0], read_only=True) as gs:
        return validate_text(store_ntriples(gs), engine="pyshacl")


def test_sample_store_conforms_as_pyshacl_says(sample_store, tmp_path):
    with GraphStore(sample_store, read_only=True) as gs:
        ours = validate_store(gs, memo=tmp_path / "memo.json")
        ref = validate_text(store_ntriples(gs), engine="pyshacl")
    assert ref.conforms and ours.conforms
    assert keys(ours) == keys(ref)
    assert ours.triples == len(store_ntriples_lines(sample_store))


def store_ntriples_lines(store) -> list[str]:
    with GraphStore(store, read_only=True) as gs:
        return [line for line in store_ntriples(gs).splitlines() if line]


def test_broken_store_same_results_as_pyshacl(broken, reference, tmp_path):
    path, expected = broken
    with GraphStore(path, read_only=True) as gs:
        ours = validate_store(gs, memo=None)
    ref_keys = {(f, p, c) for f, p, _s, c in keys(reference)}
    missing = expected - ref_keys
    assert not missing, f"a break pySHACL does not see: {missing}"
    assert keys(ours) == keys(reference)
    assert not ours.conforms and not reference.conforms


def test_report_names_the_bulletin_in_chinese(broken):
    with GraphStore(broken[0], read_only=True) as gs:
        report = validate_store(gs, memo=None)
        sources = {v["source"] for v in gs.bulletins.values()}
    text = report.text()
    assert text.startswith("SHACL 校验发现违规：违规 ")
    assert "简报 " in text and any(s in text for s in sources)
    assert "做法须恰好出自一篇文章" in text  # the shape's Chinese message
    assert "【相似链接图】" in text and "【共享实体图】" in text and "【本体与词表图】" in text
    found = [f for f in report.violations if f.result.component == "MinCountConstraintComponent"]
    assert found and all(
        f.where and f.graph.startswith("https://w3id.org/cadrekg/id/graph/bulletin/") for f in found
    )


def test_memo_reuses_an_unchanged_store_and_sees_a_change(broken, tmp_path):
    path = tmp_path / "store"
    shutil.copytree(broken[0], path)
    memo = tmp_path / "elsewhere" / "validation.json"
    with GraphStore(path, read_only=True) as gs:
        cold = validate_store(gs, memo=memo)
        warm = validate_store(gs, memo=memo)
    assert memo.exists() and not cold.reused
    assert warm.reused and keys(warm) == keys(cold)
    assert "沿用上次结果" in warm.text()
    with GraphStore(path) as gs:  # fix one break: validated again, and the result is gone
        row = _row(gs, 'SELECT ?g ?x WHERE { GRAPH ?g { ?x ckg:adminCode "12ab" } }')
        gs.db.update(f'DELETE DATA {{ GRAPH {row["{g}"]} {{ {row["{x}"]} <{CKG}adminCode> "12ab" }} }}')
    with GraphStore(path, read_only=True) as gs:
        again = validate_store(gs, memo=memo)
    assert not again.reused
    fixed = (row["{x}"], f"<{CKG}adminCode>", "Violation", "PatternConstraintComponent")
    assert fixed in keys(cold)  # and its second code made a cardinality violation, gone too
    assert keys(again) == {k for k in keys(cold) if k[:2] != fixed[:2]}


def test_a_broken_memo_is_an_empty_one(sample_store, tmp_path):
    memo = tmp_path / "m.json"
    memo.write_text("{not json", encoding="utf-8")
    with GraphStore(sample_store, read_only=True) as gs:
        report = validate_store(gs, memo=memo)
    assert report.conforms and not report.reused
    assert json.loads(memo.read_text(encoding="utf-8"))["key"]


def test_cli_contract(broken, sample_store):
    from click.testing import CliRunner

    from kg.cli import main

    bad = CliRunner().invoke(main, ["validate", "--store", str(broken[0])])
    assert bad.exit_code == 1 and bad.output.startswith("SHACL 校验发现违规")
    good = CliRunner().invoke(main, ["validate", "--store", str(sample_store)])
    assert good.exit_code == 0 and good.output.startswith("SHACL 校验通过")
    assert memo_path(sample_store).exists()
    conforms, text = validate(GraphStore(sample_store, read_only=True), memo=None)
    assert conforms and text.startswith("SHACL 校验通过")


@pytest.fixture(scope="module")
def bulletin_lines(data_dir):
    """One sample bulletin's N-Quads lines as the build writes them (its own graph and shared entities)."""
    from kg.graph.triples import bulletin_nquads
    from kg.pipeline import ingest_file

    own, shared = bulletin_nquads(ingest_file(sorted(data_dir.glob("*.txt"))[1]))
    return own + shared


def test_bulletin_as_written_conforms_in_every_input_form(bulletin_lines):
    from pyoxigraph import RdfFormat, parse

    from kg.validate import validate_bulletin

    text = "".join(bulletin_lines)
    forms = [bulletin_lines, text, text.encode(), list(parse(text.encode(), format=RdfFormat.N_QUADS))]
    reports = [validate_bulletin(f) for f in forms]
    assert all(r.conforms and not r.findings for r in reports)
    assert {r.triples for r in reports} == {len(set(bulletin_lines))}  # a repeated line is one triple


def _break_bulletin(lines: list[str]) -> tuple[list[str], set[tuple]]:
    """Drop a practice's article, make an article's position a string, point a practice at a
    locality as if it were a unit; return the lines and the (focus, path, component) expected."""
    import re

    out, expected = list(lines), set()
    i = next(i for i, x in enumerate(out) if f"<{CKG}describedIn>" in x)
    practice = out.pop(i).split(" ", 1)[0]
    expected.add((practice, f"<{CKG}describedIn>", "MinCountConstraintComponent"))
    i = next(i for i, x in enumerate(out) if f"<{CKG}position>" in x and "/article/" in x.split(" ", 1)[0])
    article = out[i].split(" ", 1)[0]
    out[i] = re.sub(r'"(\d+)"\^\^<[^>]+>', r'"\1"', out[i])
    expected.add((article, f"<{CKG}position>", "DatatypeConstraintComponent"))
    graph = out[0].rsplit(" ", 2)[-2]
    locality = next(x.split(" ", 1)[0] for x in out if x.split(" ")[2] == f"<{CKG}Locality>")
    out.append(f"{practice} <{CKG}involvesUnit> {locality} {graph} .\n")
    expected.add((practice, f"<{CKG}involvesUnit>", "ClassConstraintComponent"))
    return out, expected


def test_broken_bulletin_same_results_as_pyshacl(bulletin_lines):
    from kg.validate import validate_bulletin

    lines, expected = _break_bulletin(bulletin_lines)
    ours = validate_bulletin(lines)
    ref = validate_bulletin(lines, engine="pyshacl")
    assert keys(ours) == keys(ref)
    assert expected <= {(f, p, c) for f, p, _s, c in keys(ours)}
    assert not ours.conforms
    assert all(f.where and "组工信息" in f.where for f in ours.violations)  # which bulletin, by its label
    assert "需要" in ours.text() or "须" in ours.text()
