"""Hypothesis strategies for valid Local Offers that use every field; shared by every format's
round-trip tests.

Text is what a council would type: printable, no leading or trailing spaces, and (for short
list items such as languages) no ``;``, the spreadsheet list separator. Some text starts with
``=``, ``+``, ``-`` or ``@`` on purpose, to exercise formula-injection escaping. Optional text
is never empty (an empty cell means "not given").
"""

from __future__ import annotations

import datetime as dt
import string
import uuid
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from sendlocaloffer import vocab
from sendlocaloffer.model import LocalOffer

# Valid UK numbers in the form the model normalises them to.
PHONES = [
    "020 7332 1002", "020 7332 3000", "0121 496 0000", "0161 496 0123", "0113 496 0999",
    "07400 123456", "07911 123456", "0800 123 4567", "0300 123 4567", "0345 600 9009", "0808 808 3555", "111",
]
POSTCODES = ["EC2V 7HH", "EC2P 2EJ", "EC1A 1BB", "E1 6AN", "N1 9GU", "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT"]

_WORD = st.text(alphabet=string.ascii_letters + "éàç'", min_size=1, max_size=10)
_PRINTABLE = st.characters(
    codec="utf-8",
    exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
)


def _clean(text: str) -> str:
    return " ".join(text.split())


def short_text(max_words: int = 5) -> st.SearchStrategy[str]:
    """A non-empty line of text, no ``;``."""
    tricky = st.sampled_from(["=SUM(A1:A2)", "+44 team", "-minus", "@handle", "'quoted", "Café Ünïcode", "ASD & SLCN <b>"])
    words = st.lists(_WORD, min_size=1, max_size=max_words).map(" ".join)
    return st.one_of(words, tricky, st.text(_PRINTABLE, min_size=1, max_size=20).map(_clean)).map(
        lambda t: t.replace(";", ",")
    ).filter(bool)


def long_text() -> st.SearchStrategy[str]:
    """Paragraphs: may hold newlines, markup-like text and formula-like starts."""
    para = st.lists(short_text(8), min_size=1, max_size=3).map(". ".join)
    return st.lists(para, min_size=1, max_size=3).map("\n\n".join)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def codes(name: str) -> st.SearchStrategy[str]:
    return st.sampled_from(vocab.get(name).codes)


def code_lists(name: str, max_size: int = 4) -> st.SearchStrategy[list[str]]:
    return st.lists(codes(name), max_size=max_size, unique=True)


dates = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31))
emails = st.builds(lambda a, b: f"{a}@{b}.gov.uk", st.from_regex(r"[a-z][a-z0-9]{0,5}(?:\.[a-z0-9]{1,5})?", fullmatch=True),
                   st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True))
urls = st.builds(lambda host, path: f"https://{host}.example.org/{path}",
                 st.from_regex(r"[a-z][a-z0-9-]{0,12}[a-z0-9]", fullmatch=True),
                 st.from_regex(r"[a-z0-9/_-]{0,20}", fullmatch=True))
money = st.decimals(min_value=Decimal(0), max_value=Decimal(5000), places=2, allow_nan=False, allow_infinity=False)
ids = st.uuids(version=4)
extensions = st.dictionaries(
    st.from_regex(r"x_[a-z]{1,8}", fullmatch=True),
    st.one_of(short_text(3), st.integers(-1000, 1000), st.booleans()),
    max_size=2,
)


def phones() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"number": st.sampled_from(PHONES), "type": codes("phone-types")},
        optional={"id": ids, "extension": st.from_regex(r"[0-9]{2,4}", fullmatch=True), "description": short_text()},
    )


def contacts() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"name": short_text(3)},
        optional={"id": ids, "role": short_text(), "department": short_text(), "email": emails,
                  "phones": st.lists(phones(), max_size=2)},
    )


def organisations() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"id": ids, "name": short_text(4)},
        optional={
            "description": long_text(), "website": urls, "email": emails, "phones": st.lists(phones(), max_size=2),
            "identifiers": st.lists(st.fixed_dictionaries({"scheme": st.sampled_from(["GB-CHC", "GB-COH", "GB-EDU"]),
                                                           "value": st.from_regex(r"[0-9]{6,8}", fullmatch=True)}), max_size=2),
            "extensions": extensions,
        },
    )


