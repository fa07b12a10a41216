"""From an Open Referral feed to model data: HSDS 3.0 and 3.1 and Open Referral UK 3.0
compiled JSON, and Open Referral UK 1.0 (``eligibilitys``, ``service_taxonomys``,
``regular_schedules``...), as one service, a list, or a ``/services`` page.

Nothing is dropped without a word: a value the model has a field for goes there; a property
of a service, organisation or location that the model has no field for is kept in that
object's ``extensions`` (and written back out unchanged); anything else is named in a
finding with its JSON pointer in the feed. Feeds found in the wild are read as far as they
can be: ids that are not UUIDs are replaced by stable UUIDs minted from them, ``-1`` ages
read as no limit, HTML descriptions as text, and values outside the standard lists are
reported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import math
import re
import uuid
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from typing import Any

from .. import vocab as _vocab
from ..checks.findings import Finding, Severity, shorten
from ._hsds_common import BLOCK, VOCAB_BASE, child_id, la_organisation_id, parse_term_uri

__all__ = ["REFERENCE", "FeedReader"]

REFERENCE = "Open Referral HSDS 3.1 (docs.openreferral.org); Open Referral UK 3.0 (openreferraluk.org)"

_NS = uuid.NAMESPACE_URL
_PAGE_KEYS = ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty")
_PAGE_KEYS_V1 = ("totalElements", "totalPages", "number", "size", "first", "last", "empty", "numberOfElements",
                 "pageable", "sort")
_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|&(?:[a-zA-Z]+|#[0-9]+|#x[0-9a-fA-F]+);")
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote"}

# Open Referral UK 1.0 values (its service.json enums) and the library's codes they mean.
_ATTENDING_TYPE = {"phone": "telephone", "online": "online", "venue": "in-person", "home visit": "home-visit"}
_ATTENDING_ACCESS = {"referral": "professional-referral", "appointment": "appointment", "membership": "membership",
                     "drop-in": "drop-in", "self-referral": "self-referral"}
_WEEKDAY_NAMES = {"monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH", "friday": "FR",
                  "saturday": "SA", "sunday": "SU"}
_WEEKDAY_NUMBERS = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}
_UK = {"gb", "uk", "united kingdom", "great britain", "england", "wales", "scotland", "northern ireland"}

# Link properties: which record a child belongs to. The model nests instead, so they are
# used to resolve references and not kept.
_LINKS = frozenset({"service_id", "location_id", "organization_id", "link_id", "link_entity", "link_type",
                    "taxonomy_term_id", "contact_id", "service_at_location_id", "phone_id", "taxonomy_id", "linkid",
                    "link_taxonomy_id"})


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(text: str) -> str:
    """Plain text from HTML: block elements become paragraph breaks, entities are decoded."""
    parser = _TextParser()
    parser.feed(text)
    parser.close()
    raw = html.unescape("".join(parser.parts))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", raw)]
    return "\n\n".join(p for p in paragraphs if p)


def _esc(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _is_page(d: dict[str, Any]) -> bool:
    return "contents" in d or "content" in d or sum(k in d for k in _PAGE_KEYS) >= 3 or sum(k in d for k in _PAGE_KEYS_V1) >= 3


class FeedReader:
    """Reads one parsed feed into a native offer dict, collecting findings as it goes."""

    def __init__(self, name: str, *, trusted: bool = False) -> None:
        self.name = name
        self.trusted = trusted
        self.notes: list[tuple[str, Severity, str, str, Any]] = []
        self.organisations: dict[str, dict[str, Any]] = {}
        self.org_order: list[str] = []
        self.locations: dict[str, dict[str, Any]] = {}
        self.services: list[dict[str, Any]] = []
        self.service_ids: dict[str, str] = {}
        self.places: dict[str, str] = {}
        self.terms_by_id: dict[str, dict[str, Any]] = {}
        self.taxonomies_by_id: dict[str, dict[str, Any]] = {}
        self.used_terms: set[str] = set()
        self.used_taxonomies: set[str] = set()
        self.extensions: dict[str, Any] = {}
        self.la_id: str | None = None
        self.version_1 = False
        self.pending_orgs: list[tuple[str, str, Any]] = []
        self.pending_locs: list[tuple[str, str, Any]] = []
        self._content_key = "contents"

    # -- findings ---------------------------------------------------------------------------

    def note(self, code: str, severity: Severity, message: str, ptr: str, value: Any = None) -> None:
        self.notes.append((code, severity, message, ptr, value))

    def not_carried(self, ptr: str, key: str, value: Any, what: str) -> None:
        self.note("hsds.not_carried", Severity.INFO,
                  f"'{key}' of {what} has no place in a Local Offer and was not kept; it is {shorten(_brief(value))!r}.",
                  f"{ptr}/{_esc(key)}", value)

    def findings(self, locate: Callable[[str], Any] | None = None) -> list[Finding]:
        return [
            Finding(code=code, severity=severity, message=message, path=ptr,
                    location=locate(ptr) if locate else None, citation=REFERENCE,
                    value=None if isinstance(value, (dict, list)) else shorten(value))
            for code, severity, message, ptr, value in self.notes
        ]

    # -- scalar helpers ---------------------------------------------------------------------

    def text(self, obj: dict[str, Any], key: str, ptr: str, *, markup: bool = False) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.note("hsds.type", Severity.ERROR, f"'{key}' should be text; it is a JSON {_json_type(value)}.",
                      f"{ptr}/{key}", value)
            return None
        if markup and not self.trusted and _HTML.search(value):
            plain = html_to_text(value)
            if plain:
                self.note("hsds.html", Severity.INFO, f"'{key}' is HTML; it was read as plain text.", f"{ptr}/{key}", value)
            else:
                self.note("hsds.empty_text", Severity.WARNING,
                          f"'{key}' holds only markup and no text ({shorten(value)!r}): write what the service is and does.",
                          f"{ptr}/{key}", value)
            return plain
        return value

    def ident(self, value: Any, kind: str, ptr: str, *, required: bool = True) -> str | None:
        """A UUID as text; an id that is not a UUID gives a stable one minted from it."""
        if value is None or value == "":
            if required:
                self.note("hsds.missing", Severity.ERROR, f"The {kind} has no id: give every {kind} a UUID.", ptr)
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.note("hsds.type", Severity.ERROR, f"The {kind} id should be text; it is a JSON {_json_type(value)}.", ptr, value)
            return None
        text = str(value)
        try:
            return str(uuid.UUID(text))
        except ValueError:
            minted = str(uuid.uuid5(_NS, f"https://sendlocaloffer.org/hsds/{kind}/{text}"))
            self.note("hsds.id_not_uuid", Severity.WARNING,
                      f"The {kind} id {text!r} is not a UUID, as Open Referral requires; it was read as {minted}, "
                      "a stable UUID made from it. Publish UUIDs.", ptr, text)
            return minted

    def own_id(self, obj: dict[str, Any], kind: str, ptr: str, parent: str | None, key: object) -> str | None:
        """The record's id for a model field that may be empty: None when it is the id this
        library's writer minted for a record the model held without one."""
        rid = self.ident(obj.get("id"), kind, ptr + "/id", required=False)
        if rid is None or (parent is not None and rid == child_id(parent, kind.replace(" option", ""), key)):
            return None
        return rid

    def date(self, obj: dict[str, Any], key: str, ptr: str) -> str | None:
        value = obj.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            head = value[:10]
            try:
                return dt.date.fromisoformat(head).isoformat()
            except ValueError:
                pass
        self.note("hsds.date", Severity.ERROR, f"'{key}' should be a date like 2025-01-31; it is {shorten(_brief(value))!r}.",
                  f"{ptr}/{key}", value)
        return None

    def age(self, obj: dict[str, Any], key: str, ptr: str) -> int | None:
        value = obj.get(key)
        if value is None or value == "":
            return None
        p = f"{ptr}/{key}"
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                self.note("hsds.type", Severity.ERROR, f"'{key}' should be a number of years; it is {value!r}.", p, value)
                return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.note("hsds.type", Severity.ERROR, f"'{key}' should be a number of years; it is a JSON {_json_type(value)}.", p, value)
            return None
        if not math.isfinite(value):  # text such as "NaN" or "inf" in a CSV cell
            self.note("hsds.type", Severity.ERROR, f"'{key}' should be a number of years; it is {obj.get(key)!r}.", p,
                      obj.get(key))
            return None
        if value == -1:
            self.note("hsds.age_unset", Severity.INFO, f"'{key}' is -1, read as no limit.", p, value)
            return None
        if value < 0 or value != int(value):
            self.note("hsds.age", Severity.ERROR, f"'{key}' is {value}: an age is a whole number of years, 0 or more.", p, value)
            return None
        if value > 25:
            # The Local Offer covers 0-25 (Children and Families Act 2014 s30).
            self.note("hsds.age", Severity.WARNING,
                      f"'{key}' is {int(value)}, beyond the Local Offer's 0-25; read as no limit within it.", p, value)
            return None
        return int(value)

    def items(self, obj: dict[str, Any], key: str, ptr: str) -> list[tuple[str, dict[str, Any]]]:
        """The objects of a list property, each with its pointer; anything else reported."""
        value = obj.get(key)
        if value is None:
            return []
        p = f"{ptr}/{key}"
        if isinstance(value, dict):
            self.note("hsds.type", Severity.WARNING, f"'{key}' should be a list; its one object was read as the list's only item.",
                      p, None)
            return [(p, value)]
        if not isinstance(value, list):
            self.note("hsds.type", Severity.ERROR, f"'{key}' should be a list; it is a JSON {_json_type(value)}.", p, value)
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((f"{p}/{i}", item))
            else:
                self.note("hsds.type", Severity.ERROR, f"Each of '{key}' should be an object; this one is a JSON {_json_type(item)}.",
                          f"{p}/{i}", item)
        return out

    def leftovers(self, obj: dict[str, Any], used: set[str] | frozenset[str], ptr: str, what: str) -> None:
        for key, value in obj.items():
            if key in used or key in _LINKS or value is None or value == "" or value == []:
                continue
            self.not_carried(ptr, key, value, what)

    # -- the feed ---------------------------------------------------------------------------

    def read(self, data: Any) -> dict[str, Any]:
        """The native offer dict for a parsed feed."""
        block: dict[str, Any] = {}
        if isinstance(data, list):
            self._items(data, "")
        elif isinstance(data, dict):
            raw_block = data.get(BLOCK)
            if raw_block is not None and not (isinstance(raw_block, dict) and isinstance(raw_block.get("offer"), dict)):
                self.note("hsds.extension", Severity.ERROR,
                          f"'{BLOCK}' should be an object with the offer's details under 'offer'; it was not read.", f"/{BLOCK}",
                          _brief(raw_block))
            if isinstance(raw_block, dict) and isinstance(raw_block.get("offer"), dict):
                block = raw_block
                self.trusted = True
                offer_id = raw_block["offer"].get("id")
                if isinstance(offer_id, str):
                    try:
                        self.la_id = la_organisation_id(offer_id)
                    except ValueError:
                        self.la_id = None
            lists = _is_page(data) or any(k in data for k in ("organizations", "locations", BLOCK)) or (
                "taxonomy_terms" in data and "name" not in data)
            if lists:
                self._lists(data)
                if _is_page(data):
                    self._page(data)
                for key, value in data.items():
                    if key not in ("contents", "content", "organizations", "locations", "taxonomies", "taxonomy_terms", BLOCK) \
                            and key not in _PAGE_KEYS and key not in _PAGE_KEYS_V1:
                        self.extensions[key] = value
            else:
                self._one(data, "")
        else:
            self.note("hsds.type", Severity.ERROR,
                      f"The feed is a JSON {_json_type(data)}; an Open Referral feed is a service, a list of services or a page of them.", "")
        return self._offer(block)

    def _lists(self, data: dict[str, Any]) -> None:
        for _ptr, term in self.items(data, "taxonomy_terms", ""):
            tid = term.get("id")
            if isinstance(tid, str):
                self.terms_by_id[tid] = term
        for _ptr, tax in self.items(data, "taxonomies", ""):
            tid = tax.get("id")
            if isinstance(tid, str):
                self.taxonomies_by_id[tid] = tax
        seen: set[str] = set()
        for ptr, org in self.items(data, "organizations", ""):
            oid = org.get("id")
            if isinstance(oid, str) and oid in seen:
                self.note("hsds.duplicate_id", Severity.ERROR, f"Two organizations have the id {oid}; ids must be unique.", ptr + "/id", oid)
                continue
            if isinstance(oid, str):
                seen.add(oid)
            read_id = self.organisation(org, ptr)
            for sp, svc in self.items(org, "services", ptr):
                self.service(svc, sp, org_id=read_id)
        for ptr, loc in self.items(data, "locations", ""):
            self.location(loc, ptr, top=True)

    def _page(self, data: dict[str, Any]) -> None:
        if "contents" not in data and isinstance(data.get("content"), list):
            data = {**data, "contents": data["content"]}
            self._content_key = "content"
        if "contents" not in data:
            self.note("hsds.page_without_contents", Severity.ERROR,
                      "The page has paging details but no 'contents': there are no services to read.", "", None)
            return
        contents = data["contents"]
        if not isinstance(contents, list):
            self.note("hsds.type", Severity.ERROR, f"'contents' should be a list; it is a JSON {_json_type(contents)}.", "/contents", contents)
            return
        if not contents and not self.trusted:
            self.note("hsds.empty_page", Severity.WARNING, "The page's 'contents' is empty: the feed has no services.", "/contents")
        pages = data.get("total_pages", data.get("totalPages"))
        if isinstance(pages, int) and not isinstance(pages, bool) and pages > 1:
            self.note("hsds.partial_page", Severity.WARNING,
                      f"This is one page of {pages}: only the services on it were read. Read every page, or ask for one page of all.",
                      "/total_pages", pages)
        self._items(contents, "/" + self._content_key)

    def _items(self, items: list[Any], ptr: str) -> None:
        for i, item in enumerate(items):
            p = f"{ptr}/{i}"
            if not isinstance(item, dict):
                self.note("hsds.type", Severity.ERROR, f"Each item should be an object; this one is a JSON {_json_type(item)}.", p, item)
                continue
            self._one(item, p)

    def _one(self, item: dict[str, Any], ptr: str) -> None:
        kind = _kind(item)
        if kind == "service":
            self.service(item, ptr)
        elif kind == "organization":
            oid = self.organisation(item, ptr)
            for sp, svc in self.items(item, "services", ptr):
                self.service(svc, sp, org_id=oid)
        elif kind == "service_at_location":
            self._service_at_location(item, ptr)
        elif kind == "location":
            self.location(item, ptr, top=True)
        elif kind in ("taxonomy", "taxonomy_term", "api"):
            key = {"taxonomy": "taxonomies", "taxonomy_term": "taxonomy_terms", "api": "api"}[kind]
            if kind == "api":
                self.extensions.update(item)
            else:
                self.extensions.setdefault(key, []).append(item)
            self.note("hsds.no_services", Severity.INFO,
                      f"This is a {kind.replace('_', ' ')}, not a service: it was kept with the offer's extensions.", ptr)

    def _service_at_location(self, item: dict[str, Any], ptr: str) -> None:
        svc = item.get("service")
        if not isinstance(svc, dict):
            self.note("hsds.missing", Severity.ERROR, "The service_at_location has no service object.", ptr + "/service", svc)
            return
        merged = dict(svc)
        sal = {k: v for k, v in item.items() if k not in ("service",)}
        merged["service_at_locations"] = [sal]
        self.service(merged, ptr + "/service", sal_ptr=ptr)

    # -- objects ----------------------------------------------------------------------------

    def organisation(self, org: dict[str, Any], ptr: str) -> str | None:
        oid = self.ident(org.get("id"), "organization", ptr + "/id")
        if oid is None:
            return None
        if oid == self.la_id:
            return oid
        if oid in self.organisations:
            return oid
        out: dict[str, Any] = {"id": oid}
        name = self.text(org, "name", ptr)
        if name is None:
            self.note("hsds.missing", Severity.ERROR, "The organization has no name.", ptr + "/name")
        else:
            out["name"] = name
        desc = self.text(org, "description", ptr, markup=True)
        if desc:
            out["description"] = desc
        website = self.text(org, "website", ptr) or self.text(org, "url", ptr)
        if website:
            out["website"] = website
        email = self.text(org, "email", ptr)
        if email:
            out["email"] = email
        phones = [self.phone(p, pp, oid, i) for i, (pp, p) in enumerate(self.items(org, "phones", ptr))]
        phones = [p for p in phones if p is not None]
        if phones:
            out["phones"] = phones
        idents = []
        for ip, ident in self.items(org, "organization_identifiers", ptr) + self.items(org, "identifiers", ptr):
            scheme = self.text(ident, "identifier_scheme", ip) or self.text(ident, "identifier_type", ip) or self.text(ident, "register", ip)
            value = self.text(ident, "identifier", ip)
            if scheme and value:
                idents.append({"scheme": scheme, "value": value})
                used = {"id", "identifier", "organization_id"} | {
                    k for k in ("identifier_scheme", "identifier_type", "register") if ident.get(k) == scheme}
                self.leftovers(ident, used, ip, "an organization identifier")
            else:
                self.note("hsds.missing", Severity.WARNING, "The organization identifier has no scheme or no value; it was not kept.", ip, value)
        if idents:
            out["identifiers"] = idents
        mapped = {"id", "name", "description", "website", "email", "phones", "organization_identifiers",
                  "identifiers", "services", BLOCK}
        if not org.get("website"):
            mapped.add("url")  # Open Referral UK 1.0 names the web site url
        ext = {k: v for k, v in org.items() if k not in mapped and v is not None}
        self._apply_block(out, ext, org.get(BLOCK), ptr)
        if ext:
            out["extensions"] = ext
        self.organisations[oid] = out
        self.org_order.append(oid)
        self.places[f"org:{oid}"] = ptr
        return oid

    def location(self, loc: dict[str, Any], ptr: str, *, top: bool = False) -> str | None:
        lid = self.ident(loc.get("id"), "location", ptr + "/id")
        if lid is None or lid in self.locations:
            return lid
        out: dict[str, Any] = {"id": lid}
        name = self.text(loc, "name", ptr)
        if name:
            out["name"] = name
        desc = self.text(loc, "description", ptr, markup=True)
        if desc:
            out["description"] = desc
        ltype = loc.get("location_type")
        if isinstance(ltype, str) and ltype:
            out["type"] = ltype
        url = self.text(loc, "url", ptr)
        if url:
            out["url"] = url
        for key, field in (("latitude", "latitude"), ("longitude", "longitude")):
            value = loc.get(key)
            if value is None or value == "":
                continue
            if isinstance(value, str):
                with contextlib.suppress(ValueError):
                    value = float(value)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
                out[field] = value
            else:
                self.note("hsds.type", Severity.ERROR, f"'{key}' should be a number.", f"{ptr}/{key}", value)
        mapped = {"id", "location_type", "name", "description", "url", "latitude", "longitude", "addresses",
                  "physical_addresses", "postal_addresses", "accessibility", "accessibility_for_disabilities", "attributes", BLOCK}
        ext_type = loc.get("external_identifier_type")
        if isinstance(ext_type, str) and ext_type.strip().upper() == "UPRN":
            uprn = self.text(loc, "external_identifier", ptr)
            if uprn:
                out["uprn"] = uprn
            mapped |= {"external_identifier", "external_identifier_type"}
        addresses = (self.items(loc, "addresses", ptr) + self.items(loc, "physical_addresses", ptr)
                     + self.items(loc, "postal_addresses", ptr))
        for i, (ap, addr) in enumerate(addresses):
            if i == 0:
                address = self.address(addr, ap)
                if address:
                    out["address"] = address
                # Open Referral UK 1.0 gives the UPRN on the physical address.
                uprn = addr.get("uprn")
                if uprn not in (None, "") and "uprn" not in out:
                    out["uprn"] = str(uprn)
            else:
                self.note("hsds.not_carried", Severity.INFO,
                          "A location has one address in a Local Offer; this further address was not kept.", ap,
                          addr.get("address_1"))
        notes = []
        for ap, acc in self.items(loc, "accessibility", ptr) + self.items(loc, "accessibility_for_disabilities", ptr):
            used = {"id"}
            for key in ("description", "accessibility", "details"):
                text = self.text(acc, key, ap, markup=True)
                if text and text not in notes:
                    notes.append(text)
                used.add(key)
            self.leftovers(acc, used, ap, "an accessibility record")
        if notes:
            out["accessibility_notes"] = "\n\n".join(notes)
        features = []
        for ap, attr in self.items(loc, "attributes", ptr):
            got = self.attribute(attr, ap)
            if got is None:
                continue
            if got[0] == "accessibility-features":
                features.append(got[1])
            else:
                self.note("hsds.not_carried", Severity.INFO,
                          "This attribute of a location has no place in a Local Offer; it was not kept.", ap, got[1])
        if features:
            out["accessibility"] = features
        ext = {k: v for k, v in loc.items() if k not in mapped and v is not None}
        self._apply_block(out, ext, loc.get(BLOCK), ptr)
        if ext:
            out["extensions"] = ext
        if "name" not in out:
            fallback = (out.get("address") or {}).get("line1")
            if fallback:
                out["name"] = fallback
                self.note("hsds.missing", Severity.WARNING, "The location has no name; its first address line was used.", ptr + "/name")
            else:
                self.note("hsds.missing", Severity.ERROR, "The location has no name and no address to name it by.", ptr + "/name")
        self.locations[lid] = out
        self.places[f"loc:{lid}"] = ptr
        return lid

    def address(self, addr: dict[str, Any], ptr: str) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        line1 = self.text(addr, "address_1", ptr)
        if line1:
            out["line1"] = line1
        line2 = self.text(addr, "address_2", ptr)
        if line2:
            out["line2"] = line2
        town = self.text(addr, "city", ptr)
        if town:
            out["town"] = town
        county = self.text(addr, "state_province", ptr)
        used = {"id", "address_1", "address_2", "city", "state_province", "postal_code", "country", "address_type", "uprn"}
        if county and county == town:
            county = None
        if county:
            out["county"] = county
        else:
            region = self.text(addr, "region", ptr)
            if region:
                out["county"] = region
                used.add("region")
        postcode = self.text(addr, "postal_code", ptr)
        if postcode:
            out["postcode"] = postcode
        country = self.text(addr, "country", ptr)
        if country:
            if country.strip().casefold() in _UK:
                out["country"] = "GB"
            elif re.fullmatch(r"[A-Za-z]{2}", country.strip()):
                out["country"] = country.strip().upper()
            else:
                self.note("hsds.vocabulary", Severity.WARNING,
                          f"The country {country!r} is not an ISO 3166-1 code such as GB; it was not kept.", ptr + "/country", country)
        self.leftovers(addr, used, ptr, "an address")
        if not {"line1", "town", "postcode"} <= out.keys():
            missing = ", ".join(k for k, f in (("address_1", "line1"), ("city", "town"), ("postal_code", "postcode")) if f not in out)
            self.note("hsds.missing", Severity.ERROR, f"The address has no {missing}; it was not kept.", ptr, line1)
            return None
        return out

    def phone(self, phone: dict[str, Any], ptr: str, owner: str | None, index: int) -> dict[str, Any] | None:
        number = self.text(phone, "number", ptr)
        if not number:
            self.note("hsds.missing", Severity.ERROR, "The phone has no number; it was not kept.", ptr + "/number")
            return None
        out: dict[str, Any] = {"number": number}
        pid = self.own_id(phone, "phone", ptr, owner, index)
        if pid:
            out["id"] = pid
        ext = phone.get("extension")
        if ext is not None and ext != "":
            out["extension"] = str(int(ext)) if isinstance(ext, float) and ext.is_integer() else str(ext)
        ptype = phone.get("type")
        if isinstance(ptype, str) and ptype:
            try:
                out["type"] = _vocab.get("phone-types").normalise(ptype)
            except _vocab.UnknownTermError:
                self.note("hsds.vocabulary", Severity.WARNING,
                          f"The phone type {ptype!r} is not one the Local Offer knows ({', '.join(_vocab.get('phone-types').codes)}); read as voice.",
                          ptr + "/type", ptype)
        desc = self.text(phone, "description", ptr)
        if desc:
            out["description"] = desc
        self.leftovers(phone, {"id", "number", "extension", "type", "description"}, ptr, "a phone")
        return out

    def contact(self, c: dict[str, Any], ptr: str, owner: str, index: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        cid = self.ident(c.get("id"), "contact", ptr + "/id", required=False)
        written_id = cid or child_id(owner, "contact", index)
        if cid and cid != child_id(owner, "contact", index):
            out["id"] = cid
        for key, field in (("name", "name"), ("title", "role"), ("department", "department"), ("email", "email")):
            value = self.text(c, key, ptr)
            if value:
                out[field] = value
        phones = [self.phone(p, pp, written_id, i) for i, (pp, p) in enumerate(self.items(c, "phones", ptr))]
        phones = [p for p in phones if p is not None]
        if phones:
            out["phones"] = phones
        self.leftovers(c, {"id", "name", "title", "department", "email", "phones"}, ptr, "a contact")
        return out

    def attribute(self, attr: dict[str, Any], ptr: str) -> tuple[str, Any] | None:
        """``(vocabulary, code)`` for a term of the library's vocabularies, or ``("", term)``
        with a native taxonomy term for any other."""
        term = attr.get("taxonomy_term")
        term_ptr = ptr + "/taxonomy_term"
        if not isinstance(term, dict):
            tid = attr.get("taxonomy_term_id")
            term = self.terms_by_id.get(tid) if isinstance(tid, str) else None
            term_ptr = ptr + "/taxonomy_term_id"
            if term is None:
                self.note("hsds.unresolved_reference", Severity.ERROR,
                          f"The attribute's taxonomy term {shorten(str(tid))!r} is not in the feed's taxonomy_terms.", term_ptr, tid)
                return None
        tid = term.get("id")
        if isinstance(tid, str):
            self.used_terms.add(tid)
        for key in ("value", "label"):
            if attr.get(key) not in (None, ""):
                self.not_carried(ptr, key, attr[key], "an attribute")
        self.leftovers(attr, {"id", "taxonomy_term", "value", "label"}, ptr, "an attribute")
        uri = term.get("term_uri")
        if isinstance(uri, str):
            parsed = parse_term_uri(uri)
            if parsed is not None:
                self.used_taxonomies.add(parsed[0])
                return parsed
        return ("", self.foreign_term(term, term_ptr))

    def foreign_term(self, term: dict[str, Any], ptr: str) -> dict[str, Any] | None:
        taxonomy = term.get("taxonomy")
        detail = term.get("taxonomy_detail")
        if not (isinstance(taxonomy, str) and taxonomy) and isinstance(detail, dict):
            taxonomy = detail.get("name")
        if isinstance(detail, dict):
            self.leftovers(detail, {"id", "name"} if detail.get("name") == taxonomy else {"id"}, ptr + "/taxonomy_detail",
                           "a taxonomy")
        if not (isinstance(taxonomy, str) and taxonomy):
            tax = self.taxonomies_by_id.get(term.get("taxonomy_id") or "")
            taxonomy = tax.get("name") if tax else None
        if not (isinstance(taxonomy, str) and taxonomy):
            taxonomy = "unknown"
        tax_id = term.get("taxonomy_id")
        if isinstance(tax_id, str):
            self.used_taxonomies.add(tax_id)
        code = next((term[k] for k in ("code", "term") if isinstance(term.get(k), str) and term[k]), None)
        name = term.get("name") if isinstance(term.get("name"), str) and term.get("name") else None
        if code is None:
            code = name or (str(term["id"]) if term.get("id") else None)
        if code is None:
            self.note("hsds.missing", Severity.ERROR, "The taxonomy term has no code, term, name or id; it was not kept.", ptr)
            return None
        description = term.get("description")
        out: dict[str, Any] = {"taxonomy": taxonomy, "code": code}
        label = name
        if name == code and description in ("", code):
            label = None
        if label is not None:
            out["label"] = label
        if description not in (None, "", name, code):
            self.not_carried(ptr, "description", description, "a taxonomy term")
        uri = term.get("term_uri")
        if isinstance(uri, str) and uri:
            if uri.startswith(("http://", "https://")):
                out["uri"] = uri
            else:
                self.not_carried(ptr, "term_uri", uri, "a taxonomy term (it is not an http(s) address)")
        parent = term.get("parent_id") if term.get("parent_id") is not None else term.get("parent")
        if parent not in (None, ""):
            parent_term = self.terms_by_id.get(parent) if isinstance(parent, str) else None
            if parent_term is not None:
                pcode = next((parent_term[k] for k in ("code", "term", "name") if isinstance(parent_term.get(k), str) and parent_term[k]), None)
                if pcode:
                    out["parent"] = pcode
                    if isinstance(parent_term.get("id"), str):
                        self.used_terms.add(parent_term["id"])
            elif self.version_1 and isinstance(parent, str):
                out["parent"] = parent
            else:
                self.note("hsds.unresolved_reference", Severity.INFO,
                          f"The parent {shorten(str(parent))!r} of taxonomy term {code!r} is not in the feed's taxonomy_terms; the link was not kept.",
                          ptr + "/parent_id", parent)
        used = {"id", "code", "term", "name", "description", "taxonomy", "taxonomy_detail", "term_uri", "parent_id", "parent",
                "vocabulary"}
        self.leftovers(term, used, ptr, "a taxonomy term")
        return out

    def schedules(self, svc: dict[str, Any], out: dict[str, Any], sid: str, ptr: str, key: str) -> None:
        hours = out.setdefault("opening_hours", [])
        descriptions: list[str] = []
        for i, (sp, sch) in enumerate(self.items(svc, key, ptr)):
            used = {"id", "description", "freq", "interval", "byday", "weekday", "opens_at", "closes_at", "valid_from",
                    "valid_to", "notes", "wkst"}
            desc = self.text(sch, "description", sp, markup=True)
            if desc and desc not in descriptions:
                descriptions.append(desc)
            freq = sch.get("freq")
            days = self._days(sch, sp)
            opens = _time(sch.get("opens_at"))
            closes = _time(sch.get("closes_at"))
            weekly = freq in (None, "", "WEEKLY") and days and opens is not None and closes is not None
            if not weekly:
                rule = {k: sch.get(k) for k in ("freq", "byday", "weekday", "opens_at", "closes_at") if sch.get(k) not in (None, "")}
                if rule:
                    self.note("hsds.schedule", Severity.WARNING,
                              "This schedule is not weekly opening hours (days, opening and closing times) and was not kept as such"
                              + ("; its description was kept as the hours description." if desc else "."),
                              sp, _brief(rule))
                self.leftovers(sch, used, sp, "a schedule")
                continue
            entry: dict[str, Any] = {"days": days, "opens": opens, "closes": closes}
            oid = self.own_id(sch, "schedule", sp, sid, i)
            if oid:
                entry["id"] = oid
            for k in ("valid_from", "valid_to"):
                d = self.date(sch, k, sp)
                if d:
                    entry[k] = d
            note = self.text(sch, "notes", sp)
            if note:
                entry["note"] = note
            if str(sch.get("interval", "1")) not in ("", "1", "1.0"):
                used.discard("interval")
            if sch.get("wkst") not in (None, "", "MO"):
                used.discard("wkst")
            hours.append(entry)
            self.leftovers(sch, used, sp, "a schedule")
        if not hours:
            out.pop("opening_hours")
        if descriptions:
            if out.get("hours_description"):
                descriptions.insert(0, out["hours_description"])
            out["hours_description"] = "\n\n".join(descriptions)

    def _days(self, sch: dict[str, Any], ptr: str) -> list[str]:
        byday = sch.get("byday")
        days: list[str] = []
        if isinstance(byday, str) and byday.strip():
            for part in byday.split(","):
                code = part.strip().upper()
                if code in _WEEKDAY_NUMBERS.values():
                    days.append(code)
                else:
                    return []
        weekday = sch.get("weekday")
        if weekday not in (None, ""):
            if isinstance(weekday, int) and not isinstance(weekday, bool) and weekday in _WEEKDAY_NUMBERS:
                days.append(_WEEKDAY_NUMBERS[weekday])
            elif isinstance(weekday, str) and weekday.strip().casefold() in _WEEKDAY_NAMES:
                days.append(_WEEKDAY_NAMES[weekday.strip().casefold()])
            elif isinstance(weekday, str) and weekday.strip().upper() in _WEEKDAY_NUMBERS.values():
                days.append(weekday.strip().upper())
            elif isinstance(weekday, str) and weekday.strip().isdigit() and int(weekday) in _WEEKDAY_NUMBERS:
                days.append(_WEEKDAY_NUMBERS[int(weekday)])
            else:
                return []
        return days

    def service(self, svc: dict[str, Any], ptr: str, *, org_id: str | None = None, sal_ptr: str | None = None) -> None:
        sid = self.ident(svc.get("id"), "service", ptr + "/id")
        if sid is None:
            return
        if sid in self.service_ids:
            self.note("hsds.duplicate_id", Severity.ERROR,
                      f"Two services have the id {sid} (the other is at {self.service_ids[sid] or '/'}); ids must be unique. This one was not read.",
                      ptr + "/id", svc.get("id"))
            return
        self.service_ids[sid] = ptr
        if any(k in svc for k in ("eligibilitys", "service_taxonomys", "regular_schedules", "holiday_schedules")):
            self.version_1 = True
        out: dict[str, Any] = {"id": sid}
        used: set[str] = {"id", BLOCK}
        name = self.text(svc, "name", ptr)
        if name is None or not name.strip():
            self.note("hsds.missing", Severity.ERROR, "The service has no name: give every service a name.", ptr + "/name", name)
        else:
            out["name"] = name
        used.add("name")
        desc = self.text(svc, "description", ptr, markup=True)
        if desc:
            out["description"] = desc
        used.add("description")
        status = svc.get("status")
        if status not in (None, ""):
            try:
                out["status"] = _vocab.get("service-status").normalise(status) if isinstance(status, str) else None
            except _vocab.UnknownTermError:
                out["status"] = None
            if out["status"] is None:
                out.pop("status")
                self.note("hsds.vocabulary", Severity.WARNING,
                          f"The status {shorten(_brief(status))!r} is not one of active, inactive, defunct, temporarily closed; read as active.",
                          ptr + "/status", status)
        used.add("status")
        # The organisation: nested, referred to, or the one whose services these are.
        org = svc.get("organization")
        oid: str | None = None
        if isinstance(org, dict):
            oid = self.organisation(org, ptr + "/organization")
        ref = svc.get("organization_id")
        if ref not in (None, ""):
            rid = self.ident(ref, "organization", ptr + "/organization_id")
            if oid is None and rid is not None:
                oid = rid
                if rid not in self.organisations and rid != self.la_id:
                    self.pending_orgs.append((rid, ptr + "/organization_id", ref))
        if oid is None:
            oid = org_id
        if oid is not None and oid != self.la_id:
            out["organisation_id"] = oid
        used |= {"organization", "organization_id"}
        for key, field in (("url", "website"), ("email", "email")):
            value = self.text(svc, key, ptr)
            if value:
                out[field] = value
            used.add(key)
        eligibility: dict[str, Any] = {}
        access: dict[str, Any] = {}
        cost: dict[str, Any] = {}
        for key in ("minimum_age", "maximum_age"):
            age = self.age(svc, key, ptr)
            if age is not None:
                eligibility["min_age" if key == "minimum_age" else "max_age"] = age
            used.add(key)
        text = self.text(svc, "eligibility_description", ptr, markup=True)
        if text:
            eligibility["description"] = text
        used.add("eligibility_description")
        for ep, el in self.items(svc, "eligibilitys", ptr):
            for key in ("minimum_age", "maximum_age"):
                age = self.age(el, key, ep)
                field = "min_age" if key == "minimum_age" else "max_age"
                if age is not None and field not in eligibility:
                    eligibility[field] = age
            words = self.text(el, "eligibility", ep)
            if words:
                eligibility["description"] = (eligibility.get("description", "") + "\n\n" + words).strip()
            self.leftovers(el, {"id", "minimum_age", "maximum_age", "eligibility"}, ep, "an eligibility")
        used.add("eligibilitys")
        text = self.text(svc, "application_process", ptr, markup=True)
        if text:
            access["how_to_apply"] = text
        used.add("application_process")
        fees_description = self.text(svc, "fees_description", ptr, markup=True)
        fees = self.text(svc, "fees", ptr, markup=True)
        if fees_description:
            cost["description"] = fees_description
            used.add("fees_description")
            if not fees or fees == fees_description:
                used.add("fees")
        elif fees:
            cost["description"] = fees
            used |= {"fees", "fees_description"}
        else:
            used |= {"fees", "fees_description"}
        checked = self.date(svc, "assured_date", ptr)
        if checked:
            out["last_checked"] = checked
        used.add("assured_date")
        phones = [self.phone(p, pp, sid, i) for i, (pp, p) in enumerate(self.items(svc, "phones", ptr))]
        contacts = [self.contact(c, cp, sid, i) for i, (cp, c) in enumerate(self.items(svc, "contacts", ptr))]
        used |= {"phones", "contacts"}
        self.schedules(svc, out, sid, ptr, "schedules")
        self.schedules(svc, out, sid, ptr, "regular_schedules")
        used |= {"schedules", "regular_schedules"}
        closures = []
        for hp, hol in self.items(svc, "holiday_schedules", ptr):
            start = self.date(hol, "start_date", hp)
            end = self.date(hol, "end_date", hp)
            if hol.get("closed") is True and start:
                closure: dict[str, Any] = {"start": start}
                if end and end != start:
                    closure["end"] = end
                closures.append(closure)
                self.leftovers(hol, {"id", "closed", "start_date", "end_date", "opens_at", "closes_at"}, hp, "a holiday schedule")
            else:
                self.note("hsds.schedule", Severity.WARNING,
                          "Only closures (closed: true with a start date) are kept from holiday schedules; this one was not.", hp,
                          _brief(hol))
        if closures:
            out["closures"] = closures
        used.add("holiday_schedules")
        areas = []
        for ap, area in self.items(svc, "service_areas", ptr):
            name_ = self.text(area, "name", ap)
            other = self.text(area, "service_area", ap)
            au = {"id", "name", "service_area"}
            if name_:
                areas.append(name_)
                if other and other != name_:
                    au.discard("service_area")
            elif other:
                areas.append(other)
            self.leftovers(area, au, ap, "a service area")
        used.add("service_areas")
        locations: list[str] = []
        for sp, sal in self.items(svc, "service_at_locations", ptr):
            real_ptr = sal_ptr if sal_ptr is not None else sp
            loc = sal.get("location")
            lid: str | None = None
            if isinstance(loc, dict):
                lid = self.location(loc, real_ptr + "/location")
            elif sal.get("location_id") not in (None, ""):
                lid = self.ident(sal.get("location_id"), "location", real_ptr + "/location_id")
                if lid is not None and lid not in self.locations:
                    self.pending_locs.append((lid, real_ptr + "/location_id", sal.get("location_id")))
            else:
                self.note("hsds.missing", Severity.ERROR, "The service_at_location names no location.", real_ptr, None)
            if lid is not None and lid not in locations:
                locations.append(lid)
            for key in ("phones", "contacts", "schedules", "service_areas", "regular_schedules"):
                if sal.get(key):
                    self.note("hsds.not_carried", Severity.INFO,
                              f"'{key}' given for the service at one location were not kept: a Local Offer gives them for the service.",
                              f"{real_ptr}/{key}", _brief(sal[key]))
            self.leftovers(sal, {"id", "location", "phones", "contacts", "schedules", "service_areas", "regular_schedules"},
                           real_ptr, "a service at a location")
        if locations:
            out["location_ids"] = locations
        used.add("service_at_locations")
        languages = []
        for lp, lang in self.items(svc, "languages", ptr):
            value = self.text(lang, "name", lp) or self.text(lang, "language", lp)
            lu = {"id", "name", "language"}
            if not value:
                value = self.text(lang, "code", lp)
                lu.add("code")
            elif lang.get("code") and lang.get("code") != value:
                pass
            if value and value not in languages:
                languages.append(value)
            self.leftovers(lang, lu, lp, "a language")
        used.add("languages")
        options = []
        for i, (cp, opt) in enumerate(self.items(svc, "cost_options", ptr)):
            entry: dict[str, Any] = {}
            cid = self.own_id(opt, "cost option", cp, sid, i)
            if cid:
                entry["id"] = cid
            for key in ("option", "amount_description"):
                value = self.text(opt, key, cp)
                if value:
                    entry[key] = value
            amount = opt.get("amount")
            if amount not in (None, ""):
                try:
                    if isinstance(amount, bool):
                        raise InvalidOperation
                    entry["amount"] = Decimal(str(amount))
                except (InvalidOperation, ValueError):
                    self.note("hsds.type", Severity.ERROR, f"The amount should be a number; it is {shorten(_brief(amount))!r}.",
                              cp + "/amount", amount)
            for key in ("valid_from", "valid_to"):
                d = self.date(opt, key, cp)
                if d:
                    entry[key] = d
            ou = {"id", "option", "amount_description", "amount", "valid_from", "valid_to"}
            currency = opt.get("currency")
            if currency in (None, "", "GBP"):
                ou.add("currency")
            self.leftovers(opt, ou, cp, "a cost option")
            options.append(entry)
        if options:
            cost["options"] = options
        used.add("cost_options")
        # Attributes: the library's vocabularies back into fields; other taxonomies kept as terms.
        categories: list[str] = []
        needs: list[str] = []
        routes: list[str] = []
        delivery: list[str] = []
        terms: list[dict[str, Any]] = []
        for ap, attr in self.items(svc, "attributes", ptr):
            nested = attr.get("taxonomy_term")
            if isinstance(nested, dict) and nested.get("taxonomy") == "dfe-family-hubs" and attr.get("id") == child_id(
                    sid, "dfe", nested.get("code") or nested.get("term")):
                # A DfE family hubs category this library's writer derived from the service's
                # needs and provision categories: it comes back from them, not as a term.
                for key, used_set in (("id", self.used_terms), ("parent_id", self.used_terms),
                                      ("taxonomy_id", self.used_taxonomies), ("taxonomy", self.used_taxonomies)):
                    value = attr["taxonomy_term"].get(key)
                    if isinstance(value, str):
                        used_set.add(value)
                continue
            got = self.attribute(attr, ap)
            if got is None:
                continue
            vocabulary, code = got
            if vocabulary == "":
                if code is not None:
                    terms.append(code)
            elif vocabulary == "provision-categories":
                categories.append(code)
            elif vocabulary == "needs":
                needs.append(code)
            elif vocabulary == "access-routes":
                routes.append(code)
            elif vocabulary == "delivery-methods":
                delivery.append(code)
            elif vocabulary == "levels":
                self._single(out, "level", code, ap)
            elif vocabulary == "provider-types":
                self._single(out, "provider_type", code, ap)
            elif vocabulary == "area":
                out["in_area"] = code == "in-area"
            elif vocabulary == "ehc-plan-required":
                eligibility["ehc_plan_required"] = code == "yes"
            elif vocabulary == "cost-kinds":
                self._single(cost, "kind", code, ap)
            else:
                self.note("hsds.not_carried", Severity.INFO,
                          f"A term of the {vocabulary} vocabulary describes locations or the offer, not a service; it was not kept here.",
                          ap, code)
        used.add("attributes")
        for tp, st in self.items(svc, "service_taxonomys", ptr):
            self.version_1 = True
            tax = st.get("taxonomy")
            if isinstance(tax, dict):
                term = self.foreign_term_v1(tax, tp + "/taxonomy")
                if term:
                    terms.append(term)
            else:
                self.note("hsds.missing", Severity.ERROR, "The service_taxonomy has no taxonomy object.", tp + "/taxonomy", tax)
            self.leftovers(st, {"id", "taxonomy"}, tp, "a service taxonomy")
        used.add("service_taxonomys")
        for key, table, target in (("attending_type", _ATTENDING_TYPE, delivery), ("attending_access", _ATTENDING_ACCESS, routes)):
            value = svc.get(key)
            if value in (None, ""):
                continue
            if not isinstance(value, str):
                self.note("hsds.type", Severity.ERROR, f"'{key}' should be text.", f"{ptr}/{key}", value)
                continue
            for part in value.split(","):
                code = table.get(part.strip().casefold())
                if code is None:
                    self.note("hsds.vocabulary", Severity.WARNING,
                              f"'{key}' {part.strip()!r} is not one of the Open Referral UK values ({', '.join(table)}); it was not kept.",
                              f"{ptr}/{key}", part.strip())
                elif code not in target:
                    target.append(code)
            used.add(key)
        if needs:
            eligibility["needs"] = needs
        if routes:
            access["routes"] = routes
        gathered: tuple[tuple[str, Any], ...] = (
            ("provision_categories", categories), ("delivery", delivery), ("taxonomy_terms", terms),
            ("phones", [p for p in phones if p is not None]), ("contacts", contacts), ("areas_served", areas),
            ("languages", languages), ("eligibility", eligibility), ("access", access), ("cost", cost))
        for field, found in gathered:
            if found:
                out[field] = found
        ext = {k: v for k, v in svc.items() if k not in used and v is not None}
        self._apply_block(out, ext, svc.get(BLOCK), ptr)
        if ext:
            out["extensions"] = ext
        self.places[f"svc:{len(self.services)}"] = ptr
        self.services.append(out)

    def foreign_term_v1(self, tax: dict[str, Any], ptr: str) -> dict[str, Any] | None:
        """An Open Referral UK 1.0 taxonomy: an esd.org.uk CURIE (``esdServiceTypes:123``) or
        another id, its name, vocabulary and parent."""
        code = tax.get("id")
        if not isinstance(code, (str, int)) or isinstance(code, bool) or code == "":
            self.note("hsds.missing", Severity.ERROR, "The taxonomy has no id; it was not kept.", ptr + "/id", code)
            return None
        code = str(code)
        vocabulary = tax.get("vocabulary")
        if not (isinstance(vocabulary, str) and vocabulary):
            vocabulary = code.split(":", 1)[0] if ":" in code else "unknown"
        out: dict[str, Any] = {"taxonomy": vocabulary, "code": code}
        name = tax.get("name")
        if isinstance(name, str) and name:
            out["label"] = name
        parent = tax.get("parent") or tax.get("parent_id")
        if isinstance(parent, (str, int)) and not isinstance(parent, bool) and parent != "":
            out["parent"] = str(parent)
        self.leftovers(tax, {"id", "name", "vocabulary", "parent", "parent_id", "parent_name"}, ptr, "a taxonomy")
        return out

    def _single(self, out: dict[str, Any], field: str, code: str, ptr: str) -> None:
        if field in out and out[field] != code:
            self.note("hsds.not_carried", Severity.WARNING,
                      f"A service has one {field.replace('_', ' ')} in a Local Offer; {code!r} was not kept beside {out[field]!r}.", ptr, code)
        else:
            out[field] = code

    def _apply_block(self, out: dict[str, Any], ext: dict[str, Any], block: Any, ptr: str) -> None:
        """Fields the feed's profile has no place for, kept by this library's writer."""
        if block is None:
            return
        if not isinstance(block, dict):
            self.note("hsds.type", Severity.ERROR, f"'{BLOCK}' should be an object.", f"{ptr}/{BLOCK}", block)
            return
        for key, value in block.items():
            if key == "extensions" and isinstance(value, dict):
                ext.update(value)
            elif isinstance(value, dict) and isinstance(out.get(key), dict):
                out[key] = {**out[key], **value}
            elif key == "address" and isinstance(value, dict):
                continue
            else:
                out[key] = value
        if isinstance(block.get("address"), dict) and isinstance(out.get("address"), dict):
            out["address"] = {**out["address"], **block["address"]}

    # -- the offer --------------------------------------------------------------------------

    def _offer(self, block: dict[str, Any]) -> dict[str, Any]:
        for rid, ptr, raw in self.pending_orgs:
            if rid not in self.organisations:
                self.note("hsds.unresolved_reference", Severity.ERROR,
                          f"The organization {shorten(str(raw))!r} is not in the feed; the service was read without it.", ptr, raw)
                for s in self.services:
                    if s.get("organisation_id") == rid:
                        s.pop("organisation_id")
        for rid, ptr, raw in self.pending_locs:
            if rid not in self.locations:
                self.note("hsds.unresolved_reference", Severity.ERROR,
                          f"The location {shorten(str(raw))!r} is not in the feed; the service was read without it.", ptr, raw)
                for s in self.services:
                    if rid in s.get("location_ids", ()):
                        s["location_ids"] = [x for x in s["location_ids"] if x != rid]
                        if not s["location_ids"]:
                            s.pop("location_ids")
        leftover_terms = [t for tid, t in self.terms_by_id.items() if tid not in self.used_terms
                          and not (isinstance(t.get("term_uri"), str) and parse_term_uri(t["term_uri"]))]
        leftover_taxonomies = [t for tid, t in self.taxonomies_by_id.items()
                               if tid not in self.used_taxonomies and t.get("name") not in self.used_taxonomies
                               and not (isinstance(t.get("uri"), str) and t["uri"].startswith(VOCAB_BASE))]
        if leftover_terms:
            self.extensions.setdefault("taxonomy_terms", []).extend(leftover_terms)
        if leftover_taxonomies:
            self.extensions.setdefault("taxonomies", []).extend(leftover_taxonomies)
        offer: dict[str, Any]
        raw = block.get("offer") if block else None
        if isinstance(raw, dict):
            offer = dict(raw)
            if "authority" in offer:
                offer["local_authority"] = offer.pop("authority")
        else:
            offer = {
                "id": str(uuid.uuid5(_NS, "https://sendlocaloffer.org/hsds/feed/" + self.name)),
                "local_authority": {"name": "Not given in the feed"},
                "title": f"Services read from {self.name}",
            }
            self.note("hsds.no_offer_details", Severity.WARNING,
                      "The feed does not say which local authority publishes it or give the offer's own details "
                      "(statutory links, feedback, offline access): add them before publishing it as a Local Offer.", "")
        if self.extensions:
            ext = dict(offer.get("extensions") or {})
            for key, value in self.extensions.items():
                if key in ext and isinstance(ext[key], list) and isinstance(value, list):
                    ext[key] = ext[key] + value
                else:
                    ext[key] = value
            offer["extensions"] = ext
        offer["organisations"] = [self.organisations[o] for o in self.org_order]
        offer["locations"] = list(self.locations.values())
        offer["services"] = self.services
        return offer

    def model_place(self, path: str) -> str | None:
        """The feed pointer of the object that holds a model path, for locating model errors."""
        parts = path.split("/")
        if len(parts) >= 3 and parts[1] == "services" and parts[2].isdigit():
            return self.places.get(f"svc:{parts[2]}")
        if len(parts) >= 3 and parts[1] in ("organisations", "locations") and parts[2].isdigit():
            i = int(parts[2])
            ids = self.org_order if parts[1] == "organisations" else list(self.locations)
            if i < len(ids):
                return self.places.get(("org:" if parts[1] == "organisations" else "loc:") + ids[i])
        return None


def _kind(item: dict[str, Any]) -> str:
    if "version" in item and "openapi_url" in item:
        return "api"
    if "service" in item and isinstance(item.get("service"), dict):
        return "service_at_location"
    if "services" in item and "status" not in item:
        return "organization"
    if "location_type" in item and "status" not in item:
        return "location"
    if "status" in item or any(k in item for k in ("service_at_locations", "organization", "organization_id", "eligibilitys",
                                                     "service_taxonomys", "regular_schedules", "schedules", "cost_options")):
        return "service"
    if "location_type" in item or "addresses" in item or "physical_addresses" in item:
        return "location"
    if any(k in item for k in ("term_uri", "code", "term", "parent_id", "taxonomy", "taxonomy_detail", "taxonomy_id")):
        return "taxonomy_term"
    if "taxonomy_terms" in item or (("version" in item or "uri" in item) and "website" not in item and "email" not in item):
        return "taxonomy"
    if any(k in item for k in ("website", "organization_identifiers", "tax_status", "legal_status", "logo", "programs")):
        return "organization"
    return "service"


def _time(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for suffix in ("Z", "z"):
        text = text.removesuffix(suffix)
    if len(text) > 8 and text[8] in "+-":
        text = text[:8]
    try:
        return dt.time.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _brief(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        import json

        return json.dumps(value, ensure_ascii=False)[:200]
    return value


def drop_dangling(offer: Any) -> list[Finding]:
    """Remove references to organisations and locations the model could not keep (their own
    errors are already findings), so that what was read is consistent; one finding each."""
    from ..checks.findings import pointer

    orgs = {o.id for o in offer.organisations}
    locs = {loc.id for loc in offer.locations}
    out: list[Finding] = []
    for i, s in enumerate(offer.services):
        if s.organisation_id is not None and s.organisation_id not in orgs:
            out.append(Finding(code="hsds.dropped_reference", severity=Severity.WARNING, path=pointer(("services", i, "organisation_id")),
                               message=f"The service's organisation {s.organisation_id} could not be read (see its findings); "
                                       "the service was read without it.", value=str(s.organisation_id)))
            s.organisation_id = None
        gone = [x for x in s.location_ids if x not in locs]
        if gone:
            out.append(Finding(code="hsds.dropped_reference", severity=Severity.WARNING, path=pointer(("services", i, "location_ids")),
                               message=f"The service's location {gone[0]} could not be read (see its findings); "
                                       "the service was read without it.", value=str(gone[0])))
            s.location_ids = [x for x in s.location_ids if x in locs]
    return out


def dropped_objects(offer: Any, offer_dict: dict[str, Any], reader: FeedReader) -> list[Finding]:
    """One finding, at the object's place in the feed, for each service, organisation or
    location that the model could not keep at all (its errors are findings of their own)."""
    out: list[Finding] = []
    kept = {
        "services": {str(x.id) for x in offer.services} if offer is not None else set(),
        "organisations": {str(x.id) for x in offer.organisations} if offer is not None else set(),
        "locations": {str(x.id) for x in offer.locations} if offer is not None else set(),
    }
    for key, what in (("services", "service"), ("organisations", "organization"), ("locations", "location")):
        for i, item in enumerate(offer_dict.get(key, [])):
            if str(item.get("id")) in kept[key]:
                continue
            place = reader.model_place(f"/{key}/{i}")
            out.append(Finding(code="hsds.not_read", severity=Severity.ERROR, path=place or "",
                               message=f"The {what} {shorten(str(item.get('name') or item.get('id')))!r} could not be read "
                                       "because of the errors found in it; fix them and read the feed again.",
                               citation=REFERENCE, value=str(item.get("id"))))
    return out


def build(reader: FeedReader, feed: Any) -> tuple[Any, list[Finding], list[Finding]]:
    """Read a parsed feed and validate it into the model, with the collector paused (DESIGN.md,
    performance): the offer, the model's findings (model paths) and the findings for objects
    the model could not keep (feed paths)."""
    import gc

    from ..loading import build_offer

    enabled = gc.isenabled()
    gc.disable()
    try:
        offer_dict = reader.read(feed)
        offer, model_findings = build_offer(offer_dict)
        dropped = dropped_objects(offer, offer_dict, reader) if model_findings else []
        if offer is not None and model_findings:
            model_findings.extend(drop_dangling(offer))
    finally:
        if enabled:
            gc.enable()
    return offer, model_findings, dropped
