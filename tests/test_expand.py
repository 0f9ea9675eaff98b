"""Query expansion: everyday wordings of a question searched as the formal terms bulletins use."""

from __future__ import annotations

import json

import pytest

from kg.link import expand

TTL = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix q: <https://w3id.org/cadrekg/id/query-term/> .
q:young a skos:Concept ; skos:prefLabel "年轻干部"@zh ; skos:altLabel "小年轻"@zh , "年轻同志"@zh .
q:mentor a skos:Concept ; skos:prefLabel "导师帮带"@zh ; skos:hiddenLabel "传帮带"@zh ;
    skos:altLabel "手把手带"@zh , "带徒弟"@zh .
q:retired a skos:Concept ; skos:prefLabel "退出领导岗位干部"@zh ; skos:altLabel "退下来的老同志"@zh , "老同志"@zh .
q:english a skos:Concept ; skos:prefLabel "Young cadres"@en ; skos:altLabel "youngsters"@en .
"""


@pytest.fixture
def small(tmp_path, monkeypatch):
    (tmp_path / "t.ttl").write_text(TTL, encoding="utf-8")
    monkeypatch.setattr(expand, "FOLDER", tmp_path)
    monkeypatch.setenv("KG_CACHE", str(tmp_path / "cache"))
    expand.thesaurus.cache_clear()
    yield expand.thesaurus()
    expand.thesaurus.cache_clear()


def test_everyday_words_bring_the_formal_terms(small):
    text, terms = small.expand("有没有给小年轻安排师傅手把手带的？")
    assert terms == ["年轻干部", "导师帮带"]  # preferred terms only (传帮带 is a hiddenLabel)
    assert text.startswith("有没有给小年轻") and text.endswith("年轻干部、导师帮带。")


def test_longest_wording_wins_and_is_counted_once(small):
    # 退下来的老同志 holds 老同志: one concept, its terms once
    assert small.formal_terms("退下来的老同志怎么发挥余热，老同志还能做什么") == ["退出领导岗位干部"]


def test_terms_the_question_already_holds_are_not_added(small):
    assert small.formal_terms("年轻干部里的小年轻") == []
    assert small.expand("谈心谈话") == ("谈心谈话", [])


def test_only_chinese_labels_of_three_characters_or_more_count(small, tmp_path):
    assert small.formal_terms("youngsters") == []
    (tmp_path / "t.ttl").write_text(TTL.replace('"带徒弟"', '"带徒"'), encoding="utf-8")
    expand.thesaurus.cache_clear()
    assert expand.thesaurus().formal_terms("老师带徒") == []


def test_the_shipped_thesaurus_parses_and_has_no_generic_wordings():
    expand.thesaurus.cache_clear()
    t = expand.thesaurus()
    assert len(t.wordings) >= 100
    generic = {"干部", "工作", "组织", "同志", "加强", "党员", "群众"}
    assert not generic & {w for w, _ in t.wordings}
    assert all(len(w) >= expand.MIN_WORDING and len(terms) == 1 for w, terms in t.wordings)


def test_the_report_says_what_was_searched_too(sample_store, tmp_path):
    from kg.report import similar_report
    from kg.store import GraphStore

    with GraphStore(sample_store, read_only=True) as gs:
        data = json.loads(similar_report(gs, "村里的小年轻怎么培养", is_text=True, fmt="json"))
        md = similar_report(gs, "村里的小年轻怎么培养", is_text=True, fmt="md")
    terms = data["query"]["expanded"]
    assert "年轻干部" in terms
    assert f"检索时同时按规范用语查找：{'、'.join(terms)}。" in md


def test_the_cached_thesaurus_is_the_parsed_one(small, tmp_path):
    assert list((tmp_path / "cache" / "thesaurus").glob("*.json"))  # written by the first read
    expand.thesaurus.cache_clear()
    assert expand.thesaurus() == small  # read back from the cache
    assert expand._parse(sorted(tmp_path.glob("*.ttl"))) == small
