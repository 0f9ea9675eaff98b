"""The records the store is read into: frozen and plain, the same for every reader (link, views,
reports, stats). Their fields are what the store holds (README, section *Ontology*); how a reader
shows them (citations, tooltips, JSON) is the reader's own.

A practice carries its place, article, bulletin, concepts, outcomes and documents as nested records,
so a reader never asks the store again for what a practice is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote


def local_name(iri: str) -> str:
    """The last segment of an IRI (what to show when the store holds no label)."""
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])


@dataclass(frozen=True)
class Quote:
    """The exact source text a practice was read from, with its offsets in the decoded source file."""

    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Concept:
    """A target group or practice type as a practice refers to it."""

    iri: str
    label: str  # the Chinese preferred label (the IRI's last segment when the vocabulary has none)


@dataclass(frozen=True)
class Locality:
    iri: str
    label: str = ""  # rdfs:label ("" when the store holds none)
    code: str = ""  # GB/T 2260 code, for province, city and county
    level: str = ""  # province | city | county | town | village
    parent: Locality | None = None  # the locality it is in (schema:containedInPlace)

    def chain(self) -> list[Locality]:
        """The locality and those it is in, nearest first."""
        out: list[Locality] = []
        node: Locality | None = self
        while node is not None:
            out.append(node)
            node = node.parent
        return out


@dataclass(frozen=True)
class Bulletin:
    iri: str
    name: str = ""  # dcterms:title: 安庆组工信息
    label: str = ""  # rdfs:label: 安庆组工信息 2021年第12期
    issue: int | None = None
    date: str | None = None  # YYYY-MM-DD of the issue


@dataclass(frozen=True)
class Article:
    iri: str
    title: str = ""
    section: str = ""  # 市内信息 / 市外参考 / 交流发言 / ""
    locality: Locality | None = None
    bulletin: Bulletin | None = None


@dataclass(frozen=True)
class Outcome:
    """A reported number: 提拔重用优秀干部 420 人, 化解率达 80%以上."""

    label: str  # what was counted
    value: str  # the number as stored (xsd:decimal lexical form)
    unit: str = ""
    qualifier: str | None = None  # 余, 多, 以上, 近, 约 …
    upper: str | None = None  # the upper end of a range (1–5 档)
    value_text: str | None = None  # ckg:valueText: the figure as written (3.6万余件, 80%以上)
    displayable: bool = True  # ckg:displayable: false when the label does not say what was counted

    def text(self) -> str:
        """The outcome as a sentence shows it: the qualifier where Chinese puts it."""
        q = self.qualifier or ""
        if q in ("近", "约"):
            return f"{self.label} {q}{self.value}{self.unit}"
        if q in ("余", "多"):
            return f"{self.label} {self.value}{q}{self.unit}"
        return f"{self.label} {self.value}{self.unit}{q}"

    def as_written(self) -> str:
        """rdfs:label + space + the figure as written (ckg:valueText), as memos show it."""
        return f"{self.label} {self.value_text}" if self.value_text else self.text()


@dataclass(frozen=True)
class Document:
    """A policy document a practice is based on (ckg:basedOn)."""

    iri: str
    title: str


_DEBRIS = re.compile(r"\*\*|^#{1,6}[ \t]*", re.M)
_SOFT_BREAK = re.compile(r"[ \t]*\n\s*")


@dataclass(frozen=True)
class Practice:
    iri: str
    label: str = ""  # rdfs:label: the heading or first clause ("" when the store holds none)
    brand: str | None = None  # the numbered slogan: 三进三问三听, 6+n …
    text: str = ""  # the normalised analysis text (simplified characters, no layout debris)
    quote: Quote | None = None  # the exact source text
    locality: Locality | None = None  # the practice's own place, else its article's
    article: Article | None = None
    targets: tuple[Concept, ...] = ()
    types: tuple[Concept, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    documents: tuple[Document, ...] = ()

    @property
    def bulletin(self) -> Bulletin | None:
        return self.article.bulletin if self.article else None

    @property
    def date(self) -> str | None:
        b = self.bulletin
        return b.date if b else None

    @property
    def source_text(self) -> str:
        """The exact source text (the normalised text when the store holds no quote)."""
        return (self.quote.text if self.quote else "") or self.text

    def display_text(self) -> str:
        """The source text as a reader should see it: the same characters, without the conversion debris
        that is not content (Markdown ** and heading marks, line breaks inside a paragraph)."""
        text = _DEBRIS.sub("", self.source_text)
        return _SOFT_BREAK.sub(lambda m: "" if _joins(m) else "\n", text).strip()


def _joins(m: re.Match) -> bool:
    """A break between two Chinese characters (or inside a sentence) is a page or line break, not a paragraph."""
    before = m.string[m.start() - 1] if m.start() else ""
    return before not in "。！？；：”"


@dataclass(frozen=True)
class Link:
    """A similarity link as the links graph holds it (kg/link/write.py writes it from a SimilarityLink):
    one per pair of practices, `a` < `b` by IRI."""

    a: str
    b: str
    score: float  # nan when the store holds a ckg:similarTo pair without its explanation node
    concepts: tuple[str, ...] = ()  # shared target groups and practice types (IRIs)
    terms: tuple[str, ...] = ()  # shared brand and words

    def other(self, practice: str) -> str:
        return self.b if practice == self.a else self.a
