"""Reports: "who does something similar" for a locality or a free-text practice, and adoption timelines.

similar_report(gs, target, is_text=False, top=5, fmt="md") -> str | bytes   (md, html, json, docx)
render_reports(store_path, out_dir) -> [paths]   a Markdown + HTML report per locality under out_dir/reports/
render_locality_reports(gs, out_dir, localities)  the same for a few localities, the index updated in place
timeline(gs, practice_iri) -> [dict]             who reported a group of similar practices first, who followed
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kg.errors import KGError
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
    """Write out_dir/reports/<locality>.md and .html for every locality with practices, and an index.

    The store is read once (`Catalog.load`) and every report is answered from memory.
    """
    from kg.store import GraphStore

    folder = Path(out_dir) / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(store_path, GraphStore):
        rows, written = _render_every(store_path, folder, top)
    else:
        with GraphStore(store_path, read_only=True) as gs:
            rows, written = _render_every(gs, folder, top)
    for old in _stale_files(folder, rows):
        old.unlink()
    written += _write_index(folder, rows)
    return written


def _render_every(gs, folder: Path, top: int) -> tuple[dict, list[str]]:
    from kg.link import load_model
    from kg.report.catalog import Catalog

    model = load_model(gs)
    cat = Catalog.load(gs)
    rows: dict = {}
    written: list[str] = []
    for iri in sorted({r.locality for r in model.rows if r.locality}):
        row, paths = _write_report(gs, cat, model, folder, iri, top)
        if row:
            rows[iri] = row
            written += paths
    return rows, written


def render_locality_reports(gs, out_dir, localities, *, top: int = 5, model=None) -> list[str]:
    """Re-render the reports of these localities only (and the reports index); for `render_touched`.

    The reports index keeps the other localities' rows (reports/index.json); a locality without
    practices any more loses its report.
    """
    from kg.link import load_model
    from kg.report.catalog import Catalog

    folder = Path(out_dir) / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    rows = _read_index(folder)
    model = model or load_model(gs)
    own = {r.locality for r in model.rows if r.locality}
    todo = sorted(set(localities))
    cat = Catalog.load(gs, localities=todo)
    written: list[str] = []
    for iri in todo:
        old = rows.pop(iri, None)
        row, paths = _write_report(gs, cat, model, folder, iri, top) if iri in own else (None, [])
        if row:
            rows[iri] = row
            written += paths
        elif old:
            for fmt in ("md", "html"):
                (folder / f"{old['stem']}.{fmt}").unlink(missing_ok=True)
    written += _write_index(folder, rows)
    return written


def report_localities(out_dir) -> dict[str, int]:
    """The localities that have a report, with its number of practices (from reports/index.json)."""
    return {iri: int(row.get("n", 0)) for iri, row in _read_index(Path(out_dir) / "reports").items()}


def mark_reports_stale(out_dir, localities) -> list[str]:
    """Flag these localities' reports as out of date in the reports index (an incremental render
    gave other localities' practices new similar practices that these reports do not list yet)."""
    folder = Path(out_dir) / "reports"
    rows = _read_index(folder)
    hit = [iri for iri in localities if iri in rows and not rows[iri].get("stale")]
    if not hit:
        return []
    for iri in hit:
        rows[iri]["stale"] = True
    return _write_index(folder, rows)


def _write_report(gs, cat, model, folder: Path, iri: str, top: int) -> tuple[dict | None, list[str]]:
    from kg.report.build import for_locality

    label = _label(cat, iri)
    if not label:
        return None, []
    rep = for_locality(gs, iri, label, top, model=model, source=cat)
    stem = _filename(label)
    written = []
    for fmt in ("md", "html"):
        path = folder / f"{stem}.{fmt}"
        path.write_text(render(rep, fmt), encoding="utf-8")
        written.append(str(path))
    row = {
        "label": label,
        "stem": stem,
        "n": len(rep.entries),
        "links": sum(1 for e in rep.entries if e.similar),
    }
    return row, written


def _label(cat, iri: str) -> str | None:
    for p in cat.practices_of({iri}):
        if cat.infos[p].locality:
            return cat.infos[p].locality
    return None


def _stale_files(folder: Path, rows: dict) -> list[Path]:
    keep = {f"{r['stem']}.{fmt}" for r in rows.values() for fmt in ("md", "html")}
    return [
        f
        for f in [*folder.glob("*.md"), *folder.glob("*.html")]
        if f.name not in keep and f.name != "index.html"
    ]


def _read_index(folder: Path) -> dict:
    try:
        rows = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return rows if isinstance(rows, dict) else {}


def _write_index(folder: Path, rows: dict) -> list[str]:
    """reports/index.html (a table of every report) and index.json (its rows, for partial updates)."""
    from html import escape

    stale = "（新增公报后待更新：运行 kg build 重新生成）"
    cells = [
        f'<tr><td><a href="{escape(r["stem"])}.html">{escape(r["label"])}</a>{stale if r.get("stale") else ""}</td>'
        f'<td>{r["n"]}</td><td>{r["links"]}</td><td><a href="{escape(r["stem"])}.md">Markdown</a></td></tr>'
        for r in sorted(rows.values(), key=lambda r: r["label"])
    ]
    index = folder / "index.html"
    index.write_text(
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>谁在做类似的事：各地报告</title>'
        "<style>body{font-family:sans-serif;max-width:800px;margin:2em auto}td,th{border:1px solid #ccc;padding:.2em .6em}"
        "table{border-collapse:collapse}</style></head><body><h1>谁在做类似的事：各地报告</h1>"
        "<table><tr><th>地方</th><th>做法</th><th>有相似做法</th><th>下载</th></tr>"
        + "".join(cells)
        + "</table></body></html>\n",
        encoding="utf-8",
    )
    data = folder / "index.json"
    data.write_text(json.dumps(rows, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return [str(index), str(data)]
