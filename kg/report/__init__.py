"""Reports: "who does something similar" for a locality or a free-text practice, and adoption timelines.

similar_report(gs, target, is_text=False, top=5, fmt="md", source_text=False) -> str | bytes
                                                 (md, html, json, docx; source_text: the exact quotes too)
render_reports(store, out_dir) -> [paths]        a Markdown + HTML report per locality under out_dir/reports/
render_locality_reports(gs, out_dir, localities)  the same for a few localities, the index updated in place
timeline(gs, practice_iri) -> [dict]             who reported a group of similar practices first, who followed

build.py makes a report as plain data from the catalog (kg/catalog/); markdown.py, html.py, json.py and
word.py render it; folder.py writes the reports folder a build publishes.
"""

from __future__ import annotations

from kg.errors import ReportError
from kg.report.build import build_report
from kg.report.folder import mark_reports_stale, render_locality_reports, render_reports, report_localities
from kg.report.formats import FORMATS, render
from kg.report.timeline import timeline

__all__ = [
    "similar_report",
    "render_reports",
    "render_locality_reports",
    "mark_reports_stale",
    "report_localities",
    "timeline",
    "build_report",
]


def similar_report(
    gs, target: str, *, is_text: bool = False, top: int = 5, fmt: str = "md", source_text: bool = False
) -> str | bytes:
    """The report for a locality (each of its practices and similar ones elsewhere) or a free text.

    Quotes are shown as clean display text (kg.text.display_text); `source_text` adds each practice's
    exact source text (the HTML page always holds it, folded, one click away)."""
    if fmt not in FORMATS:
        raise ReportError(f"未知的报告格式“{fmt}”；可用：{'、'.join(FORMATS)}")
    return render(build_report(gs, target, is_text=is_text, top=top, source_text=source_text), fmt)
