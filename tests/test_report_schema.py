"""The JSON report of both examples validates against schemas/report.schema.json."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import sendlocaloffer
from sendlocaloffer import schemagen
from sendlocaloffer.checks.findings import Finding, Report, Severity
from sendlocaloffer.checks.render import render_json

from .conftest import EXAMPLE, REPO

SCHEMA_FILE = REPO / "schemas" / "report.schema.json"
BROKEN = REPO / "examples" / "broken" / "offer.json"


def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _report_json(*files: Path) -> Any:
    reports = [sendlocaloffer.validate_file(f, as_of=dt.date(2026, 11, 29)) for f in files]
    return json.loads(render_json(reports))


def test_committed_schema_is_the_generated_one() -> None:
    assert SCHEMA_FILE.read_text("utf-8") == schemagen.dumps(schemagen.report_schema())


@pytest.mark.parametrize("example", [EXAMPLE, BROKEN], ids=["city-of-london", "broken"])
def test_example_report_validates(example: Path) -> None:
    data = _report_json(example)
    assert data["findings"], "an empty report would prove little"
    _validator().validate(data)


def test_report_of_several_files_validates() -> None:
    _validator().validate(_report_json(EXAMPLE, BROKEN))


@pytest.mark.parametrize("broken", [
    {"ok": "yes"},
    {"counts": {"error": -1, "warning": 0, "info": 0}},
    {"findings": [{"code": "Service-Stale", "severity": "warning", "message": "m", "path": "", "location": None,
                   "citation": None, "value": None}]},
    {"findings": [{"code": "service.stale", "severity": "fatal", "message": "m", "path": "", "location": None,
                   "citation": None, "value": None}]},
    {"findings": [{"code": "service.stale", "severity": "warning", "message": "m", "path": "services/1",
                   "location": None, "citation": None, "value": None}]},
])
def test_schema_refuses_a_malformed_report(broken: dict[str, Any]) -> None:
    data = {**_report_json(BROKEN), **broken}
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(data)


def test_reader_and_unreadable_findings_fit_the_schema() -> None:
    unreadable = Finding(code="input.unreadable", severity=Severity.ERROR, message="Not JSON.", path="")
    field = Finding(code="field.postcode", severity=Severity.ERROR, message="Bad postcode.",
                    path="/locations/0/address/postcode", value="XX")
    _validator().validate(json.loads(render_json([Report([unreadable, field], file="x.json")])))
