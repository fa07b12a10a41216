"""The rule registry: declaring, switching off, re-grading and plugging in rules."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import re
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import sendlocaloffer
from sendlocaloffer.checks import registry
from sendlocaloffer.checks.findings import Severity
from sendlocaloffer.checks.registry import Context, months_before, register, rule, run_rules, unregister

from .rulekit import AS_OF, clean, offer, with_service

TESTS = Path(__file__).resolve().parent


@pytest.fixture
def scratch_codes() -> Iterator[list[str]]:
    """Codes registered by a test, removed afterwards."""
    codes: list[str] = []
    yield codes
    for code in codes:
        unregister(code)


def _args() -> dict[str, Any]:
    return {"citation": "Local policy", "why": "Because.", "fix": "Do it."}


def test_registered_rule_runs_and_carries_its_declaration(scratch_codes: list[str]) -> None:
    scratch_codes.append("local.title_has_borough")

    @sendlocaloffer.rule("local.title_has_borough", "info", "Title names the borough", **_args())
    def check(ctx: Context) -> Iterator[tuple[str, str, object]]:
        if "Borough" in ctx.offer.title:
            yield "/title", "The title names the borough.", ctx.offer.title

    (hit,) = run_rules(offer(clean()), as_of=AS_OF, select=["local."])
    assert (hit.code, hit.severity, hit.path, hit.citation) == ("local.title_has_borough", Severity.INFO, "/title", "Local policy")
    assert hit.value == "Test Borough SEND Local Offer"


@pytest.mark.parametrize("code", ["field.extra", "input.mine", "rule.failed", "NoDots", "Service.Bad", "service.", "a.b-c"])
def test_malformed_or_reserved_codes_are_refused(code: str) -> None:
    with pytest.raises(ValueError):
        register(code, "error", "x", check=lambda ctx: iter(()), **_args())
    assert code not in registry.RULES


def test_a_taken_code_is_refused_unless_replaced(scratch_codes: list[str]) -> None:
    scratch_codes.append("local.twice")
    register("local.twice", "error", "First", check=lambda ctx: iter(()), **_args())
    with pytest.raises(ValueError, match="already registered"):
        register("local.twice", "error", "Second", check=lambda ctx: iter(()), **_args())
    register("local.twice", "warning", "Second", check=lambda ctx: iter(()), replace=True, **_args())
    assert registry.RULES["local.twice"].title == "Second"


def test_a_rule_needs_its_explanations() -> None:
    with pytest.raises(ValueError, match="fix"):
        register("local.nofix", "error", "t", citation="c", why="w", fix=" ", check=lambda ctx: iter(()))


def test_ignore_switches_a_rule_off_and_a_group_by_prefix() -> None:
    data = with_service(2, description="", last_checked="2020-01-01")
    codes = {f.code for f in run_rules(offer(data), as_of=AS_OF)}
    assert {"service.description_missing", "service.very_stale"} <= codes
    codes = {f.code for f in run_rules(offer(data), as_of=AS_OF, ignore=["service.very_stale"])}
    assert "service.very_stale" not in codes and "service.description_missing" in codes
    assert not {f.code for f in run_rules(offer(data), as_of=AS_OF, ignore=["service"])} & codes


def test_severity_can_be_changed() -> None:
    data = with_service(2, last_checked="2025-06-01")
    (hit,) = run_rules(offer(data), as_of=AS_OF, select=["service.stale"], severities={"service.stale": "error"})
    assert hit.severity is Severity.ERROR


def test_public_validate_takes_severity_and_ignore() -> None:
    data = with_service(2, last_checked="2025-06-01")
    report = sendlocaloffer.validate(offer(data), as_of=AS_OF, severities={"service.stale": "error"})
    assert not report.ok and report.codes() == {"service.stale"}
    assert sendlocaloffer.validate(offer(data), as_of=AS_OF, ignore=["service.stale"]).ok


def test_a_failing_rule_is_reported_and_the_others_still_run(scratch_codes: list[str]) -> None:
    scratch_codes.append("local.broken")

    @rule("local.broken", "warning", "Broken", **_args())
    def broken(ctx: Context) -> Iterator[tuple[str, str, object]]:
        raise KeyError("oops")
        yield  # pragma: no cover

    data = with_service(2, description="")
    found = run_rules(offer(data), as_of=AS_OF)
    failed = [f for f in found if f.code == "rule.failed"]
    assert len(failed) == 1 and "local.broken" in failed[0].message and failed[0].severity is Severity.ERROR
    assert any(f.code == "service.description_missing" for f in found)


def test_entry_point_plugins_are_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("slo_test_plugin")

    def load_rules() -> None:
        register("plugin.always", "info", "Always", check=lambda ctx: iter([("", "Hello from a plugin.", None)]), **_args())

    module.load_rules = load_rules  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "slo_test_plugin", module)
    ep = importlib.metadata.EntryPoint("always", "slo_test_plugin:load_rules", "sendlocaloffer.rules")

    def fake_entry_points(**kwargs: Any) -> list[importlib.metadata.EntryPoint]:
        return [ep] if kwargs.get("group") == "sendlocaloffer.rules" else []

    monkeypatch.setattr(importlib.metadata, "entry_points", fake_entry_points)
    monkeypatch.setattr(registry, "_PLUGINS_LOADED", False)
    try:
        (hit,) = run_rules(offer(clean()), as_of=AS_OF, select=["plugin."])
        assert hit.code == "plugin.always" and hit.message == "Hello from a plugin."
    finally:
        unregister("plugin.always")


def test_a_broken_plugin_warns_and_does_not_stop_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    ep = importlib.metadata.EntryPoint("broken", "slo_no_such_module_xyz", "sendlocaloffer.rules")
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kw: [ep])
    monkeypatch.setattr(registry, "_PLUGINS_LOADED", False)
    with pytest.warns(RuntimeWarning, match="slo_no_such_module_xyz"):
        found = run_rules(offer(with_service(2, description="")), as_of=AS_OF)
    assert any(f.code == "service.description_missing" for f in found)


def test_as_of_defaults_to_today() -> None:
    data = with_service(2, last_checked=(dt.date.today() - dt.timedelta(days=400)).isoformat())
    assert [f.code for f in run_rules(offer(data), select=["service.stale"])] == ["service.stale"]


@pytest.mark.parametrize(("day", "months", "expected"), [
    (dt.date(2026, 11, 29), 12, dt.date(2025, 11, 29)),
    (dt.date(2026, 3, 31), 1, dt.date(2026, 2, 28)),
    (dt.date(2024, 2, 29), 12, dt.date(2023, 2, 28)),
    (dt.date(2026, 1, 15), 24, dt.date(2024, 1, 15)),
])
def test_months_before(day: dt.date, months: int, expected: dt.date) -> None:
    assert months_before(day, months) == expected


def test_every_built_in_rule_is_declared_fully_and_tested() -> None:
    tests = "".join(p.read_text("utf-8") for p in TESTS.glob("test_rules_*.py"))
    built_in = [r for r in registry.iter_rules() if r.check.__module__.startswith("sendlocaloffer.checks.rules.")]
    assert len(built_in) >= 40
    for r in built_in:
        assert re.fullmatch(r"(offer|coverage|service|integrity|quality)\.[a-z_]+", r.code)
        assert r.check.__module__.endswith("." + r.group), f"{r.code} is not in rules/{r.group}.py"
        assert r.title and r.citation and r.why and r.fix
        assert f'"{r.code}"' in tests, f"no test names {r.code}"
