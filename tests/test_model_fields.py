"""Field rules of the model: vocabularies, postcodes, phones, e-mail and web addresses, ages, ids."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sendlocaloffer import vocab
from sendlocaloffer.model import Address, Eligibility, LocalAuthority, Location, Phone, Service, mint_id, offer_namespace, types

SID = uuid.UUID("6f1c2a3e-8b1b-4c57-9d5a-1c2b3d4e5f61")


def _error(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, object]:
    errors = exc.value.errors()
    assert len(errors) == 1, errors
    return dict(errors[0])


@pytest.mark.parametrize("given", ["ASD", "asd", "Autistic spectrum disorder", "  AUTISTIC   SPECTRUM disorder "])
def test_need_accepts_code_and_forgives_label_in_any_case(given: str) -> None:
    assert Eligibility(needs=[given]).needs == ["ASD"]


def test_unknown_need_lists_allowed_codes_and_suggests_nearest() -> None:
    with pytest.raises(ValidationError) as exc:
        Eligibility(needs=["autism"])
    err = _error(exc)
    assert err["type"] == "vocabulary"
    assert "Did you mean 'ASD'?" in str(err["msg"])
    for code in vocab.get("needs").codes:
        assert code in str(err["msg"])


def test_vocabulary_lists_are_sets_in_vocabulary_order() -> None:
    assert Eligibility(needs=["SEMH", "asd", "ASD", "SLCN"]).needs == ["SLCN", "ASD", "SEMH"]


def test_every_vocabulary_term_has_label_definition_and_source() -> None:
    for v in vocab.all_vocabularies():
        assert len(v) > 0
        for term in v:
            assert term.code and term.label and term.definition and term.source
            assert term.broader is None or term.broader in v


def test_census_needs_sit_under_broad_areas() -> None:
    needs = vocab.get("needs")
    assert needs["ASD"].broader == "communication-interaction"
    assert set(needs.narrower("cognition-learning")) == {"SPLD", "MLD", "SLD", "PMLD"}


@pytest.mark.parametrize(("given", "expected"), [("ec2v7hh", "EC2V 7HH"), (" EC2V  7HH ", "EC2V 7HH"), ("n19gu", "N1 9GU"), ("GIR 0AA", "GIR 0AA")])
def test_postcode_is_normalised(given: str, expected: str) -> None:
    assert Address(line1="1 High St", town="London", postcode=given).postcode == expected


@pytest.mark.parametrize("bad", ["EC2V", "12345", "EC2V 7H", "ZZZZ 9ZZ"])
def test_bad_postcode_is_refused_with_example(bad: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Address(line1="1 High St", town="London", postcode=bad)
    err = _error(exc)
    assert err["type"] == "postcode"
    assert "EC2V 7HH" in str(err["msg"])


@pytest.mark.parametrize(("given", "expected"), [("02073321002", "020 7332 1002"), ("+44 20 7332 1002", "020 7332 1002"), ("111", "111")])
def test_phone_is_checked_as_uk_number_and_formatted(given: str, expected: str) -> None:
    assert Phone(number=given).number == expected


@pytest.mark.parametrize("bad", ["0777 777", "not a number", "020 7332 100299999"])
def test_bad_phone_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Phone(number=bad)
    assert _error(exc)["type"] == "phone"


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "file:///etc/passwd", "ftp://x.org/", "https://", "https://a b.org/"])
def test_web_address_must_be_http_or_https(bad: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Service(id=SID, name="x", website=bad)
    assert _error(exc)["type"] == "url"


def test_email_is_checked() -> None:
    with pytest.raises(ValidationError) as exc:
        Service(id=SID, name="x", email="send at city")
    assert _error(exc)["type"] == "email"
    assert Service(id=SID, name="x", email=" send@cityoflondon.gov.uk ").email == "send@cityoflondon.gov.uk"
    assert Service(id=SID, name="x", email="local.offer+send@cityoflondon.gov.uk").email == "local.offer+send@cityoflondon.gov.uk"


@pytest.mark.parametrize("email", ["send..team@cityoflondon.gov.uk", ".send@cityoflondon.gov.uk",
                                   "send.@cityoflondon.gov.uk"])
def test_an_email_whose_local_part_has_a_stray_dot_is_refused(email: str) -> None:
    # Open Referral feeds require RFC 5321 addresses: a feed written from the offer must pass.
    with pytest.raises(ValidationError) as exc:
        Service(id=SID, name="x", email=email)
    assert _error(exc)["type"] == "email"


@pytest.mark.parametrize("ages", [{"min_age": -1}, {"max_age": 26}, {"min_age": 14, "max_age": 5}])
def test_ages_are_within_0_to_25_and_in_order(ages: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        Eligibility(**ages)


def test_area_code_is_a_gss_code() -> None:
    assert LocalAuthority(name="City", gss_code="e09000001").gss_code == "E09000001"
    with pytest.raises(ValidationError):
        LocalAuthority(name="City", gss_code="E0900001")


def test_coordinates_must_be_in_the_uk() -> None:
    with pytest.raises(ValidationError):
        Location(id=SID, name="x", latitude=10.0)


def test_ids_must_be_uuids() -> None:
    with pytest.raises(ValidationError) as exc:
        Service(id="service-1", name="x")  # type: ignore[arg-type]
    assert _error(exc)["type"] == "uuid_parsing"


def test_minted_ids_are_deterministic_and_forgive_case_and_spacing() -> None:
    ns = offer_namespace("E09000001")
    assert ns == offer_namespace(" e09000001 ")
    a = mint_id(ns, "service", "Speech and Language Therapy", "NHS Trust")
    assert a == mint_id(ns, "service", "speech and  language therapy", "nhs trust")
    assert a != mint_id(ns, "organisation", "Speech and Language Therapy", "NHS Trust")
    assert a.version == 5


def test_unknown_field_is_refused_not_dropped() -> None:
    with pytest.raises(ValidationError) as exc:
        Service(id=SID, name="x", nmae="typo")  # type: ignore[call-arg]
    assert _error(exc)["type"] == "extra_forbidden"


def test_an_optional_group_with_nothing_in_it_is_no_group() -> None:
    for _ in range(2):  # the second time compares against the remembered empty contact
        empty = Service.model_validate({"id": SID, "name": "x", "access": {"referral_contact": {}}, "school": {"senco": {}}})
        assert empty.access.referral_contact is None
        assert empty.school is None
        given = Service.model_validate({"id": SID, "name": "x", "access": {"referral_contact": {"name": "Referrals"}}})
        assert given.access.referral_contact is not None and given.access.referral_contact.name == "Referrals"


def test_objects_given_the_same_fields_share_nothing_a_change_can_reach() -> None:
    a = Service(id=SID, name="a")
    b = Service(id=uuid.UUID(int=2), name="b")
    a.email = "send@cityoflondon.gov.uk"
    assert a.model_fields_set == {"id", "name", "email"}
    assert b.model_fields_set == {"id", "name"}
    c = b.model_copy(update={"website": "https://www.cityoflondon.gov.uk/"})
    assert c.model_fields_set == {"id", "name", "website"}
    assert b.model_fields_set == {"id", "name"}
    del a.email
    assert b.model_fields_set == {"id", "name"}


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("hts:/.-_?#[]@%= \t\u00a0aZ09:"), max_size=30).map(lambda t: "https://" + t)
       | st.text(alphabet=st.sampled_from("hHtTpPsS:/.-a0 "), max_size=16))
def test_web_address_shortcut_accepts_only_what_the_full_check_accepts(text: str) -> None:
    # The common shape is accepted without parsing; it must never let through what the full
    # check refuses, nor change what it returns.
    if types._PLAIN_URL.fullmatch(text):
        assert types._parsed_url(text, text) == text
