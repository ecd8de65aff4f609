"""The one local static server for the browser tests and the benchmark (loopback only).

Serves a built site like a static host: the right MIME types (STATIC_HOST_TYPES below),
`404.html` for unknown paths, ETag revalidation (a 304 when nothing changed), files sent with
sendfile as nginx does, HTTP/1.1 keep-alive. It can play either host the site documents:

    host="netlify"   the site's own `_headers` file, as Netlify and Cloudflare Pages read it
    host="github"    GitHub Pages: every file `Cache-Control: max-age=600`, no custom headers
    host="plain"     no caching headers at all

and, for chosen paths, answer the way a broken host or network does (`fail(path, how)`):
"404", "truncate" (status 200 and a correct Content-Length header for a body cut to half:
the browser sees a failed download), "damaged" (status 200, half the file, and a Content-Length
to match: a damaged file served whole), or "stall" (headers, then nothing until the server
closes). `publish(folder)` swaps the served site for another, as a deploy does; `served` lists
every path asked for, `log` every file body sent (path, status, bytes).

    with StaticServer(SITE, host="github") as server:
        server.url                               # "http://127.0.0.1:PORT/"
        server.fail("/assets/x.wasm", "404")
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import hashlib
import http.server
import mimetypes
import re
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit

# MIME types a static host must send for the site's files (Python's defaults lack some, and
# Pyodide refuses a .wasm served as anything but application/wasm).
STATIC_HOST_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".whl": "application/zip",
    ".gz": "application/octet-stream",
}
GITHUB_PAGES_CACHE = "max-age=600"  # what GitHub Pages sends with every file
FAILURES = ("404", "truncate", "damaged", "stall")
HeaderRules = list[tuple[re.Pattern[str], list[tuple[str, str]]]]


def read_headers_file(path: Path) -> HeaderRules:
    """Rules of a Netlify / Cloudflare Pages `_headers` file: (path pattern, headers)."""
    rules: HeaderRules = []
    if not path.is_file():
        return rules
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            pattern = re.escape(line.strip()).replace(r"\*", ".*")
            rules.append((re.compile(f"^{pattern}$"), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


class StaticServer:
    """A built site on 127.0.0.1 at a free port (see the module's docstring)."""

    def __init__(
        self,
        root: Path,
        *,
        host: str = "plain",
        mounts: dict[str, Path] | None = None,
        rewrite: Callable[[str, bytes, str], bytes] | None = None,
    ) -> None:
        """`mounts` serves other folders under a prefix ("/__bench__/": folder); `rewrite`
        (path, body, origin) -> body changes a file on its way out (the tests' sitemap)."""
        if host not in {"plain", "netlify", "github"}:
            raise ValueError(f"unknown host style {host!r}")
        self.host = host
        self.mounts = dict(mounts or {})
        self.rewrite = rewrite
        self.failures: dict[str, str] = {}
        # The bench's phone condition (scripts/bench_phone.py's Phone), None otherwise: bodies
        # compressed as a good host does, sent over a slow link.
        self.shaper: Any = None
        self.served: list[str] = []
        self.log: list[tuple[str, int, int]] = []
        self.lock = threading.Lock()
        self.stalled = threading.Event()  # set at close: stalled responses end then
        self.publish(root)
        handler = type("Handler", (StaticHandler,), {"server_state": self})
        self.httpd = QuietServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def publish(self, root: Path) -> None:
        """Serve `root` from now on (a deploy): its files, and its `_headers`."""
        self.root = root.resolve()
        self.rules = read_headers_file(self.root / "_headers")

    def fail(self, path: str, how: str) -> None:
        """Answer `path` (a URL path, query ignored) as `how` (FAILURES) from now on."""
        if how not in FAILURES:
            raise ValueError(f"unknown failure {how!r}: one of {FAILURES}")
        self.failures[path] = how

    def heal(self) -> None:
        """Answer every path normally again."""
        self.failures.clear()

    def take_log(self) -> list[tuple[str, int, int]]:
        with self.lock:
            log, self.log = self.log, []
        return log

    def close(self) -> None:
        self.stalled.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> StaticServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # --- what the handler asks --------------------------------------------------------------

    def file_for(self, path: str) -> Path | None:
        """The file a URL path names (a folder's index.html), or None."""
        for prefix, folder in self.mounts.items():
            if path.startswith(prefix):
                base, rest = folder.resolve(), path.removeprefix(prefix)
                break
        else:
            base, rest = self.root, path.lstrip("/")
        file = (base / unquote(rest)).resolve()
        if not file.is_relative_to(base):
            return None
        if file.is_dir():
            file = file / "index.html"
        return file if file.is_file() else None

    def headers_for(self, path: str) -> list[tuple[str, str]]:
        if any(path.startswith(prefix) for prefix in self.mounts):
            return []
        if self.host == "github":
            return [("Cache-Control", GITHUB_PAGES_CACHE)]
        if self.host == "netlify":
            return [h for pattern, headers in self.rules if pattern.match(path) for h in headers]
        return []

    def asked(self, path: str) -> None:
        """`served` gets every path, in the order asked (before any answer goes out)."""
        with self.lock:
            self.served.append(path)

    def note(self, path: str, status: int, size: int) -> None:
        """`log` gets every file body sent (not 304s or 404 pages)."""
        if status == 200:
            with self.lock:
                self.log.append((path, status, size))


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A page closed or navigated away mid-download drops its connection: not a failure
        (tests that care check the page's own failed requests), so no traceback in the log."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class StaticHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_state: StaticServer

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle's algorithm and
        # delayed ACKs hold every response for ~40 ms, which no real host does.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        state = self.server_state
        path = urlsplit(self.path).path
        state.asked(path)
        how = state.failures.get(path)
        file = state.file_for(path)
        if how == "404" or file is None:
            self.send_not_found(path)
        elif how == "stall":
            self.send_stalled(path, file)
        elif state.shaper is not None:
            self.send_shaped(path, file)
        else:
            self.send_file(path, file, how)

    def content_type(self, path: str, file: Path) -> str:
        named = [v for n, v in self.server_state.headers_for(path) if n.lower() == "content-type"]
        if named:
            return named[-1]
        suffix = file.suffix.lower()
        if suffix in STATIC_HOST_TYPES:
            return STATIC_HOST_TYPES[suffix]
        if suffix in {".html", ".htm"}:
            return "text/html; charset=utf-8"
        return self.guess_type(file)

    @staticmethod
    def guess_type(file: Path) -> str:
        return mimetypes.guess_type(file.name)[0] or "application/octet-stream"

    def start(self, status: int, path: str, file: Path, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", self.content_type(path, file))
        self.send_header("Content-Length", str(length))
        for name, value in self.server_state.headers_for(path):
            if name.lower() != "content-type":
                self.send_header(name, value)

    def send_file(self, path: str, file: Path, how: str | None) -> None:
        stat = file.stat()
        etag = f'"{etag_of(file, stat.st_mtime_ns, stat.st_size)}"'
        if how is None and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            for name, value in self.server_state.headers_for(path):
                self.send_header(name, value)
            self.end_headers()
            self.server_state.note(path, 304, 0)
            return
        body = file.read_bytes() if self.server_state.rewrite else None
        if body is not None:
            body = self.server_state.rewrite(path, body, self.origin())
        size = len(body) if body is not None else stat.st_size
        sent = size // 2 if how in {"truncate", "damaged"} else size
        self.start(200, path, file, sent if how == "damaged" else size)
        if how is None:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        if self.command != "HEAD":
            self.write_body(file, body, sent)
        self.server_state.note(path, 200, sent)
        if how == "truncate":
            self.close_connection = True

    def write_body(self, file: Path, body: bytes | None, length: int) -> None:
        if body is not None:
            self.wfile.write(body[:length])
            return
        with file.open("rb") as handle:
            # As a real static host does (nginx's sendfile): the kernel copies the file, not
            # a Python loop holding the GIL while other requests wait.
            self.wfile.flush()
            self.connection.sendfile(handle, 0, length)

    def send_shaped(self, path: str, file: Path) -> None:
        shaper = self.server_state.shaper
        headers = self.server_state.headers_for(path)
        encoded = any(name.lower() == "content-encoding" for name, _ in headers)
        body, encoding = shaper.encode(file, self.headers.get("Accept-Encoding", ""), encoded)
        self.start(200, path, file, len(body))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        self.server_state.note(path, 200, len(body))
        if self.command != "HEAD":
            shaper.send(self.wfile.write, body)

    def send_stalled(self, path: str, file: Path) -> None:
        self.start(200, path, file, file.stat().st_size)
        self.end_headers()
        self.wfile.flush()
        self.server_state.note(path, 200, 0)
        self.server_state.stalled.wait()  # until the server closes
        self.close_connection = True

    def send_not_found(self, path: str) -> None:
        page = self.server_state.root / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.server_state.note(path, 404, len(body))

    def origin(self) -> str:
        return f"http://{self.headers['Host']}/"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: failures show up in the tests' own messages


_etags: dict[tuple[str, int, int], str] = {}


def etag_of(file: Path, mtime_ns: int, size: int) -> str:
    """A hash of the file's bytes (remembered per path, time and size): a deploy that copies
    a file with its old time still gets a new ETag when its bytes change."""
    key = (str(file), mtime_ns, size)
    if key not in _etags:
        _etags[key] = hashlib.sha256(file.read_bytes()).hexdigest()[:20]
    return _etags[key]


def main() -> None:
    """`python -m scripts.static_server DIR [--host netlify|github|plain]`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--host", default="netlify", choices=["plain", "netlify", "github"])
    args = parser.parse_args()
    with StaticServer(args.root, host=args.host) as server:
        print(f"serving {args.root} as {args.host} at {server.url} (Ctrl-C stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
