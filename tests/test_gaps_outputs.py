"""The gaps report as text, CSV, JSON and HTML, and the `gaps` command."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sendlocaloffer import api
from sendlocaloffer.analysis.gaps import AGE_BANDS, analyse_gaps, need_rows
from sendlocaloffer.cli import main
from sendlocaloffer.model import LocalOffer
from sendlocaloffer.publish.gaps import CSV_COLUMNS, render_gaps

from .conftest import EXAMPLE


@pytest.fixture
def example() -> LocalOffer:
    if not EXAMPLE.is_file():
        pytest.skip(f"the City of London example {EXAMPLE} is not there yet")
    return api.load(EXAMPLE)


@pytest.fixture
def semh_gap_file(example: LocalOffer, tmp_path: Path) -> Path:
    """The example with every service for SEMH at ages 16-18 removed."""
    keep = [s for s in example.services
            if not ({"SEMH", "social-emotional-mental-health"} & set(s.eligibility.needs)
                    and (s.eligibility.min_age or 0) <= 18 and (25 if s.eligibility.max_age is None else s.eligibility.max_age) >= 16)]
    assert len(keep) < len(example.services)
    path = tmp_path / "cut.json"
    api.dump(example.model_copy(update={"services": keep}), path)
    return path


def test_csv_has_one_row_per_cell_of_every_table_with_the_counts(example: LocalOffer) -> None:
    report = analyse_gaps(example)
    rows = list(csv.DictReader(io.StringIO(render_gaps(report, "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(report.tables) * len(need_rows()) * len(AGE_BANDS)
    for row in rows:
        cell = report.table(row["scope"]).cell(row["need"], row["age_band"])
        assert (int(row["services"]), int(row["providers"]), row["status"]) == (cell.count, cell.provider_count, cell.status)


def test_json_gives_every_cell_and_names_the_single_provider_of_a_risk(example: LocalOffer) -> None:
    report = analyse_gaps(example)
    data = json.loads(render_gaps(report, "json"))
    assert data["active_services"] == sum(1 for s in example.services if s.status == "active")
    assert [t["scope"] for t in data["tables"]] == [t.key for t in report.tables]
    overall = data["tables"][0]
    assert overall["gaps"] == len(report.overall.with_status("gap"))
    risks = [c for c in overall["cells"] if c["status"] == "risk"]
    assert all(c["providers"] == 1 and c["provider"] for c in risks)
    orgs = {o.name for o in example.organisations} | {s.name for s in example.services}
    assert {c["provider"] for c in risks} <= orgs


def test_text_table_marks_the_constructed_gap(semh_gap_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gaps", str(semh_gap_file)]) == 0
    out = capsys.readouterr().out
    semh_row = next(line for line in out.splitlines() if line.startswith("  Social, emotional and mental health difficulty"))
    assert semh_row.split()[-2] == "GAP"  # the 16-18 column
    assert "Social, emotional and mental health difficulty, ages 16-18" in out


class _Cells(HTMLParser):
    """Collects each heatmap's cells as (table caption, row header, cell text, class)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, str, str, str]] = []
        self.caption = self.row = self.text = self.cls = ""
        self.where = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("caption", "th", "td"):
            self.where, self.text, self.cls = tag, "", dict(attrs).get("class") or ""

    def handle_data(self, data: str) -> None:
        if self.where:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self.caption = self.text
        elif tag == "th" and self.where == "th":
            self.row = self.text
        elif tag == "td":
            self.cells.append((self.caption, self.row, self.text, self.cls))
        if tag in ("caption", "th", "td"):
            self.where = ""


def test_html_heatmap_shows_the_gap_in_words_and_colour(semh_gap_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "gaps.html"
    assert main(["gaps", str(semh_gap_file), "--format", "html", "--output", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "<link" not in page.lower()
    parser = _Cells()
    parser.feed(page)
    semh = [c for c in parser.cells if c[0].startswith("All provision") and c[1] == "Social, emotional and mental health difficulty"]
    assert [c[2] for c in semh][3] == "0 gap"  # the fourth band, 16-18
    assert semh[3][3] == "h-gap"
    assert "Social, emotional and mental health difficulty, ages 16-18" in page


def test_same_offer_same_bytes(example: LocalOffer) -> None:
    for fmt in ("text", "csv", "json", "html"):
        assert render_gaps(analyse_gaps(example), fmt) == render_gaps(analyse_gaps(example.model_copy(deep=True)), fmt)


def test_fail_on_gaps_sets_exit_code_1(semh_gap_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gaps", str(semh_gap_file), "--fail-on-gaps", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["tables"][0]["gaps"] > 0


def test_unreadable_offer_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["gaps", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.json" in err and "Traceback" not in err
    assert main(["gaps", str(tmp_path / "missing.json")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_offer_with_errors_is_refused_unless_partial(example: LocalOffer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["services"][0]["eligibility"]["min_age"] = -1
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["gaps", str(path)]) == 2
    err = capsys.readouterr().err
    assert "--partial" in err and "/services/0/eligibility/min_age" in err
    assert main(["gaps", str(path), "--partial", "--format", "json"]) == 0


def test_html_overview_counts_the_age_bands_without_service(semh_gap_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "gaps.html"
    assert main(["gaps", str(semh_gap_file), "--format", "html", "--output", str(out)]) == 0
    parser = _Cells()
    parser.feed(out.read_text(encoding="utf-8"))
    overview = [c for c in parser.cells if c[0].startswith("By provision category")]
    report = analyse_gaps(api.load(semh_gap_file))
    tables = [t for t in report.tables if t.kind in ("all", "category")]
    expected = [str(len(t.gap_bands(n.code))) for n in report.needs for t in tables]
    assert [c[2] for c in overview] == expected
    semh_all = overview[[n.code for n in report.needs].index("SEMH") * len(tables)]
    missing = report.overall.gap_bands("SEMH")
    assert "16-18" in missing and semh_all[2] == str(len(missing))
    assert semh_all[3] == ("h-gap" if len(missing) == len(AGE_BANDS) else "h-risk")
