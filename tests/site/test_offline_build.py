"""The built site's service worker, `_headers` and deploy workflow (scripts/finish_site.py,
run by `make site` after the MkDocs build), and the widget's module list.

The service worker's version must change with any file of the site (runtime and snapshot
included), its lists must name only files that exist, guide pages must never precache the
runtime, it checks every runtime file against runtime.json's sha256 and shares its names with
the estimator's worker, the estimator page names the runtime it was built with, and `_headers`
must give the same Content-Security-Policy as the pages' <meta>.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scripts.runtime_common import SHARED_NAMES

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
BUILD_LINE = re.compile(r"^const BUILD = (\{.*\});$", re.MULTILINE)
# Runtime files the estimator's worker keeps itself (runtime.json keys): the snapshot in the
# copy it used, and what only the normal boot reads. The service worker downloads none of them.
OWN_COPIES = ("snapshot", "snapshot_br", "stdlib", "wheel")


def built(path: str) -> Path:
    file = SITE / path
    if not file.is_file():
        pytest.fail(f"site/{path} is missing: run `make site`", pytrace=False)
    return file


@pytest.fixture(scope="module")
def build() -> dict[str, Any]:
    found = BUILD_LINE.search(built("sw.js").read_text(encoding="utf-8"))
    assert found, "site/sw.js has no BUILD line"
    data: dict[str, Any] = json.loads(found[1])
    assert data["version"], "site/sw.js was not stamped: `make site` must run finish_site.py"
    return data


@pytest.fixture(scope="module")
def runtime() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(built("assets/runtime/runtime.json").read_text())
    return data


def file_of(url: str) -> Path:
    return SITE / (url + "index.html" if url == "" or url.endswith("/") else url)


def version_of(site: Path) -> str:
    found = BUILD_LINE.search((site / "sw.js").read_text(encoding="utf-8"))
    assert found, "sw.js has no BUILD line"
    version: str = json.loads(found[1])["version"]
    return version


def replace_file(path: Path, data: bytes) -> None:
    """Write a new file in place of `path` (never through a hard link to site/)."""
    path.unlink()
    path.write_bytes(data)


def test_any_changed_file_gives_a_new_service_worker_version(
    build: dict[str, Any], runtime: dict[str, Any], tmp_path: Path
) -> None:
    """A shopper's browser installs a new service worker, hence new caches, only when the
    version changes: it must change with any file of the site, and only then."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site, copy_function=os.link)  # hard links: no 30 MB copy
    for name in ("sw.js", "_headers"):  # written by finish_site.py: real copies
        replace_file(site / name, (SITE / name).read_bytes())

    def finish() -> str:
        script = ROOT / "scripts" / "finish_site.py"
        subprocess.run([sys.executable, str(script), "--site", str(site)], check=True)
        return version_of(site)

    assert finish() == build["version"]  # the same files: the same version
    base = site / "assets" / "runtime" / runtime["base"]
    for changed in (site / "deadlines" / "index.html", base / "pyodide.asm.wasm"):
        original = changed.read_bytes()
        replace_file(changed, original + b"\n")
        assert finish() != build["version"], changed.relative_to(site)
        replace_file(changed, original)
    assert finish() == build["version"]


def test_lists_name_existing_files_and_keep_the_runtime_off_guide_pages(
    build: dict[str, Any], runtime: dict[str, Any]
) -> None:
    for group in ("shell", "site", "runtimeFiles"):
        missing = [url for url in build[group] if not file_of(url).is_file()]
        assert missing == [], group
    # The shell is precached on any page: nothing of the runtime, not even runtime.json.
    assert [url for url in build["shell"] if url.startswith("assets/runtime/")] == []
    assert {"", "404.html", "search/search_index.json"} <= set(build["shell"])
    assert "assets/estimator/widget.mjs" in build["shell"]
    # The runtime: exactly its versioned directory, but for the snapshot: the estimator's worker
    # keeps the copy it used (Brotli or gzip), and the service worker downloads neither again.
    assert build["runtime"] == runtime["id"]
    directory = SITE / "assets" / "runtime" / runtime["base"]
    every = sorted(p.relative_to(SITE).as_posix() for p in directory.rglob("*") if p.is_file())
    # Nor what only the normal boot reads (a worker that booted that way stores it itself).
    own_copies = {"assets/runtime/" + runtime[key] for key in OWN_COPIES}
    assert own_copies <= set(every)
    assert sorted(build["runtimeFiles"]) == sorted(set(every) - own_copies)
    # Everything else of the site is kept once the estimator has run.
    assert "assets/runtime/runtime.json" in build["site"]
    assert "assets/estimator/app.mjs" in build["site"]
    assert not set(build["shell"]) & set(build["site"])


