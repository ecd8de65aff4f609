"""Build the estimator wheel, the self-hosted Pyodide runtime and its memory snapshot.

Run by `make wheel`. Writes docs/assets/runtime/, what the widget (and the Pyodide test run)
loads, all from the site itself:

    runtime.json            the one file at a fixed address: names everything below (paths
                            relative to it), each file's sha256 (the worker and the service
                            worker cache nothing that does not match), the Pyodide version and
                            build id the snapshot was made with, the download sizes, and the
                            form's option lists
    <pyodide version>-<hash>/   every other file, in a directory named by a hash of the build's
                            INPUTS (input_files(), the installed Pyodide's files and the build
                            tools' versions), so a deploy that does not touch the estimator keeps
                            the same directory and a returning shopper downloads nothing again.
                            The build is reproducible (same inputs, same bytes: the wheel's zip
                            dates are fixed, the snapshot is made with a fixed hash seed), so
                            each URL always means the same bytes (a host may cache them for a
                            year) and a snapshot can never meet another runtime:
        pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm   Pyodide's core (npm)
        python_stdlib.zip   Pyodide's standard library cut down to the files the normal boot
                            and the estimator import (about a third of it)
        python_stdlib-snapshot.zip   an empty zip: after a restore Python reads no file of
                            its standard library (scripts/snapshot.mjs checks this), so the
                            snapshot path downloads none of it
        pyodide-lock.json   Pyodide's lock with only `estimator` in it: every entry of the full
                            lock would name a wheel we do not ship, which Pyodide fetches from
                            its CDN; with this lock, `loadPackage("estimator")` loads our wheel
                            by name and checks its sha256
        wheels/<sha256[:16]>/estimator-<version>-py3-none-any.whl   (estimator.bridge
                            in it is what the widget's worker calls)
        snapshot.bin.br     Pyodide's memory with every estimator module imported
        snapshot.bin.gz     (scripts/snapshot.mjs), its free memory zeroed, without its
                            all-zero pages (the format: docs/assets/estimator/snapshot-pages.mjs),
                            as Brotli (for hosts that send it with `Content-Encoding: br`,
                            site/_headers) and gzip (unpacked by the worker): the worker boots
                            from it in a fraction of a normal boot, and falls back to core +
                            lock + wheel

Both ways to boot are checked before anything is published, with exactly these files: the
normal boot with the cut-down standard library, and the snapshot, made from these files and
restored in a fresh Node process with no estimator file on disk and the empty standard library.
Their answers to a few hundred generated requests (scripts/restore_orders.py) must equal
CPython's (estimator.bridge run here), as must the option lists in runtime.json, and answering
from the restored snapshot must open no file of the standard library and import no module.

It does nothing (and says so in one line) when the runtime directory for the current inputs
is already there. It also writes docs/assets/estimator/names.mjs, the names the worker, the
service worker, the build and the tests share (runtime_common.SHARED_NAMES).

    python scripts/build_runtime.py [--out DIR]     (default: docs/assets/runtime)
    python scripts/build_runtime.py --print-id      the directory's name for the current inputs
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from restore_orders import restore_requests
from runtime_common import (
    BUILD_DIR,
    PYODIDE_NPM_DIR,
    ROOT,
    RUNTIME_DIR,
    SHARED_NAMES,
    fail,
    file_hashes,
    pyodide_lock_info,
    pyodide_npm_version,
    read_json,
    write_shared_names,
)

PACKAGE = "estimator"
# What loadPyodide() fetches at boot (besides the lock). Source maps and the UMD pyodide.js
# are not needed by a module-based page or worker.
ENGINE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB = SHARED_NAMES["stdlib"]  # cut down (cut_stdlib): the normal boot's
SNAPSHOT_STDLIB = SHARED_NAMES["snapshotStdlib"]  # empty: the snapshot path's
CORE_FILES = (*ENGINE, STDLIB)
# An empty zip archive: only its end-of-central-directory record.
EMPTY_ZIP = b"PK\x05\x06" + bytes(18)
# The package's data files, which a wheel silently drops if packaging is misconfigured.
REQUIRED_IN_WHEEL = (f"{PACKAGE}/__init__.py", f"{PACKAGE}/policy.toml", f"{PACKAGE}/py.typed")
SNAPSHOT_SCRIPT = ROOT / "scripts" / "snapshot.mjs"
SNAPSHOT_FORMAT = ROOT / "docs" / "assets" / "estimator" / "snapshot-pages.mjs"
SNAPSHOT = SHARED_NAMES["snapshotFile"]
SNAPSHOT_BROTLI = SHARED_NAMES["snapshotBrotli"]
MANIFEST = SHARED_NAMES["manifest"]
# What the widget downloads on each way to boot (the lock is a few kB), with the snapshot as
# gzip: what any host can send.
SNAPSHOT_BOOT = (*ENGINE, SNAPSHOT_STDLIB, "pyodide-lock.json", SNAPSHOT)
FULL_BOOT = (*CORE_FILES, "pyodide-lock.json")  # + the wheel
# The tools whose output lands in the runtime directory: their versions are inputs too.
BUILD_TOOLS = ("flit_core", "pyodide-lock")
# Fixed zip timestamps (1980-01-01, the zip epoch): the same sources give the same wheel
# bytes, hence the same sha256 and URL, however often files are touched or checked out.
SOURCE_DATE_EPOCH = "315532800"


def input_files() -> list[Path]:
    """The project's files the runtime directory's bytes depend on: the estimator package and
    its packaging metadata (flit puts a LICENSE file in the wheel; the README is left out of it
    on purpose, see pyproject.toml), and the scripts that shape the runtime. Nothing else: a
    guide page, the benchmark or a test changes no runtime byte."""
    sources = (
        path
        for path in (ROOT / PACKAGE).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )
    metadata = [ROOT / "pyproject.toml", *ROOT.glob("LICEN[CS]E*")]
    scripts = [
        Path(__file__),
        Path(__file__).with_name("runtime_common.py"),
        Path(__file__).with_name("restore_orders.py"),
        SNAPSHOT_SCRIPT,
        SNAPSHOT_FORMAT,
    ]
    return sorted({*sources, *metadata, *scripts})


def pyodide_files() -> list[Path]:
    """The installed Pyodide's files the runtime copies or reads (its lock is trimmed)."""
    return [PYODIDE_NPM_DIR / name for name in (*CORE_FILES, "pyodide-lock.json")]


