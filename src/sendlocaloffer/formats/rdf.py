"""The offer as linked data: schema.org, SKOS, DCAT and DCTERMS, in Turtle, N-Triples,
JSON-LD and RDF/XML, both ways (see ``docs/rdf.md`` for the mapping).

Services are ``schema:GovernmentService``, the offer a ``dcat:Dataset``, vocabulary terms SKOS
concepts at ``https://sendlocaloffer.org/vocab/<vocabulary>/<code>``. Things with ids get IRIs
minted from ``base_iri`` (``<base><kind>/<id>``; ``urn:uuid:<id>`` without one). Writing
streams, without rdflib; reading parses with pyoxigraph when installed (rdflib otherwise) and
reports what it cannot place with the subject's IRI. :func:`to_graph` and :func:`from_graph`
keep rdflib's API for users; :func:`shacl_findings` checks a file against the shipped shapes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .._io import DEFAULT_MAX_BYTES, Source, Target, display_name
from ..checks.findings import Finding, SourceLocation
from ..errors import FormatError, MissingDependencyError
from ..loading import build_offer
from ..model import LocalOffer
from ._rdf_build import iter_nodes
from ._rdf_read import Index, index_from_graph, parse_source, to_data
from ._rdf_write import WRITERS, open_sink
from .base import ReadResult

if TYPE_CHECKING:
    import rdflib

__all__ = ["from_graph", "read", "shacl_findings", "sniff", "to_graph", "write"]

RDF_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")


def _format(rdf_format: str) -> str:
    if rdf_format not in RDF_FORMATS:
        raise FormatError(f"unknown RDF format {rdf_format!r}; use one of {', '.join(RDF_FORMATS)}")
    return rdf_format


def sniff(head: bytes, rdf_format: str = "jsonld", **_: Any) -> bool:
    """True for JSON-LD (the only RDF format that shares a suffix): it has an ``@context``."""
    return b'"@context"' in head or b'"@graph"' in head


def write(offer: LocalOffer, target: Target, rdf_format: str = "turtle", base_iri: str | None = None,
          inline_context: bool = False, **_: Any) -> None:
    """Write the offer as RDF. ``base_iri`` sets where IRIs are minted; ``inline_context``
    puts the JSON-LD context in the file instead of naming it by IRI."""
    fmt = _format(rdf_format)
    nodes = iter_nodes(offer, base_iri)
    options = {"inline_context": inline_context} if fmt == "jsonld" else {}
    enabled = gc.isenabled()
    gc.disable()  # the collector dominates building many small objects (DESIGN.md, performance)
    try:
        with open_sink(target) as sink:
            WRITERS[fmt](nodes, sink, **options)
    finally:
        if enabled:
            gc.enable()


def _result(parsed: tuple[Index, list[Finding]], name: str, fmt: str) -> ReadResult:
    index, findings = parsed
    data, more, where = to_data(index, name)
    # The index goes before validation builds the model, which then reuses its memory. No
    # caller keeps it: they pass parse's answer straight in.
    del parsed, index
    findings = findings + more
    if data is None:
        return ReadResult(None, findings, name, fmt)

    def locate(path: str) -> SourceLocation:
        probe = path
        while probe:
            hit = where.get(probe)
            if hit is not None:
                return SourceLocation(file=name, subject=hit)
            probe = probe.rsplit("/", 1)[0]
        return SourceLocation(file=name, subject=where.get(""))

    offer, model_findings = build_offer(data, locate)
    return ReadResult(offer, findings + model_findings, name, fmt)


def read(source: Source, rdf_format: str = "turtle", *, max_bytes: int = DEFAULT_MAX_BYTES,
         use_oxigraph: bool | None = None, **_: Any) -> ReadResult:
    """Read an offer from RDF: graphs this library wrote, and hand-written graphs in the same
    vocabulary. What cannot be placed in the model comes back as findings naming the subject."""
    fmt = _format(rdf_format)
    name = display_name(source)
    enabled = gc.isenabled()
    gc.disable()  # the collector dominates building many small objects (DESIGN.md, performance)
    try:
        # No name keeps the index here: _result lets it go once it has the offer's data.
        return _result(parse_source(source, fmt, name, max_bytes, use_oxigraph=use_oxigraph), name, fmt)
    finally:
        if enabled:
            gc.enable()


def triples(offer: LocalOffer, base_iri: str | None = None) -> Iterator[tuple[Any, Any, Any]]:
    """The offer's triples as rdflib terms, blank nodes labelled in writing order."""
    from rdflib import BNode, Literal, URIRef

    from ._rdf_terms import RDF_TYPE, Node

    counter = 0

    def emit(node: Node, subject: Any) -> Iterator[tuple[Any, Any, Any]]:
        nonlocal counter
        for t in node.types:
            yield subject, URIRef(RDF_TYPE), URIRef(t)
        for pred, obj in node.props:
            if isinstance(obj, str):
                yield subject, URIRef(pred), URIRef(obj)
            elif isinstance(obj, tuple):
                lex, datatype, lang = obj
                yield subject, URIRef(pred), Literal(lex, lang=lang, datatype=URIRef(datatype) if datatype else None)
            else:
                child = BNode(f"b{counter}")
                counter += 1
                yield subject, URIRef(pred), child
                yield from emit(obj, child)

    for node in iter_nodes(offer, base_iri):
        if node.iri is None:
            counter += 1
            yield from emit(node, BNode(f"b{counter}"))
        else:
            yield from emit(node, URIRef(node.iri))


