"""Deterministic identifiers, so that nobody has to type a UUID.

An offer's namespace is ``uuid5(NAMESPACE_URL, "https://sendlocaloffer.org/offer/" + key)``,
where the key is the local authority's GSS code (``E09000001``) or, failing that, its name
in lower case. Every other id is ``uuid5(namespace, kind + ":" + natural key)``, with kind one
of ``service``, ``organisation``, ``location``, ``contact``, ``document``, ``feedback`` and the
natural key the thing's name (services add their organisation's name after a ``|``), in lower
case with runs of spaces collapsed. The same inputs always give the same id.
"""

from __future__ import annotations

import uuid

__all__ = ["mint_id", "offer_namespace"]

_ROOT = "https://sendlocaloffer.org/offer/"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def offer_namespace(authority: str) -> uuid.UUID:
    """The namespace of an offer, from its authority's GSS code or name."""
    return uuid.uuid5(uuid.NAMESPACE_URL, _ROOT + _key(authority))


def mint_id(namespace: uuid.UUID, kind: str, *natural_key: str) -> uuid.UUID:
    """A stable id for a ``kind`` of thing with the given natural key, inside an offer."""
    return uuid.uuid5(namespace, f"{kind}:" + "|".join(_key(part) for part in natural_key))
