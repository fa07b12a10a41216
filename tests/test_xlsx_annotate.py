"""The annotated workbook: the council's own workbook, problem cells marked, a Findings sheet."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from sendlocaloffer import api, cli
from sendlocaloffer.errors import ReadError
from sendlocaloffer.formats import xlsx

from .test_xlsx_council import _council_workbook


@pytest.fixture
def annotated(tmp_path: Path) -> tuple[Path, Path, bytes]:
    source = _council_workbook(tmp_path / "council.xlsx")
    before = source.read_bytes()
    out = tmp_path / "annotated.xlsx"
    xlsx.annotate(source, api.validate_file(source), out)
    return source, out, before


def test_the_input_is_never_modified(annotated: tuple[Path, Path, bytes]) -> None:
    source, _, before = annotated
    assert source.read_bytes() == before


def test_problem_cells_are_filled_by_severity_and_commented(annotated: tuple[Path, Path, bytes]) -> None:
    _, out, _ = annotated
    wb = openpyxl.load_workbook(out)
    formula = wb["Services"]["E2"]
    assert formula.value == "=5+13"  # the council's own content is kept as it was
    assert formula.fill.fgColor.rgb.endswith("FFC7CE")  # error
    assert "[cell.formula]" in formula.comment.text
    phone = wb["Service phones"]["B2"]
    assert phone.fill.fgColor.rgb.endswith("FFEB9C")  # warning
    assert "[cell.phone_leading_zero]" in phone.comment.text
    marked = {f.location.cell for f in api.validate_file(annotated[0]) if f.location}
    assert "Services!C2" not in marked
    untouched = wb["Services"]["C2"]
    assert untouched.comment is None and untouched.fill.fill_type is None


def test_the_findings_sheet_lists_every_finding_with_a_link_to_its_cell(annotated: tuple[Path, Path, bytes]) -> None:
    source, out, _ = annotated
    report = api.validate_file(source)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Findings"
    rows = list(wb["Findings"].iter_rows(min_row=2))
    assert len(rows) == len(report)
    by_cell = {r[2].value: r for r in rows}
    formula = by_cell["Services!E2"]
    assert formula[1].value == "cell.formula"
    assert formula[2].hyperlink.location == "Services!E2"


def test_the_validate_command_writes_the_annotated_copy(tmp_path: Path) -> None:
    source = _council_workbook(tmp_path / "council.xlsx")
    out = tmp_path / "marked.xlsx"
    code = cli.main(["validate", str(source), "--annotate", str(out)])
    assert code == 1
    assert "Findings" in openpyxl.load_workbook(out, read_only=True).sheetnames


def test_annotating_over_the_input_is_refused(tmp_path: Path) -> None:
    source = _council_workbook(tmp_path / "council.xlsx")
    with pytest.raises(ReadError, match="different file"):
        xlsx.annotate(source, api.validate_file(source), source)
