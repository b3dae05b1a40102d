"""Open every page of the built site in headless chromium, as a reader would, offline.

Run by ``make check-site`` after ``mkdocs build``: serves site/ on 127.0.0.1 and fails on a
console error, a page error, a failed request, a request to any other host, math left as raw
TeX, or an image that did not load; checks that search finds "divergence", and that searching
the notes' Chinese terms (动量, 鞍点, …) finds the chapter section that teaches each one, not only
the glossary (the search plugin segments Chinese with jieba at build time).
Uses Debian's chromium (/usr/bin/chromium) through Playwright; no browser is downloaded.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, sync_playwright

pytestmark = pytest.mark.browser

SITE = Path(__file__).resolve().parents[2] / "site"
# Pages of reading length: no page but the API reference taller than this at 1280 px wide.
MAX_PAGE_HEIGHT = 20_000
CHROMIUM = "/usr/bin/chromium"
# As the machine's notes advise: no background connections to other hosts, no GPU, no sandbox
# (CI runs as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Text left in the page outside code and rendered math that means TeX was not typeset.
FIND_RAW_TEX = r"""
() => {
  const skip = "pre, code, script, style, .katex, .katex-display, .highlight, textarea";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  const pattern = new RegExp([
    String.raw`\$\$`, String.raw`\\\(`, String.raw`\\\[`,  // $$  \(  \[
    String.raw`\\(frac|sum|log|mathbb|left|right|begin|hat|sqrt)\b`,  // TeX commands
    String.raw`(^|[^\\$])\$[^\s$][^$]*\$`,  // $…$
  ].join("|"));
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement && node.parentElement.closest(skip)) continue;
    if (pattern.test(node.textContent)) found.push(node.textContent.trim().slice(0, 80));
  }
  const unrendered = [...document.querySelectorAll(".arithmatex")].filter(
    (el) => !el.querySelector(".katex")).map((el) => el.textContent.slice(0, 80));
  const errors = [...document.querySelectorAll(".katex-error")].map(
    (el) => el.getAttribute("title") || el.textContent);
  return { found, unrendered, errors };
}
"""

BROKEN_IMAGES = r"""
() => [...document.images]
  .filter((img) => !(img.complete && img.naturalWidth > 0))
  .map((img) => img.getAttribute("src"))
