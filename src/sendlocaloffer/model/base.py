"""The base class of every model object."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator
from typing_extensions import Self


class _SharedFieldsSet(set[str]):
    """The names of the fields given, shared by every object given the same ones.

    pydantic keeps one such set per object; on a large offer they were nearly a third of its
    memory. :class:`ModelBase` replaces a shared set with a private copy before it changes one,
    so sharing is invisible to users.
    """

    __slots__ = ()


_FIELDS_SETS: dict[frozenset[str], _SharedFieldsSet] = {}


class ModelBase(BaseModel):
    """Unknown fields are refused, so a misspelt field is reported rather than lost."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        use_enum_values=True,
        ser_json_timedelta="iso8601",
        revalidate_instances="never",
    )

    @model_validator(mode="after")
    def _share_fields_set(self) -> Self:
        given = self.__pydantic_fields_set__
        key = frozenset(given)
        shared = _FIELDS_SETS.get(key)
        if shared is None:
            shared = _FIELDS_SETS.setdefault(key, _SharedFieldsSet(given))
        object.__setattr__(self, "__pydantic_fields_set__", shared)
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        if type(self.__pydantic_fields_set__) is _SharedFieldsSet:
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        if type(self.__pydantic_fields_set__) is _SharedFieldsSet:
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        super().__delattr__(name)
