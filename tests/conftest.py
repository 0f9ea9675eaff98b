"""Shared fixtures: the sample corpus and a store built from it once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """The bundled sample built into a temporary store (no views), shared by read-only tests."""
    from kg.pipeline import build

    store = tmp_path_factory.mktemp("sample") / "store"
    report = build([DATA], store, render=False)
    assert not report.failures, report.failures
    return store