def addresses() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"line1": short_text(4), "town": short_text(2), "postcode": st.sampled_from(POSTCODES)},
        optional={"line2": short_text(3), "county": short_text(2)},
    )


def locations() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"id": ids, "name": short_text(4)},
        optional={
            "description": long_text(), "type": codes("location-types"), "address": addresses(),
            "latitude": st.floats(49.5, 60.5).map(lambda x: round(x, 6)),
            "longitude": st.floats(-8.0, 1.7).map(lambda x: round(x, 6)),
            "uprn": st.integers(1, 10**12 - 1).map(str), "accessibility": code_lists("accessibility-features"),
            "accessibility_notes": long_text(), "url": urls, "extensions": extensions,
        },
    )


@st.composite
def opening_times(draw: st.DrawFn) -> dict[str, Any]:
    opens = draw(st.integers(6 * 60, 12 * 60))
    closes = draw(st.integers(opens + 15, 22 * 60))
    out: dict[str, Any] = {
        "days": draw(st.lists(codes("weekdays"), min_size=1, max_size=7, unique=True)),
        "opens": dt.time(opens // 60, opens % 60), "closes": dt.time(closes // 60, closes % 60),
    }
    if draw(st.booleans()):
        start = draw(dates)
        out["valid_from"] = start
        out["valid_to"] = start + dt.timedelta(days=draw(st.integers(0, 365)))
    if draw(st.booleans()):
        out["note"] = draw(short_text())
    if draw(st.booleans()):
        out["id"] = draw(ids)
    return out


@st.composite
def closures(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(dates)
    out: dict[str, Any] = {"start": start}
    if draw(st.booleans()):
        out["end"] = start + dt.timedelta(days=draw(st.integers(0, 30)))
    if draw(st.booleans()):
        out["reason"] = draw(short_text())
    return out


@st.composite
def eligibilities(draw: st.DrawFn) -> dict[str, Any]:
    lo = draw(st.integers(0, 25))
    hi = draw(st.integers(lo, 25))
    out: dict[str, Any] = {"needs": draw(code_lists("needs"))}
    if draw(st.booleans()):
        out["min_age"] = lo
    if draw(st.booleans()):
        out["max_age"] = hi
    if draw(st.booleans()):
        out["ehc_plan_required"] = draw(st.booleans())
    if draw(st.booleans()):
        out["description"] = draw(long_text())
    return out


def cost_options() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {},
        optional={"id": ids, "option": short_text(), "amount": money, "amount_description": short_text(),
                  "valid_from": dates, "valid_to": dates},
    )


def costs() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {},
        optional={"kind": codes("cost-kinds"), "options": st.lists(cost_options(), max_size=2),
                  "personal_budget": st.booleans(), "direct_payments": st.booleans(), "description": long_text()},
    )


def taxonomy_terms() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"taxonomy": st.sampled_from(["dfe-family-hubs", "esd-services", "local"]), "code": short_text(3)},
        optional={"label": short_text(), "uri": urls, "parent": short_text(3)},
    )


