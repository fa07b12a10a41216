"""Reading RDF safely into an index of subjects, and from the index back into the model.

Parsing refuses before it starts what could reach outside or explode: any DOCTYPE in RDF/XML
(entity expansion, external entities; rdflib's parser hangs for minutes on the first), and
any JSON-LD ``@context`` other than the shipped one or an inline object (a remote or file
context, as a string, in an array, scoped, or through ``@import``: rdflib 7.6 would fetch or
open it). Syntax errors come back as one :class:`~sendlocaloffer.errors.ReadError` naming the
file and line. pyoxigraph (installed with oxrdflib) parses when present, rdflib otherwise.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain
from typing import Any, BinaryIO, Union
from urllib.parse import unquote

from .. import _json
from .._io import DEFAULT_MAX_BYTES, Source, open_file, over_the_limit, read_bytes
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
    concept_codes,
    curie,
    id_from_iri,
)

__all__ = ["Index", "index_from_graph", "parse", "parse_source", "to_data"]

# subject -> predicate -> objects. The objects of one subject and predicate are a list, or a
# tuple when the plain readers meet only one (a tuple they share between the subjects that have
# the same predicate and object: a million lists fewer at 10,000 services).
Index = Mapping[str, Mapping[str, Sequence[Term]]]
_Lists = dict[str, dict[str, list[Term]]]  # an index as the other readers build it
_Objs = Union[list[Term], tuple[Term, ...]]

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
    msg = " ".join(msg.split())[:300]
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


def parse(data: bytes, fmt: str, name: str, *, use_oxigraph: bool | None = None,
          try_plain: bool = True) -> tuple[Index, list[Finding]]:
    """The triples of ``data`` as an index: subject -> predicate -> objects. ``try_plain=False``
    skips the readers of the plain forms (when they have already said no)."""
    data = prepare(data, fmt, name)
    ox: Any = None
    if use_oxigraph is not False:
        try:
            import pyoxigraph as ox
        except ImportError:
            ox = None
    if try_plain and fmt in ("ntriples", "turtle"):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None  # the full parser names the line
        if text is not None:
            # The bytes go before the index is built (parse_source hands them over without
            # keeping them): a file's size less at the peak, which on a fresh process is time too.
            del data
            plain = (_index_plain_ntriples if fmt == "ntriples" else _index_plain_turtle)(text, name)
            if plain is not None:
                return plain
            data = text.encode("utf-8")
            del text
    if ox is not None:
        return _index_oxigraph(ox, data, fmt, name)
    graph = _parse_rdflib(data, fmt, name)
    return index_from_graph(graph, name)


def parse_source(source: Source, fmt: str, name: str, max_bytes: int = DEFAULT_MAX_BYTES, *,
                 use_oxigraph: bool | None = None) -> tuple[Index, list[Finding]]:
    """:func:`parse` of a file or stream. A file of N-Triples or Turtle in the plain form is
    indexed as it is read, a piece at a time, so that neither its bytes nor its text are ever
    held whole (at 10,000 services, 135 MB of each); any other file is read whole and parsed."""
    if fmt in ("ntriples", "turtle") and isinstance(source, (str, os.PathLike)):
        with open_file(source, max_bytes) as fh:
            # Bytes that are not UTF-8 are not plain either: the full parser names their line.
            lines = _file_lines(fh, max_bytes, name, whole_lines=fmt == "ntriples")
            plain = (_index_ntriples_lines if fmt == "ntriples" else _index_turtle_lines)(lines, name)
        if plain is not None:
            return plain
        return parse(read_bytes(source, max_bytes), fmt, name, use_oxigraph=use_oxigraph, try_plain=False)
    # No name keeps the bytes here: parse lets them go once it has the text.
    return parse(read_bytes(source, max_bytes), fmt, name, use_oxigraph=use_oxigraph)


# N-Triples in the plain form this library (and pyoxigraph) writes, one statement a line,
# single spaces, is indexed by splitting lines, several times faster than any parser that builds
# term objects. Every term is still checked against the N-Triples grammar (RDF 1.1 N-Triples
# section 2); a line in any other form sends the whole file to the full parser, which names
# the line of any error.
# Brackets (IPv6 hosts), a second "#", percent signs not followed by two hex digits and ports
# that are not numbers are left to the full parser, which holds IRIs to RFC 3987 as well.
_IRI_CHAR = r"(?:[^\x00-\x20<>\"{}|^`\\\[\]%#]|%[0-9A-Fa-f]{2})"
_IRI_OK = re.compile(rf"[A-Za-z][A-Za-z0-9+.\-]*:{_IRI_CHAR}*(?:#{_IRI_CHAR}*)?")
_BAD_PORT = re.compile(r"[^:]*://(?:[^/?#@]*@)?[^/?#:]*:[0-9]*[^0-9/?#]")
_BNODE_OK = re.compile(r"_:[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?")
_LANG_OK = re.compile(r"[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")
_ESCAPES = re.compile(r"\\(?:([tbnrf\"'\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.|$))", re.DOTALL)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


class _NotPlain(Exception):
    pass


_CHUNK_CHARS = 1 << 20


def _line_chunks(text: str, stop: int | None = None) -> Iterator[list[str]]:
    """The lines of ``text[:stop]`` as ``split("\n")`` gives them, about ``_CHUNK_CHARS``
    characters at a time: a file's lines are never all held at once (70 MB less at 10,000
    services), and the memory of each chunk's strings is reused for the next."""
    size = _CHUNK_CHARS
    n = len(text) if stop is None else stop
    start = 0
    while True:
        end = text.find("\n", start + size, n)
        if end < 0:
            yield text[start:n].split("\n")
            return
        yield text[start:end].split("\n")
        start = end + 1


