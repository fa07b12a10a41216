"""The service rules: each quiet on a clean offer and speaking at the service's field when broken."""

from __future__ import annotations

import pytest

from sendlocaloffer.checks.registry import run_rules

from .rulekit import AS_OF, assert_hit, assert_quiet, clean, offer, with_service

SCHOOL = {"urn": "100000", "sen_information_report": "https://www.school.org.uk/sen-report",
          "senco": {"role": "SENCO", "email": "senco@school.org.uk"}}


def test_name_missing() -> None:
    assert_quiet("service.name_missing")
    assert_hit(with_service(2, name="  "), "service.name_missing", "error", "/services/2/name")


@pytest.mark.parametrize("text", ["", "<p><br></p>", "<p>&nbsp;</p>", "  \n "])
def test_description_missing_once_markup_is_stripped(text: str) -> None:
    assert_quiet("service.description_missing")
    assert_hit(with_service(1, description=text), "service.description_missing", "error", "/services/1/description")


def test_description_with_markup_and_text_is_fine() -> None:
    assert_quiet("service.description_missing", with_service(1, description="<p>Play <b>sessions</b></p>"))


def test_no_contact() -> None:
    assert_quiet("service.no_contact")
    data = with_service(3, phones=[])
    assert_hit(data, "service.no_contact", "error", "/services/3")


def test_contact_through_the_organisation_is_enough() -> None:
    data = with_service(3, phones=[])
    data["organisations"][0]["website"] = "https://www.testborough.gov.uk/"
    assert_quiet("service.no_contact", data)


def test_contact_through_a_named_contact_is_enough() -> None:
    data = with_service(3, phones=[], contacts=[{"role": "Duty worker", "email": "duty@testborough.gov.uk"}])
    assert_quiet("service.no_contact", data)


def test_access_missing() -> None:
    assert_quiet("service.access_missing")
    assert_hit(with_service(4, access={}), "service.access_missing", "warning", "/services/4/access")


def test_ages_missing() -> None:
    assert_quiet("service.ages_missing")
    assert_hit(with_service(5, eligibility={"needs": []}), "service.ages_missing", "warning", "/services/5/eligibility")


def test_one_age_is_enough() -> None:
    assert_quiet("service.ages_missing", with_service(5, eligibility={"max_age": 18}))


@pytest.mark.parametrize(("provider", "ages"), [
    ("local-authority", {"min_age": 0, "max_age": 0}),
    ("early-years", {"min_age": 7, "max_age": 11}),
    ("post-16", {"min_age": 11, "max_age": 15}),
])
def test_ages_implausible(provider: str, ages: dict[str, int]) -> None:
    assert_quiet("service.ages_implausible")
    data = with_service(6, provider_type=provider, eligibility=ages)
    assert_hit(data, "service.ages_implausible", "warning", "/services/6/eligibility")


def test_sensible_early_years_ages() -> None:
    assert_quiet("service.ages_implausible", with_service(6, provider_type="early-years", eligibility={"min_age": 0, "max_age": 5}))


def test_cost_missing() -> None:
    assert_quiet("service.cost_missing")
    assert_hit(with_service(7, cost={}), "service.cost_missing", "warning", "/services/7/cost/kind")


def test_cost_amount_missing() -> None:
    assert_quiet("service.cost_amount_missing")
    assert_hit(with_service(7, cost={"kind": "paid"}), "service.cost_amount_missing", "warning", "/services/7/cost")


def test_paid_with_an_amount_is_fine() -> None:
    data = with_service(7, cost={"kind": "paid", "options": [{"option": "Per session", "amount": 5}]})
    assert_quiet("service.cost_amount_missing", data)


def test_never_checked() -> None:
    assert_quiet("service.never_checked")
    assert_hit(with_service(8, last_checked=None), "service.never_checked", "warning", "/services/8/last_checked")


def test_stale_after_twelve_months() -> None:
    assert_quiet("service.stale")
    data = with_service(8, last_checked="2025-10-01")
    assert_hit(data, "service.stale", "warning", "/services/8/last_checked")
    assert_quiet("service.very_stale", data)


def test_very_stale_after_twenty_four_months_instead_of_stale() -> None:
    assert_quiet("service.very_stale")
    data = with_service(8, last_checked="2024-11-28")
    assert_hit(data, "service.very_stale", "error", "/services/8/last_checked")
    assert_quiet("service.stale", data)


