"""Bundled queries (queries/*.rq): each runs on the sample store and its answer is checked; parameters
are bound by value (a hostile value neither errors nor changes the store); similarity queries answer
with empty rows when there are no links and with scores and reasons when there are.

Two stores: the bundled sample built by the pipeline (`sample_store`, tests/conftest.py) and a small
hand-made one (`mini_store`) whose every answer is known, links included.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.graph import iris
from kg.sparql import query as q
from kg.store import GraphStore

CKG = "https://w3id.org/cadrekg/ontology#"
HOSTILE = '宜秀区" } DROP ALL #'


# ---- a small store whose answers are known -----------------------------------------------------


def build_mini_store(path: Path, links: bool = True) -> Path:
    """Two bulletins, three Anqing localities and one from elsewhere (市外参考), similarity links."""
    from kg import paths
    from kg.graph.triples import bulletin_quads
    from kg.model import Article, Bulletin, DocumentRef, Locality, Outcome, Practice, Quote, Unit

    anhui = Locality("安徽省", "province", "340000")
    anqing = Locality("安庆市", "city", "340800", anhui)
    yixiu = Locality("宜秀区", "county", "340811", anqing)
    yuexi = Locality("岳西县", "county", "340828", anqing)
    bazhong = Locality("巴中市", "city", "511900", Locality("四川省", "province", "510000"))

    def practice(key, label, text, targets=(), types=(), outcomes=(), documents=(), brand=None):
        return Practice(
            key,
            1,
            label,
            brand,
            Quote(0, len(text), text),
            text,
            tuple(types),
            tuple(targets),
            tuple(outcomes),
            tuple(documents),
        )

    policy = DocumentRef("关于激励干部担当作为的若干措施", "policy", 0, 10)
    p_yixiu = practice(
        "yixiu1",
        "社区民调考察干部",
        "到拟提拔干部居住社区开展民调。",
        ["promotion-candidate"],
        ["vetting"],
        brand="三进三问三听",
    )
    p_yuexi = practice(
        "yuexi1",
        "选调生墩苗",
        "选调生到村任职锻炼。",
        ["selected-graduate"],
        ["practical-training"],
        [
            Outcome(420, "人", "提拔重用优秀干部", None, 0, 5, "420 人"),
            Outcome(49, "人次", "帮扶困难干部", "余", 0, 5, "49 余人次"),
        ],
        [policy],
    )
    p_bazhong = practice("bazhong1", "走到坊间听官声", "走进干部生活圈听取群众评价。", ["cadre"], ["vetting"])
    p_yixiu2 = practice(
        "yixiu2",
        "村书记分级定档",
        "村党组织书记分级定档，报酬与等级挂钩。",
        ["village-party-secretary"],
        ["assessment"],
    )
    p_nowhere = practice(
        "nowhere1", "无名做法", "某地的做法，地方未能识别。", brand="五有"
    )  # no place, no concepts

    def article(i, section, title, loc, practices, unit=None):
        return Article(
            i,
            "item",
            section,
            title,
            Quote(0, 4, title[:4]),
            loc,
            loc.name if loc else None,
            unit,
            tuple(practices),
        )

    b1 = Bulletin(
        "mini-2021-012",
        "安庆组工信息",
        12,
        dt.date(2021, 5, 31),
        "中共安庆市委组织部研究室",
        None,
        anqing,
        (
            article(
                1,
                "市内信息",
                "宜秀区：社区民调识干部",
                yixiu,
                [p_yixiu],
                Unit("宜秀区委组织部", "组织部", yixiu),
            ),
            article(2, "市内信息", "岳西县：墩苗育苗", yuexi, [p_yuexi]),
            article(3, "市外参考", "四川巴中市：走到坊间听官声", bazhong, [p_bazhong]),
        ),
        "mini1.txt",
        "h1",
    )
    b2 = Bulletin(
        "mini-2022-004",
        "安庆组工信息",
        4,
        dt.date(2022, 4, 20),
        "中共安庆市委组织部研究室",
        None,
        anqing,
        (
            article(1, "市内信息", "宜秀区：村书记分级定档", yixiu, [p_yixiu2]),
            article(2, "市外参考", "某地：无名做法", None, [p_nowhere]),
        ),
        "mini2.txt",
        "h2",
    )

    with GraphStore(path, create=True) as gs:
        for ttl in [paths.ONTOLOGY, *sorted(paths.VOCAB_DIR.glob("*.ttl"))]:
            gs.load_turtle(ttl, iris.GRAPH_VOCAB)
        for b in (b1, b2):
            own, shared = bulletin_quads(b)
            gs.replace_graph(iris.bulletin_graph(b.key), own)
            gs.add_quads(set(shared))
        if links:
            gs.add_quads(
                _link_quads(
                    [
                        (b1, 3, p_bazhong, b1, 1, p_yixiu, 0.71, ["vetting"], ["群众", "考察"]),
                        (b1, 3, p_bazhong, b1, 2, p_yuexi, 0.35, ["cadre"], []),
                        (b1, 1, p_yixiu, b2, 1, p_yixiu2, 0.2, [], ["干部"]),
                        (b2, 2, p_nowhere, b1, 1, p_yixiu, 0.5, [], ["做法"]),
                    ]
                )
            )
    return path


def _link_quads(rows):
    g = ox.NamedNode(iris.GRAPH_LINKS)
    out = []
    for ba, ia, pa, bb, ib, pb, score, concepts, terms in rows:
        a = ox.NamedNode(iris.practice(ba.key, ia, pa.key))
        b = ox.NamedNode(iris.practice(bb.key, ib, pb.key))
        node = ox.NamedNode(iris.similarity(a.value, b.value))
        out += [
            ox.Quad(a, ox.NamedNode(CKG + "similarTo"), b, g),
            ox.Quad(b, ox.NamedNode(CKG + "similarTo"), a, g),
            ox.Quad(
                node,
                ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                ox.NamedNode(CKG + "SimilarityLink"),
                g,
            ),
            ox.Quad(node, ox.NamedNode(CKG + "fromPractice"), a, g),
            ox.Quad(node, ox.NamedNode(CKG + "toPractice"), b, g),
            ox.Quad(
                node,
                ox.NamedNode(CKG + "score"),
                ox.Literal(f"{score:.3f}", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
                g,
            ),
        ]
        for c in concepts:
            tg = iris.target_group(c) if c == "cadre" else iris.practice_type(c)
            out.append(ox.Quad(node, ox.NamedNode(CKG + "sharedConcept"), ox.NamedNode(tg), g))
        for t in terms:
            out.append(ox.Quad(node, ox.NamedNode(CKG + "sharedTerm"), ox.Literal(t), g))
    return out


@pytest.fixture(scope="module")
def mini_store(tmp_path_factory) -> Path:
    return build_mini_store(tmp_path_factory.mktemp("mini") / "store")


@pytest.fixture(scope="module")
def mini_store_no_links(tmp_path_factory) -> Path:
    return build_mini_store(tmp_path_factory.mktemp("mini-nolinks") / "store", links=False)


def rows(store: Path, name: str, **params: str) -> list[dict[str, str]]:
    with GraphStore(store, read_only=True) as gs:
        res = q.run(gs, name, params)
        names = [v.value for v in res.variables]
        return [{n: ("" if s[n] is None else s[n].value) for n in names} for s in res]


# ---- the catalogue ------------------------------------------------------------------------------


def test_at_least_eight_bundled_queries_each_saying_what_it_answers():
    found = q.bundled()
    assert len(found) >= 8
    names = {b.name for b in found}
    for must in (
        "practices-by-locality",
        "localities-for-target-group",
        "practices-of-type",
        "outcomes-by-locality",
        "policy-documents",
        "similar-practices",
        "reports-by-year",
        "external-practices",
    ):
        assert must in names
    for b in found:
        first = b.path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and any("\u4e00" <= c <= "\u9fff" for c in first), b.name
        assert b.summary == first[2:].strip()
        assert len(b.params) == len(b.param_help) and all(b.param_help), b.name
        text = b.text
        for p in b.params:  # a bindable parameter must be a result column (Oxigraph substitutions)
            assert f"?{p}" in text.split("WHERE", 1)[0], (b.name, p)


@pytest.mark.parametrize("name", [b.name for b in q.bundled()])
def test_every_bundled_query_runs_unbound_on_both_stores(name, mini_store, mini_store_no_links):
    assert isinstance(rows(mini_store, name), list)
    assert isinstance(rows(mini_store_no_links, name), list)


# ---- answers on the hand-made store ----------------------------------------------------------------


def test_practices_by_locality_binds_by_value(mini_store):
    got = rows(mini_store, "practices-by-locality", locality="宜秀区")
    assert {r["practice"] for r in got} == {"社区民调考察干部", "村书记分级定档"}
    assert {r["locality"] for r in got} == {"宜秀区"} and {r["code"] for r in got} == {"340811"}
    assert [r["date"] for r in got] == ["2022-04-20", "2021-05-31"]  # newest first
    assert got[1]["title"] == "宜秀区：社区民调识干部"
    everything = rows(mini_store, "practices-by-locality")
    assert {r["locality"] for r in everything} == {"宜秀区", "岳西县", "巴中市"}
    assert rows(mini_store, "practices-by-locality", locality="不存在县") == []


def test_target_group_includes_narrower_and_alt_labels(mini_store):
    young = rows(mini_store, "localities-for-target-group", targetGroup="年轻干部")
    assert [(r["locality"], r["via"]) for r in young] == [
        ("岳西县", "选调生")
    ]  # 选调生 is narrower than 年轻干部
    cadres = {r["locality"] for r in rows(mini_store, "localities-for-target-group", targetGroup="干部")}
    assert cadres == {"宜秀区", "岳西县", "巴中市"}
    alt = rows(mini_store, "localities-for-target-group", targetGroup="村书记")  # an altLabel of 村党组织书记
    assert [(r["targetGroup"], r["locality"]) for r in alt] == [("村书记", "宜秀区")]
    table = rows(mini_store, "localities-for-target-group")
    assert ("选调生", "岳西县") in {(r["targetGroup"], r["locality"]) for r in table}
    assert all(r["targetGroup"] != "村书记" for r in table)  # unbound: preferred labels only


def test_practices_of_type_across_places(mini_store):
    got = rows(mini_store, "practices-of-type", practiceType="考察识别")
    assert {(r["locality"], r["practice"]) for r in got} == {
        ("宜秀区", "社区民调考察干部"),
        ("巴中市", "走到坊间听官声"),
    }
    broad = rows(mini_store, "practices-of-type", practiceType="选")  # 考察识别 is narrower than 选
    assert {r["type"] for r in broad} == {"考察识别"}
    assert len(rows(mini_store, "practices-of-type", practiceType="干部考察")) == 2  # altLabel


def test_outcomes_by_locality(mini_store):
    got = rows(mini_store, "outcomes-by-locality", locality="岳西县")
    assert {(r["counted"], r["value"], r["unit"], r["qualifier"]) for r in got} == {
        ("提拔重用优秀干部", "420", "人", ""),
        ("帮扶困难干部", "49", "人次", "余"),
    }
    assert rows(mini_store, "outcomes-by-locality", locality="宜秀区") == []


def test_policy_documents_and_who_cites_them(mini_store):
    got = rows(mini_store, "policy-documents")
    assert [(r["document"], r["locality"], r["practices"], r["citedBy"]) for r in got] == [
        ("关于激励干部担当作为的若干措施", "岳西县", "1", "选调生墩苗")
    ]
    assert (
        rows(mini_store, "policy-documents", document="关于激励干部担当作为的若干措施")[0]["date"]
        == "2021-05-31"
    )


def test_similar_practices_with_score_and_reasons(mini_store, mini_store_no_links):
    got = rows(mini_store, "similar-practices", locality="巴中市")
    assert [(r["otherLocality"], float(r["score"])) for r in got] == [
        ("宜秀区", 0.71),
        ("岳西县", 0.35),
    ]  # best first
    assert got[0]["concepts"] == "考察识别" and set(got[0]["terms"].split("、")) == {"群众", "考察"}
    assert got[1]["concepts"] == "干部" and got[1]["terms"] == ""
    one = rows(mini_store, "similar-practices", practice="社区民调考察干部")
    assert {r["otherPractice"] for r in one} == {
        "走到坊间听官声",
        "村书记分级定档",
        "无名做法",
    }  # read both ways
    nowhere = rows(mini_store, "similar-practices", practice="无名做法")
    assert [(r["locality"], r["otherLocality"]) for r in nowhere] == [("", "宜秀区")]  # a place unknown is ""
    assert rows(mini_store_no_links, "similar-practices") == []
    assert rows(mini_store_no_links, "similar-practices", locality="宜秀区") == []


def test_reports_by_year(mini_store):
    got = rows(mini_store, "reports-by-year")
    assert [(r["year"], r["locality"], r["articles"]) for r in got] == [
        ("2021", "宜秀区", "1"),
        ("2021", "岳西县", "1"),
        ("2021", "巴中市", "1"),
        ("2022", "宜秀区", "1"),
    ] or {(r["year"], r["locality"]) for r in got} == {
        ("2021", "宜秀区"),
        ("2021", "岳西县"),
        ("2021", "巴中市"),
        ("2022", "宜秀区"),
    }
    only = rows(mini_store, "reports-by-year", year="2022")
    assert [(r["locality"], r["titles"]) for r in only] == [("宜秀区", "宜秀区：村书记分级定档")]
    both = rows(mini_store, "reports-by-year", year="2021", locality="岳西县")
    assert [(r["articles"], r["practices"]) for r in both] == [("1", "1")]


def test_external_practices_and_closest_local_counterpart(mini_store, mini_store_no_links):
    got = rows(mini_store, "external-practices", locality="巴中市")
    assert [
        (r["locality"], r["practice"], r["localLocality"], r["localPractice"], float(r["score"])) for r in got
    ] == [("巴中市", "走到坊间听官声", "宜秀区", "社区民调考察干部", 0.71)]
    everything = rows(mini_store, "external-practices")
    assert {(r["locality"], r["practice"], r["localPractice"]) for r in everything} == {
        ("巴中市", "走到坊间听官声", "社区民调考察干部"),
        ("", "无名做法", "社区民调考察干部"),  # the place could not be resolved: still an external item
    }
    bare = rows(mini_store_no_links, "external-practices")
    assert {(r["practice"], r["localPractice"]) for r in bare} == {("走到坊间听官声", ""), ("无名做法", "")}


def test_hierarchy_coverage_bulletins_source_brands(mini_store):
    h = {r["targetGroup"]: r for r in rows(mini_store, "target-group-hierarchy")}
    assert h["选调生"]["broader"] == "年轻干部" and h["年轻干部"]["practicesWithNarrower"] == "1"
    assert h["干部"]["practicesWithNarrower"] == "4" and "村书记" in h["村党组织书记"]["altLabels"]
    cov = {r["locality"]: r for r in rows(mini_store, "coverage")}
    assert cov["宜秀区"]["practices"] == "2" and cov["宜秀区"]["parent"] == "安庆市"
    assert (cov["宜秀区"]["first"], cov["宜秀区"]["last"]) == ("2021-05-31", "2022-04-20")
    assert cov["岳西县"]["outcomes"] == "2"
    b = rows(mini_store, "bulletins")
    assert [(r["issue"], r["articles"]) for r in b] == [("12", "3"), ("4", "2")]
    assert "市外参考" in b[0]["sections"]
    src = rows(mini_store, "practice-source", practice="选调生墩苗")
    assert src[0]["quote"] == "选调生到村任职锻炼。" and src[0]["issue"] == "12"
    assert {(r["locality"], r["brand"]) for r in rows(mini_store, "brands")} == {
        ("宜秀区", "三进三问三听"),
        ("", "五有"),
    }
    assert [r["brand"] for r in rows(mini_store, "brands", locality="宜秀区")] == ["三进三问三听"]


# ---- parameters ---------------------------------------------------------------------------------------


def _dump(store: Path) -> bytes:
    with GraphStore(store, read_only=True) as gs:
        return gs.db.dump(format=ox.RdfFormat.N_QUADS)


@pytest.mark.parametrize("name", [b.name for b in q.bundled() if b.params])
def test_a_value_that_matches_nothing_gives_no_rows(name, mini_store, sample_store):
    """Each parameter filters: Oxigraph keeps a row when the expression bound to a substituted
    variable errors (e.g. STR of an unbound OPTIONAL value), so a query must never let that happen."""
    for p in next(b for b in q.bundled() if b.name == name).params:
        for store in (mini_store, sample_store):
            assert rows(store, name, **{p: "没有这个值"}) == [], (name, p)


def test_hostile_parameter_is_a_value_not_code(mini_store, tmp_path):
    store = tmp_path / "copy"
    shutil.copytree(mini_store, store)
    before = _dump(store)
    for name in ("practices-by-locality", "similar-practices", "outcomes-by-locality", "reports-by-year"):
        assert rows(store, name, locality=HOSTILE) == []
    assert rows(store, "localities-for-target-group", targetGroup=HOSTILE) == []
    assert _dump(store) == before
    with GraphStore(store, read_only=True) as gs:
        assert "宜秀区" in q.format_results(
            q.run(gs, "practices-by-locality", {"locality": "宜秀区"}), "table"
        )


HOSTILE_NAMES = [
    HOSTILE,
    '做法"@zh } DROP ALL #',
    "做法\n} INSERT DATA { <urn:x> <urn:y> <urn:z> } #",
    "做法\\u0022 } DROP ALL #",
    "做法\\",
    "{ }",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_seeded_name_is_looked_up_never_written_into_the_query(name, mini_store, tmp_path):
    """A bound name seeds the query with the IRIs the store returns for it: the text never carries
    the value, and a practice whose label is that very text is found by it."""
    store = tmp_path / "copy"
    shutil.copytree(mini_store, store)
    with GraphStore(store) as gs:
        p = next(
            iter(
                gs.query(
                    "SELECT ?p WHERE { ?p a ckg:Practice ; rdfs:label ?l FILTER(STR(?l) = '选调生墩苗') }"
                )
            )
        )["p"]
        gs.add_quads(
            [
                ox.Quad(
                    p,
                    ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                    ox.Literal(name, language="zh"),
                    ox.NamedNode(iris.GRAPH_SHARED),
                )
            ]
        )
    before = _dump(store)
    with GraphStore(store, read_only=True) as gs:
        b = next(x for x in q.bundled() if x.name == "practice-source")
        text = q.seeded(gs, b, b.text, {"practice": ox.Literal(name), "locality": ox.Literal(name)})
        assert name not in text
        assert f"  VALUES ?id {{ <{p.value}> }}\n" in text and f"  VALUES ?loc {{ <{p.value}> }}\n" in text
    got = rows(store, "practice-source", practice=name)
    assert [(r["practice"], r["id"], r["quote"]) for r in got] == [(name, p.value, "选调生到村任职锻炼。")]
    assert rows(store, "practice-source", practice=name, locality="岳西县")[0]["locality"] == "岳西县"
    for query in ("practices-by-locality", "similar-practices", "brands", "coverage", "external-practices"):
        assert rows(store, query, locality=name) == []
    assert _dump(store) == before


def _canon(results, names: list[str]) -> list[tuple]:
    """Rows as sortable tuples; a GROUP_CONCAT (、 or ；) as the set of its parts, its order being the engine's."""

    def cell(term):
        if term is None:
            return ("",)
        text = term.value if isinstance(term, ox.Literal) else str(term)
        return tuple(sorted(re.split("[、；]", text))) if "、" in text or "；" in text else (text,)

    return sorted(tuple(cell(s[n]) for n in names) for s in results)


