"""Cell values both ways: what a council typed into what the model takes, and back.

Conventions (documented in docs/spreadsheets.md):

- Lists: items separated by ``;``; an item's own ``;`` is written ``\\;`` (and a backslash
  before ``;``, another backslash or the end of the item is doubled).
- Formula injection (OWASP "CSV injection"): text starting with ``=``, ``+``, ``-``, ``@``, tab
  or carriage return is, in a workbook, a text cell with the quote-prefix style (Excel's own
  leading apostrophe, which is not part of the value); in a CSV file it is written with a
  leading ``'``. A CSV cell starting with ``'`` always loses that one ``'`` when read, so text
  that really starts with ``'`` is written with two.
- Characters XML 1.0 cannot hold are written as Excel does, ``_xHHHH_`` (ECMA-376 Part 1,
  22.9.2.19 ST_Xstring), and a literal ``_xHHHH_`` as ``_x005F_xHHHH_``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from . import _sheet_layout as L

__all__ = ["cell_writer", "from_cell", "join_items", "split_items", "to_cell"]

Note = Callable[[str, str, str], None]

#: First characters that make a spreadsheet program treat text as a formula.
INJECTION = frozenset("=+-@\t\r")

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\r\x0e-\x1f\ufffe\uffff]")
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")
_BACKSLASH = re.compile(r"\\(?=[\\;]|$)")


def guarded(text: str) -> bool:
    """True when the text would run as a formula if typed into a cell."""
    return bool(text) and text[0] in INJECTION


def xml_escape(text: str) -> str:
    if "_x" in text:
        text = _ESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    return _ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def xml_unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def csv_escape(text: str) -> str:
    return "'" + text if text and (text[0] in INJECTION or text[0] == "'") else text


def csv_unescape(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def join_items(items: list[str]) -> str:
    return "; ".join(_BACKSLASH.sub(r"\\\\", item).replace(";", "\\;") for item in items)


def split_items(text: str) -> list[str]:
    if "\\" not in text:
        return [p.strip() for p in text.split(";") if p.strip()]
    out: list[str] = []
    buf: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in "\\;":
            buf.append(text[i + 1])
            i += 2
            continue
        if ch == ";":
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    out.append("".join(buf))
    return [p.strip() for p in out if p.strip()]


# -- writing ----------------------------------------------------------------------------------

def _time_text(value: dt.time) -> str:
    if value.second == 0 and value.microsecond == 0:
        return value.strftime("%H:%M")
    return value.isoformat()


def cell_writer(column: L.Column) -> Callable[[Any], Any]:
    """A function giving the cell value for a model value of ``column``, decided once a column
    rather than once a cell (the same result as :func:`to_cell`)."""
    kind = column.kind
    if column.many or kind in (L.VOCAB, L.BOOL, L.TIME, L.JSON):
        return lambda value: to_cell(column, value)
    if kind in (L.UUID_, L.REF):
        return lambda value: None if value is None else str(value)
    if kind in (L.TEXT, L.PHONE):
        return lambda value: value if value != "" else None
    return lambda value: value


def to_cell(column: L.Column, value: Any) -> Any:
    """The value a cell holds for a model value: text, a number, a date, or None for blank."""
    if value is None:
        return None
    if column.many:
        if not value:
            return None
        if column.kind == L.VOCAB:
            labels = L.vocabulary_text(column.vocabulary or "")
            return join_items([labels.get(v, v) for v in value])
        return join_items([str(v) for v in value])
    kind = column.kind
    if kind == L.VOCAB:
        return L.vocabulary_text(column.vocabulary or "").get(value, value)
    if kind == L.BOOL:
        return "Yes" if value else "No"
    if kind == L.TIME:
        return _time_text(value)
    if kind == L.JSON:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")) if value else None
    if kind in (L.UUID_, L.REF):
        return str(value)
    if kind == L.TEXT or kind == L.PHONE:
        return value if value != "" else None
    return value


# -- reading ----------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+)?$")
_UK = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$")
_LEADING = " \n\u00a0"
_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _text(raw: Any) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "Yes" if raw else "No"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
    if isinstance(raw, (dt.date, dt.time)):
        return raw.isoformat()
    return str(raw)


def _date(raw: Any, note: Note) -> Any:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if 1 <= raw < 2958466:
            value = _EXCEL_EPOCH + dt.timedelta(days=int(raw))
            note("cell.date_as_number", "warning",
                 f"the date was stored as the number {raw:g} and read as {value.isoformat()}; format the column as a date")
            return value
        return raw
    text = _text(raw)
    m = _ISO.match(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _UK.match(text)
        if not m:
            return text
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        if y < 100:
            y += 2000
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return text


def _time(raw: Any) -> Any:
    if isinstance(raw, dt.datetime):
        return raw.time()
    if isinstance(raw, dt.time):
        return raw
    if isinstance(raw, float) and 0 <= raw < 1:
        seconds = round(raw * 86400)
        return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)
    text = _text(raw)
    m = _TIME.match(text)
    if not m:
        return text
    try:
        return dt.time(int(m[1]), int(m[2]), int(m[3] or 0), int((m[4] or "0").ljust(6, "0")))
    except ValueError:
        return text


def _bool(raw: Any) -> Any:
    if isinstance(raw, bool):
        return raw
    text = _text(raw).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return _text(raw)


def _int(raw: Any) -> Any:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else raw
    text = _text(raw).replace(",", "")
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() else text


def _float(raw: Any) -> Any:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return float(raw)
    text = _text(raw)
    try:
        return float(text)
    except ValueError:
        return text


def _decimal(raw: Any) -> Any:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return Decimal(repr(raw))
    text = _text(raw).replace("£", "").replace(",", "").strip()
    try:
        return Decimal(text)
    except InvalidOperation:
        return _text(raw)


def _phone(raw: Any, note: Note) -> Any:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = _text(raw).strip()
    digits = text.replace(" ", "")
    if digits.isdigit() and 9 <= len(digits) <= 10 and digits[0] not in "0" and not digits.startswith("44"):
        restored = "0" + digits
        note("cell.phone_leading_zero", "warning",
             f"the phone number {text} had lost its leading 0 (stored as a number); read as {restored}. "
             "Format the column as text so the 0 stays")
        return restored
    return text


def _one(kind: str, raw: Any, note: Note) -> Any:
    if kind in (L.TEXT, L.UUID_, L.REF, L.VOCAB):
        return _text(raw)
    if kind == L.DATE:
        return _date(raw, note)
    if kind == L.TIME:
        return _time(raw)
    if kind == L.BOOL:
        return _bool(raw)
    if kind == L.INT:
        return _int(raw)
    if kind == L.FLOAT:
        return _float(raw)
    if kind == L.DECIMAL:
        return _decimal(raw)
    if kind == L.PHONE:
        return _phone(raw, note)
    return _text(raw)


def from_cell(column: L.Column, raw: Any, note: Note) -> Any:
    """The model's value for what a cell holds (trimmed; ``None`` for blank). What cannot be
    converted is passed on as typed, so the model reports it at this cell."""
    if isinstance(raw, str):
        # Stray spaces and line breaks go; a leading tab or carriage return is kept, since only
        # the formula-injection guard writes one there (and reads it back).
        raw = raw.lstrip(_LEADING).rstrip()
        if not raw:
            return None
    if column.kind == L.JSON:
        try:
            value = json.loads(_text(raw))
        except json.JSONDecodeError as exc:
            note("cell.json", "error", f"not valid JSON ({exc.msg} at character {exc.pos + 1}); write it like {{\"key\": \"value\"}}")
            return None
        return value
    if column.many:
        text = _text(raw)
        return [_one(column.kind, item, note) for item in split_items(text)]
    return _one(column.kind, raw, note)


def uuid_or_none(text: str) -> UUID | None:
    try:
        return UUID(text)
    except ValueError:
        return None
