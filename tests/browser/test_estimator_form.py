"""The estimator form's questions and the shopper's own data, in headless Chromium.

"What happened?" comes first and each answer shows only the fields it needs; an old share
link still opens with the same figures; links and the copy remembered on this device never
replace what the shopper typed or remembered without saying so and offering it back; the form
keeps to the estimator's item limit and refuses a link with thousands of items at once.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from estimator.form_facts import form_facts
from estimator.validation import MAX_ITEMS
from tests.browser.test_estimator_widget import (
    LOCAL_TODAY,
    STORED_KEYS,
    OpenPage,
    assert_shows,
    axe_violations,
    control,
    decode_share_link,
    expected_estimate,
    open_estimator,
)
from tests.browser.widget import ANSWER_MS, show_example, wait_for_results

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures"
# Made with the widget as it was before "What happened?" (share.mjs at main aa1cce6).
V1_LINK = json.loads((FIXTURES / "share_link_v1.json").read_text())
STORAGE_KEY = "partial-refund-guide.estimator.order"
# Visible fields of the form before "What happened?" for a damaged item: currency, payment,
# name, price, quantity, problem, severity, units, keep, shipping, discount, tax, nine dates
# and the seller's offer.
FIELDS_BEFORE = 22


def link_for(order: dict[str, Any]) -> str:
    text = base64.urlsafe_b64encode(json.dumps(order).encode()).decode().rstrip("=")
    return f"#order={text}"


def visible_fields(page: Any) -> list[str]:
    paths: list[str] = page.eval_on_selector_all(
        ".re-form [data-path]",
        "els => els.filter(e => e.checkVisibility()).map(e => e.dataset.path)",
    )
    return paths


def stored_order(page: Any) -> Any:
    text = page.evaluate(f"() => localStorage.getItem({json.dumps(STORAGE_KEY)})")
    return json.loads(text) if text else None


def open_link_in_page(page: Any, fragment: str) -> None:
    """The address changes while the page is open (a link opened in the same tab)."""
    page.evaluate("(hash) => { location.hash = hash; }", fragment)


def item_names(page: Any) -> list[str]:
    names: list[str] = page.eval_on_selector_all(
        ".re-form [data-path$='].name']", "els => els.map(e => e.value)"
    )
    return names


# The results on screen are for an order with these values (`path`: value, one dot at most).
SHARED_ORDER_HAS = """(sent) => {
  const link = document.querySelector(".re-share-input")?.value ?? "";
  if (!link.includes("#order=")) return false;
  const text = link.split("#order=")[1].replace(/-/g, "+").replace(/_/g, "/");
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const order = JSON.parse(new TextDecoder().decode(bytes));
  return Object.entries(sent).every(([path, value]) => {
    const [head, tail] = path.split(".");
    const found = tail ? (order[head] ?? {})[tail] : order[head];
    return JSON.stringify(found) === JSON.stringify(value);
  });
}"""


def days_from_today(page: Any, days: int) -> str:
    return (dt.date.fromisoformat(page.evaluate(LOCAL_TODAY)) + dt.timedelta(days)).isoformat()


def assert_same_as_the_cli(page: Any, sent: dict[str, Any]) -> dict[str, Any]:
    """What the widget shows for the order it sent (its share link) is what
    `estimator.api.estimate_json` gives in CPython, to the last figure and word."""
    page.wait_for_function(SHARED_ORDER_HAS, arg=sent, timeout=ANSWER_MS)
    wait_for_results(page)
    shared = decode_share_link(page.locator(".re-share-input").input_value())
    for path, value in sent.items():
        head, _, tail = path.partition(".")
        assert (shared[head][tail] if tail else shared[head]) == value, path
    expected = expected_estimate(page, shared)
    assert_shows(page, expected)
    recommendation = page.locator("[data-recommendation]").get_attribute("data-recommendation")
    assert recommendation == expected["recommendation"]
    # Shown in words, not as the estimator's code.
    words = page.locator("[data-recommendation]").inner_text()
    assert words
    assert words != expected["recommendation"]
    if expected["message_to"] == "none":
        expect(page.locator(".re-message")).to_have_count(0)
    else:
        assert page.locator(".re-message").input_value() == expected["message"]
    results = page.locator(".re-results")
    assert results.locator(".re-warnings li").all_inner_texts() == expected["warnings"]
    statuses = results.locator(".re-event").evaluate_all("els => els.map(e => e.dataset.status)")
    assert statuses == [event["status"] for event in expected["timeline"]]
    return expected


# ------------------------------------------------------------------------------ tests ---


def test_the_new_questions_give_the_clis_answers(open_page: OpenPage) -> None:
    site_page = open_estimator(open_page, shared=True)
    page = site_page.page

    # Nothing arrived, though tracking says it was delivered.
    page.get_by_role("radio", name="Nothing arrived").check()
    control(page, "order_number").fill("8123456789012345")
    control(page, "items[0].name").fill("Desk lamp")
    control(page, "items[0].unit_price").fill("18.90")
    control(page, "delivery_status").select_option("tracking_delivered_not_received")
    control(page, "dates.ordered").fill(days_from_today(page, -40))
    control(page, "dates.promised_delivery").fill(days_from_today(page, -5))
    control(page, "dates.protection_ends").fill(days_from_today(page, 10))
    assert_same_as_the_cli(
        page,
        {"order_number": "8123456789012345", "delivery_status": "tracking_delivered_not_received"},
    )

    # The seller offered a coupon for an item the shopper cannot use.
    page.get_by_role("radio", name="The seller made an offer").check()
    control(page, "payment_method").select_option("credit_card")
    control(page, "items[0].problem.kind").select_option("damaged")
    control(page, "items[0].problem.severity").select_option("severe")
    control(page, "items[0].usable").select_option("no")
    control(page, "seller_offer.kind").select_option("coupon")
    control(page, "seller_offer.amount").fill("5.00")
    control(page, "dates.delivered").fill(days_from_today(page, -3))
    control(page, "dispute_status").select_option("open")
    control(page, "dates.dispute_opened").fill(days_from_today(page, -1))
    expected = assert_same_as_the_cli(
        page, {"seller_offer": {"kind": "coupon", "amount": "5.00"}, "dispute_status": "open"}
    )
    verdict = page.locator("[data-verdict]")
    assert verdict.get_attribute("data-verdict") == expected["offer"]["verdict"]
    # The headline is the estimator's words for its verdict (estimator/labels.py).
    expect(verdict).to_have_text(form_facts()["verdicts"][expected["offer"]["verdict"]])
    assert axe_violations(page) == [], "the offer's questions"

    # Sending it back: the return's postage is asked for, and weighed.
    control(page, "items[0].keep").select_option("return")
    control(page, "return_postage").fill("14.00")
    assert_same_as_the_cli(page, {"return_postage": "14.00"})

    # The refund is late, on a debit card.
    page.get_by_role("radio", name="The refund is late").check()
    control(page, "payment_method").select_option("debit_card")
    control(page, "dates.refund_issued").fill(days_from_today(page, -1))
    assert_same_as_the_cli(page, {"payment_method": "debit_card"})
    site_page.assert_clean()


def test_what_happened_comes_first_and_asks_only_what_it_needs(open_page: OpenPage) -> None:
    site_page = open_estimator(open_page, shared=True)
    page = site_page.page
    # A blank form asks one question.
    expect(page.get_by_role("group", name="What happened?")).to_be_visible()
    assert visible_fields(page) == []
    expect(page.locator(".re-results")).to_contain_text("What happened?")

    # Something wrong with an item: no longer a form than before, and the problem questions.
    page.get_by_role("radio", name=re.compile("Something is wrong with an item")).check()
    control(page, "items[0].problem.kind").select_option("damaged")
    simple = visible_fields(page)
    assert len(simple) <= FIELDS_BEFORE, simple
    assert "items[0].problem.severity" in simple
    assert "seller_offer" not in " ".join(simple)
    assert "dates.refund_issued" not in simple

    # Nothing arrived: no problem questions for the items, and the shipping dates.
    page.get_by_role("radio", name=re.compile("Nothing arrived")).check()
    arrived = visible_fields(page)
    assert "items[0].problem.kind" not in arrived
    assert {"dates.shipped", "dates.promised_delivery"} <= set(arrived)
    assert "dates.delivered" not in arrived

    # The refund is late: the refund's date.
    page.get_by_role("radio", name=re.compile("The refund is late")).check()
    assert "dates.refund_issued" in visible_fields(page)
    site_page.assert_clean()


def test_a_link_made_by_the_first_widget_opens_with_the_same_figures(open_page: OpenPage) -> None:
    site_page = open_estimator(open_page, "estimator/" + V1_LINK["fragment"])
    page = site_page.page
    wait_for_results(page)
    assert_shows(page, expected_estimate(page, V1_LINK["order"]))
    # It opens on the answer its fields belong to, every field it has filled in shown.
    expect(page.get_by_role("radio", name=re.compile("The seller made an offer"))).to_be_checked()
    assert item_names(page) == [item["name"] for item in V1_LINK["order"]["items"]]
    assert control(page, "dates.shipped").input_value() == V1_LINK["order"]["dates"]["shipped"]
    site_page.assert_clean()


def test_a_link_never_replaces_the_shoppers_order_silently(open_page: OpenPage) -> None:
    site_page = open_estimator(open_page)
    page = site_page.page
    show_example(page)
    page.get_by_label("Remember this order on this device").check()
    control(page, "items[0].name").fill("My own cable")
    wait_for_results(page)
    assert stored_order(page)["items"][0]["name"] == "My own cable"

    # A link opened in this tab: the form shows it, says so, and the remembered order stays.
    open_link_in_page(page, V1_LINK["fragment"])
    note = page.locator(".re-note")
    expect(note).to_contain_text("order from the link", timeout=ANSWER_MS)
    expect(note).to_contain_text("remembered order is still kept")
    wait_for_results(page)
    expect(control(page, "items[0].name")).to_have_value("Wireless earbuds")
    control(page, "items[0].name").fill("Earbuds, edited")  # typing in it does not save it
    wait_for_results(page)
    assert stored_order(page)["items"][0]["name"] == "My own cable"

    # Going back brings the shopper's order.
    page.get_by_role("button", name="Go back to your order").click()
    wait_for_results(page)
    expect(control(page, "items[0].name")).to_have_value("My own cable")

    # A new page load on a link: the same; the shopper may keep the link's order instead.
    site_page.goto("estimator/?again" + V1_LINK["fragment"])
    wait_for_results(page)
    expect(control(page, "items[0].name")).to_have_value("Wireless earbuds")
    assert stored_order(page)["items"][0]["name"] == "My own cable"
    page.get_by_role("button", name="Remember this one instead").click()
    expect(note).to_contain_text("now the one remembered")
    assert stored_order(page)["items"][0]["name"] == "Wireless earbuds"
    site_page.assert_clean()


def test_the_example_and_start_over_can_be_undone(open_page: OpenPage) -> None:
    site_page = open_estimator(open_page, shared=True)
    page = site_page.page
    show_example(page)
    control(page, "items[0].name").fill("Typed by me")
    wait_for_results(page)
    page.get_by_role("button", name="Start over").click()
    expect(page.locator(".re-note")).to_contain_text("The form is cleared")
    assert visible_fields(page) == []
    page.get_by_role("button", name="Undo").click()
    wait_for_results(page)
    expect(control(page, "items[0].name")).to_have_value("Typed by me")
    site_page.assert_clean()


def test_the_form_keeps_to_the_estimators_item_limit(open_page: OpenPage) -> None:
    assert form_facts()["max_items"] == MAX_ITEMS  # the limit comes from the estimator
    item = {"name": "Bead", "unit_price": "0.10", "quantity": 1, "problem": {"kind": "missing"}}
    full = {"currency": "USD", "payment_method": "card", "items": [item] * MAX_ITEMS}
    site_page = open_estimator(open_page, "estimator/" + link_for(full), shared=True)
    page = site_page.page
    wait_for_results(page)
    expect(page.locator(".re-item legend").last).to_have_text(f"Item {MAX_ITEMS}")
    add = page.get_by_role("button", name="Add an item")
    expect(add).to_be_disabled()
    expect(page.locator(".re-form")).to_contain_text(f"at most {MAX_ITEMS} items")
    site_page.assert_clean()


def test_a_link_with_thousands_of_items_is_refused_at_once(open_page: OpenPage) -> None:
    site_page = open_estimator(open_page, shared=True)
    page = site_page.page
    show_example(page)
    item = {"name": "Bead", "unit_price": "0.10", "quantity": 1}
    huge = link_for({"currency": "USD", "payment_method": "card", "items": [item] * 2000})
    open_link_in_page(page, huge)
    # Refused well under a second after the address changed, the shopper's form untouched.
    expect(page.locator(".re-note")).to_contain_text("was not opened", timeout=1000)
    expect(page.locator(".re-note")).to_contain_text(f"at most {MAX_ITEMS} items")
    expect(control(page, "items[0].name")).to_have_value("USB-C cable")
    expect(control(page, "items[1].name")).to_have_value("Phone case")
    expect(control(page, "items[2].name")).to_have_count(0)

    # The same link in a new page: refused, the form starts blank.
    page.goto(page.url.replace("#", "?again#"), wait_until="domcontentloaded")
    expect(page.locator(".re-note")).to_contain_text("was not opened", timeout=ANSWER_MS)
    assert visible_fields(page) == []
    assert page.evaluate(STORED_KEYS) == []
    site_page.assert_clean()


def test_phones_get_the_date_picker(open_page: OpenPage) -> None:
    site_page = open_estimator(open_page, viewport="phone")
    page = site_page.page
    show_example(page)
    delivered = control(page, "dates.delivered")
    assert delivered.get_attribute("type") == "date"
    # A picked date reaches the estimator like a typed one.
    delivered.fill(days_from_today(page, -2))
    assert_same_as_the_cli(page, {"dates.delivered": days_from_today(page, -2)})
    expect(page.locator(".re-sticky")).to_be_visible()  # the phone's summary bar stays
    assert axe_violations(page, "#estimator-widget") == []

    # A date left half picked: the estimator's own message, at the field.
    ordered = control(page, "dates.ordered")
    ordered.fill("")
    ordered.press_sequentially("10")
    assert ordered.evaluate("e => e.validity.badInput")
    ordered.blur()
    expect(ordered).to_have_attribute("aria-invalid", "true", timeout=ANSWER_MS)
    described = (ordered.get_attribute("aria-describedby") or "").split()
    texts = [page.locator(f"#{ident}").inner_text() for ident in described]
    assert any("YYYY-MM-DD" in text for text in texts), texts
    site_page.assert_clean()


def test_a_remembered_order_too_large_is_not_opened(open_page: OpenPage) -> None:
    site_page = open_estimator(open_page)
    page = site_page.page
    item = {"name": "Bead", "unit_price": "0.10", "quantity": 1}
    huge = {"currency": "USD", "payment_method": "card", "items": [item] * 3000}
    page.evaluate(
        "([key, text]) => localStorage.setItem(key, text)", [STORAGE_KEY, json.dumps(huge)]
    )
    site_page.goto("estimator/")
    expect(page.locator(".re-note")).to_contain_text("remembered on this device was not opened")
    assert visible_fields(page) == []
    site_page.assert_clean()


def test_on_a_wide_screen_the_results_stay_beside_the_form(open_page: OpenPage) -> None:
    site_page = open_estimator(open_page, shared=True)
    page = site_page.page
    page.set_viewport_size({"width": 1440, "height": 900})
    show_example(page)
    form_box = page.locator(".re-form").bounding_box()
    results_box = page.locator(".re-results").bounding_box()
    assert form_box
    assert results_box
    assert results_box["x"] >= form_box["x"] + form_box["width"], "results beside the form"
    # Typing further down the form: the results, from their top, are still in view.
    control(page, "items[1].unit_price").fill("13.00")
    wait_for_results(page)
    box = page.locator(".re-results").evaluate("e => e.getBoundingClientRect().toJSON()")
    assert page.evaluate("() => scrollY") > 500, "the page has scrolled down to the field"
    assert 0 <= box["top"] < 200, box
    expect(page.locator(".re-sticky")).to_be_hidden()
    site_page.assert_clean()
