"""The base class of every model object."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ModelBase(BaseModel):
    """Unknown fields are refused, so a misspelt field is reported rather than lost."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        use_enum_values=True,
        ser_json_timedelta="iso8601",
        revalidate_instances="never",
    )
