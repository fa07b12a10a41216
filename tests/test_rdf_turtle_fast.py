"""The line-by-line Turtle indexer (for the layout this library writes) agrees with pyoxigraph,
and leaves any other layout to the full parser."""

from __future__ import annotations

import io
import tracemalloc
from itertools import chain
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendlocaloffer.formats import _rdf_read, rdf
from sendlocaloffer.model import LocalOffer
from tests.conftest import EXAMPLE
from tests.strategies import offers

ox = pytest.importorskip("pyoxigraph", reason="pyoxigraph (the fast extra) is the reference parser here")


def _turtle(offer: LocalOffer) -> bytes:
    import io

    buf = io.BytesIO()
    rdf.write(offer, buf, rdf_format="turtle")
    return buf.getvalue()


def _both(data: bytes) -> tuple[object, object]:
    fast = _rdf_read._index_plain_turtle(data.decode(), "offer.ttl")
    assert fast is not None, "the library's own Turtle should take the fast path"
    full = _rdf_read._index_oxigraph(ox, data, "turtle", "offer.ttl")
    return _rdf_read.to_data(fast[0], "offer.ttl")[0], _rdf_read.to_data(full[0], "offer.ttl")[0]


def test_example_turtle_indexes_the_same_both_ways() -> None:
    data = _turtle(LocalOffer.model_validate_json(EXAMPLE.read_text("utf-8")))
    fast, full = _both(data)
    assert fast == full


@settings(max_examples=20)
@given(offers(max_services=3))
def test_any_offer_turtle_indexes_the_same_both_ways(offer: LocalOffer) -> None:
    fast, full = _both(_turtle(offer))
    assert fast == full


def test_turtle_in_another_layout_goes_to_the_full_parser() -> None:
    import rdflib

    data = _turtle(LocalOffer.model_validate_json(EXAMPLE.read_text("utf-8")))
    graph = rdflib.Graph().parse(data=data, format="turtle")
    other = graph.serialize(format="turtle").encode("utf-8")
    assert _rdf_read._index_plain_turtle(other.decode(), "other.ttl") is None
    assert rdf.read(io.BytesIO(other), rdf_format="turtle").offer == LocalOffer.model_validate_json(EXAMPLE.read_text("utf-8"))


@given(st.text(alphabet="ab\n", max_size=40), st.integers(min_value=0, max_value=6))
def test_lines_come_in_chunks_exactly_as_split_gives_them(text: str, size: int) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_rdf_read, "_CHUNK_CHARS", size)
        assert list(chain.from_iterable(_rdf_read._line_chunks(text))) == text.split("\n")
        if text.endswith("\n"):
            assert list(chain.from_iterable(_rdf_read._line_chunks(text, len(text) - 1))) == text[:-1].split("\n")


