"""The registry of formats, by name and file suffix.

Each format is one module with the same small API::

    def read(source, **options) -> ReadResult        # readers
    def write(offer, target, **options) -> None      # writers
    def sniff(head: bytes) -> bool                   # optional: recognise the content

Modules are imported only when used, so an optional dependency is needed only by the format
that uses it. Third-party formats register with :func:`register` or the
``sendlocaloffer.formats`` entry point group (an entry point naming a :class:`FormatInfo`).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import FormatError

__all__ = ["FormatInfo", "all_formats", "detect", "get", "register"]


@dataclass(frozen=True)
class FormatInfo:
    """A format: its name, the module that implements it, and what it can do."""

    name: str
    module: str
    description: str
    suffixes: tuple[str, ...] = ()
    can_read: bool = True
    can_write: bool = True
    folder: bool = False
    aliases: tuple[str, ...] = ()
    extra: str | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)


_REGISTRY: dict[str, FormatInfo] = {}
_ALIASES: dict[str, str] = {}
_ENTRY_POINTS_LOADED = False


def register(info: FormatInfo) -> None:
    """Add a format (or replace one of the same name)."""
    _REGISTRY[info.name] = info
    for alias in info.aliases:
        _ALIASES[alias] = info.name


_BUILTIN = (
    FormatInfo("json", "sendlocaloffer.formats.native", "sendlocaloffer JSON, the native format", (".json",), aliases=("native",)),
    FormatInfo("hsds", "sendlocaloffer.formats.hsds", "Open Referral HSDS 3.x compiled JSON", (".json",), aliases=("openreferral",), options={"profile": "hsds"}),
    FormatInfo("oruk", "sendlocaloffer.formats.hsds", "Open Referral UK 3.0 JSON (reads ORUK 1.0 too)", (".json",), options={"profile": "oruk"}),
    FormatInfo("hsds-tabular", "sendlocaloffer.formats.hsds_tabular", "HSDS Tabular Data Package: CSV tables and datapackage.json in a folder", (), folder=True),
    FormatInfo("xlsx", "sendlocaloffer.formats.xlsx", "Excel workbook in the sendlocaloffer template layout", (".xlsx",)),
    FormatInfo("csv", "sendlocaloffer.formats.csv_folder", "A folder of CSV files in the template layout", (), folder=True),
    FormatInfo("turtle", "sendlocaloffer.formats.rdf", "RDF Turtle (schema.org, SKOS, DCAT)", (".ttl",), aliases=("ttl",), options={"rdf_format": "turtle"}),
    FormatInfo("ntriples", "sendlocaloffer.formats.rdf", "RDF N-Triples", (".nt",), aliases=("nt",), options={"rdf_format": "ntriples"}),
    FormatInfo("jsonld", "sendlocaloffer.formats.rdf", "JSON-LD", (".jsonld",), aliases=("json-ld",), options={"rdf_format": "jsonld"}),
    FormatInfo("rdfxml", "sendlocaloffer.formats.rdf", "RDF/XML", (".rdf", ".owl"), aliases=("xml", "rdf"), options={"rdf_format": "rdfxml"}),
)
for _info in _BUILTIN:
    register(_info)


def _load_entry_points() -> None:
    global _ENTRY_POINTS_LOADED
    if _ENTRY_POINTS_LOADED:
        return
    _ENTRY_POINTS_LOADED = True
    from importlib.metadata import entry_points

    for ep in entry_points(group="sendlocaloffer.formats"):
        info = ep.load()
        if isinstance(info, FormatInfo):
            register(info)


def all_formats() -> list[FormatInfo]:
    """Every registered format whose module can be found, in registration order."""
    _load_entry_points()
    return [f for f in _REGISTRY.values() if importlib.util.find_spec(f.module) is not None]


def get(name: str) -> FormatInfo:
    """The format called ``name`` (or one of its aliases)."""
    _load_entry_points()
    key = _ALIASES.get(name.lower(), name.lower())
    info = _REGISTRY.get(key)
    if info is None or importlib.util.find_spec(info.module) is None:
        known = ", ".join(f.name for f in all_formats())
        raise FormatError(f"unknown format {name!r}; known formats: {known}")
    return info


def by_suffix(path: str | os.PathLike[str]) -> list[FormatInfo]:
    suffix = Path(path).suffix.lower()
    return [f for f in all_formats() if suffix and suffix in f.suffixes]


def detect(path: str | os.PathLike[str], *, for_writing: bool = False) -> FormatInfo:
    """The format of ``path``: by its content where its suffix is shared (.json), by its
    suffix otherwise, and by what a folder holds."""
    p = Path(path)
    if p.is_dir() or (for_writing and not p.suffix):
        if (p / "datapackage.json").exists():
            return get("hsds-tabular")
        return get("csv")
    if p.name == "datapackage.json":
        return get("hsds-tabular")
    candidates = by_suffix(p)
    if not candidates:
        raise FormatError(
            f"cannot tell the format of {os.fspath(path)!r} from its name; name the format (--from or --to), or use one of: "
            + ", ".join(s for f in all_formats() for s in f.suffixes)
        )
    if len(candidates) == 1 or for_writing or not p.exists():
        return candidates[0]
    with p.open("rb") as fh:
        head = fh.read(65536)
    return sniffed(candidates, head)


def sniffed(candidates: list[FormatInfo], head: bytes) -> FormatInfo:
    """The first of ``candidates`` whose module recognises ``head`` (the first bytes)."""
    for info in candidates:
        sniff = getattr(info.load(), "sniff", None)
        if sniff is not None and sniff(head, **info.options):
            return info
    return candidates[0]
