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
        name, summary, params = line.split("\t")
        assert name == b.name and summary == b.summary and summary
        # each parameter: its name, what it means and what the query gives without it, in Chinese
        for p, meaning, default in b.parameters():
            assert f"-p {p}=…（{meaning}；不填：{default}）" in params and meaning and default
        assert params == "无参数" if not b.params else params.startswith("参数 ")


def test_every_bundled_parameter_says_what_leaving_it_out_gives():
    for b in q.bundled():
        for name, meaning, default in b.parameters():
            assert meaning and default != "不限", (
                f"queries/{b.name}.rq: ?{name} has no （不填：…） in its # param line"
            )


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
    # ?code is one of the bundled queries' columns: a Chinese header; a user's own ?l stays as written
    assert table[0].split() == ["l", "区划代码"] and table[-1] == f"({len(labels)} 行)"
    # aligned for Chinese: the second column starts at the same display column on every row
    starts = {width(line[: line.index(code)]) for line in table[2:-1] for code in [line.split()[-1]]}
    assert len(starts) == 1
    ask = run(runner, sample_store, "ASK { ?x a ckg:Practice }")
    assert ask.stdout.strip() == "是"
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
    assert "SPARQL 语法错误（第 3 行第" in err and "FILTER(?x = )" in err
    f = tmp_path / "bad.rq"
    f.write_text("# 坏查询\nSELECT ?x WHERE { ?x foo:bar ?y }\n", encoding="utf-8")
    res = run(runner, sample_store, str(f))
    assert res.exit_code == 1 and str(f) in res.stderr
    assert (
        "第 2 行" in res.stderr
        and "未知前缀 foo:" in res.stderr
        and len(res.stderr.strip().splitlines()) == 1
    )


def test_user_errors(runner, sample_store):
    res = run(runner, sample_store, "practices-by-locality", "-p", "place=宜秀区")
    assert res.exit_code == 1 and "没有参数 ?place" in res.stderr and "?locality" in res.stderr
    res = run(runner, sample_store, "no-such-query")
    assert res.exit_code == 1 and "内置查询" in res.stderr
    res = run(runner, sample_store, "SELECT ?s WHERE { ?s ?p ?o }", "-p", "o=1")
    assert res.exit_code == 1 and "不是查询的结果列" in res.stderr
    res = run(runner, sample_store, "missing.rq")
    assert res.exit_code == 1 and "missing.rq: 没有这个查询文件" in res.stderr


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


def test_limit_and_offset_page_a_bundled_query_in_every_format(runner, sample_store):
    """Pages are slices of the whole ordered answer; the note goes to stderr, the rows stay parseable."""
    name = "practices-by-locality"
    full = run(runner, sample_store, name, "--format", "csv", "--limit", "0").stdout
    whole = list(csv.DictReader(io.StringIO(full)))
    assert len(whole) > 6
    res = run(runner, sample_store, name, "--format", "csv", "--limit", "3", "--offset", "2")
    assert res.exit_code == 0, res.output
    assert [r["id"] for r in csv.DictReader(io.StringIO(res.stdout))] == [r["id"] for r in whole[2:5]]
    assert res.stderr.strip() == "注意：只显示了第 3–5 行，后面还有。下一页加 --offset 5，全部加 --limit 0。"
    js = json.loads(run(runner, sample_store, name, "--format", "json", "--limit", "3").stdout)
    assert [b["id"]["value"] for b in js["results"]["bindings"]] == [r["id"] for r in whole[:3]]
    tsv = run(runner, sample_store, name, "--format", "tsv", "--limit", "3").stdout.splitlines()
    assert len(tsv) == 4 and tsv[0].startswith("?locality")
    table = run(runner, sample_store, name, "--limit", "3").stdout.splitlines()
    assert table[-1] == "(3 行)"
    last = run(runner, sample_store, name, "--format", "csv", "--limit", "3", "--offset", str(len(whole) - 2))
    assert len(list(csv.DictReader(io.StringIO(last.stdout)))) == 2 and last.stderr == ""  # the end: no note


def test_a_listing_is_capped_by_default_and_a_question_is_not(runner, sample_store, monkeypatch):
    monkeypatch.setattr(q, "DEFAULT_LIMIT", 4)
    res = run(runner, sample_store, "practices-by-locality")
    assert res.stdout.splitlines()[-1] == "(4 行)"
    assert "不带参数的内置查询默认最多 4 行" in res.stderr and "--limit 0" in res.stderr
    assert "(4 行)" not in run(runner, sample_store, "practices-by-locality", "--limit", "0").stdout
    asked = run(runner, sample_store, "practices-by-locality", "-p", "locality=宜秀区")
    assert asked.stderr == "" and asked.stdout.splitlines()[-1] != "(4 行)"
    sparql = run(runner, sample_store, "SELECT ?s WHERE { ?s a ckg:Practice }")
    assert sparql.stderr == "" and len(sparql.stdout.splitlines()) > 6
    own = run(runner, sample_store, "SELECT ?s WHERE { ?s a ckg:Practice }", "--limit", "2")
    assert own.exit_code == 1 and "LIMIT/OFFSET" in own.stderr and len(own.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("name", [b.name for b in q.bundled()])
def test_every_bundled_query_takes_a_page(name, sample_store):
    """A bundled query has no outer LIMIT of its own, so paging can append one."""
    from kg.store import GraphStore

    with GraphStore(sample_store, read_only=True) as gs:
        page = q.page(gs, name, {}, "csv", 2, 1)
    assert len(list(csv.reader(io.StringIO(page.text)))) <= 3


def test_a_one_line_query_longer_than_a_file_name_is_run_as_text(runner, sample_store):
    """A query on one line with Chinese values passes 255 bytes (a file name's limit) well before 260
    characters: it is SPARQL text, not a file name that fails with 'File name too long'."""
    titles = " ".join(f'"关于进一步关心关爱基层干部激励担当作为的若干措施{i}"@zh' for i in range(4))
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?t {{ {titles} }} ?a a ckg:Article }}"
    assert len(q) < 260 and len(q.encode()) > 255
    assert run(runner, sample_store, q, "--format", "csv").stdout.split() == ["n", "72"]
