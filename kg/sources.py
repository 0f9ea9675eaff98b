"""What a store remembers of where its bulletins came from, and the bulletins named by a user.

The manifest keeps, besides each bulletin's source file and content hash:
    "inputs"   the folders and files the last `kg build` was given (absolute paths)
    "removed"  source files taken out with `kg remove` (absolute path -> key), which a rebuild from the
               remembered folders must not bring back

`kg build` without a folder rebuilds from the remembered inputs plus every bulletin's own source (so
bulletins added from elsewhere with `kg add` stay), minus the removed ones. A bulletin whose source file
is gone is named and kept as stored (carried over into the new generation), never silently dropped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.graph import iris


def absolute(path: str | Path) -> str:
    """An absolute path, symbolic links kept (what the user named); `<…>` pseudo-sources unchanged."""
    s = str(path)
    return s if s.startswith("<") else os.path.abspath(s)


@dataclass
class Rebuild:
    inputs: list[str]  # folders and files to read
    missing: list[str]  # one line per remembered input or source that is gone
    carried: list[str]  # keys of bulletins kept as stored (their source is gone)
    removed: dict[str, str]  # source path -> key: files a folder may hold that stay out


def remembered(manifest: dict[str, Any]) -> Rebuild:
    """What `kg build` without a folder reads again."""
    removed = dict(manifest.get("removed") or {})
    inputs: list[str] = []
    missing: list[str] = []
    for item in manifest.get("inputs") or []:
        if os.path.exists(item):
            inputs.append(item)
        else:
            missing.append(f"{item}: 上次构建读取的目录或文件已不在，本次未读取")
    carried: list[str] = []
    for key, entry in sorted((manifest.get("bulletins") or {}).items()):
        src = str(entry.get("source") or "")
        if os.path.isfile(src):
            if not any(_under(src, i) for i in inputs):
                inputs.append(src)
        else:
            carried.append(key)
            missing.append(
                f"{src or key}: 源文件已不在；图谱中保留了这期公报的现有内容"
                f"（{label(entry)}；如要删除：kg remove {key}）"
            )
    return Rebuild(inputs, missing, carried, removed)


def _under(path: str, item: str) -> bool:
    return path == item or path.startswith(item.rstrip(os.sep) + os.sep)


def label(entry: dict[str, Any]) -> str:
    """How a bulletin is named to a user: 安庆组工信息 2021年第12期 (as `kg stats` and the graph say;
    kg.model.Bulletin.label, kept in the manifest since a label may name the issuer)."""
    if entry.get("label"):
        return str(entry["label"])
    from kg.text.issuer import issue_label  # (the kg.text package loads the normaliser)

    date = entry.get("date")
    return issue_label(entry.get("name"), int(str(date)[:4]) if date else None, entry.get("issue"))


_LABEL = re.compile(
    r"^\s*(?P<name>\S.*?)\s*(?P<year>\d{4})\s*年\s*第\s*(?P<issue>\d+)\s*期\s*(?:[（(](?P<issuer>[^）)]+)[）)])?\s*$"
)


def _issuer_in(entry: dict[str, Any]) -> str | None:
    """The issuer a manifest entry's label names (组工简报 2023年第9期（琼海市委组织部）), else None."""
    m = _LABEL.match(str(entry.get("label") or ""))
    return m.group("issuer") if m else None


def resolve(manifest: dict[str, Any], items: Iterable[str]) -> list[str]:
    """The keys of the bulletins named by `kg remove` arguments, each one of
        a source file path      data/anqing-2021-12.txt (as recorded; or a file that parses to a held key)
        a key                   054f3078-2021-012 (as `kg stats --format json` lists them)
        name, year and issue    "安庆组工信息 2021年第12期" (as `kg stats` and the pages show them)
    InputError for the first that names nothing held (then nothing is removed)."""
    bulletins: dict[str, dict[str, Any]] = manifest.get("bulletins") or {}
    by_source = {absolute(str(e.get("source") or "")): k for k, e in bulletins.items()}
    keys: list[str] = []
    for item in items:
        key = _resolve_one(item, bulletins, by_source)
        if key not in keys:
            keys.append(key)
    return keys


def _resolve_one(item: str, bulletins: dict[str, dict[str, Any]], by_source: dict[str, str]) -> str:
    if item in bulletins:
        return item
    if absolute(item) in by_source:
        return by_source[absolute(item)]
    m = _LABEL.match(item)
    if m:
        hits = [
            k
            for k, e in bulletins.items()
            if (e.get("name") or "") == m.group("name")
            and str(e.get("date") or "")[:4] == m.group("year")
            and e.get("issue") == int(m.group("issue"))
            and m.group("issuer") in (None, _issuer_in(e))
        ]
        if len(hits) == 1:
            return hits[0]
        if hits:  # two departments' 组工简报 of one number
            raise InputError(
                item,
                f"有 {len(hits)} 期公报同名同期（{'、'.join(label(bulletins[k]) for k in hits)}）；"
                "请加上编发单位，或写键、源文件路径；未删除任何公报",
            )
    if os.path.isfile(item):  # a file recorded under another name: what it parses to
        from kg.ingest import ingest_file

        try:
            b = ingest_file(item, as_article=True)
        except InputError:
            b = None
        if b is not None and b.key in bulletins:
            return b.key
    raise InputError(
        item,
        "图谱中没有这期公报（可写源文件路径、键，或“刊名 YYYY年第N期”；kg stats 列出已有公报）；未删除任何公报",
    )


def carry(old_gen: Path, gs: Any, keys: list[str], old: dict, rows: list) -> int:
    """Copy bulletins whose source file is gone from the previous generation, as stored: their named
    graphs, the shared entities they name (places with their parents, units, documents), their manifest
    entries and link rows. Returns how many were carried."""
    import pyoxigraph as ox

    from kg.catalog.rows import read_rows

    src = ox.Store.read_only(str(old_gen / "oxigraph"))
    shared = ox.NamedNode(iris.GRAPH_SHARED)
    graphs: list[str] = []
    for key in keys:
        g = ox.NamedNode(iris.bulletin_graph(key))
        quads = list(src.quads_for_pattern(None, None, None, g))
        if not quads or key not in (old.get("bulletins") or {}):
            continue
        gs.add_quads(quads)
        todo = {q.object for q in quads if isinstance(q.object, ox.NamedNode)}
        seen: set = set()
        while todo:
            node = todo.pop()
            seen.add(node)
            found = list(src.quads_for_pattern(node, None, None, shared))
            gs.add_quads(found)
            todo |= {q.object for q in found if isinstance(q.object, ox.NamedNode)} - seen
        gs.bulletins[key] = old["bulletins"][key]
        graphs.append(g.value)
    del src
    if graphs:
        rows.extend(read_rows(gs, graphs=graphs))
    return len(graphs)
