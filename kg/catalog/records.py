"""The records the store is read into: frozen and plain, the same for every reader (link, views,
reports, stats). Their fields are what the store holds (README, section *Ontology*); how a reader
shows them (citations, tooltips, JSON) is the reader's own.

A practice carries its place, article, bulletin, concepts, outcomes and documents as nested records,
so a reader never asks the store again for what a practice is.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

from kg.text import display_text
from kg.text.issuer import issuer_shown


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
    issuer: str = ""  # dcterms:publisher's label: 琼海市委组织部
    place: str = ""  # its ckg:locality's label: 琼海市

    @property
    def cited_issuer(self) -> str:
        """The issuer a citation puts before 《name》 when the name does not say whose it is (组工简报)."""
        return issuer_shown(self.name, self.issuer, self.place)


@dataclass(frozen=True)
class Document:
    """A document cited (ckg:cites: every 《》 title and named regulation) or based on (ckg:basedOn)."""

    iri: str
    title: str


@dataclass(frozen=True)
class Article:
    iri: str
    title: str = ""
    section: str = ""  # 市内信息 / 市外参考 / 交流发言 / ""
    locality: Locality | None = None
    bulletin: Bulletin | None = None
    documents: tuple[Document, ...] = ()  # what the article cites anywhere: title, lead, body (ckg:cites)


@dataclass(frozen=True)
class Outcome:
    """A reported number: 提拔重用优秀干部 420 人, 化解率达 80%以上."""

    label: str  # what was counted
    value: str  # the number as stored (xsd:decimal lexical form)
    unit: str = ""
    qualifier: str | None = None  # 余, 多, 以上, 近, 约 …
    upper: str | None = None  # the upper end of a range (1–5 档)
    value_text: str | None = None  # ckg:valueText, the figure as written: 1.0–1.3系数, 3.6万余件, 近300人
    displayable: bool = True  # ckg:displayable false: the label does not say what was counted

    def text(self) -> str:
        """The outcome as a sentence shows it: what was counted, then the figure as written
        (ckg:valueText; for a store without it, the qualifier where Chinese puts it and a range with
        both ends)."""
        return join_figure(self.label, self.value_text or self.figure())

    def figure(self) -> str:
        """The figure rebuilt from value, range end, unit and qualifier (a store without ckg:valueText)."""
        q = self.qualifier or ""
        value = f"{self.value}–{self.upper}" if self.upper else self.value
        if q in ("余", "多"):
            return f"{value}{q}{self.unit}"
        if q in ("以上", "以下", "左右", "以内", ""):
            return f"{value}{self.unit}{q}"
        return f"{q}{value}{self.unit}"  # 近, 约, 超, 不少于 … stand before the number

    def as_written(self) -> str:
        """rdfs:label + space + the figure as written (ckg:valueText), as memos show it."""
        return f"{self.label} {self.value_text}" if self.value_text else self.text()


def join_figure(label: str, figure: str) -> str:
    """Label and figure as Chinese writes them, without a space (选派优秀年轻科级干部50余名, 开展专题培训
    不少于2次 → 开展专题培训不少于2次); a label ending in a digit keeps the figure apart with "：".

    >>> join_figure("确定工资待遇", "1.0–1.3系数"), join_figure("一类班次1", "2期")
    ('确定工资待遇1.0–1.3系数', '一类班次1：2期')
    """
    if not label:
        return figure
    if not figure:
        return label
    return f"{label}：{figure}" if label[-1].isdigit() and figure[0].isdigit() else label + figure


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
    outcomes: tuple[Outcome, ...] = ()  # every outcome, in the order of the text (see `shown_outcomes`)
    documents: tuple[Document, ...] = ()  # what its own text cites (ckg:cites, else ckg:basedOn)

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
        """The source text as a reader should see it (kg.text.display_text): the same words without the
        conversion debris (spaces between Chinese characters, Markdown, line breaks inside a paragraph).
        The exact text stays `source_text`, the one a citation's offsets point into."""
        return display_text(self.source_text)

    @property
    def shown_outcomes(self) -> tuple[Outcome, ...]:
        """The outcomes a reader is shown: those whose label says what was counted (ckg:displayable)."""
        return tuple(o for o in self.outcomes if o.displayable)

    @property
    def cited(self) -> tuple[Document, ...]:
        """Every document its article cites (title, lead, body) and its own text cites, once each."""
        own = self.article.documents if self.article else ()
        return tuple({d.iri: d for d in (*own, *self.documents) if d.title}.values())


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
