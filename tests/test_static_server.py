"""scripts/static_server.py answers as the hosts it plays, and breaks the way it is told to.

The browser tests and the benchmark rely on it: a wrong header here would make a deploy test
pass on a host that does not exist.
"""

from __future__ import annotations

import http.client
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scripts.static_server import GITHUB_PAGES_CACHE, StaticServer

Get = Callable[..., tuple[int, dict[str, str], bytes]]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<h1>page</h1>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>Page not found</h1>", encoding="utf-8")
    (tmp_path / "app.wasm").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "_headers").write_text(
        "/*\n  X-Frame: all\n/app.wasm\n  Cache-Control: immutable\n", encoding="utf-8"
    )
    return tmp_path


@pytest.fixture
def get() -> Iterator[Get]:
    connections: list[http.client.HTTPConnection] = []

    def fetch(
        server: StaticServer, path: str, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", server.httpd.server_port)
        connections.append(connection)
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        try:
            body = response.read()
        except http.client.IncompleteRead as cut:
            body = cut.partial
        return response.status, dict(response.getheaders()), body

    yield fetch
    for connection in connections:
        connection.close()


def test_serves_pages_types_and_the_404_page(site: Path, get: Get) -> None:
    with StaticServer(site) as server:
        status, headers, body = get(server, "/page/")
        assert (status, body) == (200, b"<h1>page</h1>")
        assert headers["Content-Type"].startswith("text/html")
        assert get(server, "/app.wasm")[1]["Content-Type"] == "application/wasm"
        status, _headers, body = get(server, "/nothing/here")
        assert (status, body) == (404, b"<h1>Page not found</h1>")
        assert server.served == ["/page/", "/app.wasm", "/nothing/here"]


def test_plays_each_host(site: Path, get: Get) -> None:
    with StaticServer(site, host="github") as server:
        assert get(server, "/app.wasm")[1]["Cache-Control"] == GITHUB_PAGES_CACHE
        assert get(server, "/page/")[1]["Cache-Control"] == GITHUB_PAGES_CACHE
    with StaticServer(site, host="netlify") as server:
        headers = get(server, "/app.wasm")[1]
        assert (headers["X-Frame"], headers["Cache-Control"]) == ("all", "immutable")
        assert "Cache-Control" not in get(server, "/page/")[1]
    with StaticServer(site) as server:
        assert "Cache-Control" not in get(server, "/app.wasm")[1]


def test_revalidates_by_content(site: Path, get: Get, tmp_path: Path) -> None:
    with StaticServer(site) as server:
        etag = get(server, "/app.wasm")[1]["ETag"]
        assert get(server, "/app.wasm", {"If-None-Match": etag})[0] == 304
        # A deploy whose file keeps its time but not its bytes gets a new ETag.
        deployed = tmp_path / "deployed"
        deployed.mkdir()
        (deployed / "app.wasm").write_bytes(b"other")
        server.publish(deployed)
        status, _headers, body = get(server, "/app.wasm", {"If-None-Match": etag})
        assert (status, body) == (200, b"other")


def test_breaks_chosen_paths(site: Path, get: Get) -> None:
    whole = (site / "app.wasm").read_bytes()
    with StaticServer(site) as server:
        server.fail("/app.wasm", "404")
        assert get(server, "/app.wasm")[0] == 404
        server.fail("/app.wasm", "damaged")
        status, headers, body = get(server, "/app.wasm")
        assert (status, body) == (200, whole[: len(whole) // 2])
        assert headers["Content-Length"] == str(len(body))
        server.fail("/app.wasm", "truncate")
        status, headers, body = get(server, "/app.wasm")
        assert headers["Content-Length"] == str(len(whole))
        assert body == whole[: len(whole) // 2]
        server.heal()
        assert get(server, "/app.wasm")[2] == whole
