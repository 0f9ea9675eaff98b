"""Answers kept beside a store for the generation they describe (`stats.json`, `names.json` …).

A generation never changes once it is current (kg/generations.py), so a costly whole-store answer that
depends only on it is computed once and kept in the store folder as JSON, keyed by the generation's
folder and a hash of its manifest; a later generation, or an unreadable file, computes it again. A
read-only store folder simply keeps no memo.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

VERSION = 2  # 2: corpus names carry their 《》 and the issuer a shared name needs


def key_of(gs: Any) -> str:
    from kg.store import MANIFEST

    manifest = Path(gs.path) / MANIFEST
    digest = hashlib.sha256(manifest.read_bytes()).hexdigest()[:16] if manifest.exists() else ""
    return f"v{VERSION} {Path(gs.path).resolve()} {digest}"


def remembered(gs: Any, name: str, compute: Callable[[], Any]) -> Any:
    """`compute()`'s JSON-able answer, from `<store folder>/<name>.json` when it is this generation's."""
    key = key_of(gs)
    path = Path(gs.root) / f"{name}.json"
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept.get("key") == key:
            return kept["data"]
    except (OSError, ValueError, AttributeError, KeyError):
        pass
    data = compute()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps({"key": key, "data": data}, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
    return data
