"""What changed between two versions of one council's offer: services, organisations and
locations added, removed and changed, field by field, and changes to the offer's own fields.

This is the record a council keeps of its offer being kept under review (Children and Families
Act 2014 s30(9)) and what a portal publishes as its change feed. Items are matched by id, then
(for those left over) by name, so that a service whose id was re-minted is reported as changed
rather than as removed and added.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..errors import SendLocalOfferError
from ..model import LocalOffer, Location, Organisation, Service

__all__ = ["COLLECTIONS", "DifferentCouncilsError", "FieldChange", "ItemChange", "OfferDiff", "diff_offers", "same_council"]

#: The offer's collections compared item by item, with the model class of their items.
COLLECTIONS: tuple[tuple[str, str, type[BaseModel]], ...] = (
    ("services", "service", Service),
    ("organisations", "organisation", Organisation),
    ("locations", "location", Location),
)


class DifferentCouncilsError(SendLocalOfferError):
    """The two offers belong to different councils; comparing them is almost always a mistake."""


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its JSON pointer inside the item, its title, and both values
    (``None`` where the field is absent or empty on that side)."""

    path: str
    title: str
    old: Any
    new: Any

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "title": self.title, "old": self.old, "new": self.new}


@dataclass
class ItemChange:
    """A service, organisation or location that was added, removed or changed."""

    kind: str
    change: str  # added, removed or changed
    id: str
    name: str
    fields: list[FieldChange] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "change": self.change, "id": self.id, "name": self.name}
        if self.change == "changed":
            data["fields"] = [f.to_dict() for f in self.fields]
        return data


@dataclass
class OfferDiff:
    """Everything that differs between an old and a new offer."""

    old_title: str
    new_title: str
    old_authority: str
    new_authority: str
    offer_fields: list[FieldChange]
    items: list[ItemChange]
    forced: bool = False
    #: The names of the organisations and locations of both offers, by id, so that a changed
    #: reference (``/organisation_id``, ``/location_ids``) can be shown by name.
    names: dict[str, str] = field(default_factory=dict)

    def display(self, value: Any) -> Any:
        """``value`` with any organisation or location id replaced by ``name (id)``."""
        if isinstance(value, str) and value in self.names:
            return f"{self.names[value]} ({value})"
        if isinstance(value, list):
            return [self.display(v) for v in value]
        return value

    def __bool__(self) -> bool:
        return bool(self.offer_fields or self.items)

    def select(self, change: str | None = None, kind: str | None = None) -> list[ItemChange]:
        return [i for i in self.items if (change is None or i.change == change) and (kind is None or i.kind == kind)]

    @property
    def added(self) -> list[ItemChange]:
        return self.select("added")

    @property
    def removed(self) -> list[ItemChange]:
        return self.select("removed")

    @property
    def changed(self) -> list[ItemChange]:
        return self.select("changed")

    def counts(self) -> dict[str, dict[str, int]]:
        """Per kind of item, how many were added, removed and changed."""
        out: dict[str, dict[str, int]] = {}
        for _, kind, _ in COLLECTIONS:
            out[kind] = {c: len(self.select(c, kind)) for c in ("added", "removed", "changed")}
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": {"title": self.old_title, "local_authority": self.old_authority},
            "new": {"title": self.new_title, "local_authority": self.new_authority},
            "forced": self.forced,
            "counts": self.counts(),
            "offer": [f.to_dict() for f in self.offer_fields],
            "items": [i.to_dict() for i in self.items],
        }


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def same_council(old: LocalOffer, new: LocalOffer) -> bool:
    """True when both offers are the same council's: the same offer id, the same GSS code, or,
    where either lacks a GSS code, the same council name."""
    if old.id == new.id:
        return True
    a, b = old.local_authority, new.local_authority
    if a.gss_code and b.gss_code:
        return a.gss_code == b.gss_code
    return _fold(a.name) == _fold(b.name)


def _describe(offer: LocalOffer) -> str:
    la = offer.local_authority
    return f"{la.name} ({la.gss_code})" if la.gss_code else la.name


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside a field's annotation (``Contact | None``, ``list[Phone]``...)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def field_title(model: type[BaseModel] | None, parts: Sequence[str]) -> str:
    """A reader's name for a field path, from the model's field titles: ``Eligibility > Maximum age``."""
    titles: list[str] = []
    current = model
    for part in parts:
        if part.isdigit():
            titles[-1:] = [f"{titles[-1]} {int(part) + 1}" if titles else f"item {int(part) + 1}"]
            continue
        info = current.model_fields.get(part) if current is not None else None
        if info is None:
            titles.append(part)
            current = None
            continue
        titles.append(info.title or part)
        current = _model_in(info.annotation)
    return " > ".join(titles)


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _walk(old: Any, new: Any, parts: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any, Any]]:
    """Leaf differences of two JSON values. Objects recurse by key and lists of objects by
    position; lists of plain values (needs, categories, languages) compare as one value."""
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in dict.fromkeys([*old, *new]):
            yield from _walk(old.get(key), new.get(key), (*parts, str(key)))
        return
    if (isinstance(old, list) and isinstance(new, list) and old and new
            and all(isinstance(v, dict) for v in (*old, *new))):
        for i in range(max(len(old), len(new))):
            yield from _walk(old[i] if i < len(old) else None, new[i] if i < len(new) else None, (*parts, str(i)))
        return
    if _empty(old) and _empty(new):
        return
    yield parts, (None if _empty(old) else old), (None if _empty(new) else new)


