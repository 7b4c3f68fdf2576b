"""The papernotes theme in a real browser: Playwright driving Debian's chromium.

Two small projects are built once for the module (English, and Japanese with
``language = "ja"``) and served over HTTP on 127.0.0.1 by a local server
that stops by itself. No browser is ever downloaded: without Playwright or
``/usr/bin/chromium`` every test here is skipped, saying why.

The documentation (the demo site, with its example notes) is built too, under
the papernotes theme and the four other themes. Screenshots of its pages in
light and dark, at 1280 and 390 px, and of a note under each other theme, are
written to ``$PAPERNOTES_SCREENSHOTS`` (default: a folder under pytest's kept
temporary directories); the test prints where. ``python3 dev.py screenshots``
runs these tests and copies the chosen ones into ``docs/images/screenshots``,
where the README and the theme page show them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import DocsBuild

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ROOTS = Path(__file__).parent / "roots"
SERVER_LIFETIME = 600  # seconds: the server shuts itself down after this at the latest

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    pytest.skip("playwright is not installed (pip install -e '.[test]')", allow_module_level=True)
if not CHROMIUM.exists():  # pragma: no cover - depends on the machine
    pytest.skip(f"no browser at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.browser

# Records the theme attributes of <html> when <body> is first inserted: before
# any content can be painted, so it shows what the first paint looks like.
FIRST_PAINT_PROBE = """
(() => {
  const record = () => {
    window.__pnFirstPaint = {
      theme: document.documentElement.getAttribute("data-theme"),
      mode: document.documentElement.getAttribute("data-pn-mode"),
    };
  };
  const observer = new MutationObserver(() => {
    if (document.body && !window.__pnFirstPaint) { record(); observer.disconnect(); }
  });
  observer.observe(document, { childList: true, subtree: true });
})();
"""


# ---- fixtures ---------------------------------------------------------------


def _build(root: str, out: Path) -> None:
    """A real ``sphinx-build`` in a process of its own (themes change shared defaults)."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(ROOTS / root), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


