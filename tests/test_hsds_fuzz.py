"""Readers fed arbitrary input: findings or a clear read error, never anything else."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendlocaloffer.errors import ReadError
from sendlocaloffer.formats import hsds, hsds_tabular

_KEYS = ["id", "name", "status", "description", "contents", "organization", "organization_id", "service_at_locations",
         "location", "location_id", "addresses", "schedules", "byday", "opens_at", "closes_at", "freq", "attributes",
         "taxonomy_term", "taxonomy_term_id", "term_uri", "parent_id", "phones", "number", "contacts", "cost_options",
         "amount", "minimum_age", "maximum_age", "eligibilitys", "regular_schedules", "weekday", "holiday_schedules",
         "closed", "start_date", "service_taxonomys", "taxonomy", "languages", "service_areas", "organizations",
         "locations", "taxonomy_terms", "sendlocaloffer", "offer", "extensions", "total_pages", "content", "postal_code",
         "latitude", "email", "url", "assured_date", "attending_type"]
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 200), st.floats(allow_nan=False, allow_infinity=False),
                     st.sampled_from(["", "MO,TU", "10:00", "WEEKLY", "MONTHLY", "active", "EC2V 7HH", "-1",
                                      "ac148810-d857-441c-9679-408f346de14b", "https://sendlocaloffer.org/vocab/needs/ASD",
                                      "<p><br></p>", "2025-01-01", "x@y.uk"]), st.text(max_size=8))
_JSON = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.sampled_from(_KEYS), inner, max_size=6)),
                     max_leaves=40)


@settings(max_examples=200, deadline=None)
@given(data=_JSON)
def test_any_json_gives_findings_not_exceptions(data: Any) -> None:
    result = hsds.from_data(data, "fuzz.json", text=json.dumps(data))
    assert all(f.code for f in result.findings)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_any_bytes_give_a_read_error_or_a_result(raw: bytes, tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(raw)
    with contextlib.suppress(ReadError):
        hsds.read(path)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.text(max_size=12), min_size=1, max_size=12))
def test_any_csv_gives_findings_or_a_read_error(cells: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir(exist_ok=True)
    header = "id,name,status,organization_id,minimum_age\r\n"
    (folder / "services.csv").write_text(header + ",".join(f'"{c}"' if "," in c else c for c in cells) + "\r\n",
                                         encoding="utf-8", newline="")
    (folder / "locations.csv").write_text("id,location_type,name\r\n" + ",".join(cells[:3]) + "\r\n", encoding="utf-8",
                                          newline="")
    with contextlib.suppress(ReadError):
        hsds_tabular.read(folder)


def test_csv_with_an_oversized_cell_is_a_read_error(tmp_path: Path) -> None:
    (tmp_path / "services.csv").write_text('id,name\r\nab,"' + "x" * 200_000 + '"\r\n', encoding="utf-8")
    try:
        hsds_tabular.read(tmp_path)
    except ReadError as exc:
        assert "services.csv line" in str(exc)
    else:
        raise AssertionError("a cell over the csv module's field limit should be a read error")


def test_resource_outside_the_package_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "secret.csv").write_text("id,name,status\r\n1,x,active\r\n", encoding="utf-8")
    (tmp_path / "pkg" / "services.csv").write_text("id,name,status\r\nac148810-d857-441c-9679-408f346de14b,A,active\r\n",
                                                   encoding="utf-8")
    (tmp_path / "pkg" / "datapackage.json").write_text(json.dumps(
        {"resources": [{"name": "organization", "path": "../secret.csv"}]}), encoding="utf-8")
    result = hsds_tabular.read(tmp_path / "pkg")
    assert any(f.code == "hsds.unsafe_path" for f in result.findings)
    assert result.offer is not None and [s.name for s in result.offer.services] == ["A"]


@pytest.mark.parametrize("text", ["NaN", "inf", "-Infinity"])
def test_a_number_cell_holding_not_a_number_is_a_finding_at_its_field(text: str, tmp_path: Path) -> None:
    (tmp_path / "services.csv").write_text(f"id,name,status,minimum_age\r\ns1,Play club,active,{text}\r\n",
                                           encoding="utf-8", newline="")
    (tmp_path / "locations.csv").write_text(f"id,name,latitude\r\nl1,Hall,{text}\r\n", encoding="utf-8", newline="")
    result = hsds_tabular.read(tmp_path)
    assert result.offer is not None and result.offer.services[0].name == "Play club"
    assert result.offer.services[0].eligibility is None or result.offer.services[0].eligibility.min_age is None
    assert all(loc.latitude is None for loc in result.offer.locations)
    types = [f.path for f in result.findings if f.code == "hsds.type"]
    assert any(p.endswith("/minimum_age") for p in types), types
    assert any(p.endswith("/latitude") for p in types), types
