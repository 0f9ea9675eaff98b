"""`kg query` on the command line: --list, the four formats, bound parameters, one-line errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.sparql import query as q
from kg.sparql.query import width

HOSTILE = '宜秀区" } DROP ALL #'


@pytest.fixture()
def runner():
    return CliRunner()


def run(runner, store, *args):
    return runner.invoke(main, ["query", *args, "--store", str(store)])


def test_list_prints_one_query_a_line_name_first(runner):
    res = runner.invoke(main, ["query", "--list"])
    assert res.exit_code == 0
    lines = res.stdout.strip().splitlines()
    found = q.bundled()
    assert len(lines) == len(found) >= 8
    for line, b in zip(lines, found, strict=True):
        name, summary = line.split("\t", 1)
        assert name == b.name and summary == b.summary and summary


def test_formats(runner, sample_store):
    sparql = (
        "SELECT ?l ?code WHERE { ?x a ckg:Locality ; rdfs:label ?l ; ckg:adminCode ?code } ORDER BY ?code"
    )
    js = run(runner, sample_store, sparql, "--format", "json")
    assert js.exit_code == 0, js.output
    doc = json.loads(js.stdout)
    assert doc["head"]["vars"] == ["l", "code"]
    labels = [b["l"]["value"] for b in doc["results"]["bindings"]]
    assert "宜秀区" in labels
    rows = list(csv.reader(io.StringIO(run(runner, sample_store, sparql, "--format", "csv").stdout)))
    assert rows[0] == ["l", "code"] and [r[0] for r in rows[1:]] == labels
    tsv = run(runner, sample_store, sparql, "--format", "tsv").stdout.splitlines()
    assert tsv[0] == "?l\t?code" and '"宜秀区"@zh' in "\n".join(tsv)
    table = run(runner, sample_store, sparql).stdout.splitlines()
    assert table[0].split() == ["l", "code"] and table[-1] == f"({len(labels)} 行)"
    # aligned for Chinese: the second column starts at the same display column on every row
    starts = {width(line[: line.index(code)]) for line in table[2:-1] for code in [line.split()[-1]]}
    assert len(starts) == 1
    ask = run(runner, sample_store, "ASK { ?x a ckg:Practice }")
    assert ask.stdout.strip() == "true"
    assert (
        json.loads(run(runner, sample_store, "ASK { ?x a ckg:Practice }", "--format", "json").stdout)[
            "boolean"
        ]
        is True
    )


def test_bundled_query_with_a_bound_parameter(runner, sample_store):
    res = run(runner, sample_store, "practices-by-locality", "-p", "locality=宜秀区", "--format", "csv")
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows and {r["locality"] for r in rows} == {"宜秀区"}
    two = run(
        runner,
        sample_store,
        "reports-by-year",
        "-p",
        "year=2022",
        "--param",
        "?locality=宜秀区",
        "--format",
        "csv",
    )
    rows = list(csv.DictReader(io.StringIO(two.stdout)))
    assert [(r["year"], r["locality"]) for r in rows] == [("2022", "宜秀区")]


def test_hostile_parameter_changes_nothing(runner, sample_store):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = run(runner, sample_store, count, "--format", "csv").stdout
    for name in ("practices-by-locality", "outcomes-by-locality", "similar-practices"):
        res = run(runner, sample_store, name, "-p", f"locality={HOSTILE}", "--format", "json")
        assert res.exit_code == 0, res.output
        assert json.loads(res.stdout)["results"]["bindings"] == []
    assert run(runner, sample_store, count, "--format", "csv").stdout == before


def test_syntax_error_is_one_line_with_its_position(runner, sample_store, tmp_path):
    res = run(runner, sample_store, "SELECT ?x WHERE {\n  ?x a ckg:Practice .\n  FILTER(?x = ) }")
    assert res.exit_code == 1
    err = res.stderr.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in res.output
    assert "syntax error at line 3, column" in err and "FILTER(?x = )" in err
    f = tmp_path / "bad.rq"
    f.write_text("# 坏查询\nSELECT ?x WHERE { ?x foo:bar ?y }\n", encoding="utf-8")
    res = run(runner, sample_store, str(f))
    assert res.exit_code == 1 and str(f) in res.stderr
    assert (
        "line 2" in res.stderr
        and "unknown prefix foo:" in res.stderr
        and len(res.stderr.strip().splitlines()) == 1
    )


def test_user_errors(runner, sample_store):
    res = run(runner, sample_store, "practices-by-locality", "-p", "place=宜秀区")
    assert res.exit_code == 1 and "unknown parameter ?place" in res.stderr and "?locality" in res.stderr
    res = run(runner, sample_store, "no-such-query")
    assert res.exit_code == 1 and "bundled" in res.stderr
    res = run(runner, sample_store, "SELECT ?s WHERE { ?s ?p ?o }", "-p", "o=1")
    assert res.exit_code == 1 and "result columns" in res.stderr
    res = run(runner, sample_store, "missing.rq")
    assert res.exit_code == 1 and "missing.rq: no such query file" in res.stderr


def test_query_from_a_file_and_stdin(runner, sample_store, tmp_path):
    f = tmp_path / "n.rq"
    f.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a a ckg:Article }", encoding="utf-8")
    assert run(runner, sample_store, str(f), "--format", "csv").stdout.split() == ["n", "18"]
    res = runner.invoke(
        main,
        ["query", "-", "--store", str(sample_store), "--format", "csv"],
        input="SELECT (COUNT(*) AS ?n) WHERE { ?b a ckg:Bulletin }",
    )
    assert res.stdout.split() == ["n", "5"]
