"""Deploys and failures, in headless Chromium, on scripts/static_server.py playing a real host.

- A returning shopper after a deploy gets one version: the estimator page and the estimator it
  runs are of the same deployment (on Netlify-style `_headers` and on GitHub Pages' 10 minutes
  of caching), and an old page from the HTTP cache asks to be reloaded instead of mixing.
- A stale runtime.json is read again past every cache (and so is one whose runtime directory
  answers 404), never trusted into a hang.
- A WebAssembly file that answers 404, arrives cut short or damaged, or never finishes shows
  "could not start" with a way to try again, in bounded time, and the service worker still
  registers; trying again once the host is fixed works.
- A damaged runtime file in the cache is thrown away and fetched again.
- Offline right after the first estimate: the page works, and an unknown address gets the
  site's own 404 page.

Each test gets a server of its own (a new origin: its own service worker and storage), so it
can break or redeploy it. A deploy is simulated on a copy of site/: its runtime directory gets
another name (as a change to the estimator would give), the old one is gone, and
scripts/finish_site.py finishes the copy as it does a build.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from scripts.runtime_common import SHARED_NAMES
from scripts.static_server import StaticServer
from tests.browser.widget import BOOT_MS, WIDGET, show_example

pytestmark = pytest.mark.browser

OpenPage = Callable[..., Any]
OwnServer = Callable[..., StaticServer]
ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
RUNTIME = SITE / "assets" / "runtime"
# A stall must end in "could not start" within the worker's STALL_MS (20 s) and a little more.
STALL_LIMIT_MS = 40_000


def manifest_of(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "assets/runtime/runtime.json").read_text("utf-8"))
    return data


def deployed_copy(into: Path, new_id: str = "314.0.7-0dep10yed0ne") -> Path:
    """site/ as a deploy that changed the estimator would publish it: the runtime directory
    renamed, the old one gone, runtime.json, the service worker and the estimator page
    finished anew by scripts/finish_site.py."""
    site = into / "deployed"
    shutil.copytree(SITE, site)
    manifest = manifest_of(site)
    old_base, new_base = manifest["base"], f"{new_id}/"
    (site / "assets/runtime" / manifest["id"]).rename(site / "assets/runtime" / new_id)
    manifest["id"], manifest["base"] = new_id, new_base
    for key, value in manifest.items():  # every path into the runtime directory
        if isinstance(value, str) and value.startswith(old_base):
            manifest[key] = value.replace(old_base, new_base, 1)
    (site / "assets/runtime/runtime.json").write_text(json.dumps(manifest), encoding="utf-8")
    finish = [sys.executable, str(ROOT / "scripts" / "finish_site.py"), "--site", str(site)]
    subprocess.run(finish, check=True, capture_output=True)
    return site


def page_runtime(page: Any) -> str:
    """The runtime directory the page in the tab was built with (its <meta>)."""
    selector = f'meta[name="{SHARED_NAMES["pageRuntimeMeta"]}"]'
    content: str = page.eval_on_selector(selector, "meta => meta.content")
    return content


def answering_runtime(page: Any) -> str:
    """The runtime directory whose estimator answered (runtime.mjs marks <html>)."""
    url: str = page.evaluate("() => document.documentElement.dataset.estimatorRuntimeUrl")
    return url.rstrip("/").rsplit("/", 1)[-1]


def wait_for_state(page: Any, timeout: int = BOOT_MS) -> str:
    """The widget's runtime state once it is "ready" or "failed"."""
    page.wait_for_selector(
        f"{WIDGET}[data-runtime='ready'], {WIDGET}[data-runtime='failed']",
        state="attached",
        timeout=timeout,
    )
    state: str = page.eval_on_selector(WIDGET, "el => el.dataset.runtime")
    return state


def forget_console_errors(site_page: Any, pattern: str) -> list[str]:
    """Takes the console errors matching `pattern` (the browser's own lines about a failed
    download this test caused) out of what the teardown checks; returns them."""
    expected = [e for e in site_page.console_errors if re.search(pattern, e)]
    site_page.console_errors[:] = [e for e in site_page.console_errors if e not in expected]
    return expected


def service_worker_registered(page: Any) -> bool:
    return bool(
        page.evaluate(
            """async () => {
              const registration = await navigator.serviceWorker.getRegistration();
              return Boolean(registration);
            }"""
        )
    )


