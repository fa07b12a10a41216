"""Reading the sheets of the layout (from a workbook or a CSV folder) into an offer.

The format modules hand over tables of raw cell values; this module matches sheets and headers
forgivingly, converts cells, joins rows to their parents, mints blank ids, resolves references
by name, and maps every JSON pointer back to its cell, so that findings from the reader, the
model and the rules all name the sheet, cell, column header and row key.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from ..checks.findings import Finding, Severity, SourceLocation, shorten
from ..loading import build_offer
from ..model import LocalOffer, mint_id, offer_namespace
from . import _sheet_layout as L
from ._sheet_values import from_cell, uuid_or_none
from .base import ReadResult

__all__ = ["Formula", "Table", "cell_ref", "read_tables"]

#: Excel's limit on the characters in one cell.
EXCEL_CELL_LIMIT = 32_767
_ORDINAL = re.compile(r"^#(\d+)$")
_SHARE_LIMIT = 200
_HEADER_SEARCH = 10


class Formula:
    """A cell holding a formula: reported, never evaluated, its saved result never used."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


@dataclass
class Table:
    """One sheet (or CSV file) as the format read it: rows of raw values, numbered from 1."""

    name: str
    rows: Callable[[], Iterator[tuple[int, Sequence[Any]]]]
    hidden: bool = False
    merged: Sequence[str] = ()
    findings: list[Finding] = field(default_factory=list)


def _quote(sheet: str) -> str:
    return sheet if re.fullmatch(r"[A-Za-z0-9_.]+", sheet) else "'" + sheet.replace("'", "''") + "'"


def cell_ref(sheet: str, column: int, row: int) -> str:
    """``Services!F12``, or ``'Opening hours'!B3`` where the sheet name needs quoting."""
    return f"{_quote(sheet)}!{get_column_letter(column)}{row}"


