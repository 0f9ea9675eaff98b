"""The examples in the extract modules' docstrings run."""

import doctest
import importlib

import pytest

MODULES = [
    "localities",
    "units",
    "outcomes",
    "outcome_labels",
    "outcome_table",
    "practice_labels",
    "documents",
    "concepts",
    "brands",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(f"kg.extract.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
