"""The changes of :mod:`sendlocaloffer.analysis.diff` as text, CSV, JSON and an HTML page:
what a council puts in its annual review and a portal in its change feed."""

from __future__ import annotations

import csv
import io
import json

from ..analysis.diff import COLLECTIONS, FieldChange, OfferDiff
from ._env import stream, value_text
from ._text import spreadsheet_safe

__all__ = ["diff_csv", "diff_html", "diff_json", "diff_text", "render_diff"]

CSV_COLUMNS = ("change", "kind", "id", "name", "path", "field", "old", "new")


def _short(value: object, limit: int = 200) -> str:
    text = value_text(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _field_line(diff: OfferDiff, f: FieldChange) -> str:
    return f"    {f.title} ({f.path}): {_short(diff.display(f.old))} -> {_short(diff.display(f.new))}"


def diff_text(diff: OfferDiff) -> str:
    out = [f"Changes from {diff.old_title!r} ({diff.old_authority}) to {diff.new_title!r} ({diff.new_authority})"]
    if diff.forced:
        out.append("Warning: these are offers from different councils (compared because --force was given).")
    counts = diff.counts()
    out.append("; ".join(
        f"{collection.capitalize()}: {counts[kind]['added']} added, {counts[kind]['removed']} removed, {counts[kind]['changed']} changed"
        for collection, kind, _ in COLLECTIONS
    ))
    if not diff:
        out.append("No differences.")
        return "\n".join(out) + "\n"
    if diff.offer_fields:
        out.append("Offer:")
        out.extend(_field_line(diff, f) for f in diff.offer_fields)
    for item in diff.items:
        out.append(f"{item.change.capitalize()} {item.kind}: {item.name} [{item.id}]")
        out.extend(_field_line(diff, f) for f in item.fields)
    return "\n".join(out) + "\n"


def diff_csv(diff: OfferDiff) -> str:
    """One row per added or removed item and per changed field."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for f in diff.offer_fields:
        row = ("changed", "offer", "", diff.new_title, f.path, f.title, value_text(diff.display(f.old)), value_text(diff.display(f.new)))
        writer.writerow(spreadsheet_safe(v) for v in row)
    for item in diff.items:
        if item.change != "changed":
            writer.writerow(spreadsheet_safe(v) for v in (item.change, item.kind, item.id, item.name, "", "", "", ""))
        for f in item.fields:
            writer.writerow(spreadsheet_safe(v) for v in (item.change, item.kind, item.id, item.name, f.path, f.title,
                                                          value_text(diff.display(f.old)), value_text(diff.display(f.new))))
    return buffer.getvalue()


def diff_json(diff: OfferDiff) -> str:
    return json.dumps(diff.to_dict(), indent=2, ensure_ascii=False) + "\n"


def diff_html(diff: OfferDiff) -> str:
    return "".join(stream("diff.html.j2", diff=diff, collections=COLLECTIONS, counts=diff.counts()))


_RENDERERS = {"text": diff_text, "csv": diff_csv, "json": diff_json, "html": diff_html}


def render_diff(diff: OfferDiff, fmt: str) -> str:
    """The changes in ``fmt``: text, csv, json or html."""
    return _RENDERERS[fmt](diff)
