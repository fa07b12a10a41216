"""examples/broken: one offer with a fault for each rule, each finding pinned to its place."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections import defaultdict

import sendlocaloffer
from sendlocaloffer.checks.findings import Severity
from sendlocaloffer.checks.registry import get_rule

from .conftest import REPO

BROKEN = REPO / "examples" / "broken" / "offer.json"
AS_OF = dt.date(2026, 11, 29)

#: Every finding of the broken offer as of 2026-11-29: code -> JSON pointers (repeated where
#: the rule speaks several times at one place).
EXPECTED_PATHS: dict[str, list[str]] = {
    "offer.feedback_stale": ["/feedback_reports/0/published"],
    "offer.feedback_no_response": ["/feedback_reports/0/items/0/we_did"],
    "offer.offline_access_missing": ["/offline_access"],
    "offer.accessibility_statement_missing": ["/accessibility_statement"],
    "offer.accessible_formats_missing": ["/documents"],
    "offer.contact_missing": ["/contact"],
    "offer.review_stale": ["/last_reviewed"],
    "offer.website_missing": ["/website"],
    "offer.statutory_link_missing": ["/statutory_links"] * 7,
    "coverage.category_missing": ["/services"] * 10,
    "coverage.level_missing": ["/services"] * 2,
    "coverage.out_of_area_missing": ["/services"],
    "coverage.provider_type_missing": ["/absent_provision"] * 7,
    "coverage.provider_type_missing_outside": ["/absent_provision"] * 7,
    "coverage.absent_contradicted": ["/absent_provision/0"],
    "coverage.independent_school_missing": ["/services"],
    "service.school_report_missing": ["/services/0/school/sen_information_report"],
    "service.senco_missing": ["/services/0/school/senco"],
    "service.name_missing": ["/services/1/name"],
    "service.description_missing": ["/services/2/description"],
    "service.no_contact": ["/services/3"],
    "service.access_missing": ["/services/4/access"],
    "service.ages_missing": ["/services/5/eligibility"],
    "service.ages_implausible": ["/services/6/eligibility"],
    "service.cost_missing": ["/services/7/cost/kind"],
    "service.cost_amount_missing": ["/services/8/cost"],
    "service.never_checked": ["/services/9/last_checked"],
    "service.stale": ["/services/10/last_checked"],
    "service.very_stale": ["/services/11/last_checked"],
    "service.needs_missing": ["/services/12/eligibility/needs"],
    "service.defunct": ["/services/13/status"],
    "service.category_missing": ["/services/14/provision_categories"],
    "service.level_missing": ["/services/15/level"],
    "service.organisation_missing": ["/services/16/organisation_id"],
    "service.hours_invalid": ["/services/17/opening_hours/0"],
    "service.date_range_invalid": ["/services/18/closures/0"],
    "integrity.duplicate_id": ["/services/19/id"],
    "integrity.unknown_organisation": ["/services/20/organisation_id"],
    "integrity.unknown_location": ["/services/21/location_ids/0"],
    "integrity.organisation_unused": ["/organisations/2"],
    "integrity.location_unused": ["/locations/1"],
    "quality.placeholder": ["/services/22/description", "/services/22/email"],
    "quality.duplicate_service": ["/services/24"],
    "quality.copied_description": ["/services/25/description", "/services/26/description", "/services/27/description"],
}

#: For findings about the offer as a whole, the value says which thing is missing.
EXPECTED_VALUES: dict[str, list[str]] = {
    "offer.statutory_link_missing": ["mediation", "personal-budgets", "s41-list", "sendiass", "short-breaks-statement",
                                     "transport-policy", "tribunal-appeals"],
    "coverage.category_missing": ["assessment-ehc-plans", "childcare", "complaints-disagreement", "health",
                                  "information-advice-support", "leisure-short-breaks", "preparing-for-adulthood",
                                  "social-care", "training-employment", "travel-transport"],
    "coverage.level_missing": ["specialist", "targeted"],
    "coverage.provider_type_missing": ["academy", "commissioned", "early-years", "non-maintained-special-school",
                                       "post-16", "pupil-referral-unit", "s41-institution"],
    "coverage.provider_type_missing_outside": ["academy", "early-years", "maintained-school",
                                               "non-maintained-special-school", "post-16", "pupil-referral-unit",
                                               "s41-institution"],
}


def _report() -> sendlocaloffer.Report:
    return sendlocaloffer.validate_file(BROKEN, as_of=AS_OF)


def test_broken_offer_reads_cleanly_so_only_rules_speak() -> None:
    result = sendlocaloffer.read(BROKEN)
    assert result.findings == [] and result.offer is not None


def test_broken_offer_triggers_at_least_25_codes() -> None:
    assert len(_report().codes()) >= 25
    assert len(EXPECTED_PATHS) >= 25


def test_every_finding_is_at_its_pinned_place() -> None:
    paths: dict[str, list[str]] = defaultdict(list)
    for f in _report():
        paths[f.code].append(f.path)
    assert {c: sorted(p) for c, p in paths.items()} == {c: sorted(p) for c, p in EXPECTED_PATHS.items()}


def test_offer_wide_findings_name_what_is_missing() -> None:
    values: dict[str, list[str]] = defaultdict(list)
    for f in _report():
        if f.code in EXPECTED_VALUES:
            values[f.code].append(f.value or "")
    assert {c: sorted(v) for c, v in values.items()} == EXPECTED_VALUES


def test_findings_carry_their_rules_severity_and_citation_and_a_line() -> None:
    for f in _report():
        r = get_rule(f.code)
        assert r is not None
        assert f.severity is r.severity and f.citation == r.citation
        assert f.location is not None and f.location.file and f.location.line, f


def test_service_findings_name_the_service() -> None:
    by_path = {f.path: f for f in _report()}
    place = by_path["/services/10/last_checked"].location
    assert place is not None and place.row_key == "Chess Club"


def test_command_line_exits_1_and_prints_every_code() -> None:
    out = subprocess.run([sys.executable, "-m", "sendlocaloffer.cli", "validate", str(BROKEN), "--as-of", "2026-11-29",
                          "--format", "json"], capture_output=True, text=True, check=False)
    assert out.returncode == 1, out.stderr
    data = json.loads(out.stdout)
    assert {f["code"] for f in data["findings"]} == set(EXPECTED_PATHS)
    assert data["ok"] is False and data["counts"]["error"] > 0


def test_build_script_writes_the_committed_file() -> None:
    import runpy

    ns = runpy.run_path(str(BROKEN.with_name("build.py")), run_name="not_main")
    built = sendlocaloffer.LocalOffer.model_validate(ns["DATA"])
    assert built == sendlocaloffer.load(BROKEN)


def test_severities_are_mixed() -> None:
    counts = _report().counts()
    assert counts[Severity.ERROR.value] and counts[Severity.WARNING.value] and counts[Severity.INFO.value]
