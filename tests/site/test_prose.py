"""Readability floor: every page's prose scores at least 60 on the Flesch reading ease scale.

60 is "plain English", easy for most adults and for readers of English as a second language.
Only prose counts: front matter, code, tables, snippet includes, block and admonition markers,
HTML tags, attribute lists and link URLs are removed first (link texts stay). A heading or list
item counts as a sentence of its own, as a reader takes it in.

List every page's score (for issue notes): .venv/bin/python tests/site/test_prose.py
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

with warnings.catch_warnings():
    # textstat 0.7.3 (the last release that works offline) imports setuptools' pkg_resources,
    # which warns that it is deprecated; the test settings turn warnings into errors.
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    try:
        import textstat
    except ModuleNotFoundError as missing:
        pytest.fail(f"textstat cannot load ({missing}): it needs setuptools<81", pytrace=False)

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = sorted(path.name for path in DOCS.glob("*.md"))
READING_EASE_FLOOR = 60

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
FENCED_CODE = re.compile(r"^(```|~~~).*?^\1\s*$", re.DOTALL | re.MULTILINE)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Whole lines that carry no prose: tables, snippet includes, block closers (///), block options
# (type:, attrs:, open:), abbreviation definitions.
NON_PROSE_LINE = re.compile(
    r"^(\s*\|.*|\s*-+8<-+.*|\s*/{3,}\s*|\s{4}(type|attrs|open):.*|\*\[.*\]:.*)$", re.MULTILINE
)
BLOCK_START = re.compile(r"^\s*(/{3,}\s*[\w-]+\s*\|?|[!?]{3}\+?\s*[\w-]+)\s*", re.MULTILINE)
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](url) and ![alt](src) -> the text
ATTR_LIST = re.compile(r"\{[:#.][^}]*\}")
HTML_TAG = re.compile(r"<[^>]+>")
LINE_MARKUP = re.compile(r"^\s*(#{1,6}\s+|[-*+]\s+|\d+\.\s+|>\s*|:\s{3})", re.MULTILINE)
INLINE_MARKUP = re.compile(r"[*_`]+")


def prose(markdown: str) -> str:
    """The text a reader reads, one sentence or heading or list item per line."""
    text = FRONT_MATTER.sub("", markdown)
    for pattern in (FENCED_CODE, HTML_COMMENT, NON_PROSE_LINE):
        text = pattern.sub("", text)
    text = BLOCK_START.sub("", text)  # keeps an admonition's or question's title
    text = LINK.sub(r"\1", text)
    for pattern in (ATTR_LIST, HTML_TAG, LINE_MARKUP, INLINE_MARKUP):
        text = pattern.sub("", text)
    text = text.replace('"', "")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # A heading or list item without a full stop is still a unit of its own for the reader.
    return "\n".join(line if line[-1] in ".!?:" else line + "." for line in lines)


def reading_ease(markdown_name: str) -> float:
    text = prose((DOCS / markdown_name).read_text(encoding="utf-8"))
    return float(textstat.flesch_reading_ease(text))


@pytest.mark.parametrize("markdown_name", PAGES)
def test_page_is_plain_english(
    markdown_name: str, record_property: Callable[[str, object], None]
) -> None:
    score = reading_ease(markdown_name)
    record_property("flesch_reading_ease", round(score, 1))  # in --junitxml reports
    assert score >= READING_EASE_FLOOR, (
        f"docs/{markdown_name}: Flesch reading ease {score:.1f} < {READING_EASE_FLOOR}. "
        "Use shorter sentences and shorter words."
    )


def test_prose_extraction_keeps_text_and_drops_markup() -> None:
    source = (
        "---\ntitle: T\n---\n# Heading {#h}\n\nSee [the table](deadlines.md#x) now.\n\n"
        '!!! note "Check first"\n    Body.\n\n| a | b |\n|---|---|\n\n--8<-- "x.md"\n\n'
        "/// details | Can I keep it?\n    type: question\n\nYes.\n///\n\n```text\ncode\n```\n"
    )
    assert prose(source).splitlines() == [
        "Heading.",
        "See the table now.",
        "Check first.",
        "Body.",
        "Can I keep it?",
        "Yes.",
    ]


if __name__ == "__main__":
    for name in PAGES:
        score = reading_ease(name)
        verdict = "ok" if score >= READING_EASE_FLOOR else f"below {READING_EASE_FLOOR}"
        print(f"{name:32} {score:6.1f}  {verdict}")
