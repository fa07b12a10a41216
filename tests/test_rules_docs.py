"""docs/rules.md is generated from the rule registry; a test fails when they drift."""

from __future__ import annotations

from sendlocaloffer.checks.docs import rules_markdown
from sendlocaloffer.checks.registry import iter_rules

from .conftest import REPO

RULES_MD = REPO / "docs" / "rules.md"


def test_rules_page_matches_the_registry() -> None:
    assert RULES_MD.read_text("utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `python -m sendlocaloffer.checks.docs docs/rules.md`"
    )


def test_rules_page_lists_every_built_in_rule_with_its_explanations() -> None:
    page = rules_markdown()
    for r in iter_rules():
        if r.check.__module__.startswith("sendlocaloffer."):
            section = page.split(f"### {r.code}\n", 1)[1].split("\n### ", 1)[0]
            assert f"Severity: {r.severity.value}." in section
            for text in (r.citation, r.why, r.fix):
                assert text in section
