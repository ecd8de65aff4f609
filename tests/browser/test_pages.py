"""Every published page in headless Chromium: no other host, no errors, no CSP violation,
no axe-core violation in the light and the dark palette, no sideways scrolling at 360 px;
plus the theme's moving parts: palette toggle, FAQ anchors, search, 404.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

AXE = Axe()
NARROW_WIDTH = 360
# The fixtures' types (tests/browser/conftest.py): open_page returns a SitePage.
OpenPage = Callable[..., Any]
SitePage = Any


def axe_violations(site_page: SitePage) -> list[str]:
    """axe-core's findings on the page as shown now, one readable line per rule."""
    results = AXE.run(site_page.page).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in results["violations"]
    ]


def color_scheme(site_page: SitePage) -> str:
    return str(site_page.page.locator("body").get_attribute("data-md-color-scheme"))


# --- Every page --------------------------------------------------------------------------------


def test_page_light_palette_desktop(open_page: OpenPage, site_path: str) -> None:
    site_page = open_page(site_path, shared=True)
    assert color_scheme(site_page) == "default"
    assert axe_violations(site_page) == []
    site_page.assert_clean()


def test_page_dark_palette_at_360px(open_page: OpenPage, site_path: str) -> None:
    site_page = open_page(site_path, viewport="narrow", dark=True, shared=True)
    assert color_scheme(site_page) == "slate"
    scroll_width = site_page.page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll_width <= NARROW_WIDTH, f"the page scrolls sideways: {scroll_width}px wide"
    assert axe_violations(site_page) == []
    site_page.assert_clean()


# --- Theme behaviour ---------------------------------------------------------------------------


def test_palette_toggle_switches_and_is_remembered(open_page: OpenPage) -> None:
    site_page = open_page("")
    page = site_page.page
    page.get_by_title("Switch to dark mode").click()
    assert color_scheme(site_page) == "slate"
    site_page.goto("faq/")  # a full page load: the choice comes from localStorage
    assert color_scheme(site_page) == "slate"
    page.get_by_title("Switch to light mode").click()
    assert color_scheme(site_page) == "default"


def first_question_ids(site_page: SitePage, count: int) -> list[str]:
    ids = site_page.page.evaluate("[...document.querySelectorAll('details[id]')].map(d => d.id)")
    assert len(ids) >= count, "the FAQ has too few questions with an id"
    return list(ids[:count])


def is_open(site_page: SitePage, element_id: str) -> bool:
    return bool(site_page.page.evaluate("(id) => document.getElementById(id).open", element_id))


def wait_until_open(site_page: SitePage, element_id: str) -> None:
    site_page.page.wait_for_function("(id) => document.getElementById(id)?.open", arg=element_id)


def test_link_to_a_question_opens_its_answer(open_page: OpenPage) -> None:
    site_page = open_page("faq/")
    first, second = first_question_ids(site_page, 2)
    site_page.goto("")
    site_page.goto(f"faq/#{first}")  # a link from outside: a full page load
    wait_until_open(site_page, first)
    assert not is_open(site_page, second)
    site_page.page.evaluate("(id) => { location.hash = id; }", second)  # a link on the page
    wait_until_open(site_page, second)
    site_page.assert_clean()


def test_faq_answers_open_without_javascript(open_page: OpenPage) -> None:
    site_page = open_page("faq/", javascript=False)
    questions = site_page.page.locator("details.question > summary")
    assert questions.count() >= 20
    questions.first.click()
    assert site_page.page.locator("details.question").first.get_attribute("open") is not None


def test_search_finds_pages(open_page: OpenPage) -> None:
    site_page = open_page("")
    page = site_page.page
    # Typed key by key: Material searches on keyup, which fill() does not send.
    box = page.get_by_role("textbox", name="Search")
    box.press_sequentially("chargeback")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length")
    assert page.locator(".md-search-result__item a[href*='other-routes']").count() >= 1
    box.fill("")
    box.press_sequentially("customs")
    page.wait_for_function(
        "() => document.querySelector(\".md-search-result__item a[href*='refund-arrival']\")"
    )
    site_page.assert_clean()


def test_unknown_address_gets_the_404_page(open_page: OpenPage) -> None:
    site_page = open_page(None)
    response = site_page.page.goto(site_page.base_url + "no/such/page/")
    assert response is not None
    assert response.status == 404
    assert site_page.page.locator("h1").inner_text() == "Page not found"
    # Chromium logs the 404 status itself: expected here, so it is not a problem.
    site_page.console_errors[:] = [e for e in site_page.console_errors if "404" not in e]
    site_page.page.get_by_role("link", name="Frequently asked questions").click()
    site_page.page.wait_for_url("**/faq/")


def test_page_metadata_reaches_the_browser(open_page: OpenPage) -> None:
    """The CSP arrives as a <meta> tag, and the FAQ's JSON-LD parses in the browser."""
    site_page = open_page("faq/")
    csp = site_page.page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    assert csp is not None
    assert "script-src 'self' 'wasm-unsafe-eval'" in csp
    raw = site_page.page.locator("script[type='application/ld+json']").first.text_content()
    assert json.loads(raw or "")["@type"] == "FAQPage"
