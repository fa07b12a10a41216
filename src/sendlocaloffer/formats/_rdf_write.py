"""Serialisers for the nodes :mod:`._rdf_build` makes: N-Triples, Turtle, JSON-LD, RDF/XML.

Written here rather than through rdflib because rdflib must first build a graph (about 45,000
triples a second) and its Turtle serialiser grows faster than linearly; these write each
top-level node as it is built, so memory stays flat and time linear. Output is deterministic:
nodes in the offer's order, blank node labels numbered in writing order.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any, BinaryIO

from .._io import Target, atomic_path
from ..errors import FormatError
from ._rdf_map import DERIVED, VIAS, plans
from ._rdf_terms import DCAT, PREFIXES, RDF, RDF_TYPE, SDO, XSD, Literal, Node

__all__ = ["CONTEXT_IRI", "jsonld_context", "open_sink", "write_jsonld", "write_ntriples", "write_rdfxml", "write_turtle"]

#: The IRI the JSON-LD output names its context by; readers substitute the shipped copy.
CONTEXT_IRI = "https://sendlocaloffer.org/ns/context.jsonld"

_INT = XSD + "integer"
_BOOL = XSD + "boolean"
_CHUNK = 1 << 16

# --- escaping (N-Triples and Turtle share ECHAR and UCHAR: RDF 1.1 N-Triples section 2.4) --

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group(0)
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


def escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(_escape_char, text) if _NEEDS_ESCAPE.search(text) else text


@contextlib.contextmanager
def open_sink(target: Target) -> Iterator[Callable[[str], Any]]:
    """A function that writes text as UTF-8 to ``target``: a path (atomically) or a binary stream."""
    if isinstance(target, (str, os.PathLike)):
        with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as fh:
            yield fh.write
    else:
        stream: BinaryIO = target
        wrapper = io.TextIOWrapper(stream, encoding="utf-8", newline="\n", write_through=True)
        try:
            yield wrapper.write
            wrapper.flush()
        finally:
            wrapper.detach()


def _batched(write: Callable[[str], Any]) -> tuple[list[str], Callable[[], None]]:
    parts: list[str] = []

    def flush() -> None:
        if parts:
            write("".join(parts))
            parts.clear()

    return parts, flush


# --- N-Triples ------------------------------------------------------------------------------


def _nt_literal(o: Literal) -> str:
    lex, datatype, lang = o
    if lang:
        return f'"{escape(lex)}"@{lang}'
    if datatype:
        return f'"{escape(lex)}"^^<{datatype}>'
    return f'"{escape(lex)}"'


def write_ntriples(nodes: Iterable[Node], write: Callable[[str], Any]) -> None:
    """One triple a line, written as the nodes come."""
    parts, flush = _batched(write)
    counter = [0]
    out = parts.append

    def emit(node: Node, subject: str) -> None:
        for t in node.types:
            out(f"{subject} <{RDF_TYPE}> <{t}> .\n")
        for pred, obj in node.props:
            if type(obj) is str:
                out(f"{subject} <{pred}> <{obj}> .\n")
            elif type(obj) is tuple:
                out(f"{subject} <{pred}> {_nt_literal(obj)} .\n")
            else:
                assert isinstance(obj, Node)
                label = f"_:b{counter[0]}"
                counter[0] += 1
                out(f"{subject} <{pred}> {label} .\n")
                emit(obj, label)

    for node in nodes:
        if node.iri is None:
            label = f"_:b{counter[0]}"
            counter[0] += 1
            emit(node, label)
        else:
            emit(node, f"<{node.iri}>")
        if len(parts) > 2048:
            flush()
    flush()


# --- Turtle ---------------------------------------------------------------------------------

_PN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*(?:[.][A-Za-z0-9_\-]+)*|[A-Za-z_][A-Za-z0-9_\-%]*")
_PERCENT_OK = re.compile(r"(?:[^%]|%[0-9A-Fa-f]{2})*")
_TURTLE_INT = re.compile(r"[+-]?[0-9]+")


@cache
def _qname(iri: str) -> str | None:
    best: tuple[str, str] | None = None
    for prefix, ns in PREFIXES:
        if iri.startswith(ns) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    if best is None:
        return None
    local = iri[len(best[1]):]
    if local and _PN_LOCAL.fullmatch(local) and _PERCENT_OK.fullmatch(local):
        return f"{best[0]}:{local}"
    return None


def _ttl_iri(iri: str) -> str:
    if iri.startswith("urn:"):
        return f"<{iri}>"
    return _qname(iri) or f"<{iri}>"


def _ttl_literal(o: Literal) -> str:
    lex, datatype, lang = o
    if lang:
        return f'"{escape(lex)}"@{lang}'
    if datatype is None:
        return f'"{escape(lex)}"'
    if datatype == _INT and _TURTLE_INT.fullmatch(lex):
        return lex
    if datatype == _BOOL and lex in ("true", "false"):
        return lex
    return f'"{escape(lex)}"^^{_ttl_iri(datatype)}'


def turtle_prefixes() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES)


def write_turtle(nodes: Iterable[Node], write: Callable[[str], Any]) -> None:
    """Prefixes, then one block per subject, blank nodes nested in ``[ ]`` where they are used."""
    parts, flush = _batched(write)
    out = parts.append
    out(turtle_prefixes())

    def body(node: Node, indent: str) -> str:
        segs: list[str] = []
        if node.types:
            segs.append("a " + ", ".join(_ttl_iri(t) for t in node.types))
        props = node.props
        i, n = 0, len(props)
        inner = indent + "    "
        while i < n:
            pred = props[i][0]
            objs: list[str] = []
            while i < n and props[i][0] == pred:
                obj = props[i][1]
                if type(obj) is str:
                    objs.append(_ttl_iri(obj))
                elif type(obj) is tuple:
                    objs.append(_ttl_literal(obj))
                else:
                    assert isinstance(obj, Node)
                    text = body(obj, inner)
                    objs.append(f"[\n{inner}{text}\n{indent}]" if text else "[]")
                i += 1
            segs.append(_ttl_iri(pred) + " " + ", ".join(objs))
        return (" ;\n" + indent).join(segs)

    for node in nodes:
        out(f"\n{_ttl_iri(node.iri)}\n    " if node.iri is not None else "\n[]\n    ")
        out(body(node, "    "))
        out(" .\n")
        if len(parts) > 4096:
            flush()
    flush()


# --- JSON-LD ------------------------------------------------------------------------------


@cache
def _terms() -> tuple[dict[str, str], dict[str, str | None], dict[str, str]]:
    """Predicate IRI -> term, predicate IRI -> type coercion, type IRI -> term."""
    kinds: dict[str, set[str]] = {}
    types_: list[str] = [DCAT + "Distribution"]
    order: list[str] = []

    def note(pred: str, kind: str) -> None:
        if pred not in kinds:
            kinds[pred] = set()
            order.append(pred)
        kinds[pred].add(kind)

    for cm in plans().values():
        types_.extend(cm.types)
        for f in cm.fields:
            if not f.predicate:
                continue
            if f.kind in ("concept", "day", "ref", "version", "node", "url", "area", "gss"):
                note(f.predicate, "@id")
            elif f.kind == "json":
                note(f.predicate, RDF + "JSON")
            else:
                note(f.predicate, f.datatype or "")
        for pred, _, datatype in cm.constants:
            note(pred, datatype or "")
    for pred, typ in VIAS.values():
        note(pred, "@id")
        types_.append(typ)
    note(DCAT + "accessURL", "@id")
    note(DCAT + "mediaType", "@id")
    for pred in DERIVED:
        note(pred, {SDO + "isAccessibleForFree": _BOOL, SDO + "position": _INT}.get(pred, "@id" if pred.startswith(DCAT) else ""))
    rank = {ns: i for i, ns in enumerate((SDO, "https://sendlocaloffer.org/ns#", "http://purl.org/dc/terms/", DCAT))}

    def ns_rank(iri: str) -> int:
        return next((r for ns, r in rank.items() if iri.startswith(ns)), 9)

    taken = {p for p, _ in PREFIXES} | {"@context"}
    term_of: dict[str, str] = {}
    for iri in sorted(order, key=lambda i: (ns_rank(i), order.index(i))):
        prefix, ns = next((p, n) for p, n in PREFIXES if iri.startswith(n))
        local = iri[len(ns):]
        term = local if local not in taken else prefix + local[:1].upper() + local[1:]
        taken.add(term)
        term_of[iri] = term
    coerce: dict[str, str | None] = {}
    for iri, ks in kinds.items():
        ks = ks - {_BOOL, _INT, ""} if ks <= {_BOOL, _INT, ""} else ks
        coerce[iri] = next(iter(ks)) if len(ks) == 1 and next(iter(ks)) not in ("", _BOOL, _INT, RDF + "JSON") else None
    type_term: dict[str, str] = {}
    for iri in dict.fromkeys(types_):
        prefix, ns = next((p, n) for p, n in PREFIXES if iri.startswith(n))
        local = iri[len(ns):]
        term = local if local not in taken else prefix + local
        taken.add(term)
        type_term[iri] = term
    return term_of, coerce, type_term


def _compact(iri: str) -> str:
    """A compact IRI for a JSON-LD value: ``needs:ASD``, or the IRI itself."""
    q = _qname(iri) if not iri.startswith("urn:") else None
    return q or iri


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context shipped as ``schemas/context.jsonld``, generated from the mapping."""
    term_of, coerce, type_term = _terms()
    ctx: dict[str, Any] = {p: ns for p, ns in PREFIXES}
    for iri, term in type_term.items():
        ctx[term] = _compact(iri)
    for iri, term in term_of.items():
        c = coerce[iri]
        ctx[term] = {"@id": _compact(iri), "@type": _compact(c) if c != "@id" else "@id"} if c else _compact(iri)
    return {"@context": ctx}


