"""Finish the built site/ for publishing: stamp the service worker, write `_headers`.

Run by `make site` right after `mkdocs build` (a plain script, not a MkDocs plugin or hook,
so it works the same after `zensical build`). It reads the finished site/ and writes:

site/sw.js     docs/sw.js (copied by the build) with its BUILD object filled in:
               version       sha256 of every file of the site (path and bytes; the runtime
                             and its snapshot included), first 16 hex digits: any change to
                             any file gives a new service worker, hence new caches
               runtime       the runtime's versioned directory (assets/runtime/runtime.json)
               shell         precached when the worker installs, on any page: what every page
                             loads (from the home page's links and scripts, and Material's
                             search worker), the home page, 404.html and the search index.
                             No runtime file.
               site          cached once the estimator has run: every other page and asset
                             (runtime.json among them), so the whole guide works offline
               runtimeFiles  every file of the runtime's directory (cached on the estimator
                             page only)
               sha256        each runtime file's sha256, from runtime.json: the service worker
                             caches no runtime file that does not match
               names         the names it shares with the estimator's worker
                             (runtime_common.SHARED_NAMES)
site/**/index.html   on pages that start the estimator, <meta name="prg-runtime"> naming the
               runtime directory the page was built with: the estimator's worker boots that
               runtime, or asks the shopper to reload an outdated page (never mixes a page of
               one deployment with the estimator of another)
site/_headers  for hosts that read one (Netlify, Cloudflare Pages): the page's
               Content-Security-Policy as a header (plus frame-ancestors, which a <meta> cannot
               set), `application/wasm` for the WebAssembly, `no-cache` for the files with a
               fixed name that change with each build (sw.js, runtime.json), and a year of
               `immutable` caching for files whose names carry a hash of their content (the
               runtime's directory, Material's bundles).

Source maps, sitemap.xml.gz and Material's search languages other than English are left out
of the offline copy.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import html.parser
import json
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

from runtime_common import SHARED_NAMES

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
SERVICE_WORKER = "sw.js"
HEADERS = "_headers"
RUNTIME = "assets/runtime"
SEARCH_INDEX = "search/search_index.json"
BUILD_LINE = re.compile(r"^const BUILD = \{.*?\};$", re.MULTILINE | re.DOTALL)
ESTIMATOR_START = "assets/estimator/start.mjs"  # in the <head> of pages that start the estimator
CHARSET = '<meta charset="utf-8">'
PAGE_RUNTIME_META = re.compile(
    rf'\n<meta name="{SHARED_NAMES["pageRuntimeMeta"]}" content="[^"]*">'
)
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
HASHED_NAME = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")  # Material's bundles
LEFT_OUT = (re.compile(r"\.map$"), re.compile(r"^sitemap\.xml\.gz$"))
LEFT_OUT_DIRS = ("assets/javascripts/lunr/",)  # search in other languages than English


def set_site(path: Path) -> None:
    """Finish another built site (a copy the tests deploy anew)."""
    global SITE  # noqa: PLW0603 - one setting for the whole run
    SITE = path


def fail(message: str) -> None:
    sys.exit(f"finish_site.py: {message}")


class AssetLinks(html.parser.HTMLParser):
    """Local files a page loads: stylesheets, icons, scripts, images, Material's config."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.urls: list[str] = []
        self.in_config = False
        self.config = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") in {"stylesheet", "icon"}:
            self.add(attributes.get("href"))
        elif tag in {"script", "img"}:
            self.add(attributes.get("src"))
        self.in_config = tag == "script" and attributes.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self.in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.in_config:
            self.in_config = False
            self.add(json.loads(self.config).get("search"))

    def add(self, url: str | None) -> None:
        if url and not urlparse(url).scheme and not url.startswith("data:"):
            self.urls.append(urljoin(self.page_url, url))


def site_path(url: str) -> str:
    """'/assets/x.css' -> 'assets/x.css'; '/faq/' -> 'faq/'."""
    return urlparse(url).path.lstrip("/")


def url_of(path: str) -> str:
    """A file's address below the site root: pages by their directory."""
    if path == "index.html":
        return ""
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def shell_files() -> list[str]:
    parser = AssetLinks("/")
    parser.feed((SITE / "index.html").read_text(encoding="utf-8"))
    found = {site_path(url) for url in parser.urls}
    missing = sorted(path for path in found if not (SITE / path).is_file())
    if missing:
        fail(f"the home page loads files that are not in site/: {missing}")
    return sorted({*found, "index.html", "404.html", SEARCH_INDEX})


def left_out(path: str) -> bool:
    return (
        path in {SERVICE_WORKER, HEADERS}
        or path.startswith(LEFT_OUT_DIRS)
        or any(pattern.search(path) for pattern in LEFT_OUT)
    )


def build_version(files: list[str]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path}\n".encode())
        digest.update(hashlib.sha256((SITE / path).read_bytes()).digest())
    return digest.hexdigest()[:16]


