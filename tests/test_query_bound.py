"""The memory bound of `kg query`'s child is on what the query adds, not on what its parent already held."""

import mmap

import pytest

from kg.errors import QueryError
from kg.sparql import bounded


def test_a_parent_holding_more_than_the_bound_still_runs_a_small_query(monkeypatch):
    monkeypatch.setenv("KG_QUERY_MAX_MB", "256")
    reserved = mmap.mmap(-1, 1 << 30)  # 1 GiB of address space, never touched: no memory used
    try:
        assert bounded.run(lambda: sum(bytearray(8 << 20)), timeout=30) == 0
    finally:
        reserved.close()


def test_a_query_that_adds_more_than_the_bound_fails_on_one_line(monkeypatch):
    monkeypatch.setenv("KG_QUERY_MAX_MB", "256")
    with pytest.raises(QueryError, match="256 MB"):
        bounded.run(lambda: len(bytearray(512 << 20)), timeout=30)
