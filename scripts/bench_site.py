"""Benchmark, not a test: how fast the estimator feels in a browser, against Pyodide's floor.

Run by `make bench` (after `make site`). Serves the built site/ on a local server, drives
Debian's headless Chromium with Playwright and measures, in one run, with the same server and
browser:

  1. bare boot: a page (served by this script from a temp dir, not part of the site) that only
     boots Pyodide from the site's runtime in a module worker and runs `1+1`: the floor of the
     naive approach. New browser context each run (empty caches).
  2. first estimate, cold: new context, open the estimator page, click "Try an example", until
     the results are on screen (DOM), timed in the page from navigation start.
  3. first estimate, warm: the same on a second visit (full page load) in the same context. The
     shopper comes back from elsewhere: the tab is on about:blank first, so that closing the
     first visit's page (its unload, and ending its Pyodide worker) is not counted as part of
     opening the second; a page's clock starts when its navigation starts, before the unload.
  4. recompute latency: p50 and p95 from an input change (an `input` event on a price field)
     to the updated results in the DOM, over N changes on the warm page, starting once the
     shopper has had READING_S seconds to read the first results (the worker uses such a pause
     to warm up: see worker.mjs, WARM_UP_ROUNDS).
  5. main-thread long tasks (> 50 ms, PerformanceObserver "longtask") during 2 and during 4,
     with the Long Animation Frame entries whose scripts come from assets/estimator/.
  6. bytes a first visit transfers for a guide page and for the estimator page, counted by the
     server (every response body, service worker fetches included) and compressed the way a
     static host would serve them: gzip level 6 and brotli quality 11 for text, JavaScript,
     JSON, SVG and WebAssembly; .zip, .whl and .gz as they are.
  7. per-estimate time in CPython and in Pyodide (Node) for a 1-item and a 50-item order
     (scripts/bench_estimator.py, run first: it prints its own table and writes its JSON).

Prints a table of medians (with min and max) over --runs runs and the ratios 2/1 and 3/1, and
writes bench-results/site.json (or --out; bench-results/ is gitignored). If site/_headers exists
(written by scripts/finish_site.py), the server sends its headers as Netlify or Cloudflare Pages
would (Cache-Control above all). The server sends files uncompressed over loopback, with
sendfile as a static host does: times show CPU cost, not a network's. It speaks HTTP/1.1 (six
connections per host in Chromium), where real hosts speak HTTP/2: a page with many requests
waits a little more here than it would there. Chromium runs with the browser tests' flags
(scripts/runtime_common.py), which keep headless Chromium's own pages from taking CPU.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench_phone import COMPRESSIBLE, Phone, SlowProcessor
from playwright.sync_api import sync_playwright
from runtime_common import CHROMIUM, CHROMIUM_ARGS, PYODIDE_NPM_DIR, ROOT, fail
from static_server import StaticServer

SITE = ROOT / "site"
RESULTS_DIR = ROOT / "bench-results"
VIEWPORT = {"width": 1280, "height": 800}
ESTIMATOR_PAGE = "estimator/"
GUIDE_PAGES = ("", "when-to-ask/")  # the home page and the longest page of the guide section
SEARCH_INDEX = "/search/search_index.json"
RUNTIME_PREFIX = "/assets/runtime/"
BOOT_TIMEOUT_MS = 120_000
LONG_TASK_MS = 50
READING_S = 3.0  # between the first results and the first change (item 4)

# --- The bare-boot page: Pyodide alone, in a module worker, as the naive widget would -------

BARE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare Pyodide boot</title></head>
<body><p>Booting Pyodide in a module worker.</p>
<script type="module" src="bare.mjs"></script></body></html>
"""
BARE_PAGE_JS = """
const worker = new Worker(new URL("bare-worker.mjs", import.meta.url), { type: "module" });
worker.onmessage = (event) => {
  window.__bench = { ...event.data, doneAt: performance.now() };
};
"""
# runtime.json names where the core files are (a versioned directory, or the runtime root).
BARE_WORKER_JS = """
const started = performance.now();
const runtime = new URL("/assets/runtime/", location.href);
const manifest = await (await fetch(new URL("runtime.json", runtime))).json();
const base = new URL(manifest.base || "", runtime);
const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
// Pyodide's own standard library, as npm ships it (the site ships a cut-down one).
const stdLibURL = new URL("python_stdlib.zip", import.meta.url).href;
const pyodide = await loadPyodide({ indexURL: base.href, stdLibURL });
const result = pyodide.runPython("1+1");
self.postMessage({ result, workerMs: performance.now() - started });
"""

