"""Reading RDF safely into an index of subjects, and from the index back into the model.

Parsing refuses before it starts what could reach outside or explode: any DOCTYPE in RDF/XML
(entity expansion, external entities; rdflib's parser hangs for minutes on the first), and
any JSON-LD ``@context`` other than the shipped one or an inline object (a remote or file
context, as a string, in an array, scoped, or through ``@import``: rdflib 7.6 would fetch or
open it). Syntax errors come back as one :class:`~sendlocaloffer.errors.ReadError` naming the
file and line. pyoxigraph (installed with oxrdflib) parses when present, rdflib otherwise.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

from .. import _json
from ..checks.findings import Finding, Severity, SourceLocation, pointer
from ..errors import ReadError, UnsafeInputError
from ._rdf_build import canonical_order
from ._rdf_map import DERIVED, VIAS, ClassMap, FieldPlan, plans
from ._rdf_terms import (
    DAY_CODES,
    DCAT,
    DCT,
    RDF_TYPE,
    SDO,
    SDO_HTTP,
    SKOS,
    SLO,
    STATGEO,
    VOCAB,
    XSD,
    Term,
    code_of,
    curie,
    id_from_iri,
)

__all__ = ["Index", "index_from_graph", "parse", "to_data"]

Index = dict[str, dict[str, list[Term]]]

_XSD_STRING = XSD + "string"
_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_POSITION = SDO + "position"
_LIST_ORDER = SLO + "listOrder"
_IDENT = DCT + "identifier"
_DATASET = DCAT + "Dataset"


def _location(name: str, line: int | None = None, column: int | None = None) -> SourceLocation:
    return SourceLocation(file=name, line=line, column=column)


# --- safety checks before any parser sees the input --------------------------------------

_DOCTYPE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _xml_text(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ReadError(f"the RDF/XML is not UTF-8 (byte {exc.start}); save it as UTF-8",
                            location=_location(name, line)) from None
    m = _DOCTYPE.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise UnsafeInputError(
            f"the RDF/XML has a <!{m.group(1).upper()}> declaration; entities are refused because they can expand "
            "without limit or read other files: remove the DOCTYPE",
            location=_location(name, line),
        )
    return text


def _check_contexts(doc: Any, name: str, text: str, allowed: str, inline: dict[str, Any]) -> Any:
    """Replace each reference to the shipped context by its content; refuse any other context
    that is not an inline object, wherever it is (top level, nested, scoped, ``@import``)."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(doc, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(node))
            continue
        if not isinstance(node, dict):
            continue
        for key, value in list(node.items()):
            if key == "@context":
                node[key] = _one_context(value, name, text, (*path, key), allowed, inline)
            elif key == "@import":
                _refuse(f"@import of {value!r}", name, text, (*path, key))
            stack.append((node[key], (*path, key)))
    return doc


def _one_context(value: Any, name: str, text: str, path: tuple[str | int, ...], allowed: str, inline: dict[str, Any]) -> Any:
    if value is None or isinstance(value, dict):
        return value
    if isinstance(value, str):
        if value == allowed:
            return inline
        _refuse(f"the context {value!r}", name, text, path)
    if isinstance(value, list):
        return [_one_context(v, name, text, (*path, i), allowed, inline) for i, v in enumerate(value)]
    _refuse(f"the context {value!r}", name, text, path)
    raise AssertionError


def _refuse(what: str, name: str, text: str, path: tuple[str | int, ...]) -> None:
    ptr = pointer(path)
    hit = _json.locate(text, [ptr]).get(ptr)
    line = col = None
    if hit is not None:
        line, col = _json.line_col(text, [hit[0]])[hit[0]]
    raise UnsafeInputError(
        f"JSON-LD {what} would be fetched or opened; only the sendlocaloffer context or an inline context object "
        "is read: replace it with the context's content",
        location=_location(name, line, col), path=ptr,
    )


# --- parsing into the index ------------------------------------------------------------


def _syntax_error(exc: SyntaxError, name: str, fmt: str) -> ReadError:
    msg = str(exc.msg if hasattr(exc, "msg") else exc)
    msg = re.sub(r"^Parser error at line \d+ (?:between columns \d+ and \d+|column \d+): ", "", msg)
    return ReadError(f"not valid {fmt}: {msg}", location=_location(name, exc.lineno, exc.offset))


