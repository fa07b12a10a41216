"""The spreadsheet layout, derived from the model by walking its fields.

Nothing here lists a field by hand. The walk starts at :class:`~sendlocaloffer.model.LocalOffer`:

- every list of objects becomes a sheet of its own (``services`` -> "Services", a service's
  ``opening_hours`` -> "Opening hours"), whose rows are joined to their parent's row by a key
  column holding the parent's name (or id, when the name is not unique);
- a single nested object (a service's ``eligibility``, a location's ``address``) is flattened
  into its parent's sheet, one column a field;
- a list of plain values (needs, languages) is one cell with ``;`` between the items;
- the offer's own fields sit on the "Offer" sheet, in one row;
- headers are the fields' titles; a nested field whose title is already taken in its sheet is
  prefixed with its group's title ("Referral contact: Email"); sheets whose titles clash
  ("Phones") are prefixed with their owner ("Service phones", "Contact phones");
- a field ending ``_id``/``_ids`` refers to the offer's list of the same name
  (``organisation_id`` -> ``organisations``) and may be written as the thing's unique name;
- required ids may be left blank: they are minted with :func:`~sendlocaloffer.model.mint_id`.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any
from uuid import UUID

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .. import vocab
from ..model import LocalOffer

__all__ = ["Column", "Layout", "Sheet", "fold_header", "layout"]

#: The sheet that holds the offer's own fields.
OFFER_SHEET = "Offer"
#: Sheets the writer adds for people, never read as data.
GUIDANCE_SHEET = "Guidance"
LISTS_SHEET = "Lists"
FINDINGS_SHEET = "Findings"
HELPER_SHEETS = (GUIDANCE_SHEET, LISTS_SHEET, FINDINGS_SHEET)
#: The separator between the items of a list in one cell.
SEPARATOR = ";"

# Scalar kinds a column can hold.
TEXT, INT, FLOAT, DECIMAL, BOOL, DATE, TIME, UUID_, VOCAB, JSON, PHONE, REF = (
    "text", "whole number", "number", "amount", "yes/no", "date", "time", "id", "choice", "JSON", "phone", "reference",
)


@dataclass(frozen=True)
class Column:
    """One column of a sheet: where its value goes in the row's object and how it is typed."""

    header: str
    path: tuple[str, ...]
    kind: str
    many: bool = False
    vocabulary: str | None = None
    required: bool = False
    description: str = ""
    example: Any = None
    target: str | None = None
    group: tuple[str, ...] | None = None

    @property
    def pointer(self) -> str:
        return "/" + "/".join(self.path)


@dataclass(frozen=True)
class Link:
    """A key column joining a row to its parent's row on another sheet."""

    header: str
    sheet: str


@dataclass(frozen=True)
class Sheet:
    """A sheet: the list it holds (``path`` from the offer, ``*`` at each list level)."""

    name: str
    path: tuple[str, ...]
    model: type[BaseModel]
    columns: tuple[Column, ...]
    links: tuple[Link, ...] = ()
    parent: str | None = None
    description: str = ""
    id_kind: str | None = None
    key_field: str | None = None
    owner: str = ""

    @cached_property
    def relative(self) -> tuple[str, ...]:
        """The path from the parent row's object to this sheet's list."""
        stars = [i for i, p in enumerate(self.path) if p == "*"]
        start = stars[-2] + 1 if len(stars) >= 2 else 0
        return self.path[start:-1]

    @property
    def label(self) -> str:
        """A row of this sheet, in words: "Service", "Contact"."""
        return _words(self.model.__name__)

    @property
    def headers(self) -> list[str]:
        return [link.header for link in self.links] + [c.header for c in self.columns]


@dataclass
class Layout:
    """Every sheet, in order, with lookups by name."""

    sheets: list[Sheet]
    by_name: dict[str, Sheet] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_name = {s.name: s for s in self.sheets}

    def children(self, name: str) -> list[Sheet]:
        return [s for s in self.sheets if s.parent == name]


def fold_header(text: str) -> str:
    """A header as compared: any case, any spacing, without a trailing ``*`` (required mark)."""
    return " ".join(text.replace("\u00a0", " ").split()).rstrip("*").strip().casefold()


def _words(camel: str) -> str:
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", camel)
    return spaced[:1] + spaced[1:].lower()


@dataclass(frozen=True)
class _Type:
    base: Any
    many: bool
    optional: bool
    vocabulary: str | None
    checked: str | None


