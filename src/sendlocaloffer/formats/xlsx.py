"""Excel workbooks in the sendlocaloffer template layout: read, write, template and annotate.

Reading checks the archive before openpyxl sees it (see :mod:`._sheet_safety`), then streams
each sheet with openpyxl's read-only mode (``iter_rows`` only, dimensions reset so a claimed
1,048,576 rows or a cell at XFD1048576 costs nothing). Formulas are reported, never worked
out. Writing streams with write-only mode; text that a spreadsheet would run as a formula is
written as a text cell with the quote-prefix style; the archive's timestamps are pinned, so
the same offer always gives the same bytes. The layout is documented in docs/spreadsheets.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .._io import DEFAULT_MAX_BYTES, Source, Target, atomic_path, display_name, read_bytes
from ..checks.findings import Finding, Report, Severity
from ..errors import FormatError, ReadError
from ..model import LocalOffer
from ..vocab import get as get_vocabulary
from . import _sheet_layout as L
from ._sheet_read import Formula, Table, _quote, read_tables
from ._sheet_safety import Limits, check_workbook
from ._sheet_stream import RowStyles, rows_xml, text_value
from ._sheet_values import guarded, xml_unescape
from ._sheet_write import OfferRows
from .base import ReadResult

__all__ = ["Formula", "Limits", "annotate", "read", "sniff", "write", "write_template"]

#: Every part of a written workbook carries this time, so the bytes never depend on the clock.
PINNED_TIME = dt.datetime(2000, 1, 1, 0, 0, 0)
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_HEADER_FILL = "1F4E79"
_SEVERITY_FILL = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}


def sniff(head: bytes, **_: Any) -> bool:
    """True for a zip that looks like a workbook."""
    return head.startswith(b"PK") and (b"xl/" in head or b"[Content_Types].xml" in head)


# -- reading ----------------------------------------------------------------------------------

def _rows(ws: Any, file: str, formulas: bool = True, escapes: bool = True) -> Iterator[tuple[int, Sequence[Any]]]:
    ws.reset_dimensions()  # never trust <dimension>: it may claim 1,048,576 rows by 16,384 columns
    number = 0
    try:
        if not formulas:
            # No <f> anywhere in the sheet: plain values, and no cell objects to make.
            for number, plain in enumerate(ws.iter_rows(values_only=True), 1):
                values: list[Any] = list(plain)
                if escapes:
                    for i, v in enumerate(values):
                        if type(v) is str and "_x" in v:
                            values[i] = xml_unescape(v)
                yield number, values
            return
        for number, row in enumerate(ws.iter_rows(), 1):
            values = [c.value for c in row]
            for i, v in enumerate(values):
                # A formula reads as its text, "=..."; only such cells need their type looked at.
                if type(v) is str and (v[:1] == "=" or "_x" in v):
                    if row[i].data_type == "f":
                        values[i] = Formula(v)
                    elif "_x" in v:
                        values[i] = xml_unescape(v)
            yield number, values
    except ReadError:
        raise
    except Exception as exc:  # openpyxl's parse errors name neither sheet nor row
        raise _sheet_failed(file, ws.title, number, exc) from None


def _sheet_failed(file: str, sheet: str, number: int, exc: Exception) -> ReadError:
    return ReadError(f"{file}: the sheet {sheet!r} could not be read after row {number} "
                     f"({type(exc).__name__}: {exc}); save the workbook again")


def _open(data: bytes, name: str, *, read_only: bool) -> Any:
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=read_only, data_only=False, keep_links=False)
    except ReadError:
        raise
    except Exception as exc:  # openpyxl raises KeyError, ValueError, TypeError... on malformed parts
        raise ReadError(f"{name} is not a readable workbook ({type(exc).__name__}: {exc}); "
                        "save it from your spreadsheet program as 'Excel Workbook (.xlsx)'") from None


def read(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES, limits: Limits | None = None,
         engine: str = "auto", **_: Any) -> ReadResult:
    """Read a workbook in the template layout. Problems in its cells come back as findings at
    their cell; a file that cannot be read safely raises :class:`ReadError`.

    With the ``fast`` extra, a workbook that passed every check and holds nothing that needs a
    cell looked at (formulas, error values, merged ranges, escaped text) is read by
    python-calamine, which makes the read about three times as fast; ``engine="openpyxl"``
    always uses openpyxl, which reads every workbook."""
    if engine not in ("auto", "openpyxl"):
        raise ValueError(f"engine must be 'auto' or 'openpyxl', not {engine!r}")
    name = display_name(source)
    data = read_bytes(source, max_bytes)
    checked = check_workbook(data, name, limits or Limits())
    if engine == "auto" and checked.dense_ok and not (checked.formulas or checked.escapes or checked.merged):
        held = [data]
        del data
        fast = _read_calamine(held, name)
        if fast is not None:
            return fast
        data = held[0]
    wb = _open(data, name, read_only=True)
    try:
        tables = []
        for ws in wb.worksheets:
            part = str(getattr(ws, "_worksheet_path", "")).lstrip("/")
            tables.append(Table(ws.title, functools.partial(_rows, ws, name, part in checked.formulas,
                                                            checked.may_escape(part)),
                                hidden=ws.sheet_state != "visible", merged=checked.merged.get(part, [])))
        return read_tables(name, "xlsx", tables)
    finally:
        wb.close()


def _read_calamine(held: list[bytes], name: str) -> ReadResult | None:
    """The workbook in ``held`` read by python-calamine, or None where it is not installed or
    cannot open the workbook (openpyxl then reads it, or names what is wrong). Once calamine has
    its own copy, ``held`` is emptied so that the bytes are not kept twice. Only ever called after
    :func:`check_workbook` found the archive, its XML and each sheet's grid safe."""
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum
    except ImportError:
        return None
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(held[0]))
        sheets = [m for m in wb.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    except Exception:  # any failure to open leaves the workbook to openpyxl
        return None
    held.clear()
    tables = [Table(m.name, functools.partial(_calamine_rows, wb, m.name, name), hidden=m.visible != SheetVisibleEnum.Visible)
              for m in sheets]
    try:
        return read_tables(name, "xlsx", tables)
    finally:
        wb.close()


def _calamine_rows(wb: Any, sheet: str, file: str) -> Iterator[tuple[int, Sequence[Any]]]:
    """Each row as openpyxl gives it: None for an empty cell, whole numbers as int, dates as
    datetime, numbered from the sheet's first row."""
    number = cells = 0
    try:
        ws = wb.get_sheet_by_name(sheet)
        cells = ws.height * ws.width
        # iter_rows gives every row from the first, but only the columns from the grid's first:
        # put back the columns before it so that each value keeps its column.
        pad: list[Any] = [None] * ws.start[1] if ws.height else []
        for number, row in enumerate(ws.iter_rows(), 1):
            values = pad + row
            for i, v in enumerate(values):
                t = type(v)
                if t is str:
                    if not v:
                        values[i] = None
                elif t is float:
                    if v.is_integer():
                        values[i] = int(v)
                elif t is dt.date:
                    values[i] = dt.datetime(v.year, v.month, v.day)
            yield number, values
    except Exception as exc:  # calamine's errors name neither sheet nor row
        raise _sheet_failed(file, sheet, number, exc) from None
    finally:
        ws = None  # calamine frees the sheet here, before the trim
        if cells >= _TRIM_CELLS:
            _return_freed_memory()


_TRIM_CELLS = 100_000  # a sheet this size leaves tens of MB behind; a trim costs a few ms


def _return_freed_memory() -> None:
    """Hand the memory of a sheet calamine has let go back to the system. calamine holds a
    sheet as many small strings; once freed, glibc keeps their pages, and on a 50k-service
    workbook that was a tenth of the reader's peak. Elsewhere than glibc, nothing is done."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.lru_cache(maxsize=1)
def _malloc_trim() -> Any:
    import ctypes

    try:  # the symbols already loaded: the C library's on Linux, with malloc_trim under glibc
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None


# -- writing ----------------------------------------------------------------------------------

class _PinnedZip(zipfile.ZipFile):
    """A zip whose entries all carry the same time, so that the same content gives the same bytes.

    ``rows`` maps the file openpyxl wrote a data sheet to (header only) to the text of that
    sheet's data rows, which goes in at the end of its ``sheetData`` as the sheet is zipped."""

    def __init__(self, path: str | os.PathLike[str], *, rows: dict[str, Iterator[bytes]] | None = None) -> None:
        super().__init__(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.rows = rows if rows is not None else {}

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None, compresslevel: Any = None) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=_ZIP_TIME)
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
            zinfo_or_arcname.external_attr = 0o600 << 16
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None) -> None:
        info = zipfile.ZipInfo(arcname or os.path.basename(filename), date_time=_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        rows = self.rows.pop(str(filename), None)
        with open(filename, "rb") as src, self.open(info, "w", force_zip64=True) as dst:
            if rows is None:
                shutil.copyfileobj(src, dst, 1 << 20)
                return
            head, end, tail = src.read().partition(b"</sheetData>")
            if not end:
                raise FormatError(f"{arcname}: the sheet openpyxl wrote has no sheetData; this is a fault in "
                                  "sendlocaloffer, please report it")
            dst.write(head)
            for chunk in rows:
                dst.write(chunk)
            dst.write(end + tail)


def _text_cell(ws: Any, value: str) -> Any:
    """A cell that shows ``value`` as text even though a spreadsheet would run it as a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _cells(ws: Any, row: list[Any], number: int) -> list[Any]:
    from openpyxl.utils import get_column_letter

    for i, v in enumerate(row):
        if type(v) is str and v:
            v, quote = text_value(v, ws.title, get_column_letter(i + 1), number)
            row[i] = _text_cell(ws, v) if quote else v
    return row


_FORMATS = {L.DATE: "yyyy-mm-dd", L.INT: "0", L.DECIMAL: "0.00", L.FLOAT: "0.0#####"}
_TEXT_KINDS = (L.TEXT, L.PHONE, L.UUID_, L.REF, L.TIME, L.JSON)


def _lists_sheet(wb: Any) -> None:
    """The Lists sheet: one column a vocabulary, and Yes/No, feeding the drop-downs."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    names = sorted({c.vocabulary for s in L.layout().sheets for c in s.columns if c.vocabulary})
    columns: list[tuple[str, list[str]]] = [("Yes/No", ["Yes", "No"])]
    for name in names:
        labels = L.vocabulary_text(name)
        columns.append((get_vocabulary(name).title, [labels[t.code] for t in get_vocabulary(name).terms]))
    ws = wb.create_sheet(L.LISTS_SHEET)
    for i, (title, _) in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = max(14, min(40, len(title) + 4))
    header = []
    for title, _ in columns:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    depth = max(len(values) for _, values in columns)
    for r in range(depth):
        ws.append([values[r] if r < len(values) else None for _, values in columns])


def _guidance(wb: Any) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(L.GUIDANCE_SHEET)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 100
    wrap = Alignment(wrap_text=True, vertical="top")

    def line(a: str, b: str = "", bold: bool = False) -> None:
        ca = WriteOnlyCell(ws, value=a)
        ca.font = Font(bold=True, size=14 if bold else 11)
        cb = WriteOnlyCell(ws, value=b)
        cb.alignment = wrap
        ws.append([ca, cb])

    for a, b in guidance_lines():
        line(a, b, bold=a == GUIDANCE_TITLE)


GUIDANCE_TITLE = "SEND Local Offer workbook"


def guidance_lines() -> list[tuple[str, str]]:
    """The guidance sheet's text, derived from the layout (also used by docs/spreadsheets.md)."""
    lines = [
        (GUIDANCE_TITLE, "Fill in one sheet for each kind of thing; check it with:  sendlocaloffer validate offer.xlsx"),
        ("Headers", "Each header's comment says what the column holds. Headers ending * must be filled in. "
                    "Leave the headers as they are; a column the layout does not know is reported, not read."),
        ("Rows", "One row a thing. Rows on a sheet such as 'Opening hours' are joined to their service by the "
                 "first column(s), which hold the service's name (or its id, when two services share a name)."),
        ("Lists", f"Put '{L.SEPARATOR}' between the items of a list, such as SEND needs. "
                  "Choose values from the drop-downs; the Lists sheet shows every allowed value."),
        ("Ids", "Id columns may be left blank: stable ids are made from the names. Where a column refers to "
                "an organisation or location, its name will do."),
        ("Dates", "Dates as dates, or typed as 2025-09-01 or 01/09/2025 (day first)."),
        ("Formulas", "Formulas are not worked out: type values."),
        ("", ""),
    ]
    for sheet in L.layout().sheets:
        joined = f" Joined to {', '.join(link.sheet for link in sheet.links)} by the first column(s)." if sheet.links else ""
        lines.append((sheet.name, (sheet.description or "") + joined))
    return lines


def _data_sheet(wb: Any, sheet: L.Sheet, rows: Iterator[list[Any]], count: int, ranges: dict[str, str],
                example: bool, styles: RowStyles, streams: dict[str, Iterator[bytes]] | None) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(sheet.name)
    n_links = len(sheet.links)
    # The sheet's extent, written at its top as Excel does: without it a reader must parse
    # the whole sheet once just to learn its size.
    extent = f"A1:{get_column_letter(max(n_links + len(sheet.columns), 1))}{1 + count + (1 if example else 0)}"
    ws.calculate_dimension = lambda: extent
    ws.freeze_panes = f"{get_column_letter(n_links + 1)}2" if n_links else "A2"
    font = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    align = Alignment(wrap_text=True, vertical="top")
    header: list[Any] = []
    for i, link in enumerate(sheet.links, 1):
        ws.column_dimensions[get_column_letter(i)].width = 30
        cell = WriteOnlyCell(ws, value=f"{link.header} *")
        cell.font, cell.fill, cell.alignment = font, fill, align
        cell.comment = Comment(f"The {link.header.lower()} this row belongs to: its name (or id) as on the "
                               f"{link.sheet} sheet.", "sendlocaloffer", height=120, width=300)
        header.append(cell)
    for i, column in enumerate(sheet.columns, n_links + 1):
        letter = get_column_letter(i)
        dim = ws.column_dimensions[letter]
        dim.width = 40 if column.kind == L.TEXT and column.path[-1] in ("description", "how_to_apply") else \
            max(12, min(36, len(column.header) + 4))
        if column.kind in _FORMATS and not column.many:
            dim.number_format = _FORMATS[column.kind]
        elif column.kind in _TEXT_KINDS:
            dim.number_format = "@"
        cell = WriteOnlyCell(ws, value=column.header + (" *" if column.required else ""))
        cell.font, cell.fill, cell.alignment = font, fill, align
        hint = f"{column.description}\n\nType: {column.kind}" + (f"; several, separated by {L.SEPARATOR}" if column.many else "")
        if column.example is not None:
            shown = column.example if not isinstance(column.example, list) else f"{L.SEPARATOR} ".join(map(str, column.example))
            hint += f"\nExample: {shown}"
        cell.comment = Comment(hint, "sendlocaloffer", height=160, width=320)
        header.append(cell)
        source = ranges.get(column.vocabulary or "") if column.kind == L.VOCAB else ranges.get("yes/no") if column.kind == L.BOOL else None
        if source:
            dv = DataValidation(type="list", formula1=source, allow_blank=True,
                                showErrorMessage=not column.many, errorStyle="warning",
                                errorTitle=column.header, error=f"Choose a value from the list ({column.kind}).",
                                promptTitle=column.header[:32], prompt=column.description[:255], showInputMessage=False)
            dv.add(f"{letter}2:{letter}1048576")
            ws.data_validations.append(dv)
        elif column.kind == L.DATE:
            dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True, errorStyle="warning",
                                errorTitle=column.header, error="Type a date, such as 2025-09-01.")
            dv.add(f"{letter}2:{letter}1048576")
            ws.data_validations.append(dv)
        elif column.kind in (L.INT, L.DECIMAL, L.FLOAT):
            dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="-1000000000", allow_blank=True,
                                errorStyle="warning", errorTitle=column.header, error="Type a number.")
            dv.add(f"{letter}2:{letter}1048576")
            ws.data_validations.append(dv)
    ws.append(header)
    first = 2
    if example:
        row: list[Any] = [_example_key(link.sheet) for link in sheet.links]
        for column in sheet.columns:
            value = column.example
            if column.kind == L.REF and value is None:
                value = _example_key(next(s.name for s in L.layout().sheets if s.path == (column.target, "*")))
            if isinstance(value, list):
                value = f"{L.SEPARATOR} ".join(map(str, value))
            row.append(value)
        complete = all(c.example is not None for c in sheet.columns if c.required)
        if complete and any(v is not None for v in row[n_links:]):
            ws.append(_cells(ws, row, 2))
            first = 3
    if streams is None:  # every row through openpyxl, as the stream is held to in the tests
        for number, data_row in enumerate(rows, first):
            ws.append(_cells(ws, data_row, number))
    else:
        streams[ws._writer.out] = rows_xml(rows, ws.title, first, styles)


