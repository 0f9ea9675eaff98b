"""Where the project's bundled files live (ontology, vocabularies, queries, sample data)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY = ONTOLOGY_DIR / "cadrekg.ttl"
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
VOCAB_DIR = ONTOLOGY_DIR / "vocab"
QUERIES_DIR = ROOT / "queries"
DATA_DIR = ROOT / "data"
VIZ_DIR = ROOT / "visualizations"


def default_store() -> Path:
    """`$KG_STORE` if set, else a folder inside the project."""
    return Path(os.environ.get("KG_STORE") or ROOT / ".kg-store")
