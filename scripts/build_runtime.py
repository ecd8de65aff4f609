"""Build the estimator wheel and the self-hosted Pyodide runtime into docs/assets/runtime/.

Run by `make wheel`. The directory it writes is what the widget (and the Pyodide test run)
loads, all from the site itself:

    pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip   Pyodide's core (npm)
    pyodide-lock.json       Pyodide's lock with only `estimator` in it: every entry of the full
                            lock would name a wheel we do not ship, which Pyodide fetches from
                            its CDN; with this lock, `loadPackage("estimator")` loads our wheel
                            by name and checks its sha256
    wheels/<sha256[:16]>/estimator-<version>-py3-none-any.whl
                            in a directory named by its hash, so a browser that cached an older
                            wheel under the same URL never fails the lock's integrity check
    runtime.json            {"pyodide", "python", "wheel", "lock"} for the widget

It does nothing (and says so in one line) when the inputs have not changed since the last
build: the estimator sources and packaging metadata, the Pyodide version, and this script.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from runtime_common import (
    BUILD_DIR,
    PYODIDE_NPM_DIR,
    ROOT,
    RUNTIME_DIR,
    RUNTIME_MANIFEST,
    fail,
    pyodide_lock_info,
    pyodide_npm_version,
    read_json,
)

PACKAGE = "estimator"
# What loadPyodide() fetches at boot (besides the lock). Source maps and the UMD pyodide.js
# are not needed by a module-based page or worker.
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# The package's data files, which a wheel silently drops if packaging is misconfigured.
REQUIRED_IN_WHEEL = (f"{PACKAGE}/__init__.py", f"{PACKAGE}/policy.toml", f"{PACKAGE}/py.typed")
STAMP = BUILD_DIR / "runtime.stamp"
# Fixed zip timestamps (1980-01-01, the zip epoch): the same sources give the same wheel
# bytes, hence the same sha256 and URL, however often files are touched or checked out.
SOURCE_DATE_EPOCH = "315532800"


def input_files() -> list[Path]:
    """Everything the wheel's bytes depend on (flit puts README and LICENSE in METADATA)."""
    sources = (
        path
        for path in (ROOT / PACKAGE).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )
    metadata = [ROOT / "pyproject.toml", *ROOT.glob("README*"), *ROOT.glob("LICEN[CS]E*")]
    scripts = [Path(__file__), Path(__file__).with_name("runtime_common.py")]
    return sorted({*sources, *metadata, *scripts})


