"""The native format: the model as JSON, with its schema version.

Reading refuses what Python's ``json`` lets through silently (see :mod:`sendlocaloffer._json`)
and validates strictly, so the JSON Schema in ``schemas/`` and the model agree. Writing is
deterministic: fields in model order, defaults left out, two-space indent, UTF-8, a final
newline.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from .. import _json
from .._io import DEFAULT_MAX_BYTES, Source, Target, atomic_path, display_name, read_bytes
from ..checks.findings import SourceLocation
from ..errors import ReadError
from ..loading import build_offer
from ..model import SCHEMA_VERSION, LocalOffer
from .base import Locator, ReadResult

__all__ = ["dumps", "read", "sniff", "write"]

#: Above this size, findings carry the JSON pointer but not the line and column.
LOCATE_LIMIT = 16 * 1024 * 1024


def sniff(head: bytes, **_: Any) -> bool:
    """True for a native document: it names its schema version and its local authority."""
    return b'"schema_version"' in head or b'"local_authority"' in head


def read(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES, **_: Any) -> ReadResult:
    name = display_name(source)
    data = read_bytes(source, max_bytes)
    text = _json.decode(data, name)
    if len(text) != len(data):
        data = b""  # not plain UTF-8: validate the decoded text, and hold one copy only
    enabled = gc.isenabled()
    gc.disable()  # the collector dominates building many small objects (DESIGN.md, performance)
    try:
        # The careful parse refuses duplicate keys, NaN and the rest; it keeps nothing, so
        # it costs little memory, and the model is then built straight from the text.
        kind = _json.check(text, name)
        if kind != "object":
            raise ReadError(
                f"the document is a JSON {kind}, not an object; a Local Offer is one JSON object",
                location=SourceLocation(file=name, line=1, column=1),
            )
        try:
            offer = LocalOffer.model_validate_json(data or text, strict=True)
        except ValidationError as exc:
            return _with_findings(_json.loads(text, name), exc, text, name)
        return ReadResult(offer, [], name, "json", locator=_locator(source, name))
    finally:
        if enabled:
            gc.enable()


def _locator(source: Source, name: str) -> Locator | None:
    """Places of JSON pointers, found by reading the file again only when asked (so a valid
    offer does not keep its text in memory). Only for files up to :data:`LOCATE_LIMIT`."""
    if not isinstance(source, (str, os.PathLike)):
        return None

    def locate(pointers: Sequence[str]) -> dict[str, SourceLocation]:
        try:
            data = read_bytes(source, LOCATE_LIMIT)
        except ReadError:
            return {}
        text = _json.decode(data, name)
        # A finding about a missing value points at the object that should hold it.
        wanted = set(pointers)
        for p in pointers:
            while p:
                p = p.rsplit("/", 1)[0]
                wanted.add(p)
        hits = _json.locate(text, wanted)
        lines = _json.line_col(text, [off for off, _ in hits.values()])
        out: dict[str, SourceLocation] = {}
        for p in pointers:
            probe = p
            while probe not in hits and probe:
                probe = probe.rsplit("/", 1)[0]
            if probe in hits:
                line, col = lines[hits[probe][0]]
                out[p] = SourceLocation(file=name, line=line, column=col)
        return out

    return locate


def _with_findings(parsed: dict[str, Any], exc: ValidationError, text: str, name: str) -> ReadResult:
    places: dict[str, tuple[int, str]] = {}
    if len(text) <= LOCATE_LIMIT:
        places = _json.locate(text, [_pointer(e["loc"]) for e in exc.errors(include_url=False)])
    lines = _json.line_col(text, [off for off, _ in places.values()]) if places else {}

    def locate(path: str) -> SourceLocation:
        hit = places.get(path)
        if hit is None:
            # A missing field has no place of its own: point at the object that lacks it.
            parent = path.rsplit("/", 1)[0]
            hit = places.get(parent)
            if hit is None and parent:
                more = _json.locate(text, [parent])
                hit = more.get(parent)
                if hit is not None:
                    lines.update(_json.line_col(text, [hit[0]]))
        if hit is None:
            return SourceLocation(file=name)
        line, col = lines[hit[0]]
        return SourceLocation(file=name, line=line, column=col)

    offer, findings = build_offer(parsed, locate, error=exc)
    return ReadResult(offer, findings, name, "json")


def _pointer(loc: tuple[Any, ...]) -> str:
    from ..checks.findings import pointer

    return pointer(loc)


def _chunks(offer: LocalOffer) -> list[bytes | memoryview]:
    """The document in pieces, so a large one is written without copying it whole."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        # Straight to bytes: going through a Python str costs more than the serialising itself
        # on large offers.
        body = LocalOffer.__pydantic_serializer__.to_json(offer, indent=2, exclude_defaults=True)
    finally:
        if enabled:
            gc.enable()
    head = b'{\n  "schema_version": "' + SCHEMA_VERSION.encode() + b'"'
    if body.strip() == b"{}":
        return [head, b"\n}\n"]
    return [head, b",\n", memoryview(body)[2:], b"\n"]


def dumps(offer: LocalOffer) -> bytes:
    """The offer as native JSON bytes; the same offer always gives the same bytes."""
    return b"".join(_chunks(offer))


def write(offer: LocalOffer, target: Target, **_: Any) -> None:
    chunks = _chunks(offer)
    if isinstance(target, (str, os.PathLike)):
        with atomic_path(target) as tmp, tmp.open("wb") as fh:
            fh.writelines(chunks)
    else:
        target.writelines(chunks)
