"""`sendlocaloffer diff`: services added, removed and changed, field by field."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path

import pytest
from hypothesis import given, settings

from sendlocaloffer import api
from sendlocaloffer.analysis.diff import DifferentCouncilsError, diff_offers
from sendlocaloffer.cli import main
from sendlocaloffer.model import LocalOffer, Service, mint_id, offer_namespace
from sendlocaloffer.publish.diff import render_diff

from .conftest import EXAMPLE
from .strategies import offers


@pytest.fixture
def example() -> LocalOffer:
    if not EXAMPLE.is_file():
        pytest.skip(f"the City of London example {EXAMPLE} is not there yet")
    return api.load(EXAMPLE)


def _edited(example: LocalOffer) -> tuple[LocalOffer, Service, Service]:
    """The example with one service added, one removed and three fields changed."""
    new = example.model_copy(deep=True)
    removed = new.services.pop(5)
    added = Service(id=mint_id(offer_namespace("E09000001"), "service", "Saturday sensory club", "City of London Corporation"),
                    name="Saturday sensory club", description="A quiet Saturday morning club.", provision_categories=["leisure-short-breaks"])
    new.services.append(added)
    new.services[0].description = "A new description."
    new.services[1].eligibility.max_age = 19 if new.services[1].eligibility.max_age != 19 else 20
    new.services[2].cost.kind = "paid" if new.services[2].cost.kind != "paid" else "free"
    return new, added, removed


EXPECTED_FIELDS = {(0, "/description"), (1, "/eligibility/max_age"), (2, "/cost/kind")}


def test_reports_exactly_one_added_one_removed_and_three_changed_fields(example: LocalOffer) -> None:
    new, added, removed = _edited(example)
    changes = diff_offers(example, new)
    assert [(i.kind, i.id) for i in changes.added] == [("service", str(added.id))]
    assert [(i.kind, i.id) for i in changes.removed] == [("service", str(removed.id))]
    ids = [str(s.id) for s in new.services]
    got = {(ids.index(i.id), f.path) for i in changes.changed for f in i.fields}
    assert got == EXPECTED_FIELDS
    assert changes.offer_fields == []
    assert changes.counts() == {"service": {"added": 1, "removed": 1, "changed": 3},
                                "organisation": {"added": 0, "removed": 0, "changed": 0},
                                "location": {"added": 0, "removed": 0, "changed": 0}}
    max_age = next(f for i in changes.changed for f in i.fields if f.path == "/eligibility/max_age")
    assert (max_age.old, max_age.new, max_age.title) == (
        example.services[1].eligibility.max_age, new.services[1].eligibility.max_age, "Eligibility > Maximum age")


def test_command_reports_the_same_changes_as_json_and_exits_1(example: LocalOffer, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    new, added, removed = _edited(example)
    path = tmp_path / "new.json"
    api.dump(new, path)
    assert main(["diff", str(EXAMPLE), str(path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(i["change"], i["id"]) for i in data["items"] if i["change"] != "changed"] == [
        ("removed", str(removed.id)), ("added", str(added.id))]
    assert sorted(f["path"] for i in data["items"] if i["change"] == "changed" for f in i["fields"]) == sorted(
        p for _, p in EXPECTED_FIELDS)


def test_text_and_csv_name_each_change(example: LocalOffer) -> None:
    new, added, removed = _edited(example)
    changes = diff_offers(example, new)
    text = render_diff(changes, "text")
    assert f"Added service: {added.name}" in text and f"Removed service: {removed.name}" in text
    assert "Cost > Cost (/cost/kind)" in text
    rows = list(csv.DictReader(io.StringIO(render_diff(changes, "csv"))))
    assert sorted((r["change"], r["path"]) for r in rows) == sorted(
        [("added", ""), ("removed", "")] + [("changed", p) for _, p in EXPECTED_FIELDS])


def test_identical_offers_have_no_differences(example: LocalOffer, capsys: pytest.CaptureFixture[str]) -> None:
    assert not diff_offers(example, example.model_copy(deep=True))
    assert main(["diff", str(EXAMPLE), str(EXAMPLE)]) == 0
    assert "No differences." in capsys.readouterr().out


def test_offers_from_different_councils_are_refused_unless_forced(example: LocalOffer, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    other = example.model_copy(deep=True, update={"id": offer_namespace("E09000012")})
    other.local_authority.name = "London Borough of Hackney"
    other.local_authority.gss_code = "E09000012"
    with pytest.raises(DifferentCouncilsError, match="different councils"):
        diff_offers(example, other)
    path = tmp_path / "hackney.json"
    api.dump(other, path)
    assert main(["diff", str(EXAMPLE), str(path)]) == 2
    err = capsys.readouterr().err
    assert "different councils" in err and "E09000012" in err and "--force" in err and "Traceback" not in err
    assert main(["diff", str(EXAMPLE), str(path), "--force"]) == 1
    assert "different councils" in capsys.readouterr().out
    forced = diff_offers(example, other, force=True)
    assert forced.forced and {f.path for f in forced.offer_fields} >= {"/id", "/local_authority/name", "/local_authority/gss_code"}


def test_a_service_whose_id_changed_is_matched_by_name(example: LocalOffer) -> None:
    new = example.model_copy(deep=True)
    new.services[3].id = uuid.uuid4()
    changes = diff_offers(example, new)
    assert not changes.added and not changes.removed
    assert [[f.path for f in i.fields] for i in changes.changed] == [["/id"]]


def test_organisation_and_offer_changes_are_reported(example: LocalOffer) -> None:
    new = example.model_copy(deep=True)
    new.organisations[0].website = "https://example.org/new"
    new.title = "City of London SEND Local Offer 2027"
    changes = diff_offers(example, new)
    assert [(i.kind, [f.path for f in i.fields]) for i in changes.changed] == [("organisation", ["/website"])]
    assert [(f.path, f.new) for f in changes.offer_fields] == [("/title", "City of London SEND Local Offer 2027")]


@settings(max_examples=30)
@given(offers(max_services=6))
def test_any_offer_has_no_differences_from_itself_in_any_order(offer: LocalOffer) -> None:
    shuffled = offer.model_copy(deep=True, update={"services": list(reversed(offer.services))})
    assert not diff_offers(offer, shuffled)


@settings(max_examples=30)
@given(offers(max_services=6))
def test_removing_every_service_reports_each_as_removed(offer: LocalOffer) -> None:
    changes = diff_offers(offer, offer.model_copy(update={"services": []}))
    assert sorted(i.id for i in changes.removed) == sorted(str(s.id) for s in offer.services)
    assert not changes.added and not changes.changed


def test_offers_in_different_formats_compare_through_the_model(example: LocalOffer, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sendlocaloffer.formats.xlsx", reason="the xlsx format is not there yet")
    new, _, _ = _edited(example)
    path = tmp_path / "new.xlsx"
    api.dump(new, path)
    assert main(["diff", str(EXAMPLE), str(path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["service"] == {"added": 1, "removed": 1, "changed": 3}
    assert sorted(f["path"] for i in data["items"] if i["change"] == "changed" for f in i["fields"]) == sorted(
        p for _, p in EXPECTED_FIELDS)


def test_a_changed_organisation_is_shown_by_name(example: LocalOffer) -> None:
    new = example.model_copy(deep=True)
    service = new.services[0]
    other = next(o for o in new.organisations if o.id != service.organisation_id)
    service.organisation_id = other.id
    text = render_diff(diff_offers(example, new), "text")
    assert "Organisation (/organisation_id): " in text
    assert f"-> {other.name} ({other.id})" in text


def test_html_changes_page_escapes_what_changed(example: LocalOffer) -> None:
    new = example.model_copy(deep=True)
    new.services[0].description = "<script>alert(1)</script>\u202eevil"
    page = render_diff(diff_offers(example, new), "html")
    assert "<script" not in page and "\u202e" not in page
    assert "<ins><bdi>&lt;script&gt;alert(1)&lt;/script&gt;evil</bdi></ins>" in page
