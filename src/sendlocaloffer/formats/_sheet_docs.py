"""The generated part of docs/spreadsheets.md: every sheet and column of the layout.

Regenerate with ``python -m sendlocaloffer.formats._sheet_docs docs/spreadsheets.md``; a test
fails when the file drifts from the model.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import vocab
from . import _sheet_layout as L

__all__ = ["BEGIN", "END", "generated", "update"]

BEGIN = "<!-- BEGIN GENERATED LAYOUT: python -m sendlocaloffer.formats._sheet_docs docs/spreadsheets.md -->"
END = "<!-- END GENERATED LAYOUT -->"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _kind(column: L.Column) -> str:
    if column.kind == L.VOCAB and column.vocabulary:
        kind = f"choice from *{vocab.get(column.vocabulary).title}*"
    elif column.kind == L.REF:
        sheet = next(s.name for s in L.layout().sheets if s.path == (column.target, "*"))
        kind = f"name or id of a row on {sheet}"
    else:
        kind = column.kind
    return kind + (f"; several, separated by `{L.SEPARATOR}`" if column.many else "")


def generated() -> str:
    """The sheets and their columns, as Markdown."""
    out: list[str] = []
    for sheet in L.layout().sheets:
        out.append(f"### {sheet.name}")
        out.append("")
        where = "/".join("n" if p == "*" else p for p in sheet.path) or "(the offer itself)"
        what = sheet.description or f"One row for each {sheet.label.lower()}."
        out.append(f"{_cell(what)} Model path: `{where}`.")
        if sheet.links:
            out.append(f"Each row belongs to the {' and '.join(f'{link.header.lower()} named in its *{link.header}* column' for link in sheet.links)}"
                       f" ({', '.join(link.sheet for link in sheet.links)}).")
        if sheet.id_kind:
            out.append(f"A blank *Id* is minted from the {sheet.key_field} (kind `{sheet.id_kind}`).")
        out.append("")
        out.append("| Column | Field | Holds | Description |")
        out.append("|---|---|---|---|")
        for link in sheet.links:
            out.append(f"| {link.header} \\* | (key) | name or id of a row on {link.sheet} | The row this one belongs to. |")
        for column in sheet.columns:
            star = " \\*" if column.required else ""
            out.append(f"| {_cell(column.header)}{star} | `{'.'.join(column.path)}` | {_cell(_kind(column))} | "
                       f"{_cell(column.description)} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def update(text: str) -> str:
    """``text`` with the part between the markers replaced by :func:`generated`."""
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n\n{generated()}\n{END}{tail}"


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1])
    target.write_text(update(target.read_text("utf-8")), "utf-8")