"""


def site_pages() -> list[str]:
    """URL paths of every HTML page of the built site (empty before a build)."""
    if not SITE.is_dir():
        return []
    pages = []
    for html in sorted(SITE.rglob("*.html")):
        rel = html.relative_to(SITE).as_posix()
        if rel.startswith("assets/") or rel == "404.html":
            continue
        pages.append("/" + rel.removesuffix("index.html"))
    return pages


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    assert (SITE / "index.html").is_file(), "build the site first (make check-site does)"
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: apt-get install chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def open_page(browser: Browser, url: str) -> tuple[Page, list[str]]:
    """Load ``url``; return the page and every problem seen while loading it."""
    problems: list[str] = []
    context = browser.new_context()
    page = context.new_page()

    def on_request(request: Request) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host != "127.0.0.1":
            problems.append(f"request to another host: {request.url}")

    # Abort anything not local, so an offline violation fails fast instead of hanging.
    context.route(
        "**/*",
        lambda route: route.continue_()
        if urlsplit(route.request.url).hostname == "127.0.0.1"
        else route.abort(),
    )
    page.on("request", on_request)
    page.on("console", lambda msg: msg.type == "error" and problems.append(f"console: {msg.text}"))
    page.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    page.on(
        "requestfailed",
        lambda req: urlsplit(req.url).hostname == "127.0.0.1"
        and problems.append(f"failed request: {req.url} ({req.failure})"),
    )
    page.on(
        "response",
        lambda res: res.status >= 400 and problems.append(f"HTTP {res.status}: {res.url}"),
    )
    page.goto(url, wait_until="networkidle")
    return page, problems


def test_the_site_has_every_page_of_the_nav() -> None:
    pages = site_pages()
    expected = ["/", "/information-theory/", "/conventions/", "/glossary/",
                "/experiments/optimizers/", "/reference/information/"]
    missing = [p for p in expected if p not in pages]
    assert not missing, f"pages missing from {SITE}: {missing} (found {len(pages)} pages)"


@pytest.mark.parametrize("path", site_pages())
def test_page_renders_offline(browser: Browser, base_url: str, path: str) -> None:
    page, problems = open_page(browser, base_url + path)
    try:
        if page.locator(".arithmatex, .jp-RenderedMarkdown").count():
            page.wait_for_function(
                "() => [...document.querySelectorAll('.arithmatex')].every("
                "el => el.querySelector('.katex'))",
                timeout=10_000,
            )
        tex = page.evaluate(FIND_RAW_TEX)
        broken = page.evaluate(BROKEN_IMAGES)
        width = page.evaluate("window.innerWidth")
        height = page.evaluate("document.documentElement.scrollHeight")
    finally:
        page.context.close()
    assert not problems, "\n".join(problems)
    assert width == 1280, f"measured at {width} px wide"
    if not path.removeprefix("/zh").startswith("/reference/"):  # the API reference may be long
        assert height <= MAX_PAGE_HEIGHT, f"{path} is {height} px tall at 1280 px (split it)"
    assert not tex["unrendered"], f"math not typeset: {tex['unrendered'][:5]}"
    assert not tex["errors"], f"KaTeX errors: {tex['errors'][:5]}"
    assert not tex["found"], f"raw TeX left in the text: {tex['found'][:5]}"
    assert not broken, f"images that did not load: {broken}"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/conventions/#erratum-16", "/errata/optimizers/#erratum-16"),
        ("/conventions/#erratum-14-mean", "/errata/risk-and-losses/#erratum-14-mean"),
        ("/neural-networks/#broadcasting", "/neural-networks/logistic-regression/#broadcasting"),
        ("/optimizers/#bias-correction", "/mini-batch/#bias-correction"),
        ("/regularization/#early-stopping", "/other-regularization/#early-stopping"),
        ("/zh/neural-networks/#why-deep", "/zh/neural-networks/deep/#why-deep"),
    ],
)
def test_an_old_link_lands_on_its_section(
    browser: Browser, base_url: str, old: str, new: str
) -> None:
    """Errata left the conventions page, sections left split pages: old links still arrive."""
    page, problems = open_page(browser, base_url + old)
    try:
        page.wait_for_url(base_url + new, timeout=10_000)
        page.wait_for_load_state("networkidle")
        visible = page.locator("#" + new.split("#")[1]).count()
    finally:
        page.context.close()
    # leaving the old page cancels what it was still loading (the search index): not a problem
    problems = [p for p in problems if "net::ERR_ABORTED" not in p]
    assert not problems, "\n".join(problems)
    assert visible == 1


@pytest.mark.parametrize(
    ("start", "language", "landing"),
    [
        ("/optimizers/", "zh", "/zh/optimizers/"),
        ("/zh/neural-networks/deep/", "en", "/neural-networks/deep/"),
        ("/zh/errata/optimizers/", "en", "/errata/optimizers/"),
    ],
)
def test_the_language_switch_keeps_the_reader_on_the_page(
    browser: Browser, base_url: str, start: str, language: str, landing: str
) -> None:
    page, problems = open_page(browser, base_url + start)
    try:
        page.hover(".md-header .md-select")  # the language menu opens on hover
        page.locator(f'.md-header .md-select a[hreflang="{language}"]').click()
        page.wait_for_url(base_url + landing, timeout=10_000)
        lang = page.evaluate("document.documentElement.lang")
    finally:
        page.context.close()
    assert not problems, "\n".join(problems)
    assert lang == language


def test_math_and_figures_render_on_the_pattern_chapter(browser: Browser, base_url: str) -> None:
    page, problems = open_page(browser, base_url + "/information-theory/")
    try:
        page.wait_for_function("() => document.querySelectorAll('.katex').length > 20")
        figures = page.eval_on_selector_all(
            "img[src$='.svg']", "els => els.map(e => e.naturalWidth)"
        )
    finally:
        page.context.close()
    assert not problems, "\n".join(problems)
    assert len(figures) >= 2 and all(width > 100 for width in figures), figures


# Every search result's link and text (without the zero-width spaces of the segmented Chinese;
# textContent, since a page's further sections sit folded under "more on this page").
SEARCH_RESULTS = r"""
els => els.map((e) => ({ href: e.href, text: e.textContent.replaceAll("\u200b", "") }))
"""


# Material shows this in the results pane until the search worker has built the index: a reader
# sees it and waits, so the test does too (a few seconds on a loaded machine).
SEARCH_READY = r"""
() => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const meta = document.querySelector(".md-search-result__meta");
  return meta && meta.textContent.trim() !== config.translations["search.result.initializer"];
}
"""


def search(
    browser: Browser, base_url: str, query: str, home: str = "/"
) -> tuple[list[dict[str, str]], list[str]]:
    """Type ``query`` into the search box of the home page of one language (``home``: "/" or
    "/zh/"), as a reader would once the index is ready; return every result (its absolute link
    and its text) and the problems seen on the page."""
    page, problems = open_page(browser, base_url + home)
    try:
        box = page.locator("input.md-search__input")
        box.click()
        page.wait_for_function(SEARCH_READY, timeout=60_000)
        box.press_sequentially(query, delay=30)
        box.press("End")  # Material searches on keyup, which typing Chinese text does not send
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        # the results of the first keys show first: read until two readings agree
        results: list[dict[str, str]] = []
        for _ in range(40):
            page.wait_for_timeout(250)
            latest = page.eval_on_selector_all(".md-search-result__link", SEARCH_RESULTS)
            if latest and latest == results:
                break
            results = latest
    finally:
        page.context.close()
    return results, problems


def assert_finds_section(results: list[dict[str, str]], query: str, section: str) -> None:
    """Among the results, the section that teaches the term, showing the term."""
    # a result links to page/?h=<the terms to highlight>#section: keep page/ and #section
    found = [(urlsplit(r["href"]).path, urlsplit(r["href"]).fragment, r["text"]) for r in results]
    page, _, fragment = ("/" + section).partition("#")
    on_page = [f for f in found if f[0] == page]
    assert on_page, f"{query!r} finds nothing on {page}, only {sorted({f[0] for f in found})}"
    in_section = [text for path, frag, text in on_page if frag == fragment]
    assert in_section, f"{query!r} finds {[f[:2] for f in on_page]}, not the section {section}"
    assert query.lower() in in_section[0].lower(), in_section[0]


# The English site: English terms find the English section that teaches them.
ENGLISH_SEARCHES = [
    ("divergence", "information-theory/#kl-divergence"),
    ("momentum", "optimizers/#momentum"),
    ("saddle point", "optimizers/#saddle-points"),
    ("dropout", "regularization/#dropout"),
    ("broadcasting", "neural-networks/logistic-regression/#broadcasting"),
    ("bagging", "ensembles/#bagging"),
    ("early stopping", "other-regularization/#early-stopping"),
]


@pytest.mark.parametrize(("query", "section"), ENGLISH_SEARCHES,
                         ids=[s for _, s in ENGLISH_SEARCHES])
def test_search_in_english_finds_the_english_section(
    browser: Browser, base_url: str, query: str, section: str
) -> None:
    results, problems = search(browser, base_url, query)
    assert not problems, "\n".join(problems)
    assert_finds_section(results, query, section)


# The Chinese site: the notes' own words find the section of the Chinese page that teaches each
# (the glossary's link); the search plugin segments Chinese with jieba at build time.
CHINESE_SEARCHES = [
    ("动量", "zh/optimizers/#momentum"),  # inside 动量梯度下降法: found only if segmented
    ("鞍点", "zh/optimizers/#saddle-points"),
    ("批归一化", "zh/batch-norm/"),
    ("交叉熵", "zh/information-theory/#cross-entropy"),
    ("梯度检验", "zh/gradient-checking/"),
    # jieba alone cuts it 向 量化 (mkdocs.yml)
    ("向量化", "zh/neural-networks/logistic-regression/#vectorization"),
    ("指数加权平均", "zh/mini-batch/#exponentially-weighted-averages"),
    ("随机森林", "zh/ensembles/#random-forest"),
    ("过拟合", "zh/fitting/#fitting"),
    ("主成分分析", "zh/fitting/#pca"),
    ("早停法", "zh/other-regularization/#early-stopping"),
    ("学习率衰减", "zh/schedules/"),
    ("激活函数", "zh/activations/"),
    ("集成学习", "zh/ensembles/"),
]


@pytest.mark.parametrize(("query", "section"), CHINESE_SEARCHES,
                         ids=[s for _, s in CHINESE_SEARCHES])
def test_search_in_chinese_finds_the_chinese_section(
    browser: Browser, base_url: str, query: str, section: str
) -> None:
    results, problems = search(browser, base_url, query, home="/zh/")
    assert not problems, "\n".join(problems)
    assert_finds_section(results, query, section)
