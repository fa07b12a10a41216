"""The coverage tables of :mod:`sendlocaloffer.analysis.gaps` as text, CSV, JSON and an HTML
page of heatmaps (tables, so they need no JavaScript and read aloud cell by cell)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..analysis.gaps import GapsReport, Table
from ._env import stream

__all__ = ["gaps_csv", "gaps_html", "gaps_json", "gaps_text", "render_gaps"]

CSV_COLUMNS = ("scope", "scope_title", "need", "need_label", "broad_area", "age_band", "services", "providers", "status")


def _provider(report: GapsReport, table: Table, need: str, band: str) -> str | None:
    cell = table.cells[(need, band)]
    if cell.status != "risk":
        return None
    return report.provider_names.get(next(iter(cell.providers)))


def gaps_text(report: GapsReport) -> str:
    """The overall table, its gaps and risks, and the gaps of every other scope."""
    out = [f"Coverage of {report.title} ({report.authority})"]
    left_out = ", ".join(f"{n} {status}" for status, n in report.excluded.items())
    out.append(f"{report.active} active service(s) counted" + (f"; left out: {left_out}" if left_out else "") + ".")
    if report.open_counts_for_all:
        out.append("Services that name no need are counted under every need.")
    out.append("")
    table = report.overall
    width = max(len(n.label) for n in report.needs) + 2
    out.append(f"{table.title}: services by need and age band (GAP = no service; * = one provider only)")
    out.append("Need".ljust(width + 2) + "".join(b.label.rjust(8) for b in report.bands))
    for need in report.needs:
        label = need.label if need.is_area or need.broad_area is None else "  " + need.label
        cells = []
        for band in report.bands:
            cell = table.cells[(need.code, band.label)]
            cells.append(("GAP" if cell.status == "gap" else f"{cell.count}{'*' if cell.status == 'risk' else ''}").rjust(8))
        out.append(label.ljust(width + 2) + "".join(cells))
    out.append("")
    gaps = table.with_status("gap")
    out.append(f"Gaps in {table.title.lower()} ({len(gaps)}):")
    out.extend(f"  {report.need_label(n)}, ages {b}" for n, b in gaps)
    risks = table.with_status("risk")
    out.append(f"Risks in {table.title.lower()}: one provider only ({len(risks)}):")
    for n, b in risks:
        cell = table.cells[(n, b)]
        out.append(f"  {report.need_label(n)}, ages {b}: {cell.count} service(s), all from {_provider(report, table, n, b)}")
    out.append("")
    out.append("Gaps by provision category, level and area (need: age bands with no service):")
    for t in report.tables[1:]:
        gaps = t.with_status("gap")
        out.append(f"  {t.title}: {len(gaps)} gap(s), {len(t.with_status('risk'))} risk(s)")
        by_need: dict[str, list[str]] = {}
        for n, b in gaps:
            by_need.setdefault(n, []).append(b)
        for n, bands in by_need.items():
            out.append(f"    {report.need_label(n)}: {', '.join(bands)}")
    return "\n".join(out) + "\n"


def gaps_csv(report: GapsReport) -> str:
    """One row per cell of every table (a long table that pivots in any spreadsheet)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for table, need, band, cell in report.statuses():
        writer.writerow([table.key, table.title, need.code, need.label, need.broad_area or "", band.label,
                         cell.count, cell.provider_count, cell.status])
    return buffer.getvalue()


def gaps_dict(report: GapsReport) -> dict[str, Any]:
    tables = []
    for t in report.tables:
        cells = []
        for need in report.needs:
            for band in report.bands:
                cell = t.cells[(need.code, band.label)]
                entry: dict[str, Any] = {"need": need.code, "age_band": band.label, "services": cell.count,
                                         "providers": cell.provider_count, "status": cell.status}
                provider = _provider(report, t, need.code, band.label)
                if provider is not None:
                    entry["provider"] = provider
                cells.append(entry)
        tables.append({"scope": t.key, "kind": t.kind, "code": t.code or None, "title": t.title,
                       "gaps": len(t.with_status("gap")), "risks": len(t.with_status("risk")), "cells": cells})
    return {
        "title": report.title,
        "local_authority": report.authority,
        "active_services": report.active,
        "left_out": report.excluded,
        "open_counts_for_all": report.open_counts_for_all,
        "age_bands": [{"label": b.label, "low": b.low, "high": b.high, "phase": b.phase} for b in report.bands],
        "needs": [{"code": n.code, "label": n.label, "broad_area": n.broad_area, "is_area": n.is_area} for n in report.needs],
        "tables": tables,
    }


def gaps_json(report: GapsReport) -> str:
    return json.dumps(gaps_dict(report), indent=2, ensure_ascii=False) + "\n"


def heat_class(status: str, count: int) -> str:
    """The colour class of a heatmap cell; the cell's text says the same thing in words
    (WCAG 2.2 1.4.1: colour is never the only way a gap is shown)."""
    if status == "gap":
        return "h-gap"
    if status == "risk":
        return "h-risk"
    return "h-low" if count <= 3 else "h-mid" if count <= 9 else "h-high"


def gaps_html(report: GapsReport) -> str:
    return "".join(stream("gaps.html.j2", report=report, heat_class=heat_class, provider=_provider))


_RENDERERS = {"text": gaps_text, "csv": gaps_csv, "json": gaps_json, "html": gaps_html}


def render_gaps(report: GapsReport, fmt: str) -> str:
    """The report in ``fmt``: text, csv, json or html."""
    return _RENDERERS[fmt](report)
