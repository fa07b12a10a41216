"""The offer rules: each quiet on a clean offer and speaking, at the right path, when broken."""

from __future__ import annotations

from .rulekit import assert_hit, assert_quiet, changed, clean


def test_feedback_missing() -> None:
    assert_quiet("offer.feedback_missing")
    assert_hit(changed(feedback_reports=[]), "offer.feedback_missing", "error", "/feedback_reports")


def test_feedback_stale_when_latest_report_is_over_a_year_old() -> None:
    assert_quiet("offer.feedback_stale")
    data = clean()
    data["feedback_reports"][0]["published"] = "2025-11-28"
    hit = assert_hit(data, "offer.feedback_stale", "error", "/feedback_reports/0/published")
    assert hit[0].value == "2025-11-28"


def test_feedback_stale_judges_the_latest_of_several_reports() -> None:
    data = clean()
    old = dict(data["feedback_reports"][0], id="00000000-0000-4000-8000-000000000001", published="2023-01-01")
    data["feedback_reports"].insert(0, old)
    assert_quiet("offer.feedback_stale", data)


def test_feedback_stale_exactly_twelve_months_is_still_within() -> None:
    data = clean()
    data["feedback_reports"][0]["published"] = "2025-11-29"
    assert_quiet("offer.feedback_stale", data)


def test_feedback_undated_is_reported_as_stale() -> None:
    data = clean()
    del data["feedback_reports"][0]["published"]
    assert_hit(data, "offer.feedback_stale", "error", "/feedback_reports/0/published")


def test_feedback_no_response() -> None:
    assert_quiet("offer.feedback_no_response")
    data = clean()
    data["feedback_reports"][0]["items"].append({"you_said": "The website is slow."})
    assert_hit(data, "offer.feedback_no_response", "warning", "/feedback_reports/0/items/1/we_did")


def test_offline_access_missing() -> None:
    assert_quiet("offer.offline_access_missing")
    assert_hit(changed(offline_access="   "), "offer.offline_access_missing", "error", "/offline_access")


def test_accessibility_statement_missing() -> None:
    assert_quiet("offer.accessibility_statement_missing")
    data = clean()
    del data["accessibility_statement"]
    assert_hit(data, "offer.accessibility_statement_missing", "warning", "/accessibility_statement")


def test_accessible_formats_missing_names_the_missing_format() -> None:
    assert_quiet("offer.accessible_formats_missing")
    data = clean()
    data["documents"][0]["accessible_versions"] = [{"format": "easy-read", "url": "https://www.testborough.gov.uk/e"}]
    hit = assert_hit(data, "offer.accessible_formats_missing", "warning", "/documents")
    assert hit[0].value == "bsl"
    assert "British Sign Language" in hit[0].message


def test_contact_missing() -> None:
    assert_quiet("offer.contact_missing")
    data = clean()
    del data["contact"]
    assert_hit(data, "offer.contact_missing", "warning", "/contact")


def test_contact_without_email_or_phone() -> None:
    assert_hit(changed(contact={"name": "SEND team"}), "offer.contact_missing", "warning", "/contact")


def test_review_stale() -> None:
    assert_quiet("offer.review_stale")
    hit = assert_hit(changed(last_reviewed="2025-06-30"), "offer.review_stale", "warning", "/last_reviewed")
    assert "2026-11-29" in hit[0].message


def test_review_missing_date() -> None:
    data = clean()
    del data["last_reviewed"]
    assert_hit(data, "offer.review_stale", "warning", "/last_reviewed")


def test_website_missing() -> None:
    assert_quiet("offer.website_missing")
    data = clean()
    del data["website"]
    assert_hit(data, "offer.website_missing", "warning", "/website")


def test_statutory_link_missing_one_finding_per_topic() -> None:
    assert_quiet("offer.statutory_link_missing")
    data = clean()
    data["statutory_links"] = [link for link in data["statutory_links"] if link["topic"] not in ("mediation", "s41-list")]
    hits = assert_hit(data, "offer.statutory_link_missing", "error", "/statutory_links", "/statutory_links")
    assert sorted(h.value or "" for h in hits) == ["mediation", "s41-list"]


def test_optional_topics_are_not_required() -> None:
    data = clean()
    assert not any(link["topic"] in ("parent-carer-forum", "higher-education") for link in data["statutory_links"])
    assert_quiet("offer.statutory_link_missing", data)