# --- What the estimator page records about itself (runs before any of its scripts) ----------

RECORDER = """
(() => {
  const bench = (window.__bench = { longTasks: [], frames: [], clickAt: null, resultsAt: null });
  const observe = (type, onEntry) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry))
        .observe({ type, buffered: true });
    } catch (error) { /* not supported */ }
  };
  observe("longtask", (e) => bench.longTasks.push([e.startTime, e.duration]));
  observe("long-animation-frame", (e) => bench.frames.push({
    start: e.startTime, duration: e.duration,
    scripts: e.scripts.map((s) => ({ url: s.sourceURL, duration: s.duration,
                                     invoker: s.invoker })),
  }));
  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("button");
    if (bench.clickAt === null && button && button.textContent.includes("Try an example")) {
      bench.clickAt = performance.now();
    }
  }, true);
  const check = () => {
    if (bench.resultsAt !== null || bench.clickAt === null) return;
    const results = document.querySelector(".re-results");
    if (results && !results.matches(".re-results--stale, .re-results--empty")
        && results.querySelector("[data-field='refund.suggested']")) {
      bench.resultsAt = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["class"],
  });
})();
"""
RESULTS_SHOWN = """() => window.__bench && window.__bench.resultsAt !== null"""

# One input change after another, each timed from the `input` event to the new results.
RECOMPUTE = """
async (count) => {
  const input = document.querySelector("[data-path='items[0].unit_price']");
  const body = document.querySelector(".re-results-body");
  const results = document.querySelector(".re-results");
  const latencies = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const value = `${(i % 40) + 5}.${String((i * 7) % 100).padStart(2, "0")}`;
    const rendered = new Promise((resolve, reject) => {
      const timer = setTimeout(() => { observer.disconnect(); reject(new Error("timeout")); },
                               10000);
      const observer = new MutationObserver(() => {
        if (!results.matches(".re-results--stale, .re-results--empty")
            && body.querySelector("[data-field='refund.suggested']")) {
          observer.disconnect();
          clearTimeout(timer);
          resolve(performance.now());
        }
      });
      observer.observe(body, { childList: true });
    });
    input.value = value;
    const changed = performance.now();
    input.dispatchEvent(new Event("input", { bubbles: true }));
    latencies.push((await rendered) - changed);
    await new Promise((resolve) => setTimeout(resolve, 30)); // a pause, as between keystrokes
  }
  return { latencies, started, ended: performance.now() };
}
"""
BENCH_STATE = "() => window.__bench"
# After a first visit to the estimator page: wait until the service worker has stored the site
# and the runtime (offline.js marks <html data-offline-ready>), so a second visit finds them.
# Guide pages only install the service worker: there, wait for it to be active.
SERVICE_WORKER_SETTLED = """
async () => {
  if (!("serviceWorker" in navigator)) return "none";
  const deadline = performance.now() + 30000;
  const wait = () => new Promise((resolve) => setTimeout(resolve, 50));
  const estimator = () => document.documentElement.dataset.estimatorRuntime;
  if (estimator()) {
    while (!document.documentElement.dataset.offlineReady && performance.now() < deadline) {
      await wait();
    }
    return document.documentElement.dataset.offlineReady ? "offline-ready" : "timed out";
  }
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return "none";
  const timeout = new Promise((resolve) => setTimeout(resolve, 15000));
  await Promise.race([navigator.serviceWorker.ready, timeout]);
  return registration.active ? registration.active.state : "not active";
}
"""

# --- The local server -------------------------------------------------------------------------


def bench_server(bench_dir: Path) -> StaticServer:
    """site/ at / with its `_headers` (as Netlify would send them), the bench pages at
    /__bench__/, and a log of every body sent (scripts/static_server.py, the tests' server)."""
    return StaticServer(SITE, host="netlify", mounts={"/__bench__/": bench_dir})


# --- Compression as a host would do it ----------------------------------------------------------

BROTLI_JS = """
const zlib = require("node:zlib"), fs = require("node:fs");
const out = {};
for (const file of JSON.parse(fs.readFileSync(0, "utf8"))) {
  const data = fs.readFileSync(file);
  out[file] = zlib.brotliCompressSync(data, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
  } }).length;
}
console.log(JSON.stringify(out));
"""


def set_site(path: Path) -> None:
    """Benchmark another copy of the built site (e.g. one saved before a change)."""
    global SITE  # noqa: PLW0603 - one setting for the whole run, read by the server too
    SITE = path


