#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine, and nothing twice:
# Debian's Chromium (browser tests), a Python 3.12+ virtualenv in .venv with the pinned
# tool groups from pyproject.toml, and the pinned npm packages (Pyodide; Biome and
# TypeScript for `make lint`) from package-lock.json.
# Safe to run again: each step is skipped when what it installs is already up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# --- Chromium (Debian's build; Playwright's own browser download is not reachable here) ---
if ! command -v chromium >/dev/null 2>&1; then
    say "installing Debian's chromium (apt-get)"
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# --- Python: .venv from Python 3.12 or newer (pyodide-build needs >= 3.12) ---
find_python() {
    for candidate in python3.12 python3.13 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            command -v "$candidate"; return 0
        fi
    done
    return 1
}
if [ ! -x .venv/bin/python ]; then
    PYTHON=$(find_python) || { echo "setup: Python 3.12 or newer is needed" >&2; exit 1; }
    say "creating .venv with $("$PYTHON" --version)"
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
    say "installing Python packages (pinned groups 'site' and 'test', estimator editable)"
    .venv/bin/python -m pip install -q --upgrade 'pip>=25.1'   # --group needs pip 25.1
    .venv/bin/python -m pip install -q --group test -e .
    rm -f .venv/.installed-*; touch "$stamp"
fi

# --- npm: the pinned Pyodide runtime, Biome and TypeScript (make lint) ---
lockhash=$(sha256sum package-lock.json | cut -c1-16)
if [ ! -f "node_modules/.installed-$lockhash" ]; then
    say "installing npm packages from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error
    touch "node_modules/.installed-$lockhash"
fi
say "ready"
