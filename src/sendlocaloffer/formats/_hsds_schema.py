"""Checking Open Referral records against the official modular JSON Schemas.

The per-object schema files (``service.json``, ``phone.json``...) have no ``$id`` and refer to
each other by relative name (HSDS) or by absolute URL (Open Referral UK), so each file is
registered under its name and its published URL; nothing is fetched. Formats (uuid, email,
uri, date, date-time) are checked. jsonschema-rs is used when it is installed (about 150
times faster), jsonschema otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

__all__ = ["SchemaChecker", "engines"]

ORUK_BASE = "https://openreferraluk.org/specifications/3.0/schema/"
_LOCAL_BASE = "https://schemas.sendlocaloffer.invalid/hsds/"
# RFC 3986 absolute URI: a scheme, then no spaces or characters outside the grammar.
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*$")


def engines() -> list[str]:
    """The validators available here: ``jsonschema-rs`` when installed, and ``jsonschema``."""
    out: list[str] = []
    try:
        import jsonschema_rs  # noqa: F401

        out.append("jsonschema-rs")
    except ImportError:  # pragma: no cover
        pass
    try:
        import jsonschema  # noqa: F401

        out.append("jsonschema")
    except ImportError:  # pragma: no cover
        pass
    return out


def _load(folder: Path) -> dict[str, Any]:
    return {p.name: json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.json")) if p.name != "openapi.json"}


def _uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_URI.match(value))


def _date(value: object) -> bool:
    return not isinstance(value, str) or (len(value) == 10 and dt.date.fromisoformat(value) is not None)


def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return "T" in value.upper()


class SchemaChecker:
    """Validates records against one object schema (``service.json`` by default) of a folder
    of modular schema files, such as ``hsds-3.1/schema`` or ``oruk-3.0/schema``."""

    def __init__(self, folder: str | Path, root: str = "service.json", *, engine: str = "auto") -> None:
        self.folder = Path(folder)
        self.root = root
        files = _load(self.folder)
        if root not in files:
            raise FileNotFoundError(f"{self.folder / root} is not there")
        available = engines()
        if engine == "auto":
            engine = available[0] if available else "none"
        if engine not in available:
            raise RuntimeError(f"the {engine} validator is not installed")
        self.engine = engine
        self._check: Callable[[Any], list[str]]
        if engine == "jsonschema-rs":
            self._check = self._rust(files)
        else:
            self._check = self._python(files)

    def _rust(self, files: dict[str, Any]) -> Callable[[Any], list[str]]:
        import jsonschema_rs

        resources = []
        for name, contents in files.items():
            resources.append((_LOCAL_BASE + name, contents))
            resources.append((ORUK_BASE + name, contents))
        registry = jsonschema_rs.Registry(resources)
        validator = jsonschema_rs.Draft202012Validator(
            {"$ref": _LOCAL_BASE + self.root}, validate_formats=True, registry=registry
        )

        def check(instance: Any) -> list[str]:
            return [f"{'/' + '/'.join(map(str, e.instance_path)) if e.instance_path else '/'}: {e.message}"
                    for e in validator.iter_errors(instance)]

        return check

    def _python(self, files: dict[str, Any]) -> Callable[[Any], list[str]]:
        import jsonschema
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        pairs = []
        for name, contents in files.items():
            resource = Resource.from_contents(contents, default_specification=DRAFT202012)
            pairs.append((_LOCAL_BASE + name, resource))
            pairs.append((ORUK_BASE + name, resource))
        registry: Registry[Any] = Registry().with_resources(pairs)
        checker = jsonschema.FormatChecker()

        checker.checks("uri", raises=ValueError)(_uri)
        checker.checks("date", raises=ValueError)(_date)
        checker.checks("date-time", raises=ValueError)(_date_time)

        validator = jsonschema.Draft202012Validator(
            {"$ref": _LOCAL_BASE + self.root}, registry=registry, format_checker=checker
        )

        def check(instance: Any) -> list[str]:
            return [f"{'/' + '/'.join(map(str, e.absolute_path)) if e.absolute_path else '/'}: {e.message}"
                    for e in validator.iter_errors(instance)]

        return check

    def errors(self, instance: Any) -> list[str]:
        """Every schema error for one record, each as ``pointer: message``."""
        return self._check(instance)

    def errors_in(self, records: Iterable[Any]) -> list[str]:
        """Every schema error for many records, each prefixed with the record's index."""
        out: list[str] = []
        for i, record in enumerate(records):
            out.extend(f"[{i}]{e}" for e in self._check(record))
        return out
