"""Generated documentation matches the model and the vocabularies."""

from __future__ import annotations

import pytest

from sendlocaloffer import docgen
from tests.conftest import REPO


@pytest.mark.parametrize("name", sorted(docgen.DOCS))
def test_generated_docs_are_current(name: str) -> None:
    committed = (REPO / "docs" / name).read_text(encoding="utf-8")
    assert committed == docgen.DOCS[name](), f"docs/{name} is stale: run `python -m sendlocaloffer.docgen docs`"


def test_model_reference_covers_every_field_of_every_model() -> None:
    from sendlocaloffer.model import LocalOffer, Service

    text = docgen.model_reference()
    for cls in (LocalOffer, Service):
        for field in cls.model_fields:
            assert f"| `{field}` |" in text


def test_readme_commands_are_the_ones_ci_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(line.strip() for line in readme.splitlines() if "pytest" in line and "pip install" in line)
    assert test_command in ci
