"""The built site (site/, from `make site`): build, meta tags, links, generated tables, FAQ data.

Apart from the two build tests (strict MkDocs, Zensical), these tests read the site that
`make site` built and do not rebuild it. Every Markdown file in docs/ is a page: the strict
build fails on a page missing from the nav (validation.nav.omitted_files).
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, get_args
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from mkdocs.utils.meta import get_data as read_front_matter
from mkdocs.utils.yaml import yaml_load

from estimator.eligibility import ROUTES
from estimator.model import OfferKind, Recommendation
from estimator.money import CURRENCIES, MINOR_UNITS
from estimator.policy import (
    GRADED_KINDS,
    PROBLEM_KINDS,
    SEVERITIES,
    Policy,
    load_policy,
    parse_policy,
)

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SITE = ROOT / "site"
GENERATED = ROOT / "generated"
CONFIG = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # MkDocs' loader: !ENV
SITE_URL: str = CONFIG["site_url"]
SITE_NAME: str = CONFIG["site_name"]
PAGES = sorted(path.name for path in DOCS.glob("*.md"))
# How the site shows policy.toml's confidence codes (the readers' words, checked here).
CONFIDENCE_WORDS = {"H": "High", "M": "Medium", "L": "Low", "model": "Our model"}
# Keeps the build quiet about Material's end-of-life notice.
QUIET_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def page_url(markdown_name: str) -> str:
    """Where a page is published (use_directory_urls): faq.md -> faq/, index.md -> ''."""
    stem = markdown_name.removesuffix(".md")
    return "" if stem == "index" else f"{stem}/"


def built_file(markdown_name: str, site: Path = SITE) -> Path:
    return site / page_url(markdown_name) / "index.html"


# --- Reading built HTML ------------------------------------------------------------------------


# <link rel=...> values that make the browser download the file (not just offer a link).
FETCHING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}


@dataclass(frozen=True)
class Reference:
    """A URL in an href or src attribute; `fetched` if loading the page downloads it."""

    tag: str
    url: str
    fetched: bool


class BuiltPage(HTMLParser):
    """What the tests need from one built HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.meta: dict[str, str] = {}  # name, property or http-equiv -> content
        self.ids: set[str] = set()
        self.references: list[Reference] = []
        self.json_ld: list[str] = []
        self._in: str | None = None  # "title" or "json-ld" while inside one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "meta" and "content" in values:
            key = values.get("name") or values.get("property") or values.get("http-equiv")
            if key:
                self.meta[key] = values["content"]
        if "src" in values:
            self.references.append(Reference(tag, values["src"], fetched=True))
        if "href" in values:
            fetched = tag == "link" and bool(
                FETCHING_LINK_RELS & set(values.get("rel", "").split())
            )
            self.references.append(Reference(tag, values["href"], fetched))
        if tag == "title":
            self._in = "title"
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in = "json-ld"
            self.json_ld.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data.strip()
        elif self._in == "json-ld":
            self.json_ld[-1] += data


def parse_html(path: Path) -> BuiltPage:
    page = BuiltPage()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def built_site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ has not been built: run `make site` first", pytrace=False)
    return SITE


# --- Builds ------------------------------------------------------------------------------------


