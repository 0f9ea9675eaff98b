"""The one-page network view (`kg viz -o FILE`) in a real headless Chromium (Debian's
/usr/bin/chromium driven by Playwright); the view site has its own (tests/test_site_browser.py).

Checks what a user sees: node and edge counts agree with the graph, filters and search change the
visible set, nothing is fetched from the network, and a hostile bulletin's text stays text even when
its nodes are hovered. Saves tests/artifacts/overview.png.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_views import make_store  # noqa: E402

from kg.catalog.catalog import read_catalog as load  # noqa: E402
from kg.store import GraphStore  # noqa: E402
from kg.text import display_text  # noqa: E402
from kg.views import graph as vg  # noqa: E402
from kg.views import render, render_filtered  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent

ARTIFACTS = ROOT / "tests" / "artifacts"
PAYLOADS = ["<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=2">']
READY = "() => window.kgView !== undefined"
VISIBLE = "() => window.network.body.data.nodes.get({filter: n => !n.hidden}).length"


def _local(url: str) -> bool:
    """file:///path only: a protocol-relative //host/x on a file:// page becomes file://host/x (a network share)."""
    parts = urlsplit(url)
    return parts.scheme == "file" and parts.netloc in ("", "localhost")


def _guarded(browser):
    """A context whose every non-local request is aborted and recorded."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
    outside: list[str] = []

    def route(r):
        if _local(r.request.url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    return ctx, outside


@pytest.fixture
def page(browser):
    """A guarded page; the test fails if any request left the machine or a script error occurred."""
    ctx, outside = _guarded(browser)
    errors: list[str] = []
    pg = ctx.new_page()
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert not outside, f"requests left the machine: {outside}"
    assert not errors, f"script errors on the page: {errors}"


def test_request_guard_catches_outside_requests(browser, tmp_path):
    bait = tmp_path / "bait.html"
    bait.write_text(
        '<img src="https://example.com/x.png"><script src="//cdn.example.org/a.js"></script>'
        '<link rel="stylesheet" href="http://example.net/b.css">',
        encoding="utf-8",
    )
    ctx, outside = _guarded(browser)
    pg = ctx.new_page()
    pg.goto(bait.as_uri())
    pg.wait_for_timeout(300)
    ctx.close()
    assert len(outside) == 3, outside


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    """The bundled sample plus the hostile bulletin, built and rendered."""
    from kg.pipeline import build

    base = tmp_path_factory.mktemp("site")
    report = build([ROOT / "data", ROOT / "tests" / "hostile"], base / "store", render=False)
    assert not report.failures, report.failures
    return base / "store", _overview(base / "store", base / "viz")


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("synthetic")
    store = make_store(base / "store", n=40, links=15, hostile=True)
    return store, _overview(store, base / "viz")


def _overview(store: Path, viz: Path) -> Path:
    """`kg viz -o viz/overview.html` without filters: every practice on one page."""
    with GraphStore(store, read_only=True) as gs:
        return Path(render_filtered(gs, viz / "overview.html")).parent


def _open(page, path: Path) -> None:
    page.goto(path.as_uri())
    page.wait_for_function(READY, timeout=60_000)


def _expected_counts(store: Path) -> tuple[int, int]:
    """Nodes and edges of the overview, counted by SPARQL independently of the view code."""
    q = {
        "p": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a ckg:Practice }",
        "l": "SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE { ?p a ckg:Practice ; ckg:locality/schema:containedInPlace* ?l }",
        "c": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?p a ckg:Practice ; ckg:targets|ckg:practiceType ?c }",
        "at": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a ckg:Practice ; ckg:locality ?l }",
        "in": "SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE { ?p a ckg:Practice ; ckg:locality/schema:containedInPlace* ?l ."
        " ?l schema:containedInPlace ?up }",
        "pc": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?p ?c WHERE { ?p a ckg:Practice ; ckg:targets|ckg:practiceType ?c } }",
        "sim": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?x ?y WHERE {"
        " { ?a ckg:similarTo ?b } UNION { [] ckg:fromPractice ?a ; ckg:toPractice ?b } FILTER(?a != ?b)"
        " BIND(IF(STR(?a) < STR(?b), ?a, ?b) AS ?x) BIND(IF(STR(?a) < STR(?b), ?b, ?a) AS ?y) } }",
    }
    with GraphStore(store, read_only=True) as gs:
        n = {k: int(next(iter(gs.query(v)))["n"].value) for k, v in q.items()}
    return n["p"] + n["l"] + n["c"], n["at"] + n["in"] + n["pc"] + n["sim"]


def _dom_point(page, node_id: str) -> dict:
    return page.evaluate(
        """id => { network.focus(id, {scale: 1.6, animation: false});
                   const p = network.canvasToDOM(network.getPositions([id])[id]);
                   const r = network.body.container.getBoundingClientRect();
                   return {x: p.x + r.left, y: p.y + r.top}; }""",
        node_id,
    )


def _hover_hostile(page, limit: int = 12) -> int:
    """Hover and click every node whose tooltip carries a payload; returns how many were checked."""
    ids = page.evaluate(
        "() => network.body.data.nodes.get({filter: n => (n.tip || '').includes('__pwned')}).map(n => n.id)"
    )
    assert ids, "no node carries the hostile text"
    for nid in ids[:limit]:
        pt = _dom_point(page, nid)
        page.mouse.move(pt["x"] - 30, pt["y"] - 30)
        page.mouse.move(pt["x"], pt["y"], steps=4)
        page.wait_for_function(
            "() => { const t = document.querySelector('div.vis-tooltip');"
            " return t && t.style.visibility === 'visible' && t.innerText.includes('__pwned'); }",
            timeout=10_000,
        )
        tip = page.inner_text("div.vis-tooltip")
        # shown as text: verbatim (a title) or as the quote's display text (kg.text.display_text)
        assert any(p in tip or display_text(p) in tip for p in PAYLOADS), tip
        page.mouse.click(pt["x"], pt["y"])
        assert "__pwned" in page.inner_text("#kg-detail")
        page.wait_for_timeout(50)
    bad = page.evaluate(
        "() => Array.from(document.querySelectorAll("
        "'.vis-tooltip *, #kg-detail *, img, a[href^=\"javascript\"]')).map(e => e.tagName)"
    )
    assert set(bad) <= {"BR"}, bad  # innerText turns line breaks into <br>, nothing else
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    return min(len(ids), limit)


def test_counts_match_graph(page, sample_site):
    store, viz = sample_site
    _open(page, viz / "overview.html")
    shown = page.evaluate("() => [network.body.data.nodes.length, network.body.data.edges.length]")
    with GraphStore(store, read_only=True) as gs:
        data = load(gs)
    g = vg.build(data, data.practices, "t")
    assert not g.summarised
    assert shown == [len(g.nodes), len(g.edges)] == list(_expected_counts(store))
    assert page.evaluate(VISIBLE) == len(g.nodes)
    assert page.evaluate("() => window.kgMeta.practices") == len(data.practices)


def test_filters_and_search_change_visible_set(page, sample_site):
    _, viz = sample_site
    _open(page, viz / "overview.html")
    total = page.evaluate(VISIBLE)
    option = page.eval_on_selector("#kg-f-loc", "s => s.options[s.options.length - 1].value")
    page.select_option("#kg-f-loc", option)
    after = page.evaluate(VISIBLE)
    assert 0 < after < total
    practices = page.evaluate(
        f"() => network.body.data.nodes.get({{filter: n => !n.hidden && n.kind === 'practice'}})"
        f".every(n => n.loc.includes('{option}'))"
    )
    assert practices
    page.click("#kg-reset")
    assert page.evaluate(VISIBLE) == total
    page.select_option("#kg-f-yr", index=1)
    assert page.evaluate(VISIBLE) < total
    page.click("#kg-reset")
    page.fill("#kg-search", "谈心谈话")
    page.wait_for_function(f"() => ({VISIBLE})() < {total}", timeout=5_000)
    assert "显示" in page.inner_text("#kg-visible")


@pytest.mark.parametrize("site", ["synthetic_site", "sample_site"])
def test_hostile_text_never_runs(page, request, site):
    """The page with hostile text: loaded, hostile nodes hovered and clicked."""
    _, viz = request.getfixturevalue(site)
    checked = 0
    for html_file in sorted(viz.glob("*.html"), key=lambda f: f.name != "overview.html"):
        if "__pwned" not in html_file.read_text(encoding="utf-8"):
            continue
        page.goto(html_file.as_uri())
        if html_file.name == "index.html":
            assert page.evaluate("() => typeof window.__pwned") == "undefined"
            continue
        page.wait_for_function(READY, timeout=60_000)
        checked += _hover_hostile(page, 12 if html_file.name == "overview.html" else 1)
    assert checked


def test_screenshot_overview(page, sample_site):
    """tests/artifacts/: overview.png (whole graph), overview-zoom.png (labels legible), tooltip.png."""
    _, viz = sample_site
    _open(page, viz / "overview.html")
    page.wait_for_timeout(300)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overview.png"))
    biggest = page.evaluate("() => network.body.data.nodes.get().sort((a, b) => b.size - a.size)[0].id")
    page.evaluate("id => network.focus(id, {scale: 1.4, animation: false})", biggest)
    page.screenshot(path=str(ARTIFACTS / "overview-zoom.png"))
    _hover_hostile(page, 1)
    page.screenshot(path=str(ARTIFACTS / "tooltip.png"))
    assert (ARTIFACTS / "overview.png").stat().st_size > 20_000


@pytest.mark.parametrize("n,summarised", [(900, False), (2400, True)])
def test_large_graph_stays_responsive(page, tmp_path, n, summarised):
    store = make_store(tmp_path / "store", n=n, n_localities=60, links=n)
    with GraphStore(store, read_only=True) as gs:
        data = load(gs)
    html_file = tmp_path / "overview.html"
    html_file.write_text(render.to_html(vg.build(data, data.practices, "大图")), encoding="utf-8")
    t0 = time.perf_counter()
    _open(page, html_file)
    first_draw = time.perf_counter() - t0
    meta = page.evaluate("() => window.kgMeta")
    assert meta["summarised"] is summarised and meta["practices"] == n
    assert page.evaluate("() => network.body.data.nodes.length") == meta["nodes"]
    t1 = time.perf_counter()
    page.select_option("#kg-f-pt", index=1)
    filtering = time.perf_counter() - t1
    assert first_draw < 30 and filtering < 10, (first_draw, filtering)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"large-{n}.png"))


def test_single_page_works_alone(page, sample_site, tmp_path):
    """`kg viz -o FILE`: one page, moved anywhere (no lib/ beside it), still draws its network."""
    store, _ = sample_site
    with GraphStore(store, read_only=True) as gs:
        out = Path(render_filtered(gs, tmp_path / "alone" / "view.html"))
    assert not (out.parent / "lib").exists()
    _open(page, out)
    assert (
        page.evaluate("() => window.network.body.data.nodes.length")
        == page.evaluate("() => window.kgMeta.nodes")
        > 0
    )
