"""The command line: exit codes, the JSON report's shape, conversion, schemas and formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sendlocaloffer.cli import main
from tests.conftest import EXAMPLE
from tests.test_native_json import MINIMAL


def _write(tmp_path: Path, doc: object, name: str = "offer.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=2) if not isinstance(doc, str) else doc, encoding="utf-8")
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sendlocaloffer.cli", *args], capture_output=True, text=True, check=False)


def test_validate_example_exits_0_with_no_errors() -> None:
    if not EXAMPLE.exists():
        pytest.skip("the City of London example is not built yet")
    out = _run("validate", str(EXAMPLE), "--as-of", "2026-11-29", "--format", "json")
    report = json.loads(out.stdout)
    assert report["counts"]["error"] == 0, out.stdout
    assert out.returncode == 0


def test_validate_json_report_has_the_fixed_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(json.dumps(MINIMAL))
    doc["services"][0]["website"] = "javascript:alert(1)"
    path = _write(tmp_path, doc)
    code = main(["validate", str(path), "--format", "json", "--select", "field."])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert set(report) == {"file", "ok", "counts", "findings"}
    assert report["ok"] is False
    assert report["counts"] == {"error": 1, "warning": 0, "info": 0}
    finding = report["findings"][0]
    assert {"code", "severity", "message", "path", "location", "citation"} <= set(finding)
    assert finding["path"] == "/services/0/website"
    assert finding["location"]["file"] == str(path)
    assert finding["location"]["line"] > 1


def test_validate_writes_report_to_output(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL)
    out = tmp_path / "report.json"
    main(["validate", str(path), "--format", "json", "--output", str(out), "--select", "field."])
    assert json.loads(out.read_text())["ok"] is True


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"a": 1,}', "line 1, column 9"),
        ('{"services": [], "services": []}', 'key "services" appears twice'),
        ("{\"x\": NaN}", "NaN is not allowed"),
    ],
)
def test_unreadable_input_exits_2_with_one_line_and_no_traceback(tmp_path: Path, content: str, words: str) -> None:
    path = _write(tmp_path, content)
    out = _run("validate", str(path))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert words in out.stderr
    assert str(path) in out.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    out = _run("validate", str(tmp_path / "nope.json"))
    assert out.returncode == 2
    assert "no such file" in out.stderr
    assert "Traceback" not in out.stderr


def test_bad_usage_exits_2() -> None:
    assert _run("validate").returncode == 2
    assert _run("frobnicate").returncode == 2
    assert _run("validate", "x.json", "--as-of", "29/11/2026").returncode == 2


def test_several_files_give_one_report_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, MINIMAL, "good.json")
    bad = _write(tmp_path, {**MINIMAL, "title": 5}, "bad.json")
    code = main(["validate", str(good), str(bad), "--format", "json", "--select", "field."])
    reports = json.loads(capsys.readouterr().out)
    assert [r["file"] for r in reports] == [str(good), str(bad)]
    assert [r["ok"] for r in reports] == [True, False]
    assert code == 1


def test_convert_json_to_json_gives_the_same_bytes_and_refuses_errors(tmp_path: Path) -> None:
    src = _write(tmp_path, MINIMAL)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["convert", str(src), str(first)]) == 0
    assert main(["convert", str(first), str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    bad = _write(tmp_path, {**MINIMAL, "website": "javascript:alert(1)"}, "bad.json")
    target = tmp_path / "kept.json"
    target.write_text("keep me")
    assert main(["convert", str(bad), str(target)]) == 1
    assert target.read_text() == "keep me"


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "SEND Local Offer"


def test_formats_command_lists_native_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats"]) == 0
    assert any(line.startswith("json ") for line in capsys.readouterr().out.splitlines())


def test_input_file_is_never_changed(tmp_path: Path) -> None:
    path = _write(tmp_path, {**MINIMAL, "title": 5})
    before = path.read_bytes()
    _run("validate", str(path))
    _run("convert", str(path), str(tmp_path / "out.json"), "--force")
    assert path.read_bytes() == before


def test_rule_options_reach_the_rules() -> None:
    import datetime

    from sendlocaloffer import validate_file

    if not EXAMPLE.exists():
        pytest.skip("the City of London example is not built yet")
    as_of = datetime.date(2026, 11, 29)
    default = validate_file(EXAMPLE, as_of=as_of, select=["service.stale"])
    strict = validate_file(EXAMPLE, as_of=as_of, select=["service.stale"], rule_options={"stale_months": 1})
    assert len(strict) > len(default)


def test_a_stream_without_a_name_is_read_by_its_content(reference: Path) -> None:
    import io

    from sendlocaloffer import read

    feed = (reference / "hsds-3.1" / "examples" / "service_full.json").read_bytes()
    assert read(io.BytesIO(feed)).format in ("hsds", "oruk")
    assert read(io.BytesIO(json.dumps(MINIMAL).encode())).format == "json"
