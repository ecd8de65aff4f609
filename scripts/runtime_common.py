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
RUNTIME_MANIFEST = RUNTIME_DIR / "runtime.json"
PYODIDE_NPM_DIR = ROOT / "node_modules" / "pyodide"


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


# MIME types a static host must send for the site's files (Python's defaults lack some, and
# Pyodide refuses a .wasm served as anything but application/wasm). The test server and the
# benchmark server both use them.
STATIC_HOST_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".whl": "application/zip",
    ".gz": "application/octet-stream",
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


def directory_hash(folder: Path) -> str:
    """A hash of every file's path and bytes under `folder`: the runtime directory's name, so
    a browser can never mix files of two builds."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(folder).as_posix()}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
