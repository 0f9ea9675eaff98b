"""CLI: exit codes, one-line errors naming the file, idempotent builds, bad input beside good input."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import main


@pytest.fixture()
def runner():
    return CliRunner()


def test_build_query_validate_and_rebuild(runner, tmp_path, data_dir):
    store = str(tmp_path / "s")
    res = runner.invoke(main, ["build", str(data_dir), "--store", store, "--no-views"])
    assert res.exit_code == 0, res.output
    assert "文章 18 篇" in res.output
    q = runner.invoke(
        main,
        ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?a a ckg:Article }", "--store", store, "--format", "json"],
    )
    assert q.exit_code == 0, q.output
    assert json.loads(q.output)["results"]["bindings"][0]["n"]["value"] == "18"
    v = runner.invoke(main, ["validate", "--store", store])
    assert v.exit_code == 0, v.output
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = runner.invoke(main, ["query", count, "--store", store, "--format", "csv"]).output
    again = runner.invoke(main, ["build", str(data_dir), "--store", store, "--no-views"])
    assert again.exit_code == 0
    assert runner.invoke(main, ["query", count, "--store", store, "--format", "csv"]).output == before


def test_same_bulletin_under_two_names_is_one(runner, tmp_path, data_dir):
    src = tmp_path / "in"
    src.mkdir()
    f = sorted(data_dir.glob("*.txt"))[0]
    shutil.copy(f, src / "a.txt")
    shutil.copy(f, src / "copy-of-a.md")
    res = runner.invoke(main, ["build", str(src), "--store", str(tmp_path / "s"), "--no-views"])
    assert res.exit_code == 0, res.output
    assert "公报 1 期" in res.output


def test_bad_files_are_named_and_good_ones_still_built(runner, tmp_path, data_dir):
    src = tmp_path / "in"
    shutil.copytree(data_dir, src)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (src / "nodate.txt").write_text("某某组工信息\n第 3 期\n\n△某县：做法。内容。\n", encoding="utf-8")
    (src / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    (src / "saved").mkdir()
    (src / "saved" / "news.html").write_text(
        "<html><body><p>某县：做法。</p></body></html>", encoding="utf-8"
    )
    res = runner.invoke(main, ["build", str(src), "--store", str(tmp_path / "s"), "--no-views"])
    assert res.exit_code == 1
    assert "文章 18 篇" in res.stdout
    err = res.stderr
    for name in ("empty.txt", "binary.txt", "nodate.txt", "broken.pdf"):
        assert f"错误：{src / name}" in err
    # a web page in the folder is not read from it, and the user is told so (a note, not an error)
    assert f"注意：{src}: 1 个网页文件（saved/news.html）" in err
    assert "Traceback" not in res.output


def test_missing_path_and_empty_folder(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    res = runner.invoke(
        main, ["build", str(tmp_path / "nope"), str(tmp_path / "empty"), "--store", str(tmp_path / "s")]
    )
    assert res.exit_code == 1
    assert "nope: 没有这个文件或目录" in res.stderr
    assert "目录中没有公报文件" in res.stderr
    assert not (tmp_path / "s").exists()


def test_failed_build_leaves_previous_store(runner, tmp_path, data_dir, monkeypatch):
    store = tmp_path / "s"
    assert runner.invoke(main, ["build", str(data_dir), "--store", str(store), "--no-views"]).exit_code == 0
    import kg.pipeline

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(kg.pipeline, "_write_bulletins", boom)
    res = runner.invoke(main, ["build", str(data_dir), "--store", str(store), "--no-views"])
    assert res.exit_code != 0
    monkeypatch.undo()
    q = runner.invoke(
        main,
        [
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a a ckg:Article }",
            "--store",
            str(store),
            "--format",
            "csv",
        ],
    )
    assert q.output.split() == ["n", "18"]
    assert [p.name for p in tmp_path.iterdir()] == ["s"]


def test_query_errors_are_one_line(runner, sample_store):
    res = runner.invoke(main, ["query", "SELECT ?x WHERE { ?x ", "--store", str(sample_store)])
    assert res.exit_code == 1
    assert len(res.stderr.strip().splitlines()) == 1 and "SPARQL 语法错误" in res.stderr


def test_store_missing_is_a_user_error(runner, tmp_path):
    res = runner.invoke(main, ["stats", "--store", str(tmp_path / "none")])
    assert res.exit_code == 1 and "kg build" in res.stderr


def test_add_is_idempotent_and_replaces_edits(runner, tmp_path, data_dir):
    store = str(tmp_path / "s")
    files = sorted(data_dir.glob("*.txt"))
    assert runner.invoke(main, ["build", str(files[0]), "--store", store, "--no-views"]).exit_code == 0
    assert runner.invoke(main, ["add", str(files[1]), "--store", store]).exit_code == 0
    count = ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", store, "--format", "csv"]
    n1 = runner.invoke(main, count).output
    assert runner.invoke(main, ["add", str(files[1]), "--store", store]).exit_code == 0
    assert runner.invoke(main, count).output == n1
    edited = tmp_path / "edited.txt"
    edited.write_text(files[1].read_text(encoding="utf-8").replace("近年来", "这些年来", 1), encoding="utf-8")
    assert runner.invoke(main, ["add", str(edited), "--store", store]).exit_code == 0
    arts = runner.invoke(
        main,
        ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?a a ckg:Bulletin }", "--store", store, "--format", "csv"],
    )
    assert arts.output.split() == ["n", "2"]


def test_stats_and_export(runner, sample_store):
    s = runner.invoke(main, ["stats", "--store", str(sample_store)])
    assert s.exit_code == 0 and "宜秀区" in s.output
    for fmt in ("ttl", "nt", "jsonld"):
        r = runner.invoke(main, ["export", "--format", fmt, "--store", str(sample_store)])
        assert r.exit_code == 0 and "cadrekg" in r.output


def test_help_lists_every_command(runner):
    res = runner.invoke(main, ["--help"])
    for cmd in ("build", "add", "query", "similar", "viz", "serve", "push", "stats", "export", "validate"):
        assert cmd in res.output