_CHUNK_BYTES = 1 << 20


def _file_lines(fh: BinaryIO, max_bytes: int, name: str, *, whole_lines: bool) -> Iterator[list[str]]:
    """The lines of a UTF-8 file as ``split("\n")`` gives them, about ``_CHUNK_BYTES`` at a
    time. With ``whole_lines`` every line must end in a newline (N-Triples as written) and the
    empty text after the last one is left out; a file that does not end so is not plain. A
    carriage return anywhere is not plain either. Refuses a file that grows past
    ``max_bytes`` as it is read; raises UnicodeDecodeError where the bytes are not UTF-8."""
    decode = codecs.getincrementaldecoder("utf-8")().decode
    carry = ""
    read = 0
    while True:
        block = fh.read(_CHUNK_BYTES)
        read += len(block)
        if read > max_bytes:
            raise over_the_limit(name, max_bytes)
        text = decode(block, final=not block)
        if "\r" in text:
            raise _NotPlain
        if not block:
            if whole_lines:
                if carry or text:
                    raise _NotPlain
                return
            yield [carry + text]
            return
        lines = text.split("\n")
        if len(lines) == 1:
            carry += text
            continue
        lines[0] = carry + lines[0]
        carry = lines.pop()
        yield lines


def _text_lines(text: str, *, whole_lines: bool) -> Iterator[list[str]]:
    """:func:`_file_lines` of a text already decoded."""
    if "\r" in text:
        raise _NotPlain
    if whole_lines:
        if text and text[-1] != "\n":
            raise _NotPlain
        return _line_chunks(text, len(text) - 1) if text else iter(())
    return _line_chunks(text)