def mark_estimator_pages(runtime_id: str) -> list[str]:
    """Writes the runtime's name into every page that starts the estimator, right after its
    charset (once: run again, it finds it there); returns those pages."""
    meta = f'<meta name="{SHARED_NAMES["pageRuntimeMeta"]}" content="{html.escape(runtime_id)}">'
    marked = []
    for page in sorted(SITE.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if ESTIMATOR_START not in text:
            continue
        if meta not in text:
            if CHARSET not in text:
                fail(f"{page.relative_to(SITE)} has no {CHARSET}")
            text = PAGE_RUNTIME_META.sub("", text)  # another runtime's, if finished before
            page.write_text(text.replace(CHARSET, f"{CHARSET}\n{meta}", 1), encoding="utf-8")
        marked.append(page.relative_to(SITE).as_posix())
    return marked


def headers_file(csp: str, runtime_id: str, hashed: list[str]) -> str:
    year = "public, max-age=31536000, immutable"
    rules = [
        (
            "/*",
            [
                ("Content-Security-Policy", f"{csp}; frame-ancestors 'none'"),
                ("X-Content-Type-Options", "nosniff"),
                ("Referrer-Policy", "strict-origin-when-cross-origin"),
            ],
        ),
        (f"/{SERVICE_WORKER}", [("Cache-Control", "no-cache")]),
        (f"/{RUNTIME}/runtime.json", [("Cache-Control", "no-cache")]),
        (f"/{RUNTIME}/{runtime_id}/*", [("Cache-Control", year)]),
        (f"/{RUNTIME}/{runtime_id}/pyodide.asm.wasm", [("Content-Type", "application/wasm")]),
        # The snapshot's Brotli copy, sent as what it is: the browser unpacks it on the way.
        (
            f"/{RUNTIME}/{runtime_id}/{SHARED_NAMES['snapshotBrotli']}",
            [("Content-Type", "application/octet-stream"), ("Content-Encoding", "br")],
        ),
        *((f"/{path}", [("Cache-Control", year)]) for path in hashed),
    ]
    lines = [
        "# Written by scripts/finish_site.py for static hosts that read a _headers file",
        "# (Netlify, Cloudflare Pages). Other hosts: see MAINTAINERS.md.",
    ]
    for pattern, headers in rules:
        lines.append(pattern)
        lines += [f"  {name}: {value}" for name, value in headers]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default site/)")
    set_site(parser.parse_args(argv).site.resolve())
    template = SITE / SERVICE_WORKER
    manifest_file = SITE / RUNTIME / "runtime.json"
    if not (SITE / "index.html").is_file() or not manifest_file.is_file():
        fail("site/ is not built (or has no runtime): run `make site`")
    source = template.read_text(encoding="utf-8")
    if len(BUILD_LINE.findall(source)) != 1:
        fail(f"site/{SERVICE_WORKER} has no single `const BUILD = ...;` line to fill in")
    csp = CSP_META.search((SITE / "index.html").read_text(encoding="utf-8"))
    if not csp:
        fail("no Content-Security-Policy <meta> in site/index.html")
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    runtime_id = manifest["id"]
    runtime_dir = f"{RUNTIME}/{runtime_id}/"
    if not mark_estimator_pages(runtime_id):
        fail(f"no page loads {ESTIMATOR_START}: which page starts the estimator?")

    every_file = sorted(
        p.relative_to(SITE).as_posix()
        for p in SITE.rglob("*")
        if p.is_file() and p.relative_to(SITE).as_posix() not in {SERVICE_WORKER, HEADERS}
    )
    stale = sorted(
        {p.split("/")[2] for p in every_file if p.startswith(f"{RUNTIME}/")}
        - {runtime_id}
        - {"runtime.json"}
    )
    if stale:
        fail(f"site/{RUNTIME}/ holds other runtime directories {stale}: rebuild site/ cleanly")
    shell = shell_files()
    # What the service worker keeps of the runtime once the estimator has run: what the
    # estimator's worker did not download itself. Not the snapshot (the worker keeps the copy it
    # used, Brotli or gzip), nor what only the normal boot needs (the cut-down standard library
    # and the wheel: 0.8 MB that a snapshot boot never reads; a worker that booted the normal
    # way stores them itself).
    own_copies = {runtime_dir + SHARED_NAMES[key] for key in ("snapshotFile", "snapshotBrotli")}
    own_copies |= {f"{RUNTIME}/{manifest[key]}" for key in ("stdlib", "wheel")}
    runtime_files = [p for p in every_file if p.startswith(runtime_dir) and p not in own_copies]
    site = [
        p
        for p in every_file
        if not left_out(p)
        and not p.startswith(runtime_dir)
        and url_of(p) not in shell
        and p not in shell
    ]
    build = {
        "version": build_version(every_file),
        "runtime": runtime_id,
        "shell": [url_of(p) for p in shell],
        "site": [url_of(p) for p in site],
        "runtimeFiles": list(runtime_files),
        "sha256": {runtime_dir + name: sha for name, sha in manifest["files"].items()},
        "names": SHARED_NAMES,
    }
    stamped = BUILD_LINE.sub(lambda _m: f"const BUILD = {json.dumps(build)};", source)
    template.write_text(stamped, encoding="utf-8")
    hashed = [p for p in every_file if HASHED_NAME.search(p)]
    (SITE / HEADERS).write_text(headers_file(csp[1], runtime_id, hashed), encoding="utf-8")

    def size(paths: list[str]) -> float:
        return sum((SITE / p).stat().st_size for p in paths) / 1000

    print(
        f"site: service worker {build['version']}: shell {len(shell)} files"
        f" ({size(shell):,.0f} kB), site {len(site)} ({size(site):,.0f} kB),"
        f" runtime {len(runtime_files)} ({size(runtime_files) / 1000:,.1f} MB); _headers written"
    )


if __name__ == "__main__":
    main()
