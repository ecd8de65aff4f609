"""Browser test fixtures: the built site on a local server, one headless Chromium per session,
and pages that record everything the site must never do.

For a new browser test (mark it `browser`):

    @pytest.mark.browser
    def test_something(open_page):
        site_page = open_page("estimator/")        # path below the site root
        site_page.page.get_by_role("button", name="Estimate").click()
        site_page.assert_clean()                    # optional: teardown checks it anyway

Under the site's Content-Security-Policy, give Playwright functions, not expression strings
(`page.wait_for_function("() => ...")`): it runs expression strings with eval, which the CSP
blocks.

`open_page` records every request to another host, failed requests, console errors, uncaught
page errors and Content-Security-Policy violations, and fails the test at teardown if there were
any. Other fixtures: `site_server` (base URL, ends with "/"), `browser` (Playwright's Chromium),
`site_path` (parametrizes a test over every published page and the 404 page).

The site must be built first (`make site`); these tests never build it. Playwright cannot
download its own browser here, so Debian's Chromium (/usr/bin/chromium) is driven instead.
With pytest-xdist every worker starts its own server and browser.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from scripts.runtime_common import CHROMIUM, CHROMIUM_ARGS
from scripts.static_server import StaticServer
from tests.browser.widget import BOOT_MS, WIDGET

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
# MkDocs' own loader: mkdocs.yml uses its !ENV tag.
SITE_URL: str = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "narrow": {"width": 360, "height": 740},  # the narrowest phone the site supports
    "phone": {"width": 360, "height": 740},  # and a touch screen (pointer: coarse)
}


# --- The site on a local server ----------------------------------------------------------------


def serve_site(root: Path = SITE, host: str = "plain") -> StaticServer:
    """The built site on its own loopback port (scripts/static_server.py)."""
    if not (root / "index.html").is_file():
        pytest.fail("site/ has not been built: run `make site` first", pytrace=False)
    return StaticServer(root, host=host)


@pytest.fixture(scope="session")
def static_server() -> Iterator[StaticServer]:
    """The built site, served on 127.0.0.1 at a free port, for the whole session."""
    with serve_site() as server:
        yield server


@pytest.fixture(scope="session")
def site_server(static_server: StaticServer) -> str:
    """Base URL of the built site (ends with "/")."""
    return static_server.url


@pytest.fixture
def served_paths(static_server: StaticServer) -> list[str]:
    """The paths the site server sends from now on (this test's pages, workers and service
    worker alike): a test can check what the site downloads, e.g. nothing twice."""
    static_server.served.clear()
    return static_server.served


@pytest.fixture
def own_server() -> Iterator[Callable[..., StaticServer]]:
    """Factory: own_server(root=SITE, host="plain") serves a site on a port of its own for this
    test (a new origin: its own service worker and storage), which the test may break
    (`fail`), heal, or deploy anew (`publish`). Pass its `url` to open_page(base_url=...)."""
    servers: list[StaticServer] = []

    def factory(root: Path = SITE, host: str = "plain") -> StaticServer:
        servers.append(serve_site(root, host))
        return servers[-1]

    yield factory
    for server in servers:
        server.close()


# --- One browser per session -------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make setup`", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# --- Pages that record what must not happen ----------------------------------------------------

# Reports Content-Security-Policy violations to Python as they happen (console messages may
# not name the directive). Runs before any script of the page, on every navigation.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}` +
    ` (${event.sourceFile || location.href}:${event.lineNumber})`);
});
"""


