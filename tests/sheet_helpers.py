"""Helpers shared by the spreadsheet tests."""

from __future__ import annotations

import uuid

from sendlocaloffer.model import LocalOffer, Service

from .conftest import EXAMPLE


def load_example() -> LocalOffer:
    return LocalOffer.model_validate_json(EXAMPLE.read_text("utf-8"))


def carried(offer: LocalOffer) -> LocalOffer:
    """The offer as a spreadsheet carries it: the whole offer (an empty optional group, such as
    a school section with nothing in it, is no group in the model itself)."""
    return offer


#: Service names a spreadsheet would take for formulas, or otherwise mangle.
TRICKY_NAMES = ["=SUM(A1:A2)", "+44 team", "-minus", "@handle", "\tTabbed", "\rReturn", "'quoted", "#N/A",
                "_x0041_ literal", "bell\x07"]


def tricky_offer() -> LocalOffer:
    return LocalOffer(id=uuid.UUID(int=1), local_authority={"name": "City of London Corporation"}, title="Offer",
                      services=[Service(id=uuid.UUID(int=10 + i), name=n) for i, n in enumerate(TRICKY_NAMES)])
