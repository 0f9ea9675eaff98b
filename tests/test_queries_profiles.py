"""The practice-profile question lists every practice with locality, code, targets, types, outcomes and policies."""

import csv
import io

from kg.sparql.query import format_results, run
from kg.store import GraphStore


def test_every_practice_has_a_profile_row(sample_store):
    with GraphStore(sample_store, read_only=True) as gs:
        rows = list(csv.DictReader(io.StringIO(format_results(run(gs, "practice-profiles"), "csv"))))
        n = int(next(iter(gs.query("SELECT (COUNT(?p) AS ?n) WHERE { ?p a ckg:Practice }")))["n"].value)
    assert len(rows) == n
    assert all(r["code"] for r in rows), "every practice's locality carries its GB/T 2260 code"
    tongcheng = [r for r in rows if r["locality"] == "桐城市"]
    assert any("村党组织书记" in r["targets"] for r in tongcheng)
    assert any("确定工资待遇1.0–1.3系数" in r["outcomes"] for r in tongcheng)  # the figure as written
    assert any("《桐城市村党组织书记专业化管理实施办法》" in r["policies"] for r in tongcheng)
