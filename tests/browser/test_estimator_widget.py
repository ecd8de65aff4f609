"""The estimator widget on the built site (site/estimator/), in headless Chromium.

The widget must show exactly what the estimator computes (checked against `estimate_json` in
CPython on the same order), mark the estimator's own errors at their fields, never run what
the shopper types, round-trip the share link and the calendar file, and pass axe in both
palettes and at 360 px.

Pages come from tests/browser/conftest.py's `open_page`, which fails a test at teardown on any
request to another host, console error, page error or CSP violation. Each Pyodide boot takes
seconds, so each test opens one page and checks one behaviour in several steps.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from estimator.api import estimate_json, respond
from estimator.examples import EXAMPLE_ORDER
from estimator.labels import STATUS_LABELS
from tests.browser.widget import ANSWER_MS, BOOT_MS, WORKER_STARTS, show_example, wait_for_results

pytestmark = pytest.mark.browser

# The fixtures' types (tests/browser/conftest.py): open_page returns a SitePage.
OpenPage = Callable[..., Any]
SitePage = Any

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "site" / "assets" / "runtime"
ORDER = {key: value for key, value in EXAMPLE_ORDER.items() if key != "as_of"}
AXE = Axe()
# Playwright runs expression strings with eval, which the site's CSP blocks: functions only.
STORED_KEYS = "() => Object.keys(localStorage).filter((key) => key.includes('estimator'))"
LOCAL_TODAY = """() => {
  const d = new Date(), pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}"""


# ---------------------------------------------------------------------------- helpers ---


def open_estimator(open_page: OpenPage, path: str = "estimator/", **options: Any) -> SitePage:
    """The estimator page, once the form is there and the runtime has booted (the form comes
    first, from runtime.json; assets/estimator/app.mjs sets data-runtime)."""
    site_page = open_page(path, **options)
    site_page.page.get_by_role("button", name="Try an example").wait_for(timeout=BOOT_MS)
    site_page.page.wait_for_selector(
        "#estimator-widget[data-runtime='ready']", state="attached", timeout=BOOT_MS
    )
    return site_page


def live_example(page: Any) -> dict[str, Any]:
    """The example order as "Try an example" fills it in: its dates moved by the days from
    its `as_of` to the browser's today, so it is always a live case."""
    shift = dt.date.fromisoformat(page.evaluate(LOCAL_TODAY)) - dt.date.fromisoformat(
        EXAMPLE_ORDER["as_of"]
    )
    order = copy.deepcopy(ORDER)
    for name, value in order["dates"].items():
        if value:
            order["dates"][name] = (dt.date.fromisoformat(value) + shift).isoformat()
    return order


def offer_amount(page: Any) -> Any:
    """The seller's offer amount (its path is `seller_offer`, or `seller_offer.amount` once
    the estimator takes an offer's kind too)."""
    return page.locator("[data-path='seller_offer'], [data-alias='seller_offer']")


def choose_situation(page: Any, label: str) -> None:
    page.get_by_role("radio", name=re.compile(label)).check()


def focused_path(page: Any) -> str | None:
    """The estimator input path of the focused form control."""
    path: str | None = page.evaluate("() => document.activeElement.dataset.path")
    return path


def control(page: Any, path: str) -> Any:
    """The form control for an estimator input path, e.g. `items[1].unit_price`."""
    return page.locator(f"[data-path='{path}']")


def expected_estimate(page: Any, order: dict[str, Any]) -> dict[str, Any]:
    """What `python -m estimator estimate` prints for the order, as of the browser's today."""
    today = page.evaluate(LOCAL_TODAY)
    result: dict[str, Any] = json.loads(estimate_json(json.dumps({**order, "as_of": today})))
    return result


def expected_message(page: Any, order: dict[str, Any], path: str) -> str:
    """The estimator's message for one field of a bad order."""
    answer = json.loads(respond(json.dumps(order), page.evaluate(LOCAL_TODAY)))
    assert not answer["ok"]
    return str(next(e["message"] for e in answer["errors"] if e["path"] == path))


