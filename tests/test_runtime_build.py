"""What the widget relies on in docs/assets/runtime/ (written by `make wheel`).

The estimator wheel holds only the package and its data, and matches the sources; Pyodide's
lock lists the estimator with the wheel's sha256 and lists nothing that is not shipped next to
it, so loading by name can never fall back to a CDN. Every file but runtime.json sits in one
directory named by the Pyodide version and a hash of the build's inputs, and runtime.json gives
each file's sha256; the build is reproducible, and a change outside its inputs (a guide page)
keeps the directory's name, so a deploy that does not touch the estimator costs a returning
shopper no download. The memory snapshot was made by that very Pyodide build; the form's option
lists in runtime.json are the estimator's own.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from estimator import bridge
from scripts.runtime_common import SHARED_NAMES, file_hashes, shared_names_module

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
def base(manifest: dict[str, str]) -> Path:
    """The versioned directory with every runtime file."""
    return RUNTIME / manifest["base"]


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


def test_readme_is_not_in_the_wheel(wheel: Path) -> None:
    """Any change to the runtime's inputs gives it a new directory, which every returning
    shopper downloads again (20 MB): the project's README, often edited, is not one of them."""
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        text = archive.read(metadata).decode("utf-8")
    first_line = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[0]
    assert "Description-Content-Type" not in text
    assert first_line not in text


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
    lock: dict[str, Any], wheel: Path, base: Path
) -> None:
    entry = lock["packages"]["estimator"]
    assert entry["file_name"] == wheel.relative_to(base).as_posix()
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert entry["depends"] == []  # standard library only
    assert "estimator" in entry["imports"]


def test_lock_lists_only_shipped_files(lock: dict[str, Any], base: Path) -> None:
    # Any other entry would be fetched from Pyodide's CDN when something asks for it.
    for name, entry in lock["packages"].items():
        file_name = entry["file_name"]
        assert "://" not in file_name, f"{name} would be fetched from {file_name}"
        assert not file_name.startswith("/"), f"{name}: {file_name} is outside the site"
        assert (base / file_name).is_file(), f"{name}: {file_name} is not shipped"


def test_runtime_is_the_installed_pyodide(
    manifest: dict[str, str], lock: dict[str, Any], base: Path
) -> None:
    npm_version = json.loads((PYODIDE_NPM / "package.json").read_text())["version"]
    assert manifest["pyodide"] == npm_version
    pyodide_lock = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text())
    assert lock["info"] == pyodide_lock["info"]  # same Python, ABI and platform
    for name in CORE_FILES:
        shipped = base / name
        assert shipped.is_file(), f"{name} is missing: run `make wheel`"
        if name == SHARED_NAMES["stdlib"]:
            continue  # cut down: below
        assert shipped.read_bytes() == (PYODIDE_NPM / name).read_bytes(), name
    # The standard library is Pyodide's own, cut down: each file kept is the same.
    stdlib = SHARED_NAMES["stdlib"]
    with zipfile.ZipFile(base / stdlib) as cut, zipfile.ZipFile(PYODIDE_NPM / stdlib) as whole:
        for name in cut.namelist():
            assert cut.read(name) == whole.read(name), name


BUILD_SCRIPT = ROOT / "scripts" / "build_runtime.py"


