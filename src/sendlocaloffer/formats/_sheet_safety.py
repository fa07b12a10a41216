"""Checks on a workbook before any XML parser sees it.

openpyxl has no zip-bomb protection and trusts what the archive declares. Before handing a
file over, this module refuses: what is not a zip (saying so for encrypted and old-format
workbooks, which are OLE2 compound files); a truncated or corrupt zip; an archive whose
declared or actual uncompressed size, entry count or compression ratio is over the limits; and
any XML part with a document type declaration or entities (the "billion laughs" and external
entity attacks), or in an encoding other than UTF-8 that could hide one. It also collects each
sheet's merged ranges, which openpyxl's read-only mode does not report, notes which sheets
hold formulas or escaped text, and measures each sheet's real extent from its row and cell
references (never from ``<dimension>``), so that only sheets of a bounded grid reach the fast
engine.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from openpyxl.utils import column_index_from_string

from ..errors import ReadError, UnsafeInputError

__all__ = ["Checked", "Limits", "check_workbook"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 1 << 20
_DANGER = (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype", b"<!entity")
#: In ``Checked.escapes``: the shared strings hold escaped text, so any sheet may.
_ALL_SHEETS = "*"
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
# Row numbers of five or more digits in a cell or row reference (a sheet with none has fewer
# than 10,000 rows, or no more than it has row elements), and columns after Z.
_LONG_ROW = re.compile(rb' r="[A-Z]{0,3}([0-9]{5,7})"')
_WIDE_COLUMN = re.compile(rb'<c r="([A-Z]{2,3})[0-9]')
# Cell references in columns A to Z with each column's number, Z first.
_LETTER_COLUMNS = tuple((b'<c r="' + bytes([c]), c - ord("A") + 1) for c in range(ord("Z"), ord("A") - 1, -1))
#: A grid of up to this many cells is allowed the fast engine however few cells the sheet holds.
_DENSE_FLOOR = 2_000_000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"')


@dataclass(frozen=True)
class Limits:
    """How much a workbook may unpack to; raise them to read bigger files."""

    max_file_bytes: int = 512 * 1024 * 1024
    max_unpacked_bytes: int = 2 * 1024 * 1024 * 1024
    max_part_bytes: int = 1024 * 1024 * 1024
    max_ratio: int = 200
    max_entries: int = 10_000
    #: openpyxl holds the whole shared-strings table in memory, at two to three times its size.
    max_strings_bytes: int = 128 * 1024 * 1024


@dataclass
class Checked:
    """What the checks learnt: the merged ranges of each sheet part."""

    merged: dict[str, list[str]] = field(default_factory=dict)
    #: Sheet parts holding a formula (``<f>``), and text escaped as ``_xHHHH_``: the reader
    #: looks at each cell's type, or unescapes, only where there can be something to find.
    formulas: set[str] = field(default_factory=set)
    escapes: set[str] = field(default_factory=set)
    #: Whether every sheet is plain enough for the fast engine (python-calamine), which builds
    #: each sheet as a dense grid: cells all addressed (``<c r="...">``), no prefixed XML, no
    #: formulas, error cells, merged ranges or escaped text (left to openpyxl, which reports
    #: them at their cell), and a grid no larger than its cells justify (one cell at XFD1048576
    #: would make a grid of 17 billion cells).
    dense_ok: bool = True

    def may_escape(self, part: str) -> bool:
        return part in self.escapes or _ALL_SHEETS in self.escapes


def check_workbook(data: bytes, name: str, limits: Limits = Limits()) -> Checked:
    """Raise :class:`ReadError` or :class:`UnsafeInputError` unless ``data`` is a zip whose every
    part unpacks within the limits and whose XML declares no document type or entities."""
    if len(data) > limits.max_file_bytes:
        raise UnsafeInputError(f"{name} is {len(data):,} bytes, over the limit of {limits.max_file_bytes:,}; "
                               "raise max_file_bytes to read it")
    if data.startswith(_OLE):
        raise ReadError(f"{name} is an encrypted (password-protected) workbook or an old-format .xls file, not .xlsx: "
                        "remove the password, or save it as 'Excel Workbook (.xlsx)', and try again")
    if not data.startswith(b"PK"):
        raise ReadError(f"{name} is not an Excel workbook (.xlsx is a zip file; this is not): "
                        "save it from your spreadsheet program as 'Excel Workbook (.xlsx)'")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise ReadError(f"{name} is a damaged or incomplete workbook ({exc}); save it again or download it again") from None
    if len(infos) > limits.max_entries:
        raise UnsafeInputError(f"{name} holds {len(infos):,} parts, over the limit of {limits.max_entries:,}")
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_unpacked_bytes:
        raise UnsafeInputError(f"{name} declares {declared:,} bytes unpacked, over the limit of "
                               f"{limits.max_unpacked_bytes:,} (a zip bomb?); raise max_unpacked_bytes to read it")
    checked = Checked()
    total = 0
    for info in infos:
        if info.file_size > limits.max_part_bytes:
            raise UnsafeInputError(f"{name}: the part {info.filename} declares {info.file_size:,} bytes, over the limit "
                                   f"of {limits.max_part_bytes:,}")
        if info.compress_size and info.file_size // max(info.compress_size, 1) > limits.max_ratio \
                and info.file_size > _CHUNK:
            raise UnsafeInputError(f"{name}: the part {info.filename} unpacks {info.file_size // info.compress_size}:1, "
                                   f"over the limit of {limits.max_ratio}:1 (a zip bomb?)")
        if info.filename.lower().endswith("sharedstrings.xml") and info.file_size > limits.max_strings_bytes:
            raise UnsafeInputError(f"{name}: the shared strings ({info.filename}) unpack to {info.file_size:,} bytes, over "
                                   f"the limit of {limits.max_strings_bytes:,}; raise max_strings_bytes to read it")
        if info.flag_bits & 0x1:
            raise ReadError(f"{name} is encrypted; remove the password and save it again")
        total += _scan(archive, info, name, limits, checked)
        if total > limits.max_unpacked_bytes:
            raise UnsafeInputError(f"{name} unpacks to over {limits.max_unpacked_bytes:,} bytes (a zip bomb?)")
    return checked


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: Limits, checked: Checked) -> int:
    """Unpack one part in chunks: count its real size (never trusting the declared one) and, for
    XML, look for a DOCTYPE or ENTITY declaration across chunk boundaries."""
    is_xml = info.filename.endswith((".xml", ".rels", ".vml")) or info.filename == "[Content_Types].xml"
    is_sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
    is_strings = info.filename.lower().endswith("sharedstrings.xml")
    size = 0
    tail = b""
    first = True
    merged: list[str] = []
    cells = addressed = rows = max_row = letters = 0
    wide = b""
    try:
        with archive.open(info) as fh:
            while True:
                chunk = fh.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > info.file_size or size > limits.max_part_bytes:
                    raise UnsafeInputError(f"{name}: the part {info.filename} unpacks to more than it declares "
                                           f"({info.file_size:,} bytes); the file is damaged or hostile")
                if not is_xml:
                    continue
                if first:
                    first = False
                    head = chunk[:4]
                    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
                        raise UnsafeInputError(f"{name}: the part {info.filename} is not UTF-8 XML; "
                                               "workbooks from Excel and LibreOffice always are")
                window = tail + chunk
                if any(d in window for d in _DANGER):
                    raise UnsafeInputError(f"{name}: the part {info.filename} declares a document type or entities, "
                                           "which a workbook never needs; the file was refused")
                if is_strings and b"_x" in window:
                    checked.escapes.add(_ALL_SHEETS)
                if is_sheet:
                    # Counted over the window less the tail, so that a tag split between two
                    # chunks counts once.
                    cells += _count(window, tail, b"<c ") + _count(window, tail, b"<c>")
                    addressed += _count(window, tail, b'<c r="')
                    rows += _count(window, tail, b"<row")
                    found = _LONG_ROW.findall(window)
                    if found:
                        max_row = max(max_row, int(_largest(found)))
                    found = _WIDE_COLUMN.findall(window)
                    if found:
                        wide = max(wide, _largest(found), key=lambda c: (len(c), c))
                    elif not wide:
                        letters = _widest_letter_above(window, letters)
                    if size == len(chunk) and b"<worksheet" not in chunk:
                        checked.dense_ok = False  # a prefixed or unusual sheet
                    if b't="e"' in window:
                        checked.dense_ok = False
                    if b"mergeCell" in window:
                        merged.extend(m.decode("ascii") for m in _MERGE.findall(window))
                    if b"<f" in window and _FORMULA.search(window):
                        checked.formulas.add(info.filename)
                    if b"_x" in window:
                        checked.escapes.add(info.filename)
                tail = chunk[-64:]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise ReadError(f"{name}: the part {info.filename} is damaged ({exc}); the workbook is incomplete or corrupt; "
                        "save it again") from None
    if is_sheet and merged:
        checked.merged[info.filename] = list(dict.fromkeys(merged))
    if is_sheet:
        width = column_index_from_string(wide.decode("ascii")) if wide else max(letters, 1)
        height = max(rows, max_row or 9_999)
        if cells != addressed or height * width > max(4 * cells, _DENSE_FLOOR):
            checked.dense_ok = False
    return size


def _widest_letter_above(window: bytes, widest: int) -> int:
    """The number of the widest column from A to Z referenced in ``window``, or ``widest`` if
    none beyond it is (only the letters beyond it are looked for)."""
    for tag, number in _LETTER_COLUMNS:
        if number <= widest:
            break
        if tag in window:
            return number
    return widest


def _largest(found: list[bytes]) -> bytes:
    """The largest of row numbers or column letters: the longest, then the greatest."""
    longest = max(map(len, found))
    return max(f for f in found if len(f) == longest)


def _count(window: bytes, tail: bytes, tag: bytes) -> int:
    return window.count(tag) - tail.count(tag)
