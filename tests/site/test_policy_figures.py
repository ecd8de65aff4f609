"""Figures on the pages cannot drift from estimator/policy.toml.

A figure typed in a page is tagged with the rule it states and compared with it; any other
figure that looks like a rule fails the check; worked examples are computed by the estimator.
The last test changes a percentage, a window and a refund time in a copy of the policy data and
regenerates: the build must stop and name exactly the pages that state those rules, while the
pages that include generated examples follow the new figures.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
POLICY = ROOT / "estimator" / "policy.toml"
sys.path.insert(0, str(ROOT / "scripts"))

from page_figures import check_page, check_site, check_svg, pages_stating  # noqa: E402

pytestmark = pytest.mark.cpython_only

DATA = {
    "windows": {"seller_response": {"days": 5}},
    "model": {"damaged": {"minor": [10, 20, 30]}},
    "facts": {"free_return": {"max_price_usd": 1000}, "ioss": {"eu_since": "x"}},
}


def test_every_page_and_diagram_states_the_policy_figures_it_is_tagged_with() -> None:
    assert check_site(DOCS, POLICY) == []


def test_a_tagged_figure_that_differs_from_the_data_names_the_page_and_the_rule() -> None:
    page = 'The seller has **7 days**{: data-policy="windows.seller_response.days" }.\n'
    [problem] = check_page("x.md", page, DATA)
    assert problem.startswith("docs/x.md:1: '7 days' is tagged windows.seller_response.days")
    assert "now 5" in problem


def test_tags_match_whole_numbers_ranges_by_name_and_thousands() -> None:
    good = (
        '**US$1,000**{: data-policy="facts.free_return.max_price_usd" } and '
        '**10% to 30%**{: data-policy="model.damaged.minor.low model.damaged.minor.high" } and '
        '**20%**{: data-policy="model.damaged.minor.suggested" }\n'
    )
    assert check_page("x.md", good, DATA) == []
    # 15 is not 5, and the range's values must come in order.
    bad = (
        '**15 days**{: data-policy="windows.seller_response.days" }\n'
        '**30% to 10%**{: data-policy="model.damaged.minor.low model.damaged.minor.high" }\n'
    )
    assert len(check_page("x.md", bad, DATA)) == 2


def test_a_path_that_leads_nowhere_is_named() -> None:
    [problem] = check_page("x.md", '**5 days**{: data-policy="windows.seller_reply.days" }\n', DATA)
    assert "data-policy 'windows.seller_reply.days': no such figure" in problem


@pytest.mark.parametrize(
    "line",
    [
        "The seller has 5 days to answer.",
        "The seller has five days to answer.",
        "Ship it within the 10-day window.",
        "By day 7, AliExpress steps in.",
        "Our model suggests about 20%.",
        "You get US$2.40 back, or €9.30.",
        "It started on 9 September.",
        "An old promise paid 3 times the money.",
        "| Visa | 120 days |",
        "![Day 5: the answer is due](a.svg)",
    ],
)
def test_an_untagged_figure_that_looks_like_a_rule_fails(line: str) -> None:
    problems = check_page("x.md", f"# T\n\n{line}\n", DATA)
    assert problems, line
    assert problems[0].startswith("docs/x.md:3: untagged figure")


def test_figures_in_front_matter_count_and_code_snippets_and_addresses_do_not() -> None:
    page = "---\ndescription: Ship within 10 days.\n---\n# T\n"
    assert check_page("x.md", page, DATA)[0].startswith("docs/x.md:2: untagged figure")
    ignored = (
        "# T\n\n`30 days` in code, a [link](https://example.com/30%20days) and\n"
        '--8<-- "example-damaged.md"\n\n```text\n5 days\n```\n'
        "A *30%*{: .not-policy } illustration, done in a day or two, one at a time.\n"
    )
    assert check_page("x.md", ignored, DATA) == []


def test_diagram_text_with_a_figure_needs_its_rule() -> None:
    untagged = '<svg><text x="1">Day 5</text><text x="2">Then</text></svg>'
    assert "untagged figure in 'Day 5'" in check_svg("d.svg", untagged, DATA)[0]
    stale = '<svg><text data-policy="windows.seller_response.days">Day 6</text></svg>'
    assert "is tagged windows.seller_response.days" in check_svg("d.svg", stale, DATA)[0]


# --- The proof: change the data, regenerate, rebuild ---------------------------------------------

CHANGES = [
    # (table in policy.toml, key, new value as TOML, the rule path the pages tag)
    ("model.damaged", "minor", "[15, 25, 40]", "model.damaged.minor"),
    ("windows.dispute_after_completion", "days", "21", "windows.dispute_after_completion.days"),
    ("arrival.card", "max", "25", "arrival.card"),
]


def set_value(text: str, table: str, key: str, value: str) -> str:
    """policy.toml's text with one key of one table changed (comments and order kept)."""
    start = text.index(f"[{table}]\n")
    end = text.find("\n[", start + 1)
    end = len(text) if end < 0 else end
    section, count = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", text[start:end])
    assert count == 1, f"policy.toml has no {table}.{key}: update the test"
    return text[:start] + section + text[end:]


