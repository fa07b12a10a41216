"""What the Open Referral writer and reader share: the vocabulary term URIs, the taxonomy
terms built from the library's vocabularies, the ids minted for records the model does not
identify, and which fields each profile carries.

Term URIs follow one stable scheme, ``https://sendlocaloffer.org/vocab/<vocabulary>/<code>``
(:data:`VOCAB_BASE`); the RDF format uses the same IRIs for its SKOS concepts.
"""

from __future__ import annotations

import hashlib
import uuid
from functools import cache, lru_cache
from typing import Any
from urllib.parse import quote, unquote

from .. import vocab as _vocab

__all__ = [
    "BLOCK",
    "EXTRA_VOCABULARIES",
    "VOCAB_BASE",
    "child_id",
    "dfe_categories",
    "la_organisation_id",
    "nested_term_dict",
    "parse_term_uri",
    "taxonomy_dict",
    "term_dict",
    "term_uri",
    "uuid5_text",
]

#: The base of every term URI the library publishes.
VOCAB_BASE = "https://sendlocaloffer.org/vocab/"

#: The property that carries, on an object of the feed, the model's fields that the target
#: profile has no place for (documented in docs/open-referral.md).
BLOCK = "sendlocaloffer"

#: Two small lists the writer needs beside the library's vocabularies: where a service is
#: (Children and Families Act 2014 s30(1): in the area and outside it) and whether an EHC plan
#: is needed to use it.
EXTRA_VOCABULARIES: dict[str, tuple[str, str, dict[str, tuple[str, str]]]] = {
    "area": (
        "In or outside the area",
        "Whether a service is in the local authority's area or outside it (Children and Families Act 2014 s30(1)).",
        {
            "in-area": ("In the area", "The service is in the local authority's area."),
            "outside-area": ("Outside the area", "The service is outside the local authority's area but expected to be available to its children and young people."),
        },
    ),
    "ehc-plan-required": (
        "EHC plan required",
        "Whether a child or young person needs an education, health and care plan to use the service.",
        {
            "yes": ("EHC plan required", "Only children and young people with an EHC plan can use the service."),
            "no": ("EHC plan not required", "Children and young people can use the service without an EHC plan."),
        },
    ),
}

_NS = uuid.NAMESPACE_URL


def term_uri(vocabulary: str, code: str) -> str:
    """The stable URI of a term: ``VOCAB_BASE + vocabulary + "/" + code``."""
    return f"{VOCAB_BASE}{vocabulary}/{quote(code, safe='')}"


@lru_cache(maxsize=4096)
def parse_term_uri(uri: str) -> tuple[str, str] | None:
    """``(vocabulary, code)`` for a URI of one of the library's terms, else None."""
    if not uri.startswith(VOCAB_BASE):
        return None
    rest = uri[len(VOCAB_BASE):]
    vocabulary, sep, code = rest.partition("/")
    if not sep or not code:
        return None
    code = unquote(code)
    if vocabulary in EXTRA_VOCABULARIES:
        return (vocabulary, code) if code in EXTRA_VOCABULARIES[vocabulary][2] else None
    if vocabulary in _vocab.VOCABULARY_NAMES and code in _vocab.get(vocabulary).by_code:
        return vocabulary, code
    return None


@lru_cache(maxsize=4096)
def _uuid_bytes(text: str) -> bytes:
    return uuid.UUID(text).bytes


