"""Views: view model from the catalog, the one-page view (`kg viz -o`), escaping, GEXF/GraphML export.

Most tests run on a small hand-made store (`make_store`), so they do not depend on the extractors;
`test_sample_*` run on the real sample build when it works.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.catalog.catalog import read_catalog as load
from kg.errors import KGError
from kg.store import GraphStore
from kg.views import graph as vg
from kg.views import render_filtered
from kg.views.network import export_network, to_networkx
from kg.views.render import EXTERNAL_REF
from kg.views.ui import safe_json

ID = "https://w3id.org/cadrekg/id/"
HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '<a href="javascript:window.__pwned=3">x</a>',
]
LOCALITIES = [
    ("340822", "怀宁县"),
    ("340825", "太湖县"),
    ("340826", "宿松县"),
    ("340828", "岳西县"),
    ("340881", "桐城市"),
    ("340811", "宜秀区"),
]
TARGETS = [
    ("young-cadres", "年轻干部", "cadres"),
    ("村党组织书记", "村党组织书记", "village-cadres"),
    ("xuandiaosheng", "选调生", "cadres"),
    ("retired-leaders", "退出领导岗位干部", "cadres"),
]
TYPES = ["选", "育", "管", "用", "关心关爱"]


def _lit(text: str, lang: str | None = "zh") -> str:
    return json.dumps(text, ensure_ascii=False) + (f"@{lang}" if lang else "")


def synthetic_ttl(
    n: int = 24, n_localities: int = 6, links: int = 8, hostile: bool = False
) -> tuple[str, str]:
    """(vocab Turtle, data Turtle): n practices over localities, targets, types and similarity links."""
    vocab = [
        "@prefix ckg: <https://w3id.org/cadrekg/ontology#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
    ]
    for key, label in (("cadres", "干部"), ("village-cadres", "村干部")):
        vocab.append(f"<{ID}target-group/{key}> a ckg:TargetGroup ; skos:prefLabel {_lit(label)} .")
    for key, label, broader in TARGETS:
        vocab.append(
            f"<{ID}target-group/{key}> a ckg:TargetGroup ; skos:prefLabel {_lit(label)} ; "
            f"skos:broader <{ID}target-group/{broader}> ."
        )
    for t in TYPES:
        vocab.append(f"<{ID}practice-type/{t}> a ckg:PracticeType ; skos:prefLabel {_lit(t)} .")
    pre = (
        "@prefix ckg: <https://w3id.org/cadrekg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."
        "@prefix dcterms: <http://purl.org/dc/terms/> . @prefix schema: <https://schema.org/> ."
        "@prefix prov: <http://www.w3.org/ns/prov#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> ."
    )
    out = [pre, f'<{ID}locality/340800> a ckg:Locality ; rdfs:label "安庆市"@zh ; ckg:adminCode "340800" .']
    locs = list(LOCALITIES) + [
        (f"34{90 + i // 100:02d}{i % 100:02d}", f"第{i}县") for i in range(n_localities)
    ]
    locs = locs[:n_localities]
    for code, name in locs:
        out.append(
            f"<{ID}locality/{code}> a ckg:Locality ; rdfs:label {_lit(name)} ; ckg:adminCode {_lit(code, None)} ;"
            f' ckg:adminLevel "county" ; schema:containedInPlace <{ID}locality/340800> .'
        )
    for y in (2021, 2022, 2023):
        bname = "安庆组工信息" + (HOSTILE[0] if hostile and y == 2023 else "")
        out.append(
            f"<{ID}bulletin/b{y}> a ckg:Bulletin ; dcterms:title {_lit(bname)} ; "
            f'schema:issueNumber "{y - 2010}"^^xsd:integer ; dcterms:issued "{y}-05-31"^^xsd:date .'
        )
    for i in range(n):
        code, name = locs[i % len(locs)]
        key, _, _ = TARGETS[i % len(TARGETS)]
        pi, ai = f"{ID}practice/p{i:05d}", f"{ID}article/a{i:05d}"
        label, quote = (
            f"{name}做法{i}：谈心谈话机制",
            f"{name}建立谈心谈话机制，第{i}项，全年谈话 {i * 3} 人次。",
        )
        if hostile and i == 0:
            label, quote = "危险做法" + HOSTILE[0] + " href", "原文" + "".join(HOSTILE) + " href 结束"
        out.append(
            f"<{ai}> a ckg:Article ; dcterms:title {_lit(f'{name}：文章{i}' + (HOSTILE[1] if hostile and i == 0 else ''))} ;"
            f' ckg:section "市内信息" ; dcterms:isPartOf <{ID}bulletin/b{2021 + i % 3}> ; ckg:locality <{ID}locality/{code}> .'
        )
        out.append(
            f"<{pi}> a ckg:Practice ; rdfs:label {_lit(label)} ; ckg:describedIn <{ai}> ; ckg:locality <{ID}locality/{code}> ;"
            f" ckg:targets <{ID}target-group/{key}> ; ckg:practiceType <{ID}practice-type/{TYPES[i % 5]}> ;"
            f" ckg:outcome <{pi}-o1> ; prov:wasDerivedFrom <{pi}-s> ."
        )
        out.append(f"<{pi}-s> a ckg:SourceSpan ; ckg:quote {_lit(quote, None)} .")
        out.append(
            f'<{pi}-o1> a ckg:Outcome ; rdfs:label "谈话"@zh ; schema:value "{i * 3}"^^xsd:decimal ; schema:unitText "人次" .'
        )
    for j in range(min(links, max(n - 1, 0))):
        a, b, s = f"{ID}practice/p{j:05d}", f"{ID}practice/p{(j * 7 + 1) % n:05d}", f"{ID}similarity/s{j}"
        if a == b:
            continue
        out.append(f"<{a}> ckg:similarTo <{b}> . <{b}> ckg:similarTo <{a}> .")
        out.append(
            f'<{s}> a ckg:SimilarityLink ; ckg:fromPractice <{a}> ; ckg:toPractice <{b}> ; ckg:score "{0.3 + 0.07 * (j % 10):.2f}"^^xsd:decimal ;'
            f" ckg:sharedConcept <{ID}practice-type/选> ; ckg:sharedTerm {_lit('谈心谈话', None)} ."
        )
    return "\n".join(vocab), "\n".join(out)


def make_store(path: Path, **kw) -> Path:
    vocab, data = synthetic_ttl(**kw)
    with GraphStore(path, create=True) as gs:
        gs.db.load(vocab, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ID + "graph/vocab"))
        gs.db.load(data, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ID + "graph/bulletin/x"))
    return path


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    return make_store(tmp_path_factory.mktemp("views") / "store", n=24, links=8, hostile=True)


@pytest.fixture(scope="module")
def small_data(small):
    with GraphStore(small, read_only=True) as gs:
        return load(gs)


def test_catalog_reads_practices_localities_concepts_links(small_data):
    from kg.views.facts import citation, outcome_texts, year_of

    d = small_data
    assert len(d.practices) == 24 and len(d.links) == 8
    p = d.practices[ID + "practice/p00003"]
    assert p.locality.iri == ID + "locality/340828" and year_of(p) == 2021 + 3 % 3 and p.bulletin.issue == 11
    assert p.targets[0].label == d.concept_label(p.targets[0].iri) == "退出领导岗位干部"
    assert outcome_texts(p) == ["谈话9人次"] and p.outcomes[0].value == "9"
    assert [loc.iri for loc in p.locality.chain()] == [ID + "locality/340828", ID + "locality/340800"]
    assert d.locality_chain(p.locality.iri) == [ID + "locality/340828", ID + "locality/340800"]
    assert ID + "target-group/cadres" in d.concept_chain(p.targets[0].iri)
    assert "《安庆组工信息》2024年第13期" not in citation(p) and "2021年第11期" in citation(p)
    link = d.links[0]
    assert link.score == pytest.approx(0.3) and link.terms == ("谈心谈话",) and link.concepts


def test_view_graph_counts(small_data):
    g = vg.build(small_data, small_data.practices, "t")
    c = g.counts()
    # 24 practices, 6 localities + 安庆市, 4 target groups, 5 types; 24 "at" + 6 "in" + 24 + 24 + 8 similar edges
    assert (c["practice"], c["locality"], c["target"], c["ptype"]) == (24, 7, 4, 5)
    assert (c["edge:at"], c["edge:in"], c["edge:target"], c["edge:ptype"], c["edge:similar"]) == (
        24,
        6,
        24,
        24,
        8,
    )
    assert all(re.fullmatch(r"n[0-9a-f]{12}", n) for n in g.nodes)
    assert {k for k, _, _ in g.facets["yr"]} == {"2021", "2022", "2023"}
    cadres = vg.node_id(ID + "target-group/cadres")
    assert cadres in [k for k, _, _ in g.facets["tg"]]  # broader concept usable as a filter


def test_summarised_above_max_nodes(small_data):
    g = vg.build(small_data, small_data.practices, "t", max_nodes=20)
    assert g.summarised and "practice" not in g.counts()
    assert sum(n.count for n in g.nodes.values() if n.kind == "group") == 24
    assert g.counts().get("edge:similar", 0) >= 1
    # 6 counties x 5 types would not fit in 20 nodes: grouped per type at the city (安庆市) instead
    assert g.group_up == 1 and g.group_types and len(g.nodes) <= 20
    assert g.counts()["locality"] == 1 and g.counts()["group"] == 5
    coarsest = vg.build(small_data, small_data.practices, "t", max_nodes=8)
    assert not coarsest.group_types and coarsest.counts()["group"] == 1  # 安庆市, all types


def _overview(store: Path, out: Path) -> Path:
    """`kg viz -o out/overview.html`: every practice on one page."""
    with GraphStore(store, read_only=True) as gs:
        return Path(render_filtered(gs, out / "overview.html"))


def test_pages_escape_document_text(small, tmp_path):
    _overview(small, tmp_path)
    for p in tmp_path.glob("*.html"):
        page = p.read_text(encoding="utf-8")
        for bad in ("<script>window.__pwned", "<img src=x", '<a href="javascript'):
            assert bad not in page, (p.name, bad)
    page = (tmp_path / "overview.html").read_text(encoding="utf-8")
    assert "var network" in page and "window.kgMeta" in page and "vis.Network" in page
    assert "popup.innerHTML" not in page  # pyvis's HTML tooltip path is off
    assert "__pwned" in page  # the text is there, escaped


def test_page_meta_matches_view_model(small, small_data, tmp_path):
    _overview(small, tmp_path)
    page = (tmp_path / "overview.html").read_text(encoding="utf-8")
    meta = json.loads(re.search(r"window\.kgMeta = (\{.*?\});</script>", page).group(1))
    g = vg.build(small_data, small_data.practices, "t")
    assert (meta["nodes"], meta["edges"]) == (len(g.nodes), len(g.edges)) == (40, 86)


def test_safe_json():
    text = safe_json({"a": "</script><!-- & \u2028\u2029 '\""})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text)["a"] == "</script><!-- & \u2028\u2029 '\""


def test_render_filtered(small, tmp_path):
    with GraphStore(small, read_only=True) as gs:
        out = render_filtered(gs, tmp_path / "f.html", ["岳西县"], [], [], [])
        page = Path(out).read_text(encoding="utf-8")
        meta = json.loads(re.search(r"window\.kgMeta = (\{.*?\});</script>", page).group(1))
        assert meta["practices"] == 4 and "岳西县" in meta["title"]
        out = render_filtered(gs, tmp_path / "g.html", [], ["干部"], ["选"], [2021])
        meta = json.loads(
            re.search(r"window\.kgMeta = (\{.*?\});</script>", Path(out).read_text("utf-8")).group(1)
        )
        assert meta["practices"] == 2  # p00000 (young cadres, 选, 2021) and p00015
        with pytest.raises(KGError, match="没有地方“火星县”"):
            render_filtered(gs, tmp_path / "h.html", ["火星县"], [], [], [])


def test_zero_links(tmp_path):
    store = make_store(tmp_path / "s", n=5, links=0)
    page = _overview(store, tmp_path / "v").read_text(encoding="utf-8")
    assert "暂无相似做法关联" in page


def test_empty_store(tmp_path):
    with GraphStore(tmp_path / "e", create=True):
        pass
    page = _overview(tmp_path / "e", tmp_path / "v").read_text(encoding="utf-8")
    assert "vis.Network" in page and '"practices": 0' in page.replace('"practices":0', '"practices": 0')


def test_export_gexf_and_graphml(small):
    with GraphStore(small, read_only=True) as gs:
        gexf = export_network(gs, "gexf")
        graphml = export_network(gs, "graphml")
        with pytest.raises(KGError):
            export_network(gs, "dot")
    for text in (gexf, graphml):
        root = ET.fromstring(text.encode("utf-8"))
        assert root is not None and "__pwned" in text
    assert "<script>" not in gexf and "&lt;script&gt;" in gexf
    with GraphStore(small, read_only=True) as gs:
        g = to_networkx(load(gs))
    sim = [d for _, _, d in g.edges(data=True) if d["kind"] == "similar"]
    assert len(sim) == 8 and {round(d["weight"], 2) for d in sim} >= {0.3, 0.37}
    assert g.nodes[ID + "locality/340828"]["label"] == "岳西县"
    assert g.nodes[ID + "practice/p00001"]["type"] == "practice"


def test_practice_tooltip_names_the_brand(sample_store):
    with GraphStore(sample_store, read_only=True) as gs:
        data = load(gs)
    branded = [p for p in data.practices.values() if p.brand]
    assert branded and all(f"品牌：{p.brand}" in vg.practice_tip(data, p) for p in branded)
    plain = [vg.practice_tip(data, p).splitlines() for p in data.practices.values() if not p.brand]
    assert plain and not any(line.startswith("品牌：") for tip in plain for line in tip)


def test_sample_build_views(sample_store, tmp_path):
    """On the real sample: every practice is drawn and the pages stay small enough."""
    with GraphStore(sample_store, read_only=True) as gs:
        data = load(gs)
    written = _overview(sample_store, tmp_path)
    g = vg.build(data, data.practices, "t")
    assert g.counts().get("practice", 0) == len(data.practices) > 20
    assert written.stat().st_size < 3_000_000


def test_external_ref_check():
    from kg.views.render import has_external_ref

    for bad in (
        '<script src="https://x/y.js">',
        "<link href='//cdn/x.css'>",
        '<img SRC = "http://a">',
        "<a href=https://example.org>",
    ):
        assert has_external_ref(bad) and EXTERNAL_REF.search(bad), bad
    for ok in ('<a href="overview.html">', 'x = "//comment"', '<img src="data:image/png;base64,AA">'):
        assert not has_external_ref(ok) and not EXTERNAL_REF.search(ok), ok


_TAG_REF = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?([^\"' >]+)", re.I)


def _refs(page: str) -> list[str]:
    """The script/style files a page loads (pyvis's commented-out node_modules example ignored)."""
    return _TAG_REF.findall(re.sub(r"<!--.*?-->", "", page, flags=re.S))


def test_filtered_page_is_self_contained(small, tmp_path):
    with GraphStore(small, read_only=True) as gs:
        out = Path(render_filtered(gs, tmp_path / "one" / "f.html", ["岳西县"], [], [], []))
    page = out.read_text(encoding="utf-8")
    assert _refs(page) == [] and not (out.parent / "lib").exists()
    assert len(page) > 400_000 and "network = new vis.Network" in page