def _all_values(store: Path, query: str, column: str) -> list[str]:
    return sorted({r[column] for r in rows(store, query)} - {""})


# where to find the values each parameter takes: (bundled query, column)
PARAM_SOURCES = {
    "locality": ("practices-by-locality", "locality"),
    "practice": ("practice-source", "practice"),
    "targetGroup": ("target-group-hierarchy", "targetGroup"),
    "practiceType": ("practices-of-type", "type"),
    "document": ("policy-documents", "document"),
    "year": ("reports-by-year", "year"),
}
# a theme (digest, diffusion) is a target group, a practice type or a brand
THEME_SOURCES = (PARAM_SOURCES["targetGroup"], PARAM_SOURCES["practiceType"], ("brands", "brand"))


@pytest.mark.parametrize("name", [b.name for b in q.bundled() if b.seeds])
def test_seeding_gives_what_the_filter_alone_gives(name, mini_store, sample_store):
    """The seeded query and the bundled text evaluated with the plain substitution agree, row for row,
    for every value a parameter takes in the store (and for one it never takes)."""
    b = next(x for x in q.bundled() if x.name == name)
    sources = PARAM_SOURCES
    for store in (mini_store, sample_store):
        with GraphStore(store, read_only=True) as gs:
            for param in {s.param for s in b.seeds}:
                found = [
                    _all_values(store, *src)
                    for src in (THEME_SOURCES if param == "theme" else [sources[param]])
                ]
                values = [v for vs in found for v in vs[:12]] + ["没有这个值", ""]
                if param in ("targetGroup", "practiceType", "theme"):
                    values += ["村书记", "干部考察", "选"]  # alternative labels, a broad type
                for value in values:
                    bound = {param: q._term(value)}
                    seeded = q.seeded(gs, b, b.text, bound)
                    assert seeded != b.text or value == "", (name, param)
                    plain = gs.query(b.text, bound)
                    fast = gs.query(seeded, bound)
                    names = [v.value for v in plain.variables]
                    assert [v.value for v in fast.variables] == names
                    assert _canon(fast, names) == _canon(plain, names), (name, param, value)


