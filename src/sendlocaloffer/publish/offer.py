"""The offer as one printable HTML document for families (SEND Regulations 2014 reg 57; SEND
Code of Practice 0-25 (2015) 4.30-4.32: accessible, with eligibility, how to get each service
and what it costs).

Contents by provision category and by need; each active or temporarily closed service once, in
its first provision category, in plain English: what it is, who it is for, how to get it, what
it costs, when and where, and how to get in touch. One self-contained file that needs no
JavaScript and prints cleanly, for families who get the offer on paper or by e-mail.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from .. import vocab
from ..analysis.gaps import ANY_NEED, need_rows, rows_served
from ..model import Contact, LocalOffer, Location, OpeningTime, Organisation, Phone, Service
from ._env import render_to, stream
from ._text import mailto, safe_url, tel

__all__ = ["SHOWN_STATUSES", "describe_service", "offer_html", "write_offer_html"]

#: The service statuses families are shown; inactive and defunct services are left out.
SHOWN_STATUSES = ("active", "temporarily closed")

_OTHER = "other"


@dataclass
class Link:
    """A piece of contact information, with its link when it has a safe one."""

    label: str
    text: str
    href: str | None = None
    note: str | None = None


@dataclass
class Place:
    name: str
    lines: list[str]
    notes: list[str] = field(default_factory=list)
    href: str | None = None


@dataclass
class ServiceView:
    """A service in the words a family reads."""

    id: str
    anchor: str
    name: str
    description: str
    run_by: str | None
    run_by_href: str | None
    notice: str | None
    who: list[str]
    who_text: str | None
    how: list[str]
    how_text: str | None
    cost: list[str]
    cost_text: str | None
    when: list[str]
    when_text: str | None
    where: list[Place]
    contact: list[Link]
    checked: str | None
    also_in: list[tuple[str, str]] = field(default_factory=list)


def long_date(day: dt.date | None) -> str | None:
    return f"{day.day} {day:%B %Y}" if day else None


def clock(t: dt.time) -> str:
    """``9am``, ``5:30pm``, ``12 noon``, ``midnight``."""
    if t.hour == 12 and t.minute == 0:
        return "12 noon"
    if t.hour == 0 and t.minute == 0:
        return "midnight"
    hour = t.hour % 12 or 12
    suffix = "am" if t.hour < 12 else "pm"
    return f"{hour}{suffix}" if t.minute == 0 else f"{hour}:{t.minute:02d}{suffix}"


def day_ranges(days: Sequence[str]) -> str:
    """Weekday codes as words, runs joined: ``Monday to Friday``, ``Tuesday and Thursday``."""
    weekdays = vocab.get("weekdays")
    order = list(weekdays.codes)
    chosen = sorted(set(days), key=order.index)
    runs: list[list[str]] = []
    for code in chosen:
        if runs and order.index(code) == order.index(runs[-1][-1]) + 1:
            runs[-1].append(code)
        else:
            runs.append([code])
    parts = [
        weekdays.label(r[0]) if len(r) == 1
        else f"{weekdays.label(r[0])} and {weekdays.label(r[1])}" if len(r) == 2
        else f"{weekdays.label(r[0])} to {weekdays.label(r[-1])}"
        for r in runs
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def hours_line(t: OpeningTime) -> str:
    line = f"{day_ranges(t.days)}: {clock(t.opens)} to {clock(t.closes)}"
    if t.valid_from and t.valid_to:
        line += f", from {long_date(t.valid_from)} to {long_date(t.valid_to)}"
    elif t.valid_from:
        line += f", from {long_date(t.valid_from)}"
    elif t.valid_to:
        line += f", until {long_date(t.valid_to)}"
    return line + (f" ({t.note})" if t.note else "")


def ages(min_age: int | None, max_age: int | None) -> str:
    if min_age is None and max_age is None:
        return "Any age from birth to 25."
    if min_age is None or min_age == 0:
        return f"From birth to age {max_age}." if max_age is not None else "From birth to 25."
    if max_age is None:
        return f"From age {min_age}."
    if min_age == max_age:
        return f"Age {min_age}."
    return f"Ages {min_age} to {max_age}."


def money(amount: Decimal) -> str:
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


def _term(name: str, code: str, *, definition: bool = False) -> str:
    term = vocab.get(name).by_code.get(code)
    if term is None:
        return code
    return f"{term.label}: {term.definition}" if definition else term.label


def _phone_link(phone: Phone, label: str = "Phone") -> Link:
    kind = phone.type if phone.type != "voice" else None
    text = phone.number + (f" extension {phone.extension}" if phone.extension else "")
    notes = [n for n in (_term("phone-types", kind) if kind else None, phone.description) if n]
    return Link(label, text, tel(phone.number), "; ".join(notes) or None)


def _contact_links(contact: Contact, label: str) -> list[Link]:
    who = ", ".join(p for p in (contact.name, contact.role, contact.department) if p)
    links: list[Link] = []
    if who:
        links.append(Link(label, who))
    if contact.email:
        links.append(Link("Email", contact.email, mailto(contact.email)))
    links.extend(_phone_link(phone) for phone in contact.phones)
    return links


def _place(location: Location) -> Place:
    lines: list[str] = []
    if location.address is not None:
        a = location.address
        lines = [p for p in (a.line1, a.line2, a.town, a.county, a.postcode) if p]
    notes = [location.description] if location.description else []
    if location.accessibility:
        notes.append("Accessibility: " + ", ".join(_term("accessibility-features", c) for c in location.accessibility) + ".")
    if location.accessibility_notes:
        notes.append(location.accessibility_notes)
    return Place(location.name, lines, notes, safe_url(location.url))


def describe_service(service: Service, organisations: dict[Any, Organisation], locations: dict[Any, Location]) -> ServiceView:
    """Everything a family reads about one service, as sentences and lists of plain text."""
    e, a, c = service.eligibility, service.access, service.cost
    needs = vocab.get("needs")
    who = [ages(e.min_age, e.max_age)]
    if e.needs:
        who.append("For children and young people with: " + "; ".join(needs.label(n) if n in needs else n for n in e.needs) + ".")
    elif service.send_specific:
        who.append("For children and young people with special educational needs or disabilities.")
    else:
        who.append("Open to all children and young people, including those with special educational needs or disabilities.")
    if e.ehc_plan_required is True:
        who.append("You need an education, health and care (EHC) plan to use this service.")
    elif e.ehc_plan_required is False:
        who.append("You do not need an education, health and care (EHC) plan.")
    if service.level:
        who.append(f"Level: {_term('levels', service.level, definition=True)}")

    how = [_term("access-routes", r, definition=True) for r in a.routes]
    if service.delivery:
        how.append("How it is delivered: " + ", ".join(_term("delivery-methods", d).lower() for d in service.delivery) + ".")
    if a.referral_contact is not None:
        referral = ", ".join(p for p in (a.referral_contact.name, a.referral_contact.role, a.referral_contact.email) if p)
        if referral:
            how.append(f"Referrals to: {referral}.")
    if not how and not a.how_to_apply:
        how.append("Contact the service to ask how to use it.")

    cost: list[str] = []
    if c.kind == "free":
        cost.append("Free.")
    elif c.kind == "paid":
        cost.append("There is a charge.")
    elif c.kind == "varies":
        cost.append("The cost varies.")
    else:
        cost.append("The cost is not known: ask the service before you go.")
    for option in c.options:
        price = money(option.amount) if option.amount is not None else None
        parts = [p for p in (price, option.option, option.amount_description) if p]
        if parts:
            line = ", ".join(parts)
            if option.valid_from or option.valid_to:
                line += " (" + " to ".join(d for d in (long_date(option.valid_from), long_date(option.valid_to)) if d) + ")"
            cost.append(line[0].upper() + line[1:] + ".")
    if c.personal_budget is True:
        cost.append("You can pay for it with an EHC plan personal budget.")
    if c.direct_payments is True:
        cost.append("You can pay for it with direct payments.")

    when = [hours_line(t) for t in service.opening_hours]
    for closure in service.closures:
        span = long_date(closure.start) if closure.end is None else f"{long_date(closure.start)} to {long_date(closure.end)}"
        when.append(f"Closed {span}" + (f" ({closure.reason})" if closure.reason else "") + ".")

    where = [_place(locations[i]) for i in service.location_ids if i in locations]
    if service.areas_served:
        where.append(Place("Areas served", [", ".join(service.areas_served)]))

    contact: list[Link] = [_phone_link(p) for p in service.phones]
    if service.email:
        contact.append(Link("Email", service.email, mailto(service.email)))
    if service.website:
        contact.append(Link("Website", service.website, safe_url(service.website)))
    for person in service.contacts:
        contact.extend(_contact_links(person, "Contact"))
    if service.school is not None:
        if service.school.sen_information_report:
            report = service.school.sen_information_report
            contact.append(Link("SEN information report", report, safe_url(report)))
        if service.school.senco is not None:
            contact.extend(_contact_links(service.school.senco, "SENCO"))
    if service.languages:
        contact.append(Link("Languages", ", ".join(service.languages)))

    org = organisations.get(service.organisation_id) if service.organisation_id else None
    notice = "This service is temporarily closed." if service.status == "temporarily closed" else None
    checked = long_date(service.last_checked)
    if checked:
        checked = f"Information last checked on {checked}" + (f" by {service.checked_by}." if service.checked_by else ".")
    return ServiceView(
        id=str(service.id),
        anchor=f"service-{service.id}",
        name=service.name,
        description=service.description,
        run_by=org.name if org else None,
        run_by_href=safe_url(org.website) if org else None,
        notice=notice,
        who=who,
        who_text=e.description,
        how=how,
        how_text=a.how_to_apply,
        cost=cost,
        cost_text=c.description,
        when=when,
        when_text=service.hours_description,
        where=where,
        contact=contact,
        checked=checked,
    )


_SLUG = re.compile(r"[^a-z0-9]+")


def anchor(prefix: str, code: str) -> str:
    return f"{prefix}-" + (_SLUG.sub("-", code.casefold()).strip("-") or "x")


@dataclass
class Section:
    code: str
    anchor: str
    title: str
    definition: str
    services: list[ServiceView]
    also: list[tuple[str, str]]


@dataclass
class NeedEntry:
    code: str
    anchor: str
    label: str
    is_area: bool
    services: list[tuple[str, str]]


def _context(offer: LocalOffer) -> dict[str, Any]:
    organisations = {o.id: o for o in offer.organisations}
    locations = {loc.id: loc for loc in offer.locations}
    categories = vocab.get("provision-categories")
    order = {code: i for i, code in enumerate(categories.codes)}
    shown = [s for s in offer.services if s.status in SHOWN_STATUSES]
    sections: dict[str, Section] = {
        t.code: Section(t.code, anchor("category", t.code), t.label, t.definition, [], []) for t in categories
    }
    sections[_OTHER] = Section(_OTHER, anchor("category", _OTHER), "Other services", "Services not given a provision category.", [], [])
    rows = need_rows()
    by_need: dict[str, list[tuple[str, str]]] = {r.code: [] for r in rows}
    for service in sorted(shown, key=lambda s: (" ".join(s.name.split()).casefold(), str(s.id))):
        codes = sorted(dict.fromkeys(c for c in service.provision_categories if c in sections), key=order.__getitem__) or [_OTHER]
        view = describe_service(service, organisations, locations)
        view.also_in = [(sections[c].anchor, sections[c].title) for c in codes[1:]]
        sections[codes[0]].services.append(view)
        for code in codes[1:]:
            sections[code].also.append((view.anchor, view.name))
        for need in rows_served(service.eligibility.needs, rows):
            by_need[need].append((view.anchor, view.name))
    needs = [
        NeedEntry(r.code, anchor("need", r.code), r.label, r.is_area, by_need[r.code])
        for r in rows if by_need[r.code] or r.is_area
    ]
    any_first = sorted(needs, key=lambda n: n.code != ANY_NEED)
    return {
        "offer": offer,
        "published": long_date(offer.published),
        "reviewed": long_date(offer.last_reviewed),
        "contact": _contact_links(offer.contact, "Contact") if offer.contact else [],
        "sections": [s for s in sections.values() if s.services or s.also],
        "needs": any_first,
        "service_count": len(shown),
        "statutory": [(_term("statutory-topics", link.topic), link) for link in offer.statutory_links],
        "documents": offer.documents,
        "feedback": [(r, long_date(r.published)) for r in offer.feedback_reports],
        "absent": [(_term("provider-types", a.provider_type), a) for a in offer.absent_provision],
        "long_date": long_date,
        "term": _term,
    }


def offer_chunks(offer: LocalOffer) -> Iterator[str]:
    """The family document's HTML, in pieces."""
    return stream("offer.html.j2", **_context(offer))


def offer_html(offer: LocalOffer) -> str:
    """The family document as one string."""
    return "".join(offer_chunks(offer))


def write_offer_html(offer: LocalOffer, target: str | os.PathLike[str] | IO[str] | IO[bytes]) -> None:
    """Write the family document to a path (atomically) or a stream; same offer, same bytes."""
    render_to(offer_chunks(offer), target)
