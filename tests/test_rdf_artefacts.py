"""The shipped RDF artefacts are what the code generates, and the mapping covers the model."""

from __future__ import annotations

import json

import pytest
import rdflib

from sendlocaloffer import vocab
from sendlocaloffer.formats import _rdf_artefacts as art
from sendlocaloffer.formats._rdf_map import unmapped_fields
from sendlocaloffer.formats._rdf_shapes import shapes_turtle
from sendlocaloffer.formats._rdf_terms import SKOS, concept_iri
from tests.conftest import REPO


@pytest.mark.parametrize(("name", "make"), [
    ("vocab.ttl", art.vocab_turtle),
    ("shapes.ttl", shapes_turtle),
    ("context.jsonld", art.context_text),
])
def test_committed_schema_file_is_what_the_code_generates(name: str, make: object) -> None:
    committed = (REPO / "schemas" / name).read_text(encoding="utf-8")
    assert committed == make(), f"schemas/{name} is stale: run python -m sendlocaloffer.formats._rdf_artefacts ."  # type: ignore[operator]


def test_docs_mapping_table_is_what_the_code_generates() -> None:
    text = (REPO / "docs" / "rdf.md").read_text(encoding="utf-8")
    assert art.docs_with_table(text) == text, "docs/rdf.md's table is stale: run python -m sendlocaloffer.formats._rdf_artefacts ."


def test_every_model_field_is_mapped_or_listed_as_not_carried() -> None:
    assert unmapped_fields() == []


def test_every_vocabulary_is_a_skos_scheme_with_every_term() -> None:
    g = rdflib.Graph().parse(data=art.vocab_turtle(), format="turtle")
    skos = rdflib.Namespace(SKOS)
    for v in vocab.all_vocabularies():
        for term in v.terms:
            iri = rdflib.URIRef(concept_iri(v.name, term.code))
            assert (iri, rdflib.RDF.type, skos.Concept) in g
            assert str(g.value(iri, skos.notation)) == term.code
            assert str(g.value(iri, skos.prefLabel)) == term.label
            if term.broader:
                assert g.value(iri, skos.broader) == rdflib.URIRef(concept_iri(v.name, term.broader))


def test_concept_iris_percent_encode_codes_with_spaces() -> None:
    assert concept_iri("service-status", "temporarily closed").endswith("/service-status/temporarily%20closed")


def test_context_is_valid_json_with_prefixes_for_every_vocabulary() -> None:
    ctx = json.loads(art.context_text())["@context"]
    for name in vocab.VOCABULARY_NAMES:
        assert ctx[name] == f"https://sendlocaloffer.org/vocab/{name}/"
    assert ctx["schema"] == "https://schema.org/"
