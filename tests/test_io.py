"""Bounded reading of files and streams."""

from __future__ import annotations

import io
import os
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

import pytest

from sendlocaloffer import _io
from sendlocaloffer.errors import ReadError, UnsafeInputError


def test_reading_a_small_file_takes_about_its_size_not_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "small.nt"
    path.write_bytes(b"<urn:a> <urn:p> <urn:o> .\n" * 1000)
    tracemalloc.start()
    try:
        data = _io.read_bytes(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data == path.read_bytes()
    assert peak < 2 * len(data) + 65536


def test_a_file_that_grew_since_it_was_measured_is_read_to_its_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "grows.nt"
    path.write_bytes(b"x" * 300)
    monkeypatch.setattr(_io.os, "fstat", lambda fd: SimpleNamespace(st_size=10))
    assert _io.read_bytes(path, max_bytes=1000) == b"x" * 300
    with pytest.raises(UnsafeInputError, match="over the limit of 200 bytes"):
        monkeypatch.setattr(Path, "stat", lambda self: os.stat_result((0o100644, 0, 0, 1, 0, 0, 10, 0, 0, 0)))
        _io.read_bytes(path, max_bytes=200)


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.nt"
    path.write_bytes(b"x" * 300)
    with pytest.raises(UnsafeInputError, match="300 bytes, over the limit of 200"):
        _io.read_bytes(path, max_bytes=200)


def test_a_stream_over_the_limit_is_refused() -> None:
    with pytest.raises(UnsafeInputError, match="over the limit of 200"):
        _io.read_bytes(io.BytesIO(b"x" * 300), max_bytes=200)


def test_a_folder_or_a_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="is a folder"):
        _io.read_bytes(tmp_path)
    with pytest.raises(ReadError, match="no such file"):
        _io.read_bytes(tmp_path / "missing.nt")
