"""The example's graph: SHACL conformance, a SPARQL question answered as the model answers it,
JSON-LD and Turtle giving the same triples, and the command line (issue 6, acceptance)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from sendlocaloffer import load, vocab
from sendlocaloffer.cli import main
from sendlocaloffer.formats import rdf
from sendlocaloffer.formats._rdf_artefacts import vocab_turtle
from sendlocaloffer.model import LocalOffer, Service
from tests.conftest import EXAMPLE

pyshacl = pytest.importorskip("pyshacl", reason="pyshacl (the shacl extra) is needed for the SHACL tests")


@pytest.fixture(scope="module")
def example() -> LocalOffer:
    if not EXAMPLE.exists():
        pytest.skip("examples/city-of-london/offer.json is not there")
    return load(EXAMPLE)


@pytest.fixture(scope="module")
def example_ttl(example: LocalOffer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rdf") / "offer.ttl"
    rdf.write(example, path, rdf_format="turtle")
    return path


def test_example_graph_conforms_to_the_shipped_shapes(example_ttl: Path) -> None:
    assert rdf.shacl_findings(example_ttl) == []


def _broken(example_ttl: Path, tmp_path: Path) -> tuple[Path, rdflib.term.Node]:
    """The example with one service broken four ways: no name, age 30, min above max, an unknown level."""
    g = rdflib.Graph().parse(example_ttl, format="turtle")
    schema = rdflib.Namespace("https://schema.org/")
    service = next(iter(g.subjects(rdflib.RDF.type, schema.GovernmentService)))
    g.remove((service, schema.name, None))
    audience = rdflib.BNode()
    g.remove((service, schema.audience, None))
    g.add((service, schema.audience, audience))
    g.add((audience, rdflib.RDF.type, schema.PeopleAudience))
    g.add((audience, schema.requiredMinAge, rdflib.Literal(30)))
    g.add((audience, schema.requiredMaxAge, rdflib.Literal(12)))
    g.add((service, rdflib.URIRef("https://sendlocaloffer.org/ns#level"), rdflib.URIRef("https://sendlocaloffer.org/vocab/levels/superb")))
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")
    return broken, service


def test_broken_graph_gives_the_expected_violations(example_ttl: Path, tmp_path: Path) -> None:
    broken, service = _broken(example_ttl, tmp_path)
    found = {(f.code, f.location.subject if f.location else None) for f in rdf.shacl_findings(broken)}
    assert ("shacl.min_count", str(service)) in found  # no name
    assert ("shacl.max_inclusive", str(service)) in found  # age 30 > 25
    assert ("shacl.less_than_or_equals", str(service)) in found  # minimum above maximum
    assert ("shacl.in", str(service)) in found  # not a level


def test_shacl_findings_come_through_the_validate_command(example_ttl: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    main(["validate", str(example_ttl), "--shacl", "--format", "json"])
    assert '"shacl.' not in capsys.readouterr().out
    broken, service = _broken(example_ttl, tmp_path)
    assert main(["validate", str(broken), "--shacl", "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert '"shacl.min_count"' in out and str(service) in out


AUTISM_14_IN_CITY = """
PREFIX schema: <https://schema.org/>
PREFIX slo: <https://sendlocaloffer.org/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?id WHERE {
  ?service a schema:GovernmentService ;
           dcterms:identifier ?id ;
           slo:inArea true ;
           slo:status <https://sendlocaloffer.org/vocab/service-status/active> .
  OPTIONAL { ?service schema:audience ?a }
  OPTIONAL { ?a schema:requiredMinAge ?min }
  OPTIONAL { ?a schema:requiredMaxAge ?max }
  FILTER (!BOUND(?min) || ?min <= 14)
  FILTER (!BOUND(?max) || ?max >= 14)
  FILTER (NOT EXISTS { ?a slo:need ?anyNeed }
          || EXISTS { ?a slo:need ?need .
                      <https://sendlocaloffer.org/vocab/needs/ASD> skos:broader* ?need })
}
"""


def _open_to_autistic_14_year_old_in_city(service: Service) -> bool:
    e = service.eligibility
    needs = set(e.needs)
    asd_and_broader = {"ASD", vocab.get("needs")["ASD"].broader}
    return (service.in_area and service.status == "active"
            and (e.min_age is None or e.min_age <= 14) and (e.max_age is None or e.max_age >= 14)
            and (not needs or bool(needs & asd_and_broader)))


def test_sparql_finds_the_services_the_model_says_are_open_to_an_autistic_14_year_old_in_the_city(example: LocalOffer) -> None:
    g = rdf.to_graph(example)
    g.parse(data=vocab_turtle(), format="turtle")
    found = {str(row[0]) for row in g.query(AUTISM_14_IN_CITY)}
    expected = {str(s.id) for s in example.services if _open_to_autistic_14_year_old_in_city(s)}
    assert expected and found == expected
    assert len(expected) < len(example.services)


def _written(offer: LocalOffer, fmt: str) -> bytes:
    buf = io.BytesIO()
    rdf.write(offer, buf, rdf_format=fmt, inline_context=True)
    return buf.getvalue()


def test_jsonld_output_parses_to_the_same_triples_as_turtle(example: LocalOffer) -> None:
    # The whole example through pyoxigraph's parsers, compared after RDF canonicalisation
    # (blank nodes relabelled); a part of it through rdflib's parsers and isomorphism check,
    # which are too slow for a thousand blank nodes.
    ox = pytest.importorskip("pyoxigraph")

    def canonical(data: bytes, fmt: object) -> set[str]:
        ds = ox.Dataset(ox.parse(data, fmt))
        ds.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        return {str(q) for q in ds}

    turtle = canonical(_written(example, "turtle"), ox.RdfFormat.TURTLE)
    assert len(turtle) > 1000
    assert canonical(_written(example, "jsonld"), ox.RdfFormat.JSON_LD) == turtle
    part = example.model_copy(update={"services": example.services[:3]})
    graphs = [rdflib.Graph().parse(data=_written(part, fmt), format=parser) for fmt, parser in (("turtle", "turtle"), ("jsonld", "json-ld"))]
    assert isomorphic(graphs[0], graphs[1])


@pytest.mark.parametrize(("suffix", "fmt"), [(".ttl", "turtle"), (".nt", "ntriples"), (".jsonld", "jsonld"), (".rdf", "rdfxml")])
def test_convert_writes_each_suffix_with_the_base_iri(example: LocalOffer, tmp_path: Path, suffix: str, fmt: str) -> None:
    out = tmp_path / f"offer{suffix}"
    assert main(["convert", str(EXAMPLE), str(out), "--base-iri", "https://data.cityoflondon.gov.uk/send/"]) == 0
    text = out.read_text(encoding="utf-8")
    assert f"https://data.cityoflondon.gov.uk/send/service/{example.services[0].id}" in text or fmt == "jsonld"
    assert rdf.read(out, rdf_format=fmt).offer == example


def test_minted_iris_follow_the_base_iri(example: LocalOffer) -> None:
    g = rdf.to_graph(example, base_iri="https://data.example.gov.uk/send")
    service = rdflib.URIRef(f"https://data.example.gov.uk/send/service/{example.services[0].id}")
    assert (service, rdflib.RDF.type, rdflib.URIRef("https://schema.org/GovernmentService")) in g
    default = rdf.to_graph(example)
    assert (rdflib.URIRef(f"urn:uuid:{example.services[0].id}"), None, None) in default


def test_hand_written_graph_reads_and_reports_what_has_no_place() -> None:
    ttl = b"""
    @prefix schema: <http://schema.org/> .
    @prefix dcat: <http://www.w3.org/ns/dcat#> .
    @prefix dcterms: <http://purl.org/dc/terms/> .
    @prefix slo: <https://sendlocaloffer.org/ns#> .
    <https://ex.org/offer> a dcat:Dataset ; dcterms:title "Hand-made offer" ;
        dcterms:identifier "7d5f2a1e-9d43-4b8e-a3c4-0c6c1f7d1a10" ;
        dcterms:publisher [ schema:name "Somewhere Council" ] .
    <https://ex.org/s/1> a schema:GovernmentService ; schema:name "Play club" ;
        slo:level "Targeted" ; schema:audience [ schema:requiredMinAge 5 ; slo:need "Autistic spectrum disorder" ] ;
        schema:colour "blue" .
    """
    result = rdf.read(io.BytesIO(ttl), rdf_format="turtle")
    assert result.offer is not None
    service = result.offer.services[0]
    assert (service.name, service.level, service.eligibility.min_age, service.eligibility.needs) == ("Play club", "targeted", 5, ["ASD"])
    codes = {(f.code, f.location.subject if f.location else None) for f in result.findings}
    assert ("rdf.unplaced", "https://ex.org/s/1") in codes
    assert any(code == "rdf.http_schema_org" for code, _ in codes)


def test_shacl_checks_an_offer_in_another_format_as_it_would_be_written(example: LocalOffer) -> None:
    assert rdf.shacl_findings(EXAMPLE) == []


def test_shacl_without_pyshacl_names_the_extra(monkeypatch: pytest.MonkeyPatch, example_ttl: Path) -> None:
    import builtins

    from sendlocaloffer.errors import MissingDependencyError

    real_import = builtins.__import__

    def no_pyshacl(name: str, *a: object, **k: object) -> object:
        if name == "pyshacl":
            raise ImportError(name)
        return real_import(name, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pyshacl)
    with pytest.raises(MissingDependencyError, match=r"sendlocaloffer\[shacl\]"):
        rdf.shacl_findings(example_ttl)


def test_a_bad_base_iri_is_a_clear_error_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "offer.ttl"
    assert main(["convert", str(EXAMPLE), str(out), "--base-iri", "not an iri"]) == 2
    assert "base IRI 'not an iri' is not an absolute IRI" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("extra", ["", 'schema:colour "blue" ;'])  # without and with a finding of the walk
def test_a_models_finding_names_the_subject_it_came_from(extra: str) -> None:
    ttl = f"""
    @prefix schema: <https://schema.org/> .
    @prefix dcat: <http://www.w3.org/ns/dcat#> .
    @prefix dcterms: <http://purl.org/dc/terms/> .
    <https://ex.org/offer> a dcat:Dataset ; dcterms:title "Hand-made offer" ;
        dcterms:identifier "7d5f2a1e-9d43-4b8e-a3c4-0c6c1f7d1a10" ;
        dcterms:publisher [ schema:name "Somewhere Council" ] ; dcterms:hasPart <https://ex.org/s/1> .
    <https://ex.org/s/1> a schema:GovernmentService ; schema:name "Play club" ; {extra}
        schema:email "not-an-email" ; schema:audience [ schema:requiredMinAge 30 ] .
    """.encode()
    result = rdf.read(io.BytesIO(ttl), rdf_format="turtle")
    places = {(f.path, f.location.subject if f.location else None) for f in result.findings}
    assert ("/services/0/email", "https://ex.org/s/1") in places
    assert ("/services/0/eligibility/min_age", "https://ex.org/s/1 schema:audience") in places
