"""The last verdict on a store, keyed by the store's content hash, in one JSON file.

`kg validate` on a store that has not changed since the last run reuses the recorded results instead of
running the engine again. The key covers every named graph's triples, the shapes and the engine, so any
change to any of them voids it. A missing, unreadable or foreign file is simply no memo.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import astuple
from pathlib import Path

from kg import paths
from kg.validate.engine import Result

VERSION = 2


def salt(engine_version: str) -> str:
    """Changes when the shapes or the engine change."""
    shapes = hashlib.sha256(paths.SHAPES.read_bytes()).hexdigest()[:16]
    return f"v{VERSION} {engine_version} shapes:{shapes}"


def load(path: Path | None, key: str) -> list[tuple[Result, str, str | None]] | None:
    """The recorded (result, graph, bulletin) rows when `key` matches, else None."""
    if not path or not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        return [(Result(*r), g, w) for r, g, w in data["results"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def save(path: Path | None, key: str, rows: list[tuple[Result, str, str | None]]) -> bool:
    """Write the memo atomically; False when its folder is not writable (e.g. a read-only store)."""
    if not path:
        return False
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        body = {"key": key, "results": [[list(astuple(r)), g, w] for r, g, w in rows]}
        tmp.write_text(json.dumps(body, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
        return False
    return True
