"""The native JSON format: lossless, deterministic, careful with what Python's json lets through."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given

import sendlocaloffer
from sendlocaloffer.errors import InvalidOfferError, ReadError
from sendlocaloffer.formats import native
from sendlocaloffer.model import LocalOffer
from tests.strategies import offers

MINIMAL = {
    "schema_version": "1.0",
    "id": "6f1c2a3e-8b1b-4c57-9d5a-1c2b3d4e5f60",
    "local_authority": {"name": "City of London Corporation", "gss_code": "E09000001"},
    "title": "City of London SEND Local Offer",
    "services": [{"id": "6f1c2a3e-8b1b-4c57-9d5a-1c2b3d4e5f61", "name": "Speech and language therapy"}],
}


def _write(tmp_path: Path, text: str | bytes, name: str = "offer.json") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


@given(offers())
def test_dump_then_load_returns_an_equal_offer_and_the_same_bytes(offer: LocalOffer) -> None:
    first = native.dumps(offer)
    again = sendlocaloffer.load(io.BytesIO(first))
    assert again == offer
    assert native.dumps(again) == first
    assert native.dumps(offer) == first


def test_document_carries_its_schema_version_first() -> None:
    offer = LocalOffer.model_validate(MINIMAL)
    assert native.dumps(offer).startswith(b'{\n  "schema_version": "1.0",\n')


def test_dump_to_path_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    offer = LocalOffer.model_validate(MINIMAL)
    target = tmp_path / "out.json"
    sendlocaloffer.dump(offer, target)
    sendlocaloffer.dump(offer, target)
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    assert sendlocaloffer.load(target) == offer


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path, b"\xef\xbb\xbf" + json.dumps(MINIMAL).encode())
    assert sendlocaloffer.load(path).title == MINIMAL["title"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_decoded(tmp_path: Path, encoding: str) -> None:
    path = _write(tmp_path, json.dumps(MINIMAL).encode(encoding))
    assert sendlocaloffer.load(path).title == MINIMAL["title"]


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('{\n  "title": "x",\n  "title" "y"\n}', 3, 11, "not valid JSON"),
        ('{\n  "services": [],\n  "services": [1]\n}', 3, 3, 'key "services" appears twice'),
        ('{\n  "x": NaN\n}', 2, 8, "NaN is not allowed"),
        ('{\n  "x": -Infinity\n}', 2, 8, "Infinity is not allowed"),
        ('{"x": ' + "9" * 5000 + "}", 1, 7, "5000 digits"),
        ('{\n "x": "\\ud800"\n}', 2, 8, "surrogate"),
        ("[" * 100_000 + "]" * 100_000, 1, 65, "nested more than"),
    ],
)
def test_what_json_lets_through_is_refused_with_line_and_column(tmp_path: Path, text: str, line: int, column: int, words: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ReadError) as exc:
        sendlocaloffer.read(path)
    assert exc.value.location is not None
    assert (exc.value.location.line, exc.value.location.column) == (line, column)
    assert words in str(exc.value)
    assert str(path) in str(exc.value)


def test_duplicate_key_names_its_json_pointer(tmp_path: Path) -> None:
    doc = json.dumps(MINIMAL)[:-1] + ', "services": []}'
    with pytest.raises(ReadError) as exc:
        sendlocaloffer.read(_write(tmp_path, doc))
    assert exc.value.path == ""
    doc = json.dumps({**MINIMAL, "local_authority": {"name": "a"}}).replace('"name": "a"', '"name": "a", "name": "b"')
    with pytest.raises(ReadError) as exc:
        sendlocaloffer.read(_write(tmp_path, doc))
    assert exc.value.path == "/local_authority"


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        sendlocaloffer.read(tmp_path / "nope.json")


def test_top_level_must_be_an_object(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="not an object"):
        sendlocaloffer.read(_write(tmp_path, "[1, 2]"))


def test_model_errors_are_findings_with_pointer_line_and_column(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(MINIMAL))
    svc = doc["services"][0]
    svc["eligibility"] = {"min_age": 30, "needs": ["autism"]}
    svc["website"] = "javascript:alert(1)"
    svc["location_ids"] = "not a list"
    doc["local_authority"]["gss_code"] = "E0900"
    del doc["title"]
    path = _write(tmp_path, json.dumps(doc, indent=2))
    before = path.read_bytes()
    result = sendlocaloffer.read(path)
    assert path.read_bytes() == before
    by_path = {f.path: f for f in result.findings}
    assert by_path["/services/0/eligibility/min_age"].code == "field.range"
    assert by_path["/services/0/eligibility/needs/0"].code == "field.vocabulary"
    assert "Did you mean 'ASD'?" in by_path["/services/0/eligibility/needs/0"].message
    assert by_path["/services/0/website"].code == "field.url"
    assert by_path["/services/0/location_ids"].code == "field.type"
    assert by_path["/local_authority/gss_code"].code == "field.area_code"
    assert by_path["/title"].code == "field.missing"
    assert "Title is required" in by_path["/title"].message
    website = by_path["/services/0/website"].location
    assert website is not None and website.file == str(path)
    lines = path.read_text().splitlines()
    assert website.line is not None and website.column is not None
    assert lines[website.line - 1][website.column - 1 :].startswith('"javascript:')


def test_the_rest_of_an_offer_survives_one_bad_service(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(MINIMAL))
    doc["services"].append({"id": "6f1c2a3e-8b1b-4c57-9d5a-1c2b3d4e5f62", "name": "Bad", "website": "javascript:x"})
    doc["services"].append({"id": "6f1c2a3e-8b1b-4c57-9d5a-1c2b3d4e5f63"})
    result = sendlocaloffer.read(_write(tmp_path, json.dumps(doc)))
    assert result.offer is not None
    assert [s.name for s in result.offer.services] == ["Speech and language therapy", "Bad"]
    assert result.offer.services[1].website is None
    assert {f.path for f in result.findings} == {"/services/1/website", "/services/2/name"}
    with pytest.raises(InvalidOfferError):
        sendlocaloffer.load(_write(tmp_path, json.dumps(doc)))


def test_strict_types_in_json(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(MINIMAL))
    doc["services"][0]["eligibility"] = {"min_age": "5"}
    doc["services"][0]["send_specific"] = "yes"
    result = sendlocaloffer.read(_write(tmp_path, json.dumps(doc)))
    assert {f.path for f in result.findings} == {"/services/0/eligibility/min_age", "/services/0/send_specific"}


def test_rule_findings_get_the_line_and_column_of_their_pointer(tmp_path: Path) -> None:
    from sendlocaloffer.checks.registry import RULES, rule

    @rule("test.every_service", "info", "Every service", citation="test", why="test", fix="test")
    def _every_service(ctx):  # type: ignore[no-untyped-def]
        for i, s in enumerate(ctx.offer.services):
            yield f"/services/{i}/name", f"service {s.name}", s.name
            yield f"/services/{i}/email", "no e-mail (a missing value points at its object)", None

    try:
        path = _write(tmp_path, json.dumps(MINIMAL, indent=2))
        report = sendlocaloffer.validate_file(path, select=["test."])
    finally:
        RULES.pop("test.every_service")
    lines = path.read_text().splitlines()
    by_path = {f.path: f.location for f in report}
    name, email = by_path["/services/0/name"], by_path["/services/0/email"]
    assert name is not None and name.line is not None and name.column is not None
    assert lines[name.line - 1][name.column - 1 :].startswith('"Speech and language therapy"')
    assert email is not None and email.line is not None and email.column is not None
    assert lines[email.line - 1][email.column - 1 :].startswith("{")
