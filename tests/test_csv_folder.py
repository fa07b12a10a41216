"""The CSV folder: one file a sheet, UTF-8 with BOM, RFC 4180; round trips and encodings."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendlocaloffer import api
from sendlocaloffer.errors import FormatError, ReadError
from sendlocaloffer.formats import csv_folder
from sendlocaloffer.formats._sheet_layout import layout
from sendlocaloffer.model import LocalOffer, Service

from .sheet_helpers import carried, load_example
from .strategies import offers


def _offer(*names: str, description: str = "") -> LocalOffer:
    return LocalOffer(id=uuid.UUID(int=1), local_authority={"name": "City of London Corporation"}, title="Offer",
                      services=[Service(id=uuid.UUID(int=10 + i), name=n, description=description)
                                for i, n in enumerate(names)])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offers())
def test_any_offer_round_trips_through_a_csv_folder(tmp_path_factory: pytest.TempPathFactory, offer: LocalOffer) -> None:
    folder = tmp_path_factory.mktemp("csv")
    csv_folder.write(offer, folder)
    result = csv_folder.read(folder)
    assert [f.message for f in result.findings] == []
    assert result.offer == carried(offer)


def test_the_example_round_trips_through_a_csv_folder(tmp_path: Path) -> None:
    offer = load_example()
    api.dump(offer, tmp_path / "offer", "csv")
    result = api.read(tmp_path / "offer")
    assert result.format == "csv"
    assert result.findings == []
    assert result.offer == offer


def test_one_file_a_sheet_in_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    csv_folder.write(_offer("Café, \"quoted\"\nline"), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{s.name}.csv" for s in layout().sheets)
    data = (tmp_path / "Services.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 2  # header and one record; the newline inside the quoted name is bare
    assert '"Café, ""quoted""\nline"' in data.decode("utf-8-sig")


def test_the_same_offer_gives_the_same_bytes(tmp_path: Path) -> None:
    csv_folder.write(load_example(), tmp_path / "a")
    csv_folder.write(load_example(), tmp_path / "b")
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_formula_like_text_is_written_with_an_apostrophe_and_read_back_exactly(tmp_path: Path) -> None:
    names = ["=SUM(A1:A2)", "+44 team", "-minus", "@handle", "\tTabbed", "'quoted", "''twice", "plain"]
    offer = _offer(*names)
    csv_folder.write(offer, tmp_path)
    text = (tmp_path / "Services.csv").read_text("utf-8-sig")
    for written in ["'=SUM(A1:A2)", "'+44 team", "'-minus", "'@handle", "'\tTabbed", "''quoted", "'''twice"]:
        assert f",{written}," in text or f',"{written}",' in text
    assert ",plain," in text
    result = csv_folder.read(tmp_path)
    assert result.offer is not None
    assert [s.name for s in result.offer.services] == names


def _services_csv(tmp_path: Path, data: bytes) -> Path:
    (tmp_path / "Offer.csv").write_bytes(b"Local authority,Title\r\nCity of London Corporation,Offer\r\n")
    (tmp_path / "Services.csv").write_bytes(data)
    return tmp_path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le"])
def test_utf8_and_utf16_are_read_without_a_warning(tmp_path: Path, encoding: str) -> None:
    text = "Service name,Description\r\nCafé Ünïcode,Über £5\r\n"
    result = csv_folder.read(_services_csv(tmp_path, text.encode(encoding)))
    assert result.findings == []
    assert result.offer is not None and result.offer.services[0].name == "Café Ünïcode"
    assert result.offer.services[0].description == "Über £5"


def test_windows_1252_is_read_with_a_warning(tmp_path: Path) -> None:
    text = "Service name,Description\r\nCafé club,Costs £5 – “free” for some\r\n"
    result = csv_folder.read(_services_csv(tmp_path, text.encode("cp1252")))
    assert [(f.code, f.location.sheet) for f in result.findings if f.location] == [("file.encoding", "Services.csv")]
    assert result.offer is not None and result.offer.services[0].description == "Costs £5 – “free” for some"


def test_findings_name_the_file_the_cell_and_the_header(tmp_path: Path) -> None:
    text = "Service name,Minimum age,Colour\r\nShort Breaks,twelve,blue\r\n"
    result = csv_folder.read(_services_csv(tmp_path, text.encode()))
    places = {f.code: (f.location.sheet, f.location.cell, f.location.header) for f in result.findings if f.location}
    assert places["column.unknown"] == ("Services.csv", "Services.csv!C1", "Colour")
    assert places["field.type"] == ("Services.csv", "Services.csv!B2", "Minimum age")


def test_a_path_that_is_not_a_folder_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="not a folder"):
        csv_folder.read(tmp_path / "missing")
    with pytest.raises(ReadError, match=r"no \.csv files"):
        csv_folder.read(tmp_path)


def test_streams_are_refused_with_a_clear_message() -> None:
    import io

    with pytest.raises(FormatError, match="folder"):
        csv_folder.write(_offer("x"), io.BytesIO())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600))
def test_arbitrary_bytes_in_a_csv_file_never_raise_anything_but_read_error(
        tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = _services_csv(tmp_path_factory.mktemp("fuzz"), b"Service name,Description\r\n" + data)
    try:
        result = csv_folder.read(folder)
    except ReadError as exc:
        assert "\n" not in str(exc)
    else:
        assert all(f.location is not None for f in result.findings)
