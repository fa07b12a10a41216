"""The data rows the workbook writer streams are the very bytes openpyxl writes for them."""

from __future__ import annotations

import datetime as dt
import re
import uuid
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from sendlocaloffer.errors import FormatError
from sendlocaloffer.formats import xlsx
from sendlocaloffer.formats._sheet_stream import CHUNK, RowStyles, rows_xml
from sendlocaloffer.model import LocalOffer, Service

from .sheet_helpers import load_example, tricky_offer
from .strategies import offers

# Every kind of value a row holds, and the text that trips a serialiser: markup characters,
# padding (xml:space), formula and error look-alikes (quote prefix), control characters and
# literal _xHHHH_ (Excel's escapes), line breaks, non-ASCII, numbers at their edges, dates
# either side of Excel's 1900 leap-year bug.
TRICKY_ROWS: list[list[Any]] = [
    ["plain", "", None, " padded ", "   ", "a & b < c > d \"q\" 'a'", "=SUM(A1:A2)", "+44 20 7332 1002",
     "-minus", "@at", "\ttab first", "#N/A", "#DIV/0!", "_x0041_ literal", "bell\x07", "cr\rlf\n", "line\nbreak",
     "café – ü 😀", "]]>", "trailing\n"],
    [0, 1, -7, 10**15, 10**17, 2.5, 1 / 3, 1e-7, 1e22, float("nan"), float("inf"), -float("inf"), Decimal("1.10"),
     Decimal("12345678901234567890.5"), True, False],
    [dt.date(2024, 1, 2), dt.date(1900, 1, 1), dt.date(1900, 2, 28), dt.date(1900, 3, 1), dt.date(1899, 12, 31),
     dt.date(9999, 12, 31)],
    [None, None, None],
    [],
    ["x" * 32_767],
]


def _sheet_data(part: bytes) -> bytes:
    match = re.search(rb"<sheetData>.*</sheetData>", part, re.S)
    assert match is not None
    return match.group(0)


def _both_ways(rows: list[list[Any]], path: Path) -> tuple[bytes, bytes]:
    """The sheetData of the same rows written by openpyxl and streamed, in one workbook."""
    wb = Workbook(write_only=True)
    styles = RowStyles(wb.create_sheet("First"))
    plain = wb.create_sheet("Plain")
    plain.append(["Header"])
    for number, row in enumerate(rows, 2):
        plain.append(xlsx._cells(plain, list(row), number))
    streamed = wb.create_sheet("Streamed")
    streamed.append(["Header"])
    streams = {streamed._writer.out: rows_xml(rows, streamed.title, 2, styles)}
    with xlsx._PinnedZip(path, rows=streams) as archive:
        ExcelWriter(wb, archive).save()
    with zipfile.ZipFile(path) as z:
        return _sheet_data(z.read("xl/worksheets/sheet2.xml")), _sheet_data(z.read("xl/worksheets/sheet3.xml"))


def test_every_kind_of_value_is_written_as_openpyxl_writes_it(tmp_path: Path) -> None:
    by_openpyxl, streamed = _both_ways(TRICKY_ROWS, tmp_path / "rows.xlsx")
    assert streamed == by_openpyxl
    # and the text is what a spreadsheet needs, not merely the same as openpyxl's
    assert b'<t xml:space="preserve"> padded </t>' in streamed
    assert b"a &amp; b &lt; c &gt; d" in streamed
    assert b"bell_x0007_" in streamed and b"_x005F_x0041_ literal" in streamed
    assert re.search(rb'<c r="G2" s="\d+" t="inlineStr"><is><t>=SUM\(A1:A2\)</t>', streamed)
    assert b'<c r="J3" t="n"><v /></c>' in streamed  # not-a-number: an empty value, as openpyxl
    assert b'<row r="5"></row>' in streamed


def test_rows_spanning_many_chunks_are_written_whole(tmp_path: Path) -> None:
    rows = [[f"Service {n}", "x" * 500, n, dt.date(2025, 1, 1 + n % 28)] for n in range(3 * CHUNK // 500)]
    by_openpyxl, streamed = _both_ways(rows, tmp_path / "many.xlsx")
    assert streamed == by_openpyxl
    assert streamed.count(b"<row ") == len(rows) + 1  # and the header


def test_the_example_workbook_is_the_same_bytes_either_way(tmp_path: Path) -> None:
    offer = load_example()
    xlsx._build(offer, tmp_path / "streamed.xlsx", False)
    xlsx._build(offer, tmp_path / "openpyxl.xlsx", False, stream=False)
    assert (tmp_path / "streamed.xlsx").read_bytes() == (tmp_path / "openpyxl.xlsx").read_bytes()


def test_awkward_names_give_the_same_bytes_either_way(tmp_path: Path) -> None:
    offer = tricky_offer()
    xlsx._build(offer, tmp_path / "streamed.xlsx", False)
    xlsx._build(offer, tmp_path / "openpyxl.xlsx", False, stream=False)
    assert (tmp_path / "streamed.xlsx").read_bytes() == (tmp_path / "openpyxl.xlsx").read_bytes()


@settings(max_examples=20, deadline=None)
@given(offers())
def test_any_offer_gives_the_same_bytes_either_way(tmp_path_factory: pytest.TempPathFactory, offer: LocalOffer) -> None:
    folder = tmp_path_factory.mktemp("either")
    xlsx._build(offer, folder / "streamed.xlsx", False)
    xlsx._build(offer, folder / "openpyxl.xlsx", False, stream=False)
    assert (folder / "streamed.xlsx").read_bytes() == (folder / "openpyxl.xlsx").read_bytes()


def test_text_too_long_is_refused_at_its_cell_and_the_old_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "offer.xlsx"
    target.write_bytes(b"the council's earlier export")
    offer = LocalOffer(id=uuid.UUID(int=1), local_authority={"name": "City of London Corporation"}, title="Offer",
                       services=[Service(id=uuid.UUID(int=2), name="Short", description="fine"),
                                 Service(id=uuid.UUID(int=3), name="Long", description="x" * 40_000)])
    with pytest.raises(FormatError, match=r"^Services!\w+3 would hold 40,000 characters"):
        xlsx.write(offer, target)
    assert target.read_bytes() == b"the council's earlier export"
    assert [p.name for p in tmp_path.iterdir()] == ["offer.xlsx"]


def test_a_value_no_cell_can_hold_is_a_clear_error() -> None:
    wb = Workbook(write_only=True)
    styles = RowStyles(wb.create_sheet("First"))
    with pytest.raises(FormatError, match=r"^Services!B2: a value of type time cannot be written"):
        list(rows_xml([["ok", dt.time(9, 0)]], "Services", 2, styles))
