"""Progress: drawn on a terminal only, one line per finished stage, nothing when piped; the library
reports every long stage through the callback."""

from __future__ import annotations

import io

from click.testing import CliRunner

from kg import pipeline
from kg.cli import main
from kg.progress import Terminal, for_stream, stage


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_counted_and_open_ended_stages_leave_one_line_each():
    out = io.StringIO()
    term = Terminal(out, tick=60)
    for i in range(1, 4):
        term("读取公报", i, 3)
    with stage(term, "链接相似做法"):
        pass
    term.close()
    lines = [ln.split("\r")[-1].replace("\033[K", "") for ln in out.getvalue().split("\n") if ln]
    assert lines[0].startswith("读取公报 3/3（") and lines[0].endswith(" 秒）")
    assert lines[1].startswith("链接相似做法（") and len(lines) == 2
    assert "█" in out.getvalue()  # the bar was drawn while reading


def test_a_stage_stopped_by_an_error_leaves_no_half_line():
    out = io.StringIO()
    term = Terminal(out, tick=60)
    try:
        with stage(term, "写入图谱"):
            raise ValueError
    except ValueError:
        pass
    term.close()
    assert out.getvalue().endswith("\r\033[K") and "（" not in out.getvalue()


def test_piped_is_quiet_and_a_terminal_gets_a_callback():
    with for_stream(io.StringIO()) as progress:
        assert progress is None
    with for_stream(FakeTerminal()) as progress:
        assert isinstance(progress, Terminal)


def test_build_and_add_report_every_stage(tmp_path):
    seen: list[tuple[str, int, int]] = []
    data = pipeline.paths.DATA_DIR
    files = sorted(data.glob("*.txt"))
    pipeline.build([files[0]], tmp_path / "s", progress=lambda *a: seen.append(a), render=False)
    stages = list(dict.fromkeys(s for s, _, _ in seen))
    assert stages == ["读取公报", "链接相似做法", "统计与保存", "压缩存储"], stages
    assert all((s, 1, 1) in seen for s in stages[1:])  # each open-ended stage ended
    seen.clear()
    pipeline.add([files[1]], tmp_path / "s", progress=lambda *a: seen.append(a), render=False)
    assert list(dict.fromkeys(s for s, _, _ in seen)) == ["读取公报", "写入图谱", "链接相似做法"]


def test_piped_build_prints_no_progress_and_one_written_line(tmp_path):
    data = pipeline.paths.DATA_DIR
    res = CliRunner().invoke(
        main, ["build", str(sorted(data.glob("*.txt"))[0]), "--store", str(tmp_path / "s")]
    )
    assert res.exit_code == 0, res.output
    err = res.stderr.strip().splitlines()
    assert not any(s in res.stderr for s in ("读取公报", "链接相似做法", "\r"))
    assert len(err) == 1 and err[0].startswith("已写出 "), err
