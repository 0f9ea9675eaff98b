"""JSON rendering: the shape `kg similar --format json` prints (README, section *Command line*)."""

from __future__ import annotations

import json

from kg.report.build import Report
from kg.report.cite import practice_json


def to_json(rep: Report) -> dict:
    """{"query": {"kind", "value"}, "results": [{"practice": P or null, "similar": [{"practice": P,
    "score", "band" (the score in words), "shared", "sentences" (the two that agree most, or []),
    "duplicates" (the same measure reported elsewhere)}]}]}: for a locality one result per practice of it,
    for a text one result whose practice is null (and query.expanded: the formal terms searched too,
    kg.link.expand). With `rep.source_text` each P also holds its exact
    source text."""
    src = rep.source_text
    return {
        "query": {"kind": rep.kind, "value": rep.value}
        | ({"expanded": list(rep.also)} if rep.kind == "text" else {}),
        "results": [
            {
                "practice": practice_json(e.practice, source=src) if e.practice else None,
                "similar": [
                    {
                        "practice": practice_json(mt.practice, source=src),
                        "score": round(mt.score, 3),
                        "band": mt.band,
                        "shared": mt.why.shared(),
                        "sentences": list(mt.why.sentences),
                        "duplicates": [practice_json(d) for d in mt.duplicates],
                    }
                    for mt in e.similar
                ],
            }
            for e in rep.entries
        ],
    }


def render(rep: Report) -> str:
    return json.dumps(to_json(rep), ensure_ascii=False, indent=2)
