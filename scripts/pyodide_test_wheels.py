"""Fetch the wheels that pytest and Hypothesis need inside Pyodide; print their paths.

Used by tests/pyodide/run_in_pyodide.mjs (Pyodide's lock ships no test tools). The versions
are exactly those installed in .venv, so both test runs use the same pytest and Hypothesis;
the dependencies are those Pyodide's Python needs (markers evaluated for Python 3.14 on
Emscripten). Each wheel is either pure (`none-any`) or built for Pyodide's ABI: Hypothesis
has a Rust core since 6.156 and publishes `cp314-cp314-pyemscripten_2026_0_wasm32` wheels
(PEP 783) next to its native ones, and that is the one Pyodide can import.

Wheels are downloaded once into build/pyodide-test-wheels/; later runs are offline.
Prints a JSON list of absolute wheel paths on stdout and nothing else.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.tags import Tag
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version
from runtime_common import BUILD_DIR, fail, pyodide_marker_environment, pyodide_platform_tag

WHEEL_DIR = BUILD_DIR / "pyodide-test-wheels"
# What the estimator tests import besides the estimator and the standard library.
ROOTS = ("pytest", "hypothesis")


def needed_distributions() -> dict[str, Version]:
    """ROOTS and their dependencies inside Pyodide, at the versions installed here."""
    environment = {**pyodide_marker_environment(), "extra": ""}  # plain installs, no extras
    needed: dict[str, Version] = {}
    queue = list(ROOTS)
    while queue:
        name = canonicalize_name(queue.pop())
        if name in needed:
            continue
        try:
            needed[name] = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            fail(f"{name} is needed inside Pyodide but not installed in .venv: run `make setup`")
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            marker = requirement.marker or Marker("python_version >= '0'")
            if marker.evaluate(environment):
                queue.append(requirement.name)
    return needed


def fits_pyodide(tag: Tag) -> bool:
    python = "cp" + pyodide_marker_environment()["python_version"].replace(".", "")
    pure = tag.abi == "none" and tag.platform == "any"
    built_for_pyodide = tag.platform == pyodide_platform_tag() and tag.abi in (python, "abi3")
    return pure or built_for_pyodide


def wheels_on_disk() -> dict[tuple[str, Version], Path]:
    found = {}
    for path in WHEEL_DIR.glob("*.whl"):
        name, version, _build, tags = parse_wheel_filename(path.name)
        if any(fits_pyodide(tag) for tag in tags):
            found[name, version] = path
    return found


def download(requirements: list[str]) -> None:
    # Ask pip for Pyodide's Python and platform, not ours: it then picks a pure wheel or the
    # pyemscripten one, never a manylinux build.
    python = pyodide_marker_environment()["python_version"]
    abi = "cp" + python.replace(".", "")
    command = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:"]
    command += ["--python-version", python, "--implementation", "cp"]
    command += ["--abi", abi, "--abi", "abi3", "--abi", "none"]
    command += ["--platform", pyodide_platform_tag(), "--platform", "any"]
    command += ["-d", str(WHEEL_DIR), *requirements]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        # pip lists every version it saw on failure: keep its last few lines only.
        sys.stderr.write("\n".join((done.stdout + done.stderr).splitlines()[-4:])[:2000] + "\n")
        fail(f"could not download wheels for Pyodide: {', '.join(requirements)}")


def main() -> None:
    WHEEL_DIR.mkdir(parents=True, exist_ok=True)
    needed = needed_distributions()
    on_disk = wheels_on_disk()
    missing = [
        f"{name}=={version}" for name, version in needed.items() if (name, version) not in on_disk
    ]
    if missing:
        print(f"downloading {len(missing)} wheels for Pyodide into {WHEEL_DIR}", file=sys.stderr)
        download(missing)
        on_disk = wheels_on_disk()
    absent = [name for name, version in needed.items() if (name, version) not in on_disk]
    if absent:
        fail(f"no pure or Pyodide wheel found for {', '.join(absent)}")
    print(json.dumps(sorted(str(on_disk[key]) for key in needed.items())))


if __name__ == "__main__":
    main()