@functools.cache
def served_file(url_path: str) -> Path | None:
    path = SITE / url_path.lstrip("/")
    if url_path.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() else None


def compressed_sizes(paths: set[str]) -> dict[str, dict[str, int]]:
    """{url path: {"raw", "gzip", "brotli"}}; files a host sends as they are keep their size."""
    files = {p: served_file(p) for p in paths}
    text = {p: f for p, f in files.items() if f is not None and f.suffix in COMPRESSIBLE}
    done = subprocess.run(
        ["node", "-e", BROTLI_JS],
        input=json.dumps([str(f) for f in text.values()]),
        capture_output=True,
        text=True,
        check=True,
    )
    brotli = json.loads(done.stdout)
    sizes = {}
    for path, file in files.items():
        if file is None:
            continue
        raw = file.stat().st_size
        if path in text:
            gzip = len(zlib.compress(file.read_bytes(), 6)) + 18  # + gzip header and trailer
            sizes[path] = {"raw": raw, "gzip": gzip, "brotli": brotli[str(file)]}
        else:
            sizes[path] = {"raw": raw, "gzip": raw, "brotli": raw}
    return sizes


def transfer_summary(log: list[tuple[str, int, int]]) -> dict[str, Any]:
    paths = {path for path, _status, _size in log if not path.startswith("/__bench__/")}
    sizes = compressed_sizes(paths)
    requests = [sizes[p] | {"path": p} for p, _s, _b in log if p in sizes]
    total = {k: sum(r[k] for r in requests) for k in ("raw", "gzip", "brotli")}
    without_index = [r for r in requests if r["path"] != SEARCH_INDEX]
    runtime = [r for r in requests if r["path"].startswith(RUNTIME_PREFIX)]
    return {
        "requests": len(requests),
        "total": total,
        "without_search_index": {
            k: sum(r[k] for r in without_index) for k in ("raw", "gzip", "brotli")
        },
        "runtime_files": sorted({r["path"] for r in runtime}),
        "runtime_bytes": {k: sum(r[k] for r in runtime) for k in ("raw", "gzip", "brotli")},
        "repeated": sorted(
            {r["path"] for r in requests if sum(x["path"] == r["path"] for x in requests) > 1}
        ),
        "files": requests,
    }


# --- Measurements ---------------------------------------------------------------------------------


def new_context(browser: Any, record: bool) -> Any:
    context = browser.new_context(viewport=VIEWPORT)
    if record:
        context.add_init_script(RECORDER)
    return context


def bare_boot(browser: Any, base_url: str) -> dict[str, float]:
    context = new_context(browser, record=False)
    try:
        page = context.new_page()
        page.goto(base_url + "__bench__/bare.html")
        page.wait_for_function(
            "() => window.__bench && window.__bench.result === 2", timeout=BOOT_TIMEOUT_MS
        )
        state = page.evaluate(BENCH_STATE)
        return {"ms": state["doneAt"], "worker_ms": state["workerMs"]}
    finally:
        context.close()


def long_tasks(state: dict[str, Any], start: float, end: float) -> dict[str, Any]:
    tasks = [d for s, d in state["longTasks"] if start <= s <= end and d > LONG_TASK_MS]
    estimator_frames = [
        f
        for f in state["frames"]
        if start <= f["start"] <= end
        and any("/assets/estimator/" in (s["url"] or "") for s in f["scripts"])
    ]
    return {
        "count": len(tasks),
        "longest_ms": max(tasks, default=0.0),
        "estimator_frames": len(estimator_frames),
        "estimator_script_ms": max(
            (
                s["duration"]
                for f in estimator_frames
                for s in f["scripts"]
                if "/assets/estimator/" in (s["url"] or "")
            ),
            default=0.0,
        ),
    }


def first_estimate(page: Any, base_url: str) -> dict[str, Any]:
    """Open the estimator page, click the example as soon as it can be clicked, time results."""
    page.goto(base_url + ESTIMATOR_PAGE, wait_until="commit")
    page.get_by_role("button", name="Try an example").click(timeout=BOOT_TIMEOUT_MS)
    page.wait_for_function(RESULTS_SHOWN, timeout=BOOT_TIMEOUT_MS)
    state = page.evaluate(BENCH_STATE)
    return {
        "ms": state["resultsAt"],
        "click_ms": state["clickAt"],
        "long_tasks": long_tasks(state, 0, state["resultsAt"]),
    }


