"""The template councils download: guidance, styled frozen headers, help, drop-downs, typed columns."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from sendlocaloffer import cli
from sendlocaloffer.formats import xlsx
from sendlocaloffer.formats._sheet_layout import BOOL, DATE, VOCAB, layout

from .conftest import REPO
from .sheet_helpers import TRICKY_NAMES, load_example, tricky_offer


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("template") / "template.xlsx"
    assert cli.main(["template", str(path)]) == 0
    return openpyxl.load_workbook(path)


def test_sheets_are_guidance_then_the_layout_then_the_lists(template: openpyxl.Workbook) -> None:
    assert template.sheetnames == ["Guidance"] + [s.name for s in layout().sheets] + ["Lists"]
    guidance = [row[0] for row in template["Guidance"].iter_rows(values_only=True)]
    assert "Services" in guidance and "Opening hours" in guidance


def test_headers_are_styled_frozen_and_explained(template: openpyxl.Workbook) -> None:
    for sheet in layout().sheets:
        ws = template[sheet.name]
        assert ws.freeze_panes == (f"{chr(ord('A') + len(sheet.links))}2")
        header = [c for c in ws[1]]
        assert [c.value.removesuffix(" *") for c in header] == sheet.headers
        for cell, column in zip(header[len(sheet.links):], sheet.columns, strict=True):
            assert cell.font.b
            assert cell.comment is not None and column.description in cell.comment.text
            assert cell.value.endswith(" *") == column.required
            assert ws.column_dimensions[cell.column_letter].width >= 12


def test_every_vocabulary_and_yes_no_column_has_a_drop_down_from_the_lists_sheet(template: openpyxl.Workbook) -> None:
    for sheet in layout().sheets:
        ws = template[sheet.name]
        validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
        for i, column in enumerate(sheet.columns, len(sheet.links) + 1):
            letter = openpyxl.utils.get_column_letter(i)
            dv = validations.get(f"{letter}2:{letter}1048576")
            if column.kind in (VOCAB, BOOL):
                assert dv is not None and dv.type == "list" and dv.formula1.startswith("Lists!"), (sheet.name, column.header)
                lists_column = dv.formula1.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")
                values = [c.value for c in template["Lists"][lists_column][1:] if c.value is not None]
                assert len(values) == int(dv.formula1.rsplit("$", 1)[1]) - 1
            elif column.kind == DATE:
                assert dv is not None and dv.type == "date"
                assert ws.column_dimensions[letter].number_format == "yyyy-mm-dd"


def test_the_example_row_shows_each_fields_example(tmp_path: Path) -> None:
    path = tmp_path / "example.xlsx"
    assert cli.main(["template", str(path), "--example"]) == 0
    services = openpyxl.load_workbook(path)["Services"]
    header = [c.value.removesuffix(" *") for c in services[1]]
    example = dict(zip(header, [c.value for c in services[2]], strict=True))
    assert example["Service name"] == "Speech and Language Therapy"
    assert example["SEND needs"] == "ASD; SLCN"


def test_the_example_rows_read_back_as_a_small_valid_offer(tmp_path: Path) -> None:
    path = tmp_path / "example.xlsx"
    xlsx.write_template(path, example=True)
    result = xlsx.read(path)
    assert result.findings == []
    assert result.offer is not None
    service = result.offer.services[0]
    assert service.name == "Speech and Language Therapy"
    assert service.organisation_id == result.offer.organisations[0].id
    assert [p.number for p in service.contacts[0].phones] == ["020 7332 1002"]


def test_the_committed_template_is_what_the_command_makes_now(tmp_path: Path) -> None:
    fresh = tmp_path / "template.xlsx"
    xlsx.write_template(fresh)
    assert fresh.read_bytes() == (REPO / "examples" / "template.xlsx").read_bytes(), (
        "examples/template.xlsx is stale: regenerate it with  sendlocaloffer template examples/template.xlsx")


def test_a_name_not_ending_xlsx_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["template", str(tmp_path / "template.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def _soffice() -> str:
    found = shutil.which("libreoffice") or shutil.which("soffice")
    if found is None:
        pytest.skip("LibreOffice is not installed (.ci/setup-libreoffice.sh installs it)")
    return found


def test_libreoffice_opens_and_resaves_the_template_and_a_written_offer(tmp_path: Path) -> None:
    soffice = _soffice()
    offer = load_example()
    xlsx.write(offer, tmp_path / "offer.xlsx")
    xlsx.write_template(tmp_path / "template.xlsx", example=True)
    xlsx.write(tricky_offer(), tmp_path / "tricky.xlsx")
    out = tmp_path / "resaved"
    done = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
         str(tmp_path / "offer.xlsx"), str(tmp_path / "template.xlsx"), str(tmp_path / "tricky.xlsx")],
        capture_output=True, text=True, timeout=180,
    )
    assert done.returncode == 0, done.stderr
    resaved = xlsx.read(out / "offer.xlsx")
    assert resaved.findings == []
    assert resaved.offer == offer
    template = openpyxl.load_workbook(out / "template.xlsx")
    assert template.sheetnames == ["Guidance"] + [s.name for s in layout().sheets] + ["Lists"]
    assert any(dv.type == "list" for dv in template["Services"].data_validations.dataValidation)
    tricky = xlsx.read(out / "tricky.xlsx")  # formula-like text stays text through LibreOffice
    assert tricky.findings == []
    assert tricky.offer is not None
    # LibreOffice writes a literal "_x0041_" unescaped (Excel writes "_x005F_x0041_"), so that
    # one reads back decoded; every formula-like name comes back exactly.
    assert [s.name for s in tricky.offer.services] == [
        "A literal" if name == "_x0041_ literal" else name for name in TRICKY_NAMES]