_OX_FORMATS = {"ntriples": "N_TRIPLES", "turtle": "TURTLE", "rdfxml": "RDF_XML", "jsonld": "JSON_LD"}
_RDFLIB_FORMATS = {"ntriples": "nt", "turtle": "turtle", "rdfxml": "xml", "jsonld": "json-ld"}
_LABELS = {"ntriples": "N-Triples", "turtle": "Turtle", "rdfxml": "RDF/XML", "jsonld": "JSON-LD"}


def prepare(data: bytes, fmt: str, name: str) -> bytes:
    """The input made safe to hand to a parser, or a ReadError."""
    if fmt == "rdfxml":
        _xml_text(data, name)
        return data
    if fmt == "jsonld":
        from ._rdf_write import CONTEXT_IRI, jsonld_context

        text = _json.decode(data, name)
        doc = _json.loads(text, name)
        doc = _check_contexts(doc, name, text, CONTEXT_IRI, jsonld_context()["@context"])
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    return data


def parse(data: bytes, fmt: str, name: str, *, use_oxigraph: bool | None = None) -> tuple[Index, list[Finding]]:
    """The triples of ``data`` as an index: subject -> predicate -> objects."""
    data = prepare(data, fmt, name)
    ox: Any = None
    if use_oxigraph is not False:
        try:
            import pyoxigraph as ox
        except ImportError:
            ox = None
    if ox is not None:
        return _index_oxigraph(ox, data, fmt, name)
    graph = _parse_rdflib(data, fmt, name)
    return index_from_graph(graph, name)


def _index_oxigraph(ox: Any, data: bytes, fmt: str, name: str) -> tuple[Index, list[Finding]]:
    index: Index = {}
    named, blank = ox.NamedNode, ox.BlankNode
    http_schema = 0
    try:
        for q in ox.parse(data, getattr(ox.RdfFormat, _OX_FORMATS[fmt])):
            s, p, o = q.subject, q.predicate.value, q.object
            sk = s.value if type(s) is named else "_:" + s.value if type(s) is blank else None
            if sk is None:
                continue
            t = type(o)
            ov: Term
            if t is named:
                ov = o.value
            elif t is blank:
                ov = "_:" + o.value
            elif t is ox.Literal:
                d = o.datatype.value
                ov = (o.value, None if d in (_XSD_STRING, _LANGSTRING) else d, o.language)
            else:
                continue
            if p.startswith(SDO_HTTP):
                p = SDO + p[len(SDO_HTTP):]
                http_schema += 1
            if p == RDF_TYPE and type(ov) is str and ov.startswith(SDO_HTTP):
                ov = SDO + ov[len(SDO_HTTP):]
                http_schema += 1
            d_ = index.get(sk)
            if d_ is None:
                d_ = index[sk] = {}
            v = d_.get(p)
            if v is None:
                d_[p] = [ov]
            else:
                v.append(ov)
    except SyntaxError as exc:
        raise _syntax_error(exc, name, _LABELS[fmt]) from None
    except RecursionError:
        raise ReadError(f"not valid {_LABELS[fmt]}: nested too deeply to read", location=_location(name)) from None
    return index, _http_schema_findings(http_schema, name)


def _http_schema_findings(count: int, name: str) -> list[Finding]:
    if not count:
        return []
    return [Finding(
        code="rdf.http_schema_org", severity=Severity.WARNING,
        message=f"{count} term(s) use http://schema.org/; they were read as https://schema.org/, the namespace "
                "schema.org and the shapes use: write https://schema.org/",
        location=_location(name),
    )]


# RDF 1.1 N-Triples ECHAR and UCHAR: the only escapes there are. rdflib lets others through.
_NT_ESCAPE = re.compile(rb"\\(?:[tbnrf\"'\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|(.|$))", re.DOTALL)


def _check_nt_escapes(data: bytes, name: str) -> None:
    for m in _NT_ESCAPE.finditer(data):
        if m.group(1) is not None:
            line = data.count(b"\n", 0, m.start()) + 1
            column = m.start() - data.rfind(b"\n", 0, m.start())
            raise ReadError(f"not valid N-Triples: {m.group(0).decode('utf-8', 'replace')!r} is not an escape "
                            "(use \\t, \\n, \\r, \\\", \\\\ or \\uXXXX)",
                            location=_location(name, line, column))


