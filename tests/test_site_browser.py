"""The view site (kg.site) in a real headless Chromium (Debian's /usr/bin/chromium via Playwright).

What a user sees, opened from disk: the places network draws the places and its edge weights equal
the SPARQL count (queries/places-network.rq); a click on an edge lists the pairs with both quotes; a
network with many places opens on cities and a click opens one; the practice network filters; the
diffusion, place and coverage pages work; hostile text stays text when hovered and clicked; nothing
is fetched from the network and no script error occurs. Saves tests/artifacts/site-*.png.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from site_store import make_site_store  # noqa: E402
from test_site import sparql_edges  # noqa: E402

from kg.site import diffusion, read_records, render_site, site_model  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
READY = "() => window.kgSite && window.kgSite.ready === true"
SAFE = """() => {
  const bad = document.querySelectorAll('img, iframe, object, embed, [onerror], [onload], [onclick], a[href^="javascript"]');
  const scripts = Array.from(document.scripts).map(s => s.getAttribute('src') || 'inline');
  return {bad: bad.length, pwned: typeof window.__pwned,
          scripts: scripts.filter(s => !/^(lib|app|data)\\//.test(s))};
}"""


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "file" and parts.netloc in ("", "localhost")


@pytest.fixture
def page(browser):
    """A page whose every non-local request is aborted and recorded; the test fails on any such
    request and on any script error."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
    outside: list[str] = []

    def route(r):
        if _local(r.request.url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    errors: list[str] = []
    pg = ctx.new_page()
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert not outside, f"requests left the machine: {outside}"
    assert not errors, f"script errors on the page: {errors}"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    """The bundled sample plus the hostile bulletin, built by the pipeline and rendered."""
    from kg.pipeline import build

    base = tmp_path_factory.mktemp("site-sample")
    report = build([ROOT / "data", ROOT / "tests" / "hostile"], base / "store", render=False)
    assert not report.failures, report.failures
    records = read_records(base / "store")
    render_site(records, base / "site")
    return base / "store", base / "site", records


@pytest.fixture(scope="module")
def synth_site(tmp_path_factory):
    """445 places (the network opens on 45 cities), 1,200 practices, hostile text everywhere."""
    base = tmp_path_factory.mktemp("site-synth")
    store = make_site_store(base / "store")
    records = read_records(store)
    render_site(records, base / "site")
    return store, base / "site", records


def _open(page, site: Path, name: str, fragment: str = "") -> None:
    page.goto((site / name).as_uri() + (f"#{fragment}" if fragment else ""))
    page.wait_for_function(READY, timeout=60_000)


def _drawn_edges(page) -> dict[tuple[str, str], int]:
    """The drawn edges as (place IRI, place IRI) -> weight (place nodes only)."""
    got = page.evaluate("""() => network.body.data.edges.get().map(e => [e.from, e.to, e.weight])""")
    ids = page.evaluate("() => KG_DATA.index.places.map(p => p.id)")
    out = {}
    for a, b, w in got:
        if a[0] == "p" and b[0] == "p":
            out[tuple(sorted((ids[int(a[1:])], ids[int(b[1:])])))] = w
    return out


def _dom_point(page, node_id: str, scale: float = 1.0) -> dict:
    return page.evaluate(
        """([id, scale]) => { network.focus(id, {scale: scale, animation: false});
             const p = network.canvasToDOM(network.getPositions([id])[id]);
             const r = network.body.container.getBoundingClientRect();
             return {x: p.x + r.left, y: p.y + r.top}; }""",
        [node_id, scale],
    )


def _safe(page) -> None:
    state = page.evaluate(SAFE)
    assert state == {"bad": 0, "pwned": "undefined", "scripts": []}, state


# ---- the places network ------------------------------------------------------------------------------


def test_places_network_draws_every_place_with_the_sparql_weights(page, sample_site):
    store, site, records = sample_site
    _open(page, site, "index.html")
    model = site_model(records)
    assert page.evaluate("() => window.network.body.data.nodes.length") == len(model["places"])
    assert page.evaluate("() => window.kgSite.mode") == "places"
    expected = sparql_edges(store)
    assert _drawn_edges(page) == expected
    assert page.evaluate("() => typeof window.network.getPositions") == "function"
    _safe(page)


def _click_edge(page, edge_id: str) -> None:
    """Click the edge with a real mouse: at a point along it that hits the edge and no node."""
    a, b = edge_id.split("|")
    for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75):
        point = page.evaluate(
            """([a, b, t]) => { network.fit({nodes: [a, b], animation: false});
                 const pos = network.getPositions([a, b]);
                 const c = {x: pos[a].x + (pos[b].x - pos[a].x) * t, y: pos[a].y + (pos[b].y - pos[a].y) * t};
                 const hitN = network.getNodeAt(network.canvasToDOM(c));
                 const hitE = network.getEdgeAt(network.canvasToDOM(c));
                 const p = network.canvasToDOM(c), r = network.body.container.getBoundingClientRect();
                 return {x: p.x + r.left, y: p.y + r.top, ok: hitN === undefined && hitE !== undefined, edge: hitE}; }""",
            [a, b, t],
        )
        if point["ok"] and point["edge"] == edge_id:
            page.mouse.click(point["x"], point["y"])
            return
    pytest.fail(f"no clear point on edge {edge_id}")


def test_an_edge_click_lists_the_pairs_with_both_quotes(page, sample_site):
    store, site, records = sample_site
    _open(page, site, "index.html")
    edges = page.evaluate("() => network.body.data.edges.get().map(e => [e.id, e.weight])")
    # the lightest edge: its pairs all fit on the panel, and few other edges cross it
    edge_id, weight = min(edges, key=lambda e: (e[1], e[0]))
    _click_edge(page, edge_id)
    page.wait_for_function("() => window.kgSite.lastPairs !== null", timeout=20_000)
    assert page.evaluate("() => window.kgSite.lastPairs") == weight
    pairs = page.query_selector_all("#kg-detail .kg-pair")
    assert len(pairs) == min(weight, 30)
    for pair in pairs:
        cards = pair.query_selector_all(".kg-card")
        assert len(cards) == 2
        for card in cards:
            assert card.query_selector(".kg-quote").inner_text().strip()
            cite = card.query_selector(".kg-cite").inner_text()
            assert cite.startswith("〔") and "〕" in cite and "期" in cite
        assert "相似度" in pair.query_selector(".kg-pair-head").inner_text()
    _safe(page)


def test_many_places_open_on_cities_and_a_click_opens_one(page, synth_site):
    store, site, records = synth_site
    _open(page, site, "index.html")
    model = site_model(records)
    assert page.evaluate("() => window.kgSite.mode") == "cities"
    groups = model["groups"]
    assert page.evaluate("() => network.body.data.nodes.length") == len(groups)
    expected = sparql_edges(store)
    group_of = {p["id"]: p["group"] for p in model["places"]}
    by_group: dict[tuple[int, int], int] = {}
    for (a, b), w in expected.items():
        ga, gb = group_of[a], group_of[b]
        if ga != gb:
            by_group[(min(ga, gb), max(ga, gb))] = by_group.get((min(ga, gb), max(ga, gb)), 0) + w
    drawn = page.evaluate("() => window.kgSite.edgesAll()")
    assert {(min(int(a[1:]), int(b[1:])), max(int(a[1:]), int(b[1:]))): w for a, b, w in drawn} == by_group
    # open the biggest city with a real click
    g = max(range(len(groups)), key=lambda n: len(groups[n]["places"]))
    pt = _dom_point(page, f"g{g}")
    page.mouse.click(pt["x"], pt["y"])
    inside = groups[g]["places"]
    page.wait_for_function(f"() => network.body.data.nodes.get('p{inside[0]}') !== null", timeout=20_000)
    assert page.evaluate("() => network.body.data.nodes.length") == len(groups) - 1 + len(inside)
    # edges between two opened places carry the SPARQL count; place-to-city edges the sums
    opened = {model["places"][k]["id"] for k in inside}
    want_inside = {k: w for k, w in expected.items() if k[0] in opened and k[1] in opened}
    drawn_all = page.evaluate("() => window.kgSite.edgesAll()")
    ids = [p["id"] for p in model["places"]]
    got_inside = {
        tuple(sorted((ids[int(a[1:])], ids[int(b[1:])]))): w for a, b, w in drawn_all if a[0] == b[0] == "p"
    }
    assert got_inside == want_inside
    for a, b, w in drawn_all:
        if {a[0], b[0]} == {"p", "g"}:
            p, other = (a, b) if a[0] == "p" else (b, a)
            place, og = ids[int(p[1:])], int(other[1:])
            assert w == sum(
                v
                for (x, y), v in expected.items()
                if place in (x, y) and group_of[y if x == place else x] == og
            )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site-places-cities.png"))
    _safe(page)


# ---- the practice network ------------------------------------------------------------------------------


def _shown_practices(page) -> set[int]:
    return set(page.evaluate("() => network.body.data.nodes.getIds()"))


def test_the_practice_network_filters(page, sample_site):
    _, site, records = sample_site
    _open(page, site, "practices.html")
    model = site_model(records)
    total = len(model["practices"])
    assert page.evaluate("() => window.kgSite.first") == {
        "matched": total,
        "shown": total,
        "edges": len(model["links"]),
        "capped": False,
    }
    young = next(n for n, c in enumerate(model["concepts"]) if c["label"] == "年轻干部")
    narrower = {young} | {n for n, c in enumerate(model["concepts"]) if young in c["broader"]}
    narrower |= {n for n, c in enumerate(model["concepts"]) if set(c["broader"]) & narrower}
    page.select_option("#kg-f-tg", str(young))
    want = {i for i, r in enumerate(model["practices"]) if set(r[10]) & narrower}
    assert want and _shown_practices(page) == want
    page.click("#kg-reset")
    assert len(_shown_practices(page)) == total
    page.select_option("#kg-f-yr", "2022")
    assert _shown_practices(page) == {i for i, r in enumerate(model["practices"]) if r[4].startswith("2022")}
    page.click("#kg-reset")
    yixiu = next(k for k, p in enumerate(model["places"]) if p["label"] == "宜秀区")
    page.fill("#kg-f-place", model["places"][yixiu]["name"])
    page.dispatch_event("#kg-f-place", "change")
    assert _shown_practices(page) == set(range(model["places"][yixiu]["p0"], model["places"][yixiu]["p1"]))
    page.click("#kg-reset")
    before = page.evaluate("() => network.getPositions()")
    assert page.evaluate("() => window.kgSite.relayout()") > 0  # what 重新排布 runs: a short stabilisation
    assert page.evaluate("() => network.physics.options.enabled") is False  # then physics off again
    assert page.evaluate("() => network.getPositions()") != before
    page.fill("#kg-f-q", "谈心")
    page.wait_for_function(f"() => network.body.data.nodes.length < {total}", timeout=5_000)
    assert all("谈心" in model["practices"][i][1] for i in _shown_practices(page))
    _safe(page)


def test_the_practice_network_caps_what_it_draws(page, synth_site):
    _, site, records = synth_site
    _open(page, site, "practices.html")
    first = page.evaluate("() => window.kgSite.first")
    assert first["capped"] and first["shown"] == page.evaluate("() => window.kgSite.cap") == 300
    assert first["matched"] == len(records.practices)
    assert page.is_visible("#kg-capped") and "只显示" in page.inner_text("#kg-capped")
    assert page.evaluate("() => network.body.data.nodes.length") == 300
    page.select_option("#kg-f-prov", "2")
    after = page.evaluate("() => window.kgSite.apply()")
    assert after["matched"] < first["matched"]


# ---- diffusion, place, coverage -------------------------------------------------------------------------


def test_the_diffusion_page_draws_the_library_rows(page, sample_site):
    _, site, records = sample_site
    _open(page, site, "diffusion.html", "target:年轻干部")
    rows = diffusion(records, "年轻干部")
    assert page.evaluate("() => window.kgSite.theme.rows") == len(rows) > 0
    table = page.eval_on_selector_all(
        "#kg-table tbody tr", "trs => trs.map(tr => Array.from(tr.cells).map(td => td.innerText))"
    )
    assert [(t[1], t[3], int(t[4])) for t in table] == [(r.label, r.first, r.practices) for r in rows]
    assert page.eval_on_selector_all("#kg-timeline circle", "cs => cs.length") == len(rows)
    page.click("#kg-timeline circle >> nth=0")
    page.wait_for_selector("#kg-detail .kg-card")
    assert "〔" in page.inner_text("#kg-detail .kg-cite")
    page.select_option("#kg-kind", "type")
    page.wait_for_function("() => window.kgSite.theme.kind === 'type'")
    assert page.evaluate("() => location.hash").startswith("#type:")
    _safe(page)


def test_the_place_page_lists_its_practices_and_similar_ones(page, sample_site):
    _, site, records = sample_site
    model = site_model(records)
    k = next(k for k, p in enumerate(model["places"]) if p["code"] == "340811")
    _open(page, site, "place.html", "340811")
    page.wait_for_function(f"() => window.kgSite.shown && window.kgSite.shown.place === {k}")
    place = model["places"][k]
    assert page.evaluate("() => window.kgSite.shown.practices") == place["practices"]
    assert len(page.query_selector_all("section.kg-practice")) == place["practices"]
    assert page.query_selector_all(".kg-similar .kg-cite")
    assert "宜秀区" in page.inner_text("h1")
    loaded = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name.split('/').pop())")
    assert not any(n.startswith(("facets.", "themes.", "edges.")) for n in loaded)  # only what it shows
    _safe(page)


def test_the_coverage_page_sums_the_places(page, synth_site):
    _, site, records = synth_site
    _open(page, site, "coverage.html")
    assert len(page.query_selector_all("#kg-places-table tbody tr")) == len(site_model(records)["places"])
    page.fill("#kg-filter", "600102")  # a code: one place
    page.wait_for_function("() => window.kgSite.rows === 1")
    assert "盲区" in page.inner_text("#kg-summary")
    _safe(page)


# ---- hostile text -----------------------------------------------------------------------------------------


def _hover_and_click_hostile(page, limit: int) -> int:
    ids = page.evaluate(
        "() => network.body.data.nodes.get({filter: n => String(n.title || '').includes('__pwned')}).map(n => n.id)"
    )
    for nid in ids[:limit]:
        pt = _dom_point(page, nid, 1.5)
        page.mouse.move(pt["x"] - 40, pt["y"] - 40)
        page.mouse.move(pt["x"], pt["y"], steps=4)
        page.wait_for_function(
            "() => { const t = document.querySelector('div.vis-tooltip');"
            " return t && t.style.visibility === 'visible' && t.innerText.includes('__pwned'); }",
            timeout=10_000,
        )
        page.mouse.click(pt["x"], pt["y"])
        page.wait_for_timeout(300)
        _safe(page)
    return min(len(ids), limit)


@pytest.mark.parametrize("which", ["sample_site", "synth_site"])
def test_hostile_text_never_runs(page, request, which):
    store, site, records = request.getfixturevalue(which)
    model = site_model(records)
    checked = 0
    _open(page, site, "practices.html")
    checked += _hover_and_click_hostile(page, 4)
    assert "__pwned" in page.inner_text("#kg-detail")  # shown, as text
    _open(page, site, "index.html")
    if which == "synth_site":  # hostile place names: open the city that holds one
        k = next(k for k, p in enumerate(model["places"]) if "__pwned" in p["name"])
        page.evaluate(f"() => window.kgSite.openGroup({model['places'][k]['group']})")
        page.wait_for_function(f"() => network.body.data.nodes.get('p{k}') !== null")
        checked += _hover_and_click_hostile(page, 2)
        _open(page, site, "place.html", f"{model['places'][k]['code']}")
        page.wait_for_function(f"() => window.kgSite.shown && window.kgSite.shown.place === {k}")
        assert "__pwned" in page.inner_text("h1")
        _safe(page)
        brand = next(t for t in model["themes"] if t["kind"] == "brand" and "__pwned" in t["label"])
        page.goto((site / "diffusion.html").as_uri() + "#brand:" + quote(brand["label"], safe=""))
        page.wait_for_function(READY)
        page.wait_for_function("() => window.kgSite.theme !== undefined")
        assert "__pwned" in page.inner_text("#kg-head")
        page.click("#kg-timeline circle >> nth=0")
        page.wait_for_selector("#kg-detail .kg-card")
        _safe(page)
        _open(page, site, "coverage.html")
        assert "__pwned" in page.inner_text("#kg-provinces")
    # every hostile practice of the sample on its place page
    for k, p in enumerate(model["places"]):
        if any("__pwned" in str(r) for r in model["practices"][p["p0"] : p["p1"]]):
            _open(page, site, "place.html", p["code"] or f"n{k}")  # a new hash: the page stays, and renders
            page.wait_for_function(f"() => window.kgSite.shown && window.kgSite.shown.place === {k}")
            assert "__pwned" in page.inner_text("#kg-place")
            _safe(page)
            checked += 1
    assert checked
    _safe(page)


# ---- robustness, screenshots --------------------------------------------------------------------------------


def test_a_missing_data_file_is_a_message(page, sample_site, tmp_path):
    _, site, _ = sample_site
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    for f in (copy / "data").glob("t*.js"):
        f.unlink()
    page.goto((copy / "place.html").as_uri() + "#340811")
    page.wait_for_function(READY)
    page.wait_for_function("() => document.body.innerText.includes('找不到数据文件')", timeout=10_000)
    (copy / "data" / "index.js").unlink()
    page.goto((copy / "index.html").as_uri())
    page.wait_for_function("() => document.body.innerText.includes('找不到 data/index.js')", timeout=10_000)


def test_screenshots(page, sample_site):
    """tests/artifacts/site-*.png: each page of the sample's site."""
    _, site, _ = sample_site
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, fragment in [
        ("index.html", ""),
        ("practices.html", ""),
        ("place.html", "340811"),
        ("diffusion.html", "target:年轻干部"),
        ("coverage.html", ""),
    ]:
        _open(page, site, name, fragment)
        page.wait_for_timeout(300)
        shot = ARTIFACTS / f"site-{name.split('.')[0]}.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000


def test_the_pages_cannot_reach_out_and_a_bad_hash_is_harmless(page, sample_site):
    """The pages' policy forbids fetch/XHR to anywhere (connect-src 'none'): even a script that got in
    could not send data away. A hand-typed hash with a stray % is no script error."""
    _, site, _ = sample_site
    _open(page, site, "index.html")
    got = page.evaluate("() => fetch('https://example.com/x').then(() => 'sent', () => 'blocked')")
    assert got == "blocked"
    page.goto((site / "place.html").as_uri() + "#%E4%ZZ")
    page.wait_for_function(READY)
    assert "没有找到这个地方" in page.inner_text("#kg-place")
    page.goto((site / "diffusion.html").as_uri() + "#target:%ZZ")
    page.wait_for_function(READY)
