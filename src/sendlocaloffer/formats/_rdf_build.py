"""From the model to RDF nodes, following the mapping table (:mod:`._rdf_map`).

The result is a list of top-level :class:`~._rdf_terms.Node`: the offer's ``dcat:Dataset``
first, then every thing with an IRI of its own (documents, feedback reports, organisations,
locations, services) in the offer's order. Blank nodes stay nested in their parent, so each
serialiser writes them inline and none needs a label table.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any, Union

from pydantic import BaseModel

from .. import vocab as _vocab
from ..model import LocalOffer, Service
from ._rdf_map import VIAS, ClassMap, FieldPlan, plans
from ._rdf_terms import (
    DAY_IRIS,
    DCAT,
    RDF_JSON,
    SCHEMA_BASE,
    SDO,
    SLO,
    STATGEO,
    XSD,
    Literal,
    Node,
    check_base,
    concept_iri,
    mint,
    safe_iri,
)

__all__ = ["build", "canonical_order", "iter_nodes"]

_GSS_SHAPE = re.compile(r"^[EWSN][0-9]{8}$")
_POSITION = SDO + "position"
_INT = XSD + "integer"
_ANYURI = XSD + "anyURI"
#: The offer's lists of things with IRIs of their own, linked from the dataset by dcterms:hasPart.
_PARTS = ("organisations", "locations", "services")


def canonical_order(plan: FieldPlan, values: list[Any]) -> list[Any]:
    """The order a reader gives a list of plain values when nothing says otherwise: the
    vocabulary's order for codes, text order for the rest, each value once (RDF keeps no
    order and no repeats)."""
    if len(values) < 2:
        return list(values)
    unique = list(dict.fromkeys(values))
    if plan.vocab:
        rank = _rank(plan.vocab)
        return sorted(unique, key=lambda v: (rank.get(v, len(rank)), str(v)))
    return sorted(unique, key=str)


@cache
def _rank(vocab: str) -> dict[str, int]:
    return {c: i for i, c in enumerate(_vocab.get(vocab).codes)}


@cache
def _concept_iris(vocab: str) -> dict[str, str]:
    return {code: concept_iri(vocab, code) for code in _vocab.get(vocab).codes}


_DEFAULTS: dict[int, Any] = {}


def _default(plan: FieldPlan) -> Any:
    """The default of a field with a default factory, made once."""
    got = _DEFAULTS.get(id(plan))
    if got is None:
        got = _DEFAULTS[id(plan)] = plan.default_factory()
    return got


def _lexical(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


class _Builder:
    def __init__(self, base: str | None) -> None:
        self.base = base
        self.maps = plans()
        self.named: list[Node] = []

    def entity(self, obj: BaseModel) -> Node:
        cm = self.maps[type(obj)]
        iri = mint(self.base, cm.kind, getattr(obj, "id")) if cm.kind else None  # noqa: B009
        node = Node(iri, [cm.types[0]] if cm.types else [])
        vias: dict[str, Node] = {}
        hints: dict[str, list[Any]] = {}
        self.fill(node, obj, cm, vias, hints, "")
        for pred, lex, datatype in cm.constants:
            node.props.append((pred, (lex, datatype, None)))
        if type(obj) is Service:
            kind = obj.cost.kind
            if kind in ("free", "paid"):
                node.props.append((SDO + "isAccessibleForFree", ("true" if kind == "free" else "false", XSD + "boolean", None)))
        if type(obj) is LocalOffer and obj.website is not None:
            node.props.append((DCAT + "distribution", Node(None, [DCAT + "Distribution"], [
                (DCAT + "accessURL", self.url(obj.website)),
                (DCAT + "mediaType", "https://www.iana.org/assignments/media-types/text/html"),
            ])))
        for via, child in vias.items():
            node.props.append((VIAS[via][0], child))
        if hints:
            text = json.dumps(hints, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            node.props.append((SLO + "listOrder", (text, RDF_JSON, None)))
        return node

    def url(self, value: str) -> Union[str, Literal]:
        return value if safe_iri(value) else (value, _ANYURI, None)

    def value(self, plan: FieldPlan, value: Any) -> Union[str, Literal]:
        kind = plan.kind
        if kind == "lit":
            return (_lexical(value), plan.datatype, None)
        if kind == "concept":
            return _concept_iris(plan.vocab or "").get(value) or concept_iri(plan.vocab or "", value)
        if kind == "day":
            return DAY_IRIS[value]
        if kind == "url":
            return self.url(value)
        if kind == "ref":
            return mint(self.base, plan.ref or "", value)
        if kind in ("area", "gss"):
            return STATGEO + value if _GSS_SHAPE.match(value) else (value, None, None)
        if kind == "version":
            return f"{SCHEMA_BASE}{value}/local-offer.schema.json"
        if kind == "json":
            return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")), RDF_JSON, None)
        raise AssertionError(kind)

    def fill(self, node: Node, obj: BaseModel, cm: ClassMap, vias: dict[str, Node], hints: dict[str, list[Any]], prefix: str) -> None:
        props = node.props
        for plan in cm.fields:
            value = getattr(obj, plan.name)
            if value is None or ((plan.many or plan.kind == "json" or type(value) is str) and not value):
                continue
            if plan.kind == "flatten":
                self.fill(node, value, self.maps[type(value)], vias, hints, prefix + plan.name + ".")
                continue
            if plan.via is None:
                target = props
            else:
                via = vias.get(plan.via)
                if via is None:
                    via = vias[plan.via] = Node(None, [VIAS[plan.via][1]])
                target = via.props
            pred = plan.predicate
            if plan.kind == "node":
                if plan.many:
                    several = len(value) > 1
                    for i, item in enumerate(value, 1):
                        child = self.entity(item)
                        if several:
                            child.props.append((_POSITION, (str(i), _INT, None)))
                        target.append((pred, self.attach(child)))
                elif plan.default_factory is None or value != _default(plan):
                    target.append((pred, self.attach(self.entity(value))))
                continue
            if plan.many:
                if value != canonical_order(plan, value):
                    hints[prefix + plan.name] = [str(v) for v in value]
                for item in dict.fromkeys(value):
                    target.append((pred, self.value(plan, item)))
            else:
                target.append((pred, self.value(plan, value)))

    def attach(self, child: Node) -> Union[str, Node]:
        if child.iri is None:
            return child
        self.named.append(child)
        return child.iri


def build(offer: LocalOffer, base_iri: str | None = None) -> list[Node]:
    """The offer as top-level nodes: the dataset, then every thing with an IRI, in order."""
    return list(iter_nodes(offer, base_iri))


def iter_nodes(offer: LocalOffer, base_iri: str | None = None) -> Iterator[Node]:
    """The top-level nodes one at a time, so that writers stream: each service's nodes are
    built only when it is written."""
    base = check_base(base_iri) if base_iri else None
    b = _Builder(base)
    plan_of = {p.name: p for p in b.maps[LocalOffer].fields}
    whole = b.entity(offer.model_copy(update={k: [] for k in _PARTS}))
    for name in _PARTS:
        pred = plan_of[name].predicate
        for item in getattr(offer, name):
            whole.props.append((pred, mint(base, b.maps[type(item)].kind or "", item.id)))
    yield whole
    yield from b.named
    b.named.clear()
    for name in _PARTS:
        items = getattr(offer, name)
        several = len(items) > 1
        for i, item in enumerate(items, 1):
            node = b.entity(item)
            if several:
                node.props.append((_POSITION, (str(i), _INT, None)))
            yield node
            yield from b.named
            b.named.clear()