def test_strict_mkdocs_build_passes(tmp_path: Path) -> None:
    """Broken links, missing anchors, pages outside the nav and missing snippets fail it."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT, env=QUIET_ENV, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr[-3000:]}"


def test_only_the_live_preview_allows_inline_scripts(tmp_path: Path) -> None:
    """`make serve` injects an inline live-reload script; its CSP must let it run (or the
    preview never reloads), while the published build keeps inline scripts blocked."""
    for preview, site_dir in (("true", tmp_path / "preview"), ("false", tmp_path / "published")):
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)],
            cwd=ROOT, env={**QUIET_ENV, "PRG_LIVE_PREVIEW": preview}, capture_output=True,
            check=True,
        )  # fmt: skip
    preview_csp = parse_html(tmp_path / "preview" / "index.html").meta["Content-Security-Policy"]
    published = parse_html(tmp_path / "published" / "index.html").meta["Content-Security-Policy"]
    assert "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'" in preview_csp
    assert "'unsafe-inline'" not in published.split("style-src")[0]


def test_zensical_builds_every_page(tmp_path: Path) -> None:
    """Zensical (Material's successor) builds the same mkdocs.yml: the way off Material."""
    if not GENERATED.is_dir():
        pytest.fail("generated/ is missing: run `make generate` first", pytrace=False)
    project = tmp_path / "project"
    project.mkdir()
    # A copy, because Zensical has no output-directory option and writes site/ and .cache/.
    shutil.copy2(ROOT / "mkdocs.yml", project)
    for folder in ("docs", "overrides", "generated"):
        shutil.copytree(ROOT / folder, project / folder)
    result = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict"],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, f"zensical build failed:\n{result.stdout}{result.stderr}"
    missing = [name for name in PAGES if not built_file(name, project / "site").is_file()]
    assert not missing, f"Zensical did not build: {missing}"
    assert (project / "site" / "404.html").is_file()


# --- Meta tags ---------------------------------------------------------------------------------


@pytest.mark.parametrize("markdown_name", PAGES)
def test_page_has_title_and_front_matter_description(built_site: Path, markdown_name: str) -> None:
    _, front_matter = read_front_matter((DOCS / markdown_name).read_text(encoding="utf-8"))
    assert front_matter.get("description"), (
        f"docs/{markdown_name}: front matter needs a `description:` (search engines show it). "
        "If it is there, the front matter is not valid YAML: quote values that contain ': '."
    )
    page = parse_html(built_file(markdown_name, built_site))
    assert page.title, f"{markdown_name}: no <title>"
    if markdown_name != "index.md":
        assert page.title != SITE_NAME, f"{markdown_name}: <title> lacks the page's own title"
    assert page.meta.get("description") == front_matter["description"].strip()


@pytest.mark.parametrize("markdown_name", PAGES)
def test_page_shows_when_it_was_last_reviewed(built_site: Path, markdown_name: str) -> None:
    """Readers see how fresh a page is: front matter `reviewed:`, shown at the page's foot."""
    _, front_matter = read_front_matter((DOCS / markdown_name).read_text(encoding="utf-8"))
    reviewed = front_matter.get("reviewed")
    assert isinstance(reviewed, dt.date), (
        f"docs/{markdown_name}: front matter needs `reviewed: YYYY-MM-DD`, the day someone "
        "last read the page against its sources"
    )
    assert reviewed <= dt.date.today(), f"docs/{markdown_name}: reviewed in the future"
    html = built_file(markdown_name, built_site).read_text(encoding="utf-8")
    shown = f'<time datetime="{reviewed.isoformat()}">{reviewed.day} {reviewed:%B %Y}</time>'
    assert "Last reviewed against its sources on" in html
    assert shown in html


def test_every_page_has_its_own_description(built_site: Path) -> None:
    descriptions = [
        parse_html(built_file(name, built_site)).meta.get("description") for name in PAGES
    ]
    duplicates = {text for text in descriptions if descriptions.count(text) > 1}
    assert not duplicates, f"pages share a description: {duplicates}"


@pytest.mark.parametrize("markdown_name", PAGES)
def test_page_has_open_graph_tags(built_site: Path, markdown_name: str) -> None:
    page = parse_html(built_file(markdown_name, built_site))
    for tag in ("og:title", "og:description", "og:type", "og:url", "og:site_name", "og:image"):
        assert page.meta.get(tag), f"{markdown_name}: missing <meta property={tag!r}>"
    assert page.meta["og:url"] == SITE_URL + page_url(markdown_name)
    assert page.meta["og:description"] == page.meta["description"]
    image = page.meta["og:image"]
    assert image.startswith(SITE_URL), f"og:image must be this site's own file: {image}"
    assert (built_site / image.removeprefix(SITE_URL)).is_file(), f"og:image not built: {image}"


def test_every_page_has_the_content_security_policy(built_site: Path) -> None:
    """Without the policy the browser tests could not catch a third-party script or style."""
    for path in site_html_files(built_site):
        policy = parse_html(path).meta.get("Content-Security-Policy", "")
        directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
        where = path.relative_to(built_site)
        assert directives.get("default-src") == ["'self'"], f"{where}: CSP missing or changed"
        assert "'unsafe-inline'" not in directives.get("script-src", []), where
        assert "'unsafe-eval'" not in directives.get("script-src", []), where


# --- Links -------------------------------------------------------------------------------------


def site_html_files(site: Path) -> list[Path]:
    """Every HTML page of the site; assets/ holds only third-party runtime files."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def local_target(site: Path, path: str) -> Path:
    """The file a same-site URL path is served from (directory URLs serve index.html)."""
    target = site / unquote(path).lstrip("/")
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def test_no_broken_internal_links_or_anchors(built_site: Path) -> None:
    """Every same-site href/src exists, with its #anchor; nothing loads from another host."""
    pages = {path: parse_html(path) for path in site_html_files(built_site)}
    problems: list[str] = []
    for path, page in pages.items():
        where = path.relative_to(built_site).as_posix()
        # Resolve relative URLs the way a browser on the published site would.
        base = SITE_URL + where.removesuffix("index.html")
        for reference in page.references:
            url = urljoin(base, reference.url)
            if urlsplit(url).scheme not in ("http", "https"):
                continue  # mailto:, data:, javascript: ...
            if not url.startswith(SITE_URL):
                if reference.fetched:
                    problems.append(f"{where}: loads from another host: {reference.url}")
                continue
            address, fragment = urldefrag(url)
            target = local_target(built_site, urlsplit(address).path)
            if not target.is_file():
                problems.append(f"{where}: broken link {reference.url}")
            elif fragment and target.suffix == ".html":
                target_page = pages.get(target) or parse_html(target)
                if unquote(fragment) not in target_page.ids:
                    problems.append(f"{where}: {reference.url}: no id {fragment!r} on the target")
    assert not problems, "\n".join(problems)


# --- Generated tables equal the policy data ----------------------------------------------------


def read_table(snippet: str) -> list[list[str]]:
    """The body rows of the Markdown table in generated/<snippet>, cells unescaped."""
    return table_rows((GENERATED / snippet).read_text(encoding="utf-8"), snippet)


def table_rows(text: str, where: str = "the table") -> list[list[str]]:
    """The body rows of the Markdown table in `text`, cells unescaped."""
    rows = [split_row(line) for line in text.splitlines() if line.startswith("|")]
    assert len(rows) >= 3, f"{where}: no table with rows"
    assert set("".join(rows[1])) <= set(":-"), f"{where}: the table has no alignment row"
    return rows[2:]


def split_row(line: str) -> list[str]:
    """| a | b \\| c | -> ["a", "b | c"]: cells split on unescaped pipes."""
    return [cell.strip().replace(r"\|", "|") for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


def percent(text: str) -> int:
    assert text.endswith("%"), text
    return int(text.removesuffix("%"))


def level(severity: str | None) -> str:
    return severity.capitalize() if severity else "Any level"


@pytest.fixture(scope="module")
def generated() -> Path:
    if not GENERATED.is_dir():
        pytest.fail("generated/ is missing: run `make generate` first", pytrace=False)
    return GENERATED


def expected_ranges(kind: str) -> list[tuple[str, int, int, int]]:
    policy = load_policy()
    levels = SEVERITIES if kind in GRADED_KINDS else (None,)
    ranges = [policy.percent_range(kind, severity) for severity in levels]
    return [(level(r.severity), r.low, r.suggested, r.high) for r in ranges]


def test_model_table_equals_policy(generated: Path) -> None:
    policy = load_policy()
    rows = read_table("refund-ranges.md")
    found = [
        (label, lvl, percent(lo), percent(mid), percent(hi)) for label, lvl, lo, mid, hi in rows
    ]
    expected = [(policy.kind_labels[k], *r) for k in PROBLEM_KINDS for r in expected_ranges(k)]
    assert found == expected
    text = (generated / "refund-ranges.md").read_text(encoding="utf-8")
    assert "Partial Refund Guide's own model, not an AliExpress figure" in text


@pytest.mark.parametrize("kind", PROBLEM_KINDS)
def test_range_table_per_kind_equals_policy(generated: Path, kind: str) -> None:
    rows = read_table(f"refund-range-{kind}.md")
    found = [(lvl, percent(lo), percent(mid), percent(hi)) for lvl, lo, mid, hi in rows]
    assert found == expected_ranges(kind)


# How each kind of rule reads in its table, checked on a small policy of known rules: a reader
# sees the numbers, the unit of days, the confidence in words and the note. (That the site's
# tables come from estimator/policy.toml: test_generated_snippets_are_up_to_date.)
CHECKED = dt.date(2026, 11, 26)


def generator() -> Any:
    """scripts/generate_content.py, which imports its sibling scripts by their plain names."""
    if str(ROOT / "scripts") not in sys.path:
        sys.path.insert(0, str(ROOT / "scripts"))
    return importlib.import_module("generate_content")


def policy_with(**tables: dict[str, dict[str, Any]]) -> Policy:
    """The shipped policy with some of its tables replaced."""
    data = tomllib.loads((ROOT / "estimator" / "policy.toml").read_text(encoding="utf-8"))
    data.update(tables)
    return parse_policy(data)


def rule(confidence: str, note: str = "", **fields: Any) -> dict[str, Any]:
    return {
        "source": "a page",
        "confidence": confidence,
        "checked": CHECKED,
        "note": note,
        **fields,
    }


def test_refund_times_read_as_a_range_of_business_or_calendar_days() -> None:
    policy = policy_with(
        arrival={
            "card": rule("M", "Most cited.", label="Card", min=3, max=20, days="business"),
            "paypal": rule(
                "L", "Up to 30 | or more", label="PayPal", min=1, max=30, days="calendar"
            ),
        }
    )
    assert table_rows(generator().refund_times(policy)) == [
        ["Card", "3 to 20 business days", "Medium", "Most cited."],
        ["PayPal", "1 to 30 calendar days", "Low", "Up to 30 | or more"],
    ]


def test_deadlines_read_as_days_after_an_event() -> None:
    policy = policy_with(
        windows={
            "dispute_after_completion": rule(
                "H", "The order page wins.", label="Open a dispute", days=15, after="completion"
            ),
            "due_soon": rule("model", label="Due soon", days=3, after="today"),
        }
    )
    assert table_rows(generator().deadlines(policy)) == [
        ["Open a dispute", "15 days", "completion", "High", "The order page wins."],
        ["Due soon", "3 days", "today", "Our model", ""],
    ]


def test_late_delivery_and_money_rules_show_their_outcome_and_confidence() -> None:
    policy = policy_with(
        late={
            "not_delivered": rule("M", "Exclusions apply.", label="Not delivered", outcome="full"),
            "on_time_guarantee": rule("L", label="On-time guarantee"),
        },
        money={"conversion_fees": rule("M", "Banks differ.", label="Fees are not refunded")},
    )
    assert table_rows(generator().late_delivery(policy)) == [
        ["Not delivered", "full", "Medium", "Exclusions apply."],
        ["On-time guarantee", "", "Low", ""],
    ]
    assert table_rows(generator().money_rules(policy)) == [
        ["Fees are not refunded", "Medium", "Banks differ."]
    ]


def test_eligibility_table_equals_policy(generated: Path) -> None:
    expected = [
        (f.label, f.outcome or "", CONFIDENCE_WORDS[f.sourced.confidence], f.sourced.note)
        for f in load_policy().eligibility.values()
    ]
    assert [tuple(row) for row in read_table("eligibility.md")] == expected


def test_sources_table_lists_every_rule(generated: Path) -> None:
    rows = read_table("policy-sources.md")
    rules = load_policy().all_rules()
    assert [(label, source) for label, source, *_ in rows] == [
        (label, sourced.source) for _, label, sourced in rules
    ]
    for (_, _, dated, word, checked, note), (_, _, sourced) in zip(rows, rules, strict=True):
        assert word == CONFIDENCE_WORDS[sourced.confidence]
        assert checked == f"{sourced.checked.day} {sourced.checked:%B %Y}"
        assert note == sourced.note  # disagreements between sources stay visible
        # How old the source is: its own date, or says plainly that it is not dated.
        if sourced.source_date:
            assert re.search(r"(19|20)\d\d", dated), dated
        else:
            assert dated == "not dated"


def test_currency_table_equals_minor_units(generated: Path) -> None:
    rows = read_table("currencies.md")
    assert [(code, int(decimals)) for code, decimals, _ in rows] == [
        (code, MINOR_UNITS[code]) for code in CURRENCIES
    ]
    for code, decimals, example in rows:
        assert len(example.partition(".")[2]) == int(decimals), f"{code}: {example}"


def test_policy_version_sentence(generated: Path) -> None:
    policy = load_policy()
    text = (generated / "policy-version.md").read_text(encoding="utf-8")
    assert policy.version in text
    assert f"{policy.checked.day} {policy.checked:%B %Y}" in text


def test_generated_snippets_are_up_to_date(generated: Path, tmp_path: Path) -> None:
    """generated/ is what the generator writes now, and it writes the same thing every time."""
    runs = []
    for hash_seed in ("1", "2"):  # a different set/dict hashing order in each process
        out = tmp_path / hash_seed
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "generate_content.py"), "--out", str(out)],
            env={**os.environ, "PYTHONHASHSEED": hash_seed}, check=True, capture_output=True,
        )  # fmt: skip
        runs.append({p.name: p.read_text(encoding="utf-8") for p in out.iterdir()})
    assert runs[0] == runs[1], "the generator's output is not deterministic"
    current = {p.name: p.read_text(encoding="utf-8") for p in generated.iterdir()}
    stale = sorted(set(runs[0].items()) ^ set(current.items()))
    assert not stale, f"generated/ is stale ({stale[0][0]}...): run `make generate`"


