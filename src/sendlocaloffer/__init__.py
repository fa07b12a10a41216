"""sendlocaloffer: publish and validate a council's SEND Local Offer in one consistent shape.

    import sendlocaloffer
    offer = sendlocaloffer.load("offer.xlsx")
    report = sendlocaloffer.validate(offer)
    sendlocaloffer.dump(offer, "offer.json")
"""

from .api import dump, load, read, validate, validate_file
from .checks import Finding, Report, Severity, SourceLocation, rule
from .errors import FormatError, InvalidOfferError, MissingDependencyError, ReadError, SendLocalOfferError, UnsafeInputError
from .formats.base import ReadResult
from .model import (
    AbsentProvision,
    Access,
    AccessibleVersion,
    Address,
    Closure,
    Contact,
    Cost,
    CostOption,
    Document,
    Eligibility,
    FeedbackItem,
    FeedbackReport,
    Identifier,
    LocalAuthority,
    LocalOffer,
    Location,
    OpeningTime,
    Organisation,
    Phone,
    SchoolInfo,
    Service,
    StatutoryLink,
    TaxonomyTerm,
    mint_id,
    offer_namespace,
)

__version__ = "0.1.0"

__all__ = [
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
    "Finding",
    "FormatError",
    "Identifier",
    "InvalidOfferError",
    "LocalAuthority",
    "LocalOffer",
    "Location",
    "MissingDependencyError",
    "OpeningTime",
    "Organisation",
    "Phone",
    "ReadError",
    "ReadResult",
    "Report",
    "SchoolInfo",
    "SendLocalOfferError",
    "Service",
    "Severity",
    "SourceLocation",
    "StatutoryLink",
    "TaxonomyTerm",
    "UnsafeInputError",
    "__version__",
    "dump",
    "load",
    "mint_id",
    "offer_namespace",
    "read",
    "rule",
    "validate",
    "validate_file",
]
