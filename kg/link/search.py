"""Free-text search: a sentence, or a whole article from elsewhere, against every practice."""

from __future__ import annotations

from kg.graph import iris
from kg.link.engine import rank_vector, shared_terms
from kg.link.model import Model
from kg.link.text import get_analyzer
from kg.model import Reasons


def detect_concepts(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(target-group IRIs, practice-type IRIs) the extractor finds in the text."""
    from kg.extract.concepts import classify_types, find_targets

    targets = tuple(sorted({iris.target_group(h.concept) for h in find_targets(text)}))
    types = tuple(sorted({iris.practice_type(t) for t in classify_types(text, None)}))
    return targets, types


def search_model(
    m: Model, text: str, top: int = 5, *, exclude_groups: set[str] | None = None
) -> list[tuple[str, float, Reasons]]:
    """Practices most similar to `text`, best first: (practice IRI, score, reasons)."""
    text = clean_query(text)
    if not text:
        return []
    targets, types = detect_concepts(text)
    vec = m.vector(get_analyzer().terms(text))
    profile = m.types.profiles(vec, [types])[0]
    group_ids = {
        int(m.groups[n]) for n, r in enumerate(m.rows) if exclude_groups and r.group in exclude_groups
    }
    out = []
    for k, score in rank_vector(m, vec, targets, profile, top, group_ids):
        row = m.rows[k]
        out.append(
            (
                row.iri,
                score,
                Reasons(
                    targets=m.tg.similarity(targets, row.targets)[1] if targets else (),
                    types=m.types.shared(profile, m.TP[k]),
                    terms=shared_terms(m, vec, m.X[k]),
                ),
            )
        )
    return out


def search_text(store, text: str, top: int = 5) -> list[tuple[str, float, Reasons]]:
    """Free-text search over a store (uses the model saved by the last relink when it is current)."""
    from kg.link.state import load_model

    return search_model(load_model(store), text, top)


def clean_query(text: str) -> str:
    """The analysis form of a query: the read stage's normalisation (simplified, no layout debris)."""
    from kg.read.normalize import flatten, normalize

    return flatten(normalize(text)[0]).text.strip()
