"""Link stage on tiny inputs with hand-computed expectations."""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyoxigraph as ox
import pytest

from kg.catalog.rows import LinkRow
from kg.catalog.scheme import Scheme
from kg.graph import iris
from kg.link import synthetic as syn
from kg.link.bags import compute_bags
from kg.link.concepts import ConceptSpace
from kg.link.engine import top_links
from kg.link.model import Model, Params, idf_weights
from kg.link.search import search_text
from kg.link.stage import relink
from kg.link.text import get_analyzer
from kg.store import GraphStore

TG = iris.TARGET_GROUP
_LINKS = ox.NamedNode(iris.GRAPH_LINKS)
PT = iris.PRACTICE_TYPE

# Two places do community vetting, two grade village secretaries; one place does both kinds.
VETTING_A = syn.Item(
    "甲县",
    "建立社区民调制度，到拟提拔干部所在社区走访邻居，了解家庭生活和社交情况，加强干部考察。",
    targets=("promotion-candidate",),
    types=("vetting",),
)
VETTING_B = syn.Item(
    "乙县",
    "走到坊间听官声，从家庭生活看干部私德，从社区邻居证其口碑，全方位考察干部。",
    targets=("cadre",),
    types=("vetting",),
)
GRADING_C = syn.Item(
    "丙县",
    "对村党组织书记分级定档管理，报酬与档次挂钩，加强干部管理。",
    targets=("village-party-secretary",),
    types=("star-rating", "incentive"),
)
GRADING_D = syn.Item(
    "丁县",
    "村书记实绩考核结果与绩效补贴和报酬挂钩，进一步加强干部工作。",
    targets=("village-party-secretary",),
    types=("assessment", "incentive"),
)
VETTING_A2 = syn.Item(
    "甲县",
    "社区民调评议会邀请邻居评价拟提拔干部，干部考察延伸到社区。",
    targets=("promotion-candidate",),
    types=("vetting",),
)
LATER = syn.Item(
    "戊县",
    "拟提拔干部社区民调：走访所住社区的邻居和物业，了解家庭生活，干部考察更全面。",
    targets=("promotion-candidate",),
    types=("vetting",),
)


def _row(i: int, text: str, group: str) -> LinkRow:
    return LinkRow(
        iri=f"{iris.BASE}practice/t-{i}",
        graph="g",
        group=group,
        locality=group,
        article=f"a{i}",
        text=text,
        title="",
        date="2022-01-01",
    )


def _store(path, bulletins):
    gs = GraphStore(path, create=True)
    syn.write(gs, bulletins)
    return gs


def _links(gs) -> dict[tuple[str, str], tuple[str, tuple[str, ...], tuple[str, ...]]]:
    q = f"""SELECT ?l ?a ?b ?s WHERE {{ GRAPH <{iris.GRAPH_LINKS}> {{ ?l a ckg:SimilarityLink ;
           ckg:fromPractice ?a ; ckg:toPractice ?b ; ckg:score ?s }} }}"""
    out = {}
    for r in gs.query(q):
        node = r["l"].value
        concepts = tuple(
            sorted(x["c"].value for x in gs.query(f"SELECT ?c WHERE {{ <{node}> ckg:sharedConcept ?c }}"))
        )
        terms = tuple(
            sorted(x["t"].value for x in gs.query(f"SELECT ?t WHERE {{ <{node}> ckg:sharedTerm ?t }}"))
        )
        out[(r["a"].value, r["b"].value)] = (float(r["s"].value), concepts, terms)
    return out


# -- weights ----------------------------------------------------------------------------------------


