"""Reading the offer a command works on: any readable format, errors shown with their place."""

from __future__ import annotations

import sys

from .. import api
from .._io import write_bytes
from ..checks.findings import Severity
from ..errors import ReadError
from ..formats.base import ReadResult
from ..model import LocalOffer

_SHOWN = 10


def show_findings(result: ReadResult, *, severity: Severity = Severity.ERROR, limit: int = _SHOWN) -> None:
    """Print the reader's findings at or above ``severity``, each with its place, on stderr."""
    shown = [f for f in result.findings if f.severity.at_least(severity)]
    for f in shown[:limit]:
        where = f.location.describe() if f.location else result.source
        print(f"{where}: {f.severity.value}: {f.message} [{f.code}]{' at ' + f.path if f.path else ''}", file=sys.stderr)
    if len(shown) > limit:
        print(f"... and {len(shown) - limit} more; see `sendlocaloffer validate {result.source}`", file=sys.stderr)


def read_offer(path: str, from_format: str | None, *, partial: bool) -> LocalOffer:
    """The offer in ``path``. Errors in it are printed with their place; unless ``partial``,
    any error stops the command (a ReadError: exit code 2), since a report on part of an offer
    would mislead."""
    result = api.read(path, from_format)
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    show_findings(result)
    if result.offer is None:
        raise ReadError(f"{result.source}: no offer could be read from it")
    if errors and not partial:
        raise ReadError(f"{result.source} has {len(errors)} error(s) (shown above); fix them, or pass --partial "
                        "to go on with what could be read")
    return result.offer


def emit(text: str, output: str | None) -> None:
    """Write ``text`` to ``output`` atomically, or print it."""
    if output:
        write_bytes(output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
