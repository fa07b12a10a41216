"""Offer -> workbook -> offer gives the same offer; the same offer gives the same bytes."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings

from sendlocaloffer import api
from sendlocaloffer.formats import xlsx
from sendlocaloffer.model import LocalOffer

from .conftest import EXAMPLE
from .sheet_helpers import TRICKY_NAMES, carried, load_example, tricky_offer
from .strategies import offers


@settings(max_examples=25, deadline=None)
@given(offers())
def test_any_offer_round_trips_through_a_workbook(offer: LocalOffer) -> None:
    buffer = io.BytesIO()
    xlsx.write(offer, buffer)
    buffer.seek(0)
    result = xlsx.read(buffer)
    assert [f.message for f in result.findings] == []
    assert result.offer == carried(offer)


def test_the_example_round_trips_through_a_workbook(tmp_path: Path) -> None:
    offer = load_example()
    target = tmp_path / "offer.xlsx"
    api.dump(offer, target)
    result = api.read(target)
    assert result.findings == []
    assert result.offer == offer


def test_the_same_offer_gives_the_same_bytes(tmp_path: Path) -> None:
    offer = load_example()
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    xlsx.write(offer, first)
    xlsx.write(offer, second)
    assert first.read_bytes() == second.read_bytes()


def test_the_committed_example_workbook_reads_back_equal_to_the_json() -> None:
    workbook = EXAMPLE.with_name("offer.xlsx")
    result = xlsx.read(workbook)
    assert result.findings == []
    assert result.offer == load_example()


def test_the_committed_example_workbook_is_what_the_writer_makes_now(tmp_path: Path) -> None:
    fresh = tmp_path / "offer.xlsx"
    xlsx.write(load_example(), fresh)
    assert fresh.read_bytes() == EXAMPLE.with_name("offer.xlsx").read_bytes(), (
        "examples/city-of-london/offer.xlsx is stale: regenerate it with "
        "sendlocaloffer convert examples/city-of-london/offer.json examples/city-of-london/offer.xlsx"
    )


def test_formula_like_text_is_a_quote_prefixed_text_cell_and_reads_back_exactly(tmp_path: Path) -> None:
    import zipfile

    import openpyxl

    names = TRICKY_NAMES
    offer = tricky_offer()
    path = tmp_path / "offer.xlsx"
    xlsx.write(offer, path)
    with zipfile.ZipFile(path) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    services = openpyxl.load_workbook(path)["Services"]
    by_name = {row[1].value: row[1] for row in services.iter_rows(min_row=2)}
    for text in ("=SUM(A1:A2)", "+44 team", "-minus", "@handle", "\tTabbed", "#N/A"):
        cell = by_name[text]
        assert cell.data_type == "s" and cell.quotePrefix, text
    assert not by_name["'quoted"].quotePrefix  # the apostrophe is the text's own, kept as it is
    result = xlsx.read(path)
    assert result.findings == []
    assert result.offer is not None and [s.name for s in result.offer.services] == names