def test_boilerplate_weighs_less_than_a_rare_term():
    # 4 practices: 干部 in all of them, 民调 in two. idf = ln((N+1)/(df+1)) + 1, tapered to 0 from 20 %
    # to 70 % of the practices: 干部 (100 %) -> 0; 民调 (50 %) -> (ln(5/3) + 1) * (0.7 - 0.5) / 0.5.
    p = Params(boilerplate_df=0.2, boilerplate_end=0.7)
    w = idf_weights(np.array([4, 2]), 4, p)
    assert w[0] == 0.0
    assert w[1] == pytest.approx((math.log(5 / 3) + 1) * 0.4, rel=1e-6)
    # the default tapers only near 100 %: 干部 still 0, 民调 its full idf
    w = idf_weights(np.array([4, 2]), 4, Params())
    assert w[0] == 0.0 and w[1] == pytest.approx(math.log(5 / 3) + 1, rel=1e-6)
    rows = [
        _row(0, "干部社区民调干部", "x"),
        _row(1, "干部民调邻居", "y"),
        _row(2, "干部培训", "z"),
        _row(3, "干部考核", "w"),
    ]
    m = Model(rows, compute_bags(rows, None), Scheme())
    x = m.X[0].toarray().ravel()
    assert x[m.term_id["干部"]] == 0.0 < x[m.term_id["民调"]] < x[m.term_id["社区"]]


def test_words_and_synonyms():
    an = get_analyzer()
    toks = an.tokens("支持村书记和头雁，加强村（社区）党组织建设，乡镇（街道）干部")
    assert toks.count("村党组织书记") == 2  # both synonyms fold to the preferred label
    assert "村（社区）" in toks and "社区" not in toks  # the alternation is one word
    assert "乡镇（街道）" in toks
    assert "和" not in toks  # function word


# -- concepts ---------------------------------------------------------------------------------------


def test_concept_partial_credit_through_broader():
    sch = Scheme(parents={"child": ("parent",), "sibling": ("parent",), "parent": ("root",)})
    # specificity s = 1 - df/N over 4 practices, df counted on expanded sets:
    # child 1, sibling 1, parent 3, root 3, other 1 -> s = .75, .75, .25, .25, .75
    space = ConceptSpace(sch, [("child",), ("sibling",), ("parent",), ("other",)])
    assert space.specificity("child") == 0.75 and space.specificity("parent") == 0.25 == space.specificity(
        "root"
    )
    same, named = space.similarity(("child",), ("child",))
    assert same == pytest.approx(0.75)  # identical sets: Jaccard 1 times the best shared specificity
    assert named == ("child",)
    # child {child 1, parent .5, root .25} vs parent {parent 1, root .5}:
    # num = min(.5, 1)*.25 + min(.25, .5)*.25 = .1875; den = 1*.75 + 1*.25 + .5*.25 = 1.125
    # weighted Jaccard .1875/1.125 = 1/6, times the best shared specificity .25 -> 1/24
    part, _ = space.similarity(("child",), ("parent",))
    assert part == pytest.approx(1 / 24)
    none, _ = space.similarity(("child",), ("other",))
    assert none == 0.0


# -- links in a store --------------------------------------------------------------------------------


def test_links_join_different_localities_only(tmp_path):
    with _store(
        tmp_path / "s", [syn.bulletin("b1", [VETTING_A, VETTING_A2, VETTING_B, GRADING_C, GRADING_D])]
    ) as gs:
        n = relink(gs)
        links = _links(gs)
        assert n == len(links) > 0
        loc = {r["p"].value: r["l"].value for r in gs.query("SELECT ?p ?l WHERE { ?p ckg:locality ?l }")}
        # the two 甲县 practices are the most alike in words, and are never linked
        assert all(loc[a] != loc[b] for a, b in links)


