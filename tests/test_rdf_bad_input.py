"""Bad RDF input: each a clear one-line error naming the file and line; nothing fetched, no
file opened but the input (issue 6, bad input)."""

from __future__ import annotations

import builtins
import io
import json
import socket
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from sendlocaloffer.errors import ReadError, UnsafeInputError
from sendlocaloffer.formats import rdf
from sendlocaloffer.model import LocalOffer

from .strategies import offers


def _read(data: bytes, fmt: str, **kw: Any) -> Any:
    stream = io.BytesIO(data)
    stream.name = f"bad.{fmt}"  # type: ignore[attr-defined]
    return rdf.read(stream, rdf_format=fmt, **kw)


@pytest.fixture
def no_outside(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Any network connection or file opening during the test is recorded and refused."""
    attempts: list[str] = []

    def connect(self: socket.socket, address: Any) -> None:
        attempts.append(f"connect {address}")
        raise OSError("network refused in test")

    def urlopen(url: Any, *a: Any, **k: Any) -> None:
        attempts.append(f"urlopen {url}")
        raise OSError("network refused in test")

    real_open = builtins.open

    def guarded_open(file: Any, *a: Any, **k: Any) -> Any:
        attempts.append(f"open {file}")
        return real_open(file, *a, **k)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    monkeypatch.setattr(builtins, "open", guarded_open)
    yield attempts


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="https://schema.org/">
  <rdf:Description rdf:about="urn:x"><s:name>&lol3;</s:name></rdf:Description>
</rdf:RDF>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [ <!ENTITY ext SYSTEM "file:///etc/passwd"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="https://schema.org/">
  <rdf:Description rdf:about="urn:x"><s:name>&ext;</s:name></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize("use_oxigraph", [None, False], ids=["pyoxigraph", "rdflib"])
@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["entity-expansion", "external-entity"])
def test_rdfxml_with_a_doctype_is_refused_before_parsing(data: bytes, no_outside: list[str], use_oxigraph: bool | None) -> None:
    with pytest.raises(UnsafeInputError) as info:
        _read(data, "rdfxml", use_oxigraph=use_oxigraph)
    assert info.value.location is not None and info.value.location.line == 2
    assert "DOCTYPE" in str(info.value) and "\n" not in str(info.value)
    assert no_outside == []


REMOTE_CONTEXTS = {
    "string": {"@context": "http://example.org/context.jsonld", "@id": "urn:x", "name": "x"},
    "file": {"@context": "file:///etc/passwd", "@id": "urn:x"},
    "relative": {"@context": "context.jsonld", "@id": "urn:x"},
    "array": {"@context": [{"schema": "https://schema.org/"}, "https://example.org/ctx"], "@id": "urn:x"},
    "scoped": {"@context": {"knows": {"@id": "https://schema.org/knows", "@context": "https://example.org/scoped"}},
               "@id": "urn:x", "knows": {"@id": "urn:y"}},
    "import": {"@context": {"@import": "https://example.org/imported", "name": "https://schema.org/name"}, "@id": "urn:x"},
    "nested-node": {"@context": {"schema": "https://schema.org/"}, "@graph": [{"@context": "https://example.org/c", "@id": "urn:x"}]},
}


@pytest.mark.parametrize("use_oxigraph", [None, False], ids=["pyoxigraph", "rdflib"])
@pytest.mark.parametrize("doc", REMOTE_CONTEXTS.values(), ids=REMOTE_CONTEXTS.keys())
def test_jsonld_remote_or_file_context_is_never_fetched(doc: dict[str, Any], no_outside: list[str], use_oxigraph: bool | None) -> None:
    data = json.dumps(doc, indent=1).encode()
    with pytest.raises(UnsafeInputError) as info:
        _read(data, "jsonld", use_oxigraph=use_oxigraph)
    assert "context" in str(info.value) or "@import" in str(info.value)
    assert info.value.location is not None and info.value.location.line is not None
    assert no_outside == []


@pytest.mark.parametrize("use_oxigraph", [None, False], ids=["pyoxigraph", "rdflib"])
def test_jsonld_with_the_shipped_context_reads_without_fetching(no_outside: list[str], use_oxigraph: bool | None) -> None:
    doc = {"@context": "https://sendlocaloffer.org/ns/context.jsonld", "@graph": [
        {"@id": "urn:uuid:5a7f5c8e-2f6b-4c55-9a57-1f3c2f0f8e01", "@type": "Dataset", "title": "x"}]}
    result = _read(json.dumps(doc).encode(), "jsonld", use_oxigraph=use_oxigraph)
    assert no_outside == []
    assert any(f.code.startswith("field.") for f in result.findings)  # read, but the offer lacks its publisher


def test_invalid_turtle_names_the_line() -> None:
    data = b"@prefix s: <https://schema.org/> .\n<urn:x> s:name \"ok\" .\n<urn:y> s:name \"unterminated .\n"
    with pytest.raises(ReadError) as info:
        _read(data, "turtle")
    assert info.value.location is not None and info.value.location.line == 3
    assert str(info.value).startswith("bad.turtle, line 3")


@pytest.mark.parametrize("use_oxigraph", [None, False])
def test_invalid_ntriples_escape_names_the_line(use_oxigraph: bool | None) -> None:
    data = b'<urn:x> <https://schema.org/name> "fine" .\n<urn:x> <https://schema.org/name> "bad \\q escape" .\n'
    with pytest.raises(ReadError) as info:
        _read(data, "ntriples", use_oxigraph=use_oxigraph)
    assert "\n" not in str(info.value)
    if use_oxigraph is None:
        assert info.value.location is not None and info.value.location.line == 2


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
@pytest.mark.parametrize("use_oxigraph", [None, False])
def test_deep_nesting_is_a_clear_error_not_a_crash(fmt: str, use_oxigraph: bool | None) -> None:
    depth = 100_000
    if fmt == "turtle":
        data = b"<urn:x> <https://schema.org/p> " + b"[ <https://schema.org/p> " * depth + b"1" + b" ]" * depth + b" .\n"
    else:
        data = b'{"@id": "urn:x", "https://schema.org/p": ' + b'{"https://schema.org/p": ' * depth + b"1" + b"}" * depth + b"}"
    try:
        _read(data, fmt, use_oxigraph=use_oxigraph)
    except ReadError as exc:
        assert "\n" not in str(exc)
    # A parser that reads it without recursing is fine too: what matters is no RecursionError.


def test_oversized_input_is_refused() -> None:
    with pytest.raises(UnsafeInputError):
        _read(b"<urn:x> <urn:p> <urn:o> .\n" * 100, "ntriples", max_bytes=100)


def test_a_graph_without_a_dataset_is_reported() -> None:
    result = _read(b'<urn:x> <https://schema.org/name> "x" .\n', "ntriples")
    assert result.offer is None
    assert next(f.code for f in result.findings) == "rdf.no_dataset"


@pytest.mark.parametrize("fmt", ["ntriples", "turtle", "jsonld", "rdfxml"])
@settings(max_examples=40)
@given(data=st.binary(max_size=300) | st.text(alphabet='<>_:"\\ .@^#[](){}ab\n\t', max_size=120).map(str.encode))
def test_arbitrary_bytes_give_a_result_or_a_read_error(fmt: str, data: bytes) -> None:
    try:
        result = _read(data, fmt)
    except ReadError as exc:
        assert "\n" not in str(exc)
    else:
        assert result.offer is None or result.offer.id is not None


PLAIN = (
    b'<urn:x> <https://schema.org/name> "quote \\" backslash \\\\ tab \\t nl \\n \\u00e9 \\U0001F600" .\n'
    b'<urn:x> <https://schema.org/p> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    b'<urn:x> <https://schema.org/p> "chat"@fr-CA .\n'
    b'<urn:x> <https://schema.org/p> _:b0 .\n'
    b'_:b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Thing> .\n'
    b'<urn:x> <https://schema.org/p> "" .\n'
)


def test_plain_ntriples_index_equals_the_full_parsers() -> None:
    from sendlocaloffer.formats import _rdf_read

    plain = _rdf_read._index_plain_ntriples(PLAIN.decode(), "x")
    assert plain is not None
    full = _rdf_read.parse(PLAIN.replace(b" .\n", b"  .\n"), "ntriples", "x")  # two spaces: not plain
    assert _lists(plain[0]) == _lists(full[0])
    assert list(plain[0]["urn:x"]["https://schema.org/name"]) == [('quote " backslash \\ tab \t nl \n é 😀', None, None)]


def _lists(index: Any) -> dict[str, dict[str, list[Any]]]:
    """An index with every subject's objects as a list (the plain reader keeps a lone object
    in a tuple)."""
    return {s: {p: list(objs) for p, objs in props.items()} for s, props in index.items()}


@settings(max_examples=20, deadline=None)
@given(offers(max_services=3))
def test_any_offers_ntriples_index_the_same_as_by_the_full_parser(offer: LocalOffer) -> None:
    from sendlocaloffer.formats import _rdf_read

    buffer = io.BytesIO()
    rdf.write(offer, buffer, rdf_format="ntriples")
    data = buffer.getvalue()
    plain = _rdf_read._index_plain_ntriples(data.decode(), "x")
    assert plain is not None
    full = _rdf_read.parse(data.replace(b" .\n", b"  .\n"), "ntriples", "x", use_oxigraph=False)
    # rdflib labels blank nodes afresh, so the two are compared as graphs
    assert isomorphic(_graph(plain[0]), _graph(full[0]))
    assert sum(len(objs) for props in plain[0].values() for objs in props.values()) == data.count(b"\n")


def _graph(index: dict[str, dict[str, list[Any]]]) -> Any:
    from rdflib import BNode, Graph, Literal, URIRef

    def term(t: Any) -> Any:
        if isinstance(t, tuple):
            return Literal(t[0], datatype=URIRef(t[1]) if t[1] else None, lang=t[2])
        return BNode(t[2:]) if t.startswith("_:") else URIRef(t)

    graph = Graph()
    for s, props in index.items():
        for p, objs in props.items():
            for o in objs:
                graph.add((term(s), URIRef(p), term(o)))
    return graph


@pytest.mark.parametrize("line", [
    b'<urn:x> <https://schema.org/p> "bad \\q" .\n',
    b'<urn:x> <https://schema.org/p> "un"escaped" .\n',
    b'<rel> <https://schema.org/p> "x" .\n',
    b'<urn:x> <https://schema.org/p> "x"^^<urn:d .\n',
    b'<urn:x> <https://schema.org/p> "x"@ .\n',
    b'<urn:x> <https://sch ema.org/p> "x" .\n',
    b'<urn:x> _:p "x" .\n',
    b'<urn:x> <https://schema.org/p> "\\uD800" .\n',
    b'_:a! <https://schema.org/p> "x" .\n',
    b'<urn:x> <https://schema.org/p> _:a! .\n',
    b'<urn:x> <https://schema.org/p> _:ok .\n_:ok <https://schema.org/p> _:ok. .\n',
    b'<urn:x> <https://schema.org/p> _:ok .\n<urn:x> <https://schema.org/p> _:a! .\n',  # predicate met before
])
def test_plain_ntriples_index_refuses_what_is_not_n_triples(line: bytes) -> None:
    from sendlocaloffer.formats import _rdf_read

    assert _rdf_read._index_plain_ntriples(line.decode(), "x") is None
    with pytest.raises(ReadError):
        _read(line, "ntriples")


@pytest.mark.parametrize("data", [
    b'<urn:x> <https://schema.org/p> _:b0 .\n _:b0 <https://schema.org/q> "x" .\n',
    b'<urn:x> <https://schema.org/p> _:b0 .\n<urn:x> <https://schema.org/p> _:b1  .\n',
])
def test_plain_ntriples_leaves_other_spacing_around_blank_nodes_to_the_full_parser(data: bytes) -> None:
    from sendlocaloffer.formats import _rdf_read

    assert _rdf_read._index_plain_ntriples(data.decode(), "x") is None
    index, _ = _rdf_read.parse(data, "ntriples", "x")
    assert sum(len(objs) for props in index.values() for objs in props.values()) == 2
