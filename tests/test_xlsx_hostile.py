"""Bad and hostile workbooks: each a one-line error or a finding at its place, never a traceback."""

from __future__ import annotations

import functools
import io
import re
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendlocaloffer import cli
from sendlocaloffer.errors import ReadError, UnsafeInputError
from sendlocaloffer.formats import xlsx
from sendlocaloffer.formats._sheet_safety import Limits

SERVICES_PART = "xl/worksheets/sheet2.xml"


@functools.cache
def _workbook(extra_rows: int = 0) -> bytes:
    """A small valid workbook: the Offer sheet, then Services (sheet2.xml)."""
    wb = openpyxl.Workbook()
    offer = wb.active
    offer.title = "Offer"
    offer.append(["Local authority", "Title"])
    offer.append(["City of London Corporation", "City of London SEND Local Offer"])
    services = wb.create_sheet("Services")
    services.append(["Service name", "Description"])
    services.append(["Short Breaks", "Breaks for families."])
    for i in range(extra_rows):
        services.append([f"Service {i}", "x"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _replace(data: bytes, part: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == part else src.read(info))
    return out.getvalue()


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(SERVICES_PART).decode("utf-8")


def _peak_mb_reading(path: Path) -> float:
    """The peak resident memory, in MB, of a fresh Python process that reads ``path``.

    Linux's VmHWM belongs to the process's own memory since it started; ``ru_maxrss`` would
    carry over the peak of the test process that launched it (it survives ``exec``)."""
    code = (
        "import resource, sys\n"
        "from sendlocaloffer.formats import xlsx\n"
        "try:\n    xlsx.read(sys.argv[1])\nexcept Exception as exc:\n    print(type(exc).__name__, file=sys.stderr)\n"
        "try:\n"
        "    hwm = [line for line in open('/proc/self/status') if line.startswith('VmHWM:')]\n"
        "    print(int(hwm[0].split()[1]) / 1024)\n"
        "except (OSError, IndexError):\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True, timeout=120)
    return float(done.stdout.strip().splitlines()[-1])


def _one_line(exc: BaseException) -> str:
    text = str(exc)
    assert "\n" not in text and "Traceback" not in text
    return text


def test_not_a_zip_is_a_one_line_error() -> None:
    with pytest.raises(ReadError) as exc:
        xlsx.read(io.BytesIO(b"Service name,Description\nShort Breaks,x\n"))
    assert "not an Excel workbook" in _one_line(exc.value)


def test_a_truncated_zip_is_a_one_line_error() -> None:
    data = _workbook()
    with pytest.raises(ReadError) as exc:
        xlsx.read(io.BytesIO(data[: len(data) // 2]))
    assert "damaged or incomplete" in _one_line(exc.value)


def test_an_encrypted_or_old_format_workbook_is_named_as_such() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
    with pytest.raises(ReadError) as exc:
        xlsx.read(io.BytesIO(ole))
    assert "encrypted" in _one_line(exc.value) and ".xls" in str(exc.value)


def test_a_zip_bomb_is_refused_by_its_declared_size() -> None:
    bomb = _replace(_workbook(), SERVICES_PART, b"<" + b" " * (30 * 1024 * 1024) + b"/>")
    with pytest.raises(UnsafeInputError) as exc:
        xlsx.read(io.BytesIO(bomb), limits=Limits(max_unpacked_bytes=20 * 1024 * 1024))
    assert "zip bomb" in _one_line(exc.value)


def test_a_zip_bomb_is_refused_by_its_compression_ratio() -> None:
    bomb = _replace(_workbook(), SERVICES_PART, b"<" + b" " * (30 * 1024 * 1024) + b"/>")
    with pytest.raises(UnsafeInputError, match="unpacks"):
        xlsx.read(io.BytesIO(bomb))


def test_a_shared_strings_table_over_its_limit_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_workbook())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("xl/sharedStrings.xml", b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                             + b"<si><t>Short Breaks</t></si>" * 20 + b"</sst>")
    with pytest.raises(UnsafeInputError) as exc:
        xlsx.read(io.BytesIO(out.getvalue()), limits=Limits(max_strings_bytes=100))
    assert "shared strings" in _one_line(exc.value)


def test_a_part_that_unpacks_to_more_than_it_declares_is_refused() -> None:
    data = bytearray(_workbook())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo(SERVICES_PART)
    # Lower the declared size in the central directory (offset 24 of the entry) to 10 bytes.
    start = 0
    while True:
        start = bytes(data).find(b"PK\x01\x02", start)
        assert start >= 0
        name_len = int.from_bytes(data[start + 28:start + 30], "little")
        if data[start + 46:start + 46 + name_len].decode() == info.filename:
            break
        start += 4
    data[start + 24:start + 28] = (10).to_bytes(4, "little")
    with pytest.raises(ReadError) as exc:
        xlsx.read(io.BytesIO(bytes(data)))
    _one_line(exc.value)


@pytest.mark.parametrize("declaration", [
    b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>',
    b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
])
def test_xml_with_a_doctype_or_entities_is_refused(declaration: bytes) -> None:
    data = _workbook()
    sheet = _sheet_xml(data).encode("utf-8")
    head, sep, body = sheet.partition(b"?>") if sheet.startswith(b"<?xml") else (b"", b"", sheet)
    hostile = _replace(data, SERVICES_PART, head + sep + declaration + body)
    with pytest.raises(UnsafeInputError) as exc:
        xlsx.read(io.BytesIO(hostile))
    assert "document type or entities" in _one_line(exc.value)


def test_utf16_xml_that_could_hide_a_doctype_is_refused() -> None:
    data = _workbook()
    hostile = _replace(data, SERVICES_PART, _sheet_xml(data).replace("UTF-8", "UTF-16").encode("utf-16"))
    with pytest.raises(UnsafeInputError, match="not UTF-8"):
        xlsx.read(io.BytesIO(hostile))


def test_openpyxl_itself_refuses_entities_because_defusedxml_is_installed() -> None:
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML, "defusedxml must be installed: openpyxl then refuses entities in sheets"


def test_a_million_rows_claimed_and_a_cell_at_xfd1048576_cost_nothing(tmp_path: Path) -> None:
    data = _workbook()
    sheet = _sheet_xml(data)
    sheet = re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>', sheet)
    sheet = sheet.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    assert "XFD1048576" in sheet and 'ref="A1:XFD1048576"' in sheet
    hostile = _replace(data, SERVICES_PART, sheet.encode("utf-8"))
    path = tmp_path / "claims-a-million-rows.xlsx"
    path.write_bytes(hostile)
    assert _peak_mb_reading(path) < 500
    result = xlsx.read(path)
    assert result.offer is not None and [s.name for s in result.offer.services] == ["Short Breaks"]
    stray = [f for f in result.findings if f.code == "column.no_header"]
    assert [f.location.cell for f in stray if f.location] == ["Services!XFD1048576"]


def test_a_40000_character_cell_is_a_finding_at_its_cell() -> None:
    data = _workbook()
    sheet = _sheet_xml(data)
    long_text = "word " * 7999 + "word"
    sheet = sheet.replace("</sheetData>", f'<row r="3"><c r="A3" t="inlineStr"><is><t>Long one</t></is></c>'
                                          f'<c r="B3" t="inlineStr"><is><t>{long_text}</t></is></c></row></sheetData>')
    result = xlsx.read(io.BytesIO(_replace(data, SERVICES_PART, sheet.encode("utf-8"))))
    long = [f for f in result.findings if f.code == "cell.too_long"]
    assert [(f.location.cell, f.location.row_key) for f in long if f.location] == [("Services!B3", "Long one")]
    assert result.offer is not None and len(result.offer.services[1].description) == 39_999


def test_text_too_long_for_a_cell_is_refused_by_the_writer_rather_than_cut(tmp_path: Path) -> None:
    from sendlocaloffer.errors import FormatError
    from sendlocaloffer.model import LocalOffer, Service

    offer = LocalOffer(id=uuid.uuid4(), local_authority={"name": "City of London Corporation"}, title="Offer",
                       services=[Service(id=uuid.uuid4(), name="Long", description="x" * 40_000)])
    with pytest.raises(FormatError, match="32,767"):
        xlsx.write(offer, tmp_path / "long.xlsx")
    assert not (tmp_path / "long.xlsx").exists()


def test_a_hidden_sheet_is_read_and_reported() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(_workbook()))
    wb["Services"].sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    result = xlsx.read(out)
    assert [(f.code, f.location.sheet) for f in result.findings if f.location] == [("sheet.hidden", "Services")]
    assert result.offer is not None and len(result.offer.services) == 1


def test_merged_cells_are_reported_at_their_first_cell() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(_workbook(extra_rows=2)))
    wb["Services"].merge_cells("B2:B4")
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    merged = [f for f in xlsx.read(out).findings if f.code == "cell.merged"]
    assert [f.location.cell for f in merged if f.location] == ["Services!B2"]
    assert "B2:B4" in merged[0].message


def test_an_unknown_sheet_is_reported_not_silently_skipped() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(_workbook()))
    wb.create_sheet("Notes").append(["remember to check this"])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    assert [(f.code, f.location.sheet) for f in xlsx.read(out).findings if f.location] == [("sheet.unknown", "Notes")]


def test_the_command_line_gives_one_line_and_exit_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "offer.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert cli.main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "encrypted" in err and str(path) in err


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_never_raise_anything_but_read_error(data: bytes) -> None:
    try:
        xlsx.read(io.BytesIO(data))
    except ReadError as exc:
        _one_line(exc)


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_a_workbook_damaged_anywhere_never_raises_anything_but_read_error(data: st.DataObject) -> None:
    original = _workbook()
    at = data.draw(st.integers(0, len(original) - 1))
    flipped = bytearray(original)
    flipped[at] ^= data.draw(st.integers(1, 255))
    try:
        xlsx.read(io.BytesIO(bytes(flipped)))
    except ReadError as exc:
        _one_line(exc)