def _unescape(m: re.Match[str]) -> str:
    if m.group(1):
        return _ECHAR[m.group(1)]
    if m.group(4) is not None:
        raise _NotPlain
    code = int(m.group(2) or m.group(3), 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise _NotPlain
    return chr(code)


def _plain_term(text: str, seen: dict[str, str]) -> str:
    """An IRI (without its brackets) or blank node label; an IRI is checked once."""
    if text[:2] == "_:":
        # A label is checked each time, and kept out of the cache of IRIs: it is met twice at
        # most, and a look-up in a large table costs more than the check. Labels of letters
        # and digits alone, as writers make them, need no expression.
        if (text.isascii() and text[2:].isalnum()) or _BNODE_OK.fullmatch(text):
            return text
        raise _NotPlain
    got = seen.get(text)
    if got is not None:
        return got
    if (text[:1] == "<" and text[-1:] == ">" and _IRI_OK.fullmatch(text, 1, len(text) - 1)
            and not _BAD_PORT.match(text, 1, len(text) - 1)):
        term = text[1:-1]
    else:
        raise _NotPlain
    seen[text] = term
    return term


def _index_plain_ntriples(text: str, name: str) -> tuple[Index, list[Finding]] | None:
    """The index of plain N-Triples, or None when any line is not in that form."""
    try:
        lines = _text_lines(text, whole_lines=True)
    except _NotPlain:
        return None
    return _index_ntriples_lines(lines, name)


def _index_ntriples_lines(lines: Iterable[list[str]], name: str) -> tuple[Index, list[Finding]] | None:
    """The index of plain N-Triples from its lines (each without its newline), or None when any
    line is not in that form."""
    index: dict[str, dict[str, _Objs]] = {}
    seen: dict[str, str] = {}
    preds: dict[str, str] = {}
    datatypes: dict[str, str | None] = {}
    pairs: dict[str, tuple[str, Term, tuple[Term]]] = {}
    props: dict[str, _Objs] = {}
    last = ""
    http_schema = 0
    pair = pairs.get
    try:
        for line in chain.from_iterable(lines):
            s_text, _, po = line.partition(" ")
            hit = pair(po)
            if hit is not None:
                pred, o, one = hit
            else:
                pred, o, http = _plain_pair(po, seen, preds, datatypes)
                one = (o,)
                if http:
                    http_schema += http
                elif len(po) < 160 and (type(o) is tuple or o[:2] != "_:"):
                    # Predicate-object pairs that repeat (types, concepts, numbers, dates); a
                    # blank node is the object of one triple only, and a cache of them all would
                    # make every look-up slower as the file grows.
                    pairs[po] = (pred, o, one)
            if s_text != last:
                last = s_text
                subject = _plain_term(s_text, seen)
                got = index.get(subject)
                if got is None:
                    got = index[subject] = {}
                props = got
            have = props.get(pred)
            if have is None:
                props[pred] = one
            elif type(have) is list:
                have.append(o)
            else:
                props[pred] = [have[0], o]
    except (_NotPlain, ValueError):
        return None
    return index, _http_schema_findings(http_schema, name)


def _plain_pair(po: str, seen: dict[str, str], preds: dict[str, str],
                datatypes: dict[str, str | None]) -> tuple[str, Term, int]:
    """The predicate and object of the rest of a plain N-Triples line after its subject, and
    how many http://schema.org/ terms were read as https://schema.org/."""
    p_text, _, o_text = po.partition(" ")
    if o_text[-2:] != " .":
        raise _NotPlain
    o_text = o_text[:-2]
    http = 0
    pred = preds.get(p_text)
    if pred is None:
        pred = _plain_term(p_text, seen)
        if pred.startswith("_:"):
            raise _NotPlain
        if pred.startswith(SDO_HTTP):
            pred = SDO + pred[len(SDO_HTTP):]
        preds[p_text] = pred
    if p_text[1:len(SDO_HTTP) + 1] == SDO_HTTP:
        http += 1
    o: Term
    if o_text[:1] == '"':
        end = o_text.rfind('"')
        if end == 0:
            raise _NotPlain
        lex = o_text[1:end]
        if "\\" in lex:
            if '"' in _ESCAPES.sub("", lex):
                raise _NotPlain
            lex = _ESCAPES.sub(_unescape, lex)
        elif '"' in lex:
            raise _NotPlain
        suffix = o_text[end + 1:]
        if not suffix:
            o = (lex, None, None)
        elif suffix[:2] == "^^":
            dt = datatypes.get(suffix)
            if dt is None and suffix not in datatypes:
                dt = _plain_term(suffix[2:], seen)
                if dt.startswith("_:"):
                    raise _NotPlain
                dt = datatypes[suffix] = None if dt in (_XSD_STRING, _LANGSTRING) else dt
            o = (lex, dt, None)
        elif suffix[:1] == "@" and _LANG_OK.fullmatch(suffix, 1):
            o = (lex, None, suffix[1:].lower())
        else:
            raise _NotPlain
    else:
        o = _plain_term(o_text, seen)
        if pred == RDF_TYPE and o.startswith(SDO_HTTP):
            o = SDO + o[len(SDO_HTTP):]
            http += 1
    return pred, o, http


# Turtle in the layout this library writes (one predicate a line, blank nodes opened by ``[``
# at the end of a line and closed by ``]`` on a line of their own, prefixed names without
# escapes) is indexed line by line, as plain N-Triples is; the terms are checked against the
# Turtle grammar (RDF 1.1 Turtle section 6.5). Anything else, and any error, goes to the full
# parser, which names the line.
_LOCAL = r"(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:(?:[A-Za-z0-9_\-]|%[0-9A-Fa-f]{2}|\.(?=[A-Za-z0-9_\-%]))*)"
_PNAME = rf"[A-Za-z][A-Za-z0-9_\-]*:(?:{_LOCAL})?|:(?:{_LOCAL})?"
_TTL_OBJECT = re.compile(
    rf'"((?:[^"\\]|\\.)*)"(?:\^\^(<[^>]*>|{_PNAME})|@([a-zA-Z]+(?:-[a-zA-Z0-9]+)*))?'
    rf"|(<[^>]*>|{_PNAME})|(true|false)|([+-]?[0-9]+)|(\[)$"
)
_PNAME_OK = re.compile(_PNAME)
_TTL_PREFIX = re.compile(r"@prefix ([A-Za-z][A-Za-z0-9_\-]*)?: <([^>]*)> \.")
_BOOLEAN_DT = XSD + "boolean"
_INTEGER_DT = XSD + "integer"


def _index_plain_turtle(text: str, name: str) -> tuple[Index, list[Finding]] | None:
    """The index of Turtle in this library's layout, or None when any line is not in it."""
    try:
        lines = _text_lines(text, whole_lines=False)
    except _NotPlain:
        return None
    return _index_turtle_lines(lines, name)


def _index_turtle_lines(lines: Iterable[list[str]], name: str) -> tuple[Index, list[Finding]] | None:
    """The index of Turtle in this library's layout from its lines, or None when any line is
    not in it."""
    prefixes: dict[str, str] = {}
    seen: dict[str, str] = {}
    index: dict[str, dict[str, _Objs]] = {}
    lines_cache: dict[str, tuple[str, tuple[Term, ...], str]] = {}
    stack: list[tuple[dict[str, _Objs], str]] = []
    props: dict[str, _Objs] = {}
    need = "subject"  # what the next line may be: subject, po (predicate or close) or close
    blanks = 0
    http_schema = 0

    def iri(token: str) -> str:
        if token[:1] == "<":
            return _plain_term(token, seen)
        got = seen.get(token)
        if got is None:
            if not _PNAME_OK.fullmatch(token):
                raise _NotPlain
            prefix, _, local = token.partition(":")
            ns = prefixes.get(prefix)
            if ns is None:
                raise _NotPlain
            got = seen[token] = ns + local
        return got

    def new_blank() -> tuple[str, dict[str, _Objs]]:
        nonlocal blanks
        blanks += 1
        label = f"_:t{blanks}"
        got: dict[str, _Objs] = {}
        index[label] = got
        return label, got

    try:
        for line in chain.from_iterable(lines):
            body = line.lstrip(" ")
            if need == "subject":
                if not body:
                    continue
                if body[:1] == "<" and body == line and body[-1:] == ">":
                    subject = _plain_term(body, seen)
                    got = index.get(subject)
                    if got is None:
                        got = index[subject] = {}
                    props = got
                    need = "po"
                    continue
                m = _TTL_PREFIX.fullmatch(line)
                if m is None:
                    raise _NotPlain
                prefixes[m.group(1) or ""] = _plain_term(f"<{m.group(2)}>", {})
                seen.clear()
                lines_cache.clear()
                continue
            if body[:1] == "]":
                if not stack:
                    raise _NotPlain
                props, pred = stack.pop()
                rest = body[1:]
                if rest == ", [":
                    label, got = new_blank()
                    opened = props[pred]  # a list: made by the line that opened the first node
                    assert type(opened) is list
                    opened.append(label)
                    stack.append((props, pred))
                    props = got
                    need = "po"
                elif rest == " ;":
                    need = "po"
                elif rest == "":
                    need = "close"
                    if not stack:
                        raise _NotPlain
                elif rest == " .":
                    if stack:
                        raise _NotPlain
                    need = "subject"
                else:
                    raise _NotPlain
                continue
            if need != "po" or not body:
                raise _NotPlain
            hit = lines_cache.get(body)
            if hit is None:
                hit, http = _turtle_po(body, iri)
                if http:
                    http_schema += http
                elif len(body) < 120:
                    lines_cache[body] = hit
            pred, objs, end = hit
            have = props.get(pred)
            if end == "[":
                label, got = new_blank()
                if have is None:
                    props[pred] = [*objs, label]
                elif type(have) is list:
                    have.extend(objs)
                    have.append(label)
                else:
                    props[pred] = [*have, *objs, label]
                stack.append((props, pred))
                props = got
                continue
            if have is None:
                props[pred] = objs  # shared with every line that is the same (see Index)
            elif type(have) is list:
                have.extend(objs)
            else:
                props[pred] = [*have, *objs]
            if end == ";":
                pass
            elif end == ".":
                if stack:
                    raise _NotPlain
                need = "subject"
            elif not stack:
                raise _NotPlain
            else:
                need = "close"
    except (_NotPlain, ValueError):
        return None
    if need != "subject" or stack:
        return None
    return index, _http_schema_findings(http_schema, name)


def _turtle_po(body: str, iri: Callable[[str], str]) -> tuple[tuple[str, tuple[Term, ...], str], int]:
    """The predicate, objects and ending (``;``, ``.``, ``[`` or none) of one predicate line,
    and how many http://schema.org/ terms were read as https://schema.org/."""
    p_text, _, rest = body.partition(" ")
    http = 0
    if p_text == "a":
        pred = RDF_TYPE
    else:
        pred = iri(p_text)
        if pred.startswith("_:"):
            raise _NotPlain
        if pred.startswith(SDO_HTTP):
            pred = SDO + pred[len(SDO_HTTP):]
            http += 1
    end = ""
    if rest[-2:] in (" ;", " ."):
        end = rest[-1]
        rest = rest[:-2]
    objs: list[Term] = []
    pos = 0
    n = len(rest)
    while True:
        m = _TTL_OBJECT.match(rest, pos)
        if m is None:
            raise _NotPlain
        o: Term
        if m.group(7) is not None:
            if end or objs:
                raise _NotPlain
            return (pred, (), "["), http
        if m.group(1) is not None:
            lex = m.group(1)
            if "\\" in lex:
                lex = _ESCAPES.sub(_unescape, lex)
            lang = m.group(3)
            if lang is not None:
                o = (lex, None, lang.lower())
            elif m.group(2) is not None:
                dt = iri(m.group(2))
                if dt.startswith("_:"):
                    raise _NotPlain
                o = (lex, None if dt in (_XSD_STRING, _LANGSTRING) else dt, None)
            else:
                o = (lex, None, None)
        elif m.group(4) is not None:
            o = iri(m.group(4))
            if pred == RDF_TYPE and o.startswith(SDO_HTTP):
                o = SDO + o[len(SDO_HTTP):]
                http += 1
        elif m.group(5) is not None:
            o = (m.group(5), _BOOLEAN_DT, None)
        else:
            o = (m.group(6), _INTEGER_DT, None)
        objs.append(o)
        pos = m.end()
        if pos == n:
            return (pred, tuple(objs), end), http
        if rest[pos:pos + 2] != ", ":
            raise _NotPlain
        pos += 2


def _index_oxigraph(ox: Any, data: bytes, fmt: str, name: str) -> tuple[Index, list[Finding]]:
    index: _Lists = {}
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
        raise ReadError(f"not valid {_LABELS[fmt]}: {' '.join(str(exc.message).split())[:300]}",
                        location=_location(name, exc.lines + 1)) from None
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

    index: _Lists = {}
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
_PARTS = {"organisations": "Organisation", "locations": "Location", "services": "Service"}
_BOOLEAN = XSD + "boolean"
_FREE = SDO + "isAccessibleForFree"
_NO_POSITION = 1 << 30
_NO_PROPS: Mapping[str, Sequence[Term]] = {}

Placement = tuple[FieldPlan, Union[str, None]]  # the field, and the flattened field holding it


@dataclass(frozen=True)
class _Spec:
    """A class map arranged for reading: what each predicate fills."""

    by_pred: dict[str, tuple[Placement, ...]]
    vias: dict[str, dict[str, tuple[Placement, ...]]]  # via predicate -> its node's predicates
    ignore: frozenset[str]
    # predicate -> the text field it fills, its placements, its via node's placements, _IGNORE or _HINTS
    table: dict[str, object]
    types: frozenset[str]


_SPECS: dict[type[Any], _Spec] = {}
_IGNORE = object()
_HINTS = object()


@dataclass(frozen=True, slots=True)
class _Concept:
    """A field taking one concept: its name, and concept IRI -> code."""

    name: str
    concepts: dict[str, str]


@dataclass(frozen=True, slots=True)
class _ConceptList:
    """A field taking a set of concepts: its plan, and concept IRI -> code."""

    plan: FieldPlan
    concepts: dict[str, str]


@dataclass(frozen=True, slots=True)
class _Nodes:
    """A field taking one or more nodes of another class: its plan, and what placing one node
    needs, worked out once (the target's class map, whether the predicate is shared with other
    fields, and the label suffix of a blank node)."""

    plan: FieldPlan
    target: ClassMap
    shared: bool
    suffix: str


@dataclass(frozen=True, slots=True)
class _Boolean:
    """A field taking one xsd:boolean."""

    name: str


_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def _spec(cm: ClassMap) -> _Spec:
    got = _SPECS.get(cm.cls)
    if got is None:
        got = _SPECS[cm.cls] = _make_spec(cm)
    return got


def _make_spec(cm: ClassMap) -> _Spec:
    by_pred: dict[str, list[Placement]] = {}
    vias: dict[str, dict[str, list[Placement]]] = {}
    maps = plans()

    def add(plan: FieldPlan, flat: str | None) -> None:
        if plan.via is None:
            by_pred.setdefault(plan.predicate, []).append((plan, flat))
        else:
            vias.setdefault(VIAS[plan.via][0], {}).setdefault(plan.predicate, []).append((plan, flat))

    for plan in cm.fields:
        if plan.kind == "flatten":
            assert plan.target is not None
            for sub in maps[plan.target].fields:
                add(sub, plan.name)
        else:
            add(plan, None)
    ignore = frozenset({RDF_TYPE, _POSITION, *DERIVED, *(c[0] for c in cm.constants)})
    text = {pred: got[0][0].name for pred, got in by_pred.items()
            if len(got) == 1 and got[0][1] is None and got[0][0].kind == "lit" and not got[0][0].many
            and got[0][0].datatype != _BOOLEAN}
    # The commonest other fields, placed inline when their values are what the writer writes;
    # anything else falls back to the general placement, which reports what it cannot place.
    quick: dict[str, object] = {}
    for pred, got in by_pred.items():
        plan, flat = got[0]
        if len(got) != 1 or flat is not None:
            continue
        if plan.kind == "concept":
            concepts = _concepts(plan.vocab or "")
            quick[pred] = _ConceptList(plan, concepts) if plan.many else _Concept(plan.name, concepts)
        elif plan.kind == "lit" and plan.datatype == _BOOLEAN and not plan.many:
            quick[pred] = _Boolean(plan.name)
        elif plan.kind == "node":
            assert plan.target is not None
            quick[pred] = _Nodes(plan, maps[plan.target], id(plan) in _shared(), " " + _short(plan.predicate))
    placed = {k: tuple(v) for k, v in by_pred.items()}
    via_placed = {k: {p: tuple(v) for p, v in d.items()} for k, d in vias.items()}
    table: dict[str, object] = {_LIST_ORDER: _HINTS}
    table.update(via_placed)
    table.update(placed)
    table.update({pred: _IGNORE for pred in ignore if pred != _LIST_ORDER})
    table.update(text)
    table.update(quick)
    return _Spec(placed, via_placed, ignore, table, frozenset(cm.types))


class _Walker:
    def __init__(self, index: Index, name: str) -> None:
        self.index = index
        self.name = name
        self.maps = plans()
        self.findings: list[Finding] = []
        self.visited: set[str] = set()
        # Where each node went (its path in the offer's data) and the subject it came from, in
        # two lists rather than a pair a node.
        self.paths: list[tuple[str | int, ...]] = []
        self.labels: list[str] = []
        self.shared = _shared()

    def finding(self, code: str, message: str, subject: str, path: tuple[str | int, ...] = (),
                severity: Severity = Severity.WARNING) -> None:
        self.findings.append(Finding(code=code, severity=severity, message=message, path=pointer(path),
                                     location=SourceLocation(file=self.name, subject=subject or None)))

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
        data = self.node(subject, self.maps[_model("LocalOffer")], (), subject)
        publisher = DCT + "publisher"
        publishers = {o for props in self.index.values() if publisher in props for o in props[publisher]}
        # Services, organisations and places that the dataset does not link to are still read:
        # hand-written graphs often leave out dcterms:hasPart.
        unvisited = sorted(self.index.keys() - self.visited - publishers)
        for field, cls_name in _PARTS.items():
            cm = self.maps[_model(cls_name)]
            loose = [s for s in unvisited if s not in self.visited and any(t in cm.types for t in self.types(s))]
            if loose:
                items = data.setdefault(field, [])
                for s in loose:
                    items.append(self.node(s, cm, (field, len(items)), s))
        for s in unvisited:
            if s in self.visited or any(t in _SKIP_TYPES for t in self.types(s)):
                continue
            self.finding("rdf.unreached", f"{_label(s)} is not part of the offer (no service, organisation, place or "
                         "offer links to it): it was left out", s if not s.startswith("_:") else "")
        return data

    def node(self, subject: str, cm: ClassMap, path: tuple[str | int, ...], label: str) -> dict[str, Any]:
        self.visited.add(subject)
        self.paths.append(path)
        self.labels.append(label)
        spec = _SPECS.get(cm.cls) or _spec(cm)
        table = spec.table
        out: dict[str, Any] = {}
        hints: dict[str, Any] | None = None
        place = self.place
        for pred, values in self.index.get(subject, _NO_PROPS).items():
            entry = table.get(pred)
            if type(entry) is str:  # one text value, the commonest case, placed without a call
                value = values[0]
                if len(values) == 1 and type(value) is tuple:
                    out[entry] = value[0]
                    continue
                entry = spec.by_pred[pred]
            elif entry is _IGNORE:
                continue
            elif type(entry) is _Concept:
                code = entry.concepts.get(values[0]) if len(values) == 1 else None  # type: ignore[arg-type]
                if code is not None:
                    out[entry.name] = code
                    continue
                entry = spec.by_pred[pred]
            elif type(entry) is _ConceptList:
                concepts = entry.concepts
                codes = [concepts.get(v) for v in values]  # type: ignore[arg-type]
                if None not in codes:
                    out[entry.plan.name] = _ordered(entry.plan, codes)  # type: ignore[arg-type]
                    continue
                entry = spec.by_pred[pred]
            elif type(entry) is _Boolean:
                value = values[0]
                flag = _BOOLEANS.get(value[0]) if len(values) == 1 and type(value) is tuple else None
                if flag is not None:
                    out[entry.name] = flag
                    continue
                entry = spec.by_pred[pred]
            elif type(entry) is _Nodes:
                o = values[0]
                if len(values) == 1 and type(o) is str and not entry.shared:  # one node: placed without a call
                    inner = o if o[:2] != "_:" else label + entry.suffix
                    name = entry.plan.name
                    if entry.plan.many:
                        out[name] = [self.node(o, entry.target, (*path, name, 0), inner)]
                    else:
                        out[name] = self.node(o, entry.target, (*path, name), inner)
                    continue
                self.place_nodes(out, entry.plan, values, (*path, entry.plan.name), label)
                continue
            if type(entry) is tuple:
                for plan, flat in entry:
                    place(out if flat is None else out.setdefault(flat, {}), plan, values, path, label, flat)
            elif type(entry) is dict:
                vspec = entry
                for via in values:
                    if not isinstance(via, str):
                        continue
                    self.visited.add(via)
                    for vpred, vvalues in self.index.get(via, _NO_PROPS).items():
                        vplacements = vspec.get(vpred)
                        if vplacements is None:
                            if vpred != RDF_TYPE:
                                self._unplaced(vpred, label, path, f" (on its {curie(pred)})")
                            continue
                        for plan, flat in vplacements:
                            place(out if flat is None else out.setdefault(flat, {}), plan, vvalues, path, label, flat)
            elif entry is _HINTS:
                hints = _hints(values)
            else:
                self._unplaced(pred, label, path, "")
        if hints:
            self._apply_hints(out, hints)
        if cm.kind and "id" not in out:
            out["id"] = id_from_iri(subject) if not subject.startswith("_:") else id_from_iri("urn:x-blank:" + label)
        if cm.kind == "service":
            free = self.index[subject].get(_FREE)
            if free and isinstance(free[0], tuple) and "kind" not in out.get("cost", {}):
                out.setdefault("cost", {})["kind"] = "free" if free[0][0] in ("true", "1") else "paid"
        return out

    def _unplaced(self, pred: str, label: str, path: tuple[str | int, ...], on: str) -> None:
        self.finding("rdf.unplaced", f"{curie(pred)} of {label}{on} has no place in the model: it was left out", label, path)

    def _apply_hints(self, out: dict[str, Any], hints: dict[str, Any]) -> None:
        for key, hint in hints.items():
            flat, _, name = key.rpartition(".")
            target = out.get(flat) if flat else out
            if not isinstance(target, dict) or not isinstance(hint, list):
                continue
            have = target.get(name)
            if isinstance(have, list) and set(map(str, hint)) == set(map(str, have)):
                target[name] = list(hint)

    def place(self, out: dict[str, Any], plan: FieldPlan, values: Sequence[Term], path: tuple[str | int, ...],
              label: str, flat: str | None) -> None:
        name = plan.name
        kind = plan.kind
        if kind == "lit" and plan.datatype != _BOOLEAN:
            if plan.many:
                lexes = [v[0] for v in values if type(v) is tuple]
                if len(lexes) == len(values):
                    out[name] = _ordered(plan, lexes)
                    return
            elif len(values) == 1 and type(values[0]) is tuple:
                out[name] = values[0][0]
                return
        elif kind == "concept":
            table = _concepts(plan.vocab or "")
            codes = [table.get(v, "") for v in values if type(v) is str]
            if len(codes) == len(values) and "" not in codes:
                if plan.many:
                    out[name] = _ordered(plan, codes)
                    return
                if len(set(codes)) > 1:
                    self._many(plan, label, (*path, flat, name) if flat else (*path, name))
                out[name] = min(codes) if len(codes) > 1 else codes[0]
                return
        elif kind == "node":
            self.place_nodes(out, plan, values, (*path, flat, name) if flat else (*path, name), label)
            return
        converted: list[Any] = []
        if kind == "url":
            converted = [v for v in values if type(v) is str and v[:2] != "_:"]
        elif kind == "day":
            converted = [DAY_CODES.get(v, "") for v in values if type(v) is str]
        fpath = (*path, flat, name) if flat else (*path, name)
        if len(converted) != len(values) or "" in converted:
            converted = [v for v in (self.value(plan, o, label, fpath) for o in values) if v is not None]
        if not converted:
            return
        if plan.many:
            out[name] = _ordered(plan, converted) if kind == "day" else canonical_order(plan, converted)
            return
        if len(converted) > 1 and len(set(map(str, converted))) > 1:
            self._many(plan, label, fpath)
            converted.sort(key=str)
        out[name] = converted[0]

    def place_nodes(self, out: dict[str, Any], plan: FieldPlan, values: Sequence[Term], fpath: tuple[str | int, ...],
                    label: str) -> None:
        assert plan.target is not None
        tcm = self.maps[plan.target]
        objs = [o for o in values if type(o) is str]
        if len(objs) != len(values):
            for o in values:
                if type(o) is tuple:
                    self.finding("rdf.not_a_node", f"{curie(plan.predicate)} of {label} should point at a "
                                 f"{curie(tcm.types[0]) if tcm.types else 'node'}, not the text {o[0]!r}: it was left out",
                                 label, fpath)
        if id(plan) in self.shared:
            types = (_SPECS.get(tcm.cls) or _spec(tcm)).types
            index = self.index
            objs = [o for o in objs if not types.isdisjoint(index.get(o, _NO_PROPS).get(RDF_TYPE, ()))]
        if not objs:
            return
        if len(objs) > 1:
            objs.sort(key=lambda o: (self._position(o), o if o[:2] != "_:" else ""))
        inner = ""  # the label of a blank node: the subject pointing at it and the predicate
        if plan.many:
            items = []
            for i, o in enumerate(objs):
                if o[:2] == "_:":
                    inner = inner or f"{label} {_short(plan.predicate)}"
                    items.append(self.node(o, tcm, (*fpath, i), inner))
                else:
                    items.append(self.node(o, tcm, (*fpath, i), o))
            out[plan.name] = items
            return
        if len(objs) > 1:
            self._many(plan, label, fpath)
        o = objs[0]
        out[plan.name] = self.node(o, tcm, fpath, o if o[:2] != "_:" else f"{label} {_short(plan.predicate)}")

    def _many(self, plan: FieldPlan, label: str, fpath: tuple[str | int, ...]) -> None:
        self.finding("rdf.many_values", f"{curie(plan.predicate)} of {label} has more than one value but the model takes one: "
                     "the first was read; remove the others", label, fpath)

    def _position(self, subject: str) -> int:
        for v in self.index.get(subject, {}).get(_POSITION, ()):
            if isinstance(v, tuple):
                try:
                    return int(v[0])
                except ValueError:
                    return _NO_POSITION
        return _NO_POSITION

    def value(self, plan: FieldPlan, o: Term, label: str, fpath: tuple[str | int, ...]) -> Any:
        kind = plan.kind
        if isinstance(o, tuple):
            lex = o[0]
            if kind == "lit" and plan.datatype == _BOOLEAN:
                return {"true": True, "1": True, "false": False, "0": False}.get(lex.strip(), lex)
            if kind == "json":
                try:
                    return json.loads(lex)
                except (ValueError, RecursionError):
                    self.finding("rdf.bad_json", f"{curie(plan.predicate)} of {label} is not JSON: it was left out", label, fpath)
                    return None
            return lex
        if o.startswith("_:"):
            self.finding("rdf.not_a_value", f"{curie(plan.predicate)} of {label} should be a value, not a blank node: "
                         "it was left out", label, fpath)
            return None
        if kind == "concept":
            code = code_of(plan.vocab or "", o)
            if code is None:
                self.finding("rdf.not_a_concept", f"<{o}> is not a concept of the {plan.vocab} vocabulary "
                             f"({VOCAB}{plan.vocab}/...): it was left out", label, fpath)
            return code
        if kind == "day":
            return DAY_CODES.get(o) or code_of("weekdays", o) or o
        if kind == "ref":
            for v in self.index.get(o, {}).get(_IDENT, ()):
                if isinstance(v, tuple):
                    return v[0]
            return id_from_iri(o)
        if kind in ("area", "gss"):
            return unquote(o[len(STATGEO):]) if o.startswith(STATGEO) else o
        if kind == "version":
            m = _VERSION.search(o)
            return m.group(1) if m else o
        return o


_ORDERED: dict[tuple[str | None, tuple[str, ...]], list[str]] = {}


def _ordered(plan: FieldPlan, values: list[str]) -> list[str]:
    """canonical_order of a list of texts or codes, remembered: the same few lists (days,
    languages, needs) repeat across thousands of services."""
    if len(values) < 2:
        return values
    key = (plan.vocab, tuple(values))
    got = _ORDERED.get(key)
    if got is None:
        got = canonical_order(plan, values)
        if len(_ORDERED) < 4096:
            _ORDERED[key] = got
    return list(got)


_short = lru_cache(maxsize=1024)(curie)


@cache
def _concepts(vocab: str) -> dict[str, str]:
    """Concept IRI -> code, for one vocabulary."""
    return {iri: code for iri, (name, code) in concept_codes().items() if name == vocab}


def _hints(values: Sequence[Term]) -> dict[str, Any]:
    hints: dict[str, Any] = {}
    for h in values:
        if isinstance(h, tuple):
            hints.update(_hint(h[0]))
    return hints


@lru_cache(maxsize=256)
def _hint(text: str) -> dict[str, Any]:
    """One slo:listOrder value (the order of each list field) read as JSON; the same few repeat."""
    try:
        loaded = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _label(s: str) -> str:
    return f"<{s}>" if not s.startswith("_:") else "a blank node"


@cache
def _shared() -> frozenset[int]:
    """The plans whose predicate other fields of the same class share (the offer's dcterms:hasPart)."""
    out: set[int] = set()
    for cm in plans().values():
        for f in cm.fields:
            if sum(1 for g in cm.fields if g.predicate == f.predicate) > 1:
                out.add(id(f))
    return frozenset(out)


def _model(name: str) -> Any:
    from .. import model

    return getattr(model, name)


def to_data(index: Index, name: str) -> tuple[dict[str, Any] | None, list[Finding], dict[str, str]]:
    """The offer's plain data from an index, the findings, and where each JSON pointer came from."""
    walker = _Walker(index, name)
    data = walker.offer()
    pairs = zip(walker.paths, walker.labels, strict=True)
    where = {pointer(path): label for path, label in pairs} if walker.findings or data is None else _LazyWhere(pairs)
    return data, walker.findings, where


class _LazyWhere(dict[str, str]):
    """The pointer -> subject map, built only when a model finding asks for a place."""

    def __init__(self, pairs: Iterator[tuple[tuple[str | int, ...], str]]) -> None:
        super().__init__()
        self._pairs: Iterator[tuple[tuple[str | int, ...], str]] | None = pairs

    def _fill(self) -> None:
        if self._pairs is not None:
            pairs, self._pairs = self._pairs, None
            self.update((pointer(path), label) for path, label in pairs)

    def get(self, key: str, default: Any = None) -> Any:
        self._fill()
        return super().get(key, default)
