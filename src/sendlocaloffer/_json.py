"""Careful JSON reading (RFC 8259): what Python's ``json`` lets through silently is refused
with the line and column.

Refused: duplicate keys (the last would win silently), NaN and Infinity, lone surrogates,
integers of more than 20 digits, and nesting deep enough to exhaust Python's stack (the
error points at level :data:`MAX_DEPTH`, deeper than any offer). A UTF-8 byte order
mark is accepted; UTF-16 and UTF-32 (with or without a mark) are decoded.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from typing import Any

from .checks.findings import SourceLocation, pointer
from .errors import ReadError

__all__ = ["MAX_DEPTH", "decode", "loads", "locate"]

MAX_DEPTH = 64
_BIG_INT = 20

_LONE_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<![89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _error(name: str, text: str, offset: int, message: str, path: str | None = None) -> ReadError:
    line, col = _line_col(text, offset)
    return ReadError(message, location=SourceLocation(file=name, line=line, column=col), path=path)


def decode(data: bytes, name: str) -> str:
    """Text from JSON bytes: UTF-8 (a byte order mark is skipped), or UTF-16/32 by mark or by
    the pattern of zero bytes (RFC 8259 section 8.1)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        encoding = "utf-8"
    elif data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        encoding = "utf-32"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif len(data) >= 4 and data[0] == 0 and data[1] == 0:
        encoding = "utf-32-be"
    elif len(data) >= 4 and data[1] == 0 and data[2] == 0 and data[3] == 0:
        encoding = "utf-32-le"
    elif len(data) >= 2 and data[0] == 0:
        encoding = "utf-16-be"
    elif len(data) >= 2 and data[1] == 0:
        encoding = "utf-16-le"
    else:
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode(encoding, errors="replace")
        line, col = _line_col(good, len(good))
        raise ReadError(
            f"the bytes are not valid {encoding.upper()} text (byte {exc.start}); save the file as UTF-8",
            location=SourceLocation(file=name, line=line, column=col),
        ) from None


def _no_constant(token: str) -> Any:
    raise _Refused(f"{token} is not allowed in JSON; write a number, or leave the field out", token)


class _Refused(ValueError):
    def __init__(self, message: str, token: str) -> None:
        super().__init__(message)
        self.token = token


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _int(token: str) -> int:
    if len(token.lstrip("-")) > _BIG_INT:
        raise _Refused(f"the number {token[:12]}... has {len(token)} digits; no field takes a number that large", token)
    return int(token)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return out


def _pairs_checked(pairs: list[tuple[str, Any]]) -> int:
    if len(pairs) > 1 and len({k for k, _ in pairs}) != len(pairs):
        _pairs(pairs)
    return 0


def check(text: str, name: str) -> str:
    """Check JSON text as :func:`loads` does, without keeping what it parses (faster, and
    no memory held); returns the JSON type of the top level: "object", "array"..."""
    loads(text, name, _hook=_pairs_checked)
    first = text.lstrip()[:1]
    return {"{": "object", "[": "array", '"': "string"}.get(first, "number or literal")


def loads(text: str, name: str, *, _hook: Any = _pairs) -> Any:
    """Parse JSON text strictly; a :class:`ReadError` names the line, column and pointer."""
    try:
        value = json.loads(text, object_pairs_hook=_hook, parse_constant=_no_constant, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise _error(name, text, exc.pos, f"this is not valid JSON: {exc.msg}") from None
    except _Duplicate as exc:
        found = locate(text, duplicates=True)
        offset, path = found.get("", (0, ""))
        raise _error(
            name, text, offset,
            f'the key "{exc.key}" appears twice in one object; the second would silently replace the first. Keep one.',
            path,
        ) from None
    except _Refused as exc:
        offset = max(text.find(exc.token), 0)
        raise _error(name, text, offset, str(exc)) from None
    except RecursionError:
        offset = _too_deep(text)
        raise _error(name, text, offset, f"the JSON is nested more than {MAX_DEPTH} levels deep; no offer is") from None
    match = _LONE_SURROGATE.search(text) if "\\u" in text else None
    if match:
        raise _error(name, text, match.start(), "a \\u escape is half of a surrogate pair; the text is not valid Unicode")
    return value


def _too_deep(text: str) -> int:
    depth = 0
    in_string = False
    escaped = False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return i
        elif ch in "]}":
            depth -= 1
    return 0


_TOKEN = re.compile(r'\s*(?:(")|([{}\[\]:,])|([^\s{}\[\]:,"]+))')
_STRING_BODY = re.compile(r'(?:[^"\\]|\\.)*"', re.S)


class _Frame:
    __slots__ = ("index", "is_object", "key", "keys", "want_key")

    def __init__(self, is_object: bool) -> None:
        self.is_object = is_object
        self.index = 0
        self.key: str | None = None
        self.keys: set[str] = set()
        self.want_key = is_object


def locate(text: str, pointers: Iterable[str] = (), *, duplicates: bool = False) -> dict[str, tuple[int, str]]:
    """Offsets of the values at ``pointers`` in JSON ``text``, as ``{pointer: (offset, pointer)}``.

    With ``duplicates``, the first repeated key is returned under ``""`` as (offset of the key,
    pointer of its object). A slow pure-Python scan, used only to place errors."""
    wanted = set(pointers)
    found: dict[str, tuple[int, str]] = {}
    stack: list[_Frame] = []
    parts: list[str | int] = []

    def here() -> str:
        if not stack:
            return ""
        top = stack[-1]
        return pointer([*parts, top.key if top.is_object and top.key is not None else top.index])

    pos = 0
    n = len(text)
    while pos < n:
        m = _TOKEN.match(text, pos)
        if not m or m.lastindex is None:
            break
        start = m.start(m.lastindex)
        pos = m.end()
        if m.group(1):
            body = _STRING_BODY.match(text, pos)
            end = body.end() if body else n
            top = stack[-1] if stack else None
            if top is not None and top.is_object and top.want_key:
                key = json.loads(text[start:end])
                if duplicates and key in top.keys:
                    found[""] = (start, pointer(parts))
                    return found
                top.keys.add(key)
                top.key = key
                top.want_key = False
            elif wanted and here() in wanted:
                found[here()] = (start, here())
            pos = end
        else:
            tok = m.group(2) or m.group(3)
            if tok in ("{", "["):
                if wanted and here() in wanted:
                    found[here()] = (start, here())
                if stack:
                    top = stack[-1]
                    parts.append(top.key if top.is_object and top.key is not None else top.index)
                stack.append(_Frame(tok == "{"))
            elif tok in ("}", "]"):
                if stack:
                    stack.pop()
                if stack:
                    parts.pop()
            elif tok == ",":
                if stack:
                    top = stack[-1]
                    if top.is_object:
                        top.want_key = True
                    else:
                        top.index += 1
            elif tok != ":" and wanted and here() in wanted:
                found[here()] = (start, here())
        if wanted and len(found) == len(wanted):
            break
    return found


def line_col(text: str, offsets: Iterable[int]) -> dict[int, tuple[int, int]]:
    """Line and column (from 1) of each offset, computed in one pass."""
    newlines = [m.start() for m in re.finditer("\n", text)]
    out: dict[int, tuple[int, int]] = {}
    for off in offsets:
        i = bisect.bisect_left(newlines, off)
        line_start = newlines[i - 1] + 1 if i else 0
        out[off] = (i + 1, off - line_start + 1)
    return out