@pytest.mark.parametrize("fmt", ["ntriples", "turtle"])
def test_a_file_read_in_small_chunks_indexes_as_in_one(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    buf = io.BytesIO()
    rdf.write(LocalOffer.model_validate_json(EXAMPLE.read_text("utf-8")), buf, rdf_format=fmt)
    data = buf.getvalue().decode()
    plain = _rdf_read._index_plain_ntriples if fmt == "ntriples" else _rdf_read._index_plain_turtle
    whole = plain(data, "offer")
    monkeypatch.setattr(_rdf_read, "_CHUNK_CHARS", 97)  # many chunks, cut mid-statement and mid-node
    chunked = plain(data, "offer")
    assert whole is not None and chunked is not None
    assert chunked == whole


def test_an_empty_ntriples_file_is_an_empty_graph() -> None:
    assert _rdf_read._index_plain_ntriples("", "empty.nt") == ({}, [])


@pytest.mark.parametrize("fmt", ["ntriples", "turtle"])
def test_parsing_lets_the_files_bytes_go_before_building_the_index(fmt: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "offer"
    rdf.write(LocalOffer.model_validate_json(EXAMPLE.read_text("utf-8")), path, rdf_format=fmt)
    size = path.stat().st_size
    # The memory in use as the index starts to be built (not the peak, which other allocations
    # move): holding the bytes there costs their size, letting them go costs nothing.
    indexer = "_index_plain_ntriples" if fmt == "ntriples" else "_index_plain_turtle"
    real = getattr(_rdf_read, indexer)
    in_use: list[int] = []

    def spy(text: str, name: str) -> object:
        in_use.append(tracemalloc.get_traced_memory()[0])
        return real(text, name)

    monkeypatch.setattr(_rdf_read, indexer, spy)

    def at_indexing(hold: bool) -> int:
        in_use.clear()
        tracemalloc.start()
        try:
            if hold:
                data = path.read_bytes()
                _rdf_read.parse(data, fmt, "offer")
            else:  # as rdf.read calls it, keeping no reference of its own
                _rdf_read.parse(path.read_bytes(), fmt, "offer")
        finally:
            tracemalloc.stop()
        assert len(in_use) == 1, "the plain indexer was not used"
        return in_use[0]

    assert at_indexing(hold=True) - at_indexing(hold=False) >= 0.9 * size


def test_reading_lets_the_index_go_before_validating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "offer.nt"
    rdf.write(LocalOffer.model_validate_json(EXAMPLE.read_text("utf-8")), path, rdf_format="ntriples")
    data = path.read_bytes()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        index = _rdf_read.parse(data, "ntriples", "offer")
        index_size = tracemalloc.get_traced_memory()[0] - before
        del index
    finally:
        tracemalloc.stop()

    in_use: dict[str, int] = {}
    real_to_data, real_build = rdf.to_data, rdf.build_offer

    def to_data(*args: object) -> object:
        got = real_to_data(*args)  # type: ignore[arg-type]
        in_use["walked"] = tracemalloc.get_traced_memory()[0]
        return got

    def build_offer(*args: object, **kwargs: object) -> object:
        in_use["validating"] = tracemalloc.get_traced_memory()[0]
        return real_build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rdf, "to_data", to_data)
    monkeypatch.setattr(rdf, "build_offer", build_offer)
    tracemalloc.start()
    try:
        result = rdf.read(path, rdf_format="ntriples")
    finally:
        tracemalloc.stop()
    assert result.offer is not None
    assert in_use["walked"] - in_use["validating"] >= 0.5 * index_size


@pytest.mark.parametrize("fmt", ["ntriples", "turtle"])
def test_objects_shared_between_subjects_stay_each_subjects_own(fmt: str) -> None:
    # A lone object is kept in a tuple shared by every subject with the same predicate and
    # object; a second object for one subject must not reach the others.
    if fmt == "ntriples":
        text = ('<urn:a> <https://schema.org/p> "x" .\n<urn:b> <https://schema.org/p> "x" .\n'
                '<urn:b> <https://schema.org/p> "y" .\n<urn:b> <https://schema.org/p> "x" .\n'
                '<urn:c> <https://schema.org/p> "x" .\n')
        got = _rdf_read._index_plain_ntriples(text, "x.nt")
    else:
        text = ('@prefix schema: <https://schema.org/> .\n\n<urn:a>\n    schema:p "x" .\n\n'
                '<urn:b>\n    schema:p "x" ;\n    schema:p "y" ;\n    schema:p "x" .\n\n<urn:c>\n    schema:p "x" .\n')
        got = _rdf_read._index_plain_turtle(text, "x.ttl")
    assert got is not None
    index = got[0]
    p = "https://schema.org/p"
    assert list(index["urn:a"][p]) == [("x", None, None)]
    assert list(index["urn:b"][p]) == [("x", None, None), ("y", None, None), ("x", None, None)]
    assert list(index["urn:c"][p]) == [("x", None, None)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a\né😀\r", max_size=30), st.integers(min_value=1, max_value=7))
def test_a_files_lines_come_in_pieces_exactly_as_split_gives_them(text: str, size: int) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_rdf_read, "_CHUNK_BYTES", size)  # cut mid-line and mid-character

        def lines(whole_lines: bool) -> list[str]:
            fh = io.BytesIO(text.encode("utf-8"))
            return list(chain.from_iterable(_rdf_read._file_lines(fh, 1 << 20, "f", whole_lines=whole_lines)))

        if "\r" in text:
            with pytest.raises(_rdf_read._NotPlain):
                lines(False)
            return
        assert lines(False) == text.split("\n")
        if text.endswith("\n") or not text:
            assert lines(True) == (text[:-1].split("\n") if text else [])
        else:
            with pytest.raises(_rdf_read._NotPlain):
                lines(True)


def test_a_file_growing_past_the_limit_as_it_is_read_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from sendlocaloffer.errors import UnsafeInputError

    monkeypatch.setattr(_rdf_read, "_CHUNK_BYTES", 4)
    fh = io.BytesIO(b"<urn:a> <urn:p> <urn:o> .\n")
    with pytest.raises(UnsafeInputError, match="over the limit of 10 bytes"):
        list(_rdf_read._file_lines(fh, 10, "f.nt", whole_lines=True))


@pytest.mark.parametrize("fmt", ["ntriples", "turtle"])
def test_a_file_is_indexed_as_it_is_read_never_held_whole(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "offer"
    rdf.write(LocalOffer.model_validate_json(EXAMPLE.read_text("utf-8")), path, rdf_format=fmt)
    data = path.read_bytes()
    size = len(data)
    whole = _rdf_read.parse(data, fmt, "offer")

    def peak(parse: Any) -> int:
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            parse()
            return tracemalloc.get_traced_memory()[1] - before
        finally:
            tracemalloc.stop()

    monkeypatch.setattr(_rdf_read, "_CHUNK_BYTES", 4096)
    # From bytes held elsewhere, parsing decodes the whole text; from the file, a piece at a time.
    from_bytes = peak(lambda: _rdf_read.parse(data, fmt, "offer"))
    from_file = peak(lambda: _rdf_read.parse_source(path, fmt, "offer"))
    assert from_bytes - from_file >= 0.8 * size
    got = _rdf_read.parse_source(path, fmt, "offer")
    assert _rdf_read.to_data(got[0], "offer")[0] == _rdf_read.to_data(whole[0], "offer")[0]


@pytest.mark.parametrize(("fmt", "change"), [
    ("ntriples", lambda d: d[:-1]),  # no newline after the last line
    ("ntriples", lambda d: d.replace(b"\n", b"\r\n")),
    ("turtle", lambda d: d.replace(b"\n", b"\r\n")),
])
def test_a_file_not_in_the_plain_form_is_still_read(fmt: str, change: Any, tmp_path: Path) -> None:
    path = tmp_path / "offer"
    rdf.write(LocalOffer.model_validate_json(EXAMPLE.read_text("utf-8")), path, rdf_format=fmt)
    plain = rdf.read(path, rdf_format=fmt)
    path.write_bytes(change(path.read_bytes()))
    other = rdf.read(path, rdf_format=fmt)
    assert other.offer == plain.offer


def test_a_file_that_is_not_utf8_is_refused_naming_the_line(tmp_path: Path) -> None:
    from sendlocaloffer.errors import ReadError

    path = tmp_path / "offer.nt"
    rdf.write(LocalOffer.model_validate_json(EXAMPLE.read_text("utf-8")), path, rdf_format="ntriples")
    lines = path.read_bytes().split(b"\n")
    lines[40] = lines[40].replace(b'"', b'"\xff', 1) if b'"' in lines[40] else lines[40] + b"\xff"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(ReadError, match="line 41"):
        rdf.read(path, rdf_format="ntriples")
