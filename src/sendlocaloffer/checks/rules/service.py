"""Rules about each service: what a family needs to read before using it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ...model import Service
from ..registry import Context, Hit, rule
from ._text import has_text

COP_4 = "SEND Code of Practice 0-25 (2015) chapter 4"
COP_432 = "SEND Code of Practice 0-25 (2015) 4.32"
#: Providers that must publish an SEN information report and have a SENCO: maintained
#: schools, academies and (through the PRU regulations) pupil referral units.
SCHOOL_TYPES = frozenset({"maintained-school", "academy", "pupil-referral-unit"})
SCHOOL_LAW = "Children and Families Act 2014 ss67 and 69; SEND Regulations 2014 reg 51 and Schedule 1"


def _p(i: int, *rest: str | int) -> str:
    return f"/services/{i}" + "".join(f"/{r}" for r in rest)


@rule(
    "service.name_missing", "error", "Service without a name",
    citation=f"{COP_4} (accessible); Open Referral UK 3.0 service.name",
    why="A service with no name cannot be found or recognised by families.",
    fix="Give the service the name families know it by.",
)
def name_missing(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        if not has_text(s.name):
            yield _p(i, "name"), "This service has no name. Fill in 'Service name'.", s.name


@rule(
    "service.description_missing", "error", "Service without a description",
    citation=COP_432,
    why="Families need to know what a service does before they contact it; empty descriptions and ones that are "
        "only markup, such as <p><br></p>, are common in real directories.",
    fix="Write a plain-English description of what the service does and who it helps.",
)
def description_missing(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        if not has_text(s.description):
            yield (_p(i, "description"),
                   "This service has no description (or only markup with no text). Write what it does and who it "
                   "helps.", s.description or None)


def _contact_ok(s: Service, ctx: Context) -> bool:
    if s.phones or s.email or s.website:
        return True
    people = [*s.contacts]
    if s.access.referral_contact is not None:
        people.append(s.access.referral_contact)
    if s.school is not None and s.school.senco is not None:
        people.append(s.school.senco)
    if any(c.email or c.phones for c in people):
        return True
    if s.organisation_id is not None:
        j = ctx.organisation_index.get(s.organisation_id)
        if j is not None:
            org = ctx.offer.organisations[j]
            return bool(org.phones or org.email or org.website)
    return False


@rule(
    "service.no_contact", "error", "No way to contact the service",
    citation=COP_432,
    why="A family that finds a service must be able to reach it: by phone, email or its web page.",
    fix="Add a phone number, email address or web address for the service (or for its organisation).",
)
def no_contact(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        if not _contact_ok(s, ctx):
            yield (_p(i), "There is no phone number, email address or web address for this service or its "
                          "organisation. Add at least one.", s.name)


@rule(
    "service.access_missing", "warning", "How to get the service is not said",
    citation=COP_432,
    why="Families need to know whether they can refer themselves, need a professional referral or an EHC plan, "
        "or can simply drop in.",
    fix="Fill in 'Access routes' (self-referral, professional referral, drop-in...) or 'How to apply'.",
)
def access_missing(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        a = s.access
        if not (a.routes or (a.how_to_apply and a.how_to_apply.strip()) or a.referral_contact):
            yield (_p(i, "access"), "This service does not say how to get it. Fill in 'Access routes' or 'How to "
                                    "apply'.", s.name)


@rule(
    "service.ages_missing", "warning", "No ages given",
    citation=f"{COP_432}; Children and Families Act 2014 s30 (0 to 25)",
    why="Eligibility by age is the first thing families filter on; a service without ages matches every search or "
        "none.",
    fix="Fill in 'Minimum age' and 'Maximum age' (0 to 25).",
)
def ages_missing(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        e = s.eligibility
        if e.min_age is None and e.max_age is None:
            yield _p(i, "eligibility"), "This service gives no minimum or maximum age. Fill in the ages it takes.", None


def _ages_problem(s: Service) -> str | None:
    lo, hi = s.eligibility.min_age, s.eligibility.max_age
    if lo == 0 and hi == 0:
        return "The ages are 0 to 0, which usually stands for 'not known'. Fill in the real ages, or leave both empty."
    if s.provider_type == "early-years" and lo is not None and lo >= 6:
        return "An early years provider with a minimum age of 6 or more is unlikely. Check the ages or the provider type."
    if s.provider_type in ("post-16", "s41-institution") and hi is not None and hi < 16:
        return "A post-16 provider with a maximum age under 16 is unlikely. Check the ages or the provider type."
    return None


@rule(
    "service.ages_implausible", "warning", "Ages that do not make sense",
    citation=COP_432,
    why="Ages of 0 to 0, or ages that contradict the kind of provider, usually mean a placeholder or a typing "
        "mistake, and hide the service from the families it is for.",
    fix="Correct the minimum and maximum ages, or the provider type.",
)
def ages_implausible(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        problem = _ages_problem(s)
        if problem:
            yield _p(i, "eligibility"), problem, f"{s.eligibility.min_age}-{s.eligibility.max_age}"


@rule(
    "service.cost_missing", "warning", "Cost not stated",
    citation=f"{COP_432}; SEND Code of Practice 0-25 (2015) chapter 9",
    why="Families need to know whether a service is free, what it costs, or that the cost varies, before they "
        "use it.",
    fix="Set 'Cost' to free, paid (with the prices), varies, or not known.",
)
def cost_missing(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        if s.cost.kind is None:
            yield (_p(i, "cost", "kind"), "This service does not say what it costs. Set 'Cost' (free, paid, varies or "
                                         "not known).", None)


@rule(
    "service.cost_amount_missing", "warning", "Paid service without a price",
    citation=COP_432,
    why="A service marked as paid must say how much, or families cannot judge whether they can afford it.",
    fix="Add a cost option with the amount in pounds, or describe the price in words.",
)
def cost_amount_missing(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        c = s.cost
        if c.kind == "paid" and not (any(o.amount is not None or o.amount_description for o in c.options)
                                     or (c.description and c.description.strip())):
            yield _p(i, "cost"), "This service is paid but gives no price. Add the amount or describe the price.", None


@rule(
    "service.never_checked", "warning", "Never checked with the provider",
    citation=f"{COP_4} (up to date)",
    why="Without a 'last checked' date nobody can tell whether the details are current.",
    fix="Check the details with the provider and fill in 'Last checked' and 'Checked by'.",
)
def never_checked(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        if s.last_checked is None:
            yield (_p(i, "last_checked"), "This service has never been checked with its provider. Check it and fill in "
                                         "'Last checked'.", None)


def _months(ctx: Context, name: str, default: int) -> int:
    return int(ctx.option(name, default))


@rule(
    "service.stale", "warning", "Not checked in the last 12 months",
    citation=f"{COP_4} (up to date)",
    why="Details not checked for a year are often wrong: half of one large council's directory had not been "
        "checked for two years.",
    fix="Check the details with the provider and update 'Last checked'.",
)
def stale(ctx: Context) -> Iterator[Hit]:
    warn, err = _months(ctx, "stale_months", 12), _months(ctx, "very_stale_months", 24)
    for i, s in ctx.live_services:
        d = s.last_checked
        if d is not None and ctx.older_than(d, warn) and not ctx.older_than(d, err):
            yield (_p(i, "last_checked"),
                   f"This service was last checked more than {warn} months before {ctx.as_of.isoformat()}. Check it with "
                   "the provider and update 'Last checked'.", d.isoformat())


@rule(
    "service.very_stale", "error", "Not checked in the last 24 months",
    citation=f"{COP_4} (up to date)",
    why="Details not checked for two years cannot be relied on; families may be sent to a service that has moved "
        "or closed.",
    fix="Check the details with the provider now, or remove the service.",
)
def very_stale(ctx: Context) -> Iterator[Hit]:
    err = _months(ctx, "very_stale_months", 24)
    for i, s in ctx.live_services:
        d = s.last_checked
        if d is not None and ctx.older_than(d, err):
            yield (_p(i, "last_checked"),
                   f"This service was last checked more than {err} months before {ctx.as_of.isoformat()}. Check it now "
                   "or remove it.", d.isoformat())


@rule(
    "service.needs_missing", "warning", "SEND-specific service without needs",
    citation="SEND Code of Practice 0-25 (2015) 6.28-6.35 (broad areas of need)",
    why="Families search by need; a service only for children with SEND should say which needs it is for (all four "
        "broad areas when it takes any).",
    fix="Fill in 'SEND needs' with the broad areas or census need types the service is for.",
)
def needs_missing(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        if s.send_specific and not s.eligibility.needs:
            yield (_p(i, "eligibility", "needs"),
                   "This service is only for children with SEND but names no needs. Fill in 'SEND needs' (the four "
                   "broad areas if it takes any need).", None)


@rule(
    "service.school_report_missing", "warning", "School without its SEN information report",
    citation=SCHOOL_LAW,
    why="Maintained schools, academies and pupil referral units must publish an SEN information report, and the "
        "Local Offer should link to it.",
    fix="Add the address of the school's SEN information report under 'School'.",
)
def school_report_missing(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        if s.provider_type in SCHOOL_TYPES and (s.school is None or s.school.sen_information_report is None):
            yield (_p(i, "school", "sen_information_report"),
                   "This school does not link its SEN information report. Add the report's web address.", s.name)


@rule(
    "service.senco_missing", "warning", "School without a SENCO to contact",
    citation=f"{SCHOOL_LAW} para 4",
    why="The SEN information report must give the SENCO's contact details; parents contact the SENCO first.",
    fix="Add the SENCO under 'School' as a role (not a person's name), with an email address or phone number.",
)
def senco_missing(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        if s.provider_type not in SCHOOL_TYPES:
            continue
        senco = s.school.senco if s.school is not None else None
        if senco is None or not (senco.email or senco.phones):
            yield (_p(i, "school", "senco"),
                   "This school gives no SENCO email address or phone number. Add the SENCO's contact details.", s.name)


@rule(
    "service.defunct", "warning", "Defunct service still listed",
    citation=f"{COP_4} (up to date)",
    why="A service that no longer exists should be removed, not shown to families.",
    fix="Remove the service from the offer (keep it in your records if you need to).",
)
def defunct(ctx: Context) -> Iterator[Hit]:
    for i, s in enumerate(ctx.offer.services):
        if s.status == "defunct":
            yield _p(i, "status"), "This service is marked defunct but is still in the offer. Remove it.", s.name


@rule(
    "service.category_missing", "warning", "Service without a provision category",
    citation="Children and Families Act 2014 s30(2)",
    why="Without a category (education, health, social care...) the service cannot be found by browsing and does "
        "not count towards the offer's coverage.",
    fix="Fill in 'Provision categories'.",
)
def service_category_missing(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        if not s.provision_categories:
            yield (_p(i, "provision_categories"), "This service has no provision category. Fill in 'Provision "
                                                 "categories'.", None)


@rule(
    "service.level_missing", "info", "Service without a level",
    citation="SEND Code of Practice 0-25 (2015) 4.31",
    why="Saying whether a service is universal, targeted or specialist tells families whether they can simply use "
        "it.",
    fix="Set 'Level' to universal, targeted or specialist.",
)
def service_level_missing(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        if s.level is None:
            yield _p(i, "level"), "This service has no level. Set 'Level' (universal, targeted or specialist).", None


@rule(
    "service.organisation_missing", "warning", "Service without an organisation",
    citation="Open Referral UK 3.0 (service.organization_id is required)",
    why="Families need to know who runs a service, and Open Referral UK feeds require every service to name its "
        "organisation.",
    fix="Set 'Organisation' to the organisation that runs the service (add the organisation first if needed).",
)
def organisation_missing(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        if s.organisation_id is None:
            yield _p(i, "organisation_id"), "This service does not say which organisation runs it. Set 'Organisation'.", s.name


#: A closing time of 00:00 means midnight at the end of the day.
MIDNIGHT = dt.time(0, 0)


@rule(
    "service.hours_invalid", "error", "Opening hours that close before they open",
    citation="RFC 5545 (iCalendar); Open Referral UK 3.0 schedule",
    why="Hours that close before (or when) they open are a typing mistake and cannot be shown or exported.",
    fix="Correct the opening and closing times (24-hour clock; 00:00 closes at midnight).",
)
def hours_invalid(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        for j, h in enumerate(s.opening_hours):
            if h.closes <= h.opens and h.closes != MIDNIGHT:
                yield (_p(i, "opening_hours", j),
                       "These hours close before or when they open. Correct 'Opens' and 'Closes' (24-hour clock).",
                       f"{h.opens.isoformat('minutes')}-{h.closes.isoformat('minutes')}")


_ENDS_FIRST = "This ends before it starts. Correct the first or last date."


@rule(
    "service.date_range_invalid", "error", "A date range that ends before it starts",
    citation="ISO 8601 date ranges",
    why="Hours, closures and prices that end before they start are a typing mistake, and their dates cannot be "
        "trusted.",
    fix="Correct the first or last date.",
)
def date_range_invalid(ctx: Context) -> Iterator[Hit]:
    for i, s in ctx.live_services:
        for j, h in enumerate(s.opening_hours):
            if h.valid_from is not None and h.valid_to is not None and h.valid_to < h.valid_from:
                yield _p(i, "opening_hours", j), _ENDS_FIRST, f"{h.valid_from} to {h.valid_to}"
        for j, c in enumerate(s.closures):
            if c.end is not None and c.end < c.start:
                yield _p(i, "closures", j), _ENDS_FIRST, f"{c.start} to {c.end}"
        for j, o in enumerate(s.cost.options):
            if o.valid_from is not None and o.valid_to is not None and o.valid_to < o.valid_from:
                yield _p(i, "cost", "options", j), _ENDS_FIRST, f"{o.valid_from} to {o.valid_to}"
