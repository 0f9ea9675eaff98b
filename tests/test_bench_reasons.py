"""The bench table's reasons: a missed target is explained in the run's own figures (bench/run.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def run():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


PARTS = {
    "import": 0.31,
    "load": 0.1,
    "read": 0.02,
    "tokenise": 0.05,
    "top-k": 0.3,
    "write": 0.9,
    "n_practices_added": 21.0,
    "n_rows_changed": 1816.0,
    "n_links_removed": 1923.0,
    "n_links_added": 2050.0,
}


def test_a_missed_add_target_is_explained_by_its_parts(run):
    R = {"add_10k_s": {"value": 2.4, "unit": "s", "link_parts": PARTS}}
    why = run.reason("add_10k_s", R)
    assert "21 new practices" in why and "1816" in why and "2050 written, 0.90 s" in why
    assert "numpy/scipy 0.31 s" in why
    # what is left after the link stage and the import is named too (2.4 - 1.37 - 0.31)
    assert "close 0.72 s" in why


def test_a_met_or_unmeasured_target_has_no_reason(run):
    assert run.reason("add_10k_s", {"add_10k_s": {"value": 1.5, "unit": "s", "link_parts": PARTS}}) == ""
    assert run.reason("add_10k_s", {"add_10k_s": {"value": None, "note": "timeout"}}) == ""
    assert run.reason("build_articles_per_s", {"build_articles_per_s": {"value": 1.0}}) == ""


def test_slow_questions_are_listed_against_the_engine_floor(run):
    R = {
        "query_max_median_ms": {"value": 547.0, "unit": "ms"},
        "query_practices-of-type_ms": {"value": 547.0, "rows": 2413},
        "query_bulletins_ms": {"value": 12.0, "rows": 73},
        "query_practices-of-type_all_ms": {"value": 17505.0, "rows": 50927},
        "query_floor": {"rows": 2000, "plain_ms": 9.0, "sorted_ms": 14.0},
    }
    why = run.reason("query_max_median_ms", R)
    assert why.startswith("practices-of-type 547 ms for 2,413 rows")
    assert "bulletins" not in why and "17505" not in why
    assert "2,000 rows of a plain two-pattern join in 9 ms, and 14 ms when it sorts them" in why


def test_reasons_survive_an_older_result_without_the_parts(run):
    # results saved before the parts were recorded still print, without a reason
    assert run.reason("add_10k_s", {"add_10k_s": {"value": 2.4, "unit": "s"}}) == ""


def test_timed_processes_use_bytecode_caches(run, monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = run.child_env()
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["PYTHONPYCACHEPREFIX"] == str(run.PYCACHE)
