"""Round trips model -> each RDF format -> model give equal models (issue 6, acceptance)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings

from sendlocaloffer import load
from sendlocaloffer.formats import rdf
from sendlocaloffer.formats.base import ReadResult
from sendlocaloffer.model import LocalOffer
from tests.conftest import EXAMPLE
from tests.strategies import offers

FORMATS = ["turtle", "ntriples", "jsonld", "rdfxml"]


def _round_trip(offer: LocalOffer, fmt: str, **options: object) -> ReadResult:
    buf = io.BytesIO()
    rdf.write(offer, buf, rdf_format=fmt, **options)
    return rdf.read(io.BytesIO(buf.getvalue()), rdf_format=fmt)


@pytest.fixture(scope="module")
def example() -> LocalOffer:
    if not EXAMPLE.exists():
        pytest.skip("examples/city-of-london/offer.json is not there")
    return load(EXAMPLE)


@pytest.mark.parametrize("fmt", FORMATS)
def test_example_round_trips_to_an_equal_model(example: LocalOffer, fmt: str) -> None:
    result = _round_trip(example, fmt)
    assert result.findings == []
    assert result.offer == example


@pytest.mark.parametrize("fmt", FORMATS)
def test_example_round_trips_with_a_base_iri(example: LocalOffer, fmt: str) -> None:
    result = _round_trip(example, fmt, base_iri="https://data.cityoflondon.gov.uk/send")
    assert result.offer == example


@pytest.mark.parametrize("fmt", FORMATS)
def test_example_round_trips_without_pyoxigraph(example: LocalOffer, fmt: str) -> None:
    buf = io.BytesIO()
    rdf.write(example, buf, rdf_format=fmt)
    result = rdf.read(io.BytesIO(buf.getvalue()), rdf_format=fmt, use_oxigraph=False)
    assert result.offer == example


@settings(max_examples=25)
@given(offer=offers())
def test_generated_offers_round_trip_through_every_format(offer: LocalOffer) -> None:
    for fmt in FORMATS:
        result = _round_trip(offer, fmt)
        assert [f.message for f in result.findings] == [], fmt
        assert result.offer == offer, fmt


@settings(max_examples=10)
@given(offer=offers())
def test_rdflib_graph_round_trips(offer: LocalOffer) -> None:
    assert rdf.from_graph(rdf.to_graph(offer)).offer == offer


def test_writing_is_deterministic(example: LocalOffer) -> None:
    for fmt in FORMATS:
        one, two = io.BytesIO(), io.BytesIO()
        rdf.write(example, one, rdf_format=fmt)
        rdf.write(example.model_copy(deep=True), two, rdf_format=fmt)
        assert one.getvalue() == two.getvalue(), fmt


@settings(max_examples=10)
@given(offer=offers())
def test_generated_offers_round_trip_through_rdflibs_parsers(offer: LocalOffer) -> None:
    for fmt in FORMATS:
        buf = io.BytesIO()
        rdf.write(offer, buf, rdf_format=fmt)
        result = rdf.read(io.BytesIO(buf.getvalue()), rdf_format=fmt, use_oxigraph=False)
        assert result.offer == offer, fmt