def lookup(data: Any, path: str) -> Any:
    """`items[1].refund.low` in the estimate's JSON."""
    for name, index in re.findall(r"([a-z_]+)(?:\[(\d+)\])?", path):
        data = data[name]
        if index:
            data = data[int(index)]
    return data


def shown_values(page: Any) -> dict[str, str]:
    """Every amount and date the results show: data-field -> exact string from the estimator."""
    values: dict[str, str] = page.eval_on_selector_all(
        ".re-results [data-field]",
        """elements => Object.fromEntries(elements.map(
            e => [e.dataset.field, e.dataset.amount ?? e.dataset.date]))""",
    )
    return values


def expected_fields(estimate: dict[str, Any]) -> set[str]:
    """The paths of every amount and date in an estimate."""
    fields = {"paid", "refund.low", "refund.suggested", "refund.high"}
    for i, _item in enumerate(estimate["items"]):
        fields |= {f"items[{i}].paid", f"items[{i}].shipping_share"}
        fields |= {f"items[{i}].refund.{key}" for key in ("low", "suggested", "high")}
    fields |= {f"timeline[{i}].date" for i, e in enumerate(estimate["timeline"]) if e["date"]}
    if estimate["offer"]:
        if estimate["offer"]["amount"] is not None:
            fields.add("offer.amount")
        if estimate["offer"]["counter"]:
            fields.add("offer.counter")
    return fields


def assert_shows(page: Any, estimate: dict[str, Any]) -> None:
    """Every amount and date of the estimate is on screen, each exactly the estimator's."""
    shown = shown_values(page)
    assert set(shown) == expected_fields(estimate)
    for path, value in shown.items():
        assert value == lookup(estimate, path), path


def form_values(page: Any) -> dict[str, str]:
    values: dict[str, str] = page.eval_on_selector_all(
        ".re-form [data-path]",
        "elements => Object.fromEntries(elements.map(e => [e.dataset.path, e.value]))",
    )
    return values


def decode_share_link(url: str) -> Any:
    fragment = url.split("#order=", 1)[1]
    return json.loads(base64.urlsafe_b64decode(fragment + "=" * (-len(fragment) % 4)))


def assert_error_at(page: Any, path: str, message: str) -> None:
    """The field is marked invalid and described by an element holding the message."""
    field = control(page, path)
    expect(field).to_have_attribute("aria-invalid", "true", timeout=ANSWER_MS)
    described_by = (field.get_attribute("aria-describedby") or "").split()
    texts = [page.locator(f"#{ident}").inner_text() for ident in described_by]
    assert any(message in text for text in texts), (path, texts)


def axe_violations(page: Any, context: str | None = None) -> list[str]:
    """axe-core's findings on the whole page (or the `context` selector) as shown now, one
    line per rule."""
    results = AXE.run(page, context=context).response
    return [
        f"{v['id']} ({v['impact']}) at " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in results["violations"]
    ]


# ------------------------------------------------------------------------------ tests ---


