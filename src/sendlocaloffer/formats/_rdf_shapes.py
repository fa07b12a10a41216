"""SHACL shapes generated from the model and the RDF mapping, so they cannot drift from
either, and pyshacl's results turned into findings.

Each model class becomes a ``sh:NodeShape``; each field a property shape whose constraints
come from the field itself: required (``sh:minCount 1``), single (``sh:maxCount 1``), its
datatype, its vocabulary (``sh:in`` the concept IRIs), and the limits in its JSON Schema
(length, pattern, range, minimum items). The offer, services, organisations and places are
targeted by class; everything else is reached through ``sh:node``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from .. import vocab as _vocab
from ..checks.findings import Finding, Severity, SourceLocation
from ..model import Eligibility, LocalOffer, Location, Organisation, Service
from ._rdf_map import VIAS, ClassMap, FieldPlan, plans
from ._rdf_terms import DAY_IRIS, PREFIXES, RDF_JSON, SCHEMA_BASE, SH, SLO, concept_iri, curie

if TYPE_CHECKING:
    import rdflib

__all__ = ["findings_from_results", "shapes_graph", "shapes_turtle"]

_TARGETS = {LocalOffer, Service, Organisation, Location}
_UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"

# Cross-field rules the model enforces in validators, which no field's type can say.
# SEND Code of Practice 4.32 / Children and Families Act 2014 s30: a minimum age not above the maximum.
_LESS_THAN_OR_EQUALS: dict[tuple[type[Any], str], str] = {(Eligibility, "min_age"): "max_age"}


@cache
def _offer_schema() -> dict[str, Any]:
    return LocalOffer.model_json_schema()


def _field_schema(cls: type[Any], name: str) -> dict[str, Any]:
    schema = _offer_schema() if cls is LocalOffer else _offer_schema()["$defs"].get(cls.__name__, {})
    prop: dict[str, Any] = dict(schema.get("properties", {}).get(name, {}))
    return prop


def _constraints(prop: dict[str, Any]) -> dict[str, Any]:
    """The limits a JSON Schema property sets, its ``null`` branch and list level folded away."""
    out: dict[str, Any] = {}
    if "minItems" in prop:
        out["minItems"] = prop["minItems"]
    node = prop.get("items", prop)
    branches = [b for b in node.get("anyOf", [node]) if b.get("type") != "null"]
    for b in branches:
        for key in ("maxLength", "minLength", "pattern", "minimum", "maximum", "format"):
            if key in b and key not in out:
                out[key] = b[key]
    return out


def _shape_iri(cls: type[Any]) -> str:
    return f"{SLO}{cls.__name__}Shape"


@cache
def _graph() -> rdflib.Graph:
    import rdflib
    from rdflib.collection import Collection

    sh = rdflib.Namespace(SH)
    g = rdflib.Graph()
    for prefix, ns in PREFIXES[:7]:
        g.bind(prefix, ns, override=True)
    g.bind("sh", SH)
    U, L = rdflib.URIRef, rdflib.Literal

    def add_list(items: list[Any]) -> Any:
        head = rdflib.BNode()
        Collection(g, head, items)
        return head

    def prop_shape(owner: str, plan: FieldPlan, cls: type[Any], order: int, single_ok: bool = True) -> Any:
        ps = U(f"{owner}-{plan.name}")
        info = cls.model_fields[plan.name]
        g.add((ps, sh.path, U(plan.predicate)))
        g.add((ps, sh.name, L(info.title or plan.name)))
        if info.description:
            g.add((ps, sh.description, L(info.description)))
        g.add((ps, sh.order, L(order)))
        c = _constraints(_field_schema(cls, plan.name))
        if plan.required and plan.via is None:
            g.add((ps, sh.minCount, L(1)))
        if c.get("minItems"):
            g.add((ps, sh.minCount, L(c["minItems"])))
        if not plan.many and single_ok:
            g.add((ps, sh.maxCount, L(1)))
        kind = plan.kind
        if kind == "lit":
            if plan.datatype:
                g.add((ps, sh.datatype, U(plan.datatype)))
            else:
                g.add((ps, sh.nodeKind, sh.Literal))
                if c.get("format") == "uuid":
                    g.add((ps, sh.pattern, L(_UUID)))
                elif "pattern" in c:
                    g.add((ps, sh.pattern, L(c["pattern"])))
            if "maxLength" in c:
                g.add((ps, sh.maxLength, L(c["maxLength"])))
            if "minimum" in c:
                g.add((ps, sh.minInclusive, L(c["minimum"])))
            if "maximum" in c:
                g.add((ps, sh.maxInclusive, L(c["maximum"])))
        elif kind == "concept":
            g.add((ps, sh["in"], add_list([U(concept_iri(plan.vocab or "", code)) for code in _vocab.get(plan.vocab or "").codes])))
        elif kind == "day":
            g.add((ps, sh["in"], add_list([U(DAY_IRIS[code]) for code in _vocab.get("weekdays").codes])))
        elif kind == "ref":
            g.add((ps, sh.nodeKind, sh.IRI))
        elif kind in ("url", "area"):
            g.add((ps, sh.nodeKind, sh.IRIOrLiteral))
            if kind == "url" and "pattern" in c:
                g.add((ps, sh.pattern, L(c["pattern"])))
        elif kind == "gss":
            g.add((ps, sh.nodeKind, sh.IRI))
        elif kind == "version":
            g.add((ps, sh.hasValue, U(f"{SCHEMA_BASE}1.0/local-offer.schema.json")))
        elif kind == "json":
            g.add((ps, sh.datatype, U(RDF_JSON)))
        elif kind == "node":
            assert plan.target is not None
            g.add((ps, sh.node, U(_shape_iri(plan.target))))
            g.add((ps, sh.nodeKind, sh.BlankNodeOrIRI))
        other = _LESS_THAN_OR_EQUALS.get((cls, plan.name))
        if other:
            pred = next(f.predicate for f in plans()[cls].fields if f.name == other)
            g.add((ps, sh.lessThanOrEquals, U(pred)))
        return ps

    def node_shape(cm: ClassMap) -> None:
        shape = U(_shape_iri(cm.cls))
        g.add((shape, rdflib.RDF.type, sh.NodeShape))
        g.add((shape, sh.name, L(cm.cls.__name__)))
        doc = (cm.cls.__doc__ or "").strip().splitlines()[0] if cm.cls.__doc__ else ""
        if doc:
            g.add((shape, sh.description, L(doc)))
        if cm.cls in _TARGETS:
            g.add((shape, sh.targetClass, U(cm.types[0])))
        order = 0
        via_shapes: dict[str, Any] = {}
        shared = {f.predicate for f in cm.fields if sum(1 for x in cm.fields if x.predicate == f.predicate) > 1}
        for plan in cm.fields:
            if plan.kind == "flatten":
                assert plan.target is not None
                for sub in plans()[plan.target].fields:
                    order += 1
                    g.add((shape, sh.property, prop_shape(str(shape), sub, plan.target, order)))
                continue
            if plan.predicate in shared:
                continue  # the offer's parts share dcterms:hasPart; each part's own shape targets it
            order += 1
            if plan.via is not None:
                pred, typ = VIAS[plan.via]
                via = via_shapes.get(plan.via)
                if via is None:
                    via = via_shapes[plan.via] = U(f"{SLO}{cm.cls.__name__}{typ.rsplit('/', 1)[-1]}Shape")
                    g.add((via, rdflib.RDF.type, sh.NodeShape))
                    link = U(f"{shape}-{plan.via}")
                    g.add((link, sh.path, U(pred)))
                    g.add((link, sh.node, via))
                    g.add((link, sh.maxCount, L(1)))
                    g.add((shape, sh.property, link))
                g.add((via, sh.property, prop_shape(str(via), plan, cm.cls, order)))
                continue
            g.add((shape, sh.property, prop_shape(str(shape), plan, cm.cls, order)))
        for pred, lex, datatype in cm.constants:
            ps = U(f"{shape}-{curie(pred).split(':')[-1]}")
            g.add((ps, sh.path, U(pred)))
            g.add((ps, sh.hasValue, L(lex, datatype=U(datatype) if datatype else None)))
            g.add((shape, sh.property, ps))

    for cm in plans().values():
        if cm.types:
            node_shape(cm)
    return g


def shapes_graph() -> rdflib.Graph:
    """The SHACL shapes as an rdflib graph (a copy: callers may change it)."""
    import rdflib

    g = rdflib.Graph()
    for t in _graph():
        g.add(t)
    for prefix, ns in _graph().namespaces():
        g.bind(prefix, ns, override=True)
    return g


def shapes_turtle() -> str:
    """``schemas/shapes.ttl``: the shapes in Turtle, the same bytes each time."""
    header = (
        "# SHACL shapes for the sendlocaloffer RDF mapping, generated from the model by\n"
        "# `python -m sendlocaloffer.formats._rdf_artefacts`: do not edit by hand.\n"
    )
    return header + _graph().serialize(format="turtle")


# --- pyshacl results as findings -------------------------------------------------------------

_SEVERITY = {SH + "Violation": Severity.ERROR, SH + "Warning": Severity.WARNING, SH + "Info": Severity.INFO}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def findings_from_results(results: rdflib.Graph, name: str, index: Mapping[str, Any] | None = None) -> list[Finding]:
    """One finding per ``sh:ValidationResult``, naming the focus node (for a blank node, the
    nearest subject with an IRI that leads to it) and the field's title."""
    import rdflib

    sh = rdflib.Namespace(SH)
    parents: dict[str, str] = {}
    if index:
        for s, props in index.items():
            for objs in props.values():
                for o in objs:
                    if isinstance(o, str) and o.startswith("_:"):
                        parents[o] = s
    shapes = _graph()

    def named(node: Any) -> str:
        key = "_:" + str(node) if isinstance(node, rdflib.BNode) else str(node)
        seen = 0
        while key.startswith("_:") and key in parents and seen < 64:
            key = parents[key]
            seen += 1
        return key if not key.startswith("_:") else ""

    out: list[Finding] = []
    for result in sorted(results.subjects(rdflib.RDF.type, sh.ValidationResult), key=str):
        focus = results.value(result, sh.focusNode)
        path = results.value(result, sh.resultPath)
        component = str(results.value(result, sh.sourceConstraintComponent) or "")
        source = results.value(result, sh.sourceShape)
        message = str(results.value(result, sh.resultMessage) or "does not conform")
        value = results.value(result, sh.value)
        severity = _SEVERITY.get(str(results.value(result, sh.resultSeverity)), Severity.ERROR)
        title = shapes.value(source, sh.name) if source is not None else None
        field = f"{title} ({curie(str(path))})" if title and path is not None else curie(str(path)) if path is not None else "the node"
        local = component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
        subject = named(focus)
        where = f"<{subject}>" if subject else "a blank node"
        out.append(Finding(
            code=f"shacl.{_snake(local) or 'violation'}",
            severity=severity,
            message=f"{field} of {where}: {message}",
            location=SourceLocation(file=name, subject=subject or None),
            citation="sendlocaloffer SHACL shapes (schemas/shapes.ttl)",
            value=str(value)[:80] if value is not None else None,
        ))
    return out


