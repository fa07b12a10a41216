"""A workbook filled in as a council would: every finding lands on the right cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from sendlocaloffer import api
from sendlocaloffer.checks.findings import Finding
from sendlocaloffer.formats import xlsx
from sendlocaloffer.model import mint_id, offer_namespace


def _council_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    offer = wb.active
    offer.title = "Offer"
    offer.append(["Local Authority *", "Area code", "title*", "Last reviewed"])
    offer.append(["City of London Corporation", "E09000001", "City of London SEND Local Offer", "03/04/2025"])
    orgs = wb.create_sheet("Organisations")
    orgs.append(["Organisation name *", "Website"])
    orgs.append(["City of London Corporation", "https://www.cityoflondon.gov.uk/"])
    locs = wb.create_sheet("Locations")
    locs.append(["Location name *", "Address line 1", "Postcode", "Town or city"])
    locs.append(["Guildhall", "Gresham Street", "EC2V 99", "London"])
    services = wb.create_sheet("Services")
    services.append(["  service   NAME * ", "Description", "Organisation", "Minimum age", "Maximum age",
                     "SEND needs", "Last checked", "Email", "Locations", "Funding source"])
    services.append(["Speech and Language Therapy", "Therapy for children with speech needs.",
                     "City of London Corporation", "5", "=5+13", "SLCN; Unknown need thing", "15/01/2025",
                     "  send@cityoflondon.gov.uk  ", "Guildhall", "Council"])
    services.append(["Short Breaks", "Breaks for families.", None, 3, 18, "ASD", dt.datetime(2025, 2, 1),
                     "breaks@cityoflondon.gov.uk", None, None])
    services.append([None, "A service nobody named.", None, None, None, None, None, None, None, None])
    phones = wb.create_sheet("Service phones")
    phones.append(["Service *", "Number *"])
    phones.append(["Speech and Language Therapy", 2073321002])
    wb.save(path)
    return path


@pytest.fixture
def council(tmp_path: Path) -> Path:
    return _council_workbook(tmp_path / "council.xlsx")


def _at(findings: list[Finding], code: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(f.location.cell, f.location.header, f.location.row_key) for f in findings
            if f.code == code and f.location is not None]


def test_each_problem_is_reported_at_its_cell(council: Path) -> None:
    findings = xlsx.read(council).findings
    assert _at(findings, "column.unknown") == [("Services!J1", "Funding source", None)]
    assert _at(findings, "cell.formula") == [("Services!E2", "Maximum age", "Speech and Language Therapy")]
    assert _at(findings, "field.postcode") == [("Locations!C2", "Postcode", "Guildhall")]
    assert _at(findings, "field.vocabulary") == [("Services!F2", "SEND needs", "Speech and Language Therapy")]
    assert _at(findings, "field.missing") == [("Services!A4", "Service name", None)]
    assert _at(findings, "cell.phone_leading_zero") == [
        ("'Service phones'!B2", "Number", "Speech and Language Therapy")]
    assert {f.code for f in findings} == {"column.unknown", "cell.formula", "field.postcode", "field.vocabulary",
                                          "field.missing", "cell.phone_leading_zero"}


def test_every_finding_names_file_sheet_and_cell(council: Path) -> None:
    for finding in xlsx.read(council).findings:
        assert finding.location is not None
        assert finding.location.file == str(council)
        assert finding.location.sheet in ("Offer", "Organisations", "Locations", "Services", "Service phones")
        assert finding.location.cell is not None and "!" in finding.location.cell


def test_what_councils_type_is_read_as_they_meant(council: Path) -> None:
    offer = xlsx.read(council).offer
    assert offer is not None
    assert offer.last_reviewed == dt.date(2025, 4, 3)  # UK day-first text date
    speech = next(s for s in offer.services if s.name == "Speech and Language Therapy")
    assert speech.eligibility.min_age == 5  # a number stored as text
    assert speech.eligibility.max_age is None  # the formula is never worked out
    assert speech.last_checked == dt.date(2025, 1, 15)
    assert speech.email == "send@cityoflondon.gov.uk"  # stray spaces trimmed
    assert [p.number for p in speech.phones] == ["020 7332 1002"]  # leading zero restored
    breaks = next(s for s in offer.services if s.name == "Short Breaks")
    assert breaks.last_checked == dt.date(2025, 2, 1)  # an Excel date
    assert breaks.eligibility.needs == ["ASD"]


def test_blank_ids_are_minted_and_names_resolve_to_them(council: Path) -> None:
    offer = xlsx.read(council).offer
    assert offer is not None
    namespace = offer_namespace("E09000001")
    assert offer.id == namespace
    org = offer.organisations[0]
    assert org.id == mint_id(namespace, "organisation", "City of London Corporation")
    speech = next(s for s in offer.services if s.name == "Speech and Language Therapy")
    assert speech.organisation_id == org.id  # referred to by its name
    assert speech.id == mint_id(namespace, "service", "Speech and Language Therapy", "City of London Corporation")
    assert speech.location_ids == [mint_id(namespace, "location", "Guildhall")]


def test_rule_findings_from_validate_file_carry_the_cell(council: Path) -> None:
    report = api.validate_file(council)
    services = [f for f in report if f.code.startswith("service.") and f.path.startswith("/services/")]
    assert services, "expected some service rule findings"
    for f in services:
        assert f.location is not None and f.location.cell is not None, f
        assert f.location.sheet == "Services"
        assert f.location.cell.startswith("Services!")


def test_rule_findings_after_a_dropped_row_still_point_at_their_own_row(tmp_path: Path) -> None:
    path = _council_workbook(tmp_path / "council.xlsx")
    wb = openpyxl.load_workbook(path)
    services = wb["Services"]
    services.insert_rows(2)  # the nameless service moves up to row 2; the model drops it
    for column, value in enumerate([None, "A service nobody named."], 1):
        services.cell(row=2, column=column, value=value)
    services.delete_rows(5)
    services["B4"] = None  # Short Breaks, now on row 4, loses its description
    wb.save(path)
    report = api.validate_file(path, select=["service.description_missing"])
    assert [(f.location.cell, f.location.row_key) for f in report if f.location] == [("Services!B4", "Short Breaks")]


def test_an_ambiguous_or_unknown_name_is_reported_at_the_reference(tmp_path: Path) -> None:
    path = _council_workbook(tmp_path / "council.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Services"]["C3"] = "No Such Trust"
    wb.save(path)
    findings = xlsx.read(path).findings
    assert _at(findings, "cell.reference") == [("Services!C3", "Organisation", "Short Breaks")]
    assert "No Such Trust" in next(f.message for f in findings if f.code == "cell.reference")


def test_a_child_row_whose_parent_is_missing_is_reported(tmp_path: Path) -> None:
    path = _council_workbook(tmp_path / "council.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Service phones"].append(["Speech & Language", "020 7332 1002"])
    wb.save(path)
    findings = xlsx.read(path).findings
    assert _at(findings, "row.no_parent") == [("'Service phones'!A3", "Service", None)]


def test_blank_rows_are_skipped_and_later_rows_keep_their_own_cells(tmp_path: Path) -> None:
    path = _council_workbook(tmp_path / "council.xlsx")
    wb = openpyxl.load_workbook(path)
    organisations = wb["Organisations"]
    organisations.append(["   ", None])  # row 3: only spaces
    organisations.append([])  # row 4: nothing
    organisations.append(["Barts Health NHS Trust", "not a web address"])  # row 5
    wb.save(path)
    result = xlsx.read(path)
    assert result.offer is not None
    assert [o.name for o in result.offer.organisations] == ["City of London Corporation", "Barts Health NHS Trust"]
    assert _at(result.findings, "field.url") == [("Organisations!B5", "Website", "Barts Health NHS Trust")]


def test_a_title_row_above_the_headers_is_passed_over_and_said_so(tmp_path: Path) -> None:
    path = _council_workbook(tmp_path / "council.xlsx")
    wb = openpyxl.load_workbook(path)
    organisations = wb["Organisations"]
    organisations.insert_rows(1, 2)
    organisations["A1"] = "Organisations in the City of London Local Offer, 2025"
    wb.save(path)
    result = xlsx.read(path)
    assert result.offer is not None
    assert [o.name for o in result.offer.organisations] == ["City of London Corporation"]
    assert _at(result.findings, "sheet.rows_above_headers") == [("Organisations!A1", None, None)]
    assert not [f for f in result.findings if f.code == "column.unknown" and f.location.sheet == "Organisations"]


def test_reader_findings_carry_the_json_pointer_of_their_field(council: Path) -> None:
    paths = {f.code: f.path for f in xlsx.read(council).findings}
    assert paths["cell.formula"] == "/services/0/eligibility/max_age"
    assert paths["cell.phone_leading_zero"] == "/services/0/phones/0/number"
    assert paths["field.postcode"] == "/locations/0/address/postcode"