def test_results_equal_the_estimators_output(open_page: OpenPage) -> None:
    site_page = open_estimator(open_page)
    page = site_page.page
    show_example(page)
    example = live_example(page)
    # The estimator's example order (one copy, estimator/examples.py), dated relative to today.
    shared = decode_share_link(page.locator(".re-share-input").input_value())
    assert expected_estimate(page, shared) == expected_estimate(page, example)
    assert control(page, "dates.ordered").input_value() == example["dates"]["ordered"]
    # A live case: protection has not ended as of the reader's today.
    assert example["dates"]["protection_ends"] > page.evaluate(LOCAL_TODAY)
    expected = expected_estimate(page, example)
    assert_shows(page, expected)
    results = page.locator(".re-results")
    recommendation = results.locator("[data-recommendation]")
    assert recommendation.get_attribute("data-recommendation") == expected["recommendation"]
    assert page.locator(".re-message").input_value() == expected["message"]
    assert results.locator(".re-warnings li").all_inner_texts() == expected["warnings"]
    assert results.locator(".re-checklist li").all_inner_texts() == expected["evidence"]
    statuses = results.locator(".re-event").evaluate_all("els => els.map(e => e.dataset.status)")
    assert statuses == [event["status"] for event in expected["timeline"]]
    unknown = results.locator(".re-event--unknown")
    assert unknown.count() == sum(1 for e in expected["timeline"] if e["date"] is None)
    expect(unknown.first).to_contain_text("Date not known yet")
    # Each dated step's badge is the estimator's words for its status (estimator/labels.py).
    badges = results.locator(".re-badge").evaluate_all("els => els.map(e => e.textContent)")
    assert badges == [STATUS_LABELS[e["status"]] for e in expected["timeline"] if e["date"]]
    expect(results).to_contain_text("our own model, not an AliExpress figure")
    # What the reader sees is their locale's rendering of the same exact string.
    suggested = expected["refund"]["suggested"]
    locale_text = page.evaluate(
        "([a, c]) => new Intl.NumberFormat(undefined, {style: 'currency', currency: c}).format(a)",
        [suggested, expected["currency"]],
    )
    expect(results.locator("[data-field='refund.suggested']")).to_have_text(locale_text)

    # The message's copy button copies it and says so next to the button.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy the message").click()
    expect(results.locator(".re-copied", has_text="Copied")).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == expected["message"]

    # A seller's offer gets the estimator's verdict, and its amounts are shown too.
    choose_situation(page, "The seller made an offer")
    offer_amount(page).fill("5.00")
    page.locator("[data-field='offer.amount']").wait_for(timeout=ANSWER_MS)
    expected = expected_estimate(page, {**example, "seller_offer": "5.00"})
    verdict = page.locator("[data-verdict]").get_attribute("data-verdict")
    assert verdict == expected["offer"]["verdict"]
    assert_shows(page, expected)


