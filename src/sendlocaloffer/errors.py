"""The exceptions the library raises.

    SendLocalOfferError            anything this library raises on purpose
     ├── ReadError                 a file that could not be read at all (exit code 2)
     │    └── UnsafeInputError     a file refused for safety: too large, entities, a zip bomb
     ├── InvalidOfferError         read, but the model rejects it; carries the findings
     ├── FormatError               an unknown format, or one that cannot read or write
     └── MissingDependencyError    an optional extra is needed; says which to install

Every message names the file and the place in it (line and column, sheet and cell, or JSON
pointer) and says what to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checks.findings import Finding, SourceLocation

__all__ = [
    "FormatError",
    "InvalidOfferError",
    "MissingDependencyError",
    "ReadError",
    "SendLocalOfferError",
    "UnsafeInputError",
]


class SendLocalOfferError(Exception):
    """Base class of the library's errors."""


class ReadError(SendLocalOfferError):
    """The input could not be read: not there, not the format it claims, or malformed."""

    def __init__(self, message: str, *, location: SourceLocation | None = None, path: str | None = None) -> None:
        self.reason = message
        self.location = location
        self.path = path
        where = location.describe() if location is not None else ""
        if path:
            where = f"{where} at {path}" if where else f"at {path}"
        super().__init__(f"{where}: {message}" if where else message)


class UnsafeInputError(ReadError):
    """The input was refused because reading it could exhaust memory or reach outside."""


class InvalidOfferError(SendLocalOfferError):
    """The model rejected the offer; ``findings`` says where and why."""

    def __init__(self, findings: list[Finding], source: str | None = None) -> None:
        self.findings = findings
        first = findings[0].message if findings else "the offer is not valid"
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        super().__init__(f"{source + ': ' if source else ''}{first}{more}")


class FormatError(SendLocalOfferError):
    """An unknown format, or a format asked to do what it cannot."""


class MissingDependencyError(SendLocalOfferError):
    """An optional dependency is not installed."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        super().__init__(f"{purpose} needs {package}: install it with  pip install 'sendlocaloffer[{extra}]'")
