"""The integrity rules: unique ids, references that resolve, nothing left over."""

from __future__ import annotations

from .rulekit import assert_hit, assert_quiet, clean, uid


def test_duplicate_id_between_services() -> None:
    assert_quiet("integrity.duplicate_id")
    data = clean()
    data["services"][4]["id"] = data["services"][1]["id"]
    hit = assert_hit(data, "integrity.duplicate_id", "error", "/services/4/id")
    assert "/services/1/id" in hit[0].message


def test_duplicate_id_across_kinds() -> None:
    data = clean()
    data["locations"][0]["id"] = data["organisations"][0]["id"]
    for s in data["services"]:
        s["location_ids"] = [data["organisations"][0]["id"]]
    assert_hit(data, "integrity.duplicate_id", "error", "/locations/0/id")


def test_unknown_organisation() -> None:
    assert_quiet("integrity.unknown_organisation")
    data = clean()
    data["services"][3]["organisation_id"] = uid("organisation", "Nobody")
    assert_hit(data, "integrity.unknown_organisation", "error", "/services/3/organisation_id")


def test_unknown_location() -> None:
    assert_quiet("integrity.unknown_location")
    data = clean()
    data["services"][5]["location_ids"].append(uid("location", "Nowhere"))
    assert_hit(data, "integrity.unknown_location", "error", "/services/5/location_ids/1")


def test_organisation_unused() -> None:
    assert_quiet("integrity.organisation_unused")
    data = clean()
    data["organisations"].append({"id": uid("organisation", "Spare"), "name": "Spare Charity"})
    hit = assert_hit(data, "integrity.organisation_unused", "warning", "/organisations/1")
    assert hit[0].value == "Spare Charity"


def test_location_unused() -> None:
    assert_quiet("integrity.location_unused")
    data = clean()
    data["locations"].append({"id": uid("location", "Old Hall"), "name": "Old Hall"})
    assert_hit(data, "integrity.location_unused", "warning", "/locations/1")
