"""Policy figures typed in the guide: each one is tagged with the rule it states, and checked.

A page quotes a figure from estimator/policy.toml by tagging it with the value's dotted path
(attr_list puts the path on the element as a data attribute; readers see bold text):

    **15 days**{: data-policy="windows.dispute_after_completion.days" }
    **3 to 20 business days**{: data-policy="arrival.card.min arrival.card.max" }
    ![Timeline: ... Day 5 ... Day 7 ...](assets/images/x.svg){: data-policy="a.days b.days" }

Several paths are found in the text in their order. A list is indexed by position
(`facts.earliest_dispute.versions.2`), a [low, suggested, high] range also by name
(`model.damaged.minor.suggested`). A number matches as a whole number ("1,000" or "1000" for
1000), a date as "1 July 2021", a string as itself.

The check (run by scripts/generate_content.py, so `make site` stops) reports:
- a tagged figure whose text does not state the value at its path, or a path that leads nowhere;
- an untagged figure that looks like a rule: N hours, days, weeks, months or years ("10-day"
  too, and "fifteen days" in words), "day N", N %, a money amount (US$, $, €, £), "N times",
  or a calendar date ("9 September"). It scans prose, headings, tables, admonition titles,
  image alt texts and the front matter's title and description (which cannot be tagged: keep
  figures out of them). Figures in generated snippets (`--8<--`), code and link addresses are
  not prose and are skipped. A figure that is no rule at all (an illustration) is marked
  `{: .not-policy }`.
- in the site's SVG diagrams (docs/assets/images), a <text> with a figure that has no
  data-policy attribute, or one whose text does not state its value.
Worked examples (amounts and dates) are never typed: they come from generated/example-*.md.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# attr_list tags: `**text**{: data-policy="a.b c.d" }` (also *text*) and images `![alt](src){...}`.
TAG = re.compile(
    r"(?:(?P<mark>\*\*|\*)(?P<text>[^*\n]+?)(?P=mark)|!\[(?P<alt>[^\]]*)\]\([^)\s]*\))"
    r"\{:\s*data-policy=\"(?P<paths>[^\"]+)\"\s*\}"
)
NOT_POLICY = re.compile(r"(\*\*|\*)[^*\n]+?\1\{:\s*\.not-policy\s*\}")
SVG_TEXT = re.compile(r"<text\b(?P<attrs>[^>]*)>(?P<text>[^<]*)</text>")
SVG_PATHS = re.compile(r"\bdata-policy=\"(?P<paths>[^\"]+)\"")

# What a rule's figure looks like in prose.
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_UNIT = r"(?:calendar |business |working )?(?:hours?|days?|weeks?|months?|years?)\b"
# A rule's figure written in words ("fifteen days") is still a figure.
_NUMBER_WORD = (
    r"(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty"
    r"|thirty|forty-five|sixty|ninety)"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
FIGURE = re.compile(
    "|".join(
        [
            rf"\b{_NUMBER}(?:\s*(?:to|-|\u2013|or|and)\s*{_NUMBER})?[ -]{_UNIT}",
            rf"\b{_NUMBER_WORD}(?:\s*(?:to|or|and)\s*{_NUMBER_WORD})?[ -]{_UNIT}",
            r"\b[Dd]ays? [1-9]\d*\b",
            rf"\b{_NUMBER}\s*%",
            rf"(?:US\$|\$|€|£)\s?{_NUMBER}",
            r"\b\d+\s*(?:x|times)\b",
            rf"\b\d{{1,2}} {_MONTH}\b",
        ]
    )
)
# Parts of a page that are not prose.
FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?\n)---\n", re.DOTALL)
FENCED_CODE = re.compile(r"^(```|~~~).*?^\1\s*$", re.DOTALL | re.MULTILINE)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
SNIPPET_LINE = re.compile(r"^\s*-+8<-+.*$", re.MULTILINE)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK_ADDRESS = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|\{[:#][^}]*\}")
RANGE_NAMES = {"low": 0, "suggested": 1, "high": 2}


@dataclass(frozen=True)
class Tag:
    """A tagged figure: where it is, what it says, and the policy paths it states."""

    line: int
    text: str
    paths: tuple[str, ...]


def blank(text: str, span: tuple[int, int]) -> str:
    """`text` with the span replaced by spaces, newlines kept (line numbers stay right)."""
    start, end = span
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def tags(markdown: str) -> list[Tag]:
    return [
        Tag(
            line_of(markdown, m.start()),
            m["text"] if m["text"] is not None else m["alt"],
            tuple(m["paths"].split()),
        )
        for m in TAG.finditer(markdown)
    ]


def resolve(data: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of policy.toml; KeyError names the first part not found."""
    value: Any = data
    for part in path.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and (part.isdigit() or part in RANGE_NAMES):
            index = int(part) if part.isdigit() else RANGE_NAMES[part]
            if index >= len(value):
                raise KeyError(part)
            value = value[index]
        else:
            raise KeyError(part)
    return value


