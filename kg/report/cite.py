"""How a report names and cites a practice (kg/catalog/records.py `Practice`): every claim carries
locality, bulletin, issue and date; `practice_json` is the practice as the JSON report gives it."""

from __future__ import annotations

from kg.catalog.records import Practice
from kg.graph import iris


def place(p: Practice) -> str:
    """The label of the practice's place ("" when unknown)."""
    return p.locality.label if p.locality else ""


def bulletin_name(p: Practice) -> str:
    b = p.bulletin
    return (b.name or b.label if b else "") or "公报"


def article_title(p: Practice) -> str:
    return p.article.title if p.article else ""


def target_labels(p: Practice) -> tuple[str, ...]:
    """The labels of its target groups, sorted."""
    return tuple(sorted({c.label for c in p.targets}))


def type_labels(p: Practice) -> tuple[str, ...]:
    """The labels of its practice types, sorted."""
    return tuple(sorted({c.label for c in p.types}))


def issue_text(p: Practice) -> str:
    date, issue = p.date, p.bulletin.issue if p.bulletin else None
    year = date[:4] if date else ""
    if issue is not None:
        return f"{year}年第{issue}期" if year else f"第{issue}期"
    return f"{year}年" if year else "期号不详"


def source_text(p: Practice) -> str:
    """The bulletin and issue (《黄石组工》2021年第3期; 琼海市委组织部《组工简报》2023年第9期 when the
    name does not say whose it is), or 单篇文章 for a news item or reposted report taken as one
    article: it has no bulletin name or issue to put in 《》."""
    b = p.bulletin
    if b is not None and not b.name and b.issue is None:
        return "单篇文章"
    issuer = b.cited_issuer if b is not None else ""
    return f"{issuer}《{bulletin_name(p)}》{issue_text(p)}"


def citation(p: Practice) -> str:
    """Locality, bulletin, issue and date: what every claim in a report carries."""
    return f"{place(p) or '地方不详'}，{source_text(p)}，{p.date or '日期不详'}"


def outcome_texts(p: Practice) -> list[str]:
    """The outcomes a reader is shown, each as label and figure as written (选派优秀年轻科级干部 50余名)."""
    return list(dict.fromkeys(o.text() for o in p.shown_outcomes))


def cited_titles(p: Practice) -> list[str]:
    """Titles (without 《》) of what the practice's article and its own text cite."""
    return list(dict.fromkeys(d.title for d in p.cited))


def policy_titles(p: Practice) -> list[str]:
    """cited_titles that are policy documents (文中引用 in a memo)."""
    return list(dict.fromkeys(d.title for d in p.cited if not d.iri.startswith(_WORK)))


def work_titles(p: Practice) -> list[str]:
    """cited_titles of other named works: a TV column, a film, a book (文中提及: named, not a policy)."""
    return list(dict.fromkeys(d.title for d in p.cited if d.iri.startswith(_WORK)))


_WORK = f"{iris.BASE}work/"  # where kg.graph.iris.work puts named works


def practice_json(p: Practice, *, source: bool = False) -> dict:
    """`P`: a practice as the JSON names it. `text` is its own source text as a reader sees it (display
    text: no conversion spaces, no Markdown); `source` adds `source_text`, the exact text its offsets
    (`source_span`, in the decoded source file) point into. `outcomes` and `cites` are extensions."""
    out = {
        "id": p.iri,
        "label": p.label,
        "locality": place(p),
        "date": p.date,
        "issue": p.bulletin.issue if p.bulletin else None,
        "bulletin": p.bulletin.name if p.bulletin else "",
        "issuer": p.bulletin.cited_issuer if p.bulletin else "",
        "article": article_title(p),
        "text": p.display_text(),
        "brand": p.brand,
        "outcomes": outcome_texts(p),
        "cites": cited_titles(p),
    }
    if source:
        out["source_text"] = p.source_text
        q = p.quote
        out["source_span"] = {"start": q.start, "end": q.end} if q and q.start is not None else None
    return out