def test_link_graph_shape(tmp_path):
    with _store(tmp_path / "s", [syn.bulletin("b1", [VETTING_A, VETTING_B, GRADING_C, GRADING_D])]) as gs:
        relink(gs)
        g = f"<{iris.GRAPH_LINKS}>"
        rows = list(
            gs.query(f"""SELECT ?l ?a ?b ?s WHERE {{ GRAPH {g} {{ ?l a ckg:SimilarityLink ;
            ckg:fromPractice ?a ; ckg:toPractice ?b ; ckg:score ?s .
            ?a ckg:similarTo ?b . ?b ckg:similarTo ?a }} }}""")
        )
        assert rows
        # no redundant Practice -> link node triple: the node is found through fromPractice / toPractice
        assert not list(gs.query(f"SELECT ?p WHERE {{ GRAPH {g} {{ ?p ?x ?l . ?l a ckg:SimilarityLink }} }}"))
        for r in rows:
            assert r["s"].datatype.value.endswith("#decimal")
            # rounded to 3 decimals; the store keeps decimals canonical, so 0.070 reads back as 0.07
            assert 1 <= len(r["s"].value.split(".")[1]) <= 3 and 0 < float(r["s"].value) <= 1
            assert r["l"].value == iris.similarity(r["a"].value, r["b"].value)
        pair = {(r["a"].value, r["b"].value) for r in rows}
        texts = {
            r["p"].value: r["t"].value for r in gs.query("SELECT ?p ?t WHERE { ?p ckg:normalizedText ?t }")
        }
        assert any("坊间" in texts[a] + texts[b] and "民调" in texts[a] + texts[b] for a, b in pair)
        # the vetting pair says why: the shared type and shared words
        node = next(r["l"].value for r in rows if "坊间" in texts[r["a"].value] + texts[r["b"].value])
        concepts = {x["c"].value for x in gs.query(f"SELECT ?c WHERE {{ <{node}> ckg:sharedConcept ?c }}")}
        terms = {x["t"].value for x in gs.query(f"SELECT ?t WHERE {{ <{node}> ckg:sharedTerm ?t }}")}
        assert PT + "vetting" in concepts
        assert {"社区", "邻居"} <= terms


def test_two_runs_give_identical_links(tmp_path):
    bulletins = [syn.bulletin("b1", [VETTING_A, VETTING_B, GRADING_C, GRADING_D, VETTING_A2])]
    with _store(tmp_path / "one", bulletins) as gs:
        relink(gs)
        first = _links(gs)
    with _store(tmp_path / "two", bulletins) as gs:
        relink(gs)
        relink(gs)  # and relinking a store again changes nothing
        second = _links(gs)
    assert first == second and first


def _same_model_links(gs):
    """The links graph a full relink with the saved model would write, in _links' form."""
    from kg.link.stage import same_model_links
    from kg.link.write import shared_terms_of

    return {
        (lk.a, lk.b): (
            round(lk.score, 3),
            tuple(sorted(lk.reasons.concepts)),
            tuple(sorted(shared_terms_of(lk.reasons))),
        )
        for lk in same_model_links(gs)
    }


def _graph(gs) -> set[str]:
    """The links graph as N-Triples lines (terms as Oxigraph holds them)."""
    return {
        f"{q.subject} {q.predicate} {q.object} ." for q in gs.db.quads_for_pattern(None, None, None, _LINKS)
    }


def _same_model_graph(gs) -> set[str]:
    """The links graph a full relink with the saved model would write, read through Oxigraph the same way."""
    from kg.link.stage import same_model_links
    from kg.link.write import link_lines

    mem = ox.Store()
    text = "".join(link_lines(same_model_links(gs))).encode()
    mem.load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=_LINKS)
    return {
        f"{q.subject} {q.predicate} {q.object} ." for q in mem.quads_for_pattern(None, None, None, _LINKS)
    }


def _practices(gs) -> set[str]:
    return {r["p"].value for r in gs.query("SELECT ?p WHERE { ?p a ckg:Practice }")}


OLD = syn.bulletin("b1", [VETTING_A, VETTING_B, GRADING_C, GRADING_D], dt.date(2021, 1, 1))
NEW = syn.bulletin(
    "b2",
    [
        LATER,
        syn.Item(
            "己县",
            "村党组织书记分档定级，待遇报酬与档次挂钩。",
            targets=("village-party-secretary",),
            types=("star-rating",),
        ),
    ],
    dt.date(2023, 1, 1),
)


