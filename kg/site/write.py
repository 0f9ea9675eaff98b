"""Step 3: write the site: the app's fixed files, vis-network, the data files, incrementally and safely.

    site/
      index.html  practices.html  place.html  diffusion.html  coverage.html   the app (fixed files)
      app/        site.css, the app's scripts                                 (fixed files)
      lib/        vis-network from pyvis's bundled copy                        (fixed files)
      data/       index.js and the hashed shards (kg.site.data)
      .kg-site.json                                                           the manifest

Every file is written to a temporary name and moved into place (os.replace), so a reader or a crash
never sees half a file. The manifest records, per file, its content hash and what the file system
says of it (size, mtime_ns) after writing: a file whose hash is unchanged and whose size and mtime
still match is left alone; one that is missing or was replaced since (an interrupted run, a hand edit)
is written again. Order: shards, fixed files, data/index.js, index.html, manifest; files the new site
no longer names are removed last.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kg import faults
from kg.errors import KGError
from kg.site import data as sd

MANIFEST = ".kg-site.json"
MANIFEST_VERSION = 1
APP_FILES = ("site.css", "common.js", "places.js", "practices.js", "place.js", "diffusion.js", "coverage.js")
PAGES = ("practices.html", "place.html", "diffusion.html", "coverage.html")  # index.html goes last
LIB_FILES = ("vis-network.min.js", "vis-network.css")


@dataclass
class RenderReport:
    out_dir: Path
    written: list[str] = field(default_factory=list)  # paths written this run
    kept: int = 0  # files left as they were
    removed: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # read, model, data, write


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def write_atomic(path: Path, raw: bytes) -> os.stat_result:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(raw)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path.stat()


class Writer:
    """Writes files under a folder unless the manifest shows them already there, unchanged."""

    def __init__(self, out_dir: Path, report: RenderReport):
        self.out = out_dir
        self.report = report
        self.old = _load_manifest(out_dir)
        self.new: dict[str, list] = {}

    def put(self, name: str, raw: bytes) -> None:
        digest = _digest(raw)
        path = self.out / name
        known = self.old.get(name)
        if known and known[0] == digest:
            try:
                st = path.stat()
            except OSError:
                st = None
            if st is not None and [st.st_size, st.st_mtime_ns] == known[1:]:
                self.new[name] = known
                self.report.kept += 1
                return
        st = write_atomic(path, raw)
        self.new[name] = [digest, st.st_size, st.st_mtime_ns]
        self.report.written.append(str(path))
        faults.point("site:file")  # KG_FAULT=site:file#N: killed after the N-th file written

    def finish(self) -> None:
        """Save the manifest, then remove what the previous site had and this one does not."""
        raw = json.dumps({"version": MANIFEST_VERSION, "files": self.new}, sort_keys=True).encode()
        write_atomic(self.out / MANIFEST, raw)
        gone = set(self.old) - set(self.new)
        # a run killed before its manifest leaves shards no manifest names: data/ is ours alone
        gone |= {f"data/{f.name}" for f in (self.out / "data").glob("*.js")} - set(self.new)
        for name in sorted(gone):
            path = self.out / name
            if path.is_file() and _inside(self.out, path):
                path.unlink()
                self.report.removed.append(str(path))
        for folder in (self.out, self.out / "data", self.out / "app", self.out / "lib"):
            for tmp in folder.glob(".*.tmp"):  # a write killed between its temporary file and the rename
                tmp.unlink(missing_ok=True)


def _inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _load_manifest(out_dir: Path) -> dict[str, list]:
    try:
        raw = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict) or raw.get("version") != MANIFEST_VERSION:
        return {}
    files = raw.get("files")
    return (
        {k: v for k, v in files.items() if isinstance(v, list) and len(v) == 3}
        if isinstance(files, dict)
        else {}
    )


def app_file(name: str) -> bytes:
    return resources.files("kg.site").joinpath("app", name).read_bytes()


def _vis_dir() -> Path:
    """pyvis's bundled vis-network, found without importing pyvis (which imports networkx, jinja2 …)."""
    from importlib.util import find_spec

    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise KGError("未安装 pyvis：网页视图用它自带的 vis-network 绘图；请 pip install pyvis")
    return Path(next(iter(spec.submodule_search_locations))) / "lib" / "vis-9.1.2"


def write_site(model: dict, out_dir: str | Path, report: RenderReport | None = None) -> RenderReport:
    """Write the site for a model (kg.site.model.site_model) into out_dir."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = report or RenderReport(out)
    t0 = time.perf_counter()
    index, shards = sd.data_files(model)
    report.seconds["data"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    w = Writer(out, report)
    for f in shards:
        w.put(f.name, f.text.encode("utf-8"))
    vis = _vis_dir()
    for name in LIB_FILES:
        w.put(f"lib/{name}", (vis / name).read_bytes())
    for name in APP_FILES:
        w.put(f"app/{name}", app_file(name))
    for name in PAGES:
        w.put(name, app_file(name))
    w.put(index.name, index.text.encode("utf-8"))
    w.put("index.html", app_file("index.html"))
    w.finish()
    report.seconds["write"] = time.perf_counter() - t0
    return report