def recompute(page: Any, changes: int) -> dict[str, Any]:
    outcome = page.evaluate(RECOMPUTE, changes)
    state = page.evaluate(BENCH_STATE)
    latencies = sorted(outcome["latencies"])
    return {
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "max_ms": latencies[-1],
        "long_tasks": long_tasks(state, outcome["started"], outcome["ended"]),
    }


def percentile(ordered: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted values."""
    rank = max(1, -(-len(ordered) * q // 100))
    return float(ordered[int(rank) - 1])


def transfers(browser: Any, server: StaticServer) -> dict[str, Any]:
    """Bytes of a first visit (new context) to each guide page and to the estimator page."""
    report: dict[str, Any] = {}
    for path in GUIDE_PAGES:
        context = new_context(browser, record=False)
        try:
            page = context.new_page()
            server.take_log()
            page.goto(server.url + path, wait_until="networkidle")
            page.evaluate(SERVICE_WORKER_SETTLED)
            page.wait_for_load_state("networkidle")
            time.sleep(1.0)
            report[path or "home"] = transfer_summary(server.take_log())
        finally:
            context.close()
    context = new_context(browser, record=True)
    try:
        page = context.new_page()
        server.take_log()
        first_estimate(page, server.url)
        page.evaluate(SERVICE_WORKER_SETTLED)
        page.wait_for_load_state("networkidle")
        time.sleep(2.0)
        page.wait_for_load_state("networkidle")
        report["estimator"] = transfer_summary(server.take_log())
    finally:
        context.close()
    return report


# --- Report ---------------------------------------------------------------------------------------


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def machine() -> dict[str, Any]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found[1].strip() if found else cpu
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def kb(n: float) -> str:
    return f"{n / 1000:,.1f} kB" if n < 1_000_000 else f"{n / 1_000_000:,.2f} MB"


def render_table(report: dict[str, Any]) -> str:
    runs = report["runs"]
    s = report["summary"]
    rows: list[tuple[str, str]] = []

    def ms(name: str, key: str) -> None:
        v = s[key]
        rows.append((name, f"{v['median']:7.0f} ms  ({v['min']:.0f}-{v['max']:.0f})"))

    ms("1. bare boot: Pyodide in a module worker, 1+1", "bare_boot_ms")
    ms("2. first estimate, cold (new context)", "cold_ms")
    ms("3. first estimate, warm (second visit)", "warm_ms")
    for label, key, target in (("2/1", "cold", "0.35"), ("3/1", "warm", "0.25")):
        per_run = s[f"ratio_{key}_per_run"]
        rows.append(
            (
                f"   ratio {label} (target <= {target})",
                f"{s[f'ratio_{key}']:7.2f}  (each run's own: median {per_run['median']:.2f},"
                f" {per_run['min']:.2f}-{per_run['max']:.2f})",
            )
        )
    p50, p95 = s["recompute_p50_ms"], s["recompute_p95_ms"]
    rows.append(
        (
            f"4. recompute, {report['changes']} changes: p50 / p95",
            f"{p50['median']:7.1f} / {p95['median']:.1f} ms"
            f"  (p95 {p95['min']:.1f}-{p95['max']:.1f})",
        )
    )
    for label, key in (("2", "cold_long_tasks"), ("4", "recompute_long_tasks")):
        lt = s[key]
        rows.append(
            (
                f"5. long tasks > 50 ms during {label}: count / longest",
                f"{lt['count']['median']:7.0f} / {lt['longest_ms']['median']:.0f} ms"
                f"  (max {lt['count']['max']:.0f} / {lt['longest_ms']['max']:.0f} ms;"
                f" estimator's longest script in them {lt['estimator_script_ms']['max']:.0f} ms)",
            )
        )
    for name, t in report["transfers"].items():
        total = t["without_search_index"]
        label = "estimator page" if name == "estimator" else f"guide page {name}"
        rows.append(
            (
                f"6. {label}: gzip / brotli (raw)",
                f"{kb(total['gzip']):>10} / {kb(total['brotli'])}  ({kb(total['raw'])},"
                f" {t['requests']} requests, Pyodide files: {len(t['runtime_files'])})",
            )
        )
    phone = report.get("phone_summary")
    if phone:
        bare, first, ratio = phone["bare_boot_ms"], phone["first_ms"], phone["ratio_per_run"]
        rows.append(
            (
                "8. phone on 4G (4x slower, 9 Mbit/s, 40 ms): bare boot",
                f"{bare['median']:7.0f} ms  ({bare['min']:.0f}-{bare['max']:.0f})",
            )
        )
        rows.append(
            (
                "   first visit, first estimate",
                f"{first['median']:7.0f} ms  ({first['min']:.0f}-{first['max']:.0f}),"
                f" {kb(phone['sent_bytes']['median'])} sent",
            )
        )
        rows.append(
            (
                "   ratio (target <= 0.6)",
                f"{phone['ratio']:7.2f}  (each run's own: median {ratio['median']:.2f},"
                f" {ratio['min']:.2f}-{ratio['max']:.2f})",
            )
        )
    est = report["estimator"]
    if est:
        for name, results in (
            ("7. per estimate, 1 / 50 items: CPython", est["cpython"]["results"]),
            ("   Pyodide (Node)", est["pyodide"]["results"]),
        ):
            one, fifty = results["1 item"], results["50 items"]
            cell = f"{one['ms_per_estimate']:7.2f} / {fifty['ms_per_estimate']:.2f} ms"
            rows.append((name, cell))
    width = max(len(name) for name, _ in rows)
    m = report["machine"]
    head = (
        f"Site benchmark ({report['label']}): {report['browser']}, medians of {runs} runs"
        f" (min-max)\nmachine: {m['cpu']}, {m['cpus']} CPUs, load average at start"
        f" {m['load_average']} / end {report['load_average_end']}"
    )
    return head + "\n" + "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    def col(*keys: str) -> list[float]:
        values = []
        for run in runs:
            value: Any = run
            for key in keys:
                value = value[key]
            values.append(float(value))
        return values

    def tasks(name: str) -> dict[str, dict[str, float]]:
        return {
            key: summary(col(name, "long_tasks", key))
            for key in ("count", "longest_ms", "estimator_frames", "estimator_script_ms")
        }

    bare = summary(col("bare_boot", "ms"))
    cold = summary(col("cold", "ms"))
    warm = summary(col("warm", "ms"))
    return {
        "bare_boot_ms": bare,
        "bare_boot_worker_ms": summary(col("bare_boot", "worker_ms")),
        "cold_ms": cold,
        "warm_ms": warm,
        "ratio_cold": cold["median"] / bare["median"],
        "ratio_warm": warm["median"] / bare["median"],
        # Each run's own ratio pairs figures measured minutes apart at most; their median is
        # less flattered by a slow moment during one bare boot (this VM's speed drifts).
        "ratio_cold_per_run": summary(
            [c / b for c, b in zip(col("cold", "ms"), col("bare_boot", "ms"), strict=True)]
        ),
        "ratio_warm_per_run": summary(
            [w / b for w, b in zip(col("warm", "ms"), col("bare_boot", "ms"), strict=True)]
        ),
        "recompute_p50_ms": summary(col("recompute", "p50_ms")),
        "recompute_p95_ms": summary(col("recompute", "p95_ms")),
        "cold_long_tasks": tasks("cold"),
        "recompute_long_tasks": tasks("recompute"),
    }


def summarize_phone(runs: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not runs:
        return None
    bare = [r["bare_boot"]["ms"] for r in runs]
    first = [r["first"]["ms"] for r in runs]
    return {
        "bare_boot_ms": summary(bare),
        "first_ms": summary(first),
        "ratio": statistics.median(first) / statistics.median(bare),
        "ratio_per_run": summary([f / b for f, b in zip(first, bare, strict=True)]),
        "sent_bytes": summary([r["sent_bytes"] for r in runs]),
    }


@contextmanager
def bench_pages() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        folder = Path(tmp)
        (folder / "bare.html").write_text(BARE_HTML)
        (folder / "bare.mjs").write_text(BARE_PAGE_JS)
        (folder / "bare-worker.mjs").write_text(BARE_WORKER_JS)
        shutil.copyfile(PYODIDE_NPM_DIR / "python_stdlib.zip", folder / "python_stdlib.zip")
        yield folder


def estimator_bench(skip: bool) -> dict[str, Any] | None:
    """Item 7: scripts/bench_estimator.py (prints its own table, writes estimator.json)."""
    results = RESULTS_DIR / "estimator.json"
    if not skip:
        done = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "bench_estimator.py")], check=False
        )
        if done.returncode != 0:
            fail("scripts/bench_estimator.py failed")
        print()
    if not results.is_file():
        return None
    data: dict[str, Any] = json.loads(results.read_text())
    return data


def phone_runs(browser: Any, server: StaticServer, bench_dir: Path, count: int) -> list[Any]:
    """The phone-on-4G condition (bench_phone.py): a bare boot and a first visit's first
    estimate, each in a new context, with the renderers at a quarter speed and one 4G link."""
    phone = Phone(RESULTS_DIR / "brotli-cache")
    phone.prepare([*SITE.rglob("*"), *bench_dir.iterdir()])
    slow = SlowProcessor()
    runs: list[dict[str, Any]] = []
    try:
        for number in range(1, count + 1):
            server.shaper = phone.fresh_link()
            slow.on.set()
            try:
                bare = bare_boot(browser, server.url)
                context = new_context(browser, record=True)
                page = context.new_page()
                server.take_log()
                first = first_estimate(page, server.url)
                sent = sum(size for _path, _status, size in server.take_log())
            finally:
                slow.on.clear()
                server.shaper = None
            context.close()
            runs.append({"bare_boot": bare, "first": first, "sent_bytes": sent})
            print(
                f"phone run {number}/{count}: bare {bare['ms']:.0f} ms,"
                f" first visit {first['ms']:.0f} ms ({first['ms'] / bare['ms']:.2f}),"
                f" {kb(sent)} sent until then",
                flush=True,
            )
    finally:
        slow.close()
    return runs


def measure(report: dict[str, Any], count: int, changes: int) -> list[dict[str, Any]]:
    """Items 1 to 6, in one browser and one server; the runs interleave 1, 2, 3 and 4."""
    runs: list[dict[str, Any]] = []
    with bench_pages() as folder, sync_playwright() as playwright:
        server = bench_server(folder)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        report["browser"] = f"headless Chromium {browser.version}"
        try:
            for number in range(1, count + 1):
                run: dict[str, Any] = {"bare_boot": bare_boot(browser, server.url)}
                context = new_context(browser, record=True)
                try:
                    page = context.new_page()
                    run["cold"] = first_estimate(page, server.url)
                    page.evaluate(SERVICE_WORKER_SETTLED)
                    page.wait_for_load_state("networkidle")
                    page.goto("about:blank")  # the first visit's page closes, not timed
                    run["warm"] = first_estimate(page, server.url)  # a full second page load
                    time.sleep(READING_S)
                    run["recompute"] = recompute(page, changes)
                finally:
                    context.close()
                runs.append(run)
                print(
                    f"run {number}/{count}: bare {run['bare_boot']['ms']:.0f} ms,"
                    f" cold {run['cold']['ms']:.0f} ms, warm {run['warm']['ms']:.0f} ms,"
                    f" recompute p95 {run['recompute']['p95_ms']:.1f} ms",
                    flush=True,
                )
            report["transfers"] = transfers(browser, server)
            report["phone"] = phone_runs(browser, server, folder, report["phone_runs"])
        finally:
            browser.close()
            server.close()
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--changes", type=int, default=100, help="input changes for item 4")
    parser.add_argument("--label", default="latest", help="a name for this run, in the table")
    parser.add_argument(
        "--out", type=Path, default=RESULTS_DIR / "site.json", help="the JSON report to write"
    )
    parser.add_argument(
        "--skip-estimator", action="store_true", help="reuse bench-results/estimator.json"
    )
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default site/)")
    parser.add_argument(
        "--phone-runs", type=int, default=3, help="runs like a phone on 4G (default 3; 0: none)"
    )
    args = parser.parse_args()
    set_site(args.site.resolve())
    if not (SITE / ESTIMATOR_PAGE / "index.html").is_file():
        fail("site/ has not been built: run `make site` first")
    if not CHROMIUM.is_file():
        fail(f"{CHROMIUM} is missing: run `make setup`")
    started = time.perf_counter()
    report: dict[str, Any] = {
        "label": args.label,
        "measured": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "changes": args.changes,
        "phone_runs": args.phone_runs,
    }
    report["estimator"] = estimator_bench(args.skip_estimator)
    runs = measure(report, args.runs, args.changes)
    report["runs"] = len(runs)
    report["per_run"] = runs
    report["summary"] = summarize(runs)
    report["phone_summary"] = summarize_phone(report["phone"])
    report["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    report["seconds"] = round(time.perf_counter() - started, 1)
    table = render_table(report)
    report["table"] = table
    print()
    print(table)
    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {out} in {report['seconds']:.0f} s")


if __name__ == "__main__":
    if shutil.which("node") is None:
        fail("node is missing: run `make setup`")
    main()
