"""The line-by-line Turtle indexer (for the layout this library writes) agrees with pyoxigraph,
and leaves any other layout to the full parser."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings

from sendlocaloffer.formats import _rdf_read, rdf
from sendlocaloffer.model import LocalOffer
from tests.conftest import EXAMPLE
from tests.strategies import offers

ox = pytest.importorskip("pyoxigraph", reason="pyoxigraph (the fast extra) is the reference parser here")


def _turtle(offer: LocalOffer) -> bytes:
    import io

    buf = io.BytesIO()
    rdf.write(offer, buf, rdf_format="turtle")
    return buf.getvalue()


def _both(data: bytes) -> tuple[object, object]:
    fast = _rdf_read._index_plain_turtle(data, "offer.ttl")
    assert fast is not None, "the library's own Turtle should take the fast path"
    full = _rdf_read._index_oxigraph(ox, data, "turtle", "offer.ttl")
    return _rdf_read.to_data(fast[0], "offer.ttl")[0], _rdf_read.to_data(full[0], "offer.ttl")[0]


def test_example_turtle_indexes_the_same_both_ways() -> None:
    data = _turtle(LocalOffer.model_validate_json(EXAMPLE.read_text("utf-8")))
    fast, full = _both(data)
    assert fast == full


@settings(max_examples=20)
@given(offers(max_services=3))
def test_any_offer_turtle_indexes_the_same_both_ways(offer: LocalOffer) -> None:
    fast, full = _both(_turtle(offer))
    assert fast == full


def test_turtle_in_another_layout_goes_to_the_full_parser() -> None:
    import rdflib

    data = _turtle(LocalOffer.model_validate_json(EXAMPLE.read_text("utf-8")))
    graph = rdflib.Graph().parse(data=data, format="turtle")
    other = graph.serialize(format="turtle").encode("utf-8")
    assert _rdf_read._index_plain_turtle(other, "other.ttl") is None
    assert rdf.read(io.BytesIO(other), rdf_format="turtle").offer == LocalOffer.model_validate_json(EXAMPLE.read_text("utf-8"))
