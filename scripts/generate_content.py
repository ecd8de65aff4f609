"""Write the site's generated snippets into generated/ (run by `make generate`).

The guide's tables come from the same policy data as the estimator (estimator/policy.toml), so
the site and the calculator cannot disagree. Pages include them with pymdownx.snippets, e.g.
`--8<-- "refund-times.md"`; a missing snippet fails the strict build. The FAQ's schema.org
JSON-LD is generated from docs/faq.md, so its questions are exactly the page's questions.

Worked examples (generated/example-*.md) are computed by the estimator (scripts/worked_examples.py),
and every policy figure typed in a page must be tagged with its rule and equal it
(scripts/page_figures.py): when one is stale or untagged, this script names the page and exits 1,
so `make site` stops before MkDocs runs.

This is a plain script, not an MkDocs hook, because Zensical runs no MkDocs hooks or plugins.
Output is deterministic, and a file is only written when its content changed, so the live
preview (scripts/serve.py) does not rebuild in a loop.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from importlib.resources import files as package_files
from pathlib import Path

import markdown
from page_figures import check_site
from worked_examples import worked_examples

from estimator.labels import days
from estimator.money import CURRENCIES, MINOR_UNITS, format_amount
from estimator.policy import (
    GRADED_KINDS,
    PROBLEM_KINDS,
    SEVERITIES,
    Fact,
    PercentRange,
    Policy,
    load_policy,
)

ROOT = Path(__file__).resolve().parent.parent
GENERATED_DIR = ROOT / "generated"
DOCS = ROOT / "docs"
FAQ_PAGE = DOCS / "faq.md"

# How each confidence code of policy.toml reads on the site.
CONFIDENCE_WORDS = {"H": "High", "M": "Medium", "L": "Low", "model": "Our model"}
MODEL_LABEL = "Partial Refund Guide's own model, not an AliExpress figure."
# One amount shown in every currency, to show how many decimals each one keeps.
EXAMPLE_AMOUNT = Decimal("1234.567")


# --- Markdown helpers --------------------------------------------------------------------------


def cell(text: object) -> str:
    """Text that is safe inside a Markdown table cell."""
    return str(text).replace("|", r"\|").replace("\n", " ")


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], numeric: int = 0) -> str:
    """A Markdown table; the last `numeric` columns are right-aligned (numbers)."""
    aligns = [":--"] * (len(headers) - numeric) + ["--:"] * numeric
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(aligns) + " |"]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def confidence(code: str) -> str:
    return CONFIDENCE_WORDS[code]


def long_date(day: dt.date) -> str:
    """26 November 2026: unambiguous in every English-speaking country."""
    return f"{day.day} {day:%B %Y}"


def percent(value: int) -> str:
    return f"{value}%"


# --- Policy tables -----------------------------------------------------------------------------


def level_name(severity: str | None) -> str:
    return severity.capitalize() if severity else "Any level"


def range_cells(rng: PercentRange) -> list[str]:
    return [percent(rng.low), percent(rng.suggested), percent(rng.high)]


def kind_ranges(policy: Policy, kind: str) -> list[PercentRange]:
    """The kind's ranges from minor to severe, or its one range."""
    levels = SEVERITIES if kind in GRADED_KINDS else (None,)
    return [policy.percent_range(kind, severity) for severity in levels]


def refund_ranges(policy: Policy) -> str:
    rows = [
        [policy.kind_labels[kind], level_name(rng.severity), *range_cells(rng)]
        for kind in PROBLEM_KINDS
        for rng in kind_ranges(policy, kind)
    ]
    return f"**{MODEL_LABEL}** Percent of what the items with the problem cost.\n\n" + table(
        ["Problem", "Level", "Low", "Suggested", "High"], rows, numeric=3
    )


def refund_range_for_kind(policy: Policy, kind: str) -> str:
    rows = [[level_name(rng.severity), *range_cells(rng)] for rng in kind_ranges(policy, kind)]
    return table(["Level", "Low", "Suggested", "High"], rows, numeric=3)


def refund_times(policy: Policy) -> str:
    rows = [
        [
            arrival.label,
            f"{arrival.min_days} to "
            + days(arrival.max_days, "business day" if arrival.business_days else "calendar day"),
            confidence(arrival.sourced.confidence),
            arrival.sourced.note,
        ]
        for arrival in policy.arrival.values()
    ]
    return table(["Payment method", "Arrives within", "Confidence", "Note"], rows)