def inputs_hash(pyodide_version: str) -> str:
    """The runtime directory's name comes from this: every input, by path and bytes, the
    Pyodide files npm installed, and the build tools' versions (Node's included)."""
    digest = hashlib.sha256(f"pyodide {pyodide_version}\n".encode())
    for tool in BUILD_TOOLS:
        digest.update(f"{tool} {importlib.metadata.version(tool)}\n".encode())
    # Node's zlib compresses the snapshot: another Node may give other bytes.
    digest.update(f"node {node_version()}\n".encode())
    for path in [*input_files(), *pyodide_files()]:
        name = path.relative_to(ROOT).as_posix()
        # Text files by their lines: the same checkout on Windows (CRLF) gives the same name.
        data = path.read_bytes()
        if path.suffix in {".py", ".mjs", ".toml", ".typed"} or path.name.startswith("LICEN"):
            data = data.replace(b"\r\n", b"\n")
        digest.update(f"{name}\n".encode())
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def node_version() -> str:
    done = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        fail("node is missing: run `make setup`")
    return done.stdout.strip()


def runtime_id(pyodide_version: str) -> str:
    """The runtime directory's name: the Pyodide version and the inputs' hash."""
    return f"{pyodide_version}-{inputs_hash(pyodide_version)[:12]}"


def up_to_date(out: Path, directory: str) -> dict[str, Any] | None:
    """The current manifest if `out` already holds the runtime for these inputs, whole."""
    manifest_file = out / MANIFEST
    if not manifest_file.is_file():
        return None
    manifest: dict[str, Any] = read_json(manifest_file)
    if manifest.get("id") != directory or "files" not in manifest:
        return None
    files = out / manifest["base"]
    if not (files / SNAPSHOT).is_file():
        return None
    return manifest if runtime_hashes(files) == manifest["files"] else None


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


