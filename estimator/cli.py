"""Command line: `python -m estimator estimate [FILE]` and `python -m estimator schema`.

Bad input exits with status 2 and one `path: message` line per problem on stderr, nothing on
stdout, and never a traceback: the same messages the widget shows next to its fields.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TextIO

from .api import estimate_json
from .schema import input_schema
from .validation import ValidationError

EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m estimator",
        description=(
            "Partial Refund Guide's refund estimator for AliExpress orders: what to ask for, "
            "by when, and what to write. Independent of AliExpress; the percentage ranges are "
            "our own model."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "estimate",
        help="print the estimate for an order (JSON) as JSON",
        description=(
            "Read an order as JSON from FILE (or standard input) and print the estimate as "
            "JSON. Amounts may be strings or numbers and are printed as strings with the "
            "currency's decimals. When the order has no as_of, today's date is used. "
            "Bad input: exit status 2 and one 'path: message' line per problem on stderr."
        ),
    )
    run.add_argument("file", nargs="?", metavar="FILE", help="order JSON (default: stdin)")
    commands.add_parser(
        "schema",
        help="print the JSON Schema of the order input",
        description="Print the JSON Schema (draft 2020-12) of the order input.",
    )
    return parser


def _read(path: str | None, stdin: TextIO) -> bytes:
    if path is None or path == "-":
        return stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode()
    with open(path, "rb") as handle:
        return handle.read()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "schema":
        print(json.dumps(input_schema(), indent=2))
        return 0
    try:
        text = _read(args.file, sys.stdin)
    except OSError as error:
        print(f"{args.file}: cannot be read ({error.strerror})", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        result = estimate_json(text, default_as_of=dt.date.today())
    except ValidationError as error:
        print("\n".join(error.problems), file=sys.stderr)
        return EXIT_BAD_INPUT
    print(result)
    return 0
