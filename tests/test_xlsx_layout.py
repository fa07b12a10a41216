"""The spreadsheet layout is derived from the model, complete, unambiguous and documented."""

from __future__ import annotations

import typing

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from sendlocaloffer import vocab
from sendlocaloffer.formats import _sheet_docs
from sendlocaloffer.formats._sheet_layout import fold_header, layout, vocabulary_text
from sendlocaloffer.formats._sheet_values import csv_escape, csv_unescape, join_items, split_items, xml_escape, xml_unescape
from sendlocaloffer.model import LocalOffer

from .conftest import REPO


def _models(cls: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    seen.add(cls)
    for info in cls.model_fields.values():
        stack: list[typing.Any] = [info.annotation]
        while stack:
            tp = stack.pop()
            if isinstance(tp, type) and issubclass(tp, BaseModel) and tp not in seen:
                _models(tp, seen)
            stack.extend(typing.get_args(tp))
    return seen


def test_every_field_of_every_model_has_a_column_or_a_sheet() -> None:
    used: set[tuple[str, str]] = set()
    for sheet in layout().sheets:
        for column in sheet.columns:
            cls: typing.Any = sheet.model
            for part in column.path:
                used.add((cls.__name__, part))
                ann = cls.model_fields[part].annotation
                inner = [a for a in (ann, *typing.get_args(ann)) if isinstance(a, type) and issubclass(a, BaseModel)]
                cls = inner[0] if inner else None
    for sheet in layout().sheets:
        if sheet.parent is not None:
            parent = layout().by_name[sheet.parent].model
            cls = parent
            for part in sheet.relative:
                used.add((cls.__name__, part))
                ann = cls.model_fields[part].annotation
                inner = [a for a in (ann, *typing.get_args(ann)) if isinstance(a, type) and issubclass(a, BaseModel)]
                cls = inner[0] if inner else cls
    missing = sorted(
        f"{cls.__name__}.{name}" for cls in _models(LocalOffer, set()) for name in cls.model_fields
        if (cls.__name__, name) not in used and name != "schema_version"
    )
    assert missing == []


def test_headers_are_unique_on_each_sheet_and_sheet_names_fit_excel() -> None:
    names = [s.name for s in layout().sheets]
    assert len({fold_header(n) for n in names}) == len(names)
    for sheet in layout().sheets:
        assert len(sheet.name) <= 31 and not set(sheet.name) & set(":\\/?*[]")
        headers = [fold_header(h) for h in sheet.headers]
        assert len(set(headers)) == len(headers), sheet.name


def test_the_main_sheets_and_their_keys() -> None:
    sheets = layout().by_name
    assert sheets["Services"].id_kind == "service" and sheets["Services"].key_field == "name"
    assert [link.sheet for link in sheets["Opening hours"].links] == ["Services"]
    assert [link.sheet for link in sheets["Contact phones"].links] == ["Services", "Contacts"]
    assert sheets["Offer"].path == ()
    organisation = next(c for c in sheets["Services"].columns if c.path == ("organisation_id",))
    assert organisation.target == "organisations"


def test_every_label_written_for_a_choice_reads_back_as_its_code() -> None:
    for name in vocab.VOCABULARY_NAMES:
        v = vocab.get(name)
        for code, text in vocabulary_text(name).items():
            assert v.normalise(text) == code


def test_the_docs_list_every_sheet_and_column_as_the_model_has_them() -> None:
    text = (REPO / "docs" / "spreadsheets.md").read_text("utf-8")
    assert _sheet_docs.update(text) == text, (
        "docs/spreadsheets.md has drifted from the model: run  python -m sendlocaloffer.formats._sheet_docs docs/spreadsheets.md")


_items = st.lists(st.text(st.characters(exclude_categories=("Cs",)), min_size=1).map(str.strip).filter(bool), max_size=5)


@given(_items)
def test_list_cells_split_back_into_their_items(items: list[str]) -> None:
    assert split_items(join_items(items)) == [i.strip() for i in items if i.strip()]


@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_csv_and_xml_escapes_are_undone_exactly(text: str) -> None:
    assert csv_unescape(csv_escape(text)) == text
    assert xml_unescape(xml_escape(text)) == text
