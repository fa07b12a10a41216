"""From data to a model: model errors as findings, and the most of an offer that is valid.

Every reader ends here. A reader builds plain data (dicts and lists, with a map from JSON
pointer to source place when it knows one) and calls :func:`build_offer`, which validates it,
turns each pydantic error into a :class:`~sendlocaloffer.checks.findings.Finding` with the
field's title, the JSON pointer and the place in the source, and, when the whole offer is not
valid, drops the least it must (a bad optional field, then the object holding it) so that the
rules can still run on the rest. What was dropped is exactly what the findings name.
"""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from .checks.findings import Finding, Severity, SourceLocation, pointer, shorten
from .model import LocalOffer

__all__ = ["build_offer", "field_title", "findings_from_error"]

LocationLookup = Callable[[str], "SourceLocation | None"]

_CODES: dict[str, tuple[str, str | None]] = {
    "missing": ("field.missing", None),
    "extra_forbidden": ("field.unknown", None),
    "vocabulary": ("field.vocabulary", "sendlocaloffer vocabularies (SEND Code of Practice 0-25, 2015)"),
    "postcode": ("field.postcode", "Royal Mail Postcode Address File format (BS 7666)"),
    "phone": ("field.phone", "Ofcom National Telephone Numbering Plan"),
    "email": ("field.email", "WHATWG HTML: valid e-mail address"),
    "url": ("field.url", "RFC 3986 (http and https only)"),
    "gss_code": ("field.area_code", "ONS Geography: GSS codes"),
    "uprn": ("field.uprn", "BS 7666: Unique Property Reference Number"),
    "uuid_parsing": ("field.id", "RFC 9562 (UUID)"),
    "uuid_type": ("field.id", "RFC 9562 (UUID)"),
    "string_too_long": ("field.too_long", None),
    "too_short": ("field.too_short", None),
}
_AGE_CITATION = "Children and Families Act 2014 s30 (ages 0-25)"


def _strip_optional(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _strip_optional(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _strip_optional(args[0]) if len(args) == 1 else tp
    if origin in (list, tuple, set):
        return _strip_optional(typing.get_args(tp)[0])
    return tp


@cache
def field_title(loc: tuple[str | int, ...], root: type[BaseModel] = LocalOffer) -> tuple[str, str | None]:
    """The title of the field at ``loc`` and the title of the object holding it."""
    cls: Any = root
    title = root.model_config.get("title") or root.__name__
    parent: str | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(cls, "model_fields", None)
        if not fields or part not in fields:
            return (str(part), title)
        info = fields[part]
        parent, title = title, info.title or str(part)
        cls = _strip_optional(info.annotation)
    return title, parent


def findings_from_error(error: ValidationError, locate: LocationLookup | None = None,
                        prefix: tuple[str | int, ...] = ()) -> list[Finding]:
    """One finding per pydantic error, with a message an officer can act on."""
    out: list[Finding] = []
    for err in error.errors(include_url=False):
        loc = tuple(prefix) + tuple(err["loc"])
        path = pointer(loc)
        kind = err["type"]
        code, citation = _CODES.get(kind, ("field.invalid", None))
        title, parent = field_title(tuple(p for p in loc if isinstance(p, (str, int))))
        value = err.get("input")
        if kind == "missing":
            message = f"{title} is required{' in ' + parent if parent else ''}: fill it in."
            value = None
        elif kind == "extra_forbidden":
            message = f"'{loc[-1]}' is not a field of {parent or 'the offer'}: check the spelling, or move the value to the right field."
        elif kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
            code = "field.range"
            message = f"{title}: {err['msg'].replace('Input should be', 'must be')} (it is {shorten(value)})."
            if "age" in str(loc[-1]):
                citation = _AGE_CITATION
        elif kind == "value_error":
            message = f"{title}: {str(err['msg']).removeprefix('Value error, ')}."
            if "age" in str(err["msg"]):
                citation = _AGE_CITATION
        elif kind.endswith("_type") or kind.endswith("_parsing"):
            if code == "field.invalid":
                code = "field.type"
            message = f"{title}: {err['msg'].replace('Input should be', 'should be')}; it is {shorten(value)!r}."
        else:
            message = f"{title}: {err['msg']}"
        if isinstance(value, (dict, list)):
            value = None
        out.append(
            Finding(
                code=code,
                severity=Severity.ERROR,
                message=message,
                path=path,
                location=locate(path) if locate else None,
                citation=citation,
                value=shorten(value),
            )
        )
    return out


def _delete(data: Any, loc: tuple[Any, ...]) -> bool:
    """Delete the value at ``loc``; False when there is nothing to delete there."""
    node = data
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = loc[-1] if loc else None
    if isinstance(node, dict) and last in node:
        del node[last]
        return True
    if isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node):
        node[last] = _DROPPED
        return True
    return False


_DROPPED = object()


def _compact(node: Any) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            node[key] = _compact(value)
        return node
    if isinstance(node, list):
        return [_compact(v) for v in node if v is not _DROPPED]
    return node


def _enclosing_item(loc: tuple[Any, ...]) -> tuple[Any, ...] | None:
    for i in range(len(loc) - 1, -1, -1):
        if isinstance(loc[i], int):
            return loc[: i + 1]
    return None


def build_offer(data: Mapping[str, Any], locate: LocationLookup | None = None,
                *, validated: LocalOffer | None = None, error: ValidationError | None = None,
                strict: bool = False) -> tuple[LocalOffer | None, list[Finding]]:
    """Validate ``data`` as an offer. Returns the offer (or the most of it that is valid, or
    None) and the findings; ``locate`` maps a JSON pointer to its place in the source."""
    if validated is not None:
        return validated, []
    if error is None:
        try:
            return LocalOffer.model_validate(data, strict=strict), []
        except ValidationError as exc:
            error = exc
    findings = findings_from_error(error, locate)
    work = copy.deepcopy(dict(data))
    errors = error.errors(include_url=False)
    for attempt in range(4):
        touched = False
        for err in errors:
            loc = tuple(err["loc"])
            if attempt == 0 and err["type"] != "missing" and loc:
                touched |= _delete(work, loc)
            else:
                item = _enclosing_item(loc)
                if item is not None:
                    touched |= _delete(work, item)
        work = _compact(work)
        if not touched:
            break
        try:
            return LocalOffer.model_validate(work), findings
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    return None, findings
