"""The rule registry: each rule declared once, beside the function that checks it.

A rule has a stable code, a default severity, a title, a citation (the regulation, Schedule 2
paragraph, Code of Practice chapter or standard it enforces), why it matters and how to fix
it. Users switch rules off, change a severity, or add their own with :func:`rule` or the
``sendlocaloffer.rules`` entry point group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import LocalOffer
from .findings import Finding, Severity, SourceLocation, shorten

__all__ = ["Context", "Rule", "RULES", "rule", "run_rules"]


@dataclass
class Context:
    """What a check needs besides the offer: the date to judge staleness by, and a way to
    make findings that carry the rule's code, severity and citation."""

    offer: LocalOffer
    as_of: dt.date
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    citation: str
    why: str
    fix: str
    check: Callable[[Context], Iterable[tuple[str, str, Any]]]

    def finding(self, path: str, message: str, value: Any = None, severity: Severity | None = None,
                location: SourceLocation | None = None) -> Finding:
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=message,
            path=path,
            citation=self.citation,
            value=shorten(value),
            location=location,
        )


RULES: dict[str, Rule] = {}


def rule(code: str, severity: Severity | str, title: str, *, citation: str, why: str, fix: str
         ) -> Callable[[Callable[[Context], Iterable[tuple[str, str, Any]]]], Callable[[Context], Iterable[tuple[str, str, Any]]]]:
    """Register a check. The function yields ``(json pointer, message, offending value)``."""

    def wrap(fn: Callable[[Context], Iterable[tuple[str, str, Any]]]) -> Callable[[Context], Iterable[tuple[str, str, Any]]]:
        RULES[code] = Rule(code, Severity(severity), title, citation, why, fix, fn)
        return fn

    return wrap


def iter_rules() -> Iterator[Rule]:
    _load_plugins()
    yield from sorted(RULES.values(), key=lambda r: r.code)


_PLUGINS_LOADED = False


def _load_plugins() -> None:
    global _PLUGINS_LOADED
    if _PLUGINS_LOADED:
        return
    _PLUGINS_LOADED = True
    import importlib
    from importlib.metadata import entry_points

    importlib.import_module("sendlocaloffer.checks.rules")
    for ep in entry_points(group="sendlocaloffer.rules"):
        ep.load()


def run_rules(offer: LocalOffer, *, as_of: dt.date | None = None, select: Iterable[str] | None = None,
              ignore: Iterable[str] | None = None, severities: Mapping[str, Severity | str] | None = None,
              options: Mapping[str, Any] | None = None) -> list[Finding]:
    """Run every enabled rule over ``offer`` and return their findings."""
    ctx = Context(offer, as_of or dt.date.today(), options or {})
    wanted = tuple(select) if select else None
    unwanted = tuple(ignore or ())
    overrides = {k: Severity(v) for k, v in (severities or {}).items()}
    out: list[Finding] = []
    for r in iter_rules():
        if wanted is not None and not _selected(r.code, wanted):
            continue
        if _selected(r.code, unwanted):
            continue
        sev = overrides.get(r.code)
        for path, message, value in r.check(ctx):
            out.append(r.finding(path, message, value, sev))
    return out


def _selected(code: str, patterns: tuple[str, ...]) -> bool:
    return any(code == p or code.startswith(p.rstrip(".") + ".") for p in patterns)