def to_graph(offer: LocalOffer, base_iri: str | None = None, graph: rdflib.Graph | None = None) -> rdflib.Graph:
    """The offer as an rdflib graph (added to ``graph`` when given), for SPARQL and friends."""
    import rdflib

    from ._rdf_terms import PREFIXES

    g = graph if graph is not None else rdflib.Graph()
    for prefix, ns in PREFIXES:
        g.bind(prefix, ns, override=True)
    g.addN((s, p, o, g) for s, p, o in triples(offer, base_iri))
    return g


def from_graph(graph: rdflib.Graph, name: str = "<graph>") -> ReadResult:
    """Read an offer from an rdflib graph."""
    return _result(index_from_graph(graph, name), name, "rdf")


def shacl_findings(path: Source, rdf_format: str | None = None) -> list[Finding]:
    """Check a file against the shipped SHACL shapes (``schemas/shapes.ttl``) with pyshacl,
    inference off; each result is a finding naming its subject IRI. An RDF file is checked as
    it is; an offer in any other format is checked as this library would write it."""
    try:
        import pyshacl
    except ImportError:
        raise MissingDependencyError("pyshacl", "shacl", "--shacl") from None
    from ._rdf_shapes import findings_from_results, shapes_graph

    name = display_name(path)
    fmt = rdf_format or _format_of(name)
    index: Index | None = None
    if fmt is None:
        from .. import api

        offer = api.read(path).offer
        if offer is None:
            return []
        graph = to_graph(offer)
    else:
        index, _ = parse_source(path, _format(fmt), name)
        graph = _graph_of(index)
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes_graph(), inference="none", advanced=False,
                                     allow_warnings=True)
    return findings_from_results(results, name, index)


def _format_of(name: str) -> str | None:
    from . import by_suffix

    for info in by_suffix(name):
        fmt = info.options.get("rdf_format")
        if isinstance(fmt, str):
            return fmt
    return None


def _graph_of(index: Index) -> rdflib.Graph:
    import rdflib

    g = rdflib.Graph()

    def term(t: Any) -> Any:
        if isinstance(t, tuple):
            lex, datatype, lang = t
            return rdflib.Literal(lex, lang=lang, datatype=rdflib.URIRef(datatype) if datatype else None)
        return rdflib.BNode(t[2:]) if t.startswith("_:") else rdflib.URIRef(t)

    for s, props in index.items():
        subject = term(s)
        for p, objs in props.items():
            pred = rdflib.URIRef(p)
            for o in objs:
                g.add((subject, pred, term(o)))
    return g
