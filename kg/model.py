"""Plain frozen dataclasses passed between the pipeline stages.

read    -> Document            (decoded source text + normalised text + offset map)
split   -> BulletinDraft       (masthead, articles, practice segments; positions in normalised text)
extract -> Bulletin            (articles and practices with localities, units, targets, outcomes ...)
graph   -> RDF quads           (kg/graph/triples.py; the store is then the contract: kg/catalog/ reads it)
link    -> SimilarityLink      (practice, practice, score, Reasons)

Positions: `start`/`end` on drafts index `Document.text` (normalised); a `Quote` carries the exact
source text and its offsets into `Document.source` (the decoded original), so every quote is exact.
"""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass


@dataclass(frozen=True)
class Quote:
    """An exact span of the source document: `source[start:end] == text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, eq=False)
class Document:
    """Output of the read stage.

    `text` is the normalised analysis text; `offsets[i]` is the index in `source` of `text[i]`
    (one extra entry at the end: the source position just after the last character).
    `bold` lists emphasised spans ((start, end) in `text`) found in Markdown or .docx runs.
    """

    path: str
    source: str
    text: str
    offsets: array
    bold: tuple[tuple[int, int], ...] = ()
    fmt: str = "txt"

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of `text` to the span of `source` it came from."""
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def quote(self, start: int, end: int) -> Quote:
        s, e = self.source_span(start, end)
        return Quote(s, e, self.source[s:e])


@dataclass(frozen=True)
class Masthead:
    name: str | None  # 安庆组工信息
    issue: int | None  # 第 12 期
    date: dt.date | None
    editor: str | None  # 中共安庆市委组织部研究室
    year_issue: str | None = None  # free text like "总第 120 期" when present


@dataclass(frozen=True)
class SegmentDraft:
    """A practice candidate inside an article: a heading (bold, 一是, 一、 …) and its text span."""

    start: int
    end: int
    heading: str | None = None
    marker: str | None = None  # "bold", "一是", "一、", "none" …
    parent_heading: str | None = None  # the enclosing part (一、…) for nested markers


@dataclass(frozen=True)
class ArticleDraft:
    index: int  # 1-based position in the bulletin
    kind: str  # "item" (△), "speech" (交流发言), "news" (single article file)
    section: str | None  # 市内信息 / 市外参考 / 交流发言 / None
    title: str  # normalised title line without △ and final 。
    start: int  # whole article incl. title, in Document.text
    end: int
    body_start: int
    body_end: int  # before the reporting-unit bracket
    title_locality: str | None  # place name as written at the head of the title, if any
    unit_text: str | None  # reporting unit as written: 岳西县委组织部 / 中共太湖县委组织部
    segments: tuple[SegmentDraft, ...] = ()


@dataclass(frozen=True)
class BulletinDraft:
    document: Document
    masthead: Masthead
    articles: tuple[ArticleDraft, ...]


# ---- extracted entities -------------------------------------------------------------------------


@dataclass(frozen=True)
class Locality:
    """A resolved administrative division (or a town/village under one)."""

    name: str  # official full name: 岳西县, 巴中市, 四川省, 微山岛镇
    level: str  # province | city | county | town | village
    code: str | None  # GB/T 2260 code (6 digits) for province/city/county; None below county
    parent: Locality | None = None

    def chain(self) -> list[Locality]:
        """Self first, then parents up to the province."""
        out, node = [], self
        while node is not None:
            out.append(node)
            node = node.parent
        return out

    @property
    def key(self) -> str:
        """Stable identity: the code, or parent key + name for places without a code."""
        if self.code:
            return self.code
        return f"{self.parent.key if self.parent else 'x'}-{self.name}"


PLACE_LEVELS = ("county", "city", "province")  # where a practice is counted: a town counts for its county


def nearest_place(loc):
    """The nearest locality of `loc`'s chain (itself first) at county, city or province level, else None:
    where the places network, the diffusion timeline and the gaps count a practice. Any locality record
    with `chain()` and `level` (this module's, the catalog's)."""
    for rec in loc.chain() if loc is not None else ():
        if rec.level in PLACE_LEVELS:
            return rec
    return None


@dataclass(frozen=True)
class LocalityMention:
    text: str  # as written
    start: int
    end: int
    locality: Locality | None  # None = could not be resolved (reason says why)
    reason: str | None = None  # "ambiguous: 朝阳区 (北京市, 辽宁省朝阳市)" / "unknown"


@dataclass(frozen=True)
class Unit:
    name: str  # 岳西县委组织部
    kind: str  # 组织部, 纪委监委, 党校, 乡镇党委 … (a short type label)
    locality: Locality | None = None
    parent_name: str | None = None  # 岳西县委 for 岳西县委组织部


