"""The command line speaks Chinese and keeps its exit codes: a walk over every command's help, click's
own strings, the library's error messages, table headers, and one error path per exit code (the
README's table: 0 ok, also for an empty answer; 1 bad input or user error; 2 usage error; 3 internal
error)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import messages
from kg.cli import main
from kg.sparql import query as q
from kg.sparql.headers import HEADERS
from kg.store import PREFIXES

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
# what click prints in English when its strings are not translated
CLICK_ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "Show this message",
    "Show the version",
    "default:",
    "Error:",
)


def _kg(args, **kw):
    return CliRunner().invoke(main, args, prog_name="kg", **kw)


def _commands() -> list[list[str]]:
    """Every command path under `kg`, groups included ([] is `kg` itself)."""
    out: list[list[str]] = []

    def walk(cmd: click.Command, path: list[str]) -> None:
        out.append(path)
        if isinstance(cmd, click.Group):
            for name, sub in sorted(cmd.commands.items()):
                walk(sub, [*path, name])

    walk(main, [])
    return out


def _english_sentence(line: str) -> str | None:
    """Three or more English words in a row on a line with no Chinese, once option names, metavars,
    choices, file names and URLs are set aside; None when there is none."""
    if CJK.search(line):
        return None
    rest = re.sub(r"https?://\S+|--?[\w-]+|\[[^\]]*\]|\b[A-Z_]{2,}\b|\S+\.\w+", " ", line)
    m = re.search(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}", rest)
    return m.group() if m else None


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(["kg", *p]))
def test_every_help_page_is_chinese(path):
    res = _kg([*path, "--help"])
    assert res.exit_code == 0, res.output
    text = res.stdout
    assert text.startswith("用法：kg") and "选项：" in text
    for english in CLICK_ENGLISH:
        assert english not in text, (path, english)
    for line in text.splitlines():
        assert _english_sentence(line) is None, (path, line)


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(["kg", *p]))
def test_every_option_and_command_has_chinese_help(path):
    ctx = click.Context(main)
    cmd: click.Command = main
    for name in path:
        assert isinstance(cmd, click.Group)
        cmd = cmd.commands[name]
    assert cmd.help and CJK.search(cmd.help), path
    for param in cmd.get_params(ctx):
        if isinstance(param, click.Option):
            assert param.help and CJK.search(param.help), (path, param.name)


def test_help_lines_fit_the_width_in_display_columns():
    res = _kg(["query", "--help"], terminal_width=80)
    widths = [messages.display_width(line) for line in res.stdout.splitlines()]
    assert max(widths) <= 80, max(widths)


def _click_strings() -> set[str]:
    """Every string click wraps in gettext (the singular of a plural)."""
    found = set()
    for f in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "ngettext")
            ):
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add(first.value)
    return found


def test_the_catalog_translates_every_string_click_shows():
    wrapped = _click_strings()
    assert len(wrapped) > 50
    assert wrapped <= set(messages.CLICK), sorted(wrapped - set(messages.CLICK))
    for msgid, zh in messages.CLICK.items():
        for text in zh if isinstance(zh, tuple) else (zh,):
            assert CJK.search(text) or msgid == "Windows error: {error}", msgid
            # the same placeholders, so that click's .format() fills them
            assert set(re.findall(r"\{(\w+)", text)) <= set(re.findall(r"\{(\w+)", msgid)) | {
                "possibilities",
                "choices",
                "nargs",
                "len",
                "formats",
            }, msgid


def test_catalog_plurals():
    cat = messages.Catalog(messages.CLICK)
    assert cat.ngettext(
        "Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1
    ).startswith("是否")
    assert "{possibilities}" in cat.ngettext("Did you mean {possibility}?", "x", 2)
    assert cat.gettext("not a click string") == "not a click string"


ERRORS = {"InputError", "ParseError", "QueryError", "StoreError", "ReportError", "PushError", "KGError"}
ERRORS |= {"ClickException", "UsageError", "BadParameter", "no_store", "Failure"}
TECHNICAL = {"HTTP", "reason"}  # a status line's protocol, an attribute name read with getattr


def test_every_error_message_raised_to_users_is_chinese():
    """Each message a user error carries, as written in the source: its literal text has Chinese (the
    values formatted into it are names, paths and numbers)."""
    bad = []
    for f in sorted((ROOT / "kg").rglob("*.py")):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            call = node.exc if isinstance(node, ast.Raise) else node if isinstance(node, ast.Call) else None
            if not isinstance(call, ast.Call):
                continue
            name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
            if name not in ERRORS:
                continue
            literal = " ".join(
                n.value
                for a in call.args
                for n in ast.walk(a)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            )
            words = set(re.findall(r"[A-Za-z]{4,}", literal)) - TECHNICAL
            if words and not CJK.search(literal):
                bad.append(f"{f.relative_to(ROOT)}:{node.lineno}: {literal[:80]!r}")
    assert not bad, "\n".join(bad)


def test_every_bundled_column_has_a_chinese_header():
    prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    empty = ox.Store()
    for b in q.bundled():
        names = [v.value for v in empty.query(prefixes + b.text).variables]
        missing = [n for n in names if n not in HEADERS]
        assert not missing, (b.name, missing)
    assert all(CJK.search(h) for h in HEADERS.values())


def test_stats_table_headers_are_chinese(sample_store):
    res = _kg(["stats", "--store", str(sample_store)])
    assert res.exit_code == 0
    table = res.stdout.split("== 按地方 ==")[1].strip().splitlines()
    assert table[0].split()[:3] == ["地方", "区划代码", "上级区划"] and not re.search(r"[a-z]", table[0])


# ---- exit codes, one error path each -------------------------------------------------------------


def _one_chinese_error(res) -> str:
    """The error line: last on stderr, Chinese, no traceback, no English prefix."""
    assert "Traceback" not in res.output and "Error:" not in res.output, res.output
    line = res.stderr.strip().splitlines()[-1]
    assert line.startswith("错误："), line
    return line


@pytest.mark.parametrize(
    "args,want",
    [
        (["query", "-p", "locality", "practices-by-locality"], "名称=值"),
        (["query"], "需要 QUERY"),
        (["query", "x", "--format", "xml"], "不在可选值"),
        (["query", "x", "--limit", "-1"], "不在范围"),
        (["similar"], "缺少参数 'TARGET'。"),
        (["viz", "--yaer", "2021"], "没有选项 '--yaer'"),
        (["build", "--workers", "many"], "不是有效的数字"),
        (["nonsense"], "没有命令 'nonsense'"),
    ],
)
def test_exit_2_usage_errors(args, want):
    res = _kg(args)
    assert res.exit_code == 2, res.output
    assert want in _one_chinese_error(res)
    assert "用法：kg" in res.stderr


@pytest.mark.parametrize(
    "args,want",
    [
        (["similar", "火星县"], "图谱中没有地方“火星县”"),
        (["viz", "--locality", "火星县", "-o", "{tmp}/v.html"], "图谱中没有地方“火星县”"),
        (["viz", "--year", "1999", "-o", "{tmp}/v.html"], "图谱中没有1999年的做法"),
        (["query", "SELECT * WHERE { ?s ?p }"], "SPARQL 语法错误（第 1 行第 25 列"),
        (["query", "practices-by-locality", "-p", "place=宜秀区"], "没有参数 ?place"),
        (["query", "no-such-query"], "既不是 SPARQL"),
    ],
)
def test_exit_1_user_errors_are_one_chinese_line(sample_store, tmp_path, args, want):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    res = _kg([*args, "--store", str(sample_store)])
    assert res.exit_code == 1, res.output
    assert want in _one_chinese_error(res) and len(res.stderr.strip().splitlines()) == 1


def test_exit_1_for_a_store_that_is_not_there_and_a_missing_input(tmp_path):
    res = _kg(["stats", "--store", str(tmp_path / "none")])
    assert res.exit_code == 1 and "这里还没有图谱" in _one_chinese_error(res)
    res = _kg(["build", str(tmp_path / "nope"), "--store", str(tmp_path / "s")])
    assert res.exit_code == 1 and "没有这个文件或目录" in res.stderr and "Traceback" not in res.output


def test_exit_0_for_an_empty_answer_that_says_so(sample_store, tmp_path):
    """A question that names what the graph holds but has no answer: exit 0, and the output says so."""
    res = CliRunner().invoke(
        main, ["query", "practices-by-locality", "-p", "locality=火星县", "--store", str(sample_store)]
    )
    assert res.exit_code == 0 and res.stdout.strip().splitlines()[-1] == q.EMPTY
    for fmt in ("csv", "tsv", "json"):  # the machine formats stay clean; stderr says it is empty
        res = _kg(
            [
                "query",
                "practices-by-locality",
                "-p",
                "locality=火星县",
                "--format",
                fmt,
                "--store",
                str(sample_store),
            ]
        )
        assert res.exit_code == 0 and res.stderr.strip() == "注意：没有符合条件的结果（0 行）", (
            fmt,
            res.stderr,
        )
    res = _kg(
        [
            "query",
            "practices-by-locality",
            "-p",
            "locality=宜秀区",
            "--format",
            "csv",
            "--store",
            str(sample_store),
        ]
    )
    assert res.exit_code == 0 and res.stderr == ""
    page = tmp_path / "v.html"
    years = {"2020", "2021", "2022", "2023"}
    # 宜秀区 and a year exist; together they may select nothing: find such a year
    for y in sorted(years):
        res = CliRunner().invoke(
            main, ["viz", "--locality", "宜秀区", "--year", y, "-o", str(page), "--store", str(sample_store)]
        )
        assert res.exit_code == 0, res.output
        if "没有同时符合这些条件的做法" in res.stderr:
            assert page.exists() and res.stdout.strip() == f"已写出 {page}"
            break
    else:
        pytest.fail("宜秀区 has practices in every sample year: choose another empty combination")


def test_exit_3_internal_error_one_line_traceback_with_kg_debug(sample_store, monkeypatch):
    import kg.stats

    def broken(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(kg.stats, "stats", broken)
    res = _kg(["stats", "--store", str(sample_store)])
    assert res.exit_code == 3, res.output
    line = _one_chinese_error(res)
    assert "内部错误 RuntimeError：boom" in line and "KG_DEBUG=1" in line
    monkeypatch.setenv("KG_DEBUG", "1")
    res = _kg(["stats", "--store", str(sample_store)])
    assert isinstance(res.exception, RuntimeError)  # raised: python prints the traceback


def test_viz_prints_one_summary_line_not_every_path(sample_store, tmp_path):
    import shutil

    store = shutil.copytree(sample_store, tmp_path / "store")  # views go into the store folder
    res = _kg(["viz", "--store", str(store)])
    assert res.exit_code == 0, res.output
    lines = res.stdout.strip().splitlines()
    assert len(lines) == 1 and re.fullmatch(
        r"已写出 \d+ 个文件，在 \S+ 下；从 \S+index\.html 打开", lines[0]
    ), lines


def test_a_users_group_by_over_labels_reads_the_chinese_label(sample_store):
    """The vocabularies' English labels stay in ontology/ but not beside a Chinese one in the store."""
    sparql = "SELECT ?l (COUNT(?p) AS ?n) WHERE { ?p ckg:practiceType ?t . ?t skos:prefLabel ?l } GROUP BY ?l"
    res = _kg(["query", sparql, "--format", "csv", "--store", str(sample_store)])
    labels = [line.split(",")[0] for line in res.stdout.strip().splitlines()[1:]]
    assert labels and all(CJK.search(label) for label in labels), labels
    terms = _kg(
        [
            "query",
            "SELECT ?l WHERE { ckg:Practice rdfs:label ?l }",
            "--format",
            "csv",
            "--store",
            str(sample_store),
        ]
    )
    assert terms.stdout.split() == ["l", "做法"]


def test_each_bad_input_file_is_named_on_a_chinese_line(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (src / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    (src / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    (src / "zip.txt").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    (src / "nodate.txt").write_text("某某组工信息\n第 3 期\n\n一段没有日期的文字。\n", encoding="utf-8")
    (src / "loop").symlink_to(src)
    res = _kg(["build", str(src), "--store", str(tmp_path / "s"), "--no-views"])
    assert res.exit_code == 1 and "Traceback" not in res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) >= 6, lines
    for line in lines:
        assert line.startswith("错误：") and CJK.search(line.split(": ", 1)[-1]), line
        assert _english_sentence(line.split(": ", 1)[-1]) is None, line
