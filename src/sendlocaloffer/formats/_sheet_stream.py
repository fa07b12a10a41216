"""The rows of a data sheet as SpreadsheetML text, streamed into the workbook as it is zipped.

openpyxl builds and writes every part of a workbook the library writes: the workbook, the
styles, the header rows with their comments, column widths and formats, frozen panes, the
drop-downs. Only the data rows below the header come from here. openpyxl's write-only sheet
builds and serialises an element tree for every cell, about 11 microseconds each: 9 of the
13 seconds a 10,000-service offer took to write. A row of plain values has a small, fixed
grammar (ECMA-376 Part 1: §18.3.1.73 ``row``, §18.3.1.4 ``c``, §18.3.1.53 ``is``,
§18.4.12 ``t``, §18.3.1.96 ``v``), written here straight from the values.

The text is exactly what openpyxl writes for the same rows, byte for byte (the same cell
types, attributes in the same order, the same number formatting, escaping and
``xml:space``); tests/test_xlsx_stream.py holds it to that, type by type and on whole offers.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from ..errors import FormatError
from ._sheet_read import EXCEL_CELL_LIMIT, _quote
from ._sheet_values import guarded, xml_escape

__all__ = ["CHUNK", "RowStyles", "rows_xml", "text_value"]

#: How much cell text (or how many cells) is gathered before it is encoded and handed to the zip.
CHUNK = 1 << 18
_PARTS = 1 << 13

#: Text a spreadsheet would show as an error value rather than as text.
_ERROR_CODES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})


def text_value(text: str, sheet: str, letter: str, number: int) -> tuple[str, bool]:
    """A text cell's content as it is stored, and whether it must carry the quote prefix.

    Control characters and literal ``_xHHHH_`` are escaped the way Excel stores them
    (ECMA-376 Part 1, §22.9.2.19 ST_Xstring); text longer than a cell holds is refused rather
    than cut; text a spreadsheet would run as a formula, or show as an error, is marked with
    the quote prefix (§18.8.45 ``quotePrefix``) so that it stays text when edited."""
    if "_x" in text or not text.isprintable():
        text = xml_escape(text)
    if len(text) > EXCEL_CELL_LIMIT:
        raise FormatError(f"{_quote(sheet)}!{letter}{number} would hold {len(text):,} characters, over the "
                          "32,767 a spreadsheet cell holds; shorten the text (link to a page for the rest) "
                          "or write another format")
    return text, guarded(text) or text in _ERROR_CODES


class RowStyles:
    """The cell styles data rows use, entered in the workbook's style table through openpyxl
    once, before any row is written, so that their numbers do not depend on the rows."""

    def __init__(self, ws: Any) -> None:
        from openpyxl.cell import WriteOnlyCell

        self.date = WriteOnlyCell(ws, value=dt.date(2000, 1, 1)).style_id
        quoted = WriteOnlyCell(ws, value="")
        quoted.quotePrefix = True
        self.quoted = quoted.style_id


def _escape(text: str) -> str:
    # The character data escapes of the XML 1.0 serialiser openpyxl writes with.
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _inline_string(ref: str, text: str, style: str) -> str:
    stripped = text.strip()
    space = ' xml:space="preserve"' if stripped and stripped != text else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{_escape(text)}</t></is></c>'


# Numbers as openpyxl shows them: %-formatting, which makes a Decimal a float first (str.format
# would not), to 16 significant digits; not-a-number and infinity as an empty value.
_G16 = "%.16g".__mod__


def _number(value: Any) -> str:
    return "" if math.isnan(value) or math.isinf(value) else _G16(value)


def rows_xml(rows: Iterable[list[Any]], sheet: str, first: int, styles: RowStyles) -> Iterator[bytes]:
    """The ``row`` elements for ``rows``, numbered from ``first``, as UTF-8 in chunks."""
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.datetime import to_excel

    date_style = f' s="{styles.date}"'
    quoted_style = f' s="{styles.quoted}"'
    columns: list[str] = []
    parts: list[str] = []
    size = 0
    for number, row in enumerate(rows, first):
        if len(row) > len(columns):
            columns.extend(get_column_letter(i) for i in range(len(columns) + 1, len(row) + 1))
        parts.append(f'<row r="{number}">')
        for letter, value in zip(columns, row, strict=False):
            if value is None:
                continue
            kind = type(value)
            if kind is str:
                if not value:
                    parts.append(f'<c r="{letter}{number}" t="inlineStr" />')
                    continue
                text, quote = text_value(value, sheet, letter, number)
                size += len(text)
                parts.append(_inline_string(f"{letter}{number}", text, quoted_style if quote else ""))
            elif kind is int:
                parts.append(f'<c r="{letter}{number}" t="n"><v>{_G16(value)}</v></c>')
            elif kind is float or kind is Decimal:
                shown = _number(value)
                parts.append(f'<c r="{letter}{number}" t="n"><v>{shown}</v></c>' if shown
                             else f'<c r="{letter}{number}" t="n"><v /></c>')
            elif kind is bool:
                parts.append(f'<c r="{letter}{number}" t="b"><v>{int(value)}</v></c>')
            elif kind is dt.date:
                parts.append(f'<c r="{letter}{number}"{date_style} t="n"><v>{_number(to_excel(value))}</v></c>')
            else:
                raise FormatError(f"{_quote(sheet)}!{letter}{number}: a value of type {kind.__name__} cannot be "
                                  "written to a cell; this is a fault in sendlocaloffer, please report it")
        parts.append("</row>")
        if size >= CHUNK or len(parts) >= _PARTS:
            yield "".join(parts).encode()
            parts.clear()
            size = 0
    if parts:
        yield "".join(parts).encode()