# ------------------------------------------------------------------------------ deploys ---


@pytest.mark.parametrize("host", ["netlify", "github"])
def test_a_returning_shopper_after_a_deploy_gets_one_version(
    open_page: OpenPage, own_server: OwnServer, tmp_path: Path, host: str
) -> None:
    """With the old service worker in control, the new page and the new estimator come
    together: runtime.json is network first, and neither host's caching serves an old copy."""
    server = own_server(host=host)
    site_page = open_page(None, base_url=server.url)
    page = site_page.page
    site_page.goto("estimator/")
    show_example(page, BOOT_MS)
    page.wait_for_selector("html[data-offline-ready]", state="attached", timeout=BOOT_MS)
    old = page_runtime(page)
    assert answering_runtime(page) == old

    server.publish(deployed_copy(tmp_path))
    page.goto("about:blank")
    site_page.goto("estimator/")
    show_example(page, BOOT_MS)
    assert page_runtime(page) != old, "the old page was served after the deploy"
    assert answering_runtime(page) == page_runtime(page)
    site_page.assert_clean()


def test_an_old_page_from_the_http_cache_asks_to_be_reloaded(
    open_page: OpenPage, own_server: OwnServer, tmp_path: Path
) -> None:
    """GitHub Pages lets the browser keep every file 10 minutes: without a service worker, the
    page can come from that cache after a deploy. Its estimator is gone from the host, so it
    says so and offers a reload (no hang, no mix), which brings the new page and estimator."""
    server = own_server(host="github")
    site_page = open_page(None, base_url=server.url, service_workers="block")
    page = site_page.page
    site_page.goto("estimator/")
    show_example(page, BOOT_MS)
    old = page_runtime(page)

    server.publish(deployed_copy(tmp_path))
    page.goto("about:blank")
    site_page.goto("estimator/", wait_until="load")
    assert page_runtime(page) == old, "not from the HTTP cache: this test checks nothing"
    assert wait_for_state(page) == "failed"
    expect(page.locator(".re-results")).to_contain_text("newer version of this site")
    page.get_by_role("button", name="Reload the page").click()
    page.wait_for_load_state("load")
    show_example(page, BOOT_MS)
    assert page_runtime(page) != old
    assert answering_runtime(page) == page_runtime(page)
    site_page.assert_clean()


@pytest.mark.parametrize("page_names_its_runtime", [True, False])
def test_a_stale_runtime_json_is_read_again(
    open_page: OpenPage,
    own_server: OwnServer,
    tmp_path: Path,
    page_names_its_runtime: bool,
) -> None:
    """A runtime.json from before the deploy (some cache in between kept it) names a runtime
    directory that is gone. The worker reads runtime.json again past every cache: at once when
    the page names another runtime, else after the directory's 404."""
    stale = json.dumps(manifest_of(SITE))
    server = own_server()
    server.publish(deployed_copy(tmp_path))
    site_page = open_page(None, base_url=server.url, service_workers="block")
    page = site_page.page
    forced: list[str] = []

    def old_unless_forced(route: Any) -> None:
        # A read past every cache has a query of its own (worker-boot.mjs, readManifest).
        if "?" in route.request.url:
            forced.append(route.request.url)
            route.continue_()
        else:
            route.fulfill(body=stale, content_type="application/json")

    def without_runtime_meta(route: Any) -> None:
        body = route.fetch().text()
        body = re.sub(r'<meta name="prg-runtime" content="[^"]*">\n?', "", body)
        route.fulfill(body=body, content_type="text/html; charset=utf-8")

    page.route("**/assets/runtime/runtime.json*", old_unless_forced)
    if not page_names_its_runtime:
        page.route("**/estimator/", without_runtime_meta)
    site_page.goto("estimator/", wait_until="load")
    show_example(page, BOOT_MS)
    assert forced, "runtime.json was never read again"
    assert answering_runtime(page) == manifest_of(server.root)["id"]
    forget_console_errors(site_page, r"404")  # the old directory, when nothing said otherwise
    site_page.assert_clean()


# ----------------------------------------------------------------------------- failures ---