def field_changes(old: Any, new: Any, model: type[BaseModel] | None, *, skip: Sequence[str] = ()) -> list[FieldChange]:
    """The changed fields between two JSON dumps of ``model`` objects."""
    if isinstance(old, dict) and isinstance(new, dict) and skip:
        old = {k: v for k, v in old.items() if k not in skip}
        new = {k: v for k, v in new.items() if k not in skip}
    return [
        FieldChange("/" + "/".join(_escape(p) for p in parts), field_title(model, parts), a, b)
        for parts, a, b in _walk(old, new, ())
    ]


Item = typing.Union[Service, Organisation, Location]


def _name(item: Item) -> str:
    return item.name or str(item.id)


def _pair(old_items: Sequence[Item], new_items: Sequence[Item]) -> tuple[list[tuple[Item, Item]], list[Item], list[Item]]:
    """Match items by id, then the rest by name; returns (pairs, removed, added)."""
    new_by_id = {i.id: i for i in new_items}
    pairs: list[tuple[Item, Item]] = []
    left_old: list[Item] = []
    matched: set[int] = set()
    for item in old_items:
        other = new_by_id.get(item.id)
        if other is not None and id(other) not in matched:
            pairs.append((item, other))
            matched.add(id(other))
        else:
            left_old.append(item)
    left_new = [i for i in new_items if id(i) not in matched]
    by_name: dict[str, list[Item]] = {}
    for item in left_new:
        by_name.setdefault(_fold(_name(item)), []).append(item)
    removed: list[Item] = []
    for item in left_old:
        candidates = by_name.get(_fold(_name(item)))
        if candidates:
            other = candidates.pop(0)
            pairs.append((item, other))
            matched.add(id(other))
        else:
            removed.append(item)
    added = [i for i in new_items if id(i) not in matched]
    return pairs, removed, added


def _reference_names(*offers: LocalOffer) -> dict[str, str]:
    names: dict[str, str] = {}
    for offer in reversed(offers):  # the first offer's names win
        names.update({str(o.id): o.name for o in offer.organisations})
        names.update({str(loc.id): loc.name for loc in offer.locations})
    return names


def diff_offers(old: LocalOffer, new: LocalOffer, *, force: bool = False) -> OfferDiff:
    """Compare two versions of an offer. Raises :class:`DifferentCouncilsError` when they are
    different councils' offers, unless ``force`` is set."""
    if not force and not same_council(old, new):
        raise DifferentCouncilsError(
            f"these are offers from different councils: the old one is {_describe(old)}'s and the new one "
            f"{_describe(new)}'s; compare two versions of the same council's offer, or pass --force (force=True) "
            "to compare them anyway"
        )
    names = [c for c, _, _ in COLLECTIONS]
    offer_fields = field_changes(
        old.model_dump(mode="json", exclude=set(names)), new.model_dump(mode="json", exclude=set(names)), LocalOffer
    )
    items: list[ItemChange] = []
    for collection, kind, model in COLLECTIONS:
        pairs, removed, added = _pair(getattr(old, collection), getattr(new, collection))
        for item in removed:
            items.append(ItemChange(kind, "removed", str(item.id), _name(item)))
        for item in added:
            items.append(ItemChange(kind, "added", str(item.id), _name(item)))
        for a, b in pairs:
            changes = field_changes(a.model_dump(mode="json"), b.model_dump(mode="json"), model)
            if changes:
                items.append(ItemChange(kind, "changed", str(b.id), _name(b), changes))
    order = {"removed": 0, "added": 1, "changed": 2}
    kinds = {kind: i for i, (_, kind, _) in enumerate(COLLECTIONS)}
    items.sort(key=lambda i: (kinds[i.kind], order[i.change], _fold(i.name), i.id))
    return OfferDiff(
        old_title=old.title,
        new_title=new.title,
        old_authority=_describe(old),
        new_authority=_describe(new),
        offer_fields=offer_fields,
        items=items,
        forced=force and not same_council(old, new),
        names=_reference_names(new, old),
    )
