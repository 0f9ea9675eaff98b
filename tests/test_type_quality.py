"""Practice types against the blind article-level gold (tests/gold/types-*.json, bench/type_quality.py):
floors a little under the figures measured when the gold arrived, so a change that makes the classifier
worse on material written elsewhere fails here."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import type_quality  # noqa: E402


def test_types_on_held_out_blind_articles():
    res = type_quality.run()
    held = res["held-out"]
    _p, _r, leaf = type_quality._prf(*held["leaf"])
    _p, _r, area = type_quality._prf(*held["area"])
    hit, n = held["main"]
    assert n == 118
    assert leaf >= 0.73, held
    assert area >= 0.86, held
    assert hit / n >= 0.80, held


def test_graders_agree_more_than_the_classifier_does():
    res = type_quality.run()
    (n, leaf, _area), *_ = res["_agreement"].values()
    assert n == 36 and leaf >= 0.85