def _analyse(info: FieldInfo) -> _Type:
    tp: Any = info.annotation
    metadata: list[Any] = list(info.metadata)
    many = optional = False
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            args = typing.get_args(tp)
            metadata.extend(args[1:])
            tp = args[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            optional = True
            if len(members) != 1:
                break
            tp = members[0]
        elif origin is list:
            many = True
            tp = typing.get_args(tp)[0]
        else:
            break
    vocabulary = next((m.name for m in metadata if type(m).__name__ == "VocabularyCode"), None)
    checked = next((m.kind for m in metadata if type(m).__name__ == "_Checked"), None)
    return _Type(tp, many, optional or not info.is_required(), vocabulary, checked)


def _kind(t: _Type) -> str:
    import datetime as dt
    from decimal import Decimal

    if t.vocabulary:
        return VOCAB
    if t.checked == "phone":
        return PHONE
    if typing.get_origin(t.base) is dict or t.base is dict:
        return JSON
    kinds: dict[Any, str] = {
        bool: BOOL, int: INT, float: FLOAT, Decimal: DECIMAL, dt.date: DATE, dt.time: TIME, UUID: UUID_, str: TEXT,
    }
    return kinds.get(t.base, TEXT)


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _example(info: FieldInfo) -> Any:
    if info.examples:
        return info.examples[0]
    return None


@dataclass
class _Draft:
    name: str
    path: tuple[str, ...]
    model: type[BaseModel]
    parent: str | None
    owner: str
    description: str
    columns: list[tuple[Column, tuple[str, ...]]] = field(default_factory=list)


def _walk(model: type[BaseModel], drafts: list[_Draft], draft: _Draft, prefix: tuple[str, ...],
          groups: tuple[str, ...], group_path: tuple[str, ...] | None, required: bool) -> None:
    for name, info in model.model_fields.items():
        if typing.get_origin(info.annotation) is typing.Literal and len(typing.get_args(info.annotation)) == 1:
            continue  # a constant, such as the schema version: written by the format, never typed
        t = _analyse(info)
        title = info.title or name
        here = (*prefix, name)
        if t.many and _is_model(t.base):
            owner = groups[-1] if groups else _words(model.__name__)
            child = _Draft(title, draft.path + here + ("*",), t.base, draft.name, owner, info.description or "")
            drafts.append(child)
            _walk(t.base, drafts, child, (), (), None, True)
        elif _is_model(t.base):
            optional_group = group_path if group_path is not None else (here if t.optional else None)
            _walk(t.base, drafts, draft, here, (*groups, title), optional_group,
                  required and info.is_required())
        else:
            target = None
            if name.endswith("_id") or name.endswith("_ids"):
                target = name.rsplit("_", 1)[0] + "s"
                if target not in LocalOffer.model_fields:
                    target = None
            column = Column(
                header=title,
                path=here,
                kind=REF if target else _kind(t),
                many=t.many and _kind(t) != JSON,
                vocabulary=t.vocabulary,
                required=required and info.is_required() and not (name == "id" and t.base is UUID),
                description=info.description or "",
                example=_example(info),
                target=target,
                group=group_path,
            )
            draft.columns.append((column, groups))


def _name_columns(draft: _Draft, reserved: set[str]) -> tuple[Column, ...]:
    plain = [fold_header(c.header) for c, _ in draft.columns]
    taken = {h for h, (_, groups) in zip(plain, draft.columns, strict=False) if not groups} | reserved
    counts: dict[str, int] = {}
    for h in plain:
        counts[h] = counts.get(h, 0) + 1
    out: list[Column] = []
    for (column, groups), h in zip(draft.columns, plain, strict=False):
        header = column.header
        if groups and (counts[h] > 1 or h in taken):
            header = f"{groups[-1]}: {column.header}"
            if any(fold_header(header) == fold_header(o.header) for o in out):
                header = ": ".join((*groups, column.header))
        out.append(Column(**{**column.__dict__, "header": header}))
    return tuple(out)


@cache
def layout() -> Layout:
    """The layout of the workbook and of the CSV folder, derived from the model."""
    root = _Draft(OFFER_SHEET, (), LocalOffer, None, "", "The offer's own information, in one row.")
    drafts = [root]
    _walk(LocalOffer, drafts, root, (), (), None, True)
    counts: dict[str, int] = {}
    for d in drafts:
        counts[d.name] = counts.get(d.name, 0) + 1
    for d in drafts:
        if counts[d.name] > 1:
            d.name = f"{d.owner} {d.name[:1].lower()}{d.name[1:]}"[:31]
    by_name = {d.name: d for d in drafts}
    sheets: list[Sheet] = []
    for d in drafts:
        chain: list[_Draft] = []
        parent = d.parent
        while parent is not None and parent != OFFER_SHEET:
            chain.insert(0, by_name[parent])
            parent = by_name[parent].parent
        links = tuple(Link(_words(p.model.__name__), p.name) for p in chain)
        columns = _name_columns(d, {fold_header(link.header) for link in links})
        fields = d.model.model_fields
        key_field = next((k for k in ("name", "title") if k in fields), None)
        id_kind = None
        if "id" in fields and fields["id"].is_required() and len(d.path) == 2:
            id_kind = d.path[0].split("_")[0].rstrip("s")
        sheets.append(Sheet(d.name, d.path, d.model, columns, links, d.parent, d.description, id_kind, key_field,
                            d.owner))
    return Layout(sheets)


@cache
def vocabulary_text(name: str) -> dict[str, str]:
    """What a cell shows for each code: the label, where reading the label gives the code back."""
    v = vocab.get(name)
    out: dict[str, str] = {}
    for term in v.terms:
        label = term.label
        try:
            back = v.normalise(label)
        except vocab.UnknownTermError:
            back = None
        out[term.code] = label if back == term.code and SEPARATOR not in label else term.code
    return out