def test_service_worker_checks_runtime_files_and_shares_the_names(
    build: dict[str, Any], runtime: dict[str, Any]
) -> None:
    """It caches a runtime file only if it matches runtime.json's sha256: every file of the
    runtime directory has one, and the file has it."""
    directory = f"assets/runtime/{runtime['base']}"
    assert build["sha256"] == {directory + name: sha for name, sha in runtime["files"].items()}
    own_copies = {"assets/runtime/" + runtime[key] for key in OWN_COPIES}
    assert set(build["sha256"]) == set(build["runtimeFiles"]) | own_copies
    # The Brotli snapshot's sha256 is its unpacked content's (the gzip copy's, unpacked): what
    # the browser receives where the host sends it with `Content-Encoding: br`.
    brotli = "assets/runtime/" + runtime["snapshot_br"]
    unpacked = gzip.decompress(built("assets/runtime/" + runtime["snapshot"]).read_bytes())
    assert build["sha256"][brotli] == hashlib.sha256(unpacked).hexdigest()
    for path, sha in build["sha256"].items():
        if path != brotli:
            assert hashlib.sha256(built(path).read_bytes()).hexdigest() == sha, path
    assert build["names"] == SHARED_NAMES


def test_only_the_estimator_page_names_its_runtime(runtime: dict[str, Any]) -> None:
    """The estimator's worker boots the runtime its page was built with, or asks for a reload:
    a page of one deployment never runs the estimator of another."""
    meta = f'<meta name="{SHARED_NAMES["pageRuntimeMeta"]}" content="{runtime["id"]}">'
    pages = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html"))
    naming = [page for page in pages if meta in (SITE / page).read_text(encoding="utf-8")]
    assert naming == ["estimator/index.html"]


def test_every_page_is_kept_for_offline_use(build: dict[str, Any]) -> None:
    pages = {
        p.relative_to(SITE).as_posix().removesuffix("index.html")
        for p in SITE.rglob("index.html")
        if not p.relative_to(SITE).as_posix().startswith("assets/")
    }
    assert pages <= set(build["shell"]) | set(build["site"])
    assert "sitemap.xml" in build["site"]


def test_headers_file_for_netlify_and_cloudflare_pages(runtime: dict[str, Any]) -> None:
    text = built("_headers").read_text(encoding="utf-8")
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        else:
            name, _, value = line.strip().partition(": ")
            current[name] = value
    meta = re.search(
        r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">',
        built("index.html").read_text(encoding="utf-8"),
    )
    assert meta
    assert rules["/*"]["Content-Security-Policy"] == f"{meta[1]}; frame-ancestors 'none'"
    assert "'wasm-unsafe-eval'" in rules["/*"]["Content-Security-Policy"]
    base = f"/assets/runtime/{runtime['base']}"
    assert rules[f"{base}pyodide.asm.wasm"]["Content-Type"] == "application/wasm"
    assert "immutable" in rules[f"{base}*"]["Cache-Control"]
    assert rules["/assets/runtime/runtime.json"]["Cache-Control"] == "no-cache"
    assert rules["/sw.js"]["Cache-Control"] == "no-cache"
    # Only names that change with their content may be cached for a year.
    for pattern, headers in rules.items():
        if "immutable" in headers.get("Cache-Control", ""):
            assert pattern.startswith(base) or re.search(r"\.[0-9a-f]{8}\.min\.", pattern)


def test_github_pages_workflow_builds_and_deploys_site() -> None:
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "make site" in workflow
    assert "actions/upload-pages-artifact@" in workflow
    assert "path: site" in workflow
    assert "actions/deploy-pages@" in workflow
