"""Renderers: they present findings and decide nothing.

``text`` for a terminal (grouped, with counts; colour only on a terminal), ``json`` for
programs (the shape of ``schemas/report.schema.json``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .findings import Report, Severity

__all__ = ["render", "render_json", "render_text"]

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET = "\033[0m"


def render_text(reports: Sequence[Report], *, colour: bool = False, max_places: int = 10) -> str:
    """Findings grouped by message, each with its places, then the counts."""
    out: list[str] = []
    for report in reports:
        counts = report.counts()
        title = report.file or "offer"
        out.append(f"{title}: {'ok' if report.ok else 'NOT OK'} - "
                   f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")
        for code, severity, message, findings in report.grouped():
            label = severity.value.upper()
            if colour:
                label = f"{_COLOURS[severity]}{label}{_RESET}"
            out.append(f"  {label} [{code}] {message}" + (f" ({len(findings)} places)" if len(findings) > 1 else ""))
            for f in findings[:max_places]:
                where = f.location.describe() if f.location else ""
                place = ", ".join(p for p in (where, f.path and f"at {f.path}") if p)
                if place:
                    out.append(f"      {place}")
            if len(findings) > max_places:
                out.append(f"      ... and {len(findings) - max_places} more")
            if findings[0].citation:
                out.append(f"      see: {findings[0].citation}")
    return "\n".join(out) + "\n"


def render_json(reports: Sequence[Report]) -> str:
    """One report as a JSON object; several as a JSON array of them."""
    data = [r.to_dict() for r in reports]
    return json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False) + "\n"


def render(reports: Sequence[Report], fmt: str, *, colour: bool = False) -> str:
    if fmt == "json":
        return render_json(reports)
    if fmt == "html":
        from .html import render_html

        return render_html(reports)
    return render_text(reports, colour=colour)
