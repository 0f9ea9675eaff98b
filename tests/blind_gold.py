"""What the golden tests of a blind set check through the whole build (tests/test_blind5.py, 9, 10, 11):
every issue with its number and date, every article at its place, as the set's answer key
(tests/gold/<set>-*.json) has them; the set's store as a module fixture."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def gold_files(name: str) -> list[Path]:
    """The set's answer keys: tests/gold/<name>-*.json."""
    return sorted((HERE / "gold").glob(f"{name}-*.json"))


def store_fixture(name: str, inputs: list[Path] | None = None):
    """A module fixture `gs`: the store of the set's bulletins (tests/data/<name>/*.txt unless given)."""

    @pytest.fixture(scope="module")
    def gs(tmp_path_factory):
        files = inputs or sorted((HERE / "data" / name).glob("*.txt"))
        with build_store(tmp_path_factory.mktemp(name), files) as g:
            yield g

    return gs


def places(text: str, home: str) -> set[str]:
    """The places found in `text` read at `home`, each with the parts of its chain below `home`
    (天荒坪镇余村: the town and the village)."""
    from kg.extract.localities import find_localities, gazetteer

    within = gazetteer().resolve(home).locality
    above = {p.name for p in within.chain()}
    found = [m.locality for m in find_localities(text, within=within) if m.locality and m.reason is None]
    return {p.name for loc in found for p in loc.chain()} - above


def build_store(tmp: Path, inputs: list[Path]):
    """A store of the set's bulletins, opened read-only (a fixture yields it)."""
    from kg.pipeline import build
    from kg.store import GraphStore

    store = tmp / "store"
    build(inputs, store, views=None, render=False, workers=1)
    return GraphStore(store, read_only=True)


def rows(gs, q: str) -> list[tuple[str, ...]]:
    return [tuple(str(v.value) if v is not None else "" for v in row) for row in gs.query(q)]


def assert_issues(gs, gold: list[Path]) -> None:
    got = rows(
        gs,
        "SELECT ?n ?i ?d WHERE { ?b a ckg:Bulletin ; dcterms:title ?n ; schema:issueNumber ?i ;"
        " dcterms:issued ?d } ORDER BY ?d",
    )
    want = []
    for path in gold:
        b = json.loads(path.read_text("utf-8"))["bulletin"]
        want.append((b["name"], str(b["issue"]), b["date"]))
    assert [(n.split(" ")[0], i, d) for n, i, d in got] == sorted(want, key=lambda x: x[2])


def assert_articles_at_places(
    gs,
    gold: list[Path],
    count: int,
    disputed: dict[str, str] | None = None,
    still_open: frozenset[str] = frozenset(),
    extra: int = 0,
) -> None:
    """`disputed`: an article's key mapped to the place the build gives it where the key's reading is
    arguable (said why in the calling test). `still_open`: keys of articles the build does not yet find at
    their place (`count` is then the articles built); one found there fails, so the test is updated."""
    got = dict(
        rows(
            gs,
            "SELECT ?t ?l WHERE { ?a a ckg:Article ; dcterms:title ?t OPTIONAL { ?a ckg:locality/rdfs:label ?l } }",
        )
    )
    key = lambda s: re.sub(r"[“”\"：:\s]", "", unicodedata.normalize("NFKC", s))  # noqa: E731 (２０２３ -> 2023)
    for path in gold:
        issue = json.loads(path.read_text("utf-8"))
        for a in issue["articles"]:
            # a one-sentence brief (7月9日，某部举办…; 9月5日至8日，…; 中秋节前夕，…) is titled by what happened, after its time
            want = re.sub(
                r"^(?:\d{1,2}月\d{1,2}日(?:至\d{1,2}日)?|近日|日前|\w{1,3}节前夕)[，,]", "", key(a["article"])
            )
            want = re.sub(
                r"^【[^】]{2,12}】", "", want
            )  # a place tag (【昌吉市】标题) is the place, not the title
            # or behind its place's heading (新靖镇：开展…, where the key gives the words after the colon)
            led = [want] + ([key(a["locality"]["name"]) + want] if a["locality"] else [])
            title = next((t for t in got if key(t).startswith(tuple(led))), None)
            # or as written (古美路街道 for the table's 古美街道); an article naming no place of its own (a
            # gold's null: 县委组织部举办…) is at the issuing county's, as the build places it, or (a
            # compilation of items from several places, each placed at its own) at none
            name = (a["locality"] or issue["bulletin"]["city"])["name"]
            if a["article"] in still_open:
                assert title is None or got[title] != name, ("found now", a["article"])
                continue
            assert title is not None, a["article"]
            written = {x.get("as_written") for x in a.get("localities", []) if x["name"] == name}
            accepted = (
                {name}
                | written
                | ({(disputed or {})[a["article"]]} if a["article"] in (disputed or {}) else set())
            )
            if a["locality"] is None:
                accepted.add("")  # no place of its own
            assert got[title] in accepted, (title, got[title])
    assert len(got) == count
    if not still_open:
        # every gold article found, and no more than `extra` titles besides (said why in the calling test)
        assert sum(len(json.loads(p.read_text("utf-8"))["articles"]) for p in gold) == count - extra