@dataclass(frozen=True)
class Outcome:
    value: float
    unit: str  # 人, 人次, 万元, % …
    counted: str  # what was counted: 提拔重用优秀干部
    qualifier: str | None  # 余, 多, 以上, 近, 约 …
    start: int  # in the text the extractor was given
    end: int
    text: str  # the figure as written, e.g. "420 人"
    upper: float | None = None  # for ranges like 1-5 档
    value_text: str = ""  # the figure for display, numbers as written: "1.0–1.3系数", "3.6万余件", "近300人"
    label: str = ""  # what was counted, for a reader: "进行整顿转化的村级党组织"
    displayable: bool = True  # False: no label a reader would understand (a scope, a threshold, a bare verb)


@dataclass(frozen=True)
class DocumentRef:
    title: str  # without 《》
    kind: str  # policy | media | form | publication | other
    start: int
    end: int
    # the text says the place it reports on issued it (制定《关于关心关爱基层干部的十条措施》), not a higher
    # body (落实, 省委印发): one county's 十条措施 is not another's of the same title (kg.graph.iris.document)
    issued_here: bool = False


@dataclass(frozen=True)
class ConceptHit:
    concept: str  # concept id in a SKOS scheme (local name)
    label: str  # the text that matched
    start: int
    end: int


@dataclass(frozen=True)
class Practice:
    key: str  # stable hash of the practice's normalised text
    index: int  # 1-based within the article
    label: str  # short label (heading or first clause)
    brand: str | None  # numbered slogan: 三进三问三听, 6+n …
    quote: Quote  # exact source text
    text: str  # normalised text (for analysis)
    types: tuple[str, ...] = ()  # practice-type concept ids
    targets: tuple[str, ...] = ()  # target-group concept ids
    outcomes: tuple[Outcome, ...] = ()
    documents: tuple[DocumentRef, ...] = ()
    units: tuple[Unit, ...] = ()
    localities: tuple[LocalityMention, ...] = ()  # other places mentioned inside
    locality: Locality | None = None  # its own place when it names one (a compilation's 四川丹棱县：… item)


@dataclass(frozen=True)
class Article:
    index: int
    kind: str
    section: str | None
    title: str
    quote: Quote
    locality: Locality | None
    locality_text: str | None  # as written (for the coverage report when unresolved)
    reporting_unit: Unit | None
    practices: tuple[Practice, ...]
    documents: tuple[DocumentRef, ...] = ()  # every document the article's title and body cite (ckg:cites)
    unresolved: tuple[str, ...] = ()  # human-readable notes of what could not be resolved


@dataclass(frozen=True)
class Bulletin:
    key: str  # stable identity: name + year + issue, or a content hash for one-off articles
    name: str | None
    issue: int | None
    date: dt.date | None
    editor: str | None
    publisher: Unit | None
    city: Locality | None  # the bulletin's own locality (安庆市)
    articles: tuple[Article, ...]
    source_path: str = ""
    content_hash: str = ""

    @property
    def shown_issuer(self) -> str:
        """The issuer a citation names before 《name》 when the name does not say whose it is (组工简报),
        else "" (kg.text.issuer; imported here: the kg.text package loads the normaliser)."""
        from kg.text.issuer import issuer_shown

        issuer = self.publisher.name if self.publisher else ""
        return issuer_shown(self.name or "", issuer, self.city.name if self.city else "")

    @property
    def label(self) -> str:
        """How the issue is named to a person (rdfs:label, kg stats): 安庆组工信息 2021年第12期, with its
        issuer when the name does not say whose it is: 组工简报 2023年第9期（琼海市委组织部）."""
        from kg.text.issuer import issue_label

        return issue_label(self.name, self.date.year if self.date else None, self.issue, self.shown_issuer)


# ---- the link stage's output ----------------------------------------------------------------------


@dataclass(frozen=True)
class Reasons:
    """Why two practices are similar (IRIs and words; kg/report/build.py turns them into labels)."""

    targets: tuple[str, ...] = ()  # shared target-group concept IRIs, most specific first
    types: tuple[str, ...] = ()  # shared practice-type concept IRIs
    terms: tuple[str, ...] = ()  # telling shared words, heaviest first
    brand: str | None = None
    documents: tuple[str, ...] = ()  # shared policy document IRIs

    @property
    def concepts(self) -> tuple[str, ...]:
        return self.targets + self.types


@dataclass(frozen=True)
class SimilarityLink:
    """One link of the links graph, as the link stage computes it (kg/link/write.py writes it)."""

    a: str  # the practice reported first (bulletin date, then IRI)
    b: str  # the one reported later
    score: float  # rounded to 3 decimals
    reasons: Reasons
