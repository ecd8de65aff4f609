"""The command line through a real subprocess, as a shopper or a script would run it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.estimator.orders import ISSUE_EXAMPLE, order


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "estimator", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_estimate_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "order.json"
    path.write_text(json.dumps(ISSUE_EXAMPLE), encoding="utf-8")
    done = cli("estimate", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    result = json.loads(done.stdout)
    assert result["refund"]["suggested"] == "6.62"


def test_estimate_from_stdin_defaults_as_of_to_today() -> None:
    data: dict[str, Any] = order(dates={"ordered": "2020-01-01"})
    del data["as_of"]
    done = cli("estimate", stdin=json.dumps(data))
    assert done.returncode == 0, done.stderr
    today = dt.date.today()
    # Projection from today: the refund arrival dates lie after today.
    arrival = next(
        e for e in json.loads(done.stdout)["timeline"] if e["event"] == "refund_arrival_earliest"
    )
    assert dt.date.fromisoformat(arrival["date"]) > today


def test_bad_input_exits_2_with_one_line_per_problem_and_no_traceback() -> None:
    data = order()
    data["items"][1]["unit_price"] = "-3"
    data["currency"] = "EURO"
    done = cli("estimate", stdin=json.dumps(data))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "currency: must be one of: "
        + ", ".join(sorted(json.loads(cli("schema").stdout)["properties"]["currency"]["enum"])),
        'items[1].unit_price: must be an amount above zero, like "12.50"',
    ]


def test_unreadable_and_malformed_input_exit_2() -> None:
    missing = cli("estimate", "/no/such/order.json")
    assert missing.returncode == 2
    assert (
        missing.stderr.strip() == "/no/such/order.json: cannot be read (No such file or directory)"
    )
    garbage = cli("estimate", stdin="\x00\xff not json")
    assert (garbage.returncode, garbage.stdout) == (2, "")
    assert garbage.stderr.startswith("input: is not valid JSON")
    assert "Traceback" not in missing.stderr + garbage.stderr


def test_help_explains_both_commands() -> None:
    done = cli("--help")
    assert done.returncode == 0
    assert "estimate" in done.stdout
    assert "schema" in done.stdout
    estimate_help = cli("estimate", "--help").stdout
    assert "path: message" in estimate_help
    # Version 2's inputs and answer values are listed, from the package's own constants.
    for name in ("order_number", "usable", "delivery_status", "dispute_status", "return_postage",
                 "tracking_delivered_not_received", "cash_after_return", "debit_card",
                 "claim_elsewhere", "message_to"):  # fmt: skip
        assert name in estimate_help, name


def test_schema_is_json_schema() -> None:
    done = cli("schema")
    assert done.returncode == 0
    schema = json.loads(done.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "items" in schema["required"]