def inputs_hash(pyodide_version: str) -> str:
    digest = hashlib.sha256(f"pyodide {pyodide_version}\n".encode())
    for path in input_files():
        digest.update(f"{path.relative_to(ROOT)}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def up_to_date(stamp_hash: str) -> dict[str, str] | None:
    """The current manifest if the last build used the same inputs and its outputs are there."""
    if not STAMP.is_file() or STAMP.read_text().strip() != stamp_hash:
        return None
    if not RUNTIME_MANIFEST.is_file():
        return None
    manifest: dict[str, str] = read_json(RUNTIME_MANIFEST)
    needed = [*CORE_FILES, manifest["lock"], manifest["wheel"]]
    return manifest if all((RUNTIME_DIR / name).is_file() for name in needed) else None


def build_wheel(out_dir: Path) -> Path:
    command = [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(out_dir)]
    if importlib.util.find_spec("flit_core") is not None:
        # Offline and fast with the .venv's flit_core. Without it, pip fetches flit_core from
        # PyPI into a throwaway build environment (needs the network, a few seconds more).
        command.append("--no-build-isolation")
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wheels = list(out_dir.glob("*.whl"))
    if done.returncode != 0 or len(wheels) != 1:
        sys.stderr.write(done.stdout + done.stderr)
        fail(f"building the {PACKAGE} wheel failed: {' '.join(command[1:])}")
    return wheels[0]


def check_wheel(wheel: Path) -> None:
    """Only the package and its data: no tests, scripts or docs, no bytecode, pure Python."""
    if not wheel.name.endswith("-py3-none-any.whl"):
        fail(f"{wheel.name} is not a pure py3-none-any wheel: Pyodide cannot load it as is")
    dist_info = "-".join(wheel.name.split("-")[:2]) + ".dist-info/"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    stray = [n for n in names if not n.startswith((f"{PACKAGE}/", dist_info)) or n.endswith(".pyc")]
    missing = [n for n in REQUIRED_IN_WHEEL if n not in names]
    if stray or missing:
        fail(f"{wheel.name}: unexpected files {stray}, missing files {missing}")


def write_lock(staging: Path, wheel: Path) -> None:
    """Pyodide's lock trimmed to no packages, then the estimator added by pyodide-lock's CLI."""
    full_lock = read_json(PYODIDE_NPM_DIR / "pyodide-lock.json")
    trimmed = staging.parent / f"{staging.name}-trimmed-lock.json"
    trimmed.write_text(json.dumps({**full_lock, "packages": {}}), encoding="utf-8")
    pyodide_cli = Path(sys.executable).with_name("pyodide")
    command = [str(pyodide_cli), "lockfile", "add-wheels", "--input", str(trimmed)]
    command += ["--output", str(staging / "pyodide-lock.json"), "--base-path", str(staging)]
    done = subprocess.run([*command, str(wheel)], capture_output=True, text=True, check=False)
    trimmed.unlink()
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        fail("`pyodide lockfile add-wheels` failed (needs pyodide-lock[wheel] in .venv)")
    # Guard the promise the site makes: the lock names only the file we ship, by relative path.
    packages = read_json(staging / "pyodide-lock.json")["packages"]
    expected = wheel.relative_to(staging).as_posix()
    if list(packages) != [PACKAGE] or packages[PACKAGE]["file_name"] != expected:
        fail(f"unexpected lock entries: { {k: v['file_name'] for k, v in packages.items()} }")


def build(pyodide_version: str) -> dict[str, str]:
    BUILD_DIR.mkdir(exist_ok=True)
    # Assemble in build/ and swap the finished directory in, so `mkdocs serve` never sees a
    # half-written runtime.
    staging = Path(tempfile.mkdtemp(prefix="runtime-", dir=BUILD_DIR))
    try:
        with tempfile.TemporaryDirectory(dir=BUILD_DIR) as out_dir:
            built = build_wheel(Path(out_dir))
            check_wheel(built)
            sha256 = hashlib.sha256(built.read_bytes()).hexdigest()
            wheel = staging / "wheels" / sha256[:16] / built.name
            wheel.parent.mkdir(parents=True)
            shutil.move(built, wheel)
        for name in CORE_FILES:
            shutil.copyfile(PYODIDE_NPM_DIR / name, staging / name)
        write_lock(staging, wheel)
        manifest = {
            "pyodide": pyodide_version,
            "python": pyodide_lock_info()["python"],
            "wheel": wheel.relative_to(staging).as_posix(),
            "lock": "pyodide-lock.json",
        }
        (staging / RUNTIME_MANIFEST.name).write_text(json.dumps(manifest, indent=2) + "\n")
        RUNTIME_DIR.parent.mkdir(parents=True, exist_ok=True)
        old = staging.with_name(staging.name + "-old")
        if RUNTIME_DIR.exists():
            RUNTIME_DIR.rename(old)
        staging.rename(RUNTIME_DIR)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # only left over if something failed
    return manifest


def main() -> None:
    started = time.perf_counter()
    pyodide_version = pyodide_npm_version()
    stamp_hash = inputs_hash(pyodide_version)
    where = RUNTIME_DIR.relative_to(ROOT).as_posix()
    manifest = up_to_date(stamp_hash)
    if manifest is not None:
        wheel_name = Path(manifest["wheel"]).name
        print(f"runtime: up to date ({wheel_name}, Pyodide {pyodide_version} in {where}/)")
        return
    STAMP.unlink(missing_ok=True)
    manifest = build(pyodide_version)
    STAMP.write_text(stamp_hash + "\n")
    seconds = time.perf_counter() - started
    print(
        f"runtime: built {manifest['wheel']} + Pyodide {pyodide_version} core and lock "
        f"into {where}/ in {seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
