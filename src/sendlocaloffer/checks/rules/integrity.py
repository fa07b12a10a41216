"""Rules about the offer's data holding together: unique ids, references that resolve, and
nothing left over."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

from ..registry import Context, Hit, rule

HSDS_IDS = "Open Referral HSDS 3.0 (every object has a unique id); Open Referral UK 3.0"


@rule(
    "integrity.duplicate_id", "error", "Two things share one id",
    citation=HSDS_IDS,
    why="Ids tell a service, organisation, location or document apart in every export; two with one id make "
        "feeds and portals overwrite one with the other.",
    fix="Give the second one its own id (mint it from its name with sendlocaloffer.mint_id).",
)
def duplicate_id(ctx: Context) -> Iterator[Hit]:
    seen: dict[UUID, str] = {ctx.offer.id: ""}
    offer = ctx.offer
    groups: tuple[tuple[str, list[UUID]], ...] = (
        ("services", [x.id for x in offer.services]), ("organisations", [x.id for x in offer.organisations]),
        ("locations", [x.id for x in offer.locations]), ("documents", [x.id for x in offer.documents]),
        ("feedback_reports", [x.id for x in offer.feedback_reports]),
    )
    for name, ids in groups:
        for i, id_ in enumerate(ids):
            here = f"/{name}/{i}/id"
            first = seen.setdefault(id_, here)
            if first != here:
                yield (here, f"This id is already used at {first or 'the offer itself'}. Give this one its own id.",
                       str(id_))


@rule(
    "integrity.unknown_organisation", "error", "Service names an organisation that is not in the offer",
    citation=HSDS_IDS,
    why="A service pointing at a missing organisation shows no provider and breaks Open Referral exports.",
    fix="Add the organisation to the offer, or correct the service's 'Organisation'.",
)
def unknown_organisation(ctx: Context) -> Iterator[Hit]:
    known = ctx.organisation_index
    for i, s in enumerate(ctx.offer.services):
        if s.organisation_id is not None and s.organisation_id not in known:
            yield (f"/services/{i}/organisation_id",
                   "This service's organisation is not in the offer. Add the organisation or correct the id.",
                   str(s.organisation_id))


@rule(
    "integrity.unknown_location", "error", "Service names a location that is not in the offer",
    citation=HSDS_IDS,
    why="A service pointing at a missing location cannot say where it is delivered.",
    fix="Add the location to the offer, or correct the service's 'Locations'.",
)
def unknown_location(ctx: Context) -> Iterator[Hit]:
    known = ctx.location_index
    for i, s in enumerate(ctx.offer.services):
        for j, loc in enumerate(s.location_ids):
            if loc not in known:
                yield (f"/services/{i}/location_ids/{j}",
                       "This location is not in the offer. Add the location or correct the id.", str(loc))


@rule(
    "integrity.organisation_unused", "warning", "Organisation with no services",
    citation="SEND Code of Practice 0-25 (2015) chapter 4 (up to date)",
    why="An organisation that runs nothing in the offer is usually left over from a service that was removed.",
    fix="Remove the organisation, or add the services it runs.",
)
def organisation_unused(ctx: Context) -> Iterator[Hit]:
    used = {s.organisation_id for s in ctx.offer.services}
    for i, o in enumerate(ctx.offer.organisations):
        if o.id not in used:
            yield (f"/organisations/{i}", "No service in the offer is run by this organisation. Remove it or add its "
                                         "services.", o.name)


@rule(
    "integrity.location_unused", "warning", "Location used by no service",
    citation="SEND Code of Practice 0-25 (2015) chapter 4 (up to date)",
    why="A place where no service is delivered is usually left over from a service that moved or closed.",
    fix="Remove the location, or add it to the services delivered there.",
)
def location_unused(ctx: Context) -> Iterator[Hit]:
    used = {loc for s in ctx.offer.services for loc in s.location_ids}
    for i, loc in enumerate(ctx.offer.locations):
        if loc.id not in used:
            yield (f"/locations/{i}", "No service in the offer is delivered at this location. Remove it or add it to "
                                     "its services.", loc.name)
