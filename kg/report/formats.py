"""The report formats: one module each (markdown.py, html.py, json.py, word.py)."""

from __future__ import annotations

from kg.errors import ReportError
from kg.report.build import Report

FORMATS = ("md", "html", "json", "docx")


def render(rep: Report, fmt: str) -> str | bytes:
    if fmt == "json":
        from kg.report.json import render as as_json

        return as_json(rep)
    if fmt == "md":
        from kg.report.markdown import render as md

        return md(rep)
    if fmt == "html":
        from kg.report.html import render as html

        return html(rep)
    if fmt == "docx":
        from kg.report.word import render as docx

        return docx(rep)
    raise ReportError(f"未知的报告格式“{fmt}”；可用：{'、'.join(FORMATS)}")