def fold_name(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Entry:
    __slots__ = ("data", "id", "key", "pointer", "row", "sheet")

    def __init__(self, data: dict[str, Any], sheet: str, row: int, key: str, pointer: str) -> None:
        self.data = data
        self.sheet = sheet
        self.row = row
        self.key = key
        self.pointer = pointer
        self.id: str | None = None


_RELEASED: dict[str, Any] = {}


class _Index:
    __slots__ = ("by_id", "by_name", "items")

    def __init__(self) -> None:
        self.by_id: dict[str, _Entry] = {}
        self.by_name: dict[str, list[_Entry]] = {}
        self.items: list[_Entry] = []


@dataclass
class _Placed:
    """Where a matched sheet's columns are: column number by field path and link number."""

    table: str
    sheet: L.Sheet
    columns: dict[tuple[str, ...], tuple[int, str]] = field(default_factory=dict)
    first: int = 1


class _Reader:
    def __init__(self, file: str, fmt: str) -> None:
        self.file = file
        self.fmt = fmt
        self.layout = L.layout()
        self.findings: list[Finding] = []
        self.root: dict[str, Any] = {}
        self.entries: dict[str, _Entry] = {}
        self.indexes: dict[tuple[str, int], _Index] = {}
        self.placed: dict[str, _Placed] = {}
        self.namespace: UUID | None = None
        self.sheet_of: dict[str, str] = {}
        self.renumbered: dict[str, list[int]] = {}
        self.memo: dict[Any, Any] = {}

    # -- findings --------------------------------------------------------------------------

    def place(self, table: str, column: int | None, row: int | None, header: str | None = None,
              row_key: str | None = None) -> SourceLocation:
        cell = cell_ref(table, column, row) if column is not None and row is not None else None
        return SourceLocation(file=self.file, sheet=table, cell=cell, header=header, row_key=row_key or None)

    def add(self, code: str, severity: str, message: str, location: SourceLocation, *, path: str = "",
            value: Any = None) -> None:
        self.findings.append(Finding(code=code, severity=Severity(severity), message=message, path=path,
                                     location=location, value=shorten(value) if value is not None else None))

    def locate(self, pointer: str) -> SourceLocation | None:
        parts = pointer.split("/")[1:] if pointer else []
        entry = None
        n = len(parts)
        while n >= 0:
            entry = self.entries.get("/" + "/".join(parts[:n]) if n else "")
            if entry is not None:
                break
            n -= 1
        if entry is None:
            return None
        placed = self.placed.get(entry.sheet)
        if placed is None:
            return SourceLocation(file=self.file, sheet=entry.sheet, row_key=entry.key or None)
        rest = tuple(p for p in parts[n:] if not p.isdigit())
        while rest:
            hit = placed.columns.get(rest)
            if hit is None:
                hit = next((v for k, v in placed.columns.items() if k[: len(rest)] == rest), None)
            if hit is not None:
                return self.place(placed.table, hit[0], entry.row, hit[1], entry.key)
            rest = rest[:-1]
        child = self.child_sheet(entry, parts[n:])
        if child is not None:
            return child
        return self.place(placed.table, placed.first, entry.row, None, entry.key)

    def child_sheet(self, entry: _Entry, rest: list[str]) -> SourceLocation | None:
        """For a pointer at a whole list (``/services``), the sheet that holds it."""
        sheet = self.layout.by_name.get(self.sheet_of.get(entry.sheet, ""))
        if sheet is None:
            return None
        for child in self.layout.children(sheet.name):
            if tuple(rest) == child.relative:
                table = next((p.table for p in self.placed.values() if p.sheet.name == child.name), child.name)
                return SourceLocation(file=self.file, sheet=table, row_key=(entry.key or None) if entry.pointer else None)
        return None

    def release(self) -> dict[str, list[str]]:
        """Validate each top-level item on its own and let its plain data go, so that a large
        offer is never held twice (as data and as model) at once. Items the model rejects stay
        as data for :func:`build_offer` to report. Returns the ids of each list's rows."""
        for entry in self.entries.values():
            entry.data = _RELEASED
        self.indexes.clear()
        ids: dict[str, list[str]] = {}
        for sheet in self.layout.sheets:
            if len(sheet.path) != 2:
                continue
            items = self.root.get(sheet.path[0]) or []
            ids[sheet.path[0]] = [str(d.get("id", "")).lower() for d in items]
            for i, data in enumerate(items):
                with contextlib.suppress(ValidationError):  # build_offer reports it, at its cells
                    items[i] = sheet.model.model_validate(data)
        return ids

    def renumber(self, offer: LocalOffer | None, ids: dict[str, list[str]]) -> None:
        """Note where the model dropped invalid items from the offer's lists, so that a rule
        finding's path into the offer that was read maps back to the row it came from."""
        if offer is None:
            return
        for name, original in ids.items():
            final = getattr(offer, name)
            if len(final) != len(original):
                where = {ident: i for i, ident in enumerate(original)}
                self.renumbered[name] = [where.get(str(getattr(it, "id", "")).lower(), -1) for it in final]

    def locator(self, pointers: Sequence[str]) -> dict[str, SourceLocation]:
        """Places for paths into the offer as read (after the model dropped what it must)."""
        out: dict[str, SourceLocation] = {}
        for p in pointers:
            parts = p.split("/")
            table = self.renumbered.get(parts[1]) if len(parts) > 2 else None
            if table is not None and parts[2].isdigit():
                index = int(parts[2])
                if index >= len(table) or table[index] < 0:
                    continue
                parts[2] = str(table[index])
            found = self.locate("/".join(parts))
            if found is not None:
                out[p] = found
        return out

    # -- sheets ----------------------------------------------------------------------------

    def match_tables(self, tables: Iterable[Table]) -> dict[str, Table]:
        wanted = {L.fold_header(s.name): s.name for s in self.layout.sheets}
        helpers = {L.fold_header(h) for h in L.HELPER_SHEETS}
        matched: dict[str, Table] = {}
        for table in tables:
            self.findings.extend(table.findings)
            key = L.fold_header(table.name.removesuffix(".csv").removesuffix(".CSV"))
            name = wanted.get(key)
            if name is None:
                if key not in helpers:
                    self.add("sheet.unknown", "warning",
                             f"the sheet {table.name!r} is not part of the layout and was not read; known sheets: "
                             + ", ".join(s.name for s in self.layout.sheets),
                             SourceLocation(file=self.file, sheet=table.name))
                continue
            if name in matched:
                self.add("sheet.duplicate", "error",
                         f"the sheets {matched[name].name!r} and {table.name!r} both hold {name}; only the first was read",
                         SourceLocation(file=self.file, sheet=table.name))
                continue
            if table.hidden:
                self.add("sheet.hidden", "warning",
                         f"the sheet {table.name!r} is hidden; its rows were read. Unhide it to check what it holds",
                         SourceLocation(file=self.file, sheet=table.name))
            for ref in table.merged:
                first = ref.split(":")[0]
                self.add("cell.merged", "warning",
                         f"cells {ref} are merged, so only {first} holds a value; unmerge them and fill in each cell",
                         SourceLocation(file=self.file, sheet=table.name, cell=f"{_quote(table.name)}!{first}"))
            matched[name] = table
        return matched

    def read_sheet(self, sheet: L.Sheet, table: Table) -> None:
        lookup: dict[str, tuple[str, Any]] = {}
        for i, link in enumerate(sheet.links):
            lookup[L.fold_header(link.header)] = ("link", i)
        for column in sheet.columns:
            lookup.setdefault(L.fold_header(column.header), ("col", column))
            lookup.setdefault(".".join(column.path), ("col", column))
        rows = table.rows()
        header_row, headers, rest = self.find_headers(rows, lookup, table.name)
        if not header_row:
            return
        rows = itertools.chain(rest, rows)
        placed = _Placed(table.name, sheet)
        mapped: list[tuple[int, L.Column]] = []
        links: list[int | None] = [None] * len(sheet.links)
        seen: dict[str, int] = {}
        unknown: set[int] = set()
        for idx, raw in enumerate(headers):
            if raw is None or isinstance(raw, Formula) or not str(raw).strip():
                continue
            text = str(raw).strip()
            key = L.fold_header(text)
            hit = lookup.get(key) or lookup.get(text)
            where = self.place(table.name, idx + 1, header_row, text)
            if hit is None:
                unknown.add(idx)
                self.add("column.unknown", "warning",
                         f"the column {text!r} is not part of the {sheet.name} sheet and was not read; "
                         "check its spelling against the template", where, value=text)
                continue
            if key in seen:
                unknown.add(idx)
                self.add("column.duplicate", "error",
                         f"the column {text!r} appears twice; only the first (column {get_column_letter(seen[key] + 1)}) was read",
                         where, value=text)
                continue
            seen[key] = idx
            if hit[0] == "link":
                links[hit[1]] = idx
            else:
                mapped.append((idx, hit[1]))
                placed.columns[hit[1].path] = (idx + 1, hit[1].header)
        placed.first = min([i + 1 for i, _ in mapped] + [i + 1 for i in links if i is not None] + [1])
        self.placed[table.name] = placed
        self.sheet_of[table.name] = sheet.name
        sheet_place = SourceLocation(file=self.file, sheet=table.name)
        for link, at in zip(sheet.links, links, strict=False):
            if at is None:
                self.add("column.missing", "error",
                         f"the {sheet.name} sheet has no {link.header!r} column, so its rows cannot be joined to their "
                         f"{link.header.lower()}; add the column", sheet_place)
                return
        present = {c.path for _, c in mapped}
        for column in sheet.columns:
            if column.required and column.path not in present:
                self.add("column.missing", "error",
                         f"the {sheet.name} sheet has no {column.header!r} column, which is required; add it", sheet_place)
        known = {i for i, _ in mapped} | {i for i in links if i is not None} | unknown | set(seen.values())
        stray: set[int] = set()
        offer_rows = 0
        for number, values in rows:
            if not any(v is not None and (not isinstance(v, str) or v.strip()) for v in values):
                continue
            for idx in range(len(values)):
                if idx not in known and idx not in stray and values[idx] is not None and (
                        not isinstance(values[idx], str) or values[idx].strip()):
                    stray.add(idx)
                    self.add("column.no_header", "warning",
                             f"column {get_column_letter(idx + 1)} holds values but has no header, so it was not read",
                             self.place(table.name, idx + 1, number))
            if not sheet.path:
                offer_rows += 1
                if offer_rows > 1:
                    self.add("sheet.extra_row", "error",
                             f"the {sheet.name} sheet holds one offer, in one row; row {number} was not read",
                             self.place(table.name, placed.first, number))
                    continue
            self.read_row(sheet, table.name, number, values, mapped, links)

    def find_headers(self, rows: Iterator[tuple[int, Sequence[Any]]], lookup: dict[str, tuple[str, Any]],
                     table: str) -> tuple[int, Sequence[Any], list[tuple[int, Sequence[Any]]]]:
        """The header row: the first of the first few non-blank rows that names a known column
        (councils often put a title above the headers), else the first non-blank row. Returns
        it with the rows read past it."""
        seen: list[tuple[int, Sequence[Any]]] = []
        for number, values in rows:
            if any(v is not None and str(v).strip() for v in values):
                seen.append((number, values))
                if any(isinstance(v, str) and (L.fold_header(v) in lookup or v.strip() in lookup) for v in values):
                    for above, _ in seen[:-1]:
                        self.add("sheet.rows_above_headers", "info",
                                 f"row {above} is above the headers (row {number}) and was not read as data",
                                 self.place(table, 1, above))
                    return number, values, []
                if len(seen) >= _HEADER_SEARCH:
                    break
        if not seen:
            return 0, (), []
        return seen[0][0], seen[0][1], seen[1:]

    def read_row(self, sheet: L.Sheet, table: str, number: int, values: Sequence[Any],
                 mapped: list[tuple[int, L.Column]], links: list[int | None]) -> None:
        width = len(values)
        data: dict[str, Any] = {}
        refs: list[tuple[int, L.Column, Any]] = []
        key = ""
        if sheet.key_field:
            for idx, column in mapped:
                if column.path == (sheet.key_field,) and idx < width and values[idx] is not None:
                    key = str(values[idx]).strip()
        parent: _Entry | None = None
        link_keys: list[str] = []
        for level, (link, at) in enumerate(zip(sheet.links, links, strict=False)):
            raw = values[at] if at is not None and at < width else None
            text = "" if raw is None or isinstance(raw, Formula) else str(raw).strip()
            found: _Entry | str = "blank"
            if text:
                found = self.resolve(self.indexes.get((link.sheet, id(parent) if level else 0)), text)
            if isinstance(found, str):
                where = self.place(table, (at or 0) + 1, number, link.header, " / ".join([*link_keys, key]) if key else None)
                if not text:
                    self.add("row.no_parent", "error",
                             f"the {link.header} cell is blank, so this row belongs to nothing; give the "
                             f"{link.header.lower()}'s name or id", where)
                else:
                    self.add("row.no_parent", "error", f"{link.header} {text!r}: {found}", where, value=text)
                return
            parent = found
            link_keys.append(found.key or text)
        row_key = " / ".join(k for k in [*link_keys, key] if k)

        def note_at(idx: int, column: L.Column) -> Callable[[str, str, str], None]:
            def note(code: str, severity: str, message: str) -> None:
                self.add(code, severity, f"{column.header}: {message}", self.place(table, idx + 1, number, column.header, row_key),
                         value=values[idx])
            return note

        memo = self.memo
        mark = len(self.findings)
        for idx, column in mapped:
            raw = values[idx] if idx < width else None
            if raw is None:
                continue
            if isinstance(raw, Formula):
                self.add("cell.formula", "error",
                         f"{column.header} holds the formula {shorten(raw.text, 60)}; formulas are not worked out and "
                         "their saved results are not trusted: type the value itself",
                         self.place(table, idx + 1, number, column.header, row_key), value=raw.text)
                continue
            if isinstance(raw, str) and len(raw) > EXCEL_CELL_LIMIT:
                self.add("cell.too_long", "warning",
                         f"{column.header} holds {len(raw):,} characters, over the {EXCEL_CELL_LIMIT:,} a spreadsheet cell "
                         "can show; Excel cuts it short. Shorten it or link to a page",
                         self.place(table, idx + 1, number, column.header, row_key))
            value = from_cell(column, raw, note_at(idx, column))
            if value is None or value == []:
                continue
            # One object for each distinct short text or date: the model keeps the objects it is
            # given, and a council's sheets repeat the same towns, teams, numbers and dates.
            kind = type(value)
            if kind is str:
                if len(value) <= _SHARE_LIMIT:
                    value = memo.setdefault(value, value)
            elif kind is list:
                value = [memo.setdefault(v, v) if type(v) is str and len(v) <= _SHARE_LIMIT else v for v in value]
            elif kind is dt.date:
                value = memo.setdefault(value, value)
            if column.kind == L.REF:
                refs.append((idx, column, value))
                continue
            _put(data, column.path, value)
        for idx, column, value in refs:
            resolved = self.reference(column, value, functools.partial(self.place, table, idx + 1, number,
                                                                       column.header, row_key))
            if resolved is not None:
                _put(data, column.path, resolved)
        pointer = self.add_entry(sheet, table, number, data, parent, row_key)
        if len(self.findings) > mark:  # the row's own findings learn the JSON pointer of their field
            by_header = {c.header: c for c in sheet.columns}
            for i in range(mark, len(self.findings)):
                f = self.findings[i]
                owner = by_header.get(f.location.header or "") if f.location is not None else None
                if owner is not None:
                    self.findings[i] = f.model_copy(update={"path": pointer + owner.pointer})

    def resolve(self, index: _Index | None, text: str) -> _Entry | str:
        if index is None or not index.items:
            return "there are no rows it could belong to"
        hit = index.by_id.get(text.lower())
        if hit is not None:
            return hit
        named = index.by_name.get(fold_name(text), [])
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            return f"{len(named)} rows have this name (rows {', '.join(str(e.row) for e in named)}); use the id instead"
        m = _ORDINAL.match(text)
        if m and 1 <= int(m[1]) <= len(index.items):
            return index.items[int(m[1]) - 1]
        return "no row has this name or id; check the spelling"

    def reference(self, column: L.Column, value: Any, where: Callable[[], SourceLocation]) -> Any:
        target = next((s for s in self.layout.sheets if s.path == (column.target, "*")), None)
        index = self.indexes.get((target.name, 0)) if target else None
        out: list[str] = []
        for text in value if isinstance(value, list) else [value]:
            if uuid_or_none(text) is not None and (index is None or text.lower() in index.by_id or
                                                   fold_name(text) not in index.by_name):
                out.append(text)
                continue
            found = self.resolve(index, text)
            if isinstance(found, str):
                self.add("cell.reference", "error",
                         f"{column.header} {text!r}: {found} on the {target.name if target else column.target} sheet",
                         where(), value=text)
                continue
            out.append(found.id or "")
        if isinstance(value, list):
            return out
        return out[0] if out else None

    def add_entry(self, sheet: L.Sheet, table: str, number: int, data: dict[str, Any], parent: _Entry | None,
                  row_key: str) -> str:
        """Put a row's data in its place in the offer; returns its JSON pointer."""
        if not sheet.path:
            self.root = data
            self.entries[""] = _Entry(data, table, number, str(data.get("title", "")), "")
            self.mint_offer()
            return ""
        if sheet.id_kind and "id" not in data and self.namespace is not None:
            # A row without a name gets an id from its place, so that the one finding is the name's.
            natural = [str(data[sheet.key_field])] if sheet.key_field in data else [f"{table} row {number}"]
            org = data.get("organisation_id")
            if sheet.id_kind == "service" and org:
                owner = self.indexes.get((_sheet_for(self.layout, "organisations"), 0))
                hit = owner.by_id.get(str(org).lower()) if owner else None
                if hit is not None and hit.data.get("name"):
                    natural.append(str(hit.data["name"]))
            data["id"] = str(mint_id(self.namespace, sheet.id_kind, *natural))
        if parent is None:
            holder = self.root
            base = ""
        else:
            holder = parent.data
            base = parent.pointer
        rel = sheet.relative
        node = holder
        for part in rel[:-1]:
            node = node.setdefault(part, {})
        items = node.setdefault(rel[-1], [])
        pointer = f"{base}/{'/'.join(rel)}/{len(items)}"
        items.append(data)
        entry = _Entry(data, table, number, row_key, pointer)
        self.entries[pointer] = entry
        index = self.indexes.setdefault((sheet.name, id(parent) if parent is not None else 0), _Index())
        index.items.append(entry)
        ident = data.get("id")
        if isinstance(ident, str):
            entry.id = ident
            index.by_id.setdefault(ident.lower(), entry)
        if sheet.key_field and isinstance(data.get(sheet.key_field), str):
            index.by_name.setdefault(fold_name(data[sheet.key_field]), []).append(entry)
        return pointer

    def mint_offer(self) -> None:
        root = self.root
        if "id" not in root:
            la = root.get("local_authority") or {}
            key = la.get("gss_code") or la.get("name")
            if isinstance(key, str) and key.strip():
                root["id"] = str(offer_namespace(key))
        self.namespace = uuid_or_none(str(root.get("id", "")))


def _sheet_for(layout: L.Layout, list_name: str) -> str:
    return next(s.name for s in layout.sheets if s.path == (list_name, "*"))


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def read_tables(file: str, fmt: str, tables: Iterable[Table]) -> ReadResult:
    """Read the tables of a workbook or CSV folder into an offer, with located findings."""
    reader = _Reader(file, fmt)
    matched = reader.match_tables(tables)
    enabled = gc.isenabled()
    gc.disable()  # building many small objects: the collector dominates (DESIGN.md, performance)
    try:
        for sheet in reader.layout.sheets:
            table = matched.get(sheet.name)
            if table is not None:
                reader.read_sheet(sheet, table)
        if L.OFFER_SHEET not in matched:
            reader.add("sheet.missing", "error",
                       f"there is no {L.OFFER_SHEET} sheet, which holds the offer's title and local authority; add it",
                       SourceLocation(file=file))
        reader.memo.clear()
        ids = reader.release()
        offer, model_findings = build_offer(reader.root, reader.locate)
        reader.renumber(offer, ids)
        reader.root = {}
    finally:
        if enabled:
            gc.enable()
    return ReadResult(offer, reader.findings + model_findings, file, fmt, locator=reader.locator)