OTHER_THEMES = ("alabaster", "furo", "pydata_sphinx_theme", "sphinx_rtd_theme")


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """``folder`` over HTTP on a loopback port, shut down at the latest after SERVER_LIFETIME."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2})
    thread.daemon = True
    thread.start()
    watchdog = threading.Timer(SERVER_LIFETIME, server.shutdown)
    watchdog.daemon = True
    watchdog.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        watchdog.cancel()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, docs_site: Callable[[str], DocsBuild]
) -> Iterator[str]:
    """The base URL of the built projects: ``<base>/en/`` and ``<base>/ja/`` (test
    projects), ``<base>/docs/`` (the documentation) and ``<base>/docs-<theme>/``
    (the documentation under another theme)."""
    folder = tmp_path_factory.mktemp("site")
    _build("test-theme", folder / "en")
    _build("test-theme-ja", folder / "ja")
    _build("test-theme-hues", folder / "hues")
    for theme in ("papernotes", *OTHER_THEMES):
        built = docs_site(theme)
        assert built.returncode == 0, built.stderr
        name = "docs" if theme == "papernotes" else f"docs-{theme}"
        (folder / name).symlink_to(built.html, target_is_directory=True)
    with serve_folder(folder) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("PAPERNOTES_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Tab:
    """A page in a fresh browser context that records every JavaScript error."""

    def __init__(self, browser: Browser, **options: Any) -> None:
        self.context = browser.new_context(**options)
        self.context.add_init_script(FIRST_PAINT_PROBE)
        self.page: Page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console)
        self.page.on("response", self._response)

    def _console(self, message: Any) -> None:
        # A failed request is reported by _response, with its address.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def _response(self, response: Any) -> None:
        # Browsers ask for /favicon.ico on their own; the projects have none.
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.errors.append(f"{response.status} {response.url}")

    def open(self, url: str) -> Page:
        self.page.goto(url, wait_until="load")
        return self.page

    def close(self) -> None:
        self.context.close()
        assert self.errors == [], self.errors


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    opened = Tab(browser, viewport={"width": 1280, "height": 900}, color_scheme="light")
    yield opened
    opened.close()


def no_horizontal_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def visible_titles(page: Page) -> list[str]:
    titles = page.locator(".pn-listing li.pn-entry:visible .pn-entry-title")
    return [text.strip() for text in titles.all_inner_texts()]


# ---- layout ---------------------------------------------------------------------


def test_desktop_layout(tab: Tab, site: str) -> None:
    page = tab.open(f"{site}/en/notes/1.html")
    assert page.locator("header .pn-brand").inner_text().strip().startswith("Theme notes")
    assert page.locator("header form.pn-search input[name=q]").is_visible()
    assert page.locator("#pn-sidebar").is_visible()
    assert page.locator("#pn-sidebar .pn-block-tags .pn-tag").count() >= 5
    assert page.locator("#pn-sidebar .pn-block-recent li").count() == 4
    assert not page.locator(".pn-menu-button").is_visible()  # no drawer on a desktop
    assert page.locator("article.pn-note").is_visible()
    assert no_horizontal_scroll(page)
    page.emulate_media(media="print")  # the note alone, without the frame
    assert not page.locator("header.pn-header").is_visible()
    assert not page.locator("#pn-sidebar").is_visible()
    assert page.locator("article.pn-note").is_visible()
    link = page.locator("a.pn-link-arxiv")
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "arxiv.org/abs/1706.03762" in after


@pytest.mark.parametrize("path", ["index.html", "notes/1.html", "tags/transformer.html"])
def test_small_screen_has_no_horizontal_scrolling(browser: Browser, site: str, path: str) -> None:
    tab = Tab(browser, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = tab.open(f"{site}/en/{path}")
        assert no_horizontal_scroll(page)
        assert page.locator("header form.pn-search").is_visible()
    finally:
        tab.close()


def test_small_screen_sidebar_opens_and_closes(browser: Browser, site: str) -> None:
    tab = Tab(browser, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = tab.open(f"{site}/en/index.html")
        button = page.locator(".pn-menu-button")
        sidebar = page.locator("#pn-sidebar")
        assert button.is_visible()
        assert not sidebar.is_visible()
        assert button.get_attribute("aria-expanded") == "false"
        button.click()
        sidebar.wait_for(state="visible")
        assert button.get_attribute("aria-expanded") == "true"
        assert page.locator("#pn-sidebar .pn-block-tags").is_visible()
        assert no_horizontal_scroll(page)
        page.keyboard.press("Escape")
        sidebar.wait_for(state="hidden")
        assert button.get_attribute("aria-expanded") == "false"
        button.click()
        sidebar.wait_for(state="visible")
        page.locator(".pn-backdrop").click(position={"x": 350, "y": 400})
        sidebar.wait_for(state="hidden")
    finally:
        tab.close()


# ---- light / dark -----------------------------------------------------------------


def test_mode_toggle_persists_across_pages_and_reloads(tab: Tab, site: str) -> None:
    page = tab.open(f"{site}/en/index.html")
    html = page.locator("html")
    assert html.get_attribute("data-pn-mode") == "auto"
    assert html.get_attribute("data-theme") == "light"  # the system is light
    toggle = page.locator(".pn-mode-button")
    toggle.click()
    assert html.get_attribute("data-pn-mode") == "light"
    toggle.click()
    assert html.get_attribute("data-pn-mode") == "dark"
    assert html.get_attribute("data-theme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    assert page.locator("#pygments_dark_css").get_attribute("media") == "all"

    with page.expect_navigation():
        page.locator(".pn-listing a.pn-note-ref").first.click()
    assert "/notes/" in page.url
    assert page.evaluate("window.__pnFirstPaint") == {"theme": "dark", "mode": "dark"}
    assert html.get_attribute("data-theme") == "dark"

    page.reload(wait_until="load")
    assert page.evaluate("window.__pnFirstPaint") == {"theme": "dark", "mode": "dark"}

    toggle.click()  # dark -> auto: follows the (light) system again
    page.reload(wait_until="load")
    assert page.evaluate("window.__pnFirstPaint") == {"theme": "light", "mode": "auto"}


def test_auto_mode_follows_a_dark_system_from_the_first_paint(browser: Browser, site: str) -> None:
    tab = Tab(browser, viewport={"width": 1280, "height": 900}, color_scheme="dark")
    try:
        page = tab.open(f"{site}/en/notes/1.html")
        assert page.evaluate("window.__pnFirstPaint") == {"theme": "dark", "mode": "auto"}
        assert page.locator("#pygments_dark_css").get_attribute("media") == (
            "(prefers-color-scheme: dark)"
        )
        # The dark code colours apply: monokai's text colour in the code block.
        colour = page.evaluate(
            "getComputedStyle(document.querySelector('.pn-body .highlight pre')).color"
        )
        assert colour == "rgb(248, 248, 242)"
    finally:
        tab.close()


# ---- filtering ----------------------------------------------------------------------


def test_filter_box_narrows_the_listing(tab: Tab, site: str) -> None:
    page = tab.open(f"{site}/en/index.html")
    assert len(visible_titles(page)) == 4
    box = page.get_by_label("Filter notes")
    box.fill("residual")
    assert visible_titles(page) == ["Deep Residual Learning for Image Recognition"]
    assert "1 of 4" in page.locator(".pn-filter-status").inner_text()
    box.fill("vaswani attention")  # every word must match
    assert visible_titles(page) == ["★ Attention Is All You Need"]
    box.fill("no such paper")
    assert visible_titles(page) == []
    page.locator(".pn-filter-clear").click()
    assert len(visible_titles(page)) == 4


def test_clicking_a_chip_filters_by_its_tag(tab: Tab, site: str) -> None:
    page = tab.open(f"{site}/en/index.html")
    page.locator(".pn-listing .pn-entry-tags .pn-tag", has_text="ComputerVision").first.click()
    assert page.url.endswith("/en/index.html")  # filtered in place, not followed
    assert sorted(visible_titles(page)) == [
        "An Image is Worth 16x16 Words",
        "Deep Residual Learning for Image Recognition",
    ]
    active = page.locator(".pn-filter-tags .pn-filter-chip")
    assert active.inner_text().startswith("ComputerVision")
    # a second tag narrows further (all tags must match)
    page.locator(".pn-listing li.pn-entry:visible .pn-tag", has_text="Transformer").first.click()
    assert visible_titles(page) == ["An Image is Worth 16x16 Words"]
    page.get_by_role("button", name="Remove tag filter: Transformer").click()
    page.get_by_role("button", name="Remove tag filter: ComputerVision").click()
    assert len(visible_titles(page)) == 4


def test_filter_on_generated_pages_and_cards(tab: Tab, site: str) -> None:
    page = tab.open(f"{site}/en/venues/iclr.html")
    assert page.locator(".pn-filter").count() == 0  # one note: nothing to filter
    page = tab.open(f"{site}/en/tags/transformer.html")
    page.get_by_label("Filter notes").fill("bert")
    assert visible_titles(page) == ["BERT: Pre-training of Deep Bidirectional Transformers"]
    page = tab.open(f"{site}/en/cards.html")
    first = page.locator(".pn-filter-input").first
    first.fill("image")
    cards = page.locator(".pn-cards .pn-card:visible .pn-entry-title")
    assert sorted(text.strip() for text in cards.all_inner_texts()) == [
        "An Image is Worth 16x16 Words",
        "Deep Residual Learning for Image Recognition",
    ]
    rows = page.locator("table.pn-note-table tbody tr:visible")
    assert rows.count() == 4  # the table has its own filter


def test_without_javascript_everything_is_listed_and_no_control_is_dead(
    browser: Browser, site: str
) -> None:
    tab = Tab(browser, viewport={"width": 360, "height": 740}, java_script_enabled=False)
    try:
        page = tab.open(f"{site}/en/index.html")
        assert page.locator(".pn-listing li.pn-entry").count() == 4
        assert page.locator(".pn-filter").count() == 0
        assert not page.locator(".pn-menu-button").is_visible()
        assert not page.locator(".pn-mode-button").is_visible()
        assert page.locator("#pn-sidebar").is_visible()  # below the content
        assert no_horizontal_scroll(page)
    finally:
        tab.close()


# ---- BibTeX ----------------------------------------------------------------------------


def test_copy_button_puts_the_bibtex_on_the_clipboard(browser: Browser, site: str) -> None:
    tab = Tab(browser, viewport={"width": 1280, "height": 900})
    try:
        tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
        page = tab.open(f"{site}/en/notes/1.html")
        page.locator("details.pn-bibtex > summary").click()
        button = page.locator("details.pn-bibtex button.pn-copy")
        assert button.inner_text() == "Copy"
        button.click()
        page.wait_for_function("document.querySelector('button.pn-copy').textContent === 'Copied'")
        copied = page.evaluate("navigator.clipboard.readText()")
        entry = page.locator("details.pn-bibtex pre").inner_text()
        assert copied.strip() == entry.strip()
        assert copied.startswith("@inproceedings{vaswani2017attention,")
    finally:
        tab.close()


# ---- search and language --------------------------------------------------------------


def _search(page: Page, url: str) -> list[str]:
    page.goto(url, wait_until="load")
    page.wait_for_selector("#search-results ul.search li", timeout=15_000)
    links = page.locator("#search-results ul.search li a")
    return [text.strip() for text in links.all_inner_texts()]


def test_search_finds_an_english_word(tab: Tab, site: str) -> None:
    page = tab.open(f"{site}/en/index.html")
    page.locator("header input[name=q]").fill("residual")
    page.locator("header input[name=q]").press("Enter")
    page.wait_for_url("**/search.html?q=residual*")
    titles = _search(page, page.url)
    assert "Deep Residual Learning for Image Recognition" in titles


def test_japanese_interface_and_search(tab: Tab, site: str) -> None:
    page = tab.open(f"{site}/ja/notes/1.html")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("#pn-block-tags").inner_text() == "タグ"
    assert page.locator("#pn-block-recent").inner_text() == "最近のノート"
    assert page.locator("dl.pn-meta > dt").first.inner_text().startswith("著者")
    assert page.locator("header input[name=q]").get_attribute("placeholder") == "検索"
    titles = _search(page, f"{site}/ja/search.html?q=推論")
    assert "大規模言語モデルの推論" in titles
    titles = _search(page, f"{site}/ja/search.html?q=思考")
    assert titles == ["大規模言語モデルの推論"]
    page = tab.open(f"{site}/ja/index.html")
    assert page.locator(".pn-filter-label").inner_text() == "ノートを絞り込む"


# ---- accessibility and screenshots -------------------------------------------------------

# The documentation's own example notes, plus the test projects' card listing
# and Japanese note.
PAGES = {
    "home": "docs/index.html",
    "note": "docs/notes/106.html",
    "tag": "docs/tags/transformer.html",
    "venue": "docs/venues/neurips.html",
    "search": "docs/search.html?q=transformer",
    "listings": "docs/browse-tags.html",
    "cards": "en/cards.html",
    "note-ja": "ja/notes/1.html",
    # Chips of every hue: in the note, in the listing and in the sidebar (with counts).
    "hues": "hues/notes/1.html",
    "hues-listing": "hues/index.html",
}


# Each chip's colours as chromium computes them, and its count's (with opacity).
CHIP_COLOURS = """
[...document.querySelectorAll(".pn-tag[class*='pn-hue-']")].map((chip) => {
  const count = chip.querySelector(".pn-count");
  const style = getComputedStyle(chip);
  return {
    hue: [...chip.classList].find((name) => name.startsWith("pn-hue-")),
    background: style.backgroundColor,
    text: style.color,
    count: count ? getComputedStyle(count).color : null,
    opacity: count ? Number(getComputedStyle(count).opacity) : 1,
  };
})
"""


def _rgb(value: str) -> tuple[int, int, int]:
    red, green, blue = (
        int(float(part)) for part in value[value.index("(") + 1 : -1].split(",")[:3]
    )
    return red, green, blue


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chips_of_every_hue_are_readable_in_the_browser(
    browser: Browser, site: str, scheme: str
) -> None:
    """Chip text and counts pass 4.5:1 as rendered; axe leaves text under
    ``opacity`` to a human, so the counts are checked here."""
    from sphinx_papernotes.model.chips import HUES

    from .test_chip_contrast import AA, contrast

    tab = Tab(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = tab.open(f"{site}/hues/notes/1.html")
        assert page.locator("html").get_attribute("data-theme") == scheme
        chips = page.evaluate(CHIP_COLOURS)
    finally:
        tab.close()
    assert {chip["hue"] for chip in chips} == {f"pn-hue-{hue}" for hue in range(HUES)}
    assert {chip["hue"] for chip in chips if chip["count"]} == {chip["hue"] for chip in chips}
    failures = []
    for chip in chips:
        background = _rgb(chip["background"])
        ratio = contrast(_rgb(chip["text"]), background)
        if chip["count"]:
            alpha = chip["opacity"]
            seen = tuple(
                round(alpha * f + (1 - alpha) * b)
                for f, b in zip(_rgb(chip["count"]), background, strict=True)
            )
            ratio = min(ratio, contrast(seen, background))  # type: ignore[arg-type]
        if ratio < AA:
            failures.append(f"{chip['hue']}: {ratio:.2f}:1")
    assert failures == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_pages_pass_axe_and_are_photographed(
    browser: Browser, site: str, shots: Path, scheme: str, width: int
) -> None:
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:  # pragma: no cover - depends on the machine
        pytest.skip("axe-playwright-python is not installed (it ships axe-core)")
    axe = Axe()
    tab = Tab(browser, viewport={"width": width, "height": 900}, color_scheme=scheme)
    problems: dict[str, list[str]] = {}
    try:
        for name, path in PAGES.items():
            page = tab.open(f"{site}/{path}")
            if name == "search":
                page.wait_for_selector("#search-results ul.search li", timeout=15_000)
            assert page.locator("html").get_attribute("data-theme") == scheme
            page.screenshot(path=str(shots / f"{name}-{scheme}-{width}.png"), full_page=False)
            if width != 1280:
                continue  # one axe scan per page and colour scheme is enough
            results = axe.run(page)
            serious = [
                f"{violation['id']}: {violation['help']} "
                f"({[node['target'] for node in violation['nodes']][:3]})"
                for violation in results.response["violations"]
                if violation.get("impact") in ("serious", "critical")
            ]
            if serious:
                problems[name] = serious
    finally:
        tab.close()
    print(f"screenshots in {shots}")
    assert problems == {}


@pytest.mark.parametrize("theme", OTHER_THEMES)
def test_notes_under_other_themes_are_photographed(
    browser: Browser, site: str, shots: Path, theme: str
) -> None:
    """The extension's stylesheet carries the note's look under any theme."""
    tab = Tab(browser, viewport={"width": 1280, "height": 900}, color_scheme="light")
    try:
        page = tab.open(f"{site}/docs-{theme}/notes/106.html")
        note = page.locator("article.pn-note")
        assert note.is_visible()
        chip = page.locator("article.pn-note .pn-tag").first
        assert chip.evaluate("e => getComputedStyle(e).borderRadius") not in ("", "0px")
        assert page.locator("details.pn-bibtex button.pn-copy").count() == 1
        summary = page.locator("article.pn-note .pn-summary")
        assert summary.evaluate("e => getComputedStyle(e).paddingLeft") != "0px"
        chip_item = page.locator("dl.pn-meta ul.pn-tags > li").first
        assert chip_item.evaluate("e => getComputedStyle(e).listStyleType") == "none"
        assert no_horizontal_scroll(page)
        page.screenshot(path=str(shots / f"theme-{theme}.png"), full_page=False)
        page = tab.open(f"{site}/docs-{theme}/tags/transformer.html")
        entry = page.locator(".pn-listing li.pn-entry").first
        assert entry.evaluate("e => getComputedStyle(e).listStyleType") == "none"
        assert len(visible_titles(page)) == 7
        page.get_by_label("Filter notes").fill("lora")
        assert visible_titles(page) == ["LoRA: Low-Rank Adaptation of Large Language Models"]
        page.screenshot(path=str(shots / f"theme-{theme}-tag.png"), full_page=False)
    finally:
        tab.close()
    print(f"screenshots in {shots}")
