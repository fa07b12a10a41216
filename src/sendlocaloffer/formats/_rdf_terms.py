"""RDF terms as plain Python values, the namespaces, and how IRIs are minted.

An IRI is a ``str``; a blank node read from a file is a ``str`` starting ``_:`` (no IRI can,
as ``_`` cannot start a scheme, RFC 3987); a literal is a tuple ``(lexical form, datatype IRI
or None for xsd:string, language or None)``; a node built for writing is a :class:`Node`.
Plain values keep bulk reading and writing cheap: no object per term.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Union
from urllib.parse import quote, unquote

from .. import vocab as _vocab
from ..errors import FormatError

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SDO = "https://schema.org/"
SDO_HTTP = "http://schema.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
SH = "http://www.w3.org/ns/shacl#"
SLO = "https://sendlocaloffer.org/ns#"
VOCAB = "https://sendlocaloffer.org/vocab/"
#: The ONS linked-data IRIs of statistical geographies, keyed by GSS code.
STATGEO = "http://statistics.data.gov.uk/id/statistical-geography/"
SCHEMA_BASE = "https://sendlocaloffer.org/schemas/"

RDF_TYPE = RDF + "type"
RDF_JSON = RDF + "JSON"
RDF_LANGSTRING = RDF + "langString"
XSD_STRING = XSD + "string"

#: Prefixes written in Turtle, RDF/XML and the JSON-LD context, in this order.
PREFIXES: tuple[tuple[str, str], ...] = (
    ("rdf", RDF),
    ("xsd", XSD),
    ("schema", SDO),
    ("skos", SKOS),
    ("dcat", DCAT),
    ("dcterms", DCT),
    ("slo", SLO),
    ("statgeo", STATGEO),
    *((name, f"{VOCAB}{name}/") for name in _vocab.VOCABULARY_NAMES),
)

Literal = tuple[str, Union[str, None], Union[str, None]]
Term = Union[str, Literal]


@dataclass
class Node:
    """A subject to write: an IRI (or None for a blank node), its types and its
    predicate-object pairs in writing order. Objects are IRIs, literals or nested nodes."""

    iri: str | None
    types: list[str]
    props: list[tuple[str, Union[str, Literal, Node]]] = field(default_factory=list)


def lit(lexical: str, datatype: str | None = None) -> Literal:
    return (lexical, datatype, None)


# --- concept IRIs of the vocabularies ---------------------------------------------------


def scheme_iri(name: str) -> str:
    return f"{VOCAB}{name}"


def concept_iri(name: str, code: str) -> str:
    """``https://sendlocaloffer.org/vocab/<vocabulary>/<code>``, the code percent-encoded
    (``temporarily closed`` becomes ``temporarily%20closed``)."""
    return f"{VOCAB}{name}/{quote(code, safe='')}"


@lru_cache(maxsize=1)
def concept_codes() -> dict[str, tuple[str, str]]:
    """Every concept IRI, mapped to its vocabulary and code."""
    return {
        concept_iri(v.name, t.code): (v.name, t.code) for v in _vocab.all_vocabularies() for t in v.terms
    }


def code_of(name: str, iri: str) -> str | None:
    """The code a concept IRI of vocabulary ``name`` stands for, or None when it is not one."""
    prefix = f"{VOCAB}{name}/"
    if iri.startswith(prefix):
        return unquote(iri[len(prefix):])
    return None


DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}
DAY_IRIS = {code: SDO + name for code, name in DAYS.items()}
DAY_CODES = {**{SDO + name: code for code, name in DAYS.items()}, **{SDO_HTTP + name: code for code, name in DAYS.items()}}


# --- IRIs of the offer's things -----------------------------------------------------------

_BAD_BASE = re.compile(r'[\s<>"{}|\\^`]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def check_base(base_iri: str) -> str:
    """A base IRI to mint under, ending in ``/`` or ``#``; refuses what is not an absolute IRI."""
    if not _SCHEME.match(base_iri) or _BAD_BASE.search(base_iri):
        raise FormatError(
            f"base IRI {base_iri!r} is not an absolute IRI: give one like https://data.example.gov.uk/send/"
        )
    return base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"


def mint(base: str | None, kind: str, ident: uuid.UUID | str) -> str:
    """The IRI of a ``kind`` of thing (offer, service, organisation, location, document,
    feedback): ``<base><kind>/<id>``, or ``urn:uuid:<id>`` when no base IRI is set."""
    if base is None:
        return f"urn:uuid:{ident}"
    return f"{base}{kind}/{ident}"


_UUID_TAIL = re.compile(r"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$")


def id_from_iri(iri: str) -> str:
    """The id an IRI carries: the UUID it ends with, or a UUID minted from the whole IRI
    (uuid5 in the URL namespace), so that a hand-written graph's things get stable ids."""
    m = _UUID_TAIL.search(iri)
    if m:
        return m.group(1).lower()
    return str(uuid.uuid5(uuid.NAMESPACE_URL, iri))


# RFC 3987 IRIs restricted to what every RDF parser accepts: http(s), a plain host, an
# optional numeric port, no characters that IRIREF forbids and well-formed percent escapes.
_IRI = re.compile(
    r"https?://(?:[^\s<>\"{}|\\^`/?#@\[\]%]|%[0-9A-Fa-f]{2})*@?"
    r"(?:[^\s<>\"{}|\\^`/?#@\[\]:%]|%[0-9A-Fa-f]{2})+(?::[0-9]*)?"
    r"(?:/(?:[^\s<>\"{}|\\^`?#\[\]%]|%[0-9A-Fa-f]{2})*)*"
    r"(?:\?(?:[^\s<>\"{}|\\^`#\[\]%]|%[0-9A-Fa-f]{2})*)?"
    r"(?:#(?:[^\s<>\"{}|\\^`#\[\]%]|%[0-9A-Fa-f]{2})*)?"
)
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")


@lru_cache(maxsize=65536)
def safe_iri(url: str) -> bool:
    """True when a web address can be written as an IRI; others are written as
    ``xsd:anyURI`` literals, so nothing a parser would refuse is ever written."""
    return bool(_IRI.fullmatch(url)) and not _CONTROL.search(url) and url.count("@") <= 1


def gss_code(iri: str) -> str | None:
    if iri.startswith(STATGEO):
        return iri[len(STATGEO):]
    return None


@lru_cache(maxsize=4096)
def curie(iri: str) -> str:
    """A short name for messages: ``schema:name`` for a known namespace, else ``<iri>``."""
    for prefix, ns in PREFIXES:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"
