"""Reading Open Referral feeds: the official examples, an Open Referral UK 1.0 feed, feeds
found in the wild and bad input. Every value of a feed arrives in the model or is named in a
finding with its JSON pointer; nothing raises."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sendlocaloffer import api, formats
from sendlocaloffer.checks.findings import Severity, shorten
from sendlocaloffer.formats import hsds
from sendlocaloffer.formats._hsds_read import _ATTENDING_ACCESS, _ATTENDING_TYPE, _LINKS, _WEEKDAY_NAMES, _WEEKDAY_NUMBERS
from sendlocaloffer.formats._hsds_schema import SchemaChecker
from sendlocaloffer.formats.base import ReadResult

from .conftest import EXAMPLE, REFERENCE

ORUK1 = Path(__file__).parent / "data" / "oruk1" / "services.json"
# Page details, ids and links of records that the model nests without an id of its own (the
# writer mints stable ones), and the recurrence and type fields that the model's opening hours,
# addresses and prices imply: structure, not information.
STRUCTURE = set(_LINKS) | {"id", "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty",
                           "totalElements", "totalPages", "number", "first", "last", "freq", "interval", "wkst",
                           "address_type", "external_identifier_type", "currency", "closed"}
# Values the reader translates into the library's codes (documented in docs/open-referral.md).
TRANSLATED = {**_ATTENDING_TYPE, **_ATTENDING_ACCESS, **_WEEKDAY_NAMES, **{str(k): v for k, v in _WEEKDAY_NUMBERS.items()}}


def _norm(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(float(value))
    text = str(value).casefold()
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        return str(float(text))
    if re.fullmatch(r"[0-9]{2}:[0-9]{2}", text):
        text += ":00"
    return " ".join(text.split())


def _examples() -> list[Path]:
    if not REFERENCE.is_dir():
        return []
    return sorted([*REFERENCE.glob("hsds-3.0/examples/*.json"), *REFERENCE.glob("hsds-3.1/examples/*.json"),
                   *REFERENCE.glob("oruk-3.0/examples/*.json")])


def _leaves(node: Any, ptr: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, f"{ptr}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaves(value, f"{ptr}/{i}")
    else:
        yield ptr, node


def _unaccounted(data: Any, result: ReadResult) -> list[tuple[str, Any]]:
    """The leaf values of a feed that are neither in the model nor under a finding's pointer."""
    assert result.offer is not None
    model = {_norm(v) for _, v in _leaves(result.offer.model_dump(mode="json"))}
    long_texts = [m for m in model if len(m) > 40]
    # Reader findings name a place in the feed; model findings name the value they refused.
    paths = [f.path for f in result.findings if f.path or f.code == "hsds.not_read"]
    refused = {f.value for f in result.findings if f.code.startswith("field.") and f.value is not None}
    out = []
    for ptr, value in _leaves(data):
        if ptr.rsplit("/", 1)[-1] in STRUCTURE or value in (None, ""):
            continue
        parts = [_norm(value)] + [_norm(p) for p in str(value).split(",")]
        translated = TRANSLATED.get(str(value).casefold())
        if any(p in model or _norm(TRANSLATED.get(p, p)) in model for p in parts) or (
                translated is not None and _norm(translated) in model):
            continue
        if any(ptr == p or ptr.startswith(p + "/") for p in paths) or shorten(value) in refused:
            continue
        if len(parts[0]) > 15 and any(parts[0] in m for m in long_texts):
            continue  # joined with others into one text of the model (such as accessibility notes)
        out.append((ptr, value))
    return out