@st.composite
def services(draw: st.DrawFn, organisation_ids: list[uuid.UUID] | None = None,
             location_ids: list[uuid.UUID] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": draw(ids), "name": draw(short_text(5))}
    optional_fields: dict[str, st.SearchStrategy[Any]] = {
        "description": long_text(), "status": codes("service-status"),
        "provision_categories": code_lists("provision-categories"), "level": codes("levels"),
        "provider_type": codes("provider-types"), "in_area": st.booleans(), "send_specific": st.booleans(),
        "eligibility": eligibilities(),
        "access": st.fixed_dictionaries({}, optional={"routes": code_lists("access-routes"), "how_to_apply": long_text(),
                                                      "referral_contact": contacts()}),
        "delivery": code_lists("delivery-methods"), "cost": costs(), "contacts": st.lists(contacts(), max_size=2),
        "phones": st.lists(phones(), max_size=2), "email": emails, "website": urls,
        "opening_hours": st.lists(opening_times(), max_size=3), "closures": st.lists(closures(), max_size=2),
        "hours_description": long_text(), "areas_served": st.lists(short_text(3), max_size=2, unique=True),
        "languages": st.lists(st.sampled_from(["English", "Welsh", "British Sign Language", "Bengali", "Polish"]), max_size=3, unique=True),
        "accessibility": long_text(), "last_checked": dates, "checked_by": short_text(),
        "school": st.fixed_dictionaries({}, optional={"urn": st.from_regex(r"[0-9]{6}", fullmatch=True),
                                                      "sen_information_report": urls, "senco": contacts()}),
        "taxonomy_terms": st.lists(taxonomy_terms(), max_size=2), "extensions": extensions,
    }
    for key, strategy in optional_fields.items():
        if draw(st.booleans()):
            out[key] = draw(strategy)
    if organisation_ids and draw(st.booleans()):
        out["organisation_id"] = draw(st.sampled_from(organisation_ids))
    if location_ids:
        out["location_ids"] = draw(st.lists(st.sampled_from(location_ids), max_size=2, unique=True))
    return out


def _unique_by(key: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[Any] = set()
    out = []
    for item in items:
        if item[key] not in seen:
            seen.add(item[key])
            out.append(item)
    return out


@st.composite
def offer_dicts(draw: st.DrawFn, max_services: int = 6) -> dict[str, Any]:
    orgs = _unique_by("id", draw(st.lists(organisations(), max_size=3)))
    locs = _unique_by("id", draw(st.lists(locations(), max_size=3)))
    svcs = _unique_by("id", draw(st.lists(services([o["id"] for o in orgs], [loc["id"] for loc in locs]), max_size=max_services)))
    out: dict[str, Any] = {
        "id": draw(ids),
        "local_authority": draw(st.fixed_dictionaries({"name": short_text(4)}, optional={
            "gss_code": st.from_regex(r"E0[6-9][0-9]{6}", fullmatch=True), "website": urls})),
        "title": draw(short_text(6)),
        "organisations": orgs, "locations": locs, "services": svcs,
    }
    optional_fields: dict[str, st.SearchStrategy[Any]] = {
        "description": long_text(), "website": urls, "published": dates, "last_reviewed": dates, "contact": contacts(),
        "offline_access": long_text(), "accessibility_statement": long_text(),
        "documents": st.lists(st.fixed_dictionaries({"id": ids, "title": short_text(5)}, optional={
            "kind": codes("document-kinds"), "url": urls, "published": dates,
            "accessible_versions": st.lists(st.fixed_dictionaries({"format": codes("accessible-formats")}, optional={
                "url": urls, "language": short_text(2), "how_to_request": short_text()}), max_size=2)}), max_size=2),
        "feedback_reports": st.lists(st.fixed_dictionaries({"id": ids, "title": short_text(5)}, optional={
            "period_start": dates, "period_end": dates, "published": dates, "url": urls, "summary": long_text(),
            "items": st.lists(st.fixed_dictionaries({"you_said": long_text()}, optional={"we_did": long_text()}), max_size=2)}),
            max_size=2),
        "statutory_links": st.lists(st.fixed_dictionaries({"topic": codes("statutory-topics"), "url": urls},
                                                          optional={"title": short_text()}), max_size=3),
        "absent_provision": st.lists(st.fixed_dictionaries({"provider_type": codes("provider-types")}, optional={
            "in_area": st.booleans(), "reason": long_text()}), max_size=2),
        "extensions": extensions,
    }
    for key, strategy in optional_fields.items():
        if draw(st.booleans()):
            out[key] = draw(strategy)
    for key in ("documents", "feedback_reports"):
        if key in out:
            out[key] = _unique_by("id", out[key])
    return out


def offers(max_services: int = 6) -> st.SearchStrategy[LocalOffer]:
    """Valid offers: ids unique, every reference resolving, every field used somewhere."""
    return offer_dicts(max_services).map(LocalOffer.model_validate)