# --- FAQ structured data -----------------------------------------------------------------------


def faq_titles() -> list[str]:
    text = (DOCS / "faq.md").read_text(encoding="utf-8")
    return re.findall(r"^/{3,}\s*details\s*\|\s*(.+?)\s*$", text, flags=re.MULTILINE)


def test_faq_json_ld_lists_exactly_the_faq_questions(built_site: Path) -> None:
    page = parse_html(built_file("faq.md", built_site))
    assert len(page.json_ld) == 1, "the FAQ page needs exactly one JSON-LD block"
    data = json.loads(page.json_ld[0])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    questions = [item["name"] for item in data["mainEntity"]]
    assert questions == faq_titles()
    assert len(questions) >= 20, f"only {len(questions)} questions"
    for item in data["mainEntity"]:
        assert item["@type"] == "Question"
        assert item["acceptedAnswer"]["@type"] == "Answer"
        assert len(item["acceptedAnswer"]["text"]) > 20, f"empty answer: {item['name']}"


# The questions shoppers ask in public (issue 12), by the anchor other pages, shared links and
# search results use. Renaming one breaks those links, so it must stay.
SHOPPER_QUESTION_ANCHORS = [
    "reopen-after-cancel", "extension-refused", "cannot-open-dispute", "postage-more-than-item",
    "bonus-or-coupon", "card-expired", "customs", "refund-for-review", "many-disputes",
    "warranty", "add-evidence", "free-return-how", "choice", "paypal-return", "chargeback-freeze",
    "uk-section-75", "feedback", "seller-offer",
]  # fmt: skip


