"""Acceptance on the bundled sample: who does something similar, with reasons (store built once per session)."""

from __future__ import annotations

import json
import re
import shutil

import numpy as np
import pytest

from kg.errors import ReportError
from kg.graph import iris
from kg.report import similar_report
from kg.store import GraphStore


@pytest.fixture(scope="module")
def gs(sample_store):
    with GraphStore(sample_store, read_only=True) as store:
        yield store


def test_yixiu_community_survey_finds_taihu_first(gs):
    data = json.loads(similar_report(gs, "宜秀区", fmt="json"))
    assert data["query"] == {"kind": "locality", "value": "宜秀区"}
    survey = [r for r in data["results"] if "三进三问三听" in r["practice"]["text"]]
    assert len(survey) == 1
    assert survey[0]["similar"][0]["practice"]["locality"] == "太湖县"
    # practices are ranked, not articles: the 坊间 measure is among the first two (beside another
    # measure of the same 太湖 article, 走进基层听"呼声")
    top = next(s for s in survey[0]["similar"][:2] if "坊间" in s["practice"]["text"])
    assert "官声" in top["practice"]["label"]
    assert "考察识别" in top["shared"] and "社区" in top["shared"]  # the reason is shown
    # the other practices of the community-survey article find it among their first two as well
    for r in data["results"]:
        if "民调" in r["practice"]["text"] and r["similar"]:
            assert any("坊间" in s["practice"]["text"] for s in r["similar"][:2])


def test_grading_village_secretaries_by_text(gs):
    data = json.loads(similar_report(gs, "对村党组织书记分档管理并与报酬挂钩", is_text=True, fmt="json"))
    sims = data["results"][0]["similar"]
    # both measures of the 桐城 article come first (two sub-practices of one article), 济宁 follows
    assert [s["practice"]["locality"] for s in sims[:2]] == ["桐城市", "桐城市"]
    assert sims[0]["practice"]["id"] != sims[1]["practice"]["id"]
    assert "济宁市" in {s["practice"]["locality"] for s in sims[:5]}
    assert "村党组织书记" in sims[0]["shared"]
    assert data["results"][0]["practice"] is None


def test_text_search_returns_top_n_practices_with_bands_and_reasons(gs):
    q = "有没有地方给每个乡镇专门配一个管党建组织口的专干，定三年任期、送到县里部门跟班，业务排名连续两年垫底就换人？"
    data = json.loads(similar_report(gs, q, is_text=True, top=10, fmt="json"))
    sims = data["results"][0]["similar"]
    assert len(sims) == 10
    assert len({s["practice"]["id"] for s in sims}) == 10
    assert all(s["band"] in ("做法相同", "相关", "较弱") for s in sims)
    assert all(s["shared"] or s["sentences"] for s in sims)  # each has its reasons
    assert [s["score"] for s in sims] == sorted((s["score"] for s in sims), reverse=True)
    assert sims[0]["practice"]["locality"] == "太湖县" and "任期" in sims[0]["practice"]["text"]
    assert "较弱" in {s["band"] for s in sims}  # weak ones are listed and marked, not dropped
    md = similar_report(gs, q, is_text=True, top=10, fmt="md")
    assert len(re.findall(r"（相似度 [0-9.]+，(做法相同|相关|较弱)）", md)) == 10


def test_fusion_not_a_gate_a_text_sharing_no_word_still_ranks(gs):
    """A description in other words than every practice (no term in common) is ranked by meaning; the
    lexical product alone (semantic layer off) finds nothing."""
    from kg.link.cleaned import clean_query
    from kg.link.model import Params
    from kg.link.search import query_features, search_model
    from kg.link.state import fit

    q = "年轻人放到吃劲的地方去摔打"
    m = fit(gs)
    vec = query_features(m, clean_query(q))[0]
    assert (m.X @ vec.T).nnz == 0  # not one word in common with any practice
    hits = search_model(m, q, 5, expand=False)
    assert len(hits) == 5 and all(h.score > 0 for h in hits)
    assert search_model(fit(gs, Params(semantic=False)), q, 5, expand=False) == []


