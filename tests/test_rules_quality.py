"""The quality rules: placeholders, duplicate services, copied descriptions."""

from __future__ import annotations

import pytest

from sendlocaloffer.checks.registry import run_rules

from .rulekit import AS_OF, assert_hit, assert_quiet, clean, offer, uid, with_service


@pytest.mark.parametrize(("field", "value", "path"), [
    ("description", "TBC", "/services/2/description"),
    ("description", "n/a", "/services/2/description"),
    ("description", "Lorem ipsum dolor sit amet, consectetur.", "/services/2/description"),
    ("email", "email@email.com", "/services/2/email"),
    ("email", "info@example.com", "/services/2/email"),
    ("website", "https://www.example.org/service", "/services/2/website"),
    ("phones", [{"number": "07777 777777"}], "/services/2/phones/0/number"),
])
def test_placeholder(field: str, value: object, path: str) -> None:
    assert_quiet("quality.placeholder")
    assert_hit(with_service(2, **{field: value}), "quality.placeholder", "warning", path)


def test_placeholder_in_organisation_and_offer_contact() -> None:
    data = clean()
    data["organisations"][0]["email"] = "test@test.com"
    data["contact"]["email"] = "send@example.net"
    assert_hit(data, "quality.placeholder", "warning", "/organisations/0/email", "/contact/email")


@pytest.mark.parametrize("text", ["TBC: new hall in Barking", "Nathan's playgroup", "Not applicable to under-5s only"])
def test_real_text_containing_placeholder_words_is_fine(text: str) -> None:
    assert_quiet("quality.placeholder", with_service(2, description=text))


def test_duplicate_service() -> None:
    assert_quiet("quality.duplicate_service")
    data = clean()
    copy = dict(data["services"][1], id=uid("service", "copy"), description="Another description.")
    data["services"].append(copy)
    hit = assert_hit(data, "quality.duplicate_service", "warning", f"/services/{len(data['services']) - 1}")
    assert "/services/1" in hit[0].message


def test_same_name_at_another_postcode_is_not_a_duplicate() -> None:
    data = clean()
    data["locations"].append({"id": uid("location", "Branch"), "name": "Branch",
                              "address": {"line1": "2 Low Road", "town": "London", "postcode": "E1 7AF"}})
    copy = dict(data["services"][1], id=uid("service", "copy"), location_ids=[uid("location", "Branch")])
    data["services"].append(copy)
    assert_quiet("quality.duplicate_service", data)


def test_copied_description_on_three_services() -> None:
    assert_quiet("quality.copied_description")
    data = clean()
    for i in (1, 4, 7):
        data["services"][i]["description"] = "<p>We are a friendly   organisation.</p>"
    assert_hit(data, "quality.copied_description", "warning",
               "/services/1/description", "/services/4/description", "/services/7/description")


def test_two_services_sharing_a_description_are_tolerated_by_default() -> None:
    data = clean()
    for i in (1, 4):
        data["services"][i]["description"] = "Shared text."
    assert_quiet("quality.copied_description", data)
    assert len(run_rules(offer(data), as_of=AS_OF, select=["quality.copied_description"],
                         options={"copied_description_min": 2})) == 2
