"""What the views show of a practice record (kg/catalog/records.py): IRIs to draw, texts to show."""

from __future__ import annotations

from kg.catalog.records import Practice, local_name


def place(p: Practice) -> str | None:
    """The IRI of the practice's place (its own, else its article's)."""
    return p.locality.iri if p.locality else None


def targets_of(p: Practice) -> list[str]:
    return [c.iri for c in p.targets]


def types_of(p: Practice) -> list[str]:
    return [c.iri for c in p.types]


def concepts_of(p: Practice) -> list[str]:
    """Target groups, then practice types (IRIs)."""
    return [c.iri for c in p.targets] + [c.iri for c in p.types]


def label_of(p: Practice) -> str:
    return p.label or local_name(p.iri)


def year_of(p: Practice) -> int | None:
    date = (p.date or "")[:10]
    return int(date[:4]) if date[:4].isdigit() else None


def quote_of(p: Practice) -> str:
    """The practice's source text as a reader sees it (display text: no conversion spaces, no Markdown)."""
    return p.display_text() if p.quote or p.text else ""


def article_title(p: Practice) -> str:
    return p.article.title if p.article else ""


def outcome_texts(p: Practice) -> list[str]:
    """Each outcome a reader is shown (ckg:displayable) once, as what was counted and the figure as
    written (选派优秀年轻科级干部50余名, 确定工资待遇1.0–1.3系数)."""
    return list(dict.fromkeys(t for t in (o.text() for o in p.shown_outcomes) if t))


def citation(p: Practice) -> str:
    """《安庆组工信息》2023年第8期（2023-03-30），市内信息，《article title》"""
    b, a = p.bulletin, p.article
    name = (b.name or b.label) if b else ""
    parts = [f"{b.cited_issuer if b else ''}《{name}》" if name else "来源不详"]
    year, issue, date = year_of(p), b.issue if b else None, (p.date or "")[:10]
    if year and issue is not None:
        parts[0] += f"{year}年第{issue}期"
    if date:
        parts[0] += f"（{date}）"
    if a and a.section:
        parts.append(a.section)
    if a and a.title:
        parts.append(f"《{a.title}》")
    return "，".join(parts)
