"""`sendlocaloffer gaps`: coverage of active services by need, age band and kind of provision."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import given, settings

from sendlocaloffer import api, vocab
from sendlocaloffer.analysis.gaps import AGE_BANDS, ANY_NEED, analyse_gaps, need_rows
from sendlocaloffer.model import LocalOffer, Service

from .conftest import EXAMPLE
from .strategies import offers

NEEDS = vocab.get("needs")


@pytest.fixture
def example() -> LocalOffer:
    if not EXAMPLE.is_file():
        pytest.skip(f"the City of London example {EXAMPLE} is not there yet")
    return api.load(EXAMPLE)


def _direct_serves(service: Service, row: str) -> bool:
    """Whether ``service`` counts under need ``row``, decided from the vocabulary directly."""
    named = set(service.eligibility.needs)
    if row == ANY_NEED:
        return not named
    if row in named:
        return True
    term = NEEDS[row]
    if term.broader is None:  # a broad area: any census code under it counts
        return any(NEEDS[n].broader == row for n in named)
    return term.broader in named  # a census code: a service for its whole broad area counts


def _direct_count(offer: LocalOffer, row: str, low: int, high: int, scope: Any = None) -> tuple[int, int]:
    """Active services (and their distinct providers) for ``row`` overlapping ages low-high."""
    count, providers = 0, set()
    for s in offer.services:
        if s.status != "active" or (scope is not None and not scope(s)):
            continue
        lo, hi = _ages(s)
        if lo <= high and hi >= low and _direct_serves(s, row):
            count += 1
            providers.add(s.organisation_id or s.id)
    return count, len(providers)


def _scopes() -> dict[str, Any]:
    scopes: dict[str, Any] = {"all": None, "area:in": lambda s: s.in_area, "area:out": lambda s: not s.in_area}
    for code in vocab.get("provision-categories").codes:
        scopes[f"category:{code}"] = lambda s, c=code: c in s.provision_categories
    for code in vocab.get("levels").codes:
        scopes[f"level:{code}"] = lambda s, c=code: s.level == c
    return scopes


def _assert_counts_match(offer: LocalOffer) -> None:
    report = analyse_gaps(offer)
    for key, scope in _scopes().items():
        table = report.table(key)
        for row in need_rows():
            for band in AGE_BANDS:
                cell = table.cell(row.code, band.label)
                expected = _direct_count(offer, row.code, band.low, band.high, scope)
                assert (cell.count, cell.provider_count) == expected, (key, row.code, band.label)
                assert cell.status == ("gap" if expected[0] == 0 else "risk" if expected[1] == 1 else "ok")


def _ages(service: Service) -> tuple[int, int]:
    e = service.eligibility
    return (0 if e.min_age is None else e.min_age), (25 if e.max_age is None else e.max_age)


def _semh_16_18(service: Service) -> bool:
    """Whether the service is for SEMH (the census code or its broad area) at any age 16-18."""
    low, high = _ages(service)
    return low <= 18 and high >= 16 and bool({"SEMH", "social-emotional-mental-health"} & set(service.eligibility.needs))


def test_removing_every_semh_service_at_16_to_18_reports_that_gap(example: LocalOffer) -> None:
    before = analyse_gaps(example).overall.cell("SEMH", "16-18")
    assert before.count > 0, "the example should serve SEMH at 16-18 before the test removes it"
    cut = example.model_copy(update={"services": [s for s in example.services if not _semh_16_18(s)]})
    report = analyse_gaps(cut)
    assert report.overall.cell("SEMH", "16-18").status == "gap"
    assert ("SEMH", "16-18") in report.overall.with_status("gap")
    assert ("SEMH", "16-18") not in analyse_gaps(example).overall.with_status("gap")


def test_counts_match_a_direct_count_over_the_example(example: LocalOffer) -> None:
    _assert_counts_match(example)


def test_counts_match_a_direct_count_with_the_semh_gap(example: LocalOffer) -> None:
    _assert_counts_match(example.model_copy(update={"services": [s for s in example.services if not _semh_16_18(s)]}))


@settings(max_examples=40)
@given(offers(max_services=8))
def test_counts_match_a_direct_count_for_any_offer(offer: LocalOffer) -> None:
    _assert_counts_match(offer)


def _offer(*services: dict[str, Any]) -> LocalOffer:
    ns = uuid.uuid4()
    return LocalOffer.model_validate({
        "id": str(ns), "title": "Test offer", "local_authority": {"name": "Test Council"},
        "organisations": [{"id": str(uuid.uuid5(ns, o)), "name": o} for o in ("Org A", "Org B")],
        "services": [{"id": str(uuid.uuid5(ns, f"s{i}")), "name": f"Service {i}", **s} for i, s in enumerate(services)],
    })


def _org(offer: LocalOffer, name: str) -> str:
    return str(next(o.id for o in offer.organisations if o.name == name))


def test_one_provider_is_a_risk_and_two_are_not() -> None:
    offer = _offer({"eligibility": {"needs": ["ASD"]}}, {"eligibility": {"needs": ["ASD"]}})
    one = offer.model_copy(deep=True)
    for s in one.services:
        s.organisation_id = uuid.UUID(_org(offer, "Org A"))
    assert analyse_gaps(one).overall.cell("ASD", "5-10").status == "risk"
    two = offer.model_copy(deep=True)
    two.services[0].organisation_id = uuid.UUID(_org(offer, "Org A"))
    two.services[1].organisation_id = uuid.UUID(_org(offer, "Org B"))
    cell = analyse_gaps(two).overall.cell("ASD", "5-10")
    assert (cell.count, cell.provider_count, cell.status) == (2, 2, "ok")


def test_age_band_edges_are_inclusive_and_missing_ages_cover_0_to_25() -> None:
    offer = _offer({"eligibility": {"needs": ["HI"], "min_age": 16, "max_age": 16}}, {"eligibility": {"needs": ["VI"]}})
    table = analyse_gaps(offer).overall
    assert [table.cell("HI", b.label).count for b in AGE_BANDS] == [0, 0, 0, 1, 0]
    assert [table.cell("VI", b.label).count for b in AGE_BANDS] == [1, 1, 1, 1, 1]


def test_broad_area_and_census_code_count_each_other() -> None:
    offer = _offer({"eligibility": {"needs": ["social-emotional-mental-health"]}}, {"eligibility": {"needs": ["ASD"]}})
    table = analyse_gaps(offer).overall
    assert table.cell("SEMH", "0-4").count == 1  # a service for the whole area serves its census code
    assert table.cell("communication-interaction", "0-4").count == 1  # ASD is under communication and interaction
    assert table.cell("SLCN", "0-4").count == 0  # but ASD does not serve its sibling SLCN


def test_services_naming_no_need_have_their_own_row_unless_counted_for_all() -> None:
    offer = _offer({}, {"eligibility": {"needs": ["PD"]}})
    assert analyse_gaps(offer).overall.cell("SEMH", "0-4").status == "gap"
    assert analyse_gaps(offer).overall.cell(ANY_NEED, "0-4").count == 1
    assert analyse_gaps(offer, open_counts_for_all=True).overall.cell("SEMH", "0-4").count == 1


def test_only_active_services_count() -> None:
    offer = _offer({"eligibility": {"needs": ["MLD"]}, "status": "defunct"},
                   {"eligibility": {"needs": ["MLD"]}, "status": "temporarily closed"})
    report = analyse_gaps(offer)
    assert report.overall.cell("MLD", "5-10").status == "gap"
    assert report.active == 0
    assert report.excluded == {"defunct": 1, "temporarily closed": 1}


def test_scopes_split_by_category_level_and_area() -> None:
    offer = _offer({"eligibility": {"needs": ["PD"]}, "provision_categories": ["health"], "level": "specialist", "in_area": False})
    report = analyse_gaps(offer)
    assert report.table("category:health").cell("PD", "0-4").count == 1
    assert report.table("category:education").cell("PD", "0-4").count == 0
    assert report.table("level:specialist").cell("PD", "0-4").count == 1
    assert report.table("level:universal").cell("PD", "0-4").count == 0
    assert report.table("area:out").cell("PD", "0-4").count == 1
    assert report.table("area:in").cell("PD", "0-4").count == 0
