"""Rules about the quality of what is written: duplicates, placeholders and copied text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ...model import Contact, Phone
from ..registry import Context, Hit, rule
from ._text import fold

COP_4 = "SEND Code of Practice 0-25 (2015) chapter 4"

#: Whole values that stand for "nothing yet" (compared case-folded, punctuation trimmed).
PLACEHOLDER_VALUES = frozenset({
    "tbc", "tba", "tbd", "to be confirmed", "to be advised", "to be decided", "n/a", "na", "n.a.", "null", "none",
    "nil", "test", "testing", "xxx", "xx", "x", "placeholder", "unknown", "not known", "-", "--", "?", "...", ".",
    "todo", "example", "sample", "insert text here", "description", "name",
})
#: Filler phrases, found anywhere in a text (compared in lower case).
PLACEHOLDER_PHRASES = ("lorem ipsum", "dolor sit amet", "insert text here", "insert description here")
PLACEHOLDER_DOMAINS = frozenset({"example.com", "example.org", "example.net", "email.com", "test.com", "domain.com",
                                 "mail.com.invalid", "localhost"})
_TRIM = " .,;:!*_'\""


#: Longer than any whole-value placeholder (with room for markup around it).
_SHORT = 60


def _phrase(low: str) -> bool:
    a, b, c, d = PLACEHOLDER_PHRASES
    return a in low or b in low or c in low or d in low


def _text_placeholder(text: str | None) -> bool:
    if not text:
        return False
    if len(text) > _SHORT:
        return _phrase(text.lower())
    f = fold(text)
    return f in PLACEHOLDER_VALUES or f.strip(_TRIM) in PLACEHOLDER_VALUES or _phrase(f)


#: The host of an absolute URL (RFC 3986 section 3.2): after "//" and any user info, before
#: the port, path, query or fragment.
_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?(\[[^\]]*\]|[^/?#:]*)")
_DOMAIN_SUFFIXES = (*(f".{d}" for d in PLACEHOLDER_DOMAINS), ".example", ".test", ".invalid")


@lru_cache(maxsize=65536)
def _domain_placeholder(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host in PLACEHOLDER_DOMAINS or host.endswith(_DOMAIN_SUFFIXES)


@lru_cache(maxsize=65536)
def _email_placeholder(email: str | None) -> bool:
    if not email:
        return False
    local, _, domain = email.rpartition("@")
    return _domain_placeholder(domain) or (local.lower() in {"email", "test", "name"} and domain.lower().startswith(
        ("email.", "test.", "mail.")))


@lru_cache(maxsize=65536)
def _url_placeholder(url: str | None) -> bool:
    if not url:
        return False
    m = _HOST.match(url.strip())
    return m is not None and _domain_placeholder(m.group(1).strip("[]"))


_SEQUENCES = ("1234567890" * 2, "0987654321" * 2)


_NOT_DIGIT = re.compile(r"[^0-9]")


@lru_cache(maxsize=65536)
def _phone_placeholder(number: str) -> bool:
    digits = _NOT_DIGIT.sub("", number)
    if len(digits) < 7:
        return False
    body = digits[1:] if digits.startswith("0") else digits
    # 0777 777 7777, 0000 000 0000, 01234 567890: one repeated digit or a counting sequence.
    return len(set(body)) == 1 or any(body in seq for seq in _SEQUENCES) or len(set(body[-6:])) == 1


def _phones(base: str, phones: Iterable[Phone]) -> Iterator[tuple[str, str]]:
    for j, p in enumerate(phones):
        if _phone_placeholder(p.number):
            yield f"{base}/phones/{j}/number", p.number


def _contact(base: str, c: Contact | None) -> Iterator[tuple[str, str]]:
    if c is None:
        return
    for name in ("name", "role"):
        value = getattr(c, name)
        if _text_placeholder(value):
            yield f"{base}/{name}", value
    if _email_placeholder(c.email):
        yield f"{base}/email", c.email or ""
    yield from _phones(base, c.phones)


def _placeholders(ctx: Context) -> Iterator[tuple[str, str]]:
    offer = ctx.offer
    yield from _contact("/contact", offer.contact)
    for i, o in enumerate(offer.organisations):
        base = f"/organisations/{i}"
        for name in ("name", "description"):
            if _text_placeholder(getattr(o, name)):
                yield f"{base}/{name}", getattr(o, name)
        if _email_placeholder(o.email):
            yield f"{base}/email", o.email or ""
        if _url_placeholder(o.website):
            yield f"{base}/website", o.website or ""
        yield from _phones(base, o.phones)
    for i, loc in enumerate(offer.locations):
        base = f"/locations/{i}"
        if _text_placeholder(loc.name):
            yield f"{base}/name", loc.name
        if loc.address is not None and _text_placeholder(loc.address.line1):
            yield f"{base}/address/line1", loc.address.line1
    for i, s in ctx.live_services:
        base = f"/services/{i}"
        if _text_placeholder(s.name):
            yield f"{base}/name", s.name
        if _text_placeholder(s.description):
            yield f"{base}/description", s.description
        if _text_placeholder(s.hours_description):
            yield f"{base}/hours_description", s.hours_description or ""
        if _text_placeholder(s.accessibility):
            yield f"{base}/accessibility", s.accessibility or ""
        if _text_placeholder(s.eligibility.description):
            yield f"{base}/eligibility/description", s.eligibility.description or ""
        if _text_placeholder(s.access.how_to_apply):
            yield f"{base}/access/how_to_apply", s.access.how_to_apply or ""
        if _email_placeholder(s.email):
            yield f"{base}/email", s.email or ""
        if _url_placeholder(s.website):
            yield f"{base}/website", s.website or ""
        yield from _phones(base, s.phones)
        for j, c in enumerate(s.contacts):
            yield from _contact(f"{base}/contacts/{j}", c)
        yield from _contact(f"{base}/access/referral_contact", s.access.referral_contact)
        if s.school is not None:
            yield from _contact(f"{base}/school/senco", s.school.senco)
            if _url_placeholder(s.school.sen_information_report):
                yield f"{base}/school/sen_information_report", s.school.sen_information_report or ""


@rule(
    "quality.placeholder", "warning", "Placeholder instead of real information",
    citation=f"{COP_4} (accurate and up to date); RFC 2606 (example domains)",
    why="Values such as 'TBC', 'N/A', lorem ipsum, example.com addresses, email@email.com or 0777 777 7777 are "
        "filler that was never replaced; families who use them reach nobody.",
    fix="Replace the placeholder with the real value, or leave the field empty if it is not known.",
)
def placeholder(ctx: Context) -> Iterator[Hit]:
    for path, value in _placeholders(ctx):
        yield (path, "This looks like a placeholder, not real information. Replace it with the real value or leave "
                    "the field empty.", value)


@rule(
    "quality.duplicate_service", "warning", "The same service listed twice",
    citation=f"{COP_4} (accessible)",
    why="Two services with the same name, organisation and postcode are usually one service entered twice; the "
        "copies drift apart and confuse families.",
    fix="Merge the two entries into one, or rename them to say how they differ.",
)
def duplicate_service(ctx: Context) -> Iterator[Hit]:
    postcodes: dict[object, str] = {}
    for loc in ctx.offer.locations:
        if loc.address is not None:
            postcodes.setdefault(loc.id, loc.address.postcode)
    seen: dict[tuple[str, object, frozenset[str]], int] = {}
    for i, s in ctx.live_services:
        name = fold(s.name)
        if not name:
            continue
        key = (name, s.organisation_id, frozenset(postcodes.get(x, "") for x in s.location_ids))
        first = seen.setdefault(key, i)
        if first != i:
            yield (f"/services/{i}",
                   f"This service has the same name, organisation and postcode as the service at /services/{first}. "
                   "Merge them or say how they differ.", s.name)


@rule(
    "quality.copied_description", "warning", "One description copied across many services",
    citation=f"{COP_4} (accessible)",
    why="The same description on many services tells families nothing about how they differ; it is usually "
        "pasted from a template or the organisation's blurb.",
    fix="Write a description for each service saying what it does.",
)
def copied_description(ctx: Context) -> Iterator[Hit]:
    minimum = int(ctx.option("copied_description_min", 3))
    by_text: dict[str, list[int]] = {}
    for i, s in ctx.live_services:
        text = fold(s.description)
        if text:
            by_text.setdefault(text, []).append(i)
    for text, where in by_text.items():
        if len(where) >= minimum:
            for i in where:
                yield (f"/services/{i}/description",
                       f"{len(where)} services have this same description. Write one for each service saying what it "
                       "does.", text)
