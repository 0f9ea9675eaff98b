"""`kg digest THEME`: the practice set equals the bundled SPARQL question (queries/digest.rq) for a
target group with its narrower groups, a practice type and a brand; grouping, head count and the
diffusion table; the four formats (hostile text stays text in HTML and Markdown); the Word document
reads as a 汇编 and is screenshot in headless Chromium (PNG into $KG_ARTIFACTS, else the test's tmp_path).
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from site_store import HOSTILE, ID, make_site_store  # noqa: E402

from kg.cli import main  # noqa: E402
from kg.digest import compile_digest, digest, render  # noqa: E402
from kg.site import diffusion, read_records  # noqa: E402
from kg.sparql import query as q  # noqa: E402
from kg.store import GraphStore  # noqa: E402


@pytest.fixture(scope="module")
def synth_store(tmp_path_factory) -> Path:
    return make_site_store(tmp_path_factory.mktemp("digest-synth") / "store")


def rq_practices(store: Path, theme: str) -> set[str]:
    with GraphStore(store, read_only=True) as gs:
        return {r["practice"].value for r in q.run(gs, "digest", {"theme": theme})}


def ids(d) -> set[str]:
    return {i.practice.iri for i in d.items}


@pytest.mark.parametrize(
    "theme", ["年轻干部", "选调生", "考察识别", "谈心谈话", "选", "三进三问三听", "六个必谈"]
)
def test_the_sample_digest_is_the_sparql_set(sample_store, sample_cat, theme):
    d = compile_digest(sample_cat, theme)
    assert d.practices, theme
    assert ids(d) == rq_practices(sample_store, theme)
    assert len(d.items) == d.practices  # each practice listed once, even when it is on two themes


def test_the_sparql_places_and_dates_are_the_catalogs(sample_store, sample_cat):
    """digest.rq reads a practice's own place only (the build writes its article's on each practice) and
    its ckg:reportedOn: the same as the catalog's own-else-article place and its bulletin's date."""
    with GraphStore(sample_store, read_only=True) as gs:
        rows = list(q.run(gs, "digest", {}))
        orphans = "ASK { ?p ckg:describedIn/ckg:locality ?l FILTER NOT EXISTS { ?p ckg:locality ?l } }"
        assert not bool(gs.query(orphans))
    assert len({r["practice"].value for r in rows}) > 50
    for r in rows:
        p = sample_cat.practices[r["practice"].value]
        assert (r["locality"].value if r["locality"] else "") == (p.locality.label if p.locality else "")
        date = p.article.bulletin.date if p.article and p.article.bulletin else None
        assert (r["date"].value if r["date"] else None) == date


@pytest.mark.parametrize("theme", ["年轻干部", "青年干部", "干部考察", "选", "五有", "品牌" + HOSTILE[0]])
def test_the_synthetic_digest_is_the_sparql_set(synth_store, synth_cat, theme):
    d = compile_digest(synth_cat, theme)
    assert d.practices > 10, theme
    assert ids(d) == rq_practices(synth_store, theme)


@pytest.mark.parametrize("theme", ["年轻干部", "干部考察", "五有"])
def test_the_command_reads_only_the_themes_practices_and_answers_the_same(synth_store, synth_cat, theme):
    # `kg digest` reads each practice's themes, then only the practices on the theme in full
    with GraphStore(synth_store, read_only=True) as gs:
        got = replace(digest(gs, theme), corpus={})
    assert got == compile_digest(synth_cat, theme) and got.practices > 10


def test_narrower_groups_are_taken_in(synth_cat):
    young = compile_digest(synth_cat, "年轻干部")
    graduates = compile_digest(synth_cat, "选调生")
    assert young.themes[0].narrower == ("选调生",)
    assert ids(graduates) and ids(graduates) < ids(young)
    direct = {
        p.iri
        for p in synth_cat.practices.values()
        if ID + "target-group/young-cadre" in {c.iri for c in p.targets}
    }
    assert ids(young) == direct | ids(graduates)


def test_grouping_head_count_and_order(synth_cat):
    d = compile_digest(synth_cat, "年轻干部")
    places = set()
    for pg in d.provinces:
        for c in pg.cities:
            for g in c.places:
                for it in g.items:
                    chain = [x.iri for x in it.practice.locality.chain()] if it.practice.locality else []
                    if g.place is not None:
                        assert g.place.iri in chain and (c.city is None or c.city.iri in chain)
                        assert pg.province is None or pg.province.iri in chain
                        places.add(g.place.iri)
                dates = [i.practice.date or "9999" for i in g.items]
                assert dates == sorted(dates)
    assert d.places == len(places)
    assert d.unplaced == len([i for i in d.items if i.practice.locality is None])
    dates = sorted(i.practice.date for i in d.items if i.practice.date)
    assert (d.first, d.last) == (dates[0], dates[-1])
    codes = [pg.province.code for pg in d.provinces if pg.province]
    assert codes == sorted(codes)


def test_the_diffusion_table_is_the_site_diffusion(synth_store, synth_cat):
    records = read_records(synth_store)
    for theme in ("年轻干部", "考察识别", "五有"):
        d = compile_digest(synth_cat, theme)
        site = [(r.place, r.first, r.practices, r.example) for r in diffusion(records, theme)]
        assert [(s.place.iri, s.first, s.practices, s.example.practice.iri) for s in d.spread] == site


def test_items_carry_clean_quote_displayable_outcomes_and_citation(sample_cat):
    d = compile_digest(sample_cat, "年轻干部")
    shown = [o for i in d.items for o in i.outcomes]
    assert "选派到村挂职的乡镇年轻干部 151名" in shown  # label + the figure as written
    hidden = [o for i in d.items for o in i.practice.outcomes if not o.displayable]
    assert all(
        o.as_written() not in shown
        or any(
            x.as_written() == o.as_written() and x.displayable for i in d.items for x in i.practice.outcomes
        )
        for o in hidden
    )
    for it in d.items:
        assert "**" not in it.quote and "\n\n" not in it.quote
        b = it.practice.bulletin
        assert it.citation.startswith(it.practice.locality.label if it.practice.locality else "地方不详")
        assert f"《{b.name}》" in it.citation and f"第{b.issue}期" in it.citation and b.date in it.citation


def test_formats(sample_store):
    with GraphStore(sample_store, read_only=True) as gs:
        d = digest(gs, "年轻干部")
    md = render(d, "md")
    assert md.startswith("# 经验做法汇编：年轻干部") and "## 目录" in md and "首次报道先后" in md
    assert all(i.citation in md for i in d.items)
    data = json.loads(render(d, "json"))
    got = {
        p["id"] for pg in data["provinces"] for c in pg["cities"] for g in c["places"] for p in g["practices"]
    }
    assert got == ids(d) and data["summary"]["practices"] == len(got)
    assert [s["place"]["id"] for s in data["spread"]] == [s.place.iri for s in d.spread]
    html = render(d, "html")
    assert "<script" not in html and "http" not in html.split("</style>")[1]
    assert all(i.label.replace("“", "") and i.citation in html for i in d.items)


def test_hostile_text_stays_text(synth_cat):
    d = compile_digest(synth_cat, "品牌" + HOSTILE[0])
    html = render(d, "html")
    assert (
        "<script" not in html.lower()
        and "<img" not in html
        and "<svg" not in html
        and "javascript:" not in html.split("<body>")[1].replace("javascript:window", "")
    )  # noqa: E501
    assert "&lt;script&gt;" in html
    md = render(d, "md")
    assert not re.search(r"(?<!\\)<", md) and "\\<script\\>" in md  # every < escaped


def _docx_text(data: bytes) -> tuple[list[tuple[str, str]], str]:
    from docx import Document

    doc = Document(io.BytesIO(data))
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    return paras, "\n".join(t for _, t in paras)


def test_the_docx_reads_as_a_compilation(sample_store):
    with GraphStore(sample_store, read_only=True) as gs:
        d = digest(gs, "年轻干部")
    paras, text = _docx_text(render(d, "docx"))
    assert paras[0] == ("Title", "经验做法汇编：年轻干部")
    headings = [t for s, t in paras if s.startswith("Heading")]
    assert headings[0] == "目录"
    sections = [t for s, t in paras if s == "Heading 1"][1:]
    assert sections == ["一、安徽省", "二、四川省", "三、陕西省", "四、首次报道先后"]
    contents = text.split("目录", 1)[1]
    assert all(x in contents for x in ("一、安徽省（2 条）", "德阳市 中江县（6 条）", "四、首次报道先后"))
    assert {"安庆市", "德阳市", "渭南市"} <= {t for s, t in paras if s == "Heading 2"}
    assert {"太湖县", "岳西县", "中江县", "合阳县"} <= {t for s, t in paras if s == "Heading 3"}
    assert all(f"〔{i.citation}〕" in text for i in d.items)


@pytest.mark.browser
def test_the_docx_screenshot(browser, sample_store, tmp_path):
    """The Word document drawn in Chromium (tests/docx_view.py): title, contents and place sections show."""
    from docx_view import docx_html

    with GraphStore(sample_store, read_only=True) as gs:
        data = render(digest(gs, "年轻干部"), "docx")
    folder = Path(os.environ.get("KG_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "digest-young-cadres.docx").write_bytes(data)
    page_file = tmp_path / "digest.html"
    page_file.write_text(docx_html(data), encoding="utf-8")
    page = browser.new_page(viewport={"width": 900, "height": 1200})
    try:
        page.goto(page_file.as_uri())
        shown = page.inner_text("body")
        for words in ("经验做法汇编：年轻干部", "目录", "一、安徽省", "德阳市", "中江县", "首次报道先后"):
            assert words in shown
        assert page.evaluate("() => document.querySelectorAll('h4').length") >= 4  # a section per place
        shot = folder / "digest-young-cadres.png"
        page.screenshot(path=str(shot), full_page=True)
    finally:
        page.close()
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 30_000
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= 900 and height > 2000  # the whole document, pages long


def test_cli(sample_store, tmp_path):
    r = CliRunner().invoke(main, ["digest", "年轻干部", "--format", "json", "--store", str(sample_store)])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["summary"]["practices"] == len(rq_practices(sample_store, "年轻干部"))
    r = CliRunner().invoke(main, ["digest", "年青干部", "--store", str(sample_store)])
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "年青干部" in lines[0] and "年轻干部" in lines[0]
    out = tmp_path / "d.docx"
    r = CliRunner().invoke(
        main, ["digest", "考察识别", "--format", "docx", "-o", str(out), "--store", str(sample_store)]
    )
    assert r.exit_code == 0 and out.read_bytes()[:2] == b"PK"
    r = CliRunner().invoke(
        main, ["digest", "到基层一线挂职锻炼", "--text", "--top", "4", "--store", str(sample_store)]
    )
    assert r.exit_code == 0 and "相近度" in r.stdout
