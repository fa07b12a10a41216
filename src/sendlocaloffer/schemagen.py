"""JSON Schemas generated from the model, so they cannot drift from it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .model import SCHEMA_VERSION, LocalOffer

__all__ = ["SCHEMA_FILES", "local_offer_schema", "report_schema", "schema_files", "write_schemas"]

BASE_ID = "https://sendlocaloffer.org/schemas/"


def _models(root: type[BaseModel]) -> dict[str, type[BaseModel]]:
    from .loading import _strip_optional

    seen: dict[str, type[BaseModel]] = {}
    todo = [root]
    while todo:
        cls = todo.pop()
        if cls.__name__ in seen:
            continue
        seen[cls.__name__] = cls
        for info in cls.model_fields.values():
            inner = _strip_optional(info.annotation)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                todo.append(inner)
    return seen


def _keep_titles(schema: dict[str, Any], root: type[BaseModel]) -> None:
    """Give every property its field's title, also beside a ``$ref``, where pydantic leaves
    it out (draft 2020-12 allows keywords beside ``$ref``)."""
    models = _models(root)
    for name, definition in [(root.__name__, schema), *schema.get("$defs", {}).items()]:
        cls = models.get(name)
        if cls is None:
            continue
        for field, prop in definition.get("properties", {}).items():
            title = cls.model_fields[field].title if field in cls.model_fields else None
            if title and "title" not in prop:
                prop["title"] = title


def _schema(model: type[BaseModel], name: str, title: str, description: str) -> dict[str, Any]:
    body = model.model_json_schema(mode="validation", ref_template="#/$defs/{model}")
    _keep_titles(body, model)
    head: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_ID}{SCHEMA_VERSION}/{name}",
        "title": title,
        "description": description,
    }
    body.pop("title", None)
    body.pop("description", None)
    return {**head, **body}


def local_offer_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the native Local Offer document."""
    return _schema(
        LocalOffer,
        "local-offer.schema.json",
        "SEND Local Offer",
        "A council's SEND Local Offer (Children and Families Act 2014 s30; SEND Regulations 2014 "
        "Schedule 2) in the sendlocaloffer format. Generated from the sendlocaloffer model.",
    )


def report_schema() -> dict[str, Any]:
    """The JSON Schema of the validation report that `sendlocaloffer validate --format json` prints."""
    from .checks.findings import Finding
    from .checks.registry import CODE_PATTERN

    finding = Finding.model_json_schema(mode="serialization", ref_template="#/$defs/{model}")
    defs = finding.pop("$defs", {})
    props = finding["properties"]
    # Codes are dotted lower case (rule, model ``field.`` and reader ``input.`` codes alike);
    # paths are JSON pointers (RFC 6901): empty for the whole offer, else starting with "/".
    props["code"]["pattern"] = CODE_PATTERN.pattern
    props["path"]["pattern"] = "^(/.*)?$"
    finding["required"] = ["code", "severity", "message", "path", "location", "citation", "value"]
    defs["Finding"] = finding
    report = {
        "type": "object",
        "additionalProperties": False,
        "required": ["file", "ok", "counts", "findings"],
        "properties": {
            "file": {"type": ["string", "null"], "description": "The file the report is about."},
            "ok": {"type": "boolean", "description": "True when no finding is at or above the failing severity."},
            "counts": {
                "type": "object",
                "description": "The number of findings of each severity.",
                "additionalProperties": False,
                "required": ["error", "warning", "info"],
                "properties": {s: {"type": "integer", "minimum": 0} for s in ("error", "warning", "info")},
            },
            "findings": {"type": "array", "items": {"$ref": "#/$defs/Finding"}},
        },
    }
    defs["Report"] = report
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_ID}{SCHEMA_VERSION}/report.schema.json",
        "title": "sendlocaloffer validation report",
        "description": "One report (an object) or, for several files, an array of reports.",
        "oneOf": [{"$ref": "#/$defs/Report"}, {"type": "array", "items": {"$ref": "#/$defs/Report"}}],
        "$defs": defs,
    }


SCHEMA_FILES = {
    "local-offer.schema.json": local_offer_schema,
    "report.schema.json": report_schema,
}


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema_files() -> dict[str, str]:
    """Every generated schema file's name and text."""
    return {name: dumps(fn()) for name, fn in SCHEMA_FILES.items()}


def write_schemas(folder: str | Path) -> list[Path]:
    from ._io import write_bytes

    out = []
    for name, text in schema_files().items():
        path = Path(folder) / name
        write_bytes(path, text.encode("utf-8"))
        out.append(path)
    return out