def forms(value: Any) -> list[str]:
    """The ways a page may write `value`, in order of preference."""
    if isinstance(value, bool):
        raise TypeError("a true/false value is not a figure")
    if isinstance(value, int):
        return [f"{value:,}", str(value)]
    if isinstance(value, dt.date):
        return [f"{value.day} {value:%B %Y}", f"{value.day} {value:%B}", value.isoformat()]
    if isinstance(value, float | str):
        return [str(value)]
    raise TypeError(f"cannot compare a {type(value).__name__} with text")


def find(text: str, value: Any, start: int) -> int | None:
    """Where `value` starts in `text`, at or after `start`, or None. A list: all its items in
    order (the result is where the last one starts). Two paths may share one figure."""
    if isinstance(value, list):
        position: int | None = start
        for item in value:
            position = find(text, item, position) if position is not None else None
        return position
    for form in forms(value):
        if isinstance(value, int | float):
            pattern = rf"(?<![\d.,]){re.escape(form)}(?!\d|[.,]\d)"
            found = re.compile(pattern).search(text, start)
            if found:
                return found.start()
        else:
            index = text.find(form, start)
            if index >= 0:
                return index
    return None


def check_tag(tag: Tag, policy: dict[str, Any], where: str) -> list[str]:
    problems, position = [], 0
    for path in tag.paths:
        try:
            value = resolve(policy, path)
            found = find(tag.text, value, position)
        except (KeyError, TypeError) as error:
            problems.append(f"{where}:{tag.line}: data-policy {path!r}: no such figure ({error})")
            continue
        if found is None:
            problems.append(
                f"{where}:{tag.line}: {tag.text!r} is tagged {path}, which is now "
                f"{value!r} in estimator/policy.toml: update the page"
            )
        else:
            position = found
    return problems


def prose_for_scan(markdown: str) -> str:
    """The page with tagged figures, code, snippets and link addresses blanked out."""
    text = markdown
    front = FRONT_MATTER.match(text)
    if front:  # keep title and description (they are scanned), blank the rest
        kept = "".join(
            line if re.match(r"(title|description):", line) else re.sub(r".", " ", line)
            for line in front["body"].splitlines(keepends=True)
        )
        text = "---\n" + kept + "---\n" + text[front.end() :]
    for pattern in (FENCED_CODE, HTML_COMMENT, SNIPPET_LINE, TAG, NOT_POLICY, INLINE_CODE):
        for match in reversed(list(pattern.finditer(text))):
            text = blank(text, match.span())
    for match in reversed(list(LINK_ADDRESS.finditer(text))):
        text = blank(text, match.span())
    return text


def untagged_figures(markdown: str) -> Iterator[tuple[int, str]]:
    text = prose_for_scan(markdown)
    for match in FIGURE.finditer(text):
        yield line_of(text, match.start()), match.group().strip()


def check_page(name: str, markdown: str, policy: dict[str, Any]) -> list[str]:
    where = f"docs/{name}"
    problems = [p for tag in tags(markdown) for p in check_tag(tag, policy, where)]
    problems += [
        f"{where}:{line}: untagged figure {figure!r}: tag it with the policy rule it states "
        '(**...**{: data-policy="section.rule.key" }), include a generated snippet, or mark '
        "a figure that is no rule {: .not-policy }"
        for line, figure in untagged_figures(markdown)
    ]
    return problems


def check_svg(name: str, svg: str, policy: dict[str, Any]) -> list[str]:
    problems = []
    for match in SVG_TEXT.finditer(svg):
        where, text = f"{name}:{line_of(svg, match.start())}", match["text"]
        paths = SVG_PATHS.search(match["attrs"])
        if paths:
            tag = Tag(line_of(svg, match.start()), text, tuple(paths["paths"].split()))
            problems += check_tag(tag, policy, name)
        elif FIGURE.search(text):
            problems.append(f'{where}: untagged figure in {text!r}: add data-policy="..."')
    return problems


def check_site(docs: Path, policy_file: Path) -> list[str]:
    """Every problem in the pages and diagrams of `docs`, as `file:line: message`."""
    policy = tomllib.loads(policy_file.read_text(encoding="utf-8"))
    problems = []
    for page in sorted(docs.glob("*.md")):
        problems += check_page(page.name, page.read_text(encoding="utf-8"), policy)
    for svg in sorted((docs / "assets" / "images").glob("*.svg")):
        text = svg.read_text(encoding="utf-8")
        problems += check_svg(f"docs/{svg.relative_to(docs).as_posix()}", text, policy)
    return problems


def pages_stating(docs: Path, path_prefix: str) -> set[str]:
    """The pages with a figure tagged with a path under `path_prefix` (for tests)."""
    return {
        page.name
        for page in docs.glob("*.md")
        for tag in tags(page.read_text(encoding="utf-8"))
        if any(p == path_prefix or p.startswith(path_prefix + ".") for p in tag.paths)
    }
