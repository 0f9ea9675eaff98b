"""Step 2: the site model as JavaScript data files, sharded so that a page loads only what it shows.

A page opened from disk cannot `fetch` JSON (file:// forbids it), so each file is a script that files
its part of the model under a key: `(window.KG_DATA = window.KG_DATA || {})["t3"] = {…};`. The app
loads `data/index.js` with every page and the others on demand by inserting a script tag.

    data/index.js            summary, provinces, places, groups, the network's edges, concepts, brands,
                             the theme list, and the names of every other file (always loaded)
    data/edges.<h>.js        place-to-place edges, for opening a group (only when the network opens
                             on groups)
    data/facets.<h>.js       per practice: label, place, date, concepts, brand; every link as
                             (a, b, score): the practice network's filters
    data/themes.<h>.js       the diffusion rows of every theme (the timeline page)
    data/t<n>.<h>.js         practice texts (quote, citation fields, outcomes) of a run of places
    data/l<n>.<h>.js         the links with an end among those practices, with their reasons

<h> is the content's hash, so a file's name changes with its content: index.js, written after every
other data file, always names complete files, and an unchanged shard is never rewritten.

Every string is JSON inside a script element: `<`, `>`, `&`, U+2028 and U+2029 are escaped, so no
document text can close the script or be read as markup. The app shows strings with textContent.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass

SHARD_BYTES = 400_000  # a text shard holds runs of places up to about this much JSON
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def safe_json(value) -> str:
    """JSON that is safe inside an HTML script element.

    >>> safe_json({"t": "</script><b>&\\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    """
    # check_circular off: the model is a tree (shared lists are not cycles), and the check costs 40 %
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False)
    for ch, esc in _ESCAPES.items():
        if ch in text:
            text = text.replace(ch, esc)
    return text


def script(key: str, value) -> str:
    return f"(window.KG_DATA = window.KG_DATA || {{}})[{json.dumps(key)}] = {safe_json(value)};\n"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class DataFile:
    name: str  # path under the site folder: data/t3.0123abcd4567.js
    text: str


def _hashed(key: str, value) -> DataFile:
    text = script(key, value)
    return DataFile(f"data/{key}.{content_hash(text)}.js", text)


def bins(model: dict) -> list[list[int]]:
    """Runs of places (by number) whose practice texts make one shard each: consecutive places of one
    province, up to SHARD_BYTES (a place is never split). Practices without a place come last."""
    rows = model["practices"]
    out: list[list[int]] = []
    size, province = 0, None
    for n, place in enumerate(model["places"]):
        weight = sum(
            len(rows[i][8]) * 3 + len(rows[i][-1]) * 3 + 200 for i in range(place["p0"] or 0, place["p1"])
        )
        if not out or province != place["province"] or size + weight > SHARD_BYTES:
            out.append([])
            size, province = 0, place["province"]
        out[-1].append(n)
        size += weight
    return out


def data_files(model: dict) -> tuple[DataFile, list[DataFile]]:
    """(data/index.js, the other files)."""
    fields = model["fields"]["practices"]
    col = {f: n for n, f in enumerate(fields)}
    practices, links, places = model["practices"], model["links"], model["places"]
    runs = bins(model)
    shard_of_place = {p: s for s, run in enumerate(runs) for p in run}
    unplaced_shard = len(runs)
    shard_of_practice = [
        shard_of_place[r[col["place"]]] if r[col["place"]] is not None else unplaced_shard for r in practices
    ]
    jobs: list[tuple[str, object]] = []  # (key, value), encoded at the end

    def add(key: str, value) -> None:
        jobs.append((key, value))

    # practice texts and the links of each shard
    members: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(shard_of_practice):
        members[s].append(i)
    link_members: dict[int, list[int]] = defaultdict(list)
    for k, row in enumerate(links):
        for s in {shard_of_practice[row[0]], shard_of_practice[row[1]]}:
            link_members[s].append(k)
    for s in sorted(members):
        add(f"t{s}", {"first": members[s][0], "rows": [practices[i] for i in members[s]]})
        add(f"l{s}", {"rows": [links[k] for k in link_members.get(s, [])]})

    c0, c1, c2, c3, c4, c5 = (col[f] for f in ("label", "place", "date", "targets", "types", "brand"))
    add(
        "facets",
        {
            "fields": ["label", "place", "date", "targets", "types", "brand"],
            "rows": [[r[c0], r[c1], r[c2], r[c3], r[c4], r[c5]] for r in practices],
            "links": [[a, b, s] for a, b, s, _c, _t in links],
        },
    )
    add(
        "themes",
        {"fields": model["fields"]["rows"], "themes": {n: t["rows"] for n, t in enumerate(model["themes"])}},
    )
    if model["mode"] != "places":
        add("edges", model["edges"])

    # (encoding half the files in a forked process did not pay: the fork of a large heap and the texts
    # coming back cost what the second core saved, measured at 10k articles)
    files = [_hashed(key, value) for key, value in jobs]
    names = {key: f.name.split("/", 1)[1] for (key, _), f in zip(jobs, files, strict=True)}
    index = {
        "schema": model["schema"],
        "summary": model["summary"],
        "mode": model["mode"],
        "fields": {"practices": fields, "links": model["fields"]["links"], "rows": model["fields"]["rows"]},
        "provinces": model["provinces"],
        "places": places,
        "groups": model["groups"],
        "areas": model["areas"],
        # the network's first view: place edges, or (groups) the edges between groups
        "edges": model["edges"] if model["mode"] == "places" else group_edges(model),
        "concepts": model["concepts"],
        "brands": model["brands"],
        "themes": [{k: v for k, v in t.items() if k != "rows"} for t in model["themes"]],
        "shardOfPlace": [shard_of_place[p] for p in range(len(places))],
        "unplacedShard": unplaced_shard if unplaced_shard in members else None,
        "shardStarts": [members[s][0] for s in sorted(members)],  # practice numbers run on across shards
        "files": names,
    }
    index["build"] = content_hash(safe_json(index))
    return DataFile("data/index.js", script("index", index)), files


def group_edges(model: dict) -> list[list[int]]:
    """[group, group, links] summed over the places of each group (links inside a group left out)."""
    group = [p["group"] for p in model["places"]]
    out: dict[tuple[int, int], int] = defaultdict(int)
    for a, b, w in model["edges"]:
        ga, gb = group[a], group[b]
        if ga != gb:
            out[(min(ga, gb), max(ga, gb))] += w
    return [[a, b, w] for (a, b), w in sorted(out.items())]