def test_incremental_relink_equals_a_full_relink_with_the_same_model(tmp_path):
    with _store(tmp_path / "inc", [OLD]) as gs:
        relink(gs)
        g_new = syn.write(gs, [NEW], vocab=False)
        n = relink(gs, changed=g_new)
        inc = _links(gs)
        expected = _same_model_links(gs)
        fresh = {
            r["p"].value
            for r in gs.query(f"SELECT ?p WHERE {{ GRAPH <{g_new[0]}> {{ ?p a ckg:Practice }} }}")
        }
    assert inc == expected and n == len(inc)
    touching = {k for k in inc if k[0] in fresh or k[1] in fresh}
    assert touching  # the new practices did get links
    # the later practice is the 'to' end: links read reported-first -> followed
    assert all(b in fresh for a, b in touching if a not in fresh)
    # the relink of the changed graph refits over every practice, as one full relink does: on 4 -> 6
    # practices the IDF moves a lot and so do the scores, and both hold the same links and scores
    with _store(tmp_path / "full", [OLD, NEW]) as gs:
        relink(gs)
        full = _links(gs)
    assert full == inc


def test_incremental_relink_on_a_larger_store_equals_a_full_relink_with_the_same_model(tmp_path):
    """Enough practices that candidate lists and top lists are full and new rows push old ones out."""
    import random

    rng = random.Random(3)
    words = [
        "社区民调", "邻居", "家庭", "考察", "拟提拔干部", "村党组织书记", "分档", "报酬", "挂钩", "考核",
        "选调生", "培训", "导师", "轮岗", "乡镇", "年轻干部", "实绩", "档案", "谈心谈话", "关爱",
    ]  # fmt: skip

    def items(k, n):
        return [
            syn.Item(f"县{rng.randrange(12)}", "，".join(rng.sample(words, 5)) + f"，第{k}-{i}项。")
            for i in range(n)
        ]

    old = [syn.bulletin(f"o{k}", items(k, 8), dt.date(2021, 1 + k % 12, 1)) for k in range(8)]
    new = syn.bulletin("n1", items(99, 6), dt.date(2023, 1, 1))
    edited = syn.bulletin("o3", items(77, 5), dt.date(2021, 4, 1))
    with _store(tmp_path / "s", old) as gs:
        relink(gs, params=Params(n_candidates=6, top_k=3, threshold=0.0))
        first = _links(gs)
        g = syn.write(gs, [new, edited], vocab=False)
        relink(gs, changed=g)
        assert _links(gs) == _same_model_links(gs)
        # triple for triple (similarTo pairs included), so removed links left nothing behind
        assert _graph(gs) == _same_model_graph(gs)
        kept = _practices(gs) - {
            r["p"].value
            for k in g
            for r in gs.query(f"SELECT ?p WHERE {{ GRAPH <{k}> {{ ?p a ckg:Practice }} }}")
        }
        vanished = [k for k in first if set(k) <= kept and k not in _links(gs)]
        assert vanished  # new rows pushed old links out: the removal path ran


def test_stale_or_missing_state_falls_back_to_a_full_relink(tmp_path):
    from kg.link.state import state_path

    with _store(tmp_path / "a", [OLD]) as gs:
        relink(gs)
        state_path(gs).unlink()
        g_new = syn.write(gs, [NEW], vocab=False)
        relink(gs, changed=g_new)
        without_state = _links(gs)
    with _store(tmp_path / "b", [OLD, NEW]) as gs:
        relink(gs)
        assert without_state == _links(gs)


def test_replacing_a_bulletin_drops_its_old_links(tmp_path):
    b1 = syn.bulletin("b1", [VETTING_A, GRADING_C])
    with _store(tmp_path / "s", [b1, syn.bulletin("b2", [VETTING_B, GRADING_D])]) as gs:
        relink(gs)
        assert _links(gs)
        edited = syn.bulletin("b1", [syn.Item("甲县", "组织开展读书活动，丰富文化生活。")])
        g = syn.write(gs, [edited], vocab=False)
        relink(gs, changed=g)
        left = _links(gs)
        live = {r["p"].value for r in gs.query("SELECT ?p WHERE { ?p a ckg:Practice }")}
        assert all(a in live and b in live for a, b in left)
        dangling = list(
            gs.query("SELECT ?p WHERE { ?p ckg:similarTo ?o . FILTER NOT EXISTS { ?p a ckg:Practice } }")
        )
        assert not dangling