def _parse_rdflib(data: bytes, fmt: str, name: str) -> Any:
    import rdflib
    from rdflib.plugins.parsers.notation3 import BadSyntax

    if fmt == "ntriples":
        _check_nt_escapes(data, name)

    graph = rdflib.Graph()
    try:
        graph.parse(data=data, format=_RDFLIB_FORMATS[fmt])
    except BadSyntax as exc:
        raise ReadError(f"not valid {_LABELS[fmt]}: {exc.message}", location=_location(name, exc.lines + 1)) from None
    except RecursionError:
        raise ReadError(f"not valid {_LABELS[fmt]}: nested too deeply to read", location=_location(name)) from None
    except Exception as exc:  # rdflib's parsers raise many kinds; each is a syntax error here
        line = getattr(exc, "lineno", None) or getattr(exc, "line", None)
        text = " ".join(str(exc).split())[:300]
        raise ReadError(f"not valid {_LABELS[fmt]}: {text}", location=_location(name, line if isinstance(line, int) else None)) from None
    return graph


def index_from_graph(graph: Iterable[Any], name: str | None = None) -> tuple[Index, list[Finding]]:
    """The index of an rdflib graph (or any iterable of rdflib triples)."""
    from rdflib import BNode, URIRef
    from rdflib import Literal as RLiteral

    index: Index = {}
    http_schema = 0
    for s, p, o in graph:
        sk = str(s) if isinstance(s, URIRef) else "_:" + str(s) if isinstance(s, BNode) else None
        if sk is None:
            continue
        ov: Term
        if isinstance(o, URIRef):
            ov = str(o)
        elif isinstance(o, BNode):
            ov = "_:" + str(o)
        elif isinstance(o, RLiteral):
            d = str(o.datatype) if o.datatype is not None else None
            ov = (str(o), None if d in (_XSD_STRING, _LANGSTRING) else d, o.language)
        else:
            continue
        pk = str(p)
        if pk.startswith(SDO_HTTP):
            pk = SDO + pk[len(SDO_HTTP):]
            http_schema += 1
        if pk == RDF_TYPE and isinstance(ov, str) and ov.startswith(SDO_HTTP):
            ov = SDO + ov[len(SDO_HTTP):]
            http_schema += 1
        index.setdefault(sk, {}).setdefault(pk, []).append(ov)
    return index, _http_schema_findings(http_schema, name or "<graph>")


# --- from the index to the model's plain data ---------------------------------------------

_SKIP_TYPES = {SKOS + "Concept", SKOS + "ConceptScheme", DCAT + "Distribution"}
_VERSION = re.compile(r"/schemas/([^/]+)/local-offer\.schema\.json$")
_PARTS = ("organisations", "locations", "services")


