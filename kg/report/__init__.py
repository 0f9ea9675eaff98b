"""Reports: "who does something similar" for a locality or a free-text practice, and adoption timelines.

similar_report(gs, target, is_text=False, top=5, fmt="md") -> str | bytes   (md, html, json, docx)
render_reports(store_path, out_dir) -> [paths]   a Markdown + HTML report per locality under out_dir/reports/
timeline(gs, practice_iri) -> [dict]             who reported a group of similar practices first, who followed
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kg.errors import KGError
from kg.report.timeline import timeline

__all__ = ["similar_report", "render_reports", "timeline", "build_report"]

FORMATS = ("md", "html", "json", "docx")


def build_report(gs, target: str, *, is_text: bool = False, top: int = 5, model=None):
    from kg.report.build import by_locality, by_text

    if not target or not target.strip():
        raise KGError("nothing to compare: give a locality name, or a practice description with --text")
    if top < 1:
        raise KGError(f"--top must be at least 1 (got {top})")
    return by_text(gs, target, top, model=model) if is_text else by_locality(gs, target, top, model=model)


def render(rep, fmt: str) -> str | bytes:
    if fmt == "json":
        from kg.report.build import to_json

        return json.dumps(to_json(rep), ensure_ascii=False, indent=2)
    if fmt == "md":
        from kg.report.markdown import render as md

        return md(rep)
    if fmt == "html":
        from kg.report.html import render as html

        return html(rep)
    if fmt == "docx":
        from kg.report.word import render as docx

        return docx(rep)
    raise KGError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")


def similar_report(gs, target: str, *, is_text: bool = False, top: int = 5, fmt: str = "md") -> str | bytes:
    """The report for a locality (each of its practices and similar ones elsewhere) or a free text."""
    if fmt not in FORMATS:
        raise KGError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    return render(build_report(gs, target, is_text=is_text, top=top), fmt)


_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def _filename(label: str) -> str:
    return _UNSAFE.sub("_", label).strip("._") or "locality"


def render_reports(store_path, out_dir, *, top: int = 5) -> list[str]:
    """Write out_dir/reports/<locality>.md and .html for every locality with practices, and an index."""
    from html import escape

    from kg.link import load_model
    from kg.report import data
    from kg.store import GraphStore

    folder = Path(out_dir) / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    rows = []
    with GraphStore(store_path, read_only=True) as gs:
        model = load_model(gs)
        own = {r.locality for r in model.rows if r.locality}
        names = data.localities(gs)
        for iri in sorted(own, key=lambda i: names.get(i, i)):
            label = names.get(iri)
            if not label:
                continue
            rep = build_report(gs, label, top=top, model=model)
            stem = _filename(label)
            for fmt in ("md", "html"):
                path = folder / f"{stem}.{fmt}"
                path.write_text(render(rep, fmt), encoding="utf-8")
                written.append(str(path))
            n_links = sum(1 for e in rep.entries if e.similar)
            rows.append(
                f'<tr><td><a href="{escape(stem)}.html">{escape(label)}</a></td><td>{len(rep.entries)}</td>'
                f'<td>{n_links}</td><td><a href="{escape(stem)}.md">Markdown</a></td></tr>'
            )
    index = folder / "index.html"
    index.write_text(
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>谁在做类似的事：各地报告</title>'
        "<style>body{font-family:sans-serif;max-width:800px;margin:2em auto}td,th{border:1px solid #ccc;padding:.2em .6em}"
        "table{border-collapse:collapse}</style></head><body><h1>谁在做类似的事：各地报告</h1>"
        "<table><tr><th>地方</th><th>做法</th><th>有相似做法</th><th>下载</th></tr>"
        + "".join(rows)
        + "</table></body></html>\n",
        encoding="utf-8",
    )
    written.append(str(index))
    return written