def test_top_k_and_threshold_respected():
    rows = [_row(i, f"社区民调邻居家庭考察{'干部' * i}", f"loc{i}") for i in range(8)]
    m = Model(rows, compute_bags(rows, None), Scheme(), Params(top_k=2, threshold=0.0))
    tops = top_links(m, range(m.n))
    assert all(len(v) <= 2 for v in tops.values())
    m2 = Model(rows, compute_bags(rows, None), Scheme(), Params(threshold=1.01))
    assert all(not v for v in top_links(m2, range(m2.n)).values())


def test_search_text_ranks_and_explains(tmp_path):
    with _store(tmp_path / "s", [syn.bulletin("b1", [VETTING_A, VETTING_B, GRADING_C, GRADING_D])]) as gs:
        relink(gs)
        hits = search_text(gs, "对村党组织书记分档管理并与报酬挂钩", top=3)
        texts = {
            r["p"].value: r["t"].value for r in gs.query("SELECT ?p ?t WHERE { ?p ckg:normalizedText ?t }")
        }
        assert hits and "分级定档" in texts[hits[0][0]]
        assert {texts[p][:2] for p, _, _ in hits[:2]} == {"对村", "村书"}
        assert hits[0][1] >= hits[1][1] > 0
        assert hits[0][2].targets == (TG + "village-party-secretary",) and hits[0][2].terms
        assert search_text(gs, "   ", top=3) == []


def test_batched_reasons_equal_single_ones(tmp_path):
    from kg.link.engine import reasons, reasons_many
    from kg.link.state import fit

    with _store(
        tmp_path / "s", [syn.bulletin("b1", [VETTING_A, VETTING_B, GRADING_C, GRADING_D, LATER])]
    ) as gs:
        m = fit(gs)
        pairs = [(i, j) for i in range(m.n) for j in range(m.n) if i != j]
        assert list(reasons_many(m, pairs, chunk=7)) == [reasons(m, i, j) for i, j in pairs]


def test_links_do_not_depend_on_the_process(tmp_path):
    """Same links with another hash seed (no set or dict order leaks into the result)."""
    import os
    import subprocess
    import sys

    script = (
        "import sys, json; from kg.store import GraphStore; from kg.link.stage import relink; import tests.test_link as t\n"
        "from kg.link import synthetic as syn\n"
        "gs = t._store(sys.argv[1], [syn.bulletin('b1', [t.VETTING_A, t.VETTING_B, t.GRADING_C, t.GRADING_D, t.LATER])])\n"
        "relink(gs); print(json.dumps(sorted([list(k) + [v[0], list(v[1]), list(v[2])] for k, v in t._links(gs).items()])))\n"
    )
    outs = []
    for seed, name in (("1", "a"), ("2", "b")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        res = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / name)],
            capture_output=True,
            text=True,
            env=env,
            cwd=str(Path(__file__).resolve().parent.parent),
            check=True,
        )
        outs.append(res.stdout.strip().splitlines()[-1])
    assert outs[0] == outs[1] and outs[0] != "[]"


def test_feedback_profile_leans_on_matches_for_short_queries_only():
    from kg.link.profile import feedback_profile

    # two types; the corpus' best text matches are all of type 1, the query's own cue says type 0
    tp = np.array([[0.0, 1.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]], np.float32)
    text = np.array([0.9, 0.8, 0.0, 0.7])
    own = np.array([1.0, 0.0], np.float32)
    short = feedback_profile(tp, text, own, n_terms=2, docs=3, half=5.0)
    long = feedback_profile(tp, text, own, n_terms=60, docs=3, half=5.0)
    assert short[1] > short[0]  # a sentence: its matches say what kind of practice it is
    assert long[0] > long[1]  # a whole article: its own words do
    assert math.isclose(float(np.linalg.norm(short)), 1.0, rel_tol=1e-5)
    # nothing matched, or feedback switched off: the query's own profile unchanged
    assert np.array_equal(feedback_profile(tp, np.zeros(4), own, 2, 3, 5.0), own)
    assert np.array_equal(feedback_profile(tp, text, own, 2, 0, 5.0), own)