@pytest.mark.parametrize("path", _examples(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_official_example_reads_with_every_value_placed(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    result = hsds.read(path)
    assert result.offer is not None
    assert _unaccounted(data, result) == []
    for f in result.findings:
        assert f.location is not None and f.location.file == str(path)


@pytest.mark.parametrize("path", _examples(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_official_example_written_back_is_schema_valid(path: Path) -> None:
    oruk = path.parent.parent.name == "oruk-3.0"
    version = "3.0" if oruk or path.parent.parent.name == "hsds-3.0" else "3.1"
    result = hsds.read(path)
    assert result.offer is not None
    feed = json.loads(hsds.dumps(result.offer, profile="oruk" if oruk else "hsds", hsds_version=version))
    folder = REFERENCE / ("oruk-3.0/schema" if oruk else f"hsds-{version}/schema")
    assert SchemaChecker(folder).errors_in(feed["contents"]) == []
    again = hsds.from_data(feed, "again.json")
    assert again.findings == [] and again.offer == result.offer
    # Written as Open Referral UK, what the profile removes stays out, even when it was read in.
    from sendlocaloffer.formats._hsds_write import ORUK_REMOVED

    as_oruk = json.loads(hsds.dumps(result.offer, profile="oruk"))
    for service in as_oruk["contents"]:
        assert not ORUK_REMOVED["service"] & service.keys()
    assert hsds.from_data(as_oruk, "oruk.json").offer == result.offer


def test_official_service_example_maps_its_fields(reference: Path) -> None:
    result = hsds.read(reference / "hsds-3.1" / "examples" / "service_full.json")
    assert result.offer is not None
    (service,) = result.offer.services
    assert service.name == "Community Counselling"
    assert service.eligibility.min_age == 12 and service.eligibility.max_age is None
    assert service.access.how_to_apply and service.access.how_to_apply.startswith("If you are an NHS patient")
    assert service.cost.options[0].amount == 35 and service.organisation_id is not None
    assert [(o.days, o.opens.isoformat()) for o in service.opening_hours] == [(["TH", "FR"], "10:00:00")]
    codes = {f.code for f in result.findings}
    assert "hsds.age" in codes  # maximum_age 100 is beyond 0-25
    assert {"alert", "accreditations", "funding", "program"} <= service.extensions.keys()


def test_oruk_1_feed_reads_every_table(reference: Path) -> None:
    data = json.loads(ORUK1.read_text("utf-8"))
    package = json.loads((reference / "oruk-1.0" / "ExtendedDataPackage.json").read_text("utf-8"))
    spelled = {"organization": "organization", "identifier": "identifiers", "program": "program", "service": "content",
               "service_taxonomy": "service_taxonomys", "service_at_location": "service_at_locations", "location": "location",
               "phone": "phones", "contact": "contacts", "physical_address": "physical_addresses",
               "postal_address": "postal_addresses", "regular_schedule": "regular_schedules",
               "holiday_schedule": "holiday_schedules", "funding": "fundings", "eligibility": "eligibilitys",
               "service_area": "service_areas", "required_document": "required_documents",
               "payment_accepted": "payment_accepteds", "language": "languages",
               "accessibility_for_disabilities": "accessibility_for_disabilities", "taxonomy": "taxonomy",
               "metadata": "metadata", "meta_table_description": "meta_table_descriptions", "cost_option": "cost_options",
               "review": "reviews", "link_taxonomy": "link_taxonomys"}
    keys = {ptr.split("/")[i] for ptr, _ in _leaves(data) for i in range(1, ptr.count("/") + 1)}
    assert {r["name"] for r in package["resources"]} == set(spelled)
    assert set(spelled.values()) <= keys
    result = hsds.read(ORUK1)
    assert result.format == "oruk" and result.offer is not None
    assert _unaccounted(data, result) == []
    first, second = result.offer.services
    assert (first.eligibility.min_age, first.eligibility.max_age) == (0, 5)
    assert [(o.days, o.opens.isoformat()) for o in first.opening_hours] == [(["TU"], "09:30:00"), (["TH"], "13:00:00")]
    assert [(c.start.isoformat(), c.end.isoformat() if c.end else None) for c in first.closures] == [("2024-12-24", "2025-01-02")]
    assert first.access.routes == ["drop-in"] and first.delivery == ["in-person"]
    assert [(t.taxonomy, t.code, t.parent) for t in first.taxonomy_terms] == [
        ("esdServiceTypes", "esdServiceTypes:165", "esdServiceTypes:100"), ("esdNeeds", "esdNeeds:12", None)]
    assert first.contacts[0].phones[0].number == "0113 496 0999"
    location = result.offer.locations[0]
    assert location.address is not None and location.address.postcode == "LS1 4AP" and location.uprn == "72000001"
    assert first.languages == ["English", "Polish"] and first.areas_served == ["Example Borough"]
    assert result.offer.organisations[0].identifiers[0].scheme == "GB-NHS"
    # The second service is how feeds are found in the wild.
    codes = {(f.code, f.path) for f in result.findings}
    assert ("hsds.id_not_uuid", "/content/1/id") in codes
    assert ("hsds.empty_text", "/content/1/description") in codes
    assert ("hsds.age_unset", "/content/1/eligibilitys/0/minimum_age") in codes
    assert ("hsds.vocabulary", "/content/1/attending_type") in codes
    assert second.eligibility.min_age is None and second.status == "active"
    out = json.loads(hsds.dumps(result.offer, profile="oruk"))
    assert SchemaChecker(reference / "oruk-3.0" / "schema").errors_in(out["contents"]) == []


def _read(data: Any, tmp_path: Path) -> ReadResult:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return hsds.read(path)


def _svc(**fields: Any) -> dict[str, Any]:
    return {"id": "ac148810-d857-441c-9679-408f346de14b", "name": "Counselling", "status": "active", **fields}


@pytest.mark.parametrize(("data", "code", "pointer"), [
    ({"total_items": 0, "total_pages": 0, "page_number": 1}, "hsds.page_without_contents", ""),
    ({"total_items": 0, "contents": []}, "hsds.empty_page", "/contents"),
    ({"contents": "nope"}, "hsds.type", "/contents"),
    ({"contents": [5]}, "hsds.type", "/contents/0"),
    ([_svc(name=None)], "hsds.missing", "/0/name"),
    ([{"name": "No id", "status": "active"}], "hsds.missing", "/0/id"),
    ([_svc(name=["a"])], "hsds.type", "/0/name"),
    ([_svc(minimum_age="twelve")], "hsds.type", "/0/minimum_age"),
    ([_svc(minimum_age=-3)], "hsds.age", "/0/minimum_age"),
    ([_svc(phones={"id": "x"})], "hsds.missing", "/0/phones/number"),
    ([_svc(schedules=7)], "hsds.type", "/0/schedules"),
    ([_svc(), _svc(name="Again")], "hsds.duplicate_id", "/1/id"),
    ([_svc(organization_id="d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610")], "hsds.unresolved_reference", "/0/organization_id"),
    ([_svc(service_at_locations=[{"id": "e94c9f38-1e8f-4564-91d4-d53501ab1765", "location_id": "3a19ff88-4620-4d17-9830-ac1d859eb5d5"}])],
     "hsds.unresolved_reference", "/0/service_at_locations/0/location_id"),
    ([_svc(attributes=[{"id": "ae58cc39-8b70-4ab1-8aea-786882e5ac8e", "taxonomy_term_id": "3f7b145d-84af-42d7-8fae-eaca714b02b2"}])],
     "hsds.unresolved_reference", "/0/attributes/0/taxonomy_term_id"),
    ([_svc(status="open")], "hsds.vocabulary", "/0/status"),
    ([_svc(assured_date="last week")], "hsds.date", "/0/assured_date"),
    ([_svc(schedules=[{"id": "48102e86-bb50-41c4-8f1e-e269368c41d1", "freq": "MONTHLY", "bymonthday": "1"}])], "hsds.schedule",
     "/0/schedules/0"),
    ({"organizations": [{"id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", "name": "A", "description": ""},
                        {"id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", "name": "B", "description": ""}], "contents": []},
     "hsds.duplicate_id", "/organizations/1/id"),
    ({"contents": [], "sendlocaloffer": {"version": "1.0"}}, "hsds.extension", "/sendlocaloffer"),
])
def test_bad_input_gives_a_finding_with_its_pointer(tmp_path: Path, data: Any, code: str, pointer: str) -> None:
    result = _read(data, tmp_path)
    hits = [f for f in result.findings if f.code == code and f.path == pointer]
    assert hits, [(f.code, f.path) for f in result.findings]
    assert hits[0].location is not None and hits[0].location.line is not None


def test_model_errors_point_back_into_the_feed(tmp_path: Path) -> None:
    result = _read([_svc(email="not an email")], tmp_path)
    (finding,) = [f for f in result.findings if f.code == "field.email"]
    assert finding.path == "/services/0/email" and "/0" in finding.message
    assert finding.location is not None and finding.location.line == 2


def test_non_json_and_scalars_are_read_errors(tmp_path: Path) -> None:
    from sendlocaloffer.errors import ReadError

    for text in ("{", "42", '"text"'):
        path = tmp_path / "bad.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ReadError):
            hsds.read(path)


def test_html_and_wild_values_are_read_and_reported(tmp_path: Path) -> None:
    result = _read([_svc(id="svc-1", description="<p>Help &amp; advice</p><ul><li>one</li></ul>", minimum_age=-1,
                         maximum_age=18.0, phones=[{"id": "p1", "number": "020 7332 1002", "type": "pager"}])], tmp_path)
    assert result.offer is not None
    (service,) = result.offer.services
    assert service.description == "Help & advice\n\none"
    assert service.eligibility.min_age is None and service.eligibility.max_age == 18
    assert service.phones[0].number == "020 7332 1002" and service.phones[0].type == "voice"
    codes = {f.code for f in result.findings}
    assert {"hsds.html", "hsds.age_unset", "hsds.id_not_uuid", "hsds.vocabulary"} <= codes
    assert not any(f.severity is Severity.ERROR for f in result.findings)


def test_send_attributes_from_another_publisher_are_recognised(tmp_path: Path) -> None:
    term = {"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "name": "Autism", "description": "",
            "term_uri": hsds.term_uri("needs", "ASD")}
    result = _read([_svc(attributes=[{"id": "ae58cc39-8b70-4ab1-8aea-786882e5ac8e", "taxonomy_term": term}])], tmp_path)
    assert result.offer is not None and result.offer.services[0].eligibility.needs == ["ASD"]
    assert hsds.term_uri("needs", "ASD") == "https://sendlocaloffer.org/vocab/needs/ASD"


def test_opening_hours_are_ical_weekly_recurrences() -> None:
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is not there yet")
    offer = api.load(EXAMPLE)
    feed = json.loads(hsds.dumps(offer))
    schedules = [s for svc in feed["contents"] for s in svc.get("schedules", []) if "freq" in s]
    assert schedules
    for s in schedules:
        assert s["freq"] == "WEEKLY" and s["interval"] == 1
        assert all(day in {"MO", "TU", "WE", "TH", "FR", "SA", "SU"} for day in s["byday"].split(","))
        assert len(s["opens_at"]) == 8 and len(s["closes_at"]) == 8


def test_send_information_travels_as_attributes_with_term_uris() -> None:
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is not there yet")
    offer = api.load(EXAMPLE)
    feed = json.loads(hsds.dumps(offer))
    for svc, model in zip(feed["contents"], offer.services, strict=True):
        uris = {a["taxonomy_term"].get("term_uri") for a in svc.get("attributes", [])}
        for need in model.eligibility.needs:
            assert f"https://sendlocaloffer.org/vocab/needs/{need}" in uris
        for category in model.provision_categories:
            assert f"https://sendlocaloffer.org/vocab/provision-categories/{category}" in uris
        assert ("https://sendlocaloffer.org/vocab/area/" + ("in-area" if model.in_area else "outside-area")) in uris
    assert {t["name"] for t in feed["taxonomies"]} >= {"needs", "provision-categories", "area"}


def test_sniff_tells_feeds_from_native_documents(tmp_path: Path) -> None:
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is not there yet")
    offer = api.load(EXAMPLE)
    for profile in ("hsds", "oruk"):
        api.dump(offer, tmp_path / f"{profile}.json", profile)
        assert formats.detect(tmp_path / f"{profile}.json").name in ("hsds", "oruk")
        assert api.read(tmp_path / f"{profile}.json").format == profile
    api.dump(offer, tmp_path / "native.json", "json")
    assert formats.detect(tmp_path / "native.json").name == "json"
    assert formats.detect(ORUK1).name in ("hsds", "oruk") and api.read(ORUK1).format == "oruk"
    native = (tmp_path / "native.json").read_bytes()[:65536]
    assert not hsds.sniff(native) and not hsds.sniff(native, profile="oruk")
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps([_svc()]), encoding="utf-8")
    assert formats.detect(bare).name == "hsds"
    assert not hsds.sniff(b"<html>") and not hsds.sniff(b'{"anything": 1}')


def test_command_line_converts_and_validates_by_content(tmp_path: Path) -> None:
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is not there yet")
    run = [sys.executable, "-m", "sendlocaloffer.cli"]
    feed = tmp_path / "feed.json"
    done = subprocess.run([*run, "convert", str(EXAMPLE), str(feed), "--to", "oruk"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    back = tmp_path / "back.json"
    done = subprocess.run([*run, "convert", str(feed), str(back), "--to", "json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert api.load(back) == api.load(EXAMPLE)
    pkg = tmp_path / "pkg"
    done = subprocess.run([*run, "convert", str(EXAMPLE), str(pkg), "--to", "hsds-tabular", "--hsds-version", "3.0"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not (pkg / "url.csv").exists() and (pkg / "services.csv").exists()
    done = subprocess.run([*run, "validate", str(ORUK1)], capture_output=True, text=True)
    assert done.returncode in (0, 1) and "hsds.id_not_uuid" in done.stdout + done.stderr


@pytest.mark.parametrize("folder", ["hsds-3.1/examples/csv", "oruk-3.0/examples/csv"])
def test_official_csv_example_reads_with_every_value_placed(reference: Path, folder: str) -> None:
    import csv

    from sendlocaloffer.formats import hsds_tabular

    path = reference / folder
    data = {p.name: list(csv.DictReader(p.open(encoding="utf-8-sig", newline=""))) for p in sorted(path.glob("*.csv"))}
    result = hsds_tabular.read(path)
    assert result.offer is not None and [s.name for s in result.offer.services] == ["Community Counselling"]
    assert _unaccounted(data, result) == []
    assert all(f.location is not None and f.location.file for f in result.findings)


def test_services_nested_in_the_organizations_list_are_read(tmp_path: Path) -> None:
    org = {"id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", "name": "Org", "description": "An organisation",
           "services": [_svc()]}
    result = _read({"organizations": [org]}, tmp_path)
    assert result.offer is not None
    assert [(s.name, str(s.organisation_id)) for s in result.offer.services] == [("Counselling", org["id"])]
