"""Reliability: bounded input. Files that are no bulletin are refused on one line naming the file and
what is missing (`--as-article` takes them as one article); bombs (an inflated .docx, a 10 MB single
line, a file of tens of thousands of figures) are refused before they cost time or memory, checked under
an address-space bound of 2 GB; symbolic link loops and dangling links are named. The good files given
beside them are built all the same."""

from __future__ import annotations

import io
import os
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
from kgproc import SAMPLE, check_whole, kg, no_traceback

BOUND_MB = 2048  # every case runs under this address-space bound (RLIMIT_AS)
NEW = Path("/work/bulletins-new")  # bulletins from other provinces, when this machine has them
HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"
HEAD = "某某组工信息\n第 3 期\n中共某某市委组织部研究室  2024年1月5日\n\n"
FIGURES = "全县提拔干部12人、培训干部300人次、走访群众45户、慰问老党员6名、新建阵地7个。"


def _docx_with_body(path: Path, body_mb: int, *, lie: bool = False) -> Path:
    """A .docx whose document.xml inflates to `body_mb` MB of paragraphs (compressed ~250x). With `lie`,
    the zip's directory understates the inflated size."""
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    para = ("<w:p><w:r><w:t>" + "组工信息干部考察" * 50 + "</w:t></w:r></w:p>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info, src.read(info))
                continue
            head, tail = src.read(info).decode().split("<w:body>")
            with z.open("word/document.xml", "w", force_zip64=not lie) as fh:
                fh.write((head + "<w:body>").encode())
                chunk = para * 2000
                for _ in range(body_mb * 1_000_000 // len(chunk)):
                    fh.write(chunk)
                fh.write(tail.encode())
    if lie:
        data = bytearray(path.read_bytes())
        for sig, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            i = data.find(sig)
            while i >= 0:
                name_at = i + (30 if sig == b"PK\x03\x04" else 46)
                if data[name_at : name_at + 17] == b"word/document.xml":
                    data[i + at : i + at + 4] = struct.pack("<I", 4000)
                i = data.find(sig, i + 4)
        path.write_bytes(bytes(data))
    return path


@pytest.fixture()
def folder(tmp_path):
    """Two good bulletins, to which each test adds its bad file."""
    src = tmp_path / "in"
    src.mkdir()
    for f in SAMPLE[:2]:
        shutil.copy(f, src / f.name)
    return src


def _build(folder: Path, tmp_path: Path, *extra: str):
    store = tmp_path / "store"
    res = kg("build", folder, "--store", store, "--no-views", *extra, memory_mb=BOUND_MB, timeout=300)
    assert no_traceback(res), res.stderr
    return res, store


def _refusals(res) -> list[str]:
    return [ln for ln in res.stderr.splitlines() if ln.startswith("错误：")]


def test_a_docx_bomb_is_refused_before_it_is_inflated(folder, tmp_path):
    _docx_with_body(folder / "bomb.docx", 200)
    assert (folder / "bomb.docx").stat().st_size < 2_000_000
    res, store = _build(folder, tmp_path)
    assert res.returncode == 1
    [line] = _refusals(res)
    assert "bomb.docx" in line and "解压后" in line
    assert len(check_whole(store)["bulletins"]) == 2  # the good files are built


def test_a_docx_that_understates_its_size_is_refused_too(folder, tmp_path):
    _docx_with_body(folder / "liar.docx", 60, lie=True)
    res, store = _build(folder, tmp_path)
    assert res.returncode == 1
    [line] = _refusals(res)
    assert "liar.docx" in line
    assert len(check_whole(store)["bulletins"]) == 2


def test_a_ten_megabyte_single_line_is_refused_at_once(folder, tmp_path):
    (folder / "line.txt").write_text(HEAD + "△某县：做法。" + "提拔干部12人，" * 1_300_000, encoding="utf-8")
    assert (folder / "line.txt").stat().st_size > 10_000_000
    res, store = _build(folder, tmp_path)
    assert res.returncode == 1
    [line] = _refusals(res)
    assert "line.txt" in line and "文本过长" in line
    assert len(check_whole(store)["bulletins"]) == 2


def test_a_file_of_endless_figures_is_refused(folder, tmp_path):
    """Under the text bound, 400 articles of 15 figures each: 6,000 reported figures, which no bulletin
    holds; and one 'practice' of 20,000 characters of figures (its concept matching grows with the
    square of its mentions)."""
    item = "△某县：做法{i}。\n" + FIGURES * 3 + "\n（某县委组织部）\n\n"
    (folder / "figures.txt").write_text(
        HEAD + "".join(item.format(i=i) for i in range(400)), encoding="utf-8"
    )
    (folder / "long.txt").write_text(HEAD + "△某县：做法。\n" + FIGURES * 500, encoding="utf-8")
    res, store = _build(folder, tmp_path)
    assert res.returncode == 1
    lines = _refusals(res)
    assert len(lines) == 2
    assert any("figures.txt" in ln and "数字成效过多" in ln for ln in lines), lines
    assert any("long.txt" in ln and "一条做法" in ln for ln in lines), lines
    assert len(check_whole(store)["bulletins"]) == 2


def test_what_is_no_bulletin_is_refused_in_one_line_naming_what_is_missing(folder, tmp_path):
    (folder / "hello.txt").write_text("hello world\n", encoding="utf-8")
    news = (
        "元阳县召开基层干部座谈会\n"
        + "近日，元阳县委组织部召开基层干部座谈会，听取村（社区）干部对减负工作的意见建议。" * 5
    )
    (folder / "news.txt").write_text(news, encoding="utf-8")
    res, store = _build(folder, tmp_path)
    assert res.returncode == 1
    lines = _refusals(res)
    assert len(lines) == 2
    hello = next(ln for ln in lines if "hello.txt" in ln)
    assert "中文" in hello
    item = next(ln for ln in lines if "news.txt" in ln)
    assert "刊名" in item and "期号" in item and "--as-article" in item
    assert len(check_whole(store)["bulletins"]) == 2
    (folder / "hello.txt").unlink()
    res, store = _build(folder, tmp_path, "--as-article")  # the news item taken as one article
    assert res.returncode == 0, res.stderr
    assert len(check_whole(store)["bulletins"]) == 3


def test_real_bulletins_pass_the_gate():
    from kg.pipeline import ingest_file

    for f in [*SAMPLE, *HELDOUT.glob("*.txt")]:
        b = ingest_file(f)
        assert b.name and b.issue and b.date, f


@pytest.mark.skipif(not NEW.is_dir() or not any(NEW.glob("*.txt")), reason="no new bulletins on this machine")
def test_new_bulletins_from_other_provinces_pass_the_gate():
    from kg.errors import InputError
    from kg.pipeline import ingest_file

    for f in sorted(NEW.glob("*.txt")):
        if f.name in ("not-a-bulletin.txt", "news-item.txt"):
            with pytest.raises(InputError, match="--as-article"):
                ingest_file(f)
            if f.name == "news-item.txt":
                assert len(ingest_file(f, as_article=True).articles) == 1
            continue
        b = ingest_file(f)
        assert b.name and b.issue and b.date, f


def test_symbolic_link_loops_and_dangling_links_are_named(folder, tmp_path):
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)
    (folder / "gone.txt").symlink_to(tmp_path / "no-such-file.txt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SAMPLE[2], elsewhere / SAMPLE[2].name)
    (folder / "more").symlink_to(elsewhere, target_is_directory=True)  # followed: not a loop
    res, store = _build(folder, tmp_path)
    assert res.returncode == 1
    lines = _refusals(res)
    assert any("gone.txt" in ln and "no-such-file.txt" in ln for ln in lines), lines
    assert any(ln.split("：", 1)[1].startswith(str(folder / "loop")) and "loop" in ln for ln in lines), lines
    assert any(str(folder / "sub" / "up") in ln for ln in lines), lines
    assert len(lines) == 3
    assert len(check_whole(store)["bulletins"]) == 3  # each real file once, the linked folder's too


def test_limits_can_be_raised_for_a_large_honest_file(tmp_path, monkeypatch):
    from kg.errors import InputError
    from kg.read import read_file

    f = tmp_path / "long.txt"
    f.write_text("某" * 2000, encoding="utf-8")
    monkeypatch.setenv("KG_MAX_TEXT_CHARS", "1000")
    with pytest.raises(InputError, match="KG_MAX_TEXT_CHARS"):
        read_file(f)
    monkeypatch.setenv("KG_MAX_TEXT_CHARS", "5000")
    assert len(read_file(f).text) == 2000
    assert os.environ["KG_MAX_TEXT_CHARS"] == "5000"
