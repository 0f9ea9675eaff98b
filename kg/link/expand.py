"""A question in everyday words, given the formal terms bulletins use (query expansion).

People ask in their own words (小年轻, 退下来的老同志, 手把手带), bulletins write the formal term (年轻干部,
退出领导岗位干部, 导师帮带). A thesaurus in SKOS (kg/resources/thesaurus/*.ttl, scheme 检索用语) holds one
concept per formal term: its prefLabel (hiddenLabels: related formal terms, kept as notes), and as altLabels
the wordings a person types instead. A free-text question holding an altLabel gets the concept's preferred term
appended, so the lexical, concept and semantic evidence all see it; practices are never expanded (their
text is the bulletin's own). The thesaurus was written from knowledge of the field by someone who never saw
the gold sets it is measured on (bench/similarity_quality.py).

Measured there, and chosen on the tuning half of the free-text gold only: wordings of two characters are
not searched (most are formal words themselves, 考核, 提拔, 挂职: with them free text fell 0.841 → 0.743 on
the tuning half), nor are the hiddenLabels (second formal terms: 0.800 with them, 0.805 without).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

SKOS = "http://www.w3.org/2004/02/skos/core#"
MIN_WORDING = 3  # characters: a two-character wording is mostly a formal word already
FOLDER = Path(__file__).resolve().parent.parent / "resources" / "thesaurus"


@dataclass(frozen=True)
class Thesaurus:
    """Everyday wordings, longest first, each with the formal terms it stands for."""

    wordings: tuple[tuple[str, tuple[str, ...]], ...]

    def formal_terms(self, text: str) -> list[str]:
        """The formal terms of every wording the text holds, in the order the wordings come (the longest
        wording wins where two overlap: 退下来的老同志 is not also 老同志), each term once, leaving out
        terms the text holds already."""
        taken: list[tuple[int, int, tuple[str, ...]]] = []
        for wording, terms in self.wordings:
            start = text.find(wording)
            while start >= 0:
                end = start + len(wording)
                if not any(a < end and start < b for a, b, _ in taken):
                    taken.append((start, end, terms))
                    break
                start = text.find(wording, start + 1)
        out: list[str] = []
        for _, _, terms in sorted(taken):
            out += [t for t in terms if t not in text and t not in out]
        return out

    def expand(self, text: str) -> tuple[str, list[str]]:
        """(the text with the formal terms appended as one more sentence, those terms)."""
        terms = self.formal_terms(text)
        return (f"{text}\n{'、'.join(terms)}。" if terms else text), terms


@functools.lru_cache(maxsize=1)
def thesaurus() -> Thesaurus:
    """The shipped thesaurus (empty without one), read from the user's cache when it was read before
    (parsing the Turtle costs ~0.05 s of a `kg similar --text` start)."""
    import hashlib
    import json

    from kg.paths import cache_home

    files = sorted(FOLDER.glob("*.ttl")) if FOLDER.is_dir() else []
    h = hashlib.sha1(f"v1 {MIN_WORDING}".encode())
    for f in files:
        h.update(f.read_bytes())
    cached = cache_home() / "thesaurus" / f"{h.hexdigest()[:16]}.json"
    try:
        return Thesaurus(tuple((w, tuple(t)) for w, t in json.loads(cached.read_text(encoding="utf-8"))))
    except (OSError, ValueError, TypeError):
        pass
    found = _parse(files)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(found.wordings, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cached)
    except OSError:
        pass  # a read-only cache: parsed again next time
    return found


def _parse(files: list[Path]) -> Thesaurus:
    """The thesaurus of SKOS Turtle files."""
    import pyoxigraph as ox

    pref: dict[str, str] = {}
    alts: dict[str, list[str]] = {}
    for f in files:
        with open(f, "rb") as fh:
            for t in ox.parse(fh, format=ox.RdfFormat.TURTLE):
                if not isinstance(t.object, ox.Literal) or not (t.object.language or "").startswith("zh"):
                    continue
                s, label = t.subject.value, t.object.value.strip()
                p = t.predicate.value
                if p == SKOS + "prefLabel":
                    pref[s] = label
                elif p == SKOS + "altLabel":
                    alts.setdefault(s, []).append(label)
    by_wording: dict[str, list[str]] = {}
    for s, labels in alts.items():
        if s not in pref:
            continue
        for label in labels:
            if len(label) >= MIN_WORDING:
                merged = by_wording.setdefault(label, [])
                if pref[s] not in merged:
                    merged.append(pref[s])
    order = sorted(by_wording, key=lambda w: (-len(w), w))
    return Thesaurus(tuple((w, tuple(by_wording[w])) for w in order))
