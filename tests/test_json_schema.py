"""The JSON Schema is generated from the model, agrees with it, and is committed as generated."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from sendlocaloffer import schemagen
from sendlocaloffer.formats import native
from sendlocaloffer.model import LocalOffer
from tests.conftest import REPO
from tests.strategies import offers

SCHEMA = json.loads((REPO / "schemas" / "local-offer.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("name", sorted(schemagen.SCHEMA_FILES))
def test_committed_schema_is_what_the_model_generates(name: str) -> None:
    committed = (REPO / "schemas" / name).read_text(encoding="utf-8")
    assert committed == schemagen.schema_files()[name], f"schemas/{name} is stale: run `sendlocaloffer schema -o schemas`"


def test_schema_is_draft_2020_12_with_id_titles_descriptions_and_vocabulary_enums() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"].endswith("/local-offer.schema.json")
    service = SCHEMA["$defs"]["Service"]["properties"]
    for name, prop in service.items():
        if name != "extensions":
            assert prop.get("title") and prop.get("description"), name
    status = service["status"]
    assert status["anyOf"][0]["enum"] == ["active", "inactive", "defunct", "temporarily closed"]


@given(offers())
def test_every_generated_offer_validates_against_the_schema(offer: LocalOffer) -> None:
    errors = list(VALIDATOR.iter_errors(json.loads(native.dumps(offer))))
    assert errors == []


# Mutations that a schema or a model might reject: a wrong type, an unknown field, a missing
# required field, a value out of range.
_BAD_VALUES = [None, 1, -1, 26, 1.5, True, "", "x", "autism", "javascript:alert(1)", [], {}, ["x"], {"x": 1}]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    doc = json.loads(native.dumps(draw(offers(max_services=3))))
    paths = [p for p in _paths(doc) if p]
    for _ in range(draw(st.integers(1, 2))):
        path = draw(st.sampled_from(paths))
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(_BAD_VALUES)))
        elif action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent["unexpected_field"] = 1
        paths = [p for p in _paths(doc) if p]
    return doc


@given(mutated())
def test_a_document_the_schema_rejects_is_rejected_by_the_model(doc: dict[str, Any]) -> None:
    schema_ok = VALIDATOR.is_valid(doc)
    try:
        LocalOffer.model_validate_json(json.dumps(doc), strict=True)
        model_ok = True
    except ValidationError:
        model_ok = False
    if not schema_ok:
        assert not model_ok, list(VALIDATOR.iter_errors(doc))[:1]


def test_schema_command_writes_the_schemas(tmp_path: Path) -> None:
    written = schemagen.write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(schemagen.SCHEMA_FILES)