def test_staleness_follows_as_of() -> None:
    data = with_service(8, last_checked="2025-10-01")
    import datetime as dt

    assert run_rules(offer(data), as_of=dt.date(2026, 9, 30), select=["service.stale"]) == []
    assert len(run_rules(offer(data), as_of=AS_OF, select=["service.stale"])) == 1


def test_stale_months_option() -> None:
    data = with_service(8, last_checked="2026-04-01")
    assert run_rules(offer(data), as_of=AS_OF, select=["service.stale"]) == []
    assert len(run_rules(offer(data), as_of=AS_OF, select=["service.stale"], options={"stale_months": 6})) == 1


def test_needs_missing_for_send_specific_service() -> None:
    assert_quiet("service.needs_missing")
    assert_hit(with_service(9, send_specific=True), "service.needs_missing", "warning", "/services/9/eligibility/needs")


def test_needs_given_for_send_specific_service() -> None:
    data = with_service(9, send_specific=True, eligibility={"min_age": 0, "max_age": 25, "needs": ["ASD"]})
    assert_quiet("service.needs_missing", data)


def test_school_report_missing() -> None:
    assert_quiet("service.school_report_missing")
    school = {**SCHOOL, "sen_information_report": None}
    assert_quiet("service.school_report_missing", with_service(0, provider_type="maintained-school", school=SCHOOL))
    data = with_service(0, provider_type="maintained-school", school=school)
    assert_hit(data, "service.school_report_missing", "warning", "/services/0/school/sen_information_report")


def test_senco_missing() -> None:
    assert_quiet("service.senco_missing", with_service(0, provider_type="academy", school=SCHOOL))
    data = with_service(0, provider_type="academy", school={**SCHOOL, "senco": {"role": "SENCO"}})
    assert_hit(data, "service.senco_missing", "warning", "/services/0/school/senco")


def test_defunct() -> None:
    assert_quiet("service.defunct")
    assert_hit(with_service(2, status="defunct"), "service.defunct", "warning", "/services/2/status")


def test_defunct_services_are_not_checked_for_details() -> None:
    data = with_service(2, status="defunct", description="")
    assert_quiet("service.description_missing", data)


def test_category_missing() -> None:
    assert_quiet("service.category_missing")
    data = with_service(11, provision_categories=[])
    assert_hit(data, "service.category_missing", "warning", "/services/11/provision_categories")


def test_level_missing() -> None:
    assert_quiet("service.level_missing")
    assert_hit(with_service(11, level=None), "service.level_missing", "info", "/services/11/level")


def test_organisation_missing() -> None:
    assert_quiet("service.organisation_missing")
    data = with_service(1, organisation_id=None)
    assert_hit(data, "service.organisation_missing", "warning", "/services/1/organisation_id")


def test_hours_invalid() -> None:
    good = [{"days": ["MO"], "opens": "09:00", "closes": "17:00"}, {"days": ["SA"], "opens": "18:00", "closes": "00:00"}]
    assert_quiet("service.hours_invalid", with_service(1, opening_hours=good))
    bad = [*good, {"days": ["TU"], "opens": "17:00", "closes": "09:00"}]
    assert_hit(with_service(1, opening_hours=bad), "service.hours_invalid", "error", "/services/1/opening_hours/2")


def test_date_range_invalid() -> None:
    assert_quiet("service.date_range_invalid")
    data = with_service(
        1,
        closures=[{"start": "2026-12-24", "end": "2026-12-20"}],
        cost={"kind": "paid", "options": [{"amount": 3, "valid_from": "2026-09-01", "valid_to": "2026-01-01"}]},
    )
    assert_hit(data, "service.date_range_invalid", "error", "/services/1/closures/0", "/services/1/cost/options/0")


def test_rules_name_the_service_a_finding_is_about() -> None:
    data = with_service(2, name="Speech Therapy", description="")
    (hit,) = run_rules(offer(data), as_of=AS_OF, select=["service.description_missing"])
    assert hit.location is not None and hit.location.row_key == "Speech Therapy"


def test_clean_offer_has_no_findings_at_all() -> None:
    assert run_rules(offer(clean()), as_of=AS_OF) == []
