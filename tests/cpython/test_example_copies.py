"""The worked example is one order: the estimator page shows the very order in
estimator/examples.py (which the tests, the benchmark and "Try an example" use). The README
shows a version 2 order instead; tests/cpython/test_currencies_and_schema.py keeps it valid."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from estimator.examples import EXAMPLE_ORDER

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("page", ["docs/estimator.md"])
def test_the_pages_show_the_packages_example(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, re.DOTALL)
    examples = [json.loads(block) for block in blocks if '"USB-C cable"' in block]
    assert examples, f"{page} shows no example order"
    assert examples[0] == EXAMPLE_ORDER
