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


# Two departments' bulletins of one common name and number (hundreds of departments call theirs 组工简报).
_BODY = (
    "下一步，将建立跟踪管理台账，定期开展谈心谈话，了解思想动态和工作表现，对表现突出的优先提拔使用，"
    "对不适应岗位要求的及时调整，推动干部在基层一线经受锻炼、增长才干。\n"
)
_TWO_ISSUERS = {
    "minhang.txt": "组工简报\n2023年第9期\n中共上海市闵行区委组织部编　　　　2023年6月28日\n\n"
    "闵行区实施年轻干部“墩苗计划”\n区委组织部聚焦优秀年轻干部缺基层经历问题，选派30名优秀年轻干部"
    "到街道社区挂职锻炼，由街道党工委书记一对一帮带。" + _BODY,
    "qionghai.txt": "组工简报\n2023年第9期\n中共琼海市委组织部编　　　　2023年9月26日\n\n"
    "琼海市开展村党组织书记轮训\n市委组织部分三期举办村党组织书记示范培训班，培训村党组织书记120名，"
    "组织学员到先进村现场观摩。" + _BODY,
}


def _write_two(folder):
    folder.mkdir()
    for name, text in _TWO_ISSUERS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_one_name_and_number_from_two_departments_are_two_bulletins(runner, tmp_path):
    src, store = _write_two(tmp_path / "in"), str(tmp_path / "s")
    res = runner.invoke(main, ["build", str(src), "--store", store, "--no-views"])
    assert res.exit_code == 0, res.output
    assert "公报 2 期" in res.output and "合并" not in res.output
    listed = runner.invoke(main, ["query", "bulletins", "--store", store]).output
    assert "组工简报 2023年第9期（琼海市委组织部）" in listed
    assert "组工简报 2023年第9期（上海市闵行区委组织部）" in listed
    memo = runner.invoke(main, ["similar", "琼海市", "--store", store, "--format", "json"]).output
    assert json.loads(memo)["results"][0]["practice"]["issuer"] == "琼海市委组织部"
    md = runner.invoke(main, ["similar", "琼海市", "--store", store]).output
    assert "〔琼海市，琼海市委组织部《组工简报》2023年第9期，2023-09-26〕" in md
    # the memo's coverage line names whose 组工简报 it read, as its citations do
    assert "依据 上海市闵行区委组织部《组工简报》、琼海市委组织部《组工简报》 2 期" in md
    # the label alone names two: kg remove asks for more, and removes nothing
    gone = runner.invoke(main, ["remove", "组工简报 2023年第9期", "--store", store, "--no-views"])
    assert gone.exit_code == 1 and "有 2 期公报同名同期" in gone.stderr
    gone = runner.invoke(
        main, ["remove", "组工简报 2023年第9期（琼海市委组织部）", "--store", store, "--no-views"]
    )
    assert gone.exit_code == 0, gone.output
    assert "（上海市闵行区委组织部）" in runner.invoke(main, ["query", "bulletins", "--store", store]).output


def test_adding_another_department_s_issue_of_one_number_replaces_nothing(runner, tmp_path):
    src, store = _write_two(tmp_path / "in"), str(tmp_path / "s")
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(src / "minhang.txt", first)
    assert runner.invoke(main, ["build", str(first), "--store", store, "--no-views"]).exit_code == 0
    res = runner.invoke(main, ["add", str(src / "qionghai.txt"), "--store", store, "--no-views"])
    assert res.exit_code == 0, res.output
    assert "公报 2 期，文章 2 篇" in res.output
    again = runner.invoke(main, ["add", str(src / "minhang.txt"), "--store", store, "--no-views"])
    assert "公报 2 期，文章 2 篇" in again.output and "内容未变" in again.stderr


def test_an_issue_held_under_its_key_of_before_is_not_added_twice(runner, tmp_path, monkeypatch):
    """Stores built before a name without a place took its issuer into the key hold 组工简报 under
    name, year and issue only: adding the same file again finds its text held and adds nothing."""
    import kg.extract.stage as stage

    src, store = _write_two(tmp_path / "in"), str(tmp_path / "s")
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(src / "minhang.txt", first)
    new_key = stage.bulletin_key
    monkeypatch.setattr(
        stage,
        "bulletin_key",
        lambda name, year, issue, text, issuer=None: new_key(name, year, issue, text, None).replace(
            "doc-", "old-"
        ),
    )
    assert runner.invoke(main, ["build", str(first), "--store", store, "--no-views"]).exit_code == 0
    monkeypatch.setattr(stage, "bulletin_key", new_key)
    again = runner.invoke(main, ["add", str(src / "minhang.txt"), "--store", store, "--no-views"])
    assert again.exit_code == 0, again.output
    assert "公报 1 期，文章 1 篇" in again.output and "内容未变" in again.stderr


def _county_issue(county: str, name: str, date: str) -> str:
    return (
        f"{name}\n2024年第3期\n中共{county}委组织部编　　　　{date}\n\n"
        f"{county}出台关爱基层干部十条措施\n"
        f"今年以来，{county}委组织部制定《关于关心关爱基层干部的十条措施》，认真落实《党政领导干部选拔任用工作条例》，"
        "从落实带薪休假、开展谈心谈话、建立困难帮扶基金等方面关心关爱基层干部，帮扶困难干部36名。" + _BODY
    )


def test_two_counties_own_rules_of_one_title_are_two_documents_and_a_national_one_is_one(runner, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(_county_issue("宁化县", "宁化组工", "2024年3月20日"), encoding="utf-8")
    (src / "b.txt").write_text(_county_issue("湄潭县", "湄潭组工", "2024年3月25日"), encoding="utf-8")
    store = str(tmp_path / "s")
    assert runner.invoke(main, ["build", str(src), "--store", store, "--no-views"]).exit_code == 0
    count = (
        "SELECT ?t (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ckg:PolicyDocument ; dcterms:title ?t } "
        "GROUP BY ?t ORDER BY ?t"
    )
    out = runner.invoke(main, ["query", count, "--store", store, "--format", "csv"]).output
    assert "关于关心关爱基层干部的十条措施,2" in out and "党政领导干部选拔任用工作条例,1" in out
