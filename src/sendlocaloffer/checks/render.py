"""Renderers: they present findings and decide nothing.

``text`` for a terminal (grouped by message, counts first, colour only when asked for),
``json`` for programs (the shape of ``schemas/report.schema.json``) and ``html`` for one
self-contained page a council can open (:mod:`.html`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .findings import Finding, Report, Severity
from .registry import get_rule

__all__ = ["FORMATS", "by_code", "place", "render", "render_json", "render_text", "summary_line"]

FORMATS = ("text", "json", "html")

_COLOURS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m", Severity.INFO: "\033[1;36m"}
_DIM = "\033[2m"
_RESET = "\033[0m"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


def summary_line(report: Report) -> str:
    """``offer.json: NOT OK - 2 errors, 1 warning, 0 info``."""
    c = report.counts()
    return (f"{report.file or 'offer'}: {'ok' if report.ok else 'NOT OK'} - "
            f"{_count(c['error'], 'error')}, {_count(c['warning'], 'warning')}, {_count(c['info'], 'info')}")


def place(f: Finding) -> str:
    """Where a finding is, in words: the source place (file, sheet and cell, line; the thing's
    name) and the JSON pointer."""
    where = f.location.describe() if f.location else ""
    return ", ".join(p for p in (where, f.path and f"at {f.path}") if p) or "the whole offer"


def by_code(report: Report) -> list[tuple[str, Severity, list[tuple[str, list[Finding]]]]]:
    """The report's findings by code (most severe first), each code with its messages and,
    under each message, the places it occurs: one explanation over many places."""
    out: list[tuple[str, Severity, list[tuple[str, list[Finding]]]]] = []
    for code, severity, message, findings in report.grouped():
        if out and out[-1][0] == code and out[-1][1] is severity:
            out[-1][2].append((message, findings))
        else:
            out.append((code, severity, [(message, findings)]))
    return out


def render_text(reports: Sequence[Report], *, colour: bool = False, max_places: int = 10) -> str:
    """Each report's counts, then its findings by code (most severe first): each message with
    its places, then how to fix it and the citation, once."""

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    out: list[str] = []
    for report in reports:
        out.append(summary_line(report))
        for code, severity, messages in by_code(report):
            r = get_rule(code)
            title = f": {r.title}" if r else ""
            n = sum(len(fs) for _, fs in messages)
            many = f" ({n} places)" if n > 1 else ""
            out.append(f"  {paint(severity.value.upper(), _COLOURS[severity])} {code}{title}{many}")
            for message, findings in messages:
                out.append(f"    {message}")
                for f in findings[:max_places]:
                    value = f" {paint('[' + f.value + ']', _DIM)}" if f.value else ""
                    out.append(f"      - {place(f)}{value}")
                if len(findings) > max_places:
                    out.append(f"      ... and {len(findings) - max_places} more (use --format json for all)")
            if r:
                out.append(f"    fix: {r.fix}")
            citation = messages[0][1][0].citation
            if citation:
                out.append(f"    see: {citation}")
    if len(reports) > 1:
        failing = sum(1 for r in reports if not r.ok)
        out.append(f"{len(reports)} files checked: {len(reports) - failing} ok, {failing} not ok")
    return "\n".join(out) + "\n"


def render_json(reports: Sequence[Report]) -> str:
    """One report as a JSON object; several as a JSON array of them."""
    data = [r.to_dict() for r in reports]
    return json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False) + "\n"


def render(reports: Sequence[Report], fmt: str, *, colour: bool = False) -> str:
    """The reports in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return render_json(reports)
    if fmt == "html":
        from .html import render_html

        return render_html(reports)
    if fmt == "text":
        return render_text(reports, colour=colour)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
