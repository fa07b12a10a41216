"""The rule registry: each rule declared once, beside the function that checks it.

A rule has a stable dotted code (``service.no_contact``), a default severity, a title, a
citation (the regulation, Schedule 2 paragraph, Code of Practice chapter or standard it
enforces), why it matters and how to fix it. A check is a function of a :class:`Context`
that yields ``(JSON pointer, message, offending value)`` for each problem it finds.

Users switch rules off (``ignore=``), keep only some (``select=``), change a severity
(``severities=``), and add their own with the :func:`rule` decorator, :func:`register`, or a
module (importing it registers its rules) or function (called once to register them) named
in the ``sendlocaloffer.rules`` entry point group. ``as_of`` fixes the date that staleness is judged by, so reports are reproducible.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import ModuleType
from typing import Any
from uuid import UUID

from ..model import LocalOffer
from .findings import Finding, Severity, SourceLocation, shorten

__all__ = [
    "RULES",
    "Check",
    "Context",
    "Hit",
    "Rule",
    "get_rule",
    "iter_rules",
    "months_before",
    "register",
    "rule",
    "run_rules",
    "unregister",
]

#: What a check yields: the JSON pointer of the problem, the message, the offending value.
Hit = tuple[str, str, Any]
Check = Callable[["Context"], Iterable[Hit]]

#: ``group.name``, lower case, digits and underscores, at least one dot.
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$")
#: Codes made elsewhere: the model (``field.``), the readers (``input.``) and the registry
#: itself when a rule fails (``rule.``). Rules may not use them.
RESERVED_PREFIXES = ("field.", "input.", "rule.")

#: The code of the finding made when a rule raises instead of yielding findings.
RULE_FAILED = "rule.failed"


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the last day of a shorter month)."""
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass
class Context:
    """What a check needs besides the offer: the date to judge staleness by, options, and
    indexes of the offer built once per run and shared by every rule, so that rules stay
    linear in the size of the offer."""

    offer: LocalOffer
    as_of: dt.date
    options: Mapping[str, Any] = field(default_factory=dict)

    def option(self, name: str, default: Any) -> Any:
        return self.options.get(name, default)

    def older_than(self, day: dt.date, months: int) -> bool:
        """True when ``day`` is more than ``months`` months before :attr:`as_of`."""
        return day < months_before(self.as_of, months)

    @cached_property
    def organisation_index(self) -> dict[UUID, int]:
        """Organisation id to its (first) position in the offer."""
        out: dict[UUID, int] = {}
        for i, o in enumerate(self.offer.organisations):
            out.setdefault(o.id, i)
        return out

    @cached_property
    def location_index(self) -> dict[UUID, int]:
        """Location id to its (first) position in the offer."""
        out: dict[UUID, int] = {}
        for i, loc in enumerate(self.offer.locations):
            out.setdefault(loc.id, i)
        return out

    @cached_property
    def live_services(self) -> list[tuple[int, Any]]:
        """``(position, service)`` for every service that is not defunct: the ones families
        can still be sent to, and so the ones whose details must be right."""
        return [(i, s) for i, s in enumerate(self.offer.services) if s.status != "defunct"]

    @cached_property
    def active_services(self) -> list[tuple[int, Any]]:
        """``(position, service)`` for every active service."""
        return [(i, s) for i, s in enumerate(self.offer.services) if s.status == "active"]


@dataclass(frozen=True)
class Rule:
    """A rule: its code, default severity, title, citation, why it matters, how to fix it,
    and the function that checks it."""

    code: str
    severity: Severity
    title: str
    citation: str
    why: str
    fix: str
    check: Check = field(compare=False, repr=False)

    @property
    def group(self) -> str:
        """The part of the code before the first dot: offer, coverage, service..."""
        return self.code.split(".", 1)[0]

    def finding(self, path: str, message: str, value: Any = None, severity: Severity | None = None,
                location: SourceLocation | None = None) -> Finding:
        # Every argument is already of the right type, so validation is skipped: rules can
        # make tens of thousands of findings on a large offer.
        return Finding.model_construct(
            code=self.code,
            severity=severity or self.severity,
            message=message,
            path=path,
            location=location,
            citation=self.citation,
            value=shorten(value),
        )


RULES: dict[str, Rule] = {}


def register(code: str, severity: Severity | str, title: str, *, citation: str, why: str, fix: str,
             check: Check, replace: bool = False) -> Rule:
    """Register a check under ``code``. Raises ValueError for a malformed or reserved code, or
    for a code already taken (unless ``replace``)."""
    if not CODE_PATTERN.match(code):
        raise ValueError(f"rule code {code!r} must be dotted lower case, such as 'service.no_contact'")
    if code.startswith(RESERVED_PREFIXES):
        raise ValueError(f"rule code {code!r} uses a reserved prefix ({', '.join(RESERVED_PREFIXES)})")
    if code in RULES and not replace and RULES[code].check is not check:
        raise ValueError(f"a rule with code {code!r} is already registered; pass replace=True to replace it")
    for name, text in (("title", title), ("citation", citation), ("why", why), ("fix", fix)):
        if not text.strip():
            raise ValueError(f"rule {code!r} needs a {name}")
    registered = Rule(code, Severity(severity), title, citation, why, fix, check)
    RULES[code] = registered
    return registered


