"""Validate Local Offer files: what is missing, wrong or stale, where, and why it matters.

Give several files to check many offers at once (one report a file). Exit code 0 when no
finding is at or above --fail-on, 1 when one is, 2 when a file could not be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import sys

from .. import api
from .._io import write_bytes
from ..checks.findings import Finding, Report, Severity, SourceLocation
from ..checks.registry import RESERVED_PREFIXES, iter_rules
from ..checks.render import render
from ..errors import FormatError, ReadError


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def _severity(text: str) -> tuple[str, Severity]:
    code, sep, level = text.partition("=")
    try:
        if not sep:
            raise ValueError
        return code.strip(), Severity(level.strip().lower())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} should be CODE=error, CODE=warning or CODE=info") from None


def _matches_rule(code: str, known: list[str]) -> bool:
    stem = code.rstrip(".")
    return any(k == stem or k.startswith(stem + ".") for k in known)


def _check_codes(select: list[str], ignore: list[str], severities: dict[str, Severity]) -> str | None:
    """The usage error for codes that cannot be meant, or None. A code in a rule group (such
    as a misspelt ``service.stal``) must name a rule, and so must a severity override; other
    codes may be a reader's (``hsds.``, ``sheet.``), so they only draw a note."""
    known = [r.code for r in iter_rules()]
    groups = {k.split(".", 1)[0] for k in known}
    for code in severities:
        if not _matches_rule(code, known):
            return f"--severity: no rule has the code {code!r}; see docs/rules.md for the list"
    for code in [*select, *ignore]:
        if _matches_rule(code, known) or code.startswith(RESERVED_PREFIXES) or code.rstrip(".") + "." in RESERVED_PREFIXES:
            continue
        if code.split(".", 1)[0] in groups:
            return f"no rule has the code {code!r}; see docs/rules.md for the list"
        print(f"sendlocaloffer: note: no rule has the code {code!r}; it is taken as a reader's or SHACL code", file=sys.stderr)
    return None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="offers to check (any readable format)")
    parser.add_argument("--from", dest="from_format", metavar="FORMAT", help="the files' format, when it cannot be told")
    parser.add_argument("--format", choices=["text", "json", "html"], default="text", help="how to print the report")
    parser.add_argument("--output", "-o", metavar="PATH", help="write the report here instead of printing it")
    parser.add_argument("--as-of", type=_date, metavar="DATE", help="judge staleness as of this date (default today)")
    parser.add_argument("--select", type=_codes, metavar="CODES", help="only these codes (comma-separated; a prefix like service. takes a group)")
    parser.add_argument("--ignore", type=_codes, metavar="CODES", help="leave out these codes")
    parser.add_argument("--severity", type=_severity, action="append", metavar="CODE=LEVEL",
                        help="report a rule at another severity, such as service.stale=error (repeatable)")
    parser.add_argument("--fail-on", choices=["error", "warning"], default="error", help="the severity that makes the exit code 1")
    parser.add_argument("--annotate", metavar="OUT.xlsx", help="for a workbook: write a copy with each problem cell marked and explained")
    parser.add_argument("--shacl", action="store_true", help="for RDF: also check the graph against the SHACL shapes (needs the shacl extra)")


def run(args: argparse.Namespace) -> int:
    fail_on = Severity(args.fail_on)
    severities = dict(args.severity or [])
    problem = _check_codes(args.select or [], args.ignore or [], severities)
    if problem:
        print(f"sendlocaloffer: {problem}", file=sys.stderr)
        return 2
    reports: list[Report] = []
    unreadable = False
    for path in args.files:
        try:
            report = api.validate_file(path, args.from_format, as_of=args.as_of, select=args.select,
                                       ignore=args.ignore, severities=severities, fail_on=fail_on)
        except (ReadError, FormatError) as exc:
            unreadable = True
            location = getattr(exc, "location", None) or SourceLocation(file=path)
            report = Report([Finding(code="input.unreadable", severity=Severity.ERROR, message=str(exc),
                                     path=getattr(exc, "path", None) or "", location=location)],
                            file=path, fail_on=fail_on)
            print(f"sendlocaloffer: {exc}", file=sys.stderr)
        else:
            if args.shacl:
                rdf = importlib.import_module("sendlocaloffer.formats.rdf")
                report.extend(rdf.shacl_findings(path))
            if args.annotate:
                xlsx = importlib.import_module("sendlocaloffer.formats.xlsx")
                xlsx.annotate(path, report, args.annotate)
        reports.append(report)
    fmt = args.format
    colour = fmt == "text" and not args.output and sys.stdout.isatty()
    text = render(reports, fmt, colour=colour)
    if args.output:
        write_bytes(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    if unreadable:
        return 2
    return 0 if all(r.ok for r in reports) else 1