def test_bad_input_shows_the_estimators_messages_and_breaks_nothing(open_page: OpenPage) -> None:
    site_page = open_estimator(open_page, shared=True)  # stores nothing
    page = site_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    show_example(page)

    # A negative price and an impossible date: the estimator's messages, at their fields.
    bad = live_example(page)
    bad["items"][1]["unit_price"] = "-3"
    bad["dates"]["delivered"] = "2026-02-30"
    control(page, "items[1].unit_price").fill("-3")
    control(page, "dates.delivered").fill("2026-02-30")
    price_message = expected_message(page, bad, "items[1].unit_price")
    date_message = expected_message(page, bad, "dates.delivered")
    assert "not a real date" in date_message
    assert_error_at(page, "items[1].unit_price", price_message)
    assert_error_at(page, "dates.delivered", date_message)

    # The last good results stay, marked out of date; the summary links to both fields.
    expect(page.locator(".re-results")).to_have_class(re.compile("re-results--stale"))
    expect(page.locator("[data-field='refund.suggested']")).to_be_visible()
    summary = page.locator(".re-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("a")).to_have_count(2)
    summary.get_by_role("link", name=re.compile("Delivered")).click()
    assert focused_path(page) == "dates.delivered"

    # Fixing the values brings current results back and clears every mark.
    control(page, "items[1].unit_price").fill("12.00")
    control(page, "dates.delivered").fill(live_example(page)["dates"]["delivered"])
    wait_for_results(page)
    expect(page.locator("[aria-invalid='true']")).to_have_count(0)
    expect(summary).to_be_hidden()
    assert_shows(page, expected_estimate(page, live_example(page)))

    # Markup in a name is shown as text: no element is made from it, no script runs.
    name = "<img src=x onerror=alert(1)>"
    control(page, "items[0].name").fill(name)
    expect(page.locator(".re-item-name").first).to_have_text(name, timeout=ANSWER_MS)
    assert page.locator("#estimator-widget img").count() == 0
    assert name in page.locator(".re-message").input_value()
    assert dialogs == []

    # Removing an item moves focus to the item that took its place; adding one focuses it.
    page.get_by_role("button", name="Remove item 1").click()
    assert focused_path(page) == "items[0].name"
    assert control(page, "items[0].name").input_value() == "Phone case"
    wait_for_results(page)
    page.get_by_role("button", name="Add an item").click()
    assert focused_path(page) == "items[1].name"
    site_page.assert_clean()


def test_share_link_and_calendar_file(open_page: OpenPage) -> None:
    site_page = open_estimator(open_page)
    page = site_page.page
    show_example(page)
    link = page.locator(".re-share-input").input_value()
    shared_order = decode_share_link(link)
    assert "as_of" not in shared_order  # the widget sends today, never a fixed as_of
    assert expected_estimate(page, shared_order) == expected_estimate(page, live_example(page))

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the dates (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == "refund-deadlines.ics"
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    starts = sorted(event.decoded("dtstart").isoformat() for event in calendar.walk("VEVENT"))
    expected = expected_estimate(page, live_example(page))
    assert starts == sorted(e["date"] for e in expected["timeline"] if e["date"])

    # A new browser (no memory, no storage) opening the link gets the same form and results.
    other = open_estimator(open_page, link.removeprefix(site_page.base_url))
    wait_for_results(other.page)
    assert form_values(other.page) == form_values(page)
    assert shown_values(other.page) == shown_values(page)
    site_page.assert_clean()
    other.assert_clean()


def test_accessible_in_both_palettes_and_at_360_px(open_page: OpenPage) -> None:
    # The blank form (as loaded) is covered by test_pages.py's whole-page checks.
    site_page = open_estimator(open_page)
    page = site_page.page
    show_example(page)
    control(page, "items[1].unit_price").fill("-3")  # results, out of date, and an error
    expect(control(page, "items[1].unit_price")).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == "default"
    assert axe_violations(page) == [], "light palette"
    control(page, "items[1].unit_price").fill("12.00")
    wait_for_results(page)
    page.get_by_title("Switch to dark mode").click()
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
    assert axe_violations(page) == [], "dark palette"

    page.set_viewport_size({"width": 360, "height": 740})
    overflow = page.evaluate("() => document.scrollingElement.scrollWidth - innerWidth")
    assert overflow <= 0, "the page scrolls sideways at 360 px"
    heights = page.eval_on_selector_all(
        "#estimator-widget button, #estimator-widget .re-input",
        "els => els.filter(e => e.offsetParent).map(e => e.getBoundingClientRect().height)",
    )
    assert min(heights) >= 44, "touch targets are at least 44 px high"
    site_page.assert_clean()


def test_remembering_on_this_device_is_opt_in(open_page: OpenPage) -> None:
    site_page = open_estimator(open_page)
    page = site_page.page
    remember = page.get_by_label("Remember this order on this device")
    expect(remember).not_to_be_checked()
    show_example(page)
    assert page.evaluate(STORED_KEYS) == []
    remember.check()
    site_page.goto("estimator/")  # a full page load: the order comes back from storage
    wait_for_results(page)
    expect(page.get_by_label("Remember this order on this device")).to_be_checked()
    assert control(page, "items[1].name").input_value() == "Phone case"
    page.get_by_role("button", name="Forget it now").click()
    expect(page.get_by_label("Remember this order on this device")).not_to_be_checked()
    assert page.evaluate(STORED_KEYS) == []
    site_page.assert_clean()


# Clicks "Try an example" the moment the button is on the page: in a microtask right after the
# task that drew the form, before the task that fills it in.
CLICK_EXAMPLE_AT_ONCE = """
new MutationObserver((records, observer) => {
  const button = [...document.querySelectorAll("button")]
    .find((b) => b.textContent.includes("Try an example"));
  if (!button) return;
  observer.disconnect();
  button.click();
}).observe(document, { childList: true, subtree: true });
"""


def test_a_click_before_the_form_is_filled_in_is_kept(open_page: OpenPage) -> None:
    """The form is drawn first and filled in (here from a share link) a task later: a shopper
    who acts in between keeps what they did."""
    site_page = open_estimator(open_page)
    page = site_page.page
    show_example(page)
    control(page, "items[0].name").fill("Shared thing")
    wait_for_results(page)
    link = page.locator(".re-share-input").input_value()
    page.add_init_script(CLICK_EXAMPLE_AT_ONCE)
    page.goto(link.replace("#", "?again#"), wait_until="networkidle")  # a new page load
    wait_for_results(page, BOOT_MS)
    expect(page.locator(".re-note")).to_contain_text("example order is filled in")
    assert control(page, "items[0].name").input_value() == "USB-C cable"
    site_page.assert_clean()


def test_without_javascript_or_webassembly_the_page_says_so(open_page: OpenPage) -> None:
    without_js = open_page("estimator/", javascript=False)
    note = without_js.page.locator("#estimator-widget .re-noscript")
    expect(note).to_be_visible()
    expect(note).to_contain_text("needs JavaScript and WebAssembly")
    expect(without_js.page.locator("#command-line")).to_be_visible()  # the CLI section

    without_wasm = open_page(None)
    without_wasm.page.add_init_script("delete window.WebAssembly")
    without_wasm.goto("estimator/")
    widget = without_wasm.page.locator("#estimator-widget")
    expect(widget).to_contain_text("Your browser cannot run the estimator")
    expect(widget.get_by_role("link", name="use it from the command line")).to_be_visible()
    assert without_wasm.page.evaluate(WORKER_STARTS) is None


# A browser without module workers: it ignores `type` and runs the script as a classic one.
CLASSIC_WORKERS_ONLY = """
const BrowserWorker = window.Worker;
window.Worker = class extends BrowserWorker {
  constructor(url, options) { super(url, { name: options && options.name }); }
};
"""


def test_a_browser_without_module_workers_is_told_so(open_page: OpenPage) -> None:
    """The widget module loads after the runtime found it cannot start its worker: the page
    still says why, instead of "Loading the form" for ever."""
    site_page = open_page(None)
    site_page.page.add_init_script(CLASSIC_WORKERS_ONLY)
    # "load", not "networkidle": the worker the browser started and the page ended at once
    # leaves its script's request open.
    site_page.goto("estimator/", wait_until="load")
    widget = site_page.page.locator("#estimator-widget")
    expect(widget).to_contain_text("Your browser cannot run the estimator")
    expect(widget).to_contain_text("module Web Workers")
    expect(widget.get_by_role("link", name="use it from the command line")).to_be_visible()
    expect(widget.locator(".re-loading")).to_have_count(0)
    expect(widget.locator(".re-results")).to_have_count(0)
    site_page.assert_clean()


def test_other_pages_start_no_worker(open_page: OpenPage) -> None:
    """The widget's module runs on every page, but only the estimator page loads Pyodide."""
    site_page = open_page("how-the-estimator-works/")
    assert site_page.page.evaluate(WORKER_STARTS) is None
    site_page.assert_clean()


def test_stated_download_size_matches_the_runtime(open_page: OpenPage) -> None:
    """The loading message states runtime.json's download size: it must match the files
    each way of booting fetches (scripts/build_runtime.py)."""
    manifest = json.loads((RUNTIME / "runtime.json").read_text())
    engine = [manifest["base"] + name for name in manifest["core"] if not name.endswith(".zip")]
    ways = {
        "snapshot": [*engine, manifest["snapshot_stdlib"], manifest["lock"], manifest["snapshot"]],
        "full": [*engine, manifest["stdlib"], manifest["lock"], manifest["wheel"]],
    }
    for way, files in ways.items():
        actual = sum((RUNTIME / name).stat().st_size for name in files)
        assert manifest["download"][way] == actual, way
    # What the shopper reads while the runtime downloads (held here: the message stays).
    site_page = open_page(None, service_workers="block")
    site_page.page.route("**/pyodide.asm.wasm", lambda route: None)  # never answered
    site_page.goto("estimator/", wait_until="domcontentloaded")
    megabytes = math.floor(manifest["download"]["snapshot"] / 100_000 + 0.5) / 10
    expect(site_page.page.locator(".re-runtime")).to_contain_text(
        f"this downloads about {megabytes:g} MB"
    )
    site_page.assert_clean()
