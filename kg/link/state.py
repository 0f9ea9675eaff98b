"""The link state: the fitted model with every row's candidate and top lists, kept between runs.

`<store>/link/state.pkl` is written by every relink and stamped with the bulletins it covers (key ->
content hash) and what must not change between two relinks (segmenter, vocabularies, parameters). It
also keeps each practice's term-bag key (the content hash the bag cache `link/bags.npz` is keyed by)
and a digest of each link (its ends, score and reasons: what its triples are made of), so that `kg add`
and `kg remove` refit over every practice without reading the store's texts and write only the links
that differ. The model it holds is always a full fit (never widened by added rows), so its vocabulary,
type cues and vectors agree. Search and reports use its model while it matches the store
(`load_model`). The state this process saved last is also kept in memory while its file is unchanged,
so `kg add` renders its reports with the model it just saved
instead of unpickling it again (~1 s on a 10,000-article store).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kg.catalog.rows import LinkRow, read_rows
from kg.catalog.scheme import read_scheme
from kg.graph import iris
from kg.link.bags import CACHE_DIR, compute_bags
from kg.link.engine import Tops
from kg.link.model import Model, Params
from kg.semantic.practice import semantic_dir

STATE_FILE = "state.pkl"
DIGEST = "S8"  # a link's digest: 8 bytes of BLAKE2b over what its triples are made of
# 4: the semantic layer (simwire); 5: bag keys and link digests, the model always a full fit (3: widened by `add`)
STATE_VERSION = 5


@dataclass
class LinkState:
    """The fitted model with every row's candidates and links, and what it covers."""

    model: Model
    tops: Tops
    bulletins: dict[str, str]  # bulletin key -> content hash
    stamp: str  # segmenter, vocabularies, parameters
    links: int  # links in the graph
    keys: list[str] = field(default_factory=list)  # per model row: its term bag's key (kg.link.bags)
    digests: np.ndarray = field(default_factory=lambda: np.zeros(0, DIGEST))  # per link, link_pairs order

    def stubs(self) -> list[LinkRow]:
        """The model's practices as rows without their texts (their bags are found by `keys`)."""
        return self.model.rows


def fit(gs, params: Params | None = None, *, write_cache: bool | None = None) -> Model:
    """Read the practices of the store and fit the model (term bags cached under the store folder)."""
    rows = read_rows(gs)
    cache = Path(gs.path) / CACHE_DIR
    writable = not getattr(gs, "read_only", False) if write_cache is None else write_cache
    bags = compute_bags(rows, cache, write=writable)
    return Model(rows, bags, read_scheme(gs), params, semantic=semantic_dir(gs), save_words=writable)


def covered(store) -> dict[str, str]:
    """The bulletins of the store: key -> content hash."""
    return {k: str(v.get("hash", "")) for k, v in sorted(store.bulletins.items())}


def stamp(params: Params) -> str:
    """What must not change between the full relink and an incremental one."""
    from kg.link.text import analyzer_fingerprint

    return hashlib.sha1(
        json.dumps([STATE_VERSION, analyzer_fingerprint(), repr(params)]).encode()
    ).hexdigest()


def state_path(store) -> Path:
    return Path(store.path) / CACHE_DIR / STATE_FILE


def save_state(store, st: LinkState) -> None:
    """Save the state (not kept in memory: a full relink's model is dropped before `kg build` renders)."""
    dump_state(store, st).replace(state_path(store))


