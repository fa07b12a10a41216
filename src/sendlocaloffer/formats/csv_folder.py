"""A folder of CSV files in the template layout: one file a sheet, named after the sheet.

Files are written in UTF-8 with a byte order mark (so Excel opens them as UTF-8) and RFC 4180
quoting with CRLF line ends. Text a spreadsheet would run as a formula is written with a
leading ``'`` (and a cell starting with ``'`` loses one ``'`` when read), as
docs/spreadsheets.md explains. Reading detects UTF-8 (with or without the mark) and UTF-16, and
falls back to Windows-1252 with a warning.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .._io import DEFAULT_MAX_BYTES, Source, Target, display_name, read_bytes, write_bytes
from ..checks.findings import Finding, Severity, SourceLocation
from ..errors import FormatError, ReadError
from ..model import LocalOffer
from . import _sheet_layout as L
from ._sheet_read import Table, read_tables
from ._sheet_values import csv_escape, csv_unescape
from ._sheet_write import OfferRows
from .base import ReadResult

__all__ = ["decode", "read", "write"]

_BOM = "\ufeff"


def _folder(source: object, verb: str) -> Path:
    if not isinstance(source, (str, os.PathLike)):
        raise FormatError(f"the csv format {verb} a folder; give a folder path, not a stream")
    return Path(source)


def decode(data: bytes, name: str) -> tuple[str, Finding | None]:
    """The text of a CSV file and, when it was not UTF-8, a warning saying how it was read."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0:4:2] != b"\x00\x00":
        encoding = "utf-16-le"
    elif len(data) >= 4 and data[0:4:2] == b"\x00\x00" and data[1:4:2] != b"\x00\x00":
        encoding = "utf-16-be"
    else:
        encoding = "utf-8"
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise ReadError(f"{name} is not valid {encoding} text (byte {exc.start}); save it as 'CSV UTF-8'") from None
    text = data.decode("cp1252", errors="replace")
    warning = Finding(
        code="file.encoding", severity=Severity.WARNING,
        message="the file is not UTF-8 and was read as Windows-1252; check accented letters and symbols, and save it as "
                "'CSV UTF-8 (Comma delimited)' next time",
        location=SourceLocation(file=name, sheet=Path(name).name),
    )
    return text, warning


def _rows(text: str, name: str) -> Iterator[tuple[int, Sequence[Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    number = 0
    try:
        for number, record in enumerate(reader, 1):
            yield number, [csv_unescape(v) if v else None for v in record]
    except csv.Error as exc:
        raise ReadError(f"{name}: row {number + 1} is not valid CSV ({exc})") from None


def read(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES, **_: Any) -> ReadResult:
    """Read a folder of CSV files in the template layout; findings name file, cell and header."""
    folder = _folder(source, "reads")
    name = display_name(source)
    if not folder.is_dir():
        raise ReadError(f"{name} is not a folder; the csv format reads a folder of CSV files, one a sheet")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if not files:
        raise ReadError(f"{name} holds no .csv files; write one a sheet, such as Services.csv")
    budget = max_bytes
    tables: list[Table] = []
    for path in files:
        data = read_bytes(path, budget)
        budget -= len(data)
        text, warning = decode(data, str(path))
        table = Table(path.name, functools.partial(_rows, text, str(path)))
        if warning is not None:
            table.findings.append(warning)
        tables.append(table)
    return read_tables(name, "csv", tables)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_escape(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def dumps(rows: OfferRows, sheet: L.Sheet) -> bytes:
    """One sheet of an offer as CSV bytes (UTF-8 with BOM, RFC 4180, CRLF)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    out.write(_BOM)
    writer.writerow([link.header + " *" for link in sheet.links]
                    + [c.header + (" *" if c.required else "") for c in sheet.columns])
    for row in rows.rows(sheet):
        writer.writerow([_text(v) for v in row])
    return out.getvalue().encode("utf-8")


def write(offer: LocalOffer, target: Target, **_: Any) -> None:
    """Write the offer as a folder of CSV files, one a sheet of the layout (each atomically)."""
    folder = _folder(target, "writes")
    folder.mkdir(parents=True, exist_ok=True)
    rows = OfferRows(offer)
    for sheet in L.layout().sheets:
        write_bytes(folder / f"{sheet.name}.csv", dumps(rows, sheet))
