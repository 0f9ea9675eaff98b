"""Reports on a tiny hand-made store: JSON shape, Markdown citations, HTML escaping, Word, timeline."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess

import pytest

from kg.errors import KGError
from kg.link import synthetic as syn
from kg.link.stage import relink
from kg.report import build_report, render_reports, similar_report, timeline
from kg.report.formats import render
from kg.store import GraphStore

HOSTILE = '<script>alert("x")</script>'
SHOWN = "<script>alert（“x”）</script>"  # its display text: punctuation as the normalised text has it
P_KEYS = {
    "id",
    "label",
    "locality",
    "date",
    "issue",
    "article",
    "text",
    "brand",
    "outcomes",
    "cites",
    "bulletin",
    "issuer",
}
BRAND = "三进三问三听"


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "store"
    early = syn.bulletin(
        "b1",
        [
            syn.Item(
                "甲县",
                f"建立社区民调制度，到拟提拔干部所在社区走访邻居，了解家庭生活和社交情况。{HOSTILE}",
                targets=("promotion-candidate",),
                types=("vetting",),
                label=f"社区民调{HOSTILE}",
                brand=BRAND,
            ),
            syn.Item(
                "丙县",
                "对村党组织书记分级定档管理，报酬与档次挂钩。",
                targets=("village-party-secretary",),
                types=("star-rating",),
            ),
        ],
        dt.date(2021, 5, 31),
        issue=12,
    )
    later = syn.bulletin(
        "b2",
        [
            syn.Item(
                "乙县",
                "走到坊间听官声，从家庭生活看干部私德，从社区邻居证其口碑，考察干部。",
                targets=("cadre",),
                types=("vetting",),
            ),
            syn.Item(
                "丁县",
                "村书记实绩考核结果与绩效补贴和报酬挂钩。",
                targets=("village-party-secretary",),
                types=("assessment",),
            ),
            syn.Item(
                "戊县",
                "社区民调评议会邀请邻居评价拟提拔干部，考察延伸到社区。",
                targets=("promotion-candidate",),
                types=("vetting",),
            ),
        ],
        dt.date(2022, 6, 3),
        issue=19,
    )
    with GraphStore(path, create=True) as gs:
        syn.write(gs, [early, later])
        relink(gs)
        gs.save_manifest()
    return path


@pytest.fixture()
def gs(tiny_store):
    with GraphStore(tiny_store, read_only=True) as store:
        yield store


def test_json_shape_by_locality(gs):
    data = json.loads(similar_report(gs, "甲县", fmt="json"))
    assert set(data) == {"query", "results"}
    assert data["query"] == {"kind": "locality", "value": "甲县"}
    assert data["results"]
    for res in data["results"]:
        assert set(res) == {"practice", "similar"}
        assert set(res["practice"]) == P_KEYS and res["practice"]["locality"] == "甲县"
        for s in res["similar"]:
            assert set(s) == {"practice", "score", "band", "shared", "sentences", "duplicates"}
            assert s["band"] in ("做法相同", "相关", "较弱")
            assert set(s["practice"]) == P_KEYS
            assert s["practice"]["locality"] != "甲县"
            assert isinstance(s["score"], float) and 0 < s["score"] <= 1
            assert all(isinstance(x, str) and x for x in s["shared"])
            assert s["practice"]["date"].count("-") == 2 and isinstance(s["practice"]["issue"], int)
        scores = [s["score"] for s in res["similar"]]
        assert scores == sorted(scores, reverse=True)
    first = data["results"][0]
    assert first["practice"]["text"].endswith(SHOWN)  # the display text, as data
    assert "source_text" not in first["practice"]
    exact = json.loads(similar_report(gs, "甲县", fmt="json", source_text=True))["results"][0]["practice"]
    assert exact["source_text"].endswith(HOSTILE) and exact["text"] == first["practice"]["text"]
    assert exact["source_span"]["end"] - exact["source_span"]["start"] == len(exact["source_text"])
    assert first["similar"] and "考察识别" in first["similar"][0]["shared"]


def test_json_shape_by_text(gs):
    data = json.loads(
        similar_report(gs, "对村党组织书记分档管理并与报酬挂钩", is_text=True, top=2, fmt="json")
    )
    assert data["query"]["kind"] == "text"
    assert len(data["results"]) == 1 and data["results"][0]["practice"] is None
    sims = data["results"][0]["similar"]
    assert 1 <= len(sims) <= 2
    assert {s["practice"]["locality"] for s in sims} <= {"丙县", "丁县"}
    assert sims[0]["practice"]["locality"] == "丙县"


def test_the_brand_is_shown_in_every_format(gs):
    from docx import Document

    data = json.loads(similar_report(gs, "甲县", fmt="json"))
    assert [r["practice"]["brand"] for r in data["results"]] == [BRAND]
    assert all(s["practice"]["brand"] is None for s in data["results"][0]["similar"])
    assert f"品牌：{BRAND}" in similar_report(gs, "甲县", fmt="md")
    assert f"品牌：{BRAND}" in similar_report(gs, "甲县", fmt="html")
    doc = Document(io.BytesIO(similar_report(gs, "甲县", fmt="docx")))
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    assert ["品牌", BRAND, "—"] in rows


def test_unknown_locality_names_close_ones(gs):
    with pytest.raises(KGError) as err:
        similar_report(gs, "甲乡", fmt="md")
    msg = str(err.value)
    assert "\n" not in msg and "甲乡" in msg and "甲县" in msg
    with pytest.raises(KGError):
        similar_report(gs, "甲县", fmt="pdf")
    assert (
        json.loads(similar_report(gs, "甲", fmt="json"))["query"]["value"] == "甲县"
    )  # a unique prefix will do


def test_markdown_cites_every_practice(gs):
    md = similar_report(gs, "甲县", fmt="md")
    assert md.startswith("# 谁在做类似的事：甲县")
    cite_early = "〔甲县，《测试组工信息》2021年第12期，2021-05-31〕"
    cite_later = "〔乙县，《测试组工信息》2022年第19期，2022-06-03〕"
    assert cite_early in md and cite_later in md
    assert "关联理由：" in md and "考察识别" in md
    assert "\\<script\\>" in md and "<script>" not in md  # document text is data, not markup
    assert "### 时间线" in md and "最早报道" in md and "晚 368 天" in md
    for line in md.splitlines():  # every quoted practice carries its citation right after it
        if line.startswith("> 〔"):
            assert "《测试组工信息》" in line and "20" in line


def test_html_is_escaped_and_self_contained(gs):
    page = similar_report(gs, "甲县", fmt="html")
    assert "<script>" not in page and "&lt;script&gt;alert（“x”）&lt;/script&gt;" in page
    # the exact source text, one click away (folded), escaped too
    assert '<details class="source">' in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "http://" not in page and "https://" not in page and "src=" not in page
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    text_page = similar_report(gs, HOSTILE + "社区民调 邻居", is_text=True, fmt="html")
    assert "<script>" not in text_page


def test_docx_opens_and_converts(gs, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    data = similar_report(gs, "甲县", fmt="docx")
    assert isinstance(data, bytes) and data[:2] == b"PK"
    doc = Document(io.BytesIO(data))
    assert doc.paragraphs[0].text.startswith("谁在做类似的事：甲县")
    assert doc.tables, "a comparison table per pair"
    body = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    assert "2021-05-31" in body and "乙县" in body and SHOWN in body
    exact = Document(io.BytesIO(similar_report(gs, "甲县", fmt="docx", source_text=True)))
    assert any(HOSTILE in c.text for t in exact.tables for r in t.rows for c in r.cells)
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        path = tmp_path / "r.docx"
        path.write_bytes(data)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = tmp_path / "r.pdf"
        assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"


def test_text_report_docx_and_md(gs):
    from docx import Document

    md = similar_report(gs, "村书记报酬挂钩", is_text=True, fmt="md")
    assert "## 查询描述" in md and "丙县" in md
    doc = Document(io.BytesIO(similar_report(gs, "村书记报酬挂钩", is_text=True, fmt="docx")))
    assert any("查询描述" in p.text for p in doc.paragraphs)


def test_timeline_orders_by_date(gs):
    iri = next(
        r["p"].value
        for r in gs.query("SELECT ?p WHERE { ?p ckg:normalizedText ?t . FILTER(CONTAINS(?t, '坊间')) }")
    )
    steps = timeline(gs, iri)
    assert [s["locality"] for s in steps][0] == "甲县"  # reported first (2021), the others followed
    assert steps[0]["first"] and steps[0]["days_after_first"] == 0
    assert all(s["days_after_first"] == 368 for s in steps[1:])
    assert {s["locality"] for s in steps} >= {"甲县", "乙县"}


def test_render_reports_writes_a_page_per_locality(tiny_store, tmp_path):
    out = render_reports(tiny_store, tmp_path)
    names = {p.rsplit("/", 1)[-1] for p in out}
    assert {"甲县.md", "甲县.html", "乙县.html", "index.html"} <= names
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'href="甲县.html"' in index


def test_the_catalog_reads_some_practices_as_it_reads_them_all(tiny_store):
    """One reader, two ways: bound to a few practices (one locality's report, `kg add`) it gives the
    records and links that reading the whole store (a full render) gives."""
    from kg.catalog.catalog import read_around, read_catalog
    from kg.catalog.places import locality_names, practices_at, within

    with GraphStore(tiny_store, read_only=True) as gs:
        cat = read_catalog(gs)
        assert len(cat.practices) == 5 and len(cat.links) >= 3
        jia = next(p for p in cat.practices.values() if p.locality.label == "甲县")
        assert (
            jia.text.endswith(HOSTILE)
            and jia.quote.text == jia.source_text
            and jia.label.startswith("社区民调")
        )
        assert jia.bulletin.issue == 12 and jia.date == "2021-05-31" and jia.bulletin.name == "测试组工信息"
        assert [c.label for c in jia.types] == ["考察识别"] and jia.targets[0].iri.endswith(
            "promotion-candidate"
        )
        assert jia.locality.iri in locality_names(gs) and jia.article.title.startswith("甲县")
        mine = practices_at(gs, within(gs, [jia.locality.iri]))
        assert mine == set(cat.practices_of(cat.within(jia.locality.iri))) == {jia.iri}
        part = read_around(gs, mine)
        linked = {k.other(jia.iri) for k in cat.links_of(jia.iri)}
        assert linked and set(part.practices) == mine | linked
        assert all(part.practices[p] == cat.practices[p] for p in part.practices)
        assert part.links == cat.links_of(jia.iri) and part.scores_of(jia.iri) == cat.scores_of(jia.iri)
        assert [s for _, s in cat.scores_of(jia.iri)] == sorted(
            (s for _, s in cat.scores_of(jia.iri)), reverse=True
        )


def test_rendered_reports_equal_single_reports(tiny_store, tmp_path):
    render_reports(tiny_store, tmp_path)
    with GraphStore(tiny_store, read_only=True) as gs:
        for name in ("甲县", "乙县"):
            # the published reports show the stored links (kg similar fills to --top beyond them)
            rep = build_report(gs, name, fill=False)
            assert (tmp_path / "reports" / f"{name}.md").read_text(encoding="utf-8") == render(rep, "md")
            assert (tmp_path / "reports" / f"{name}.html").read_text(encoding="utf-8") == render(rep, "html")


def test_locality_reports_update_in_place(tiny_store, tmp_path):
    from kg.report import render_locality_reports

    render_reports(tiny_store, tmp_path)
    folder = tmp_path / "reports"
    before = (folder / "index.html").read_text(encoding="utf-8")
    (folder / "甲县.md").write_text("old", encoding="utf-8")
    (folder / "乙县.md").write_text("old", encoding="utf-8")
    with GraphStore(tiny_store, read_only=True) as gs:
        from kg.catalog.catalog import read_catalog

        jia = next(p.locality.iri for p in read_catalog(gs).practices.values() if p.locality.label == "甲县")
        written = render_locality_reports(gs, tmp_path, [jia])
        assert (folder / "甲县.md").read_text(encoding="utf-8") == render(
            build_report(gs, "甲县", fill=False), "md"
        )
    assert (folder / "乙县.md").read_text(encoding="utf-8") == "old"  # not touched
    assert (folder / "index.html").read_text(encoding="utf-8") == before
    assert {p.rsplit("/", 1)[-1] for p in written} == {"甲县.md", "甲县.html", "index.html", "index.json"}


def test_catalog_on_the_sample(sample_store):
    """Real extraction output: localities inside cities, article-level localities, outcomes in the order
    of the text, brands; every locality's practices read bound equal those read whole."""
    from kg.catalog.catalog import read_around, read_catalog
    from kg.catalog.places import locality_names, practices_at, within

    with GraphStore(sample_store, read_only=True) as gs:
        cat = read_catalog(gs)
        recs = list(cat.practices.values())
        assert len(recs) > 20 and any(p.outcomes for p in recs) and any(p.brand for p in recs)
        assert all(p.quote and p.quote.start < p.quote.end for p in recs)
        assert all(len(p.locality.chain()) >= 2 for p in recs if p.locality and p.locality.level == "county")
        many = max(recs, key=lambda p: len(p.outcomes))
        assert len(many.outcomes) >= 10  # numbered -1 … -11: listed as the text has them, not as strings sort
        # labels name the measure counted (选派到…, 推荐到…), in the order of the text
        assert [o.label[:2] for o in many.outcomes[:2]] == ["选派", "推荐"]
        assert all(len(o.label) > 2 for o in many.outcomes[:2])
        for loc in sorted(locality_names(gs)):
            mine = practices_at(gs, within(gs, [loc]))
            assert set(cat.practices_of(cat.within(loc))) == mine, loc
            part = read_around(gs, mine)
            assert all(part.practices[p] == cat.practices[p] for p in part.practices), loc
            assert all(part.scores_of(p) == cat.scores_of(p) for p in mine), loc


def test_stats_rows_per_locality(sample_store):
    from kg.stats import collect

    with GraphStore(sample_store, read_only=True) as gs:
        rows = collect(gs)["localities"]
    assert rows and all(
        set(r) == {"locality", "code", "parent", "articles", "practices", "outcomes", "targets"} for r in rows
    )
    assert any(r["locality"] == "宜秀区" for r in rows) and all(r["practices"].isdigit() for r in rows)
