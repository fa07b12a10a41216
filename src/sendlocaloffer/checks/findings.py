"""Findings and reports: what is wrong, where, why it matters and what to do.

Findings are data. Readers, the model and the rules make them; renderers only present them.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Finding", "Report", "Severity", "SourceLocation", "pointer", "shorten"]


class Severity(str, enum.Enum):
    """How much a finding matters. Errors break the law or the data; warnings are
    likely problems; info is advice."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def shorten(value: Any, limit: int = 80) -> str | None:
    """The offending value as short text for a message, or None."""
    if value is None:
        return None
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split()) if len(text) < 10 * limit else " ".join(text[: 10 * limit].split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pointer(parts: Iterable[str | int]) -> str:
    """A JSON pointer (RFC 6901) from path parts: ``("services", 3, "name")`` -> ``/services/3/name``."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


class SourceLocation(BaseModel):
    """Where a finding is in the file it was read from, as far as the reader knows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str | None = Field(None, description="The file's path as given.")
    sheet: str | None = Field(None, description="The worksheet (or CSV file) name.")
    cell: str | None = Field(None, description="The cell, such as Services!F12.")
    header: str | None = Field(None, description="The column's header.")
    row_key: str | None = Field(None, description="The key of the row, such as the service's name or id.")
    line: int | None = Field(None, description="The line number, counting from 1.")
    column: int | None = Field(None, description="The column number on that line, counting from 1.")
    subject: str | None = Field(None, description="For RDF, the subject IRI.")

    def describe(self) -> str:
        """The place in words: ``offer.xlsx, Services!F12 (Postcode)`` or ``offer.json, line 3, column 7, 'Portage'``."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.cell:
            where = self.cell if not self.header else f"{self.cell} ({self.header})"
            parts.append(where)
        elif self.sheet:
            parts.append(self.sheet)
        if self.line is not None:
            parts.append(f"line {self.line}" + (f", column {self.column}" if self.column is not None else ""))
        if self.subject:
            parts.append(f"<{self.subject}>")
        if self.row_key:
            parts.append(f"'{self.row_key}'")
        return ", ".join(parts)


class Finding(BaseModel):
    """One problem (or piece of advice) about an offer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="A stable code, such as service.no_contact.")
    severity: Severity = Field(description="error, warning or info.")
    message: str = Field(description="What is wrong and what to do, for a council officer.")
    path: str = Field("", description="Where in the offer, as a JSON pointer into its native JSON.")
    location: SourceLocation | None = Field(None, description="Where in the source file, when the reader knows.")
    citation: str | None = Field(None, description="The regulation, Code of Practice chapter or standard the rule comes from.")
    value: str | None = Field(None, description="The offending value, shortened.")

    def with_location(self, location: SourceLocation | None) -> Finding:
        return self if location is None else self.model_copy(update={"location": location})


class Report:
    """The findings about one offer (or one file), with counts and filters."""

    def __init__(self, findings: Iterable[Finding] = (), *, file: str | None = None,
                 fail_on: Severity = Severity.ERROR) -> None:
        self.findings: list[Finding] = list(findings)
        self.file = file
        self.fail_on = fail_on

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    @property
    def ok(self) -> bool:
        """True when no finding is at or above the failing severity."""
        return not any(f.severity.at_least(self.fail_on) for f in self.findings)

    def counts(self) -> dict[str, int]:
        """Findings by severity, every severity present (zero when none)."""
        c = Counter(f.severity.value for f in self.findings)
        return {s.value: c.get(s.value, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}

    def counts_by_code(self) -> dict[str, int]:
        return dict(sorted(Counter(f.code for f in self.findings).items()))

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def filter(self, *, codes: Iterable[str] | None = None, severity: Severity | None = None,
               exclude: Iterable[str] | None = None) -> Report:
        """A report of the findings with one of ``codes`` (prefixes allowed, ``service.`` takes
        every service rule), at or above ``severity``, and none of ``exclude``."""
        wanted = tuple(codes) if codes is not None else None
        unwanted = tuple(exclude or ())
        out = [
            f
            for f in self.findings
            if (wanted is None or _matches(f.code, wanted))
            and not _matches(f.code, unwanted)
            and (severity is None or f.severity.at_least(severity))
        ]
        return Report(out, file=self.file, fail_on=self.fail_on)

    def grouped(self) -> list[tuple[str, Severity, str, list[Finding]]]:
        """One entry per (code, message): the places it occurs, most severe first."""
        groups: dict[tuple[str, str], list[Finding]] = {}
        for f in self.findings:
            groups.setdefault((f.code, f.message), []).append(f)
        rows = [(code, fs[0].severity, msg, fs) for (code, msg), fs in groups.items()]
        rows.sort(key=lambda r: (-r[1].rank, r[0], r[2]))
        return rows

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (-f.severity.rank, f.code, f.path))

    def to_dict(self) -> dict[str, Any]:
        """The JSON report: ``{"file", "ok", "counts", "findings": [...]}``."""
        return {
            "file": self.file,
            "ok": self.ok,
            "counts": self.counts(),
            "findings": [f.model_dump(mode="json", exclude_none=False) for f in self.sorted()],
        }


def _matches(code: str, patterns: tuple[str, ...]) -> bool:
    return any(code == p or (p.endswith(".") and code.startswith(p)) or code.startswith(p + ".") for p in patterns)
