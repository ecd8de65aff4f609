"""Small pieces of wording a shopper sees: calendar text escaped so calendar apps show it as
written, and a share of money said in words."""

from __future__ import annotations

from fractions import Fraction

import pytest

from estimator.advice import _share_words
from estimator.calendar import _escape


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Refund, then rest; done", "Refund\\, then rest\\; done"),
        ("a\\b", "a\\\\b"),  # a backslash first, so the escapes added after are not doubled
        ("two\nlines", "two\\nlines"),
        ("plain text", "plain text"),
    ],
)
def test_calendar_text_is_escaped_as_rfc_5545_asks(text: str, escaped: str) -> None:
    assert _escape(text) == escaped


@pytest.mark.parametrize(
    ("share", "words"),
    [
        (Fraction(1, 2), "half"),
        (Fraction(1, 3), "a third"),
        (Fraction(1, 4), "a quarter"),
        (Fraction(2, 5), "2/5"),
    ],
)
def test_a_share_is_said_in_words(share: Fraction, words: str) -> None:
    assert _share_words(share) == words
