"""The mapping between the model and RDF: one table, read by the writer, the reader, the
SHACL shapes, the JSON-LD context and the documentation, so they cannot disagree.

Each model class maps to an RDF class; each field to a predicate. How a value is written
(literal and its datatype, concept IRI, IRI of another thing, nested node) is derived from
the field's type in the model; the table names only what the type cannot say. A test walks
the model and fails when a field is neither mapped here nor listed in :data:`NOT_CARRIED`.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
import uuid
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import BaseModel

from .. import model as _model
from ..model import LocalOffer
from ..model.types import VocabularyCode
from ._rdf_terms import DCAT, PREFIXES, SDO, SLO, XSD

__all__ = ["MAPS", "NOT_CARRIED", "VIAS", "ClassMap", "FieldPlan", "expand", "plans"]


def expand(name: str) -> str:
    """``schema:name`` -> ``https://schema.org/name``."""
    prefix, _, local = name.partition(":")
    for p, ns in PREFIXES:
        if p == prefix:
            return ns + local
    raise KeyError(name)


@dataclass(frozen=True)
class P:
    """One row of the table: the predicate, and what the field's type cannot say."""

    predicate: str
    kind: str | None = None  # ref, area, gss, json, version, flatten: else derived from the type
    ref: str | None = None  # for kind ref: the kind of thing referred to
    via: str | None = None  # placed on an intermediate node (see VIAS)


@dataclass(frozen=True)
class Cls:
    types: tuple[str, ...]  # the first is written; all are recognised when reading
    kind: str | None  # the thing's kind when it gets an IRI of its own (see _rdf_terms.mint)
    fields: dict[str, P]
    constants: tuple[tuple[str, str, str], ...] = ()  # (predicate, lexical, datatype) always written, never read


#: Intermediate nodes: a service's ServiceChannel (schema.org puts languages, places and
#: phones on the channel, not the service) and a place's GeoCoordinates.
VIAS: dict[str, tuple[str, str]] = {
    "channel": (SDO + "availableChannel", SDO + "ServiceChannel"),
    "geo": (SDO + "geo", SDO + "GeoCoordinates"),
}

_ORG_TYPES = ("schema:Organization", "schema:GovernmentOrganization", "schema:NGO", "schema:EducationalOrganization",
              "schema:MedicalOrganization", "schema:School", "schema:LocalBusiness", "schema:Corporation")
_PLACE_TYPES = ("schema:Place", "schema:CivicStructure", "schema:Library", "schema:School", "schema:Hospital")