class _Walker:
    def __init__(self, index: Index, name: str) -> None:
        self.index = index
        self.name = name
        self.maps = plans()
        self.findings: list[Finding] = []
        self.visited: set[str] = set()
        self.where: dict[str, str] = {}

    def finding(self, code: str, message: str, subject: str, severity: Severity = Severity.WARNING, path: str = "") -> None:
        self.findings.append(Finding(code=code, severity=severity, message=message, path=path,
                                     location=SourceLocation(file=self.name, subject=subject)))

    def types(self, subject: str) -> list[str]:
        return [t for t in self.index.get(subject, {}).get(RDF_TYPE, ()) if isinstance(t, str)]

    def offer(self) -> dict[str, Any] | None:
        datasets = sorted(s for s, props in self.index.items() if _DATASET in props.get(RDF_TYPE, ()))
        if not datasets:
            self.findings.append(Finding(
                code="rdf.no_dataset", severity=Severity.ERROR,
                message="the graph has no dcat:Dataset, so there is no offer to read: describe the offer as a dcat:Dataset "
                        "with dcterms:identifier, dcterms:title and dcterms:publisher",
                location=SourceLocation(file=self.name)))
            return None
        for extra in datasets[1:]:
            self.finding("rdf.many_datasets", "the graph has more than one dcat:Dataset; only the first (by IRI) was read", extra)
        subject = datasets[0]
        data = self.node(subject, self.maps[type_of("LocalOffer")], [], subject)
        # Services, organisations and places that no dataset links to are still read (hand-written graphs).
        for field in _PARTS:
            cm = self.maps[type_of({"organisations": "Organisation", "locations": "Location", "services": "Service"}[field])]
            loose = sorted(s for s, props in self.index.items() if s not in self.visited
                           and any(t in cm.types for t in props.get(RDF_TYPE, ()))
                           and not (field == "organisations" and self._is_publisher(s)))
            if loose:
                items = data.setdefault(field, [])
                for s in loose:
                    items.append(self.node(s, cm, [field, len(items)], s))
        for s in sorted(self.index):
            if s in self.visited or any(t in _SKIP_TYPES for t in self.types(s)):
                continue
            self.finding("rdf.unreached", f"{self.label(s)} is not part of the offer (no service, organisation, place or "
                         "offer links to it): it was left out", s if not s.startswith("_:") else "")
        return data

    def _is_publisher(self, s: str) -> bool:
        return any(s in props.get(DCT + "publisher", ()) for props in self.index.values())

    def label(self, s: str) -> str:
        return f"<{s}>" if not s.startswith("_:") else "a blank node"

    def node(self, subject: str, cm: ClassMap, path: list[str | int], label: str) -> dict[str, Any]:
        self.visited.add(subject)
        self.where[pointer(path)] = label
        props = self.index.get(subject, {})
        used: dict[str, set[str]] = {subject: {RDF_TYPE, _POSITION, _LIST_ORDER, *DERIVED, *(c[0] for c in cm.constants)}}
        hints: dict[str, Any] = {}
        for h in props.get(_LIST_ORDER, ()):
            if isinstance(h, tuple):
                try:
                    loaded = json.loads(h[0])
                except (ValueError, RecursionError):
                    loaded = None
                if isinstance(loaded, dict):
                    hints.update(loaded)
        vias: dict[str, list[tuple[str, dict[str, list[Term]]]]] = {}
        for via, (pred, _) in VIAS.items():
            for o in props.get(pred, ()):
                if isinstance(o, str):
                    self.visited.add(o)
                    vias.setdefault(via, []).append((o, self.index.get(o, {})))
                    used.setdefault(o, {RDF_TYPE})
            if via in vias:
                used[subject].add(pred)
        out: dict[str, Any] = {}
        self.fill(out, subject, props, cm, path, label, used, vias, hints, "")
        if cm.kind and "id" not in out:
            out["id"] = id_from_iri(subject) if not subject.startswith("_:") else id_from_iri("urn:x-blank:" + label)
        if cm.cls.__name__ == "Service":
            self._cost_from_free(out, props)
        for s, done in used.items():
            for pred in self.index.get(s, {}):
                if pred not in done:
                    on = "" if s == subject else " (on its " + ", ".join(curie(t) for t in self.types(s)) + ")"
                    self.finding("rdf.unplaced", f"{curie(pred)} of {label}{on} has no place in the model: it was left out",
                                 label, path=pointer(path))
        return out

    def _cost_from_free(self, out: dict[str, Any], props: dict[str, list[Term]]) -> None:
        free = props.get(SDO + "isAccessibleForFree")
        if free and isinstance(free[0], tuple) and "kind" not in out.get("cost", {}):
            out.setdefault("cost", {})["kind"] = "free" if free[0][0] in ("true", "1") else "paid"

    def fill(self, out: dict[str, Any], subject: str, props: dict[str, list[Term]], cm: ClassMap, path: list[str | int],
             label: str, used: dict[str, set[str]], vias: dict[str, list[tuple[str, dict[str, list[Term]]]]],
             hints: dict[str, Any], prefix: str) -> None:
        shared = _shared_predicates(cm)
        for plan in cm.fields:
            if plan.kind == "flatten":
                sub: dict[str, Any] = {}
                assert plan.target is not None
                self.fill(sub, subject, props, self.maps[plan.target], [*path, plan.name], label, used, vias, hints,
                          prefix + plan.name + ".")
                if sub:
                    out[plan.name] = sub
                continue
            values: list[Term] = []
            if plan.via is None:
                values = props.get(plan.predicate, [])
                if values:
                    used[subject].add(plan.predicate)
            else:
                for vs, vprops in vias.get(plan.via, ()):
                    got = vprops.get(plan.predicate)
                    if got:
                        values = values + got
                        used[vs].add(plan.predicate)
            if not values:
                continue
            fpath = [*path, plan.name]
            if plan.kind == "node":
                assert plan.target is not None
                tcm = self.maps[plan.target]
                objs = [o for o in values if isinstance(o, str)]
                if plan.predicate in shared:
                    objs = [o for o in objs if any(t in tcm.types for t in self.types(o))]
                for o in values:
                    if not isinstance(o, str):
                        self.finding("rdf.not_a_node", f"{curie(plan.predicate)} of {label} should point at a "
                                     f"{curie(tcm.types[0]) if tcm.types else 'node'}, not the text {o[0]!r}: it was left out",
                                     label, path=pointer(fpath))
                objs = sorted(objs, key=lambda o: (self._position(o), o if not o.startswith("_:") else ""))
                if plan.many:
                    out[plan.name] = [
                        self.node(o, tcm, [*fpath, i], o if not o.startswith("_:") else f"{label} {curie(plan.predicate)}")
                        for i, o in enumerate(objs)
                    ]
                elif objs:
                    if len(objs) > 1:
                        self._many(plan, label, fpath)
                    o = objs[0]
                    out[plan.name] = self.node(o, tcm, fpath, o if not o.startswith("_:") else f"{label} {curie(plan.predicate)}")
                continue
            converted = [v for v in (self.value(plan, o, label, fpath) for o in values) if v is not None]
            if not converted:
                continue
            if plan.many:
                hint = hints.get(prefix + plan.name)
                if isinstance(hint, list) and set(map(str, hint)) == set(map(str, converted)):
                    out[plan.name] = hint
                else:
                    out[plan.name] = canonical_order(plan, converted)
            else:
                if len(set(map(str, converted))) > 1:
                    self._many(plan, label, fpath)
                    converted.sort(key=str)
                out[plan.name] = converted[0]

    def _many(self, plan: FieldPlan, label: str, fpath: list[str | int]) -> None:
        self.finding("rdf.many_values", f"{curie(plan.predicate)} of {label} has more than one value but the model takes one: "
                     "the first was read; remove the others", label, path=pointer(fpath))

    def _position(self, subject: str) -> int:
        for v in self.index.get(subject, {}).get(_POSITION, ()):
            if isinstance(v, tuple):
                try:
                    return int(v[0])
                except ValueError:
                    return 1 << 30
        return 1 << 30

    def value(self, plan: FieldPlan, o: Term, label: str, fpath: list[str | int]) -> Any:
        kind = plan.kind
        if isinstance(o, tuple):
            lex = o[0]
            if kind == "lit" and plan.datatype == XSD + "boolean":
                return {"true": True, "1": True, "false": False, "0": False}.get(lex.strip(), lex)
            if kind == "json":
                try:
                    return json.loads(lex)
                except (ValueError, RecursionError):
                    self.finding("rdf.bad_json", f"{curie(plan.predicate)} of {label} is not JSON: it was left out", label,
                                 path=pointer(fpath))
                    return None
            if kind == "version":
                return lex
            return lex
        if o.startswith("_:"):
            self.finding("rdf.not_a_value", f"{curie(plan.predicate)} of {label} should be a value, not a blank node: "
                         "it was left out", label, path=pointer(fpath))
            return None
        if kind == "concept":
            code = code_of(plan.vocab or "", o)
            if code is None:
                self.finding("rdf.not_a_concept", f"<{o}> is not a concept of the {plan.vocab} vocabulary "
                             f"({VOCAB}{plan.vocab}/...): it was left out", label, path=pointer(fpath))
            return code
        if kind == "day":
            return DAY_CODES.get(o) or code_of("weekdays", o) or o
        if kind == "ref":
            props = self.index.get(o, {})
            for v in props.get(_IDENT, ()):
                if isinstance(v, tuple):
                    return v[0]
            return id_from_iri(o)
        if kind in ("area", "gss"):
            return unquote(o[len(STATGEO):]) if o.startswith(STATGEO) else o
        if kind == "version":
            m = _VERSION.search(o)
            return m.group(1) if m else o
        return o


def _shared_predicates(cm: ClassMap) -> set[str]:
    seen: set[str] = set()
    shared: set[str] = set()
    for f in cm.fields:
        if f.predicate in seen:
            shared.add(f.predicate)
        seen.add(f.predicate)
    return shared


def type_of(name: str) -> Any:
    from .. import model

    return getattr(model, name)


def to_data(index: Index, name: str) -> tuple[dict[str, Any] | None, list[Finding], dict[str, str]]:
    """The offer's plain data from an index, the findings, and where each JSON pointer came from."""
    walker = _Walker(index, name)
    data = walker.offer()
    return data, walker.findings, walker.where
