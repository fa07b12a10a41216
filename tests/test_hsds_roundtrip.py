"""Round trips through Open Referral JSON, and every written service valid against the
official HSDS 3.1, HSDS 3.0 and Open Referral UK 3.0 service schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from sendlocaloffer import api
from sendlocaloffer.formats import hsds
from sendlocaloffer.formats._hsds_common import child_id
from sendlocaloffer.formats._hsds_schema import SchemaChecker, engines
from sendlocaloffer.model import LocalOffer

from .conftest import EXAMPLE
from .strategies import offers

TARGETS = [("hsds", "3.1", "hsds-3.1/schema"), ("hsds", "3.0", "hsds-3.0/schema"), ("oruk", "3.0", "oruk-3.0/schema")]


def _checkers(reference: Path) -> dict[tuple[str, str], SchemaChecker]:
    return {(p, v): SchemaChecker(reference / folder) for p, v, folder in TARGETS}


def _round_trip(offer: LocalOffer, profile: str, version: str) -> tuple[dict[str, Any], LocalOffer | None, list[Any]]:
    data = hsds.dumps(offer, profile=profile, hsds_version=version)
    result = hsds.from_data(json.loads(data), "feed.json", text=data.decode("utf-8"), profile=profile)
    return json.loads(data), result.offer, result.findings


@pytest.fixture(scope="module")
def city() -> LocalOffer:
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is not there yet")
    return api.load(EXAMPLE)


@pytest.mark.parametrize(("profile", "version", "folder"), TARGETS)
def test_every_city_service_is_valid_against_the_official_schema(city: LocalOffer, reference: Path, profile: str,
                                                                 version: str, folder: str) -> None:
    feed = json.loads(hsds.dumps(city, profile=profile, hsds_version=version))
    assert len(feed["contents"]) == len(city.services)
    for engine in engines():
        checker = SchemaChecker(reference / folder, engine=engine)
        assert checker.errors_in(feed["contents"]) == [], engine
    # The lists beside the services are valid records of their own kinds too.
    for key, root in (("organizations", "organization.json"), ("locations", "location.json"),
                      ("taxonomies", "taxonomy.json"), ("taxonomy_terms", "taxonomy_term.json")):
        assert feed[key]
        assert SchemaChecker(reference / folder, root=root).errors_in(feed[key]) == [], key


@pytest.mark.parametrize(("profile", "version"), [("hsds", "3.1"), ("hsds", "3.0"), ("oruk", "3.0")])
def test_city_offer_round_trips_equal(city: LocalOffer, profile: str, version: str) -> None:
    _, back, findings = _round_trip(city, profile, version)
    assert findings == []
    assert back == city


def test_schema_checker_catches_nested_format_errors(reference: Path) -> None:
    record = {"id": "1e7efce3-639b-4880-940c-b95cd30cdb50", "name": "A", "status": "active",
              "contacts": [{"id": "1e7efce3-639b-4880-940c-b95cd30cdb51", "email": "not an email",
                            "phones": [{"id": "nope", "number": "020 7332 1002"}]}],
              "url": "no scheme here", "assured_date": "2025-01-01"}
    for engine in engines():
        errors = SchemaChecker(reference / "hsds-3.1/schema", engine=engine).errors(record)
        joined = " ".join(errors)
        assert "/contacts/0/email" in joined and "/contacts/0/phones/0/id" in joined and "/url" in joined, (engine, errors)


@settings(max_examples=30)
@given(offer=offers())
def test_generated_offers_round_trip_and_validate(offer: LocalOffer) -> None:
    from .conftest import REFERENCE

    if not REFERENCE.is_dir():
        pytest.skip("the shared reference folder is not present beside the repository")
    checkers = _CHECKERS.setdefault("all", _checkers(REFERENCE))
    for profile, version, _ in TARGETS:
        feed, back, findings = _round_trip(offer, profile, version)
        assert findings == [], (profile, findings)
        assert back == offer, profile
        assert checkers[(profile, version)].errors_in(feed["contents"]) == [], profile


_CHECKERS: dict[str, dict[tuple[str, str], SchemaChecker]] = {}


def test_oruk_feed_leaves_out_what_the_profile_removes(city: LocalOffer) -> None:
    from sendlocaloffer.formats._hsds_write import ORUK_REMOVED

    feed = json.loads(hsds.dumps(city, profile="oruk"))
    for service in feed["contents"]:
        assert service["organization_id"]
        assert not ORUK_REMOVED["service"] & service.keys()
        assert not ORUK_REMOVED["organization"] & service["organization"].keys()
        for sal in service.get("service_at_locations", []):
            assert not ORUK_REMOVED["location"] & sal["location"].keys()
        for contact in service.get("contacts", []):
            assert not {"email", "phones", "department"} & contact.keys()
        for attribute in service.get("attributes", []):
            assert "code" not in attribute["taxonomy_term"] and "link_entity" not in attribute
        # Empty optional fields are left out rather than written as null.
        assert None not in _values(service) and "" not in _values(service)


def _values(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return [v for value in node.values() for v in ([value] if not isinstance(value, (dict, list)) else _values(value))]
    if isinstance(node, list):
        return [v for value in node for v in ([value] if not isinstance(value, (dict, list)) else _values(value))]
    return [node]


def test_same_offer_same_bytes(city: LocalOffer) -> None:
    for profile in ("hsds", "oruk"):
        assert hsds.dumps(city, profile=profile) == hsds.dumps(city.model_copy(deep=True), profile=profile)


def test_oruk_feed_gives_dfe_family_hubs_categories(city: LocalOffer, reference: Path) -> None:
    import csv

    feed = json.loads(hsds.dumps(city, profile="oruk"))
    known = {row["name"] for row in csv.DictReader((reference / "taxonomies" / "dfe-family-hubs-service-categories.csv").open())}
    seen: set[str] = set()
    for svc, model in zip(feed["contents"], city.services, strict=True):
        names = {a["taxonomy_term"]["name"] for a in svc.get("attributes", [])
                 if a["taxonomy_term"].get("taxonomy") == "dfe-family-hubs"}
        derived = {a["taxonomy_term"]["name"] for a in svc.get("attributes", [])
                   if a["id"] == child_id(svc["id"], "dfe", a["taxonomy_term"].get("term"))}
        assert derived <= known
        seen |= derived
        if "ASD" in model.eligibility.needs:
            assert "Autistic Spectrum Disorder (ASD)" in names
        if "leisure-short-breaks" in model.provision_categories:
            assert "Breaks and respite" in names
    assert seen and seen <= known
    # Not in the HSDS feed unless asked for; the round trip leaves them out of the model.
    assert "dfe-family-hubs" not in {t["name"] for t in json.loads(hsds.dumps(city))["taxonomies"]} or any(
        t.taxonomy == "dfe-family-hubs" for s in city.services for t in s.taxonomy_terms)
    with_dfe = hsds.dumps(city, dfe_categories=True)
    assert hsds.from_data(json.loads(with_dfe), "x").offer == city
