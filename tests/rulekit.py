"""A small offer that passes every rule, and helpers to break it one way at a time.

Each rule test takes :func:`clean`, changes one thing, and checks that exactly that rule
speaks, at the right path and severity; and that it stays quiet on the clean offer.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from sendlocaloffer import LocalOffer, mint_id, offer_namespace, vocab
from sendlocaloffer.checks.findings import Finding, Severity
from sendlocaloffer.checks.registry import run_rules

AS_OF = dt.date(2026, 11, 29)
NS = offer_namespace("E09000999")
SITE = "https://www.testborough.gov.uk"


def uid(kind: str, name: str) -> str:
    return str(mint_id(NS, kind, name))


CATEGORIES = vocab.get("provision-categories").codes
LEVELS = vocab.get("levels").codes
SCHEDULE2 = vocab.get("provider-types").flagged("schedule2")


def _service(n: int, category: str, **extra: Any) -> dict[str, Any]:
    name = f"Service {n}"
    base: dict[str, Any] = {
        "id": uid("service", name),
        "name": name,
        "description": f"What service {n} does for children with SEND, in plain English.",
        "organisation_id": uid("organisation", "Council"),
        "provision_categories": [category],
        "level": LEVELS[n % 3],
        "provider_type": "local-authority",
        "eligibility": {"min_age": 0, "max_age": 25},
        "access": {"routes": ["self-referral"]},
        "cost": {"kind": "free"},
        "phones": [{"number": f"020 7946 {n:04d}"}],
        "location_ids": [uid("location", "Town Hall")],
        "last_checked": "2026-10-01",
    }
    base.update(extra)
    return base


def clean() -> dict[str, Any]:
    """Plain data for an offer with no findings as of :data:`AS_OF`."""
    services = [_service(n, c) for n, c in enumerate(CATEGORIES)]
    services.append(_service(len(services), "education", name="Independent Day School", provider_type="independent-school"))
    services.append(_service(len(services), "health", name="Hospital Clinic", in_area=False, provider_type="nhs"))
    return {
        "id": str(NS),
        "local_authority": {"name": "Test Borough Council", "gss_code": "E09000999", "website": f"{SITE}/"},
        "title": "Test Borough SEND Local Offer",
        "description": "The Local Offer of a small test borough.",
        "website": f"{SITE}/send",
        "last_reviewed": "2026-09-01",
        "contact": {"name": "SEND team", "email": "send@testborough.gov.uk"},
        "offline_access": "Call 020 7946 0999 and we will post it to you.",
        "accessibility_statement": "Easy read and BSL versions are available; interpreters on request.",
        "documents": [{
            "id": uid("document", "Strategy"), "title": "SEND Strategy", "kind": "send-strategy",
            "accessible_versions": [{"format": "easy-read", "url": f"{SITE}/easy"}, {"format": "bsl", "url": f"{SITE}/bsl"}],
        }],
        "feedback_reports": [{
            "id": uid("feedback", "2026"), "title": "You said, we did 2026", "published": "2026-06-01",
            "items": [{"you_said": "More short breaks, please.", "we_did": "We added Saturday clubs."}],
        }],
        "statutory_links": [{"topic": t, "url": f"{SITE}/{t}"} for t in vocab.get("statutory-topics").flagged("required")],
        "absent_provision": [{"provider_type": t, "reason": "None here."} for t in SCHEDULE2]
        + [{"provider_type": t, "in_area": False, "reason": "None used."} for t in SCHEDULE2 if t != "commissioned"],
        "organisations": [{"id": uid("organisation", "Council"), "name": "Test Borough Council"}],
        "locations": [{"id": uid("location", "Town Hall"), "name": "Town Hall",
                       "address": {"line1": "1 High Street", "town": "London", "postcode": "EC2P 2EJ"}}],
        "services": services,
    }


def offer(data: dict[str, Any]) -> LocalOffer:
    return LocalOffer.model_validate(data)


def findings(data: dict[str, Any], code: str, **kwargs: Any) -> list[Finding]:
    """The findings of rule ``code`` (only) on the offer ``data``."""
    kwargs.setdefault("as_of", AS_OF)
    return run_rules(offer(data), select=[code], **kwargs)


def assert_quiet(code: str, data: dict[str, Any] | None = None) -> None:
    """Rule ``code`` finds nothing on ``data`` (the clean offer by default)."""
    got = findings(clean() if data is None else data, code)
    assert got == [], [f"{f.path}: {f.message}" for f in got]


def assert_hit(data: dict[str, Any], code: str, severity: str, *paths: str) -> list[Finding]:
    """Rule ``code`` finds exactly ``paths`` (in any order) on ``data``, at ``severity``."""
    got = findings(data, code)
    assert sorted(f.path for f in got) == sorted(paths), [f"{f.path}: {f.message}" for f in got]
    for f in got:
        assert f.code == code
        assert f.severity is Severity(severity)
        assert f.message and f.citation
    return got


def changed(**top: Any) -> dict[str, Any]:
    """The clean offer with top-level fields replaced."""
    data = clean()
    data.update(copy.deepcopy(top))
    return data


def with_service(index: int, **fields: Any) -> dict[str, Any]:
    """The clean offer with fields of one service replaced (``None`` removes a field)."""
    data = clean()
    for key, value in fields.items():
        if value is None:
            data["services"][index].pop(key, None)
        else:
            data["services"][index][key] = value
    return data
