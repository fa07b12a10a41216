"""An offer as the rows of each sheet of the layout, shared by the workbook and CSV writers."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pydantic import BaseModel

from ..model import LocalOffer
from . import _sheet_layout as L
from ._sheet_values import cell_writer, uuid_or_none

__all__ = ["OfferRows", "row_keys"]

_ORDINAL = re.compile(r"^#\d+$")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def row_keys(items: Sequence[BaseModel]) -> list[str]:
    """The key each item is joined by: its name or title where that is unique among its
    siblings (and could not be mistaken for an id), else its id, else its position ``#n``."""
    if not items:
        return []
    fields = type(items[0]).model_fields
    key_field = next((k for k in ("name", "title") if k in fields), None)
    names: list[str | None] = [getattr(it, key_field) for it in items] if key_field else [None] * len(items)
    counts: dict[str, int] = {}
    for name in names:
        if name:
            counts[_fold(name)] = counts.get(_fold(name), 0) + 1
    out: list[str] = []
    for n, (item, name) in enumerate(zip(items, names, strict=False)):
        if name and counts[_fold(name)] == 1 and name == name.strip() and uuid_or_none(name) is None \
                and not _ORDINAL.match(name):
            out.append(name)
        else:
            ident = getattr(item, "id", None)
            out.append(str(ident) if ident is not None else f"#{n + 1}")
    return out


def _get(obj: Any, path: Sequence[str]) -> Any:
    for part in path:
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


class OfferRows:
    """The rows of each sheet of the layout for one offer (none for no offer).

    The key of each item of a list is worked out once, however many sheets walk through that
    list: every sheet below Services walks all the services."""

    def __init__(self, offer: LocalOffer | None) -> None:
        self.offer = offer
        self._keys: dict[int, tuple[Sequence[BaseModel], list[str]]] = {}
        #: For each list a reference may point into, the key to write for each id.
        self.references: dict[str, dict[str, str]] = {}
        if offer is not None:
            for sheet in L.layout().sheets:
                if len(sheet.path) == 2:
                    items = getattr(offer, sheet.path[0])
                    self.references[sheet.path[0]] = {
                        str(it.id): key for it, key in zip(items, self.keys(items), strict=False)
                        if getattr(it, "id", None)}

    def keys(self, items: Sequence[BaseModel]) -> list[str]:
        """:func:`row_keys` of ``items``, remembered (with the list, so its id stays its own)."""
        seen = self._keys.get(id(items))
        if seen is not None and seen[0] is items:
            return seen[1]
        keys = row_keys(items)
        if len(items) > 1:
            self._keys[id(items)] = (items, keys)
        return keys

    def _walk(self, obj: Any, path: tuple[str, ...], keys: list[str]) -> Iterator[tuple[list[str], Any]]:
        star = path.index("*")
        items = _get(obj, path[:star]) or []
        rest = path[star + 1:]
        if not rest:
            for item in items:
                yield keys, item
            return
        for key, item in zip(self.keys(items), items, strict=False):
            yield from self._walk(item, rest, [*keys, key])

    def count(self, sheet: L.Sheet) -> int:
        """How many rows :meth:`rows` gives, without converting any value."""
        if self.offer is None:
            return 0
        if not sheet.path:
            return 1
        return sum(1 for _ in self._walk(self.offer, sheet.path, []))

    def rows(self, sheet: L.Sheet) -> Iterator[list[Any]]:
        """The rows of one sheet (without its header): link keys, then one value a column."""
        if self.offer is None:
            return
        plan = [(_getter(column.path), _writer(column, self.references)) for column in sheet.columns]
        if not sheet.path:
            pairs: Iterator[tuple[list[str], Any]] = iter([([], self.offer)])
        else:
            pairs = self._walk(self.offer, sheet.path, [])
        for keys, item in pairs:
            yield keys + [write(get(item)) for get, write in plan]


def _getter(path: tuple[str, ...]) -> Callable[[Any], Any]:
    if len(path) == 1:
        return operator.attrgetter(path[0])
    return lambda item: _get(item, path)


def _writer(column: L.Column, refs: dict[str, dict[str, str]]) -> Callable[[Any], Any]:
    write = cell_writer(column)
    if column.kind != L.REF:
        return write
    table = refs.get(column.target or "", {})
    if column.many:
        return lambda value: write(None if value is None else [table.get(str(v), str(v)) for v in value])
    return lambda value: write(None if value is None else table.get(str(value), str(value)))