@dataclass
class SitePage:
    """A browser page on the local site, with everything it recorded so far."""

    page: Page
    base_url: str
    javascript: bool = True
    external_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    reported: set[str] = field(default_factory=set)
    in_flight: dict[Any, float] = field(default_factory=dict)  # request -> when it started

    def goto(self, path: str = "", *, wait_until: str = "networkidle") -> None:
        """Open a path below the site root; by default wait until the network is quiet, so
        requests made after the load event (workers, fetches) are recorded too. If it never
        is, the failure names the requests still open.

        On the estimator page the wait is for the estimator's own word instead (its runtime
        ready, failed, or waiting for the shopper): Playwright may never see the snapshot
        loader's script finish, a worker's worker whose request completes in its own target
        (puppeteer/puppeteer#13752, crbug.com/404184783), and then "network quiet" never
        comes. Seen in CI as `snapshot-loader.mjs (script, open 59.5 s)`.
        """
        quiet = wait_until == "networkidle"
        try:
            self.page.goto(
                self.base_url + path,
                wait_until="load" if quiet else wait_until,  # type: ignore[arg-type]
                timeout=BOOT_MS,
            )
            if not quiet:
                return
            if self.javascript and self.page.query_selector(WIDGET):
                self.page.wait_for_function(ESTIMATOR_SETTLED, arg=WIDGET, timeout=BOOT_MS)
            else:
                self.page.wait_for_load_state("networkidle", timeout=BOOT_MS)
        except PlaywrightTimeoutError:
            now = time.monotonic()
            still_open = [
                f"{request.url} ({request.resource_type}, open {now - since:.1f} s)"
                for request, since in self.in_flight.items()
            ]
            pytest.fail(f"{path}: never {wait_until}; requests still open: {still_open}")

    def problems(self) -> list[str]:
        return [
            *(f"request to another host: {url}" for url in self.external_requests),
            *(f"failed request: {url}" for url in self.failed_requests),
            *(f"console error: {text}" for text in self.console_errors),
            *(f"page error: {text}" for text in self.page_errors),
            *(f"CSP violation: {text}" for text in self.csp_violations),
        ]

    def assert_clean(self) -> None:
        problems = self.problems()
        self.reported.update(problems)  # the teardown check does not repeat them
        assert not problems, "\n".join(problems)

    def note_request(self, url: str, made_by: str = "page") -> None:
        if not url.startswith((self.base_url, "data:", "blob:")):
            self.external_requests.append(url if made_by == "page" else f"{url} ({made_by})")

    def listen(self) -> None:
        def on_request(request: Any) -> None:
            self.note_request(request.url)
            self.in_flight[request] = time.monotonic()

        def on_request_failed(request: Any) -> None:
            # ERR_ABORTED: the test moved on before the request finished; not the site's fault.
            # With JavaScript off, Chromium refuses a module preload and calls it "csp".
            refused_script = request.failure == "csp" and request.resource_type == "script"
            expected = request.failure == "net::ERR_ABORTED" or (
                refused_script and not self.javascript
            )
            self.in_flight.pop(request, None)
            if request.url.startswith(self.base_url) and not expected:
                self.failed_requests.append(f"{request.url} ({request.failure})")

        def on_console(message: Any) -> None:
            if message.type == "error":
                self.console_errors.append(f"{message.text} ({message.location.get('url')})")

        self.page.on("request", on_request)
        self.page.on("requestfailed", on_request_failed)
        self.page.on("requestfinished", lambda request: self.in_flight.pop(request, None))
        self.page.on("console", on_console)
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        RECORDERS[self.page] = self


# The estimator has said how it stands: its runtime booted, failed, or waits for the shopper
# (Data Saver), or the browser cannot run it (a message instead of the form).
ESTIMATOR_SETTLED = """(selector) => {
    const widget = document.querySelector(selector);
    return ["ready", "failed", "waiting"].includes(widget.dataset.runtime)
        || widget.querySelector(".re-message-box--error") !== null;
}"""


# The recorder of each open page, for the CSP binding (one per context, shared by its pages).
RECORDERS: dict[Page, SitePage] = {}


def report_csp_violation(source: dict[str, Any], text: str) -> None:
    recorder = RECORDERS.get(source["page"])
    if recorder is not None:
        recorder.csp_violations.append(text)


