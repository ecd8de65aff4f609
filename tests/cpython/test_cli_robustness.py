"""The command line under attack-style input (issue 11): exit 2 and `path: message` lines, or a
quiet stop when the reader goes away; never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.estimator.orders import order

PYTHON = [sys.executable, "-m", "estimator"]


def cli(
    *args: str, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*PYTHON, *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def raw_order(path: str, raw: str) -> bytes:
    data = order()
    target = data
    *parents, last = path.split(".")
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[last] = "@@@"
    return json.dumps(data).replace('"@@@"', raw).encode()


def assert_refused(done: subprocess.CompletedProcess[bytes], first_line: str) -> None:
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 2, stderr
    assert done.stdout == b""
    assert "Traceback" not in stderr
    assert stderr.splitlines()[0] == first_line


@pytest.mark.parametrize(
    ("path", "raw", "first_line"),
    [
        (
            "items.1.quantity",
            "1e1000000",
            "items[1].quantity: must be a whole number from 1 to 10,000",
        ),
        (
            "items.1.quantity",
            '"\\u00b2"',
            "items[1].quantity: must be a whole number from 1 to 10,000",
        ),
        (
            "as_of",
            '"9999-12-31"',
            "as_of: must be between 2000-01-01 and 2099-12-31 (check the year)",
        ),
        (
            "dates.protection_ends",
            '"9999-12-31"',
            "dates.protection_ends: must be between 2000-01-01 and 2099-12-31 (check the year)",
        ),
        (
            "items.1.name",
            '"Phone \\ud800 case"',
            "items[1].name: contains a broken character (a lone surrogate); type it again",
        ),
        (
            "items.1.unit_price",
            '"12.0000000000000000000000000000001"',
            'items[1].unit_price: USD amounts have 2 decimals, like "12.50"',
        ),
    ],
)
def test_each_bad_input_exits_2_with_its_line(path: str, raw: str, first_line: str) -> None:
    assert_refused(cli("estimate", stdin=raw_order(path, raw)), first_line)


def test_an_unknown_key_with_a_newline_prints_one_escaped_line() -> None:
    data = order()
    data["x\nitems[0].name: forged"] = 1
    done = cli("estimate", stdin=json.dumps(data).encode())
    lines = done.stderr.decode().splitlines()
    assert lines == ['"x\\u000aitems\\u005b0\\u005d.name\\u003a forged": is not a known field']


def test_a_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "order.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(order()).encode())
    done = cli("estimate", str(path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["paid"] == "25.49"


def test_a_seller_offer_of_1e1_is_printed_as_a_plain_amount() -> None:
    done = cli("estimate", stdin=raw_order("seller_offer", "1e1"))
    offer = json.loads(done.stdout)["offer"]
    assert offer["amount"] == "10.00"
    assert "USD 10.00" in offer["text"]


def test_names_in_any_script_print_whatever_the_locale() -> None:
    data = order()
    data["items"][1]["name"] = "Чехол для телефона 手机壳"
    done = cli(
        "estimate",
        stdin=json.dumps(data).encode(),
        env={"PYTHONIOENCODING": "ascii", "LC_ALL": "C"},
    )
    assert done.returncode == 0, done.stderr
    assert (
        json.loads(done.stdout.decode("utf-8"))["items"][1]["name"] == "Чехол для телефона 手机壳"
    )


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    # Enough output to fill the pipe, read 10 bytes of it, then close it (like `| head -c 10`).
    items = [
        {"name": f"Item {n} " + "x" * 150, "unit_price": "1.00", "problem": {"kind": "missing"}}
        for n in range(100)
    ]
    path = tmp_path / "order.json"
    path.write_text(json.dumps(order(items=items, discount="0")), encoding="utf-8")
    with subprocess.Popen(
        [*PYTHON, "estimate", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert len(process.stdout.read(10)) == 10
        process.stdout.close()
        stderr = process.stderr.read()
        process.wait(timeout=60)
    assert stderr == b""
    assert process.returncode in (0, 1)  # 1: the output was cut short, said without a word


def test_a_closed_stdout_gets_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "order.json"
    path.write_text(json.dumps(order()), encoding="utf-8")
    done = subprocess.run(
        ["sh", "-c", '"$0" -m estimator estimate "$1" >&-', sys.executable, str(path)],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert b"Traceback" not in done.stderr
    assert done.stderr == b""


def test_a_file_name_cannot_forge_a_line(tmp_path: Path) -> None:
    done = cli("estimate", str(tmp_path / "no\nsuch: file"))
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith("cannot be read (No such file or directory)")
