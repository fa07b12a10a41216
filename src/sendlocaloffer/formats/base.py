"""What every reader returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..checks.findings import Finding, Severity
from ..model import LocalOffer

__all__ = ["ReadResult"]


@dataclass
class ReadResult:
    """An offer as read (None when nothing valid could be made of it) and the findings the
    reader and the model made on the way, each with its place in the source."""

    offer: LocalOffer | None
    findings: list[Finding] = field(default_factory=list)
    source: str | None = None
    format: str | None = None

    @property
    def ok(self) -> bool:
        """True when the offer was read whole: no finding is an error."""
        return self.offer is not None and not any(f.severity is Severity.ERROR for f in self.findings)
