"""From the model to an Open Referral feed: plain dicts in the shape of HSDS 3.x compiled JSON
(or the Open Referral UK 3.0 profile of it), ready to serialise.

The feed is one page of the ``/services`` endpoint (``contents`` holds every service, each
with its organization, service_at_locations, contacts, phones, schedules, cost_options,
languages, service_areas and attributes nested) beside the lists ``organizations``,
``locations``, ``taxonomies`` and ``taxonomy_terms``, and the offer's own information under
``sendlocaloffer``. docs/open-referral.md gives the mapping field by field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Contact, LocalOffer, Location, Organisation, Phone, Service
from ._hsds_common import (
    BLOCK,
    VOCAB_BASE,
    child_id,
    dfe_categories,
    dfe_mapping,
    foreign_taxonomy_id,
    foreign_term_id,
    la_organisation_id,
    nested_term_dict,
    taxonomy_dict,
    term_dict,
)

__all__ = ["FEED_VERSION", "MAPPED", "ORUK_REMOVED", "build_feed"]

#: The version of the ``sendlocaloffer`` block's layout.
FEED_VERSION = "1.0"

#: Feed properties the writer fills from model fields, by object: an extension with one of
#: these names is kept in the block instead, so that it cannot be read back as the field.
MAPPED: dict[str, frozenset[str]] = {
    "service": frozenset({
        "id", "name", "description", "status", "organization_id", "organization", "url", "email",
        "eligibility_description", "minimum_age", "maximum_age", "application_process", "fees_description", "fees",
        "assured_date", "phones", "contacts", "schedules", "service_areas", "service_at_locations", "languages",
        "cost_options", "attributes", BLOCK,
        # ORUK 1.0 spellings the reader also maps
        "eligibilitys", "service_taxonomys", "regular_schedules", "holiday_schedules", "attending_type", "attending_access",
    }),
    "organization": frozenset({"id", "name", "description", "website", "url", "email", "phones", "organization_identifiers", "identifiers", BLOCK}),
    "location": frozenset({
        "id", "location_type", "name", "description", "url", "latitude", "longitude", "external_identifier",
        "external_identifier_type", "addresses", "physical_addresses", "postal_addresses", "accessibility",
        "accessibility_for_disabilities", "attributes", BLOCK,
    }),
}

#: Fields of HSDS 3.0 and 3.1 that the Open Referral UK 3.0 schemas do not have (its
#: ``profile/*.json`` overlays remove them, and it has none of 3.1's additions): the writer
#: never writes them in that profile, not even from extensions.
ORUK_REMOVED: dict[str, frozenset[str]] = {
    "service": frozenset({"additional_urls", "alternate_name", "application_process", "capacities", "eligibility_description",
                          "fees_description", "interpretation_services", "licenses", "metadata", "phones", "program",
                          "program_id", "required_documents", "wait_time"}),
    "organization": frozenset({"additional_websites", "alternate_name", "contacts", "funding", "legal_status", "locations",
                               "metadata", "phones", "programs", "tax_id", "tax_status", "year_incorporated"}),
    "location": frozenset({"alternate_name", "contacts", "languages", "metadata", "organization_id", "phones", "schedules",
                           "transportation", "url"}),
}

_SEND_VOCABS = ("provision-categories", "levels", "provider-types", "area", "needs", "ehc-plan-required",
                "access-routes", "delivery-methods", "cost-kinds")


def _attribute(owner: str, entity: str, term: dict[str, Any], oruk: bool) -> dict[str, Any]:
    # Nested in its service or location, an attribute needs no link_id or link_entity: the
    # tabular package adds them.
    return {"id": child_id(owner, "attribute", term["id"]), "taxonomy_term_id": term["id"], "taxonomy_term": term}


def _int_extension(text: str | None) -> int | None:
    if text is None or not text.isdigit() or str(int(text)) != text:
        return None
    return int(text)


def _phone(p: Phone, owner: str, index: int, oruk: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"id": str(p.id) if p.id else child_id(owner, "phone", index), "number": p.number}
    if not oruk:
        ext = _int_extension(p.extension)
        if ext is not None:
            out["extension"] = ext
        out["type"] = p.type
    if p.description:
        out["description"] = p.description
    return out


def _phones_exact(phones: Iterable[Phone]) -> bool:
    return all(p.extension is None or _int_extension(p.extension) is not None for p in phones)


def _contact(c: Contact, owner: str, index: int, oruk: bool) -> dict[str, Any]:
    cid = str(c.id) if c.id else child_id(owner, "contact", index)
    out: dict[str, Any] = {"id": cid}
    if c.name:
        out["name"] = c.name
    if c.role:
        out["title"] = c.role
    if not oruk:
        if c.department:
            out["department"] = c.department
        if c.email:
            out["email"] = c.email
        if c.phones:
            out["phones"] = [_phone(p, cid, i, oruk) for i, p in enumerate(c.phones)]
    return out


def _dump(obj: Any) -> Any:
    return obj.model_dump(mode="json", exclude_defaults=True)


def _put_extensions(out: dict[str, Any], block: dict[str, Any], extensions: dict[str, Any], kind: str, oruk: bool) -> None:
    """Extensions go back where they came from, as properties of the object, unless the name
    is one the writer fills or the profile removes: those are kept in the block."""
    if not extensions:
        return
    mapped = MAPPED[kind]
    removed = ORUK_REMOVED[kind] if oruk else frozenset()
    kept: dict[str, Any] = {}
    for key, value in extensions.items():
        if key in mapped or key in removed or key in out:
            kept[key] = value
        else:
            out[key] = value
    if kept:
        block["extensions"] = kept


def organisation_dict(org: Organisation, oruk: bool) -> dict[str, Any]:
    oid = str(org.id)
    # HSDS requires a description (non-empty in the tabular package): an organisation without
    # one is described by its name, and the block says the description was empty.
    out: dict[str, Any] = {"id": oid, "name": org.name, "description": org.description or org.name}
    block: dict[str, Any] = {}
    if not org.description:
        block["description"] = ""
    if org.website:
        out["website"] = org.website
    if org.email:
        out["email"] = org.email
    if org.phones:
        if oruk or not _phones_exact(org.phones):
            block["phones"] = [_dump(p) for p in org.phones]
        if not oruk:
            out["phones"] = [_phone(p, oid, i, oruk) for i, p in enumerate(org.phones)]
    if org.identifiers:
        out["organization_identifiers"] = [
            {"id": child_id(oid, "identifier", i), "identifier_scheme": ident.scheme, "identifier_type": ident.scheme,
             "identifier": ident.value}
            for i, ident in enumerate(org.identifiers)
        ]
    _put_extensions(out, block, org.extensions, "organization", oruk)
    if block:
        out[BLOCK] = block
    return out


def location_dict(loc: Location, oruk: bool) -> dict[str, Any]:
    lid = str(loc.id)
    out: dict[str, Any] = {"id": lid, "location_type": loc.type, "name": loc.name}
    block: dict[str, Any] = {}
    if loc.description:
        out["description"] = loc.description
    if loc.url:
        if oruk:
            block["url"] = loc.url
        else:
            out["url"] = loc.url
    if loc.latitude is not None:
        out["latitude"] = loc.latitude
    if loc.longitude is not None:
        out["longitude"] = loc.longitude
    if loc.uprn:
        out["external_identifier"] = loc.uprn
        out["external_identifier_type"] = "UPRN"
    a = loc.address
    if a is not None:
        address: dict[str, Any] = {"id": child_id(lid, "address"), "location_id": lid, "address_1": a.line1}
        if a.line2:
            if oruk:
                block.setdefault("address", {})["line2"] = a.line2
            else:
                address["address_2"] = a.line2
        address["city"] = a.town
        # HSDS requires state_province; a UK address without a county gives its town, and a
        # county spelt like the town is kept in the block so that it reads back as given.
        address["state_province"] = a.county or a.town
        if a.county is not None and a.county == a.town:
            block.setdefault("address", {})["county"] = a.county
        address["postal_code"] = a.postcode
        address["country"] = a.country
        address["address_type"] = "postal" if loc.type == "postal" else "physical"
        out["addresses"] = [address]
    if loc.accessibility_notes:
        access: dict[str, Any] = {"id": child_id(lid, "accessibility"), "location_id": lid, "description": loc.accessibility_notes}
        out["accessibility"] = [access]
    if loc.accessibility:
        out["attributes"] = [_attribute(lid, "location", nested_term_dict("accessibility-features", code, oruk), oruk)
                             for code in loc.accessibility]
    _put_extensions(out, block, loc.extensions, "location", oruk)
    if block:
        out[BLOCK] = block
    return out


class _Terms:
    """The taxonomies and terms a feed uses, collected while writing it."""

    def __init__(self, dfe: bool = False) -> None:
        self.dfe = dfe
        self.taxonomies: dict[str, dict[str, Any]] = {}
        self.terms: dict[str, dict[str, Any]] = {}
        self.stubs: set[str] = set()

    def send(self, vocabulary: str, code: str, oruk: bool) -> dict[str, Any]:
        nested = nested_term_dict(vocabulary, code, oruk)
        if nested["id"] in self.terms:
            return nested
        term = term_dict(vocabulary, code, oruk)
        if term["id"] not in self.terms:
            self.terms[term["id"]] = term
            if vocabulary not in self.taxonomies:
                self.taxonomies[vocabulary] = taxonomy_dict(vocabulary)
            parent = term.get("parent_id")
            if parent and parent not in self.terms:
                from .. import vocab as _vocab

                broader = _vocab.get(vocabulary).by_code[code].broader
                if broader:
                    self.send(vocabulary, broader, oruk)
        return nested

    def foreign(self, taxonomy: str, code: str, label: str | None, uri: str | None, parent: str | None,
                oruk: bool) -> tuple[dict[str, Any], bool]:
        """The term, and whether the feed's copy of it says exactly this (another service may
        have used the same code of the same taxonomy with another label)."""
        tid = foreign_term_id(taxonomy, code)
        term: dict[str, Any] = {"id": tid}
        if oruk:
            term["term"] = code
        else:
            term["code"] = code
        # A term with no label of its own is written with its code as name and description,
        # which is how the reader knows the label was not given.
        term["name"] = label if label is not None else code
        term["description"] = label if label is not None else code
        if parent is not None:
            term["parent_id"] = foreign_term_id(taxonomy, parent)
        term["taxonomy"] = taxonomy
        term["taxonomy_id"] = foreign_taxonomy_id(taxonomy)
        if uri:
            term["term_uri"] = uri
        known = self.terms.get(tid)
        exact = label != code
        if known is None or tid in self.stubs:
            self.stubs.discard(tid)
            self.terms[tid] = term
        elif known != term:
            exact = False
        if taxonomy not in self.taxonomies:
            self.taxonomies[taxonomy] = {"id": foreign_taxonomy_id(taxonomy), "name": taxonomy, "description": taxonomy}
        if parent is not None:
            pid = term["parent_id"]
            if pid not in self.terms:
                stub: dict[str, Any] = {"id": pid, ("term" if oruk else "code"): parent, "name": parent, "description": parent,
                                        "taxonomy": taxonomy, "taxonomy_id": foreign_taxonomy_id(taxonomy)}
                self.terms[pid] = stub
                self.stubs.add(pid)
        return term, exact


def service_dict(s: Service, org: dict[str, Any] | None, org_id: str, locations: dict[str, dict[str, Any]],
                 terms: _Terms, oruk: bool) -> dict[str, Any]:
    sid = str(s.id)
    out: dict[str, Any] = {"id": sid, "name": s.name, "status": s.status, "organization_id": org_id}
    block: dict[str, Any] = {}
    if s.description:
        out["description"] = s.description
    if s.website:
        out["url"] = s.website
    if s.email:
        out["email"] = s.email
    el = s.eligibility
    if el.description:
        if oruk:
            block["eligibility"] = {"description": el.description}
        else:
            out["eligibility_description"] = el.description
    if el.min_age is not None:
        out["minimum_age"] = el.min_age
    if el.max_age is not None:
        out["maximum_age"] = el.max_age
    access = s.access
    if access.how_to_apply:
        if oruk:
            block["access"] = {"how_to_apply": access.how_to_apply}
        else:
            out["application_process"] = access.how_to_apply
    if access.referral_contact is not None:
        block.setdefault("access", {})["referral_contact"] = _dump(access.referral_contact)
    cost = s.cost
    if cost.description:
        out["fees" if oruk else "fees_description"] = cost.description
    if cost.personal_budget is not None or cost.direct_payments is not None:
        block["cost"] = {k: v for k, v in (("personal_budget", cost.personal_budget), ("direct_payments", cost.direct_payments))
                         if v is not None}
    if s.last_checked:
        out["assured_date"] = s.last_checked.isoformat()
    if s.phones:
        if oruk or not _phones_exact(s.phones):
            block["phones"] = [_dump(p) for p in s.phones]
        if not oruk:
            out["phones"] = [_phone(p, sid, i, oruk) for i, p in enumerate(s.phones)]
    if s.contacts:
        out["contacts"] = [_contact(c, sid, i, oruk) for i, c in enumerate(s.contacts)]
        if any((oruk and (c.department or c.email or c.phones)) or not _phones_exact(c.phones) for c in s.contacts):
            block["contacts"] = [_dump(c) for c in s.contacts]
    schedules: list[dict[str, Any]] = []
    for i, o in enumerate(s.opening_hours):
        sched: dict[str, Any] = {"id": str(o.id) if o.id else child_id(sid, "schedule", i), "service_id": sid}
        if o.valid_from:
            sched["valid_from"] = o.valid_from.isoformat()
        if o.valid_to:
            sched["valid_to"] = o.valid_to.isoformat()
        if not oruk:
            sched["wkst"] = "MO"
        sched["freq"] = "WEEKLY"
        sched["interval"] = 1
        sched["byday"] = ",".join(o.days)
        sched["opens_at"] = o.opens.isoformat()
        sched["closes_at"] = o.closes.isoformat()
        if o.note:
            sched["notes"] = o.note
        schedules.append(sched)
    if s.hours_description:
        schedules.append({"id": child_id(sid, "hours"), "service_id": sid, "description": s.hours_description})
    if schedules:
        out["schedules"] = schedules
    if s.areas_served:
        areas = []
        for i, name in enumerate(s.areas_served):
            area: dict[str, Any] = {"id": child_id(sid, "area", i), "service_id": sid, "name": name}
            if oruk:
                area["service_area"] = name
            areas.append(area)
        out["service_areas"] = areas
    if s.location_ids:
        sals = []
        for lid in s.location_ids:
            key = str(lid)
            sal: dict[str, Any] = {"id": child_id(sid, "service_at_location", key), "service_id": sid, "location_id": key}
            loc = locations.get(key)
            if loc is not None:
                sal["location"] = loc
            sals.append(sal)
        out["service_at_locations"] = sals
    if s.languages:
        if oruk:
            block["languages"] = list(s.languages)
        else:
            out["languages"] = [{"id": child_id(sid, "language", i), "service_id": sid, "name": name}
                                for i, name in enumerate(s.languages)]
    if org is not None:
        out["organization"] = org
    if cost.options:
        options = []
        for i, c in enumerate(cost.options):
            opt: dict[str, Any] = {"id": str(c.id) if c.id else child_id(sid, "cost", i), "service_id": sid}
            if c.valid_from:
                opt["valid_from"] = c.valid_from.isoformat()
            if c.valid_to:
                opt["valid_to"] = c.valid_to.isoformat()
            if c.option:
                opt["option"] = c.option
            if not oruk:
                opt["currency"] = "GBP"
            if c.amount is not None:
                opt["amount"] = int(c.amount) if c.amount == c.amount.to_integral_value() else float(c.amount)
            if c.amount_description:
                opt["amount_description"] = c.amount_description
            options.append(opt)
        out["cost_options"] = options
    attrs = _service_attributes(s, sid, terms, oruk, block)
    if attrs:
        out["attributes"] = attrs
    if s.closures:
        block["closures"] = [_dump(c) for c in s.closures]
    if s.accessibility:
        block["accessibility"] = s.accessibility
    if s.checked_by:
        block["checked_by"] = s.checked_by
    if s.school is not None:
        block["school"] = _dump(s.school)
    if s.send_specific:
        block["send_specific"] = True
    _put_extensions(out, block, s.extensions, "service", oruk)
    if block:
        out[BLOCK] = block
    return out


def _service_attributes(s: Service, sid: str, terms: _Terms, oruk: bool, block: dict[str, Any]) -> list[dict[str, Any]]:
    codes: list[tuple[str, str]] = [("provision-categories", c) for c in s.provision_categories]
    if s.level:
        codes.append(("levels", s.level))
    if s.provider_type:
        codes.append(("provider-types", s.provider_type))
    codes.append(("area", "in-area" if s.in_area else "outside-area"))
    codes.extend(("needs", c) for c in s.eligibility.needs)
    if s.eligibility.ehc_plan_required is not None:
        codes.append(("ehc-plan-required", "yes" if s.eligibility.ehc_plan_required else "no"))
    codes.extend(("access-routes", c) for c in s.access.routes)
    codes.extend(("delivery-methods", c) for c in s.delivery)
    if s.cost.kind:
        codes.append(("cost-kinds", s.cost.kind))
    out = [_attribute(sid, "service", terms.send(v, c, oruk), oruk) for v, c in codes]
    if terms.dfe:
        # The DfE family hubs categories the service falls under, derived from its needs and
        # provision categories for the DfE's service directory; the attribute's id marks it as
        # derived, so the reader leaves it out of the model.
        mapping = dfe_mapping()
        own = {(t.taxonomy, t.code) for t in s.taxonomy_terms}
        for name in dfe_categories(s.eligibility.needs, s.provision_categories, s.send_specific):
            if (mapping["taxonomy"], name) in own:
                continue
            term, _ = terms.foreign(mapping["taxonomy"], name, name, None, mapping["parents"].get(name), oruk)
            attr = _attribute(sid, "service", term, oruk)
            attr["id"] = child_id(sid, "dfe", name)
            out.append(attr)
    for i, t in enumerate(s.taxonomy_terms):
        term, exact = terms.foreign(t.taxonomy, t.code, t.label, t.uri, t.parent, oruk)
        if not exact:
            block["taxonomy_terms"] = [_dump(x) for x in s.taxonomy_terms]
        attr = _attribute(sid, "service", term, oruk)
        attr["id"] = child_id(sid, "attribute", f"{term['id']}:{i}")
        out.append(attr)
    return out


def build_feed(offer: LocalOffer, *, profile: str = "hsds", hsds_version: str = "3.1",
               dfe_categories: bool | None = None) -> dict[str, Any]:
    """The feed for ``offer`` as plain dicts and lists. ``dfe_categories`` (the default for
    Open Referral UK) adds the DfE family hubs categories each service falls under."""
    oruk = profile == "oruk"
    orgs = {str(o.id): organisation_dict(o, oruk) for o in offer.organisations}
    locs = {str(loc.id): location_dict(loc, oruk) for loc in offer.locations}
    terms = _Terms(dfe=oruk if dfe_categories is None else dfe_categories)
    for loc in offer.locations:
        for code in loc.accessibility:
            terms.send("accessibility-features", code, oruk)
    la_id = la_organisation_id(offer.id)
    la_org: dict[str, Any] | None = None
    services = []
    for s in offer.services:
        if s.organisation_id is not None:
            key = str(s.organisation_id)
            org = orgs.get(key)
        else:
            # Open Referral UK (and the HSDS tabular package) want an organisation for every
            # service: a service that names none is given the local authority.
            if la_org is None:
                la_org = {"id": la_id, "name": offer.local_authority.name,
                          "description": f"{offer.local_authority.name}, the local authority that publishes this Local Offer."}
                if offer.local_authority.website:
                    la_org["website"] = offer.local_authority.website
            key, org = la_id, la_org
        services.append(service_dict(s, org, key, locs, terms, oruk))
    organizations = list(orgs.values())
    if la_org is not None:
        organizations.append(la_org)
    offer_data = offer.model_dump(mode="json", exclude_defaults=True,
                                  exclude={"services", "organisations", "locations", "schema_version"})
    offer_data["id"] = str(offer.id)
    # Named "authority" here so that a feed is never mistaken for a native document.
    offer_data["authority"] = offer_data.pop("local_authority")
    n = len(services)
    feed: dict[str, Any] = {
        "total_items": n, "total_pages": 1, "page_number": 1, "size": n,
        "first_page": True, "last_page": True, "empty": n == 0,
        "contents": services,
        "organizations": organizations,
        "locations": list(locs.values()),
        "taxonomies": sorted(terms.taxonomies.values(), key=lambda t: t["name"]),
        "taxonomy_terms": sorted(terms.terms.values(), key=lambda t: (t.get("taxonomy", ""), t["id"])),
        BLOCK: {
            "version": FEED_VERSION,
            "profile": "oruk-3.0" if oruk else f"hsds-{hsds_version}",
            "vocabularies": VOCAB_BASE,
            "offer": offer_data,
        },
    }
    return feed