#: Model class name -> its RDF class and fields.
_TABLE: dict[str, Cls] = {
    "LocalOffer": Cls(("dcat:Dataset",), "offer", {
        "schema_version": P("dcterms:conformsTo", "version"),
        "id": P("dcterms:identifier"),
        "local_authority": P("dcterms:publisher"),
        "title": P("dcterms:title"),
        "description": P("dcterms:description"),
        "website": P("dcat:landingPage"),
        "published": P("dcterms:issued"),
        "last_reviewed": P("schema:lastReviewed"),
        "contact": P("dcat:contactPoint"),
        "offline_access": P("slo:offlineAccess"),
        "accessibility_statement": P("schema:accessibilitySummary"),
        "documents": P("dcterms:relation"),
        "feedback_reports": P("slo:feedbackReport"),
        "statutory_links": P("slo:statutoryLink"),
        "absent_provision": P("slo:absentProvision"),
        "organisations": P("dcterms:hasPart"),
        "locations": P("dcterms:hasPart"),
        "services": P("dcterms:hasPart"),
        "extensions": P("slo:extensions", "json"),
    }),
    "LocalAuthority": Cls(("schema:GovernmentOrganization",), None, {
        "name": P("schema:name"),
        "gss_code": P("schema:areaServed", "gss"),
        "website": P("schema:url"),
    }),
    "Contact": Cls(("schema:ContactPoint",), None, {
        "id": P("dcterms:identifier"),
        "name": P("schema:name"),
        "role": P("schema:contactType"),
        "department": P("slo:department"),
        "email": P("schema:email"),
        "phones": P("schema:contactPoint"),
    }),
    "Phone": Cls(("schema:ContactPoint",), None, {
        "id": P("dcterms:identifier"),
        "number": P("schema:telephone"),
        "extension": P("slo:extension"),
        "type": P("slo:phoneType"),
        "description": P("schema:description"),
    }),
    "Identifier": Cls(("schema:PropertyValue",), None, {
        "scheme": P("schema:propertyID"),
        "value": P("schema:value"),
    }),
    "Organisation": Cls(("schema:Organization", *_ORG_TYPES[1:]), "organisation", {
        "id": P("dcterms:identifier"),
        "name": P("schema:name"),
        "description": P("schema:description"),
        "website": P("schema:url"),
        "email": P("schema:email"),
        "phones": P("schema:contactPoint"),
        "identifiers": P("schema:identifier"),
        "extensions": P("slo:extensions", "json"),
    }),
    "Address": Cls(("schema:PostalAddress",), None, {
        "line1": P("schema:streetAddress"),
        "line2": P("slo:addressLine2"),
        "town": P("schema:addressLocality"),
        "county": P("schema:addressRegion"),
        "postcode": P("schema:postalCode"),
        "country": P("schema:addressCountry"),
    }),
    "Location": Cls(_PLACE_TYPES, "location", {
        "id": P("dcterms:identifier"),
        "name": P("schema:name"),
        "description": P("schema:description"),
        "type": P("slo:locationType"),
        "address": P("schema:address"),
        "latitude": P("schema:latitude", via="geo"),
        "longitude": P("schema:longitude", via="geo"),
        "uprn": P("slo:uprn"),
        "accessibility": P("slo:accessibilityFeature"),
        "accessibility_notes": P("schema:accessibilitySummary"),
        "url": P("schema:url"),
        "extensions": P("slo:extensions", "json"),
    }),
    "TaxonomyTerm": Cls(("skos:Concept",), None, {
        "taxonomy": P("slo:taxonomy"),
        "code": P("skos:notation"),
        "label": P("skos:prefLabel"),
        "uri": P("skos:exactMatch"),
        "parent": P("slo:parentCode"),
    }),
    "Eligibility": Cls(("schema:PeopleAudience",), None, {
        "min_age": P("schema:requiredMinAge"),
        "max_age": P("schema:requiredMaxAge"),
        "needs": P("slo:need"),
        "ehc_plan_required": P("slo:ehcPlanRequired"),
        "description": P("schema:description"),
    }),
    "Access": Cls((), None, {
        "routes": P("slo:accessRoute"),
        "how_to_apply": P("slo:howToApply"),
        "referral_contact": P("slo:referralContact"),
    }),
    "CostOption": Cls(("schema:UnitPriceSpecification",), None, {
        "id": P("dcterms:identifier"),
        "option": P("schema:name"),
        "amount": P("schema:price"),
        "amount_description": P("schema:description"),
        "valid_from": P("schema:validFrom"),
        "valid_to": P("schema:validThrough"),
    }, constants=(("schema:priceCurrency", "GBP", ""),)),
    "Cost": Cls(("schema:Offer",), None, {
        "kind": P("slo:costKind"),
        "options": P("schema:priceSpecification"),
        "personal_budget": P("slo:personalBudget"),
        "direct_payments": P("slo:directPayments"),
        "description": P("schema:description"),
    }),
    "OpeningTime": Cls(("schema:OpeningHoursSpecification",), None, {
        "id": P("dcterms:identifier"),
        "days": P("schema:dayOfWeek"),
        "opens": P("schema:opens"),
        "closes": P("schema:closes"),
        "valid_from": P("schema:validFrom"),
        "valid_to": P("schema:validThrough"),
        "note": P("schema:description"),
    }),
    # schema.org marks a closed day as special opening hours that open and close at midnight.
    "Closure": Cls(("schema:OpeningHoursSpecification",), None, {
        "start": P("schema:validFrom"),
        "end": P("schema:validThrough"),
        "reason": P("schema:description"),
    }, constants=(("schema:opens", "00:00:00", "xsd:time"), ("schema:closes", "00:00:00", "xsd:time"))),
    "SchoolInfo": Cls(("schema:EducationalOrganization",), None, {
        "urn": P("slo:urn"),
        "sen_information_report": P("slo:senInformationReport"),
        "senco": P("slo:senco"),
    }),
    "Service": Cls(("schema:GovernmentService", "schema:Service"), "service", {
        "id": P("dcterms:identifier"),
        "name": P("schema:name"),
        "description": P("schema:description"),
        "status": P("slo:status"),
        "organisation_id": P("schema:provider", "ref", ref="organisation"),
        "provision_categories": P("slo:provisionCategory"),
        "level": P("slo:level"),
        "provider_type": P("slo:providerType"),
        "in_area": P("slo:inArea"),
        "send_specific": P("slo:sendSpecific"),
        "eligibility": P("schema:audience"),
        "access": P("", "flatten"),
        "delivery": P("slo:deliveryMethod"),
        "cost": P("schema:offers"),
        "contacts": P("schema:contactPoint"),
        "phones": P("schema:servicePhone", via="channel"),
        "email": P("schema:email"),
        "website": P("schema:url"),
        "opening_hours": P("schema:hoursAvailable"),
        "closures": P("schema:specialOpeningHoursSpecification"),
        "hours_description": P("slo:hoursDescription"),
        "location_ids": P("schema:serviceLocation", "ref", ref="location", via="channel"),
        "areas_served": P("schema:areaServed", "area"),
        "languages": P("schema:availableLanguage", via="channel"),
        "accessibility": P("schema:accessibilitySummary"),
        "last_checked": P("schema:lastReviewed"),
        "checked_by": P("slo:checkedBy"),
        "school": P("slo:school"),
        "taxonomy_terms": P("schema:category"),
        "extensions": P("slo:extensions", "json"),
    }),
    "AccessibleVersion": Cls(("schema:CreativeWork",), None, {
        "format": P("slo:accessibleFormat"),
        "url": P("schema:url"),
        "language": P("schema:inLanguage"),
        "how_to_request": P("slo:howToRequest"),
    }),
    "Document": Cls(("schema:DigitalDocument",), "document", {
        "id": P("dcterms:identifier"),
        "title": P("schema:name"),
        "kind": P("slo:documentKind"),
        "url": P("schema:url"),
        "published": P("schema:datePublished"),
        "accessible_versions": P("schema:workExample"),
    }),
    "FeedbackItem": Cls(("schema:Comment",), None, {
        "you_said": P("schema:text"),
        "we_did": P("slo:response"),
    }),
    "FeedbackReport": Cls(("schema:Report",), "feedback", {
        "id": P("dcterms:identifier"),
        "title": P("schema:name"),
        "period_start": P("dcat:startDate"),
        "period_end": P("dcat:endDate"),
        "published": P("schema:datePublished"),
        "url": P("schema:url"),
        "summary": P("schema:abstract"),
        "items": P("schema:comment"),
    }),
    "StatutoryLink": Cls(("schema:WebPage",), None, {
        "topic": P("schema:about"),
        "url": P("schema:url"),
        "title": P("schema:name"),
    }),
    "AbsentProvision": Cls(("slo:AbsentProvision",), None, {
        "provider_type": P("slo:providerType"),
        "in_area": P("slo:inArea"),
        "reason": P("schema:description"),
    }),
}

