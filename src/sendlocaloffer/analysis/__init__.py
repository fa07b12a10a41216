"""Evidence drawn from an offer's data: where provision is missing or thin, and what changed.

The SEND Code of Practice (chapter 4) expects the Local Offer to help the authority identify
need and gaps in provision and to be kept under review (Children and Families Act 2014 s30(9)).
"""

from .diff import DifferentCouncilsError, FieldChange, ItemChange, OfferDiff, diff_offers
from .gaps import AGE_BANDS, AgeBand, Cell, GapsReport, Table, analyse_gaps

__all__ = [
    "AGE_BANDS",
    "AgeBand",
    "Cell",
    "DifferentCouncilsError",
    "FieldChange",
    "GapsReport",
    "ItemChange",
    "OfferDiff",
    "Table",
    "analyse_gaps",
    "diff_offers",
]
