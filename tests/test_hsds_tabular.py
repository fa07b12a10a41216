"""The HSDS Tabular Data Package: valid against the official datapackage.json (types,
required and unique fields, primary and foreign keys), and a round trip gives the same model."""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from sendlocaloffer import api
from sendlocaloffer.formats import hsds_tabular
from sendlocaloffer.model import LocalOffer

from .conftest import EXAMPLE, REFERENCE
from .strategies import offers


def _parse(kind: str, value: str) -> None:
    if kind == "number":
        float(value)
    elif kind == "integer":
        int(value)
    elif kind == "date":
        dt.date.fromisoformat(value)
    elif kind == "datetime":
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    elif kind == "time":
        dt.time.fromisoformat(value)
    elif kind == "boolean" and value not in ("true", "false"):
        raise ValueError(value)


def package_errors(folder: Path, official: dict[str, Any]) -> list[str]:
    """Every way the CSV files in ``folder`` break the official package description: a missing
    file, a header that differs, a value of the wrong type or format, a required value left
    empty, a repeated unique value or primary key, a foreign key that resolves to nothing."""
    errors: list[str] = []
    data: dict[str, list[dict[str, str]]] = {}
    for res in official["resources"]:
        path = folder / res["path"]
        if not path.exists():
            errors.append(f"{res['path']}: missing")
            continue
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = next(reader, [])
            rows = [dict(zip(header, row, strict=False)) for row in reader]
        names = [f["name"] for f in res["schema"]["fields"]]
        if header != names:
            errors.append(f"{res['path']}: header {header} is not {names}")
        data[res["name"]] = rows
        for field in res["schema"]["fields"]:
            name, cons = field["name"], field.get("constraints", {})
            seen: set[str] = set()
            for i, row in enumerate(rows, start=2):
                value = row.get(name, "")
                if value == "":
                    if cons.get("required"):
                        errors.append(f"{res['path']} line {i}: {name} is required")
                    continue
                try:
                    _parse(field.get("type", "string"), value)
                    if field.get("format") == "uuid":
                        uuid.UUID(value)
                except ValueError:
                    errors.append(f"{res['path']} line {i}: {name} {value!r} is not a {field.get('format') or field['type']}")
                if cons.get("unique"):
                    if value in seen:
                        errors.append(f"{res['path']} line {i}: {name} {value!r} repeats a unique value")
                    seen.add(value)
        key = res["schema"].get("primaryKey")
        if key and key in names:
            ids = [row.get(key, "") for row in rows]
            if len(ids) != len(set(ids)):
                errors.append(f"{res['path']}: primary key {key} repeats")
    for res in official["resources"]:
        for fk in res["schema"].get("foreignKeys", []):
            target = fk["reference"]
            known = {row.get(target["fields"], "") for row in data.get(target["resource"], [])}
            for i, row in enumerate(data.get(res["name"], []), start=2):
                value = row.get(fk["fields"], "")
                if value and value not in known:
                    errors.append(f"{res['path']} line {i}: {fk['fields']} {value!r} is not an id of {target['resource']}")
    return errors


@pytest.fixture(scope="module")
def city() -> LocalOffer:
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is not there yet")
    return api.load(EXAMPLE)


@pytest.mark.parametrize("version", ["3.1", "3.0"])
def test_city_package_is_valid_against_the_official_datapackage(city: LocalOffer, reference: Path, tmp_path: Path,
                                                                version: str) -> None:
    hsds_tabular.write(city, tmp_path / "pkg", hsds_version=version)
    official = json.loads((reference / f"hsds-{version}" / "datapackage.json").read_text("utf-8"))
    assert package_errors(tmp_path / "pkg", official) == []
    services = list(csv.DictReader((tmp_path / "pkg" / "services.csv").open(encoding="utf-8")))
    assert len(services) == len(city.services)


def test_checker_finds_broken_keys(city: LocalOffer, reference: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    hsds_tabular.write(city, folder)
    path = folder / "service_at_location.csv"
    text = path.read_text("utf-8").splitlines()
    cells = text[1].split(",")
    cells[2] = str(uuid.uuid4())
    path.write_text("\r\n".join([text[0], ",".join(cells), *text[2:]]) + "\r\n", encoding="utf-8")
    official = json.loads((reference / "hsds-3.1" / "datapackage.json").read_text("utf-8"))
    errors = package_errors(folder, official)
    assert any("location_id" in e and "is not an id of location" in e for e in errors)
    result = hsds_tabular.read(folder)
    assert any(f.code == "hsds.unresolved_reference" and f.location and f.location.file and
               f.location.file.endswith("service_at_location.csv") is False for f in result.findings) or \
        any(f.code == "hsds.unresolved_reference" for f in result.findings)


def test_city_package_round_trips(city: LocalOffer, tmp_path: Path) -> None:
    hsds_tabular.write(city, tmp_path / "pkg")
    result = hsds_tabular.read(tmp_path / "pkg" / "datapackage.json")
    assert result.findings == []
    assert result.offer == city


def test_writing_twice_gives_the_same_bytes(city: LocalOffer, tmp_path: Path) -> None:
    hsds_tabular.write(city, tmp_path / "a")
    hsds_tabular.write(city, tmp_path / "b")
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_detected_as_a_folder_with_datapackage(city: LocalOffer, tmp_path: Path) -> None:
    api.dump(city, tmp_path / "pkg", "hsds-tabular")
    result = api.read(tmp_path / "pkg")
    assert result.format == "hsds-tabular" and result.offer == city


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(offer=offers())
def test_generated_offers_round_trip_through_a_valid_package(offer: LocalOffer, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("pkg")
    hsds_tabular.write(offer, folder)
    result = hsds_tabular.read(folder)
    assert result.findings == []
    assert result.offer == offer
    if REFERENCE.is_dir():
        official = json.loads((REFERENCE / "hsds-3.1" / "datapackage.json").read_text("utf-8"))
        assert package_errors(folder, official) == []


def test_reads_the_official_csv_example(reference: Path) -> None:
    result = hsds_tabular.read(reference / "hsds-3.1" / "examples" / "csv")
    assert result.offer is not None
    assert [s.name for s in result.offer.services] == ["Community Counselling"]
    service = result.offer.services[0]
    assert service.eligibility.min_age == 12 and service.website == "http://example.com/counselling"
    # Values with no place in the model are kept as extensions or named in findings.
    assert service.extensions.get("alert")
    assert all(f.location is not None and f.location.file for f in result.findings)