#: Fields of the model that RDF does not carry, with the reason (none today).
NOT_CARRIED: dict[tuple[str, str], str] = {}

#: Predicates the writer derives from other fields; the reader accepts them without placing them.
DERIVED = {
    SDO + "isAccessibleForFree": "true for a free service, false for a paid one (from the cost kind)",
    SDO + "position": "the place of an item in its list (RDF has no order)",
    SLO + "listOrder": "the order of value lists that are not in vocabulary or alphabetical order, as JSON",
    DCAT + "distribution": "the offer's web site as an HTML distribution (from the offer's website)",
    SDO + "priceCurrency": "always GBP",
}

_DATATYPES: dict[type, str] = {
    bool: XSD + "boolean",
    int: XSD + "integer",
    float: XSD + "double",
    Decimal: XSD + "decimal",
    dt.date: XSD + "date",
    dt.time: XSD + "time",
}


@dataclass(frozen=True)
class FieldPlan:
    """How one field is written and read, resolved from the table and the model."""

    name: str
    predicate: str
    kind: str  # lit, concept, day, url, ref, area, gss, json, version, node, flatten
    many: bool
    required: bool
    datatype: str | None = None
    vocab: str | None = None
    target: type[BaseModel] | None = None
    ref: str | None = None
    via: str | None = None
    default_factory: Any = None
    metadata: tuple[Any, ...] = ()


