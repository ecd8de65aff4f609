"""Speed and offline behaviour of the estimator on the built site, in headless Chromium.

No timings here (they belong to `make bench`, scripts/bench_site.py): these tests check the
mechanisms the speed and the offline use rest on.

- The form is drawn from runtime.json's option lists, without waiting for Python.
- The runtime starts when the estimator page opens (from its memory snapshot, started from the
  page's head), never on a guide page, and on a connection that asks to save data only when the
  shopper acts (and then without the snapshot).
- When the snapshot cannot be used (damaged, or made for another Pyodide), the worker says so
  in a console warning and boots the normal way: the estimate still appears.
- After a first visit, with the network off, a guide page and an estimate still work.
- While the runtime is still starting, the estimator page's own parts (palette switch, search)
  work. On that page Material's bundle waits until the estimator is quiet (its runtime ready,
  no question waiting), or 3 s at most, and works afterwards.

Pages come from tests/browser/conftest.py's `open_page`, which fails a test on any request to
another host, failed request, console error, page error or CSP violation. Tests that replace
responses (Playwright's `route`) block the service worker, which would otherwise answer first.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.widget import BOOT_MS, WIDGET, WORKER_STARTS, show_example

pytestmark = pytest.mark.browser

OpenPage = Callable[..., Any]
ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
MANIFEST = SITE / "assets" / "runtime" / "runtime.json"
# The user interface's modules: loaded on the estimator page only (every page loads widget.mjs,
# runtime.mjs and names.mjs, a few kB, which start nothing).
APP_MODULE = re.compile(r"/assets/estimator/(?!widget\.mjs|runtime\.mjs|names\.mjs)[a-z-]+\.mjs$")
SAVE_DATA = """
Object.defineProperty(Navigator.prototype, "connection", {
  configurable: true, get: () => ({ saveData: true, effectiveType: "4g" }),
});
"""


def manifest() -> dict[str, Any]:
    if not MANIFEST.is_file():
        pytest.fail("site/ has not been built: run `make site`", pytrace=False)
    data: dict[str, Any] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return data


def record_requests(site_page: Any) -> list[str]:
    """Paths of every request the page (and its worker) makes from now on."""
    paths: list[str] = []
    site_page.page.on(
        "request", lambda request: paths.append(request.url.removeprefix(site_page.base_url))
    )
    return paths


def record_console(site_page: Any) -> list[str]:
    messages: list[str] = []
    site_page.page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    return messages


def runtime_state(page: Any) -> dict[str, str | None]:
    state: dict[str, str | None] = page.eval_on_selector(
        WIDGET, "el => ({runtime: el.dataset.runtime ?? null, boot: el.dataset.boot ?? null})"
    )
    return state


def wait_for_runtime(page: Any) -> None:
    page.wait_for_selector(f"{WIDGET}[data-runtime='ready']", state="attached", timeout=BOOT_MS)


def runtime_files(paths: list[str]) -> list[str]:
    return [p for p in paths if p.startswith("assets/runtime/")]


# ------------------------------------------------------------------------------ tests ---


def test_form_is_drawn_before_python_runs(open_page: OpenPage) -> None:
    """With Pyodide held back, the whole form is there, its options from runtime.json."""
    site_page = open_page(None, service_workers="block")
    page = site_page.page
    held: list[Any] = []

    def hold(route: Any) -> None:  # answered at the end of the test
        held.append(route)

    page.route("**/pyodide.mjs", hold)
    site_page.goto("estimator/", wait_until="load")
    page.get_by_role("button", name="Try an example").wait_for()
    options = manifest()["options"]
    currencies = page.locator("[data-path='currency'] option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    assert currencies == [c["code"] for c in options["currencies"]]
    methods = page.locator("[data-path='payment_method'] option").evaluate_all(
        "options => options.map(o => o.textContent)"
    )
    assert methods == [m["label"] for m in options["methods"]]
    kinds = page.locator("[data-path='items[0].problem.kind'] option").evaluate_all(
        "options => options.slice(1).map(o => [o.value, o.textContent])"
    )
    assert kinds == [[k["value"], k["label"]] for k in options["kinds"]]
    assert runtime_state(page)["runtime"] == "starting"
    expect(page.locator(".re-runtime")).to_contain_text("Starting the estimator")
    # A start that takes a while also shows a moving bar (a quick one does not: app.mjs).
    expect(page.locator(".re-progress")).to_be_visible()
    assert page.evaluate(WORKER_STARTS) == 1  # started at page load, before any click
    # The example can be used at once; its results come when Python is ready.
    page.get_by_role("button", name="Try an example").click()
    assert held, "the worker never asked for pyodide.mjs"
    for route in held:
        route.continue_()
    page.unroute("**/pyodide.mjs")
    show_example(page, BOOT_MS)
    assert runtime_state(page) == {"runtime": "ready", "boot": "snapshot"}
    expect(page.locator(".re-progress")).to_be_hidden()


def test_runtime_starts_on_the_estimator_page_from_its_snapshot(open_page: OpenPage) -> None:
    site_page = open_page(None, service_workers="block")
    paths = record_requests(site_page)
    site_page.goto("estimator/")
    page = site_page.page
    wait_for_runtime(page)  # with no click: it starts when the page opens
    assert runtime_state(page)["boot"] == "snapshot"
    runtime = manifest()
    base = "assets/runtime/" + runtime["base"]
    fetched = set(runtime_files(paths))
    assert "assets/runtime/" + runtime["snapshot"] in fetched
    assert base + "pyodide.asm.wasm" in fetched
    assert not any(p.endswith(".whl") or p.endswith("bridge.py") for p in fetched), fetched
    # After a restore Python reads no file of its standard library: the empty zip, not the real.
    assert "assets/runtime/" + runtime["snapshot_stdlib"] in fetched
    assert "assets/runtime/" + runtime["stdlib"] not in fetched
    # Started from the page's head (overrides/main.html), not once the whole page has loaded.
    head = page.eval_on_selector_all(
        "head script[type=module], head link[rel=modulepreload]",
        "elements => elements.map(e => e.src || e.href)",
    )
    estimator = site_page.base_url + "assets/estimator/"
    assert estimator + "start.mjs" in head
    show_example(page, BOOT_MS)
    site_page.assert_clean()


# A module worker that never answers: only the page's own modules load (the form needs no
# Python). It reads `type` as a module worker does (runtime.mjs checks).
SILENT_WORKER = """
window.Worker = class {
  constructor(url, options) { this.type = options.type; }
  postMessage() {}
  terminate() {}
  addEventListener() {}
  removeEventListener() {}
};
"""
# A link a script gives rel="modulepreload" becomes a plain link, which loads nothing.
NO_SCRIPT_PRELOADS = """
Object.defineProperty(HTMLLinkElement.prototype, "rel", {
  configurable: true,
  get() { return this.getAttribute("rel"); },
  set(value) { this.setAttribute("rel", value === "modulepreload" ? "x-not-preloaded" : value); },
});
"""
ESTIMATOR_MODULE = re.compile(r"/assets/estimator/([a-z-]+\.mjs)$")
ALL_ESTIMATOR_MODULES = "**/assets/estimator/*.mjs"


def record_estimator_modules(page: Any) -> list[str]:
    """Names of the estimator modules the page asks for from now on, in order."""
    names: list[str] = []

    def seen(request: Any) -> None:
        if found := ESTIMATOR_MODULE.search(request.url):
            names.append(found[1])

    page.on("request", seen)
    return names


def modules_asked_for_without_preloads(open_page: OpenPage) -> list[str]:
    """The estimator page's modules in the order the page asks for them when none is preloaded
    (not from the page's head, not by a script), so each is asked for only once the module
    that imports it has arrived."""
    site_page = open_page(None, service_workers="block")
    page = site_page.page
    page.add_init_script(SILENT_WORKER + NO_SCRIPT_PRELOADS)

    def without_head_preloads(route: Any) -> None:
        response = route.fetch()
        body = response.text().replace('rel="modulepreload"', 'rel="x-not-preloaded"')
        route.fulfill(response=response, body=body)

    page.route("**/estimator/", without_head_preloads)
    asked = record_estimator_modules(page)
    site_page.goto("estimator/", wait_until="load")
    page.get_by_role("button", name="Try an example").wait_for()
    site_page.page.close()
    return asked


def wait_until_asked(page: Any, asked: list[str], expected: set[str], why: str) -> None:
    """Until the page has asked for every module in `expected`; fails the test if it never
    does."""
    deadline = time.monotonic() + 10
    while not expected <= set(asked):
        if time.monotonic() > deadline:
            pytest.fail(f"{why}: never asked for {sorted(expected - set(asked))}")
        page.wait_for_timeout(50)


def test_the_estimator_page_asks_for_all_its_modules_at_once(open_page: OpenPage) -> None:
    """No module waits for the one that imports it (a round trip per level of imports on a
    phone): while the modules the page's HTML names are held back, the page asks for every
    module they import (preloaded from the head); while app.mjs is held back, for every module
    of the form (preloaded by widget.mjs). And nothing is preloaded that the page does not use."""
    without_preloads = modules_asked_for_without_preloads(open_page)
    first_wave = set(without_preloads[: without_preloads.index("app.mjs")])
    site_page = open_page(None, service_workers="block")
    page = site_page.page
    page.add_init_script(SILENT_WORKER)
    asked = record_estimator_modules(page)
    held: list[Any] = []
    holding = {"what": "the HTML's modules"}

    def hold(route: Any) -> None:  # answered below
        if holding["what"] == "the HTML's modules" or route.request.url.endswith("/app.mjs"):
            held.append(route)
        else:
            route.continue_()

    def release(now_holding: str) -> None:
        holding["what"] = now_holding
        while held:
            held.pop().continue_()

    page.route(ALL_ESTIMATOR_MODULES, hold)
    site_page.goto("estimator/", wait_until="commit")
    wait_until_asked(page, asked, first_wave, "with the HTML's modules held back")
    release("app.mjs")
    wait_until_asked(page, asked, set(without_preloads), "with app.mjs held back")
    release("nothing")
    page.get_by_role("button", name="Try an example").wait_for()
    assert sorted(set(asked)) == sorted(set(without_preloads))
    site_page.assert_clean()


def test_guide_pages_never_load_the_runtime(open_page: OpenPage) -> None:
    site_page = open_page(None)
    paths = record_requests(site_page)
    site_page.goto("how-the-estimator-works/")
    page = site_page.page
    # Let the service worker install (it precaches the shell) before looking.
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(WORKER_STARTS) is None
    assert runtime_files(paths) == []
    assert [p for p in paths if APP_MODULE.search("/" + p)] == []
    assert page.locator("link[rel=preload], link[rel=modulepreload]").count() == 0
    site_page.assert_clean()


def test_save_data_waits_for_the_shopper(open_page: OpenPage) -> None:
    site_page = open_page(None, service_workers="block")
    site_page.page.add_init_script(SAVE_DATA)
    paths = record_requests(site_page)
    site_page.goto("estimator/")
    page = site_page.page
    page.get_by_role("button", name="Try an example").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.evaluate(WORKER_STARTS) is None
    assert runtime_files(paths) == ["assets/runtime/runtime.json"]  # the form's options only
    assert runtime_state(page)["runtime"] == "waiting"
    expect(page.locator(".re-runtime")).to_contain_text("asks to save data")

    show_example(page, BOOT_MS)  # the shopper acts: now it starts, without the 6 MB snapshot
    assert page.evaluate(WORKER_STARTS) == 1
    assert runtime_state(page) == {"runtime": "ready", "boot": "full"}
    assert not [p for p in runtime_files(paths) if "snapshot" in p], paths
    site_page.assert_clean()


def broken_snapshot(route: Any) -> None:
    route.fulfill(status=200, body=b"this is not a snapshot", content_type="application/gzip")


def gzip_of_garbage(route: Any) -> None:
    route.fulfill(status=200, body=gzip.compress(bytes(64)), content_type="application/gzip")


def other_pyodide(route: Any) -> None:
    response = route.fetch()
    data = response.json()
    data["pyodide"] = "0.0.1"
    route.fulfill(response=response, body=json.dumps(data))


@pytest.mark.parametrize(
    ("pattern", "handler", "reason"),
    [
        ("**/snapshot.bin.gz", broken_snapshot, ""),
        ("**/snapshot.bin.gz", gzip_of_garbage, ""),
        ("**/runtime.json", other_pyodide, "made for Pyodide 0.0.1"),
    ],
    ids=["not-gzip", "not-a-snapshot", "other-pyodide-version"],
)
def test_unusable_snapshot_falls_back_to_a_normal_boot(
    open_page: OpenPage, pattern: str, handler: Callable[[Any], None], reason: str
) -> None:
    site_page = open_page(None, service_workers="block")
    page = site_page.page
    console = record_console(site_page)
    paths = record_requests(site_page)
    page.route(pattern, handler)
    site_page.goto("estimator/", wait_until="load")
    show_example(page, BOOT_MS)
    assert runtime_state(page) == {"runtime": "ready", "boot": "full"}
    # The normal boot works with the cut-down standard library the site ships.
    assert "assets/runtime/" + manifest()["stdlib"] in paths
    warnings = [m for m in console if "snapshot could not be used" in m]
    assert warnings, console
    assert all(m.startswith("warning: ") for m in warnings)
    assert reason in warnings[0]
    site_page.assert_clean()  # no console error: an expected fallback is only a warning


def test_a_host_that_sends_brotli_gets_the_brotli_snapshot(
    open_page: OpenPage, own_server: Callable[..., Any]
) -> None:
    """With site/_headers (Netlify, Cloudflare Pages), the snapshot's Brotli copy arrives
    unpacked by the browser and the gzip copy is never downloaded; a host without them (the
    other tests' server) sends the Brotli file as it is, and the worker takes the gzip copy."""
    server = own_server(host="netlify")
    site_page = open_page(None, service_workers="block", base_url=server.url)
    server.served.clear()
    site_page.goto("estimator/")
    page = site_page.page
    wait_for_runtime(page)
    assert runtime_state(page)["boot"] == "snapshot"
    runtime = manifest()
    served = set(server.served)
    assert "/assets/runtime/" + runtime["snapshot_br"] in served
    assert "/assets/runtime/" + runtime["snapshot"] not in served
    show_example(page, BOOT_MS)
    site_page.assert_clean()


def test_works_offline_after_a_first_visit(open_page: OpenPage, served_paths: list[str]) -> None:
    site_page = open_page("estimator/")
    page = site_page.page
    show_example(page, BOOT_MS)
    suggested = page.locator("[data-field='refund.suggested']").get_attribute("data-amount")
    # The service worker stores the whole site and the runtime once the estimator has run.
    page.wait_for_selector("html[data-offline-ready]", state="attached", timeout=BOOT_MS)
    # ... without downloading again what the estimator's worker downloaded (20 MB on a phone).
    runtime = [p for p in served_paths if p.startswith("/assets/runtime/" + manifest()["base"])]
    assert runtime, served_paths
    assert sorted(runtime) == sorted(set(runtime)), "downloaded twice"
    page.context.set_offline(True)
    try:
        site_page.goto("deadlines/", wait_until="load")  # never opened before
        expect(page.locator("h1")).to_have_text(re.compile("deadline", re.IGNORECASE))
        expect(page.locator("article table").first).to_be_visible()
        site_page.goto("estimator/", wait_until="load")
        show_example(page, BOOT_MS)  # a full page load: a new worker, booted from the cache
        assert runtime_state(page) == {"runtime": "ready", "boot": "snapshot"}
        shown = page.locator("[data-field='refund.suggested']").get_attribute("data-amount")
        assert shown == suggested
    finally:
        page.context.set_offline(False)
    site_page.assert_clean()


KEPT_SNAPSHOTS = """
async () => {
  const root = await navigator.storage.getDirectory();
  const folder = await root.getDirectoryHandle("estimator-snapshot", { create: true });
  const files = {};
  for await (const [name, handle] of folder.entries()) files[name] = (await handle.getFile()).size;
  return files;
}
"""
KEPT_WRITTEN_AT = """
async (name) => {
  const root = await navigator.storage.getDirectory();
  const folder = await root.getDirectoryHandle("estimator-snapshot");
  return (await (await folder.getFileHandle(name)).getFile()).lastModified;
}
"""
WRITE_KEPT = """
async ([name, size]) => {
  const root = await navigator.storage.getDirectory();
  const folder = await root.getDirectoryHandle("estimator-snapshot", { create: true });
  const writable = await (await folder.getFileHandle(name, { create: true })).createWritable();
  await writable.write(new Uint8Array(size).fill(7));
  await writable.close();
}
"""


def unpacked_snapshot_size(runtime: dict[str, Any]) -> int:
    """The size of the snapshot file the worker keeps: snapshot.bin.gz unpacked."""
    return len(gzip.decompress((SITE / "assets" / "runtime" / runtime["snapshot"]).read_bytes()))


def wait_for_kept_snapshots(page: Any, expected: dict[str, int]) -> dict[str, int]:
    """The snapshot files kept on the device (snapshot-file.mjs, name -> size), once they are
    `expected`; fails the test if they never are. (A poll: the files are read asynchronously,
    which Playwright's wait_for_function does not await.)"""
    deadline = time.monotonic() + BOOT_MS / 1000
    while (files := page.evaluate(KEPT_SNAPSHOTS)) != expected:
        if time.monotonic() > deadline:
            pytest.fail(f"kept snapshot files {files}, never {expected}")
        page.wait_for_timeout(100)
    kept: dict[str, int] = files
    return kept


def wait_until_settled(page: Any) -> None:
    """Until the estimator's worker has done its work after the first answer (keeping the
    snapshot file, storing its downloads: worker.mjs's runLater) and said so ("stored")."""
    page.wait_for_selector(
        "html[data-estimator-runtime='settled']", state="attached", timeout=BOOT_MS
    )


def test_later_visits_read_the_snapshot_kept_on_the_device(open_page: OpenPage) -> None:
    site_page = open_page(None, service_workers="block")
    page = site_page.page
    runtime = manifest()
    site_page.goto("404.html", wait_until="load")  # the site's origin, before the estimator
    page.evaluate(WRITE_KEPT, ["an-older-runtime", 4096])
    site_page.goto("estimator/")
    show_example(page, BOOT_MS)
    # Kept after the first answer, unpacked, in place of the older runtime's file.
    # The worker writes the file as the page goes on: wait for it whole, its size that of the
    # unpacked snapshot.bin.gz, and the older file gone (removed once the new one is written).
    whole = {runtime["id"]: unpacked_snapshot_size(runtime)}
    files = wait_for_kept_snapshots(page, whole)
    assert list(files) == [runtime["id"]]
    assert files[runtime["id"]] > runtime["snapshot_size"] // 4  # zero pages left out

    paths = record_requests(site_page)
    site_page.goto("estimator/")  # a full page load: a new worker
    show_example(page, BOOT_MS)
    assert runtime_state(page) == {"runtime": "ready", "boot": "snapshot"}
    assert not [p for p in runtime_files(paths) if "snapshot" in p], paths

    # A damaged file is refused: the snapshot is unpacked again (from the copy of
    # snapshot.bin.gz the first visit cached), and kept again.
    page.evaluate(WRITE_KEPT, [runtime["id"], 1000])
    site_page.goto("estimator/")
    show_example(page, BOOT_MS)
    assert runtime_state(page) == {"runtime": "ready", "boot": "snapshot"}
    files = wait_for_kept_snapshots(page, whole)
    assert files[runtime["id"]] > runtime["snapshot_size"] // 4

    # Two tabs opening the estimator at once both read the kept file: neither falls back to
    # unpacking the snapshot again (which would write the file anew, after its first answer).
    written = page.evaluate(KEPT_WRITTEN_AT, runtime["id"])
    other = page.context.new_page()
    other.goto(site_page.base_url + "estimator/", wait_until="commit")
    site_page.goto("estimator/", wait_until="commit")
    for tab in (page, other):
        show_example(tab, BOOT_MS)
        assert runtime_state(tab) == {"runtime": "ready", "boot": "snapshot"}
    for tab in (page, other):
        wait_until_settled(tab)  # a tab that unpacked the snapshot again has written it by now
    assert page.evaluate(KEPT_WRITTEN_AT, runtime["id"]) == written
    other.close()

    # On a connection that asks to save data, the kept snapshot costs nothing: it is used.
    page.add_init_script(SAVE_DATA)
    paths.clear()
    site_page.goto("estimator/")
    show_example(page, BOOT_MS)
    assert runtime_state(page) == {"runtime": "ready", "boot": "snapshot"}
    assert not [p for p in runtime_files(paths) if "snapshot" in p], paths
    site_page.assert_clean()


def worker_without_nested_workers(route: Any) -> None:
    """worker.mjs as a browser without nested workers runs it (Safari before 15.5, say)."""
    body = route.fetch().text()
    route.fulfill(
        body="self.Worker = undefined; // as in a browser without nested workers\n" + body,
        content_type="text/javascript",
    )


def test_snapshot_loads_in_the_worker_itself_without_nested_workers(
    open_page: OpenPage,
) -> None:
    site_page = open_page(None, service_workers="block")
    page = site_page.page
    page.route("**/assets/estimator/worker.mjs", worker_without_nested_workers)
    paths = record_requests(site_page)
    site_page.goto("estimator/", wait_until="load")
    show_example(page, BOOT_MS)
    assert runtime_state(page) == {"runtime": "ready", "boot": "snapshot"}
    assert "assets/runtime/" + manifest()["snapshot"] in paths  # downloaded and unpacked there
    assert [p for p in paths if p.endswith("snapshot-loader.mjs")] == [
        "assets/estimator/snapshot-loader.mjs"
    ]  # imported as a module by the worker, never started as a worker of its own
    site_page.assert_clean()


# When Material's bundle ran (its document$, an RxJS subject with `pipe`, assigned) and when the
# estimator said it was quiet, in ms from the start of the page's navigation.
THEME_CLOCK = """
(() => {
  const clock = (window.__themeClock = { materialAt: null, quietAt: null });
  let current;
  Object.defineProperty(window, "document$", {
    configurable: true,
    get: () => current,
    set: (value) => {
      current = value;
      if (value && typeof value.pipe === "function") clock.materialAt ??= performance.now();
    },
  });
  document.addEventListener("prg:estimator-quiet", () => {
    clock.quietAt ??= performance.now();
  });
})();
"""
MATERIAL_RUNNING = "() => window.__themeClock.materialAt !== null"
# How long Material's bundle waits at most: read from the file that holds it back.
THEME_HELD_AT_MOST_MS = int(
    re.search(
        r"var AT_MOST_MS = (\d+);",
        (ROOT / "docs/assets/javascripts/theme-after-estimator.js").read_text(encoding="utf-8"),
    )[1]  # type: ignore[index]
)


def test_material_runs_once_the_estimator_is_quiet(open_page: OpenPage) -> None:
    site_page = open_page(None)
    page = site_page.page
    page.add_init_script(THEME_CLOCK)
    site_page.goto("estimator/", wait_until="domcontentloaded")
    show_example(page, BOOT_MS)
    page.wait_for_function(MATERIAL_RUNNING)
    clock = page.evaluate("() => window.__themeClock")
    assert clock["quietAt"] is not None, "the estimator never said it was quiet"
    # Never before: held back in the page's markup, not just started late by chance.
    assert clock["materialAt"] >= min(clock["quietAt"], THEME_HELD_AT_MOST_MS), clock
    # Material's parts work once it runs: the palette switch and search.
    page.get_by_title("Switch to dark mode").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.get_by_role("textbox", name="Search").press_sequentially("chargeback")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length")
    site_page.assert_clean()


def test_the_page_works_while_the_runtime_starts(open_page: OpenPage) -> None:
    """A runtime that never gets ready (its WebAssembly never arrives) holds Material's bundle
    back for 3 s, no longer, and leaves the rest of the estimator page working: the form is
    there, a palette switch used meanwhile takes effect, and search works afterwards."""
    site_page = open_page(None, service_workers="block")
    page = site_page.page
    page.add_init_script(THEME_CLOCK)
    page.route("**/pyodide.asm.wasm", lambda route: None)  # never answered
    site_page.goto("estimator/", wait_until="domcontentloaded")
    page.get_by_role("button", name="Try an example").wait_for()
    # Clicked at once (Playwright's click would wait for the page to settle).
    page.evaluate("() => document.querySelector('[title=\"Switch to dark mode\"]').click()")
    page.wait_for_function(MATERIAL_RUNNING, timeout=4 * THEME_HELD_AT_MOST_MS)
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    page.get_by_title("Switch to light mode").click()  # and the switch still works
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.get_by_role("textbox", name="Search").press_sequentially("chargeback")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length")
    clock = page.evaluate("() => window.__themeClock")
    assert clock["quietAt"] is None
    assert clock["materialAt"] >= THEME_HELD_AT_MOST_MS, clock
    assert runtime_state(page)["runtime"] == "starting"
    site_page.assert_clean()