def deadlines(policy: Policy) -> str:
    rows = [
        [
            window.label,
            days(window.days),
            window.after,
            confidence(window.sourced.confidence),
            window.sourced.note,
        ]
        for window in policy.windows.values()
    ]
    return table(["Deadline", "Days", "Counted from", "Confidence", "Note"], rows)


def facts_with_outcome(facts: Iterable[Fact], case: str, outcome: str) -> str:
    rows = [
        [fact.label, fact.outcome or "", confidence(fact.sourced.confidence), fact.sourced.note]
        for fact in facts
    ]
    return table([case, outcome, "Confidence", "Note"], rows)


def late_delivery(policy: Policy) -> str:
    return facts_with_outcome(policy.late.values(), "Case", "What you get")


def eligibility(policy: Policy) -> str:
    return facts_with_outcome(policy.eligibility.values(), "Situation", "What usually happens")


def money_rules(policy: Policy) -> str:
    rows = [
        [fact.label, confidence(fact.sourced.confidence), fact.sourced.note]
        for fact in policy.money.values()
    ]
    return table(["Rule", "Confidence", "Note"], rows)


def source_age(source_date: str) -> str:
    """How old the source is, as policy.toml says; a full ISO date reads as a long date."""
    try:
        return long_date(dt.date.fromisoformat(source_date))
    except ValueError:
        return source_date or "not dated"


def policy_sources(policy: Policy) -> str:
    rows = [
        [
            label,
            sourced.source,
            source_age(sourced.source_date),
            confidence(sourced.confidence),
            long_date(sourced.checked),
            sourced.note,
        ]
        for _, label, sourced in policy.all_rules()
    ]
    return table(["Rule", "Source", "Source dated", "Confidence", "Last checked", "Note"], rows)


def currencies() -> str:
    rows = [[code, MINOR_UNITS[code], format_amount(EXAMPLE_AMOUNT, code)] for code in CURRENCIES]
    return table(["Currency", "Decimals", f"{EXAMPLE_AMOUNT} is shown as"], rows, numeric=2)


def policy_version(policy: Policy) -> str:
    return (
        f"The figures on this site come from policy data version {policy.version}, "
        f"last checked on {long_date(policy.checked)}.\n"
    )


# --- FAQ structured data -----------------------------------------------------------------------

# `/// details | Question` opens a question; the same number of slashes alone closes it.
DETAILS_START = re.compile(r"^(?P<fence>/{3,})\s*details\s*\|\s*(?P<title>.+?)\s*$")
SNIPPET_LINE = re.compile(r"^\s*-{1,}8<-{1,}")
# A question's anchor: its `    attrs: {id: stable-anchor}` option. Links from other pages and
# search results point at it, so every question needs one and it must never change.
ANCHOR_OPTION = re.compile(r"^\s{4}attrs:\s*\{[^}]*\bid:\s*(?P<id>[\w-]+)")
SITE_URL = re.compile(r"^site_url:\s*(?P<url>\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Question:
    question: str
    answer: str
    anchor: str


class _TextExtractor(HTMLParser):
    """Rendered HTML to plain text: link URLs and markup dropped, blocks separated by spaces."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def markdown_to_text(source: str) -> str:
    rendered = markdown.markdown(
        source, extensions=["admonition", "attr_list", "def_list", "md_in_html", "tables"]
    )
    extractor = _TextExtractor()
    extractor.feed(rendered)
    extractor.close()
    # Markup was dropped, so punctuation may now follow a space ("*fast* ." -> "fast .").
    return re.sub(r" ([.,;:!?)])", r"\1", extractor.text())


def block_body(lines: list[str]) -> list[str]:
    """The block's content: without its indented options (type, attrs) and snippet lines."""
    index = 0
    while index < len(lines) and lines[index].startswith("    ") and lines[index].strip():
        index += 1
    return [line for line in lines[index:] if not SNIPPET_LINE.match(line)]


def block_anchor(title: str, lines: list[str]) -> str:
    """The `id` in the block's options; a question without one cannot be linked to."""
    for line in lines:
        if not (line.startswith("    ") and line.strip()):
            break
        found = ANCHOR_OPTION.match(line)
        if found:
            return found["id"]
    raise ValueError(f"docs/faq.md: the question {title!r} has no `attrs: {{id: ...}}` anchor")


def parse_faq(text: str) -> list[Question]:
    """Every `/// details | Question` block of the FAQ, in page order."""
    questions: list[Question] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        start = DETAILS_START.match(lines[index])
        index += 1
        if not start:
            continue
        fence, body = start["fence"], []
        while index < len(lines) and lines[index].strip() != fence:
            body.append(lines[index])
            index += 1
        if index == len(lines):
            raise ValueError(f"docs/faq.md: the block {start['title']!r} is never closed")
        index += 1
        answer = markdown_to_text("\n".join(block_body(body)))
        anchor = block_anchor(start["title"], body)
        if anchor in {q.anchor for q in questions}:
            raise ValueError(f"docs/faq.md: the anchor {anchor!r} is used twice")
        questions.append(Question(markdown_to_text(start["title"]), answer, anchor))
    return questions


def faq_page_url() -> str:
    """The FAQ page's published address, from mkdocs.yml's site_url."""
    found = SITE_URL.search((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    if not found:
        raise ValueError("mkdocs.yml has no site_url")
    return found["url"].rstrip("/") + "/faq/"


def faq_jsonld(questions: list[Question], page_url: str) -> str:
    """A schema.org FAQPage in a <script> block, ready to include in the FAQ page.

    Each question's `url` is its anchor on the page, so a search result can open that answer."""
    if not questions:
        raise ValueError("docs/faq.md has no `/// details | Question` blocks")
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "url": f"{page_url}#{item.anchor}",
                "name": item.question,
                "acceptedAnswer": {"@type": "Answer", "text": item.answer},
            }
            for item in questions
        ],
    }
    # "</" inside a <script> would end it early; "<\/" is the same string in JSON.
    body = json.dumps(data, indent=2, ensure_ascii=False).replace("</", r"<\/")
    return f'<script type="application/ld+json">\n{body}\n</script>\n'


