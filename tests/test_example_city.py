"""The bundled City of London example: complete, deterministic, and with no errors as of
2026-11-29, its only warnings the deliberate ones its README lists."""

from __future__ import annotations

import datetime as dt
import io
import re
import runpy
import typing
from typing import Any

import pytest
from pydantic import BaseModel

import sendlocaloffer
from sendlocaloffer import LocalOffer, mint_id, offer_namespace, vocab
from sendlocaloffer.checks.findings import Severity

from .conftest import EXAMPLE

AS_OF = dt.date(2026, 11, 29)
README = EXAMPLE.with_name("README.md")


@pytest.fixture(scope="module")
def city() -> LocalOffer:
    return sendlocaloffer.load(EXAMPLE)


def test_no_errors_as_of_the_fixed_date() -> None:
    report = sendlocaloffer.validate_file(EXAMPLE, as_of=AS_OF)
    assert report.ok
    assert [f for f in report if f.severity is Severity.ERROR] == []


def test_every_warning_is_listed_in_the_readme() -> None:
    report = sendlocaloffer.validate_file(EXAMPLE, as_of=AS_OF)
    warnings_section = README.read_text("utf-8").split("## Warnings", 1)[1]
    documented = set(re.findall(r"^- `([a-z_.]+)` at `([^`]+)`", warnings_section, flags=re.MULTILINE))
    assert documented, "the README lists no warnings"
    assert {(f.code, f.path) for f in report} == documented


def test_at_least_25_services_in_every_category_and_level(city: LocalOffer) -> None:
    assert len(city.services) >= 25
    assert {c for s in city.services for c in s.provision_categories} == set(vocab.get("provision-categories").codes)
    assert {s.level for s in city.services} == set(vocab.get("levels").codes)
    assert {s.in_area for s in city.services} == {True, False}


def test_every_schedule2_provider_type_is_present_or_said_to_be_absent(city: LocalOffer) -> None:
    present = {s.provider_type for s in city.services if s.in_area}
    absent = {a.provider_type for a in city.absent_provision if a.in_area}
    for code in vocab.get("provider-types").flagged("schedule2"):
        assert (code in present) != (code in absent), code


def test_every_statutory_topic_is_linked(city: LocalOffer) -> None:
    assert {link.topic for link in city.statutory_links} == set(vocab.get("statutory-topics").codes)


def test_authority_strategy_and_offline_access(city: LocalOffer) -> None:
    assert (city.local_authority.name, city.local_authority.gss_code) == ("City of London Corporation", "E09000001")
    strategy = next(d for d in city.documents if d.kind == "send-strategy")
    assert {"easy-read", "bsl"} <= {v.format for v in strategy.accessible_versions}
    assert city.offline_access and "email" in city.offline_access


def test_ids_are_minted_from_the_city_namespace(city: LocalOffer) -> None:
    ns = offer_namespace("E09000001")
    assert city.id == ns
    orgs = {o.id: o.name for o in city.organisations}
    for s in city.services:
        assert s.organisation_id is not None
        assert s.id == mint_id(ns, "service", s.name, orgs[s.organisation_id])
    for o in city.organisations:
        assert o.id == mint_id(ns, "organisation", o.name)
    for loc in city.locations:
        assert loc.id == mint_id(ns, "location", loc.name)


def test_build_script_reproduces_the_file_byte_for_byte() -> None:
    ns = runpy.run_path(str(EXAMPLE.with_name("build.py")), run_name="not_main")
    buf = io.BytesIO()
    sendlocaloffer.dump(ns["OFFER"], buf, format="json")
    assert buf.getvalue() == EXAMPLE.read_bytes()


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def test_every_model_field_is_used_somewhere() -> None:
    """Every field of every model class appears in the file, except Address.country, whose
    default (GB) is left out by the writer and which every UK address shares."""
    import json

    used: set[tuple[str, str]] = set()

    def walk(model: type[BaseModel], value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(model, item)
            return
        if not isinstance(value, dict):
            return
        for key, inner in value.items():
            used.add((model.__name__, key))
            info = model.model_fields.get(key)
            sub = _submodel(info.annotation) if info is not None else None
            if sub is not None:
                walk(sub, inner)

    walk(LocalOffer, json.loads(EXAMPLE.read_text("utf-8")))
    wanted: set[tuple[str, str]] = set()
    todo: list[type[BaseModel]] = [LocalOffer]
    seen: set[str] = set()
    while todo:
        model = todo.pop()
        if model.__name__ in seen:
            continue
        seen.add(model.__name__)
        for name, info in model.model_fields.items():
            wanted.add((model.__name__, name))
            sub = _submodel(info.annotation)
            if sub is not None:
                todo.append(sub)
    assert wanted - used == {("Address", "country")}


def test_no_personal_names_in_contacts(city: LocalOffer) -> None:
    contacts = [c for c in [city.contact] if c is not None]
    for s in city.services:
        contacts += s.contacts
        if s.access.referral_contact:
            contacts.append(s.access.referral_contact)
        if s.school and s.school.senco:
            contacts.append(s.school.senco)
    words = ("team", "senco", "officer", "clinician", "service", "duty", "forum", "manager", "co-ordinator")
    for c in contacts:
        label = f"{c.name or ''} {c.role or ''}".lower()
        assert any(w in label for w in words), f"contact {c} should be a role or team"
