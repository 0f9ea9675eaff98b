"""Free-text search: a sentence, or a whole article from elsewhere, against every practice.

Every practice is ranked (not one per article: two measures of one article can both match), near
duplicates (the same measure reported twice: text cosine >= DUPLICATE) are folded into the first, and
`top` results are returned whenever that many practices have any evidence; weak ones keep their place
and their band says so (Params.band).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from kg.graph import iris
from kg.link.cleaned import clean_query_paragraphs
from kg.link.engine import shared_terms, vector_scores
from kg.link.model import Model, idf_weights
from kg.link.text import reader_analyzer
from kg.model import Reasons

DUPLICATE = 0.9  # text cosine above which two practices are one measure reported twice


def window(top: int) -> int:
    """How much of a ranking fold_duplicates reads for `top` results: duplicates are rare."""
    return 3 * top + 10


@dataclass(frozen=True)
class Hit:
    """One ranked practice of a free-text search."""

    iri: str
    score: float
    reasons: Reasons
    duplicates: tuple[str, ...] = field(default=())  # the same measure reported elsewhere (IRIs)

    def __iter__(self):  # (iri, score, reasons), as callers unpacked it before
        return iter((self.iri, self.score, self.reasons))

    def __getitem__(self, k):
        return (self.iri, self.score, self.reasons)[k]


def detect_concepts(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(target-group IRIs, practice-type IRIs) the extractor finds in the text."""
    from kg.extract.concepts import classify_types, find_targets

    targets = tuple(sorted({iris.target_group(h.concept) for h in find_targets(text)}))
    types = tuple(sorted({iris.practice_type(t) for t in classify_types(text, None)}))
    return targets, types


def embed_texts(m: Model, texts: list[str]) -> np.ndarray:
    """Unit vectors of free texts in the practices' embedding space: their words weighted by count x the
    model's IDF (a word no practice uses weighs as a term of one practice), looked up in the store's word
    table or computed by the teacher (a reader keeps nothing)."""
    an = reader_analyzer(sum(map(len, texts)))
    an.prime(texts)
    return embed_term_bags(m, [an.terms(t) for t in texts])


def embed_term_bags(m: Model, bags: list[dict[str, float]]) -> np.ndarray:
    """embed_texts for texts whose term bags are known already (kg.link.sentbags)."""
    rare = float(idf_weights(np.ones(1, np.int64), m.n_fit, m.params)[0])
    tid, idf = m.term_id, m.idf

    def weight(t: str) -> float:
        j = tid.get(t)
        return float(idf[j]) if j is not None else rare

    return m.sem.embed_bags(bags, weight)


def query_features(m: Model, text: str):
    """(TF-IDF row, target groups, type profile, emb_z or None) of a cleaned free text."""
    targets, types = detect_concepts(text)
    vec = m.vector(reader_analyzer(len(text)).terms(text))
    fitted = m.types.cue.shape[0]  # cue words are the fitted terms' (an add may have appended terms)
    profile = m.types.profiles(vec if vec.shape[1] == fitted else vec[:, :fitted], [types])[0]
    emb_z = None
    if m.sem is not None:
        _, emb_z = m.sem.query(embed_texts(m, [text])[0])
    return vec, targets, profile, emb_z


# where a text's next measure begins: 一是 / （二） / 3. (a paragraph break parts them too)
_MEASURE = re.compile(
    r"(?=[一二三四五六七八九十]是|[（(][一二三四五六七八九十][)）]|(?<!\d)\d{1,2}[.、．](?!\d))"
)
PART_MIN = 30  # characters: a shorter part is a heading or a lead-in, not a measure


def text_parts(paragraphs: list[str]) -> list[str]:
    """The measures of a long text, one per paragraph or per 一是 / （一） / 1. within one."""
    return [p.strip() for para in paragraphs for p in _MEASURE.split(para) if len(p.strip()) >= PART_MIN]


