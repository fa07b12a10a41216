"""The public functions: read, load, dump and validate an offer in any registered format."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from typing import Any

from . import formats
from ._io import Source, Target, display_name
from .checks.findings import Finding, Report, Severity
from .checks.registry import run_rules
from .errors import FormatError, InvalidOfferError
from .formats.base import ReadResult
from .model import LocalOffer

__all__ = ["dump", "load", "read", "validate", "validate_file"]


def _format_for(source: object, format: str | None, *, for_writing: bool = False) -> formats.FormatInfo:
    if format is not None:
        return formats.get(format)
    if isinstance(source, (str, os.PathLike)):
        return formats.detect(source, for_writing=for_writing)
    name = getattr(source, "name", None)
    if isinstance(name, str) and formats.by_suffix(name):
        return formats.by_suffix(name)[0]
    if for_writing:
        raise FormatError("give format= when writing to a stream")
    seek, tell = getattr(source, "seek", None), getattr(source, "tell", None)
    if seek is not None and tell is not None and getattr(source, "seekable", lambda: False)():
        # A stream with no name: tell the format by its first bytes, then rewind.
        start = tell()
        head = source.read(65536)  # type: ignore[attr-defined]
        seek(start)
        if isinstance(head, bytes):
            return formats.sniffed([f for f in formats.all_formats() if ".json" in f.suffixes], head)
    return formats.get("json")


def read(source: Source, format: str | None = None, **options: Any) -> ReadResult:
    """Read an offer from a path or binary stream; problems in its content come back as
    findings, with their place. Raises :class:`~sendlocaloffer.errors.ReadError` only when
    the input cannot be read at all."""
    info = _format_for(source, format)
    if not info.can_read:
        raise FormatError(f"the {info.name} format cannot be read")
    result: ReadResult = info.load().read(source, **{**info.options, **options})
    result.format = result.format or info.name
    result.source = result.source or display_name(source)
    return result


def load(source: Source, format: str | None = None, **options: Any) -> LocalOffer:
    """Read an offer, or raise :class:`~sendlocaloffer.errors.InvalidOfferError` (with the
    findings) when any part of it is not valid."""
    result = read(source, format, **options)
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if result.offer is None or errors:
        raise InvalidOfferError(errors or result.findings, result.source)
    return result.offer


def dump(offer: LocalOffer, target: Target, format: str | None = None, **options: Any) -> None:
    """Write an offer to a path (atomically) or a binary stream, in the format named or
    implied by the path's suffix."""
    info = _format_for(target, format, for_writing=True)
    if not info.can_write:
        raise FormatError(f"the {info.name} format cannot be written")
    info.load().write(offer, target, **{**info.options, **options})


def validate(offer: LocalOffer, *, as_of: dt.date | None = None, select: Iterable[str] | None = None,
             ignore: Iterable[str] | None = None, severities: Mapping[str, Severity | str] | None = None,
             fail_on: Severity = Severity.ERROR, findings: Iterable[Finding] = (),
             file: str | None = None, options: Mapping[str, Any] | None = None) -> Report:
    """Run the rules over an offer. ``as_of`` (default today) fixes the date that staleness is
    judged by; ``select``/``ignore`` take codes or prefixes; ``severities`` overrides them;
    ``options`` tunes rules (``stale_months``, ``very_stale_months``, ``copied_description_min``:
    see docs/rules.md)."""
    report = Report(findings, file=file, fail_on=fail_on)
    report.extend(run_rules(offer, as_of=as_of, select=select, ignore=ignore, severities=severities, options=options))
    if select or ignore:
        return report.filter(codes=select, exclude=ignore)
    return report


def validate_file(source: Source, format: str | None = None, *, as_of: dt.date | None = None,
                  select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
                  severities: Mapping[str, Severity | str] | None = None,
                  fail_on: Severity = Severity.ERROR, rule_options: Mapping[str, Any] | None = None,
                  **options: Any) -> Report:
    """Read a file and run the rules over what could be read: one report of everything.
    ``rule_options`` go to the rules; other keyword arguments to the reader."""
    result = read(source, format, **options)
    name = result.source
    if result.offer is None:
        report = Report(result.findings, file=name, fail_on=fail_on)
        return report.filter(codes=select, exclude=ignore) if (select or ignore) else report
    report = validate(result.offer, as_of=as_of, select=select, ignore=ignore, severities=severities,
                      fail_on=fail_on, findings=result.findings, file=name, options=rule_options)
    report.findings = result.place(report.findings)
    return report
