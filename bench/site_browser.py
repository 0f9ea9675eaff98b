"""The places network of a large store in headless Chromium, with its edge weights against SPARQL.

    python bench/site_browser.py STORE [--out DIR] [--shot FILE]

For a store built from a synthetic corpus (`python bench/synth.py OUT --articles 10000 --seed 1`, then
`kg build OUT --store S --no-views`): reads the records, renders the site, counts the places network in
SPARQL (queries/places-network.rq) and checks the model's edges equal it; then opens index.html from
disk in Debian's Chromium (/usr/bin/chromium, every non-local request aborted), waits until the page is
ready, checks the drawn group edges equal the SPARQL counts summed by group, opens the biggest group
and checks the edges between its places equal the SPARQL counts. Prints the figures and the seconds of
each step (wall; a shared machine is noisy) and exits 1 when a check fails. This is the 10k run of
issue 18's "the places network opens in Chromium with a 10k synthetic collection"; the test suite runs
the same checks on the sample and a 445-place synthetic store (tests/test_site_browser.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

READY = "() => window.kgSite && window.kgSite.ready === true"


def _step(name: str, t0: float, figures: dict) -> float:
    now = time.perf_counter()
    figures[f"{name}_s"] = round(now - t0, 2)
    print(f"{name}: {now - t0:.1f} s", flush=True)
    return now


def run(store: Path, out: Path, shot: Path | None) -> dict:
    from playwright.sync_api import sync_playwright

    from kg.site import read_records, render_site, site_model
    from kg.sparql import query as q
    from kg.store import GraphStore

    figures: dict = {}
    t = time.perf_counter()
    records = read_records(store)
    t = _step("read", t, figures)
    render_site(records, out)
    model = site_model(records)
    t = _step("render", t, figures)
    with GraphStore(store, read_only=True) as gs:
        res = q.run(gs, "places-network")
        expected = {(r["place"].value, r["otherPlace"].value): int(r["links"].value) for r in res}
    t = _step("sparql", t, figures)
    ids = [p["id"] for p in model["places"]]
    got = {tuple(sorted((ids[a], ids[b]))): w for a, b, w in model["edges"]}
    figures.update(
        practices=len(records.practices),
        links=len(records.links),
        places=len(ids),
        place_edges=len(expected),
        groups=len(model["groups"]),
        model_equals_sparql=got == expected,
    )
    group_of = {p["id"]: p["group"] for p in model["places"]}
    by_group: dict[tuple[int, int], int] = {}
    for (a, b), w in expected.items():
        ga, gb = group_of[a], group_of[b]
        if ga != gb:
            key = (min(ga, gb), max(ga, gb))
            by_group[key] = by_group.get(key, 0) + w
    outside: list[str] = []
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route(
            "**/*",
            lambda r: (
                r.continue_()
                if urlsplit(r.request.url).scheme == "file"
                else (outside.append(r.request.url), r.abort())
            ),
        )
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((out / "index.html").as_uri())
        page.wait_for_function(READY, timeout=300_000)
        t = _step("open", t, figures)
        figures["mode"] = page.evaluate("() => window.kgSite.mode")
        figures["nodes_drawn"] = page.evaluate("() => network.body.data.nodes.length")
        drawn = page.evaluate("() => window.kgSite.edgesAll()")
        if figures["mode"] == "places":
            shown = {tuple(sorted((ids[int(a[1:])], ids[int(b[1:])]))): w for a, b, w in drawn}
            figures["drawn_equals_sparql"] = shown == expected
        else:
            shown_g = {(min(int(a[1:]), int(b[1:])), max(int(a[1:]), int(b[1:]))): w for a, b, w in drawn}
            figures["drawn_equals_sparql"] = shown_g == by_group
            g = max(range(len(model["groups"])), key=lambda n: len(model["groups"][n]["places"]))
            inside = model["groups"][g]["places"]
            page.evaluate(f"() => window.kgSite.openGroup({g})")
            page.wait_for_function(
                f"() => network.body.data.nodes.get('p{inside[0]}') !== null", timeout=120_000
            )
            opened = {ids[k] for k in inside}
            want = {k: w for k, w in expected.items() if k[0] in opened and k[1] in opened}
            drawn = page.evaluate("() => window.kgSite.edgesAll()")
            got_inside = {
                tuple(sorted((ids[int(a[1:])], ids[int(b[1:])]))): w
                for a, b, w in drawn
                if a[0] == b[0] == "p"
            }
            figures.update(opened_group_places=len(inside), opened_edges_equal_sparql=got_inside == want)
            t = _step("open_group", t, figures)
        if shot is not None:
            page.screenshot(path=str(shot))
        browser.close()
    figures.update(requests_outside=len(outside), script_errors=errors)
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--out", type=Path, help="site folder (default: a temporary one)")
    ap.add_argument("--shot", type=Path, help="save a screenshot of the index here")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        figures = run(args.store, args.out or Path(tmp) / "site", args.shot)
    for k, v in figures.items():
        print(f"{k}\t{v}")
    ok = [
        figures.get(k, True)
        for k in ("model_equals_sparql", "drawn_equals_sparql", "opened_edges_equal_sparql")
    ]
    sys.exit(0 if all(ok) and not figures["requests_outside"] and not figures["script_errors"] else 1)


if __name__ == "__main__":
    main()
