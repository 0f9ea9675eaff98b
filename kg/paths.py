"""Where the project's bundled files live (ontology, vocabularies, queries, sample data), and where a
store and its views go by default.

In a source checkout (this file beside pyproject.toml, ontology/ and queries/) the bundled files are the
repository's own top-level folders, the default store is `.kg-store/` in the project and the views go to
`visualizations/`, as the README's commands show. Installed from a wheel, the same folders ship inside the
package (`kg/_data/`, copied there when the wheel is built: the repository keeps one copy) and are found
through importlib.resources; the default store is `$KG_STORE`, else a folder per user
(`$XDG_DATA_HOME/cadrekg/store`, i.e. `~/.local/share/cadrekg/store`), never site-packages.

Views and reports go beside the store they are made from — `visualizations/` inside the store folder —
whenever the store was named (`--store`, `$KG_STORE`) or the package is installed; only the checkout's
default store keeps the project's `visualizations/`.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKOUT = (
    (ROOT / "pyproject.toml").is_file() and (ROOT / "ontology").is_dir() and (ROOT / "queries").is_dir()
)


def cache_home() -> Path:
    """The per-user cache of the package, the same for every store ($KG_CACHE, else
    $XDG_CACHE_HOME/cadrekg, else ~/.cache/cadrekg): the encoder's snapshot, jieba's dictionary as a
    table, the parsed thesaurus. Anything in it can be deleted; it is made again."""
    env = os.environ.get("KG_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cadrekg"


def _bundled() -> Path:
    """The data shipped inside the installed package (a folder: wheels install unzipped)."""
    from importlib import resources  # only an installed package needs it (7 ms of every start)

    return Path(str(resources.files("kg").joinpath("_data")))


BASE = ROOT if CHECKOUT else _bundled()
ONTOLOGY_DIR = BASE / "ontology"
ONTOLOGY = ONTOLOGY_DIR / "cadrekg.ttl"
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
VOCAB_DIR = ONTOLOGY_DIR / "vocab"
QUERIES_DIR = BASE / "queries"
DATA_DIR = BASE / ("data" if CHECKOUT else "sample")
VIZ_DIR = ROOT / "visualizations" if CHECKOUT else None  # the checkout's views folder
VIEWS = "visualizations"  # the views folder inside a store folder


def user_store() -> Path:
    """The default store of an installed package: one per user, outside any source tree."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "cadrekg" / "store"


def default_store() -> Path:
    """`$KG_STORE` if set, else `.kg-store/` in a source checkout, else the per-user store."""
    env = os.environ.get("KG_STORE")
    if env:
        return Path(env)
    return ROOT / ".kg-store" if CHECKOUT else user_store()


def views_dir(store: str | Path | None = None, views: str | Path | None = None) -> Path:
    """Where views and reports go: `views` when given; else the checkout's `visualizations/` for its
    default store (no --store, no $KG_STORE); else `visualizations/` inside the store folder."""
    if views:
        return Path(views)
    if store is None and not os.environ.get("KG_STORE") and VIZ_DIR is not None:
        return VIZ_DIR
    return Path(store or default_store()) / VIEWS