def test_unknown_or_unselected_parameters_are_one_line_errors(mini_store):
    with GraphStore(mini_store, read_only=True) as gs:
        with pytest.raises(QueryError, match=r"没有参数 \?place.*\?locality"):
            q.run(gs, "practices-by-locality", {"place": "宜秀区"})
        with pytest.raises(QueryError, match=r"参数 \?x 不是查询的结果列"):
            q.run(gs, "SELECT ?s WHERE { ?s ?p ?x }", {"x": "1"})
        iri = q.run(
            gs,
            "SELECT ?s ?p WHERE { ?s ?p ?o } LIMIT 1",
            {"p": "<http://www.w3.org/2000/01/rdf-schema#label>"},
        )
        assert all(s["p"].value.endswith("#label") for s in iri)


# ---- the bundled sample built by the pipeline ----------------------------------------------------------


def test_sample_practices_by_locality(sample_store):
    got = rows(sample_store, "practices-by-locality", locality="宜秀区")
    assert got, "宜秀区 reports practices in the sample"
    assert {r["locality"] for r in got} == {"宜秀区"} and {r["code"] for r in got} == {"340811"}
    assert all(r["date"] and r["title"] and r["practice"] for r in got)
    everything = rows(sample_store, "practices-by-locality")
    assert len(everything) > len(got) and {r["id"] for r in got} <= {r["id"] for r in everything}