def test_words_left_of_a_figure_are_no_reason():
    from kg.link.engine import is_weak_term

    assert all(is_weak_term(t) for t in ("余人次", "人次", "多名", "万元", "余件", "千人"))
    assert not any(is_weak_term(t) for t in ("条件", "个人", "家人", "谈心", "安心", "选调生"))


def test_explanations_name_no_filler_and_no_single_characters(gs):
    from kg.link.engine import FILLER, is_weak_term

    for q in (
        "到拟提拔干部居住的社区走访邻居，了解其家庭生活和社交情况",
        "是否存在干部管理不严的情况，想了解一下怎么育人",
    ):
        data = json.loads(similar_report(gs, q, is_text=True, top=10, fmt="json"))
        for s in data["results"][0]["similar"]:
            assert all(len(t) >= 2 and t not in FILLER for t in s["shared"]), s["shared"]
            assert not any(is_weak_term(t) for t in s["shared"]), s["shared"]


def test_markdown_report_cites_bulletin_issue_date_locality(gs):
    md = similar_report(gs, "宜秀区", fmt="md")
    assert "〔太湖县，《安庆组工信息》2022年第14期，2022-04-20〕" in md
    assert "〔宜秀区，《安庆组工信息》2022年第19期，2022-06-03〕" in md
    assert "关联理由：" in md and "### 时间线" in md


def test_links_are_between_localities_and_explained(gs):
    rows = list(
        gs.query(f"""SELECT ?a ?b ?la ?lb ?s WHERE {{ GRAPH <{iris.GRAPH_LINKS}> {{
        ?l ckg:fromPractice ?a ; ckg:toPractice ?b ; ckg:score ?s }}
        ?a ckg:describedIn/ckg:locality ?la . ?b ckg:describedIn/ckg:locality ?lb }}""")
    )
    assert len(rows) >= 30
    assert all(r["la"] != r["lb"] for r in rows)
    unexplained = list(
        gs.query("""SELECT ?l WHERE { ?l a ckg:SimilarityLink .
        FILTER NOT EXISTS { ?l ckg:sharedConcept ?c } FILTER NOT EXISTS { ?l ckg:sharedTerm ?t } }""")
    )
    assert not unexplained


def test_add_relinks_as_a_full_relink_with_the_same_model_would(tmp_path, data_dir, sample_store):
    from kg.link.stage import same_model_links
    from kg.pipeline import add, build
    from kg.semantic.practice import static_model

    files = sorted(data_dir.glob("*.txt"))
    store = tmp_path / "store"
    assert not build(files[:-1], store, render=False).failures
    table = static_model(str(store)).table  # the word table: in the store folder, beside the generations
    assert table.folder.is_relative_to(store / "semantic") and len(table) > 0
    words, vecs = table.keys, np.array(table.vectors)
    rep = add([files[-1]], store, render=False)
    assert not rep.failures and rep.links > 0
    # the add kept the table (a new generation, the same folder) and embedded only words it lacked
    after = static_model(str(store)).table
    assert after.keys[: len(words)] == words and len(after) > len(words)
    assert np.array_equal(np.array(after.vectors[: len(words)]), vecs)

    def links(path, only_new=True):
        with GraphStore(path, read_only=True) as g:
            q = f"""SELECT ?a ?b ?s ?bul WHERE {{ GRAPH <{iris.GRAPH_LINKS}> {{ ?l ckg:fromPractice ?a ;
                   ckg:toPractice ?b ; ckg:score ?s }} }}"""
            new = {
                r["p"].value
                for r in g.query("""SELECT ?p WHERE { ?p a ckg:Practice ;
                   ckg:describedIn/dcterms:isPartOf/dcterms:issued ?d . FILTER(?d >= "2023-01-01"^^xsd:date) }""")
            }
            return {
                (r["a"].value, r["b"].value): float(r["s"].value)
                for r in g.query(q)
                if not only_new or r["a"].value in new or r["b"].value in new
            }

    # exactly the links graph a full relink with the kept model (weights of the first build) writes
    with GraphStore(store, read_only=True) as g:
        expected = {(lk.a, lk.b): round(lk.score, 3) for lk in same_model_links(g)}
    assert links(store, only_new=False) == expected and rep.links == len(expected)
    # a full build refits the weights on all five bulletins (the corpus grew by a quarter): most of the
    # new practices' links are the same
    incremental, full = links(store), links(sample_store)
    assert full and len(set(incremental) & set(full)) >= 0.8 * len(full)