def faq_json_ld(built_site: Path) -> tuple[BuiltPage, list[dict[str, object]]]:
    page = parse_html(built_file("faq.md", built_site))
    return page, json.loads(page.json_ld[0])["mainEntity"]


@pytest.mark.parametrize("anchor", SHOPPER_QUESTION_ANCHORS)
def test_shopper_question_keeps_its_anchor_on_the_page_and_in_json_ld(
    built_site: Path, anchor: str
) -> None:
    page, questions = faq_json_ld(built_site)
    assert anchor in page.ids, f"faq/#{anchor} is gone: links to that answer would break"
    assert f"{SITE_URL}faq/#{anchor}" in [q["url"] for q in questions], (
        f"the FAQ's JSON-LD has no question at faq/#{anchor}"
    )


def test_every_json_ld_question_links_to_its_answer(built_site: Path) -> None:
    page, questions = faq_json_ld(built_site)
    for question in questions:
        url, _, anchor = str(question["url"]).partition("#")
        assert url == f"{SITE_URL}faq/", question
        assert anchor in page.ids, f"{question['name']!r} links to #{anchor}, not on the page"


def markdown_section(markdown_name: str, heading_id: str) -> str:
    """The text of one `## Heading {#id}` section of a page, up to the next `## ` heading."""
    text = (DOCS / markdown_name).read_text(encoding="utf-8")
    found = re.search(rf"^## .*\{{#{heading_id}\}}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert found, f"docs/{markdown_name} has no section #{heading_id}"
    return found[1]


def test_offer_advice_states_the_risk_of_declining_where_it_is_given(built_site: Path) -> None:
    """Our ranges are untested judgment: whoever reads "decline" must also read that AliExpress
    may then award less than the offer, or nothing (issue 12, item 5)."""
    _, questions = faq_json_ld(built_site)
    answer = next(q for q in questions if str(q["url"]).endswith("#seller-offer"))
    text = answer["acceptedAnswer"]["text"]
    for needed in ("judgment", "decline", "nothing"):
        assert needed in text, f"the #seller-offer answer lost {needed!r}: {text}"
    counter_offers = markdown_section("after-you-submit.md", "counter-offers")
    assert "decline" in counter_offers.lower()
    assert "**nothing**" in counter_offers
    assert "less than the seller offered" in counter_offers


@pytest.mark.parametrize(
    "code",
    [
        *get_args(Recommendation),
        *ROUTES,
        *get_args(OfferKind),
    ],
)
def test_how_the_estimator_works_names_every_answer_it_gives(code: str) -> None:
    """The page that explains the estimator's rules covers every recommendation, every
    addressee of the message and every kind of offer the estimator answers with (issue 11)."""
    text = (DOCS / "how-the-estimator-works.md").read_text(encoding="utf-8")
    assert f"`{code}`" in text, f"how-the-estimator-works.md never explains `{code}`"


def test_how_the_estimator_works_states_the_version_2_rules() -> None:
    text = (DOCS / "how-the-estimator-works.md").read_text(encoding="utf-8")
    for rule in (
        "`usable: false`",  # a kept item of no use: full price and shipping share
        "windows.dispute_opens.days",  # the earliest day, from the policy data
        "windows.card_chargeback.days",
        "windows.paypal_dispute.days",
        "windows.debit_hold.days",
        "limits.return_postage.share",
        "**no refund dates**",
        "a coupon is not cash",
    ):
        assert rule in text, f"how-the-estimator-works.md lost {rule!r}"


def test_no_other_page_has_json_ld(built_site: Path) -> None:
    others = [n for n in PAGES if n != "faq.md" and parse_html(built_file(n, built_site)).json_ld]
    assert not others


# --- Sitemap and 404 ---------------------------------------------------------------------------


def test_sitemap_lists_every_page(built_site: Path) -> None:
    sitemap = built_site / "sitemap.xml"
    assert sitemap.is_file(), "sitemap.xml was not built"
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in ET.parse(sitemap).getroot().iterfind("s:url/s:loc", namespace)}
    assert listed == {SITE_URL + page_url(name) for name in PAGES}


def test_404_page_helps_the_reader_on(built_site: Path) -> None:
    not_found = built_site / "404.html"
    assert not_found.is_file(), "404.html was not built"
    page = parse_html(not_found)
    assert page.title.startswith("Page not found")
    # Served at any depth, so its links must be absolute paths (they resolve from anywhere).
    links = {r.url for r in page.references if r.tag == "a" and r.url.startswith("/")}
    resolved = {urljoin(SITE_URL + "any/depth/", url) for url in links}
    assert {SITE_URL, SITE_URL + "faq/"} <= resolved