def new_context(
    browser: Browser, viewport: str, dark: bool, javascript: bool, service_workers: str = "allow"
) -> BrowserContext:
    context = browser.new_context(
        viewport=VIEWPORTS[viewport],  # type: ignore[arg-type]
        color_scheme="dark" if dark else "light",
        java_script_enabled=javascript,
        service_workers=service_workers,  # type: ignore[arg-type]
        is_mobile=viewport == "phone",
        has_touch=viewport == "phone",
    )
    context.expose_binding("__reportCspViolation", report_csp_violation)
    context.add_init_script(REPORT_CSP_VIOLATIONS)

    def on_service_worker_request(request: Any) -> None:
        # A service worker's requests reach the context, not a page: charge them to every
        # page of the context that is open now.
        if request.service_worker is not None:
            for recorder in list(RECORDERS.values()):
                if recorder.page.context == context:
                    recorder.note_request(request.url, made_by="service worker")

    context.on("request", on_service_worker_request)
    return context


@pytest.fixture(scope="session")
def shared_contexts(browser: Browser) -> Iterator[dict[tuple[str, bool, bool], BrowserContext]]:
    """Contexts reused across tests (warm HTTP cache), one per viewport/palette/JS setting."""
    contexts: dict[tuple[str, bool, bool], BrowserContext] = {}
    yield contexts
    for context in contexts.values():
        context.close()


OpenPage = Callable[..., SitePage]


@pytest.fixture
def open_page(
    browser: Browser,
    site_server: str,
    shared_contexts: dict[tuple[str, bool, bool], BrowserContext],
) -> Iterator[OpenPage]:
    """Factory: open_page(path, viewport="desktop", dark=False, javascript=True, shared=False,
    service_workers="allow", base_url=None).

    `path` None opens no page yet. `viewport` is "desktop", "narrow" (360 px) or "phone"
    (360 px with a touch screen). `dark` emulates a system dark mode, which the site follows
    until the reader picks a palette with the toggle. By default every page gets a fresh
    context (no stored preferences, empty cache); `shared=True` reuses one context per setting,
    which is faster, for tests that change no stored state (localStorage, cookies).
    `service_workers="block"` (private contexts only) keeps the site's service worker out, for
    tests that replace responses with Playwright's `route`, which a service worker would answer
    first. `base_url`: another server's address (own_server), private contexts only. At
    teardown the test fails if any page recorded a problem that `assert_clean` has not already
    reported (see SitePage.problems).
    """
    opened: list[SitePage] = []
    private_contexts: list[BrowserContext] = []

    def factory(
        path: str | None = "",
        *,
        viewport: str = "desktop",
        dark: bool = False,
        javascript: bool = True,
        shared: bool = False,
        service_workers: str = "allow",
        base_url: str | None = None,
    ) -> SitePage:
        settings = (viewport, dark, javascript)
        if shared and (service_workers != "allow" or base_url):
            raise ValueError("shared contexts allow service workers, on the session's server")
        if shared:
            if settings not in shared_contexts:
                shared_contexts[settings] = new_context(browser, *settings)
            context = shared_contexts[settings]
        else:
            context = new_context(browser, *settings, service_workers)
            private_contexts.append(context)
        site_page = SitePage(context.new_page(), base_url or site_server, javascript)
        site_page.listen()
        opened.append(site_page)
        if path is not None:
            site_page.goto(path)
        return site_page

    yield factory
    problems = [
        f"{p.page.url}: {problem}" for p in opened for problem in p.problems()
        if problem not in p.reported
    ]  # fmt: skip
    for site_page in opened:
        RECORDERS.pop(site_page.page, None)
        site_page.page.close()
    for context in private_contexts:
        context.close()
    assert not problems, "\n".join(problems)


def published_paths() -> list[str]:
    """Every page the site publishes (from sitemap.xml), as paths below the site root."""
    sitemap = SITE / "sitemap.xml"
    if not sitemap.is_file():
        return []
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = ET.parse(sitemap).getroot().iterfind("s:url/s:loc", namespace)
    return [(loc.text or "").removeprefix(SITE_URL) for loc in locations]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`site_path` runs a test once per published page, plus the 404 page."""
    if "site_path" in metafunc.fixturenames:
        paths = published_paths()
        if paths:
            paths.append("404.html")
        # Without a built site there is nothing to list: one case that fails with a message.
        ids = [path or "home" for path in paths] or ["site-not-built"]
        metafunc.parametrize("site_path", paths or [None], ids=ids)