def _jsonld_node(node: Node) -> dict[str, Any]:
    term_of, coerce, type_term = _terms()
    out: dict[str, Any] = {}
    if node.iri is not None:
        out["@id"] = node.iri
    if node.types:
        ts = [type_term.get(t, t) for t in node.types]
        out["@type"] = ts[0] if len(ts) == 1 else ts
    for pred, obj in node.props:
        term = term_of.get(pred) or pred
        c = coerce.get(pred)
        value: Any
        if type(obj) is str:
            value = _compact(obj) if c == "@id" else {"@id": obj}
        elif type(obj) is tuple:
            lex, datatype, lang = obj
            if lang:
                value = {"@value": lex, "@language": lang}
            elif datatype is None:
                value = lex if c is None else {"@value": lex}
            elif datatype == c:
                value = lex
            elif datatype == _BOOL and c is None and lex in ("true", "false"):
                value = lex == "true"
            elif datatype == _INT and c is None and _TURTLE_INT.fullmatch(lex) and str(int(lex)) == lex:
                value = int(lex)
            else:
                value = {"@value": lex, "@type": _compact(datatype)}
        else:
            assert isinstance(obj, Node)
            value = _jsonld_node(obj)
        have = out.get(term)
        if have is None:
            out[term] = value
        elif isinstance(have, list):
            have.append(value)
        else:
            out[term] = [have, value]
    return out