def test_cli_similar_json(sample_store):
    from click.testing import CliRunner

    from kg.cli import main

    res = CliRunner().invoke(
        main, ["similar", "宜秀区", "--format", "json", "--top", "2", "--store", str(sample_store)]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert all(len(r["similar"]) <= 2 for r in data["results"])
    bad = CliRunner().invoke(main, ["similar", "火星县", "--store", str(sample_store)])
    assert bad.exit_code == 1 and "火星县" in bad.output and "Traceback" not in bad.output


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_docx_of_the_sample_converts_to_pdf(gs, tmp_path):
    import subprocess

    path = tmp_path / "yixiu.docx"
    path.write_bytes(similar_report(gs, "宜秀区", fmt="docx"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "yixiu.pdf").stat().st_size > 1000


def test_rows_taken_from_bulletins_equal_the_rows_read_from_the_store(gs, data_dir):
    """A build hands the link stage rows made from the bulletins it writes (never read back); they must
    be exactly what the store holds."""
    from kg.catalog.rows import read_rows, rows_of_bulletin
    from kg.pipeline import ingest_file

    made = sorted(
        (r for f in sorted(data_dir.glob("*.txt")) for r in rows_of_bulletin(ingest_file(f))),
        key=lambda r: r.iri,
    )
    assert made == read_rows(gs)
    assert any(r.title != r.text and len(r.title) > 20 for r in made)  # leads, not only titles
    assert any(r.documents for r in made) and any(r.brand for r in made)


def test_a_shortlisted_row_ranks_as_scoring_every_pair(gs):
    """rank_row with `top` scores exactly only the practices its estimate puts near the top: the same
    list as scoring every pair, for every practice, several tops and a filter."""
    import numpy as np

    from kg.link.engine import pair_scores, rank_row, row_estimate, row_estimates
    from kg.link.state import load_model

    m = load_model(gs)
    rng = np.random.default_rng(3)
    together = row_estimates(m, np.arange(m.n))  # every row at once, as a place's report asks
    for i in range(m.n):
        j = np.flatnonzero(m.groups != m.groups[i])
        exact, _ = pair_scores(m, np.full(len(j), i, np.int64), j)
        assert np.abs(row_estimate(m, i, j) - exact).max() < 1e-5
        s = np.round(exact.astype(np.float64), 3)
        for top in (1, 3, 8):
            eligible = rng.random(m.n) > 0.3
            order = np.lexsort((j, -s))
            keep = (s[order] > 0) & eligible[j[order]]
            want = [(int(j[k]), float(s[k])) for k in order[keep][:top]]
            assert rank_row(m, i, top, eligible=eligible) == want
            assert rank_row(m, i, top, eligible=eligible, estimate=together[i]) == want


PAGE = """首页 > 新闻中心 > 基层动态
【字体：大 中 小】 打印本页 关闭窗口
发布时间：2024-03-15 09:32:11 来源：某县委组织部 浏览次数：1286
某县推动年轻干部到基层一线墩苗历练
选派35岁以下优秀年轻干部到乡镇、村任职，实行“导师帮带”，由乡镇党委书记担任导师，每月开展一次谈心谈话。
责任编辑：王某某
扫一扫在手机打开当前页
上一篇：某县召开全县组织工作会议
下一篇：某县开展党员冬训
版权所有：中共某县委组织部 备案号：皖ICP备12345678号"""


def test_a_pasted_web_page_is_searched_as_its_article(gs):
    import doctest

    import kg.text.webpage as webpage

    assert doctest.testmod(webpage).failed == 0
    article = "\n".join(PAGE.splitlines()[3:5])
    assert webpage.strip_page_chrome(PAGE) == article
    assert webpage.strip_page_chrome("打印机采购，返回原单位任职") == "打印机采购，返回原单位任职"
    page = json.loads(similar_report(gs, PAGE, is_text=True, top=5, fmt="json"))
    alone = json.loads(similar_report(gs, article, is_text=True, top=5, fmt="json"))
    assert page["results"] == alone["results"]  # the next-article link adds no topic of its own
    md = similar_report(gs, PAGE, is_text=True, top=3, fmt="md")
    assert "责任编辑" not in md and "下一篇" not in md and "墩苗历练" in md
    with pytest.raises(ReportError):
        similar_report(gs, "来源：某县委组织部\n责任编辑：王某", is_text=True)


def test_kept_sentences_explain_as_the_texts_cut_live(tmp_path, sample_store):
    """The build keeps each practice's sentences and term bags beside the store (kg.link.sentbags): a
    report explains its matches from them exactly as from its texts cut again."""
    from kg.link.sentbags import db_path, load_sentences, practice_sentences

    with GraphStore(sample_store, read_only=True) as store:
        kept_md = similar_report(store, "宜秀区", fmt="md")
        texts = [r["text"].value for r in store.query("SELECT ?text WHERE { ?p ckg:normalizedText ?text }")]
    kept = load_sentences(sample_store, texts)
    assert len(kept) == len(set(texts)) > 50
    assert all([s for s, _ in kept[t]] == practice_sentences(t) for t in texts)
    bare = tmp_path / "bare"
    shutil.copytree(sample_store, bare)
    db_path(bare).unlink()
    with GraphStore(bare, read_only=True) as store:
        assert similar_report(store, "宜秀区", fmt="md") == kept_md
    assert "最相近的两句" in kept_md


def test_a_long_text_of_several_measures_finds_the_practice_of_its_short_one(gs):
    """A news text whose first paragraphs are about young cadres and whose last, short one is about grading
    village secretaries: scored part by part, the grading practices rank; scored as one text, fewer do."""
    from dataclasses import replace

    from kg.link.search import search_model, text_parts
    from kg.link.state import fit

    q = (
        "某县坚持在实践一线培养锻炼年轻干部，着力破解年轻干部成长慢、历练少的问题。\n"
        "一是推行导师帮带，为每名新录用公务员和选调生确定一名经验丰富的科级干部作为导师，签订帮带协议，"
        "帮带期两年，期满由组织部对帮带效果进行评估。二是实施一线墩苗计划，每年选派40岁以下优秀年轻干部"
        "到征地拆迁、信访维稳、招商引资、乡村振兴等一线墩苗锻炼一年，组织部全程跟踪记实。\n"
        "同时，该县对村党组织书记实行分档管理，每年评定一次档次，报酬与档次挂钩。\n"
    )
    from kg.link.cleaned import clean_query, clean_query_paragraphs

    text, paragraphs = clean_query_paragraphs(q)
    assert text == clean_query(q)
    assert [p[:2] for p in text_parts(paragraphs)] == ["某县", "一是", "二是", "同时"]
    m = fit(gs)

    def grading(hits):
        return sum("档" in m.row(m.index[h.iri]).text for h in hits)

    with_parts = search_model(m, q, 5)
    m.params = replace(m.params, part_weight=0.0)
    whole_only = search_model(m, q, 5)
    assert grading(with_parts) > grading(whole_only)