def test_segmenter_is_known_without_building_it():
    from kg.link import text

    assert text.backend() == get_analyzer().backend


def test_saved_model_keeps_its_columns_and_shares_equal_values(tmp_path):
    """The state pickles each distinct column value once (its save and load time at 35k practices)."""
    import pickle

    from kg.link.state import read_state

    with _store(
        tmp_path / "s", [syn.bulletin("b1", [VETTING_A, VETTING_B, GRADING_C, GRADING_D, VETTING_A2])]
    ) as gs:
        relink(gs)
        m = read_state(gs).model
        fresh = pickle.loads(pickle.dumps(m))
    assert fresh.cols == m.cols
    graphs = fresh.cols["graph"]
    assert len(graphs) == 5 and all(g is graphs[0] for g in graphs)  # one bulletin: one string object


def test_remap_without_drops_only_makes_room():
    from kg.link.engine import Tops

    t = Tops.empty(3, Params(n_candidates=2, top_k=1))
    t.cand[:] = [[1, 2], [0, -1], [0, 1]]
    t.top[:] = [[1], [0], [-1]]
    t.score[:] = [[0.5], [0.5], [0.0]]
    out = t.remap(np.arange(3), 5)
    assert out.cand.shape == (5, 2) and (out.cand[:3] == t.cand).all() and (out.cand[3:] == -1).all()
    assert (out.top[:3] == t.top).all() and out.score[0, 0] == 0.5
    dropped = t.remap(np.array([0, -1, 1]), 3)  # row 1 dropped: holes where it was a neighbour
    assert dropped.cand[0].tolist() == [-1, 1] and dropped.top[0].tolist() == [-1]


def _rows_for_bags():
    return [_row(i, text, f"loc{i}") for i, text in enumerate([VETTING_A.text, GRADING_C.text, LATER.text])]


def test_bag_helper_process_makes_the_same_bags(monkeypatch):
    from kg.link import bags as bags_mod
    from kg.link import text

    rows = _rows_for_bags()
    here = [bags_mod.row_bag(get_analyzer(), r) for r in rows]
    monkeypatch.setattr(text, "_ANALYZER", None)  # as in a fresh `kg add` process
    with bags_mod.bag_helper():
        helper = bags_mod._HELPER
        assert helper is not None and helper.proc.is_alive()
        assert bags_mod.row_bags(rows) == here
    assert bags_mod._HELPER is None and not helper.proc.is_alive()
    assert text._ANALYZER is None  # the segmenter was built over there, not here


def test_bag_helper_that_died_falls_back_to_this_process(monkeypatch):
    from kg.link import bags as bags_mod
    from kg.link import text

    rows = _rows_for_bags()
    here = [bags_mod.row_bag(get_analyzer(), r) for r in rows]
    an = text._ANALYZER
    monkeypatch.setattr(text, "_ANALYZER", None)
    with bags_mod.bag_helper():
        bags_mod._HELPER.proc.kill()
        bags_mod._HELPER.proc.join()
        monkeypatch.setattr(text, "_ANALYZER", an)
        assert bags_mod.row_bags(rows) == here


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_update_tops_equals_compute_tops_after_adding_and_dropping_rows(seed):
    """Many rows with full candidate and top lists, so that new rows enter, push candidates out of
    lists, and take the place of links (also with ties: repeated texts score alike)."""
    import random

    from kg.link.engine import compute_tops, update_tops

    rng = random.Random(seed)
    words = ["社区民调", "邻居", "家庭", "考察", "拟提拔干部", "村党组织书记", "分档", "报酬", "挂钩", "考核",
             "选调生", "培训", "导师", "轮岗", "乡镇", "年轻干部", "实绩", "档案", "谈心谈话", "关爱"]  # fmt: skip
    texts = ["，".join(rng.sample(words, 4)) for _ in range(30)]
    rows = [_row(i, rng.choice(texts), f"loc{rng.randrange(9)}") for i in range(160)]
    p = Params(n_candidates=8, top_k=3, threshold=0.0)
    old, new = rows[:130], rows[130:]
    m = Model(old, compute_bags(old, None), Scheme(), p)
    t = compute_tops(m)
    doomed = np.array(sorted(rng.sample(range(130), 6)), np.int64)
    had = np.zeros(m.n, bool)
    had[doomed] = True
    redo = np.flatnonzero(((t.cand >= 0) & had[np.maximum(t.cand, 0)]).any(axis=1) & ~had)
    remap = m.drop(doomed)
    t = t.remap(remap, m.n + len(new))
    before = t.top.copy()
    added = m.extend(new, [b for b in _bags_of(new)])
    t, changed = update_tops(m, t, added, remap[redo])
    full = compute_tops(m)
    assert (t.cand == full.cand).all() and (t.cval == full.cval).all()
    assert (t.top == full.top).all() and (t.score == full.score).all()
    moved = np.flatnonzero((before != t.top).any(axis=1))
    assert set(moved.tolist()) <= set(changed.tolist()) and len(moved) > len(added)


