"""Build ``offer.json``: a Local Offer of a fictional council broken in as many ways as the
rules know, one fault at a time, so every rule's finding can be pinned to its place.

Run it from the repository root: ``.venv/bin/python examples/broken/build.py``. The offer is
valid for the model (every field well formed), so only the rules speak; README.md lists
each fault and the finding it gives as of 2026-11-29. Phone numbers are in Ofcom's range for
drama (020 7946 0xxx), so none is anybody's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sendlocaloffer
from sendlocaloffer import LocalOffer, mint_id, offer_namespace

NS = offer_namespace("E09000998")
SITE = "https://www.nowhere.gov.uk"


def uid(kind: str, name: str) -> str:
    return str(mint_id(NS, kind, name))


COUNCIL, QUIET, LEFTOVER = uid("organisation", "council"), uid("organisation", "quiet"), uid("organisation", "leftover")
HALL, OLD_LIBRARY = uid("location", "hall"), uid("location", "old library")


def service(n: int, name: str, **faults: Any) -> dict[str, Any]:
    """A service with nothing wrong, then the ``faults`` written over it (``None`` removes a field)."""
    s: dict[str, Any] = {
        "id": uid("service", name),
        "name": name,
        "description": f"{name}: sessions for children with additional needs and their families.",
        "organisation_id": COUNCIL,
        "provision_categories": ["education"],
        "level": "universal",
        "provider_type": "voluntary-community",
        "eligibility": {"min_age": 5, "max_age": 16},
        "access": {"routes": ["self-referral"]},
        "cost": {"kind": "free"},
        "phones": [{"number": f"020 7946 0{n:03d}"}],
        "location_ids": [HALL],
        "last_checked": "2026-10-01",
    }
    for key, value in faults.items():
        if value is None:
            s.pop(key, None)
        else:
            s[key] = value
    return s


SERVICES = [
    service(0, "Nowhere Primary School", provider_type="maintained-school"),  # no SEN report, no SENCO
    service(1, "   "),  # no name
    service(2, "Youth Club", description="<p><br></p>"),  # only markup
    service(3, "Quiet Group", phones=[], organisation_id=QUIET),  # no way to contact
    service(4, "Drop-in Advice", access={}),
    service(5, "Family Swim", eligibility={}),
    service(6, "Messy Play", eligibility={"min_age": 0, "max_age": 0}),
    service(7, "Music Makers", cost={}),
    service(8, "Holiday Scheme", cost={"kind": "paid"}),
    service(9, "Book Club", last_checked=None),
    service(10, "Chess Club", last_checked="2025-06-01"),
    service(11, "Art Studio", last_checked="2023-03-01"),
    service(12, "Autism Support Group", send_specific=True),  # no needs
    service(13, "Old Playscheme", status="defunct"),
    service(14, "Parents' Coffee Morning", provision_categories=[]),
    service(15, "Sensory Garden", level=None),
    service(16, "Dad's Group", organisation_id=None),
    service(17, "Homework Club", opening_hours=[{"days": ["MO"], "opens": "17:00", "closes": "09:00"}]),
    service(18, "Summer Camp", closures=[{"start": "2026-08-20", "end": "2026-08-01", "reason": "Staff training"}]),
    service(19, "Winter Camp"),  # given Summer Camp's id below
    service(20, "Drama Group", organisation_id=uid("organisation", "gone")),
    service(21, "Football Club", location_ids=[uid("location", "gone")]),
    service(22, "Stay and Play", description="TBC", email="email@email.com"),
    service(23, "Saturday Club"),
    service(24, "Saturday Club", description="Saturday Club, entered a second time."),
    service(25, "Toy Library", description="We are a friendly local group supporting families."),
    service(26, "Baby Massage", description="We are a friendly local group supporting families."),
    service(27, "Yoga for Teens", description="We are a friendly local group supporting families."),
]
SERVICES[19]["id"] = SERVICES[18]["id"]
SERVICES[24]["id"] = uid("service", "Saturday Club, second entry")

DATA: dict[str, Any] = {
    "id": str(NS),
    "local_authority": {"name": "Nowhere Borough Council", "gss_code": "E09000998", "website": f"{SITE}/"},
    "title": "Nowhere Borough SEND Local Offer",
    "description": "A Local Offer with one of each fault the rules find.",
    "last_reviewed": "2024-01-10",
    "contact": {"name": "Local Offer"},
    "feedback_reports": [{
        "id": uid("feedback", "2024"), "title": "Feedback 2024", "published": "2024-05-01",
        "items": [{"you_said": "The offer is hard to search."}],
    }],
    "statutory_links": [
        {"topic": "ehc-needs-assessment", "url": f"{SITE}/ehc"},
        {"topic": "complaints", "url": f"{SITE}/complaints"},
    ],
    "absent_provision": [{"provider_type": "maintained-school", "reason": "There are none."}],
    "organisations": [
        {"id": COUNCIL, "name": "Nowhere Borough Council", "website": f"{SITE}/"},
        {"id": QUIET, "name": "Quiet Group Committee"},
        {"id": LEFTOVER, "name": "Left Over Trust", "email": "hello@leftovertrust.org.uk"},
    ],
    "locations": [
        {"id": HALL, "name": "Town Hall", "address": {"line1": "1 High Street", "town": "Nowhere", "postcode": "EC2P 2EJ"}},
        {"id": OLD_LIBRARY, "name": "Old Library", "address": {"line1": "2 Church Lane", "town": "Nowhere",
                                                                "postcode": "EC1Y 0SH"}},
    ],
    "services": SERVICES,
}

if __name__ == "__main__":
    sendlocaloffer.dump(LocalOffer.model_validate(DATA), Path(__file__).with_name("offer.json"))
