"""What the widget relies on in docs/assets/runtime/ (written by `make wheel`).

The estimator wheel holds only the package and its data, and matches the sources; Pyodide's
lock lists the estimator with the wheel's sha256 and lists nothing that is not shipped next to
it, so loading by name can never fall back to a CDN.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "docs" / "assets" / "runtime"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")


def read_json(path: Path) -> Any:
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `make wheel`")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def manifest() -> dict[str, str]:
    return read_json(RUNTIME / "runtime.json")


@pytest.fixture(scope="module")
def lock(manifest: dict[str, str]) -> dict[str, Any]:
    return read_json(RUNTIME / manifest["lock"])


@pytest.fixture(scope="module")
def wheel(manifest: dict[str, str]) -> Path:
    path = RUNTIME / manifest["wheel"]
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `make wheel`")
    return path


def test_wheel_holds_only_the_package_and_its_data(wheel: Path) -> None:
    assert wheel.name.endswith("-py3-none-any.whl")
    dist_info = "-".join(wheel.name.split("-")[:2]) + ".dist-info/"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert [n for n in names if not n.startswith(("estimator/", dist_info))] == []
    assert {"estimator/policy.toml", "estimator/py.typed"} <= set(names)
    assert [n for n in names if "__pycache__" in n or n.endswith(".pyc")] == []


def test_wheel_matches_the_sources(wheel: Path) -> None:
    sources = {
        path.relative_to(ROOT).as_posix(): path.read_bytes()
        for path in (ROOT / "estimator").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    with zipfile.ZipFile(wheel) as archive:
        packaged = {n: archive.read(n) for n in archive.namelist() if n.startswith("estimator/")}
    assert packaged == sources, "the site ships an outdated estimator: run `make wheel`"


def test_lock_loads_the_estimator_by_name_from_this_wheel(
    lock: dict[str, Any], wheel: Path
) -> None:
    entry = lock["packages"]["estimator"]
    assert entry["file_name"] == wheel.relative_to(RUNTIME).as_posix()
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert entry["depends"] == []  # standard library only
    assert "estimator" in entry["imports"]


def test_lock_lists_only_shipped_files(lock: dict[str, Any]) -> None:
    # Any other entry would be fetched from Pyodide's CDN when something asks for it.
    for name, entry in lock["packages"].items():
        file_name = entry["file_name"]
        assert "://" not in file_name, f"{name} would be fetched from {file_name}"
        assert not file_name.startswith("/"), f"{name}: {file_name} is outside the site"
        assert (RUNTIME / file_name).is_file(), f"{name}: {file_name} is not shipped"


def test_runtime_is_the_installed_pyodide(manifest: dict[str, str], lock: dict[str, Any]) -> None:
    npm_version = json.loads((PYODIDE_NPM / "package.json").read_text())["version"]
    assert manifest["pyodide"] == npm_version
    pyodide_lock = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text())
    assert lock["info"] == pyodide_lock["info"]  # same Python, ABI and platform
    for name in CORE_FILES:
        shipped = RUNTIME / name
        assert shipped.is_file(), f"{name} is missing: run `make wheel`"
        assert shipped.read_bytes() == (PYODIDE_NPM / name).read_bytes(), name