def dump_state(store, st: LinkState) -> Path:
    """The state pickled beside its place (the caller moves it there, then calls `keep`)."""
    path = state_path(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    if st.model.sem is not None:
        write_mapped_embeddings(st.model.sem, path.parent)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(
            {
                "version": STATE_VERSION,
                "bulletins": st.bulletins,
                "stamp": st.stamp,
                "model": st.model,
                "tops": st.tops,
                "links": st.links,
                "keys": st.keys,
                "digests": st.digests,
            },
            fh,
            protocol=pickle.HIGHEST_PROTOCOL,
        )
    return tmp


# -- the practices' embeddings as float32, mapped by readers -----------------------------------------
MAPPED = "emb-{token}.f32.npy"


def write_mapped_embeddings(sem, folder: Path) -> None:
    """The practices' embeddings widened to float32 once, in a file of their own that readers map
    (`attach_mapped_embeddings`): widening the pickled float16 rows costs every question ~0.08 s at 10k
    articles and ~0.8 s at 100k. The file's name holds a fresh token the pickled state names, so a state
    and its file always belong together; files of earlier states are removed (a reader that still maps
    one keeps its pages; one that opens it too late widens the float16 rows as before)."""
    token = uuid.uuid4().hex[:16]
    name = MAPPED.format(token=token)
    tmp = folder / f".{name}.tmp"
    with open(tmp, "wb") as fh:
        np.save(fh, np.asarray(sem.E, np.float32))
    os.replace(tmp, folder / name)
    for old in folder.glob(MAPPED.format(token="*")):
        if old.name != name:
            old.unlink(missing_ok=True)
    sem.mapped = name


def attach_mapped_embeddings(sem, folder: Path) -> None:
    """Use the state's float32 file, mapped, when it is there and fits (else the float16 rows are
    widened on first use, as before)."""
    name = getattr(sem, "mapped", None)
    if not name:
        return
    try:
        e = np.load(folder / name, mmap_mode="r")
    except (OSError, ValueError):
        return
    if e.dtype == np.float32 and e.shape == sem.E.shape:
        sem.use_widened(e)


# what a state file that cannot be used raises while it is unpickled: then the links are recomputed
_UNUSABLE = (
    OSError,
    EOFError,
    pickle.UnpicklingError,
    AttributeError,
    ImportError,
    KeyError,
    TypeError,
    ValueError,
)


def read_state(store) -> LinkState | None:
    """The saved state, or None when there is none or it cannot be used (another version, a broken or
    foreign file): the caller then relinks in full."""
    path = state_path(store)
    if not path.exists():
        return None
    try:
        with open(path, "rb") as fh:
            d = pickle.load(fh)
        if d.get("version") != STATE_VERSION:
            return None
        st = LinkState(d["model"], d["tops"], d["bulletins"], d["stamp"], d["links"], d["keys"], d["digests"])
    except _UNUSABLE:
        return None
    if st.model.sem is not None:
        attach_mapped_embeddings(st.model.sem, path.parent)
    return st if consistent(st) else None


def consistent(st: LinkState) -> bool:
    """Whether the parts of a state agree: one key and one top list per row, one digest per link, and a
    model whose vocabulary, IDF, vectors and type cues have one size (a free text's vector is then
    always as wide as the cue matrix it is multiplied by)."""
    m = st.model
    width = {len(m.terms), len(m.idf), m.X.shape[1], m.types.cue.shape[0]}
    return (
        len(width) == 1
        and len(st.keys) == m.n == m.X.shape[0] == len(st.tops.top)
        and len(st.digests) == st.links
    )


def load_state(store, params: Params | None = None, *, changed: set[str] = frozenset()) -> LinkState | None:
    """The saved state when it covers every bulletin of the store except those of the `changed` graphs
    (and was made with the same segmenter, vocabularies and parameters), else None."""
    st = read_state(store)
    if st is None:
        return None
    now = covered(store)
    keep_ = lambda d: {k: v for k, v in d.items() if iris.bulletin_graph(k) not in changed}  # noqa: E731
    if keep_(now) != keep_(st.bulletins):
        return None
    if params is not None and params != st.model.params:
        return None
    if st.stamp != stamp(st.model.params):
        return None
    return st


# -- the state this process saved last ------------------------------------------------------------

_SAVED: tuple[Path, tuple[int, int], LinkState] | None = None


def keep(store, st: LinkState) -> None:
    """Remember the state just saved (its file's path, time and size say whether it is still the one)."""
    global _SAVED
    path = state_path(store).resolve()
    _SAVED = (path, _file_stamp(path), st)


def _file_stamp(path: Path) -> tuple[int, int]:
    s = path.stat()
    return s.st_mtime_ns, s.st_size


def _kept(store) -> LinkState | None:
    """The state of the store's file as this process saved it (None when the file is another)."""
    path = state_path(store).resolve()
    if _SAVED is None or _SAVED[0] != path or not path.exists() or _SAVED[1] != _file_stamp(path):
        return None
    return _SAVED[2]


def load_model(store, params: Params | None = None) -> Model:
    """The model saved by the last relink when it matches the store, else fitted afresh (not saved)."""
    kept = _kept(store) if params is None else None  # not to be changed: others may hold it
    if kept is not None and kept.bulletins == covered(store):
        return kept.model
    st = read_state(store)
    if st is not None and st.bulletins == covered(store):
        m = st.model
        if params is not None:
            m.params = params
        if m.sem is not None:  # the store folder may have moved since: its word table is where it is now
            m.sem.folder = semantic_dir(store)
        return m
    return fit(store, params, write_cache=False)