def uuid5_text(namespace: bytes, name: str) -> str:
    """``str(uuid.uuid5(UUID(bytes=namespace), name))`` (RFC 9562 section 5.5), about three
    times faster, for the many ids a large feed mints."""
    digest = bytearray(hashlib.sha1(namespace + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def child_id(parent: uuid.UUID | str, kind: str, key: object = 0) -> str:
    """A stable id for a record the model holds without an id of its own (an address, a
    service at a location, an attribute): the same parent and key always give the same id,
    so the reader can recognise it and leave the model's own field empty."""
    ns = parent.bytes if isinstance(parent, uuid.UUID) else _uuid_bytes(str(parent))
    return uuid5_text(ns, f"hsds:{kind}:{key}")


def la_organisation_id(offer_id: uuid.UUID | str) -> str:
    """The id of the local authority as an organisation, given to services that name no
    organisation where the profile needs one (Open Referral UK: every service has one)."""
    return child_id(offer_id, "local-authority")


@cache
def _vocab_meta(vocabulary: str) -> tuple[str, str]:
    if vocabulary in EXTRA_VOCABULARIES:
        title, description, _ = EXTRA_VOCABULARIES[vocabulary]
        return title, description
    v = _vocab.get(vocabulary)
    return v.title, v.description


def taxonomy_id(vocabulary: str) -> str:
    return str(uuid.uuid5(_NS, VOCAB_BASE + vocabulary))


@cache
def taxonomy_dict(vocabulary: str) -> dict[str, Any]:
    """The HSDS taxonomy record of one of the library's vocabularies."""
    title, description = _vocab_meta(vocabulary)
    return {
        "id": taxonomy_id(vocabulary),
        "name": vocabulary,
        "description": f"{title}: {description}",
        "uri": VOCAB_BASE + vocabulary,
        "version": "1.0",
    }


def _term_facts(vocabulary: str, code: str) -> tuple[str, str, str | None]:
    if vocabulary in EXTRA_VOCABULARIES:
        label, definition = EXTRA_VOCABULARIES[vocabulary][2][code]
        return label, definition, None
    term = _vocab.get(vocabulary).by_code[code]
    return term.label, term.definition, term.broader


@cache
def term_dict(vocabulary: str, code: str, oruk: bool) -> dict[str, Any]:
    """The HSDS (or ORUK) taxonomy term for a code of one of the library's vocabularies.
    The same dict is shared by every attribute that uses the term (it is never mutated)."""
    label, definition, broader = _term_facts(vocabulary, code)
    uri = term_uri(vocabulary, code)
    out: dict[str, Any] = {"id": str(uuid.uuid5(_NS, uri))}
    if oruk:
        out["term"] = code
    else:
        out["code"] = code
    out["name"] = label
    out["description"] = definition
    if broader:
        out["parent_id"] = str(uuid.uuid5(_NS, term_uri(vocabulary, broader)))
    out["taxonomy"] = vocabulary
    out["taxonomy_id"] = taxonomy_id(vocabulary)
    out["term_uri"] = uri
    return out


def foreign_term_id(taxonomy: str, code: str) -> str:
    """The id of a term of another taxonomy, from its taxonomy and code."""
    return str(uuid.uuid5(_NS, f"https://sendlocaloffer.org/hsds/term/{quote(taxonomy, safe='')}/{quote(code, safe='')}"))


def foreign_taxonomy_id(taxonomy: str) -> str:
    return str(uuid.uuid5(_NS, f"https://sendlocaloffer.org/hsds/taxonomy/{quote(taxonomy, safe='')}"))


@cache
def nested_term_dict(vocabulary: str, code: str, oruk: bool) -> dict[str, Any]:
    """The term as nested in each attribute: the same id, code, name and URI as
    :func:`term_dict`, with the label as its description; the feed's ``taxonomy_terms`` list
    carries the definition and the parent once, which keeps large feeds small."""
    full = term_dict(vocabulary, code, oruk)
    out = {k: full[k] for k in ("id", "term" if oruk else "code", "name")}
    out["description"] = full["name"]
    out["taxonomy"] = full["taxonomy"]
    out["term_uri"] = full["term_uri"]
    return out


@cache
def dfe_mapping() -> dict[str, Any]:
    """The DfE family hubs category mapping (``vocab/data/dfe-family-hubs-mapping.json``)."""
    import json
    from importlib import resources

    text = resources.files("sendlocaloffer.vocab").joinpath("data").joinpath("dfe-family-hubs-mapping.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def dfe_categories(needs: list[str], categories: list[str], send_specific: bool) -> list[str]:
    """The DfE family hubs service categories a service falls under, in a stable order
    (its SEND parent category first when it is only for SEND, then by needs, then by kind)."""
    m = dfe_mapping()
    out: list[str] = list(m["send_specific"]) if send_specific else []
    for code in needs:
        out.extend(m["needs"].get(code, ()))
    for code in categories:
        out.extend(m["provision-categories"].get(code, ()))
    return list(dict.fromkeys(out))