@pytest.mark.parametrize("how", ["404", "truncate", "damaged"])
def test_a_broken_webassembly_file_fails_clearly_and_can_be_retried(
    open_page: OpenPage, own_server: OwnServer, how: str
) -> None:
    server = own_server()
    wasm = f"/assets/runtime/{manifest_of(SITE)['base']}pyodide.asm.wasm"
    server.fail(wasm, how)
    site_page = open_page(None, base_url=server.url)
    page = site_page.page
    site_page.goto("estimator/", wait_until="load")
    assert wait_for_state(page) == "failed"
    expect(page.locator(".re-results")).to_contain_text("could not start")
    # The service worker registers anyway (the runtime has settled, if badly).
    page.wait_for_function(
        "async () => Boolean(await navigator.serviceWorker.getRegistration())", timeout=BOOT_MS
    )
    server.heal()
    page.get_by_role("button", name="Try again").click()
    show_example(page, BOOT_MS)
    assert wait_for_state(page) == "ready"
    # Nothing damaged was kept: the WebAssembly in the runtime cache is whole.
    kept = page.evaluate(
        """async (url) => {
          const response = await caches.match(url);
          return response ? (await response.arrayBuffer()).byteLength : null;
        }""",
        server.url.rstrip("/") + wasm,
    )
    assert kept in (None, (SITE / wasm.lstrip("/")).stat().st_size)
    forget_console_errors(site_page, r"404|Failed to load resource|ERR_CONTENT_LENGTH")
    site_page.failed_requests.clear()  # the truncated download itself
    site_page.assert_clean()


def test_a_stalled_download_fails_within_bounded_time(
    open_page: OpenPage, own_server: OwnServer
) -> None:
    """The host sends the WebAssembly's headers, then nothing: the page says the estimator
    could not start (the worker gives up after 20 s without a byte) and offers to try again."""
    server = own_server()
    server.fail(f"/assets/runtime/{manifest_of(SITE)['base']}pyodide.asm.wasm", "stall")
    site_page = open_page(None, base_url=server.url)
    page = site_page.page
    site_page.goto("estimator/", wait_until="load")
    assert wait_for_state(page, STALL_LIMIT_MS) == "failed"
    expect(page.locator(".re-results")).to_contain_text("stalled")
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    assert service_worker_registered(page)
    site_page.failed_requests.clear()  # the stalled download, ended by the test
    site_page.assert_clean()


def test_a_damaged_cached_file_is_replaced(open_page: OpenPage, own_server: OwnServer) -> None:
    """pyodide-lock.json once cached cut short (by an older version, or a disk fault) would
    break every later visit: it is checked against runtime.json, thrown away and fetched
    again."""
    server = own_server()
    manifest = manifest_of(SITE)
    lock_url = f"{server.url}assets/runtime/{manifest['lock']}"
    site_page = open_page(None, base_url=server.url, service_workers="block")
    page = site_page.page
    site_page.goto("404.html", wait_until="load")  # the site's origin, before the estimator
    page.evaluate(
        """async ([name, url]) => {
          const cache = await caches.open(name);
          await cache.put(url, new Response('{"info": {', {
            headers: { "Content-Type": "application/json" } }));
        }""",
        [SHARED_NAMES["runtimeCachePrefix"] + manifest["id"], lock_url],
    )
    site_page.goto("estimator/", wait_until="load")
    show_example(page, BOOT_MS)
    kept = page.evaluate(
        "async (url) => JSON.parse(await (await caches.match(url)).text()).packages",
        lock_url,
    )
    assert list(kept) == ["estimator"]
    site_page.assert_clean()


# ------------------------------------------------------------------------------ offline ---


def test_offline_right_after_the_first_estimate(open_page: OpenPage, own_server: OwnServer) -> None:
    """The service worker registers early and keeps the page it came from: once the first
    estimate is on screen and it has kept the page (not the whole site), the estimator works
    offline, and an unknown address gets the site's own 404 page."""
    server = own_server()
    site_page = open_page(None, base_url=server.url)
    page = site_page.page
    site_page.goto("estimator/")
    show_example(page, BOOT_MS)
    page.wait_for_selector("html[data-page-kept]", state="attached", timeout=BOOT_MS)
    page.context.set_offline(True)
    try:
        site_page.goto("estimator/", wait_until="load")
        show_example(page, BOOT_MS)
        response = page.goto(server.url + "no-such-page/", wait_until="load")
        assert response is not None
        assert response.status == 404
        expect(page.locator("h1#page-not-found")).to_be_visible()  # overrides/404.html
    finally:
        page.context.set_offline(False)
    forget_console_errors(site_page, r"404")
    site_page.assert_clean()