def _bags_of(rows):
    an = get_analyzer()
    from kg.link.bags import row_bag

    return [row_bag(an, r) for r in rows]


def test_model_saved_by_an_incremental_relink_is_reused_while_its_file_is_unchanged(tmp_path):
    import os

    from kg.link.state import load_model, read_state, state_path

    with _store(tmp_path / "s", [OLD]) as gs:
        relink(gs)
        relink(gs, changed=syn.write(gs, [NEW], vocab=False))
        kept = load_model(gs)
        assert load_model(gs) is kept  # not unpickled again
        assert kept.cols == read_state(gs).model.cols and kept.n == 6
        st = os.stat(state_path(gs))
        os.utime(state_path(gs), ns=(st.st_atime_ns, st.st_mtime_ns + 1000))  # another process wrote it
        assert load_model(gs) is not kept and load_model(gs).cols == kept.cols


def test_bag_helper_that_hangs_is_not_waited_for_forever(monkeypatch):
    import time

    from kg.link import bags as bags_mod
    from kg.link import text

    rows = _rows_for_bags()
    here = [bags_mod.row_bag(get_analyzer(), r) for r in rows]
    an = text._ANALYZER
    monkeypatch.setattr(text, "_ANALYZER", None)
    monkeypatch.setattr(bags_mod, "HELPER_WAIT", 0.5)
    monkeypatch.setattr(bags_mod, "_serve", lambda conn: time.sleep(60))
    t0 = time.perf_counter()
    with bags_mod.bag_helper():
        monkeypatch.setattr(text, "_ANALYZER", an)
        assert bags_mod.row_bags(rows) == here
    assert time.perf_counter() - t0 < 20  # the stuck helper was given up on, and killed


def test_importing_the_segmenter_side_does_not_load_scipy():
    # kg add forks its segmenter helper (kg.link.bags) before the engine and scipy load
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, kg.link.bags; assert 'scipy.sparse' not in sys.modules, 'scipy loaded'",
        ],
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )


def test_dropping_the_links_graph_in_chunks_leaves_every_other_graph(tmp_path, monkeypatch):
    """A full relink of a store that holds links removes them in chunked deletes (faster than
    Oxigraph's remove_graph): every link triple goes, however many chunks it takes, and nothing else."""
    from kg.graph import iris
    from kg.link import write
    from kg.store import GraphStore

    monkeypatch.setattr(write, "DROP_CHUNK", 7)
    links, other = ox.NamedNode(iris.GRAPH_LINKS), ox.NamedNode("https://example.org/bulletin")
    p = ox.NamedNode("https://example.org/p")
    with GraphStore(tmp_path / "s", create=True) as gs:
        gs.add_quads(
            ox.Quad(ox.NamedNode(f"https://example.org/s{k}"), p, ox.Literal(str(k)), g)
            for k in range(50)
            for g in (links, other)
        )
        write.drop_graph(gs)
        assert not list(gs.db.quads_for_pattern(None, None, None, links))
        assert not gs.db.contains_named_graph(links)
        assert len(list(gs.db.quads_for_pattern(None, None, None, other))) == 50
        write.drop_graph(gs)  # no links graph: nothing to do
