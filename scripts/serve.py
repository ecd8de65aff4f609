"""Live preview of the site (run by `make serve`): http://127.0.0.1:8000/ by default.

Runs `mkdocs serve`, which rebuilds and reloads the browser when a page, the theme or a file
in generated/ changes. MkDocs cannot regenerate generated/ itself (that step is a plain script
so it also works with Zensical), so a small thread polls the generator's inputs and reruns
scripts/generate_content.py when one changes. The generator runs in a fresh process each time
because the estimator caches the policy it has read.

Options other than --dev-addr go to `mkdocs serve` unchanged (e.g. --dirty, --no-livereload).
Ctrl-C stops the server and the watcher.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "scripts" / "generate_content.py"
# What generate_content.py reads: the policy data and the FAQ (for its JSON-LD).
GENERATOR_INPUTS = (ROOT / "estimator" / "policy.toml", ROOT / "docs" / "faq.md")
POLL_SECONDS = 1.0


def regenerate() -> int:
    return subprocess.run([sys.executable, str(GENERATOR)], cwd=ROOT, check=False).returncode


def modification_times() -> list[int | None]:
    return [path.stat().st_mtime_ns if path.exists() else None for path in GENERATOR_INPUTS]


def watch_generator_inputs(stop: threading.Event) -> None:
    """Regenerate whenever an input changes; a failed run keeps the previous snippets."""
    seen = modification_times()
    while not stop.wait(POLL_SECONDS):
        current = modification_times()
        if current != seen:
            seen = current
            regenerate()


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Let mkdocs exit on its own (a terminal's Ctrl-C reached it too), then ask, then force."""
    for ask_to_stop in (lambda: None, server.terminate, server.kill):
        ask_to_stop()
        try:
            server.wait(timeout=2)
            return
        except subprocess.TimeoutExpired:
            continue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="IP:PORT to serve on")
    args, mkdocs_args = parser.parse_known_args(argv)

    if regenerate() != 0:
        return 1
    # `kill` (SIGTERM) should stop the server too, the same way Ctrl-C does.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    stop = threading.Event()
    watcher = threading.Thread(target=watch_generator_inputs, args=(stop,), daemon=True)
    watcher.start()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", args.dev_addr]
    # The preview's pages get a live-reload inline script; mkdocs.yml's extra.live_preview
    # lets the Content-Security-Policy allow it there, and only there.
    environment = {**os.environ, "PRG_LIVE_PREVIEW": "true"}
    server = subprocess.Popen([*command, *mkdocs_args], cwd=ROOT, env=environment)
    try:
        return server.wait()
    except KeyboardInterrupt:
        return 0  # the user stopped the preview: not an error
    finally:
        stop.set()
        watcher.join()
        stop_server(server)


if __name__ == "__main__":
    sys.exit(main())