@pytest.fixture(scope="module")
def changed_policy_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path, Path]:
    """generate_content.py run with a copy of the estimator whose policy.toml is changed."""
    tmp = tmp_path_factory.mktemp("changed-policy")
    package = tmp / "pkg"
    shutil.copytree(ROOT / "estimator", package / "estimator")
    policy = package / "estimator" / "policy.toml"
    text = policy.read_text(encoding="utf-8")
    for table, key, value, _ in CHANGES:
        text = set_value(text, table, key, value)
    policy.write_text(text, encoding="utf-8")
    generated = tmp / "generated"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_content.py"), "--out", str(generated)],
        env={**os.environ, "PYTHONPATH": str(package)}, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    return result.returncode, result.stderr, generated, tmp


def test_a_changed_policy_stops_the_build_and_names_every_page_that_states_it(
    changed_policy_run: tuple[int, str, Path, Path],
) -> None:
    returncode, stderr, _, _ = changed_policy_run
    assert returncode == 1, "a stale figure must stop `make site`"
    named = set(re.findall(r"^docs/([\w-]+\.md):\d+: ", stderr, flags=re.MULTILINE))
    expected = set().union(*(pages_stating(DOCS, rule) for *_, rule in CHANGES))
    assert expected, "no page tags the changed rules: choose rules the pages state"
    assert named == expected
    assert "docs/assets/images/dispute-timeline.svg" in stderr  # the diagram's card range


def test_with_a_changed_policy_the_worked_examples_follow(
    changed_policy_run: tuple[int, str, Path, Path],
) -> None:
    _, _, generated, _ = changed_policy_run

    def snippet(name: str) -> str:
        return (generated / name).read_text(encoding="utf-8")

    # damaged.minor 15/25/40 on US$12.00; confirmed 4 March + 21 days; card up to 25 days.
    assert "about 25%, which is US$3.00. The range is US$1.80 to US$4.80." in snippet(
        "example-damaged.md"
    )
    assert "25%, which is US$3.00" in snippet("example-full-or-partial.md")
    assert "a partial refund of US$3.00" in snippet("example-message.md")
    assert "Minor damage is 15% to 40%, with 25% suggested" in snippet(
        "example-estimator-walkthrough.md"
    )
    assert "Your last day to open a dispute is 25 March." in snippet("example-deadline.md")
    assert "25 business days later is" in snippet("example-arrival.md")
    assert "| Damaged | Minor | 15% | 25% | 40% |" in snippet("refund-ranges.md")


def test_with_a_changed_policy_the_built_pages_state_the_new_figures(
    changed_policy_run: tuple[int, str, Path, Path],
) -> None:
    """MkDocs builds the pages with the regenerated snippets: no old example figure is left."""
    _, _, generated, tmp = changed_policy_run
    project = tmp / "project"
    project.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", project)
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("runtime"))
    shutil.copytree(generated, project / "generated")
    shutil.copytree(tmp / "pkg" / "estimator", project / "estimator")  # mkdocs.yml watches it
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True,
        capture_output=True,
    )  # fmt: skip
    when_to_ask = (project / "site" / "when-to-ask" / "index.html").read_text(encoding="utf-8")
    assert "about 25%, which is US$3.00" in when_to_ask
    assert "US$2.40" not in when_to_ask
    how = (project / "site" / "how-the-estimator-works" / "index.html").read_text(encoding="utf-8")
    assert "Minor damage is 15% to 40%" in how