@dataclass(frozen=True)
class ClassMap:
    cls: type[BaseModel]
    types: tuple[str, ...]
    kind: str | None
    fields: tuple[FieldPlan, ...]
    constants: tuple[tuple[str, str, str | None], ...]


def _unwrap(tp: Any) -> tuple[Any, bool, tuple[Any, ...]]:
    """The inner type of an annotation, whether it is a list, and its Annotated metadata."""
    many = False
    meta: list[Any] = []
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            annotated = typing.get_args(tp)
            tp, meta = annotated[0], meta + list(annotated[1:])
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(members) != 1:
                return tp, many, tuple(meta)
            tp = members[0]
        elif origin is list:
            many = True
            tp = typing.get_args(tp)[0]
        else:
            return tp, many, tuple(meta)


def _plan(cls: type[BaseModel], name: str, p: P) -> FieldPlan:
    info = cls.model_fields[name]
    inner, many, meta = _unwrap(info.annotation)
    meta = meta + tuple(info.metadata)
    required = info.is_required()
    common: dict[str, Any] = {
        "name": name, "predicate": expand(p.predicate) if p.predicate else "", "many": many, "required": required,
        "via": p.via, "default_factory": info.default_factory, "metadata": meta,
    }
    if p.kind in ("ref", "area", "gss", "json", "version"):
        return FieldPlan(kind=p.kind, ref=p.ref, **common)
    if p.kind == "flatten":
        return FieldPlan(kind="flatten", target=inner, **common)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return FieldPlan(kind="node", target=inner, **common)
    for m in meta:
        if isinstance(m, VocabularyCode):
            return FieldPlan(kind="day" if m.name == "weekdays" else "concept", vocab=m.name, **common)
        if type(m).__name__ == "_Checked" and getattr(m, "kind", None) == "url":
            return FieldPlan(kind="url", **common)
    if inner is uuid.UUID or inner is str:
        return FieldPlan(kind="lit", **common)
    if inner in _DATATYPES:
        return FieldPlan(kind="lit", datatype=_DATATYPES[inner], **common)
    raise TypeError(f"no RDF mapping for {cls.__name__}.{name} of type {inner!r}")


@cache
def plans() -> dict[type[BaseModel], ClassMap]:
    """The table resolved against the model: every mapped class with its field plans."""
    out: dict[type[BaseModel], ClassMap] = {}
    for cls_name, c in _TABLE.items():
        cls = getattr(_model, cls_name)
        fields = tuple(_plan(cls, name, p) for name, p in c.fields.items())
        constants = tuple((expand(pred), lex, expand(dt_) if dt_ else None) for pred, lex, dt_ in c.constants)
        out[cls] = ClassMap(cls, tuple(expand(t) for t in c.types), c.kind, fields, constants)
    return out


MAPS = plans


def unmapped_fields() -> list[str]:
    """Fields of model classes reachable from LocalOffer that the table does not map."""
    seen: set[type[BaseModel]] = set()
    missing: list[str] = []
    todo: list[type[BaseModel]] = [LocalOffer]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        table = _TABLE.get(cls.__name__)
        for name, info in cls.model_fields.items():
            if (cls.__name__, name) in NOT_CARRIED:
                continue
            if table is None or name not in table.fields:
                missing.append(f"{cls.__name__}.{name}")
            inner, _, _ = _unwrap(info.annotation)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                todo.append(inner)
    return sorted(missing)

