"""Command line: `python -m estimator estimate [FILE]` and `python -m estimator schema`.

Bad input exits with status 2 and one `path: message` line per problem on stderr, nothing on
stdout, and never a traceback: the same messages the widget shows next to its fields.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import textwrap
from typing import TextIO

from .api import estimate_json
from .eligibility import ROUTES
from .model import DELIVERY_STATUSES, DISPUTE_STATUSES, OFFER_KINDS, RECOMMENDATIONS
from .policy import load_policy
from .schema import input_schema
from .validation import DATE_FIELDS, ORDER_NUMBER_LENGTH, ValidationError

EXIT_BAD_INPUT = 2
HELP_WIDTH = 79
EXIT_BROKEN_PIPE = 1  # what Python's documentation suggests for a closed pipe


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
    # The field list keeps its own lines; the description is wrapped here for the same reason.
    run.formatter_class = argparse.RawDescriptionHelpFormatter
    run.description = textwrap.fill(run.description or "", HELP_WIDTH)
    run.epilog = _fields_help()
    commands.add_parser(
        "schema",
        help="print the JSON Schema of the order input",
        description="Print the JSON Schema (draft 2020-12) of the order input.",
    )
    return parser


def _fields_help() -> str:
    """The order's fields and the answer's values, from the same constants the code uses."""
    methods = ", ".join(load_policy().arrival)
    lines = [
        "order fields (`python -m estimator schema` has them all):",
        "  currency, as_of, payment_method: " + methods,
        "  items[]: name, unit_price, quantity, keep, problem {kind, severity, units, share}, "
        "usable (false: you cannot use it as intended; refunded in full without a return)",
        "  shipping, discount, tax, dates {" + ", ".join(DATE_FIELDS) + "}",
        "  order_number: {} to {} digits, as text".format(*ORDER_NUMBER_LENGTH),
        "  delivery_status: " + ", ".join(DELIVERY_STATUSES),
        "  dispute_status: " + ", ".join(DISPUTE_STATUSES),
        "  seller_offer: an amount, or {kind: " + ", ".join(OFFER_KINDS) + ", amount}",
        "  return_postage: what posting the item back would cost you",
        "answer fields with new values:",
        "  recommendation: " + ", ".join(RECOMMENDATIONS),
        "  message_to (where the message goes): " + ", ".join(ROUTES),
    ]
    return "\n".join(
        textwrap.fill(line, HELP_WIDTH, subsequent_indent="    ", break_on_hyphens=False)
        for line in lines
    )


def _read(path: str | None, stdin: TextIO | None) -> bytes:
    if path is None or path == "-":
        if stdin is None:  # started with standard input closed
            return b""
        return stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode()
    with open(path, "rb") as handle:
        return handle.read()


def _write(stream: TextIO | None, text: str) -> None:
    """Write UTF-8 whatever the locale says, so a name in any script never stops the output."""
    if stream is None:  # started with the stream closed: nothing can be shown
        return
    data = (text + "\n").encode("utf-8", "backslashreplace")
    if hasattr(stream, "buffer"):
        stream.buffer.write(data)
    else:
        stream.write(data.decode("utf-8"))
    stream.flush()


def _shown_path(path: str) -> str:
    """A file name for an error line: quoted and escaped if it holds anything unprintable."""
    return path if path.isprintable() else json.dumps(path)


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (`| head -c 10`): stop quietly, as other command-line tools do.
        # Python would otherwise complain again while flushing stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "schema":
        _write(sys.stdout, json.dumps(input_schema(), indent=2))
        return 0
    try:
        text = _read(args.file, sys.stdin)
    except OSError as error:
        _write(sys.stderr, f"{_shown_path(args.file)}: cannot be read ({error.strerror})")
        return EXIT_BAD_INPUT
    try:
        result = estimate_json(text, default_as_of=dt.date.today())
    except ValidationError as error:
        _write(sys.stderr, "\n".join(error.problems))
        return EXIT_BAD_INPUT
    _write(sys.stdout, result)
    return 0