def write_jsonld(nodes: Iterable[Node], write: Callable[[str], Any], *, inline_context: bool = False) -> None:
    """A compact JSON-LD document: the context (by its IRI, or inline) and a ``@graph`` of
    nodes, blank nodes nested where they are used."""
    context: Any = jsonld_context()["@context"] if inline_context else CONTEXT_IRI
    head = json.dumps({"@context": context}, indent=2, ensure_ascii=False)
    write(head[:-2] + ',\n  "@graph": [')
    first = True
    for node in nodes:
        text = json.dumps(_jsonld_node(node), indent=2, ensure_ascii=False)
        write(("\n    " if first else ",\n    ") + text.replace("\n", "\n    "))
        first = False
    write("\n  ]\n}\n")


# --- RDF/XML --------------------------------------------------------------------------------

_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str, where: str) -> str:
    if _XML_BAD.search(text):
        raise FormatError(
            f"{where}: the text holds a control character that XML 1.0 cannot carry; remove it, or write Turtle or N-Triples"
        )
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _xml_attr(text: str, where: str) -> str:
    return _xml_text(text, where).replace('"', "&quot;")


def write_rdfxml(nodes: Iterable[Node], write: Callable[[str], Any]) -> None:
    """RDF/XML with one ``rdf:Description`` per subject and blank nodes nested with
    ``rdf:parseType="Resource"``."""
    parts, flush = _batched(write)
    out = parts.append
    out('<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF')
    for p, ns in PREFIXES:
        out(f'\n    xmlns:{p}="{ns}"')
    out(">\n")

    def qname(iri: str) -> str:
        q = _qname(iri)
        if q is None or "%" in q or "." in q:
            raise FormatError(f"the predicate <{iri}> has no XML name; write Turtle or N-Triples")
        return q

    def body(node: Node, indent: str, where: str) -> None:
        for t in node.types:
            out(f'{indent}<rdf:type rdf:resource="{_xml_attr(t, where)}"/>\n')
        for pred, obj in node.props:
            q = qname(pred)
            if type(obj) is str:
                out(f'{indent}<{q} rdf:resource="{_xml_attr(obj, where)}"/>\n')
            elif type(obj) is tuple:
                lex, datatype, lang = obj
                attr = f' xml:lang="{lang}"' if lang else f' rdf:datatype="{datatype}"' if datatype else ""
                out(f"{indent}<{q}{attr}>{_xml_text(lex, f'{where} {q}')}</{q}>\n")
            else:
                assert isinstance(obj, Node)
                out(f'{indent}<{q} rdf:parseType="Resource">\n')
                body(obj, indent + "  ", f"{where} {q}")
                out(f"{indent}</{q}>\n")

    for node in nodes:
        where = f"<{node.iri}>" if node.iri else "a blank node"
        if node.iri is None:
            out("  <rdf:Description>\n")
        else:
            out(f'  <rdf:Description rdf:about="{_xml_attr(node.iri, where)}">\n')
        body(node, "    ", where)
        out("  </rdf:Description>\n")
        if len(parts) > 4096:
            flush()
    out("</rdf:RDF>\n")
    flush()


WRITERS: dict[str, Callable[..., None]] = {
    "ntriples": write_ntriples,
    "turtle": write_turtle,
    "jsonld": write_jsonld,
    "rdfxml": write_rdfxml,
}
