"""The links after `kg add`: free-text search works on the model `add` saves (it failed with "matmul:
dimension mismatch" when `add` widened the saved model with its new words), and an `add` killed at any
step -- the link stage's own steps included -- or a link state lost or damaged is repaired by the next run:
the links graph is again exactly what one `kg build` of the same files writes."""

from __future__ import annotations

import json
import pickle
import shutil

import pytest
from kgproc import SAMPLE, kg, killed, no_traceback

import kg as kg_api
from kg import pipeline
from kg.graph import iris
from kg.store import GraphStore

QUERY = "提拔前到干部家里听邻居评价"
LAST = SAMPLE[-1]


def links(store) -> list[str]:
    import pyoxigraph as ox

    with GraphStore(store, read_only=True) as gs:
        g = ox.NamedNode(iris.GRAPH_LINKS)
        return sorted(
            str(ox.Triple(q.subject, q.predicate, q.object))
            for q in gs.db.quads_for_pattern(None, None, None, g)
        )


def state_file(store):
    from kg.link.state import state_path

    with GraphStore(store, read_only=True) as gs:
        return state_path(gs)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """One build of the whole sample: its links and its answer to a free text."""
    store = tmp_path_factory.mktemp("all") / "store"
    assert not pipeline.build(SAMPLE, store, render=False).failures
    return {"links": links(store), "similar": json.loads(kg_api.similar(QUERY, store, is_text=True))}


@pytest.fixture(scope="module")
def most(tmp_path_factory):
    """The sample but its last issue, built once; tests work on copies."""
    store = tmp_path_factory.mktemp("most") / "store"
    assert not pipeline.build(SAMPLE[:-1], store, render=False).failures
    return store


@pytest.fixture()
def store(most, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(most, copy)
    return copy


def test_similar_text_after_add_through_the_api_and_the_cli(store, reference):
    rep = pipeline.add([LAST], store, render=False)
    assert not rep.failures and rep.bulletins == len(SAMPLE)
    got = json.loads(kg_api.similar(QUERY, store, is_text=True))  # raised ValueError: matmul
    assert got == reference["similar"]
    res = kg("similar", "--text", QUERY, "--store", store, "--format", "json")
    assert res.returncode == 0 and no_traceback(res), res.stderr
    assert json.loads(res.stdout) == reference["similar"]
    assert links(store) == reference["links"]


def test_a_saved_model_is_always_a_full_fit(store):
    """The saved model's vocabulary, IDF, vectors and type cues have one width after `add` and `remove`
    (a free text's vector is as wide as the cue matrix), and a state that breaks this is not used."""
    from kg.link.state import consistent, read_state

    pipeline.add([LAST], store, render=False)
    pipeline.remove([str(SAMPLE[0])], store, render=False)
    with GraphStore(store, read_only=True) as gs:
        st = read_state(gs)
    assert st is not None and consistent(st)
    m = st.model
    assert len(m.terms) == m.X.shape[1] == m.types.cue.shape[0] == len(m.idf)
    # what the old `add` saved: a model widened by words no fitted practice used
    m.terms = m.terms + ["从未见过的新词"]
    assert not consistent(st)


def test_a_widened_state_left_by_an_earlier_version_is_refitted(store, reference):
    """A store whose link state an earlier `add` left widened (version 3) answers free text: the state
    is not used, the model is fitted afresh."""
    path = state_file(store)
    d = pickle.loads(path.read_bytes())
    d["version"] = 3
    path.write_bytes(pickle.dumps(d))
    res = kg("similar", "--text", QUERY, "--store", store, "--format", "json")
    assert res.returncode == 0 and no_traceback(res), res.stderr
    assert kg("add", LAST, "--store", store, "--no-views").returncode == 0  # and `add` relinks in full
    assert links(store) == reference["links"]


@pytest.mark.parametrize(
    "step", ["add:after-write", "link:after-drop", "link:before-state", "add:before-switch"]
)
def test_an_add_killed_in_the_link_stage_is_repaired_by_the_next(step, store, reference):
    res = kg("add", LAST, "--store", store, "--no-views", fault=step)
    assert killed(res), (res.returncode, res.stderr)
    before = links(store)
    assert before != reference["links"]  # the previous generation: the last issue not linked yet
    again = kg("add", LAST, "--store", store, "--no-views")
    assert again.returncode == 0 and no_traceback(again), again.stderr
    assert links(store) == reference["links"]


def test_a_kill_while_rendering_after_add_leaves_the_links_of_a_build(store, reference, tmp_path):
    res = kg("add", LAST, "--store", store, "--views", tmp_path / "views", fault="render:mid")
    assert killed(res)
    assert links(store) == reference["links"]  # switched before the views: the links are complete


@pytest.mark.parametrize("damage", ["state gone", "state truncated", "bags gone", "bags foreign"])
def test_a_lost_or_damaged_link_state_is_rebuilt_by_the_next_add(damage, store, reference):
    from kg.link.bags import BAG_CACHE

    path = state_file(store)
    bags = path.parent / BAG_CACHE
    if damage == "state gone":
        path.unlink()
    elif damage == "state truncated":
        path.write_bytes(path.read_bytes()[:1000])
    elif damage == "bags gone":
        bags.unlink()
    else:  # a bag cache of other texts: every kept practice's bag is missing
        import numpy as np

        z = dict(np.load(bags))
        z["keys"] = np.array("\n".join("x" * 20 for _ in str(z["keys"]).split("\n")))
        np.savez(bags.with_name("other.npz"), **z)
        bags.with_name("other.npz").replace(bags)
    res = kg("add", LAST, "--store", store, "--no-views")
    assert res.returncode == 0 and no_traceback(res), res.stderr
    assert links(store) == reference["links"]
    assert json.loads(kg_api.similar(QUERY, store, is_text=True)) == reference["similar"]


def test_the_two_process_passes_give_the_links_of_one(store, reference, monkeypatch):
    """On a large collection the top lists and the link digests are computed in two forked processes:
    forced on the sample, build and add still hold the links of the one-process build."""
    from kg.link import stage

    whole = store.parent / "whole"  # built in one process
    assert not pipeline.build([f for f in SAMPLE if f != SAMPLE[1]], whole, render=False).failures
    monkeypatch.setattr(stage, "PARALLEL_MIN_ROWS", 1)
    pipeline.add([LAST], store, render=False)
    assert links(store) == reference["links"]
    pipeline.remove([str(SAMPLE[1])], store, render=False)
    assert links(store) == links(whole)
