"""What every reader returns."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..checks.findings import Finding, Severity, SourceLocation
from ..model import LocalOffer

__all__ = ["Locator", "ReadResult"]

#: Maps JSON pointers into the offer to places in the source (lines, cells, subjects), in one
#: batch; a pointer with no place of its own is simply left out of the answer.
Locator = Callable[[Sequence[str]], Mapping[str, SourceLocation]]


@dataclass
class ReadResult:
    """An offer as read (None when nothing valid could be made of it) and the findings the
    reader and the model made on the way, each with its place in the source."""

    offer: LocalOffer | None
    findings: list[Finding] = field(default_factory=list)
    source: str | None = None
    format: str | None = None
    locator: Locator | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """True when the offer was read whole: no finding is an error."""
        return self.offer is not None and not any(f.severity is Severity.ERROR for f in self.findings)

    def place(self, findings: Sequence[Finding]) -> list[Finding]:
        """``findings`` (such as the rules') with their place in the source, where the reader
        can tell it: what the finding already says of its place is kept (a row key, say), and
        the reader's file, line, sheet and cell are added."""
        if self.locator is None:
            return list(findings)

        def placed(f: Finding) -> bool:
            loc = f.location
            return loc is not None and (loc.line is not None or loc.cell is not None or loc.subject is not None)

        wanted = sorted({f.path for f in findings if not placed(f)})
        places = self.locator(wanted) if wanted else {}
        out = []
        for f in findings:
            found = places.get(f.path) if not placed(f) else None
            if found is not None:
                own = f.location.model_dump(exclude_none=True) if f.location else {}
                f = f.with_location(found.model_copy(update=own))
            out.append(f)
        return out
