"""Open Referral: HSDS 3.0 and 3.1 compiled JSON and the Open Referral UK 3.0 profile, both
ways, and Open Referral UK 1.0 feeds read.

The SEND information travels the standard's own way: needs, provision categories, level,
provider type, in or outside the area, access routes, delivery, cost kind and the EHC plan
requirement are ``attributes`` whose ``taxonomy_term.term_uri`` is the library's stable term
URI (``https://sendlocaloffer.org/vocab/<vocabulary>/<code>``, :data:`VOCAB_BASE`); opening
hours are weekly iCalendar recurrences (``freq``, ``byday``, ``opens_at``, ``closes_at``).
What a profile has no place for is kept in a ``sendlocaloffer`` object beside the standard
fields, so that model -> feed -> model gives the same model. docs/open-referral.md has the
mapping field by field.
"""

from __future__ import annotations

import gc
import json
from typing import Any

from .. import _json
from .._io import DEFAULT_MAX_BYTES, Source, Target, display_name, read_bytes, write_bytes
from ..checks.findings import Finding, SourceLocation
from ..errors import FormatError, ReadError
from ..model import LocalOffer
from ._hsds_common import BLOCK, VOCAB_BASE, term_uri
from ._hsds_read import FeedReader, build
from ._hsds_write import build_feed
from .base import ReadResult

try:  # orjson is an optional speed-up; the output is deterministic either way
    import orjson as _orjson
except ImportError:  # pragma: no cover - exercised where orjson is not installed
    _orjson = None  # type: ignore[assignment]

__all__ = ["VOCAB_BASE", "build_feed", "dumps", "from_data", "read", "sniff", "term_uri", "write"]

PROFILES = ("hsds", "oruk")
HSDS_VERSIONS = ("3.0", "3.1")

#: Above this size, findings carry the JSON pointer but not the line and column.
LOCATE_LIMIT = 50 * 1024 * 1024

_MARKERS = (b'"contents"', b'"service_at_locations"', b'"organization"', b'"organization_id"', b'"eligibilitys"',
            b'"service_taxonomys"', b'"regular_schedules"', b'"taxonomy_term"', b'"location_type"', b'"cost_options"',
            b'"' + BLOCK.encode() + b'"', b'"term_uri"', b'"total_items"', b'"totalElements"')
_ORUK_MARKERS = (b"openreferraluk", b'"oruk-3.0"', b'"eligibilitys"', b'"service_taxonomys"', b'"regular_schedules"',
                 b'"attending_access"', b'"attending_type"')


