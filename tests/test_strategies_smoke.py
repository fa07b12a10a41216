from hypothesis import given

from sendlocaloffer.model import LocalOffer
from tests.strategies import offers


@given(offers())
def test_strategy_offers_are_valid_and_references_resolve(offer: LocalOffer) -> None:
    orgs = {o.id for o in offer.organisations}
    locs = {loc.id for loc in offer.locations}
    for s in offer.services:
        assert s.organisation_id is None or s.organisation_id in orgs
        assert set(s.location_ids) <= locs