def runtime_id_of(checkout: Path) -> str:
    """The runtime directory's name that `checkout`'s build would give (built nothing)."""
    command = [sys.executable, str(checkout / "scripts" / "build_runtime.py"), "--print-id"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_every_file_is_in_one_directory_named_by_the_inputs(
    manifest: dict[str, Any], base: Path
) -> None:
    """So a snapshot can never be served next to another runtime, and runtime.json's sha256s
    are the files' (the worker and the service worker keep nothing else)."""
    assert sorted(p.name for p in RUNTIME.iterdir()) == sorted(["runtime.json", base.name])
    assert base.name == manifest["id"] == runtime_id_of(ROOT)
    assert base.name.startswith(f"{manifest['pyodide']}-")
    for key in ("lock", "wheel", "snapshot"):
        assert manifest[key].startswith(manifest["base"]), key
        assert (RUNTIME / manifest[key]).is_file(), key
    # The Brotli snapshot's sha256 is its unpacked content's: what the browser receives where
    # the host sends it with `Content-Encoding: br` (the same bytes as the gzip copy's).
    expected = file_hashes(base)
    unpacked = gzip.decompress((RUNTIME / manifest["snapshot"]).read_bytes())
    expected[SHARED_NAMES["snapshotBrotli"]] = hashlib.sha256(unpacked).hexdigest()
    assert manifest["files"] == expected


def test_the_snapshot_path_ships_no_standard_library(manifest: dict[str, Any]) -> None:
    """After a restore Python reads no file of its standard library (the build checks it):
    that path gets an empty zip, and the normal boot a cut-down one."""
    with zipfile.ZipFile(RUNTIME / manifest["snapshot_stdlib"]) as empty:
        assert empty.namelist() == []
    with zipfile.ZipFile(RUNTIME / manifest["stdlib"]) as cut:
        names = set(cut.namelist())
    assert {"encodings/__init__.py", "json/__init__.py", "decimal.py"} <= names
    assert "tkinter/__init__.py" not in names  # cut down
    assert (RUNTIME / manifest["snapshot_br"]).stat().st_size < (
        RUNTIME / manifest["snapshot"]
    ).stat().st_size


def copy_of_checkout(into: Path) -> Path:
    """The files of this checkout a build reads (the installed Pyodide linked, not copied)."""
    for name in ("estimator", "scripts", "docs"):
        shutil.copytree(
            ROOT / name, into / name, ignore=shutil.ignore_patterns("__pycache__", "runtime")
        )
    for file in (ROOT / "pyproject.toml", *ROOT.glob("LICEN[CS]E*")):
        shutil.copy(file, into / file.name)
    (into / "node_modules").mkdir()
    (into / "node_modules" / "pyodide").symlink_to(ROOT / "node_modules" / "pyodide")
    return into


def test_guide_page_change_keeps_the_runtime_directory(tmp_path: Path) -> None:
    """A deploy that only fixes a typo in a guide page (or edits the benchmark) keeps the
    runtime's name: a returning shopper downloads no runtime byte. A policy change does not."""
    checkout = copy_of_checkout(tmp_path)
    before = runtime_id_of(checkout)
    page = checkout / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA typo fixed.\n", encoding="utf-8")
    (checkout / "scripts" / "bench_core.py").write_text("# edited\n", encoding="utf-8")
    assert runtime_id_of(checkout) == before
    policy = checkout / "estimator" / "policy.toml"
    policy.write_text(policy.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert runtime_id_of(checkout) != before


def test_a_clean_build_gives_the_same_bytes(
    tmp_path: Path, manifest: dict[str, Any], base: Path
) -> None:
    """Built again into an empty directory, the runtime is byte for byte the one the site
    ships (`make wheel`'s, from its own clean directory): snapshot, lock, wheel, runtime.json."""
    out = tmp_path / "runtime"
    subprocess.run([sys.executable, str(BUILD_SCRIPT), "--out", str(out)], check=True)
    assert (out / "runtime.json").read_bytes() == (RUNTIME / "runtime.json").read_bytes()
    assert file_hashes(out / manifest["base"]) == file_hashes(base)


def test_a_built_runtime_is_not_built_again(tmp_path: Path) -> None:
    """`make wheel` (and so `make site`, `make serve`, `make lint`) keeps a runtime that is
    already there for these inputs, whole, instead of spending a minute building it again."""
    out = tmp_path / "runtime"
    shutil.copytree(RUNTIME, out)
    done = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--out", str(out)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert done.stdout.startswith("runtime: up to date"), done.stdout


def test_shared_names_module_is_up_to_date() -> None:
    """The worker's modules read the names they share with the service worker, the build and
    the tests from names.mjs, written from scripts/runtime_common.py's SHARED_NAMES."""
    module = ROOT / "docs" / "assets" / "estimator" / "names.mjs"
    assert module.read_text(encoding="utf-8") == shared_names_module(), "run `make wheel`"
    for name in SHARED_NAMES["bridge"].values():
        assert callable(getattr(bridge, name)), name
    assert SHARED_NAMES["bridgeModule"] == bridge.__name__


SNAPSHOT_MAGIC = 1886286592  # Pyodide's snapshot header (API.makeSnapshot)


def read_snapshot_file(data: bytes) -> bytes:
    """Pyodide's snapshot from our file format, as docs/assets/estimator/snapshot-pages.mjs
    documents it (read here independently of that module, which the worker uses)."""
    magic, version, page_size, size = struct.unpack("<4sIII", data[:16])
    assert (magic, version) == (b"PRGP", 1)
    pages = -(-size // page_size)
    bitmap = data[16 : 16 + -(-pages // 8)]
    snapshot = bytearray(size)
    offset = 16 + len(bitmap)
    for page in range(pages):
        if bitmap[page >> 3] & (1 << (page & 7)):
            start = page * page_size
            length = min(page_size, size - start)
            snapshot[start : start + length] = data[offset : offset + length]
            offset += length
    assert offset == len(data), "bytes left over after the last page"
    return bytes(snapshot)


def test_snapshot_was_made_by_this_pyodide_build(manifest: dict[str, Any], base: Path) -> None:
    """Pyodide refuses a snapshot from another build: the header's build id must be the one
    compiled into the shipped pyodide.mjs, as runtime.json says (the worker checks the
    version, Pyodide the build id). The worker's buffer is made for runtime.json's size."""
    with gzip.open(RUNTIME / manifest["snapshot"]) as unpacked:
        file = unpacked.read()
    snapshot = read_snapshot_file(file)
    assert len(snapshot) == manifest["snapshot_size"]
    assert len(file) < 0.8 * len(snapshot)  # the zero pages are left out
    magic, *_offsets = struct.unpack("<4I", snapshot[:16])
    assert magic == SNAPSHOT_MAGIC
    build_id = "".join(f"{word:08x}" for word in struct.unpack("<8I", snapshot[16:48]))
    pyodide_mjs = (base / "pyodide.mjs").read_text(encoding="utf-8")
    compiled = re.search(r'BUILD_ID:"([0-9a-f]{64})"', pyodide_mjs)
    assert compiled, "pyodide.mjs no longer names its BUILD_ID"
    assert build_id == compiled[1] == manifest["build_id"]
    assert re.search(rf'var \w+="{re.escape(manifest["pyodide"])}"', pyodide_mjs)


def test_form_options_are_the_estimators(manifest: dict[str, Any]) -> None:
    """The form is drawn from runtime.json before Python runs: its lists must be exactly what
    estimator.bridge's widget_options() gives from the estimator's policy and money modules."""
    assert manifest["options"] == json.loads(bridge.widget_options())
