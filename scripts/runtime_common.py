"""Paths and facts about the self-hosted Pyodide runtime, shared by the runtime scripts.

Used by build_runtime.py, pyodide_test_wheels.py and bench_estimator.py (each run as
`python scripts/NAME.py`, so this module imports as `runtime_common`). The JavaScript side
has its counterpart in scripts/pyodide_node.mjs.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = ROOT / "build"
# MkDocs serves everything under docs/, so the runtime lives there (gitignored, generated).
RUNTIME_DIR = ROOT / "docs" / "assets" / "runtime"
PYODIDE_NPM_DIR = ROOT / "node_modules" / "pyodide"


# Every name the estimator's worker, the service worker, the build and the tests must agree on,
# in one place. The build writes them for JavaScript into SHARED_NAMES_MODULE (imported by the
# worker's modules) and into the service worker's BUILD line (scripts/finish_site.py); Python
# reads them here. Change a name here, then run `make wheel`.
SHARED_NAMES: dict[str, Any] = {
    # runtime.json: the one runtime file with a fixed name; it names everything else.
    "manifest": "runtime.json",
    # Cache Storage names, each followed by what it holds: the site's build version, or the
    # runtime directory.
    "siteCachePrefix": "prg-site-",
    "runtimeCachePrefix": "prg-runtime-",
    # The folder of the site's private file system where the unpacked snapshot is kept, one
    # file named by its runtime directory.
    "snapshotDirectory": "estimator-snapshot",
    # The memory snapshot in the runtime directory (gzip), and its unpacked copy's name.
    "snapshotFile": "snapshot.bin.gz",
    "snapshotUnpacked": "snapshot.bin",
    # The same snapshot as Brotli: fetched first, used where the host sends it with
    # `Content-Encoding: br` (site/_headers), else the gzip file is.
    "snapshotBrotli": "snapshot.bin.br",
    # The standard library: cut down for the normal boot, empty after a restore.
    "stdlib": "python_stdlib.zip",
    "snapshotStdlib": "python_stdlib-snapshot.zip",
    # The Python module the worker calls, and its functions (estimator/bridge.py).
    "bridgeModule": "estimator.bridge",
    "bridge": {
        "options": "widget_options",
        "estimate": "widget_estimate",
        "calendar": "widget_calendar",
    },
    # The name of the snapshot loader's nested worker (it tells the module it runs as one).
    "snapshotLoader": "snapshot-loader",
    # Messages between the page and the service worker: keep the whole site (the estimator
    # page, once its runtime is stored) and its answer; keep this page and what it loaded (any
    # page, once the service worker is active) and its answer.
    "keepOffline": "cache-offline",
    "offlineReady": "offline-ready",
    "keepPage": "keep-page",
    "pageKept": "page-kept",
    # The <meta name=...> on the estimator page naming the runtime directory it was built with
    # (scripts/finish_site.py writes it).
    "pageRuntimeMeta": "prg-runtime",
}
SHARED_NAMES_MODULE = ROOT / "docs" / "assets" / "estimator" / "names.mjs"


def js_object(value: dict[str, Any], indent: str = "") -> str:
    """`value` (names to strings or such objects) as a JavaScript object literal, laid out as
    the project's formatter (Biome) lays it out, so the written module needs no reformatting."""
    inner = indent + "  "
    odd = [key for key in value if not key.isidentifier()]
    if odd:
        raise ValueError(f"shared names must be JavaScript identifiers: {odd}")
    lines = [
        f"{inner}{key}: {js_object(item, inner) if isinstance(item, dict) else json.dumps(item)},"
        for key, item in value.items()
    ]
    return "{\n" + "\n".join(lines) + f"\n{indent}}}"


def shared_names_module() -> str:
    """SHARED_NAMES as the ES module the worker imports (the build writes it)."""
    names = js_object(SHARED_NAMES)
    return (
        "// Written by scripts/build_runtime.py from scripts/runtime_common.py (SHARED_NAMES):\n"
        "// edit the names there, never here. Shared by the worker, the service worker, the build\n"
        "// and the tests.\n"
        f"export const NAMES = Object.freeze({names});\n"
    )


def write_shared_names() -> None:
    """Rewrite SHARED_NAMES_MODULE if it differs (mkdocs serve then sees no change)."""
    text = shared_names_module()
    if not SHARED_NAMES_MODULE.is_file() or SHARED_NAMES_MODULE.read_text("utf-8") != text:
        SHARED_NAMES_MODULE.write_text(text, encoding="utf-8")


def fail(message: str) -> None:
    """Stop a script with one readable line instead of a traceback."""
    sys.exit(f"{Path(sys.argv[0]).name}: {message}")


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def pyodide_npm_version() -> str:
    """The Pyodide version npm installed (package.json pins it; node_modules is the truth)."""
    package_json = PYODIDE_NPM_DIR / "package.json"
    if not package_json.is_file():
        fail(f"{package_json.relative_to(ROOT)} is missing: run `make setup` (npm ci)")
    return str(read_json(package_json)["version"])


def pyodide_lock_info() -> dict[str, str]:
    """`info` of Pyodide's own lock: the Python version and platform inside the runtime."""
    return dict(read_json(PYODIDE_NPM_DIR / "pyodide-lock.json")["info"])


def pyodide_platform_tag() -> str:
    """The wheel platform tag of Pyodide's binary wheels on PyPI (PEP 783), from its lock."""
    info = pyodide_lock_info()
    return f"pyemscripten_{info['abi_version']}_{info['arch']}"  # pyemscripten_2026_0_wasm32


def pyodide_marker_environment() -> dict[str, str]:
    """PEP 508 marker values as seen inside Pyodide, to pick the dependencies it needs."""
    info = pyodide_lock_info()
    python = info["python"]  # e.g. "3.14.2"
    platform, _, release = info["platform"].partition("_")  # "emscripten_5_0_3"
    return {
        "implementation_name": "cpython",
        "implementation_version": python,
        "os_name": "posix",
        "platform_machine": info["arch"],
        "platform_python_implementation": "CPython",
        "platform_release": release.replace("_", "."),
        "platform_system": "Emscripten",
        "platform_version": "",
        "python_full_version": python,
        "python_version": ".".join(python.split(".")[:2]),
        "sys_platform": platform,
    }


# Headless Chromium as the browser tests and the benchmark run it (one list for both).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # needed as root; only this site is opened
    "--disable-gpu",
    "--disable-background-networking",  # no update checks or safe browsing lookups
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Chromium's headless mode is the full browser: every new window preloads the address bar's
    # suggestion popup (a WebUI page) in a renderer of its own. No page can see it, and on a
    # 2-core machine its ~0.5 s of CPU is taken from the page being tested or timed.
    "--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxFullPopup,"
    "WebUIOmniboxAimPopup",
]


def file_hashes(folder: Path) -> dict[str, str]:
    """{path below `folder`: sha256 hex} of every file under it, sorted: runtime.json's `files`,
    which the worker and the service worker check every runtime file against before keeping
    it."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(p for p in folder.rglob("*") if p.is_file())
    }