# --- Writing -----------------------------------------------------------------------------------


def snippets(policy: Policy, faq_text: str) -> dict[str, str]:
    """File name -> content of every generated snippet."""
    return {
        "refund-ranges.md": refund_ranges(policy),
        **{f"refund-range-{k}.md": refund_range_for_kind(policy, k) for k in PROBLEM_KINDS},
        "refund-times.md": refund_times(policy),
        "deadlines.md": deadlines(policy),
        "late-delivery.md": late_delivery(policy),
        "money-rules.md": money_rules(policy),
        "eligibility.md": eligibility(policy),
        "policy-sources.md": policy_sources(policy),
        "currencies.md": currencies(),
        "policy-version.md": policy_version(policy),
        "faq-jsonld.html": faq_jsonld(parse_faq(faq_text), faq_page_url()),
        **worked_examples(policy),
    }


def write_if_changed(path: Path, content: str) -> bool:
    if path.is_file() and path.read_text(encoding="utf-8") == content:
        return False
    path.write_text(content, encoding="utf-8")
    return True


def generate(out_dir: Path = GENERATED_DIR, faq_page: Path = FAQ_PAGE) -> list[str]:
    """Write all snippets, remove stale ones; return the names of files that changed."""
    files = snippets(load_policy(), faq_page.read_text(encoding="utf-8"))
    out_dir.mkdir(parents=True, exist_ok=True)
    changed = [
        name for name, text in sorted(files.items()) if write_if_changed(out_dir / name, text)
    ]
    for stale in sorted({p.name for p in out_dir.iterdir()} - set(files)):
        (out_dir / stale).unlink()
        changed.append(stale)
    return changed


def policy_file() -> Path:
    """The policy.toml of the estimator package in use (the tests point it at a changed copy)."""
    return Path(str(package_files("estimator").joinpath("policy.toml")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=GENERATED_DIR, help="folder to write (default: generated/)"
    )
    parser.add_argument("--docs", type=Path, default=DOCS, help="pages to check (default: docs/)")
    args = parser.parse_args(argv)
    out_dir: Path = args.out
    try:
        changed = generate(out_dir, args.docs / "faq.md")
    except (OSError, ValueError) as error:
        print(f"generate_content: {error}", file=sys.stderr)
        return 1
    where = out_dir.relative_to(ROOT) if out_dir.is_relative_to(ROOT) else out_dir
    print(f"{where}/: {', '.join(changed)} updated" if changed else f"{where}/ is up to date")
    stale = check_site(args.docs, policy_file())
    if stale:
        print("\n".join(stale), file=sys.stderr)
        print(
            f"generate_content: {len(stale)} policy figure(s) in the pages do not match "
            "estimator/policy.toml (MAINTAINERS.md, 'Policy figures in pages')",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
