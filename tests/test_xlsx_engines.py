"""The fast reading engine (python-calamine, in the ``fast`` extra) reads exactly what openpyxl
reads, and is used only for workbooks the checks found plain and safe."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from openpyxl import Workbook

from sendlocaloffer.formats import xlsx
from sendlocaloffer.formats._sheet_safety import check_workbook
from sendlocaloffer.model import LocalOffer

from .conftest import EXAMPLE
from .sheet_helpers import tricky_offer
from .strategies import offers

pytest.importorskip("python_calamine", reason="python-calamine (the fast extra) is not installed")

TEMPLATE = EXAMPLE.parent.parent / "template.xlsx"


def _both(source: Path | io.BytesIO) -> tuple[xlsx.ReadResult, xlsx.ReadResult]:
    data = source.read_bytes() if isinstance(source, Path) else source.getvalue()
    return xlsx.read(io.BytesIO(data)), xlsx.read(io.BytesIO(data), engine="openpyxl")


def _same(fast: xlsx.ReadResult, slow: xlsx.ReadResult) -> None:
    assert fast.offer == slow.offer
    assert [(f.code, f.location, f.message) for f in fast.findings] == [(f.code, f.location, f.message) for f in slow.findings]


def _calamine_used(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = xlsx._read_calamine

    def spy(held: list[bytes], name: str) -> xlsx.ReadResult | None:
        calls.append(name)
        return real(held, name)

    monkeypatch.setattr(xlsx, "_read_calamine", spy)
    return calls


@pytest.mark.parametrize("path", [EXAMPLE.parent / "offer.xlsx", TEMPLATE], ids=["example", "template"])
def test_the_fast_engine_reads_the_bundled_workbooks_as_openpyxl_does(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _calamine_used(monkeypatch)
    _same(*_both(path))
    assert calls, "the plain workbook should have been read by the fast engine"


@settings(max_examples=20, deadline=None)
@given(offers())
def test_the_fast_engine_reads_any_written_offer_as_openpyxl_does(offer: LocalOffer) -> None:
    buf = io.BytesIO()
    xlsx.write(offer, buf)
    fast, slow = _both(buf)
    _same(fast, slow)
    assert fast.offer == offer


def test_the_fast_engine_reads_text_that_looks_like_formulas_and_odd_names() -> None:
    buf = io.BytesIO()
    offer = tricky_offer()
    xlsx.write(offer, buf)
    fast, slow = _both(buf)
    _same(fast, slow)


def _sheet_xml(cells: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{cells}</sheetData></worksheet>").encode()


def _with_sheet(xml: bytes) -> bytes:
    """A workbook whose first sheet's XML is replaced by ``xml``."""
    wb = Workbook()
    wb.active["A1"] = "x"
    plain = io.BytesIO()
    wb.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, xml if info.filename == "xl/worksheets/sheet1.xml" else src.read(info))
    return out.getvalue()


@pytest.mark.parametrize(("cells", "plain"), [
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>', True),
    ('<row r="3"><c r="C3" t="inlineStr"><is><t>x</t></is></c></row>', True),
    # one cell at the last row and column would make a grid of 17 billion cells
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
     '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>y</t></is></c></row>', False),
    ('<row r="1"><c r="A1"><v>1</v></c></row><row r="200000"><c r="Z200000"><v>2</v></c></row>', False),
    ('<row r="1"><c r="A1"><v>1</v></c><c r="AZ1"><v>2</v></c></row>', True),
    ('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>' * 1 + '<row r="999"><c r="A999"><v>1</v></c></row>', False),
    ('<row r="1"><c><v>1</v></c></row>', False),  # a cell without its address
    ('<row r="1"><c r="A1" t="e"><v>#N/A</v></c></row>', False),  # an error value
    # a long narrow sheet (opening hours of 50k services) is as dense as its cells
    (''.join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="D{r}"><v>1</v></c></row>' for r in range(1, 120_001)), True),
], ids=["a1", "offset", "far-corner", "far-row", "two-letter-column", "wide-and-long", "no-address", "error-value",
        "long-and-narrow"])
def test_only_plain_sheets_of_a_bounded_grid_go_to_the_fast_engine(cells: str, plain: bool) -> None:
    data = _with_sheet(_sheet_xml(cells))
    assert check_workbook(data, "t.xlsx").dense_ok is plain


def test_a_hostile_far_cell_is_read_by_openpyxl_not_the_fast_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _calamine_used(monkeypatch)
    data = _with_sheet(_sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
                                  '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>y</t></is></c></row>'))
    result = xlsx.read(io.BytesIO(data))
    assert calls == []
    assert result.findings  # the stray sheet is reported, as openpyxl reads it


def test_rows_that_start_below_and_right_of_a1_keep_their_numbers() -> None:
    wb = Workbook()
    ws = wb.active
    ws["C3"] = "x"
    ws["D5"] = 2
    buf = io.BytesIO()
    wb.save(buf)
    from python_calamine import CalamineWorkbook

    fast = list(xlsx._calamine_rows(CalamineWorkbook.from_filelike(io.BytesIO(buf.getvalue())), ws.title, "t.xlsx"))
    assert [(n, [v for v in row if v is not None]) for n, row in fast if any(v is not None for v in row)] == [(3, ["x"]), (5, [2])]
    assert fast[2][1][2] == "x" and fast[4][1][3] == 2


def test_the_fast_engine_keeps_one_copy_of_the_bytes_and_hands_back_what_it_cannot_open() -> None:
    data = (EXAMPLE.parent / "offer.xlsx").read_bytes()
    held = [data]
    result = xlsx._read_calamine(held, "offer.xlsx")
    assert result is not None and result.offer is not None
    assert held == [], "once calamine has its copy, the reader should let go of its own"
    garbage = [b"PK\x03\x04 not really a workbook"]
    assert xlsx._read_calamine(garbage, "bad.xlsx") is None
    assert garbage == [b"PK\x03\x04 not really a workbook"], "openpyxl needs the bytes calamine could not open"


def test_an_unknown_engine_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'calamine'"):
        xlsx.read(EXAMPLE.parent / "offer.xlsx", engine="calamine")