def sniff(head: bytes, profile: str = "hsds", **_: Any) -> bool:
    """True for an Open Referral feed (an Open Referral UK one for ``profile="oruk"``), never
    for a native document, which names its ``schema_version`` and ``local_authority``."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start not in (b"{", b"["):
        return False
    if b'"schema_version"' in head or b'"local_authority"' in head:
        return False
    if profile == "oruk":
        return any(m in head for m in _ORUK_MARKERS)
    # A bare service (or list of them) names little more than its id, name and status.
    return any(m in head for m in _MARKERS) or (b'"name"' in head and b'"status"' in head)


def dumps(offer: LocalOffer, *, profile: str = "hsds", hsds_version: str = "3.1",
          dfe_categories: bool | None = None) -> bytes:
    """The feed as UTF-8 JSON bytes; the same offer always gives the same bytes.
    ``dfe_categories`` adds the DfE family hubs categories of each service (by default for
    Open Referral UK, which the DfE's service directory reads)."""
    if profile not in PROFILES:
        raise FormatError(f"unknown Open Referral profile {profile!r}; use one of {', '.join(PROFILES)}")
    if hsds_version not in HSDS_VERSIONS:
        raise FormatError(f"unknown HSDS version {hsds_version!r}; use one of {', '.join(HSDS_VERSIONS)}")
    enabled = gc.isenabled()
    gc.disable()  # the collector dominates building many small objects (DESIGN.md, performance)
    try:
        feed = build_feed(offer, profile=profile, hsds_version=hsds_version, dfe_categories=dfe_categories)
        if _orjson is not None:
            return _orjson.dumps(feed, option=_orjson.OPT_INDENT_2) + b"\n"
        return json.dumps(feed, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    finally:
        if enabled:
            gc.enable()


def write(offer: LocalOffer, target: Target, *, profile: str = "hsds", hsds_version: str = "3.1",
          dfe_categories: bool | None = None, **_: Any) -> None:
    """Write the offer as an Open Referral feed (HSDS 3.1 by default; ``hsds_version="3.0"``;
    ``profile="oruk"`` for Open Referral UK 3.0, with the DfE family hubs categories)."""
    write_bytes(target, dumps(offer, profile=profile, hsds_version=hsds_version, dfe_categories=dfe_categories))


def from_data(data: Any, name: str = "<feed>", *, text: str | None = None, profile: str = "hsds") -> ReadResult:
    """Read an already parsed feed (``text`` is its JSON, to give findings lines and columns)."""
    if isinstance(data, dict) and data and all(isinstance(k, str) and k.endswith(".csv") for k in data):
        from .hsds_tabular import from_tables

        return from_tables(data, name)
    reader = FeedReader(name)
    offer, model_findings, dropped = build(reader, data)
    own = reader.findings() + dropped
    pointers = {f.path for f in own}
    places = {f.path: reader.model_place(f.path) for f in model_findings}
    pointers.update(p for p in places.values() if p is not None)
    # A missing field has no place of its own: the object that lacks it stands in.
    pointers |= {p[:i] for p in pointers for i in range(len(p)) if p[i] == "/"}
    located: dict[str, SourceLocation] = {}
    if text is not None and len(text) <= LOCATE_LIMIT and pointers:
        hits = _json.locate(text, pointers)
        lines = _json.line_col(text, [off for off, _ in hits.values()])
        for ptr, (off, _) in hits.items():
            line, col = lines[off]
            located[ptr] = SourceLocation(file=name, line=line, column=col)
    default = SourceLocation(file=name)

    def where(ptr: str | None) -> SourceLocation:
        if ptr is None:
            return default
        hit = located.get(ptr)
        while hit is None and ptr:
            ptr = ptr.rsplit("/", 1)[0]
            hit = located.get(ptr)
        return hit or default

    findings: list[Finding] = [f.with_location(where(f.path)) for f in own]
    for f in model_findings:
        place = places.get(f.path)
        extra = f" (in the feed at {place})" if place else ""
        findings.append(f.model_copy(update={"location": where(place), "message": f.message + extra}))
    fmt = profile
    block = data.get(BLOCK) if isinstance(data, dict) else None
    if reader.version_1 or (isinstance(block, dict) and str(block.get("profile", "")).startswith("oruk")):
        fmt = "oruk"
    return ReadResult(offer, findings, name, fmt)


def read(source: Source, *, profile: str = "hsds", max_bytes: int = DEFAULT_MAX_BYTES, **_: Any) -> ReadResult:
    """Read an HSDS 3.0/3.1 or Open Referral UK 3.0/1.0 feed: one service, a list of them, a
    ``/services`` page, or a feed this library wrote."""
    name = display_name(source)
    data = read_bytes(source, max_bytes)
    text = _json.decode(data, name)
    enabled = gc.isenabled()
    gc.disable()
    try:
        parsed = _json.loads(text, name)
    finally:
        if enabled:
            gc.enable()
    if not isinstance(parsed, (dict, list)):
        raise ReadError(
            f"the document is a JSON {type(parsed).__name__}; an Open Referral feed is a service, a list of services or a page of them",
            location=SourceLocation(file=name, line=1, column=1),
        )
    return from_data(parsed, name, text=text, profile=profile)
