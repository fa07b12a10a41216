"""Synthetic Local Offers of any size, for benchmarks: realistic text, every field used.

    python -m benchmarks.synth 10000 offer-10k.json

The same size and seed always give the same offer.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import uuid
from decimal import Decimal
from typing import Any

from sendlocaloffer import vocab
from sendlocaloffer.model import LocalOffer, mint_id, offer_namespace

_WORDS = ["support", "children", "young", "people", "families", "special", "educational", "needs", "disabilities", "help", "learning", "communication", "speech", "language", "therapy", "group", "sessions", "weekly", "parents", "carers", "school", "college", "short", "breaks", "activities", "play", "local", "team", "specialist", "advice", "assessment", "referral", "plan", "independent", "living", "travel", "training", "employment", "health", "wellbeing", "emotional", "social", "skills", "sensory", "physical", "hearing", "vision", "autism", "confidence", "friendship", "holiday", "club"]
_STREETS = ["High Street", "Church Road", "Station Road", "Victoria Road", "Green Lane", "Manor Road", "Park Road", "London Wall"]
_TOWNS = ["London", "Hackney", "Islington", "Camden", "Southwark", "Tower Hamlets"]
_POSTCODES = ["EC2V 7HH", "EC2P 2EJ", "EC1A 1BB", "E1 6AN", "N1 9GU", "EC3M 4BS", "EC4M 7AN", "E8 1EA", "SE1 2AA", "WC1X 8HB"]
_PHONES = ["020 7332 1002", "020 7332 3000", "020 7332 1224", "020 7527 5959", "020 8356 5000", "0800 123 4567", "0300 123 4567"]


def _sentence(rng: random.Random, lo: int = 8, hi: int = 20) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(lo, hi))]
    return (" ".join(words)).capitalize() + "."


def _para(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _codes(rng: random.Random, name: str, k: int) -> list[str]:
    return rng.sample(vocab.get(name).codes, k)


def _phone(rng: random.Random) -> dict[str, Any]:
    return {"number": rng.choice(_PHONES), "type": "voice", "description": "Monday to Friday, 9am to 5pm"}


def _contact(rng: random.Random, role: str) -> dict[str, Any]:
    return {"name": f"{role} team", "role": role, "email": f"{role.lower().replace(' ', '.')}@example.gov.uk",
            "phones": [_phone(rng)]}


def synthetic_offer_dict(n_services: int, seed: int = 0) -> dict[str, Any]:
    """Plain data for an offer of ``n_services`` services."""
    rng = random.Random(seed)
    ns = offer_namespace(f"synthetic-{seed}-{n_services}")
    n_orgs = max(1, n_services // 5)
    n_locs = max(1, n_services // 3)
    orgs = [
        {
            "id": str(mint_id(ns, "organisation", f"org {i}")), "name": f"Provider {i}",
            "description": _para(rng, 2), "website": f"https://provider{i}.example.org/", "email": f"info@provider{i}.example.org",
            "phones": [_phone(rng)], "identifiers": [{"scheme": "GB-CHC", "value": str(1000000 + i)}],
        }
        for i in range(n_orgs)
    ]
    locs = [
        {
            "id": str(mint_id(ns, "location", f"loc {i}")), "name": f"{rng.choice(_WORDS).title()} Centre {i}",
            "description": _sentence(rng), "type": "physical",
            "address": {"line1": f"{rng.randint(1, 200)} {rng.choice(_STREETS)}", "town": rng.choice(_TOWNS),
                        "postcode": rng.choice(_POSTCODES)},
            "latitude": round(51.5 + rng.random() / 10, 6), "longitude": round(-0.15 + rng.random() / 10, 6),
            "uprn": str(rng.randint(10**9, 10**11)), "accessibility": _codes(rng, "accessibility-features", 3),
            "accessibility_notes": _sentence(rng),
        }
        for i in range(n_locs)
    ]
    today = dt.date(2026, 11, 1)
    services = []
    for i in range(n_services):
        paid = rng.random() < 0.3
        lo = rng.randint(0, 16)
        services.append({
            "id": str(mint_id(ns, "service", f"service {i}")),
            "name": f"{rng.choice(_WORDS).title()} {rng.choice(_WORDS)} service {i}",
            "description": _para(rng, 6),
            "status": "active" if rng.random() < 0.95 else "temporarily closed",
            "organisation_id": orgs[i % n_orgs]["id"],
            "provision_categories": _codes(rng, "provision-categories", rng.randint(1, 3)),
            "level": rng.choice(vocab.get("levels").codes),
            "provider_type": rng.choice(vocab.get("provider-types").codes),
            "in_area": rng.random() < 0.8,
            "send_specific": rng.random() < 0.6,
            "eligibility": {"min_age": lo, "max_age": rng.randint(lo, 25), "needs": _codes(rng, "needs", rng.randint(1, 4)),
                            "ehc_plan_required": rng.random() < 0.2, "description": _sentence(rng)},
            "access": {"routes": _codes(rng, "access-routes", 2), "how_to_apply": _para(rng, 2),
                       "referral_contact": _contact(rng, "Referrals")},
            "delivery": _codes(rng, "delivery-methods", 2),
            "cost": {"kind": "paid" if paid else "free", "personal_budget": rng.random() < 0.5, "direct_payments": rng.random() < 0.5,
                     "options": [{"option": "Per session", "amount": str(Decimal(rng.randint(100, 5000)) / 100),
                                  "valid_from": "2026-04-01", "valid_to": "2027-03-31"}] if paid else [],
                     "description": _sentence(rng)},
            "contacts": [_contact(rng, "Service manager")],
            "phones": [_phone(rng), {"number": "020 7332 1002", "type": "text"}],
            "email": f"service{i}@example.gov.uk",
            "website": f"https://www.example.gov.uk/services/{i}",
            "opening_hours": [{"days": ["MO", "TU", "WE", "TH", "FR"], "opens": "09:00", "closes": "17:00"},
                              {"days": ["SA"], "opens": "10:00", "closes": "13:00", "valid_from": "2026-07-20",
                               "valid_to": "2026-08-31", "note": "Summer holidays"}],
            "closures": [{"start": "2026-12-25", "end": "2026-12-26", "reason": "Christmas"}],
            "hours_description": "Term time only.",
            "location_ids": [locs[i % n_locs]["id"]],
            "areas_served": ["City of London"],
            "languages": ["English", "British Sign Language"],
            "accessibility": _sentence(rng),
            "last_checked": (today - dt.timedelta(days=rng.randint(0, 900))).isoformat(),
            "checked_by": "Local Offer team",
            "school": {"urn": str(100000 + i), "sen_information_report": f"https://school{i}.example.org/sen",
                       "senco": _contact(rng, "SENCO")} if rng.random() < 0.1 else None,
            "taxonomy_terms": [{"taxonomy": "dfe-family-hubs", "code": "Breaks and respite", "label": "Breaks and respite"}],
        })
    return {
        "id": str(uuid.uuid5(ns, "offer")),
        "local_authority": {"name": "Synthetic Borough Council", "gss_code": "E09000001", "website": "https://www.example.gov.uk/"},
        "title": "Synthetic SEND Local Offer", "description": _para(rng, 3), "website": "https://www.example.gov.uk/send",
        "published": "2020-09-01", "last_reviewed": "2026-09-01", "contact": _contact(rng, "Local Offer"),
        "offline_access": "Call us and we will post it.", "accessibility_statement": "Easy read on request.",
        "documents": [{"id": str(mint_id(ns, "document", "strategy")), "title": "SEND Strategy", "kind": "send-strategy",
                       "url": "https://www.example.gov.uk/strategy", "published": "2025-01-01",
                       "accessible_versions": [{"format": "easy-read", "url": "https://www.example.gov.uk/strategy-easy"}]}],
        "feedback_reports": [{"id": str(mint_id(ns, "feedback", "2026")), "title": "You said, we did 2026", "published": "2026-06-01",
                              "url": "https://www.example.gov.uk/ysws", "items": [{"you_said": _sentence(rng), "we_did": _sentence(rng)}]}],
        "statutory_links": [{"topic": t, "url": f"https://www.example.gov.uk/{t}"} for t in vocab.get("statutory-topics").codes],
        "organisations": orgs, "locations": locs, "services": services,
    }


def synthetic_offer(n_services: int, seed: int = 0) -> LocalOffer:
    """A valid offer of ``n_services`` services."""
    return LocalOffer.model_validate(synthetic_offer_dict(n_services, seed))


if __name__ == "__main__":
    from sendlocaloffer import dump

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    out = sys.argv[2] if len(sys.argv) > 2 else f"offer-{n}.json"
    dump(synthetic_offer(n), out)
    print(out)
