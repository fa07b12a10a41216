"""The renderers present findings and decide nothing: text, JSON and HTML."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import sendlocaloffer
from sendlocaloffer.checks.findings import Finding, Report, Severity, SourceLocation
from sendlocaloffer.checks.html import render_html
from sendlocaloffer.checks.render import render, render_json, render_text
from sendlocaloffer.cli import main

from .conftest import EXAMPLE, REPO

BROKEN = REPO / "examples" / "broken" / "offer.json"
AS_OF = dt.date(2026, 11, 29)


def _broken() -> Report:
    return sendlocaloffer.validate_file(BROKEN, as_of=AS_OF)


def _finding(i: int, code: str = "service.stale", severity: Severity = Severity.WARNING) -> Finding:
    return Finding(code=code, severity=severity, message="Check it.", path=f"/services/{i}/last_checked",
                   location=SourceLocation(file="o.json", line=i + 1, row_key=f"Service {i}"), value="2020-01-01",
                   citation="SEND Code of Practice 0-25 (2015) chapter 4")


# --- text -------------------------------------------------------------------------------------


def test_text_starts_with_counts_and_groups_one_message_over_many_places() -> None:
    report = Report([_finding(i) for i in range(3)], file="o.json")
    text = render_text([report])
    first = text.splitlines()[0]
    assert first == "o.json: ok - 0 errors, 3 warnings, 0 info"
    assert text.count("Check it.") == 1
    assert "(3 places)" in text
    assert "o.json, line 2, 'Service 1', at /services/1/last_checked [2020-01-01]" in text
    assert "fix: " in text and "see: " in text


def test_text_caps_places_and_says_how_many_more() -> None:
    report = Report([_finding(i) for i in range(14)], file="o.json")
    text = render_text([report], max_places=10)
    assert "... and 4 more" in text
    assert "'Service 13'" not in text


def test_text_puts_errors_first() -> None:
    text = render_text([_broken()])
    severities = re.findall(r"^  (ERROR|WARNING|INFO) ", text, flags=re.MULTILINE)
    order = {"ERROR": 0, "WARNING": 1, "INFO": 2}
    assert severities == sorted(severities, key=order.__getitem__) and len(set(severities)) == 3


def test_colour_only_when_asked() -> None:
    report = _broken()
    assert "\033[" not in render_text([report])
    assert "\033[1;31mERROR\033[0m" in render_text([report], colour=True)


def test_several_files_give_one_report_each_and_a_total() -> None:
    ok, bad = Report([], file="a.json"), Report([_finding(0, severity=Severity.ERROR)], file="b.json")
    text = render_text([ok, bad])
    assert text.startswith("a.json: ok - 0 errors")
    assert "b.json: NOT OK - 1 error," in text
    assert text.rstrip().endswith("2 files checked: 1 ok, 1 not ok")


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="text, json, html"):
        render([Report([])], "yaml")


# --- JSON -------------------------------------------------------------------------------------


def test_json_has_the_fixed_shape() -> None:
    data = json.loads(render_json([_broken()]))
    assert set(data) == {"file", "ok", "counts", "findings"}
    assert data["ok"] is False and data["file"].endswith("offer.json")
    assert set(data["counts"]) == {"error", "warning", "info"}
    assert sum(data["counts"].values()) == len(data["findings"])
    for f in data["findings"]:
        assert set(f) == {"code", "severity", "message", "path", "location", "citation", "value"}


def test_json_of_several_reports_is_an_array() -> None:
    data = json.loads(render_json([Report([], file="a"), Report([], file="b")]))
    assert [d["file"] for d in data] == ["a", "b"]


# --- HTML -------------------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_html_is_one_self_contained_page_without_script() -> None:
    html = render_html([_broken()])
    page = _page(html)
    names = [t for t, _ in page.tags]
    assert names.count("html") == 1 and "script" not in names
    assert not any(t in names for t in ("link", "img", "iframe", "object", "embed"))
    for _, attrs in page.tags:
        for key in ("src", "href"):
            value = attrs.get(key)
            assert value is None or value.startswith("#"), value
    assert "url(" not in html and "@import" not in html


def test_html_is_accessible_in_structure() -> None:
    page = _page(render_html([_broken(), sendlocaloffer.validate_file(EXAMPLE, as_of=AS_OF)]))
    html_tag = next(a for t, a in page.tags if t == "html")
    assert html_tag.get("lang") == "en-GB"
    assert page.headings[0] == 1 and page.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:], strict=False)), "a heading level is skipped"
    ids = [a["id"] for _, a in page.tags if a.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for ref in (a.get("aria-labelledby") for _, a in page.tags):
        assert ref is None or ref in ids
    assert {"header", "main", "footer", "title", "caption"} <= {t for t, _ in page.tags}
    assert all(a.get("scope") in ("col", "row") for t, a in page.tags if t == "th")


def test_html_gives_summary_first_then_findings_by_severity_with_place_and_fix() -> None:
    html = render_html([_broken()])
    summary, errors, warnings, advice = (html.index(s) for s in
                                         ('id="summary"', ">Errors (", ">Warnings (", ">Advice ("))
    assert summary < errors < warnings < advice
    assert html.count("How to fix it") == len(_broken().codes())
    assert "line " in html and "&#x27;Chess Club&#x27;" in html and "/services/10/last_checked" in html


def test_html_escapes_what_the_offer_says() -> None:
    hostile = Finding(code="quality.placeholder", severity=Severity.WARNING, message="Replace it.",
                      path="/services/0/name", value="<script>alert(1)</script>")
    html = render_html([Report([hostile], file="<b>x</b>.json")])
    assert "<script>" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;" in html


def test_html_caps_places_for_huge_reports() -> None:
    from sendlocaloffer.checks import html as html_module

    report = Report([_finding(i) for i in range(html_module.MAX_PLACES + 5)], file="o.json")
    out = render_html([report])
    assert "and 5 more" in out
    assert out.count("<li>") == html_module.MAX_PLACES + 1


def test_html_for_a_clean_report_says_so() -> None:
    assert "No problems found." in render_html([Report([], file="a.json")])


# --- command line -----------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``sendlocaloffer validate`` in this process (fast), as a finished process would report."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["validate", *args])
        except SystemExit as exc:
            code = int(exc.code or 0)
    return subprocess.CompletedProcess(["sendlocaloffer", "validate", *args], code, out.getvalue(), err.getvalue())


def test_cli_writes_an_html_report(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    run = _cli(str(BROKEN), "--as-of", "2026-11-29", "--format", "html", "--output", str(out))
    assert run.returncode == 1 and run.stdout == ""
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_cli_several_files_one_report_each() -> None:
    run = _cli(str(EXAMPLE), str(BROKEN), "--as-of", "2026-11-29", "--format", "json")
    assert run.returncode == 1
    data = json.loads(run.stdout)
    assert [d["ok"] for d in data] == [True, False]


def test_cli_severity_override_and_fail_on() -> None:
    assert _cli(str(EXAMPLE), "--as-of", "2026-11-29").returncode == 0
    assert _cli(str(EXAMPLE), "--as-of", "2026-11-29", "--fail-on", "warning").returncode == 1
    assert _cli(str(EXAMPLE), "--as-of", "2026-11-29", "--severity", "service.stale=error").returncode == 1
    assert _cli(str(EXAMPLE), "--as-of", "2026-11-29", "--fail-on", "warning", "--ignore", "service.stale").returncode == 0


@pytest.mark.parametrize("args", [["--select", "service.stal"], ["--severity", "service.stale=fatal"],
                                  ["--severity", "service.stale"], ["--ignore", "quality.placeholders"],
                                  ["--severity", "hsds.html=info"]])
def test_cli_bad_codes_are_bad_usage(args: list[str]) -> None:
    run = _cli(str(EXAMPLE), *args)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and run.stderr.strip()


def test_cli_accepts_model_and_reader_code_prefixes() -> None:
    assert _cli(str(EXAMPLE), "--as-of", "2026-11-29", "--ignore", "field.,input.unreadable").returncode == 0


def test_cli_takes_other_codes_as_a_readers_with_a_note() -> None:
    run = _cli(str(EXAMPLE), "--as-of", "2026-11-29", "--ignore", "hsds.html")
    assert run.returncode == 0 and "hsds.html" in run.stderr and "reader" in run.stderr