def search_model(
    m: Model, text: str, top: int = 5, *, exclude_groups: set[str] | None = None, expand: bool = True
) -> list[Hit]:
    """Practices most similar to `text`, best first: `top` hits (fewer only when fewer practices share
    any evidence with the text), near duplicates folded into the first of them. `expand`: everyday
    wordings of the question also searched as the formal terms bulletins use (kg.link.expand)."""
    text, paragraphs = clean_query_paragraphs(text)
    if not text:
        return []
    parts = text_parts(paragraphs) if len(text) >= m.params.part_min_text else []
    if expand:
        from kg.link.expand import thesaurus

        text = thesaurus().expand(text)[0]
    vec, targets, profile, emb_z = query_features(m, text)
    score = vector_scores(m, vec, targets, profile, emb_z)
    if len(parts) >= 2:
        best = np.max([vector_scores(m, *query_features(m, p)) for p in parts], axis=0)
        score = np.round((1 - m.params.part_weight) * score + m.params.part_weight * best, 3)
    if exclude_groups:
        groups = {int(m.groups[n]) for n, g in enumerate(m.cols["group"]) if g in exclude_groups}
        score[np.isin(m.groups, list(groups))] = -1.0
    order = np.lexsort((np.arange(m.n), -score))
    ranked = [(int(k), float(score[k])) for k in order[score[order] > 0][: window(top)]]
    out = []
    for k, score, dups in fold_duplicates(m, ranked, top):
        row = m.row(k)
        why = Reasons(
            targets=m.tg.similarity(targets, row.targets)[1] if targets else (),
            types=m.types.shared(profile, m.TP[k]),
            terms=shared_terms(m, vec, m.X[k]),
        )
        out.append(Hit(row.iri, score, why, tuple(m.row(d).iri for d in dups)))
    return out


def fold_duplicates(
    m: Model, ranked: list[tuple[int, float]], top: int | None, keep=None
) -> list[tuple[int, float, list[int]]]:
    """The first `top` of a ranking (row, score) with each near duplicate of an earlier row folded into
    it: (row, score, its duplicates). `keep(row)`: rows it refuses are skipped (another place's filter)."""
    ranked = [(k, s) for k, s in ranked if keep is None or keep(k)]
    head = ranked if top is None else ranked[: window(top)]
    rows = np.array([k for k, _ in head], np.int64)
    cos = (m.X[rows] @ m.X[rows].T).toarray() if len(rows) else np.zeros((0, 0))
    art = [m.row(k).article for k in rows.tolist()]
    out: list[tuple[int, float, list[int]]] = []
    pos: list[int] = []
    for n, (k, score) in enumerate(head):
        twin = next((o for o, p in zip(out, pos, strict=True) if _duplicate(cos, art, p, n)), None)
        if twin is not None:
            twin[2].append(k)
            continue
        if top is not None and len(out) >= top:
            break
        out.append((k, score, []))
        pos.append(n)
    return out


def _duplicate(cos: np.ndarray, art: list[str], a: int, b: int) -> bool:
    """The same measure reported twice: other articles, near-identical text."""
    return art[a] != art[b] and cos[a, b] >= DUPLICATE


def agreeing_sentences(m: Model, a: str, b: str) -> tuple[str, str, float]:
    """The sentence of `a` and the sentence of `b` that agree most (embedding cosine), with the cosine:
    for a semantic match, what the reader is shown as its reason. ('', '', 0) without the semantic
    layer."""
    return agreeing_sentences_many(m, [(a, b)])[0]


def agreeing_sentences_many(m: Model, pairs: list[tuple[str, str]]) -> list[tuple[str, str, float]]:
    """agreeing_sentences of each pair, every distinct sentence embedded once, in one batch (a
    locality's report explains dozens of matches that share its practices' sentences). A practice's
    sentences and their term bags come from the store when the build kept them (kg.link.sentbags);
    other texts (a question) are split and cut here."""
    from kg.link.sentbags import load_sentences, practice_sentences

    none = ("", "", 0.0)
    if m.sem is None or not pairs:
        return [none] * len(pairs)
    texts = sorted({t for p in pairs for t in p})
    kept = load_sentences(m.sem.folder, texts) if getattr(m.sem, "folder", None) else {}
    split = {t: [s for s, _ in kept[t]] if t in kept else practice_sentences(t) for t in texts}
    known = {s: bag for entries in kept.values() for s, bag in entries}
    uniq = sorted({s for ss in split.values() for s in ss})
    if not uniq:
        return [none] * len(pairs)
    cut = [s for s in uniq if s not in known]
    vectors = dict(zip(cut, embed_texts(m, cut), strict=True)) if cut else {}
    have = [s for s in uniq if s in known]
    if have:
        vectors.update(zip(have, embed_term_bags(m, [known[s] for s in have]), strict=True))
    v = np.stack([vectors[s] for s in uniq])
    row = {s: k for k, s in enumerate(uniq)}
    out = []
    for a, b in pairs:
        sa, sb = split[a], split[b]
        if not sa or not sb:
            out.append(none)
            continue
        sim = v[[row[s] for s in sa]] @ v[[row[s] for s in sb]].T
        i, j = np.unravel_index(int(np.argmax(sim)), sim.shape)
        out.append((sa[i], sb[j], float(sim[i, j])))
    return out


def search_text(store, text: str, top: int = 5) -> list[Hit]:
    """Free-text search over a store (uses the model saved by the last relink when it is current)."""
    from kg.link.state import load_model

    return search_model(load_model(store), text, top)