def rule(code: str, severity: Severity | str, title: str, *, citation: str, why: str, fix: str,
         replace: bool = False) -> Callable[[Check], Check]:
    """Decorator: register the decorated check as a rule (see :func:`register`)."""

    def wrap(fn: Check) -> Check:
        register(code, severity, title, citation=citation, why=why, fix=fix, check=fn, replace=replace)
        return fn

    return wrap


def unregister(code: str) -> None:
    """Remove a rule from the registry (for plugins replacing a built-in rule, and tests)."""
    RULES.pop(code, None)


def get_rule(code: str) -> Rule | None:
    """The registered rule with this code, or None (for model and reader codes)."""
    _load_plugins()
    return RULES.get(code)


def iter_rules() -> Iterator[Rule]:
    """Every registered rule, built-in and plugged in, sorted by code."""
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
        try:
            loaded = ep.load()
            if callable(loaded) and not isinstance(loaded, ModuleType):
                loaded()  # a function that registers the plugin's rules
        except Exception as exc:  # a broken plugin must not stop the built-in rules
            warnings.warn(f"the sendlocaloffer.rules plugin {ep.name!r} ({ep.value}) could not be loaded: {exc}",
                          RuntimeWarning, stacklevel=2)


def run_rules(offer: LocalOffer, *, as_of: dt.date | None = None, select: Iterable[str] | None = None,
              ignore: Iterable[str] | None = None, severities: Mapping[str, Severity | str] | None = None,
              options: Mapping[str, Any] | None = None) -> list[Finding]:
    """Run every enabled rule over ``offer`` and return their findings.

    ``select`` keeps only these codes and ``ignore`` switches codes off (a prefix such as
    ``service.`` or ``service`` takes a whole group); ``severities`` maps a code to the
    severity to report it at; ``as_of`` (default today) is the date staleness is judged by;
    ``options`` tune rules that take options (see docs/rules.md)."""
    ctx = Context(offer, as_of or dt.date.today(), options or {})
    wanted = tuple(select) if select else None
    unwanted = tuple(ignore or ())
    overrides = {k: Severity(v) for k, v in (severities or {}).items()}
    out: list[Finding] = []
    enabled = gc.isenabled()
    # The collector would rescan the whole offer again and again while findings are made
    # (DESIGN.md, performance notes); any cycles made meanwhile are collected once it is back on.
    gc.disable()
    try:
        _run(ctx, wanted, unwanted, overrides, out)
    finally:
        if enabled:
            gc.enable()
    return out


def _run(ctx: Context, wanted: tuple[str, ...] | None, unwanted: tuple[str, ...], overrides: dict[str, Severity],
         out: list[Finding]) -> None:
    offer = ctx.offer
    for r in iter_rules():
        if wanted is not None and not _selected(r.code, wanted):
            continue
        if _selected(r.code, unwanted):
            continue
        sev = overrides.get(r.code)
        try:
            for path, message, value in r.check(ctx):
                out.append(r.finding(path, message, value, sev, _subject(offer, path)))
        except Exception as exc:  # report a failing (usually plugged-in) rule, keep the others
            out.append(Finding(
                code=RULE_FAILED, severity=Severity.ERROR, path="", value=shorten(str(exc)),
                message=(f"The rule {r.code} stopped with an error ({type(exc).__name__}), so this offer was not fully "
                         "checked. Report it to whoever maintains the rule, with the file."),
            ))


_COLLECTIONS = {"services": "name", "organisations": "name", "locations": "name", "documents": "title",
                "feedback_reports": "title"}


def _subject(offer: LocalOffer, path: str) -> SourceLocation | None:
    """Name the service, organisation, location or document a finding is about, so a person
    can find it without reading a JSON pointer."""
    parts = path.split("/", 3)
    if len(parts) < 3 or parts[1] not in _COLLECTIONS or not parts[2].isdigit():
        return None
    items = getattr(offer, parts[1])
    index = int(parts[2])
    if index >= len(items):
        return None
    item = items[index]
    name = getattr(item, _COLLECTIONS[parts[1]]).strip()
    return SourceLocation.model_construct(row_key=name or str(item.id))


def _selected(code: str, patterns: tuple[str, ...]) -> bool:
    return any(code == p or code.startswith(p.rstrip(".") + ".") for p in patterns)