def _example_key(sheet_name: str) -> str:
    """The example row's key on a sheet: the example of its name or title column."""
    sheet = L.layout().by_name[sheet_name]
    column = next((c for c in sheet.columns if c.path == (sheet.key_field,)), None)
    return str(column.example) if column is not None and column.example is not None else "#1"


def _build(offer: LocalOffer | None, path: Path, example: bool, *, stream: bool = True) -> None:
    """Write the workbook to ``path``: through openpyxl throughout, except that with ``stream``
    the data rows are written as the sheets are zipped (see :mod:`._sheet_stream`)."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook(write_only=True)
    wb.properties.created = PINNED_TIME
    wb.properties.modified = PINNED_TIME
    wb.properties.creator = "sendlocaloffer"
    wb.properties.title = offer.title if offer is not None else "SEND Local Offer template"
    streams: dict[str, Iterator[bytes]] | None = {} if stream else None
    try:
        _guidance(wb)
        styles = RowStyles(wb.worksheets[0])
        rows = OfferRows(offer)
        ranges = _lists_sheet_ranges()
        for sheet in L.layout().sheets:
            _data_sheet(wb, sheet, rows.rows(sheet), rows.count(sheet), ranges, example, styles, streams)
        _lists_sheet(wb)
        with _PinnedZip(path, rows=streams) as archive:
            ExcelWriter(wb, archive).save()
    except BaseException:
        for ws in wb.worksheets:  # write-only sheets stream to temporary files: remove them
            with contextlib.suppress(Exception):
                if not ws.closed:
                    ws.close()
            with contextlib.suppress(Exception):
                ws._writer.cleanup()
        raise


def _lists_sheet_ranges() -> dict[str, str]:
    """The ranges _lists_sheet will fill, known before it is written (it is written last)."""
    from openpyxl.utils import get_column_letter

    names = sorted({c.vocabulary for s in L.layout().sheets for c in s.columns if c.vocabulary})
    out = {"yes/no": f"{L.LISTS_SHEET}!$A$2:$A$3"}
    for i, name in enumerate(names, 2):
        letter = get_column_letter(i)
        out[name] = f"{L.LISTS_SHEET}!${letter}$2:${letter}${len(get_vocabulary(name).terms) + 1}"
    return out


def _write(offer: LocalOffer | None, target: Target, example: bool) -> None:
    if isinstance(target, (str, os.PathLike)):
        with atomic_path(target, ".xlsx") as tmp:
            _build(offer, tmp, example)
        return
    with tempfile.TemporaryDirectory() as tmpdir:  # zip needs a seekable file; then copy to the stream
        buffer_path = Path(tmpdir) / "offer.xlsx"
        _build(offer, buffer_path, example)
        with buffer_path.open("rb") as fh:
            shutil.copyfileobj(fh, target)


def write(offer: LocalOffer, target: Target, **_: Any) -> None:
    """Write the offer as a workbook in the template layout; the same offer gives the same bytes."""
    _write(offer, target, False)


def write_template(target: Target, *, example: bool = False) -> None:
    """Write the empty template (with one example row a sheet when ``example``)."""
    _write(None, target, example)


# -- annotating -------------------------------------------------------------------------------

_CELL = re.compile(r"^(?:'((?:[^']|'')+)'|([^!]+))!([A-Z]{1,3}[0-9]{1,7})$")


def _split_cell(cell: str) -> tuple[str, str] | None:
    m = _CELL.match(cell)
    if not m:
        return None
    sheet = m[1].replace("''", "'") if m[1] is not None else m[2]
    return sheet, m[3]


def annotate(source_path: str | os.PathLike[str], report: Report, output_path: str | os.PathLike[str], *,
             max_bytes: int = DEFAULT_MAX_BYTES, limits: Limits | None = None) -> None:
    """Write a copy of the council's workbook with every problem cell filled by severity and
    commented with the message and code, and a Findings sheet linking to each. The input is
    never modified."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    name = display_name(source_path)
    if Path(output_path).resolve() == Path(source_path).resolve():
        raise ReadError(f"{name}: the annotated copy must be a different file from the workbook itself")
    data = read_bytes(source_path, max_bytes)
    check_workbook(data, name, limits or Limits())
    placed = read(source_path, max_bytes=max_bytes, limits=limits).place(report.findings)
    wb = _open(data, name, read_only=False)
    if L.FINDINGS_SHEET in wb.sheetnames:
        del wb[L.FINDINGS_SHEET]
    notes: dict[tuple[str, str], list[Finding]] = {}
    for f in placed:
        where = _split_cell(f.location.cell) if f.location is not None and f.location.cell else None
        if where is not None and where[0] in wb.sheetnames:
            notes.setdefault(where, []).append(f)
    for (sheet, ref), found in notes.items():
        cell = wb[sheet][ref]
        worst = max(found, key=lambda f: f.severity.rank).severity
        cell.fill = PatternFill("solid", fgColor=_SEVERITY_FILL[worst])
        text = "\n".join(f"{f.severity.value.upper()} [{f.code}] {f.message}" for f in found)
        if cell.comment is not None:
            text = cell.comment.text + "\n\n" + text
        cell.comment = Comment(text[:32_000], "sendlocaloffer", height=200, width=360)
    ws = wb.create_sheet(L.FINDINGS_SHEET, 0)
    ws.append(["Severity", "Code", "Cell", "Column", "Row", "Message", "Path"])
    for c in ws[1]:
        c.font = Font(bold=True)
    for f in sorted(placed, key=lambda f: (-f.severity.rank, f.code, f.path)):
        loc = f.location
        cell_text = loc.cell if loc is not None and loc.cell else (loc.sheet if loc is not None and loc.sheet else "")
        ws.append([f.severity.value, f.code, cell_text, loc.header if loc else None,
                   loc.row_key if loc else None, f.message, f.path or None])
        row = ws.max_row
        for c in ws[row]:
            if isinstance(c.value, str) and guarded(c.value):
                c.data_type = "s"
                c.quotePrefix = True
        target = loc.cell if loc is not None and loc.cell and _split_cell(loc.cell) else None
        if target is None and loc is not None and loc.sheet and loc.sheet in wb.sheetnames:
            target = f"{_quote(loc.sheet)}!A1"
        if target is not None:
            link = ws.cell(row=row, column=3)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=target)
            link.font = Font(color="0563C1", underline="single")
        ws.cell(row=row, column=1).fill = PatternFill("solid", fgColor=_SEVERITY_FILL[f.severity])
    for letter, width in zip("ABCDEFG", (10, 26, 24, 22, 28, 90, 30), strict=False):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    wb.active = 0
    with atomic_path(output_path, ".xlsx") as tmp:
        wb.save(tmp)