def test_sample_target_group_narrower(sample_store):
    young = rows(sample_store, "localities-for-target-group", targetGroup="年轻干部")
    with GraphStore(sample_store, read_only=True) as gs:
        direct = {
            s["l"].value
            for s in gs.query(
                "SELECT DISTINCT ?g ?l WHERE { ?p ckg:targets ?g ; ckg:locality/rdfs:label ?l }",
                {"g": ox.NamedNode(iris.target_group("selected-graduate"))},
            )
        }
    assert {r["locality"] for r in young} >= direct  # localities whose practices target 选调生 are included
    if direct:
        assert any("选调生" in r["via"].split("、") for r in young)
    assert all(r["targetGroup"] == "年轻干部" and int(r["practices"]) > 0 for r in young)


def test_sample_every_query_answers(sample_store):
    for b in q.bundled():  # (their speed is bench/run.py's: no timed assertion here)
        got = rows(sample_store, b.name)
        if b.name not in ("similar-practices", "external-practices", "policy-documents", "brands"):
            assert got, f"{b.name} answers on the sample"


def test_sample_reports_by_year_and_types(sample_store):
    years = {r["year"] for r in rows(sample_store, "reports-by-year")}
    assert {"2020", "2021", "2022", "2023"} & years
    assert rows(sample_store, "practices-of-type")
    ext = rows(sample_store, "external-practices")
    assert ext, "the sample has 市外参考 items"
    assert all(r["localPractice"] == "" or r["score"] for r in ext)


def test_sample_similar_practices_when_links_exist(sample_store):
    with GraphStore(sample_store, read_only=True) as gs:
        n = int(next(iter(gs.query("SELECT (COUNT(*) AS ?n) WHERE { ?l a ckg:SimilarityLink }")))["n"].value)
    got = rows(sample_store, "similar-practices")
    if n == 0:
        assert got == []
        pytest.skip("the link stage wrote no similarity links into the sample store")
    assert len(got) == 2 * n  # every link, seen from both ends
    assert all(0 < float(r["score"]) <= 1 and r["locality"] != r["otherLocality"] for r in got)
    assert any(r["concepts"] or r["terms"] for r in got)
