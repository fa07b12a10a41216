"""Text helpers shared by the rules: markup stripped, text folded for comparison."""

from __future__ import annotations

import html
import re

__all__ = ["fold", "plain", "plural"]

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain(text: str | None) -> str:
    """The visible text of ``text``: HTML tags and entities removed, spaces collapsed.
    ``<p><br></p>`` and ``&nbsp;`` become empty, as real feeds show they should."""
    if not text:
        return ""
    if "<" in text or "&" in text:
        text = html.unescape(_TAG.sub(" ", text))
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def fold(text: str | None) -> str:
    """``text`` for comparing: visible text only, case-folded."""
    return plain(text).casefold()


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
