"""The Local Offer domain model (pydantic v2)."""

from .ids import mint_id, offer_namespace
from .offer import (
    SCHEMA_VERSION,
    AbsentProvision,
    AccessibleVersion,
    Document,
    FeedbackItem,
    FeedbackReport,
    LocalAuthority,
    LocalOffer,
    StatutoryLink,
)
from .parts import Address, Contact, Identifier, Location, Organisation, Phone, TaxonomyTerm
from .service import Access, Closure, Cost, CostOption, Eligibility, OpeningTime, SchoolInfo, Service

__all__ = [
    "SCHEMA_VERSION",
    "AbsentProvision",
    "Access",
    "AccessibleVersion",
    "Address",
    "Closure",
    "Contact",
    "Cost",
    "CostOption",
    "Document",
    "Eligibility",
    "FeedbackItem",
    "FeedbackReport",
    "Identifier",
    "LocalAuthority",
    "LocalOffer",
    "Location",
    "OpeningTime",
    "Organisation",
    "Phone",
    "SchoolInfo",
    "Service",
    "StatutoryLink",
    "TaxonomyTerm",
    "mint_id",
    "offer_namespace",
]
