"""The coverage rules: categories, levels, out-of-area provision and Schedule 2 provider types."""

from __future__ import annotations

from .rulekit import CATEGORIES, assert_hit, assert_quiet, clean, with_service


def test_category_missing_when_its_only_service_goes() -> None:
    assert_quiet("coverage.category_missing")
    data = clean()
    index = CATEGORIES.index("travel-transport")
    del data["services"][index]
    hit = assert_hit(data, "coverage.category_missing", "error", "/services")
    assert hit[0].value == "travel-transport"
    assert "Travel and transport" in hit[0].message


def test_category_of_an_inactive_service_does_not_count() -> None:
    index = CATEGORIES.index("childcare")
    data = with_service(index, status="inactive")
    hit = assert_hit(data, "coverage.category_missing", "error", "/services")
    assert hit[0].value == "childcare"


def test_level_missing() -> None:
    assert_quiet("coverage.level_missing")
    data = clean()
    for s in data["services"]:
        if s["level"] == "targeted":
            s["level"] = "universal"
    hit = assert_hit(data, "coverage.level_missing", "warning", "/services")
    assert hit[0].value == "targeted"


def test_out_of_area_missing() -> None:
    assert_quiet("coverage.out_of_area_missing")
    data = clean()
    for s in data["services"]:
        s.pop("in_area", None)
    assert_hit(data, "coverage.out_of_area_missing", "error", "/services")


def test_provider_type_missing_unless_marked_absent() -> None:
    assert_quiet("coverage.provider_type_missing")
    data = clean()
    data["absent_provision"] = [a for a in data["absent_provision"]
                                if not (a["provider_type"] == "pupil-referral-unit" and a.get("in_area", True))]
    hit = assert_hit(data, "coverage.provider_type_missing", "error", "/absent_provision")
    assert hit[0].value == "pupil-referral-unit"


def test_provider_type_present_in_area_satisfies_it() -> None:
    data = clean()
    data["absent_provision"] = [a for a in data["absent_provision"]
                                if not (a["provider_type"] == "academy" and a.get("in_area", True))]
    data["services"][0]["provider_type"] = "academy"
    assert_quiet("coverage.provider_type_missing", data)


def test_provider_type_missing_outside() -> None:
    assert_quiet("coverage.provider_type_missing_outside")
    data = clean()
    data["absent_provision"] = [a for a in data["absent_provision"]
                                if not (a["provider_type"] == "post-16" and a.get("in_area") is False)]
    hit = assert_hit(data, "coverage.provider_type_missing_outside", "warning", "/absent_provision")
    assert hit[0].value == "post-16"


def test_commissioned_providers_outside_are_not_required() -> None:
    data = clean()
    assert not any(a["provider_type"] == "commissioned" and a.get("in_area") is False for a in data["absent_provision"])
    assert_quiet("coverage.provider_type_missing_outside", data)


def test_absent_contradicted() -> None:
    assert_quiet("coverage.absent_contradicted")
    data = clean()
    data["services"][0]["provider_type"] = "early-years"
    position = next(i for i, a in enumerate(data["absent_provision"])
                    if a["provider_type"] == "early-years" and a.get("in_area", True))
    assert_hit(data, "coverage.absent_contradicted", "warning", f"/absent_provision/{position}")


def test_independent_school_missing() -> None:
    assert_quiet("coverage.independent_school_missing")
    data = clean()
    for s in data["services"]:
        if s["provider_type"] == "independent-school":
            s["provider_type"] = "private"
    assert_hit(data, "coverage.independent_school_missing", "info", "/services")