def cpython_answers(requests: list[dict[str, str]]) -> list[Any]:
    """The same requests through estimator.bridge in this CPython: what Pyodide must answer."""
    bridge = importlib.import_module(SHARED_NAMES["bridgeModule"])
    names = SHARED_NAMES["bridge"]
    calls = {
        "options": lambda _order, _today: getattr(bridge, names["options"])(),
        "estimate": getattr(bridge, names["estimate"]),
        "calendar": getattr(bridge, names["calendar"]),
    }
    return [json.loads(calls[r["call"]](r.get("order"), r.get("today"))) for r in requests]


def run_snapshot_script(mode: str, runtime: Path, requests_file: Path) -> dict[str, Any]:
    command = ["node", str(SNAPSHOT_SCRIPT), mode, str(runtime), str(requests_file)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        fail(f"`node scripts/snapshot.mjs {mode}` failed")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["answers"] = [json.loads(text) for text in result["answers"]]
    return result


def pyodide_build_id(pyodide_mjs: Path) -> str:
    """The BUILD_ID compiled into pyodide.mjs: the only build a snapshot can be loaded into."""
    found = re.search(r'BUILD_ID:"([0-9a-f]{64})"', pyodide_mjs.read_text(encoding="utf-8"))
    if not found:
        fail(f"no BUILD_ID in {pyodide_mjs}: has Pyodide changed how it checks snapshots?")
    return found[1] if found else ""


def cut_stdlib(runtime: Path, used: list[str]) -> None:
    """Pyodide's standard-library zip with only the files in `used` (and their folders), in
    the original order, dates and compression: the same inputs give the same bytes."""
    keep = set(used)
    for name in used:
        parts = name.split("/")[:-1]
        keep.update("/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
    with (
        zipfile.ZipFile(PYODIDE_NPM_DIR / STDLIB) as whole,
        zipfile.ZipFile(runtime / STDLIB, "w") as cut,
    ):
        for info in whole.infolist():
            if info.filename in keep:
                cut.writestr(info, whole.read(info), compress_type=info.compress_type)


def make_snapshot(runtime: Path, pyodide_version: str) -> dict[str, Any]:
    """Cut the standard library down, check the normal boot with it, make the snapshot in
    `runtime`, restore it and check it: all answers must equal CPython's."""
    bridge = importlib.import_module(SHARED_NAMES["bridgeModule"])
    options = json.loads(getattr(bridge, SHARED_NAMES["bridge"]["options"])())
    requests = restore_requests(options)
    expected = cpython_answers(requests)
    with tempfile.TemporaryDirectory(dir=BUILD_DIR) as tmp:
        requests_file = Path(tmp) / "requests.json"
        requests_file.write_text(json.dumps(requests), encoding="utf-8")
        # Both with Pyodide's whole standard library; then it is cut down to what is shipped.
        used = run_snapshot_script("stdlib", runtime, requests_file)["used"]
        results = {"made": run_snapshot_script("make", runtime, requests_file)}
        cut_stdlib(runtime, used)
        (runtime / SNAPSHOT_STDLIB).write_bytes(EMPTY_ZIP)
        results["normal boot"] = run_snapshot_script("fallback", runtime, requests_file)
        results["restored"] = run_snapshot_script("check", runtime, requests_file)
    build_id = pyodide_build_id(runtime / "pyodide.mjs")
    for name, result in results.items():
        ids = (result["pyodide"], result.get("build_id", build_id))
        if ids != (pyodide_version, build_id):
            fail(
                f"{name} is for Pyodide {ids[0]} build {ids[1]},"
                f" the runtime is {pyodide_version} build {build_id}"
            )
        for request, want, got in zip(requests, expected, result["answers"], strict=True):
            if want != got:
                fail(f"Pyodide ({name}) and CPython disagree on {request['call']}: {request}")
    return {
        "build_id": build_id,
        "size": results["restored"]["snapshot_size"],
        "options": expected[0],
    }


def runtime_hashes(files: Path) -> dict[str, str]:
    """Each file's sha256, except the Brotli snapshot's: that of its unpacked content, which is
    what a browser receives where the host sends it with `Content-Encoding: br` (elsewhere the
    worker takes the gzip copy instead)."""
    hashes = file_hashes(files)
    unpacked = gzip.decompress((files / SNAPSHOT).read_bytes())
    hashes[SNAPSHOT_BROTLI] = hashlib.sha256(unpacked).hexdigest()
    return hashes


def build(out: Path, pyodide_version: str, directory: str) -> dict[str, Any]:
    """The runtime for these inputs, into `out` (replacing what was there)."""
    BUILD_DIR.mkdir(exist_ok=True)
    # Assemble beside `out` and swap the finished directory in, so `mkdocs serve` never sees a
    # half-written runtime (build/ for the site's own: docs/ is what MkDocs watches).
    staging = Path(
        tempfile.mkdtemp(prefix="runtime-", dir=BUILD_DIR if out == RUNTIME_DIR else out.parent)
    )
    try:
        base = f"{directory}/"
        files = staging / directory
        with tempfile.TemporaryDirectory(dir=BUILD_DIR) as out_dir:
            built = build_wheel(Path(out_dir))
            check_wheel(built)
            sha256 = hashlib.sha256(built.read_bytes()).hexdigest()
            wheel = files / "wheels" / sha256[:16] / built.name
            wheel.parent.mkdir(parents=True)
            shutil.move(built, wheel)
        for name in CORE_FILES:
            shutil.copyfile(PYODIDE_NPM_DIR / name, files / name)
        write_lock(files, wheel)
        snapshot = make_snapshot(files, pyodide_version)  # also cuts python_stdlib.zip

        def size(names: tuple[str, ...]) -> int:
            return sum((files / name).stat().st_size for name in names)

        manifest = {
            "pyodide": pyodide_version,
            "python": pyodide_lock_info()["python"],
            "build_id": snapshot["build_id"],
            "id": directory,
            "base": base,
            "lock": base + "pyodide-lock.json",
            "wheel": wheel.relative_to(staging).as_posix(),
            "snapshot": base + SNAPSHOT,
            "snapshot_br": base + SNAPSHOT_BROTLI,
            "snapshot_size": snapshot["size"],
            "stdlib": base + STDLIB,
            "snapshot_stdlib": base + SNAPSHOT_STDLIB,
            "core": list(CORE_FILES),
            "files": runtime_hashes(files),
            "download": {
                "snapshot": size(SNAPSHOT_BOOT),
                "full": size(FULL_BOOT) + wheel.stat().st_size,
            },
            "options": snapshot["options"],
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        out.parent.mkdir(parents=True, exist_ok=True)
        old = staging.with_name(staging.name + "-old")
        if out.exists():
            out.rename(old)
        staging.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # only left over if something failed
    return manifest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RUNTIME_DIR, help="where to write it")
    parser.add_argument(
        "--print-id", action="store_true", help="print the runtime directory's name, build nothing"
    )
    args = parser.parse_args(argv)
    out = args.out.resolve()
    started = time.perf_counter()
    pyodide_version = pyodide_npm_version()
    directory = runtime_id(pyodide_version)
    if args.print_id:
        print(directory)
        return
    write_shared_names()
    where = out.relative_to(ROOT).as_posix() if out.is_relative_to(ROOT) else str(out)
    manifest = up_to_date(out, directory)
    if manifest is not None:
        wheel_name = Path(manifest["wheel"]).name
        print(f"runtime: up to date ({wheel_name} + snapshot, {where}/{manifest['base']})")
        return
    manifest = build(out, pyodide_version, directory)
    seconds = time.perf_counter() - started
    print(
        f"runtime: built {Path(manifest['wheel']).name}, Pyodide {pyodide_version} core, lock "
        f"and a checked memory snapshot into {where}/{manifest['base']} in {seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
