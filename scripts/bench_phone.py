"""The bench's phone-on-4G condition (scripts/bench_site.py --phone): a slow processor and one
shared mobile link, applied to the page AND its workers.

- Processor: Chromium's renderer processes (the page, its workers and the service worker all
  run there) are paused and resumed (SIGSTOP / SIGCONT) so that they run a quarter of the time,
  in slices of RUN_MS out of every PERIOD_MS. The DevTools protocol's CPU throttling would be
  simpler, but `Emulation.setCPUThrottlingRate` does not reach workers, where Pyodide runs.
- Network: one link for the whole browser, LINK_BITS_PER_S shared by every response (each
  chunk waits for the link to be free), and LATENCY_S before each response starts, like a
  4G round trip. Text files go out Brotli-compressed (quality 11) when the browser accepts it,
  as a good static host sends them; files with their own Content-Encoding (site/_headers) as
  they are.

Linux only (signals, /proc). Used only by the bench, never by the tests.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

RUN_MS = 10
PERIOD_MS = 40  # runs RUN_MS of every PERIOD_MS: a quarter of the time, 4x slower
LINK_BITS_PER_S = 9_000_000
LATENCY_S = 0.040
CHUNK = 16 * 1024
# What a static host compresses (the rest, .zip, .whl, .gz, .br, goes out as it is).
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".wasm", ".xml", ".py", ".txt")

BROTLI_FILE_JS = """
const zlib = require("node:zlib"), fs = require("node:fs");
for (const [source, target] of JSON.parse(fs.readFileSync(0, "utf8"))) {
  const data = fs.readFileSync(source);
  fs.writeFileSync(target, zlib.brotliCompressSync(data, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
  } }));
}
"""


class Phone:
    """What scripts/static_server.py sends through in the phone condition (its `shaper`):
    bodies compressed as a good host does, over one link shared by every response."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()
        self.free_at = 0.0

    def fresh_link(self) -> Phone:
        """This, with an idle link (a new run starts with nothing in flight)."""
        with self.lock:
            self.free_at = 0.0
        return self

    def brotli_copy(self, source: Path) -> Path:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:24]
        return self.cache_dir / f"{digest}.br"

    def prepare(self, files: list[Path]) -> None:
        """Brotli copies of the text files, made once and kept by content hash."""
        texts = [f for f in files if f.is_file() and f.suffix in COMPRESSIBLE]
        todo = [(str(f), str(self.brotli_copy(f))) for f in texts]
        todo = [(source, target) for source, target in todo if not Path(target).is_file()]
        if todo:
            command = ["node", "-e", BROTLI_FILE_JS]
            subprocess.run(command, input=json.dumps(todo), text=True, check=True)

    def encode(self, file: Path, accepted: str, encoded: bool) -> tuple[bytes, str | None]:
        """The body to send and its Content-Encoding: Brotli for a text file when the browser
        accepts it, unless the host's headers give the file an encoding already."""
        if encoded or file.suffix not in COMPRESSIBLE or "br" not in accepted:
            return file.read_bytes(), None
        return self.brotli_copy(file).read_bytes(), "br"

    def send(self, write: Any, data: bytes) -> None:
        """A round trip, then each chunk in its turn on the shared link."""
        time.sleep(LATENCY_S)
        for start in range(0, len(data), CHUNK):
            chunk = data[start : start + CHUNK]
            with self.lock:
                begin = max(time.monotonic(), self.free_at)
                self.free_at = begin + len(chunk) * 8 / LINK_BITS_PER_S
                done = self.free_at
            time.sleep(max(0.0, done - time.monotonic()))
            write(chunk)


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def renderers() -> list[int]:
    """This process's Chromium renderer processes (pages, workers, service workers)."""
    pids = []
    for pid in descendants(os.getpid()):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"--type=renderer" in command:
            pids.append(pid)
    return pids


class SlowProcessor:
    """While on, Chromium's renderers run RUN_MS of every PERIOD_MS (a quarter speed)."""

    def __init__(self) -> None:
        self.on = threading.Event()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def signal(self, pids: list[int], which: signal.Signals) -> None:
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):  # ended meanwhile
                os.kill(pid, which)

    def loop(self) -> None:
        while not self.stop.is_set():
            if not self.on.wait(0.1):
                continue
            pids = renderers()  # new ones appear with each page and worker
            time.sleep(RUN_MS / 1000)
            self.signal(pids, signal.SIGSTOP)
            time.sleep((PERIOD_MS - RUN_MS) / 1000)
            self.signal(pids, signal.SIGCONT)

    def close(self) -> None:
        self.on.clear()
        self.stop.set()
        self.thread.join()
        self.signal(renderers(), signal.SIGCONT)
